//! A year's figures from a workbook beside its data file (`data/2018.xlsx`
//! beside `data/2018.yaml`): the figures from the workbook, the text from
//! the YAML. The workbook's values are put into the data file's tree with
//! the cells they came from, and then checked as YAML values are: a
//! workbook is one reader beside YAML, not a second set of checks.

mod cells;
mod formula;
mod guard;
pub(crate) mod layout;
mod merge;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::source::yaml::{Spanned, Tree};

pub(crate) use guard::MAX_WORKBOOK_BYTES;

/// The workbook of `year` in `data_dir`.
pub(crate) fn path(data_dir: &Path, year: u16) -> PathBuf {
    data_dir.join(format!("{year}.xlsx"))
}

/// What reading a year's workbook found.
#[derive(Debug, Default)]
pub(crate) struct Filled {
    pub(crate) errors: Vec<Diagnostic>,
    pub(crate) warnings: Vec<Diagnostic>,
    /// The workbook could not be read at all: what the data file lacks
    /// without it is not worth saying.
    pub(crate) refused: bool,
}

/// Fills `tree`, the year's data file, with the figures of the workbook
/// beside it, if there is one.
pub(crate) fn fill(
    tree: &mut Spanned<Tree>,
    data_dir: &Path,
    year: u16,
    file: &SourceFile,
) -> Filled {
    let path = path(data_dir, year);
    if std::fs::symlink_metadata(&path).is_err() {
        return Filled::default();
    }
    let shown = shown(&file.name, year);
    let opened = match guard::open(&path, &shown) {
        Ok(opened) => opened,
        Err(error) => return refused(error),
    };
    let sheet = match cells::read(
        opened.bytes,
        &shown,
        issuer(tree).as_deref(),
        year,
        opened.recalculate,
    ) {
        Ok(sheet) => sheet,
        Err(error) => return refused(error),
    };
    let warnings = sheet.warnings.clone();
    Filled {
        errors: merge::merge(tree, sheet, file),
        warnings,
        refused: false,
    }
}

fn refused(error: Box<Diagnostic>) -> Filled {
    Filled {
        errors: vec![*error],
        warnings: Vec::new(),
        refused: true,
    }
}

/// The workbook's path as messages show it: the data file's, with the
/// workbook's name.
fn shown(data_file: &str, year: u16) -> String {
    let name = format!("{year}.yaml");
    match data_file.strip_suffix(&name) {
        Some(dir) => format!("{dir}{year}.xlsx"),
        None => format!("{year}.xlsx"),
    }
}

/// The issuer the data file names: its workbook's sheet is named for it.
pub(crate) fn issuer(tree: &Spanned<Tree>) -> Option<String> {
    let Tree::Map(top) = &tree.value else {
        return None;
    };
    top.iter().find_map(|(key, value)| match &value.value {
        Tree::Text(text) if key.value == "issuer" => Some(text.trim().to_string()),
        _ => None,
    })
}
