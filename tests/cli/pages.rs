//! The printed page, as a reader sees it, both ways it is printed: the PDF
//! the browser prints from the HTML, and the DOCX laid out by `LibreOffice`
//! (the closest renderer to Word we have). The rules are checked on every
//! page of every example from the PDF's text positions, against the tool's
//! own document (its headings, captions, figures and signature), never
//! against fixed wrap points: they hold whatever fonts the machine has.

use std::path::{Path, PathBuf};

use crate::support::{Line, Project, is_page_number, pdf_pages as pages, repo, required, run};

/// What the rules are checked against, read from the report's Markdown.
struct Document {
    /// Headings and table captions: never the last line of a page.
    keep_with_next: Vec<String>,
    /// Figures with their units: never split across lines.
    figures: Vec<String>,
    signature: Vec<String>,
}

fn document(md: &str) -> Document {
    use report::{BlockKind, Document as Tree, plain};
    let (tree, _) = Tree::parse(md);
    let squeeze = |s: String| s.replace([' ', '\n'], "");
    let mut keep_with_next = Vec::new();
    let mut signature = Vec::new();
    for block in &tree.blocks {
        match &block.kind {
            BlockKind::Heading { text, .. } => keep_with_next.push(squeeze(plain(text))),
            BlockKind::Table(table) => {
                if let Some(caption) = &table.caption {
                    keep_with_next.push(squeeze(plain(caption)));
                }
            }
            BlockKind::Signature { lines, .. } => signature.clone_from(lines),
            _ => {}
        }
    }
    Document {
        keep_with_next,
        figures: figures(md),
        signature,
    }
}

/// The report's text in reading order, as the tool sets it: every block's
/// words, a table cell by cell, a chart's title then each bar's figure and
/// year, and the 版记 last (it sits at the foot of the last page);
/// whitespace left out.
fn reading_text(md: &str) -> String {
    use report::{BlockKind, Document as Tree, Role, plain};
    let (tree, _) = Tree::parse(&charts_as_in_the_template(md));
    let (mut text, mut record) = (String::new(), String::new());
    for block in &tree.blocks {
        match &block.kind {
            BlockKind::Title { lines, .. } | BlockKind::Signature { lines, .. } => {
                text.extend(lines.iter().map(String::as_str));
            }
            BlockKind::Paragraph {
                role: Role::Copies | Role::Imprint,
                text: spans,
            } => record.push_str(&plain(spans)),
            BlockKind::Heading { text: spans, .. }
            | BlockKind::Paragraph { text: spans, .. }
            | BlockKind::Caption(spans) => text.push_str(&plain(spans)),
            BlockKind::Table(table) => {
                text.push_str(&table.caption.as_deref().map(plain).unwrap_or_default());
                for row in std::iter::once(&table.header).chain(&table.rows) {
                    text.extend(row.iter().map(|cell| plain(cell)));
                }
            }
            BlockKind::Chart { alt, .. } => {
                // “更换屋顶彩钢瓦面：2016年6500㎡，2017年7200㎡” is drawn as the
                // title, then each bar's figure above its year.
                let (label, bars) = alt.split_once('：').unwrap_or((alt, ""));
                text.push_str(label);
                for bar in bars.split('，') {
                    if let Some((year, figure)) = bar.split_once('年') {
                        text.push_str(figure);
                        text.push_str(year);
                        text.push('年');
                    }
                }
            }
            BlockKind::List {
                ordered,
                start,
                items,
            } => {
                for (i, item) in items.iter().enumerate() {
                    text.push_str(&report::list_marker(*ordered, start + i));
                    text.push_str(&plain(item));
                }
            }
        }
    }
    text.push_str(&record);
    text.retain(|c| !c.is_whitespace());
    text
}

/// The written Markdown links its charts as the SVG files beside it
/// (`2017-roof_tiles.svg`); the document tree knows them as the template
/// writes them (`chart:roof_tiles`).
fn charts_as_in_the_template(md: &str) -> String {
    md.lines()
        .map(|line| {
            match line
                .strip_suffix(".svg)")
                .and_then(|l| l.rsplit_once("]("))
                .and_then(|(alt, file)| file.split_once('-').map(|(_, key)| (alt, key)))
            {
                Some((alt, key)) if line.starts_with("![") => format!("{alt}](chart:{key})"),
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each table's head, its cells' words joined.
fn table_heads(md: &str) -> Vec<String> {
    use report::{BlockKind, Document as Tree, plain};
    let (tree, _) = Tree::parse(md);
    tree.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(table) => {
                let mut head: String = table.header.iter().map(|c| plain(c)).collect();
                head.retain(|c| !c.is_whitespace());
                Some(head)
            }
            _ => None,
        })
        .collect()
}

/// Every figure in `text` with what belongs to it: `40余处`, `2万余㎡`,
/// `100.0%`, `2017年`.
fn figures(text: &str) -> Vec<String> {
    const UNITS: [&str; 16] = [
        "万平方米",
        "平方米",
        "个百分点",
        "公里",
        "车次",
        "㎡",
        "处",
        "吨",
        "株",
        "户",
        "个",
        "%",
        "年",
        "元",
        "辆",
        "人",
    ];
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit()
            || (i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.'))
        {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.') {
            end += 1;
        }
        while end < chars.len() && "余万亿".contains(chars[end]) {
            end += 1;
        }
        let rest: String = chars[end..chars.len().min(end + 4)].iter().collect();
        if let Some(unit) = UNITS.iter().find(|u| rest.starts_with(*u)) {
            end += unit.chars().count();
        }
        if end - i > 1 {
            found.push(chars[i..end].iter().collect());
        }
        i = end.max(i + 1);
    }
    found.sort();
    found.dedup();
    found
}

/// Width in 字: a Chinese character is one, a half-width one half.
fn width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// What the rules found on the pages of one PDF.
#[derive(Default)]
struct Findings {
    /// What breaks a rule, in words.
    broken: Vec<String>,
    /// Pages of running text.
    text_pages: usize,
    /// Figures a line end parts before or inside their Chinese unit, where
    /// the route cannot be told not to (see `every_page_keeps_the_rules_both_ways`).
    unit_splits: Vec<String>,
}

/// Every rule on every page of `pdf`. With `unit_splits_measured`, a line
/// end before or inside a figure's Chinese unit is counted, not broken; one
/// inside the number always breaks the rule.
fn broken_rules(pdf: &Path, doc: &Document, unit_splits_measured: bool) -> Findings {
    let pages = pages(pdf);
    let mut findings = Findings::default();
    let broken = &mut findings.broken;
    let count = pages.len();
    for (number, page) in pages.iter().enumerate() {
        let number = number + 1;
        // A heading or a caption is never the last line of a page.
        if let Some(last) = page.last()
            && number < count
            && last.text.chars().count() >= 4
            && doc.keep_with_next.iter().any(|h| h.ends_with(&last.text))
        {
            broken.push(format!(
                "page {number} ends with the heading or caption “{}”",
                last.text
            ));
        }
        // The 署名 never stands alone at the top of a page.
        if let Some(issuer) = doc.signature.first()
            && let Some(at) = page.iter().position(|l| l.text == *issuer)
            && at == 0
        {
            broken.push(format!("page {number} holds the signature alone"));
        }
        // A figure is never split from its unit, nor a number inside itself.
        let mut pairs: Vec<(&Line, &Line)> = page.windows(2).map(|w| (&w[0], &w[1])).collect();
        if let (Some(last), Some(next)) = (page.last(), pages.get(number).and_then(|p| p.first())) {
            pairs.push((last, next));
        }
        for (line, next) in pairs {
            for figure in &doc.figures {
                let chars: Vec<char> = figure.chars().collect();
                for cut in 1..chars.len() {
                    let head: String = chars[..cut].iter().collect();
                    let tail: String = chars[cut..].iter().collect();
                    if line.text.ends_with(&head) && next.text.starts_with(&tail) {
                        let split = format!(
                            "page {number}: “{figure}” split as “{}” / “{}”",
                            line.text, next.text
                        );
                        // Outside the number: before or inside its Chinese unit.
                        let at_unit = !tail.starts_with(|c: char| c.is_ascii());
                        if unit_splits_measured && at_unit {
                            findings.unit_splits.push(split);
                        } else {
                            broken.push(split);
                        }
                    }
                }
            }
        }
    }
    // 22 lines × 28 字 on a page of running text, ±1.
    for (number, page) in pages
        .iter()
        .enumerate()
        .skip(1)
        .take(count.saturating_sub(2))
    {
        let pitches: Vec<f64> = page.windows(2).map(|w| w[1].centre - w[0].centre).collect();
        // Running text: lines 28 pt apart (a heading in another font sits a
        // little off its line), nothing taller in between (a chart) and
        // nothing in 四号 (a table, a caption). A line whose first word is
        // Latin has that word's shorter box, so one short line is allowed.
        let mut sorted = pitches.clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
        let text_page = page.len() >= 18
            && (26.0..=30.5).contains(&median)
            && pitches.iter().all(|p| (18.0..=38.0).contains(p))
            && page.iter().filter(|line| line.height <= 15.0).count() <= 1;
        if !text_page {
            continue;
        }
        findings.text_pages += 1;
        if !(21..=23).contains(&page.len()) {
            broken.push(format!("page {}: {} lines of text", number + 1, page.len()));
        }
        let left = page.iter().map(|l| l.left).fold(f64::MAX, f64::min);
        let right = page.iter().map(|l| l.right).fold(f64::MIN, f64::max);
        // Full lines, measured in 字; one line may hold fewer where the
        // line-breaking rules keep punctuation off a line's end and the
        // rest is justified, so the page's typical line is what counts.
        let mut full: Vec<f64> = page
            .iter()
            .filter(|l| l.left - left < 2.0 && right - l.right < 2.0)
            .map(|l| width(&l.text))
            .collect();
        full.sort_by(f64::total_cmp);
        if let Some(typical) = full.get(full.len() / 2)
            && !(27.0..=29.0).contains(typical)
        {
            broken.push(format!(
                "page {}: full lines of {typical} 字: {full:?}",
                number + 1
            ));
        }
    }
    findings
}

/// Every example's reports, built as md, docx and pdf into `out`: the PDF
/// printed by `browser`, or set by the tool itself when `None` (with an
/// empty `PATH`, so no browser could be found).
pub(crate) fn examples(browser: Option<&str>) -> Vec<(PathBuf, tempfile::TempDir)> {
    let mut built = Vec::new();
    let mut roots = vec![repo()];
    roots.extend(
        std::fs::read_dir(repo().join("examples"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("data").is_dir()),
    );
    for root in roots {
        let project = if root == repo() {
            Project::example()
        } else {
            Project::copy_of(&root)
        };
        let out = tempfile::tempdir().unwrap();
        let mut args = vec![
            "build",
            "--all",
            "--format",
            "md,docx,pdf",
            "--out",
            out.path().to_str().unwrap(),
        ];
        let mut command = crate::support::report_command();
        command.current_dir(project.path());
        match browser {
            Some(browser) => {
                args.extend(["--browser", browser]);
            }
            // The tool's own PDF needs no program from PATH: none is there.
            None => {
                command.env("PATH", "");
            }
        }
        let output = command.args(&args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        built.push((root, out));
    }
    built
}

pub(crate) fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_page_keeps_the_rules_both_ways() {
    let Some(browser) = required(
        &["chromium", "chromium-browser", "google-chrome"],
        "chromium",
    ) else {
        return;
    };
    let Some(office) = required(&["soffice", "libreoffice"], "libreoffice-writer-nogui") else {
        return;
    };
    if required(&["pdftotext"], "poppler-utils").is_none() {
        return;
    }
    let mut broken = Vec::new();
    let mut unit_splits = Vec::new();
    let mut checked = 0;
    let mut text_pages = std::collections::BTreeMap::new();
    for (root, out) in examples(browser.to_str()) {
        let docx = files(out.path(), "docx");
        // LibreOffice's PDFs go beside each DOCX under another name.
        let lo = tempfile::tempdir().unwrap();
        for (index, file) in docx.iter().enumerate() {
            let dir = lo.path().join(index.to_string());
            run(
                &office,
                &[
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    dir.to_str().unwrap(),
                    file.to_str().unwrap(),
                ],
            );
            let md = std::fs::read_to_string(file.with_extension("md")).unwrap();
            let doc = document(&md);
            let printed = file.with_extension("pdf");
            let converted = dir.join(printed.file_name().unwrap());
            // LibreOffice 7.4 reads no custom line-breaking rules from a
            // DOCX (Word does), and the text is not to carry joiners: a line
            // end between digits and a Chinese unit is measured there.
            for (route, pdf, measured) in [
                ("browser", printed, false),
                ("LibreOffice", converted, true),
            ] {
                let findings = broken_rules(&pdf, &doc, measured);
                *text_pages.entry(route).or_insert(0) += findings.text_pages;
                let name = file.file_name().unwrap().to_string_lossy();
                let place = format!("{} {name} ({route})", root.display());
                broken.extend(
                    findings
                        .broken
                        .iter()
                        .map(|rule| format!("{place}: {rule}")),
                );
                unit_splits.extend(findings.unit_splits.iter().map(|s| format!("{place}: {s}")));
                checked += 1;
            }
        }
    }
    assert!(checked >= 12, "checked {checked} PDFs");
    // The bundled example alone has pages of running text both ways.
    assert!(
        text_pages.values().all(|n| *n >= 2) && text_pages.len() == 2,
        "pages of running text: {text_pages:?}"
    );
    eprintln!(
        "LibreOffice parted digits from their unit {} times:\n{}",
        unit_splits.len(),
        unit_splits.join("\n")
    );
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

// The PDF the tool sets itself, with no browser: every rule on every page
// of every example, 22 lines of 28 characters on a page of running text,
// only embedded CID fonts (no Type 3), and the text pdftotext takes out is
// the report's text, figures whole.
#[test]
fn the_tools_own_pdfs_keep_every_rule() {
    let (Some(pdftotext), Some(pdffonts)) = (
        required(&["pdftotext"], "poppler-utils"),
        required(&["pdffonts"], "poppler-utils"),
    ) else {
        return;
    };
    let mut broken = Vec::new();
    let mut checked = 0;
    let mut text_pages = 0;
    for (root, out) in examples(None) {
        for pdf in files(out.path(), "pdf") {
            let md = std::fs::read_to_string(pdf.with_extension("md")).unwrap();
            let doc = document(&md);
            let findings = broken_rules(&pdf, &doc, false);
            text_pages += findings.text_pages;
            let place = format!("{} {}", root.display(), pdf.display());
            broken.extend(
                findings
                    .broken
                    .iter()
                    .map(|rule| format!("{place}: {rule}")),
            );
            let fonts = run(&pdffonts, &[pdf.to_str().unwrap()]);
            for font in fonts.lines().skip(2) {
                if !font.contains("CID") || !font.contains(" yes yes yes ") {
                    broken.push(format!(
                        "{place}: a font not embedded as CID with text: {font}"
                    ));
                }
            }
            let text: String = pages(&pdf)
                .iter()
                .flatten()
                .map(|line| line.text.clone())
                .collect();
            for figure in &doc.figures {
                if !text.contains(figure.as_str()) {
                    broken.push(format!("{place}: “{figure}” is not in the PDF's text"));
                }
            }
            // The text in the order it is drawn is the report's, whole.
            let mut drawn: String = run(&pdftotext, &["-raw", pdf.to_str().unwrap(), "-"])
                .lines()
                .filter(|line| !is_page_number(&line.replace(' ', "")))
                .collect();
            drawn.retain(|c| !c.is_whitespace());
            let expected = reading_text(&md);
            // A table's head repeated on the page it runs onto is furniture
            // (tagged so): it is not compared.
            let heads = table_heads(&md);
            let unrepeated = |text: &str| {
                let mut text = text.to_string();
                for head in &heads {
                    if let Some(first) = text.find(head.as_str()) {
                        let after = first + head.len();
                        let rest = text[after..].replace(head.as_str(), "");
                        text.truncate(after);
                        text.push_str(&rest);
                    }
                }
                text
            };
            let (drawn, expected) = (unrepeated(&drawn), unrepeated(&expected));
            if drawn != expected {
                let at = drawn
                    .chars()
                    .zip(expected.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                let around = |s: &str| {
                    s.chars()
                        .skip(at.saturating_sub(10))
                        .take(30)
                        .collect::<String>()
                };
                broken.push(format!(
                    "{place}: the text differs at character {at}: “{}” where the report has “{}”",
                    around(&drawn),
                    around(&expected)
                ));
            }
            checked += 1;
        }
    }
    assert!(checked >= 12, "checked {checked} PDFs");
    assert!(text_pages >= 2, "pages of running text: {text_pages}");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn figures_are_found_with_their_units() {
    assert_eq!(
        figures("共整治40余处，铺设2万余㎡，完成目标任务的100.0%，2017年，第1条"),
        ["100.0%", "2017年", "2万余㎡", "40余处"]
    );
}

#[test]
fn page_numbers_are_recognised() {
    assert!(is_page_number("—12—"));
    assert!(!is_page_number("——"));
    assert!(!is_page_number("—二—"));
}
