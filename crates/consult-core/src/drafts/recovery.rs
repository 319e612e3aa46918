//! Recovery: a copy of an open draft's newest state, written within moments of every
//! change and kept apart from the draft file, so that a kill between autosaves loses
//! nothing. On the next start, any copy that differs from its draft is offered back,
//! with what differs; nothing is ever dropped or preferred without the user's say.

use std::path::{Path, PathBuf};

use super::DraftId;
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::documents;
use crate::model::{Response, validate};
use crate::storage::{self, NewFileMode};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

const JOURNAL_FORMAT: u32 = 1;

/// What a recovery file holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Journal {
    pub format_version: u32,
    /// The draft file this is a newer state of.
    pub draft: PathBuf,
    pub written: Timestamp,
    pub response: Response,
}

/// Where recovery files that the user chose not to use are kept, never deleted.
pub fn set_aside_dir(dirs: &Dirs) -> PathBuf {
    dirs.recovery().join("set-aside")
}

/// The recovery file for the draft `id`.
pub fn path_for(dirs: &Dirs, id: &DraftId) -> PathBuf {
    dirs.recovery().join(format!("{}.json", id.key()))
}

/// The bytes of a recovery file for `response`, the newest state of `draft`.
pub fn journal_bytes(draft: &Path, response: &Response) -> Vec<u8> {
    let journal = Journal {
        format_version: JOURNAL_FORMAT,
        draft: std::path::absolute(draft).unwrap_or_else(|_| draft.to_path_buf()),
        written: crate::model::response::now(),
        response: response.clone(),
    };
    let mut text = serde_json::to_string_pretty(&journal).expect("a journal always serialises");
    text.push('\n');
    text.into_bytes()
}

/// Writes a recovery file for `draft` at once (after a panic, or when a save fails on quit).
pub fn write_now(dirs: &Dirs, draft: &Path, response: &Response) -> std::io::Result<PathBuf> {
    let path = path_for(dirs, &DraftId::of(draft));
    std::fs::create_dir_all(dirs.recovery())?;
    storage::write_atomic(&path, &journal_bytes(draft, response), NewFileMode::Private)?;
    Ok(path)
}

/// Removes the recovery file of a draft whose newest state is safely in the draft file.
pub fn forget(dirs: &Dirs, id: &DraftId) {
    let _ = std::fs::remove_file(path_for(dirs, id));
}

/// One piece of a response that differs between the draft file and the recovered state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The item whose answer differs, by id; none for the respondent and the status.
    pub item: Option<String>,
    /// Which part differs: "answer", "position", "organisation", …
    pub part: &'static str,
    pub on_disk: String,
    pub recovered: String,
}

impl Difference {
    /// Whether the part is prose (an answer or reasoning), told by its words, not quoted.
    pub fn is_prose(&self) -> bool {
        matches!(self.part, "answer" | "reasoning")
    }

    /// "Question 1 · answer", naming the item by its label in `set` where it has one.
    pub fn describe(&self, set: Option<&crate::model::QuestionSet>) -> String {
        match &self.item {
            Some(id) => {
                let label = set
                    .and_then(|s| s.item(id))
                    .map_or(id.as_str(), |i| i.label.as_str());
                format!("{} · {}", crate::text::visible_line(label), self.part)
            }
            None => self.part.to_string(),
        }
    }
}

/// Unsaved work found at start-up.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The file the recovered state came from (a recovery file or a leftover temporary file).
    pub source: PathBuf,
    pub draft: PathBuf,
    pub recovered: Response,
    /// Whether the draft file itself still exists.
    pub draft_exists: bool,
    pub differences: Vec<Difference>,
}

/// Everything to offer back at start-up, and files that could not be read (kept, never deleted).
#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub candidates: Vec<Candidate>,
    pub unreadable: Vec<String>,
}

/// Looks for recovery files, and for temporary files a killed save left beside its
/// draft in `drafts`. A recovery file identical to its draft is removed: everything in
/// it is safely in the draft.
pub fn scan(dirs: &Dirs, catalog: &Catalog) -> Scan {
    let mut scan = Scan::default();
    for path in json_files(&dirs.recovery()) {
        match read_journal(&path) {
            Ok(journal) => {
                scan.candidates
                    .extend(consider(path, journal.draft, journal.response, catalog, true))
            }
            Err(message) => scan.unreadable.push(format!(
                "{}: {message} (kept where it is, in case it holds work you need)",
                path.display()
            )),
        }
    }
    for path in leftover_temporaries(&dirs.drafts()) {
        let Some(draft) = draft_of_temporary(&path) else {
            continue;
        };
        // A half-written temporary file is expected after a kill: only a complete one is worth offering.
        if let Ok(text) = storage::read_text(&path)
            && let Ok(opened) = documents::response_from_text(&text, catalog, None)
        {
            scan.candidates
                .extend(consider(path, draft, opened.response, catalog, false));
        }
    }
    scan
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

fn read_journal(path: &Path) -> Result<Journal, String> {
    let text = storage::read_text(path).map_err(|e| e.to_string())?;
    let journal: Journal =
        serde_json::from_str(&text).map_err(|e| format!("not a readable recovery file ({e})"))?;
    if journal.format_version == 0 || journal.format_version > JOURNAL_FORMAT {
        return Err(validate::future_version_message(
            journal.format_version.into(),
            JOURNAL_FORMAT,
        ));
    }
    Ok(journal)
}

/// Temporary files of the atomic write path: `.<name>.<6 letters>` beside the draft.
fn leftover_temporaries(drafts: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(drafts) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| draft_of_temporary(p).is_some())
        .collect()
}

fn draft_of_temporary(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let rest = name.strip_prefix('.')?;
    let (draft_name, suffix) = rest.rsplit_once('.')?;
    let is_temporary = suffix.len() == 6
        && suffix.chars().all(|c| c.is_ascii_alphanumeric())
        && draft_name.ends_with(".json");
    is_temporary.then(|| path.with_file_name(draft_name))
}

/// The unsaved work of the draft `id` in any recovery file (whatever key an earlier
/// version named it by), if it holds anything the draft does not.
pub fn candidate_for(dirs: &Dirs, id: &DraftId, catalog: &Catalog) -> Option<Candidate> {
    json_files(&dirs.recovery()).into_iter().find_map(|path| {
        let journal = read_journal(&path).ok()?;
        if !DraftId::of(&journal.draft).is(id) {
            return None;
        }
        consider(path, journal.draft, journal.response, catalog, true)
    })
}

fn consider(
    source: PathBuf,
    draft: PathBuf,
    recovered: Response,
    catalog: &Catalog,
    is_journal: bool,
) -> Option<Candidate> {
    let on_disk = storage::read_text(&draft)
        .ok()
        .and_then(|text| documents::response_from_text(&text, catalog, None).ok())
        .map(|opened| opened.response);
    let differences = differences(on_disk.as_ref(), &recovered);
    if differences.is_empty() {
        if is_journal {
            let _ = std::fs::remove_file(&source);
        }
        return None;
    }
    Some(Candidate {
        source,
        draft_exists: draft.exists(),
        draft,
        recovered,
        differences,
    })
}

/// What the user would lose by keeping `on_disk` instead of `recovered`. Timestamps and
/// the remembered place in the walk-through are not work, so they do not count.
pub fn differences(on_disk: Option<&Response>, recovered: &Response) -> Vec<Difference> {
    let mut out = Vec::new();
    let empty = Response {
        answers: Vec::new(),
        ..recovered.clone()
    };
    let disk = on_disk.unwrap_or(&empty);
    let mut push = |item: Option<&str>, part: &'static str, a: &str, b: &str| {
        if a != b {
            out.push(Difference {
                item: item.map(str::to_string),
                part,
                on_disk: a.to_string(),
                recovered: b.to_string(),
            });
        }
    };
    let (r, d) = (&recovered.respondent, &disk.respondent);
    push(None, "organisation", &d.organisation, &r.organisation);
    push(None, "contact name", &d.contact_name, &r.contact_name);
    push(None, "role", &d.role, &r.role);
    push(
        None,
        "email",
        d.email.as_deref().unwrap_or(""),
        r.email.as_deref().unwrap_or(""),
    );
    push(
        None,
        "on behalf",
        &d.on_behalf.to_string(),
        &r.on_behalf.to_string(),
    );
    push(
        None,
        "response status",
        disk.status.label(),
        recovered.status.label(),
    );
    let mut items: Vec<&str> = recovered.answers.iter().map(|a| a.item.as_str()).collect();
    for a in &disk.answers {
        if !items.contains(&a.item.as_str()) {
            items.push(&a.item);
        }
    }
    for item in items {
        let (a, b) = (
            disk.answer(item).cloned().unwrap_or_default(),
            recovered.answer(item).cloned().unwrap_or_default(),
        );
        push(
            Some(item),
            "position",
            a.position.as_deref().unwrap_or("none"),
            b.position.as_deref().unwrap_or("none"),
        );
        push(Some(item), "answer", &a.answer, &b.answer);
        push(Some(item), "reasoning", &a.reasoning, &b.reasoning);
        if a.item == b.item {
            push(Some(item), "status", a.status.label(), b.status.label());
        }
    }
    out
}

/// Moves a recovery file the user chose not to use out of the way, keeping it.
pub fn set_aside(dirs: &Dirs, source: &Path) -> std::io::Result<PathBuf> {
    let target_dir = set_aside_dir(dirs);
    std::fs::create_dir_all(&target_dir)?;
    let name = source.file_name().map_or_else(
        || "recovered.json".into(),
        |n| n.to_string_lossy().trim_start_matches('.').to_string(),
    );
    let target = storage::free_name(&target_dir, &name);
    std::fs::rename(source, &target)?;
    Ok(target)
}
