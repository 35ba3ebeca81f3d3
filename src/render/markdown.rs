//! Markdown: the output of the `report.md` template as it is. It is the
//! document the other formats are parsed from.

use crate::error::Error;
use crate::render::input::{Input, Renderer};
use crate::source::format::Format;

pub(super) struct Markdown;

impl Renderer for Markdown {
    fn format(&self) -> Format {
        Format::Markdown
    }

    fn render(&self, input: &Input) -> Result<Vec<u8>, Error> {
        Ok(input.markdown.as_bytes().to_vec())
    }
}
