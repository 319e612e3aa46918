//! `consult review DRAFT REVIEWED.docx`: what reviewers did to a Word copy made for review
//! comes back to the draft as pending suggestions and comments (`--list` only shows them;
//! `--accept-all` applies every suggestion it can, a version saved first).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use super::args::ReviewArgs;
use super::shared::{Failure, name};
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::documents;
use crate::drafts::{self, DraftId, SaveJob, SaveKind, SaveResult};
use crate::import::read::LIMITS;
use crate::model::review::{Decision, ReviewComment, Reviews, Suggestion, Unplaced};
use crate::model::{QuestionSet, Response, sha256};
use crate::review::apply;
use crate::review::origin;
use crate::review::place::{self, Gathered, Reading};
use crate::review::read::{self, Copy};
use crate::session::Session;
use crate::text::visible_line;

pub fn run(args: ReviewArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let reviewed = name(&args.reviewed);
    let draft = name(&args.draft);
    let bytes = read_reviewed(&args.reviewed)?;
    let copy = read::read(&bytes).map_err(|e| Failure::bad_input(format!("{reviewed}: {e}")))?;
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    // Read once: what is read back is placed against exactly these bytes, and stored only
    // if the draft still holds them.
    let draft_bytes = crate::storage::read_bytes(&args.draft)?;
    let opened = crate::parse::decode(&draft_bytes)
        .map_err(|problem| vec![problem])
        .and_then(|text| documents::response_from_text(text, &catalog, None))
        .map_err(|problems| crate::error::FileError::bad(&args.draft, problems))?;
    let (set, response) = (opened.set, opened.response);

    let sent = sent_version(dirs, &args.draft, &copy, &catalog, &set);
    let draft_file = file_name(&args.draft);
    origin::check(&copy, &response, &draft_file, sent.is_some()).map_err(|refusal| {
        Failure::bad_input(format!(
            "{reviewed}: {}",
            refusal.describe(&response, &draft_file)
        ))
    })?;
    let digest = sha256(&bytes);
    if let Some(received) = response
        .reviews
        .as_ref()
        .and_then(|r| r.received.iter().find(|r| r.digest == digest))
    {
        let _ = writeln!(
            out,
            "{reviewed}: read into {draft} already ({}); nothing changed",
            received.read.strftime("%Y-%m-%d %H:%M UTC")
        );
        if args.list {
            let reviews = response.reviews.clone().unwrap_or_default();
            let file = received.file.clone();
            list(out, &set, &response, &from_file(&reviews, &file), &reviews);
        }
        return Ok(());
    }
    if copy.properties.version.is_some() && sent.is_none() {
        let _ = writeln!(
            err,
            "{reviewed}: the version of {draft} it was made from is not among the draft's saved versions; \
             tracked changes and comments are read, but edits made without Track Changes cannot be found"
        );
    }
    let contacts = contacts(dirs, &args.draft, &response, &catalog, &set);
    let gathered = place::gather(
        &copy,
        &Reading {
            file: &file_name(&args.reviewed),
            digest,
            response: &response,
            set: &set,
            sent: sent.as_ref(),
            reviewer: args.from.as_deref(),
            contacts: &contacts,
            now: jiff::Timestamp::now(),
        },
    );
    for notice in &gathered.notices {
        let _ = writeln!(err, "{reviewed}: {}", visible_line(notice));
    }
    if gathered.is_empty() {
        let _ = writeln!(
            out,
            "{reviewed}: nothing came back: no tracked changes, no edits and no comments; {draft} is unchanged"
        );
        return Ok(());
    }
    if args.list {
        let mut all = response.reviews.clone().unwrap_or_default();
        all.add(gathered.reviews.clone());
        say_came_back(out, &reviewed, &gathered, &copy);
        list(out, &set, &response, &gathered.reviews, &all);
        return Ok(());
    }
    store(
        &args,
        dirs,
        &catalog,
        (gathered, drafts::digest(&draft_bytes)),
        &copy,
        out,
    )
}

/// Reads the reviewed file, refusing one too large before reading any of it.
fn read_reviewed(path: &Path) -> Result<Vec<u8>, Failure> {
    let shown = name(path);
    let meta =
        std::fs::metadata(path).map_err(|e| Failure::bad_input(format!("{shown}: cannot read: {e}")))?;
    if meta.is_dir() {
        return Err(Failure::bad_input(format!(
            "{shown}: is a directory, not a Word file"
        )));
    }
    if meta.len() > LIMITS.file as u64 {
        return Err(Failure::bad_input(format!(
            "{shown}: is {} MiB, larger than the {} MiB a review copy can be; it cannot be the Word file consult wrote for review",
            meta.len() >> 20,
            LIMITS.file >> 20
        )));
    }
    std::fs::read(path).map_err(|e| Failure::bad_input(format!("{shown}: cannot read: {e}")))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The draft as the copy was made from it: the draft's file now, or a saved version.
fn sent_version(
    dirs: &Dirs,
    draft: &Path,
    copy: &Copy,
    catalog: &Catalog,
    set: &QuestionSet,
) -> Option<Response> {
    let bytes = drafts::review_copy_version(dirs, draft, copy.properties.version.as_deref()?)?;
    let text = crate::parse::decode(&bytes).ok()?;
    documents::response_from_text(text, catalog, Some(set))
        .ok()
        .map(|o| o.response)
}

/// On a joint draft: each member's respondent contact, as its file names it now, with
/// the member, so a reviewer named that way is credited to the member.
fn contacts(
    dirs: &Dirs,
    path: &Path,
    response: &Response,
    catalog: &Catalog,
    set: &QuestionSet,
) -> Vec<(String, String)> {
    let Some(joint) = &response.joint else {
        return Vec::new();
    };
    let allowed = drafts::joint::member_folders(dirs, &DraftId::of(path));
    let now = drafts::joint::members_now(path, joint, catalog, set, &allowed);
    joint
        .members
        .iter()
        .zip(&now)
        .filter_map(|(member, now)| {
            let contact = now.response()?.respondent.contact_name.trim().to_string();
            (!contact.is_empty()).then(|| (contact, member.organisation.clone()))
        })
        .collect()
}

/// Stores what came back as pending (and with `--accept-all`, accepts it), through the
/// drafts layer: locked, the draft's state before kept as a version, written atomically,
/// never over a change made elsewhere meanwhile.
fn store(
    args: &ReviewArgs,
    dirs: &Dirs,
    catalog: &Catalog,
    (gathered, read): (Gathered, drafts::ContentDigest),
    copy: &Copy,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let reviewed = name(&args.reviewed);
    let draft = name(&args.draft);
    // Opening keeps the draft as it is now as its newest version: what `consult restore
    // DRAFT 1` puts back after `--accept-all`.
    let opened = drafts::open(dirs, catalog, &args.draft, None).map_err(Failure::failed)?;
    let expected = opened.on_disk;
    if expected != read {
        return Err(changed_meanwhile(&draft));
    }
    let mut session = Session::opened(opened);
    say_came_back(out, &reviewed, &gathered, copy);
    session
        .response
        .reviews
        .get_or_insert_with(Reviews::default)
        .add(gathered.reviews.clone());
    let accepted = args
        .accept_all
        .then(|| session.accept_all_suggestions(Instant::now()));
    let history = session.file.as_ref().map(|f| f.history.clone());
    let job = SaveJob {
        generation: 0,
        kind: SaveKind::Draft {
            expected: Some(expected),
            journal: None,
            history,
        },
        path: args.draft.clone(),
        bytes: crate::export::json::render(&session.response).into_bytes(),
        recount: None,
    };
    match drafts::perform(&job).result {
        SaveResult::Saved(_) => {}
        SaveResult::Conflict => return Err(changed_meanwhile(&draft)),
        SaveResult::Failed(why) => return Err(Failure::failed(format!("{draft}: cannot write: {why}"))),
    }
    match accepted {
        None => {
            let _ = writeln!(
                out,
                "stored in {draft} as pending, for you to accept or reject one by one"
            );
            let _ = writeln!(
                out,
                "next: `consult review {draft} {reviewed} --list` shows each change in its context;"
            );
            let _ = writeln!(
                out,
                "decide them in the app (`consult edit {draft}`, then Alt-R on a marked item) or in plain mode \
                 (`suggestions`, `accept N`, `reject N`)"
            );
        }
        Some(done) => {
            let _ = writeln!(out, "accepted: {}", numbers(&done.accepted));
            if !done.competing.is_empty() {
                let _ = writeln!(
                    out,
                    "left pending, competing for the same words (choose one in the app): {}",
                    numbers(&done.competing)
                );
            }
            if !done.not_found.is_empty() {
                let _ = writeln!(
                    out,
                    "left pending, their words no longer in the text (make them by hand, or reject them): {}",
                    numbers(&done.not_found)
                );
            }
            let _ = writeln!(
                out,
                "{draft} as it was before is kept as version 1: `consult restore {draft} 1` takes all of this back"
            );
        }
    }
    Ok(())
}

fn changed_meanwhile(draft: &str) -> Failure {
    Failure::failed(format!(
        "{draft}: changed by another program while the review was read; nothing written, read it again"
    ))
}

fn numbers(numbers: &[u32]) -> String {
    if numbers.is_empty() {
        return "none".into();
    }
    numbers.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// "review.docx: 3 suggestions and 1 comment on 2 items, from Priya Shah".
fn say_came_back(out: &mut dyn Write, reviewed: &str, gathered: &Gathered, copy: &Copy) {
    let reviews = &gathered.reviews;
    let mut items: Vec<&str> = reviews
        .suggestions
        .iter()
        .map(|s| s.item.as_str())
        .chain(reviews.comments.iter().map(|c| c.item.as_str()))
        .collect();
    items.sort_unstable();
    items.dedup();
    let kinds: Vec<String> = [
        (reviews.suggestions.len(), "suggestion"),
        (reviews.comments.len(), "comment"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| counted(n, what))
    .collect();
    let mut said = format!("{reviewed}: {}", kinds.join(" and "));
    if !items.is_empty() {
        said.push_str(&format!(" on {}", counted(items.len(), "item")));
    }
    if !reviews.unplaced.is_empty() {
        said.push_str(&format!(
            ", and {} tied to no item",
            counted(reviews.unplaced.len(), "passage")
        ));
    }
    let reviewer = reviews.received.first().map_or("", |r| r.reviewer.as_str());
    if !reviewer.is_empty() {
        said.push_str(&format!(", from {}", visible_line(reviewer)));
    }
    if let Some(draft) = &copy.properties.draft {
        said.push_str(&format!(" (a copy of {})", visible_line(draft)));
    }
    let _ = writeln!(out, "{said}");
}

fn counted(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// What `file` brought, as the draft keeps it.
fn from_file(reviews: &Reviews, file: &str) -> Reviews {
    Reviews {
        received: Vec::new(),
        suggestions: reviews
            .suggestions
            .iter()
            .filter(|s| s.file == file)
            .cloned()
            .collect(),
        comments: reviews
            .comments
            .iter()
            .filter(|c| c.file == file)
            .cloned()
            .collect(),
        unplaced: reviews
            .unplaced
            .iter()
            .filter(|u| u.file == file)
            .cloned()
            .collect(),
    }
}

/// Per item in set order: each suggestion as a change in its context, each comment with
/// its thread; then what could not be placed. `all` is every suggestion the draft would
/// have, to mark those competing for the same words.
fn list(out: &mut dyn Write, set: &QuestionSet, response: &Response, shown: &Reviews, all: &Reviews) {
    let competitors = apply::competitors(response, all);
    let mut by_item: BTreeMap<usize, (Vec<&Suggestion>, Vec<&ReviewComment>)> = BTreeMap::new();
    for s in &shown.suggestions {
        by_item
            .entry(set.item_index(&s.item).unwrap_or(usize::MAX))
            .or_default()
            .0
            .push(s);
    }
    for c in &shown.comments {
        by_item
            .entry(set.item_index(&c.item).unwrap_or(usize::MAX))
            .or_default()
            .1
            .push(c);
    }
    for (index, (suggestions, comments)) in by_item {
        let item = set.items().nth(index);
        let label = item.map_or("an item no longer in the set", |i| i.label.as_str());
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", visible_line(label));
        for s in suggestions {
            let mut head = format!(
                "  suggestion {} on the {}: {}{}, {}",
                s.number,
                s.field.label(),
                visible_line(&s.author),
                member(&s.member),
                s.made.label()
            );
            if let Some(date) = &s.date {
                head.push_str(&format!(", {}", when(date)));
            }
            if s.decision != Decision::Pending {
                head.push_str(&format!(" ({})", decision(s.decision)));
            }
            let _ = writeln!(out, "{head}");
            let _ = writeln!(out, "    {}", visible_line(&s.change_text()));
            if let Some(others) = competitors.get(&s.number) {
                let _ = writeln!(
                    out,
                    "    competing with {} on the same words: accept one, not both",
                    others
                        .iter()
                        .map(|n| format!("suggestion {n}"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                );
            }
        }
        for c in comments {
            let mut head = format!(
                "  comment {} on the {}: {}{}",
                c.number,
                c.field.label(),
                visible_line(&c.author),
                member(&c.member)
            );
            if let Some(date) = &c.date {
                head.push_str(&format!(", {}", when(date)));
            }
            if c.resolved {
                head.push_str(" (resolved)");
            }
            let _ = writeln!(out, "{head}");
            if !c.anchor.is_empty() {
                let _ = writeln!(out, "    on \"{}\"", visible_line(&c.anchor));
            }
            let _ = writeln!(out, "    {}", visible_line(&c.text));
            for reply in &c.replies {
                let date = reply
                    .date
                    .as_deref()
                    .map(|d| format!(", {}", when(d)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "    reply from {}{date}: {}",
                    visible_line(&reply.author),
                    visible_line(&reply.text)
                );
            }
        }
    }
    if !shown.unplaced.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Tied to no item (read them and place them by hand):");
        for Unplaced {
            text, why, author, ..
        } in &shown.unplaced
        {
            let by = if author.is_empty() {
                String::new()
            } else {
                format!("{}: ", visible_line(author))
            };
            let _ = writeln!(out, "  {by}\"{}\"", visible_line(text));
            let _ = writeln!(out, "    {}", visible_line(why));
        }
    }
}

fn member(member: &Option<String>) -> String {
    member
        .as_deref()
        .map(|m| format!(" (for {})", visible_line(m)))
        .unwrap_or_default()
}

fn decision(decision: Decision) -> &'static str {
    match decision {
        Decision::Pending => "pending",
        Decision::Accepted => "accepted",
        Decision::Rejected => "rejected",
    }
}

/// A date as the file gave it, shortened to the minute when it is RFC 3339.
fn when(date: &str) -> String {
    date.parse::<jiff::Timestamp>()
        .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| visible_line(date).into_owned())
}
