//! Word (DOCX), written from the document tree the Markdown template
//! rendered — not converted from the HTML — and laid out per GB/T 9704-2012
//! (units in `shared/reference/gbt9704.md` §1.5). Every paragraph uses a
//! named style, so a clerk can restyle the document in Word or WPS. The body,
//! footers (`wml`, `footer`), styles and the package's other parts (`parts`)
//! are written here, in schema order.

mod drawingml;
mod footer;
mod package;
mod parts;
mod runs;
mod styles;
mod table;
mod wml;

use crate::error::{Error, Outcome};
use crate::model::{Chart, Report};
use crate::render::document::{self, Block, BlockKind, Role, Span};
use crate::render::input::{Input, Renderer};
use crate::source::format::Style as LayoutStyle;
use drawingml::Charts;
use runs::{numeral_runs, plain_span, runs, width};
use styles::{CHAR, CHAR_14, RULE_THICK, RULE_THIN, rule};
use table::{TYPE_WIDTH, table};
use wml::{Look, Part, Props};

/// What the title's line keeps back, in characters of 二号: the line holds
/// 20.1, but `LibreOffice` still sets a little space between Chinese and
/// digits, so a title of 20 wraps its last character (measured).
const TITLE_SLACK: f32 = 1.0;

pub(super) struct Docx;

impl Renderer for Docx {
    fn render(&self, input: &Input) -> Outcome<Vec<u8>> {
        Ok(Ok(render(
            &input.document.blocks,
            input.report,
            input.style,
        )?))
    }
}

pub(crate) fn render(
    blocks: &[Block],
    report: &Report,
    layout: &LayoutStyle,
) -> Result<Vec<u8>, Error> {
    let (footers, first_id) = footer::footers(layout.page_numbers);
    let lang = report.script.docx_lang();
    let mut writer = Writer {
        body: Part::body(first_id),
        charts: &report.charts,
        units: crate::render::nobreak::units(report),
        drawings: Charts::default(),
    };
    // The 版记 goes to the foot of the last page, after everything else.
    let (record, blocks): (Vec<&Block>, Vec<&Block>) = blocks.iter().partition(|block| {
        matches!(
            block.kind,
            BlockKind::Paragraph {
                role: Role::Copies | Role::Imprint,
                ..
            }
        )
    });
    for (index, block) in blocks.iter().enumerate() {
        // The text before the 署名 goes to a new page with it, so the
        // signature never stands alone (7.3.5).
        let before_signature = blocks
            .get(index + 1)
            .is_some_and(|next| matches!(next.kind, BlockKind::Signature { .. }));
        writer.block(block, before_signature);
    }
    writer.record(&record);
    let references: Vec<(&str, String)> = footers
        .iter()
        .enumerate()
        .map(|(index, f)| (f.kind, parts::footer_id(index + 1)))
        .collect();
    let mut package = package::Parts {
        content_types: parts::content_types(footers.len()),
        core: parts::core(report),
        document_rels: parts::document_rels(footers.len()),
        document: writer.body.finish_body(&references),
        styles: styles::part(
            layout,
            lang,
            report.signature == crate::model::Signature::BelowTitle,
        ),
        settings: parts::settings(
            footers.len() > 1,
            lang,
            &crate::render::nobreak::followers(&writer.units),
        ),
        footers: footers.into_iter().map(|f| f.xml).collect(),
    };
    writer
        .drawings
        .finish(&mut package.document_rels, &mut package.content_types);
    package::pack(&package, &writer.drawings)
}

/// What the blocks are written into and with: the body, the charts to draw
/// and the units that keep a figure on one line, and the charts drawn so far.
struct Writer<'a> {
    body: Part,
    charts: &'a [Chart],
    units: Vec<&'a str>,
    drawings: Charts,
}

impl Writer<'_> {
    /// The 版记 (7.4): its lines in a table at the foot of the page the
    /// document ends on, 抄送 and 印发 parted by a thin rule.
    fn record(&mut self, lines: &[&Block]) {
        if lines.is_empty() {
            return;
        }
        let width = TYPE_WIDTH;
        self.body.record_table(width, RULE_THICK, RULE_THIN);
        for line in lines {
            let BlockKind::Paragraph { role, text } = &line.kind else {
                continue;
            };
            self.body.row(false);
            self.body.cell(width);
            if *role == Role::Imprint {
                imprint(&mut self.body, text, &self.units);
            } else {
                paragraph(&mut self.body, &Props::style("Copies"), text, &self.units);
            }
            self.body.end_cell();
            self.body.end_row();
        }
        self.body.end_table();
        self.body.anchor();
    }

    fn block(&mut self, block: &Block, keep_next: bool) {
        let units = &self.units;
        let body = &mut self.body;
        match &block.kind {
            BlockKind::Title { lines, .. } => title(body, lines, units),
            BlockKind::Heading { level, text } => {
                let style = match level {
                    1 => "Heading1",
                    2 => "Heading2",
                    3 => "Heading3",
                    _ => "Heading4",
                };
                paragraph(body, &Props::style(style).keep_next(true), text, units);
            }
            BlockKind::Paragraph { role, text } => {
                let style = match role {
                    Role::Body | Role::Verbatim => "Body",
                    Role::Addressee => "Addressee",
                    Role::Organ => "Organ",
                    Role::DocNumber => "DocNumber",
                    Role::Attachments => "Attachments",
                    Role::Byline => "Byline",
                    // Written by `record`, in the 版记's table.
                    Role::Copies | Role::Imprint => "Copies",
                };
                let props = Props {
                    rule: rule(*role),
                    ..Props::style(style).keep_next(keep_next)
                };
                paragraph(body, &props, text, units);
            }
            BlockKind::Caption(text) => caption(body, text, units),
            BlockKind::Table(table) => {
                if let Some(text) = &table.caption {
                    caption(body, text, units);
                }
                self::table(body, table, units);
            }
            BlockKind::Chart { key, alt } => match self.charts.iter().find(|c| &c.key == key) {
                Some(chart) => {
                    body.paragraph(&Props::style("Figure").keep_next(true));
                    body.raw(&self.drawings.add(chart));
                    body.end_paragraph();
                    caption(body, &[plain_span(&chart.alt)], units);
                }
                None => caption(body, &[plain_span(alt)], units),
            },
            BlockKind::Signature { lines, .. } => {
                // 7.3.5.2: one blank line below the text, then 署名 and 成文日期;
                // kept together, and with the text above.
                paragraph(body, &Props::style("Body").keep_next(true), &[], units);
                signature(body, lines, units);
            }
            BlockKind::List {
                ordered,
                start,
                items,
            } => {
                for (index, item) in items.iter().enumerate() {
                    let marker = crate::render::page::list_marker(*ordered, start + index);
                    let mut spans = vec![plain_span(&marker)];
                    spans.extend(item.iter().cloned());
                    paragraph(body, &Props::style("Body"), &spans, units);
                }
            }
        }
    }
}

/// A paragraph of `props` holding `spans`.
fn paragraph(body: &mut Part, props: &Props, spans: &[Span], units: &[&str]) {
    body.paragraph(props);
    runs(body, spans, units);
    body.end_paragraph();
}

/// The title on one line, or broken between its phrases when it is longer
/// than a line (7.3.1: 回行时词意完整).
fn title(body: &mut Part, lines: &[String], units: &[&str]) {
    body.paragraph(&Props::style("DocTitle"));
    let long = !crate::render::page::title_fits(width(&lines.concat()) as f32, TITLE_SLACK);
    for (index, line) in lines.iter().enumerate() {
        for (piece, (text, numeral)) in numeral_runs(line, &[], units).into_iter().enumerate() {
            let look = Look {
                numeral,
                ..Look::default()
            };
            // The break opens the line's first run.
            if piece == 0 && index > 0 && long {
                body.line_break(look, Some(text));
            } else {
                body.text(look, text);
            }
        }
    }
    body.end_paragraph();
}

/// 印发机关 one character from the left, 印发日期 one from the right
/// (7.4.3); the rules are the 版记 table's.
fn imprint(body: &mut Part, spans: &[Span], units: &[&str]) {
    let text = document::plain(spans);
    let (office, date) = text.split_once('\n').unwrap_or((&text, ""));
    let right = styles::TYPE_WIDTH - CHAR_14;
    body.paragraph(&Props {
        right_tab: Some(right),
        ..Props::style("Copies")
    });
    runs(body, &[plain_span(office)], units);
    body.tab();
    runs(body, &[plain_span(date)], units);
    body.end_paragraph();
}

fn caption(body: &mut Part, text: &[Span], units: &[&str]) {
    paragraph(body, &Props::style("Caption").keep_next(true), text, units);
}

/// 7.3.5.2 without a seal: the 署名 two characters in from the right; the
/// date on the next line starting two characters right of the 署名's first
/// character. A date longer than that sits two characters in from the right,
/// and the 署名 moves left to keep the offset. The right indents in twips.
fn signature_indents(lines: &[String]) -> impl Iterator<Item = (&str, i32)> {
    let widths: Vec<f64> = lines.iter().map(|l| width(l)).collect();
    let offsets = crate::render::page::signature_offsets(&widths);
    lines
        .iter()
        .zip(offsets)
        .map(|(text, right)| (text.as_str(), (right * f64::from(CHAR)).round() as i32))
}

fn signature(body: &mut Part, lines: &[String], units: &[&str]) {
    for (text, right) in signature_indents(lines) {
        let props = Props {
            indent: Some((0, right)),
            ..Props::style("Signature").keep_next(true)
        };
        paragraph(body, &props, &[plain_span(text)], units);
    }
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
        let rights = |lines: &[String]| -> Vec<i32> {
            signature_indents(lines).map(|(_, right)| right).collect()
        };
        assert_eq!(rights(&lines(issuer, "2017年12月28日")), [640, 1600]);
        // A short 署名: the date sits 2 字 in, the 署名 moves left.
        assert_eq!(rights(&lines("某办", "2017年12月28日")), [2880, 640]);
    }
}
