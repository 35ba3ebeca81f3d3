//! Metrics, the references to them in the narrative, and plan targets.

use crate::tr;
use std::collections::HashMap;

use super::keys::{METRIC_KEYS, TARGET_KEYS};
use super::{Builder, Fields};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::narrative::{self, Piece};
use crate::model::numbers::{self};
use crate::model::{Approximation, Metric, Notation, Target};
use crate::source::yaml::{self, Spanned, Tree};

impl Builder<'_> {
    pub(super) fn metrics(&mut self, node: Option<&Spanned<Tree>>) -> Vec<Metric> {
        let Some(node) = node else {
            return Vec::new();
        };
        let Some(entries) = self.entries(node, "metrics") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, body) in entries {
            let at = self.at(key);
            self.metric_locations.insert(key.value.clone(), at);
            if let Some(metric) = self.metric(key, body) {
                self.metrics.insert(metric.key.clone(), metric.clone());
                out.push(metric);
            } else {
                self.broken.insert(key.value.clone());
            }
        }
        out
    }

    pub(super) fn metric(&mut self, key: &Spanned<String>, body: &Spanned<Tree>) -> Option<Metric> {
        if !narrative::is_key(&key.value) {
            self.error(
                Diagnostic::error(tr!("指标名 `{}` 不合规", "metric name `{}` is not valid", key.value))
                    .at(self.at(key))
                    .hint(
                        tr!("指标名只用英文字母、数字和下划线，且不以数字开头，例如 roof_tiles；中文名称写在 label 里", "use ASCII letters, digits and underscores, not starting with a digit, e.g. roof_tiles; the Chinese name goes in label"),
                    ),
            );
        }
        let name = &key.value;
        let fields = self.fields(body, &tr!("指标 `{name}`", "metric `{name}`"), METRIC_KEYS)?;
        let label = self.required_text(&fields, "label", &tr!("中文名称", "label"));
        let unit = if let Some(unit) = fields.get("unit") {
            self.line(unit, "unit")
        } else {
            self.error(
                Diagnostic::error(tr!(
                    "指标 `{name}` 缺少单位 unit",
                    "metric `{name}` has no unit"
                ))
                .at(self.at(key))
                .hint(tr!(
                    "写上单位，例如 unit: ㎡ 或 unit: 处",
                    "add the unit, e.g. unit: ㎡ or unit: 处"
                )),
            );
            None
        };
        let approximation = self.approximation(&fields);
        let scale = fields.get("scale").and_then(|scale| self.scale(scale));
        let chart = self.flag(&fields, "chart");
        if let Some(rollup) = fields.get("rollup") {
            if matches!(&rollup.value, Tree::Text(t) if t.trim() == "sum") {
                self.rollups.insert(name.clone());
            } else {
                self.error(
                    Diagnostic::error(tr!(
                        "rollup 只能写 sum（等于下级单位之和）",
                        "rollup can only be sum (the children's total)"
                    ))
                    .at(self.at(rollup)),
                );
            }
        }
        if let Some(note) = fields.get("note") {
            self.note(note);
        }
        let (label, unit) = (label?, unit?);
        let (value, decimals) = match fields.get_raw("value") {
            None => {
                self.error(
                    Diagnostic::error(tr!(
                        "指标 `{name}` 缺少 value",
                        "metric `{name}` has no value"
                    ))
                    .at(self.at(key))
                    .hint(tr!(
                        "写上数值，例如 value: 7200；数字暂缺时写 value: ~ 表示未知",
                        "add the figure, e.g. value: 7200; write value: ~ while it is unknown"
                    )),
                );
                return None;
            }
            Some(Spanned {
                value: Tree::Null, ..
            }) => {
                self.warnings.push(
                    Diagnostic::warning(tr!(
                        "指标 `{name}`（{label}）没有数值，报告中不会出现这个数字",
                        "metric `{name}` ({label}) has no value; the report will not print it"
                    ))
                    .at(self.at(key))
                    .hint(tr!(
                        "核实后在 value 处填上数字",
                        "fill in value once the figure is confirmed"
                    )),
                );
                (None, 0)
            }
            Some(number) => {
                let (value, decimals) = self.number(number, &unit)?;
                (Some(value), decimals)
            }
        };
        self.check_unit(key, &unit, scale, approximation);
        let notation = Notation {
            approximation,
            scale,
            script: self.script,
        };
        let mut metric = Metric::new(name.clone(), label, value, decimals, unit, notation);
        metric.chart = chart;
        if let Some(target) = fields.get("target")
            && let Some((target, decimals)) = self.number(target, &metric.unit)
        {
            metric.set_target(target, decimals);
        }
        Some(metric)
    }

    /// `approx`: `true` (more than, rounded down: 1万余), `余` (more than,
    /// as typed: 19000余), `约` (about: 约1.17万).
    pub(super) fn approximation(&mut self, fields: &Fields) -> Approximation {
        let node = fields.get("approx");
        match node.map(|a| (a, &a.value)) {
            Some((_, Tree::Text(word))) if matches!(word.trim(), "余" | "餘") => {
                Approximation::OverAsTyped
            }
            Some((_, Tree::Text(word))) if matches!(word.trim(), "约" | "約") => {
                Approximation::About
            }
            Some((node, Tree::Text(_))) => {
                self.error(
                    Diagnostic::error(tr!(
                        "approx 只能写 true、余 或 约",
                        "approx can only be true, 余 or 约"
                    ))
                    .at(self.at(node))
                    .hint(tr!(
                        "true：多于，往小处取整，45 印成“40余处”；余：多于，照录入的数，45 印成“45余处”；约：大约，印成“约45处”",
                        "true: more than, rounded down (45 → 40余处); 余: more than, as typed (45余处); 约: about (约45处)"
                    )),
                );
                Approximation::Exact
            }
            _ if self.flag(fields, "approx") => Approximation::Over,
            _ => Approximation::Exact,
        }
    }

    /// A plan item's targets: figures for next year, each naming a metric.
    pub(super) fn targets(&mut self, node: &Spanned<Tree>) -> Vec<Target> {
        let mut out = Vec::new();
        for item in self.list(node, "targets") {
            let Some(fields) = self.fields(item, &tr!("目标", "a target"), TARGET_KEYS) else {
                continue;
            };
            let Some(key) = self.required_text(&fields, "metric", &tr!("指标名", "metric name"))
            else {
                continue;
            };
            let known = self.metrics.get(&key).cloned();
            let label = match (fields.get("label"), &known) {
                (Some(label), _) => self.line(label, "label"),
                (None, Some(metric)) => Some(metric.label.clone()),
                (None, None) => self.missing(&fields, "label", &tr!("中文名称", "label")),
            };
            let unit = match (fields.get("unit"), &known) {
                (Some(unit), _) => self.line(unit, "unit"),
                (None, Some(metric)) => Some(metric.unit.clone()),
                (None, None) => self.missing(&fields, "unit", &tr!("单位", "unit")),
            };
            let (Some(label), Some(unit)) = (label, unit) else {
                continue;
            };
            if let Some(metric) = &known
                && metric.unit != unit
            {
                self.error(
                    Diagnostic::error(tr!(
                        "目标的单位“{unit}”与指标 `{key}` 的单位“{}”不同",
                        "the target's unit “{unit}” differs from metric `{key}`'s “{}”",
                        metric.unit
                    ))
                    .at(self.at(item)),
                );
                continue;
            }
            let Some(value_node) = fields.get("value") else {
                self.missing::<()>(&fields, "value", &tr!("目标值", "target value"));
                continue;
            };
            let Some((value, decimals)) = self.number(value_node, &unit) else {
                continue;
            };
            self.target_locations.insert(key.clone(), self.at(item));
            let text = match &known {
                Some(metric) => metric.exact_text(value, decimals),
                None => format!("{}{unit}", numbers::exact(value, decimals)),
            };
            out.push(Target {
                key,
                label,
                unit,
                value,
                text,
            });
        }
        out
    }

    /// Replaces `{key}` references with the metric's text, reporting each
    /// reference that names no metric or a metric without a value.
    pub(super) fn resolve(&mut self, raw: &str, node: &Spanned<Tree>) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for piece in narrative::pieces(raw) {
            let inner = match piece {
                Piece::Text(text) => {
                    out.push_str(text);
                    continue;
                }
                Piece::Ref { key, .. } => key,
            };
            let nth = seen.entry(inner).and_modify(|n| *n += 1).or_insert(0);
            let nth = *nth;
            let Some((keys, field)) = narrative::reference(inner) else {
                continue;
            };
            let mut figures = Vec::new();
            for key in &keys {
                if self.broken.contains(*key) {
                    continue;
                }
                self.used.insert((*key).to_string());
                if let Some(metric) = self.metrics.get(*key) {
                    figures.push(metric.clone());
                } else {
                    {
                        let at = self.reference_location(node, inner, nth);
                        let known: Vec<&str> = self.metrics.keys().map(String::as_str).collect();
                        let mut hint = tr!(
                            "先在 metrics 里定义这个指标，或改正拼写",
                            "define this metric in metrics first, or correct the spelling"
                        );
                        if let Some(near) = yaml::closest(key, &known) {
                            hint = tr!("是不是想写 {{{near}}}？", "did you mean {{{near}}}?");
                        }
                        self.error(
                            Diagnostic::error(tr!(
                                "没有名为 `{key}` 的指标",
                                "no metric named `{key}`"
                            ))
                            .at(at)
                            .hint(hint),
                        );
                    }
                }
            }
            if figures.len() != keys.len() {
                continue;
            }
            match self.figure_text(&figures, field) {
                Ok(text) => out.push_str(&text),
                Err(diagnostic) => {
                    let at = self.reference_location(node, inner, nth);
                    self.error(diagnostic.at(at));
                }
            }
        }
        out
    }

    /// What a reference prints: a figure, its target, or how far it came.
    pub(super) fn figure_text(
        &self,
        metrics: &[Metric],
        field: Option<&str>,
    ) -> Result<String, Box<Diagnostic>> {
        let mut texts = Vec::new();
        for metric in metrics {
            let key = &metric.key;
            let unknown = || {
                Box::new(Diagnostic::error(tr!(
                    "指标 `{key}` 没有数值，不能印在正文里",
                    "metric `{key}` has no value and cannot be printed in the text"
                ))
                .hint(tr!(
                    "在 metrics 里填上 {key} 的 value，或从这段文字中删去这个引用",
                    "fill in the value of {key} in metrics, or remove the reference from this text"
                )))
            };
            if field.is_none() {
                texts.push(metric.text.clone().ok_or_else(unknown)?);
                continue;
            }
            let Some(goal) = &metric.target else {
                return Err(Box::new(
                    Diagnostic::error(tr!(
                        "指标 `{key}` 没有写 target（今年的目标值）",
                        "metric `{key}` has no target (this year's own target)"
                    ))
                    .hint(tr!(
                        "在指标 `{key}` 下写 target: 目标值，同一单位",
                        "add target: VALUE under metric `{key}`, in its unit"
                    )),
                ));
            };
            let text = match field {
                Some("target") => Some(goal.text.clone()),
                Some("share") => goal.share.clone(),
                _ => goal.completion.clone(),
            };
            let Some(text) = text else {
                if metric.value.is_none() {
                    return Err(unknown());
                }
                return Err(Box::new(Diagnostic::error(tr!(
                    "指标 `{key}` 的目标值为 0，算不出完成比例",
                    "metric `{key}` has a target of 0, so there is no completion rate"
                ))));
            };
            texts.push(text);
        }
        if texts.len() == 1 {
            return Ok(texts.remove(0));
        }
        let shares: Vec<String> = metrics
            .iter()
            .filter_map(|m| m.target.as_ref()?.share.clone())
            .collect();
        Ok(self
            .script
            .words(&format!("分别完成目标任务的{}", shares.join("、"))))
    }

    /// The `nth` occurrence of `{key}` in the source after the value's start:
    /// exact even inside block scalars, whose lines are re-indented.
    pub(super) fn reference_location(
        &self,
        node: &Spanned<Tree>,
        inner: &str,
        nth: usize,
    ) -> Location {
        let needle = format!("{{{inner}}}");
        let found = yaml::byte_offset(node).and_then(|start| {
            self.file.text[start.min(self.file.text.len())..]
                .match_indices(&needle)
                .nth(nth)
                .map(|(i, _)| start + i)
        });
        match found {
            Some(offset) => self.file.at_byte(offset, needle.chars().count()),
            None => self.at(node),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{loaded, refused, year};

    fn with_metric(fields: &str, text: &str) -> String {
        year(&format!(
            "metrics:\n  roofs:\n    label: 更换屋顶\n    unit: 平方米\n{fields}"
        ))
        .replace("完成了工作。", text)
    }

    fn prose(text: &str) -> String {
        loaded(text).report.parts[0].paragraphs.join("\n")
    }

    #[test]
    fn a_reference_is_replaced_by_the_figure() {
        let text = with_metric("    value: 7200\n", "更换{roofs}。");
        assert_eq!(prose(&text), "更换7200平方米。");
    }

    #[test]
    fn approximations_and_scales_are_written_as_the_genre_writes_them() {
        for (fields, printed) in [
            ("    value: 45\n    approx: true\n", "40余平方米"),
            ("    value: 45\n    approx: 余\n", "45余平方米"),
            ("    value: 45\n    approx: 约\n", "约45平方米"),
            ("    value: 504000\n    scale: 万\n", "50.4万平方米"),
        ] {
            let text = with_metric(fields, "更换{roofs}。");
            assert_eq!(prose(&text), format!("更换{printed}。"), "{fields}");
        }
    }

    #[test]
    fn a_target_gives_the_completion() {
        let text = with_metric(
            "    value: 7200\n    target: 8000\n",
            "更换{roofs}，{roofs.completion}。",
        );
        assert_eq!(prose(&text), "更换7200平方米，完成目标任务的90%。");
    }

    #[test]
    fn unknown_references_and_bad_approximations_are_refused_where_they_are() {
        let found = refused(&with_metric("    value: 7200\n", "更换{rofs}。"));
        assert_eq!(found[0].1, 5, "{found:?}");
        let found = refused(&with_metric(
            "    value: 7200\n    approx: 多\n",
            "更换{roofs}。",
        ));
        assert_eq!(found[0].1, 13, "{found:?}");
    }
}
