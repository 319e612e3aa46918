//! The files consult writes, as a test reads them back while consult may still be writing.
//!
//! consult writes every file atomically: the new content goes to a temporary file beside the
//! target, named `.NAME.RANDOM`, which is renamed over the target once complete. So a folder
//! may hold such a file for a moment (or for good, after a kill mid-write), with some or all of
//! the new content, before the real file has it. Tests look at finished files only.

use std::path::{Path, PathBuf};

use super::{dirs, wait};

/// The regular files in `dir`, by name; none if `dir` does not exist.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Whether `path` names an atomic write's temporary file rather than a finished one.
pub fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

/// The finished files in `dir`: those that are not a write's temporary file.
pub fn finished_files(dir: &Path) -> Vec<PathBuf> {
    files_in(dir).into_iter().filter(|p| !is_temporary(p)).collect()
}

/// The one draft file in the drafts folder of consult's folders under `home`.
pub fn only_draft(home: &Path) -> PathBuf {
    let mut drafts = finished_files(&dirs(home).drafts());
    assert_eq!(drafts.len(), 1, "one draft: {drafts:?}");
    drafts.remove(0)
}

/// The text of `path`, or "" if it cannot be read (yet).
fn text_of(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Waits until the file at `path` holds `text`. The file at a path is only ever replaced
/// whole, so what it holds is a finished write.
pub fn wait_for_text(path: &Path, text: &str) {
    wait::until(
        || text_of(path).contains(text).then_some(()),
        || {
            format!(
                "{} never held {text:?}; it holds:\n{}",
                path.display(),
                text_of(path)
            )
        },
    );
}

/// Waits until a finished file in `dir` holds `text`, and returns it.
pub fn wait_for_finished_file_with(dir: &Path, text: &str) -> PathBuf {
    wait::until(
        || {
            finished_files(dir)
                .into_iter()
                .find(|path| text_of(path).contains(text))
        },
        || {
            format!(
                "no finished file in {} held {text:?}: {:?}",
                dir.display(),
                files_in(dir)
            )
        },
    )
}

/// A file's permission bits.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}
