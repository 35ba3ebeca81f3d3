//! The metrics an import makes: every figure of the text in one list, the
//! same figure under the same label once, and each text rewritten to
//! reference them.

use super::figures::{self, Figure};

#[derive(Debug, Clone)]
pub(super) struct Metric {
    pub(crate) key: String,
    pub(crate) figure: Figure,
    pub(crate) target: Option<f64>,
    pub(crate) chart: bool,
    /// Things to confirm, written as `note: 待核对…`.
    pub(crate) note: Option<String>,
}

/// A figure that was missing in the source (“00㎡”): its metric, and the
/// phrase that left the text.
#[derive(Debug, Clone)]
pub(super) struct Broken {
    pub(crate) key: String,
    pub(crate) typed: String,
    pub(crate) phrase: String,
}

/// How many characters of a label its key is made from.
const KEY_CHARS: usize = 4;

#[derive(Debug, Default)]
pub(super) struct Metrics {
    pub(crate) list: Vec<Metric>,
    /// Where each figure already has a metric.
    index: std::collections::HashMap<Figure, usize>,
    pub(crate) broken: Vec<Broken>,
    /// How many figure references the texts now hold.
    pub(crate) references: usize,
    /// The keys given, each with how many times its base was asked for:
    /// a hostile file's thousands of 清理N处 cost no search.
    keys: std::collections::HashMap<String, usize>,
}

impl Metrics {
    /// `text` with every figure replaced by its `{key}`.
    pub(super) fn rewrite(&mut self, text: &str) -> String {
        let found = figures::find(text);
        if found.is_empty() {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut written = 0;
        let mut previous: Option<usize> = None;
        for hit in found {
            if hit.figure.value.is_none() {
                // The phrase goes with its missing figure, or the report
                // would print “民房外墙” with no number.
                let from = hit.phrase_start.max(written);
                out.extend(&chars[written..from]);
                let phrase: String = chars[from..hit.end].iter().collect();
                let index = self.add(hit.figure.clone());
                let key = self.list[index].key.clone();
                let shown = phrase.replacen(&hit.figure.typed, &format!("{{{key}}}"), 1);
                self.broken.push(Broken {
                    key,
                    typed: hit.figure.typed.clone(),
                    phrase: shown,
                });
                written = hit.end;
                continue;
            }
            if let Some(target) = self.completion(&chars, &hit, previous) {
                // “完成目标任务的52%” after a figure is that figure's
                // completion, which the report words the same way.
                let (index, from) = target;
                out.extend(&chars[written..from.max(written)]);
                out.push('{');
                out.push_str(&self.list[index].key);
                out.push_str(".completion}");
                self.references += 1;
                written = hit.end;
                previous = None;
                continue;
            }
            out.extend(&chars[written..hit.start]);
            let mut figure = hit.figure.clone();
            if figure.label.is_empty() {
                // “100%、52%、87.5%”: a list of figures shares one phrase.
                figure.label = previous.map_or_else(
                    || format!("第{}项指标", self.list.len() + 1),
                    |i| self.list[i].figure.label.clone(),
                );
                figure.label_guessed = true;
            }
            let index = self.add(figure);
            out.push('{');
            out.push_str(&self.list[index].key);
            out.push('}');
            self.references += 1;
            written = hit.end;
            previous = Some(index);
        }
        out.extend(&chars[written..]);
        out
    }

    /// Whether `hit` is “完成目标任务的N%” of the figure just before it; if
    /// so, gives that metric its target and returns it with where the
    /// phrase starts.
    fn completion(
        &mut self,
        chars: &[char],
        hit: &figures::Found,
        previous: Option<usize>,
    ) -> Option<(usize, usize)> {
        let index = previous?;
        if hit.figure.unit != "%" || hit.figure.approx.is_some() {
            return None;
        }
        let phrase: String = chars[hit.phrase_start..hit.end].iter().collect();
        let phrase = phrase.trim_start_matches(['，', ',', '、']);
        let rate = hit.figure.value.as_deref()?;
        if phrase != format!("完成目标任务的{rate}%") {
            return None;
        }
        let metric = &self.list[index];
        if metric.target.is_some() || metric.figure.unit == "%" {
            return None;
        }
        let value: f64 = metric.figure.value.as_deref()?.parse().ok()?;
        let target = figures::target_for(value, rate.parse().ok()?)?;
        self.list[index].target = Some(target);
        let start = hit.end - phrase.chars().count();
        Some((index, start))
    }

    /// The metric of `figure`, by its place in the list: an existing one
    /// when the same figure under the same label was seen before, else new.
    fn add(&mut self, figure: Figure) -> usize {
        if figure.value.is_some()
            && let Some(&same) = self.index.get(&figure)
        {
            return same;
        }
        let key = self.key_for(&figure.label);
        if figure.value.is_some() {
            self.index.insert(figure.clone(), self.list.len());
        }
        self.list.push(Metric {
            key: key.clone(),
            figure,
            target: None,
            chart: false,
            note: None,
        });
        self.list.len() - 1
    }

    /// A key that says what the metric is: the pinyin of the last four
    /// characters of its label (the thing counted: 清理垃圾 → `qingli_laji`,
    /// 更换破损井盖 → `posun_jinggai`), two syllables a word; made unique
    /// with `_2`, `_3`. A label with no Chinese in it gives `m1`, `m2`.
    fn key_for(&mut self, label: &str) -> String {
        use pinyin::ToPinyin;
        let chars: Vec<char> = label
            .chars()
            .filter(|c| c.to_pinyin().is_some() || c.is_ascii_alphanumeric())
            .collect();
        let tail = &chars[chars.len().saturating_sub(KEY_CHARS)..];
        let mut words: Vec<String> = Vec::new();
        let mut word = String::new();
        for (i, c) in tail.iter().enumerate() {
            match c.to_pinyin() {
                // ü is written v in ASCII pinyin (lü → lv).
                Some(syllable) => word.extend(
                    syllable
                        .plain()
                        .chars()
                        .map(|c| if c == 'ü' { 'v' } else { c }),
                ),
                None => word.push(c.to_ascii_lowercase()),
            }
            if i % 2 == 1 || i + 1 == tail.len() {
                words.push(std::mem::take(&mut word));
            }
        }
        let base = words.join("_");
        let base = if base.starts_with(|c: char| c.is_ascii_lowercase())
            && crate::model::narrative::is_key(&base)
        {
            base
        } else {
            format!("m{}", self.list.len() + 1)
        };
        loop {
            let count = self.keys.entry(base.clone()).or_insert(0);
            *count += 1;
            let key = if *count == 1 {
                base.clone()
            } else {
                format!("{base}_{count}")
            };
            // `qingli_laji_2` may itself be a label's base: taken, go on.
            if *count == 1 || !self.keys.contains_key(&key) {
                self.keys.insert(key.clone(), 1);
                return key;
            }
        }
    }

    /// Marks the metrics the source drew charts of.
    pub(super) fn charts(&mut self, labels: &[String]) {
        for label in labels {
            if let Some(metric) = self.list.iter_mut().find(|m| &m.figure.label == label) {
                metric.chart = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The same figure under the same label is one metric, referenced twice.
    #[test]
    fn one_figure_one_metric() {
        let mut metrics = Metrics::default();
        let first = metrics.rewrite("清理垃圾8吨，拆除违建18处。");
        let again = metrics.rewrite("清理垃圾8吨。");
        assert_eq!(first, "清理垃圾{qingli_laji}，拆除违建{chaichu_weijian}。");
        assert_eq!(again, "清理垃圾{qingli_laji}。");
        assert_eq!(metrics.list.len(), 2);
        assert_eq!(metrics.references, 3);
    }

    // “完成目标任务的52%” after a figure is its completion, with the
    // target that prints 52% again.
    #[test]
    fn a_completion_rate_becomes_a_target() {
        let mut metrics = Metrics::default();
        let text = metrics.rewrite("实际清运量达2.6万吨，完成目标任务的52%，及时率98%。");
        assert_eq!(
            text,
            "实际清运量达{jiqing_yunliang}，{jiqing_yunliang.completion}，及时率{jishi_lv}。"
        );
        assert_eq!(metrics.list[0].target, Some(50000.0));
        assert_eq!(metrics.list[1].figure.unit, "%");
    }

    // A missing figure takes its phrase out of the text.
    #[test]
    fn a_missing_figure_leaves_the_text() {
        let mut metrics = Metrics::default();
        let text = metrics.rewrite("美化围墙2200㎡、民房外墙00㎡，清理垃圾8吨。");
        assert_eq!(text, "美化围墙{meihua_weiqiang}，清理垃圾{qingli_laji}。");
        assert_eq!(metrics.broken[0].phrase, "、民房外墙{minfang_waiqiang}");
        assert_eq!(metrics.list[1].figure.value, None);
    }

    // Keys say what they are, stay ASCII (lü → lv) and never repeat.
    #[test]
    fn keys_are_the_pinyin_of_the_label() {
        let mut metrics = Metrics::default();
        let text = metrics.rewrite("栽植绿化树30株，清理垃圾8吨，清理垃圾9吨。");
        assert_eq!(
            text,
            "栽植绿化树{zhilv_huashu}，清理垃圾{qingli_laji}，清理垃圾{qingli_laji_2}。"
        );
    }
}
