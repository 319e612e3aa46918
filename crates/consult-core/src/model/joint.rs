//! What a joint response records beside its text (response format 4): the members whose
//! drafts it was built from, where each passage of the joint text came from, the consensus
//! the secretariat declared, members' minority statements and their sign-off.
//!
//! Provenance lives here, never as markers inside the answer: a submission exported
//! without attribution is the text as typed, and a passage is found again by its words.

use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A response's joint parts: present only on a joint response.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Joint {
    /// The member responses the joint response is built from, in the order added.
    pub members: Vec<Member>,
    /// Per item, only for items with something recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<JointItem>,
    /// Members' sign-off, for the whole response or per item; the latest of each counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sign_offs: Vec<SignOff>,
}

/// One member's response as the joint response used it: a copy of its answers, so the
/// joint view needs no other file, and later changes to the member's file can be shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's organisation, as its response names it; how passages name it.
    pub organisation: String,
    /// The member's response file, as given when it was added.
    pub file: String,
    /// `sha256:` and the hex SHA-256 of the member's answers as used (see [`Member::digest_of`]).
    pub digest: String,
    /// When this version of the member's response was taken (RFC 3339).
    #[schemars(with = "String")]
    pub taken: Timestamp,
    /// The member's answers as taken.
    #[serde(default)]
    pub answers: Vec<super::Answer>,
}

impl Member {
    /// The digest of a member's answers: what changes when the member changes its mind,
    /// and not when only its file's spacing or the time it was saved changes.
    pub fn digest_of(answers: &[super::Answer]) -> String {
        super::sha256_of_json(&answers)
    }

    pub fn answer(&self, item: &str) -> Option<&super::Answer> {
        self.answers.iter().find(|a| a.item == item)
    }
}

/// Which text of an item a passage is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    #[default]
    Answer,
    Reasoning,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Answer => "answer",
            Field::Reasoning => "reasoning",
        }
    }
}

/// What the joint response records for one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JointItem {
    pub item: String,
    /// The adopted passages of the item's answer and reasoning, each field's in text
    /// order. Text not in a passage was written by the secretariat.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<Passage>,
    /// The consensus the secretariat declares instead of the computed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consensus: Option<ConsensusOverride>,
    /// Members' dissent, exported with the item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minority: Vec<Minority>,
}

impl JointItem {
    pub fn new(item: &str) -> Self {
        JointItem {
            item: item.to_string(),
            ..JointItem::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.passages.is_empty() && self.consensus.is_none() && self.minority.is_empty()
    }
}

/// A stretch of the joint text taken from members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub field: Field,
    /// The passage's words as they stand in the joint text, by which it is found there.
    pub text: String,
    /// The members it came from, by organisation: several when they said the same thing.
    pub members: Vec<String>,
    /// Changed by the secretariat since it was adopted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
}

/// How far members agree on an item, as consensus processes name the levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Consensus {
    /// Every member took a position, all on one side.
    Full,
    /// At least three in four of all members on one side, none on the other.
    Consensus,
    /// A majority of all members on one side, some on the other.
    StrongSupport,
    /// Anything else.
    Divergence,
    /// Fewer than half the members took a position.
    None,
}

impl Consensus {
    pub const ALL: [Consensus; 5] = [
        Consensus::Full,
        Consensus::Consensus,
        Consensus::StrongSupport,
        Consensus::Divergence,
        Consensus::None,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Consensus::Full => "full consensus",
            Consensus::Consensus => "consensus",
            Consensus::StrongSupport => "strong support, significant opposition",
            Consensus::Divergence => "divergence",
            Consensus::None => "too few positions",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Consensus::Full => "full",
            Consensus::Consensus => "consensus",
            Consensus::StrongSupport => "strong-support",
            Consensus::Divergence => "divergence",
            Consensus::None => "none",
        }
    }
}

/// The secretariat's judgement of an item's consensus, and why it differs from the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsensusOverride {
    pub level: Consensus,
    pub reason: String,
}

/// A member's dissent on an item, in its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Minority {
    pub member: String,
    pub text: String,
}

/// Where a member stands on the joint text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SignOffState {
    #[default]
    NotAsked,
    Agreed,
    Objected,
}

impl SignOffState {
    pub fn label(self) -> &'static str {
        match self {
            SignOffState::NotAsked => "not asked",
            SignOffState::Agreed => "agreed",
            SignOffState::Objected => "objected",
        }
    }
}

/// A member's sign-off on the whole response (no item) or on one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    pub member: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub state: SignOffState,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When it was recorded (RFC 3339).
    #[schemars(with = "String")]
    pub when: Timestamp,
}

impl Joint {
    pub fn member(&self, organisation: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.organisation == organisation)
    }

    pub fn item(&self, item: &str) -> Option<&JointItem> {
        self.items.iter().find(|i| i.item == item)
    }

    /// The item's record, created if there is none yet.
    pub fn item_mut(&mut self, item: &str) -> &mut JointItem {
        if let Some(i) = self.items.iter().position(|i| i.item == item) {
            return &mut self.items[i];
        }
        self.items.push(JointItem::new(item));
        self.items.last_mut().expect("just pushed")
    }

    /// Sets `member`'s minority statement on `item` (an empty `text`: none); true if one
    /// is recorded now.
    pub fn set_minority(&mut self, item: &str, member: &str, text: &str) -> bool {
        let record = self.item_mut(item);
        record.minority.retain(|m| m.member != member);
        let text = text.trim();
        if !text.is_empty() {
            record.minority.push(Minority {
                member: member.to_string(),
                text: text.to_string(),
            });
        }
        self.tidy();
        !text.is_empty()
    }

    /// Declares the consensus on `item` (`None`: as counted again).
    pub fn declare(&mut self, item: &str, declared: Option<ConsensusOverride>) {
        self.item_mut(item).consensus = declared;
        self.tidy();
    }

    /// Drops item records left with nothing in them, so files stay small and stable.
    pub fn tidy(&mut self) {
        self.items.retain(|i| !i.is_empty());
    }

    /// A member's standing sign-off on `item` (`None`: the whole response): the latest
    /// recorded for it; for an item with none of its own, the whole response's.
    pub fn sign_off(&self, member: &str, item: Option<&str>) -> Option<&SignOff> {
        self.own_sign_off(member, item)
            .or_else(|| item.and(self.own_sign_off(member, None)))
    }

    /// The latest sign-off recorded for exactly `item` (`None`: the whole response).
    pub fn own_sign_off(&self, member: &str, item: Option<&str>) -> Option<&SignOff> {
        self.sign_offs
            .iter()
            .rev()
            .find(|s| s.member == member && s.item.as_deref() == item)
    }
}
