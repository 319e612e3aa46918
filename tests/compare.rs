//! Comparing responses: the matrix, its markers and filters, every export, hostile
//! text, mixed sets and versions, corrupt files, exit codes, and the screen.

mod support;

use std::path::{Path, PathBuf};

use consult::app::App;
use consult::catalog::Catalog;
use consult::storage::Dirs;
use consult::ui;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::{COMMISSION, Harness, LOCAL_GOVERNMENT, screen_text};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join(name)
}

/// A harness whose app is on the comparison screen for `files`, as `consult compare` opens it.
fn comparing(files: &[PathBuf]) -> Harness {
    let mut h = Harness::fresh();
    let dirs = Dirs {
        data: h.dir.path().join("data"),
        config: h.dir.path().join("config"),
    };
    let mut app = App::comparing(dirs, Catalog::built_in(), files.to_vec(), None);
    app.color = false;
    app.time_zone = jiff::tz::TimeZone::UTC;
    if let Some(view) = app.compare.as_mut() {
        view.wait();
    }
    h.app = app;
    h
}

fn render(h: &Harness, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(&h.app, frame)).unwrap();
    terminal
}

fn samples() -> Vec<PathBuf> {
    vec![fixture(COMMISSION), fixture(LOCAL_GOVERNMENT)]
}

#[test]
fn peek() {
    let mut h = comparing(&samples());
    for (w, hh) in [(80, 24), (160, 48)] {
        println!("{}", screen_text(render(&h, w, hh).backend()));
    }
    h.key(KeyCode::Enter);
    println!("{}", screen_text(render(&h, 80, 24).backend()));
}
