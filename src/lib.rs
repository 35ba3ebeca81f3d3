//! `report`: a year's metrics, kept as YAML, turned into an annual work report
//! (工作总结及工作计划) laid out per GB/T 9704-2012.
//!
//! The flow reads in one direction: [`dataset`] loads and validates into the
//! [`model`]; [`history`] and [`rollup`] set it beside the unit's other years
//! and its child units; [`render`] turns it into each format (through
//! [`templates`] for Markdown and HTML); [`lint`] checks the rendered text;
//! [`output`] writes atomically. [`pipeline`] is that path, shared by the
//! commands in [`cmd`]; [`run`] is what `main` calls.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod diagnostic;
pub mod error;
pub mod lang;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod source;
pub mod write;

use std::io::IsTerminal;
use std::path::PathBuf;

pub use cli::Cli;
use cli::console::{Console, MessageFormat};
use cli::{Command, Deny};
use cmd::build::Mode;
pub use error::Error;
use source::config::{Overrides, Project};
use source::units::{self, Selection};

/// Runs a parsed command line, prints what happened, and returns the exit
/// code: 0 done, 1 `check` (or `build --check`) found problems, 2 could not
/// be done.
pub fn run(cli: Cli) -> u8 {
    let console = Console::new(cli.message_format);
    let code = match execute(cli, &console) {
        Ok(code) => code,
        Err(error) => {
            console.diagnostics(&error.diagnostics());
            error.exit_code()
        }
    };
    // Messages that did not reach their reader: the run could not be done
    // as asked, whatever it built.
    if console.write_failed() {
        return code.max(2);
    }
    code
}

fn execute(cli: Cli, console: &Console) -> Result<u8, Error> {
    let root = cli.project.unwrap_or_else(|| PathBuf::from("."));
    match cli.command {
        Command::Build(args) => {
            let project = Project::open(
                &root,
                Overrides {
                    out: args.out,
                    formats: args.format,
                    browser: args.browser,
                },
            )?;
            let jobs = units::jobs(&project, &args.scope.selection())?;
            let mode = if args.check { Mode::Check } else { Mode::Write };
            let progress = progress_bar(cli.message_format, jobs.len());
            let mut summary = cmd::build::Summary::new(&project, mode, console);
            cmd::build::build(&project, &jobs, mode, &mut |result| {
                progress.suspend(|| summary.add(&result));
                progress.inc(1);
            })?;
            progress.finish_and_clear();
            Ok(summary.finish())
        }
        Command::Check(args) => {
            let project = Project::open(&root, Overrides::default())?;
            let jobs = units::jobs(&project, &args.scope.selection())?;
            // A report that cannot be checked at all (an unreadable file)
            // fails the run once the others are printed.
            let (mut tally, mut stopped) = (cmd::check::Tally::default(), None);
            cmd::check::check(&project, &jobs, &mut |result| match result {
                Ok(checked) => tally.add(&checked, console),
                Err(error) => {
                    stopped.get_or_insert(error);
                }
            })?;
            if let Some(error) = stopped {
                return Err(error);
            }
            Ok(tally.exit_code(args.deny == Some(Deny::Warnings)))
        }
        Command::Init(args) => init(&root, &args.dir, console),
        Command::New(args) => {
            let project = Project::open(&root, Overrides::default())?;
            let path = cmd::new::new_year(&project, args.year)?;
            console.status(&tr!(
                "已创建 {}；填好“待填”的地方后运行 report check {}",
                "created {}; fill in every 待填, then run report check {}",
                project.shown(&path),
                args.year
            ));
            Ok(0)
        }
        Command::Watch(args) => {
            let project = Project::open(
                &root,
                Overrides {
                    out: args.out,
                    formats: Vec::new(),
                    browser: None,
                },
            )?;
            let job = one_job(&project, Some(args.year), args.unit)?;
            cmd::watch::watch(&project, &job, console)
        }
        Command::Completions(args) => {
            let mut command = cli::command();
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "report", &mut script);
            console.stdout(&script);
            Ok(0)
        }
        Command::Man => man_page(console),
        Command::Serve(args) => {
            let project = Project::open(&root, Overrides::default())?;
            let job = one_job(&project, args.year, args.unit)?;
            let address = std::net::SocketAddr::new(args.bind, args.port);
            cmd::serve::serve(&project, &job, address, console)
        }
        Command::Schema => {
            console.stdout(source::schema::file_text().as_bytes());
            Ok(0)
        }
    }
}

/// The one report `watch` and `serve` follow: the year given, or the
/// latest, of the unit given.
fn one_job(
    project: &Project,
    year: Option<u16>,
    unit: Option<String>,
) -> Result<units::Job, Error> {
    let selection = Selection {
        year,
        unit,
        shard: None,
    };
    units::jobs(project, &selection)?
        .pop()
        .ok_or(Error::NoData {
            path: project.shown(&project.data_dir),
        })
}

fn init(root: &std::path::Path, dir: &std::path::Path, console: &Console) -> Result<u8, Error> {
    let dir = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        root.join(dir)
    };
    let created = cmd::init::init(&dir)?;
    for path in &created {
        console.status(&tr!("已创建 {}", "created {}", path.display()));
    }
    console.status(&tr!(
        "下一步：cd {} && report build 2017",
        "next: cd {} && report build 2017",
        dir.display()
    ));
    Ok(0)
}

fn man_page(console: &Console) -> Result<u8, Error> {
    let man = clap_mangen::Man::new(cli::command());
    let mut page = Vec::new();
    man.render(&mut page).map_err(|source| Error::Write {
        path: PathBuf::from("-"),
        source,
    })?;
    console.stdout(&page);
    Ok(0)
}

/// A progress bar for several years, on a terminal only: never on a pipe,
/// in CI, or with a machine-readable message format.
fn progress_bar(format: MessageFormat, years: usize) -> indicatif::ProgressBar {
    let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if years < 2 || !interactive || format != MessageFormat::Human {
        return indicatif::ProgressBar::hidden();
    }
    indicatif::ProgressBar::new(years as u64)
}
