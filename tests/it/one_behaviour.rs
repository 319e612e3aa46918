//! Both front ends, one behaviour: the same drafting script run through the full-screen
//! app's update step and through plain mode (the real binary, piped) leaves the same file,
//! byte for byte but for the moment it was saved.

use std::path::{Path, PathBuf};

use crate::support;

use consult::drafts::{DraftId, recovery};
use consult::export;
use consult::joint;
use consult::model::Response;
use crossterm::event::KeyCode;
use support::fixtures::{built_in, copy_into, response};
use support::sandbox::{Sandbox, run};
use support::{COMMISSION, Harness, LOCAL_GOVERNMENT, dirs};

const NORTHSHIRE: &str = "tests/fixtures/northshire-combined-authority.json";

/// Writes `draft` as `name` in the drafts folder under `home`, with the sample members'
/// files in `home/members`, where a joint draft there names them.
fn lay_out(home: &Path, name: &str, draft: &Response) -> PathBuf {
    let drafts = dirs(home).drafts();
    std::fs::create_dir_all(&drafts).unwrap();
    // Beside the joint draft, in a folder of its own: a member's file may not be outside it.
    let members = drafts.join("members");
    std::fs::create_dir_all(&members).unwrap();
    for fixture in [COMMISSION, LOCAL_GOVERNMENT, NORTHSHIRE] {
        copy_into(fixture, &members);
    }
    let path = drafts.join(name);
    std::fs::write(&path, export::json::render(draft)).unwrap();
    path
}

/// The app on `draft`, laid out in a fresh home, open on its walk-through.
fn app_on(draft: &Response) -> Harness {
    let mut h = Harness::fresh();
    lay_out(h.dir.path(), "draft.json", draft);
    h.key(KeyCode::Esc);
    h.app.refresh_drafts();
    h.open(0);
    h
}

/// Plain mode on `draft`, laid out in a fresh home, given `script`; the file it leaves.
fn plain_on(draft: &Response, script: &str) -> String {
    let sandbox = Sandbox::new();
    let path = lay_out(sandbox.path(), "draft.json", draft);
    let mut command = sandbox.consult(&["edit", "--plain", path.to_str().unwrap()]);
    command.write_stdin(script);
    let done = run(command);
    assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
    std::fs::read_to_string(path).unwrap()
}

/// The app's draft after quitting, which saves it as the event loop does on the way out.
fn app_file(mut h: Harness) -> String {
    let path = h.draft_path();
    h.ctrl('q');
    assert!(h.quit);
    let dirs = h.app.dirs.clone();
    h.app.draft.as_mut().unwrap().save_and_close(&dirs).unwrap();
    std::fs::read_to_string(path).unwrap()
}

/// `file` with the moments of its last save and of taking a member's file blanked: the
/// only things two runs cannot share.
fn unstamped(file: &str) -> String {
    file.lines()
        .map(|line| {
            let key = line.trim_start().split(':').next().unwrap_or("");
            match key {
                "\"updated\"" | "\"taken\"" => format!("{key}: …"),
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_same(app: &str, plain: &str) {
    let (app, plain) = (unstamped(app), unstamped(plain));
    if app != plain {
        let diff = similar::TextDiff::from_lines(&app, &plain);
        panic!(
            "the front ends left different files (- app, + plain):\n{}",
            diff.unified_diff().context_radius(2)
        );
    }
}

#[test]
fn positions_texts_ready_marks_undo_key_points_and_final_alike() {
    let blank = Response::new(&built_in(), "Same Organisation");
    let mut h = app_on(&blank);
    h.type_text("We support statutory ICSs.");
    h.ctrl('r');
    h.key(KeyCode::PageDown);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Tab);
    h.type_text("Partly, with conditions.");
    h.ctrl('r');
    h.ctrl('z');
    h.key(KeyCode::F(8));
    h.key(KeyCode::F(7));
    h.type_text("Conditions first");
    h.key(KeyCode::Enter);
    h.ctrl('g');
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Char('y'));
    let app = app_file(h);
    let plain = plain_on(
        &blank,
        "answer\nWe support statutory ICSs.\n.\nready\nnext\nposition 2\nanswer\nPartly, with conditions.\n.\nready\nundo\ninferred\nkeypoint Conditions first\nfinal\nyes\nquit\n",
    );
    assert!(app.contains("\"status\": \"final\""), "{app}");
    assert!(app.contains("Partly, with conditions."), "{app}");
    assert_same(&app, &plain);
}

#[test]
fn going_back_to_a_saved_version_alike() {
    let draft = response(LOCAL_GOVERNMENT);
    let mut h = app_on(&draft);
    h.key(KeyCode::Tab);
    h.type_text("A change to take back. ");
    h.ctrl('t');
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('y'));
    let app = app_file(h);
    let plain = plain_on(
        &draft,
        "answer\nA change to take back.\n.\nversions\nrestore 1\nyes\nquit\n",
    );
    assert!(!app.contains("A change to take back."), "{app}");
    assert_same(&app, &plain);
}

/// A joint draft of the three sample members, whose files [`lay_out`] puts beside it.
fn joint_of_samples() -> Response {
    let members: Vec<(String, Response)> = [COMMISSION, LOCAL_GOVERNMENT, NORTHSHIRE]
        .iter()
        .map(|f| {
            let name = f.trim_start_matches("tests/fixtures/");
            (format!("members/{name}"), response(f))
        })
        .collect();
    let at = jiff::Timestamp::from_second(1_733_000_000).unwrap();
    joint::start(&built_in(), "Devolution Network (sample)", &members, at).unwrap()
}

#[test]
fn adopting_a_members_sentence_into_a_joint_response_alike() {
    let draft = joint_of_samples();
    let mut h = app_on(&draft);
    h.ctrl('l');
    h.type_text("Question 1");
    h.key(KeyCode::Enter);
    h.key(KeyCode::F(9));
    support::select_member(&mut h, "Northshire Combined Authority");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    let app = app_file(h);
    let plain = plain_on(&draft, "go question 1\nadopt 3 1\nquit\n");
    assert!(app.contains("We agree."), "{app}");
    assert_same(&app, &plain);
}

#[test]
fn recovering_unsaved_work_into_the_draft_alike() {
    let draft = response(LOCAL_GOVERNMENT);
    let mut unsaved = draft.clone();
    unsaved.answers[0]
        .answer
        .push_str(" Typed just before the crash.");
    // What a session killed before its save left: the draft's recovery copy.
    let crashed = |home: &Path| {
        let path = lay_out(home, "draft.json", &draft);
        let dirs = dirs(home);
        let journal = recovery::path_for(&dirs, &DraftId::of(&path));
        std::fs::create_dir_all(journal.parent().unwrap()).unwrap();
        std::fs::write(journal, recovery::journal_bytes(&path, &unsaved)).unwrap();
    };
    let dir = tempfile::tempdir().unwrap();
    crashed(dir.path());
    let mut h = Harness::starting_in(dir, consult::catalog::Catalog::built_in());
    h.key(KeyCode::Esc); // later: on the drafts list
    h.open(0);
    h.key(KeyCode::Char('r')); // offered again on opening: recover into the draft
    let app = app_file(h);

    let sandbox = Sandbox::new();
    crashed(sandbox.path());
    let path = dirs(sandbox.path()).drafts().join("draft.json");
    let mut command = sandbox.consult(&["edit", "--plain", path.to_str().unwrap()]);
    command.write_stdin("recover\nquit\n");
    let done = run(command);
    assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
    let plain = std::fs::read_to_string(path).unwrap();
    assert!(app.contains("Typed just before the crash."), "{app}");
    assert_same(&app, &plain);
}

#[test]
fn taking_a_members_new_version_alike() {
    let draft = joint_of_samples();
    // Northshire changes its answer after the joint response took it.
    let changed = |home: &Path| {
        let path = dirs(home)
            .drafts()
            .join("members/northshire-combined-authority.json");
        let mut member = consult::parse::response(&std::fs::read_to_string(&path).unwrap()).unwrap();
        member.answers[0].answer.push_str(" A sentence added later.");
        std::fs::write(path, export::json::render(&member)).unwrap();
    };
    let dir = tempfile::tempdir().unwrap();
    lay_out(dir.path(), "draft.json", &draft);
    changed(dir.path());
    let mut h = Harness::starting_in(dir, consult::catalog::Catalog::built_in());
    h.key(KeyCode::Esc);
    h.open(0);
    h.key(KeyCode::F(9));
    support::select_member(&mut h, "Northshire Combined Authority");
    h.key(KeyCode::Char('u'));
    assert!(h.message().contains("Took Northshire"), "{}", h.message());
    h.key(KeyCode::Esc);
    let app = app_file(h);

    let sandbox = Sandbox::new();
    let path = lay_out(sandbox.path(), "draft.json", &draft);
    changed(sandbox.path());
    let mut command = sandbox.consult(&["edit", "--plain", path.to_str().unwrap()]);
    command.write_stdin("take 3\ntake 3\nquit\n");
    let done = run(command);
    assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
    assert!(
        done.stdout
            .contains("Took Northshire Combined Authority's new version"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains("has not changed since it was taken"),
        "{}",
        done.stdout
    );
    let plain = std::fs::read_to_string(path).unwrap();
    assert!(app.contains("A sentence added later."), "{app}");
    assert_same(&app, &plain);
}

/// Selects passage `index` (from 0) on the placing view.
fn select_passage(h: &mut Harness, index: usize) {
    for _ in 0..40 {
        h.key(KeyCode::Up);
    }
    while crate::placing::selected(h) != index {
        h.key(KeyCode::Down);
    }
}

#[test]
fn checking_an_imported_responses_placing_alike() {
    let draft = crate::placing::imported();
    let mut h = app_on(&draft);
    select_passage(&mut h, 4);
    h.key(KeyCode::Char('m'));
    let set = built_in();
    for _ in set.item_index("q1").unwrap()..set.item_index("q4").unwrap() {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    select_passage(&mut h, 5);
    h.key(KeyCode::Char('n'));
    select_passage(&mut h, 6);
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    h.key(KeyCode::Enter);
    select_passage(&mut h, 1);
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Enter);
    h.ctrl('z');
    let plain = plain_on(
        &draft,
        "place 5 q4\nnotanswer 6\nsplit 7 3\nsplit 2 1\nundo\nquit\n",
    );
    assert!(
        plain.contains("moved here by hand") && plain.contains("split by hand"),
        "{plain}"
    );
    assert_same(&app_file(h), &plain);
}

#[test]
fn accepting_and_rejecting_reviewers_suggestions_alike() {
    let draft = support::reviews::reviewed();
    let mut h = app_on(&draft);
    h.event(crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('r'),
        crossterm::event::KeyModifiers::ALT,
    )));
    h.key(KeyCode::Char('a')); // suggestion 1; suggestion 2 is selected next
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('r')); // suggestion 3
    h.ctrl('z');
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('r')); // suggestion 4, whose words are gone
    h.key(KeyCode::Esc);
    let app = app_file(h);
    let plain = plain_on(&draft, "accept 1\nreject 3\nundo\nreject 4\nquit\n");
    let decided = consult::parse::response(&app).unwrap().reviews.unwrap();
    let decision = |n| decided.suggestion(n).unwrap().decision;
    use consult::model::review::Decision;
    assert_eq!(
        [1, 3, 4].map(decision),
        [Decision::Accepted, Decision::Pending, Decision::Rejected]
    );
    assert!(app.contains("population need"), "{app}");
    assert_same(&app, &plain);
}
