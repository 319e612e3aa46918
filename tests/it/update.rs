//! Key sequences to resulting state, without a terminal.

use crate::support;

use std::time::{Duration, Instant};

use consult::app::{Dialog, Focus, SaveState, Screen, ScreenKind};
use consult::catalog::Catalog;
use consult::model::{ItemStatus, ResponseStatus};
use consult::session::autosave::{SAVE_AFTER_IDLE, SAVE_AT_LEAST_EVERY};
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
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
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
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen.kind(), ScreenKind::Home);
    assert_eq!(h.app.home().unwrap().drafts.len(), 1);
    assert_eq!(
        h.app.home().unwrap().drafts[0].answered,
        1,
        "leaving saved the answer"
    );
}

#[test]
fn one_key_marks_an_item_ready_and_again_puts_it_back_to_draft() {
    let mut h = started();
    h.type_text("Text");
    h.ctrl('r');
    assert_eq!(h.answer("summary").status, ItemStatus::Ready);
    h.key(KeyCode::Esc);
    h.ctrl('r');
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
    assert!(h.quit);
    assert!(h.app.dialog.is_none());
}

#[test]
fn drafts_are_listed_newest_first_and_open_where_they_were_left() {
    let mut h = Harness::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]);
    assert_eq!(h.app.screen.kind(), ScreenKind::Home);
    let names: Vec<_> = h
        .app
        .home()
        .unwrap()
        .drafts
        .iter()
        .map(|d| d.organisation.as_str())
        .collect();
    assert_eq!(
        names,
        ["Local Government Association", "Health Devolution Commission"]
    );
    h.open(1);
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
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
    assert_eq!(h.app.home().unwrap().drafts.len(), 2, "no means no");
    h.key(KeyCode::Delete);
    h.key(KeyCode::Char('y'));
    assert_eq!(h.app.home().unwrap().drafts.len(), 1);
    h.key(KeyCode::Char('t'));
    assert_eq!(h.app.screen.kind(), ScreenKind::Trash);
    let Screen::Trash(trash) = &h.app.screen else {
        unreachable!()
    };
    assert_eq!(trash.drafts.len(), 1);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen.kind(), ScreenKind::Home);
    assert_eq!(h.app.home().unwrap().drafts.len(), 2, "restored");
}

#[test]
fn duplicating_a_draft_makes_a_second_copy() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.key(KeyCode::Char('d'));
    assert_eq!(h.app.home().unwrap().drafts.len(), 2);
    assert!(
        h.app
            .home()
            .unwrap()
            .drafts
            .iter()
            .all(|d| d.organisation == "Health Devolution Commission")
    );
}

#[test]
fn the_respondent_form_edits_who_is_responding() {
    let mut h = started();
    h.ctrl('o');
    assert_eq!(h.app.screen.kind(), ScreenKind::Respondent);
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
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
}

#[test]
fn marking_final_with_open_items_asks_first() {
    let mut h = started();
    h.ctrl('g');
    assert_eq!(h.app.screen.kind(), ScreenKind::Review);
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
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
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
    assert_eq!(h.app.screen.kind(), ScreenKind::Respondent);
}

/// PgDn until the walk-through is on `item`.
fn go_to_item(h: &mut Harness, item: &str) {
    for _ in 0..20 {
        if h.item() == item {
            return;
        }
        h.key(KeyCode::PageDown);
    }
    panic!("never reached {item}");
}

#[test]
fn typing_on_the_position_picker_starts_the_answer_and_commands_nothing() {
    let mut h = started();
    go_to_item(&mut h, "q2");
    assert_eq!(focus(&h), Focus::Position, "a question opens on its picker");
    h.type_text("we think 3 is right");
    assert_eq!(h.item(), "q2", "no letter moved to another item");
    let q2 = h.answer("q2");
    assert_eq!(q2.answer, "we think 3 is right");
    assert_eq!(
        q2.position, None,
        "the digit went into the text, once typing began"
    );
    assert_eq!(q2.status, ItemStatus::Draft);
    let q1 = h.answer("q1");
    assert_eq!(
        (q1.position, q1.status),
        (None, ItemStatus::NotStarted),
        "question 1 untouched"
    );
}

#[test]
fn digits_and_arrows_still_choose_a_position_on_the_picker() {
    let mut h = started();
    go_to_item(&mut h, "q2");
    h.key(KeyCode::Char('2'));
    assert_eq!(h.answer("q2").position.as_deref(), Some("partly-agree"));
    h.key(KeyCode::Right);
    assert_eq!(focus(&h), Focus::Position);
    assert_ne!(h.answer("q2").position.as_deref(), Some("partly-agree"));
}

#[test]
fn marking_final_asks_about_answers_over_their_word_limit_too() {
    let mut h = started();
    h.paste(&"word ".repeat(301));
    h.ctrl('g');
    h.key(KeyCode::Char('f'));
    let Some(Dialog::Confirm { question, .. }) = &h.app.dialog else {
        panic!("expected a question")
    };
    assert!(question.contains("13 items have no answer yet"), "{question}");
    assert!(
        question.contains("1 answer is over the word limit (Executive summary 301/300)"),
        "{question}"
    );
}

#[test]
fn marking_final_asks_about_answers_over_a_character_limit_as_a_web_form_counts() {
    let mut catalog = Catalog::built_in();
    for section in &mut catalog.entries[0].set.sections {
        for item in section.items.iter_mut().filter(|i| i.id == "summary") {
            item.word_limit = None;
            item.char_limit = Some(20);
        }
    }
    let mut h = Harness::starting_in(tempfile::tempdir().unwrap(), catalog);
    h.start_response("Cyngor Môn");
    h.type_text("Twenty-one characters");
    h.ctrl('g');
    h.key(KeyCode::Char('f'));
    let Some(Dialog::Confirm { question, .. }) = &h.app.dialog else {
        panic!("expected a question")
    };
    assert!(
        question.contains("1 answer is over the character limit (Executive summary 21/20)"),
        "{question}"
    );
}

#[test]
fn editing_a_final_response_says_so_once_and_makes_it_a_draft_again() {
    let mut h = started();
    h.type_text("Our view.");
    h.ctrl('g');
    h.key(KeyCode::Char('f'));
    h.key(KeyCode::Char('y'));
    let status = |h: &Harness| h.app.draft.as_ref().unwrap().response.status;
    assert_eq!(status(&h), ResponseStatus::Final);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| consult::ui::draw(&h.app, frame)).unwrap();
    assert!(
        support::screen_text(terminal.backend())
            .lines()
            .next()
            .unwrap()
            .contains("final ·"),
        "the header shows the status"
    );
    h.key(KeyCode::Enter); // back to the item
    h.type_text(" More.");
    assert_eq!(status(&h), ResponseStatus::Draft);
    assert!(h.message().contains("a draft again"), "{}", h.message());
    h.ctrl('s');
    h.type_text("!");
    assert!(!h.message().contains("a draft again"), "said once");
}

#[test]
fn going_to_an_item_takes_a_key_its_number_and_enter() {
    let mut h = started();
    assert_eq!(h.item(), "summary");
    h.ctrl('l');
    assert!(matches!(h.app.dialog, Some(Dialog::GoTo { .. })));
    h.type_text("6");
    h.key(KeyCode::Enter);
    assert!(h.app.dialog.is_none());
    assert_eq!(h.item(), "e6", "Element 6, three keys from the executive summary");
}

#[test]
fn going_to_an_item_by_words_of_its_wording_and_choosing_among_those_found() {
    let mut h = started();
    h.ctrl('l');
    h.type_text("QUESTION");
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    assert_eq!(h.item(), "q2", "the second item whose label says Question");

    h.ctrl('l');
    h.type_text("no such words anywhere");
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.dialog, Some(Dialog::GoTo { .. })), "still asking");
    assert!(h.message().contains("No item matches"), "{}", h.message());
    h.key(KeyCode::Esc);
    assert!(h.app.dialog.is_none());
    assert_eq!(h.item(), "q2", "Esc stays where you were");
}

/// The folder the export dialog proposes.
fn proposed_folder(h: &Harness) -> String {
    match &h.app.dialog {
        Some(Dialog::Export { folder, .. }) => folder.lines().concat(),
        _ => panic!("not exporting"),
    }
}

#[test]
fn the_export_dialog_remembers_the_folder_of_this_draft_and_reads_a_tilde_as_home() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.open(0);
    h.ctrl('e');
    let default = proposed_folder(&h);
    // Clear the proposed folder and type another one.
    for _ in 0..default.chars().count() {
        h.key(KeyCode::Backspace);
    }
    let elsewhere = h.dir.path().join("submissions");
    h.type_text(elsewhere.to_str().unwrap());
    h.key(KeyCode::Enter);
    assert!(
        elsewhere
            .join("health-devolution-commission-integrating-care.md")
            .exists()
    );
    h.ctrl('e');
    assert_eq!(
        proposed_folder(&h),
        elsewhere.to_str().unwrap(),
        "remembered for this draft"
    );
    h.key(KeyCode::Esc);

    // Another draft still starts from the default folder.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen.kind(), ScreenKind::Home);

    let home = directories::BaseDirs::new().unwrap().home_dir().to_path_buf();
    assert_eq!(
        consult::dirs::expand_home("~/submissions"),
        home.join("submissions")
    );
    assert_eq!(consult::dirs::expand_home("~"), home);
    assert_eq!(
        consult::dirs::expand_home("~other/x"),
        std::path::PathBuf::from("~other/x"),
        "only the user's own home"
    );
}

#[test]
fn the_overwrite_question_reads_right_for_one_file_and_for_two() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.open(0);
    h.ctrl('e');
    h.key(KeyCode::Enter); // both written
    h.ctrl('e');
    h.key(KeyCode::Enter);
    let Some(Dialog::Confirm { question, .. }) = &h.app.dialog else {
        panic!("expected a question")
    };
    assert!(
        question.ends_with(".json already exist. Overwrite them?"),
        "{question}"
    );
    h.key(KeyCode::Char('n'));
    h.ctrl('e');
    h.key(KeyCode::Tab); // Markdown only
    h.key(KeyCode::Enter);
    let Some(Dialog::Confirm { question, .. }) = &h.app.dialog else {
        panic!("expected a question")
    };
    assert!(
        question.ends_with(".md already exists. Overwrite it?"),
        "{question}"
    );
}

#[test]
fn duplicated_drafts_are_told_apart_and_deleting_names_the_file() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.key(KeyCode::Char('d'));
    let screen = support::screen(&h, 120, 40);
    assert!(
        screen.contains("Health Devolution Commission · …ommission-2"),
        "{screen}"
    );
    assert!(
        screen.contains("Health Devolution Commission · …-commission "),
        "{screen}"
    );
    h.key(KeyCode::Delete);
    let Some(Dialog::Confirm { question, .. }) = &h.app.dialog else {
        panic!("expected a question")
    };
    assert!(question.contains("(health-devolution-commission"), "{question}");
    assert!(question.contains(".json)?"), "{question}");
}

#[test]
fn undo_takes_back_typing_a_word_at_a_time() {
    let mut h = started();
    assert_eq!(h.item(), "summary");
    h.type_text("We agree hello world");
    h.ctrl('z');
    assert_eq!(h.answer("summary").answer, "We agree hello ");
    h.ctrl('z');
    assert_eq!(h.answer("summary").answer, "We agree ");
    h.ctrl('y');
    assert_eq!(h.answer("summary").answer, "We agree hello ");
}

#[test]
fn undo_takes_back_positions_and_ready_marks_in_the_order_they_happened() {
    let mut h = started();
    go_to_item(&mut h, "q2");
    h.key(KeyCode::Char('1'));
    h.type_text("Yes");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('2'));
    h.ctrl('r');
    let q2 = |h: &Harness| h.answer("q2");
    assert_eq!(
        (q2(&h).position.as_deref(), q2(&h).status),
        (Some("partly-agree"), ItemStatus::Ready)
    );
    h.ctrl('z');
    assert_eq!(q2(&h).status, ItemStatus::Draft, "the ready mark first");
    h.ctrl('z');
    assert_eq!(
        q2(&h).position.as_deref(),
        Some("agree"),
        "then the second position"
    );
    h.ctrl('z');
    assert_eq!(q2(&h).answer, "", "then the text");
    assert_eq!(focus(&h), Focus::Answer, "shown where it was undone");
    h.ctrl('z');
    assert_eq!(q2(&h).position, None, "then the first position");
    h.ctrl('y');
    assert_eq!(q2(&h).position.as_deref(), Some("agree"));
}

#[test]
fn the_export_dialog_writes_every_format_and_can_leave_reasoning_out() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.open(0);
    let stem = h
        .app
        .exports_dir
        .join("health-devolution-commission-integrating-care");
    for (tabs, extension) in [(2, "docx"), (3, "txt"), (4, "html"), (5, "fhir.json")] {
        h.ctrl('e');
        for _ in 0..tabs {
            h.key(KeyCode::Tab);
        }
        h.key(KeyCode::Enter);
        let path = stem.with_extension(extension);
        assert!(path.exists(), "{} written: {}", path.display(), h.message());
    }
    let word = std::fs::read(stem.with_extension("docx")).unwrap();
    assert!(word.starts_with(b"PK"), "a Word file is a zip");

    let reasoning = h.answer("q1").reasoning;
    assert!(!reasoning.is_empty());
    let first_words: String = reasoning.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
    h.ctrl('e');
    h.key(KeyCode::Tab); // Markdown alone
    h.ctrl('r'); // reasoning left out
    h.key(KeyCode::Enter);
    let markdown = std::fs::read_to_string(stem.with_extension("md")).unwrap();
    assert!(markdown.starts_with("# Integrating care"));
    assert!(!markdown.contains(&first_words), "no reasoning in the submission");
}

#[test]
fn the_respondent_form_asks_what_consultations_ask() {
    let mut h = started();
    h.ctrl('o');
    for _ in 0..5 {
        h.key(KeyCode::Tab); // to "Members it represents"
    }
    h.type_text("312");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char(' ')); // published: yes
    h.key(KeyCode::Char(' ')); // yes, anonymised
    h.key(KeyCode::Tab);
    h.type_text("Appendix B names a member council; please do not publish it.");
    h.key(KeyCode::Esc);
    let r = &h.app.draft.as_ref().unwrap().response.respondent;
    assert_eq!(r.members, Some(312));
    assert_eq!(r.publication, Some(consult::model::Publication::Anonymised));
    assert_eq!(
        r.confidentiality.as_deref(),
        Some("Appendix B names a member council; please do not publish it.")
    );
    h.ctrl('s');
    let saved = std::fs::read_to_string(h.draft_path()).unwrap();
    assert!(saved.contains("\"members\": 312"), "{saved}");
    assert!(
        saved.contains("\"format_version\": 2"),
        "a file using them says it needs a newer consult than 1"
    );
}

#[test]
fn notes_for_ourselves_are_kept_with_the_item_and_never_sent() {
    let mut h = started();
    h.type_text("Our answer.");
    h.key(KeyCode::F(3));
    assert_eq!(focus(&h), Focus::Notes, "F3 opens the notes and goes to them");
    h.type_text("LGA and APHD worried about timing");
    let summary = h.answer("summary");
    assert_eq!(summary.answer, "Our answer.");
    assert_eq!(summary.notes, "LGA and APHD worried about timing");
    h.key(KeyCode::F(3));
    assert_eq!(focus(&h), Focus::Answer, "folded away again");
    h.ctrl('e');
    h.key(KeyCode::Tab); // Markdown alone
    h.key(KeyCode::Enter);
    let markdown = std::fs::read_to_string(h.app.exports_dir.join("cyngor-mon-integrating-care.md")).unwrap();
    assert!(markdown.contains("Our answer."));
    assert!(!markdown.contains("APHD"), "notes never go out");
}

#[test]
fn a_key_copies_the_answer_as_a_web_form_takes_it() {
    let mut h = started();
    h.paste("We *strongly* agree:\n\n- first point\n- second point");
    h.key(KeyCode::F(5));
    assert_eq!(
        h.clipboard.as_deref(),
        Some("We strongly agree:\n\n- first point\n- second point"),
        "no formatting marks, lists as dashes"
    );
    assert!(
        h.message().starts_with("Copied 48 characters, 9 words"),
        "{}",
        h.message()
    );
}

#[test]
fn an_answer_over_its_limit_is_flagged_in_the_header_and_the_review() {
    let mut h = started();
    h.paste(&"word ".repeat(301));
    h.ctrl('s');
    let header = support::screen(&h, 120, 40).lines().next().unwrap().to_string();
    assert!(header.contains("⚠ 1 answer over a limit"), "{header}");
    h.ctrl('g');
    let review = support::screen(&h, 120, 40);
    assert!(review.contains("1 over a limit"), "{review}");
    assert!(review.contains("over the word limit by 1"), "{review}");
}

#[test]
fn a_save_counts_the_answer_against_its_limits_on_the_saving_thread_not_the_main_one() {
    use consult::app::{Action, update};
    use consult::export::limits::Limit;
    use crossterm::event::{Event, KeyEvent, KeyModifiers};

    let mut h = started();
    h.paste(&"word ".repeat(301));
    let save = Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let action = consult::tui::event::to_action(&h.app, save).unwrap();
    // The update step hands the save back to be run elsewhere, counting nothing itself.
    let Some(consult::app::Effect::Save(job)) = update(&mut h.app, action) else {
        panic!("a save is due");
    };
    let draft = h.app.draft.as_ref().unwrap();
    assert!(draft.over_limits.is_empty(), "{:?}", draft.over_limits);
    let recount = job
        .recount
        .as_ref()
        .expect("the save carries the answer to count");
    assert_eq!(recount.item.id, "summary");
    assert_eq!(recount.text, h.answer("summary").answer);

    // The saving thread counts it while it writes, and the outcome brings the count back.
    let outcome = consult::drafts::perform(&job);
    let recounted = outcome.recounted.clone().unwrap();
    let over = Limit {
        unit: "words",
        limit: 300,
        count: 301,
    };
    assert_eq!(
        (recounted.item.as_str(), recounted.limits.as_slice()),
        ("summary", &[over][..])
    );
    update(&mut h.app, Action::Saved(outcome));
    let draft = h.app.draft.as_ref().unwrap();
    assert_eq!(
        draft.over_limits,
        [("summary".to_string(), "over the word limit by 1".to_string())]
    );
    let header = support::screen(&h, 80, 24).lines().next().unwrap().to_string();
    assert!(header.contains("⚠ 1 answer over a limit"), "{header}");

    // Back within the limit, the next save's count clears it.
    for _ in 0.."word ".len() {
        h.key(KeyCode::Backspace);
    }
    h.ctrl('s');
    assert!(h.app.draft.as_ref().unwrap().over_limits.is_empty());
    let header = support::screen(&h, 80, 24).lines().next().unwrap().to_string();
    assert!(!header.contains("over a limit"), "{header}");
}

/// Written before Question 3's guidance was corrected, so it carries the old digest.
const EARLIER_VERSION: &str = "tests/fixtures/v1/health-devolution-commission.json";

/// A harness whose drafts folder holds [`EARLIER_VERSION`], opened; and its file.
fn opened_earlier_version() -> (Harness, std::path::PathBuf) {
    let mut h = Harness::with_drafts(&[EARLIER_VERSION]);
    h.open(0);
    let path = h.draft_path();
    (h, path)
}

/// The offer's dialog, if it is showing.
fn set_version_offer(h: &Harness) -> Option<&consult::app::Choice> {
    match &h.app.dialog {
        Some(Dialog::Choose(choice)) if choice.title == "An earlier version of the question set" => {
            Some(choice)
        }
        _ => None,
    }
}

/// Leaves the draft and opens it again, as the next start of consult would.
fn open_again(h: &mut Harness) {
    h.app.dialog = None;
    h.key(KeyCode::Esc);
    h.app = h.reopened();
    h.open(0);
}

#[test]
fn a_draft_that_answered_an_earlier_version_is_offered_the_current_one_with_what_changed() {
    let (h, path) = opened_earlier_version();
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk, "{}", h.message());
    let offer = set_version_offer(&h).expect("the offer is made");
    assert_eq!(
        offer.lines[0],
        "This draft answered an earlier version of \"Integrating care\"."
    );
    assert_eq!(offer.lines[2], "  Question 3 (q3) guidance:");
    assert!(
        offer.lines[3].starts_with("    - Beyond that mandatory core"),
        "{:?}",
        offer.lines
    );
    assert!(offer.lines[4].contains("housing providers"), "{:?}", offer.lines);
    for (width, height) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("set_version_offer_{width}x{height}"),
            support::screen(&h, width, height)
        );
    }
    let before = support::fixtures::response(EARLIER_VERSION);
    let draft = h.app.draft.as_ref().unwrap();
    assert_eq!(
        draft.response.answers, before.answers,
        "every answer is there as it was"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(EARLIER_VERSION).unwrap()
    );
}

#[test]
fn not_now_leaves_the_file_as_it_was_and_asks_again_next_time() {
    let (mut h, path) = opened_earlier_version();
    h.key(KeyCode::Esc);
    assert!(set_version_offer(&h).is_none());
    open_again(&mut h);
    assert!(set_version_offer(&h).is_some(), "asked again");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(EARLIER_VERSION).unwrap(),
        "byte for byte as it was"
    );
}

#[test]
fn keeping_the_earlier_version_leaves_the_file_alone_and_stops_the_notice() {
    let (mut h, path) = opened_earlier_version();
    h.type_text("k");
    assert!(
        h.message().starts_with("Kept on the earlier version"),
        "{}",
        h.message()
    );
    open_again(&mut h);
    assert!(set_version_offer(&h).is_none(), "not asked again");
    assert!(!h.message().contains("earlier version"), "{}", h.message());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(EARLIER_VERSION).unwrap()
    );
}

#[test]
fn bringing_it_up_to_date_records_the_new_digest_and_keeps_the_old_in_its_history() {
    let (mut h, path) = opened_earlier_version();
    let old = support::fixtures::response(EARLIER_VERSION).question_set.digest;
    let current = consult::catalog::Catalog::built_in()
        .find("integrating-care")
        .unwrap()
        .digest();
    h.type_text("u");
    assert!(
        h.message().starts_with("The draft now answers"),
        "{}",
        h.message()
    );
    let saved = consult::parse::response(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved.question_set.digest, current);
    assert_eq!(
        saved.answers,
        support::fixtures::response(EARLIER_VERSION).answers
    );
    let history = h
        .app
        .draft
        .as_ref()
        .unwrap()
        .file
        .as_ref()
        .unwrap()
        .history
        .clone();
    let digests: Vec<String> = (1..=history.count())
        .map(|n| {
            let bytes = history.read(n).unwrap();
            consult::parse::response(std::str::from_utf8(&bytes).unwrap())
                .unwrap()
                .question_set
                .digest
        })
        .collect();
    assert!(digests.contains(&old), "{digests:?}");
    open_again(&mut h);
    assert!(set_version_offer(&h).is_none());
    assert!(!h.message().contains("earlier version"), "{}", h.message());
}

/// A fresh start, then a response for `organisation` to the set `down` places down the
/// new-response dialog's list, and back to the drafts list.
fn respond_to(h: &mut Harness, down: usize, organisation: &str) {
    if h.app.dialog.is_none() {
        h.key(KeyCode::Char('n'));
    }
    for _ in 0..down {
        h.key(KeyCode::Down);
    }
    h.start_response(organisation);
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk, "{}", h.message());
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen.kind(), ScreenKind::Home, "{}", h.message());
}

#[test]
fn a_new_response_can_answer_any_built_in_set_and_the_drafts_list_says_which() {
    let mut h = Harness::fresh();
    let dialog = support::screen(&h, 80, 24);
    for line in [
        "NHS England · closing date 8 January 2021",
        "Integration and innovation: working together",
        "Department of Health and Social Care · no closing date",
        "A Real Opportunity to Level Up Health",
        "Health Devolution Commission · no closing date",
    ] {
        assert!(dialog.contains(line), "{line:?} in\n{dialog}");
    }
    respond_to(&mut h, 1, "Example Trust");
    respond_to(&mut h, 2, "Example Council");
    let sets: Vec<(&str, &str)> = h
        .app
        .home()
        .unwrap()
        .drafts
        .iter()
        .map(|d| (d.organisation.as_str(), d.set_id.as_str()))
        .collect();
    assert_eq!(
        sets,
        [
            ("Example Council", "health-and-care-bill"),
            ("Example Trust", "integration-and-innovation")
        ]
    );
    let home = support::screen(&h, 120, 40);
    assert!(home.contains("  answers A Real Opportunity to Level Up Health: the Health Devolution Commission's br… · Health Devolution Commission"), "{home}");
    h.key(KeyCode::Down);
    let home = support::screen(&h, 120, 40);
    assert!(
        home.contains(
            "  answers Integration and innovation: working together to improve health and s… · Department of Health and Social Care"
        ),
        "{home}"
    );
    h.open(0);
    assert_eq!(h.item(), "p1", "the White Paper's first proposal");
}

#[test]
fn comparing_from_the_drafts_list_takes_the_drafts_to_the_chosen_drafts_set_and_names_it() {
    let mut h = Harness::fresh();
    respond_to(&mut h, 1, "Example Trust");
    respond_to(&mut h, 1, "Example Council");
    respond_to(&mut h, 0, "Cyngor Môn");
    // The newest, Cyngor Môn's, answers "Integrating care": alone, it cannot be compared.
    h.key(KeyCode::Char('c'));
    assert_eq!(h.app.screen.kind(), ScreenKind::Home);
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('c'));
    assert_eq!(h.app.screen.kind(), ScreenKind::Compare, "{}", h.message());
    let comparison = h.app.comparison().unwrap().comparison.as_ref().unwrap();
    assert_eq!(comparison.set.id, "integration-and-innovation");
    assert_eq!(comparison.organisations.len(), 2);
    let screen = support::screen(&h, 80, 24);
    assert!(
        screen.contains(" 2 responses to Integration and innovation · all items"),
        "{screen}"
    );
}

/// Back to the first item, then on to `item` (a sample draft opens on its last item).
fn from_the_start_to(h: &mut Harness, item: &str) {
    for _ in 0..20 {
        h.key(KeyCode::PageUp);
    }
    go_to_item(h, item);
}

#[test]
fn f7_sets_the_key_point_in_one_line_and_empty_goes_back_to_the_first_sentence() {
    let mut h = Harness::with_drafts(&[LOCAL_GOVERNMENT]);
    h.open(0);
    from_the_start_to(&mut h, "q2");
    h.key(KeyCode::F(7));
    // Prefilled with the key point it has, to change rather than retype.
    let Some(Dialog::Text {
        purpose: consult::app::TextPurpose::KeyPoint,
        field,
        ..
    }) = &h.app.dialog
    else {
        panic!("the key point dialog");
    };
    assert_eq!(
        field.lines().concat(),
        "Councils are divided and we see merit in both options, so we state no preference."
    );
    // Typing goes into the field, not to the position picker beneath.
    h.ctrl('u');
    for _ in 0..100 {
        h.key(KeyCode::Backspace);
    }
    h.type_text("Merit in both options");
    h.key(KeyCode::Enter);
    assert!(h.app.dialog.is_none());
    assert_eq!(h.answer("q2").key_point.as_deref(), Some("Merit in both options"));
    assert!(h.message().starts_with("Key point kept"), "{}", h.message());
    assert_eq!(
        h.answer("q2").position.as_deref(),
        Some("neither"),
        "the position is untouched"
    );

    // Undo takes it back like a position; redo makes it again.
    h.ctrl('z');
    assert_eq!(
        h.answer("q2").key_point.as_deref(),
        Some("Councils are divided and we see merit in both options, so we state no preference.")
    );
    h.ctrl('y');
    assert_eq!(h.answer("q2").key_point.as_deref(), Some("Merit in both options"));

    // Emptied, the answer's first sentence stands for it, and the message says which.
    h.key(KeyCode::F(7));
    for _ in 0..40 {
        h.key(KeyCode::Backspace);
    }
    h.key(KeyCode::Enter);
    assert_eq!(h.answer("q2").key_point, None);
    assert!(
        h.message()
            .starts_with("Key point: the answer's first sentence, “We have heard a range of views"),
        "{}",
        h.message()
    );
    // Esc leaves it as it was.
    h.key(KeyCode::F(7));
    h.type_text("Not kept");
    h.key(KeyCode::Esc);
    assert_eq!(h.answer("q2").key_point, None);
    // Saved as format 4.
    h.ctrl('s');
    let saved = std::fs::read_to_string(h.draft_path()).unwrap();
    assert!(saved.contains("\"format_version\": 4"));
}

#[test]
fn f8_marks_the_position_inferred_or_stated_and_says_which() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.open(0);
    from_the_start_to(&mut h, "q1");
    h.key(KeyCode::F(8));
    assert_eq!(
        h.answer("q1").position_basis,
        consult::model::response::PositionBasis::Inferred
    );
    assert!(
        h.message().starts_with("Position marked inferred"),
        "{}",
        h.message()
    );
    h.key(KeyCode::F(8));
    assert_eq!(
        h.answer("q1").position_basis,
        consult::model::response::PositionBasis::Stated
    );
    assert!(
        h.message().starts_with("Position marked stated"),
        "{}",
        h.message()
    );
    h.ctrl('z');
    assert_eq!(
        h.answer("q1").position_basis,
        consult::model::response::PositionBasis::Inferred,
        "undo takes back the last mark"
    );
    // A free-text item takes no position to mark.
    go_to_item(&mut h, "comments");
    h.key(KeyCode::F(8));
    assert!(h.message().contains("free-text item"), "{}", h.message());
    assert!(h.answer("comments").position_basis.is_stated());
}

/// On the comparison screen of the two samples, from the drafts list.
fn comparing_samples() -> Harness {
    let mut h = Harness::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]);
    h.key(KeyCode::Char('c'));
    assert_eq!(h.app.screen.kind(), ScreenKind::Compare);
    h
}

#[test]
fn ctrl_e_on_the_comparison_writes_each_format_and_asks_before_overwriting() {
    let mut h = comparing_samples();
    let dir = h.dir.path().join("briefings");
    let written = |format: &str| dir.join(format!("comparison-integrating-care{format}"));
    // Each format in turn: Tab moves on, Enter writes.
    for (tabs, name, starts) in [
        (0, ".md", "# Comparison of responses"),
        (1, ".html", "<!DOCTYPE html>"),
        (2, ".json", "{"),
        (3, ".csv", "organisation,status,updated,item"),
        (4, "-pairs.csv", "organisation,other_organisation"),
    ] {
        h.ctrl('e');
        let Some(Dialog::CompareExport { .. }) = &h.app.dialog else {
            panic!("the comparison's export dialog");
        };
        h.ctrl('u');
        for _ in 0..200 {
            h.key(KeyCode::Backspace);
        }
        h.type_text(dir.to_str().unwrap());
        for _ in 0..tabs {
            h.key(KeyCode::Tab);
        }
        h.key(KeyCode::Enter);
        let path = written(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            text.starts_with(starts),
            "{name}: {}",
            &text[..40.min(text.len())]
        );
        assert!(
            h.message().starts_with("Comparison written to "),
            "{}",
            h.message()
        );
    }
    // The briefing quotes the answers, with key points and status.
    let md = std::fs::read_to_string(written(".md")).unwrap();
    assert!(md.contains("*Key point:* Our own optional third model"));
    assert!(md.contains("final, updated 2021-01-07"));

    // An existing file is only replaced after a yes.
    std::fs::write(written(".md"), "kept").unwrap();
    h.ctrl('e');
    h.ctrl('u');
    for _ in 0..200 {
        h.key(KeyCode::Backspace);
    }
    h.type_text(dir.to_str().unwrap());
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm { .. })));
    h.key(KeyCode::Char('n'));
    assert_eq!(std::fs::read_to_string(written(".md")).unwrap(), "kept");
    assert_eq!(h.app.screen.kind(), ScreenKind::Compare, "still comparing");
    // Esc cancels without writing.
    h.ctrl('e');
    h.key(KeyCode::Esc);
    assert!(h.app.dialog.is_none());
}

#[test]
fn p_on_the_comparison_opens_who_agrees_with_whom_and_esc_closes_it() {
    let mut h = comparing_samples();
    h.key(KeyCode::Char('p'));
    assert!(h.app.comparison().unwrap().pairs_open);
    assert_eq!(
        h.app.focused(),
        consult::app::Focused::Compare(consult::app::ComparePart::Pairs)
    );
    h.key(KeyCode::Esc);
    assert!(!h.app.comparison().unwrap().pairs_open);
    assert_eq!(
        h.app.screen.kind(),
        ScreenKind::Compare,
        "Esc closes the pairs, not the screen"
    );
}

fn press(h: &mut Harness, code: KeyCode, modifiers: crossterm::event::KeyModifiers) {
    h.event(crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        code, modifiers,
    )));
}

#[test]
fn the_editing_keys_move_and_delete_by_character_word_and_paragraph() {
    use crossterm::event::KeyModifiers as M;
    let mut h = started();
    h.type_text("We agree with this");
    h.key(KeyCode::Enter);
    h.type_text("Second thought");
    let answer = |h: &Harness| h.answer("summary").answer;
    press(&mut h, KeyCode::Char('w'), M::CONTROL);
    assert_eq!(answer(&h), "We agree with this\nSecond ");
    press(&mut h, KeyCode::Backspace, M::ALT);
    assert_eq!(answer(&h), "We agree with this\n");
    h.key(KeyCode::Backspace);
    assert_eq!(answer(&h), "We agree with this");
    press(&mut h, KeyCode::Left, M::CONTROL);
    press(&mut h, KeyCode::Left, M::SHIFT);
    h.type_text("_");
    assert_eq!(
        answer(&h),
        "We agree with_this",
        "typing replaces what Shift selected"
    );
    h.key(KeyCode::Home);
    press(&mut h, KeyCode::Delete, M::ALT);
    assert_eq!(answer(&h), " agree with_this");
    h.key(KeyCode::Delete);
    h.key(KeyCode::Right);
    h.type_text("A");
    h.key(KeyCode::End);
    h.type_text(".");
    assert_eq!(answer(&h), "aAgree with_this.");
    press(&mut h, KeyCode::Char('j'), M::CONTROL);
    assert_eq!(answer(&h), "");
    h.ctrl('z');
    assert_eq!(answer(&h), "aAgree with_this.", "undo gives the deletion back");
    let draft = h.app.draft.as_ref().unwrap();
    assert_eq!(draft.editors().answer.words(), 2);
    assert_eq!(draft.editors().answer.text(), answer(&h));
}

#[test]
fn up_and_down_keep_the_column_and_a_paste_is_one_edit() {
    let mut h = started();
    h.paste("First paragraph.\n\nSecond one.");
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    h.type_text("Our ");
    assert_eq!(h.answer("summary").answer, "First paragOur raph.\n\nSecond one.");
    h.ctrl('z');
    assert_eq!(h.answer("summary").answer, "First paragraph.\n\nSecond one.");
    h.ctrl('z');
    assert_eq!(h.answer("summary").answer, "", "the paste is taken back whole");
}

/// Draws a frame and passes back what it showed, as the event loop does; returns the
/// screen's cells and where the terminal's cursor is.
fn frame(
    h: &mut Harness,
    terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
) -> (ratatui::buffer::Buffer, (u16, u16)) {
    let mut shown = Default::default();
    terminal
        .draw(|frame| shown = consult::ui::draw_and_report(&h.app, frame))
        .unwrap();
    h.act(consult::app::Action::Layout(shown));
    let at = terminal.get_cursor_position().unwrap();
    (terminal.backend().buffer().clone(), (at.x, at.y))
}

fn cells(buffer: &ratatui::buffer::Buffer, y: u16, xs: std::ops::Range<u16>) -> String {
    xs.map(|x| buffer[(x, y)].symbol().to_string()).collect()
}

#[test]
fn the_cursor_is_where_the_next_letter_goes_even_deep_in_a_long_answer() {
    use crossterm::event::KeyModifiers as M;
    let mut h = started();
    let paragraph = "Councils bring democratic legitimacy and knowledge of their communities. ".repeat(5);
    h.paste(&vec![paragraph.trim(); 60].join("\n\n"));
    h.type_text(" 東京 Zebra");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let (screen, (x, y)) = frame(&mut h, &mut terminal);
    assert_eq!(
        cells(&screen, y, x - 5..x),
        "Zebra",
        "the cursor follows the last letter typed"
    );
    assert_eq!(
        screen[(x - 8, y)].symbol(),
        "京",
        "a wide character takes two cells"
    );
    press(&mut h, KeyCode::Char('<'), M::ALT);
    let (screen, (x, y)) = frame(&mut h, &mut terminal);
    assert_eq!(
        cells(&screen, y, x..x + 8),
        "Councils",
        "the start of the text is in view"
    );
    h.type_text("Our ");
    let (screen, (x, y)) = frame(&mut h, &mut terminal);
    assert_eq!(cells(&screen, y, x - 4..x + 8), "Our Councils");
    assert!(h.answer("summary").answer.starts_with("Our Councils bring"));
    assert!(h.answer("summary").answer.ends_with("東京 Zebra"));
}
