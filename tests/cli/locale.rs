//! Every message in one language: each command run with bad arguments (and
//! a few runs that fail on the data) under a Chinese and an English locale,
//! and no line of what it prints mixes the two, but for names the user
//! types (commands, options, formats, paths) and the user's own text.

use crate::support::{Project, report_command};

/// Bad command lines, each a mistake a user makes.
const BAD: &[&[&str]] = &[
    &[],
    &["buidl"],
    &["build"],
    &["build", "２０１７"],
    &["build", "2017.yaml"],
    &["build", "1800"],
    &["build", "2017", "--bogus"],
    &["build", "2017", "--format", "pfd"],
    &["build", "2017", "--all"],
    &["build", "--all", "--shard", "3/2"],
    &["build", "2017", "--out"],
    &["check"],
    &["check", "2017", "--deny", "errors"],
    &["-q", "-v", "build", "2017"],
    &["--message-format", "xml", "build", "2017"],
    &["new"],
    &["new", "abc"],
    &["import"],
    &["figures"],
    &["watch"],
    &["serve", "--port", "x"],
    &["serve", "--bind", "nowhere"],
    &["completions", "tcsh"],
    &["init", "a", "b"],
    &["man", "extra"],
    &["schema", "extra"],
    // Runs that parse and then fail on the project.
    &["build", "2019"],
    &["new", "2017"],
    &["new", "2018", "--unit", "nowhere"],
    &["init"],
];

/// Latin words a Chinese message may hold beyond those of the help
/// (`help::NAMES`): names the user reads on the screen.
const NAMES: &[&str] = &["ofd", "UTF", "templates"];

/// The words the user typed on the command line: their own text.
fn typed(args: &[&str]) -> Vec<String> {
    args.iter()
        .flat_map(|a| a.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn has_cjk(line: &str) -> bool {
    line.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

/// The first line of `text` that mixes the scripts for `chinese`, if any.
fn mixed(text: &str, chinese: bool, args: &[&str]) -> Option<String> {
    let own = typed(args);
    text.lines()
        .find(|line| {
            if chinese {
                // Paths and source lines (`  --> data/…`, ` 2 | …`) are the
                // user's; a line of message with Latin words is mixed.
                if !has_cjk(line) || line.trim_start().starts_with("-->") || line.contains(" | ") {
                    return false;
                }
                // Names in backquotes are the user's keys; paths
                // (`data/2017.yaml`) and options (`--out`) are names too.
                let line: String = line.split('`').step_by(2).collect();
                line.split(|c: char| !(c.is_ascii_alphanumeric() || "./_-".contains(c)))
                    .filter(|w| !w.is_empty() && !w.contains(['/', '.']) && !w.starts_with('-'))
                    .flat_map(|w| w.split(|c: char| !c.is_ascii_alphabetic()))
                    .filter(|w| !w.is_empty())
                    .any(|w| {
                        !NAMES.contains(&w)
                            && !crate::help::NAMES.contains(&w)
                            && !own.iter().any(|o| o == w)
                            && !w.chars().all(|c| c.is_ascii_uppercase())
                    })
            } else {
                has_cjk(line) && !line.contains(" | ")
            }
        })
        .map(str::to_string)
}

#[test]
fn no_message_mixes_the_two_languages() {
    let project = Project::empty();
    project.report(&["init"]).success();
    let mut found = Vec::new();
    for lang in ["zh_CN.UTF-8", "C.UTF-8"] {
        for args in BAD {
            let output = report_command()
                .current_dir(project.path())
                .env("LANG", lang)
                .args(*args)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!stderr.is_empty(), "{lang} {args:?} said nothing");
            assert_ne!(output.status.code(), Some(0), "{lang} {args:?}");
            if let Some(line) = mixed(&stderr, lang.starts_with("zh"), args) {
                found.push(format!("{lang} {args:?}: {line}"));
            }
        }
    }
    // The YAML parser's errors, said again for the clerk.
    let data = project.read("data/2017.yaml");
    for (typed, broken) in [
        ("    value: 40", "    value：40"),
        ("    value: 40", "\t  value: 40"),
        ("    value: 40", "    value:40"),
        ("    value: 40", "    value: \"40"),
        ("    value: 40", "  value: 40"),
        ("    value: 40", "    - value: 40"),
        ("    value: 40", "    value: [40"),
        ("    value: 40", "    value: @40"),
    ] {
        project.write("data/2017.yaml", &data.replacen(typed, broken, 1));
        for lang in ["zh_CN.UTF-8", "C.UTF-8"] {
            let output = report_command()
                .current_dir(project.path())
                .env("LANG", lang)
                .args(["build", "2017"])
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(2), "{broken}");
            let stderr = String::from_utf8_lossy(&output.stderr);
            if let Some(line) = mixed(&stderr, lang.starts_with("zh"), &[]) {
                found.push(format!("{lang} {broken:?}: {line}"));
            }
        }
    }
    assert!(found.is_empty(), "mixed lines:\n{}", found.join("\n"));
}

// Every usage error says what is wrong, in the user's words, and what to
// type instead.
#[test]
fn usage_errors_say_what_to_type() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["buidl"],
            "错误: 没有“buidl”这个命令\n提示: 是不是要用 report build？\n",
        ),
        (
            &["build"],
            "错误: 缺少年份\n提示: 写上年份，例如 report build 2017；或用 report build --all 处理全部年份\n",
        ),
        (
            &["build", "２０１７"],
            "错误: 年份“２０１７”不对：年份应为四位半角数字，例如 2017（这里用了全角数字，请改为 2017）\n提示: report build --help 列出这个命令的全部参数\n",
        ),
        (
            &["build", "2017", "--format", "pfd"],
            "错误: --format“pfd”不对：可用的格式：md、html、docx、pdf、ofd\n提示: report build --help 列出这个命令的全部参数\n",
        ),
        (
            &["build", "2017", "--all"],
            "错误: 年份 和 --all 不能同时使用\n提示: 只写其中一个\n",
        ),
        (
            &["serve", "--prot", "80"],
            "错误: 不认识的参数“--prot”\n提示: 是不是要写 --port？\n",
        ),
    ];
    for (args, expected) in cases {
        let output = Project::empty().report(args);
        output.failure(2);
        assert_eq!(output.stderr, *expected, "{args:?}");
    }
    // The same in English, and as JSON for tools.
    let output = report_command()
        .env("LANG", "C.UTF-8")
        .args(["--message-format", "json", "buidl"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "{\"version\":1,\"severity\":\"error\",\"code\":\"usage\",\"message\":\"there is no command “buidl”\",\"hint\":\"did you mean report build?\"}\n"
    );
}

// -q leaves only warnings and errors; -v says what was read and written.
#[test]
fn quiet_and_verbose() {
    let project = Project::empty();
    project.report(&["init"]).success();
    // The new project's data leaves one figure to fill in: its warning stays.
    let quiet = project.report(&["-q", "build", "2017"]);
    quiet.success();
    assert!(
        quiet.stderr.starts_with("警告: 指标 `house_walls`"),
        "{}",
        quiet.stderr
    );
    assert!(!quiet.stderr.contains("已生成"), "{}", quiet.stderr);
    let verbose = project.report(&["build", "2017", "--verbose"]);
    verbose.success();
    assert_eq!(
        verbose
            .stderr
            .lines()
            // The warning's source lines are tested elsewhere; sizes vary.
            .filter(|l| {
                ["模板", "警告", "2017：", "  out/", "已生成"]
                    .iter()
                    .any(|start| l.starts_with(start))
            })
            .map(|l| l.split('（').next().unwrap_or(l))
            .collect::<Vec<_>>(),
        [
            "模板：templates/report.html、templates/report.md",
            "警告: 指标 `house_walls`",
            "2017：读取 data/2017.yaml",
            "  out/2017.md 没有变化",
            "  out/2017.html 没有变化",
            "  out/2017.docx 没有变化",
            "已生成 out/2017.md、out/2017.html、out/2017.docx",
        ]
    );
}

// A hint that names a command names it as the user typed theirs: the
// project (-C), the output folder and formats, the unit; following it acts
// on the same files.
#[test]
fn hints_carry_what_was_typed() {
    const BUILD: &[&str] = &[
        "-C",
        "区 项目",
        "build",
        "2017",
        "--out",
        "发布",
        "--format",
        "md",
    ];
    let check = [BUILD, &["--check"]].concat();
    let root = Project::empty();
    root.report(&["init", "区 项目"]).success();
    root.report(BUILD).success();
    root.write("区 项目/发布/2017.md", "改过了\n");
    let stale = root.report(&check);
    stale.failure(1);
    assert!(
        stale.stderr.contains(
            "提示: 运行 report -C \"区 项目\" build 2017 --out 发布 --format md 重新生成，再提交\n"
        ),
        "{}",
        stale.stderr
    );
    // Following the hint as typed makes the check pass.
    root.report(BUILD).success();
    root.report(&check).success();

    // A year after the last is one `new` away.
    let missing = root.report(&["-C", "区 项目", "build", "2018"]);
    missing.failure(2);
    assert_eq!(
        missing.stderr,
        "错误: 找不到 2018 年的数据文件 `data/2018.yaml`\n\
         提示: 已有的年份：2017；要新建这一年，运行 report -C \"区 项目\" new 2018\n"
    );
}

// In a project of units, `new` is for one unit: it says so, and --unit
// makes the year from that unit's last.
#[test]
fn new_in_a_project_of_units() {
    let project = Project::copy_of(&crate::support::repo().join("examples/city"));
    let output = project.report(&["new", "2018"]);
    output.failure(2);
    assert_eq!(
        output.stderr,
        "错误: 这个项目按单位存放数据，要说明给哪个单位新建\n\
         提示: 例如 report new 2018 --unit dachuan；已有的单位：dachuan、dazhou、kaijiang、tongchuan\n"
    );
    let output = project.report(&["new", "2018", "--unit", "kaijiang"]);
    output.success();
    assert_eq!(
        output.stderr,
        "已创建 data/kaijiang/2018.yaml；填好“待填”的地方后运行 report check 2018 --unit kaijiang\n"
    );
    assert!(project.read("data/kaijiang/2018.yaml").contains("待填"));
    let missing = project.report(&["build", "2019", "--unit", "kaijiang"]);
    assert!(
        missing
            .stderr
            .contains("要新建这一年，运行 report new 2019 --unit kaijiang\n"),
        "{}",
        missing.stderr
    );
}

// Every JSON message names its form's version and a stable code, for every
// bad command line and for a project with errors and warnings of many
// rules; a summary carries its counts.
#[test]
fn json_messages_have_a_version_and_a_code() {
    let project = Project::empty();
    project.report(&["init"]).success();
    let data = project.read("data/2017.yaml");
    let broken = data
        .replacen("    value: 40", "    value: 四十", 1)
        .replacen("date: 2017-12-28", "date: 2017-02-30", 1);
    project.write("data/2018.yaml", &broken.replace("2017", "2018"));
    let mut runs: Vec<Vec<&str>> = BAD.iter().map(|a| a.to_vec()).collect();
    runs.push(vec!["build", "2017"]);
    runs.push(vec!["check", "--all"]);
    let mut codes = std::collections::BTreeSet::new();
    for args in runs {
        let output = report_command()
            .current_dir(project.path())
            .args(["--message-format", "json"])
            .args(&args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        for line in stdout.lines() {
            let message: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {line}"));
            assert_eq!(message["version"], 1, "{args:?}: {line}");
            let code = message["code"].as_str().unwrap_or_default();
            assert!(!code.is_empty() && code != "other", "{args:?}: {line}");
            if code == "summary" {
                assert!(message["counts"].is_object(), "{line}");
            }
            codes.insert(code.to_string());
        }
    }
    for code in [
        "usage",
        "unknown-value",
        "number-as-text",
        "bad-date",
        "summary",
        "year-not-found",
    ] {
        assert!(codes.contains(code), "{code} not among {codes:?}");
    }
}

// Every code a message can carry is listed in docs/commands.md, so a tool
// that reads the JSON can rely on the list.
#[test]
fn every_code_is_documented() {
    let docs = std::fs::read_to_string(crate::support::repo().join("docs/commands.md")).unwrap();
    let source = all_source();
    let mut missing = Vec::new();
    for opening in [".code(\"", "rule: \"", "const CODE: &str = \""] {
        for piece in source.split(opening).skip(1) {
            let code = piece.split('"').next().unwrap_or_default();
            if !docs.contains(&format!("`{code}`")) {
                missing.push(code.to_string());
            }
        }
    }
    assert!(missing.is_empty(), "undocumented codes: {missing:?}");
    // And the list names no code the tool never gives.
    let failures = std::fs::read_to_string(crate::support::repo().join("src/error.rs")).unwrap();
    let listed: Vec<&str> = docs
        .lines()
        .filter(|l| {
            l.starts_with("- 命令行：")
                || l.starts_with("- 文件与项目：")
                || l.starts_with("- 其余")
        })
        .flat_map(|l| l.split('`').skip(1).step_by(2))
        .collect();
    assert!(listed.len() > 50, "{listed:?}");
    let unknown: Vec<&&str> = listed
        .iter()
        .filter(|code| {
            let given = [
                format!(".code(\"{code}\")"),
                format!("rule: \"{code}\""),
                format!("CODE: &str = \"{code}\""),
            ]
            .iter()
            .any(|form| source.contains(form));
            // A failure's code, in `Error::code`.
            !given && !failures.contains(&format!("=> \"{code}\","))
        })
        .collect();
    assert!(unknown.is_empty(), "listed but never given: {unknown:?}");
}

/// Every source file's text, joined.
fn all_source() -> String {
    let mut text = String::new();
    let mut stack = vec![crate::support::repo().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    text
}

// init in the folder it runs in names its files as a person would, and
// its next step is the command to type there; the English summary counts
// in English.
#[test]
fn init_here_and_english_counts() {
    let project = Project::empty();
    let output = project.report(&["init"]);
    output.success();
    assert_eq!(
        output.stderr,
        "已创建 data/2017.yaml\n已创建 report.schema.json\n已创建 report.yaml\n已创建 .gitignore\n\
         已创建 templates/report.md\n已创建 templates/report.html\n下一步：report build 2017\n"
    );
    let output = report_command()
        .current_dir(project.path())
        .env("LANG", "C.UTF-8")
        .args(["check", "2017", "--message-format", "short"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.ends_with("\n2017: 0 errors, 1 warning\n"),
        "{stderr}"
    );
}
