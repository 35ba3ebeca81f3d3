//! Bad input is a test case: each message says what, where and what to do,
//! and the exit code is 2. Message texts are pinned by snapshots.
//!
//! The few tests that look for a phrase read a built document, not a
//! message: the documents are pinned whole in build.rs.

use std::fmt::Write as _;

use crate::support::{GOOD, Project, contains};

fn failing(data: &str) -> String {
    let project = Project::empty();
    project.write("data/2017.yaml", data);
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    assert!(!project.exists("out"), "nothing may be written on error");
    output.stderr
}

#[test]
fn the_fixture_itself_builds() {
    let project = Project::fixture("good");
    project.report(&["build", "2017"]).success();
    assert!(project.read("out/2017.md").contains("栽植绿化树30株。"));
}

#[test]
fn yaml_syntax_error_names_the_line() {
    let stderr = failing(&GOOD.replace("issuer: 某某办公室", "issuer: \"某某办公室"));
    insta::assert_snapshot!(stderr);
}

#[test]
fn unknown_metric_reference() {
    let stderr = failing(&GOOD.replace("{trees}", "{tres}"));
    contains(&stderr, &["data/2017.yaml:12:"]);
    insta::assert_snapshot!(stderr);
}

// Every brace that is not a reference is an error where it was typed, in
// `check` as in `build`; `{{` and `}}` print a brace.
#[test]
fn braces_that_are_no_reference_are_errors() {
    let text = "栽植绿化树{trees}、{trees.Share}、{ trees }、{trees.change}、{tres}。";
    let data = GOOD.replace("栽植绿化树{trees}。", text);
    let stderr = failing(&data);
    let project = Project::empty();
    project.write("data/2017.yaml", &data);
    let check = project.report(&["check", "2017"]);
    check.failure(1);
    assert_eq!(check.stderr.lines().next(), stderr.lines().next());
    contains(
        &stderr,
        &[
            "data/2017.yaml:12:26",
            "{trees.share}",
            "data/2017.yaml:12:40",
            "写成 {trees}",
            "data/2017.yaml:12:50",
            "change: 12.5",
            "data/2017.yaml:12:65",
            "{trees}？",
        ],
    );
    insta::assert_snapshot!(stderr);
    let project = Project::empty();
    project.write(
        "data/2017.yaml",
        &GOOD.replace("栽植绿化树{trees}。", "栽植绿化树{trees}（见{{附表}}）。"),
    );
    project
        .report(&["build", "2017", "--format", "md"])
        .success();
    contains(
        &project.read("out/2017.md"),
        &["栽植绿化树30株（见{附表}）。"],
    );
}

#[test]
fn unknown_key_suggests_the_near_one() {
    let stderr = failing(&GOOD.replace("    unit: 株", "    unti: 株"));
    insta::assert_snapshot!(stderr);
}

#[test]
fn duplicate_key_at_its_own_line() {
    let stderr = failing(&format!("{GOOD}topic: 又一个\n"));
    contains(&stderr, &["data/2017.yaml:15:1", "`topic` 重复"]);
    insta::assert_snapshot!("duplicate_key", stderr);
}

#[test]
fn number_written_as_text() {
    let stderr = failing(&GOOD.replace("value: 30", "value: 30余"));
    contains(&stderr, &["approx: true"]);
    insta::assert_snapshot!("number_as_text", stderr);
    let stderr = failing(&GOOD.replace("value: 30", "value: ３０"));
    contains(&stderr, &["value: 30"]);
    let stderr = failing(&GOOD.replace("value: 30", "value: 2万"));
    contains(&stderr, &["20000"]);
}

#[test]
fn referencing_an_unknown_figure_is_an_error() {
    let stderr = failing(&GOOD.replace("value: 30", "value: ~"));
    contains(&stderr, &["指标 `trees` 没有数值", "data/2017.yaml:12:"]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn missing_value_is_an_error() {
    let stderr = failing(&GOOD.replace("    value: 30\n", ""));
    contains(&stderr, &["缺少 value"]);
    insta::assert_snapshot!("missing_value", stderr);
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let data = GOOD
        .replace("{trees}", "{a}{b}")
        .replace("date: 2017-12-28", "date: 2017年12月28日");
    let stderr = failing(&data);
    assert!(
        stderr.contains("`a`") && stderr.contains("`b`") && stderr.contains("成文日期"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn too_deep_nesting() {
    let data = GOOD.replace(
        "      text: 栽植绿化树{trees}。",
        "      items:\n        - heading: 三\n          items:\n            - heading: 四\n              items:\n                - heading: 五\n",
    );
    let stderr = failing(&data);
    contains(&stderr, &["层级太深", "data/2017.yaml:17:"]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn empty_item() {
    let stderr = failing(&GOOD.replace(
        "    - heading: 绿化\n      text: 栽植绿化树{trees}。",
        "    - {}",
    ));
    contains(&stderr, &["空的条目"]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn bad_metric_key() {
    let stderr = failing(&GOOD.replace("  trees:", "  绿化树:").replace("{trees}", ""));
    contains(&stderr, &["指标名 `绿化树` 不合规"]);
    insta::assert_snapshot!("bad_metric_key", stderr);
}

#[test]
fn year_in_file_must_match_the_name() {
    let stderr = failing(&format!("year: 2016\n{GOOD}"));
    contains(&stderr, &["文件名是 2017 年"]);
    insta::assert_snapshot!("year_mismatch", stderr);
}

#[test]
fn not_utf8_says_how_to_convert() {
    // The file as Windows Notepad saves it as “ANSI” on a Chinese system:
    // said to be GBK, and the line shown as the clerk typed it.
    let project = Project::empty();
    let (gbk, _, _) = encoding_rs::GBK.encode(GOOD);
    std::fs::create_dir_all(project.path().join("data")).unwrap();
    std::fs::write(project.path().join("data/2017.yaml"), &gbk).unwrap();
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(
        &output.stderr,
        &["是 GBK（ANSI）编码的", "data/2017.yaml:1:8", "topic: 测试"],
    );
    insta::assert_snapshot!("gbk", output.stderr);

    // Bytes that are neither UTF-8 nor GBK: "办公室" in GBK inside UTF-8.
    let mut bytes = GOOD.as_bytes().to_vec();
    let at = GOOD.find("办公室").unwrap();
    bytes.splice(at..at + 9, [0xB0, 0xEC, 0xB9, 0xAB, 0xCA, 0xD2]);
    std::fs::write(project.path().join("data/2017.yaml"), bytes).unwrap();
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["不是 UTF-8", "data/2017.yaml:2:11"]);
    insta::assert_snapshot!("not_utf8", output.stderr);
}

#[test]
fn bom_and_crlf_are_accepted() {
    let project = Project::empty();
    project.write(
        "data/2017.yaml",
        &format!("\u{feff}{}", GOOD.replace('\n', "\r\n")),
    );
    project.report(&["build", "2017"]).success();
    assert!(project.read("out/2017.md").contains("栽植绿化树30株。"));
}

#[test]
fn missing_year_lists_the_years_there_are() {
    let project = Project::empty();
    project
        .write("data/2016.yaml", GOOD)
        .write("data/2017.yaml", GOOD);
    let output = project.report(&["build", "2018"]);
    output.failure(2);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn year_arguments_cannot_name_paths() {
    let project = Project::fixture("good");
    for bad in [
        "../../etc/passwd",
        "2017/../x",
        "99999",
        "２０１７",
        "2017.yaml",
    ] {
        let output = project.report(&["build", bad]);
        output.failure(2);
        assert!(
            output.stderr.contains("四位半角数字"),
            "{bad}: {}",
            output.stderr
        );
        insta::assert_snapshot!(output.stderr);
    }
    assert!(!project.exists("out"));
}

#[test]
fn template_error_names_template_and_line() {
    let project = Project::fixture("good");
    project.write(
        "templates/report.md",
        "# {{ report.title }}\n\n{{ report.nope }}\n",
    );
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["templates/report.md:3:"]);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn template_syntax_error() {
    let project = Project::fixture("good");
    project.write("templates/report.html", "<p>{% if %}</p>\n");
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(
        &output.stderr,
        &["templates/report.html:1:", "模板语法错误"],
    );
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn failed_build_keeps_previous_outputs() {
    let project = Project::fixture("good");
    project.report(&["build", "2017"]).success();
    let before = project.read("out/2017.md");
    project.write("templates/report.html", "{{ nope }}");
    project.report(&["build", "2017"]).failure(2);
    assert_eq!(
        project.read("out/2017.md"),
        before,
        "a template error in one format must not touch the others"
    );
}

#[test]
fn out_that_is_a_file() {
    let project = Project::fixture("good");
    project.write("out", "I am a file");
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["无法写入"]);
    insta::assert_snapshot!(output.stderr);
    // Says what is wrong, not the system's “File exists”.
    contains(&output.stderr, &["是一个文件，不是文件夹"]);
    assert_eq!(project.read("out"), "I am a file");
}

// A report's outputs are published as one set: a folder where 2017.html
// should go fails the build and leaves 2017.md as it was, not new beside an
// old HTML.
#[test]
fn a_failed_write_leaves_the_whole_old_set() {
    let project = Project::fixture("good");
    project
        .report(&["build", "2017", "--format", "md"])
        .success();
    let before = project.read("out/2017.md");
    std::fs::create_dir(project.path().join("out/2017.html")).unwrap();
    project.write("data/2017.yaml", &GOOD.replace("value: 30", "value: 31"));
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["2017.html"]);
    insta::assert_snapshot!(output.stderr);
    assert_eq!(project.read("out/2017.md"), before);
    assert!(!project.exists("out/2017.docx"));
}

// What a killed build left behind is cleared by the next build, and a
// publication it left half done is finished.
#[test]
fn leftovers_of_a_killed_build_are_cleared() {
    let project = Project::fixture("good");
    project.report(&["build", "2017"]).success();
    project
        .write("out/.report-k1ll3d.tmp", "half a report")
        .write("out/.report-2017.md.old", "a backup");
    project.report(&["build", "2017"]).success();
    assert!(!project.exists("out/.report-k1ll3d.tmp"));
    assert!(!project.exists("out/.report-2017.md.old"));
}

// Two builds with different data into one folder take turns: whichever
// finishes last, md, html and docx all come from the same data.
#[test]
fn concurrent_builds_never_mix_their_outputs() {
    let shared = tempfile::tempdir().unwrap();
    let out = shared.path().to_str().unwrap().to_string();
    let projects: Vec<Project> = [30, 31]
        .iter()
        .map(|value| {
            let project = Project::empty();
            project.write(
                "data/2017.yaml",
                &GOOD.replace("value: 30", &format!("value: {value}")),
            );
            project
        })
        .collect();
    for _ in 0..5 {
        let children: Vec<std::process::Child> = projects
            .iter()
            .map(|project| {
                std::process::Command::new(env!("CARGO_BIN_EXE_report"))
                    .current_dir(project.path())
                    .args(["build", "2017", "--out", &out])
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
        let md = std::fs::read_to_string(shared.path().join("2017.md")).unwrap();
        let html = std::fs::read_to_string(shared.path().join("2017.html")).unwrap();
        let docx = crate::support::docx_text(&crate::office::part(
            &shared.path().join("2017.docx"),
            "word/document.xml",
        ));
        let figure = if md.contains("31株") {
            "31株"
        } else {
            "30株"
        };
        assert!(
            html.contains(figure) && docx.contains(figure),
            "mixed outputs"
        );
    }
}

#[test]
fn no_such_project() {
    let project = Project::empty();
    let output = project.report(&["-C", "nowhere", "build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["不存在"]);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn hostile_yaml_is_refused_quickly() {
    let mut bomb = String::from(
        "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(",");
        writeln!(bomb, "a{i}: &a{i} [{refs}]").unwrap();
    }
    let stderr = failing(&bomb);
    contains(&stderr, &["错误"]);
    insta::assert_snapshot!("alias_bomb", stderr);
    let deep = format!("topic: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let stderr = failing(&deep);
    contains(&stderr, &["错误"]);
    insta::assert_snapshot!("deep_nesting", stderr);
}

#[test]
fn empty_file_and_top_level_list() {
    let cases = ["", "# 只有注释\n", "- a\n- b\n", "就一个值\n"];
    let stderr: Vec<String> = cases.iter().map(|data| failing(data)).collect();
    assert!(stderr[0].contains("文件是空的"));
    assert!(stderr[1].contains("文件是空的"));
    assert!(stderr[2].contains("“键: 值”"));
    assert!(stderr[3].contains("错误"));
    let whole: Vec<String> = cases
        .iter()
        .zip(&stderr)
        .map(|(data, stderr)| format!("── {data:?}\n{stderr}"))
        .collect();
    insta::assert_snapshot!(whole.join("\n"));
}

#[test]
fn missing_required_key() {
    let stderr = failing(&GOOD.replace("issuer: 某某办公室\n", ""));
    contains(&stderr, &["缺少必填的键 `issuer`"]);
    insta::assert_snapshot!("missing_required_key", stderr);
}

// Messages follow the locale: English where it is not Chinese.
#[test]
fn english_locale_gets_english_messages() {
    let project = Project::empty();
    project.write("data/2017.yaml", &GOOD.replace("{trees}", "{tres}"));
    let output = crate::support::report_command()
        .current_dir(project.path())
        .env("LANG", "en_US.UTF-8")
        .args(["build", "2017"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    contains(
        &stderr,
        &[
            "error: no metric named `tres`",
            "help: did you mean {trees}?",
        ],
    );
    let output = crate::support::report_command()
        .current_dir(project.path())
        .env("LC_ALL", "zh_CN.UTF-8")
        .env("LANG", "en_US.UTF-8")
        .args(["build", "2017"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("没有名为 `tres` 的指标"));
}

// A data file cannot drive the terminal: control characters in text are an
// error, and the message shows them escaped, never raw.
#[test]
fn control_characters_are_refused_and_shown_escaped() {
    let data = GOOD.replace("栽植绿化树{trees}。", "\"栽植\\e[31m绿化树{trees}。\"");
    let stderr = failing(&data);
    contains(&stderr, &["控制字符 U+001B"]);
    assert!(
        !stderr.contains('\u{1b}'),
        "raw ESC reached the terminal: {stderr:?}"
    );
    insta::assert_snapshot!(stderr);
}

// U+FFFE in a text field once made a .docx that would not open; check found
// nothing. Written as a YAML escape it reaches the loader, which refuses it.
#[test]
fn noncharacters_are_refused_before_they_reach_a_word_file() {
    let data = GOOD.replace("栽植绿化树{trees}。", "\"栽植\\uFFFE绿化树{trees}。\"");
    let stderr = failing(&data);
    contains(&stderr, &["U+FFFE", "data/2017.yaml:12:"]);
    insta::assert_snapshot!(stderr);
    let project = Project::empty();
    project.write("data/2017.yaml", &data);
    project.report(&["check", "2017"]).failure(1);
}

// A template that is a folder (or a pipe, a device) was once passed over for
// the built-in one without a word: the project's table vanished.
#[test]
fn a_template_that_is_no_file_is_refused() {
    let project = Project::copy_of(&crate::support::repo().join("examples/custom-template"));
    std::fs::remove_file(project.path().join("templates/report.md")).unwrap();
    std::fs::create_dir(project.path().join("templates/report.md")).unwrap();
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["templates/report.md", "不是普通文件"]);
    insta::assert_snapshot!(output.stderr);
    assert!(
        !project.exists("成品/2017.md"),
        "nothing is built with the built-in template instead"
    );
}

// 1e-400 underflows to 0 and was printed as “0株”.
#[test]
fn a_figure_that_underflows_is_refused() {
    let stderr = failing(&GOOD.replace("value: 30", "value: 1e-400"));
    contains(&stderr, &["1e-400", "data/2017.yaml:7:"]);
    insta::assert_snapshot!(stderr);
}

// A build writes and replaces files in its output folder: not the data or
// templates folder, not the root.
#[test]
fn the_output_folder_cannot_be_an_input_or_the_root() {
    let project = Project::fixture("good");
    std::fs::create_dir(project.path().join("templates")).unwrap();
    for out in ["data", "templates", "./data/", "/"] {
        let output = project.report(&["build", "2017", "--out", out]);
        output.failure(2);
        contains(&output.stderr, &["输出文件夹不能是"]);
        insta::assert_snapshot!(output.stderr);
    }
    assert_eq!(
        std::fs::read_dir(project.path().join("data"))
            .unwrap()
            .count(),
        1,
        "nothing written into data/"
    );
    project.report(&["build", "2017", "--out", "out"]).success();
}

#[test]
fn utf16_nul_and_oversized_files() {
    let project = Project::empty();
    std::fs::create_dir_all(project.path().join("data")).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(GOOD.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(project.path().join("data/2017.yaml"), utf16).unwrap();
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["UTF-16"]);
    insta::assert_snapshot!(output.stderr);

    std::fs::write(project.path().join("data/2017.yaml"), "topic: a\0b\n").unwrap();
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["NUL"]);
    insta::assert_snapshot!(output.stderr);

    // 50 MB (sparse, so the test writes almost nothing): refused by size
    // before it is read.
    let file = std::fs::File::create(project.path().join("data/2017.yaml")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["超过了数据文件的上限"]);
    insta::assert_snapshot!(output.stderr);

    // A 20 MB string in an otherwise good file.
    let huge = format!("{GOOD}intro: \"{}\"\n", "长".repeat(7 * 1024 * 1024));
    project.write("data/2017.yaml", &huge);
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["超过了数据文件的上限"]);
    insta::assert_snapshot!(output.stderr);
}

// A read-only output folder: a clear error, the previous output unchanged,
// no temporary file left. (Skipped where the user can write anyway, as root can.)
#[test]
fn read_only_out_keeps_the_previous_output() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::fixture("good");
    project.report(&["build", "2017"]).success();
    let before = project.read("out/2017.md");
    let out = project.path().join("out");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(out.join("probe"), "x").is_ok() {
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: this user can write to a read-only folder (root)");
        return;
    }
    project.write("data/2017.yaml", &GOOD.replace("30", "31"));
    let output = project.report(&["build", "2017"]);
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
    output.failure(2);
    contains(&output.stderr, &["无法写入", "没有权限"]);
    insta::assert_snapshot!(output.stderr);
    assert_eq!(project.read("out/2017.md"), before);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
}

// A build killed at any moment leaves each output either as it was or as it
// should be, never half-written: outputs are renamed into place whole.
#[test]
fn killed_build_never_leaves_a_half_written_output() {
    let project = Project::fixture("good");
    project.report(&["build", "2017"]).success();
    let old = project.read("out/2017.md");
    // A large text makes the build take long enough to be killed mid-way.
    let long = format!("{GOOD}intro: \"{}\"\n", "导语。".repeat(300_000));
    project.write("data/2017.yaml", &long);
    let binary = assert_cmd::cargo::cargo_bin("report");
    let mut outcomes = std::collections::BTreeSet::new();
    for delay in [0, 2, 5, 10, 20, 40, 80, 160] {
        let mut child = std::process::Command::new(&binary)
            .current_dir(project.path())
            .args(["build", "2017"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let now = project.read("out/2017.md");
        assert!(
            now == old || now.ends_with("2017年12月28日\n"),
            "a half-written output after {delay} ms"
        );
        outcomes.insert(now == old);
        // Start again from the old output.
        std::fs::write(project.path().join("out/2017.md"), &old).unwrap();
    }
    assert!(!outcomes.is_empty());
}

// A zero-width space typed into a key is shown, so the message makes sense.
#[test]
fn invisible_characters_in_keys_are_shown() {
    let project = Project::empty();
    project.write(
        "data/2017.yaml",
        &crate::support::GOOD.replace("topic:", "topic\u{200B}:"),
    );
    let output = project.report(&["check", "2017"]);
    output.failure(1);
    contains(&output.stderr, &["topic<U+200B>"]);
    insta::assert_snapshot!(output.stderr);
}

// A year outside 1949–2100 is refused with the range as the reason.
#[test]
fn years_outside_the_range_are_refused() {
    let project = Project::empty();
    for year in ["9999", "0001"] {
        project.write(&format!("data/{year}.yaml"), crate::support::GOOD);
        let output = project.report(&["build", year]);
        output.failure(2);
        contains(&output.stderr, &["1949–2100"]);
        insta::assert_snapshot!(output.stderr);
    }
    // build --all does not build them either.
    let output = project.report(&["build", "--all"]);
    assert_ne!(output.code, Some(0));
    assert!(!project.exists("out/9999.md"));
}

// Only regular files are read: a FIFO as the year file would hang a build
// forever, a link to /dev/zero would fill memory.
#[cfg(unix)]
#[test]
fn special_files_are_refused_not_read() {
    let project = Project::empty();
    std::fs::create_dir_all(project.path().join("data")).unwrap();
    let fifo = project.path().join("data/2017.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        for (command, code) in [("check", 1), ("build", 2)] {
            let output = project.report(&[command, "2017"]);
            output.failure(code);
            contains(&output.stderr, &["不是普通文件"]);
            insta::assert_snapshot!(output.stderr);
        }
        std::fs::remove_file(&fifo).unwrap();
    }
    std::os::unix::fs::symlink("/dev/zero", &fifo).unwrap();
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["不是普通文件"]);
    insta::assert_snapshot!(output.stderr);
}

// Templates that would silently thin the report: an empty one, a misspelt
// file name, a condition on a variable that does not exist.
#[test]
fn templates_that_would_thin_the_report_are_caught() {
    let project = Project::fixture("good");
    project.write("templates/report.md", "\n");
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    contains(&output.stderr, &["templates/report.md 是空的"]);
    insta::assert_snapshot!(output.stderr);
    assert!(!project.exists("out"));

    let project = Project::fixture("good");
    for name in ["report.md.tera", "report.MD", "report.md "] {
        project.write(&format!("templates/{name}"), "# {{ report.title }}\n");
    }
    let output = project.report(&["build", "2017"]);
    output.success();
    for name in ["report.md.tera", "report.MD", "report.md "] {
        assert!(
            output
                .stderr
                .contains(&format!("`templates/{name}` 不是模板")),
            "{name}: {}",
            output.stderr
        );
        insta::assert_snapshot!(output.stderr);
    }
    contains(&output.stderr, &["是不是想写 report.md"]);

    let project = Project::fixture("good");
    project.write(
        "templates/report.md",
        "# {{ report.title }}\n\n{% if no_such_flag %}甲{% endif %}\n",
    );
    let output = project.report(&["build", "2017", "--message-format", "short"]);
    output.failure(2);
    assert!(
        output
            .stderr
            .contains("templates/report.md:3:7: 错误: 模板用到了不存在的变量 `no_such_flag`"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
}

// Messages that cannot be written fail the run: a CI job that sends them to
// a full disk must not read exit 0 and no findings.
#[cfg(target_os = "linux")]
#[test]
fn unwritable_messages_fail_the_run() {
    let project = Project::fixture("good");
    for (args, to_stdout) in [
        (&["check", "2017", "--message-format", "json"][..], true),
        (&["check", "2017"][..], false),
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_report"));
        command
            .current_dir(project.path())
            .args(args)
            .env("LANG", "zh_CN.UTF-8");
        if to_stdout {
            command.stdout(full);
        } else {
            command.stderr(full);
        }
        let status = command.status().unwrap();
        assert_eq!(status.code(), Some(2), "{args:?}");
    }
    // Help and the schema that do not arrive fail too, and say so on the
    // standard error.
    for args in [&["--help"][..], &["build", "--help"], &["schema"]] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_report"))
            .current_dir(project.path())
            .args(args)
            .env("LANG", "zh_CN.UTF-8")
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("无法写出"), "{args:?}: {stderr}");
    }
    // A build whose messages cannot be written still publishes its
    // outputs whole, and exits 2, as README says: `build --check` then
    // tells whether they are current.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_report"))
        .current_dir(project.path())
        .args(["build", "2017"])
        .env("LANG", "zh_CN.UTF-8")
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    project.report(&["build", "2017", "--check"]).success();
}

// A text file with nothing in it is no report: import refuses it, and
// writes nothing.
#[test]
fn an_empty_text_file_is_not_imported() {
    let project = Project::empty();
    project.write("old.txt", "\n  \n\n");
    let output = project.report(&["import", "old.txt", "--year", "2019"]);
    output.failure(2);
    assert!(output.stderr.contains("里没有文字"), "{}", output.stderr);
    insta::assert_snapshot!(output.stderr);
    assert!(!project.exists("data/2019.yaml"));
}

// Two YAML documents in one file: the message names them and points at the
// `---` that starts the second.
#[test]
fn two_documents_in_one_file_point_at_the_separator() {
    let project = Project::empty();
    project.write("data/2017.yaml", &format!("{GOOD}---\ntopic: 第二份\n"));
    let output = project.report(&["check", "2017", "--message-format", "short"]);
    output.failure(1);
    assert!(
        output
            .stderr
            .contains("data/2017.yaml:15:1: 错误: 一个文件里有两份 YAML 文档"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
}

// One snapshot per class of message, so a change of wording in any of them is
// seen in review, not only the classes the tests above pin by fragments.
#[test]
fn each_class_of_message_is_pinned() {
    // The classes not pinned by a test of their own above.
    let data_errors = [
        ("yaml_tag", GOOD.replace("value: 30", "value: !!str 30")),
        (
            "bad_date",
            GOOD.replace("date: 2017-12-28", "date: 2017年12月28日"),
        ),
        ("top_level_list", "- a\n- b\n".to_owned()),
    ];
    for (class, data) in data_errors {
        insta::assert_snapshot!(class, failing(&data));
    }

    let project = Project::fixture("good");
    project.write("report.yaml", "formts: [md]\n");
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    insta::assert_snapshot!("config_unknown_key", output.stderr);

    let project = Project::fixture("good");
    project.write(
        "data/2017.yaml",
        &GOOD.replace("problems: {text: 问题尚多。}\n", ""),
    );
    let output = project.report(&["check", "2017", "--deny", "warnings"]);
    output.failure(1);
    insta::assert_snapshot!("missing_part", output.stderr);
}
