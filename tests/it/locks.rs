//! One draft, one writer: however a second consult names a draft that is open in
//! another, it is refused, naming the process that has it.

use crate::support;

use support::pty::{CTRL_Q, Session};
use support::sandbox::Sandbox;

const FIXTURE: &str = "tests/fixtures/local-government.json";

/// Opens `draft.json` in the sandbox in a consult (as `consult edit draft.json`, from
/// there), then runs a second `consult edit SPELLING` beside it and checks it is refused.
fn second_consult_is_refused(home: &Sandbox, spelling: &str) {
    let draft = home.path().join("draft.json");
    let mut first = Session::start(home.path(), &["edit", "draft.json"]);
    first.wait_for("Local Government Association");
    let before = std::fs::read(&draft).unwrap();

    // In a terminal of its own: without one it would stop before trying the draft at all.
    let mut second = Session::start(home.path(), &["edit", spelling]);
    assert!(!second.wait_exit(), "{spelling}: refused");
    second.wait_for(&format!("open in another consult (process {})", first.pid()));
    assert_eq!(std::fs::read(&draft).unwrap(), before, "untouched");

    first.send(CTRL_Q);
    assert!(first.wait_exit(), "the first consult goes on and quits cleanly");
}

fn home_with_draft() -> Sandbox {
    let home = Sandbox::new();
    std::fs::copy(FIXTURE, home.path().join("draft.json")).unwrap();
    home
}

#[test]
fn the_same_relative_path_is_refused() {
    let home = home_with_draft();
    second_consult_is_refused(&home, "draft.json");
}

#[test]
fn the_absolute_path_is_refused() {
    let home = home_with_draft();
    let absolute = home.path().join("draft.json");
    second_consult_is_refused(&home, absolute.to_str().unwrap());
}

#[test]
fn a_path_through_dot_dot_is_refused() {
    let home = home_with_draft();
    std::fs::create_dir(home.path().join("sub")).unwrap();
    second_consult_is_refused(&home, "sub/../draft.json");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_the_draft_is_refused() {
    let home = home_with_draft();
    std::os::unix::fs::symlink("draft.json", home.path().join("link.json")).unwrap();
    second_consult_is_refused(&home, "link.json");
}

#[cfg(unix)]
#[test]
fn a_hard_link_to_the_draft_is_refused() {
    let home = home_with_draft();
    std::fs::hard_link(home.path().join("draft.json"), home.path().join("hard.json")).unwrap();
    second_consult_is_refused(&home, "hard.json");
}

#[test]
fn another_draft_opens_beside_an_open_one() {
    let home = home_with_draft();
    std::fs::copy(FIXTURE, home.path().join("other.json")).unwrap();
    let mut first = Session::start(home.path(), &["edit", "draft.json"]);
    first.wait_for("Local Government Association");
    let mut second = Session::start(home.path(), &["edit", "other.json"]);
    second.wait_for("Local Government Association");
    for session in [&mut first, &mut second] {
        session.send(CTRL_Q);
        assert!(session.wait_exit());
    }
}

#[test]
fn at_80_columns_the_message_gives_the_reason_whole() {
    let mut h = support::Harness::with_drafts(&[support::COMMISSION]);
    let path = h.app.home().unwrap().drafts[0].path.clone();
    let _held = consult::drafts::lock(&h.app.dirs.locks(), &consult::drafts::DraftId::of(&path)).unwrap();
    h.key(crossterm::event::KeyCode::Enter);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| consult::ui::draw(&h.app, frame)).unwrap();
    let screen = support::screen_text(terminal.backend());
    // The footer: the lines below the drafts panel.
    let below = screen.rsplit_once('┘').map_or("", |(_, rest)| rest);
    let footer = below.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        footer.starts_with(&format!(
            "This draft is open in another consult (process {}); close it there first",
            std::process::id()
        )),
        "{screen}"
    );
    assert!(
        footer.contains("health-devolution-commission.json"),
        "the file too: {screen}"
    );
}
