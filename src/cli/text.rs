//! The command line's words in the user's language. clap writes its own
//! headings and built-in help in English (Usage, Commands, Options, Print
//! help, [default: …]); here every heading, every help line and every usage
//! line is set from one table, Chinese or English by the locale, so that
//! `report --help` is wholly one language.

use std::fmt::Write as _;

use clap::{Arg, ArgAction, Command};

/// One text in both languages.
struct Text {
    zh: &'static str,
    en: &'static str,
}

const fn t(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

/// `(command, argument or "" for the command itself, text)`.
const TEXTS: &[(&str, &str, Text)] = &[
    (
        "report",
        "",
        t(
            "把年度数据（YAML 或填好的 Excel 表）生成工作总结及工作计划：Markdown、HTML、Word、PDF 和 OFD",
            "turns a year's figures (YAML, or a filled-in Excel sheet) into a work summary and next-year plan: Markdown, HTML, Word, PDF and OFD",
        ),
    ),
    (
        "report",
        "project",
        t(
            "项目文件夹（含 data/ 的目录），默认为当前目录",
            "the project folder (the one holding data/); the current folder by default",
        ),
    ),
    (
        "report",
        "message_format",
        t(
            "提示信息的格式：human（默认，带出错的行）、short（每条一行，适合 CI）、json（每条一个 JSON 对象，输出到标准输出）",
            "how messages are written: human (the default, with the offending line), short (one line each, for CI), json (one JSON object each, on standard output)",
        ),
    ),
    (
        "report",
        "quiet",
        t(
            "安静：不显示进度和小结，只显示警告和错误",
            "quiet: no progress or summary lines, only warnings and errors",
        ),
    ),
    (
        "report",
        "verbose",
        t(
            "详细：另外显示读了哪些文件、用了哪个模板、每份输出的大小",
            "verbose: also show which files were read, which templates were used, and each output's size",
        ),
    ),
    (
        "new",
        "unit",
        t(
            "按单位存放数据的项目：给哪个单位新建（data/<单位>/<年份>.yaml）",
            "in a project of units: the unit the year is for (data/<UNIT>/<YEAR>.yaml)",
        ),
    ),
    (
        "build",
        "",
        t(
            "生成某一年（或 --all 全部年份）的报告：读取 data/<年份>.yaml，写出 out/<年份>.md、.html、.docx",
            "builds one year's report (or every year's with --all): reads data/<YEAR>.yaml, writes out/<YEAR>.md, .html, .docx",
        ),
    ),
    (
        "build",
        "check",
        t(
            "不写文件，只核对磁盘上的输出是否与现在的数据、模板一致；不一致时退出码为 1（CI 用）",
            "writes nothing; checks that the outputs on disk match the data and templates, exit code 1 if not (for CI)",
        ),
    ),
    (
        "build",
        "browser",
        t(
            "改由浏览器打印 HTML 得到 PDF：浏览器程序（Chromium、Chrome 或 Edge）的路径，或 auto 自动查找；不写时 PDF 由程序自己排版",
            "have a browser print the HTML as the PDF: the path of Chromium, Chrome or Edge, or auto to find one; without it the tool sets the PDF itself",
        ),
    ),
    (
        "build",
        "out",
        t(
            "输出文件夹（相对于项目文件夹），默认 out",
            "the output folder (relative to the project); out by default",
        ),
    ),
    (
        "build",
        "format",
        t(
            "输出格式，逗号分隔：md、html、docx、pdf、ofd；默认 md,html,docx",
            "output formats, comma-separated: md, html, docx, pdf, ofd; md,html,docx by default",
        ),
    ),
    (
        "check",
        "",
        t(
            "检查某一年（或 --all 全部年份）的数据和生成的文字，不写任何文件",
            "checks one year's data and generated text (or every year's with --all); writes nothing",
        ),
    ),
    (
        "check",
        "deny",
        t(
            "把警告也当作问题（退出码 1），适合 CI：--deny warnings",
            "treat warnings as problems too (exit code 1), for CI: --deny warnings",
        ),
    ),
    (
        "init",
        "",
        t(
            "新建一个项目：示例数据、可编辑的模板和 .gitignore",
            "starts a project: example data, editable templates and a .gitignore",
        ),
    ),
    (
        "init",
        "dir",
        t(
            "新项目的目录，默认为当前目录",
            "the new project's folder; the current folder by default",
        ),
    ),
    (
        "figures",
        "",
        t(
            "列出报告印出的每个数字：在哪一部分、印成什么、数值和单位、在数据文件哪一行，算出来的数字列出算法和依据",
            "lists every figure the report prints: where, as printed, its value and unit, the line of the data file it comes from, and for a computed one the formula and its inputs",
        ),
    ),
    (
        "figures",
        "year",
        t(
            "年份，四位数字，例如 2017",
            "the year, four digits, e.g. 2017",
        ),
    ),
    (
        "figures",
        "unit",
        t(
            "单位（data/ 下的子文件夹名）；不写时为 data/ 本身",
            "the unit (a folder under data/); data/ itself when not given",
        ),
    ),
    (
        "figures",
        "csv",
        t(
            "另外写出一份 CSV 表格（Excel、WPS 可直接打开），每个数字一行，末列留作核对打勾",
            "also write a CSV sheet (opens in Excel and WPS), one row per figure, the last column left for ticking",
        ),
    ),
    (
        "new",
        "",
        t(
            "根据上一年的数据新建某一年的数据文件，待填的地方标为“待填”",
            "starts a year's data file from last year's, with every figure still to fill in marked",
        ),
    ),
    (
        "new",
        "year",
        t(
            "年份，四位数字，例如 2018",
            "the year, four digits, e.g. 2018",
        ),
    ),
    (
        "sheet",
        "",
        t(
            "写出某一年的填数表格（Excel 工作簿 data/<年份>.xlsx，分单位的项目每个单位一份）：每个指标一行，列出上年数字和今年目标，只留要填的格子；填好放回原处，build 就从表里读数",
            "writes a year's fill-in workbook (data/<YEAR>.xlsx, one per unit in a project of units): a row per metric with last year's figure and this year's target, only the cells to fill open; put it back filled in and build reads the figures from it",
        ),
    ),
    (
        "sheet",
        "year",
        t(
            "年份，四位数字，例如 2018",
            "the year, four digits, e.g. 2018",
        ),
    ),
    (
        "sheet",
        "unit",
        t(
            "只写这个单位的表格（data/ 下的子文件夹名）；不写时每个单位各一份",
            "only this unit's workbook (a folder under data/); every unit's when not given",
        ),
    ),
    (
        "sheet",
        "force",
        t(
            "表格已经存在时也重新生成（会丢掉已填的数）",
            "write the workbook even if it exists (losing what was filled in)",
        ),
    ),
    (
        "import",
        "",
        t(
            "把一份旧报告（.docx、.txt 或 .md）导入为数据文件 data/<年份>.yaml：数字变成指标，编号和标点的错误改正后列出",
            "imports an old report (.docx, .txt or .md) as data/<YEAR>.yaml: figures become metrics, numbering and punctuation are repaired and listed",
        ),
    ),
    (
        "import",
        "file",
        t("要导入的报告文件", "the report file to import"),
    ),
    (
        "import",
        "year",
        t(
            "报告的年份；不写时从标题或成文日期读出",
            "the report's year; read from its title or date when not given",
        ),
    ),
    (
        "import",
        "unit",
        t(
            "导入为某个单位的数据：写到 data/<单位>/<年份>.yaml",
            "import as a unit's data: writes data/<UNIT>/<YEAR>.yaml",
        ),
    ),
    (
        "watch",
        "",
        t(
            "数据或模板一改就重新生成某一年的报告（Ctrl-C 结束）",
            "rebuilds a year's report whenever its data or templates change (Ctrl-C stops)",
        ),
    ),
    (
        "watch",
        "year",
        t(
            "年份，四位数字，例如 2017",
            "the year, four digits, e.g. 2017",
        ),
    ),
    (
        "watch",
        "unit",
        t(
            "监视哪个单位（分单位的项目）",
            "which unit to watch (in a project with units)",
        ),
    ),
    (
        "watch",
        "out",
        t(
            "输出文件夹（相对于项目文件夹），默认 out",
            "the output folder (relative to the project); out by default",
        ),
    ),
    (
        "completions",
        "",
        t(
            "输出命令行补全脚本：bash、zsh、fish、powershell、elvish",
            "prints a shell completion script: bash, zsh, fish, powershell, elvish",
        ),
    ),
    ("completions", "shell", t("哪种 shell", "which shell")),
    (
        "man",
        "",
        t("输出 man 手册页（roff 格式）", "prints the man page (roff)"),
    ),
    (
        "serve",
        "",
        t(
            "在本机网页上看报告：保存数据、模板或配置后自动重新生成，打开的页面自己刷新，出错时页面上方显示错误（Ctrl-C 结束）",
            "shows the report in a local web page: rebuilt on every save of data, templates or config, the open page reloads itself, errors show above it (Ctrl-C stops)",
        ),
    ),
    (
        "serve",
        "year",
        t(
            "年份，四位数字；不写时用 data/ 里最新的一年",
            "the year, four digits; the latest in data/ when not given",
        ),
    ),
    (
        "serve",
        "port",
        t(
            "端口，默认 8017；写 0 时由系统挑一个空闲端口",
            "the port, 8017 by default; 0 lets the system pick a free one",
        ),
    ),
    (
        "serve",
        "bind",
        t(
            "监听的地址，默认 127.0.0.1（只有本机能打开）；要让别的电脑打开才写别的地址",
            "the address to listen on, 127.0.0.1 by default (this machine only); another only when other machines should open it",
        ),
    ),
    (
        "schema",
        "",
        t(
            "输出数据文件的 JSON Schema，供编辑器补全键名、标出写错的键",
            "prints the data file's JSON Schema, for editors to complete keys and mark misspelt ones",
        ),
    ),
    // The scope every reporting command shares.
    (
        "*",
        "year",
        t(
            "年份，四位数字，例如 2017",
            "the year, four digits, e.g. 2017",
        ),
    ),
    (
        "*",
        "all",
        t(
            "data/ 里的全部年份（并行处理）",
            "every year in data/ (in parallel)",
        ),
    ),
    (
        "*",
        "unit",
        t(
            "只处理这一个单位（data/<单位>/ 里的年份）",
            "this unit only (the years in data/<UNIT>/)",
        ),
    ),
    (
        "*",
        "shard",
        t(
            "只处理第 K 份（共 N 份）单位，供 N 个 CI 任务分工：--shard 2/4",
            "only the K-th of N shares of the units, for N CI jobs: --shard 2/4",
        ),
    ),
    ("*", "help", t("打印帮助", "print help")),
    ("*", "version", t("打印版本号", "print the version")),
];

/// What `build --help` adds below its options.
const BUILD_AFTER: Text = t(
    "输入和输出都没有变化的报告不再生成：输出文件夹里的 .report-manifest.json（构建记录）记着它们的哈希；删掉它就会全部重新生成。",
    "A report whose inputs and outputs have not changed is not built again: .report-manifest.json in the output folder (the build record) keeps their hashes; delete it to rebuild everything.",
);
const EXIT_CODES: Text = t(
    "退出码：0 成功；1 check 发现了问题；2 无法完成（数据、模板或文件有错，或参数不对）。",
    "Exit codes: 0 success; 1 check found problems; 2 could not finish (bad data, template or file, or bad arguments).",
);

fn pick(text: &Text, chinese: bool) -> &'static str {
    if chinese { text.zh } else { text.en }
}

fn text_for(command: &str, arg: &str, chinese: bool) -> Option<&'static str> {
    TEXTS
        .iter()
        .find(|(c, a, _)| *c == command && *a == arg)
        .or_else(|| TEXTS.iter().find(|(c, a, _)| *c == "*" && *a == arg))
        .map(|(_, _, text)| pick(text, chinese))
}

/// `command` with every word the user reads in one language.
pub(crate) fn localize(command: Command, chinese: bool) -> Command {
    let name = command.get_name().to_string();
    let (usage, commands, options, arguments, value) = if chinese {
        ("用法：", "命令", "选项", "参数", "命令")
    } else {
        ("Usage: ", "Commands", "Options", "Arguments", "COMMAND")
    };
    let has_version = command.get_version().is_some();
    let mut command = command
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(commands)
        .subcommand_value_name(value)
        .help_template(format!(
            "{{about-with-newline}}\n{usage}{{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(name == "report")
                // After the options every command takes (cli/mod.rs, 900…).
                .display_order(998),
        );
    if has_version {
        command = command.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(999),
        );
    }
    if let Some(about) = text_for(&name, "", chinese) {
        command = command.about(about).long_about(None::<&str>);
    }
    command = match name.as_str() {
        "report" => command.after_help(pick(&EXIT_CODES, chinese)),
        "build" => command.after_help(pick(&BUILD_AFTER, chinese)),
        _ => command,
    };
    command = command.mut_args(|arg| {
        let id = arg.get_id().to_string();
        let positional = arg.is_positional();
        let help = text_for(&name, &id, chinese).unwrap_or_default();
        // clap writes [default: …] and [possible values: …] in English:
        // they go into the help line instead.
        let mut help = help.to_string();
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let takes_values = arg.get_action().takes_values();
        let (default_word, values_word) = if chinese {
            ("默认", "可选")
        } else {
            ("default", "possible values")
        };
        if takes_values && !defaults.is_empty() && !help.contains(default_word) {
            let _ = write!(help, " [{default_word}: {}]", defaults.join(","));
        }
        if takes_values && !values.is_empty() && !help.contains(&values[0]) {
            let _ = write!(help, " [{values_word}: {}]", values.join(", "));
        }
        let mut arg = arg;
        if chinese && let Some(names) = arg.get_value_names() {
            let names: Vec<&'static str> = names.iter().map(|n| value_name(n.as_str())).collect();
            arg = arg.value_names(names);
        }
        let arg = arg
            .help(help)
            .long_help(None::<&str>)
            .hide_default_value(takes_values)
            .hide_possible_values(takes_values);
        if positional {
            arg.help_heading(arguments)
        } else {
            arg.help_heading(options)
        }
    });
    command.mut_subcommands(|sub| localize(sub, chinese))
}

/// A placeholder in Chinese.
fn value_name(name: &str) -> &'static str {
    match name {
        "DIR" => "目录",
        "FILE" => "文件",
        "NAME" => "单位",
        "PATH" => "路径",
        "PORT" => "端口",
        "ADDRESS" => "地址",
        "FORMAT" | "FORMATS" => "格式",
        "LEVEL" => "级别",
        "YEAR" => "年份",
        "SHELL" => "shell",
        "K/N" => "K/N",
        _ => "值",
    }
}

/// `command` and its subcommands with usage lines in the same language:
/// clap's own say `[OPTIONS]` and `<COMMAND>`.
pub(crate) fn with_usage(command: Command, bin: &str, chinese: bool) -> Command {
    let mut command = command.bin_name(bin);
    let rendered = command.render_usage().to_string();
    let mut usage = rendered
        .split_once(':')
        .map_or(rendered.as_str(), |(_, rest)| rest)
        .trim()
        .to_string();
    if chinese {
        usage = usage
            .replace("[OPTIONS]", "[选项]")
            .replace("<COMMAND>", "<命令>");
    }
    command.override_usage(usage).mut_subcommands(|sub| {
        let bin = format!("{bin} {}", sub.get_name());
        with_usage(sub, &bin, chinese)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    // A new argument or command without words in both languages would
    // print a bare line: every one is in the table.
    #[test]
    fn every_argument_and_command_has_both_texts() {
        fn walk(command: &Command, missing: &mut Vec<String>) {
            let name = command.get_name();
            if text_for(name, "", true).is_none() {
                missing.push(name.to_string());
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if text_for(name, id, true).is_none() {
                    missing.push(format!("{name} {id}"));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&crate::Cli::command(), &mut missing);
        assert!(missing.is_empty(), "no help text for {missing:?}");
        for (_, _, text) in TEXTS {
            assert!(!text.zh.is_empty() && !text.en.is_empty());
        }
    }
}
