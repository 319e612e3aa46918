//! `consult import`: members' documents (Word, OpenDocument, Markdown, text, HTML,
//! e-mail) become responses to a question set. Every file is read and placed before
//! anything is written: one bad file and nothing is, so a batch is never half imported.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use super::args::ImportArgs;
use super::paths;
use super::shared::{Failure, out_target, say_written, write_out};
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::drafts;
use crate::error::EXIT_BAD_INPUT;
use crate::export::{self, Format};
use crate::import::document::Document;
use crate::import::{self, Imported, SourceFile, member};
use crate::model::QuestionSet;
use crate::parse::MAX_FILE_BYTES;
use crate::storage::{self, NewFileMode};
use crate::text::visible_line;

/// One document read and placed, ready to write.
struct Done {
    shown: String,
    imported: Imported,
}

pub fn run(args: ImportArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let set = catalog.resolve(&args.questions)?;
    let several = args.files.len() > 1;
    if several && args.org.is_some() {
        return Err(bad(
            "--org names one organisation, but several documents are named: import them one at a time with --org, or without it to take each organisation from its document".into(),
        ));
    }
    if args.org.as_deref().is_some_and(|o| o.trim().is_empty()) {
        return Err(bad("--org: the organisation's name is empty".into()));
    }
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        return Err(bad("standard input (`-`) can be read only once".into()));
    }
    let mut done = Vec::with_capacity(args.files.len());
    for file in &args.files {
        done.push(one(file, &set, args.org.as_deref(), out)?);
    }
    let mut empty = Vec::new();
    for d in &done {
        report(&d.shown, &d.imported, &set, out);
        if d.imported.summary.answers_nothing() {
            empty.push(d.shown.as_str());
        }
    }
    if !empty.is_empty() && !args.allow_empty {
        let how = if args.out.is_some() {
            "pass --allow-empty to write an empty response all the same"
        } else {
            "check it is a reply to this question set; to keep an empty response, name it with --out and pass --allow-empty"
        };
        return Err(bad(format!(
            "{} answers nothing in question set {:?}; nothing written ({how})",
            empty.join(", "),
            set.id
        )));
    }
    let targets = targets(&done, args.out.as_deref(), args.force, several, dirs)?;
    for (d, path) in done.iter().zip(&targets) {
        // Checked with --force already (see `targets`): a pipe or device is written into.
        let target = out_target(path, true)?;
        let json = export::json::render(&d.imported.response);
        write_out(&target, NewFileMode::Private, out, |o| {
            o.write_all(json.as_bytes())
        })?;
        say_written(out, &target, || format!("wrote {}", path.display()));
    }
    if !done.is_empty() {
        let _ = writeln!(
            out,
            "check the placing with `consult edit FILE`: each passage, where it went and why; inferred positions are marked for you to confirm"
        );
    }
    let _ = err;
    Ok(())
}

/// Where each response goes: with one document, --out as `consult new` takes it; with
/// several, --out must be a folder; without --out, a new draft each.
fn targets(
    done: &[Done],
    out: Option<&Path>,
    force: bool,
    several: bool,
    dirs: &Dirs,
) -> Result<Vec<PathBuf>, Failure> {
    let mut targets = Vec::with_capacity(done.len());
    for d in done {
        let response = &d.imported.response;
        let path = match out {
            Some(out) if several && !out.is_dir() && !ends_in_separator(out) => {
                return Err(bad(format!(
                    "--out {}: with several documents, --out names a folder (one that exists, or ending in /)",
                    out.display()
                )));
            }
            Some(out) => {
                let path = paths::out_file(out, |dir| export::default_path(dir, response, Format::Json))?;
                out_target(&path, force)?;
                path
            }
            None => drafts::new_draft_path(&dirs.drafts(), response).map_err(|e| Failure {
                code: crate::error::EXIT_FAILURE,
                message: format!("{}: cannot write: {e}", dirs.drafts().display()),
            })?,
        };
        // Two members with one name, written in one go: the second gets a name of its own.
        let path = untaken(path, &targets);
        targets.push(path);
    }
    Ok(targets)
}

/// `path`, or the first of `name-2.json`, `name-3.json`… beside it that is neither on
/// disk nor already chosen for another document of this import.
fn untaken(path: PathBuf, taken: &[PathBuf]) -> PathBuf {
    crate::storage::numbered(&path, |candidate, first| {
        !taken.iter().any(|t| t == candidate) && (first || !candidate.exists())
    })
}

fn ends_in_separator(path: &Path) -> bool {
    path.as_os_str()
        .as_encoded_bytes()
        .last()
        .is_some_and(|&b| std::path::is_separator(b as char))
}

/// Reads, names and places one document.
fn one(file: &Path, set: &QuestionSet, org: Option<&str>, out: &mut dyn Write) -> Result<Done, Failure> {
    let stdin = file.as_os_str() == "-";
    let shown = if stdin {
        "standard input".to_string()
    } else {
        visible_line(&file.display().to_string()).into_owned()
    };
    let bytes = if stdin {
        read_stdin()?
    } else {
        storage::read_bytes(file)?
    };
    let name = if stdin {
        "-".to_string()
    } else {
        file.file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned())
    };
    let document = import::read::read(&name, &bytes).map_err(|e| bad(format!("{shown}: {e}")))?;
    let organisation = organisation(&document, org, &shown, stdin, out)?;
    let source = SourceFile {
        name,
        digest: crate::model::sha256(&bytes),
    };
    let imported = import::import(
        &document,
        set,
        source,
        &organisation,
        crate::model::response::now(),
    );
    Ok(Done { shown, imported })
}

/// The organisation: --org, else the document's, else asked for on a terminal.
fn organisation(
    document: &Document,
    org: Option<&str>,
    shown: &str,
    stdin: bool,
    out: &mut dyn Write,
) -> Result<String, Failure> {
    if let Some(org) = org {
        return Ok(org.trim().to_string());
    }
    if let Some(named) = &document.organisation {
        let _ = writeln!(
            out,
            "{shown}: organisation {:?}, from {}",
            visible_line(&named.name),
            named.found_in
        );
        return Ok(named.name.clone());
    }
    let missing = format!("{shown}: the document does not say which organisation sent it");
    if stdin || !std::io::stdin().is_terminal() {
        return Err(bad(format!("{missing}; name it with --org NAME")));
    }
    let _ = write!(out, "{missing}. Which organisation is it from? ");
    let _ = out.flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    let answer = visible_line(line.trim()).into_owned();
    if answer.is_empty() {
        return Err(bad(format!(
            "{missing}; nothing written (name it with --org NAME)"
        )));
    }
    Ok(answer)
}

fn read_stdin() -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| bad(format!("standard input: cannot read: {e}")))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(bad(format!(
            "standard input: more than {} MiB; save it as a file and import that",
            MAX_FILE_BYTES >> 20
        )));
    }
    Ok(bytes)
}

/// What was placed where, what was not, the positions inferred and the reader's notices.
fn report(shown: &str, imported: &Imported, set: &QuestionSet, out: &mut dyn Write) {
    let summary = &imported.summary;
    let response = &imported.response;
    let source = response.source.as_ref().expect("an imported response");
    let _ = writeln!(
        out,
        "{shown}: read as {}; {} passage(s): {} placed, {} not placed",
        source.format,
        source.passages.len(),
        summary.placed,
        summary.not_placed
    );
    for answer in &response.answers {
        let Some(item) = set.item(&answer.item) else {
            continue;
        };
        let passages = source
            .passages
            .iter()
            .filter(|p| p.item.as_deref() == Some(item.id.as_str()))
            .count();
        let position = match (&answer.position, set.scale_of(item)) {
            (Some(id), Some(scale)) => scale
                .option(id)
                .map(|o| format!("; position {} (inferred)", o.label))
                .unwrap_or_default(),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {}: {passages} passage(s), {} words{position}",
            item.label,
            crate::text::word_count(&answer.answer)
        );
    }
    for passage in source.unplaced() {
        let _ = writeln!(
            out,
            "  not placed: \"{}\" ({})",
            visible_line(&crate::text::shorten(&passage.text, 60)),
            passage.reason
        );
    }
    let _ = writeln!(
        out,
        "  positions inferred from the words: {} (marked inferred, to confirm)",
        summary.inferred
    );
    if summary.comments_kept + summary.comments_unplaced > 0 {
        let _ = writeln!(
            out,
            "  comments: {} kept in items' notes, {} on passages not placed (kept in the record)",
            summary.comments_kept, summary.comments_unplaced
        );
    }
    for notice in &source.notices {
        let _ = writeln!(out, "  note: {}", visible_line(notice));
    }
}

fn bad(message: String) -> Failure {
    Failure {
        code: EXIT_BAD_INPUT,
        message,
    }
}

/// `files` with each member's document among them replaced by the response imported
/// from it, written into `into`; and a line per document for the user. The documents
/// answer `set` if named, else the set the first consult response among the files answers.
/// A document that cannot be imported stops everything, unless `set_aside` (as a
/// comparison sets aside any file it cannot compare): then it is left out, and said so.
pub fn documents_among(
    files: Vec<PathBuf>,
    catalog: &Catalog,
    set: Option<&QuestionSet>,
    into: &Path,
    set_aside: bool,
) -> Result<(Vec<PathBuf>, Vec<String>), Failure> {
    if !files.iter().any(|f| member::is_document(f)) {
        return Ok((files, Vec::new()));
    }
    let set = match set {
        Some(set) => set.clone(),
        None => files
            .iter()
            .filter(|f| !member::is_document(f))
            .find_map(|f| {
                let text = storage::read_text(f).ok()?;
                let id = crate::parse::response(&text).ok()?.question_set.id;
                catalog.find(&id).cloned()
            })
            .ok_or_else(|| {
                bad(
                    "members' documents do not say which question set they answer: name it with --questions"
                        .into(),
                )
            })?,
    };
    let mut reports = Vec::new();
    let mut responses = Vec::with_capacity(files.len());
    for file in files {
        if member::is_document(&file) {
            match member::import_member(&file, &set, into) {
                Ok(imported) => {
                    reports.push(imported.report);
                    responses.push(imported.written);
                }
                Err(why) if set_aside => reports.push(format!("{why}; set aside")),
                Err(why) => return Err(bad(why)),
            }
        } else {
            responses.push(file);
        }
    }
    Ok((responses, reports))
}
