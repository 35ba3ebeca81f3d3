//! The number rules' tests: the reference table, each rule's cases, and
//! the properties that hold for every figure.

use super::*;
use proptest::prelude::*;

#[test]
fn chinese_matches_the_reference_table() {
    let table = [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (10_001, "一万零一"),
        (10_010, "一万零一十"),
        (10_100, "一万零一百"),
        (100_000, "十万"),
        (110_000, "十一万"),
        (1_000_010, "一百万零一十"),
        (20_250_000, "二千零二十五万"),
        (100_000_000, "一亿"),
        (100_000_001, "一亿零一"),
        (0, "零"),
    ];
    for (n, want) in table {
        assert_eq!(chinese(n), want, "{n}");
    }
}

#[test]
fn ordinal_refuses_zero_and_negatives() {
    assert_eq!(ordinal(0), Err(NumberError::NotPositive(0)));
    assert_eq!(ordinal(-3), Err(NumberError::NotPositive(-3)));
    assert_eq!(ordinal(7).unwrap(), "七");
}

#[test]
fn scaled_moves_the_point_in_the_digits() {
    assert_eq!(scaled(504_000.0, 0, Scale::Wan), "50.4万");
    assert_eq!(scaled(5_088_924.0, 0, Scale::Wan), "508.8924万");
    assert_eq!(scaled(481_000_000.0, 0, Scale::Yi), "4.81亿");
    assert_eq!(scaled(18_000.0, 0, Scale::Wan), "1.8万");
    assert_eq!(scaled(2000.0, 0, Scale::Wan), "0.2万");
    assert_eq!(scaled(12.5, 1, Scale::Wan), "0.00125万");
    assert_eq!(scaled(1_265_000.0, 0, Scale::Wan), "126.5万");
    assert_eq!(scaled(0.0, 0, Scale::Wan), "0万");
}

#[test]
fn rates_round_half_up_in_decimal() {
    assert_eq!(year_on_year(4.81, 4.0, 1).unwrap(), "同比增长20.3%");
    assert_eq!(year_on_year(481.0, 400.0, 1).unwrap(), "同比增长20.3%");
    assert_eq!(year_on_year(1.0, 8.0, 1).unwrap(), "同比下降87.5%");
    assert_eq!(
        completion(1.0, 8.0, Some(2)).unwrap(),
        "完成目标任务的12.50%"
    );
    assert_eq!(share(1.0, 8.0 * 0.1).unwrap(), "125%");
    assert_eq!(point_change(0.35, 0.3, 1).unwrap(), "提高0.1个百分点");
}

#[test]
fn shares_trim_their_zeros() {
    assert_eq!(share(3200.0, 1500.0).unwrap(), "213.33%");
    assert_eq!(share(105.0, 100.0).unwrap(), "105%");
    assert_eq!(share(98.5, 100.0).unwrap(), "98.5%");
    assert!(share(1.0, 0.0).is_err());
}

#[test]
fn approximate_floors_and_never_overstates() {
    assert_eq!(approximate(40.0), "40余");
    assert_eq!(approximate(45.0), "40余");
    assert_eq!(approximate(20_000.0), "2万余");
    assert_eq!(approximate(26_800.0), "2万余");
    assert_eq!(approximate(150_000.0), "15万余");
    assert_eq!(approximate(345_000_000.0), "3亿余");
    assert_eq!(approximate(8.0), "8余");
}

#[test]
fn exact_keeps_every_digit() {
    assert_eq!(exact(7200.0, 0), "7200");
    assert_eq!(exact(2.68, 2), "2.68");
    assert_eq!(exact(2.5, 2), "2.50");
    assert_eq!(exact(-0.0001, 2), "0.00");
}

#[test]
fn wan_and_yi_for_large_exact_figures() {
    assert_eq!(wan(26_800.0, 2), "2.68万");
    assert_eq!(wan(150_000.0, 2), "15万");
    assert_eq!(wan(345_000_000.0, 2), "3.45亿");
    assert_eq!(wan(875_000_000.0, 2), "8.75亿");
    assert_eq!(wan(7200.0, 2), "7200");
}

#[test]
fn percentages_keep_their_places() {
    assert_eq!(percent(18.5, 1).unwrap(), "18.5%");
    assert_eq!(percent(12.0, 1).unwrap(), "12.0%");
    assert_eq!(percent(12.0, 0).unwrap(), "12%");
    assert_eq!(percent(f64::NAN, 1), Err(NumberError::NotFinite));
}

#[test]
fn year_on_year_wording() {
    assert_eq!(year_on_year(118.5, 100.0, 1).unwrap(), "同比增长18.5%");
    assert_eq!(year_on_year(96.8, 100.0, 1).unwrap(), "同比下降3.2%");
    assert_eq!(year_on_year(100.01, 100.0, 1).unwrap(), "与上年持平");
    assert_eq!(
        year_on_year(5.0, 0.0, 1),
        Err(NumberError::ZeroBase {
            what: Base::LastYear
        })
    );
    assert!(year_on_year(5.0, -1.0, 1).is_err());
}

#[test]
fn point_changes_and_completion() {
    assert_eq!(point_change(45.3, 43.0, 1).unwrap(), "提高2.3个百分点");
    assert_eq!(point_change(41.0, 43.0, 1).unwrap(), "下降2.0个百分点");
    assert_eq!(
        completion(105.0, 100.0, Some(1)).unwrap(),
        "完成目标任务的105.0%"
    );
    // One form in every place a report prints a rate: the share's.
    assert_eq!(
        completion(105.0, 100.0, None).unwrap(),
        "完成目标任务的105%"
    );
    assert_eq!(
        completion(3200.0, 1500.0, None).unwrap(),
        "完成目标任务的213.33%"
    );
    assert_eq!(
        completion(7200.0, 8000.0, None).unwrap(),
        "完成目标任务的90%"
    );
    assert_eq!(
        completion(640.0, 300.0, Some(2)).unwrap(),
        "完成目标任务的213.33%"
    );
    assert!(completion(1.0, 0.0, None).is_err());
}

#[test]
fn dates_have_no_zero_padding() {
    let d = NaiveDate::from_ymd_opt(2018, 1, 5).unwrap();
    assert_eq!(date(d), "2018年1月5日");
}

/// Reads a Chinese numeral back, independently of `chinese`, so the
/// property below checks the writer against a separate reader.
fn parse_chinese(text: &str) -> u64 {
    let mut total = 0u64;
    let mut section = 0u64;
    let mut digit = 0u64;
    for c in text.chars() {
        match c {
            '零' => digit = 0,
            c if DIGITS.contains(&c) => {
                digit = DIGITS.iter().position(|&d| d == c).unwrap() as u64;
            }
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                section += digit.max(u64::from(section == 0 && digit == 0 && c == '十')) * unit;
                digit = 0;
            }
            '万' | '亿' => {
                let unit = if c == '万' { 10_000 } else { 100_000_000 };
                let value = section + digit;
                if c == '亿' {
                    total = (total + value) * unit;
                } else {
                    total += value * unit;
                }
                section = 0;
                digit = 0;
            }
            other => panic!("unexpected {other}"),
        }
    }
    total + section + digit
}

proptest! {
    #[test]
    fn chinese_round_trips(n in 0u64..10_000_000_000) {
        prop_assert_eq!(parse_chinese(&chinese(n)), n);
    }

    #[test]
    fn year_on_year_never_prints_a_negative_growth(current in 0.0f64..1e9, previous in 0.001f64..1e9) {
        let text = year_on_year(current, previous, 1).unwrap();
        prop_assert!(!text.contains('-'));
        let rate = (current - previous) / previous * 100.0;
        if text.starts_with("同比增长") {
            prop_assert!(rate > 0.0);
        } else if text.starts_with("同比下降") {
            prop_assert!(rate < 0.0);
        } else {
            prop_assert!(rate.abs() < 0.05 + 1e-9, "{}", text);
        }
    }

    #[test]
    fn scaled_is_the_same_number(n in 0u64..1_000_000_000_000, wan in any::<bool>()) {
        let scale = if wan { Scale::Wan } else { Scale::Yi };
        let text = scaled(n as f64, 0, scale);
        let number: f64 = text.trim_end_matches(scale.word()).parse().unwrap();
        let back = number * 10f64.powi(i32::try_from(scale.digits()).unwrap());
        prop_assert!((back - n as f64).abs() <= n as f64 * 1e-12);
    }

    #[test]
    fn approximate_never_exceeds_the_value(n in 10u64..10_000_000_000) {
        let text = approximate(n as f64);
        let number: u64 = text.trim_end_matches('余').trim_end_matches('万').trim_end_matches('亿')
            .parse().unwrap();
        let scale = if text.contains('亿') { 100_000_000 } else if text.contains('万') { 10_000 } else { 1 };
        prop_assert!(number * scale <= n);
        prop_assert!(!text.starts_with('0'));
    }
}
