//! Writing outputs. One file is written to a temporary file beside it and
//! renamed, so it is never half written. A report's outputs are published
//! together ([`publish`]): every one of them is new, or none changed.
//!
//! How a set is published, under an exclusive lock on the folder (so two
//! builds into one folder take turns):
//! 1. every changed output is written to a temporary file;
//! 2. a journal naming each temporary file and its target is written
//!    (itself by rename, so it is whole or absent);
//! 3. the old outputs are kept under backup names (hard links), then each
//!    temporary file is renamed over its target;
//! 4. the journal and the backups are removed.
//!
//! A failure before the journal exists removes the temporary files: the old
//! set stands. A failure while renaming puts the backups back: the old set
//! stands. A build killed after the journal was written leaves it, and the
//! next build into the folder finishes the renames before anything else:
//! the new set stands. Temporary files a killed build left behind are
//! removed by the next one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The journal of a publication in progress.
const JOURNAL: &str = ".report-publish";
/// Held (locked) while a build writes into the folder.
pub(crate) const LOCK: &str = ".report-lock";
const TEMP_PREFIX: &str = ".report-";
const TEMP_SUFFIX: &str = ".tmp";
const BACKUP_SUFFIX: &str = ".old";

/// Writes `contents` unless the file already holds exactly that; returns
/// whether it wrote. An unchanged output keeps its modification time, so
/// tools downstream (make, a browser, a file sync) see nothing to do.
pub(crate) fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool, Error> {
    if unchanged(path, contents) {
        return Ok(false);
    }
    write_atomic(path, contents)?;
    Ok(true)
}

/// Whether `path` is a regular file holding exactly `contents`. Compared
/// only at the same size, and never read otherwise: a FIFO put where an
/// output goes would never end.
fn unchanged(path: &Path, contents: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == contents.len() as u64)
        && crate::source::files::read_regular(path, u64::MAX)
            .is_ok_and(|current| current == contents)
}

pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let failed = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    create_folder(dir).map_err(failed)?;
    let temp = temporary(dir, contents).map_err(failed)?;
    // No fsync: the rename already guarantees that a killed build leaves the
    // old file or the new one, never half of either; forcing every report to
    // disk would cost more than rendering it (measured: see docs/speed.md).
    temp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Writes a new file whole, never replacing one: `Ok(false)` when `path`
/// already exists (even if it appeared while the file was being written).
pub(crate) fn write_new(path: &Path, contents: &[u8]) -> Result<bool, Error> {
    let failed = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if path.exists() {
        return Ok(false);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    create_folder(dir).map_err(failed)?;
    let temp = temporary(dir, contents).map_err(failed)?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(failed(error.error)),
    }
}

/// A folder where outputs go; a file in its place is named as the problem,
/// not reported as “File exists”.
fn create_folder(dir: &Path) -> io::Result<()> {
    match fs::create_dir_all(dir) {
        Err(error) if dir.exists() && !dir.is_dir() => Err(io::Error::new(
            error.kind(),
            crate::tr!(
                "`{}` 是一个文件，不是文件夹：输出要放进文件夹里",
                "`{}` is a file, not a folder: outputs go into a folder",
                dir.display()
            ),
        )),
        other => other,
    }
}

/// A complete temporary file in `dir` (same folder, so the rename cannot
/// cross file systems); it deletes itself unless kept.
fn temporary(dir: &Path, contents: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600); a report is an ordinary file that
    // others may read, so it gets the usual mode (less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(contents)?;
    Ok(temp)
}

/// An exclusive hold on an output folder, released when dropped.
pub(crate) struct Lock {
    _file: fs::File,
}

impl Lock {
    /// Waits for any other build writing into `dir`, then holds it; finishes
    /// a publication a killed build left half done and removes its
    /// temporary files.
    pub(crate) fn acquire(dir: &Path) -> Result<Self, Error> {
        let failed = |source| Error::Write {
            path: dir.join(LOCK),
            source,
        };
        create_folder(dir).map_err(failed)?;
        let path = dir.join(LOCK);
        let file = match fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        {
            // Left by another user in a shared folder: a lock is taken on a
            // file opened for reading as well.
            Err(error) if error.kind() == io::ErrorKind::PermissionDenied && path.is_file() => {
                fs::File::open(&path)
            }
            other => other,
        }
        .map_err(failed)?;
        file.lock().map_err(failed)?;
        recover(dir, &RealDisk).map_err(|source| Error::Write {
            path: dir.join(JOURNAL),
            source,
        })?;
        Ok(Self { _file: file })
    }
}

/// Publishes `files` (paths in one folder, each with its bytes) as one set;
/// returns the paths whose bytes changed and were written. The caller holds
/// the folder's [`Lock`].
pub(crate) fn publish(files: &[(PathBuf, Vec<u8>)]) -> Result<Vec<PathBuf>, Error> {
    publish_with(files, &RealDisk)
}

/// The file-system operations a publication makes, so that a test can make
/// any one of them fail.
pub(crate) trait Disk {
    /// Writes a complete new temporary file in `dir`; its path.
    fn temporary(&self, dir: &Path, contents: &[u8]) -> io::Result<PathBuf>;
    fn write_journal(&self, dir: &Path, text: &str) -> io::Result<()>;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn remove(&self, path: &Path) -> io::Result<()>;
}

pub(crate) struct RealDisk;

impl Disk for RealDisk {
    fn temporary(&self, dir: &Path, contents: &[u8]) -> io::Result<PathBuf> {
        let temp = temporary(dir, contents)?;
        temp.keep().map(|(_, path)| path).map_err(|e| e.error)
    }

    fn write_journal(&self, dir: &Path, text: &str) -> io::Result<()> {
        temporary(dir, text.as_bytes())?
            .persist(dir.join(JOURNAL))
            .map(drop)
            .map_err(|e| e.error)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)
    }

    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        // A file system without hard links (FAT on a USB stick) gets a copy.
        fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(drop))
    }

    fn remove(&self, path: &Path) -> io::Result<()> {
        match fs::remove_file(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

fn backup_of(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    path.with_file_name(format!("{TEMP_PREFIX}{name}{BACKUP_SUFFIX}"))
}

pub(crate) fn publish_with(
    files: &[(PathBuf, Vec<u8>)],
    disk: &dyn Disk,
) -> Result<Vec<PathBuf>, Error> {
    let changed: Vec<&(PathBuf, Vec<u8>)> = files
        .iter()
        .filter(|(path, bytes)| !unchanged(path, bytes))
        .collect();
    let Some(((first, _), dir)) = changed
        .first()
        .and_then(|f| Some((*f, f.0.parent()?.to_path_buf())))
    else {
        return Ok(Vec::new());
    };
    let failed = |path: &Path, source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    create_folder(&dir).map_err(|e| failed(first, e))?;
    // Something other than a file where an output goes (a folder named
    // 2017.html) would fail the rename halfway: refuse before writing.
    for (path, _) in &changed {
        if fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(failed(
                path,
                io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    crate::tr!(
                        "这里已有一个同名的文件夹或特殊文件，输出不能替换它",
                        "a folder or special file of this name is in the way"
                    ),
                ),
            ));
        }
    }
    // 1. Every new file, complete, under a temporary name.
    let mut temps: Vec<PathBuf> = Vec::new();
    let discard = |temps: &[PathBuf]| {
        for temp in temps {
            let _ = disk.remove(temp);
        }
    };
    for (path, bytes) in &changed {
        match disk.temporary(&dir, bytes) {
            Ok(temp) => temps.push(temp),
            Err(error) => {
                discard(&temps);
                return Err(failed(path, error));
            }
        }
    }
    // 2. The journal: from here on the new set is complete on disk.
    let mut journal = String::new();
    for (temp, (path, _)) in temps.iter().zip(&changed) {
        journal.push_str(&name(temp));
        journal.push('\t');
        journal.push_str(&name(path));
        journal.push('\n');
    }
    if let Err(error) = disk.write_journal(&dir, &journal) {
        discard(&temps);
        return Err(failed(&dir.join(JOURNAL), error));
    }
    // 3. Old files kept, then the new ones renamed into place.
    let mut kept: Vec<&Path> = Vec::new();
    let mut result = Ok(());
    for (path, _) in &changed {
        if path.exists() {
            if let Err(error) = disk.hard_link(path, &backup_of(path)) {
                result = Err(failed(path, error));
                break;
            }
            kept.push(path);
        }
    }
    let mut renamed: Vec<&Path> = Vec::new();
    if result.is_ok() {
        for (temp, (path, _)) in temps.iter().zip(&changed) {
            if let Err(error) = disk.rename(temp, path) {
                result = Err(failed(path, error));
                break;
            }
            renamed.push(path);
        }
    }
    if let Err(error) = result {
        // Back to the old set: the renamed files get their old bytes again
        // (or go, if there were none), and the journal goes with the temps.
        for path in &renamed {
            let _ = if kept.contains(path) {
                disk.rename(&backup_of(path), path)
            } else {
                disk.remove(path)
            };
        }
        for path in &kept {
            let _ = disk.remove(&backup_of(path));
        }
        discard(&temps);
        let _ = disk.remove(&dir.join(JOURNAL));
        return Err(error);
    }
    // 4. Done: the journal first (the set is in place), then the backups.
    let _ = disk.remove(&dir.join(JOURNAL));
    for path in &kept {
        let _ = disk.remove(&backup_of(path));
    }
    Ok(changed.iter().map(|(path, _)| path.clone()).collect())
}

fn name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string()
}

/// Finishes a publication a killed build left (its journal is there, so its
/// new files were complete), then removes what killed builds left behind.
pub(crate) fn recover(dir: &Path, disk: &dyn Disk) -> io::Result<()> {
    let journal = dir.join(JOURNAL);
    if let Ok(text) = crate::source::files::read_regular(&journal, 1 << 20) {
        for line in String::from_utf8_lossy(&text).lines() {
            let Some((temp, target)) = line.split_once('\t') else {
                continue;
            };
            // Names only, never a path: a journal cannot send a file elsewhere.
            if [temp, target]
                .iter()
                .any(|n| n.contains(['/', '\\']) || n.starts_with(".."))
            {
                continue;
            }
            let temp = dir.join(temp);
            if temp.exists() {
                disk.rename(&temp, &dir.join(target))?;
            }
        }
        disk.remove(&journal)?;
    }
    for entry in fs::read_dir(dir)?.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let ours = name.starts_with(TEMP_PREFIX)
            && (name.ends_with(TEMP_SUFFIX) || name.ends_with(BACKUP_SUFFIX));
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            disk.remove(&entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    // Another user's lock file, which this user may read but not write
    // (a shared folder): the build takes its lock all the same.
    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_cannot_be_written_is_locked_for_reading() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join(LOCK);
        fs::write(&lock, "").unwrap();
        fs::set_permissions(&lock, fs::Permissions::from_mode(0o444)).unwrap();
        if fs::OpenOptions::new().write(true).open(&lock).is_ok() {
            // Run as root, whom permissions do not stop: nothing to see.
            eprintln!("skipped: this user may write any file");
            return;
        }
        let held = Lock::acquire(dir.path()).expect("the lock is taken");
        drop(held);
    }

    use super::*;
    use proptest::prelude::*;
    use std::cell::Cell;
    use std::collections::BTreeMap;

    #[test]
    fn replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out/2017.md");
        write_atomic(&target, b"old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(dir.path().join("out"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn outputs_are_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.md");
        write_atomic(&target, b"x").unwrap();
        let mode = fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "{mode:o}");
    }

    #[test]
    fn unchanged_content_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.md");
        assert!(write_if_changed(&target, b"x").unwrap());
        assert!(!write_if_changed(&target, b"x").unwrap());
        assert!(write_if_changed(&target, b"y").unwrap());
    }

    #[test]
    fn a_file_in_the_way_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("out"), "not a folder").unwrap();
        let error = write_atomic(&dir.path().join("out/2017.md"), b"x").unwrap_err();
        assert!(
            error.diagnostics()[0].render(false).contains("不是文件夹")
                || error.diagnostics()[0]
                    .render(false)
                    .contains("not a folder"),
            "{error:?}"
        );
    }

    /// The real disk, until operation `fail_at` (counting from 0): that one
    /// and, when `dies`, every later one fail, as when the process is killed.
    struct Failing {
        count: Cell<usize>,
        fail_at: usize,
        dies: bool,
    }

    impl Failing {
        fn step(&self) -> io::Result<()> {
            let n = self.count.get();
            self.count.set(n + 1);
            if n == self.fail_at || (self.dies && n > self.fail_at) {
                Err(io::Error::other("injected"))
            } else {
                Ok(())
            }
        }
    }

    impl Disk for Failing {
        fn temporary(&self, dir: &Path, contents: &[u8]) -> io::Result<PathBuf> {
            self.step()?;
            RealDisk.temporary(dir, contents)
        }
        fn write_journal(&self, dir: &Path, text: &str) -> io::Result<()> {
            self.step()?;
            RealDisk.write_journal(dir, text)
        }
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.step()?;
            RealDisk.rename(from, to)
        }
        fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
            self.step()?;
            RealDisk.hard_link(from, to)
        }
        fn remove(&self, path: &Path) -> io::Result<()> {
            self.step()?;
            RealDisk.remove(path)
        }
    }

    fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| {
                (
                    e.file_name().into_string().unwrap(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }

    proptest! {
        // For a failure injected at any write, link, rename or removal of a
        // publication — a plain error, or the process dying there — the folder
        // then holds exactly the old set or exactly the new set, once the next
        // build has taken the lock; nothing of ours is left over.
        #[test]
        fn a_failure_anywhere_leaves_the_old_set_or_the_new(
            fail_at in 0usize..16,
            dies: bool,
            old in proptest::collection::vec(proptest::option::of("[a-c]{0,3}"), 3),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let names = ["2017.md", "2017.html", "2017.docx"];
            let mut before = BTreeMap::new();
            for (name, text) in names.iter().zip(&old) {
                if let Some(text) = text {
                    fs::write(dir.path().join(name), text).unwrap();
                    before.insert((*name).to_string(), text.clone().into_bytes());
                }
            }
            let files: Vec<(PathBuf, Vec<u8>)> = names
                .iter()
                .map(|name| (dir.path().join(name), format!("new {name}").into_bytes()))
                .collect();
            let after: BTreeMap<String, Vec<u8>> = files
                .iter()
                .map(|(path, bytes)| (name(path), bytes.clone()))
                .collect();
            let disk = Failing { count: Cell::new(0), fail_at, dies };
            let _ = publish_with(&files, &disk);
            recover(dir.path(), &RealDisk).unwrap();
            let now = outputs(dir.path());
            prop_assert!(now == before || now == after, "{now:?}");
        }
    }

    #[test]
    fn a_folder_in_the_way_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("2017.md"), "old").unwrap();
        fs::create_dir(dir.path().join("2017.html")).unwrap();
        let files = vec![
            (dir.path().join("2017.md"), b"new".to_vec()),
            (dir.path().join("2017.html"), b"new".to_vec()),
        ];
        assert!(publish(&files).is_err());
        assert_eq!(fs::read(dir.path().join("2017.md")).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn the_lock_finishes_a_killed_publication_and_clears_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("2017.md"), "old").unwrap();
        fs::write(dir.path().join(".report-abc.tmp"), "new").unwrap();
        fs::write(dir.path().join(".report-zzz.tmp"), "stray").unwrap();
        fs::write(dir.path().join(JOURNAL), ".report-abc.tmp\t2017.md\n").unwrap();
        let lock = Lock::acquire(dir.path()).unwrap();
        assert_eq!(fs::read(dir.path().join("2017.md")).unwrap(), b"new");
        let names: Vec<String> = outputs(dir.path()).into_keys().collect();
        assert_eq!(names, [LOCK, "2017.md"]);
        drop(lock);
    }
}
