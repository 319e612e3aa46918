//! Merging two copies' reviews: what either copy read back is kept, and a decision made in
//! either copy stands. Nothing a reviewer sent is lost because it was read into one copy
//! only; a suggestion read into both is kept once.

use crate::model::review::{Decision, ReviewComment, Reviews, Suggestion};

/// Both copies' reviews together, ours first; None when neither has any.
pub fn merge(ours: Option<&Reviews>, theirs: Option<&Reviews>) -> Option<Reviews> {
    let (mut merged, theirs) = match (ours, theirs) {
        (None, None) => return None,
        (Some(one), None) | (None, Some(one)) => return Some(one.clone()),
        (Some(ours), Some(theirs)) => (ours.clone(), theirs),
    };
    for received in &theirs.received {
        if !merged.has_received(&received.digest) {
            merged.received.push(received.clone());
        }
    }
    for suggestion in &theirs.suggestions {
        match merged
            .suggestions
            .iter_mut()
            .find(|s| same_suggestion(s, suggestion))
        {
            // A decision in either copy stands; ours, where both decided.
            Some(ours) if ours.decision == Decision::Pending => ours.decision = suggestion.decision,
            Some(_) => {}
            None => {
                let number = merged.next_suggestion_number();
                merged.suggestions.push(Suggestion {
                    number,
                    ..suggestion.clone()
                });
            }
        }
    }
    for comment in &theirs.comments {
        match merged.comments.iter_mut().find(|c| same_comment(c, comment)) {
            Some(ours) => ours.resolved |= comment.resolved,
            None => {
                let number = merged.next_comment_number();
                merged.comments.push(ReviewComment {
                    number,
                    ..comment.clone()
                });
            }
        }
    }
    for unplaced in &theirs.unplaced {
        if !merged.unplaced.contains(unplaced) {
            merged.unplaced.push(unplaced.clone());
        }
    }
    Some(merged)
}

/// The same suggestion read in each copy: everything but its number and decision.
fn same_suggestion(a: &Suggestion, b: &Suggestion) -> bool {
    (a.file == b.file && a.item == b.item && a.field == b.field && a.author == b.author)
        && (a.before == b.before && a.deleted == b.deleted && a.inserted == b.inserted && a.after == b.after)
}

fn same_comment(a: &ReviewComment, b: &ReviewComment) -> bool {
    (a.file == b.file && a.item == b.item && a.anchor == b.anchor)
        && (a.author == b.author && a.date == b.date && a.text == b.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::review::Received;

    fn suggestion(number: u32, inserted: &str) -> Suggestion {
        Suggestion {
            number,
            item: "q1".into(),
            inserted: inserted.into(),
            author: "Ann".into(),
            file: "a.docx".into(),
            ..Suggestion::default()
        }
    }

    fn reviews(suggestions: Vec<Suggestion>) -> Reviews {
        Reviews {
            received: vec![Received {
                file: "a.docx".into(),
                digest: "sha256:a".into(),
                made_from: "sha256:v".into(),
                reviewer: "Ann".into(),
                member: None,
                read: jiff::Timestamp::UNIX_EPOCH,
            }],
            suggestions,
            ..Reviews::default()
        }
    }

    #[test]
    fn a_suggestion_read_into_both_copies_is_kept_once_with_the_decision_either_made() {
        let mut ours = reviews(vec![suggestion(1, "more")]);
        let mut theirs = ours.clone();
        theirs.suggestions[0].decision = Decision::Rejected;
        let merged = merge(Some(&ours), Some(&theirs)).unwrap();
        assert_eq!(merged.suggestions.len(), 1);
        assert_eq!(merged.suggestions[0].decision, Decision::Rejected);
        assert_eq!(merged.received.len(), 1);
        // Ours stands where both decided.
        ours.suggestions[0].decision = Decision::Accepted;
        let merged = merge(Some(&ours), Some(&theirs)).unwrap();
        assert_eq!(merged.suggestions[0].decision, Decision::Accepted);
    }

    #[test]
    fn suggestions_read_into_one_copy_only_come_across_with_numbers_of_their_own() {
        let ours = reviews(vec![suggestion(1, "more")]);
        let theirs = reviews(vec![suggestion(1, "less")]);
        let merged = merge(Some(&ours), Some(&theirs)).unwrap();
        let numbered: Vec<_> = merged
            .suggestions
            .iter()
            .map(|s| (s.number, s.inserted.as_str()))
            .collect();
        assert_eq!(numbered, [(1, "more"), (2, "less")]);
        assert_eq!(merge(None, Some(&theirs)), Some(theirs.clone()));
        assert_eq!(merge(None, None), None);
    }
}
