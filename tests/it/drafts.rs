//! Opening a draft offers back that draft's unsaved work, and only that; other drafts'
//! unsaved work waits for the drafts list.

use crate::support;

use std::time::Instant;

use consult::app::{App, Dialog, Draft, ScreenKind};
use consult::catalog::Catalog;
use consult::drafts;
use consult::session::autosave::JOURNAL_EVERY;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use support::{Harness, LOCAL_GOVERNMENT};

/// A harness whose data folder holds unsaved work of a draft for "Cyngor Môn", as a
/// session killed between its recovery copy and its save leaves it.
fn unsaved_work_left_behind() -> Harness {
    let mut h = Harness::fresh();
    h.type_text("Cyngor Môn");
    h.key(KeyCode::Enter);
    h.type_text("Words typed before the crash");
    h.tick(Instant::now() + JOURNAL_EVERY);
    // The killed session's lock dies with it.
    h.app.draft.as_mut().unwrap().file = None;
    h
}

#[test]
fn editing_one_file_does_not_ask_about_another_drafts_work() {
    let left = unsaved_work_left_behind();
    let net = left.dir.path().join("net.json");
    std::fs::copy(LOCAL_GOVERNMENT, &net).unwrap();
    let dirs = left.app.dirs.clone();
    let opened = drafts::open(&dirs, &Catalog::built_in(), &net, None).unwrap();
    let app = App::editing(dirs, Catalog::built_in(), Draft::opened(opened));
    let mut h = left;
    h.app = app;
    assert!(h.app.dialog.is_none(), "nothing asked about another draft");
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
    h.type_text("x");
    assert!(
        h.app.draft.as_ref().unwrap().is_dirty(),
        "what is typed goes into the draft, not into a dialog"
    );

    // Back on the drafts list, the other draft's work is offered as before.
    h.event(Event::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::ALT)));
    assert_eq!(h.app.screen.kind(), ScreenKind::Home);
    let Some(Dialog::Choose(choice)) = &h.app.dialog else {
        panic!("the other draft's unsaved work is offered on the drafts list");
    };
    assert_eq!(choice.title, "Unsaved work found");
    assert!(
        choice.lines.join("\n").contains("Cyngor Môn"),
        "{:?}",
        choice.lines
    );
}
