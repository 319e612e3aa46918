//! `consult compare`: which files, which set, and (with `--format`) the document written
//! to standard output or `--out`. Without `--format`, main opens the comparison screen.

use std::collections::HashSet;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::shared::{out_target, say_written, write_out};
use super::{CompareArgs, Failure, paths};
use crate::catalog::Catalog;
use crate::compare::{Comparison, Format, SetAside, load_document, write};
use crate::dirs::Dirs;
use crate::model::QuestionSet;
use crate::storage::{NewFileMode, SourceMode};
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
    // Checked before any file is read: a refused --out costs nothing.
    let target = args
        .out
        .as_deref()
        .map(|path| out_target(path, args.force))
        .transpose()?;
    let prepared = prepare(&args, dirs)?;
    for line in &prepared.imported {
        let _ = writeln!(err, "{line}");
    }
    let file_count = prepared.files.len();
    let bar = progress_bar(file_count as u64);
    // Each file is read once: what the document quotes of it is made on the way.
    let loaded = load_document(
        format,
        args.with_notes,
        prepared.files,
        &prepared.catalog,
        prepared.set.as_ref(),
        &|| bar.inc(1),
    );
    bar.finish_and_clear();
    let loaded = loaded.map_err(|e| {
        Failure::failed(format!(
            "cannot keep the document's parts in a temporary file: {e}"
        ))
    })?;
    let (comparison, fragments) = match loaded {
        Ok(loaded) => loaded,
        Err(set_aside) => {
            report_set_aside(err, &set_aside);
            return Err(Failure::bad_input(format!(
                "none of the {file_count} file(s) could be compared"
            )));
        }
    };
    report(err, &comparison);
    let fragments = fragments.as_ref();
    match (target, &args.out) {
        (Some(target), Some(path)) => {
            // Never more readable than the most private response compared (as it was read).
            let source = comparison
                .organisations
                .iter()
                .map(|o| o.mode)
                .fold(SourceMode::OPEN, SourceMode::narrowest);
            let mode = NewFileMode::NoMoreOpenThan(source);
            write_out(&target, mode, out, |o| write(format, &comparison, fragments, o))?;
            say_written(out, &target, || {
                format!("wrote {}", shown_path(&paths::expand(path)))
            });
        }
        // Straight out as it is made: a whole consultation's JSON is never held in memory.
        _ => {
            let mut out = BufWriter::new(out);
            write(format, &comparison, fragments, &mut out)
                .and_then(|()| out.flush())
                .map_err(|e| Failure::failed(format!("cannot write the comparison: {e}")))?;
        }
    }
    Ok(())
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
