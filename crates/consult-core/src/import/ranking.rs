//! For a passage under no marker: which item it is about, by the words it shares with
//! each item's short title, wording and guidance. Okapi BM25 with the items as the
//! documents: a word found in few items (such as "footprints") says more than one found
//! in all (such as "health"), and a long guidance text does not win by length alone.

use std::collections::HashMap;

use super::similarity::stems;
use crate::model::QuestionSet;

/// BM25's usual constants: how fast repeated words stop counting, and how much an
/// item's length is allowed for.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The items' words, counted once, to score many passages against.
pub struct Ranking {
    /// Per item in reading order: how often each stem occurs in it.
    items: Vec<HashMap<String, u32>>,
    lengths: Vec<f32>,
    average_length: f32,
    /// Per stem: in how many items it occurs.
    document_frequency: HashMap<String, u32>,
}

/// The best-scoring item for a passage, and how far ahead of the next it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// The item's index in reading order.
    pub item: usize,
    /// Its score divided by the number of the passage's meaningful words, so that long
    /// passages and short ones are judged by one threshold.
    pub score: f32,
    /// Its score over the second best's (infinite when only one item scores).
    pub lead: f32,
}

impl Ranking {
    pub fn new(set: &QuestionSet) -> Ranking {
        let items: Vec<HashMap<String, u32>> = set
            .items()
            .map(|item| {
                let mut counts = HashMap::new();
                let text = [
                    item.short_title.as_deref().unwrap_or(""),
                    &item.prompt,
                    item.context.as_deref().unwrap_or(""),
                ]
                .join(" ");
                for stem in stems(&text) {
                    *counts.entry(stem).or_insert(0) += 1;
                }
                counts
            })
            .collect();
        let lengths: Vec<f32> = items.iter().map(|c| c.values().sum::<u32>() as f32).collect();
        let average_length = lengths.iter().sum::<f32>() / lengths.len().max(1) as f32;
        let mut document_frequency = HashMap::new();
        for counts in &items {
            for stem in counts.keys() {
                *document_frequency.entry(stem.clone()).or_insert(0) += 1;
            }
        }
        Ranking {
            items,
            lengths,
            average_length: average_length.max(1.0),
            document_frequency,
        }
    }

    /// Whether `stem` is in so many items (over a third) that it tells them apart poorly.
    pub fn is_common(&self, stem: &str) -> bool {
        self.document_frequency
            .get(stem)
            .is_some_and(|&df| df as usize * 3 > self.items.len())
    }

    /// The item `text` is most about, if it shares any meaningful word with one.
    pub fn best(&self, text: &str) -> Option<Ranked> {
        let mut query = stems(text);
        let words = query.len();
        query.sort();
        query.dedup();
        let n = self.items.len() as f32;
        let mut scores = vec![0.0f32; self.items.len()];
        for stem in &query {
            let Some(&df) = self.document_frequency.get(stem) else {
                continue;
            };
            let idf = ((n - df as f32 + 0.5) / (df as f32 + 0.5) + 1.0).ln();
            for (i, counts) in self.items.iter().enumerate() {
                if let Some(&tf) = counts.get(stem) {
                    let tf = tf as f32;
                    let norm = K1 * (1.0 - B + B * self.lengths[i] / self.average_length);
                    scores[i] += idf * tf * (K1 + 1.0) / (tf + norm);
                }
            }
        }
        let mut order: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] > 0.0).collect();
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
        let best = *order.first()?;
        let lead = match order.get(1) {
            Some(&second) => scores[best] / scores[second],
            None => f32::INFINITY,
        };
        Some(Ranked {
            item: best,
            score: scores[best] / words.max(1) as f32,
            lead,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::set;

    #[test]
    fn a_passage_goes_to_the_item_whose_rare_words_it_shares() {
        let set = set();
        let ranking = Ranking::new(&set);
        let cases = [
            (
                "ICS footprints should follow the boundaries of councils and combined authorities.",
                "e6",
            ),
            (
                "Workforce planning must cover social care staff as well as the NHS workforce.",
                "e7",
            ),
            (
                "Commissioning now done by NHS England nationally should be delegated to ICS bodies.",
                "q4",
            ),
        ];
        for (text, item) in cases {
            let ranked = ranking.best(text).expect("shares words");
            let found = set.items().nth(ranked.item).unwrap();
            assert_eq!(found.id, item, "{text}");
        }
    }

    #[test]
    fn a_passage_sharing_no_word_ranks_nothing() {
        let ranking = Ranking::new(&set());
        assert_eq!(ranking.best("Kind regards, Jo."), None);
        assert_eq!(ranking.best(""), None);
    }
}
