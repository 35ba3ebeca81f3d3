//! `report watch <YEAR>`: build, then build again whenever the data, the
//! templates or the config change. A failed rebuild prints its errors and
//! leaves the last good output in place (build never writes on error).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::cli::WatchArgs;
use crate::cli::console::Console;
use crate::cli::summary::Summary;
use crate::error::{Error, Exit};
use crate::pipeline::Session;
use crate::source::config::{Overrides, Project};
use crate::source::inputs;
use crate::source::units::{self, Job};
use crate::tr;
use crate::write::publish::Mode;

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
        let mut relevant = inputs::changed(project, &event);
        while let Ok(more) = events.recv_timeout(SETTLE) {
            relevant |= inputs::changed(project, &more);
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
    let mut summary = Summary::new(project, Mode::Write, console);
    match Session::open(project) {
        Ok(Ok(session)) => {
            session.publish(std::slice::from_ref(job), Mode::Write, &mut |result| {
                summary.add(&result);
            });
            summary.finish();
        }
        Ok(Err(findings)) => console.diagnostics(&findings.0),
        Err(error) => console.diagnostics(&error.diagnostics()),
    }
}

// By value so it can be passed to `map_err` directly.
#[allow(clippy::needless_pass_by_value)]
fn watch_error(error: notify::Error) -> Error {
    Error::Watch {
        reason: error.to_string(),
    }
}
