//! The faces an OFD embeds: each face the pages draw with, subset to the
//! glyphs they use (subsetter, as krilla does for the PDF) and given back a
//! `cmap` of exactly the characters drawn (write-fonts): an OFD reader
//! finds a glyph by the character in `TextCode`, where a PDF names glyphs.

use std::collections::BTreeMap;

use write_fonts::FontBuilder;
use write_fonts::read::{FontRef, TableProvider as _};
use write_fonts::tables::cmap::Cmap;
use write_fonts::types::{GlyphId, Tag};

use crate::render::set::fonts::Loaded;

/// A face subset to `used` (each character with the glyph the layout drew
/// it with), as a font file, and the file's extension: `ttf` for glyph
/// outlines, `otf` for CFF.
pub(super) fn subset(
    face: &Loaded,
    used: &BTreeMap<char, u16>,
) -> Result<(Vec<u8>, &'static str), String> {
    let mut remapper = subsetter::GlyphRemapper::new();
    for &glyph in used.values() {
        remapper.remap(glyph);
    }
    let small =
        subsetter::subset(face.data, face.index, &remapper).map_err(|e| format!("{e:?}"))?;
    let mappings = used.iter().filter_map(|(&ch, &glyph)| {
        remapper
            .get(glyph)
            .map(|new| (ch, GlyphId::new(u32::from(new))))
    });
    let cmap = Cmap::from_mappings(mappings).map_err(|e| format!("{e:?}"))?;
    let original = FontRef::from_index(face.data, face.index).map_err(|e| e.to_string())?;
    let subset = FontRef::new(&small).map_err(|e| e.to_string())?;
    let outlines = if subset.glyf().is_ok() { "ttf" } else { "otf" };
    let mut builder = FontBuilder::new();
    builder.add_table(&cmap).map_err(|e| e.to_string())?;
    // The face's OS/2 (metrics, weight, embedding rights), which the
    // subsetter leaves out as a PDF does not need it.
    let os2 = Tag::new(b"OS/2");
    if let Some(table) = original.table_data(os2) {
        builder.add_raw(os2, table.as_bytes().to_vec());
    }
    builder.copy_missing_tables(subset);
    Ok((builder.build(), outlines))
}
