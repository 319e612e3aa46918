//! Small text helpers shared by the exports and the screens.

/// Replaces control characters (other than newline and tab) with their visible
/// Unicode "control picture", so text from any file can be shown in a terminal
/// or written into a document without acting as an escape sequence.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    sanitise(text, true)
}

/// A cell a spreadsheet will show as text: one starting `=`, `+`, `-` or `@` would be
/// run as a formula, so it gets a leading apostrophe, as spreadsheets themselves do.
pub fn spreadsheet_safe(text: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text
    }
}

/// [`visible`] for text that must stay on one line, such as a message, a label or a title:
/// newlines and tabs become pictures too.
pub fn visible_line(text: &str) -> std::borrow::Cow<'_, str> {
    sanitise(text, false)
}

/// The one sanitiser for untrusted text: controls become pictures and bidi controls U+FFFD;
/// `keep_breaks` leaves newlines and tabs as they are. Borrows when nothing needs replacing.
fn sanitise(text: &str, keep_breaks: bool) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        let kept = keep_breaks && matches!(c, '\n' | '\t');
        !kept && (c.is_control() || is_bidi_control(c))
    };
    if !has_hidden(text, keep_breaks, hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| if hidden(c) { control_picture(c) } else { c })
        .collect::<String>()
        .into()
}

/// Whether `text` has a character `hidden` hides. Whole answers pass through here for every
/// export, so blocks of plain ASCII (printable, or the breaks kept) are passed over a block
/// at a time, in a loop the compiler turns into vector instructions; only blocks with
/// anything else are looked at character by character.
fn has_hidden(text: &str, keep_breaks: bool, hidden: impl Fn(char) -> bool) -> bool {
    const BLOCK: usize = 64;
    let plain = |b: u8| (0x20..0x7f).contains(&b) || (keep_breaks && (b == b'\n' || b == b'\t'));
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + BLOCK).min(bytes.len());
        if !bytes[start..end].iter().fold(true, |all, &b| all & plain(b)) {
            // The whole characters this block touches.
            let mut from = start;
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = end;
            while !text.is_char_boundary(to) {
                to += 1;
            }
            if text[from..to].chars().any(&hidden) {
                return true;
            }
        }
        start = end;
    }
    false
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

/// Runs of whitespace, line breaks included, as single spaces: text for one line.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Which part of a text too wide for its room is kept.
enum Keep {
    Start,
    /// The start, cut after a whole word where there is one: for summaries.
    Words,
    End,
}

/// The one cut behind [`truncate`], [`shorten`] and [`tail`]: `text` as it is if it fits in
/// `width` display columns, else the part `keep` says with "…" where the rest was, still
/// within `width`. Columns, not characters, so CJK and emoji never overflow their room.
fn cut(text: &str, width: usize, keep: Keep) -> std::borrow::Cow<'_, str> {
    use unicode_truncate::UnicodeTruncateStr;
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.into();
    }
    let Some(room) = width.checked_sub(1) else {
        return "".into(); // not even the ellipsis fits
    };
    match keep {
        Keep::Start => format!("{}…", text.unicode_truncate(room).0),
        Keep::Words => {
            let head = text.unicode_truncate(room).0;
            let between_words = text[head.len()..].starts_with(char::is_whitespace);
            let head = match head.rsplit_once(char::is_whitespace) {
                Some((whole, _)) if !between_words => whole,
                _ => head, // a cut between words, or one long word
            };
            format!("{}…", head.trim_end_matches([' ', ',', ';', ':']))
        }
        Keep::End => format!("…{}", text.unicode_truncate_start(room).0),
    }
    .into()
}

/// `text` cut at the end to at most `width` display columns, with "…" if anything was cut.
pub fn truncate(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    cut(text, width, Keep::Start)
}

/// [`truncate`] padded with spaces to exactly `width` columns, for a column of a table.
/// (`format!`'s padding counts characters, which is wrong for wide text.)
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let cut = truncate(text, width);
    let pad = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(pad))
}

/// `text` on one line in at most `width` columns, cut after a word with "…": a summary.
pub fn shorten(text: &str, width: usize) -> String {
    let flat = flat(text);
    cut(&flat, width, Keep::Words).into_owned()
}

/// The end of `text` on one line in at most `width` columns, with "…" before it if cut.
pub fn tail(text: &str, width: usize) -> String {
    let flat = flat(text);
    cut(&flat, width, Keep::End).into_owned()
}

/// A title's main part, before any subtitle: "Integrating care: next steps…" is "Integrating care".
pub fn main_title(title: &str) -> &str {
    title.split_once(':').map_or(title, |(main, _)| main.trim())
}

/// `12345` as `12,345`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Words as a reader would count them: runs of non-whitespace.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A saved time as the user's clock shows it, such as `1 Dec 2026 14:05:09`: one format on
/// every screen and in `consult versions`, so a version reads the same wherever it is named.
/// The seconds are there because versions kept within one minute must still read apart.
pub fn saved_time(at: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    at.to_zoned(zone.clone())
        .strftime("%-d %b %Y %H:%M:%S")
        .to_string()
}

/// The words in `new`, given that `old` has `old_words`: only the part that differs is
/// counted again, so a key typed into a long answer costs what changed, not its length.
pub fn recount_words(old: &str, old_words: usize, new: &str) -> usize {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let (prefix, suffix) = unchanged_ends(old, new);
    // Widen to whitespace (or the ends), so that no word crosses the edges of what is counted.
    let start = old[..prefix].rfind(char::is_whitespace).unwrap_or(0);
    let tail = &old[a.len() - suffix..];
    let into_tail = tail.find(char::is_whitespace).unwrap_or(tail.len());
    let before = word_count(&old[start..a.len() - suffix + into_tail]);
    let after = word_count(&new[start..b.len() - suffix + into_tail]);
    (old_words + after).saturating_sub(before)
}

/// One change to the whole text, in bytes, for a copy kept elsewhere to follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub at: usize,
    pub removed: usize,
    pub inserted: String,
}

impl Splice {
    /// Makes the same change to `text`; false (and `text` untouched) if it does not fit.
    pub fn apply(&self, text: &mut String) -> bool {
        let end = self.at + self.removed;
        let fits = end <= text.len() && text.is_char_boundary(self.at) && text.is_char_boundary(end);
        if fits {
            text.replace_range(self.at..end, &self.inserted);
        }
        fits
    }
}

/// How many bytes `old` and `new` share at their start and, not overlapping that, at their
/// end, each cut back to a character boundary: what an edit left alone on either side.
pub fn unchanged_ends(old: &str, new: &str) -> (usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = common_len(a.chunks(64).zip(b.chunks(64)), a.iter().zip(b));
    let room = a.len().min(b.len()) - prefix;
    let mut suffix = common_len(
        a.rchunks(64).zip(b.rchunks(64)),
        a.iter().rev().zip(b.iter().rev()),
    )
    .min(room);
    // Equal bytes before (after) a boundary in one text are a boundary in the other too.
    while !old.is_char_boundary(prefix) {
        prefix -= 1;
    }
    while !old.is_char_boundary(a.len() - suffix) {
        suffix -= 1;
    }
    (prefix, suffix)
}

/// How many leading pairs are equal: whole chunks first (compared quickly), then bytes.
fn common_len<'a>(
    chunks: impl Iterator<Item = (&'a [u8], &'a [u8])>,
    bytes: impl Iterator<Item = (&'a u8, &'a u8)>,
) -> usize {
    let whole = chunks.take_while(|(x, y)| x.len() == 64 && x == y).count() * 64;
    whole + bytes.skip(whole).take_while(|(x, y)| x == y).count()
}

/// A file-name-safe form of a name: lowercase ASCII letters and digits joined by single hyphens.
/// Letters are transliterated (Łódź to lodz, 東京 to dong-jing) so a name from any language
/// stays readable; `&` reads as "and"; a name with nothing usable left is "response".
/// It also names each draft's history folder (`history::key`): a change here moves where a
/// draft's earlier versions are looked for.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let ascii = if c == '&' {
            "and"
        } else {
            deunicode::deunicode_char(c).unwrap_or("-")
        };
        for c in ascii.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if c == '\'' {
                // An apostrophe is inside a word: St John's is st-johns, not st-john-s.
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
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

/// `text` with its first letter a capital, to open a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A path as it may be shown on a terminal or in a message: its control characters as
/// pictures, on one line.
pub fn shown_path(path: &std::path::Path) -> String {
    visible_line(&path.display().to_string()).into_owned()
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
    fn a_hidden_character_is_found_wherever_it_falls_in_a_block() {
        // Each hidden character (and some harmless ones beside it) at every place across
        // the blocks the quick look goes by, in long plain text and after wide letters.
        for lead in ["", "é", "東京", "\u{a0}"] {
            for at in 0..140 {
                for odd in ['\x1b', '\u{7f}', '\u{85}', '\u{202E}', '\r', 'é', '—', '\n', '\t'] {
                    let text = format!("{lead}{}{odd}{}", &"word ".repeat(30)[..at], "tail ".repeat(10));
                    for keep in [true, false] {
                        let hidden = |c: char| {
                            !(keep && matches!(c, '\n' | '\t')) && (c.is_control() || is_bidi_control(c))
                        };
                        assert_eq!(
                            has_hidden(&text, keep, hidden),
                            text.chars().any(hidden),
                            "{odd:?} at {at} after {lead:?}, breaks kept: {keep}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn both_sanitisers_hide_the_same_things_but_line_breaks() {
        let hostile = "a\x1b]0;title\x07\u{202E}b\r\u{85}\x7f";
        let shown = "a\u{241B}]0;title\u{2407}\u{FFFD}b\u{240D}\u{FFFD}\u{2421}";
        assert_eq!(visible(hostile), shown);
        assert_eq!(visible_line(hostile), shown);
        assert_eq!(flat(&visible(" one\n\ttwo  three ")), "one two three");
    }

    #[test]
    fn saved_times_read_as_the_local_clock_does() {
        let at: jiff::Timestamp = "2026-12-01T05:05:09Z".parse().unwrap();
        let tokyo = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
        assert_eq!(saved_time(at, &tokyo), "1 Dec 2026 14:05:09");
        assert_eq!(saved_time(at, &jiff::tz::TimeZone::UTC), "1 Dec 2026 05:05:09");
    }

    #[test]
    fn slugs_are_readable_file_names() {
        assert_eq!(
            slug("Health Devolution Commission"),
            "health-devolution-commission"
        );
        assert_eq!(slug("Cyngor Sir Ynys Môn"), "cyngor-sir-ynys-mon");
        assert_eq!(slug("  Smith & Jones / NHS  "), "smith-and-jones-nhs");
        assert_eq!(slug("Łódź City Council"), "lodz-city-council");
        assert_eq!(slug("Škoda Česko"), "skoda-cesko");
        assert_eq!(slug("Straße & Söhne"), "strasse-and-sohne");
        // Transliterated, a name in another script is still a name, not a placeholder.
        assert_eq!(slug("東京"), "dong-jing");
        assert_eq!(slug("Київська міська рада"), "kiyivska-miska-rada");
        assert_eq!(slug("St John’s Hospice"), "st-johns-hospice");
        assert_eq!(slug(" / — ! "), "response");
        assert_eq!(slug(""), "response");
    }

    #[test]
    fn a_long_name_makes_a_slug_of_at_most_sixty_characters() {
        let name = "The Royal Borough of Kensington and Chelsea Health and Wellbeing Board";
        let slug = slug(name);
        assert!(slug.len() <= 60, "{slug}");
        assert!(!slug.ends_with('-'), "{slug}");
        assert!(slug.starts_with("the-royal-borough-of-kensington"));
    }

    /// Display columns, as a terminal draws them.
    fn columns(text: &str) -> usize {
        unicode_width::UnicodeWidthStr::width(text)
    }

    #[test]
    fn wide_text_is_cut_to_its_columns_not_its_characters() {
        // Eight characters but sixteen columns: a character count would let it overflow.
        let cut = truncate("東京都の回答です", 10);
        assert!(columns(&cut) <= 10, "{cut:?} is {} columns", columns(&cut));
        assert_eq!(cut, "東京都の…");
        // A wide character that would straddle the edge is left out, not split.
        assert_eq!(truncate("東京都の回答です", 9), "東京都の…");
        assert_eq!(truncate("東京", 4), "東京");
        assert_eq!(truncate("anything", 0), "");
    }

    #[test]
    fn emoji_are_cut_whole() {
        // A family emoji is one picture of two columns made of several characters.
        let family = "👨\u{200D}👩\u{200D}👧";
        let text = format!("{family}{family}{family} party");
        let cut = truncate(&text, 6);
        assert_eq!(cut, format!("{family}{family}…"));
        assert!(columns(&cut) <= 6);
        assert_eq!(truncate("ok 👍", 5), "ok 👍");
    }

    #[test]
    fn a_table_cell_is_exactly_its_width() {
        assert_eq!(fit("東京都の回答です", 10), "東京都の… ");
        assert_eq!(fit("東京都の回答です", 9), "東京都の…");
        assert_eq!(fit("Môn", 6), "Môn   ");
        for text in ["", "東", "Cyngor Sir Ynys Môn", "🎉🎉🎉🎉"] {
            for width in 0..12 {
                assert_eq!(columns(&fit(text, width)), width, "{text:?} in {width}");
            }
        }
    }

    #[test]
    fn summaries_end_after_a_whole_word() {
        let prompt = "How well do services work together,\n  across   health and care?";
        assert_eq!(
            shorten(prompt, 80),
            "How well do services work together, across health and care?"
        );
        assert_eq!(shorten(prompt, 40), "How well do services work together…");
        // A cut that falls between two words keeps the word before it.
        assert_eq!(shorten("one two three", 8), "one two…");
        // One word too long for the room is cut inside it.
        assert_eq!(shorten("Llanfairpwllgwyngyll", 8), "Llanfai…");
        let cut = shorten("東京都 の 回答 です", 10);
        assert_eq!(cut, "東京都 の…");
        assert!(columns(&cut) <= 10);
    }

    #[test]
    fn a_tail_keeps_the_end_within_its_columns() {
        assert_eq!(tail("short\n text", 20), "short text");
        assert_eq!(tail("the answer ends like this", 10), "…like this");
        let cut = tail("回答の最後の部分です", 9);
        assert_eq!(cut, "…部分です");
        assert!(columns(&cut) <= 9);
    }

    #[test]
    fn words_are_counted_across_lines() {
        assert_eq!(word_count("one two\n\nthree  four\tfive"), 5);
        assert_eq!(word_count("   "), 0);
    }

    #[test]
    fn words_are_recounted_from_what_changed() {
        let long = "word ".repeat(100);
        for (old, new) in [
            ("abc def", "abXc def"),
            ("abc def", "abc  def"),
            ("abc def", "abcdef"),
            ("", "one"),
            ("one", ""),
            ("Môn 東京", "Môn東京 x"),
            (long.as_str(), &format!("{long}more")),
            (long.as_str(), &long.replacen("word word", "wordword", 1)),
        ] {
            assert_eq!(
                recount_words(old, word_count(old), new),
                word_count(new),
                "{old:?} -> {new:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn a_recount_always_matches_counting_afresh(
            old in "[ab é\n東\u{a0}]{0,150}",
            at in 0usize..150,
            cut in 0usize..5,
            insert in "[a é\n東]{0,4}",
        ) {
            let mut new: Vec<char> = old.chars().collect();
            let at = at.min(new.len());
            let cut = cut.min(new.len() - at);
            new.splice(at..at + cut, insert.chars());
            let new: String = new.into_iter().collect();
            proptest::prop_assert_eq!(recount_words(&old, word_count(&old), &new), word_count(&new));
        }
    }
}
