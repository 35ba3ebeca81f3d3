//! Publishing a unit's reports: rendered by the session, then written as
//! one set each (all new, or all as they were) under the output folder's
//! lock, or compared with what is on disk (`--check`); a report the build
//! record shows current is not rendered at all.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::pipeline::{self, Making, Session};
use crate::source::units::Job;
use crate::tr;
use crate::write::manifest::{self, Manifest};
use crate::write::output;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Write the outputs (those whose bytes changed).
    Write,
    /// Compare the outputs with the files on disk; write nothing.
    Check,
}

/// What building one report did.
#[derive(Debug)]
pub(crate) struct Built {
    pub(crate) job: Job,
    /// Every output of the report, written or already current.
    pub(crate) outputs: Vec<PathBuf>,
    /// The outputs whose bytes changed and were written.
    pub(crate) written: Vec<PathBuf>,
    /// With `Mode::Check`: outputs that are missing or differ.
    pub(crate) stale: Vec<Stale>,
    pub(crate) warnings: Vec<Diagnostic>,
    /// Formats that could not be made; the others were written.
    pub(crate) failed: Vec<Diagnostic>,
}

/// An output on disk that is not what the inputs give.
#[derive(Debug)]
pub(crate) struct Stale {
    pub(crate) path: PathBuf,
    /// The first lines that differ, as a unified diff; `None` if missing.
    pub(crate) diff: Option<String>,
}

impl Session<'_> {
    /// Builds `jobs`, units in parallel, and hands each report's result to
    /// `sink` in the order of `jobs`. A report the unit's manifest shows
    /// current is not rendered again (see [`manifest`]).
    pub(crate) fn publish(
        &self,
        jobs: &[Job],
        mode: Mode,
        sink: &mut dyn FnMut(Result<Built, Error>),
    ) {
        pipeline::by_unit(jobs, &|unit_jobs| build_unit(self, unit_jobs, mode), sink);
    }
}

/// One unit's reports, in year order.
fn build_unit(session: &Session, jobs: &[Job], mode: Mode) -> Vec<Result<Built, Error>> {
    let (project, templates) = (session.project, &session.templates);
    let out_dir = jobs[0].out_dir(project);
    // Builds into one folder take turns, and a publication a killed build
    // left half done is finished first (see `output`). A folder that does
    // not exist yet is locked when the first report is written into it, so
    // a build that fails creates nothing.
    let mut lock = None;
    if mode == Mode::Write && out_dir.is_dir() {
        match output::Lock::acquire(&out_dir) {
            Ok(held) => lock = Some(held),
            Err(error) => return vec![Err(error)],
        }
    }
    let inputs = manifest::unit_inputs(project, templates, &jobs[0]);
    let mut record = inputs.map(|_| Manifest::read(&out_dir));
    let mut recorded = false;
    let mut years = session.years(&jobs[0]);
    let mut results: Vec<Result<Built, Error>> = jobs
        .iter()
        .map(|job| {
            let current = inputs
                .zip(record.as_ref())
                .and_then(|(inputs, record)| record.current(job.year, inputs, &out_dir));
            if let Some(entry) = current {
                Ok(Built::current(job, &out_dir, entry))
            } else {
                let rendered = session.render(job, Making::All, &mut years);
                let hashes = rendered.as_ref().map(output_hashes).unwrap_or_default();
                let built = rendered.and_then(|rendered| write(rendered, mode, &mut lock));
                if let (Some(inputs), Some(record), Ok(built)) = (inputs, &mut record, &built)
                    && mode == Mode::Write
                    && built.failed.is_empty()
                {
                    record.record(job.year, inputs, &hashes, &built.warnings);
                    recorded = true;
                }
                built
            }
        })
        .collect();
    // Inputs edited while the unit was being built leave the manifest as it
    // was: what was written may not match either version.
    if let Some(record) = record.filter(|_| recorded)
        && manifest::unit_inputs(project, templates, &jobs[0]) == inputs
        && let Err(error) = record.write(&out_dir)
    {
        // The manifest only saves work: failing to write it fails nothing,
        // but the next build will render everything again, so say so.
        let warnings = error.diagnostics().into_iter().map(|d| {
            let mut d = d.hint(tr!(
                "构建记录只用来跳过没有变化的报告，报告本身已经写好；下次会全部重新生成",
                "the build record only lets unchanged reports be skipped; the reports are written, and the next build renders them all again"
            ));
            d.severity = crate::diagnostic::Severity::Warning;
            d
        });
        if let Some(Ok(last)) = results.iter_mut().rev().find(|r| r.is_ok()) {
            last.warnings.extend(warnings);
        }
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

fn write(
    rendered: pipeline::Rendered,
    mode: Mode,
    lock: &mut Option<output::Lock>,
) -> Result<Built, Error> {
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
    // Every format was rendered before any is written, and they are
    // published as one set: all new, or all as they were.
    match mode {
        Mode::Write => {
            if lock.is_none()
                && let Some(dir) = rendered.outputs.first().and_then(|(p, _)| p.parent())
            {
                *lock = Some(output::Lock::acquire(dir)?);
            }
            built.written = output::publish(&rendered.outputs)?;
            remove_unlinked_charts(built.job.year, &rendered.outputs)?;
        }
        Mode::Check => {
            for (path, text) in &rendered.outputs {
                if let Some(stale) = compare(path, text) {
                    built.stale.push(stale);
                }
            }
        }
    }
    built.outputs = rendered.outputs.into_iter().map(|(path, _)| path).collect();
    Ok(built)
}

/// Removes the year's chart pictures (`2017-KEY.svg`) that the Markdown
/// just written no longer links to, so that a build leaves what a build
/// from scratch leaves. Only when the Markdown was written: a build of other
/// formats leaves the Markdown's pictures alone.
fn remove_unlinked_charts(year: u16, outputs: &[(PathBuf, Vec<u8>)]) -> Result<(), Error> {
    let markdown = format!("{year}.md");
    let Some(dir) = outputs
        .iter()
        .find(|(path, _)| path.file_name().is_some_and(|n| n == markdown.as_str()))
        .and_then(|(path, _)| path.parent())
    else {
        return Ok(());
    };
    let prefix = format!("{year}-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let Some(key) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".svg"))
        else {
            continue;
        };
        let chart = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if chart && !outputs.iter().any(|(p, _)| *p == path) {
            std::fs::remove_file(&path).map_err(|source| Error::Write { path, source })?;
        }
    }
    Ok(())
}

/// How many diff lines a stale output shows: enough to see what changed,
/// short enough for a CI log.
const DIFF_LINES: usize = 20;

fn compare(path: &std::path::Path, expected: &[u8]) -> Option<Stale> {
    let Ok(current) = crate::source::files::read_regular(path, u64::MAX) else {
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
