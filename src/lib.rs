//! `report`: a year's metrics, kept as YAML, turned into an annual work report
//! (工作总结及工作计划) laid out per GB/T 9704-2012.
//!
//! The folders are the stages, and the flow reads in one direction:
//! `source` reads the project and loads a year into the `model`; `render`
//! turns the model into each format; `check` holds the checks beyond
//! loading (the rendered text, a unit's sums); `write` writes the outputs
//! atomically. `pipeline` is that path, run by a `Session` each command in
//! `cmd` opens; `cli` is the command line and where messages go. The
//! modules are the crate's own: what is `pub` is re-exported below.

mod check;
mod cli;
mod cmd;
mod diagnostic;
mod error;
mod import;
mod lang;
mod model;
mod pipeline;
mod render;
mod source;
mod write;

use cli::console::Console;

// The surface: what the binary, the integration tests and the fuzz target
// use. Everything else is the crate's own.
pub use cli::{Cli, parse};
pub use diagnostic::{Diagnostic, Location, Severity};
pub use error::{Error, Exit};
pub use pipeline::check_text;
pub use render::document::{BlockKind, Document, Role};
pub use render::page::list_marker;
pub use render::spans::plain;
pub use write::manifest::hash as manifest_hash;

/// Runs a parsed command line, prints what happened, and says how it ended.
pub fn run(cli: Cli) -> Exit {
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => cli::console::Verbosity::Quiet,
        (_, true) => cli::console::Verbosity::Verbose,
        _ => cli::console::Verbosity::Normal,
    };
    let console = Console::new(cli.message_format).with_verbosity(verbosity);
    let root = cli.project.unwrap_or_else(|| ".".into());
    let exit = cmd::run(cli.command, &root, &console).unwrap_or_else(|error| {
        console.diagnostics(&error.diagnostics());
        Exit::Failed
    });
    // Messages that did not reach their reader: the run could not be done
    // as asked, whatever it built.
    if console.write_failed() {
        return Exit::Failed;
    }
    exit
}
