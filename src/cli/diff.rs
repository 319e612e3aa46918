//! `consult diff`: how two responses differ, or one response as text for git's `textconv`.

use std::io::Write;

use super::args::DiffArgs;
use super::shared::{Failure, known_sets, name};
use crate::dirs::Dirs;
use crate::documents;
use crate::merge::diff;
use crate::text::visible_line;

pub fn run(args: DiffArgs, dirs: &Dirs, out: &mut dyn Write) -> Result<(), Failure> {
    let (catalog, set) = known_sets(dirs, args.questions.as_deref())?;
    let mut opened = Vec::new();
    for path in &args.files {
        opened.push(documents::open_response(path, &catalog, set.as_ref())?);
    }
    let text = match opened.as_slice() {
        [one] => diff::render(&one.response, &one.set),
        [a, b] => {
            if a.set.id != b.set.id {
                return Err(Failure::bad_input(format!(
                    "{} answers question set {:?} and {} answers {:?}: only responses to one set can be compared item by item",
                    name(&args.files[0]),
                    visible_line(&a.set.id),
                    name(&args.files[1]),
                    visible_line(&b.set.id)
                )));
            }
            let names = (name(&args.files[0]), name(&args.files[1]));
            diff::difference(&a.response, &b.response, &a.set, (&names.0, &names.1))
        }
        _ => {
            return Err(Failure::bad_input(
                "diff takes one file (to show as text) or two (to compare)",
            ));
        }
    };
    let _ = out.write_all(text.as_bytes());
    Ok(())
}
