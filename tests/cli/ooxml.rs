//! The DOCX is valid OOXML (ECMA-376 transitional): an independent schema
//! validator finds no error in any DOCX of the examples and fixtures, and
//! the parts the tool writes keep the child order the schema prescribes
//! (`LibreOffice` does not mind a wrong order where Word calls the file
//! damaged). Every committed example and a document with every block kind
//! are read. The text is the text: no invisible character is added to it,
//! and the font table declares every font the styles name.

use std::path::Path;

use crate::office::part;
use crate::support::{Project, repo, required, run};

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

/// Characters that change nothing on the page and would stand between a
/// clerk's Find and the text.
const INVISIBLE: [char; 4] = ['\u{2060}', '\u{200B}', '\u{FEFF}', '\u{00AD}'];

fn check(docx: &Path) {
    let names = {
        let file = std::fs::File::open(docx).unwrap();
        let archive = zip::ZipArchive::new(file).unwrap();
        archive
            .file_names()
            .map(|n| n.unwrap().to_string())
            .filter(|n| {
                n.starts_with("word/") && Path::new(n).extension().is_some_and(|e| e == "xml")
            })
            .collect::<Vec<_>>()
    };
    let document = part(docx, "word/document.xml");
    if let Some(c) = document.chars().find(|c| INVISIBLE.contains(c)) {
        panic!("{}: U+{:04X} in the text", docx.display(), c as u32);
    }
    // Every font a style or chart names is declared, Chinese ones with the
    // face to take where they are missing.
    let table = part(docx, "word/fontTable.xml");
    let mut fonts: Vec<String> = names
        .iter()
        .filter(|n| *n == "word/styles.xml" || n.starts_with("word/charts/"))
        .flat_map(|n| font_names(&part(docx, n)))
        .collect();
    fonts.sort();
    fonts.dedup();
    assert!(fonts.len() >= 5, "{fonts:?}");
    for font in fonts {
        let start = table
            .find(&format!(r#"<w:font w:name="{font}">"#))
            .unwrap_or_else(|| panic!("{}: {font} not in fontTable.xml", docx.display()));
        let entry = &table[start..start + table[start..].find("</w:font>").unwrap()];
        assert!(
            entry.contains("<w:panose1 ") && entry.contains("<w:family "),
            "{entry}"
        );
        if !font.is_ascii() {
            assert!(entry.contains("<w:altName "), "{entry}");
            assert!(entry.contains(r#"<w:charset w:val="86"/>"#), "{entry}");
        }
    }
    for name in names {
        let problems = misorders(&part(docx, &name));
        assert!(
            problems.is_empty(),
            "{} {name}: {problems:?}",
            docx.display()
        );
    }
}

/// The fonts `xml` names: `w:ascii`, `w:eastAsia` and `DrawingML` typefaces.
fn font_names(xml: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["w:ascii=\"", "w:eastAsia=\"", "typeface=\""] {
        for (at, _) in xml.match_indices(attribute) {
            let rest = &xml[at + attribute.len()..];
            let name = &rest[..rest.find('"').unwrap()];
            // `w:lang w:eastAsia="zh-CN"` names a language, not a font.
            if !name.contains('-') {
                found.push(name.to_string());
            }
        }
    }
    found
}

/// Every DOCX under `dir`, through the `openxml-audit` validator (`PyPI`;
/// `.ci/run` installs it): each must hold no error. How many were checked.
fn validate(dir: &Path) -> usize {
    let Some(audit) = required(
        &["openxml-audit"],
        "openxml-audit (pip install openxml-audit)",
    ) else {
        return usize::MAX;
    };
    let json = run(
        &audit,
        &[
            "--recursive",
            "--output",
            "json",
            "--max-errors",
            "0",
            dir.to_str().unwrap(),
        ],
    );
    let reports: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let invalid: Vec<String> = reports
        .iter()
        .filter(|r| r["error_count"] != 0 || r["valid"] != true)
        .map(|r| format!("{}: {}", r["file"], r["errors"]))
        .collect();
    assert!(invalid.is_empty(), "{}", invalid.join("\n"));
    reports.len()
}

#[test]
fn the_validator_sees_an_invalid_docx() {
    use std::io::Write;
    // The committed example with the attribute that made 37 errors once.
    let source = repo().join("examples/generated/2017.docx");
    let dir = tempfile::tempdir().unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&source).unwrap()).unwrap();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(dir.path().join("bad.docx")).unwrap());
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        if name == "word/document.xml" {
            let text = String::from_utf8(bytes).unwrap();
            bytes = text
                .replacen("<w:gridCol ", r#"<w:gridCol w:type="dxa" "#, 1)
                .into_bytes();
            assert_ne!(bytes, text.as_bytes(), "the example has a table");
        }
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
    let Some(audit) = required(
        &["openxml-audit"],
        "openxml-audit (pip install openxml-audit)",
    ) else {
        return;
    };
    let output = std::process::Command::new(audit)
        .args(["--output", "json"])
        .arg(dir.path().join("bad.docx"))
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&output.stdout);
    assert!(json.contains("gridCol") || json.contains("type"), "{json}");
    assert!(!json.contains(r#""error_count": 0"#), "{json}");
}

#[test]
fn every_docx_of_the_examples_and_fixtures_is_valid() {
    let out = tempfile::tempdir().unwrap();
    for fixture in ["good", "minimal", "genre", "injection"] {
        let project = Project::fixture(fixture);
        let target = out.path().join(fixture);
        project
            .report(&[
                "build",
                "--all",
                "--format",
                "docx",
                "--out",
                target.to_str().unwrap(),
            ])
            .success();
    }
    let checked = validate(out.path());
    let committed = validate(&repo().join("examples"));
    if checked != usize::MAX {
        assert!(
            checked >= 5 && committed >= 9,
            "{checked} + {committed} DOCX checked"
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
    let validated = validate(&project.path().join("out"));
    assert!(validated == 2 || validated == usize::MAX, "{validated}");
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
    // The 版记 stands in a table at the foot of the last page, after the
    // signature, with its rules as the table's borders (7.4.1).
    let formal = documents
        .iter()
        .find(|d| d.contains("抄送"))
        .expect("the 2025 report has a 版记");
    let record = formal
        .find(r#"w:tblpYSpec="bottom""#)
        .expect("a table at the page foot");
    assert!(
        formal.rfind(r#"w:val="Signature""#).unwrap() < record,
        "after the signature"
    );
    let table = &formal[record..record + formal[record..].find("</w:tbl>").unwrap()];
    for part in [
        "抄送：",
        "某区城市管理局办公室",
        "印发",
        r#"<w:top w:val="single" w:sz="8""#,
        r#"<w:insideH w:val="single" w:sz="6""#,
    ] {
        assert!(
            table.contains(part),
            "{part} missing from the 版记: {table}"
        );
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
