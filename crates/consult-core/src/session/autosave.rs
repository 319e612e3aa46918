//! Autosave bookkeeping: which version of the draft is on disk, what is due to be
//! written, and what the header should say. Two kinds of write:
//! - the draft file itself, once typing pauses (and at least every 1.5 s);
//! - a recovery copy, a fraction of a second after every change, so a kill between
//!   draft saves still loses nothing (see `crate::drafts::recovery`).

use std::time::{Duration, Instant};

use crate::drafts::{ContentDigest, SaveOutcome, SaveResult};

/// Typing pauses this long before the draft is saved...
pub const SAVE_AFTER_IDLE: Duration = Duration::from_millis(700);
/// ...and continuous typing is saved at least this often, so a crash loses under two seconds.
pub const SAVE_AT_LEAST_EVERY: Duration = Duration::from_millis(1500);
/// The recovery copy trails the newest change by at most this much.
pub const JOURNAL_EVERY: Duration = Duration::from_millis(250);
/// How long to wait before trying a failed save again.
pub const RETRY_AFTER: Duration = Duration::from_secs(3);

/// What the header says about saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Unsaved,
    Saving,
    Failed(String),
    /// Saving is paused until the user says what to do about a change made elsewhere.
    ChangedOnDisk,
}

#[derive(Debug, Default)]
pub struct Autosave {
    /// Bumped by every change; a save records the generation it wrote.
    generation: u64,
    saved_generation: u64,
    in_flight: Option<u64>,
    first_unsaved: Option<Instant>,
    last_change: Option<Instant>,
    failure: Option<(String, Instant)>,
    journaled_generation: u64,
    last_journal: Option<Instant>,
    /// What the draft file held when last read or written.
    pub on_disk: Option<ContentDigest>,
    pub conflict: bool,
}

/// Which write is due now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Nothing,
    Journal,
    Draft,
}

impl Autosave {
    pub fn changed(&mut self, now: Instant) {
        self.generation += 1;
        self.first_unsaved.get_or_insert(now);
        self.last_change = Some(now);
    }

    pub fn is_dirty(&self) -> bool {
        self.generation > self.saved_generation
    }

    pub fn state(&self) -> SaveState {
        if self.conflict {
            SaveState::ChangedOnDisk
        } else if let Some((error, _)) = &self.failure {
            SaveState::Failed(error.clone())
        } else if self.in_flight.is_some() {
            SaveState::Saving
        } else if self.is_dirty() {
            SaveState::Unsaved
        } else {
            SaveState::Saved
        }
    }

    /// Whether a save of the draft file is under way.
    pub fn is_saving(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Whether a draft save may start: something to save, nothing under way, no conflict open.
    pub fn can_save(&self) -> bool {
        self.is_dirty() && self.in_flight.is_none() && !self.conflict
    }

    pub fn due(&self, now: Instant) -> Due {
        if self.draft_due_at().is_some_and(|t| now >= t) {
            Due::Draft
        } else if self.journal_stale() && self.last_journal.is_none_or(|t| now >= t + JOURNAL_EVERY) {
            Due::Journal
        } else {
            Due::Nothing
        }
    }

    /// When [`Autosave::due`] next has something to write, if nothing else changes: the
    /// event loop sleeps until then. A time already past means due now. `journal` says
    /// whether recovery copies are kept at all.
    pub fn next_due(&self, journal: bool) -> Option<Instant> {
        let copy = match self.last_journal {
            _ if !journal || !self.journal_stale() => None,
            Some(t) => Some(t + JOURNAL_EVERY),
            None => self.last_change, // never written: due at once
        };
        self.draft_due_at().into_iter().chain(copy).min()
    }

    /// When the draft file is due to be saved; none while a save may not start
    /// (a save under way wakes the loop when it lands).
    fn draft_due_at(&self) -> Option<Instant> {
        if !self.can_save() {
            return None;
        }
        if let Some((_, failed_at)) = &self.failure {
            return Some(*failed_at + RETRY_AFTER);
        }
        let idle = self.last_change.map(|t| t + SAVE_AFTER_IDLE);
        let overdue = self.first_unsaved.map(|t| t + SAVE_AT_LEAST_EVERY);
        idle.into_iter().chain(overdue).min()
    }

    /// Whether there are changes that neither the draft file nor the recovery copy holds.
    fn journal_stale(&self) -> bool {
        self.generation > self.journaled_generation.max(self.saved_generation)
    }

    /// Marks a draft save of the current generation as under way.
    pub fn start_draft_save(&mut self) -> u64 {
        self.in_flight = Some(self.generation);
        self.generation
    }

    /// Marks a recovery copy of the current generation as written (or about to be).
    pub fn start_journal(&mut self, now: Instant) -> u64 {
        self.journaled_generation = self.generation;
        self.last_journal = Some(now);
        self.generation
    }

    /// Whether the recovery copy holds nothing newer than the current generation.
    pub fn journal_covered(&self) -> bool {
        self.journaled_generation <= self.generation
    }

    /// What is on screen is exactly what is on disk now (the file was just loaded again).
    pub fn settle(&mut self, on_disk: Option<ContentDigest>) {
        self.saved_generation = self.generation;
        self.journaled_generation = self.generation;
        self.in_flight = None;
        self.first_unsaved = None;
        self.failure = None;
        self.conflict = false;
        self.on_disk = on_disk;
    }

    pub fn finished(&mut self, outcome: &SaveOutcome, now: Instant) {
        if outcome.journal {
            return; // a failed recovery copy is retried by the next change; the draft save is what counts
        }
        if self.in_flight == Some(outcome.generation) {
            self.in_flight = None;
        }
        match &outcome.result {
            SaveResult::Saved(digest) => {
                self.saved_generation = self.saved_generation.max(outcome.generation);
                self.on_disk = Some(*digest);
                self.failure = None;
                self.first_unsaved = if self.is_dirty() { self.last_change } else { None };
            }
            SaveResult::Failed(error) => self.failure = Some((error.clone(), now)),
            SaveResult::Conflict => self.conflict = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    fn outcome(generation: u64, result: SaveResult) -> SaveOutcome {
        SaveOutcome {
            generation,
            journal: false,
            result,
            recounted: None,
        }
    }

    /// Checks that `next_due` is exactly when `due` first has something to write.
    fn wakes_when_due(autosave: &Autosave, since: Instant) -> Instant {
        let at = autosave.next_due(true).expect("something to write");
        assert_ne!(autosave.due(at), Due::Nothing, "due at the wake-up");
        if at > since {
            assert_eq!(autosave.due(at - MS), Due::Nothing, "not due before it");
        }
        at
    }

    #[test]
    fn with_nothing_to_write_the_loop_sleeps_until_something_happens() {
        let mut autosave = Autosave::default();
        assert_eq!(autosave.next_due(true), None);
        let t0 = Instant::now();
        autosave.changed(t0);
        autosave.start_journal(t0);
        let generation = autosave.start_draft_save();
        assert_eq!(autosave.next_due(true), None, "the landing save wakes it");
        autosave.finished(&outcome(generation, SaveResult::Saved([0; 32])), t0);
        assert_eq!(autosave.next_due(true), None);
    }

    #[test]
    fn a_change_wakes_the_loop_for_a_recovery_copy_at_once_then_for_the_save_after_the_pause() {
        let mut autosave = Autosave::default();
        let t0 = Instant::now();
        autosave.changed(t0);
        assert_eq!(wakes_when_due(&autosave, t0), t0);
        assert_eq!(autosave.due(t0), Due::Journal);
        autosave.start_journal(t0);
        assert_eq!(wakes_when_due(&autosave, t0), t0 + SAVE_AFTER_IDLE);
        assert_eq!(autosave.due(t0 + SAVE_AFTER_IDLE), Due::Draft);
        // Without recovery copies, only the save.
        let mut plain = Autosave::default();
        plain.changed(t0);
        assert_eq!(plain.next_due(false), Some(t0 + SAVE_AFTER_IDLE));
    }

    /// The event loop driven by the deadline alone, while someone types a key every 100 ms:
    /// every wake-up finds a write to do, and the draft is saved within SAVE_AT_LEAST_EVERY.
    #[test]
    fn typing_on_is_copied_every_quarter_second_and_saved_at_least_every_one_and_a_half() {
        let mut autosave = Autosave::default();
        let t0 = Instant::now();
        let (mut saved_at, mut copies) = (None, 0);
        for key in (0..20).map(|i| t0 + 100 * i * MS) {
            autosave.changed(key);
            while autosave.next_due(true).is_some_and(|at| at < key + 100 * MS) {
                let at = wakes_when_due(&autosave, key).max(key);
                match autosave.due(at) {
                    Due::Draft => {
                        let generation = autosave.start_draft_save();
                        autosave.finished(&outcome(generation, SaveResult::Saved([0; 32])), at);
                        saved_at.get_or_insert(at);
                    }
                    Due::Journal => {
                        autosave.start_journal(at);
                        copies += 1;
                    }
                    Due::Nothing => unreachable!("checked by wakes_when_due"),
                }
            }
        }
        assert_eq!(saved_at, Some(t0 + SAVE_AT_LEAST_EVERY));
        assert!(copies >= 6, "{copies} recovery copies in 2 s");
    }

    #[test]
    fn a_failed_save_is_tried_again_after_a_while_and_a_conflict_waits_for_the_user() {
        let mut autosave = Autosave::default();
        let t0 = Instant::now();
        autosave.changed(t0);
        let generation = autosave.start_draft_save();
        autosave.finished(&outcome(generation, SaveResult::Failed("disk full".into())), t0);
        assert_eq!(autosave.next_due(false), Some(t0 + RETRY_AFTER));
        let generation = autosave.start_draft_save();
        autosave.finished(&outcome(generation, SaveResult::Conflict), t0);
        assert_eq!(autosave.next_due(false), None);
    }
}
