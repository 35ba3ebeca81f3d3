//! The faces the PDF is set in, found on the machine once per process: for
//! each face of the genre ([`Face`]) the first family installed of those
//! `page` lists. A character the chosen face lacks (㎡ is not in the free
//! stand-in for 仿宋) is taken from the first other face that has it.

use std::collections::HashMap;
use std::sync::OnceLock;

use krilla::text::{Font, GlyphId};

use crate::model::script::Script;
use crate::render::page::Face;

/// One face read from a font file, kept for the life of the process.
pub(crate) struct Loaded {
    pub(crate) font: Font,
    pub(crate) family: String,
    /// The file's bytes (a collection's, for a face of a .ttc) and the
    /// face's index in it, for a format that embeds its own subset.
    pub(crate) data: &'static [u8],
    pub(crate) index: u32,
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

/// A character as a face draws it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    /// Index into [`Fonts::faces`].
    pub(crate) face: usize,
    pub(crate) id: GlyphId,
    /// The advance at 1 pt.
    pub(crate) advance: f32,
}

/// Regular faces with the full set of Chinese characters (traditional
/// ones too), tried for what the chosen face lacks before the other faces
/// of the genre, which may be heavy (小标宋's stand-in is a bold face).
const FALLBACK: &[&str] = &[
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
    "Noto Sans CJK SC",
    "Microsoft YaHei",
];

/// The faces found, and which stands for each face of the genre.
pub(crate) struct Fonts {
    pub(crate) faces: Vec<Loaded>,
    chosen: HashMap<Face, usize>,
    fallback: Option<usize>,
}

static SIMPLIFIED: OnceLock<Fonts> = OnceLock::new();
static TRADITIONAL: OnceLock<Fonts> = OnceLock::new();

impl Fonts {
    /// The machine's faces for a report in `script`, looked up on first use.
    pub(crate) fn get(script: Script) -> &'static Fonts {
        match script {
            Script::Simplified => SIMPLIFIED.get_or_init(|| Fonts::find(Face::families)),
            // A face with every traditional character, not a simplified
            // face patched character by character.
            Script::Traditional => {
                TRADITIONAL.get_or_init(|| Fonts::find(|face| (face.traditional_families(), false)))
            }
        }
    }

    fn find(families_of: fn(Face) -> (&'static [&'static str], bool)) -> Fonts {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let mut loader = Loader {
            db,
            by_source: HashMap::new(),
            faces: Vec::new(),
        };
        let mut chosen = HashMap::new();
        for face in Face::ALL {
            let (families, bold) = families_of(face);
            if let Some(index) = families.iter().find_map(|f| loader.load(f, bold)) {
                chosen.insert(face, index);
            }
        }
        let fallback = FALLBACK.iter().find_map(|f| loader.load(f, false));
        // Where no face of the traditional lists is installed, the
        // simplified ones, patched by the fallback, still set the text.
        for face in Face::ALL {
            if let std::collections::hash_map::Entry::Vacant(slot) = chosen.entry(face) {
                let (families, bold) = face.families();
                if let Some(index) = families.iter().find_map(|f| loader.load(f, bold)) {
                    slot.insert(index);
                }
            }
        }
        Fonts {
            faces: loader.faces,
            chosen,
            fallback,
        }
    }

    /// Whether any face for Chinese text was found.
    pub(crate) fn has_chinese(&self) -> bool {
        Face::ALL
            .iter()
            .any(|f| *f != Face::Latin && self.chosen.contains_key(f))
    }

    /// The family set for `face`, if any was found.
    pub(crate) fn family(&self, face: Face) -> Option<&str> {
        self.chosen
            .get(&face)
            .map(|&i| self.faces[i].family.as_str())
    }

    /// `ch` in `face`: digits and Latin letters in the Latin face, other
    /// characters in `face`, and what that lacks in the first face that
    /// has it.
    pub(crate) fn glyph(&self, face: Face, ch: char) -> Option<Glyph> {
        let latin = ch.is_ascii_graphic();
        let first = if latin { Face::Latin } else { face };
        let chosen = |f: Face| self.chosen.get(&f).copied();
        let order = [chosen(first), chosen(face), self.fallback]
            .into_iter()
            .flatten()
            .chain(Face::ALL.into_iter().filter_map(chosen));
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

/// Maps faces once: a file holding several (a .ttc) is mapped once.
struct Loader {
    db: fontdb::Database,
    by_source: HashMap<(std::path::PathBuf, u32), usize>,
    faces: Vec<Loaded>,
}

impl Loader {
    /// The face of `family` (bold or regular) if installed: its index.
    fn load(&mut self, family: &str, bold: bool) -> Option<usize> {
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            weight: if bold {
                fontdb::Weight::BOLD
            } else {
                fontdb::Weight::NORMAL
            },
            ..fontdb::Query::default()
        };
        let id = self.db.query(&query)?;
        // The family a query answers with may be a near match.
        let info = self.db.face(id)?;
        if !info.families.iter().any(|(name, _)| name == family) {
            return None;
        }
        let (source, index) = self.db.face_source(id)?;
        let path = match source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path,
            fontdb::Source::Binary(_) => return None,
        };
        if let Some(&at) = self.by_source.get(&(path.clone(), index)) {
            return Some(at);
        }
        let (data, index) = map(&mut self.db, id)?;
        // Faces live as long as the process: a build sets every report in
        // the same few faces, so the mapping is never given back.
        let kept: &'static Shared = Box::leak(Box::new(data.clone()));
        let bytes: &'static [u8] = (**kept).as_ref();
        let parsed = ttf_parser::Face::parse(bytes, index).ok()?;
        let font = Font::new(data.into(), index)?;
        self.by_source.insert((path, index), self.faces.len());
        self.faces.push(Loaded {
            font,
            family: family.to_string(),
            data: bytes,
            index,
            units_per_em: f32::from(parsed.units_per_em()),
            face: parsed,
        });
        Some(self.faces.len() - 1)
    }
}

type Shared = std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>;

/// The face's file mapped into memory, not read: a CJK face is 5 to 27 MB,
/// of which a report touches the tables and a few hundred glyphs. Reading
/// the three or four files a report needs whole cost two thirds of the time
/// of a PDF and 70 MB of memory.
#[allow(unsafe_code)]
fn map(db: &mut fontdb::Database, id: fontdb::ID) -> Option<(Shared, u32)> {
    // SAFETY: the mapping is of an installed font file, which we only read.
    // Were another process to truncate that file while a build runs, reading
    // the lost pages would end the process (SIGBUS), as in every program
    // that maps its fonts (fontdb maps each file while it scans them); a
    // file changed in place would at worst give wrong glyphs.
    unsafe { db.make_shared_face_data(id) }
}
