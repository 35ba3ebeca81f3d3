//! Several reporting units in one project: per-unit outputs, `--unit`,
//! `--shard`, and roll-up totals checked against the children.
//!
//! Messages are asserted whole; a built report is searched for its total.

use crate::support::{Project, contains, repo};

/// `examples/city` without its config and its committed outputs, so that
/// builds go to the default `out/`.
fn city() -> Project {
    let project = Project::copy_of(&repo().join("examples/city"));
    std::fs::remove_file(project.path().join("report.yaml")).unwrap();
    std::fs::remove_dir_all(project.path().join("generated")).unwrap();
    project
}

#[test]
fn every_unit_is_built_into_its_own_folder() {
    let project = city();
    let output = project.report(&["build", "2017"]);
    output.success();
    for unit in ["dazhou", "tongchuan", "dachuan", "kaijiang"] {
        assert!(project.exists(&format!("out/{unit}/2017.md")), "{unit}");
    }
    assert!(
        project
            .read("out/dazhou/2017.md")
            .contains("全市共更换屋顶彩钢瓦面14600㎡")
    );
    project.report(&["check", "--all"]).success();
}

#[test]
fn unit_narrows_and_an_unknown_unit_lists_the_units() {
    let project = city();
    project
        .report(&["build", "2017", "--unit", "dachuan"])
        .success();
    assert!(project.exists("out/dachuan/2017.md"));
    assert!(!project.exists("out/tongchuan"));
    let output = project.report(&["build", "2017", "--unit", "dazou"]);
    output.failure(2);
    assert!(
        output
            .stderr
            .contains("已有的单位：dachuan、dazhou、kaijiang、tongchuan"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn a_total_that_differs_from_the_children_is_reported_with_both_places() {
    let project = city();
    let parent = project
        .read("data/dazhou/2017.yaml")
        .replace("value: 14600", "value: 14500");
    project.write("data/dazhou/2017.yaml", &parent);
    let output = project.report(&["check", "2017", "--message-format", "short"]);
    output.failure(1);
    let stderr = &output.stderr;
    assert!(
        stderr.contains(
            "data/dazhou/2017.yaml:6:3: 错误: `roof_tiles` 写的是 14500㎡，下级单位合计为 14600㎡"
        ),
        "{stderr}"
    );
    for child in [
        // Each figure where it is typed.
        "tongchuan：7200㎡（data/tongchuan/2017.yaml:8:12）",
        "dachuan：5300㎡（data/dachuan/2017.yaml:8:12）",
        "kaijiang：2100㎡（data/kaijiang/2017.yaml:8:12）",
    ] {
        assert!(stderr.contains(child), "{child}: {stderr}");
    }
    insta::assert_snapshot!(stderr);
    // The districts themselves still build; the city does not.
    let output = project.report(&["build", "2017"]);
    output.failure(2);
    assert!(project.exists("out/tongchuan/2017.md") && !project.exists("out/dazhou/2017.md"));
}

#[test]
fn roll_up_needs_children_that_exist() {
    let project = city();
    project.write(
        "data/dazhou/unit.yaml",
        "children: [tongchuan, dachuan, kaijang]\n",
    );
    let output = project.report(&[
        "check",
        "2017",
        "--unit",
        "dazhou",
        "--message-format",
        "short",
    ]);
    output.failure(1);
    assert!(
        output
            .stderr
            .contains("data/dazhou/unit.yaml:1:32: 错误: 下级单位 `kaijang` 不存在"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    std::fs::remove_file(project.path().join("data/dazhou/unit.yaml")).unwrap();
    let output = project.report(&["check", "2017", "--unit", "dazhou"]);
    output.failure(1);
    contains(&output.stderr, &["没有声明下级单位"]);
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn single_unit_and_units_side_by_side() {
    let project = city();
    let single = std::fs::read_to_string(repo().join("examples/minimal/data/2017.yaml")).unwrap();
    project.write("data/2017.yaml", &single);
    project.report(&["build", "2017"]).success();
    assert!(project.exists("out/2017.md") && project.exists("out/dazhou/2017.md"));
}

// N CI jobs with --shard K/N build disjoint sets of units that together are
// all of them.
#[test]
fn shards_are_disjoint_and_complete() {
    let project = city();
    let mut seen = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let out = format!("shard{}", &shard[..1]);
        project
            .report(&["build", "--all", "--shard", shard, "--out", &out])
            .success();
        for unit in ["dazhou", "tongchuan", "dachuan", "kaijiang"] {
            if project.exists(&format!("{out}/{unit}/2017.md")) {
                seen.push(unit);
            }
        }
    }
    seen.sort_unstable();
    assert_eq!(seen, ["dachuan", "dazhou", "kaijiang", "tongchuan"]);
    project
        .report(&["build", "--all", "--shard", "4/3"])
        .failure(2);
}

// A child unit's broken file is an input of the parent's report: the
// parent's build stops too, pointing at the child's line.
#[test]
fn a_broken_child_file_stops_the_parent() {
    let project = city();
    let child = project.read("data/kaijiang/2017.yaml");
    project.write(
        "data/kaijiang/2017.yaml",
        &child.replacen("metrics:", "metrics: [", 1),
    );
    let output = project.report(&[
        "build",
        "2017",
        "--unit",
        "dazhou",
        "--message-format",
        "short",
    ]);
    output.failure(2);
    assert!(
        output.stderr.contains("下级单位 `kaijiang`")
            && output.stderr.contains("data/kaijiang/2017.yaml:"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    assert!(!project.exists("out/dazhou/2017.md"));
}
