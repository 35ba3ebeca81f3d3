//! `report figures <YEAR>`: the figure audit. Every figure the report
//! prints, where, as printed, what it states and where it comes from, as a
//! list for people, one JSON object per figure for tools, and a CSV sheet
//! (`--csv`) a statistics office can tick off.

use std::fmt::Write as _;
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::check::audit::{self, Row};
use crate::cli::FiguresArgs;
use crate::cli::console::{Console, MessageFormat};
use crate::diagnostic::Severity;
use crate::error::{Error, Exit};
use crate::pipeline::{Making, Session};
use crate::source::config::{Overrides, Project};
use crate::source::units;
use crate::tr;
use crate::write::output;

/// The printed column is padded to this many columns of a terminal.
const PRINTED_WIDTH: usize = 16;

pub(crate) fn run(args: &FiguresArgs, root: &Path, console: &Console) -> Result<Exit, Error> {
    let mut project = Project::open(root, Overrides::default())?;
    // The figures are read from the document tree: no format need be made
    // but the Markdown it is parsed from.
    project.formats = vec![crate::source::format::Format::Markdown];
    let job = units::one(&project, Some(args.year), args.unit.clone())?;
    let (rendered, years) = Session::open(&project)??.render_one(&job, Making::Text)?;
    let (Some(document), Some(loaded)) = (&rendered.document, years.kept(job.year)) else {
        // A report that does not render has no figures to audit yet.
        console.diagnostics(&rendered.diagnostics);
        let check = project.invoked.job("check", job.year, job.unit.as_deref());
        console.status(&tr!(
            "{}：数据有错误，改正后才能列出数字（{check} 列出全部问题）",
            "{}: the data has errors; fix them to list the figures ({check} lists them all)",
            job.label()
        ));
        return Ok(Exit::Problems);
    };
    let rows = audit::figures(document, &loaded.origins, &rendered.diagnostics);
    match console.format() {
        MessageFormat::Json => {
            let mut text = String::new();
            for row in &rows {
                if let Ok(line) = serde_json::to_string(row) {
                    text.push_str(&line);
                    text.push('\n');
                }
            }
            console.stdout(text.as_bytes());
        }
        MessageFormat::Human | MessageFormat::Short => console.stdout(human(&rows).as_bytes()),
    }
    if let Some(path) = &args.csv {
        output::write_atomic(path, &csv(&rows)?)?;
        console.status(&tr!("已写出 {}", "wrote {}", path.display()));
    }
    let errors = rendered
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let (label, n) = (job.label(), rows.len());
    let figures = crate::lang::count(n, "figure", "figures");
    console.status(&tr!(
        "{label}：{n} 个数字；核对时可用 --csv 导出表格",
        "{label}: {figures}; --csv writes them as a sheet to tick off"
    ));
    Ok(Exit::problems_if(errors > 0))
}

/// The list for people: figures under their part and heading, each with
/// what it states and where it comes from.
fn human(rows: &[Row]) -> String {
    let mut out = String::new();
    let mut place = None;
    for row in rows {
        if place != Some(&row.place) {
            let heading = if row.place.is_empty() {
                tr!("（标题之前）", "(before the first heading)")
            } else {
                row.place.clone()
            };
            let _ = writeln!(out, "{}{heading}", if place.is_some() { "\n" } else { "" });
            place = Some(&row.place);
        }
        let pad = PRINTED_WIDTH.saturating_sub(row.printed.width());
        let _ = write!(out, "  {}{}  {}", row.printed, " ".repeat(pad), stated(row));
        // A figure typed in the data says where; a computed one (or a
        // total of the units below) how, and from which figures.
        if let Some(source) = row.source()
            && (row.formula.is_none() || row.field.is_none())
        {
            let _ = write!(out, "  {source}");
        }
        if let Some(formula) = &row.formula {
            let what = if row.field.is_none() {
                tr!("  合计 ", "  sum of ")
            } else {
                " = ".to_string()
            };
            let _ = write!(out, "{what}{formula}（{}）", row.inputs.join("，"));
        }
        out.push('\n');
        for warning in &row.warnings {
            let _ = writeln!(out, "      ! {warning}");
        }
    }
    out
}

/// `roofs = 7200㎡`, `roofs.completion = 90%`.
fn stated(row: &Row) -> String {
    let name = match &row.field {
        Some(field) => format!("{}.{field}", row.key),
        None => row.key.clone(),
    };
    match row.value {
        Some(value) => format!("{name} = {}{}", number(value), row.unit),
        None => name,
    }
}

/// A value as people read it: at most four places, no trailing zeros.
fn number(value: f64) -> String {
    let text = crate::model::numbers::exact(value, 4);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The sheet: UTF-8 with a byte-order mark, which Excel and WPS need to
/// read Chinese from a CSV, one row per figure and a column to tick.
fn csv(rows: &[Row]) -> Result<Vec<u8>, Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        let header = [
            "位置",
            "印出",
            "指标",
            "项",
            "数值",
            "单位",
            "来源",
            "正文引用",
            "算法",
            "依据",
            "提示",
            "核对",
        ];
        let mut write = |record: &[String]| {
            writer.write_record(record).map_err(|error| Error::Render {
                format: "CSV",
                reason: error.to_string(),
            })
        };
        write(&header.map(str::to_string))?;
        for row in rows {
            let source = row.source().unwrap_or_default();
            write(&[
                row.place.clone(),
                row.printed.clone(),
                row.key.clone(),
                row.field.clone().unwrap_or_default(),
                row.value.map(number).unwrap_or_default(),
                row.unit.clone(),
                source,
                row.reference.clone().unwrap_or_default(),
                row.formula.clone().unwrap_or_default(),
                row.inputs.join("；"),
                row.warnings.join("；"),
                String::new(),
            ])?;
        }
        writer.flush().map_err(|error| Error::Render {
            format: "CSV",
            reason: error.to_string(),
        })?;
    }
    Ok(out)
}
