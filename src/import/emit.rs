//! The data file an import writes: laid out like the bundled example, with
//! comments where the import guessed and `note: 待核对…` where the clerk
//! must confirm, so `report check` lists what is left.

use std::fmt::Write as _;

use super::draft::{Draft, Entry};
use super::metrics::{Metric, Metrics};
use crate::model::PartKind;
use crate::source::dataset::keys::{TO_CONFIRM, TO_FILL};
use crate::source::yaml::{quoted, scalar};

/// What the file is written from.
pub(super) struct Sheet<'a> {
    pub(crate) year: u16,
    pub(crate) source: &'a str,
    pub(crate) topic: &'a str,
    /// A title the default one would not reproduce.
    pub(crate) title: Option<&'a str>,
    pub(crate) draft: &'a Draft,
    pub(crate) metrics: &'a Metrics,
    /// One line per kind of repair, for the header.
    pub(crate) repairs: &'a [String],
    /// Traditional script detected.
    pub(crate) traditional: bool,
}

/// Missing 署名 and 成文日期 are written as 待填 (the clerk's to fill,
/// `build` refuses until then), or as stand-ins when the file is only read
/// back to check that it loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Missing {
    ToFill,
    StandIn,
}

pub(super) fn yaml(sheet: &Sheet, missing: Missing) -> String {
    let mut out = String::new();
    let draft = sheet.draft;
    header(&mut out, sheet);
    facts(&mut out, sheet, missing);
    if !draft.intro.is_empty() {
        out.push_str("\nintro: |\n");
        block(&mut out, &draft.intro, 2);
    }
    if !sheet.metrics.list.is_empty() {
        let _ = writeln!(out, "\nmetrics:");
        for metric in &sheet.metrics.list {
            write_metric(&mut out, metric, sheet.metrics);
        }
    }
    if !draft.parts.is_empty() {
        let _ = writeln!(out, "\nparts:");
        for (index, part) in draft.parts.iter().enumerate() {
            // The loader's own reading: the heading's kind, else the first
            // part is the summary. `kind:` only where that would differ.
            let named = part.heading.as_deref().and_then(PartKind::of_heading);
            let read = named.or((index == 0).then_some(PartKind::Work));
            if let Some(kind) = part.kind.filter(|k| Some(*k) != read) {
                let _ = writeln!(out, "- kind: {}", kind.key());
                entry(&mut out, part, 1, false);
            } else {
                entry(&mut out, part, 1, true);
            }
        }
    }
    record(&mut out, draft);
    out
}

/// What the file is and what the import changed.
fn header(out: &mut String, sheet: &Sheet) {
    let _ = writeln!(
        out,
        "# {} 年度报告数据，由 report import 从 {} 导入。",
        sheet.year, sheet.source
    );
    let _ = writeln!(
        out,
        "# 正文中的数字都已换成 {{指标名}}，数值见 metrics；编号由程序按位置生成。"
    );
    if !sheet.repairs.is_empty() {
        let _ = writeln!(out, "#\n# 导入时改正了原稿的这些问题：");
        for repair in sheet.repairs {
            let _ = writeln!(out, "#   - {repair}");
        }
    }
    let _ = writeln!(
        out,
        "#\n# 写着“{TO_CONFIRM}”的 note 是导入时没有把握的地方，report check {} 会逐条列出；",
        sheet.year
    );
    let _ = writeln!(out, "# 核对无误后删去那条 note。\n");
}

/// The document's facts: topic, title, script, 主送机关, 署名, 成文日期, 版头.
fn facts(out: &mut String, sheet: &Sheet, missing: Missing) {
    let draft = sheet.draft;
    let _ = writeln!(out, "topic: {}", scalar(sheet.topic));
    if let Some(title) = sheet.title {
        let _ = writeln!(out, "title: {}", scalar(title));
    }
    if sheet.traditional {
        let _ = writeln!(out, "script: traditional");
    }
    if let Some(addressee) = &draft.addressee {
        let _ = writeln!(out, "addressee: {}", scalar(addressee));
    }
    match (&draft.issuer, missing) {
        (Some(issuer), _) => {
            let _ = writeln!(out, "issuer: {}", scalar(issuer));
        }
        (None, Missing::ToFill) => {
            let _ = writeln!(
                out,
                "issuer: {TO_FILL}               # 原稿没有署名：填上发文机关"
            );
        }
        (None, Missing::StandIn) => {
            let _ = writeln!(out, "issuer: 署名");
        }
    }
    match (draft.date, missing) {
        (Some((y, m, d)), _) => {
            let _ = writeln!(out, "date: {y}-{m:02}-{d:02}");
        }
        (None, Missing::ToFill) => {
            let _ = writeln!(
                out,
                "date: {TO_FILL}                 # 原稿没有成文日期：按“年-月-日”填写，例如 {}-12-28",
                sheet.year
            );
        }
        (None, Missing::StandIn) => {
            let _ = writeln!(out, "date: {}-12-31", sheet.year);
        }
    }
    if let Some(organ) = &draft.organ {
        let _ = writeln!(out, "masthead:\n  organ: {}", scalar(organ));
        if let Some(number) = &draft.doc_number {
            let _ = writeln!(out, "  number: {}", scalar(number));
        }
    }
}

/// 附件说明 and 版记.
fn record(out: &mut String, draft: &Draft) {
    if !draft.attachments.is_empty() {
        let _ = writeln!(out, "\nattachments:");
        for name in &draft.attachments {
            let _ = writeln!(out, "  - {}", scalar(name));
        }
    }
    if let Some(office) = &draft.office {
        let _ = writeln!(out, "\nimprint:");
        if !draft.cc.is_empty() {
            let names: Vec<String> = draft.cc.iter().map(|c| quoted(c)).collect();
            let _ = writeln!(out, "  cc: [{}]", names.join(", "));
        }
        let _ = writeln!(out, "  office: {}", scalar(office));
        if let Some((y, m, d)) = draft.imprint_date {
            let _ = writeln!(out, "  date: {y}-{m:02}-{d:02}");
        }
    }
}

fn write_metric(out: &mut String, metric: &Metric, metrics: &Metrics) {
    let figure = &metric.figure;
    let _ = writeln!(out, "  {}:", metric.key);
    let _ = writeln!(out, "    label: {}", scalar(&figure.label));
    match &figure.value {
        Some(value) => {
            let _ = writeln!(out, "    value: {value:<18}# 原稿：{}", figure.typed);
        }
        None => {
            let _ = writeln!(
                out,
                "    value: ~                 # 原稿印作“{}”，数字缺失",
                figure.typed
            );
        }
    }
    let _ = writeln!(out, "    unit: {}", quoted(&figure.unit));
    if let Some(scale) = figure.scale {
        let _ = writeln!(out, "    scale: {scale}");
    }
    if let Some(approx) = figure.approx {
        let _ = writeln!(out, "    approx: {approx}");
    }
    if let Some(target) = metric.target {
        let _ = writeln!(out, "    target: {target}             # 由原稿的完成率推算");
    }
    if metric.chart {
        let _ = writeln!(out, "    chart: true");
    }
    let mut notes = Vec::new();
    if let Some(broken) = metrics.broken.iter().find(|b| b.key == metric.key) {
        notes.push(format!(
            "原稿印作“{}”，数字缺失；核实后填入 value，并把“{}”加回正文原处",
            broken.typed, broken.phrase
        ));
    } else if figure.label_guessed {
        notes.push(format!(
            "名称“{}”是由数字前后的文字拼成的，请改成简明的指标名称",
            figure.label
        ));
    }
    if let Some(note) = &metric.note {
        notes.push(note.clone());
    }
    if !notes.is_empty() {
        let _ = writeln!(
            out,
            "    note: {}",
            quoted(&format!("{TO_CONFIRM}：{}", notes.join("；")))
        );
    }
}

/// One entry of a list at `depth`; `first` when its first key takes the
/// list's dash.
fn entry(out: &mut String, entry: &Entry, depth: usize, first: bool) {
    let pad = "  ".repeat(depth);
    let mut first = first;
    // The first key of a list entry follows its dash.
    let key = |out: &mut String, first: &mut bool, text: &str| {
        if std::mem::take(first) {
            let _ = write!(out, "{}- {text}", "  ".repeat(depth - 1));
        } else {
            let _ = write!(out, "{pad}{text}");
        }
    };
    if let Some(heading) = &entry.heading {
        key(out, &mut first, &format!("heading: {}\n", scalar(heading)));
    }
    if entry.run_in {
        key(out, &mut first, "run_in: true\n");
    }
    if !entry.numbered && depth > 1 {
        key(out, &mut first, "numbered: false\n");
    }
    if !entry.notes.is_empty() {
        let note = format!("{TO_CONFIRM}：{}", entry.notes.join("；"));
        key(out, &mut first, &format!("note: {}\n", quoted(&note)));
    }
    if !entry.text.is_empty() {
        key(out, &mut first, "text: |\n");
        block(out, &entry.text, depth * 2 + 2);
    }
    // The points' own separator kept: “一是……。二是……。” are sentences.
    let sentences = entry.points.len() > 1
        && entry.points[..entry.points.len() - 1]
            .iter()
            .all(|p| p.trim_end().ends_with('。'));
    if entry.points_apart {
        key(out, &mut first, "points_as: paragraphs\n");
    } else if sentences {
        key(out, &mut first, "points_as: sentences\n");
    }
    if !entry.points.is_empty() {
        key(out, &mut first, "points:\n");
        for point in &entry.points {
            // The report joins points with its own punctuation.
            let point = point.trim_end_matches(['。', '；', '，']);
            let _ = writeln!(out, "{pad}  - {}", scalar(point));
        }
    }
    if let Some(table) = &entry.table {
        key(out, &mut first, "table:\n");
        if let Some(caption) = &table.caption {
            let _ = writeln!(out, "{pad}  caption: {}", scalar(caption));
        }
        let row = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| quoted(c)).collect();
            format!("[{}]", cells.join(", "))
        };
        if let Some((header, rows)) = table.rows.split_first() {
            let _ = writeln!(out, "{pad}  columns: {}", row(header));
            let _ = writeln!(out, "{pad}  rows:");
            for cells in rows {
                let _ = writeln!(out, "{pad}    - {}", row(cells));
            }
        }
    }
    if !entry.items.is_empty() {
        key(out, &mut first, "items:\n");
        for item in &entry.items {
            self::entry(out, item, depth + 1, true);
        }
    }
    if first {
        // Nothing at all: a heading-less, text-less entry cannot be written.
        key(out, &mut first, "text: \"\"\n");
    }
}

/// Paragraphs as the lines of a `|` block, a blank line between
/// paragraphs, long ones broken after a punctuation mark (the loader joins
/// Chinese lines without a space).
fn block(out: &mut String, paragraphs: &[String], indent: usize) {
    let pad = " ".repeat(indent);
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let mut line = String::new();
        let mut count = 0;
        for c in paragraph.chars() {
            line.push(c);
            count += 1;
            if count >= 40 && matches!(c, '，' | '。' | '；' | '：') {
                let _ = writeln!(out, "{pad}{line}");
                line.clear();
                count = 0;
            }
        }
        if !line.is_empty() {
            let _ = writeln!(out, "{pad}{line}");
        }
    }
}
