//! `report check`: every problem class has an input that triggers it, the
//! exit codes follow the contract, and nothing is written.

use crate::support::{GOOD, Project, contains};

fn check(data: &str, args: &[&str]) -> crate::support::Output {
    let project = Project::empty();
    project.write("data/2017.yaml", data);
    let mut all = vec!["check", "2017"];
    all.extend_from_slice(args);
    let output = project.report(&all);
    assert!(!project.exists("out"), "check writes nothing");
    output
}

#[test]
fn clean_data_passes() {
    let output = check(GOOD, &[]);
    output.success();
    contains(&output.stderr, &["2017：没有发现问题"]);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn the_example_passes_with_its_two_warnings() {
    let project = Project::example();
    let output = project.report(&["check", "2017"]);
    output.success();
    // The unknown house-wall figure, and 2016's sewage target 2017 does not report.
    contains(&output.stderr, &["2017：0 个错误，2 个警告"]);
    insta::assert_snapshot!(output.stderr);
    assert!(!project.exists("out"));
    project
        .report(&["check", "2017", "--deny", "warnings"])
        .failure(1);
}

// The seed's body, typed as it was: D1, D4 (headings run in), D11 (00㎡),
// D13–D16 (half-width punctuation) are all found, with places.
#[test]
fn the_seed_defects_are_found() {
    let seed = "近年来,全区城乡环境综合治理工作,现将2017年工作总结和2018年工作计划报告如下:\
        (一)持续推进“五治”工程 (二)全面治理农村生活垃圾(三)大力实施风貌塑造2.达成铁路沿线整治。\
        美化铁路沿线围墙2200㎡、民房外墙00㎡,清理沿线积存垃圾8吨;二是积极对接";
    let data = GOOD.replace(
        "problems: {text: 问题尚多。}",
        &format!("problems:\n  text: \"{seed}\""),
    );
    let output = check(&data, &["--message-format", "short"]);
    output.failure(1);
    let stderr = &output.stderr;
    assert!(
        stderr.contains("“00㎡，”处的数字是一串 0") || stderr.contains("“00㎡,”处的数字是一串 0"),
        "{stderr}"
    );
    contains(
        stderr,
        &[
            "中文里用了半角的“,”",
            "中文里用了半角的“:”",
            "中文里用了半角的“;”",
            "中文里用了半角的“(”",
            "“2.达成铁路”像是一个标题连在了前文后面",
            "“(三)大力实施”像是一个标题连在了前文后面",
        ],
    );
    // Each finding points into the data file where it can.
    contains(stderr, &["data/2017.yaml:14:"]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn placeholders_are_errors_and_build_refuses() {
    let data = GOOD.replace("问题尚多。", "问题XX处，待补充。");
    let project = Project::empty();
    project.write("data/2017.yaml", &data);
    let output = project.report(&["check", "2017"]);
    output.failure(1);
    contains(&output.stderr, &["占位符“XX”", "占位符“待补充”"]);
    insta::assert_snapshot!(output.stderr);
    project.report(&["build", "2017"]).failure(2);
    assert!(!project.exists("out"));
}

#[test]
fn unused_metric_is_a_warning() {
    let data = GOOD.replace(
        "metrics:\n",
        "metrics:\n  spare:\n    label: 备用\n    value: 3\n    unit: 个\n",
    );
    let output = check(&data, &[]);
    output.success();
    assert!(
        output
            .stderr
            .contains("指标 `spare`（备用）没有在正文中引用"),
        "{}",
        output.stderr
    );
    check(&data, &["--deny", "warnings"]).failure(1);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn repeated_paragraph_is_a_warning() {
    let data = GOOD.replace(
        "继续推进。",
        "继续推进各项工作，巩固治理成果。\\n\\n继续推进各项工作，巩固治理成果。",
    );
    let data = data
        .replace("plan: {text: ", "plan: {text: \"")
        .replace("成果。}", "成果。\"}");
    let output = check(&data, &[]);
    contains(&output.stderr, &["完全相同"]);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn values_that_cannot_be_counts() {
    for (value, message) in [
        ("-3", "不能是负数"),
        ("2.5", "不能是小数"),
        (".nan", "有限的数字"),
        (".inf", "有限的数字"),
        ("\"２０００\"", "value: 2000"),
        ("true", "应是数字"),
        // Beyond any real report: refused with the range, not printed with
        // the wrong digits (9007199254740993 would print …992 as a float).
        ("9007199254740993", "超出了报告数字的范围"),
        (
            "340282366920938463463374607431768211456",
            "超出了报告数字的范围",
        ),
        ("1e300", "超出了报告数字的范围"),
    ] {
        let output = check(&GOOD.replace("value: 30", &format!("value: {value}")), &[]);
        output.failure(1);
        assert!(
            output.stderr.contains(message),
            "{value}: {}",
            output.stderr
        );
        insta::assert_snapshot!(output.stderr);
    }
}

#[test]
fn tiny_amounts_are_refused_and_large_ones_keep_every_digit() {
    let amount = |value: &str| {
        GOOD.replace(
            "value: 30\n    unit: 株",
            &format!("value: {value}\n    unit: 吨"),
        )
    };
    let output = check(&amount("1e-300"), &[]);
    output.failure(1);
    contains(&output.stderr, &["超出了报告数字的范围"]);
    insta::assert_snapshot!(output.stderr);
    let project = Project::empty();
    project.write("data/2017.yaml", &amount("999999999999999"));
    project
        .report(&["build", "2017", "--format", "md"])
        .success();
    assert!(
        project
            .read("out/2017.md")
            .contains("栽植绿化树999999999999999吨")
    );
}

#[test]
fn missing_unit_and_missing_parts() {
    let output = check(&GOOD.replace("    unit: 株\n", ""), &[]);
    contains(&output.stderr, &["缺少单位"]);
    insta::assert_snapshot!(output.stderr);
    // A summary without 存在的问题 is still a summary: a warning, which a
    // project can switch off.
    let without = GOOD.replace("problems: {text: 问题尚多。}\n", "");
    let output = check(&without, &[]);
    output.success();
    contains(&output.stderr, &["没有“存在的问题”部分（problems）"]);
    insta::assert_snapshot!(output.stderr);
    check(&without, &["--deny", "warnings"]).failure(1);
    let project = Project::empty();
    project.write("data/2017.yaml", &without);
    project.write("report.yaml", "allow: [missing-part]\n");
    let output = project.report(&["check", "2017", "--deny", "warnings"]);
    output.success();
    assert!(!output.stderr.contains("problems"), "{}", output.stderr);
    insta::assert_snapshot!(output.stderr);
    project.write("report.yaml", "allow: [missing-parts]\n");
    let output = project.report(&["check", "2017"]);
    output.failure(2);
    assert!(
        output
            .stderr
            .contains("可以关掉的提醒：missing-part、unusual-date"),
        "{}",
        output.stderr
    );
    let output = check(
        &GOOD.replace("plan: {text: 继续推进。}", "plan: {heading: 计划}"),
        &[],
    );
    contains(&output.stderr, &["没有内容"]);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn dates_and_years_must_fit_the_report() {
    let output = check(&GOOD.replace("2017-12-28", "2016-12-28"), &[]);
    output.failure(1);
    contains(&output.stderr, &["早于 2017 年"]);
    insta::assert_snapshot!(output.stderr);
    let output = check(&GOOD.replace("2017-12-28", "2017-03-01"), &[]);
    output.success();
    contains(&output.stderr, &["不像 2017 年工作总结的日期"]);
    insta::assert_snapshot!(output.stderr);
    let output = check(
        &format!("title: 2017年测试工作总结及2019年工作计划\n{GOOD}"),
        &[],
    );
    output.failure(1);
    contains(&output.stderr, &["这份报告应是 2018 年的计划"]);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn every_unknown_key_is_reported_with_a_suggestion() {
    let data = GOOD
        .replace("topic:", "topik:")
        .replace("    label:", "    lable:");
    let output = check(&data, &[]);
    output.failure(1);
    contains(
        &output.stderr,
        &[
            "不认识的键 `topik`",
            "是不是想写 `topic`",
            "不认识的键 `lable`",
            "是不是想写 `label`",
        ],
    );
    // The misspelling is the one mistake: `topic` is not missing as well.
    assert!(!output.stderr.contains("缺少必填的键"), "{}", output.stderr);
    insta::assert_snapshot!(output.stderr);
}

// A syntax error is reported as such even when an earlier line also breaks
// the schema: the whole file is parsed before the schema is checked.
#[test]
fn syntax_error_wins_over_an_earlier_schema_error() {
    let data = format!("{}\nbad: [unclosed\n", GOOD.replace("topic:", "topik:"));
    let output = check(&data, &["--message-format", "short"]);
    output.failure(1);
    contains(&output.stderr, &["data/2017.yaml:16:"]);
    insta::assert_snapshot!(output.stderr);
    assert!(!output.stderr.contains("topik"), "{}", output.stderr);
}

#[test]
fn short_and_json_formats() {
    let data = GOOD.replace("{trees}", "{tres}");
    let output = check(&data, &["--message-format", "short"]);
    output.failure(1);
    let first = output.stderr.lines().next().unwrap();
    assert!(
        first.starts_with("data/2017.yaml:12:18: 错误: 没有名为 `tres` 的指标"),
        "{first}"
    );
    assert!(
        !output.stderr.contains('\u{1b}'),
        "no colour off a terminal"
    );
    insta::assert_snapshot!(output.stderr);

    let output = check(&data, &["--message-format", "json"]);
    output.failure(1);
    let first: serde_json::Value =
        serde_json::from_str(output.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "data/2017.yaml");
    assert_eq!(first["line"], 12);
    assert_eq!(first["column"], 18);
    assert_eq!(first["hint"], "是不是想写 {trees}？");
}

#[test]
fn check_all_checks_every_year() {
    let project = Project::empty();
    project.write("data/2016.yaml", &GOOD.replace("2017-12-28", "2016-12-28"));
    project.write("data/2017.yaml", &GOOD.replace("{trees}", "{nope}"));
    let output = project.report(&["check", "--all"]);
    output.failure(1);
    contains(
        &output.stderr,
        &["2016：没有发现问题", "2017：1 个错误，0 个警告"],
    );
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn could_not_run_is_exit_two() {
    let project = Project::empty();
    project.report(&["check", "--all"]).failure(2);
    project.report(&["check", "2017"]).failure(2);
    project.report(&["check"]).failure(2);
}

#[test]
fn broken_template_is_a_finding() {
    let project = Project::fixture("good");
    project.write("templates/report.md", "{{ report.nope }}");
    let output = project.report(&["check", "2017"]);
    output.failure(1);
    contains(&output.stderr, &["templates/report.md:1:"]);
    insta::assert_snapshot!(output.stderr);
}

// A number typed by hand where the tool numbers prints twice; check says so
// on the line of the data file where it was typed (issue: "四、四、").
#[test]
fn numbers_typed_into_headings_are_found_in_the_data() {
    let data = GOOD.replace(
        "plan: {text: 继续推进。}",
        "plan:\n  heading: 四、2018年工作打算\n  items:\n    - text: （一）狠抓执法攻坚行动，持续整治。\n",
    );
    let output = check(&data, &["--message-format", "short"]);
    output.failure(1);
    let stderr = &output.stderr;
    assert!(
        stderr.contains("data/2017.yaml:15:") && stderr.contains("标题里手写了序号“四、”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("data/2017.yaml:17:") && stderr.contains("正文开头手写了序号“（一）”"),
        "{stderr}"
    );
    insta::assert_snapshot!(output.stderr);
}

// A custom template that points at a chart the data does not draw, or puts
// raw HTML in, hears about it at its own line and column: the text is the
// template's, and check writes no Markdown to point into.
#[test]
fn template_markup_the_tree_cannot_show_is_reported() {
    let project = Project::fixture("good");
    project.write(
        "templates/report.md",
        "# {{ report.title }}\n\n<div>甲</div>\n\n![图](chart:trees)\n",
    );
    let output = project.report(&["check", "2017", "--message-format", "short"]);
    output.failure(1);
    assert!(
        output
            .stderr
            .contains("templates/report.md:3:1: 警告: 模板里的 HTML"),
        "{}",
        output.stderr
    );
    assert!(
        output
            .stderr
            .contains("templates/report.md:5:6: 错误: 模板引用了图表 chart:trees"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
}
