//! The laid-out pages written as PDF/A-2b with krilla: the faces embedded
//! as subset CID fonts with their text (so the PDF can be searched and
//! copied from), rules and bars as paths, tagged (title, headings by level,
//! paragraphs, captions, tables, figures with their text alternative; page
//! numbers and rules as artifacts), the document's title, issuer and date
//! in its metadata, and nothing that varies between runs.

use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagKind, TagTree,
};
use krilla::text::KrillaGlyph;
use krilla::{Document, SerializeSettings};

use crate::error::Error;
use crate::model::Report;
use crate::render::page;
use crate::render::set::Set;
use crate::render::set::flow::{Mark, Run};
use crate::render::set::fonts::Fonts;
use crate::render::set::layout::Structure;

/// The pages as PDF bytes.
pub(super) fn pdf(set: &Set, report: &Report) -> Result<Vec<u8>, Error> {
    let Set {
        pages,
        structure,
        fonts,
    } = set;
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|e| failure(&format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(metadata(report));
    let mut tagged: Vec<Vec<Tagged>> = vec![Vec::new(); structure.len()];
    for sheet in pages {
        let size = PageSettings::from_wh(page::PAGE_WIDTH, page::PAGE_HEIGHT)
            .ok_or_else(|| failure("A4"))?;
        let mut pdf_page = document.start_page_with(size);
        let mut surface = pdf_page.surface();
        for mark in &sheet.marks {
            match mark {
                Mark::Text(run) => {
                    let tag = match run.block {
                        Some(_) => ContentTag::Span(SpanTag::empty()),
                        // A page number, a table head repeated on a new page.
                        None => {
                            ContentTag::Artifact(Artifact::with_kind(ArtifactType::PaginationOther))
                        }
                    };
                    let id = surface.start_tagged(tag);
                    text(&mut surface, run, fonts);
                    surface.end_tagged();
                    if let Some(group) = run.block.and_then(|b| tagged.get_mut(b)) {
                        group.push((run.cell, id));
                    }
                }
                Mark::Rule {
                    from,
                    to,
                    width,
                    red,
                } => {
                    let mut path = PathBuilder::new();
                    path.move_to(from.0, from.1);
                    path.line_to(to.0, to.1);
                    if let Some(path) = path.finish() {
                        surface.start_tagged(layout_artifact());
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: colour(*red, false).into(),
                            width: *width,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                        surface.end_tagged();
                    }
                }
                Mark::Bar {
                    x,
                    y,
                    width,
                    height,
                    grey,
                } => {
                    let path = Rect::from_xywh(*x, *y, *width, *height).and_then(|rect| {
                        let mut path = PathBuilder::new();
                        path.push_rect(rect);
                        path.finish()
                    });
                    if let Some(path) = path {
                        surface.start_tagged(layout_artifact());
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill {
                            paint: colour(false, *grey).into(),
                            ..Fill::default()
                        }));
                        surface.draw_path(&path);
                        surface.end_tagged();
                    }
                }
            }
        }
        surface.finish();
        pdf_page.finish();
    }
    document.set_tag_tree(tree(structure, tagged, report.lang));
    document.finish().map_err(|e| failure(&format!("{e:?}")))
}

/// Rules, table borders and bars: drawing, not text.
fn layout_artifact() -> ContentTag<'static> {
    ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout))
}

/// A span's identifier, with the table cell it is in.
type Tagged = (Option<(u16, u16)>, Identifier);

/// The structure tree: each block a group of its spans, in reading order;
/// a table as its caption and rows of header and data cells.
fn tree(structure: &[Structure], tagged: Vec<Vec<Tagged>>, lang: &str) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
    for (kind, spans) in structure.iter().zip(tagged) {
        if spans.is_empty() {
            continue;
        }
        let tag: TagKind = match kind {
            Structure::Title => Tag::Title.into(),
            Structure::Heading(level) => Tag::Hn(
                std::num::NonZeroU16::new(u16::from(*level)).unwrap_or(std::num::NonZeroU16::MIN),
                None,
            )
            .into(),
            Structure::Paragraph => Tag::P.into(),
            Structure::Caption => Tag::Caption.into(),
            Structure::Table { rows, columns } => {
                tree.push(TagGroup::with_children(
                    Tag::Table,
                    table(spans, *rows, *columns),
                ));
                continue;
            }
            Structure::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        };
        let children: Vec<Node> = spans.into_iter().map(|(_, id)| Node::from(id)).collect();
        tree.push(TagGroup::with_children(tag, children));
    }
    tree
}

/// A table's children: its caption, then a row for each of its `rows`,
/// each with all its `columns` of cells (an empty cell is an empty one),
/// the head's cells as column headers.
fn table(spans: Vec<Tagged>, rows: u16, columns: u16) -> Vec<Node> {
    let mut caption = Vec::new();
    let mut grid: Vec<Vec<Vec<Node>>> = (0..rows)
        .map(|_| (0..columns).map(|_| Vec::new()).collect())
        .collect();
    for (cell, id) in spans {
        match cell.and_then(|(r, c)| grid.get_mut(usize::from(r))?.get_mut(usize::from(c))) {
            Some(nodes) => nodes.push(Node::from(id)),
            None => caption.push(Node::from(id)),
        }
    }
    let mut children = Vec::new();
    if !caption.is_empty() {
        children.push(TagGroup::with_children(Tag::Caption, caption).into());
    }
    for (row, cells) in grid.into_iter().enumerate() {
        let cells: Vec<Node> = cells
            .into_iter()
            .map(|nodes| {
                let tag: TagKind = if row == 0 {
                    Tag::TH(TableHeaderScope::Column).into()
                } else {
                    Tag::TD.into()
                };
                TagGroup::with_children(tag, nodes).into()
            })
            .collect();
        children.push(TagGroup::with_children(Tag::TR, cells).into());
    }
    children
}

/// Black, the 版头's red, or the chart's grey.
fn colour(red: bool, grey: bool) -> rgb::Color {
    if red {
        rgb::Color::new(255, 0, 0)
    } else if grey {
        rgb::Color::new(136, 136, 136)
    } else {
        rgb::Color::black()
    }
}

/// One run of glyphs; bold (a face with no bold weight) is the glyphs
/// stroked as well as filled, as Word and WPS embolden 仿宋 and 楷体.
fn text(surface: &mut Surface, run: &Run, fonts: &Fonts) {
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|(id, advance, range)| KrillaGlyph {
            glyph_id: *id,
            text_range: range.clone(),
            x_advance: advance / run.size,
            x_offset: 0.0,
            y_offset: 0.0,
            y_advance: 0.0,
            location: None,
        })
        .collect();
    let paint = colour(run.red, false);
    surface.set_fill(Some(Fill {
        paint: paint.into(),
        ..Fill::default()
    }));
    surface.set_stroke(run.bold.then(|| Stroke {
        paint: paint.into(),
        width: run.size * 0.03,
        ..Stroke::default()
    }));
    surface.draw_glyphs(
        Point::from_xy(run.x, run.baseline),
        &glyphs,
        fonts.faces[run.face].font.clone(),
        &run.text,
        run.size,
        false,
    );
    surface.set_stroke(None);
}

/// Title, author and date from the report, so the same report gives the
/// same bytes.
fn metadata(report: &Report) -> Metadata {
    let strip = |text: &str| crate::model::marks::strip(text).into_owned();
    let mut metadata = Metadata::new()
        .title(strip(&report.title))
        .authors(vec![strip(&report.issuer)])
        .language(report.lang.to_string())
        .creator("report".to_string());
    let mut parts = report
        .date
        .iso
        .split('-')
        .filter_map(|p| p.parse::<u16>().ok());
    if let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) {
        let date = DateTime::new(year)
            .month(u8::try_from(month).unwrap_or(1))
            .day(u8::try_from(day).unwrap_or(1))
            .hour(0)
            .minute(0)
            .second(0)
            .utc_offset_hour(8)
            .utc_offset_minute(0);
        metadata = metadata.creation_date(date);
    }
    metadata
}

fn failure(reason: &str) -> Error {
    Error::Render {
        format: "PDF",
        reason: reason.to_string(),
    }
}
