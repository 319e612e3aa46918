//! Small text helpers shared by the exports and the screens.

/// Replaces control characters (other than newline and tab) with their visible
/// Unicode "control picture", so text from any file can be shown in a terminal
/// or written into a document without acting as an escape sequence.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if is_hidden_control(c) {
                control_picture(c)
            } else {
                c
            }
        })
        .collect::<String>()
        .into()
}

/// [`visible`] for text that must stay on one line, such as a message, a label or a title:
/// newlines and tabs become pictures too.
pub fn visible_line(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() || is_bidi_control(c);
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| if hidden(c) { control_picture(c) } else { c })
        .collect::<String>()
        .into()
}

fn is_hidden_control(c: char) -> bool {
    c != '\n' && c != '\t' && (c.is_control() || is_bidi_control(c))
}

/// Bidirectional overrides can make text read differently from what it holds.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn control_picture(c: char) -> char {
    match c as u32 {
        code @ 0..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// The first `max` characters of `text` on one line, cut at a word with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

/// Words as a reader would count them: runs of non-whitespace.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A file-name-safe form of a name: lowercase ASCII letters and digits joined by single hyphens.
/// Accented letters lose their accents where that is obvious; anything else becomes a hyphen.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(60).collect();
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "response".to_string()
    } else {
        out
    }
}

/// Common Latin letters with diacritics (Welsh, French, German…) to their base letters.
fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ŵ' | 'Ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' | 'Ý' | 'Ŷ' | 'Ÿ' => "y",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        '&' => "and",
        _ => "",
    };
    let single = base.is_empty().then_some(c);
    single.into_iter().chain(base.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_pictures() {
        assert_eq!(visible("a\x1b[2Jb\x07"), "a\u{241B}[2Jb\u{2407}");
        assert_eq!(visible("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(visible("\u{202E}evil"), "\u{FFFD}evil");
    }

    #[test]
    fn one_line_text_shows_its_line_breaks_and_tabs_too() {
        assert_eq!(visible_line("a\nb\tc\u{1b}d"), "a\u{240A}b\u{2409}c\u{241B}d");
        assert_eq!(visible_line("\u{9b}2J\u{2066}"), "\u{FFFD}2J\u{FFFD}");
        assert!(matches!(
            visible_line("plain"),
            std::borrow::Cow::Borrowed("plain")
        ));
    }

    #[test]
    fn slugs_are_readable_file_names() {
        assert_eq!(
            slug("Health Devolution Commission"),
            "health-devolution-commission"
        );
        assert_eq!(slug("Cyngor Sir Ynys Môn"), "cyngor-sir-ynys-mon");
        assert_eq!(slug("  Smith & Jones / NHS  "), "smith-and-jones-nhs");
        assert_eq!(slug("東京"), "response");
    }

    #[test]
    fn words_are_counted_across_lines() {
        assert_eq!(word_count("one two\n\nthree  four\tfive"), 5);
        assert_eq!(word_count("   "), 0);
    }
}
