//! An item's consensus from the members' positions, with the counts that support it.

use crate::model::QuestionSet;
use crate::model::joint::{Consensus, ConsensusOverride, Joint};

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
    /// The level the counts give.
    pub computed: Consensus,
}

impl Tally {
    /// The level the secretariat declared, or else the computed one.
    pub fn level(&self, declared: Option<&ConsensusOverride>) -> Consensus {
        declared.map_or(self.computed, |d| d.level)
    }

    /// "3 Agree (1 inferred), 1 Disagree; 1 took no position", labels from `set`.
    pub fn describe(&self, set: &QuestionSet, item: &str) -> String {
        let scale = set.item(item).and_then(|i| set.scale_of(i));
        let label = |id: &str| {
            scale
                .and_then(|s| s.option(id))
                .map_or_else(|| id.to_string(), |o| o.label.clone())
        };
        let mut text = self
            .counts
            .iter()
            .map(|(id, n, inferred)| match inferred {
                0 => format!("{n} {}", label(id)),
                i => format!("{n} {} ({i} inferred)", label(id)),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let none = self.members - self.took_position;
        if none > 0 {
            if !text.is_empty() {
                text.push_str("; ");
            }
            text.push_str(&match none {
                1 => "1 took no position".to_string(),
                n => format!("{n} took no position"),
            });
        }
        text
    }
}

/// The level for `leading` of `took` positions being the same.
pub fn level(leading: usize, took: usize) -> Consensus {
    if took == 0 {
        Consensus::None
    } else if leading == took {
        Consensus::Full
    } else if leading * 4 >= took * 3 {
        Consensus::Consensus
    } else if leading * 2 > took {
        Consensus::StrongSupport
    } else {
        Consensus::Divergence
    }
}

/// The members' positions on `item`, as taken into the joint response.
pub fn tally(joint: &Joint, set: &QuestionSet, item: &str) -> Tally {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    let mut took_position = 0;
    for member in &joint.members {
        let Some(answer) = member.answer(item) else {
            continue;
        };
        let Some(position) = &answer.position else {
            continue;
        };
        took_position += 1;
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
        set.item(item)
            .and_then(|i| set.scale_of(i))
            .and_then(|s| s.options.iter().position(|o| o.id == id))
            .unwrap_or(usize::MAX)
    };
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| rank(&a.0).cmp(&rank(&b.0))));
    let leading = counts.first().map_or(0, |c| c.1);
    Tally {
        computed: level(leading, took_position),
        counts,
        took_position,
        members: joint.members.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_levels_follow_the_share_holding_the_leading_position() {
        assert_eq!(level(0, 0), Consensus::None);
        assert_eq!(level(4, 4), Consensus::Full);
        assert_eq!(level(3, 4), Consensus::Consensus);
        assert_eq!(level(2, 3), Consensus::StrongSupport);
        assert_eq!(level(3, 5), Consensus::StrongSupport);
        assert_eq!(level(1, 2), Consensus::Divergence);
        assert_eq!(level(2, 5), Consensus::Divergence);
    }
}
