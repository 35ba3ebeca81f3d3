//! Roll-up totals: a parent unit's metric marked `rollup: sum` must equal the
//! sum of the same metric in its children's reports for the same year. A
//! mismatch is reported at the parent's figure, with every child's figure
//! and where it is written.

use crate::diagnostic::Diagnostic;
use crate::model::Metric;
use crate::model::numbers;
use crate::source::config::Project;
use crate::source::dataset::{self, Loaded};
use crate::source::provenance::Place;
use crate::source::units::{self, Job};
use crate::source::yaml;
use crate::tr;

/// Checks `loaded`'s totals against its children, and gives each total
/// the children's figures as its inputs (what `report figures` shows).
pub(crate) fn check(project: &Project, job: &Job, loaded: &mut Loaded) -> Vec<Diagnostic> {
    if loaded.rollups.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let declared = match units::unit_file(project, job.unit.as_deref()) {
        Ok(declared) => declared,
        Err(error) => return error.diagnostics(),
    };
    let Some(declared) = declared.filter(|d| !d.children.is_empty()) else {
        let shown = project.shown(&job.data_dir(project).join(units::UNIT_FILE));
        // In the order of the data file: the set has none.
        let keys = loaded.report.metrics.iter().map(|m| &m.key);
        for key in keys.filter(|key| loaded.rollups.contains(*key)) {
            let mut error = Diagnostic::error(tr!(
                "指标 `{key}` 标为 rollup: sum，但这个单位没有声明下级单位",
                "metric `{key}` is marked rollup: sum, but this unit declares no children"
            ))
            .code("rollup-without-children")
            .hint(tr!(
                "在 {shown} 里写 children: [下级单位的文件夹名, …]",
                "list the child units in {shown}: children: [folder names, …]"
            ));
            if let Some(at) = loaded.metric_locations.get(key) {
                error = error.at(at.clone());
            }
            found.push(error);
        }
        return found;
    };

    // Every child's report for the year, loaded once.
    let mut children: Vec<(String, Loaded)> = Vec::new();
    for child in &declared.children {
        let name = child.value.trim().to_string();
        let dir = project.data_dir.join(&name);
        if !dir.is_dir() {
            found.push(
                Diagnostic::error(tr!(
                    "下级单位 `{name}` 不存在（没有 data/{name}/ 文件夹）",
                    "child unit `{name}` does not exist (no data/{name}/ folder)"
                ))
                .code("unknown-child-unit")
                .at(yaml::location(&declared.file, child)),
            );
            continue;
        }
        let shown = project.shown(&crate::source::files::year_file(&dir, job.year));
        match dataset::load_figures(&dir, job.year, &shown) {
            Ok(Ok(loaded)) => children.push((name, loaded)),
            Err(crate::error::Error::YearNotFound { .. }) => found.push(
                Diagnostic::warning(tr!(
                    "下级单位 `{name}` 没有 {} 年的数据（{shown}），无法核对合计",
                    "child unit `{name}` has no data for {} ({shown}); totals cannot be checked",
                    job.year
                ))
                .code("child-year-missing"),
            ),
            // The totals are checked against it: a broken child file is an
            // input of this report, and stops it.
            Ok(Err(findings)) => {
                found.extend(child_failed(project, job, &name, &shown, findings.0));
            }
            Err(error) => {
                let diagnostics = error.diagnostics();
                found.extend(child_failed(project, job, &name, &shown, diagnostics));
            }
        }
    }

    for metric in &loaded.report.metrics {
        if loaded.rollups.contains(&metric.key) {
            total(metric, loaded, &children, &mut found);
        }
    }
    for key in &loaded.rollups {
        let summed: Vec<(f64, Place)> = children
            .iter()
            .filter_map(|(_, child)| {
                let value = child.report.metric(key)?.value?;
                Some((value, child.sources.get(key)?.clone()))
            })
            .collect();
        if summed.len() != children.len() || summed.is_empty() {
            continue;
        }
        let formula = summed
            .iter()
            .map(|(value, _)| value.to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        for figure in loaded.origins.figures_mut() {
            if figure.key == *key && figure.field.is_none() {
                figure.formula = Some(formula.clone());
                figure.inputs = summed.iter().map(|(_, place)| place.clone()).collect();
            }
        }
    }
    found
}

fn total(
    metric: &Metric,
    parent: &Loaded,
    children: &[(String, Loaded)],
    found: &mut Vec<Diagnostic>,
) {
    let key = &metric.key;
    let mut sum = 0.0;
    let mut parts = Vec::new();
    let mut approximate = metric.approx;
    for (name, child) in children {
        let located = child.metric_locations.get(key.as_str());
        let Some(figure) = child.report.metric(key) else {
            found.push(
                Diagnostic::warning(tr!(
                    "下级单位 `{name}` 没有报告指标 `{key}`，合计无法核对",
                    "child unit `{name}` does not report `{key}`; the total cannot be checked"
                ))
                .code("child-metric-missing"),
            );
            return;
        };
        if figure.unit != metric.unit {
            let mut error = Diagnostic::error(tr!(
                "下级单位 `{name}` 的 `{key}` 单位是“{}”，与上级的“{}”不同，不能合计",
                "child unit `{name}` reports `{key}` in “{}”, the parent in “{}”; they cannot be added",
                figure.unit,
                metric.unit
            )).code("child-unit-mismatch");
            if let Some(at) = located {
                error = error.at(at.clone());
            }
            found.push(error);
            return;
        }
        let Some(value) = figure.value else { return };
        approximate |= figure.approx;
        sum += value;
        // Where the figure is typed: a workbook's cell, or the data file.
        let place = match child.sources.get(key.as_str()) {
            Some(place) => place.to_string(),
            None => located.map_or_else(String::new, |l| {
                format!("{}:{}:{}", l.file, l.line, l.column)
            }),
        };
        parts.push(format!(
            "{name}：{}（{place}）",
            figure.text.clone().unwrap_or_default()
        ));
    }
    let Some(stated) = metric.value else { return };
    // Approximate figures (40余) cannot be checked to the unit.
    if approximate || (stated - sum).abs() <= 1e-9 * stated.abs().max(1.0) {
        return;
    }
    let mut error = Diagnostic::error(tr!(
        "`{key}` 写的是 {}，下级单位合计为 {}{}",
        "`{key}` states {}, but the child units add up to {}{}",
        metric.text.clone().unwrap_or_default(),
        numbers::exact(sum, metric.decimals),
        metric.unit
    ))
    .code("rollup-mismatch")
    .hint(tr!(
        "核对上级的数字和各下级单位的数字，改正不对的一方",
        "check the parent's figure and each child's, and correct the wrong one"
    ));
    if let Some(place) = parent
        .sources
        .get(key.as_str())
        .filter(|p| p.cell.is_some())
    {
        error = error.note(tr!(
            "本单位：{}（{place}）",
            "this unit: {} ({place})",
            metric.text.clone().unwrap_or_default()
        ));
    }
    for part in parts {
        error = error.note(part);
    }
    if let Some(at) = parent.metric_locations.get(key.as_str()) {
        error = error.at(at.clone());
    }
    found.push(error);
}

/// A child's data file that does not load: an input of this report, so it
/// stops it, with the command that lists the child's problems.
fn child_failed(
    project: &Project,
    job: &Job,
    name: &str,
    shown: &str,
    problems: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let check = project.invoked.job("check", job.year, Some(name));
    let mut found = vec![
        Diagnostic::error(tr!(
            "下级单位 `{name}` 的 {shown} 有错误，无法核对合计",
            "child unit `{name}`: {shown} has errors, so totals cannot be checked"
        ))
        .code("child-file-invalid")
        .hint(tr!(
            "先改正 {shown}（{check} 列出全部问题）",
            "fix {shown} first ({check} lists every problem)"
        )),
    ];
    found.extend(problems);
    found
}
