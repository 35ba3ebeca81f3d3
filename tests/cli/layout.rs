//! The shape of `src/` (docs/development.md): no file over 600 lines, a thin
//! `main.rs` and `lib.rs`, no import circle between modules, and stages
//! that name only the stages before them, so the flow reads in one direction.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// Every source file as (module path, text without its tests).
fn modules() -> BTreeMap<Vec<String>, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![Path::new(SRC).to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(SRC).unwrap().with_extension("");
            let mut parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            out.insert(parts, text);
        }
    }
    out
}

fn lines(file: &str) -> usize {
    std::fs::read_to_string(Path::new(SRC).join(file))
        .unwrap()
        .lines()
        .count()
}

#[test]
fn files_stay_small_and_main_and_lib_only_wire() {
    for (module, text) in modules() {
        let count = text.lines().count();
        assert!(count <= 600, "{} has {count} lines", module.join("::"));
    }
    assert!(lines("main.rs") <= 30, "main.rs: {}", lines("main.rs"));
    assert!(lines("lib.rs") <= 80, "lib.rs: {}", lines("lib.rs"));
}

/// The paths a file names: `crate::a::b`, `super::c`, `self::d` and its own
/// child modules' `e::f`, with `{..}` groups expanded one level.
fn named_paths(module: &[String], text: &str, children: &[String]) -> Vec<Vec<String>> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if !ident(bytes[i]) || (i > 0 && (ident(bytes[i - 1]) || bytes[i - 1] == ':')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (ident(bytes[i]) || bytes[i] == ':') {
            i += 1;
        }
        let path: String = bytes[start..i].iter().collect();
        let mut segments: Vec<String> = path.split("::").map(str::to_string).collect();
        let base: Vec<String> = match segments[0].as_str() {
            "crate" => Vec::new(),
            "super" | "self" if path.contains("::") => {
                let mut base = module.to_vec();
                while segments
                    .first()
                    .is_some_and(|s| s == "super" || s == "self")
                {
                    if segments.remove(0) == "super" {
                        base.pop();
                    }
                }
                segments.insert(0, String::new());
                base
            }
            first if children.iter().any(|c| c == first) && path.contains("::") => {
                segments.insert(0, String::new());
                module.to_vec()
            }
            _ => continue,
        };
        let prefix: Vec<String> = base
            .into_iter()
            .chain(segments.into_iter().skip(1).filter(|s| !s.is_empty()))
            .collect();
        if path.ends_with("::") && bytes.get(i) == Some(&'{') {
            let end = bytes[i..]
                .iter()
                .position(|&c| c == ';')
                .map_or(bytes.len(), |p| i + p);
            let group: String = bytes[i..end].iter().collect();
            for item in group.split([',', '{', '}']) {
                let item = item.trim();
                if item.is_empty() {
                    continue;
                }
                let mut full = prefix.clone();
                full.extend(
                    item.split("::")
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
                out.push(full);
            }
            i = end;
        } else {
            out.push(prefix);
        }
    }
    out
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let modules = modules();
    let known: BTreeSet<&Vec<String>> = modules.keys().collect();
    let mut edges: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, text) in &modules {
        if module.is_empty() || module == &["lib"] || module == &["main"] {
            continue;
        }
        let children: Vec<String> = known
            .iter()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .map(|m| m[module.len()].clone())
            .collect();
        for mut path in named_paths(module, text, &children) {
            while !path.is_empty() && !known.contains(&path) {
                path.pop();
            }
            if !path.is_empty() && &path != module {
                edges.entry(module).or_default().insert(path);
            }
        }
    }
    // A module that reaches itself through the edges is in a circle.
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&Vec<String>> = edges[start].iter().collect();
        while let Some(next) = todo.pop() {
            assert!(
                next != *start,
                "{} imports a module that imports it back",
                start.join("::")
            );
            if seen.insert(next) {
                todo.extend(edges.get(next).into_iter().flatten());
            }
        }
    }
    // The checker sees real imports: the model is imported by render.
    assert!(edges[&vec!["render".to_string()]].contains(&vec!["model".to_string()]));
}

/// The stages in the order a report passes them (docs/development.md): a
/// stage names only those before it, so `check/` may read what `render/`
/// made, and nothing in `source/` or `render/` reaches into how outputs
/// are written.
#[test]
fn each_stage_names_only_the_stages_before_it() {
    const STAGES: [&str; 6] = ["model", "source", "render", "check", "pipeline", "write"];
    let mut backwards = Vec::new();
    for (module, text) in modules() {
        let Some(rank) = STAGES
            .iter()
            .position(|s| module.first() == Some(&s.to_string()))
        else {
            continue;
        };
        let children: Vec<String> = Vec::new();
        for path in named_paths(&module, text.as_str(), &children) {
            let later = path
                .first()
                .and_then(|first| STAGES.iter().position(|s| s == first))
                .is_some_and(|named| named > rank);
            if later {
                backwards.push(format!("{} names {}", module.join("::"), path.join("::")));
            }
        }
    }
    backwards.sort();
    backwards.dedup();
    assert!(backwards.is_empty(), "{backwards:#?}");
}

/// The commands are thin callers of the session and do not call each
/// other (`watch` once built through `build`, `serve` asked `watch` what
/// changed); what two share lives below them. `datafile` is the one helper
/// in `cmd/`, the header of the data files `new` and `import` write.
#[test]
fn no_command_names_another() {
    let modules = modules();
    let commands: BTreeSet<String> = modules
        .keys()
        .filter(|m| m.len() >= 2 && m[0] == "cmd" && m[1] != "datafile")
        .map(|m| m[1].clone())
        .collect();
    let mut crossing = Vec::new();
    for (module, text) in &modules {
        if module.len() < 2 || module[0] != "cmd" {
            continue;
        }
        let children: Vec<String> = Vec::new();
        for path in named_paths(module, text, &children) {
            if path.len() >= 2
                && path[0] == "cmd"
                && path[1] != module[1]
                && commands.contains(&path[1])
            {
                crossing.push(format!("{} names {}", module.join("::"), path.join("::")));
            }
        }
    }
    assert!(
        commands.contains("build") && commands.contains("serve"),
        "{commands:?}"
    );
    assert!(crossing.is_empty(), "{crossing:#?}");
}

/// The YAML crate is named in one module only, so replacing it touches one file.
#[test]
fn the_yaml_crate_is_seen_in_one_module() {
    let naming: Vec<String> = modules()
        .into_iter()
        .filter(|(_, text)| text.contains("serde_saphyr"))
        .map(|(module, _)| module.join("::"))
        .collect();
    // The module and the parts it is made of.
    assert!(
        naming
            .iter()
            .all(|m| m == "source::yaml" || m.starts_with("source::yaml::")),
        "{naming:?}"
    );
    assert!(naming.contains(&"source::yaml".to_string()), "{naming:?}");
}

/// The lint allows unsafe code where a function opts in; one does, the
/// mapping of font files, and no other module may join it unnoticed.
#[test]
fn unsafe_code_is_the_font_mapping_alone() {
    let opting_in: Vec<String> = modules()
        .into_iter()
        .filter(|(_, text)| text.contains("allow(unsafe_code)"))
        .map(|(module, _)| module.join("::"))
        .collect();
    assert_eq!(opting_in, ["render::set::fonts"]);
    let fonts = &modules()[&vec!["render".into(), "set".into(), "fonts".into()]];
    assert_eq!(fonts.matches("unsafe {").count(), 1, "one unsafe block");
    assert!(
        fonts.contains("// SAFETY:"),
        "the block says why it is sound"
    );
}

/// The library's surface: what `main.rs`, these tests and the fuzz target
/// use, re-exported from `lib.rs`, and the types those name. Everything else
/// is `pub(crate)` or narrower, so the compiler finds what is dead.
const SURFACE: &[&str] = &[
    "cli: pub struct Cli",
    "cli: pub fn parse",
    "error: pub enum Exit",
    "error: pub enum Error",
    "pipeline: pub fn check_text",
    "diagnostic: pub enum Severity",
    "diagnostic: pub struct Location",
    "diagnostic: pub struct Diagnostic",
    "diagnostic: pub struct Finding",
    "write::manifest: pub fn hash",
    "render::page: pub fn list_marker",
    "render::spans: pub struct Span",
    "render::spans: pub fn plain",
    "model::marks: pub struct Mark",
    "render::document: pub struct Document",
    "render::document: pub blocks",
    "render::document: pub struct Block",
    "render::document: pub kind",
    "render::document: pub enum BlockKind",
    "render::document: pub enum Role",
    "render::document: pub struct Table",
    "render::document: pub caption",
    "render::document: pub header",
    "render::document: pub rows",
    "render::document: pub fn parse",
];

#[test]
fn nothing_is_pub_but_the_surface() {
    let mut found = Vec::new();
    for (module, text) in modules() {
        if module == ["lib"] || module == ["main"] {
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for line in code.lines() {
            let Some(rest) = line.trim_start().strip_prefix("pub ") else {
                continue;
            };
            let words: Vec<&str> = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .take(2)
                .collect();
            let item = match words.as_slice() {
                [
                    kind @ ("fn" | "struct" | "enum" | "const" | "static" | "type" | "trait"
                    | "mod" | "use"),
                    name,
                    ..,
                ] => {
                    format!("pub {kind} {name}")
                }
                [field, ..] => format!("pub {field}"),
                [] => continue,
            };
            found.push(format!("{}: {item}", module.join("::")));
        }
    }
    let mut expected: Vec<String> = SURFACE.iter().map(ToString::to_string).collect();
    expected.sort();
    found.sort();
    assert_eq!(
        found, expected,
        "a `pub` outside the surface (or the surface changed)"
    );
}
