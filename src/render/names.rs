//! The names a project's template uses, checked when it is loaded: Tera
//! reads a misspelt field (`report.titel`) or a name a component cannot
//! see as undefined, which a condition takes for false, and the text it
//! guards disappears without a word. Every field after a dot must be one
//! the model has, and every name in a component must be one of its
//! arguments or a variable it sets.

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::source::yaml;
use crate::tr;

/// Every field of the model a template can reach (`Report`, `Node`,
/// `Metric` and the rest, the project's `style` and the shell's `page`); a
/// test holds it to the serialized model.
pub(super) const FIELDS: &[&str] = &[
    // Report
    "year",
    "next_year",
    "topic",
    "title",
    "title_lines",
    "issuer",
    "addressee",
    "masthead",
    "attachments",
    "imprint",
    "signature",
    "script",
    "lang",
    "date",
    "intro",
    "parts",
    "metrics",
    "comparisons",
    "outcomes",
    "charts",
    // Masthead, Imprint, DocDate
    "organ",
    "number",
    "cc",
    "office",
    "iso",
    "text",
    // Node, Lead, Table
    "kind",
    "level",
    "heading",
    "run_in",
    "lead",
    "paragraphs",
    "targets",
    "table",
    "items",
    "words",
    "stop",
    "caption",
    "columns",
    "align",
    "rows",
    // Metric, Goal, Previous, Stated, Target
    "key",
    "label",
    "value",
    "decimals",
    "unit",
    "approx",
    "about",
    "scale",
    "rate",
    "target",
    "chart",
    "previous",
    "stated_change",
    "stated_completion",
    "completion",
    "share",
    "change",
    // Comparison, Outcome
    "current",
    "actual",
    "met",
    // Chart, Bar
    "alt",
    "bars",
    // Style
    "bold_headings",
    "page_numbers",
    // Css (the HTML shell's `page`) and its Faces
    "width",
    "height",
    "margin",
    "body_size",
    "line",
    "title_size",
    "title_line",
    "small_size",
    "organ_size",
    "page_number_below",
    "tracking",
    "rule_thick",
    "rule_thin",
    "red_rule",
    "red_rule_gap",
    "faces",
    "traditional_faces",
    "fangsong",
    "kaiti",
    "heiti",
    "xiaobiaosong",
    "songti",
    "latin",
];

/// Names that are always there: Tera's own and the literals.
const ALWAYS: &[&str] = &["loop", "true", "false", "none", "True", "False", "None"];

/// Words of Tera's syntax, never a name.
const KEYWORDS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "in",
    "endfor",
    "set",
    "set_global",
    "and",
    "or",
    "not",
    "is",
    "component",
    "endcomponent",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "include",
    "block",
    "endblock",
    "extends",
    "break",
    "continue",
    "macro",
    "endmacro",
    "import",
    "as",
];

/// What is wrong with the names `file` (a project's template) uses.
pub(super) fn check(file: &SourceFile) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // The component being read: its locals, and its name.
    let mut component: Option<(String, Vec<String>)> = None;
    for tag in tags(&file.text) {
        let mut tokens = tokenize(&file.text[tag.clone()]);
        // `{%-` and `-%}` trim whitespace; they are no part of the words.
        if tokens.first().is_some_and(|t| t.text == "-") {
            tokens.remove(0);
        }
        if tokens.last().is_some_and(|t| t.text == "-") {
            tokens.pop();
        }
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        match words.as_slice() {
            ["component", name, "(", rest @ ..] => {
                let args = rest
                    .iter()
                    .take_while(|w| **w != ")")
                    .filter(|w| is_name(w))
                    .map(|w| (*w).to_string())
                    .collect();
                component = Some(((*name).to_string(), args));
                continue;
            }
            ["endcomponent", ..] => {
                component = None;
                continue;
            }
            _ => {}
        }
        if let Some((_, locals)) = &mut component {
            // `for x in`, `for k, v in`, `set x =` bind names here on.
            match words.as_slice() {
                ["for", a, ",", b, "in", ..] => locals.extend([(*a).to_string(), (*b).to_string()]),
                ["for", a, "in", ..] | ["set" | "set_global", a, "=", ..] => {
                    locals.push((*a).to_string());
                }
                _ => {}
            }
        }
        for path in paths(&tokens) {
            let at = tag.start + path.start;
            for (segment, offset) in path.fields() {
                if !FIELDS.contains(&segment) {
                    found.push(misspelt(file, at + offset, &path.text, segment));
                }
            }
            if let Some((name, locals)) = &component
                && !locals.iter().any(|l| l == path.root())
                && !ALWAYS.contains(&path.root())
            {
                found.push(undefined(file, at, path.root(), name, locals));
            }
        }
    }
    found
}

fn misspelt(file: &SourceFile, at: usize, path: &str, field: &str) -> Diagnostic {
    let hint = match yaml::closest(field, FIELDS) {
        Some(near) => tr!("是不是想写 `{near}`？", "did you mean `{near}`?"),
        None => tr!(
            "可用的字段见使用手册“模板”一章（docs/templates.md）",
            "the manual's chapter on templates (docs/templates.md) lists the fields"
        ),
    };
    Diagnostic::error(tr!(
        "模板里的 `{path}`：报告里没有 `{field}` 这个字段",
        "`{path}` in the template: the report has no field `{field}`"
    )).code("template-unknown-field")
    .at(file.at_byte(at, field.chars().count()))
    .hint(hint)
    .note(tr!(
        "拼错的字段在条件里被当作不成立，它管的文字会悄悄消失，所以这里当作错误",
        "a misspelt field is false in a condition, and the text it guards would silently go; so it is an error"
    ))
}

fn undefined(
    file: &SourceFile,
    at: usize,
    name: &str,
    component: &str,
    locals: &[String],
) -> Diagnostic {
    Diagnostic::error(tr!(
        "组件 {component} 里用到的 `{name}` 没有定义：组件只看得到自己的参数",
        "`{name}` is not defined in the component {component}: a component sees only its arguments"
    ))
    .code("template-unknown-name")
    .at(file.at_byte(at, name.chars().count()))
    .hint(tr!(
        "把它作为参数传进来（现有参数：{}），或改正拼写",
        "pass it in as an argument (the arguments are: {}), or correct the spelling",
        crate::lang::list(locals)
    ))
}

/// The byte ranges of the insides of `{{ … }}` and `{% … %}` tags;
/// comments and `{% raw %}` blocks are skipped.
fn tags(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut raw = false;
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let close = match text[open..].get(1..2) {
            Some("{") => "}}",
            Some("%") => "%}",
            Some("#") => "#}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let Some(end) = text[open + 2..].find(close).map(|i| open + 2 + i) else {
            break;
        };
        let inside = open + 2..end;
        let words = text[inside.clone()].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if close == "%}" && words.starts_with("raw") {
            raw = true;
        } else if close == "%}" && words.starts_with("endraw") {
            raw = false;
        } else if close != "#}" && !raw {
            out.push(inside);
        }
        at = end + 2;
    }
    out
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
}

/// A tag's tokens: names, numbers, punctuation; strings are left out.
fn tokenize(tag: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = tag.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if matches!(c, '"' | '\'' | '`') {
            for (_, next) in chars.by_ref() {
                if next == c {
                    break;
                }
            }
            out.push(Token {
                text: "\"\"",
                start,
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_ascii_alphanumeric() || c == '_' {
            while let Some(&(at, next)) = chars.peek() {
                if !(next.is_ascii_alphanumeric() || next == '_') {
                    break;
                }
                end = at + next.len_utf8();
                chars.next();
            }
        } else if matches!(c, '=' | '!' | '<' | '>') && chars.peek().is_some_and(|(_, n)| *n == '=')
        {
            chars.next();
            end += 1;
        }
        out.push(Token {
            text: &tag[start..end],
            start,
        });
    }
    out
}

fn is_name(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A dotted path as typed (`report.masthead.organ`).
struct Path<'a> {
    segments: Vec<Token<'a>>,
    text: String,
    start: usize,
}

impl Path<'_> {
    fn root(&self) -> &str {
        self.segments[0].text
    }

    /// The fields after the root that must be the model's, with their
    /// byte offsets from the path's start: not those of `loop`, and not a
    /// metric's key (`metrics.roads.text`: `roads` is data).
    fn fields(&self) -> Vec<(&str, usize)> {
        let skip = match self.root() {
            "loop" => return Vec::new(),
            "metrics" => 2,
            _ => 1,
        };
        self.segments
            .iter()
            .skip(skip)
            .filter(|s| is_name(s.text))
            .map(|s| (s.text, s.start - self.start))
            .collect()
    }
}

/// The names a tag reads: paths that are not a filter (`| t`), a test
/// (`is defined`), a function or component called, an argument's name
/// (`end=`), or a word of the syntax.
fn paths<'a>(tokens: &[Token<'a>]) -> Vec<Path<'a>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let before = i.checked_sub(1).map(|j| tokens[j].text);
        let before_that = i.checked_sub(2).map(|j| tokens[j].text);
        // `is defined`, `is not defined`: a test, not a name.
        let test = before == Some("is") || (before == Some("not") && before_that == Some("is"));
        if !is_name(token.text)
            || KEYWORDS.contains(&token.text)
            || test
            || matches!(before, Some("." | "|" | "<" | "/"))
        {
            i += 1;
            continue;
        }
        let mut segments = vec![token];
        let mut j = i + 1;
        while j + 1 < tokens.len() && tokens[j].text == "." {
            segments.push(tokens[j + 1]);
            j += 2;
        }
        let after = tokens.get(j).map(|t| t.text);
        let called = matches!(after, Some("(" | "="));
        if !called {
            let typed = segments
                .iter()
                .map(|s| s.text)
                .collect::<Vec<_>>()
                .join(".");
            out.push(Path {
                start: token.start,
                segments,
                text: typed,
            });
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(template: &str) -> Vec<String> {
        check(&SourceFile::new("templates/report.md", template))
            .into_iter()
            .map(|d| d.short())
            .collect()
    }

    #[test]
    fn the_built_in_templates_use_only_known_names() {
        for (name, text) in crate::render::templates::BUILTIN {
            assert_eq!(found(text), Vec::<String>::new(), "{name}");
        }
    }

    #[test]
    fn misspelt_fields_and_undefined_names_are_found_where_they_are() {
        let found = found(
            "{% if report.titel %}x{% endif %}\n{% component row(c) %}{{ c.label }}{{ report.year }}{% endcomponent row %}\n{{ metrics.roads.txet }}{{ metrics.roads.text | t }}{% for i in range(end=3) %}{{ loop.index }}{% endfor %}",
        );
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].starts_with("templates/report.md:1:14:"),
            "{found:?}"
        );
        assert!(found[0].contains("title"), "{found:?}");
        assert!(
            found[1].starts_with("templates/report.md:2:39:"),
            "{found:?}"
        );
        assert!(found[1].contains("`report`"), "{found:?}");
        assert!(
            found[2].starts_with("templates/report.md:3:18:"),
            "{found:?}"
        );
    }

    #[test]
    fn every_field_of_the_model_is_known() {
        fn keys(value: &serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, inner) in map {
                        out.push(key.clone());
                        keys(inner, out);
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|i| keys(i, out)),
                _ => {}
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut names = Vec::new();
        for (dir, year) in [("data", 2017), ("examples/bureau/data", 2025)] {
            let dir = root.join(dir);
            let mut years = crate::source::history::Years::new(dir.clone(), "data".into());
            let mut loaded = crate::source::dataset::load(&dir, year, &format!("data/{year}.yaml"))
                .unwrap()
                .unwrap();
            let _ = crate::source::history::attach(&mut years, year, &mut loaded);
            keys(&serde_json::to_value(&loaded.report).unwrap(), &mut names);
        }
        keys(
            &serde_json::to_value(crate::source::format::Style::default()).unwrap(),
            &mut names,
        );
        keys(
            &serde_json::to_value(super::super::css::Css::new()).unwrap(),
            &mut names,
        );
        for name in names {
            assert!(
                FIELDS.contains(&name.as_str()),
                "{name} is a field of the model missing from FIELDS"
            );
        }
    }
}
