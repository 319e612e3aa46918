//! Reading files with clear errors, the one atomic write path, and free file names.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::FileError;
use crate::model::validate::{Location, Problem};
use crate::parse::{self, MAX_FILE_BYTES};

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

/// A free file name in `dir` for `name`: `name`, else `stem-2.ext`, `stem-3.ext`…
pub fn free_name(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "json"));
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.{ext}")))
        .find(|p| !p.exists())
        .expect("some number is free")
}
