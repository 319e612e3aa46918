//! Key sequences to resulting state, without a terminal.

mod support;

use std::time::{Duration, Instant};

use consult::app::saving::{SAVE_AFTER_IDLE, SAVE_AT_LEAST_EVERY};
use consult::app::{Dialog, Focus, SaveState, Screen};
use consult::model::{ItemStatus, ResponseStatus};
use crossterm::event::KeyCode;
use support::{COMMISSION, Harness, LOCAL_GOVERNMENT};

fn focus(h: &Harness) -> Focus {
    h.app.draft.as_ref().unwrap().focus()
}

/// A fresh start, a new response for "Cyngor Môn", now on the walk-through.
fn started() -> Harness {
    Harness::new_response("Cyngor Môn")
}

#[test]
fn with_no_drafts_the_app_opens_on_starting_a_response() {
    let h = Harness::fresh();
    assert!(matches!(h.app.dialog, Some(Dialog::NewResponse { .. })));
}

#[test]
fn starting_a_response_writes_a_draft_and_opens_the_first_item_for_typing() {
    let h = started();
    assert_eq!(h.app.screen, Screen::Walk);
    assert_eq!(h.item(), "summary");
    assert_eq!(focus(&h), Focus::Answer, "a free-text item opens on its editor");
    let files: Vec<_> = std::fs::read_dir(h.drafts_dir()).unwrap().collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(text.contains("\"organisation\": \"Cyngor Môn\""));
}

#[test]
fn a_new_response_needs_an_organisation() {
    let mut h = Harness::fresh();
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.dialog, Some(Dialog::NewResponse { .. })));
    assert!(h.message().contains("organisation"));
}

#[test]
fn arriving_at_a_question_focuses_the_position_picker_and_tab_cycles_fields() {
    let mut h = started();
    h.key(KeyCode::PageDown);
    assert_eq!(h.item(), "q1");
    assert_eq!(focus(&h), Focus::Position);
    h.key(KeyCode::Tab);
    assert_eq!(focus(&h), Focus::Answer);
    h.key(KeyCode::Tab);
    assert_eq!(focus(&h), Focus::Reasoning);
    h.key(KeyCode::Tab);
    assert_eq!(focus(&h), Focus::Position);
    h.shift_tab();
    assert_eq!(focus(&h), Focus::Reasoning);
    h.key(KeyCode::PageUp);
    assert_eq!(h.item(), "summary");
}

#[test]
fn positions_are_chosen_by_number_or_arrows_and_cleared_with_zero() {
    let mut h = started();
    h.key(KeyCode::PageDown);
    h.key(KeyCode::Char('2'));
    assert_eq!(h.answer("q1").position.as_deref(), Some("partly-agree"));
    h.key(KeyCode::Right);
    assert_eq!(h.answer("q1").position.as_deref(), Some("neither"));
    h.key(KeyCode::Left);
    h.key(KeyCode::Left);
    assert_eq!(h.answer("q1").position.as_deref(), Some("agree"));
    h.key(KeyCode::Char('9'));
    assert_eq!(
        h.answer("q1").position.as_deref(),
        Some("agree"),
        "there is no option 9"
    );
    h.key(KeyCode::Char('0'));
    assert_eq!(h.answer("q1").position, None);
}

#[test]
fn an_editor_takes_every_printable_key_including_command_letters() {
    let mut h = started();
    h.key(KeyCode::PageDown);
    h.key(KeyCode::Tab);
    h.type_text("jk?q r c 1");
    assert_eq!(h.answer("q1").answer, "jk?q r c 1");
    assert!(h.app.help.is_none(), "? types a question mark while typing");
    assert_eq!(h.answer("q1").position, None, "digits type while typing");
    h.key(KeyCode::F(1));
    assert!(h.app.help.is_some(), "F1 opens help even while typing");
}

#[test]
fn esc_leaves_the_text_field_then_the_walk_through() {
    let mut h = started();
    h.type_text("Our view");
    h.key(KeyCode::Esc);
    assert_eq!(focus(&h), Focus::Position);
    assert_eq!(h.app.screen, Screen::Walk);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Home);
    assert_eq!(h.app.drafts.len(), 1);
    assert_eq!(h.app.drafts[0].answered, 1, "leaving saved the answer");
}

#[test]
fn one_key_marks_an_item_ready_and_again_puts_it_back_to_draft() {
    let mut h = started();
    h.type_text("Text");
    h.ctrl('r');
    assert_eq!(h.answer("summary").status, ItemStatus::Ready);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('r'));
    assert_eq!(h.answer("summary").status, ItemStatus::Draft);
}

#[test]
fn a_paste_lands_as_one_edit_with_line_endings_normalised() {
    let mut h = started();
    h.paste("First line\r\nsecond line\rthird");
    assert_eq!(h.answer("summary").answer, "First line\nsecond line\nthird");
    h.ctrl('z');
    assert_eq!(h.answer("summary").answer, "", "one undo removes the whole paste");
    h.ctrl('y');
    assert_eq!(h.answer("summary").answer, "First line\nsecond line\nthird");
}

#[test]
fn pasting_while_choosing_a_position_goes_into_the_answer() {
    let mut h = started();
    h.key(KeyCode::PageDown);
    h.paste("Agreed in the meeting");
    assert_eq!(focus(&h), Focus::Answer);
    assert_eq!(h.answer("q1").answer, "Agreed in the meeting");
}

#[test]
fn autosave_waits_for_a_pause_but_never_lets_typing_go_unsaved_for_long() {
    let mut h = started();
    let start = Instant::now();
    h.type_text("a");
    h.tick(start + Duration::from_millis(50));
    assert_eq!(h.save_state(), SaveState::Unsaved);
    h.tick(Instant::now() + SAVE_AFTER_IDLE);
    assert_eq!(h.save_state(), SaveState::Saved);

    // Typing without a pause is still saved once SAVE_AT_LEAST_EVERY has passed.
    h.type_text("b");
    let first = Instant::now();
    h.type_text("c");
    h.tick(first + SAVE_AT_LEAST_EVERY);
    assert_eq!(h.save_state(), SaveState::Saved);
    let path = h.draft_path();
    assert!(
        std::fs::read_to_string(path)
            .unwrap()
            .contains("\"answer\": \"abc\"")
    );
    assert!(
        SAVE_AT_LEAST_EVERY < Duration::from_secs(2),
        "a kill loses under two seconds of typing"
    );
}

#[test]
fn moving_to_another_item_saves_at_once() {
    let mut h = started();
    h.type_text("Summary text");
    h.key(KeyCode::PageDown);
    assert_eq!(h.save_state(), SaveState::Saved);
}

#[test]
fn a_failed_save_is_shown_and_retried_while_the_text_stays() {
    let mut h = started();
    let path = h.draft_path();
    // Make the draft's folder unwritable by replacing it with a file.
    let drafts = h.drafts_dir();
    std::fs::remove_dir_all(&drafts).unwrap();
    std::fs::write(&drafts, "not a folder").unwrap();
    h.type_text("Words that must not be lost");
    h.ctrl('s');
    let state = h.save_state();
    assert!(matches!(state, SaveState::Failed(_)), "{state:?}");
    assert_eq!(h.answer("summary").answer, "Words that must not be lost");

    std::fs::remove_file(&drafts).unwrap();
    std::fs::create_dir_all(&drafts).unwrap();
    h.tick(Instant::now() + Duration::from_secs(4));
    assert_eq!(h.save_state(), SaveState::Saved);
    assert!(
        std::fs::read_to_string(path)
            .unwrap()
            .contains("Words that must not be lost")
    );
}

#[test]
fn quitting_saves_and_never_asks_to_discard() {
    let mut h = started();
    h.type_text("Last words");
    h.ctrl('q');
    assert!(h.app.quit);
    assert!(h.app.dialog.is_none());
}

#[test]
fn drafts_are_listed_newest_first_and_open_where_they_were_left() {
    let mut h = Harness::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]);
    assert_eq!(h.app.screen, Screen::Home);
    let names: Vec<_> = h.app.drafts.iter().map(|d| d.organisation.as_str()).collect();
    assert_eq!(
        names,
        ["Local Government Association", "Health Devolution Commission"]
    );
    h.open(1);
    assert_eq!(h.app.screen, Screen::Walk);
    assert_eq!(
        h.item(),
        "comments",
        "the fixture was last left at the further comments"
    );
}

#[test]
fn deleting_asks_first_and_a_deleted_draft_can_be_restored() {
    let mut h = Harness::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]);
    h.key(KeyCode::Delete);
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm { .. })));
    h.key(KeyCode::Char('n'));
    assert_eq!(h.app.drafts.len(), 2, "no means no");
    h.key(KeyCode::Delete);
    h.key(KeyCode::Char('y'));
    assert_eq!(h.app.drafts.len(), 1);
    h.key(KeyCode::Char('t'));
    assert_eq!(h.app.screen, Screen::Trash);
    assert_eq!(h.app.trash.len(), 1);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Home);
    assert_eq!(h.app.drafts.len(), 2, "restored");
}

#[test]
fn duplicating_a_draft_makes_a_second_copy() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.key(KeyCode::Char('d'));
    assert_eq!(h.app.drafts.len(), 2);
    assert!(
        h.app
            .drafts
            .iter()
            .all(|d| d.organisation == "Health Devolution Commission")
    );
}

#[test]
fn the_respondent_form_edits_who_is_responding() {
    let mut h = started();
    h.ctrl('o');
    assert_eq!(h.app.screen, Screen::Respondent);
    h.key(KeyCode::Tab);
    h.type_text("Siân Jones");
    h.key(KeyCode::Tab);
    h.type_text("Policy lead");
    h.key(KeyCode::Tab);
    h.type_text("sian@example.org");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Esc);
    let r = &h.app.draft.as_ref().unwrap().response.respondent;
    assert_eq!(r.contact_name, "Siân Jones");
    assert_eq!(r.role, "Policy lead");
    assert_eq!(r.email.as_deref(), Some("sian@example.org"));
    assert!(!r.on_behalf, "space on the checkbox unticks it");
    assert_eq!(h.app.screen, Screen::Walk);
}

#[test]
fn marking_final_with_open_items_asks_first() {
    let mut h = started();
    h.ctrl('g');
    assert_eq!(h.app.screen, Screen::Review);
    h.key(KeyCode::Char('f'));
    let Some(Dialog::Confirm { question, .. }) = &h.app.dialog else {
        panic!("expected a question")
    };
    assert!(question.contains("14 items have no answer"), "{question}");
    h.key(KeyCode::Char('y'));
    assert_eq!(
        h.app.draft.as_ref().unwrap().response.status,
        ResponseStatus::Final
    );
    h.key(KeyCode::Char('f'));
    assert_eq!(
        h.app.draft.as_ref().unwrap().response.status,
        ResponseStatus::Draft
    );
}

#[test]
fn review_jumps_to_the_chosen_item() {
    let mut h = started();
    h.ctrl('g');
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Walk);
    assert_eq!(h.item(), "q3");
}

#[test]
fn export_writes_both_formats_and_asks_before_overwriting() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.open(0);
    h.ctrl('e');
    assert!(matches!(h.app.dialog, Some(Dialog::Export { .. })));
    h.key(KeyCode::Enter);
    let md = h
        .app
        .exports_dir
        .join("health-devolution-commission-integrating-care.md");
    let json = h
        .app
        .exports_dir
        .join("health-devolution-commission-integrating-care.json");
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("# Integrating care")
    );
    assert_eq!(
        std::fs::read_to_string(&json).unwrap(),
        std::fs::read_to_string(COMMISSION).unwrap(),
        "the JSON export of an unchanged draft is the draft, byte for byte"
    );
    assert!(h.message().contains("Exported to"));

    std::fs::write(&md, "kept").unwrap();
    h.ctrl('e');
    h.key(KeyCode::Tab); // Both -> Markdown
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm { .. })));
    h.key(KeyCode::Char('n'));
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        "kept",
        "no overwrite without a yes"
    );
    h.ctrl('e');
    h.key(KeyCode::Tab);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('y'));
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("# Integrating care")
    );
}

#[test]
fn who_is_responding_is_reachable_from_review_too() {
    let mut h = started();
    h.ctrl('g');
    h.ctrl('o');
    assert_eq!(h.app.screen, Screen::Respondent);
}
