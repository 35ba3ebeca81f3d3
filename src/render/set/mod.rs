//! The 公文 page set by the tool itself, for the fixed-layout formats (PDF,
//! OFD): the document tree laid out in faces found on the machine
//! ([`fonts`]), broken into lines the genre's way ([`lines`]), set block by
//! block ([`layout`], [`tables`]) and flowed onto pages ([`flow`]) on the
//! GB/T 9704 grid. The formats then only draw the pages they are given.

pub(crate) mod flow;
pub(crate) mod fonts;
pub(crate) mod layout;
pub(crate) mod lines;
mod tables;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::script::Script;
use crate::render::input::Input;
use crate::render::page::Face;
use crate::tr;

/// A report set on pages: what each page draws, what each block of the
/// document is (for a format's structure), and the faces it is set in.
pub(crate) struct Set {
    pub(crate) pages: Vec<flow::Page>,
    pub(crate) structure: Vec<layout::Structure>,
    pub(crate) fonts: &'static fonts::Fonts,
}

/// The report of `input` set on the 公文 page; an error when the machine
/// has no face for Chinese text.
pub(crate) fn set(input: &Input, format: &'static str) -> Result<Set, Error> {
    let fonts = fonts::Fonts::get(input.report.script);
    if !fonts.has_chinese() {
        return Err(Error::Render {
            format,
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
    Ok(Set {
        pages,
        structure: setter.structure,
        fonts,
    })
}

/// Where the pages of `formats` (“PDF、OFD”) will not be set in the
/// standard's faces: the free faces standing in, or none found (a warning
/// for `check`).
pub(crate) fn stand_ins(script: Script, formats: &str) -> Option<Diagnostic> {
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
        Diagnostic::warning(tr!(
            "这台电脑上没有公文用的字体，{formats} 里用别的字体代替：{}",
            "this machine lacks the official faces; the {formats} sets them in others: {}",
            crate::lang::list(&stand_ins)
        ))
        .code("stand-in-face")
        .hint(tr!(
            "正式发文的 {formats} 在装有这些字体的电脑上生成；Linux 上可装的字体见 docs/printing.md",
            "make the {formats} for filing on a machine with these faces; docs/printing.md lists the faces to install on Linux"
        )),
    )
}

/// Whether a report in `script` set here cannot print `ch`: no face on
/// the machine has it.
pub(crate) fn lacks(script: Script) -> impl Fn(char) -> bool {
    let fonts = fonts::Fonts::get(script);
    move |ch| fonts.glyph(Face::FangSong, ch).is_none()
}
