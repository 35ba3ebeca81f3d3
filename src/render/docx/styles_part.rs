//! The styles part, made once per layout and language in a process. It is
//! the same for every report of a bulk build, and docx-rs building it and
//! the schema-order pass cost about 0.9 M instructions a report (callgrind).

use std::sync::Mutex;

use crate::source::format::Style as LayoutStyle;

/// `(layout and language, styles.xml)`; a build has one or two.
static MADE: Mutex<Vec<(String, Vec<u8>)>> = Mutex::new(Vec::new());

fn key(layout: &LayoutStyle, lang: &str) -> String {
    format!("{layout:?}|{lang}")
}

/// The part made earlier for this layout and language.
pub(super) fn get(layout: &LayoutStyle, lang: &str) -> Option<Vec<u8>> {
    let key = key(layout, lang);
    let made = MADE.lock().ok()?;
    made.iter()
        .find(|(k, _)| *k == key)
        .map(|(_, part)| part.clone())
}

pub(super) fn keep(layout: &LayoutStyle, lang: &str, part: &[u8]) {
    let key = key(layout, lang);
    if let Ok(mut made) = MADE.lock()
        && !made.iter().any(|(k, _)| *k == key)
    {
        made.push((key, part.to_vec()));
    }
}
