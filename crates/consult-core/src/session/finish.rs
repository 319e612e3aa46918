//! What stands between a response and "final": items with no answer yet, answers over a
//! word or character limit (counted as a web form counts them), and reviewers'
//! suggestions and comments still waiting. Both front ends ask before marking final while
//! anything does, and say the same things.

use crate::export::limits::{self, Limit};
use crate::model::{QuestionSet, Response};
use crate::text::capitalised;

/// An answer over one of its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Over {
    pub item: String,
    pub limit: Limit,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StillToDo {
    /// Items with no answer yet, by id, in reading order.
    pub unanswered: Vec<String>,
    /// Answers over a limit, in reading order (an answer over both limits is here twice).
    pub over: Vec<Over>,
    /// Reviewers' suggestions nobody has accepted or rejected yet.
    pub suggestions_pending: usize,
    /// Reviewers' comments nobody has marked resolved.
    pub comments_open: usize,
}

impl StillToDo {
    pub fn of(set: &QuestionSet, response: &Response) -> StillToDo {
        let unanswered = set
            .items()
            // An item marked "not answering" is settled, not to do.
            .filter(|i| {
                response
                    .answer(&i.id)
                    .is_none_or(|a| !a.is_answered() && !a.not_answering)
            })
            .map(|i| i.id.clone())
            .collect();
        let over = limits::over(response, set)
            .into_iter()
            .map(|(_, item, limit)| Over {
                item: item.id.clone(),
                limit,
            })
            .collect();
        let reviews = response.reviews.as_ref();
        StillToDo {
            unanswered,
            over,
            suggestions_pending: reviews.map_or(0, |r| r.pending(None).count()),
            comments_open: reviews.map_or(0, |r| r.open_comments(None).count()),
        }
    }

    /// Nothing stands in the way.
    pub fn is_empty(&self) -> bool {
        self.unanswered.is_empty()
            && self.over.is_empty()
            && self.suggestions_pending == 0
            && self.comments_open == 0
    }

    /// What stands between the response and final, a sentence each, items named by
    /// `label`: for a front end with room for every name. Empty when nothing does.
    pub fn describe(&self, label: impl Fn(&str) -> String) -> Vec<String> {
        let open: Vec<String> = self.unanswered.iter().map(|id| label(id)).collect();
        let mut lines = Vec::new();
        match open.len() {
            0 => {}
            1 => lines.push(format!("1 item has no answer yet: {}.", open[0])),
            n => lines.push(format!("{n} items have no answer yet: {}.", open.join(", "))),
        }
        for over in &self.over {
            let unit = over.limit.unit.trim_end_matches('s');
            lines.push(format!(
                "{} is over its {unit} limit: {} of {}.",
                label(&over.item),
                over.limit.count,
                over.limit.limit
            ));
        }
        lines.extend(self.reviews_waiting().map(|r| format!("{}.", capitalised(&r))));
        lines
    }

    /// The same in one sentence of counts, for a question with one line's room: only
    /// the answers over a limit are named (by `label`). None when nothing stands in the way.
    pub fn summary(&self, label: impl Fn(&str) -> String) -> Option<String> {
        let mut parts = Vec::new();
        match self.unanswered.len() {
            0 => {}
            1 => parts.push("1 item has no answer yet".to_string()),
            n => parts.push(format!("{n} items have no answer yet")),
        }
        if !self.over.is_empty() {
            let which: Vec<String> = self
                .over
                .iter()
                .map(|o| format!("{} {}/{}", label(&o.item), o.limit.count, o.limit.limit))
                .collect();
            let (count, answers) = match self.answers_over() {
                1 => (String::new(), "1 answer is"),
                n => (format!("{n} "), "answers are"),
            };
            let limit = match self
                .over
                .iter()
                .map(|o| o.limit.unit)
                .reduce(|a, b| if a == b { a } else { "" })
            {
                Some("words") => "the word limit",
                Some("characters") => "the character limit",
                _ => "their limits",
            };
            parts.push(format!(
                "{count}{answers} over {limit} ({})",
                crate::text::visible_line(&which.join(", "))
            ));
        }
        parts.extend(self.reviews_waiting());
        (!parts.is_empty()).then(|| capitalised(&parts.join(", and ")))
    }

    /// Reviewers' suggestions and comments still waiting, in words, if any are.
    fn reviews_waiting(&self) -> Option<String> {
        let suggestions = match self.suggestions_pending {
            0 => None,
            1 => Some("1 reviewer's suggestion is not yet accepted or rejected".to_string()),
            n => Some(format!(
                "{n} reviewers' suggestions are not yet accepted or rejected"
            )),
        };
        let comments = match self.comments_open {
            0 => None,
            1 => Some("1 reviewer's comment is not yet resolved".to_string()),
            n => Some(format!("{n} reviewers' comments are not yet resolved")),
        };
        match (suggestions, comments) {
            (Some(s), Some(c)) => Some(format!("{s}, and {c}")),
            (s, c) => s.or(c),
        }
    }

    /// How many answers are over a limit (an answer over two counts once).
    pub fn answers_over(&self) -> usize {
        let mut items: Vec<&str> = self.over.iter().map(|o| o.item.as_str()).collect();
        items.dedup();
        items.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn counts_unanswered_items_and_both_kinds_of_limit() {
        let mut set = Catalog::built_in().find("integrating-care").unwrap().clone();
        let first = set.items().next().unwrap().id.clone();
        let second = set.items().nth(1).unwrap().id.clone();
        for section in &mut set.sections {
            for item in &mut section.items {
                if item.id == first {
                    item.word_limit = Some(2);
                }
                if item.id == second {
                    item.char_limit = Some(5);
                }
            }
        }
        let mut response = Response::new(&set, "Org");
        response.answer_mut(&set, &first).answer = "one two three".into();
        response.answer_mut(&set, &second).answer = "abcdef".into();
        let to_do = StillToDo::of(&set, &response);
        assert_eq!(to_do.unanswered.len(), set.item_count() - 2);
        assert!(!to_do.unanswered.contains(&first));
        let over: Vec<(&str, &str, usize)> = to_do
            .over
            .iter()
            .map(|o| (o.item.as_str(), o.limit.unit, o.limit.count))
            .collect();
        assert_eq!(
            over,
            [(first.as_str(), "words", 3), (second.as_str(), "characters", 6)]
        );
        assert_eq!(to_do.answers_over(), 2);
        assert!(!to_do.is_empty());
    }

    #[test]
    fn both_wordings_count_reviews_still_waiting() {
        let to_do = StillToDo {
            suggestions_pending: 2,
            comments_open: 1,
            ..StillToDo::default()
        };
        assert!(!to_do.is_empty());
        assert_eq!(
            to_do.describe(str::to_string),
            [
                "2 reviewers' suggestions are not yet accepted or rejected, and 1 reviewer's comment is not yet resolved."
            ]
        );
        let one = StillToDo {
            unanswered: vec!["q1".into()],
            suggestions_pending: 1,
            ..StillToDo::default()
        };
        assert_eq!(
            one.summary(str::to_string).as_deref(),
            Some("1 item has no answer yet, and 1 reviewer's suggestion is not yet accepted or rejected")
        );
        assert_eq!(StillToDo::default().summary(str::to_string), None);
        assert!(StillToDo::default().describe(str::to_string).is_empty());
    }
}
