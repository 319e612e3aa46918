//! Where a document named by `--out` (or the app's export dialog) goes. Every writer goes
//! through here: a regular file is replaced whole by the atomic write; a pipe or a
//! character device (`/dev/stdout`, a named pipe a script reads) is written into as a
//! stream; `-` is standard output; anything else (a folder, a block device, a socket) is
//! refused, so no node is ever replaced by an ordinary file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::storage::{self, NewFileMode};

/// Where a document goes, checked before anything is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `-`: the standard output the caller has.
    Stdout,
    /// A pipe or a character device, written into as it is, never replaced.
    Stream(PathBuf),
    /// A regular file (or none yet), replaced whole. A symlink's target is replaced, the
    /// link kept.
    File(PathBuf),
}

impl Target {
    /// Whether the document goes into a file the user will find (and be told about).
    pub fn is_file(&self) -> bool {
        matches!(self, Target::File(_))
    }
}

/// Why a path cannot take a document: shown as the path followed by `why`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub path: PathBuf,
    pub why: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = crate::text::visible_line(&self.path.display().to_string()).into_owned();
        write!(f, "{path} {}", self.why)
    }
}

/// What `path` is to a writer. An existing regular file is replaced only with `force`
/// (a read-only one says so); a symlink counts as existing, and what it finally points at
/// decides the rest.
pub fn target(path: &Path, force: bool) -> Result<Target, Refused> {
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    let refused = |why: String| Refused {
        path: path.to_path_buf(),
        why,
    };
    let link = match fs::symlink_metadata(path) {
        Ok(meta) => meta.file_type().is_symlink(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::File(path.to_path_buf())),
        Err(e) => return Err(refused(format!("cannot be looked at: {e}"))),
    };
    let resolved = storage::resolve_link(path).map_err(|e| refused(format!("cannot be followed: {e}")))?;
    let meta = match fs::metadata(&resolved) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound && force => return Ok(Target::File(resolved)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(refused(format!(
                "is a link to {}, which does not exist; pass --force to write there",
                resolved.display()
            )));
        }
        Err(e) => return Err(refused(format!("cannot be looked at: {e}"))),
    };
    let kind = meta.file_type();
    if kind.is_file() {
        if force {
            return Ok(Target::File(resolved));
        }
        let what = if meta.permissions().readonly() {
            "is read-only"
        } else if link {
            "is a link to a file that already exists"
        } else {
            "already exists"
        };
        return Err(refused(format!("{what}; pass --force to overwrite it")));
    }
    if is_stream(&kind) {
        return Ok(Target::Stream(resolved));
    }
    Err(refused(format!(
        "is {}; consult writes only to a regular file, a pipe or a character device such as /dev/stdout",
        describe(&kind)
    )))
}

/// Writes what `write` makes to `target`: to `stdout` for [`Target::Stdout`], into the
/// stream as it is, or through the atomic write with `mode` (its folder made if need be).
pub fn write(
    target: &Target,
    mode: NewFileMode,
    stdout: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match target {
        Target::Stdout => {
            let mut out = io::BufWriter::new(stdout);
            write(&mut out)?;
            out.flush()
        }
        Target::Stream(path) => {
            // Neither created nor truncated: a device or a pipe is written into, never made.
            let file = fs::OpenOptions::new().write(true).open(path)?;
            // Whatever sits at the path now (it could have been swapped since the check)
            // must still be a stream: a regular file is never written into in place.
            if !is_stream(&file.metadata()?.file_type()) {
                return Err(io::Error::other("is no longer a pipe or a device"));
            }
            let mut out = io::BufWriter::new(file);
            write(&mut out)?;
            out.flush()
        }
        Target::File(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::create_dir_all(parent)?;
            }
            storage::write_atomic_with(path, mode, write)
        }
    }
}

/// [`write`] of bytes already made.
pub fn write_bytes(
    target: &Target,
    mode: NewFileMode,
    stdout: &mut dyn Write,
    bytes: &[u8],
) -> io::Result<()> {
    write(target, mode, stdout, |out| out.write_all(bytes))
}

#[cfg(unix)]
fn is_stream(kind: &fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo() || kind.is_char_device()
}

#[cfg(not(unix))]
fn is_stream(_kind: &fs::FileType) -> bool {
    false
}

fn describe(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_standard_output_and_a_missing_file_is_made() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(target(Path::new("-"), false), Ok(Target::Stdout));
        let new = dir.path().join("new.md");
        assert_eq!(target(&new, false), Ok(Target::File(new.clone())));
        let mut stdout = Vec::new();
        write_bytes(&Target::Stdout, NewFileMode::Shared, &mut stdout, b"text").unwrap();
        assert_eq!(stdout, b"text");
    }

    #[test]
    fn an_existing_file_needs_force_and_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("old.md");
        fs::write(&file, "old").unwrap();
        assert!(target(&file, false).unwrap_err().why.contains("already exists"));
        assert_eq!(target(&file, true), Ok(Target::File(file.clone())));
        let refused = target(dir.path(), true).unwrap_err();
        assert!(refused.why.starts_with("is a folder"), "{refused}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_has_its_target_replaced_and_a_dangling_one_needs_force() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(target(&link, false).unwrap_err().why.contains("link"));
        let to = target(&link, true).unwrap();
        assert_eq!(to, Target::File(real.clone()));
        write_bytes(&to, NewFileMode::Shared, &mut Vec::new(), b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");

        let dangling = dir.path().join("dangling.md");
        std::os::unix::fs::symlink(dir.path().join("nowhere.md"), &dangling).unwrap();
        assert!(
            target(&dangling, false)
                .unwrap_err()
                .why
                .contains("does not exist")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_character_device_is_written_into_never_replaced() {
        let null = Path::new("/dev/null");
        let to = target(null, true).unwrap();
        assert_eq!(to, Target::Stream(null.to_path_buf()));
        write_bytes(&to, NewFileMode::Shared, &mut Vec::new(), b"gone").unwrap();
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata(null).unwrap().file_type().is_char_device());
    }
}
