//! The seam between the document and the formats: what a renderer reads,
//! and what it is.

use std::path::Path;
use std::sync::OnceLock;

use crate::error::Outcome;
use crate::model::Report;
use crate::render::document::Document;
use crate::render::templates::Templates;
use crate::source::format::Style;
use crate::source::provenance::Origins;

/// Everything a renderer may read: the document in both its forms, the
/// model (for charts, and for the page shell's variables) and the layout.
pub(crate) struct Input<'a> {
    /// The rendered Markdown, as written to the `.md` output.
    pub(crate) markdown: &'a str,
    pub(crate) document: &'a Document,
    pub(crate) report: &'a Report,
    pub(crate) style: &'a Style,
    pub(crate) templates: &'a Templates,
    /// The template context of [`context`](super::context), for the HTML shell.
    pub(crate) context: &'a tera::Context,
    /// The browser that prints PDFs, when the project names one.
    pub(crate) browser: Option<&'a Path>,
    /// The HTML page once made: the PDF prints the page the `.html` output
    /// holds, and a build of both makes it once.
    pub(crate) page: OnceLock<Vec<u8>>,
    /// Where each figure came from, for the preview (`report serve`) to
    /// show on hover; `None` for what `build` writes, which carries none of it.
    pub(crate) origins: Option<&'a Origins>,
}

/// One output format.
pub(crate) trait Renderer: Sync {
    /// The output file's bytes. Findings are problems in the project's
    /// templates (the page shell's); an `Err` means this format could not
    /// be made on this machine, and the others are still written.
    fn render(&self, input: &Input) -> Outcome<Vec<u8>>;
}
