//! Checks beyond what loading a file finds: the rendered text against the
//! conventions of the genre, the characters the PDF's faces lack, and a
//! unit's sums against its child units.

pub mod audit;
pub mod glyphs;
pub mod lint;
pub mod rollup;
