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
    assert!(started.elapsed() < Duration::from_secs(20));
}
