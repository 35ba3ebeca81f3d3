//! Writing outputs: atomically, only when they changed, and the manifest
//! that lets an unchanged report be skipped.

pub mod manifest;
pub mod output;
pub(crate) mod sheet;
