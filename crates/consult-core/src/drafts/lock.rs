//! The advisory lock that keeps a draft open in one consult at a time.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::identity::DraftId;

/// Proof that this process has a draft open for writing. Released when dropped, and
/// by the operating system if the process dies, so a lock never outlives a crash.
#[derive(Debug)]
pub struct DraftLock {
    held: Vec<Held>,
}

/// One lock file held, and whether it goes when released.
#[derive(Debug)]
struct Held {
    path: PathBuf,
    _file: fs::File,
    /// The lock of the file's number (device and inode): each save puts a new file in place,
    /// so these would pile up, one per session, were they kept.
    passing: bool,
}

impl Drop for DraftLock {
    fn drop(&mut self) {
        for held in &self.held {
            // Removed while still locked; whoever opened it meanwhile finds, once it has the
            // lock, that the name no longer leads to it, and tries again (see `lock_one`).
            if held.passing {
                let _ = fs::remove_file(&held.path);
            }
        }
    }
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
    let names = id.lock_names();
    let held = names
        .iter()
        .enumerate()
        .map(|(n, name)| {
            let path = locks.join(name);
            lock_one(&path).map(|file| Held {
                path,
                _file: file,
                passing: n > 0,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DraftLock { held })
}

/// Locks the file at `path`, made if need be, once the lock is on the file the name leads to.
fn lock_one(path: &Path) -> Result<fs::File, LockError> {
    loop {
        let file = try_lock_one(path)?;
        if names(path, &file) {
            return Ok(file);
        }
        // The holder removed it as it let go: this lock guards nothing; take the new one.
    }
}

/// Whether `path` still leads to `file` (a released lock file may have been removed).
#[cfg(unix)]
fn names(path: &Path, file: &fs::File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(path), file.metadata()) {
        (Ok(named), Ok(held)) => named.dev() == held.dev() && named.ino() == held.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn names(_path: &Path, _file: &fs::File) -> bool {
    true
}

fn try_lock_one(path: &Path) -> Result<fs::File, LockError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_draft_saved_in_many_sessions_keeps_one_lock_file() {
        let dir = tempfile::tempdir().unwrap();
        let locks = dir.path().join("locks");
        let draft = dir.path().join("draft.json");
        for session in 0..5 {
            // Each save puts a new file (a new inode) in place.
            crate::storage::write_atomic(
                &draft,
                format!("{session}").as_bytes(),
                crate::storage::NewFileMode::Private,
            )
            .unwrap();
            let held = lock(&locks, &DraftId::of(&draft)).unwrap();
            assert!(matches!(
                lock(&locks, &DraftId::of(&draft)),
                Err(LockError::Held { .. })
            ));
            drop(held);
        }
        let left: Vec<_> = fs::read_dir(&locks)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_link_is_still_the_same_draft_while_it_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let locks = dir.path().join("locks");
        let draft = dir.path().join("draft.json");
        fs::write(&draft, "{}").unwrap();
        let other_name = dir.path().join("other-name.json");
        fs::hard_link(&draft, &other_name).unwrap();
        let held = lock(&locks, &DraftId::of(&draft)).unwrap();
        assert!(matches!(
            lock(&locks, &DraftId::of(&other_name)),
            Err(LockError::Held { .. })
        ));
        drop(held);
        let again = lock(&locks, &DraftId::of(&other_name)).unwrap();
        assert!(matches!(
            lock(&locks, &DraftId::of(&draft)),
            Err(LockError::Held { .. })
        ));
        drop(again);
    }
}
