//! The zip packages the tool writes (DOCX, OFD, and the workbook of
//! `report sheet`), stored the same way on every system.

/// How a part of a package we write (DOCX, OFD, XLSX) is stored: with
/// `method`, at the zip epoch, and marked as made on Unix whatever the host
/// — the zip crate records `fat` on Windows otherwise, and a file built on
/// a clerk's PC would differ by that byte from the CI job's.
pub(crate) fn package_part(method: zip::CompressionMethod) -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(zip::DateTime::default())
        .system(zip::System::Unix)
        .unix_permissions(0o644)
}
