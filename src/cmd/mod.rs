//! One module per subcommand, each with its own `run`: it takes the
//! command's arguments, opens the project, calls the library, prints what
//! happened and says how the run ended.

pub mod build;
pub mod check;
pub mod completions;
pub mod import;
pub mod init;
pub mod man;
pub mod new;
pub mod schema;
pub mod serve;
pub mod watch;

use std::path::Path;

use crate::cli::Command;
use crate::cli::console::Console;
use crate::error::{Error, Exit};
use crate::source::config::Project;
use crate::source::schema as data_schema;
use crate::write::output;

/// Runs `command` on the project at `root`.
pub fn run(command: Command, root: &Path, console: &Console) -> Result<Exit, Error> {
    match command {
        Command::Build(args) => build::run(args, root, console),
        Command::Check(args) => check::run(args, root, console),
        Command::Init(args) => init::run(&args, root, console),
        Command::New(args) => new::run(&args, root, console),
        Command::Import(args) => import::run(&args, root, console),
        Command::Watch(args) => watch::run(args, root, console),
        Command::Completions(args) => completions::run(&args, console),
        Command::Man => man::run(console),
        Command::Serve(args) => serve::run(args, root, console),
        Command::Schema => schema::run(console),
    }
}

/// The first line of a new data file at `path`, which points the clerk's
/// editor at the schema; the schema is written beside the project's data
/// when it is not there yet.
pub(crate) fn schema_modeline(project: &Project, path: &Path) -> Result<String, Error> {
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
