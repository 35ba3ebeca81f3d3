//! The page the tool sets itself, held to GB/T 9704's grid: 28 characters
//! on a full line of Chinese text, a full page wherever a paragraph runs
//! on to the next, the page numbers where 7.5 puts them and the 版记's last
//! rule on the 版心's bottom edge (7.4.1). The PDFs of every example are
//! measured by poppler, so a change to the tracking, the line pitch or the
//! page breaking shows here whatever fonts the machine has.
//!
//! Substrings here are of pdftotext's output, whose line ends depend on
//! the machine's fonts.

use std::path::Path;

use crate::pages::{examples, files};
use crate::support::{Line, Project, is_page_number, pdf_lines, required, run};

const PT_PER_MM: f64 = 72.0 / 25.4;
const LEFT: f64 = 28.0 * PT_PER_MM;
const TOP: f64 = 37.0 * PT_PER_MM;
const WIDTH: f64 = 156.0 * PT_PER_MM;
const BOTTOM: f64 = TOP + 225.0 * PT_PER_MM;
const LINE: f64 = 28.0;
const BODY: f64 = 16.0;

/// Closing marks: a line may hang one past its end or give up half of
/// each to take in what follows.
const CLOSING: &str = "，。、；：？！）》」』】”’";
/// What may not be parted from the line's last character.
const OPENING: &str = "“‘（《「『【";

fn is_body(line: &Line) -> bool {
    (line.height - BODY).abs() < 1.5
}

fn is_chinese(text: &str) -> bool {
    text.chars()
        .all(|c| u32::from(c) > 0x2E80 || "“”‘’—…·".contains(c))
}

/// A line of Chinese text set across the whole 版心, in 字 from the left
/// edge (its indent counted), with the least and most the rules allow.
fn cells(line: &Line, next: Option<&Line>) -> Option<(usize, usize, usize)> {
    if !is_body(line) || line.right < LEFT + WIDTH - 2.0 || !is_chinese(&line.text) {
        return None;
    }
    let indent = ((line.left - LEFT) / BODY).round() as usize;
    let count = line.text.chars().count() + indent;
    let closing = line.text.chars().filter(|c| CLOSING.contains(*c)).count();
    // Hanging and compression take in up to half a cell per closing mark
    // and the hanging mark itself.
    let most = 28 + closing.div_ceil(2);
    // A line is left short, and spread, only where what follows may not
    // start a line or be parted: a figure, an opening mark, or the one
    // character a paragraph's last line would otherwise hold alone.
    let least = match next {
        Some(next)
            if next
                .text
                .starts_with(|c: char| c.is_ascii_alphanumeric() || OPENING.contains(c))
                || next.right < LEFT + WIDTH - 2.0 =>
        {
            26
        }
        _ => 28,
    };
    Some((count, least, most))
}

#[test]
fn the_tools_own_pages_keep_the_grid() {
    if required(&["pdftotext"], "poppler-utils").is_none() {
        return;
    }
    let mut broken = Vec::new();
    let (mut full_lines, mut exact, mut runs_on) = (0, 0, 0);
    for (root, out) in examples(None) {
        for pdf in files(out.path(), "pdf") {
            let place = format!("{} {}", root.display(), pdf.file_name().unwrap().display());
            let pages = pdf_lines(&pdf);
            for (index, page) in pages.iter().enumerate() {
                let number = index + 1;
                let text: Vec<&Line> = page.iter().filter(|l| !is_page_number(&l.text)).collect();
                // 28 字 on a full line of Chinese text.
                for (at, line) in text.iter().enumerate() {
                    let Some((count, least, most)) = cells(line, text.get(at + 1).copied()) else {
                        continue;
                    };
                    full_lines += 1;
                    exact += usize::from(count == 28);
                    if !(least..=most).contains(&count) {
                        broken.push(format!(
                            "{place} page {number}: {count} 字 on “{}”",
                            line.text
                        ));
                    }
                }
                // A paragraph that runs on to the next page leaves no line
                // of this one empty, unless its last lines go with the 落款.
                let next = pages.get(index + 1).map(|p| {
                    p.iter()
                        .filter(|l| !is_page_number(&l.text))
                        .collect::<Vec<_>>()
                });
                if let (Some(last), Some(next)) = (text.last(), next)
                    && let Some(first) = next.first()
                    && is_body(last)
                    && last.right > LEFT + WIDTH - 2.0
                    && is_body(first)
                    && (first.left - LEFT).abs() < 1.5
                {
                    runs_on += 1;
                    let signed = next.iter().take(4).any(|l| l.text.ends_with('日'));
                    if BOTTOM - last.centre > LINE + 14.0 + 8.0 && !signed {
                        broken.push(format!(
                            "{place} page {number}: room for another line below “{}”",
                            last.text
                        ));
                    }
                    if text.iter().all(|l| is_body(l)) && text.len() != 22 {
                        broken.push(format!("{place} page {number}: {} lines", text.len()));
                    }
                }
                // “— N —”, 7 mm below the 版心; odd pages at the right and
                // even at the left, one 四号 character in (7.5).
                let Some(mark) = page.iter().find(|l| is_page_number(&l.text)) else {
                    broken.push(format!("{place} page {number}: no page number"));
                    continue;
                };
                let below = BOTTOM + 7.0 * PT_PER_MM;
                let across = if number % 2 == 1 {
                    (LEFT + WIDTH - 14.0 - mark.right).abs()
                } else {
                    (mark.left - LEFT - 14.0).abs()
                };
                if !(below..below + 14.0).contains(&mark.centre) || across > 1.5 {
                    broken.push(format!(
                        "{place} page {number}: the page number at ({:.1}, {:.1})",
                        mark.left, mark.centre
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    // Most full lines are exactly 28: hanging, compression and spreading
    // are the exceptions the rules make.
    assert!(full_lines >= 80, "full lines measured: {full_lines}");
    assert!(
        exact * 4 >= full_lines * 3,
        "{exact} of {full_lines} full lines hold 28 字"
    );
    assert!(runs_on >= 5, "page breaks inside a paragraph: {runs_on}");
}

/// The 版记 at the foot of the last page: its last rule, drawn across the
/// 版心, lies on the 版心's bottom edge (7.4.1), found in the page's pixels.
#[test]
fn the_record_ends_on_the_type_areas_bottom_edge() {
    let Some(pdftoppm) = required(&["pdftoppm"], "poppler-utils") else {
        return;
    };
    let project = Project::fixture("genre");
    project
        .report(&["build", "2025", "--format", "pdf"])
        .success();
    let pdf = project.path().join("out/2025.pdf");
    let pages = pdf_lines(&pdf).len();
    assert_eq!(pages % 2, 0, "the 版记 is on an even page");
    let image = project.path().join("last");
    // One pixel a point.
    run(
        &pdftoppm,
        &[
            "-r",
            "72",
            "-gray",
            "-singlefile",
            "-f",
            &pages.to_string(),
            pdf.to_str().unwrap(),
            image.to_str().unwrap(),
        ],
    );
    let rules = dark_rows(&project.path().join("last.pgm"));
    let last = *rules.last().expect("a rule across the 版心");
    assert!(
        (last as f64 - BOTTOM).abs() <= 1.5,
        "the last rule at {last} pt, the 版心 ends at {BOTTOM:.1} pt (rules at {rules:?})"
    );
}

/// The rows of a binary PGM image that are dark across most of the 版心.
fn dark_rows(pgm: &Path) -> Vec<usize> {
    let bytes = std::fs::read(pgm).unwrap();
    // The header: “P5”, width, height, maximum, each after white space.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    let pixels = &bytes[at + 1..];
    let width: usize = fields[1].parse().unwrap();
    let from = LEFT.ceil() as usize;
    let to = (LEFT + WIDTH).floor() as usize;
    pixels
        .chunks(width)
        .enumerate()
        .filter(|(_, row)| {
            let dark = row[from..to].iter().filter(|&&v| v < 128).count();
            dark * 10 >= (to - from) * 9
        })
        .map(|(y, _)| y)
        .collect()
}
