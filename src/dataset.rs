//! Loading `data/<YEAR>.yaml`: read, parse, validate, and build the
//! [`Report`] model. Every problem is collected, not just the first, and each
//! names the file, line and column.

use crate::tr;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::{Diagnostic, Location, SourceFile};
use crate::error::Error;
use crate::model::{
    self, Approximation, MAX_LEVEL, Metric, Node, Notation, PartKind, Report, Target,
};
use crate::narrative::{self, Piece};
use crate::numbers::{self, Scale};
use crate::script::Script;
use crate::yaml::{self, Spanned, Tree};

/// A year file is a few kilobytes; anything this large is not one.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// The largest and smallest (non-zero) figure a report may hold.
const MAX_FIGURE: f64 = 1e15;
const MIN_FIGURE: f64 = 1e-6;
/// The years a report may be for: from the founding of the People's
/// Republic, whose offices write these reports, to a plan year that still
/// has four digits with room to spare.
pub const YEARS: std::ops::RangeInclusive<u16> = 1949..=2100;

/// A loaded report and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub report: Report,
    pub warnings: Vec<Diagnostic>,
    /// The data file, for messages that point into it.
    pub file: SourceFile,
    /// Where each metric is defined.
    pub metric_locations: HashMap<String, Location>,
    /// Metrics the narrative refers to.
    pub used: HashSet<String>,
    /// Where each plan target is set.
    pub target_locations: HashMap<String, Location>,
    /// Metrics that must equal the sum of the child units' (`rollup: sum`).
    pub rollups: HashSet<String>,
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

/// Reads at most `cap` bytes of `path`, which must be a regular file: a
/// FIFO would block forever and a device (a link to /dev/zero) never ends.
/// Every read of an input or an output goes through here.
pub fn read_regular(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let not_regular =
        || std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file");
    // Before opening (opening a FIFO without a writer blocks), and again on
    // the open file, in case it was swapped in between.
    if !fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads and validates one year. `shown_as` is the path printed in messages.
pub fn load(data_dir: &Path, year: u16, shown_as: &str) -> Result<Loaded, Error> {
    if !YEARS.contains(&year) {
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!(
                "`{shown_as}`：年份 {year} 不在 {}–{} 之内",
                "`{shown_as}`: the year {year} is outside {}–{}",
                YEARS.start(),
                YEARS.end()
            ))
            .hint(tr!(
                "文件名应是报告的年份，例如 2017.yaml",
                "the file is named for the report's year, e.g. 2017.yaml"
            )),
        ]));
    }
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
    parse(&file, year)
}

/// Parses and validates the text of a year's data file.
pub fn parse(file: &SourceFile, year: u16) -> Result<Loaded, Error> {
    let tree = yaml::parse_tree(file)?;
    Builder::new(file, year).build(&tree)
}

/// Reads a text file for parsing, refusing what cannot be a data file.
pub fn read_source(path: &Path, shown_as: &str) -> Result<SourceFile, Error> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    // Only regular files: a FIFO would block the read forever, and a link
    // to a device (/dev/zero) has no end. The metadata follows links.
    let metadata = fs::metadata(path).map_err(read_error)?;
    if !metadata.is_file() {
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!(
                "`{shown_as}` 不是普通文件（是文件夹、管道或设备）",
                "`{shown_as}` is not a regular file (it is a folder, a pipe or a device)"
            ))
            .hint(tr!(
                "把它换成一个普通的 YAML 文本文件",
                "replace it with an ordinary YAML text file"
            )),
        ]));
    }
    // The size is checked before reading and again while reading: the file
    // may grow in between, and the read stops at the cap either way.
    let bytes = if metadata.len() <= MAX_FILE_BYTES {
        read_regular(path, MAX_FILE_BYTES + 1).map_err(read_error)?
    } else {
        Vec::new()
    };
    let size = (bytes.len() as u64).max(metadata.len());
    if size > MAX_FILE_BYTES {
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!(
                "`{shown_as}` 有 {size} 字节，超过了数据文件的上限 {MAX_FILE_BYTES} 字节",
                "`{shown_as}` is {size} bytes, over the {MAX_FILE_BYTES}-byte limit for a data file"
            ))
            .hint(tr!(
                "一年的数据通常只有几千字节；请确认选对了文件",
                "a year's data is usually a few kilobytes; check that this is the right file"
            )),
        ]));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!("`{shown_as}` 是 UTF-16 编码的", "`{shown_as}` is encoded as UTF-16"))
                .hint(tr!("用记事本打开，“另存为”时把编码选为 UTF-8；或运行 iconv -f UTF-16 -t UTF-8", "save it as UTF-8 (Notepad: Save As, Encoding: UTF-8), or run iconv -f UTF-16 -t UTF-8")),
        ]));
    }
    // `contains` on bytes is a memchr; `position` would test byte by byte.
    if bytes.contains(&0)
        && let Some(nul) = bytes.iter().position(|&b| b == 0)
    {
        let line = bytes[..nul].split(|&b| b == b'\n').count();
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!(
                "`{shown_as}` 第 {line} 行有 NUL 字节，这不是文本文件",
                "`{shown_as}` has a NUL byte on line {line}; it is not a text file"
            ))
            .hint(tr!(
                "确认选对了文件；若是 UTF-16 编码的文本，请另存为 UTF-8",
                "check that this is the right file; if it is UTF-16 text, save it as UTF-8"
            )),
        ]));
    }
    match String::from_utf8(bytes) {
        // A BOM is what Windows editors write; it is not content, and keeping
        // it would shift every byte offset the parser reports.
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(SourceFile::new(shown_as, text))
        }
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
                Diagnostic::error(tr!("`{shown_as}` 不是 UTF-8 编码的文本", "`{shown_as}` is not UTF-8 text"))
                    .at(file.at(1, column, 1))
                    .label(tr!("第 {line} 行第 {column} 列起无法按 UTF-8 读取", "not UTF-8 from line {line}, column {column}"))
                    .hint(
                        tr!("文件可能是 Windows 记事本保存的 GBK/ANSI 编码：用记事本打开，“另存为”时把编码选为 UTF-8；或运行 iconv -f GBK -t UTF-8", "the file is probably GBK/ANSI, as Windows Notepad saves it: open it, Save As with Encoding UTF-8, or run iconv -f GBK -t UTF-8"),
                    ),
            ]))
        }
    }
}

// ---- The schema -------------------------------------------------------------

pub(crate) const TOP_KEYS: &[&str] = &[
    "year",
    "topic",
    "title",
    "issuer",
    "date",
    "addressee",
    "script",
    "masthead",
    "attachments",
    "imprint",
    "intro",
    "metrics",
    "work",
    "innovations",
    "problems",
    "plan",
    "parts",
];
pub(crate) const METRIC_KEYS: &[&str] = &[
    "label", "value", "unit", "approx", "scale", "target", "chart", "rollup", "note",
];
pub(crate) const NODE_KEYS: &[&str] = &[
    "heading",
    "run_in",
    "numbered",
    "text",
    "points",
    "points_as",
    "table",
    "targets",
    "items",
];
pub(crate) const POINT_KEYS: &[&str] = &["heading", "text"];
pub(crate) const MASTHEAD_KEYS: &[&str] = &["organ", "number"];
pub(crate) const IMPRINT_KEYS: &[&str] = &["cc", "office", "date"];
pub(crate) const TABLE_KEYS: &[&str] = &["caption", "columns", "rows"];
pub(crate) const TARGET_KEYS: &[&str] = &["metric", "value", "label", "unit"];

/// What `report new` leaves for the clerk to fill in.
pub const TO_FILL: &str = "待填";

/// The parts a work summary cannot do without.
const REQUIRED_PARTS: [PartKind; 3] = [PartKind::Work, PartKind::Problems, PartKind::Plan];

/// Units that count whole things: a value in one of them is a whole number.
const COUNT_UNITS: &[&str] = &[
    "处",
    "个",
    "户",
    "株",
    "棵",
    "人",
    "人次",
    "次",
    "辆",
    "件",
    "家",
    "名",
    "所",
    "座",
    "条",
    "项",
    "宗",
    "起",
    "场",
    "台",
    "套",
    "只",
    "头",
    "间",
    "栋",
    "块",
    "张",
    "份",
    "批",
    "支",
    "万人次",
    // The same in traditional script.
    "處",
    "個",
    "戶",
    "輛",
    "項",
    "條",
    "場",
    "臺",
    "隻",
    "頭",
    "間",
    "棟",
    "塊",
    "張",
    "萬人次",
];

/// The entries of a YAML mapping, checked against the keys it may hold.
struct Fields<'t> {
    node: &'t Spanned<Tree>,
    entries: &'t [(Spanned<String>, Spanned<Tree>)],
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

    fn at(&self, node: &Spanned<impl Sized>) -> Location {
        yaml::location(self.file, node)
    }

    fn build(mut self, root: &Spanned<Tree>) -> Result<Loaded, Error> {
        let year = i32::from(self.year);
        if matches!(root.value, Tree::Null) {
            self.error(Diagnostic::error(tr!("文件是空的", "the file is empty")).hint(
                tr!("至少要写 topic、issuer、date 和 work、problems、plan；可以照 README 或 data/2017.yaml 的样子写", "write at least topic, issuer, date and work, problems, plan; see the README or data/2017.yaml"),
            ));
            return Err(Error::Invalid(self.errors));
        }
        let Some(top) = self.fields(
            root,
            &tr!("数据文件的最外层", "the top level of the data file"),
            TOP_KEYS,
        ) else {
            return Err(Error::Invalid(self.errors));
        };
        if let Some(typed) = top.get("year") {
            let matches =
                matches!(typed.value, Tree::Number(n) if (n - f64::from(year)).abs() < 1e-9);
            if !matches {
                let written = yaml::raw_text(self.file, typed).unwrap_or("").to_string();
                self.error(
                    Diagnostic::error(tr!("文件名是 {year} 年，文件里写的 year 却是 {written}", "the file is named for {year}, but its year says {written}"
                    ))
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
            .and_then(|a| self.line(a, "addressee"))
            .map(|a| a.trim_end_matches([':', '：']).to_string());
        let issuer = self
            .required_text(&top, "issuer", &tr!("署名", "issuing body"))
            .unwrap_or_default();
        let date = match top.get("date") {
            Some(date) => self.date(date),
            None => self.missing(&top, "date", &tr!("成文日期", "date of writing")),
        };
        let title = match top.get("title") {
            Some(title) => self.line(title, "title").unwrap_or_default(),
            None => format!(
                "{year}年{topic}{}{}{}",
                self.script.words("工作总结及"),
                year + 1,
                self.script.words("年工作计划")
            ),
        };
        let title_lines = crate::model::title_lines(&title);
        self.check_years(&title, top.get("title"));
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
                addressee,
                masthead,
                attachments,
                imprint,
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
        })
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
            ))
            .at(self.at(node))
            .hint(tr!("每行写成“键: 值”，下一层比上一层多缩进两个空格", "write one `key: value` per line, each level indented two spaces more than its parent")),
        );
        None
    }

    /// The parts, numbered in order: the four standard keys in their fixed
    /// order, or `parts:`, a list in the order and under the headings the
    /// report has. A missing standard part is a warning (`missing-part`).
    fn parts(&mut self, root: &Spanned<Tree>, top: &Fields) -> Vec<Node> {
        let listed = top.get("parts").is_some();
        let mut parts = match top.get("parts") {
            Some(list) => {
                let standard = PartKind::ALL
                    .iter()
                    .find_map(|k| Some((k.key(), top.get(k.key())?)));
                if let Some((key, node)) = standard {
                    self.error(
                        Diagnostic::error(tr!(
                            "parts 和 {key} 不能同时写",
                            "parts and {key} cannot both be written"
                        ))
                        .at(self.at(node))
                        .hint(tr!(
                            "把 {key} 的内容移进 parts 的一项，写 kind: {key}",
                            "move {key} into an entry of parts with kind: {key}"
                        )),
                    );
                }
                self.listed_parts(list)
            }
            None => PartKind::ALL
                .iter()
                .filter_map(|&kind| Some((kind, top.get(kind.key())?)))
                .map(|(kind, node)| (Some(kind), node))
                .collect(),
        }
        .into_iter()
        .enumerate()
        .map(|(index, (kind, node))| self.part(kind, node, index, listed))
        .collect::<Vec<_>>();
        let year = i32::from(self.year);
        for kind in REQUIRED_PARTS {
            if parts.iter().any(|p| p.kind == Some(kind)) {
                continue;
            }
            let heading = self.script.words(&kind.default_heading(year + 1));
            self.warnings.push(
                Diagnostic::warning(tr!("没有“{heading}”部分（{}）", "no part “{heading}” ({})", kind.key()))
                    .at(self.at(top.get("parts").unwrap_or(root)))
                    .code("missing-part")
                    .hint(tr!("工作总结一般有主要工作、存在的问题和下一年的计划；确实不需要时，在 report.yaml 里写 allow: [missing-part]", "a work summary usually has its work, its problems and next year's plan; where one is not wanted, write allow: [missing-part] in report.yaml")),
            );
        }
        // One part carries the figures: the first summary part.
        let mut seen_work = false;
        for part in &mut parts {
            if part.kind == Some(PartKind::Work) {
                if seen_work {
                    part.kind = None;
                }
                seen_work = true;
            }
        }
        parts
    }

    /// The entries of `parts:`, each with its kind: as written, else as its
    /// heading names it, else the first is the summary.
    fn listed_parts<'t>(
        &mut self,
        list: &'t Spanned<Tree>,
    ) -> Vec<(Option<PartKind>, &'t Spanned<Tree>)> {
        let mut out = Vec::new();
        for (index, node) in self.list(list, "parts").iter().enumerate() {
            let fields = match &node.value {
                Tree::Map(entries) => entries.as_slice(),
                _ => &[],
            };
            let field = |key: &str| fields.iter().find(|(k, _)| k.value == key).map(|(_, v)| v);
            let written = field("kind").map(|kind| {
                let parsed = match &kind.value {
                    Tree::Text(word) => PartKind::parse(word),
                    _ => None,
                };
                if parsed.is_none() {
                    self.error(
                        Diagnostic::error(tr!(
                            "kind 只能写 work、innovations、problems 或 plan",
                            "kind can only be work, innovations, problems or plan"
                        ))
                        .at(self.at(kind))
                        .hint(tr!(
                            "work：工作总结（同比表、图放在这一部分后）；innovations：创新做法；problems：存在的问题；plan：工作计划（可写 targets）",
                            "work: the summary (tables and charts follow it); innovations; problems; plan (may hold targets)"
                        )),
                    );
                }
                parsed
            });
            let kind = if let Some(kind) = written {
                kind
            } else {
                let heading = field("heading").and_then(|h| match &h.value {
                    Tree::Text(t) => Some(t.as_str()),
                    _ => None,
                });
                heading
                    .and_then(PartKind::of_heading)
                    .or((index == 0).then_some(PartKind::Work))
            };
            out.push((kind, node));
        }
        out
    }

    /// One part, numbered `index + 1`; a standard part without a heading
    /// takes its default one.
    fn part(
        &mut self,
        kind: Option<PartKind>,
        node: &Spanned<Tree>,
        index: usize,
        listed: bool,
    ) -> Node {
        let year = i32::from(self.year);
        let number = model::heading_number(1, index + 1);
        self.in_plan = kind == Some(PartKind::Plan);
        self.listed = listed;
        let mut part = self.node(node, 1, number);
        self.in_plan = false;
        self.listed = false;
        part.kind = kind;
        let required = kind.is_some_and(|k| REQUIRED_PARTS.contains(&k));
        if required && part.paragraphs.is_empty() && part.items.is_empty() && part.table.is_none() {
            let heading = part
                .heading
                .clone()
                .or(kind.map(|k| self.script.words(&k.default_heading(year + 1))))
                .unwrap_or_default();
            self.error(
                Diagnostic::error(tr!(
                    "“{heading}”部分没有内容",
                    "the part “{heading}” is empty"
                ))
                .at(self.at(node))
                .hint(tr!("写上 text 或 items", "write text or items")),
            );
        }
        match (&part.heading, kind) {
            (None, Some(kind)) => {
                part.heading = Some(self.script.words(&kind.default_heading(year + 1)));
            }
            (None, None) => {
                self.error(
                    Diagnostic::error(tr!("这一部分没有 heading", "this part has no heading"))
                        .at(self.at(node))
                        .hint(tr!(
                            "parts 的每一项都要写 heading（部分标题，如“2025年工作总结”），或写 kind 用默认标题",
                            "every entry of parts needs a heading, or a kind for the default one"
                        )),
                );
            }
            (Some(heading), Some(PartKind::Plan)) => {
                let heading = heading.clone();
                self.check_years(&heading, node_heading(node));
            }
            _ => {}
        }
        part
    }

    /// A mapping's fields; every key it may not hold is reported.
    fn fields<'t>(
        &mut self,
        node: &'t Spanned<Tree>,
        what: &str,
        allowed: &[&str],
    ) -> Option<Fields<'t>> {
        let entries = self.entries(node, what)?;
        for (key, _) in entries {
            if allowed.contains(&key.value.as_str()) {
                continue;
            }
            let mut hint = tr!(
                "这里可以写的键有：{}",
                "keys allowed here: {}",
                allowed.join("、")
            );
            if let Some(near) = yaml::closest(&key.value, allowed) {
                hint = tr!(
                    "是不是想写 `{near}`？{hint}",
                    "did you mean `{near}`? {hint}"
                );
            }
            self.error(
                Diagnostic::error(tr!("不认识的键 `{}`", "unknown key `{}`", key.value))
                    .at(self.at(key))
                    .hint(hint),
            );
        }
        Some(Fields { node, entries })
    }

    fn missing<T>(&mut self, fields: &Fields, key: &str, what: &str) -> Option<T> {
        self.error(
            Diagnostic::error(tr!(
                "缺少必填的键 `{key}`（{what}）",
                "missing required key `{key}` ({what})"
            ))
            .at(self.at(fields.node))
            .hint(tr!(
                "在这一层加上 `{key}: …`",
                "add `{key}: …` at this level"
            )),
        );
        None
    }

    fn required_text(&mut self, fields: &Fields, key: &str, what: &str) -> Option<String> {
        match fields.get(key) {
            Some(node) => self.line(node, key),
            None => self.missing(fields, key, what),
        }
    }

    /// The text of a scalar, as typed (a number keeps its digits).
    fn scalar(&mut self, node: &Spanned<Tree>, field: &str) -> Option<String> {
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
                    .at(self.at(node)),
                );
                return None;
            }
        };
        if text.contains(TO_FILL) {
            self.error(
                Diagnostic::error(tr!("这里还没有填", "this is still to be filled in"))
                    .at(self.at(node))
                    .hint(tr!(
                        "把“{TO_FILL}”换成实际内容；用不上的条目可以删去",
                        "replace “{TO_FILL}” with the real content, or remove an item that is not needed"
                    )),
            );
            return None;
        }
        if let Some(c) = text
            .chars()
            .find(|&c| c.is_control() && c != '\n' && c != '\t')
        {
            self.error(
                Diagnostic::error(tr!(
                    "`{field}` 中有看不见的控制字符 U+{:04X}",
                    "`{field}` contains an invisible control character U+{:04X}",
                    c as u32
                ))
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

    /// A one-line value that may hold metric references.
    fn line(&mut self, node: &Spanned<Tree>, field: &str) -> Option<String> {
        let raw = self.scalar(node, field)?;
        let text = narrative::paragraphs(&self.resolve(&raw, node)).join("");
        if text.is_empty() {
            self.error(
                Diagnostic::error(tr!("`{field}` 不能为空", "`{field}` must not be empty"))
                    .at(self.at(node)),
            );
        }
        Some(text)
    }

    fn paragraphs(&mut self, node: &Spanned<Tree>, field: &str) -> Vec<String> {
        let Some(raw) = self.scalar(node, field) else {
            return Vec::new();
        };
        narrative::paragraphs(&self.resolve(&raw, node))
    }

    fn metrics(&mut self, node: Option<&Spanned<Tree>>) -> Vec<Metric> {
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

    fn metric(&mut self, key: &Spanned<String>, body: &Spanned<Tree>) -> Option<Metric> {
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
            self.scalar(note, "note");
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
    fn approximation(&mut self, fields: &Fields) -> Approximation {
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

    /// The 公文 frame around the text: 版头, 附件说明, 版记.
    fn frame(
        &mut self,
        top: &Fields,
    ) -> (Option<model::Masthead>, Vec<String>, Option<model::Imprint>) {
        let masthead = top.get("masthead").and_then(|m| self.masthead(m));
        let attachments = top
            .get("attachments")
            .map(|list| {
                self.list(list, "attachments")
                    .iter()
                    .filter_map(|a| self.line(a, "attachments"))
                    .map(|a| a.trim_end_matches(['。', '；', '，']).to_string())
                    .collect()
            })
            .unwrap_or_default();
        let imprint = top.get("imprint").and_then(|i| self.imprint(i));
        (masthead, attachments, imprint)
    }

    /// 版头: the 发文机关标志 and the 发文字号, checked against 7.2.5.
    fn masthead(&mut self, node: &Spanned<Tree>) -> Option<model::Masthead> {
        let fields = self.fields(node, &tr!("版头 masthead", "the masthead"), MASTHEAD_KEYS)?;
        let organ = self.required_text(&fields, "organ", &tr!("发文机关标志", "issuing organ"))?;
        let number = fields.get("number").and_then(|n| self.line(n, "number"));
        if let (Some(number), Some(node)) = (&number, fields.get("number"))
            && let Some(problem) = doc_number_problem(number)
        {
            {
                self.warnings.push(
                    Diagnostic::warning(tr!(
                        "发文字号“{number}”不合 GB/T 9704 7.2.5 的写法：{problem}",
                        "the document number “{number}” is not as GB/T 9704 7.2.5 writes it: {problem}"
                    ))
                    .at(self.at(node))
                    .hint(tr!(
                        "写成 机关代字〔年份〕序号号，例如 通环治办〔2018〕1号",
                        "write it as CODE〔YEAR〕N号, e.g. 通环治办〔2018〕1号"
                    )),
                );
            }
        }
        Some(model::Masthead { organ, number })
    }

    /// 版记: 抄送机关 (a list or one line), 印发机关 and 印发日期.
    fn imprint(&mut self, node: &Spanned<Tree>) -> Option<model::Imprint> {
        let fields = self.fields(node, &tr!("版记 imprint", "the imprint"), IMPRINT_KEYS)?;
        let cc = fields.get("cc").and_then(|cc| match &cc.value {
            Tree::List(_) => {
                let names: Vec<String> = self
                    .list(cc, "cc")
                    .iter()
                    .filter_map(|n| self.line(n, "cc"))
                    .collect();
                (!names.is_empty()).then(|| names.join("，"))
            }
            _ => self.line(cc, "cc"),
        });
        // 7.4.2: names apart with “，”, a full stop after the last, which the
        // template writes.
        let cc = cc.map(|cc| cc.trim_end_matches(['。', '.', '，', '；']).to_string());
        let office = self.required_text(&fields, "office", &tr!("印发机关", "printing office"));
        let date = match fields.get("date") {
            Some(date) => self.date(date),
            None => self.missing(&fields, "date", &tr!("印发日期", "date of printing")),
        };
        Some(model::Imprint {
            cc,
            office: office?,
            date: date?.into(),
        })
    }

    /// `script: traditional` (or 繁体, zh-Hant).
    fn script_of(&mut self, node: &Spanned<Tree>) -> Script {
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
                .at(self.at(node)),
            );
            Script::default()
        })
    }

    /// `scale: 万` or `scale: 亿`.
    fn scale(&mut self, node: &Spanned<Tree>) -> Option<Scale> {
        let scale = match &node.value {
            Tree::Text(word) => Scale::parse(word.trim()),
            _ => None,
        };
        if scale.is_none() {
            self.error(
                Diagnostic::error(tr!("scale 只能写 万 或 亿", "scale can only be 万 or 亿"))
                    .at(self.at(node))
                    .hint(tr!(
                        "value 照原数写（504000），scale: 万 印成“50.4万”",
                        "type value in full (504000); scale: 万 prints 50.4万"
                    )),
            );
        }
        scale
    }

    /// A unit that starts with 万 or 亿 makes sums, rates and 余 wrong.
    fn check_unit(
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
            Approximation::Over | Approximation::OverAsTyped
        ) {
            message.push_str(&tr!(
                "；约数会印成“1余{word}{base}”",
                "; as approx it prints “1余{word}{base}”"
            ));
        }
        self.warnings.push(
            Diagnostic::warning(message)
                .at(self.at(key))
                .hint(tr!(
                    "unit 写“{base}”，value 写原数（1.17{word} 写成 {}），再加 scale: {word}；报告照样印成“1.17{word}{base}”",
                    "write unit “{base}”, value in full (1.17{word} as {}), and scale: {word}; the report still prints “1.17{word}{base}”",
                    if word == "万" { "11700" } else { "117000000" }
                )),
        );
    }

    /// A `true`/`false` field, false when absent.
    fn flag(&mut self, fields: &Fields, key: &str) -> bool {
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
                    .at(self.at(other)),
                );
                false
            }
        }
    }

    fn number(&mut self, node: &Spanned<Tree>, unit: &str) -> Option<(f64, u8)> {
        let at = self.at(node);
        let value = match &node.value {
            Tree::Number(value) if value.is_finite() => *value,
            Tree::Number(_) => {
                self.error(
                    Diagnostic::error(tr!(
                        "数值必须是有限的数字",
                        "the value must be a finite number"
                    ))
                    .at(at)
                    .hint(tr!(
                        "写一个普通的数字，例如 7200",
                        "write a plain number, e.g. 7200"
                    )),
                );
                return None;
            }
            Tree::Text(text) if text.trim() == TO_FILL => {
                self.error(
                    Diagnostic::error(tr!(
                        "这个数还没有填",
                        "this figure is still to be filled in"
                    ))
                    .at(at)
                    .hint(tr!(
                        "填上今年的数字；确实无法取得时写 ~（报告中不印这个数）",
                        "fill in this year's figure; if it cannot be had, write ~ (the report leaves it out)"
                    )),
                );
                return None;
            }
            Tree::Text(text) => {
                self.error(
                    Diagnostic::error(tr!(
                        "数值写成了文字 `{text}`",
                        "the value is text: `{text}`"
                    ))
                    .at(at)
                    .hint(number_hint(text)),
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
                Diagnostic::error(tr!("数值不能是负数：{value}", "the value cannot be negative: {value}"))
                    .at(at)
                    .hint(tr!("报告中的数量都是正数；减少的情况用文字表述，或与上年比较时由 yoy 过滤器写成“同比下降”", "quantities in a report are positive; describe a decrease in words, or let the yoy filter write 同比下降")),
            );
            return None;
        }
        let raw = yaml::raw_text(self.file, node).unwrap_or("");
        // Within these bounds every figure a report holds is exact in an
        // f64 (integers up to 2^53 ≈ 9×10^15) and prints with the digits
        // typed; beyond them it is a typing slip, not a real figure.
        if value > MAX_FIGURE || (value > 0.0 && value < MIN_FIGURE) {
            self.error(
                Diagnostic::error(tr!(
                    "数值 {raw} 超出了报告数字的范围（0，或 0.000001 到 1000000000000000 之间）",
                    "the value {raw} is outside the range of a report's figures (0, or 0.000001 to 1000000000000000)"
                ))
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
                .at(at)
                .hint(tr!(
                    "写整数；确是约数时写整数再加 approx: true",
                    "write a whole number; for an approximate figure add approx: true"
                )),
            );
            return None;
        }
        Some((value, decimals.min(10) as u8))
    }

    fn date(&mut self, node: &Spanned<Tree>) -> Option<NaiveDate> {
        let text = self.scalar(node, "date")?;
        let Ok(date) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") else {
            self.error(
                Diagnostic::error(tr!("成文日期 `{}` 不是有效的日期", "the date of writing `{}` is not a valid date", text.trim()))
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

    /// A title or plan heading naming a year: the summary is for this year,
    /// the plan for the next.
    fn check_years(&mut self, text: &str, node: Option<&Spanned<Tree>>) {
        let Some(node) = node else { return };
        let year = i32::from(self.year);
        for (found, kind) in named_years(text) {
            let (want, what) = match kind {
                YearKind::Plan => (year + 1, tr!("计划", "plan")),
                YearKind::Summary => (year, tr!("总结", "summary")),
            };
            if found != want {
                self.error(
                    Diagnostic::error(tr!(
                        "{what}的年份写成了 {found} 年，这份报告应是 {want} 年的{what}",
                        "the {what} names the year {found}; this report's {what} is for {want}"
                    ))
                    .at(self.at(node))
                    .hint(tr!(
                        "改正年份；标题不写时会自动生成",
                        "correct the year; leave the title out to have it generated"
                    )),
                );
            }
        }
    }

    /// Replaces `{key}` references with the metric's text, reporting each
    /// reference that names no metric or a metric without a value.
    fn resolve(&mut self, raw: &str, node: &Spanned<Tree>) -> String {
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
    fn reference_location(&self, node: &Spanned<Tree>, inner: &str, nth: usize) -> Location {
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

    fn node(&mut self, raw: &Spanned<Tree>, level: u8, number: String) -> Node {
        let mut node = Node::empty(level);
        let what = if level == 1 {
            tr!("这一部分", "this part")
        } else {
            tr!("条目", "the item")
        };
        // An entry of `parts:` may also say which standard part it is.
        let part_keys: Vec<&str>;
        let keys = if self.listed && level == 1 {
            part_keys = std::iter::once("kind")
                .chain(NODE_KEYS.iter().copied())
                .collect();
            &part_keys
        } else {
            NODE_KEYS
        };
        let Some(fields) = self.fields(raw, &what, keys) else {
            return node;
        };
        if ["heading", "text", "points", "items", "table"]
            .iter()
            .all(|key| fields.get(key).is_none())
        {
            self.error(
                Diagnostic::error(tr!(
                    "空的条目：既没有 heading，也没有 text",
                    "empty item: no heading and no text"
                ))
                .at(self.at(raw))
                .hint(tr!(
                    "给条目写上 heading（小标题）或 text（正文），或者删去它",
                    "give the item a heading or text, or remove it"
                )),
            );
        }
        node.heading = fields.get("heading").and_then(|h| self.line(h, "heading"));
        node.run_in = self.run_in(&fields, node.heading.is_some());
        if let Some(text) = fields.get("text") {
            node.paragraphs = self.paragraphs(text, "text");
        }
        if let Some(points) = fields.get("points") {
            let apart = self.points_apart(&fields);
            self.points(points, apart, &mut node.paragraphs);
        }
        if let Some(table) = fields.get("table") {
            node.table = self.table(table);
        }
        if let Some(targets) = fields.get("targets") {
            if self.in_plan {
                node.targets = self.targets(targets);
            } else {
                self.error(
                    Diagnostic::error(tr!(
                        "targets 只能写在 plan（下一年计划）的条目里",
                        "targets belong in the items of plan (next year's plan) only"
                    ))
                    .at(self.at(targets)),
                );
            }
        }
        if let Some(items) = fields.get("items") {
            node.items = self.children(items, level);
        }
        if self.flag_or(&fields, "numbered", true) && (node.heading.is_some() || level == 1) {
            node.number = number;
        } else if level == 1 {
            self.error(
                Diagnostic::error(tr!(
                    "部分标题（一、二、……）总要编号",
                    "a part's heading (一、二、…) is always numbered"
                ))
                .at(self.at(fields.get("numbered").unwrap_or(raw)))
                .hint(tr!("删去 numbered: false", "remove numbered: false")),
            );
        }
        if node.run_in {
            node.lead = node
                .heading
                .as_deref()
                .map(|h| model::Lead::new(&node.number, h));
        }
        node
    }

    /// The items below a node at `level`, numbered in order; an item without
    /// a heading, or with `numbered: false`, takes no number.
    fn children(&mut self, items: &Spanned<Tree>, level: u8) -> Vec<Node> {
        let mut out = Vec::new();
        let mut headed = 0;
        for item in self.list(items, "items") {
            if level == MAX_LEVEL {
                self.error(
                    Diagnostic::error(tr!("层级太深：公文的结构层次最多 {MAX_LEVEL} 层", "nested too deep: an official document has at most {MAX_LEVEL} levels"))
                        .at(self.at(item))
                        .hint(tr!("一、（一）1.（1）之下不能再分；把这些内容并入上一层的 text", "nothing goes below 一、（一）1.（1）; move this into the text of the level above")),
                );
                continue;
            }
            let has_heading = matches!(&item.value, Tree::Map(entries)
                if entries.iter().any(|(k, v)| k.value == "heading" && !matches!(v.value, Tree::Null)));
            let unnumbered = matches!(&item.value, Tree::Map(entries)
                if entries.iter().any(|(k, v)| k.value == "numbered" && matches!(v.value, Tree::Bool(false))));
            let number = if has_heading && !unnumbered {
                headed += 1;
                model::heading_number(level + 1, headed)
            } else {
                String::new()
            };
            out.push(self.node(item, level + 1, number));
        }
        out
    }

    /// Whether a node's heading runs into its text; only a heading can.
    fn run_in(&mut self, fields: &Fields, has_heading: bool) -> bool {
        let run_in = self.flag(fields, "run_in");
        if run_in
            && !has_heading
            && let Some(flag) = fields.get("run_in")
        {
            self.warnings.push(
                Diagnostic::warning(tr!(
                    "run_in 要和 heading 一起写：没有小标题，就没有可以接排的标题",
                    "run_in goes with a heading: without one there is nothing to run in"
                ))
                .at(self.at(flag))
                .hint(tr!(
                    "写上 heading，或删去 run_in",
                    "add a heading, or remove run_in"
                )),
            );
        }
        run_in && has_heading
    }

    /// A `true`/`false` field, `default` when absent.
    fn flag_or(&mut self, fields: &Fields, key: &str, default: bool) -> bool {
        match fields.get(key) {
            None => default,
            Some(_) => self.flag(fields, key),
        }
    }

    /// `points_as: paragraphs` prints each 一是/二是 point as its own
    /// paragraph; `sentence`, the default, joins them with “；”.
    fn points_apart(&mut self, fields: &Fields) -> bool {
        let Some(node) = fields.get("points_as") else {
            return false;
        };
        match &node.value {
            Tree::Text(word) if word.trim() == "paragraphs" => true,
            Tree::Text(word) if word.trim() == "sentence" => false,
            _ => {
                self.error(
                    Diagnostic::error(tr!(
                        "points_as 只能写 sentence 或 paragraphs",
                        "points_as can only be sentence or paragraphs"
                    ))
                    .at(self.at(node))
                    .hint(tr!(
                        "sentence：一是……；二是……。接成一句（默认）；paragraphs：一是、二是各起一段",
                        "sentence: 一是……；二是…… joined in one sentence (the default); paragraphs: each point its own paragraph"
                    )),
                );
                // As paragraphs, which accept every kind of point: the
                // mistyped word is the one error, not each point after it.
                true
            }
        }
    }

    /// 一是/二是 points: joined into the paragraph that introduces them, or
    /// each its own paragraph, which may run in a heading of its own
    /// (`heading: 道路清扫保洁` → “一是道路清扫保洁。清扫……”).
    fn points(&mut self, node: &Spanned<Tree>, apart: bool, paragraphs: &mut Vec<String>) {
        let mut points = Vec::new();
        for point in self.list(node, "points") {
            if let Tree::Map(_) = point.value {
                if !apart {
                    self.error(
                        Diagnostic::error(tr!(
                            "接成一句的 points 每项只写一句话",
                            "points joined into one sentence take one line each"
                        ))
                        .at(self.at(point))
                        .hint(tr!(
                            "要让“一是”带小标题、各起一段，在条目里加上 points_as: paragraphs",
                            "for 一是 points with headings of their own, each a paragraph, add points_as: paragraphs"
                        )),
                    );
                    continue;
                }
                let Some(fields) =
                    self.fields(point, &tr!("一是、二是的一项", "a point"), POINT_KEYS)
                else {
                    continue;
                };
                let heading = fields.get("heading").and_then(|h| self.line(h, "heading"));
                let text = fields.get("text").and_then(|t| self.line(t, "text"));
                let point = match (heading, text) {
                    (Some(heading), Some(text)) => {
                        let (words, stop) = model::run_in_parts(&heading);
                        format!("{words}{stop}{text}")
                    }
                    (Some(only), None) | (None, Some(only)) => only,
                    (None, None) => {
                        self.missing::<()>(&fields, "text", &tr!("正文", "text"));
                        continue;
                    }
                };
                points.push(point);
            } else if let Some(line) = self.line(point, "points") {
                self.check_point_number(&line, point);
                points.push(line);
            }
        }
        if points.is_empty() {
            return;
        }
        if apart {
            paragraphs.extend(model::numbered_points(&points));
            return;
        }
        let sentence = model::enumerate_points(&points);
        // 一是/二是 continue the paragraph that introduces them.
        match paragraphs.last_mut() {
            Some(last) => last.push_str(&sentence),
            None => paragraphs.push(sentence),
        }
    }

    /// A point that starts with its own 一是 would print “一是一是……”.
    fn check_point_number(&mut self, text: &str, node: &Spanned<Tree>) {
        // Most points have no 是 near their start; only those need the list.
        if !text.chars().take(4).any(|c| c == '是') {
            return;
        }
        let typed = (1..=30u64)
            .map(|n| format!("{}是", numbers::chinese(n)))
            .find(|ordinal| text.starts_with(ordinal.as_str()));
        if let Some(ordinal) = typed {
            self.error(
                Diagnostic::error(tr!(
                    "这一项开头手写了“{ordinal}”，报告里会印成“一是{ordinal}……”",
                    "this point starts with a typed “{ordinal}”; the report would print “一是{ordinal}…”"
                ))
                .at(self.at(node))
                .hint(tr!(
                    "一是、二是由程序按顺序加上：删去开头的“{ordinal}”",
                    "一是、二是 are added in order by the tool: delete the leading “{ordinal}”"
                )),
            );
        }
    }

    /// A table in the body: a caption, column heads and rows whose cells
    /// may reference metrics (`{roads}`).
    fn table(&mut self, node: &Spanned<Tree>) -> Option<model::Table> {
        let fields = self.fields(node, &tr!("表格", "the table"), TABLE_KEYS)?;
        let caption = fields.get("caption").and_then(|c| self.line(c, "caption"));
        let columns: Vec<String> = match fields.get("columns") {
            Some(columns) => self
                .list(columns, "columns")
                .iter()
                .filter_map(|c| self.cell(c, "columns"))
                .collect(),
            None => {
                return self.missing(
                    &fields,
                    "columns",
                    &tr!("表头（各列的名称）", "column heads"),
                );
            }
        };
        let mut rows = Vec::new();
        let Some(raw_rows) = fields.get("rows") else {
            return self.missing(&fields, "rows", &tr!("表格的行", "rows"));
        };
        for row in self.list(raw_rows, "rows") {
            let cells: Vec<String> = self
                .list(row, "rows")
                .iter()
                .filter_map(|c| self.cell(c, "rows"))
                .collect();
            if cells.len() != columns.len() {
                self.error(
                    Diagnostic::error(tr!(
                        "这一行有 {} 格，表头有 {} 列",
                        "this row has {} cells; the table has {} columns",
                        cells.len(),
                        columns.len()
                    ))
                    .at(self.at(row))
                    .hint(tr!(
                        "每行写成和表头一样多的格，空格写 \"\"",
                        "give every row as many cells as there are columns; write \"\" for an empty one"
                    )),
                );
                continue;
            }
            rows.push(cells);
        }
        Some(model::Table::new(caption, columns, rows))
    }

    /// A table cell: text with metric references, or a bare number as typed.
    fn cell(&mut self, node: &Spanned<Tree>, field: &str) -> Option<String> {
        match &node.value {
            Tree::Null => Some(String::new()),
            Tree::Text(text) if text.trim().is_empty() => Some(String::new()),
            _ => self.line(node, field),
        }
    }

    /// A plan item's targets: figures for next year, each naming a metric.
    fn targets(&mut self, node: &Spanned<Tree>) -> Vec<Target> {
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

    fn list<'t>(&mut self, node: &'t Spanned<Tree>, field: &str) -> &'t [Spanned<Tree>] {
        match &node.value {
            Tree::List(items) => items,
            other => {
                self.error(
                    Diagnostic::error(tr!(
                        "`{field}` 应是列表（每项以 - 开头），写的是{}",
                        "`{field}` should be a list (each item starting with -), but is {}",
                        other.kind()
                    ))
                    .at(self.at(node)),
                );
                &[]
            }
        }
    }
}

/// What is wrong with a 发文字号, if anything: the year in 〔〕, no 第, no
/// leading zeros, ending in 号.
fn doc_number_problem(number: &str) -> Option<String> {
    let Some((_, rest)) = number.split_once('〔') else {
        return Some(tr!(
            "年份要用六角括号〔〕括起来，不用 []、()、【】",
            "the year goes in 〔〕, not [], () or 【】"
        ));
    };
    let Some((year, serial)) = rest.split_once('〕') else {
        return Some(tr!("缺少右边的“〕”", "the closing 〕 is missing"));
    };
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return Some(tr!(
            "年份要写全四位",
            "the year is written in full, four digits"
        ));
    }
    let Some(serial) = serial.strip_suffix('号') else {
        return Some(tr!("序号后要加“号”", "the serial number ends with 号"));
    };
    if serial.starts_with('第') {
        return Some(tr!("序号前不加“第”", "no 第 before the serial number"));
    }
    if serial.is_empty() || !serial.chars().all(|c| c.is_ascii_digit()) {
        return Some(tr!(
            "序号只写阿拉伯数字",
            "the serial number is Arabic digits only"
        ));
    }
    if serial.starts_with('0') {
        return Some(tr!(
            "序号不编虚位（1 不写成 01）",
            "no leading zeros (1, not 01)"
        ));
    }
    None
}

fn node_heading(node: &Spanned<Tree>) -> Option<&Spanned<Tree>> {
    match &node.value {
        Tree::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.value == "heading")
            .map(|(_, v)| v),
        _ => None,
    }
}

enum YearKind {
    Summary,
    Plan,
}

/// Years named as `2017年…总结` or `2018年…计划` in a title or heading.
fn named_years(text: &str) -> Vec<(i32, YearKind)> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 4 < chars.len() {
        let digits: String = chars[i..i + 4].iter().collect();
        let starts_here = i == 0 || !chars[i - 1].is_ascii_digit();
        if starts_here && digits.chars().all(|c| c.is_ascii_digit()) && chars[i + 4] == '年' {
            let rest: String = chars[i + 5..].iter().collect();
            let next_year = rest.find("年").unwrap_or(rest.len());
            let clause = &rest[..next_year];
            let year = digits.parse().unwrap_or(0);
            if clause.contains("计划") || clause.contains("打算") {
                out.push((year, YearKind::Plan));
            } else if clause.contains("总结") {
                out.push((year, YearKind::Summary));
            }
            i += 5;
        } else {
            i += 1;
        }
    }
    out
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
        tr!(
            "约数写成数字再加 approx: true，例如 value: {digits} 和 approx: true，报告会印成“{digits}余”",
            "write an approximate figure as a number plus approx: true, e.g. value: {digits} and approx: true; the report prints “{digits}余”"
        )
    } else if ascii.contains('万') || ascii.contains('亿') {
        tr!(
            "以万、亿为单位的数请写出全部数字，例如 2万 写成 20000；报告会按规则印出",
            "write figures in 万 or 亿 out in full, e.g. 2万 as 20000; the report prints them by the rules"
        )
    } else if ascii != text {
        tr!(
            "请用半角阿拉伯数字，例如 value: {ascii}",
            "use ASCII digits, e.g. value: {ascii}"
        )
    } else {
        tr!(
            "value 只写数字（不加引号、单位或文字），单位写在 unit 里",
            "value holds the number alone (no quotes, unit or words); the unit goes in unit"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_years_in_titles() {
        let years: Vec<i32> = named_years("2017年城乡环境综合治理工作总结及2018年工作计划")
            .into_iter()
            .map(|(y, _)| y)
            .collect();
        assert_eq!(years, [2017, 2018]);
        assert!(named_years("下一步工作打算").is_empty());
        assert!(matches!(
            named_years("2019年工作计划")[..],
            [(2019, YearKind::Plan)]
        ));
    }
}
