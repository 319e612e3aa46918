//! Checking an imported response's placing in both front ends: the placing view's keys
//! through the update step, its screens at 80×24 and 120×40, plain mode's `passages`,
//! `place`, `split`, `notanswer` and `undo` through the real binary, and a Word file
//! imported, one passage moved and the response exported in a pseudo-terminal.

use crate::support;

use std::path::{Path, PathBuf};

use consult::app::ScreenKind;
use consult::catalog::Catalog;
use consult::export::json::render;
use consult::model::{PassageField, Response};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use support::pty::{CTRL_E, CTRL_Q, ENTER, ESC, Session, TAB};
use support::sandbox::{Sandbox, run};
use support::{Harness, dirs, render as draw, screen_text};

const EASTMOOR: &str = "tests/fixtures/import/eastmoor-headings.docx";

/// Eastmoor's Word reply imported onto the built-in set, as `consult import` makes it
/// (at a fixed time, so screens and files do not change from run to run).
pub(crate) fn imported() -> Response {
    let set = support::fixtures::built_in();
    let bytes = std::fs::read(support::fixtures::root().join(EASTMOOR)).unwrap();
    let document = consult::import::read::read("eastmoor-headings.docx", &bytes).unwrap();
    let file = consult::import::SourceFile {
        name: "eastmoor-headings.docx".into(),
        digest: "sha256:00".into(),
    };
    consult::import::import(
        &document,
        &set,
        file,
        "Eastmoor Borough Council",
        jiff::Timestamp::UNIX_EPOCH,
    )
    .response
}

/// The app with the imported response as its one draft, opened.
fn opened() -> Harness {
    opened_on(&imported())
}

/// The app with `response` as its one draft, opened.
fn opened_on(response: &Response) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let drafts = dirs(dir.path()).drafts();
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(drafts.join("eastmoor.json"), render(response)).unwrap();
    let mut h = Harness::starting_in(dir, Catalog::built_in());
    h.open(0);
    h
}

fn alt(h: &mut Harness, c: char) {
    h.event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)));
}

fn response(h: &Harness) -> &Response {
    &h.app.draft.as_ref().unwrap().response
}

/// The passage (by index) the view has selected.
pub(crate) fn selected(h: &Harness) -> usize {
    let consult::app::Screen::Placing(view) = &h.app.screen else {
        panic!("not on the placing view");
    };
    h.app.draft.as_ref().unwrap().passages_to_check()[view.selected]
}

fn passage_text(h: &Harness, index: usize) -> String {
    response(h).source.as_ref().unwrap().passages[index].text.clone()
}

/// Selects the passage whose words start with `start`.
fn select(h: &mut Harness, start: &str) {
    for _ in 0..40 {
        h.key(KeyCode::Up);
    }
    for _ in 0..40 {
        if passage_text(h, selected(h)).starts_with(start) {
            return;
        }
        h.key(KeyCode::Down);
    }
    panic!("no passage starts with {start:?}");
}

fn item_index(id: &str) -> usize {
    support::fixtures::built_in().item_index(id).unwrap()
}

#[test]
fn an_imported_response_opens_on_its_placing_least_sure_first() {
    let h = opened();
    assert_eq!(h.app.screen.kind(), ScreenKind::Placing);
    let first = selected(&h);
    assert!(
        response(&h).source.as_ref().unwrap().passages[first]
            .item
            .is_none(),
        "not placed first"
    );
    let text = support::screen(&h, 120, 40);
    assert!(text.contains("not placed"), "{text}");
    assert!(
        text.contains("m move"),
        "the footer comes from the key table: {text}"
    );
}

#[test]
fn a_draft_not_imported_opens_on_its_walk_through_and_has_no_placing() {
    let mut h = Harness::with_drafts(&[support::COMMISSION]);
    h.open(0);
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
    assert!(h.message().contains("not imported"), "{}", h.message());
}

#[test]
fn down_and_up_choose_a_passage() {
    let mut h = opened();
    let first = selected(&h);
    h.key(KeyCode::Down);
    let second = selected(&h);
    assert_ne!(first, second);
    h.key(KeyCode::Char('k'));
    assert_eq!(selected(&h), first);
    h.key(KeyCode::Up);
    assert_eq!(selected(&h), first, "stays on the list");
    h.key(KeyCode::Char('j'));
    assert_eq!(selected(&h), second);
}

#[test]
fn m_moves_a_passage_to_the_item_chosen_and_ctrl_z_puts_both_answers_back_exactly() {
    let mut h = opened();
    select(&mut h, "We accept that voluntary");
    let passage = selected(&h);
    let before = render(response(&h));
    h.key(KeyCode::Char('m'));
    for _ in item_index("q1")..item_index("q4") {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    assert!(
        h.answer("q4").answer.contains("We accept that voluntary"),
        "{:?}",
        h.answer("q4")
    );
    assert!(!h.answer("q1").answer.contains("We accept that voluntary"));
    assert_eq!(
        response(&h).source.as_ref().unwrap().passages[passage]
            .item
            .as_deref(),
        Some("q4")
    );
    assert!(
        h.message().contains("moved from Question 1 to Question 4"),
        "{}",
        h.message()
    );
    let moved = render(response(&h));
    h.ctrl('z');
    assert_eq!(
        render(response(&h)),
        before,
        "one undo puts both answers and the record back"
    );
    assert!(h.message().starts_with("Taken back"), "{}", h.message());
    h.ctrl('y');
    assert_eq!(render(response(&h)), moved);
    h.key(KeyCode::Char('u'));
    assert_eq!(render(response(&h)), before, "u undoes too");
    // The move is saved: the draft file has it once the save lands.
    h.ctrl('y');
    h.ctrl('s');
    let saved: Response = serde_json::from_str(&std::fs::read_to_string(h.draft_path()).unwrap()).unwrap();
    assert!(saved.answers == response(&h).answers && saved.source == response(&h).source);
}

#[test]
fn moving_can_be_cancelled_or_go_to_not_placed() {
    let mut h = opened();
    select(&mut h, "We accept that voluntary");
    let passage = selected(&h);
    let before = render(response(&h));
    h.key(KeyCode::Char('m'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Esc);
    assert_eq!(render(response(&h)), before);
    assert_eq!(h.app.screen.kind(), ScreenKind::Placing);
    h.key(KeyCode::Char('m'));
    for _ in 0..20 {
        h.key(KeyCode::Char('j'));
    }
    h.key(KeyCode::Char('k'));
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Enter);
    assert!(
        response(&h).source.as_ref().unwrap().passages[passage]
            .item
            .is_none()
    );
    assert!(!h.answer("q1").answer.contains("We accept that voluntary"));
}

#[test]
fn s_splits_a_passage_at_the_point_moved_word_by_word() {
    let mut h = opened();
    select(&mut h, "We accept that voluntary");
    let passage = selected(&h);
    let whole = passage_text(&h, passage);
    let count = response(&h).source.as_ref().unwrap().passages.len();
    h.key(KeyCode::Char('s'));
    // The point starts after the first word; on two, back one: after the second word.
    h.key(KeyCode::Right);
    h.key(KeyCode::Char('l'));
    h.key(KeyCode::Char('h'));
    let on_screen = support::screen(&h, 80, 24);
    assert!(on_screen.contains("We accept │that"), "{on_screen}");
    h.key(KeyCode::Enter);
    let passages = &response(&h).source.as_ref().unwrap().passages;
    assert_eq!(passages.len(), count + 1);
    assert_eq!(passages[passage].text, "We accept ");
    assert_eq!(
        format!("{}{}", passages[passage].text, passages[passage + 1].text),
        whole
    );
    assert!(h.answer("q1").answer.contains("We accept\n\nthat voluntary"));
    h.ctrl('z');
    assert_eq!(response(&h).source.as_ref().unwrap().passages.len(), count);
    // Esc leaves a passage whole; Left never goes before the first word.
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Left);
    h.key(KeyCode::Left);
    h.key(KeyCode::Esc);
    assert_eq!(response(&h).source.as_ref().unwrap().passages.len(), count);
}

#[test]
fn a_passage_opening_with_spaces_splits_after_its_first_word() {
    let mut spaced = imported();
    let source = spaced.source.as_mut().unwrap();
    source.passages[1].text = format!("   {}", source.passages[1].text);
    let mut h = opened_on(&spaced);
    select(&mut h, "   This response");
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Left);
    h.key(KeyCode::Enter);
    let passages = &response(&h).source.as_ref().unwrap().passages;
    assert_eq!(passages[1].text, "   This ");
    assert!(passages[2].text.starts_with("response was agreed"));
}

#[test]
fn n_marks_a_passage_not_an_answer_and_its_words_go_to_the_notes() {
    let mut h = opened();
    select(&mut h, "Eastmoor Health and Wellbeing Board, minutes");
    let passage = selected(&h);
    h.key(KeyCode::Char('n'));
    assert!(
        h.answer("q1")
            .notes
            .contains("Eastmoor Health and Wellbeing Board, minutes")
    );
    assert!(
        !h.answer("q1")
            .answer
            .contains("Eastmoor Health and Wellbeing Board, minutes")
    );
    assert_eq!(
        response(&h).source.as_ref().unwrap().passages[passage].field,
        PassageField::Notes
    );
    assert!(h.message().contains("notes of Question 1"), "{}", h.message());
    // A passage not placed has no item to take notes.
    select(&mut h, "Eastmoor Borough Council: response");
    h.key(KeyCode::Char('n'));
    assert!(h.message().contains("not placed on any item"), "{}", h.message());
}

#[test]
fn a_moved_answer_shows_in_the_walk_through_and_typing_there_keeps_it() {
    let mut h = opened();
    select(&mut h, "We accept that voluntary");
    h.key(KeyCode::Char('m'));
    for _ in item_index("q1")..item_index("q4") {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    // Enter goes to the passage's item in the walk-through.
    select(&mut h, "We accept that voluntary");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
    assert_eq!(h.item(), "q4");
    let walk = support::screen(&h, 120, 40);
    assert!(walk.contains("We accept that voluntary"), "{walk}");
    // Typing there, then undo in the placing view, keeps what was typed.
    h.key(KeyCode::Enter);
    h.type_text("Also ");
    let typed = render(response(&h));
    h.key(KeyCode::Esc);
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen.kind(), ScreenKind::Placing);
    h.ctrl('z');
    assert_eq!(render(response(&h)), typed);
    assert!(h.message().contains("changed since"), "{}", h.message());
}

#[test]
fn esc_and_q_leave_for_the_walk_through_and_alt_p_or_f10_come_back() {
    let mut h = opened();
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
    alt(&mut h, 'p');
    assert_eq!(h.app.screen.kind(), ScreenKind::Placing);
    h.key(KeyCode::Char('q'));
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
    h.key(KeyCode::F(10));
    assert_eq!(h.app.screen.kind(), ScreenKind::Placing);
    h.ctrl('y');
    assert_eq!(h.message(), "No placing change to redo");
}

#[test]
fn the_help_lists_the_placing_keys() {
    let mut h = opened();
    h.key(KeyCode::F(1));
    for _ in 0..300 {
        if support::screen(&h, 120, 40).contains("move the passage to another item") {
            return;
        }
        h.key(KeyCode::Down);
    }
    panic!("the help never lists the placing keys");
}

#[test]
fn control_characters_in_a_document_never_reach_the_terminal() {
    let mut hostile = imported();
    let source = hostile.source.as_mut().unwrap();
    source.file = "evil\u{1b}[2J.docx".into();
    let passage = &mut source.passages[1];
    passage.text = "Agreed \u{1b}]0;owned\u{7} by the board \u{9b}31m today.".into();
    passage.reason = "under no marker\u{1b}[5m".into();
    let mut h = opened_on(&hostile);
    for text in [support::screen(&h, 80, 24), support::screen(&h, 120, 40)] {
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(text.contains("Agreed"), "{text}");
    }
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Right);
    let text = support::screen(&h, 80, 24);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snapshot(name: &str, make: impl Fn() -> Harness) {
    for (width, height) in SIZES {
        let h = make();
        let terminal = draw(&h, width, height);
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            screen_text(terminal.backend())
        );
    }
}

#[test]
fn the_placing_view() {
    snapshot("placing_view", opened);
}

#[test]
fn the_placing_view_choosing_an_item() {
    snapshot("placing_view_moving", || {
        let mut h = opened();
        select(&mut h, "We accept that voluntary");
        h.key(KeyCode::Char('m'));
        h.key(KeyCode::Down);
        h
    });
}

#[test]
fn a_split_point_deep_in_a_long_passage_stays_in_view() {
    let mut h = opened();
    select(&mut h, "Option 2 concentrates");
    h.key(KeyCode::Char('s'));
    for _ in 0..50 {
        h.key(KeyCode::Right);
    }
    let text = support::screen(&h, 80, 24);
    // The words shown start at `…`, and the point (a bar inside the panel's two) follows.
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.contains('…')).expect(&text);
    assert!(
        lines[start..(start + 3).min(lines.len())]
            .iter()
            .any(|l| l.matches('│').count() == 3),
        "{text}"
    );
}

#[test]
fn the_placing_view_choosing_where_to_split() {
    snapshot("placing_view_splitting", || {
        let mut h = opened();
        select(&mut h, "We accept that voluntary");
        h.key(KeyCode::Char('s'));
        h.key(KeyCode::Right);
        h.key(KeyCode::Right);
        h
    });
}

/// `consult import` of Eastmoor's reply into `home`, as a member's file would arrive.
fn import_into(sandbox: &Sandbox) -> PathBuf {
    let out = sandbox.path().join("eastmoor.json");
    let run = run(sandbox.consult(&[
        "import",
        support::fixtures::root().join(EASTMOOR).to_str().unwrap(),
        "--questions",
        "integrating-care",
        "--org",
        "Eastmoor Borough Council",
        "--out",
        out.to_str().unwrap(),
    ]));
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

/// Plain mode on `file` with `script` piped in; what it printed.
fn plain(sandbox: &Sandbox, file: &Path, script: &str) -> String {
    let output = sandbox
        .consult(&["edit", file.to_str().unwrap(), "--plain"])
        .env_remove("ACCESSIBLE")
        .write_stdin(script)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn saved(file: &Path) -> Response {
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

#[test]
fn plain_mode_lists_the_passages_least_sure_first() {
    let sandbox = Sandbox::new();
    let file = import_into(&sandbox);
    let said = plain(&sandbox, &file, "passages\nquit\n");
    let lines: Vec<&str> = said.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("passages, 2 not placed"))
        .expect(&said);
    assert!(lines[at + 1].starts_with("2. not placed;"), "{said}");
    assert!(
        lines[at + 2].starts_with("1. not placed; a heading that names no item; 80% sure:"),
        "{said}"
    );
    assert!(
        said.contains("5. Question 1, Statutory ICSs; follows the marker for Question 1; 75% sure: “We accept that voluntary partnerships have reached the…”"),
        "{said}"
    );
}

#[test]
fn plain_mode_places_splits_and_marks_not_an_answer_and_undo_takes_each_back() {
    let sandbox = Sandbox::new();
    let file = import_into(&sandbox);
    let original = std::fs::read_to_string(&file).unwrap();
    let said = plain(&sandbox, &file, "place 5 question 4\nundo\nredo\nquit\n");
    assert!(
        said.contains(
            "Passage 5 moved from Question 1, Statutory ICSs to Question 4, Transferring commissioning."
        ),
        "{said}"
    );
    assert!(said.contains("Taken back: Passage 5 moved"), "{said}");
    assert!(said.contains("Made again: Passage 5 moved"), "{said}");
    let response = saved(&file);
    assert!(
        response
            .answer("q4")
            .unwrap()
            .answer
            .contains("We accept that voluntary")
    );
    assert!(
        !response
            .answer("q1")
            .unwrap()
            .answer
            .contains("We accept that voluntary")
    );

    let said = plain(&sandbox, &file, "place 5 q1\nundo\nquit\n");
    assert!(said.contains("Taken back"), "{said}");
    let said = plain(&sandbox, &file, "place 5 q1\nquit\n");
    assert!(said.contains("to Question 1, Statutory ICSs."), "{said}");
    // Moved back by hand, the answers read as they did, though the record says by hand.
    let back = saved(&file);
    let first: Response = serde_json::from_str(&original).unwrap();
    assert_eq!(
        back.answer("q1").unwrap().answer,
        first.answer("q1").unwrap().answer
    );

    let said = plain(
        &sandbox,
        &file,
        "split 5 2\nsplit 8 \"must also\"\nnotanswer 6\nundo\nquit\n",
    );
    assert!(said.contains("Passage 5 split in two: 5 and 6."), "{said}");
    assert!(
        said.contains("5. Question 1, Statutory ICSs; moved here by hand; 100% sure: “We accept”"),
        "{said}"
    );
    assert!(said.contains("Passage 8 split in two: 8 and 9."), "{said}");
    assert!(
        said.contains("Passage 6 is not an answer: it is in the notes of Question 1, Statutory ICSs."),
        "{said}"
    );
    assert!(said.contains("Taken back: Passage 6 is not an answer"), "{said}");
    let response = saved(&file);
    let passages = &response.source.as_ref().unwrap().passages;
    assert_eq!(passages[4].text, "We accept ");
    assert!(
        passages[7].text.starts_with("The legislation"),
        "{:?}",
        passages[7]
    );
    assert!(passages[8].text.starts_with("must also"), "{:?}", passages[8]);
    assert!(
        response
            .answer("q1")
            .unwrap()
            .answer
            .contains("The legislation\n\nmust also")
    );
    assert_eq!(response.answer("q1").unwrap().notes, "");
}

#[test]
fn plain_mode_says_what_is_wrong_with_a_placing_command() {
    let sandbox = Sandbox::new();
    let file = import_into(&sandbox);
    let before = std::fs::read_to_string(&file).unwrap();
    let said = plain(
        &sandbox,
        &file,
        "place 99 q1\nplace 5 element 99 nowhere at all\nplace\nsplit 5 200\nsplit 5 \"nowhere\"\nsplit 5\nnotanswer 1\nnotanswer x\nundo\nquit\n",
    );
    for expected in [
        "There is no passage 99.",
        "No item matches",
        "place needs a passage's number and an item",
        "Passage 5 does not go on after 200 words",
        "Passage 5 has no “nowhere” after its first word.",
        "split needs a passage's number and where",
        "Passage 1 is not placed on any item.",
        "notanswer needs a passage's number",
    ] {
        assert!(said.contains(expected), "{expected:?} in\n{said}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before, "nothing changed");
}

#[test]
fn plain_mode_on_a_response_not_imported_has_no_passages() {
    let sandbox = Sandbox::new();
    let file = sandbox.path().join("draft.json");
    support::fixtures::copy_into(support::COMMISSION, sandbox.path());
    let copied = sandbox
        .path()
        .join(Path::new(support::COMMISSION).file_name().unwrap());
    std::fs::rename(copied, &file).unwrap();
    let said = plain(&sandbox, &file, "passages\nplace 1 q1\nquit\n");
    assert!(
        said.contains("This response was not imported from a document"),
        "{said}"
    );
    assert!(said.contains("There is no passage 1."), "{said}");
}

/// A person imports a member's Word reply, opens it, moves the passage the import could
/// not place to the further comments, and exports: the passage is under that item.
#[test]
fn import_a_word_reply_move_a_passage_in_the_placing_view_and_export() {
    let sandbox = Sandbox::new();
    let file = import_into(&sandbox);
    let mut app = Session::start(sandbox.path(), &["edit", file.to_str().unwrap()]);
    app.wait_for("passages, 2 not placed");
    // The first passage listed is the one not placed: "This response was agreed…".
    app.send("m");
    app.wait_for("Move passage 2 to");
    app.send("k");
    app.wait_for("▶ Further comments");
    app.send(ENTER);
    app.wait_for("Passage 2 moved from not placed to Further comments");
    app.send(ESC);
    app.wait_for("Answer");
    app.send(CTRL_E);
    app.wait_for("Will write:");
    app.send(TAB);
    app.wait_for("(•) Markdown");
    app.send(ENTER);
    app.wait_for("Exported to");
    app.send(CTRL_Q);
    assert!(app.wait_exit());
    let markdown = std::fs::read_to_string(
        sandbox
            .path()
            .join("exports/eastmoor-borough-council-integrating-care.md"),
    )
    .unwrap();
    let heading = markdown.find("Further comments").expect(&markdown);
    let moved = markdown
        .find("This response was agreed by the Council")
        .expect(&markdown);
    assert!(moved > heading, "under Further comments:\n{markdown}");
}
