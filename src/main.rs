use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = report::cli::parse();
    report::run(cli).into()
}
