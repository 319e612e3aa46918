//! Reviewers' suggestions and comments in the plain dialogue: listed across the draft,
//! numbered as the draft numbers them, and decided by number. A decision is made on its
//! item, so the dialogue goes there first and says so; each is one undo there.

use std::time::Instant;

use super::commands::Command;
use super::{Plain, Stop, print};
use crate::model::joint::SignOffState;
use crate::model::review::{ReviewComment, Reviews, Suggestion};
use crate::model::{QuestionSet, Response};
use crate::review::apply::standing;
use crate::session::Session;
use crate::session::review::{ReviewError, describe_comment_sign_off, describe_resolved};
use crate::text::{capitalised, visible_line};

impl Plain {
    pub(super) fn review_command(&mut self, draft: &mut Session, command: Command) -> Result<(), Stop> {
        let Some(reviews) = draft.reviews() else {
            self.say("No reviewed Word copy has been read into this draft; consult review DRAFT FILE.docx reads one.");
            return Ok(());
        };
        let now = Instant::now();
        match command {
            Command::Suggestions => self.say_all(suggestions(&draft.set, &draft.response, reviews)),
            Command::Comments => self.say_all(comments(&draft.set, reviews)),
            Command::Accept(n) | Command::Reject(n) => {
                let item = reviews.suggestion(n).map(|s| s.item.clone());
                self.go_to_item_of(draft, item.as_deref());
                let decided = if matches!(command, Command::Accept(_)) {
                    draft.accept_suggestion(n, now)
                } else {
                    draft.reject_suggestion(n, now)
                };
                match decided {
                    Ok(decided) => {
                        self.say(decided.describe());
                        if let Some(field) = decided.text {
                            self.say(format!("Now: {}", visible_line(draft.text(field))));
                        }
                        return self.changed(draft);
                    }
                    Err(why) => self.refuse(&why),
                }
            }
            Command::Resolve(n, resolved) => {
                let item = comment(reviews, n).map(|c| c.item.clone());
                self.go_to_item_of(draft, item.as_deref());
                match draft.resolve_comment(n, resolved, now) {
                    Ok(true) => {
                        self.say(describe_resolved(n, resolved));
                        return self.changed(draft);
                    }
                    Ok(false) if resolved => self.say(format!("Comment {n} is resolved already.")),
                    Ok(false) => self.say(format!("Comment {n} is open already.")),
                    Err(why) => self.refuse(&why),
                }
            }
            Command::SignOffFrom(n, state) => return self.sign_off_from(draft, n, state),
            _ => {}
        }
        Ok(())
    }

    fn sign_off_from(&mut self, draft: &mut Session, n: u32, state: SignOffState) -> Result<(), Stop> {
        let item = draft
            .reviews()
            .and_then(|r| comment(r, n))
            .map(|c| c.item.clone());
        self.go_to_item_of(draft, item.as_deref());
        match draft.sign_off_from_comment(n, state, Instant::now()) {
            Ok(member) => {
                self.say(describe_comment_sign_off(n, &member, state));
                self.changed(draft)
            }
            Err(why) => {
                self.refuse(&why);
                Ok(())
            }
        }
    }

    /// Goes to `item` if it is not the current one, and says so: a decision on a
    /// suggestion, comment or merge conflict is made on its item.
    pub(super) fn go_to_item_of(&mut self, draft: &mut Session, item: Option<&str>) {
        let Some(index) = item.and_then(|id| draft.set.item_index(id)) else {
            return;
        };
        if index != draft.current {
            draft.go_to(index);
            self.say(format!("Going to {}.", print::name(draft.item())));
        }
    }

    fn refuse(&mut self, why: &ReviewError) {
        self.say(format!("{}.", capitalised(&why.describe())));
    }
}

fn comment(reviews: &Reviews, number: u32) -> Option<&ReviewComment> {
    reviews.comments.iter().find(|c| c.number == number)
}

/// The item `id` as plain mode names it.
fn item_name(set: &QuestionSet, id: &str) -> String {
    set.item(id)
        .map_or_else(|| visible_line(id).into_owned(), print::name)
}

/// ", 2026-11-02": the date part of a reviewer's date, if the file gave one.
fn day(date: Option<&str>) -> String {
    date.map_or_else(String::new, |d| {
        format!(", {}", visible_line(d.get(..10).unwrap_or(d)))
    })
}

/// A suggestion's change in its context: `…before [-taken out-]{+put in+}after…`.
pub fn change(s: &Suggestion) -> String {
    visible_line(&s.change_text()).into_owned()
}

/// Every pending suggestion, numbered, with its item, who made it and how, and its change.
pub fn suggestions(set: &QuestionSet, response: &Response, reviews: &Reviews) -> Vec<String> {
    let pending: Vec<&Suggestion> = reviews.pending(None).collect();
    if pending.is_empty() {
        return vec!["No suggestions are waiting for a decision.".into()];
    }
    let mut lines = vec![match pending.len() {
        1 => "1 suggestion is waiting for a decision:".to_string(),
        n => format!("{n} suggestions are waiting for a decision:"),
    }];
    for s in pending {
        let mut line = format!(
            "{}. {}, {}: {}{}, {}.",
            s.number,
            item_name(set, &s.item),
            s.field.label(),
            visible_line(&s.author),
            day(s.date.as_deref()),
            s.made.label()
        );
        let standing = standing(response, s);
        if !standing.competing.is_empty() {
            let others: Vec<String> = standing.competing.iter().map(u32::to_string).collect();
            line.push_str(&format!(" Competing with {}: choose one.", others.join(", ")));
        }
        if standing.gone {
            line.push_str(" No longer applies: its words are not in the text now.");
        }
        lines.push(line);
        lines.push(format!("  {}", change(s)));
    }
    lines.push("accept N puts a suggestion's words in, reject N leaves the text as it is; undo takes a decision back.".into());
    lines
}

/// Every comment, numbered, with its item, author, anchor and replies; resolved ones say so.
pub fn comments(set: &QuestionSet, reviews: &Reviews) -> Vec<String> {
    if reviews.comments.is_empty() {
        return vec!["No comments came back from reviewers.".into()];
    }
    let open = reviews.open_comments(None).count();
    let mut lines = vec![format!(
        "{} from reviewers, {open} open:",
        match reviews.comments.len() {
            1 => "1 comment".to_string(),
            n => format!("{n} comments"),
        }
    )];
    for c in &reviews.comments {
        let anchor = if c.anchor.is_empty() {
            String::new()
        } else {
            format!(", on “{}”", visible_line(&c.anchor))
        };
        let resolved = if c.resolved { " Resolved." } else { "" };
        lines.push(format!(
            "{}. {}, {}: {}{}{anchor}.{resolved}",
            c.number,
            item_name(set, &c.item),
            c.field.label(),
            visible_line(&c.author),
            day(c.date.as_deref()),
        ));
        lines.push(format!("  {}", visible_line(&c.text)));
        for reply in &c.replies {
            lines.push(format!(
                "  Reply from {}{}: {}",
                visible_line(&reply.author),
                day(reply.date.as_deref()),
                visible_line(&reply.text)
            ));
        }
    }
    lines.push("resolve N marks a comment resolved (resolve N open: open again).".into());
    lines
}
