//! Figures in the imported text turned into metrics: “40余处” becomes a
//! metric of 40 处 with `approx: 余` and the text says `{m1}` where the
//! figure stood, so the report prints it from the data, once. The label is
//! the phrase the figure stands in; a broken figure (“00㎡”) becomes a metric
//! with no value and its phrase leaves the text until the figure is known.

use crate::model::numbers;
use crate::source::dataset::keys::COUNT_UNITS;

/// Units a figure may carry besides the count units the data file knows
/// (`keys::COUNT_UNITS`: 处, 个, 户…): measures, money, rates, times.
const MEASURES: &[&str] = &[
    "个百分点",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "公里",
    "千米",
    "米",
    "km",
    "㎡",
    "m²",
    "m³",
    "立方",
    "公顷",
    "亩",
    "畝",
    "千瓦",
    "吨",
    "噸",
    "公斤",
    "千克",
    "斤",
    "元",
    "%",
    "％",
    "户次",
    "車次",
    "车次",
    "辆次",
    "架次",
    "场次",
    "个月",
    "個月",
    "小时",
    "小時",
    "天",
    "周",
    "倍",
    "位",
    "幢",
    "期",
    "盏",
    "盞",
    "根",
    "把",
    "箱",
    "袋",
    "册",
    "冊",
    "本",
    "篇",
    "例",
    "单",
    "單",
    "网格",
];

/// Words that open a phrase without naming what was counted.
const LEADING: &[&str] = &[
    // Who did it: the report's own office, said as 我局, 我办, 我区….
    "我局",
    "我办",
    "我委",
    "我区",
    "我市",
    "我县",
    "我镇",
    "我乡",
    "我街道",
    "我单位",
    "我中心",
    "全镇",
    "全乡",
    "全年",
    "上半年",
    "下半年",
    "累计",
    "累計",
    "共计",
    "共計",
    "合计",
    "合計",
    "总计",
    "其中",
    "另有",
    "全市",
    "全县",
    "全縣",
    "全区",
    "全區",
    "共",
    "已",
    "均",
    "并",
    "並",
    "对",
    "對",
    "在",
    "将",
    "將",
    "把",
    "向",
    "为",
    "為",
    "有",
    // What a plan promises: “确保粮食播种面积稳定在12.6万亩以上”.
    "确保",
    "確保",
    "力争",
    "力爭",
    "争取",
    "爭取",
    "计划",
    "計劃",
    "预计",
    "預計",
];

/// Words that close the phrase before a figure without naming it.
/// Words that start what a sentence says was done with the things a figure
/// counted: the label ends before them.
const ACTIONS: &[&str] = &[
    "依照", "依法", "按照", "实施", "實施", "进行", "進行", "予以", "全部", "均已", "均", "已经",
    "已", "得到", "通过", "通過", "完成", "开展", "開展", "实现", "實現", "并", "並",
];

const TRAILING: &[&str] = &[
    "保持在",
    "稳定在",
    "穩定在",
    "控制在",
    "提高到",
    "提高至",
    "提升至",
    "提升到",
    "降低到",
    "降至",
    "达到",
    "達到",
    "超过",
    "超過",
    "的",
    "达",
    "達",
    "为",
    "為",
    "约",
    "約",
    "了",
    "共",
    "计",
    "計",
    "近",
    "逾",
    "至",
    "到",
];

/// The most a figure's phrase reaches on either side.
const PHRASE_CHARS: usize = 40;

const DELIMITERS: &str = "，,。；;：:、（()）“”\n！？!?";

/// One figure as the text wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Figure {
    /// The value in the unit, as decimal text (20000 for 2万).
    pub(crate) value: Option<String>,
    pub(crate) unit: String,
    pub(crate) scale: Option<char>,
    pub(crate) approx: Option<char>,
    pub(crate) label: String,
    /// The label came from words on both sides of the figure.
    pub(crate) label_guessed: bool,
    /// As the source printed it, for notes (“00㎡”).
    pub(crate) typed: String,
}

/// A figure found in a text: its character span and what it is.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) figure: Figure,
    /// Where the phrase of a broken figure starts (its 、 or ，).
    pub(crate) phrase_start: usize,
}

/// The longest quotation taken for a name or a slogan rather than text.
const SLOGAN_CHARS: usize = 12;

/// The figures in `text`, in order.
pub(super) fn find(text: &str) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut titled = 0i32;
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        match c {
            '《' => titled += 1,
            '》' => titled = (titled - 1).max(0),
            // A short quotation is a name or a slogan (“五个100%”, “四个一”),
            // not a quantity: its digits stay as typed.
            '“' => {
                if let Some(close) = chars[index + 1..]
                    .iter()
                    .take(SLOGAN_CHARS + 1)
                    .position(|&c| c == '”')
                {
                    index += close + 2;
                    continue;
                }
            }
            '{' => {
                // A reference already made: leave it as it is.
                if let Some(close) = chars[index..].iter().position(|&c| c == '}') {
                    index += close + 1;
                    continue;
                }
            }
            _ => {}
        }
        if titled == 0
            && c.is_ascii_digit()
            && let Some(hit) = figure_at(&chars, index)
        {
            index = hit.end;
            found.push(hit);
            continue;
        }
        index += 1;
    }
    found
}

fn figure_at(chars: &[char], start: usize) -> Option<Found> {
    if start > 0 {
        let before = chars[start - 1];
        if before.is_ascii_alphanumeric()
            || matches!(before, '.' | '-' | '第' | '/' | '#' | '+' | '_')
        {
            return None;
        }
    }
    let mut end = start;
    let mut digits = String::new();
    while end < chars.len() {
        let c = chars[end];
        if c.is_ascii_digit() {
            digits.push(c);
        } else if c == ','
            && chars
                .get(end + 1..end + 4)
                .is_some_and(|d| d.iter().all(char::is_ascii_digit))
            && !chars.get(end + 4).is_some_and(char::is_ascii_digit)
        {
            // 1,000: a thousands separator, not a comma.
        } else if c == '.'
            && chars.get(end + 1).is_some_and(char::is_ascii_digit)
            && !digits.contains('.')
        {
            digits.push('.');
        } else {
            break;
        }
        end += 1;
    }
    let mut scale = None;
    if let Some(&s) = chars.get(end)
        && matches!(s, '万' | '亿' | '萬' | '億')
    {
        scale = Some(s);
        end += 1;
    }
    let mut approx = None;
    if let Some(&a) = chars.get(end)
        && matches!(a, '余' | '餘' | '多')
    {
        approx = Some(if a == '多' { '余' } else { a });
        end += 1;
    }
    let rest: String = chars[end..chars.len().min(end + 4)].iter().collect();
    // The longest unit that fits: 平方米 rather than 米, 人次 rather than 人.
    let unit = MEASURES
        .iter()
        .chain(COUNT_UNITS)
        .filter(|u| rest.starts_with(**u))
        .max_by_key(|u| u.chars().count())?;
    // “2017年”, “12月28日”: dates are not figures; they are not units here.
    end += unit.chars().count();
    let unit = match *unit {
        "％" => "%",
        other => other,
    };
    let mut about_start = start;
    if start > 0 && matches!(chars[start - 1], '约' | '約') {
        approx = Some(chars[start - 1]);
        about_start = start - 1;
    }
    let typed: String = chars[about_start..end].iter().collect();
    let broken = digits.len() > 1 && digits.chars().all(|d| d == '0');
    let value = if broken {
        None
    } else {
        Some(scaled(&digits, scale))
    };
    let (label, label_guessed, phrase_start) = label(chars, about_start, end);
    Some(Found {
        start: about_start,
        end,
        figure: Figure {
            value,
            unit: unit.to_string(),
            scale,
            approx,
            label,
            label_guessed,
            typed,
        },
        phrase_start,
    })
}

/// `digits` times 万 or 亿, in decimal text without float rounding.
fn scaled(digits: &str, scale: Option<char>) -> String {
    let shift = match scale {
        Some('万' | '萬') => 4,
        Some('亿' | '億') => 8,
        _ => 0,
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if fraction.len() > shift {
        let (moved, left) = fraction.split_at(shift);
        let whole = format!("{whole}{moved}");
        let whole = whole.trim_start_matches('0');
        return format!("{}.{left}", if whole.is_empty() { "0" } else { whole });
    }
    let padded = format!("{whole}{fraction}{}", "0".repeat(shift - fraction.len()));
    let trimmed = padded.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The phrase a figure stands in: the words before it back to the last
/// delimiter, and when those say too little, the words after it too.
fn label(chars: &[char], start: usize, end: usize) -> (String, bool, usize) {
    // A phrase is short; looking no further keeps a text of nothing but
    // figures (a hostile file) linear.
    let window = start.saturating_sub(PHRASE_CHARS);
    let phrase_start = chars[window..start]
        .iter()
        .rposition(|c| DELIMITERS.contains(*c) || *c == '}')
        .map_or(window, |i| window + i + 1);
    let before: String = chars[phrase_start..start].iter().collect();
    let before = trim_words(&before);
    let limit = chars.len().min(end + PHRASE_CHARS);
    let after_end = chars[end..limit]
        .iter()
        .position(|c| DELIMITERS.contains(*c) || c.is_ascii_digit() || *c == '{')
        .map_or(limit, |i| end + i);
    let after: String = chars[end..after_end].iter().collect();
    let after = after.trim_start_matches(['的', '以', '上']);
    // What follows a figure names what was counted up to where the
    // sentence goes on to say what was done with it (“畜禽养殖场依照法律
    // 法规实施关闭” counts 畜禽养殖场).
    let after = ACTIONS
        .iter()
        .filter_map(|word| after.find(word).filter(|&at| at > 0))
        .min()
        .map_or(after, |at| &after[..at])
        .to_string();
    let delimiter_before = phrase_start.checked_sub(1).map(|i| chars[i]);
    let phrase_start = if matches!(delimiter_before, Some('、' | '，' | ',')) {
        phrase_start - 1
    } else {
        phrase_start
    };
    // “对禁养区内122户畜禽养殖场……”: a figure followed by words counts
    // what those words name.
    if !after.is_empty() {
        let joined: String = format!("{before}{after}").chars().take(24).collect();
        return (joined, true, phrase_start);
    }
    let label = if before.is_empty() { after } else { before };
    (label.chars().take(24).collect(), false, phrase_start)
}

fn trim_words(text: &str) -> String {
    let mut text = text.trim();
    loop {
        let before = text;
        for word in LEADING {
            if let Some(rest) = text.strip_prefix(word)
                && rest.chars().count() >= 2
            {
                text = rest;
            }
        }
        for word in TRAILING {
            if let Some(rest) = text.strip_suffix(word) {
                text = rest;
            }
        }
        if text == before {
            return text.to_string();
        }
    }
}

/// The completion a rate states, checked the way the report will print it:
/// `Some(target)` when a whole target makes `share` print `rate` again.
pub(super) fn target_for(value: f64, rate: f64) -> Option<f64> {
    if rate <= 0.0 || value <= 0.0 {
        return None;
    }
    let target = (value * 100.0 / rate).round();
    let printed = numbers::share(value, target).ok()?;
    let wanted = numbers::share(rate, 100.0).ok()?;
    (target > 0.0 && printed == wanted).then_some(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Figure {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found[0].figure.clone()
    }

    #[test]
    fn values_approximations_and_scales() {
        let f = one("共整治有碍观瞻点位40余处，");
        assert_eq!(
            (f.value.as_deref(), f.unit.as_str(), f.approx),
            (Some("40"), "处", Some('余'))
        );
        assert_eq!(f.label, "整治有碍观瞻点位");
        let f = one("铺设彩钢顶棚仿真草皮2万余㎡");
        assert_eq!(
            (f.value.as_deref(), f.scale, f.approx),
            (Some("20000"), Some('万'), Some('余'))
        );
        let f = one("涉及罚没5.5万元");
        assert_eq!((f.value.as_deref(), f.unit.as_str()), (Some("55000"), "元"));
        let f = one("清扫面积约120万平方米");
        assert_eq!(
            (f.value.as_deref(), f.approx, f.unit.as_str()),
            (Some("1200000"), Some('约'), "平方米")
        );
        assert_eq!(one("投资1.2345678亿元").value.as_deref(), Some("123456780"));
        assert_eq!(
            one("完成目标任务的213.33%").value.as_deref(),
            Some("213.33")
        );
        assert_eq!(one("完成目标任务的213.33%").label, "完成目标任务");
        assert_eq!(one("收集1,200吨").value.as_deref(), Some("1200"));
    }

    #[test]
    fn the_phrase_around_names_the_figure() {
        let f = one("对禁养区内122户畜禽养殖场依照法律法规实施关闭或搬迁。");
        assert_eq!(f.label, "禁养区内畜禽养殖场");
        assert!(f.label_guessed);
        assert_eq!(one("覆盖率达70%，").label, "覆盖率");
    }

    // The seed's D11: the figure is missing, not zero.
    #[test]
    fn a_broken_figure_has_no_value() {
        let text = "美化铁路沿线围墙2200㎡、民房外墙00㎡，清理";
        let found = find(text);
        assert_eq!(found.len(), 2);
        let broken = &found[1];
        assert_eq!(broken.figure.value, None);
        assert_eq!(broken.figure.typed, "00㎡");
        let phrase: String = text
            .chars()
            .skip(broken.phrase_start)
            .take(broken.end - broken.phrase_start)
            .collect();
        assert_eq!(phrase, "、民房外墙00㎡");
    }

    #[test]
    fn dates_years_titles_and_ordinals_are_not_figures() {
        for text in [
            "2017年12月28日",
            "《2017年考核办法》",
            "第3名",
            "G5国道",
            "五馆四中心",
            "{m1}处",
            "24.5",
        ] {
            assert_eq!(find(text), [], "{text}");
        }
    }

    #[test]
    fn completion_targets_reprint_the_rate() {
        assert_eq!(target_for(6400.0, 213.33), Some(3000.0));
        assert_eq!(target_for(26000.0, 52.0), Some(50000.0));
        assert_eq!(target_for(1.0, 33.0), None);
    }

    // What the import reads as “N万”, the report prints as “N万” again:
    // the decimal point moves in the digits, so no figure is changed.
    proptest::proptest! {
        #[test]
        fn scaled_figures_print_as_typed(
            whole in 0u64..100_000,
            fraction in proptest::option::of(1u32..10_000),
            yi in proptest::bool::ANY,
        ) {
            let fraction = fraction.map(|f| f.to_string().trim_end_matches('0').to_string());
            let typed = match &fraction {
                Some(f) => format!("{whole}.{f}"),
                None => whole.to_string(),
            };
            let (word, scale) = if yi { ('亿', "亿") } else { ('万', "万") };
            let value = scaled(&typed, Some(word));
            let decimals = value.split_once('.').map_or(0, |(_, f)| f.len()) as u8;
            let printed = numbers::scaled(
                value.parse().unwrap(),
                decimals,
                numbers::Scale::parse(scale).unwrap(),
            );
            proptest::prop_assert_eq!(printed, format!("{typed}{scale}"));
        }
    }

    // A label is what was counted, not who counted it.
    #[test]
    fn labels_leave_out_the_office_and_the_period() {
        assert_eq!(one("我局全年清理垃圾3.5万吨").label, "清理垃圾");
        assert_eq!(one("我区累计拆除违建18处").label, "拆除违建");
    }
}
