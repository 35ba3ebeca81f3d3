//! The page, the named paragraph styles and the frame's rules, in the
//! units GB/T 9704 gives, and the document defaults docx-rs cannot set.

use docx_rs::{
    AlignmentType, Docx as Package, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, Paragraph, Run, RunFonts, SpecialIndentType, Style, StyleType,
};

use crate::render::document::Role;
use crate::source::format::{PageNumbers, Style as LayoutStyle};

// Page and type area, in twips (1/20 pt): A4, 天头 37mm, 订口 28mm, 版心 156 × 225 mm.
pub(super) const PAGE_WIDTH: u32 = 11906;
pub(super) const PAGE_HEIGHT: u32 = 16838;
pub(super) const MARGIN_TOP: i32 = 2098;
pub(super) const MARGIN_BOTTOM: i32 = 1984;
pub(super) const MARGIN_LEFT: i32 = 1588;
pub(super) const MARGIN_RIGHT: i32 = 1474;
/// The footer's distance from the paper's edge: its line then sits 7 mm below
/// the type area (35 mm − 7 mm − one 14 pt line).
pub(super) const FOOTER: i32 = 1307;
/// 28 pt fixed line pitch: 22 lines in the 225 mm type area.
pub(super) const LINE: i32 = 560;
/// One character of 三号 (16 pt).
pub(super) const CHAR: i32 = 320;

// Sizes in half-points.
pub(super) const BODY_SIZE: usize = 32; // 三号
pub(super) const TITLE_SIZE: usize = 44; // 二号
pub(super) const PAGE_NUMBER_SIZE: usize = 28; // 四号
pub(super) const TABLE_SIZE: usize = 28;
pub(super) const ORGAN_SIZE: usize = 52; // 一号
pub(super) const RECORD_SIZE: usize = 28; // 四号, the 版记
/// One 四号 character, in twips.
pub(super) const CHAR_14: i32 = 280;

pub(super) const FANGSONG: &str = "仿宋_GB2312";
pub(super) const KAITI: &str = "楷体_GB2312";
pub(super) const HEITI: &str = "黑体";
pub(super) const XIAOBIAOSONG: &str = "方正小标宋简体";
pub(super) const SONGTI: &str = "宋体";
/// Digits and Latin letters, as official documents set them.
pub(super) const LATIN: &str = "Times New Roman";

/// Document defaults docx-rs cannot set: the text declared Chinese
/// (`w:lang w:eastAsia="zh-CN"`, or zh-TW for a report in traditional
/// script, so an office suite without the named fonts picks a Chinese face of
/// that script, not a Japanese one); characters
/// condensed by 0.25 pt, so 28 三号 characters fill the 156 mm line as
/// GB/T 9704 counts them (28 × 15.75 pt ≤ 442 pt); and no automatic space
/// between Chinese and Latin text or digits, which would otherwise widen
/// “2017年” and leave 27 characters a line.
pub(super) fn document_defaults(styles: &[u8], lang: &str) -> Vec<u8> {
    let text = super::ooxml::text(styles);
    let text = insert_after(
        &text,
        "<w:rPrDefault><w:rPr>",
        &format!(r#"<w:spacing w:val="-5" /><w:lang w:val="{lang}" w:eastAsia="{lang}" />"#),
    );
    let text = insert_after(
        &text,
        "<w:pPrDefault><w:pPr>",
        r#"<w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" />"#,
    );
    // The digits' character style, written by docx-rs with empty run
    // properties right after its name: they become Latin text.
    let numeral = format!(r#"<w:style w:type="character" w:styleId="{NUMERAL}">"#);
    let empty = "<w:rPr />";
    let text = match text
        .find(&numeral)
        .and_then(|at| Some(at + text[at..].find(empty)?))
    {
        Some(at) => format!(
            r#"{}<w:rPr><w:lang w:val="en-US" w:eastAsia="en-US" /></w:rPr>{}"#,
            &text[..at],
            &text[at + empty.len()..]
        ),
        None => text,
    };
    text.into_bytes()
}

/// `text` with `addition` after the first `marker`; the schema order pass
/// puts the new elements where they belong.
pub(super) fn insert_after(text: &str, marker: &str, addition: &str) -> String {
    match text.find(marker) {
        Some(at) => {
            let end = at + marker.len();
            format!("{}{addition}{}", &text[..end], &text[end..])
        }
        None => text.to_string(),
    }
}

pub(super) fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

pub(super) fn exact(twips: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(twips)
        .before(0)
        .after(0)
}

/// Named paragraph styles: 正文, 标题, the four heading levels, 落款, tables.
pub(super) fn styles(layout: &LayoutStyle) -> Vec<Style> {
    let paragraph = |id: &str, name: &str, east_asia: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .fonts(fonts(east_asia))
            .size(BODY_SIZE)
            .line_spacing(exact(LINE))
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(2 * CHAR)),
                None,
                None,
            )
            .first_line_chars(200)
            .align(AlignmentType::Both)
    };
    // Body text without the first-line indent.
    let unindented = |id: &str, name: &str, align: AlignmentType| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .fonts(fonts(FANGSONG))
            .size(BODY_SIZE)
            .line_spacing(exact(LINE))
            .align(align)
    };
    let bold_if = |style: Style| {
        if layout.bold_headings {
            style.bold()
        } else {
            style
        }
    };
    vec![
        paragraph("Body", "公文正文", FANGSONG),
        Style::new("DocTitle", StyleType::Paragraph)
            .name("公文标题")
            .fonts(fonts(XIAOBIAOSONG))
            .size(TITLE_SIZE)
            .line_spacing(exact(700).after(u32::try_from(LINE).unwrap_or(560)))
            .align(AlignmentType::Center),
        paragraph("Heading1", "heading 1", HEITI).outline_lvl(0),
        bold_if(paragraph("Heading2", "heading 2", KAITI).outline_lvl(1)),
        bold_if(paragraph("Heading3", "heading 3", FANGSONG).outline_lvl(2)),
        paragraph("Heading4", "heading 4", FANGSONG).outline_lvl(3),
        unindented("Signature", "落款", AlignmentType::Right),
        unindented("Addressee", "主送机关", AlignmentType::Left),
        // 7.2.4: red, centred, 小标宋; its line stands a little apart.
        Style::new("Organ", StyleType::Paragraph)
            .name("发文机关标志")
            .fonts(fonts(XIAOBIAOSONG))
            .size(ORGAN_SIZE)
            .color(RED)
            .line_spacing(exact(1000).after(u32::try_from(2 * LINE).unwrap_or(1120)))
            .align(AlignmentType::Center),
        unindented("DocNumber", "发文字号", AlignmentType::Center),
        // 7.3.4: “附件：” two characters in; later names under the first.
        paragraph("Attachments", "附件说明", FANGSONG)
            .indent(
                Some(5 * CHAR),
                Some(SpecialIndentType::Hanging(3 * CHAR)),
                None,
                None,
            )
            .first_line_chars(0),
        // 7.4: 四号仿宋, one character in from both sides; a wrapped 抄送
        // line aligns after its colon.
        Style::new("Copies", StyleType::Paragraph)
            .name("版记")
            .fonts(fonts(FANGSONG))
            .size(RECORD_SIZE)
            .line_spacing(exact(LINE))
            .indent(
                Some(4 * CHAR_14),
                Some(SpecialIndentType::Hanging(3 * CHAR_14)),
                Some(CHAR_14),
                None,
            ),
        // Single spacing: under the document's fixed 28 pt line pitch a
        // picture would be cut to one line's height.
        Style::new("Figure", StyleType::Paragraph)
            .name("图")
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240)
                    .before(0)
                    .after(0),
            )
            .align(AlignmentType::Center),
        Style::new("TableText", StyleType::Paragraph)
            .name("表格文字")
            .fonts(fonts(FANGSONG))
            .size(TABLE_SIZE)
            .line_spacing(exact(400)),
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .fonts(fonts(HEITI))
            .size(TABLE_SIZE)
            .line_spacing(exact(LINE))
            .align(AlignmentType::Center),
        Style::new(NUMERAL, StyleType::Character).name("数字"),
        Style::new("PageNumber", StyleType::Paragraph)
            .name("页码")
            .fonts(fonts(SONGTI))
            .size(PAGE_NUMBER_SIZE),
    ]
}

/// "— N —" with a PAGE field: odd pages right and even pages left, one
/// character in (7.5), or centred.
pub(super) fn footers(docx: Package, position: PageNumbers) -> Package {
    let number = |align: AlignmentType, left: i32, right: i32| {
        Footer::new().add_paragraph(
            Paragraph::new()
                .style("PageNumber")
                .align(align)
                .indent(Some(left), None, Some(right), None)
                .add_run(Run::new().add_text("— "))
                .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
                .add_run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
                .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
                .add_run(Run::new().add_text("1"))
                .add_run(Run::new().add_field_char(FieldCharType::End, false))
                .add_run(Run::new().add_text(" —")),
        )
    };
    // One character of 四号 (14 pt) is 280 twips.
    match position {
        PageNumbers::Outside => docx
            .footer(number(AlignmentType::Right, 0, 280))
            .even_footer(number(AlignmentType::Left, 280, 0)),
        PageNumbers::Center => docx.footer(number(AlignmentType::Center, 0, 0)),
    }
}

/// The character style of figures' digits: Latin text (`w:lang en-US`), so
/// an office suite lays a number out as one word. Inside Chinese text,
/// `LibreOffice` otherwise breaks lines inside numbers (“4 / 0余处”,
/// “202 / 5年”); Word does not, and the style costs it nothing.
pub(super) const NUMERAL: &str = "Numeral";

/// GB/T 9704's red, for the 版头.
pub(super) const RED: &str = "FF0000";
pub(super) const BLACK: &str = "000000";

#[derive(Clone, Copy)]
pub(super) enum Side {
    Top,
    Bottom,
}

/// A paragraph rule (a `w:pBdr` side): its width in eighths of a point, its
/// distance from the text in points, its colour.
#[derive(Clone, Copy)]
pub(super) struct Rule {
    pub side: Side,
    pub eighths: u32,
    pub space: u32,
    pub color: &'static str,
}

/// The rules a paragraph of the 公文 frame carries: the red one under the
/// 发文字号, 4 mm below it (7.2.7); the 版记's thick rule above the 抄送 and a
/// thin one under it, and the thick closing rule under the 印发 line (7.4.1).
/// Widths in eighths of a point (0.35 mm ≈ 8/8 pt, 0.25 mm ≈ 6/8 pt).
pub(super) fn rules(role: Role) -> &'static [Rule] {
    const fn rule(side: Side, eighths: u32, color: &'static str) -> Rule {
        Rule {
            side,
            eighths,
            space: 1,
            color,
        }
    }
    const DOC_NUMBER: &[Rule] = &[Rule {
        space: 11,
        ..rule(Side::Bottom, 12, RED)
    }];
    const COPIES: &[Rule] = &[rule(Side::Top, 8, BLACK), rule(Side::Bottom, 6, BLACK)];
    const IMPRINT: &[Rule] = &[rule(Side::Bottom, 8, BLACK)];
    match role {
        Role::DocNumber => DOC_NUMBER,
        Role::Copies => COPIES,
        Role::Imprint => IMPRINT,
        _ => &[],
    }
}
