//! The DOCX's text parts keep the child order the OOXML schema prescribes
//! (ECMA-376 Part 1, §17): the tool writes them itself, and `LibreOffice`
//! does not mind a wrong order where a strict reader calls the file damaged.
//! Every committed example and a document with every block kind are read:
//! the body, the styles and the footers.

use std::path::Path;

use crate::office::part;
use crate::support::{Project, repo};

/// The schema's child order for the property elements the tool writes.
const ORDERS: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ],
    ),
    (
        "w:pBdr",
        &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:between",
            "w:bar",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
    (
        "w:tblBorders",
        &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:insideH",
            "w:insideV",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
    ),
    (
        "w:tbl",
        &["w:bookmarkStart", "w:tblPr", "w:tblGrid", "w:tr"],
    ),
    ("w:tc", &["w:tcPr", "w:p", "w:tbl"]),
];

/// Where in `xml` an element's children are out of the schema's order (or
/// not in its list), as `parent: child after previous`.
fn misorders(xml: &str) -> Vec<String> {
    // Each open element: its name and the position of its last child in
    // the parent's order.
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut problems = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().map(|(n, _)| n).as_deref(), Some(name.trim()));
            continue;
        }
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default()
            .to_string();
        if let Some((parent, last)) = stack.last_mut()
            && let Some((_, order)) = ORDERS.iter().find(|(p, _)| p == parent)
        {
            match order.iter().position(|child| *child == name) {
                Some(at) if at >= *last => *last = at,
                Some(_) => problems.push(format!("{parent}: {name} after {}", order[*last])),
                None => problems.push(format!("{parent}: {name} is not in the list")),
            }
        }
        if !tag.ends_with('/') {
            stack.push((name, 0));
        }
    }
    problems
}

fn check(docx: &Path) {
    let names = {
        let file = std::fs::File::open(docx).unwrap();
        let archive = zip::ZipArchive::new(file).unwrap();
        archive
            .file_names()
            // The parts the tool writes. docx-rs's own default numbering
            // part puts `w:rPr` before `w:ind`; the documents use no
            // numbering, and its bytes are left as they were.
            .filter(|n| {
                *n == "word/document.xml"
                    || *n == "word/styles.xml"
                    || n.strip_prefix("word/footer")
                        .is_some_and(|rest| !rest.contains('/'))
            })
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    for name in names {
        let problems = misorders(&part(docx, &name));
        assert!(
            problems.is_empty(),
            "{} {name}: {problems:?}",
            docx.display()
        );
    }
}

#[test]
fn the_checker_sees_a_wrong_order() {
    let good =
        r#"<w:p><w:pPr><w:pStyle w:val="Body" /><w:jc w:val="both" /><w:rPr /></w:pPr></w:p>"#;
    assert!(misorders(good).is_empty());
    let bad = r#"<w:p><w:pPr><w:rPr /><w:pStyle w:val="Body" /></w:pPr></w:p>"#;
    assert_eq!(misorders(bad), ["w:pPr: w:pStyle after w:rPr"]);
}

#[test]
fn the_committed_examples_keep_schema_order() {
    let mut checked = 0;
    for entry in walkdir(&repo().join("examples")) {
        if entry.extension().is_some_and(|e| e == "docx") {
            check(&entry);
            checked += 1;
        }
    }
    assert!(checked >= 9, "only {checked} DOCX found");
}

#[test]
fn every_block_kind_keeps_schema_order() {
    // The genre fixture has the 版头, 主送机关, 附件说明 and 版记 with their
    // rules and tab; page numbers centred and headings not bold take the
    // other branches of the footers and styles.
    // Lists, italic, a centred column and a hard line break come from the
    // template.
    let project = Project::fixture("genre");
    project.write(
        "report.yaml",
        "style:\n  page_numbers: center\n  bold_headings: false\n",
    );
    let template = std::fs::read_to_string(repo().join("templates/report.md")).unwrap();
    project.write(
        "templates/report.md",
        &format!(
            "{template}\n\n## 附：*斜体*与***粗斜体***\n\n1. 第一项 *强调* 7200㎡\n2. 含换行\\\n   第二行\n\n- 无序\n\n| 左 | 右 | 中 |\n| --- | ---: | :---: |\n| 甲 | 12.5% | 丙 |\n"
        ),
    );
    project
        .report(&["build", "--all", "--format", "docx"])
        .success();
    let mut documents = Vec::new();
    for entry in walkdir(&project.path().join("out")) {
        if entry.extension().is_some_and(|e| e == "docx") {
            check(&entry);
            documents.push(part(&entry, "word/document.xml"));
        }
    }
    assert_eq!(documents.len(), 2, "the fixture's two years");
    let all = documents.concat();
    for shown in [
        "<w:i />",
        "<w:pBdr>",
        "<w:tabs>",
        r#"<w:jc w:val="center" />"#,
        "<w:br ",
    ] {
        assert!(all.contains(shown), "{shown} missing");
    }
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walkdir(&path));
        } else {
            found.push(path);
        }
    }
    found
}
