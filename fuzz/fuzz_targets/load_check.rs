//! Any text as a data file: load, validate, render with the built-in
//! templates and lint must answer with diagnostics, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = report::check_text(text, 2017);
    }
});
