//! The genre beyond the seed: parts in any order, run-in and unnumbered
//! headings, 一是 paragraphs, tables from data, 万/亿, 约, rates, in-year
//! targets, traditional script and the 公文 frame (版头, 附件说明, 版记).
//!
//! Messages are asserted whole. Documents are searched for the phrases each
//! test is about: the bundled example's are pinned whole in build.rs, and
//! every example's by its committed outputs.

use std::fmt::Write as _;

use crate::support::{GOOD, Project, contains, repo};

fn genre() -> Project {
    Project::fixture("genre")
}

fn built(project: &Project) -> (String, String, String) {
    project.report(&["build", "2025"]).success();
    let xml = crate::office::part(&project.path().join("out/2025.docx"), "word/document.xml");
    (
        project.read("out/2025.md"),
        project.read("out/2025.html"),
        xml,
    )
}

#[test]
fn figures_in_wan_and_yi_about_rates_and_targets() {
    let project = genre();
    let (md, html, xml) = built(&project);
    for figure in [
        "508.8924万㎡",
        "4.81亿元",
        "约1.17万车次",
        "约7800处",
        "新建改建公厕32座，完成目标任务的213.33%",
        "分别完成目标任务的213.33%、120%",
    ] {
        assert!(md.contains(figure), "{figure}\n{md}");
        assert!(crate::support::docx_text(&xml).contains(figure), "{figure}");
    }
    // A rate changes by 个百分点; money in 亿 grows by per cent of itself.
    contains(
        &md,
        &[
            "| 机械清扫率 | 50% | 57% | 提高7.0个百分点 |",
            "| 投入资金 | 4亿元 | 4.81亿元 | 同比增长20.3% |",
        ],
    );
    assert!(html.contains("约1.17万车次"));
}

#[test]
fn parts_in_their_own_order_under_their_own_headings() {
    let project = genre();
    let (md, html, _) = built(&project);
    let one = md.find("## 一、2025年工作总结").expect("part one");
    let table = md.find("年主要指标对比").expect("comparison table");
    let two = md.find("## 二、2026年工作计划").expect("part two");
    // The figures follow the summary part, whatever it is called.
    assert!(one < table && table < two, "{md}");
    assert!(
        md.contains("\n#### 道路保洁\n"),
        "unnumbered heading:\n{md}"
    );
    // Run in at two levels: （一） in part one, and 1. under （二）.
    contains(
        &md,
        &[
            "\n**（一）党建引领，服务大局彰显担当**。充分发挥",
            "\n**1.垃圾分类**。新增垃圾桶1200个。\n",
        ],
    );
    assert!(
        md.contains("\n### （三）主要指标\n"),
        "numbering skips it:\n{md}"
    );
    contains(&md, &["\n一是道路清扫保洁。清运垃圾", "\n二是新建改建公厕"]);
    // Table from data: figures right-aligned, metric references resolved.
    contains(
        &md,
        &[
            "| --- | ---: | ---: | ---: |",
            "| 新建改建公厕 | 15座 | 32座 | 213.33% |",
        ],
    );
    let text = crate::support::html_text(&html);
    contains(&text, &["2025年主要指标完成情况"]);
    // No 存在的问题: a warning, and one a project may switch off.
    let output = project.report(&["check", "2025"]);
    output.success();
    contains(&output.stderr, &["没有“存在的问题”部分"]);
    insta::assert_snapshot!(output.stderr);
    project.write("report.yaml", "allow: [missing-part]\n");
    let output = project.report(&["check", "2025", "--deny", "warnings"]);
    output.success();
}

#[test]
fn masthead_attachments_and_imprint_reach_every_format() {
    let project = genre();
    let (md, html, xml) = built(&project);
    assert!(
        md.starts_with("<!-- 发文机关标志 -->\n某区城市管理局文件\n"),
        "{md}"
    );
    contains(
        &md,
        &[
            "附件：1.2025年主要指标完成情况表\\\n2.2026年",
            "抄送：区人大常委会办公室，区政协办公室。",
        ],
    );
    assert!(
        html.contains(r#"<p class="organ">某区城市管理局文件</p>"#),
        "{html}"
    );
    assert!(html.contains(r#"<p class="doc-number">某城管〔"#), "{html}");
    assert!(
        html.contains(r#"<p class="imprint"><span>某区城市管理局办公室</span><span>"#),
        "{html}"
    );
    let text = crate::support::html_text(&html);
    contains(&text, &["某城管〔2025〕12号", "2025年12月22日印发"]);
    for style in ["Organ", "DocNumber", "Attachments", "Copies"] {
        assert!(
            xml.contains(&format!(r#"<w:pStyle w:val="{style}" />"#)),
            "{style}"
        );
    }
    assert!(xml.contains(r#"w:color="FF0000""#), "the red rule");
    // The order of the frame: 版头, title, body, 附件说明, 落款, 版记.
    let text = crate::support::docx_text(&xml);
    let order = [
        "某城管〔2025〕12号",
        "关于2025年",
        "附件：",
        "2025年12月20日",
        "抄送：",
        "印发",
    ];
    let at: Vec<usize> = order.iter().map(|w| text.find(w).expect(w)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn traditional_script_gets_traditional_built_in_words() {
    let project = Project::empty();
    project.write(
        "data/2017.yaml",
        &GOOD
            .replace("topic: 测试\n", "topic: 環境衛生\nscript: traditional\n")
            .replace("    unit: 株\n", "    unit: 株\n    approx: true\n")
            .replace("value: 30", "value: 26800"),
    );
    project.report(&["build", "2017"]).success();
    let md = project.read("out/2017.md");
    assert!(
        md.starts_with("# 2017年環境衛生工作總結及2018年工作計劃\n"),
        "{md}"
    );
    contains(&md, &["存在的問題", "2萬餘株"]);
    let html = project.read("out/2017.html");
    assert!(html.contains(r#"<html lang="zh-Hant">"#));
    let styles = crate::office::part(&project.path().join("out/2017.docx"), "word/styles.xml");
    assert!(styles.contains(r#"w:eastAsia="zh-TW""#), "{styles}");
    // A typed word prints as typed: a report that mixes keeps its 余, and
    // check says so, since before the script turned it into 餘.
    project.write(
        "data/2017.yaml",
        &project
            .read("data/2017.yaml")
            .replace("    approx: true\n", "    approx: 余\n"),
    );
    let output = project.report(&["build", "2017"]);
    output.success();
    contains(
        &output.stderr,
        &[
            "approx: 余 照写的印成“余”",
            "写 approx: 餘",
            "allow: [mixed-script]",
        ],
    );
    insta::assert_snapshot!("approx_word_kept", output.stderr);
    contains(&project.read("out/2017.md"), &["26800余株"]);
    // Simplified stays the default.
    let project = Project::fixture("good");
    project.report(&["build", "2017"]).success();
    assert!(
        project
            .read("out/2017.html")
            .contains(r#"<html lang="zh-CN">"#)
    );
}

#[test]
fn what_the_new_keys_refuse() {
    let check = |data: &str| {
        let project = Project::empty();
        project.write("data/2017.yaml", data);
        project.report(&["check", "2017"])
    };
    let cases = [
        (
            "    unit: 株\n",
            "    unit: 株\n    approx: 大约\n",
            "approx 只能写 true、余、约、超、逾、近、不足、以上 或 左右",
        ),
        (
            "    unit: 株\n",
            "    unit: 株\n    scale: 千\n",
            "scale 只能写 万 或 亿",
        ),
        (
            "problems: {text: 问题尚多。}\n",
            "problems: {text: 问题尚多。}\nparts: []\n",
            "parts 和 work 不能同时写",
        ),
        (
            "栽植绿化树{trees}。",
            "栽植绿化树{trees}，{trees.completion}。",
            "没有写 target",
        ),
        (
            "topic: 测试\n",
            "topic: 测试\nscript: 火星文\n",
            "script 只能写",
        ),
        (
            "栽植绿化树{trees}。",
            "截至20xx年底栽植绿化树{trees}。",
            "占位符“20xx”",
        ),
        (
            "      text: 栽植绿化树{trees}。\n",
            "      text: 主要有：\n      points:\n        - 一是栽植绿化树{trees}\n        - 二是养护\n",
            "这一项开头手写了“一是”",
        ),
        (
            "    value: 30\n    unit: 株\n",
            "    value: 2.5\n    unit: 處\n",
            "以“處”计的数量不能是小数",
        ),
    ];
    for (from, to, message) in cases {
        let data = GOOD.replace(from, to);
        assert_ne!(data, GOOD, "{to}");
        let output = check(&data);
        output.failure(1);
        assert!(
            output.stderr.contains(message),
            "{message}:\n{}",
            output.stderr
        );
        insta::assert_snapshot!(output.stderr);
    }
    // A unit with 万 in it: a warning that says how to write it.
    let output = check(&GOOD.replace("unit: 株", "unit: 万株"));
    output.success();
    assert!(
        output
            .stderr
            .contains("unit 写“株”，value 写原数（1.17万 写成 11700），再加 scale: 万"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
}

#[test]
fn tables_points_and_the_frame_refuse_what_they_cannot_print() {
    let project = genre();
    let data = project.read("data/2025.yaml");
    let cases = [
        (
            "\"{bins.share}\"]",
            "\"{bins.share}\", 多余]",
            "这一行有 5 格，表头有 4 列",
        ),
        (
            "            points_as: paragraphs\n",
            "",
            "接成一句的 points 每项只写一句话",
        ),
        (
            "某城管〔2025〕12号",
            "某城管[2025]12号",
            "年份要用六角括号〔〕",
        ),
        ("某城管〔2025〕12号", "某城管〔2025〕012号", "序号不编虚位"),
        (
            "  office: 某区城市管理局办公室\n",
            "",
            "缺少必填的键 `office`（印发机关）",
        ),
    ];
    for (from, to, message) in cases {
        assert!(data.contains(from), "{from}");
        project.write("data/2025.yaml", &data.replace(from, to));
        let output = project.report(&["check", "2025"]);
        assert!(
            output.stderr.contains(message),
            "{message}:\n{}",
            output.stderr
        );
        insta::assert_snapshot!(output.stderr);
    }
}

// `report new` carries what the genre's keys say about each figure and the
// document into next year, and leaves this year's figures and targets to fill.
// 超19亿元, 近3000户, 2亿元以上: each word where the genre puts it, in
// every format, and carried into next year.
#[test]
fn approximation_words_print_where_the_genre_puts_them() {
    let metrics = [
        ("invest", "房地产投资", "1900000000", "元", "亿", "超"),
        ("loans", "贷款额度", "18000000000", "元", "亿", "逾"),
        ("homes", "改造农户", "2980", "户", "", "近"),
        ("left", "未改造农户", "3000", "户", "", "不足"),
        ("funds", "投入资金", "200000000", "元", "亿", "以上"),
        ("staff", "参与人员", "3000", "人", "", "左右"),
    ];
    let mut yaml = String::from("metrics:\n");
    let mut text = String::new();
    for (key, label, value, unit, scale, word) in metrics {
        let _ = write!(
            yaml,
            "  {key}:\n    label: {label}\n    value: {value}\n    unit: {unit}\n    approx: {word}\n"
        );
        if !scale.is_empty() {
            let _ = writeln!(yaml, "    scale: {scale}");
        }
        let _ = write!(text, "{label}{{{key}}}，");
    }
    let data = GOOD.replace("metrics:\n", &yaml).replace(
        "栽植绿化树{trees}。",
        &format!("{text}栽植绿化树{{trees}}。"),
    );
    let project = Project::empty();
    project.write("data/2017.yaml", &data);
    project.report(&["build", "2017"]).success();
    let md = project.read("out/2017.md");
    let xml = crate::office::part(&project.path().join("out/2017.docx"), "word/document.xml");
    let html = crate::support::html_text(&project.read("out/2017.html"));
    for figure in [
        "房地产投资超19亿元",
        "贷款额度逾180亿元",
        "改造农户近2980户",
        "未改造农户不足3000户",
        "投入资金2亿元以上",
        "参与人员3000人左右",
    ] {
        assert!(md.contains(figure), "{figure}\n{md}");
        assert!(html.contains(figure), "{figure}");
        assert!(crate::support::docx_text(&xml).contains(figure), "{figure}");
    }
    project.report(&["new", "2018"]).success();
    contains(
        &project.read("data/2018.yaml"),
        &[
            "    approx: 超\n",
            "    approx: 不足\n",
            "    approx: 左右\n",
        ],
    );
}

// “一是……。二是……。” in one paragraph, a point with a heading of its own
// among them: the form most published reports use besides “；”.
#[test]
fn points_as_sentences_of_one_paragraph() {
    let data = GOOD.replace(
        "      text: 栽植绿化树{trees}。\n",
        "      text: 下步工作打算：\n      points_as: sentences\n      points:\n        - 进一步加大宣传力度，争取绝大多数民众的参与支持；\n        - heading: 抓好绿化\n          text: 栽植绿化树{trees}\n        - 继续落实城乡环境综合治理目标责任制\n",
    );
    let project = Project::empty();
    project.write("data/2017.yaml", &data);
    project.report(&["build", "2017"]).success();
    let md = project.read("out/2017.md");
    contains(
        &md,
        &[
            "下步工作打算：一是进一步加大宣传力度，争取绝大多数民众的参与支持。二是抓好绿化。栽植绿化树30株。三是继续落实城乡环境综合治理目标责任制。",
        ],
    );
    let output = project.report(&["check", "2017"]);
    output.success();
    // The word is checked like every other.
    project.write("data/2017.yaml", &data.replace("sentences", "sentense"));
    let output = project.report(&["check", "2017"]);
    output.failure(1);
    contains(
        &output.stderr,
        &[
            "points_as 只能写 sentence、sentences 或 paragraphs",
            "data/2017.yaml:13:18",
        ],
    );
    insta::assert_snapshot!("points_as_mistyped", output.stderr);
}

// Rates a report states rather than computes: “同比增长12.5%” with no last
// year's file, “完成率达99.8%” with no target, “提高1.2个百分点” for a rate;
// checked against the data where the data can compute them.
#[test]
fn stated_rates_print_and_are_checked() {
    let stated = GOOD
        .replace(
            "    unit: 株\n",
            "    unit: 株\n    change: 12.5\n    completion: 99.8\n  sweep:\n    label: 机械清扫率\n    value: 57\n    unit: \"%\"\n    change: -1.2\n",
        )
        .replace(
            "栽植绿化树{trees}。",
            "栽植绿化树{trees}，{trees.change}，{trees.completion}（{trees.share}）；机械清扫率{sweep}，较上年{sweep.change}。",
        );
    let project = Project::empty();
    project.write("data/2017.yaml", &stated);
    project
        .report(&["build", "2017", "--format", "md"])
        .success();
    let md = project.read("out/2017.md");
    contains(
        &md,
        &[
            "栽植绿化树30株，同比增长12.5%，完成目标任务的99.8%（99.8%）；机械清扫率57%，较上年下降1.2个百分点。",
            "| 栽植绿化树 | — | 30株 | 同比增长12.5% |",
            "| 机械清扫率 | — | 57% | 下降1.2个百分点 |",
        ],
    );
    // With last year's figure (20株 → 30株 is 同比增长50.0%) the stated
    // change is checked, and the table shows the computed one.
    project.write(
        "data/2016.yaml",
        &GOOD
            .replace("2017-12-28", "2016-12-28")
            .replace("value: 30", "value: 20"),
    );
    let output = project.report(&["check", "2017"]);
    output.success();
    contains(
        &output.stderr,
        &[
            "“同比增长12.5%”",
            "“同比增长50.0%”",
            "data/2017.yaml:5:3",
            "核对 change",
        ],
    );
    insta::assert_snapshot!("stated_change_differs", output.stderr);
    project
        .report(&["build", "2017", "--format", "md"])
        .success();
    contains(
        &project.read("out/2017.md"),
        &["| 栽植绿化树 | 20株 | 30株 | 同比增长50.0% |"],
    );
    // A stated completion beside a target that gives another.
    project.write(
        "data/2017.yaml",
        &stated.replace(
            "    completion: 99.8\n",
            "    completion: 99.8\n    target: 60\n",
        ),
    );
    let output = project.report(&["check", "2017"]);
    contains(
        &output.stderr,
        &[
            "完成目标任务的99.8%",
            "完成目标任务的50%",
            "核对 completion",
        ],
    );
    insta::assert_snapshot!("stated_completion_differs", output.stderr);
    // Next year asks for the rates again.
    project.write("data/2017.yaml", &stated);
    project.report(&["new", "2018"]).success();
    contains(
        &project.read("data/2018.yaml"),
        &["    change: 待填", "    completion: 待填"],
    );
}

// Summaries published for reading carry the issuer and date on a line under
// the title, or nowhere; the 落款 at the end stays the default.
#[test]
fn signature_below_the_title_or_none() {
    let project = Project::empty();
    project.write(
        "data/2017.yaml",
        &GOOD.replace(
            "date: 2017-12-28\n",
            "date: 2017-12-28\nsignature: below-title\n",
        ),
    );
    project.report(&["build", "2017"]).success();
    let md = project.read("out/2017.md");
    assert!(
        md.contains("\n\n<!-- 署名行 -->\n某某办公室　2017年12月28日\n")
            && !md.contains("<!-- 落款 -->"),
        "{md}"
    );
    let html = project.read("out/2017.html");
    assert!(html.contains(r#"<p class="byline">"#), "{html}");
    assert!(crate::support::html_text(&html).contains("某某办公室　2017年12月28日"));
    let docx = project.path().join("out/2017.docx");
    assert!(
        crate::office::part(&docx, "word/document.xml").contains(r#"<w:pStyle w:val="Byline" />"#)
    );
    assert!(crate::office::part(&docx, "word/styles.xml").contains(r#"w:styleId="Byline""#));
    contains(
        &project.report(&["check", "2017"]).stderr,
        &["没有发现问题（署名和日期在标题下）"],
    );
    // No 落款 at all, and then no issuer is needed.
    project.write(
        "data/2017.yaml",
        &GOOD.replace("issuer: 某某办公室\n", "signature: none\n"),
    );
    project.report(&["build", "2017"]).success();
    let md = project.read("out/2017.md");
    assert!(
        !md.contains("<!-- 落款 -->") && !md.contains("署名行"),
        "{md}"
    );
    contains(
        &project.report(&["check", "2017"]).stderr,
        &["没有发现问题（不写落款）"],
    );
    project.report(&["new", "2018"]).success();
    let next = project.read("data/2018.yaml");
    assert!(
        next.contains("signature: none") && !next.contains("issuer:"),
        "{next}"
    );
    // The other forms still want an issuer; a mistyped form is named.
    project.write(
        "data/2017.yaml",
        &GOOD.replace("issuer: 某某办公室\n", "signature: below-title\n"),
    );
    let output = project.report(&["check", "2017"]);
    contains(&output.stderr, &["issuer"]);
    insta::assert_snapshot!("below_title_without_issuer", output.stderr);
    project.write(
        "data/2017.yaml",
        &GOOD.replace("date: 2017-12-28\n", "date: 2017-12-28\nsignature: top\n"),
    );
    let output = project.report(&["check", "2017"]);
    output.failure(1);
    contains(
        &output.stderr,
        &[
            "signature 只能写 end、below-title 或 none",
            "data/2017.yaml:4:12",
        ],
    );
    insta::assert_snapshot!("signature_mistyped", output.stderr);
}

#[test]
fn new_year_carries_scale_approximation_targets_and_the_frame() {
    let project = genre();
    project.report(&["new", "2026"]).success();
    let data = project.read("data/2026.yaml");
    for line in [
        "addressee: \"区委、区政府\"",
        "  organ: \"某区城市管理局文件\"",
        "  number: 待填",
        "  cc: \"区人大常委会办公室，区政协办公室\"",
        "  office: \"某区城市管理局办公室\"",
        "    scale: 万\n    approx: 约\n",
        "    unit: \"%\"",
        "    target: 待填           # 今年的目标值；2025年目标：15座",
    ] {
        assert!(data.contains(line), "{line}\n{data}");
    }
    let output = project.report(&["check", "2026"]);
    output.failure(1);
    contains(&output.stderr, &["这个数还没有填"]);
    insta::assert_snapshot!(output.stderr);
    // Traditional script carries over too.
    let project = Project::copy_of(&repo().join("examples/traditional"));
    project.report(&["new", "2018"]).success();
    let data = project.read("data/2018.yaml");
    contains(&data, &["script: traditional\n", "    approx: 餘\n"]);
}
