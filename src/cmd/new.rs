//! `report new <YEAR>`: next year's data file, scaffolded from last year's —
//! the document facts carried over, last year's plan items laid out as this
//! year's work items, every metric (and every metric last year's plan set a
//! target for) with its unit and no value. Everything the clerk must write
//! says 待填, which `check` lists and `build` refuses.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::NewArgs;
use crate::cli::console::Console;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Exit};
use crate::model::script::Script;
use crate::model::{Metric, Node, PartKind, Report, Target};
use crate::source::config::{Overrides, Project};
use crate::source::dataset::{self, keys::TO_FILL};
use crate::source::yaml::quoted;
use crate::tr;
use crate::write::output;

pub(crate) fn run(args: &NewArgs, root: &Path, console: &Console) -> Result<Exit, Error> {
    let project = Project::open(root, Overrides::default())?;
    let data_dir = unit_data_dir(&project, args.year, args.unit.as_deref())?;
    let path = new_year(&project, &data_dir, args.year)?;
    let check = project
        .invoked
        .job("check", args.year, args.unit.as_deref());
    console.status(&tr!(
        "已创建 {}；填好“待填”的地方后运行 {check}",
        "created {}; fill in what is marked to fill in, then run {check}",
        project.shown(&path)
    ));
    Ok(Exit::Done)
}

/// The folder the new year's file goes to: `data/`, or a unit's.
fn unit_data_dir(project: &Project, year: u16, unit: Option<&str>) -> Result<PathBuf, Error> {
    let units = crate::source::units::units(project)?;
    let names: Vec<&str> = units
        .iter()
        .filter_map(|(name, _)| name.as_deref())
        .collect();
    match unit {
        Some(unit) if names.contains(&unit) => Ok(project.data_dir.join(unit)),
        Some(unit) => Err(Error::Invalid(vec![
            Diagnostic::error(tr!("没有名为“{unit}”的单位", "there is no unit “{unit}”"))
                .code("unknown-unit")
                .hint(if names.is_empty() {
                    tr!(
                        "这个项目的数据直接放在 data/ 里，不分单位：去掉 --unit",
                        "this project keeps its years in data/ itself: leave out --unit"
                    )
                } else {
                    tr!("已有的单位：{}", "units: {}", crate::lang::list(&names))
                }),
        ])),
        // A project of units only: the year is new for one unit at a time.
        None if !names.is_empty() && units.iter().all(|(name, _)| name.is_some()) => {
            let example = project.invoked.job("new", year, Some(names[0]));
            Err(Error::Invalid(vec![
                Diagnostic::error(tr!(
                    "这个项目按单位存放数据，要说明给哪个单位新建",
                    "this project keeps its data by unit: say which unit the year is for"
                ))
                .code("unit-required")
                .hint(tr!(
                    "例如 {example}；已有的单位：{}",
                    "e.g. {example}; units: {}",
                    crate::lang::list(&names)
                )),
            ]))
        }
        None => Ok(project.data_dir.clone()),
    }
}

/// Writes the data file of `year` in `data_dir`; returns its path.
pub(crate) fn new_year(project: &Project, data_dir: &Path, year: u16) -> Result<PathBuf, Error> {
    let path = crate::source::files::year_file(data_dir, year);
    let shown = project.shown(&path);
    if path.exists() {
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!("`{shown}` 已经存在", "`{shown}` already exists"))
                .code("file-exists")
                .hint(tr!(
                    "new 不覆盖已有的文件；直接编辑它，或先移走",
                    "new never overwrites; edit the file, or move it away first"
                )),
        ]));
    }
    let Some(last) = year.checked_sub(1) else {
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!("年份 {year} 没有上一年", "{year} has no previous year"))
                .code("year-out-of-range"),
        ]));
    };
    let last_shown = project.shown(&crate::source::files::year_file(data_dir, last));
    let previous = dataset::load_figures(data_dir, last, &last_shown).map_err(
        |error| match error {
            Error::YearNotFound { .. } => Error::Invalid(vec![
                Diagnostic::error(tr!(
                    "没有 {last} 年的数据，无法据此新建 {year} 年",
                    "there is no data for {last} to start {year} from"
                )).code("previous-year-missing")
                .hint(tr!(
                    "先有上一年的数据文件 {last_shown}；全新的项目用 report init",
                    "new needs last year's file {last_shown}; start a fresh project with report init"
                )),
            ]),
            other => other,
        },
    )??;
    let text = format!(
        "{}\n{}",
        super::datafile::schema_modeline(project, &path)?,
        scaffold(&previous.report, year)
    );
    output::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// The new year's file. Comments and placeholders are Chinese: this file is
/// the clerk's document, whatever the locale of the machine that made it.
fn scaffold(last: &Report, year: u16) -> String {
    let last_year = last.year;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {year} 年度报告数据，由 report new 根据 {last_year} 年的数据生成。"
    );
    let _ = writeln!(
        out,
        "# 凡写着“{TO_FILL}”的地方都要填上：report check {year} 会逐一列出，填完之前 report build 不会生成报告。"
    );
    let _ = writeln!(
        out,
        "# 用不上的条目、指标可以删去；各个键的写法，编辑器会按 report.schema.json 提示。\n"
    );
    let _ = writeln!(out, "topic: {}", quoted(&last.topic));
    if last.script == Script::Traditional {
        let _ = writeln!(out, "script: traditional");
    }
    if let Some(addressee) = &last.addressee {
        let _ = writeln!(out, "addressee: {}", quoted(addressee));
    }
    write_signature(&mut out, last);
    let _ = writeln!(
        out,
        "date: {TO_FILL}                  # 成文日期，例如 {year}-12-28\n"
    );
    let _ = writeln!(
        out,
        "intro: {TO_FILL}                 # 导语，以“现将{year}年工作总结和{}年工作计划报告如下：”结尾\n",
        year + 1
    );

    write_frame(&mut out, last);

    let planned = last.plan_targets();
    let _ = writeln!(
        out,
        "metrics:                   # 沿用 {last_year} 年的指标和单位，数值{TO_FILL}"
    );
    let mut keys: Vec<&str> = Vec::new();
    for metric in &last.metrics {
        keys.push(&metric.key);
        write_metric(&mut out, metric, last_year, &planned);
    }
    for target in &planned {
        if keys.contains(&target.key.as_str()) {
            continue;
        }
        keys.push(&target.key);
        let _ = writeln!(out, "  {}:", target.key);
        let _ = writeln!(out, "    label: {}", quoted(&target.label));
        let _ = writeln!(out, "    value: {TO_FILL}");
        let _ = writeln!(out, "    unit: {}", quoted(&target.unit));
        let _ = writeln!(out, "    # {last_year}年计划目标：{}", target.plain());
    }

    let plan_items: Vec<&Node> = last
        .parts
        .iter()
        .filter(|p| p.kind == Some(PartKind::Plan))
        .flat_map(|p| &p.items)
        .filter(|item| item.heading.is_some())
        .collect();
    let _ = writeln!(
        out,
        "\nwork:                      # 一、主要工作及成效：{last_year} 年计划的各项，逐项写明完成情况"
    );
    let _ = writeln!(out, "  items:");
    if plan_items.is_empty() {
        let _ = writeln!(out, "    - heading: {TO_FILL}\n      text: {TO_FILL}");
    }
    for item in plan_items {
        let heading = item.heading.as_deref().unwrap_or_default();
        let _ = writeln!(out, "    - heading: {}", quoted(heading));
        let _ = writeln!(out, "      text: {TO_FILL}");
        for target in &item.targets {
            let _ = writeln!(
                out,
                "      # {last_year}年计划目标：{}{}（{{{}}}）",
                target.label,
                target.plain(),
                target.key
            );
        }
    }
    let _ = writeln!(out, "\nproblems:                  # 二、存在的问题");
    let _ = writeln!(
        out,
        "  items:\n    - heading: {TO_FILL}\n      text: {TO_FILL}"
    );
    let _ = writeln!(
        out,
        "\nplan:                      # 三、{}年工作计划；可用 targets 写下一年的目标",
        year + 1
    );
    let _ = writeln!(
        out,
        "  items:\n    - heading: {TO_FILL}\n      text: {TO_FILL}"
    );
    out
}

/// The 版头 and 版记 a formal copy carried last year; the numbers and dates
/// are this year's to fill.
fn write_frame(out: &mut String, last: &Report) {
    let last_year = last.year;
    if let Some(masthead) = &last.masthead {
        let _ = writeln!(out, "masthead:");
        let _ = writeln!(out, "  organ: {}", quoted(&masthead.organ));
        if let Some(number) = &masthead.number {
            let _ = writeln!(
                out,
                "  number: {TO_FILL}            # {last_year}年：{number}"
            );
        }
        out.push('\n');
    }
    if let Some(imprint) = &last.imprint {
        let _ = writeln!(out, "imprint:");
        if let Some(cc) = &imprint.cc {
            let _ = writeln!(out, "  cc: {}", quoted(cc));
        }
        let _ = writeln!(out, "  office: {}", quoted(&imprint.office));
        let _ = writeln!(out, "  date: {TO_FILL}              # 印发日期\n");
    }
}

/// Where last year's report set its 署名, and the 署名 itself.
fn write_signature(out: &mut String, last: &Report) {
    let form = match last.signature {
        crate::model::Signature::End => None,
        crate::model::Signature::BelowTitle => Some("below-title   # 署名和日期在标题下一行"),
        crate::model::Signature::None => Some("none          # 不写落款"),
    };
    if let Some(form) = form {
        let _ = writeln!(out, "signature: {form}");
    }
    if !last.issuer.is_empty() {
        let _ = writeln!(out, "issuer: {}", quoted(&last.issuer));
    }
}

fn write_metric(out: &mut String, metric: &Metric, last_year: i32, planned: &[&Target]) {
    let _ = writeln!(out, "  {}:", metric.key);
    let _ = writeln!(out, "    label: {}", quoted(&metric.label));
    let _ = writeln!(out, "    value: {TO_FILL}");
    let _ = writeln!(out, "    unit: {}", quoted(&metric.unit));
    if let Some(scale) = metric.scale {
        let _ = writeln!(out, "    scale: {}", scale.word());
    }
    if let Some(approx) = metric.approximation.word() {
        let _ = writeln!(out, "    approx: {approx}");
    }
    if let Some(goal) = &metric.target {
        let _ = writeln!(
            out,
            "    target: {TO_FILL}           # 今年的目标值；{last_year}年目标：{}",
            goal.text
        );
    }
    // Stated rates are this year's to state again; with last year's data
    // the change is computed, and the line can go.
    if let Some(stated) = &metric.stated_change {
        let _ = writeln!(
            out,
            "    change: {TO_FILL}           # 与上年相比的变化；{last_year}年：{}；有{last_year}年数据时可删去这一行",
            stated.text
        );
    }
    if let Some(stated) = &metric.stated_completion {
        let _ = writeln!(
            out,
            "    completion: {TO_FILL}       # 完成率；{last_year}年：{}",
            stated.text
        );
    }
    if metric.chart {
        let _ = writeln!(out, "    chart: true");
    }
    let mut notes = Vec::new();
    if let Some(text) = &metric.text {
        notes.push(format!("{last_year}年：{text}"));
    }
    if let Some(target) = planned.iter().find(|t| t.key == metric.key) {
        notes.push(format!("{last_year}年计划目标：{}", target.plain()));
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "    # {}", notes.join("；"));
    }
}
