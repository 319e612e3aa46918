//! Driving the app without a terminal: build an [`App`] over a temporary data folder,
//! press keys through the same event mapping the real terminal uses, and run saves
//! as the background saver would. The submodules serve the other kinds of test: the real
//! binary on the command line ([`sandbox`]) and in a terminal ([`pty`]), the files it writes
//! ([`files`]), the repository's fixtures ([`fixtures`]), and waiting for events ([`wait`]).

pub mod corpus;
pub mod docx;
pub mod files;
pub mod fixtures;
pub mod painted;
pub mod pty;
pub mod review_copy;
pub mod reviews;
pub mod samples;
pub mod sandbox;
pub mod wait;

use std::path::{Path, PathBuf};
use std::time::Instant;

use consult::app::{Action, App, Effect, update};
use consult::catalog::Catalog;
use consult::dirs::Dirs;
use consult::drafts::perform;
use consult::tui::event::to_action;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

use fixtures::copy_into;

pub const COMMISSION: &str = "tests/fixtures/health-devolution-commission.json";
pub const LOCAL_GOVERNMENT: &str = "tests/fixtures/local-government.json";

/// consult's folders for a test whose scratch folder is `home`: `home/data` and `home/config`.
pub fn dirs(home: &Path) -> Dirs {
    Dirs {
        data: home.join("data"),
        config: home.join("config"),
    }
}

/// The environment that points consult at its folders under `home` (see [`dirs`]).
pub fn folders_env(home: &Path) -> [(&'static str, PathBuf); 2] {
    let dirs = dirs(home);
    [
        ("CONSULT_DATA_DIR", dirs.data),
        ("CONSULT_CONFIG_DIR", dirs.config),
    ]
}

pub struct Harness {
    pub dir: TempDir,
    pub app: App,
    /// What the update step asked of the event loop other than saves, as the loop would
    /// have had it done: ending the program, a clipboard copy, the editor program.
    pub quit: bool,
    pub clipboard: Option<String>,
    pub external_edit: Option<String>,
}

impl Harness {
    /// An app whose drafts folder holds copies of `fixtures`.
    pub fn with_drafts(fixtures: &[&str]) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let drafts = dirs(dir.path()).drafts();
        std::fs::create_dir_all(&drafts).unwrap();
        for fixture in fixtures {
            copy_into(fixture, &drafts);
        }
        Harness::starting_in(dir, Catalog::built_in())
    }

    pub fn fresh() -> Harness {
        Harness::with_drafts(&[])
    }

    /// The app as it starts over consult's folders in `dir` (see [`dirs`]), knowing `catalog`.
    pub fn starting_in(dir: TempDir, catalog: Catalog) -> Harness {
        let app = set_up(App::new(dirs(dir.path()), catalog), dir.path());
        Harness {
            dir,
            app,
            quit: false,
            clipboard: None,
            external_edit: None,
        }
    }

    /// A fresh start, then a new response for `organisation`: on its first item, the
    /// executive summary, ready for typing.
    pub fn new_response(organisation: &str) -> Harness {
        let mut h = Harness::fresh();
        h.start_response(organisation);
        h
    }

    /// Fills in the new-response dialog with `organisation` and starts the response.
    pub fn start_response(&mut self, organisation: &str) {
        self.type_text(organisation);
        self.key(KeyCode::Enter);
    }

    /// `app`, made over this harness's folders, set up as the harness's own app is.
    pub fn set_up(&self, app: App) -> App {
        set_up(app, self.dir.path())
    }

    /// A new app over the same folders: what the next start of consult sees.
    pub fn reopened(&self) -> App {
        self.set_up(App::new(self.app.dirs.clone(), Catalog::built_in()))
    }

    pub fn drafts_dir(&self) -> PathBuf {
        self.app.dirs.drafts()
    }

    /// Feeds one terminal event through the real mapping and update step, running any
    /// save. On the comparison, as in the real event loop, a frame (80×24) is drawn first
    /// and what it showed is passed back in, so keys scroll from what is on screen. (Only
    /// the comparison needs that; a frame of the walk-through would scroll its editors
    /// to fit 80×24, as a real window of that size would, and tests draw several sizes.)
    pub fn event(&mut self, event: Event) {
        if self.app.comparison().is_some() {
            let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
            let mut shown = Default::default();
            terminal
                .draw(|frame| shown = consult::ui::draw_and_report(&self.app, frame))
                .unwrap();
            update(&mut self.app, Action::Layout(shown));
        }
        if let Some(action) = to_action(&self.app, event) {
            self.act(action);
        }
    }

    /// Applies `action` and does what the update step asks, as the event loop would:
    /// saves are written at once and their outcomes taken in.
    pub fn act(&mut self, action: Action) {
        let mut next = update(&mut self.app, action);
        while let Some(effect) = next.take() {
            match effect {
                Effect::Save(job) => next = update(&mut self.app, Action::Saved(perform(&job))),
                Effect::Quit => self.quit = true,
                Effect::Clipboard(text) => self.clipboard = Some(text),
                Effect::Edit(text) => self.external_edit = Some(text),
            }
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

    /// The open draft's file.
    pub fn draft_path(&self) -> PathBuf {
        self.app.draft.as_ref().expect("a draft is open").path.clone()
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

/// The app of `h` drawn into a test terminal of `width` × `height`.
pub fn render(h: &Harness, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| consult::ui::draw(&h.app, frame)).unwrap();
    terminal
}

/// The text of the screen of `h`'s app at `width` × `height`.
pub fn screen(h: &Harness, width: u16, height: u16) -> String {
    screen_text(render(h, width, height).backend())
}

/// Sets `app` up as every test app is: exports in `home/exports`, times in UTC, no colour.
fn set_up(mut app: App, home: &Path) -> App {
    app.exports_dir = home.join("exports");
    app.look.time_zone = jiff::tz::TimeZone::UTC;
    app.look.color = false;
    app
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

/// Selects the member named `name` in the panel (which has focus).
pub fn select_member(h: &mut Harness, name: &str) {
    for _ in 0..3 {
        h.key(KeyCode::Up);
    }
    for _ in 0..3 {
        let screen = screen_text(render(h, 120, 40).backend());
        let draft = h
            .app
            .draft
            .as_ref()
            .unwrap_or_else(|| panic!("no draft open: {screen}"));
        let joint = draft.response.joint.as_ref().unwrap();
        let panel = h.app.joint.as_ref().unwrap();
        let selected = panel.selected(joint, &draft.item().id).unwrap();
        if joint.members[selected].organisation == name {
            return;
        }
        h.key(KeyCode::Down);
    }
    panic!("{name} is not listed");
}
