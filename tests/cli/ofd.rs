//! OFD (GB/T 33190): every example builds one from the same pages as its
//! PDF. The package holds the parts a reader looks for, each face it draws
//! with embedded with a glyph for every character drawn in it, the same
//! bytes every time; and an independent reader (easyofd, on `PyPI`) finds the
//! same pages, with the same lines, as poppler finds in the PDF.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use crate::pages::{examples, files};
use crate::support::{Project, pdf_lines, repo, required, run};

/// Every entry of the package, by name.
fn package(ofd: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(ofd).unwrap()).unwrap();
    let mut entries = BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.insert(entry.name().unwrap().to_string(), bytes);
    }
    entries
}

/// The value of `name="…"` in `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Each text object of a page's content: its font's ID and its text.
fn texts(content: &str) -> Vec<(String, String)> {
    content
        .split("<ofd:TextObject ")
        .skip(1)
        .map(|object| {
            let font = attribute(&format!(" {object}"), "Font")
                .unwrap()
                .to_string();
            let code = &object[object.find("<ofd:TextCode").unwrap()..];
            let text = &code[code.find('>').unwrap() + 1..code.find("</ofd:TextCode>").unwrap()];
            (font, unescape(text))
        })
        .collect()
}

/// A page's lines as poppler reads them from the PDF: text without spaces,
/// top to bottom.
fn pdf_page_lines(pdf: &Path) -> Vec<Vec<String>> {
    pdf_lines(pdf)
        .into_iter()
        .map(|page| page.into_iter().map(|line| line.text).collect())
        .collect()
}

#[test]
fn every_example_has_an_ofd_with_its_faces_and_the_pdfs_text() {
    if required(&["pdftotext"], "poppler-utils").is_none() {
        return;
    }
    let mut checked = 0;
    let built = examples(None);
    let mut packages = Vec::new();
    for (root, out) in &built {
        // `examples` builds md, docx and pdf; the OFD beside them.
        let project = if *root == repo() {
            Project::example()
        } else {
            Project::copy_of(root)
        };
        project
            .report(&[
                "build",
                "--all",
                "--format",
                "ofd",
                "--out",
                out.path().to_str().unwrap(),
            ])
            .success();
        for ofd in files(out.path(), "ofd") {
            check_package(&format!("{} {}", root.display(), ofd.display()), &ofd);
            checked += 1;
            packages.push(ofd);
        }
    }
    assert!(checked >= 12, "checked {checked} OFDs");
    // What a reader that is not ours finds, where one is installed.
    if easyofd() {
        for ofd in &packages {
            assert_eq!(
                reader_lines(ofd),
                pdf_page_lines(&ofd.with_extension("pdf")),
                "{}: easyofd's lines are not poppler's in the PDF",
                ofd.display()
            );
        }
    }
    validate(&packages);
}

/// The XML parts of `packages` against GB/T 33190's schemas, where they
/// are at hand (`OFD_SCHEMAS`, or `target/ofd-schema`, which CI tries to
/// fetch).
fn validate(packages: &[std::path::PathBuf]) {
    let schemas = std::env::var_os("OFD_SCHEMAS").map_or_else(
        || repo().join("target/ofd-schema"),
        std::path::PathBuf::from,
    );
    if schemas.join("Page.xsd").is_file() {
        let mut args = vec![
            repo()
                .join("tests/ofd/validate.py")
                .to_str()
                .unwrap()
                .to_string(),
            schemas.to_str().unwrap().to_string(),
        ];
        args.extend(packages.iter().map(|p| p.to_str().unwrap().to_string()));
        let output = std::process::Command::new("python3")
            .args(&args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    } else {
        eprintln!(
            "skipped: no OFD schemas at {} (set OFD_SCHEMAS)",
            schemas.display()
        );
    }
}

/// One OFD against the PDF beside it: its parts, its metadata, each face
/// embedded with a glyph for every character drawn in it, and the PDF's
/// pages and characters.
fn check_package(place: &str, ofd: &Path) {
    let entries = package(ofd);
    for part in ["OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml"] {
        assert!(entries.contains_key(part), "{place}: no {part}");
    }
    let entry = String::from_utf8(entries["OFD.xml"].clone()).unwrap();
    for element in [
        "<ofd:DocID>",
        "<ofd:Title>",
        "<ofd:Author>",
        "<ofd:CreationDate>",
    ] {
        assert!(entry.contains(element), "{place}: OFD.xml lacks {element}");
    }
    // Each face embedded, found by its ID.
    let resources = String::from_utf8(entries["Doc_0/PublicRes.xml"].clone()).unwrap();
    let mut faces = BTreeMap::new();
    for font in resources.split("<ofd:Font ").skip(1) {
        let id = attribute(&format!(" {font}"), "ID").unwrap().to_string();
        let file =
            &font[font.find("<ofd:FontFile>").unwrap() + 14..font.find("</ofd:FontFile>").unwrap()];
        let bytes = entries
            .get(&format!("Doc_0/Res/{file}"))
            .unwrap_or_else(|| panic!("{place}: {file} is not in the package"));
        faces.insert(id, bytes.clone());
    }
    // Pages: as many as the PDF's, and the same text on each.
    let pdf = ofd.with_extension("pdf");
    let pdf_pages = pdf_page_lines(&pdf);
    let contents: Vec<String> = (0..)
        .map_while(|n| entries.get(&format!("Doc_0/Pages/Page_{n}/Content.xml")))
        .map(|bytes| String::from_utf8(bytes.clone()).unwrap())
        .collect();
    assert_eq!(contents.len(), pdf_pages.len(), "{place}: pages");
    for (number, (content, lines)) in contents.iter().zip(&pdf_pages).enumerate() {
        let objects = texts(content);
        for (font, text) in &objects {
            let face = ttf_parser::Face::parse(&faces[font], 0).unwrap();
            for ch in text.chars() {
                assert!(
                    face.glyph_index(ch).is_some_and(|g| g.0 != 0),
                    "{place} page {}: “{ch}” has no glyph in embedded font {font}",
                    number + 1
                );
            }
        }
        let mut ofd_text: Vec<char> = objects
            .iter()
            .flat_map(|(_, t)| t.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut pdf_text: Vec<char> = lines
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        ofd_text.sort_unstable();
        pdf_text.sort_unstable();
        assert!(
            ofd_text == pdf_text,
            "{place} page {}: the OFD's characters are not the PDF's",
            number + 1
        );
    }
}

fn easyofd() -> bool {
    crate::support::python_module("easyofd")
}

/// The lines easyofd finds on each page: its text objects grouped by
/// baseline as poppler groups the PDF's words (within 6 pt, about 2 mm),
/// left to right, spaces left out.
fn reader_lines(ofd: &Path) -> Vec<Vec<String>> {
    let json = run(
        Path::new("python3"),
        &[
            repo().join("tests/ofd/read.py").to_str().unwrap(),
            ofd.to_str().unwrap(),
        ],
    );
    let pages: Vec<Vec<serde_json::Value>> = serde_json::from_str(&json).unwrap();
    pages
        .iter()
        .map(|objects| {
            let mut sorted: Vec<(f64, f64, String)> = objects
                .iter()
                .map(|o| {
                    (
                        o["y"].as_f64().unwrap(),
                        o["x"].as_f64().unwrap(),
                        o["text"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let mut rows: Vec<(f64, Vec<(f64, String)>)> = Vec::new();
            for (y, x, text) in sorted {
                match rows.last_mut() {
                    Some((at, row)) if (y - *at).abs() < 2.1 => row.push((x, text)),
                    _ => rows.push((y, vec![(x, text)])),
                }
            }
            rows.into_iter()
                .map(|(_, mut row)| {
                    row.sort_by(|a, b| a.0.total_cmp(&b.0));
                    row.into_iter()
                        .map(|(_, t)| t)
                        .collect::<String>()
                        .replace(' ', "")
                })
                .collect()
        })
        .collect()
}

/// The same report gives the same bytes, and a reader that is not ours
/// finds the PDF's lines on the OFD's pages (checked for every example
/// above too; here it runs on its own, and fails in CI without the reader).
#[test]
fn an_independent_reader_finds_the_pdfs_lines() {
    if required(&["pdftotext"], "poppler-utils").is_none() {
        return;
    }
    let project = Project::example();
    project
        .report(&["build", "2017", "--format", "pdf,ofd"])
        .success();
    let first = std::fs::read(project.path().join("out/2017.ofd")).unwrap();
    project
        .report(&["build", "2017", "--format", "ofd", "--out", "again"])
        .success();
    assert!(
        first == std::fs::read(project.path().join("again/2017.ofd")).unwrap(),
        "same bytes"
    );
    // An independent reader opens it and finds the PDF's lines.
    if easyofd() {
        assert_eq!(
            reader_lines(&project.path().join("out/2017.ofd")),
            pdf_page_lines(&project.path().join("out/2017.pdf"))
        );
    }
}

/// The 版头 of a report that has one: the 发文机关标志 and the rule under
/// the 发文字号 in red, as in the PDF.
#[test]
fn the_masthead_is_red() {
    let project = Project::fixture("genre");
    project
        .report(&["build", "2025", "--format", "ofd"])
        .success();
    let entries = package(&project.path().join("out/2025.ofd"));
    let first = String::from_utf8(entries["Doc_0/Pages/Page_0/Content.xml"].clone()).unwrap();
    let red: Vec<&str> = first
        .split("<ofd:")
        .filter(|element| element.contains("Value=\"255 0 0\""))
        .collect();
    // The organ's name (filled, and stroked as it is bold) and the rule.
    assert_eq!(red.len(), 3, "{red:?}");
    let organ = first.find("某区城市管理局文件").unwrap();
    let before = &first[..organ];
    let object = &before[before.rfind("<ofd:TextObject").unwrap()..];
    assert!(object.contains("FillColor Value=\"255 0 0\""), "{object}");
}
