//! `report sheet <YEAR>`: the fill-in workbook of a year, beside its data
//! file (`data/2018.xlsx`, or one per unit: `data/<unit>/2018.xlsx`), for
//! the people who send the figures. Its metrics are the year's data file's,
//! or last year's when the year has none yet; last year's figures and the
//! targets its plan set stand beside the cells to fill.

use std::collections::HashMap;
use std::path::Path;

use crate::cli::SheetArgs;
use crate::cli::console::Console;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Exit};
use crate::source::config::{Overrides, Project};
use crate::source::dataset::{self, keys::COUNT_UNITS};
use crate::source::yaml::{self, Spanned, Tree};
use crate::source::{files, units, workbook};
use crate::tr;
use crate::write::output;
use crate::write::sheet::{self, Entry};

pub(crate) fn run(args: &SheetArgs, root: &Path, console: &Console) -> Result<Exit, Error> {
    let project = Project::open(root, Overrides::default())?;
    let year = args.year;
    let known = units::units(&project)?;
    let chosen: Vec<Option<String>> = match &args.unit {
        Some(unit) if known.iter().any(|(name, _)| name.as_ref() == Some(unit)) => {
            vec![Some(unit.clone())]
        }
        Some(unit) => {
            let names: Vec<&str> = known.iter().filter_map(|(n, _)| n.as_deref()).collect();
            return Err(Error::Invalid(vec![
                Diagnostic::error(tr!("没有名为“{unit}”的单位", "there is no unit “{unit}”"))
                    .code("unknown-unit")
                    .hint(tr!(
                        "已有的单位：{}",
                        "units: {}",
                        crate::lang::list(&names)
                    )),
            ]));
        }
        // Every unit that has the year, or last year to start it from.
        None => known
            .iter()
            .filter(|(_, years)| years.contains(&year) || years.contains(&(year - 1)))
            .map(|(name, _)| name.clone())
            .collect(),
    };
    if chosen.is_empty() {
        // `new` starts a year from the one before, which is not there
        // either: say which years are.
        let mut years: Vec<u16> = known.iter().flat_map(|(_, years)| years.clone()).collect();
        years.sort_unstable();
        years.dedup();
        let listed: Vec<String> = years.iter().map(u16::to_string).collect();
        let hint = if listed.is_empty() {
            tr!(
                "先写好数据文件 data/{year}.yaml 的 metrics",
                "write the metrics of the data file data/{year}.yaml first"
            )
        } else {
            tr!(
                "已有数据的年份：{}；表里的指标取自 {year} 年的数据文件，没有时取自 {} 年的",
                "years with data: {}; the sheet lists the metrics of {year}'s data file, or of {}'s when it has none",
                crate::lang::list(&listed),
                year - 1
            )
        };
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!(
                "没有 {year} 年或 {} 年的数据文件，不知道表里该列哪些指标",
                "there is no data file for {year} or {}, so there are no metrics to list",
                year - 1
            ))
            .code("year-not-found")
            .hint(hint),
        ]));
    }
    for unit in &chosen {
        let dir = unit
            .as_ref()
            .map_or_else(|| project.data_dir.clone(), |u| project.data_dir.join(u));
        let (path, count, warnings) = write(&project, &dir, year, args.force)?;
        console.diagnostics(&warnings);
        console.status(&tr!(
            "已写出 {}（{count} 个指标）",
            "wrote {} ({count} metrics)",
            project.shown(&path)
        ));
    }
    let build = project.invoked.job("build", year, None);
    let has_year = known
        .iter()
        .any(|(name, years)| chosen.contains(name) && years.contains(&year));
    if has_year {
        console.status(&tr!(
            "发给填数的单位，填好黄色的格子后放回原处，再运行 {build}",
            "send it out; once its yellow cells are filled in, put it back where it was and run {build}"
        ));
    } else {
        // The text still comes from the year's data file, which is not there yet.
        let new = project.invoked.job("new", year, args.unit.as_deref());
        console.status(&tr!(
            "发给填数的单位；{year} 年的数据文件还没有，先用 {new} 新建、写好文字，表格填好放回原处后运行 {build}",
            "send it out; {year} has no data file yet: start it with {new} and write its text, then put the filled-in workbook back and run {build}"
        ));
    }
    Ok(Exit::Done)
}

/// Writes one workbook; returns its path, its number of metrics, and what
/// is worth knowing about it.
fn write(
    project: &Project,
    dir: &Path,
    year: u16,
    force: bool,
) -> Result<(std::path::PathBuf, usize, Vec<Diagnostic>), Error> {
    let path = workbook::path(dir, year);
    let shown = project.shown(&path);
    if path.exists() && !force {
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!("`{shown}` 已经存在", "`{shown}` already exists"))
                .code("file-exists")
                .hint(tr!(
                    "它可能已经填了数：先看一看；确实要重新生成，加 --force",
                    "it may hold figures already: look at it first; to make it again anyway, add --force"
                )),
        ]));
    }
    let this = files::year_file(dir, year);
    let last = files::year_file(dir, year - 1);
    let from = if this.exists() { &this } else { &last };
    let file = files::read_source(from, &project.shown(from))??;
    let tree = yaml::parse_tree(&file)?;
    let mut warnings = Vec::new();
    let (figures, targets) = match dataset::load_figures(dir, year - 1, &project.shown(&last)) {
        Ok(Ok(loaded)) => {
            let figures: HashMap<String, f64> = loaded
                .report
                .metrics
                .iter()
                .filter_map(|m| Some((m.key.clone(), m.value?)))
                .collect();
            let targets: HashMap<String, f64> = loaded
                .report
                .plan_targets()
                .into_iter()
                .map(|t| (t.key.clone(), t.value))
                .collect();
            (figures, targets)
        }
        Err(Error::YearNotFound { .. }) => Default::default(),
        Ok(Err(_)) | Err(_) => {
            warnings.push(
                Diagnostic::warning(tr!(
                    "{} 有错误，表里不列上一年的数字和目标",
                    "{} has errors; the sheet leaves out last year's figures and targets",
                    project.shown(&last)
                ))
                .code("last-year-unreadable")
                .hint(tr!(
                    "运行 {} 看是哪些错误",
                    "run {} to see them",
                    project.invoked.job("check", year - 1, None)
                )),
            );
            Default::default()
        }
    };
    let entries: Vec<Entry> = metrics(&tree)
        .into_iter()
        .map(|(key, label, unit)| Entry {
            last: figures.get(&key).copied(),
            target: targets.get(&key).copied(),
            count: COUNT_UNITS.contains(&unit.as_str()),
            key,
            label,
            unit,
        })
        .collect();
    let name = workbook::issuer(&tree).unwrap_or_else(|| tr!("指标", "figures"));
    let bytes = sheet::workbook(&name, year, &entries)?;
    output::write_atomic(&path, &bytes)?;
    Ok((path, entries.len(), warnings))
}

/// The metrics of a data file's tree: key, label and unit, as typed.
fn metrics(tree: &Spanned<Tree>) -> Vec<(String, String, String)> {
    let text = |fields: &[(Spanned<String>, Spanned<Tree>)], name: &str| {
        fields.iter().find_map(|(k, v)| match &v.value {
            Tree::Text(t) if k.value == name => Some(t.trim().to_string()),
            _ => None,
        })
    };
    let Tree::Map(top) = &tree.value else {
        return Vec::new();
    };
    let Some(Tree::Map(metrics)) = top
        .iter()
        .find(|(k, _)| k.value == "metrics")
        .map(|(_, v)| &v.value)
    else {
        return Vec::new();
    };
    metrics
        .iter()
        .map(|(key, body)| {
            let fields = match &body.value {
                Tree::Map(fields) => fields.as_slice(),
                _ => &[],
            };
            (
                key.value.clone(),
                text(fields, "label").unwrap_or_default(),
                text(fields, "unit").unwrap_or_default(),
            )
        })
        .collect()
}
