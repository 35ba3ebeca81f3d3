//! Runs of text in the document tree, and the marks that say where their
//! characters came from, taken out of the text comrak parsed.

use crate::model::marks::{self, Mark};

/// A run of text with one look. `\n` in `text` is a hard line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub(crate) text: String,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    /// Where parts of the text came from: typed text and figures, by byte
    /// range in `text` (see [`marks`]).
    pub(crate) marks: Vec<Mark>,
}

/// A figure in a line of text: its byte range and its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Printed {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) id: u32,
}

/// The byte ranges of figures.
pub(crate) fn ranges(printed: &[Printed]) -> Vec<(usize, usize)> {
    printed.iter().map(|p| (p.start, p.end)).collect()
}

impl Span {
    /// The figures in this span, by byte range.
    pub(crate) fn figures(&self) -> impl Iterator<Item = &Mark> {
        self.marks.iter().filter(|m| m.figure)
    }

    /// The span's lines (split at its hard breaks), each with the figures
    /// in it: byte range and origin.
    pub(crate) fn lines(&self) -> impl Iterator<Item = (&str, Vec<Printed>)> {
        let mut offset = 0;
        self.text.split('\n').map(move |line| {
            let end = offset + line.len();
            let figures = self
                .figures()
                .filter(|m| m.start >= offset && m.end <= end)
                .map(|m| Printed {
                    start: m.start - offset,
                    end: m.end - offset,
                    id: m.id,
                })
                .collect();
            offset = end + 1;
            (line, figures)
        })
    }
}

/// The marks of spans, by byte range in their [`plain`] text.
pub(crate) fn marks_of(spans: &[Span]) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut offset = 0;
    for span in spans {
        out.extend(span.marks.iter().map(|m| Mark {
            start: m.start + offset,
            end: m.end + offset,
            ..*m
        }));
        offset += span.text.len();
    }
    out
}

/// The plain text of spans, hard breaks kept as `\n`.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// A soft line break, until the text around it says whether it is a space.
pub(super) const SOFT_BREAK: char = '\u{1}';

/// A soft break between Chinese characters is nothing (Chinese has no word
/// spaces); between Latin words it is a space. The marks after a dropped
/// break move up with their text.
pub(super) fn soften(span: &mut Span) {
    let chars: Vec<(usize, char)> = span.text.char_indices().collect();
    let mut out = String::with_capacity(span.text.len());
    let mut dropped = Vec::new();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if c != SOFT_BREAK {
            out.push(c);
            continue;
        }
        let before = chars[..i]
            .iter()
            .rev()
            .map(|p| p.1)
            .find(|c| *c != SOFT_BREAK);
        let after = chars[i + 1..]
            .iter()
            .map(|p| p.1)
            .find(|c| *c != SOFT_BREAK);
        if before.is_some_and(|c| c.is_ascii()) && after.is_some_and(|c| c.is_ascii()) {
            out.push(' ');
        } else {
            dropped.push(at);
        }
    }
    let moved = |at: usize| at - dropped.iter().take_while(|d| **d < at).count();
    for mark in &mut span.marks {
        mark.start = moved(mark.start);
        mark.end = moved(mark.end);
    }
    span.text = out;
}

/// Takes the marks out of the spans' text into their `marks`. A mark may
/// run from one span into the next (a figure in bold and plain text).
pub(super) fn unmark(spans: &mut [Span]) {
    let mut open: Vec<(u32, bool)> = Vec::new();
    for span in spans {
        if open.is_empty() && !marks::any(&span.text) {
            continue;
        }
        let mut text = String::with_capacity(span.text.len());
        let mut found: Vec<Mark> = Vec::new();
        // Marks still open from the span before go on here.
        let mut stack: Vec<usize> = Vec::new();
        for &(id, figure) in &open {
            stack.push(found.len());
            found.push(Mark {
                start: 0,
                end: 0,
                id,
                figure,
            });
        }
        for piece in marks::pieces(&span.text) {
            match piece {
                marks::Piece::Text(t) => text.push_str(t),
                marks::Piece::Open { id, figure } => {
                    open.push((id, figure));
                    stack.push(found.len());
                    found.push(Mark {
                        start: text.len(),
                        end: text.len(),
                        id,
                        figure,
                    });
                }
                marks::Piece::Close => {
                    open.pop();
                    if let Some(index) = stack.pop() {
                        found[index].end = text.len();
                    }
                }
            }
        }
        for index in stack {
            found[index].end = text.len();
        }
        found.retain(|m| m.end > m.start);
        span.text = text;
        span.marks = found;
    }
}

pub(super) fn text_span(text: &str) -> Span {
    Span {
        text: marks::strip(text).into_owned(),
        bold: false,
        italic: false,
        marks: Vec::new(),
    }
}
