//! Where messages go and in which form: `human` (the line shown with a
//! marker, colour on a terminal only; anstream drops it on a pipe or with
//! `NO_COLOR`), `short` (one `path:line:col: severity: message` line, for CI
//! logs) or `json` (one object per line on stdout, for tools).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum MessageFormat {
    #[default]
    Human,
    Short,
    Json,
}

/// How much the console says beyond warnings and errors (`-q`, `-v`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Verbosity {
    /// Warnings and errors only.
    Quiet,
    /// Progress and summary lines too.
    #[default]
    Normal,
    /// Also what was read and written, with sizes and times.
    Verbose,
}

#[derive(Debug, Clone)]
pub(crate) struct Console {
    format: MessageFormat,
    verbosity: Verbosity,
    /// Set when a message could not be written (a full disk under a
    /// redirect, `/dev/full`): the run then fails, since whoever reads the
    /// messages did not get them.
    failed: Arc<AtomicBool>,
}

/// The version of the JSON messages' form (docs/commands.md “JSON 消息”):
/// raised when a field changes meaning or goes away, not when one is added.
pub(crate) const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonMessage<'a> {
    version: u32,
    severity: &'a str,
    /// The rule or failure, stable across versions and languages
    /// (`unknown-metric`, `usage`, `summary`).
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    /// A workbook's sheet and cell (`交通局!C7`), which then stand for
    /// the line and column.
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    /// A summary's counts, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<&'a serde_json::Map<String, serde_json::Value>>,
}

impl Console {
    pub(crate) fn new(format: MessageFormat) -> Self {
        Self {
            format,
            verbosity: Verbosity::Normal,
            failed: Arc::new(AtomicBool::new(false)),
        }
    }

    #[must_use]
    pub(crate) fn with_verbosity(mut self, verbosity: Verbosity) -> Self {
        self.verbosity = verbosity;
        self
    }

    pub(crate) fn verbose(&self) -> bool {
        self.verbosity == Verbosity::Verbose
    }

    /// Whether a message could not be written. A closed pipe (`| head`) is
    /// not a failure: the reader chose to stop.
    pub(crate) fn format(&self) -> MessageFormat {
        self.format
    }

    pub(crate) fn write_failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    fn checked(&self, result: io::Result<()>) {
        if let Err(error) = result
            && error.kind() != io::ErrorKind::BrokenPipe
        {
            self.failed.store(true, Ordering::Relaxed);
        }
    }

    /// Writes bytes to stdout (completions, the man page), checked.
    pub(crate) fn stdout(&self, bytes: &[u8]) {
        let mut out = io::stdout().lock();
        let result = out.write_all(bytes).and_then(|()| out.flush());
        // What was asked for did not arrive: say so where it can be read.
        if let Err(error) = &result
            && error.kind() != io::ErrorKind::BrokenPipe
        {
            let _ = writeln!(
                anstream::stderr(),
                "{}",
                crate::tr!(
                    "错误：无法写出到标准输出：{error}",
                    "error: cannot write to standard output: {error}"
                )
            );
        }
        self.checked(result);
    }

    pub(crate) fn diagnostic(&self, diagnostic: &Diagnostic) {
        match self.format {
            MessageFormat::Human => {
                self.checked(write!(anstream::stderr(), "{}", diagnostic.render(true)));
            }
            MessageFormat::Short => {
                self.checked(writeln!(anstream::stderr(), "{}", diagnostic.short()));
            }
            MessageFormat::Json => {
                let location = diagnostic.location.as_ref();
                let severity = match diagnostic.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                self.json(&JsonMessage {
                    version: JSON_VERSION,
                    severity,
                    code: diagnostic.code.as_deref().unwrap_or("other"),
                    message: &diagnostic.message,
                    file: location.map(|l| l.file.as_str()),
                    cell: location.and_then(|l| l.cell.as_deref()),
                    line: location.filter(|l| l.cell.is_none()).map(|l| l.line),
                    column: location.filter(|l| l.cell.is_none()).map(|l| l.column),
                    hint: diagnostic.hint.as_deref(),
                    notes: &diagnostic.notes,
                    counts: None,
                });
            }
        }
    }

    pub(crate) fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            self.diagnostic(diagnostic);
        }
    }

    /// A line of progress or summary; not with `-q`.
    pub(crate) fn status(&self, text: &str) {
        if self.verbosity == Verbosity::Quiet {
            return;
        }
        self.line(text);
    }

    /// A line only `-v` shows: what was read or written.
    pub(crate) fn detail(&self, text: &str) {
        if self.verbose() {
            self.line(text);
        }
    }

    fn line(&self, text: &str) {
        self.info(text, "status", None);
    }

    /// A run's verdict: the sentence for people, and for `json` the counts
    /// by name (`{"reports": 1, "errors": 0, …}`), so that a tool need not
    /// read the sentence. Not with `-q`.
    pub(crate) fn summary(&self, text: &str, counts: &[(&str, usize)]) {
        if self.verbosity == Verbosity::Quiet {
            return;
        }
        let counts: serde_json::Map<String, serde_json::Value> = counts
            .iter()
            .map(|(name, n)| ((*name).to_string(), (*n).into()))
            .collect();
        self.info(text, "summary", Some(&counts));
    }

    fn info(
        &self,
        text: &str,
        code: &str,
        counts: Option<&serde_json::Map<String, serde_json::Value>>,
    ) {
        match self.format {
            MessageFormat::Human | MessageFormat::Short => {
                self.checked(writeln!(anstream::stderr(), "{text}"));
            }
            MessageFormat::Json => self.json(&JsonMessage {
                version: JSON_VERSION,
                severity: "info",
                code,
                message: text,
                file: None,
                cell: None,
                line: None,
                column: None,
                hint: None,
                notes: &[],
                counts,
            }),
        }
    }

    fn json(&self, message: &JsonMessage) {
        if let Ok(line) = serde_json::to_string(message) {
            let mut out = io::stdout().lock();
            self.checked(writeln!(out, "{line}").and_then(|()| out.flush()));
        }
    }
}
