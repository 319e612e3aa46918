//! Nothing is ever lost: atomic writes that keep permissions and links, recovery of
//! work a kill interrupted, one writer per draft, and no silent overwrite of a file
//! someone else changed. Headless: the app is driven without a terminal.

use crate::support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use consult::app::{App, Dialog, SaveState, Screen, ScreenKind};
use consult::catalog::Catalog;
use consult::drafts::recovery;
use consult::drafts::{self, DraftId, LockError};
use consult::session::autosave::{JOURNAL_EVERY, RETRY_AFTER, SAVE_AFTER_IDLE};
use consult::storage::{self, NewFileMode};
use crossterm::event::KeyCode;
use support::{COMMISSION, Harness, dirs};

/// A new response for "Cyngor Môn" with `text` typed as its summary, not yet saved.
fn typed(text: &str) -> Harness {
    let mut h = Harness::new_response("Cyngor Môn");
    h.type_text(text);
    h
}

/// As [`typed`], then time let pass for the recovery copy but not for the draft save. The
/// time is counted from before the typing began, not from when it ended: a busy machine can
/// hold the test up while it types, and that must not count as a pause for the draft save.
fn journaled(text: &str) -> Harness {
    let began = Instant::now();
    let mut h = typed(text);
    h.tick(began + JOURNAL_EVERY);
    assert_ne!(
        h.save_state(),
        SaveState::Saved,
        "the draft save must not have run yet"
    );
    h
}

/// A new app over the same folders: what the next start of consult sees. The old
/// app's lock goes with it, as it would with a killed process.
fn restart(h: &mut Harness) -> App {
    if let Some(draft) = h.app.draft.as_mut() {
        draft.file = None;
    }
    h.reopened()
}

/// How many earlier versions the versions screen lists.
fn versions_listed(h: &Harness) -> usize {
    match &h.app.screen {
        Screen::Versions { versions, .. } => versions.len(),
        _ => panic!("not on the versions screen"),
    }
}

fn choose(app: &mut App, key: char) {
    let action = consult::app::Action::Command(consult::app::command::Command::Choose(key));
    if let Some(consult::app::Effect::Save(job)) = consult::app::update(app, action) {
        drafts::perform(&job);
    }
}

#[test]
fn work_killed_before_its_save_is_offered_back_exactly() {
    let typed_text = "Cytunwn – we agree, with conditions";
    let mut h = journaled(typed_text);
    let path = h.draft_path();
    assert!(
        !std::fs::read_to_string(&path).unwrap().contains(typed_text),
        "not in the draft file yet"
    );

    // The process dies here: no quit, no final save.
    let mut app = restart(&mut h);
    let Some(Dialog::Choose(choice)) = &app.dialog else {
        panic!("recovery should be offered first")
    };
    assert_eq!(choice.title, "Unsaved work found");
    let offered = choice.lines.join("\n");
    assert!(
        offered.contains(&format!("“{typed_text}”")),
        "the typed text is shown: {offered}"
    );
    assert_eq!(
        app.recovery.offered[0]
            .recovered
            .answer("summary")
            .unwrap()
            .answer,
        typed_text
    );

    choose(&mut app, 'r');
    assert!(app.dialog.is_none());
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains(typed_text), "recovered into the draft");
    assert!(recovery_files(&h.app.dirs).is_empty(), "nothing left to offer");
    assert!(restart(&mut h).dialog.is_none(), "not offered twice");
}

fn recovery_files(dirs: &consult::dirs::Dirs) -> Vec<PathBuf> {
    std::fs::read_dir(dirs.recovery())
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn recovered_work_can_be_kept_as_a_separate_draft() {
    let mut h = journaled("Second thoughts");
    let mut app = restart(&mut h);
    choose(&mut app, 'c');
    let names: Vec<String> = app
        .home()
        .unwrap()
        .drafts
        .iter()
        .map(|d| d.path.file_name().unwrap().to_string_lossy().into())
        .collect();
    assert!(names.iter().any(|n| n.ends_with("-recovered.json")), "{names:?}");
    assert_eq!(
        app.home().unwrap().drafts.len(),
        2,
        "the original draft is untouched beside it"
    );
}

#[test]
fn declining_recovery_sets_the_copy_aside_and_deciding_later_leaves_it() {
    let mut h = journaled("Maybe later");
    let mut app = restart(&mut h);
    choose(&mut app, '\u{1b}');
    assert!(app.dialog.is_none() || !matches!(app.dialog, Some(Dialog::Choose(_))));
    assert_eq!(recovery_files(&h.app.dirs).len(), 1, "later means untouched");

    let mut app = restart(&mut h);
    choose(&mut app, 'k');
    assert!(recovery_files(&h.app.dirs).is_empty());
    let aside: Vec<_> = std::fs::read_dir(recovery::set_aside_dir(&h.app.dirs))
        .unwrap()
        .collect();
    assert_eq!(aside.len(), 1, "kept, not deleted");
}

#[test]
fn a_clean_quit_leaves_nothing_to_recover() {
    let mut h = journaled("All saved");
    h.tick(Instant::now() + SAVE_AFTER_IDLE);
    assert_eq!(h.save_state(), SaveState::Saved);
    assert!(
        recovery_files(&h.app.dirs).is_empty(),
        "the draft save made the copy redundant"
    );
    assert!(restart(&mut h).dialog.is_none());
}

#[test]
fn a_recovery_file_cut_short_at_any_byte_never_breaks_start_up_and_is_kept() {
    let mut h = journaled("Truncate me – ŵ 東京");
    let journal = recovery_files(&h.app.dirs).pop().unwrap();
    let full = std::fs::read(&journal).unwrap();
    for end in 0..full.len() {
        std::fs::write(&journal, &full[..end]).unwrap();
        let app = restart(&mut h);
        assert!(
            journal.exists(),
            "a cut-short recovery file is never deleted unasked (cut at {end})"
        );
        // Cut anywhere but the final newline, it cannot be read and is reported;
        // with only the newline gone it still reads, and is offered.
        if end > 0 {
            assert_eq!(
                app.recovery.unreadable.len() + app.recovery.offered.len(),
                1,
                "cut at {end}"
            );
        }
    }
}

#[test]
fn a_complete_temporary_file_left_by_a_killed_save_is_offered() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    let draft = h.app.home().unwrap().drafts[0].path.clone();
    let mut text = std::fs::read_to_string(&draft).unwrap();
    text = text.replacen("Yes, on one condition.", "Yes, on one condition, recovered.", 1);
    let temporary = draft.with_file_name(format!(
        ".{}.Ab12Cd",
        draft.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&temporary, &text).unwrap();
    h.app = restart(&mut h);
    assert_eq!(h.app.recovery.offered.len(), 1);
    assert!(
        h.app.recovery.offered[0]
            .differences
            .iter()
            .any(|d| d.recovered.contains("recovered."))
    );
}

#[test]
fn a_draft_open_in_another_consult_is_refused_with_its_process() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.json");
    let held = drafts::lock(dir.path(), &DraftId::of(&draft)).unwrap();
    match drafts::lock(dir.path(), &DraftId::of(&draft)) {
        Err(LockError::Held { pid }) => assert_eq!(pid, Some(std::process::id())),
        other => panic!("expected the lock to be held, got {other:?}"),
    }
    let message = drafts::lock(dir.path(), &DraftId::of(&draft))
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(&format!("process {}", std::process::id())),
        "{message}"
    );
    drop(held);
    assert!(
        drafts::lock(dir.path(), &DraftId::of(&draft)).is_ok(),
        "released with its holder"
    );
}

#[test]
fn opening_a_locked_draft_from_the_list_says_so() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    let path = h.app.home().unwrap().drafts[0].path.clone();
    let _other = drafts::lock(&h.app.dirs.locks(), &DraftId::of(&path)).unwrap();
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen.kind(), ScreenKind::Home);
    assert!(h.message().contains("open in another consult"));
}

fn edit_commission() -> Harness {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.open(0);
    h.type_text(" Mine.");
    h
}

/// The Commission's draft edited on screen while another program changes its file,
/// then Ctrl-S: the app, the draft's path and what the other program wrote.
fn changed_elsewhere() -> (Harness, PathBuf, String) {
    let mut h = edit_commission();
    let path = h.draft_path();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Commission secretariat", "Someone else");
    std::fs::write(&path, &theirs).unwrap();
    h.ctrl('s');
    (h, path, theirs)
}

#[test]
fn a_file_changed_elsewhere_is_not_overwritten_without_asking() {
    let (mut h, path, theirs) = changed_elsewhere();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "their change survives"
    );
    assert_eq!(h.save_state(), SaveState::ChangedOnDisk);
    let Some(Dialog::Choose(choice)) = &h.app.dialog else {
        panic!("should ask")
    };
    assert!(choice.title.contains("changed elsewhere"));

    // Autosave waits while the question is open.
    h.tick(Instant::now() + Duration::from_secs(10));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);

    h.key(KeyCode::Char('o'));
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains(" Mine."), "overwritten once the user said so");
}

#[test]
fn reloading_a_changed_file_keeps_what_was_on_screen_as_a_separate_draft() {
    let (mut h, path, _) = changed_elsewhere();
    h.key(KeyCode::Char('r'));
    assert_eq!(
        h.app.draft.as_ref().unwrap().response.respondent.contact_name,
        "Someone else"
    );
    let mine = path.with_file_name(format!(
        "{}-mine.json",
        path.file_stem().unwrap().to_string_lossy()
    ));
    assert!(std::fs::read_to_string(mine).unwrap().contains(" Mine."));
}

#[test]
fn touching_a_file_is_not_a_change() {
    let mut h = edit_commission();
    let path = h.draft_path();
    let content = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, &content).unwrap(); // same bytes...
    // ...and a new modification time, set rather than waited for: a file system's clock can
    // be coarse enough that a quick rewrite keeps the old one.
    let later = modified + Duration::from_secs(2);
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(later).unwrap();
    drop(file);
    assert_ne!(std::fs::metadata(&path).unwrap().modified().unwrap(), modified);
    h.ctrl('s');
    assert_eq!(h.save_state(), SaveState::Saved);
    assert!(h.app.dialog.is_none());
}

#[test]
fn a_thousand_quick_saves_leave_the_last_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.json");
    for i in 0..1000 {
        storage::write_atomic(&path, format!("version {i}").as_bytes(), NewFileMode::Private).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "version 999");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind");
}

#[cfg(unix)]
mod unix {
    use std::os::unix::fs::PermissionsExt;

    use super::support::files::mode;
    use super::*;

    #[test]
    fn new_drafts_are_readable_by_their_owner_only() {
        let h = typed("x");
        assert_eq!(mode(&h.draft_path()), 0o600);
    }

    #[test]
    fn saving_keeps_a_drafts_permissions() {
        let mut h = Harness::with_drafts(&[COMMISSION]);
        let path = h.app.home().unwrap().drafts[0].path.clone();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        h.open(0);
        h.type_text(" more");
        h.ctrl('s');
        assert!(std::fs::read_to_string(&path).unwrap().contains(" more"));
        assert_eq!(mode(&path), 0o640);
    }

    #[test]
    fn a_symlinked_draft_stays_a_link_and_its_target_gets_the_text() {
        let mut h = Harness::with_drafts(&[]);
        let target_dir = h.dir.path().join("shared-folder");
        std::fs::create_dir_all(&target_dir).unwrap();
        let target = target_dir.join("real.json");
        std::fs::copy(COMMISSION, &target).unwrap();
        let link = h.drafts_dir().join("linked.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        h.app = restart(&mut h);
        h.open(0);
        h.type_text(" via the link");
        h.ctrl('s');
        assert!(
            std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
            "still a link"
        );
        assert!(
            std::fs::read_to_string(&target)
                .unwrap()
                .contains(" via the link")
        );
    }

    /// A small tmpfs of our own, where a full disk and a read-only folder can be made for real.
    struct SmallDisk {
        path: PathBuf,
    }

    impl SmallDisk {
        fn mount(path: PathBuf, size: &str) -> Option<SmallDisk> {
            std::fs::create_dir_all(&path).ok()?;
            let status = std::process::Command::new("mount")
                .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
                .arg(&path)
                .stderr(std::process::Stdio::null())
                .status()
                .ok()?;
            status.success().then_some(SmallDisk { path })
        }

        fn remount(&self, options: &str) {
            let status = std::process::Command::new("mount")
                .args(["-o", &format!("remount,{options}")])
                .arg(&self.path)
                .status()
                .unwrap();
            assert!(status.success());
        }
    }

    impl Drop for SmallDisk {
        fn drop(&mut self) {
            // Lazily: the app under test may still hold a file there as it is dropped.
            let _ = std::process::Command::new("umount")
                .arg("-l")
                .arg(&self.path)
                .stderr(std::process::Stdio::null())
                .status();
        }
    }

    /// The app with its data folder on a small disk, or None where mounting is not allowed.
    fn on_small_disk(size: &str) -> Option<(Harness, SmallDisk)> {
        let mut h = Harness::fresh();
        let disk = SmallDisk::mount(h.dir.path().join("disk"), size)?;
        h.app.dirs = dirs(&disk.path);
        h.start_response("Cyngor Môn");
        Some((h, disk))
    }

    #[test]
    fn a_full_disk_keeps_the_words_in_memory_and_the_old_file_intact_then_retries() {
        let Some((mut h, disk)) = on_small_disk("256k") else {
            eprintln!("skipped: this machine does not allow mounting a small disk");
            return;
        };
        let path = h.draft_path();
        h.type_text("Before the disk filled.");
        h.ctrl('s');
        let before = std::fs::read_to_string(&path).unwrap();
        // Fill the disk.
        let filler = disk.path.join("filler");
        let _ = std::fs::write(&filler, vec![b'x'; 300 * 1024]);
        h.paste(&" and a long passage pasted in the meeting".repeat(200));
        h.ctrl('s');
        let state = h.save_state();
        assert!(
            matches!(&state, SaveState::Failed(e) if e.contains("space")),
            "{state:?}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            before,
            "the previous file is untouched"
        );
        assert!(
            h.answer("summary").answer.contains("pasted in the meeting"),
            "the words are still there"
        );

        std::fs::remove_file(&filler).unwrap();
        h.tick(Instant::now() + RETRY_AFTER);
        assert_eq!(h.save_state(), SaveState::Saved, "retried by itself");
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("pasted in the meeting")
        );
    }

    #[test]
    fn a_read_only_folder_fails_the_save_visibly_and_loses_nothing() {
        let mut h = Harness::fresh();
        let Some(disk) = SmallDisk::mount(h.dir.path().join("disk"), "1m") else {
            eprintln!("skipped: this machine does not allow mounting a small disk");
            return;
        };
        // The draft lives on the disk that turns read-only; consult's own folders do not.
        let path = disk.path.join("response.json");
        std::fs::copy(super::support::LOCAL_GOVERNMENT, &path).unwrap();
        let opened = drafts::open(&h.app.dirs, &h.app.catalog, &path, None).unwrap();
        h.app.dialog = None;
        h.app.attach(consult::app::Draft::opened(opened));
        // To the executive summary, a free-text item: typing goes straight into it.
        for _ in 0..13 {
            h.key(KeyCode::PageUp);
        }
        disk.remount("ro");
        h.type_text("Typed on a read-only disk");
        h.ctrl('s');
        let state = h.save_state();
        assert!(
            matches!(&state, SaveState::Failed(e) if e.contains("Read-only")),
            "{state:?}"
        );
        assert!(h.answer("summary").answer.ends_with("Typed on a read-only disk"));
        disk.remount("rw");
        h.tick(Instant::now() + RETRY_AFTER);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("Typed on a read-only disk")
        );
    }

    #[test]
    fn exporting_to_an_unwritable_place_says_why() {
        let mut h = Harness::with_drafts(&[COMMISSION]);
        h.open(0);
        let blocker = h.dir.path().join("not-a-folder");
        std::fs::write(&blocker, "").unwrap();
        h.app.exports_dir = blocker.join("exports");
        h.ctrl('e');
        h.key(KeyCode::Enter);
        let message = h.app.message.as_ref().unwrap();
        assert!(
            message.error && message.text.contains("Could not export"),
            "{message:?}"
        );
    }
}

#[test]
fn an_earlier_version_can_be_brought_back_and_that_can_be_undone() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.open(0);
    let original = h.answer("comments").answer;
    h.type_text(" A paragraph I will regret deleting.");
    h.ctrl('s');
    h.ctrl('t');
    assert_eq!(h.app.screen.kind(), ScreenKind::Versions);
    assert_eq!(versions_listed(&h), 1, "the state it was opened in");
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.dialog, Some(Dialog::Confirm { .. })));
    h.key(KeyCode::Char('y'));
    assert_eq!(h.app.screen.kind(), ScreenKind::Walk);
    assert_eq!(h.answer("comments").answer, original, "back to how it was opened");
    h.ctrl('s');
    let on_disk = consult::parse::response(&std::fs::read_to_string(h.draft_path()).unwrap()).unwrap();
    let fixture = support::fixtures::response(COMMISSION);
    assert_eq!(
        on_disk.answers, fixture.answers,
        "the file holds that version again"
    );

    // What was on screen before going back is itself a version now.
    h.ctrl('t');
    assert_eq!(versions_listed(&h), 2);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('y'));
    assert!(
        h.answer("comments")
            .answer
            .ends_with("A paragraph I will regret deleting.")
    );
}

#[test]
fn editing_a_draft_with_unsaved_work_from_a_killed_session_offers_it_first() {
    let mut h = journaled("Said in the meeting – ŵ");
    let path = h.draft_path();
    drop(restart(&mut h)); // (the old session is gone: its lock with it)
    h.app.draft = None;

    // `consult edit FILE`: the file is opened (and locked) before the app starts.
    let dirs = h.app.dirs.clone();
    let catalog = Catalog::built_in();
    let opened = drafts::open(&dirs, &catalog, &path, None).unwrap();
    let mut app = App::editing(dirs, catalog, consult::app::Draft::opened(opened));
    let Some(Dialog::Choose(choice)) = &app.dialog else {
        panic!("the earlier work should be offered")
    };
    assert!(choice.lines.join("\n").contains("Said in the meeting – ŵ"));
    choose(&mut app, 'r');
    let draft = app.draft.as_mut().unwrap();
    assert_eq!(
        draft.response.answer("summary").unwrap().answer,
        "Said in the meeting – ŵ"
    );
    let job = draft
        .save_if_dirty()
        .expect("recovered work is saved like any change");
    drafts::perform(&job);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Said in the meeting – ŵ")
    );
}

#[test]
fn deciding_later_on_the_open_draft_keeps_the_earlier_work_safe() {
    let mut h = journaled("Earlier words");
    let path = h.draft_path();
    drop(restart(&mut h));
    let dirs = h.app.dirs.clone();
    let opened = drafts::open(&dirs, &Catalog::built_in(), &path, None).unwrap();
    let mut app = App::editing(
        dirs.clone(),
        Catalog::built_in(),
        consult::app::Draft::opened(opened),
    );
    choose(&mut app, '\u{1b}');
    let aside: Vec<_> = std::fs::read_dir(recovery::set_aside_dir(&dirs))
        .unwrap()
        .collect();
    assert_eq!(
        aside.len(),
        1,
        "set aside, so this session's recovery copy cannot overwrite it"
    );
    let kept = std::fs::read_to_string(aside[0].as_ref().unwrap().path()).unwrap();
    assert!(kept.contains("Earlier words"));
}

#[test]
fn going_back_to_a_version_while_a_save_is_under_way_still_saves_the_version() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.open(0);
    h.type_text(" Later text.");
    // A save of " Later text." starts in the background...
    let Some(consult::app::Effect::Save(job)) = consult::app::update(
        &mut h.app,
        consult::app::Action::Command(consult::app::command::Command::Save),
    ) else {
        panic!("a save")
    };
    // ...and meanwhile the user goes back to the version the draft was opened in.
    h.ctrl('t');
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('y'));
    // The old save lands after.
    let outcome = drafts::perform(&job);
    h.act(consult::app::Action::Saved(outcome));
    assert_ne!(h.save_state(), SaveState::Saved, "the version is not saved yet");
    h.tick(Instant::now() + SAVE_AFTER_IDLE);
    let saved = std::fs::read_to_string(h.draft_path()).unwrap();
    assert!(
        !saved.contains(" Later text."),
        "the file ends up holding the version gone back to"
    );
}

#[test]
fn leaving_for_the_drafts_list_waits_for_a_save_under_way() {
    let mut h = typed("Text being saved");
    let Some(consult::app::Effect::Save(job)) = consult::app::update(
        &mut h.app,
        consult::app::Action::Command(consult::app::command::Command::Save),
    ) else {
        panic!("a save")
    };
    h.type_text(" and more");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    assert_eq!(
        h.app.screen.kind(),
        ScreenKind::Walk,
        "still on the draft while its save is under way"
    );
    let outcome = drafts::perform(&job);
    h.act(consult::app::Action::Saved(outcome));
    assert_eq!(h.app.screen.kind(), ScreenKind::Home, "left once it landed");
    let saved = std::fs::read_to_string(&h.app.home().unwrap().drafts[0].path).unwrap();
    assert!(
        saved.contains("Text being saved and more"),
        "and everything typed was saved"
    );
}

#[test]
fn a_file_changed_elsewhere_can_be_merged_with_what_is_on_screen() {
    let (mut h, path, _) = changed_elsewhere();
    let Some(Dialog::Choose(choice)) = &h.app.dialog else {
        panic!("should ask")
    };
    assert!(
        choice.options.iter().any(|(key, _, _)| *key == 'm'),
        "a third choice: merge"
    );
    h.key(KeyCode::Char('m'));
    let draft = h.app.draft.as_ref().unwrap();
    assert_eq!(
        draft.response.respondent.contact_name, "Someone else",
        "their change is in"
    );
    let item = draft.item().id.clone();
    assert!(h.answer(&item).answer.ends_with(" Mine."), "and ours");
    assert!(
        draft.response.conflicts.is_empty(),
        "{:?}",
        draft.response.conflicts
    );
    assert!(h.message().contains("nothing conflicted"), "{}", h.message());
    h.ctrl('s');
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("Someone else") && saved.contains(" Mine."),
        "both saved"
    );
}
