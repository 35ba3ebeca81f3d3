//! One figure as the report prints it: value, unit, notation, 余/约, target.

use serde::Serialize;

use crate::model::numbers;
use crate::model::script::Script;

/// A figure the next-year plan commits to.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Target {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) unit: String,
    pub(crate) value: f64,
    /// `50处`, marked as a figure (see [`crate::model::marks`]).
    pub(crate) text: String,
}

impl Target {
    /// The figure as printed, without its mark.
    pub(crate) fn plain(&self) -> std::borrow::Cow<'_, str> {
        crate::model::marks::strip(&self.text)
    }
}

/// A metric this year and last year.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Comparison {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) previous: String,
    pub(crate) current: String,
    /// `同比增长10.8%`; `None` when no rate can be given.
    pub(crate) change: Option<String>,
}

/// How a target set in last year's plan came out.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Outcome {
    pub(crate) key: String,
    pub(crate) label: String,
    /// `50处`.
    pub(crate) target: String,
    /// This year's figure, `None` when this year does not report it.
    pub(crate) actual: Option<String>,
    /// `完成目标任务的105%`, in the report's one form of a rate.
    pub(crate) rate: Option<String>,
    pub(crate) met: Option<bool>,
}

/// Last year's figure for a metric.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Previous {
    pub(crate) value: f64,
    /// `6500㎡`.
    pub(crate) text: String,
    /// `同比增长10.8%`; `None` when no rate can be given (a zero base or an
    /// approximate figure).
    pub(crate) change: Option<String>,
}

/// A rate the data file states rather than the tool computes (`change:
/// 12.5`, `completion: 99.8`), with the places it was typed with.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Stated {
    pub(crate) value: f64,
    #[serde(skip)]
    pub(crate) decimals: u8,
    /// `同比增长12.5%`, `提高1.2个百分点`, `完成目标任务的99.8%`.
    pub(crate) text: String,
    /// `99.8%`, for a completion.
    pub(crate) share: Option<String>,
}

/// One figure, typed once in the data and printed wherever it is referenced.
// The flags are what templates read (`m.approx`, `m.rate`), one word each.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Metric {
    pub(crate) key: String,
    pub(crate) label: String,
    /// `None` when the data marks the figure as unknown.
    pub(crate) value: Option<f64>,
    /// Decimal places as typed (`2.50` has 2), kept so output shows every digit.
    pub(crate) decimals: u8,
    pub(crate) unit: String,
    /// An approximate figure, 余 or 约.
    pub(crate) approx: bool,
    /// 约 (about: 约7800处) rather than 余 (more than: 7800余处).
    pub(crate) about: bool,
    /// Written in 万 or 亿 (50.4万平方米) while the value stays in base units.
    pub(crate) scale: Option<numbers::Scale>,
    /// A rate or share (unit `%`): it changes by 个百分点, not by per cent.
    pub(crate) rate: bool,
    /// This year's own target for the figure, and how far it came.
    pub(crate) target: Option<Goal>,
    /// Drawn as a chart across the years.
    pub(crate) chart: bool,
    /// The figure as it appears in prose: `40余处`, `7200㎡`; `None` when unknown.
    pub(crate) text: Option<String>,
    /// Last year's figure, when last year reports this metric.
    pub(crate) previous: Option<Previous>,
    /// The change from last year as stated (`change:`), for a report
    /// without last year's data or beside it.
    pub(crate) stated_change: Option<Stated>,
    /// The completion as stated (`completion:`), for a target the data
    /// does not give.
    pub(crate) stated_completion: Option<Stated>,
    #[serde(skip)]
    pub(crate) script: Script,
    /// Which approximation, for the writing; `approx` and `about` say the
    /// same to templates.
    #[serde(skip)]
    pub(crate) approximation: Approximation,
}

/// How an approximate figure is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Approximation {
    /// As typed: 7200㎡.
    #[default]
    Exact,
    /// `approx: true`: more than, rounded down so as never to overstate
    /// (45 → 40余, 19000 → 1万余).
    Over,
    /// `approx: 余` (or 餘): more than, the figure as typed (19000余).
    OverAsTyped(&'static str),
    /// `approx: 约` (or 約): about, the figure as typed (约7800).
    About(&'static str),
    /// `approx: 超`, `逾`, `近`, `不足`: the word before the figure as typed
    /// (超19亿元, 近3000户).
    Before(&'static str),
    /// `approx: 以上`, `左右`: the word after the figure and its unit, the
    /// figure as typed (2亿元以上, 3000户左右).
    After(&'static str),
}

impl Approximation {
    /// The words `approx:` takes besides `true`, each with the
    /// approximation it names. A word prints as typed, in either script:
    /// a report in traditional script may keep a simplified 余.
    pub(crate) const WORDS: [(&'static str, Self); 10] = [
        ("余", Self::OverAsTyped("余")),
        ("餘", Self::OverAsTyped("餘")),
        ("约", Self::About("约")),
        ("約", Self::About("約")),
        ("超", Self::Before("超")),
        ("逾", Self::Before("逾")),
        ("近", Self::Before("近")),
        ("不足", Self::Before("不足")),
        ("以上", Self::After("以上")),
        ("左右", Self::After("左右")),
    ];

    /// The approximation `word` names.
    pub(crate) fn from_word(word: &str) -> Option<Self> {
        Self::WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, approximation)| *approximation)
    }

    /// How `approx:` writes this approximation: `true`, or its word.
    pub(crate) fn word(self) -> Option<&'static str> {
        match self {
            Self::Exact => None,
            Self::Over => Some("true"),
            Self::OverAsTyped(word)
            | Self::About(word)
            | Self::Before(word)
            | Self::After(word) => Some(word),
        }
    }
}

/// A target set within the year, beside the figure that meets it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Goal {
    pub(crate) value: f64,
    /// `1500公里`.
    pub(crate) text: String,
    /// `完成目标任务的213.33%`; `None` while the figure is unknown.
    pub(crate) completion: Option<String>,
    /// `213.33%`.
    pub(crate) share: Option<String>,
}

/// How a metric is written, besides its unit.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Notation {
    pub(crate) approximation: Approximation,
    pub(crate) scale: Option<numbers::Scale>,
    pub(crate) script: Script,
}

impl Metric {
    pub(crate) fn new(
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
            about: matches!(notation.approximation, Approximation::About(_)),
            scale: notation.scale,
            target: None,
            chart: false,
            text: None,
            previous: None,
            stated_change: None,
            stated_completion: None,
            script: notation.script,
            approximation: notation.approximation,
        };
        metric.text = value.map(|v| metric.format(v));
        metric
    }

    /// How this metric prints a value: with its unit, approximate or exact,
    /// in 万 or 亿, as the metric is.
    pub(crate) fn format(&self, value: f64) -> String {
        self.format_with(value, self.decimals)
    }

    fn format_with(&self, value: f64, decimals: u8) -> String {
        let exact = || self.script.words(&self.exact(value, decimals));
        // A typed word stays as typed; `approx: true` writes 余 in the
        // report's script.
        let (before, number, after) = match self.approximation {
            Approximation::About(word) | Approximation::Before(word) => (word, exact(), ""),
            // In 万 the typed digits say how precise “more than” is: 82000
            // is 8.2万余, not 8万余.
            Approximation::Over if self.scale.is_none() => {
                ("", self.script.words(&numbers::approximate(value)), "")
            }
            Approximation::Over => (
                "",
                self.script
                    .words(&format!("{}余", self.exact(value, decimals))),
                "",
            ),
            Approximation::OverAsTyped(word) => ("", format!("{}{word}", exact()), ""),
            Approximation::After(word) => ("", exact(), word),
            Approximation::Exact => ("", exact(), ""),
        };
        format!("{before}{number}{}{after}", self.unit)
    }

    /// An exact figure of this metric with its unit, as a target is written:
    /// `1500公里`, `50.4万平方米`.
    pub(crate) fn exact_text(&self, value: f64, decimals: u8) -> String {
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

    /// Sets the change from last year the data file states, in 个百分点
    /// for a rate and in per cent otherwise.
    pub(crate) fn state_change(&mut self, change: f64, decimals: u8) {
        let text = numbers::stated_change(change, decimals, self.rate);
        self.stated_change = Some(Stated {
            value: change,
            decimals,
            text: self.script.words(&text),
            share: None,
        });
    }

    /// Sets the completion the data file states (per cent of a target it
    /// does not give), in the report's one form of a rate.
    pub(crate) fn state_completion(&mut self, completion: f64, decimals: u8) {
        let share = numbers::per_cent(completion);
        self.stated_completion = Some(Stated {
            value: completion,
            decimals,
            text: self.script.words(&format!("完成目标任务的{share}")),
            share: Some(share),
        });
    }

    /// Sets this year's own target (`target: 1500`).
    pub(crate) fn set_target(&mut self, target: f64, decimals: u8) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
            approximation: Approximation::About("约"),
            scale: wan,
            ..Notation::default()
        };
        assert_eq!(m(11_700.0, 0, "车次", about).text.unwrap(), "约1.17万车次");
        let about = Notation {
            approximation: Approximation::About("约"),
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
            approximation: Approximation::OverAsTyped("余"),
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

    #[test]
    fn approximation_words_stand_where_the_genre_puts_them() {
        let with = |value: f64, unit: &str, word: &str, scale, script| {
            let notation = Notation {
                approximation: Approximation::from_word(word).unwrap(),
                scale,
                script,
            };
            Metric::new(
                "k".into(),
                "k".into(),
                Some(value),
                0,
                unit.into(),
                notation,
            )
            .text
            .unwrap()
        };
        let yi = Some(numbers::Scale::Yi);
        let simplified = Script::Simplified;
        assert_eq!(with(1.9e9, "元", "超", yi, simplified), "超19亿元");
        assert_eq!(with(2e8, "元", "逾", yi, simplified), "逾2亿元");
        assert_eq!(with(2e8, "元", "以上", yi, simplified), "2亿元以上");
        assert_eq!(with(2980.0, "户", "近", None, simplified), "近2980户");
        assert_eq!(with(3000.0, "户", "不足", None, simplified), "不足3000户");
        assert_eq!(with(3000.0, "户", "左右", None, simplified), "3000户左右");
        assert_eq!(with(1.9e9, "元", "超", yi, Script::Traditional), "超19億元");
        assert_eq!(
            with(
                11_700.0,
                "車次",
                "約",
                Some(numbers::Scale::Wan),
                Script::Traditional
            ),
            "約1.17萬車次"
        );
        // `approx:` reads back what `report new` writes.
        for (word, approximation) in Approximation::WORDS {
            let written = approximation.word().unwrap();
            assert_eq!(
                Approximation::from_word(written),
                Some(approximation),
                "{word}"
            );
        }
        assert_eq!(Approximation::from_word("大约"), None);
    }
}
