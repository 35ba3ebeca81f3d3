//! `report watch <YEAR>`: build, then build again whenever the data, the
//! templates or the config change. A failed rebuild prints its errors and
//! leaves the last good output in place (build never writes on error).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::cli::WatchArgs;
use crate::cli::console::Console;
use crate::cmd::build::{self, Mode};
use crate::error::{Error, Exit};
use crate::render::templates::Templates;
use crate::source::config::{Overrides, Project};
use crate::source::units::{self, Job};
use crate::tr;

/// Editors save in several steps; changes this close together are one edit.
const SETTLE: Duration = Duration::from_millis(150);

pub(crate) fn run(args: WatchArgs, root: &Path, console: &Console) -> Result<Exit, Error> {
    let overrides = Overrides {
        out: args.out,
        ..Overrides::default()
    };
    let project = Project::open(root, overrides)?;
    let job = units::one(&project, Some(args.year), args.unit)?;
    watch(&project, &job, console)
}

fn watch(project: &Project, job: &Job, console: &Console) -> Result<Exit, Error> {
    rebuild(project, job, console);
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender).map_err(watch_error)?;
    // The project folder itself (not recursively) sees report.yaml and a
    // templates/ folder that appears later; data/ and templates/ are watched
    // in depth.
    watcher
        .watch(&project.root, RecursiveMode::NonRecursive)
        .map_err(watch_error)?;
    for dir in [&project.data_dir, &project.templates_dir] {
        if dir.is_dir() {
            watcher
                .watch(dir, RecursiveMode::Recursive)
                .map_err(watch_error)?;
        }
    }
    console.status(&tr!(
        "正在监视 data/、templates/ 和 report.yaml，改动后自动重新生成（Ctrl-C 结束）",
        "watching data/, templates/ and report.yaml; rebuilding on change (Ctrl-C to stop)"
    ));
    while let Ok(event) = events.recv() {
        let mut relevant = is_relevant(project, &event);
        while let Ok(more) = events.recv_timeout(SETTLE) {
            relevant |= is_relevant(project, &more);
        }
        if relevant {
            if project.templates_dir.is_dir() {
                // Harmless if already watched; picks up a templates/ made later.
                let _ = watcher.watch(&project.templates_dir, RecursiveMode::Recursive);
            }
            rebuild(project, job, console);
        }
    }
    Ok(Exit::Done)
}

fn rebuild(project: &Project, job: &Job, console: &Console) {
    let mut summary = build::Summary::new(project, Mode::Write, console);
    match Templates::load(&project.templates_dir) {
        Ok(templates) => {
            build::build(
                project,
                &templates,
                std::slice::from_ref(job),
                Mode::Write,
                &mut |result| {
                    summary.add(&result);
                },
            );
            summary.finish();
        }
        Err(error) => console.diagnostics(&error.diagnostics()),
    }
}

/// A change to an input: not one of our own outputs, not a temporary file.
/// The watcher reports absolute paths, so the project's are made absolute.
pub(crate) fn is_relevant(project: &Project, event: &notify::Result<notify::Event>) -> bool {
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

// By value so it can be passed to `map_err` directly.
#[allow(clippy::needless_pass_by_value)]
fn watch_error(error: notify::Error) -> Error {
    Error::Watch {
        reason: error.to_string(),
    }
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
