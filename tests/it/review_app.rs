//! Reviews back from Word in the full-screen app, driven by actions: the review panel's
//! decisions (accept, reject, resolve, a member's comment as its sign-off), each one undo
//! with the editors showing the text it leaves; the outline's marks; marking final asks;
//! and the screens at both sizes.

use crate::support;

use consult::app::{Dialog, Focused};
use consult::model::Response;
use consult::model::joint::SignOffState;
use consult::model::review::Decision;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use support::reviews::{self, REASONING, SUMMARY};
use support::{Harness, render, screen_text};

/// The app open on `response`, laid out as the only draft, on its first item.
pub fn app_on(response: &Response) -> Harness {
    let mut h = Harness::fresh();
    let drafts = h.drafts_dir();
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(
        drafts.join("reviewed.json"),
        consult::export::json::render(response),
    )
    .unwrap();
    h.key(KeyCode::Esc);
    h.app.refresh_drafts();
    h.open(0);
    h
}

fn alt_r(h: &mut Harness) {
    h.event(Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::ALT)));
}

/// The app on the reviewed draft with the review panel open on the executive summary.
fn panel_open() -> Harness {
    let mut h = app_on(&reviews::reviewed());
    alt_r(&mut h);
    assert_eq!(h.app.focused(), Focused::Reviews);
    h
}

fn decision(h: &Harness, number: u32) -> Decision {
    let draft = h.app.draft.as_ref().unwrap();
    draft.reviews().unwrap().suggestion(number).unwrap().decision
}

/// What the answer editor of the current item shows.
fn answer_editor(h: &Harness) -> String {
    h.app.draft.as_ref().unwrap().editors().answer.text()
}

fn comment_resolved(h: &Harness, number: u32) -> bool {
    let draft = h.app.draft.as_ref().unwrap();
    let reviews = draft.reviews().unwrap();
    reviews
        .comments
        .iter()
        .find(|c| c.number == number)
        .unwrap()
        .resolved
}

#[test]
fn accepting_puts_the_words_in_the_editor_and_one_undo_takes_them_out() {
    let mut h = panel_open();
    h.key(KeyCode::Char('a'));
    let accepted = "Funding should follow population need, not history. Councils must lead.";
    assert_eq!(h.message(), "Suggestion 1 accepted.");
    assert_eq!(h.answer("summary").answer, accepted);
    assert_eq!(answer_editor(&h), accepted);
    assert_eq!(decision(&h, 1), Decision::Accepted);
    h.ctrl('z');
    assert_eq!(h.answer("summary").answer, SUMMARY);
    assert_eq!(answer_editor(&h), SUMMARY);
    assert_eq!(decision(&h, 1), Decision::Pending);
    h.ctrl('y');
    assert_eq!(answer_editor(&h), accepted);
    // Typing after an accepted suggestion goes on from its words.
    alt_r(&mut h);
    assert_eq!(h.app.focused(), Focused::Walk(consult::app::Focus::Answer));
    h.type_text("Now ");
    let typed = h.answer("summary").answer;
    assert!(
        typed.contains("Now ") && typed.contains("population need"),
        "{typed}"
    );
}

#[test]
fn undo_goes_back_through_an_accepted_suggestion_to_the_words_typed_before_it() {
    let mut h = app_on(&reviews::reviewed());
    h.key(KeyCode::End);
    h.type_text("Typed");
    assert!(answer_editor(&h).ends_with("must lead.Typed"));
    alt_r(&mut h);
    h.key(KeyCode::Char('a'));
    assert!(answer_editor(&h).contains("population need"));
    h.ctrl('z');
    assert_eq!(answer_editor(&h), format!("{SUMMARY}Typed"));
    h.ctrl('z');
    assert_eq!(answer_editor(&h), SUMMARY);
    assert_eq!(h.answer("summary").answer, SUMMARY);
    h.ctrl('y');
    h.ctrl('y');
    let redone = "Funding should follow population need, not history. Councils must lead.Typed";
    assert_eq!(answer_editor(&h), redone);
    assert_eq!(h.answer("summary").answer, redone);
}

#[test]
fn rejecting_leaves_the_text_and_is_undone_on_its_own() {
    let mut h = panel_open();
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('r'));
    assert_eq!(h.message(), "Suggestion 3 rejected.");
    assert_eq!(decision(&h, 3), Decision::Rejected);
    assert_eq!(h.answer("summary").answer, SUMMARY);
    h.ctrl('z');
    assert_eq!(decision(&h, 3), Decision::Pending);
}

#[test]
fn a_suggestion_whose_words_are_gone_is_refused_in_the_cores_words() {
    let mut h = panel_open();
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('a'));
    assert_eq!(
        h.message(),
        "The words suggestion 4 changes are no longer in the text; reject it, or make the change by hand"
    );
    assert!(h.app.message.as_ref().unwrap().error);
    assert_eq!(h.answer("summary").answer, SUMMARY);
    h.key(KeyCode::Char('r'));
    assert_eq!(decision(&h, 4), Decision::Rejected);
}

#[test]
fn of_two_competing_suggestions_the_second_no_longer_applies_once_the_first_is_accepted() {
    let mut h = panel_open();
    h.key(KeyCode::Char('a'));
    // Suggestion 2 wanted "need, not history" gone; its context is still there.
    h.key(KeyCode::Char('a'));
    assert_eq!(decision(&h, 2), Decision::Accepted);
    assert_eq!(
        h.answer("summary").answer,
        "Funding should follow population need. Councils must lead."
    );
}

#[test]
fn comments_are_resolved_and_opened_again_each_one_undo() {
    let mut h = panel_open();
    // Pending suggestions 1 to 4 come first, then the comments.
    for _ in 0..4 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('a'));
    assert_eq!(
        h.message(),
        "Select a suggestion first: a accepts it, r rejects it"
    );
    h.key(KeyCode::Char('c'));
    assert_eq!(h.message(), "Comment 1 resolved.");
    assert!(comment_resolved(&h, 1));
    h.ctrl('z');
    assert!(!comment_resolved(&h, 1));
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('c'));
    assert_eq!(h.message(), "Comment 2 is open again.");
    assert!(!comment_resolved(&h, 2));
}

#[test]
fn a_members_comment_becomes_its_sign_off_agreed_or_objected() {
    let mut response = reviews::reviewed();
    let member = "Northshire Combined Authority".to_string();
    response.joint = Some(consult::model::joint::Joint {
        members: vec![consult::model::joint::Member {
            organisation: member.clone(),
            ..Default::default()
        }],
        ..Default::default()
    });
    response.reviews.as_mut().unwrap().comments[0].member = Some(member.clone());
    let mut h = app_on(&response);
    alt_r(&mut h);
    for _ in 0..4 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('s'));
    let Some(Dialog::Choose(choice)) = &h.app.dialog else {
        panic!("expected a choice, got {:?}", h.message())
    };
    assert!(
        choice.lines[0].contains("We can live with this."),
        "{:?}",
        choice.lines
    );
    h.key(KeyCode::Char('o'));
    assert_eq!(
        h.message(),
        format!("{member} objected on this item, comment 1 its note; the comment is resolved.")
    );
    let draft = h.app.draft.as_ref().unwrap();
    let signed = &draft.response.joint.as_ref().unwrap().sign_offs[0];
    assert_eq!(signed.state, SignOffState::Objected);
    assert_eq!(signed.note, "We can live with this.");
    assert!(comment_resolved(&h, 1));
    // A comment from someone who is not a member cannot sign anything off.
    h.key(KeyCode::Down);
    h.key(KeyCode::Char('s'));
    assert!(h.app.dialog.is_none());
    assert_eq!(
        h.message(),
        "Comment 2 is not from a member of this joint response"
    );
    // The members panel takes the review panel's place.
    h.key(KeyCode::F(9));
    assert_eq!(h.app.focused(), Focused::Members);
}

#[test]
fn the_outline_marks_items_with_something_waiting_and_the_mark_goes_when_all_is_decided() {
    let mut h = app_on(&reviews::reviewed());
    let screen = support::screen(&h, 120, 40);
    let marked = |screen: &str, label: &str| screen.lines().any(|l| l.contains("│✎") && l.contains(label));
    assert!(marked(&screen, "Executive summary"), "{screen}");
    assert!(marked(&screen, "Question 1"), "{screen}");
    assert!(!marked(&screen, "Question 2"), "{screen}");
    // Question 1: one suggestion on its reasoning, one comment.
    h.key(KeyCode::PageDown);
    alt_r(&mut h);
    h.key(KeyCode::Char('a'));
    assert_eq!(h.message(), "Suggestion 5 accepted.");
    assert_eq!(h.answer("q1").reasoning, "Integration has to be funded properly.");
    assert_ne!(h.answer("q1").reasoning, REASONING);
    assert_eq!(
        h.app.draft.as_ref().unwrap().editors().reasoning.text(),
        "Integration has to be funded properly."
    );
    h.key(KeyCode::Char('c'));
    let screen = support::screen(&h, 120, 40);
    assert!(!marked(&screen, "Question 1"), "{screen}");
    assert!(marked(&screen, "Executive summary"), "{screen}");
}

#[test]
fn marking_final_asks_while_suggestions_or_comments_wait() {
    let mut response = reviews::reviewed();
    let set = support::fixtures::built_in();
    // Every item answered, so only the reviews stand in the way.
    let ids: Vec<String> = set.items().map(|i| i.id.clone()).collect();
    for id in ids {
        let answer = response.answer_mut(&set, &id);
        if answer.answer.is_empty() {
            answer.answer = "Answered.".into();
        }
    }
    let mut h = app_on(&response);
    h.ctrl('g');
    h.key(KeyCode::Char('f'));
    let Some(Dialog::Confirm { question, .. }) = &h.app.dialog else {
        panic!("expected a question, got {:?}", h.message())
    };
    assert_eq!(
        question,
        "5 reviewers' suggestions are not yet accepted or rejected, and 2 reviewers' comments are not yet resolved. Mark the response final anyway?"
    );
    h.key(KeyCode::Char('n'));
    assert_eq!(
        h.app.draft.as_ref().unwrap().response.status,
        consult::model::ResponseStatus::Draft
    );
}

#[test]
fn nothing_to_review_says_where_to_look() {
    let mut h = app_on(&reviews::reviewed());
    h.ctrl('l');
    h.type_text("Question 2");
    h.key(KeyCode::Enter);
    alt_r(&mut h);
    assert_eq!(
        h.message(),
        "Nothing from reviewers on this item; items marked ✎ in the outline have suggestions or comments"
    );
    h.key(KeyCode::Esc);
    assert_ne!(h.app.focused(), Focused::Reviews);
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snapshot(name: &str, make: impl Fn() -> Harness) {
    for (width, height) in SIZES {
        let h = make();
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            screen_text(render(&h, width, height).backend())
        );
    }
}

#[test]
fn the_review_panel_shows_changes_in_context_competition_and_comments() {
    snapshot("review_panel", panel_open);
}

#[test]
fn the_review_panel_with_a_comment_selected() {
    snapshot("review_panel_comments", || {
        let mut h = panel_open();
        for _ in 0..5 {
            h.key(KeyCode::Down);
        }
        h
    });
}

#[test]
fn the_outline_marks_items_waiting_on_reviewers() {
    snapshot("review_outline", || app_on(&reviews::reviewed()));
}

#[test]
fn the_review_screen_counts_what_waits() {
    snapshot("review_counts", || {
        let mut h = app_on(&reviews::reviewed());
        h.ctrl('g');
        h
    });
}

#[test]
fn deleted_words_are_struck_and_inserted_words_underlined() {
    use ratatui::style::Modifier;
    let h = panel_open();
    let terminal = render(&h, 120, 40);
    let buffer = terminal.backend().buffer();
    let styled = |text: &str, modifier: Modifier| {
        let screen = screen_text(terminal.backend());
        let (y, line) = screen
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(text))
            .unwrap_or_else(|| panic!("{text} not on screen:\n{screen}"));
        let column = line[..line.find(text).unwrap()].chars().count() as u16;
        buffer[(column + 2, y as u16)].modifier.contains(modifier)
    };
    assert!(styled("[-need-]", Modifier::CROSSED_OUT));
    assert!(styled("{+population need+}", Modifier::UNDERLINED));
}

#[test]
fn reviewers_text_from_a_hostile_file_reaches_the_screen_as_pictures() {
    let mut response = reviews::reviewed();
    let read = response.reviews.as_mut().unwrap();
    read.suggestions[0].author = "Eve\u{1b}[2J".into();
    read.suggestions[0].inserted = "new\nline\u{7}".into();
    read.comments[0].text = "Look\u{1b}]52;c;aGk=\u{7}".into();
    let mut h = app_on(&response);
    alt_r(&mut h);
    let screen = support::screen(&h, 120, 40);
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{7}'),
        "{screen}"
    );
    assert!(screen.contains("Eve␛[2J"), "{screen}");
    assert!(screen.contains("Look␛]52;c;aGk=␇"), "{screen}");
}
