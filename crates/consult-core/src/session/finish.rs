//! What stands between a response and "final": items with no answer yet, answers over a
//! word or character limit (counted as a web form counts them), and reviewers'
//! suggestions and comments still waiting. Both front ends ask before marking final while
//! anything does, and say the same things.

use crate::export::limits::{self, Limit};
use crate::model::{QuestionSet, Response};

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
}
