//! Driving the app without a terminal: build an [`App`] over a temporary data folder,
//! press keys through the same event mapping the real terminal uses, and run saves
//! as the background saver would.

#![allow(dead_code)] // each test file uses a different part

pub mod files;
pub mod pty;
pub mod wait;

use std::path::{Path, PathBuf};
use std::time::Instant;

use consult::app::saving::perform;
use consult::app::{Action, App, update};
use consult::catalog::Catalog;
use consult::storage::Dirs;
use consult::tui::event::to_action;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

pub const COMMISSION: &str = "tests/fixtures/health-devolution-commission.json";
pub const LOCAL_GOVERNMENT: &str = "tests/fixtures/local-government.json";

/// consult's folders for a test whose scratch folder is `home`: `home/data` and `home/config`.
pub fn dirs(home: &Path) -> Dirs {
    Dirs {
        data: home.join("data"),
        config: home.join("config"),
    }
}

pub struct Harness {
    pub dir: TempDir,
    pub app: App,
}

impl Harness {
    /// An app whose drafts folder holds copies of `fixtures`.
    pub fn with_drafts(fixtures: &[&str]) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let dirs = dirs(dir.path());
        std::fs::create_dir_all(dirs.drafts()).unwrap();
        for fixture in fixtures {
            let name = Path::new(fixture).file_name().unwrap();
            std::fs::copy(fixture, dirs.drafts().join(name)).unwrap();
        }
        let mut app = App::new(dirs, Catalog::built_in());
        app.exports_dir = dir.path().join("exports");
        app.time_zone = jiff::tz::TimeZone::UTC;
        app.color = false;
        Harness { dir, app }
    }

    pub fn fresh() -> Harness {
        Harness::with_drafts(&[])
    }

    pub fn drafts_dir(&self) -> PathBuf {
        self.app.dirs.drafts()
    }

    /// Feeds one terminal event through the real mapping and update step, running any save.
    pub fn event(&mut self, event: Event) {
        if let Some(action) = to_action(&self.app, event) {
            self.act(action);
        }
    }

    pub fn act(&mut self, action: Action) {
        if let Some(job) = update(&mut self.app, action) {
            let outcome = perform(&job);
            update(&mut self.app, Action::Saved(outcome));
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn ctrl(&mut self, c: char) {
        self.event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    }

    pub fn shift_tab(&mut self) {
        self.event(Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)));
    }

    /// Types `text` one key at a time, as a person would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            self.key(code);
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.event(Event::Paste(text.to_string()));
    }

    pub fn tick(&mut self, at: Instant) {
        self.act(Action::Tick(at));
    }

    /// Opens the draft at `index` of the home list.
    pub fn open(&mut self, index: usize) {
        for _ in 0..index {
            self.key(KeyCode::Down);
        }
        self.key(KeyCode::Enter);
    }

    /// What the header says about saving the open draft.
    pub fn save_state(&self) -> consult::app::SaveState {
        self.app.draft.as_ref().expect("a draft is open").save_state()
    }

    /// The feedback line in the footer, or "" when there is none.
    pub fn message(&self) -> &str {
        self.app.message.as_ref().map_or("", |m| m.text.as_str())
    }

    /// The current item's id.
    pub fn item(&self) -> String {
        self.app.draft.as_ref().unwrap().item().id.clone()
    }

    pub fn answer(&self, item: &str) -> consult::model::Answer {
        let draft = self.app.draft.as_ref().unwrap();
        draft.response.answer(item).cloned().unwrap_or_default()
    }
}

/// Everything on a test terminal's screen, as lines of text.
pub fn screen_text(backend: &ratatui::backend::TestBackend) -> String {
    let buffer = backend.buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}
