//! The outline: parts, numbered headings, items, points, tables, and how
//! titles and run-in headings are set.

use serde::Serialize;

use crate::model::{marks, metric::Target, numbers};

/// The four standard parts of the genre, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PartKind {
    Work,
    Innovations,
    Problems,
    Plan,
}

impl PartKind {
    pub(crate) const ALL: [PartKind; 4] =
        [Self::Work, Self::Innovations, Self::Problems, Self::Plan];

    /// The key that holds this part in the data file.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Self::Work => "work",
            Self::Innovations => "innovations",
            Self::Problems => "problems",
            Self::Plan => "plan",
        }
    }

    /// A part's `kind:` as typed: the key, or the word a clerk would use.
    pub(crate) fn parse(word: &str) -> Option<Self> {
        match word.trim() {
            "work" | "总结" | "總結" | "成效" => Some(Self::Work),
            "innovations" | "做法" | "创新" | "創新" => Some(Self::Innovations),
            "problems" | "问题" | "問題" => Some(Self::Problems),
            "plan" | "计划" | "計劃" | "打算" => Some(Self::Plan),
            _ => None,
        }
    }

    /// The kind a part's own heading names (“2026年工作计划” is the plan),
    /// for a part that does not say.
    pub(crate) fn of_heading(heading: &str) -> Option<Self> {
        let has = |words: &[&str]| words.iter().any(|w| heading.contains(w));
        if has(&["计划", "計劃", "打算", "安排", "思路"]) {
            Some(Self::Plan)
        } else if has(&["问题", "問題", "不足", "短板"]) {
            Some(Self::Problems)
        } else if has(&["创新", "創新", "亮点", "亮點", "做法"]) {
            Some(Self::Innovations)
        } else {
            None
        }
    }

    /// The heading used when the data gives none.
    pub(crate) fn default_heading(self, next_year: i32) -> String {
        match self {
            Self::Work => "主要工作及成效".to_string(),
            Self::Innovations => "创新做法".to_string(),
            Self::Problems => "存在的问题".to_string(),
            Self::Plan => format!("{next_year}年工作计划"),
        }
    }
}

/// A part (level 1) or an item below it (levels 2–4).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Node {
    /// Set on parts only.
    pub(crate) kind: Option<PartKind>,
    /// 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）.
    pub(crate) level: u8,
    /// The numbering prefix (`一、`, `（二）`, `3.`, `（4）`); empty for an item
    /// without a heading, which is plain text and takes no number.
    pub(crate) number: String,
    pub(crate) heading: Option<String>,
    /// The heading runs into the first paragraph (“（一）党建引领。充分发挥……”)
    /// instead of standing on its own line.
    pub(crate) run_in: bool,
    /// For a run-in heading, its number and words, and its stop
    /// (see [`run_in_parts`]).
    pub(crate) lead: Option<Lead>,
    pub(crate) paragraphs: Vec<String>,
    /// Figures the plan commits to (plan items only).
    pub(crate) targets: Vec<Target>,
    /// A table from the data, after the paragraphs.
    pub(crate) table: Option<Table>,
    pub(crate) items: Vec<Node>,
}

/// A table written in the data file.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Table {
    pub(crate) caption: Option<String>,
    pub(crate) columns: Vec<String>,
    /// `left` or `right` per column: figures align right.
    pub(crate) align: Vec<&'static str>,
    pub(crate) rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(
        caption: Option<String>,
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    ) -> Self {
        let align = (0..columns.len())
            .map(|column| {
                let mut cells = rows.iter().map(|row| marks::strip(&row[column]));
                let figures = cells.clone().any(|c| is_figure(&c));
                if figures && cells.all(|c| c.is_empty() || c == "—" || is_figure(&c)) {
                    "right"
                } else {
                    "left"
                }
            })
            .collect();
        Self {
            caption,
            columns,
            align,
            rows,
        }
    }
}

/// A cell that holds a figure: `7200㎡`, `约1.17万车次`, `57%`.
fn is_figure(cell: &str) -> bool {
    let digits = cell.trim_start_matches(['约', '約']);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && !digits.chars().any(|c| "，。；、".contains(c))
}

/// A title cut where it may break across lines without splitting a phrase
/// (7.3.1: 回行时词意完整): before the “及” that joins the summary to the
/// plan, as in “2017年……工作总结 / 及2018年工作计划”. A title without one is
/// a single piece.
pub(crate) fn title_lines(title: &str) -> Vec<String> {
    match title.rfind("总结及") {
        Some(at) => {
            let cut = at + "总结".len();
            vec![title[..cut].to_string(), title[cut..].to_string()]
        }
        None => vec![title.to_string()],
    }
}

/// The head of a paragraph that a run-in heading leads.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Lead {
    /// `（一）常态治理有待加强`.
    pub(crate) words: String,
    /// `。`.
    pub(crate) stop: String,
}

impl Lead {
    /// The lead of a run-in heading numbered `number`.
    pub(crate) fn new(number: &str, heading: &str) -> Self {
        let (words, stop) = run_in_parts(heading);
        Self {
            words: format!("{number}{words}"),
            stop,
        }
    }
}

/// A run-in heading's words and the stop that ends them: “常态治理有待加强”
/// and “。”. The stop is kept apart so that the Markdown can bold the words
/// (`**（一）常态治理有待加强**。`): `CommonMark` closes `**` only before
/// punctuation, not after it.
pub(crate) fn run_in_parts(heading: &str) -> (String, String) {
    let (words, stop) = marks::trim_end_matches(
        heading,
        &['。', '！', '？', '；', '：', '.', '!', '?', ';', ':'],
    );
    match stop {
        "" => (words, "。".to_string()),
        stop => (words, stop.to_string()),
    }
}

impl Node {
    /// A node at `level` with nothing in it yet.
    pub(crate) fn empty(level: u8) -> Self {
        Self {
            kind: None,
            level,
            number: String::new(),
            heading: None,
            run_in: false,
            lead: None,
            paragraphs: Vec::new(),
            targets: Vec::new(),
            table: None,
            items: Vec::new(),
        }
    }
}

/// The deepest heading level the genre uses (（1）).
pub(crate) const MAX_LEVEL: u8 = 4;

/// The numbering prefix for the `index`-th (1-based) heading at `level`.
pub(crate) fn heading_number(level: u8, index: usize) -> String {
    let chinese = numbers::chinese(index as u64);
    match level {
        1 => format!("{chinese}、"),
        2 => format!("（{chinese}）"),
        3 => format!("{index}."),
        _ => format!("（{index}）"),
    }
}

/// What a point may end with that its 一是 sentence replaces.
const POINT_ENDS: [char; 6] = ['。', '；', ';', '，', ',', '.'];

/// Joins 一是/二是 points into one sentence: `一是……；二是……。`, whatever
/// punctuation the points were typed with.
pub(crate) fn enumerate_points(points: &[String]) -> String {
    let mut out = String::new();
    for (index, point) in points.iter().enumerate() {
        let (point, _) = marks::trim_end_matches(point, &POINT_ENDS);
        if index > 0 {
            out.push('；');
        }
        out.push_str(&numbers::chinese(index as u64 + 1));
        out.push('是');
        out.push_str(&point);
    }
    if !out.is_empty() {
        out.push('。');
    }
    out
}

/// 一是/二是 points as paragraphs of their own: `一是……。`, `二是……。`.
pub(crate) fn numbered_points(points: &[String]) -> Vec<String> {
    points
        .iter()
        .enumerate()
        .map(|(index, point)| {
            let (point, _) = marks::trim_end_matches(point, &POINT_ENDS);
            format!("{}是{point}。", numbers::chinese(index as u64 + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_break_between_phrases() {
        assert_eq!(
            title_lines("关于2025年工作总结及2026年工作计划的报告"),
            ["关于2025年工作总结", "及2026年工作计划的报告"]
        );
        assert_eq!(title_lines("2017年工作总结"), ["2017年工作总结"]);
        assert_eq!(title_lines("").concat(), "");
    }

    #[test]
    fn run_in_headings_end_with_one_stop() {
        let parts = |heading: &str| {
            let (words, stop) = run_in_parts(heading);
            (marks::strip(&words).into_owned(), stop)
        };
        assert_eq!(
            parts("常态治理有待加强"),
            ("常态治理有待加强".into(), "。".into())
        );
        assert_eq!(
            parts("市民素质仍需提高。"),
            ("市民素质仍需提高".into(), "。".into())
        );
        assert_eq!(parts("怎么办？"), ("怎么办".into(), "？".into()));
        // The stop is found through the mark that says where the words were typed.
        let marked = marks::wrap(marks::TEXT, 1, "怎么办？");
        assert_eq!(parts(&marked), ("怎么办".into(), "？".into()));
    }

    #[test]
    fn numbering_by_level() {
        assert_eq!(heading_number(1, 3), "三、");
        assert_eq!(heading_number(2, 11), "（十一）");
        assert_eq!(heading_number(3, 2), "2.");
        assert_eq!(heading_number(4, 12), "（12）");
    }

    #[test]
    fn points_use_one_separator() {
        let points = vec!["加强队伍建设。".to_string(), "完善机制;".to_string()];
        assert_eq!(
            enumerate_points(&points),
            "一是加强队伍建设；二是完善机制。"
        );
        assert_eq!(enumerate_points(&[]), "");
    }
}
