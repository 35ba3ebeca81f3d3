//! The document tree every format is rendered from: the Markdown that the
//! `report.md` template printed, parsed by comrak (GFM tables on, raw HTML
//! never passed through) and read into blocks that know the GB/T 9704
//! elements plain Markdown lacks.
//!
//! The convention, which still reads as ordinary Markdown on GitHub and in
//! pandoc:
//! - the `#` heading is the title (公文标题); `##` to `#####` are the four
//!   heading levels 一、（一）1.（1）;
//! - an HTML comment alone on a line gives the paragraph after it a role:
//!   `<!-- 落款 -->` (署名 then 成文日期, one per line, joined by a hard
//!   break `\` at the line end), `<!-- 表题 -->` (a table's caption, kept
//!   with the table after it), `<!-- 主送机关 -->` (flush left, under the
//!   title). Comments are invisible wherever Markdown is shown;
//! - an image whose address is `chart:KEY` is the chart of metric `KEY`:
//!   an inline SVG in HTML, a picture in Word.
//!
//! Data never reaches this tree as markup: the template escapes every value
//! for Markdown before comrak reads it.

use crate::tr;

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};

use super::spans::{SOFT_BREAK, soften, text_span, unmark};
pub(crate) use super::spans::{Span, marks_of, plain};
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::model;
use crate::model::marks::Mark;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
}

/// A block and the line of the Markdown it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub(crate) line: usize,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// The title, cut where it may break across lines (7.3.1), and the
    /// marks of its text (the lines joined).
    Title {
        lines: Vec<String>,
        marks: Vec<Mark>,
    },
    /// Levels 1 to 4: 一、（一）1.（1）.
    Heading {
        level: u8,
        text: Vec<Span>,
    },
    Paragraph {
        role: Role,
        text: Vec<Span>,
    },
    /// A caption with no table after it.
    Caption(Vec<Span>),
    Table(Table),
    Chart {
        key: String,
        alt: String,
    },
    /// 署名, then 成文日期 (and any further lines), 7.3.5.2, each line
    /// with its marks.
    Signature {
        lines: Vec<String>,
        marks: Vec<Vec<Mark>>,
    },
    List {
        ordered: bool,
        start: usize,
        items: Vec<Vec<Span>>,
    },
}

/// What a paragraph is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Body,
    /// 主送机关: flush left, no indent.
    Addressee,
    /// Lines kept as typed (a code block in the template).
    Verbatim,
    /// 发文机关标志: red, centred, large (7.2.4).
    Organ,
    /// 发文字号, above the red rule (7.2.5, 7.2.7).
    DocNumber,
    /// 附件说明: “附件：1. ……”, later names under the first (7.3.4).
    Attachments,
    /// 抄送机关, in the 版记 (7.4.2).
    Copies,
    /// 印发机关 and 印发日期, one line apart at either end (7.4.3).
    Imprint,
    /// 署名 and 成文日期 on a line under the title (`signature: below-title`).
    Byline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: Option<Vec<Span>>,
    pub(crate) align: Vec<Align>,
    pub header: Vec<Vec<Span>>,
    pub rows: Vec<Vec<Vec<Span>>>,
}

/// The roles a marker comment gives the paragraph after it.
const MARKERS: [(&str, Marker); 9] = [
    ("落款", Marker::Signature),
    ("署名行", Marker::Role(Role::Byline)),
    ("表题", Marker::Caption),
    ("主送机关", Marker::Role(Role::Addressee)),
    ("发文机关标志", Marker::Role(Role::Organ)),
    ("发文字号", Marker::Role(Role::DocNumber)),
    ("附件说明", Marker::Role(Role::Attachments)),
    ("抄送", Marker::Role(Role::Copies)),
    ("印发", Marker::Role(Role::Imprint)),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Signature,
    Caption,
    Role(Role),
}

impl Document {
    /// Parses rendered Markdown. What the tree cannot show as the template
    /// meant (raw HTML, a stray marker, a picture that is not a chart) comes
    /// back as findings against the Markdown's lines.
    pub fn parse(markdown: &str) -> (Self, Vec<Finding>) {
        let arena = comrak::Arena::new();
        let mut options = comrak::Options::default();
        options.extension.table = true;
        options.extension.strikethrough = true;
        let root = comrak::parse_document(&arena, markdown, &options);
        let mut reader = Reader::default();
        for node in root.children() {
            reader.block(node);
        }
        if let Some((marker, line)) = reader.pending.take() {
            reader.stray_marker(marker, line);
        }
        attach_captions(&mut reader.blocks);
        (
            Self {
                blocks: reader.blocks,
            },
            reader.findings,
        )
    }

    /// The chart references, in document order.
    pub(crate) fn charts(&self) -> impl Iterator<Item = (&str, usize)> {
        self.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Chart { key, .. } => Some((key.as_str(), b.line)),
            _ => None,
        })
    }
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    findings: Vec<Finding>,
    /// A marker waiting for its paragraph, and the line it is on.
    pending: Option<(Marker, usize)>,
}

impl Reader {
    fn push(&mut self, line: usize, kind: BlockKind) {
        self.blocks.push(Block { line, kind });
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>) {
        let (value, line) = {
            let ast = node.data.borrow();
            (ast.value.clone(), ast.sourcepos.start.line)
        };
        if let NodeValue::HtmlBlock(html) = &value {
            self.html_block(&html.literal, line);
            return;
        }
        let marker = self.pending.take();
        match value {
            NodeValue::Heading(heading) => {
                if let Some((marker, at)) = marker {
                    self.stray_marker(marker, at);
                }
                let text = Self::inlines(node);
                if heading.level == 1 {
                    let title = plain(&text);
                    // A hard break in a title moves what follows it.
                    let marks = if title.contains('\n') {
                        Vec::new()
                    } else {
                        marks_of(&text)
                    };
                    let lines = model::title_lines(&title.replace('\n', ""));
                    self.push(line, BlockKind::Title { lines, marks });
                } else {
                    let level = (heading.level - 1).min(model::MAX_LEVEL);
                    self.push(line, BlockKind::Heading { level, text });
                }
            }
            NodeValue::Paragraph => self.paragraph(node, line, marker.map(|m| m.0)),
            NodeValue::Table(table) => {
                if let Some((marker, at)) = marker {
                    self.stray_marker(marker, at);
                }
                let table = Self::table(node, &table.alignments);
                self.push(line, BlockKind::Table(table));
            }
            NodeValue::List(list) => {
                let items = node
                    .children()
                    .map(|item| {
                        let mut spans = Vec::new();
                        for child in item.children() {
                            if !spans.is_empty() {
                                spans.push(text_span("\n"));
                            }
                            spans.extend(Self::inlines(child));
                        }
                        spans
                    })
                    .collect();
                self.push(
                    line,
                    BlockKind::List {
                        ordered: list.list_type == ListType::Ordered,
                        start: list.start,
                        items,
                    },
                );
            }
            NodeValue::BlockQuote => {
                for child in node.children() {
                    self.block(child);
                }
            }
            NodeValue::CodeBlock(code) => {
                let text = code.literal.trim_end_matches('\n');
                self.push(
                    line,
                    BlockKind::Paragraph {
                        role: Role::Verbatim,
                        text: vec![text_span(text)],
                    },
                );
            }
            // A thematic break has no place in an official document's text.
            _ => {}
        }
    }

    fn html_block(&mut self, literal: &str, line: usize) {
        let trimmed = literal.trim();
        let comment = trimmed
            .strip_prefix("<!--")
            .and_then(|c| c.strip_suffix("-->"))
            .map(str::trim);
        match comment {
            Some(name) => {
                if let Some((_, marker)) = MARKERS.iter().find(|(n, _)| *n == name)
                    && let Some((previous, at)) = self.pending.replace((*marker, line))
                {
                    self.stray_marker(previous, at);
                }
                // Any other comment is a note to the template's readers.
            }
            None => self.findings.push(finding(
                line,
                1,
                tr!(
                    "模板里的 HTML 不会出现在 HTML 和 Word 中",
                    "HTML in the template does not reach the HTML and Word outputs"
                ),
                tr!(
                    "落款、表题、主送机关用 使用手册“模板”一章（docs/templates.md）的注释标记（<!-- 落款 --> 等）；其他 HTML 请删去",
                    "mark the signature, captions and addressee with the comments the manual's chapter on templates (docs/templates.md) shows; remove other HTML"
                ),
                trimmed.lines().next().unwrap_or_default(),
            )),
        }
    }

    fn stray_marker(&mut self, marker: Marker, line: usize) {
        let name = MARKERS
            .iter()
            .find(|(_, m)| *m == marker)
            .map_or("", |(n, _)| *n);
        self.findings.push(finding(
            line,
            1,
            tr!(
                "标记 <!-- {name} --> 后面不是一个段落，标记不起作用",
                "the marker <!-- {name} --> is not followed by a paragraph, so it does nothing"
            ),
            tr!(
                "把标记放在它所说明的那一段正上方，中间不空行",
                "put the marker on the line right above the paragraph it marks"
            ),
            &format!("<!-- {name} -->"),
        ));
    }

    fn paragraph<'a>(&mut self, node: &'a AstNode<'a>, line: usize, marker: Option<Marker>) {
        // A paragraph that is only a picture is a figure.
        let mut children = node.children();
        if let (Some(only), None) = (children.next(), children.next())
            && let NodeValue::Image(link) = &only.data.borrow().value
        {
            let alt = plain(&Self::inlines(only));
            match link.url.strip_prefix("chart:") {
                Some(key) => self.push(
                    line,
                    BlockKind::Chart {
                        key: key.trim().to_string(),
                        alt,
                    },
                ),
                None => self.findings.push(finding(
                    line,
                    1,
                    tr!(
                        "图片“{alt}”不会出现在报告里：只支持图表（chart:指标键名）",
                        "the picture “{alt}” will not appear in the report: only charts (chart:KEY) are supported"
                    ),
                    tr!(
                        "写成 ![说明](chart:指标键名)，并在数据里给该指标写 chart: true",
                        "write ![caption](chart:KEY) and mark the metric chart: true in the data"
                    ),
                    &link.url,
                )),
            }
            return;
        }
        let text = Self::inlines(node);
        let kind = match marker {
            Some(Marker::Signature) => signature(&text),
            Some(Marker::Caption) => BlockKind::Caption(text),
            Some(Marker::Role(role)) => BlockKind::Paragraph { role, text },
            None => BlockKind::Paragraph {
                role: Role::Body,
                text,
            },
        };
        self.push(line, kind);
    }

    fn table<'a>(node: &'a AstNode<'a>, alignments: &[TableAlignment]) -> Table {
        let align = alignments
            .iter()
            .map(|a| match a {
                TableAlignment::Right => Align::Right,
                TableAlignment::Center => Align::Center,
                TableAlignment::Left | TableAlignment::None => Align::Left,
            })
            .collect();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for row in node.children() {
            let is_header = matches!(row.data.borrow().value, NodeValue::TableRow(true));
            let cells: Vec<Vec<Span>> = row.children().map(|cell| Self::inlines(cell)).collect();
            if is_header {
                header = cells;
            } else {
                rows.push(cells);
            }
        }
        Table {
            caption: None,
            align,
            header,
            rows,
        }
    }

    /// The inline content of `node` as spans.
    fn inlines<'a>(node: &'a AstNode<'a>) -> Vec<Span> {
        let mut spans = Vec::new();
        for child in node.children() {
            Self::inline(child, false, false, &mut spans);
        }
        let mut merged: Vec<Span> = Vec::new();
        for span in spans {
            match merged.last_mut() {
                Some(last) if last.bold == span.bold && last.italic == span.italic => {
                    last.text.push_str(&span.text);
                }
                _ => merged.push(span),
            }
        }
        unmark(&mut merged);
        // Soft breaks are decided once the text on both sides is known.
        for span in &mut merged {
            if span.text.contains(SOFT_BREAK) {
                soften(span);
            }
        }
        merged
    }

    fn inline<'a>(node: &'a AstNode<'a>, bold: bool, italic: bool, out: &mut Vec<Span>) {
        let value = node.data.borrow().value.clone();
        let mut push = |text: &str| {
            out.push(Span {
                text: text.to_string(),
                bold,
                italic,
                marks: Vec::new(),
            });
        };
        match value {
            NodeValue::Text(text) => push(&text),
            NodeValue::Code(code) => push(&code.literal),
            NodeValue::SoftBreak => push(&SOFT_BREAK.to_string()),
            NodeValue::LineBreak => push("\n"),
            NodeValue::Strong => {
                for child in node.children() {
                    Self::inline(child, true, italic, out);
                }
            }
            NodeValue::Emph => {
                for child in node.children() {
                    Self::inline(child, bold, true, out);
                }
            }
            // A link keeps its words; an official document prints no address.
            _ => {
                for child in node.children() {
                    Self::inline(child, bold, italic, out);
                }
            }
        }
    }
}

/// The 落款: its lines, trimmed, without the empty ones, each with the
/// marks that fall in it.
fn signature(spans: &[Span]) -> BlockKind {
    let text = plain(spans);
    let all = marks_of(spans);
    let (mut lines, mut marks) = (Vec::new(), Vec::new());
    let mut start = 0;
    for raw in text.split('\n') {
        let trimmed = raw.trim_start();
        let from = start + raw.len() - trimmed.len();
        let line = trimmed.trim_end();
        let to = from + line.len();
        start += raw.len() + 1;
        if line.is_empty() {
            continue;
        }
        lines.push(line.to_string());
        marks.push(
            all.iter()
                .filter(|m| m.start < to && m.end > from)
                .map(|m| Mark {
                    start: m.start.max(from) - from,
                    end: m.end.min(to) - from,
                    ..*m
                })
                .collect(),
        );
    }
    BlockKind::Signature { lines, marks }
}

/// A caption directly above a table becomes the table's own caption.
fn attach_captions(blocks: &mut Vec<Block>) {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for mut block in blocks.drain(..) {
        if let BlockKind::Table(table) = &mut block.kind
            && let Some(Block {
                kind: BlockKind::Caption(caption),
                ..
            }) = out.last()
        {
            table.caption = Some(caption.clone());
            out.pop();
        }
        out.push(block);
    }
    *blocks = out;
}

fn finding(line: usize, column: usize, message: String, hint: String, excerpt: &str) -> Finding {
    Finding {
        rule: "template-markup",
        severity: Severity::Warning,
        message,
        hint,
        line,
        column,
        chars: 1,
        excerpt: excerpt.to_string(),
        within: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(markdown: &str) -> Document {
        let (document, findings) = Document::parse(markdown);
        assert!(findings.is_empty(), "{findings:?}");
        document
    }

    fn kinds(markdown: &str) -> Vec<BlockKind> {
        parse(markdown).blocks.into_iter().map(|b| b.kind).collect()
    }

    #[test]
    fn elements_of_the_genre() {
        let md = "# 2017年某某工作总结及2018年工作计划\n\n<!-- 主送机关 -->\n区委、区政府：\n\n## 一、主要工作\n\n正文\n第二行。\n\n<!-- 表题 -->\n主要指标\n\n| 指标 | 数值 |\n| --- | ---: |\n| 点位 | 40余处 |\n\n![图](chart:points)\n\n<!-- 落款 -->\n某某办公室\\\n2017年12月28日\n";
        let blocks = kinds(md);
        assert_eq!(
            blocks[0],
            BlockKind::Title {
                lines: vec!["2017年某某工作总结".into(), "及2018年工作计划".into()],
                marks: Vec::new()
            }
        );
        assert!(
            matches!(&blocks[1], BlockKind::Paragraph { role: Role::Addressee, text } if plain(text) == "区委、区政府：")
        );
        assert!(matches!(&blocks[2], BlockKind::Heading { level: 1, .. }));
        // A soft break inside Chinese text is no space.
        assert!(
            matches!(&blocks[3], BlockKind::Paragraph { text, .. } if plain(text) == "正文第二行。")
        );
        let BlockKind::Table(table) = &blocks[4] else {
            panic!("{blocks:?}")
        };
        assert_eq!(plain(table.caption.as_ref().unwrap()), "主要指标");
        assert_eq!(table.align, vec![Align::Left, Align::Right]);
        assert_eq!(plain(&table.rows[0][1]), "40余处");
        assert_eq!(
            blocks[5],
            BlockKind::Chart {
                key: "points".into(),
                alt: "图".into()
            }
        );
        assert_eq!(
            blocks[6],
            BlockKind::Signature {
                lines: vec!["某某办公室".into(), "2017年12月28日".into()],
                marks: vec![Vec::new(), Vec::new()]
            }
        );
    }

    #[test]
    fn escaped_data_stays_text() {
        let mut escaped = Vec::new();
        crate::render::escape::markdown("<script>**粗** # | {{ x }}", &mut escaped).unwrap();
        let md = format!("正文{}", String::from_utf8(escaped).unwrap());
        let blocks = kinds(&md);
        assert!(
            matches!(&blocks[0], BlockKind::Paragraph { text, .. } if text.len() == 1 && text[0].text == "正文<script>**粗** # | {{ x }}" && !text[0].bold)
        );
    }

    #[test]
    fn what_the_tree_cannot_show_is_reported() {
        let (document, findings) =
            Document::parse("<div>甲</div>\n\n![照片](a.png)\n\n<!-- 落款 -->\n\n## 二、标题\n");
        assert_eq!(findings.len(), 3, "{findings:?}");
        assert!(findings[0].message.contains("HTML"));
        assert!(findings[1].message.contains("照片"));
        assert!(findings[2].message.contains("落款"));
        assert_eq!(document.blocks.len(), 1);
    }

    #[test]
    fn emphasis_and_latin_soft_breaks() {
        let blocks = kinds("**一是**道路清扫\nand\nmore\n");
        let BlockKind::Paragraph { text, .. } = &blocks[0] else {
            panic!()
        };
        assert!(text[0].bold && text[0].text == "一是");
        assert_eq!(text[1].text, "道路清扫and more");
    }
}
