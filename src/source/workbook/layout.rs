//! The fill-in workbook's layout, which `report sheet` writes and the loader
//! reads: a title row, a header row, then one row per metric. The reader
//! finds its columns by their headers, so a column moved or added by the
//! people filling it in does no harm.

use crate::model::Approximation;
use crate::model::script::Script;

/// The row of the headers (0-based; the title is above it).
pub(crate) const HEADER_ROW: u32 = 1;

/// The header of the metric's key, which ties a row to the data file.
pub(crate) const KEY: &str = "指标";
pub(crate) const LABEL: &str = "名称";
pub(crate) const UNIT: &str = "单位";
/// The header of the approximation word (约, 余…), chosen from a list.
pub(crate) const APPROX: &str = "约数";

/// The header of the column to fill: this year's figures.
pub(crate) fn value_header(year: u16) -> String {
    format!("{year}年数值")
}

/// Last year's figures, for reference.
pub(crate) fn last_year_header(year: u16) -> String {
    format!("{}年数值", year - 1)
}

/// This year's targets (set by last year's plan), for reference.
pub(crate) fn target_header(year: u16) -> String {
    format!("{year}年目标")
}

/// The words a figure's `approx` may hold (the model's list), in simplified
/// script only: the sheet's list offers 余, and the data file's 餘 is the
/// same word.
pub(crate) fn approx_words() -> Vec<&'static str> {
    // A word is left out when it is another word's traditional form.
    let words: Vec<&'static str> = Approximation::WORDS.iter().map(|(word, _)| *word).collect();
    words
        .iter()
        .copied()
        .filter(|word| {
            !words
                .iter()
                .any(|other| other != word && Script::Traditional.words(other) == *word)
        })
        .collect()
}

/// A sheet name as Excel allows it: at most 31 characters, none of
/// `[]:*?/\`, not starting or ending with an apostrophe.
pub(crate) fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim();
    if cleaned.is_empty() {
        "指标".to_string()
    } else {
        cleaned.to_string()
    }
}

/// A column's letters: 0 → A, 26 → AA.
pub(crate) fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (column % 26) as u8));
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_offers_each_approximation_word_once_in_simplified_script() {
        assert_eq!(
            approx_words(),
            ["余", "约", "超", "逾", "近", "不足", "以上", "左右"]
        );
    }

    #[test]
    fn columns_are_lettered_as_excel_letters_them() {
        let named: Vec<String> = [0, 2, 25, 26, 27, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(named, ["A", "C", "Z", "AA", "AB", "ZZ", "AAA"]);
    }

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name("通川区/城管局"), "通川区_城管局");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
        assert_eq!(sheet_name("''"), "指标");
    }
}
