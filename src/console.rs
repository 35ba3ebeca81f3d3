//! Where messages go and in which form: `human` (the line shown with a
//! marker, colour on a terminal only; anstream drops it on a pipe or with
//! `NO_COLOR`), `short` (one `path:line:col: severity: message` line, for CI
//! logs) or `json` (one object per line on stdout, for tools).

use std::io::Write;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    #[default]
    Human,
    Short,
    Json,
}

#[derive(Debug, Clone)]
pub struct Console {
    format: MessageFormat,
}

#[derive(Serialize)]
struct JsonMessage<'a> {
    severity: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

impl Console {
    pub fn new(format: MessageFormat) -> Self {
        Self { format }
    }

    pub fn diagnostic(&self, diagnostic: &Diagnostic) {
        match self.format {
            MessageFormat::Human => {
                let _ = write!(anstream::stderr(), "{}", diagnostic.render(true));
            }
            MessageFormat::Short => {
                let _ = writeln!(anstream::stderr(), "{}", diagnostic.short());
            }
            MessageFormat::Json => {
                let location = diagnostic.location.as_ref();
                let severity = match diagnostic.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                Self::json(&JsonMessage {
                    severity,
                    message: &diagnostic.message,
                    file: location.map(|l| l.file.as_str()),
                    line: location.map(|l| l.line),
                    column: location.map(|l| l.column),
                    hint: diagnostic.hint.as_deref(),
                    notes: &diagnostic.notes,
                });
            }
        }
    }

    pub fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            self.diagnostic(diagnostic);
        }
    }

    /// A line of progress or summary.
    pub fn status(&self, text: &str) {
        match self.format {
            MessageFormat::Human | MessageFormat::Short => {
                let _ = writeln!(anstream::stderr(), "{text}");
            }
            MessageFormat::Json => Self::json(&JsonMessage {
                severity: "info",
                message: text,
                file: None,
                line: None,
                column: None,
                hint: None,
                notes: &[],
            }),
        }
    }

    fn json(message: &JsonMessage) {
        if let Ok(line) = serde_json::to_string(message) {
            let _ = writeln!(std::io::stdout(), "{line}");
        }
    }
}
