//! The commands of the dialogue on an open draft. Each change is said in a line and
//! saved at once; bad input gets a one-line message and the dialogue goes on.

use std::path::PathBuf;
use std::time::Instant;

use super::commands::{Command, Pick, Text};
use super::{Plain, Stop, print};
use crate::drafts;
use crate::export::{self, Format};
use crate::model::{ItemStatus, ResponseStatus};
use crate::session::versions::RestoreError;
use crate::session::{Session, TextField, Undone};

/// How a text is named in what plain mode says: "Answer", "answer".
fn title(field: TextField) -> &'static str {
    match field {
        TextField::Answer => "Answer",
        TextField::Reasoning => "Reasoning",
        TextField::Notes => "Notes",
    }
}

fn word(field: TextField) -> &'static str {
    match field {
        TextField::Answer => "answer",
        TextField::Reasoning => "reasoning",
        TextField::Notes => "notes",
    }
}

/// The index of the item `query` names: its number in reading order, its id, or the
/// best of the items whose label, title or wording has the words.
pub fn find_item(set: &crate::model::QuestionSet, query: &str) -> Result<usize, String> {
    let count = set.item_count();
    if let Ok(number) = query.trim().parse::<usize>() {
        return match number {
            1.. if number <= count => Ok(number - 1),
            _ => Err(format!(
                "There is no item {number}; items are numbered 1 to {count}."
            )),
        };
    }
    if let Some(index) = set.items().position(|i| i.id.eq_ignore_ascii_case(query.trim())) {
        return Ok(index);
    }
    set.find(query)
        .first()
        .copied()
        .ok_or_else(|| format!("No item matches “{query}”; try a number from 1 to {count}."))
}

impl Plain {
    pub(super) fn command(&mut self, draft: &mut Session, command: Command) -> Result<(), Stop> {
        // `undo` takes back placing changes while nothing else has changed since.
        if !matches!(
            command,
            Command::Passages
                | Command::Place(..)
                | Command::Split(..)
                | Command::NotAnswer(_)
                | Command::Undo
                | Command::Redo
                | Command::Show
                | Command::Help
        ) {
            self.placing_last = false;
        }
        let count = draft.set.item_count();
        match command {
            Command::Next if draft.current + 1 >= count => self.say(format!(
                "This is the last item, {count} of {count}; review shows them all."
            )),
            Command::Next => self.arrive(draft, draft.current + 1),
            Command::Back if draft.current == 0 => self.say("This is the first item."),
            Command::Back => self.arrive(draft, draft.current - 1),
            Command::Go(query) => match find_item(&draft.set, &query) {
                Ok(index) => self.arrive(draft, index),
                Err(message) => self.say(message),
            },
            Command::Show => self.say_all(print::item(&draft.set, &draft.response, draft.current, true)),
            Command::Position(pick) => return self.position(draft, pick),
            Command::Answer(how) => return self.write_text(draft, TextField::Answer, how),
            Command::Reasoning(how) => return self.write_text(draft, TextField::Reasoning, how),
            Command::Notes(how) => return self.write_text(draft, TextField::Notes, how),
            Command::KeyPoint(text) => return self.key_point(draft, &text),
            Command::Basis(basis) => return self.basis(draft, basis),
            Command::Members
            | Command::Member(_)
            | Command::Adopt { .. }
            | Command::Credit(_)
            | Command::Consensus(_)
            | Command::Minority(..)
            | Command::Take(_)
            | Command::SignOff { .. } => return self.joint(draft, command),
            Command::Suggestions
            | Command::Accept(_)
            | Command::Reject(_)
            | Command::Comments
            | Command::Resolve(..)
            | Command::SignOffFrom(..) => return self.review_command(draft, command),
            Command::Ready => return self.toggle_ready(draft),
            Command::Passages => self.passages(draft),
            Command::Place(n, item) => return self.place(draft, n, &item),
            Command::Split(n, at) => return self.split(draft, n, at),
            Command::NotAnswer(n) => return self.not_answer(draft, n),
            Command::Undo | Command::Redo if self.placing_last => {
                return self.undo_placing(draft, command == Command::Redo);
            }
            Command::Undo | Command::Redo => return self.undo(draft, command == Command::Redo),
            Command::Review => self.say_all(print::review(&draft.set, &draft.response)),
            Command::Final => return self.toggle_final(draft),
            Command::Respondent => return self.respondent(draft),
            Command::Gathered(text) => return self.views_gathered(draft, &text),
            Command::Pass => {
                self.say(if draft.toggle_not_answering(Instant::now()) {
                    "Marked: we are not answering this item. pass again takes the mark off."
                } else {
                    "We are answering this item again."
                });
                return self.changed(draft);
            }
            Command::Export { format, folder } => return self.export(draft, format, folder),
            Command::Versions => {
                let versions = draft.versions();
                self.say_all(print::versions(&versions, &self.zone));
            }
            Command::Restore(number) => return self.restore(draft, number),
            Command::Conflicts => self.list_conflicts(draft),
            Command::Keep(number, keep) => return self.keep(draft, number, keep),
            Command::Save if draft.autosave.conflict => return self.settle_conflict(draft),
            Command::Save => {
                self.save(draft)?;
                if !draft.is_dirty() {
                    self.say(format!("Everything is saved in {}.", draft.path.display()));
                }
            }
            Command::Help => self.say_all(print::help()),
            Command::Quit => return Err(Stop::Quit),
        }
        Ok(())
    }

    fn arrive(&mut self, draft: &mut Session, index: usize) {
        draft.go_to(index);
        self.say_all(print::item(&draft.set, &draft.response, draft.current, false));
    }

    /// After a change: says so once if it made a final response a draft again, and saves.
    pub(super) fn changed(&mut self, draft: &mut Session) -> Result<(), Stop> {
        if std::mem::take(&mut draft.reopened) {
            self.say("The response is a draft again after this change; final marks it final.");
        }
        self.save(draft)
    }

    fn position(&mut self, draft: &mut Session, pick: Pick) -> Result<(), Stop> {
        let item = draft.item().clone();
        let Some(scale) = draft.set.scale_of(&item).cloned() else {
            self.say(format!(
                "{} takes no position; answer writes it.",
                print::name(&item)
            ));
            return Ok(());
        };
        let chosen = draft.position_index();
        match pick {
            Pick::List => {
                self.say_all(print::positions(&scale));
                let id = chosen.map(|i| scale.options[i].id.as_str());
                self.say(print::position(&scale, id));
                return Ok(());
            }
            Pick::Clear if chosen.is_none() => {
                self.say("No position is chosen.");
                return Ok(());
            }
            Pick::Clear => {
                draft.set_position(None, Instant::now());
                self.say("Position cleared.");
            }
            Pick::Choose(n) if n == 0 || n > scale.options.len() => {
                self.say(format!(
                    "There is no position {n}; {} has positions 1 to {}.",
                    crate::text::visible_line(&item.label),
                    scale.options.len()
                ));
                return Ok(());
            }
            Pick::Choose(n) => {
                draft.set_position(Some(n - 1), Instant::now());
                self.say(print::position(&scale, Some(&scale.options[n - 1].id)));
            }
        }
        self.changed(draft)
    }

    fn write_text(&mut self, draft: &mut Session, field: TextField, how: Text) -> Result<(), Stop> {
        let item = draft.item().clone();
        if field == TextField::Reasoning && item.scale.is_none() {
            self.say(format!(
                "{} takes no position, so no reasoning: answer writes it.",
                print::name(&item)
            ));
            return Ok(());
        }
        let old = draft.text(field).to_string();
        let limit = item.word_limit.filter(|_| field == TextField::Answer);
        let (text, stop) = match how {
            Text::Clear if old.is_empty() => {
                self.say(format!("The {} is empty already.", word(field)));
                return Ok(());
            }
            Text::Clear => (String::new(), None),
            Text::Edit if self.piped => {
                self.say(format!(
                    "{} edit needs your editor, and your editor needs a terminal: these commands are piped in, so the editor would take the rest of them. Pipe the text instead: {}, its lines, then a line holding only a dot.",
                    word(field),
                    word(field)
                ));
                return Ok(());
            }
            Text::Edit => match self.edit_in_editor(&old) {
                Ok(text) => (text, None),
                Err(e) => {
                    self.say(format!("Could not edit in your editor: {e}."));
                    return Ok(());
                }
            },
            Text::Type => {
                let (lines, stop) = self.type_lines(field, &old);
                if lines.is_empty() {
                    if stop.is_none() {
                        self.say(format!("Nothing typed; the {} is as it was.", word(field)));
                    }
                    return stop.map_or(Ok(()), Err);
                }
                if stop.is_some() {
                    self.say(format!("Keeping the {} typed so far.", lines_word(lines.len())));
                }
                (lines.join("\n"), stop)
            }
        };
        if text == old {
            self.say(format!("The {} is unchanged.", word(field)));
        } else {
            draft.replace_text(field, &text, Instant::now());
            match how {
                Text::Clear => self.say(format!("{} cleared.", title(field))),
                _ => self.say_all(print::text_set(title(field), &text, limit)),
            }
            self.changed(draft)?;
        }
        stop.map_or(Ok(()), Err)
    }

    /// `text` edited in the user's editor program, which has the terminal meanwhile.
    fn edit_in_editor(&mut self, text: &str) -> std::io::Result<String> {
        self.say("Opening your editor; save and quit it to come back.");
        let edited = crate::editor::edit(text);
        self.input.forget_interrupts();
        edited
    }

    /// Lines typed until one holding only a dot, and why they stopped early, if they did.
    fn type_lines(&mut self, field: TextField, old: &str) -> (Vec<String>, Option<Stop>) {
        self.say(format!(
            "Type the {}; a line holding only a dot ends it.",
            word(field)
        ));
        if !old.trim().is_empty() {
            self.say(format!(
                "What you type replaces the {} there is now; a dot alone at once keeps it.",
                word(field)
            ));
        }
        let mut lines = Vec::new();
        loop {
            match self.ask() {
                Ok(line) if line.trim_end() == "." => return (lines, None),
                Ok(line) => lines.push(line),
                Err(stop) => return (lines, Some(stop)),
            }
        }
    }

    /// How the members' views were gathered, in the respondent's details.
    fn views_gathered(&mut self, draft: &mut Session, text: &str) -> Result<(), Stop> {
        if text.is_empty() {
            let said = match &draft.response.respondent.views_gathered {
                Some(how) => format!(
                    "How the members' views were gathered: {}.",
                    crate::text::visible_line(how)
                ),
                None => {
                    "How the members' views were gathered is not recorded: gathered TEXT records it.".into()
                }
            };
            self.say(said);
            return Ok(());
        }
        let how = (!text.eq_ignore_ascii_case("clear")).then(|| crate::text::flat(text));
        self.say(if how.is_some() {
            "Recorded how the members' views were gathered."
        } else {
            "How the members' views were gathered is removed."
        });
        draft.response.respondent.views_gathered = how;
        draft.edited(Instant::now());
        self.changed(draft)
    }

    fn key_point(&mut self, draft: &mut Session, text: &str) -> Result<(), Stop> {
        let answer = draft
            .response
            .answer(&draft.item().id)
            .cloned()
            .unwrap_or_default();
        if text.is_empty() {
            let point = answer.key_point();
            let said = match (answer.key_point.is_some(), point.is_empty()) {
                (_, true) => "No key point yet: write an answer, or keypoint TEXT.".to_string(),
                (true, false) => format!("Key point: {}", crate::text::visible_line(point)),
                (false, false) => format!(
                    "Key point, the answer's first sentence: {}",
                    crate::text::visible_line(point)
                ),
            };
            self.say(said);
            return Ok(());
        }
        let point = (!text.eq_ignore_ascii_case("clear")).then(|| crate::text::flat(text));
        let cleared = point.is_none();
        draft.set_key_point(point, Instant::now());
        self.say(if cleared {
            "Key point cleared: the answer's first sentence stands for it."
        } else {
            "Key point kept."
        });
        self.changed(draft)
    }

    fn basis(
        &mut self,
        draft: &mut Session,
        basis: crate::model::response::PositionBasis,
    ) -> Result<(), Stop> {
        if !draft.has_scale() {
            self.say("This item is free text and takes no position.");
            return Ok(());
        }
        let changed = draft.set_basis(basis, Instant::now());
        self.say(match basis {
            crate::model::response::PositionBasis::Inferred => {
                "The position is marked inferred: read from the respondent's documents, to be confirmed."
            }
            crate::model::response::PositionBasis::Stated => {
                "The position is marked stated by the respondent."
            }
        });
        if !changed {
            return Ok(());
        }
        self.changed(draft)
    }

    fn toggle_ready(&mut self, draft: &mut Session) -> Result<(), Stop> {
        let item = draft.item().clone();
        let now = match draft.toggle_ready(Instant::now()) {
            ItemStatus::Ready => "marked ready",
            _ => "back to draft",
        };
        self.say(format!("{} is {now}.", crate::text::visible_line(&item.label)));
        self.changed(draft)
    }

    fn undo(&mut self, draft: &mut Session, redo: bool) -> Result<(), Stop> {
        let item = draft.item().clone();
        if draft.undo(redo, Instant::now()) == Undone::Nothing {
            let what = if redo { "redo" } else { "undo" };
            self.say(format!(
                "Nothing to {what} on {}.",
                crate::text::visible_line(&item.label)
            ));
            return Ok(());
        }
        self.say(if redo { "Made again:" } else { "Taken back:" });
        self.say_all(print::item(&draft.set, &draft.response, draft.current, false));
        self.changed(draft)
    }

    fn toggle_final(&mut self, draft: &mut Session) -> Result<(), Stop> {
        if draft.response.status == ResponseStatus::Final {
            draft.set_status(ResponseStatus::Draft, Instant::now());
            self.say("The response is a draft again.");
            return self.save(draft);
        }
        let to_do = print::still_to_do(&draft.set, &draft.still_to_do());
        if !to_do.is_empty() {
            self.say_all(to_do);
            if !self.yes_no("Mark the response final anyway? yes or no")? {
                self.say("The response stays a draft.");
                return Ok(());
            }
        }
        draft.set_status(ResponseStatus::Final, Instant::now());
        self.say("The response is marked final.");
        self.save(draft)
    }

    fn respondent(&mut self, draft: &mut Session) -> Result<(), Stop> {
        self.say("Who is responding:");
        self.say_all(print::respondent(&draft.response.respondent));
        self.say("Type each detail anew, or an empty line to keep it; a single - clears it.");
        let mut details = draft.response.respondent.clone();
        let asked = self.ask_respondent(&mut details, false);
        if details == draft.response.respondent {
            self.say("The respondent details are as they were.");
        } else {
            draft.response.respondent = details;
            draft.edited(Instant::now());
            self.say("Respondent details changed.");
            self.changed(draft)?;
        }
        asked
    }

    /// Writes the export: in `format` to `folder`, or as and where this draft was exported
    /// last (else the exports folder), and remembers both for next time, as the app does.
    fn export(
        &mut self,
        draft: &mut Session,
        format: Option<Format>,
        folder: Option<String>,
    ) -> Result<(), Stop> {
        let id = draft.file.as_ref().map(|file| file.id.clone());
        let last = |recall: fn(&crate::dirs::Dirs, &drafts::DraftId) -> Option<String>| {
            id.as_ref().and_then(|id| recall(&self.dirs, id))
        };
        let (formats, remembered) = match format {
            Some(format) => (vec![format], format.info().id),
            None => match last(drafts::last_export_format).as_deref() {
                Some("both") => (vec![Format::Markdown, Format::Json], "both"),
                Some(id) if Format::named(id).is_some() => {
                    let format = Format::named(id).expect("just checked");
                    (vec![format], format.info().id)
                }
                _ => {
                    self.say("This draft has not been exported yet: export needs a format, as in export md.");
                    return Ok(());
                }
            },
        };
        let folder = folder
            .or_else(|| last(drafts::last_export_folder))
            .map_or_else(|| self.exports_dir.clone(), PathBuf::from);
        for format in formats {
            let path = export::default_path(&folder, &draft.response, format);
            if path.exists() {
                let question = format!("{} already exists. Replace it? yes or no", path.display());
                if !self.yes_no(&question)? {
                    self.say("Nothing was exported.");
                    return Ok(());
                }
            }
            match drafts::export(
                &draft.response,
                &draft.set,
                format,
                (&draft.path, &path),
                &crate::export::Options::default(),
            ) {
                Ok(()) => {
                    self.say(format!("Exported {} to {}.", format.name(), path.display()));
                    if let Some(id) = &id {
                        drafts::remember_export(&self.dirs, id, &path, remembered);
                    }
                }
                Err(e) => {
                    self.say(format!("Could not export to {}: {e}.", path.display()));
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// Puts saved version `number` back, after keeping what the draft holds now as a version.
    fn restore(&mut self, draft: &mut Session, number: usize) -> Result<(), Stop> {
        let versions = draft.versions();
        let Some(version) = number.checked_sub(1).and_then(|i| versions.get(i)) else {
            self.say(match versions.len() {
                0 => format!("There is no version {number}: there are no saved versions yet."),
                1 => format!("There is no version {number}; the only version is 1."),
                n => format!("There is no version {number}; versions are numbered 1 to {n}."),
            });
            return Ok(());
        };
        let question = format!(
            "Go back to version {number}, saved {} ({})? What you have now is kept as a version first. yes or no",
            crate::text::saved_time(version.saved, &self.zone),
            version.summary
        );
        if !self.yes_no(&question)? {
            self.say("Nothing changed.");
            return Ok(());
        }
        match draft.restore_version(&self.catalog, number) {
            Ok(()) => {}
            Err(RestoreError::NoSuchVersion { .. }) => return Ok(()),
            Err(RestoreError::Unreadable(e)) => {
                self.say(format!("Could not read version {number}: {e}."));
                return Ok(());
            }
            Err(RestoreError::NotKept(e)) => {
                self.say(format!(
                    "Could not keep what you have now ({e}); nothing changed."
                ));
                return Ok(());
            }
        }
        self.say(format!(
            "Back to version {number}; what you had is kept as version 1."
        ));
        self.save(draft)
    }
}

fn lines_word(n: usize) -> String {
    if n == 1 {
        "1 line".into()
    } else {
        format!("{n} lines")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_found_by_number_id_or_words() {
        let set = crate::catalog::Catalog::built_in()
            .find("integrating-care")
            .unwrap()
            .clone();
        assert_eq!(find_item(&set, "1"), Ok(0));
        assert_eq!(find_item(&set, "14"), Ok(13));
        assert_eq!(find_item(&set, "Q2"), Ok(2));
        assert_eq!(find_item(&set, "element 6"), Ok(10));
        assert_eq!(find_item(&set, "statutory"), Ok(1));
        assert_eq!(
            find_item(&set, "15").unwrap_err(),
            "There is no item 15; items are numbered 1 to 14."
        );
        assert_eq!(
            find_item(&set, "0").unwrap_err(),
            "There is no item 0; items are numbered 1 to 14."
        );
        assert_eq!(
            find_item(&set, "zebra").unwrap_err(),
            "No item matches “zebra”; try a number from 1 to 14."
        );
    }
}
