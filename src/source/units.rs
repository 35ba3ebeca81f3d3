//! Reporting units. A project holds one unit's years as `data/<YEAR>.yaml`,
//! or several units as `data/<unit>/<YEAR>.yaml` (both at once is fine). A
//! unit may declare its children in `data/<unit>/unit.yaml`; a parent's
//! metric marked `rollup: sum` must equal the sum of its children's.
//!
//! A [`Job`] is one report: a unit's year. Commands turn what was asked for
//! (a year or all, a unit or all, a shard) into jobs.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::error::Error;
use crate::source::config::Project;
use crate::source::yaml::{self, Spanned};
use crate::tr;

/// The file in a unit's folder that names it and its children.
pub(crate) const UNIT_FILE: &str = "unit.yaml";

/// One report to make.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Job {
    /// `None` for the years kept directly in `data/`.
    pub(crate) unit: Option<String>,
    pub(crate) year: u16,
}

impl Job {
    pub(crate) fn data_dir(&self, project: &Project) -> PathBuf {
        unit_dir(&project.data_dir, self.unit.as_deref())
    }

    pub(crate) fn out_dir(&self, project: &Project) -> PathBuf {
        unit_dir(&project.out_dir, self.unit.as_deref())
    }

    /// `2017`, or `tongchuan 2017` for a unit.
    pub(crate) fn label(&self) -> String {
        match &self.unit {
            Some(unit) => format!("{unit} {}", self.year),
            None => self.year.to_string(),
        }
    }
}

fn unit_dir(base: &Path, unit: Option<&str>) -> PathBuf {
    unit.map_or_else(|| base.to_path_buf(), |unit| base.join(unit))
}

/// What a command was asked to cover.
#[derive(Debug, Clone, Default)]
pub(crate) struct Selection {
    /// One year, or every year.
    pub(crate) year: Option<u16>,
    /// One unit, or every unit.
    pub(crate) unit: Option<String>,
    /// Shard `k` of `n` (1-based), so `n` CI jobs split the units.
    pub(crate) shard: Option<(usize, usize)>,
}

/// A unit's name (`None` for `data/` itself) and its years.
pub(crate) type Unit = (Option<String>, Vec<u16>);

/// The units of a project with their years: `None` when `data/` itself
/// holds year files, then every sub-folder that does, in name order. A
/// folder that cannot be listed is an error, not a unit with fewer years.
pub(crate) fn units(project: &Project) -> Result<Vec<Unit>, Error> {
    let listed = |dir: &std::path::Path| {
        crate::source::files::available_years(dir).map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })
    };
    let mut units = Vec::new();
    let own = listed(&project.data_dir)?;
    if !own.is_empty() {
        units.push((None, own));
    }
    let mut named = Vec::new();
    for entry in fs::read_dir(&project.data_dir).into_iter().flatten() {
        let entry = entry.map_err(|source| Error::Read {
            path: project.data_dir.clone(),
            source,
        })?;
        if !entry.path().is_dir() {
            continue;
        }
        let years = listed(&entry.path())?;
        if let (Ok(name), false) = (entry.file_name().into_string(), years.is_empty()) {
            named.push((name, years));
        }
    }
    named.sort();
    units.extend(named.into_iter().map(|(name, years)| (Some(name), years)));
    Ok(units)
}

/// The reports a selection covers, in order of unit and year.
pub(crate) fn jobs(project: &Project, selection: &Selection) -> Result<Vec<Job>, Error> {
    let mut units = units(project)?;
    if let Some(wanted) = &selection.unit {
        if !units
            .iter()
            .any(|(u, _)| u.as_deref() == Some(wanted.as_str()))
        {
            let names: Vec<&str> = units.iter().filter_map(|(u, _)| u.as_deref()).collect();
            return Err(Error::Invalid(vec![
                Diagnostic::error(tr!(
                    "没有名为 `{wanted}` 的单位（data/{wanted}/ 下没有年份数据）",
                    "no unit `{wanted}` (data/{wanted}/ holds no year files)"
                ))
                .code("unknown-unit")
                .hint(if names.is_empty() {
                    tr!("这个项目没有分单位", "this project has no units")
                } else {
                    tr!("已有的单位：{}", "units: {}", crate::lang::list(&names))
                }),
            ]));
        }
        units.retain(|(u, _)| u.as_deref() == Some(wanted.as_str()));
    }
    if let Some((k, n)) = selection.shard {
        units = units
            .into_iter()
            .enumerate()
            .filter(|(index, _)| index % n == k - 1)
            .map(|(_, unit)| unit)
            .collect();
    }
    let mut jobs = Vec::new();
    for (unit, years) in units {
        match selection.year {
            Some(year) if years.contains(&year) => jobs.push(Job { unit, year }),
            Some(_) => {}
            None => jobs.extend(years.into_iter().map(|year| Job {
                unit: unit.clone(),
                year,
            })),
        }
    }
    if jobs.is_empty() && selection.shard.is_none() {
        return Err(match selection.year {
            Some(year) => {
                let available = all_years(project);
                let new = available.last().filter(|last| **last < year).map(|_| {
                    let unit = selection.unit.as_deref().map_or_else(String::new, |unit| {
                        format!(" --unit {}", crate::source::config::quoted(unit))
                    });
                    project.invoked.command(&format!("new {year}{unit}"))
                });
                Error::YearNotFound {
                    year,
                    path: project.shown(&crate::source::files::year_file(
                        &unit_dir(&project.data_dir, selection.unit.as_deref()),
                        year,
                    )),
                    available,
                    new,
                }
            }
            None => Error::NoData {
                path: project.shown(&project.data_dir),
            },
        });
    }
    Ok(jobs)
}

fn all_years(project: &Project) -> Vec<u16> {
    let mut years: Vec<u16> = units(project)
        .unwrap_or_default()
        .into_iter()
        .flat_map(|(_, years)| years)
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The one report `watch` and `serve` follow: the year given, or the
/// latest, of the unit given.
pub(crate) fn one(
    project: &Project,
    year: Option<u16>,
    unit: Option<String>,
) -> Result<Job, Error> {
    let selection = Selection {
        year,
        unit,
        shard: None,
    };
    jobs(project, &selection)?.pop().ok_or(Error::NoData {
        path: project.shown(&project.data_dir),
    })
}

/// Parses `K/N` for `--shard`.
pub(crate) fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let wrong = || {
        tr!(
            "分片写成 K/N，1 ≤ K ≤ N，例如 2/4",
            "write a shard as K/N with 1 ≤ K ≤ N, e.g. 2/4"
        )
    };
    let (k, n) = text.split_once('/').ok_or_else(wrong)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| wrong())?,
        n.trim().parse().map_err(|_| wrong())?,
    );
    if k == 0 || n == 0 || k > n {
        return Err(wrong());
    }
    Ok((k, n))
}

/// A unit's `unit.yaml`.
#[derive(Debug)]
pub(crate) struct UnitFile {
    pub(crate) file: SourceFile,
    pub(crate) children: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    /// The unit's name, for people reading the file.
    #[allow(dead_code)]
    name: Option<String>,
    #[serde(default)]
    children: Vec<Spanned<String>>,
}

/// The unit's declaration, if it has one.
pub(crate) fn unit_file(project: &Project, unit: Option<&str>) -> Result<Option<UnitFile>, Error> {
    let path = unit_dir(&project.data_dir, unit).join(UNIT_FILE);
    if !path.is_file() {
        return Ok(None);
    }
    let file = crate::source::files::read_source(&path, &project.shown(&path))??;
    let raw: RawUnit = yaml::parse(&file)?;
    Ok(Some(UnitFile {
        file,
        children: raw.children,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse() {
        assert_eq!(parse_shard("2/4"), Ok((2, 4)));
        for bad in ["0/4", "5/4", "1/0", "a/b", "3"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }
}
