//! The data file's tree read straight from the parser's events, for the
//! files that need none of the deserializer's care.

use super::tree::{Span, Spanned, Tree};

/// The tree built straight from the parser's events, as the deserializer
/// would build it, for the files that need none of its care: no anchors,
/// aliases, tags, merge keys or repeated keys, one document, scalars whose
/// type is plain to see. `None` for anything else (callgrind: the
/// deserializer's layers cost 1.6 M instructions on the bundled 2017 file,
/// more than the parse itself). A test holds the two equal on every YAML
/// file in the repository.
pub(super) fn tree(text: &str) -> Option<Spanned<Tree>> {
    use serde_saphyr::granit_parser::{Event, Parser};
    // Deeper than any data file; the deserializer's budget handles the rest.
    const DEPTH: usize = 64;
    // A map being read: its entries and the key waiting for its value.
    enum Open {
        List(Vec<Spanned<Tree>>),
        Map(
            Vec<(Spanned<String>, Spanned<Tree>)>,
            Option<Spanned<String>>,
        ),
    }
    let mut stack: Vec<(Open, Span)> = Vec::new();
    let mut root = None;
    let mut documents = 0;
    let mut options = serde_saphyr::granit_parser::Options::default();
    options.set_emit_comments(false);
    for item in Parser::new_from_str_with_options(text, options) {
        let (event, span) = item.ok()?;
        let at = Span {
            line: span.start.line(),
            column: span.start.col() + 1,
            offset: span.start.byte_offset(),
            len: span
                .start
                .byte_offset()
                .zip(span.end.byte_offset())
                .map(|(start, end)| end.saturating_sub(start)),
            cell: None,
        };
        let is_list = matches!(event, Event::SequenceStart(..));
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                let in_key = matches!(stack.last(), Some((Open::Map(_, None), _)));
                if in_key {
                    let plain = matches!(style, serde_saphyr::granit_parser::ScalarStyle::Plain);
                    // A key reads as its text; one that would read as
                    // anything else is the deserializer's to judge.
                    if value == "<<" || plain && !matches!(scalar(&value)?, Tree::Text(_)) {
                        return None;
                    }
                    let key = Spanned {
                        value: value.into_owned(),
                        at,
                    };
                    if let Some((Open::Map(entries, waiting), _)) = stack.last_mut() {
                        if entries.iter().any(|(k, _)| k.value == key.value) {
                            return None;
                        }
                        *waiting = Some(key);
                    }
                    continue;
                }
                let value = if matches!(style, serde_saphyr::granit_parser::ScalarStyle::Plain) {
                    scalar(&value)?
                } else {
                    Tree::Text(value.into_owned())
                };
                Spanned { value, at }
            }
            Event::SequenceStart(_, anchor, tag) | Event::MappingStart(_, anchor, tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= DEPTH {
                    return None;
                }
                if matches!(stack.last(), Some((Open::Map(_, None), _))) {
                    // A list or map as a key.
                    return None;
                }
                let open = if is_list {
                    Open::List(Vec::new())
                } else {
                    Open::Map(Vec::new(), None)
                };
                stack.push((open, at));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (open, at) = stack.pop()?;
                let value = match open {
                    Open::List(items) => Tree::List(items),
                    Open::Map(entries, None) => Tree::Map(entries),
                    Open::Map(_, Some(_)) => return None,
                };
                Spanned { value, at }
            }
            _ => return None,
        };
        match stack.last_mut() {
            Some((Open::List(items), _)) => items.push(node),
            Some((Open::Map(entries, waiting), _)) => entries.push((waiting.take()?, node)),
            None if root.is_none() => root = Some(node),
            None => return None,
        }
    }
    root
}

/// A plain scalar's value where its type is plain to see: null, true or
/// false, a whole or decimal number without sign or leading zero, a date,
/// or text with a character no number or boolean has. `None` where the
/// deserializer's rules (YAML 1.1 booleans, radixes, infinities…) decide.
fn scalar(value: &str) -> Option<Tree> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Tree::Null),
        "true" => return Some(Tree::Bool(true)),
        "false" => return Some(Tree::Bool(false)),
        _ => {}
    }
    if !value.is_ascii() {
        return Some(Tree::Text(value.to_string()));
    }
    let digits = |s: &str| !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit());
    let whole = |s: &str| digits(s) && (s == "0" || !s.starts_with('0'));
    let (int, fraction) = value.split_once('.').unwrap_or((value, ""));
    if whole(int) && (value == int || digits(fraction)) {
        return value.parse().ok().map(Tree::Number);
    }
    let mut date = value.split('-');
    let is_date = date.next().is_some_and(|y| y.len() == 4 && digits(y))
        && date
            .next()
            .is_some_and(|m| (1..=2).contains(&m.len()) && digits(m))
        && date
            .next()
            .is_some_and(|d| (1..=2).contains(&d.len()) && digits(d))
        && date.next().is_none();
    if is_date {
        return Some(Tree::Text(value.to_string()));
    }
    // A word: `sum`, `paragraphs`, `km`, `m1` — but not a YAML 1.1 boolean
    // (`yes`, `off`) nor what Rust reads as a number (`inf`, `nan`).
    let word = value
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let boolean = ["true", "false", "yes", "no", "y", "n", "on", "off"]
        .iter()
        .any(|b| value.eq_ignore_ascii_case(b));
    (word && !boolean && value.parse::<f64>().is_err()).then(|| Tree::Text(value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::source::yaml::parse;

    // The quick tree is the deserializer's tree, spans and all, for every
    // YAML file in the repository it takes; and it takes the data files.
    #[test]
    fn the_quick_tree_is_the_deserializers() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut folders = vec![
            root.join("data"),
            root.join("examples"),
            root.join("tests/fixtures"),
        ];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml") {
                    files.push(path);
                }
            }
        }
        let mut quick = 0;
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            let file = SourceFile::new("x.yaml", text.as_str());
            let Ok(full) = parse::<Spanned<Tree>>(&file) else {
                assert!(tree(&text).is_none(), "{}", path.display());
                continue;
            };
            if let Some(fast) = tree(&text) {
                assert_eq!(
                    format!("{fast:?}"),
                    format!("{full:?}"),
                    "{}",
                    path.display()
                );
                quick += 1;
            } else {
                assert!(
                    !path.to_string_lossy().contains("/data/20"),
                    "{} took the long way",
                    path.display()
                );
            }
        }
        assert!(quick >= 10, "{quick} of {} files", files.len());
        // Each case where the deserializer has rules of its own, `¦` apart.
        let cases = "a: yes\n¦a: 0x1F\n¦a: 012\n¦a: -5\n¦a: .inf\n¦a: 1e3\n¦a: &x 1\nb: *x\n¦a: 1\na: 2\n¦<<: {a: 1}\n¦a: !!str 1\n¦--- 1\n--- 2\n¦a: [1, {b: c}]\n¦a: 'yes'\nb: \"1\"\nc: |\n  x\n¦? [a]\n: 1\n¦a: NULL\nb: ~\nc:\n¦a: 2017-12-28\nb: 1.50\nc: 0.5\n¦a: [b\n";
        for text in cases.split('¦') {
            let file = SourceFile::new("x.yaml", text);
            let full = parse::<Spanned<Tree>>(&file).map(|t| format!("{t:?}")).ok();
            if let Some(fast) = tree(text) {
                assert_eq!(Some(format!("{fast:?}")), full, "{text}");
            }
        }
    }
}
