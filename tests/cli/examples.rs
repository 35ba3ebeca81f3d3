//! Every project under `examples/` builds, and its outputs match the
//! expectations it carries.

use crate::support::{Project, repo};

#[test]
fn every_example_builds() {
    let mut built = 0;
    for entry in std::fs::read_dir(repo().join("examples"))
        .unwrap()
        .flatten()
    {
        if !entry.path().join("data").is_dir() {
            continue;
        }
        let project = Project::copy_of(&entry.path());
        let years: Vec<String> = std::fs::read_dir(project.path().join("data"))
            .unwrap()
            .flatten()
            .filter_map(|e| {
                e.file_name()
                    .into_string()
                    .ok()?
                    .strip_suffix(".yaml")
                    .map(String::from)
            })
            .collect();
        for year in years {
            let output = project.report(&["build", &year]);
            assert_eq!(
                output.code,
                Some(0),
                "{}: {}",
                entry.path().display(),
                output.stderr
            );
        }
        built += 1;
    }
    assert!(built >= 2, "expected at least two example projects");
}

#[test]
fn custom_template_example_uses_its_own_markdown() {
    let project = Project::copy_of(&repo().join("examples/custom-template"));
    project.report(&["build", "2017"]).success();
    let md = project.read("成品/2017.md");
    assert!(md.contains("| 指标 | 数值 |"), "{md}");
    assert!(
        !project.exists("成品/2017.html"),
        "the config asks for Markdown only"
    );
}
