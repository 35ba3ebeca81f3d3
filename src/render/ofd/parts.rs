//! The XML parts of the OFD package (GB/T 33190-2016): the entry
//! (`OFD.xml`, with the document's metadata), the document (`Document.xml`:
//! the page area and the page list), the public resources (`PublicRes.xml`:
//! the embedded faces) and one `Content.xml` a page. Lengths are in
//! millimetres, y downwards from the page's top, as in the layout.

use std::collections::HashMap;
use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::model::Report;
use crate::render::page::{self, PT_PER_MM};
use crate::render::set::flow::{Mark, Page, Run};

const NAMESPACE: &str = "http://www.ofdspec.org/2016";

/// An embedded face: its resource ID, family name and file in `Res/`.
pub(super) struct Font {
    pub(crate) id: u32,
    pub(crate) family: String,
    pub(crate) file: String,
}

/// Unique IDs of the document's objects, counted from 1.
#[derive(Default)]
pub(super) struct Ids(u32);

impl Ids {
    pub(super) fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }

    pub(super) fn max(&self) -> u32 {
        self.0
    }
}

/// A length in points as millimetres, to 0.001 mm and without trailing
/// zeros, so the same layout gives the same text everywhere.
fn mm(points: f32) -> String {
    page::decimal(points / PT_PER_MM, 3)
}

fn boxed(x: f32, y: f32, width: f32, height: f32) -> String {
    format!("{} {} {} {}", mm(x), mm(y), mm(width), mm(height))
}

fn writer() -> Writer<Vec<u8>> {
    let mut writer = Writer::new(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    writer
}

/// `OFD.xml`: the document's metadata and where its root is. The `DocID` is
/// the hash of the pages, so the same report has the same identity.
pub(super) fn entry(report: &Report, doc_id: &str) -> Vec<u8> {
    let strip = |text: &str| crate::model::marks::strip(text).into_owned();
    let mut w = writer();
    let _ = w
        .create_element("ofd:OFD")
        .with_attributes([
            ("xmlns:ofd", NAMESPACE),
            ("Version", "1.0"),
            ("DocType", "OFD"),
        ])
        .write_inner_content(|w| {
            w.create_element("ofd:DocBody").write_inner_content(|w| {
                w.create_element("ofd:DocInfo").write_inner_content(|w| {
                    let text =
                        |w: &mut Writer<Vec<u8>>, name: &str, value: &str| -> io::Result<()> {
                            w.create_element(name)
                                .write_text_content(BytesText::new(value))
                                .map(|_| ())
                        };
                    text(w, "ofd:DocID", doc_id)?;
                    text(w, "ofd:Title", &strip(&report.title))?;
                    text(w, "ofd:Author", &strip(&report.issuer))?;
                    text(w, "ofd:Subject", &strip(&report.topic))?;
                    text(w, "ofd:CreationDate", &report.date.iso)?;
                    text(w, "ofd:ModDate", &report.date.iso)?;
                    text(w, "ofd:Creator", "report")?;
                    text(w, "ofd:CreatorVersion", env!("CARGO_PKG_VERSION"))
                })?;
                w.create_element("ofd:DocRoot")
                    .write_text_content(BytesText::new("Doc_0/Document.xml"))?;
                Ok(())
            })?;
            Ok(())
        });
    w.into_inner()
}

/// `Doc_0/Document.xml`: A4 pages, the public resources, the pages in order.
pub(super) fn document(pages: &[u32], max_id: u32) -> Vec<u8> {
    let mut w = writer();
    let _ = w
        .create_element("ofd:Document")
        .with_attribute(("xmlns:ofd", NAMESPACE))
        .write_inner_content(|w| {
            w.create_element("ofd:CommonData")
                .write_inner_content(|w| {
                    w.create_element("ofd:MaxUnitID")
                        .write_text_content(BytesText::new(&max_id.to_string()))?;
                    w.create_element("ofd:PageArea").write_inner_content(|w| {
                        w.create_element("ofd:PhysicalBox")
                            .write_text_content(BytesText::new(&boxed(
                                0.0,
                                0.0,
                                page::PAGE_WIDTH,
                                page::PAGE_HEIGHT,
                            )))
                            .map(|_| ())
                    })?;
                    w.create_element("ofd:PublicRes")
                        .write_text_content(BytesText::new("PublicRes.xml"))?;
                    Ok(())
                })?;
            w.create_element("ofd:Pages").write_inner_content(|w| {
                for (index, id) in pages.iter().enumerate() {
                    w.create_element("ofd:Page")
                        .with_attributes([
                            ("ID", id.to_string().as_str()),
                            ("BaseLoc", &format!("Pages/Page_{index}/Content.xml")),
                        ])
                        .write_empty()?;
                }
                Ok(())
            })?;
            Ok(())
        });
    w.into_inner()
}

/// `Doc_0/PublicRes.xml`: the embedded faces, files in `Res/`.
pub(super) fn public_res(fonts: &[Font]) -> Vec<u8> {
    let mut w = writer();
    let _ = w
        .create_element("ofd:Res")
        .with_attributes([("xmlns:ofd", NAMESPACE), ("BaseLoc", "Res")])
        .write_inner_content(|w| {
            w.create_element("ofd:Fonts").write_inner_content(|w| {
                for font in fonts {
                    w.create_element("ofd:Font")
                        .with_attributes([
                            ("ID", font.id.to_string().as_str()),
                            ("FontName", &font.family),
                            ("FamilyName", &font.family),
                        ])
                        .write_inner_content(|w| {
                            w.create_element("ofd:FontFile")
                                .write_text_content(BytesText::new(&font.file))
                                .map(|_| ())
                        })?;
                }
                Ok(())
            })?;
            Ok(())
        });
    w.into_inner()
}

/// One page's `Content.xml`: a layer of text and path objects, each text
/// object a run of the layout with the advance of every character.
pub(super) fn content(sheet: &Page, fonts: &HashMap<usize, u32>, ids: &mut Ids) -> Vec<u8> {
    let mut w = writer();
    let layer = ids.next();
    let _ = w
        .create_element("ofd:Page")
        .with_attribute(("xmlns:ofd", NAMESPACE))
        .write_inner_content(|w| {
            w.create_element("ofd:Content").write_inner_content(|w| {
                w.create_element("ofd:Layer")
                    .with_attributes([("ID", layer.to_string().as_str()), ("Type", "Body")])
                    .write_inner_content(|w| {
                        for mark in &sheet.marks {
                            let id = ids.next();
                            match mark {
                                Mark::Text(run) => text(w, id, run, fonts)?,
                                Mark::Rule {
                                    from,
                                    to,
                                    width,
                                    red,
                                } => rule(w, id, *from, *to, *width, *red)?,
                                Mark::Bar {
                                    x,
                                    y,
                                    width,
                                    height,
                                    grey,
                                } => bar(w, id, (*x, *y, *width, *height), *grey)?,
                            }
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
            Ok(())
        });
    w.into_inner()
}

fn colour(red: bool, grey: bool) -> &'static str {
    if red {
        "255 0 0"
    } else if grey {
        "136 136 136"
    } else {
        "0 0 0"
    }
}

/// A run as a text object: its box from the line's top to below the
/// baseline, the baseline at `Size` in it, each character's advance in
/// `DeltaX`; bold as the glyphs stroked too, as in the PDF.
fn text(
    w: &mut Writer<Vec<u8>>,
    id: u32,
    run: &Run,
    fonts: &HashMap<usize, u32>,
) -> io::Result<()> {
    let Some(font) = fonts.get(&run.face) else {
        return Ok(());
    };
    let advance: f32 = run.glyphs.iter().map(|(_, a, _)| a).sum();
    let top = run.baseline - run.size;
    let deltas: Vec<String> = run
        .glyphs
        .iter()
        .take(run.glyphs.len().saturating_sub(1))
        .map(|(_, a, _)| mm(*a))
        .collect();
    let (id, font, size) = (id.to_string(), font.to_string(), mm(run.size));
    let boundary = boxed(run.x, top, advance.max(run.size), run.size * 1.25);
    let stroke = mm(run.size * 0.03);
    let mut attributes = vec![
        ("ID", id.as_str()),
        ("Boundary", &boundary),
        ("Font", &font),
        ("Size", &size),
    ];
    if run.bold {
        attributes.extend([("Stroke", "true"), ("LineWidth", stroke.as_str())]);
    }
    let colour = colour(run.red, false);
    let y = mm(run.size);
    let deltas = deltas.join(" ");
    w.create_element("ofd:TextObject")
        .with_attributes(attributes)
        .write_inner_content(|w| {
            w.create_element("ofd:FillColor")
                .with_attribute(("Value", colour))
                .write_empty()?;
            if run.bold {
                w.create_element("ofd:StrokeColor")
                    .with_attribute(("Value", colour))
                    .write_empty()?;
            }
            let mut code = w
                .create_element("ofd:TextCode")
                .with_attributes([("X", "0"), ("Y", y.as_str())]);
            if !deltas.is_empty() {
                code = code.with_attribute(("DeltaX", deltas.as_str()));
            }
            code.write_text_content(BytesText::new(&run.text))?;
            Ok(())
        })?;
    Ok(())
}

/// A rule as a stroked path, its box the line's, widened by the stroke.
fn rule(
    w: &mut Writer<Vec<u8>>,
    id: u32,
    from: (f32, f32),
    to: (f32, f32),
    width: f32,
    red: bool,
) -> io::Result<()> {
    let half = width / 2.0;
    let (left, top) = (from.0.min(to.0) - half, from.1.min(to.1) - half);
    let (right, bottom) = (from.0.max(to.0) + half, from.1.max(to.1) + half);
    let path = format!(
        "M {} {} L {} {}",
        mm(from.0 - left),
        mm(from.1 - top),
        mm(to.0 - left),
        mm(to.1 - top)
    );
    let (id, boundary, line) = (
        id.to_string(),
        boxed(left, top, right - left, bottom - top),
        mm(width),
    );
    path_object(
        w,
        &[
            ("ID", &id),
            ("Boundary", &boundary),
            ("LineWidth", &line),
            ("Stroke", "true"),
            ("Fill", "false"),
        ],
        ("ofd:StrokeColor", colour(red, false)),
        &path,
    )
}

/// A chart's bar as a filled rectangle.
fn bar(
    w: &mut Writer<Vec<u8>>,
    id: u32,
    (x, y, width, height): (f32, f32, f32, f32),
    grey: bool,
) -> io::Result<()> {
    let path = format!(
        "M 0 0 L {w} 0 L {w} {h} L 0 {h} C",
        w = mm(width),
        h = mm(height)
    );
    let (id, boundary) = (id.to_string(), boxed(x, y, width, height));
    path_object(
        w,
        &[
            ("ID", &id),
            ("Boundary", &boundary),
            ("Stroke", "false"),
            ("Fill", "true"),
        ],
        ("ofd:FillColor", colour(false, grey)),
        &path,
    )
}

/// A path object with `attributes`, painted in one colour (`paint` is the
/// element that says whether it strokes or fills), along `outline`.
fn path_object(
    w: &mut Writer<Vec<u8>>,
    attributes: &[(&str, &str)],
    (paint, colour): (&str, &str),
    outline: &str,
) -> io::Result<()> {
    w.create_element("ofd:PathObject")
        .with_attributes(attributes.iter().copied())
        .write_inner_content(|w| {
            w.create_element(paint)
                .with_attribute(("Value", colour))
                .write_empty()?;
            w.create_element("ofd:AbbreviatedData")
                .write_text_content(BytesText::new(outline))?;
            Ok(())
        })?;
    Ok(())
}
