//! One module per subcommand, each with its own `run`: it takes the
//! command's arguments, opens the project, calls the library, prints what
//! happened and says how the run ended.

pub mod build;
pub mod check;
pub mod completions;
mod datafile;
pub mod figures;
pub mod import;
pub mod init;
pub mod man;
pub mod new;
pub mod schema;
pub mod serve;
pub mod sheet;
pub mod watch;

use std::path::Path;

use crate::cli::Command;
use crate::cli::console::Console;
use crate::error::{Error, Exit};

/// Runs `command` on the project at `root`.
pub fn run(command: Command, root: &Path, console: &Console) -> Result<Exit, Error> {
    match command {
        Command::Build(args) => build::run(args, root, console),
        Command::Check(args) => check::run(args, root, console),
        Command::Figures(args) => figures::run(&args, root, console),
        Command::Init(args) => init::run(&args, root, console),
        Command::New(args) => new::run(&args, root, console),
        Command::Sheet(args) => sheet::run(&args, root, console),
        Command::Import(args) => import::run(&args, root, console),
        Command::Watch(args) => watch::run(args, root, console),
        Command::Completions(args) => completions::run(&args, console),
        Command::Man => man::run(console),
        Command::Serve(args) => serve::run(args, root, console),
        Command::Schema => schema::run(console),
    }
}
