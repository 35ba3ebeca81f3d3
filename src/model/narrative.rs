//! Narrative text as typed in the data file: paragraphs and `{metric}`
//! references. Text is data, never a template: only `{key}` with a metric-key
//! shape is special; every other character, `{{ }}` included, stays as typed.

/// A piece of a text value: literal text or a reference to a metric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// `{key}`; `start` is the byte offset of `{` in the text.
    Ref {
        key: &'a str,
        start: usize,
    },
}

/// Is `key` usable as a metric key? Templates address metrics as
/// `metrics.key`, and Tera identifiers are ASCII.
pub fn is_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What a reference may ask of its metrics besides the figure itself.
pub const FIELDS: &[&str] = &["target", "completion", "share"];

/// The metrics a reference names and the field it asks for: `roads` is the
/// figure, `roads.target` its own target, `roads.completion` “完成目标任务的
/// 213.33%”, `roads,toilets.completion` one statement for both.
pub fn reference(inner: &str) -> Option<(Vec<&str>, Option<&str>)> {
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

/// Splits a text into literal pieces and `{key}` references.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut literal_start = 0;
    let mut search_from = 0;
    while let Some(open) = text[search_from..].find('{').map(|i| i + search_from) {
        let after = &text[open + 1..];
        let reference = after
            .find('}')
            .map(|close| &after[..close])
            .filter(|inner| reference(inner).is_some());
        match reference {
            Some(key) => {
                if literal_start < open {
                    out.push(Piece::Text(&text[literal_start..open]));
                }
                out.push(Piece::Ref { key, start: open });
                literal_start = open + key.len() + 2;
                search_from = literal_start;
            }
            None => search_from = open + 1,
        }
    }
    if literal_start < text.len() {
        out.push(Piece::Text(&text[literal_start..]));
    }
    out
}

/// Splits text into paragraphs at blank lines. Lines inside a paragraph are
/// joined without a space, as Chinese prose wants, except between two Latin
/// letters or digits, which keep one.
pub fn paragraphs(text: &str) -> Vec<String> {
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

    #[test]
    fn finds_references_and_leaves_other_braces() {
        let text = "共整治{sites}，{{ x }}、{不是}、{a b}与{trees}";
        let keys: Vec<&str> = pieces(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Ref { key, .. } => Some(key),
                Piece::Text(_) => None,
            })
            .collect();
        assert_eq!(keys, ["sites", "trees"]);
        let rebuilt: String = pieces(text)
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) => t.to_string(),
                Piece::Ref { key, .. } => format!("{{{key}}}"),
            })
            .collect();
        assert_eq!(rebuilt, text);
    }

    #[test]
    fn reference_offsets_point_at_the_brace() {
        let text = "甲{a}";
        assert_eq!(pieces(text)[1], Piece::Ref { key: "a", start: 3 });
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
