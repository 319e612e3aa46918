//! The newest state two copies of a draft share, to merge them three-way: the files
//! themselves, what consult saved last, and their saved versions, compared byte for byte.

use std::path::Path;

use super::{DraftId, History};
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::documents::{self, Opened};
use crate::model::QuestionSet;
use crate::storage;
use crate::text::{saved_time, visible_line};

/// A copy's states, newest first: the file as it is, what consult saved to it last, then its
/// saved versions, each with what to call it.
fn states(dirs: &Dirs, path: &Path) -> Vec<(Vec<u8>, String)> {
    let name = visible_line(&path.display().to_string()).into_owned();
    let mut states = Vec::new();
    if let Ok(bytes) = storage::read_bytes(path) {
        states.push((bytes, format!("{name} as it stands")));
    }
    let history = History::for_draft(&dirs.history(), &DraftId::of(path));
    if let Some(bytes) = history.last_saved() {
        states.push((bytes, format!("last save of {name}")));
    }
    let zone = jiff::tz::TimeZone::system();
    for version in history.list() {
        if let Ok(bytes) = history.read(version.number) {
            let when = saved_time(version.saved, &zone);
            states.push((bytes, format!("version of {name} saved {when}")));
        }
    }
    states
}

/// The newest state the copies at `ours` and `theirs` share (the file itself, its last save
/// or a saved version of either, byte for byte), when they share a history and it can still
/// be read, with what to call it.
pub fn common_ancestor(
    dirs: &Dirs,
    ours: &Path,
    theirs: &Path,
    catalog: &Catalog,
    set: Option<&QuestionSet>,
) -> Option<(Opened, String)> {
    let ours = states(dirs, ours);
    let theirs = states(dirs, theirs);
    let split = |states: &[(Vec<u8>, String)]| states.iter().map(|(b, _)| b.clone()).collect::<Vec<_>>();
    crate::merge::common_versions(&split(&ours), &split(&theirs))
        .into_iter()
        .find_map(|i| {
            let (bytes, label) = &ours[i];
            let text = std::str::from_utf8(bytes).ok()?;
            let opened = documents::response_from_text(text, catalog, set).ok()?;
            Some((opened, label.clone()))
        })
}
