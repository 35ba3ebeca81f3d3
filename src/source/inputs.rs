//! Which changes are to the project's inputs: its data (year files,
//! workbooks, units), its templates and its config, but not its outputs nor
//! the scratch files editors and spreadsheets keep beside an open file.
//! `watch` and `serve` rebuild on these.

use std::path::Path;

use crate::source::config::Project;

/// A change to an input: not one of our own outputs, not a temporary file.
/// The watcher reports absolute paths, so the project's are made absolute.
pub(crate) fn changed(project: &Project, event: &notify::Result<notify::Event>) -> bool {
    let Ok(event) = event else { return false };
    if event.kind.is_access() {
        return false;
    }
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let (data, templates, out) = (
        absolute(&project.data_dir),
        absolute(&project.templates_dir),
        absolute(&project.out_dir),
    );
    event.paths.iter().any(|path| {
        !path.starts_with(&out)
            && !is_temporary(path)
            && (path.starts_with(&data)
                || path.starts_with(&templates)
                || path
                    .file_name()
                    .is_some_and(|n| n == crate::source::config::CONFIG_FILE))
    })
}

fn is_temporary(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.starts_with(".report-")
            // The owner files Excel and LibreOffice keep beside an open workbook.
            || n.starts_with("~$")
            || n.starts_with(".~lock.")
            || n.ends_with('~')
            || Path::new(n)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("swp"))
    })
}

#[cfg(test)]
mod tests {
    use super::is_temporary;
    use std::path::Path;

    #[test]
    fn editors_and_spreadsheets_scratch_files_are_not_changes() {
        for name in [
            "~$2018.xlsx",
            ".~lock.2018.xlsx#",
            "2018.yaml~",
            ".2018.yaml.swp",
            ".report-x",
        ] {
            assert!(
                is_temporary(Path::new("data").join(name).as_path()),
                "{name}"
            );
        }
        for name in ["2018.xlsx", "2018.yaml"] {
            assert!(
                !is_temporary(Path::new("data").join(name).as_path()),
                "{name}"
            );
        }
    }
}
