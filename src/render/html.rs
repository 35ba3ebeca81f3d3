//! HTML: the document tree as the body of the page, written into the
//! `report.html` shell (head, print CSS, where the body goes). Every text is
//! entity-escaped here, so data can never become markup; the shell is a Tera
//! template with HTML autoescaping for the rest.

use std::fmt::Write as _;

use crate::model::{Chart, Report};
use crate::render::document::{Align, Block, BlockKind, Document, Role, Span, Table};
use crate::render::escape;
use crate::render::spans::{Printed, ranges};
use crate::source::format::Format;
use crate::source::provenance::{Figure, Origins};

use crate::error::{Findings, Outcome};
use crate::render::input::{Input, Renderer};
use crate::render::{chart, nobreak};

pub(super) struct Html;

impl Renderer for Html {
    fn render(&self, input: &Input) -> Outcome<Vec<u8>> {
        Ok(page(input).map(<[u8]>::to_vec))
    }
}

/// The whole page: the shell with the body in it, made once per input.
pub(super) fn page<'i>(input: &'i Input) -> Result<&'i [u8], Findings> {
    if let Some(page) = input.page.get() {
        return Ok(page);
    }
    let page = make_page(input)?;
    Ok(input.page.get_or_init(|| page))
}

fn make_page(input: &Input) -> Result<Vec<u8>, Findings> {
    let mut context = input.context.clone();
    context.insert("body", &body(input.document, input.report, input.origins));
    context.insert("page", &super::css::Css::new());
    let mut page = input.templates.render_bytes(
        Format::Html,
        Format::Html.template().unwrap_or_default(),
        &context,
    )?;
    page.truncate(trimmed_len(&page));
    page.push(b'\n');
    Ok(page)
}

/// The length of `text` without its trailing white space (as
/// `str::trim_end` counts it): one final newline, however the shell ends.
fn trimmed_len(text: &[u8]) -> usize {
    let mut end = text.len();
    while end > 0 {
        // The last character starts at the last byte that does not
        // continue a UTF-8 sequence.
        let start = (end.saturating_sub(4)..end)
            .rev()
            .find(|&at| text[at] & 0xC0 != 0x80)
            .unwrap_or(end - 1);
        match std::str::from_utf8(&text[start..end]) {
            Ok(last) if last.chars().all(char::is_whitespace) => end = start,
            _ => break,
        }
    }
    end
}

/// What the body's blocks are written with: the charts to draw and the
/// units that keep a figure on one line.
struct Ctx<'a> {
    charts: &'a [Chart],
    units: Vec<&'a str>,
    /// For the preview: where each figure came from, shown on hover.
    origins: Option<&'a Origins>,
}

/// The body's HTML, one block a line; with `origins` (the preview), each
/// figure says where it came from.
pub(crate) fn body(document: &Document, report: &Report, origins: Option<&Origins>) -> String {
    let ctx = Ctx {
        charts: &report.charts,
        units: nobreak::units(report),
        origins,
    };
    let mut out = String::new();
    for block in &document.blocks {
        self::block(block, &ctx, &mut out);
    }
    out.truncate(out.trim_end().len());
    out
}

fn block(block: &Block, ctx: &Ctx, out: &mut String) {
    match &block.kind {
        BlockKind::Title { lines, .. } => {
            out.push_str("<h1>");
            for line in lines {
                out.push_str(r#"<span class="title-line">"#);
                figures(line, &[], ctx, out);
                out.push_str("</span>");
            }
            out.push_str("</h1>\n");
        }
        BlockKind::Heading { level, text } => {
            let tag = format!("h{}", level + 1);
            let _ = write!(out, "<{tag}>");
            spans(text, ctx, out);
            let _ = writeln!(out, "</{tag}>");
        }
        BlockKind::Paragraph { role, text } => {
            out.push_str(match role {
                Role::Body => "<p>",
                Role::Addressee => r#"<p class="addressee">"#,
                Role::Verbatim => r#"<p class="verbatim">"#,
                Role::Organ => r#"<p class="organ">"#,
                Role::DocNumber => r#"<p class="doc-number">"#,
                Role::Attachments => r#"<p class="attachments">"#,
                Role::Copies => r#"<p class="copies">"#,
                Role::Imprint => r#"<p class="imprint">"#,
                Role::Byline => r#"<p class="byline">"#,
            });
            if *role == Role::Imprint {
                // 印发机关 at the left, 印发日期 at the right: the line
                // break between them becomes the gap.
                let mut inner = String::new();
                spans(text, ctx, &mut inner);
                let _ = write!(
                    out,
                    "<span>{}</span>",
                    inner.replace("<br>", "</span><span>")
                );
            } else {
                spans(text, ctx, out);
            }
            out.push_str("</p>\n");
        }
        BlockKind::Caption(text) => {
            out.push_str(r#"<p class="caption">"#);
            spans(text, ctx, out);
            out.push_str("</p>\n");
        }
        BlockKind::Table(table) => self::table(table, ctx, out),
        BlockKind::Chart { key, alt } => {
            out.push_str(r#"<figure class="chart">"#);
            match ctx.charts.iter().find(|c| &c.key == key) {
                Some(chart) => out.push_str(&chart::svg(chart)),
                // The pipeline has already said the key is unknown; the
                // reader still sees the caption.
                None => escape::html(alt, out),
            }
            out.push_str("</figure>\n");
        }
        BlockKind::Signature { lines, .. } => {
            out.push_str("<div class=\"signature\"><div class=\"signature-block\">\n");
            for (index, line) in lines.iter().enumerate() {
                let class = if index == 0 { "issuer" } else { "date" };
                let _ = write!(out, "<div class=\"{class}\">");
                figures(line, &[], ctx, out);
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
                spans(item, ctx, out);
                out.push_str("</li>\n");
            }
            out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
        }
    }
}

fn table(table: &Table, ctx: &Ctx, out: &mut String) {
    out.push_str("<table class=\"figures\">\n");
    if let Some(caption) = &table.caption {
        out.push_str("<caption>");
        spans(caption, ctx, out);
        out.push_str("</caption>\n");
    }
    let class = |column: usize| match table.align.get(column) {
        Some(Align::Right) => r#" class="number""#,
        Some(Align::Center) => r#" class="center""#,
        _ => "",
    };
    out.push_str("<thead><tr>");
    for (column, text) in table.header.iter().enumerate() {
        let _ = write!(out, "<th{}>", class(column));
        cell(text, ctx, out);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (column, text) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>", class(column));
            cell(text, ctx, out);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn spans(spans: &[Span], ctx: &Ctx, out: &mut String) {
    styled(spans, ctx, out, figures);
}

/// A table cell: short clauses are kept whole too.
fn cell(spans: &[Span], ctx: &Ctx, out: &mut String) {
    styled(spans, ctx, out, |text, printed, ctx, out| {
        let ranges = nobreak::cell(text, &ranges(printed), &ctx.units);
        kept(text, &ranges, printed, ctx, out);
    });
}

fn styled(
    spans: &[Span],
    ctx: &Ctx,
    out: &mut String,
    text: impl Fn(&str, &[Printed], &Ctx, &mut String),
) {
    for span in spans {
        let (open, close) = match (span.bold, span.italic) {
            (true, true) => ("<strong><em>", "</em></strong>"),
            (true, false) => ("<strong>", "</strong>"),
            (false, true) => ("<em>", "</em>"),
            (false, false) => ("", ""),
        };
        out.push_str(open);
        for (index, (line, printed)) in span.lines().enumerate() {
            if index > 0 {
                out.push_str("<br>");
            }
            text(line, &printed, ctx, out);
        }
        out.push_str(close);
    }
}

/// `text`, escaped, with each figure in a span that keeps it on one line.
fn figures(text: &str, printed: &[Printed], ctx: &Ctx, out: &mut String) {
    let ranges = nobreak::figures(text, &ranges(printed), &ctx.units);
    kept(text, &ranges, printed, ctx, out);
}

/// Opens a figure's no-break span in the preview: its source on hover
/// (`title`), and `data-src` (`data/2017.yaml:58`) for the preview's
/// script to copy on a click.
fn preview(figure: &Figure, out: &mut String) {
    let name = match &figure.field {
        Some(field) => format!("{}.{field}", figure.key),
        None => figure.key.clone(),
    };
    let title = match (&figure.formula, &figure.source) {
        (Some(formula), _) => {
            let inputs: Vec<String> = figure.inputs.iter().map(ToString::to_string).collect();
            format!("{name} = {formula}（{}）", inputs.join("，"))
        }
        (None, Some(source)) => format!("{name} · {source}"),
        (None, None) => name,
    };
    out.push_str(r#"<span class="nw" title=""#);
    escape::html(&title, out);
    if let Some(source) = &figure.source {
        out.push_str(r#"" data-src=""#);
        escape::html(&format!("{}:{}", source.file, source.line), out);
    }
    out.push_str(r#"">"#);
}

/// `text`, escaped, with each of `ranges` in a no-break span; in the
/// preview, a figure's span says where it came from.
fn kept(text: &str, ranges: &[(usize, usize)], printed: &[Printed], ctx: &Ctx, out: &mut String) {
    let mut written = 0;
    for &(start, end) in ranges {
        escape::html(&text[written..start], out);
        let figure = ctx
            .origins
            .zip(printed.iter().find(|p| p.end == end))
            .and_then(|(origins, p)| origins.figure_of(p.id));
        match figure {
            Some(figure) => preview(figure, out),
            None => out.push_str(r#"<span class="nw">"#),
        }
        escape::html(&text[start..end], out);
        out.push_str("</span>");
        written = end;
    }
    escape::html(&text[written..], out);
}

#[cfg(test)]
mod tests {
    use super::trimmed_len;
    use proptest::prelude::*;

    proptest! {
        // Any text, white space of any script at its end or not.
        #[test]
        fn trimmed_len_is_trim_end(text in "[a页 \t\r\n\u{3000}\u{a0}\u{85}\u{2028}\u{1680}]{0,12}") {
            prop_assert_eq!(trimmed_len(text.as_bytes()), text.trim_end().len());
        }
    }

    #[test]
    fn trailing_white_space_is_trimmed_as_str_trims_it() {
        for text in [
            "页\n\n",
            "页 \t\r\n",
            "页\u{3000}\u{a0}\n",
            "页",
            "",
            " \n",
            "a\u{85}",
        ] {
            assert_eq!(
                trimmed_len(text.as_bytes()),
                text.trim_end().len(),
                "{text:?}"
            );
        }
    }
}
