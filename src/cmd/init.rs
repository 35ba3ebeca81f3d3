//! `report init [DIR]`: a new project a clerk can build at once — the
//! bundled example year with its comments, the default templates written out
//! for editing, a commented config, the data file's JSON Schema (for
//! editors) and a `.gitignore`. Never overwrites.

use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::cli::console::Console;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Exit};
use crate::render::templates::BUILTIN;
use crate::source::config::{quoted, tidy};
use crate::source::schema;
use crate::tr;
use crate::write::output;

const EXAMPLE_YEAR: &str = include_str!("../../data/2017.yaml");

const CONFIG: &str = "\
# 项目配置（可选）。删去本文件时使用默认值。
# out: out              # 输出目录
# formats: [md, html, docx]   # 输出格式（这是默认的三种）；要 PDF 时加上 pdf，要 OFD（电子公文的版式文件）时加上 ofd
# style:
#   bold_headings: true     # 二、三级标题加粗
#   page_numbers: outside   # 页码：outside 单页居右、双页居左；center 居中
";

// The manifest records hashes of this machine's binary: worthless elsewhere.
const GITIGNORE: &str = "/out\n.report-manifest.json\n.report-lock\n";

/// `report init DIR`, DIR taken from the project folder when relative.
pub(crate) fn run(args: &InitArgs, root: &Path, console: &Console) -> Result<Exit, Error> {
    let dir = tidy(&root.join(&args.dir));
    for path in &init(&dir)? {
        console.status(&tr!("已创建 {}", "created {}", tidy(path).display()));
    }
    // One command, no `cd … &&`: PowerShell 5 has no `&&`, cmd no `;`.
    let next = if dir == Path::new(".") {
        "report build 2017".to_string()
    } else {
        format!(
            "report -C {} build 2017",
            quoted(&dir.display().to_string())
        )
    };
    console.status(&tr!("下一步：{next}", "next: {next}"));
    Ok(Exit::Done)
}

/// Creates the project files under `dir`; returns what it created.
pub(crate) fn init(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    // The data file names the schema on its first line, for editors.
    let example = format!(
        "{}\n{EXAMPLE_YEAR}",
        schema::modeline(&format!("../{}", schema::FILE))
    );
    let schema_text = schema::file_text();
    let mut files: Vec<(PathBuf, &str)> = vec![
        (dir.join("data/2017.yaml"), &example),
        (dir.join(schema::FILE), &schema_text),
        (dir.join("report.yaml"), CONFIG),
        (dir.join(".gitignore"), GITIGNORE),
    ];
    files.extend(
        BUILTIN
            .iter()
            .map(|(name, text)| (dir.join("templates").join(name), *text)),
    );
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.exists())
        .map(|(path, _)| tidy(path).display().to_string())
        .collect();
    if !existing.is_empty() {
        let shown = crate::lang::list(&existing);
        return Err(Error::Invalid(vec![
            Diagnostic::error(tr!(
                "这里已经有项目文件：{shown}",
                "project files are already here: {shown}"
            ))
            .code("file-exists")
            .hint(tr!(
                "init 不覆盖已有的文件；换一个空目录，或先移走这些文件",
                "init never overwrites; choose an empty folder or move these files away"
            )),
        ]));
    }
    for (path, text) in &files {
        output::write_atomic(path, text.as_bytes())?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
