//! Chinese number conventions for official documents: ordinals, approximate
//! amounts, exact figures and dates. Pure functions, no I/O; the rules and their
//! sources are in `shared/reference/gbt9704.md` §4.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::tr;

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const SMALL_UNITS: [&str; 4] = ["", "十", "百", "千"];
const BIG_UNITS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];

/// A number that the rules cannot express.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum NumberError {
    NotPositive(i64),
    ZeroBase { what: Base },
    NegativeBase { what: Base },
    NotFinite,
}

/// What a rate is computed against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    LastYear,
    Target,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let base = |what: &Base| match what {
            Base::LastYear => tr!("上年数", "last year's figure"),
            Base::Target => tr!("目标值", "the target"),
        };
        let text = match self {
            Self::NotPositive(n) => tr!(
                "序号必须是正整数，收到 {n}",
                "an ordinal must be a positive integer, got {n}"
            ),
            Self::ZeroBase { what } => tr!(
                "{}为 0，无法计算比率",
                "{} is 0, so there is no rate",
                base(what)
            ),
            Self::NegativeBase { what } => tr!(
                "{}为负数，比率没有意义",
                "{} is negative, so a rate means nothing",
                base(what)
            ),
            Self::NotFinite => tr!("数值不是有限的数字", "the value is not a finite number"),
        };
        f.write_str(&text)
    }
}

/// Writes `n` in Chinese numerals as a quantity: 10 → 十, 110 → 一百一十,
/// 10010 → 一万零一十, 0 → 零.
pub(crate) fn chinese(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    // Split into groups of four digits (个/万/亿…), most significant first.
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 10_000) as usize);
        rest /= 10_000;
    }
    let mut out = String::new();
    let mut pending_zero = false;
    for (index, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        // A gap inside the number (a zero group, or a group below 1000 after a
        // higher one) is read as a single 零.
        if !out.is_empty() && (pending_zero || group < 1000) {
            out.push(DIGITS[0]);
        }
        pending_zero = false;
        out.push_str(&group_to_chinese(group));
        out.push_str(BIG_UNITS[index]);
    }
    // A leading 一十 is read 十 (十一, 十万); inside a number it stays 一十.
    if out.starts_with("一十") {
        out.remove(0);
    }
    out
}

fn group_to_chinese(group: usize) -> String {
    let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
    let mut out = String::new();
    let mut zero_run = false;
    for (position, &digit) in digits.iter().enumerate() {
        if digit == 0 {
            zero_run = !out.is_empty();
            continue;
        }
        if zero_run {
            out.push(DIGITS[0]);
            zero_run = false;
        }
        out.push(DIGITS[digit]);
        out.push_str(SMALL_UNITS[3 - position]);
    }
    out
}

/// The ordinal used in headings and 一是/二是 lists: 1 → 一, 11 → 十一.
pub(crate) fn ordinal(n: i64) -> Result<String, NumberError> {
    u64::try_from(n)
        .ok()
        .filter(|&n| n > 0)
        .map(chinese)
        .ok_or(NumberError::NotPositive(n))
}

/// Writes a figure as typed: every digit kept, `decimals` places, no
/// thousands separators (7200, 2.68).
pub(crate) fn exact(value: f64, decimals: u8) -> String {
    let text = format!("{value:.*}", usize::from(decimals));
    // `-0` is what a rounded tiny negative prints; a report never wants it.
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}

/// `value` to at most `places` decimals, trailing zeros dropped (“37”,
/// “0.35”, never “-0”): a length on the page, a figure read from a
/// spreadsheet cell.
pub(crate) fn fewest(value: f64, places: u8) -> String {
    let text = exact(value, places);
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let point = if fraction.is_empty() { "" } else { "." };
    format!("{whole}{point}{fraction}")
}

/// Writes an approximate amount the way reports do (§4.2): always rounded
/// down so the text never overstates, then 余.
/// 40 → 40余, 45 → 40余, 20000 → 2万余, 26800 → 2万余, 150000 → 15万余.
pub(crate) fn approximate(value: f64) -> String {
    const WAN: u64 = 10_000;
    const YI: u64 = 100_000_000;
    let whole = value.trunc().max(0.0) as u64;
    if whole >= YI {
        format!("{}亿余", whole / YI)
    } else if whole >= WAN {
        format!("{}万余", whole / WAN)
    } else if whole >= 10 {
        format!("{}余", whole / 10 * 10)
    } else {
        format!("{whole}余")
    }
}

/// The word a large figure is written in: 504000 平方米 as 50.4万平方米.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub(crate) enum Scale {
    #[serde(rename = "万")]
    Wan,
    #[serde(rename = "亿")]
    Yi,
}

impl Scale {
    /// 万 or 亿, in either script.
    pub(crate) fn parse(word: &str) -> Option<Self> {
        match word {
            "万" | "萬" => Some(Self::Wan),
            "亿" | "億" => Some(Self::Yi),
            _ => None,
        }
    }

    pub(crate) fn word(self) -> &'static str {
        match self {
            Self::Wan => "万",
            Self::Yi => "亿",
        }
    }

    fn digits(self) -> usize {
        match self {
            Self::Wan => 4,
            Self::Yi => 8,
        }
    }
}

/// A figure typed in base units, written in 万 or 亿 with every typed digit
/// kept and no trailing zeros: 504000 → 50.4万, 5088924 → 508.8924万,
/// 481000000 → 4.81亿, 2000 → 0.2万. The decimal point moves in the digits
/// themselves, so nothing is lost to binary fractions.
pub(crate) fn scaled(value: f64, decimals: u8, scale: Scale) -> String {
    let text = exact(value, decimals);
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = format!("{whole}{fraction}");
    let shift = scale.digits() + fraction.len();
    let (whole, fraction) = if digits.len() > shift {
        digits.split_at(digits.len() - shift)
    } else {
        ("", digits.as_str())
    };
    let padding = "0".repeat(shift - fraction.len());
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = format!("{padding}{fraction}");
    let fraction = fraction.trim_end_matches('0');
    let word = scale.word();
    if fraction.is_empty() {
        format!("{whole}{word}")
    } else {
        format!("{whole}.{fraction}{word}")
    }
}

/// A share in per cent with up to two places and no trailing zeros:
/// 213.33%, 105%, 98.5%.
pub(crate) fn share(part: f64, whole: f64) -> Result<String, NumberError> {
    Ok(per_cent(of_target(part, whole)?))
}

/// A rate in per cent in the report's one form: up to two places, no
/// trailing zeros (99.8%, 213.33%).
pub(crate) fn per_cent(rate: f64) -> String {
    format!("{}%", fewest(rounded(rate, 2), 2))
}

/// A change from last year as a report states it, in the words the tool
/// uses when it computes one: 同比增长12.5%, 同比下降3.1%, or for a rate
/// (`points`) 提高1.2个百分点.
pub(crate) fn stated_change(change: f64, decimals: u8, points: bool) -> String {
    if points {
        signed(change, decimals, "提高", "下降", "个百分点", "与上年持平")
    } else {
        signed(change, decimals, "同比增长", "同比下降", "%", "与上年持平")
    }
}

/// Whether a computed rate reads as the stated one at the stated places.
pub(crate) fn agrees(computed: f64, stated: f64, decimals: u8) -> bool {
    exact(rounded(computed, decimals), decimals) == exact(rounded(stated, decimals), decimals)
}

/// An exact figure in 万 or 亿 when it is that large (26800 → 2.68万,
/// 345000000 → 3.45亿), with at most `decimals` places and no trailing zeros;
/// smaller figures are written out (7200).
pub(crate) fn wan(value: f64, decimals: u8) -> String {
    let (scaled, unit) = if value.abs() >= 1e8 {
        (value / 1e8, "亿")
    } else if value.abs() >= 1e4 {
        (value / 1e4, "万")
    } else {
        (value, "")
    };
    format!("{}{unit}", fewest(scaled, decimals))
}

/// A percentage with a fixed number of places: 18.5%.
pub(crate) fn percent(value: f64, decimals: u8) -> Result<String, NumberError> {
    finite(value)?;
    Ok(format!("{}%", exact(value, decimals)))
}

/// Year-on-year wording: 同比增长18.5%, 同比下降3.2%, 与上年持平; never
/// "增长-3.2%". A zero or negative base has no growth rate.
pub(crate) fn year_on_year(
    current: f64,
    previous: f64,
    decimals: u8,
) -> Result<String, NumberError> {
    divisible(current, previous, Base::LastYear)?;
    Ok(stated_change(
        (current - previous) / previous * 100.0,
        decimals,
        false,
    ))
}

/// The change between two rates, in 个百分点: 提高2.3个百分点.
pub(crate) fn point_change(
    current: f64,
    previous: f64,
    decimals: u8,
) -> Result<String, NumberError> {
    finite(current)?;
    finite(previous)?;
    Ok(stated_change(current - previous, decimals, true))
}

/// Completion against a target, in the report's one form of a rate
/// ([`share`]: 完成目标任务的90%, 完成目标任务的213.33%); with `decimals`,
/// that many places always (完成目标任务的105.0%), for a template that asks.
pub(crate) fn completion(
    actual: f64,
    target: f64,
    decimals: Option<u8>,
) -> Result<String, NumberError> {
    let rate = match decimals {
        None => share(actual, target)?,
        Some(places) => format!(
            "{}%",
            exact(rounded(of_target(actual, target)?, places), places)
        ),
    };
    Ok(format!("完成目标任务的{rate}"))
}

/// `actual` as a percentage of a target that can be divided by.
fn of_target(actual: f64, target: f64) -> Result<f64, NumberError> {
    divisible(actual, target, Base::Target)?;
    Ok(actual / target * 100.0)
}

/// Both figures finite, and `base` one a rate can be taken of: not zero,
/// not negative.
fn divisible(value: f64, base: f64, what: Base) -> Result<(), NumberError> {
    finite(value)?;
    finite(base)?;
    if base == 0.0 {
        return Err(NumberError::ZeroBase { what });
    }
    if base < 0.0 {
        return Err(NumberError::NegativeBase { what });
    }
    Ok(())
}

/// Rounds half away from zero at `decimals` places, as 四舍五入 means:
/// 4.81亿 over 4亿 is 20.25% and prints 20.3%, though the quotient in binary
/// is 20.2499….
fn rounded(value: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    let scaled = value * scale;
    // A quotient of typed figures lands a few ulps off the half it means.
    let nudge = scaled.abs() * 1e-12 + 1e-9;
    (scaled + nudge.copysign(scaled)).round() / scale
}

fn signed(change: f64, decimals: u8, up: &str, down: &str, unit: &str, flat: &str) -> String {
    let magnitude = exact(rounded(change.abs(), decimals), decimals);
    // Compare what is printed, so a change that rounds to zero reads 持平.
    if magnitude.chars().all(|c| c == '0' || c == '.') {
        flat.to_string()
    } else if change > 0.0 {
        format!("{up}{magnitude}{unit}")
    } else {
        format!("{down}{magnitude}{unit}")
    }
}

fn finite(value: f64) -> Result<(), NumberError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(NumberError::NotFinite)
    }
}

/// 成文日期 per GB/T 9704 7.3.5.4: full year, no zero padding (2018年1月15日).
pub(crate) fn date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests;
