//! Writing outputs: atomically, only when they changed, and the manifest
//! that lets an unchanged report be skipped.

pub(crate) mod manifest;
pub(crate) mod output;
pub(crate) mod publish;
pub(crate) mod sheet;
