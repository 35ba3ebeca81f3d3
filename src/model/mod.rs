//! The document model: one year's report after loading and validation, with
//! every figure formatted and every heading numbered. The Markdown template
//! reads this and nothing else. No I/O here.

pub mod narrative;
pub mod numbers;
pub mod script;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::script::Script;

/// A finished report, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub year: i32,
    pub next_year: i32,
    pub topic: String,
    pub title: String,
    /// The title cut where it may break across lines without splitting a
    /// phrase (GB/T 9704 7.3.1: 回行时词意完整).
    pub title_lines: Vec<String>,
    /// 署名: the issuing body.
    pub issuer: String,
    /// 主送机关 (“区委、区政府”), for a report sent upward.
    pub addressee: Option<String>,
    /// 版头: 发文机关标志 and 发文字号, for a formal copy.
    pub masthead: Option<Masthead>,
    /// 附件说明: the names of the attachments, in order.
    pub attachments: Vec<String>,
    /// 版记: 抄送机关, 印发机关 and 印发日期.
    pub imprint: Option<Imprint>,
    /// The script of the tool's own words.
    pub script: Script,
    /// `zh-CN` or `zh-Hant`, for the HTML `lang`.
    pub lang: &'static str,
    /// 成文日期.
    pub date: DocDate,
    /// 导语, one entry per paragraph.
    pub intro: Vec<String>,
    pub parts: Vec<Node>,
    /// In the order of the data file.
    pub metrics: Vec<Metric>,
    /// This year's figures beside last year's, for the metrics both report.
    pub comparisons: Vec<Comparison>,
    /// Last year's plan targets against this year's figures; empty when
    /// there is no last year or it set no targets.
    pub outcomes: Vec<Outcome>,
    /// Bar charts across the years, for the metrics marked `chart: true`.
    pub charts: Vec<Chart>,
}

/// 版头 (GB/T 9704 7.2).
#[derive(Debug, Clone, Serialize)]
pub struct Masthead {
    /// 发文机关标志: `通川区城乡环境综合治理工作领导小组办公室文件`.
    pub organ: String,
    /// 发文字号: `通环治办〔2018〕1号`.
    pub number: Option<String>,
}

/// 版记 (GB/T 9704 7.4).
#[derive(Debug, Clone, Serialize)]
pub struct Imprint {
    /// 抄送机关, joined as the standard writes them: `区人大办，区政协办`.
    pub cc: Option<String>,
    /// 印发机关.
    pub office: String,
    /// 印发日期.
    pub date: DocDate,
}

/// A figure the next-year plan commits to.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub value: f64,
    /// `50处`.
    pub text: String,
}

/// A metric this year and last year.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub key: String,
    pub label: String,
    pub previous: String,
    pub current: String,
    /// `同比增长10.8%`; `None` when no rate can be given.
    pub change: Option<String>,
}

/// How a target set in last year's plan came out.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub key: String,
    pub label: String,
    /// `50处`.
    pub target: String,
    /// This year's figure, `None` when this year does not report it.
    pub actual: Option<String>,
    /// `完成目标任务的105.0%`.
    pub rate: Option<String>,
    pub met: Option<bool>,
}

/// Last year's figure for a metric.
#[derive(Debug, Clone, Serialize)]
pub struct Previous {
    pub value: f64,
    /// `6500㎡`.
    pub text: String,
    /// `同比增长10.8%`; `None` when no rate can be given (a zero base or an
    /// approximate figure).
    pub change: Option<String>,
}

/// A bar chart of one metric across the years; each format draws it.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub key: String,
    pub label: String,
    /// The same figures in words, for screen readers and captions.
    pub alt: String,
    /// The figures drawn.
    pub bars: Vec<Bar>,
}

/// One bar: the year, the value that sets its height, the figure printed.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub year: u16,
    pub value: f64,
    pub text: String,
}

impl Chart {
    pub fn new(key: String, label: String, bars: Vec<Bar>) -> Self {
        // Document text, so Chinese whatever the user's locale: the same data
        // must give the same bytes on every machine.
        let figures: Vec<String> = bars
            .iter()
            .map(|b| format!("{}年{}", b.year, b.text))
            .collect();
        let alt = format!("{label}：{}", figures.join("，"));
        Self {
            key,
            label,
            alt,
            bars,
        }
    }
}

impl Report {
    /// Every target the plan sets, in document order.
    pub fn plan_targets(&self) -> Vec<&Target> {
        fn walk<'a>(node: &'a Node, out: &mut Vec<&'a Target>) {
            out.extend(&node.targets);
            for item in &node.items {
                walk(item, out);
            }
        }
        let mut out = Vec::new();
        for part in &self.parts {
            walk(part, &mut out);
        }
        out
    }
}

/// A date as the templates need it.
#[derive(Debug, Clone, Serialize)]
pub struct DocDate {
    /// `2018-01-15`.
    pub iso: String,
    /// `2018年1月15日`.
    pub text: String,
}

impl From<NaiveDate> for DocDate {
    fn from(date: NaiveDate) -> Self {
        Self {
            iso: date.format("%Y-%m-%d").to_string(),
            text: numbers::date(date),
        }
    }
}

/// One figure, typed once in the data and printed wherever it is referenced.
// The flags are what templates read (`m.approx`, `m.rate`), one word each.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub key: String,
    pub label: String,
    /// `None` when the data marks the figure as unknown.
    pub value: Option<f64>,
    /// Decimal places as typed (`2.50` has 2), kept so output shows every digit.
    pub decimals: u8,
    pub unit: String,
    /// An approximate figure, 余 or 约.
    pub approx: bool,
    /// 约 (about: 约7800处) rather than 余 (more than: 7800余处).
    pub about: bool,
    /// Written in 万 or 亿 (50.4万平方米) while the value stays in base units.
    pub scale: Option<numbers::Scale>,
    /// A rate or share (unit `%`): it changes by 个百分点, not by per cent.
    pub rate: bool,
    /// This year's own target for the figure, and how far it came.
    pub target: Option<Goal>,
    /// Drawn as a chart across the years.
    pub chart: bool,
    /// The figure as it appears in prose: `40余处`, `7200㎡`; `None` when unknown.
    pub text: Option<String>,
    /// Last year's figure, when last year reports this metric.
    pub previous: Option<Previous>,
    #[serde(skip)]
    pub script: Script,
    /// Which approximation, for the writing; `approx` and `about` say the
    /// same to templates.
    #[serde(skip)]
    pub approximation: Approximation,
}

/// How an approximate figure is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Approximation {
    /// As typed: 7200㎡.
    #[default]
    Exact,
    /// `approx: true`: more than, rounded down so as never to overstate
    /// (45 → 40余, 19000 → 1万余).
    Over,
    /// `approx: 余`: more than, the figure as typed (19000余).
    OverAsTyped,
    /// `approx: 约`: about, the figure as typed (约7800).
    About,
}

/// A target set within the year, beside the figure that meets it.
#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    pub value: f64,
    /// `1500公里`.
    pub text: String,
    /// `完成目标任务的213.33%`; `None` while the figure is unknown.
    pub completion: Option<String>,
    /// `213.33%`.
    pub share: Option<String>,
}

/// How a metric is written, besides its unit.
#[derive(Debug, Clone, Copy, Default)]
pub struct Notation {
    pub approximation: Approximation,
    pub scale: Option<numbers::Scale>,
    pub script: Script,
}

impl Metric {
    pub fn new(
        key: String,
        label: String,
        value: Option<f64>,
        decimals: u8,
        unit: String,
        notation: Notation,
    ) -> Self {
        let mut metric = Self {
            key,
            label,
            value,
            decimals,
            rate: unit == "%" || unit == "％",
            unit,
            approx: notation.approximation != Approximation::Exact,
            about: notation.approximation == Approximation::About,
            scale: notation.scale,
            target: None,
            chart: false,
            text: None,
            previous: None,
            script: notation.script,
            approximation: notation.approximation,
        };
        metric.text = value.map(|v| metric.format(v));
        metric
    }

    /// How this metric prints a value: with its unit, approximate or exact,
    /// in 万 or 亿, as the metric is.
    pub fn format(&self, value: f64) -> String {
        self.format_with(value, self.decimals)
    }

    fn format_with(&self, value: f64, decimals: u8) -> String {
        let number = match self.approximation {
            Approximation::About => format!("约{}", self.exact(value, decimals)),
            // In 万 the typed digits say how precise “more than” is: 82000
            // is 8.2万余, not 8万余.
            Approximation::Over if self.scale.is_none() => numbers::approximate(value),
            Approximation::Over | Approximation::OverAsTyped => {
                format!("{}余", self.exact(value, decimals))
            }
            Approximation::Exact => self.exact(value, decimals),
        };
        format!("{}{}", self.script.words(&number), self.unit)
    }

    /// An exact figure of this metric with its unit, as a target is written:
    /// `1500公里`, `50.4万平方米`.
    pub fn exact_text(&self, value: f64, decimals: u8) -> String {
        format!(
            "{}{}",
            self.script.words(&self.exact(value, decimals)),
            self.unit
        )
    }

    /// The digits of an exact figure, in 万 or 亿 when the metric is.
    fn exact(&self, value: f64, decimals: u8) -> String {
        match self.scale {
            Some(scale) => numbers::scaled(value, decimals, scale),
            None => numbers::exact(value, decimals),
        }
    }

    /// Sets this year's own target (`target: 1500`).
    pub fn set_target(&mut self, target: f64, decimals: u8) {
        let share = self.value.and_then(|v| numbers::share(v, target).ok());
        self.target = Some(Goal {
            value: target,
            text: self.exact_text(target, decimals),
            completion: share
                .as_ref()
                .map(|s| self.script.words(&format!("完成目标任务的{s}"))),
            share,
        });
    }
}

/// The four standard parts of the genre, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    Work,
    Innovations,
    Problems,
    Plan,
}

impl PartKind {
    pub const ALL: [PartKind; 4] = [Self::Work, Self::Innovations, Self::Problems, Self::Plan];

    /// The key that holds this part in the data file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Work => "work",
            Self::Innovations => "innovations",
            Self::Problems => "problems",
            Self::Plan => "plan",
        }
    }

    /// A part's `kind:` as typed: the key, or the word a clerk would use.
    pub fn parse(word: &str) -> Option<Self> {
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
    pub fn of_heading(heading: &str) -> Option<Self> {
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
    pub fn default_heading(self, next_year: i32) -> String {
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
pub struct Node {
    /// Set on parts only.
    pub kind: Option<PartKind>,
    /// 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）.
    pub level: u8,
    /// The numbering prefix (`一、`, `（二）`, `3.`, `（4）`); empty for an item
    /// without a heading, which is plain text and takes no number.
    pub number: String,
    pub heading: Option<String>,
    /// The heading runs into the first paragraph (“（一）党建引领。充分发挥……”)
    /// instead of standing on its own line.
    pub run_in: bool,
    /// For a run-in heading, its number and words, and its stop
    /// (see [`run_in_parts`]).
    pub lead: Option<Lead>,
    pub paragraphs: Vec<String>,
    /// Figures the plan commits to (plan items only).
    pub targets: Vec<Target>,
    /// A table from the data, after the paragraphs.
    pub table: Option<Table>,
    pub items: Vec<Node>,
}

/// A table written in the data file.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub caption: Option<String>,
    pub columns: Vec<String>,
    /// `left` or `right` per column: figures align right.
    pub align: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(caption: Option<String>, columns: Vec<String>, rows: Vec<Vec<String>>) -> Self {
        let align = (0..columns.len())
            .map(|column| {
                let mut cells = rows.iter().map(|row| row[column].as_str());
                let figures = cells.clone().any(is_figure);
                if figures && cells.all(|c| c.is_empty() || c == "—" || is_figure(c)) {
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
pub fn title_lines(title: &str) -> Vec<String> {
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
pub struct Lead {
    /// `（一）常态治理有待加强`.
    pub words: String,
    /// `。`.
    pub stop: String,
}

impl Lead {
    /// The lead of a run-in heading numbered `number`.
    pub fn new(number: &str, heading: &str) -> Self {
        let (words, stop) = run_in_parts(heading);
        Self {
            words: format!("{number}{words}"),
            stop: stop.to_string(),
        }
    }
}

/// A run-in heading's words and the stop that ends them: “常态治理有待加强”
/// and “。”. The stop is kept apart so that the Markdown can bold the words
/// (`**（一）常态治理有待加强**。`): `CommonMark` closes `**` only before
/// punctuation, not after it.
pub fn run_in_parts(heading: &str) -> (&str, &str) {
    let words = heading.trim_end_matches(['。', '！', '？', '；', '：', '.', '!', '?', ';', ':']);
    match &heading[words.len()..] {
        "" => (words, "。"),
        stop => (words, stop),
    }
}

impl Node {
    /// A node at `level` with nothing in it yet.
    pub fn empty(level: u8) -> Self {
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
pub const MAX_LEVEL: u8 = 4;

/// The numbering prefix for the `index`-th (1-based) heading at `level`.
pub fn heading_number(level: u8, index: usize) -> String {
    let chinese = numbers::chinese(index as u64);
    match level {
        1 => format!("{chinese}、"),
        2 => format!("（{chinese}）"),
        3 => format!("{index}."),
        _ => format!("（{index}）"),
    }
}

/// Joins 一是/二是 points into one sentence: `一是……；二是……。`, whatever
/// punctuation the points were typed with.
pub fn enumerate_points(points: &[String]) -> String {
    let mut out = String::new();
    for (index, point) in points.iter().enumerate() {
        let point = point.trim_end_matches(['。', '；', ';', '，', ',', '.']);
        if index > 0 {
            out.push('；');
        }
        out.push_str(&numbers::chinese(index as u64 + 1));
        out.push('是');
        out.push_str(point);
    }
    if !out.is_empty() {
        out.push('。');
    }
    out
}

/// 一是/二是 points as paragraphs of their own: `一是……。`, `二是……。`.
pub fn numbered_points(points: &[String]) -> Vec<String> {
    points
        .iter()
        .enumerate()
        .map(|(index, point)| {
            let point = point.trim_end_matches(['。', '；', ';', '，', ',', '.']);
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
        assert_eq!(run_in_parts("常态治理有待加强"), ("常态治理有待加强", "。"));
        assert_eq!(
            run_in_parts("市民素质仍需提高。"),
            ("市民素质仍需提高", "。")
        );
        assert_eq!(run_in_parts("怎么办？"), ("怎么办", "？"));
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

    #[test]
    fn metric_text() {
        let m = |v, approx| {
            let notation = Notation {
                approximation: if approx {
                    Approximation::Over
                } else {
                    Approximation::Exact
                },
                ..Notation::default()
            };
            Metric::new("k".into(), "l".into(), v, 0, "㎡".into(), notation)
        };
        assert_eq!(m(Some(20_000.0), true).text.unwrap(), "2万余㎡");
        assert_eq!(m(Some(7200.0), false).text.unwrap(), "7200㎡");
        assert!(m(None, false).text.is_none());
    }

    #[test]
    fn metric_notations() {
        let m = |v: f64, decimals, unit: &str, notation| {
            Metric::new(
                "k".into(),
                "l".into(),
                Some(v),
                decimals,
                unit.into(),
                notation,
            )
        };
        let wan = Some(numbers::Scale::Wan);
        let about = Notation {
            approximation: Approximation::About,
            scale: wan,
            ..Notation::default()
        };
        assert_eq!(m(11_700.0, 0, "车次", about).text.unwrap(), "约1.17万车次");
        let about = Notation {
            approximation: Approximation::About,
            ..Notation::default()
        };
        assert_eq!(m(7800.0, 0, "处", about).text.unwrap(), "约7800处");
        let scaled = Notation {
            scale: wan,
            ..Notation::default()
        };
        assert_eq!(
            m(504_000.0, 0, "平方米", scaled).text.unwrap(),
            "50.4万平方米"
        );
        let over = Notation {
            approximation: Approximation::Over,
            scale: wan,
            ..Notation::default()
        };
        assert_eq!(
            m(82_000.0, 0, "立方米", over).text.unwrap(),
            "8.2万余立方米"
        );
        let typed = Notation {
            approximation: Approximation::OverAsTyped,
            ..Notation::default()
        };
        assert_eq!(m(19_000.0, 0, "吨", typed).text.unwrap(), "19000余吨");
        let traditional = Notation {
            approximation: Approximation::Over,
            script: Script::Traditional,
            ..Notation::default()
        };
        assert_eq!(m(26_800.0, 0, "處", traditional).text.unwrap(), "2萬餘處");
        let mut done = m(3200.0, 0, "公里", Notation::default());
        done.set_target(1500.0, 0);
        let goal = done.target.unwrap();
        assert_eq!(goal.text, "1500公里");
        assert_eq!(goal.completion.unwrap(), "完成目标任务的213.33%");
        assert!(m(57.0, 0, "%", Notation::default()).rate);
    }
}
