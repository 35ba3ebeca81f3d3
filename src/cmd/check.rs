//! `report check <YEAR>` / `--all`: the shared pipeline without the write
//! step; every problem in every year is reported before the verdict.

use crate::config::Project;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::pipeline;
use crate::templates::Templates;
use crate::tr;
use crate::units::Job;

/// What `check` found in one report.
#[derive(Debug)]
pub struct Checked {
    pub job: Job,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

pub fn check(project: &Project, jobs: &[Job]) -> Result<Vec<Checked>, Error> {
    let templates = match Templates::load(&project.templates_dir) {
        Ok(templates) => templates,
        // Broken templates are a finding, reported against every year asked for.
        Err(Error::Invalid(diagnostics)) => {
            return Ok(jobs
                .iter()
                .map(|job| Checked {
                    job: job.clone(),
                    diagnostics: diagnostics.clone(),
                })
                .collect());
        }
        Err(other) => return Err(other),
    };
    pipeline::render_jobs(project, &templates, jobs, false, &|rendered| {
        rendered.map(|rendered| Checked {
            job: rendered.job,
            diagnostics: rendered.diagnostics,
        })
    })
    .into_iter()
    .collect()
}

/// Prints what `check` found and returns the exit code: 1 when there are
/// errors (or, with `deny_warnings`, warnings), else 0.
pub fn report(checked: &[Checked], deny_warnings: bool, console: &crate::console::Console) -> u8 {
    let (mut errors, mut warnings) = (0, 0);
    for report in checked {
        console.diagnostics(&report.diagnostics);
        let (e, w) = (
            report.count(Severity::Error),
            report.count(Severity::Warning),
        );
        errors += e;
        warnings += w;
        let label = report.job.label();
        console.status(&if e + w == 0 {
            tr!("{label}：没有发现问题", "{label}: no problems found")
        } else {
            tr!(
                "{label}：{e} 个错误，{w} 个警告",
                "{label}: {e} errors, {w} warnings"
            )
        });
    }
    u8::from(errors > 0 || (deny_warnings && warnings > 0))
}
