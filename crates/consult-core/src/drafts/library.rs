//! The drafts kept in the data folder: listing, naming, duplicating, keeping a copy,
//! deleting (to the trash) and restoring.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::sync_copies::{ConflictCopy, SyncTool, conflict_copy};
use crate::catalog::Catalog;
use crate::documents;
use crate::export::{self, Format};
use crate::model::{Response, ResponseStatus};
use crate::storage::{self, NewFileMode, free_name};
use std::collections::HashSet;

/// One line of the drafts list.
#[derive(Debug, Clone)]
pub struct DraftSummary {
    pub path: PathBuf,
    pub organisation: String,
    /// The question set's id, as `consult questions` shows it.
    pub set_id: String,
    pub consultation: String,
    pub answered: usize,
    pub total: usize,
    pub status: ResponseStatus,
    pub updated: Timestamp,
    /// When this file is a sync tool's conflict copy of another draft in the folder.
    pub conflict_copy: Option<ConflictCopy>,
}

/// The response files in `dir`, newest first, and a message for each that could not be read.
pub fn list(dir: &Path, catalog: &Catalog) -> (Vec<DraftSummary>, Vec<String>) {
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return (drafts, problems);
    };
    let paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    let names = names_in(&paths);
    for path in paths {
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let conflict_copy = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|name| conflict_copy(name, |n| names.contains(n)));
        match documents::open_response(&path, catalog, None) {
            Ok(opened) => drafts.push(DraftSummary {
                organisation: opened.response.respondent.organisation.clone(),
                set_id: opened.set.id.clone(),
                consultation: opened.set.title.clone(),
                answered: opened.response.answered_count(&opened.set),
                total: opened.set.item_count(),
                status: opened.response.status,
                updated: opened.response.updated,
                conflict_copy,
                path,
            }),
            Err(e) => problems.push(e.to_string()),
        }
    }
    drafts.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.path.cmp(&b.path)));
    (drafts, problems)
}

/// The file names among `paths`.
fn names_in(paths: &[PathBuf]) -> HashSet<String> {
    paths
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
        .collect()
}

/// The sync tools' conflict copies of the draft at `draft` that sit beside it, by name.
pub fn conflict_copies_of(draft: &Path) -> Vec<(PathBuf, SyncTool)> {
    let (Some(dir), Some(name)) = (draft.parent(), draft.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut copies: Vec<(PathBuf, SyncTool)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let candidate = e.file_name().into_string().ok()?;
            let copy = conflict_copy(&candidate, |n| n == name)?;
            Some((dir.join(candidate), copy.tool))
        })
        .collect();
    copies.sort();
    copies
}

/// The draft in `dir` that `name` means: a file name as `consult list` shows it, with or
/// without `.json`. Only a bare name is looked up: a path with a folder in it means that path.
pub fn find_draft(dir: &Path, name: &Path) -> Option<PathBuf> {
    let mut parts = name.components();
    let (Some(std::path::Component::Normal(file)), None) = (parts.next(), parts.next()) else {
        return None;
    };
    let mut with_json = file.to_os_string();
    with_json.push(".json");
    [dir.join(file), dir.join(with_json)]
        .into_iter()
        .find(|path| path.is_file())
}

/// A file name in `dir` for a new draft of `response` that does not clash with an
/// existing one: `<organisation>-<set>.json`, else `…-2.json` and so on. Creates `dir`.
pub fn new_draft_path(dir: &Path, response: &Response) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let first = export::default_path(dir, response, Format::Json);
    let name = first
        .file_name()
        .map_or_else(|| "response.json".into(), |n| n.to_string_lossy().into_owned());
    Ok(free_name(dir, &name))
}

/// Writes `response` as a draft file at `path`, readable by its owner only.
pub fn write(path: &Path, response: &Response) -> io::Result<()> {
    let bytes = export::json::render(response);
    storage::write_atomic(path, bytes.as_bytes(), NewFileMode::Private)
}

/// Keeps `response` as a separate draft in `dir`, named after `original` with `suffix`
/// (`budget-mine.json`, `budget-recovered-2.json`…). Returns where it went.
pub fn keep_copy(dir: &Path, original: &Path, suffix: &str, response: &Response) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let stem = original
        .file_stem()
        .map_or_else(|| "draft".into(), |s| s.to_string_lossy().into_owned());
    let target = free_name(dir, &format!("{stem}-{suffix}.json"));
    write(&target, response)?;
    Ok(target)
}

/// Copies the draft at `source` byte for byte into `dir` under a free name.
pub fn duplicate(source: &Path, dir: &Path) -> io::Result<PathBuf> {
    let bytes = fs::read(source)?;
    fs::create_dir_all(dir)?;
    let target = free_name(dir, &file_name(source));
    storage::write_atomic(&target, &bytes, NewFileMode::Private)?;
    Ok(target)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "draft.json".into(), |n| n.to_string_lossy().into_owned())
}

/// Moves a draft into the trash folder, from which it can be restored.
pub fn delete(path: &Path, trash: &Path) -> io::Result<PathBuf> {
    move_into(path, trash)
}

/// Moves a draft from the trash back among the drafts.
pub fn restore(path: &Path, drafts: &Path) -> io::Result<PathBuf> {
    move_into(path, drafts)
}

fn move_into(path: &Path, dir: &Path) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let target = free_name(dir, &file_name(path));
    fs::rename(path, &target)?;
    Ok(target)
}
