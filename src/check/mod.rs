//! Checks beyond what loading a file finds: the rendered text against the
//! conventions of the genre, the characters the PDF's faces lack, and a
//! unit's sums against its child units.

pub(crate) mod audit;
pub(crate) mod glyphs;
pub(crate) mod lint;
pub(crate) mod rollup;
