//! Tables and charts on the 公文 page: a table in 四号, its head in 黑体,
//! figures right-aligned, ruled cells, columns fitted to the 版心 without
//! breaking a figure, the head repeated on every page it runs onto; a
//! chart drawn as the HTML draws it, bars and labels, 64 mm high.

use super::flow::{Mark, Row, blank};
use super::layout::{Look, Setter};
use super::lines::{self, Line};
use crate::render::document::{Align, Table};
use crate::render::page::{self, Face};
use crate::render::spans::Span;

impl Setter<'_> {
    pub(crate) fn table(&mut self, table: &Table) -> Vec<Row> {
        let mut rows = Vec::new();
        if let Some(caption) = &table.caption {
            rows.extend(self.caption(caption));
        }
        let cell = Look::body().with(Face::FangSong, page::SMALL_SIZE);
        let head = Look::body().with(Face::HeiTi, page::SMALL_SIZE);
        let columns = table.header.len().max(1);
        let pad = 6.0;
        // Each column as wide as its widest cell asks, scaled to the 版心.
        let mut natural = vec![2.0 * page::SMALL_SIZE; columns];
        for (look, row) in
            std::iter::once((head, &table.header)).chain(table.rows.iter().map(|r| (cell, r)))
        {
            for (i, spans) in row.iter().enumerate().take(columns) {
                let width = self.spans_width(spans, look) + 2.0 * pad;
                natural[i] = natural[i].max(width);
            }
        }
        let widths = fit_columns(&natural, &table.align);
        let header = self.table_row(&table.header, head, &widths, &table.align, 0);
        let mut header_row = header.clone();
        header_row.keep_with_next = true;
        rows.push(header_row);
        let repeat = Box::new(header);
        for (index, row) in table.rows.iter().enumerate() {
            let number = u16::try_from(index + 1).unwrap_or(u16::MAX);
            let mut set = self.table_row(row, cell, &widths, &table.align, number);
            set.repeat = Some(repeat.clone());
            rows.push(set);
        }
        rows.push(blank(page::SMALL_SIZE));
        rows
    }

    fn table_row(
        &mut self,
        cells: &[Vec<Span>],
        look: Look,
        widths: &[f32],
        align: &[Align],
        row: u16,
    ) -> Row {
        let head = row == 0;
        let (pad, line) = (6.0, page::SMALL_SIZE * 1.5);
        let mut marks = Vec::new();
        let mut height: f32 = line + 4.0;
        let mut x = page::LEFT;
        let mut laid = Vec::new();
        for (i, &width) in widths.iter().enumerate() {
            let spans = cells.get(i).cloned().unwrap_or_default();
            let chars = self.set(&spans, look);
            let inner = width - 2.0 * pad;
            let lines = lines::break_lines(&chars, inner, inner);
            height = height.max(lines.len() as f32 * line + 4.0);
            let align = if head {
                Align::Center
            } else {
                align.get(i).copied().unwrap_or(Align::Left)
            };
            laid.push((x, width, chars, lines, align));
            x += width;
        }
        for (column_index, (x, column, chars, lines, align)) in laid.into_iter().enumerate() {
            let column_index = u16::try_from(column_index).unwrap_or(u16::MAX);
            for (n, l) in lines.iter().enumerate() {
                let used: f32 = chars[l.start..l.end].iter().map(|c| c.width).sum();
                let start = match align {
                    Align::Right => x + column - pad - used,
                    Align::Center => x + (column - used) / 2.0,
                    Align::Left => x + pad,
                };
                // Cells are set ragged: no spread, no hanging mark.
                let flat = Line {
                    spread: 0.0,
                    squeeze: 0.0,
                    ..l.clone()
                };
                for mut mark in super::flow::runs(&chars, &flat, start, line, false) {
                    // Tagged as its cell (TH in the head, TD below).
                    if let Mark::Text(run) = &mut mark {
                        run.cell = Some((row, column_index));
                    }
                    marks.push(mark.moved(2.0 + n as f32 * line));
                }
            }
        }
        // The cell borders: 0.5 pt, as the HTML's 1 px.
        let rule = |from: (f32, f32), to: (f32, f32)| Mark::Rule {
            from,
            to,
            width: 0.5,
            red: false,
        };
        let right = page::LEFT + page::TYPE_WIDTH;
        marks.push(rule((page::LEFT, 0.0), (right, 0.0)));
        marks.push(rule((page::LEFT, height), (right, height)));
        let mut x = page::LEFT;
        marks.push(rule((x, 0.0), (x, height)));
        for width in widths {
            x += width;
            marks.push(rule((x, 0.0), (x, height)));
        }
        Row {
            height,
            marks,
            ..Row::default()
        }
    }

    /// A chart as the HTML draws it, scaled to 64 mm high: grey bars for
    /// earlier years, black for the latest, each labelled with its figure.
    pub(crate) fn chart(&mut self, key: &str, alt: &str) -> Vec<Row> {
        let Some(chart) = self.charts.iter().find(|c| c.key == key) else {
            // The build has said the key is unknown; the reader still sees
            // what the chart was to show, as in the HTML and the DOCX.
            return self.caption(&[super::layout::plain(alt)]);
        };
        let (height, step, bar, left, top, bottom) = (220.0, 76.0, 44.0, 40.0, 52.0, 180.0);
        let drawn = (left * 2.0 + step * chart.bars.len() as f32).max(300.0);
        let scale = (64.0 * page::PT_PER_MM / height).min(page::TYPE_WIDTH / drawn);
        let x0 = page::LEFT + (page::TYPE_WIDTH - drawn * scale) / 2.0;
        let margin = page::SMALL_SIZE;
        let at = |x: f32, y: f32| (x0 + x * scale, margin + y * scale);
        let mut marks = Vec::new();
        let title = Look::body().with(Face::FangSong, 14.0 * scale);
        let label = Look::body().with(Face::FangSong, 12.0 * scale);
        let mut centred = |setter: &mut Self, text: &str, look: Look, (x, y): (f32, f32)| {
            let width = setter.width(text, look);
            let row = setter.line_row(text, look, x - width / 2.0, look.size);
            // line_row centres the text in a line of its size: lift it so
            // its baseline sits at y.
            marks.extend(row.marks.into_iter().map(|m| m.moved(y - look.size * 0.94)));
        };
        centred(self, &chart.label, title, at(drawn / 2.0, 20.0));
        let max = chart.bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
        let mut shapes = Vec::new();
        for (index, item) in chart.bars.iter().enumerate() {
            let fraction = if max > 0.0 {
                (item.value / max) as f32
            } else {
                0.0
            };
            let h = (fraction * (bottom - top)).max(0.0);
            let x = left + step * index as f32 + (step - bar) / 2.0;
            let (bx, by) = at(x, bottom - h);
            shapes.push(Mark::Bar {
                x: bx,
                y: by,
                width: bar * scale,
                height: h * scale,
                grey: index + 1 != chart.bars.len(),
            });
            centred(self, &item.text, label, at(x + bar / 2.0, bottom - h - 6.0));
            centred(
                self,
                &format!("{}年", item.year),
                label,
                at(x + bar / 2.0, bottom + 18.0),
            );
        }
        let (ax, ay) = at(left, bottom);
        let (bx, _) = at(drawn - left, bottom);
        shapes.push(Mark::Rule {
            from: (ax, ay),
            to: (bx, ay),
            width: 1.0 * scale,
            red: false,
        });
        shapes.extend(marks);
        vec![Row {
            height: height * scale + 2.0 * margin,
            marks: shapes,
            ..Row::default()
        }]
    }
}

/// Column widths filling the 版心: a table narrower than it widens every
/// column alike; a wider one narrows only its text columns, so that a
/// figure keeps its line.
fn fit_columns(natural: &[f32], align: &[Align]) -> Vec<f32> {
    let total: f32 = natural.iter().sum();
    if total <= page::TYPE_WIDTH {
        return natural
            .iter()
            .map(|w| w * page::TYPE_WIDTH / total)
            .collect();
    }
    let fixed = |i: usize| align.get(i).is_some_and(|a| *a != Align::Left);
    let kept: f32 = (0..natural.len())
        .filter(|&i| fixed(i))
        .map(|i| natural[i])
        .sum();
    let flexible = total - kept;
    let room = (page::TYPE_WIDTH - kept).max(page::TYPE_WIDTH / 4.0);
    natural
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if fixed(i) || flexible <= 0.0 {
                *w * if flexible <= 0.0 {
                    page::TYPE_WIDTH / total
                } else {
                    1.0
                }
            } else {
                w * room / flexible
            }
        })
        .collect()
}
