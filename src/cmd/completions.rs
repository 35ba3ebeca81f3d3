//! `report completions SHELL`: the shell's completion script, on stdout.

use crate::cli::console::Console;
use crate::cli::{self, CompletionsArgs};
use crate::error::{Error, Exit};

pub fn run(args: &CompletionsArgs, console: &Console) -> Result<Exit, Error> {
    let mut command = cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "report", &mut script);
    console.stdout(&script);
    Ok(Exit::Done)
}
