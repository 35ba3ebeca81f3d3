//! OFD (GB/T 33190-2016), the national format of electronic documents:
//! the same pages the PDF draws ([`crate::render::set`]), written as the
//! OFD package — text objects that carry the characters with each one's
//! position (searchable and extractable, never outlines or pictures), path
//! objects for rules and bars, the faces subset and embedded ([`fonts`]),
//! the report's title, issuer and date as its metadata ([`parts`]).

mod fonts;
mod parts;

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Write as _};

use xxhash_rust::xxh3::Xxh3;

use crate::error::{Error, Outcome};
use crate::model::Report;
use crate::render::input::{Input, Renderer};
use crate::render::set::Set;
use crate::render::set::flow::Mark;

pub(super) struct Ofd;

impl Renderer for Ofd {
    fn render(&self, input: &Input) -> Outcome<Vec<u8>> {
        let set = crate::render::set::set(input, "OFD")?;
        Ok(Ok(write(&set, input.report)?))
    }
}

fn failure(reason: impl std::fmt::Display) -> Error {
    Error::Render {
        format: "OFD",
        reason: reason.to_string(),
    }
}

/// The package: parts in a fixed order, at the zip epoch, marked as made
/// on Unix, so the same report gives the same bytes on every system.
fn write(set: &Set, report: &Report) -> Result<Vec<u8>, Error> {
    let mut ids = parts::Ids::default();
    // Each face the pages draw with, and the characters it draws.
    let mut used: BTreeMap<usize, BTreeMap<char, u16>> = BTreeMap::new();
    for sheet in &set.pages {
        for mark in &sheet.marks {
            if let Mark::Text(run) = mark {
                let chars = used.entry(run.face).or_default();
                for (glyph, _, range) in &run.glyphs {
                    if let Some(ch) = run.text[range.clone()].chars().next() {
                        chars.insert(ch, u16::try_from(glyph.to_u32()).unwrap_or(0));
                    }
                }
            }
        }
    }
    let mut fonts = Vec::new();
    let mut files = Vec::new();
    for (&face, chars) in &used {
        let loaded = &set.fonts.faces[face];
        let (bytes, extension) = fonts::subset(loaded, chars).map_err(failure)?;
        let id = ids.next();
        let file = format!("font_{id}.{extension}");
        files.push((format!("Doc_0/Res/{file}"), bytes));
        fonts.push((
            face,
            parts::Font {
                id,
                family: loaded.family.clone(),
                file,
            },
        ));
    }
    let font_ids: HashMap<usize, u32> = fonts.iter().map(|(face, f)| (*face, f.id)).collect();
    let page_ids: Vec<u32> = set.pages.iter().map(|_| ids.next()).collect();
    let contents: Vec<Vec<u8>> = set
        .pages
        .iter()
        .map(|sheet| parts::content(sheet, &font_ids, &mut ids))
        .collect();
    // The identity of the document is its pages: the same report, the same ID.
    let mut hasher = Xxh3::new();
    for content in &contents {
        hasher.update(content);
    }
    let doc_id = format!("{:032x}", hasher.digest128());
    let fonts: Vec<parts::Font> = fonts.into_iter().map(|(_, f)| f).collect();
    let mut entries: Vec<(String, Vec<u8>)> = vec![
        ("OFD.xml".into(), parts::entry(report, &doc_id)),
        (
            "Doc_0/Document.xml".into(),
            parts::document(&page_ids, ids.max()),
        ),
        ("Doc_0/PublicRes.xml".into(), parts::public_res(&fonts)),
    ];
    for (index, content) in contents.into_iter().enumerate() {
        entries.push((format!("Doc_0/Pages/Page_{index}/Content.xml"), content));
    }
    entries.extend(files);
    let options = crate::render::packaging::package_part(zip::CompressionMethod::Deflated);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name, options).map_err(failure)?;
        zip.write_all(&bytes).map_err(failure)?;
    }
    zip.finish().map(Cursor::into_inner).map_err(failure)
}
