//! A fixture project in a temporary folder and a way to run `report` in it.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A small valid year: every required part, one metric referred to.
pub const GOOD: &str = "topic: 测试
issuer: 某某办公室
date: 2017-12-28
metrics:
  trees:
    label: 栽植绿化树
    value: 30
    unit: 株
work:
  items:
    - heading: 绿化
      text: 栽植绿化树{trees}。
problems: {text: 问题尚多。}
plan: {text: 继续推进。}
";

/// The repository root, where `data/` holds the bundled example.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// An empty project.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    /// A copy of `source` (a folder with `data/` and maybe `templates/`).
    pub fn copy_of(source: &Path) -> Self {
        let project = Self::empty();
        copy_dir(source, project.path());
        project
    }

    /// The bundled example: the repository's `data/` (2017, and the
    /// illustrative 2016 it is compared with).
    pub fn example() -> Self {
        let project = Self::empty();
        for entry in fs::read_dir(repo().join("data")).unwrap().flatten() {
            let name = entry.file_name().into_string().unwrap();
            project.write(
                &format!("data/{name}"),
                &fs::read_to_string(entry.path()).unwrap(),
            );
        }
        project
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, contents: &str) -> &Self {
        let path = self.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
        self
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("reading {relative}: {e}"))
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.path().join(relative).exists()
    }

    /// `report ARGS` run inside the project, with a scrubbed environment.
    pub fn report(&self, args: &[&str]) -> Output {
        let output = report_command()
            .current_dir(self.path())
            .args(args)
            .output()
            .expect("running report");
        Output {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// The binary with nothing from the caller's environment that changes output.
pub fn report_command() -> Command {
    let mut command = Command::cargo_bin("report").expect("binary built");
    command
        .env_remove("CLICOLOR_FORCE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0");
    command
}

#[derive(Debug)]
pub struct Output {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(
            self.code,
            Some(0),
            "expected success, stderr:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failure(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "stderr:\n{}", self.stderr);
        self
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A program on `PATH`, or `None` with a message saying what to install. In CI
/// a missing program is a failure, not a skip: `.ci/run` installs them.
pub fn required(names: &[&str], package: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs {package} (see .ci/run)"
        );
        eprintln!("skipped: needs {package} (apt-get install {package})");
    }
    found
}

/// Runs a program that must succeed; its standard output.
pub fn run(program: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{} failed: {}",
        program.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A PDF's page size line from `pdfinfo` and its text with all white space
/// removed (CJK text extracts with stray spaces), from poppler-utils.
pub fn pdf_facts(pdf: &Path) -> (String, String) {
    let pdf = pdf.to_str().unwrap();
    let info = run(Path::new("pdfinfo"), &[pdf]);
    let text = run(Path::new("pdftotext"), &[pdf, "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    (info, text)
}
