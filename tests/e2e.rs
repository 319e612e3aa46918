//! End to end: the real binary in a pseudo-terminal, typed at like a person.

mod support;

use std::path::Path;
use std::time::Duration;

use support::pty::{CTRL_E, CTRL_Q, ENTER, PAGE_DOWN, Session, TAB};

fn only_draft(home: &Path) -> String {
    let drafts: Vec<_> = std::fs::read_dir(home.join("data/drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    std::fs::read_to_string(&drafts[0]).unwrap()
}

#[test]
fn start_answer_quit_reopen_and_export() {
    let home = tempfile::tempdir().unwrap();
    let answer = "Rydym yn cytuno – ‘iawn’, 東京 👍";

    let mut app = Session::start(home.path(), &[]);
    app.wait_for("Start a new response");
    app.type_text("Cyngor Môn");
    app.send(ENTER);
    app.wait_for("0/14 answered");
    app.send(PAGE_DOWN);
    app.wait_for("Question 1");
    app.send("2");
    app.wait_for("(•) 2 + Partly");
    app.send(TAB);
    app.type_text(answer);
    app.wait_for("東京");
    app.send(CTRL_Q);
    assert!(app.wait_exit(), "Ctrl-Q exits cleanly");

    let saved = only_draft(home.path());
    assert!(saved.contains(&format!("\"answer\": \"{answer}\"")), "{saved}");
    assert!(saved.contains("\"position\": \"partly-agree\""));

    // Reopen: the draft is listed, and opens at the item last edited with everything in place.
    let mut app = Session::start(home.path(), &[]);
    app.wait_for("Cyngor Môn");
    app.send(ENTER);
    app.wait_for("Question 1");
    app.wait_for("(•) 2 + Partly");
    app.wait_for("‘iawn’");

    app.send(CTRL_E);
    app.wait_for("Will write:");
    app.send(TAB); // Both -> Markdown only
    app.wait_for("(•) Markdown");
    app.send(ENTER);
    app.wait_for("Exported to");
    app.send(CTRL_Q);
    assert!(app.wait_exit());

    let markdown =
        std::fs::read_to_string(home.path().join("exports/cyngor-mon-integrating-care.md")).unwrap();
    assert!(markdown.starts_with("# Integrating care"), "{markdown}");
    assert!(markdown.contains("response from Cyngor Môn"));
    assert!(markdown.contains("**Position: Partly agree**"));
    assert!(markdown.contains(answer));
    assert!(
        !home
            .path()
            .join("exports/cyngor-mon-integrating-care.json")
            .exists(),
        "Markdown only"
    );
}

#[cfg(unix)]
#[test]
fn typing_survives_a_kill_two_seconds_after_it_stops() {
    let home = tempfile::tempdir().unwrap();
    let mut app = Session::start(home.path(), &[]);
    app.wait_for("Start a new response");
    app.type_text("Kill test");
    app.send(ENTER);
    app.wait_for("0/14 answered");
    let typed = "Words typed in a meeting, just before the lid closed – ŵ ŷ";
    app.type_text(typed);
    std::thread::sleep(Duration::from_secs(2));
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &app.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(!app.wait_exit(), "killed, not exited");
    let saved = only_draft(home.path());
    assert!(
        saved.contains(typed),
        "the typed text survived the kill:\n{saved}"
    );
}

#[test]
fn edit_opens_a_file_straight_into_the_walk_through_and_saves_back_to_it() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("lga.json");
    std::fs::copy("tests/fixtures/local-government.json", &file).unwrap();
    let mut app = Session::start(home.path(), &["edit", file.to_str().unwrap()]);
    app.wait_for("Further comments");
    app.wait_for("Local Government Association");
    app.type_text(" Diolch.");
    app.send(CTRL_Q);
    assert!(app.wait_exit());
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("Diolch."), "saved back to the file it opened");
}
