//! The hints of the figure checks: how to write a figure in the data file,
//! or in a workbook's cell, where the words differ.

use crate::tr;

/// How to fill in a figure still to fill: in the YAML, or in a workbook's cell.
pub(super) fn to_fill_hint(in_cell: bool) -> String {
    if in_cell {
        tr!(
            "在这一格填上今年的数字；确实无法取得时，在数据文件里给这个指标写 value: ~（报告中不印这个数）",
            "type this year's figure here; if it cannot be had, write value: ~ for the metric in the data file (the report leaves it out)"
        )
    } else {
        tr!(
            "填上今年的数字；确实无法取得时写 ~（报告中不印这个数）",
            "fill in this year's figure; if it cannot be had, write ~ (the report leaves it out)"
        )
    }
}

/// How to write a count that was typed with a fraction.
pub(super) fn fraction_hint(in_cell: bool) -> String {
    if in_cell {
        tr!(
            "填整数；确是约数时填整数，再在“约数”一格选“余”或“约”",
            "type a whole number; for an approximate figure, type a whole number and choose 余 or 约 in the “约数” cell"
        )
    } else {
        tr!(
            "写整数；确是约数时写整数再加 approx: true",
            "write a whole number; for an approximate figure add approx: true"
        )
    }
}

/// What to type in a workbook's cell instead of `text`.
pub(super) fn cell_hint(text: &str) -> String {
    if crate::source::workbook::layout::approx_words()
        .iter()
        .chain(&["多"])
        .any(|w| text.contains(w))
    {
        tr!(
            "这一格只填数字；约数的字（余、约、超……）在右边“约数”一格里选",
            "type the number alone here; choose the approximation word (余, 约…) in the “约数” cell beside it"
        )
    } else {
        tr!(
            "这一格只填阿拉伯数字，不加单位或文字，单位见“单位”一列；以万、亿计的数写出全部数字",
            "type the number alone in Arabic digits, no unit or words (the unit is in the “单位” column); write figures in 万 or 亿 out in full"
        )
    }
}

/// How to write a number that was typed as text.
pub(super) fn number_hint(text: &str) -> String {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect();
    let digits: String = ascii
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if ascii.contains('余') || ascii.contains('多') || ascii.ends_with('+') {
        tr!(
            "约数写成数字再加 approx: true，例如 value: {digits} 和 approx: true，报告会印成“{digits}余”",
            "write an approximate figure as a number plus approx: true, e.g. value: {digits} and approx: true; the report prints “{digits}余”"
        )
    } else if ascii.contains('万') || ascii.contains('亿') {
        tr!(
            "以万、亿为单位的数请写出全部数字，例如 2万 写成 20000；报告会按规则印出",
            "write figures in 万 or 亿 out in full, e.g. 2万 as 20000; the report prints them by the rules"
        )
    } else if ascii != text {
        tr!(
            "请用半角阿拉伯数字，例如 value: {ascii}",
            "use ASCII digits, e.g. value: {ascii}"
        )
    } else {
        tr!(
            "value 只写数字（不加引号、单位或文字），单位写在 unit 里",
            "value holds the number alone (no quotes, unit or words); the unit goes in unit"
        )
    }
}
