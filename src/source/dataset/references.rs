//! Text that refers to metrics: `{key}` replaced by the figure as the
//! genre writes it, `{{` and `}}` by a brace, and every other brace refused
//! where it was typed, with what was meant (`{gdp.Share}` → `{gdp.share}`).

use crate::tr;

use super::Builder;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::Metric;
use crate::model::narrative::{self, Piece};
use crate::source::provenance::{Figure, Place};
use crate::source::yaml::{self, Spanned, Tree};

/// How many metric keys a hint lists when none is close to a mistyped one.
const MAX_LISTED: usize = 8;

impl Builder<'_> {
    /// Replaces `{key}` references with the metric's text and `{{`, `}}`
    /// with a brace, reporting each reference that names no metric or a
    /// metric without a value, and every other brace.
    pub(super) fn resolve(&mut self, raw: &str, node: &Spanned<Tree>) -> String {
        let mut out = String::with_capacity(raw.len());
        for piece in narrative::pieces(raw) {
            let (inner, start) = match piece {
                Piece::Text(text) => {
                    out.push_str(text);
                    continue;
                }
                Piece::Stray { typed, start } => {
                    out.push_str(typed);
                    let at = self.typed_location(node, raw, typed, start);
                    let diagnostic = stray(typed);
                    self.error(diagnostic.at(at));
                    continue;
                }
                Piece::Ref { key, start } => (key, start),
            };
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
                    let at = self.typed_location(node, raw, &format!("{{{inner}}}"), start);
                    let diagnostic = Diagnostic::error(tr!(
                        "没有名为 `{key}` 的指标",
                        "no metric named `{key}`"
                    ))
                    .code("unknown-metric")
                    .hint(self.known_metrics(key));
                    self.error(diagnostic.at(at));
                }
            }
            if figures.len() != keys.len() {
                continue;
            }
            match self.figure_text(&figures, field) {
                Ok(text) if !self.marks => out.push_str(&text),
                Ok(text) => {
                    let at = self.typed_place(node, raw, &format!("{{{inner}}}"), start);
                    out.push_str(&self.mark_figures(&figures, field, &text, &at));
                }
                Err(diagnostic) => {
                    if diagnostic.code.as_deref() == Some("reference-without-value") {
                        self.unknown_is_said_at_its_reference(&figures);
                    }
                    let at = self.typed_location(node, raw, &format!("{{{inner}}}"), start);
                    self.error(diagnostic.at(at));
                }
            }
        }
        out
    }

    /// A metric of unknown value that the text prints is an error where it
    /// is printed; the warning at its definition (“报告中不会出现这个数字”)
    /// would say the one thing twice.
    fn unknown_is_said_at_its_reference(&mut self, figures: &[Metric]) {
        for metric in figures.iter().filter(|m| m.value.is_none()) {
            let defined = self.metric_locations.get(&metric.key);
            self.warnings.retain(|warning| {
                warning.code.as_deref() != Some("unknown-value")
                    || warning.location.as_ref() != defined
            });
        }
    }

    /// `text`, what a reference (typed at `reference`) printed, with each
    /// figure in it marked; the words around a rate (完成目标任务的) stay
    /// outside the mark.
    fn mark_figures(
        &mut self,
        metrics: &[Metric],
        field: Option<&str>,
        text: &str,
        reference: &Place,
    ) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        for metric in metrics {
            let Some(figure) = self.figure_of(metric, field, reference) else {
                continue;
            };
            let Some(at) = rest.find(&figure.printed) else {
                continue;
            };
            out.push_str(&rest[..at]);
            rest = &rest[at + figure.printed.len()..];
            out.push_str(&self.origins.figure(figure));
        }
        out.push_str(rest);
        out
    }

    /// What `{key.field}` printed, and where it comes from.
    fn figure_of(&self, metric: &Metric, field: Option<&str>, reference: &Place) -> Option<Figure> {
        let key = &metric.key;
        let source = |name: &str| self.sources.get(name).cloned();
        let mut figure = Figure {
            key: key.clone(),
            field: field.map(str::to_string),
            printed: String::new(),
            value: None,
            unit: metric.unit.clone(),
            source: source(key),
            reference: Some(reference.clone()),
            formula: None,
            inputs: Vec::new(),
            stated: None,
        };
        match field {
            None => {
                figure.printed = metric.text.clone()?;
                figure.value = metric.value;
            }
            Some("target") => {
                let goal = metric.target.as_ref()?;
                figure.printed.clone_from(&goal.text);
                figure.value = Some(goal.value);
                figure.source = source(&format!("{key}.target"));
            }
            Some("change") => {
                let stated = metric.stated_change.as_ref()?;
                // The verb (同比增长, 提高) is words; the figure is the rest.
                let digits = stated.text.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
                figure.printed = stated.text[digits..].to_string();
                figure.value = Some(stated.value);
                figure.unit = if metric.rate { "个百分点" } else { "%" }.to_string();
                figure.source = source(&format!("{key}.change"));
            }
            Some(_) => {
                if let Some(goal) = &metric.target {
                    let value = metric.value?;
                    figure.printed = goal.share.clone()?;
                    figure.value = Some(value / goal.value * 100.0);
                    figure.formula = Some(format!("{value} ÷ {}", goal.value));
                    figure.inputs = [source(key), source(&format!("{key}.target"))]
                        .into_iter()
                        .flatten()
                        .collect();
                    figure.stated = source(&format!("{key}.completion"));
                } else {
                    let stated = metric.stated_completion.as_ref()?;
                    figure.printed = stated.share.clone()?;
                    figure.value = Some(stated.value);
                    figure.source = source(&format!("{key}.completion"));
                }
                figure.unit = "%".to_string();
            }
        }
        Some(figure)
    }

    /// What to do about a reference to `key`, which names no metric: the
    /// metric it was meant to be, or the ones there are.
    fn known_metrics(&self, key: &str) -> String {
        let mut known: Vec<&str> = self.metrics.keys().map(String::as_str).collect();
        known.sort_unstable();
        if let Some(near) = yaml::closest(key, &known) {
            return tr!("是不是想写 {{{near}}}？", "did you mean {{{near}}}?");
        }
        if known.is_empty() {
            return tr!(
                "先在 metrics 里定义这个指标",
                "define this metric in metrics first"
            );
        }
        let shown = known.iter().take(MAX_LISTED).copied().collect::<Vec<_>>();
        let shown = crate::lang::list(&shown);
        let more = if known.len() > MAX_LISTED { "…" } else { "" };
        tr!(
            "先在 metrics 里定义这个指标，或改正拼写；现有的指标：{shown}{more}",
            "define this metric in metrics first, or correct the spelling; the metrics are: {shown}{more}"
        )
    }

    /// Where `typed`, found at byte `start` of the value `raw`, stands in
    /// the file: the same occurrence of it in the source after the value's
    /// start, exact even inside block scalars, whose lines are re-indented.
    fn typed_location(
        &self,
        node: &Spanned<Tree>,
        raw: &str,
        typed: &str,
        start: usize,
    ) -> Location {
        match self.typed_offset(node, raw, typed, start) {
            Some(offset) => self.file.at_byte(offset, typed.chars().count()),
            None => self.at(node),
        }
    }

    /// The same place, for a figure's reference.
    fn typed_place(&self, node: &Spanned<Tree>, raw: &str, typed: &str, start: usize) -> Place {
        match self.typed_offset(node, raw, typed, start) {
            Some(offset) => {
                let (line, column) = self.file.line_column(offset);
                Place {
                    file: self.name.clone(),
                    line,
                    column,
                    cell: None,
                }
            }
            None => self.place(node),
        }
    }

    /// The byte of the file where `typed`, at byte `start` of `raw`, is.
    fn typed_offset(
        &self,
        node: &Spanned<Tree>,
        raw: &str,
        typed: &str,
        start: usize,
    ) -> Option<usize> {
        let nth = raw[..start].matches(typed).count();
        yaml::byte_offset(node).and_then(|from| {
            self.file.text[from.min(self.file.text.len())..]
                .match_indices(typed)
                .nth(nth)
                .map(|(i, _)| from + i)
        })
    }

    /// What a reference prints: a figure, its target, or how far it came.
    fn figure_text(
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
                )).code("reference-without-value")
                .hint(tr!(
                    "在 metrics 里填上 {key} 的 value，或从这段文字中删去这个引用",
                    "fill in the value of {key} in metrics, or remove the reference from this text"
                )))
            };
            if field.is_none() {
                texts.push(metric.text.clone().ok_or_else(unknown)?);
                continue;
            }
            if field == Some("change") {
                let Some(stated) = &metric.stated_change else {
                    return Err(Box::new(
                        Diagnostic::error(tr!(
                            "指标 `{key}` 没有写 change（与上年相比的变化）",
                            "metric `{key}` has no change (the change from last year)"
                        )).code("reference-without-change")
                        .hint(tr!(
                            "在指标 `{key}` 下写 change: 12.5（印成“同比增长12.5%”，比率印成“提高12.5个百分点”）；有上年数据时，同比表会自己算",
                            "add change: 12.5 under metric `{key}` (printed 同比增长12.5%, or 提高12.5个百分点 for a rate); with last year's data the comparison table computes it"
                        )),
                    ));
                };
                texts.push(stated.text.clone());
                continue;
            }
            // A completion the data states stands where no target gives one.
            if metric.target.is_none()
                && let Some(stated) = &metric.stated_completion
                && field != Some("target")
            {
                let text = if field == Some("share") {
                    stated.share.clone().unwrap_or_default()
                } else {
                    stated.text.clone()
                };
                texts.push(text);
                continue;
            }
            let Some(goal) = &metric.target else {
                return Err(Box::new(
                    Diagnostic::error(tr!(
                        "指标 `{key}` 没有写 target（今年的目标值）",
                        "metric `{key}` has no target (this year's own target)"
                    )).code("reference-without-target")
                    .hint(tr!(
                        "在指标 `{key}` 下写 target: 目标值，同一单位；只知道完成率时写 completion: 99.8",
                        "add target: VALUE under metric `{key}`, in its unit; if only the rate is known, write completion: 99.8"
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
                return Err(Box::new(
                    Diagnostic::error(tr!(
                        "指标 `{key}` 的目标值为 0，算不出完成比例",
                        "metric `{key}` has a target of 0, so there is no completion rate"
                    ))
                    .code("zero-target"),
                ));
            };
            texts.push(text);
        }
        if texts.len() == 1 {
            return Ok(texts.remove(0));
        }
        let shares: Vec<String> = metrics
            .iter()
            .filter_map(|m| match &m.target {
                Some(goal) => goal.share.clone(),
                None => m.stated_completion.as_ref()?.share.clone(),
            })
            .collect();
        Ok(self
            .script
            .words(&format!("分别完成目标任务的{}", shares.join("、"))))
    }
}

/// The error for braces that are neither a reference nor an escape.
fn stray(typed: &str) -> Diagnostic {
    let literal = tr!(
        "要印出花括号本身，写成 {{{{ 和 }}}}",
        "to print a brace itself, write {{{{ or }}}}"
    );
    let Some(inner) = typed.strip_prefix('{').and_then(|t| t.strip_suffix('}')) else {
        return Diagnostic::error(tr!(
            "单独的 `{typed}`：花括号要成对，{{指标名}} 印出指标的数字",
            "a lone `{typed}`: braces come in pairs, and {{metric}} prints the metric's figure"
        ))
        .code("bad-reference")
        .hint(literal);
    };
    let trimmed = inner.trim();
    if trimmed != inner && narrative::reference(trimmed).is_some() {
        return Diagnostic::error(tr!(
            "引用 `{typed}` 的花括号里有空格",
            "the reference `{typed}` has spaces inside its braces"
        ))
        .code("bad-reference")
        .hint(tr!("写成 {{{trimmed}}}", "write {{{trimmed}}}"));
    }
    if let Some((keys, field)) = inner.rsplit_once('.')
        && keys.split(',').all(narrative::is_key)
    {
        if narrative::FIELDS.contains(&field) {
            return Diagnostic::error(tr!(
                "几个指标合写时只能用 .completion：`{typed}`",
                "several metrics together take only .completion: `{typed}`"
            ))
            .code("bad-reference")
            .hint(tr!(
                "写成 {{{keys}.completion}}，或分开写",
                "write {{{keys}.completion}}, or refer to each on its own"
            ));
        }
        let hint = match yaml::closest(field, narrative::FIELDS) {
            Some(near) => tr!(
                "是不是想写 {{{keys}.{near}}}？",
                "did you mean {{{keys}.{near}}}?"
            ),
            None => tr!(
                "指标后面能接的只有 .target（目标值）、.completion（完成目标任务的百分之几）、.share（完成率）",
                "a metric takes only .target (its target), .completion (完成目标任务的…%) and .share (the rate)"
            ),
        };
        return Diagnostic::error(tr!(
            "`{typed}` 里的 `.{field}` 不是指标能引用的项",
            "`.{field}` in `{typed}` is not something a reference can print"
        ))
        .code("bad-reference")
        .hint(hint);
    }
    if inner.split(',').count() > 1 && inner.split(',').all(|k| narrative::is_key(k.trim())) {
        return Diagnostic::error(tr!(
            "几个指标合写时只能用 .completion：`{typed}`",
            "several metrics together take only .completion: `{typed}`"
        ))
        .code("bad-reference")
        .hint(tr!(
            "写成 {{{inner}.completion}}，或分开写",
            "write {{{inner}.completion}}, or refer to each on its own"
        ));
    }
    Diagnostic::error(tr!(
        "`{typed}` 不是指标引用",
        "`{typed}` is not a metric reference"
    ))
    .code("bad-reference")
    .hint(tr!(
        "指标引用写成 {{指标名}}，指标名只用英文字母、数字和下划线；{literal}",
        "a reference is {{key}}, the key in ASCII letters, digits and underscores; {literal}"
    ))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{loaded, refused, year};

    /// A year with one metric and `text` as its work.
    fn with_text(text: &str) -> String {
        year("metrics:\n  gdp: {label: 地区生产总值, value: 30327000000, unit: 元, scale: 亿}\n")
            .replace("完成了工作。", &format!("\"{text}\""))
    }

    fn prose(text: &str) -> String {
        crate::model::marks::strip(
            &loaded(&with_text(text)).report.parts[0]
                .paragraphs
                .join("\n"),
        )
        .into_owned()
    }

    #[test]
    fn escapes_print_a_brace() {
        assert_eq!(prose("共{gdp}，{{原文}}"), "共303.27亿元，{原文}");
    }

    #[test]
    fn every_other_brace_is_refused_where_it_stands() {
        let text = "全年{gdp}、{gdp.chang}；{gdp.Share}；{ gdp }；{gdp,gdp}；{不是}；末}";
        let found = refused(&with_text(text));
        // The value starts after `  text: "` on line 5.
        let column = |typed: &str| 10 + text[..text.rfind(typed).unwrap()].chars().count();
        let expected = [
            "{gdp.chang}",
            "{gdp.Share}",
            "{ gdp }",
            "{gdp,gdp}",
            "{不是}",
            "}",
        ];
        assert_eq!(found.len(), expected.len(), "{found:?}");
        for ((message, line, col), typed) in found.iter().zip(expected) {
            assert!(
                message.contains(&format!("`{typed}`")),
                "{message} should name {typed}"
            );
            assert_eq!((*line, *col), (5, column(typed)), "{typed}: {message}");
        }
    }

    #[test]
    fn a_mistyped_field_is_named() {
        let data = with_text("{gdp.Share}");
        let diagnostics = match crate::source::dataset::parse(
            &crate::diagnostic::SourceFile::new("data/2017.yaml", &data),
            2017,
        ) {
            Err(crate::error::Findings(found)) => found,
            other => panic!("{other:?}"),
        };
        let hints: Vec<String> = diagnostics.iter().filter_map(|d| d.hint.clone()).collect();
        assert!(hints.iter().any(|h| h.contains("{gdp.share}")), "{hints:?}");
    }

    proptest::proptest! {
        /// Whatever braces a clerk types, the report never prints one that
        /// was not written as `{{` or `}}`: the rest are references or errors.
        #[test]
        fn no_brace_is_printed_as_typed(text in "(gdp|[a甲{}.,_ ]){0,16}") {
            let data = with_text(&text);
            let file = crate::diagnostic::SourceFile::new("data/2017.yaml", &data);
            if let Ok(loaded) = crate::source::dataset::parse(&file, 2017) {
                let printed = loaded.report.parts[0].paragraphs.concat();
                let braces = printed.chars().filter(|c| matches!(c, '{' | '}')).count();
                let escapes = text.matches("{{").count() + text.matches("}}").count();
                proptest::prop_assert!(braces <= escapes, "{} printed as {}", text, printed);
            }
        }
    }
}
