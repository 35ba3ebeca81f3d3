//! Simplified or traditional script: the words the tool writes itself
//! (default headings, 同比增长, 完成目标任务的, 万余, the templates' table
//! heads) follow the report's script. The clerk's own text is never touched.

use serde::Serialize;

/// The script a report is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Script {
    #[default]
    Simplified,
    Traditional,
}

/// Every character of the built-in words that differs between the scripts.
/// A table, not a general converter: these words are fixed, and a general
/// converter would have to guess (余 is 餘 here, never the pronoun 余).
const TRADITIONAL: &[(char, char)] = &[
    ('万', '萬'),
    ('与', '與'),
    ('个', '個'),
    ('亿', '億'),
    ('优', '優'),
    ('们', '們'),
    ('划', '劃'),
    ('创', '創'),
    ('别', '別'),
    ('务', '務'),
    ('发', '發'),
    ('问', '問'),
    ('报', '報'),
    ('对', '對'),
    ('况', '況'),
    ('总', '總'),
    ('标', '標'),
    ('点', '點'),
    ('约', '約'),
    ('结', '結'),
    ('计', '計'),
    ('说', '說'),
    ('项', '項'),
    ('题', '題'),
    ('余', '餘'),
    ('长', '長'),
    ('际', '際'),
    ('达', '達'),
    ('较', '較'),
    ('实', '實'),
    ('预', '預'),
    ('单', '單'),
    ('见', '見'),
    ('览', '覽'),
    ('图', '圖'),
    ('历', '歷'),
    ('数', '數'),
    ('据', '據'),
];

impl Script {
    /// `simplified` or `traditional`, and the usual names for them.
    pub(crate) fn parse(word: &str) -> Option<Self> {
        match word.trim() {
            "simplified" | "简体" | "簡體" | "zh-Hans" | "zh-CN" => Some(Self::Simplified),
            "traditional" | "繁体" | "繁體" | "zh-Hant" | "zh-TW" | "zh-HK" => {
                Some(Self::Traditional)
            }
            _ => None,
        }
    }

    /// A built-in word in this script.
    pub(crate) fn words(self, text: &str) -> String {
        match self {
            Self::Simplified => text.to_string(),
            Self::Traditional => text
                .chars()
                .map(|c| {
                    TRADITIONAL
                        .iter()
                        .find(|(simple, _)| *simple == c)
                        .map_or(c, |(_, full)| *full)
                })
                .collect(),
        }
    }

    /// The HTML `lang` of a report in this script.
    pub(crate) fn html_lang(self) -> &'static str {
        match self {
            Self::Simplified => "zh-CN",
            Self::Traditional => "zh-Hant",
        }
    }

    /// The Word `w:lang` of a report in this script (Word takes a region).
    pub(crate) fn docx_lang(self) -> &'static str {
        match self {
            Self::Simplified => "zh-CN",
            Self::Traditional => "zh-TW",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_words_in_traditional() {
        let t = Script::Traditional;
        assert_eq!(t.words("存在的问题"), "存在的問題");
        assert_eq!(t.words("2018年工作计划"), "2018年工作計劃");
        assert_eq!(t.words("同比增长10.8%"), "同比增長10.8%");
        assert_eq!(t.words("提高7个百分点"), "提高7個百分點");
        assert_eq!(t.words("完成目标任务的105%"), "完成目標任務的105%");
        assert_eq!(t.words("2万余"), "2萬餘");
        assert_eq!(t.words("约1.17万"), "約1.17萬");
        assert_eq!(Script::Simplified.words("存在的问题"), "存在的问题");
    }

    #[test]
    fn the_table_maps_each_character_once() {
        for (i, (a, _)) in TRADITIONAL.iter().enumerate() {
            assert!(
                TRADITIONAL[i + 1..].iter().all(|(b, _)| a != b),
                "{a} twice"
            );
        }
    }
}
