//! What a project's template may do: a loop written wrong ends in a message
//! naming the template, not in a machine out of memory or a build that
//! never ends.

use std::time::{Duration, Instant};

use crate::support::Project;

fn with_template(body: &str) -> Project {
    let project = Project::fixture("good");
    project.write(
        "templates/report.md",
        &format!("# {{{{ report.title }}}}\n\n{body}\n"),
    );
    project
}

// A loop that prints without end is stopped at 64 MB, at once, and nothing
// is written.
#[test]
fn a_template_that_prints_without_end_is_stopped() {
    let project = with_template(
        "{% for i in range(end=100000) %}{% for j in range(end=100) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}",
    );
    let started = Instant::now();
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    assert!(
        output
            .stderr
            .contains("模板 templates/report.md 生成的文字超过了 64 MB，已停止"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!project.exists("out/2017.md"));
}

// A loop that runs without printing is stopped after 10 seconds, with the
// template named.
#[test]
fn a_template_that_runs_without_end_is_stopped() {
    let project = with_template(
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    let started = Instant::now();
    let output = project.report(&["check", "2017"]);
    output.failure(2);
    assert!(
        output
            .stderr
            .contains("模板 templates/report.md 运行超过了 10 秒，已停止"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    assert!(started.elapsed() < Duration::from_secs(20));
}

// A misspelt field of the model, and a name a component cannot see, are
// errors at their place in the template, not text that silently goes.
#[test]
fn misspelt_names_in_a_template_are_errors_where_they_are() {
    let project = with_template(
        "{% if report.titel %}标题{% endif %}\n\n{% component lead(n) %}{{ n.heading }}{{ reprot.year }}{% endcomponent lead %}",
    );
    let output = project.report(&["check", "2017", "--message-format", "short"]);
    output.failure(1);
    for expected in [
        "templates/report.md:3:14: 错误: 模板里的 `report.titel`：报告里没有 `titel` 这个字段",
        "templates/report.md:5:42: 错误: 组件 lead 里用到的 `reprot` 没有定义",
    ] {
        assert!(
            output.stderr.contains(expected),
            "wanted {expected}:\n{}",
            output.stderr
        );
        insta::assert_snapshot!(output.stderr);
    }
}
