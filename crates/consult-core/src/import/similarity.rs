//! How much two texts say the same thing, in words: tokens folded to lower case with
//! common endings cut ("delegated", "delegation" → "deleg"), short function words left
//! out. Two measures: how much of a question's wording a passage quotes (word pairs in
//! common, so that the same words in another order do not count as a quote), and how
//! much of a short heading an item's words cover.

use std::collections::{HashMap, HashSet};

/// Words that carry no subject: left out of every comparison.
const STOP_WORDS: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by",
    "can", "could", "do", "does", "for", "from", "has", "have", "how", "if", "in", "into", "is", "it", "its",
    "more", "most", "much", "not", "of", "on", "or", "other", "our", "over", "should", "so", "such", "than",
    "that", "the", "their", "them", "there", "these", "they", "this", "those", "to", "us", "very", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "will", "with", "would", "you", "your",
];

/// The words of `text` that carry meaning, folded and cut to their stems, in order.
pub fn stems(text: &str) -> Vec<String> {
    words(text)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| stem(&w))
        .collect()
}

/// Every word of `text` folded to lower case, in order (letters and digits only).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// A word without the endings English adds for plurals, tenses and nouns of action, so
/// that "commissioned" and "commissioning" meet. Crude on purpose: only words of one
/// text are ever compared with words of another cut the same way.
pub fn stem(word: &str) -> String {
    const ENDINGS: &[&str] = &[
        "ations", "ation", "ating", "ated", "ates", "ate", "ings", "ing", "ions", "ion", "ies", "ied", "ed",
        "es", "ly", "s", "e",
    ];
    for ending in ENDINGS {
        if let Some(root) = word.strip_suffix(ending)
            && root.chars().count() >= 3
        {
            return root.to_string();
        }
    }
    word.to_string()
}

/// How much of `wording` `text` quotes, from 0 to 1: the share of the wording's
/// consecutive word pairs (stop words included, so that the quote is of the wording and
/// not only its subject) found in `text`. A wording of one word counts that word.
pub fn quoted_share(wording: &str, text: &str) -> f32 {
    Wording::new(wording).quoted_in(&Pairs::new(text), usize::MAX)
}

/// A wording's words, stemmed once, to look for in many passages.
#[derive(Debug, Clone)]
pub struct Wording {
    stems: Vec<String>,
    pairs: Vec<u64>,
}

impl Wording {
    pub fn new(text: &str) -> Wording {
        let stems: Vec<String> = words(text).map(|w| stem(&w)).collect();
        let pairs = stems.windows(2).map(|w| pair_key(&w[0], &w[1])).collect();
        Wording { stems, pairs }
    }

    /// How many words it has.
    pub fn len(&self) -> usize {
        self.stems.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// The share of its word pairs found among the first `limit` words of a passage.
    pub fn quoted_in(&self, text: &Pairs, limit: usize) -> f32 {
        if self.stems.len() < 2 {
            let found = !self.stems.is_empty() && self.stems.iter().all(|w| text.has_word(w, limit));
            return if found { 1.0 } else { 0.0 };
        }
        let found = self
            .pairs
            .iter()
            .filter(|&&pair| text.has_pair(pair, limit))
            .count();
        found as f32 / (self.stems.len() - 1) as f32
    }
}

/// A passage's consecutive word pairs, each with where it first occurs.
#[derive(Debug, Clone, Default)]
pub struct Pairs {
    first: HashMap<u64, usize>,
    words: HashMap<String, usize>,
}

/// A word pair as one number, so that a passage's pairs are looked up without building
/// strings (two different pairs share a number once in 2^64 tries).
fn pair_key(a: &str, b: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    (a, b).hash(&mut hasher);
    hasher.finish()
}

impl Pairs {
    pub fn new(text: &str) -> Pairs {
        let stems: Vec<String> = words(text).map(|w| stem(&w)).collect();
        let mut first = HashMap::with_capacity(stems.len());
        for (at, pair) in stems.windows(2).enumerate() {
            first.entry(pair_key(&pair[0], &pair[1])).or_insert(at);
        }
        let mut words = HashMap::with_capacity(stems.len());
        for (at, stem) in stems.into_iter().enumerate() {
            words.entry(stem).or_insert(at);
        }
        Pairs { first, words }
    }

    /// Whether `a b` occurs within the first `limit` words.
    fn has_pair(&self, pair: u64, limit: usize) -> bool {
        self.first.get(&pair).is_some_and(|&at| at + 1 < limit)
    }

    fn has_word(&self, word: &str, limit: usize) -> bool {
        self.words.get(word).is_some_and(|&at| at < limit)
    }
}

/// How much of a short `heading` the words of `target` cover, from 0 to 1, and how many
/// of the heading's words were found: the share of the heading's meaningful stems that
/// `target` has. Stems `ignored` says are too common to tell anything are left out.
pub fn covered(heading: &str, target: &str, ignored: impl Fn(&str) -> bool) -> (f32, usize) {
    let target: HashSet<String> = stems(target).into_iter().collect();
    covered_by(&stems(heading), &target, ignored)
}

/// [`covered`] with both sides already cut into stems.
pub fn covered_by(
    heading: &[String],
    target: &HashSet<String>,
    ignored: impl Fn(&str) -> bool,
) -> (f32, usize) {
    let heading: Vec<&String> = heading.iter().filter(|s| !ignored(s)).collect();
    if heading.is_empty() {
        return (0.0, 0);
    }
    let found = heading.iter().filter(|w| target.contains(w.as_str())).count();
    (found as f32 / heading.len() as f32, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_tenses_and_nouns() {
        for (a, b) in [
            ("delegated", "delegation"),
            ("commissioned", "commissioning"),
            ("ICSs", "ICS"),
            ("arrangements", "arrangement"),
        ] {
            assert_eq!(stem(&a.to_lowercase()), stem(&b.to_lowercase()), "{a} / {b}");
        }
        assert_eq!(stem("the"), "the", "short words are kept whole");
    }

    #[test]
    fn quoted_share_finds_quotes_and_not_shared_subjects() {
        let q1 = "Do you agree that giving ICSs a statutory footing from 2022, alongside other legislative proposals, provides the right foundation for the NHS over the next decade?";
        let cases: &[(&str, f32, f32)] = &[
            (q1, 1.0, 1.0),
            (
                "1 Do you agree that giving ICSs a statutory footing from 2022, alongside other legislative proposals, provides the right foundation for the NHS over the next decade?",
                1.0,
                1.0,
            ),
            (
                "Q1: Do you agree that giving ICSs a statutory footing from 2022 provides the right foundation for the NHS?",
                0.6,
                0.9,
            ),
            (
                "We welcome a statutory footing for ICSs, which the NHS needs.",
                0.0,
                0.2,
            ),
            ("", 0.0, 0.0),
        ];
        for (text, low, high) in cases {
            let share = quoted_share(q1, text);
            assert!((*low..=*high).contains(&share), "{text:?}: {share}");
        }
    }

    #[test]
    fn covered_counts_the_heading_words_an_item_has() {
        let q4 = "Do you agree, subject to appropriate safeguards and where appropriate, that services currently commissioned by NHSE should be either transferred or delegated to ICS bodies?";
        let (share, found) = covered("Delegation of NHSEI commissioning to ICSs", q4, |_| false);
        assert_eq!(found, 3);
        assert!(share >= 0.7, "{share}");
        assert_eq!(covered("Section 1: Purpose", q4, |_| false).1, 0);
        assert_eq!(
            covered("Delegation of NHSEI commissioning to ICSs", q4, |s| s == "ics").1,
            2
        );
        assert_eq!(covered("", q4, |_| false), (0.0, 0));
    }
}
