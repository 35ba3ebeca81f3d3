//! `report`: a year's metrics, kept as YAML, turned into an annual work report
//! (工作总结及工作计划) laid out per GB/T 9704-2012.
//!
//! The flow reads in one direction: [`dataset`] loads and validates into the
//! [`model`], [`render`] turns the model into each format through
//! [`templates`], and [`output`] writes atomically. [`cmd`] strings them
//! together per subcommand; [`run`] is what `main` calls.

pub mod cli;
pub mod cmd;
pub mod config;
pub mod console;
pub mod dataset;
pub mod diagnostic;
pub mod error;
pub mod lang;
pub mod lint;
pub mod model;
pub mod narrative;
pub mod numbers;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod templates;
pub mod yaml;

use std::path::PathBuf;

pub use cli::Cli;
use cli::{Command, Deny};
use config::{Overrides, Project};
use console::Console;
use diagnostic::Severity;
pub use error::Error;

/// Runs a parsed command line, prints what happened, and returns the exit
/// code: 0 done, 1 `check` found problems, 2 could not be done.
pub fn run(cli: Cli) -> u8 {
    let console = Console::new(cli.message_format);
    match execute(cli, &console) {
        Ok(code) => code,
        Err(error) => {
            console.diagnostics(&error.diagnostics());
            error.exit_code()
        }
    }
}

fn execute(cli: Cli, console: &Console) -> Result<u8, Error> {
    let root = cli.project.unwrap_or_else(|| PathBuf::from("."));
    match cli.command {
        Command::Build(args) => {
            let project = Project::open(
                &root,
                Overrides {
                    out: args.out,
                    formats: args.format,
                },
            )?;
            let built = cmd::build::build(&project, args.year)?;
            console.diagnostics(&built.warnings);
            let written: Vec<String> = built.written.iter().map(|p| project.shown(p)).collect();
            console.status(&tr!("已生成 {}", "wrote {}", written.join("、")));
            Ok(0)
        }
        Command::Check(args) => {
            let project = Project::open(&root, Overrides::default())?;
            let years = cmd::check::years(&project, args.year)?;
            let checked = cmd::check::check(&project, &years)?;
            let (mut errors, mut warnings) = (0, 0);
            for year in &checked {
                console.diagnostics(&year.diagnostics);
                let (e, w) = (year.count(Severity::Error), year.count(Severity::Warning));
                errors += e;
                warnings += w;
                console.status(&if e + w == 0 {
                    tr!("{}：没有发现问题", "{}: no problems found", year.year)
                } else {
                    tr!(
                        "{}：{e} 个错误，{w} 个警告",
                        "{}: {e} errors, {w} warnings",
                        year.year
                    )
                });
            }
            let denied = args.deny == Some(Deny::Warnings) && warnings > 0;
            Ok(u8::from(errors > 0 || denied))
        }
    }
}
