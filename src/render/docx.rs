//! Word (DOCX), written from the document model with docx-rs — not converted
//! from the HTML — and laid out per GB/T 9704-2012 (units in
//! `shared/reference/gbt9704.md` §1.5). Every paragraph uses a named style, so
//! a clerk can restyle the document in Word or WPS.

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, Pic, Run, RunFonts, SpecialIndentType, Style,
    StyleType, Table, TableBorders, TableCell, TableLayoutType, TableRow, WidthType,
};

use crate::chart;
use crate::config::{PageNumbers, Style as LayoutStyle};
use crate::error::Error;
use crate::model::{Node, Report};

// Page and type area, in twips (1/20 pt): A4, 天头 37mm, 订口 28mm, 版心 156 × 225 mm.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN_TOP: i32 = 2098;
const MARGIN_BOTTOM: i32 = 1984;
const MARGIN_LEFT: i32 = 1588;
const MARGIN_RIGHT: i32 = 1474;
/// The footer's distance from the paper's edge: its line then sits 7 mm below
/// the type area (35 mm − 7 mm − one 14 pt line).
const FOOTER: i32 = 1307;
/// 28 pt fixed line pitch: 22 lines in the 225 mm type area.
const LINE: i32 = 560;
/// One character of 三号 (16 pt).
const CHAR: i32 = 320;

// Sizes in half-points.
const BODY_SIZE: usize = 32; // 三号
const TITLE_SIZE: usize = 44; // 二号
const PAGE_NUMBER_SIZE: usize = 28; // 四号
const TABLE_SIZE: usize = 28;

const FANGSONG: &str = "仿宋_GB2312";
const KAITI: &str = "楷体_GB2312";
const HEITI: &str = "黑体";
const XIAOBIAOSONG: &str = "方正小标宋简体";
const SONGTI: &str = "宋体";
/// Digits and Latin letters, as official documents set them.
const LATIN: &str = "Times New Roman";

/// The title fits one line up to this many characters of 二号.
const TITLE_LINE_CHARS: f64 = 20.0;

pub fn render(report: &Report, layout: &LayoutStyle) -> Result<Vec<u8>, Error> {
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(851)
                .footer(FOOTER)
                .gutter(0),
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(BODY_SIZE)
        .default_line_spacing(exact(LINE));
    for style in styles(layout) {
        docx = docx.add_style(style);
    }
    docx = footers(docx, layout.page_numbers);

    docx = docx.add_paragraph(title(report));
    for text in &report.intro {
        docx = docx.add_paragraph(body(text));
    }
    let mut charts = 0;
    for part in &report.parts {
        docx = node(docx, part, report, &mut charts);
    }
    // 7.3.5.2: one blank line below the text, then 署名 and 成文日期.
    docx = docx.add_paragraph(Paragraph::new().style("Body"));
    let (issuer, date) = signature(&report.issuer, &report.date.text);
    docx = docx.add_paragraph(issuer).add_paragraph(date);

    let mut xml = docx.build();
    let ordered =
        |part: &[u8]| super::ooxml::schema_order(&String::from_utf8_lossy(part)).into_bytes();
    xml.styles = ordered(&with_chinese_language(&xml.styles));
    xml.document = ordered(&xml.document);
    xml.footers = xml.footers.iter().map(|f| ordered(f)).collect();
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes).map_err(|e| Error::Render {
        format: "DOCX",
        reason: e.to_string(),
    })?;
    Ok(bytes.into_inner())
}

/// Declares the text Chinese (`w:lang w:eastAsia="zh-CN"`) in the document
/// defaults, which docx-rs cannot: without it an office suite that lacks the
/// named fonts may fall back to Japanese glyph forms.
fn with_chinese_language(styles: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(styles);
    let defaults = "<w:rPrDefault><w:rPr>";
    match text.find(defaults) {
        Some(at) => {
            let end = at + defaults.len();
            let after = &text[end..];
            let close = after.find("</w:rPr>").map_or(0, |i| i);
            format!(
                "{}{}<w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" />{}",
                &text[..end],
                &after[..close],
                &after[close..]
            )
            .into_bytes()
        }
        None => styles.to_vec(),
    }
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

fn exact(twips: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(twips)
        .before(0)
        .after(0)
}

/// Named paragraph styles: 正文, 标题, the four heading levels, 落款, tables.
fn styles(layout: &LayoutStyle) -> Vec<Style> {
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
        Style::new("Signature", StyleType::Paragraph)
            .name("落款")
            .fonts(fonts(FANGSONG))
            .size(BODY_SIZE)
            .line_spacing(exact(LINE))
            .align(AlignmentType::Right),
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
        Style::new("PageNumber", StyleType::Paragraph)
            .name("页码")
            .fonts(fonts(SONGTI))
            .size(PAGE_NUMBER_SIZE),
    ]
}

/// "— N —" with a PAGE field: odd pages right and even pages left, one
/// character in (7.5), or centred.
fn footers(docx: Docx, position: PageNumbers) -> Docx {
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

/// The title on one line, or broken between its phrases when it is longer
/// than a line (7.3.1: 回行时词意完整).
fn title(report: &Report) -> Paragraph {
    let mut paragraph = Paragraph::new().style("DocTitle");
    let long = width(&report.title) > TITLE_LINE_CHARS;
    for (index, line) in report.title_lines.iter().enumerate() {
        let mut run = Run::new();
        if index > 0 && long {
            run = run.add_break(BreakType::TextWrapping);
        }
        paragraph = paragraph.add_run(run.add_text(line));
    }
    paragraph
}

fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Body")
        .add_run(Run::new().add_text(text))
}

fn node(mut docx: Docx, node: &Node, report: &Report, charts: &mut usize) -> Docx {
    if let Some(heading) = &node.heading {
        let style = match node.level {
            1 => "Heading1",
            2 => "Heading2",
            3 => "Heading3",
            _ => "Heading4",
        };
        docx = docx.add_paragraph(
            Paragraph::new()
                .style(style)
                .keep_next(true)
                .add_run(Run::new().add_text(format!("{}{heading}", node.number))),
        );
    }
    for text in &node.paragraphs {
        docx = docx.add_paragraph(body(text));
    }
    if !node.targets.is_empty() {
        let targets: Vec<String> = node
            .targets
            .iter()
            .map(|t| format!("{}{}", t.label, t.text))
            .collect();
        docx = docx.add_paragraph(body(&format!("目标：{}。", targets.join("；"))));
    }
    if node.kind == Some(crate::model::PartKind::Work) {
        docx = figures(docx, report, charts);
    }
    for item in &node.items {
        docx = self::node(docx, item, report, charts);
    }
    docx
}

/// The comparison tables and charts, as the HTML places them.
fn figures(mut docx: Docx, report: &Report, charts: &mut usize) -> Docx {
    let last = report.year - 1;
    if !report.comparisons.is_empty() {
        let rows = report.comparisons.iter().map(|c| {
            let change = c.change.clone().unwrap_or_else(|| "—".to_string());
            [
                c.label.clone(),
                c.previous.clone(),
                c.current.clone(),
                change,
            ]
        });
        docx = docx
            .add_paragraph(caption(&format!("{last}年与{}年主要指标对比", report.year)))
            .add_table(table(
                [
                    "指标",
                    &format!("{last}年"),
                    &format!("{}年", report.year),
                    "同比",
                ],
                rows,
            ));
    }
    if !report.outcomes.is_empty() {
        let rows = report.outcomes.iter().map(|o| {
            let status = match (&o.rate, o.met) {
                (Some(rate), Some(true)) => format!("{rate}，已完成"),
                (Some(rate), _) => format!("{rate}，未完成"),
                _ => "—".to_string(),
            };
            let actual = o.actual.clone().unwrap_or_else(|| "未报告".to_string());
            [o.label.clone(), o.target.clone(), actual, status]
        });
        docx = docx
            .add_paragraph(caption(&format!("{last}年计划目标完成情况")))
            .add_table(table(["指标", "目标", "完成", "完成情况"], rows));
    }
    for figure in &report.charts {
        *charts += 1;
        let (png, width, height) = chart::png(&figure.bars);
        // An explicit id per document: docx-rs numbers pictures from a
        // process-wide counter, which would make parallel builds differ.
        let picture = Pic::new_with_dimensions(png, width, height)
            .id(format!("rIdChart{charts}"))
            .size(width * 9525 * 3 / 4, height * 9525 * 3 / 4);
        docx = docx
            .add_paragraph(
                // Single spacing: under the document's fixed 28 pt line
                // pitch a picture would be cut to one line's height.
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .line_spacing(
                        LineSpacing::new()
                            .line_rule(LineSpacingType::Auto)
                            .line(240),
                    )
                    .keep_next(true)
                    .add_run(Run::new().add_image(picture)),
            )
            .add_paragraph(caption(&figure.alt));
    }
    docx
}

fn caption(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Caption")
        .keep_next(true)
        .add_run(Run::new().add_text(text))
}

/// The type area's width, 156 mm, in twips.
const TYPE_WIDTH: usize = 8844;
/// Column widths: the name wide enough for a long label, the figures
/// narrow, the wording the rest.
const COLUMNS: [usize; 4] = [2844, 1380, 1380, 3240];

fn table(header: [&str; 4], rows: impl Iterator<Item = [String; 4]>) -> Table {
    let cell = |text: &str, width: usize| {
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .style("TableText")
                .add_run(Run::new().add_text(text)),
        )
    };
    let row = |texts: Vec<&str>| {
        TableRow::new(
            texts
                .into_iter()
                .zip(COLUMNS)
                .map(|(text, width)| cell(text, width))
                .collect(),
        )
    };
    let mut all = vec![row(header.to_vec())];
    all.extend(rows.map(|r| row(r.iter().map(String::as_str).collect())));
    Table::new(all)
        .set_grid(COLUMNS.to_vec())
        .width(TYPE_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(TableBorders::new())
}

/// 7.3.5.2 without a seal: the 署名 two characters in from the right; the
/// date on the next line starting two characters right of the 署名's first
/// character. A date longer than that sits two characters in from the right,
/// and the 署名 moves left to keep the offset.
fn signature(issuer: &str, date: &str) -> (Paragraph, Paragraph) {
    let (issuer_width, date_width) = (width(issuer), width(date));
    let (issuer_right, date_right) = if date_width + 2.0 <= issuer_width {
        (2.0, 2.0 + issuer_width - date_width - 2.0)
    } else {
        (2.0 + date_width + 2.0 - issuer_width, 2.0)
    };
    let line = |text: &str, right: f64| {
        Paragraph::new()
            .style("Signature")
            .indent(
                None,
                None,
                Some((right * f64::from(CHAR)).round() as i32),
                None,
            )
            .add_run(Run::new().add_text(text))
    };
    (line(issuer, issuer_right), line(date, date_right))
}

/// Width in characters of the body font: a Chinese character is one, a
/// half-width digit or letter half of one.
fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_offsets_follow_the_standard() {
        // 署名 (12 字) longer than the date (4 + 3 字 = 7 字): 署名 right 2,
        // date right 2 + 12 − 7 − 2 = 5 字.
        let issuer = "某某区某某某某工作办公室";
        assert!((width(issuer) - 12.0).abs() < f64::EPSILON);
        assert!((width("2017年12月28日") - 7.0).abs() < f64::EPSILON);
        let (a, b) = signature(issuer, "2017年12月28日");
        let xml = |p: Paragraph| String::from_utf8(docx_rs::BuildXML::build(&p)).unwrap();
        assert!(xml(a).contains(r#"w:right="640""#));
        assert!(xml(b).contains(r#"w:right="1600""#));
        // A short 署名: the date sits 2 字 in, the 署名 moves left.
        let (a, b) = signature("某办", "2017年12月28日");
        assert!(xml(a).contains(r#"w:right="2880""#));
        assert!(xml(b).contains(r#"w:right="640""#));
    }
}
