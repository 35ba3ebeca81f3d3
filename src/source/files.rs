//! Reading project files safely: only regular files, never more than a cap,
//! and text only as UTF-8, each refusal said in words a clerk can act on.

use crate::tr;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::error::{Error, Findings, Outcome};

/// A year file is a few kilobytes; anything this large is not one.
pub(crate) const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The data file of `year` under `data_dir`.
pub(crate) fn year_file(data_dir: &Path, year: u16) -> PathBuf {
    data_dir.join(format!("{year}.yaml"))
}

/// The years that have a data file, in order; none when the folder does not
/// exist. An error listing it is an error: a report built from the years
/// that happened to be listed would be thinner than its data.
pub(crate) fn available_years(data_dir: &Path) -> std::io::Result<Vec<u16>> {
    let entries = match fs::read_dir(data_dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut years = Vec::new();
    for entry in entries {
        let name = entry?.file_name();
        let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".yaml")) else {
            continue;
        };
        if let Some(year) = (stem.len() == 4)
            .then(|| stem.parse::<u16>().ok())
            .flatten()
        {
            years.push(year);
        }
    }
    years.sort_unstable();
    Ok(years)
}

/// A data file's bytes, for hashing: `None` when it cannot be read or is
/// larger than a data file may be (which the loader refuses when it reads
/// it). Never more than the cap is read, however large the file.
pub(crate) fn data_bytes(path: &Path) -> Option<Vec<u8>> {
    read_regular(path, MAX_FILE_BYTES + 1)
        .ok()
        .filter(|bytes| bytes.len() as u64 <= MAX_FILE_BYTES)
}

/// Reads at most `cap` bytes of `path`, which must be a regular file: a
/// FIFO would block forever and a device (a link to /dev/zero) never ends.
/// Every read of an input or an output goes through here.
pub(crate) fn read_regular(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let not_regular =
        || std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file");
    // Before opening (opening a FIFO without a writer blocks), and again on
    // the open file, in case it was swapped in between.
    if !fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a text file for parsing, refusing what cannot be a data file.
pub(crate) fn read_source(path: &Path, shown_as: &str) -> Outcome<SourceFile> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    // Only regular files: a FIFO would block the read forever, and a link
    // to a device (/dev/zero) has no end. The metadata follows links.
    let metadata = fs::metadata(path).map_err(read_error)?;
    if !metadata.is_file() {
        return Ok(Err(Findings::one(
            Diagnostic::error(tr!(
                "`{shown_as}` 不是普通文件（是文件夹、管道或设备）",
                "`{shown_as}` is not a regular file (it is a folder, a pipe or a device)"
            ))
            .code("not-a-file")
            .hint(tr!(
                "把它换成一个普通的文本文件",
                "replace it with an ordinary text file"
            )),
        )));
    }
    // The size is checked before reading and again while reading: the file
    // may grow in between, and the read stops at the cap either way.
    let bytes = if metadata.len() <= MAX_FILE_BYTES {
        read_regular(path, MAX_FILE_BYTES + 1).map_err(read_error)?
    } else {
        Vec::new()
    };
    let size = (bytes.len() as u64).max(metadata.len());
    if size > MAX_FILE_BYTES {
        return Ok(Err(Findings::one(
            Diagnostic::error(tr!(
                "`{shown_as}` 有 {size} 字节，超过了数据文件的上限 {MAX_FILE_BYTES} 字节",
                "`{shown_as}` is {size} bytes, over the {MAX_FILE_BYTES}-byte limit for a data file"
            ))
            .code("file-too-large")
            .hint(tr!(
                "一年的数据通常只有几千字节；请确认选对了文件",
                "a year's data is usually a few kilobytes; check that this is the right file"
            )),
        )));
    }
    match decode(&bytes) {
        Ok(text) => Ok(Ok(SourceFile::new(shown_as, text))),
        Err(Undecodable::Utf16) => Ok(Err(Findings::one(
            Diagnostic::error(tr!("`{shown_as}` 是 UTF-16 编码的", "`{shown_as}` is encoded as UTF-16")).code("not-utf8")
                .hint(tr!("用记事本打开，“另存为”时把编码选为 UTF-8；或运行 iconv -f UTF-16 -t UTF-8", "save it as UTF-8 (Notepad: Save As, Encoding: UTF-8), or run iconv -f UTF-16 -t UTF-8")),
        ))),
        Err(Undecodable::Nul { line }) => Ok(Err(Findings::one(
            Diagnostic::error(tr!(
                "`{shown_as}` 第 {line} 行有 NUL 字节，这不是文本文件",
                "`{shown_as}` has a NUL byte on line {line}; it is not a text file"
            )).code("not-text")
            .hint(tr!(
                "确认选对了文件；若是 UTF-16 编码的文本，请另存为 UTF-8",
                "check that this is the right file; if it is UTF-16 text, save it as UTF-8"
            )),
        ))),
        Err(Undecodable::NotUtf8 {
            line,
            column,
            lossy,
            gbk,
        }) => {
            // Text Windows Notepad saved as “ANSI” is shown as the clerk
            // typed it, the first character that is not UTF-8 marked.
            let (text, column, message, hint) = match gbk {
                Some((text, column)) => (
                    text,
                    column,
                    tr!("`{shown_as}` 是 GBK（ANSI）编码的，不是 UTF-8", "`{shown_as}` is GBK (ANSI) text, not UTF-8"),
                    tr!("用记事本打开，“另存为”时把编码选为 UTF-8；或运行 iconv -f GBK -t UTF-8", "open it in Notepad and Save As with Encoding UTF-8, or run iconv -f GBK -t UTF-8"),
                ),
                None => (
                    lossy,
                    column,
                    tr!("`{shown_as}` 不是 UTF-8 编码的文本", "`{shown_as}` is not UTF-8 text"),
                    tr!("在编辑器里把它另存为 UTF-8 编码（记事本：“另存为”，编码选 UTF-8）", "save it as UTF-8 in your editor (Notepad: Save As, Encoding: UTF-8)"),
                ),
            };
            let file = SourceFile::new(shown_as, text);
            Ok(Err(Findings::one(
                Diagnostic::error(message)
                    .code("not-utf8")
                    .at(file.at(line, column, 1))
                    .label(tr!("从这里起不是 UTF-8", "not UTF-8 from here"))
                    .hint(hint),
            )))
        }
    }
}

/// Why bytes are not UTF-8 text.
#[derive(Debug)]
pub(crate) enum Undecodable {
    /// A UTF-16 byte-order mark: Notepad's “Unicode”.
    Utf16,
    /// A NUL byte, on this 1-based line: not text at all.
    Nul { line: usize },
    /// Not UTF-8 from this line and column; `lossy` is the text with
    /// replacement characters standing where the bytes were (so the line
    /// and column still hold). `gbk` is the text read as GBK, and the
    /// column there, when the bytes are GBK.
    NotUtf8 {
        line: usize,
        column: usize,
        lossy: String,
        gbk: Option<(String, usize)>,
    },
}

/// Bytes as UTF-8 text, a leading BOM dropped: Windows editors write one,
/// and keeping it would shift every byte offset a parser reports.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, Undecodable> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Undecodable::Utf16);
    }
    // The memchr crate's search is vectorised; `position` tests byte by byte.
    if let Some(nul) = memchr::memchr(0, bytes) {
        let line = bytes[..nul].split(|&b| b == b'\n').count();
        return Err(Undecodable::Nul { line });
    }
    // encoding_rs checks UTF-8 in a ninth of the instructions std does on
    // Chinese text (callgrind); copying the checked text costs less still.
    if let Some(text) =
        encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes)
    {
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        return Ok(text.to_string());
    }
    let valid = encoding_rs::Encoding::utf8_valid_up_to(bytes);
    let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |s| s.chars().count()) + 1;
    // GBK keeps ASCII, newlines included, so the line holds; the column is
    // counted in the line's GBK characters.
    let gbk = encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| {
            let start = bytes[..valid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let (before, _) = encoding_rs::GBK.decode_without_bom_handling(&bytes[start..valid]);
            (text.into_owned(), before.chars().count() + 1)
        });
    Err(Undecodable::NotUtf8 {
        line,
        column,
        lossy: String::from_utf8_lossy(bytes).into_owned(),
        gbk,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_bytes_stop_at_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let huge = dir.path().join("2030.yaml");
        // Sparse: 3 GB on paper, nothing on disk.
        std::fs::File::create(&huge)
            .unwrap()
            .set_len(3 << 30)
            .unwrap();
        assert!(data_bytes(&huge).is_none());
        let small = dir.path().join("2017.yaml");
        std::fs::write(&small, "topic: 测试\n").unwrap();
        assert_eq!(data_bytes(&small).unwrap(), "topic: 测试\n".as_bytes());
        assert!(data_bytes(&dir.path().join("absent.yaml")).is_none());
    }

    #[test]
    fn a_folder_that_cannot_be_listed_is_an_error_not_no_years() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            available_years(&dir.path().join("absent"))
                .unwrap()
                .is_empty()
        );
        let file = dir.path().join("data");
        std::fs::write(&file, "").unwrap();
        assert!(
            available_years(&file).is_err(),
            "a file is no folder of years"
        );
        std::fs::create_dir(dir.path().join("d")).unwrap();
        for name in ["2017.yaml", "2016.yaml", "999.yaml", "notes.yaml"] {
            std::fs::write(dir.path().join("d").join(name), "").unwrap();
        }
        assert_eq!(
            available_years(&dir.path().join("d")).unwrap(),
            [2016, 2017]
        );
    }
}
