use std::process::ExitCode;

use clap::Parser;

// A report makes a few thousand small allocations (YAML nodes, template
// values); mimalloc serves them in fewer instructions than the system
// allocator (callgrind: see the README's speed section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = report::Cli::parse();
    ExitCode::from(report::run(cli))
}
