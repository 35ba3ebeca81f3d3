//! Word (DOCX), written with docx-rs from the document tree the Markdown
//! template rendered — not converted from the HTML — and laid out per
//! GB/T 9704-2012 (units in `shared/reference/gbt9704.md` §1.5). Every
//! paragraph uses a named style, so a clerk can restyle the document in Word
//! or WPS.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx as Package, FieldCharType, Footer, InstrPAGE,
    InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType, Style, StyleType,
    Tab, TabValueType, Table, TableBorders, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::drawingml::Charts;
use super::{Input, Renderer, nobreak};
use crate::error::Error;
use crate::model::{Chart, Report};
use crate::render::document::{self, Align, Block, BlockKind, Role, Span};
use crate::source::format::{Format, PageNumbers, Style as LayoutStyle};

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
const ORGAN_SIZE: usize = 52; // 一号
const RECORD_SIZE: usize = 28; // 四号, the 版记
/// One 四号 character, in twips.
const CHAR_14: i32 = 280;

const FANGSONG: &str = "仿宋_GB2312";
const KAITI: &str = "楷体_GB2312";
const HEITI: &str = "黑体";
const XIAOBIAOSONG: &str = "方正小标宋简体";
const SONGTI: &str = "宋体";
/// Digits and Latin letters, as official documents set them.
const LATIN: &str = "Times New Roman";

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
        )
        .default_fonts(fonts(FANGSONG))
        .default_size(BODY_SIZE)
        .default_line_spacing(exact(LINE));
    for style in styles(layout) {
        docx = docx.add_style(style);
    }
    docx = footers(docx, layout.page_numbers);
    let mut writer = Writer {
        charts: &report.charts,
        units: super::units(report),
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
    let ordered = |part: &[u8]| super::ooxml::schema_order(&super::ooxml::text(part)).into_bytes();
    xml.styles = ordered(&document_defaults(&xml.styles, report.script.docx_lang()));
    xml.document = ordered(&repeat_headers(&xml.document));
    xml.footers = xml.footers.iter().map(|f| ordered(f)).collect();
    drawings.finish(
        &mut xml.document,
        &mut xml.document_rels,
        &mut xml.content_type,
    );
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes).map_err(|e| Error::Render {
        format: "DOCX",
        reason: e.to_string(),
    })?;
    drawings.add_parts(bytes.into_inner())
}

/// Document defaults docx-rs cannot set: the text declared Chinese
/// (`w:lang w:eastAsia="zh-CN"`, or zh-TW for a report in traditional
/// script, so an office suite without the named fonts picks a Chinese face of
/// that script, not a Japanese one); characters
/// condensed by 0.25 pt, so 28 三号 characters fill the 156 mm line as
/// GB/T 9704 counts them (28 × 15.75 pt ≤ 442 pt); and no automatic space
/// between Chinese and Latin text or digits, which would otherwise widen
/// “2017年” and leave 27 characters a line.
fn document_defaults(styles: &[u8], lang: &str) -> Vec<u8> {
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
fn insert_after(text: &str, marker: &str, addition: &str) -> String {
    match text.find(marker) {
        Some(at) => {
            let end = at + marker.len();
            format!("{}{addition}{}", &text[..end], &text[end..])
        }
        None => text.to_string(),
    }
}

/// Marks each table's first row as its header, repeated at the top of every
/// page the table runs onto (docx-rs has no such row property).
fn repeat_headers(document: &[u8]) -> Vec<u8> {
    super::ooxml::text(document)
        .replace(
            "</w:tblGrid><w:tr><w:trPr><w:cantSplit />",
            "</w:tblGrid><w:tr><w:trPr><w:cantSplit /><w:tblHeader />",
        )
        .into_bytes()
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
fn footers(docx: Package, position: PageNumbers) -> Package {
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

/// Spans as runs: bold and italic kept, `\n` as a line break, and the
/// digits of each figure in a run of their own (see [`numeral_runs`]).
fn runs(mut paragraph: Paragraph, spans: &[Span], units: &[&str]) -> Paragraph {
    for span in spans {
        for (index, line) in span.text.split('\n').enumerate() {
            let look = |mut run: Run| {
                if span.bold {
                    run = run.bold();
                }
                if span.italic {
                    run = run.italic();
                }
                run
            };
            if index > 0 {
                paragraph = paragraph.add_run(look(Run::new().add_break(BreakType::TextWrapping)));
            }
            for (text, numeral) in numeral_runs(line, units) {
                let joined: String = if numeral {
                    join_scripts(text)
                } else {
                    text.to_string()
                };
                let run = Run::new().add_text(joined);
                paragraph = paragraph.add_run(look(if numeral { run.style(NUMERAL) } else { run }));
            }
        }
    }
    paragraph
}

/// A word joiner where a figure's digits meet its Chinese unit, and between
/// the Chinese characters after them: `LibreOffice` breaks “7.3万 / 平方米”
/// otherwise (measured); between the digits it is not needed.
fn join_scripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 9);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if previous.is_some() && !c.is_ascii() {
            out.push('\u{2060}');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// The character style of figures' digits: Latin text (`w:lang en-US`), so
/// an office suite lays a number out as one word. Inside Chinese text,
/// `LibreOffice` otherwise breaks lines inside numbers (“4 / 0余处”,
/// “202 / 5年”); Word does not, and the style costs it nothing.
const NUMERAL: &str = "Numeral";

/// GB/T 9704's red, for the 版头.
const RED: &str = "FF0000";
const BLACK: &str = "000000";

/// The rules a paragraph of the 公文 frame carries: the red one under the
/// 发文字号, 4 mm below it (7.2.7); the 版记's thick rule above the 抄送 and a
/// thin one under it, and the thick closing rule under the 印发 line (7.4.1).
fn rules(role: Role) -> Option<ParagraphBorders> {
    // docx-rs's default borders box all four sides: start empty.
    let none = ParagraphBorders::with_empty();
    match role {
        Role::DocNumber => Some(none.set(rule(ParagraphBorderPosition::Bottom, 12, RED).space(11))),
        Role::Copies => Some(
            none.set(rule(ParagraphBorderPosition::Top, 8, BLACK))
                .set(rule(ParagraphBorderPosition::Bottom, 6, BLACK)),
        ),
        Role::Imprint => Some(none.set(rule(ParagraphBorderPosition::Bottom, 8, BLACK))),
        _ => None,
    }
}

/// A paragraph rule of `eighths` of a point (0.35 mm ≈ 8/8 pt, 0.25 mm ≈ 6/8 pt).
fn rule(position: ParagraphBorderPosition, eighths: usize, color: &str) -> ParagraphBorder {
    ParagraphBorder::new(position)
        .val(BorderType::Single)
        .size(eighths)
        .space(1)
        .color(color)
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

/// `text` cut into pieces, each marked whether it is the digits (with
/// decimal point and %) of a figure.
fn numeral_runs<'t>(text: &'t str, units: &[&str]) -> Vec<(&'t str, bool)> {
    let mut pieces = Vec::new();
    let mut written = 0;
    for (start, end) in nobreak::figures(text, units) {
        let figure = &text[start..end];
        let Some(first) = figure.find(|c: char| c.is_ascii_digit()) else {
            continue;
        };
        // The whole figure from its first digit, unit included: in a run of
        // its own LibreOffice does not break it.
        let (from, to) = (start + first, end);
        if from > written {
            pieces.push((&text[written..from], false));
        }
        pieces.push((&text[from..to], true));
        written = to;
    }
    if written < text.len() || pieces.is_empty() {
        pieces.push((&text[written..], false));
    }
    pieces
}

fn plain_span(text: &str) -> Span {
    Span {
        text: text.to_string(),
        bold: false,
        italic: false,
    }
}

fn caption(text: &[Span], units: &[&str]) -> Paragraph {
    runs(
        Paragraph::new().style("Caption").keep_next(true),
        text,
        units,
    )
}

/// The type area's width, 156 mm, in twips.
const TYPE_WIDTH: usize = 8844;
/// The least a column gets, in characters of 四号.
const MIN_COLUMN_CHARS: f64 = 2.0;
/// A clause (up to a “，”) longer than this many characters may wrap.
const LONG_CLAUSE: f64 = 12.0;
/// One character of 四号, the tables' size, in twips.
const TABLE_CHAR: f64 = 280.0;
/// A cell's left and right margins together (Word's default 0.19 cm each).
const CELL_PADDING: f64 = 216.0;

/// Column widths in twips, filling the type area. Each column first gets
/// what its widest text needs on one line; what is left over goes to the
/// text columns, and when the page is too narrow the text columns give way,
/// so figures (right-aligned columns) are the last to wrap.
fn columns(table: &document::Table) -> Vec<usize> {
    let count = table.align.len().max(1);
    let least = MIN_COLUMN_CHARS * TABLE_CHAR + CELL_PADDING;
    let mut wanted = vec![least; count];
    // The widest clause (up to a “，”) of each column: a cell may wrap
    // between clauses, never inside “已完成”.
    let mut clause = vec![least; count];
    // A character of slack: office suites set Latin digits wider than half
    // a character.
    let need = |text: &str| (width(text) + 1.0) * TABLE_CHAR + CELL_PADDING;
    for row in std::iter::once(&table.header).chain(&table.rows) {
        for (column, cell) in row.iter().enumerate().take(count) {
            let text = document::plain(cell);
            wanted[column] = wanted[column].max(need(&text));
            // A clause too long for any column wraps anyway; it asks only
            // for a few characters' room.
            for piece in text.split_inclusive(['，', '；', '、']) {
                let floor = if width(piece) <= LONG_CLAUSE {
                    need(piece)
                } else {
                    need("六个字的宽")
                };
                clause[column] = clause[column].max(floor);
            }
        }
    }
    let figures: Vec<bool> = (0..count)
        .map(|c| table.align.get(c) == Some(&Align::Right))
        .collect();
    let page = TYPE_WIDTH as f64;
    let total: f64 = wanted.iter().sum();
    let text_total: f64 = wanted
        .iter()
        .zip(&figures)
        .filter(|(_, figure)| !**figure)
        .map(|(w, _)| w)
        .sum();
    let figure_total = total - text_total;
    let widths: Vec<f64> = if text_total == 0.0 || figure_total >= page {
        wanted.iter().map(|w| w / total * page).collect()
    } else if total <= page {
        let spare = page - total;
        wanted
            .iter()
            .zip(&figures)
            .map(|(w, figure)| {
                if *figure {
                    *w
                } else {
                    w + spare * w / text_total
                }
            })
            .collect()
    } else {
        // Too wide: the text columns give way, each down to its widest
        // clause first, in proportion to how much more it wanted.
        let room = page - figure_total;
        let floors: f64 = (0..count).filter(|&c| !figures[c]).map(|c| clause[c]).sum();
        let give: f64 = text_total - floors;
        (0..count)
            .map(|c| {
                if figures[c] {
                    wanted[c]
                } else if floors <= room && give > 0.0 {
                    clause[c] + (room - floors) * (wanted[c] - clause[c]) / give
                } else {
                    // Not even the clauses fit: shares by clause, so a
                    // column of short phrases keeps them whole longest.
                    clause[c] * room / floors
                }
            })
            .collect()
    };
    let mut widths: Vec<usize> = widths.iter().map(|w| w.floor() as usize).collect();
    // Rounding leftovers go to the first column, so the sum is exact.
    let used: usize = widths.iter().sum();
    widths[0] += TYPE_WIDTH.saturating_sub(used);
    widths
}

fn table(table: &document::Table, units: &[&str]) -> Table {
    let widths = columns(table);
    let cell = |spans: &[Span], width: usize, align: Align| {
        let paragraph = Paragraph::new().style("TableText");
        let paragraph = match align {
            Align::Right => paragraph.align(AlignmentType::Right),
            Align::Center => paragraph.align(AlignmentType::Center),
            Align::Left => paragraph,
        };
        TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(runs(paragraph, spans, units))
    };
    // A row is never split across pages.
    let row = |cells: &[Vec<Span>]| {
        TableRow::new(
            widths
                .iter()
                .enumerate()
                .map(|(column, &width)| {
                    let align = table.align.get(column).copied().unwrap_or(Align::Left);
                    cell(
                        cells.get(column).map_or(&[][..], Vec::as_slice),
                        width,
                        align,
                    )
                })
                .collect(),
        )
        .cant_split()
    };
    let mut all = vec![row(&table.header)];
    all.extend(table.rows.iter().map(|r| row(r)));
    Table::new(all)
        .set_grid(widths.clone())
        .width(TYPE_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(TableBorders::new())
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

    fn table(align: Vec<Align>, rows: &[&[&str]]) -> document::Table {
        let cells = |row: &[&str]| row.iter().map(|t| vec![plain_span(t)]).collect();
        document::Table {
            caption: None,
            align,
            header: cells(rows[0]),
            rows: rows[1..].iter().map(|r| cells(r)).collect(),
        }
    }

    #[test]
    fn columns_fill_the_page_and_figures_keep_their_width() {
        let narrow = table(
            vec![Align::Left, Align::Right],
            &[&["指标", "数值"], &["整治有碍观瞻点位", "40余处"]],
        );
        let widths = columns(&narrow);
        assert_eq!(widths.iter().sum::<usize>(), TYPE_WIDTH);
        // 40余处 is 3 characters of 四号, one of slack and the cell's margins.
        assert_eq!(widths[1], 4 * 280 + 216);
        let long = "很长的说明文字".repeat(10);
        let wide = table(
            vec![Align::Left, Align::Right],
            &[&["指标", "数值"], &[&long, "7200㎡"]],
        );
        let widths = columns(&wide);
        assert_eq!(widths.iter().sum::<usize>(), TYPE_WIDTH);
        assert_eq!(widths[1], 4 * 280 + 216);
    }

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
