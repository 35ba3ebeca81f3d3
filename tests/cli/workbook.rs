//! Figures from a workbook: `report sheet` writes the fill-in workbook, a
//! spreadsheet program that is not ours (openpyxl) fills it as a clerk would,
//! and the build reads the figures from it. Errors name book!sheet!cell.

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::path::Path;

use crate::support::{GOOD, Project, repo, run};

fn openpyxl() -> bool {
    crate::support::python_module("openpyxl")
}

/// Types into a workbook with openpyxl (see tests/workbook/fill.py).
fn fill(book: &Path, args: &[&str]) {
    let script = repo().join("tests/workbook/fill.py");
    let mut all = vec![script.to_str().unwrap(), book.to_str().unwrap()];
    all.extend(args);
    run(Path::new("python3"), &all);
}

/// The good fixture with its figure left to the workbook, and the blank
/// workbook `report sheet` wrote for it.
fn good_with_sheet() -> Project {
    let project = Project::empty();
    project.write("data/2017.yaml", &GOOD.replace("    value: 30\n", ""));
    project.report(&["sheet", "2017"]).success();
    project
}

#[test]
fn the_city_filled_from_workbooks_gives_the_same_reports_as_from_yaml() {
    if !openpyxl() {
        return;
    }
    let project = Project::copy_of(&repo().join("examples/city"));
    let output = project.report(&["sheet", "2017"]);
    output.success();
    assert_eq!(
        output.stderr,
        "已写出 data/dachuan/2017.xlsx（2 个指标）\n已写出 data/dazhou/2017.xlsx（2 个指标）\n\
         已写出 data/kaijiang/2017.xlsx（2 个指标）\n已写出 data/tongchuan/2017.xlsx（2 个指标）\n\
         发给填数的单位，填好黄色的格子后放回原处，再运行 report build 2017\n"
    );
    // Each unit's figures move from its YAML to its workbook.
    for unit in ["dachuan", "dazhou", "kaijiang", "tongchuan"] {
        let yaml = format!("data/{unit}/2017.yaml");
        let text = project.read(&yaml);
        let mut figures = Vec::new();
        let mut kept = String::new();
        let mut key = "";
        for line in text.lines() {
            if let Some(k) = line.strip_prefix("  ").and_then(|l| l.strip_suffix(':')) {
                key = k.trim();
            }
            if let Some(value) = line.trim().strip_prefix("value: ") {
                let value = value.split('#').next().unwrap().trim();
                figures.push(format!("{key}={value}"));
            } else {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        assert_eq!(figures.len(), 2, "{unit}: {figures:?}");
        project.write(&yaml, &kept);
        let args: Vec<&str> = figures.iter().map(String::as_str).collect();
        fill(
            &project.path().join(format!("data/{unit}/2017.xlsx")),
            &args,
        );
    }
    // The committed reports, built from YAML, are what the workbooks give.
    let output = project.report(&["build", "--all", "--check"]);
    output.success();
    assert_eq!(output.stderr, "12 个输出都与数据和模板一致\n");
    // A total is checked against the units' workbooks, and says where.
    fill(
        &project.path().join("data/dazhou/2017.xlsx"),
        &["farms_closed=250"],
    );
    let output = project.report(&[
        "--message-format",
        "short",
        "check",
        "2017",
        "--unit",
        "dazhou",
    ]);
    output.failure(1);
    let sheet = |unit: &str, name: &str| {
        format!("data/{unit}/2017.xlsx!{name}城乡环境综合治理工作领导小组办公室!F4")
    };
    assert_eq!(
        output.stderr,
        format!(
            "data/dazhou/2017.yaml:10:3: 错误: `farms_closed` 写的是 250户，下级单位合计为 259户（提示：核对上级的数字和各下级单位的数字，改正不对的一方）\n    \
             本单位：250户（{}）\n    tongchuan：122户（{}）\n    dachuan：96户（{}）\n    kaijiang：41户（{}）\n\
             dazhou 2017：1 个错误，0 个警告\n",
            sheet("dazhou", "达州市"),
            sheet("tongchuan", "通川区"),
            sheet("dachuan", "达川区"),
            sheet("kaijiang", "开江县"),
        )
    );
    // `report figures` names the cell each figure came from.
    let output = project.report(&["figures", "2017", "--unit", "tongchuan"]);
    output.success();
    assert!(
        output.stdout.ends_with(&format!(
            "122户             farms_closed = 122户  {}\n",
            sheet("tongchuan", "通川区")
        )),
        "{}",
        output.stdout
    );
}

#[test]
fn every_mistake_in_a_cell_is_named_at_its_cell() {
    if !openpyxl() {
        return;
    }
    let project = good_with_sheet();
    let book = project.path().join("data/2017.xlsx");
    let blank = std::fs::read(&book).unwrap();
    let at = "data/2017.xlsx!某某办公室";
    for (typed, expected) in [
        (
            vec!["trees=三十"],
            format!("{at}!F3: 错误: 数值写成了文字 `三十`（提示：这一格只填阿拉伯数字，不加单位或文字，单位见“单位”一列；以万、亿计的数写出全部数字）"),
        ),
        (
            vec!["trees=约30"],
            format!("{at}!F3: 错误: 数值写成了文字 `约30`（提示：这一格只填数字；约数的字（余、约、超……）在右边“约数”一格里选）"),
        ),
        (
            vec!["trees=30.5"],
            format!("{at}!F3: 错误: 以“株”计的数量不能是小数：30.5（提示：填整数；确是约数时填整数，再在“约数”一格选“余”或“约”）"),
        ),
        (
            vec!["trees=-3"],
            format!("{at}!F3: 错误: 数值不能是负数：-3（提示：报告中的数量都是正数；减少的情况用文字表述，或与上年比较时由 yoy 过滤器写成“同比下降”）"),
        ),
        (
            vec![],
            format!("{at}!F3: 错误: 这个数还没有填（提示：在这一格填上今年的数字；确实无法取得时，在数据文件里给这个指标写 value: ~（报告中不印这个数））"),
        ),
        (
            // openpyxl saves a formula without its result, as a program
            // that does not calculate does.
            vec!["trees==10*3"],
            format!("{at}!F3: 错误: 公式 =10*3 没有保存计算结果（提示：在 Excel 或 WPS 里打开这个文件、保存一次，结果就存进去了；或者直接填数字）"),
        ),
        (
            vec!["trees=30", "trees=30:大约"],
            format!("{at}!G3: 错误: approx 只能写 true、余、约、超、逾、近、不足、以上 或 左右（提示：true：多于，往小处取整，45 印成“40余处”；写一个词则照录入的数印出：余 → 45余处，约 → 约45处，超/逾/近/不足 → 超45处，以上/左右 → 45处以上）"),
        ),
        (
            vec!["trees=30", "@merge=F3:F4"],
            format!("{at}!F3: 错误: 合并了单元格 F3:F4（提示：每个指标占一行、一格：取消合并，把数字分别填在各自的行里）"),
        ),
        (
            vec!["trees=30", "@cell=F4=5"],
            format!("{at}!A4: 错误: 第 4 行填了数，却没有指标名（提示：每个数要填在它的指标那一行；要加新指标，先在数据文件的 metrics 里写上，再用 report sheet 重新生成）"),
        ),
        (
            vec!["trees=30", "@cell=A4=tress", "@cell=F4=5"],
            format!("{at}!A4: 错误: 表里的指标 `tress` 在 data/2017.yaml 里没有定义（提示：是不是 `trees`？）"),
        ),
        (
            vec!["trees=30", "@cell=A4=trees", "@cell=F4=5"],
            format!("{at}!A4: 错误: 指标 `trees` 在表里有两行（提示：删去多出的一行）"),
        ),
        (
            vec!["trees=30", "@rename=Sheet1"],
            "错误: data/2017.xlsx 的工作表叫“Sheet1”，应是本单位的“某某办公室”（提示：工作表被改了名，或者放错了单位的文件夹：核对是哪个单位填的，再把工作表改回“某某办公室”）".to_string(),
        ),
        (
            vec!["trees=30", "@cell=F2=2016年数值"],
            format!("{at}!A2: 错误: data/2017.xlsx!某某办公室 第 2 行没有“2017年数值”这一列的表头（提示：表头由 report sheet 写好，不要改动；第 2 行应有“指标”和“2017年数值”）"),
        ),
    ] {
        std::fs::write(&book, &blank).unwrap();
        fill(&book, &typed);
        let output = project.report(&["--message-format", "short", "check", "2017"]);
        output.failure(1);
        assert_eq!(
            output.stderr,
            format!("{expected}\n2017：1 个错误，0 个警告\n"),
            "{typed:?}"
        );
    }
    // The same figure in the YAML and in the workbook.
    std::fs::write(&book, &blank).unwrap();
    fill(&book, &["trees=30"]);
    project.write("data/2017.yaml", GOOD);
    let output = project.report(&["--message-format", "short", "check", "2017"]);
    output.failure(1);
    assert_eq!(
        output.stderr,
        format!(
            "{at}!F3: 错误: 指标 `trees` 的 value 在表里和 data/2017.yaml:7 都写了（提示：一个数只写在一处：删去数据文件里的 value，或清空这一格）\n2017：1 个错误，0 个警告\n"
        )
    );
}

#[test]
fn a_figure_and_its_word_from_the_workbook_are_printed() {
    if !openpyxl() {
        return;
    }
    let project = good_with_sheet();
    fill(&project.path().join("data/2017.xlsx"), &["trees=30:余"]);
    project.report(&["build", "2017"]).success();
    assert!(project.read("out/2017.md").contains("栽植绿化树30余株。"));
    // A changed workbook rebuilds its report: the build record holds it,
    // or the report would be skipped as current.
    let output = project.report(&["-v", "build", "2017"]);
    assert!(
        output.stderr.contains("  out/2017.md 没有变化"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!("unchanged", output.stderr);
    fill(&project.path().join("data/2017.xlsx"), &["trees=31:余"]);
    let output = project.report(&["-v", "build", "2017"]);
    assert!(
        output
            .stderr
            .contains("2017：读取 data/2017.xlsx\n  写出 out/2017.md"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!("changed", output.stderr);
    assert!(project.read("out/2017.md").contains("栽植绿化树31余株。"));
}

#[test]
fn the_sheet_is_the_same_bytes_every_time_and_is_not_overwritten() {
    let project = good_with_sheet();
    let first = std::fs::read(project.path().join("data/2017.xlsx")).unwrap();
    let output = project.report(&["sheet", "2017"]);
    output.failure(2);
    assert_eq!(
        output.stderr,
        "错误: `data/2017.xlsx` 已经存在\n提示: 它可能已经填了数：先看一看；确实要重新生成，加 --force\n"
    );
    project.report(&["sheet", "2017", "--force"]).success();
    assert_eq!(
        std::fs::read(project.path().join("data/2017.xlsx")).unwrap(),
        first
    );
    // The blank workbook leaves the figure to fill, and says where.
    let output = project.report(&["--message-format", "short", "check", "2017"]);
    output.failure(1);
    assert!(
        output
            .stderr
            .starts_with("data/2017.xlsx!某某办公室!F3: 错误: 这个数还没有填")
    );
}

/// The workbook `report sheet` wrote, with one part replaced.
fn with_part(blank: &[u8], name: &str, contents: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(blank)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        let part_name = part.name().unwrap().to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        out.start_file(part_name.as_str(), options).unwrap();
        out.write_all(if part_name == name { contents } else { &bytes })
            .unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn hostile_workbooks_are_refused_with_a_message() {
    let project = good_with_sheet();
    let book = project.path().join("data/2017.xlsx");
    let blank = std::fs::read(&book).unwrap();
    let sheet = "xl/worksheets/sheet1.xml";
    let mut rows = String::new();
    for r in 1..=1_000_000 {
        let _ = write!(rows, "<row r=\"{r}\"><c r=\"A{r}\"><v>1</v></c></row>");
    }
    let million = format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>"
    );
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>";
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let refused = |what: &str| format!("错误: data/2017.xlsx {what}");
    for (name, bytes, expected) in [
        (
            "a zip bomb",
            with_part(&blank, sheet, &vec![b' '; 64 * 1024 * 1024]),
            format!("{}（提示：用 report sheet 重新生成填报表，或请发来的单位重新保存一份）", refused("已损坏或不安全：其中的 xl/worksheets/sheet1.xml 解压后超过 12 MB（压缩炸弹？）")),
        ),
        (
            "a million rows",
            with_part(&blank, sheet, million.as_bytes()),
            "错误: data/2017.xlsx 的工作表“某某办公室”有 5001 行以上，填数的表格不会这么多（提示：删去多余的行，或用 report sheet 重新生成填报表）".to_string(),
        ),
        (
            "XML entities",
            with_part(&blank, sheet, laughs.as_bytes()),
            String::new(),
        ),
        (
            "an .xls renamed",
            ole,
            format!("{}（提示：在 Excel 或 WPS 里打开，“另存为”Excel 工作簿（.xlsx））", refused("是旧版 Excel 文件（.xls），只是改了扩展名")),
        ),
        (
            "a password",
            encrypted,
            format!("{}（提示：在 Excel 里打开，“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码后保存）", refused("设了打开密码，读不了")),
        ),
        (
            "a CSV renamed",
            "指标,2017年数值\ntrees,30\n".as_bytes().to_vec(),
            format!("{}（提示：在 Excel 或 WPS 里“另存为”Excel 工作簿（.xlsx）；CSV 等文本表格不能直接改扩展名）", refused("不是 Excel 工作簿（.xlsx）")),
        ),
    ] {
        std::fs::write(&book, &bytes).unwrap();
        let output = project.report(&["--message-format", "short", "check", "2017"]);
        output.failure(1);
        if expected.is_empty() {
            // The XML reader refuses the entity; its words are its own.
            assert!(
                output.stderr.starts_with("错误: data/2017.xlsx 读不出来："),
                "{name}: {}",
                output.stderr
            );
        } else {
            assert_eq!(output.stderr, format!("{expected}\n2017：1 个错误，0 个警告\n"), "{name}");
        }
    }
}

#[test]
fn formulas_are_read_as_their_saved_results_and_checked() {
    let project = good_with_sheet();
    let book = project.path().join("data/2017.xlsx");
    let blank = std::fs::read(&book).unwrap();
    let sheet = "xl/worksheets/sheet1.xml";
    let xml = {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&blank)).unwrap();
        let mut text = String::new();
        archive
            .by_name(sheet)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let with_f3 = |cell: &str| {
        assert!(xml.contains("<c r=\"F3\" s=\"4\"/>"), "{xml}");
        with_part(
            &blank,
            sheet,
            xml.replace("<c r=\"F3\" s=\"4\"/>", cell).as_bytes(),
        )
    };
    // A saved result that its cells still give is read; the workbook asks
    // for recalculation on opening (as rust_xlsxwriter and openpyxl write
    // it), so it is said to be possibly out of date.
    std::fs::write(
        &book,
        with_f3("<c r=\"F3\" s=\"4\"><f>SUM(D3:E3)+30</f><v>30</v></c>"),
    )
    .unwrap();
    let output = project.report(&["--message-format", "short", "build", "2017"]);
    output.success();
    assert_eq!(
        output.stderr,
        "data/2017.xlsx!某某办公室!F3: 警告: 公式 =SUM(D3:E3)+30 的结果可能不是最新的（提示：保存这个文件的程序要求打开时重算公式，存下的结果没有重算过：在 Excel 或 WPS 里打开、保存一次）\n\
         已生成 out/2017.md、out/2017.html、out/2017.docx\n"
    );
    assert!(project.read("out/2017.md").contains("栽植绿化树30株。"));
    // One that its cells no longer give is refused.
    std::fs::write(
        &book,
        with_f3("<c r=\"F3\" s=\"4\"><f>D3+1</f><v>99</v></c>"),
    )
    .unwrap();
    let output = project.report(&["--message-format", "json", "check", "2017"]);
    output.failure(1);
    let first: serde_json::Value =
        serde_json::from_str(output.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(
        first,
        serde_json::json!({
            "version": 1,
            "severity": "error",
            "code": "stale-formula",
            "message": "公式 =D3+1 存的结果是 99，按表里现在的数算是 1",
            "file": "data/2017.xlsx",
            "cell": "某某办公室!F3",
            "hint": "表格改过之后没有重算：在 Excel 或 WPS 里打开、保存一次，再核对这个数"
        })
    );
}

#[test]
fn a_metric_with_neither_a_figure_nor_a_row_is_named() {
    let project = good_with_sheet();
    let yaml = project.read("data/2017.yaml");
    project.write(
        "data/2017.yaml",
        &yaml.replace(
            "metrics:\n",
            "metrics:\n  lamps:\n    label: 安装路灯\n    unit: 盏\n",
        ),
    );
    let output = project.report(&["--message-format", "short", "check", "2017"]);
    output.failure(1);
    assert_eq!(
        output.stderr,
        "data/2017.yaml:5:3: 错误: 指标 `lamps` 在数据文件里没有数值，表里也没有它这一行（提示：表格是加这个指标之前生成的，或者这一行被删了：在数据文件里写上 value，或用 report sheet --force 重新生成表格（已填的数要重填））\n\
         data/2017.xlsx!某某办公室!F3: 错误: 这个数还没有填（提示：在这一格填上今年的数字；确实无法取得时，在数据文件里给这个指标写 value: ~（报告中不印这个数））\n\
         2017：2 个错误，0 个警告\n"
    );
}

// Neither the year nor the one before has data: the sheet has no metrics to
// list, and `new` could not start the year either, so the hint names the
// years there are.
#[test]
fn a_sheet_for_a_year_without_data_names_the_years_there_are() {
    let project = Project::fixture("good");
    let output = project.report(&["sheet", "2030"]);
    output.failure(2);
    assert!(!project.exists("data/2030.xlsx"));
    insta::assert_snapshot!(output.stderr);
}
