//! End to end: the real binary in a pseudo-terminal, typed at like a person.

use crate::support;

use std::path::Path;

use support::files::{files_in, only_draft, wait_for_text};
use support::fixtures::copy_into;
use support::pty::{CTRL_E, CTRL_Q, ENTER, PAGE_DOWN, Session, TAB};
use support::{LOCAL_GOVERNMENT, dirs};

/// The text of the one draft, once consult has gone: no temporary file is left beside it.
fn saved_draft(home: &Path) -> String {
    let draft = only_draft(home);
    let files = files_in(&dirs(home).drafts());
    assert_eq!(files.len(), 1, "nothing but the draft: {files:?}");
    std::fs::read_to_string(&draft).unwrap()
}

#[test]
fn start_answer_quit_reopen_and_export() {
    let home = tempfile::tempdir().unwrap();
    let answer = "Rydym yn cytuno – ‘iawn’, 東京 👍";

    let mut app = Session::start(home.path(), &[]);
    app.start_response("Cyngor Môn");
    app.send(PAGE_DOWN);
    app.wait_for("Question 1");
    app.send("2");
    app.wait_for("(•) 2 + Partly");
    app.send(TAB);
    app.type_text(answer);
    app.wait_for("東京");
    app.send(CTRL_Q);
    assert!(app.wait_exit(), "Ctrl-Q exits cleanly");

    let saved = saved_draft(home.path());
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

/// Typing is saved once it stops, with no quit, pause or key to ask for it, and a kill after
/// that loses nothing. (How soon it is saved, under two seconds, is checked with time under
/// the test's control in `tests/update.rs`.)
#[cfg(unix)]
#[test]
fn typing_is_saved_once_it_stops_and_survives_a_kill() {
    let home = tempfile::tempdir().unwrap();
    let mut app = Session::start(home.path(), &[]);
    app.start_response("Kill test");
    let typed = "Words typed in a meeting, just before the lid closed – ŵ ŷ";
    app.type_text(typed);
    wait_for_text(&only_draft(home.path()), typed);
    app.signal("KILL");
    assert!(!app.wait_exit(), "killed, not exited");
    let saved = saved_draft(home.path());
    assert!(
        saved.contains(typed),
        "the typed text survived the kill:\n{saved}"
    );
}

#[test]
fn edit_opens_a_file_straight_into_the_walk_through_and_saves_back_to_it() {
    let home = tempfile::tempdir().unwrap();
    let file = copy_into(LOCAL_GOVERNMENT, home.path());
    let mut app = Session::edit(home.path(), &file);
    app.wait_for("Further comments");
    app.wait_for("Local Government Association");
    app.type_text(" Diolch.");
    app.send(CTRL_Q);
    assert!(app.wait_exit());
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("Diolch."), "saved back to the file it opened");
}

#[test]
fn a_decision_is_captured_in_seconds_with_nothing_typed_astray() {
    let home = tempfile::tempdir().unwrap();
    let mut app = Session::start(home.path(), &[]);
    app.start_response("Cyngor Môn");
    // Go to Question 2 by its number, then just type: letters on the picker start the answer.
    app.send("\x0c"); // Ctrl-L
    app.wait_for("Go to:");
    app.type_text("2");
    app.send(ENTER);
    app.wait_for("Question 2   ○ not started");
    app.type_text("we think 3 is right");
    app.wait_for("we think 3 is right");
    app.send(CTRL_Q);
    assert!(app.wait_exit());

    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(only_draft(home.path())).unwrap()).unwrap();
    let answers = saved["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 1, "only Question 2 was touched: {answers:?}");
    assert_eq!(answers[0]["item"], "q2");
    assert_eq!(answers[0]["answer"], "we think 3 is right");
    assert_eq!(answers[0]["position"], serde_json::Value::Null);
}

#[cfg(unix)]
#[test]
fn an_answer_goes_to_your_own_editor_and_comes_back_as_one_undoable_edit() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    // A stand-in for the user's editor: it notes what the recovery copy holds while it
    // runs, and adds a sentence to the file it is given.
    let editor = home.path().join("fake-editor");
    let seen = home.path().join("seen-while-editing");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ncat \"$CONSULT_DATA_DIR\"/recovery/*.json > '{}'\nprintf ' Added in my editor.' >> \"$1\"\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut app = Session::start_with(
        home.path(),
        &[],
        &[("VISUAL", editor.to_str().unwrap()), ("EDITOR", "false")],
    );
    app.start_response("Cyngor Môn");
    app.type_text("Typed here.");
    app.wait_for("Typed here.");
    app.send("\x18"); // Ctrl-X
    app.wait_for("Typed here. Added in my editor.");
    app.wait_for("6/300 words");
    app.send("\x1a"); // Ctrl-Z takes the whole edit back at once
    app.wait_for("2/300 words");
    app.send("\x19"); // Ctrl-Y
    app.wait_for("6/300 words");
    app.send(CTRL_Q);
    assert!(app.wait_exit());
    assert!(saved_draft(home.path()).contains("\"answer\": \"Typed here. Added in my editor.\""));
    let recovery = std::fs::read_to_string(&seen).unwrap();
    assert!(
        recovery.contains("Typed here."),
        "the recovery copy held the text while the editor ran: {recovery}"
    );
}

/// The editor reads its keys from the terminal itself, as vim does: while it runs, consult
/// takes none of them, and once it ends consult reads keys again.
#[cfg(unix)]
#[test]
fn the_users_editor_gets_every_key_typed_while_it_runs() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let editor = home.path().join("line-editor");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Editor ready> '\nread line\nprintf ' %s' \"$line\" >> \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut app = Session::start_with(home.path(), &[], &[("VISUAL", editor.to_str().unwrap())]);
    app.start_response("Cyngor Môn");
    app.type_text("Typed here.");
    app.wait_for("Typed here.");
    app.send("\x18"); // Ctrl-X
    app.wait_for("Editor ready>");
    app.send("Typed in the editor.\r");
    app.wait_for("Typed here. Typed in the editor.");
    app.type_text(" And after.");
    app.wait_for("Typed in the editor. And after.");
    app.send(CTRL_Q);
    assert!(app.wait_exit());
}

/// A secretariat in a meeting: compares three members' responses, starts a joint response
/// from the comparison with one key, adopts a sentence on Element 6, exports with
/// attribution, then from the command line without it.
#[test]
fn a_joint_response_is_built_from_the_comparison_and_exported_with_and_without_attribution() {
    let home = tempfile::tempdir().unwrap();
    let members = home.path().join("members");
    std::fs::create_dir_all(&members).unwrap();
    let files: Vec<String> = [
        support::COMMISSION,
        LOCAL_GOVERNMENT,
        "tests/fixtures/northshire-combined-authority.json",
    ]
    .iter()
    .map(|f| copy_into(f, &members).display().to_string())
    .collect();
    let mut args = vec!["compare"];
    args.extend(files.iter().map(String::as_str));
    let mut app = Session::start(home.path(), &args);
    app.wait_for("3 responses");
    app.send("J");
    app.wait_for("Joint response from");
    app.type_text("Devolution Network");
    app.send(ENTER);
    app.wait_for("3 members");
    app.send("\x0c"); // Ctrl-L: go to
    app.type_text("Element 6");
    app.send(ENTER);
    app.wait_for("Enable the best alignment");
    app.send("\x1b[20~"); // F9: the members' texts
    app.wait_for("Enter adopts");
    app.send(ENTER);
    app.wait_for("Adopted into the answer");
    app.send(support::pty::ESC);
    app.send(CTRL_E);
    app.wait_for("Will write:");
    app.send(ENTER);
    app.wait_for("Exported to");
    app.send(CTRL_Q);
    assert!(app.wait_exit());

    let exported = home.path().join("exports/devolution-network-integrating-care.md");
    let markdown = std::fs::read_to_string(&exported).unwrap();
    assert!(markdown.contains("We support this element.[^1]"), "{markdown}");
    assert!(markdown.contains(
        "[^1]: From Health Devolution Commission, Local Government Association and Northshire Combined Authority."
    ));
    let joint = only_draft(home.path());
    let sent = home.path().join("as-sent.md");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_consult"))
        .args([
            "export",
            joint.to_str().unwrap(),
            "--format",
            "md",
            "--no-attribution",
            "--out",
        ])
        .arg(&sent)
        .envs(support::folders_env(home.path()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let as_sent = std::fs::read_to_string(&sent).unwrap();
    assert!(as_sent.contains("We support this element.\n"), "{as_sent}");
    assert!(!as_sent.contains("[^1]"));
}

#[test]
fn consult_edit_of_a_draft_on_an_earlier_set_version_offers_the_current_one_and_keeps_the_answer() {
    let home = tempfile::tempdir().unwrap();
    let earlier = "tests/fixtures/v1/local-government.json";
    let file = copy_into(earlier, home.path());
    let mut app = Session::edit(home.path(), &file);
    app.wait_for("An earlier version of the question set");
    app.wait_for("Question 3 (q3) guidance:");
    app.send("k");
    app.wait_for("Kept on the earlier version");
    app.send(CTRL_Q);
    assert!(app.wait_exit());
    assert_eq!(std::fs::read(&file).unwrap(), std::fs::read(earlier).unwrap());

    let mut again = Session::edit(home.path(), &file);
    again.wait_for("Local Government Association");
    assert!(
        !again.contents().contains("earlier version"),
        "{}",
        again.contents()
    );
    again.send(CTRL_Q);
    assert!(again.wait_exit());
}
