//! The drafts kept in the data folder: listing, duplicating, deleting (to the trash) and restoring.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::catalog::Catalog;
use crate::documents;
use crate::model::ResponseStatus;

/// One line of the drafts list.
#[derive(Debug, Clone)]
pub struct DraftSummary {
    pub path: PathBuf,
    pub organisation: String,
    pub consultation: String,
    pub answered: usize,
    pub total: usize,
    pub status: ResponseStatus,
    pub updated: Timestamp,
}

/// The response files in `dir`, newest first, and a message for each that could not be read.
pub fn list(dir: &Path, catalog: &Catalog) -> (Vec<DraftSummary>, Vec<String>) {
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return (drafts, problems);
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        match documents::open_response(&path, catalog, None) {
            Ok(opened) => drafts.push(DraftSummary {
                organisation: opened.response.respondent.organisation.clone(),
                consultation: opened.set.title.clone(),
                answered: opened.response.answered_count(&opened.set),
                total: opened.set.item_count(),
                status: opened.response.status,
                updated: opened.response.updated,
                path,
            }),
            Err(e) => problems.push(e.to_string()),
        }
    }
    drafts.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.path.cmp(&b.path)));
    (drafts, problems)
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

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "draft.json".into(), |n| n.to_string_lossy().into_owned())
}

/// Moves a draft into the trash folder, from which it can be restored.
pub fn delete(path: &Path, trash: &Path) -> io::Result<PathBuf> {
    fs::create_dir_all(trash)?;
    let target = free_name(trash, &file_name(path));
    fs::rename(path, &target)?;
    Ok(target)
}

/// Moves a draft from the trash back among the drafts.
pub fn restore(path: &Path, drafts: &Path) -> io::Result<PathBuf> {
    fs::create_dir_all(drafts)?;
    let target = free_name(drafts, &file_name(path));
    fs::rename(path, &target)?;
    Ok(target)
}
