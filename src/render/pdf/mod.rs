//! PDF. By default the tool sets the page itself ([`layout`]) from the same
//! document tree the HTML and DOCX are rendered from, in faces found on the
//! machine ([`fonts`]), and writes PDF/A-2b in-process ([`draw`]): no
//! browser, embedded CID fonts, the GB/T 9704 grid to the character. A
//! project that names a browser (`--browser PATH`, or `auto` for the one
//! found on the machine) gets the browser's print of the HTML instead
//! ([`browser`]).

mod browser;
mod draw;
mod flow;
mod fonts;
mod layout;
mod lines;
mod tables;

use std::path::Path;

use crate::error::Error;
use crate::render::input::{Input, Renderer};
use crate::tr;

pub(super) struct Pdf;

impl Renderer for Pdf {
    fn format(&self) -> crate::source::format::Format {
        crate::source::format::Format::Pdf
    }

    fn render(&self, input: &Input) -> Result<Vec<u8>, Error> {
        match input.browser {
            Some(path) if path == Path::new("auto") => browser::render(input, None),
            Some(path) => browser::render(input, Some(path)),
            None => set(input),
        }
    }
}

/// The report set on the 公文 page and written as PDF.
fn set(input: &Input) -> Result<Vec<u8>, Error> {
    let fonts = fonts::Fonts::get();
    if !fonts.has_chinese() {
        return Err(Error::Render {
            format: "PDF",
            reason: tr!(
                "这台电脑上没有找到中文字体（仿宋、宋体、黑体、楷体，或 Noto CJK、文鼎 PL 字体）；其他格式不受影响",
                "no Chinese face was found on this machine (FangSong, SimSun, SimHei, KaiTi, or the Noto CJK or AR PL faces); the other formats are unaffected"
            ),
        });
    }
    let units = crate::render::nobreak::units(input.report);
    let mut setter = layout::Setter {
        fonts,
        style: input.style,
        charts: &input.report.charts,
        units: &units,
        missing: Vec::new(),
    };
    let pages = setter.pages(&input.document.blocks);
    draw::pdf(&pages, fonts, input.report)
}
