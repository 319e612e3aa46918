//! Text cut into sentences and the gaps between them, the units a merge works in.
//!
//! The pieces put back together are the text, byte for byte, so a merge never changes
//! spacing it did not have to. Gaps (the whitespace after a sentence, a line break, a
//! paragraph break) are pieces of their own: two edits to neighbouring sentences are then
//! separated by an unchanged gap and both survive, and a sentence that gains a follower
//! does not change its own trailing space.

/// Ends a sentence when followed by whitespace or the end of the text.
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

/// May follow the end of a sentence and still belong to it: `He said "no."` or `(see above.)`.
fn closes(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '*' | '_'
    )
}

/// The character at byte `at` of `text`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Where a sentence whose stop ends at `end` really ends: after any closing marks and
/// further stops that follow (`no."`, `what?!`).
fn past_closers(text: &str, mut end: usize) -> usize {
    while let Some(next) = char_at(text, end) {
        if !(closes(next) || ends_sentence(next)) {
            break;
        }
        end += next.len_utf8();
    }
    end
}

/// The first place from `from` where a stop or a line break may be: inside a sentence
/// nothing else can end it, so the letters between are skipped a byte at a time without
/// decoding them. '…' and '‽' both begin with the byte 0xE2, which never continues a
/// character, so every place found is a character's start.
fn next_possible_end(text: &str, from: usize) -> usize {
    let rest = &text.as_bytes()[from..];
    from + rest
        .iter()
        .position(|&b| matches!(b, b'.' | b'!' | b'?' | b'\n' | 0xE2))
        .unwrap_or(rest.len())
}

/// The pieces of `text`, in order: sentences and gaps. Their concatenation is `text`.
pub fn pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    // Whether the text since `start` is a gap (whitespace after a sentence's end).
    let mut in_gap = false;
    let mut at = 0;
    while let Some(c) = char_at(text, at) {
        let next = at + c.len_utf8();
        if in_gap {
            if c.is_whitespace() {
                at = next;
                continue;
            }
            pieces.push(&text[start..at]);
            start = at;
            in_gap = false;
        }
        if c == '\n' {
            // A line break ends a sentence (list items, addresses); the break, with any
            // spaces before it, is a gap.
            let end = start + text[start..at].trim_end().len();
            if start < end {
                pieces.push(&text[start..end]);
            }
            start = end;
            in_gap = true;
            at = next;
        } else if c.is_whitespace() && start == at {
            // Leading whitespace is a gap of its own.
            in_gap = true;
            at = next;
        } else if ends_sentence(c) {
            let end = past_closers(text, next);
            if char_at(text, end).is_some_and(char::is_whitespace) {
                pieces.push(&text[start..end]);
                start = end;
                in_gap = true;
            }
            at = end;
        } else {
            at = next_possible_end(text, next);
        }
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// Whether a piece is a gap rather than a sentence.
pub fn is_gap(piece: &str) -> bool {
    piece.chars().all(char::is_whitespace)
}

/// The sentences of `text`, without the gaps between them.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    pieces(text).into_iter().filter(|p| !is_gap(p))
}

/// The first of [`sentences`] (empty when there is none), found without cutting the rest
/// of the text into pieces: a comparison takes it from every answer of every file.
pub fn first(text: &str) -> &str {
    let text = text.trim_start();
    let mut at = 0;
    while let Some(c) = char_at(text, at) {
        if c == '\n' {
            return text[..at].trim_end();
        }
        let next = at + c.len_utf8();
        if ends_sentence(c) {
            let end = past_closers(text, next);
            if char_at(text, end).is_some_and(char::is_whitespace) {
                return &text[..end];
            }
            at = end;
        } else {
            at = next_possible_end(text, next);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_is_the_first_of_the_sentences() {
        for text in [
            "",
            "   ",
            "One. Two?",
            "  Leading space. Then more",
            "No stop at all",
            "A line\nthen another. And",
            "Trailing spaces   \nnext",
            "He said \"no.\" Then left.",
            "Wait… what?! Yes.",
            "e.g.this stays one. Two",
            "End.",
            "Windows line\r\nnext",
            "\n\nafter breaks. x",
        ] {
            assert_eq!(first(text), sentences(text).next().unwrap_or(""), "{text:?}");
        }
    }

    #[test]
    fn sentences_end_at_stops_followed_by_space() {
        assert_eq!(
            pieces("One. Two? Three! Four"),
            ["One.", " ", "Two?", " ", "Three!", " ", "Four"]
        );
    }

    #[test]
    fn paragraph_and_line_breaks_are_gaps() {
        assert_eq!(
            pieces("First para.\n\nSecond\n- item one\n- item two"),
            [
                "First para.",
                "\n\n",
                "Second",
                "\n",
                "- item one",
                "\n",
                "- item two"
            ]
        );
    }

    #[test]
    fn quotes_ellipses_and_numbers_stay_inside_a_sentence() {
        assert_eq!(
            pieces("He said “no.” Then… silence. It costs 3.5 million."),
            [
                "He said “no.”",
                " ",
                "Then…",
                " ",
                "silence.",
                " ",
                "It costs 3.5 million."
            ]
        );
        assert_eq!(pieces("Really?! Yes."), ["Really?!", " ", "Yes."]);
    }

    #[test]
    fn pieces_put_back_together_are_the_text() {
        for text in ["", "  lead", "a.  b.\n\n\n c", "end. ", "\n", "x.\r\ny"] {
            assert_eq!(pieces(text).concat(), text);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_its_pieces_put_together(text in "[a-zé .!?…‽\"'”’»)\u{a0}\u{2028}\n\r\t]{0,80}") {
            proptest::prop_assert_eq!(pieces(&text).concat(), text);
        }

        #[test]
        fn the_first_sentence_agrees_on_any_text(text in "[a-z .!?…\"')\n\r\t]{0,60}") {
            proptest::prop_assert_eq!(first(&text), sentences(&text).next().unwrap_or(""));
        }
    }
}
