//! Writing outputs so that a failed or killed build never leaves a
//! half-written file: write a temporary file beside the target, then rename.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Writes `contents` unless the file already holds exactly that; returns
/// whether it wrote. An unchanged output keeps its modification time, so
/// tools downstream (make, a browser, a file sync) see nothing to do.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool, Error> {
    // Compared only when it is a regular file of the same size: reading a
    // FIFO put where an output goes would never end.
    let same = fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == contents.len() as u64)
        && crate::dataset::read_regular(path, u64::MAX).is_ok_and(|current| current == contents);
    if same {
        return Ok(false);
    }
    write_atomic(path, contents)?;
    Ok(true)
}

pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let failed = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(failed)?;
    // Same directory, so the rename cannot cross file systems. The temporary
    // file deletes itself if anything below fails.
    let mut builder = tempfile::Builder::new();
    builder.prefix(".report-").suffix(".tmp");
    // A temporary file is private (0600); a report is an ordinary file that
    // others may read, so it gets the usual mode (less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder.tempfile_in(dir).map_err(failed)?;
    temp.write_all(contents).map_err(failed)?;
    // No fsync: the rename already guarantees that a killed build leaves the
    // old file or the new one, never half of either; forcing every report to
    // disk would cost more than rendering it (measured: see README).
    temp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(write_atomic(&dir.path().join("out/2017.md"), b"x").is_err());
    }
}
