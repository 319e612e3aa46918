//! The advisory lock that keeps a draft open in one consult at a time.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use super::identity::DraftId;

/// Proof that this process has a draft open for writing. Released when dropped, and
/// by the operating system if the process dies, so a lock never outlives a crash.
#[derive(Debug)]
pub struct DraftLock {
    _files: Vec<fs::File>,
}

#[derive(Debug)]
pub enum LockError {
    /// Another running consult has the draft open.
    Held {
        pid: Option<u32>,
    },
    Io(io::Error),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held { pid: Some(pid) } => write!(
                f,
                "This draft is open in another consult (process {pid}); close it there first"
            ),
            LockError::Held { pid: None } => {
                write!(f, "This draft is open in another consult; close it there first")
            }
            LockError::Io(e) => write!(f, "Cannot lock the draft ({e})"),
        }
    }
}

/// Takes every lock that guards `id` (kept in `locks`, never beside the draft), or says
/// which process holds one. A draft is guarded by its path and, where files are numbered,
/// by the file itself, so neither another spelling nor a hard link can open it twice.
pub fn lock(locks: &Path, id: &DraftId) -> Result<DraftLock, LockError> {
    fs::create_dir_all(locks).map_err(LockError::Io)?;
    let files = id
        .lock_names()
        .iter()
        .map(|name| lock_one(&locks.join(name)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DraftLock { _files: files })
}

fn lock_one(path: &Path) -> Result<fs::File, LockError> {
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(LockError::Io)?;
    match file.try_lock() {
        Ok(()) => {
            // Say who holds it, for the message another instance shows.
            let _ = file.set_len(0);
            let _ = write!(file, "{}", std::process::id());
            Ok(file)
        }
        Err(fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            Err(LockError::Held {
                pid: text.trim().parse().ok(),
            })
        }
        Err(fs::TryLockError::Error(e)) => Err(LockError::Io(e)),
    }
}

/// Whether another process has the draft `id` open right now.
pub fn is_locked_elsewhere(locks: &Path, id: &DraftId) -> bool {
    matches!(lock(locks, id), Err(LockError::Held { .. }))
}
