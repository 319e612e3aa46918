//! Word and character limits, counted on the text as it is pasted into an online form:
//! without formatting marks, lists as `- ` and `1. ` lines ([`rich::plain`]).

use super::rich;
use crate::model::validate::{Location, Problem};
use crate::model::{Item, QuestionSet, Response};
use crate::text::{grouped, word_count};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Characters (Unicode scalar values, as forms count them), line breaks included.
    pub chars: usize,
    pub words: usize,
}

/// The counts of `text` as pasted.
pub fn counts(text: &str) -> Counts {
    counts_of_plain(&rich::plain(text))
}

/// The counts of text already made plain.
pub fn counts_of_plain(plain: &str) -> Counts {
    Counts {
        chars: plain.chars().count(),
        words: word_count(plain),
    }
}

/// One of an item's limits, and the count it is held against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// `words` or `characters`.
    pub unit: &'static str,
    pub limit: usize,
    pub count: usize,
}

impl Limit {
    /// By how much the count is over the limit, if it is.
    pub fn over(self) -> Option<usize> {
        self.count.checked_sub(self.limit).filter(|&n| n > 0)
    }
}

/// `item`'s word and character limits, against `counts`.
pub fn limits(item: &Item, counts: Counts) -> Vec<Limit> {
    let words = item.word_limit.map(|limit| Limit {
        unit: "words",
        limit: limit as usize,
        count: counts.words,
    });
    let chars = item.char_limit.map(|limit| Limit {
        unit: "characters",
        limit: limit as usize,
        count: counts.chars,
    });
    words.into_iter().chain(chars).collect()
}

/// One answer to count against its item's limits, away from the screen: a save carries it
/// to the thread that writes the file, and brings back what it found.
#[derive(Debug, Clone)]
pub struct Recount {
    pub item: Item,
    pub text: String,
}

/// What a [`Recount`] found: every limit of the item, against the answer's counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recounted {
    pub item: String,
    pub limits: Vec<Limit>,
}

impl Recount {
    pub fn count(&self) -> Recounted {
        Recounted {
            item: self.item.id.clone(),
            limits: limits(&self.item, counts(&self.text)),
        }
    }
}

/// Every limit an answer is over, with the answer's place among the response's answers.
pub fn over<'a>(response: &Response, set: &'a QuestionSet) -> Vec<(usize, &'a Item, Limit)> {
    use rayon::prelude::*;
    let index = set.index();
    // Counting is most of the cost of opening or checking a large response (the text is
    // made plain first), and each answer is counted on its own: spread it over the cores.
    // `collect` keeps the answers' order.
    response
        .answers
        .par_iter()
        .enumerate()
        .filter_map(|(a, answer)| {
            let item = index.item(&answer.item)?;
            if item.word_limit.is_none() && item.char_limit.is_none() {
                return None;
            }
            let over = limits(item, counts(&answer.answer))
                .into_iter()
                .filter(|l| l.over().is_some());
            Some(over.map(move |limit| (a, item, limit)).collect::<Vec<_>>())
        })
        .flatten_iter()
        .collect()
}

/// A warning for every answer over its item's word or character limit.
pub fn check(response: &Response, set: &QuestionSet) -> Vec<Problem> {
    over(response, set)
        .into_iter()
        .map(|(a, item, limit)| {
            Problem::warning(
                Location::Path(format!("answers[{a}].answer")),
                format!(
                    "the answer to {} ({:?}) has {} {}, {} over its limit of {}",
                    item.label,
                    item.id,
                    grouped(limit.count),
                    limit.unit,
                    grouped(limit.over().unwrap_or(0)),
                    grouped(limit.limit)
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_in_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(32000), "32,000");
        assert_eq!(grouped(1234567), "1,234,567");
    }

    #[test]
    fn counts_are_of_the_text_as_pasted() {
        // Emphasis marks are not pasted; a bullet is, as "- ".
        assert_eq!(counts("**Yes**, *really*."), Counts { chars: 12, words: 2 });
        assert_eq!(counts("• one\n• two"), Counts { chars: 11, words: 4 });
        assert_eq!(counts("東京 🙂"), Counts { chars: 4, words: 2 });
    }
}
