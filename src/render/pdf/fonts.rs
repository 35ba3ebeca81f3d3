//! The faces the PDF is set in, found on the machine once per process: for
//! each face of the genre ([`Face`]) the first family installed of those
//! `page` lists. A character the chosen face lacks (㎡ is not in the free
//! stand-in for 仿宋) is taken from the first other face that has it.

use std::collections::HashMap;
use std::sync::OnceLock;

use krilla::text::{Font, GlyphId};

use crate::render::page::Face;

/// One face read from a font file, kept for the life of the process.
pub(super) struct Loaded {
    pub font: Font,
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

/// A character as a face draws it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Glyph {
    /// Index into [`Fonts::faces`].
    pub face: usize,
    pub id: GlyphId,
    /// The advance at 1 pt.
    pub advance: f32,
}

/// The faces found, and which stands for each face of the genre.
pub(super) struct Fonts {
    pub faces: Vec<Loaded>,
    chosen: HashMap<Face, usize>,
}

static FONTS: OnceLock<Fonts> = OnceLock::new();

impl Fonts {
    /// The machine's faces, looked up on first use.
    pub(super) fn get() -> &'static Fonts {
        FONTS.get_or_init(Fonts::find)
    }

    fn find() -> Fonts {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let mut files: HashMap<std::path::PathBuf, &'static [u8]> = HashMap::new();
        let mut faces: Vec<Loaded> = Vec::new();
        let mut by_source: HashMap<(std::path::PathBuf, u32), usize> = HashMap::new();
        let mut chosen = HashMap::new();
        for face in Face::ALL {
            let (families, bold) = face.families();
            for family in families {
                let query = fontdb::Query {
                    families: &[fontdb::Family::Name(family)],
                    weight: if bold {
                        fontdb::Weight::BOLD
                    } else {
                        fontdb::Weight::NORMAL
                    },
                    ..fontdb::Query::default()
                };
                let Some(id) = db.query(&query) else {
                    continue;
                };
                // The family a query answers with may be a near match.
                let named = db
                    .face(id)
                    .is_some_and(|info| info.families.iter().any(|(name, _)| name == family));
                if !named {
                    continue;
                }
                let Some((source, index)) = db.face_source(id) else {
                    continue;
                };
                let path = match source {
                    fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path,
                    fontdb::Source::Binary(_) => continue,
                };
                if let Some(&at) = by_source.get(&(path.clone(), index)) {
                    chosen.insert(face, at);
                    break;
                }
                let data = match files.get(&path) {
                    Some(data) => *data,
                    None => match std::fs::read(&path) {
                        // Faces live as long as the process: a build
                        // sets every report in the same few faces.
                        Ok(bytes) => {
                            let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                            files.insert(path.clone(), data);
                            data
                        }
                        Err(_) => continue,
                    },
                };
                let (Ok(parsed), Some(font)) = (
                    ttf_parser::Face::parse(data, index),
                    Font::new(data.into(), index),
                ) else {
                    continue;
                };
                chosen.insert(face, faces.len());
                by_source.insert((path, index), faces.len());
                faces.push(Loaded {
                    font,
                    units_per_em: f32::from(parsed.units_per_em()),
                    face: parsed,
                });
                break;
            }
        }
        Fonts { faces, chosen }
    }

    /// Whether any face for Chinese text was found.
    pub(super) fn has_chinese(&self) -> bool {
        Face::ALL
            .iter()
            .any(|f| *f != Face::Latin && self.chosen.contains_key(f))
    }

    /// `ch` in `face`: digits and Latin letters in the Latin face, other
    /// characters in `face`, and what that lacks in the first face that
    /// has it.
    pub(super) fn glyph(&self, face: Face, ch: char) -> Option<Glyph> {
        let latin = ch.is_ascii_graphic();
        let first = if latin { Face::Latin } else { face };
        let order = [first, face]
            .into_iter()
            .chain(Face::ALL)
            .filter_map(|f| self.chosen.get(&f).copied());
        for index in order.chain(0..self.faces.len()) {
            let loaded = &self.faces[index];
            if let Some(id) = loaded.face.glyph_index(ch)
                && id.0 != 0
            {
                let advance = loaded.face.glyph_hor_advance(id).unwrap_or(0);
                return Some(Glyph {
                    face: index,
                    id: GlyphId::new(u32::from(id.0)),
                    advance: f32::from(advance) / loaded.units_per_em,
                });
            }
        }
        None
    }
}
