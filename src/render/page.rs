//! The 公文 page of GB/T 9704-2012, in one place: the paper and the 版心,
//! the type sizes and faces, the grid of 22 lines × 28 characters, the
//! rules, the line-breaking rules (禁则), the title's lines and the 落款's
//! offsets. The PDF layout reads them in points, the DOCX in twips
//! ([`twips`]), and the HTML shell as CSS lengths ([`Css`]).

/// Points in a millimetre.
pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

/// A4, in points.
pub(crate) const PAGE_WIDTH: f32 = 210.0 * PT_PER_MM;
pub(crate) const PAGE_HEIGHT: f32 = 297.0 * PT_PER_MM;

/// The 版心: 156 mm × 225 mm, 37 mm from the top and 28 mm from the left
/// (GB/T 9704 5.2.1).
pub(crate) const TOP: f32 = 37.0 * PT_PER_MM;
pub(crate) const LEFT: f32 = 28.0 * PT_PER_MM;
pub(crate) const TYPE_WIDTH: f32 = 156.0 * PT_PER_MM;
pub(crate) const TYPE_HEIGHT: f32 = 225.0 * PT_PER_MM;

/// What the 版心 leaves below and to the right: 35 mm and 26 mm.
pub(crate) const BOTTOM: f32 = PAGE_HEIGHT - TOP - TYPE_HEIGHT;
pub(crate) const RIGHT: f32 = PAGE_WIDTH - LEFT - TYPE_WIDTH;

/// 三号 (16 pt) body on a fixed 28 pt line: 22 lines of 28 characters.
pub(crate) const BODY_SIZE: f32 = 16.0;
pub(crate) const LINE: f32 = 28.0;
pub(crate) const CHARS: usize = 28;

/// 二号 (22 pt) title on a 35 pt line, with a blank line of 28 pt below.
pub(crate) const TITLE_SIZE: f32 = 22.0;
pub(crate) const TITLE_LINE: f32 = 35.0;

/// 四号 (14 pt): tables, captions, the 版记 and the page numbers.
pub(crate) const SMALL_SIZE: f32 = 14.0;

/// The 发文机关标志: red 小标宋, 26 pt here (the standard leaves the size to
/// the office, no larger than 22 mm × 15 mm a character).
pub(crate) const ORGAN_SIZE: f32 = 26.0;

/// Page numbers sit 7 mm below the 版心 (7.5).
pub(crate) const PAGE_NUMBER_BELOW: f32 = 7.0 * PT_PER_MM;

/// The 版记's rules (7.4.1): 0.35 mm for the first and last, 0.25 mm
/// between; the red rule under the 发文字号, 1.5 pt here, sits 4 mm below it
/// (7.2.7).
pub(crate) const RULE_THICK: f32 = 0.35 * PT_PER_MM;
pub(crate) const RULE_THIN: f32 = 0.25 * PT_PER_MM;
pub(crate) const RED_RULE: f32 = 1.5;
pub(crate) const RED_RULE_GAP: f32 = 4.0 * PT_PER_MM;

/// What every glyph gives up so that 28 characters of 16 pt fill 156 mm:
/// (28 × 16 pt − 156 mm) / 28 ≈ 0.21 pt, the letter-spacing of the HTML.
pub(crate) const TRACKING: f32 = (CHARS as f32 * BODY_SIZE - TYPE_WIDTH) / CHARS as f32;

/// `points` in twips (1/20 pt, Word's unit), to the nearest.
pub(crate) const fn twips(points: f32) -> i32 {
    (points * 20.0 + 0.5) as i32
}

/// `value` to `places` decimals without trailing zeros (“37”, “0.35”, never
/// “-0”), so that a length is written the same everywhere: the CSS and
/// the OFD write the page's numbers with it.
pub(crate) fn decimal(value: f32, places: u8) -> String {
    crate::model::numbers::fewest(f64::from(value), places)
}

/// Whether a title `width` wide (in characters of 二号) is set on one line;
/// a longer one breaks between its phrases (7.3.1: 回行时词意完整). `slack`
/// is what a renderer keeps back for its own spacing, in characters.
pub(crate) fn title_fits(width: f32, slack: f32) -> bool {
    width <= TYPE_WIDTH / TITLE_SIZE - slack
}

/// Characters that may not begin a line (GB/T 15834 and common practice).
pub(crate) const NO_BREAK_BEFORE: &str = "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｝～￠";

/// Characters that may not end a line.
pub(crate) const NO_BREAK_AFTER: &str = "$(£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥约";

/// The faces of the genre, each by the names it goes by (Windows, the
/// `_GB2312` faces of official machines, macOS) and the free faces that
/// stand in for it on Linux (docs/printing.md), best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Face {
    /// 仿宋: the body.
    FangSong,
    /// 楷体: level-2 headings, the byline.
    KaiTi,
    /// 黑体: level-1 headings, captions, table heads.
    HeiTi,
    /// 小标宋: the title and the 发文机关标志.
    XiaoBiaoSong,
    /// 宋体: the page numbers.
    SongTi,
    /// Times New Roman: digits and Latin letters.
    Latin,
}

impl Face {
    pub(crate) const ALL: [Face; 6] = [
        Face::FangSong,
        Face::KaiTi,
        Face::HeiTi,
        Face::XiaoBiaoSong,
        Face::SongTi,
        Face::Latin,
    ];

    /// Family names to look for, best first, and whether the bold weight
    /// is wanted.
    pub(crate) fn families(self) -> (&'static [&'static str], bool) {
        match self {
            Face::FangSong => (
                &[
                    "仿宋_GB2312",
                    "FangSong_GB2312",
                    "仿宋",
                    "FangSong",
                    "STFangsong",
                    "华文仿宋",
                    "AR PL SungtiL GB",
                    "Noto Serif CJK SC",
                    "Source Han Serif SC",
                    "SimSun",
                ],
                false,
            ),
            Face::KaiTi => (
                &[
                    "楷体_GB2312",
                    "KaiTi_GB2312",
                    "楷体",
                    "KaiTi",
                    "STKaiti",
                    "华文楷体",
                    "AR PL KaitiM GB",
                    "AR PL UKai CN",
                    "Noto Serif CJK SC",
                    "Source Han Serif SC",
                ],
                false,
            ),
            Face::HeiTi => (
                &[
                    "黑体",
                    "SimHei",
                    "STHeiti",
                    "Heiti SC",
                    "Microsoft YaHei",
                    "Noto Sans CJK SC",
                    "Source Han Sans SC",
                    "WenQuanYi Zen Hei",
                ],
                false,
            ),
            Face::XiaoBiaoSong => (
                &[
                    "方正小标宋简体",
                    "FZXiaoBiaoSong-B05S",
                    "方正小标宋_GBK",
                    "小标宋",
                    "华文中宋",
                    "STZhongsong",
                    "Noto Serif CJK SC",
                    "Source Han Serif SC",
                    "SimSun",
                    "AR PL SungtiL GB",
                ],
                false,
            ),
            Face::SongTi => (
                &[
                    "宋体",
                    "SimSun",
                    "NSimSun",
                    "STSong",
                    "Songti SC",
                    "AR PL SungtiL GB",
                    "Noto Serif CJK SC",
                    "Source Han Serif SC",
                ],
                false,
            ),
            Face::Latin => (
                &[
                    "Times New Roman",
                    "Liberation Serif",
                    "Tinos",
                    "TeX Gyre Termes",
                    "Nimbus Roman",
                ],
                false,
            ),
        }
    }

    /// Family names for a report in traditional script, best first: faces
    /// with every traditional character, as the HTML's `zh-Hant` lists.
    pub(crate) fn traditional_families(self) -> &'static [&'static str] {
        match self {
            Face::FangSong => &[
                "仿宋",
                "FangSong",
                "STFangsong",
                "Noto Serif CJK TC",
                "Source Han Serif TC",
                "PMingLiU",
            ],
            Face::KaiTi => &[
                "標楷體",
                "DFKai-SB",
                "楷体",
                "KaiTi",
                "AR PL UKai TW",
                "Noto Serif CJK TC",
                "Source Han Serif TC",
            ],
            Face::HeiTi => &[
                "微軟正黑體",
                "Microsoft JhengHei",
                "Noto Sans CJK TC",
                "Source Han Sans TC",
            ],
            Face::XiaoBiaoSong => &[
                "方正小标宋繁体",
                "华文中宋",
                "STZhongsong",
                "Noto Serif CJK TC",
                "Source Han Serif TC",
            ],
            Face::SongTi => &[
                "PMingLiU",
                "MingLiU",
                "Noto Serif CJK TC",
                "Source Han Serif TC",
            ],
            Face::Latin => self.families().0,
        }
    }

    /// Whether `family` is a free face standing in for this one (Linux's),
    /// not the face itself or its Windows or macOS namesake.
    pub(crate) fn is_stand_in(family: &str) -> bool {
        [
            "AR PL",
            "Noto",
            "Source Han",
            "WenQuanYi",
            "Liberation",
            "Tinos",
            "TeX Gyre",
            "Nimbus",
        ]
        .iter()
        .any(|free| family.starts_with(free))
    }

    /// The face the standard names, for messages.
    pub(crate) const fn standard_name(self) -> &'static str {
        match self {
            Face::FangSong => "仿宋_GB2312",
            Face::KaiTi => "楷体_GB2312",
            Face::HeiTi => "黑体",
            Face::XiaoBiaoSong => "方正小标宋简体",
            Face::SongTi => "宋体",
            Face::Latin => "Times New Roman",
        }
    }
}

/// The 落款's right offsets, in characters, of each line (7.3.5.2, no
/// seal): the 署名 two characters in from the right; the 成文日期 on the
/// next line, its first character two characters right of the 署名's.
/// When the date is the longer, the date keeps its two and the 署名 moves
/// left. `widths` are the lines' widths in characters.
pub(crate) fn signature_offsets(widths: &[f64]) -> Vec<f64> {
    let issuer = widths.first().copied().unwrap_or(0.0);
    let date = widths.get(1).copied().unwrap_or(0.0);
    let (issuer_right, date_right) = if date + 2.0 <= issuer {
        (2.0, 2.0 + issuer - date - 2.0)
    } else {
        (2.0 + date + 2.0 - issuer, 2.0)
    };
    (0..widths.len())
        .map(|i| if i == 0 { issuer_right } else { date_right })
        .collect()
}

/// The marker of a list item: “3.” in an ordered list, a bullet else.
pub fn list_marker(ordered: bool, number: usize) -> String {
    if ordered {
        format!("{number}.")
    } else {
        "• ".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_fills_the_type_area() {
        let full_line = CHARS as f32 * (BODY_SIZE - TRACKING);
        assert!((full_line - TYPE_WIDTH).abs() < 0.01);
        assert_eq!((TYPE_HEIGHT / LINE) as usize, 22, "22 lines a page");
    }

    #[test]
    fn signature_offsets_follow_the_standard() {
        let chars = |lines: &[String]| -> Vec<f64> {
            lines.iter().map(|s| s.chars().count() as f64).collect()
        };
        let lines = ["某某办公室".to_string(), "2017年12月28日".to_string()];
        // 署名 5 wide, the date 11 wide (counted as characters here): the
        // date keeps its two, the 署名 moves left so the date starts two
        // characters right of it.
        assert_eq!(signature_offsets(&chars(&lines)), vec![10.0, 2.0]);
        let lines = [
            "某某县城市管理行政执法局办公室".to_string(),
            "2017年12月28日".to_string(),
        ];
        assert_eq!(signature_offsets(&chars(&lines)), vec![2.0, 4.0]);
    }
}
