//! Tables: column widths that fill the type area and keep figures on one
//! line, and the table itself.

use crate::render::document::{self, Align};

use super::runs::{runs, width};
use super::styles::CHAR_14;
use super::wml::{Part, Props};

/// The type area's width, 156 mm, in twips.
pub(super) const TYPE_WIDTH: usize = super::styles::TYPE_WIDTH as usize;
/// The least a column gets, in characters of 四号.
pub(super) const MIN_COLUMN_CHARS: f64 = 2.0;
/// A clause (up to a “，”) longer than this many characters may wrap.
pub(super) const LONG_CLAUSE: f64 = 12.0;
/// One character of 四号, the tables' size, in twips.
pub(super) const TABLE_CHAR: f64 = CHAR_14 as f64;
/// A cell's left and right margins together (Word's default 0.19 cm each).
pub(super) const CELL_PADDING: f64 = 216.0;

/// Column widths in twips, filling the type area. Each column first gets
/// what its widest text needs on one line; what is left over goes to the
/// text columns, and when the page is too narrow the text columns give way,
/// so figures (right-aligned columns) are the last to wrap.
pub(super) fn columns(table: &document::Table) -> Vec<usize> {
    let count = table.align.len().max(1);
    let least = MIN_COLUMN_CHARS * TABLE_CHAR + CELL_PADDING;
    let mut wanted = vec![least; count];
    // The widest clause (up to a “，”) of each column: a cell may wrap
    // between clauses, never inside “已完成”.
    let mut clause = vec![least; count];
    // A character of slack: office suites set Latin digits wider than half
    // a character.
    let need = |text: &str| (width(text) + 1.0) * TABLE_CHAR + CELL_PADDING;
    for row in std::iter::once(&table.header).chain(&table.rows) {
        for (column, cell) in row.iter().enumerate().take(count) {
            let text = document::plain(cell);
            wanted[column] = wanted[column].max(need(&text));
            // A clause too long for any column wraps anyway; it asks only
            // for a few characters' room.
            for piece in text.split_inclusive(['，', '；', '、']) {
                let floor = if width(piece) <= LONG_CLAUSE {
                    need(piece)
                } else {
                    need("六个字的宽")
                };
                clause[column] = clause[column].max(floor);
            }
        }
    }
    let figures: Vec<bool> = (0..count)
        .map(|c| table.align.get(c) == Some(&Align::Right))
        .collect();
    let page = TYPE_WIDTH as f64;
    let total: f64 = wanted.iter().sum();
    let text_total: f64 = wanted
        .iter()
        .zip(&figures)
        .filter(|(_, figure)| !**figure)
        .map(|(w, _)| w)
        .sum();
    let figure_total = total - text_total;
    let widths: Vec<f64> = if text_total == 0.0 || figure_total >= page {
        wanted.iter().map(|w| w / total * page).collect()
    } else if total <= page {
        let spare = page - total;
        wanted
            .iter()
            .zip(&figures)
            .map(|(w, figure)| {
                if *figure {
                    *w
                } else {
                    w + spare * w / text_total
                }
            })
            .collect()
    } else {
        // Too wide: the text columns give way, each down to its widest
        // clause first, in proportion to how much more it wanted.
        let room = page - figure_total;
        let floors: f64 = (0..count).filter(|&c| !figures[c]).map(|c| clause[c]).sum();
        let give: f64 = text_total - floors;
        (0..count)
            .map(|c| {
                if figures[c] {
                    wanted[c]
                } else if floors <= room && give > 0.0 {
                    clause[c] + (room - floors) * (wanted[c] - clause[c]) / give
                } else {
                    // Not even the clauses fit: shares by clause, so a
                    // column of short phrases keeps them whole longest.
                    clause[c] * room / floors
                }
            })
            .collect()
    };
    let mut widths: Vec<usize> = widths.iter().map(|w| w.floor() as usize).collect();
    // Rounding leftovers go to the first column, so the sum is exact.
    let used: usize = widths.iter().sum();
    widths[0] += TYPE_WIDTH.saturating_sub(used);
    widths
}

/// `table` into `body`: the header row first, repeated on each page; no
/// row split across pages.
pub(super) fn table(body: &mut Part, table: &document::Table, units: &[&str]) {
    let widths = columns(table);
    body.table(TYPE_WIDTH, &widths);
    for (index, cells) in std::iter::once(&table.header)
        .chain(&table.rows)
        .enumerate()
    {
        body.row(index == 0);
        for (column, &width) in widths.iter().enumerate() {
            body.cell(width);
            body.paragraph(&Props {
                align: table
                    .align
                    .get(column)
                    .copied()
                    .filter(|align| *align != Align::Left),
                ..Props::style("TableText")
            });
            runs(
                body,
                cells.get(column).map_or(&[][..], Vec::as_slice),
                units,
            );
            body.end_paragraph();
            body.end_cell();
        }
        body.end_row();
    }
    body.end_table();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::docx::runs::plain_span;

    fn table(align: Vec<Align>, rows: &[&[&str]]) -> document::Table {
        let cells = |row: &[&str]| row.iter().map(|t| vec![plain_span(t)]).collect();
        document::Table {
            caption: None,
            align,
            header: cells(rows[0]),
            rows: rows[1..].iter().map(|r| cells(r)).collect(),
        }
    }

    #[test]
    fn columns_fill_the_page_and_figures_keep_their_width() {
        let narrow = table(
            vec![Align::Left, Align::Right],
            &[&["指标", "数值"], &["整治有碍观瞻点位", "40余处"]],
        );
        let widths = columns(&narrow);
        assert_eq!(widths.iter().sum::<usize>(), TYPE_WIDTH);
        // 40余处 is 3 characters of 四号, one of slack and the cell's margins.
        assert_eq!(widths[1], 4 * 280 + 216);
        let long = "很长的说明文字".repeat(10);
        let wide = table(
            vec![Align::Left, Align::Right],
            &[&["指标", "数值"], &[&long, "7200㎡"]],
        );
        let widths = columns(&wide);
        assert_eq!(widths.iter().sum::<usize>(), TYPE_WIDTH);
        assert_eq!(widths[1], 4 * 280 + 216);
    }
}
