//! Loading `data/<YEAR>.yaml`: read, parse, validate, and build the
//! [`Report`] model. Every problem is collected, not just the first, and each
//! names the file, line and column.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::{Deserialize, Deserializer};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::error::Error;
use crate::model::{self, MAX_LEVEL, Metric, Node, PartKind, Report};
use crate::narrative::{self, Piece};
use crate::yaml::{self, Spanned};

/// A year file is a few kilobytes; anything this large is not one.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A loaded report and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub report: Report,
    pub warnings: Vec<Diagnostic>,
}

/// The data file of `year` under `data_dir`.
pub fn year_file(data_dir: &Path, year: u16) -> PathBuf {
    data_dir.join(format!("{year}.yaml"))
}

/// The years that have a data file, in order.
pub fn available_years(data_dir: &Path) -> Vec<u16> {
    let mut years: Vec<u16> = fs::read_dir(data_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name();
            let stem = name.to_str()?.strip_suffix(".yaml")?;
            (stem.len() == 4).then(|| stem.parse().ok()).flatten()
        })
        .collect();
    years.sort_unstable();
    years
}

/// Reads and validates one year. `shown_as` is the path printed in messages.
pub fn load(data_dir: &Path, year: u16, shown_as: &str) -> Result<Loaded, Error> {
    let path = year_file(data_dir, year);
    let file = read_source(&path, shown_as).map_err(|error| match error {
        Error::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            Error::YearNotFound {
                year,
                path: shown_as.to_string(),
                available: available_years(data_dir),
            }
        }
        other => other,
    })?;
    let raw: RawReport = yaml::parse(&file)?;
    Builder::new(&file, year).build(&raw)
}

/// Reads a text file for parsing, refusing what cannot be a data file.
pub fn read_source(path: &Path, shown_as: &str) -> Result<SourceFile, Error> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::Invalid(vec![
            Diagnostic::error(format!(
                "`{shown_as}` 有 {size} 字节，超过了数据文件的上限 {MAX_FILE_BYTES} 字节"
            ))
            .hint("一年的数据通常只有几千字节；请确认选对了文件"),
        ]));
    }
    let bytes = fs::read(path).map_err(read_error)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(shown_as, text)),
        Err(error) => {
            let bytes = error.as_bytes();
            let valid = error.utf8_error().valid_up_to();
            let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |s| s.chars().count()) + 1;
            let preview = String::from_utf8_lossy(bytes)
                .lines()
                .nth(line - 1)
                .unwrap_or("")
                .to_string();
            let file = SourceFile::new(shown_as, preview);
            Err(Error::Invalid(vec![
                Diagnostic::error(format!("`{shown_as}` 不是 UTF-8 编码的文本"))
                    .at(file.at(1, column, 1))
                    .label(format!("第 {line} 行第 {column} 列起无法按 UTF-8 读取"))
                    .hint(
                        "文件可能是 Windows 记事本保存的 GBK/ANSI 编码：用记事本打开，\
                         “另存为”时把编码选为 UTF-8；或运行 iconv -f GBK -t UTF-8",
                    ),
            ]))
        }
    }
}

// ---- The data file as typed -------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    year: Option<Spanned<i64>>,
    topic: Spanned<String>,
    title: Option<Spanned<String>>,
    issuer: Spanned<String>,
    date: Spanned<String>,
    intro: Option<Spanned<String>>,
    #[serde(default)]
    metrics: IndexMap<Spanned<String>, Spanned<RawMetric>>,
    work: Option<Spanned<RawNode>>,
    innovations: Option<Spanned<RawNode>>,
    problems: Option<Spanned<RawNode>>,
    plan: Option<Spanned<RawNode>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetric {
    label: Spanned<String>,
    #[serde(default)]
    value: RawValue,
    unit: Spanned<String>,
    #[serde(default)]
    approx: bool,
    /// Free text for the clerk (sources, doubts); never printed.
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    heading: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
    #[serde(default)]
    points: Vec<Spanned<String>>,
    #[serde(default)]
    items: Vec<Spanned<RawNode>>,
}

/// A figure as typed: a YAML number, or text where a number belongs.
#[derive(Debug)]
enum RawNumber {
    Number(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for RawNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawNumber;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawNumber, E> {
                Ok(RawNumber::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawNumber, E> {
                Ok(RawNumber::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawNumber, E> {
                Ok(RawNumber::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawNumber, E> {
                Ok(RawNumber::Text(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawNumber, E> {
                Ok(RawNumber::Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A metric's `value`: absent is an error, `~` marks the figure as unknown
/// (the build says so), anything else is the figure.
#[derive(Debug, Default)]
enum RawValue {
    #[default]
    Missing,
    Unknown,
    Given(Spanned<RawNumber>),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(
            match Option::<Spanned<RawNumber>>::deserialize(deserializer)? {
                Some(number) => Self::Given(number),
                None => Self::Unknown,
            },
        )
    }
}

// ---- Validation and model building -------------------------------------------

struct Builder<'a> {
    file: &'a SourceFile,
    year: u16,
    metrics: HashMap<String, Metric>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Builder<'a> {
    fn new(file: &'a SourceFile, year: u16) -> Self {
        Self {
            file,
            year,
            metrics: HashMap::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn error(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    fn build(mut self, raw: &RawReport) -> Result<Loaded, Error> {
        let year = i32::from(self.year);
        if let Some(typed) = &raw.year
            && typed.value != i64::from(self.year)
        {
            let at = yaml::location(self.file, typed);
            self.error(
                Diagnostic::error(format!(
                    "文件名是 {} 年，文件里写的 year 却是 {}",
                    self.year, typed.value
                ))
                .at(at)
                .hint("改正 year，或者把文件改名为正确的年份；year 也可以不写"),
            );
        }
        let metrics = self.metrics(&raw.metrics);
        let topic = self.plain(&raw.topic, "topic");
        let issuer = self.plain(&raw.issuer, "issuer");
        let date = self.date(&raw.date);
        let title_lines = match &raw.title {
            Some(title) => vec![self.plain(title, "title")],
            None => vec![
                format!("{year}年{topic}工作总结"),
                format!("及{}年工作计划", year + 1),
            ],
        };
        let title = title_lines.concat();
        let intro = raw
            .intro
            .as_ref()
            .map(|intro| self.paragraphs(intro))
            .unwrap_or_default();
        let mut parts = Vec::new();
        let sources = [&raw.work, &raw.innovations, &raw.problems, &raw.plan];
        for (kind, source) in PartKind::ALL.into_iter().zip(sources) {
            if let Some(node) = source {
                let number = model::heading_number(1, parts.len() + 1);
                let mut part = self.node(node, 1, number);
                part.kind = Some(kind);
                if part.heading.is_none() {
                    part.heading = Some(kind.default_heading(year + 1));
                }
                parts.push(part);
            }
        }
        let (Some(date), true) = (date, self.errors.is_empty()) else {
            return Err(Error::Invalid(self.errors));
        };
        Ok(Loaded {
            report: Report {
                year,
                next_year: year + 1,
                topic,
                title,
                title_lines,
                issuer,
                date: date.into(),
                intro,
                parts,
                metrics,
            },
            warnings: self.warnings,
        })
    }

    fn metrics(&mut self, raw: &IndexMap<Spanned<String>, Spanned<RawMetric>>) -> Vec<Metric> {
        let mut out = Vec::new();
        for (key, metric) in raw {
            let key_at = yaml::location(self.file, key);
            if !narrative::is_key(&key.value) {
                self.error(
                    Diagnostic::error(format!("指标名 `{}` 不合规", key.value))
                        .at(key_at.clone())
                        .hint(
                            "指标名只用英文字母、数字和下划线，且不以数字开头，\
                             例如 roof_tiles；中文名称写在 label 里",
                        ),
                );
            }
            let label = self.plain(&metric.value.label, "label");
            let unit = self.plain(&metric.value.unit, "unit");
            let (value, decimals) = match &metric.value.value {
                RawValue::Missing => {
                    self.error(
                        Diagnostic::error(format!("指标 `{}` 缺少 value", key.value))
                            .at(key_at.clone())
                            .hint("写上数值，例如 value: 7200；数字暂缺时写 value: ~ 表示未知"),
                    );
                    (None, 0)
                }
                RawValue::Unknown => {
                    self.warnings.push(
                        Diagnostic::warning(format!(
                            "指标 `{}`（{label}）没有数值，报告中不会出现这个数字",
                            key.value
                        ))
                        .at(key_at.clone())
                        .hint("核实后在 value 处填上数字"),
                    );
                    (None, 0)
                }
                RawValue::Given(number) => self.number(number),
            };
            let metric = Metric::new(
                key.value.clone(),
                label,
                value,
                decimals,
                unit,
                metric.value.approx,
            );
            self.metrics.insert(key.value.clone(), metric.clone());
            out.push(metric);
        }
        out
    }

    fn number(&mut self, number: &Spanned<RawNumber>) -> (Option<f64>, u8) {
        let at = yaml::location(self.file, number);
        match &number.value {
            RawNumber::Number(value) if value.is_finite() => {
                let raw = yaml::raw_text(self.file, number).unwrap_or("");
                let decimals = raw.split_once('.').map_or(0, |(_, fraction)| {
                    fraction.chars().filter(char::is_ascii_digit).count()
                });
                (Some(*value), decimals.min(10) as u8)
            }
            RawNumber::Number(_) => {
                self.error(
                    Diagnostic::error("数值必须是有限的数字")
                        .at(at)
                        .hint("写一个普通的数字，例如 7200"),
                );
                (None, 0)
            }
            RawNumber::Text(text) => {
                self.error(
                    Diagnostic::error(format!("数值写成了文字 `{text}`"))
                        .at(at)
                        .hint(number_hint(text)),
                );
                (None, 0)
            }
        }
    }

    fn date(&mut self, raw: &Spanned<String>) -> Option<NaiveDate> {
        let text = raw.value.trim();
        let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        if parsed.is_none() {
            let at = yaml::location(self.file, raw);
            self.error(
                Diagnostic::error(format!("成文日期 `{text}` 不是有效的日期"))
                    .at(at)
                    .hint("按“年-月-日”写，例如 date: 2018-01-15；报告里会印成 2018年1月15日"),
            );
        }
        parsed
    }

    /// A one-line value that may hold metric references.
    fn plain(&mut self, raw: &Spanned<String>, field: &str) -> String {
        let text = self.resolve(raw).trim().to_string();
        if text.is_empty() {
            let at = yaml::location(self.file, raw);
            self.error(Diagnostic::error(format!("`{field}` 不能为空")).at(at));
        }
        text
    }

    fn paragraphs(&mut self, raw: &Spanned<String>) -> Vec<String> {
        narrative::paragraphs(&self.resolve(raw))
    }

    /// Replaces `{key}` references with the metric's text, reporting each
    /// reference that names no metric or a metric without a value.
    fn resolve(&mut self, raw: &Spanned<String>) -> String {
        let mut out = String::with_capacity(raw.value.len());
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for piece in narrative::pieces(&raw.value) {
            let key = match piece {
                Piece::Text(text) => {
                    out.push_str(text);
                    continue;
                }
                Piece::Ref { key, .. } => key,
            };
            let nth = seen.entry(key).and_modify(|n| *n += 1).or_insert(0);
            let nth = *nth;
            match self.metrics.get(key).map(|m| m.text.clone()) {
                Some(Some(text)) => out.push_str(&text),
                Some(None) => {
                    let at = self.reference_location(raw, key, nth);
                    self.error(
                        Diagnostic::error(format!("指标 `{key}` 没有数值，不能印在正文里"))
                            .at(at)
                            .hint(format!(
                                "在 metrics 里填上 {key} 的 value，或从这段文字中删去 {{{key}}}"
                            )),
                    );
                }
                None => {
                    let at = self.reference_location(raw, key, nth);
                    let known: Vec<&str> = self.metrics.keys().map(String::as_str).collect();
                    let mut hint = "先在 metrics 里定义这个指标，或改正拼写".to_string();
                    if let Some(near) = yaml::closest(key, &known) {
                        hint = format!("是不是想写 {{{near}}}？");
                    }
                    self.error(
                        Diagnostic::error(format!("没有名为 `{key}` 的指标"))
                            .at(at)
                            .hint(hint),
                    );
                }
            }
        }
        out
    }

    /// The `nth` occurrence of `{key}` in the source after the value's start:
    /// exact even inside block scalars, whose lines are re-indented.
    fn reference_location(
        &self,
        raw: &Spanned<String>,
        key: &str,
        nth: usize,
    ) -> crate::diagnostic::Location {
        let needle = format!("{{{key}}}");
        let found = yaml::byte_offset(raw).and_then(|start| {
            self.file.text[start.min(self.file.text.len())..]
                .match_indices(&needle)
                .nth(nth)
                .map(|(i, _)| start + i)
        });
        match found {
            Some(offset) => self.file.at_byte(offset, needle.chars().count()),
            None => yaml::location(self.file, raw),
        }
    }

    fn node(&mut self, raw: &Spanned<RawNode>, level: u8, number: String) -> Node {
        let node = &raw.value;
        if node.heading.is_none()
            && node.text.is_none()
            && node.points.is_empty()
            && node.items.is_empty()
        {
            let at = yaml::location(self.file, raw);
            self.error(
                Diagnostic::error("空的条目：既没有 heading，也没有 text")
                    .at(at)
                    .hint("给条目写上 heading（小标题）或 text（正文），或者删去它"),
            );
        }
        let heading = node.heading.as_ref().map(|h| self.plain(h, "heading"));
        let mut paragraphs = node
            .text
            .as_ref()
            .map(|t| self.paragraphs(t))
            .unwrap_or_default();
        if !node.points.is_empty() {
            let points: Vec<String> = node
                .points
                .iter()
                .map(|p| narrative::paragraphs(&self.resolve(p)).concat())
                .collect();
            let sentence = model::enumerate_points(&points);
            // 一是/二是 continue the paragraph that introduces them.
            match paragraphs.last_mut() {
                Some(last) => last.push_str(&sentence),
                None => paragraphs.push(sentence),
            }
        }
        let mut items = Vec::new();
        let mut headed = 0;
        for item in &node.items {
            if level == MAX_LEVEL {
                let at = yaml::location(self.file, item);
                self.error(
                    Diagnostic::error(format!("层级太深：公文的结构层次最多 {MAX_LEVEL} 层"))
                        .at(at)
                        .hint("一、（一）1.（1）之下不能再分；把这些内容并入上一层的 text"),
                );
                continue;
            }
            let number = if item.value.heading.is_some() {
                headed += 1;
                model::heading_number(level + 1, headed)
            } else {
                String::new()
            };
            items.push(self.node(item, level + 1, number));
        }
        Node {
            kind: None,
            level,
            number: if heading.is_some() || level == 1 {
                number
            } else {
                String::new()
            },
            heading,
            paragraphs,
            items,
        }
    }
}

/// How to write a number that was typed as text.
fn number_hint(text: &str) -> String {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect();
    let digits: String = ascii
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if ascii.contains('余') || ascii.contains('多') || ascii.ends_with('+') {
        format!(
            "约数写成数字再加 approx: true，例如 value: {digits} 和 approx: true，报告会印成“{digits}余”"
        )
    } else if ascii.contains('万') || ascii.contains('亿') {
        "以万、亿为单位的数请写出全部数字，例如 2万 写成 20000；报告会按规则印出".to_string()
    } else if ascii != text {
        format!("请用半角阿拉伯数字，例如 value: {ascii}")
    } else {
        "value 只写数字（不加引号、单位或文字），单位写在 unit 里".to_string()
    }
}
