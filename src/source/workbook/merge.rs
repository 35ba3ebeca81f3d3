//! A workbook's figures into the data file's tree, before any check: the
//! values and approximation words go where the YAML would have them, each
//! with its cell, so the checks of the data file name the cell.

use super::cells::{Row, Sheet};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::source::dataset::keys::TO_FILL;
use crate::source::yaml::{self, Spanned, Tree};
use crate::tr;

/// Puts the sheet's figures into `tree`; returns what is wrong with them.
pub(crate) fn merge(tree: &mut Spanned<Tree>, sheet: Sheet, file: &SourceFile) -> Vec<Diagnostic> {
    let mut errors = sheet.errors;
    let Some(metrics) = metrics(tree) else {
        for row in sheet.rows {
            errors.push(undefined(&row, file, &[]));
        }
        return errors;
    };
    let keys: Vec<String> = metrics.iter().map(|(k, _)| k.value.clone()).collect();
    let mut seen: Vec<&str> = Vec::new();
    let rows = sheet.rows;
    for row in &rows {
        if seen.contains(&row.key.value.as_str()) {
            errors.push(
                Diagnostic::error(tr!(
                    "指标 `{}` 在表里有两行",
                    "the metric `{}` has two rows",
                    row.key.value
                ))
                .code("duplicate-row")
                .at(yaml::location(file, &row.key))
                .hint(tr!("删去多出的一行", "delete the extra row")),
            );
            continue;
        }
        seen.push(&row.key.value);
        let Some((_, body)) = metrics.iter_mut().find(|(k, _)| k.value == row.key.value) else {
            let known: Vec<&str> = keys.iter().map(String::as_str).collect();
            errors.push(undefined(row, file, &known));
            continue;
        };
        let Tree::Map(fields) = &mut body.value else {
            continue;
        };
        match &row.value {
            Some(value) => place(fields, "value", value, &row.key.value, file, &mut errors),
            // An empty cell, the figure given in the data file.
            None if fields.iter().any(|(k, _)| k.value == "value") => {}
            // A cell already refused (a formula without its result) stands
            // in as 0: the year fails on that error, and the data file's
            // checks have nothing more to say about a missing value.
            None if row.refused => {
                let refused = row.empty_value().here(Tree::Number(0.0));
                fields.push((refused.here("value".to_string()), refused));
            }
            // An empty cell where the data file gives no figure either is
            // still to fill, and said so at the cell.
            None => {
                let empty = row.empty_value();
                fields.push((empty.here("value".to_string()), empty));
            }
        }
        if let Some(approx) = &row.approx {
            place(fields, "approx", approx, &row.key.value, file, &mut errors);
        }
    }
    // A metric with no figure in the data file and no row in the sheet:
    // the sheet was made before the metric was added, or its row deleted.
    for (key, body) in metrics.iter_mut() {
        let Tree::Map(fields) = &mut body.value else {
            continue;
        };
        if seen.contains(&key.value.as_str()) {
            continue;
        }
        let value = fields.iter_mut().find(|(k, _)| k.value == "value");
        if value.as_ref().is_some_and(|(_, v)| !is_to_fill(&v.value)) {
            continue;
        }
        errors.push(
            Diagnostic::error(tr!(
                "指标 `{}` 在数据文件里没有数值，表里也没有它这一行",
                "the metric `{}` has no figure in the data file and no row in the workbook",
                key.value
            ))
            .code("missing-row")
            .at(yaml::location(file, key))
            .hint(tr!(
                "表格是加这个指标之前生成的，或者这一行被删了：在数据文件里写上 value，或用 report sheet --force 重新生成表格（已填的数要重填）",
                "the workbook was made before the metric was added, or its row was deleted: write its value in the data file, or make the workbook again with report sheet --force (and fill it in again)"
            )),
        );
        // Said here; the data file's checks need not say it again.
        let stand_in = key.here(Tree::Number(0.0));
        match value {
            Some((_, v)) => *v = stand_in,
            None => fields.push((key.here("value".to_string()), stand_in)),
        }
    }
    errors
}

/// `value: 待填`, as `report new` writes it: a figure still to fill.
fn is_to_fill(value: &Tree) -> bool {
    matches!(value, Tree::Text(text) if text.trim() == TO_FILL)
}

/// Sets `field` to the cell's value, unless the YAML already gives it.
fn place(
    fields: &mut Vec<(Spanned<String>, Spanned<Tree>)>,
    field: &str,
    value: &Spanned<Tree>,
    key: &str,
    file: &SourceFile,
    errors: &mut Vec<Diagnostic>,
) {
    let written = fields.iter_mut().find(|(k, _)| k.value == field);
    match written {
        Some((_, typed)) if !unset(&typed.value) => {
            let there = yaml::location(file, typed);
            errors.push(
                Diagnostic::error(tr!(
                    "指标 `{key}` 的 {field} 在表里和 {}:{} 都写了",
                    "the {field} of `{key}` is given both here and at {}:{}",
                    there.file,
                    there.line
                ))
                .code("given-twice")
                .at(yaml::location(file, value))
                .hint(tr!(
                    "一个数只写在一处：删去数据文件里的 {field}，或清空这一格",
                    "give each figure in one place: delete {field} from the data file, or clear this cell"
                )),
            );
        }
        Some((name, typed)) => {
            *name = value.here(field.to_string());
            *typed = value.clone();
        }
        None => fields.push((value.here(field.to_string()), value.clone())),
    }
}

/// Not given in the YAML: absent, `~`, or still 待填.
fn unset(value: &Tree) -> bool {
    match value {
        Tree::Null => true,
        Tree::Text(text) => text.trim() == TO_FILL,
        _ => false,
    }
}

fn undefined(row: &Row, file: &SourceFile, known: &[&str]) -> Diagnostic {
    let key = &row.key.value;
    let hint = match yaml::closest(key, known) {
        Some(close) => tr!("是不是 `{close}`？", "did you mean `{close}`?"),
        None => tr!(
            "先在 {} 的 metrics 里写上这个指标（label、unit），或删去这一行",
            "define the metric under metrics in {} first (label, unit), or delete this row",
            file.name
        ),
    };
    Diagnostic::error(tr!(
        "表里的指标 `{key}` 在 {} 里没有定义",
        "the metric `{key}` is not defined in {}",
        file.name
    ))
    .code("unknown-metric")
    .at(yaml::location(file, &row.key))
    .hint(hint)
}

/// The `metrics:` mapping of the tree, if it has one.
fn metrics(tree: &mut Spanned<Tree>) -> Option<&mut Vec<(Spanned<String>, Spanned<Tree>)>> {
    let Tree::Map(top) = &mut tree.value else {
        return None;
    };
    let (_, metrics) = top.iter_mut().find(|(k, _)| k.value == "metrics")?;
    match &mut metrics.value {
        Tree::Map(entries) => Some(entries),
        _ => None,
    }
}
