//! Across the years: last year's figures, last year's targets, charts, and
//! `report new` scaffolding next year from this one.
//!
//! Messages and `new`'s file are asserted whole; reports are searched for
//! the row or sentence a test is about.

use crate::support::{Project, contains};

fn year(y: u16, metrics: &str, plan: &str) -> String {
    format!(
        "topic: 测试\nissuer: 某办\ndate: {y}-12-28\nmetrics:\n{metrics}work:\n  text: 完成了工作。\nproblems: {{text: 问题尚多。}}\nplan:\n{plan}"
    )
}

const PLAN: &str = "  text: 继续推进。\n";

fn metric(key: &str, value: &str, unit: &str) -> String {
    format!("  {key}:\n    label: {key}的标签\n    value: {value}\n    unit: {unit}\n")
}

#[test]
fn the_example_compares_with_last_year_and_its_targets() {
    let project = Project::example();
    let output = project.report(&["build", "2017"]);
    output.success();
    let md = project.read("out/2017.md");
    contains(
        &md,
        &["| 更换屋顶彩钢瓦面 | 6500㎡ | 7200㎡ | 同比增长10.8% |"],
    );
    // Approximate figures get no rate: it would claim a precision they lack.
    contains(
        &md,
        &[
            "| 整治有碍观瞻点位 | 30余处 | 40余处 | — |",
            "| 更换屋顶彩钢瓦面 | 8000㎡ | 7200㎡ | 完成目标任务的90%，未完成 |",
        ],
    );
    assert!(
        md.contains(
            "| 禁养区内畜禽养殖场关闭或搬迁 | 100户 | 122户 | 完成目标任务的122%，已完成 |"
        ),
        "{md}"
    );
    contains(&md, &["| 新建污水管网 | 5公里 | 未报告 | — |"]);
    let html = project.read("out/2017.html");
    assert_eq!(html.matches("<svg").count(), 2, "two charted metrics");
    assert!(html.contains("<title>更换屋顶彩钢瓦面：2016年6500㎡，2017年7200㎡</title>"));
    // The seed's figures are untouched by the comparison.
    assert!(md.contains("更换屋顶彩钢瓦面7200㎡，美化铁路沿线围墙2200㎡"));
}

// A promise in last year's plan that this year does not report on is the
// seed's silently dropped promise: check says so, at the promise.
#[test]
fn unreported_target_is_a_warning_at_the_promise() {
    let project = Project::example();
    let output = project.report(&["check", "2017", "--message-format", "short"]);
    output.success();
    contains(
        &output.stderr,
        &[
            "data/2016.yaml:69:11: 警告: 2016 年计划的目标“新建污水管网5公里”（sewage_pipes）在 2017 年的数据里没有报告",
        ],
    );
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn no_last_year_means_no_comparison_and_no_error() {
    let project = Project::empty();
    project.write(
        "data/2017.yaml",
        &year(2017, &metric("a", "10", "处"), PLAN),
    );
    project.report(&["build", "2017"]).success();
    assert!(!project.read("out/2017.md").contains("主要指标对比"));
}

#[test]
fn a_changed_unit_is_an_error_not_a_comparison() {
    let project = Project::empty();
    project.write(
        "data/2016.yaml",
        &year(2016, &metric("area", "2", "万㎡"), PLAN),
    );
    project.write(
        "data/2017.yaml",
        &year(2017, &metric("area", "26800", "㎡"), PLAN),
    );
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    assert!(
        output
            .stderr
            .contains("指标 `area` 的单位与 2016 年不同（“万㎡”→“㎡”）"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    contains(&output.stderr, &["data/2017.yaml:5:3"]);
}

#[test]
fn zero_base_and_zero_target_give_no_rate_and_no_error() {
    let project = Project::empty();
    let plan = "  items:\n    - heading: 计划\n      targets:\n        - {metric: a, value: 0}\n";
    project.write("data/2016.yaml", &year(2016, &metric("a", "0", "处"), plan));
    project.write(
        "data/2017.yaml",
        &year(2017, &metric("a", "12", "处"), PLAN),
    );
    project.report(&["build", "2017"]).success();
    let md = project.read("out/2017.md");
    contains(
        &md,
        &[
            "| a的标签 | 0处 | 12处 | — |",
            "| a的标签 | 0处 | 12处 | — |\n",
        ],
    );
    assert!(!md.contains("inf") && !md.contains("NaN"), "{md}");
}

#[test]
fn targets_belong_to_the_plan() {
    let project = Project::empty();
    let data = year(2017, &metric("a", "1", "处"), PLAN).replace(
        "work:\n  text: 完成了工作。\n",
        "work:\n  text: 完成了工作。\n  targets: [{metric: a, value: 3}]\n",
    );
    project.write("data/2017.yaml", &data);
    let output = project.report(&["check", "2017"]);
    output.failure(1);
    contains(&output.stderr, &["targets 只能写在 plan"]);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn plan_targets_are_printed_in_the_plan() {
    let project = Project::empty();
    let plan = "  items:\n    - heading: 计划\n      text: 继续推进。\n      targets:\n        - {metric: a, value: 15}\n        - {metric: new_one, label: 新指标, value: 2.5, unit: 公里}\n";
    project.write(
        "data/2017.yaml",
        &year(2017, &metric("a", "10", "处"), plan),
    );
    project.report(&["build", "2017"]).success();
    assert!(
        project
            .read("out/2017.md")
            .contains("\n目标：a的标签15处；新指标2.5公里。\n")
    );
}

#[test]
fn new_scaffolds_next_year_and_check_lists_what_is_left() {
    let project = Project::example();
    let output = project.report(&["new", "2018"]);
    output.success();
    let text = project.read("data/2018.yaml");
    assert!(
        text.contains("    - heading: \"狠抓执法攻坚行动\""),
        "last year's plan becomes this year's work"
    );
    contains(
        &text,
        &[
            "  roof_tiles:\n    label: \"更换屋顶彩钢瓦面\"\n    value: 待填\n    unit: \"㎡\"\n    chart: true\n    # 2017年：7200㎡",
        ],
    );
    // The comments number the parts as the report will: there is no
    // innovations part, so the problems are 二、.
    contains(
        &text,
        &[
            "\nwork:                      # 一、",
            "\nproblems:                  # 二、存在的问题\n",
            "\nplan:                      # 三、2019年工作计划",
        ],
    );
    let to_fill = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter(|l| l.split('#').next().unwrap().contains("待填"))
        .count();
    let output = project.report(&["check", "2018", "--message-format", "short"]);
    output.failure(1);
    let errors = output
        .stderr
        .lines()
        .filter(|l| l.contains(": 错误: "))
        .count();
    assert_eq!(
        errors, to_fill,
        "check lists exactly the places to fill:\n{}",
        output.stderr
    );
    assert!(
        output
            .stderr
            .lines()
            .all(|l| !l.contains(": 错误: ") || l.contains("还没有填")),
        "{}",
        output.stderr
    );
    project.report(&["build", "2018"]).failure(2);
    assert!(!project.exists("out/2018.md"));
    // new never overwrites.
    project.write("data/2018.yaml", "已经改过");
    project.report(&["new", "2018"]).failure(2);
    assert_eq!(project.read("data/2018.yaml"), "已经改过");
}

#[test]
fn new_carries_last_years_targets_as_metrics() {
    let project = Project::example();
    // 2016's plan set a sewage target; the 2017 scaffold comes from 2016.
    std::fs::remove_file(project.path().join("data/2017.yaml")).unwrap();
    project.report(&["new", "2017"]).success();
    let text = project.read("data/2017.yaml");
    contains(
        &text,
        &[
            "  sewage_pipes:\n    label: \"新建污水管网\"\n    value: 待填\n    unit: \"公里\"\n    # 2016年计划目标：5公里",
            "    # 2016年：6500㎡；2016年计划目标：8000㎡",
        ],
    );
    insta::assert_snapshot!(text);
}

#[test]
fn new_needs_last_year() {
    let project = Project::empty();
    project.write("data/2017.yaml", &year(2017, &metric("a", "1", "处"), PLAN));
    let output = project.report(&["new", "2020"]);
    output.failure(2);
    contains(&output.stderr, &["没有 2019 年的数据"]);
    insta::assert_snapshot!(output.stderr);
}

// Document text does not follow the user's locale: the same data gives the
// same bytes on a Chinese and an English machine.
#[test]
fn outputs_do_not_depend_on_the_locale() {
    let project = Project::example();
    for (lang, out) in [("zh_CN.UTF-8", "zh"), ("en_US.UTF-8", "en")] {
        let output = crate::support::report_command()
            .current_dir(project.path())
            .env("LANG", lang)
            .args(["build", "2017", "--out", out])
            .output()
            .unwrap();
        assert!(output.status.success());
    }
    assert_eq!(project.read("zh/2017.html"), project.read("en/2017.html"));
    assert_eq!(project.read("zh/2017.md"), project.read("en/2017.md"));
}

// Whatever a report reads is an input: last year's file with a syntax error
// stops this year's build (exit 2) with last year's line, instead of a
// report that silently lacks its comparison and target tables.
#[test]
fn a_broken_earlier_year_stops_the_build() {
    let project = Project::example();
    let last = project.read("data/2016.yaml");
    project.write(
        "data/2016.yaml",
        &last.replacen("metrics:", "metrics: [", 1),
    );
    let output = project.report(&["build", "2017", "--message-format", "short"]);
    output.failure(2);
    assert!(
        output.stderr.contains("data/2016.yaml 有错误")
            && output.stderr.contains("data/2016.yaml:"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    assert!(!project.exists("out/2017.md"));
    let output = project.report(&["check", "2017"]);
    output.failure(1);
}
