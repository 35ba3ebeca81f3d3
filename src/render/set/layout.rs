//! The document's blocks set on the 公文 page (GB/T 9704): each block
//! becomes rows of the flow ([`super::flow`]): the title, headings in their
//! faces, paragraphs by role (body, 主送机关, 版头, 附件说明), the 落款 and
//! the 版记, tables and charts ([`super::tables`]), and the page numbers.

use super::flow::{self, Mark, Page, Row, blank, keep_together};
use super::fonts::Fonts;
use super::lines::{self, Line, Set};
use crate::model::Chart;
use crate::render::document::{Align, Block, BlockKind, Role};
use crate::render::page::{self, Face};
use crate::render::spans::Span;
use crate::source::format::{PageNumbers, Style};

/// What a block of the document is, for the PDF's structure tree.
#[derive(Debug, Clone)]
pub(crate) enum Structure {
    Title,
    Heading(u8),
    Paragraph,
    Caption,
    /// A table of so many rows (the head counted) and columns.
    Table {
        rows: u16,
        columns: u16,
    },
    /// A chart, with its text alternative.
    Figure(String),
}

/// What is laid out, and with what.
pub(crate) struct Setter<'a> {
    pub(crate) fonts: &'a Fonts,
    pub(crate) style: &'a Style,
    pub(crate) charts: &'a [Chart],
    pub(crate) units: &'a [&'a str],
    /// Each block set, in order: what its text is tagged as.
    pub(crate) structure: Vec<Structure>,
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Look {
    pub(crate) face: Face,
    pub(crate) size: f32,
    pub(crate) bold: bool,
    pub(crate) red: bool,
}

impl Look {
    pub(crate) fn body() -> Self {
        Look {
            face: Face::FangSong,
            size: page::BODY_SIZE,
            bold: false,
            red: false,
        }
    }

    pub(crate) fn with(self, face: Face, size: f32) -> Self {
        Look { face, size, ..self }
    }
}

/// How a paragraph sits: its indents (characters of its size) and alignment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    first: f32,
    rest: f32,
    align: Align,
    line: f32,
}

impl Shape {
    pub(crate) fn body() -> Self {
        Shape {
            first: 2.0,
            rest: 0.0,
            align: Align::Left,
            line: page::LINE,
        }
    }

    pub(crate) fn flush(align: Align) -> Self {
        Shape {
            first: 0.0,
            rest: 0.0,
            align,
            line: page::LINE,
        }
    }
}

impl Setter<'_> {
    /// Sets the blocks into pages.
    pub(crate) fn pages(&mut self, blocks: &[Block]) -> Vec<Page> {
        let mut flow: Vec<Row> = Vec::new();
        let mut record: Vec<Row> = Vec::new();
        for block in blocks {
            match &block.kind {
                BlockKind::Paragraph {
                    role: role @ (Role::Copies | Role::Imprint),
                    text,
                } => {
                    let mut rows = self.record(*role, text, record.is_empty());
                    flow::belong(&mut rows, self.structure.len());
                    self.structure.push(Structure::Paragraph);
                    record.extend(rows);
                }
                kind => {
                    // The 落款 never starts a page: it keeps text above it (7.3.5).
                    if matches!(kind, BlockKind::Signature { .. })
                        && let Some(last) = flow.last_mut()
                    {
                        last.keep_with_next = true;
                    }
                    let mut rows = self.block(kind);
                    flow::belong(&mut rows, self.structure.len());
                    self.structure.push(structure(kind, self.charts));
                    flow.extend(rows);
                }
            }
        }
        let mut pages = flow::paginate(flow);
        let numbered = pages.len();
        if !record.is_empty() {
            flow::place_record(&mut pages, record);
        }
        // A page added for the 版记 alone takes no number (7.5).
        self.number(&mut pages[..numbered]);
        pages
    }

    fn block(&mut self, kind: &BlockKind) -> Vec<Row> {
        match kind {
            BlockKind::Title { lines, .. } => self.title(lines),
            BlockKind::Heading { level, text } => self.heading(*level, text),
            BlockKind::Paragraph { role, text } => self.paragraph(*role, text),
            BlockKind::Caption(text) => self.caption(text),
            BlockKind::Table(table) => self.table(table),
            BlockKind::Chart { key, alt } => self.chart(key, alt),
            BlockKind::Signature { lines, .. } => self.signature(lines),
            BlockKind::List {
                ordered,
                start,
                items,
            } => items
                .iter()
                .enumerate()
                .flat_map(|(i, item)| {
                    let mut spans = vec![plain(&page::list_marker(*ordered, start + i))];
                    spans.extend(item.iter().cloned());
                    self.text(&spans, Look::body(), Shape::body())
                })
                .collect(),
        }
    }

    /// A caption (of a table, or in a chart's place): 四号 黑体, centred,
    /// kept on one page, as the HTML and the DOCX set it.
    pub(crate) fn caption(&mut self, text: &[Span]) -> Vec<Row> {
        let look = Look::body().with(Face::HeiTi, page::SMALL_SIZE);
        let mut rows = self.text(text, look, Shape::flush(Align::Center));
        keep_together(&mut rows);
        rows
    }

    /// 小标宋 is a heavy face: a regular face standing in for it is set
    /// bold (the regular is the fallback face too, so one file serves both).
    fn heavy(&self) -> bool {
        self.fonts
            .family(Face::XiaoBiaoSong)
            .is_some_and(Face::is_stand_in)
    }

    fn title(&mut self, lines: &[String]) -> Vec<Row> {
        let look = Look {
            face: Face::XiaoBiaoSong,
            size: page::TITLE_SIZE,
            bold: self.heavy(),
            red: false,
        };
        let shape = Shape {
            line: page::TITLE_LINE,
            ..Shape::flush(Align::Center)
        };
        // One line when the whole title fits; else broken between its
        // phrases, as the DOCX and the HTML break it.
        let whole = lines.concat();
        let width = self.width(&whole, look);
        let lines = if page::title_fits(width / look.size, 0.0) {
            vec![whole]
        } else {
            lines.to_vec()
        };
        let mut rows: Vec<Row> = lines
            .iter()
            .flat_map(|line| self.text(&[plain(line)], look, shape))
            .collect();
        rows.push(blank(page::LINE));
        keep_together(&mut rows);
        rows
    }

    fn heading(&mut self, level: u8, text: &[Span]) -> Vec<Row> {
        let bold = self.style.bold_headings;
        let look = match level {
            1 => Look::body().with(Face::HeiTi, page::BODY_SIZE),
            2 => Look {
                bold,
                ..Look::body().with(Face::KaiTi, page::BODY_SIZE)
            },
            3 => Look {
                bold,
                ..Look::body()
            },
            _ => Look::body(),
        };
        let mut rows = self.text(text, look, Shape::body());
        // A heading is never the last line of a page.
        for row in &mut rows {
            row.keep_with_next = true;
        }
        rows
    }

    fn paragraph(&mut self, role: Role, text: &[Span]) -> Vec<Row> {
        let body = Look::body();
        match role {
            // No widow or orphan control: a page of text holds its 22
            // lines, as 公文 templates in Word set it (孤行控制 off).
            Role::Body => self.text(text, body, Shape::body()),
            Role::Addressee | Role::Verbatim => self.text(text, body, Shape::flush(Align::Left)),
            Role::Byline => {
                let mut rows = self.text(
                    text,
                    body.with(Face::KaiTi, page::BODY_SIZE),
                    Shape::flush(Align::Center),
                );
                rows.push(blank(page::LINE));
                rows
            }
            Role::Organ => {
                let look = Look {
                    red: true,
                    bold: self.heavy(),
                    ..body.with(Face::XiaoBiaoSong, page::ORGAN_SIZE)
                };
                let shape = Shape {
                    line: page::ORGAN_SIZE * 1.3,
                    ..Shape::flush(Align::Center)
                };
                let mut rows = self.text(text, look, shape);
                rows.push(blank(page::LINE * 2.0));
                keep_together(&mut rows);
                rows
            }
            Role::DocNumber => {
                let mut rows = self.text(text, body, Shape::flush(Align::Center));
                // The red rule 4 mm below the number, as wide as the 版心 (7.2.7).
                let gap = page::RED_RULE_GAP;
                rows.push(Row {
                    height: gap + page::LINE,
                    marks: vec![Mark::Rule {
                        from: (page::LEFT, gap),
                        to: (page::LEFT + page::TYPE_WIDTH, gap),
                        width: page::RED_RULE,
                        red: true,
                    }],
                    ..Row::default()
                });
                keep_together(&mut rows);
                rows
            }
            Role::Attachments => {
                let mut rows = vec![blank(page::LINE)];
                rows.extend(self.text(
                    text,
                    body,
                    Shape {
                        first: 2.0,
                        rest: 5.0,
                        ..Shape::body()
                    },
                ));
                rows
            }
            Role::Copies | Role::Imprint => self.record(role, text, true),
        }
    }

    /// The 版记 (7.4): 四号, a character in from each side, between rules:
    /// thick above the first and below the last, thin between.
    fn record(&mut self, role: Role, text: &[Span], first: bool) -> Vec<Row> {
        let look = Look::body().with(Face::FangSong, page::SMALL_SIZE);
        let across = |y: f32, width: f32| Mark::Rule {
            from: (page::LEFT, y),
            to: (page::LEFT + page::TYPE_WIDTH, y),
            width,
            red: false,
        };
        let (thick, thin) = (page::RULE_THICK, page::RULE_THIN);
        let mut rows = match role {
            Role::Imprint => {
                // 印发机关 left, 印发日期 right, one character in.
                let plain_text = crate::render::spans::plain(text);
                let mut parts = plain_text
                    .trim()
                    .splitn(2, |c: char| c.is_whitespace() || c == '\u{3000}');
                let left = parts.next().unwrap_or_default().trim().to_string();
                let right = parts.next().unwrap_or_default().trim().to_string();
                let mut row = self.line_row(&left, look, page::LEFT + page::SMALL_SIZE, page::LINE);
                let width = self.width(&right, look);
                let other = self.line_row(
                    &right,
                    look,
                    page::LEFT + page::TYPE_WIDTH - page::SMALL_SIZE - width,
                    page::LINE,
                );
                row.marks.extend(other.marks);
                vec![row]
            }
            _ => self.text(
                text,
                look,
                Shape {
                    first: 1.0,
                    rest: 4.0,
                    ..Shape::flush(Align::Left)
                },
            ),
        };
        if let Some(row) = rows.first_mut() {
            row.marks
                .push(across(0.0, if first { thick } else { thin }));
        }
        if let Some(row) = rows.last_mut() {
            let width = if role == Role::Imprint { thick } else { thin };
            row.marks.push(across(row.height, width));
        }
        rows
    }

    /// The 落款 (7.3.5.2): a blank line below the text; the 署名 two
    /// characters in from the right, the date under it, its first character
    /// two characters right of the 署名's; kept with the text above it.
    fn signature(&mut self, lines: &[String]) -> Vec<Row> {
        let look = Look::body();
        let char_width = page::BODY_SIZE - page::TRACKING;
        let widths: Vec<f32> = lines.iter().map(|l| self.width(l, look)).collect();
        let chars: Vec<f64> = widths.iter().map(|w| f64::from(w / char_width)).collect();
        let offsets = page::signature_offsets(&chars);
        let mut rows = vec![blank(page::LINE)];
        for ((line, width), right) in lines.iter().zip(&widths).zip(offsets) {
            let x = page::LEFT + page::TYPE_WIDTH - right as f32 * char_width - width;
            rows.push(self.line_row(line, look, x, page::LINE));
        }
        keep_together(&mut rows);
        rows
    }

    /// Rows of `spans` set in `look`, shaped by `shape`.
    pub(crate) fn text(&mut self, spans: &[Span], look: Look, shape: Shape) -> Vec<Row> {
        let chars = self.set(spans, look);
        let em = look.size - page::TRACKING * look.size / page::BODY_SIZE;
        let first = page::TYPE_WIDTH - shape.first * em;
        let rest = page::TYPE_WIDTH - shape.rest * em;
        let lines = lines::break_lines(&chars, first, rest);
        lines
            .iter()
            .enumerate()
            .map(|(index, line)| {
                let indent = if index == 0 { shape.first } else { shape.rest } * em;
                let width: f32 = chars[line.start..line.end].iter().map(|c| c.width).sum();
                let x = match shape.align {
                    Align::Center => page::LEFT + (page::TYPE_WIDTH - width).max(0.0) / 2.0,
                    Align::Right => page::LEFT + page::TYPE_WIDTH - width,
                    Align::Left => page::LEFT + indent,
                };
                // Only text set full width is justified: a centred or
                // right-aligned line keeps its natural spacing.
                let line = if shape.align == Align::Left {
                    line.clone()
                } else {
                    Line {
                        spread: 0.0,
                        ..line.clone()
                    }
                };
                Row {
                    height: shape.line,
                    marks: flow::runs(&chars, &line, x, shape.line, look.red),
                    ..Row::default()
                }
            })
            .collect()
    }

    /// One line of plain text at `x`, not broken.
    pub(crate) fn line_row(&mut self, text: &str, look: Look, x: f32, height: f32) -> Row {
        let chars = self.set(&[plain(text)], look);
        let line = Line::plain(0, chars.len());
        Row {
            height,
            marks: flow::runs(&chars, &line, x, height, look.red),
            ..Row::default()
        }
    }

    pub(crate) fn width(&mut self, text: &str, look: Look) -> f32 {
        self.spans_width(&[plain(text)], look)
    }

    pub(crate) fn spans_width(&mut self, spans: &[Span], look: Look) -> f32 {
        self.set(spans, look).iter().map(|c| c.width).sum()
    }

    /// The characters of `spans` as set in `look`: glyph, width, and the
    /// figures kept whole (their marks, and numbers typed as words).
    pub(crate) fn set(&mut self, spans: &[Span], look: Look) -> Vec<Set> {
        let mut out = Vec::new();
        for span in spans {
            let printed: Vec<(usize, usize)> = span.figures().map(|m| (m.start, m.end)).collect();
            let whole = crate::render::nobreak::figures(&span.text, &printed, self.units);
            for (at, ch) in span.text.char_indices() {
                if ch == '\n' {
                    out.push(Set {
                        ch,
                        glyph: None,
                        size: look.size,
                        width: 0.0,
                        bold: false,
                        glue: false,
                    });
                    continue;
                }
                let glyph = self.fonts.glyph(look.face, ch);
                let advance = glyph.map_or(1.0, |g| g.advance);
                let width = if ch.is_ascii() {
                    advance * look.size
                } else {
                    advance * look.size - page::TRACKING * look.size / page::BODY_SIZE
                };
                let end = at + ch.len_utf8();
                out.push(Set {
                    ch,
                    glyph,
                    size: look.size,
                    width,
                    bold: look.bold || span.bold,
                    glue: whole.iter().any(|&(s, e)| at >= s && end < e),
                });
            }
        }
        out
    }

    /// “— N —” under each page (7.5): 四号 宋体, 7 mm below the 版心, odd
    /// pages at the right and even at the left, a character in; or centred.
    fn number(&mut self, pages: &mut [Page]) {
        let look = Look::body().with(Face::SongTi, page::SMALL_SIZE);
        let y = page::TOP + page::TYPE_HEIGHT + page::PAGE_NUMBER_BELOW;
        for (index, sheet) in pages.iter_mut().enumerate() {
            let text = format!("— {} —", index + 1);
            let width = self.width(&text, look);
            let x = match self.style.page_numbers {
                PageNumbers::Center => page::LEFT + (page::TYPE_WIDTH - width) / 2.0,
                PageNumbers::Outside if index % 2 == 0 => {
                    page::LEFT + page::TYPE_WIDTH - page::SMALL_SIZE - width
                }
                PageNumbers::Outside => page::LEFT + page::SMALL_SIZE,
            };
            let row = self.line_row(&text, look, x, page::SMALL_SIZE);
            sheet.marks.extend(
                row.marks
                    .into_iter()
                    .map(|m| m.moved(y - page::SMALL_SIZE / 2.0)),
            );
        }
    }
}

/// A span of plain text.
pub(crate) fn plain(text: &str) -> Span {
    Span {
        text: text.to_string(),
        bold: false,
        italic: false,
        marks: Vec::new(),
    }
}

/// What `kind` is in the structure tree.
fn structure(kind: &BlockKind, charts: &[Chart]) -> Structure {
    match kind {
        BlockKind::Title { .. } => Structure::Title,
        BlockKind::Heading { level, .. } => Structure::Heading(*level),
        BlockKind::Caption(_) => Structure::Caption,
        BlockKind::Table(table) => Structure::Table {
            rows: u16::try_from(table.rows.len() + 1).unwrap_or(u16::MAX),
            columns: u16::try_from(table.header.len()).unwrap_or(u16::MAX),
        },
        BlockKind::Chart { key, alt } => Structure::Figure(
            charts
                .iter()
                .find(|c| &c.key == key)
                .map_or_else(|| alt.clone(), |c| c.alt.clone()),
        ),
        BlockKind::Paragraph { .. } | BlockKind::Signature { .. } | BlockKind::List { .. } => {
            Structure::Paragraph
        }
    }
}
