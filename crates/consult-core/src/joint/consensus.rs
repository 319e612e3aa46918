//! An item's consensus from the members' positions, with the counts that support it.
//!
//! Positions are counted by side: the options before a scale's middle (agree, partly agree;
//! support, support with changes) are in favour, the middle (neither, neutral) is no side,
//! and the options after it are against. A member that took no position is silent, never
//! counted as agreeing, and every level is a share of all the members.

use crate::model::joint::{Consensus, ConsensusOverride, Joint};
use crate::model::question_set::Scale;
use crate::model::{Item, QuestionSet};

/// Which way a position leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Favour,
    Against,
    Neither,
}

/// How many members are on each side, and how many there are in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    pub favour: usize,
    pub against: usize,
    pub neither: usize,
    pub members: usize,
}

impl Sides {
    pub fn took_position(&self) -> usize {
        self.favour + self.against + self.neither
    }

    /// The level these counts give, by the rule the README states.
    pub fn level(&self) -> Consensus {
        let (members, took) = (self.members, self.took_position());
        let (larger, other) = if self.favour >= self.against {
            (self.favour, self.against)
        } else {
            (self.against, self.favour)
        };
        if members == 0 || took * 2 < members {
            Consensus::None
        } else if took == members && larger == members {
            Consensus::Full
        } else if larger * 4 >= members * 3 && other == 0 {
            Consensus::Consensus
        } else if larger * 2 > members && other > 0 {
            Consensus::StrongSupport
        } else {
            Consensus::Divergence
        }
    }
}

/// The side of `option` on `scale`: before a neither/neutral option (or, with none, the
/// middle of an odd scale) is in favour, after it against. Scales list options from most
/// to least favourable.
pub fn side(scale: &Scale, option: &str) -> Side {
    let Some(at) = scale.options.iter().position(|o| o.id == option) else {
        return Side::Neither;
    };
    let middle = scale
        .options
        .iter()
        .position(|o| is_neutral(&o.id) || is_neutral(&o.label.to_lowercase()));
    let n = scale.options.len();
    let (first_against, neither) = match middle {
        Some(m) => (m + 1, Some(m)),
        None if n % 2 == 1 => (n / 2 + 1, Some(n / 2)),
        None => (n / 2, None),
    };
    if Some(at) == neither {
        Side::Neither
    } else if at < first_against {
        Side::Favour
    } else {
        Side::Against
    }
}

fn is_neutral(word: &str) -> bool {
    ["neither", "neutral", "no view", "no opinion", "undecided"]
        .iter()
        .any(|w| word.starts_with(w))
}

/// How the members stand on one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Per position taken, most held first (then in scale order): the option's id, how many
    /// members took it, and how many of those positions were inferred rather than stated.
    pub counts: Vec<(String, usize, usize)>,
    /// Members that took a position.
    pub took_position: usize,
    /// Every member of the joint response.
    pub members: usize,
    /// The members by side.
    pub sides: Sides,
    /// The level the counts give.
    pub computed: Consensus,
}

impl Tally {
    /// The level the secretariat declared, or else the computed one.
    pub fn level(&self, declared: Option<&ConsensusOverride>) -> Consensus {
        declared.map_or(self.computed, |d| d.level)
    }

    /// The counts in words, side by side: "3 of 3 in favour: 2 partly agree, 1 agrees",
    /// then those against, on neither side and silent; labels from `set`.
    pub fn describe(&self, set: &QuestionSet, item: &Item) -> String {
        let scale = set.scale_of(item);
        let label = |id: &str| {
            scale
                .and_then(|s| s.option(id))
                .map_or_else(|| id.to_string(), |o| o.label.to_lowercase())
        };
        let side_of = |id: &str| scale.map_or(Side::Neither, |s| side(s, id));
        let groups = [
            (Side::Favour, self.sides.favour, "in favour"),
            (Side::Against, self.sides.against, "against"),
            (Side::Neither, self.sides.neither, "on neither side"),
        ];
        let mut parts: Vec<String> = Vec::new();
        for (which, total, words) in groups {
            if total == 0 {
                continue;
            }
            let positions = self
                .counts
                .iter()
                .filter(|(id, ..)| side_of(id) == which)
                .map(|(id, n, inferred)| {
                    let taken = if *n == 1 { singular(&label(id)) } else { label(id) };
                    match inferred {
                        0 => format!("{n} {taken}"),
                        i => format!("{n} {taken} ({i} inferred)"),
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            let share = if parts.is_empty() {
                format!("{total} of {}", self.members)
            } else {
                total.to_string()
            };
            parts.push(format!("{share} {words}: {positions}"));
        }
        let silent = self.members - self.took_position;
        if silent > 0 {
            let share = if parts.is_empty() {
                format!("{silent} of {}", self.members)
            } else {
                silent.to_string()
            };
            parts.push(format!("{share} took no position"));
        }
        parts.join("; ")
    }
}

/// A position's label as one member takes it: "agree" → "agrees", "partly agree" →
/// "partly agrees"; labels that are not verbs stay as they are.
fn singular(label: &str) -> String {
    const VERBS: [&str; 6] = ["agree", "disagree", "support", "oppose", "object", "accept"];
    label
        .split(' ')
        .map(|word| {
            if VERBS.contains(&word) {
                format!("{word}s")
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The members' positions on `item`, as taken into the joint response.
pub fn tally(joint: &Joint, set: &QuestionSet, item: &Item) -> Tally {
    let scale = set.scale_of(item);
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    let mut sides = Sides {
        members: joint.members.len(),
        ..Sides::default()
    };
    for member in &joint.members {
        let Some(answer) = member.answer(&item.id) else {
            continue;
        };
        let Some(position) = &answer.position else {
            continue;
        };
        match scale.map_or(Side::Neither, |s| side(s, position)) {
            Side::Favour => sides.favour += 1,
            Side::Against => sides.against += 1,
            Side::Neither => sides.neither += 1,
        }
        let inferred = usize::from(answer.is_inferred());
        match counts.iter_mut().find(|c| &c.0 == position) {
            Some(count) => {
                count.1 += 1;
                count.2 += inferred;
            }
            None => counts.push((position.clone(), 1, inferred)),
        }
    }
    let rank = |id: &str| {
        scale
            .and_then(|s| s.options.iter().position(|o| o.id == id))
            .unwrap_or(usize::MAX)
    };
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| rank(&a.0).cmp(&rank(&b.0))));
    Tally {
        counts,
        took_position: sides.took_position(),
        members: sides.members,
        computed: sides.level(),
        sides,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::question_set::ScaleOption;

    fn scale(ids: &[&str]) -> Scale {
        Scale {
            id: "s".into(),
            name: "s".into(),
            options: ids
                .iter()
                .map(|id| ScaleOption {
                    id: id.to_string(),
                    label: id.replace('-', " "),
                    symbol: "*".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn each_level_follows_the_sides_of_all_the_members() {
        use crate::model::joint::Consensus::{Consensus, Divergence, Full, None, StrongSupport};
        // (in favour, against, neither, members) → level, and why.
        let table = [
            (
                (3, 0, 0, 3),
                Full,
                "two partly agree and one agrees: one side, all of them",
            ),
            ((0, 4, 0, 4), Full, "everyone against is a consensus too"),
            (
                (1, 0, 0, 3),
                None,
                "one supports and two are silent: too few positions",
            ),
            (
                (1, 0, 0, 2),
                Divergence,
                "half took a position: enough, but no majority",
            ),
            ((0, 0, 0, 0), None, "no members"),
            ((0, 0, 0, 4), None, "nobody took a position"),
            (
                (2, 0, 0, 3),
                Divergence,
                "two support, one silent: not three in four of all",
            ),
            ((3, 0, 0, 4), Consensus, "three in four of all, none against"),
            (
                (3, 0, 1, 4),
                Consensus,
                "a neutral member does not stop a consensus",
            ),
            ((2, 0, 1, 3), Divergence, "a neutral member is not in favour"),
            ((4, 0, 0, 5), Consensus, "four of five, one silent"),
            ((3, 1, 0, 4), StrongSupport, "three in four but one against"),
            ((2, 1, 0, 3), StrongSupport, "a majority of all, some against"),
            ((1, 2, 0, 3), StrongSupport, "a majority against, some in favour"),
            ((2, 2, 0, 4), Divergence, "an even split"),
            ((2, 1, 0, 5), Divergence, "two of five is no majority of all"),
            ((3, 0, 0, 6), Divergence, "half is not a majority"),
            ((2, 0, 0, 5), None, "two of five took a position: fewer than half"),
        ];
        for ((favour, against, neither, members), want, why) in table {
            let sides = Sides {
                favour,
                against,
                neither,
                members,
            };
            assert_eq!(sides.level(), want, "{why}: {sides:?}");
        }
    }

    #[test]
    fn sides_split_at_the_neutral_option_or_the_middle() {
        let agreement = scale(&["agree", "partly-agree", "neither", "partly-disagree", "disagree"]);
        let sides: Vec<Side> = agreement
            .options
            .iter()
            .map(|o| side(&agreement, &o.id))
            .collect();
        assert_eq!(
            sides,
            [
                Side::Favour,
                Side::Favour,
                Side::Neither,
                Side::Against,
                Side::Against
            ]
        );
        let support = scale(&["support", "support-with-changes", "neutral", "oppose"]);
        assert_eq!(side(&support, "support-with-changes"), Side::Favour);
        assert_eq!(side(&support, "neutral"), Side::Neither);
        assert_eq!(side(&support, "oppose"), Side::Against);
        let even = scale(&["yes", "rather-yes", "rather-no", "no"]);
        assert_eq!(side(&even, "rather-yes"), Side::Favour);
        assert_eq!(side(&even, "rather-no"), Side::Against);
        let odd = scale(&["good", "fair", "poor"]);
        assert_eq!(side(&odd, "fair"), Side::Neither);
        assert_eq!(side(&odd, "unknown"), Side::Neither);
    }

    #[test]
    fn one_member_agrees_and_two_partly_agree() {
        assert_eq!(singular("agree"), "agrees");
        assert_eq!(singular("partly agree"), "partly agrees");
        assert_eq!(singular("support with changes"), "supports with changes");
        assert_eq!(singular("neutral"), "neutral");
    }
}
