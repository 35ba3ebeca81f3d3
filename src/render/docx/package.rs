//! The DOCX zip, written once: every part in a fixed order with fixed
//! options, so the same document gives the same bytes on every system.

use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;

use super::drawingml::Charts;
use crate::error::Error;

/// The parts of one document, each already written.
pub(super) struct Parts {
    pub(crate) content_types: Vec<u8>,
    pub(crate) core: Vec<u8>,
    pub(crate) document_rels: Vec<u8>,
    pub(crate) document: Vec<u8>,
    pub(crate) styles: Vec<u8>,
    pub(crate) settings: Vec<u8>,
    pub(crate) footers: Vec<Vec<u8>>,
}

pub(super) fn pack(parts: &Parts, charts: &Charts) -> Result<Vec<u8>, Error> {
    let failed = |e: &dyn std::fmt::Display| Error::Render {
        format: "DOCX",
        reason: e.to_string(),
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = stored();
    let font_table = super::parts::font_table();
    let theme = super::parts::theme();
    let mut entries: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &parts.content_types),
        ("_rels/.rels".into(), super::parts::PACKAGE_RELS.as_bytes()),
        ("docProps/app.xml".into(), super::parts::APP.as_bytes()),
        ("docProps/core.xml".into(), &parts.core),
        ("word/_rels/document.xml.rels".into(), &parts.document_rels),
        ("word/document.xml".into(), &parts.document),
        ("word/styles.xml".into(), &parts.styles),
        ("word/settings.xml".into(), &parts.settings),
        ("word/fontTable.xml".into(), &font_table),
        ("word/theme/theme1.xml".into(), &theme),
    ];
    for (index, footer) in parts.footers.iter().enumerate() {
        entries.push((format!("word/footer{}.xml", index + 1), footer));
    }
    for (name, bytes) in entries {
        zip.start_file(name, options).map_err(|e| failed(&e))?;
        zip.write_all(bytes).map_err(|e| failed(&e))?;
    }
    charts
        .write_parts(&mut zip, options)
        .map_err(|e| failed(&e))?;
    zip.finish().map(Cursor::into_inner).map_err(|e| failed(&e))
}

/// How every part is stored: uncompressed (a part is a few kilobytes, and
/// a deflate stream each cost more than the rest of the packing).
fn stored() -> SimpleFileOptions {
    crate::render::packaging::package_part(zip::CompressionMethod::Stored)
}
