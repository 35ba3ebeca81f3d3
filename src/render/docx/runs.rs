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
        for (index, (line, printed)) in span.lines().enumerate() {
            if index > 0 {
                body.line_break(look, None);
            }
            let printed = crate::render::spans::ranges(&printed);
            for (text, numeral) in numeral_runs(line, &printed, units) {
                body.text(Look { numeral, ..look }, text);
            }
        }
    }
}

/// `text` cut into pieces, each marked whether it is the digits (with
/// decimal point and %) of a figure.
pub(super) fn numeral_runs<'t>(
    text: &'t str,
    printed: &[(usize, usize)],
    units: &[&str],
) -> Vec<(&'t str, bool)> {
    let mut pieces = Vec::new();
    let mut written = 0;
    for (start, end) in nobreak::figures(text, printed, units) {
        let figure = &text[start..end];
        let Some(first) = figure.find(|c: char| c.is_ascii_digit()) else {
            continue;
        };
        // The figure's Latin part (digits, point, %) in a run of its own:
        // LibreOffice then does not break inside the number. The Chinese
        // unit stays Chinese text, where Word's line-breaking rules apply.
        let from = start + first;
        let to = from
            + text[from..end]
                .find(|c: char| !c.is_ascii())
                .unwrap_or(end - from);
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
        marks: Vec::new(),
    }
}

/// Width in characters of the body font: a Chinese character is one, a
/// half-width digit or letter half of one.
pub(super) fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latin_part_of_a_figure_is_a_numeral_run() {
        let units = ["处", "㎡", "万平方米"];
        assert_eq!(
            numeral_runs(
                "整治40余处，铺设2万余㎡，达100.0%，清扫126.5万平方米",
                &[],
                &units
            ),
            [
                ("整治", false),
                ("40", true),
                ("余处，铺设", false),
                ("2", true),
                ("万余㎡，达", false),
                ("100.0%", true),
                ("，清扫", false),
                ("126.5", true),
                ("万平方米", false),
            ]
        );
        // Nothing is added to the text.
        let text = "2017年12月28日";
        let joined: String = numeral_runs(text, &[], &units)
            .iter()
            .map(|(t, _)| *t)
            .collect();
        assert_eq!(joined, text);
    }
}
