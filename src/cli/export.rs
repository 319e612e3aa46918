//! `consult export`: the submission in one format.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::args::*;
use super::paths;
use super::shared::{Failure, known_sets, out_target, say_written, strict_message, write_out};
use crate::dirs::Dirs;
use crate::error::located;
use crate::export::{self, limits};
use crate::out;
use crate::storage::{NewFileMode, SourceMode};
use crate::{documents, drafts};

pub fn run(args: ExportArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    if args.for_review && args.format != export::Format::Docx {
        return Err(Failure::bad_input(format!(
            "--for-review makes a Word copy for review, not {}: use it with --format docx",
            args.format.name()
        )));
    }
    let (catalog, set) = known_sets(dirs, args.questions.as_deref())?;
    let (opened, bytes) = documents::open_response_and_bytes(&args.response, &catalog, set.as_ref())?;
    let warnings = [
        opened.warnings.as_slice(),
        &limits::check(&opened.response, &opened.set),
    ]
    .concat();
    for warning in &warnings {
        let _ = writeln!(err, "{}", located(&args.response, warning));
    }
    if args.strict && !warnings.is_empty() {
        return Err(Failure::failed(format!(
            "{}; nothing written",
            strict_message(warnings.len())
        )));
    }
    if let Some(why) = export::unresolved(&opened.response, &opened.set) {
        let file = crate::text::shown_path(&args.response);
        return Err(Failure::failed(format!(
            "{file}: {why} (`consult diff {file}` shows both sides); nothing written"
        )));
    }
    let format = args.format;
    let path = match args.out {
        Some(out) => paths::out_file(&out, |dir| export::default_path(dir, &opened.response, format))?,
        None => export::default_path(Path::new(export::DEFAULT_DIR), &opened.response, format),
    };
    let target = out_target(&path, args.force)?;
    if target == out::Target::Stdout && format == export::Format::Docx && std::io::stdout().is_terminal() {
        return Err(Failure::bad_input(
            "--out -: a Word document is not text for a terminal; name a file, or pipe standard output",
        ));
    }
    let review = if args.for_review {
        let source = drafts::review_source(dirs, &args.response, &bytes)
            .map_err(|e| Failure::failed(format!("{e}; nothing written")))?;
        Some(source)
    } else {
        None
    };
    let options = export::Options {
        skip_empty: args.skip_empty,
        answered_only: args.answered_only,
        reasoning: !args.no_reasoning,
        // A copy for review is the submission as sent.
        attribution: !args.no_attribution && !args.for_review,
        review: review.as_ref(),
    };
    let document = export::render(format, &opened.response, &opened.set, &options);
    // Never more readable than the draft it comes from: a private draft's export is private.
    let mode = NewFileMode::NoMoreOpenThan(SourceMode::of(&args.response));
    write_out(&target, mode, out, |o| o.write_all(&document))?;
    say_written(out, &target, || format!("wrote {}", path.display()));
    Ok(())
}
