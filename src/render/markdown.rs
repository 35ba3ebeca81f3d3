//! Markdown: the output of the `report.md` template, with each chart's
//! `chart:KEY` address replaced by an SVG file written beside it
//! (`2017-roof_tiles.svg`), so that GitHub, VS Code and pandoc show the
//! chart the other formats draw. The template's `chart:KEY` convention is
//! what the document tree reads; only the written file names the picture.

use crate::error::Outcome;
use crate::model::Report;
use crate::render::chart;
use crate::render::input::{Input, Renderer};

pub(super) struct Markdown;

impl Renderer for Markdown {
    fn render(&self, input: &Input) -> Outcome<Vec<u8>> {
        let mut text = input.markdown.to_string();
        for (key, _) in input.document.charts() {
            if drawn(input.report, key) {
                let file = chart_file(input.report.year, key);
                text = text.replace(&format!("](chart:{key})"), &format!("]({file})"));
            }
        }
        Ok(Ok(text.into_bytes()))
    }
}

/// Whether the report has the figures to draw `key`'s chart.
fn drawn(report: &Report, key: &str) -> bool {
    report.charts.iter().any(|c| c.key == key)
}

/// The file the chart of `key` is written to, beside `<year>.md`.
fn chart_file(year: i32, key: &str) -> String {
    format!("{year}-{key}.svg")
}

/// The SVG files the Markdown links to: file name and bytes, in document
/// order, each once.
pub(crate) fn chart_files(input: &Input) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (key, _) in input.document.charts() {
        let file = chart_file(input.report.year, key);
        if files.iter().any(|(name, _)| *name == file) {
            continue;
        }
        if let Some(drawn) = input.report.charts.iter().find(|c| c.key == key) {
            let mut svg = chart::svg(drawn);
            svg.push('\n');
            files.push((file, svg.into_bytes()));
        }
    }
    files
}
