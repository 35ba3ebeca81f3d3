//! The page's rules ([`page`]) as the HTML shell writes them in CSS: the
//! margins, sizes and rules as lengths, and each face of the genre as a
//! `font-family` list, so that the print CSS, the DOCX and the PDF set the
//! same page from one set of numbers.

use serde::Serialize;

use crate::render::page::{self, Face};

/// What `report.html` reads as `page`.
#[derive(Debug, Serialize)]
pub(crate) struct Css {
    /// The paper, for the screen's page.
    width: String,
    height: String,
    /// `@page`'s margin: top, right, bottom, left.
    margin: String,
    body_size: String,
    line: String,
    title_size: String,
    title_line: String,
    /// Tables, captions, the 版记 and page numbers.
    small_size: String,
    organ_size: String,
    page_number_below: String,
    /// The body's letter-spacing, negative.
    tracking: String,
    rule_thick: String,
    rule_thin: String,
    red_rule: String,
    red_rule_gap: String,
    /// `font-family` lists for simplified text, without the generic family.
    faces: Faces,
    /// The same for a report in traditional script.
    traditional_faces: Faces,
}

#[derive(Debug, Serialize)]
struct Faces {
    fangsong: String,
    kaiti: String,
    heiti: String,
    xiaobiaosong: String,
    songti: String,
    latin: String,
}

impl Css {
    pub(crate) fn new() -> Self {
        Self {
            width: mm(page::PAGE_WIDTH),
            height: mm(page::PAGE_HEIGHT),
            margin: [page::TOP, page::RIGHT, page::BOTTOM, page::LEFT]
                .map(mm)
                .join(" "),
            body_size: pt(page::BODY_SIZE),
            line: pt(page::LINE),
            title_size: pt(page::TITLE_SIZE),
            title_line: pt(page::TITLE_LINE),
            small_size: pt(page::SMALL_SIZE),
            organ_size: pt(page::ORGAN_SIZE),
            page_number_below: mm(page::PAGE_NUMBER_BELOW),
            // Rounded up to 0.05 pt: a browser rounds each advance, and 28
            // characters that overflow the 版心 by a hair wrap the 28th.
            tracking: pt(-(page::TRACKING * 20.0).ceil() / 20.0),
            rule_thick: mm(page::RULE_THICK),
            rule_thin: mm(page::RULE_THIN),
            red_rule: pt(page::RED_RULE),
            red_rule_gap: mm(page::RED_RULE_GAP),
            faces: Faces::of(|face| face.families().0),
            traditional_faces: Faces::of(Face::traditional_families),
        }
    }
}

impl Faces {
    fn of(families: impl Fn(Face) -> &'static [&'static str]) -> Self {
        let list = |face: Face| {
            families(face)
                .iter()
                .map(|family| format!("\"{family}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Self {
            fangsong: list(Face::FangSong),
            kaiti: list(Face::KaiTi),
            heiti: list(Face::HeiTi),
            xiaobiaosong: list(Face::XiaoBiaoSong),
            songti: list(Face::SongTi),
            latin: list(Face::Latin),
        }
    }
}

/// `points` as CSS points, to 0.01.
fn pt(points: f32) -> String {
    format!("{}pt", page::decimal(points, 2))
}

/// `points` as CSS millimetres, to 0.01.
fn mm(points: f32) -> String {
    format!("{}mm", page::decimal(points / page::PT_PER_MM, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_read_as_the_standard_writes_them() {
        let css = Css::new();
        assert_eq!(css.margin, "37mm 26mm 35mm 28mm");
        assert_eq!(css.body_size, "16pt");
        assert_eq!(css.tracking, "-0.25pt");
        assert_eq!(css.rule_thick, "0.35mm");
        assert_eq!(css.page_number_below, "7mm");
        assert!(css.faces.fangsong.starts_with("\"仿宋_GB2312\", "));
        assert!(css.traditional_faces.kaiti.starts_with("\"標楷體\""));
    }
}
