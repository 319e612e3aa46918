//! The save job: one write of a draft file or of its recovery copy, built by the app and
//! run by the background saver, the final save on quit and the tests alike.

use std::path::PathBuf;

use sha2::{Digest as _, Sha256};

use super::history::{self, History};
use crate::export::limits::{Recount, Recounted};
use crate::storage::{NewFileMode, write_atomic};

/// SHA-256 of a file's content: how consult tells a real change on disk from a `touch`.
pub type ContentDigest = [u8; 32];

pub fn digest(bytes: &[u8]) -> ContentDigest {
    Sha256::digest(bytes).into()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveKind {
    /// The draft file. `expected` is what consult believes the file holds now: if the
    /// file holds something else, another program changed it, and it is not overwritten.
    Draft {
        expected: Option<ContentDigest>,
        /// The recovery copy holds nothing newer than this save and can go once it lands.
        journal: Option<PathBuf>,
        /// Where earlier versions are kept; a save adds one now and then.
        history: Option<History>,
    },
    /// The recovery copy.
    Journal,
}

/// One write for the background saver.
#[derive(Debug, Clone)]
pub struct SaveJob {
    pub generation: u64,
    pub kind: SaveKind,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// An answer to count against its limits while saving: reading a long answer as a form
    /// counts it takes long enough to be kept off the thread that draws.
    pub recount: Option<Box<Recount>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveResult {
    Saved(ContentDigest),
    Failed(String),
    /// The draft file was changed by someone else since consult last read or wrote it.
    Conflict,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveOutcome {
    pub generation: u64,
    pub journal: bool,
    pub result: SaveResult,
    /// What the job's [`SaveJob::recount`] found, counted whether or not the write worked.
    pub recounted: Option<Recounted>,
}

/// Runs one save: the single function the background saver, the final save on quit
/// and the tests all use. A draft file changed by someone else is never overwritten.
pub fn perform(job: &SaveJob) -> SaveOutcome {
    let result = match &job.kind {
        SaveKind::Journal => {
            let written = job
                .path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| write_atomic(&job.path, &job.bytes, NewFileMode::Private));
            match written {
                Ok(()) => SaveResult::Saved(digest(&job.bytes)),
                Err(e) => SaveResult::Failed(e.to_string()),
            }
        }
        SaveKind::Draft {
            expected,
            journal,
            history,
        } => {
            let changed_elsewhere = expected.is_some_and(|expected| {
                std::fs::read(&job.path).is_ok_and(|current| digest(&current) != expected)
            });
            if changed_elsewhere {
                SaveResult::Conflict
            } else {
                match write_atomic(&job.path, &job.bytes, NewFileMode::Private) {
                    Ok(()) => {
                        if let Some(journal) = journal {
                            let _ = std::fs::remove_file(journal);
                        }
                        // A version every few minutes; failing to keep one never fails the save.
                        if let Some(history) = history {
                            let _ = history.record(&job.bytes, jiff::Timestamp::now(), history::MIN_GAP);
                        }
                        SaveResult::Saved(digest(&job.bytes))
                    }
                    Err(e) => SaveResult::Failed(e.to_string()),
                }
            }
        }
    };
    SaveOutcome {
        generation: job.generation,
        journal: job.kind == SaveKind::Journal,
        result,
        recounted: job.recount.as_deref().map(Recount::count),
    }
}
