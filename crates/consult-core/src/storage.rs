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

/// Who may read a newly created file. Existing files keep their permissions, except that
/// [`NewFileMode::NoMoreOpenThan`] narrows them too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFileMode {
    /// Drafts hold unpublished positions: owner only.
    Private,
    /// Exports are meant to be shared: the usual permissions.
    Shared,
    /// Made from a file that may be confidential: the usual permissions, but no group or
    /// other reader the source does not have.
    NoMoreOpenThan(SourceMode),
}

/// Who may read a source file: its permission bits on Unix; nothing is narrowed elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceMode {
    #[cfg(unix)]
    bits: u32,
}

impl SourceMode {
    /// A source anyone may read (a built-in question set, say): nothing is narrowed.
    pub const OPEN: SourceMode = SourceMode {
        #[cfg(unix)]
        bits: 0o777,
    };

    /// The permissions of the file at `path` (a symlink's target); `OPEN` when it cannot be
    /// read, since then there is nothing to keep private.
    pub fn of(path: &Path) -> SourceMode {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            match fs::metadata(path) {
                Ok(meta) => SourceMode {
                    bits: meta.permissions().mode() & 0o777,
                },
                Err(_) => SourceMode::OPEN,
            }
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            SourceMode::OPEN
        }
    }

    /// The permissions in `meta`, from a file already opened: no second look at its path.
    pub fn of_metadata(meta: &fs::Metadata) -> SourceMode {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            SourceMode {
                bits: meta.permissions().mode() & 0o777,
            }
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            SourceMode::OPEN
        }
    }

    /// Readable only by whom both may be read by: a document made of several files.
    pub fn narrowest(self, other: SourceMode) -> SourceMode {
        #[cfg(unix)]
        {
            SourceMode {
                bits: self.bits & other.bits,
            }
        }
        #[cfg(not(unix))]
        {
            let _ = other;
            self
        }
    }

    /// `mode` with the group and other bits the source lacks taken away; the owner's stay.
    #[cfg(unix)]
    pub fn narrow(self, mode: u32) -> u32 {
        mode & (0o7700 | (self.bits & 0o077))
    }
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
    remove_stale_temporaries(&target);
    let mut options = atomic_write_file::OpenOptions::new();
    #[cfg(unix)]
    if mode == NewFileMode::Private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(&target)?;
    // Narrowed before a byte is written, so the content is never more open than its source.
    #[cfg(unix)]
    if let NewFileMode::NoMoreOpenThan(source) = mode {
        use std::os::unix::fs::PermissionsExt;
        let current = file.as_file().metadata()?.permissions().mode();
        if source.narrow(current) != current {
            file.as_file()
                .set_permissions(fs::Permissions::from_mode(source.narrow(current)))?;
        }
    }
    {
        let mut buffered = io::BufWriter::new(&mut file);
        write(&mut buffered)?;
        buffered.flush()?;
    }
    file.commit()
}

/// How long a named temporary file may sit before it counts as left by a killed writer.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes what a writer killed mid-write left beside `target`: hidden `.NAME.XXXXXX`
/// temporary files older than [`STALE_TEMPORARY`] (a live writer's is younger). On Linux
/// the temporary file has no name at all, so this finds only those of other platforms or
/// file systems without unnamed files.
fn remove_stale_temporaries(target: &Path) {
    let (Some(name), Some(dir)) = (target.file_name().and_then(|n| n.to_str()), target.parent()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(candidate) = file_name.to_str() else {
            continue;
        };
        if !is_temporary_of(candidate, name) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(|meta| meta.is_file())
            .and_then(|meta| meta.modified().ok())
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMPORARY);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether `candidate` is the atomic write's temporary name for `name`: `.NAME.` and six
/// letters or digits.
fn is_temporary_of(candidate: &str, name: &str) -> bool {
    candidate
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name))
        .and_then(|rest| rest.strip_prefix('.'))
        .is_some_and(|suffix| suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The file a path finally names, following symlinks even when the target does not exist yet.
pub fn resolve_link(path: &Path) -> io::Result<PathBuf> {
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
    numbered(&dir.join(name), |candidate, _| !candidate.exists())
}

/// `first`, or the first of `name-2.ext`, `name-3.ext`… beside it that `usable` accepts
/// (told whether it is `first` itself): the one numbering every "a name of its own" uses.
pub fn numbered(first: &Path, mut usable: impl FnMut(&Path, bool) -> bool) -> PathBuf {
    if usable(first, true) {
        return first.to_path_buf();
    }
    let stem = first
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let extension = first
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2..)
        .map(|n| first.with_file_name(format!("{stem}-{n}{extension}")))
        .find(|candidate| usable(candidate, false))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_of_its_own_is_numbered_before_the_extension_and_asks_about_each_candidate() {
        let mut asked = Vec::new();
        let chosen = numbered(Path::new("drafts/reply.json"), |candidate, first| {
            asked.push((candidate.to_path_buf(), first));
            candidate.ends_with("reply-3.json")
        });
        assert_eq!(chosen, Path::new("drafts/reply-3.json"));
        assert_eq!(
            asked,
            [
                (PathBuf::from("drafts/reply.json"), true),
                (PathBuf::from("drafts/reply-2.json"), false),
                (PathBuf::from("drafts/reply-3.json"), false),
            ]
        );
        let bare = numbered(Path::new("notes"), |candidate, first| {
            !first && candidate.ends_with("notes-2")
        });
        assert_eq!(bare, Path::new("notes-2"));
    }

    #[test]
    fn only_the_atomic_writes_own_temporary_names_are_recognised() {
        assert!(is_temporary_of(".out.docx.a1B2c3", "out.docx"));
        assert!(!is_temporary_of(".out.docx.a1B2c", "out.docx"));
        assert!(!is_temporary_of(".out.docx.a1B2c3d", "out.docx"));
        assert!(!is_temporary_of(".out.docx.a1-2c3", "out.docx"));
        assert!(!is_temporary_of(".other.docx.a1B2c3", "out.docx"));
        assert!(!is_temporary_of("out.docx.a1B2c3", "out.docx"));
    }

    #[test]
    fn a_temporary_file_left_by_a_killed_writer_goes_on_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".out.md.Ab12Cd");
        let young = dir.path().join(".out.md.Zz99Yy");
        let unrelated = dir.path().join(".notes.md.Ab12Cd");
        for path in [&old, &young, &unrelated] {
            fs::write(path, "partial").unwrap();
        }
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for path in [&old, &unrelated] {
            fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        write_atomic(&dir.path().join("out.md"), b"whole", NewFileMode::Shared).unwrap();
        assert!(!old.exists(), "the stale temporary file is removed");
        assert!(young.exists(), "a live writer's temporary file is left alone");
        assert!(unrelated.exists(), "another file's temporary file is left alone");
        assert_eq!(fs::read(dir.path().join("out.md")).unwrap(), b"whole");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_temporary_file_has_no_name_while_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        write_atomic_with(&dir.path().join("out.md"), NewFileMode::Shared, |out| {
            let names: Vec<_> = fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .map(|e| e.file_name())
                .collect();
            assert!(names.is_empty(), "nothing named is there mid-write: {names:?}");
            out.write_all(b"x")
        })
        .unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_copy_of_a_private_file_is_private_and_a_group_readable_one_stays_so() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode_of = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // (the draft's mode, the export file's mode before, group and other bits expected)
        for (source_bits, existing, expected) in [
            (0o600, None, 0o000),
            (0o640, None, 0o040),
            (0o600, Some(0o644), 0o000),
            (0o644, Some(0o600), 0o000),
            (0o640, Some(0o666), 0o040),
        ] {
            let source = dir.path().join("draft.json");
            fs::write(&source, "{}").unwrap();
            fs::set_permissions(&source, fs::Permissions::from_mode(source_bits)).unwrap();
            let out = dir.path().join("export.md");
            let _ = fs::remove_file(&out);
            if let Some(bits) = existing {
                fs::write(&out, "old").unwrap();
                fs::set_permissions(&out, fs::Permissions::from_mode(bits)).unwrap();
            }
            write_atomic(&out, b"new", NewFileMode::NoMoreOpenThan(SourceMode::of(&source))).unwrap();
            assert_eq!(
                mode_of(&out) & 0o077,
                expected,
                "source {source_bits:o}, existing {existing:?}: export is {:o}",
                mode_of(&out)
            );
            assert_eq!(fs::read(&out).unwrap(), b"new");
        }
    }
}
