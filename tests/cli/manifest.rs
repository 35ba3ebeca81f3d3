//! The build manifest: a report whose inputs and outputs are unchanged is not
//! rendered again, and every input a report is made from makes it render.
//!
//! Messages are asserted whole; the reports are searched for the figure a
//! test changed, before and after.

use crate::support::{Project, contains, repo, report_command};

const MANIFEST: &str = "out/.report-manifest.json";

/// Builds, changes the project with `edit`, builds again, and returns the
/// Markdown before and after (`None` when the second build failed).
fn around(project: &Project, args: &[&str], edit: impl FnOnce(&Project)) -> (String, String) {
    project.report(args).success();
    let before = project.read(&markdown(args));
    edit(project);
    project.report(args);
    let after = project.read(&markdown(args));
    (before, after)
}

fn markdown(args: &[&str]) -> String {
    match args {
        [_, year, "--unit", unit] => format!("out/{unit}/{year}.md"),
        [_, year, ..] => format!("out/{year}.md"),
        _ => unreachable!(),
    }
}

#[test]
fn a_build_records_its_outputs_and_a_second_one_repeats_the_warnings() {
    let project = Project::example();
    let args = ["build", "2017", "--message-format", "short"];
    let first = project.report(&args);
    first.success();
    contains(&first.stderr, &["house_walls"]);
    let manifest: serde_json::Value = serde_json::from_str(&project.read(MANIFEST)).unwrap();
    let outputs = &manifest["reports"]["2017"]["outputs"];
    for name in ["2017.md", "2017.html", "2017.docx"] {
        assert!(outputs[name].is_string(), "{name}: {manifest}");
    }
    let second = project.report(&args);
    second.success();
    assert_eq!(second.stderr, first.stderr);
}

// The manifest is what lets a report be skipped: an output edited by hand
// and recorded as if built is trusted; without the record it is found stale.
#[test]
fn a_report_the_manifest_shows_current_is_not_rendered() {
    let project = Project::example();
    project.report(&["build", "2017"]).success();
    let edited = project.read("out/2017.md").replace("40余处", "41余处");
    project.write("out/2017.md", &edited);
    let manifest = project.read(MANIFEST);
    let recorded = format!("{:032x}", report::manifest_hash(edited.as_bytes()));
    let old = {
        let value: serde_json::Value = serde_json::from_str(&manifest).unwrap();
        value["reports"]["2017"]["outputs"]["2017.md"]
            .as_str()
            .unwrap()
            .to_string()
    };
    project.write(MANIFEST, &manifest.replace(&old, &recorded));
    project.report(&["build", "2017", "--check"]).success();

    std::fs::remove_file(project.path().join(MANIFEST)).unwrap();
    project.report(&["build", "2017", "--check"]).failure(1);
    project.report(&["build", "2017"]).success();
    assert!(project.read("out/2017.md").contains("40余处"));
}

#[test]
fn an_output_edited_by_hand_is_rebuilt_and_found_stale() {
    let project = Project::example();
    project.report(&["build", "2017"]).success();
    let good = project.read("out/2017.html");
    project.write("out/2017.html", "edited");
    project.report(&["build", "2017", "--check"]).failure(1);
    project.report(&["build", "2017"]).success();
    assert_eq!(project.read("out/2017.html"), good);
    std::fs::remove_file(project.path().join("out/2017.docx")).unwrap();
    project.report(&["build", "2017", "--check"]).failure(1);
}

#[test]
fn this_years_data_makes_it_render() {
    let (before, after) = around(&Project::example(), &["build", "2017"], |p| {
        let data = p
            .read("data/2017.yaml")
            .replace("value: 7200", "value: 7300");
        p.write("data/2017.yaml", &data);
    });
    assert!(before.contains("7200㎡") && after.contains("7300㎡"));
}

// 2017 reports against the targets set in 2016's plan.
#[test]
fn an_earlier_years_data_makes_it_render() {
    let (before, after) = around(&Project::example(), &["build", "2017"], |p| {
        let data = p
            .read("data/2016.yaml")
            .replace("value: 8000", "value: 7200");
        p.write("data/2016.yaml", &data);
    });
    contains(&before, &["完成目标任务的90%"]);
    contains(&after, &["| 7200㎡ | 7200㎡ | 完成目标任务的100%"]);
}

#[test]
fn a_template_makes_it_render() {
    let (before, after) = around(&Project::example(), &["build", "2017"], |p| {
        p.write(
            "templates/report.md",
            "# {{ report.title }}\n\n自定义模板\n",
        );
    });
    assert!(!before.contains("自定义模板") && after.contains("自定义模板"));
}

#[test]
fn the_config_makes_it_render() {
    let project = Project::example();
    project.report(&["build", "2017"]).success();
    let before = project.read("out/2017.html");
    project.write("report.yaml", "style:\n  page_numbers: center\n");
    project.report(&["build", "2017"]).success();
    assert_ne!(project.read("out/2017.html"), before);
}

// A child's figure is part of the parent's report: the roll-up check.
#[test]
fn a_childs_data_makes_the_parent_render() {
    let project = Project::copy_of(&repo().join("examples/city"));
    project.report(&["build", "2017"]).success();
    let child = project
        .read("data/tongchuan/2017.yaml")
        .replace("value: 7200", "value: 7300");
    project.write("data/tongchuan/2017.yaml", &child);
    let output = project.report(&["build", "2017", "--unit", "dazhou"]);
    output.failure(2);
    contains(&output.stderr, &["下级单位合计为 14700㎡"]);
    insta::assert_snapshot!(output.stderr);
}

// Messages kept in the manifest are in the language they were built in.
#[test]
fn another_language_renders_the_messages_again() {
    let project = Project::example();
    project.report(&["build", "2017"]).success();
    let english = report_command()
        .current_dir(project.path())
        .env("LANG", "C")
        .args(["build", "2017"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&english.stderr);
    contains(&stderr, &["has no value"]);
    insta::assert_snapshot!(stderr);
}

/// What `build --all` leaves: its exit code, its messages without the closing
/// count (which says how many files changed), and every output's bytes.
type Outcome = (Option<i32>, Vec<String>, Vec<(String, Vec<u8>)>);

fn build_all(project: &Project) -> Outcome {
    let output = project.report(&["build", "--all", "--message-format", "short"]);
    let messages = output
        .stderr
        .lines()
        .filter(|line| !line.starts_with("已生成"))
        .map(str::to_string)
        .collect();
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(project.path().join("out"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.file_name().into_string().unwrap())
        .filter(|name| !name.starts_with('.'))
        .map(|name| {
            let bytes = std::fs::read(project.path().join("out").join(&name)).unwrap();
            (name, bytes)
        })
        .collect();
    files.sort();
    (output.code, messages, files)
}

/// The project's inputs, copied into a project that has never been built.
fn scratch_copy(project: &Project) -> Project {
    let scratch = Project::empty();
    let mut inputs = vec!["report.yaml".to_string()];
    for dir in ["data", "templates"] {
        let entries = std::fs::read_dir(project.path().join(dir));
        for entry in entries.into_iter().flatten().flatten() {
            inputs.push(format!("{dir}/{}", entry.file_name().to_string_lossy()));
        }
    }
    for relative in inputs.iter().filter(|relative| project.exists(relative)) {
        scratch.write(relative, &project.read(relative));
    }
    scratch
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]

    // Whatever happens between builds — data, last year's targets, templates,
    // config, outputs edited or deleted by hand, a broken manifest, data that
    // does not validate — a build that may skip reports leaves exactly what a
    // build from scratch leaves.
    #[test]
    fn a_build_that_skips_equals_a_build_from_scratch(
        steps in proptest::collection::vec((0u8..10, 1u32..20), 1..7)
    ) {
        let project = Project::example();
        let (this_year, last_year) = (project.read("data/2017.yaml"), project.read("data/2016.yaml"));
        let (mut figure, mut target, mut invalid) = (7200, 8000, false);
        build_all(&project);
        for (step, k) in steps {
            match step {
                0 => figure = 7000 + k * 50,
                1 => target = 7000 + k * 50,
                2 => {
                    let template = format!("# {{{{ report.title }}}}\n\n第{k}版\n");
                    project.write("templates/report.md", &template);
                }
                3 => {
                    let _ = std::fs::remove_dir_all(project.path().join("templates"));
                }
                4 => {
                    project.write("out/2017.md", "手工改过");
                }
                5 => {
                    let _ = std::fs::remove_file(project.path().join("out/2016.html"));
                }
                6 => {
                    project.write("report.yaml", "style:\n  page_numbers: center\n");
                }
                7 => {
                    project.write(MANIFEST, "{");
                }
                8 => invalid = true,
                _ => invalid = false,
            }
            let mut data = this_year.replace("value: 7200", &format!("value: {figure}"));
            if invalid {
                data.push_str("bogus: 1\n");
            }
            project.write("data/2017.yaml", &data);
            let last = last_year.replace("value: 8000", &format!("value: {target}"));
            project.write("data/2016.yaml", &last);

            let (code, messages, files) = build_all(&project);
            let (fresh_code, fresh_messages, fresh_files) = build_all(&scratch_copy(&project));
            proptest::prop_assert_eq!(code, fresh_code);
            proptest::prop_assert_eq!(messages, fresh_messages);
            // A failed report keeps its earlier outputs; one built from
            // scratch has none to keep.
            if code == Some(0) {
                proptest::prop_assert!(files == fresh_files, "step {step}: outputs differ");
            }
        }
    }
}

// The manifest only saves work: when it cannot be written the build still
// succeeds, and says that the next build will render everything again.
#[test]
fn a_manifest_that_cannot_be_written_is_a_warning() {
    let project = Project::empty();
    project.write("data/2017.yaml", crate::support::GOOD);
    std::fs::create_dir_all(project.path().join(MANIFEST)).unwrap();
    let output = project.report(&["build", "2017"]);
    output.success();
    assert!(project.exists("out/2017.md"));
    assert!(
        output.stderr.contains("警告") && output.stderr.contains("下次会全部重新生成"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
}
