//! `report import`: an old report of the genre, as it was typed, turned into
//! a data file. The flow is one way, like the build's: [`read`] the file
//! into paragraphs, [`outline`] them into parts and items by the numbering
//! ladder (repairing what was typed wrong), [`tidy`] the punctuation, turn
//! the [`figures`] into [`metrics`], and [`emit`] the YAML — which is read
//! back by the data loader before anything is written.

mod docx;
mod draft;
mod emit;
mod figures;
mod frame;
mod furniture;
mod markers;
mod metrics;
mod outline;
mod paragraph;
mod parts;
mod read;
mod tidy;
mod unwrap;

use std::path::Path;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::error::{Error, Findings};
use crate::model::script::Script;
use crate::source::dataset;
use crate::tr;

use draft::{Draft, Entry};

/// More figures than any report holds: the file is not one.
const MAX_METRICS: usize = 5000;

/// What an import made.
#[derive(Debug)]
pub(crate) struct Imported {
    pub(crate) year: u16,
    /// The data file's text.
    pub(crate) yaml: String,
    /// Every repair and every guess, at its place in the source.
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) summary: Summary,
}

/// The counts an import reports.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) parts: usize,
    pub(crate) headings: usize,
    pub(crate) metrics: usize,
    pub(crate) references: usize,
    pub(crate) missing_figures: usize,
    pub(crate) to_confirm: usize,
}

/// Imports the report at `path` (shown as `shown`); `year` overrides the
/// year its title gives. `target` is how the data file will be shown.
pub(crate) fn import(
    path: &Path,
    shown: &str,
    year: Option<u16>,
    target: &str,
) -> Result<Imported, Error> {
    let (file, paras) = read::read(path, shown)?;
    // A published page's metadata, chrome and pagination are no report.
    let (paras, furniture) = furniture::set_aside(paras);
    // A file with no text (empty, or only blank lines) has no report in it:
    // a skeleton imported from it would look like a result.
    if paras.is_empty() {
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!(
                "`{shown}` 里没有文字，没有可导入的内容",
                "`{shown}` holds no text; there is nothing to import"
            )).code("import-empty")
            .hint(tr!(
                "检查是不是选错了文件，或原稿另存时丢了内容；要从头写，用 report init 或 report new",
                "check that this is the right file, or that saving it kept its text; to start from nothing, use report init or report new"
            )),
        ]));
    }
    let (mut draft, mut warnings) = outline::read(&file, &paras);
    from_furniture(&furniture, &mut draft, &file, &mut warnings);
    let title = draft.title.clone().unwrap_or_default();
    let facts = TitleFacts::of(&title);
    let year = resolve_year(year, &facts, &draft, &file, &mut warnings)?;
    let traditional = is_traditional(&file.text);
    let script = if traditional {
        Script::Traditional
    } else {
        Script::Simplified
    };

    let (fixes, mut metrics) = figures_and_punctuation(&mut draft, year, shown)?;
    metrics.charts(&draft.charts);
    // A part the source gave no heading gets its kind's default one,
    // written out so that the clerk sees what was put in.
    for part in &mut draft.parts {
        if part.heading.is_none()
            && let Some(kind) = part.kind
        {
            part.heading = Some(script.words(&kind.default_heading(i32::from(year) + 1)));
        }
    }

    let (topic, custom_title) = facts.topic_and_title(year, script, &title);
    let repairs = repairs(&fixes, &draft);
    figure_warnings(&metrics, &file, &mut warnings);
    if draft.issuer.is_none() || draft.date.is_none() {
        warnings.push(
            Diagnostic::warning(tr!(
                "原稿没有署名或成文日期",
                "the original has no signature or date"
            ))
            .code("import")
            .hint(tr!(
                "数据文件中的 issuer、date 写作“待填”：填上发文机关和成文日期后才能生成报告",
                "issuer and date are written as 待填 in the data file: fill them in before building"
            )),
        );
    }
    let sheet = emit::Sheet {
        year,
        source: shown,
        topic: &topic,
        title: custom_title.as_deref(),
        draft: &draft,
        metrics: &metrics,
        repairs: &repairs,
        traditional,
    };
    let yaml = emit::yaml(&sheet, emit::Missing::ToFill);
    // The file must load as it will be read; a refusal here is the
    // import's own fault, and nothing is written.
    let check = SourceFile::new(target, emit::yaml(&sheet, emit::Missing::StandIn));
    let loaded = dataset::parse(&check, year).map_err(|Findings(mut diagnostics)| {
        for d in &mut diagnostics {
            d.notes.push(tr!(
                "导入生成的数据文件未能读回：这是 report import 的缺陷，请把原稿一并报告",
                "the imported data file did not load back: a defect of report import; please report it with the original"
            ));
        }
        Error::Invalid(diagnostics)
    })?;
    let summary = Summary {
        parts: draft.parts.len(),
        // 小标题: the headings below the parts' own.
        headings: draft
            .parts
            .iter()
            .flat_map(|part| &part.items)
            .map(count_headings)
            .sum(),
        metrics: metrics.list.len(),
        references: metrics.references,
        missing_figures: metrics.broken.len(),
        to_confirm: loaded
            .warnings
            .iter()
            .filter(|w| w.code.as_deref() == Some("unconfirmed"))
            .count(),
    };
    Ok(Imported {
        year,
        yaml,
        warnings,
        summary,
    })
}

/// Every text tidied and its figures made metrics; refused when the file
/// holds more figures than a report does.
fn figures_and_punctuation(
    draft: &mut Draft,
    year: u16,
    shown: &str,
) -> Result<(tidy::Fixes, metrics::Metrics), Error> {
    let mut fixes = tidy::Fixes::default();
    let mut metrics = metrics::Metrics::default();
    let mut fix = |text: &str, metrics: &mut metrics::Metrics| {
        let tidied = tidy::tidy(text, year, &mut fixes);
        metrics.rewrite(&tidied)
    };
    draft.intro = draft.intro.iter().map(|t| fix(t, &mut metrics)).collect();
    for part in &mut draft.parts {
        visit(part, &mut |text| fix(text, &mut metrics));
    }
    for part in &mut draft.parts {
        tidy_table_cells(part, year, &mut fixes);
    }
    if let Some(addressee) = &draft.addressee {
        draft.addressee = Some(tidy::tidy(addressee, year, &mut tidy::Fixes::default()));
    }
    if metrics.list.len() > MAX_METRICS {
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!(
                "`{shown}` 里有 {} 个数字，一份报告不会有这么多",
                "`{shown}` holds {} figures; a report has far fewer",
                metrics.list.len()
            ))
            .code("import-too-large")
            .hint(tr!(
                "确认选对了文件；若是多份报告合在一起，分成每年一份再导入",
                "check that this is the right file; split several reports into one file each"
            )),
        ]));
    }
    Ok((fixes, metrics))
}

fn visit(entry: &mut Entry, fix: &mut dyn FnMut(&str) -> String) {
    if let Some(heading) = &entry.heading {
        entry.heading = Some(fix(heading));
    }
    for text in &mut entry.text {
        *text = fix(text);
    }
    for point in &mut entry.points {
        *point = fix(point);
    }
    for item in &mut entry.items {
        visit(item, fix);
    }
}

/// A table's caption and cells get the typing fixes, not metrics: a cell
/// holds what the source printed.
fn tidy_table_cells(entry: &mut Entry, year: u16, fixes: &mut tidy::Fixes) {
    if let Some(table) = &mut entry.table {
        if let Some(caption) = &table.caption {
            table.caption = Some(tidy::tidy(caption, year, fixes));
        }
        for cell in table.rows.iter_mut().flatten() {
            *cell = tidy::tidy(cell, year, fixes);
        }
    }
    for item in &mut entry.items {
        tidy_table_cells(item, year, fixes);
    }
}

fn count_headings(entry: &Entry) -> usize {
    usize::from(entry.heading.is_some()) + entry.items.iter().map(count_headings).sum::<usize>()
}

/// What the page's metadata says, where the document itself does not;
/// and the lines set aside, said.
fn from_furniture(
    furniture: &furniture::Furniture,
    draft: &mut Draft,
    file: &SourceFile,
    warnings: &mut Vec<Diagnostic>,
) {
    let at = |line: usize| file.at(line, 1, 1);
    if draft.title.is_none()
        && let Some((title, line)) = &furniture.title
    {
        draft.title = Some(title.clone());
        draft.title_line = *line;
    }
    if draft.issuer.is_none()
        && let Some((issuer, line)) = &furniture.issuer
    {
        draft.issuer = Some(issuer.clone());
        warnings.push(
            Diagnostic::warning(tr!(
                "原稿没有落款，署名取自网页上的发布信息：{issuer}",
                "the original has no signature; the issuer is taken from the page's metadata: {issuer}"
            ))
            .at(at(*line))
            .code("import")
            .hint(tr!(
                "核对 issuer 是不是发文的机关（网页上写的可能是发布网站的部门）",
                "check that issuer is the office that issued the report (a page may name the office that published it)"
            )),
        );
    }
    if draft.date.is_none()
        && let Some(((y, m, d), line)) = furniture.date
    {
        draft.date = Some((y, m, d));
        warnings.push(
            Diagnostic::warning(tr!(
                "原稿没有成文日期，日期取自网页上的发布日期：{y}年{m}月{d}日",
                "the original has no date; the date is taken from the page's publication date: {y}-{m}-{d}"
            ))
            .at(at(line))
            .code("import")
            .hint(tr!(
                "发布日期常比成文日期晚几天：有原件时按原件改正 date",
                "a page is often published days after the report is dated: correct date from the original if you have it"
            )),
        );
    }
    if let Some(first) = furniture.lines.first() {
        let lines: Vec<String> = furniture.lines.iter().map(ToString::to_string).collect();
        let lines = lines.join("、");
        warnings.push(
            Diagnostic::warning(tr!(
                "略去了原稿里不属于报告的 {} 行（网页的发布信息、分享打印、翻页，页码）：第 {lines} 行",
                "set aside {} lines that are not the report (a web page's metadata, share and print links, pagination; page numbers): lines {lines}",
                furniture.lines.len()
            ))
            .at(at(*first))
            .code("import")
            .hint(tr!(
                "它们不会出现在数据文件里；若其中有一行其实是正文，把它补进数据文件",
                "they are not in the data file; if one of them is text of the report, add it to the data file"
            )),
        );
    }
}

/// The year: as asked, else as the title, the opening or the date says.
fn resolve_year(
    asked: Option<u16>,
    facts: &TitleFacts,
    draft: &Draft,
    file: &SourceFile,
    warnings: &mut Vec<Diagnostic>,
) -> Result<u16, Error> {
    let dated = draft.date.and_then(|(y, _, _)| u16::try_from(y).ok());
    // The title's year, else the one the opening names (“2024年，我局……”),
    // else the date's: a report dated in January is last year's.
    let found = facts.year.or_else(|| opening_year(draft)).or(dated);
    match (asked, found) {
        (Some(asked), Some(found)) if asked != found => {
            warnings.push(
                Diagnostic::warning(tr!(
                    "原稿的标题或日期是 {found} 年，导入为 {asked} 年",
                    "the original's title or date says {found}; imported as {asked}"
                ))
                .at(file.at(draft.title_line.max(1), 1, 1))
                .code("import")
                .hint(tr!("确认 --year 没有写错", "check that --year is right")),
            );
            Ok(asked)
        }
        (Some(year), _) | (None, Some(year)) => Ok(year),
        (None, None) => Err(Error::Invalid(vec![
            Diagnostic::error(tr!(
                "从原稿看不出是哪一年的报告",
                "the original does not say which year it reports on"
            ))
            .code("import-year-unknown")
            .hint(tr!(
                "用 --year 指明年份，例如 report import 原稿.docx --year 2017",
                "give the year: report import old.docx --year 2017"
            )),
        ])),
    }
}

/// The first year the opening names: `2024年` in the first paragraph.
fn opening_year(draft: &Draft) -> Option<u16> {
    let first = draft
        .intro
        .first()
        .or_else(|| draft.parts.first().and_then(|p| p.text.first()))?;
    let chars: Vec<char> = first.chars().collect();
    chars.windows(5).find_map(|w| {
        let digits: String = w[..4].iter().collect();
        let year = digits.parse::<u16>().ok()?;
        (w[4] == '年' && w[..4].iter().all(char::is_ascii_digit) && dataset::YEARS.contains(&year))
            .then_some(year)
    })
}

/// What a title says: its year and its topic.
#[derive(Debug, Default)]
struct TitleFacts {
    year: Option<u16>,
    /// The words between the year and 工作总结 (or the title's end).
    topic: Option<String>,
}

impl TitleFacts {
    fn of(title: &str) -> Self {
        let chars: Vec<char> = title.chars().collect();
        let mut facts = Self::default();
        let mut after_year = 0;
        // A year may be written in Chinese numerals: 二〇二四年.
        let digit = |c: char| match c {
            '0'..='9' => Some(c),
            _ => "〇一二三四五六七八九"
                .chars()
                .position(|d| d == c || (c == '零' && d == '〇'))
                .and_then(|n| char::from_digit(u32::try_from(n).ok()?, 10)),
        };
        for index in 0..chars.len().saturating_sub(4) {
            let window: String = chars[index..index + 4]
                .iter()
                .filter_map(|&c| digit(c))
                .collect();
            if window.chars().count() == 4
                && chars.get(index + 4) == Some(&'年')
                && (index == 0 || digit(chars[index - 1]).is_none())
                && let Ok(year) = window.parse::<u16>()
                && dataset::YEARS.contains(&year)
            {
                facts.year = Some(year);
                after_year = index + 5;
                if chars.get(after_year) == Some(&'度') {
                    after_year += 1;
                }
                break;
            }
        }
        let rest: String = chars[after_year..].iter().collect();
        let rest = rest.trim_start_matches("关于").trim_start_matches("關於");
        let end = [
            "工作总结",
            "工作總結",
            "工作情况",
            "工作情況",
            "工作报告",
            "工作報告",
            "的报告",
            "的報告",
            "总结",
            "總結",
        ]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
        let topic = rest[..end].trim();
        if !topic.is_empty() {
            facts.topic = Some(topic.to_string());
        }
        facts
    }

    /// The topic to write, and the title too when the default one (made
    /// from the topic) would differ from the original's.
    fn topic_and_title(&self, year: u16, script: Script, title: &str) -> (String, Option<String>) {
        // A title that names no topic (“关于2025年工作总结……的报告”) keeps
        // itself as the title; the topic is then only a word for the file.
        let topic = self.topic.clone().unwrap_or_else(|| "工作".to_string());
        let default = script.words(&format!("{year}年{topic}工作总结及{}年工作计划", year + 1));
        if title.is_empty() || default == title {
            (topic, None)
        } else {
            (topic, Some(title.to_string()))
        }
    }
}

/// Whether the text is in traditional script: more characters that only
/// traditional writes than characters that only simplified writes.
fn is_traditional(text: &str) -> bool {
    const TRADITIONAL: &str =
        "與總結縣區為這個們來說開關對經業務發頭實點現間電長門車東會動國圖書義樂環衛處設進廠辦";
    const SIMPLIFIED: &str =
        "与总结县区为这个们来说开关对经业务发头实点现间电长门车东会动国图书义乐环卫处设进厂办";
    let count = |set: &str| text.chars().filter(|c| set.contains(*c)).count();
    count(TRADITIONAL) > count(SIMPLIFIED)
}

/// Warnings for figures: one with no number, a label made up from words
/// around the figure.
fn figure_warnings(metrics: &metrics::Metrics, file: &SourceFile, warnings: &mut Vec<Diagnostic>) {
    // Where a figure stands: an occurrence that is a whole number, not the
    // tail of a longer one (the seed's “00㎡” is also the end of “7200㎡”).
    let at = |typed: &str| {
        file.text
            .match_indices(typed)
            .map(|(offset, _)| offset)
            .find(|&offset| {
                !file.text[..offset]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_digit() || c == '.')
            })
            .map(|offset| file.at_byte(offset, typed.chars().count()))
    };
    for broken in &metrics.broken {
        let mut warning = Diagnostic::warning(tr!(
            "原稿的数字缺失：印作“{}”",
            "a figure is missing in the original: printed as “{}”",
            broken.typed
        ))
        .code("import")
        .hint(tr!(
            "已记为指标 {}（value: ~），这句从正文中去掉；核实后填入数值，并把“{}”加回正文",
            "recorded as metric {} with value ~, and the phrase left the text; fill in the figure and put “{}” back",
            broken.key,
            broken.phrase
        ));
        if let Some(location) = at(&broken.typed) {
            warning = warning.at(location);
        }
        warnings.push(warning);
    }
    for metric in metrics.list.iter().filter(|m| m.figure.label_guessed) {
        let mut warning = Diagnostic::warning(tr!(
            "指标 {} 的名称是猜的：“{}”",
            "the name of metric {} is a guess: “{}”",
            metric.key,
            metric.figure.label
        ))
        .code("import")
        .hint(tr!(
            "在数据文件中改成简明的名称（它印在同比表和图表里）",
            "give it a short name in the data file (it is printed in the tables and charts)"
        ));
        if let Some(location) = at(&metric.figure.typed) {
            warning = warning.at(location);
        }
        warnings.push(warning);
    }
}

/// The header's list of what was repaired.
fn repairs(fixes: &tidy::Fixes, draft: &Draft) -> Vec<String> {
    let mut out = draft.repairs.clone();
    for (fix, count) in fixes.iter() {
        out.push(format!("{}：{count} 处", fix.describe()));
    }
    if draft.generated_tables > 0 {
        out.push(format!(
            "由程序按数据生成的表格 {} 张未导入（有上一年的数据文件时会重新生成）",
            draft.generated_tables
        ));
    }
    out
}
