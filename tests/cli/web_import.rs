//! `report import` of reports as they are found on the web: a 信息公开
//! page's metadata, chrome and pagination set aside, the issuer and date
//! taken from it, the year from the opening, the genre's units, slogans
//! left as text, and locations at the character.
//!
//! Messages are asserted whole; a data file whose path holds the
//! temporary folder is searched, not pinned.

use std::path::Path;

use crate::support::{Project, repo};

/// A project holding `fixture` from `tests/fixtures/import/`.
fn with_fixture(fixture: &str) -> Project {
    let project = Project::empty();
    project.write(
        fixture,
        &std::fs::read_to_string(repo().join("tests/fixtures/import").join(fixture)).unwrap(),
    );
    project
}

// A report copied from a 信息公开 page imports, builds as imported, and
// its figures are exactly those of the report: none missed, none made up.
#[test]
fn an_information_page_imports_and_builds_as_it_is() {
    let project = with_fixture("info-page.txt");
    let output = project.report(&["import", "info-page.txt"]);
    output.success();
    assert!(
        output
            .stderr
            .contains("略去了原稿里不属于报告的 7 行（网页的发布信息、分享打印、翻页，页码）：第 1、2、4、5、19、20、21 行"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    let data = project.read("data/2024.yaml");
    assert!(data.contains("issuer: 达州市通川区城市管理局"), "{data}");
    assert!(data.contains("date: 2025-01-20"), "{data}");
    for furniture in [
        "索引号",
        "发布机构",
        "分享到",
        "打印本页",
        "1、2、3",
        "【大】",
    ] {
        assert!(!data.contains(furniture), "{furniture} in {data}");
    }
    // The slogan stays as typed.
    assert!(data.contains("“五个100%”目标"), "{data}");
    builds_with_figures(
        &project,
        "2024",
        &[
            ("3.5万吨", "吨"),
            ("8600余起", "起"),
            ("126处", "处"),
            ("12.3公里", "公里"),
            ("1200余个", "个"),
            ("12组", "组"),
            ("52万人次", "人次"),
            ("1.6万座次", "座次"),
            ("20座", "座"),
        ],
    );
}

/// Builds `year` as imported and checks that the report prints exactly
/// `expected` (printed, unit): no figure missed, none made up.
fn builds_with_figures(project: &Project, year: &str, expected: &[(&str, &str)]) {
    project.report(&["build", year]).success();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(p, u)| ((*p).to_string(), (*u).to_string()))
        .collect();
    assert_eq!(printed(project, year), expected);
}

/// The figures a built report prints, as (printed, unit).
fn printed(project: &Project, year: &str) -> Vec<(String, String)> {
    let figures = project.report(&["figures", year, "--message-format", "json"]);
    figures.success();
    figures
        .stdout
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|row| row.get("printed").is_some())
        .map(|row| {
            (
                row["printed"].as_str().unwrap().to_string(),
                row["unit"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

// A repost: the site's breadcrumb and its “preview ends” line set aside,
// the date under the title and the 署名 alone at the end taken as the
// report's; it builds as imported, with exactly the report's figures.
#[test]
fn a_repost_imports_and_builds_as_it_is() {
    let project = with_fixture("repost.txt");
    let output = project.report(&["import", "repost.txt"]);
    output.success();
    assert!(output.stderr.contains("：第 1、14 行"), "{}", output.stderr);
    insta::assert_snapshot!(output.stderr);
    let data = project.read("data/2024.yaml");
    assert!(data.contains("issuer: 某市城市管理局\n"), "{data}");
    assert!(data.contains("date: 2025-01-07\n"), "{data}");
    assert!(
        !data.contains("预览结束") && !data.contains("首页"),
        "{data}"
    );
    builds_with_figures(
        &project,
        "2024",
        &[
            ("3200余株", "株"),
            ("约12万株", "株"),
            ("45000平方米", "平方米"),
            ("8万盆", "盆"),
            ("12.3公里", "公里"),
            ("1200余个", "个"),
        ],
    );
}

// A report whose title names no year takes it from its opening, not from
// the page's date in the next January.
#[test]
fn the_year_comes_from_the_opening_before_the_date() {
    let project = with_fixture("info-page.txt");
    let page = project.read("info-page.txt").replace(
        "通川区城市管理局2024年工作总结和2025年工作计划",
        "通川区城市管理局工作总结",
    );
    project.write("info-page.txt", &page);
    let output = project.report(&["import", "info-page.txt"]);
    output.success();
    assert!(project.exists("data/2024.yaml"), "{}", output.stderr);
}

// The seed's missing figure is pointed at where it stands (“民房外墙00㎡”),
// not at the “00㎡” that ends “7200㎡” earlier in the line.
#[test]
fn a_missing_figure_is_located_at_its_own_place() {
    let project = Project::empty();
    project.write(
        "seed.txt",
        &std::fs::read_to_string(repo().join("examples/import/seed-2017.txt")).unwrap(),
    );
    let output = project.report(&["import", "seed.txt", "--message-format", "short"]);
    output.success();
    assert!(
        output
            .stderr
            .contains("seed.txt:2:564: 警告: 原稿的数字缺失：印作“00㎡”"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    assert!(
        output.stderr.contains("4 个部分、12 个小标题"),
        "{}",
        output.stderr
    );
}

// A file named by an absolute path is recorded by its name: the data file
// does not carry someone's home folder.
#[test]
fn an_absolute_path_is_not_recorded() {
    let project = with_fixture("info-page.txt");
    let absolute = project.path().join("info-page.txt");
    assert!(Path::new(&absolute).is_absolute());
    project
        .report(&["import", absolute.to_str().unwrap()])
        .success();
    let data = project.read("data/2024.yaml");
    assert!(
        data.contains("由 report import 从 info-page.txt 导入"),
        "{data}"
    );
    assert!(!data.contains(project.path().to_str().unwrap()), "{data}");
}

// A page that broke its title in two, and a repost that printed it again
// with the broken word doubled: one title, said in the data file's header.
#[test]
fn a_broken_and_repeated_title_is_one_title() {
    let project = Project::empty();
    project.write(
        "repost.txt",
        "某区城市管理局2024年工作\n工作总结及2025年工作计划\n某区城市管理局2024年工作工作总结及2025年工作计划\n\n2024年，我局全年清理垃圾3.5万吨。\n\n一、主要工作\n清理垃圾3.5万吨。\n二、存在的问题\n人手不足。\n三、2025年工作计划\n继续推进。\n",
    );
    project.report(&["import", "repost.txt"]).success();
    let data = project.read("data/2024.yaml");
    assert!(
        data.contains("title: 某区城市管理局2024年工作总结及2025年工作计划\n"),
        "{data}"
    );
    assert!(!data.contains("工作工作"), "{data}");
    assert!(data.contains("接上断开的标题（原稿第 2 行）"), "{data}");
    assert!(data.contains("删去重复的标题（原稿第 3 行）"), "{data}");
    insta::assert_snapshot!(data);
}

// Points the original separated with full stops stay sentences: the
// report prints “一是……。二是……。” as typed, not “一是……；二是……。”.
#[test]
fn points_keep_their_separator() {
    let project = Project::empty();
    project.write(
        "points.txt",
        "2024年工作总结\n\n一、主要工作\n今年做了三件事。一是清理垃圾3万吨。二是修补道路12公里。三是更换井盖100个。\n二、存在的问题\n一是人手不足；二是经费紧张。\n三、2025年工作计划\n继续推进。\n某区城市管理局\n2024年12月28日\n",
    );
    project.report(&["import", "points.txt"]).success();
    let data = project.read("data/2024.yaml");
    assert_eq!(data.matches("points_as: sentences").count(), 1, "{data}");
    project.report(&["build", "2024"]).success();
    let markdown = project.read("out/2024.md");
    assert!(
        markdown.contains("一是清理垃圾3万吨。二是修补道路12公里。三是更换井盖100个。"),
        "{markdown}"
    );
    assert!(
        markdown.contains("一是人手不足；二是经费紧张。"),
        "{markdown}"
    );
}

// A heading run into its paragraph stays run in when what follows it is a
// run of 一是 points, whether a full stop or a colon ends the heading.
#[test]
fn run_in_headings_before_points_stay_run_in() {
    let project = Project::empty();
    project.write(
        "runin.txt",
        "某县农业农村局2023年工作总结\n\n一、主要工作\n（一）人居环境持续改善。一是新建户厕860户。二是清运垃圾3200吨。\n（二）产业发展：一是新建大棚12座；二是培训农民300人次。\n二、存在的问题\n人手不足。\n三、2024年工作计划\n（一）稳定粮食生产。确保粮食播种面积稳定在12.6万亩以上。\n某县农业农村局\n2024年1月10日\n",
    );
    project.report(&["import", "runin.txt"]).success();
    let data = project.read("data/2023.yaml");
    assert_eq!(data.matches("run_in: true").count(), 3, "{data}");
    // A plan's “确保” is not part of what the figure counts.
    assert!(data.contains("label: 粮食播种面积\n"), "{data}");
    project.report(&["build", "2023"]).success();
    let markdown = project.read("out/2023.md");
    for paragraph in [
        "**（一）人居环境持续改善**。一是新建户厕860户。二是清运垃圾3200吨。\n",
        "**（二）产业发展**：一是新建大棚12座；二是培训农民300人次。\n",
        "**（一）稳定粮食生产**。确保粮食播种面积稳定在12.6万亩以上。\n",
    ] {
        assert!(
            markdown.contains(paragraph),
            "{paragraph} not in {markdown}"
        );
    }
}

// A title that writes its year in Chinese numerals names the year too.
#[test]
fn a_year_in_chinese_numerals_is_read() {
    let project = Project::empty();
    project.write(
        "cn.txt",
        "某局二〇二四年工作总结\n\n一、主要工作\n清理垃圾3万吨。\n二、存在的问题\n人手不足。\n三、明年工作计划\n继续推进。\n",
    );
    let output = project.report(&["import", "cn.txt"]);
    output.success();
    assert!(project.exists("data/2024.yaml"), "{}", output.stderr);
}

// Text taken out of a PDF: lines of the page's width joined back into
// paragraphs (a figure broken over two lines, “28” / “60户”, is whole
// again), page numbers set aside; a half-year report, which builds as
// imported with exactly its figures.
#[test]
fn text_from_a_pdf_imports_and_builds_as_it_is() {
    let project = with_fixture("pdf-text.txt");
    let output = project.report(&["import", "pdf-text.txt"]);
    output.success();
    assert!(output.stderr.contains("：第 13 行"), "{}", output.stderr);
    insta::assert_snapshot!(output.stderr);
    let data = project.read("data/2024.yaml");
    assert!(data.contains("date: 2024-07-05"), "{data}");
    assert!(!data.contains("— 1 —"), "{data}");
    builds_with_figures(
        &project,
        "2024",
        &[
            ("12个", "个"),
            ("2860户", "户"),
            ("1.35亿元", "元"),
            ("6座", "座"),
            ("18000平方米", "平方米"),
            ("136户", "户"),
            ("48户", "户"),
            ("326万元", "元"),
            ("20个", "个"),
        ],
    );
}

// A page in traditional script: its metadata keys (發布機構, 索引號),
// chrome (【列印】【關閉】) and pagination (上一頁 1 2 下一頁) are set aside
// as the simplified ones are; it builds as imported, in traditional script.
#[test]
fn a_page_in_traditional_script_imports_and_builds_as_it_is() {
    let project = with_fixture("traditional-page.txt");
    let output = project.report(&["import", "traditional-page.txt"]);
    output.success();
    assert!(
        output.stderr.contains("：第 1、2、4、17、18、19 行"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    let data = project.read("data/2024.yaml");
    assert!(data.contains("script: traditional"), "{data}");
    assert!(
        data.contains("issuer: 某縣城鄉環境綜合治理辦公室"),
        "{data}"
    );
    builds_with_figures(
        &project,
        "2024",
        &[
            ("2300餘處", "處"),
            ("86處", "處"),
            ("12000平方米", "平方米"),
            ("45個", "個"),
            ("320名", "名"),
        ],
    );
}
