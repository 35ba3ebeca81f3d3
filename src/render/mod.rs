//! Output formats. Markdown and HTML are each rendered straight from the
//! document model by their own template, not HTML from Markdown: the official
//! layout needs structure Markdown cannot carry (the 署名/成文日期 block of
//! GB/T 9704 7.3.5.2, a title distinct from headings, per-level heading fonts),
//! and a template per format lets a project restyle one without touching the
//! other. DOCX is written from the same model in Rust; PDF is the HTML printed
//! by a browser.

pub mod docx;
mod html;
mod markdown;
mod ooxml;
pub mod pdf;

use indexmap::IndexMap;

use crate::config::Style;
use crate::error::Error;
use crate::model::{Metric, Report};
use crate::templates::Templates;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Markdown,
    Html,
    Docx,
    Pdf,
}

impl Format {
    /// Every format, in the order outputs are written and listed.
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Docx, Format::Pdf];
    /// What a build writes unless told otherwise: PDF needs a browser, so it
    /// is asked for by name.
    pub const DEFAULT: [Format; 3] = [Format::Markdown, Format::Html, Format::Docx];
    /// The formats rendered by a Tera template.
    pub const TEMPLATED: [Format; 2] = [Format::Markdown, Format::Html];

    /// The name used on the command line and in the project config.
    pub fn name(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Docx => "docx",
            Self::Pdf => "pdf",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// The template that renders the whole document, for templated formats.
    pub fn template(self) -> &'static str {
        match self {
            Self::Markdown => "report.md",
            Self::Html | Self::Pdf => "report.html",
            Self::Docx => "",
        }
    }

    /// Which engine a template file belongs to, by its extension.
    pub fn for_template(file_name: &str) -> Option<Self> {
        let extension = file_name.rsplit_once('.')?.1;
        Self::TEMPLATED
            .into_iter()
            .find(|f| f.extension() == extension)
    }

    /// Escaping for values printed into this format's templates.
    pub fn configure(self, tera: &mut tera::Tera) {
        match self {
            Self::Markdown => markdown::configure(tera),
            Self::Html | Self::Pdf | Self::Docx => html::configure(tera),
        }
    }
}

/// Renders a report (its [`context`]) as Markdown or HTML text.
pub fn text(
    context: &tera::Context,
    format: Format,
    templates: &Templates,
) -> Result<String, Error> {
    let mut text = templates.render(format, format.template(), context)?;
    // One final newline, however the template ends: a text file as POSIX
    // tools expect, and the same bytes whichever editor saved the template.
    text.truncate(text.trim_end().len());
    text.push('\n');
    Ok(text)
}

/// What templates see: `report` (the model), `metrics` (by key) and
/// `style` (the project's layout choices).
pub fn context(report: &Report, style: &Style) -> tera::Context {
    let metrics: IndexMap<&str, &Metric> =
        report.metrics.iter().map(|m| (m.key.as_str(), m)).collect();
    let mut context = tera::Context::new();
    context.insert("report", report);
    context.insert("metrics", &metrics);
    context.insert("style", style);
    context
}
