//! `consult export`: the submission in one format.

use std::io::Write;
use std::path::Path;

use super::args::*;
use super::paths;
use super::shared::{Failure, known_sets, refuse_overwrite, strict_message};
use crate::dirs::Dirs;
use crate::documents;
use crate::drafts;
use crate::error::located;
use crate::export::{self, limits};

pub fn run(args: ExportArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let (catalog, set) = known_sets(dirs, args.questions.as_deref())?;
    let opened = documents::open_response(&args.response, &catalog, set.as_ref())?;
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
    refuse_overwrite(&path, args.force)?;
    let options = export::Options {
        skip_empty: args.skip_empty,
        answered_only: args.answered_only,
        reasoning: !args.no_reasoning,
        attribution: !args.no_attribution,
    };
    drafts::export(&opened.response, &opened.set, format, &path, &options)
        .map_err(|e| Failure::io(&path, &e))?;
    let _ = writeln!(out, "wrote {}", path.display());
    Ok(())
}
