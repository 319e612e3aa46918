//! `consult new`: a new response file.

use std::io::Write;

use super::args::*;
use super::paths;
use super::shared::{Failure, refuse_overwrite, write_file};
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::drafts::{self};
use crate::export::{self, Format};
use crate::model::Response;
use crate::storage::NewFileMode;

pub fn run(args: NewArgs, dirs: &Dirs, out: &mut dyn Write) -> Result<(), Failure> {
    let (Some(questions), Some(org)) = (&args.questions, &args.org) else {
        return Err(Failure::bad_input(
            "new needs --questions and --org, or --plain to be asked for them",
        ));
    };
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let set = catalog.resolve(questions)?;
    if org.trim().is_empty() {
        return Err(Failure::bad_input("--org: the organisation's name is empty"));
    }
    let response = Response::new(&set, org.trim());
    let path = match args.out {
        Some(out) => {
            let path = paths::out_file(&out, |dir| export::default_path(dir, &response, Format::Json))?;
            refuse_overwrite(&path, args.force)?;
            path
        }
        None => {
            drafts::new_draft_path(&dirs.drafts(), &response).map_err(|e| Failure::io(&dirs.drafts(), &e))?
        }
    };
    write_file(
        &path,
        export::json::render(&response).as_bytes(),
        NewFileMode::Private,
    )?;
    let _ = writeln!(out, "wrote {}", path.display());
    Ok(())
}
