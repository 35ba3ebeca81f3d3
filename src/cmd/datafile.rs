//! What `new` and `import` share when they start a data file.

use std::path::Path;

use crate::error::Error;
use crate::source::config::Project;
use crate::source::schema as data_schema;
use crate::write::output;

/// The first line of a new data file at `path`, which points the clerk's
/// editor at the schema; the schema is written beside the project's data
/// when it is not there yet.
pub(super) fn schema_modeline(project: &Project, path: &Path) -> Result<String, Error> {
    let depth = path
        .parent()
        .and_then(|dir| dir.strip_prefix(&project.root).ok())
        .map_or(1, |dir| dir.components().count());
    let schema_path = project.root.join(data_schema::FILE);
    if !schema_path.exists() {
        output::write_atomic(&schema_path, data_schema::file_text().as_bytes())?;
    }
    Ok(data_schema::modeline(&format!(
        "{}{}",
        "../".repeat(depth),
        data_schema::FILE
    )))
}
