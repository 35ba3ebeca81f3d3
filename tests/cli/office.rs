//! Word and PDF: the DOCX's XML holds the GB/T 9704 layout, a real office
//! suite opens it, and the PDF printed from the HTML has the pages, figures
//! and page numbers. The office-suite and browser checks need `LibreOffice`,
//! Chromium and poppler-utils (installed by `.ci/run`); elsewhere they are
//! skipped with a message.
//!
//! Messages are asserted whole; the pages of `LibreOffice` and the browser
//! are searched for phrases, as their line ends depend on the fonts.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::support::{Project, contains, pdf_facts, repo, required, run};

pub(crate) fn part(docx: &Path, name: &str) -> String {
    let file = std::fs::File::open(docx).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// `docx` (a path in the project) converted to PDF by `LibreOffice`, in a
/// profile of the project's own and with `env` set; `None` where
/// `LibreOffice` is missing (see `required`).
fn libreoffice_pdf(project: &Project, docx: &str, env: &[(&str, &Path)]) -> Option<PathBuf> {
    let soffice = required(&["soffice", "libreoffice"], "libreoffice-writer-nogui")?;
    let out = project.path().join("lo");
    let mut command = std::process::Command::new(soffice);
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            project.path().join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(project.path().join(docx))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    Some(out.join(Path::new(docx).with_extension("pdf").file_name().unwrap()))
}

/// The bundled example built as a DOCX: the project (kept alive), the file
/// and its body.
fn example_docx() -> (Project, PathBuf, String) {
    let project = Project::example();
    project
        .report(&["build", "2017", "--format", "docx"])
        .success();
    let docx = project.path().join("out/2017.docx");
    let document = part(&docx, "word/document.xml");
    (project, docx, document)
}

#[test]
fn docx_holds_the_official_layout() {
    let (_project, docx, document) = example_docx();
    // A4 and the margins of GB/T 9704, in twips.
    assert!(
        document.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#),
        "{document}"
    );
    assert!(document.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1588""#));
    // Odd and even footers, with the page number as a PAGE field.
    assert!(document.contains(r#"<w:footerReference w:type="default""#));
    assert!(document.contains(r#"<w:footerReference w:type="even""#));
    assert!(part(&docx, "word/settings.xml").contains("evenAndOddHeaders"));
    let footer = part(&docx, "word/footer1.xml");
    assert!(
        footer.contains("<w:instrText>PAGE</w:instrText>") && footer.contains("— "),
        "{footer}"
    );
    assert!(footer.contains(r#"<w:jc w:val="right" />"#));
    assert!(part(&docx, "word/footer2.xml").contains(r#"<w:jc w:val="left" />"#));
    // Named styles with East Asian fonts and sizes.
    let styles = part(&docx, "word/styles.xml");
    for (style, font, size) in [
        ("Body", "仿宋_GB2312", "32"),
        ("DocTitle", "方正小标宋简体", "44"),
        ("Heading1", "黑体", "32"),
        ("Heading2", "楷体_GB2312", "32"),
        ("Heading3", "仿宋_GB2312", "32"),
        ("Heading4", "仿宋_GB2312", "32"),
    ] {
        let start = styles
            .find(&format!(r#"w:styleId="{style}""#))
            .unwrap_or_else(|| panic!("{style}"));
        let end = start + styles[start..].find("</w:style>").unwrap();
        let body = &styles[start..end];
        assert!(
            body.contains(&format!(r#"w:eastAsia="{font}""#)),
            "{style}: {body}"
        );
        assert!(
            body.contains(r#"w:ascii="Times New Roman""#),
            "{style}: {body}"
        );
        assert!(
            body.contains(&format!(r#"<w:sz w:val="{size}" />"#)),
            "{style}: {body}"
        );
    }
    assert!(
        styles
            .contains(r#"<w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact" />"#)
    );
    assert!(
        styles.contains(r#"w:eastAsia="zh-CN""#),
        "the text is declared Chinese"
    );
    // The same numbering and figures as the Markdown.
    let words = crate::support::docx_text(&document);
    for text in [
        "一、主要工作及成效",
        "（七）助力脱贫攻坚",
        "1.达成铁路沿线整治",
        "更换屋顶彩钢瓦面7200㎡",
        "完成目标任务的90%，未完成",
        "2017年12月28日",
    ] {
        assert!(words.contains(text), "{text} missing");
    }
    assert_eq!(
        document.matches("<c:chart ").count(),
        2,
        "the two charts as DrawingML charts"
    );
    // Each chart part carries its title, years and figures as text, so they
    // print in the document's fonts.
    let roof = part(&docx, "word/charts/chart1.xml");
    for text in ["更换屋顶彩钢瓦面", "2016年", "6500㎡", "7200㎡"] {
        assert!(roof.contains(text), "{text} missing from the chart");
    }
    insta::assert_snapshot!("example_2017_document_xml", document.replace("><", ">\n<"));
    // The styles and footers are the tool's own writing too.
    insta::assert_snapshot!("example_2017_styles_xml", styles.replace("><", ">\n<"));
    insta::assert_snapshot!("example_2017_footer1_xml", footer.replace("><", ">\n<"));
}

/// The package's own parts: no host byte in the zip, the title's break and
/// the line-breaking rules, File → Info.
#[test]
fn docx_package_is_the_same_everywhere_and_says_what_it_is() {
    let (_project, docx, document) = example_docx();
    // No byte of the host: every zip entry says it was made on Unix, as it
    // does when the DOCX is built on Windows (tests/wine/smoke.sh).
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    for index in 0..archive.len() {
        let entry = archive.by_index(index).unwrap();
        assert_eq!(
            entry.unix_mode(),
            Some(0o100_644),
            "{}",
            entry.name().unwrap()
        );
    }
    // The title breaks before 及, as the HTML's does (7.3.1); no line begins
    // with 年, 余 or a unit (the document's line-breaking rules, which Word
    // honours), and nothing invisible joins them.
    let title = &document[document.find(r#"w:val="DocTitle""#).unwrap()..];
    let title = &title[..title.find("</w:p>").unwrap()];
    assert!(
        title.contains(r#"<w:br w:type="textWrapping" /><w:t xml:space="preserve">及</w:t>"#),
        "{title}"
    );
    let settings = part(&docx, "word/settings.xml");
    let before = settings
        .split(r#"<w:noLineBreaksBefore w:lang="zh-CN" w:val=""#)
        .nth(1)
        .expect("line-breaking rules");
    let before = &before[..before.find('"').unwrap()];
    for follower in ["年", "余", "处", "㎡", "户", "株", "吨", "。", "，"] {
        assert!(
            before.contains(follower),
            "{follower} may begin a line: {before}"
        );
    }
    // File → Info: the report's title, topic and issuer, dated the 成文日期.
    let core = part(&docx, "docProps/core.xml");
    for field in [
        "<dc:title>2017年城乡环境综合治理工作总结及2018年工作计划</dc:title>",
        "<dc:subject>城乡环境综合治理</dc:subject>",
        "<dc:creator>通川区城乡环境综合治理工作领导小组办公室</dc:creator>",
        "<cp:lastModifiedBy>通川区城乡环境综合治理工作领导小组办公室</cp:lastModifiedBy>",
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2017-12-28T00:00:00Z</dcterms:created>"#,
        r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2017-12-28T00:00:00Z</dcterms:modified>"#,
    ] {
        assert!(core.contains(field), "{field} missing from {core}");
    }
}

#[test]
fn docx_is_deterministic_even_when_built_in_parallel() {
    // Four units, built by `--all` on as many threads as there are cores
    // (at least two: RAYON_NUM_THREADS), then each alone.
    let project = Project::copy_of(&repo().join("examples/city"));
    let units = ["dachuan", "dazhou", "kaijiang", "tongchuan"];
    let parallel = crate::support::report_command()
        .current_dir(project.path())
        .env("RAYON_NUM_THREADS", "4")
        .args(["build", "--all", "--out", "a", "--format", "docx"])
        .output()
        .unwrap();
    assert!(parallel.status.success(), "{parallel:?}");
    for unit in units {
        project
            .report(&[
                "build", "2017", "--unit", unit, "--out", "b", "--format", "docx",
            ])
            .success();
        let a = std::fs::read(project.path().join(format!("a/{unit}/2017.docx"))).unwrap();
        let b = std::fs::read(project.path().join(format!("b/{unit}/2017.docx"))).unwrap();
        assert!(
            a == b,
            "{unit}: the same DOCX bytes from a parallel and a single build"
        );
    }
}

// Proof that a real office suite reads the DOCX: LibreOffice converts it to
// an A4 PDF with the figures and page numbers in it.
#[test]
fn libreoffice_opens_the_docx() {
    if required(&["pdftotext"], "poppler-utils").is_none() {
        return;
    }
    let project = Project::example();
    project
        .report(&["build", "2017", "--format", "docx"])
        .success();
    let Some(pdf) = libreoffice_pdf(&project, "out/2017.docx", &[]) else {
        return;
    };
    let (info, text) = pdf_facts(&pdf);
    contains(&info, &["(A4)"]);
    for expected in [
        "主要工作及成效",
        "7200㎡",
        "122户",
        "完成目标任务的90%",
        "—1—",
        "—2—",
    ] {
        assert!(
            text.contains(expected),
            "{expected} missing from LibreOffice's PDF"
        );
    }
}

/// `LibreOffice` ignores the alternates a DOCX's font table declares and
/// asks fontconfig for the faces the styles name; with the project's
/// fontconfig file (`docs/fontconfig`, docs/printing.md) the title, the level-1
/// and level-2 headings and the body come out in four different faces on a
/// machine with the free fonts `.ci/run` installs.
#[test]
fn libreoffice_sets_four_faces_with_the_font_config() {
    let Some(pdffonts) = required(&["pdffonts"], "poppler-utils") else {
        return;
    };
    let project = Project::example();
    project
        .report(&["build", "2017", "--format", "docx"])
        .success();
    // The machine's configuration and the project's aliases, for this run only.
    let config = project.path().join("fonts.conf");
    std::fs::write(
        &config,
        format!(
            "<?xml version=\"1.0\"?><fontconfig><include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include><include>{}</include></fontconfig>",
            repo().join("docs/fontconfig/65-report-gongwen.conf").display()
        ),
    )
    .unwrap();
    let installed = std::process::Command::new("fc-list")
        .env("FONTCONFIG_FILE", &config)
        .args([":", "family"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let free_faces = [
        "AR PL SungtiL GB",
        "AR PL KaitiM GB",
        "Noto Sans CJK SC",
        "Noto Serif CJK SC",
    ];
    if let Some(missing) = free_faces.iter().find(|f| !installed.contains(*f)) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs the font {missing} (see .ci/run)"
        );
        eprintln!("skipped: needs the font {missing}");
        return;
    }
    let Some(pdf) = libreoffice_pdf(&project, "out/2017.docx", &[("FONTCONFIG_FILE", &config)])
    else {
        return;
    };
    let fonts = run(&pdffonts, &[pdf.to_str().unwrap()]);
    // Subset prefixes (`ABCDEF+`) and styles (`-Regular`) aside.
    let mut faces: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter_map(|line| line.split_whitespace().next())
        .map(|name| name.split_once('+').map_or(name, |(_, n)| n))
        .map(|name| name.split('-').next().unwrap_or(name))
        .filter(|name| !name.starts_with("Liberation") && !name.starts_with("TimesNewRoman"))
        .collect();
    faces.sort_unstable();
    faces.dedup();
    assert!(
        faces.len() >= 4,
        "four Chinese faces expected: {faces:?}\n{fonts}"
    );
}

/// The 版记 stands at the foot of the last page in `LibreOffice`'s layout
/// too: its 印发 line is the page's last, a line's height above the type
/// area's bottom edge (35 mm from the paper's), below the signature.
#[test]
fn libreoffice_sets_the_record_at_the_page_foot() {
    if required(&["pdftotext"], "poppler-utils").is_none() {
        return;
    }
    let project = Project::fixture("genre");
    project
        .report(&["build", "2025", "--format", "docx"])
        .success();
    let Some(pdf) = libreoffice_pdf(&project, "out/2025.docx", &[]) else {
        return;
    };
    let pages = crate::support::pdf_pages(&pdf);
    let last = pages.last().unwrap();
    let imprint = last.last().unwrap();
    assert!(
        imprint.text.ends_with("印发"),
        "{:?}",
        last.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
    // A4 is 841.9 pt high; the type area ends 35 mm (99.2 pt) above the edge.
    let bottom = 841.9 - 99.2;
    assert!(
        (bottom - 28.0..bottom).contains(&imprint.centre),
        "the 印发 line's centre at {} pt, the type area ends at {bottom} pt",
        imprint.centre
    );
    let signature = last
        .iter()
        .position(|l| l.text == "2025年12月20日")
        .unwrap();
    let copies = last
        .iter()
        .position(|l| l.text.starts_with("抄送"))
        .unwrap();
    assert!(signature < copies, "the 版记 comes after the signature");
    // Lines of running text lie well above it: the 版记 is not set inline.
    assert!(last[signature].centre < imprint.centre - 3.0 * 28.0);
}

#[test]
fn pdf_is_printed_by_the_browser() {
    if required(
        &["chromium", "chromium-browser", "google-chrome"],
        "chromium",
    )
    .is_none()
    {
        return;
    }
    let Some(_) = required(&["pdftotext"], "poppler-utils") else {
        return;
    };
    let project = Project::example();
    let output = project.report(&["build", "2017", "--format", "md,pdf", "--browser", "auto"]);
    output.success();
    contains(&output.stderr, &["out/2017.pdf"]);
    insta::assert_snapshot!(output.stderr);
    let pdf = project.path().join("out/2017.pdf");
    let (info, text) = pdf_facts(&pdf);
    contains(&info, &["(A4)"]);
    for expected in ["7200㎡", "122户", "2万余㎡", "—1—", "—3—"] {
        assert!(text.contains(expected), "{expected} missing from the PDF");
    }
    // The print time is not in the file: the same inputs give the same bytes.
    let first = std::fs::read(&pdf).unwrap();
    project
        .report(&[
            "build",
            "2017",
            "--format",
            "pdf",
            "--out",
            "again",
            "--browser",
            "auto",
        ])
        .success();
    assert!(first == std::fs::read(project.path().join("again/2017.pdf")).unwrap());
}

// Without a browser anywhere (an empty PATH), the tool sets the PDF itself:
// A4, PDF/A-2b, the report's title and issuer in its metadata, its text
// searchable, and the same bytes every time.
#[test]
fn pdf_is_set_without_a_browser() {
    let Some(_) = required(&["pdftotext"], "poppler-utils") else {
        return;
    };
    let project = Project::example();
    let build = |out: &str| {
        let output = crate::support::report_command()
            .current_dir(project.path())
            .env("PATH", "")
            .args(["build", "2017", "--format", "pdf", "--out", out])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        std::fs::read(project.path().join(out).join("2017.pdf")).unwrap()
    };
    let first = build("out");
    assert!(
        first == build("again"),
        "the same inputs give the same bytes"
    );
    let pdf = project.path().join("out/2017.pdf");
    let (info, text) = pdf_facts(&pdf);
    contains(
        &info,
        &[
            "(A4)",
            "Title:           2017年城乡环境综合治理工作总结及2018年工作计划",
            "Author:          通川区城乡环境综合治理工作领导小组办公室",
        ],
    );
    for expected in ["7200㎡", "122户", "2万余㎡", "—1—", "—6—"] {
        assert!(text.contains(expected), "{expected} missing from the PDF");
    }
    let raw = String::from_utf8_lossy(&first);
    contains(&raw, &["pdfaid:part>2<", "pdfaid:conformance>B<"]);
    // Tagged: the title, the headings by level, paragraphs, tables (their
    // caption, rows, head and data cells) and the charts (with their text
    // alternative) as structure.
    contains(&info, &["Tagged:          yes"]);
    for tag in [
        "/S/Title",
        "/S/H1",
        "/S/H2",
        "/S/H3",
        "/S/P",
        "/S/Table",
        "/S/TR",
        "/S/TH",
        "/S/TD",
        "/S/Caption",
        "/S/Figure/P",
    ] {
        assert!(raw.contains(tag), "{tag} missing from the structure");
    }
}

// No browser: a clear error naming what to install, and the other formats
// are still written.
#[test]
fn no_browser_still_builds_the_other_formats() {
    let project = Project::example();
    let output = project.report(&[
        "build",
        "2017",
        "--format",
        "md,html,pdf",
        "--browser",
        "/no/such/chrome",
    ]);
    output.failure(2);
    contains(&output.stderr, &["无法生成 PDF", "Microsoft Edge"]);
    insta::assert_snapshot!(output.stderr);
    assert!(project.exists("out/2017.md") && project.exists("out/2017.html"));
    assert!(!project.exists("out/2017.pdf"));
}

// A project that makes PDFs hears from `check` which faces stand in for the
// standard's on this machine, all in one warning.
#[test]
fn check_names_the_faces_standing_in() {
    let project = Project::example();
    project.write("report.yaml", "formats: [md, pdf]\n");
    let output = project.report(&["check", "2017", "--message-format", "json"]);
    let stand_ins: Vec<&str> = output
        .stdout
        .lines()
        .filter(|l| l.contains("\"code\":\"stand-in-face\""))
        .collect();
    let official = std::process::Command::new("fc-list")
        .arg(":family")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("仿宋_GB2312"));
    if official {
        return;
    }
    assert_eq!(stand_ins.len(), 1, "{}", output.stdout);
    for standard in [
        "仿宋_GB2312",
        "楷体_GB2312",
        "黑体",
        "方正小标宋简体",
        "宋体",
        "Times New Roman",
    ] {
        assert!(
            stand_ins[0].contains(standard),
            "{standard}: {}",
            stand_ins[0]
        );
    }
    // Without PDF in the formats, nothing is said of faces.
    project.write("report.yaml", "formats: [md]\n");
    let output = project.report(&["check", "2017", "--message-format", "json"]);
    assert!(
        !output.stdout.contains("stand-in-face"),
        "{}",
        output.stdout
    );
}

// Text no line can hold (a Latin run wider than the 版心, in the title and
// the body) and characters no face has (emoji) still set: the run is cut
// where it must, the centred title keeps its natural spacing, nothing fails.
#[test]
fn pathological_text_still_sets() {
    let Some(_) = required(&["pdftotext"], "poppler-utils") else {
        return;
    };
    let project = Project::example();
    let data = project.read("data/2017.yaml").replace(
        "topic: 城乡环境综合治理",
        &format!("topic: \"城乡环境综合治理{}😀\"", "A".repeat(120)),
    );
    let data = data.replacen(
        "intro: |\n",
        &format!("intro: |\n  {} 😀🀄 𠀀\n\n", "Abcdefghij".repeat(40)),
        1,
    );
    project.write("data/2017.yaml", &data);
    project
        .report(&["build", "2017", "--format", "pdf"])
        .success();
    let pdf = project.path().join("out/2017.pdf");
    let lines = crate::support::pdf_lines(&pdf);
    let title = lines[0]
        .iter()
        .find(|l| l.text.starts_with("2017年城乡环境综合治理"))
        .expect("the title's first line");
    // 12 characters of 22 pt, centred: not spread across the 版心 (442 pt).
    assert!(title.right - title.left < 300.0, "{title:?}");
}

// A title that fits one line of 二号 (20 characters) is one line in the
// PDF and the DOCX alike; a longer one breaks between its phrases in both
// (the example's, above). The rule is one function (render/page.rs).
#[test]
fn a_short_title_is_one_line_in_every_format() {
    let Some(_) = required(&["pdftotext"], "poppler-utils") else {
        return;
    };
    let project = Project::example();
    let data = project.read("data/2017.yaml").replacen(
        "# title: …",
        "title: 2017年工作总结及2018年工作计划\n# title: …",
        1,
    );
    project.write("data/2017.yaml", &data);
    project
        .report(&["build", "2017", "--format", "pdf,docx"])
        .success();
    let lines = crate::support::pdf_lines(&project.path().join("out/2017.pdf"));
    assert_eq!(lines[0][0].text, "2017年工作总结及2018年工作计划");
    let document = part(&project.path().join("out/2017.docx"), "word/document.xml");
    let title = &document[document.find(r#"w:val="DocTitle""#).unwrap()..];
    let title = &title[..title.find("</w:p>").unwrap()];
    assert!(!title.contains("<w:br"), "{title}");
}

// A character no face on the machine has would be left out of the PDF:
// build and check say so, once, at the place it was typed. U+17000 (a
// Tangut character) is in no face a test machine is likely to have; where
// fontconfig finds one, there is nothing to say and the test says why.
#[test]
fn a_character_no_face_has_is_named_where_it_was_typed() {
    let Some(fc_list) = required(&["fc-list"], "fontconfig") else {
        return;
    };
    if !run(&fc_list, &[":charset=17000"]).trim().is_empty() {
        eprintln!("skipped: this machine has a face with U+17000");
        return;
    }
    let project = Project::example();
    let data = project.read("data/2017.yaml").replacen(
        "# title: …",
        "title: 2017年工作总结𗀀及2018年工作计划\n# title: …",
        1,
    );
    project.write("data/2017.yaml", &data);
    let output = project.report(&[
        "build",
        "2017",
        "--format",
        "pdf",
        "--message-format",
        "short",
    ]);
    output.success();
    let told: Vec<&str> = output
        .stderr
        .lines()
        .filter(|l| l.contains("U+17000"))
        .collect();
    assert_eq!(
        told,
        [
            "data/2017.yaml:14:17: 警告: PDF 里印不出“𗀀”（U+17000）：这台电脑上的字体都没有这个字，那里会空着（提示：换成常用的字或文字说明；或装一个有这个字的字体（见 docs/printing.md））"
        ],
        "{}",
        output.stderr
    );
    // Without PDF among the formats there is nothing to say.
    let output = project.report(&["check", "2017", "--message-format", "short"]);
    assert!(!output.stderr.contains("U+17000"), "{}", output.stderr);
}

// A table's structure has every cell of every row, empty ones too, so a
// screen reader keeps its place across the columns; the head's cells are
// column headers.
#[test]
fn pdf_tables_are_tagged_cell_by_cell() {
    let Some(pdfinfo) = required(&["pdfinfo"], "poppler-utils") else {
        return;
    };
    let project = Project::example();
    // A table with an empty cell, after the report's own.
    let template = format!(
        "{}\n| 指标 | 数值 | 说明 |\n| --- | ---: | --- |\n| 甲 |  | 乙 |\n| 丙 | 1 | 丁 |\n",
        std::fs::read_to_string(repo().join("templates/report.md")).unwrap()
    );
    project.write("templates/report.md", &template);
    project
        .report(&["build", "2017", "--format", "pdf"])
        .success();
    let tree = run(
        &pdfinfo,
        &[
            "-struct",
            project.path().join("out/2017.pdf").to_str().unwrap(),
        ],
    );
    // Each table's rows, as the number of cells in each.
    let mut tables: Vec<Vec<usize>> = Vec::new();
    for line in tree.lines() {
        match line.trim_start() {
            t if t.starts_with("Table") => tables.push(Vec::new()),
            "TR" => tables.last_mut().unwrap().push(0),
            t if t == "TD" || t.starts_with("TH") => {
                *tables.last_mut().unwrap().last_mut().unwrap() += 1;
            }
            _ => {}
        }
    }
    assert!(tables.len() >= 3, "{tree}");
    for rows in &tables {
        assert!(
            rows.len() >= 2 && rows.iter().all(|&n| n == rows[0] && n >= 3),
            "{rows:?}"
        );
    }
    assert_eq!(
        tables.last(),
        Some(&vec![3, 3, 3]),
        "the added table, its empty cell too"
    );
    assert!(tree.contains("/Scope /Column"), "{tree}");
}
