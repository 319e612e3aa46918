//! Placing: every block of a member's document (or the part of one after a marker that
//! starts mid-paragraph) goes on an item of the set, or is left not placed, always with
//! the reason and a confidence from 0 to 100.
//!
//! In order of trust: an explicit marker ("Question 3", "Q3", "3." where the numbering is
//! clearly the questions'); the item's wording quoted; a heading or bold lead-in matching
//! an item's short title, wording or guidance; a paragraph opening by naming an item
//! ("With regard to option 2…"); text under a placed heading, which stays with its item
//! until the next heading or marker; and last, for text under none of these, the item
//! whose words it shares most (BM25), only above a threshold. Quoted e-mail, signatures
//! and headers are never answers.
//!
//! The passages returned are the document's blocks, cut but never changed: joined per
//! block, in order, they are the blocks' texts.

use super::document::{Block, BlockKind, Document};
use super::markers::{self, Family, Marker};
use super::ranking::Ranking;
use std::collections::HashSet;

use super::similarity::{Pairs, Wording, covered_by, quoted_share, stems, words};
use crate::model::{Item, Passage, PassageField, QuestionSet};

/// Share of an item's wording (word pairs) a passage must have to count as quoting it.
/// On the corpus, quotes and near quotes (a question's number and wording with a few
/// words left out) score 0.6 to 1; passages that only discuss the same subject score
/// under 0.25.
pub const QUOTE_THRESHOLD: f32 = 0.5;
/// A paragraph or list entry that quotes this much of an item's wording, and little
/// else, only repeats it: it is kept as the item's heading, not its answer.
pub const REPEAT_THRESHOLD: f32 = 0.8;
/// Share of a heading's meaningful words an item's wording must have, with at least
/// [`HEADING_MIN_WORDS`] of them, for the heading to name the item.
pub const HEADING_THRESHOLD: f32 = 0.6;
pub const HEADING_MIN_WORDS: usize = 2;
/// The BM25 score per meaningful word (see [`Ranking::best`]) a passage under no marker
/// needs to be placed by its words alone, and how far ahead of the next item it must be.
/// On the corpus, passages answering an item score 0.5 and more when they lead by half
/// again; passages about the subject in general (introductions, funding) score below.
pub const RANK_THRESHOLD: f32 = 0.55;
pub const RANK_LEAD: f32 = 1.5;
/// Fewer meaningful words than this say too little to be placed by their words alone.
pub const RANK_MIN_WORDS: usize = 6;
/// The level given to a heading-like line of a plain text: below any real heading.
const HEADING_IN_TEXT: u8 = 9;

/// "Contact: …", or a short line giving an e-mail address or a telephone number.
fn is_contact_line(text: &str) -> bool {
    let text = text.trim();
    let lower = text.to_lowercase();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    lower.starts_with("contact")
        || lower.starts_with("tel")
        || (text.split_whitespace().count() <= 12 && (text.contains('@') || digits >= 9))
}

/// A line of at most eight words that does not end a sentence: "Section 3: Legislative
/// proposals", "Our views".
fn looks_like_heading(text: &str) -> bool {
    let text = text.trim();
    text.split_whitespace().count() <= 8
        && !text.ends_with(['.', '?', '!', ',', ';'])
        && text.starts_with(char::is_uppercase)
}

/// The item a heading, marker or lead-in put the following text under.
#[derive(Debug, Clone)]
struct Current {
    item: usize,
    /// Set by a list entry: the item ends with the list.
    list: bool,
    /// The heading's level; none when a marker or lead-in in a paragraph set it.
    level: Option<u8>,
    /// How the item was found, for the reasons of the passages that follow.
    by: String,
}

/// A placing decided for one passage.
struct Decision {
    item: Option<usize>,
    field: PassageField,
    reason: String,
    confidence: u8,
}

impl Decision {
    fn not_placed(reason: impl Into<String>, confidence: u8) -> Decision {
        Decision {
            item: None,
            field: PassageField::Answer,
            reason: reason.into(),
            confidence,
        }
    }

    fn on(item: usize, field: PassageField, reason: impl Into<String>, confidence: u8) -> Decision {
        Decision {
            item: Some(item),
            field,
            reason: reason.into(),
            confidence,
        }
    }
}

/// An item's words, cut once for every passage to be compared with.
struct ItemWords {
    prompt: Wording,
    /// Stems of its short title and wording.
    wording: HashSet<String>,
    /// Stems of its guidance.
    guidance: HashSet<String>,
    label: Vec<String>,
    /// Stems of its short title, in order and as a set (none without one).
    title: Option<(Vec<String>, HashSet<String>)>,
}

impl ItemWords {
    fn new(item: &Item) -> ItemWords {
        let short_title = item.short_title.as_deref().unwrap_or("");
        ItemWords {
            prompt: Wording::new(&item.prompt),
            wording: stems(&format!("{short_title} {}", item.prompt))
                .into_iter()
                .collect(),
            guidance: stems(item.context.as_deref().unwrap_or("")).into_iter().collect(),
            label: stems(&item.label),
            title: item.short_title.as_deref().map(|t| {
                let title = stems(t);
                let set = title.iter().cloned().collect();
                (title, set)
            }),
        }
    }
}

struct Placer<'s> {
    set: &'s QuestionSet,
    items: Vec<&'s Item>,
    words: Vec<ItemWords>,
    families: Vec<Family>,
    ranking: Ranking,
    current: Option<Current>,
    /// The family a bare number refers to, once the document has said ("our answers to
    /// the four questions:", a heading "Consultation questions").
    numbering: Option<usize>,
    /// The item the last passage went to, for a footnote after it.
    last_item: Option<usize>,
}

/// Places every block of `document` on `set`'s items.
pub fn place(document: &Document, set: &QuestionSet) -> Vec<Passage> {
    let mut placer = Placer {
        set,
        items: set.items().collect(),
        words: set.items().map(ItemWords::new).collect(),
        families: markers::families(set),
        ranking: Ranking::new(set),
        current: None,
        numbering: None,
        last_item: None,
    };
    let mut passages = Vec::with_capacity(document.blocks.len());
    for (paragraph, block) in document.blocks.iter().enumerate() {
        placer.block(paragraph, block, &mut passages);
    }
    passages
}

impl Placer<'_> {
    fn block(&mut self, paragraph: usize, block: &Block, passages: &mut Vec<Passage>) {
        let mut push = |offset: usize, text: &str, decision: Decision, placer: &mut Placer| {
            if decision.item.is_some() {
                placer.last_item = decision.item;
            }
            passages.push(Passage {
                paragraph,
                offset,
                text: text.to_string(),
                item: decision.item.map(|i| placer.items[i].id.clone()),
                field: decision.field,
                reason: decision.reason,
                confidence: decision.confidence,
            });
        };
        let never = match block.kind {
            BlockKind::Quoted => Some("a quoted earlier message: never an answer"),
            BlockKind::Signature => Some("the e-mail's signature: never an answer"),
            BlockKind::Header => Some("an e-mail header: never an answer"),
            _ => None,
        };
        if let Some(reason) = never {
            push(0, &block.text, Decision::not_placed(reason, 100), self);
            return;
        }
        if block.kind == BlockKind::Footnote {
            let decision = match self.last_item {
                Some(item) => Decision::on(
                    item,
                    PassageField::Answer,
                    "a footnote to the passage before it",
                    70,
                ),
                None => Decision::not_placed("a footnote, before anything was placed", 50),
            };
            push(0, &block.text, decision, self);
            return;
        }
        for (offset, text, lead_in) in self.segments(block) {
            let decision = self.decide(block, text, offset, lead_in);
            push(offset, text, decision, self);
        }
    }

    /// The block cut where a labelled marker opens a sentence inside it, and after a
    /// bold lead-in that names an item: (offset, text, whether it is that lead-in).
    fn segments<'b>(&self, block: &'b Block) -> Vec<(usize, &'b str, bool)> {
        let text = block.text.as_str();
        let mut cuts = Vec::new();
        let mut lead_in = false;
        let lead_len = block.lead_in.or_else(|| match block.kind {
            BlockKind::Paragraph => self.run_in_heading(text),
            _ => None,
        });
        if let Some(len) = lead_len.filter(|&len| len > 0 && len < text.len() && text.is_char_boundary(len))
            && self.heading_match(&text[..len]).is_some()
        {
            cuts.push(len);
            lead_in = true;
        }
        if !matches!(block.kind, BlockKind::Heading { .. }) {
            cuts.extend(markers::inside(text, &self.families));
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut segments = Vec::with_capacity(cuts.len() + 1);
        let mut start = 0;
        for cut in cuts {
            if cut > start {
                segments.push((start, &text[start..cut], lead_in && start == 0));
                start = cut;
            }
        }
        segments.push((start, &text[start..], false));
        segments
    }

    /// A plain-text paragraph opening with a heading run into it, as text copied from a
    /// formatted page has ("A statutory footing for ICSs We supported…"): the heading's
    /// length, when the words before a capitalised sentence opening name an item.
    fn run_in_heading(&self, text: &str) -> Option<usize> {
        const OPENINGS: &[&str] = &[
            "We", "The", "It", "Our", "This", "In", "I", "As", "While", "Although",
        ];
        let mut at = 0;
        for (n, word) in text.split(' ').enumerate() {
            if n > 10 || word.ends_with(['.', '?', '!', ':', ';', ',']) {
                return None;
            }
            if n >= 2 && OPENINGS.contains(&word) && self.heading_match(&text[..at]).is_some() {
                return Some(at);
            }
            at += word.len() + 1;
        }
        None
    }

    fn decide(&mut self, block: &Block, text: &str, offset: usize, lead_in: bool) -> Decision {
        if self.current.as_ref().is_some_and(|c| c.list) && !matches!(block.kind, BlockKind::ListItem { .. })
        {
            self.current = None;
        }
        let heading_level = match block.kind {
            BlockKind::Heading { level } => Some(level),
            // A short line with no full stop, in a plain text, is a heading: it ends the
            // item before it like one.
            BlockKind::Paragraph if offset == 0 && looks_like_heading(text) => Some(HEADING_IN_TEXT),
            _ => None,
        };
        if lead_in && let Some((item, why, confidence)) = self.heading_match(text) {
            self.current = Some(Current {
                item,
                list: false,
                level: None,
                by: "the lead-in".into(),
            });
            return Decision::on(
                item,
                PassageField::Heading,
                format!("a bold lead-in: {why}"),
                confidence,
            );
        }
        if let Some(decision) = self.marked(block, text, offset, heading_level) {
            return decision;
        }
        if let Some(level) = heading_level {
            return self.heading(text, level);
        }
        if block.kind == BlockKind::TableRow
            && let Some((first, _)) = text.split_once(" | ")
            && let Some((item, why, confidence)) = self.heading_match(first)
        {
            return Decision::on(
                item,
                PassageField::Answer,
                format!("a table row whose first cell names the item ({why})"),
                confidence.min(80),
            );
        }
        if let Some((item, share)) = self.quoted(text) {
            let label = &self.items[item].label;
            let repeats_only = share >= REPEAT_THRESHOLD
                && words(text).count() <= self.words[item].prompt.len() * 13 / 10 + 3;
            self.current = Some(Current {
                item,
                list: false,
                level: None,
                by: "the quoted wording".into(),
            });
            let confidence = (60.0 + 40.0 * share) as u8;
            return if repeats_only {
                Decision::on(
                    item,
                    PassageField::Heading,
                    format!("repeats {label}'s wording"),
                    confidence,
                )
            } else {
                Decision::on(
                    item,
                    PassageField::Answer,
                    format!("quotes {label}'s wording"),
                    confidence,
                )
            };
        }
        self.note_numbering(text);
        if let Some((item, phrase)) = self.named(text) {
            let label = &self.items[item].label;
            return Decision::on(
                item,
                PassageField::Answer,
                format!("opens by naming {label} (\"{phrase}\")"),
                65,
            );
        }
        if is_contact_line(text) {
            return Decision::not_placed("contact details, not an answer", 80);
        }
        if let Some(current) = &self.current {
            let label = &self.items[current.item].label;
            return Decision::on(
                current.item,
                PassageField::Answer,
                format!("follows {} for {label}", current.by),
                75,
            );
        }
        self.ranked(text)
    }

    /// A passage opening with a marker: its item, the marker making it a heading when
    /// nothing but the item's label or wording follows.
    fn marked(
        &mut self,
        block: &Block,
        text: &str,
        offset: usize,
        heading_level: Option<u8>,
    ) -> Option<Decision> {
        let list_number = match &block.kind {
            BlockKind::ListItem {
                number: Some(number), ..
            } if offset == 0 => Some(number.as_str()),
            _ => None,
        };
        // A list entry's number is not in its text: read it as if it were.
        let (marker, rest) = match list_number.and_then(|n| markers::at_start(n, self.set, &self.families)) {
            Some(Marker::Number { number, .. }) => (Marker::Number { number, len: 0 }, text),
            Some(Marker::Item { item, .. }) => (Marker::Item { item, len: 0 }, text),
            _ => {
                let marker = markers::at_start(text, self.set, &self.families)?;
                let rest = &text[marker.len()..];
                (marker, rest)
            }
        };
        let (item, reason, confidence) = match marker {
            Marker::Item { item, .. } => {
                let label = &self.items[item].label;
                (item, format!("marked \"{label}\""), 95)
            }
            Marker::Number { number, .. } => {
                self.numbered(number, rest, list_number.is_some(), heading_level.is_some())?
            }
        };

        let short_title = self.items[item].short_title.as_deref().unwrap_or("");
        let bare_rest = rest.trim().trim_end_matches(['.', ':', '?']);
        let only_names_it = bare_rest.is_empty()
            || bare_rest.eq_ignore_ascii_case(short_title)
            || self.words[item].prompt.quoted_in(&Pairs::new(rest), usize::MAX)
                >= if heading_level.is_some() {
                    QUOTE_THRESHOLD
                } else {
                    REPEAT_THRESHOLD
                }
                && words(rest).count() <= self.words[item].prompt.len() * 13 / 10 + 3;
        self.current = Some(Current {
            item,
            // A list numbered 1, 2, 3 ends with the list; one labelled "Question 3" is a heading.
            list: matches!(block.kind, BlockKind::ListItem { .. }) && matches!(marker, Marker::Number { .. }),
            level: heading_level,
            by: "the marker".into(),
        });
        if let Some(family) = self
            .families
            .iter()
            .position(|f| f.items.iter().any(|(_, i)| *i == item))
        {
            self.numbering = Some(family);
        }
        let field = if heading_level.is_some() || only_names_it {
            PassageField::Heading
        } else {
            PassageField::Answer
        };
        Some(Decision::on(item, field, reason, confidence))
    }

    /// The item a bare number names: the one whose wording follows it, else the number in
    /// the family the document is numbering, else (for a numbered list) the first family's.
    fn numbered(
        &self,
        number: u32,
        rest: &str,
        in_list: bool,
        in_heading: bool,
    ) -> Option<(usize, String, u8)> {
        let candidates: Vec<usize> = self.families.iter().filter_map(|f| f.item(number)).collect();
        let pairs = Pairs::new(rest);
        if let Some(&item) = candidates
            .iter()
            .find(|&&i| self.words[i].prompt.quoted_in(&pairs, usize::MAX) >= QUOTE_THRESHOLD)
        {
            let label = &self.items[item].label;
            return Some((
                item,
                format!("numbered {number} and quotes {label}'s wording"),
                95,
            ));
        }
        // "Workforce planning (element 7)": the entry names its item, whatever its number.
        if let Some(item) = self.names_one(rest) {
            let label = &self.items[item].label;
            return Some((item, format!("numbered {number}, and names {label}"), 85));
        }
        if let Some(family) = self.numbering.and_then(|f| self.families.get(f))
            && let Some(item) = family.item(number)
            && (in_list || in_heading || !rest.is_empty())
        {
            let label = &self.items[item].label;
            return Some((
                item,
                format!(
                    "numbered {number} where the document numbers its {}s: {label}",
                    family.word
                ),
                85,
            ));
        }
        if in_list && let Some(&item) = candidates.first() {
            let label = &self.items[item].label;
            return Some((item, format!("list entry {number}, taken as {label}"), 55));
        }
        None
    }

    /// The one item `text` names by its label anywhere ("… (element 7)"), if only one.
    fn names_one(&self, text: &str) -> Option<usize> {
        let mut named = None;
        for (at, _) in text.char_indices().filter(|(at, c)| {
            c.is_alphabetic() && (*at == 0 || !text[..*at].ends_with(char::is_alphanumeric))
        }) {
            if let Some(Marker::Item { item, .. }) = markers::at_start(&text[at..], self.set, &self.families)
            {
                // Only numbered labels: "Executive summary" inside a sentence names nothing.
                if !self
                    .families
                    .iter()
                    .any(|f| f.items.iter().any(|(_, i)| *i == item))
                {
                    continue;
                }
                match named {
                    None => named = Some(item),
                    Some(other) if other != item => return None,
                    Some(_) => {}
                }
            }
        }
        named
    }

    /// A heading without a marker: the item it names, else not placed (and it ends the
    /// item before it, unless it is a subheading under that item's heading).
    fn heading(&mut self, text: &str, level: u8) -> Decision {
        if let Some((item, why, confidence)) = self.heading_match(text) {
            self.current = Some(Current {
                item,
                list: false,
                level: Some(level),
                by: format!("the heading \"{}\"", crate::text::shorten(text.trim(), 40)),
            });
            return Decision::on(
                item,
                PassageField::Heading,
                format!("a heading: {why}"),
                confidence,
            );
        }
        if let Some(current) = &self.current
            && current.level.is_some_and(|l| level > l)
        {
            let label = &self.items[current.item].label;
            return Decision::on(
                current.item,
                PassageField::Answer,
                format!("a subheading within {label}'s answer"),
                60,
            );
        }
        self.current = None;
        self.numbering = None;
        self.note_numbering(text);
        Decision::not_placed("a heading that names no item", 80)
    }

    /// The item a heading or lead-in names: its short title, its wording quoted, or most
    /// of the heading's words found in its wording or guidance.
    fn heading_match(&self, text: &str) -> Option<(usize, String, u8)> {
        let text = text.trim().trim_end_matches([':', '.', '–', '-', '—']).trim();
        if text.is_empty() {
            return None;
        }
        // "Other comments", "Summary": a short heading whose words only one item's label has.
        let heading_stems = stems(text);
        if !heading_stems.is_empty() && heading_stems.len() <= 2 {
            let labelled: Vec<usize> = (0..self.items.len())
                .filter(|&i| heading_stems.iter().all(|s| self.words[i].label.contains(s)))
                .collect();
            if let [item] = labelled.as_slice() {
                return Some((
                    *item,
                    format!("its words are {}'s label", self.items[*item].label),
                    80,
                ));
            }
        }
        let pairs = Pairs::new(text);
        let heading_set: HashSet<String> = heading_stems.iter().cloned().collect();
        let mut best: Option<(usize, String, u8, f32)> = None;
        let mut tied = false;
        for (i, item) in self.items.iter().enumerate() {
            let found = if let (Some(title), Some((title_stems, title_set))) =
                (&item.short_title, &self.words[i].title)
                && (title.eq_ignore_ascii_case(text)
                    || covered_by(title_stems, &heading_set, |_| false).0 >= 0.99
                        && covered_by(&heading_stems, title_set, |_| false).0 >= 0.5)
            {
                Some((format!("matches {}'s short title", item.label), 90, 2.0))
            } else if self.words[i].prompt.quoted_in(&pairs, usize::MAX) >= QUOTE_THRESHOLD {
                Some((format!("quotes {}'s wording", item.label), 90, 1.5))
            } else {
                let common = |stem: &str| self.ranking.is_common(stem);
                let (share, count) = covered_by(&heading_stems, &self.words[i].wording, common);
                let (guided, guided_count) = covered_by(&heading_stems, &self.words[i].guidance, common);
                if share >= HEADING_THRESHOLD && count >= HEADING_MIN_WORDS {
                    Some((format!("its words are in {}'s wording", item.label), 75, share))
                } else if guided >= 0.75 && guided_count >= 3 {
                    Some((
                        format!("its words are in {}'s guidance", item.label),
                        60,
                        guided * 0.9,
                    ))
                } else {
                    None
                }
            };
            if let Some((why, confidence, score)) = found {
                match &best {
                    Some((_, _, _, s)) if (score - s).abs() < f32::EPSILON => tied = true,
                    Some((_, _, _, s)) if score < *s => {}
                    _ => {
                        best = Some((i, why, confidence, score));
                        tied = false;
                    }
                }
            }
        }
        if tied {
            return None;
        }
        best.map(|(i, why, confidence, _)| (i, why, confidence))
    }

    /// The item whose wording `text` quotes most, if it quotes one.
    /// Only a passage's opening counts: a long answer that mentions an item's words on
    /// its way is not quoting it.
    fn quoted(&self, text: &str) -> Option<(usize, f32)> {
        let pairs = Pairs::new(text);
        self.words
            .iter()
            .enumerate()
            .map(|(i, item)| (i, item.prompt.quoted_in(&pairs, item.prompt.len() * 3 / 2 + 5)))
            .filter(|(_, share)| *share >= QUOTE_THRESHOLD)
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// A passage that says which family the document numbers next: "the four questions",
    /// "the key elements … are:".
    fn note_numbering(&mut self, text: &str) {
        let lower: Vec<String> = words(text).collect();
        if let Some(family) = self.families.iter().position(|f| {
            lower
                .iter()
                .any(|w| *w == f.word || w.strip_suffix('s') == Some(&f.word))
        }) {
            self.numbering = Some(family);
        }
    }

    /// A passage opening "With regard to option 2, …": the one item the words after the
    /// opening name (a label, or a phrase only that item's wording has).
    fn named(&self, text: &str) -> Option<(usize, String)> {
        const OPENINGS: &[&str] = &[
            "with regard to ",
            "with regards to ",
            "regarding ",
            "as regards ",
            "as for ",
            "turning to ",
            "in relation to ",
            "on the question of ",
            "in respect of ",
        ];
        let trimmed = text.trim_start();
        let lower = trimmed.to_lowercase();
        let opening = OPENINGS.iter().find(|o| lower.starts_with(*o))?;
        let after = &trimmed[opening.len()..];
        let end = after.find([',', '.', ';', ':']).unwrap_or(after.len());
        let phrase: String = after[..end]
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(Marker::Item { item, .. }) = markers::at_start(&phrase, self.set, &self.families) {
            return Some((item, phrase));
        }
        if words(&phrase).count() < 2 {
            return None;
        }
        let naming: Vec<usize> = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| {
                let wording = format!("{} {}", item.short_title.as_deref().unwrap_or(""), item.prompt);
                quoted_share(&phrase, &wording) >= QUOTE_THRESHOLD
            })
            .map(|(i, _)| i)
            .collect();
        match naming.as_slice() {
            [item] => Some((*item, phrase)),
            _ => None,
        }
    }

    /// Text under no marker or heading: the item whose words it shares most, if clearly.
    fn ranked(&self, text: &str) -> Decision {
        if stems(text).len() < RANK_MIN_WORDS {
            return Decision::not_placed(
                "under no marker or heading, and too short to place by its words",
                60,
            );
        }
        match self.ranking.best(text) {
            Some(ranked) if ranked.score >= RANK_THRESHOLD && ranked.lead >= RANK_LEAD => {
                let label = &self.items[ranked.item].label;
                let confidence = (30.0 + 30.0 * (ranked.score / (2.0 * RANK_THRESHOLD)).min(1.0)) as u8;
                Decision::on(
                    ranked.item,
                    PassageField::Answer,
                    format!(
                        "shares its words with {label}'s wording and guidance more than any other item's"
                    ),
                    confidence,
                )
            }
            Some(ranked) => {
                let label = &self.items[ranked.item].label;
                Decision::not_placed(
                    format!(
                        "under no marker or heading, and its words point to no item clearly (nearest: {label})"
                    ),
                    50,
                )
            }
            None => Decision::not_placed(
                "under no marker or heading, and shares no words with any item",
                70,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::import::testing::{block, document, paragraph, set};

    /// Each passage as (item or "-", field, its first words).
    fn placed(blocks: Vec<Block>) -> Vec<(String, &'static str, String)> {
        place(&document(blocks), &set())
            .into_iter()
            .map(|p| {
                (
                    p.item.unwrap_or_else(|| "-".into()),
                    p.field.label(),
                    p.text.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
                )
            })
            .collect()
    }

    fn row(item: &str, field: &'static str, start: &str) -> (String, &'static str, String) {
        (item.into(), field, start.into())
    }

    #[test]
    fn headings_markers_and_what_follows_them() {
        let found = placed(vec![
            block(BlockKind::Heading { level: 1 }, "Our response"),
            paragraph("We are a council in the north of England with many partners."),
            block(BlockKind::Heading { level: 2 }, "Question 2"),
            paragraph("We partly agree with option two."),
            paragraph("More on why."),
            block(BlockKind::Heading { level: 3 }, "Our reasons"),
            paragraph("Reasons."),
            block(BlockKind::Heading { level: 2 }, "Statutory ICSs"),
            paragraph("We agree."),
            block(BlockKind::Heading { level: 2 }, "Other matters"),
            paragraph("Thanks to all."),
        ]);
        assert_eq!(
            found,
            vec![
                row("-", "answer", "Our response"),
                row("-", "answer", "We are a"),
                row("q2", "heading", "Question 2"),
                row("q2", "answer", "We partly agree"),
                row("q2", "answer", "More on why."),
                row("q2", "answer", "Our reasons"),
                row("q2", "answer", "Reasons."),
                row("q1", "heading", "Statutory ICSs"),
                row("q1", "answer", "We agree."),
                row("-", "answer", "Other matters"),
                row("-", "answer", "Thanks to all."),
            ]
        );
    }

    #[test]
    fn a_marker_mid_paragraph_cuts_it_and_the_words_are_kept() {
        let passages = place(
            &document(vec![paragraph(
                "Q1: We agree. Question 3: We also agree with permissive membership.",
            )]),
            &set(),
        );
        assert_eq!(passages.len(), 2);
        assert_eq!(passages[0].item.as_deref(), Some("q1"));
        assert_eq!(passages[1].item.as_deref(), Some("q3"));
        assert_eq!(passages[1].offset, "Q1: We agree. ".len());
        assert_eq!(
            format!("{}{}", passages[0].text, passages[1].text),
            "Q1: We agree. Question 3: We also agree with permissive membership."
        );
    }

    #[test]
    fn bare_numbers_follow_the_family_the_document_names() {
        let numbered = |n: &str, text: &str| {
            block(
                BlockKind::ListItem {
                    number: Some(n.into()),
                    level: 0,
                },
                text,
            )
        };
        let found = placed(vec![
            paragraph("Our views on the eight elements of the model follow."),
            numbered("1.", "Yes, a wider purpose is right."),
            numbered("5.", "Budgets must be pooled."),
            paragraph("And on the four questions:"),
            numbered("2.", "We disagree with option two."),
        ]);
        assert_eq!(
            found.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
            ["-", "e1", "e5", "-", "q2"]
        );
    }

    #[test]
    fn a_bold_lead_in_that_names_an_item_is_cut_off_as_its_heading() {
        let mut led = paragraph("Permissive membership We strongly agree: local areas know best.");
        led.lead_in = Some("Permissive membership".len());
        let passages = place(&document(vec![led]), &set());
        assert_eq!(passages.len(), 2);
        assert_eq!(
            (passages[0].item.as_deref(), passages[0].field),
            (Some("q3"), PassageField::Heading)
        );
        assert_eq!(
            (passages[1].item.as_deref(), passages[1].field),
            (Some("q3"), PassageField::Answer)
        );
    }

    #[test]
    fn e_mail_quotes_signatures_and_headers_are_never_answers() {
        let found = placed(vec![
            block(BlockKind::Header, "From: Jo <jo@example.org>"),
            paragraph("Question 1: we agree."),
            block(BlockKind::Signature, "Kind regards, Jo"),
            block(
                BlockKind::Quoted,
                "Question 2: Do you agree that option 2 offers a model that provides greater incentive?",
            ),
        ]);
        assert_eq!(
            found.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
            ["-", "q1", "-", "-"]
        );
    }

    #[test]
    fn a_paragraph_naming_another_item_goes_there_and_the_heading_keeps_the_rest() {
        let found = placed(vec![
            block(BlockKind::Heading { level: 2 }, "Statutory ICSs"),
            paragraph("We agree."),
            paragraph("With regard to option 2, a single body has merits."),
            paragraph("Back to the footing: it needs support."),
        ]);
        assert_eq!(
            found.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
            ["q1", "q1", "q2", "q1"]
        );
    }

    #[test]
    fn text_under_no_marker_is_placed_by_its_words_only_when_clear() {
        let found = placed(vec![
            paragraph(
                "ICS footprints should follow the established boundaries of councils and combined authorities, so that footprints and boundaries align.",
            ),
            paragraph("We held three meetings in the autumn and spoke to many people about it."),
        ]);
        assert_eq!(found[0].0, "e6");
        assert_eq!(found[1].0, "-");
    }

    /// Text made of words from the items, the markers and plain words, so that every rule
    /// gets to cut and place it.
    fn any_block() -> impl Strategy<Value = Block> {
        let words = prop::sample::select(vec![
            "Question 1:",
            "Q3.",
            "Element 5",
            "3.",
            "(2)",
            "We agree.",
            "we do not support",
            "option 2",
            "statutory footing",
            "With regard to",
            "footprints",
            "boundaries",
            "workforce planning",
            "é",
            "–",
            "Executive summary",
            "  ",
            "However,",
            "the",
            "ICS",
            "?",
            "Partly agree.",
        ]);
        let text = prop::collection::vec(words, 1..12).prop_map(|w| w.join(" ").trim().to_string());
        let kind = prop_oneof![
            Just(BlockKind::Paragraph),
            (1u8..4).prop_map(|level| BlockKind::Heading { level }),
            prop::option::of(prop::sample::select(vec!["1.", "2)", "Question 4", "(a)"])).prop_map(|n| {
                BlockKind::ListItem {
                    number: n.map(str::to_string),
                    level: 0,
                }
            }),
            Just(BlockKind::TableRow),
            Just(BlockKind::Footnote),
            Just(BlockKind::Quoted),
            Just(BlockKind::Signature),
        ];
        (kind, text, any::<prop::sample::Index>()).prop_filter_map(
            "blocks are never empty",
            |(kind, text, lead)| {
                if text.is_empty() {
                    return None;
                }
                let cut = lead.index(text.len());
                let lead_in = (cut > 0 && text.is_char_boundary(cut)).then_some(cut);
                Some(Block {
                    kind,
                    text,
                    lead_in,
                    comments: Vec::new(),
                })
            },
        )
    }

    proptest! {
        /// Nothing lost, nothing added: the passages, joined per paragraph and in order,
        /// are the document's blocks; each follows on from the one before.
        #[test]
        fn passages_are_the_paragraphs_in_order(blocks in prop::collection::vec(any_block(), 0..25)) {
            let document = document(blocks);
            let passages = place(&document, &set());
            let source = crate::model::Source {
                file: "x".into(),
                format: "text".into(),
                digest: "sha256:0".into(),
                imported: jiff::Timestamp::UNIX_EPOCH,
                notices: Vec::new(),
                passages: passages.clone(),
                comments: Vec::new(),
            };
            let texts: Vec<String> = document.blocks.iter().map(|b| b.text.clone()).collect();
            prop_assert_eq!(source.paragraphs(), texts);
            let mut expected_offset = 0;
            for (i, passage) in passages.iter().enumerate() {
                if i > 0 && passage.paragraph != passages[i - 1].paragraph {
                    expected_offset = 0;
                }
                prop_assert_eq!(passage.offset, expected_offset);
                prop_assert!(!passage.text.is_empty());
                prop_assert!(passage.confidence <= 100);
                expected_offset += passage.text.len();
            }
        }
    }
}
