//! `report check <YEAR>` / `--all`: the shared pipeline without the write
//! step; every problem in every year is reported before the verdict.

use std::path::Path;

use crate::cli::console::Console;
use crate::cli::{CheckArgs, Deny};
use crate::diagnostic::Severity;
use crate::error::{Error, Exit, Findings};
use crate::pipeline::{Checked, Session};
use crate::source::config::{Overrides, Project};
use crate::source::units::{self, Job};
use crate::tr;

/// `report check`: every finding of every report the scope selects, then
/// the verdict. A report that cannot be checked at all (an unreadable file)
/// fails the run once the others are printed.
pub(crate) fn run(args: CheckArgs, root: &Path, console: &Console) -> Result<Exit, Error> {
    let project = Project::open(root, Overrides::default())?;
    let deny_warnings = args.deny == Some(Deny::Warnings);
    let jobs = units::jobs(&project, &args.scope.selection())?;
    // The faces the tool sets the PDF and OFD in are the machine's: where
    // they are not the standard's, the first report in each script says so.
    let set = project.set_formats();
    let mut told = Vec::new();
    let (mut tally, mut stopped) = (Tally::default(), None);
    check(&project, &jobs, &mut |result| match result {
        Ok(mut checked) => {
            if !set.is_empty() && !told.contains(&checked.script) {
                told.push(checked.script);
                checked
                    .diagnostics
                    .extend(crate::render::set::stand_ins(checked.script, &set));
            }
            tally.add(&checked, console);
        }
        Err(error) => {
            stopped.get_or_insert(error);
        }
    })?;
    match stopped {
        Some(error) => Err(error),
        None => Ok(tally.exit(deny_warnings)),
    }
}

/// Checks `jobs`, units in parallel, and hands each report's findings to
/// `sink` in the order of `jobs`.
pub(crate) fn check(
    project: &Project,
    jobs: &[Job],
    sink: &mut dyn FnMut(Result<Checked, Error>),
) -> Result<(), Error> {
    let session = match Session::open(project)? {
        Ok(session) => session,
        // Broken templates are a finding, reported against every year asked for.
        Err(Findings(diagnostics)) => {
            for job in jobs {
                sink(Ok(Checked {
                    job: job.clone(),
                    diagnostics: diagnostics.clone(),
                    signature: crate::model::Signature::End,
                    script: crate::model::script::Script::Simplified,
                }));
            }
            return Ok(());
        }
    };
    session.check(jobs, sink);
    Ok(())
}

/// Prints what `check` finds, report by report, and at the end gives the
/// exit code: 1 when there are errors (or, with `deny_warnings`, warnings),
/// else 0.
#[derive(Default)]
pub(crate) struct Tally {
    errors: usize,
    warnings: usize,
}

impl Tally {
    pub(crate) fn add(&mut self, report: &Checked, console: &Console) {
        console.diagnostics(&report.diagnostics);
        let (e, w) = (
            report.count(Severity::Error),
            report.count(Severity::Warning),
        );
        self.errors += e;
        self.warnings += w;
        let label = report.job.label();
        // The form of the report, where it is not the 落款 at the end.
        let form = match report.signature {
            crate::model::Signature::End => String::new(),
            crate::model::Signature::BelowTitle => {
                tr!(
                    "（署名和日期在标题下）",
                    " (issuer and date under the title)"
                )
            }
            crate::model::Signature::None => tr!("（不写落款）", " (no signature)"),
        };
        let text = if e + w == 0 {
            tr!(
                "{label}：没有发现问题{form}",
                "{label}: no problems found{form}"
            )
        } else {
            let (errors, warnings) = (
                crate::lang::count(e, "error", "errors"),
                crate::lang::count(w, "warning", "warnings"),
            );
            tr!(
                "{label}：{e} 个错误，{w} 个警告{form}",
                "{label}: {errors}, {warnings}{form}"
            )
        };
        console.summary(&text, &[("errors", e), ("warnings", w)]);
    }

    pub(crate) fn exit(&self, deny_warnings: bool) -> Exit {
        Exit::problems_if(self.errors > 0 || (deny_warnings && self.warnings > 0))
    }
}
