//! Escaping, so that data stays text in every format. Values printed into
//! the Markdown template are backslash-escaped: data can never change the
//! document's structure (no stray headings, lists, links, emphasis or raw
//! HTML), and reads naturally as plain text. Text written into HTML is
//! entity-escaped.

use std::io::{self, Write};

use crate::model::marks;

/// Backslash-escapes what `CommonMark` (with GFM tables and strikethrough)
/// would read as markup. Chinese prose has almost none of it, so the plain
/// text stays clean. Marks of origin ([`marks`]) are invisible to the
/// escaping: it decides on the text around them, so the Markdown written
/// (without them) is escaped as if they had never been there.
pub(crate) fn markdown(input: &str, out: &mut dyn Write) -> io::Result<()> {
    // Most values hold nothing to escape: written as they are, marks and all.
    if !input.bytes().any(|b| MARKUP[usize::from(b)]) {
        return out.write_all(input.as_bytes());
    }
    if !marks::any(input) {
        let mut written = 0;
        for index in escapes(input) {
            out.write_all(&input.as_bytes()[written..index])?;
            out.write_all(b"\\")?;
            written = index;
        }
        return out.write_all(&input.as_bytes()[written..]);
    }
    let plain = marks::strip(input);
    let mut escapes = escapes(&plain).into_iter().peekable();
    // The plain text's offset at the start of each piece.
    let mut offset = 0;
    for piece in marks::pieces(input) {
        let marks::Piece::Text(text) = piece else {
            out.write_all(marks::written(&piece).as_bytes())?;
            continue;
        };
        let mut written = 0;
        while let Some(&index) = escapes.peek() {
            if index >= offset + text.len() {
                break;
            }
            escapes.next();
            out.write_all(&text.as_bytes()[written..index - offset])?;
            out.write_all(b"\\")?;
            written = index - offset;
        }
        out.write_all(&text.as_bytes()[written..])?;
        offset += text.len();
    }
    Ok(())
}

/// The bytes that may need a backslash, wherever they stand, as a table:
/// asked of every byte printed.
const MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"\\`*_[]<>&|~#+-=.)";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Where a backslash goes in `input`: before each byte index returned.
fn escapes(input: &str) -> Vec<usize> {
    let mut at_line_start = true;
    let mut found = Vec::new();
    for (index, c) in input.char_indices() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' => true,
            '#' | '+' | '-' | '=' => at_line_start,
            // `1. ` or `1) ` at a line start would open an ordered list.
            '.' | ')' => {
                let line_start = input[..index].rfind('\n').map_or(0, |i| i + 1);
                let before = &input[line_start..index];
                let after = input[index + 1..].chars().next();
                !before.is_empty()
                    && before.chars().all(|d| d.is_ascii_digit())
                    && after.is_none_or(|a| a == ' ' || a == '\t' || a == '\n')
            }
            _ => false,
        };
        if escape {
            found.push(index);
        }
        at_line_start = c == '\n' || (at_line_start && c == ' ');
    }
    found
}

/// Tera's escaping for the page shell: HTML entities, as Tera's own, and
/// the marks of origin taken out (the page is written as it is).
pub(crate) fn html_page(input: &str, out: &mut dyn Write) -> io::Result<()> {
    tera::escape_html(&marks::strip(input), out)
}

/// Appends `text` to `out` with `&`, `<`, `>` and `"` as entities: enough
/// for element content and double-quoted attributes.
pub(crate) fn html(text: &str, out: &mut String) {
    entities(text, out, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    });
}

/// Appends `text` to `out` escaped as `WordprocessingML` text: `&`, `<`,
/// `>`, `"` and `'` as entities, a line feed as `&#xA;`, and carriage returns
/// dropped (`LibreOffice` rejects them escaped). The rules docx-rs used, kept
/// when the tool took over the writing, so the text's bytes did not change.
pub(crate) fn wml(text: &str, out: &mut String) {
    entities(text, out, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&apos;"),
        b'\n' => Some("&#xA;"),
        b'\r' => Some(""),
        _ => None,
    });
}

/// `text` into `out` with each ASCII byte `entity` names replaced; the text
/// between goes out in one push.
fn entities(text: &str, out: &mut String, entity: impl Fn(u8) -> Option<&'static str>) {
    let mut written = 0;
    for (index, byte) in text.bytes().enumerate() {
        let Some(replacement) = entity(byte) else {
            continue;
        };
        out.push_str(&text[written..index]);
        out.push_str(replacement);
        written = index + 1;
    }
    out.push_str(&text[written..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(input: &str) -> String {
        let mut out = Vec::new();
        markdown(input, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn chinese_prose_is_untouched() {
        let text = "共整治有碍观瞻点位40余处，铺设2万余㎡（含部分市级部门）。";
        assert_eq!(escaped(text), text);
    }

    #[test]
    fn markup_is_neutralised() {
        assert_eq!(escaped("# 标题"), "\\# 标题");
        assert_eq!(escaped("<script>"), "\\<script\\>");
        assert_eq!(escaped("1. 列表"), "1\\. 列表");
        assert_eq!(escaped("1.达成"), "1.达成");
        assert_eq!(escaped("126.5万平方米"), "126.5万平方米");
        assert_eq!(escaped("第1.5条"), "第1.5条");
        assert_eq!(escaped("a|b *c*"), "a\\|b \\*c\\*");
        assert_eq!(escaped("甲\n- 乙"), "甲\n\\- 乙");
        assert_eq!(escaped("2017-2018"), "2017-2018");
    }

    #[test]
    fn marks_are_invisible_to_the_escaping() {
        let marked = marks::wrap(marks::TEXT, 4, "1. 列表 *甲*");
        let out = escaped(&marked);
        assert_eq!(marks::strip(&out), escaped("1. 列表 *甲*"));
        assert_eq!(marks::parse(&out).1[0].id, 4);
    }

    #[test]
    fn html_entities() {
        let mut out = String::new();
        html("<b class=\"x\">甲&乙</b>", &mut out);
        assert_eq!(out, "&lt;b class=&quot;x&quot;&gt;甲&amp;乙&lt;/b&gt;");
    }

    proptest::proptest! {
        // Escaped text holds no markup, and reads back as the text without
        // its carriage returns.
        #[test]
        fn wml_text_reads_back(text in "[a甲<>&'\"\r\n ]{0,16}") {
            let mut out = String::new();
            wml(&text, &mut out);
            proptest::prop_assert!(!out.contains(['<', '>', '"', '\'', '\n', '\r']));
            let back = out
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&#xA;", "\n")
                .replace("&amp;", "&");
            proptest::prop_assert_eq!(back, text.replace('\r', ""));
        }
    }

    #[test]
    fn wml_entities_are_docx_rs_s() {
        let mut out = String::new();
        wml("a<b&'c'\"\r\n甲", &mut out);
        assert_eq!(out, "a&lt;b&amp;&apos;c&apos;&quot;&#xA;甲");
    }
}
