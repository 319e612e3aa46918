//! Where files live, reading them with clear errors, and the one atomic write path.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::FileError;
use crate::model::validate::{Location, Problem};
use crate::parse::{self, MAX_FILE_BYTES};

/// The folders consult keeps its files in.
#[derive(Debug, Clone)]
pub struct Dirs {
    /// Drafts and their history.
    pub data: PathBuf,
    /// Settings and the user's own question sets.
    pub config: PathBuf,
}

impl Dirs {
    /// The platform's usual places, unless `CONSULT_DATA_DIR` / `CONSULT_CONFIG_DIR` say otherwise
    /// (tests and portable installs use those).
    pub fn locate() -> Dirs {
        let project = directories::ProjectDirs::from("", "", "consult");
        let pick = |var: &str, default: Option<&Path>| {
            std::env::var_os(var)
                .map(PathBuf::from)
                .or_else(|| default.map(Path::to_path_buf))
                .unwrap_or_else(|| PathBuf::from(".consult"))
        };
        Dirs {
            data: pick("CONSULT_DATA_DIR", project.as_ref().map(|p| p.data_dir())),
            config: pick("CONSULT_CONFIG_DIR", project.as_ref().map(|p| p.config_dir())),
        }
    }

    pub fn drafts(&self) -> PathBuf {
        self.data.join("drafts")
    }

    /// Deleted drafts, kept so they can be restored.
    pub fn trash(&self) -> PathBuf {
        self.data.join("trash")
    }

    /// The user's own question sets.
    pub fn question_sets(&self) -> PathBuf {
        self.config.join("questions")
    }
}

/// A file's text, or a message that names the file and what stops it being read.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let bytes = read_bytes(path)?;
    parse::decode(&bytes)
        .map(str::to_owned)
        .map_err(|problem| FileError::bad(path, vec![problem]))
}

/// A file's bytes as they are on disk, with the same checks and messages as [`read_text`]
/// (a folder, a missing file, one over the size limit).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, FileError> {
    let meta = fs::metadata(path).map_err(|e| open_error(path, &e))?;
    if meta.is_dir() {
        return Err(FileError::bad(
            path,
            vec![Problem::error(Location::File, "is a directory, not a file")],
        ));
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        // Refused from its size alone: nothing of it is read.
        return Err(FileError::bad(path, vec![parse::too_large()]));
    }
    let file = fs::File::open(path).map_err(|e| open_error(path, &e))?;
    // Read one byte past the cap so an oversized file is caught without reading all of it.
    let mut bytes = Vec::with_capacity((meta.len() as usize).min(MAX_FILE_BYTES + 1));
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, format!("cannot read: {e}")))?;
    Ok(bytes)
}

fn open_error(path: &Path, error: &io::Error) -> FileError {
    match error.kind() {
        io::ErrorKind::NotFound => {
            let mut e = FileError::io(path, "no such file");
            e.io = false; // naming a file that is not there is a usage mistake
            e
        }
        io::ErrorKind::PermissionDenied => FileError::io(path, "permission denied"),
        _ => FileError::io(path, format!("cannot open: {error}")),
    }
}

/// Who may read a newly created file. Existing files always keep their permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFileMode {
    /// Drafts hold unpublished positions: owner only.
    Private,
    /// Exports are meant to be shared: the usual permissions.
    Shared,
}

/// Replaces `path` with `bytes` so that the file on disk is always either the old
/// or the new version: a temporary file in the same folder is written, synced,
/// renamed over the target, and the folder synced. A symlink keeps pointing at
/// its target, which gets the new text.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: NewFileMode) -> io::Result<()> {
    write_atomic_with(path, mode, |out| out.write_all(bytes))
}

/// [`write_atomic`] for content written piece by piece, so a large document never has
/// to be held in memory whole. Nothing replaces the target unless `write` succeeds.
pub fn write_atomic_with(
    path: &Path,
    mode: NewFileMode,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let target = resolve_link(path)?;
    let mut options = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    if mode == NewFileMode::Private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(&target)?;
    {
        let mut buffered = io::BufWriter::new(&mut file);
        write(&mut buffered)?;
        buffered.flush()?;
    }
    file.commit()
}

/// The file a path finally names, following symlinks even when the target does not exist yet.
fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Proof that this process has a draft open for writing. Released when dropped, and
/// by the operating system if the process dies, so a lock never outlives a crash.
#[derive(Debug)]
pub struct DraftLock {
    _file: fs::File,
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
                "this draft is open in another consult (process {pid}); close it there first"
            ),
            LockError::Held { pid: None } => {
                write!(f, "this draft is open in another consult; close it there first")
            }
            LockError::Io(e) => write!(f, "cannot lock the draft: {e}"),
        }
    }
}

/// The lock file for `draft`, kept in consult's data folder rather than beside the draft.
fn lock_path(data: &Path, draft: &Path) -> PathBuf {
    data.join("locks")
        .join(format!("{}.lock", crate::recovery::key(draft)))
}

/// Takes the advisory lock on `draft`, or says which process holds it.
pub fn lock_draft(data: &Path, draft: &Path) -> Result<DraftLock, LockError> {
    let path = lock_path(data, draft);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(LockError::Io)?;
    }
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(LockError::Io)?;
    match file.try_lock() {
        Ok(()) => {
            // Say who holds it, for the message another instance shows.
            let _ = file.set_len(0);
            let _ = write!(file, "{}", std::process::id());
            Ok(DraftLock { _file: file })
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

/// Whether another process has `draft` open right now.
pub fn is_locked_elsewhere(data: &Path, draft: &Path) -> bool {
    matches!(lock_draft(data, draft), Err(LockError::Held { .. }))
}
