//! The command line, as clap parses it. Nothing here does work; `lib::run`
//! turns it into a [`Project`](crate::config::Project) and a command.

use crate::tr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::format_hint;
use crate::console::MessageFormat;
use crate::format::Format;
use crate::units::Selection;

#[derive(Debug, Parser)]
#[command(
    name = "report",
    version,
    about = "把年度数据（YAML）生成工作总结及工作计划（Markdown、HTML）",
    after_help = "退出码：0 成功；1 check 发现了问题；2 无法完成（数据、模板或文件有错，或参数不对）。"
)]
pub struct Cli {
    /// 项目文件夹（含 data/ 的目录），默认为当前目录
    #[arg(short = 'C', long = "project", value_name = "DIR", global = true)]
    pub project: Option<PathBuf>,

    /// 提示信息的格式：human（默认，带出错的行）、short（每条一行，适合 CI）、json（每条一个 JSON 对象，输出到标准输出）
    #[arg(
        long,
        value_enum,
        default_value_t,
        global = true,
        value_name = "FORMAT"
    )]
    pub message_format: MessageFormat,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 生成某一年（或 --all 全部年份）的报告：读取 data/<YEAR>.yaml，写出 out/<YEAR>.md、.html、.docx
    ///
    /// 输入和输出都没有变化的报告不再生成：输出文件夹里的 .report-manifest.json（构建记录）记着它们的哈希；删掉它就会全部重新生成。
    Build(BuildArgs),
    /// 检查某一年（或 --all 全部年份）的数据和生成的文字，不写任何文件
    Check(CheckArgs),
    /// 新建一个项目：示例数据、可编辑的模板和 .gitignore
    Init(InitArgs),
    /// 根据上一年的数据新建某一年的数据文件，待填的地方标为“待填”
    New(NewArgs),
    /// 数据或模板一改就重新生成某一年的报告（Ctrl-C 结束）
    Watch(WatchArgs),
    /// 输出命令行补全脚本：bash、zsh、fish、powershell、elvish
    Completions(CompletionsArgs),
    /// 输出 man 手册页（roff 格式）
    Man,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 新项目的目录，默认为当前目录
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// 年份，四位数字，例如 2018
    #[arg(value_parser = parse_year)]
    pub year: u16,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// 年份，四位数字，例如 2017
    #[arg(value_parser = parse_year)]
    pub year: u16,

    /// 监视哪个单位（分单位的项目）
    #[arg(long, value_name = "NAME")]
    pub unit: Option<String>,

    /// 输出文件夹（相对于项目文件夹），默认 out
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// 哪种 shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Which reports a command covers: a year or all, a unit or all, a shard.
#[derive(Debug, Args)]
pub struct Scope {
    /// 年份，四位数字，例如 2017
    #[arg(value_parser = parse_year, required_unless_present = "all", conflicts_with = "all")]
    pub year: Option<u16>,

    /// data/ 里的全部年份（并行处理）
    #[arg(long)]
    pub all: bool,

    /// 只处理这一个单位（data/<单位>/ 里的年份）
    #[arg(long, value_name = "NAME")]
    pub unit: Option<String>,

    /// 只处理第 K 份（共 N 份）单位，供 N 个 CI 任务分工：--shard 2/4
    #[arg(long, value_name = "K/N", value_parser = crate::units::parse_shard)]
    pub shard: Option<(usize, usize)>,
}

impl Scope {
    pub fn selection(self) -> Selection {
        Selection {
            year: self.year,
            unit: self.unit,
            shard: self.shard,
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub scope: Scope,

    /// 把警告也当作问题（退出码 1），适合 CI：--deny warnings
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub scope: Scope,

    /// 不写文件，只核对磁盘上的输出是否与现在的数据、模板一致；不一致时退出码为 1（CI 用）
    #[arg(long)]
    pub check: bool,

    /// 打印 PDF 用的浏览器程序（Chromium、Chrome 或 Edge）；不指定时自动查找
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,

    /// 输出文件夹（相对于项目文件夹），默认 out
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// 输出格式，逗号分隔：md、html、docx、pdf；默认 md,html,docx
    #[arg(long, value_name = "FORMATS", value_delimiter = ',', value_parser = parse_format)]
    pub format: Vec<Format>,
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
        let years = crate::dataset::YEARS;
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
