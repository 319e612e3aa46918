//! `consult versions`: a draft's saved versions.

use std::io::Write;
use std::path::Path;

use super::args::*;
use super::shared::Failure;
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::drafts::history::Summary;
use crate::drafts::{DraftId, History};
use crate::text::saved_time;

pub fn run(args: VersionsArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let history = History::for_draft(&dirs.history(), &DraftId::of(&args.file));
    let exists = check_draft(&args.file, &history)?;
    let file = args.file.display();
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let list = history.list_with(|id| catalog.find(id));
    if list.is_empty() {
        let _ = writeln!(out, "{file}: no saved versions yet");
        return Ok(());
    }
    if !exists {
        let _ = writeln!(
            err,
            "{file} does not exist any more; `consult restore {file} N` writes version N there"
        );
    }
    let _ = writeln!(
        out,
        "{:>3}  {:20}  {:>8}  {:>6}",
        "N", "SAVED", "ANSWERED", "WORDS"
    );
    for version in &list {
        let saved = saved_time(version.saved, &jiff::tz::TimeZone::system());
        match &version.summary {
            Summary::Response {
                answered,
                total,
                words,
            } => {
                let answered = match total {
                    Some(total) => format!("{answered}/{total}"),
                    None => answered.to_string(),
                };
                let _ = writeln!(
                    out,
                    "{:>3}  {saved:20}  {answered:>8}  {words:>6}",
                    version.number
                );
            }
            Summary::Unreadable => {
                let _ = writeln!(out, "{:>3}  {saved:20}  unreadable", version.number);
            }
        }
    }
    let _ = writeln!(out, "put one back with: consult restore {file} N");
    Ok(())
}

/// Whether the draft exists. A folder, or a file that is neither there nor has any saved
/// versions, is a usage mistake; a deleted draft with versions can still be listed and restored.
pub(super) fn check_draft(path: &Path, history: &History) -> Result<bool, Failure> {
    let bad = |message: &str| Failure::bad_input(format!("{}: {message}", path.display()));
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(bad("is a directory, not a draft")),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if history.count() > 0 {
                Ok(false)
            } else {
                Err(bad("no such file"))
            }
        }
        Err(e) => Err(Failure::failed(format!("{}: cannot read: {e}", path.display()))),
    }
}
