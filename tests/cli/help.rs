//! `--help` in one language: Chinese under a Chinese locale, English under
//! any other, clap's own headings and phrases included.
//!
//! Every help text is pinned whole; the language tests read them all for
//! words of the other language.

use crate::support::report_command;

const COMMANDS: [&[&str]; 13] = [
    &[],
    &["build"],
    &["figures"],
    &["import"],
    &["check"],
    &["init"],
    &["new"],
    &["watch"],
    &["completions"],
    &["man"],
    &["schema"],
    &["serve"],
    &["sheet"],
];

fn help(lang: &str, command: &[&str]) -> String {
    let output = report_command()
        .env("LANG", lang)
        .args(command)
        .arg("--help")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{command:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The Latin words a Chinese help may hold: names the user types.
pub(crate) const NAMES: &[&str] = &[
    "report",
    "build",
    "check",
    "init",
    "new",
    "import",
    "txt",
    "year",
    "watch",
    "completions",
    "man",
    "help",
    "version",
    "project",
    "message",
    "format",
    "human",
    "short",
    "json",
    "all",
    "unit",
    "shard",
    "deny",
    "warnings",
    "browser",
    "out",
    "data",
    "yaml",
    "md",
    "html",
    "docx",
    "pdf",
    "ofd",
    "gitignore",
    "manifest",
    "shell",
    "bash",
    "zsh",
    "fish",
    "powershell",
    "elvish",
    "roff",
    "Markdown",
    "HTML",
    "Word",
    "PDF",
    "OFD",
    "YAML",
    "JSON",
    "CI",
    "Chromium",
    "Chrome",
    "Edge",
    "Ctrl",
    "true",
    "false",
    "serve",
    "figures",
    "csv",
    "CSV",
    "Excel",
    "WPS",
    "sheet",
    "xlsx",
    "force",
    "bind",
    "port",
    "schema",
    "Schema",
    "K",
    "N",
    "C",
    "h",
    "V",
    "q",
    "quiet",
    "v",
    "verbose",
    "auto",
];

#[test]
fn chinese_help_has_no_english_left() {
    for command in COMMANDS {
        let text = help("zh_CN.UTF-8", command);
        for word in ["用法：", "选项:", "打印帮助"] {
            assert!(text.contains(word), "{command:?} lacks {word}:\n{text}");
        }
        let english: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty() && !NAMES.contains(w))
            .collect();
        assert!(english.is_empty(), "{command:?}: {english:?}\n{text}");
    }
    assert!(help("zh_CN.UTF-8", &[]).contains("命令:"));
    assert!(help("zh_CN.UTF-8", &["build"]).contains("参数:\n  [年份]"));
}

#[test]
fn english_help_is_all_english() {
    for command in COMMANDS {
        let text = help("en_US.UTF-8", command);
        for word in ["Usage: ", "Options:", "print help"] {
            assert!(text.contains(word), "{command:?} lacks {word}:\n{text}");
        }
        // 待填 is the marker `new` writes into the file, quoted as such.
        let chinese: String = text
            .replace("待填", "")
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c) || "，。：；（）".contains(*c))
            .collect();
        assert!(chinese.is_empty(), "{command:?}: {chinese}\n{text}");
    }
}

/// Every command's help, whole, in both languages: a changed line is seen
/// in review. clap wraps at 100 columns off a terminal, as here and in CI.
#[test]
fn every_help_text_is_pinned() {
    for (lang, name) in [("zh_CN.UTF-8", "help_zh"), ("en_US.UTF-8", "help_en")] {
        let whole: Vec<String> = COMMANDS
            .iter()
            .map(|command| format!("── report {}\n{}", command.join(" "), help(lang, command)))
            .collect();
        insta::assert_snapshot!(name, whole.join("\n"));
    }
}
