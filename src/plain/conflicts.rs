//! Merge conflicts in plain mode: listing what two merged copies changed differently, and
//! keeping one side, the other, or both (text), one conflict at a time, each one undo; and
//! merging in a draft changed elsewhere or a sync tool's conflict copy.

use std::time::Instant;

use super::{Plain, Stop};
use crate::merge::resolve::Keep;
use crate::session::Session;
use crate::text::visible;

impl Plain {
    /// Every unsettled conflict, numbered, with both sides' values.
    pub(super) fn list_conflicts(&mut self, draft: &Session) {
        let conflicts = &draft.response.conflicts;
        if conflicts.is_empty() {
            self.say("There are no merge conflicts.");
            return;
        }
        self.say(format!(
            "{} merge conflicts; keep N ours, keep N theirs or keep N both (text) settles one:",
            conflicts.len()
        ));
        let side = |value: &Option<String>| match value.as_deref() {
            None => "(nothing)".to_string(),
            Some("") => "(deleted)".to_string(),
            Some(text) => visible(text).to_string(),
        };
        let lines: Vec<String> = conflicts
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                [
                    format!("{}. {}", i + 1, visible(&c.place())),
                    format!("   ours: {}", side(&c.ours)),
                    format!("   theirs: {}", side(&c.theirs)),
                ]
            })
            .collect();
        self.say_all(lines);
    }

    /// Settles conflict `number` (from 1) keeping `keep`, going to its item first.
    pub(super) fn keep(&mut self, draft: &mut Session, number: usize, keep: Keep) -> Result<(), Stop> {
        let Some(conflict) = number
            .checked_sub(1)
            .and_then(|i| draft.response.conflicts.get(i))
        else {
            self.say(match draft.response.conflicts.len() {
                0 => "There are no merge conflicts.".to_string(),
                n => format!("There is no conflict {number}; conflicts lists them, 1 to {n}."),
            });
            return Ok(());
        };
        let place = visible(&conflict.place()).to_string();
        let item = conflict.item.clone();
        self.go_to_item_of(draft, item.as_deref());
        if let Err(e) = draft.settle(number - 1, keep, Instant::now()) {
            self.say(format!("Could not settle {place}: {e}."));
            return Ok(());
        }
        self.say(match draft.response.conflicts.len() {
            0 => format!(
                "Settled {place}. Every merge conflict is settled: the response can be exported again."
            ),
            n => format!("Settled {place}; {n} merge conflicts left (conflicts lists them)."),
        });
        self.changed(draft)
    }

    /// The draft file was changed elsewhere: merge it with what we have, three-way where
    /// history holds the version consult last saved.
    pub(super) fn merge_changed(&mut self, draft: &mut Session) -> Result<(), Stop> {
        match draft.merge_changed(&self.catalog) {
            Ok(merged) => {
                self.say(merged.describe("the changed file", "conflicts lists them"));
                self.save(draft)
            }
            Err(e) => {
                self.say(format!("{}; nothing changed.", crate::text::capitalised(&e)));
                Ok(())
            }
        }
    }

    /// Asks about a sync tool's conflict copy left beside the draft, if there is one not
    /// asked about yet: merge it in (the copy then goes to the deleted drafts) or keep it.
    pub(super) fn offer_sync_copy(&mut self, draft: &mut Session) -> Result<(), Stop> {
        let Some((copy, tool)) = draft.sync_copy_to_offer() else {
            return Ok(());
        };
        self.say(crate::drafts::sync_copies::offered(&copy, tool));
        if !self.yes_no("Merge it in? The copy then goes to the deleted drafts. yes or no")? {
            self.say("The copy is left where it is.");
            return Ok(());
        }
        match draft.merge_sync_copy(&self.dirs, &self.catalog, &copy) {
            Ok((merged, went)) => {
                let said = merged.describe("the sync tool's copy", "conflicts lists them");
                self.say(format!("{}; {went}.", said.trim_end_matches('.')));
                self.save(draft)
            }
            Err(e) => {
                self.say(format!("{}; nothing changed.", crate::text::capitalised(&e)));
                Ok(())
            }
        }
    }
}
