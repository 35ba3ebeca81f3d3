//! A paragraph of the report being imported, whatever file it came from,
//! and what the file says it is.

/// What a paragraph is, as far as the file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Role {
    Body,
    Title,
    /// A heading paragraph of level 1–4 (Word's 标题 1–4, Markdown's `##`…).
    Heading(u8),
    Caption,
    Signature,
    Addressee,
    Copies,
    Imprint,
    Attachments,
    /// 发文机关标志 and 发文字号, the 版头 of a formal copy.
    Organ,
    DocNumber,
    /// The rows of a table, header first.
    Table(Vec<Vec<String>>),
    /// A chart, by its description.
    Chart(String),
}

#[derive(Debug, Clone)]
pub(super) struct Para {
    /// 1-based, in the source file (a paragraph's number in a `.docx`).
    pub(crate) line: usize,
    /// 1-based character column where `text` starts.
    pub(crate) column: usize,
    pub(crate) text: String,
    /// How many characters at the start are bold (a run-in heading in Word).
    pub(crate) bold: usize,
    pub(crate) role: Role,
}

impl Para {
    pub(super) fn new(line: usize, text: String, role: Role) -> Self {
        Self {
            line,
            column: 1,
            text,
            bold: 0,
            role,
        }
    }
}
