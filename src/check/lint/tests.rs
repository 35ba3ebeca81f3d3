use super::*;

fn messages(text: &str) -> Vec<String> {
    let (tree, _) = Document::parse(text);
    document(&tree, &[])
        .into_iter()
        .map(|f| f.message)
        .collect()
}

// A number typed into a run-in heading is one mistake, said once: the
// heading's typed number, not also a heading run into its own words.
#[test]
fn a_run_in_heading_is_checked_as_a_heading() {
    let typed = messages("**（一）1.绿化**。栽植。\n");
    assert_eq!(typed.len(), 1, "{typed:?}");
    assert!(typed[0].contains("标题里手写了序号“1.”"), "{typed:?}");
    let after = messages("**（一）绿化**。栽植工程（二）全面治理。\n");
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(after[0].contains("“（二）全面治理"), "{after:?}");
}

#[test]
fn clean_text_has_no_findings() {
    let text = "# 标题\n\n## 一、主要工作\n\n共整治40余处，更换7200㎡，完成2200㎡（含围墙）。\n\n#### 1.达成铁路沿线整治\n";
    assert_eq!(messages(text), Vec::<String>::new());
}

#[test]
fn seed_defects_are_found() {
    // D11: a figure printed as zeros.
    assert!(messages("民房外墙00㎡，清理8吨。")[0].contains("一串 0"));
    assert!(messages("增长0.00%").is_empty(), "a decimal is a figure");
    assert!(messages("2000㎡").is_empty());
    // D13–D16: half-width punctuation in Chinese prose.
    assert_eq!(messages("近年来,全区").len(), 1);
    assert_eq!(messages("报告如下:").len(), 1);
    assert_eq!(messages("街道办事处(镇)").len(), 2);
    assert!(messages("第1,2项 a,b").is_empty(), "not next to Chinese");
    // D1, D4: headings run into text.
    assert!(messages("持续推进工程（二）全面治理农村生活垃圾")[0].contains("标题连在了前文"));
    assert!(
        messages("农村生活垃圾(三)大力实施")
            .iter()
            .any(|m| m.contains("标题连在了前文"))
    );
    assert!(messages("大力实施风貌塑造2.达成铁路沿线整治")[0].contains("标题连在了前文"));
    assert!(
        messages("一是加强。（二）狠抓").is_empty(),
        "after a full stop it may be a list"
    );
    assert!(messages("办事处（含部分市级部门）").is_empty());
}

#[test]
fn placeholders_empty_headings_and_repeats() {
    assert!(messages("完成XX处。")[0].contains("占位符"));
    for masked in ["20xx年", "截至x月x日", "××镇", "完成ｘｘ户", "编号20XX"] {
        assert!(!messages(masked).is_empty(), "{masked}");
    }
    for clean in ["Xbox 用户", "3×4米", "x 轴", "XML 文件", "2×2"] {
        assert!(messages(clean).is_empty(), "{clean}: {:?}", messages(clean));
    }
    assert!(messages("数字待补充。")[0].contains("待补充"));
    assert!(messages("### （二）")[0].contains("空标题"));
    let repeated = "一段足够长的文字用于检查重复。\n\n一段足够长的文字用于检查重复。\n";
    assert!(messages(repeated)[0].contains("完全相同"));
}

#[test]
fn typed_numbers_are_caught() {
    assert!(messages("## 四、四、2018年工作打算")[0].contains("手写了序号“四、”"));
    assert!(messages("### （一）（一）狠抓执法")[0].contains("（一）"));
    assert!(messages("（一）狠抓执法攻坚行动。")[0].contains("正文开头"));
    assert!(messages("## 四、2018年工作打算").is_empty());
    assert!(messages("#### 1.1.5万平方米").is_empty(), "1.5 is a figure");
    assert!(messages("一是加强队伍建设。").is_empty());
    assert!(messages("2017年，全区完成整治。").is_empty());
    assert!(messages("![图](chart:none)")[0].contains("chart:none"));
}
