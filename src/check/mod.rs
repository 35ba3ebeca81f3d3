//! Checks beyond what loading a file finds: the rendered text against the
//! conventions of the genre, and a unit's sums against its child units.

pub mod audit;
pub mod lint;
pub mod rollup;
