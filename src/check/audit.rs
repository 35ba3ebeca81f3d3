//! The figure audit: every figure the report prints, where it stands (part
//! and heading), as printed, what it states, and where it comes from — the
//! place in the data file, or for a figure the tool computed, the formula
//! and the figures it was computed from — with the warnings about it. What
//! a statistics office ticks off before a report goes out.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::marks::Mark;
use crate::render::document::{BlockKind, Document, Span, plain};
use crate::source::provenance::{Figure, Origins, Place};
use crate::tr;

/// One printed figure.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Row {
    /// The part and headings it stands under: `一、主要工作及成效 › （二）全面治理农村生活垃圾`.
    pub(crate) place: String,
    /// As printed: `2万余㎡`.
    pub(crate) printed: String,
    /// The metric it prints, and which of its figures (`completion`…).
    pub(crate) key: String,
    pub(crate) field: Option<String>,
    /// What it states, in `unit` (base units, not 万).
    pub(crate) value: Option<f64>,
    pub(crate) unit: String,
    /// Where the figure is typed: the value in the data file.
    pub(crate) file: Option<String>,
    pub(crate) line: Option<usize>,
    pub(crate) column: Option<usize>,
    /// For a figure read from a workbook, its sheet and cell (`交通局!C7`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cell: Option<String>,
    /// Where the text refers to it (`{roofs}`), as `file:line:column`.
    pub(crate) reference: Option<String>,
    /// For a computed figure: `7200 ÷ 8000`, and where its inputs are typed.
    pub(crate) formula: Option<String>,
    pub(crate) inputs: Vec<String>,
    /// The warnings and errors about it, as one line each.
    pub(crate) warnings: Vec<String>,
}

impl Row {
    /// Where the figure is typed: `file:line:column`, or `book.xlsx!表!C7`.
    pub(crate) fn source(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(match &self.cell {
            Some(cell) => format!("{file}!{cell}"),
            None => format!(
                "{file}:{}:{}",
                self.line.unwrap_or(0),
                self.column.unwrap_or(0)
            ),
        })
    }
}

/// The figures of `document` in reading order; `diagnostics` are the
/// report's findings, attached to the figures they are about.
pub(crate) fn figures(
    document: &Document,
    origins: &Origins,
    diagnostics: &[Diagnostic],
) -> Vec<Row> {
    let mut rows = Vec::new();
    // The headings above the current block, by level (0 is the part).
    let mut headings: Vec<String> = Vec::new();
    for block in &document.blocks {
        let mut place = headings.join(" › ");
        let texts: Vec<&[Span]> = match &block.kind {
            BlockKind::Heading { level, text } => {
                headings.truncate(usize::from(level.saturating_sub(1)));
                headings.push(plain(text));
                place = headings.join(" › ");
                vec![text]
            }
            BlockKind::Paragraph { text, .. } | BlockKind::Caption(text) => vec![text],
            BlockKind::Table(table) => {
                // A table's figures stand under its caption.
                if let Some(caption) = &table.caption {
                    place = [place, plain(caption)]
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join(" › ");
                }
                table.rows.iter().flatten().map(Vec::as_slice).collect()
            }
            BlockKind::List { items, .. } => items.iter().map(Vec::as_slice).collect(),
            _ => Vec::new(),
        };
        for spans in texts {
            for span in spans {
                for mark in span.figures() {
                    if let Some(figure) = origins.figure_of(mark.id) {
                        rows.push(row(&place, span, mark, figure, diagnostics));
                    }
                }
            }
        }
    }
    rows
}

fn row(place: &str, span: &Span, mark: &Mark, figure: &Figure, found: &[Diagnostic]) -> Row {
    let places: Vec<&Place> = figure
        .source
        .iter()
        .chain(&figure.reference)
        .chain(&figure.stated)
        .collect();
    let mut warnings: Vec<String> = found
        .iter()
        .filter(|d| {
            d.location.as_ref().is_some_and(|l| {
                places
                    .iter()
                    .any(|at| l.file == *at.file && l.line == at.line)
            })
        })
        .map(|d| {
            let severity = match d.severity {
                Severity::Error => tr!("错误", "error"),
                Severity::Warning => tr!("警告", "warning"),
            };
            format!("{severity}：{}", d.message)
        })
        .collect();
    warnings.dedup();
    Row {
        place: place.to_string(),
        printed: span.text[mark.start..mark.end].to_string(),
        key: figure.key.clone(),
        field: figure.field.clone(),
        value: figure.value,
        unit: figure.unit.clone(),
        file: figure.source.as_ref().map(|at| at.file.to_string()),
        line: figure.source.as_ref().map(|at| at.line),
        column: figure.source.as_ref().map(|at| at.column),
        cell: figure
            .source
            .as_ref()
            .and_then(|at| at.cell.as_deref().map(str::to_string)),
        reference: figure.reference.as_ref().map(ToString::to_string),
        formula: figure.formula.clone(),
        inputs: figure.inputs.iter().map(ToString::to_string).collect(),
        warnings,
    }
}
