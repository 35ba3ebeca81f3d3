//! `report import`: the seed into the bundled example, every example's Word
//! file back into the same report, the genre examples as plain text, and
//! files that are not reports refused with nothing written.
//!
//! Messages and the seed's import are asserted whole; the other tests look
//! for the phrases of the built report they are about.

use std::fs;
use std::path::Path;

use crate::support::{Project, contains, repo};

/// The original of the bundled example, as it was published.
fn seed() -> String {
    fs::read_to_string(repo().join("examples/import/seed-2017.txt")).unwrap()
}

/// What a clerk does after an import of a report with no 落款: fill in the
/// two 待填 the import left.
fn fill_signature(project: &Project, data_file: &str) {
    let text = project.read(data_file);
    let year = data_file
        .trim_start_matches("data/")
        .trim_end_matches(".yaml");
    let filled: Vec<String> = text
        .lines()
        .map(|line| {
            if line.starts_with("issuer: 待填") {
                "issuer: 通川区城乡环境综合治理工作领导小组办公室".to_string()
            } else if line.starts_with("date: 待填") {
                format!("date: {year}-12-28")
            } else {
                line.to_string()
            }
        })
        .collect();
    project.write(data_file, &(filled.join("\n") + "\n"));
}

/// The headings of a built Markdown report, numbered as printed; a run-in
/// heading is its bold lead.
fn headings(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter_map(|line| {
            if line.starts_with('#') {
                Some(line.trim_start_matches('#').trim().to_string())
            } else if let Some(rest) = line.strip_prefix("**") {
                rest.split("**").next().map(str::to_string)
            } else {
                None
            }
        })
        .collect()
}

/// The lines of a built report that are its prose: no tables, table
/// captions, charts or marker comments (the tables and charts the tool makes
/// from last year's data are not the report's own words).
fn prose(markdown: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut caption = false;
    for line in markdown.lines() {
        let skip = std::mem::take(&mut caption);
        if line.starts_with("<!-- 表题") {
            caption = true;
            continue;
        }
        let markup = line.is_empty()
            || line.starts_with('|')
            || line.starts_with("![")
            || line.starts_with("<!--");
        if !skip && !markup {
            out.push(line);
        }
    }
    out
}

/// The figures of a report's prose, sorted: every number with what follows
/// it, leaving out years and dates.
fn figures(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in prose(markdown) {
        let chars: Vec<char> = line.chars().collect();
        let mut index = 0;
        while index < chars.len() {
            if !chars[index].is_ascii_digit() {
                index += 1;
                continue;
            }
            let start = index;
            while index < chars.len() && (chars[index].is_ascii_digit() || chars[index] == '.') {
                index += 1;
            }
            while index < chars.len() && "万亿萬億余餘".contains(chars[index]) {
                index += 1;
            }
            let next = chars.get(index).copied().unwrap_or(' ');
            if "年月日".contains(next) {
                continue;
            }
            let figure: String = chars[start..index]
                .iter()
                .chain(std::iter::once(&next))
                .collect();
            out.push(figure);
        }
    }
    out.sort();
    out
}

/// Imports `source` into an empty project, fills a missing 落款, builds the
/// Markdown and returns it with the data file's text.
fn import_and_build(source: &Path, year: &str) -> (String, String) {
    let project = Project::empty();
    let name = source.file_name().unwrap().to_str().unwrap();
    project.write(name, "");
    fs::copy(source, project.path().join(name)).unwrap();
    let output = project.report(&["import", name, "--year", year]);
    output.success();
    let data_file = format!("data/{year}.yaml");
    fill_signature(&project, &data_file);
    project.report(&["build", year, "--format", "md"]).success();
    (
        project.read(&format!("out/{year}.md")),
        project.read(&data_file),
    )
}

// The first test: the seed, imported, builds into a report with the
// bundled example's headings and figures, every figure a metric, and none
// of the seed's defects.
#[test]
fn the_seed_imports_into_the_bundled_example() {
    let project = Project::empty();
    project.write("原稿.txt", &seed());
    let output = project.report(&["import", "原稿.txt"]);
    output.success();
    contains(
        &output.stderr,
        &[
            "原稿.txt:3:1",                       // the stray 来 (D18)
            "缺少“一、”部分标题",                 // D2
            "这里是“2.”，按顺序应是“1.”",         // D4
            "部分标题“创新做法”与正文接在一起",   // D6
            "原稿缺少“三、”部分标题",             // D7
            "这里是“（三）”，按顺序应是“（二）”", // D8
            "这里是“（二）”，按顺序应是“（一）”", // D9
            "这里是“（四）”，按顺序应是“（二）”", // D10
            "原稿的数字缺失：印作“00㎡”",         // D11
            "“一是”在同一节里重新开始",           // D25
            "原稿没有署名或成文日期",             // D19
        ],
    );
    contains(
        &output.stderr,
        &["已导入 data/2017.yaml：4 个部分", "9 个指标"],
    );
    let data = project.read("data/2017.yaml");
    insta::assert_snapshot!("seed_import", data);

    // Every figure of the text is a reference: outside the metrics, no
    // digit is left but in {keys} and years.
    let intro = data.split("\nintro:").nth(1).unwrap();
    let body = intro.split("\nmetrics:").next().unwrap().to_string()
        + data.split("\nparts:").nth(1).unwrap();
    for line in body.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let mut rest = line.to_string();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
            rest.replace_range(open..close, "");
        }
        let rest = rest.replace("2017年", "").replace("2018年", "");
        assert!(
            !rest.chars().any(|c| c.is_ascii_digit()),
            "a figure left in the text: {line}"
        );
    }

    fill_signature(&project, "data/2017.yaml");
    let check = project.report(&["check", "2017"]);
    assert_eq!(
        check.stderr.matches("警告: 待核对：").count(),
        4,
        "{}",
        check.stderr
    );
    project
        .report(&["build", "2017", "--format", "md"])
        .success();
    let imported = project.read("out/2017.md");
    let bundled = fs::read_to_string(repo().join("examples/generated/2017.md")).unwrap();
    assert_eq!(headings(&imported), headings(&bundled));
    assert_eq!(figures(&imported), figures(&bundled));
    // The defects are gone: no broken figure, no half-width punctuation in
    // the text, no 顿号 between quotes, （试行） inside the title.
    for defect in [
        "外墙00㎡",
        ",",
        ";",
        ":",
        "(",
        "”、“",
        "》、《",
        "》（试行）",
        "今年",
    ] {
        assert!(
            !imported.contains(defect),
            "{defect} in the imported report"
        );
    }
    contains(
        &imported,
        &[
            "问责办法（试行）》",
            "## 三、存在的问题",
            "**（二）市民素质仍需提高**",
        ],
    );
}

// The round trip: the Word file `report build` wrote for each
// example imports back to a data file whose report has the same headings
// and figures.
#[test]
fn every_example_docx_imports_back_to_the_same_report() {
    let mut checked = 0;
    let mut docx = Vec::new();
    let examples = repo().join("examples");
    let mut folders = vec![examples.join("generated")];
    // Projects that commit no outputs are built first, into a copy.
    let mut built = Vec::new();
    for entry in fs::read_dir(&examples).unwrap().flatten() {
        let generated = entry.path().join("generated");
        if entry.path().join("data").is_dir() && !generated.is_dir() {
            let project = Project::copy_of(&entry.path());
            project
                .report(&["build", "--all", "--format", "md,docx", "--out", "built"])
                .success();
            folders.push(project.path().join("built"));
            built.push(project);
        }
        if generated.is_dir() {
            folders.push(generated.clone());
            for unit in fs::read_dir(&generated).unwrap().flatten() {
                if unit.path().is_dir() {
                    folders.push(unit.path());
                }
            }
        }
    }
    for folder in folders {
        for entry in fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "docx") {
                docx.push(path);
            }
        }
    }
    docx.sort();
    for path in docx {
        let year = path.file_stem().unwrap().to_str().unwrap().to_string();
        let (imported, _) = import_and_build(&path, &year);
        let original = fs::read_to_string(path.with_extension("md")).unwrap();
        assert_eq!(
            headings(&imported),
            headings(&original),
            "{}",
            path.display()
        );
        assert_eq!(figures(&imported), figures(&original), "{}", path.display());
        checked += 1;
    }
    assert!(
        checked >= 11,
        "expected every example's DOCX, found {checked}"
    );
}

/// A built report as a clerk's plain text: one paragraph a line, no markup.
fn as_text(markdown: &str) -> String {
    let mut out = String::new();
    for line in prose(markdown) {
        let line = line.trim_start_matches('#').trim().replace("**", "");
        out.push_str(line.trim_end_matches('\\'));
        out.push('\n');
    }
    out
}

// The genre examples (a bureau's report with 主送机关, a county's with 万
// figures, a half-year summary with rates and completion, a report in
// traditional script), typed as plain text, import and build with the same
// figures; where the text keeps the numbering, the same headings too.
#[test]
fn genre_examples_import_from_plain_text() {
    for (example, year, numbered) in [
        ("bureau", "2025", true),
        ("county", "2023", true),
        ("sanitation", "2024", true),
        ("traditional", "2017", false),
    ] {
        let markdown =
            fs::read_to_string(repo().join(format!("examples/{example}/generated/{year}.md")))
                .unwrap();
        let folder = tempfile::tempdir().unwrap();
        let text = folder.path().join(format!("{example}.txt"));
        fs::write(&text, as_text(&markdown)).unwrap();
        let (imported, data) = import_and_build(&text, year);
        assert_eq!(figures(&imported), figures(&markdown), "{example}");
        if numbered {
            assert_eq!(headings(&imported), headings(&markdown), "{example}");
        }
        if example == "bureau" {
            contains(&data, &["addressee: 县委、县政府", "scale: 万"]);
        }
        if example == "traditional" {
            contains(&data, &["script: traditional", "approx: 餘"]);
        }
        if example == "sanitation" {
            contains(&data, &[".completion}", "approx: 约"]);
        }
    }
}

// Import never overwrites: a second import of the same year is refused and
// the first file stays as it was.
// A brace in the data file is a metric reference; an old report's braces
// come in full-width, as Chinese text writes them, and the report builds.
#[test]
fn braces_in_an_old_report_import_as_text() {
    let project = Project::empty();
    project.write(
        "旧.txt",
        "2017年某某工作总结\n\n一、主要工作\n（一）整治{重点}区域\n完成整治40处，详见{附表}。\n二、存在的问题\n问题尚多。\n三、2018年工作计划\n继续推进。\n\n某某办公室\n2017年12月28日\n",
    );
    project.report(&["import", "旧.txt"]).success();
    project
        .report(&["build", "2017", "--format", "md"])
        .success();
    contains(
        &project.read("out/2017.md"),
        &["（一）整治｛重点｝区域", "完成整治40处，详见｛附表｝。"],
    );
}

#[test]
fn import_never_overwrites() {
    let project = Project::empty();
    project.write("原稿.txt", &seed());
    project.report(&["import", "原稿.txt"]).success();
    let first = project.read("data/2017.yaml");
    let again = project.report(&["import", "原稿.txt"]);
    again.failure(2);
    contains(&again.stderr, &["`data/2017.yaml` 已经存在", "不覆盖"]);
    assert_eq!(project.read("data/2017.yaml"), first);
}

// A unit's import goes to its folder, with the schema two folders up; a
// unit that names a path is refused.
#[test]
fn import_into_a_unit() {
    let project = Project::empty();
    project.write("原稿.txt", &seed());
    project
        .report(&["import", "原稿.txt", "--unit", "tongchuan"])
        .success();
    let data = project.read("data/tongchuan/2017.yaml");
    assert!(
        data.starts_with("# yaml-language-server: $schema=../../report.schema.json"),
        "{data}"
    );
    assert!(project.exists("report.schema.json"));
    let refused = project.report(&[
        "import",
        "原稿.txt",
        "--unit",
        "../elsewhere",
        "--year",
        "2018",
    ]);
    refused.failure(2);
    contains(&refused.stderr, &["不能用作文件夹名"]);
    insta::assert_snapshot!(refused.stderr);
}

// The year comes from the title, or from --year; neither is an error that
// says what to type.
#[test]
fn the_year_comes_from_the_title_or_is_asked_for() {
    let project = Project::empty();
    project.write(
        "旧稿.txt",
        "城市管理工作总结\n一、主要工作\n全年清理垃圾8吨。\n",
    );
    let output = project.report(&["import", "旧稿.txt"]);
    output.failure(2);
    contains(&output.stderr, &["看不出是哪一年", "--year"]);
    insta::assert_snapshot!(output.stderr);
    assert!(!project.exists("data"));
    project
        .report(&["import", "旧稿.txt", "--year", "2019"])
        .success();
    contains(
        &project.read("data/2019.yaml"),
        &["topic: 城市管理", "label: 清理垃圾"],
    );
}

// Files that are not reports get a clear error and nothing is written.
#[test]
fn hostile_files_are_refused_with_nothing_written() {
    let project = Project::empty();
    // A zip bomb: 20 MB of spaces in word/document.xml, a few KB packed.
    let bomb = project.path().join("bomb.docx");
    {
        use std::io::Write as _;
        let mut zip = zip::ZipWriter::new(fs::File::create(&bomb).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..20 {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(fs::metadata(&bomb).unwrap().len() < 200_000);
    // A .docx that is no zip, a renamed .doc, a 50 MB document, GBK text.
    project.write("fake.docx", "这不是 Word 文件");
    fs::write(
        project.path().join("old.docx"),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    )
    .unwrap();
    fs::File::create(project.path().join("huge.docx"))
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    fs::write(
        project.path().join("gbk.txt"),
        b"2017\xc4\xea\xb9\xa4\xd7\xf7\xd7\xdc\xbd\xe1\n",
    )
    .unwrap();
    project.write("notes.pdf", "%PDF-1.4");
    // Six thousand different figures: no report holds so many.
    let many = (1..=6000).fold(String::new(), |mut text, n| {
        use std::fmt::Write as _;
        let _ = write!(text, "清理{n}处，");
        text
    });
    project.write("many.txt", &format!("2017年工作总结\n{many}\n"));
    for (file, says) in [
        ("bomb.docx", "解压后超过"),
        ("fake.docx", "不是 Word（.docx）文件"),
        ("old.docx", "旧版 Word（.doc）"),
        ("huge.docx", "超过了导入的上限"),
        ("gbk.txt", "GBK 编码"),
        ("notes.pdf", "不认识"),
        ("many.txt", "一份报告不会有这么多"),
        ("missing.txt", "missing.txt"),
    ] {
        let output = project.report(&["import", file, "--year", "2017"]);
        output.failure(2);
        contains(&output.stderr, &[says]);
        insta::assert_snapshot!(output.stderr);
        assert!(
            !project.exists("data/2017.yaml"),
            "{file} wrote a data file"
        );
    }
}

// Markdown reads through the same document tree the renderers use: the
// bundled report's own Markdown imports with its 落款 and headings.
#[test]
fn markdown_imports_with_its_signature() {
    let (imported, data) = import_and_build(&repo().join("examples/generated/2017.md"), "2017");
    contains(
        &data,
        &[
            "issuer: 通川区城乡环境综合治理工作领导小组办公室",
            "date: 2017-12-28",
        ],
    );
    let bundled = fs::read_to_string(repo().join("examples/generated/2017.md")).unwrap();
    assert_eq!(headings(&imported), headings(&bundled));
    assert_eq!(figures(&imported), figures(&bundled));
}

// A formal copy's frame comes back from its Word file: 版头, 主送机关,
// 附件说明, 落款 and 版记, and points laid out as paragraphs stay so.
#[test]
fn the_frame_of_a_formal_copy_imports() {
    let project = Project::fixture("genre");
    project
        .report(&["build", "2025", "--format", "md,docx", "--out", "built"])
        .success();
    let docx = project.path().join("built/2025.docx");
    let (imported, data) = import_and_build(&docx, "2025");
    contains(
        &data,
        &[
            "title: 关于2025年工作总结及2026年工作计划的报告",
            "addressee: 区委、区政府",
            "masthead:\n  organ: 某区城市管理局文件\n  number: 某城管〔2025〕12号",
            "attachments:\n  - \"2025年主要指标完成情况表\"\n  - \"2026年重点工作任务分解表\"",
            "imprint:\n  cc: [\"区人大常委会办公室\", \"区政协办公室\"]\n  office: 某区城市管理局办公室\n  date: 2025-12-22",
            "points_as: paragraphs",
            "scale: 亿",
        ],
    );
    let original = project.read("built/2025.md");
    assert_eq!(headings(&imported), headings(&original));
    assert_eq!(figures(&imported), figures(&original));
}
