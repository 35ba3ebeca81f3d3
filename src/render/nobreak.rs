//! Where a printed line must not break: inside a figure with what belongs to
//! it. The figures the tool printed are known from their marks (see
//! [`crate::model::marks`]); numbers a clerk typed as words are found by
//! their digits — `40余处`, `2万余㎡`, `7200㎡`, `100.0%`, `约1.17万车次`, `2017年`,
//! `提高7个百分点`'s `7个百分点`. Browsers and office suites may break
//! between a digit and a Chinese character, and some inside a number; a
//! reader then sees “40 / 余处” or “202 / 5年”. HTML keeps a figure in a
//! `white-space: nowrap` span. DOCX has no such run property, and nothing is
//! added to the text: a figure's digits go in a run of Latin text, which
//! keeps the number whole in `LibreOffice`, and the document's line-breaking
//! rules (`w:noLineBreaksBefore`, see [`followers`]) forbid a line to begin
//! with what follows the digits, which Word honours. `LibreOffice` (7.4 and
//! 25.2) reads no custom line-breaking rules from a DOCX and may still part
//! the digits from a Chinese unit (docs/word-pdf.md).

use crate::model::Report;

/// The approximation words written before a figure (`approx:`).
const PREFIXES: [&str; 6] = ["约", "約", "超", "逾", "近", "不足"];

/// What may follow a number and belongs to it, besides the report's units.
const SUFFIXES: [&str; 8] = ["个百分点", "%", "％", "倍", "年", "月", "日", "元"];

/// The byte ranges of `text` to keep on one line: the figures the tool
/// printed (`printed`, known from their marks, in order), and the numbers
/// typed as words in the text between them (2017年, 12月28日, 第3季度),
/// found by their digits.
pub(super) fn figures(
    text: &str,
    printed: &[(usize, usize)],
    units: &[&str],
) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    for &(start, end) in printed.iter().chain([&(text.len(), text.len())]) {
        let between = &text[from..start.max(from)];
        found.extend(
            typed(between, units)
                .into_iter()
                .map(|(s, e)| (s + from, e + from)),
        );
        if end > start {
            // A word of approximation typed before the figure belongs to
            // it (计划清运约{waste.target}).
            let start = PREFIXES
                .iter()
                .find(|word| text[from..start.max(from)].ends_with(*word))
                .map_or(start, |word| start - word.len());
            found.push((start, end));
        }
        from = end.max(from);
    }
    found
}

/// The byte ranges of `text` that are numbers typed as words, to keep on
/// one line with what belongs to them. `units` are the report's units
/// (`㎡`, `万平方米`, `处`…); the longest one that follows a number is taken.
fn typed(text: &str, units: &[&str]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() || (at > 0 && bytes[at - 1].is_ascii_digit()) {
            at += 1;
            continue;
        }
        // A word of approximation before the figure belongs to it (约1.17万,
        // 超19亿元, 不足3000户).
        let start = PREFIXES
            .iter()
            .find(|word| text[..at].ends_with(*word))
            .map_or(at, |word| at - word.len());
        let mut end = at;
        while end < bytes.len() && (bytes[end].is_ascii_digit() || number_point(bytes, end)) {
            end += 1;
        }
        let digits_end = end;
        let unit_at = |at: usize| {
            units
                .iter()
                .copied()
                .chain(SUFFIXES)
                .filter(|u| !u.is_empty() && text[at..].starts_with(u))
                .max_by_key(|u| u.len())
        };
        // 余 before or after 万/亿 (`2万余㎡`, `40余万元`), then the unit;
        // a unit that itself starts with 万 (`万平方米`) is taken whole.
        for marker in ["余", "万", "亿", "余"] {
            if unit_at(end).is_some() {
                break;
            }
            if text[end..].starts_with(marker) {
                end += marker.len();
            }
        }
        if let Some(unit) = unit_at(end) {
            end += unit.len();
        }
        // A bare number of one character has nothing to be parted from.
        if end > digits_end || start < at || digits_end - at > 1 {
            found.push((start, end));
        }
        at = end.max(at + 1);
    }
    found
}

/// The longest clause (up to a “，”) of a table cell kept on one line.
const SHORT_CLAUSE: usize = 8;

/// For a table cell: its figures, and its short clauses (“已完成”), so that a
/// narrow column breaks between clauses rather than inside one.
pub(super) fn cell(text: &str, printed: &[(usize, usize)], units: &[&str]) -> Vec<(usize, usize)> {
    let mut ranges = figures(text, printed, units);
    let mut start = 0;
    for clause in text.split_inclusive(['，', '；', '、']) {
        let end = start + clause.len();
        if clause.chars().count() <= SHORT_CLAUSE {
            ranges.push((start, end));
        }
        start = end;
    }
    ranges.sort_unstable();
    // A figure inside a short clause is covered by the clause.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// A decimal point between digits.
fn number_point(bytes: &[u8], at: usize) -> bool {
    bytes[at] == b'.'
        && at > 0
        && bytes[at - 1].is_ascii_digit()
        && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
}

/// The characters a figure's digits may be followed by, for the rule that
/// none of them begins a line: every character of the report's units and
/// of the suffixes, and 余, 万 and 亿. The rule holds everywhere in the
/// document, so a line never begins with “年” or “处” in running text either;
/// the line before gives up one character instead.
pub(crate) fn followers(units: &[&str]) -> String {
    let mut chars: Vec<char> = units
        .iter()
        .copied()
        .chain(SUFFIXES)
        .flat_map(str::chars)
        .chain(['余', '万', '亿'])
        .filter(|c| !c.is_ascii())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars.into_iter().collect()
}

/// The report's units, longest first, for keeping figures on one line.
pub(super) fn units(report: &Report) -> Vec<&str> {
    let mut units: Vec<&str> = report.metrics.iter().map(|m| m.unit.as_str()).collect();
    units.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    units.dedup();
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept<'a>(text: &'a str, units: &[&str]) -> Vec<&'a str> {
        figures(text, &[], units)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn figures_keep_their_units() {
        let units = ["处", "㎡", "万平方米", "平方米", "车次"];
        assert_eq!(
            kept("共整治40余处，铺设2万余㎡，更换7200㎡。", &units),
            ["40余处", "2万余㎡", "7200㎡"]
        );
        assert_eq!(
            kept("清扫126.5万平方米，约1.17万车次", &units),
            ["126.5万平方米", "约1.17万车次"]
        );
        assert_eq!(
            kept("投资超19亿元，不足3000户", &["元", "户"]),
            ["超19亿元", "不足3000户"]
        );
        assert_eq!(kept("完成目标任务的100.0%，未完成", &units), ["100.0%"]);
        assert_eq!(kept("2017年12月28日", &units), ["2017年", "12月", "28日"]);
        assert_eq!(kept("提高7个百分点", &units), ["7个百分点"]);
        // A lone digit with nothing after it stays as it is.
        assert!(kept("第1条", &units).is_empty());
    }

    #[test]
    fn printed_figures_are_kept_as_marked() {
        // 以上 belongs to the figure the tool printed; the year typed in the
        // text is found by its digits.
        let text = "2017年投资2亿元以上，完成";
        let at = text.find('2').unwrap() + "2017年投资".len();
        let kept: Vec<&str> = figures(text, &[(at, at + "2亿元以上".len())], &[])
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(kept, ["2017年", "2亿元以上"]);
    }

    #[test]
    fn followers_are_what_may_come_after_digits() {
        let followers = followers(&["处", "万平方米", "㎡", "%"]);
        for c in [
            '处', '万', '平', '方', '米', '㎡', '余', '亿', '年', '月', '日', '个', '倍',
        ] {
            assert!(followers.contains(c), "{c} missing from {followers}");
        }
        assert!(!followers.contains('%'), "% is in Word's own list");
        // Each character once, in a fixed order: the same settings bytes.
        let mut sorted: Vec<char> = followers.chars().collect();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.into_iter().collect::<String>(), followers);
    }

    #[test]
    fn cells_keep_short_clauses() {
        let text = "完成目标任务的90.0%，未完成";
        let kept: Vec<&str> = cell(text, &[], &[])
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(kept, ["90.0%", "未完成"]);
    }
}
