//! `consult restore`: a draft back to a saved version.

use std::io::Write;

use super::args::*;
use super::shared::Failure;
use super::versions::check_draft;
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::drafts::{self, DraftId, History};
use crate::text::saved_time;

pub fn run(args: RestoreArgs, dirs: &Dirs, out: &mut dyn Write) -> Result<(), Failure> {
    let id = DraftId::of(&args.file);
    let history = History::for_draft(&dirs.history(), &id);
    let exists = check_draft(&args.file, &history)?;
    let file = args.file.display();
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let list = history.list_with(|id| catalog.find(id));
    let Some(version) = args.number.checked_sub(1).and_then(|i| list.get(i)) else {
        let available = match list.len() {
            0 => "it has no saved versions yet".to_string(),
            1 => "the only saved version is 1".to_string(),
            n => format!("saved versions are 1 to {n}"),
        };
        return Err(Failure::bad_input(format!(
            "{file}: there is no version {}; {available} (see `consult versions {file}`)",
            args.number
        )));
    };
    // Writing under an open consult would only make it ask about a change made elsewhere.
    let _lock = drafts::lock(&dirs.locks(), &id).map_err(|e| Failure::failed(format!("{file}: {e}")))?;
    history
        .restore(&args.file, args.number, jiff::Timestamp::now())
        .map_err(|e| Failure::failed(format!("{file}: cannot restore version {}: {e}", args.number)))?;
    let what = format!(
        "version {} saved {} ({})",
        version.number,
        saved_time(version.saved, &jiff::tz::TimeZone::system()),
        version.summary
    );
    if exists {
        let _ = writeln!(out, "restored {file} to {what}");
        let _ = writeln!(
            out,
            "the content it replaced is kept as version 1: `consult restore {file} 1` undoes this"
        );
    } else {
        let _ = writeln!(out, "wrote {file} from {what}");
    }
    Ok(())
}
