//! Gives the binary an identity for the build manifest (`src/manifest.rs`):
//! a hash of everything that decides what it renders — its sources, the
//! embedded templates, the locked dependency versions, the compiler and the
//! build settings. Hashing the binary itself at run time would cost more than
//! rendering a report (an 8 MB read per process).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use xxhash_rust::xxh3::Xxh3;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let mut files = vec![
        root.join("build.rs"),
        root.join("Cargo.toml"),
        root.join("Cargo.lock"),
    ];
    for dir in ["src", "templates"] {
        collect(&root.join(dir), &mut files);
        println!("cargo::rerun-if-changed={dir}");
    }
    for file in ["build.rs", "Cargo.toml", "Cargo.lock"] {
        println!("cargo::rerun-if-changed={file}");
    }
    files.sort();

    let mut hasher = Xxh3::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap_or(file);
        // `/` on every host, so a build on Windows has the same identity.
        field(relative.to_string_lossy().replace('\\', "/").as_bytes());
        // A missing Cargo.lock (a fresh checkout as a dependency) hashes as empty.
        field(&fs::read(file).unwrap_or_default());
    }
    for name in [
        "CARGO_PKG_VERSION",
        "PROFILE",
        "OPT_LEVEL",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_CFG_FEATURE",
    ] {
        field(std::env::var(name).unwrap_or_default().as_bytes());
    }
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version = Command::new(rustc).arg("-vV").output();
    // The target and the compiler's host are left out: the Windows binary
    // renders the same bytes as the Linux one (tests/wine/smoke.sh proves it),
    // so a report built on a clerk's PC stays current for the CI job.
    let version = version.map(|output| output.stdout).unwrap_or_default();
    let version = String::from_utf8_lossy(&version);
    for line in version.lines().filter(|line| !line.starts_with("host:")) {
        field(line.as_bytes());
    }
    println!(
        "cargo::rustc-env=REPORT_BUILD_ID={:032x}",
        hasher.digest128()
    );
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
