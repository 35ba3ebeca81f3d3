//! `report check <YEAR>` / `--all`: the shared pipeline without the write
//! step; every problem in every year is reported before the verdict.

use crate::config::Project;
use crate::dataset;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::pipeline;
use crate::templates::Templates;

/// What `check` found in one year.
#[derive(Debug)]
pub struct Checked {
    pub year: u16,
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

/// Which years to check: one, or every year with a data file.
pub fn years(project: &Project, year: Option<u16>) -> Result<Vec<u16>, Error> {
    if let Some(year) = year {
        return Ok(vec![year]);
    }
    let years = dataset::available_years(&project.data_dir);
    if years.is_empty() {
        return Err(Error::NoData {
            path: project.shown(&project.data_dir),
        });
    }
    Ok(years)
}

pub fn check(project: &Project, years: &[u16]) -> Result<Vec<Checked>, Error> {
    let templates = match Templates::load(&project.templates_dir) {
        Ok(templates) => templates,
        // Broken templates are a finding, reported against every year asked for.
        Err(Error::Invalid(diagnostics)) => {
            return Ok(years
                .iter()
                .map(|&year| Checked {
                    year,
                    diagnostics: diagnostics.clone(),
                })
                .collect());
        }
        Err(other) => return Err(other),
    };
    years
        .iter()
        .map(|&year| {
            let rendered = pipeline::render_year(project, &templates, year, false)?;
            Ok(Checked {
                year,
                diagnostics: rendered.diagnostics,
            })
        })
        .collect()
}
