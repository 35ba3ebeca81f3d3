//! The document model: one year's report after loading and validation, with
//! every figure formatted and every heading numbered. The Markdown template
//! reads this and nothing else. No I/O here.

mod chart;
pub(crate) mod marks;
mod metric;
pub(crate) mod narrative;
pub(crate) mod numbers;
mod outline;
pub(crate) mod script;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::script::Script;

pub(crate) use chart::{Bar, Chart};
pub(crate) use metric::{
    Approximation, Comparison, Metric, Notation, Outcome, Previous, Stated, Target,
};
pub(crate) use outline::{
    Lead, MAX_LEVEL, Node, PartKind, Table, enumerate_points, heading_number, numbered_points,
    run_in_parts, title_lines,
};

/// A finished report, ready to render.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Report {
    pub(crate) year: i32,
    pub(crate) next_year: i32,
    pub(crate) topic: String,
    pub(crate) title: String,
    /// The title cut where it may break across lines without splitting a
    /// phrase (GB/T 9704 7.3.1: 回行时词意完整).
    pub(crate) title_lines: Vec<String>,
    /// 署名: the issuing body.
    pub(crate) issuer: String,
    /// 主送机关 (“区委、区政府”), for a report sent upward.
    pub(crate) addressee: Option<String>,
    /// 版头: 发文机关标志 and 发文字号, for a formal copy.
    pub(crate) masthead: Option<Masthead>,
    /// 附件说明: the names of the attachments, in order.
    pub(crate) attachments: Vec<String>,
    /// 版记: 抄送机关, 印发机关 and 印发日期.
    pub(crate) imprint: Option<Imprint>,
    /// Where the 署名 and 成文日期 stand (`signature:`).
    pub(crate) signature: Signature,
    /// The script of the tool's own words.
    pub(crate) script: Script,
    /// `zh-CN` or `zh-Hant`, for the HTML `lang`.
    pub(crate) lang: &'static str,
    /// 成文日期.
    pub(crate) date: DocDate,
    /// 导语, one entry per paragraph.
    pub(crate) intro: Vec<String>,
    pub(crate) parts: Vec<Node>,
    /// In the order of the data file.
    pub(crate) metrics: Vec<Metric>,
    /// This year's figures beside last year's, for the metrics both report.
    pub(crate) comparisons: Vec<Comparison>,
    /// Last year's plan targets against this year's figures; empty when
    /// there is no last year or it set no targets.
    pub(crate) outcomes: Vec<Outcome>,
    /// Bar charts across the years, for the metrics marked `chart: true`.
    pub(crate) charts: Vec<Chart>,
}

/// 版头 (GB/T 9704 7.2).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Masthead {
    /// 发文机关标志: `通川区城乡环境综合治理工作领导小组办公室文件`.
    pub(crate) organ: String,
    /// 发文字号: `通环治办〔2018〕1号`.
    pub(crate) number: Option<String>,
}

/// Where a report carries its 署名 and 成文日期: as the 落款 at the end
/// (7.3.5, the default), on a line under the title, as summaries published
/// for reading do, or nowhere.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Signature {
    #[default]
    End,
    BelowTitle,
    None,
}

impl Signature {
    /// The words `signature:` takes.
    pub(crate) const WORDS: [(&'static str, Self); 3] = [
        ("end", Self::End),
        ("below-title", Self::BelowTitle),
        ("none", Self::None),
    ];
}

/// 版记 (GB/T 9704 7.4).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Imprint {
    /// 抄送机关, joined as the standard writes them: `区人大办，区政协办`.
    pub(crate) cc: Option<String>,
    /// 印发机关.
    pub(crate) office: String,
    /// 印发日期.
    pub(crate) date: DocDate,
}

impl Report {
    /// The figure with this key. A report has tens of figures, and keys are
    /// looked up a few times per build, so a scan beats keeping an index.
    pub(crate) fn metric(&self, key: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.key == key)
    }

    /// Every target the plan sets, in document order.
    pub(crate) fn plan_targets(&self) -> Vec<&Target> {
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
pub(crate) struct DocDate {
    /// `2018-01-15`.
    pub(crate) iso: String,
    /// `2018年1月15日`.
    pub(crate) text: String,
}

impl From<NaiveDate> for DocDate {
    fn from(date: NaiveDate) -> Self {
        Self {
            iso: date.format("%Y-%m-%d").to_string(),
            text: numbers::date(date),
        }
    }
}
