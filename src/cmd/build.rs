//! `report build`: the shared pipeline for the reports asked for, then write
//! — or, with `--check`, compare with what is on disk and write nothing.
//! Units are built in parallel; a report that fails does not stop the others.

use std::path::PathBuf;

use crate::config::Project;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::manifest::{self, Manifest};
use crate::output;
use crate::pipeline;
use crate::templates::Templates;
use crate::tr;
use crate::units::Job;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the outputs (those whose bytes changed).
    Write,
    /// Compare the outputs with the files on disk; write nothing.
    Check,
}

/// What building one report did.
#[derive(Debug)]
pub struct Built {
    pub job: Job,
    /// Every output of the report, written or already current.
    pub outputs: Vec<PathBuf>,
    /// The outputs whose bytes changed and were written.
    pub written: Vec<PathBuf>,
    /// With `Mode::Check`: outputs that are missing or differ.
    pub stale: Vec<Stale>,
    pub warnings: Vec<Diagnostic>,
    /// Formats that could not be made; the others were written.
    pub failed: Vec<Diagnostic>,
}

/// An output on disk that is not what the inputs give.
#[derive(Debug)]
pub struct Stale {
    pub path: PathBuf,
    /// The first lines that differ, as a unified diff; `None` if missing.
    pub diff: Option<String>,
}

/// Builds `jobs` in parallel; `done` is called as each one finishes. The
/// results are in the order of `jobs`. A report the unit's manifest shows
/// current is not rendered again (see [`manifest`]).
pub fn build(
    project: &Project,
    jobs: &[Job],
    mode: Mode,
    done: &(dyn Fn() + Sync),
) -> Result<Vec<Result<Built, Error>>, Error> {
    let templates = Templates::load(&project.templates_dir)?;
    Ok(pipeline::by_unit(jobs, &|unit_jobs| {
        build_unit(project, &templates, unit_jobs, mode, done)
    }))
}

/// One unit's reports, in year order.
fn build_unit(
    project: &Project,
    templates: &Templates,
    jobs: &[Job],
    mode: Mode,
    done: &(dyn Fn() + Sync),
) -> Vec<Result<Built, Error>> {
    let out_dir = jobs[0].out_dir(project);
    let inputs = manifest::unit_inputs(project, templates, &jobs[0]);
    let mut record = inputs.map(|_| Manifest::read(&out_dir));
    let mut recorded = false;
    let mut years = pipeline::unit_years(project, &jobs[0]);
    let results = jobs
        .iter()
        .map(|job| {
            let current = inputs
                .zip(record.as_ref())
                .and_then(|(inputs, record)| record.current(job.year, inputs, &out_dir));
            let built = if let Some(entry) = current {
                Ok(Built::current(job, &out_dir, entry))
            } else {
                let rendered = pipeline::render_year(project, templates, job, true, &mut years);
                let hashes = rendered.as_ref().map(output_hashes).unwrap_or_default();
                let built = rendered.and_then(|rendered| write(rendered, mode));
                if let (Some(inputs), Some(record), Ok(built)) = (inputs, &mut record, &built)
                    && mode == Mode::Write
                    && built.failed.is_empty()
                {
                    record.record(job.year, inputs, &hashes, &built.warnings);
                    recorded = true;
                }
                built
            };
            done();
            built
        })
        .collect();
    // Inputs edited while the unit was being built leave the manifest as it
    // was: what was written may not match either version.
    if let Some(record) = record.filter(|_| recorded)
        && manifest::unit_inputs(project, templates, &jobs[0]) == inputs
    {
        // The manifest only saves work; failing to write it fails nothing.
        let _ = record.write(&out_dir);
    }
    results
}

/// Each output's file name and the hash of its bytes.
fn output_hashes(rendered: &pipeline::Rendered) -> Vec<(String, u128)> {
    rendered
        .outputs
        .iter()
        .filter_map(|(path, bytes)| {
            let name = path.file_name()?.to_str()?.to_string();
            Some((name, manifest::hash(bytes)))
        })
        .collect()
}

impl Built {
    /// A report the manifest shows current: nothing to render or write.
    fn current(job: &Job, out_dir: &std::path::Path, entry: &manifest::Entry) -> Self {
        Self {
            job: job.clone(),
            outputs: entry.outputs().map(|name| out_dir.join(name)).collect(),
            written: Vec::new(),
            stale: Vec::new(),
            warnings: entry.warnings.clone(),
            failed: Vec::new(),
        }
    }
}

fn write(rendered: pipeline::Rendered, mode: Mode) -> Result<Built, Error> {
    let job = rendered.job.clone();
    if rendered.has_errors() {
        return Err(Error::Invalid(rendered.diagnostics));
    }
    let mut built = Built {
        job,
        outputs: Vec::new(),
        written: Vec::new(),
        stale: Vec::new(),
        warnings: rendered.diagnostics,
        failed: rendered.failed,
    };
    // Every format was rendered before any is written, so an error in one
    // leaves all previous outputs as they were.
    for (path, text) in rendered.outputs {
        match mode {
            Mode::Write => {
                if output::write_if_changed(&path, &text)? {
                    built.written.push(path.clone());
                }
            }
            Mode::Check => {
                if let Some(stale) = compare(&path, &text) {
                    built.stale.push(stale);
                }
            }
        }
        built.outputs.push(path);
    }
    Ok(built)
}

/// How many diff lines a stale output shows: enough to see what changed,
/// short enough for a CI log.
const DIFF_LINES: usize = 20;

fn compare(path: &std::path::Path, expected: &[u8]) -> Option<Stale> {
    let Ok(current) = std::fs::read(path) else {
        return Some(Stale {
            path: path.to_path_buf(),
            diff: None,
        });
    };
    if current == expected {
        return None;
    }
    // DOCX and PDF differ without a readable diff.
    let (Ok(current), Ok(expected)) =
        (std::str::from_utf8(&current), std::str::from_utf8(expected))
    else {
        return Some(Stale {
            path: path.to_path_buf(),
            diff: Some(tr!(
                "（二进制文件，内容不同）",
                "(binary file; the contents differ)"
            )),
        });
    };
    let diff = similar::TextDiff::from_lines(current, expected)
        .unified_diff()
        .context_radius(1)
        .header("磁盘上的文件", "按现在的数据生成")
        .to_string();
    let mut shown: Vec<&str> = diff.lines().take(DIFF_LINES).collect();
    if diff.lines().count() > DIFF_LINES {
        shown.push("…");
    }
    Some(Stale {
        path: path.to_path_buf(),
        diff: Some(shown.join("\n")),
    })
}

/// Prints what a build did and returns the exit code: 2 if any year failed,
/// 1 if `--check` found a stale output, else 0.
pub fn report(
    project: &Project,
    results: &[Result<Built, Error>],
    mode: Mode,
    console: &crate::console::Console,
) -> u8 {
    let (mut failed, mut stale, mut outputs, mut written) = (0, 0, Vec::new(), 0);
    for result in results {
        match result {
            Ok(built) => {
                console.diagnostics(&built.warnings);
                if !built.failed.is_empty() {
                    failed += 1;
                    console.diagnostics(&built.failed);
                }
                for item in &built.stale {
                    stale += 1;
                    console.diagnostic(&stale_diagnostic(project, &built.job, item));
                }
                outputs.extend(built.outputs.iter().map(|p| project.shown(p)));
                written += built.written.len();
            }
            Err(error) => {
                failed += 1;
                console.diagnostics(&error.diagnostics());
            }
        }
    }
    let reports = results.len();
    let summary = match mode {
        // One report that failed: its errors say it all.
        Mode::Write if reports == 1 && failed == 1 => return 2,
        Mode::Write if reports == 1 => tr!("已生成 {}", "wrote {}", outputs.join("、")),
        Mode::Write => tr!(
            "已生成 {} 份报告：{} 个文件，{written} 个有改动",
            "built {} reports: {} files, {written} changed",
            reports - failed,
            outputs.len()
        ),
        Mode::Check if stale == 0 && failed == 0 => tr!(
            "{} 个输出都与数据和模板一致",
            "all {} outputs are current",
            outputs.len()
        ),
        Mode::Check => tr!(
            "{} 个输出中 {stale} 个已过期或缺失",
            "{stale} of {} outputs are stale or missing",
            outputs.len()
        ),
    };
    let failures = if failed > 0 {
        tr!("；{failed} 份失败", "; {failed} failed")
    } else {
        String::new()
    };
    console.status(&format!("{summary}{failures}"));
    if failed > 0 { 2 } else { u8::from(stale > 0) }
}

fn stale_diagnostic(project: &Project, job: &Job, stale: &Stale) -> Diagnostic {
    let shown = project.shown(&stale.path);
    let command = match &job.unit {
        Some(unit) => format!("report build {} --unit {unit}", job.year),
        None => format!("report build {}", job.year),
    };
    let fix = tr!(
        "运行 {command} 重新生成，再提交",
        "run {command} to regenerate it, then commit"
    );
    match &stale.diff {
        None => Diagnostic::error(tr!("缺少输出 `{shown}`", "missing output `{shown}`")).hint(fix),
        Some(diff) => Diagnostic::error(tr!(
            "`{shown}` 与现在的数据和模板不一致",
            "`{shown}` does not match the current data and templates"
        ))
        .note(diff.clone())
        .hint(fix),
    }
}
