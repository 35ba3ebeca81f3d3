//! `report build`: the reports asked for, published (`write::publish`) —
//! or, with `--check`, compared with what is on disk — and what became of
//! each told as it arrives. A report that fails does not stop the others.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::BuildArgs;
use crate::cli::console::{Console, MessageFormat};
use crate::cli::summary::Summary;
use crate::error::{Error, Exit};
use crate::pipeline::Session;
use crate::source::config::{Overrides, Project};
use crate::source::units;
use crate::tr;
use crate::write::publish::Mode;

/// `report build`: the reports the scope selects, with a progress bar on a
/// terminal when there are several.
pub(crate) fn run(args: BuildArgs, root: &Path, console: &Console) -> Result<Exit, Error> {
    let overrides = Overrides {
        out: args.out,
        formats: args.format,
        browser: args.browser,
    };
    let project = Project::open(root, overrides)?;
    let jobs = units::jobs(&project, &args.scope.selection())?;
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let progress = progress_bar(console.format(), jobs.len());
    let mut summary = Summary::new(&project, mode, console);
    let session = Session::open(&project)??;
    if console.verbose() {
        let names: Vec<String> = session
            .templates
            .sources()
            .map(|(name, _)| {
                let file = project.templates_dir.join(name);
                if file.is_file() {
                    project.shown(&file)
                } else {
                    tr!("{name}（内置）", "{name} (built in)")
                }
            })
            .collect();
        console.detail(&tr!("模板：{}", "templates: {}", crate::lang::list(&names)));
    }
    session.publish(&jobs, mode, &mut |result| {
        progress.suspend(|| summary.add(&result));
        progress.inc(1);
    });
    progress.finish_and_clear();
    // The process ends after this command: freeing the compiled templates
    // would only cost time (0.11 M instructions, callgrind).
    std::mem::forget(session.templates);
    Ok(summary.finish())
}

/// A progress bar for several years, on a terminal only: never on a pipe,
/// in CI, or with a machine-readable message format.
fn progress_bar(format: MessageFormat, years: usize) -> indicatif::ProgressBar {
    let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if years < 2 || !interactive || format != MessageFormat::Human {
        return indicatif::ProgressBar::hidden();
    }
    indicatif::ProgressBar::new(years as u64)
}
