//! Text as Word runs: bold and italic, line breaks, and each figure's digits
//! in a run of their own so an office suite never breaks inside a number.

use super::wml::{Look, Part};
use crate::render::document::Span;
use crate::render::nobreak;

/// Spans as runs of the open paragraph: bold and italic kept, `\n` as a
/// line break, and the digits of each figure in a run of their own (see
/// [`numeral_runs`]).
pub(super) fn runs(body: &mut Part, spans: &[Span], units: &[&str]) {
    for span in spans {
        let look = Look {
            numeral: false,
            bold: span.bold,
            italic: span.italic,
        };
        for (index, line) in span.text.split('\n').enumerate() {
            if index > 0 {
                body.line_break(look, None);
            }
            for (text, numeral) in numeral_runs(line, units) {
                if numeral {
                    let numeral = Look { numeral, ..look };
                    body.text(numeral, &join_scripts(text));
                } else {
                    body.text(look, text);
                }
            }
        }
    }
}

/// A word joiner where a figure's digits meet its Chinese unit, and between
/// the Chinese characters after them: `LibreOffice` breaks “7.3万 / 平方米”
/// otherwise (measured); between the digits it is not needed.
pub(super) fn join_scripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 9);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if previous.is_some() && !c.is_ascii() {
            out.push('\u{2060}');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// `text` cut into pieces, each marked whether it is the digits (with
/// decimal point and %) of a figure.
pub(super) fn numeral_runs<'t>(text: &'t str, units: &[&str]) -> Vec<(&'t str, bool)> {
    let mut pieces = Vec::new();
    let mut written = 0;
    for (start, end) in nobreak::figures(text, units) {
        let figure = &text[start..end];
        let Some(first) = figure.find(|c: char| c.is_ascii_digit()) else {
            continue;
        };
        // The whole figure from its first digit, unit included: in a run of
        // its own LibreOffice does not break it.
        let (from, to) = (start + first, end);
        if from > written {
            pieces.push((&text[written..from], false));
        }
        pieces.push((&text[from..to], true));
        written = to;
    }
    if written < text.len() || pieces.is_empty() {
        pieces.push((&text[written..], false));
    }
    pieces
}

pub(super) fn plain_span(text: &str) -> Span {
    Span {
        text: text.to_string(),
        bold: false,
        italic: false,
    }
}

/// Width in characters of the body font: a Chinese character is one, a
/// half-width digit or letter half of one.
pub(super) fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}
