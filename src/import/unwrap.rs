//! Text taken out of a PDF: every line of the page is a line of the file,
//! so a sentence runs over several. When most lines of a text file are of
//! one width, the lines that fill that width and end without a sentence's
//! end are joined to the next: the paragraphs come back as they were set.

use super::markers::starts_with_marker;
use super::paragraph::{Para, Role};

/// How many lines a file needs before its widths say anything.
const ENOUGH_LINES: usize = 6;
/// The narrowest page a PDF sets (in characters).
const NARROWEST: usize = 16;

/// `paras` with lines a PDF broke joined again; the same paragraphs when
/// the file does not look like a PDF's text.
pub(super) fn unwrap(paras: Vec<Para>) -> Vec<Para> {
    let Some(width) = page_width(&paras) else {
        return paras;
    };
    let mut out: Vec<Para> = Vec::with_capacity(paras.len());
    // The source line the last paragraph ends on, and that line's text.
    let mut tail: Option<(usize, String)> = None;
    for para in paras {
        let joins = matches!(&tail, Some((line, text)) if para.line == line + 1 && broken(text, width))
            && out.last().is_some_and(|last| last.role == Role::Body)
            && para.role == Role::Body
            && !starts_with_marker(para.text.trim_start());
        tail = (para.role == Role::Body).then(|| (para.line, para.text.clone()));
        if joins && let Some(last) = out.last_mut() {
            last.text.push_str(para.text.trim());
            continue;
        }
        out.push(para);
    }
    out
}

/// The width most body lines fill, when enough of them fill it: a PDF's.
fn page_width(paras: &[Para]) -> Option<usize> {
    let widths: Vec<usize> = paras
        .iter()
        .filter(|p| p.role == Role::Body)
        .map(|p| p.text.chars().count())
        .collect();
    if widths.len() < ENOUGH_LINES {
        return None;
    }
    let width = *widths.iter().max()?;
    let full = widths.iter().filter(|&&w| w + 2 >= width).count();
    (width >= NARROWEST && full * 4 >= widths.len()).then_some(width)
}

/// A line that fills the page and ends mid-sentence.
fn broken(text: &str, width: usize) -> bool {
    text.chars().count() + 2 >= width
        && !text
            .trim_end()
            .ends_with(['。', '！', '？', '；', '：', '”', '」', '!', '?', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(lines: &[&str]) -> Vec<Para> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| Para::new(i + 1, (*l).to_string(), Role::Body))
            .collect()
    }

    #[test]
    fn a_pdfs_lines_are_joined_and_a_typed_files_are_not() {
        let pdf = paras(&[
            "一、主要工作",
            "全年清理垃圾三万余吨，拆除违法建筑一百二十六处，完成",
            "道路修补十二公里。",
            "二、存在的问题",
            "一是人手不足，二是经费紧张，三是设施陈旧，四是宣传",
            "不够。",
            "三、工作计划",
            "继续推进。",
        ]);
        let joined: Vec<String> = unwrap(pdf).into_iter().map(|p| p.text).collect();
        assert_eq!(joined.len(), 6, "{joined:?}");
        assert!(joined[1].ends_with("完成道路修补十二公里。"), "{joined:?}");
        // Short lines of a typed file, each its own paragraph, stay apart.
        let typed = paras(&[
            "一、主要工作",
            "清理垃圾",
            "拆除违建",
            "二、问题",
            "人手不足",
            "三、计划",
            "继续",
        ]);
        assert_eq!(unwrap(typed).len(), 7);
    }
}
