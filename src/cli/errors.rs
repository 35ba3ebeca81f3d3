//! clap's usage errors in the user's language. clap writes them in English
//! ("unrecognized subcommand", "For more information, try '--help'"); here
//! each kind of error is said again from its context (the argument, the
//! value, clap's suggestion), as a [`Diagnostic`] the console writes like
//! every other message: human, short or JSON.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::diagnostic::Diagnostic;
use crate::tr;

/// The rule code of every usage error, for `--message-format json`.
const CODE: &str = "usage";

/// What clap found, from its context.
struct Found<'a> {
    error: &'a clap::Error,
    /// The argument at fault as typed: `年份`, `--format`.
    arg: String,
    value: String,
    suggestion: Option<String>,
}

/// A usage error as the user reads it. `help_for` is the command line that
/// prints the help of the command the user typed (`report build --help`).
pub(crate) fn diagnostic(error: &clap::Error, help_for: &str) -> Diagnostic {
    let found = Found {
        error,
        arg: text(error, ContextKind::InvalidArg).map_or_else(String::new, |a| shown_arg(&a)),
        value: text(error, ContextKind::InvalidValue).unwrap_or_default(),
        suggestion: text(error, ContextKind::SuggestedSubcommand)
            .or_else(|| text(error, ContextKind::SuggestedArg))
            .or_else(|| text(error, ContextKind::SuggestedValue)),
    };
    let did_you_mean = |s: &String| tr!("是不是要写 {s}？", "did you mean {s}?");
    let (arg, value) = (&found.arg, &found.value);
    let (message, hint) = match error.kind() {
        ErrorKind::InvalidSubcommand => (
            tr!(
                "没有“{}”这个命令",
                "there is no command “{}”",
                text(error, ContextKind::InvalidSubcommand).unwrap_or_default()
            ),
            found
                .suggestion
                .as_ref()
                .map(|s| tr!("是不是要用 report {s}？", "did you mean report {s}?")),
        ),
        ErrorKind::UnknownArgument => (
            tr!(
                "不认识的参数“{arg}”",
                "“{arg}” is not an argument this command takes"
            ),
            found.suggestion.as_ref().map(did_you_mean),
        ),
        ErrorKind::InvalidValue => invalid_value(&found),
        ErrorKind::ValueValidation => {
            // Our own value parsers say what is wrong, in the user's words.
            let reason = std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_default();
            (
                tr!(
                    "{arg}“{value}”不对：{reason}",
                    "{arg} “{value}” is not valid: {reason}"
                ),
                None,
            )
        }
        ErrorKind::MissingRequiredArgument => missing(&found, help_for),
        ErrorKind::ArgumentConflict => {
            let prior: Vec<String> = strings(error, ContextKind::PriorArg)
                .iter()
                .map(|a| shown_arg(a))
                .collect();
            let prior = crate::lang::list(&prior);
            (
                tr!(
                    "{arg} 和 {prior} 不能同时使用",
                    "{arg} and {prior} cannot be used together"
                ),
                Some(tr!("只写其中一个", "give only one of them")),
            )
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => (
            tr!("缺少命令", "a command is missing"),
            Some(tr!(
                "例如 report build 2017；report --help 列出全部命令",
                "e.g. report build 2017; report --help lists every command"
            )),
        ),
        ErrorKind::InvalidUtf8 => (
            tr!(
                "参数里有无法识别的字符（不是 UTF-8）",
                "an argument is not valid UTF-8"
            ),
            Some(tr!(
                "检查路径和单位名称里的字符",
                "check the characters of paths and unit names"
            )),
        ),
        ErrorKind::TooManyValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::TooFewValues
        | ErrorKind::NoEquals => (
            tr!(
                "{arg} 的值写得不对",
                "{arg} is not given its value as it takes it"
            ),
            None,
        ),
        _ => (tr!("命令行有误", "the command line is not valid"), None),
    };
    Diagnostic::error(message)
        .code(CODE)
        .hint(hint.unwrap_or_else(|| {
            tr!(
                "{help_for} 列出这个命令的全部参数",
                "{help_for} lists what this command takes"
            )
        }))
}

/// A value not among those an option takes (`--format pfd`).
fn invalid_value(found: &Found) -> (String, Option<String>) {
    let valid = strings(found.error, ContextKind::ValidValue);
    let hint = match &found.suggestion {
        Some(s) => Some(tr!("是不是要写 {s}？", "did you mean {s}?")),
        None if !valid.is_empty() => Some(tr!(
            "可以写：{}",
            "possible values: {}",
            crate::lang::list(&valid)
        )),
        None => None,
    };
    let (arg, value) = (&found.arg, &found.value);
    let message = if value.is_empty() {
        tr!("{arg} 后面缺少值", "{arg} needs a value")
    } else {
        tr!("{arg} 不能是“{value}”", "{arg} cannot be “{value}”")
    };
    (message, hint)
}

/// A required argument left out; for the year, an example to copy.
fn missing(found: &Found, help_for: &str) -> (String, Option<String>) {
    let missing: Vec<String> = strings(found.error, ContextKind::InvalidArg)
        .iter()
        .map(|a| shown_arg(a))
        .collect();
    let year = missing
        .iter()
        .any(|m| m == "年份" || m.eq_ignore_ascii_case("year"));
    let hint = year.then(|| {
        let command = help_for.trim_end_matches(" --help");
        if command.ends_with(" build") || command.ends_with(" check") {
            tr!(
                "写上年份，例如 {command} 2017；或用 {command} --all 处理全部年份",
                "add the year, e.g. {command} 2017; or {command} --all for every year"
            )
        } else {
            tr!(
                "写上年份，例如 {command} 2017",
                "add the year, e.g. {command} 2017"
            )
        }
    });
    let missing = crate::lang::list(&missing);
    (tr!("缺少{missing}", "missing: {missing}"), hint)
}

/// `[年份]`, `<YEAR>`, `--shard <K/N>` as the user types them: `年份`,
/// `YEAR`, `--shard`.
fn shown_arg(arg: &str) -> String {
    let name = arg.split_whitespace().next().unwrap_or(arg);
    name.trim_matches(['[', ']', '<', '>', '.']).to_string()
}

fn text(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Strings(list) => list.first().cloned(),
        ContextValue::StyledStrs(list) => list.first().map(ToString::to_string),
        _ => None,
    }
}

fn strings(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::StyledStrs(list)) => list.iter().map(ToString::to_string).collect(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        _ => Vec::new(),
    }
}
