//! Finding a suggestion's words in the text as it is now, applying it, and telling which
//! pending suggestions change the same words (competing: one must be chosen, never both
//! merged silently).

use std::ops::Range;

use crate::model::Response;
use crate::model::joint::Field;
use crate::model::review::{Reviews, Suggestion};

/// How a pending suggestion stands against its item's text as it is now: what both front
/// ends show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// Its words are gone from the text: it can only be rejected.
    pub gone: bool,
    /// Other pending suggestions on the same words, by number: someone must choose.
    pub competing: Vec<u32>,
}

/// Where `suggestion` stands against its text in `response` now.
pub fn standing(response: &Response, suggestion: &Suggestion) -> Standing {
    let text = response
        .answer(&suggestion.item)
        .map_or("", |a| field_text(a, suggestion.field));
    let same_text: Vec<&Suggestion> = response.reviews.as_ref().map_or_else(Vec::new, |r| {
        r.pending(Some(&suggestion.item))
            .filter(|s| s.field == suggestion.field)
            .collect()
    });
    let competing = competing(text, &same_text)
        .into_iter()
        .filter_map(|(a, b)| match suggestion.number {
            n if n == a => Some(b),
            n if n == b => Some(a),
            _ => None,
        })
        .collect();
    Standing {
        gone: locate(text, suggestion).is_none(),
        competing,
    }
}

/// Where the words `suggestion` changes are in `text` now: the range of its deleted words
/// (empty for an insertion, at the insertion point). Found by those words and the words
/// around them; as much of the context as still matches is used, so an accepted neighbour
/// that changed a word nearby does not lose it. None when the words are gone, or the
/// place cannot be told from another.
pub fn locate(text: &str, suggestion: &Suggestion) -> Option<Range<usize>> {
    let before = word_tails(&suggestion.before);
    let after = word_heads(&suggestion.after);
    // Both sides' context as long as possible first, then each side alone.
    let shapes = (0..before.len().max(after.len())).map(|shrink| {
        (
            before[shrink.min(before.len() - 1)],
            after[shrink.min(after.len() - 1)],
        )
    });
    let one_sided = before
        .iter()
        .map(|b| (*b, ""))
        .chain(after.iter().map(|a| ("", *a)));
    for (before, after) in shapes.chain(one_sided) {
        if suggestion.deleted.is_empty() && before.is_empty() && after.is_empty() {
            continue;
        }
        let needle = format!("{before}{}{after}", suggestion.deleted);
        let found: Vec<usize> = text.match_indices(&needle).map(|(at, _)| at).collect();
        let start = match found.as_slice() {
            [] => continue,
            [one] => *one,
            // The same words twice: the one nearest where the reviewer saw them, if the
            // context is all there is left to tell them apart by.
            several if before.is_empty() && after.is_empty() => *several
                .iter()
                .min_by_key(|at| at.abs_diff(suggestion.at))
                .expect("several"),
            _ => continue,
        };
        let start = start + before.len();
        return Some(start..start + suggestion.deleted.len());
    }
    None
}

/// `text` with `suggestion` applied, and where its inserted words now are.
pub fn applied(text: &str, suggestion: &Suggestion) -> Option<(String, Range<usize>)> {
    let range = locate(text, suggestion)?;
    let mut changed = String::with_capacity(text.len() + suggestion.inserted.len());
    changed.push_str(&text[..range.start]);
    changed.push_str(&suggestion.inserted);
    changed.push_str(&text[range.end..]);
    let inserted = range.start..range.start + suggestion.inserted.len();
    Some((changed, inserted))
}

/// Pairs of suggestions among `suggestions` (all on one text) that change the same words
/// of `text`, or put words in at the same place, by number, each pair once, smaller first.
/// In order of place, each compared only with those starting before it ends: a text with
/// many suggestions costs in step with them, not with their square.
pub fn competing(text: &str, suggestions: &[&Suggestion]) -> Vec<(u32, u32)> {
    let mut placed: Vec<(Range<usize>, u32)> = suggestions
        .iter()
        .filter_map(|s| locate(text, s).map(|r| (r, s.number)))
        .collect();
    placed.sort_unstable_by_key(|(r, n)| (r.start, r.end, *n));
    let mut pairs = Vec::new();
    for (i, (ra, a)) in placed.iter().enumerate() {
        for (rb, b) in &placed[i + 1..] {
            // Sorted by start: once one starts at or after this one's end (and not at
            // the same point), so do all after it.
            if rb.start >= ra.end && rb.start != ra.start {
                break;
            }
            pairs.push((*a.min(b), *a.max(b)));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// For each pending suggestion of `reviews` that competes with others, those others, on
/// `response`'s texts as they are: every text's suggestions compared once.
pub fn competitors(response: &Response, reviews: &Reviews) -> std::collections::BTreeMap<u32, Vec<u32>> {
    let mut found: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    let mut by_text: std::collections::HashMap<(&str, &str), Vec<&Suggestion>> = Default::default();
    for s in reviews.pending(None) {
        by_text
            .entry((s.item.as_str(), s.field.label()))
            .or_default()
            .push(s);
    }
    let answers = response.answers_by_item();
    for ((item, _), on_text) in by_text {
        let text = answers.get(item).map_or("", |a| field_text(a, on_text[0].field));
        for (a, b) in competing(text, &on_text) {
            found.entry(a).or_default().push(b);
            found.entry(b).or_default().push(a);
        }
    }
    found
}

fn field_text(answer: &crate::model::Answer, field: Field) -> &str {
    match field {
        Field::Answer => &answer.answer,
        Field::Reasoning => &answer.reasoning,
    }
}

/// `context`'s endings from the whole of it down to its last word, then nothing.
fn word_tails(context: &str) -> Vec<&str> {
    let mut tails: Vec<&str> = std::iter::once(0)
        .chain(context.match_indices(' ').map(|(at, _)| at + 1))
        .filter(|&at| at < context.len())
        .map(|at| &context[at..])
        .collect();
    tails.dedup();
    tails.push("");
    tails
}

/// `context`'s beginnings from the whole of it down to its first word, then nothing.
fn word_heads(context: &str) -> Vec<&str> {
    let mut heads: Vec<&str> = context
        .match_indices(' ')
        .map(|(at, _)| &context[..at])
        .filter(|h| !h.is_empty())
        .collect();
    heads.reverse();
    if !context.is_empty() {
        heads.insert(0, context);
    }
    heads.dedup();
    heads.push("");
    heads
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(number: u32, before: &str, deleted: &str, inserted: &str, after: &str) -> Suggestion {
        Suggestion {
            number,
            before: before.into(),
            deleted: deleted.into(),
            inserted: inserted.into(),
            after: after.into(),
            ..Suggestion::default()
        }
    }

    #[test]
    fn standing_names_the_competing_suggestions_and_those_whose_words_are_gone() {
        use crate::model::review::Reviews;
        let set = crate::catalog::Catalog::built_in()
            .find("integrating-care")
            .unwrap()
            .clone();
        let mut response = Response::new(&set, "Org");
        response.answer_mut(&set, "summary").answer = "Funding should follow need, not history.".into();
        let on_summary = |mut s: Suggestion| {
            s.item = "summary".into();
            s
        };
        let suggestions = vec![
            on_summary(suggestion(1, "follow ", "need", "population need", ", not")),
            on_summary(suggestion(2, "follow ", "need, not history", "need", ".")),
            on_summary(suggestion(3, "We ", "strongly", "", " agree")),
        ];
        response.reviews = Some(Reviews {
            suggestions: suggestions.clone(),
            ..Reviews::default()
        });
        let standings: Vec<Standing> = suggestions.iter().map(|s| standing(&response, s)).collect();
        assert_eq!(
            standings,
            [
                Standing {
                    gone: false,
                    competing: vec![2]
                },
                Standing {
                    gone: false,
                    competing: vec![1]
                },
                Standing {
                    gone: true,
                    competing: vec![]
                },
            ]
        );
    }

    #[test]
    fn a_replacement_is_found_by_its_words_and_applied() {
        let text = "We support option one. We oppose option two.";
        let s = suggestion(1, "We oppose ", "option two", "the second option", ".");
        assert_eq!(locate(text, &s), Some(33..43));
        let (changed, inserted) = applied(text, &s).unwrap();
        assert_eq!(changed, "We support option one. We oppose the second option.");
        assert_eq!(&changed[inserted], "the second option");
    }

    #[test]
    fn an_insertion_needs_its_context_and_a_repeated_word_is_told_apart_by_it() {
        let text = "Yes, and yes again.";
        let s = suggestion(1, "and ", "", "a firm ", "yes again");
        assert_eq!(applied(text, &s).unwrap().0, "Yes, and a firm yes again.");
        let lost = suggestion(2, "nowhere ", "", "x", " here");
        assert_eq!(locate(text, &lost), None);
    }

    #[test]
    fn a_neighbouring_change_accepted_first_still_leaves_the_suggestion_found() {
        // The reviewer saw "integration must be funded properly"; "must" has since
        // become "should", so the full context no longer matches.
        let text = "Integration should be funded properly by the centre.";
        let s = suggestion(
            1,
            "Integration must be funded ",
            "properly",
            "fully",
            " by the centre.",
        );
        assert_eq!(
            applied(text, &s).unwrap().0,
            "Integration should be funded fully by the centre."
        );
    }

    #[test]
    fn words_no_longer_there_are_not_found() {
        let s = suggestion(1, "we ", "strongly", "", " agree");
        assert_eq!(locate("We agree.", &s), None);
    }

    #[test]
    fn suggestions_on_the_same_words_compete_and_others_do_not() {
        let text = "Funding should follow need, not history.";
        let a = suggestion(1, "Funding should follow ", "need", "population need", ", not");
        let b = suggestion(2, "should follow ", "need, not history", "need", ".");
        let c = suggestion(3, "", "Funding", "Money", " should");
        assert_eq!(competing(text, &[&a, &b, &c]), [(1, 2)]);
    }

    #[test]
    fn competitors_are_found_text_by_text_and_named_both_ways() {
        let set = crate::catalog::Catalog::built_in()
            .find("integrating-care")
            .unwrap()
            .clone();
        let mut response = Response::new(&set, "Org");
        response.answer_mut(&set, "q1").answer = "Funding should follow need, not history.".into();
        response.answer_mut(&set, "q2").answer = "Funding should follow need, not history.".into();
        let on = |item: &str, number: u32, deleted: &str| Suggestion {
            item: item.into(),
            ..suggestion(number, "should follow ", deleted, "x", "")
        };
        // 1 and 2 change the same words of q1; 3 changes those words of q2, another text.
        let reviews = Reviews {
            suggestions: vec![on("q1", 1, "need"), on("q1", 2, "need, not"), on("q2", 3, "need")],
            ..Reviews::default()
        };
        let found = competitors(&response, &reviews);
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            [(1, vec![2]), (2, vec![1])]
        );
    }
}
