//! `report man`: the manual page, in roff, on stdout.

use std::path::PathBuf;

use crate::cli::{self, console::Console};
use crate::error::{Error, Exit};

pub(crate) fn run(console: &Console) -> Result<Exit, Error> {
    let man = clap_mangen::Man::new(cli::command());
    let mut page = Vec::new();
    man.render(&mut page).map_err(|source| Error::Write {
        path: PathBuf::from("-"),
        source,
    })?;
    console.stdout(&page);
    Ok(Exit::Done)
}
