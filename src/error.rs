//! The library's error type. Each variant knows its exit code and turns into
//! [`Diagnostic`]s that say what, where and what to do.

use std::io;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems found in a data, config or template file; all are reported.
    #[error("{} 处错误", .0.len())]
    Invalid(Vec<Diagnostic>),

    #[error("找不到 {year} 年的数据文件 `{path}`")]
    YearNotFound {
        year: u16,
        path: String,
        available: Vec<u16>,
    },

    #[error("无法读取 `{}`", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("无法写入 `{}`", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("项目目录 `{}` 不存在或不是目录", path.display())]
    NoProject { path: PathBuf },

    #[error("`{path}` 里没有任何年份的数据文件")]
    NoData { path: String },
}

impl Error {
    /// 2: the tool could not do what was asked (the contract in the README).
    pub fn exit_code(&self) -> u8 {
        2
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Self::Invalid(list) => list.clone(),
            Self::YearNotFound { available, .. } => {
                let hint = if available.is_empty() {
                    "data/ 目录里还没有任何年份的数据文件；请先创建，例如 data/2017.yaml"
                        .to_string()
                } else {
                    let years: Vec<String> = available.iter().map(u16::to_string).collect();
                    format!("已有的年份：{}", years.join("、"))
                };
                vec![Diagnostic::error(self.to_string()).hint(hint)]
            }
            Self::Read { source, .. } | Self::Write { source, .. } => {
                vec![Diagnostic::error(self.to_string()).note(io_reason(source))]
            }
            Self::NoData { .. } => vec![
                Diagnostic::error(self.to_string()).hint("数据文件按年份命名，例如 data/2017.yaml"),
            ],
            Self::NoProject { .. } => vec![
                Diagnostic::error(self.to_string()).hint("用 -C 指向含有 data/ 目录的项目文件夹"),
            ],
        }
    }
}

fn io_reason(error: &io::Error) -> String {
    let reason = match error.kind() {
        io::ErrorKind::NotFound => "文件或目录不存在",
        io::ErrorKind::PermissionDenied => "没有权限",
        io::ErrorKind::NotADirectory => "路径中有一段不是目录",
        io::ErrorKind::IsADirectory => "这是一个目录，不是文件",
        io::ErrorKind::StorageFull => "磁盘已满",
        io::ErrorKind::ReadOnlyFilesystem => "文件系统只读",
        io::ErrorKind::InvalidData => "文件内容不是 UTF-8 文本",
        _ => "",
    };
    if reason.is_empty() {
        error.to_string()
    } else {
        format!("{reason}（{error}）")
    }
}
