//! Question sets: what a consultation asks, and on which scales.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The newest question-set format this build understands. Version 2 added `char_limit`.
pub const QUESTION_SET_FORMAT: u32 = 2;

/// A consultation's questions, grouped into sections, with the scales they are answered on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionSet {
    /// Version of this file format: 1, or 2 for a set that gives an item a `char_limit`.
    pub format_version: u32,
    /// Stable identifier, e.g. `integrating-care`. Lowercase letters, digits and hyphens.
    pub id: String,
    /// The consultation's title, as published.
    pub title: String,
    /// What the consultation is about, in the publisher's words: the introduction under its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who runs the consultation ("not stated" when an outline did not say).
    pub publisher: String,
    /// Where the quoted wording comes from.
    pub source: String,
    /// Closing date of the consultation (YYYY-MM-DD), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing_date: Option<String>,
    /// Named answer scales that items refer to by id.
    pub scales: Vec<Scale>,
    /// Sections in reading order.
    pub sections: Vec<Section>,
}

/// A named answer scale, e.g. agree … disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub id: String,
    pub name: String,
    /// Options from most to least favourable. "No answer" is never an option: it is the unset state.
    pub options: Vec<ScaleOption>,
}

/// One choice on a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleOption {
    /// Stable identifier stored in responses, e.g. `partly-agree`.
    pub id: String,
    /// What a reader sees, e.g. "Partly agree".
    pub label: String,
    /// A short text symbol so positions can be told apart without colour, e.g. `++`.
    pub symbol: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Who published the wording quoted in this section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A short introduction shown above the section's items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    pub items: Vec<Item>,
}

/// A question set's items by id (see [`QuestionSet::index`]).
#[derive(Debug, Clone)]
pub struct ItemIndex<'a> {
    by_id: foldhash::HashMap<&'a str, (usize, &'a Item)>,
}

impl<'a> ItemIndex<'a> {
    pub fn item(&self, id: &str) -> Option<&'a Item> {
        self.by_id.get(id).map(|&(_, item)| item)
    }

    /// Position of an item in reading order.
    pub fn order(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&(order, _)| order)
    }
}

/// One question or element to respond to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable identifier, never changed once published (e.g. `q1`).
    pub id: String,
    /// Short label, e.g. "Question 1".
    pub label: String,
    /// A few words saying what the item is about, for outlines and finding it
    /// (e.g. "Transfer of commissioning"); outlines show the start of the wording without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// The exact published wording.
    pub prompt: String,
    /// Guidance for respondents, in the set author's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// The scale a position is chosen on; none for free-text items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// Suggested maximum words for the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word_limit: Option<u32>,
    /// Most characters the answer may have, as an online form counts them (format version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub char_limit: Option<u32>,
}

impl Item {
    /// What an outline shows beside the label: the short title, else the wording.
    pub fn summary(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.prompt)
    }
}

impl QuestionSet {
    /// The indices (in reading order) of the items `query` finds, best first: an item
    /// whose label has `query` as a whole word ("6" finds "Element 6"), then labels and
    /// short titles containing it, then wordings. Letter case does not matter; an empty
    /// query finds every item.
    pub fn find(&self, query: &str) -> Vec<usize> {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return (0..self.item_count()).collect();
        }
        let rank = |item: &Item| {
            let label = item.label.to_lowercase();
            let title = item.short_title.as_deref().unwrap_or("").to_lowercase();
            if label
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word == query)
            {
                Some(0)
            } else if label.contains(&query) || title.contains(&query) {
                Some(1)
            } else if item.prompt.to_lowercase().contains(&query) {
                Some(2)
            } else {
                None
            }
        };
        let mut found: Vec<(u8, usize)> = self
            .items()
            .enumerate()
            .filter_map(|(i, item)| rank(item).map(|r| (r, i)))
            .collect();
        found.sort();
        found.into_iter().map(|(_, i)| i).collect()
    }

    /// Every item in reading order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    /// Every item by id, with its place in reading order: for work that looks up many
    /// items, built once so that each look-up costs the same however large the set.
    pub fn index(&self) -> ItemIndex<'_> {
        // foldhash: ids are short and many, and it hashes them several times faster than SipHash.
        let mut by_id = foldhash::HashMap::with_capacity_and_hasher(self.item_count(), Default::default());
        for (order, item) in self.items().enumerate() {
            // The first of two with one id, as [`QuestionSet::item`] finds it.
            by_id.entry(item.id.as_str()).or_insert((order, item));
        }
        ItemIndex { by_id }
    }

    /// Position of an item in reading order.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.items().position(|i| i.id == id)
    }

    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// The scale an item is answered on, if any.
    pub fn scale_of(&self, item: &Item) -> Option<&Scale> {
        item.scale.as_deref().and_then(|id| self.scale(id))
    }

    /// The section an item belongs to.
    pub fn section_of(&self, item_id: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.items.iter().any(|i| i.id == item_id))
    }

    /// SHA-256 of the canonical (compact, fixed key order) JSON, so a response
    /// can tell whether it answered exactly this version of the set. Short titles are
    /// left out: they help find an item and change nothing that was asked, so adding
    /// them never makes earlier responses answer "another version".
    pub fn digest(&self) -> String {
        let mut asked = self.clone();
        for item in asked.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
            item.short_title = None;
        }
        super::sha256_of_json(&asked)
    }
}

impl Scale {
    pub fn option(&self, id: &str) -> Option<&ScaleOption> {
        self.options.iter().find(|o| o.id == id)
    }

    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }
}
