//! The language of messages: Chinese where the user's locale is Chinese,
//! English otherwise. Each message is written once, in both languages side
//! by side, through [`tr!`], so the two cannot drift apart.

use std::sync::OnceLock;

static CHINESE: OnceLock<bool> = OnceLock::new();

/// Whether messages are in Chinese: `LC_ALL`, then `LC_MESSAGES`, then
/// `LANG` (the first one set wins, as in POSIX); where none is set (Windows),
/// the system's locale.
pub(crate) fn chinese() -> bool {
    // Unit tests pin the Chinese wording; the binary's tests set the locale.
    if cfg!(test) {
        return true;
    }
    *CHINESE.get_or_init(|| {
        let from_env = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty());
        let locale = from_env.or_else(sys_locale::get_locale).unwrap_or_default();
        locale.to_ascii_lowercase().starts_with("zh")
    })
}

/// A message in Chinese and English; formats the one the user reads.
#[macro_export]
macro_rules! tr {
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        if $crate::lang::chinese() {
            format!($zh $(, $arg)*)
        } else {
            format!($en $(, $arg)*)
        }
    };
}

/// A message in Chinese and in the user's language: `(zh, shown)`. For
/// text that goes both to the screen and into a file the clerk keeps,
/// which is Chinese whatever the machine's locale.
#[macro_export]
macro_rules! tr_both {
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {{
        let zh = format!($zh $(, $arg)*);
        let shown = if $crate::lang::chinese() {
            zh.clone()
        } else {
            format!($en $(, $arg)*)
        };
        (zh, shown)
    }};
}

/// Items listed in a message: “a、b、c” in Chinese, “a, b, c” in English.
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> String {
    let separator = if chinese() { "、" } else { ", " };
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(separator)
}

/// `n` things in English: “1 error”, “2 errors”.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
