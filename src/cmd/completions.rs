//! `report completions SHELL`: the shell's completion script, on stdout.

use crate::cli::console::Console;
use crate::cli::{self, CompletionsArgs};
use crate::error::Exit;

pub(crate) fn run(args: &CompletionsArgs, console: &Console) -> Exit {
    let mut command = cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "report", &mut script);
    console.stdout(&script);
    Exit::Done
}
