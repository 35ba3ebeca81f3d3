//! The one pipeline every command shares: load → validate → render → lint,
//! all in memory, run by a [`Session`] (a project and its templates). `build`
//! writes what it returns; `check`, `figures` and `serve` read it.

use crate::tr;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::error::{Error, Findings, Outcome, found};
use crate::source::config::Project;
use crate::source::dataset::{self, Loaded};
use std::sync::Arc;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::check::lint;
use crate::check::rollup;
use crate::diagnostic::Finding;
use crate::render;
use crate::render::document::Document;
use crate::render::templates::Templates;
use crate::source::format::Format;
use crate::source::history::{self, Years};
use crate::source::units::Job;

/// One report (a unit's year), rendered and checked.
#[derive(Debug)]
pub(crate) struct Rendered {
    pub(crate) job: Job,
    /// Each requested format's path and bytes; empty when the data is invalid.
    pub(crate) outputs: Vec<(PathBuf, Vec<u8>)>,
    /// Errors and warnings, in the order found.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Formats that could not be made (no browser for the PDF, say); the
    /// others are still written.
    pub(crate) failed: Vec<Diagnostic>,
    /// Where the report sets its 署名 (`check` says so when it is not the
    /// 落款 at the end).
    pub(crate) signature: crate::model::Signature,
    /// The report's script (the faces of its PDF depend on it).
    pub(crate) script: crate::model::script::Script,
    /// The document tree, with the marks that say where each figure came
    /// from; `None` when the data could not be rendered.
    pub(crate) document: Option<Document>,
}

impl Rendered {
    pub(crate) fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// What checking one report found: its findings, its outputs let go.
#[derive(Debug)]
pub(crate) struct Checked {
    pub(crate) job: Job,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) signature: crate::model::Signature,
    pub(crate) script: crate::model::script::Script,
}

impl Checked {
    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// A project's run: the project and its templates, loaded once, and every
/// report of it rendered the one way. Each command opens one and asks it
/// for reports ([`render`](Self::render)), their findings
/// ([`check`](Self::check)) or their outputs written (`publish`, which is
/// `write::publish`'s: writing comes after the pipeline, which does not
/// know it). A unit's other years and build record are the unit's, read
/// once per unit by whichever thread builds it.
pub(crate) struct Session<'p> {
    pub(crate) project: &'p Project,
    pub(crate) templates: Templates,
}

/// Which of the project's formats a report is made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Making {
    /// Every format the project asks for, the fixed-layout ones (PDF, OFD)
    /// included: what `build` writes.
    All,
    /// The text formats only: `check`, `figures` and the preview read the
    /// text, and setting pages would only cost time.
    Text,
}

impl<'p> Session<'p> {
    /// The project's templates' problems are findings: `check` reports
    /// them against every report it was asked for.
    pub(crate) fn open(project: &'p Project) -> Outcome<Self> {
        let templates = found!(Templates::load(&project.templates_dir));
        Ok(Ok(Self { project, templates }))
    }

    /// The other years of `job`'s unit, read once for all its reports.
    pub(crate) fn years(&self, job: &Job) -> Years {
        let data_dir = job.data_dir(self.project);
        let shown = self.project.shown(&data_dir);
        Years::new(data_dir, shown)
    }

    /// Runs the pipeline for one report. Problems in the data or templates
    /// come back as diagnostics; only what stops the tool from running at
    /// all (a missing year, an unreadable file) is an `Err`.
    pub(crate) fn render(
        &self,
        job: &Job,
        making: Making,
        years: &mut Years,
    ) -> Result<Rendered, Error> {
        let fixed = making == Making::All;
        let mut rendered = render_unfiltered(self.project, &self.templates, job, fixed, years)?;
        rendered.diagnostics.retain(|d| self.project.reports(d));
        Ok(rendered)
    }

    /// Checks `jobs`, units in parallel, and hands each report's findings
    /// to `sink` in the order of `jobs`.
    pub(crate) fn check(&self, jobs: &[Job], sink: &mut dyn FnMut(Result<Checked, Error>)) {
        by_unit(
            jobs,
            &|unit_jobs| {
                let mut years = self.years(&unit_jobs[0]);
                unit_jobs
                    .iter()
                    .map(|job| {
                        self.render(job, Making::Text, &mut years)
                            .map(|rendered| Checked {
                                job: rendered.job,
                                diagnostics: rendered.diagnostics,
                                signature: rendered.signature,
                                script: rendered.script,
                            })
                    })
                    .collect()
            },
            sink,
        );
    }

    /// One report alone, with its unit's years read for it; the years come
    /// back too (what it loaded is kept there).
    pub(crate) fn render_one(&self, job: &Job, making: Making) -> Result<(Rendered, Years), Error> {
        let mut years = self.years(job);
        let rendered = self.render(job, making, &mut years)?;
        Ok((rendered, years))
    }
}

fn render_unfiltered(
    project: &Project,
    templates: &Templates,
    job: &Job,
    fixed: bool,
    years: &mut Years,
) -> Result<Rendered, Error> {
    let (year, data_dir) = (job.year, job.data_dir(project));
    let shown = project.shown(&crate::source::files::year_file(&data_dir, year));
    let mut rendered = Rendered {
        job: job.clone(),
        outputs: Vec::new(),
        diagnostics: Vec::new(),
        failed: Vec::new(),
        signature: crate::model::Signature::End,
        script: crate::model::script::Script::Simplified,
        document: None,
    };
    let mut loaded = match dataset::load(&data_dir, year, &shown)? {
        Ok(loaded) => loaded,
        Err(Findings(diagnostics)) => {
            rendered.diagnostics = diagnostics;
            return Ok(rendered);
        }
    };
    rendered.signature = loaded.report.signature;
    rendered.script = loaded.report.script;
    let mut compared = history::attach(years, year, &mut loaded);
    compared.extend(rollup::check(project, job, &mut loaded));
    if compared.iter().any(|d| d.severity == Severity::Error) {
        rendered.diagnostics = loaded.warnings;
        in_file_order(&mut rendered.diagnostics, &shown);
        rendered.diagnostics.extend(compared);
        return Ok(rendered);
    }
    render_loaded(project, templates, &loaded, &mut rendered, fixed);
    in_file_order(&mut rendered.diagnostics, &shown);
    // Across the years and units: a cause (a child that is not there)
    // before what it causes, as found.
    rendered.diagnostics.extend(compared);
    years.keep(year, Arc::new(loaded));
    Ok(rendered)
}

/// A report's own findings in the order a clerk works through them: those
/// in the year's data file by place, then the rest (the workbook, the
/// templates, what has no place) as they came.
fn in_file_order(diagnostics: &mut [Diagnostic], file: &str) {
    diagnostics.sort_by_key(|d| match &d.location {
        Some(at) if at.file == file && at.cell.is_none() => (0, at.line, at.column),
        _ => (1, 0, 0),
    });
}

/// Calls `each` with every unit's jobs (jobs are ordered by unit), units in
/// parallel, and hands each result to `sink` on this thread in the order of
/// `jobs` as soon as those before it are in. Memory then holds the units in
/// flight, not every report of a run (10,000 reports' warnings were 16 MB).
pub(crate) fn by_unit<T: Send>(
    jobs: &[Job],
    each: &(dyn Fn(&[Job]) -> Vec<T> + Sync),
    sink: &mut dyn FnMut(T),
) {
    let units: Vec<&[Job]> = jobs.chunk_by(|a, b| a.unit == b.unit).collect();
    // One unit (or one core) needs no threads; starting them costs more
    // than a report, and so does asking how many cores there are (it reads
    // the cgroup files).
    let threads = if units.len() <= 1 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    };
    if threads <= 1 {
        units.iter().flat_map(|unit| each(unit)).for_each(sink);
        return;
    }
    // Units are handed out in order, so the results waiting for an earlier,
    // slower unit stay few.
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (sender, next, units) = (sender.clone(), &next, &units);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(unit) = units.get(index) else { break };
                    if sender.send((index, each(unit))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        for (index, results) in receiver {
            waiting.insert(index, results);
            while let Some(results) = waiting.remove(&wanted) {
                results.into_iter().for_each(&mut *sink);
                wanted += 1;
            }
        }
    });
}

/// The whole pipeline on the text of a data file, with the built-in
/// templates and nothing read or written: what the fuzz target and the
/// property tests drive.
pub fn check_text(text: &str, year: u16) -> Vec<Diagnostic> {
    let file = SourceFile::new(format!("data/{year}.yaml"), text);
    let mut rendered = Rendered {
        job: Job { unit: None, year },
        outputs: Vec::new(),
        diagnostics: Vec::new(),
        failed: Vec::new(),
        signature: crate::model::Signature::End,
        script: crate::model::script::Script::Simplified,
        document: None,
    };
    let project = Project {
        root: PathBuf::from("."),
        data_dir: PathBuf::from("data"),
        templates_dir: PathBuf::new(),
        out_dir: PathBuf::from("out"),
        formats: Format::DEFAULT.to_vec(),
        style: crate::source::format::Style::default(),
        browser: None,
        allow: Vec::new(),
        preview: false,
        invoked: crate::source::config::Invocation::default(),
    };
    let templates = match Templates::builtin() {
        Ok(Ok(templates)) => templates,
        Ok(Err(Findings(diagnostics))) => return diagnostics,
        Err(error) => return error.diagnostics(),
    };
    match dataset::parse(&file, year) {
        Ok(loaded) => render_loaded(&project, &templates, &loaded, &mut rendered, false),
        Err(Findings(diagnostics)) => rendered.diagnostics = diagnostics,
    }
    rendered.diagnostics
}

fn render_loaded(
    project: &Project,
    templates: &Templates,
    loaded: &Loaded,
    rendered: &mut Rendered,
    fixed: bool,
) {
    let year = rendered.job.year;
    let out_dir = rendered.job.out_dir(project);
    rendered.diagnostics.extend(loaded.warnings.iter().cloned());
    unused_metrics(loaded, templates, &mut rendered.diagnostics);
    rendered
        .diagnostics
        .extend(templates.warnings().iter().cloned());

    // Markdown is always rendered, written or not: it is the document every
    // format is made from, and the lints read it, so a custom template's
    // text is checked too.
    let context = render::context(&loaded.report, &project.style);
    // The template's output still carries the marks that say where each
    // text and figure came from; the tree keeps them, the Markdown written
    // does not.
    let marked = match render::markdown(&context, templates) {
        Ok(text) => text,
        Err(Findings(diagnostics)) => {
            rendered.diagnostics.extend(diagnostics);
            return;
        }
    };
    let markdown = crate::model::marks::strip(&marked).into_owned();
    let path_of = |format: Format| out_dir.join(format!("{year}.{}", format.extension()));
    if project
        .formats
        .iter()
        .any(|f| matches!(f, Format::Html | Format::Pdf))
    {
        rendered
            .diagnostics
            .extend(templates.shell_warnings().iter().cloned());
    }
    let (document, mut findings) = Document::parse(&marked);
    findings.extend(lint::document(&document, &loaded.report.charts));
    // The tool sets the PDF and OFD in the machine's faces: what none of
    // them has would be left out of them.
    let set = project.set_formats();
    if !set.is_empty() {
        let lacks = render::set::lacks(loaded.report.script);
        findings.extend(crate::check::glyphs::unprintable(&document, &lacks, &set));
    }
    rendered
        .diagnostics
        .extend(findings.iter().map(|f| finding(f, loaded, templates)));

    let input = render::Input {
        markdown: &markdown,
        document: &document,
        report: &loaded.report,
        style: &project.style,
        templates,
        context: &context,
        browser: project.browser.as_deref(),
        page: std::sync::OnceLock::new(),
        origins: project.preview.then_some(&loaded.origins),
    };
    for &format in &project.formats {
        if format.is_set() && !fixed {
            continue;
        }
        match render::renderer(format).render(&input) {
            Ok(Ok(bytes)) => {
                rendered.outputs.push((path_of(format), bytes));
                // The Markdown's charts are pictures beside it.
                if format == Format::Markdown {
                    let charts = render::chart_files(&input);
                    let charts = charts
                        .into_iter()
                        .map(|(name, svg)| (out_dir.join(name), svg));
                    rendered.outputs.extend(charts);
                }
            }
            Ok(Err(Findings(diagnostics))) => {
                rendered.diagnostics.extend(diagnostics);
                rendered.outputs.clear();
                return;
            }
            Err(failure) => rendered.failed.extend(failure.diagnostics()),
        }
    }
    if rendered.has_errors() {
        rendered.outputs.clear();
    }
    rendered.document = Some(document);
}

/// A lint finding as a diagnostic, pointed at the character it is about:
/// in the data file when the text was typed there (the marks say), else in
/// the template that printed it.
fn finding(finding: &Finding, loaded: &Loaded, templates: &Templates) -> Diagnostic {
    let typed = finding.within.as_ref().and_then(|within| {
        loaded.origins.locate(
            &loaded.file,
            &within.marks,
            within.byte,
            &finding.excerpt,
            finding.chars,
        )
    });
    let diagnostic = match finding.severity {
        Severity::Error => Diagnostic::error(finding.message.clone()),
        Severity::Warning => Diagnostic::warning(finding.message.clone()),
    }
    .code(finding.rule)
    .hint(finding.hint.clone());
    match typed.or_else(|| templates.locate(&finding.excerpt, finding.chars)) {
        Some(location) => diagnostic.at(location),
        None => diagnostic.note(tr!(
            "这段文字由模板 report.md 生成",
            "this text is printed by the template report.md"
        )),
    }
}

fn unused_metrics(loaded: &Loaded, templates: &Templates, out: &mut Vec<Diagnostic>) {
    for metric in &loaded.report.metrics {
        // A metric without a value is already reported as such.
        if metric.value.is_none()
            || loaded.used.contains(&metric.key)
            || templates.mention_metric(&metric.key)
        {
            continue;
        }
        let mut warning = Diagnostic::warning(tr!(
            "指标 `{}`（{}）没有在正文中引用，报告里不会出现",
            "metric `{}` ({}) is not referred to in the text and will not appear in the report",
            metric.key,
            metric.label
        ))
        .code("unused-metric")
        .hint(tr!(
            "在相应的正文中写 {{{}}}，或删去这个指标",
            "write {{{}}} in the text where it belongs, or remove the metric",
            metric.key
        ));
        if let Some(at) = loaded.metric_locations.get(&metric.key) {
            warning = warning.at(at.clone());
        }
        out.push(warning);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::numbers;
    use proptest::prelude::*;

    fn data(value: u32, approx: bool, text: &str) -> String {
        format!(
            "topic: 测试\nissuer: 某办\ndate: 2017-12-28\nmetrics:\n  m:\n    label: 某指标\n    value: {value}\n    unit: 处\n    approx: {approx}\nwork:\n  text: \"{text}{{m}}。\"\nproblems: {{text: 问题。}}\nplan: {{text: 计划。}}\n"
        )
    }

    proptest! {
        // Whatever the bytes of a data file, the pipeline answers with
        // diagnostics, never a panic.
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
            let _ = check_text(&text, 2017);
        }

        #[test]
        fn yaml_shaped_text_never_panics(text in "[a-z{}:\\[\\]\\-&*!|>'\" \n\t#0-9.~年，]{0,200}") {
            let _ = check_text(&text, 2017);
        }

        // The genre's keys in any combination, with any figures: answers,
        // never a panic, and a figure in 万 or 亿 reads back as typed.
        #[test]
        fn genre_keys_never_panic(
            value in 0u64..1_000_000_000_000,
            target in 0u64..1_000_000,
            scale in prop::sample::select(vec!["", "万", "亿", "千"]),
            approx in prop::sample::select(vec!["false", "true", "余", "约", "大约"]),
            unit in prop::sample::select(vec!["处", "%", "万车次", "平方米", "處"]),
            cells in 0usize..4,
            script in prop::sample::select(vec!["simplified", "traditional"]),
        ) {
            let scale_line = if scale.is_empty() { String::new() } else { format!("    scale: {scale}\n") };
            let row: Vec<String> = (0..cells).map(|i| if i % 2 == 0 { "\"{m}\"".to_string() } else { "\"{m.share}\"".to_string() }).collect();
            let text = format!(
                "topic: 测试\nissuer: 某办\ndate: 2017-12-28\nscript: {script}\nmetrics:\n  m:\n    label: 某指标\n    value: {value}\n    unit: \"{unit}\"\n{scale_line}    approx: {approx}\n    target: {target}\nparts:\n  - heading: 2017年工作总结\n    text: \"共{{m}}，{{m.completion}}。\"\n    table:\n      columns: [甲, 乙, 丙]\n      rows:\n        - [{}]\n  - heading: 2018年工作计划\n    text: 计划。\n",
                row.join(", ")
            );
            let _ = check_text(&text, 2017);
        }

        // Every figure typed reaches the report, written by the number rules.
        #[test]
        fn figures_reach_the_report(value in 10u32..2_000_000_000, approx: bool) {
            let diagnostics = check_text(&data(value, approx, "共整治"), 2017);
            prop_assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "{:?}", diagnostics);
            let project = Project {
                root: PathBuf::from("."),
                data_dir: PathBuf::from("data"),
                templates_dir: PathBuf::new(),
                out_dir: PathBuf::from("out"),
                formats: vec![Format::Markdown],
                style: crate::source::format::Style::default(),
                browser: None,
                allow: Vec::new(),
                preview: false,
                invoked: crate::source::config::Invocation::default(),
            };
            let file = SourceFile::new("data/2017.yaml", data(value, approx, "共整治"));
            let loaded = dataset::parse(&file, 2017).unwrap();
            let mut rendered = Rendered { job: Job { unit: None, year: 2017 }, outputs: Vec::new(), diagnostics: Vec::new(), failed: Vec::new(), signature: crate::model::Signature::End, script: crate::model::script::Script::Simplified, document: None };
            render_loaded(&project, &Templates::builtin().unwrap().unwrap(), &loaded, &mut rendered, false);
            let figure = if approx {
                numbers::approximate(f64::from(value))
            } else {
                value.to_string()
            };
            let want = format!("共整治{figure}处。");
            prop_assert!(String::from_utf8_lossy(&rendered.outputs[0].1).contains(&want));
        }
    }
}
