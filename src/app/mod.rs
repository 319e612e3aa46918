//! The app's state. Input becomes an [`Action`]; [`update`] changes the state;
//! the `ui` module draws it without changing anything.

pub mod action;
pub mod draft;
pub mod home;
pub mod keymap;
pub mod update;

use std::path::PathBuf;

use ratatui_textarea::TextArea;

pub use action::Action;
pub use draft::{Draft, Focus, SaveJob, SaveState};
use home::DraftSummary;
use keymap::Context;
pub use update::update;

use crate::catalog::Catalog;
use crate::storage::Dirs;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Trash,
    Walk,
    Respondent,
    Review,
}

/// Export as Markdown, JSON or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportChoice {
    Markdown,
    Json,
    Both,
}

impl ExportChoice {
    pub fn formats(self) -> &'static [crate::export::Format] {
        use crate::export::Format;
        match self {
            ExportChoice::Markdown => &[Format::Markdown],
            ExportChoice::Json => &[Format::Json],
            ExportChoice::Both => &[Format::Markdown, Format::Json],
        }
    }

    pub fn next(self) -> Self {
        match self {
            ExportChoice::Markdown => ExportChoice::Json,
            ExportChoice::Json => ExportChoice::Both,
            ExportChoice::Both => ExportChoice::Markdown,
        }
    }
}

/// Something that waits for a yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    DeleteDraft(PathBuf),
    MarkFinal,
    Overwrite(Vec<PathBuf>),
}

pub enum Dialog {
    NewResponse {
        set: usize,
        organisation: TextArea<'static>,
    },
    Export {
        choice: ExportChoice,
        folder: TextArea<'static>,
    },
    Confirm {
        question: String,
        pending: Pending,
    },
}

/// The respondent form's fields in order.
pub const RESPONDENT_FIELDS: [&str; 5] = [
    "Organisation",
    "Contact name",
    "Role",
    "Email",
    "On behalf of the organisation",
];

pub struct RespondentForm {
    pub focus: usize,
    /// Organisation, contact name, role, email.
    pub fields: [TextArea<'static>; 4],
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
    pub screen: Screen,
    pub dialog: Option<Dialog>,
    /// The help overlay's scroll offset, when it is open.
    pub help: Option<u16>,
    pub drafts: Vec<DraftSummary>,
    pub trash: Vec<DraftSummary>,
    /// Drafts that could not be read, to say so on the home screen.
    pub unreadable: Vec<String>,
    pub selected: usize,
    pub draft: Option<Draft>,
    pub respondent: Option<RespondentForm>,
    pub review_selected: usize,
    pub message: Option<Message>,
    /// Where exports go unless the user says otherwise.
    pub exports_dir: PathBuf,
    pub quit: bool,
    /// Colour is only a help: with `NO_COLOR` set, the screens use bold, reverse and symbols alone.
    pub color: bool,
    /// For showing "last saved" times.
    pub time_zone: jiff::tz::TimeZone,
}

impl App {
    /// The home screen over the drafts in `dirs`; with none yet, straight to starting one.
    pub fn new(dirs: Dirs, catalog: Catalog) -> App {
        let mut app = App {
            dirs,
            catalog,
            screen: Screen::Home,
            dialog: None,
            help: None,
            drafts: Vec::new(),
            trash: Vec::new(),
            unreadable: Vec::new(),
            selected: 0,
            draft: None,
            respondent: None,
            review_selected: 0,
            message: None,
            exports_dir: PathBuf::from(crate::cli::EXPORTS_DIR),
            quit: false,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            time_zone: jiff::tz::TimeZone::system(),
        };
        app.refresh_drafts();
        if app.drafts.is_empty() && app.unreadable.is_empty() {
            app.dialog = Some(update::new_response_dialog());
        }
        app
    }

    /// The walk-through on an already opened response.
    pub fn editing(dirs: Dirs, catalog: Catalog, draft: Draft) -> App {
        let mut app = App::new(dirs, catalog);
        app.dialog = None;
        app.draft = Some(draft);
        app.screen = Screen::Walk;
        app
    }

    pub fn refresh_drafts(&mut self) {
        let (drafts, unreadable) = home::list(&self.dirs.drafts(), &self.catalog);
        self.drafts = drafts;
        self.unreadable = unreadable;
        self.selected = self.selected.min(self.drafts.len().saturating_sub(1));
    }

    /// Which binding tables apply now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        if self.help.is_some() {
            return vec![Context::Help, Context::Global];
        }
        match &self.dialog {
            Some(Dialog::Confirm { .. }) => return vec![Context::Confirm],
            Some(Dialog::NewResponse { .. }) => return vec![Context::NewResponse, Context::Global],
            Some(Dialog::Export { .. }) => return vec![Context::Export, Context::Global],
            None => {}
        }
        match self.screen {
            Screen::Home => vec![Context::Home, Context::Global],
            Screen::Trash => vec![Context::Trash, Context::Global],
            Screen::Review => vec![Context::Review, Context::Global],
            Screen::Respondent => {
                let on_checkbox = self.respondent.as_ref().is_some_and(|f| f.focus == 4);
                if on_checkbox {
                    vec![Context::Checkbox, Context::Form, Context::Global]
                } else {
                    vec![Context::Form, Context::Global]
                }
            }
            Screen::Walk => match &self.draft {
                Some(d) if d.typing() => vec![Context::Editor, Context::Walk, Context::Global],
                _ => vec![Context::Browse, Context::Walk, Context::Global],
            },
        }
    }

    /// Whether keys that are not bound should be typed into a text field.
    pub fn takes_text(&self) -> bool {
        if self.help.is_some() {
            return false;
        }
        match &self.dialog {
            Some(Dialog::NewResponse { .. } | Dialog::Export { .. }) => true,
            Some(Dialog::Confirm { .. }) => false,
            None => match self.screen {
                Screen::Walk => self.draft.as_ref().is_some_and(Draft::typing),
                Screen::Respondent => self.respondent.as_ref().is_some_and(|f| f.focus < 4),
                _ => false,
            },
        }
    }
}
