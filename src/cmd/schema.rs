//! `report schema`: the data file's JSON Schema, for editors, on stdout.

use crate::cli::console::Console;
use crate::error::Exit;
use crate::source::schema;

pub(crate) fn run(console: &Console) -> Exit {
    console.stdout(schema::file_text().as_bytes());
    Exit::Done
}
