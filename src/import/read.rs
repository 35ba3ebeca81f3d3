//! An old report read into paragraphs, whatever it was saved as: a `.docx`
//! (through [`super::docx`]), Markdown (through the document tree the
//! renderers use) or plain text. Each paragraph keeps the line it came from
//! and what the file says it is (title, heading, table…); a file that is not
//! a report is refused here, before anything is made of it.

use std::path::Path;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::error::Error;
use crate::render::document::{self, BlockKind, Document};
use crate::source::files::{Undecodable, decode, read_regular};
use crate::tr;

use super::paragraph::{Para, Role};

/// A report in text is tens of kilobytes; a Word file with pictures a few
/// megabytes. Anything beyond these is not a report to import.
const MAX_TEXT_BYTES: u64 = 4 * 1024 * 1024;
const MAX_DOCX_BYTES: u64 = 32 * 1024 * 1024;

/// The paragraphs of the file at `path`, and the text messages point into.
pub(super) fn read(path: &Path, shown: &str) -> Result<(SourceFile, Vec<Para>), Error> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let cap = if extension == "docx" {
        MAX_DOCX_BYTES
    } else {
        MAX_TEXT_BYTES
    };
    let refuse = |message: String, hint: String| {
        Error::Invalid(vec![
            Diagnostic::error(message)
                .code("import-unreadable")
                .hint(hint),
        ])
    };
    let metadata = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if !metadata.is_file() {
        return Err(refuse(
            tr!("`{shown}` 不是普通文件", "`{shown}` is not a regular file"),
            tr!(
                "给出要导入的报告文件（.docx、.txt 或 .md）",
                "name the report file to import (.docx, .txt or .md)"
            ),
        ));
    }
    if metadata.len() > cap {
        return Err(refuse(
            tr!(
                "`{shown}` 有 {} 字节，超过了导入的上限 {cap} 字节",
                "`{shown}` is {} bytes, over the import limit of {cap} bytes",
                metadata.len()
            ),
            tr!(
                "一份年度报告的文字只有几十 KB；若文件里有大量图片，先另存一份不带图片的 .docx 或 .txt",
                "a report's text is a few tens of KB; save a copy without pictures, or as .txt"
            ),
        ));
    }
    let bytes = read_regular(path, cap + 1).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    match extension.as_str() {
        "docx" => super::docx::paragraphs(&bytes, shown),
        "doc" | "wps" => Err(refuse(
            tr!(
                "`{shown}` 是旧版 Word（.doc）文件",
                "`{shown}` is an old Word (.doc) file"
            ),
            tr!(
                "用 Word 或 WPS 打开，“另存为”.docx 后再导入",
                "open it in Word or WPS, save as .docx, and import that"
            ),
        )),
        "txt" | "md" | "markdown" | "text" => {
            let text = text_of(&bytes, shown)?;
            let paras = if extension == "txt" || extension == "text" {
                super::unwrap::unwrap(text_paragraphs(&text))
            } else {
                markdown_paragraphs(&text)
            };
            Ok((SourceFile::new(shown, text), paras))
        }
        _ => Err(refuse(
            tr!(
                "不认识 `{shown}` 的文件类型",
                "`{shown}` is not a file type import reads"
            ),
            tr!(
                "导入 .docx、.txt 或 .md 文件",
                "import a .docx, .txt or .md file"
            ),
        )),
    }
}

/// Text as UTF-8, or a refusal that says which encoding it is in.
fn text_of(bytes: &[u8], shown: &str) -> Result<String, Error> {
    let refuse = |message: String, hint: String| {
        Err(Error::Invalid(vec![
            Diagnostic::error(message)
                .code("import-unreadable")
                .hint(hint),
        ]))
    };
    match decode(bytes) {
        Ok(text) => Ok(text.replace("\r\n", "\n").replace('\r', "\n")),
        Err(Undecodable::Utf16) => refuse(
            tr!(
                "`{shown}` 是 UTF-16 编码的",
                "`{shown}` is encoded as UTF-16"
            ),
            tr!(
                "用记事本打开，“另存为”时把编码选为 UTF-8",
                "save it as UTF-8 (Notepad: Save As, Encoding: UTF-8)"
            ),
        ),
        Err(Undecodable::Nul { .. }) => refuse(
            tr!(
                "`{shown}` 含有 NUL 字节，不是文本文件",
                "`{shown}` has NUL bytes; it is not a text file"
            ),
            tr!(
                "确认选对了文件；Word 文件请存为 .docx 再导入",
                "check that this is the right file; save a Word file as .docx"
            ),
        ),
        Err(Undecodable::NotUtf8 { gbk: Some(_), .. }) => refuse(
            tr!(
                "`{shown}` 是 GBK 编码的文本，不是 UTF-8",
                "`{shown}` is GBK text, not UTF-8"
            ),
            tr!(
                "用记事本打开，“另存为”时把编码选为 UTF-8；或运行 iconv -f GBK -t UTF-8 原文件 > 新文件",
                "convert it: iconv -f GBK -t UTF-8 old.txt > new.txt, or Save As UTF-8 in Notepad"
            ),
        ),
        Err(Undecodable::NotUtf8 { gbk: None, .. }) => refuse(
            tr!(
                "`{shown}` 不是 UTF-8 编码的文本",
                "`{shown}` is not UTF-8 text"
            ),
            tr!(
                "另存为 UTF-8 编码的文本后再导入",
                "save it as UTF-8 text and import that"
            ),
        ),
    }
}

/// A text file: one paragraph per line, as Word's “save as text” writes;
/// lines of cells between `|` marks (a table pasted as text) are a table.
fn text_paragraphs(text: &str) -> Vec<Para> {
    let blank = |c: char| c.is_whitespace() || c == '\u{3000}';
    let mut paras: Vec<Para> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches(blank);
        let column = line.chars().count() - trimmed.chars().count() + 1;
        let trimmed = trimmed.trim_end_matches(blank);
        if trimmed.is_empty() {
            continue;
        }
        if let Some(cells) = table_row(trimmed) {
            // A `---|---` rule under a Markdown-style header is no row.
            let rule = cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|c| "-:".contains(c)));
            let in_table = matches!(
                paras.last(),
                Some(Para {
                    role: Role::Table(_),
                    ..
                })
            );
            if rule {
                continue;
            }
            if in_table
                && let Some(Para {
                    role: Role::Table(rows),
                    ..
                }) = paras.last_mut()
            {
                rows.push(cells);
            } else {
                paras.push(Para::new(
                    index + 1,
                    String::new(),
                    Role::Table(vec![cells]),
                ));
            }
            continue;
        }
        paras.push(Para {
            column,
            ..Para::new(index + 1, trimmed.to_string(), Role::Body)
        });
    }
    paras
}

/// The cells of a line like `市容秩序整治 | 开展专项整治 | 明显减少 |`: two
/// `|` marks at least, outer empty cells dropped.
fn table_row(line: &str) -> Option<Vec<String>> {
    if line.matches(['|', '｜']).count() < 2 {
        return None;
    }
    let mut cells: Vec<String> = line
        .split(['|', '｜'])
        .map(|c| c.trim().to_string())
        .collect();
    if cells.first().is_some_and(String::is_empty) {
        cells.remove(0);
    }
    if cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    (cells.len() >= 2).then_some(cells)
}

/// Markdown, read by the parser that reads the template's output: the
/// heading levels, the marker comments (落款, 表题, 主送机关…), tables and
/// bold run-in headings come from the same tree every format is made from.
fn markdown_paragraphs(text: &str) -> Vec<Para> {
    let (tree, _findings) = Document::parse(text);
    let mut paras = Vec::new();
    for block in tree.blocks {
        let line = block.line;
        match block.kind {
            BlockKind::Title { lines, .. } => {
                paras.push(Para::new(line, lines.concat(), Role::Title));
            }
            BlockKind::Heading { level, text } => {
                paras.push(Para::new(
                    line,
                    document::plain(&text),
                    Role::Heading(level),
                ));
            }
            BlockKind::Paragraph { role, text } => {
                let role = match role {
                    document::Role::Addressee => Role::Addressee,
                    document::Role::Copies => Role::Copies,
                    document::Role::Imprint => Role::Imprint,
                    document::Role::Attachments => Role::Attachments,
                    document::Role::Organ => Role::Organ,
                    document::Role::DocNumber => Role::DocNumber,
                    _ => Role::Body,
                };
                let bold = match text.first() {
                    Some(span) if span.bold => span.text.chars().count(),
                    _ => 0,
                };
                paras.push(Para {
                    bold,
                    ..Para::new(line, document::plain(&text), role)
                });
            }
            BlockKind::Caption(text) => {
                paras.push(Para::new(line, document::plain(&text), Role::Caption));
            }
            BlockKind::Table(table) => {
                if let Some(caption) = &table.caption {
                    paras.push(Para::new(line, document::plain(caption), Role::Caption));
                }
                let cells = |row: &[Vec<document::Span>]| {
                    row.iter().map(|cell| document::plain(cell)).collect()
                };
                let mut rows = vec![cells(&table.header)];
                rows.extend(table.rows.iter().map(|row| cells(row)));
                paras.push(Para::new(line, String::new(), Role::Table(rows)));
            }
            BlockKind::Chart { alt, .. } => {
                paras.push(Para::new(line, String::new(), Role::Chart(alt)));
            }
            BlockKind::Signature { lines, .. } => {
                for (offset, text) in lines.into_iter().enumerate() {
                    paras.push(Para::new(line + offset, text, Role::Signature));
                }
            }
            // `1. 加强……` is a list to Markdown; the number is the outline's.
            BlockKind::List {
                ordered,
                start,
                items,
            } => {
                for (offset, item) in items.iter().enumerate() {
                    let number = if ordered {
                        format!("{}.", start + offset)
                    } else {
                        String::new()
                    };
                    let text = format!("{number}{}", document::plain(item));
                    paras.push(Para::new(line + offset, text, Role::Body));
                }
            }
        }
    }
    paras
}

#[cfg(test)]
mod tests {
    use super::*;

    // A table pasted into a text file comes back as one, header first.
    #[test]
    fn pipe_lines_are_a_table() {
        let paras = text_paragraphs(
            "二、举措\n内容 | 措施 | 成效 |\n--- | --- | ---\n整治 | 执法 | 减少 |\n正文。\n",
        );
        assert_eq!(paras.len(), 3);
        assert_eq!(
            paras[1].role,
            Role::Table(vec![
                vec!["内容".into(), "措施".into(), "成效".into()],
                vec!["整治".into(), "执法".into(), "减少".into()],
            ])
        );
        assert_eq!(paras[2].text, "正文。");
        assert_eq!(table_row("一是 | 不是表"), None);
    }
}
