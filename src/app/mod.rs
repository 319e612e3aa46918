//! The app's state. Input becomes an [`Action`]; [`update`] changes the state;
//! the `ui` module draws it without changing anything.

pub mod action;
pub mod command;
pub mod compare;
pub mod draft;
pub mod effect;
pub mod joint;
pub mod keymap;
pub mod placing;
pub mod prose;
pub mod review;
pub mod screen;
pub mod update;

use std::path::PathBuf;

use ratatui_textarea::TextArea;

pub use crate::session::SaveState;
pub use action::Action;
pub use compare::ComparePart;
pub use draft::{Draft, Focus};
pub use effect::Effect;
use keymap::Context;
pub use screen::{DraftList, Focused, RespondentField, RespondentForm, Screen, ScreenKind};
pub use update::update;

use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::drafts;

/// What the export dialog writes: every format `consult export` has, one at a time, or
/// the Markdown submission with the JSON beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportChoice {
    Both,
    One(crate::export::Format),
}

impl ExportChoice {
    /// In the order Tab goes through them.
    pub fn all() -> impl Iterator<Item = ExportChoice> {
        std::iter::once(ExportChoice::Both)
            .chain(crate::export::FORMATS.iter().map(|f| ExportChoice::One(f.format)))
    }

    pub fn formats(self) -> Vec<crate::export::Format> {
        use crate::export::Format;
        match self {
            ExportChoice::Both => vec![Format::Markdown, Format::Json],
            ExportChoice::One(format) => vec![format],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExportChoice::Both => "Markdown + JSON",
            ExportChoice::One(format) => format.info().label,
        }
    }

    pub fn next(self) -> Self {
        self.step(1)
    }

    pub fn previous(self) -> Self {
        self.step(-1)
    }

    /// `by` places on round the list.
    fn step(self, by: isize) -> Self {
        let all: Vec<ExportChoice> = Self::all().collect();
        let at = all.iter().position(|c| *c == self).unwrap_or(0) as isize;
        all[(at + by).rem_euclid(all.len() as isize) as usize]
    }

    /// A stable word for the choice, kept beside a draft to remember it: the format's id
    /// (as `--format` takes it), or `both`. Labels may be reworded; ids stay.
    pub fn id(self) -> &'static str {
        match self {
            ExportChoice::Both => "both",
            ExportChoice::One(format) => format.info().id,
        }
    }

    /// The choice an id names (see [`ExportChoice::id`]).
    pub fn from_id(id: &str) -> Option<Self> {
        Self::all().find(|c| c.id() == id)
    }
}

/// Exports about to be written: each file with its format, the folder as the user typed it,
/// and whether reasoning goes out with the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPlan {
    pub files: Vec<(crate::export::Format, PathBuf)>,
    pub folder: String,
    pub reasoning: bool,
    pub answered_only: bool,
    pub attribution: bool,
    /// The Word file is a copy for review, made from the draft as saved.
    pub for_review: bool,
    /// What was chosen, remembered for this draft's next export.
    pub choice: ExportChoice,
}

/// Something that waits for a yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    DeleteDraft(PathBuf),
    MarkFinal,
    /// Write these exports over what is there.
    Overwrite(ExportPlan),
    /// Go back to this saved version (numbered newest first).
    RestoreVersion(usize),
    /// Write this comparison export over the file there.
    OverwriteComparison(crate::compare::Format, PathBuf),
    /// Read the joint draft's member files outside its folder.
    ReadOutsideMembers,
    /// Merge this sync tool's conflict copy into the open draft, then move it to the trash.
    MergeSyncCopy(PathBuf),
}

pub enum Dialog {
    NewResponse {
        set: usize,
        organisation: TextArea<'static>,
    },
    Export {
        choice: ExportChoice,
        folder: TextArea<'static>,
        /// Whether each answer's reasoning goes out with it (Ctrl-R leaves it out).
        reasoning: bool,
        /// Answered items only, none marked "not answering" (Ctrl-A).
        answered_only: bool,
        /// On a joint response: footnotes naming members (Ctrl-N leaves them out).
        attribution: bool,
        /// Word only: a copy for review rather than the submission (Ctrl-T).
        for_review: bool,
    },
    /// Going to an item: what is typed finds items (see [`crate::model::QuestionSet::find`]),
    /// and `selected` is the chosen one among those found.
    GoTo {
        query: TextArea<'static>,
        selected: usize,
    },
    Confirm {
        question: String,
        pending: Pending,
    },
    /// Writing the comparison on screen out, in one of `consult compare`'s formats.
    CompareExport {
        format: crate::compare::Format,
        folder: TextArea<'static>,
    },
    /// A question with several answers, each on its own key.
    Choose(Choice),
    /// A line of text: the item's key point, or for a joint response a minority
    /// statement, a reason, a note.
    Text {
        purpose: TextPurpose,
        title: String,
        /// A line above the field saying what it is for, if the title does not.
        hint: &'static str,
        field: TextArea<'static>,
    },
}

/// What a [`Dialog::Text`]'s words are for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPurpose {
    /// The current item's key point (empty: its answer's first sentence).
    KeyPoint,
    /// A member's minority statement on the current item (empty: none).
    Minority { member: String },
    /// Why the secretariat declares this consensus on the current item.
    ConsensusReason(crate::model::joint::Consensus),
    /// A note with a member's sign-off, on `item` or (none) the whole response.
    SignOff {
        member: String,
        item: Option<String>,
        state: crate::model::joint::SignOffState,
    },
    /// The organisation making a joint response of these compared files.
    NewJoint { files: Vec<PathBuf> },
}

/// A decision with more than yes and no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub title: String,
    pub lines: Vec<String>,
    /// Key, what it does, and the outcome.
    pub options: Vec<(char, &'static str, Decision)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Changed on disk: write what is on screen over it.
    Overwrite,
    /// Changed on disk: load the file; what was on screen becomes a separate draft.
    Reload,
    /// Recovery: put the recovered work into the draft file.
    Recover,
    /// Recovery: keep the draft file; the recovered copy becomes a separate draft.
    RecoverAsCopy,
    /// Recovery: keep the draft file as it is; the recovered copy is set aside, not deleted.
    KeepFile,
    /// Decide later.
    Later,
    /// A merge conflict: keep our side, their side, both (text), or both and edit.
    KeepOurs,
    KeepTheirs,
    KeepBoth,
    KeepBothAndEdit,
    /// A merge conflict: settle it another time.
    NotNow,
    /// Changed on disk: merge the file's changes with what is on screen.
    MergeChanged,
    /// A draft that answered an earlier version of its set: answer the set as it is now.
    BringUpToDate,
    /// A draft that answered an earlier version of its set: keep it so, and stop asking.
    KeepEarlierVersion,
    /// A joint response's item: declare this consensus (`None`: back to the count).
    Consensus(Option<crate::model::joint::Consensus>),
    /// A member's sign-off on the item, or on the whole response.
    SignOff {
        state: crate::model::joint::SignOffState,
        whole: bool,
    },
    /// A member's review comment, `number`, becomes its sign-off on the item.
    CommentSignOff {
        number: u32,
        state: crate::model::joint::SignOffState,
    },
}

/// A line of feedback shown in the footer until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub dirs: Dirs,
    pub catalog: Catalog,
    /// The screen on show, with its own state.
    pub screen: Screen,
    pub dialog: Option<Dialog>,
    /// The help overlay's scroll offset, when it is open.
    pub help: Option<u16>,
    /// The open draft, shared by the walk-through, the respondent form, review and versions.
    pub draft: Option<Draft>,
    /// On a joint response, the members panel beside its text.
    pub joint: Option<joint::JointPanel>,
    /// Reviewers' suggestions and comments on the item, when asked for.
    pub review: review::ReviewPanel,
    pub message: Option<Message>,
    /// Where exports go unless the user says otherwise.
    pub exports_dir: PathBuf,
    pub recovery: Recovery,
    pub look: Look,
}

/// Unsaved work from sessions that ended unexpectedly.
#[derive(Debug, Default)]
pub struct Recovery {
    /// Still to be offered back, the one on offer first.
    pub offered: Vec<drafts::Candidate>,
    /// Recovery files that could not be read (kept, not deleted).
    pub unreadable: Vec<String>,
}

/// How the screens show things, from the environment.
#[derive(Debug, Clone)]
pub struct Look {
    /// Colour is only a help: with `NO_COLOR` set, the screens use bold, reverse and symbols alone.
    pub color: bool,
    /// For showing "last saved" times.
    pub time_zone: jiff::tz::TimeZone,
}

impl Look {
    pub fn from_environment() -> Look {
        Look {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            time_zone: jiff::tz::TimeZone::system(),
        }
    }
}

impl App {
    /// The home screen over the drafts in `dirs`; with none yet, straight to starting one.
    pub fn new(dirs: Dirs, catalog: Catalog) -> App {
        let mut app = App {
            dirs,
            catalog,
            screen: Screen::home(),
            dialog: None,
            help: None,
            draft: None,
            joint: None,
            review: review::ReviewPanel::default(),
            message: None,
            exports_dir: PathBuf::from(crate::export::DEFAULT_DIR),
            recovery: Recovery::default(),
            look: Look::from_environment(),
        };
        app.refresh_drafts();
        app.find_unsaved_work();
        let nothing_listed = app
            .home()
            .is_some_and(|home| home.drafts.is_empty() && home.unreadable.is_empty());
        if app.dialog.is_none() && nothing_listed {
            app.dialog = Some(update::new_response_dialog());
        }
        app
    }

    /// What opening a draft leaves until its first frame is on screen: keeping the state it
    /// was opened in as a version (a copy of the whole file). No key is taken before this.
    pub fn after_first_frame(&mut self) {
        if let Some(file) = self.draft.as_mut().and_then(|draft| draft.file.as_mut()) {
            file.keep_opened_version();
        }
    }

    /// Finds work from sessions that ended before saving, to offer back.
    fn find_unsaved_work(&mut self) {
        (self.recovery.offered, self.recovery.unreadable) = drafts::unsaved_work(&self.dirs, &self.catalog);
        update::offer_next_recovery(self);
    }

    /// Puts a just-opened `draft` on screen. Unsaved work from an earlier session of this
    /// draft is offered first: this session's recovery copy would otherwise replace it.
    pub fn attach(&mut self, draft: Draft) {
        let earlier = draft
            .file
            .as_ref()
            .and_then(|file| drafts::unsaved_work_of(&self.dirs, &file.id, &self.catalog));
        // An imported response opens on its placing, to be checked first.
        self.screen = if draft.is_imported() {
            Screen::Placing(placing::PlacingView::new())
        } else {
            Screen::Walk
        };
        self.draft = Some(draft);
        self.open_joint_panel(false);
        if let Some(candidate) = earlier {
            self.recovery.offered.retain(|c| c.source != candidate.source);
            self.recovery.offered.insert(0, candidate);
            update::offer_next_recovery(self);
        }
        self.offer_sync_copy();
    }

    /// Asks about a sync tool's conflict copy left beside the open draft, if there is one not
    /// asked about yet and nothing else is being asked: nothing is merged or moved without
    /// the user's word.
    pub fn offer_sync_copy(&mut self) {
        if self.dialog.is_some() {
            return;
        }
        let Some(draft) = &mut self.draft else { return };
        let Some((copy, tool)) = draft.sync_copy_to_offer() else {
            return;
        };
        self.dialog = Some(Dialog::Confirm {
            question: format!(
                "{} Merge it in? The copy then goes to the deleted drafts (t on the drafts list restores it).",
                drafts::sync_copies::offered(&copy, tool)
            ),
            pending: Pending::MergeSyncCopy(copy),
        });
    }

    /// Swaps the open draft's content for `response` to `set` (another version, the file
    /// as changed elsewhere, recovered work, a merge), keeping its file, lock, history,
    /// recovery copy and autosave count, so a save of the old content still under way can
    /// never pass for a save of the new. Returns the draft, for what the caller does next.
    pub fn replace_content(
        &mut self,
        set: crate::model::QuestionSet,
        response: crate::model::Response,
    ) -> Option<&mut Draft> {
        self.draft.as_mut()?.replace_content(set, response);
        self.content_replaced();
        self.draft.as_mut()
    }

    /// The open draft's content was swapped: back to its walk-through, the members panel
    /// read again.
    pub fn content_replaced(&mut self) {
        self.screen = Screen::Walk;
        self.open_joint_panel(false);
    }

    /// On a joint response, the members panel, with each member's file read as it is now
    /// to show what changed since it was taken. Files outside the joint draft's folder are
    /// read only once the user says so (`allow_outside`): the app asks first.
    pub fn open_joint_panel(&mut self, allow_outside: bool) {
        let asked_about = self.joint.take().map(|panel| panel.outside).unwrap_or_default();
        let agreed = if allow_outside { asked_about } else { Vec::new() };
        self.joint = self.draft.as_ref().and_then(|draft| {
            let joint = draft.response.joint.as_ref()?;
            let now = draft.members_now(&self.dirs, &self.catalog, &agreed);
            Some(joint::JointPanel::new(joint, &draft.set, now))
        });
        let outside = self
            .joint
            .as_ref()
            .map_or(&[][..], |panel| panel.outside.as_slice());
        if !outside.is_empty() && self.dialog.is_none() {
            let names: Vec<String> = outside.iter().map(|p| p.display().to_string()).collect();
            let files = crate::text::visible_line(&names.join(", ")).into_owned();
            self.dialog = Some(Dialog::Confirm {
                question: format!(
                    "This joint draft names member files outside its folder: {files}. A joint draft from someone else could name any file. Read them?"
                ),
                pending: Pending::ReadOutsideMembers,
            });
        }
    }

    /// The walk-through on an already opened response. Only that draft's unsaved work is
    /// offered now; other drafts' is offered on the drafts list.
    pub fn editing(dirs: Dirs, catalog: Catalog, draft: Draft) -> App {
        let mut app = App::new(dirs, catalog);
        app.dialog = None;
        app.attach(draft);
        app
    }

    /// The files an export in `choice` to `folder` would write (the default folder when
    /// `folder` is blank).
    pub fn export_paths(&self, choice: ExportChoice, folder: &str) -> Vec<(crate::export::Format, PathBuf)> {
        let Some(draft) = &self.draft else {
            return Vec::new();
        };
        let folder = if folder.trim().is_empty() {
            self.exports_dir.clone()
        } else {
            crate::dirs::expand_home(folder.trim())
        };
        choice
            .formats()
            .iter()
            .map(|format| {
                (
                    *format,
                    crate::export::default_path(&folder, &draft.response, *format),
                )
            })
            .collect()
    }

    /// The file the comparison's export in `format` to `folder` would write (the default
    /// folder when `folder` is blank), when there is a comparison on screen.
    pub fn comparison_export_path(&self, format: crate::compare::Format, folder: &str) -> Option<PathBuf> {
        let comparison = self.comparison()?.comparison.as_ref()?;
        let folder = if folder.trim().is_empty() {
            self.exports_dir.clone()
        } else {
            crate::dirs::expand_home(folder.trim())
        };
        Some(crate::compare::default_path(&folder, comparison, format))
    }

    /// Reads the drafts list again, keeping the selection where it can; on the drafts
    /// list, or going back to it.
    /// The drafts list, read again and shown, unless a draft is open: the list is never on
    /// screen while a draft (and its lock) is held; leaving a draft goes through `go_home`.
    pub fn refresh_drafts(&mut self) {
        if self.draft.is_some() {
            return;
        }
        let selected = self.home().map_or(0, |home| home.selected);
        let (drafts, unreadable) = drafts::list(&self.dirs.drafts(), &self.catalog);
        self.screen = Screen::Home(DraftList::new(drafts, unreadable, selected));
    }

    /// The drafts list, when it is on screen.
    pub fn home(&self) -> Option<&DraftList> {
        match &self.screen {
            Screen::Home(list) => Some(list),
            _ => None,
        }
    }

    pub fn home_mut(&mut self) -> Option<&mut DraftList> {
        match &mut self.screen {
            Screen::Home(list) => Some(list),
            _ => None,
        }
    }

    /// The comparison, when it is on screen.
    pub fn comparison(&self) -> Option<&compare::CompareView> {
        match &self.screen {
            Screen::Compare(view) => Some(view),
            _ => None,
        }
    }

    pub fn comparison_mut(&mut self) -> Option<&mut compare::CompareView> {
        match &mut self.screen {
            Screen::Compare(view) => Some(view),
            _ => None,
        }
    }

    /// Where keys go now. Help and dialogs sit over the screen and take keys first.
    pub fn focused(&self) -> Focused {
        if self.help.is_some() {
            return Focused::Help;
        }
        match &self.dialog {
            Some(Dialog::Confirm { .. }) => return Focused::Confirm,
            Some(Dialog::Choose(_)) => return Focused::Choose,
            Some(Dialog::NewResponse { .. }) => return Focused::NewResponse,
            Some(Dialog::Export { .. }) => return Focused::Export,
            Some(Dialog::GoTo { .. }) => return Focused::GoTo,
            Some(Dialog::Text { .. }) => return Focused::Text,
            Some(Dialog::CompareExport { .. }) => return Focused::CompareExport,
            None => {}
        }
        match &self.screen {
            Screen::Home(_) => Focused::Home,
            Screen::Trash(_) => Focused::Trash,
            Screen::Walk if self.review.open => Focused::Reviews,
            Screen::Walk if self.joint.as_ref().is_some_and(|p| p.focused) => Focused::Members,
            Screen::Walk => Focused::Walk(self.draft.as_ref().map_or(Focus::Position, Draft::focus)),
            Screen::Respondent(form) => Focused::Respondent(form.focus),
            Screen::Review { .. } => Focused::Review,
            Screen::Versions { .. } => Focused::Versions,
            Screen::Placing(view) => Focused::Placing(view.part()),
            Screen::Compare(view) => Focused::Compare(view.part()),
        }
    }

    /// Which binding tables apply now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        keymap::contexts(self.focused())
    }

    /// Whether keys that are not bound should be typed into a text field.
    pub fn takes_text(&self) -> bool {
        self.focused().takes_text()
    }
}
