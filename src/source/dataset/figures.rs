//! Metrics and plan targets.

use crate::tr;

use super::keys::{METRIC_KEYS, TARGET_KEYS};
use super::{Builder, Fields};
use crate::diagnostic::Diagnostic;
use crate::model::narrative;
use crate::model::numbers::{self};
use crate::model::script::Script;
use crate::model::{Approximation, Metric, Notation, Target};
use crate::source::provenance::Figure;
use crate::source::yaml::{Spanned, Tree};

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
                Diagnostic::error(tr!("指标名 `{}` 不合规", "metric name `{}` is not valid", key.value)).code("bad-metric-key")
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
                .code("missing-unit")
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
                    .code("bad-value")
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
                    .code("missing-value")
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
                    .code("unknown-value")
                    .at(self.at(key))
                    .hint(tr!(
                        "核实后在 value 处填上数字",
                        "fill in value once the figure is confirmed"
                    )),
                );
                (None, 0)
            }
            Some(number) => {
                self.sources.insert(name.clone(), self.place(number));
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
        self.rates(&mut metric, &fields);
        Some(metric)
    }

    /// A metric's own target, and the rates the data file states.
    fn rates(&mut self, metric: &mut Metric, fields: &Fields) {
        for field in ["target", "change", "completion"] {
            if let Some(node) = fields.get(field) {
                let at = self.place(node);
                self.sources.insert(format!("{}.{field}", metric.key), at);
            }
        }
        if let Some(target) = fields.get("target")
            && let Some((target, decimals)) = self.number(target, &metric.unit)
        {
            metric.set_target(target, decimals);
        }
        if let Some(node) = fields.get("change")
            && let Some((change, decimals)) = self.signed(node)
        {
            metric.state_change(change, decimals);
        }
        if let Some(node) = fields.get("completion")
            && let Some((completion, decimals)) = self.number(node, "%")
        {
            metric.state_completion(completion, decimals);
            self.check_completion(metric, node);
        }
    }

    /// A number that may be negative (a change from last year: `-3.1`).
    fn signed(&mut self, node: &Spanned<Tree>) -> Option<(f64, u8)> {
        match node.value {
            Tree::Number(value) if value < 0.0 => {
                let mut positive = node.clone();
                positive.value = Tree::Number(-value);
                self.number(&positive, "%").map(|(v, d)| (-v, d))
            }
            _ => self.number(node, "%"),
        }
    }

    /// A stated completion must agree with the one the target and the
    /// figure give, when the data has both (to the places stated).
    fn check_completion(&mut self, metric: &Metric, node: &Spanned<Tree>) {
        let (Some(stated), Some(goal), Some(value)) =
            (&metric.stated_completion, &metric.target, metric.value)
        else {
            return;
        };
        let computed = value / goal.value * 100.0;
        if goal.value == 0.0 || numbers::agrees(computed, stated.value, stated.decimals) {
            return;
        }
        let key = &metric.key;
        let computed = goal.completion.clone().unwrap_or_default();
        self.warnings.push(
            Diagnostic::warning(tr!(
                "指标 `{key}` 写的完成率（{}）与 value 和 target 算出的（{computed}）不一致",
                "metric `{key}` states {} but its value and target give {computed}",
                stated.text
            ))
            .at(self.at(node))
            .code("stated-rate")
            .hint(tr!(
                "核对 completion、value 和 target；有 target 时可以不写 completion",
                "check completion, value and target; with a target, completion can be left out"
            )),
        );
    }

    /// `approx`: `true` (more than, rounded down: 1万余), or a word the
    /// figure is printed with as typed: `余` (19000余), `约` (约1.17万),
    /// `超`, `逾`, `近`, `不足` before it, `以上`, `左右` after its unit.
    pub(super) fn approximation(&mut self, fields: &Fields) -> Approximation {
        let node = fields.get("approx");
        match node.map(|a| (a, &a.value)) {
            Some((node, Tree::Text(word))) => {
                let word = word.trim();
                if self.script == Script::Traditional && matches!(word, "余" | "约") {
                    self.mixed_script(node, word);
                }
                Approximation::from_word(word).unwrap_or_else(|| {
                    self.error(
                        Diagnostic::error(tr!(
                            "approx 只能写 true、余、约、超、逾、近、不足、以上 或 左右",
                            "approx can only be true, 余, 约, 超, 逾, 近, 不足, 以上 or 左右"
                        )).code("bad-value")
                        .at(self.at(node))
                        .hint(tr!(
                            "true：多于，往小处取整，45 印成“40余处”；写一个词则照录入的数印出：余 → 45余处，约 → 约45处，超/逾/近/不足 → 超45处，以上/左右 → 45处以上",
                            "true: more than, rounded down (45 → 40余处); a word prints the figure as typed: 余 → 45余处, 约 → 约45处, 超/逾/近/不足 → 超45处, 以上/左右 → 45处以上"
                        )),
                    );
                    Approximation::Exact
                })
            }
            _ if self.flag(fields, "approx") => Approximation::Over,
            _ => Approximation::Exact,
        }
    }

    /// A simplified 余 or 约 in a report in traditional script prints as
    /// typed; before, the report's script turned it into 餘 or 約.
    fn mixed_script(&mut self, node: &Spanned<Tree>, word: &str) {
        let traditional = Script::Traditional.words(word);
        self.warnings.push(
            Diagnostic::warning(tr!(
                "繁体报告里 approx: {word} 照写的印成“{word}”",
                "in a report in traditional script, approx: {word} prints “{word}” as typed"
            ))
            .at(self.at(node))
            .code("mixed-script")
            .hint(tr!(
                "要印“{traditional}”，写 approx: {traditional}；确实要混用时，在 report.yaml 里写 allow: [mixed-script]",
                "to print “{traditional}”, write approx: {traditional}; to mix on purpose, write allow: [mixed-script] in report.yaml"
            )),
        );
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
                    .code("target-unit-mismatch")
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
            self.sources
                .insert(format!("{key}.plan"), self.place(value_node));
            let printed = match &known {
                Some(metric) => metric.exact_text(value, decimals),
                None => format!("{}{unit}", numbers::exact(value, decimals)),
            };
            // A figure the plan commits to, marked like any other.
            let text = if self.marks {
                self.origins.figure(Figure {
                    key: key.clone(),
                    field: Some("plan".to_string()),
                    printed,
                    value: Some(value),
                    unit: unit.clone(),
                    source: Some(self.place(value_node)),
                    reference: None,
                    formula: None,
                    inputs: Vec::new(),
                    stated: None,
                })
            } else {
                printed
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
        crate::model::marks::strip(&loaded(text).report.parts[0].paragraphs.join("\n")).into_owned()
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
