//! Lines the genre's way: Chinese text breaks between any two characters
//! but for the 禁则 (no closing punctuation at a line's start, no opening
//! punctuation at its end), a figure with its unit never breaks, and a run
//! of Latin letters or digits stays whole. A closing punctuation mark that
//! would start the next line hangs at the end of this one, into the margin,
//! as Word sets Chinese by default (its glyph sits in the left half of its
//! square). Where the 禁则 or a figure would leave a line short, the line's
//! closing marks first give up part of their empty half to take in what
//! follows (punctuation compression); only when they cannot is the line
//! justified by spreading the space between characters evenly. A paragraph
//! does not end on a line of one character when the line before can give it
//! one.

use crate::render::page::{NO_BREAK_AFTER, NO_BREAK_BEFORE};

/// One character as set.
#[derive(Debug, Clone)]
pub(crate) struct Set {
    pub(crate) ch: char,
    /// The glyph, or `None` when no face on the machine has the character.
    pub(crate) glyph: Option<super::fonts::Glyph>,
    pub(crate) size: f32,
    /// Its advance on the line.
    pub(crate) width: f32,
    pub(crate) bold: bool,
    /// No break between this character and the next (inside a figure).
    pub(crate) glue: bool,
}

/// A line of a paragraph: its characters, and the space added after each
/// but the last (justification), taken from the last (a hanging
/// punctuation mark), or taken from each closing mark (compression).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Added after every break opportunity inside the line.
    pub(crate) spread: f32,
    /// Taken from the last character's width.
    pub(crate) squeeze: f32,
    /// The share (0 to 1) of its empty half each closing mark gives up.
    pub(crate) compress: f32,
}

impl Line {
    /// The characters `start..end` at their natural widths.
    pub(crate) fn plain(start: usize, end: usize) -> Self {
        Self {
            start,
            end,
            ..Self::default()
        }
    }

    /// What `chars[i]`, a character of this line, gives up to compression.
    pub(crate) fn compressed(&self, chars: &[Set], i: usize) -> f32 {
        if self.compress > 0.0 && SQUEEZABLE.contains(chars[i].ch) {
            chars[i].width / 2.0 * self.compress
        } else {
            0.0
        }
    }
}

/// Closing punctuation whose glyph sits in the left half of its square: it
/// may hang past the end of a line.
const SQUEEZABLE: &str = "，。、；：？！）》」』】”’";

fn is_word(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || ".,-+/%:_".contains(ch)
}

/// Whether a line may end after `chars[i]`.
pub(crate) fn may_break_after(chars: &[Set], i: usize) -> bool {
    let (this, next) = (&chars[i], chars.get(i + 1));
    let Some(next) = next else { return true };
    if this.glue || NO_BREAK_AFTER.contains(this.ch) || NO_BREAK_BEFORE.contains(next.ch) {
        return false;
    }
    // A run of Latin letters and digits is one word, unless a space parts it.
    !(is_word(this.ch) && is_word(next.ch))
}

/// Breaks `chars` into lines `width` wide, the first `first` wide (an
/// indent makes it shorter). A `\n` is a forced break.
pub(crate) fn break_lines(chars: &[Set], first: f32, width: f32) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let available = if lines.is_empty() { first } else { width };
        let mut used = 0.0;
        let mut last_break = None;
        let mut i = start;
        let mut overflow = false;
        while i < chars.len() && chars[i].ch != '\n' {
            used += chars[i].width;
            if used > available + 0.01 && i > start {
                // A closing mark hangs rather than start the next line.
                let squeeze = used - available;
                if SQUEEZABLE.contains(chars[i].ch)
                    && squeeze <= chars[i].width + 0.01
                    && may_break_after(chars, i)
                {
                    i += 1;
                    last_break = Some(i);
                }
                overflow = true;
                break;
            }
            if may_break_after(chars, i) {
                last_break = Some(i + 1);
            }
            i += 1;
        }
        if !overflow {
            let end = i;
            lines.push(Line::plain(start, end));
            // A forced break is consumed; the paragraph's end is reached.
            start = end + 1;
            continue;
        }
        let end = match last_break {
            Some(end) if end > start => end,
            // Nothing may break here: the run overflows, cut where it must.
            _ => i.max(start + 1),
        };
        let line = if end < i
            && let Some(line) = compressed(chars, start, i, available)
        {
            line
        } else {
            let mut line = Line::plain(start, end);
            justify(chars, &mut line, available);
            line
        };
        let end = line.end;
        lines.push(line);
        start = end;
        // No line starts with a space.
        while start < chars.len() && chars[start].ch == ' ' {
            start += 1;
        }
    }
    no_lone_last(chars, &mut lines, first, width);
    lines
}

/// The line from `start` taken on to the first break at or after `over`,
/// the character that overflowed, when its closing marks can give up the
/// excess from their empty halves; `None` else.
fn compressed(chars: &[Set], start: usize, over: usize, available: f32) -> Option<Line> {
    let end = (over..chars.len()).find(|&k| chars[k].ch != '\n' && may_break_after(chars, k))? + 1;
    if chars[over..end].iter().any(|c| c.ch == '\n') {
        return None;
    }
    let natural: f32 = chars[start..end].iter().map(|c| c.width).sum();
    let room: f32 = chars[start..end]
        .iter()
        .filter(|c| SQUEEZABLE.contains(c.ch))
        .map(|c| c.width / 2.0)
        .sum();
    let excess = natural - available;
    (excess > 0.0 && excess <= room + 0.01).then(|| Line {
        compress: (excess / room).min(1.0),
        ..Line::plain(start, end)
    })
}

/// Spreads `line` to `available`, or squeezes its last mark into it.
fn justify(chars: &[Set], line: &mut Line, available: f32) {
    let natural: f32 = chars[line.start..line.end].iter().map(|c| c.width).sum();
    if natural > available {
        line.squeeze = natural - available;
        return;
    }
    let gaps = (line.start..line.end - 1)
        .filter(|&i| may_break_after(chars, i))
        .count();
    if gaps > 0 {
        line.spread = (available - natural) / gaps as f32;
    }
}

/// A last line of one character (“治。”) takes one from the line before,
/// when that line can give one and stay justified.
fn no_lone_last(chars: &[Set], lines: &mut [Line], first: f32, width: f32) {
    let count = lines.len();
    if count < 2 {
        return;
    }
    let last = &lines[count - 1];
    let shown = chars[last.start..last.end]
        .iter()
        .filter(|c| !NO_BREAK_BEFORE.contains(c.ch))
        .count();
    if shown != 1 {
        return;
    }
    let previous = &lines[count - 2];
    // A forced break ends the line before: nothing to take from it.
    if previous.end != last.start {
        return;
    }
    let Some(cut) = (previous.start + 1..previous.end - 1)
        .rev()
        .find(|&i| may_break_after(chars, i))
        .map(|i| i + 1)
    else {
        return;
    };
    let available = if count == 2 { first } else { width };
    let mut shorter = Line::plain(previous.start, cut);
    justify(chars, &mut shorter, available);
    lines[count - 2] = shorter;
    lines[count - 1].start = cut;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> Vec<Set> {
        text.chars()
            .map(|ch| Set {
                ch,
                glyph: None,
                size: 16.0,
                width: if ch.is_ascii() { 8.0 } else { 16.0 },
                bold: false,
                glue: false,
            })
            .collect()
    }

    fn texts(chars: &[Set], lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| chars[l.start..l.end].iter().map(|c| c.ch).collect())
            .collect()
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // Four characters a line: “，” would start the second line.
        let chars = set("甲乙丙丁，戊己");
        let lines = break_lines(&chars, 64.0, 64.0);
        // It hangs at the first line's end instead.
        assert_eq!(texts(&chars, &lines), ["甲乙丙丁，", "戊己"]);
        assert!((lines[0].squeeze - 16.0).abs() < 0.01);
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let chars = set("甲乙丙“丁戊”己庚");
        let lines = break_lines(&chars, 64.0, 64.0);
        assert_eq!(texts(&chars, &lines)[0], "甲乙丙");
        assert!(lines[0].spread > 0.0, "the short line is justified");
    }

    #[test]
    fn figures_and_words_stay_whole() {
        let mut chars = set("甲乙7200㎡丙");
        // The figure glued to its unit.
        for c in &mut chars[2..6] {
            c.glue = true;
        }
        let lines = break_lines(&chars, 64.0, 64.0);
        let shown = texts(&chars, &lines);
        assert!(shown.iter().any(|l| l.contains("7200㎡")), "{shown:?}");
        let chars = set("甲乙丙Word丁");
        let shown = texts(&chars, &break_lines(&chars, 64.0, 64.0));
        assert!(shown.iter().any(|l| l.contains("Word")), "{shown:?}");
    }

    #[test]
    fn no_lone_character_on_the_last_line() {
        // 4 a line: “甲乙丙丁戊己庚辛壬” would leave “壬” alone.
        let chars = set("甲乙丙丁戊己庚辛壬");
        let lines = break_lines(&chars, 64.0, 64.0);
        assert_eq!(texts(&chars, &lines), ["甲乙丙丁", "戊己庚", "辛壬"]);
    }

    #[test]
    fn closing_marks_compress_before_a_line_is_spread() {
        // Five a line: “ may not end the first, which would be
        // “甲，乙，” spread; the two commas give up half their width each
        // and take in ““丙” instead.
        let chars = set("甲，乙，“丙丁戊");
        let lines = break_lines(&chars, 80.0, 80.0);
        assert_eq!(texts(&chars, &lines), ["甲，乙，“丙", "丁戊"]);
        assert!((lines[0].compress - 1.0).abs() < 0.01);
        assert!(lines[0].spread.abs() < 0.01);
        let given: f32 = (0..6).map(|i| lines[0].compressed(&chars, i)).sum();
        assert!((given - 16.0).abs() < 0.01, "{given}");
        // Without closing marks to give, the short line is spread.
        let chars = set("甲乙丙丁“戊己");
        let lines = break_lines(&chars, 80.0, 80.0);
        assert_eq!(texts(&chars, &lines)[0], "甲乙丙丁");
        assert!(lines[0].spread > 0.0 && lines[0].compress == 0.0);
    }

    #[test]
    fn every_character_is_set_once_in_order() {
        let text = "近年来，全区城乡环境综合治理工作在区委、区政府的正确领导下（2017年），共整治有碍观瞻点位40余处。";
        let chars = set(text);
        let lines = break_lines(&chars, 48.0 * 16.0 / 2.0, 28.0 * 16.0 / 2.0);
        assert_eq!(texts(&chars, &lines).concat(), text);
    }
}
