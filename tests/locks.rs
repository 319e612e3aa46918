//! One draft, one writer: however a second consult names a draft that is open in
//! another, it is refused, naming the process that has it.

mod support;

use std::path::Path;

use support::pty::{CTRL_Q, Session};

const FIXTURE: &str = "tests/fixtures/local-government.json";

/// Opens `home/draft.json` in a consult (as `consult edit draft.json`, from `home`),
/// then runs a second `consult edit SPELLING` from `home` and checks it is refused.
fn second_consult_is_refused(home: &Path, spelling: &str) {
    let mut first = Session::start(home, &["edit", "draft.json"]);
    first.wait_for("Local Government Association");
    let before = std::fs::read(home.join("draft.json")).unwrap();

    // In a terminal of its own: without one it would stop before trying the draft at all.
    let mut second = Session::start(home, &["edit", spelling]);
    assert!(!second.wait_exit(), "{spelling}: refused");
    second.wait_for(&format!("open in another consult (process {})", first.pid()));
    assert_eq!(
        std::fs::read(home.join("draft.json")).unwrap(),
        before,
        "untouched"
    );

    first.send(CTRL_Q);
    assert!(first.wait_exit(), "the first consult goes on and quits cleanly");
}

fn home_with_draft() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::copy(FIXTURE, home.path().join("draft.json")).unwrap();
    home
}

#[test]
fn the_same_relative_path_is_refused() {
    let home = home_with_draft();
    second_consult_is_refused(home.path(), "draft.json");
}

#[test]
fn the_absolute_path_is_refused() {
    let home = home_with_draft();
    let absolute = home.path().join("draft.json");
    second_consult_is_refused(home.path(), absolute.to_str().unwrap());
}

#[test]
fn a_path_through_dot_dot_is_refused() {
    let home = home_with_draft();
    std::fs::create_dir(home.path().join("sub")).unwrap();
    second_consult_is_refused(home.path(), "sub/../draft.json");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_the_draft_is_refused() {
    let home = home_with_draft();
    std::os::unix::fs::symlink("draft.json", home.path().join("link.json")).unwrap();
    second_consult_is_refused(home.path(), "link.json");
}

#[cfg(unix)]
#[test]
fn a_hard_link_to_the_draft_is_refused() {
    let home = home_with_draft();
    std::fs::hard_link(home.path().join("draft.json"), home.path().join("hard.json")).unwrap();
    second_consult_is_refused(home.path(), "hard.json");
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
