//! Loading `data/<YEAR>.yaml`: read, parse, validate, and build the
//! [`Report`] model. Every problem is collected, not just the first, and each
//! names the file, line and column.

mod figures;
mod frame;
mod hints;
pub(crate) mod keys;
mod outline;
mod references;
mod rules;
mod values;

use crate::source::files;
use crate::tr;
use keys::TOP_KEYS;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Location, SourceFile};
use crate::error::{Error, Findings, Outcome, found};
use crate::model::script::Script;
use crate::model::{Metric, Report};
use crate::source::provenance::{Origins, Place};
use crate::source::yaml::{self, Spanned, Tree};

/// The largest and smallest (non-zero) figure a report may hold.
const MAX_FIGURE: f64 = 1e15;
const MIN_FIGURE: f64 = 1e-6;
/// The years a report may be for: from the founding of the People's
/// Republic, whose offices write these reports, to a plan year that still
/// has four digits with room to spare.
pub(crate) const YEARS: std::ops::RangeInclusive<u16> = 1949..=2100;

/// A loaded report and the warnings found on the way.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) report: Report,
    pub(crate) warnings: Vec<Diagnostic>,
    /// The data file, for messages that point into it.
    pub(crate) file: SourceFile,
    /// Where each metric is defined.
    pub(crate) metric_locations: HashMap<String, Location>,
    /// Metrics the narrative refers to.
    pub(crate) used: HashSet<String>,
    /// Where each plan target is set.
    pub(crate) target_locations: HashMap<String, Location>,
    /// Metrics that must equal the sum of the child units' (`rollup: sum`).
    pub(crate) rollups: HashSet<String>,
    /// What the marks in the report's text name (see [`crate::model::marks`]).
    pub(crate) origins: Origins,
    /// Where each figure is typed: `key` for the value, `key.target`,
    /// `key.change`, `key.completion` for the others, `key.plan` for the
    /// value of a target the plan sets for next year.
    pub(crate) sources: HashMap<String, Place>,
}

/// Reads and validates one year. `shown_as` is the path printed in messages.
pub(crate) fn load(data_dir: &Path, year: u16, shown_as: &str) -> Outcome<Loaded> {
    load_marked(data_dir, year, shown_as, true)
}

/// Reads and validates another year, for its figures (last year's, a
/// child unit's): its text is not printed, so it is not marked.
pub(crate) fn load_figures(data_dir: &Path, year: u16, shown_as: &str) -> Outcome<Loaded> {
    load_marked(data_dir, year, shown_as, false)
}

fn load_marked(data_dir: &Path, year: u16, shown_as: &str, marks: bool) -> Outcome<Loaded> {
    if !YEARS.contains(&year) {
        return Ok(Err(Findings::one(
            Diagnostic::error(tr!(
                "`{shown_as}`：年份 {year} 不在 {}–{} 之内",
                "`{shown_as}`: the year {year} is outside {}–{}",
                YEARS.start(),
                YEARS.end()
            ))
            .code("year-out-of-range")
            .hint(tr!(
                "文件名应是报告的年份，例如 2017.yaml",
                "the file is named for the report's year, e.g. 2017.yaml"
            )),
        )));
    }
    let path = files::year_file(data_dir, year);
    let file = found!(
        files::read_source(&path, shown_as).map_err(|error| match error {
            Error::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                Error::YearNotFound {
                    year,
                    path: shown_as.to_string(),
                    available: files::available_years(data_dir).unwrap_or_default(),
                    new: None,
                }
            }
            other => other,
        })
    );
    let mut tree = match yaml::parse_tree(&file) {
        Ok(tree) => tree,
        Err(findings) => return Ok(Err(findings)),
    };
    let filled = crate::source::workbook::fill(&mut tree, data_dir, year, &file);
    if filled.refused {
        return Ok(Err(Findings(filled.errors)));
    }
    let mut builder = Builder::new(&file, year);
    builder.marks = marks;
    builder.warnings = filled.warnings;
    let mut problems = filled.errors;
    Ok(match builder.build(&tree) {
        Ok(loaded) if problems.is_empty() => Ok(loaded),
        Ok(loaded) => {
            problems.extend(loaded.warnings);
            Err(Findings(problems))
        }
        Err(Findings(more)) => {
            problems.extend(more);
            Err(Findings(problems))
        }
    })
}

/// Parses and validates the text of a year's data file.
pub(crate) fn parse(file: &SourceFile, year: u16) -> Result<Loaded, Findings> {
    let tree = yaml::parse_tree(file)?;
    Builder::new(file, year).build(&tree)
}

/// The entries of a YAML mapping, checked against the keys it may hold.
struct Fields<'t> {
    node: &'t Spanned<Tree>,
    entries: &'t [(Spanned<String>, Spanned<Tree>)],
    /// The allowed keys its unknown keys look like misspellings of: a
    /// required one among them is not reported missing as well.
    meant: Vec<String>,
}

impl<'t> Fields<'t> {
    /// The value of `key`; an explicit `~` counts as absent.
    fn get(&self, key: &str) -> Option<&'t Spanned<Tree>> {
        self.entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v.value, Tree::Null))
    }

    /// The value of `key` even when it is `~`.
    fn get_raw(&self, key: &str) -> Option<&'t Spanned<Tree>> {
        self.entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, v)| v)
    }
}

// ---- Validation and model building -------------------------------------------

struct Builder<'a> {
    file: &'a SourceFile,
    year: u16,
    metrics: HashMap<String, Metric>,
    /// Metrics whose definition is wrong (already reported): references to
    /// them are not reported again.
    broken: HashSet<String>,
    used: HashSet<String>,
    metric_locations: HashMap<String, Location>,
    target_locations: HashMap<String, Location>,
    rollups: HashSet<String>,
    origins: Origins,
    sources: HashMap<String, Place>,
    /// The file's name, shared by every figure's place.
    name: std::sync::Arc<str>,
    /// Whether text and figures are marked with where they came from: not
    /// for a year read only for its figures.
    marks: bool,
    /// Inside the plan part, where targets may be set.
    in_plan: bool,
    /// Reading an entry of `parts:`, which may say its `kind`.
    listed: bool,
    script: Script,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Builder<'a> {
    fn new(file: &'a SourceFile, year: u16) -> Self {
        Self {
            file,
            year,
            metrics: HashMap::new(),
            broken: HashSet::new(),
            used: HashSet::new(),
            metric_locations: HashMap::new(),
            target_locations: HashMap::new(),
            rollups: HashSet::new(),
            origins: Origins::default(),
            sources: HashMap::new(),
            name: file.name.as_str().into(),
            marks: true,
            in_plan: false,
            listed: false,
            script: Script::default(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn error(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    /// Where `node` stands, for a figure's source.
    fn place(&self, node: &Spanned<impl Sized>) -> Place {
        let (line, column) = yaml::line_column(node);
        if let Some(cell) = node.cell() {
            return Place {
                file: cell.location.file.as_str().into(),
                line,
                column,
                cell: cell.location.cell.as_deref().map(Into::into),
            };
        }
        Place {
            file: self.name.clone(),
            line,
            column,
            cell: None,
        }
    }

    fn at(&self, node: &Spanned<impl Sized>) -> Location {
        yaml::location(self.file, node)
    }

    fn build(mut self, root: &Spanned<Tree>) -> Result<Loaded, Findings> {
        let year = i32::from(self.year);
        if matches!(root.value, Tree::Null) {
            self.error(Diagnostic::error(tr!("文件是空的", "the file is empty")).code("empty-file").hint(
                tr!("至少要写 topic、issuer、date 和 work、problems、plan；可以照 report init 写出的 data/2017.yaml 的样子写", "write at least topic, issuer, date and work, problems, plan; see the data/2017.yaml that report init writes"),
            ));
            return Err(Findings(self.errors));
        }
        let Some(top) = self.fields(
            root,
            &tr!("数据文件的最外层", "the top level of the data file"),
            TOP_KEYS,
        ) else {
            return Err(Findings(self.errors));
        };
        if let Some(typed) = top.get("year") {
            let matches =
                matches!(typed.value, Tree::Number(n) if (n - f64::from(year)).abs() < 1e-9);
            if !matches {
                let written = yaml::raw_text(self.file, typed).unwrap_or("").to_string();
                self.error(
                    Diagnostic::error(tr!("文件名是 {year} 年，文件里写的 year 却是 {written}", "the file is named for {year}, but its year says {written}"
                    )).code("year-mismatch")
                    .at(self.at(typed))
                    .hint(tr!("改正 year，或者把文件改名为正确的年份；year 也可以不写", "correct year, or rename the file to the right year; year may also be left out")),
                );
            }
        }
        if let Some(script) = top.get("script") {
            self.script = self.script_of(script);
        }
        let metrics = self.metrics(top.get("metrics"));
        let topic = self
            .required_text(&top, "topic", &tr!("主题", "topic"))
            .unwrap_or_default();
        let addressee = top
            .get("addressee")
            .and_then(|a| self.typed_line(a, "addressee"))
            .map(|a| crate::model::marks::trim_end_matches(&a, &[':', '：']).0);
        let (signature, issuer) = self.signature(&top);
        let date = match top.get("date") {
            Some(date) => self.date(date),
            None => self.missing(&top, "date", &tr!("成文日期", "date of writing")),
        };
        let (title, title_lines) = self.title(&top, &topic);
        let intro = top
            .get("intro")
            .map(|intro| self.paragraphs(intro, "intro"))
            .unwrap_or_default();
        let parts = self.parts(root, &top);
        let (masthead, attachments, imprint) = self.frame(&top);
        let (Some(date), true) = (date, self.errors.is_empty()) else {
            // Warnings found on the way are still worth reading; all in the
            // order of the file, as a clerk works through it.
            self.errors.append(&mut self.warnings);
            self.errors
                .sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
            return Err(Findings(self.errors));
        };
        Ok(Loaded {
            report: Report {
                year,
                next_year: year + 1,
                topic,
                title,
                title_lines,
                issuer,
                addressee,
                masthead,
                attachments,
                imprint,
                signature,
                script: self.script,
                lang: self.script.html_lang(),
                date: date.into(),
                intro,
                parts,
                metrics,
                comparisons: Vec::new(),
                outcomes: Vec::new(),
                charts: Vec::new(),
            },
            warnings: self.warnings,
            file: self.file.clone(),
            metric_locations: self.metric_locations,
            used: self.used,
            target_locations: self.target_locations,
            rollups: self.rollups,
            origins: self.origins,
            sources: self.sources,
        })
    }

    /// The title as typed (`title:`) or made around the topic, marked as
    /// typed there, and cut into its lines.
    fn title(&mut self, top: &Fields, topic: &str) -> (String, Vec<String>) {
        let year = i32::from(self.year);
        let title = match top.get("title") {
            Some(title) => self.line(title, "title").unwrap_or_default(),
            None => format!(
                "{year}年{topic}{}{}{}",
                self.script.words("工作总结及"),
                year + 1,
                self.script.words("年工作计划")
            ),
        };
        let lines = crate::model::title_lines(&title);
        self.check_years(&title, top.get("title"));
        let title = match top.get("title").or(top.get("topic")) {
            Some(node) => self.mark_typed(node, vec![title]).remove(0),
            None => title,
        };
        (title, lines)
    }

    /// The entries of a mapping, or an error saying this should be one.
    fn entries<'t>(
        &mut self,
        node: &'t Spanned<Tree>,
        what: &str,
    ) -> Option<&'t [(Spanned<String>, Spanned<Tree>)]> {
        if let Tree::Map(entries) = &node.value {
            return Some(entries);
        }
        self.error(
            Diagnostic::error(tr!("{what}应当是“键: 值”的写法，写的是{}", "{what} should be `key: value` pairs, but is {}",
                node.value.kind()
            )).code("bad-structure")
            .at(self.at(node))
            .hint(tr!("每行写成“键: 值”，下一层比上一层多缩进两个空格", "write one `key: value` per line, each level indented two spaces more than its parent")),
        );
        None
    }

    /// A mapping's fields; every key it may not hold is reported.
    fn fields<'t>(
        &mut self,
        node: &'t Spanned<Tree>,
        what: &str,
        allowed: &[&str],
    ) -> Option<Fields<'t>> {
        let entries = self.entries(node, what)?;
        let mut meant = Vec::new();
        for (key, _) in entries {
            if allowed.contains(&key.value.as_str()) {
                continue;
            }
            meant.extend(yaml::closest(&key.value, allowed).map(str::to_string));
            let (message, hint) = yaml::unknown_key(&key.value, allowed);
            self.error(
                Diagnostic::error(message)
                    .code("unknown-key")
                    .at(self.at(key))
                    .hint(hint),
            );
        }
        Some(Fields {
            node,
            entries,
            meant,
        })
    }

    fn missing<T>(&mut self, fields: &Fields, key: &str, what: &str) -> Option<T> {
        // `topik:` is already an error that asks “是不是想写 `topic`？”.
        if fields.meant.iter().any(|meant| meant == key) {
            return None;
        }
        self.error(
            Diagnostic::error(tr!(
                "缺少必填的键 `{key}`（{what}）",
                "missing required key `{key}` ({what})"
            ))
            .code("missing-key")
            .at(self.at(fields.node))
            .hint(tr!(
                "在这一层加上 `{key}: …`",
                "add `{key}: …` at this level"
            )),
        );
        None
    }

    /// A required one-line value of the document's text (the 署名, the
    /// 发文机关标志), marked as typed.
    fn typed_text(&mut self, fields: &Fields, key: &str, what: &str) -> Option<String> {
        let text = self.required_text(fields, key, what)?;
        match fields.get(key) {
            Some(node) => Some(self.mark_typed(node, vec![text]).remove(0)),
            None => Some(text),
        }
    }

    fn required_text(&mut self, fields: &Fields, key: &str, what: &str) -> Option<String> {
        match fields.get(key) {
            Some(node) => self.line(node, key),
            None => self.missing(fields, key, what),
        }
    }
}

/// What the pieces' unit tests share: a data file from text, loaded or
/// refused.
#[cfg(test)]
pub(super) mod testing {
    use super::{Diagnostic, Findings, Loaded, SourceFile, parse};

    /// The smallest valid year, with `extra` added at the top level.
    pub(super) fn year(extra: &str) -> String {
        format!(
            "topic: 测试\nissuer: 某办\ndate: 2017-12-28\nwork:\n  text: 完成了工作。\nproblems: {{text: 问题尚多。}}\nplan: {{text: 继续推进。}}\n{extra}"
        )
    }

    pub(super) fn loaded(text: &str) -> Loaded {
        match parse(&SourceFile::new("data/2017.yaml", text), 2017) {
            Ok(loaded) => loaded,
            Err(error) => panic!("{error:?}\n{text}"),
        }
    }

    /// The errors, with the line and column of each.
    pub(super) fn refused(text: &str) -> Vec<(String, usize, usize)> {
        match parse(&SourceFile::new("data/2017.yaml", text), 2017) {
            Ok(_) => panic!("accepted:\n{text}"),
            Err(Findings(found)) => found.iter().map(placed).collect(),
        }
    }

    pub(super) fn placed(d: &Diagnostic) -> (String, usize, usize) {
        let (line, column) = d.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
        (d.message.clone(), line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{refused, year};

    #[test]
    fn an_unknown_key_is_refused_where_it_stands() {
        let found = refused(&year("isuer: 又一个\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        let (message, line, column) = &found[0];
        assert_eq!(message, "不认识的键 `isuer`");
        assert_eq!((*line, *column), (8, 1));
    }

    #[test]
    fn unknown_keys_are_found_at_every_level() {
        let text = year("").replace("  text: 完成了工作。", "  txet: 完成了工作。");
        let found = refused(&text);
        assert!(
            found
                .iter()
                .any(|(m, line, _)| m.contains("`txet`") && *line == 5),
            "{found:?}"
        );
    }
}
