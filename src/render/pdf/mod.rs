//! PDF. By default the tool sets the page itself ([`crate::render::set`])
//! and writes PDF/A-2b in-process ([`draw`]): no browser, embedded CID
//! fonts, the GB/T 9704 grid to the character. A project that names a
//! browser (`--browser PATH`, or `auto` for the one found on the machine)
//! gets the browser's print of the HTML instead ([`browser`]).

mod browser;
mod draw;

use std::path::Path;

use crate::error::Outcome;
use crate::render::input::{Input, Renderer};

pub(super) struct Pdf;

impl Renderer for Pdf {
    fn render(&self, input: &Input) -> Outcome<Vec<u8>> {
        match input.browser {
            Some(path) if path == Path::new("auto") => browser::render(input, None),
            Some(path) => browser::render(input, Some(path)),
            None => {
                let set = crate::render::set::set(input, "PDF")?;
                Ok(Ok(draw::pdf(&set, input.report)?))
            }
        }
    }
}
