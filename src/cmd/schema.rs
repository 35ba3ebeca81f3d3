//! `report schema`: the data file's JSON Schema, for editors, on stdout.

use crate::cli::console::Console;
use crate::error::{Error, Exit};
use crate::source::schema;

pub fn run(console: &Console) -> Result<Exit, Error> {
    console.stdout(schema::file_text().as_bytes());
    Ok(Exit::Done)
}
