//! HTML: the document tree as the body of the page, written into the
//! `report.html` shell (head, print CSS, where the body goes). Every text is
//! entity-escaped here, so data can never become markup; the shell is a Tera
//! template with HTML autoescaping for the rest.

use std::fmt::Write as _;

use crate::document::{Align, Block, BlockKind, Document, Role, Span, Table};
use crate::escape;
use crate::format::Format;
use crate::model::Chart;

use super::{Input, Renderer};
use crate::error::Error;

pub(super) struct Html;

impl Renderer for Html {
    fn format(&self) -> Format {
        Format::Html
    }

    fn render(&self, input: &Input) -> Result<Vec<u8>, Error> {
        page(input).map(String::into_bytes)
    }
}

/// The whole page: the shell with the body in it.
pub(super) fn page(input: &Input) -> Result<String, Error> {
    let mut context = input.context.clone();
    context.insert("body", &body(input.document, &input.report.charts));
    let mut text = input.templates.render(
        Format::Html,
        Format::Html.template().unwrap_or_default(),
        &context,
    )?;
    text.truncate(text.trim_end().len());
    text.push('\n');
    Ok(text)
}

/// The body's HTML, one block a line.
pub fn body(document: &Document, charts: &[Chart]) -> String {
    let mut out = String::new();
    for block in &document.blocks {
        self::block(block, charts, &mut out);
    }
    out.truncate(out.trim_end().len());
    out
}

fn block(block: &Block, charts: &[Chart], out: &mut String) {
    match &block.kind {
        BlockKind::Title(lines) => {
            out.push_str("<h1>");
            for line in lines {
                out.push_str(r#"<span class="title-line">"#);
                escape::html(line, out);
                out.push_str("</span>");
            }
            out.push_str("</h1>\n");
        }
        BlockKind::Heading { level, text } => {
            let tag = format!("h{}", level + 1);
            let _ = write!(out, "<{tag}>");
            spans(text, out);
            let _ = writeln!(out, "</{tag}>");
        }
        BlockKind::Paragraph { role, text } => {
            out.push_str(match role {
                Role::Body => "<p>",
                Role::Addressee => r#"<p class="addressee">"#,
                Role::Verbatim => r#"<p class="verbatim">"#,
            });
            spans(text, out);
            out.push_str("</p>\n");
        }
        BlockKind::Caption(text) => {
            out.push_str(r#"<p class="caption">"#);
            spans(text, out);
            out.push_str("</p>\n");
        }
        BlockKind::Table(table) => self::table(table, out),
        BlockKind::Chart { key, alt } => {
            out.push_str(r#"<figure class="chart">"#);
            match charts.iter().find(|c| &c.key == key) {
                Some(chart) => out.push_str(&chart.svg),
                // The pipeline has already said the key is unknown; the
                // reader still sees the caption.
                None => escape::html(alt, out),
            }
            out.push_str("</figure>\n");
        }
        BlockKind::Signature(lines) => {
            out.push_str("<div class=\"signature\"><div class=\"signature-block\">\n");
            for (index, line) in lines.iter().enumerate() {
                let class = if index == 0 { "issuer" } else { "date" };
                let _ = write!(out, "<div class=\"{class}\">");
                escape::html(line, out);
                out.push_str("</div>\n");
            }
            out.push_str("</div></div>\n");
        }
        BlockKind::List {
            ordered,
            start,
            items,
        } => {
            match (ordered, start) {
                (true, 1) => out.push_str("<ol>\n"),
                (true, start) => {
                    let _ = writeln!(out, "<ol start=\"{start}\">");
                }
                (false, _) => out.push_str("<ul>\n"),
            }
            for item in items {
                out.push_str("<li>");
                spans(item, out);
                out.push_str("</li>\n");
            }
            out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
        }
    }
}

fn table(table: &Table, out: &mut String) {
    out.push_str("<table class=\"figures\">\n");
    if let Some(caption) = &table.caption {
        out.push_str("<caption>");
        spans(caption, out);
        out.push_str("</caption>\n");
    }
    let class = |column: usize| match table.align.get(column) {
        Some(Align::Right) => r#" class="number""#,
        Some(Align::Center) => r#" class="center""#,
        _ => "",
    };
    out.push_str("<thead><tr>");
    for (column, cell) in table.header.iter().enumerate() {
        let _ = write!(out, "<th{}>", class(column));
        spans(cell, out);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (column, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>", class(column));
            spans(cell, out);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn spans(spans: &[Span], out: &mut String) {
    for span in spans {
        let (open, close) = match (span.bold, span.italic) {
            (true, true) => ("<strong><em>", "</em></strong>"),
            (true, false) => ("<strong>", "</strong>"),
            (false, true) => ("<em>", "</em>"),
            (false, false) => ("", ""),
        };
        out.push_str(open);
        for (index, line) in span.text.split('\n').enumerate() {
            if index > 0 {
                out.push_str("<br>");
            }
            escape::html(line, out);
        }
        out.push_str(close);
    }
}
