//! Reading the figures sheet of a workbook: the header row, then each
//! metric's row, every value with the cell it was read from.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader as _, Xlsx};

use super::formula;
use super::layout::{self, APPROX, HEADER_ROW, KEY};
use crate::diagnostic::{Diagnostic, Location};
use crate::source::dataset::keys::TO_FILL;
use crate::source::yaml::{Cell, Spanned, Tree};
use crate::tr;

/// No figures sheet has more rows than this; a sheet that does is refused
/// before it is read to its end.
pub(crate) const MAX_ROWS: u32 = 5000;
/// Nor more columns than this.
const MAX_COLUMNS: u32 = 64;

/// One metric's row: its key and what was filled in.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) key: Spanned<String>,
    pub(crate) value: Option<Spanned<Tree>>,
    pub(crate) approx: Option<Spanned<Tree>>,
    /// Where the value is to be filled in, for a message about an empty one.
    pub(crate) value_cell: Location,
    /// The sheet's column of the value, from 1.
    pub(crate) value_column: usize,
    /// The figure cell holds something already refused (a formula without
    /// its result): not a cell still to fill.
    pub(crate) refused: bool,
}

impl Row {
    /// The empty figure cell, as a value still to fill.
    pub(crate) fn empty_value(&self) -> Spanned<Tree> {
        let cell = Cell {
            location: self.value_cell.clone(),
            text: String::new(),
            column: self.value_column,
        };
        Spanned::in_cell(Tree::Text(TO_FILL.to_string()), cell)
    }
}

/// What the figures sheet holds, and what was found wrong on the way.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    pub(crate) rows: Vec<Row>,
    pub(crate) errors: Vec<Diagnostic>,
    pub(crate) warnings: Vec<Diagnostic>,
}

/// A cell as read: its value and, for a formula, the formula.
struct Read {
    value: Data,
    formula: Option<String>,
}

/// Reads the sheet `wanted` (the unit's name) of the workbook `shown`.
pub(crate) fn read(
    bytes: Vec<u8>,
    shown: &str,
    wanted: Option<&str>,
    year: u16,
    recalculate: bool,
) -> Result<Sheet, Box<Diagnostic>> {
    let refuse = |message: String, hint: String| {
        Box::new(Diagnostic::error(message).code("bad-workbook").hint(hint))
    };
    let damaged = |error: calamine::XlsxError| {
        refuse(
            tr!(
                "{shown} 读不出来：{error}",
                "{shown} cannot be read: {error}"
            ),
            tr!(
                "在 Excel 或 WPS 里打开后重新保存；还不行就用 report sheet 重新生成",
                "open it in Excel or WPS and save it again; failing that, make a fresh one with report sheet"
            ),
        )
    };
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    let name = sheet(&book.sheet_names(), shown, wanted)?;
    let mut cells: BTreeMap<u32, BTreeMap<u32, Read>> = BTreeMap::new();
    let mut reader = book.worksheet_cells_reader(&name).map_err(damaged)?;
    let too_many = |rows: u32| {
        refuse(
            tr!(
                "{shown} 的工作表“{name}”有 {rows} 行以上，填数的表格不会这么多",
                "the sheet “{name}” of {shown} has {rows} rows or more; a figures sheet has far fewer"
            ),
            tr!(
                "删去多余的行，或用 report sheet 重新生成填报表",
                "delete the extra rows, or make a fresh one with report sheet"
            ),
        )
    };
    if reader.dimensions().end.0 >= MAX_ROWS {
        return Err(too_many(reader.dimensions().end.0 + 1));
    }
    while let Some(cell) = reader.next_cell_with_formula().map_err(damaged)? {
        let (row, column) = cell.pos;
        if row >= MAX_ROWS {
            return Err(too_many(row + 1));
        }
        let value = Data::from(cell.value);
        if column >= MAX_COLUMNS || (matches!(value, Data::Empty) && cell.formula.is_none()) {
            continue;
        }
        cells.entry(row).or_default().insert(
            column,
            Read {
                value,
                formula: cell.formula.filter(|f| !f.is_empty()),
            },
        );
    }
    drop(reader);
    // After the cells: a sheet of a million rows is refused at row 5000,
    // before this reads it to its end.
    let merged = book.merge_cells_by_sheet_name(&name).map_err(damaged)?;
    let found = Found {
        shown,
        sheet: &name,
        cells: &cells,
        recalculate,
    };
    let mut out = Sheet::default();
    let columns = found.columns(year)?;
    for region in merged {
        let (top, left) = region.start;
        let (bottom, right) = region.end;
        let touches = [columns.key, columns.value]
            .into_iter()
            .chain(columns.approx)
            .any(|c| (left..=right).contains(&c));
        if bottom > HEADER_ROW && touches {
            let range = format!(
                "{}{}:{}{}",
                layout::column_letters(left),
                top + 1,
                layout::column_letters(right),
                bottom + 1
            );
            let at = found.at(top.max(HEADER_ROW + 1), left);
            out.errors.push(
                Diagnostic::error(tr!("合并了单元格 {range}", "the cells {range} are merged"))
                    .code("merged-cells")
                    .at(at)
                    .hint(tr!(
                        "每个指标占一行、一格：取消合并，把数字分别填在各自的行里",
                        "each metric has a row and a cell of its own: unmerge them and fill in each row"
                    )),
            );
        }
    }
    for (&row, _) in cells.range(HEADER_ROW + 1..) {
        found.row(row, &columns, &mut out);
    }
    Ok(out)
}

/// The sheet to read: the one named for the unit. A workbook of one
/// sheet with another name was renamed, or is another unit's.
fn sheet(names: &[String], shown: &str, wanted: Option<&str>) -> Result<String, Box<Diagnostic>> {
    let wanted = wanted.map(layout::sheet_name);
    if let Some(wanted) = &wanted
        && names.contains(wanted)
    {
        return Ok(wanted.clone());
    }
    let found = match (names, &wanted) {
        ([only], None) => return Ok(only.clone()),
        ([only], Some(wanted)) => Diagnostic::error(tr!(
            "{shown} 的工作表叫“{only}”，应是本单位的“{wanted}”",
            "the sheet of {shown} is named “{only}”, but this unit's is “{wanted}”"
        ))
        .code("wrong-sheet")
        .hint(tr!(
            "工作表被改了名，或者放错了单位的文件夹：核对是哪个单位填的，再把工作表改回“{wanted}”",
            "the sheet was renamed, or the file is in the wrong unit's folder: check who filled it in, then rename the sheet back to “{wanted}”"
        )),
        _ => Diagnostic::error(tr!(
            "{shown} 里没有名为“{}”的工作表（有：{}）",
            "{shown} has no sheet named “{}” (it has: {})",
            wanted.as_deref().unwrap_or(KEY),
            crate::lang::list(names)
        ))
        .code("wrong-sheet")
        .hint(tr!(
            "把填数的工作表改名为“{}”，或用 report sheet 重新生成填报表",
            "rename the figures sheet to “{}”, or make a fresh one with report sheet",
            wanted.as_deref().unwrap_or(KEY)
        )),
    };
    Err(Box::new(found))
}

/// Where the key, the value and the approximation are.
struct Columns {
    key: u32,
    value: u32,
    approx: Option<u32>,
}

struct Found<'a> {
    shown: &'a str,
    sheet: &'a str,
    cells: &'a BTreeMap<u32, BTreeMap<u32, Read>>,
    recalculate: bool,
}

impl Found<'_> {
    fn columns(&self, year: u16) -> Result<Columns, Box<Diagnostic>> {
        let empty = BTreeMap::new();
        let header = self.cells.get(&HEADER_ROW).unwrap_or(&empty);
        let find = |wanted: &str| {
            header
                .iter()
                .find(|(_, cell)| text(&cell.value).is_some_and(|t| t == wanted))
                .map(|(&column, _)| column)
        };
        let value_header = layout::value_header(year);
        let missing = |what: &str| {
            Diagnostic::error(tr!(
                "{}!{} 第 {} 行没有“{what}”这一列的表头",
                "{}!{} has no “{what}” header in row {}",
                self.shown,
                self.sheet,
                HEADER_ROW + 1
            ))
            .code("bad-workbook")
            .at(self.at(HEADER_ROW, 0))
            .hint(tr!(
                "表头由 report sheet 写好，不要改动；第 {} 行应有“{KEY}”和“{value_header}”",
                "the headers are written by report sheet and must stay; row {} needs “{KEY}” and “{value_header}”",
                HEADER_ROW + 1
            ))
        };
        let key = find(KEY).ok_or_else(|| missing(KEY))?;
        let value = find(&value_header).ok_or_else(|| {
            let other = header.values().find_map(|cell| {
                let t = text(&cell.value)?;
                let year: u16 = t.strip_suffix("年数值")?.parse().ok()?;
                Some(year)
            });
            match other {
                // Last year's column is there too; only a sheet of another
                // year has none for this one.
                Some(other) if other != year - 1 => Diagnostic::error(tr!(
                    "{} 是 {other} 年的填报表，不是 {year} 年的",
                    "{} is the figures sheet of {other}, not of {year}",
                    self.shown
                ))
                .code("wrong-year")
                .at(self.at(HEADER_ROW, 0))
                .hint(tr!(
                    "把它放到 {other} 年的位置（{other}.xlsx），或用 report sheet {year} 生成今年的",
                    "put it where {other}'s belongs ({other}.xlsx), or make this year's with report sheet {year}"
                )),
                _ => missing(&value_header),
            }
        })?;
        Ok(Columns {
            key,
            value,
            approx: find(APPROX),
        })
    }

    /// One row below the headers.
    fn row(&self, row: u32, columns: &Columns, out: &mut Sheet) {
        let key = self.cell(row, columns.key);
        let value = self.cell(row, columns.value);
        let approx = columns.approx.and_then(|c| self.cell(row, c));
        let key = match key.map(|k| (text(&k.value.value), k)) {
            Some((Some(text), cell)) if !text.is_empty() => {
                Spanned::in_cell(text, cell.into_cell())
            }
            Some((_, cell)) => {
                let at = cell.location();
                out.errors.push(
                    Diagnostic::error(tr!("指标名应是文字", "the metric's key should be text"))
                        .code("bad-metric-key")
                        .at(at)
                        .hint(tr!(
                            "“{KEY}”列是 report sheet 写好的指标名，不要改动",
                            "the “{KEY}” column holds the keys report sheet wrote; leave it as it is"
                        )),
                );
                return;
            }
            None if value.is_some() || approx.is_some() => {
                out.errors.push(
                    Diagnostic::error(tr!(
                        "第 {} 行填了数，却没有指标名",
                        "row {} has a figure but no metric key",
                        row + 1
                    ))
                    .code("row-without-key")
                    .at(self.at(row, columns.key))
                    .hint(tr!(
                        "每个数要填在它的指标那一行；要加新指标，先在数据文件的 metrics 里写上，再用 report sheet 重新生成",
                        "fill each figure in its metric's row; to add a metric, write it under metrics in the data file first, then make the sheet again with report sheet"
                    )),
                );
                return;
            }
            None => return,
        };
        let value_cell = self.at(row, columns.value);
        let errors = out.errors.len();
        let value = value.and_then(|cell| self.figure(cell, out));
        let refused = out.errors.len() > errors;
        let approx = approx.and_then(|cell| {
            let word = text(&cell.value.value)?;
            Some(Spanned::in_cell(Tree::Text(word), cell.into_cell()))
        });
        out.rows.push(Row {
            key,
            value,
            approx,
            value_cell,
            value_column: columns.value as usize + 1,
            refused,
        });
    }

    /// A figure cell as a value of the tree: a number, or what the cell
    /// holds instead, which the checks of the data file then name.
    fn figure(&self, cell: Located<'_>, out: &mut Sheet) -> Option<Spanned<Tree>> {
        let at = cell.location();
        if let Some(formula) = &cell.value.formula {
            if matches!(cell.value.value, Data::Empty) {
                out.errors.push(
                    Diagnostic::error(tr!(
                        "公式 ={formula} 没有保存计算结果",
                        "the formula ={formula} has no saved result"
                    ))
                    .code("formula-without-value")
                    .at(at)
                    .hint(tr!(
                        "在 Excel 或 WPS 里打开这个文件、保存一次，结果就存进去了；或者直接填数字",
                        "open the file in Excel or WPS and save it once, which stores the results; or type the figure itself"
                    )),
                );
                return None;
            }
            if let Some(stale) = self.stale(formula, &cell.value.value) {
                out.errors.push(stale.at(at));
                return None;
            }
            if self.recalculate {
                out.warnings.push(
                    Diagnostic::warning(tr!(
                        "公式 ={formula} 的结果可能不是最新的",
                        "the result of the formula ={formula} may be out of date"
                    ))
                    .code("unrecalculated-formula")
                    .at(at.clone())
                    .hint(tr!(
                        "保存这个文件的程序要求打开时重算公式，存下的结果没有重算过：在 Excel 或 WPS 里打开、保存一次",
                        "the program that saved it asks for formulas to be recalculated on opening, so the saved results were not: open and save it once in Excel or WPS"
                    )),
                );
            }
        }
        let value = match &cell.value.value {
            Data::Int(n) => Tree::Number(*n as f64),
            // The figure as its digits are shown: a formula's 0.1 + 0.2
            // is 0.3 in the report, as in the sheet.
            Data::Float(n) => Tree::Number(shown(cell.value).parse().unwrap_or(*n)),
            Data::String(s) if s.trim().is_empty() => return None,
            Data::String(s) => Tree::Text(s.trim().to_string()),
            Data::Bool(b) => Tree::Bool(*b),
            Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
                out.errors.push(
                    Diagnostic::error(tr!(
                        "单元格是日期格式，不是数字",
                        "the cell is a date, not a number"
                    ))
                    .code("bad-type")
                    .at(at)
                    .hint(tr!(
                        "把单元格格式改为“常规”或“数值”，再填一次数字",
                        "set the cell's format to General or Number and type the figure again"
                    )),
                );
                return None;
            }
            Data::Error(error) => {
                out.errors.push(
                    Diagnostic::error(tr!(
                        "单元格的值是错误 {error}",
                        "the cell holds the error {error}"
                    ))
                    .code("formula-error")
                    .at(at)
                    .hint(tr!(
                        "改正公式，或直接填数字",
                        "fix the formula, or type the figure"
                    )),
                );
                return None;
            }
            Data::Empty => return None,
        };
        Some(Spanned::in_cell(value, cell.into_cell()))
    }

    /// A formula whose saved result is not what its cells give now: the
    /// cells were changed by a program that does not calculate.
    fn stale(&self, formula: &str, saved: &Data) -> Option<Diagnostic> {
        let saved = match saved {
            Data::Int(n) => *n as f64,
            Data::Float(n) => *n,
            _ => return None,
        };
        let now = formula::evaluate(formula, &|row, column| {
            let Some(cell) = self.cells.get(&row).and_then(|r| r.get(&column)) else {
                return Some(0.0);
            };
            match cell.value {
                Data::Int(n) => Some(n as f64),
                Data::Float(n) => Some(n),
                _ => None,
            }
        })?;
        if (now - saved).abs() <= 1e-9 * now.abs().max(1.0) {
            return None;
        }
        let shown = |value: f64| {
            shown(&Read {
                value: Data::Float(value),
                formula: None,
            })
        };
        let (saved, now) = (shown(saved), shown(now));
        Some(
            Diagnostic::error(tr!(
                "公式 ={formula} 存的结果是 {saved}，按表里现在的数算是 {now}",
                "the formula ={formula} saved {saved}, but the sheet's figures now give {now}"
            ))
            .code("stale-formula")
            .hint(tr!(
                "表格改过之后没有重算：在 Excel 或 WPS 里打开、保存一次，再核对这个数",
                "the sheet was changed without recalculating: open and save it once in Excel or WPS, then check the figure"
            )),
        )
    }

    fn cell(&self, row: u32, column: u32) -> Option<Located<'_>> {
        let value = self.cells.get(&row)?.get(&column)?;
        Some(Located {
            found: self,
            row,
            column,
            value,
        })
    }

    /// A message's place: the cell, shown in its row.
    fn at(&self, row: u32, column: u32) -> Location {
        let empty = BTreeMap::new();
        let cells = self.cells.get(&row).unwrap_or(&empty);
        let mut line = String::new();
        let (mut start, mut chars) = (0, 1);
        let last = cells.keys().next_back().copied().unwrap_or(0).max(column);
        for c in 0..=last {
            if c > 0 {
                line.push_str(" │ ");
            }
            let shown = cells.get(&c).map(shown).unwrap_or_default();
            if c == column {
                start = line.chars().count();
                chars = shown.chars().count().max(1);
            }
            line.push_str(&shown);
        }
        Location {
            file: self.shown.to_string(),
            cell: Some(format!(
                "{}!{}{}",
                self.sheet,
                layout::column_letters(column),
                row + 1
            )),
            line: row as usize + 1,
            column: start + 1,
            chars,
            line_text: line.trim_end().to_string(),
        }
    }
}

/// A cell found, with where it is.
struct Located<'a> {
    found: &'a Found<'a>,
    row: u32,
    column: u32,
    value: &'a Read,
}

impl Located<'_> {
    fn location(&self) -> Location {
        self.found.at(self.row, self.column)
    }

    fn into_cell(self) -> Cell {
        Cell {
            location: self.location(),
            text: shown(self.value),
            column: self.column as usize + 1,
        }
    }
}

/// A cell's text: a string trimmed, or nothing for anything else.
fn text(value: &Data) -> Option<String> {
    match value {
        Data::String(s) => Some(s.trim().to_string()),
        _ => None,
    }
}

/// A cell as a message shows it and as its digits are counted: a number in
/// the fewest digits that give it back (a formula's 0.1 + 0.2 is 0.3), not
/// Excel's seventeen.
fn shown(cell: &Read) -> String {
    match &cell.value {
        Data::Int(n) => n.to_string(),
        Data::Float(n) => crate::model::numbers::fewest(*n, 9),
        Data::String(s) => s.trim().to_string(),
        Data::Bool(b) => b.to_string().to_uppercase(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Empty => cell
            .formula
            .as_ref()
            .map(|f| format!("={f}"))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f64) -> String {
        shown(&Read {
            value: Data::Float(value),
            formula: None,
        })
    }

    #[test]
    fn a_figure_keeps_the_digits_the_sheet_shows() {
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(7200.0), "7200");
        assert_eq!(number(12.50), "12.5");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(1e14 + 0.25), "100000000000000.25");
    }

    #[test]
    fn a_formula_without_its_result_shows_as_the_formula() {
        let cell = Read {
            value: Data::Empty,
            formula: Some("SUM(F3:F5)".into()),
        };
        assert_eq!(shown(&cell), "=SUM(F3:F5)");
    }
}
