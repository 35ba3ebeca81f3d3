//! What can go wrong, in two kinds kept apart in the types: [`Findings`],
//! problems in the project's own files that the user fixes, and [`Error`],
//! a run that could not be done as asked. Both turn into [`Diagnostic`]s
//! that say what, where and what to do; [`Exit`] is how a run ends.

use crate::tr;
use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// How a run ended: the process's exit code, the contract in docs/commands.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Done as asked.
    Done,
    /// Done, and `check` (or `build --check`) found problems.
    Problems,
    /// Could not be done as asked.
    Failed,
}

impl Exit {
    /// `Problems` when `found`, else `Done`.
    pub(crate) fn problems_if(found: bool) -> Self {
        if found { Self::Problems } else { Self::Done }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        Self::from(match exit {
            Exit::Done => 0,
            Exit::Problems => 1,
            Exit::Failed => 2,
        })
    }
}

/// Problems found in the project's own files (a data file, a workbook, the
/// config, a template), all of them, in the order found. A step that reads
/// those files gives them as its result's value, not as an [`Error`]: a
/// report with errors is still a report `check` lists and goes on from.
#[derive(Debug)]
pub(crate) struct Findings(pub(crate) Vec<Diagnostic>);

impl Findings {
    pub(crate) fn one(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

/// What a step that reads the project's files gives: `Err` when it could not
/// run at all (a file that cannot be read), `Ok(Err(findings))` when it ran
/// and found the files wrong, else `Ok(Ok(value))`. The nesting keeps the
/// two apart where they are handled apart (`check` lists findings and goes
/// on; a failure ends the run), and `??` fails on either where a command
/// cannot go on past findings.
pub(crate) type Outcome<T> = Result<Result<T, Findings>, Error>;

/// The findings of an [`Outcome`] returned as they are, its value kept:
/// `let x = found!(step());` in a function that returns an `Outcome`.
macro_rules! found {
    ($outcome:expr) => {
        match $outcome? {
            Ok(value) => value,
            Err(findings) => return Ok(Err(findings)),
        }
    };
}
pub(crate) use found;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command cannot go on: problems found in the project's files
    /// ([`Findings`] where the command needs them right), or what it was
    /// asked does not fit the project (a unit that does not exist, a file
    /// it would overwrite).
    Invalid(Vec<Diagnostic>),

    YearNotFound {
        year: u16,
        path: String,
        available: Vec<u16>,
        /// The command that starts this year from the last, when the year
        /// comes after the years there are (`report new 2019`).
        new: Option<String>,
    },

    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    NoProject {
        path: PathBuf,
    },

    NoData {
        path: String,
    },

    Watch {
        reason: String,
    },

    /// `serve` could not listen where it was asked to.
    Serve {
        address: String,
        reason: String,
    },

    Render {
        format: &'static str,
        reason: String,
    },

    /// PDF needs a Chromium-family browser, and none was found or it failed.
    Browser {
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Invalid(list) => {
                let n = list.len();
                let errors = crate::lang::count(n, "error", "errors");
                tr!("{n} 处错误", "{errors}")
            }
            Self::YearNotFound { year, path, .. } => tr!(
                "找不到 {year} 年的数据文件 `{path}`",
                "no data file for {year}: `{path}`"
            ),
            Self::Read { path, .. } => {
                tr!("无法读取 `{}`", "cannot read `{}`", path.display())
            }
            Self::Write { path, .. } => {
                tr!("无法写入 `{}`", "cannot write `{}`", path.display())
            }
            Self::NoProject { path } => tr!(
                "项目目录 `{}` 不存在或不是目录",
                "project folder `{}` does not exist or is not a folder",
                path.display()
            ),
            Self::Render { format, reason } => tr!(
                "无法生成 {format}：{reason}",
                "cannot produce {format}: {reason}"
            ),
            Self::Browser { reason } => {
                tr!("无法生成 PDF：{reason}", "cannot produce the PDF: {reason}")
            }
            Self::Watch { reason } => tr!(
                "无法监视文件的改动：{reason}",
                "cannot watch for changes: {reason}"
            ),
            Self::Serve { address, reason } => tr!(
                "无法在 {address} 上提供报告：{reason}",
                "cannot serve the report on {address}: {reason}"
            ),
            Self::NoData { path } => tr!(
                "`{path}` 里没有任何年份的数据文件",
                "`{path}` holds no year files"
            ),
        };
        f.write_str(&text)
    }
}

impl From<Findings> for Error {
    fn from(findings: Findings) -> Self {
        Self::Invalid(findings.0)
    }
}

impl Error {
    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        let code = self.code();
        let list = match self {
            Self::Invalid(list) => return list.clone(),
            Self::YearNotFound { available, new, .. } => {
                let hint = if available.is_empty() {
                    tr!(
                        "data/ 目录里还没有任何年份的数据文件；请先创建，例如 data/2017.yaml",
                        "data/ has no year files yet; create one, e.g. data/2017.yaml"
                    )
                    .to_string()
                } else {
                    let years: Vec<String> = available.iter().map(u16::to_string).collect();
                    let listed = crate::lang::list(&years);
                    match new {
                        Some(new) => tr!(
                            "已有的年份：{listed}；要新建这一年，运行 {new}",
                            "years with data: {listed}; to start this year, run {new}"
                        ),
                        None => tr!("已有的年份：{listed}", "years with data: {listed}"),
                    }
                };
                vec![Diagnostic::error(self.to_string()).hint(hint)]
            }
            Self::Read { source, .. } | Self::Write { source, .. } => {
                vec![Diagnostic::error(self.to_string()).note(io_reason(source))]
            }
            Self::Render { .. } => vec![Diagnostic::error(self.to_string())],
            Self::Browser { .. } => vec![Diagnostic::error(self.to_string()).hint(tr!(
                "PDF 由浏览器打印 HTML 得到：安装 Chromium、Google Chrome 或 Microsoft Edge，或用 --browser 指明浏览器程序的位置；其他格式不受影响",
                "the PDF is the HTML printed by a browser: install Chromium, Google Chrome or Microsoft Edge, or name the browser with --browser; the other formats are unaffected"
            ))],
            Self::Watch { .. } => vec![Diagnostic::error(self.to_string()).hint(tr!(
                "改用 report build；或检查系统对监视文件数量的限制（Linux：fs.inotify.max_user_watches）",
                "use report build instead, or check the system's limit on watched files (Linux: fs.inotify.max_user_watches)"
            ))],
            Self::Serve { .. } => vec![Diagnostic::error(self.to_string()).hint(tr!(
                "端口可能已被占用：换一个，例如 --port 8018，或 --port 0 由系统挑一个空闲的",
                "the port may be in use: choose another, e.g. --port 8018, or --port 0 for a free one"
            ))],
            Self::NoData { .. } => vec![Diagnostic::error(self.to_string()).hint(tr!(
                "数据文件按年份命名，例如 data/2017.yaml",
                "data files are named by year, e.g. data/2017.yaml"
            ))],
            Self::NoProject { .. } => vec![Diagnostic::error(self.to_string()).hint(tr!(
                "用 -C 指向含有 data/ 目录的项目文件夹",
                "point -C at the project folder that holds data/"
            ))],
        };
        list.into_iter().map(|d| d.code(code)).collect()
    }

    /// The stable code of a failure that is not a finding in a file.
    fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "invalid",
            Self::YearNotFound { .. } => "year-not-found",
            Self::Read { .. } => "read-failed",
            Self::Write { .. } => "write-failed",
            Self::Render { .. } => "render-failed",
            Self::Browser { .. } => "no-browser",
            Self::Watch { .. } => "watch-failed",
            Self::Serve { .. } => "serve-failed",
            Self::NoData { .. } => "no-data",
            Self::NoProject { .. } => "no-project",
        }
    }
}

fn io_reason(error: &io::Error) -> String {
    let reason = match error.kind() {
        io::ErrorKind::NotFound => tr!("文件或目录不存在", "no such file or folder"),
        io::ErrorKind::PermissionDenied => tr!("没有权限", "permission denied"),
        io::ErrorKind::NotADirectory => {
            tr!("路径中有一段不是目录", "a part of the path is not a folder")
        }
        io::ErrorKind::IsADirectory => {
            tr!("这是一个目录，不是文件", "this is a folder, not a file")
        }
        io::ErrorKind::StorageFull => tr!("磁盘已满", "the disk is full"),
        io::ErrorKind::ReadOnlyFilesystem => tr!("文件系统只读", "the file system is read-only"),
        io::ErrorKind::InvalidData => tr!("文件内容不是 UTF-8 文本", "the file is not UTF-8 text"),
        _ => String::new(),
    };
    if reason.is_empty() {
        error.to_string()
    } else {
        format!("{reason}（{error}）")
    }
}
