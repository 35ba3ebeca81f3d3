//! The frame around a report's body: the 版头, title and 主送机关 before
//! it; the 附件说明, 署名, 成文日期 and 版记 after it; and a stray last line
//! (the seed's lone “来”) left out.

use crate::tr;

use super::draft::{Draft, Notices};
use super::markers::starts_with_marker;
use super::paragraph::{Para, Role};

/// Takes the title, 版头 and 主送机关 off the front and the 附件, 署名,
/// 成文日期 and 版记 off the back; returns the body between.
pub(super) fn body<'p>(paras: &'p [Para], draft: &mut Draft, notices: &mut Notices) -> &'p [Para] {
    let start = front(paras, draft);
    let end = back(paras, start, draft, notices);
    let end = attachments(paras, start, end, draft);
    &paras[start..end]
}

/// The 版头, title and 主送机关; returns where the body starts.
fn front(paras: &[Para], draft: &mut Draft) -> usize {
    let mut start = 0;
    // 版头 and title.
    while let Some(para) = paras.get(start) {
        let text = para.text.trim();
        let untitled = draft.title.is_none();
        if let Some(title) = &draft.title {
            // A repost prints its title twice; a page may split it in two.
            if same_words(title, text) || same_words(title, &undoubled(text)) {
                draft
                    .repairs
                    .push(format!("删去重复的标题（原稿第 {} 行）", para.line));
                start += 1;
                continue;
            }
            // A date on its own line under the title, “（2025年04月07日）”,
            // is when the report was written.
            let bare = text.trim_matches(['（', '）', '(', ')', ' ']);
            if let Some(date) = whole_date(bare) {
                if draft.date.is_none() {
                    draft.date = Some(date);
                }
                start += 1;
                continue;
            }
            if let Some(joined) = continued_title(title, text) {
                draft.title = Some(joined);
                draft
                    .repairs
                    .push(format!("接上断开的标题（原稿第 {} 行）", para.line));
                start += 1;
                continue;
            }
        }
        match para.role {
            Role::Title if untitled => {
                draft.title = Some(title_of(text, para.line, draft));
                draft.title_line = para.line;
            }
            // 版头: “××局文件” and “×〔2025〕12号” above the title.
            Role::Organ => draft.organ = Some(text.to_string()),
            Role::DocNumber => draft.doc_number = Some(text.to_string()),
            Role::Body if untitled && start == 0 && is_organ(text) => {
                draft.organ = Some(text.to_string());
            }
            Role::Body if untitled && is_doc_number(text) => {
                draft.doc_number = Some(text.to_string());
            }
            Role::Body if untitled && start == 0 && is_title_like(text) => {
                draft.title = Some(title_of(text, para.line, draft));
                draft.title_line = para.line;
            }
            _ => break,
        }
        start += 1;
    }
    if let Some(para) = paras.get(start) {
        let text = para.text.trim_end();
        let colon = text.ends_with('：') || text.ends_with(':');
        if para.role == Role::Addressee
            || (colon
                && text.chars().count() <= 30
                && !text.contains('。')
                && draft.title.is_some())
        {
            let name = text.trim_end_matches(['：', ':']).to_string();
            if starts_with_marker(&name) {
                // “一、主要工作：” is a heading, not whom it is sent to.
            } else {
                draft.addressee = Some(name);
                start += 1;
            }
        }
    }
    start
}

/// A stray last line, the 版记, 成文日期 and 署名; returns where the body
/// (with any 附件说明) ends.
fn back(paras: &[Para], start: usize, draft: &mut Draft, notices: &mut Notices) -> usize {
    let mut end = paras.len();
    // A stray last line, like the seed's lone “来”.
    if end > start
        && let Some(last) = paras.get(end - 1)
        && last.role == Role::Body
        && last.text.chars().count() <= 3
        && !last
            .text
            .chars()
            .any(|c| c.is_ascii_digit() || "。；：".contains(c))
    {
        notices.warn(
            last,
            0,
            last.text.chars().count(),
            crate::tr_both!(
                "最后一行“{}”不像正文，没有导入",
                "the last line “{}” is not part of the text and was left out",
                last.text
            ),
            tr!(
                "原稿在这里可能被截断了（例如“来源：”）；如有缺漏，请对照原稿补上",
                "the original may be cut off here; check it and add what is missing"
            ),
        );
        end -= 1;
    }
    // 版记, from the end: 印发 last, 抄送 before it.
    while end > start {
        let para = &paras[end - 1];
        let text = para.text.trim();
        if let Some(rest) = text
            .strip_prefix("抄送")
            .map(|r| r.trim_start_matches(['：', ':', ' ']))
        {
            draft.cc = rest
                .trim_end_matches('。')
                .split(['，', '、', ',', '；', ';'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
        } else if let Some(rest) = text.strip_suffix("印发") {
            let (office, date) = split_date(rest);
            draft.imprint_date = date;
            draft.office = Some(office.trim().to_string()).filter(|s| !s.is_empty());
            // The 印发机关 on its own line above “2025年12月22日印发”.
            if draft.office.is_none()
                && end - 1 > start
                && let Some(above) = paras.get(end - 2)
                && is_short_name(above.text.trim())
            {
                draft.office = Some(above.text.trim().to_string());
                end -= 1;
            }
        } else {
            break;
        }
        end -= 1;
    }
    // 成文日期, and the 署名 above it.
    if end > start
        && let Some(date) = whole_date(&paras[end - 1].text)
    {
        draft.date = Some(date);
        end -= 1;
        if end > start {
            let above = &paras[end - 1];
            let text = above.text.trim();
            if above.role == Role::Signature || is_short_name(text) {
                draft.issuer = Some(text.to_string());
                end -= 1;
            }
        }
    } else if end > start && draft.date.is_some() && is_organ_name(paras[end - 1].text.trim()) {
        // The 署名 alone at the end, its date printed under the title.
        draft.issuer = Some(paras[end - 1].text.trim().to_string());
        end -= 1;
    }
    end
}

/// The name of an office: a short line ending as such names end.
fn is_organ_name(text: &str) -> bool {
    const ENDS: [&str; 16] = [
        "局",
        "办",
        "委",
        "政府",
        "中心",
        "室",
        "组",
        "委员会",
        "院",
        "厅",
        "处",
        "所",
        "站",
        "队",
        "街道办事处",
        "公司",
    ];
    is_short_name(text) && ENDS.iter().any(|e| text.ends_with(e))
}

/// 附件说明: from “附件：” to the 署名; returns where the body ends.
fn attachments(paras: &[Para], start: usize, end: usize, draft: &mut Draft) -> usize {
    let body = &paras[start..end];
    let opens = |p: &Para| {
        let text = p.text.trim_start();
        text.starts_with("附件：") || text.starts_with("附件:")
    };
    // Where “附件：” starts; Word may hold each name in a paragraph of the
    // same style, the first of them carrying the word.
    let first = body.iter().rposition(opens).or_else(|| {
        let names = body
            .iter()
            .rev()
            .take_while(|p| p.role == Role::Attachments)
            .count();
        (names > 0).then(|| body.len() - names)
    });
    let Some(first) = first else {
        return end;
    };
    let mut names = Vec::new();
    for para in &body[first..] {
        let text = para.text.trim();
        let text = text
            .strip_prefix("附件")
            .map_or(text, |r| r.trim_start_matches(['：', ':']));
        for line in text.split('\n') {
            let name = strip_number(line.trim()).trim_end_matches('。');
            if !name.is_empty() {
                names.push(name.to_string());
            }
        }
    }
    // Names, not text: a sentence after “附件：” means it was prose.
    if names
        .iter()
        .any(|n| n.chars().count() > 60 || n.contains('。'))
    {
        return end;
    }
    draft.attachments = names;
    start + first
}

/// A first line that reads as a title: short, no sentence in it.
/// `text` with a word of two to four characters printed twice in a row
/// written once (“2024年工作工作总结” → “2024年工作总结”): what a page's
/// broken title leaves when it is joined again.
pub(super) fn undoubled(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    for n in (2..=4).rev() {
        for at in 0..chars.len().saturating_sub(2 * n - 1) {
            let word = &chars[at..at + n];
            if word == &chars[at + n..at + 2 * n] && word.iter().all(|c| !c.is_ascii()) {
                let mut out: Vec<char> = chars[..at + n].to_vec();
                out.extend(&chars[at + 2 * n..]);
                return out.into_iter().collect();
            }
        }
    }
    text.to_string()
}

/// A title as taken: a doubled word written once, said.
fn title_of(text: &str, line: usize, draft: &mut Draft) -> String {
    let title = undoubled(text);
    if title != text {
        draft
            .repairs
            .push(format!("标题里重复的词只留一个（原稿第 {line} 行）"));
    }
    title
}

/// The same words, whatever the spaces between them.
fn same_words(a: &str, b: &str) -> bool {
    let words = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    !b.is_empty() && words(a) == words(b)
}

/// `title` and the line after it, when that line is the rest of the title
/// a page broke off: it ends as a title of the genre ends (总结, 计划, 报告,
/// 打算, 要点) and the title so far does not. A word the break printed
/// twice (“……年工作” / “工作总结及……”) is written once.
fn continued_title(title: &str, next: &str) -> Option<String> {
    const ENDS: [&str; 6] = ["总结", "计划", "報告", "报告", "打算", "要点"];
    let ended = |t: &str| ENDS.iter().any(|e| t.ends_with(e));
    if ended(title) || !ended(next) || !is_title_like(next) || next.chars().count() > 30 {
        return None;
    }
    let title_chars: Vec<char> = title.chars().collect();
    let next_chars: Vec<char> = next.chars().collect();
    let overlap = (2..=4.min(title_chars.len()).min(next_chars.len()))
        .rev()
        .find(|&n| title_chars[title_chars.len() - n..] == next_chars[..n])
        .unwrap_or(0);
    Some(format!(
        "{title}{}",
        next_chars[overlap..].iter().collect::<String>()
    ))
}

fn is_title_like(text: &str) -> bool {
    let chars = text.chars().count();
    chars <= 60 && !text.contains(['。', '，', ',']) && !starts_with_marker(text)
}

/// A line that can be a 署名 or 印发机关: short, no sentence, no marker.
fn is_short_name(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 40
        && !text.contains(['。', '，', '；', '：'])
        && !starts_with_marker(text)
}

/// “××局文件”: the 发文机关标志 of a formal copy.
fn is_organ(text: &str) -> bool {
    text.ends_with("文件") && text.chars().count() <= 30 && !text.contains(['。', '，'])
}

fn is_doc_number(text: &str) -> bool {
    text.contains('〔') && text.contains('〕') && text.ends_with('号') && text.chars().count() <= 30
}

fn strip_number(text: &str) -> &str {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &text[digits..];
        if let Some(rest) = rest.strip_prefix(['.', '．', '、']) {
            return rest.trim_start();
        }
    }
    text
}

/// “2017年12月28日” as a whole line.
fn whole_date(text: &str) -> Option<(i32, u32, u32)> {
    let (rest, date) = split_date(text.trim());
    (rest.trim().is_empty()).then_some(date).flatten()
}

/// Splits a trailing “2017年12月28日” off `text`.
fn split_date(text: &str) -> (&str, Option<(i32, u32, u32)>) {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(rest) = compact.strip_suffix('日') else {
        return (text, None);
    };
    let parse = |s: &str| -> Option<(i32, u32, u32)> {
        let (year, rest) = s.split_once('年')?;
        let (month, day) = rest.split_once('月')?;
        let year = year.get(year.len().checked_sub(4)?..)?;
        let (y, m, d) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
        chrono::NaiveDate::from_ymd_opt(y, m, d).map(|_| (y, m, d))
    };
    let Some(year_at) = rest.rfind('年') else {
        return (text, None);
    };
    let start = rest[..year_at].len().saturating_sub(4);
    let Some(date) = rest.get(start..).and_then(parse) else {
        return (text, None);
    };
    // The same cut in the original text (which may have spaces).
    let Some(cut) = text.rfind(&rest[start..start + 4]) else {
        return (text, None);
    };
    (&text[..cut], Some(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_at_the_end_of_a_line() {
        assert_eq!(whole_date("2017年12月28日"), Some((2017, 12, 28)));
        assert_eq!(whole_date("2017 年 12 月 28 日"), Some((2017, 12, 28)));
        assert_eq!(whole_date("2017年2月30日"), None);
        assert_eq!(whole_date("截至2017年12月28日"), None);
        assert_eq!(
            split_date("某区城市管理局办公室 2025年12月22日"),
            ("某区城市管理局办公室 ", Some((2025, 12, 22)))
        );
    }
}
