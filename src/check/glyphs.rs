//! Characters the PDF or OFD cannot print: the tool sets them in the faces
//! found on the machine, and a character none of them has would be left
//! out of it. Each is named once, where it was typed.

use crate::diagnostic::{Finding, Severity, Within};
use crate::render::document::Document;
use crate::tr;

use super::lint::{column_of, texts};

/// Characters of the document the pages of `formats` (“PDF、OFD”), set
/// by the tool, cannot print (`lacks` says which:
/// no face on the machine has them), one finding for each character at the
/// first place it occurs, pointed where it was typed.
pub(crate) fn unprintable(
    document: &Document,
    lacks: &dyn Fn(char) -> bool,
    formats: &str,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut seen = Vec::new();
    for block in &document.blocks {
        for (text, marks) in texts(&block.kind) {
            let mut line_start = 0;
            for line in text.split('\n') {
                for (byte, ch) in line.char_indices() {
                    if ch.is_whitespace() || seen.contains(&ch) || !lacks(ch) {
                        continue;
                    }
                    seen.push(ch);
                    findings.push(Finding {
                        rule: "missing-glyph",
                        severity: Severity::Warning,
                        message: tr!(
                            "{formats} 里印不出“{ch}”（U+{:04X}）：这台电脑上的字体都没有这个字，那里会空着",
                            "the {formats} cannot print “{ch}” (U+{:04X}): no face on this machine has it, so it is left out",
                            u32::from(ch)
                        ),
                        hint: tr!(
                            "换成常用的字或文字说明；或装一个有这个字的字体（见 docs/printing.md）",
                            "use a common character or words instead, or install a face that has it (docs/printing.md)"
                        ),
                        line: block.line,
                        column: column_of(line, byte),
                        chars: 1,
                        excerpt: ch.to_string(),
                        within: Some(Within {
                            marks: marks.to_vec(),
                            byte: line_start + byte,
                        }),
                    });
                }
                line_start += line.len() + 1;
            }
        }
    }
    findings
}
