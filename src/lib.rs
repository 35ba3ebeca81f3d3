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
pub mod dataset;
pub mod diagnostic;
pub mod error;
pub mod model;
pub mod narrative;
pub mod numbers;
pub mod output;
pub mod render;
pub mod templates;
pub mod yaml;

use std::io::Write;
use std::path::PathBuf;

pub use cli::Cli;
use cli::Command;
use config::{Overrides, Project};
use diagnostic::Diagnostic;
pub use error::Error;

/// Runs a parsed command line, prints what happened, and returns the exit
/// code: 0 done, 2 could not be done.
pub fn run(cli: Cli) -> u8 {
    let mut stderr = anstream::stderr();
    match execute(cli) {
        Ok(messages) => {
            for message in messages {
                let _ = write!(stderr, "{message}");
            }
            0
        }
        Err(error) => {
            for diagnostic in error.diagnostics() {
                let _ = write!(stderr, "{}", diagnostic.render(true));
            }
            error.exit_code()
        }
    }
}

fn execute(cli: Cli) -> Result<Vec<String>, Error> {
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
            let mut messages: Vec<String> = built.warnings.iter().map(|w| w.render(true)).collect();
            let written: Vec<String> = built.written.iter().map(|p| project.shown(p)).collect();
            messages.push(format!("已生成 {}\n", written.join("、")));
            Ok(messages)
        }
    }
}

/// Renders diagnostics for a terminal, for callers that print them elsewhere.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| d.render(false)).collect()
}
