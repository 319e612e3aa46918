//! A draft that answered an earlier version of its question set. On opening it is offered,
//! once, to be brought up to the set as it is now, with what changed in the wording shown;
//! the user's answer ends the offer. Either way the file changes only when the user says so:
//! bringing it up names the current version in the response (the version it answered before
//! stays in the draft's history, kept when it was opened); keeping it as it is is remembered
//! beside that history, for this version of the set, and the file is left alone.

use std::io;

use super::{History, Opened};
use crate::catalog::Catalog;
use crate::merge::diff::sentence_changes;
use crate::model::validate::Location;
use crate::model::{QuestionSet, Response, SetRef};
use crate::storage::{self, NewFileMode};
use crate::text::visible_line;

/// The file, in a draft's history folder, that holds the digest of the set version the
/// user chose to keep the draft answering an earlier version of.
const KEPT: &str = "kept-earlier-set-version";

/// The offer to bring a draft up to the current version of its set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The set's title, for saying which set.
    pub title: String,
    /// What changed in the wording since the version the draft answered, item by item;
    /// `None` when consult does not know that version's wording.
    pub changes: Option<Vec<WordingChange>>,
}

/// One part of one item that reads differently now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordingChange {
    /// The item as people know it: `Question 3 (q3)`.
    pub item: String,
    /// `wording`, `guidance`, `scale`, `word limit`, `character limit`; or `item` when the
    /// item is new or gone.
    pub part: &'static str,
    /// The sentences taken out (`    - …`) and put in (`    + …`), or what changed in words.
    pub lines: Vec<String>,
}

impl Offer {
    /// The offer as lines to read: what happened, then what changed.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "This draft answered an earlier version of \"{}\".",
            crate::text::main_title(&self.title)
        )];
        match &self.changes {
            None => lines.push(
                "consult does not know the earlier version's wording: compare your copy of it with the set as it is now before you bring the draft up to date.".into(),
            ),
            Some(changes) if changes.is_empty() => {
                lines.push("The wording is the same; only details no answer depends on changed.".into())
            }
            Some(changes) => {
                lines.push("What changed since:".into());
                for change in changes {
                    lines.push(format!("  {} {}:", change.item, change.part));
                    lines.extend(change.lines.iter().cloned());
                }
            }
        }
        lines
    }
}

/// What to do on opening `opened`: `Some` offer when its response answered another version
/// of its set and the user has not chosen to keep it so (for the version the set is now).
/// Either way the digest warning leaves `opened.warnings`: the offer, or the user's answer,
/// says it instead.
pub fn on_opening(opened: &mut Opened, catalog: &Catalog) -> Option<Offer> {
    let digest = opened.set.digest();
    if opened.response.question_set.digest == digest {
        return None;
    }
    opened.warnings.retain(|w| !is_version_warning(&w.location));
    if kept(&opened.handle.history).as_deref() == Some(digest.as_str()) {
        return None;
    }
    let earlier = catalog.earlier(&opened.set.id, &opened.response.question_set.digest);
    Some(Offer {
        title: opened.set.title.clone(),
        changes: earlier.map(|earlier| wording_changes(&earlier, &opened.set)),
    })
}

/// The user's answer "bring it up to date": the response now answers `set` as it is.
pub fn bring_up(response: &mut Response, set: &QuestionSet) {
    response.question_set = SetRef {
        id: set.id.clone(),
        title: set.title.clone(),
        digest: set.digest(),
    };
}

/// The user's answer "keep it as it is": not offered again while `set` stays as it is.
pub fn keep_earlier(history: &History, set: &QuestionSet) -> io::Result<()> {
    std::fs::create_dir_all(history.dir())?;
    let path = history.dir().join(KEPT);
    storage::write_atomic(&path, set.digest().as_bytes(), NewFileMode::Private)
}

/// The set version the user chose to keep the draft answering an earlier version of, if any.
fn kept(history: &History) -> Option<String> {
    std::fs::read_to_string(history.dir().join(KEPT))
        .ok()
        .map(|digest| digest.trim().to_string())
}

/// Whether a problem is the validator's "answered another version" warning.
fn is_version_warning(location: &Location) -> bool {
    matches!(location, Location::Path(path) if path == "question_set.digest")
}

/// How `now` reads differently from `earlier`, item by item in `now`'s reading order, then
/// the items it no longer has.
pub fn wording_changes(earlier: &QuestionSet, now: &QuestionSet) -> Vec<WordingChange> {
    let mut changes = Vec::new();
    for item in now.items() {
        let name = format!("{} ({})", visible_line(&item.label), visible_line(&item.id));
        let Some(was) = earlier.item(&item.id) else {
            changes.push(WordingChange {
                item: name,
                part: "item",
                lines: vec!["    new in this version".into()],
            });
            continue;
        };
        let mut part = |part: &'static str, lines: Vec<String>| {
            if !lines.is_empty() {
                changes.push(WordingChange {
                    item: name.clone(),
                    part,
                    lines,
                });
            }
        };
        part("wording", text_changes(&was.prompt, &item.prompt));
        part(
            "guidance",
            text_changes(
                was.context.as_deref().unwrap_or(""),
                item.context.as_deref().unwrap_or(""),
            ),
        );
        let options = |set: &QuestionSet, item| {
            set.scale_of(item).map_or_else(
                || "free text".to_string(),
                |s| {
                    s.options
                        .iter()
                        .map(|o| o.label.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            )
        };
        let (scale_was, scale_now) = (options(earlier, was), options(now, item));
        if scale_was != scale_now {
            part(
                "scale",
                vec![
                    format!("    - {}", visible_line(&scale_was)),
                    format!("    + {}", visible_line(&scale_now)),
                ],
            );
        }
        let limit = |n: Option<u32>| n.map_or_else(|| "none".to_string(), |n| n.to_string());
        if was.word_limit != item.word_limit {
            part(
                "word limit",
                vec![format!(
                    "    {} → {}",
                    limit(was.word_limit),
                    limit(item.word_limit)
                )],
            );
        }
        if was.char_limit != item.char_limit {
            part(
                "character limit",
                vec![format!(
                    "    {} → {}",
                    limit(was.char_limit),
                    limit(item.char_limit)
                )],
            );
        }
    }
    for was in earlier.items().filter(|i| now.item(&i.id).is_none()) {
        changes.push(WordingChange {
            item: format!("{} ({})", visible_line(&was.label), visible_line(&was.id)),
            part: "item",
            lines: vec!["    no longer in the set: an answer to it is kept but not sent".into()],
        });
    }
    changes
}

/// The sentences of `was` taken out and those of `now` put in.
fn text_changes(was: &str, now: &str) -> Vec<String> {
    if was == now {
        return Vec::new();
    }
    let (old, new): (Vec<&str>, Vec<&str>) = (
        crate::sentences::sentences(was).collect(),
        crate::sentences::sentences(now).collect(),
    );
    sentence_changes(&old, &new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_sets_earlier_version_differs_only_in_question_3s_guidance() {
        let catalog = Catalog::built_in();
        let now = catalog.find("integrating-care").unwrap();
        let earlier = catalog
            .earlier(
                "integrating-care",
                "sha256:034cb32ec22bf843abe9190ff0a2c9a177f4473c3d66514946ece65522399baa",
            )
            .expect("the earlier version is known");
        let changes = wording_changes(&earlier, now);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(
            (changes[0].item.as_str(), changes[0].part),
            ("Question 3 (q3)", "guidance")
        );
        assert!(changes[0].lines[0].starts_with("    - Beyond that mandatory core"));
        assert!(changes[0].lines[0].contains("community and mental health providers"));
        assert!(changes[0].lines[1].starts_with("    + Beyond that mandatory core"));
        assert!(changes[0].lines[1].contains("housing providers"));
    }

    #[test]
    fn new_and_dropped_items_scales_and_limits_are_changes_too() {
        let now = Catalog::built_in().find("integrating-care").unwrap().clone();
        let mut earlier = now.clone();
        let items = &mut earlier.sections[1].items;
        let q1 = items.remove(0);
        items[0].word_limit = Some(1);
        items[0].scale = None;
        let mut gone = q1.clone();
        gone.id = "q0".into();
        gone.label = "Question 0".into();
        items.push(gone);
        let parts: Vec<(String, &str)> = wording_changes(&earlier, &now)
            .into_iter()
            .map(|c| (c.item, c.part))
            .collect();
        assert_eq!(
            parts,
            [
                ("Question 1 (q1)".to_string(), "item"),
                ("Question 2 (q2)".to_string(), "scale"),
                ("Question 2 (q2)".to_string(), "word limit"),
                ("Question 0 (q0)".to_string(), "item"),
            ]
        );
    }
}
