//! The joint walk-through's members panel: each member's position, key point and text on
//! the item, one of them selected, and within its text one sentence or paragraph, ready to
//! be adopted into the joint answer or reasoning.

use std::ops::Range;

use crate::joint::members;
use crate::joint::provenance::units;
use crate::model::Response;
use crate::model::joint::{Field, Joint};

/// Which members the panel lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    /// Those that took this option.
    Position(String),
    /// Those that took none.
    NoPosition,
}

#[derive(Debug, Default)]
pub struct JointPanel {
    /// Whether keys go to the panel rather than the joint text.
    pub focused: bool,
    /// The selected member, by index in the joint's members.
    pub member: usize,
    /// Which of the member's texts is shown.
    pub field: Field,
    /// The selected sentence or paragraph, by index among the text's units.
    pub unit: usize,
    pub paragraphs: bool,
    pub filter: Filter,
    /// The item and passage index adopted last, for crediting others with it.
    pub last_adopted: Option<(String, usize)>,
    /// Each member's response as its file is now (`None`: not read or gone).
    pub now: Vec<Option<Response>>,
    /// Per member, what its file changed since it was taken, item by item: worked out
    /// once when the files are read, not on every frame.
    pub changes: Vec<Vec<members::Change>>,
}

impl JointPanel {
    pub fn new(joint: &Joint, set: &crate::model::QuestionSet, now: Vec<Option<Response>>) -> JointPanel {
        let changes = joint
            .members
            .iter()
            .zip(&now)
            .map(|(member, now)| {
                now.as_ref()
                    .map_or_else(Vec::new, |now| members::changes(member, now, set))
            })
            .collect();
        JointPanel {
            now,
            changes,
            ..JointPanel::default()
        }
    }

    /// The members the filter lets through on `item`, by index.
    pub fn listed(&self, joint: &Joint, item: &str) -> Vec<usize> {
        (0..joint.members.len())
            .filter(|&m| {
                let position = joint.members[m].answer(item).and_then(|a| a.position.as_deref());
                match &self.filter {
                    Filter::All => true,
                    Filter::Position(id) => position == Some(id.as_str()),
                    Filter::NoPosition => position.is_none(),
                }
            })
            .collect()
    }

    /// The selected member, if the filter lets it through; else the first listed.
    pub fn selected(&self, joint: &Joint, item: &str) -> Option<usize> {
        self.selected_of(&self.listed(joint, item))
    }

    /// [`JointPanel::selected`] among members already `listed`.
    pub fn selected_of(&self, listed: &[usize]) -> Option<usize> {
        listed
            .iter()
            .copied()
            .find(|&m| m == self.member)
            .or(listed.first().copied())
    }

    /// Member `m`'s text shown, cut into the units that can be adopted.
    pub fn text_of<'a>(&self, joint: &'a Joint, m: usize, item: &str) -> (&'a str, Vec<Range<usize>>) {
        let text = joint.members[m]
            .answer(item)
            .map_or("", |answer| match self.field {
                Field::Answer => answer.answer.as_str(),
                Field::Reasoning => answer.reasoning.as_str(),
            });
        (text, units(text, self.paragraphs))
    }

    /// The selected unit among `units`, kept on the text.
    pub fn unit_of(&self, units: &[Range<usize>]) -> Option<Range<usize>> {
        units.get(self.unit.min(units.len().saturating_sub(1))).cloned()
    }

    /// The selected member's text shown, and the selected unit in it.
    pub fn selection<'a>(&self, joint: &'a Joint, item: &str) -> Option<(&'a str, Range<usize>)> {
        let (text, units) = self.text_of(joint, self.selected(joint, item)?, item);
        Some((text, self.unit_of(&units)?))
    }

    /// How many units the selected text has.
    pub fn unit_count(&self, joint: &Joint, item: &str) -> usize {
        self.selected(joint, item)
            .map_or(0, |m| self.text_of(joint, m, item).1.len())
    }

    /// Moves to the next (or previous) member listed, back to its first unit.
    pub fn step_member(&mut self, joint: &Joint, item: &str, down: bool) {
        let listed = self.listed(joint, item);
        let at = self
            .selected(joint, item)
            .and_then(|m| listed.iter().position(|&l| l == m))
            .unwrap_or(0);
        let next = crate::app::screen::step(at, down, listed.len());
        if let Some(&member) = listed.get(next) {
            self.member = member;
        }
        self.unit = 0;
    }

    /// The next filter: each position taken on `item`, in the order members took them,
    /// then no position, then all again.
    pub fn next_filter(&mut self, joint: &Joint, item: &str) {
        let mut options: Vec<Filter> = Vec::new();
        for member in &joint.members {
            let filter = match member.answer(item).and_then(|a| a.position.clone()) {
                Some(id) => Filter::Position(id),
                None => Filter::NoPosition,
            };
            if !options.contains(&filter) {
                options.push(filter);
            }
        }
        options.sort_by_key(|f| matches!(f, Filter::NoPosition));
        options.push(Filter::All);
        let at = options.iter().position(|f| *f == self.filter);
        self.filter = match at {
            Some(i) => options[(i + 1) % options.len()].clone(),
            None => options[0].clone(),
        };
        self.unit = 0;
    }

    /// Whether the file of the member at `index` holds a merge conflict on `item` that
    /// nobody has settled.
    pub fn member_unsettled(&self, index: usize, item: &str) -> bool {
        self.now
            .get(index)
            .and_then(Option::as_ref)
            .is_some_and(|now| now.is_unsettled(item))
    }

    /// What the member at `index` changed on `item` since it was taken, if its file says so.
    pub fn change(&self, index: usize, item: &str) -> Option<&members::Change> {
        self.changes.get(index)?.iter().find(|c| c.item == item)
    }
}
