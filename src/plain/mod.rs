//! Plain mode: the same drafting as the full-screen app, as a line-by-line dialogue for
//! screen readers and scripts. Nothing is redrawn: no colour, no cursor movement, no
//! alternate screen; every line is printed once, and text from files is shown as
//! visible pictures of any control character in it.
//!
//! A front end like [`crate::tui`], on the same [`Session`] and the same save path: drafts
//! are opened and created through [`crate::drafts`] (lock, history, recovery offered
//! back), and every change is saved at once with [`Session::save_now`] and
//! [`drafts::perform`]. The end of input and the termination signals save and close.

pub mod commands;
mod conflicts;
mod input;
mod joint;
mod open;
mod placing;
pub mod print;
mod review;
mod walk;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::drafts::{self, SaveResult};
use crate::session::Session;
use crate::session::versions::ReloadError;
use crate::text::visible;
use input::{Heard, Input};

/// What plain mode starts on.
#[derive(Debug, Clone)]
pub enum Start {
    /// The drafts, to pick one or start a new one.
    Choose,
    /// One response file, answering `questions` if given.
    Edit {
        file: PathBuf,
        questions: Option<PathBuf>,
    },
    /// A new draft; what is not given here is asked.
    New {
        questions: Option<String>,
        organisation: Option<String>,
    },
}

/// Whether plain mode is wanted: asked for (`--plain`), `ACCESSIBLE` set to anything but
/// empty or `0`, or standard input not a terminal.
pub fn chosen(asked: bool) -> bool {
    let accessible = std::env::var_os("ACCESSIBLE").is_some_and(|v| !v.is_empty() && v != "0");
    asked || accessible || !std::io::stdin().is_terminal()
}

/// Runs the plain dialogue until it ends; returns the exit code.
pub fn run(dirs: Dirs, start: Start) -> u8 {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let mut plain = Plain {
        dirs,
        catalog,
        input: Input::start(),
        prompt: std::io::stdin().is_terminal(),
        piped: !std::io::stdin().is_terminal(),
        zone: jiff::tz::TimeZone::system(),
        exports_dir: PathBuf::from(crate::export::DEFAULT_DIR),
        last_adopted: None,
        placing_last: false,
        set_version_offer: None,
    };
    match plain.open(start) {
        Ok(open) => plain.walk(open),
        Err(code) => code,
    }
}

/// Why the dialogue is ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Quit,
    End,
    Signal(&'static str),
}

/// A draft open in the dialogue, and how it is shown.
struct Open {
    draft: Session,
    /// The draft's path as the user gave it (or where a new one was made).
    shown: String,
    /// Just started.
    new: bool,
    /// Input already ended (or a signal came) while opening: close at once.
    stop: Option<Stop>,
}

struct Plain {
    dirs: Dirs,
    catalog: Catalog,
    input: Input,
    /// Whether to print a prompt before reading: only for a person at a terminal.
    prompt: bool,
    /// Standard input is not a terminal (a script pipes commands in): an editor program
    /// would take the rest of the script as its own input.
    piped: bool,
    zone: jiff::tz::TimeZone,
    exports_dir: PathBuf,
    /// On a joint response, the item and passage adopted last, for `credit`.
    last_adopted: Option<(String, usize)>,
    /// The last change was to the placing: `undo` takes back placing changes.
    placing_last: bool,
    /// The draft just opened answered an earlier version of its set: the offer to make.
    set_version_offer: Option<drafts::set_version::Offer>,
}

impl Plain {
    /// Writes `text`, a line at a time, with any control character shown as a picture.
    fn say(&self, text: impl AsRef<str>) {
        let mut out = std::io::stdout().lock();
        for line in text.as_ref().split('\n') {
            let _ = writeln!(out, "{}", visible(line));
        }
        let _ = out.flush();
    }

    fn say_all(&self, lines: impl IntoIterator<Item = String>) {
        for line in lines {
            self.say(line);
        }
    }

    /// The next line typed, or why there is none.
    fn ask(&mut self) -> Result<String, Stop> {
        if self.prompt {
            let mut out = std::io::stdout().lock();
            let _ = write!(out, "> ");
            let _ = out.flush();
        }
        match self.input.next() {
            Heard::Line(line) => Ok(line),
            Heard::End => Err(Stop::End),
            Heard::Signal(name) => Err(Stop::Signal(name)),
        }
    }

    /// Says `question` and reads the answer.
    fn question(&mut self, question: &str) -> Result<String, Stop> {
        self.say(question);
        self.ask()
    }

    /// Asks until the answer is yes or no.
    fn yes_no(&mut self, question: &str) -> Result<bool, Stop> {
        let mut answer = self.question(question)?;
        loop {
            match answer.trim().to_lowercase().as_str() {
                "y" | "yes" => return Ok(true),
                "n" | "no" => return Ok(false),
                _ => answer = self.question("Please answer yes or no.")?,
            }
        }
    }

    /// The dialogue on an open draft, until quit, the end of input or a signal.
    fn walk(&mut self, mut open: Open) -> u8 {
        let stop = match open.stop {
            Some(stop) => stop,
            None => {
                self.say_all(print::item(
                    &open.draft.set,
                    &open.draft.response,
                    open.draft.current,
                    false,
                ));
                loop {
                    let line = match self.ask() {
                        Ok(line) => line,
                        Err(stop) => break stop,
                    };
                    match commands::parse(&line) {
                        Ok(None) => {}
                        Ok(Some(command)) => {
                            if let Err(stop) = self.command(&mut open.draft, command) {
                                break stop;
                            }
                        }
                        Err(message) => self.say(message),
                    }
                }
            }
        };
        self.close(&mut open, stop)
    }

    /// Saves what is unsaved and lets go of the draft; says what happened.
    fn close(&mut self, open: &mut Open, stop: Stop) -> u8 {
        match stop {
            Stop::Quit => {}
            Stop::End => self.say("End of input: saving and closing."),
            Stop::Signal(name) => self.say(format!("{name} received: saving and closing.")),
        }
        match open.draft.save_and_close(&self.dirs) {
            Ok(()) => {
                self.say(format!("Saved {}.", open.shown));
                0
            }
            Err(e) => {
                self.say(format!("Could not save: {e}."));
                self.say(format!(
                    "{}.",
                    drafts::rescue(&self.dirs, &open.draft.path, &open.draft.response)
                ));
                crate::error::EXIT_FAILURE as u8
            }
        }
    }

    /// Writes the draft if it changed, through the same save as the full-screen app.
    /// A failed write keeps the work in the recovery copy and is tried again at the next
    /// change; a file changed by another program is never overwritten unasked.
    fn save(&mut self, draft: &mut Session) -> Result<(), Stop> {
        if draft.autosave.conflict {
            self.say(
                "Not saved: the draft file was changed by another program; type save to decide what to do.",
            );
            return Ok(());
        }
        match draft.save_now() {
            // A sync tool may leave a conflict copy at any time: looked for after each save.
            Ok(()) | Err(SaveResult::Saved(_)) => self.offer_sync_copy(draft),
            Err(SaveResult::Failed(e)) => {
                self.say(format!("Could not save {}: {e}.", draft.path.display()));
                self.say(format!(
                    "{}.",
                    drafts::rescue(&self.dirs, &draft.path, &draft.response)
                ));
                self.say("The next change tries to save again; so does save.");
                Ok(())
            }
            Err(SaveResult::Conflict) => self.settle_conflict(draft),
        }
    }

    /// The draft file was changed elsewhere: merge it with ours, overwrite it, load it
    /// (keeping ours as a separate draft), or decide later (nothing is saved meanwhile).
    fn settle_conflict(&mut self, draft: &mut Session) -> Result<(), Stop> {
        self.say(format!(
            "Another program changed {} since consult last saved it. Nothing was overwritten.",
            draft.path.display()
        ));
        loop {
            let answer = self.question(
                "Type merge to merge theirs with yours, overwrite to write your version over it, reload to load theirs (yours is kept as a separate draft), or later.",
            )?;
            match answer.trim().to_lowercase().as_str() {
                "merge" => return self.merge_changed(draft),
                "overwrite" => {
                    draft.overwrite_changed();
                    return self.save(draft);
                }
                "reload" => {
                    self.reload(draft);
                    return Ok(());
                }
                "later" => {
                    self.say("Nothing is saved until you decide; type save to be asked again.");
                    return Ok(());
                }
                _ => self.say("Please type merge, overwrite, reload or later."),
            }
        }
    }

    /// Loads the draft file as changed elsewhere, after keeping what we had as a separate draft.
    fn reload(&mut self, draft: &mut Session) {
        match draft.reload_changed(&self.dirs, &self.catalog) {
            Ok(mine) => self.say(format!(
                "Loaded the changed file; your version is kept as {}.",
                mine.display()
            )),
            Err(ReloadError::NotKept(e)) => {
                self.say(format!("Could not keep your version ({e}); nothing changed."))
            }
            Err(ReloadError::Unreadable { error, mine }) => self.say(format!(
                "The changed file cannot be read ({error}); your version is kept as {}.",
                mine.display()
            )),
        }
    }
}
