//! Every printed figure knows where it came from: each lint points at the
//! character of the data file (or the template) it is about, and
//! `report figures` lists every figure with its source.

use crate::support::{Project, repo};

/// A data file whose `work` is `items`, with `intro` as a block scalar.
fn data(intro: &str, items: &str) -> String {
    format!(
        "topic: 测试\nissuer: 某某办公室\ndate: 2017-12-28\nintro: |\n  {intro}\nmetrics:\n  trees:\n    label: 栽植绿化树\n    value: 30\n    unit: 株\nwork:\n  items:\n{items}problems: {{text: 问题尚多。}}\nplan: {{text: 继续推进。}}\n"
    )
}

/// `check` on `text`, short messages.
fn checked(text: &str) -> String {
    let project = Project::fixture("good");
    project.write("data/2017.yaml", text);
    project
        .report(&["check", "2017", "--message-format", "short"])
        .stderr
}

// Each lint's trigger typed into a data file: the message names the line
// and column of the character it is about, never the Markdown.
#[test]
fn every_lint_points_where_its_trigger_was_typed() {
    let item = |text: &str| format!("    - heading: 绿化\n      text: {text}\n");
    let mut whole = Vec::new();
    for (intro, items, expected) in [
        // Half-width punctuation, in an item and in a block scalar's
        // indented line.
        (
            "近年来，全区。",
            item("栽植绿化树{trees},共计。"),
            "data/2017.yaml:14:25: 警告: 中文里用了半角的“,”",
        ),
        (
            "近年来,全区。",
            item("栽植。"),
            "data/2017.yaml:5:6: 警告: 中文里用了半角的“,”",
        ),
        // A placeholder typed twice: the second where it is.
        (
            "近年来XX全区。",
            item("栽植XX株。"),
            "data/2017.yaml:14:15: 错误: 报告里还有占位符“XX”",
        ),
        (
            "近年来，全区。",
            item("数字待补充。"),
            "data/2017.yaml:14:15: 错误: 报告里还有占位符“待补充”",
        ),
        // A figure printed as zeros.
        (
            "近年来，全区。",
            item("美化外墙00㎡。"),
            "data/2017.yaml:14:17: 错误: “00㎡。”处的数字是一串 0",
        ),
        // A heading with a typed number, and one with nothing else.
        (
            "近年来，全区。",
            "    - heading: 1.绿化\n      text: 栽植。\n".to_string(),
            "data/2017.yaml:13:16: 错误: 标题里手写了序号“1.”",
        ),
        (
            "近年来，全区。",
            "    - heading: （一）\n      text: 栽植。\n".to_string(),
            "data/2017.yaml:13:16: 错误: 空标题",
        ),
        // A run-in heading with a typed number.
        (
            "近年来，全区。",
            "    - heading: 1.绿化\n      run_in: true\n      text: 栽植。\n".to_string(),
            "data/2017.yaml:13:16: 错误: 标题里手写了序号“1.”",
        ),
        // A text that opens with a number, and a heading run into a text.
        (
            "近年来，全区。",
            item("（一）栽植绿化树。"),
            "data/2017.yaml:14:13: 警告: 正文开头手写了序号“（一）”",
        ),
        (
            "近年来，全区。",
            item("栽植绿化树工程（二）全面治理。"),
            "data/2017.yaml:14:20: 警告: “（二）全面治理”像是一个标题连在了前文后面",
        ),
        // A paragraph typed twice: the second where it is.
        (
            "近年来，全区。",
            format!(
                "{}{}",
                item("一段足够长的文字用于检查。"),
                item("一段足够长的文字用于检查。")
            ),
            "data/2017.yaml:16:13: 警告: 这一段与第",
        ),
    ] {
        let stderr = checked(&data(intro, &items));
        assert!(stderr.contains(expected), "wanted {expected}:\n{stderr}");
        assert!(!stderr.contains("out/2017.md"), "{stderr}");
        whole.push(format!("── {expected}\n{stderr}"));
    }
    insta::assert_snapshot!(whole.join("\n"));
}

// The title is made around the topic, and the 落款 holds the issuer: a
// placeholder in either is found where it was typed.
#[test]
fn the_title_and_the_signature_point_into_the_data_file() {
    let text = crate::support::GOOD
        .replace("topic: 测试", "topic: XX测试")
        .replace("issuer: 某某办公室", "issuer: 某某办公室XX");
    let stderr = checked(&text);
    for expected in [
        "data/2017.yaml:1:8: 错误: 报告里还有占位符“XX”",
        "data/2017.yaml:2:14: 错误: 报告里还有占位符“XX”",
    ] {
        assert!(stderr.contains(expected), "wanted {expected}:\n{stderr}");
    }
    insta::assert_snapshot!(stderr);
}

// What the template itself prints is reported in the template.
#[test]
fn template_text_is_reported_in_the_template() {
    let project = Project::fixture("good");
    project.write(
        "templates/report.md",
        "# {{ report.title }}\n\n<!-- 落款 -->\n\n## 一、工作,总结\n\n![照片](photo.png)\n",
    );
    let stderr = project
        .report(&["check", "2017", "--message-format", "short"])
        .stderr;
    for expected in [
        "templates/report.md:3:1: 警告: 标记 <!-- 落款 --> 后面不是一个段落",
        "templates/report.md:5:8: 警告: 中文里用了半角的“,”",
        "templates/report.md:7:7: 警告: 图片“照片”不会出现在报告里",
    ] {
        assert!(stderr.contains(expected), "wanted {expected}:\n{stderr}");
    }
    insta::assert_snapshot!(stderr);
}

fn figures(project: &Project) -> Vec<serde_json::Value> {
    let output = project.report(&["figures", "2017", "--message-format", "json"]);
    output.success();
    output
        .stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        // The run's closing status line is a message, not a figure.
        .filter(|value| value.get("printed").is_some())
        .collect()
}

/// The line `line` (1-based) of a file of the project.
fn line_of(project: &Project, file: &str, line: u64) -> String {
    project
        .read(file)
        .lines()
        .nth(usize::try_from(line).unwrap() - 1)
        .unwrap()
        .to_string()
}

// The bundled example: every figure the report prints is listed, each
// with the line of the data file its value is typed on.
#[test]
fn the_audit_lists_every_figure_with_its_source() {
    let project = Project::example();
    let rows = figures(&project);
    project.report(&["build", "2017"]).success();
    let markdown = project.read("out/2017.md");
    // The seed's figures in the text, the comparison table's (three a
    // row, but no change between approximate figures) and the completion
    // table's (three a row).
    let printed = |place: &str| {
        rows.iter()
            .filter(|r| r["place"].as_str().unwrap().contains(place))
            .count()
    };
    assert_eq!(printed("主要指标对比"), 5 * 3 - 1, "{rows:#?}");
    assert_eq!(printed("计划目标完成情况"), 5 * 3, "{rows:#?}");
    assert_eq!(printed("达成铁路沿线整治"), 8, "{rows:#?}");
    for row in &rows {
        let shown = row["printed"].as_str().unwrap();
        assert!(markdown.contains(shown), "{shown} is not in the report");
        let (file, line) = (row["file"].as_str().unwrap(), row["line"].as_u64().unwrap());
        let typed = line_of(&project, file, line);
        let key = row["key"].as_str().unwrap();
        match row["field"].as_str() {
            // A figure's source is its value; a target's, the target.
            None => assert!(typed.contains("value:"), "{key}: {file}:{line} is {typed}"),
            Some("target") => assert!(typed.contains("value:"), "{key}: {typed}"),
            Some(_) => assert!(row["formula"].is_string(), "{row}"),
        }
    }
    // A computed figure end to end: 完成目标任务的90% = 7200 ÷ 8000, from
    // this year's value and last year's plan.
    let roofs = rows
        .iter()
        .find(|r| r["key"] == "roof_tiles" && r["field"] == "completion")
        .unwrap();
    assert_eq!(roofs["printed"], "90%");
    assert_eq!(roofs["formula"], "7200 ÷ 8000");
    let inputs: Vec<&str> = roofs["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert_eq!(inputs.len(), 2, "{inputs:?}");
    assert!(inputs[0].starts_with("data/2017.yaml:"), "{inputs:?}");
    assert!(inputs[1].starts_with("data/2016.yaml:"), "{inputs:?}");
    for input in inputs {
        let mut parts = input.split(':');
        let (file, line) = (parts.next().unwrap(), parts.next().unwrap());
        let typed = line_of(&project, file, line.parse().unwrap());
        assert!(
            typed.contains("7200") || typed.contains("8000"),
            "{input} is {typed}"
        );
    }
}

// A figure's warnings travel with it, and the sheet holds what the list does.
#[test]
fn warnings_travel_with_their_figure_and_the_sheet_holds_every_row() {
    let project = Project::fixture("good");
    project.write(
        "data/2017.yaml",
        &crate::support::GOOD
            .replace(
                "    unit: 株\n",
                "    unit: 株\n    target: 40\n    completion: 80\n",
            )
            .replace(
                "栽植绿化树{trees}。",
                "栽植绿化树{trees}，{trees.completion}。",
            ),
    );
    let rows = figures(&project);
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_eq!(rows[1]["printed"], "75%");
    assert_eq!(rows[1]["formula"], "30 ÷ 40");
    let warnings = rows[1]["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("完成率")),
        "{rows:#?}"
    );
    let output = project.report(&["figures", "2017", "--csv", "figures.csv"]);
    output.success();
    assert!(output.stdout.contains("75%"), "{}", output.stdout);
    let sheet = project.read("figures.csv");
    assert!(sheet.starts_with("\u{feff}位置,印出,指标"), "{sheet}");
    assert_eq!(sheet.lines().count(), 1 + rows.len(), "{sheet}");
    assert!(sheet.contains(",75%,trees,completion,75,%,"), "{sheet}");
}

// The human list of the bundled example, pinned.
#[test]
fn the_audit_reads_as_a_list() {
    let output = crate::support::report_command()
        .current_dir(repo())
        .args(["figures", "2017"])
        .output()
        .unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout));
}

// A unit's total says which figures of the units below it sums.
#[test]
fn a_total_lists_the_figures_it_sums() {
    let project = Project::copy_of(&repo().join("examples/city"));
    let output = project.report(&[
        "figures",
        "2017",
        "--unit",
        "dazhou",
        "--message-format",
        "json",
    ]);
    output.success();
    let total: serde_json::Value = output
        .stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .find(|row| row["key"] == "roof_tiles")
        .unwrap();
    assert_eq!(total["printed"], "14600㎡");
    assert_eq!(total["file"], "data/dazhou/2017.yaml");
    assert_eq!(total["formula"], "7200 + 5300 + 2100");
    assert_eq!(
        total["inputs"],
        serde_json::json!([
            "data/tongchuan/2017.yaml:8:12",
            "data/dachuan/2017.yaml:8:12",
            "data/kaijiang/2017.yaml:8:12"
        ])
    );
}

// A report with errors has no figures to list yet: the errors, exit 1.
#[test]
fn a_report_with_errors_lists_them_instead() {
    let project = Project::fixture("good");
    project.write(
        "data/2017.yaml",
        &crate::support::GOOD.replace("{trees}", "{tress}"),
    );
    let output = project.report(&["figures", "2017"]);
    output.failure(1);
    assert!(
        output.stderr.contains("没有名为 `tress` 的指标"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    assert!(output.stdout.is_empty(), "{}", output.stdout);
}
