//! The one module that knows the YAML crate. serde-saphyr is used instead of the
//! deprecated `serde_yaml`: it is pure Rust, bounded on hostile input (alias
//! bombs, deep nesting), reports duplicate keys at their own line, and gives
//! line/column for every value; [`Spanned`] carries it to the rest of the tool.
//!
//! Data files are parsed whole into a [`Tree`] first, so a syntax error is
//! reported as such wherever it is, and the schema is then checked by hand
//! (`dataset`), which reports every problem rather than serde's first.

use crate::tr;

use serde::de::DeserializeOwned;
use serde_saphyr::MessageFormatter as _;
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{Error as YamlError, ExternalMessageSource};

use crate::diagnostic::{Diagnostic, Location, SourceFile};
use crate::error::Findings;

mod quick;
mod syntax;
mod tree;

pub(crate) use tree::{Cell, Spanned, Tree};

/// Parses a whole file into `T`, or says in the user's language what is wrong and where.
pub(crate) fn parse<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Findings> {
    // Comments are never read back, and capturing them costs a tenth of the
    // parse (callgrind); they are still checked as syntax.
    let options = serde_saphyr::options! { emit_comments: false };
    serde_saphyr::from_str_with_options(&file.text, options)
        .map_err(|error| Findings::one(describe(file, &error)))
}

/// `text` as a YAML string that reads back exactly: JSON's quoting is valid
/// YAML. For the data files the tool writes (`new`, `import`), from text
/// that may come from a loaded report: the marks of origin stay behind.
pub(crate) fn quoted(text: &str) -> String {
    let text = crate::model::marks::strip(text);
    serde_json::to_string(&text).unwrap_or_else(|_| "\"\"".to_string())
}

/// `text` plain where YAML reads it back as the same text (Chinese, no
/// `: ` or ` #`), quoted otherwise.
pub(crate) fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| !c.is_ascii())
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains('\n')
        && !text.ends_with(':')
        && !text.ends_with(' ');
    if plain {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// Parses a whole data file: syntax first (anywhere in the file), then tags,
/// which this tool never needs and which some YAML loaders execute.
pub(crate) fn parse_tree(file: &SourceFile) -> Result<Spanned<Tree>, Findings> {
    // The common file takes the quick way; anything it is not sure of, and
    // every error, takes the full deserializer, which says what is wrong.
    if let Some(tree) = quick::tree(&file.text) {
        return Ok(tree);
    }
    let tree: Spanned<Tree> = parse(file)?;
    // Every YAML tag starts with `!`; most files have none, and the scan is
    // a second parse, so skip it then.
    let tags = if file.text.contains('!') {
        tags(file)
    } else {
        Vec::new()
    };
    if tags.is_empty() {
        Ok(tree)
    } else {
        Err(Findings(tags))
    }
}

fn tags(file: &SourceFile) -> Vec<Diagnostic> {
    use serde_saphyr::granit_parser::{Event, Parser};
    let mut found = Vec::new();
    for result in Parser::new_from_str(&file.text) {
        let Ok((event, span)) = result else { break };
        let tag = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag.as_ref(),
            _ => None,
        };
        if let Some(tag) = tag {
            let tag = tag.to_string().replace("tag:yaml.org,2002:", "!!");
            let (message, hint) = unsupported_tag(&tag);
            found.push(
                Diagnostic::error(message)
                    .code("yaml")
                    .at(tag_location(file, span.start.line(), span.start.col()))
                    .hint(hint),
            );
        }
    }
    found
}

/// The tag itself, which the parser's span leaves out: it points at the
/// value after it. The tag is the last word before that value on its line.
fn tag_location(file: &SourceFile, line: usize, value_column: usize) -> Location {
    let at_value = file.at(line, value_column + 1, 1);
    let before: Vec<char> = at_value.line_text.chars().take(value_column).collect();
    let end = before
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(0, |i| i + 1);
    let start = before[..end]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |i| i + 1);
    if before.get(start) == Some(&'!') {
        file.at(line, start + 1, end - start)
    } else {
        at_value
    }
}

/// Where a spanned value starts.
pub(crate) fn location<T>(file: &SourceFile, spanned: &Spanned<T>) -> Location {
    if let Some(cell) = spanned.cell() {
        return cell.location.clone();
    }
    file.at(spanned.at.line, spanned.at.column, 1)
}

/// Where a spanned value starts: 1-based line and character column.
pub(crate) fn line_column<T>(spanned: &Spanned<T>) -> (usize, usize) {
    (spanned.at.line, spanned.at.column)
}

/// Where a spanned value starts as a byte offset into the file, when known.
pub(crate) fn byte_offset<T>(spanned: &Spanned<T>) -> Option<usize> {
    spanned.at.offset.filter(|_| spanned.at.cell.is_none())
}

/// The exact source text of a scalar, e.g. `2.50` rather than the parsed 2.5.
pub(crate) fn raw_text<'a, T>(file: &'a SourceFile, spanned: &'a Spanned<T>) -> Option<&'a str> {
    if let Some(cell) = spanned.cell() {
        return Some(&cell.text);
    }
    let start = spanned.at.offset?;
    file.text.get(start..start + spanned.at.len?)
}

fn describe(file: &SourceFile, error: &YamlError) -> Diagnostic {
    let mut inner = error;
    while let YamlError::WithSnippet { error, .. } | YamlError::AliasError { error, .. } = inner {
        inner = error;
    }
    let Some((message, hint)) = known(inner) else {
        let said = serde_saphyr::UserMessageFormatter.format_message(inner);
        let (line, column) = error
            .location()
            .filter(|at| at.line() > 0)
            .map_or((1, 1), |at| (at.line() as usize, at.column() as usize));
        let explained = syntax::explain(&file.text, line, column, &said);
        return Diagnostic::error(explained.message)
            .code("yaml-syntax")
            .at(file.at(explained.line, explained.column, explained.chars))
            .hint(explained.hint);
    };
    let mut diagnostic = Diagnostic::error(message).code("yaml");
    if let Some(at) = error.location().filter(|at| at.line() > 0) {
        let (mut line, mut column, mut chars) = (at.line() as usize, at.column() as usize, 1);
        // The parser points into the second document; the separator before
        // it is what the clerk has to remove.
        if matches!(inner, YamlError::MultipleDocuments { .. })
            && let Some(separator) = file
                .text
                .lines()
                .take(line)
                .enumerate()
                .filter(|(_, text)| text.starts_with("---"))
                .map(|(index, _)| index + 1)
                .last()
        {
            (line, column, chars) = (separator, 1, 3);
        }
        diagnostic = diagnostic.at(file.at(line, column, chars));
    }
    if let Some(hint) = hint {
        diagnostic = diagnostic.hint(hint);
    }
    diagnostic
}

/// What the parser's own errors mean, in the clerk's words; `None` for a
/// plain syntax error, which [`syntax::explain`] reads from the text.
fn known(inner: &YamlError) -> Option<(String, Option<String>)> {
    Some(match inner {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            let (message, hint) = unknown_key(field, expected);
            (message, Some(hint))
        }
        YamlError::SerdeMissingField { field, .. } => (
            tr!("缺少必填的键 `{field}`", "missing required key `{field}`"),
            Some(tr!(
                "在这一层加上 `{field}: …`",
                "add `{field}: …` at this level"
            )),
        ),
        YamlError::DuplicateMappingKey { key, .. } => (
            match key {
                Some(key) => tr!("键 `{key}` 重复出现", "key `{key}` appears twice"),
                None => tr!("键重复出现", "a key appears twice"),
            },
            Some(tr!(
                "同一层里每个键只能写一次；删除或合并重复的那一个",
                "each key may appear once per level; remove or merge the repeated one"
            )),
        ),
        YamlError::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            tr!(
                "类型不对：这里需要 {}，写的是 {}",
                "wrong type: {} expected, {} found",
                kind(expected),
                kind(unexpected)
            ),
            None,
        ),
        YamlError::UnsupportedTag { tag, .. } => {
            let (message, hint) = unsupported_tag(tag);
            (message, Some(hint))
        }
        YamlError::Budget { .. } => too_deep(),
        // The parser's own ceiling on nesting, below the budget's.
        YamlError::ExternalMessage { source, .. }
            if matches!(&**source, ExternalMessageSource::Parser(error)
                if matches!(error.kind(), ErrorKind::RecursionLimitExceeded)) =>
        {
            too_deep()
        }
        YamlError::Unexpected { expected, .. } if expected.starts_with("mapping") => (
            tr!(
                "这里应当是“键: 值”的写法",
                "`key: value` pairs expected here"
            ),
            Some(tr!(
                "数据文件的最外层是一组“键: 值”，例如 topic: 城乡环境综合治理；不是列表，也不是单独一个值",
                "the top level of a data file is a set of `key: value` pairs, e.g. topic: 城乡环境综合治理; not a list or a single value"
            )),
        ),
        YamlError::NonFiniteFloat { .. } => {
            let (message, hint) = not_finite();
            (message, Some(hint))
        }
        YamlError::InvalidUtf8Input => (
            tr!("文件不是 UTF-8 编码", "the file is not UTF-8"),
            Some(tr!(
                "请在编辑器中“另存为”UTF-8 编码",
                "save it as UTF-8 in your editor"
            )),
        ),
        YamlError::MultipleDocuments { .. } => (
            tr!(
                "一个文件里有两份 YAML 文档（用 --- 隔开）",
                "the file holds two YAML documents (separated by ---)"
            ),
            Some(tr!(
                "一个数据文件只放一年的数据：删去这一行 --- 和它后面的第二份，或把第二份移到它自己年份的文件里",
                "a data file holds one year: remove this --- line and the second document after it, or move that document to its own year's file"
            )),
        ),
        _ => return None,
    })
}

fn too_deep() -> (String, Option<String>) {
    (
        tr!(
            "文件的嵌套层数或别名展开超出了上限",
            "the file nests too deep or expands too many aliases"
        ),
        Some(tr!(
            "数据文件不需要很深的嵌套，也不需要大量 & 和 * 别名；请检查文件是否损坏",
            "a data file needs neither deep nesting nor many & and * aliases; check whether the file is damaged"
        )),
    )
}

/// Serde's type names, in words a clerk knows.
fn kind(serde_name: &str) -> String {
    let name = serde_name
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    match name {
        n if n.starts_with("string") => tr!("文字", "text"),
        n if n.contains("integer") || n.starts_with("i64") || n.starts_with("u64") => {
            tr!("整数", "an integer")
        }
        n if n.contains("float") || n.starts_with("f64") => tr!("数字", "a number"),
        n if n.starts_with("sequence") => {
            tr!("列表（每项以 - 开头）", "a list (items start with -)")
        }
        n if n.starts_with("map") || n.starts_with("struct") => {
            tr!("键值对（键: 值）", "`key: value` pairs")
        }
        n if n.starts_with("bool") => tr!("true 或 false", "true or false"),
        n if n.starts_with("unit") || n.starts_with("null") => tr!("空值", "empty"),
        _ => serde_name.to_string(),
    }
}

// Messages said both here, for what the YAML crate finds, and by the data
// file's reader, for what it finds in the tree: one wording for each.

/// A key not allowed at its level: the message and a hint naming the allowed
/// keys, the nearest first.
pub(crate) fn unknown_key(key: &str, allowed: &[&str]) -> (String, String) {
    let mut hint = tr!(
        "这里可以写的键有：{}",
        "keys allowed here: {}",
        crate::lang::list(allowed)
    );
    if let Some(near) = closest(key, allowed) {
        hint = tr!(
            "是不是想写 `{near}`？{hint}",
            "did you mean `{near}`? {hint}"
        );
    }
    (tr!("不认识的键 `{key}`", "unknown key `{key}`"), hint)
}

fn unsupported_tag(tag: &str) -> (String, String) {
    (
        tr!("不支持 YAML 标签 `{tag}`", "unsupported YAML tag `{tag}`"),
        tr!(
            "数据文件只写普通的文字、数字和列表；删去以 ! 开头的标签",
            "data files hold plain text, numbers and lists; remove the tag starting with !"
        ),
    )
}

/// A number that is not finite (.nan, .inf).
pub(crate) fn not_finite() -> (String, String) {
    (
        tr!("数值必须是有限的数字", "the value must be a finite number"),
        tr!(
            "写一个普通的数字，例如 7200；.nan、.inf 不是数",
            "write a plain number, e.g. 7200; .nan and .inf are not numbers"
        ),
    )
}

/// The candidate nearest to a misspelt key, if it is near enough to suggest.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(1))
        .min()
        .map(|(_, c)| c)
}
