use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = report::cli::parse();
    ExitCode::from(report::run(cli))
}
