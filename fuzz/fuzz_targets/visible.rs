//! The text helpers every screen and export relies on. `visible` and `visible_line` leave no
//! control character or bidirectional override behind, change nothing else, and keep one
//! character for one; `slug` always gives a safe file name.
#![no_main]

use std::borrow::Cow;

use consult_core::text::{slug, visible, visible_line};
use libfuzzer_sys::fuzz_target;

fn bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn check(text: &str, shown: Cow<'_, str>, kept: impl Fn(char) -> bool) {
    assert_eq!(
        shown.chars().count(),
        text.chars().count(),
        "one character for one"
    );
    for (before, after) in text.chars().zip(shown.chars()) {
        if kept(before) {
            assert_eq!(before, after);
        } else {
            assert!(
                !after.is_control() && !bidi(after),
                "{before:?} shown as {after:?}"
            );
        }
    }
    assert_eq!(matches!(shown, Cow::Borrowed(_)), shown == text);
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let plain = |c: char| !c.is_control() && !bidi(c);
    check(&text, visible(&text), |c| plain(c) || c == '\n' || c == '\t');
    check(&text, visible_line(&text), plain);

    let name = slug(&text);
    assert!(!name.is_empty() && name.chars().count() <= 60, "{name:?}");
    assert!(
        name.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    );
    assert!(!name.starts_with('-') && !name.ends_with('-'), "{name:?}");
});
