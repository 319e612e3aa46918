//! Keys typed into the walk-through's focused editor redraw only the header and that
//! editor over the frame on screen. After typing anywhere (answer, reasoning, a one-line
//! field; a joint draft's answer is in `joint`), after a resize and after a message comes
//! and goes, the screen painted is the state drawn afresh (checked at every frame by
//! [`Painted`]), and typing took the short way where nothing else changed.

use crossterm::event::{KeyCode, KeyModifiers};

use crate::support::painted::Painted;
use crate::support::{COMMISSION, Harness};

/// The commission's sample open in the walk-through on question 1 (which has a position,
/// an answer and reasoning), painted at `width` × `height`.
fn open(width: u16, height: u16) -> (Harness, Painted) {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.open(0);
    for _ in 0..20 {
        h.key(KeyCode::PageUp);
    }
    for _ in 0..20 {
        if h.item() == "q1" {
            break;
        }
        h.key(KeyCode::PageDown);
    }
    assert_eq!(h.item(), "q1");
    let painted = Painted::new(&mut h, width, height);
    (h, painted)
}

const TYPED: &str = "Pooled budgets need clear governance at place. ";

#[test]
fn typing_in_the_answer_redraws_it_alone_and_as_a_whole_frame_would() {
    let (mut h, mut painted) = open(120, 40);
    // On the position picker, the first letter starts the answer: focus moves, all is drawn.
    painted.type_text(&mut h, &TYPED.repeat(3));
    painted.key(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    painted.type_text(&mut h, "A new paragraph");
    for _ in 0..5 {
        painted.key(&mut h, KeyCode::Backspace, KeyModifiers::NONE);
        painted.key(&mut h, KeyCode::Left, KeyModifiers::NONE);
        painted.key(&mut h, KeyCode::Up, KeyModifiers::NONE);
    }
    painted.key(&mut h, KeyCode::Home, KeyModifiers::SHIFT);
    painted.char(&mut h, 'x');
    assert!(
        h.answer("q1").answer.contains("Pooled budgets need"),
        "{:?}",
        h.answer("q1")
    );
    assert!(
        painted.typed * 10 >= painted.frames * 9,
        "{} of {} frames typed",
        painted.typed,
        painted.frames
    );
}

#[test]
fn typing_in_the_reasoning_redraws_it_alone_and_as_a_whole_frame_would() {
    let (mut h, mut painted) = open(120, 40);
    painted.char(&mut h, 'A');
    // Answer, then reasoning.
    painted.key(&mut h, KeyCode::Tab, KeyModifiers::NONE);
    let before = painted.typed;
    painted.type_text(&mut h, &TYPED.repeat(2));
    assert!(h.answer("q1").reasoning.ends_with(TYPED), "{:?}", h.answer("q1"));
    assert_eq!(painted.typed - before, TYPED.len() * 2);
}

#[test]
fn typing_in_a_one_line_field_draws_whole_frames_as_before() {
    let (mut h, mut painted) = open(120, 40);
    painted.key(&mut h, KeyCode::Char('l'), KeyModifiers::CONTROL);
    painted.type_text(&mut h, "pooled budgets");
    assert_eq!(painted.typed, 0);
    painted.key(&mut h, KeyCode::Esc, KeyModifiers::NONE);
    painted.char(&mut h, 'A');
    painted.type_text(&mut h, TYPED);
    assert!(painted.typed > 0);
}

#[test]
fn typing_after_a_resize_matches_a_whole_frame() {
    let (mut h, mut painted) = open(120, 40);
    painted.type_text(&mut h, TYPED);
    painted.resize(&mut h, 80, 24);
    painted.type_text(&mut h, TYPED);
    painted.resize(&mut h, 100, 30);
    let before = painted.typed;
    painted.type_text(&mut h, TYPED);
    assert_eq!(painted.typed - before, TYPED.len());
}

#[test]
fn typing_as_a_message_comes_and_goes_matches_a_whole_frame() {
    let (mut h, mut painted) = open(120, 40);
    painted.type_text(&mut h, TYPED);
    // Copying the answer says so in the footer; typing leaves the message up.
    painted.key(&mut h, KeyCode::F(5), KeyModifiers::NONE);
    assert!(h.app.message.is_some(), "a message is shown");
    painted.type_text(&mut h, TYPED);
    assert!(h.app.message.is_some(), "typing leaves the message");
    // A command takes it away: the footer, and the screen's layout, change.
    painted.key(&mut h, KeyCode::Tab, KeyModifiers::NONE);
    assert!(h.app.message.is_none());
    painted.type_text(&mut h, TYPED);
}
