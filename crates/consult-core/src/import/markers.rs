//! Explicit markers: the words a member writes to say which question follows —
//! "Question 3", "Q3", "Element 5:", "3.", "(3)", or an unnumbered item's label such as
//! "Executive summary". A set's numbered items come in families ("Question 1…4",
//! "Element 1…8"); a bare number names an item only once the family is known.

use crate::model::QuestionSet;

/// A family of numbered items: the word their labels start with, and each number's item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// The label's word, lower case ("question").
    pub word: String,
    /// (number, item index in reading order).
    pub items: Vec<(u32, usize)>,
}

impl Family {
    pub fn item(&self, number: u32) -> Option<usize> {
        self.items.iter().find(|(n, _)| *n == number).map(|(_, i)| *i)
    }

    /// Whether `word` (lower case) names the family: "question", "questions", "q".
    fn named_by(&self, word: &str) -> bool {
        word == self.word || word.strip_suffix('s') == Some(&self.word)
    }

    fn initial(&self) -> char {
        self.word.chars().next().unwrap_or(' ')
    }
}

/// The set's numbered families, in the order their first item comes.
pub fn families(set: &QuestionSet) -> Vec<Family> {
    let mut families: Vec<Family> = Vec::new();
    for (index, item) in set.items().enumerate() {
        let mut parts = item.label.split_whitespace();
        let (Some(word), Some(number), None) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        let word = word.to_lowercase();
        match families.iter_mut().find(|f| f.word == word) {
            Some(family) => family.items.push((number, index)),
            None => families.push(Family {
                word,
                items: vec![(number, index)],
            }),
        }
    }
    families
}

/// What a passage opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// A label naming its item outright: "Question 3", "Q3", "Executive summary".
    Item { item: usize, len: usize },
    /// A bare number, "3." or "(3)" or "3 ": which item depends on the family in use.
    Number { number: u32, len: usize },
}

impl Marker {
    /// How many bytes of the text the marker takes, punctuation after it included.
    pub fn len(&self) -> usize {
        match self {
            Marker::Item { len, .. } | Marker::Number { len, .. } => *len,
        }
    }

    /// Whether nothing is marked (never: a marker has at least one character).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The marker `text` opens with, if any. `numbered` is the list number a reader worked
/// out for a list entry ("3."), which is not part of the text.
pub fn at_start(text: &str, set: &QuestionSet, families: &[Family]) -> Option<Marker> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let with_lead = |m: Marker| match m {
        Marker::Item { item, len } => Marker::Item {
            item,
            len: len + lead,
        },
        Marker::Number { number, len } => Marker::Number {
            number,
            len: len + lead,
        },
    };
    labelled(trimmed, families)
        .or_else(|| unnumbered_label(trimmed, set))
        .or_else(|| bare_number(trimmed))
        .map(with_lead)
}

/// "Question 3", "Questions 3", "Q3", "Q.3", "Q 3": a family word or its initial, then a number.
fn labelled(text: &str, families: &[Family]) -> Option<Marker> {
    let word_end = text.find(|c: char| !c.is_alphabetic()).unwrap_or(text.len());
    let word = text[..word_end].to_lowercase();
    if word.is_empty() {
        return None;
    }
    let family = families.iter().find(|f| {
        f.named_by(&word)
            || (word.chars().count() == 1 && word.starts_with(f.initial()) && initial_is_unique(f, families))
    })?;
    let rest = &text[word_end..];
    let gap = rest.len() - rest.trim_start_matches([' ', '.', '\u{a0}']).len();
    // "Q" alone needs the number right after it or after a dot or one space.
    if gap > 2 {
        return None;
    }
    let digits = &rest[gap..];
    let digits_len = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
    if digits_len == 0 || (word.len() == 1 && gap > 1) {
        return None;
    }
    let number: u32 = digits[..digits_len].parse().ok()?;
    let item = family.item(number)?;
    let after = &digits[digits_len..];
    // "Question 3x" is not a marker; "Question 3: …", "Question 3 …" and "Question 3" are.
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some(Marker::Item {
        item,
        len: word_end + gap + digits_len + punctuation(after),
    })
}

fn initial_is_unique(family: &Family, families: &[Family]) -> bool {
    families
        .iter()
        .filter(|f| f.initial() == family.initial())
        .count()
        == 1
}

/// An unnumbered item's whole label ("Executive summary", "Further comments") followed by
/// nothing or punctuation.
fn unnumbered_label(text: &str, set: &QuestionSet) -> Option<Marker> {
    set.items().enumerate().find_map(|(item, it)| {
        if it
            .label
            .split_whitespace()
            .last()
            .is_some_and(|w| w.parse::<u32>().is_ok())
        {
            return None;
        }
        let label = &it.label;
        let head = text.get(..label.len())?;
        if !head.eq_ignore_ascii_case(label) {
            return None;
        }
        let after = &text[label.len()..];
        let end = punctuation(after);
        (after.is_empty() || end > 0).then_some(Marker::Item {
            item,
            len: label.len() + end,
        })
    })
}

/// "3.", "3)", "(3)", "3:" or "3 " before a word: a number as a document numbers its parts.
/// "3.5" and "2022 was" are not.
fn bare_number(text: &str) -> Option<Marker> {
    let (open, body) = match text.strip_prefix('(') {
        Some(body) => (1, body),
        None => (0, text),
    };
    let digits = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
    if digits == 0 || digits > 2 {
        return None;
    }
    let number: u32 = body[..digits].parse().ok()?;
    let after = &body[digits..];
    let close = match after.chars().next() {
        Some(')') => 1,
        Some('.') | Some(':') if open == 0 && !after[1..].starts_with(|c: char| c.is_ascii_digit()) => 1,
        Some(' ') if open == 0 => 0,
        None if open == 0 => 0,
        _ => return None,
    };
    if open == 1 && close == 0 {
        return None;
    }
    let rest = &after[close..];
    let space = rest.len() - rest.trim_start().len();
    if !rest.is_empty() && space == 0 {
        return None;
    }
    Some(Marker::Number {
        number,
        len: open + digits + close + space,
    })
}

/// The punctuation and spaces that end a marker: ":", ".", ")", " –", " -".
fn punctuation(after: &str) -> usize {
    let trimmed = after.trim_start_matches([':', '.', ')', ' ', '-', '–', '—', '\u{a0}']);
    after.len() - trimmed.len()
}

/// Byte offsets inside `text` where a labelled marker ("Question 3:", "Q3.") opens a new
/// sentence: there a paragraph is cut in two, so that each part can go to its item.
pub fn inside(text: &str, families: &[Family]) -> Vec<usize> {
    let mut cuts = Vec::new();
    for (at, _) in text.match_indices(['.', '?', '!', ';']) {
        let rest = &text[at + 1..];
        let start = rest.len() - rest.trim_start().len();
        if start == 0 {
            continue;
        }
        let cut = at + 1 + start;
        let candidate = &text[cut..];
        if let Some(Marker::Item { len, .. }) = labelled(candidate, families)
            // A reference ("see Question 3 above") is not a marker: one needs punctuation.
            && candidate[..len].trim_end().ends_with([':', '.', ')', '–', '-', '—'])
        {
            cuts.push(cut);
        }
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::set;

    fn id(set: &QuestionSet, index: usize) -> String {
        set.items().nth(index).unwrap().id.clone()
    }

    #[test]
    fn the_set_has_two_numbered_families() {
        let families = families(&set());
        let words: Vec<&str> = families.iter().map(|f| f.word.as_str()).collect();
        assert_eq!(words, ["question", "element"]);
        assert_eq!(families[1].items.len(), 8);
    }

    #[test]
    fn markers_at_the_start_of_a_passage() {
        let set = set();
        let families = families(&set);
        let cases: &[(&str, Option<(&str, usize)>)] = &[
            ("Question 3: We agree.", Some(("q3", 12))),
            ("question 3 We agree.", Some(("q3", 11))),
            ("Q3. We agree.", Some(("q3", 4))),
            ("Q.3 We agree.", Some(("q3", 4))),
            ("Q 3 – We agree.", Some(("q3", 8))),
            ("Element 5 – single budgets", Some(("e5", 14))),
            ("E5: single budgets", Some(("e5", 4))),
            ("Executive summary", Some(("summary", 17))),
            ("Further comments: none.", Some(("comments", 18))),
            ("Question 9: there is none", None),
            ("Question 3x", None),
            ("Questions of funding matter.", None),
            ("Quite so.", None),
            ("Executive summaries are short.", None),
        ];
        for (text, expected) in cases {
            let found = at_start(text, &set, &families).and_then(|m| match m {
                Marker::Item { item, len } => Some((id(&set, item), len)),
                Marker::Number { .. } => None,
            });
            let expected = expected.map(|(i, l)| (i.to_string(), l));
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn bare_numbers_are_markers_only_as_numbering() {
        let set = set();
        let families = families(&set);
        let cases: &[(&str, Option<(u32, usize)>)] = &[
            ("3. We agree", Some((3, 3))),
            ("(3) We agree", Some((3, 4))),
            ("3) We agree", Some((3, 3))),
            ("1 Do you agree", Some((1, 2))),
            ("7", Some((7, 1))),
            ("3.5 per cent", None),
            ("2022 was a hard year", None),
            ("(3 of them)", None),
            ("3rd point", None),
        ];
        for (text, expected) in cases {
            let found = at_start(text, &set, &families).and_then(|m| match m {
                Marker::Number { number, len } => Some((number, len)),
                Marker::Item { .. } => None,
            });
            assert_eq!(found, *expected, "{text:?}");
        }
    }

    #[test]
    fn a_labelled_marker_inside_a_paragraph_cuts_it() {
        let families = families(&set());
        let text = "We agree. Question 3: we support it. As Question 4 says, see Q4 below.";
        assert_eq!(inside(text, &families), vec![10]);
        assert_eq!(inside("Yes. Q4. Also yes.", &families), vec![5]);
        assert!(inside("No markers here. None at all.", &families).is_empty());
    }
}
