//! Scalar values of a data file: text, flags, numbers, dates, units and
//! scales, each checked with a message that says how to write it.

use crate::tr;

use chrono::{Datelike, NaiveDate};

use super::hints::{cell_hint, fraction_hint, number_hint, to_fill_hint};
use super::keys::{COUNT_UNITS, TO_CONFIRM, TO_FILL};
use super::{Builder, Fields, MAX_FIGURE, MIN_FIGURE};
use crate::diagnostic::Diagnostic;
use crate::model::Approximation;
use crate::model::narrative::{self};
use crate::model::numbers::{self, Scale};
use crate::model::script::Script;
use crate::source::yaml::{self, Spanned, Tree};

impl Builder<'_> {
    /// The text of a scalar, as typed (a number keeps its digits).
    pub(super) fn scalar(&mut self, node: &Spanned<Tree>, field: &str) -> Option<String> {
        let text = match &node.value {
            Tree::Text(text) => text.clone(),
            Tree::Number(_) | Tree::Bool(_) => yaml::raw_text(self.file, node)?.trim().to_string(),
            other => {
                self.error(
                    Diagnostic::error(tr!(
                        "`{field}` 应是文字，写的是{}",
                        "`{field}` should be text, but is {}",
                        other.kind()
                    ))
                    .code("bad-type")
                    .at(self.at(node)),
                );
                return None;
            }
        };
        if text.contains(TO_FILL) {
            self.error(
                Diagnostic::error(tr!("这里还没有填", "this is still to be filled in")).code("to-fill")
                    .at(self.at(node))
                    .hint(tr!(
                        "把“{TO_FILL}”换成实际内容；用不上的条目可以删去",
                        "replace “{TO_FILL}” with the real content, or remove an item that is not needed"
                    )),
            );
            return None;
        }
        // Controls, and the noncharacters (U+FFFE, U+FDD0…), which XML
        // forbids: a Word file holding one does not open.
        let noncharacter = |c: char| {
            let code = c as u32;
            (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
        };
        if let Some(c) = text
            .chars()
            .find(|&c| (c.is_control() && c != '\n' && c != '\t') || noncharacter(c))
        {
            let code = c as u32;
            let message = if c.is_control() {
                tr!(
                    "`{field}` 中有看不见的控制字符 U+{code:04X}",
                    "`{field}` contains an invisible control character U+{code:04X}"
                )
            } else {
                tr!(
                    "`{field}` 中有看不见的非字符 U+{code:04X}，Word 文件容纳不了",
                    "`{field}` contains the noncharacter U+{code:04X}, which a Word file cannot hold"
                )
            };
            self.error(
                Diagnostic::error(message)
                    .code("bad-text")
                    .at(self.at(node))
                    .hint(tr!(
                        "这类字符多是从别处复制时带进来的；重新输入这段文字",
                        "such characters usually come in with copied text; retype this text"
                    )),
            );
            return None;
        }
        Some(text)
    }

    /// A `note:`, for the clerk only; one that starts with 待核对 is listed
    /// until someone confirms it and takes the word out.
    pub(super) fn note(&mut self, node: &Spanned<Tree>) {
        let Some(written) = self.scalar(node, "note") else {
            return;
        };
        if let Some(rest) = written.trim().strip_prefix(TO_CONFIRM) {
            let rest = rest.trim_start_matches(['：', ':', ' ']);
            self.warnings.push(
                Diagnostic::warning(tr!("待核对：{rest}", "to confirm: {rest}"))
                    .at(self.at(node))
                    .code("unconfirmed")
                    .hint(tr!(
                        "核对原稿，改好数据后删去这条 note（或删去“{TO_CONFIRM}”三字）",
                        "check against the original, fix the data, then remove this note (or the word {TO_CONFIRM})"
                    )),
            );
        }
    }

    /// A one-line value that may hold metric references, as plain text: a
    /// label, a unit, a title, which are not prose the marks follow.
    pub(super) fn line(&mut self, node: &Spanned<Tree>, field: &str) -> Option<String> {
        let text = self.figured_line(node, field)?;
        Some(crate::model::marks::strip(&text).into_owned())
    }

    /// A one-line value with its figures marked.
    fn figured_line(&mut self, node: &Spanned<Tree>, field: &str) -> Option<String> {
        let raw = self.scalar(node, field)?;
        let text = narrative::paragraphs(&self.resolve(&raw, node)).join("");
        if text.is_empty() {
            self.error(
                Diagnostic::error(tr!("`{field}` 不能为空", "`{field}` must not be empty"))
                    .code("empty-value")
                    .at(self.at(node)),
            );
        }
        Some(text)
    }

    /// A one-line value of prose (a heading, a point, a cell), marked as
    /// typed here.
    pub(super) fn typed_line(&mut self, node: &Spanned<Tree>, field: &str) -> Option<String> {
        let line = self.figured_line(node, field)?;
        Some(self.mark_typed(node, vec![line]).remove(0))
    }

    /// Text typed at `node`, marked so that what is said about any of its
    /// characters later points here.
    pub(super) fn mark_typed(&mut self, node: &Spanned<Tree>, texts: Vec<String>) -> Vec<String> {
        if !self.marks {
            return texts;
        }
        let offset = crate::source::yaml::byte_offset(node).unwrap_or(0);
        self.origins.typed(offset, texts)
    }

    pub(super) fn paragraphs(&mut self, node: &Spanned<Tree>, field: &str) -> Vec<String> {
        let Some(raw) = self.scalar(node, field) else {
            return Vec::new();
        };
        let paragraphs = narrative::paragraphs(&self.resolve(&raw, node));
        self.mark_typed(node, paragraphs)
    }

    /// A `true`/`false` field, false when absent.
    pub(super) fn flag(&mut self, fields: &Fields, key: &str) -> bool {
        match fields.get(key) {
            None => false,
            Some(Spanned {
                value: Tree::Bool(b),
                ..
            }) => *b,
            Some(other) => {
                self.error(
                    Diagnostic::error(tr!(
                        "{key} 只能写 true 或 false，写的是{}",
                        "{key} must be true or false, but is {}",
                        other.value.kind()
                    ))
                    .code("bad-type")
                    .at(self.at(other)),
                );
                false
            }
        }
    }

    /// A `true`/`false` field, `default` when absent.
    pub(super) fn flag_or(&mut self, fields: &Fields, key: &str, default: bool) -> bool {
        match fields.get(key) {
            None => default,
            Some(_) => self.flag(fields, key),
        }
    }

    pub(super) fn number(&mut self, node: &Spanned<Tree>, unit: &str) -> Option<(f64, u8)> {
        let at = self.at(node);
        let value = match &node.value {
            Tree::Number(value) if value.is_finite() => *value,
            Tree::Number(_) => {
                let (message, hint) = crate::source::yaml::not_finite();
                self.error(
                    Diagnostic::error(message)
                        .code("bad-text")
                        .at(at)
                        .hint(hint),
                );
                return None;
            }
            Tree::Text(text) if text.trim() == TO_FILL => {
                self.error(
                    Diagnostic::error(tr!(
                        "这个数还没有填",
                        "this figure is still to be filled in"
                    ))
                    .code("to-fill")
                    .at(at)
                    .hint(to_fill_hint(node.cell().is_some())),
                );
                return None;
            }
            Tree::Text(text) => {
                self.error(
                    Diagnostic::error(tr!(
                        "数值写成了文字 `{text}`",
                        "the value is text: `{text}`"
                    ))
                    .code("number-as-text")
                    .at(at)
                    .hint(if node.cell().is_some() {
                        cell_hint(text)
                    } else {
                        number_hint(text)
                    }),
                );
                return None;
            }
            other => {
                self.error(
                    Diagnostic::error(tr!(
                        "value 应是数字，写的是{}",
                        "value should be a number, but is {}",
                        other.kind()
                    ))
                    .code("bad-type")
                    .at(at)
                    .hint(tr!(
                        "只写数字，例如 value: 7200",
                        "write the number alone, e.g. value: 7200"
                    )),
                );
                return None;
            }
        };
        if value < 0.0 {
            self.error(
                Diagnostic::error(tr!("数值不能是负数：{value}", "the value cannot be negative: {value}")).code("negative-value")
                    .at(at)
                    .hint(tr!("报告中的数量都是正数；减少的情况用文字表述，或与上年比较时由 yoy 过滤器写成“同比下降”", "quantities in a report are positive; describe a decrease in words, or let the yoy filter write 同比下降")),
            );
            return None;
        }
        let raw = yaml::raw_text(self.file, node).unwrap_or("");
        // Within these bounds every figure a report holds is exact in an
        // f64 (integers up to 2^53 ≈ 9×10^15) and prints with the digits
        // typed; beyond them it is a typing slip, not a real figure.
        // A zero that was typed as something else (1e-400) underflowed.
        let mantissa = raw.split(['e', 'E']).next().unwrap_or("");
        let underflow = value == 0.0 && mantissa.chars().any(|c| c.is_ascii_digit() && c != '0');
        if value > MAX_FIGURE || (value > 0.0 && value < MIN_FIGURE) || underflow {
            self.error(
                Diagnostic::error(tr!(
                    "数值 {raw} 超出了报告数字的范围（0，或 0.000001 到 1000000000000000 之间）",
                    "the value {raw} is outside the range of a report's figures (0, or 0.000001 to 1000000000000000)"
                )).code("value-out-of-range")
                .at(at)
                .hint(tr!(
                    "核对这个数字和它的单位：很大的数改用万、亿作单位的说法由程序生成，不必多写 0；很小的数换一个更小的单位",
                    "check the figure and its unit: a very large number is probably mistyped; a very small one wants a smaller unit"
                )),
            );
            return None;
        }
        let decimals = raw.split_once('.').map_or(0, |(_, fraction)| {
            fraction.chars().filter(char::is_ascii_digit).count()
        });
        if COUNT_UNITS.contains(&unit) && value.fract() != 0.0 {
            self.error(
                Diagnostic::error(tr!(
                    "以“{unit}”计的数量不能是小数：{raw}",
                    "a count in “{unit}” cannot be fractional: {raw}"
                ))
                .code("fraction-of-count")
                .at(at)
                .hint(fraction_hint(node.cell().is_some())),
            );
            return None;
        }
        Some((value, decimals.min(10) as u8))
    }

    pub(super) fn date(&mut self, node: &Spanned<Tree>) -> Option<NaiveDate> {
        let text = self.scalar(node, "date")?;
        let Ok(date) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") else {
            self.error(
                Diagnostic::error(tr!("成文日期 `{}` 不是有效的日期", "the date of writing `{}` is not a valid date", text.trim())).code("bad-date")
                    .at(self.at(node))
                    .hint(tr!("按“年-月-日”写，例如 date: 2018-01-15；报告里会印成 2018年1月15日", "write it as year-month-day, e.g. date: 2018-01-15; the report prints 2018年1月15日")),
            );
            return None;
        };
        let year = i32::from(self.year);
        // A year's summary is written at the end of that year or early in the next.
        let earliest = NaiveDate::from_ymd_opt(year, 11, 1);
        let latest = NaiveDate::from_ymd_opt(year + 1, 6, 30);
        if date.year() < year {
            self.error(
                Diagnostic::error(tr!(
                    "成文日期 {} 早于 {year} 年，总结不能写在所总结的年份之前",
                    "the date of writing {} is before {year}; a summary cannot predate its year",
                    numbers::date(date)
                ))
                .code("date-before-year")
                .at(self.at(node))
                .hint(tr!(
                    "成文日期通常在 {year} 年年底或 {} 年年初",
                    "the date is usually at the end of {year} or early in {}",
                    year + 1
                )),
            );
        } else if Some(date) < earliest || Some(date) > latest {
            self.warnings.push(
                Diagnostic::warning(tr!(
                    "成文日期 {} 不像 {year} 年工作总结的日期",
                    "the date of writing {} is unusual for a summary of {year}",
                    numbers::date(date)
                ))
                .at(self.at(node))
                .code("unusual-date")
                .hint(tr!(
                    "年度总结的成文日期通常在 {year} 年 11 月至 {} 年 6 月之间；请核对。半年总结等别的报告，可在 report.yaml 里写 allow: [unusual-date]",
                    "a year's summary is usually dated between November {year} and June {}; please check. For a half-year summary or another kind of report, write allow: [unusual-date] in report.yaml",
                    year + 1
                )),
            );
        }
        Some(date)
    }

    /// `scale: 万` or `scale: 亿`.
    pub(super) fn scale(&mut self, node: &Spanned<Tree>) -> Option<Scale> {
        let scale = match &node.value {
            Tree::Text(word) => Scale::parse(word.trim()),
            _ => None,
        };
        if scale.is_none() {
            self.error(
                Diagnostic::error(tr!("scale 只能写 万 或 亿", "scale can only be 万 or 亿"))
                    .code("bad-value")
                    .at(self.at(node))
                    .hint(tr!(
                        "value 照原数写（504000），scale: 万 印成“50.4万”",
                        "type value in full (504000); scale: 万 prints 50.4万"
                    )),
            );
        }
        scale
    }

    /// `script: traditional` (or 繁体, zh-Hant).
    pub(super) fn script_of(&mut self, node: &Spanned<Tree>) -> Script {
        let script = match &node.value {
            Tree::Text(word) => Script::parse(word),
            _ => None,
        };
        script.unwrap_or_else(|| {
            self.error(
                Diagnostic::error(tr!(
                    "script 只能写 simplified（简体）或 traditional（繁体）",
                    "script can only be simplified or traditional"
                ))
                .code("bad-value")
                .at(self.at(node)),
            );
            Script::default()
        })
    }

    /// A unit that starts with 万 or 亿 makes sums, rates and 余 wrong.
    pub(super) fn check_unit(
        &mut self,
        key: &Spanned<String>,
        unit: &str,
        scale: Option<Scale>,
        approximation: Approximation,
    ) {
        let Some(word) = unit.chars().next().filter(|c| "万亿萬億".contains(*c)) else {
            return;
        };
        let base = &unit[word.len_utf8()..];
        if base.is_empty() || scale.is_some() {
            return;
        }
        let word = if "万萬".contains(word) {
            "万"
        } else {
            "亿"
        };
        let mut message = tr!(
            "单位“{unit}”里带着“{word}”：合计、同比和约数都要按原数计算",
            "the unit “{unit}” has “{word}” in it: totals, rates and approximations want the figure in full"
        );
        if matches!(
            approximation,
            Approximation::Over | Approximation::OverAsTyped(_)
        ) {
            message.push_str(&tr!(
                "；约数会印成“1余{word}{base}”",
                "; as approx it prints “1余{word}{base}”"
            ));
        }
        self.warnings.push(
            Diagnostic::warning(message).code("text-warning")
                .at(self.at(key))
                .hint(tr!(
                    "unit 写“{base}”，value 写原数（1.17{word} 写成 {}），再加 scale: {word}；报告照样印成“1.17{word}{base}”",
                    "write unit “{base}”, value in full (1.17{word} as {}), and scale: {word}; the report still prints “1.17{word}{base}”",
                    if word == "万" { "11700" } else { "117000000" }
                )),
        );
    }

    pub(super) fn list<'t>(&mut self, node: &'t Spanned<Tree>, field: &str) -> &'t [Spanned<Tree>] {
        match &node.value {
            Tree::List(items) => items,
            other => {
                self.error(
                    Diagnostic::error(tr!(
                        "`{field}` 应是列表（每项以 - 开头），写的是{}",
                        "`{field}` should be a list (each item starting with -), but is {}",
                        other.kind()
                    ))
                    .code("bad-type")
                    .at(self.at(node)),
                );
                &[]
            }
        }
    }

    /// A table cell: text with metric references, or a bare number as typed.
    pub(super) fn cell(&mut self, node: &Spanned<Tree>, field: &str) -> Option<String> {
        match &node.value {
            Tree::Null => Some(String::new()),
            Tree::Text(text) if text.trim().is_empty() => Some(String::new()),
            _ => self.typed_line(node, field),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{loaded, refused, year};

    #[test]
    fn a_figure_too_small_for_a_number_is_refused_not_printed_as_zero() {
        for typed in ["1e-400", "0.5e-330"] {
            let found = refused(&with_value(typed, "㎡"));
            assert!(found[0].0.contains(typed), "{typed}: {found:?}");
        }
        // A zero typed as zero stays a zero.
        for typed in ["0", "0.0", "0e5"] {
            loaded(&with_value(typed, "㎡"));
        }
    }

    #[test]
    fn characters_a_word_file_cannot_hold_are_refused_where_they_stand() {
        // Typed as they are, the YAML parser refuses them; written as an
        // escape in double quotes they reach the text, and are refused there.
        let text = |typed: &str| year("").replace("完成了工作。", &format!("\"完成{typed}\""));
        for (typed, code) in [
            ("\\uFFFE", "U+FFFE"),
            ("\\uFFFF", "U+FFFF"),
            ("\\uFDD0", "U+FDD0"),
            ("\\u0001", "U+0001"),
        ] {
            let found = refused(&text(typed));
            assert!(
                found
                    .iter()
                    .any(|(message, line, _)| message.contains(code) && *line == 5),
                "{typed}: {found:?}"
            );
        }
        let found = refused(&year("").replace("完成了工作。", "完成\u{FFFE}"));
        assert_eq!(found[0].1, 5, "{found:?}");
    }

    fn with_value(value: &str, unit: &str) -> String {
        year(&format!(
            "metrics:\n  trees:\n    label: 栽树\n    value: {value}\n    unit: {unit}\n"
        ))
        .replace("完成了工作。", "栽树{trees}。")
    }

    #[test]
    fn a_date_is_printed_in_chinese_and_kept_as_iso() {
        let report = loaded(&year("")).report;
        assert_eq!(report.date.text, "2017年12月28日");
        assert_eq!(report.date.iso, "2017-12-28");
    }

    #[test]
    fn a_date_in_words_is_refused_at_its_value() {
        let found = refused(&year("").replace("2017-12-28", "2017年12月28日"));
        assert_eq!((found[0].1, found[0].2), (3, 7), "{found:?}");
    }

    #[test]
    fn decimals_are_kept_as_typed() {
        let report = loaded(&with_value("2.50", "公里")).report;
        assert_eq!(report.metrics[0].decimals, 2);
        assert_eq!(report.metrics[0].text.as_deref(), Some("2.50公里"));
    }

    #[test]
    fn a_count_is_a_whole_number() {
        let found = refused(&with_value("2.5", "株"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, 11, "{found:?}");
    }

    #[test]
    fn numbers_typed_as_text_are_refused_with_the_line() {
        for typed in ["30余", "３０", "2万", ".nan"] {
            let found = refused(&with_value(typed, "株"));
            assert_eq!((found[0].1, found[0].2), (11, 12), "{typed}: {found:?}");
        }
    }
}
