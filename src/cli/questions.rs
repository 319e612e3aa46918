//! `consult questions`: the question sets consult knows, one written out, an outline read in.

use std::io::Write;

use super::args::*;
use super::shared::{Failure, out_target, say_written, write_out};
use crate::catalog::{Catalog, Origin};
use crate::dirs::Dirs;
use crate::error::FileError;
use crate::export::{self};
use crate::storage::{self, NewFileMode, SourceMode};
use crate::text::visible_line;

pub fn list(dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let id_width = catalog
        .entries
        .iter()
        .map(|e| e.set.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    let _ = writeln!(out, "{:id_width$}  ITEMS  TITLE", "ID");
    for entry in &catalog.entries {
        let origin = match &entry.origin {
            Origin::BuiltIn => "built in".to_string(),
            Origin::User(path) => crate::text::shown_path(path),
        };
        let _ = writeln!(
            out,
            "{:id_width$}  {:>5}  {} ({origin})",
            entry.set.id,
            entry.set.item_count(),
            visible_line(&entry.set.title)
        );
    }
    if catalog.problems.is_empty() {
        return Ok(());
    }
    for problem in &catalog.problems {
        let _ = writeln!(err, "{problem}");
    }
    Err(Failure::bad_input(format!(
        "{} question set file(s) could not be read",
        catalog.problems.len()
    )))
}

pub fn export(args: QuestionsExportArgs, dirs: &Dirs, out: &mut dyn Write) -> Result<(), Failure> {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let set = catalog.resolve(&args.set)?;
    let document = match args.format {
        QuestionsFormat::Outline => crate::outline::write(&set),
        QuestionsFormat::Fhir => export::fhir::questionnaire(&set),
    };
    match args.out {
        Some(path) => {
            let target = out_target(&path, args.force)?;
            write_out(&target, NewFileMode::Shared, out, |o| {
                o.write_all(document.as_bytes())
            })?;
            say_written(out, &target, || {
                format!("wrote {}", super::paths::expand(&path).display())
            });
        }
        None => {
            let _ = out.write_all(document.as_bytes());
        }
    }
    Ok(())
}

pub fn import(
    args: QuestionsImportArgs,
    dirs: &Dirs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let text = storage::read_text(&args.outline)?;
    let (set, warnings) = crate::outline::read_with_warnings(&text)
        .map_err(|problems| FileError::bad(&args.outline, problems))?;
    for warning in &warnings {
        let _ = writeln!(err, "consult: {}", crate::error::located(&args.outline, warning));
    }
    let path = match args.out {
        Some(path) => super::paths::expand(&path),
        None => {
            // Joining the questions folder: an id already known would be ignored there.
            let catalog = Catalog::with_user_sets(&dirs.question_sets());
            let path = dirs.question_sets().join(format!("{}.json", set.id));
            if let Some(entry) = catalog.entries.iter().find(|e| e.set.id == set.id)
                && !(args.force && entry.origin == Origin::User(path.clone()))
            {
                let taken = match &entry.origin {
                    Origin::BuiltIn => "by a built-in set".to_string(),
                    Origin::User(p) => format!("by {}", visible_line(&p.display().to_string())),
                };
                return Err(Failure::failed(format!(
                    "{}: question set id {:?} is already taken {taken}; give the title another id with `{{#id}}` at the end of its heading, or write the set elsewhere with --out",
                    visible_line(&args.outline.display().to_string()),
                    set.id
                )));
            }
            std::fs::create_dir_all(dirs.question_sets())
                .map_err(|e| Failure::io(&dirs.question_sets(), &e))?;
            path
        }
    };
    let target = out_target(&path, args.force)?;
    let mut json = serde_json::to_string_pretty(&set).expect("a question set always serialises");
    json.push('\n');
    let mode = NewFileMode::NoMoreOpenThan(SourceMode::of(&args.outline));
    write_out(&target, mode, out, |o| o.write_all(json.as_bytes()))?;
    if !target.is_file() {
        return Ok(());
    }
    let _ = writeln!(out, "wrote {} (question set {})", path.display(), set.id);
    let _ = writeln!(
        out,
        "start a response to it with: consult new --questions {} --org NAME",
        set.id
    );
    Ok(())
}
