//! Messages for people: what is wrong, where (`file:line:column`, with the
//! line shown), and what to do. Every error and warning the tool prints goes
//! through [`Diagnostic`], so data, template and file errors look alike.

use crate::tr;
use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A text file that messages can point into.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// The path as the user should see it (relative to the project).
    pub(crate) name: String,
    pub(crate) text: String,
    /// Where each line starts, worked out once when a message first needs it.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub(crate) fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// The location of a byte offset, `chars` characters long.
    pub(crate) fn at_byte(&self, offset: usize, chars: usize) -> Location {
        let (line, column) = self.line_column(offset);
        self.at(line, column, chars)
    }

    /// The 1-based line and character column of a byte offset.
    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        // The line from the starts found once: counting the line feeds
        // before every location made a file's messages quadratic.
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        (line, self.text[line_start..offset].chars().count() + 1)
    }

    /// Where each line starts, worked out at the first call.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The location of a 1-based line and 1-based character column.
    pub(crate) fn at(&self, line: usize, column: usize, chars: usize) -> Location {
        let starts = self.line_starts();
        let line_text = starts
            .get(line.saturating_sub(1))
            .map_or("", |&start| {
                let rest = &self.text[start..];
                let end = rest.find('\n').unwrap_or(rest.len());
                rest[..end].trim_end_matches('\r')
            })
            .to_string();
        Location {
            file: self.name.clone(),
            cell: None,
            line: line.max(1),
            column: column.max(1),
            chars: chars.max(1),
            line_text,
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// A place in a file, with its line kept for display.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub(crate) file: String,
    /// For a workbook, the sheet and cell (`交通局!C7`); `line` is then the
    /// sheet's row and `line_text` the row's cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) cell: Option<String>,
    pub(crate) line: usize,
    /// 1-based, in characters.
    pub(crate) column: usize,
    /// How many characters to mark.
    pub(crate) chars: usize,
    pub(crate) line_text: String,
}

/// Serializable so the build manifest can keep a report's warnings and
/// show them again when the report is not rebuilt.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub(crate) location: Option<Location>,
    /// A label under the marker; the message is used when absent.
    pub(crate) label: Option<String>,
    /// What to do about it.
    pub(crate) hint: Option<String>,
    /// Further causes, outermost first.
    pub(crate) notes: Vec<String>,
    /// A name for a warning that a project may switch off in `report.yaml`
    /// (`allow: [missing-part]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) code: Option<String>,
}

/// `text` with every character that shows as nothing (or as a plain space)
/// written as `<U+200B>`: a message about a key with a zero-width space in
/// it must show that space, or “unknown key `topic`, did you mean `topic`?”
/// makes no sense.
pub(crate) fn shown_name(text: &str) -> String {
    shown(&visible(text))
}

fn shown(text: &str) -> String {
    let invisible = |c: char| {
        matches!(c as u32,
            0x00A0 | 0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5
            | 0x180B..=0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064
            | 0x2066..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0 | 0xFFF9..=0xFFFB)
    };
    if !text.chars().any(invisible) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if invisible(c) {
            let _ = write!(out, "<U+{:04X}>", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// A message quotes the model's text as the reader sees it: without the
/// marks that say where it came from.
fn unmarked(text: String) -> String {
    if crate::model::marks::any(&text) {
        crate::model::marks::strip(&text).into_owned()
    } else {
        text
    }
}

impl Diagnostic {
    pub(crate) fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: unmarked(message.into()),
            location: None,
            label: None,
            hint: None,
            notes: Vec::new(),
            code: None,
        }
    }

    pub(crate) fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    #[must_use]
    pub(crate) fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    #[must_use]
    pub(crate) fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(unmarked(label.into()));
        self
    }

    #[must_use]
    pub(crate) fn code(mut self, code: &str) -> Self {
        self.code = Some(code.to_string());
        self
    }

    #[must_use]
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(unmarked(hint.into()));
        self
    }

    #[must_use]
    pub(crate) fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(unmarked(note.into()));
        self
    }

    /// The multi-line form for people: header, the line with a marker, hint.
    /// `styled` adds ANSI colour (the caller decides whether the terminal wants it).
    pub(crate) fn render(&self, styled: bool) -> String {
        let clean = self.sanitized();
        clean.render_clean(styled)
    }

    /// The same diagnostic with every control character that a terminal would
    /// act on made visible: data can hold an ESC, and printing it raw would
    /// let a data file drive the user's terminal.
    fn sanitized(&self) -> Self {
        let mut clean = self.clone();
        clean.message = shown(&visible(&clean.message));
        clean.label = clean.label.as_deref().map(|l| shown(&visible(l)));
        clean.hint = clean.hint.as_deref().map(|h| shown(&visible(h)));
        clean.notes = clean.notes.iter().map(|n| shown(&visible(n))).collect();
        if let Some(location) = &mut clean.location {
            location.line_text = visible(&location.line_text);
            location.file = visible(&location.file);
            location.cell = location.cell.as_deref().map(visible);
        }
        clean
    }

    fn render_clean(&self, styled: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR.with_name(severity_name(self.severity)),
            Severity::Warning => Level::WARNING.with_name(severity_name(self.severity)),
        };
        let mut group = Group::with_title(level.primary_title(self.message.as_str()));
        if let Some(location) = &self.location {
            let start = byte_of_column(&location.line_text, location.column);
            let end =
                byte_of_column(&location.line_text, location.column + location.chars).max(start);
            let label = self.label.as_deref().unwrap_or("");
            let snippet = Snippet::source(location.line_text.as_str())
                .line_start(location.line)
                .annotation(AnnotationKind::Primary.span(start..end).label(label));
            // A cell is named as a spreadsheet names it (`book.xlsx!表!C7`),
            // not by the column of its text in the row shown: the snippet
            // goes without a path, and the line naming the cell is added
            // below, where the path would stand.
            group = match &location.cell {
                Some(_) => group.element(snippet),
                None => group.element(snippet.path(location.file.as_str())),
            };
        }
        let note_level = Level::NOTE.with_name(tr!("原因", "caused by"));
        let help = self.hint.as_deref().map(|hint| {
            Group::with_title(
                Level::HELP
                    .with_name(tr!("提示", "help"))
                    .secondary_title(hint),
            )
        });
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        if self.location.is_some() {
            for note in &self.notes {
                group = group.element(note_level.clone().message(note.as_str()));
            }
            let mut out = renderer.render(
                &[Some(group), help]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>(),
            );
            out.push('\n');
            if let Some(cell) = &location_cell(self) {
                let gutter = " ".repeat(
                    self.location
                        .as_ref()
                        .map_or(1, |l| l.line.to_string().len()),
                );
                let at = out.find('\n').map_or(out.len(), |i| i + 1);
                out.insert_str(at, &format!("{gutter}--> {cell}\n"));
            }
            return out;
        }
        // Without a source line there is no gutter: rendered together, the
        // groups would be joined by a lone “ |” line. Each is a line alone.
        let notes = self
            .notes
            .iter()
            .map(|note| Group::with_title(note_level.clone().secondary_title(note.as_str())));
        let mut out = String::new();
        for group in std::iter::once(group).chain(help).chain(notes) {
            out.push_str(&renderer.render(&[group]));
            out.push('\n');
        }
        out
    }

    /// One line for CI logs: `path:line:col: error: message (hint)`.
    pub(crate) fn short(&self) -> String {
        let clean = self.sanitized();
        let mut out = String::new();
        if let Some(l) = &clean.location {
            match &l.cell {
                Some(cell) => _ = write!(out, "{}!{cell}: ", l.file),
                None => _ = write!(out, "{}:{}:{}: ", l.file, l.line, l.column),
            }
        }
        let severity = severity_name(clean.severity);
        let _ = write!(out, "{severity}: {}", clean.message.replace('\n', " "));
        if let Some(hint) = &clean.hint {
            out.push_str(&tr!("（提示：{hint}）", " (hint: {hint})"));
        }
        // Causes (a template's error chain, a stale output's diff) follow as
        // indented lines, so the first line of each message stays greppable.
        for note in &clean.notes {
            for line in note.lines() {
                out.push_str("\n    ");
                out.push_str(line);
            }
        }
        out
    }
}

/// A workbook cell's full name, `book.xlsx!表!C7`.
fn location_cell(diagnostic: &Diagnostic) -> Option<String> {
    let location = diagnostic.location.as_ref()?;
    Some(format!("{}!{}", location.file, location.cell.as_ref()?))
}

/// Control characters (other than line breaks and tabs) shown as their
/// code, e.g. `\u{1b}`, so they cannot act on a terminal.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

fn severity_name(severity: Severity) -> String {
    match severity {
        Severity::Error => tr!("错误", "error"),
        Severity::Warning => tr!("警告", "warning"),
    }
}

/// Byte index of a 1-based character column, clamped to the line.
fn byte_of_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// One problem in the rendered text (the Markdown), found by the lints or
/// while parsing it into the document tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule that found it: the diagnostic's stable code.
    pub(crate) rule: &'static str,
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub(crate) hint: String,
    /// 1-based line in the rendered Markdown.
    pub(crate) line: usize,
    /// 1-based character column in that line.
    pub(crate) column: usize,
    /// How many characters the problem covers.
    pub(crate) chars: usize,
    /// The offending text, as it would appear in the data file.
    pub(crate) excerpt: String,
    /// For a finding in a block of the document: the block text's marks and
    /// the byte of that text the finding is about.
    pub(crate) within: Option<Within>,
}

/// A place in a block's text, with what knows where that text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Within {
    pub(crate) marks: Vec<crate::model::marks::Mark>,
    pub(crate) byte: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_shown() {
        let d = Diagnostic::error("不认识的键 `topic\u{200B}`").hint("是不是想写 `topic`？");
        let clean = d.sanitized();
        assert_eq!(clean.message, "不认识的键 `topic<U+200B>`");
        assert_eq!(clean.hint.as_deref(), Some("是不是想写 `topic`？"));
        assert_eq!(shown("\u{FEFF}甲\u{00A0}乙"), "<U+FEFF>甲<U+00A0>乙");
    }

    #[test]
    fn a_cell_is_named_as_a_spreadsheet_names_it() {
        let at = Location {
            file: "data/2018.xlsx".into(),
            cell: Some("交通局!C7".into()),
            line: 7,
            column: 14,
            chars: 3,
            line_text: "roofs │ 屋面 │ 七千二".into(),
        };
        let d = Diagnostic::error("数值写成了文字“七千二”")
            .at(at)
            .hint("只写数字");
        assert_eq!(
            d.render(false),
            "错误: 数值写成了文字“七千二”\n --> data/2018.xlsx!交通局!C7\n  |\n7 | roofs │ 屋面 │ 七千二\n  |                ^^^^^^\n  |\n提示: 只写数字\n"
        );
        assert_eq!(
            d.short(),
            "data/2018.xlsx!交通局!C7: 错误: 数值写成了文字“七千二”（提示：只写数字）"
        );
    }

    #[test]
    fn locates_bytes_in_chinese_text() {
        let file = SourceFile::new("a.yaml", "甲: 1\n乙: {x}\n");
        let offset = file.text.find("{x}").unwrap();
        let at = file.at_byte(offset, 3);
        assert_eq!((at.line, at.column), (2, 4));
        assert_eq!(at.line_text, "乙: {x}");
    }

    #[test]
    fn renders_file_line_column_and_hint() {
        let file = SourceFile::new("data/2017.yaml", "a: 1\nb: {nope}\n");
        let text = Diagnostic::error("没有这个指标")
            .at(file.at(2, 4, 6))
            .hint("检查拼写")
            .render(false);
        assert!(text.contains("data/2017.yaml:2:4"), "{text}");
        assert!(text.contains("b: {nope}"), "{text}");
        assert!(text.contains("提示: 检查拼写"), "{text}");
    }
}
