//! `report import FILE [--year] [--unit]`: an old report into
//! `data/<YEAR>.yaml` (or a unit's folder), never over an existing file;
//! every repair and guess is printed as a warning at its place in the
//! original, and the summary says what to check next.

use std::path::Path;

use crate::cli::ImportArgs;
use crate::cli::console::Console;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Exit};
use crate::import;
use crate::source::config::{Overrides, Project};
use crate::source::files::year_file;
use crate::tr;
use crate::write::output;

pub(crate) fn run(args: &ImportArgs, root: &Path, console: &Console) -> Result<Exit, Error> {
    let project = Project::open(root, Overrides::default())?;
    let data_dir = match &args.unit {
        Some(unit) => project.data_dir.join(unit_name(unit)?),
        None => project.data_dir.clone(),
    };
    // As typed when relative; an absolute path is shown (and recorded in
    // the data file's header) from the project, or by its name alone, so
    // that no file names someone's home folder.
    let shown_source = if args.file.is_absolute() {
        match args.file.strip_prefix(&project.root) {
            Ok(_) => project.shown(&args.file),
            Err(_) => args.file.file_name().map_or_else(
                || args.file.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            ),
        }
    } else {
        args.file.display().to_string()
    };
    // The file's name is known once the year is; the message names the
    // folder until then.
    let provisional = project.shown(&data_dir.join("<YEAR>.yaml"));
    let imported = import::import(&args.file, &shown_source, args.year, &provisional)?;
    let path = year_file(&data_dir, imported.year);
    let shown = project.shown(&path);
    let exists = || {
        Error::Invalid(vec![
            Diagnostic::error(tr!("`{shown}` 已经存在", "`{shown}` already exists")).code("file-exists").hint(tr!(
                "import 不覆盖已有的数据文件；先把它移走，或用 --year 导入为别的年份",
                "import never overwrites a data file; move it away first, or import as another year with --year"
            )),
        ])
    };
    if path.exists() {
        return Err(exists());
    }
    let text = format!(
        "{}\n{}",
        super::datafile::schema_modeline(&project, &path)?,
        imported.yaml
    );
    if !output::write_new(&path, text.as_bytes())? {
        return Err(exists());
    }
    console.diagnostics(&imported.warnings);
    let summary = &imported.summary;
    console.status(&if crate::lang::chinese() {
        format!(
            "已导入 {shown}：{} 个部分、{} 个小标题、{} 个指标（正文引用 {} 处），缺失的数字 {} 个，待核对 {} 处",
            summary.parts,
            summary.headings,
            summary.metrics,
            summary.references,
            summary.missing_figures,
            summary.to_confirm
        )
    } else {
        use crate::lang::count;
        format!(
            "imported {shown}: {}, {}, {} ({} in the text), {}, {} to confirm",
            count(summary.parts, "part", "parts"),
            count(summary.headings, "heading", "headings"),
            count(summary.metrics, "metric", "metrics"),
            count(summary.references, "reference", "references"),
            count(summary.missing_figures, "missing figure", "missing figures"),
            summary.to_confirm
        )
    });
    let check = project
        .invoked
        .job("check", imported.year, args.unit.as_deref());
    console.status(&tr!(
        "下一步：对照原稿看一遍 {shown}，再运行 {check} 逐条核对",
        "next: read {shown} against the original, then run {check} for what is left to confirm"
    ));
    Ok(Exit::Done)
}

/// A unit's folder name: one plain name, never a path.
fn unit_name(unit: &str) -> Result<&str, Error> {
    let plain = !unit.is_empty()
        && !unit.starts_with('.')
        && !unit.contains(['/', '\\', '\0', ':'])
        && unit.chars().all(|c| !c.is_control());
    if plain {
        Ok(unit)
    } else {
        Err(Error::Invalid(vec![
            Diagnostic::error(tr!(
                "单位名 `{unit}` 不能用作文件夹名",
                "`{unit}` cannot be a unit's folder name"
            ))
            .code("bad-unit-name")
            .hint(tr!(
                "单位名只写一个名称，例如 tongchuan，不写路径",
                "a unit is one name, e.g. tongchuan, not a path"
            )),
        ]))
    }
}
