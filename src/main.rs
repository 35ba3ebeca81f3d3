use std::process::ExitCode;

// The run allocates many small strings (template text, XML, YAML nodes); mimalloc
// serves them in a fraction of glibc malloc's instructions (docs/speed.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = report::parse();
    report::run(cli).into()
}
