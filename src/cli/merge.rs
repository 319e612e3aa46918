//! `consult merge`: two copies of a response merged, by hand or as git's merge driver.
//! The files are read and checked here, the common ancestor found, and the result written;
//! the merging itself is [`crate::merge`]'s. Nothing is written on failure, and the copies
//! are never changed (but for `%A` in `--git` mode, which git asks to be replaced).

use std::io::Write;
use std::path::Path;

use super::args::MergeArgs;
use super::shared::{Failure, known_sets, name, refuse_overwrite, write_file};
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::documents::{self, Opened};
use crate::drafts::{DraftId, History};
use crate::error::FileError;
use crate::export;
use crate::merge::{self, Refusal, Side};
use crate::model::validate;
use crate::model::{QuestionSet, Response};
use crate::storage::{self, NewFileMode};
use crate::text::{saved_time, visible_line};

/// The copies to merge, and where their common ancestor came from.
struct Copies {
    base: Option<(Opened, String)>,
    ours: Opened,
    theirs: Opened,
}

pub fn run(args: MergeArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let (catalog, set) = known_sets(dirs, args.questions.as_deref())?;
    let set = set.as_ref();
    let (base_path, ours_path, theirs_path) = match (args.git, args.files.as_slice()) {
        (false, [ours, theirs]) => (args.base.clone(), ours, theirs),
        (true, [base, ours, theirs]) => (Some(base.clone()), ours, theirs),
        (false, _) => return Err(Failure::bad_input("merge takes two copies: OURS THEIRS")),
        (true, _) => {
            return Err(Failure::bad_input(
                "merge --git takes the three files git passes: %O %A %B",
            ));
        }
    };
    let ours = documents::open_response(ours_path, &catalog, set)?;
    let theirs = documents::open_response(theirs_path, &catalog, set)?;
    let base = match &base_path {
        // git passes an empty file as the ancestor of two copies added separately.
        Some(path) if args.git && storage::read_bytes(path)?.iter().all(u8::is_ascii_whitespace) => None,
        Some(path) => Some((
            documents::open_response(path, &catalog, set)?,
            format!("ancestor {}", name(path)),
        )),
        None => ancestor(dirs, ours_path, theirs_path, &catalog, set),
    };
    let copies = Copies { base, ours, theirs };
    let paths = [
        base_path.as_deref(),
        Some(ours_path.as_path()),
        Some(theirs_path.as_path()),
    ];
    check(&copies, paths, args.force)?;

    let merged = merge::merge(
        copies.base.as_ref().map(|(b, _)| &b.response),
        &copies.ours.response,
        &copies.theirs.response,
        &copies.ours.set,
    );
    // The merge keeps within what a response may hold; should it ever not, nothing is written.
    let problems = validate::response(&merged, &copies.ours.set);
    if problems.iter().any(validate::Problem::is_error) {
        let bad = FileError::bad(Path::new("merged response"), problems);
        return Err(Failure::failed(format!(
            "the merge came out invalid, which is a bug in consult; nothing written\n{bad}"
        )));
    }
    let bytes = export::json::render(&merged);

    let target = if args.git {
        Some(ours_path.clone())
    } else {
        args.out.clone()
    };
    match &target {
        Some(path) => {
            if !args.git {
                refuse_inputs(path, &[base_path.as_deref(), Some(ours_path), Some(theirs_path)])?;
                refuse_overwrite(path, args.force)?;
            }
            write_file(path, bytes.as_bytes(), NewFileMode::Private)?;
        }
        None => {
            let _ = out.write_all(bytes.as_bytes());
        }
    }

    let how = match &copies.base {
        Some((_, from)) => format!("three-way, against the {from}"),
        None => "two-way: no common ancestor found, so every difference is a conflict".into(),
    };
    let into = target
        .as_deref()
        .map_or_else(String::new, |p| format!(" into {}", name(p)));
    let _ = writeln!(
        err,
        "merged {} and {}{into} ({how})",
        name(ours_path),
        name(theirs_path)
    );
    if merged.conflicts.is_empty() {
        return Ok(());
    }
    let places: Vec<String> = merged
        .conflicts
        .iter()
        .map(|c| visible_line(&c.place()).into_owned())
        .collect();
    Err(Failure::failed(format!(
        "{} conflict(s), both sides kept in the merged file: {}; the response cannot be exported until they are resolved",
        merged.conflicts.len(),
        places.join(", ")
    )))
}

/// The refusals of [`merge::refusal`], said with the files' names.
fn check(copies: &Copies, paths: [Option<&Path>; 3], force: bool) -> Result<(), Failure> {
    let response = |side: Side| match side {
        Side::Base => copies.base.as_ref().map(|(b, _)| &b.response),
        Side::Ours => Some(&copies.ours.response),
        Side::Theirs => Some(&copies.theirs.response),
    };
    let file = |side: Side| {
        let path = match side {
            Side::Base => paths[0],
            Side::Ours => paths[1],
            Side::Theirs => paths[2],
        };
        path.map_or_else(|| "the ancestor found in saved versions".to_string(), name)
    };
    let refusal = merge::refusal(
        response(Side::Base),
        &copies.ours.response,
        &copies.theirs.response,
        force,
    );
    let set_of = |side: Side| {
        response(side).map_or_else(String::new, |r| visible_line(&r.question_set.id).into_owned())
    };
    let organisation = |r: &Response| visible_line(&r.respondent.organisation).into_owned();
    match refusal {
        None => Ok(()),
        Some(Refusal::DifferentSets(a, b)) => Err(Failure::bad_input(format!(
            "{} answers question set {:?} and {} answers {:?}: only copies of one response can be merged",
            file(a),
            set_of(a),
            file(b),
            set_of(b)
        ))),
        Some(Refusal::DifferentOrganisations) => Err(Failure::bad_input(format!(
            "{} is {:?}'s response and {} is {:?}'s: pass --force to merge copies from different organisations",
            file(Side::Ours),
            organisation(&copies.ours.response),
            file(Side::Theirs),
            organisation(&copies.theirs.response)
        ))),
        Some(Refusal::Unresolved(side)) => Err(Failure::bad_input(format!(
            "{} still has conflicts from an earlier merge: resolve them first",
            file(side)
        ))),
    }
}

/// `--out` may not name one of the copies: they are never changed.
fn refuse_inputs(out: &Path, inputs: &[Option<&Path>]) -> Result<(), Failure> {
    let id = DraftId::of(out);
    if inputs.iter().flatten().any(|input| DraftId::of(input).is(&id)) {
        return Err(Failure::bad_input(format!(
            "--out {} is one of the copies being merged, which are never changed: name a new file",
            name(out)
        )));
    }
    Ok(())
}

/// A copy's states, newest first: the file as it is, then its saved versions, each with
/// what to call it.
fn states(dirs: &Dirs, path: &Path) -> Vec<(Vec<u8>, String)> {
    let mut states = Vec::new();
    if let Ok(bytes) = storage::read_bytes(path) {
        states.push((bytes, format!("{} as it stands", name(path))));
    }
    let history = History::for_draft(&dirs.history(), &DraftId::of(path));
    let zone = jiff::tz::TimeZone::system();
    for version in history.list() {
        if let Ok(bytes) = history.read(version.number) {
            let when = saved_time(version.saved, &zone);
            states.push((bytes, format!("version of {} saved {when}", name(path))));
        }
    }
    states
}

/// The newest state the two copies share (the file itself or a saved version of either,
/// byte for byte), when they share a history, and it can still be read.
fn ancestor(
    dirs: &Dirs,
    ours: &Path,
    theirs: &Path,
    catalog: &Catalog,
    set: Option<&QuestionSet>,
) -> Option<(Opened, String)> {
    let ours = states(dirs, ours);
    let theirs = states(dirs, theirs);
    let split = |states: &[(Vec<u8>, String)]| states.iter().map(|(b, _)| b.clone()).collect::<Vec<_>>();
    merge::common_versions(&split(&ours), &split(&theirs))
        .into_iter()
        .find_map(|i| {
            let (bytes, label) = &ours[i];
            let text = std::str::from_utf8(bytes).ok()?;
            let opened = documents::response_from_text(text, catalog, set).ok()?;
            Some((opened, label.clone()))
        })
}
