//! Narrative text as typed in the data file: paragraphs and `{metric}`
//! references. Text is data, never a template: braces are the one thing
//! special in it. `{key}` (with `.target`, `.completion`, `.share`,
//! `.change`, or keys joined by `,`) is a reference, `{{` and `}}` print a
//! brace, and any other brace is a mistake the loader reports, never text
//! printed as typed.

/// A piece of a text value: literal text, a reference to a metric, or a
/// brace that is neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    /// `{key}`; `start` is the byte offset of `{` in the text.
    Ref {
        key: &'a str,
        start: usize,
    },
    /// What was typed (`{gdp.Share}`, `{ gdp }`, a lone `{` or `}`) and
    /// the byte offset of its first brace.
    Stray {
        typed: &'a str,
        start: usize,
    },
}

/// Is `key` usable as a metric key? Templates address metrics as
/// `metrics.key`, and Tera identifiers are ASCII.
pub(crate) fn is_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What a reference may ask of its metrics besides the figure itself.
pub(crate) const FIELDS: &[&str] = &["target", "completion", "share", "change"];

/// The metrics a reference names and the field it asks for: `roads` is the
/// figure, `roads.target` its own target, `roads.completion` “完成目标任务的
/// 213.33%”, `roads,toilets.completion` one statement for both.
pub(crate) fn reference(inner: &str) -> Option<(Vec<&str>, Option<&str>)> {
    let (keys, field) = match inner.rsplit_once('.') {
        Some((keys, field)) if FIELDS.contains(&field) => (keys, Some(field)),
        Some(_) => return None,
        None => (inner, None),
    };
    let keys: Vec<&str> = keys.split(',').collect();
    let several = keys.len() > 1;
    (keys.iter().all(|k| is_key(k)) && !(several && field != Some("completion")))
        .then_some((keys, field))
}

/// Splits a text into literal pieces, `{key}` references and stray braces;
/// `{{` and `}}` become a literal `{` and `}`.
pub(crate) fn pieces(text: &str) -> Vec<Piece<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut literal_start = 0;
    let mut at = 0;
    // Braces are ASCII, so every index here is a character boundary.
    while at < bytes.len() {
        let brace = bytes[at];
        if brace != b'{' && brace != b'}' {
            at += 1;
            continue;
        }
        if bytes.get(at + 1) == Some(&brace) {
            // An escape: the text up to and including one brace.
            out.push(Piece::Text(&text[literal_start..=at]));
            at += 2;
            literal_start = at;
            continue;
        }
        if literal_start < at {
            out.push(Piece::Text(&text[literal_start..at]));
        }
        let closed = (brace == b'{')
            .then(|| text[at + 1..].find(['{', '}']).map(|i| at + 1 + i))
            .flatten()
            .filter(|&close| bytes[close] == b'}');
        let end = if let Some(close) = closed {
            let inner = &text[at + 1..close];
            out.push(if reference(inner).is_some() {
                Piece::Ref {
                    key: inner,
                    start: at,
                }
            } else {
                Piece::Stray {
                    typed: &text[at..=close],
                    start: at,
                }
            });
            close + 1
        } else {
            out.push(Piece::Stray {
                typed: &text[at..=at],
                start: at,
            });
            at + 1
        };
        at = end;
        literal_start = end;
    }
    if literal_start < text.len() {
        out.push(Piece::Text(&text[literal_start..]));
    }
    out
}

/// Splits text into paragraphs at blank lines. Lines inside a paragraph are
/// joined without a space, as Chinese prose wants, except between two Latin
/// letters or digits, which keep one.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let needs_space = current
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if needs_space {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_fields_and_lists() {
        assert_eq!(reference("roads"), Some((vec!["roads"], None)));
        assert_eq!(
            reference("roads.completion"),
            Some((vec!["roads"], Some("completion")))
        );
        assert_eq!(
            reference("a,b.completion"),
            Some((vec!["a", "b"], Some("completion")))
        );
        assert_eq!(reference("a,b"), None);
        assert_eq!(reference("a, b.completion"), None);
        assert_eq!(reference("roads.colour"), None);
    }

    /// The pieces of `text` as (kind, what) pairs.
    fn kinds(text: &str) -> Vec<(&'static str, &str)> {
        pieces(text)
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) => ("text", t),
                Piece::Ref { key, .. } => ("ref", key),
                Piece::Stray { typed, .. } => ("stray", typed),
            })
            .collect()
    }

    #[test]
    fn finds_references_escapes_and_stray_braces() {
        assert_eq!(
            kinds("共整治{sites}，{{ x }}、{不是}、{a b}与{trees}"),
            [
                ("text", "共整治"),
                ("ref", "sites"),
                ("text", "，{"),
                ("text", " x }"),
                ("text", "、"),
                ("stray", "{不是}"),
                ("text", "、"),
                ("stray", "{a b}"),
                ("text", "与"),
                ("ref", "trees"),
            ]
        );
        assert_eq!(
            kinds("{gdp.Share}{ gdp }{a{b}c}"),
            [
                ("stray", "{gdp.Share}"),
                ("stray", "{ gdp }"),
                ("stray", "{"),
                ("text", "a"),
                ("ref", "b"),
                ("text", "c"),
                ("stray", "}"),
            ]
        );
        assert_eq!(kinds("末尾{"), [("text", "末尾"), ("stray", "{")]);
    }

    #[test]
    fn reference_offsets_point_at_the_brace() {
        let text = "甲{a}";
        assert_eq!(pieces(text)[1], Piece::Ref { key: "a", start: 3 });
    }

    proptest::proptest! {
        /// A brace reaches the text only from an escape: every other one
        /// is a reference or a stray, never literal text.
        #[test]
        fn literal_braces_come_only_from_escapes(text in "[a甲{}.,_ ]{0,24}") {
            let mut literal = String::new();
            let mut rebuilt = String::new();
            for piece in pieces(&text) {
                match piece {
                    Piece::Text(t) => {
                        literal.push_str(t);
                        rebuilt.push_str(&t.replace('{', "{{").replace('}', "}}"));
                    }
                    Piece::Ref { key, .. } => {
                        rebuilt.push('{');
                        rebuilt.push_str(key);
                        rebuilt.push('}');
                    }
                    Piece::Stray { typed, .. } => rebuilt.push_str(typed),
                }
            }
            let escapes = text.matches("{{").count() + text.matches("}}").count();
            let printed = literal.chars().filter(|c| matches!(c, '{' | '}')).count();
            proptest::prop_assert!(printed <= escapes);
            // Nothing is lost or invented.
            proptest::prop_assert_eq!(rebuilt, text);
        }
    }

    #[test]
    fn paragraphs_join_chinese_lines_without_spaces() {
        let text = "第一段第一行\n  第一段第二行\n\n\n第二段 ABC\nDEF\n";
        assert_eq!(
            paragraphs(text),
            ["第一段第一行第一段第二行", "第二段 ABC DEF"]
        );
    }

    #[test]
    fn keys_are_ascii_identifiers() {
        assert!(is_key("roof_tiles_2"));
        assert!(!is_key("2tiles"));
        assert!(!is_key("面积"));
        assert!(!is_key(""));
    }
}
