//! Where a piece of printed text came from, carried inside the text itself.
//! The loader wraps each text it takes from the data file, and each figure
//! it prints, in a mark naming an entry of the report's [`Origins`]; the
//! marks pass through the Markdown template and comrak like any other
//! character, and the document tree takes them out into its spans. What is
//! written (the Markdown, the HTML, the DOCX) never holds one.
//!
//! A mark is `OPEN id SEP text CLOSE`, `id` in decimal digits. The mark
//! characters are Unicode noncharacters, which the loader refuses in the
//! data and templates cannot produce by accident, so no text can forge one.
//!
//! [`Origins`]: crate::source::provenance::Origins

use std::borrow::Cow;

/// Opens a mark around text typed in the data file.
pub(crate) const TEXT: char = '\u{FDD0}';
/// Opens a mark around a figure the tool printed.
pub(crate) const FIGURE: char = '\u{FDD3}';
/// Ends the id of a mark.
const SEP: char = '\u{FDD1}';
/// Closes the innermost open mark.
const CLOSE: char = '\u{FDD2}';

/// What a mark says: the text it covers is typed text or a figure, and
/// which origin it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in the text without marks.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) id: u32,
    pub(crate) figure: bool,
}

/// `text` wrapped in a mark of origin `id`.
pub(crate) fn wrap(opener: char, id: u32, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    out.push(opener);
    // The id's digits without the formatting machinery: a report marks
    // every text and figure it prints.
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = id;
    loop {
        at -= 1;
        digits[at] = b'0' + u8::try_from(rest % 10).unwrap_or(0);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"));
    out.push(SEP);
    out.push_str(text);
    out.push(CLOSE);
    out
}

/// Whether `text` holds any mark at all; most text a template prints
/// (its own words, numbers) holds none.
pub(crate) fn any(text: &str) -> bool {
    next_mark(text).is_some()
}

/// The byte where the first mark character of `text` starts. They all
/// encode as EF B7 9x; the two-byte search skips the full-width
/// punctuation (EF BC xx) that Chinese text is full of, where a search by
/// characters decoded every one.
fn next_mark(text: &str) -> Option<usize> {
    static LEAD: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let lead = LEAD.get_or_init(|| memchr::memmem::Finder::new(b"\xEF\xB7"));
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = lead.find(&bytes[from..]) {
        let at = from + at;
        if let Some(0x90 | 0x92 | 0x93) = bytes.get(at + 2) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// `text` without its marks.
pub(crate) fn strip(text: &str) -> Cow<'_, str> {
    if any(text) {
        Cow::Owned(parse(text).0)
    } else {
        Cow::Borrowed(text)
    }
}

/// A piece of marked text, as a reader walks it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Open { id: u32, figure: bool },
    Close,
}

/// Splits `text` into text, opening and closing marks. A mark character
/// that is not part of a well-formed mark is dropped: it cannot be text.
pub(crate) fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            let Some(at) = next_mark(rest) else {
                let all = rest;
                rest = "";
                return Some(Piece::Text(all));
            };
            if at > 0 {
                let (head, tail) = rest.split_at(at);
                rest = tail;
                return Some(Piece::Text(head));
            }
            let c = rest.chars().next().unwrap_or(CLOSE);
            rest = &rest[c.len_utf8()..];
            if c == CLOSE {
                return Some(Piece::Close);
            }
            let digits = rest
                .find(|d: char| !d.is_ascii_digit())
                .unwrap_or(rest.len());
            let id = rest[..digits].parse::<u32>().ok();
            if let (Some(id), true) = (id, rest[digits..].starts_with(SEP)) {
                rest = &rest[digits + SEP.len_utf8()..];
                return Some(Piece::Open {
                    id,
                    figure: c == FIGURE,
                });
            }
        }
    })
}

/// A piece as it is written in marked text.
pub(crate) fn written(piece: &Piece) -> String {
    match piece {
        Piece::Text(text) => (*text).to_string(),
        Piece::Open { id, figure } => {
            format!("{}{id}{SEP}", if *figure { FIGURE } else { TEXT })
        }
        Piece::Close => CLOSE.to_string(),
    }
}

/// `text` without marks, and the marks with their ranges in it, innermost
/// last among those that start at the same place. A mark left open at the
/// end runs to the end.
pub(crate) fn parse(text: &str) -> (String, Vec<Mark>) {
    let mut plain = String::with_capacity(text.len());
    let mut marks = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for piece in pieces(text) {
        match piece {
            Piece::Text(t) => plain.push_str(t),
            Piece::Open { id, figure } => {
                open.push(marks.len());
                marks.push(Mark {
                    start: plain.len(),
                    end: plain.len(),
                    id,
                    figure,
                });
            }
            Piece::Close => {
                if let Some(index) = open.pop() {
                    marks[index].end = plain.len();
                }
            }
        }
    }
    for index in open {
        marks[index].end = plain.len();
    }
    (plain, marks)
}

/// The innermost mark that covers byte `at` of the unmarked text.
pub(crate) fn innermost(marks: &[Mark], at: usize) -> Option<&Mark> {
    marks
        .iter()
        .filter(|m| m.start <= at && at < m.end.max(m.start + 1))
        .min_by_key(|m| m.end - m.start)
}

/// How many bytes of `mark`'s own text come before byte `at`: the text
/// inside it, less the figures inside it (which are not typed text).
pub(crate) fn offset_in(marks: &[Mark], mark: &Mark, at: usize) -> usize {
    let figures: usize = marks
        .iter()
        .filter(|m| m.figure && m.start >= mark.start && m.end <= at && *m != mark)
        .map(|m| m.end - m.start)
        .sum();
    (at - mark.start).saturating_sub(figures)
}

/// `text` with `chars` trimmed from its end, looking through the closing
/// marks that end it: `…加强。` + close gives `…加强` + close, and the
/// trimmed characters.
pub(crate) fn trim_end_matches<'a>(text: &'a str, chars: &[char]) -> (String, &'a str) {
    let closes = text.len() - text.trim_end_matches(CLOSE).len();
    let body = &text[..text.len() - closes];
    let kept = body.trim_end_matches(chars);
    let mut out = String::with_capacity(text.len());
    out.push_str(kept);
    out.push_str(&text[body.len()..]);
    (out, &body[kept.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn marks_nest_and_leave_no_trace() {
        let figure = wrap(FIGURE, 7, "7200㎡");
        let text = wrap(TEXT, 12, &format!("更换{figure}。"));
        let (plain, marks) = parse(&text);
        assert_eq!(plain, "更换7200㎡。");
        assert_eq!(marks.len(), 2);
        assert_eq!((marks[0].id, marks[0].figure), (12, false));
        assert_eq!(&plain[marks[1].start..marks[1].end], "7200㎡");
        let at = plain.find('。').unwrap();
        let mark = innermost(&marks, at).unwrap();
        assert_eq!(mark.id, 12);
        // The figure is not typed text: 。 is the third character typed.
        assert_eq!(offset_in(&marks, mark, at), "更换".len());
        assert_eq!(innermost(&marks, plain.find('7').unwrap()).unwrap().id, 7);
        assert_eq!(strip(&text), "更换7200㎡。");
    }

    #[test]
    fn trimming_looks_through_closing_marks() {
        let text = wrap(TEXT, 3, "加强领导。");
        let (kept, stop) = trim_end_matches(&text, &['。']);
        assert_eq!(stop, "。");
        assert_eq!(parse(&kept).0, "加强领导");
        assert_eq!(parse(&kept).1[0].id, 3);
    }

    #[test]
    fn broken_marks_are_dropped() {
        assert_eq!(strip("甲\u{FDD0}x乙\u{FDD2}丙"), "甲x乙丙");
        assert_eq!(strip("\u{FDD3}12"), "12");
    }

    proptest! {
        #[test]
        fn stripping_a_wrap_gives_the_text(text in "\\PC{0,40}", id: u32) {
            let text: String = text.chars().filter(|c| !matches!(c, '\u{FDD0}'..='\u{FDEF}')).collect();
            let wrapped = wrap(FIGURE, id, &text);
            prop_assert_eq!(strip(&wrapped), text.as_str());
            let (_, marks) = parse(&wrapped);
            prop_assert_eq!(marks[0].end, text.len());
        }
    }
}
