//! Where each printed piece came from: the entries the marks in the
//! model's text name (see [`crate::model::marks`]). Text typed in the data
//! file maps back to the line and column of each of its characters; a
//! figure knows its metric, its value and unit, where the value is typed,
//! where it is referred to, and, for a figure the tool computed (同比,
//! 完成率), the formula and the figures it was computed from.

use std::sync::Arc;

use std::fmt;

use crate::diagnostic::{Location, SourceFile};
use crate::model::marks::{self, Mark};

/// The origins of one report's marks; a mark's id is an index here.
#[derive(Debug, Clone, Default)]
pub(crate) struct Origins {
    entries: Vec<Origin>,
}

#[derive(Debug, Clone)]
pub(crate) enum Origin {
    /// Text typed in the data file.
    Typed(Typed),
    /// A figure the tool printed.
    Figure(Box<Figure>),
}

/// A paragraph (or a line) of text typed at one value of the data file.
#[derive(Debug, Clone)]
pub(crate) struct Typed {
    /// Where the value starts in the file.
    node: usize,
    /// The value's paragraphs as printed (figures marked), shared by the
    /// paragraphs of one value; read only to place a character.
    value: Arc<[String]>,
    /// Which of them this is.
    index: usize,
}

/// A place in a file: where a figure is typed. Lighter than a message's
/// [`Location`] (no line to show), as a report holds many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) file: Arc<str>,
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// For a figure read from a workbook, its sheet and cell (`交通局!C7`);
    /// `line` and `column` are then the cell's row and column numbers.
    pub(crate) cell: Option<Arc<str>>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cell {
            Some(cell) => write!(f, "{}!{cell}", self.file),
            None => write!(f, "{}:{}:{}", self.file, self.line, self.column),
        }
    }
}

/// A figure as printed, and what it stands for.
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    /// The metric (or metrics) it prints.
    pub(crate) key: String,
    /// `completion`, `change`, `share`, `target`, or none for the figure itself.
    pub(crate) field: Option<String>,
    /// As printed: `2万余㎡`.
    pub(crate) printed: String,
    /// The number it states, in the unit below (the base unit, not 万).
    pub(crate) value: Option<f64>,
    pub(crate) unit: String,
    /// Where the value is typed (or, for a computed figure, its first input).
    pub(crate) source: Option<Place>,
    /// Where the text refers to it (`{roofs}`); none for a figure the
    /// template prints (the comparison tables).
    pub(crate) reference: Option<Place>,
    /// How a computed figure is computed: `7200 ÷ 8000`.
    pub(crate) formula: Option<String>,
    /// The figures a computed one is computed from.
    pub(crate) inputs: Vec<Place>,
    /// Where the data file also states a computed figure (`completion:`,
    /// `change:`), which is checked against it.
    pub(crate) stated: Option<Place>,
}

impl Origins {
    /// Adds an origin; its id goes into the mark.
    pub(crate) fn push(&mut self, origin: Origin) -> u32 {
        let id = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.entries.push(origin);
        id
    }

    pub(crate) fn get(&self, id: u32) -> Option<&Origin> {
        self.entries.get(id as usize)
    }

    /// `printed` marked as a figure from `figure`.
    pub(crate) fn figure(&mut self, figure: Figure) -> String {
        let printed = figure.printed.clone();
        let id = self.push(Origin::Figure(Box::new(figure)));
        marks::wrap(marks::FIGURE, id, &printed)
    }

    /// The paragraphs of one typed value, each marked as typed at byte
    /// `node` of the file.
    pub(crate) fn typed(&mut self, node: usize, paragraphs: Vec<String>) -> Vec<String> {
        if paragraphs.is_empty() {
            return paragraphs;
        }
        let value: Arc<[String]> = paragraphs.into();
        (0..value.len())
            .map(|index| {
                let id = self.push(Origin::Typed(Typed {
                    node,
                    value: value.clone(),
                    index,
                }));
                marks::wrap(marks::TEXT, id, &value[index])
            })
            .collect()
    }

    /// Where the text at byte `at` of a marked text stands in `file`:
    /// `excerpt` long, found through the innermost mark there. `None` when
    /// no mark covers it (the template's own words).
    pub(crate) fn locate(
        &self,
        file: &SourceFile,
        marks: &[Mark],
        at: usize,
        excerpt: &str,
        chars: usize,
    ) -> Option<Location> {
        let mark = marks::innermost(marks, at)?;
        match self.get(mark.id)? {
            Origin::Figure(figure) => {
                let place = figure.reference.as_ref().or(figure.source.as_ref())?;
                (*place.file == *file.name).then(|| file.at(place.line, place.column, chars.max(1)))
            }
            Origin::Typed(typed) => {
                Some(typed.locate(file, marks::offset_in(marks, mark, at), excerpt, chars))
            }
        }
    }

    /// Every figure, to be told more about it (a total's inputs).
    pub(crate) fn figures_mut(&mut self) -> impl Iterator<Item = &mut Figure> {
        self.entries.iter_mut().filter_map(|entry| match entry {
            Origin::Figure(figure) => Some(&mut **figure),
            Origin::Typed(_) => None,
        })
    }

    /// A figure, by id.
    pub(crate) fn figure_of(&self, id: u32) -> Option<&Figure> {
        match self.get(id)? {
            Origin::Figure(figure) => Some(figure),
            Origin::Typed(_) => None,
        }
    }
}

impl Typed {
    /// The place in `file` of `excerpt`, found at byte `offset` of this
    /// paragraph's typed text: the same occurrence of it counted from the
    /// value's start, exact in block scalars whose lines are re-indented.
    fn locate(&self, file: &SourceFile, offset: usize, excerpt: &str, chars: usize) -> Location {
        // The value's typed text, figures left out, paragraphs joined.
        let literals: Vec<String> = self.value.iter().map(|p| without_figures(p)).collect();
        let start: usize = literals[..self.index].iter().map(|l| l.len() + 1).sum();
        let literal = literals.join("\n");
        let offset = floor_boundary(&literal, (start + offset).min(literal.len()));
        let excerpt = if excerpt.is_empty() || !literal[offset..].starts_with(excerpt) {
            // The character itself, when the finding quotes something else.
            literal[offset..]
                .chars()
                .next()
                .map_or("", |c| &literal[offset..offset + c.len_utf8()])
        } else {
            excerpt
        };
        // The value itself, for a character that cannot be found.
        let whole = || file.at_byte(self.node, 1);
        if excerpt.is_empty() {
            return whole();
        }
        let nth = literal[..offset].matches(excerpt).count();
        let from = self.node.min(file.text.len());
        match file.text[from..].match_indices(excerpt).nth(nth) {
            Some((found, _)) => file.at_byte(from + found, chars.max(1)),
            None => whole(),
        }
    }
}

/// The typed text of a marked paragraph: figures and marks taken out.
fn without_figures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth_in_figure = 0usize;
    let mut stack = Vec::new();
    for piece in marks::pieces(text) {
        match piece {
            marks::Piece::Text(t) if depth_in_figure == 0 => out.push_str(t),
            marks::Piece::Text(_) => {}
            marks::Piece::Open { figure, .. } => {
                stack.push(figure);
                depth_in_figure += usize::from(figure);
            }
            marks::Piece::Close => {
                if stack.pop() == Some(true) {
                    depth_in_figure -= 1;
                }
            }
        }
    }
    out
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_of_typed_text_is_found_where_it_was_typed() {
        let file = SourceFile::new(
            "data/2017.yaml",
            "work:\n  text: |\n    甲,乙{m}丙,丁。\n\n    戊,己。\n",
        );
        let mut origins = Origins::default();
        let figure = origins.figure(Figure {
            key: "m".into(),
            field: None,
            printed: "7,2".into(),
            value: Some(7.2),
            unit: String::new(),
            source: None,
            reference: None,
            formula: None,
            inputs: Vec::new(),
            stated: None,
        });
        let node = file.text.find('|').unwrap();
        let paragraphs = origins.typed(
            node,
            vec![format!("甲,乙{figure}丙,丁。"), "戊,己。".into()],
        );
        for (paragraph, nth_comma, line, column) in
            [(&paragraphs[0], 2, 3, 12), (&paragraphs[1], 0, 5, 6)]
        {
            let (plain, marks) = marks::parse(paragraph);
            // The figure's own comma is not typed text: the second comma
            // of the first paragraph is the one after 丙.
            let at = plain.match_indices(',').nth(nth_comma).unwrap().0;
            let found = origins.locate(&file, &marks, at, ",", 1).unwrap();
            assert_eq!((found.line, found.column), (line, column), "{plain}");
        }
    }
}
