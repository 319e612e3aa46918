//! Draft files: the one home for everything consult does to them. A draft has one
//! [identity](DraftId), however its path is spelled, and from it follow its lock, its
//! recovery copy and its history folder. Opening, creating, listing, duplicating,
//! deleting, restoring, keeping a copy, saving and closing all happen here, for the
//! command line and the app alike.

mod ancestor;
pub mod history;
mod identity;
pub mod joint;
mod library;
mod lock;
pub mod recovery;
mod save;
pub mod set_version;
pub mod sync_copies;

use std::path::{Path, PathBuf};

pub use ancestor::common_ancestor;
pub use history::History;
pub use identity::DraftId;
pub use library::{
    DraftSummary, conflict_copies_of, delete, duplicate, find_draft, keep_copy, list, new_draft_path,
    restore, write,
};
pub use lock::{DraftLock, LockError, is_locked_elsewhere, lock};
pub use recovery::Candidate;
pub use save::{ContentDigest, SaveJob, SaveKind, SaveOutcome, SaveResult, digest, perform};

use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::documents;
use crate::error::FileError;
use crate::export;
use crate::model::validate::Problem;
use crate::model::{QuestionSet, Response};
use crate::parse;
use crate::storage;

/// A draft file held open for writing: locked for as long as this lives, with the places
/// its recovery copy and its earlier versions go.
#[derive(Debug)]
pub struct Handle {
    pub id: DraftId,
    /// Where the recovery copy goes.
    pub journal: PathBuf,
    pub history: History,
    _lock: DraftLock,
    /// The file as opened, still to be kept as a version (see [`open_keeping_version_later`]).
    unkept: Option<Vec<u8>>,
}

impl Handle {
    fn new(dirs: &Dirs, path: &Path) -> Result<Handle, String> {
        let id = DraftId::of(path);
        let lock = lock(&dirs.locks(), &id).map_err(|e| format!("{e}: {}", path.display()))?;
        Ok(Handle {
            journal: recovery::path_for(dirs, &id),
            history: History::for_draft(&dirs.history(), &id),
            id,
            _lock: lock,
            unkept: None,
        })
    }

    /// Keeps the state the draft was opened in as one of its versions, if that is still to
    /// do; before any save, so it is always there to go back to.
    pub fn keep_opened_version(&mut self) {
        if let Some(bytes) = self.unkept.take() {
            let _ = self.history.record_now(&bytes, jiff::Timestamp::now());
        }
    }
}

/// A draft opened for writing.
#[derive(Debug)]
pub struct Opened {
    pub path: PathBuf,
    pub handle: Handle,
    pub set: QuestionSet,
    pub response: Response,
    /// What the file held when read, to notice a change made elsewhere.
    pub on_disk: ContentDigest,
    /// Problems that do not stop the draft being used, such as a digest mismatch.
    pub warnings: Vec<Problem>,
}

/// Opens the response file at `path` for editing: locked against a second writer by any
/// path, read once, checked against its question set (`set`, else the one the catalog
/// knows by the id the response names), and the state it was opened in kept as a version.
pub fn open(
    dirs: &Dirs,
    catalog: &Catalog,
    path: &Path,
    set: Option<&QuestionSet>,
) -> Result<Opened, String> {
    let mut opened = open_keeping_version_later(dirs, catalog, path, set)?;
    opened.handle.keep_opened_version();
    Ok(opened)
}

/// [`open`], with the state it was opened in kept as a version only when
/// [`Handle::keep_opened_version`] is called (a save calls it first): the app draws the draft
/// before it writes a copy of a large file. Locked before anything else, as `open`.
pub fn open_keeping_version_later(
    dirs: &Dirs,
    catalog: &Catalog,
    path: &Path,
    set: Option<&QuestionSet>,
) -> Result<Opened, String> {
    let mut handle = Handle::new(dirs, path)?;
    let (content, bytes) = read(catalog, path, set)?;
    let on_disk = digest(&bytes);
    handle.unkept = Some(bytes);
    Ok(Opened {
        path: path.to_path_buf(),
        handle,
        set: content.set,
        response: content.response,
        on_disk,
        warnings: content.warnings,
    })
}

/// Reads a draft file already open (changed elsewhere, say) once: its response, and the
/// digest of the exact bytes read.
pub fn reread(catalog: &Catalog, path: &Path) -> Result<(documents::Opened, ContentDigest), String> {
    read(catalog, path, None).map(|(content, bytes)| (content, digest(&bytes)))
}

/// Read once: the text to open, and the exact bytes to notice changes made elsewhere.
fn read(
    catalog: &Catalog,
    path: &Path,
    set: Option<&QuestionSet>,
) -> Result<(documents::Opened, Vec<u8>), String> {
    let bytes = storage::read_bytes(path).map_err(|e| e.to_string())?;
    let text = parse::decode(&bytes).map_err(|p| FileError::bad(path, vec![p]).to_string())?;
    let content = documents::response_from_text(text, catalog, set)
        .map_err(|problems| FileError::bad(path, problems).to_string())?;
    Ok((content, bytes))
}

/// Starts a new draft of `set` for `organisation` in the drafts folder, under a free name.
pub fn create(dirs: &Dirs, set: &QuestionSet, organisation: &str) -> Result<Opened, String> {
    create_from(dirs, set, Response::new(set, organisation.trim()))
}

/// Starts a joint response to `set` from `organisation` in the drafts folder, with the
/// member responses in `files` (see [`crate::joint::start`]).
pub fn create_joint(
    dirs: &Dirs,
    catalog: &Catalog,
    set: &QuestionSet,
    organisation: &str,
    files: &[PathBuf],
) -> Result<Opened, String> {
    let members =
        joint::read_members(files, &dirs.drafts(), catalog, Some(set)).map_err(|e| e.to_string())?;
    let response = crate::joint::start(set, organisation.trim(), &members, crate::model::response::now())
        .map_err(|e| e.to_string())?;
    let opened = create_from(dirs, set, response)?;
    // Taken from these folders here, by this user: read from them again without asking.
    joint::allow_member_folders(dirs, &opened.handle.id, files.iter().map(PathBuf::as_path));
    Ok(opened)
}

/// Writes `response` as a new draft in the drafts folder, under a free name, and opens it.
fn create_from(dirs: &Dirs, set: &QuestionSet, response: Response) -> Result<Opened, String> {
    let path = new_draft_path(&dirs.drafts(), &response)
        .map_err(|e| format!("Could not create a draft in {}: {e}", dirs.drafts().display()))?;
    let bytes = export::json::render(&response);
    storage::write_atomic(&path, bytes.as_bytes(), storage::NewFileMode::Private)
        .map_err(|e| format!("Could not create {}: {e}", path.display()))?;
    let handle = Handle::new(dirs, &path)?;
    let _ = handle
        .history
        .record_now(bytes.as_bytes(), jiff::Timestamp::now());
    Ok(Opened {
        path,
        handle,
        set: set.clone(),
        response,
        on_disk: digest(bytes.as_bytes()),
        warnings: Vec::new(),
    })
}

/// Writes `response` (read from the draft file `draft`) exported as `format` to `path`
/// (its folder made if need be; a pipe or a device written into, anything else but a
/// regular file refused), never more readable than the draft: a private draft's export is
/// private. A response with unresolved merge conflicts is refused, and the error says where
/// they are. The user has already agreed to replace an existing file.
pub fn export(
    response: &Response,
    set: &QuestionSet,
    format: export::Format,
    (draft, path): (&Path, &Path),
    options: &export::Options,
) -> std::io::Result<()> {
    if let Some(why) = export::unresolved(response, set) {
        return Err(std::io::Error::other(why));
    }
    let target = out_target(path)?;
    let document = export::render(format, response, set, options);
    let mode = storage::NewFileMode::NoMoreOpenThan(storage::SourceMode::of(draft));
    crate::out::write_bytes(&target, mode, &mut std::io::sink(), &document)
}

/// What a Word copy for review of the draft at `draft`, made from `bytes` (the draft file
/// as saved), records of where it came from. The bytes are kept in the draft's history
/// first, so that when the review comes back [`review_copy_version`] finds what the
/// reviewer was sent.
pub fn review_source(dirs: &Dirs, draft: &Path, bytes: &[u8]) -> std::io::Result<export::ReviewSource> {
    let history = History::for_draft(&dirs.history(), &DraftId::of(draft));
    let version = history.keep_reviewed(bytes).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!(
                "could not keep the version the review copy is made from in {}: {e}",
                history.dir().display()
            ),
        )
    })?;
    let draft = draft.file_name().map_or_else(
        || draft.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(export::ReviewSource { version, draft })
}

/// The content of the draft at `draft` that a review copy recording `version` (its
/// `consult.version` property) was made from: the draft as it stands, or as its history
/// keeps it. `None` when neither has it any more.
pub fn review_copy_version(dirs: &Dirs, draft: &Path, version: &str) -> Option<Vec<u8>> {
    storage::read_bytes(draft)
        .ok()
        .filter(|bytes| crate::model::sha256(bytes) == version)
        .or_else(|| History::for_draft(&dirs.history(), &DraftId::of(draft)).find(version))
}

/// Writes a Word copy for review of the draft at `draft` to `path`, as [`export`] writes
/// any export, made from the draft's file as saved. `saved` is the digest of what the
/// caller last read or saved there: if the file holds anything else, someone changed it
/// since, and nothing is written. `options.review` is filled in here.
pub fn export_review_copy(
    dirs: &Dirs,
    (draft, path): (&Path, &Path),
    set: &QuestionSet,
    saved: Option<ContentDigest>,
    options: &export::Options,
) -> std::io::Result<()> {
    let bytes = storage::read_bytes(draft).map_err(|e| std::io::Error::other(e.to_string()))?;
    if saved.is_some_and(|saved| saved != digest(&bytes)) {
        return Err(std::io::Error::other(format!(
            "{} was changed elsewhere since consult saved it",
            draft.display()
        )));
    }
    let response = parse::decode(&bytes)
        .and_then(parse::response)
        .map_err(|problem| std::io::Error::other(FileError::bad(draft, vec![problem]).to_string()))?;
    let source = review_source(dirs, draft, &bytes)?;
    let options = export::Options {
        review: Some(&source),
        ..*options
    };
    export(&response, set, export::Format::Docx, (draft, path), &options)
}

/// Where an export the user has agreed to goes; `-` is no standard output in the app.
fn out_target(path: &Path) -> std::io::Result<crate::out::Target> {
    match crate::out::target(path, true) {
        Ok(crate::out::Target::Stdout) => Ok(crate::out::Target::File(path.to_path_buf())),
        Ok(target) => Ok(target),
        Err(refused) => Err(std::io::Error::other(refused.why)),
    }
}

/// Writes `comparison` as `format` to `path` (its folder made if need be), never more
/// readable than the most private response compared. The briefings and the CSV read every
/// organisation's answers again first, each file once.
pub fn export_comparison(
    comparison: &crate::compare::Comparison,
    format: crate::compare::Format,
    path: &Path,
) -> std::io::Result<()> {
    let source = comparison
        .organisations
        .iter()
        .map(|o| o.mode)
        .fold(storage::SourceMode::OPEN, storage::SourceMode::narrowest);
    let target = out_target(path)?;
    crate::out::write(
        &target,
        storage::NewFileMode::NoMoreOpenThan(source),
        &mut std::io::sink(),
        |out| crate::compare::write(format, comparison, None, out),
    )
}

/// The folder the draft `id` was last exported to, as a full path (older versions kept it as typed).
pub fn last_export_folder(dirs: &Dirs, id: &DraftId) -> Option<String> {
    recall(&export_folder_file(dirs, id))
}

/// Remembers where and as what the draft `id` was exported, for both front ends to propose
/// again: the folder of `written` as a full path (so an export from another working folder
/// lands in the same place), and the format's id (`both`: Markdown with JSON beside it).
/// Forgetting is no loss, so a failure to write is not reported.
pub fn remember_export(dirs: &Dirs, id: &DraftId, written: &Path, format: &str) {
    let written = std::path::absolute(written).unwrap_or_else(|_| written.to_path_buf());
    if let Some(folder) = written.parent() {
        remember(&export_folder_file(dirs, id), &folder.display().to_string());
    }
    remember(&export_format_file(dirs, id), format);
}

/// One line kept for a draft in the data folder; `None` when there is none.
fn recall(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.trim_end_matches('\n');
    (!line.is_empty()).then(|| line.to_string())
}

/// Keeps `line` at `path`, quietly: what is remembered is a convenience.
fn remember(path: &Path, line: &str) {
    if let Some(parent) = path.parent()
        && std::fs::create_dir_all(parent).is_ok()
    {
        let _ = storage::write_atomic(
            path,
            format!("{line}\n").as_bytes(),
            storage::NewFileMode::Private,
        );
    }
}

/// The export format last chosen for the draft `id`: a format's id, or `both`.
pub fn last_export_format(dirs: &Dirs, id: &DraftId) -> Option<String> {
    recall(&export_format_file(dirs, id))
}

fn export_format_file(dirs: &Dirs, id: &DraftId) -> PathBuf {
    dirs.data.join("export-formats").join(format!("{}.txt", id.key()))
}

fn export_folder_file(dirs: &Dirs, id: &DraftId) -> PathBuf {
    dirs.data.join("export-folders").join(format!("{}.txt", id.key()))
}

/// Everything of `handle`'s draft is in its file: the recovery copy can go, and how the
/// draft was left is kept as one of the versions to go back to.
pub fn closed(dirs: &Dirs, handle: &Handle, path: &Path) {
    recovery::forget(dirs, &handle.id);
    if let Ok(bytes) = std::fs::read(path) {
        let _ = handle.history.record_now(&bytes, jiff::Timestamp::now());
    }
}

/// Puts `response`, the newest state of the draft at `path`, in its recovery file at once
/// (after a panic, or when the last save failed), and says where the user will find it.
pub fn rescue(dirs: &Dirs, path: &Path, response: &Response) -> String {
    match keep_recovery_copy(dirs, path, response) {
        Ok(kept) => format!(
            "your latest work is kept in {}; the next start of consult offers it back",
            kept.display()
        ),
        Err(e) => format!(
            "could not keep your latest work ({e}); the last autosave is in {}",
            path.display()
        ),
    }
}

/// Writes `response`, the newest state of the draft at `path`, to its recovery file now
/// (before handing the terminal to another program, say); returns where it went.
pub fn keep_recovery_copy(dirs: &Dirs, path: &Path, response: &Response) -> std::io::Result<PathBuf> {
    recovery::write_now(dirs, path, response)
}

/// Unsaved work found from sessions that ended before saving, leaving out drafts that
/// another running consult has open (their recovery copy is live, not lost); and the
/// recovery files that could not be read.
pub fn unsaved_work(dirs: &Dirs, catalog: &Catalog) -> (Vec<Candidate>, Vec<String>) {
    let scan = recovery::scan(dirs, catalog);
    let candidates = scan
        .candidates
        .into_iter()
        .filter(|c| !is_locked_elsewhere(&dirs.locks(), &DraftId::of(&c.draft)))
        .collect();
    (candidates, scan.unreadable)
}

/// The unsaved work of one draft, if an earlier session left any.
pub fn unsaved_work_of(dirs: &Dirs, id: &DraftId, catalog: &Catalog) -> Option<Candidate> {
    recovery::candidate_for(dirs, id, catalog)
}

/// Puts recovered work into the draft file it belongs to; the recovery file goes.
pub fn recover_into_file(candidate: &Candidate) -> std::io::Result<()> {
    write(&candidate.draft, &candidate.recovered)?;
    std::fs::remove_file(&candidate.source)
}

/// Moves a recovery file the user chose not to use out of the way, keeping it.
pub fn set_aside(dirs: &Dirs, candidate: &Candidate) -> std::io::Result<PathBuf> {
    recovery::set_aside(dirs, &candidate.source)
}

/// Removes a leftover temporary file whose work is now in an open draft.
pub fn discard_leftover(candidate: &Candidate) {
    let _ = std::fs::remove_file(&candidate.source);
}

/// A sync tool's conflict copy merged with the open draft's content.
#[derive(Debug)]
pub struct MergedCopy {
    pub response: Response,
    /// Whether a common saved version was found to merge against; without one, every
    /// difference is a conflict to settle.
    pub three_way: bool,
}

/// Merges the conflict copy at `copy` into `ours`, the content of the draft at `draft` as
/// it is on screen: three-way against the newest state the two share (see
/// [`common_ancestor`]), else two-way. A copy of another consultation or organisation, or
/// one with unsettled conflicts, is refused. Nothing is written.
pub fn merge_conflict_copy(
    dirs: &Dirs,
    catalog: &Catalog,
    (draft, ours): (&Path, &Response),
    set: &QuestionSet,
    copy: &Path,
) -> Result<MergedCopy, String> {
    let theirs = documents::open_response(copy, catalog, Some(set)).map_err(|e| e.to_string())?;
    if let Some(refusal) = crate::merge::refusal(None, ours, &theirs.response, false) {
        return Err(format!("the copy cannot be merged in: {}", refusal.describe()));
    }
    let base = common_ancestor(dirs, draft, copy, catalog, Some(set));
    let response = crate::merge::merge(
        base.as_ref().map(|(b, _)| &b.response),
        ours,
        &theirs.response,
        set,
    );
    Ok(MergedCopy {
        response,
        three_way: base.is_some(),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn a_draft(dir: &Path) -> (Dirs, Catalog, PathBuf) {
        let dirs = Dirs {
            data: dir.join("data"),
            config: dir.join("config"),
        };
        let catalog = Catalog::built_in();
        let set = catalog.entries[0].set.clone();
        let path = dir.join("draft.json");
        let text = export::json::render(&Response::new(&set, "Example Trust"));
        std::fs::write(&path, text).unwrap();
        (dirs, catalog, path)
    }

    #[test]
    fn a_draft_opened_to_draw_first_is_kept_once_its_frame_is_drawn() {
        let dir = tempfile::tempdir().unwrap();
        let (dirs, catalog, path) = a_draft(dir.path());
        let mut opened = open_keeping_version_later(&dirs, &catalog, &path, None).unwrap();
        assert_eq!(opened.handle.history.count(), 0);
        opened.handle.keep_opened_version();
        assert_eq!(opened.handle.history.count(), 1);
        assert_eq!(
            opened.handle.history.read(1).unwrap(),
            std::fs::read(&path).unwrap()
        );
        // Kept once, however often asked.
        opened.handle.keep_opened_version();
        assert_eq!(opened.handle.history.count(), 1);
    }
}
