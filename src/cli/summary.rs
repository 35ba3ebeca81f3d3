//! What a build says: each report's messages as its result arrives, then
//! what the build did (`build` and `watch` both print it).

use crate::cli::console::Console;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Exit};
use crate::source::config::Project;
use crate::source::units::Job;
use crate::tr;
use crate::write::publish::{Built, Mode, Stale};

/// Prints each report's messages as its result arrives and, at the end,
/// what the build did; keeps counts, not results, so a run of any size
/// holds little.
pub(crate) struct Summary<'a> {
    project: &'a Project,
    mode: Mode,
    console: &'a Console,
    reports: usize,
    failed: usize,
    stale: usize,
    outputs: usize,
    written: usize,
    /// The first report's outputs, named when it is the only one.
    first_outputs: Vec<String>,
}

impl<'a> Summary<'a> {
    pub(crate) fn new(project: &'a Project, mode: Mode, console: &'a Console) -> Self {
        Self {
            project,
            mode,
            console,
            reports: 0,
            failed: 0,
            stale: 0,
            outputs: 0,
            written: 0,
            first_outputs: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, result: &Result<Built, Error>) {
        let console = self.console;
        self.reports += 1;
        match result {
            Ok(built) => {
                console.diagnostics(&built.warnings);
                if !built.failed.is_empty() {
                    self.failed += 1;
                    console.diagnostics(&built.failed);
                }
                for item in &built.stale {
                    self.stale += 1;
                    console.diagnostic(&stale_diagnostic(self.project, &built.job, item));
                }
                self.outputs += built.outputs.len();
                self.written += built.written.len();
                if console.verbose() {
                    self.details(built);
                }
                if self.reports == 1 {
                    self.first_outputs = built
                        .outputs
                        .iter()
                        .map(|p| self.project.shown(p))
                        .collect();
                }
            }
            Err(error) => {
                self.failed += 1;
                console.diagnostics(&error.diagnostics());
            }
        }
    }

    /// `-v`: what a report read and what became of each output.
    fn details(&self, built: &Built) {
        let project = self.project;
        let data = crate::source::files::year_file(&built.job.data_dir(project), built.job.year);
        self.console.detail(&tr!(
            "{}：读取 {}",
            "{}: read {}",
            built.job.label(),
            project.shown(&data)
        ));
        let workbook = crate::source::workbook::path(&built.job.data_dir(project), built.job.year);
        if workbook.is_file() {
            self.console.detail(&tr!(
                "{}：读取 {}",
                "{}: read {}",
                built.job.label(),
                project.shown(&workbook)
            ));
        }
        for path in &built.outputs {
            let shown = project.shown(path);
            let size = std::fs::metadata(path).map_or(0, |m| m.len());
            let kb = format!("{:.1}", size as f64 / 1024.0);
            self.console.detail(&match self.mode {
                Mode::Write if built.written.contains(path) => {
                    tr!("  写出 {shown}（{kb} KB）", "  wrote {shown} ({kb} KB)")
                }
                Mode::Write => tr!(
                    "  {shown} 没有变化（{kb} KB）",
                    "  {shown} unchanged ({kb} KB)"
                ),
                Mode::Check => tr!("  核对 {shown}", "  checked {shown}"),
            });
        }
    }

    /// Prints the verdict and says how the run ended: failed if any report
    /// failed, problems if `--check` found a stale output.
    pub(crate) fn finish(self) -> Exit {
        let Self {
            reports,
            failed,
            stale,
            outputs,
            written,
            ..
        } = self;
        let summary = match self.mode {
            // One report that failed: its errors say it all.
            Mode::Write if reports == 1 && failed == 1 => return Exit::Failed,
            Mode::Write if reports == 1 => {
                tr!(
                    "已生成 {}",
                    "wrote {}",
                    crate::lang::list(&self.first_outputs)
                )
            }
            Mode::Write => {
                let built = reports - failed;
                let files = crate::lang::count(outputs, "file", "files");
                let built_en = crate::lang::count(built, "report", "reports");
                tr!(
                    "已生成 {built} 份报告：{outputs} 个文件，{written} 个有改动",
                    "built {built_en}: {files}, {written} changed"
                )
            }
            Mode::Check if stale == 0 && failed == 0 => tr!(
                "{outputs} 个输出都与数据和模板一致",
                "all {outputs} outputs are current"
            ),
            Mode::Check => tr!(
                "{outputs} 个输出中 {stale} 个已过期或缺失",
                "{stale} of {outputs} outputs are stale or missing"
            ),
        };
        let failures = if failed > 0 {
            tr!("；{failed} 份失败", "; {failed} failed")
        } else {
            String::new()
        };
        self.console.summary(
            &format!("{summary}{failures}"),
            &[
                ("reports", reports),
                ("failed", failed),
                ("outputs", outputs),
                ("written", written),
                ("stale", stale),
            ],
        );
        if failed > 0 {
            Exit::Failed
        } else {
            Exit::problems_if(stale > 0)
        }
    }
}

fn stale_diagnostic(project: &Project, job: &Job, stale: &Stale) -> Diagnostic {
    let shown = project.shown(&stale.path);
    let command = project.invoked.job("build", job.year, job.unit.as_deref());
    let fix = tr!(
        "运行 {command} 重新生成，再提交",
        "run {command} to regenerate it, then commit"
    );
    match &stale.diff {
        None => Diagnostic::error(tr!("缺少输出 `{shown}`", "missing output `{shown}`"))
            .code("output-missing")
            .hint(fix),
        Some(diff) => Diagnostic::error(tr!(
            "`{shown}` 与现在的数据和模板不一致",
            "`{shown}` does not match the current data and templates"
        ))
        .code("output-stale")
        .note(diff.clone())
        .hint(fix),
    }
}
