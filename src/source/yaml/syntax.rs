//! The YAML parser's syntax errors in plain words. The parser says what its
//! grammar expected ("simple key expected ':'", "found a tab"), in English,
//! and often a line late; a clerk's mistakes are few and visible in the
//! text: a full-width colon typed by a Chinese input method, a TAB in the
//! indentation, no space after “:”, a quote left open. Those are found in
//! the lines around the parser's, and said where they are.

use crate::tr;

/// A syntax error said for a person: where, what, and what to do.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Explained {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) chars: usize,
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// The mistake behind the parser's `message` at 1-based `line` of `text`,
/// when it is one a person makes; else the parser's message in words.
pub(super) fn explain(text: &str, line: usize, column: usize, message: &str) -> Explained {
    let lines: Vec<&str> = text.lines().collect();
    // The parser reports a TAB where it gives up, which can be the line
    // before the TAB; any TAB in an indentation up to there is the cause.
    let tab = lines
        .iter()
        .take(line + 1)
        .enumerate()
        .find_map(|(i, l)| indent_tab(l).map(|c| (i + 1, c)));
    if let Some((line, column)) = tab {
        return Explained {
            line,
            column,
            chars: 1,
            message: tr!("缩进里有制表符（TAB）", "a TAB in the indentation"),
            hint: tr!(
                "YAML 只能用空格缩进：把这一行开头的 TAB 换成空格，与同一层的键对齐",
                "YAML indents with spaces only: replace the TAB at the start of this line with spaces, aligned with the keys of its level"
            ),
        };
    }
    // The line itself, then the one before and the one after.
    let near = [
        line,
        line.saturating_sub(1),
        line + 1,
        line.saturating_sub(2),
    ];
    for n in near.into_iter().filter(|n| *n >= 1 && *n <= lines.len()) {
        let typed = lines[n - 1];
        let Some((key, at)) = key_of(typed) else {
            continue;
        };
        let after = &typed[at + key.len()..];
        if after.trim_start().starts_with('：') {
            let colon = at + key.len() + (after.len() - after.trim_start().len());
            let value = after.trim_start()['：'.len_utf8()..].trim();
            return Explained {
                line: n,
                column: typed[..colon].chars().count() + 1,
                chars: 1,
                message: tr!(
                    "`{key}` 后面是全角冒号“：”",
                    "a full-width colon “：” after `{key}`"
                ),
                hint: tr!(
                    "键后面要用半角冒号加一个空格：`{key}: {value}`",
                    "a key takes an ASCII colon and a space: `{key}: {value}`"
                ),
            };
        }
        if let Some(value) = after.strip_prefix(':')
            && value.chars().next().is_some_and(|c| !c.is_whitespace())
        {
            let colon = at + key.len();
            return Explained {
                line: n,
                column: typed[..colon].chars().count() + 1,
                chars: 1,
                message: tr!("`{key}:` 后面少了一个空格", "no space after `{key}:`"),
                hint: tr!(
                    "冒号后面加一个空格：`{key}: {value}`",
                    "put a space after the colon: `{key}: {value}`"
                ),
            };
        }
    }
    let (message, hint) = in_words(message);
    Explained {
        line,
        column,
        chars: 1,
        message,
        hint,
    }
}

/// The 1-based column of a TAB in `line`'s indentation.
fn indent_tab(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    line[..indent].find('\t').map(|at| at + 1)
}

/// A key that opens `line` (`  value`, `- heading`) and its byte offset.
fn key_of(line: &str) -> Option<(&str, usize)> {
    let start = line.len() - line.trim_start().len();
    let rest = &line[start..];
    let (rest, start) = match rest.strip_prefix("- ") {
        Some(item) => {
            let skipped = item.len() - item.trim_start().len();
            (item.trim_start(), start + 2 + skipped)
        }
        None => (rest, start),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .unwrap_or(rest.len());
    let key = &rest[..end];
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        .then_some((key, start))
}

/// The parser's message said in words, with what usually causes it.
fn in_words(message: &str) -> (String, String) {
    let has = |part: &str| message.contains(part);
    if has("unclosed quote") || has("unexpected end of stream") && has("quot") {
        (
            tr!("引号没有配对", "a quote is not closed"),
            tr!(
                "在值的末尾补上同样的引号，或删去开头的引号",
                "close the value with the same quote, or remove the opening one"
            ),
        )
    } else if has("trailing content after") {
        (
            tr!("引号后面还有文字", "text after the closing quote"),
            tr!(
                "把整个值放进引号里，或删去引号",
                "put the whole value inside the quotes, or remove them"
            ),
        )
    } else if has("mapping values are not allowed") || has("placement of ':'") {
        (
            tr!("这里不能再写“键: 值”", "a `key: value` cannot start here"),
            tr!(
                "多半是缩进没有对齐，或值里有“: ”：同一层的键左边对齐；值里有冒号时给整个值加引号",
                "usually the indentation is off, or the value holds “: ”: align the keys of one level, and quote a value that holds a colon"
            ),
        )
    } else if has("did not find expected key") || has("block sequence entries") {
        (
            tr!("缩进没有对齐", "the indentation does not line up"),
            tr!(
                "同一层的键左边对齐，列表的“- ”对齐；比上一行多缩进两个空格表示属于它",
                "align the keys of one level and the “- ” of one list; two more spaces than the line above put a line under it"
            ),
        )
    } else if has("did not find expected ',' or ']'") || has("did not find expected ',' or '}'") {
        (
            tr!("方括号或花括号没有配对", "a bracket or brace is not closed"),
            tr!(
                "补上 ] 或 }}；值里本来就有括号时，给整个值加引号",
                "add the ] or }}; a value that holds brackets goes in quotes"
            ),
        )
    } else if has("unexpected character") || has("cannot start any token") {
        (
            tr!(
                "值不能以这个字符开头",
                "a value cannot start with this character"
            ),
            tr!(
                "以 @、`、% 等字符开头的值要加引号",
                "a value that starts with @, ` or % goes in quotes"
            ),
        )
    } else if has("unknown value") || has("alias") {
        (
            tr!(
                "引用了没有定义的别名（*…）",
                "a reference to an undefined alias (*…)"
            ),
            tr!(
                "数据文件用不着别名：删去 *，写上值本身；值以 * 开头时加引号",
                "a data file needs no aliases: remove the *, write the value itself; quote a value that starts with *"
            ),
        )
    } else {
        (
            tr!("这里的 YAML 写法有误", "the YAML is not valid here"),
            tr!(
                "检查这一行和上一行的缩进、冒号（半角加空格）和引号是否成对",
                "check the indentation, the colons (ASCII, then a space) and paired quotes of this line and the one above"
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "metrics:\n  sites:\n    label: 点位\n    value: 40\n";

    fn at(text: &str, line: usize) -> Explained {
        explain(text, line, 1, "simple key expected ':'")
    }

    #[test]
    fn a_full_width_colon_is_found_where_it_was_typed() {
        let text = TEXT.replace("value: 40", "value：40");
        let explained = at(&text, 4);
        assert_eq!((explained.line, explained.column), (4, 10));
        assert_eq!(explained.hint, "键后面要用半角冒号加一个空格：`value: 40`");
    }

    #[test]
    fn a_tab_is_found_on_its_own_line_when_the_parser_stops_before_it() {
        let text = TEXT.replace("    value", "\t  value");
        let explained = explain(&text, 3, 12, "while scanning a plain scalar, found a tab");
        assert_eq!((explained.line, explained.column), (4, 1));
        assert_eq!(explained.message, "缩进里有制表符（TAB）");
    }

    #[test]
    fn a_missing_space_after_the_colon() {
        let text = TEXT.replace("value: 40", "value:40");
        let explained = at(&text, 4);
        assert_eq!((explained.line, explained.column), (4, 10));
        assert_eq!(explained.hint, "冒号后面加一个空格：`value: 40`");
        // A list item's key too.
        let explained = at("parts:\n- heading:工作\n", 2);
        assert_eq!((explained.line, explained.column), (2, 10));
    }

    #[test]
    fn other_errors_keep_the_parsers_place_in_plain_words() {
        let explained = explain(TEXT, 4, 12, "unclosed quote");
        assert_eq!((explained.line, explained.column), (4, 12));
        assert_eq!(explained.message, "引号没有配对");
        // Text and URLs with colons are not keys missing a space.
        let text = "intro: 见 http://x.cn\nnote: 12:30 开会\n";
        assert_eq!(explain(text, 2, 1, "x").message, "这里的 YAML 写法有误");
    }
}
