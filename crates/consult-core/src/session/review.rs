//! Deciding what reviewers sent back: accepting or rejecting a suggested edit (each one
//! undoable change of its item), marking a comment resolved, and turning a member's
//! comment into its sign-off. The same for both front ends and for `consult review`.

use std::time::Instant;

use super::undo::Change;
use super::{Session, TextField};
use crate::joint::provenance;
use crate::model::joint::SignOffState;
use crate::model::review::{Decision, Reviews, Suggestion};
use crate::review::apply;

/// Why a suggestion or comment could not be decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewError {
    NoSuchSuggestion(u32),
    NoSuchComment(u32),
    /// Decided already: accepted or rejected.
    Decided(u32, Decision),
    /// It is on another item: the front end goes there first.
    OnAnotherItem {
        item: String,
    },
    /// The words it changes are no longer in the text (changed since, or a competing
    /// suggestion accepted): it can only be rejected.
    NoLongerApplies(u32),
    /// Only a joint response's member comments become sign-offs.
    NotFromMember(u32),
}

impl ReviewError {
    pub fn describe(&self) -> String {
        match self {
            ReviewError::NoSuchSuggestion(n) => format!("there is no suggestion {n}"),
            ReviewError::NoSuchComment(n) => format!("there is no comment {n}"),
            ReviewError::Decided(n, decision) => format!(
                "suggestion {n} is {} already",
                if *decision == Decision::Accepted {
                    "accepted"
                } else {
                    "rejected"
                }
            ),
            ReviewError::OnAnotherItem { item } => format!("that is on {item}: go to it first"),
            ReviewError::NoLongerApplies(n) => format!(
                "the words suggestion {n} changes are no longer in the text; reject it, or make the change by hand"
            ),
            ReviewError::NotFromMember(n) => {
                format!("comment {n} is not from a member of this joint response")
            }
        }
    }
}

/// A suggestion accepted or rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub number: u32,
    pub decision: Decision,
    /// The current item's text it changed: a front end with an editor of it reloads it.
    pub text: Option<TextField>,
    /// On a joint response: the member credited with the words it put in.
    pub credited: Option<String>,
}

impl Decided {
    pub fn describe(&self) -> String {
        match (self.decision, &self.credited) {
            (Decision::Accepted, Some(member)) => {
                format!(
                    "Suggestion {} accepted, its words credited to {member}.",
                    self.number
                )
            }
            (Decision::Accepted, None) => format!("Suggestion {} accepted.", self.number),
            _ => format!("Suggestion {} rejected.", self.number),
        }
    }
}

/// What marking comment `number` resolved (or open again) did, in words.
pub fn describe_resolved(number: u32, resolved: bool) -> String {
    if resolved {
        format!("Comment {number} resolved.")
    } else {
        format!("Comment {number} is open again.")
    }
}

/// What turning comment `number` into `member`'s sign-off on the item did, in words.
pub fn describe_comment_sign_off(number: u32, member: &str, state: SignOffState) -> String {
    format!(
        "{} {} on this item, comment {number} its note; the comment is resolved.",
        crate::text::visible_line(member),
        state.label()
    )
}

/// What accepting every pending suggestion did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AcceptedAll {
    pub accepted: Vec<u32>,
    /// Left pending: competing with another on the same words, so someone must choose.
    pub competing: Vec<u32>,
    /// Left pending: its words are no longer in the text.
    pub not_found: Vec<u32>,
}

impl Session {
    /// The reviews read into this response, if any.
    pub fn reviews(&self) -> Option<&Reviews> {
        self.response.reviews.as_ref()
    }

    /// Accepts suggestion `number` on the current item: its words go into the text, as one
    /// undoable change, and on a joint response the words it put in are credited to the
    /// member whose reviewer suggested them.
    pub fn accept_suggestion(&mut self, number: u32, now: Instant) -> Result<Decided, ReviewError> {
        let suggestion = self.pending_here(number)?;
        let field = TextField::from(suggestion.field);
        let before = self.text(field).to_string();
        let (after, inserted) =
            apply::applied(&before, &suggestion).ok_or(ReviewError::NoLongerApplies(number))?;
        self.history().change(Change::Suggestion {
            number,
            field,
            before,
            after: after.clone(),
            decision: Decision::Accepted,
        });
        self.edit_current(now, |a| *field.of_mut(a) = after.clone());
        self.decide(number, Decision::Accepted);
        let credited = self.credit_suggested(&suggestion, &after, inserted);
        Ok(Decided {
            number,
            decision: Decision::Accepted,
            text: Some(field),
            credited,
        })
    }

    /// Rejects suggestion `number` on the current item, as one undoable change; the text
    /// stays as it is.
    pub fn reject_suggestion(&mut self, number: u32, now: Instant) -> Result<Decided, ReviewError> {
        let suggestion = self.pending_here(number)?;
        let field = TextField::from(suggestion.field);
        let text = self.text(field).to_string();
        self.history().change(Change::Suggestion {
            number,
            field,
            before: text.clone(),
            after: text,
            decision: Decision::Rejected,
        });
        self.decide(number, Decision::Rejected);
        self.changed(now);
        Ok(Decided {
            number,
            decision: Decision::Rejected,
            text: None,
            credited: None,
        })
    }

    /// Marks comment `number` on the current item resolved (or open again), as one
    /// undoable change. Returns whether it changed.
    pub fn resolve_comment(
        &mut self,
        number: u32,
        resolved: bool,
        now: Instant,
    ) -> Result<bool, ReviewError> {
        let item = self.item().id.clone();
        let comment = self
            .response
            .reviews
            .as_mut()
            .and_then(|r| r.comment_mut(number))
            .ok_or(ReviewError::NoSuchComment(number))?;
        if comment.item != item {
            return Err(ReviewError::OnAnotherItem {
                item: comment.item.clone(),
            });
        }
        if comment.resolved == resolved {
            return Ok(false);
        }
        comment.resolved = resolved;
        self.history().change(Change::Resolved { number, resolved });
        self.changed(now);
        Ok(true)
    }

    /// Records a member's comment on the current item as that member's sign-off on it
    /// (`state`, the comment's words as its note), and marks the comment resolved.
    /// Returns the member.
    pub fn sign_off_from_comment(
        &mut self,
        number: u32,
        state: SignOffState,
        now: Instant,
    ) -> Result<String, ReviewError> {
        let (member, text) = self.comment_member(number)?;
        self.resolve_comment(number, true, now)?;
        self.sign_off(&member, false, state, &text, now);
        Ok(member)
    }

    /// The joint response's member who wrote comment `number`, and the comment's words:
    /// what [`Session::sign_off_from_comment`] records, for a front end to ask about first.
    pub fn comment_member(&self, number: u32) -> Result<(String, String), ReviewError> {
        let comment = self
            .reviews()
            .and_then(|r| r.comments.iter().find(|c| c.number == number))
            .ok_or(ReviewError::NoSuchComment(number))?;
        let member = comment
            .member
            .clone()
            .filter(|m| {
                self.response
                    .joint
                    .as_ref()
                    .is_some_and(|j| j.member(m).is_some())
            })
            .ok_or(ReviewError::NotFromMember(number))?;
        Ok((member, comment.text.clone()))
    }

    /// Accepts every pending suggestion that can be accepted, across all items, in the
    /// order read: for `consult review --accept-all`, which saves a version first so the
    /// whole of it can be taken back. Suggestions competing for the same words are left
    /// for someone to choose between.
    pub fn accept_all_suggestions(&mut self, now: Instant) -> AcceptedAll {
        let mut outcome = AcceptedAll::default();
        let Some(reviews) = self.reviews() else {
            return outcome;
        };
        let pending: Vec<Suggestion> = reviews.pending(None).cloned().collect();
        let competing = apply::competitors(&self.response, reviews);
        let here = self.current;
        for suggestion in pending {
            if competing.contains_key(&suggestion.number) {
                outcome.competing.push(suggestion.number);
                continue;
            }
            let Some(index) = self.set.item_index(&suggestion.item) else {
                outcome.not_found.push(suggestion.number);
                continue;
            };
            self.current = index;
            match self.accept_suggestion(suggestion.number, now) {
                Ok(_) => outcome.accepted.push(suggestion.number),
                Err(_) => outcome.not_found.push(suggestion.number),
            }
        }
        self.current = here;
        outcome
    }

    /// Takes back (or makes again) a decision on a suggestion or comment: see `undo`.
    pub(super) fn undo_review(&mut self, change: Change, redo: bool, now: Instant) -> Option<TextField> {
        match change {
            Change::Suggestion {
                number,
                field,
                before,
                after,
                decision,
            } => {
                self.decide(number, if redo { decision } else { Decision::Pending });
                if before == after {
                    self.changed(now);
                    return None;
                }
                let text = if redo { after } else { before };
                self.edit_current(now, |a| *field.of_mut(a) = text);
                Some(field)
            }
            Change::Resolved { number, resolved } => {
                if let Some(comment) = self.response.reviews.as_mut().and_then(|r| r.comment_mut(number)) {
                    comment.resolved = if redo { resolved } else { !resolved };
                }
                self.changed(now);
                None
            }
            _ => None,
        }
    }

    /// Suggestion `number`, pending and on the current item.
    fn pending_here(&self, number: u32) -> Result<Suggestion, ReviewError> {
        let suggestion = self
            .reviews()
            .and_then(|r| r.suggestion(number))
            .ok_or(ReviewError::NoSuchSuggestion(number))?;
        if !suggestion.is_pending() {
            return Err(ReviewError::Decided(number, suggestion.decision));
        }
        if suggestion.item != self.item().id {
            return Err(ReviewError::OnAnotherItem {
                item: suggestion.item.clone(),
            });
        }
        Ok(suggestion.clone())
    }

    fn decide(&mut self, number: u32, decision: Decision) {
        if let Some(s) = self
            .response
            .reviews
            .as_mut()
            .and_then(|r| r.suggestion_mut(number))
        {
            s.decision = decision;
        }
    }

    /// On a joint response, credits the words `suggestion` put in (at `inserted` of the
    /// field's new `text`) to its member.
    fn credit_suggested(
        &mut self,
        suggestion: &Suggestion,
        text: &str,
        inserted: std::ops::Range<usize>,
    ) -> Option<String> {
        let member = suggestion.member.clone()?;
        let words = text[inserted.clone()].trim();
        if words.is_empty() {
            return None;
        }
        let id = self.item().id.clone();
        let joint = self.response.joint.as_mut()?;
        joint.member(&member)?;
        // The passage starts at its first word, as adopted passages do.
        let lead = text[inserted.clone()].len() - text[inserted.clone()].trim_start().len();
        provenance::record_passage(
            joint.item_mut(&id),
            suggestion.field,
            text,
            inserted.start + lead,
            words,
            vec![member.clone()],
        );
        Some(member)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::catalog::Catalog;
    use crate::model::joint::{Field, Joint, Member};
    use crate::model::review::ReviewComment;
    use crate::model::{QuestionSet, Response};
    use crate::session::Undone;

    const TEXT: &str = "Funding should follow need, not history.";

    fn suggestion(number: u32, before: &str, deleted: &str, inserted: &str, after: &str) -> Suggestion {
        Suggestion {
            number,
            item: first_item(),
            field: Field::Answer,
            before: before.into(),
            deleted: deleted.into(),
            inserted: inserted.into(),
            after: after.into(),
            author: "Ann Reviewer".into(),
            file: "reviewed.docx".into(),
            ..Suggestion::default()
        }
    }

    fn set() -> QuestionSet {
        Catalog::built_in().find("integrating-care").unwrap().clone()
    }

    fn first_item() -> String {
        set().items().next().unwrap().id.clone()
    }

    fn session(suggestions: Vec<Suggestion>) -> Session {
        let set = set();
        let mut response = Response::new(&set, "Org");
        response.answer_mut(&set, &first_item()).answer = TEXT.into();
        response.reviews = Some(Reviews {
            suggestions,
            comments: vec![ReviewComment {
                number: 1,
                item: first_item(),
                anchor: "need".into(),
                author: "Bea".into(),
                text: "We can live with this.".into(),
                file: "reviewed.docx".into(),
                member: Some("Member Trust".into()),
                ..ReviewComment::default()
            }],
            ..Reviews::default()
        });
        Session::new(PathBuf::from("reply.json"), set, response)
    }

    fn pending(session: &Session) -> Vec<u32> {
        session
            .reviews()
            .unwrap()
            .pending(None)
            .map(|s| s.number)
            .collect()
    }

    #[test]
    fn accepting_puts_the_words_in_and_one_undo_takes_text_and_decision_back() {
        let mut s = session(vec![suggestion(1, "follow ", "need", "population need", ", not")]);
        let now = Instant::now();
        let decided = s.accept_suggestion(1, now).unwrap();
        assert_eq!(decided.text, Some(TextField::Answer));
        assert_eq!(
            s.text(TextField::Answer),
            "Funding should follow population need, not history."
        );
        assert!(pending(&s).is_empty());
        assert_eq!(s.still_to_do().suggestions_pending, 0);
        assert_eq!(
            s.undo(false, now),
            Undone::Applied {
                text: Some(TextField::Answer)
            }
        );
        assert_eq!(s.text(TextField::Answer), TEXT);
        assert_eq!(pending(&s), [1]);
        s.undo(true, now);
        assert_eq!(
            s.text(TextField::Answer),
            "Funding should follow population need, not history."
        );
        assert_eq!(
            s.accept_suggestion(1, now),
            Err(ReviewError::Decided(1, Decision::Accepted))
        );
    }

    #[test]
    fn rejecting_leaves_the_text_and_is_undone_on_its_own() {
        let mut s = session(vec![suggestion(1, "follow ", "need", "want", ",")]);
        let now = Instant::now();
        assert_eq!(
            s.reject_suggestion(1, now).unwrap().describe(),
            "Suggestion 1 rejected."
        );
        assert_eq!(s.text(TextField::Answer), TEXT);
        assert!(pending(&s).is_empty());
        assert_eq!(s.undo(false, now), Undone::Applied { text: None });
        assert_eq!(pending(&s), [1]);
    }

    #[test]
    fn a_suggestion_elsewhere_or_gone_is_refused_and_the_text_is_untouched() {
        let mut gone = suggestion(1, "we ", "strongly", "", " agree");
        let mut s = session(vec![gone.clone()]);
        assert_eq!(
            s.accept_suggestion(1, Instant::now()),
            Err(ReviewError::NoLongerApplies(1))
        );
        gone.item = set().items().nth(1).unwrap().id.clone();
        let mut s = session(vec![gone]);
        assert!(matches!(
            s.accept_suggestion(1, Instant::now()),
            Err(ReviewError::OnAnotherItem { .. })
        ));
        assert_eq!(s.text(TextField::Answer), TEXT);
        assert_eq!(
            s.accept_suggestion(9, Instant::now()),
            Err(ReviewError::NoSuchSuggestion(9))
        );
    }

    #[test]
    fn accepting_all_leaves_competing_suggestions_for_someone_to_choose() {
        let mut s = session(vec![
            suggestion(1, "Funding should follow ", "need", "population need", ", not"),
            suggestion(2, "should follow ", "need, not history", "need", "."),
            suggestion(3, "", "Funding", "Money", " should"),
        ]);
        let all = s.accept_all_suggestions(Instant::now());
        assert_eq!(all.accepted, [3]);
        assert_eq!(all.competing, [1, 2]);
        assert_eq!(
            s.text(TextField::Answer),
            "Money should follow need, not history."
        );
        assert_eq!(pending(&s), [1, 2]);
    }

    #[test]
    fn comments_are_resolved_undoably_and_a_members_comment_becomes_its_sign_off() {
        let mut s = session(Vec::new());
        let now = Instant::now();
        assert_eq!(s.resolve_comment(1, true, now), Ok(true));
        assert_eq!(s.still_to_do().comments_open, 0);
        s.undo(false, now);
        assert_eq!(s.still_to_do().comments_open, 1);
        // Not a joint response: no member to sign off.
        assert_eq!(
            s.sign_off_from_comment(1, SignOffState::Agreed, now),
            Err(ReviewError::NotFromMember(1))
        );
        s.response.joint = Some(Joint {
            members: vec![Member {
                organisation: "Member Trust".into(),
                ..Member::default()
            }],
            ..Joint::default()
        });
        assert_eq!(
            s.sign_off_from_comment(1, SignOffState::Agreed, now).as_deref(),
            Ok("Member Trust")
        );
        let signed = &s.response.joint.as_ref().unwrap().sign_offs[0];
        assert_eq!(
            (signed.state, signed.note.as_str()),
            (SignOffState::Agreed, "We can live with this.")
        );
        assert_eq!(s.still_to_do().comments_open, 0);
    }

    #[test]
    fn in_a_joint_response_the_accepted_words_are_credited_to_the_members_reviewer() {
        let mut with_member = suggestion(1, "follow ", "need", "assessed need", ", not");
        with_member.member = Some("Member Trust".into());
        let mut s = session(vec![with_member]);
        s.response.joint = Some(Joint {
            members: vec![Member {
                organisation: "Member Trust".into(),
                ..Member::default()
            }],
            ..Joint::default()
        });
        let decided = s.accept_suggestion(1, Instant::now()).unwrap();
        assert_eq!(decided.credited.as_deref(), Some("Member Trust"));
        let record = s.response.joint.as_ref().unwrap().item(&first_item()).unwrap();
        assert_eq!(record.passages[0].text, "assessed need");
        assert_eq!(record.passages[0].members, ["Member Trust"]);
    }
}
