//! The typing fixes every imported sentence gets, each counted so the
//! import can say what it changed: half-width punctuation in Chinese text
//! made full-width (GB/T 15834), separator spaces dropped, no 顿号 between
//! quoted or book-titled items, （试行） inside the 书名号, and 今年/明年
//! written as the years they are in a two-year document.

use std::collections::BTreeMap;

/// What was changed, and how often.
#[derive(Debug, Default, Clone)]
pub(super) struct Fixes {
    counts: BTreeMap<Fix, usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Fix {
    HalfWidth,
    Space,
    ListComma,
    TitleNote,
    RelativeYear,
}

impl Fix {
    pub(super) fn describe(self) -> &'static str {
        match self {
            Self::HalfWidth => "半角标点（, : ; ( ) ? ! { }）改为全角",
            Self::Space => "用作分隔的空格删去",
            Self::ListComma => "引号或书名号之间的顿号删去（GB/T 15834 4.5.3.5）",
            Self::TitleNote => "“（试行）”等移入书名号之内",
            Self::RelativeYear => "“今年”“明年”“去年”改为年份",
        }
    }
}

impl Fixes {
    fn add(&mut self, fix: Fix, count: usize) {
        if count > 0 {
            *self.counts.entry(fix).or_default() += count;
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (Fix, usize)> + '_ {
        self.counts.iter().map(|(&fix, &count)| (fix, count))
    }
}

/// Notes that belong inside a title's 书名号: 《办法》（试行） → 《办法（试行）》.
const TITLE_NOTES: [&str; 6] = ["试行", "暂行", "修订", "草案", "征求意见稿", "修正"];

/// `text` with the fixes applied; `year` is the report's year.
pub(super) fn tidy(text: &str, year: u16, fixes: &mut Fixes) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let digit = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
    };
    let ascii_word = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_alphanumeric)
    };
    for (index, &c) in chars.iter().enumerate() {
        let before = index.checked_sub(1);
        let after = Some(index + 1);
        let replaced = match c {
            // 1,000 and 8:30 keep their ASCII marks.
            ',' if !(digit(before) && digit(after)) => Some('，'),
            ':' if !(digit(before) && digit(after)) => Some('：'),
            ';' => Some('；'),
            '(' => Some('（'),
            ')' => Some('）'),
            // In the data file a brace refers to a metric.
            '{' => Some('｛'),
            '}' => Some('｝'),
            '?' if !ascii_word(before) => Some('？'),
            '!' if !ascii_word(before) => Some('！'),
            _ => None,
        };
        if let Some(full) = replaced {
            fixes.add(Fix::HalfWidth, 1);
            out.push(full);
            continue;
        }
        if c == ' ' || c == '\u{3000}' || c == '\t' {
            // A space between two words of Latin script is a space; beside
            // Chinese it only separated what the layout now separates.
            if ascii_word(before) && ascii_word(after) {
                out.push(' ');
            } else {
                fixes.add(Fix::Space, 1);
            }
            continue;
        }
        out.push(c);
    }
    let mut text = out;
    for (from, to) in [("”、“", "”“"), ("》、《", "》《")] {
        let count = text.matches(from).count();
        if count > 0 {
            fixes.add(Fix::ListComma, count);
            text = text.replace(from, to);
        }
    }
    for note in TITLE_NOTES {
        let from = format!("》（{note}）");
        let count = text.matches(&from).count();
        if count > 0 {
            fixes.add(Fix::TitleNote, count);
            text = text.replace(&from, &format!("（{note}）》"));
        }
    }
    for (word, offset) in [("今年", 0), ("明年", 1), ("去年", -1)] {
        let count = text.matches(word).count();
        if count > 0 {
            fixes.add(Fix::RelativeYear, count);
            text = text.replace(word, &format!("{}年", i32::from(year) + offset));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tidied(text: &str) -> String {
        tidy(text, 2017, &mut Fixes::default())
    }

    #[test]
    fn punctuation_becomes_full_width_except_in_figures() {
        assert_eq!(
            tidied("近年来,全区:如下;村(社区)"),
            "近年来，全区：如下；村（社区）"
        );
        assert_eq!(tidied("1,000元,8:30开始"), "1,000元，8:30开始");
        // A brace in the data file would be a metric reference.
        assert_eq!(tidied("见{附表1}"), "见｛附表1｝");
    }

    #[test]
    fn separator_spaces_go_latin_spaces_stay() {
        assert_eq!(tidied("报告如下： 工程 "), "报告如下：工程");
        assert_eq!(tidied("采用 GIS system 管理"), "采用GIS system管理");
    }

    // The seed's D20, D21 and D27.
    #[test]
    fn lists_titles_and_years() {
        assert_eq!(tidied("“七进”、“文明劝导”"), "“七进”“文明劝导”");
        assert_eq!(
            tidied("《考核办法》、《问责办法》(试行)等"),
            "《考核办法》《问责办法（试行）》等"
        );
        assert_eq!(tidied("今年开展了"), "2017年开展了");
        let mut fixes = Fixes::default();
        tidy("a,b;c 今年", 2017, &mut fixes);
        let counted: Vec<_> = fixes.iter().collect();
        assert_eq!(
            counted,
            [(Fix::HalfWidth, 2), (Fix::Space, 1), (Fix::RelativeYear, 1)]
        );
    }
}
