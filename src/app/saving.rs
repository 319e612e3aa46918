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
        if self.can_save() {
            let ready = match &self.failure {
                Some((_, failed_at)) => now.duration_since(*failed_at) >= RETRY_AFTER,
                None => {
                    let idle = self
                        .last_change
                        .is_some_and(|t| now.duration_since(t) >= SAVE_AFTER_IDLE);
                    let overdue = self
                        .first_unsaved
                        .is_some_and(|t| now.duration_since(t) >= SAVE_AT_LEAST_EVERY);
                    idle || overdue
                }
            };
            if ready {
                return Due::Draft;
            }
        }
        let journal_stale = self.generation > self.journaled_generation.max(self.saved_generation);
        let journal_time = self
            .last_journal
            .is_none_or(|t| now.duration_since(t) >= JOURNAL_EVERY);
        if journal_stale && journal_time {
            Due::Journal
        } else {
            Due::Nothing
        }
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
