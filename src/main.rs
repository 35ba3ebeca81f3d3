use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = report::Cli::parse();
    ExitCode::from(report::run(cli))
}
