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

/// Where the PDF will not be set in the standard's faces: the free faces
/// standing in, or none found (a warning for `check`).
pub fn stand_ins(script: crate::model::script::Script) -> Option<crate::diagnostic::Diagnostic> {
    use crate::render::page::Face;
    let fonts = fonts::Fonts::get(script);
    let stand_ins: Vec<String> = Face::ALL
        .iter()
        .filter_map(|&face| {
            let standard = face.standard_name();
            match fonts.family(face) {
                Some(family) if Face::is_stand_in(family) => Some(format!("{standard} → {family}")),
                Some(_) => None,
                None => Some(tr!("{standard} → （没有）", "{standard} → (none)")),
            }
        })
        .collect();
    if stand_ins.is_empty() {
        return None;
    }
    Some(
        crate::diagnostic::Diagnostic::warning(tr!(
            "这台电脑上没有公文用的字体，PDF 里用别的字体代替：{}",
            "this machine lacks the official faces; the PDF sets them in others: {}",
            crate::lang::list(&stand_ins)
        ))
        .code("stand-in-face")
        .hint(tr!(
            "正式发文的 PDF 在装有这些字体的电脑上生成；Linux 上可装的字体见 docs/printing.md",
            "make the PDF for filing on a machine with these faces; docs/printing.md lists the faces to install on Linux"
        )),
    )
}

/// Whether the PDF of a report in `script` cannot print `ch`: no face on
/// the machine has it.
pub fn lacks(script: crate::model::script::Script) -> impl Fn(char) -> bool {
    let fonts = fonts::Fonts::get(script);
    move |ch| {
        fonts
            .glyph(crate::render::page::Face::FangSong, ch)
            .is_none()
    }
}

/// The report set on the 公文 page and written as PDF.
fn set(input: &Input) -> Result<Vec<u8>, Error> {
    let fonts = fonts::Fonts::get(input.report.script);
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
        structure: Vec::new(),
    };
    let pages = setter.pages(&input.document.blocks);
    draw::pdf(&pages, &setter.structure, fonts, input.report)
}
