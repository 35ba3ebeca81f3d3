//! The HTML prints as a GB/T 9704 page in a real browser: A4, about 22 lines
//! of 28 characters, page numbers. Needs Debian's chromium, poppler-utils and
//! fonts-noto-cjk (installed by `.ci/run`); skipped with a message elsewhere.
//!
//! Where the browser wraps a line depends on the fonts: phrases are looked
//! for, not whole pages.

use std::path::{Path, PathBuf};

use crate::support::{Project, contains, pdf_facts, required, run};

/// Builds the project's 2017 report as a PDF by the browser route (the
/// HTML printed by the browser found, `--browser auto`); `None` where the
/// tools are missing.
fn printed(project: &Project) -> Option<PathBuf> {
    required(
        &["chromium", "chromium-browser", "google-chrome"],
        "chromium",
    )?;
    required(&["pdftotext"], "poppler-utils")?;
    project
        .report(&["build", "2017", "--format", "html,pdf", "--browser", "auto"])
        .success();
    Some(project.path().join("out/2017.pdf"))
}

// The seed year alone, so page 1 is the text layout itself; the tables and
// charts of the comparison with 2016 are checked below.
#[test]
fn example_prints_as_an_official_document() {
    let project = Project::empty();
    project.write(
        "data/2017.yaml",
        &std::fs::read_to_string(crate::support::repo().join("data/2017.yaml")).unwrap(),
    );
    let Some(pdf) = printed(&project) else { return };
    let pdf = pdf.to_str().unwrap();

    let info = run(Path::new("pdfinfo"), &[pdf]);
    contains(&info, &["(A4)"]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!((3..=8).contains(&pages), "{pages} pages");

    let text = run(Path::new("pdftotext"), &["-layout", pdf, "-"]);
    let page_texts: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(page_texts.len(), pages);
    for (index, page) in page_texts.iter().enumerate() {
        let number = format!("—{}—", index + 1);
        let squeezed: String = page.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squeezed.ends_with(&number),
            "page {} has no number {number}",
            index + 1
        );
    }

    // Page 1: the title, then the body lines.
    let title = "2017年城乡环境综合治理工作总结及2018年工作计划";
    let mut lines = page_texts[0]
        .lines()
        .map(|l| l.split_whitespace().collect::<String>())
        .filter(|l| !l.is_empty() && !l.starts_with('—'));
    let mut seen = String::new();
    for line in lines.by_ref() {
        let next = format!("{seen}{line}");
        if !title.starts_with(&next) {
            break;
        }
        seen = next;
    }
    assert_eq!(seen, title, "the title comes first");
    // Lines a page and characters a line are rules of every page of text,
    // checked both ways it is printed in `pages.rs`.
}

#[test]
fn tables_and_charts_print_too() {
    let project = Project::example();
    let Some(pdf) = printed(&project) else { return };
    let (_, squeezed) = pdf_facts(&pdf);
    for expected in [
        "2016年与2017年主要指标对比",
        "同比增长10.8%",
        // A cell may wrap between its clauses, wherever the fonts put it.
        "完成目标任务的",
        "90%，",
        "未完成",
        "6500㎡",
        "122户",
    ] {
        assert!(
            squeezed.contains(expected),
            "{expected} missing from the PDF"
        );
    }
}

// A temporary folder that cannot be made is a disk problem: the message
// says so, not “install a browser”.
#[test]
fn an_unwritable_temporary_folder_is_not_a_missing_browser() {
    if required(
        &["chromium", "chromium-browser", "google-chrome"],
        "chromium",
    )
    .is_none()
    {
        return;
    }
    let project = Project::example();
    let output = crate::support::report_command()
        .current_dir(project.path())
        .env("TMPDIR", project.path().join("no-such-folder"))
        .args(["build", "2017", "--format", "pdf", "--browser", "auto"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    contains(&stderr, &["no-such-folder"]);
    assert!(!stderr.contains("安装 Chromium"), "{stderr}");
}
