//! Putting other content into an open session: a saved version, the file as changed
//! elsewhere, work recovered after a crash. Each keeps what the user had first, so
//! nothing on screen is ever lost by choosing another content.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::Session;
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::drafts::{self, Candidate, history::Version};
use crate::export;

/// Why a saved version could not be put back; the session is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// No version has that number (there are `count`).
    NoSuchVersion { count: usize },
    /// The version could not be read or is not a response.
    Unreadable(String),
    /// What the session held could not be kept as a version first.
    NotKept(String),
}

/// The file changed elsewhere could not be loaded; the session is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReloadError {
    /// What the session held could not be kept as a separate draft.
    NotKept(String),
    /// The changed file cannot be read; what the session held is kept at `mine`.
    Unreadable { error: String, mine: PathBuf },
}

impl Session {
    /// The saved versions of the draft, newest first (numbered from 1).
    pub fn versions(&self) -> Vec<Version> {
        let set = &self.set;
        self.file
            .as_ref()
            .map(|f| f.history.list_with(|id| (id == set.id).then_some(set)))
            .unwrap_or_default()
    }

    /// Puts saved version `number` back, after keeping what the session holds now as a
    /// version of its own (then version 1). Autosave writes it to the file.
    pub fn restore_version(&mut self, catalog: &Catalog, number: usize) -> Result<(), RestoreError> {
        let count = self.versions().len();
        let history = match &self.file {
            Some(file) if (1..=count).contains(&number) => file.history.clone(),
            _ => return Err(RestoreError::NoSuchVersion { count }),
        };
        let opened = history
            .read(number)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                let text = String::from_utf8(bytes).map_err(|_| "that version is not text".to_string())?;
                crate::documents::response_from_text(&text, catalog, Some(&self.set))
                    .map_err(|p| p.first().map_or_else(String::new, |p| p.message.clone()))
            })
            .map_err(RestoreError::Unreadable)?;
        let current = export::json::render(&self.response);
        history
            .record_now(current.as_bytes(), jiff::Timestamp::now())
            .map_err(|e| RestoreError::NotKept(e.to_string()))?;
        self.replace_content(opened.set, opened.response);
        self.changed(Instant::now());
        Ok(())
    }

    /// Writes what the session holds over a file changed elsewhere, when the user says so.
    pub fn overwrite_changed(&mut self) {
        self.autosave.conflict = false;
        self.autosave.on_disk = None;
    }

    /// Loads the file as changed elsewhere, after keeping what the session held as a
    /// separate draft in `dirs`' drafts folder, whose path it returns.
    pub fn reload_changed(&mut self, dirs: &Dirs, catalog: &Catalog) -> Result<PathBuf, ReloadError> {
        let mine = drafts::keep_copy(&dirs.drafts(), &self.path, "mine", &self.response)
            .map_err(|e| ReloadError::NotKept(e.to_string()))?;
        match drafts::reread(catalog, &self.path) {
            Ok((opened, on_disk)) => {
                self.replace_content(opened.set, opened.response);
                self.autosave.settle(Some(on_disk));
                Ok(mine)
            }
            Err(error) => Err(ReloadError::Unreadable { error, mine }),
        }
    }

    /// Whether `candidate` is unsaved work of this session's draft.
    pub fn owns(&self, candidate: &Candidate) -> bool {
        drafts::DraftId::of(&self.path).is(&drafts::DraftId::of(&candidate.draft))
    }

    /// Puts recovered work into the session; autosave then writes it to the file.
    pub fn recover(&mut self, candidate: &Candidate) {
        let set = self.set.clone();
        // Back at the item last edited, where the typing was going on.
        let last_edited = candidate
            .recovered
            .current_item
            .as_deref()
            .and_then(|id| set.item_index(id));
        self.replace_content(set, candidate.recovered.clone());
        if let Some(index) = last_edited {
            self.go_to(index);
        }
        self.changed(Instant::now());
        // A leftover temporary file has done its job; a recovery copy is this draft's own.
        if Some(&candidate.source) != self.journal() {
            drafts::discard_leftover(candidate);
        }
    }
}

/// What merging a file changed elsewhere did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    /// Conflicts now kept in the response to settle.
    pub conflicts: usize,
    /// Whether a common version was found to merge against (without one, every
    /// difference is a conflict).
    pub three_way: bool,
}

impl Merged {
    /// "Merged the changed file in; 2 merge conflicts to settle (…)", naming `what` was
    /// merged and, after the count, `where_listed` (how this front end shows conflicts).
    pub fn describe(&self, what: &str, where_listed: &str) -> String {
        let how = if self.three_way {
            ""
        } else {
            " (with no common saved version to go by, every difference is a conflict)"
        };
        match self.conflicts {
            0 => format!("Merged {what} in; nothing conflicted."),
            n => format!("Merged {what} in; {n} merge conflicts to settle, {where_listed}{how}."),
        }
    }
}

impl Session {
    /// Merges the file, changed elsewhere, with what the session holds: three-way against
    /// the version consult last saved or read, when the draft's history still holds it.
    /// What the two changed differently is kept as conflicts to settle. Err says why
    /// nothing changed.
    pub fn merge_changed(&mut self, catalog: &Catalog) -> Result<Merged, String> {
        let (changed, on_disk) = drafts::reread(catalog, &self.path)
            .map_err(|e| format!("the changed file cannot be read ({e})"))?;
        // The same refusals as any merge: another set, another organisation, or a side
        // still holding conflicts from an earlier merge.
        if let Some(refusal) = crate::merge::refusal(None, &self.response, &changed.response, false) {
            return Err(format!(
                "the changed file cannot be merged: {}",
                refusal.describe()
            ));
        }
        // What consult last saved here comes first: the versions are kept minutes apart.
        let base = self.file.as_ref().and_then(|file| {
            let last_seen = self.autosave.on_disk?;
            file.history
                .last_saved()
                .into_iter()
                .chain((1..=file.history.count()).filter_map(|n| file.history.read(n).ok()))
                .find(|bytes| drafts::digest(bytes) == last_seen)
                .and_then(|bytes| crate::parse::response(std::str::from_utf8(&bytes).ok()?).ok())
        });
        let merged = crate::merge::merge(base.as_ref(), &self.response, &changed.response, &self.set);
        let conflicts = merged.conflicts.len();
        let set = self.set.clone();
        self.replace_content(set, merged);
        // What the file holds now is what was merged in: the next save may replace it.
        self.autosave.settle(Some(on_disk));
        self.changed(Instant::now());
        Ok(Merged {
            conflicts,
            three_way: base.is_some(),
        })
    }

    /// Merges a sync tool's conflict copy (at `copy`, beside the draft) with what the session
    /// holds (see [`drafts::merge_conflict_copy`]), then moves the copy to the deleted drafts:
    /// the merge is in the session, saved like any change. Returns the merge and where the
    /// copy went, in words; Err says why nothing changed.
    pub fn merge_sync_copy(
        &mut self,
        dirs: &Dirs,
        catalog: &Catalog,
        copy: &Path,
    ) -> Result<(Merged, &'static str), String> {
        let merged =
            drafts::merge_conflict_copy(dirs, catalog, (&self.path, &self.response), &self.set, copy)?;
        let conflicts = merged.response.conflicts.len();
        let set = self.set.clone();
        self.replace_content(set, merged.response);
        self.changed(Instant::now());
        let went = match drafts::delete(copy, &dirs.trash()) {
            Ok(_) => "the copy is in the deleted drafts",
            Err(_) => "the copy could not be moved to the deleted drafts and is still there",
        };
        let merged = Merged {
            conflicts,
            three_way: merged.three_way,
        };
        Ok((merged, went))
    }

    /// A sync tool's conflict copy left beside the draft that this session has not offered
    /// yet, and which tool left it: looked for on opening and after each save, since a sync
    /// tool may leave one at any time. Each copy is offered once a session; nothing is
    /// merged or moved without the user's word.
    pub fn sync_copy_to_offer(&mut self) -> Option<(PathBuf, drafts::sync_copies::SyncTool)> {
        let found = drafts::conflict_copies_of(&self.path)
            .into_iter()
            .find(|(copy, _)| !self.offered_copies.contains(copy))?;
        self.offered_copies.push(found.0.clone());
        Some(found)
    }
}
