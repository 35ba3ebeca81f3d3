//! A year beside the years before it: last year's figures for each metric
//! (同比), last year's plan targets against this year's figures, and the
//! series behind the charts. Reads the other years' data files; changes only
//! the comparison fields of the model.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::numbers;
use crate::model::{Bar, Chart, Comparison, Metric, Outcome, Previous, Report};
use crate::source::dataset::{self, Loaded};
use crate::tr;

/// One unit's years, each read at most once however many reports of the
/// unit need it: building a unit's years in order reuses last year's load.
pub(crate) struct Years {
    data_dir: PathBuf,
    /// The data folder as messages show it (`data` or `data/tongchuan`).
    shown_dir: String,
    /// Each year read: its data, or what was wrong with it (given again to
    /// every report that needs it).
    loaded: HashMap<u16, Result<Option<Arc<Loaded>>, Vec<Diagnostic>>>,
    /// The years with a data file, listed once per unit.
    available: Option<Result<Vec<u16>, Box<Diagnostic>>>,
}

impl Years {
    pub(crate) fn new(data_dir: PathBuf, shown_dir: String) -> Self {
        Self {
            data_dir,
            shown_dir,
            loaded: HashMap::new(),
            available: None,
        }
    }

    /// Keeps a year just built for the years after it.
    pub(crate) fn keep(&mut self, year: u16, loaded: Arc<Loaded>) {
        self.loaded.insert(year, Ok(Some(loaded)));
    }

    /// A year this cache holds, loaded and rendered.
    pub(crate) fn kept(&self, year: u16) -> Option<Arc<Loaded>> {
        self.loaded.get(&year)?.as_ref().ok()?.clone()
    }

    /// The unit's years; an error listing them stops the report, whose
    /// charts would otherwise lose years without a word.
    fn available(&mut self) -> Result<Vec<u16>, Box<Diagnostic>> {
        let shown_dir = &self.shown_dir;
        self.available
            .get_or_insert_with(|| {
                crate::source::files::available_years(&self.data_dir).map_err(|error| {
                    Box::new(
                        Diagnostic::error(tr!(
                            "无法列出 {shown_dir} 里的年份文件：{error}",
                            "cannot list the year files in {shown_dir}: {error}"
                        ))
                        .code("read-failed")
                        .hint(tr!(
                            "检查这个文件夹的权限，或稍后重试；报告没有生成",
                            "check the folder's permissions, or try again; the report was not built"
                        )),
                    )
                })
            })
            .clone()
    }

    fn get(&mut self, year: u16, found: &mut Vec<Diagnostic>) -> Option<Arc<Loaded>> {
        let known = self.loaded.entry(year).or_insert_with(|| {
            load_other(&self.data_dir, &self.shown_dir, year).map(|l| l.map(Arc::new))
        });
        match known {
            Ok(loaded) => loaded.clone(),
            Err(problems) => {
                // Asked for twice by one report (its comparisons, its
                // charts), the broken year is still said once.
                if !problems.first().is_some_and(|first| found.contains(first)) {
                    found.extend(problems.iter().cloned());
                }
                None
            }
        }
    }
}

/// Fills in the comparisons of `loaded` (the year `year`) from the unit's
/// other years, and returns what the comparison found wrong.
pub(crate) fn attach(years: &mut Years, year: u16, loaded: &mut Loaded) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // Years are four digits (`available_years`, the command line): 999.yaml
    // is not a year file, and the build manifest does not hash it.
    let previous = year
        .checked_sub(1)
        .filter(|last| *last >= 1000)
        .and_then(|last| years.get(last, &mut found));
    let locations = loaded.metric_locations.clone();
    compare(
        &mut loaded.report,
        &locations,
        previous.as_deref(),
        &mut found,
    );
    if let Some(previous) = &previous {
        loaded.report.outcomes = outcomes(&loaded.report, previous, &mut found);
    }
    crate::source::compared::mark(loaded, previous.as_deref());
    loaded.report.charts = charts(years, year, &loaded.report, &mut found);
    found
}

/// Another year's data, or `None` if it has no file. A file that is there
/// but cannot be used stops this year's report too: its comparisons, targets
/// and charts are read from it, and a build that silently left them out
/// would hand up a thinner report than the data asks for.
fn load_other(
    data_dir: &Path,
    shown_dir: &str,
    year: u16,
) -> Result<Option<Loaded>, Vec<Diagnostic>> {
    let path = crate::source::files::year_file(data_dir, year);
    let shown = format!("{shown_dir}/{year}.yaml");
    match std::fs::symlink_metadata(&path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(vec![
                Diagnostic::error(tr!(
                    "无法读取 {shown}：{error}",
                    "cannot read {shown}: {error}"
                )).code("read-failed")
                .hint(tr!(
                    "这份报告的同比、上年计划目标和图表要读它：检查文件的权限，或稍后重试",
                    "this report's comparisons, last year's targets and charts are read from it: check the file's permissions, or try again"
                )),
            ]);
        }
        Ok(_) => {}
    }
    // Found wrong or unreadable, the year is a finding of this report.
    let found = match dataset::load_figures(data_dir, year, &shown) {
        Ok(Ok(loaded)) => return Ok(Some(loaded)),
        Ok(Err(findings)) => findings.0,
        Err(error) => error.diagnostics(),
    };
    let mut problems = vec![
            Diagnostic::error(tr!(
                "{shown} 有错误：这份报告的同比、上年计划目标和图表要读它",
                "{shown} has errors: this report's comparisons, last year's targets and charts are read from it"
            )).code("previous-year-invalid")
            .hint(tr!(
                "先改正 {shown}（report check {year} 列出全部问题）；不要它时，把它移出数据文件夹",
                "fix {shown} first (report check {year} lists every problem), or move it out of the data folder"
            )),
        ];
    problems.extend(found);
    Err(problems)
}

/// This year's figures beside last year's, with the change each made; a
/// change the data file states (`change:`) stands where none can be
/// computed (no figure last year, an approximate one), and is checked
/// against the computed one where both are there.
fn compare(
    report: &mut Report,
    locations: &HashMap<String, crate::diagnostic::Location>,
    previous: Option<&Loaded>,
    found: &mut Vec<Diagnostic>,
) {
    let mut comparisons = Vec::new();
    for metric in &mut report.metrics {
        let before = previous.and_then(|p| p.report.metric(&metric.key));
        let stated = metric.stated_change.clone();
        let Some(before) = before else {
            if let (Some(stated), Some(current)) = (stated, &metric.text) {
                comparisons.push(Comparison {
                    key: metric.key.clone(),
                    label: metric.label.clone(),
                    previous: "—".to_string(),
                    current: current.clone(),
                    change: Some(stated.text),
                });
            }
            continue;
        };
        let last_year = previous.map_or(0, |p| p.report.year);
        if before.unit != metric.unit {
            let mut error = Diagnostic::error(tr!(
                "指标 `{}` 的单位与 {last_year} 年不同（“{}”→“{}”），不能比较",
                "metric `{}` changed unit since {last_year} (“{}” → “{}”) and cannot be compared",
                metric.key,
                before.unit,
                metric.unit
            )).code("unit-changed")
            .hint(tr!(
                "两年用同一个单位：换算后再填，或者给新口径的数起一个新的指标名",
                "use one unit in both years: convert the figure, or give the new measure a new metric name"
            ));
            if let Some(at) = locations.get(&metric.key) {
                error = error.at(at.clone());
            }
            found.push(error);
            continue;
        }
        let (Some(now), Some(then), Some(then_text)) = (metric.value, before.value, &before.text)
        else {
            continue;
        };
        // A rate between approximate figures would claim a precision they lack.
        // A rate or share (57%) changes by 个百分点, not by per cent of itself.
        let exact = !metric.approx && !before.approx;
        let computed = if metric.rate {
            Some(now - then)
        } else {
            (then > 0.0).then(|| (now - then) / then * 100.0)
        }
        .filter(|_| exact);
        if let (Some(computed), Some(stated)) = (computed, &stated)
            && !numbers::agrees(computed, stated.value, stated.decimals)
        {
            found.push(disagreeing_change(
                metric, computed, stated, locations, last_year,
            ));
        }
        let change = computed
            .map(|rate| {
                metric
                    .script
                    .words(&numbers::stated_change(rate, 1, metric.rate))
            })
            .or(stated.map(|stated| stated.text));
        metric.previous = Some(Previous {
            value: then,
            text: then_text.clone(),
            change: change.clone(),
        });
        if let Some(current) = &metric.text {
            comparisons.push(Comparison {
                key: metric.key.clone(),
                label: metric.label.clone(),
                previous: then_text.clone(),
                current: current.clone(),
                change,
            });
        }
    }
    report.comparisons = comparisons;
}

/// The warning for a stated change the two years' figures do not give.
fn disagreeing_change(
    metric: &crate::model::Metric,
    computed: f64,
    stated: &crate::model::Stated,
    locations: &HashMap<String, crate::diagnostic::Location>,
    last_year: i32,
) -> Diagnostic {
    let computed = metric.script.words(&numbers::stated_change(
        computed,
        stated.decimals.max(1),
        metric.rate,
    ));
    let mut warning = Diagnostic::warning(tr!(
        "指标 `{}` 写的“{}”与 {last_year} 年和今年的数算出的“{computed}”不一致",
        "metric `{}` states “{}”, but the figures of {last_year} and this year give “{computed}”",
        metric.key,
        stated.text
    ))
    .code("stated-rate")
    .hint(tr!(
        "核对 change 和两年的 value；有上年数据时可以不写 change",
        "check change and both years' values; with last year's data, change can be left out"
    ));
    if let Some(at) = locations.get(&metric.key) {
        warning = warning.at(at.clone());
    }
    warning
}

fn outcomes(report: &Report, previous: &Loaded, found: &mut Vec<Diagnostic>) -> Vec<Outcome> {
    let last_year = previous.report.year;
    let mut out = Vec::new();
    for target in previous.report.plan_targets() {
        let actual = report.metric(&target.key).filter(|m| m.unit == target.unit);
        let reported = actual.and_then(|m| m.value.map(|v| (v, m.format(v))));
        if reported.is_none() {
            let mut warning = Diagnostic::warning(tr!(
                "{last_year} 年计划的目标“{}{}”（{}）在 {} 年的数据里没有报告",
                "{last_year}'s plan set “{}: {}” ({}), but {} does not report it",
                target.label,
                target.text,
                target.key,
                report.year
            ))
            .code("target-unreported")
            .hint(tr!(
                "在 metrics 里报告 `{}` 今年的数字（单位“{}”），说明目标完成得如何",
                "report this year's `{}` in metrics (unit “{}”) to show how the target came out",
                target.key,
                target.unit
            ));
            if let Some(at) = previous.target_locations.get(&target.key) {
                warning = warning.at(at.clone());
            }
            found.push(warning);
        }
        let rate = reported
            .as_ref()
            .and_then(|(value, _)| numbers::completion(*value, target.value, None).ok())
            .map(|rate| report.script.words(&rate));
        out.push(Outcome {
            key: target.key.clone(),
            label: target.label.clone(),
            // Last year's mark names last year's origins: the table's
            // figures are marked anew for this year.
            target: target.plain().into_owned(),
            met: reported.as_ref().map(|(value, _)| *value >= target.value),
            actual: reported.map(|(_, text)| text),
            rate,
        });
    }
    out
}

/// A chart for each metric marked `chart: true`, over every year up to this
/// one that reports it in the same unit; none where only one year does.
fn charts(
    years: &mut Years,
    year: u16,
    report: &Report,
    found: &mut Vec<Diagnostic>,
) -> Vec<Chart> {
    let charted: Vec<&Metric> = report.metrics.iter().filter(|m| m.chart).collect();
    if charted.is_empty() {
        return Vec::new();
    }
    let listed = match years.available() {
        Ok(listed) => listed,
        Err(error) => {
            found.push(*error);
            return Vec::new();
        }
    };
    let earlier: Vec<Arc<Loaded>> = listed
        .into_iter()
        .filter(|&y| y < year)
        .filter_map(|y| years.get(y, found))
        .collect();
    charted
        .into_iter()
        .filter_map(|metric| {
            let mut bars: Vec<Bar> = earlier
                .iter()
                .filter_map(|other| {
                    let m = other.report.metrics.iter().find(|m| m.key == metric.key)?;
                    let value = m.value.filter(|_| m.unit == metric.unit)?;
                    Some(Bar {
                        year: other.report.year as u16,
                        value,
                        text: m.text.clone()?,
                    })
                })
                .collect();
            if let (Some(value), Some(text)) = (metric.value, &metric.text) {
                bars.push(Bar {
                    year,
                    value,
                    text: text.clone(),
                });
            }
            // One bar compares nothing: a chart needs two years.
            if bars.len() < 2 {
                return None;
            }
            Some(Chart::new(metric.key.clone(), metric.label.clone(), bars))
        })
        .collect()
}
