//! The figures of the comparison tables (同比, last year's targets) marked
//! with where they come from: each printed figure of this year and last,
//! and each computed change and completion with its formula and inputs.

use crate::model::{Metric, marks};
use crate::source::dataset::Loaded;
use crate::source::provenance::{Figure, Place};

/// Marks the figures of `loaded`'s comparison and outcome tables;
/// `previous` is last year, which the tables read.
pub(super) fn mark(loaded: &mut Loaded, previous: Option<&Loaded>) {
    let Loaded {
        report,
        origins,
        sources,
        ..
    } = loaded;
    let last = |key: &str| previous.and_then(|p| p.sources.get(key).cloned());
    for row in &mut report.comparisons {
        let Some(metric) = report.metrics.iter().find(|m| m.key == row.key) else {
            continue;
        };
        let here = sources.get(&row.key).cloned();
        let before = previous.and_then(|p| p.report.metric(&row.key));
        row.current = origins.figure(printed(metric, &row.current, metric.value, here.clone()));
        if let Some(before) = before {
            row.previous =
                origins.figure(printed(before, &row.previous, before.value, last(&row.key)));
        }
        let Some(change) = row.change.take() else {
            continue;
        };
        let mut figure = printed(metric, "", None, here.clone());
        figure.field = Some("change".to_string());
        figure.unit = if metric.rate { "个百分点" } else { "%" }.to_string();
        match (metric.value, before.and_then(|b| b.value)) {
            (Some(now), Some(then)) if !metric.approx && before.is_some_and(|b| !b.approx) => {
                if metric.rate {
                    figure.value = Some(now - then);
                    figure.formula = Some(format!("{now} − {then}"));
                } else {
                    figure.value = Some((now - then) / then * 100.0);
                    figure.formula = Some(format!("({now} − {then}) ÷ {then} × 100"));
                }
                figure.inputs = [here, last(&row.key)].into_iter().flatten().collect();
                figure.stated = sources.get(&format!("{}.change", row.key)).cloned();
            }
            _ => {
                figure.value = metric.stated_change.as_ref().map(|s| s.value);
                figure.source = sources.get(&format!("{}.change", row.key)).cloned();
            }
        }
        row.change = Some(core(&change, figure, origins));
    }
    for row in &mut report.outcomes {
        // Where last year's plan typed the target's value.
        let target_at = previous.and_then(|p| p.sources.get(&format!("{}.plan", row.key)).cloned());
        let target = previous
            .and_then(|p| {
                p.report
                    .plan_targets()
                    .into_iter()
                    .find(|t| t.key == row.key)
            })
            .map(|t| t.value);
        let Some(metric) = report.metrics.iter().find(|m| m.key == row.key) else {
            continue;
        };
        let mut planned = printed(metric, &row.target, target, target_at.clone());
        planned.field = Some("target".to_string());
        row.target = origins.figure(planned);
        let here = sources.get(&row.key).cloned();
        if let Some(actual) = &row.actual {
            row.actual = Some(origins.figure(printed(metric, actual, metric.value, here.clone())));
        }
        let (Some(rate), Some(value), Some(target)) = (row.rate.take(), metric.value, target)
        else {
            continue;
        };
        let mut figure = printed(metric, "", Some(value / target * 100.0), here.clone());
        figure.field = Some("completion".to_string());
        figure.unit = "%".to_string();
        figure.formula = Some(format!("{value} ÷ {target}"));
        figure.inputs = [here, target_at].into_iter().flatten().collect();
        row.rate = Some(core(&rate, figure, origins));
    }
}

/// A figure of `metric` printed as `text`, stating `value`, typed at `source`.
fn printed(metric: &Metric, text: &str, value: Option<f64>, source: Option<Place>) -> Figure {
    Figure {
        key: metric.key.clone(),
        field: None,
        printed: text.to_string(),
        value,
        unit: metric.unit.clone(),
        source,
        reference: None,
        formula: None,
        inputs: Vec::new(),
        stated: None,
    }
}

/// `text` (同比增长10.8%, 完成目标任务的105%) with its figure marked: the
/// words before the first digit stay words.
fn core(
    text: &str,
    mut figure: Figure,
    origins: &mut crate::source::provenance::Origins,
) -> String {
    let digits = text.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    figure.printed = text[digits..].to_string();
    let marked = origins.figure(figure);
    let mut out = String::with_capacity(digits + marked.len());
    out.push_str(&text[..digits]);
    out.push_str(&marked);
    debug_assert!(marks::any(&out));
    out
}
