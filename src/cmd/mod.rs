//! One module per subcommand, each with its own `run`: it takes the
//! command's arguments, opens the project, calls the library, prints what
//! happened and says how the run ended.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod completions;
mod datafile;
pub(crate) mod figures;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod man;
pub(crate) mod new;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod sheet;
pub(crate) mod watch;

use std::path::Path;

use crate::cli::Command;
use crate::cli::console::Console;
use crate::error::{Error, Exit};

/// Runs `command` on the project at `root`.
pub(crate) fn run(command: Command, root: &Path, console: &Console) -> Result<Exit, Error> {
    match command {
        Command::Build(args) => build::run(args, root, console),
        Command::Check(args) => check::run(args, root, console),
        Command::Figures(args) => figures::run(&args, root, console),
        Command::Init(args) => init::run(&args, root, console),
        Command::New(args) => new::run(&args, root, console),
        Command::Sheet(args) => sheet::run(&args, root, console),
        Command::Import(args) => import::run(&args, root, console),
        Command::Watch(args) => watch::run(args, root, console),
        Command::Completions(args) => Ok(completions::run(&args, console)),
        Command::Man => man::run(console),
        Command::Serve(args) => serve::run(args, root, console),
        Command::Schema => Ok(schema::run(console)),
    }
}
