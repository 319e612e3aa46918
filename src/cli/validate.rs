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
    let mut kinds = Vec::new();
    for path in &args.files {
        let kind = storage::read_text(path).and_then(|text| {
            let kind = parse::kind(&text).map_err(|p| FileError::bad(path, vec![p]))?;
            Ok((kind, text))
        });
        if let Ok((DocKind::QuestionSet, text)) = &kind
            && let Ok(set) = parse::question_set(text)
        {
            // A set named here wins over a known one with the same id: it is the one meant.
            catalog.entries.retain(|e| e.set.id != set.id);
            catalog.entries.push(catalog::Entry {
                set,
                origin: Origin::User(path.clone()),
            });
        }
        kinds.push(kind);
    }

    let mut failed = 0;
    let mut warned = 0;
    for (path, kind) in args.files.iter().zip(kinds) {
        let result = kind.and_then(|(kind, text)| match kind {
            DocKind::QuestionSet => parse::question_set(&text)
                .map(|_| Vec::new())
                .map_err(|p| FileError::bad(path, p)),
            DocKind::Response => documents::response_from_text(&text, &catalog, None)
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
