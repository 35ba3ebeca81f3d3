//! The commands a CI job and a new project use: build --all, build --check,
//! init, completions, man, watch, --version.
//!
//! Messages and `init`'s files are asserted whole; watch's output is
//! polled for the changed figure, as the rebuild comes when it comes.

use std::time::{Duration, Instant};

use crate::support::{Project, contains, repo};

/// A year with nothing but the required parts (`tests/fixtures/minimal`).
const MINIMAL: &str = include_str!("../fixtures/minimal/data/2017.yaml");

fn year(y: u16) -> String {
    MINIMAL.replace("2017-12-28", &format!("{y}-12-28"))
}

#[test]
fn build_all_builds_every_year_and_reports_every_failure() {
    let project = Project::empty();
    for y in [2015, 2016, 2017] {
        project.write(&format!("data/{y}.yaml"), &year(y));
    }
    project.write("data/2018.yaml", &year(2018).replace("work:", "wrok:"));
    project.write(
        "data/2019.yaml",
        &year(2019).replace("date: 2019-12-28", "date: 昨天"),
    );
    let output = project.report(&["build", "--all"]);
    output.failure(2);
    for y in [2015, 2016, 2017] {
        assert!(project.exists(&format!("out/{y}.md")), "{y} not built");
        assert!(project.exists(&format!("out/{y}.html")), "{y} not built");
    }
    assert!(!project.exists("out/2018.md") && !project.exists("out/2019.md"));
    contains(&output.stderr, &["不认识的键 `wrok`", "成文日期 `昨天`"]);
    insta::assert_snapshot!(output.stderr);
    assert!(
        output
            .stderr
            .contains("已生成 3 份报告：9 个文件，9 个有改动；2 份失败"),
        "{}",
        output.stderr
    );
}

#[test]
fn build_check_finds_missing_and_stale_outputs_and_writes_nothing() {
    let project = Project::example();
    let output = project.report(&["build", "2017", "--check"]);
    output.failure(1);
    contains(&output.stderr, &["缺少输出 `out/2017.md`"]);
    insta::assert_snapshot!(output.stderr);
    assert!(!project.exists("out"), "--check writes nothing");

    project.report(&["build", "2017"]).success();
    let output = project.report(&["build", "2017", "--check"]);
    output.success();
    // The report's three files and the Markdown's two charts.
    contains(&output.stderr, &["5 个输出都与数据和模板一致"]);
    insta::assert_snapshot!(output.stderr);

    let data = project
        .read("data/2017.yaml")
        .replace("value: 7200", "value: 7300");
    project.write("data/2017.yaml", &data);
    let before = project.read("out/2017.md");
    let output = project.report(&["build", "--all", "--check", "--message-format", "short"]);
    output.failure(1);
    assert!(
        output
            .stderr
            .contains("`out/2017.md` 与现在的数据和模板不一致"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    assert!(
        output.stderr.contains("    -按照") && output.stderr.contains("7300㎡"),
        "the diff shows the change: {}",
        output.stderr
    );
    assert_eq!(project.read("out/2017.md"), before);
}

#[test]
fn unchanged_outputs_are_not_rewritten() {
    let project = Project::example();
    project.report(&["build", "2017"]).success();
    let modified = |name: &str| {
        std::fs::metadata(project.path().join(name))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = modified("out/2017.md");
    std::thread::sleep(Duration::from_millis(20));
    project.report(&["build", "--all"]).success();
    assert_eq!(modified("out/2017.md"), before);
}

// The repository's committed example outputs are current: the stale check a
// CI job runs, run on this project itself.
#[test]
fn committed_example_outputs_are_current() {
    let output = crate::support::report_command()
        .current_dir(repo())
        .args(["build", "2017", "--check", "--out", "examples/generated"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "examples/generated is stale; run `cargo run -- build 2017 --out examples/generated`:\n{stderr}"
    );
}

#[test]
fn init_makes_a_project_that_builds_and_refuses_to_overwrite() {
    let project = Project::empty();
    let output = project.report(&["init", "新项目"]);
    output.success();
    for file in [
        "data/2017.yaml",
        "templates/report.md",
        "templates/report.html",
        "report.yaml",
        ".gitignore",
    ] {
        assert!(project.exists(&format!("新项目/{file}")), "{file} missing");
    }
    project.report(&["-C", "新项目", "build", "2017"]).success();
    assert!(project.exists("新项目/out/2017.html"));
    let before = project.read("新项目/templates/report.md");
    project.write("新项目/templates/report.md", "改过的模板");
    let output = project.report(&["init", "新项目"]);
    output.failure(2);
    assert_eq!(
        output.stderr,
        "错误: 这里已经有项目文件：新项目/data/2017.yaml、新项目/report.schema.json、新项目/report.yaml、新项目/.gitignore、新项目/templates/report.md、新项目/templates/report.html\n\
         提示: init 不覆盖已有的文件；换一个空目录，或先移走这些文件\n"
    );
    assert_eq!(project.read("新项目/templates/report.md"), "改过的模板");
    assert_ne!(before, "改过的模板");
}

#[test]
fn init_hint_is_one_command_that_works_as_typed() {
    // No `cd … &&` (PowerShell 5 has no `&&`); a folder with a space is quoted.
    let project = Project::empty();
    let output = project.report(&["init", "新 项目"]);
    output.success();
    let text = format!("{}{}", output.stdout, output.stderr);
    let hint = text
        .lines()
        .find_map(|line| line.strip_prefix("下一步："))
        .unwrap_or_else(|| panic!("no hint in:\n{text}"));
    assert!(!hint.contains("&&") && !hint.contains(';'), "{hint}");
    let (before, rest) = hint.split_once(" -C \"").expect("-C with a quoted folder");
    let (folder, after) = rest.split_once("\" ").expect("closing quote");
    assert_eq!(before, "report");
    let mut args = vec!["-C", folder];
    args.extend(after.split(' '));
    project.report(&args).success();
    assert!(project.exists("新 项目/out/2017.docx"));
}

#[test]
fn completions_man_and_version() {
    let project = Project::empty();
    let output = project.report(&["completions", "bash"]);
    output.success();
    contains(&output.stdout, &["_report()"]);
    let output = project.report(&["man"]);
    output.success();
    assert!(
        output.stdout.starts_with(".ie") || output.stdout.contains(".TH report"),
        "{}",
        output.stdout
    );
    let output = project.report(&["--version"]);
    output.success();
    assert_eq!(
        output.stdout.trim(),
        format!("report {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Waits until `check` holds, polling; gives up after a bounded time.
fn wait_for(what: &str, check: impl Fn() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A child process killed when the test ends, even when an assertion fails first.
struct Watching(std::process::Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_rebuilds_on_change_and_keeps_the_last_good_output() {
    let project = Project::example();
    let binary = assert_cmd::cargo::cargo_bin("report");
    let _watching = Watching(
        std::process::Command::new(binary)
            .current_dir(project.path())
            .env("LANG", "zh_CN.UTF-8")
            .args(["watch", "2017"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let md = project.path().join("out/2017.md");
    wait_for("the first build", || md.exists());
    // Give the watcher time to start after the first build.
    std::thread::sleep(Duration::from_millis(500));
    let data = project.read("data/2017.yaml");
    project.write(
        "data/2017.yaml",
        &data.replace("value: 7200", "value: 7300"),
    );
    wait_for("the rebuild", || {
        std::fs::read_to_string(&md).is_ok_and(|t| t.contains("7300㎡"))
    });
    // A broken edit: the last good output stays.
    project.write("data/2017.yaml", &data.replace("topic:", "topik:"));
    std::thread::sleep(Duration::from_millis(800));
    assert!(std::fs::read_to_string(&md).unwrap().contains("7300㎡"));
}

// What init writes says what the tool does: the data file names every
// output, and the config's commented default, uncommented, changes nothing.
#[test]
fn init_comments_are_true() {
    let project = Project::empty();
    project.report(&["init"]).success();
    let data = project.read("data/2017.yaml");
    assert!(
        data.contains("在 out/ 里生成 2017.md、2017.html 和 2017.docx（Word）"),
        "{data}"
    );
    assert!(
        !data.contains("README"),
        "an installed tool has no README beside it"
    );
    insta::assert_snapshot!("init_data", data);
    insta::assert_snapshot!("init_config", project.read("report.yaml"));
    project.report(&["build", "2017"]).success();
    let bytes = |f: &str| std::fs::read(project.path().join("out").join(f)).unwrap();
    let default: Vec<Vec<u8>> = ["2017.md", "2017.html", "2017.docx"]
        .iter()
        .map(|f| bytes(f))
        .collect();
    let config = project.read("report.yaml");
    let line = config
        .lines()
        .find(|l| l.starts_with("# formats:"))
        .expect("a formats line");
    project.write(
        "report.yaml",
        &config.replace(line, line.trim_start_matches("# ")),
    );
    std::fs::remove_dir_all(project.path().join("out")).unwrap();
    project.report(&["build", "2017"]).success();
    for (file, before) in ["2017.md", "2017.html", "2017.docx"].iter().zip(default) {
        assert!(bytes(file) == before, "{file} differs");
    }
}
