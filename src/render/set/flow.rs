//! The flow of rows down the 版心 and into pages: a row that does not fit
//! starts a new page with the rows it must keep with (a heading with what
//! follows, a paragraph's first and last two lines, the 落款 with the text
//! above it), a table's head is repeated on the page it runs onto, and the
//! 版记 goes to the foot of the last, even page. Also the marks a line of
//! text becomes: runs of glyphs, one per face and look.

use std::ops::Range;

use krilla::text::GlyphId;

use super::lines::{Line, Set, may_break_after};
use crate::render::page;

/// What a page shows, in points from the page's top-left corner.
#[derive(Debug, Clone)]
pub(crate) enum Mark {
    Text(Run),
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        red: bool,
    },
    Bar {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        grey: bool,
    },
}

/// Glyphs of one face, size and look on one line.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub(crate) face: usize,
    pub(crate) size: f32,
    pub(crate) x: f32,
    pub(crate) baseline: f32,
    pub(crate) bold: bool,
    pub(crate) red: bool,
    pub(crate) text: String,
    /// Each glyph, its advance in points, and its bytes in `text`.
    pub(crate) glyphs: Vec<(GlyphId, f32, Range<usize>)>,
    /// The block of the document it belongs to (an index into the
    /// structure), or `None` for the page's furniture (a page number).
    pub(crate) block: Option<usize>,
    /// In a table, the cell it is in: row (0 the head) and column.
    pub(crate) cell: Option<(u16, u16)>,
}

impl Mark {
    pub(crate) fn moved(mut self, dy: f32) -> Self {
        match &mut self {
            Mark::Text(run) => run.baseline += dy,
            Mark::Rule { from, to, .. } => {
                from.1 += dy;
                to.1 += dy;
            }
            Mark::Bar { y, .. } => *y += dy,
        }
        self
    }
}

#[derive(Debug, Default)]
pub(crate) struct Page {
    pub(crate) marks: Vec<Mark>,
}

/// A strip of the flow: its height, its marks (y from its own top), and
/// whether it must share a page with the row after it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    pub(crate) height: f32,
    pub(crate) marks: Vec<Mark>,
    pub(crate) keep_with_next: bool,
    /// A table's head, repeated at the top of a page the table runs onto.
    pub(crate) repeat: Option<Box<Row>>,
}

/// Marks the text of `rows` (and of a repeated table head) as `block`'s.
pub(crate) fn belong(rows: &mut [Row], block: usize) {
    for row in rows {
        if let Some(head) = row.repeat.as_mut() {
            belong(std::slice::from_mut(head), block);
        }
        for mark in &mut row.marks {
            if let Mark::Text(run) = mark {
                run.block = Some(block);
            }
        }
    }
}

/// An empty row `height` high.
pub(crate) fn blank(height: f32) -> Row {
    Row {
        height,
        ..Row::default()
    }
}

/// All but the last row keep with the next: the block stays on one page.
pub(crate) fn keep_together(rows: &mut [Row]) {
    let count = rows.len();
    for row in rows.iter_mut().take(count.saturating_sub(1)) {
        row.keep_with_next = true;
    }
}

/// The text runs of `line`: characters grouped by face and look, each
/// glyph advanced by its width, the justification spread, the hanging
/// mark's squeeze and what compression takes from a closing mark.
pub(crate) fn runs(chars: &[Set], line: &Line, x: f32, height: f32, red: bool) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut current: Option<Run> = None;
    let mut pen = x;
    for i in line.start..line.end {
        let c = &chars[i];
        let mut advance = c.width;
        if i + 1 < line.end && may_break_after(chars, i) {
            advance += line.spread;
        }
        if i + 1 == line.end {
            advance -= line.squeeze;
        }
        advance -= line.compressed(chars, i);
        if let Some(glyph) = c.glyph {
            let baseline = (height - c.size) / 2.0 + c.size * 0.88;
            let same = current.as_ref().is_some_and(|r| {
                r.face == glyph.face && (r.size - c.size).abs() < 0.01 && r.bold == c.bold
            });
            if !same {
                marks.extend(current.take().map(Mark::Text));
                current = Some(Run {
                    face: glyph.face,
                    size: c.size,
                    x: pen,
                    baseline,
                    bold: c.bold,
                    red,
                    text: String::new(),
                    glyphs: Vec::new(),
                    block: None,
                    cell: None,
                });
            }
            if let Some(run) = current.as_mut() {
                let start = run.text.len();
                run.text.push(c.ch);
                run.glyphs.push((glyph.id, advance, start..run.text.len()));
            }
        } else {
            // A space or a missing glyph: the next run starts after it.
            marks.extend(current.take().map(Mark::Text));
        }
        pen += advance;
    }
    marks.extend(current.take().map(Mark::Text));
    marks
}

/// Rows into pages: a row that does not fit starts a new page, with the
/// rows before it that it must keep with; a table's head is repeated.
pub(crate) fn paginate(rows: Vec<Row>) -> Vec<Page> {
    let mut pages: Vec<Vec<Row>> = vec![Vec::new()];
    let mut used = 0.0;
    for row in rows {
        if used + row.height > page::TYPE_HEIGHT + 0.01 && !pages.last().is_some_and(Vec::is_empty)
        {
            let Some(current) = pages.last_mut() else {
                break;
            };
            // Move the rows this one is kept with (unless that is all of them).
            let mut cut = current.len();
            while cut > 0 && current[cut - 1].keep_with_next {
                cut -= 1;
            }
            let moved = if cut == 0 {
                Vec::new()
            } else {
                current.split_off(cut)
            };
            let mut next: Vec<Row> = Vec::new();
            // A table row that starts the page brings its head.
            let head = moved.first().unwrap_or(&row).repeat.clone();
            if let Some(mut head) = head {
                // A repeated head is the page's furniture, not text again.
                for mark in &mut head.marks {
                    if let Mark::Text(run) = mark {
                        run.block = None;
                    }
                }
                next.push(*head);
            }
            next.extend(moved);
            used = next.iter().map(|r| r.height).sum();
            pages.push(next);
        }
        used += row.height;
        if let Some(page) = pages.last_mut() {
            page.push(row);
        }
    }
    pages
        .into_iter()
        .map(|rows| {
            let mut y = page::TOP;
            let mut marks = Vec::new();
            for row in rows {
                marks.extend(row.marks.into_iter().map(|m| m.moved(y)));
                y += row.height;
            }
            Page { marks }
        })
        .collect()
}

/// The 版记 at the foot of the last page, its last rule on the 版心's bottom
/// edge; on a new page when the last has no room, and on an even page.
pub(crate) fn place_record(pages: &mut Vec<Page>, record: Vec<Row>) {
    let height: f32 = record.iter().map(|r| r.height).sum();
    let bottom = page::TOP + page::TYPE_HEIGHT;
    let lowest = pages.last().map_or(page::TOP, |p| {
        p.marks.iter().map(mark_bottom).fold(page::TOP, f32::max)
    });
    if lowest + page::LINE > bottom - height || pages.len() % 2 == 1 {
        pages.push(Page::default());
    }
    let mut y = bottom - height;
    if let Some(last) = pages.last_mut() {
        for row in record {
            last.marks.extend(row.marks.into_iter().map(|m| m.moved(y)));
            y += row.height;
        }
    }
}

fn mark_bottom(mark: &Mark) -> f32 {
    match mark {
        Mark::Text(run) => run.baseline + run.size * 0.12,
        Mark::Rule { from, to, .. } => from.1.max(to.1),
        Mark::Bar { y, height, .. } => y + height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> Row {
        Row {
            height: page::LINE,
            marks: vec![Mark::Rule {
                from: (0.0, 0.0),
                to: (1.0, 0.0),
                width: 1.0,
                red: false,
            }],
            ..Row::default()
        }
    }

    fn rows_on(pages: &[Page]) -> Vec<usize> {
        pages.iter().map(|p| p.marks.len()).collect()
    }

    #[test]
    fn a_page_holds_twenty_two_lines() {
        let pages = paginate(vec![line(); 23]);
        assert_eq!(rows_on(&pages), [22, 1]);
    }

    #[test]
    fn kept_rows_move_together() {
        // A heading as the 22nd line goes to the next page with its text.
        let mut rows = vec![line(); 23];
        rows[21].keep_with_next = true;
        assert_eq!(rows_on(&paginate(rows)), [21, 2]);
    }

    #[test]
    fn a_table_repeats_its_head() {
        let mut rows = vec![line(); 21];
        let mut head = line();
        head.keep_with_next = true;
        rows.push(head.clone());
        for _ in 0..3 {
            let mut body = line();
            body.repeat = Some(Box::new(head.clone()));
            rows.push(body);
        }
        // The head would end page 1: it moves, and page 2 starts with it.
        let pages = paginate(rows);
        assert_eq!(rows_on(&pages), [21, 4]);
    }

    #[test]
    fn the_record_goes_to_the_foot_of_an_even_page() {
        let mut pages = paginate(vec![line(); 3]);
        place_record(&mut pages, vec![line(), line()]);
        assert_eq!(pages.len(), 2, "page 1 is odd: the 版记 takes page 2");
        let bottom = pages[1]
            .marks
            .iter()
            .map(mark_bottom)
            .fold(0.0_f32, f32::max);
        let foot = page::TOP + page::TYPE_HEIGHT - page::LINE;
        assert!((bottom - foot).abs() < 0.01, "{bottom} {foot}");
        // On an even page with room, it stays there.
        let mut pages = paginate(vec![line(); 25]);
        place_record(&mut pages, vec![line()]);
        assert_eq!(pages.len(), 2);
    }
}
