//! The build manifest: what each report was last built from. Every unit's
//! output folder holds `.report-manifest.json`, which records, per year, a
//! hash of everything the report was made from and a hash of each output
//! written. A later `build` or `build --check` skips a report whose inputs
//! hash the same and whose outputs on disk still hash as recorded: rendering
//! it again would give the same bytes, since rendering is deterministic.
//!
//! Anything else — a changed input, another binary, an edited or missing
//! output, a missing or unreadable manifest — renders the report as before,
//! so the manifest makes a build faster and never different. Contents are
//! hashed, never modification times: a fresh clone resets those.

use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::path::Path;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::diagnostic::Diagnostic;
use crate::render::templates::Templates;
use crate::source::config::Project;
use crate::source::units::{self, Job};

/// The manifest's name in each unit's output folder.
pub(crate) const FILE: &str = ".report-manifest.json";

/// Bumped whenever what is hashed or recorded changes meaning.
const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
pub(crate) struct Manifest {
    version: u32,
    reports: BTreeMap<u16, Entry>,
}

/// One report as last built.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Entry {
    /// The hash of the unit's inputs (see [`unit_inputs`]).
    inputs: String,
    /// Each output's file name and the hash of its bytes, in the order
    /// written (the order the build lists them in).
    outputs: IndexMap<String, String>,
    /// The warnings the build printed, shown again when it is skipped.
    pub(crate) warnings: Vec<Diagnostic>,
}

impl Entry {
    /// The outputs' file names.
    pub(crate) fn outputs(&self) -> impl Iterator<Item = &str> {
        self.outputs.keys().map(String::as_str)
    }
}

impl Manifest {
    /// The manifest in `out_dir`; an empty one if there is none or it cannot
    /// be read (it is only ever a shortcut).
    pub(crate) fn read(out_dir: &Path) -> Self {
        crate::source::files::read_regular(&out_dir.join(FILE), MANIFEST_CAP)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Self>(&bytes).ok())
            .filter(|manifest| manifest.version == VERSION)
            .unwrap_or(Self {
                version: VERSION,
                reports: BTreeMap::new(),
            })
    }

    /// The entry for `year` if it was built from `inputs` and every output it
    /// recorded is still on disk with the same bytes.
    pub(crate) fn current(&self, year: u16, inputs: u128, out_dir: &Path) -> Option<&Entry> {
        let entry = self.reports.get(&year)?;
        let unchanged = entry.inputs == hex(inputs)
            && entry.outputs.iter().all(|(name, hash)| {
                crate::source::files::read_regular(&out_dir.join(name), u64::MAX)
                    .is_ok_and(|bytes| hex(xxh3_128(&bytes)) == *hash)
            });
        unchanged.then_some(entry)
    }

    /// Records that `year` was built from `inputs` into `outputs`.
    pub(crate) fn record(
        &mut self,
        year: u16,
        inputs: u128,
        outputs: &[(String, u128)],
        warnings: &[Diagnostic],
    ) {
        let entry = Entry {
            inputs: hex(inputs),
            outputs: outputs
                .iter()
                .map(|(name, hash)| (name.clone(), hex(*hash)))
                .collect(),
            warnings: warnings.to_vec(),
        };
        self.reports.insert(year, entry);
    }

    /// Writes the manifest into `out_dir` (atomically, like every output).
    pub(crate) fn write(&self, out_dir: &Path) -> Result<(), crate::error::Error> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        crate::write::output::write_if_changed(&out_dir.join(FILE), text.as_bytes()).map(|_| ())
    }
}

/// The hash an output's bytes are recorded by.
pub fn hash(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// A hash of everything the reports of `job`'s unit are made from: this
/// build of the tool, the message language, the formats, style and output
/// folder, the templates, every year file of the unit (a report compares
/// with earlier years and charts them), its `unit.yaml`, and every year file
/// of the children it declares (roll-up totals). `None` when something cannot be
/// read or a format is asked for whose output no hash covers (a PDF or OFD
/// depends on the machine's faces, or on the browser): the unit is then
/// simply rendered.
pub(crate) fn unit_inputs(project: &Project, templates: &Templates, job: &Job) -> Option<u128> {
    if !project.formats.iter().all(|f| f.hashable()) {
        return None;
    }
    let mut hasher = Xxh3::new();
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(&VERSION.to_le_bytes());
    field(BUILD_ID.as_bytes());
    field(&[u8::from(crate::lang::chinese())]);
    field(format!("{:?} {:?}", project.formats, project.style).as_bytes());
    field(project.shown(&job.out_dir(project)).as_bytes());
    for (name, text) in templates.sources() {
        field(name.as_bytes());
        field(text.as_bytes());
    }
    let data_dir = job.data_dir(project);
    unit_files(&data_dir, &mut field)?;
    let declared = units::unit_file(project, job.unit.as_deref()).ok()?;
    for child in declared.iter().flat_map(|d| &d.children) {
        let name = child.value.trim();
        field(name.as_bytes());
        unit_files(&project.data_dir.join(name), &mut field)?;
    }
    Some(hasher.digest128())
}

/// Feeds a unit folder's year files, their workbooks and `unit.yaml` (names and bytes) to
/// `field`; `None` if one of them cannot be read or is too large, and the
/// unit is then simply rendered.
fn unit_files(dir: &Path, field: &mut impl FnMut(&[u8])) -> Option<()> {
    for year in crate::source::files::available_years(dir).ok()? {
        field(&year.to_le_bytes());
        // Capped: a huge file named like a year is refused where a report
        // reads it, and must not be read whole just to be hashed.
        field(&crate::source::files::data_bytes(
            &crate::source::files::year_file(dir, year),
        )?);
        // The figures a workbook beside it gives are inputs too.
        let workbook = crate::source::workbook::path(dir, year);
        let cap = crate::source::workbook::MAX_WORKBOOK_BYTES + 1;
        match crate::source::files::read_regular(&workbook, cap) {
            Ok(bytes) => field(&bytes),
            Err(error) if error.kind() == ErrorKind::NotFound => field(b""),
            Err(_) => return None,
        }
    }
    let cap = crate::source::files::MAX_FILE_BYTES + 1;
    match crate::source::files::read_regular(&dir.join(units::UNIT_FILE), cap) {
        Ok(bytes) => field(&bytes),
        Err(error) if error.kind() == ErrorKind::NotFound => field(b""),
        Err(_) => return None,
    }
    Some(())
}

/// This build of the tool (see `build.rs`): another build may render
/// differently, so it invalidates every record.
const BUILD_ID: &str = env!("REPORT_BUILD_ID");
/// A manifest larger than this is not one of ours.
const MANIFEST_CAP: u64 = 64 * 1024 * 1024;

fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn manifest_with(dir: &Path, bytes: &[u8]) -> Manifest {
        fs::write(dir.join("2017.md"), bytes).unwrap();
        let mut manifest = Manifest::read(dir);
        manifest.record(2017, 7, &[("2017.md".into(), hash(bytes))], &[]);
        manifest
    }

    #[test]
    fn current_only_with_the_same_inputs_and_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = manifest_with(dir.path(), b"report");
        assert!(manifest.current(2017, 7, dir.path()).is_some());
        assert!(manifest.current(2017, 8, dir.path()).is_none(), "inputs");
        assert!(manifest.current(2016, 7, dir.path()).is_none(), "year");
        fs::write(dir.path().join("2017.md"), b"edited").unwrap();
        assert!(manifest.current(2017, 7, dir.path()).is_none(), "edited");
        fs::remove_file(dir.path().join("2017.md")).unwrap();
        assert!(manifest.current(2017, 7, dir.path()).is_none(), "missing");
    }

    #[test]
    fn round_trips_and_ignores_what_it_cannot_read() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = manifest_with(dir.path(), b"report");
        manifest.write(dir.path()).unwrap();
        assert_eq!(Manifest::read(dir.path()), manifest);
        fs::write(dir.path().join(FILE), "{ not json").unwrap();
        assert!(Manifest::read(dir.path()).reports.is_empty());
        fs::write(dir.path().join(FILE), r#"{"version": 0, "reports": {}}"#).unwrap();
        assert_eq!(Manifest::read(dir.path()).version, VERSION);
    }
}
