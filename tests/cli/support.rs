//! A fixture project in a temporary folder and a way to run `report` in it.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A small valid year: every required part, one metric referred to
/// (`tests/fixtures/good`).
pub const GOOD: &str = include_str!("../fixtures/good/data/2017.yaml");

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

    /// A copy of `tests/fixtures/NAME`.
    pub fn fixture(name: &str) -> Self {
        Self::copy_of(&repo().join("tests/fixtures").join(name))
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
/// removed, line by line in reading order (poppler-utils). Page numbers are
/// left out.
pub fn pdf_facts(pdf: &Path) -> (String, String) {
    let info = run(Path::new("pdfinfo"), &[pdf.to_str().unwrap()]);
    let text = pdf_lines(pdf)
        .iter()
        .flatten()
        .map(|line| line.text.as_str())
        .collect();
    (info, text)
}

/// A line of printed text: words at one height, left to right.
#[derive(Debug)]
pub struct Line {
    /// The vertical centre of its first word.
    pub centre: f64,
    pub left: f64,
    pub right: f64,
    /// The lowest box of its Chinese words: the font size (Latin words and
    /// headings in other faces have taller boxes).
    pub height: f64,
    pub text: String,
}

/// A word's box (left, top, right, bottom) and text.
type Word = (f64, f64, f64, f64, String);

/// The text lines of each page of `pdf`, page numbers left out.
pub fn pdf_pages(pdf: &Path) -> Vec<Vec<Line>> {
    pdf_lines(pdf)
        .into_iter()
        .map(|page| {
            page.into_iter()
                .filter(|l| !is_page_number(&l.text))
                .collect()
        })
        .collect()
}

/// The text lines of each page of `pdf`, page numbers included.
pub fn pdf_lines(pdf: &Path) -> Vec<Vec<Line>> {
    let xml = run(
        Path::new("pdftotext"),
        &["-bbox-layout", pdf.to_str().unwrap(), "-"],
    );
    let mut pages = Vec::new();
    for page in xml.split("<page ").skip(1) {
        let mut words: Vec<Word> = Vec::new();
        for word in page.split("<word ").skip(1) {
            let attribute = |name: &str| -> f64 {
                let start = word.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                word[start..start + word[start..].find('"').unwrap()]
                    .parse()
                    .unwrap()
            };
            let text = &word[word.find('>').unwrap() + 1..word.find("</word>").unwrap()];
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            words.push((
                attribute("xMin"),
                attribute("yMin"),
                attribute("xMax"),
                attribute("yMax"),
                text,
            ));
        }
        // Words of one line share a vertical centre (fonts of different
        // scripts have different boxes around the same baseline).
        words.sort_by(|a, b| (a.1 + a.3).total_cmp(&(b.1 + b.3)));
        let mut lines: Vec<(f64, Vec<Word>)> = Vec::new();
        for word in words {
            let centre = f64::midpoint(word.1, word.3);
            match lines.last_mut() {
                Some((at, line)) if (centre - *at).abs() < 6.0 => line.push(word),
                _ => lines.push((centre, vec![word])),
            }
        }
        let page: Vec<Line> = lines
            .into_iter()
            .map(|(centre, mut words)| {
                words.sort_by(|a, b| a.0.total_cmp(&b.0));
                Line {
                    centre,
                    left: words.iter().map(|w| w.0).fold(f64::MAX, f64::min),
                    right: words.iter().map(|w| w.2).fold(f64::MIN, f64::max),
                    height: words
                        .iter()
                        .filter(|w| !w.4.is_ascii())
                        .map(|w| w.3 - w.1)
                        .fold(f64::MAX, f64::min),
                    text: words
                        .iter()
                        .map(|w| w.4.as_str())
                        .collect::<String>()
                        .replace(['\u{2060}', ' '], ""),
                }
            })
            .collect();
        pages.push(page);
    }
    pages
}

pub fn is_page_number(text: &str) -> bool {
    let inner = text.trim_start_matches('—').trim_end_matches('—');
    text.starts_with('—') && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
}

/// An HTML page's text, tags left out.
pub fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// A Word document's text (`word/document.xml`): the runs of each paragraph
/// joined, paragraphs on their own lines, word joiners left out.
pub fn docx_text(xml: &str) -> String {
    xml.split("</w:p>")
        .map(|paragraph| {
            paragraph
                .split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .map(|t| &t[..t.find("</w:t>").unwrap_or(t.len())])
                .collect::<String>()
                .replace('\u{2060}', "")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts that `text` (a message, a rendered page) holds every one of
/// `needles`, and prints the whole text when it does not. It says what a
/// test is about; a message is also asserted whole (a snapshot), and a
/// document is pinned whole elsewhere (build.rs, the examples' outputs).
#[track_caller]
pub fn contains(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
    }
}

/// Whether Python can import `module`; CI installs it (`.ci/run`), so there
/// a missing one is a failure, elsewhere a skip that says what to install.
pub fn python_module(module: &str) -> bool {
    let found = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: {module} is not installed (pip install {module})");
        assert!(std::env::var_os("CI").is_none(), "CI installs {module}");
    }
    found
}
