//! Conflict copies that sync tools leave beside a draft: marked in the drafts list and by
//! `consult list`, offered for merging when the draft is opened, merged only on the user's
//! word, and then moved to the trash, never deleted.

use crate::support;

use consult::app::{Dialog, Pending};
use crossterm::event::KeyCode;
use support::sandbox::{Sandbox, run};
use support::{COMMISSION, Harness};

const DRAFT: &str = "health-devolution-commission.json";
const COPY: &str = "health-devolution-commission (Jo Bloggs's conflicted copy 2026-12-07).json";

/// The Commission's draft, and beside it a sync tool's copy in which someone else changed
/// the contact's name.
fn with_a_conflict_copy() -> Harness {
    let h = Harness::with_drafts(&[COMMISSION]);
    let drafts = h.drafts_dir();
    let theirs = std::fs::read_to_string(drafts.join(DRAFT))
        .unwrap()
        .replace("Commission secretariat", "Someone else");
    std::fs::write(drafts.join(COPY), theirs).unwrap();
    let mut h = h;
    h.app.refresh_drafts();
    h
}

/// Opens the Commission's own draft from the drafts list.
fn open_original(h: &mut Harness) {
    let index = h
        .app
        .home()
        .unwrap()
        .drafts
        .iter()
        .position(|d| d.path.file_name().unwrap() == DRAFT)
        .unwrap();
    h.open(index);
}

#[test]
fn the_drafts_list_marks_the_copy() {
    let h = with_a_conflict_copy();
    let list = &h.app.home().unwrap().drafts;
    let copy = list.iter().find(|d| d.path.file_name().unwrap() == COPY).unwrap();
    assert_eq!(copy.conflict_copy.as_ref().unwrap().original, DRAFT);
    let original = list
        .iter()
        .find(|d| d.path.file_name().unwrap() == DRAFT)
        .unwrap();
    assert!(original.conflict_copy.is_none());
    let screen = support::screen_text(support::render(&h, 120, 40).backend());
    assert!(
        screen.contains("⚠ sync copy · Health Devolution Commission"),
        "{screen}"
    );
}

#[test]
fn opening_the_draft_offers_to_merge_the_copy_and_no_leaves_everything_as_it_was() {
    let mut h = with_a_conflict_copy();
    open_original(&mut h);
    let Some(Dialog::Confirm { question, pending }) = &h.app.dialog else {
        panic!("the copy is offered")
    };
    assert!(
        question.starts_with("A conflicting copy of this draft was left by a sync tool (Dropbox)"),
        "{question}"
    );
    assert!(matches!(pending, Pending::MergeSyncCopy(_)));
    h.key(KeyCode::Char('n'));
    assert!(
        h.drafts_dir().join(COPY).exists(),
        "nothing moved without the user's word"
    );
    let draft = h.app.draft.as_ref().unwrap();
    assert_eq!(draft.response.respondent.contact_name, "Commission secretariat");
}

#[test]
fn yes_merges_the_copy_in_three_way_when_history_holds_their_common_version_and_trashes_it() {
    let mut h = with_a_conflict_copy();
    // The copy was opened in consult here once, before it was changed: its saved versions
    // hold the state both copies started from.
    let original = std::fs::read(h.drafts_dir().join(DRAFT)).unwrap();
    let copy_history = consult::drafts::History::for_draft(
        &h.app.dirs.history(),
        &consult::drafts::DraftId::of(&h.drafts_dir().join(COPY)),
    );
    copy_history
        .record_now(&original, jiff::Timestamp::now())
        .unwrap();
    open_original(&mut h);
    h.key(KeyCode::Char('y'));
    let draft = h.app.draft.as_ref().unwrap();
    assert_eq!(
        draft.response.respondent.contact_name, "Someone else",
        "their change is in"
    );
    assert!(
        draft.response.conflicts.is_empty(),
        "{:?}",
        draft.response.conflicts
    );
    assert!(
        h.message()
            .contains("Merged the sync tool's copy in; nothing conflicted"),
        "{}",
        h.message()
    );
    assert!(!h.drafts_dir().join(COPY).exists());
    assert!(
        h.app.dirs.trash().join(COPY).exists(),
        "kept in the trash, not deleted"
    );
    h.ctrl('s');
    let saved = std::fs::read_to_string(h.drafts_dir().join(DRAFT)).unwrap();
    assert!(saved.contains("Someone else"));
}

#[test]
fn without_a_common_version_every_difference_is_a_conflict_to_settle() {
    let mut h = with_a_conflict_copy();
    open_original(&mut h);
    h.key(KeyCode::Char('y'));
    let draft = h.app.draft.as_ref().unwrap();
    assert_eq!(
        draft.response.conflicts.len(),
        1,
        "{:?}",
        draft.response.conflicts
    );
    assert!(
        h.message().contains("1 merge conflicts to settle")
            && h.message().contains("no common saved version"),
        "{}",
        h.message()
    );
    assert!(h.app.dirs.trash().join(COPY).exists());
}

#[test]
fn consult_list_marks_the_copy() {
    let sandbox = Sandbox::new();
    let drafts = sandbox.data().join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let draft = support::fixtures::copy_into(COMMISSION, &drafts);
    std::fs::copy(
        &draft,
        drafts.join("health-devolution-commission.sync-conflict-20261207-101502-ABCDEF1.json"),
    )
    .unwrap();
    let listed = run(sandbox.consult(&["list"]));
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(
        listed.stdout.contains(
            "health-devolution-commission.sync-conflict-20261207-101502-ABCDEF1.json: a conflicting copy of health-devolution-commission.json left by Syncthing; open health-devolution-commission.json to merge it in"
        ),
        "{}",
        listed.stdout
    );
    let json = run(sandbox.consult(&["list", "--format", "json"]));
    assert!(
        json.stdout
            .contains("\"conflict_copy_of\": \"health-devolution-commission.json\""),
        "{}",
        json.stdout
    );
    assert_eq!(json.stdout.matches("conflict_copy_of").count(), 1);
}

#[test]
fn a_copy_left_while_the_draft_is_open_is_offered_after_the_next_save_and_once_only() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    open_original(&mut h);
    assert!(h.app.dialog.is_none(), "no copy yet");
    let theirs = std::fs::read_to_string(h.drafts_dir().join(DRAFT)).unwrap();
    std::fs::write(h.drafts_dir().join(COPY), theirs).unwrap();
    h.type_text("x");
    h.ctrl('s');
    assert!(
        matches!(
            &h.app.dialog,
            Some(Dialog::Confirm {
                pending: Pending::MergeSyncCopy(_),
                ..
            })
        ),
        "offered after the save"
    );
    h.key(KeyCode::Char('n'));
    h.type_text("y");
    h.ctrl('s');
    assert!(h.app.dialog.is_none(), "asked once only");
    assert!(h.drafts_dir().join(COPY).exists());
}
