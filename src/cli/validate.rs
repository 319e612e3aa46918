//! `consult validate`: check response and question-set files, naming each problem's place.

use std::io::Write;

use super::args::*;
use super::shared::{Failure, strict_message};
use crate::catalog::{self, Catalog, Origin};
use crate::dirs::Dirs;
use crate::documents;
use crate::error::{FileError, located};
use crate::export::limits;
use crate::parse::{self, DocKind};
use crate::storage::{self};

pub fn run(args: ValidateArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let mut catalog = Catalog::with_user_sets(&dirs.question_sets());
    // Question sets named on the command line are checked first, so that responses
    // to them (in the same call) can be checked against them.
    // Each file is read and parsed once: a set's problems are kept for the report below.
    let mut read = Vec::new();
    for path in &args.files {
        let file = storage::read_text(path).and_then(|text| {
            let kind = parse::kind(&text).map_err(|p| FileError::bad(path, vec![p]))?;
            if kind == DocKind::Response {
                return Ok(Read::Response(text));
            }
            let set = match parse::question_set(&text) {
                Ok(set) => set,
                Err(problems) => return Ok(Read::Set(Err(problems))),
            };
            // A set named here wins over a known one with the same id: it is the one meant.
            catalog.entries.retain(|e| e.set.id != set.id);
            catalog.entries.push(catalog::Entry {
                set,
                origin: Origin::User(path.clone()),
            });
            Ok(Read::Set(Ok(())))
        });
        read.push(file);
    }

    let mut failed = 0;
    let mut warned = 0;
    for (path, file) in args.files.iter().zip(read) {
        let result = file.and_then(|file| match file {
            Read::Set(checked) => checked.map(|()| Vec::new()).map_err(|p| FileError::bad(path, p)),
            Read::Response(text) => documents::response_from_text(&text, &catalog, None)
                .map(|opened| {
                    [
                        opened.warnings.as_slice(),
                        &limits::check(&opened.response, &opened.set),
                    ]
                    .concat()
                })
                .map_err(|p| FileError::bad(path, p)),
        });
        match result {
            Ok(warnings) => {
                for warning in &warnings {
                    let _ = writeln!(err, "{}", located(path, warning));
                }
                warned += warnings.len();
                let _ = writeln!(out, "{}: ok", path.display());
            }
            Err(e) => {
                failed += 1;
                let _ = writeln!(err, "{e}");
            }
        }
    }
    if failed > 0 {
        return Err(Failure::bad_input(format!(
            "{failed} of {} file(s) have problems",
            args.files.len()
        )));
    }
    if args.strict && warned > 0 {
        return Err(Failure::failed(strict_message(warned)));
    }
    Ok(())
}

/// A file as read for checking: a question set (put in the catalog once read, so only
/// its problems are kept here), or a response's text, checked once every set is known.
enum Read {
    Set(Result<(), Vec<crate::model::validate::Problem>>),
    Response(String),
}
