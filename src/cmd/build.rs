//! `report build <YEAR>`: load → validate → render → write.

use std::path::PathBuf;

use crate::config::Project;
use crate::dataset;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::output;
use crate::render;
use crate::templates::Templates;

/// What a successful build did.
#[derive(Debug)]
pub struct Built {
    pub written: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

pub fn build(project: &Project, year: u16) -> Result<Built, Error> {
    let shown = project.shown(&dataset::year_file(&project.data_dir, year));
    let loaded = dataset::load(&project.data_dir, year, &shown)?;
    let templates = Templates::load(&project.templates_dir)?;
    // Render every format before writing any, so a template error leaves all
    // previous outputs as they were.
    let mut rendered = Vec::new();
    for &format in &project.formats {
        let text = render::render(&loaded.report, &project.style, format, &templates)?;
        let path = project
            .out_dir
            .join(format!("{year}.{}", format.extension()));
        rendered.push((path, text));
    }
    for (path, text) in &rendered {
        output::write_atomic(path, text.as_bytes())?;
    }
    Ok(Built {
        written: rendered.into_iter().map(|(path, _)| path).collect(),
        warnings: loaded.warnings,
    })
}
