//! `report build`: the bundled example, outputs, options, determinism.
//!
//! Messages are asserted whole (snapshots); the tests of the README and of
//! chart files look for the lines they are about, the rest being prose.

use crate::support::{Project, contains, repo};
use report::BlockKind;

// The example's outputs, pinned: any change to the model, the number rules or
// the templates shows up here as a reviewable diff.
#[test]
fn example_renders_as_pinned() {
    let project = Project::example();
    project.report(&["build", "2017"]).success();
    insta::assert_snapshot!("example_2017_md", project.read("out/2017.md"));
    insta::assert_snapshot!("example_2017_html", project.read("out/2017.html"));
}

// Every figure of the seed document survives, and none of its defects D1–D19
// (shared/reference/gbt9704.md §3) does, in Markdown or in HTML.
#[test]
fn example_keeps_every_figure_and_none_of_the_seed_defects() {
    let project = Project::example();
    project.report(&["build", "2017"]).success();
    let md = project.read("out/2017.md");
    let html = project.read("out/2017.html");
    let body = html.split("<main").nth(1).expect("a main element");
    for figure in [
        "40余处",
        "2万余㎡",
        "7200㎡",
        "2200㎡",
        "8吨",
        "18处",
        "30株",
        "122户",
    ] {
        assert!(
            md.contains(figure) && body.contains(figure),
            "{figure} missing"
        );
    }
    // D1, D6: every heading on its own line, nothing run into it — but
    // part 三's, which the seed runs into their text, as the data asks.
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(headings.len(), 15);
    assert!(md.contains("\n**（一）常态治理有待加强**。通过开展"));
    assert!(md.contains("\n**（二）市民素质仍需提高**。虽然我区"));
    for line in &headings {
        assert!(line.chars().count() < 40, "text run into a heading: {line}");
    }
    // D2, D7: the missing part headings are restored; D4, D8–D10: no gaps.
    let expected = [
        "## 一、主要工作及成效",
        "## 二、创新做法",
        "## 三、存在的问题",
        "## 四、下一步工作打算",
        "### （七）助力脱贫攻坚",
        "#### 1.达成铁路沿线整治",
        "### （一）狠抓执法攻坚行动",
        "### （二）深化舆论宣传",
    ];
    for heading in expected {
        assert!(md.lines().any(|l| l == heading), "{heading} missing");
    }
    assert!(!md.contains("2.达成") && !md.contains("（三）深化") && !md.contains("（四）深化"));
    // D11: no figure is a bare run of zeros, and the unknown one is left out.
    let bare_zeros = md.char_indices().any(|(i, _)| {
        md[i..].starts_with("00") && !md[..i].ends_with(|p: char| p.is_ascii_digit())
    });
    assert!(!bare_zeros, "a figure printed as 00");
    assert!(!md.contains("民房外墙"));
    // D12: the stray 量.
    assert!(!md.contains("素质量"));
    // D13–D16: no half-width , : ; ( ) in the prose, read from the document
    // tree every format is rendered from (markup lines are not prose).
    let (tree, _) = report::Document::parse(&md);
    let prose: Vec<String> = tree
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph { text, .. } | BlockKind::Heading { text, .. } => {
                Some(report::plain(text))
            }
            _ => None,
        })
        .collect();
    assert!(prose.len() > 20);
    for text in &prose {
        for c in [',', ':', ';', '(', ')'] {
            assert!(!text.contains(c), "half-width {c} in {text}");
        }
        // D17: no ASCII spaces as separators inside text.
        assert!(!text.contains(' '), "a space inside {text}");
    }
    // D18: no stray last line; D19: 署名 and 成文日期 close the document.
    let Some(BlockKind::Signature { lines, .. }) = tree.blocks.last().map(|b| &b.kind) else {
        panic!("the document does not end with the 落款");
    };
    assert_eq!(
        lines,
        &["通川区城乡环境综合治理工作领导小组办公室", "2017年12月28日"]
    );
    assert!(
        md.ends_with("<!-- 落款 -->\n通川区城乡环境综合治理工作领导小组办公室\\\n2017年12月28日\n")
    );
    assert!(body.contains("<div class=\"issuer\">通川区城乡环境综合治理工作领导小组办公室</div>"));
    // Figures are kept on one line: the date's year, month and day each
    // in a no-break span.
    assert!(body.contains(
        r#"<div class="date"><span class="nw">2017年</span><span class="nw">12月</span><span class="nw">28日</span></div>"#
    ));
}

// The unknown figure is not invented, and the build says so.
#[test]
fn example_warns_about_the_unknown_figure() {
    let project = Project::example();
    let output = project.report(&["build", "2017"]);
    output.success();
    assert!(
        output.stdout.is_empty(),
        "messages go to stderr, stdout stays clean"
    );
    assert!(
        output
            .stderr
            .contains("警告: 指标 `house_walls`（美化民房外墙）没有数值"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
    contains(
        &output.stderr,
        &[
            "data/2017.yaml:",
            "已生成 out/2017.md、out/2017-roof_tiles.svg、out/2017-livestock_farms.svg、out/2017.html、out/2017.docx\n",
        ],
    );
}

#[test]
fn same_inputs_same_bytes() {
    let project = Project::example();
    project.report(&["build", "2017", "--out", "a"]).success();
    project.report(&["build", "2017", "--out", "b"]).success();
    for ext in ["md", "html"] {
        assert_eq!(
            project.read(&format!("a/2017.{ext}")),
            project.read(&format!("b/2017.{ext}"))
        );
    }
}

#[test]
fn out_and_format_options() {
    let project = Project::example();
    project
        .report(&["build", "2017", "--out", "dist/reports", "--format", "html"])
        .success();
    assert!(project.exists("dist/reports/2017.html"));
    assert!(!project.exists("dist/reports/2017.md"));
    assert!(!project.exists("out"));
}

#[test]
fn project_flag_builds_elsewhere() {
    let project = Project::example();
    let elsewhere = Project::empty();
    let dir = project.path().to_str().unwrap();
    elsewhere.report(&["-C", dir, "build", "2017"]).success();
    assert!(project.exists("out/2017.md"));
    assert!(!elsewhere.exists("out"));
}

#[test]
fn project_config_sets_out_and_formats() {
    let project = Project::example();
    project.write("report.yaml", "out: 成品\nformats: [md]\n");
    project.report(&["build", "2017"]).success();
    assert!(project.exists("成品/2017.md"));
    assert!(!project.exists("成品/2017.html"));
}

#[test]
fn leaves_no_temporary_files() {
    let project = Project::example();
    project.report(&["build", "2017"]).success();
    project.report(&["build", "2017"]).success();
    let mut names: Vec<String> = std::fs::read_dir(project.path().join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".report-lock",
            ".report-manifest.json",
            "2017-livestock_farms.svg",
            "2017-roof_tiles.svg",
            "2017.docx",
            "2017.html",
            "2017.md"
        ]
    );
}

// The Markdown is CommonMark whose structure comes from the model alone:
// one h1, the parts as h2, no HTML but the GB/T element markers (comments,
// invisible wherever Markdown is shown), every paragraph plain text.
#[test]
fn markdown_structure_is_clean_commonmark() {
    use comrak::nodes::NodeValue;
    let project = Project::example();
    project.report(&["build", "2017"]).success();
    let md = project.read("out/2017.md");
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, &md, &comrak::Options::default());
    let mut levels = Vec::new();
    for node in root.descendants() {
        match &node.data.borrow().value {
            NodeValue::Heading(h) => levels.push(usize::from(h.level)),
            NodeValue::HtmlBlock(html) => {
                let marker = html.literal.trim();
                assert!(
                    marker == "<!-- 表题 -->" || marker == "<!-- 落款 -->",
                    "unexpected HTML {marker}"
                );
            }
            NodeValue::HtmlInline(_) | NodeValue::List(_) => {
                panic!("unexpected {:?}", node.data.borrow().value)
            }
            _ => {}
        }
    }
    assert_eq!(count(&levels, 1), 1);
    assert_eq!(count(&levels, 2), 4);
    // Part 三's two headings run into their text (the seed's own layout).
    assert_eq!(count(&levels, 3), 9);
    assert_eq!(count(&levels, 4), 1);
}

fn count(levels: &[usize], level: usize) -> usize {
    levels.iter().filter(|l| **l == level).count()
}

// Data is text, never markup: whatever a clerk types shows as typed.
#[test]
fn data_cannot_inject_markup() {
    let project = Project::fixture("injection");
    project.report(&["build", "2017"]).success();
    let html = project.read("out/2017.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>粗体"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("{{ report.title }} {% if x %}"),
        "templates in data are not evaluated"
    );
    // Word gets the data as typed, as text.
    let docx = crate::office::part(&project.path().join("out/2017.docx"), "word/document.xml");
    contains(
        &docx,
        &["&lt;script&gt;alert(1)&lt;/script&gt;", "*不是强调*"],
    );
    let md = project.read("out/2017.md");
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    let root = comrak::parse_document(&arena, &md, &options);
    let headings = root
        .descendants()
        .filter(|n| matches!(n.data.borrow().value, comrak::nodes::NodeValue::Heading(_)))
        .count();
    // title, 一、, （一）, 二、 (problems), 三、 (plan): nothing from the data.
    assert_eq!(headings, 5, "{md}");
    for node in root.descendants() {
        let value = &node.data.borrow().value;
        if let comrak::nodes::NodeValue::HtmlBlock(html) = value {
            assert_eq!(
                html.literal.trim(),
                "<!-- 落款 -->",
                "data became markup\n{md}"
            );
        }
        assert!(
            !matches!(
                value,
                comrak::nodes::NodeValue::HtmlInline(_)
                    | comrak::nodes::NodeValue::List(_)
                    | comrak::nodes::NodeValue::Link(_)
                    | comrak::nodes::NodeValue::Emph
                    | comrak::nodes::NodeValue::Table(_)
                    | comrak::nodes::NodeValue::CodeBlock(_)
            ),
            "data became markup: {value:?}\n{md}"
        );
    }
}

// A project's own template replaces the built-in one of the same name only,
// and the Markdown template is the document: the HTML and Word follow it.
#[test]
fn own_template_overrides_file_by_file() {
    let project = Project::example();
    project.write(
        "templates/report.md",
        "{{ report.title }}：{{ metrics.roof_tiles.text }}\n",
    );
    project.report(&["build", "2017"]).success();
    assert_eq!(
        project.read("out/2017.md"),
        "2017年城乡环境综合治理工作总结及2018年工作计划：7200㎡\n"
    );
    let html = project.read("out/2017.html");
    assert!(
        crate::support::html_text(&html)
            .contains("2017年城乡环境综合治理工作总结及2018年工作计划：7200㎡")
    );
    assert!(!html.contains("<h2>一、主要工作及成效</h2>"));
    // The built-in page shell is still used: the print CSS is there.
    assert!(html.contains("@page"));
}

#[test]
fn readme_opens_with_the_two_commands() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let head: String = readme.lines().take(20).collect::<Vec<_>>().join("\n");
    contains(&head, &["cargo run --release -- build 2017", "cargo test"]);
}

// The README is a front page (set-up, a tour, links); the manual is in
// docs/, one chapter a file, every chapter linked and every link whole.
#[test]
fn the_readme_is_short_and_links_every_chapter() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(
        readme.len() <= 15 * 1024,
        "README is {} bytes",
        readme.len()
    );
    let docs = repo().join("docs");
    let summary = std::fs::read_to_string(docs.join("SUMMARY.md")).unwrap();
    for entry in std::fs::read_dir(&docs).unwrap().flatten() {
        let name = entry.file_name().into_string().unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") && name != "SUMMARY.md" {
            assert!(
                readme.contains(&format!("](docs/{name})")),
                "README lacks {name}"
            );
            assert!(
                summary.contains(&format!("]({name})")),
                "SUMMARY lacks {name}"
            );
        }
    }
    let mut pages = vec![(repo(), readme)];
    for entry in std::fs::read_dir(&docs).unwrap().flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            pages.push((docs.clone(), std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    for (dir, text) in pages {
        // Links in code are examples, not links.
        let mut prose = String::new();
        let mut fenced = false;
        for line in text.lines() {
            fenced ^= line.starts_with("```");
            if !fenced {
                prose.extend(line.split('`').step_by(2));
                prose.push('\n');
            }
        }
        for link in prose.split("](").skip(1) {
            let target = link.split(')').next().unwrap_or_default();
            let file = target.split('#').next().unwrap_or_default();
            if file.is_empty() || file.contains("://") {
                continue;
            }
            assert!(
                dir.join(file).exists(),
                "broken link {target} in {}",
                dir.display()
            );
        }
    }
}

// A page shell from before the one-template change, which does not place the
// body, is not silently used: the build says what to change.
#[test]
fn an_old_page_shell_is_pointed_out() {
    let project = Project::example();
    project.write(
        "templates/report.html",
        "<html><body><h1>{{ report.title }}</h1></body></html>\n",
    );
    let output = project.report(&["build", "2017"]);
    output.success();
    assert!(
        output.stderr.contains("templates/report.html")
            && output.stderr.contains("没有放正文 {{ body | safe }}"),
        "{}",
        output.stderr
    );
    insta::assert_snapshot!(output.stderr);
}

// The genre's run-in headings (“（一）常态治理有待加强。通过开展……”) and a
// 主送机关 under the title, in every format.
#[test]
fn run_in_headings_and_the_addressee_reach_every_format() {
    let project = Project::empty();
    project.write(
        "data/2017.yaml",
        &crate::support::GOOD
            .replace(
                "date: 2017-12-28\n",
                "date: 2017-12-28\naddressee: 区委、区政府\n",
            )
            .replace(
                "    - heading: 绿化\n",
                "    - heading: 绿化\n      run_in: true\n",
            ),
    );
    project.report(&["build", "2017"]).success();
    let md = project.read("out/2017.md");
    contains(
        &md,
        &[
            "<!-- 主送机关 -->\n区委、区政府：\n",
            "\n**（一）绿化**。栽植绿化树30株。\n",
        ],
    );
    assert!(!md.contains("### （一）"), "{md}");
    let html = project.read("out/2017.html");
    assert!(
        html.contains(r#"<p class="addressee">区委、区政府：</p>"#),
        "{html}"
    );
    contains(&html, &["<p><strong>（一）绿化</strong>。栽植绿化树"]);
    let xml = crate::office::part(&project.path().join("out/2017.docx"), "word/document.xml");
    assert!(xml.contains(r#"<w:pStyle w:val="Addressee" />"#));
    let bold_lead = xml
        .split("</w:r>")
        .any(|run| run.contains("<w:b />") && run.contains("（一）绿化"));
    assert!(bold_lead, "{xml}");
    // The tool numbers run-in headings too: a number typed into one is caught.
    project.write(
        "data/2017.yaml",
        &project
            .read("data/2017.yaml")
            .replace("heading: 绿化", "heading: （一）绿化"),
    );
    let output = project.report(&["check", "2017"]);
    output.failure(1);
    contains(&output.stderr, &["标题里手写了序号“（一）”"]);
    insta::assert_snapshot!(output.stderr);
}

// The Markdown shows its charts where Markdown is read (GitHub, VS Code,
// pandoc): each is an SVG file beside it, the same drawing the HTML holds;
// a chart the template drops goes with it, but not on a build of other
// formats, which leaves the Markdown as it was.
#[test]
fn the_markdowns_charts_are_files_beside_it() {
    let project = Project::example();
    project.report(&["build", "2017"]).success();
    let markdown = project.read("out/2017.md");
    assert!(
        markdown.contains("![更换屋顶彩钢瓦面：2016年6500㎡，2017年7200㎡](2017-roof_tiles.svg)\n"),
        "{markdown}"
    );
    assert!(!markdown.contains("chart:"), "{markdown}");
    let svg = project.read("out/2017-roof_tiles.svg");
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(project.read("out/2017.html").contains(svg.trim_end()));

    project.write("templates/report.md", "# {{ report.title }}\n\n正文。\n");
    project
        .report(&["build", "2017", "--format", "docx"])
        .success();
    assert!(project.exists("out/2017-roof_tiles.svg"));
    project.report(&["build", "2017"]).success();
    assert!(!project.exists("out/2017-roof_tiles.svg"));
    assert!(!project.exists("out/2017-livestock_farms.svg"));
}
