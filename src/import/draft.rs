//! What an import reads a report into before its figures become metrics:
//! the parts and items ([`Entry`]), the document's frame ([`Draft`]), and
//! the repairs and doubts said on the way ([`Notices`]).

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::PartKind;

use super::markers::Level;
use super::paragraph::Para;

/// One heading with what is under it.
#[derive(Debug, Clone)]
// Each flag is a key the data file may write (run_in, numbered, points_as)
// or how the heading was found.
#[allow(clippy::struct_excessive_bools)]
pub(super) struct Entry {
    pub(crate) heading: Option<String>,
    pub(crate) run_in: bool,
    pub(crate) numbered: bool,
    /// The level the source's marker had (parts are always `Part`).
    pub(crate) level: Level,
    /// The number the source gave it, if it had one.
    pub(crate) source_number: Option<u32>,
    /// Where its heading is in the source, for messages.
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) text: Vec<String>,
    pub(crate) points: Vec<String>,
    /// Each point began a paragraph of its own (`points_as: paragraphs`).
    pub(crate) points_apart: bool,
    pub(crate) table: Option<Table>,
    pub(crate) items: Vec<Entry>,
    /// Guesses for the clerk to confirm; they become `note: 待核对…`.
    pub(crate) notes: Vec<String>,
    pub(crate) kind: Option<PartKind>,
    /// Opened by a bold run-in heading with no number (traditional layout).
    pub(crate) bold_heading: bool,
}

impl Entry {
    pub(super) fn new(level: Level, line: usize) -> Self {
        Self {
            heading: None,
            run_in: false,
            numbered: true,
            level,
            source_number: None,
            line,
            column: 1,
            text: Vec::new(),
            points: Vec::new(),
            points_apart: false,
            table: None,
            items: Vec::new(),
            notes: Vec::new(),
            kind: None,
            bold_heading: false,
        }
    }

    pub(super) fn is_bare(&self) -> bool {
        self.points.is_empty() && self.items.is_empty() && self.table.is_none()
    }
}

#[derive(Debug, Clone)]
pub(super) struct Table {
    pub(crate) caption: Option<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// The report as read, before its figures become metrics.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub(crate) title: Option<String>,
    pub(crate) title_line: usize,
    pub(crate) organ: Option<String>,
    pub(crate) doc_number: Option<String>,
    pub(crate) addressee: Option<String>,
    pub(crate) intro: Vec<String>,
    pub(crate) parts: Vec<Entry>,
    pub(crate) attachments: Vec<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) date: Option<(i32, u32, u32)>,
    pub(crate) cc: Vec<String>,
    pub(crate) office: Option<String>,
    pub(crate) imprint_date: Option<(i32, u32, u32)>,
    /// The labels charts were drawn for.
    pub(crate) charts: Vec<String>,
    /// Tables the tool itself makes from the data (同比, 计划完成情况).
    pub(crate) generated_tables: usize,
    /// What was repaired, in Chinese.
    pub(crate) repairs: Vec<String>,
}

/// The warnings an import prints, each also kept in Chinese for the data
/// file's header.
pub(super) struct Notices<'a> {
    pub(crate) file: &'a SourceFile,
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) repairs: Vec<String>,
}

impl<'a> Notices<'a> {
    pub(super) fn new(file: &'a SourceFile) -> Self {
        Self {
            file,
            warnings: Vec::new(),
            repairs: Vec::new(),
        }
    }

    /// A repair or a doubt at `at` characters into `para`; `message` is
    /// `(zh, shown)`, the Chinese kept for the data file's header.
    pub(super) fn warn(
        &mut self,
        para: &Para,
        at: usize,
        chars: usize,
        message: (String, String),
        hint: String,
    ) {
        self.warn_at(para.line, para.column + at, chars, message, hint);
    }

    pub(super) fn warn_at(
        &mut self,
        line: usize,
        column: usize,
        chars: usize,
        message: (String, String),
        hint: String,
    ) {
        let location = self.file.at(line, column, chars);
        let (zh, message) = message;
        self.repairs
            .push(format!("{zh}（原稿第 {line} 行第 {column} 字）"));
        self.warnings.push(
            Diagnostic::warning(message)
                .at(location)
                .hint(hint)
                .code("import"),
        );
    }
}
