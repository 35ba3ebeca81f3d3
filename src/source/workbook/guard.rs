//! Opening a workbook safely. A workbook is a zip of XML parts: before any
//! spreadsheet reader sees it, its size, its kind and what it would unpack
//! to are checked, so a hostile or mistaken file is refused at once with a
//! message, not after minutes of work or gigabytes of memory.

use std::io::Cursor;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::source::files;
use crate::tr;

/// A figures workbook is tens of kilobytes; this is far beyond any.
pub(crate) const MAX_WORKBOOK_BYTES: u64 = 16 * 1024 * 1024;
/// What all its parts may unpack to, together.
const MAX_UNPACKED: u64 = 128 * 1024 * 1024;
/// How much larger than its packed size one part may be. Real sheets pack
/// about 10:1; a zip bomb packs a thousand to one and more.
const MAX_RATIO: u64 = 200;

/// The start of a zip file (every .xlsx).
const ZIP: &[u8] = b"PK\x03\x04";
/// The start of an OLE compound file: an old .xls, or any Office file
/// saved with a password (the encrypted package sits inside one).
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A workbook's bytes, checked, and whether Excel is told to recalculate
/// every formula when it opens it (the cached results are then suspect).
pub(crate) struct Opened {
    pub(crate) bytes: Vec<u8>,
    pub(crate) recalculate: bool,
}

pub(crate) fn open(path: &Path, shown: &str) -> Result<Opened, Box<Diagnostic>> {
    let refuse = |message: String, hint: String| {
        Box::new(Diagnostic::error(message).code("bad-workbook").hint(hint))
    };
    let bytes = files::read_regular(path, MAX_WORKBOOK_BYTES + 1).map_err(|error| {
        refuse(
            tr!("无法读取 {shown}：{error}", "cannot read {shown}: {error}"),
            tr!(
                "检查文件的权限；在 Excel 里打开着也没关系，但要先保存",
                "check the file's permissions; it may be open in Excel, but save it first"
            ),
        )
    })?;
    if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(refuse(
            tr!(
                "{shown} 超过了 {} MB，不像是填数的表格",
                "{shown} is over {} MB, too large for a figures workbook",
                MAX_WORKBOOK_BYTES / 1024 / 1024
            ),
            tr!(
                "用 report sheet 重新生成填报表，只填数字",
                "make a fresh one with report sheet and fill in the figures only"
            ),
        ));
    }
    if bytes.starts_with(OLE) {
        return Err(if contains_utf16(&bytes, "EncryptedPackage") {
            refuse(
                tr!(
                    "{shown} 设了打开密码，读不了",
                    "{shown} is protected by a password and cannot be read"
                ),
                tr!(
                    "在 Excel 里打开，“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码后保存",
                    "open it in Excel, File → Info → Protect Workbook → Encrypt with Password, clear the password and save"
                ),
            )
        } else {
            refuse(
                tr!(
                    "{shown} 是旧版 Excel 文件（.xls），只是改了扩展名",
                    "{shown} is an old Excel file (.xls) with its name changed"
                ),
                tr!(
                    "在 Excel 或 WPS 里打开，“另存为”Excel 工作簿（.xlsx）",
                    "open it in Excel or WPS and save it as an Excel Workbook (.xlsx)"
                ),
            )
        });
    }
    if !bytes.starts_with(ZIP) {
        return Err(refuse(
            tr!(
                "{shown} 不是 Excel 工作簿（.xlsx）",
                "{shown} is not an Excel workbook (.xlsx)"
            ),
            tr!(
                "在 Excel 或 WPS 里“另存为”Excel 工作簿（.xlsx）；CSV 等文本表格不能直接改扩展名",
                "save it from Excel or WPS as an Excel Workbook (.xlsx); a CSV cannot simply be renamed"
            ),
        ));
    }
    let recalculate = unpacked(&bytes).map_err(|reason| {
        refuse(
            tr!(
                "{shown} 已损坏或不安全：{reason}",
                "{shown} is damaged or unsafe: {reason}"
            ),
            tr!(
                "用 report sheet 重新生成填报表，或请发来的单位重新保存一份",
                "make a fresh one with report sheet, or ask the sender to save it again"
            ),
        )
    })?;
    Ok(Opened { bytes, recalculate })
}

/// Checks what the zip's parts unpack to, reading each part as far as the
/// limits allow (a part's stated size can lie); returns whether the
/// workbook asks for a full recalculation on opening.
fn unpacked(bytes: &[u8]) -> Result<bool, String> {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total = 0u64;
    let mut recalculate = false;
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).map_err(|e| e.to_string())?;
        let packed = part.compressed_size().max(1);
        let limit = (packed * MAX_RATIO)
            .max(1024 * 1024)
            .min(MAX_UNPACKED - total);
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let mut text = Vec::new();
        let read = if name == "xl/workbook.xml" {
            (&mut part).take(limit + 1).read_to_end(&mut text)
        } else {
            std::io::copy(&mut (&mut part).take(limit + 1), &mut std::io::sink())
                .map(|n| n as usize)
        }
        .map_err(|e| e.to_string())? as u64;
        if read > limit {
            return Err(tr!(
                "其中的 {name} 解压后超过 {} MB（压缩炸弹？）",
                "its part {name} unpacks to over {} MB (a zip bomb?)",
                limit / 1024 / 1024
            ));
        }
        total += read;
        if text.windows(15).any(|w| w == b"fullCalcOnLoad=") {
            let text = String::from_utf8_lossy(&text);
            recalculate =
                text.contains("fullCalcOnLoad=\"1\"") || text.contains("fullCalcOnLoad=\"true\"");
        }
    }
    Ok(recalculate)
}

fn contains_utf16(bytes: &[u8], word: &str) -> bool {
    let wide: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(bytes, &wide).is_some()
}
