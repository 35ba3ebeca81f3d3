//! The paragraphs of a `.docx`: the zip read by the zip crate, the body's
//! XML by quick-xml. Only `word/document.xml` is read, and only up to a cap,
//! so a zip bomb stops at the cap instead of filling the memory; pictures,
//! text boxes and tracked deletions are passed over.

use std::io::Read as _;

use quick_xml::events::{BytesStart, Event};

use super::paragraph::{Para, Role};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::error::Error;
use crate::tr;

/// The body of a long report is a few hundred KB of XML.
const MAX_XML_BYTES: u64 = 16 * 1024 * 1024;

fn refuse(message: String, hint: String) -> Error {
    Error::Invalid(vec![
        Diagnostic::error(message)
            .code("import-unreadable")
            .hint(hint),
    ])
}

/// The paragraphs, and a text of one line per paragraph that messages
/// point into (`报告.docx:12:1` is the twelfth paragraph).
pub(super) fn paragraphs(bytes: &[u8], shown: &str) -> Result<(SourceFile, Vec<Para>), Error> {
    let not_docx = || {
        refuse(
            tr!(
                "`{shown}` 不是 Word（.docx）文件",
                "`{shown}` is not a Word (.docx) file"
            ),
            tr!(
                ".docx 是一个 zip 压缩包；这个文件不是。用 Word 或 WPS 打开原稿，“另存为”.docx 后再导入",
                "a .docx is a zip archive and this file is not; open the original in Word or WPS and save it as .docx"
            ),
        )
    };
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(refuse(
            tr!(
                "`{shown}` 是旧版 Word（.doc）文件，只是改了扩展名",
                "`{shown}` is an old Word (.doc) file renamed to .docx"
            ),
            tr!(
                "用 Word 或 WPS 打开，“另存为”.docx 后再导入",
                "open it in Word or WPS, save as .docx, and import that"
            ),
        ));
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| not_docx())?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| not_docx())?;
    let mut xml = Vec::new();
    entry
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|_| not_docx())?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(refuse(
            tr!(
                "`{shown}` 的正文解压后超过 {MAX_XML_BYTES} 字节，不像一份报告",
                "`{shown}` unpacks to more than {MAX_XML_BYTES} bytes of text; it is not a report"
            ),
            tr!(
                "确认选对了文件；过大或损坏的文件不导入",
                "check that this is the right file"
            ),
        ));
    }
    let xml = String::from_utf8(xml).map_err(|_| not_docx())?;
    let paras = Body::default().read(&xml).map_err(|_| not_docx())?;
    let text: Vec<String> = paras
        .iter()
        .map(|p| match &p.role {
            Role::Table(rows) => rows
                .iter()
                .map(|row| row.join(" | "))
                .collect::<Vec<_>>()
                .join(" / "),
            _ => p.text.clone(),
        })
        .collect();
    Ok((SourceFile::new(shown, text.join("\n")), paras))
}

/// The walk through `w:body`. The flags are the reader's place in the
/// XML, one per element that changes what a text event means.
#[derive(Default)]
#[allow(clippy::struct_excessive_bools)]
struct Body {
    paras: Vec<Para>,
    /// The paragraph being read: its style, text and bold prefix.
    style: Option<String>,
    text: String,
    bold: usize,
    /// Whether a non-bold run has started, which ends the bold prefix.
    plain_seen: bool,
    in_text: bool,
    in_run_props: bool,
    run_bold: bool,
    /// Inside something whose text is not the body's (a picture, a text box).
    skipped: usize,
    /// Table nesting, and the rows and cells of the outermost table.
    tables: usize,
    rows: Vec<Vec<String>>,
    cell: String,
}

impl Body {
    fn read(mut self, xml: &str) -> Result<Vec<Para>, quick_xml::Error> {
        let mut reader = quick_xml::Reader::from_str(xml);
        loop {
            match reader.read_event()? {
                Event::Start(element) => self.open(&element, false),
                Event::Empty(element) => self.open(&element, true),
                Event::End(element) => self.close(element.local_name().as_ref()),
                Event::Text(text) if self.in_text && self.skipped == 0 => {
                    self.push(&text.xml10_content());
                }
                Event::GeneralRef(reference) if self.in_text && self.skipped == 0 => {
                    let name = reference.xml10_content();
                    if let Some(c) = reference.resolve_char_ref()? {
                        self.push(c.encode_utf8(&mut [0; 4]));
                    } else if let Some(text) = quick_xml::escape::resolve_predefined_entity(&name) {
                        self.push(text);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(self.paras)
    }

    fn open(&mut self, element: &BytesStart, empty: bool) {
        let name = element.local_name();
        let name = name.as_ref();
        if self.skipped > 0 {
            if !empty && matches!(name, "drawing" | "pict" | "AlternateContent" | "object") {
                self.skipped += 1;
            }
            return;
        }
        match name {
            "drawing" | "pict" | "AlternateContent" | "object" if !empty => self.skipped += 1,
            "p" if !empty => {
                self.style = None;
                self.text.clear();
                self.bold = 0;
                self.plain_seen = false;
            }
            "pStyle" => self.style = attribute(element, "val"),
            "r" => self.run_bold = false,
            "rPr" if !empty => self.in_run_props = true,
            "b" if self.in_run_props => {
                self.run_bold =
                    !matches!(attribute(element, "val").as_deref(), Some("0" | "false"));
            }
            "t" if !empty => self.in_text = true,
            "tab" if !self.in_run_props => self.push(" "),
            "br" | "cr" => self.push("\n"),
            "tbl" if !empty => {
                self.tables += 1;
                if self.tables == 1 {
                    self.rows.clear();
                }
            }
            "tr" if !empty && self.tables == 1 => self.rows.push(Vec::new()),
            "tc" if !empty && self.tables == 1 => self.cell.clear(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if self.skipped > 0 {
            if matches!(name, "drawing" | "pict" | "AlternateContent" | "object") {
                self.skipped -= 1;
            }
            return;
        }
        match name {
            "t" => self.in_text = false,
            "rPr" => self.in_run_props = false,
            // The 版记 is written as a table at the page's foot; its lines
            // are paragraphs of the document, not cells.
            "p" if self.tables > 0 && self.style.as_deref() != Some("Copies") => {
                if !self.cell.is_empty() {
                    self.cell.push('\n');
                }
                self.cell.push_str(self.text.trim());
                self.text.clear();
            }
            "p" => self.paragraph(),
            "tc" if self.tables == 1 => {
                let cell = std::mem::take(&mut self.cell).trim().to_string();
                if let Some(row) = self.rows.last_mut() {
                    row.push(cell);
                }
            }
            "tbl" => {
                self.tables = self.tables.saturating_sub(1);
                // A table of 版记 lines alone leaves only empty cells.
                if self.tables == 0 && self.rows.iter().flatten().all(String::is_empty) {
                    self.rows.clear();
                } else if self.tables == 0 {
                    let rows = std::mem::take(&mut self.rows);
                    let line = self.paras.len() + 1;
                    self.paras
                        .push(Para::new(line, String::new(), Role::Table(rows)));
                }
            }
            _ => {}
        }
    }

    fn push(&mut self, text: &str) {
        // Word joiners and zero-width spaces keep 2017⁠年 together on the
        // page; they are not text.
        let text: String = text
            .chars()
            .filter(|c| !matches!(c, '\u{2060}' | '\u{200B}' | '\u{FEFF}' | '\u{00AD}'))
            .collect();
        if text.is_empty() {
            return;
        }
        if self.tables == 0 && self.run_bold && !self.plain_seen {
            self.bold += text.chars().count();
        } else if !text.trim().is_empty() {
            self.plain_seen = true;
        }
        self.text.push_str(&text);
    }

    fn paragraph(&mut self) {
        let style = self.style.take().unwrap_or_default();
        let role = match style.as_str() {
            "DocTitle" | "Title" => Role::Title,
            "Heading1" | "1" => Role::Heading(1),
            "Heading2" | "2" => Role::Heading(2),
            "Heading3" | "3" => Role::Heading(3),
            "Heading4" | "4" => Role::Heading(4),
            "Caption" => Role::Caption,
            "Signature" => Role::Signature,
            "Addressee" => Role::Addressee,
            "Attachments" => Role::Attachments,
            "Copies" => Role::Copies,
            "Organ" => Role::Organ,
            "DocNumber" => Role::DocNumber,
            _ => Role::Body,
        };
        let text = std::mem::take(&mut self.text);
        let bold = self.bold;
        if role == Role::Title {
            // The title breaks where the layout chose; its text is one line.
            let line = self.paras.len() + 1;
            self.paras
                .push(Para::new(line, text.replace('\n', ""), role));
            return;
        }
        for (index, piece) in text.split('\n').enumerate() {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            let line = self.paras.len() + 1;
            self.paras.push(Para {
                bold: if index == 0 { bold } else { 0 },
                ..Para::new(line, piece.to_string(), role.clone())
            });
        }
    }
}

fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}
