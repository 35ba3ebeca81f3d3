//! Checks over the rendered document, so that what a custom template or a
//! typed text puts into it is checked too. On every text of it:
//! placeholders, figures printed as zeros, half-width punctuation in Chinese
//! prose. On the document tree, where a heading and a paragraph are known
//! for what they are: empty headings, numbers typed into a heading or at the
//! start of a text, headings run into the text before them, repeated
//! paragraphs, charts of metrics that have none. Pure: takes text or a tree,
//! returns findings.

use crate::tr;
use std::borrow::Cow;
use std::collections::HashMap;

use crate::diagnostic::{Finding, Severity, Within};
use crate::model::Chart;
use crate::model::marks::Mark;
use crate::render::document::{BlockKind, Document, Role, Span, marks_of, plain};

const PLACEHOLDERS: &[&str] = &["TODO", "待补充", "待定", "待填", "○○"];
/// Letters that stand for a figure or name not yet known: 20xx年, XX处, ×月.
const MASKS: &[char] = &['x', 'X', '×', 'Ｘ', 'ｘ', '✕'];
const HALF_WIDTH: &[(char, char)] = &[
    (',', '，'),
    (';', '；'),
    (':', '：'),
    ('(', '（'),
    (')', '）'),
];

/// Lints one text of the document (a paragraph, a heading, a cell) line
/// by line: placeholders, figures printed as zeros, half-width punctuation.
/// `marks` say where its characters came from.
fn lint_text(text: &str, marks: &[Mark], block_line: usize, findings: &mut Vec<Finding>) {
    let mut start = 0;
    for line in text.split('\n') {
        let before = findings.len();
        // Each check first asks whether its characters occur at all: most
        // lines have none, and this keeps linting a small part of a build.
        if line.contains(MASKS) || contains_any(line, &["T", "待", "○"]) {
            placeholders(line, block_line, findings);
        }
        if line.contains("00") {
            zeros(line, block_line, findings);
        }
        if line
            .bytes()
            .any(|b| matches!(b, b',' | b';' | b':' | b'(' | b')'))
        {
            half_width(line, block_line, findings);
        }
        for finding in &mut findings[before..] {
            finding.within = Some(Within {
                marks: marks.to_vec(),
                byte: start + byte_of(line, finding.column),
            });
        }
        start += line.len() + 1;
    }
}

/// Byte of the 1-based character `column` of `text`.
fn byte_of(text: &str, column: usize) -> usize {
    text.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(b, _)| b)
}

/// The texts of a block, each with its marks; most are one span, read
/// where they are.
pub(super) fn texts(kind: &BlockKind) -> Vec<(Cow<'_, str>, Cow<'_, [Mark]>)> {
    fn of(spans: &[Span]) -> (Cow<'_, str>, Cow<'_, [Mark]>) {
        match spans {
            [one] => (
                Cow::Borrowed(one.text.as_str()),
                Cow::Borrowed(one.marks.as_slice()),
            ),
            _ => (Cow::Owned(plain(spans)), Cow::Owned(marks_of(spans))),
        }
    }
    match kind {
        BlockKind::Heading { text, .. }
        | BlockKind::Paragraph { text, .. }
        | BlockKind::Caption(text) => vec![of(text)],
        BlockKind::Title { lines, marks } => {
            vec![(Cow::Owned(lines.concat()), Cow::Borrowed(marks.as_slice()))]
        }
        BlockKind::Signature { lines, marks } => lines
            .iter()
            .zip(marks)
            .map(|(l, m)| (Cow::Borrowed(l.as_str()), Cow::Borrowed(m.as_slice())))
            .collect(),
        BlockKind::Table(table) => table
            .caption
            .iter()
            .chain(&table.header)
            .chain(table.rows.iter().flatten())
            .map(|cell| of(cell))
            .collect(),
        BlockKind::List { items, .. } => items.iter().map(|item| of(item)).collect(),
        BlockKind::Chart { alt, .. } => vec![(Cow::Borrowed(alt.as_str()), Cow::Borrowed(&[][..]))],
    }
}

/// Lints the document tree; `charts` are the charts the data draws.
pub(crate) fn document(document: &Document, charts: &[Chart]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut paragraphs: HashMap<String, usize> = HashMap::new();
    for block in &document.blocks {
        let line = block.line;
        let before = findings.len();
        match &block.kind {
            BlockKind::Heading { text, .. } => {
                let text = plain(text);
                empty_heading(&text, line, &mut findings);
                typed_number(&text, line, true, &mut findings);
            }
            BlockKind::Paragraph {
                role: Role::Body,
                text: spans,
            } => {
                let text = plain(spans);
                // A paragraph led by a bold number is a run-in heading the
                // tool numbered; its own words are checked like a heading's.
                let lead = match spans.first() {
                    Some(lead) if lead.bold && number_prefix(&lead.text).is_some() => {
                        typed_number(&lead.text, line, true, &mut findings);
                        lead.text.chars().count()
                    }
                    _ => {
                        typed_number(&text, line, false, &mut findings);
                        0
                    }
                };
                if contains_any(&text, &["（", "(", "."]) {
                    // A number inside the run-in heading is its typed number,
                    // found above; only the words after it can hold a heading
                    // run into them.
                    let found = findings.len();
                    run_in_heading(&text, line, &mut findings);
                    let after: Vec<Finding> = findings.split_off(found);
                    findings.extend(after.into_iter().filter(|f| f.column > lead));
                }
                if text.chars().count() >= 10 {
                    if let Some(&first) = paragraphs.get(&text) {
                        findings.push(Finding {
                            rule: "duplicate-paragraph",
                            severity: Severity::Warning,
                            message: tr!(
                                "这一段与第 {first} 行的段落完全相同",
                                "this paragraph repeats the one on line {first}"
                            ),
                            hint: tr!(
                                "删去重复的一段，或改写其中一段",
                                "remove or rewrite one of them"
                            ),
                            line,
                            column: 1,
                            chars: 1,
                            excerpt: text.chars().take(20).collect(),
                            within: None,
                        });
                    } else {
                        paragraphs.insert(text, line);
                    }
                }
            }
            BlockKind::Chart { key, .. } if !charts.iter().any(|c| &c.key == key) => {
                findings.push(Finding {
rule: "unknown-chart",
                    severity: Severity::Error,
                    message: tr!(
                        "模板引用了图表 chart:{key}，但没有这个图表",
                        "the template refers to chart:{key}, but there is no such chart"
                    ),
                    hint: tr!(
                        "在数据里给指标 `{key}` 写 chart: true（至少要有两年的数字），或改正模板里的键名",
                        "mark metric `{key}` chart: true in the data (it needs figures for two years), or correct the key in the template"
                    ),
                    line,
                    column: 1,
                    chars: 1,
                    excerpt: format!("chart:{key}"),
                    within: None,
                });
            }
            _ => {}
        }
        // A finding in a block's text says which character it is about,
        // through the marks that know where that text was typed.
        if let BlockKind::Heading { text: spans, .. } | BlockKind::Paragraph { text: spans, .. } =
            &block.kind
            && findings.len() > before
        {
            let text = plain(spans);
            let marks = marks_of(spans);
            for finding in &mut findings[before..] {
                finding.within = Some(Within {
                    marks: marks.clone(),
                    byte: byte_of(&text, finding.column),
                });
            }
        }
        for (text, marks) in texts(&block.kind) {
            lint_text(&text, &marks, line, &mut findings);
        }
    }
    findings
}

/// Whether `text` holds any of `needles`. One substring search per needle
/// beats `contains([chars])`, which decodes and compares every character:
/// searching this way took a fifth off the lint (callgrind).
fn contains_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|needle| text.contains(needle))
}

pub(super) fn column_of(line: &str, byte: usize) -> usize {
    line[..byte].chars().count() + 1
}

fn placeholders(line: &str, number: usize, findings: &mut Vec<Finding>) {
    let masks = masks(line);
    let found = PLACEHOLDERS
        .iter()
        .flat_map(|p| line.match_indices(p))
        .chain(masks.iter().map(|(byte, text)| (*byte, text.as_str())));
    {
        for (byte, placeholder) in found {
            findings.push(Finding {
                rule: "placeholder",
                severity: Severity::Error,
                message: tr!(
                    "报告里还有占位符“{placeholder}”",
                    "the report still has the placeholder “{placeholder}”"
                ),
                hint: tr!(
                    "填上实际内容后再交稿",
                    "fill in the real content before handing it in"
                ),
                line: number,
                column: column_of(line, byte),
                chars: placeholder.chars().count(),
                excerpt: placeholder.to_string(),
                within: None,
            });
        }
    }
}

/// Masks in a line, with the digits they hide among (`20xx`), where they
/// cannot be part of a Latin word: two or more mask letters (XX处, ××),
/// or one before 年, 月, 日 or 号 (x月x日).
fn masks(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !MASKS.contains(&chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && MASKS.contains(&chars[i].1) {
            i += 1;
        }
        let latin = |c: char| c.is_ascii_alphabetic() && !MASKS.contains(&c);
        let mut first = start;
        while first > 0 && chars[first - 1].1.is_ascii_digit() {
            first -= 1;
        }
        let before = (first > 0).then(|| chars[first - 1].1);
        let after = chars.get(i).map(|&(_, c)| c);
        if before.is_some_and(latin) || after.is_some_and(latin) {
            continue;
        }
        let dated = after.is_some_and(|c| "年月日号".contains(c));
        if i - start >= 2 || dated {
            let end = chars.get(i).map_or(line.len(), |&(b, _)| b);
            out.push((chars[first].0, line[chars[first].0..end].to_string()));
        }
    }
    out
}

/// A run of two or more zeros standing alone where a figure belongs: the
/// seed's "民房外墙00㎡".
fn zeros(line: &str, number: usize, findings: &mut Vec<Finding>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (byte, c) = chars[i];
        let starts_number = c.is_ascii_digit()
            && (i == 0 || !(chars[i - 1].1.is_ascii_digit() || chars[i - 1].1 == '.'));
        if !starts_number {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && chars[end].1.is_ascii_digit() {
            end += 1;
        }
        let digits = &line[byte..chars.get(end).map_or(line.len(), |&(b, _)| b)];
        let followed_by_decimal = chars.get(end).is_some_and(|&(_, c)| c == '.')
            && chars.get(end + 1).is_some_and(|&(_, c)| c.is_ascii_digit());
        if digits.len() >= 2 && digits.bytes().all(|b| b == b'0') && !followed_by_decimal {
            let unit: String = chars[end..].iter().map(|&(_, c)| c).take(2).collect();
            findings.push(Finding {
rule: "zero-figure",
                severity: Severity::Error,
                message: tr!("“{digits}{unit}”处的数字是一串 0，像是缺了数", "the figure in “{digits}{unit}” is a run of zeros; a number seems to be missing"),
                hint: tr!("核实这个数字；暂时没有的，在 metrics 中写 value: ~，并从正文删去", "check the figure; while it is unknown, write value: ~ in metrics and remove it from the text")
                    .to_string(),
                line: number,
                column: column_of(line, byte),
                chars: digits.len(),
                excerpt: format!("{digits}{unit}"),
                within: None,
            });
        }
        i = end;
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF | 0x2018..=0x201D)
}

fn half_width(line: &str, number: usize, findings: &mut Vec<Finding>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (i, &(byte, c)) in chars.iter().enumerate() {
        let Some(&(_, full)) = HALF_WIDTH.iter().find(|(half, _)| *half == c) else {
            continue;
        };
        // Markdown's own backslash escapes are not prose.
        if i > 0 && chars[i - 1].1 == '\\' {
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(i + 1).map(|&(_, c)| c);
        if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
            // From the mark on, so that it is found where it stands.
            let excerpt: String = chars[i..(i + 3).min(chars.len())]
                .iter()
                .map(|&(_, c)| c)
                .collect();
            findings.push(Finding {
                rule: "half-width-punctuation",
                severity: Severity::Warning,
                message: tr!("中文里用了半角的“{c}”", "half-width “{c}” in Chinese text"),
                hint: tr!("改为全角的“{full}”", "use the full-width “{full}”"),
                line: number,
                column: column_of(line, byte),
                chars: 1,
                excerpt,
                within: None,
            });
        }
    }
}

const NUMERALS: &str = "一二三四五六七八九十";

/// The length in bytes of a heading number at the start of `text`
/// (`四、`, `（二）`, `(2)`, `3.`, `（4）`), if it starts with one.
fn number_prefix(text: &str) -> Option<usize> {
    let numeral = |c: char| NUMERALS.contains(c) || c.is_ascii_digit();
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if first == '（' || first == '(' {
        let close = if first == '(' { ')' } else { '）' };
        let inner = &text[first.len_utf8()..];
        let digits = inner.find(|c: char| !numeral(c))?;
        return (digits > 0 && inner[digits..].starts_with(close))
            .then(|| first.len_utf8() + digits + close.len_utf8());
    }
    let digits = text.find(|c: char| !numeral(c))?;
    if digits == 0 {
        return None;
    }
    let rest = &text[digits..];
    let chinese = text[..digits].chars().all(|c| NUMERALS.contains(c));
    let arabic = text[..digits].chars().all(|c| c.is_ascii_digit());
    if chinese && rest.starts_with('、') {
        Some(digits + '、'.len_utf8())
    } else if arabic
        && (rest.starts_with('.') || rest.starts_with('．'))
        && !rest[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        Some(digits + rest.chars().next().map_or(1, char::len_utf8))
    } else {
        None
    }
}

fn empty_heading(text: &str, line: usize, findings: &mut Vec<Finding>) {
    // The heading's own number is the tool's; what follows it was typed.
    let column = number_prefix(text).map_or(1, |own| text[..own].chars().count() + 1);
    let mut words = text.trim();
    while let Some(len) = number_prefix(words) {
        words = words[len..].trim_start();
    }
    if words.is_empty() {
        findings.push(Finding {
            rule: "empty-heading",
            severity: Severity::Error,
            message: tr!(
                "空标题：只有序号，没有文字",
                "empty heading: a number with no words"
            ),
            hint: tr!(
                "给这一条写上 heading，或者删去它",
                "give the item a heading, or remove it"
            ),
            line,
            column,
            chars: text.chars().count().max(1),
            excerpt: String::new(),
            within: None,
        });
    }
}

/// A number typed by hand where the tool numbers: a heading that carries a
/// second number after its own (“四、四、2018年工作打算”), or a text that
/// opens with one (“（一）……”).
fn typed_number(text: &str, line: usize, heading: bool, findings: &mut Vec<Finding>) {
    let (column, rest) = if heading {
        let Some(own) = number_prefix(text) else {
            return;
        };
        (text[..own].chars().count() + 1, &text[own..])
    } else {
        (1, text)
    };
    let Some(typed) = number_prefix(rest) else {
        return;
    };
    if rest[typed..].trim().is_empty() {
        return;
    }
    let number = &rest[..typed];
    let (message, hint) = if heading {
        (
            tr!(
                "标题里手写了序号“{number}”，程序已经编了号，印出来是两个序号",
                "the heading has the number “{number}” typed into it; the tool numbers headings, so it prints twice"
            ),
            tr!(
                "删去 heading 开头的“{number}”：序号由程序按位置生成",
                "remove “{number}” from the start of the heading: numbers are generated from the position"
            ),
        )
    } else {
        (
            tr!(
                "正文开头手写了序号“{number}”",
                "the text opens with the number “{number}” typed by hand"
            ),
            tr!(
                "这是一个小标题：写成 items 下的一条，heading 写标题文字（不带序号），序号由程序生成",
                "this is a heading: make it an item with the words as its heading (no number); the number is generated"
            ),
        )
    };
    findings.push(Finding {
        rule: "typed-number",
        severity: if heading {
            Severity::Error
        } else {
            Severity::Warning
        },
        message,
        hint,
        line,
        column,
        chars: number.chars().count(),
        excerpt: rest.chars().take(12).collect(),
        within: None,
    });
}

/// A heading number inside running text, after something that does not end a
/// sentence: "工程（二）全面治理", "塑造2.达成".
fn run_in_heading(text: &str, number: usize, findings: &mut Vec<Finding>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for i in 1..chars.len() {
        let (byte, c) = chars[i];
        let previous = chars[i - 1].1;
        let ends_sentence = matches!(previous, '。' | '；' | '：' | '！' | '？' | ' ');
        if ends_sentence || !is_cjk(previous) || previous == '”' {
            continue;
        }
        let rest = &text[byte..];
        let marker_len = if c == '（' || c == '(' {
            let open = c.len_utf8();
            let close = if c == '(' { ')' } else { '）' };
            let inner: String = rest[open..]
                .chars()
                .take_while(|c| NUMERALS.contains(*c))
                .collect();
            (!inner.is_empty() && rest[open + inner.len()..].starts_with(close))
                .then(|| inner.chars().count() + 2)
        } else if c.is_ascii_digit() && !previous.is_ascii_digit() {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            let after: Vec<char> = rest.chars().skip(digits).take(2).collect();
            (after.first() == Some(&'.') && after.get(1).is_some_and(|&c| is_cjk(c)))
                .then_some(digits + 1)
        } else {
            None
        };
        if let Some(len) = marker_len {
            let excerpt: String = chars[i..].iter().map(|&(_, c)| c).take(len + 4).collect();
            findings.push(Finding {
                rule: "run-in-heading",
                severity: Severity::Warning,
                message: tr!(
                    "“{excerpt}”像是一个标题连在了前文后面",
                    "“{excerpt}” looks like a heading run into the text before it"
                ),
                hint: tr!(
                    "标题要单独成条：写成 items 下的 heading，序号由程序生成",
                    "headings stand alone: make it a heading under items; the number is generated"
                ),
                line: number,
                column: column_of(text, byte),
                chars: len,
                excerpt,
                within: None,
            });
        }
    }
}

#[cfg(test)]
mod tests;
