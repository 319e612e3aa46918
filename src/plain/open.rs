//! Getting to a draft in the dialogue: a file named on the command line, one picked from
//! the drafts, or a new one; and unsaved work from an earlier session, offered back.

use std::path::Path;
use std::time::Instant;

use super::{Open, Plain, Start, Stop, print};
use crate::catalog;
use crate::drafts::{self, Candidate, set_version};
use crate::error::{EXIT_FAILURE, located};
use crate::model::{QuestionSet, Respondent};
use crate::session::Session;

/// The exit code for a failure to open or create a draft, after saying why on stderr.
fn failed(message: impl std::fmt::Display, code: i32) -> u8 {
    eprintln!("consult: {message}");
    code as u8
}

impl Plain {
    /// The draft to work on, or the exit code when there is none.
    pub(super) fn open(&mut self, start: Start) -> Result<Open, u8> {
        let mut open = match start {
            Start::Edit { file, questions } => {
                let set = questions
                    .as_deref()
                    .map(catalog::load_question_set)
                    .transpose()
                    .map_err(|e| failed(&e, e.exit_code()))?;
                let draft = self
                    .open_file(&file, set.as_ref())
                    .map_err(|e| failed(e, EXIT_FAILURE))?;
                Open {
                    draft,
                    shown: file.display().to_string(),
                    new: false,
                    stop: None,
                }
            }
            Start::New {
                questions,
                organisation,
            } => self.start_new(questions.as_deref(), organisation.as_deref())?,
            Start::Choose => self.choose()?,
        };
        self.say_all(print::opened(
            &open.shown,
            open.new,
            &open.draft.set,
            &open.draft.response,
        ));
        if open.stop.is_none() {
            open.stop = self.offer_recovery(&mut open.draft).err();
        }
        if open.stop.is_none() {
            open.stop = self.offer_set_version(&mut open.draft).err();
        }
        if open.stop.is_none() {
            open.stop = self.offer_sync_copy(&mut open.draft).err();
        }
        Ok(open)
    }

    /// Opens (and locks) the draft at `path`; problems that do not stop it are said.
    fn open_file(&mut self, path: &Path, set: Option<&QuestionSet>) -> Result<Session, String> {
        let mut opened = drafts::open(&self.dirs, &self.catalog, path, set)?;
        self.set_version_offer = set_version::on_opening(&mut opened, &self.catalog);
        for warning in &opened.warnings {
            self.say(located(path, warning));
        }
        Ok(Session::opened(opened))
    }

    /// The drafts, numbered, to open one or start a new one; none yet: a new one.
    fn choose(&mut self) -> Result<Open, u8> {
        let (list, unreadable) = drafts::list(&self.dirs.drafts(), &self.catalog);
        if list.is_empty() && unreadable.is_empty() {
            self.say("There are no drafts yet: starting a new one.");
            return self.start_new(None, None);
        }
        self.say_all(print::drafts(&list, &self.zone));
        for problem in unreadable {
            self.say(format!("Could not read a draft: {problem}"));
        }
        self.say_lost_work();
        let mut answer = self.question("Type the number of a draft to open it, new to start one, or quit.");
        loop {
            let line = match answer {
                Ok(line) => line.trim().to_lowercase(),
                Err(_) => "quit".into(),
            };
            let picked = line.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
            match (line.as_str(), picked.and_then(|i| list.get(i))) {
                ("" | "list", _) => {}
                ("new" | "n", _) => return self.start_new(None, None),
                ("quit" | "q" | "exit", _) => {
                    self.say("Nothing opened.");
                    return Err(0);
                }
                (_, Some(summary)) => match self.open_file(&summary.path, None) {
                    Ok(draft) => {
                        return Ok(Open {
                            draft,
                            shown: summary.path.display().to_string(),
                            new: false,
                            stop: None,
                        });
                    }
                    Err(e) => self.say(e),
                },
                _ => self.say(match list.len() {
                    1 => format!("There is no draft “{line}”; type 1, new or quit."),
                    n => format!("There is no draft “{line}”; type a number from 1 to {n}, new or quit."),
                }),
            }
            answer = self.ask();
        }
    }

    /// Unsaved work of drafts that are gone, which opening a draft cannot offer back.
    fn say_lost_work(&self) {
        let (candidates, _) = drafts::unsaved_work(&self.dirs, &self.catalog);
        for candidate in candidates.iter().filter(|c| !c.draft_exists) {
            self.say(format!(
                "Unsaved work of {}, a draft that is gone, is kept in {}.",
                candidate.draft.display(),
                candidate.source.display()
            ));
        }
    }

    /// A new draft: its question set and who is responding, asked for what is not given.
    /// Once the organisation is known, the end of input still makes the draft.
    fn start_new(&mut self, questions: Option<&str>, organisation: Option<&str>) -> Result<Open, u8> {
        let set = match questions {
            Some(id_or_path) => self
                .catalog
                .resolve(id_or_path)
                .map_err(|e| failed(&e, e.exit_code()))?,
            None => self.choose_set().map_err(|_| {
                self.say("Nothing was created.");
                0
            })?,
        };
        let mut details = Respondent {
            organisation: organisation.unwrap_or("").trim().to_string(),
            on_behalf: true,
            ..Respondent::default()
        };
        self.say("Who is responding? An empty line leaves a detail out.");
        let stop = self.ask_respondent(&mut details, true).err();
        if details.organisation.is_empty() {
            self.say("Nothing was created.");
            return Err(0);
        }
        let opened =
            drafts::create(&self.dirs, &set, &details.organisation).map_err(|e| failed(e, EXIT_FAILURE))?;
        let mut draft = Session::opened(opened);
        if draft.response.respondent != details {
            draft.response.respondent = details;
            draft.changed(Instant::now());
        }
        let shown = draft.path.display().to_string();
        let stop = stop.or_else(|| self.save(&mut draft).err());
        Ok(Open {
            draft,
            shown,
            new: true,
            stop,
        })
    }

    /// The question set, picked by number.
    fn choose_set(&mut self) -> Result<QuestionSet, Stop> {
        self.say_all(print::sets(&self.catalog));
        let count = self.catalog.entries.len();
        let mut answer = self.question("Which question set? Type its number.")?;
        loop {
            let picked = answer.trim().parse::<usize>().ok().and_then(|n| n.checked_sub(1));
            if let Some(entry) = picked.and_then(|i| self.catalog.entries.get(i)) {
                return Ok(entry.set.clone());
            }
            answer = self.question(&format!(
                "There is no question set “{}”; type a number from 1 to {count}.",
                answer.trim()
            ))?;
        }
    }

    /// Asks each detail of `details` in turn. `fresh`: a new response, whose organisation
    /// must be given (unless it already is); otherwise an empty line keeps a detail and a
    /// single `-` clears it. The details answered so far stay in `details` on a stop.
    pub(super) fn ask_respondent(&mut self, details: &mut Respondent, fresh: bool) -> Result<(), Stop> {
        if !fresh || details.organisation.is_empty() {
            let now = now(&details.organisation, fresh);
            let mut answer = self.question(&format!("Organisation{now}:"))?;
            loop {
                match answer.trim() {
                    "" | "-" if details.organisation.is_empty() => {
                        answer = self.question("The organisation's name is needed; type it.")?
                    }
                    "" => break,
                    "-" => {
                        self.say("The organisation's name cannot be empty; it stays as it was.");
                        break;
                    }
                    name => {
                        details.organisation = name.to_string();
                        break;
                    }
                }
            }
        }
        for (title, field) in [
            ("Contact name", &mut details.contact_name),
            ("Role", &mut details.role),
        ] {
            let answer = self.question(&format!("{title}{}:", now(field, fresh)))?;
            change(field, &answer);
        }
        let mut email = details.email.clone().unwrap_or_default();
        let answer = self.question(&format!("Email{}:", now(&email, fresh)))?;
        change(&mut email, &answer);
        details.email = (!email.is_empty()).then_some(email);
        let behalf = match (fresh, details.on_behalf) {
            (true, _) => "an empty line means yes",
            (false, true) => "now yes",
            (false, false) => "now no",
        };
        let mut answer = self.question(&format!(
            "Responding on behalf of the organisation? yes or no ({behalf})"
        ))?;
        loop {
            match answer.trim().to_lowercase().as_str() {
                "" => return Ok(()),
                "y" | "yes" => details.on_behalf = true,
                "n" | "no" => details.on_behalf = false,
                _ => {
                    answer = self.question("Please answer yes or no.")?;
                    continue;
                }
            }
            return Ok(());
        }
    }

    /// Unsaved work of this draft from a session that ended before saving it: recover it,
    /// keep it as a separate draft, or keep the draft as it is (the work is set aside,
    /// never deleted; so it is too when no choice is made).
    fn offer_recovery(&mut self, draft: &mut Session) -> Result<(), Stop> {
        let Some(id) = draft.file.as_ref().map(|f| f.id.clone()) else {
            return Ok(());
        };
        let Some(candidate) = drafts::unsaved_work_of(&self.dirs, &id, &self.catalog) else {
            return Ok(());
        };
        self.say_all(print::recovered(&candidate, &draft.set));
        let mut question = "Type recover to put it into the draft, copy to keep it as a separate draft, or keep to leave the draft as it is (the recovered work is set aside, not deleted).";
        loop {
            let answer = match self.question(question) {
                Ok(answer) => answer,
                Err(stop) => {
                    self.set_aside(&candidate);
                    return Err(stop);
                }
            };
            match answer.trim().to_lowercase().as_str() {
                "recover" => return self.recover(draft, &candidate),
                "copy" => {
                    match drafts::keep_copy(
                        &self.dirs.drafts(),
                        &candidate.draft,
                        "recovered",
                        &candidate.recovered,
                    ) {
                        Ok(copy) => {
                            self.say(format!(
                                "The recovered work is a separate draft: {}.",
                                copy.display()
                            ));
                            self.set_aside(&candidate);
                        }
                        Err(e) => self.say(format!("Could not keep a copy ({e}); nothing was deleted.")),
                    }
                    return Ok(());
                }
                "keep" => {
                    self.set_aside(&candidate);
                    return Ok(());
                }
                _ => question = "Please type recover, copy or keep.",
            }
        }
    }

    /// Asks, once, whether to bring a draft that answered an earlier version of its set up
    /// to the version it is now (see [`set_version`]); `later` asks again next time.
    fn offer_set_version(&mut self, draft: &mut Session) -> Result<(), Stop> {
        let Some(offer) = self.set_version_offer.take() else {
            return Ok(());
        };
        self.say_all(offer.describe());
        let mut question = "Type update to bring the draft up to this version, keep to keep it on the earlier one (you will not be asked again), or later to decide next time.";
        loop {
            match self.question(question)?.trim().to_lowercase().as_str() {
                "update" => {
                    draft.bring_up_to_date(Instant::now());
                    self.say("The draft now answers the set as it is; as it was, it is among its versions.");
                    return self.save(draft);
                }
                "keep" => {
                    match draft.keep_earlier_set() {
                        Err(e) => self.say(format!(
                            "Could not note that choice ({e}); you will be asked again."
                        )),
                        Ok(()) => self.say(
                            "Kept on the earlier version; you will be asked again only if the set changes.",
                        ),
                    }
                    return Ok(());
                }
                "later" => return Ok(()),
                _ => question = "Please type update, keep or later.",
            }
        }
    }

    fn recover(&mut self, draft: &mut Session, candidate: &Candidate) -> Result<(), Stop> {
        draft.recover(candidate);
        self.say("Recovered into the draft.");
        self.save(draft)
    }

    fn set_aside(&self, candidate: &Candidate) {
        match drafts::set_aside(&self.dirs, candidate) {
            Ok(kept) => self.say(format!(
                "The draft is as it was; the recovered work is kept in {}.",
                kept.display()
            )),
            Err(e) => self.say(format!(
                "Could not set the recovered work aside ({e}); nothing was deleted."
            )),
        }
    }
}

/// " (now X)" for a detail being changed; nothing for a new response.
fn now(value: &str, fresh: bool) -> String {
    match (fresh, value.trim().is_empty()) {
        (true, _) => String::new(),
        (false, true) => " (now none)".into(),
        (false, false) => format!(" (now {})", crate::text::visible_line(value)),
    }
}

/// A detail as answered: an empty line keeps it, `-` clears it, anything else replaces it.
fn change(field: &mut String, answer: &str) {
    match answer.trim() {
        "" => {}
        "-" => field.clear(),
        text => *field = text.to_string(),
    }
}
