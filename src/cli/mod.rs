//! The command line, as clap parses it. Nothing here does work; `lib::run`
//! turns it into a [`Project`](crate::source::config::Project) and a command.

pub(crate) mod console;
mod errors;
pub(crate) mod summary;
mod text;

use crate::tr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::cli::console::MessageFormat;
use crate::source::config::format_hint;
use crate::source::format::Format;
use crate::source::units::Selection;

#[derive(Debug, Parser)]
// Help texts, in both languages, are in `text`.
#[command(name = "report", version)]
pub struct Cli {
    // The options every command takes come after a command's own, in one
    // order everywhere (the help flag last).
    #[arg(
        short = 'C',
        long = "project",
        value_name = "DIR",
        global = true,
        display_order = 900
    )]
    pub(crate) project: Option<PathBuf>,

    #[arg(
        long,
        value_enum,
        default_value_t,
        global = true,
        value_name = "FORMAT",
        display_order = 901
    )]
    pub(crate) message_format: MessageFormat,

    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        display_order = 902
    )]
    pub(crate) quiet: bool,

    #[arg(short, long, global = true, display_order = 903)]
    pub(crate) verbose: bool,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Build(BuildArgs),
    Check(CheckArgs),
    Figures(FiguresArgs),
    Init(InitArgs),
    New(NewArgs),
    Sheet(SheetArgs),
    Import(ImportArgs),
    Watch(WatchArgs),
    Completions(CompletionsArgs),
    Man,
    Schema,
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[arg(value_parser = parse_year)]
    pub(crate) year: Option<u16>,

    #[arg(long, value_name = "NAME")]
    pub(crate) unit: Option<String>,

    #[arg(long, value_name = "PORT", default_value_t = 8017, value_parser = parse_port)]
    pub(crate) port: u16,

    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1", value_parser = parse_address)]
    pub(crate) bind: std::net::IpAddr,
}

#[derive(Debug, Args)]
pub(crate) struct FiguresArgs {
    #[arg(value_parser = parse_year)]
    pub(crate) year: u16,

    #[arg(long, value_name = "NAME")]
    pub(crate) unit: Option<String>,

    #[arg(long, value_name = "FILE")]
    pub(crate) csv: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    #[arg(value_name = "DIR", default_value = ".")]
    pub(crate) dir: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    #[arg(value_parser = parse_year)]
    pub(crate) year: u16,

    #[arg(long, value_name = "NAME")]
    pub(crate) unit: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct SheetArgs {
    #[arg(value_parser = parse_year)]
    pub(crate) year: u16,

    #[arg(long, value_name = "NAME")]
    pub(crate) unit: Option<String>,

    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,

    #[arg(long, value_parser = parse_year)]
    pub(crate) year: Option<u16>,

    #[arg(long, value_name = "NAME")]
    pub(crate) unit: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    #[arg(value_parser = parse_year)]
    pub(crate) year: u16,

    #[arg(long, value_name = "NAME")]
    pub(crate) unit: Option<String>,

    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// Which reports a command covers: a year or all, a unit or all, a shard.
#[derive(Debug, Args)]
pub(crate) struct Scope {
    #[arg(value_parser = parse_year, required_unless_present = "all", conflicts_with = "all")]
    pub(crate) year: Option<u16>,

    #[arg(long)]
    pub(crate) all: bool,

    #[arg(long, value_name = "NAME")]
    pub(crate) unit: Option<String>,

    #[arg(long, value_name = "K/N", value_parser = crate::source::units::parse_shard)]
    pub(crate) shard: Option<(usize, usize)>,
}

impl Scope {
    pub(crate) fn selection(self) -> Selection {
        Selection {
            year: self.year,
            unit: self.unit,
            shard: self.shard,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) scope: Scope,

    #[arg(long, value_enum, value_name = "LEVEL")]
    pub(crate) deny: Option<Deny>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Deny {
    Warnings,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) scope: Scope,

    #[arg(long)]
    pub(crate) check: bool,

    #[arg(long, value_name = "PATH")]
    pub(crate) browser: Option<PathBuf>,

    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<PathBuf>,

    #[arg(long, value_name = "FORMATS", value_delimiter = ',', value_parser = parse_format)]
    pub(crate) format: Vec<Format>,
}

/// The command line as the user reads it: every heading, help line and
/// usage line in the locale's language (Chinese or English).
pub(crate) fn command() -> clap::Command {
    use clap::CommandFactory;
    let chinese = crate::lang::chinese();
    let localized = crate::cli::text::localize(Cli::command(), chinese);
    crate::cli::text::with_usage(localized, "report", chinese)
}

/// Parses the process's arguments with [`command`]; `--help`, `--version`
/// and argument errors print and exit, as clap does.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    // Putting every help text into the user's language costs more than the
    // rest of the parse (0.28 M instructions, callgrind), and arguments
    // that parse need none of it: only help, version and errors are parsed
    // again with the localized command, which accepts the same arguments.
    if let Ok(matches) = Cli::command().try_get_matches()
        && let Ok(cli) = Cli::from_arg_matches(&matches)
    {
        return cli;
    }
    let error = match command().try_get_matches() {
        Ok(matches) => match Cli::from_arg_matches(&matches) {
            Ok(cli) => return cli,
            Err(error) => error,
        },
        Err(error) => error,
    };
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if matches!(
        error.kind(),
        clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
    ) {
        // Help and the version, written where clap writes them; help that
        // could not be written (a full disk) is a failure, not 0.
        if let Err(failed) = error.print()
            && failed.kind() != std::io::ErrorKind::BrokenPipe
        {
            eprintln!(
                "{}",
                tr!("错误：无法写出：{failed}", "error: cannot write: {failed}")
            );
            std::process::exit(2);
        }
        std::process::exit(0);
    }
    // A usage error, in the user's language and the asked message format
    // (read from the arguments: they did not parse).
    let console = console::Console::new(typed_format(&args));
    console.diagnostic(&errors::diagnostic(&error, &help_for(&args)));
    std::process::exit(2)
}

/// `--message-format` as typed, even among arguments that did not parse.
fn typed_format(args: &[String]) -> MessageFormat {
    use clap::ValueEnum;
    let value = args.iter().enumerate().find_map(|(i, arg)| {
        arg.strip_prefix("--message-format=")
            .map(str::to_string)
            .or_else(|| (arg == "--message-format").then(|| args.get(i + 1).cloned())?)
    });
    value
        .and_then(|v| MessageFormat::from_str(&v, true).ok())
        .unwrap_or_default()
}

/// The command line that prints the help of the command typed.
fn help_for(args: &[String]) -> String {
    use clap::CommandFactory;
    let command = Cli::command();
    match args
        .iter()
        .find_map(|a| command.find_subcommand(a).map(|c| c.get_name().to_string()))
    {
        Some(name) => format!("report {name} --help"),
        None => "report --help".to_string(),
    }
}

/// A year as typed on the command line: four ASCII digits, nothing else, so
/// it can never name a path outside `data/`.
fn parse_year(text: &str) -> Result<u16, String> {
    let fix = tr!(
        "年份应为四位半角数字，例如 2017",
        "the year must be four ASCII digits, e.g. 2017"
    );
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        let year = text.parse::<u16>().map_err(|_| fix.clone())?;
        let years = crate::source::dataset::YEARS;
        return if years.contains(&year) {
            Ok(year)
        } else {
            Err(tr!(
                "年份 {year} 不在 {}–{} 之内",
                "the year {year} is outside {}–{}",
                years.start(),
                years.end()
            ))
        };
    }
    let full_width: String = text
        .chars()
        .filter_map(|c| {
            ('０'..='９')
                .contains(&c)
                .then(|| char::from_u32(c as u32 - 0xFEE0))
                .flatten()
        })
        .collect();
    if full_width.chars().count() == text.chars().count() && full_width.len() == 4 {
        return Err(tr!(
            "{fix}（这里用了全角数字，请改为 {full_width}）",
            "{fix} (these are full-width digits; write {full_width})"
        ));
    }
    if let Some(stem) = text.strip_suffix(".yaml").filter(|s| s.len() == 4) {
        return Err(tr!(
            "{fix}（只写年份，不写文件名：{stem}）",
            "{fix} (the year alone, not the file name: {stem})"
        ));
    }
    Err(fix)
}

/// The standard library's reasons are English: these say it in the
/// user's language.
fn parse_port(text: &str) -> Result<u16, String> {
    text.parse().map_err(|_| {
        tr!(
            "端口是 0 到 65535 之间的整数，例如 8017",
            "a port is a whole number from 0 to 65535, e.g. 8017"
        )
    })
}

fn parse_address(text: &str) -> Result<std::net::IpAddr, String> {
    text.parse().map_err(|_| {
        tr!(
            "地址写成 IP 地址：本机 127.0.0.1，让局域网里的电脑也能打开用 0.0.0.0",
            "an address is an IP address: 127.0.0.1 for this machine, 0.0.0.0 to let the local network in"
        )
    })
}

fn parse_format(text: &str) -> Result<Format, String> {
    Format::parse(text.trim()).ok_or_else(format_hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn years_are_four_ascii_digits() {
        assert_eq!(parse_year("2017"), Ok(2017));
        for bad in [
            "../../etc/passwd",
            "2017/../x",
            "-1",
            "99999",
            "２０１７",
            "2017.yaml",
            "0999",
            "",
        ] {
            assert!(parse_year(bad).is_err(), "{bad}");
        }
        // Outside 1949–2100 with the range as the reason, not the format.
        for outside in ["0001", "1948", "2101", "9999"] {
            let message = parse_year(outside).unwrap_err();
            assert!(message.contains("1949–2100"), "{outside}: {message}");
        }
        assert_eq!(parse_year("1949"), Ok(1949));
        assert_eq!(parse_year("2100"), Ok(2100));
        assert!(parse_year("２０１７").unwrap_err().contains("2017"));
    }
}
