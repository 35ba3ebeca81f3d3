//! The page, the named paragraph styles and the frame's rules, in the
//! units GB/T 9704 gives, and the styles part that carries them
//! (`word/styles.xml`), written in schema order.

use std::fmt::Write as _;

use crate::render::document::Role;
use crate::source::format::Style as LayoutStyle;

use crate::render::page::{self, Face, twips};

// Page and type area, in twips: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
pub(super) const PAGE_WIDTH: u32 = twips(page::PAGE_WIDTH) as u32;
pub(super) const PAGE_HEIGHT: u32 = twips(page::PAGE_HEIGHT) as u32;
pub(super) const MARGIN_TOP: i32 = twips(page::TOP);
pub(super) const MARGIN_BOTTOM: i32 = twips(page::BOTTOM);
pub(super) const MARGIN_RIGHT: i32 = twips(page::RIGHT);
/// The type area's width, 156 mm.
pub(super) const TYPE_WIDTH: i32 = twips(page::TYPE_WIDTH);
/// What the paper leaves of the rounded margins and type area, so that the
/// three add up to the page exactly (1588, where 28 mm is 1587.4).
pub(super) const MARGIN_LEFT: i32 = twips(page::PAGE_WIDTH) - MARGIN_RIGHT - TYPE_WIDTH;
/// The footer's distance from the paper's edge: its line then sits 7 mm below
/// the type area (35 mm − 7 mm − one 14 pt line).
pub(super) const FOOTER: i32 = twips(page::BOTTOM - page::PAGE_NUMBER_BELOW - page::SMALL_SIZE);
/// 28 pt fixed line pitch: 22 lines in the 225 mm type area.
pub(super) const LINE: i32 = twips(page::LINE);
/// One character of 三号 (16 pt).
pub(super) const CHAR: i32 = twips(page::BODY_SIZE);

/// `points` in half-points, Word's unit of type sizes.
const fn half_points(points: f32) -> usize {
    (points * 2.0) as usize
}

pub(super) const BODY_SIZE: usize = half_points(page::BODY_SIZE); // 三号
pub(super) const TITLE_SIZE: usize = half_points(page::TITLE_SIZE); // 二号
pub(super) const SMALL_SIZE: usize = half_points(page::SMALL_SIZE); // 四号: tables, 版记, page numbers
pub(super) const ORGAN_SIZE: usize = half_points(page::ORGAN_SIZE);
/// One 四号 character, in twips.
pub(super) const CHAR_14: i32 = twips(page::SMALL_SIZE);

pub(super) const FANGSONG: &str = Face::FangSong.standard_name();
pub(super) const KAITI: &str = Face::KaiTi.standard_name();
pub(super) const HEITI: &str = Face::HeiTi.standard_name();
pub(super) const XIAOBIAOSONG: &str = Face::XiaoBiaoSong.standard_name();
pub(super) const SONGTI: &str = Face::SongTi.standard_name();
/// Digits and Latin letters, as official documents set them.
pub(super) const LATIN: &str = Face::Latin.standard_name();

/// How a style spaces its lines: the line pitch in twips, exact or (for
/// pictures) single, and the space after.
#[derive(Clone, Copy)]
struct Spacing {
    line: i32,
    exact: bool,
    after: i32,
}

const fn exact(line: i32) -> Spacing {
    Spacing {
        line,
        exact: true,
        after: 0,
    }
}

/// A first-line indent (positive) or a hanging one (negative), with the
/// left and right indents, in twips.
#[derive(Clone, Copy)]
struct Indent {
    left: i32,
    right: i32,
    first: i32,
}

/// One named style: what it sets, each `None` or `false` left to the
/// document defaults.
#[derive(Clone, Copy)]
struct Def {
    character: bool,
    id: &'static str,
    name: &'static str,
    spacing: Option<Spacing>,
    indent: Option<Indent>,
    align: Option<&'static str>,
    outline: Option<u8>,
    east_asia: Option<&'static str>,
    bold: bool,
    color: Option<&'static str>,
    /// In half-points.
    size: Option<usize>,
    /// Latin text (`w:lang en-US`), for the numeral style.
    latin: bool,
}

const fn def(id: &'static str, name: &'static str) -> Def {
    Def {
        character: false,
        id,
        name,
        spacing: None,
        indent: None,
        align: None,
        outline: None,
        east_asia: None,
        bold: false,
        color: None,
        size: None,
        latin: false,
    }
}

/// Body text in `east_asia`: 三号, the fixed line pitch, a first-line
/// indent of two characters, justified.
const fn paragraph(id: &'static str, name: &'static str, east_asia: &'static str) -> Def {
    Def {
        spacing: Some(exact(LINE)),
        indent: Some(Indent {
            left: 0,
            right: 0,
            first: 2 * CHAR,
        }),
        align: Some("both"),
        east_asia: Some(east_asia),
        size: Some(BODY_SIZE),
        ..def(id, name)
    }
}

/// Body text without the first-line indent.
const fn unindented(id: &'static str, name: &'static str, align: &'static str) -> Def {
    Def {
        spacing: Some(exact(LINE)),
        align: Some(align),
        east_asia: Some(FANGSONG),
        size: Some(BODY_SIZE),
        ..def(id, name)
    }
}

/// `signature: below-title`: 署名 and 成文日期 centred under the title, in
/// 楷体 as published summaries set them.
const BYLINE: Def = Def {
    east_asia: Some(KAITI),
    ..unindented("Byline", "署名行", "center")
};

/// Named paragraph styles: 正文, 标题, the four heading levels, 落款, tables.
fn styles(layout: &LayoutStyle) -> [Def; 19] {
    let bold = layout.bold_headings;
    [
        // Word's own default paragraph style, which the others build on.
        def("Normal", "Normal"),
        paragraph("Body", "公文正文", FANGSONG),
        Def {
            spacing: Some(Spacing {
                after: LINE,
                ..exact(700)
            }),
            align: Some("center"),
            east_asia: Some(XIAOBIAOSONG),
            size: Some(TITLE_SIZE),
            ..def("DocTitle", "公文标题")
        },
        Def {
            outline: Some(0),
            ..paragraph("Heading1", "heading 1", HEITI)
        },
        Def {
            outline: Some(1),
            bold,
            ..paragraph("Heading2", "heading 2", KAITI)
        },
        Def {
            outline: Some(2),
            bold,
            ..paragraph("Heading3", "heading 3", FANGSONG)
        },
        Def {
            outline: Some(3),
            ..paragraph("Heading4", "heading 4", FANGSONG)
        },
        unindented("Signature", "落款", "right"),
        unindented("Addressee", "主送机关", "left"),
        BYLINE,
        // 7.2.4: red, centred, 小标宋; its line stands a little apart.
        Def {
            spacing: Some(Spacing {
                after: 2 * LINE,
                ..exact(1000)
            }),
            align: Some("center"),
            east_asia: Some(XIAOBIAOSONG),
            color: Some(RED),
            size: Some(ORGAN_SIZE),
            ..def("Organ", "发文机关标志")
        },
        unindented("DocNumber", "发文字号", "center"),
        // 7.3.4: “附件：” two characters in; later names under the first.
        Def {
            indent: Some(Indent {
                left: 5 * CHAR,
                right: 0,
                first: -3 * CHAR,
            }),
            ..paragraph("Attachments", "附件说明", FANGSONG)
        },
        // 7.4: 四号仿宋, one character in from both sides; a wrapped 抄送
        // line aligns after its colon.
        Def {
            spacing: Some(exact(LINE)),
            indent: Some(Indent {
                left: 4 * CHAR_14,
                right: CHAR_14,
                first: -3 * CHAR_14,
            }),
            east_asia: Some(FANGSONG),
            size: Some(SMALL_SIZE),
            ..def("Copies", "版记")
        },
        // Single spacing: under the document's fixed 28 pt line pitch a
        // picture would be cut to one line's height.
        Def {
            spacing: Some(Spacing {
                line: 240,
                exact: false,
                after: 0,
            }),
            align: Some("center"),
            ..def("Figure", "图")
        },
        Def {
            spacing: Some(exact(400)),
            east_asia: Some(FANGSONG),
            size: Some(SMALL_SIZE),
            ..def("TableText", "表格文字")
        },
        Def {
            spacing: Some(exact(LINE)),
            align: Some("center"),
            east_asia: Some(HEITI),
            size: Some(SMALL_SIZE),
            ..def("Caption", "caption")
        },
        Def {
            character: true,
            latin: true,
            ..def(NUMERAL, "数字")
        },
        Def {
            east_asia: Some(SONGTI),
            size: Some(SMALL_SIZE),
            ..def("PageNumber", "页码")
        },
    ]
}

const STYLES_ROOT: &str = r#"<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">"#;

/// The styles part for `layout`, its text declared `lang`.
///
/// The document defaults: the text declared Chinese (`w:lang
/// w:eastAsia="zh-CN"`, or zh-TW for a report in traditional script, so an
/// office suite without the named fonts picks a Chinese face of that script,
/// not a Japanese one); characters condensed by 0.25 pt, so 28 三号
/// characters fill the 156 mm line as GB/T 9704 counts them (28 × 15.75 pt ≤
/// 442 pt); and no automatic space between Chinese and Latin text or
/// digits, which would otherwise widen “2017年” and leave 27 characters a
/// line.
pub(super) fn part(layout: &LayoutStyle, lang: &str, byline: bool) -> Vec<u8> {
    let mut xml = String::with_capacity(8 * 1024);
    xml.push_str(STYLES_ROOT);
    xml.push_str("<w:docDefaults><w:rPrDefault><w:rPr>");
    fonts(&mut xml, FANGSONG);
    let _ = write!(
        xml,
        r#"<w:spacing w:val="-5" /><w:sz w:val="{BODY_SIZE}" /><w:szCs w:val="{BODY_SIZE}" /><w:lang w:val="{lang}" w:eastAsia="{lang}" /></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" />"#
    );
    spacing(&mut xml, exact(LINE));
    xml.push_str("</w:pPr></w:pPrDefault></w:docDefaults>");
    // The byline's style only where the report has one: the styles of
    // every other report stay as they were.
    for style in styles(layout).iter().filter(|s| byline || s.id != "Byline") {
        write_style(&mut xml, style);
    }
    xml.push_str("</w:styles>");
    xml.into_bytes()
}

fn write_style(xml: &mut String, style: &Def) {
    let kind = if style.character {
        "character"
    } else {
        "paragraph"
    };
    let _ = write!(
        xml,
        r#"<w:style w:type="{kind}" w:styleId="{}"><w:name w:val="{}" /><w:qFormat />"#,
        style.id, style.name
    );
    // A style's pPr holds no rPr (CT_PPrBase); a character style has none.
    if !style.character {
        paragraph_properties(xml, style);
    }
    run_properties(xml, style);
    xml.push_str("</w:style>");
}

/// Autospace (a quarter em between Chinese and digits, “2017 年”) is off in
/// every style as well as in the defaults: Word honours it from either, and
/// a style copied into another document keeps it. `LibreOffice` (7.4 and
/// 25.2, measured) reads neither and still sets the gap.
fn paragraph_properties(xml: &mut String, style: &Def) {
    xml.push_str(r#"<w:pPr><w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" />"#);
    if let Some(line) = style.spacing {
        spacing(xml, line);
    }
    if let Some(indent) = style.indent {
        let (special, amount) = if indent.first < 0 {
            ("hanging", -indent.first)
        } else {
            ("firstLine", indent.first)
        };
        let _ = write!(
            xml,
            r#"<w:ind w:left="{}" w:right="{}" w:{special}="{amount}" />"#,
            indent.left, indent.right
        );
    }
    if let Some(align) = style.align {
        let _ = write!(xml, r#"<w:jc w:val="{align}" />"#);
    }
    if let Some(level) = style.outline {
        let _ = write!(xml, r#"<w:outlineLvl w:val="{level}" />"#);
    }
    xml.push_str("</w:pPr>");
}

fn run_properties(xml: &mut String, style: &Def) {
    xml.push_str("<w:rPr>");
    if let Some(east_asia) = style.east_asia {
        fonts(xml, east_asia);
    }
    if style.bold {
        xml.push_str("<w:b /><w:bCs />");
    }
    if let Some(color) = style.color {
        let _ = write!(xml, r#"<w:color w:val="{color}" />"#);
    }
    if let Some(size) = style.size {
        let _ = write!(xml, r#"<w:sz w:val="{size}" /><w:szCs w:val="{size}" />"#);
    }
    if style.latin {
        xml.push_str(r#"<w:lang w:val="en-US" w:eastAsia="en-US" />"#);
    }
    xml.push_str("</w:rPr>");
}

/// Chinese in `east_asia`, digits and Latin letters in Times New Roman.
fn fonts(xml: &mut String, east_asia: &str) {
    let _ = write!(
        xml,
        r#"<w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:cs="{LATIN}" w:eastAsia="{east_asia}" />"#
    );
}

fn spacing(xml: &mut String, spacing: Spacing) {
    let rule = if spacing.exact { "exact" } else { "auto" };
    let _ = write!(
        xml,
        r#"<w:spacing w:before="0" w:after="{}" w:line="{}" w:lineRule="{rule}" />"#,
        spacing.after, spacing.line
    );
}

/// The character style of figures' digits: Latin text (`w:lang en-US`), so
/// an office suite lays a number out as one word. Inside Chinese text,
/// `LibreOffice` otherwise breaks lines inside numbers (“4 / 0余处”,
/// “202 / 5年”); Word does not, and the style costs it nothing.
pub(super) const NUMERAL: &str = "Numeral";

/// GB/T 9704's red, for the 版头.
pub(super) const RED: &str = "FF0000";

/// A rule under a paragraph (`w:pBdr`'s bottom side): its width in eighths
/// of a point, its distance from the text in points, its colour.
#[derive(Clone, Copy)]
pub(super) struct Rule {
    pub(crate) eighths: u32,
    pub(crate) space: u32,
    pub(crate) color: &'static str,
}

/// `points` in eighths of a point, Word's unit of borders.
const fn eighths(points: f32) -> u32 {
    (points * 8.0 + 0.5) as u32
}

/// The 版记's rules (7.4.1) in eighths of a point: 0.35 mm ≈ 8/8 pt for the
/// first and last, 0.25 mm ≈ 6/8 pt between.
pub(super) const RULE_THICK: u32 = eighths(page::RULE_THICK);
pub(super) const RULE_THIN: u32 = eighths(page::RULE_THIN);

/// The rule a paragraph of the 公文 frame carries: the red one under the
/// 发文字号, 4 mm below it (7.2.7). The 版记's are its table's borders.
pub(super) fn rule(role: Role) -> Option<Rule> {
    match role {
        Role::DocNumber => Some(Rule {
            eighths: eighths(page::RED_RULE),
            space: page::RED_RULE_GAP as u32,
            color: RED,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style<'x>(xml: &'x str, id: &str) -> &'x str {
        let start = xml.find(&format!(r#"w:styleId="{id}""#)).unwrap();
        let end = start + xml[start..].find("</w:style>").unwrap();
        &xml[start..end]
    }

    #[test]
    fn bold_headings_is_a_layout_choice() {
        let bold = LayoutStyle::default();
        let plain = LayoutStyle {
            bold_headings: false,
            ..LayoutStyle::default()
        };
        let bold = String::from_utf8(part(&bold, "zh-CN", false)).unwrap();
        let plain = String::from_utf8(part(&plain, "zh-CN", false)).unwrap();
        for id in ["Heading2", "Heading3"] {
            assert!(style(&bold, id).contains("<w:b /><w:bCs />"), "{id}");
            assert!(!style(&plain, id).contains("<w:b />"), "{id}");
        }
        assert!(!style(&bold, "Heading1").contains("<w:b />"));
    }

    #[test]
    fn the_text_is_declared_in_the_report_s_script() {
        let xml = String::from_utf8(part(&LayoutStyle::default(), "zh-TW", false)).unwrap();
        assert!(xml.contains(r#"<w:lang w:val="zh-TW" w:eastAsia="zh-TW" />"#));
        // Figures stay Latin text whatever the script.
        assert!(style(&xml, NUMERAL).contains(r#"<w:lang w:val="en-US""#));
        // A hanging indent where the standard wants one.
        assert!(
            style(&xml, "Attachments").contains(r#"w:left="1600" w:right="0" w:hanging="960""#)
        );
    }
}
