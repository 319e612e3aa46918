//! Three-way merge of one text field, a sentence at a time.
//!
//! `similar` does the merging; it works on lines, so each distinct piece of text (a sentence
//! or a gap, see [`super::sentences`]) is given a number and the three texts are handed to it
//! as one number per line. Its regions then say, piece by piece, whose text to take.

use std::fmt::Write;

use similar::{MergeResolution, TextMerge};

use super::sentences::{is_gap, pieces};

/// One place where both sides changed the same sentences differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The ancestor's text there, which the merged text holds in its place.
    pub base: String,
    pub ours: String,
    pub theirs: String,
    /// The sentences just before and after the place in the merged text ("" at an end).
    pub before: String,
    pub after: String,
}

/// A merged text and the places it could not decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub conflicts: Vec<Region>,
}

impl Merged {
    fn clean(text: &str) -> Merged {
        Merged {
            text: text.to_string(),
            conflicts: Vec::new(),
        }
    }
}

/// `ours` and `theirs`, both changed from `base`, merged. Edits to different sentences all
/// survive; a sentence changed differently on both sides is a conflict, and the merged text
/// keeps the ancestor's version there.
pub fn merge<'a>(base: &'a str, ours: &'a str, theirs: &'a str) -> Merged {
    if ours == theirs || base == theirs {
        return Merged::clean(ours);
    }
    if base == ours {
        return Merged::clean(theirs);
    }
    let [b, o, t] = [base, ours, theirs].map(pieces);
    // Pieces are short and many: foldhash numbers them several times faster than std's SipHash.
    let mut numbers: foldhash::HashMap<&'a str, usize> = foldhash::HashMap::default();
    let mut lines = |side: &[&'a str]| {
        let mut out = String::with_capacity(side.len() * 5);
        for &piece in side {
            let next = numbers.len();
            let n = *numbers.entry(piece).or_insert(next);
            let _ = writeln!(out, "{n}");
        }
        out
    };
    let (bl, ol, tl) = (lines(&b), lines(&o), lines(&t));
    let merge = TextMerge::from_lines(bl.as_str(), ol.as_str(), tl.as_str());

    let mut out: Vec<&str> = Vec::with_capacity(o.len().max(t.len()));
    // Where each conflict's ancestor text starts and ends in `out`.
    let mut places = Vec::new();
    for region in merge.regions() {
        match region.resolution() {
            MergeResolution::Unchanged | MergeResolution::Ours | MergeResolution::Both => {
                out.extend_from_slice(&o[region.ours_range()]);
            }
            MergeResolution::Theirs => out.extend_from_slice(&t[region.theirs_range()]),
            // A conflict, or anything a later `similar` may add: keep both sides.
            _ => {
                let start = out.len();
                out.extend_from_slice(&b[region.base_range()]);
                places.push((start, out.len(), region.clone()));
            }
        }
    }
    let sentence = |piece: &&&str| !is_gap(piece);
    let conflicts = places
        .into_iter()
        .map(|(start, end, region)| Region {
            base: b[region.base_range()].concat(),
            ours: o[region.ours_range()].concat(),
            theirs: t[region.theirs_range()].concat(),
            before: out[..start].iter().rfind(sentence).map_or("", |s| s).to_string(),
            after: out[end..].iter().find(sentence).map_or("", |s| s).to_string(),
        })
        .collect();
    Merged {
        text: out.concat(),
        conflicts,
    }
}

/// The same without an ancestor: equal texts merge; different ones are one conflict over
/// the whole field, which is left empty until someone chooses.
pub fn merge_two_way(ours: &str, theirs: &str) -> Merged {
    if ours == theirs {
        return Merged::clean(ours);
    }
    Merged {
        text: String::new(),
        conflicts: vec![Region {
            base: String::new(),
            ours: ours.to_string(),
            theirs: theirs.to_string(),
            before: String::new(),
            after: String::new(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "One fish. Two fish. Red fish. Blue fish.";

    #[test]
    fn edits_to_different_sentences_both_survive() {
        let ours = "One cat. Two fish. Red fish. Blue fish.";
        let theirs = "One fish. Two fish. Red fish. Blue whale.";
        let merged = merge(BASE, ours, theirs);
        assert_eq!(merged.text, "One cat. Two fish. Red fish. Blue whale.");
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn edits_to_neighbouring_sentences_both_survive() {
        let ours = "One fish. Two cats. Red fish. Blue fish.";
        let theirs = "One fish. Two fish. Red dogs. Blue fish.";
        let merged = merge(BASE, ours, theirs);
        assert_eq!(merged.text, "One fish. Two cats. Red dogs. Blue fish.");
    }

    #[test]
    fn the_same_sentence_changed_on_both_sides_conflicts() {
        let ours = "One fish. Two cats. Red fish. Blue fish.";
        let theirs = "One fish. Two dogs. Red fish. Blue whale.";
        let merged = merge(BASE, ours, theirs);
        assert_eq!(merged.text, "One fish. Two fish. Red fish. Blue whale.");
        assert_eq!(
            merged.conflicts,
            [Region {
                base: "Two fish.".into(),
                ours: "Two cats.".into(),
                theirs: "Two dogs.".into(),
                before: "One fish.".into(),
                after: "Red fish.".into(),
            }]
        );
    }

    #[test]
    fn two_way_merges_only_equal_texts() {
        assert_eq!(merge_two_way("a. b.", "a. b.").text, "a. b.");
        let merged = merge_two_way("a.", "b.");
        assert_eq!(merged.text, "");
        assert_eq!(merged.conflicts[0].ours, "a.");
        assert_eq!(merged.conflicts[0].theirs, "b.");
    }
}
