//! Word (DOCX), written with docx-rs from the document tree the Markdown
//! template rendered — not converted from the HTML — and laid out per
//! GB/T 9704-2012 (units in `shared/reference/gbt9704.md` §1.5). Every
//! paragraph uses a named style, so a clerk can restyle the document in Word
//! or WPS.

use docx_rs::{BreakType, Docx as Package, PageMargin, Paragraph, Run, Tab, TabValueType};

mod drawingml;
mod ooxml;
mod package;
mod runs;
mod styles;
mod styles_part;
mod table;

use crate::error::Error;
use crate::model::{Chart, Report};
use crate::render::document::{self, Block, BlockKind, Role, Span};
use crate::render::input::{Input, Renderer};
use crate::source::format::{Format, Style as LayoutStyle};
use drawingml::Charts;
use runs::{numeral_runs, plain_span, runs, width};
use styles::{
    BODY_SIZE, CHAR, CHAR_14, FANGSONG, FOOTER, LINE, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT,
    MARGIN_TOP, NUMERAL, PAGE_HEIGHT, PAGE_WIDTH, document_defaults, exact, fonts, footers,
    repeat_headers, rules, styles,
};
use table::{TYPE_WIDTH, table};

/// The title fits one line up to this many characters of 二号: the line
/// holds 20.1, but `LibreOffice` still sets a little space between Chinese and
/// digits, so a title of 20 wraps its last character (measured).
const TITLE_LINE_CHARS: f64 = 19.0;

pub(super) struct Docx;

impl Renderer for Docx {
    fn format(&self) -> Format {
        Format::Docx
    }

    fn render(&self, input: &Input) -> Result<Vec<u8>, Error> {
        render(&input.document.blocks, input.report, input.style)
    }
}

pub fn render(blocks: &[Block], report: &Report, layout: &LayoutStyle) -> Result<Vec<u8>, Error> {
    let mut docx = Package::new()
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
        );
    let lang = report.script.docx_lang();
    let cached = styles_part::get(layout, lang);
    if cached.is_none() {
        docx = docx
            .default_fonts(fonts(FANGSONG))
            .default_size(BODY_SIZE)
            .default_line_spacing(exact(LINE));
        for style in styles(layout) {
            docx = docx.add_style(style);
        }
    }
    docx = footers(docx, layout.page_numbers);
    let mut writer = Writer {
        charts: &report.charts,
        units: crate::render::nobreak::units(report),
        drawings: Charts::default(),
    };
    for (index, block) in blocks.iter().enumerate() {
        // The text before the 署名 goes to a new page with it, so the
        // signature never stands alone (7.3.5).
        let before_signature = blocks
            .get(index + 1)
            .is_some_and(|next| matches!(next.kind, BlockKind::Signature(_)));
        docx = writer.block(docx, block, before_signature);
    }
    let drawings = writer.drawings;

    let mut xml = docx.build();
    let ordered = |part: &[u8]| ooxml::schema_order(&ooxml::text(part)).into_bytes();
    xml.styles = cached.unwrap_or_else(|| {
        let made = ordered(&document_defaults(&xml.styles, lang));
        styles_part::keep(layout, lang, &made);
        made
    });
    xml.document = ordered(&repeat_headers(&xml.document));
    xml.footers = xml.footers.iter().map(|f| ordered(f)).collect();
    drawings.finish(
        &mut xml.document,
        &mut xml.document_rels,
        &mut xml.content_type,
    );
    package::pack(&xml, &drawings)
}

/// What the blocks are written with: the charts to draw and the units that
/// keep a figure on one line, and the charts drawn so far.
struct Writer<'a> {
    charts: &'a [Chart],
    units: Vec<&'a str>,
    drawings: Charts,
}

impl Writer<'_> {
    fn block(&mut self, docx: Package, block: &Block, keep_next: bool) -> Package {
        let units = &self.units;
        match &block.kind {
            BlockKind::Title(lines) => docx.add_paragraph(title(lines, units)),
            BlockKind::Heading { level, text } => {
                let style = match level {
                    1 => "Heading1",
                    2 => "Heading2",
                    3 => "Heading3",
                    _ => "Heading4",
                };
                docx.add_paragraph(runs(
                    Paragraph::new().style(style).keep_next(true),
                    text,
                    units,
                ))
            }
            BlockKind::Paragraph {
                role: Role::Imprint,
                text,
            } => docx.add_paragraph(imprint(text, units)),
            BlockKind::Paragraph { role, text } => {
                let style = match role {
                    Role::Body | Role::Verbatim => "Body",
                    Role::Addressee => "Addressee",
                    Role::Organ => "Organ",
                    Role::DocNumber => "DocNumber",
                    Role::Attachments => "Attachments",
                    Role::Copies | Role::Imprint => "Copies",
                };
                let mut paragraph = Paragraph::new().style(style).keep_next(keep_next);
                if let Some(rules) = rules(*role) {
                    paragraph.property = paragraph.property.set_borders(rules);
                }
                docx.add_paragraph(runs(paragraph, text, units))
            }
            BlockKind::Caption(text) => docx.add_paragraph(caption(text, units)),
            BlockKind::Table(table) => {
                let docx = match &table.caption {
                    Some(text) => docx.add_paragraph(caption(text, units)),
                    None => docx,
                };
                docx.add_table(self::table(table, units))
            }
            BlockKind::Chart { key, alt } => match self.charts.iter().find(|c| &c.key == key) {
                Some(chart) => docx
                    .add_paragraph(
                        Paragraph::new()
                            .style("Figure")
                            .keep_next(true)
                            .add_run(Run::new().add_text(self.drawings.add(chart))),
                    )
                    .add_paragraph(caption(&[plain_span(&chart.alt)], units)),
                None => docx.add_paragraph(caption(&[plain_span(alt)], units)),
            },
            BlockKind::Signature(lines) => {
                // 7.3.5.2: one blank line below the text, then 署名 and 成文日期;
                // kept together, and with the text above.
                let mut docx = docx.add_paragraph(Paragraph::new().style("Body").keep_next(true));
                for paragraph in signature(lines, units) {
                    docx = docx.add_paragraph(paragraph);
                }
                docx
            }
            BlockKind::List {
                ordered,
                start,
                items,
            } => {
                let mut docx = docx;
                for (index, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}.", start + index)
                    } else {
                        "• ".to_string()
                    };
                    let mut spans = vec![plain_span(&marker)];
                    spans.extend(item.iter().cloned());
                    docx = docx.add_paragraph(runs(Paragraph::new().style("Body"), &spans, units));
                }
                docx
            }
        }
    }
}

/// The title on one line, or broken between its phrases when it is longer
/// than a line (7.3.1: 回行时词意完整).
fn title(lines: &[String], units: &[&str]) -> Paragraph {
    let mut paragraph = Paragraph::new().style("DocTitle");
    let long = width(&lines.concat()) > TITLE_LINE_CHARS;
    for (index, line) in lines.iter().enumerate() {
        let mut run = Run::new();
        if index > 0 && long {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (text, numeral) in numeral_runs(line, units) {
            let piece = run.clone().add_text(text);
            paragraph = paragraph.add_run(if numeral { piece.style(NUMERAL) } else { piece });
            run = Run::new();
        }
    }
    paragraph
}

/// 印发机关 one character from the left, 印发日期 one from the right, with
/// the 版记's closing thick rule under them (7.4.3).
fn imprint(spans: &[Span], units: &[&str]) -> Paragraph {
    let text = document::plain(spans);
    let (office, date) = text.split_once('\n').unwrap_or((&text, ""));
    let right = i32::try_from(TYPE_WIDTH).unwrap_or(8844) - CHAR_14;
    let mut paragraph = Paragraph::new().style("Copies").add_tab(
        Tab::new()
            .val(TabValueType::Right)
            .pos(usize::try_from(right).unwrap_or(0)),
    );
    if let Some(rules) = rules(Role::Imprint) {
        paragraph.property = paragraph.property.set_borders(rules);
    }
    let paragraph = runs(paragraph, &[plain_span(office)], units).add_run(Run::new().add_tab());
    runs(paragraph, &[plain_span(date)], units)
}

fn caption(text: &[Span], units: &[&str]) -> Paragraph {
    runs(
        Paragraph::new().style("Caption").keep_next(true),
        text,
        units,
    )
}

/// 7.3.5.2 without a seal: the 署名 two characters in from the right; the
/// date on the next line starting two characters right of the 署名's first
/// character. A date longer than that sits two characters in from the right,
/// and the 署名 moves left to keep the offset.
fn signature(lines: &[String], units: &[&str]) -> Vec<Paragraph> {
    let issuer = lines.first().map_or("", String::as_str);
    let date = lines.get(1).map_or("", String::as_str);
    let (issuer_width, date_width) = (width(issuer), width(date));
    let (issuer_right, date_right) = if date_width + 2.0 <= issuer_width {
        (2.0, 2.0 + issuer_width - date_width - 2.0)
    } else {
        (2.0 + date_width + 2.0 - issuer_width, 2.0)
    };
    let line = |text: &str, right: f64| {
        let paragraph = Paragraph::new()
            .style("Signature")
            .indent(
                None,
                None,
                Some((right * f64::from(CHAR)).round() as i32),
                None,
            )
            .keep_next(true);
        runs(paragraph, &[plain_span(text)], units)
    };
    lines
        .iter()
        .enumerate()
        .map(|(index, text)| line(text, if index == 0 { issuer_right } else { date_right }))
        .collect()
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
        let lines = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
        let [a, b] =
            <[Paragraph; 2]>::try_from(signature(&lines(issuer, "2017年12月28日"), &[])).unwrap();
        let xml = |p: Paragraph| String::from_utf8(docx_rs::BuildXML::build(&p)).unwrap();
        assert!(xml(a).contains(r#"w:right="640""#));
        assert!(xml(b).contains(r#"w:right="1600""#));
        // A short 署名: the date sits 2 字 in, the 署名 moves left.
        let [a, b] =
            <[Paragraph; 2]>::try_from(signature(&lines("某办", "2017年12月28日"), &[])).unwrap();
        assert!(xml(a).contains(r#"w:right="2880""#));
        assert!(xml(b).contains(r#"w:right="640""#));
    }
}
