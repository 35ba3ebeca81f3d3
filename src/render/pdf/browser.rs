//! PDF by the browser route: the HTML (whose print CSS follows GB/T 9704)
//! printed by a headless Chromium-family browser found on the machine — Chromium, Google
//! Chrome, or Microsoft Edge, which every Windows office machine has. The
//! browser is kept off the network, and the PDF's dates are fixed so the same
//! inputs give the same bytes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Outcome};
use crate::render::html;
use crate::render::input::Input;
use crate::tr;

/// How long a browser may take to print one report before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(90);

/// Program names looked up on `PATH`, most specific first.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
    "chrome",
];

/// Where the browsers install themselves when they are not on `PATH`.
const LOCATIONS: &[&str] = &[
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/// The browser to print with: `chosen` if given, else the first one found.
pub(super) fn find_browser(chosen: Option<&Path>) -> Result<PathBuf, Error> {
    if let Some(path) = chosen {
        return if path.is_file() {
            Ok(path.to_path_buf())
        } else {
            Err(Error::Browser {
                reason: tr!(
                    "指定的浏览器 `{}` 不存在",
                    "the browser `{}` does not exist",
                    path.display()
                ),
            })
        };
    }
    let on_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default();
    let candidates = on_path.iter().flat_map(|dir| {
        NAMES
            .iter()
            .flat_map(move |name| [dir.join(name), dir.join(format!("{name}.exe"))])
    });
    candidates
        .chain(LOCATIONS.iter().map(PathBuf::from))
        .find(|path| path.is_file())
        .ok_or_else(|| Error::Browser {
            reason: tr!(
                "没有找到 Chromium、Google Chrome 或 Microsoft Edge",
                "no Chromium, Google Chrome or Microsoft Edge was found"
            ),
        })
}

/// The report's HTML page printed by `chosen`, or by the browser found.
pub(super) fn render(input: &Input, chosen: Option<&Path>) -> Outcome<Vec<u8>> {
    let html = match html::page(input) {
        Ok(html) => html,
        Err(findings) => return Ok(Err(findings)),
    };
    let browser = find_browser(chosen)?;
    Ok(Ok(print(html, &browser)?))
}

/// Prints `html` to PDF with `browser`.
pub(super) fn print(html: &[u8], browser: &Path) -> Result<Vec<u8>, Error> {
    // A temporary folder or file that cannot be written is a disk problem,
    // not a missing browser: it gets the write error's own wording.
    let work = tempfile::tempdir().map_err(|source| Error::Write {
        path: std::env::temp_dir(),
        source,
    })?;
    let page = work.path().join("report.html");
    let pdf = work.path().join("report.pdf");
    std::fs::write(&page, html).map_err(|source| Error::Write {
        path: page.clone(),
        source,
    })?;
    let url = format!("file://{}", absolute(&page).display());
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            // The page is our own, scriptless HTML; the sandbox cannot start
            // as root, which is how CI runs.
            "--no-sandbox",
            "--no-first-run",
            "--disable-extensions",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            // Nothing the browser could look up resolves: it stays off the network.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            failure(&tr!(
                "无法启动 `{}`：{e}",
                "cannot start `{}`: {e}",
                browser.display()
            ))
        })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failure(&tr!(
                    "浏览器 {} 秒内没有打印完",
                    "the browser did not finish printing within {} s",
                    TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failure(&e.to_string())),
        }
    };
    let bytes = std::fs::read(&pdf).map_err(|_| {
        failure(&tr!(
            "浏览器没有写出 PDF（退出状态 {status}）",
            "the browser wrote no PDF (exit status {status})"
        ))
    })?;
    Ok(normalize(bytes))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn failure(reason: &str) -> Error {
    Error::Browser {
        reason: reason.to_string(),
    }
}

/// Replaces the print time in the PDF's dates with a fixed one of the same
/// length (so no offset in the file moves): `SOURCE_DATE_EPOCH` if set, else
/// 1980-01-01, the start of ZIP time that DOCX files use too.
pub(super) fn normalize(mut pdf: Vec<u8>) -> Vec<u8> {
    let stamp = fixed_stamp();
    // A searcher, not a byte-by-byte window: a PDF is a megabyte or more
    // (its fonts), and the window scan cost 48 M instructions, four fifths of
    // the tool's own work for an html,pdf build (callgrind).
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let starts: Vec<usize> = memchr::memmem::find_iter(&pdf, key)
            .map(|i| i + key.len())
            .collect();
        for at in starts {
            let end = (at + stamp.len()).min(pdf.len());
            let digits = &pdf[at..end];
            if digits.len() == stamp.len() && digits.iter().all(u8::is_ascii_digit) {
                pdf[at..end].copy_from_slice(stamp.as_bytes());
            }
        }
    }
    pdf
}

fn fixed_stamp() -> String {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0));
    epoch.map_or_else(
        || "19800101000000".to_string(),
        |t| t.format("%Y%m%d%H%M%S").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_fixed_in_place() {
        let pdf =
            b"<</CreationDate (D:20261130045706+00'00')\n/ModDate (D:20261130045706+00'00')>>"
                .to_vec();
        let out = normalize(pdf.clone());
        assert_eq!(out.len(), pdf.len());
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("/CreationDate (D:19800101000000+00'00')"),
            "{text}"
        );
        assert!(
            text.contains("/ModDate (D:19800101000000+00'00')"),
            "{text}"
        );
    }

    #[test]
    fn a_named_browser_must_exist() {
        assert!(find_browser(Some(Path::new("/no/such/browser"))).is_err());
    }
}
