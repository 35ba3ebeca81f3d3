//! Every project under `examples/` builds, and its outputs match the
//! expectations it carries.
//!
//! Phrases of each format are looked for: the documents themselves are
//! pinned by each example's committed outputs (`build --all --check`).

use crate::support::{Project, contains, pdf_facts, repo, required};

/// The example projects: every folder under `examples/` with a `data/`.
fn example_projects() -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(repo().join("examples"))
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.join("data").is_dir())
        .collect();
    found.sort();
    found
}

// Every year of every example builds, unit projects (`examples/city`, whose
// years are in data/<unit>/) included, into a copy so the tree stays as
// committed.
#[test]
fn every_example_builds() {
    let projects = example_projects();
    assert!(
        projects.len() >= 7,
        "expected the example projects: {projects:?}"
    );
    for dir in projects {
        let project = Project::copy_of(&dir);
        let output = project.report(&["build", "--all"]);
        assert_eq!(output.code, Some(0), "{}: {}", dir.display(), output.stderr);
    }
}

// The one template a project customises reaches every format: the table
// `examples/custom-template` adds to its `report.md` is in the Markdown, the
// HTML, the Word file (a real `w:tbl`) and, where a browser is installed, the
// PDF.
#[test]
fn custom_template_reaches_every_format() {
    let project = Project::copy_of(&repo().join("examples/custom-template"));
    assert!(
        !project.exists("templates/report.html"),
        "the example keeps only its Markdown template"
    );
    project.report(&["build", "2017"]).success();
    let md = project.read("成品/2017.md");
    contains(&md, &["| 机械化清扫道路 | 126.5万平方米 |"]);
    let html = project.read("成品/2017.html");
    let table = html.split("<table").nth(1).expect("a table in the HTML");
    assert!(
        table.contains(r#"<caption><span class="nw">2017年</span>主要指标</caption>"#),
        "{html}"
    );
    assert!(
        table.contains(r#"<td class="number"><span class="nw">126.5万平方米</span></td>"#),
        "{html}"
    );
    let xml = crate::office::part(&project.path().join("成品/2017.docx"), "word/document.xml");
    let table = xml.split("<w:tbl>").nth(1).expect("a w:tbl in the DOCX");
    let words = crate::support::docx_text(table);
    assert!(words.contains("126.5万平方米") && words.contains("1300余个"));
    assert!(
        table.contains(r#"<w:jc w:val="right" />"#),
        "figures right-aligned"
    );
    let Some(browser) = required(
        &["chromium", "chromium-browser", "google-chrome"],
        "chromium",
    ) else {
        return;
    };
    let browser = browser.to_str().unwrap();
    project
        .report(&["build", "2017", "--format", "pdf", "--browser", browser])
        .success();
    let (_, text) = pdf_facts(&project.path().join("成品/2017.pdf"));
    assert!(text.contains("2017年主要指标") && text.contains("126.5万平方米"));
}

/// What a reader would count in one output: its tables, its charts and its
/// headings (level and words, the title excluded).
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    tables: usize,
    charts: usize,
    headings: Vec<(usize, String)>,
}

fn markdown_shape(md: &str) -> Shape {
    use comrak::nodes::NodeValue;
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    let root = comrak::parse_document(&arena, md, &options);
    let mut shape = Shape {
        tables: 0,
        charts: 0,
        headings: Vec::new(),
    };
    for node in root.descendants() {
        match &node.data.borrow().value {
            NodeValue::Table(_) => shape.tables += 1,
            // The template's `chart:KEY`, written as the picture beside it.
            NodeValue::Image(link)
                if std::path::Path::new(&link.url)
                    .extension()
                    .is_some_and(|e| e == "svg") =>
            {
                shape.charts += 1;
            }
            NodeValue::Heading(h) if h.level > 1 => {
                let words: String = node
                    .descendants()
                    .filter_map(|n| match &n.data.borrow().value {
                        NodeValue::Text(t) => Some(t.to_string()),
                        _ => None,
                    })
                    .collect();
                shape.headings.push((usize::from(h.level) - 1, words));
            }
            _ => {}
        }
    }
    shape
}

fn html_shape(html: &str) -> Shape {
    let body = html.split("<main").nth(1).expect("a main element");
    let mut headings = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        let Some(level) = rest[..1]
            .parse::<usize>()
            .ok()
            .filter(|l| (2..=5).contains(l))
        else {
            continue;
        };
        let close = format!("</h{level}>");
        let end = rest.find(&close).unwrap();
        headings.push((level - 1, crate::support::html_text(&rest[2..end])));
    }
    Shape {
        tables: body.matches("<table").count(),
        charts: body.matches("<svg").count(),
        headings,
    }
}

fn docx_shape(xml: &str) -> Shape {
    let mut headings = Vec::new();
    for paragraph in xml.split("</w:p>") {
        let Some(level) =
            (1..=4).find(|l| paragraph.contains(&format!(r#"<w:pStyle w:val="Heading{l}" />"#)))
        else {
            continue;
        };
        headings.push((level, crate::support::docx_text(paragraph)));
    }
    Shape {
        tables: xml.matches("<w:tbl>").count(),
        charts: xml.matches("<c:chart ").count(),
        headings,
    }
}

// In every example (the bundled one included) Markdown, HTML and Word show
// the same tables, charts (chart references, inline SVGs, DrawingML charts)
// and headings: they are one document.
#[test]
fn formats_agree_in_every_example() {
    let mut projects = vec![Project::example()];
    for entry in std::fs::read_dir(repo().join("examples"))
        .unwrap()
        .flatten()
    {
        if entry.path().join("data").is_dir() {
            projects.push(Project::copy_of(&entry.path()));
        }
    }
    let mut compared = 0;
    for project in &projects {
        let out = tempfile::tempdir().unwrap();
        let out_dir = out.path().to_str().unwrap();
        project
            .report(&[
                "build",
                "--all",
                "--format",
                "md,html,docx",
                "--out",
                out_dir,
            ])
            .success();
        for md in walk(out.path()).filter(|p| p.extension().is_some_and(|e| e == "md")) {
            let shape = markdown_shape(&std::fs::read_to_string(&md).unwrap());
            let html = std::fs::read_to_string(md.with_extension("html")).unwrap();
            assert_eq!(html_shape(&html), shape, "{}", md.display());
            let xml = crate::office::part(&md.with_extension("docx"), "word/document.xml");
            assert_eq!(docx_shape(&xml), shape, "{}", md.display());
            compared += 1;
        }
    }
    assert!(compared >= 6, "compared {compared} reports");
}

fn walk(dir: &std::path::Path) -> impl Iterator<Item = std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.path().is_dir() {
                stack.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files.into_iter()
}

// The examples that keep their outputs in `generated/` (docs/example.md),
// units included, are checked for staleness as `examples/generated` is, and
// pass `check` with warnings denied.
#[test]
fn examples_with_outputs_are_current_and_clean() {
    let kept: Vec<_> = example_projects()
        .into_iter()
        .filter(|dir| dir.join("generated").is_dir())
        .collect();
    assert!(kept.len() >= 5, "expected committed outputs: {kept:?}");
    for dir in kept {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        for args in [
            &["build", "--all", "--check"][..],
            &["check", "--all", "--deny", "warnings"][..],
        ] {
            let output = crate::support::report_command()
                .current_dir(&dir)
                .args(args)
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "examples/{name}: `report {}` failed; rebuild with `report build --all --project examples/{name}`:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
}
