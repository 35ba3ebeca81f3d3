//! `report build <YEAR>`: the shared pipeline, then write. Refuses to write
//! anything when the pipeline found an error.

use std::path::PathBuf;

use crate::config::Project;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::output;
use crate::pipeline;
use crate::templates::Templates;

/// What a successful build did.
#[derive(Debug)]
pub struct Built {
    pub written: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

pub fn build(project: &Project, year: u16) -> Result<Built, Error> {
    let templates = Templates::load(&project.templates_dir)?;
    let rendered = pipeline::render_year(project, &templates, year)?;
    if rendered.has_errors() {
        return Err(Error::Invalid(rendered.diagnostics));
    }
    // Every format was rendered before any is written, so an error in one
    // leaves all previous outputs as they were.
    for (path, text) in &rendered.outputs {
        output::write_atomic(path, text.as_bytes())?;
    }
    Ok(Built {
        written: rendered.outputs.into_iter().map(|(path, _)| path).collect(),
        warnings: rendered.diagnostics,
    })
}
