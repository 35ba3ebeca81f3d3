//! The numbering ladder of the genre as it was typed: 一、（一）1.（1）and
//! 一是/二是, found where they stand — at a paragraph's start, or run
//! straight onto the text before them, as in a report pasted into one line.
//!
//! A marker at a paragraph's start (or after a full stop) is always one. In
//! the middle of a sentence the same characters are often prose (“二、三月份”,
//! “第2.5万”), so there a marker counts only where the numbering expects it:
//! the next number at its level, or one or two past it (a gap the typist left).

/// The four heading levels of GB/T 9704 7.3.3, highest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Level {
    /// 一、
    Part,
    /// （一）
    Section,
    /// 1.
    Item,
    /// （1）
    Sub,
}

impl Level {
    pub(super) const ALL: [Level; 4] = [Self::Part, Self::Section, Self::Item, Self::Sub];

    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// The marker as the source typed it, for messages.
    pub(super) fn shown(self, number: u32) -> String {
        let chinese = crate::model::numbers::chinese(u64::from(number));
        match self {
            Self::Part => format!("{chinese}、"),
            Self::Section => format!("（{chinese}）"),
            Self::Item => format!("{number}."),
            Self::Sub => format!("（{number}）"),
        }
    }
}

/// What a paragraph's text is made of, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    /// A heading marker; `at` is its character offset in the paragraph.
    Heading {
        level: Level,
        number: u32,
        at: usize,
    },
    /// 一是, 二是 … (`number` is 1 for 一是).
    Point { number: u32, at: usize },
    /// Text between markers, with its character offset.
    Text { text: String, at: usize },
}

/// The numbers seen so far at each level, which decide whether a marker in
/// mid-sentence is one.
#[derive(Debug, Default, Clone)]
pub(super) struct Counters {
    last: [u32; 4],
    point: u32,
}

impl Counters {
    fn expects(&self, level: Level, number: u32) -> bool {
        let last = self.last[level.index()];
        number > last && number <= last + 3
    }

    fn saw(&mut self, level: Level, number: u32) {
        self.last[level.index()] = number;
        for lower in &mut self.last[level.index() + 1..] {
            *lower = 0;
        }
        self.point = 0;
    }
}

/// Splits one paragraph's text at its markers. `counters` carries the
/// numbering from paragraph to paragraph.
pub(super) fn split(text: &str, counters: &mut Counters) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut quoted = 0i32;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        match c {
            '“' | '《' | '「' => quoted += 1,
            '”' | '》' | '」' => quoted = (quoted - 1).max(0),
            _ => {}
        }
        if quoted > 0 {
            index += 1;
            continue;
        }
        let boundary = index == 0 || is_boundary(chars[index - 1]);
        if let Some((piece, len)) = marker_at(&chars, index, boundary, counters) {
            if index > start {
                push_text(&mut pieces, &chars[start..index], start);
            }
            match &piece {
                Piece::Heading { level, number, .. } => counters.saw(*level, *number),
                Piece::Point { number, .. } => counters.point = *number,
                Piece::Text { .. } => {}
            }
            pieces.push(piece);
            index += len;
            start = index;
            continue;
        }
        index += 1;
    }
    if start < chars.len() {
        push_text(&mut pieces, &chars[start..], start);
    }
    pieces
}

fn push_text(pieces: &mut Vec<Piece>, chars: &[char], at: usize) {
    let text: String = chars.iter().collect();
    let trimmed = text.trim_start_matches([' ', '\u{3000}', '\t']);
    let at = at + (text.chars().count() - trimmed.chars().count());
    let trimmed = trimmed.trim_end_matches([' ', '\u{3000}', '\t']);
    if !trimmed.is_empty() {
        pieces.push(Piece::Text {
            text: trimmed.to_string(),
            at,
        });
    }
}

/// What may stand right before a marker that is certainly one.
fn is_boundary(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '。' | '；' | ';' | '：' | ':' | '！' | '!' | '？' | '?' | '\u{3000}'
        )
}

/// The marker starting at `index`, and how many characters it takes.
fn marker_at(
    chars: &[char],
    index: usize,
    boundary: bool,
    counters: &Counters,
) -> Option<(Piece, usize)> {
    let c = chars[index];
    // （一） and （1）: the brackets say what it is, wherever it stands.
    if matches!(c, '（' | '(') {
        let inner_start = index + 1;
        if let Some((number, len)) = chinese_at(chars, inner_start)
            && matches!(chars.get(inner_start + len), Some('）' | ')'))
        {
            let piece = Piece::Heading {
                level: Level::Section,
                number,
                at: index,
            };
            return Some((piece, len + 2));
        }
        if let Some((number, len)) = digits_at(chars, inner_start)
            && matches!(chars.get(inner_start + len), Some('）' | ')'))
            && (boundary || counters.expects(Level::Sub, number))
            && number <= 50
        {
            let piece = Piece::Heading {
                level: Level::Sub,
                number,
                at: index,
            };
            return Some((piece, len + 2));
        }
        return None;
    }
    // 一、 and 一是.
    if let Some((number, len)) = chinese_at(chars, index) {
        let next = chars.get(index + len).copied();
        let after = chars.get(index + len + 1).copied();
        let before_is_numeral = index > 0 && chinese_digit(chars[index - 1]).is_some();
        if before_is_numeral {
            return None;
        }
        // “二、三月” lists numbers; a marker is followed by words.
        let words_follow = after.is_some_and(|a| chinese_digit(a).is_none() && a != '是');
        if next == Some('、')
            && words_follow
            && (boundary && number <= counters.last[0] + 3 || counters.expects(Level::Part, number))
        {
            let piece = Piece::Heading {
                level: Level::Part,
                number,
                at: index,
            };
            return Some((piece, len + 1));
        }
        let punctuated = index == 0
            || is_boundary(chars[index - 1])
            || matches!(chars[index - 1], '，' | ',' | '、');
        if next == Some('是')
            && punctuated
            && (number == 1 || number == counters.point + 1)
            && after.is_some_and(|a| !a.is_ascii_punctuation() && a != '，')
        {
            let piece = Piece::Point { number, at: index };
            return Some((piece, len + 1));
        }
        return None;
    }
    // 1. and 1、
    if c.is_ascii_digit() {
        let before_ok = index == 0 || {
            let b = chars[index - 1];
            !(b.is_ascii_alphanumeric() || matches!(b, '.' | '．' | '-' | '/' | '第' | '+'))
        };
        let (number, len) = digits_at(chars, index)?;
        let dot = chars.get(index + len).copied();
        let after = chars.get(index + len + 1).copied();
        if before_ok
            && matches!(dot, Some('.' | '．' | '、'))
            && after.is_some_and(|a| !a.is_ascii_digit() && !a.is_whitespace() || a == ' ')
            && number <= 50
            && (boundary && number <= counters.last[2] + 3 || counters.expects(Level::Item, number))
        {
            let piece = Piece::Heading {
                level: Level::Item,
                number,
                at: index,
            };
            return Some((piece, len + 1));
        }
    }
    None
}

/// Whether `text` opens with a heading marker or 一是.
pub(super) fn starts_with_marker(text: &str) -> bool {
    let mut counters = Counters::default();
    matches!(
        split(text, &mut counters).first(),
        Some(Piece::Heading { .. } | Piece::Point { .. })
    )
}

/// Cuts the last sentence off a point that has more than one, for the
/// lead-in of the run of points after it; its full stop becomes a colon.
pub(super) fn split_last_sentence(point: &mut String) -> Option<String> {
    let body = point.trim_end_matches(['。', '；', ';']);
    let cut = body.rfind('。')?;
    let lead = body[cut + '。'.len_utf8()..].trim().to_string();
    if lead.is_empty() {
        return None;
    }
    point.truncate(cut + '。'.len_utf8());
    Some(format!("{lead}："))
}

fn digits_at(chars: &[char], index: usize) -> Option<(u32, usize)> {
    let len = chars[index..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if len == 0 || len > 3 {
        return None;
    }
    let text: String = chars[index..index + len].iter().collect();
    Some((text.parse().ok()?, len))
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
}

/// A Chinese ordinal from 一 to 九十九 at `index`: 一, 十, 十二, 二十, 二十三.
pub(super) fn chinese_at(chars: &[char], index: usize) -> Option<(u32, usize)> {
    let first = *chars.get(index)?;
    let second = chars.get(index + 1).copied();
    let third = chars.get(index + 2).copied();
    let digit = |c: Option<char>| c.and_then(chinese_digit).filter(|&d| d > 0);
    if first == '十' {
        return Some(match digit(second) {
            Some(units) => (10 + units, 2),
            None => (10, 1),
        });
    }
    let tens = digit(Some(first))?;
    if second == Some('十') {
        return Some(match digit(third) {
            Some(units) => (tens * 10 + units, 3),
            None => (tens * 10, 2),
        });
    }
    Some((tens, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<String> {
        let mut counters = Counters::default();
        split(text, &mut counters)
            .into_iter()
            .map(|piece| match piece {
                Piece::Heading { level, number, .. } => level.shown(number),
                Piece::Point { number, .. } => format!("{number}是"),
                Piece::Text { text, .. } => text,
            })
            .collect()
    }

    #[test]
    fn ordinals_read_up_to_ninety_nine() {
        let read = |s: &str| chinese_at(&s.chars().collect::<Vec<_>>(), 0).map(|r| r.0);
        assert_eq!(read("一"), Some(1));
        assert_eq!(read("十"), Some(10));
        assert_eq!(read("十二"), Some(12));
        assert_eq!(read("二十"), Some(20));
        assert_eq!(read("九十九"), Some(99));
        assert_eq!(read("是"), None);
    }

    // The seed's own run-together line (defects D1, D3, D4, D6).
    #[test]
    fn headings_run_together_are_split() {
        assert_eq!(
            shape(
                "(一)持续推进“五治”工程 (二)全面治理农村生活垃圾(三)大力实施风貌塑造2.达成铁路沿线整治。按照"
            ),
            [
                "（一）",
                "持续推进“五治”工程",
                "（二）",
                "全面治理农村生活垃圾",
                "（三）",
                "大力实施风貌塑造",
                "2.",
                "达成铁路沿线整治。按照"
            ]
        );
        assert_eq!(
            shape("(七)助力脱贫攻坚二、创新做法积极探索:一是网格化;二是对接"),
            [
                "（七）",
                "助力脱贫攻坚",
                "二、",
                "创新做法积极探索:",
                "1是",
                "网格化;",
                "2是",
                "对接"
            ]
        );
    }

    #[test]
    fn prose_that_looks_like_a_marker_is_prose() {
        for prose in [
            "二、三月份开展整治",
            "罚没5.5万元",
            "统一是关键",
            "“一、二、三”工作法",
            "实施“一拆、二挡、三美化”的思路",
            "完成1、2季度任务",
            "第2.节",
        ] {
            assert_eq!(shape(prose), [prose], "{prose}");
        }
        // Mid-sentence, a number far from the one expected is prose.
        assert_eq!(shape("清理7.达标"), ["清理7.达标"]);
    }

    #[test]
    fn points_count_on_from_the_last() {
        assert_eq!(
            shape("做法：一是网格化，二是联动。三是考核"),
            ["做法：", "1是", "网格化，", "2是", "联动。", "3是", "考核"]
        );
        // 三是 with no 二是 before it is prose.
        assert_eq!(shape("做法：三是考核"), ["做法：三是考核"]);
    }

    #[test]
    fn a_lead_is_the_last_sentence() {
        let mut point = "狠抓执法。依法整治。在解决问题的同时，健全机制。".to_string();
        assert_eq!(
            split_last_sentence(&mut point).as_deref(),
            Some("在解决问题的同时，健全机制：")
        );
        assert_eq!(point, "狠抓执法。依法整治。");
        let mut single = "狠抓执法；".to_string();
        assert_eq!(split_last_sentence(&mut single), None);
    }
}
