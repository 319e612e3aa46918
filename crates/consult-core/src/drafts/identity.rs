//! Which draft a path names. However a file is spelled (relative, absolute, with `..`,
//! through a symlink, or on Unix through a hard link), it is one draft, with one lock,
//! one recovery copy and one history folder.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::text;

/// A draft's identity: its canonical path, and on Unix the device and inode it had
/// when it was looked at, so a second name for the same file is the same draft.
#[derive(Debug, Clone)]
pub struct DraftId {
    canonical: PathBuf,
    /// `(device, inode)`, where the platform has them and the file exists.
    file: Option<(u64, u64)>,
}

impl DraftId {
    /// The identity of the draft at `path`, which need not exist yet.
    pub fn of(path: &Path) -> DraftId {
        let canonical = canonical(path);
        let file = fs::metadata(&canonical).ok().and_then(|meta| file_number(&meta));
        DraftId { canonical, file }
    }

    /// The absolute path with links resolved, as far as what exists allows.
    pub fn canonical(&self) -> &Path {
        &self.canonical
    }

    /// Whether `self` and `other` are the same draft: the same canonical path, or the
    /// same file on disk under two names.
    pub fn is(&self, other: &DraftId) -> bool {
        self.canonical == other.canonical || (self.file.is_some() && self.file == other.file)
    }

    /// `<stem>-<hash>`: readable, file-name safe, and unique to the canonical path. The
    /// recovery copy and the history folder are named by it.
    pub fn key(&self) -> String {
        let stem = self
            .canonical
            .file_stem()
            .map(|s| text::slug(&s.to_string_lossy()))
            .unwrap_or_else(|| "draft".to_string());
        format!("{stem}-{}", self.hash())
    }

    /// The part of [`DraftId::key`] that identifies the path; the readable stem is only a help.
    pub fn hash(&self) -> String {
        let digest = Sha256::digest(self.canonical.as_os_str().as_encoded_bytes());
        digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
    }

    /// Names of the lock files that together guard this draft: one for its path, and
    /// one for the file itself where the platform numbers files.
    pub fn lock_names(&self) -> Vec<String> {
        let mut names = vec![format!("{}.lock", self.key())];
        if let Some((device, inode)) = self.file {
            names.push(format!("file-{device:x}-{inode:x}.lock"));
        }
        names
    }
}

#[cfg(unix)]
fn file_number(meta: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

/// Elsewhere the canonical path alone identifies a draft.
#[cfg(not(unix))]
fn file_number(_meta: &fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// `path` made absolute with links resolved: a draft not saved yet is named by its
/// resolved folder and its file name.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(resolved) = fs::canonicalize(path) {
        return resolved;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => fs::canonicalize(parent).map(|p| p.join(name)).unwrap_or(absolute),
        _ => absolute,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_path_is_one_draft() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("draft.json");
        fs::write(&draft, "{}").unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let id = DraftId::of(&draft);
        let dotted = DraftId::of(&dir.path().join("sub/../draft.json"));
        assert!(id.is(&dotted));
        assert_eq!(id.key(), dotted.key());
        let other = DraftId::of(&dir.path().join("other.json"));
        assert!(!id.is(&other));
        assert_ne!(id.key(), other.key());
    }

    #[test]
    fn a_draft_not_saved_yet_has_a_stable_identity() {
        let dir = tempfile::tempdir().unwrap();
        let before = DraftId::of(&dir.path().join("new.json"));
        fs::write(dir.path().join("new.json"), "{}").unwrap();
        let after = DraftId::of(&dir.path().join("new.json"));
        assert!(before.is(&after));
        assert_eq!(before.key(), after.key());
        assert!(before.key().starts_with("new-"));
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_link_is_the_same_draft() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("draft.json");
        fs::write(&draft, "{}").unwrap();
        fs::hard_link(&draft, dir.path().join("link.json")).unwrap();
        assert!(DraftId::of(&draft).is(&DraftId::of(&dir.path().join("link.json"))));
    }
}
