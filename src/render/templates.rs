//! Templates: the defaults embedded in the binary, a project's own files in
//! `templates/` overriding them file by file, and the Tera set-up (escaping
//! per format, the number filters).

use crate::tr;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use tera::{Kwargs, State, Tera};

use crate::diagnostic::{Diagnostic, Location, SourceFile};
use crate::error::{Error, Findings, Outcome, found};
use crate::model::numbers;
use crate::model::script::Script;
use crate::render::bounded;
use crate::source::files::read_source;
use crate::source::format::Format;

/// The default templates, named as a project's own files would be.
pub(crate) const BUILTIN: [(&str, &str); 2] = [
    ("report.md", include_str!("../../templates/report.md")),
    ("report.html", include_str!("../../templates/report.html")),
];

/// One Tera instance per text format: each has its own escaping, so data is
/// escaped for Markdown in `.md` templates and for HTML in `.html` ones.
pub(crate) struct Templates {
    engines: BTreeMap<Format, Tera>,
    sources: BTreeMap<String, SourceFile>,
    /// Files in `templates/` that no template is named like.
    strays: Vec<Diagnostic>,
    /// What is wrong with the page shell, found once at load.
    shell: Vec<Diagnostic>,
}

/// The variables a template may read, by format: what [`crate::render::context`]
/// provides (and the page shell's `body`).
fn provided(format: Format) -> &'static [&'static str] {
    match format {
        Format::Html => &["report", "metrics", "style", "body", "page"],
        _ => &["report", "metrics", "style"],
    }
}

impl Templates {
    /// Loads the built-ins, replaced by any same-named file in `dir`, plus the
    /// project's other `.md`/`.html` files (partials for `include`).
    pub(crate) fn load(dir: &Path) -> Outcome<Self> {
        let mut sources: BTreeMap<String, SourceFile> = BUILTIN
            .iter()
            .map(|(name, text)| {
                (
                    (*name).to_string(),
                    SourceFile::new(tr!("（内置模板）{name}", "(built-in) {name}"), *text),
                )
            })
            .collect();
        let mut strays = Vec::new();
        let mut errors = Vec::new();
        if dir.is_dir() {
            let entries = fs::read_dir(dir).map_err(|source| Error::Read {
                path: dir.to_path_buf(),
                source,
            })?;
            let mut names = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|source| Error::Read {
                    path: dir.to_path_buf(),
                    source,
                })?;
                if let Ok(name) = entry.file_name().into_string() {
                    names.push((name, entry.path().is_file()));
                }
            }
            names.sort();
            for (name, regular) in names {
                // A template's name is read whatever it is, so a folder, a
                // pipe or a device there is refused rather than passed over
                // for the built-in template.
                if Format::for_template(&name).is_none() {
                    if regular {
                        strays.push(stray(&name));
                    }
                    continue;
                }
                let shown = format!("templates/{name}");
                let file = found!(read_source(&dir.join(&name), &shown));
                // An empty template would publish an empty report.
                if file.text.trim().is_empty() {
                    errors.push(
                        Diagnostic::error(tr!(
                            "{shown} 是空的：用它生成的报告里什么也没有",
                            "{shown} is empty: a report made with it would hold nothing"
                        )).code("template-empty")
                        .hint(tr!(
                            "删去这个文件即用内置模板；要自己写，从 report init 写出的内置模板开始",
                            "remove the file to use the built-in template, or start from the one report init writes out"
                        )),
                    );
                }
                sources.insert(name, file);
            }
        }
        let mut engines = BTreeMap::new();
        for format in Format::TEMPLATED {
            let mut tera = Tera::default();
            configure(format, &mut tera);
            register_filters(&mut tera);
            let own: Vec<(&str, &str)> = sources
                .iter()
                .filter(|(name, _)| Format::for_template(name) == Some(format))
                .map(|(name, file)| (name.as_str(), file.text.as_str()))
                .collect();
            // A project's own templates: every name they use is one the
            // model has, or a component's own.
            for (_, file) in sources.iter().filter(|(name, file)| {
                Format::for_template(name) == Some(format) && file.name.starts_with("templates/")
            }) {
                errors.extend(crate::render::names::check(file));
            }
            match tera.add_raw_templates(own) {
                Ok(()) => errors.extend(undefined_variables(&tera, format, &sources)),
                Err(error) => errors.push(tera_diagnostic(&error, &sources)),
            }
            engines.insert(format, tera);
        }
        if !errors.is_empty() {
            return Ok(Err(Findings(errors)));
        }
        let shell = shell_problems(&engines, &sources);
        Ok(Ok(Self {
            engines,
            sources,
            strays,
            shell,
        }))
    }

    /// Where `excerpt` stands in the Markdown templates (`report.md` first,
    /// then the partials it includes): for a finding about text the
    /// template itself printed. `None` when it is not there as typed (it
    /// is made of several values, say).
    pub(crate) fn locate(&self, excerpt: &str, chars: usize) -> Option<Location> {
        if excerpt.is_empty() {
            return None;
        }
        let main = Format::Markdown.template().unwrap_or_default();
        let markdown = self
            .sources
            .iter()
            .filter(|(name, _)| Format::for_template(name) == Some(Format::Markdown));
        let (main_file, partials): (Vec<_>, Vec<_>) = markdown.partition(|(name, _)| *name == main);
        main_file.into_iter().chain(partials).find_map(|(_, file)| {
            let at = file.text.find(excerpt)?;
            Some(file.at_byte(at, chars.max(1)))
        })
    }

    /// Every template's name and text, built-in or the project's.
    pub(crate) fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources
            .iter()
            .map(|(name, file)| (name.as_str(), file.text.as_str()))
    }

    /// Problems with the project's page shell: a `report.html` without
    /// `body` shows nothing the Markdown template renders, so its HTML and
    /// PDF would silently differ from the Markdown and Word.
    pub(crate) fn shell_warnings(&self) -> &[Diagnostic] {
        &self.shell
    }

    /// Files in `templates/` that are no template: a misspelt name would
    /// otherwise be ignored without a word.
    pub(crate) fn warnings(&self) -> &[Diagnostic] {
        &self.strays
    }

    /// The built-in templates alone.
    pub(crate) fn builtin() -> Outcome<Self> {
        Self::load(Path::new(""))
    }

    /// Renders the named template of `format` with `context`.
    pub(crate) fn render(
        &self,
        format: Format,
        name: &str,
        context: &tera::Context,
    ) -> Result<String, Findings> {
        let bytes = self.render_bytes(format, name, context)?;
        // Tera writes only what it was given as text, and a render stopped
        // short is a finding, so the bytes are UTF-8.
        Ok(String::from_utf8(bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()))
    }

    /// Renders like [`render`](Self::render), as bytes: for an output that
    /// is written, not read again. Within the bounds of [`bounded`]: a
    /// template that runs away is stopped with a message naming it.
    pub(crate) fn render_bytes(
        &self,
        format: Format,
        name: &str,
        context: &tera::Context,
    ) -> Result<Vec<u8>, Findings> {
        let shown = self
            .sources
            .get(name)
            .map_or(name, |file| file.name.as_str());
        // The built-in templates are the tool's own and end; a project's
        // are watched.
        let own = shown.starts_with("templates/");
        bounded::render(
            shown,
            own,
            |out| self.engines[&format].render_to(name, context, out),
            |error| tera_diagnostic(&error, &self.sources),
        )
    }
}

/// A page shell that does not print `body` (Tera's own list of the
/// variables it reads says so): its HTML would lack what `report.md` renders.
fn shell_problems(
    engines: &BTreeMap<Format, Tera>,
    sources: &BTreeMap<String, SourceFile>,
) -> Vec<Diagnostic> {
    let name = Format::Html.template().unwrap_or_default();
    let (Some(tera), Some(file)) = (engines.get(&Format::Html), sources.get(name)) else {
        return Vec::new();
    };
    if tera
        .get_template_variables(name)
        .is_ok_and(|variables| variables.contains("body"))
    {
        return Vec::new();
    }
    vec![
        Diagnostic::warning(tr!(
            "{} 里没有放正文 {{{{ body | safe }}}}：HTML 和 PDF 里不会有 report.md 生成的内容",
            "{} does not place the body with {{{{ body | safe }}}}: the HTML and PDF will lack what report.md renders",
            file.name
        )).code("template-shell-without-body")
        .at(file.at(1, 1, 1))
        .hint(tr!(
            "report.html 现在只是页面外壳：在 <main> 里写 {{{{ body | safe }}}}，正文的内容改到 templates/report.md 里",
            "report.html is now only the page shell: write {{{{ body | safe }}}} inside <main> and move the content to templates/report.md"
        )),
    ]
}

/// A file in `templates/` that is named like no template.
fn stray(name: &str) -> Diagnostic {
    let known: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    let near = known
        .iter()
        .map(|k| (strsim::levenshtein(&name.trim().to_lowercase(), k), *k))
        .min()
        .filter(|(distance, _)| *distance <= 6)
        .map(|(_, k)| k);
    let shown = crate::diagnostic::shown_name(name);
    let warning = Diagnostic::warning(tr!(
        "`templates/{shown}` 不是模板，不会被使用",
        "`templates/{shown}` is not a template and is not used"
    ))
    .code("template-stray-file");
    match near {
        Some(near) => warning.hint(tr!(
            "是不是想写 {near}？模板的名字是 report.md（报告）和 report.html（页面外壳），其他 .md、.html 文件可被 include",
            "did you mean {near}? The templates are report.md (the report) and report.html (the page shell); other .md and .html files can be included"
        )),
        None => warning.hint(tr!(
            "模板的名字是 report.md（报告）和 report.html（页面外壳），其他 .md、.html 文件可被 include；不是模板的文件请移出 templates/",
            "the templates are report.md (the report) and report.html (the page shell); other .md and .html files can be included; move other files out of templates/"
        )),
    }
}

/// Variables a template reads that nothing provides: Tera treats them as
/// false in `{% if %}`, so a misspelt flag would silently switch text off.
fn undefined_variables(
    tera: &Tera,
    format: Format,
    sources: &BTreeMap<String, SourceFile>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for name in tera.get_template_names() {
        let Ok(variables) = tera.get_template_variables(name) else {
            continue;
        };
        let mut unknown: Vec<&str> = variables
            .into_iter()
            .filter(|v| !provided(format).contains(v))
            .collect();
        unknown.sort_unstable();
        for variable in unknown {
            let mut error = Diagnostic::error(tr!(
                "模板用到了不存在的变量 `{variable}`",
                "the template uses `{variable}`, which does not exist"
            )).code("template-unknown-variable")
            .hint(tr!(
                "模板可用的变量是 {}，见使用手册“模板”一章（docs/templates.md）；条件里拼错的变量名会让文字悄悄消失",
                "templates can use {}, listed in the manual's chapter on templates (docs/templates.md); a misspelt name in a condition silently drops text",
                crate::lang::list(provided(format))
            ));
            if let Some(file) = sources.get(name)
                && let Some(at) = word_at(&file.text, variable)
            {
                error = error.at(file.at_byte(at, variable.chars().count()));
            }
            found.push(error);
        }
    }
    found
}

/// The byte offset of `word` standing alone (not inside a longer name).
fn word_at(text: &str, word: &str) -> Option<usize> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word)
        .map(|(at, _)| at)
        .find(|&at| !text[..at].ends_with(is_name) && !text[at + word.len()..].starts_with(is_name))
}

/// The number and date rules of `numbers`, as filters every template can use.
/// Each is documented with examples in docs/templates.md.
impl Templates {
    /// Whether any template names metric `key` itself (so it is used even if
    /// no text refers to it), or lists all metrics.
    pub(crate) fn mention_metric(&self, key: &str) -> bool {
        let direct = format!("metrics.{key}");
        let indexed = [format!("metrics[\"{key}\"]"), format!("metrics['{key}']")];
        self.sources.values().any(|file| {
            file.text.contains("report.metrics")
                || file.text.contains(&direct)
                || indexed.iter().any(|i| file.text.contains(i.as_str()))
        })
    }
}

/// Escaping for values printed into each format's templates: Markdown
/// escapes for the document, HTML entities for the page shell.
fn configure(format: Format, tera: &mut Tera) {
    if format == Format::Markdown {
        tera.set_escape_fn(crate::render::escape::markdown);
        tera.autoescape_on(vec![".md"]);
    } else {
        tera.set_escape_fn(crate::render::escape::html_page);
        tera.autoescape_on(vec![".html"]);
    }
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("chinese", |n: i64, _: Kwargs, _: &State| {
        u64::try_from(n).map(numbers::chinese).map_err(|_| {
            tera::Error::message(tr!(
                "chinese 只接受非负整数，收到 {n}",
                "chinese takes a non-negative integer, got {n}"
            ))
        })
    });
    tera.register_filter("ordinal", |n: i64, _: Kwargs, _: &State| {
        numbers::ordinal(n).map_err(filter_error)
    });
    tera.register_filter("approx", |v: f64, _: Kwargs, _: &State| {
        numbers::approximate(v)
    });
    tera.register_filter("wan", |v: f64, kwargs: Kwargs, _: &State| {
        Ok::<_, tera::Error>(numbers::wan(v, decimals(&kwargs, 2)?))
    });
    tera.register_filter("percent", |v: f64, kwargs: Kwargs, _: &State| {
        numbers::percent(v, decimals(&kwargs, 1)?).map_err(filter_error)
    });
    tera.register_filter("yoy", |v: f64, kwargs: Kwargs, _: &State| {
        let previous = base(
            &kwargs,
            "yoy",
            "previous",
            &tr!("上年数", "last year's figure"),
        )?;
        numbers::year_on_year(v, previous, decimals(&kwargs, 1)?).map_err(filter_error)
    });
    tera.register_filter("point_change", |v: f64, kwargs: Kwargs, _: &State| {
        let previous = base(
            &kwargs,
            "point_change",
            "previous",
            &tr!("上年的比率", "last year's rate"),
        )?;
        numbers::point_change(v, previous, decimals(&kwargs, 1)?).map_err(filter_error)
    });
    tera.register_filter("completion", |v: f64, kwargs: Kwargs, _: &State| {
        let target = base(
            &kwargs,
            "completion",
            "target",
            &tr!("目标值", "the target"),
        )?;
        // The report's one form of a rate unless the template asks for places.
        let places = match kwargs.get::<u8>("decimals")? {
            Some(_) => Some(decimals(&kwargs, 1)?),
            None => None,
        };
        numbers::completion(v, target, places).map_err(filter_error)
    });
    // The template's own words (table heads, 目标：) in the report's script.
    tera.register_filter("t", |text: &str, _: Kwargs, state: &State| {
        let script = state
            .get::<String>("script")
            .ok()
            .flatten()
            .and_then(|s| Script::parse(&s))
            .unwrap_or_default();
        script.words(text)
    });
    tera.register_filter("cn_date", |iso: &str, _: Kwargs, _: &State| {
        chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
            .map(numbers::date)
            .map_err(|_| {
                tera::Error::message(tr!(
                    "cn_date 需要“年-月-日”格式的日期，收到 `{iso}`",
                    "cn_date takes a year-month-day date, got `{iso}`"
                ))
            })
    });
}

/// The number a comparison is made against, with a message that names it
/// when it is absent or empty (an unknown figure is `none`).
fn base(kwargs: &Kwargs, filter: &str, name: &str, what: &str) -> Result<f64, tera::Error> {
    let value: Option<tera::Value> = kwargs.get(name)?;
    match value {
        None => Err(tera::Error::message(tr!(
            "{filter} 需要参数 {name}=（{what}）",
            "{filter} needs the argument {name}= ({what})"
        ))),
        Some(v) if v.is_none() || v.is_undefined() => Err(tera::Error::message(tr!(
            "{what}缺失（为空），无法比较；请在数据中填上这个数字，或在模板中先用 if 判断",
            "{what} is missing (empty), so there is nothing to compare with; fill in the figure, or test it with if in the template"
        ))),
        Some(v) => v.as_f64().ok_or_else(|| {
            tera::Error::message(tr!(
                "{name} 应是数字，收到 {}",
                "{name} should be a number, got {}",
                v.name()
            ))
        }),
    }
}

/// The `decimals` keyword argument, bounded so no template can ask for an
/// absurd width.
fn decimals(kwargs: &Kwargs, default: u8) -> Result<u8, tera::Error> {
    let value: Option<u8> = kwargs.get("decimals")?;
    match value.unwrap_or(default) {
        d @ 0..=6 => Ok(d),
        d => Err(tera::Error::message(tr!(
            "decimals 应在 0 到 6 之间，收到 {d}",
            "decimals must be between 0 and 6, got {d}"
        ))),
    }
}

// By value so it can be passed to `map_err` directly.
#[allow(clippy::needless_pass_by_value)]
fn filter_error(error: numbers::NumberError) -> tera::Error {
    tera::Error::message(error.to_string())
}

/// A Tera error as a diagnostic: template file, line and column with the line
/// shown, and every cause in the chain (the top message alone says little).
fn tera_diagnostic(error: &tera::Error, sources: &BTreeMap<String, SourceFile>) -> Diagnostic {
    use tera::ErrorKind;
    let mut diagnostic = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let kind = if matches!(error.kind(), ErrorKind::SyntaxError(_)) {
                tr!("模板语法错误", "template syntax error")
            } else {
                tr!("模板渲染出错", "template rendering failed")
            };
            let mut d =
                Diagnostic::error(format!("{kind}：{}", report.message())).code("template-error");
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
        ErrorKind::TemplateNotFound(name) => {
            Diagnostic::error(tr!("找不到模板 `{name}`", "template `{name}` not found"))
                .code("template-missing")
        }
        other => Diagnostic::error(tr!("模板出错：{other}", "template error: {other}"))
            .code("template-error"),
    };
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        diagnostic = diagnostic.note(inner.to_string());
        cause = inner.source();
    }
    diagnostic.hint(
        tr!("改正模板后重试；模板可用的变量见使用手册“模板”一章（docs/templates.md）。删去 templates/ 里的同名文件即恢复内置模板", "fix the template and try again; the manual's chapter on templates (docs/templates.md) lists the variables. Removing the file from templates/ restores the built-in one"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(Templates::load(dir.path()), Ok(Ok(_))));
    }

    fn render(template: &str) -> Result<String, Findings> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("t.md"), template).unwrap();
        Templates::load(dir.path()).unwrap().unwrap().render(
            Format::Markdown,
            "t.md",
            &tera::Context::new(),
        )
    }

    #[test]
    fn number_filters() {
        let cases = [
            ("{{ 11 | chinese }}", "十一"),
            ("{{ 3 | ordinal }}", "三"),
            ("{{ 26800 | approx }}", "2万余"),
            ("{{ 26800 | wan }}", "2.68万"),
            ("{{ 18.5 | percent }}", "18.5%"),
            ("{{ 12 | percent(decimals=0) }}", "12%"),
            ("{{ 118.5 | yoy(previous=100) }}", "同比增长18.5%"),
            ("{{ 96.8 | yoy(previous=100) }}", "同比下降3.2%"),
            ("{{ 100 | yoy(previous=100) }}", "与上年持平"),
            ("{{ 45.3 | point_change(previous=43) }}", "提高2.3个百分点"),
            ("{{ 105 | completion(target=100) }}", "完成目标任务的105%"),
            (
                "{{ 105 | completion(target=100, decimals=1) }}",
                "完成目标任务的105.0%",
            ),
            ("{{ '2018-01-05' | cn_date }}", "2018年1月5日"),
        ];
        for (template, want) in cases {
            assert_eq!(render(template).unwrap(), want, "{template}");
        }
    }

    #[test]
    fn filter_errors_are_clear() {
        for (template, want) in [
            ("{{ 0 | ordinal }}", "序号必须是正整数"),
            ("{{ 5 | yoy(previous=0) }}", "上年数为 0"),
            ("{{ 5 | completion(target=0) }}", "目标值为 0"),
            ("{{ 5 | yoy }}", "需要参数 previous"),
            ("{{ 5 | yoy(previous=none) }}", "上年数缺失"),
            ("{{ 5 | percent(decimals=40) }}", "decimals"),
        ] {
            let Err(Findings(diagnostics)) = render(template) else {
                panic!("{template} should fail");
            };
            let text = diagnostics[0].render(false);
            assert!(text.contains(want), "{template}: {text}");
            assert!(text.contains("templates/t.md:1:"), "{text}");
        }
    }
}
