//! `consult versions` and `consult restore`, run as a user would: the real binary over a
//! scratch data folder, with versions kept through the library as the app's saver keeps them.

use crate::support;

use std::fs;
use std::path::PathBuf;

use jiff::Timestamp;

use consult::catalog::Catalog;
use consult::drafts::{DraftId, History};
use consult::model::Response;
use consult::text::word_count;
use support::fixtures::read;
use support::sandbox::{Sandbox, run};
use support::{COMMISSION, LOCAL_GOVERNMENT};

/// A sandbox whose consult runs in a fixed time zone nine hours east of UTC.
fn sandbox() -> Sandbox {
    Sandbox::in_time_zone("JST-9")
}

/// The draft these tests keep in a sandbox, and its history.
trait WithDraft {
    /// `draft.json` in the sandbox.
    fn draft(&self) -> PathBuf;
    /// The draft's history, as the app would keep it.
    fn history(&self) -> History;
}

impl WithDraft for Sandbox {
    fn draft(&self) -> PathBuf {
        self.path().join("draft.json")
    }

    fn history(&self) -> History {
        History::for_draft(&self.data().join("history"), &DraftId::of(&self.draft()))
    }
}

/// 2026-11-22T07:00:00Z plus `minutes`: 16:00 in the sandbox's time zone.
fn at(minutes: i64) -> Timestamp {
    Timestamp::from_second(1_795_330_800 + minutes * 60).unwrap()
}

/// The commission's response, and the same with only its first two answers.
fn full_and_early() -> (String, String) {
    let full = read(COMMISSION);
    let mut value: serde_json::Value = serde_json::from_str(&full).unwrap();
    value["answers"].as_array_mut().unwrap().truncate(2);
    (full, serde_json::to_string_pretty(&value).unwrap())
}

/// `answered/total` and words, as the table shows them.
fn counts(text: &str) -> (String, usize) {
    let response: Response = serde_json::from_str(text).unwrap();
    let catalog = Catalog::built_in();
    let set = catalog.find(&response.question_set.id).unwrap();
    let words = response.answers.iter().map(|a| word_count(&a.answer)).sum();
    (
        format!("{}/{}", response.answered_count(set), set.item_count()),
        words,
    )
}

/// Three versions: the early draft, the full response, then a truncated save; the draft
/// itself holds `current`.
fn seeded(current: &str) -> (Sandbox, String, String) {
    let sandbox = sandbox();
    let (full, early) = full_and_early();
    let history = sandbox.history();
    assert!(history.record_now(early.as_bytes(), at(0)).unwrap());
    assert!(history.record_now(full.as_bytes(), at(65)).unwrap());
    assert!(
        history
            .record_now(b"{\"format_version\": 1, \"quest", at(130))
            .unwrap()
    );
    fs::write(sandbox.draft(), current).unwrap();
    (sandbox, full, early)
}

#[test]
fn versions_lists_newest_first_in_local_time() {
    let (sandbox, full, early) = seeded("{}");
    let out = run(sandbox.consult(&["versions", "draft.json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (full_answered, full_words) = counts(&full);
    let (early_answered, early_words) = counts(&early);
    let expected = format!(
        "  N  SAVED                 ANSWERED   WORDS\n\
         \x20 1  22 Nov 2026 18:10:00  unreadable\n\
         \x20 2  22 Nov 2026 17:05:00  {full_answered:>8}  {full_words:>6}\n\
         \x20 3  22 Nov 2026 16:00:00  {early_answered:>8}  {early_words:>6}\n\
         put one back with: consult restore draft.json N\n"
    );
    assert_eq!(out.stdout, expected);
    assert_eq!(out.stderr, "");
    assert_ne!(full_answered, early_answered);
    assert!(early_words > 0 && full_words > early_words);
}

#[test]
fn versions_of_a_draft_with_none_says_so() {
    let sandbox = sandbox();
    fs::write(sandbox.draft(), "{}").unwrap();
    let out = run(sandbox.consult(&["versions", "draft.json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "draft.json: no saved versions yet\n");
    assert!(
        !sandbox.path().join("data").exists(),
        "listing must not create folders"
    );
}

#[test]
fn restore_puts_a_version_back_and_can_be_undone() {
    let current = "{\"edited\": \"after the versions were kept\"}\n";
    let (sandbox, full, early) = seeded(current);

    let out = run(sandbox.consult(&["restore", "draft.json", "3"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (early_answered, early_words) = counts(&early);
    let total = early_answered.split('/').nth(1).unwrap();
    let answered = early_answered.split('/').next().unwrap();
    assert_eq!(
        out.stdout,
        format!(
            "restored draft.json to version 3 saved 22 Nov 2026 16:00:00 \
             ({answered}/{total} answered, {early_words} words)\n\
             the content it replaced is kept as version 1: `consult restore draft.json 1` undoes this\n"
        )
    );
    assert_eq!(fs::read_to_string(sandbox.draft()).unwrap(), early);

    // The replaced content is version 1, the old ones moved down by one.
    let history = sandbox.history();
    assert_eq!(history.count(), 4);
    assert_eq!(history.read(1).unwrap(), current.as_bytes());
    assert_eq!(history.read(3).unwrap(), full.as_bytes());
    let out = run(sandbox.consult(&["versions", "draft.json"]));
    assert_eq!(out.stdout.lines().count(), 6, "{}", out.stdout);
    assert!(
        out.stdout.lines().nth(1).unwrap().ends_with("unreadable"),
        "{}",
        out.stdout
    );

    // Undo: version 1 is what the restore replaced.
    let out = run(sandbox.consult(&["restore", "draft.json", "1"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(fs::read_to_string(sandbox.draft()).unwrap(), current);
    assert_eq!(history.read(1).unwrap(), early.as_bytes());
    assert_eq!(history.read(2).unwrap(), current.as_bytes());
    assert_eq!(history.count(), 5);
}

#[test]
fn restore_by_any_spelling_of_the_path() {
    let (sandbox, full, _) = seeded("{}");
    fs::create_dir(sandbox.path().join("sub")).unwrap();
    let draft = sandbox.draft();
    let roundabout = sandbox.path().join("sub/../draft.json");
    for path in [draft.to_str().unwrap(), roundabout.to_str().unwrap()] {
        let out = run(sandbox.consult(&["versions", path]));
        assert_eq!(out.stdout.lines().count(), 5, "{path}: {}", out.stdout);
    }
    let out = run(sandbox.consult(&["restore", roundabout.to_str().unwrap(), "2"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(fs::read_to_string(&draft).unwrap(), full);
}

#[test]
fn restore_writes_a_deleted_draft_back() {
    let (sandbox, full, _) = seeded("{}");
    fs::remove_file(sandbox.draft()).unwrap();

    let out = run(sandbox.consult(&["versions", "draft.json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 5, "{}", out.stdout);
    assert_eq!(
        out.stderr,
        "draft.json does not exist any more; `consult restore draft.json N` writes version N there\n"
    );

    let out = run(sandbox.consult(&["restore", "draft.json", "2"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("wrote draft.json from version 2 saved 22 Nov 2026 17:05:00 ("),
        "{}",
        out.stdout
    );
    assert_eq!(fs::read_to_string(sandbox.draft()).unwrap(), full);
    assert_eq!(
        sandbox.history().count(),
        3,
        "nothing to keep from a missing draft"
    );
    #[cfg(unix)]
    assert_eq!(
        support::files::mode(&sandbox.draft()),
        0o600,
        "drafts are private"
    );
}

#[test]
fn a_version_number_out_of_range_exits_2_and_names_the_range() {
    let (sandbox, _, _) = seeded("{}");
    for n in ["0", "4", "99"] {
        let out = run(sandbox.consult(&["restore", "draft.json", n]));
        assert_eq!(out.code, 2, "{n}");
        assert_eq!(
            out.stderr,
            format!(
                "consult: draft.json: there is no version {n}; saved versions are 1 to 3 \
                 (see `consult versions draft.json`)\n"
            )
        );
        assert_eq!(out.stdout, "");
    }
    assert_eq!(fs::read_to_string(sandbox.draft()).unwrap(), "{}");
    assert_eq!(sandbox.history().count(), 3);
}

#[test]
fn restore_without_versions_exits_2() {
    let sandbox = sandbox();
    fs::write(sandbox.draft(), "{}").unwrap();
    let out = run(sandbox.consult(&["restore", "draft.json", "1"]));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "consult: draft.json: there is no version 1; it has no saved versions yet \
         (see `consult versions draft.json`)\n"
    );
    assert_eq!(fs::read_to_string(sandbox.draft()).unwrap(), "{}");
}

#[test]
fn a_missing_file_or_a_folder_exits_2() {
    let sandbox = sandbox();
    fs::create_dir(sandbox.path().join("folder")).unwrap();
    for args in [
        vec!["versions", "missing.json"],
        vec!["restore", "missing.json", "1"],
    ] {
        let out = run(sandbox.consult(&args));
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(out.stderr, "consult: missing.json: no such file\n", "{args:?}");
        assert!(!sandbox.path().join("missing.json").exists());
    }
    for args in [vec!["versions", "folder"], vec!["restore", "folder", "1"]] {
        let out = run(sandbox.consult(&args));
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(
            out.stderr, "consult: folder: is a directory, not a draft\n",
            "{args:?}"
        );
    }
}

#[test]
fn usage_mistakes_exit_2() {
    let sandbox = sandbox();
    for args in [
        vec!["versions"],
        vec!["restore", "draft.json"],
        vec!["restore", "draft.json", "two"],
        vec!["restore", "draft.json", "-1"],
    ] {
        let out = run(sandbox.consult(&args));
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.starts_with("error: "), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn both_commands_have_help() {
    let sandbox = sandbox();
    for (args, usage, mentions) in [
        (
            vec!["versions", "--help"],
            "Usage: consult versions <FILE>",
            "last 20 saved versions",
        ),
        (
            vec!["restore", "--help"],
            "Usage: consult restore <FILE> <N>",
            "kept as version 1",
        ),
        (
            vec!["help", "restore"],
            "Usage: consult restore <FILE> <N>",
            "1 = the newest",
        ),
    ] {
        let out = run(sandbox.consult(&args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(out.stdout.contains(usage), "{args:?}:\n{}", out.stdout);
        assert!(out.stdout.contains(mentions), "{args:?}:\n{}", out.stdout);
    }
    let out = run(sandbox.consult(&["--help"]));
    assert!(out.stdout.contains("versions") && out.stdout.contains("restore"));
}

#[test]
fn restore_refuses_a_draft_open_in_the_app() {
    let sandbox = sandbox();
    let data = sandbox.data();
    let draft = sandbox.path().join("open.json");
    fs::copy(LOCAL_GOVERNMENT, &draft).unwrap();
    let id = DraftId::of(&draft);
    let history = History::for_draft(&data.join("history"), &id);
    history.record_now(b"{}", Timestamp::now()).unwrap();
    let _held = consult::drafts::lock(&data.join("locks"), &id).unwrap();
    let before = fs::read(&draft).unwrap();
    let out = run(sandbox.consult(&["restore", draft.to_str().unwrap(), "1"]));
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("open in another consult"));
    assert_eq!(fs::read(&draft).unwrap(), before, "the open draft is untouched");
}
