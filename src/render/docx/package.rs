//! The DOCX zip written once: the parts (docx-rs's fixed ones, with the
//! body, styles and footers written here put in their place), in the order
//! and with the options of docx-rs's own packer, then the chart parts. Packing
//! with docx-rs and then re-reading the zip to add the charts cost 0.4 M
//! instructions a report (callgrind), and the copy marked the folder entries
//! as files.

use std::io::{Cursor, Write as _};

use docx_rs::XMLDocx;
use zip::System;
use zip::write::SimpleFileOptions;

use super::drawingml::Charts;
use crate::error::Error;

pub(super) fn pack(xml: &XMLDocx, charts: &Charts) -> Result<Vec<u8>, Error> {
    let failed = |e: &dyn std::fmt::Display| Error::Render {
        format: "DOCX",
        reason: e.to_string(),
    };
    // Parts docx-rs makes only for features this tool never asks for.
    if xml.taskpanes.is_some() || !xml.web_extensions.is_empty() || !xml.custom_items.is_empty() {
        return Err(failed(
            &"add-in or custom XML parts, which this tool does not write",
        ));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let directory = SimpleFileOptions::default().system(System::Unix);
    for name in ["word/", "word/_rels", "_rels/", "docProps/"] {
        zip.add_directory(name, directory).map_err(|e| failed(&e))?;
    }
    let options = stored();
    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &xml.content_type),
        ("_rels/.rels".into(), &xml.rels),
        ("docProps/app.xml".into(), &xml.doc_props.app),
        ("docProps/core.xml".into(), &xml.doc_props.core),
        ("docProps/custom.xml".into(), &xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), &xml.document_rels),
        ("word/document.xml".into(), &xml.document),
        ("word/styles.xml".into(), &xml.styles),
        ("word/settings.xml".into(), &xml.settings),
        ("word/fontTable.xml".into(), &xml.font_table),
        ("word/comments.xml".into(), &xml.comments),
        ("word/numbering.xml".into(), &xml.numberings),
        ("word/commentsExtended.xml".into(), &xml.comments_extended),
        ("word/footnotes.xml".into(), &xml.footnotes),
    ];
    for (index, header) in xml.headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", index + 1), header));
        if let Some(rels) = xml.header_rels.get(index) {
            parts.push((format!("word/_rels/header{}.xml.rels", index + 1), rels));
        }
    }
    for (index, footer) in xml.footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", index + 1), footer));
        if let Some(rels) = xml.footer_rels.get(index) {
            parts.push((format!("word/_rels/footer{}.xml.rels", index + 1), rels));
        }
    }
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(|e| failed(&e))?;
        zip.write_all(bytes).map_err(|e| failed(&e))?;
    }
    if !xml.media.is_empty() {
        zip.add_directory("word/media/", directory)
            .map_err(|e| failed(&e))?;
        for (name, bytes) in &xml.media {
            zip.start_file(format!("word/media/{name}.png"), options)
                .map_err(|e| failed(&e))?;
            zip.write_all(bytes).map_err(|e| failed(&e))?;
        }
    }
    charts
        .write_parts(&mut zip, options)
        .map_err(|e| failed(&e))?;
    zip.finish().map(Cursor::into_inner).map_err(|e| failed(&e))
}

/// How every part is stored: uncompressed (a part is a few kilobytes, and
/// a deflate stream each cost more than the rest of the packing), at the zip
/// epoch, and marked as made on Unix whatever the host — the zip crate
/// records `fat` on Windows otherwise, and a DOCX built on a clerk's PC would
/// differ by that byte from the CI job's.
fn stored() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .system(System::Unix)
        .unix_permissions(0o644)
}
