//! Output formats, behind one seam. The `report.md` template renders the
//! document; comrak parses that Markdown into the [`Document`] tree, and
//! every other format is rendered from the tree: HTML into the
//! `report.html` page shell, DOCX as `WordprocessingML` written here, PDF
//! set on the 公文 page by the tool itself. The page's rules live in
//! [`page`], read by all three. What a project adds to its Markdown template
//! so reaches every format. A new format is one [`Renderer`] in a new file,
//! listed in [`renderer`].

mod bounded;
pub(crate) mod chart;
mod css;
pub(crate) mod document;
pub(crate) mod docx;
pub(crate) mod escape;
pub(crate) mod html;
mod input;
mod markdown;
mod names;
mod nobreak;
mod ofd;
pub(crate) mod packaging;
pub(crate) mod page;
pub(crate) mod pdf;
pub(crate) mod set;
pub(crate) mod spans;
pub(crate) mod templates;

use indexmap::IndexMap;

use crate::error::Findings;
use crate::model::Report;
use crate::render::templates::Templates;
use crate::source::format::{Format, Style};
pub(crate) use input::{Input, Renderer};
pub(crate) use markdown::chart_files;

/// The renderer of `format`.
pub(crate) fn renderer(format: Format) -> &'static dyn Renderer {
    match format {
        Format::Markdown => &markdown::Markdown,
        Format::Html => &html::Html,
        Format::Docx => &docx::Docx,
        Format::Pdf => &pdf::Pdf,
        Format::Ofd => &ofd::Ofd,
    }
}

/// Renders the `report.md` template: the document as Markdown text.
pub(crate) fn markdown(context: &tera::Context, templates: &Templates) -> Result<String, Findings> {
    let name = Format::Markdown.template().unwrap_or_default();
    let mut text = templates.render(Format::Markdown, name, context)?;
    // One final newline, however the template ends: a text file as POSIX
    // tools expect, and the same bytes whichever editor saved the template.
    text.truncate(text.trim_end().len());
    text.push('\n');
    Ok(text)
}

/// What templates see: `report` (the model), `metrics` (by key) and
/// `style` (the project's layout choices); the HTML shell also gets `body`.
pub(crate) fn context(report: &Report, style: &Style) -> tera::Context {
    let value = tera::Value::from_serializable(report);
    // `metrics` holds the same values as `report.metrics`, shared (Tera's
    // values are reference-counted), not serialized a second time.
    let metrics: IndexMap<String, tera::Value> = report
        .metrics
        .iter()
        .zip(
            value
                .as_map()
                .and_then(|fields| fields.get(&tera::value::Key::Str("metrics")))
                .and_then(tera::Value::as_array)
                .unwrap_or_default(),
        )
        .map(|(metric, shown)| (metric.key.clone(), shown.clone()))
        .collect();
    let mut context = tera::Context::new();
    context.insert_value("report", value);
    context.insert_value("metrics", metrics.into());
    context.insert("style", style);
    // Read by the `t` filter, in components too.
    context.insert("script", &report.script);
    context
}
