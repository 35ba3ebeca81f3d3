//! The project: where data, templates and outputs live, and which formats to
//! build. Resolved once from the command line and the optional `report.yaml`.

use crate::tr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Findings, Outcome, found};
use crate::source::files::read_source;
use crate::source::format::{Format, Style};
use crate::source::yaml::{self, Spanned};

/// The optional project config file, in the project folder.
pub(crate) const CONFIG_FILE: &str = "report.yaml";

#[derive(Debug, Clone)]
pub(crate) struct Project {
    pub(crate) root: PathBuf,
    pub(crate) data_dir: PathBuf,
    pub(crate) templates_dir: PathBuf,
    pub(crate) out_dir: PathBuf,
    pub(crate) formats: Vec<Format>,
    pub(crate) style: Style,
    /// The browser that prints PDFs; found on the machine when not given.
    pub(crate) browser: Option<PathBuf>,
    /// Warnings the project has switched off (`allow: [missing-part]`).
    pub(crate) allow: Vec<String>,
    /// Rendering for `report serve`: the HTML says where each figure came
    /// from. Never set for what `build` writes.
    pub(crate) preview: bool,
    /// How the tool was called, for hints that name a command to run.
    pub(crate) invoked: Invocation,
}

/// The command line a hint repeats: `report -C examples/city` when the
/// project was named, and the build options typed (`--out …`, `--format …`),
/// so that a hint followed as typed acts on the same files.
#[derive(Debug, Clone)]
pub(crate) struct Invocation {
    prefix: String,
    build_options: String,
}

impl Default for Invocation {
    fn default() -> Self {
        Self {
            prefix: "report".to_string(),
            build_options: String::new(),
        }
    }
}

impl Invocation {
    fn new(root: &Path, overrides: &Overrides) -> Self {
        let prefix = if root == Path::new(".") || root.as_os_str().is_empty() {
            "report".to_string()
        } else {
            format!("report -C {}", quoted(&tidy(root).display().to_string()))
        };
        let mut build_options = String::new();
        if let Some(out) = &overrides.out {
            build_options.push_str(" --out ");
            build_options.push_str(&quoted(&tidy(out).display().to_string()));
        }
        if !overrides.formats.is_empty() {
            let names: Vec<&str> = overrides.formats.iter().map(|f| f.name()).collect();
            build_options.push_str(" --format ");
            build_options.push_str(&names.join(","));
        }
        Self {
            prefix,
            build_options,
        }
    }

    /// `report [-C …] VERB YEAR [--unit …]`, build's with its options.
    pub(crate) fn job(&self, verb: &str, year: u16, unit: Option<&str>) -> String {
        let unit = unit.map_or_else(String::new, |unit| format!(" --unit {}", quoted(unit)));
        let args = format!("{year}{unit}");
        if verb == "build" {
            self.build(&args)
        } else {
            self.command(&format!("{verb} {args}"))
        }
    }

    /// `report [-C …] ARGS`.
    pub(crate) fn command(&self, args: &str) -> String {
        format!("{} {args}", self.prefix)
    }

    /// `report [-C …] build ARGS [--out …] [--format …]`.
    pub(crate) fn build(&self, args: &str) -> String {
        format!("{} build {args}{}", self.prefix, self.build_options)
    }
}

/// `path` without its `.` parts (`././data` → `data`), as a person types it.
pub(crate) fn tidy(path: &Path) -> PathBuf {
    let tidy: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if tidy.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        tidy
    }
}

/// `path` as typed in bash, PowerShell and cmd alike: in double quotes when
/// it holds a space or a character one of them would read.
pub(crate) fn quoted(path: &str) -> String {
    if path.contains(|c: char| c.is_whitespace() || "&|;<>()$`'\"^%!,{}@#".contains(c)) {
        format!("\"{path}\"")
    } else {
        path.to_string()
    }
}

/// The warnings a project may switch off.
pub(crate) const ALLOWABLE: &[&str] = &["missing-part", "unusual-date"];

/// What the command line may override.
#[derive(Debug, Default, Clone)]
pub(crate) struct Overrides {
    pub(crate) out: Option<PathBuf>,
    pub(crate) formats: Vec<Format>,
    pub(crate) browser: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// Output folder, relative to the project.
    out: Option<String>,
    formats: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    style: Style,
    /// The browser that prints PDFs.
    browser: Option<String>,
    allow: Option<Vec<Spanned<String>>>,
}

impl Project {
    /// The formats whose pages a build sets itself, in the machine's faces,
    /// as a reader names them (“PDF、OFD”); empty when there are none: an
    /// OFD, and a PDF no browser prints.
    pub(crate) fn set_formats(&self) -> String {
        let names: Vec<String> = self
            .formats
            .iter()
            .filter(|&&format| {
                format == Format::Ofd || (format == Format::Pdf && self.browser.is_none())
            })
            .map(|format| format.name().to_uppercase())
            .collect();
        crate::lang::list(&names)
    }

    /// Opens the project at `root`. Relative paths given on the command line
    /// are taken relative to the project, as if the tool ran inside it.
    pub(crate) fn open(root: &Path, overrides: Overrides) -> Result<Self, Error> {
        if !root.is_dir() {
            return Err(Error::NoProject {
                path: root.to_path_buf(),
            });
        }
        let config = read_config(root)??;
        let invoked = Invocation::new(root, &overrides);
        let out_dir = overrides
            .out
            .or(config.out.map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("out"));
        let formats = if overrides.formats.is_empty() {
            config.formats.unwrap_or_else(|| Format::DEFAULT.to_vec())
        } else {
            overrides.formats
        };
        let out_dir = root.join(out_dir);
        refuse_out_dir(root, &out_dir)?;
        Ok(Self {
            root: root.to_path_buf(),
            data_dir: root.join("data"),
            templates_dir: root.join("templates"),
            out_dir,
            formats,
            style: config.style,
            browser: overrides.browser.or(config.browser.map(PathBuf::from)),
            allow: config.allow,
            preview: false,
            invoked,
        })
    }

    /// Whether a diagnostic is shown: all are, but the warnings switched off.
    pub(crate) fn reports(&self, diagnostic: &Diagnostic) -> bool {
        diagnostic
            .code
            .as_ref()
            .is_none_or(|code| !self.allow.contains(code))
    }

    /// A path inside the project as messages and the build record show it:
    /// relative when possible, with `/` between its parts on every system
    /// (Windows takes `/` as typed, and the record stays the same bytes).
    pub(crate) fn shown(&self, path: &Path) -> String {
        let shown = path
            .strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string();
        if std::path::MAIN_SEPARATOR == '/' {
            shown
        } else {
            shown.replace(std::path::MAIN_SEPARATOR, "/")
        }
    }
}

/// The output folder may not be the data or templates folder, nor the root
/// of the file system: a build writes and replaces files there.
fn refuse_out_dir(root: &Path, out_dir: &Path) -> Result<(), Error> {
    let Ok(out) = std::fs::canonicalize(out_dir) else {
        // Not there yet: the build makes it, and it is none of those.
        return Ok(());
    };
    let inputs = ["data", "templates"]
        .iter()
        .filter_map(|name| std::fs::canonicalize(root.join(name)).ok());
    let clashes = out.parent().is_none() || inputs.into_iter().any(|input| input == out);
    if !clashes {
        return Ok(());
    }
    Err(Error::Invalid(vec![
        Diagnostic::error(tr!(
            "输出文件夹不能是 `{}`：生成时会在那里写入、替换文件",
            "the output folder cannot be `{}`: a build writes and replaces files there",
            out_dir.display()
        ))
        .code("config-invalid")
        .hint(tr!(
            "数据文件夹、模板文件夹和根目录都不行；用 --out out 或另一个文件夹",
            "not the data folder, the templates folder or the root; use --out out or another folder"
        )),
    ]))
}

#[derive(Default)]
struct Config {
    out: Option<String>,
    formats: Option<Vec<Format>>,
    style: Style,
    browser: Option<String>,
    allow: Vec<String>,
}

/// The config file's problems are findings, but no command goes on past
/// them: the project's own settings are in doubt.
fn read_config(root: &Path) -> Outcome<Config> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        return Ok(Ok(Config::default()));
    }
    let file = found!(read_source(&path, CONFIG_FILE));
    let raw: RawConfig = match yaml::parse(&file) {
        Ok(raw) => raw,
        Err(findings) => return Ok(Err(findings)),
    };
    let mut errors = Vec::new();
    let formats = raw.formats.map(|names| {
        names
            .iter()
            .filter_map(|name| {
                let format = Format::parse(name.value.trim());
                if format.is_none() {
                    errors.push(
                        Diagnostic::error(tr!(
                            "不认识的输出格式 `{}`",
                            "unknown output format `{}`",
                            name.value
                        ))
                        .code("config-invalid")
                        .at(yaml::location(&file, name))
                        .hint(format_hint()),
                    );
                }
                format
            })
            .collect()
    });
    let mut allow = Vec::new();
    for name in raw.allow.unwrap_or_default() {
        if ALLOWABLE.contains(&name.value.as_str()) {
            allow.push(name.value);
        } else {
            errors.push(
                Diagnostic::error(tr!(
                    "allow 里不认识 `{}`",
                    "allow names an unknown warning `{}`",
                    name.value
                ))
                .code("config-invalid")
                .at(yaml::location(&file, &name))
                .hint(tr!(
                    "可以关掉的提醒：{}",
                    "warnings that can be switched off: {}",
                    crate::lang::list(ALLOWABLE)
                )),
            );
        }
    }
    if !errors.is_empty() {
        return Ok(Err(Findings(errors)));
    }
    Ok(Ok(Config {
        out: raw.out,
        formats,
        style: raw.style,
        browser: raw.browser,
        allow,
    }))
}

/// The formats a user can ask for, as a hint.
pub(crate) fn format_hint() -> String {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    tr!(
        "可用的格式：{}",
        "available formats: {}",
        crate::lang::list(&names)
    )
}
