//! The furniture of a published page, set aside before the report is read:
//! a 信息公开 page's metadata (“索引号：… 发布机构：… 发布日期：…”, as lines or
//! as a table), its chrome (“分享到”, “【打印】【关闭】”, “字号：【大】【中】
//! 【小】”) and its pagination (“1、2、3、”, “上一页 1 2 下一页”). What the
//! metadata says of the report (its issuing office, its date, its title)
//! is kept, with the line it was read from.

use super::paragraph::{Para, Role};

/// The keys of a page's metadata, each with what it may say of the report.
const KEYS: &[(&str, Meaning)] = &[
    ("发文机关", Meaning::Issuer(0)),
    ("发布机构", Meaning::Issuer(1)),
    ("发布单位", Meaning::Issuer(1)),
    ("所属机构", Meaning::Issuer(2)),
    ("信息来源", Meaning::Issuer(3)),
    ("来源", Meaning::Issuer(4)),
    ("成文日期", Meaning::Date(0)),
    ("发文日期", Meaning::Date(1)),
    ("发文时间", Meaning::Date(1)),
    ("发布日期", Meaning::Date(2)),
    ("发布时间", Meaning::Date(2)),
    ("生成日期", Meaning::Date(3)),
    ("日期", Meaning::Date(3)),
    ("时间", Meaning::Date(4)),
    ("标题", Meaning::Title),
    ("名称", Meaning::Title),
    ("索引号", Meaning::Nothing),
    ("主题分类", Meaning::Nothing),
    ("文件分类", Meaning::Nothing),
    ("组配分类", Meaning::Nothing),
    ("体裁分类", Meaning::Nothing),
    ("内容分类", Meaning::Nothing),
    ("信息类别", Meaning::Nothing),
    ("分类", Meaning::Nothing),
    ("文号", Meaning::Nothing),
    ("发文字号", Meaning::Nothing),
    ("主题词", Meaning::Nothing),
    ("关键词", Meaning::Nothing),
    ("有效性", Meaning::Nothing),
    ("公开方式", Meaning::Nothing),
    ("公开范围", Meaning::Nothing),
    ("公开类型", Meaning::Nothing),
    ("公开属性", Meaning::Nothing),
    ("公开期限", Meaning::Nothing),
    ("栏目", Meaning::Nothing),
    // The same in traditional script.
    ("發文機關", Meaning::Issuer(0)),
    ("發布機構", Meaning::Issuer(1)),
    ("發佈機構", Meaning::Issuer(1)),
    ("所屬機構", Meaning::Issuer(2)),
    ("資訊來源", Meaning::Issuer(3)),
    ("信息來源", Meaning::Issuer(3)),
    ("來源", Meaning::Issuer(4)),
    ("發文日期", Meaning::Date(1)),
    ("發布日期", Meaning::Date(2)),
    ("發佈日期", Meaning::Date(2)),
    ("發布時間", Meaning::Date(2)),
    ("時間", Meaning::Date(4)),
    ("標題", Meaning::Title),
    ("名稱", Meaning::Title),
    ("索引號", Meaning::Nothing),
    ("主題分類", Meaning::Nothing),
    ("分類", Meaning::Nothing),
    ("文號", Meaning::Nothing),
    ("發文字號", Meaning::Nothing),
    ("字號", Meaning::Nothing),
    ("閱讀", Meaning::Nothing),
    ("瀏覽次數", Meaning::Nothing),
    ("點擊數", Meaning::Nothing),
    ("責任編輯", Meaning::Nothing),
    ("編輯", Meaning::Nothing),
    ("欄目", Meaning::Nothing),
    ("阅读", Meaning::Nothing),
    ("阅读次数", Meaning::Nothing),
    ("浏览次数", Meaning::Nothing),
    ("点击数", Meaning::Nothing),
    ("访问量", Meaning::Nothing),
    ("字号大小", Meaning::Nothing),
    ("字体大小", Meaning::Nothing),
    ("字号", Meaning::Nothing),
    ("字体", Meaning::Nothing),
    ("作者", Meaning::Nothing),
    ("责任编辑", Meaning::Nothing),
    ("编辑", Meaning::Nothing),
    ("审核", Meaning::Nothing),
];

/// Words of a page's chrome: a line of nothing but these is no text.
const CHROME: &[&str] = &[
    "分享到",
    "分享",
    "打印本页",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "收藏",
    "保存",
    "返回顶部",
    "扫一扫在手机打开当前页",
    "扫一扫",
    "列印",
    "關閉窗口",
    "關閉",
    "返回頂部",
    "字體",
    "字號",
    "大",
    "中",
    "小",
    "字体",
    "字号",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    /// The issuing office; a lower number is the surer key.
    Issuer(u8),
    Date(u8),
    Title,
    Nothing,
}

/// What the page's furniture said, and what was set aside.
#[derive(Debug, Default)]
pub(super) struct Furniture {
    /// The issuing office and the line it was read from.
    pub(crate) issuer: Option<(String, usize)>,
    pub(crate) date: Option<((i32, u32, u32), usize)>,
    pub(crate) title: Option<(String, usize)>,
    /// The lines set aside.
    pub(crate) lines: Vec<usize>,
    issuer_rank: u8,
    date_rank: u8,
}

/// The paragraphs without the page's furniture, and what it said.
pub(super) fn set_aside(paras: Vec<Para>) -> (Vec<Para>, Furniture) {
    let mut furniture = Furniture::default();
    let mut kept = Vec::with_capacity(paras.len());
    for para in paras {
        let taken = match &para.role {
            Role::Table(rows) => furniture.table(rows, para.line),
            Role::Body | Role::Title => {
                let text = para.text.trim();
                furniture.metadata(text, para.line)
                    || is_chrome(text)
                    || is_pagination(text)
                    || is_breadcrumb(text)
                    || is_site_note(text)
            }
            _ => false,
        };
        if taken {
            furniture.lines.push(para.line);
        } else {
            kept.push(para);
        }
    }
    (kept, furniture)
}

impl Furniture {
    /// A line of `key：value` pairs, every one a metadata key: read and
    /// taken.
    fn metadata(&mut self, text: &str, line: usize) -> bool {
        let text = text.trim_matches(|c: char| c == '|' || c.is_whitespace());
        let pairs = pairs(text);
        if pairs.is_empty() {
            return false;
        }
        for (meaning, value) in pairs {
            self.note(meaning, value, line);
        }
        true
    }

    /// A table of metadata: every row holds keys, each followed by its
    /// value in the next cell (or in the same one, after a colon).
    fn table(&mut self, rows: &[Vec<String>], line: usize) -> bool {
        let mut found = Vec::new();
        for row in rows {
            let cells: Vec<&str> = row.iter().map(|c| c.trim()).collect();
            let mut any = false;
            let mut i = 0;
            while i < cells.len() {
                let cell = cells[i];
                if let Some(meaning) = key(cell.trim_end_matches([':', '：'])) {
                    let value = cells.get(i + 1).copied().unwrap_or_default();
                    let value = if key(value.trim_end_matches([':', '：'])).is_some() {
                        ""
                    } else {
                        i += 1;
                        value
                    };
                    found.push((meaning, value.to_string()));
                    any = true;
                } else if !cell.is_empty() {
                    let inner = pairs(cell);
                    if inner.is_empty() {
                        return false;
                    }
                    found.extend(inner.into_iter().map(|(m, v)| (m, v.to_string())));
                    any = true;
                }
                i += 1;
            }
            if !any {
                return false;
            }
        }
        for (meaning, value) in found {
            self.note(meaning, &value, line);
        }
        true
    }

    fn note(&mut self, meaning: Meaning, value: &str, line: usize) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        match meaning {
            Meaning::Issuer(rank) => {
                let organ = value.chars().count() <= 40
                    && !value.contains(|c: char| c.is_ascii_digit() || c == '/');
                if organ && (self.issuer.is_none() || rank < self.issuer_rank) {
                    self.issuer = Some((value.to_string(), line));
                    self.issuer_rank = rank;
                }
            }
            Meaning::Date(rank) => {
                if let Some(date) = date(value)
                    && (self.date.is_none() || rank < self.date_rank)
                {
                    self.date = Some((date, line));
                    self.date_rank = rank;
                }
            }
            Meaning::Title if self.title.is_none() => {
                self.title = Some((value.to_string(), line));
            }
            Meaning::Title | Meaning::Nothing => {}
        }
    }
}

fn key(word: &str) -> Option<Meaning> {
    KEYS.iter().find(|(k, _)| *k == word).map(|(_, m)| *m)
}

/// `text` as `key：value` pairs, every one opening with a metadata key;
/// empty when any of it is not.
fn pairs(text: &str) -> Vec<(Meaning, &str)> {
    // Where each key followed by a colon begins.
    let mut starts: Vec<(usize, usize, Meaning)> = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let found = KEYS
            .iter()
            .filter_map(|(k, meaning)| {
                let len = spelled(rest, k)?;
                rest[len..]
                    .starts_with([':', '：'])
                    .then_some((len, meaning))
            })
            .max_by_key(|(len, _)| *len);
        // A key counts at the start or after a space, a bar or a bracket.
        let boundary = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '|' | '】' | ']'));
        match found {
            Some((len, meaning)) if boundary => {
                let colon = rest[len..].chars().next().map_or(1, char::len_utf8);
                starts.push((at, at + len + colon, *meaning));
                at += len + colon;
            }
            _ => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if starts.first().is_none_or(|(start, _, _)| *start != 0) {
        return Vec::new();
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, &(_, value_start, meaning))| {
            let end = starts.get(i + 1).map_or(text.len(), |next| next.0);
            let value =
                text[value_start..end].trim_matches(|c: char| c == '|' || c.is_whitespace());
            (meaning, value)
        })
        .collect()
}

/// The bytes of `text` that spell `key`, allowing one space between its
/// characters (“索 引 号”, “名 称”: pages space out short keys).
fn spelled(text: &str, key: &str) -> Option<usize> {
    let mut at = 0;
    for (i, wanted) in key.chars().enumerate() {
        if i > 0 && text[at..].starts_with(' ') {
            at += 1;
        }
        let c = text[at..].chars().next()?;
        if c != wanted {
            return None;
        }
        at += c.len_utf8();
    }
    Some(at)
}

/// What a repost site puts around the text it copied: a short line
/// holding one of these is no part of the report.
const SITE_NOTES: &[&str] = &[
    "预览结束",
    "免费获取全文",
    "查看更多",
    "查看全文",
    "不能全部显示",
    "下载本文",
    "扫码",
    "本文来源于",
    "版权归原作者",
];

/// A repost site's own line: “预览结束，免费获取全文”.
fn is_site_note(text: &str) -> bool {
    text.chars().count() <= 40 && SITE_NOTES.iter().any(|n| text.contains(n))
}

/// A page's breadcrumb trail: “首页 > 总结范文 > ……”.
fn is_breadcrumb(text: &str) -> bool {
    let steps: Vec<&str> = text.split(['>', '›', '»']).map(str::trim).collect();
    steps.len() >= 3
        && matches!(
            steps[0],
            "首页" | "当前位置：首页" | "当前位置:首页" | "您的位置：首页"
        )
}

/// A line of nothing but a page's chrome: “分享到：”, “【打印】【关闭】”.
fn is_chrome(text: &str) -> bool {
    let mut rest: String = text
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '【' | '】' | '[' | ']' | ':' | '：' | '|' | '/')
        })
        .collect();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let Some(word) = CHROME
            .iter()
            .filter(|w| rest.starts_with(**w))
            .max_by_key(|w| w.len())
        else {
            return false;
        };
        rest.drain(..word.len());
    }
    true
}

/// A page's pagination: “1、2、3、”, “上一页 1 2 3 下一页”, “共3页”, and a
/// printed page's number, “— 2 —”, “- 2 -”, “第 2 页”.
fn is_pagination(text: &str) -> bool {
    let bare: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '—' | '-' | '－' | '–'))
        .collect();
    let numbered = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if bare.len() < text.trim().len() && numbered(&bare) {
        return true;
    }
    if let Some(rest) = bare.strip_prefix('第')
        && let Some((page, tail)) = rest.split_once('页')
        && numbered(page)
        && (tail.is_empty()
            || tail
                .strip_prefix('共')
                .and_then(|t| t.strip_suffix('页'))
                .is_some_and(numbered))
    {
        return true;
    }
    let mut rest = text.to_string();
    for word in [
        "首页",
        "上一页",
        "下一页",
        "尾页",
        "末页",
        "首頁",
        "上一頁",
        "下一頁",
        "尾頁",
    ] {
        rest = rest.replace(word, " ");
    }
    let rest = rest.trim();
    if let Some(pages) = rest
        .strip_prefix('共')
        .and_then(|r| r.strip_suffix('页').or_else(|| r.strip_suffix('頁')))
    {
        return !pages.is_empty() && pages.chars().all(|c| c.is_ascii_digit());
    }
    let numbers = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，' | '|'))
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>();
    numbers.len() >= 2
        && numbers
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_digit()))
}

/// The first date in `text`: `2025-01-20`, `2025/1/20`, `2025年 01月 20日`.
fn date(text: &str) -> Option<(i32, u32, u32)> {
    let mut numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(str::parse::<u32>);
    let (year, month, day) = (
        numbers.next()?.ok()?,
        numbers.next()?.ok()?,
        numbers.next()?.ok()?,
    );
    let year = i32::try_from(year).ok()?;
    ((1949..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(line: usize, text: &str) -> Para {
        Para::new(line, text.to_string(), Role::Body)
    }

    #[test]
    fn metadata_lines_and_tables_are_set_aside_and_read() {
        let paras = vec![
            body(1, "索引号：000014349/2026-04314  分类：综合政务"),
            body(
                2,
                "发布机构：某区城市管理局   发布日期：2025-01-20   信息来源：某局",
            ),
            body(3, "某区城市管理局2024年工作总结"),
            body(4, "日期：2025年 01月 20日    信息来源：某局"),
            body(5, "2024年，我局……"),
            body(6, "分享到："),
            body(7, "【打印本页】【关闭窗口】"),
            body(8, "1、2、3、"),
            body(9, "上一页 1 2 下一页"),
            body(10, "来源于群众的意见：要加强。"),
        ];
        let (kept, furniture) = set_aside(paras);
        let kept: Vec<usize> = kept.iter().map(|p| p.line).collect();
        assert_eq!(kept, [3, 5, 10]);
        assert_eq!(furniture.issuer, Some(("某区城市管理局".to_string(), 2)));
        assert_eq!(furniture.date, Some(((2025, 1, 20), 2)));
        assert_eq!(furniture.lines.len(), 7);
    }

    #[test]
    fn spaced_keys_and_breadcrumbs_are_furniture() {
        let paras = vec![
            body(1, "索 引 号: | WA1304001-2024-002 | 主题分类: | 区政府 |"),
            body(2, "发布机构: | 区政府办公室 | 发文日期: | 2024-10-10 |"),
            body(3, "名 称: | 某区2024年工作总结 | ||"),
            body(4, "首页 > 总结范文 > 2024年工作总结"),
            body(5, "首页是门户"),
        ];
        let (kept, furniture) = set_aside(paras);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(furniture.issuer.unwrap().0, "区政府办公室");
        assert_eq!(furniture.date.unwrap().0, (2024, 10, 10));
        assert_eq!(furniture.title.unwrap().0, "某区2024年工作总结");
    }

    #[test]
    fn a_metadata_table_is_set_aside() {
        let rows = vec![
            vec![
                "索引号".into(),
                "000014349/2026-02672".into(),
                "发文字号".into(),
                String::new(),
            ],
            vec![
                "发文机关".into(),
                "横水林区服务中心".into(),
                "主题词".into(),
                String::new(),
            ],
            vec!["标题：横水林区服务中心2025年工作总结".into(), String::new()],
            vec!["主题分类：其它".into(), "发布日期：2026-01-27".into()],
        ];
        let (kept, furniture) = set_aside(vec![Para::new(1, String::new(), Role::Table(rows))]);
        assert!(kept.is_empty());
        assert_eq!(furniture.issuer.unwrap().0, "横水林区服务中心");
        assert_eq!(furniture.date.unwrap().0, (2026, 1, 27));
        assert_eq!(furniture.title.unwrap().0, "横水林区服务中心2025年工作总结");
        // A table of the report's own figures stays.
        let rows = vec![
            vec!["指标".into(), "数值".into()],
            vec!["清扫".into(), "3万吨".into()],
        ];
        let (kept, _) = set_aside(vec![Para::new(1, String::new(), Role::Table(rows))]);
        assert_eq!(kept.len(), 1);
    }
}
