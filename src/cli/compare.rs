//! `consult compare`: which files, which set, and (with `--format`) the document written
//! to standard output or `--out`. Without `--format`, main opens the comparison screen.

use std::collections::HashSet;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::{CompareArgs, Failure};
use crate::catalog::Catalog;
use crate::compare::{Comparison, Format, ItemText, Quoted, SetAside, load, load_texts, write};
use crate::dirs::Dirs;
use crate::model::QuestionSet;
use crate::storage::{self, NewFileMode};
use crate::text::shown_path;
use crate::text::visible;

/// What a comparison starts from: the files, the known sets and the set named, if any.
pub struct Prepared {
    pub files: Vec<PathBuf>,
    pub catalog: Catalog,
    pub set: Option<QuestionSet>,
    /// A line per member's document imported on the way.
    pub imported: Vec<String>,
}

/// The files named and found under `--dir`, and the set named with `--questions`.
pub fn prepare(args: &CompareArgs, dirs: &Dirs) -> Result<Prepared, Failure> {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let set = args
        .questions
        .as_deref()
        .map(|q| catalog.resolve(q))
        .transpose()?;
    let files = gather(&args.files, args.dir.as_deref()).map_err(Failure::bad_input)?;
    let (files, imported) =
        super::import::documents_among(files, &catalog, set.as_ref(), &dirs.imported(), true)?;
    Ok(Prepared {
        files,
        catalog,
        set,
        imported,
    })
}

/// `files`, then every response (`*.json`) and member's document (Word, OpenDocument,
/// Markdown, text, HTML, e-mail) in `dir` in name order; each path once.
pub fn gather(files: &[PathBuf], dir: Option<&Path>) -> Result<Vec<PathBuf>, String> {
    let mut all = files.to_vec();
    if let Some(dir) = dir {
        let listing = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: cannot list the folder: {e}", shown_path(dir)))?;
        let mut found: Vec<PathBuf> = listing
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| {
                    let x = x.to_string_lossy().to_lowercase();
                    x == "json" || crate::import::member::DOCUMENT_EXTENSIONS.contains(&x.as_str())
                })
            })
            // Hidden files are editors' and tools' own, not responses.
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        found.sort();
        if found.is_empty() && files.is_empty() {
            return Err(format!(
                "{}: no responses (*.json) or members' documents in this folder",
                shown_path(dir)
            ));
        }
        all.extend(found);
    }
    // Each path once, in the order given; the set borrows rather than copies the paths.
    let mut seen = HashSet::new();
    let keep: Vec<bool> = all.iter().map(|p| seen.insert(p.as_path())).collect();
    drop(seen);
    let mut keep = keep.into_iter();
    all.retain(|_| keep.next().unwrap_or(false));
    if all.is_empty() {
        return Err("name the response files to compare, or a folder of them with --dir".into());
    }
    Ok(all)
}

/// Runs `consult compare … --format F`: exit 2 if no file could be compared, else the
/// document, with every file set aside (and every version note) reported on `err`.
pub fn run(args: CompareArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let Some(mut format) = args.format.map(Format::from) else {
        return Err(Failure::failed(
            "`compare` without --format opens the full-screen app and is run by main, not here",
        ));
    };
    if args.with_notes && !format.quotes_answers() {
        return Err(Failure::bad_input(
            "--with-notes: only the Markdown and HTML briefings quote answers and notes",
        ));
    }
    if args.pairs {
        if format != Format::Csv {
            return Err(Failure::bad_input(
                "--pairs is for --format csv: the other formats hold the pairs already",
            ));
        }
        format = Format::PairsCsv;
    }
    let prepared = prepare(&args, dirs)?;
    for line in &prepared.imported {
        let _ = writeln!(err, "{line}");
    }
    let file_count = prepared.files.len();
    let bar = progress_bar(file_count as u64);
    // Only the CSV reports word counts; counting them is a quarter of the work.
    let count_words = format == Format::Csv;
    let loaded = load(
        prepared.files,
        &prepared.catalog,
        prepared.set.as_ref(),
        count_words,
        &|| bar.inc(1),
    );
    bar.finish_and_clear();
    let comparison = match loaded {
        Ok(comparison) => comparison,
        Err(set_aside) => {
            report_set_aside(err, &set_aside);
            return Err(Failure::bad_input(format!(
                "none of the {file_count} file(s) could be compared"
            )));
        }
    };
    report(err, &comparison);
    let texts = if format.needs_texts() {
        let bar = progress_bar(comparison.organisations.len() as u64);
        let texts = all_texts(&comparison, &|| bar.inc(1));
        bar.finish_and_clear();
        texts
    } else {
        Vec::new()
    };
    let quoted = Quoted {
        texts: &texts,
        notes: args.with_notes,
    };
    match args.out {
        Some(path) => {
            write_document(&path, args.force, |out| write(format, &comparison, quoted, out))?;
            let _ = writeln!(out, "wrote {}", shown_path(&path));
        }
        // Straight out as it is made: a whole consultation's JSON is never held in memory.
        None => {
            let mut out = BufWriter::new(out);
            write(format, &comparison, quoted, &mut out)
                .and_then(|()| out.flush())
                .map_err(|e| Failure::failed(format!("cannot write the comparison: {e}")))?;
        }
    }
    Ok(())
}

/// Every organisation's answers, read in parallel: Markdown and HTML quote them all.
/// `progress` is called once per file, from any thread.
pub fn all_texts(
    comparison: &Comparison,
    progress: &(dyn Fn() + Sync),
) -> Vec<Result<Vec<ItemText>, String>> {
    comparison
        .organisations
        .par_iter()
        .map(|o| {
            let texts = load_texts(&o.file, &comparison.set);
            progress();
            texts
        })
        .collect()
}

/// A bar on standard error while files load, only when a person is watching it.
fn progress_bar(files: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files), ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("reading responses {bar:40} {human_pos}/{human_len} files, {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn report_set_aside(err: &mut dyn Write, set_aside: &[SetAside]) {
    for aside in set_aside {
        let _ = writeln!(
            err,
            "{}: set aside: {}",
            shown_path(&aside.file),
            visible(&aside.reason)
        );
    }
}

/// Warnings: the files left out, what was marked in responses to another version, and
/// organisations with more than one file.
fn report(err: &mut dyn Write, comparison: &Comparison) {
    report_set_aside(err, &comparison.set_aside);
    for warning in comparison.repeated_warnings() {
        let _ = writeln!(err, "warning: {}", visible(&warning));
    }
    for organisation in &comparison.organisations {
        for note in &organisation.notes {
            let _ = writeln!(
                err,
                "{}: warning: {}",
                shown_path(&organisation.file),
                visible(note)
            );
        }
    }
}

/// Writes the comparison to `path` through the one atomic write path, as it is made.
fn write_document(
    path: &Path,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let failure = |message: String| Failure::failed(message);
    if path.exists() && !force {
        return Err(failure(format!(
            "{} already exists; pass --force to overwrite it",
            shown_path(path)
        )));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| failure(format!("{}: cannot write: {e}", shown_path(parent))))?;
    }
    storage::write_atomic_with(path, NewFileMode::Shared, write)
        .map_err(|e| failure(format!("{}: cannot write: {e}", shown_path(path))))
}
