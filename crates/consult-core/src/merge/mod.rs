//! Merging two copies of one response, drafted apart, and telling how two copies differ.
//! Plain data in, plain data out: finding the files and the common ancestor is the
//! command line's part.
//!
//! - [`text`]: one text field merged three-way, with `similar` doing the merging;
//! - [`joint`]: a joint response's records, both copies' kept;
//! - [`response`]: a whole response merged field by field, conflicts kept as data;
//! - [`diff`]: a response as readable text, and the difference between two.

pub mod diff;
pub mod joint;
pub mod resolve;
pub mod response;
pub mod review;
pub mod text;

/// Text cut into sentences, the unit of merging and of differences (shared with the domain).
pub use crate::sentences;
pub use response::merge;

use crate::model::Response;

/// Which copy: the common ancestor, ours, or theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

/// Why two copies are not merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// These two answer different question sets.
    DifferentSets(Side, Side),
    /// Ours and theirs are from different organisations (merged only when forced).
    DifferentOrganisations,
    /// This copy still has conflicts from an earlier merge: they are resolved first.
    Unresolved(Side),
}

impl Refusal {
    /// Why a copy cannot be merged in, as the end of a sentence ("… cannot be merged: {}").
    pub fn describe(&self) -> &'static str {
        match self {
            Refusal::DifferentSets(..) => "it answers another question set",
            Refusal::DifferentOrganisations => "it is another organisation's response",
            Refusal::Unresolved(_) => "one of the two still has conflicts from an earlier merge",
        }
    }
}

/// Whether `ours` and `theirs` (and `base`) can be merged; `force` allows copies from
/// different organisations.
pub fn refusal(base: Option<&Response>, ours: &Response, theirs: &Response, force: bool) -> Option<Refusal> {
    let sides = [
        (Side::Ours, Some(ours)),
        (Side::Theirs, Some(theirs)),
        (Side::Base, base),
    ];
    let sides: Vec<(Side, &Response)> = sides.into_iter().filter_map(|(s, r)| Some((s, r?))).collect();
    for &(side, response) in &sides[1..] {
        if response.question_set.id != ours.question_set.id {
            return Some(Refusal::DifferentSets(Side::Ours, side));
        }
    }
    if let Some(&(side, _)) = sides.iter().find(|(_, r)| !r.conflicts.is_empty()) {
        return Some(Refusal::Unresolved(side));
    }
    let name = |r: &Response| r.respondent.organisation.trim().to_lowercase();
    if !force && name(ours) != name(theirs) {
        return Some(Refusal::DifferentOrganisations);
    }
    None
}

/// Which of `ours` (a copy's saved states, newest first) are also among `theirs`, newest
/// first: the first is the two copies' common ancestor, when they share a history.
pub fn common_versions(ours: &[Vec<u8>], theirs: &[Vec<u8>]) -> Vec<usize> {
    (0..ours.len()).filter(|&i| theirs.contains(&ours[i])).collect()
}
