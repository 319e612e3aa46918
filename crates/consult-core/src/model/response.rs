//! Response documents: one organisation's answers to one question set.
//! The same format serves as the autosaved draft and as the JSON export.

use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::question_set::QuestionSet;

/// The newest response format this build reads and writes. Version 2 added each answer's
/// `notes` and the respondent's `members`, `publication` and `confidentiality`; version 3
/// the `conflicts` a merge leaves; version 4 each answer's `key_point` and `position_basis`,
/// and a joint response's `joint` parts; version 5 an imported response's `source` and each
/// answer's `source_paragraphs`; version 6 the `reviews` read back from Word copies. A file
/// is written as the oldest version that holds what it uses, so older consults can still
/// read it, or say they need upgrading.
pub const RESPONSE_FORMAT: u32 = 6;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Version of this file format: 1, or 2 when the file uses what version 2 added.
    pub format_version: u32,
    /// Which question set, and exactly which version of it, this answers.
    pub question_set: SetRef,
    pub respondent: Respondent,
    #[serde(deserialize_with = "word")]
    pub status: ResponseStatus,
    /// When the response was started (RFC 3339).
    #[schemars(with = "String")]
    #[serde(deserialize_with = "rfc3339")]
    pub created: Timestamp,
    /// When the response was last changed (RFC 3339).
    #[schemars(with = "String")]
    #[serde(deserialize_with = "rfc3339")]
    pub updated: Timestamp,
    /// The item the respondent was last working on, so editing resumes there.
    #[serde(default)]
    pub current_item: Option<String>,
    /// Answers in the question set's reading order; items never touched are absent.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// What merging two copies could not decide, both sides kept, until someone chooses
    /// (version 3). A response with any is not exported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// On a joint response: its members, the provenance of its text, consensus and
    /// sign-off (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joint: Option<super::joint::Joint>,
    /// On a response imported from a member's document: the document, and where each of
    /// its passages went (version 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<super::source::Source>,
    /// What reviewers of a Word copy suggested and commented, until decided (version 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviews: Option<super::review::Reviews>,
}

/// A field that two merged copies changed in different ways. Both values are kept here;
/// the field itself holds what the copies' common ancestor had (nothing, if they had none),
/// so the merged file reads the same whichever copy was "ours".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The answer's item; absent for the response's own fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// On an answer: `position`, `answer`, `reasoning`, `notes` or `status`. On the
    /// response: `status`, or `respondent.` and one of the respondent's fields.
    pub field: String,
    /// Our copy's value as text (`null`: none). For text, our version of the sentences in
    /// conflict (empty: we deleted them).
    #[serde(default)]
    pub ours: Option<String>,
    /// Their copy's value, the same way.
    #[serde(default)]
    pub theirs: Option<String>,
    /// For text: the ancestor's sentences, which the field holds in their place (empty:
    /// both sides added text there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// For text: the sentence just before the place in the field, to find it by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// For text: the sentence just after the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl Conflict {
    /// Where the conflict is, for messages: `q2 answer`, `respondent.role`.
    pub fn place(&self) -> String {
        match &self.item {
            Some(item) => format!("{item} {}", self.field),
            None => self.field.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetRef {
    pub id: String,
    pub title: String,
    /// `sha256:` and the hex SHA-256 of the set's canonical JSON.
    pub digest: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Respondent {
    pub organisation: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: Option<String>,
    /// Whether the response is made on behalf of the organisation (rather than personally).
    #[serde(default = "yes")]
    pub on_behalf: bool,
    /// How many members the organisation represents, when responding on its behalf (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<u64>,
    /// How the members' views were gathered (meetings, a survey, written replies), in the
    /// respondent's words, as response forms for representative bodies ask (version 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub views_gathered: Option<String>,
    /// Whether the response may be published (version 2).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "some_word"
    )]
    pub publication: Option<Publication>,
    /// What the respondent asks to be kept confidential, and why, in their words (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<String>,
}

/// Whether a consultation may publish the response, as consultations ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Publication {
    /// Yes, with the respondent's name.
    Yes,
    /// Yes, with names and identifying details removed.
    Anonymised,
    No,
}

impl Publication {
    pub fn label(self) -> &'static str {
        match self {
            Publication::Yes => "Yes",
            Publication::Anonymised => "Yes, anonymised",
            Publication::No => "No",
        }
    }
}

/// A timestamp, with a message that says what form is expected rather than jiff's parser detail.
fn rfc3339<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(|_| {
        serde::de::Error::custom(format!(
            "{text:?} is not a date and time in RFC 3339 form, such as \"2021-01-07T16:45:00Z\""
        ))
    })
}

/// One of a field's fixed words, such as a status. serde_json would report a number or a list
/// here as broken JSON ("expected value"), when it is only the wrong kind of value: asking
/// for a string first says so, at the value.
fn word<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct Word<T>(std::marker::PhantomData<T>);
    impl<T: serde::de::DeserializeOwned> serde::de::Visitor<'_> for Word<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            T::deserialize(serde::de::IntoDeserializer::<E>::into_deserializer(text))
        }
    }
    deserializer.deserialize_str(Word(std::marker::PhantomData))
}

/// [`word`] for a field that may be left out (but, when there, is not `null`).
fn some_word<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    word(deserializer).map(Some)
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ResponseStatus {
    #[default]
    Draft,
    Final,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ItemStatus {
    #[default]
    NotStarted,
    Draft,
    Ready,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The item's id in the question set.
    pub item: String,
    /// The chosen option's id on the item's scale; null for "no answer" or free-text items.
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub reasoning: String,
    /// Notes for ourselves, never part of a submission (version 2).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, deserialize_with = "word")]
    pub status: ItemStatus,
    /// The answer's point in one line, for comparisons and briefings; when absent, the
    /// answer's first sentence stands for it (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_point: Option<String>,
    /// Whether the respondent stated the position, or whoever recorded it read it from
    /// the respondent's documents (version 4).
    #[serde(
        default,
        skip_serializing_if = "PositionBasis::is_stated",
        deserialize_with = "word"
    )]
    pub position_basis: PositionBasis,
    /// On an imported response: the paragraphs of the source document this answer holds,
    /// by their index there, so a reviewer can check it against the original (version 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_paragraphs: Vec<usize>,
    /// The respondent chose not to answer this item: it is no longer to do, and a
    /// submission of answered items only leaves it out (version 5).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_answering: bool,
}

/// How a position came to be recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PositionBasis {
    /// The respondent said so.
    #[default]
    Stated,
    /// Read from what the respondent wrote, by someone else: to be confirmed.
    Inferred,
}

impl PositionBasis {
    pub fn is_stated(&self) -> bool {
        *self == PositionBasis::Stated
    }

    pub fn label(self) -> &'static str {
        match self {
            PositionBasis::Stated => "stated",
            PositionBasis::Inferred => "inferred",
        }
    }
}

impl Answer {
    /// `answers` by item, the first where an item is answered twice: for work over many
    /// items, built once.
    pub fn by_item(answers: &[Answer]) -> std::collections::HashMap<&str, &Answer> {
        let mut by_item = std::collections::HashMap::with_capacity(answers.len());
        for answer in answers {
            by_item.entry(answer.item.as_str()).or_insert(answer);
        }
        by_item
    }

    pub fn new(item: &str) -> Self {
        Answer {
            item: item.to_string(),
            ..Answer::default()
        }
    }

    /// Whether anything has been recorded for the item.
    pub fn is_answered(&self) -> bool {
        self.position.is_some() || !self.answer.trim().is_empty()
    }

    /// Whether the position was read from the respondent's documents rather than stated.
    pub fn is_inferred(&self) -> bool {
        !self.position_basis.is_stated()
    }

    /// The answer's point in one line: its key point, else its first sentence (empty
    /// when there is neither).
    pub fn key_point(&self) -> &str {
        match self.key_point.as_deref().map(str::trim) {
            Some(point) if !point.is_empty() => point,
            _ => crate::sentences::first(self.answer.trim()),
        }
    }
}

impl ResponseStatus {
    pub fn label(self) -> &'static str {
        match self {
            ResponseStatus::Draft => "draft",
            ResponseStatus::Final => "final",
        }
    }
}

impl ItemStatus {
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::NotStarted => "not started",
            ItemStatus::Draft => "draft",
            ItemStatus::Ready => "ready",
        }
    }
}

/// Now, to the second: sub-second precision only adds noise to diffs.
pub fn now() -> Timestamp {
    let now = Timestamp::now();
    Timestamp::from_second(now.as_second()).unwrap_or(now)
}

impl Response {
    /// An empty response to `set` from `organisation`.
    pub fn new(set: &QuestionSet, organisation: &str) -> Self {
        let now = now();
        Response {
            format_version: 1,
            question_set: SetRef {
                id: set.id.clone(),
                title: set.title.clone(),
                digest: set.digest(),
            },
            respondent: Respondent {
                organisation: organisation.to_string(),
                on_behalf: true,
                ..Respondent::default()
            },
            status: ResponseStatus::Draft,
            created: now,
            updated: now,
            current_item: set.items().next().map(|i| i.id.clone()),
            answers: Vec::new(),
            conflicts: Vec::new(),
            joint: None,
            source: None,
            reviews: None,
        }
    }

    pub fn answer(&self, item: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.item == item)
    }

    /// Each answer by its item (the first, should an item be answered twice, as
    /// [`Response::answer`] finds it): for work over many items, built once.
    pub fn answers_by_item(&self) -> std::collections::HashMap<&str, &Answer> {
        Answer::by_item(&self.answers)
    }

    /// The answer for `item`, created in reading order if it is not there yet.
    pub fn answer_mut(&mut self, set: &QuestionSet, item: &str) -> &mut Answer {
        if let Some(i) = self.answers.iter().position(|a| a.item == item) {
            return &mut self.answers[i];
        }
        let rank = |id: &str| set.item_index(id).unwrap_or(usize::MAX);
        let at = self
            .answers
            .iter()
            .position(|a| rank(&a.item) > rank(item))
            .unwrap_or(self.answers.len());
        self.answers.insert(at, Answer::new(item));
        &mut self.answers[at]
    }

    /// The version a file of this response is written as: the version it was read as, or 2
    /// if it now uses what version 2 added. Never lower, so a file read back is unchanged.
    pub fn format_to_write(&self) -> u32 {
        let r = &self.respondent;
        let uses_v2 = r.members.is_some()
            || r.publication.is_some()
            || r.confidentiality.is_some()
            || self.answers.iter().any(|a| !a.notes.is_empty());
        let uses_v5 = self.source.is_some()
            || r.views_gathered.is_some()
            || self
                .answers
                .iter()
                .any(|a| !a.source_paragraphs.is_empty() || a.not_answering);
        let uses_v4 = self.joint.is_some()
            || self
                .answers
                .iter()
                .any(|a| a.key_point.is_some() || !a.position_basis.is_stated());
        let needs = if self.reviews.is_some() {
            6
        } else if uses_v5 {
            5
        } else if uses_v4 {
            4
        } else if !self.conflicts.is_empty() {
            3
        } else if uses_v2 {
            2
        } else {
            1
        };
        self.format_version.max(needs)
    }

    /// The items with unresolved conflicts, in the order recorded, each once; `respondent`
    /// or `status` for the response's own fields.
    pub fn conflicted_places(&self) -> Vec<&str> {
        let mut places: Vec<&str> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for conflict in &self.conflicts {
            let place = conflict
                .item
                .as_deref()
                .unwrap_or_else(|| conflict.field.split('.').next().unwrap_or("response"));
            if seen.insert(place) {
                places.push(place);
            }
        }
        places
    }

    /// Whether a merge left a conflict on `item` that nobody has settled: its values are
    /// then the merged copies' common ancestor's, not a position the respondent took.
    pub fn is_unsettled(&self, item: &str) -> bool {
        self.conflicts.iter().any(|c| c.item.as_deref() == Some(item))
    }

    /// How many of the set's items have a position or an answer.
    pub fn answered_count(&self, set: &QuestionSet) -> usize {
        set.items()
            .filter(|i| self.answer(&i.id).is_some_and(Answer::is_answered))
            .count()
    }
}
