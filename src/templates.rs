//! Templates: the defaults embedded in the binary, a project's own files in
//! `templates/` overriding them file by file, and the Tera set-up (escaping
//! per format, the number filters).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use tera::{Kwargs, State, Tera};

use crate::dataset::read_source;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::error::Error;
use crate::numbers;
use crate::render::Format;

/// The default templates, named as a project's own files would be.
pub const BUILTIN: [(&str, &str); 2] = [
    ("report.md", include_str!("../templates/report.md")),
    ("report.html", include_str!("../templates/report.html")),
];

/// One Tera instance per text format: each has its own escaping, so data is
/// escaped for Markdown in `.md` templates and for HTML in `.html` ones.
pub struct Templates {
    engines: BTreeMap<Format, Tera>,
    sources: BTreeMap<String, SourceFile>,
}

impl Templates {
    /// Loads the built-ins, replaced by any same-named file in `dir`, plus the
    /// project's other `.md`/`.html` files (partials for `include`).
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let mut sources: BTreeMap<String, SourceFile> = BUILTIN
            .iter()
            .map(|(name, text)| {
                (
                    (*name).to_string(),
                    SourceFile::new(format!("（内置模板）{name}"), *text),
                )
            })
            .collect();
        if dir.is_dir() {
            let entries = fs::read_dir(dir).map_err(|source| Error::Read {
                path: dir.to_path_buf(),
                source,
            })?;
            let mut names: Vec<String> = entries
                .flatten()
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| Format::for_template(name).is_some())
                .collect();
            names.sort();
            for name in names {
                let shown = format!("templates/{name}");
                let file = read_source(&dir.join(&name), &shown)?;
                sources.insert(name, file);
            }
        }
        let mut engines = BTreeMap::new();
        let mut errors = Vec::new();
        for format in Format::TEMPLATED {
            let mut tera = Tera::default();
            format.configure(&mut tera);
            register_filters(&mut tera);
            let own: Vec<(&str, &str)> = sources
                .iter()
                .filter(|(name, _)| Format::for_template(name) == Some(format))
                .map(|(name, file)| (name.as_str(), file.text.as_str()))
                .collect();
            if let Err(error) = tera.add_raw_templates(own) {
                errors.push(tera_diagnostic(&error, &sources));
            }
            engines.insert(format, tera);
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        Ok(Self { engines, sources })
    }

    /// Renders the named template of `format` with `context`.
    pub fn render(
        &self,
        format: Format,
        name: &str,
        context: &tera::Context,
    ) -> Result<String, Error> {
        let engine = &self.engines[&format];
        engine
            .render(name, context)
            .map_err(|error| Error::Invalid(vec![tera_diagnostic(&error, &self.sources)]))
    }
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("chinese", |n: i64, _: Kwargs, _: &State| {
        u64::try_from(n)
            .map(numbers::chinese)
            .map_err(|_| tera::Error::message(format!("chinese 只接受非负整数，收到 {n}")))
    });
    tera.register_filter("ordinal", |n: i64, _: Kwargs, _: &State| {
        numbers::ordinal(n).map_err(|e| tera::Error::message(e.to_string()))
    });
}

/// A Tera error as a diagnostic: template file, line and column with the line
/// shown, and every cause in the chain (the top message alone says little).
fn tera_diagnostic(error: &tera::Error, sources: &BTreeMap<String, SourceFile>) -> Diagnostic {
    use tera::ErrorKind;
    let mut diagnostic = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let kind = if matches!(error.kind(), ErrorKind::SyntaxError(_)) {
                "模板语法错误"
            } else {
                "模板渲染出错"
            };
            let mut d = Diagnostic::error(format!("{kind}：{}", report.message()));
            if let Some(file) = sources.get(report.filename()) {
                let span = report.span();
                let chars = if span.start_line == span.end_line {
                    span.end_col.saturating_sub(span.start_col)
                } else {
                    1
                };
                d = d.at(file.at(span.start_line, span.start_col + 1, chars));
            }
            d
        }
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(format!("找不到模板 `{name}`")),
        other => Diagnostic::error(format!("模板出错：{other}")),
    };
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        diagnostic = diagnostic.note(inner.to_string());
        cause = inner.source();
    }
    diagnostic.hint(
        "改正模板后重试；模板可用的变量见 README“模板”一节。删去 templates/ 里的同名文件即恢复内置模板",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Templates::load(dir.path()).is_ok());
    }
}
