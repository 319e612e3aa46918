//! `consult merge` and `consult diff`: the real binary on copies of the sample responses,
//! bad input, the app opening a merged file, and properties of the merge over arbitrary
//! edits on both sides.

use crate::support;

use std::fs;
use std::path::{Path, PathBuf};

use consult::dirs::Dirs;
use consult::drafts::{self, DraftId, History};
use consult::merge::{self, sentences};
use consult::model::{Answer, ItemStatus, QuestionSet, Response, validate};
use consult::{export, parse};
use crossterm::event::KeyCode;
use proptest::prelude::*;

use support::fixtures::{built_in, root};
use support::sandbox::{self, Run};
use support::{Harness, LOCAL_GOVERNMENT};

/// The Commission's sample as format 2 wrote it: merging never changes a file's format.
const COMMISSION_V2: &str = "tests/fixtures/v2/health-devolution-commission.json";

fn load(path: &Path) -> Response {
    parse::response(&fs::read_to_string(path).unwrap()).unwrap()
}

/// The shared command-line sandbox, with names inside it and files written as consult would.
struct Sandbox {
    inner: sandbox::Sandbox,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            inner: sandbox::Sandbox::new(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.inner.path().join(name)
    }

    fn dirs(&self) -> Dirs {
        support::dirs(self.inner.path())
    }

    fn run(&self, args: &[&str]) -> Run {
        sandbox::run(self.inner.consult(args))
    }

    /// Writes `response` as consult would, under `name`.
    fn write(&self, name: &str, response: &Response) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, export::json::render(response)).unwrap();
        path
    }
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn answer_mut<'a>(response: &'a mut Response, item: &str) -> &'a mut Answer {
    response.answers.iter_mut().find(|a| a.item == item).unwrap()
}

/// The commission's response with the `n`th sentence of `item`'s answer replaced.
fn with_sentence(mut response: Response, item: &str, n: usize, new: &str) -> Response {
    let answer = answer_mut(&mut response, item);
    let old = sentences::sentences(&answer.answer).nth(n).unwrap().to_string();
    answer.answer = answer.answer.replacen(&old, new, 1);
    response
}

/// Base, ours and theirs: ours changes q1's second sentence and q2's position, theirs q1's
/// fifth sentence and q3's reasoning.
fn clean_copies(sandbox: &Sandbox) -> [PathBuf; 3] {
    let base = load(&root().join(COMMISSION_V2));
    let mut ours = with_sentence(base.clone(), "q1", 1, "Ours changed this sentence.");
    answer_mut(&mut ours, "q2").position = Some("agree".into());
    let mut theirs = with_sentence(base.clone(), "q1", 4, "Theirs changed this one.");
    answer_mut(&mut theirs, "q3")
        .reasoning
        .push_str(" Theirs added this.");
    [
        sandbox.write("base.json", &base),
        sandbox.write("ours.json", &ours),
        sandbox.write("theirs.json", &theirs),
    ]
}

/// Ours and theirs both change q1's second sentence, differently.
fn conflicting_copies(sandbox: &Sandbox) -> [PathBuf; 3] {
    let base = load(&root().join(COMMISSION_V2));
    let ours = with_sentence(base.clone(), "q1", 1, "Ours says this.");
    let theirs = with_sentence(base.clone(), "q1", 1, "Theirs says that.");
    [
        sandbox.write("base.json", &base),
        sandbox.write("ours.json", &ours),
        sandbox.write("theirs.json", &theirs),
    ]
}

/// The response a clean merge of [`clean_copies`] wrote, checked to hold both sides' edits;
/// `how` is what consult said about the ancestor.
fn merged_cleanly(run: &Run, how: &str) -> Response {
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(how), "{}", run.stderr);
    let merged = parse::response(&run.stdout).unwrap();
    let q1 = &merged.answer("q1").unwrap().answer;
    assert!(q1.contains("Ours changed this sentence.") && q1.contains("Theirs changed this one."));
    assert_eq!(merged.answer("q2").unwrap().position.as_deref(), Some("agree"));
    let q3 = &merged.answer("q3").unwrap().reasoning;
    assert!(q3.ends_with(" Theirs added this."));
    assert!(merged.conflicts.is_empty());
    merged
}

/// `consult merge OURS THEIRS --base BASE --out OUT EXTRA...`.
fn merge_into(sandbox: &Sandbox, [base, ours, theirs]: [&Path; 3], out: &str, extra: &[&str]) -> Run {
    let mut args = vec!["merge", p(ours), p(theirs), "--base", p(base), "--out", out];
    args.extend(extra);
    sandbox.run(&args)
}

/// The conflicting copies merged into `merged.json`, and how that went.
fn merged_with_conflict(sandbox: &Sandbox) -> (PathBuf, Run) {
    let [base, ours, theirs] = conflicting_copies(sandbox);
    let out = sandbox.path("merged.json");
    let run = merge_into(sandbox, [&base, &ours, &theirs], p(&out), &[]);
    (out, run)
}

#[test]
fn a_clean_merge_keeps_both_sides_edits_and_leaves_the_copies_alone() {
    let sandbox = Sandbox::new();
    let [base, ours, theirs] = clean_copies(&sandbox);
    let before: Vec<Vec<u8>> = [&base, &ours, &theirs]
        .iter()
        .map(|f| fs::read(f).unwrap())
        .collect();
    let run = sandbox.run(&["merge", p(&ours), p(&theirs), "--base", p(&base)]);
    let merged = merged_cleanly(&run, "three-way, against the ancestor");
    // Nothing in the merge changes format: a clean merge of version-2 files is version 2.
    assert_eq!(merged.format_version, 2);
    let after: Vec<Vec<u8>> = [&base, &ours, &theirs]
        .iter()
        .map(|f| fs::read(f).unwrap())
        .collect();
    assert_eq!(before, after, "the copies are never changed");
}

#[test]
fn a_conflict_keeps_both_sides_as_data_and_the_merged_file_validates_but_does_not_export() {
    let sandbox = Sandbox::new();
    let (out, run) = merged_with_conflict(&sandbox);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("1 conflict(s)") && run.stderr.contains("q1 answer"),
        "{}",
        run.stderr
    );

    let text = fs::read_to_string(&out).unwrap();
    assert!(!text.contains("<<<<<<<"), "conflicts are data, never markers");
    let merged = parse::response(&text).unwrap();
    assert_eq!(
        merged.format_version, 3,
        "a file with conflicts needs the newer format"
    );
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.item.as_deref(), Some("q1"));
    assert_eq!(conflict.field, "answer");
    assert_eq!(conflict.ours.as_deref(), Some("Ours says this."));
    assert_eq!(conflict.theirs.as_deref(), Some("Theirs says that."));
    assert_eq!(conflict.before.as_deref(), Some("**Yes, on one condition.**"));
    // The field holds the ancestor's sentence, so it reads the same whichever side is ours.
    let base_sentence = conflict.base.as_deref().unwrap();
    assert!(merged.answer("q1").unwrap().answer.contains(base_sentence));

    let validated = sandbox.run(&["validate", p(&out)]);
    assert_eq!(validated.code, 0, "{}", validated.stderr);

    let export = sandbox.run(&["export", p(&out), "--format", "md", "--out", "x.md"]);
    assert_eq!(export.code, 1);
    assert!(
        export
            .stderr
            .contains("1 unresolved merge conflict, in Question 1 (q1)"),
        "{}",
        export.stderr
    );
    assert!(!sandbox.path("x.md").exists(), "nothing written");

    let shown = sandbox.run(&["diff", p(&out)]);
    assert!(
        shown
            .stdout
            .contains("q1 answer: ours Ours says this. | theirs Theirs says that."),
        "{}",
        shown.stdout
    );
}

#[test]
fn an_older_consult_is_told_a_merged_file_with_conflicts_needs_a_newer_one() {
    let sandbox = Sandbox::new();
    let (out, _) = merged_with_conflict(&sandbox);
    let mut merged = load(&out);
    // Claiming an older format with conflicts in it is refused, as char_limit is for sets.
    merged.format_version = 2;
    let problems = validate::response(&merged, &built_in());
    assert!(problems.iter().any(|p| {
        p.message
            .contains("conflicts are new in response format version 3")
    }));
}

#[test]
fn the_app_opens_a_merged_file_with_conflicts_keeps_them_when_saving_and_refuses_to_export() {
    let sandbox = Sandbox::new();
    let (out, _) = merged_with_conflict(&sandbox);

    let mut h = Harness::with_drafts(&[p(&out)]);
    h.open(0);
    assert_eq!(h.item(), "q1", "editing resumes at the first conflict");
    for (width, height) in [(80, 24), (120, 40)] {
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| consult::ui::draw(&h.app, frame)).unwrap();
    }
    h.key(KeyCode::Enter);
    h.type_text(" More.");
    h.ctrl('s');
    let saved = load(&h.drafts_dir().join("merged.json"));
    assert_eq!(saved.conflicts.len(), 1, "saving keeps the conflicts");

    let draft = h.app.draft.as_ref().unwrap();
    let target = sandbox.path("exports/merged.md");
    let refused = drafts::export(
        &draft.response,
        &draft.set,
        export::Format::Markdown,
        &target,
        &export::Options::default(),
    )
    .unwrap_err();
    assert!(refused.to_string().contains("Question 1 (q1)"), "{refused}");
    assert!(!target.exists());
}

#[test]
fn settling_a_conflict_in_the_app_is_one_undo_and_earlier_history_survives_it() {
    let sandbox = Sandbox::new();
    let (base, ours, _, merged) = both_changed();
    let file = sandbox.write("merged.json", &merged);
    let mut h = Harness::with_drafts(&[p(&file)]);
    h.open(0);
    assert_eq!(h.item(), "q1");
    let ancestor = base.answer("q1").unwrap().answer.clone();
    h.key(KeyCode::Enter);
    h.type_text(" More.");
    let typed = format!("{ancestor} More.");
    assert_eq!(h.answer("q1").answer, typed);

    h.key(KeyCode::F(6));
    h.type_text("o");
    let settled = format!("{} More.", ours.answer("q1").unwrap().answer);
    assert_eq!(h.answer("q1").answer, settled);
    let conflicts = |h: &Harness| h.app.draft.as_ref().unwrap().response.conflicts.len();
    assert_eq!(conflicts(&h), 1, "q2's is left");

    // The settlement is one undo, and the typing before it is still there to undo.
    h.ctrl('z');
    assert_eq!(h.answer("q1").answer, typed);
    assert_eq!(conflicts(&h), 2, "the conflict is back");
    // " More." is two undos, as an editor groups typing: the word, then the space.
    h.ctrl('z');
    h.ctrl('z');
    assert_eq!(h.answer("q1").answer, ancestor);
    for _ in 0..3 {
        h.ctrl('y');
    }
    assert_eq!(h.answer("q1").answer, settled);
    assert_eq!(conflicts(&h), 1);
    // The editor shows what the response holds, and typing goes on from there.
    h.type_text(" Then.");
    assert_eq!(h.answer("q1").answer, format!("{settled} Then."));
    h.ctrl('z');
    h.ctrl('z');
    assert_eq!(h.answer("q1").answer, settled);

    // A position kept from their side is one undo as well.
    h.key(KeyCode::PageDown);
    assert_eq!(h.item(), "q2");
    let before = h.answer("q2").position.clone();
    h.key(KeyCode::F(6));
    h.type_text("t");
    assert_eq!(h.answer("q2").position.as_deref(), Some("disagree"));
    assert_eq!(conflicts(&h), 0);
    h.ctrl('z');
    assert_eq!(h.answer("q2").position, before);
    assert_eq!(conflicts(&h), 1);
    h.ctrl('y');
    assert_eq!(conflicts(&h), 0);
    h.ctrl('s');
    let saved = load(&h.drafts_dir().join("merged.json"));
    assert!(saved.conflicts.is_empty());
    assert_eq!(saved.answer("q1").unwrap().answer, settled);
    assert_eq!(saved.answer("q2").unwrap().position.as_deref(), Some("disagree"));
}

#[test]
fn without_a_base_the_ancestor_is_found_in_the_copies_saved_versions() {
    let sandbox = Sandbox::new();
    let [base, ours, theirs] = clean_copies(&sandbox);
    let dirs = sandbox.dirs();
    let base_bytes = fs::read(&base).unwrap();
    let then = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    for copy in [&ours, &theirs] {
        let history = History::for_draft(&dirs.history(), &DraftId::of(copy));
        history.record_now(&base_bytes, then).unwrap();
    }
    let run = sandbox.run(&["merge", p(&ours), p(&theirs)]);
    merged_cleanly(&run, "three-way, against the version of");
}

#[test]
fn without_a_common_ancestor_the_merge_is_two_way() {
    let sandbox = Sandbox::new();
    let [_, ours, theirs] = clean_copies(&sandbox);
    let run = sandbox.run(&["merge", p(&ours), p(&theirs)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("two-way"), "{}", run.stderr);
    let merged = parse::response(&run.stdout).unwrap();
    let places: Vec<String> = merged.conflicts.iter().map(|c| c.place()).collect();
    assert_eq!(places, ["q1 answer", "q2 position", "q3 reasoning"]);
    // Fields the copies agree on are merged.
    assert_eq!(merged.answer("q4"), load(&ours).answer("q4"));
}

#[test]
fn out_never_replaces_a_file_without_force_nor_names_a_copy() {
    let sandbox = Sandbox::new();
    let [base, ours, theirs] = clean_copies(&sandbox);
    let existing = sandbox.path("existing.json");
    fs::write(&existing, "keep me").unwrap();
    let run = merge_into(&sandbox, [&base, &ours, &theirs], p(&existing), &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("pass --force"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&existing).unwrap(), "keep me");

    let before = fs::read(&ours).unwrap();
    let run = merge_into(&sandbox, [&base, &ours, &theirs], p(&ours), &["--force"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is one of the copies being merged"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&ours).unwrap(), before);
}

#[test]
fn copies_from_different_organisations_are_refused_unless_forced() {
    let sandbox = Sandbox::new();
    let a = root().join(COMMISSION_V2);
    let b = root().join(LOCAL_GOVERNMENT);
    let out = sandbox.path("merged.json");
    let run = sandbox.run(&["merge", p(&a), p(&b), "--out", p(&out)]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("\"Health Devolution Commission\"'s response")
            && run.stderr.contains("\"Local Government Association\"'s")
            && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing written");

    let forced = sandbox.run(&["merge", p(&a), p(&b), "--out", p(&out), "--force"]);
    assert_eq!(forced.code, 1, "{}", forced.stderr);
    let merged = load(&out);
    assert!(
        merged
            .conflicts
            .iter()
            .any(|c| c.field == "respondent.organisation")
    );
    assert_eq!(sandbox.run(&["validate", p(&out)]).code, 0);
}

#[test]
fn copies_of_different_question_sets_are_refused_naming_both() {
    let sandbox = Sandbox::new();
    let questions = sandbox.path("config/questions");
    fs::create_dir_all(&questions).unwrap();
    let mut set: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("questions/integrating-care.json")).unwrap())
            .unwrap();
    set["id"] = "another-set".into();
    fs::write(questions.join("another.json"), set.to_string()).unwrap();
    let other = sandbox.path("other.json");
    let made = sandbox.run(&[
        "new",
        "--questions",
        "another-set",
        "--org",
        "Health Devolution Commission",
        "--out",
        p(&other),
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);

    let ours = root().join(COMMISSION_V2);
    let run = sandbox.run(&["merge", p(&ours), p(&other), "--out", "merged.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("answers question set \"integrating-care\" and")
            && run.stderr.contains("other.json answers \"another-set\""),
        "{}",
        run.stderr
    );
    assert!(!sandbox.path("merged.json").exists());
}

#[test]
fn a_copy_that_does_not_parse_is_named_with_its_line_and_column() {
    let sandbox = Sandbox::new();
    let [base, ours, _] = clean_copies(&sandbox);
    let broken = sandbox.path("broken.json");
    let text = fs::read_to_string(&ours)
        .unwrap()
        .replacen("\"answers\": [", "\"answers\": [,", 1);
    fs::write(&broken, text).unwrap();
    let run = merge_into(&sandbox, [&base, &ours, &broken], "merged.json", &[]);
    assert_eq!(run.code, 2);
    let line = run.stderr.lines().next().unwrap();
    assert!(line.starts_with(&format!("consult: {}:", p(&broken))), "{line}");
    let place: Vec<&str> = line.split(':').skip(2).take(2).collect();
    assert!(place.iter().all(|n| n.trim().parse::<usize>().is_ok()), "{line}");
    assert!(!sandbox.path("merged.json").exists());
}

#[test]
fn a_copy_with_unresolved_conflicts_is_merged_only_once_they_are_resolved() {
    let sandbox = Sandbox::new();
    let (merged, _) = merged_with_conflict(&sandbox);
    let theirs = sandbox.path("theirs.json");
    let run = sandbox.run(&["merge", p(&merged), p(&theirs)]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("merged.json still has conflicts"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_wrong_number_of_files_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let [base, ours, theirs] = clean_copies(&sandbox);
    let run = sandbox.run(&["merge", p(&base), p(&ours), p(&theirs)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("OURS THEIRS"), "{}", run.stderr);
    let run = sandbox.run(&["merge", "--git", p(&ours), p(&theirs)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("%O %A %B"), "{}", run.stderr);
}

#[test]
fn diff_shows_positions_then_changed_sentences_item_by_item() {
    let sandbox = Sandbox::new();
    let [base, ours, _] = clean_copies(&sandbox);
    let run = sandbox.run(&["diff", p(&base), p(&ours)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let old = sentences::sentences(&load(&base).answer("q1").unwrap().answer)
        .nth(1)
        .unwrap()
        .to_string();
    let expected = format!(
        "--- {}\n+++ {}\nQuestion 1 (q1)\n  answer:\n    - {old}\n    + Ours changed this sentence.\nQuestion 2 (q2)\n  position: Neither agree nor disagree → Agree\n",
        p(&base),
        p(&ours)
    );
    assert_eq!(run.stdout, expected);
    let same = sandbox.run(&["diff", p(&base), p(&base)]);
    assert_eq!((same.code, same.stdout.as_str()), (0, ""));
}

#[test]
fn diff_of_one_file_is_its_text_a_sentence_a_line() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["diff", p(&root().join(COMMISSION_V2))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Integrating care: next steps"));
    assert!(run.stdout.contains("\n## Question 1 (q1)\nposition: Partly agree\nstatus: ready\nanswer:\n  **Yes, on one condition.**\n  Putting ICS bodies"));
}

#[test]
fn diff_of_a_file_with_a_position_conflict_shows_both_sides_by_label() {
    let sandbox = Sandbox::new();
    let (_, _, _, merged) = both_changed();
    let file = sandbox.write("merged.json", &merged);
    let run = sandbox.run(&["diff", p(&file)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("  q2 position: ours Agree | theirs Disagree\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("ours agree"), "{}", run.stdout);
}

#[test]
fn diff_of_responses_to_different_sets_or_a_broken_file_exits_2() {
    let sandbox = Sandbox::new();
    let broken = sandbox.path("broken.json");
    fs::write(&broken, "{\n  \"format_version\": 1,\n  oops\n}\n").unwrap();
    let run = sandbox.run(&["diff", p(&broken)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("broken.json:3:3"), "{}", run.stderr);
}

// ----- Properties ------------------------------------------------------------------

/// One edit to a response.
#[derive(Debug, Clone)]
enum Edit {
    Replace {
        item: usize,
        field: usize,
        at: usize,
        with: String,
    },
    Insert {
        item: usize,
        field: usize,
        at: usize,
        with: String,
    },
    Delete {
        item: usize,
        field: usize,
        at: usize,
    },
    Position {
        item: usize,
        option: Option<usize>,
    },
    Status {
        item: usize,
        status: ItemStatus,
    },
    Contact(String),
}

/// A short sentence from a few words, so that both sides sometimes write the same one.
fn sentence() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["Yes", "No", "Perhaps", "Agreed"]),
        0..4u8,
    )
        .prop_map(|(w, n)| format!("{w} {n}."))
}

fn edit() -> impl Strategy<Value = Edit> {
    let place = (0..14usize, 0..3usize, 0..40usize);
    prop_oneof![
        3 => (place.clone(), sentence()).prop_map(|((item, field, at), with)| Edit::Replace { item, field, at, with }),
        2 => (place.clone(), sentence()).prop_map(|((item, field, at), with)| Edit::Insert { item, field, at, with }),
        2 => place.prop_map(|(item, field, at)| Edit::Delete { item, field, at }),
        1 => (0..14usize, prop::option::of(0..5usize)).prop_map(|(item, option)| Edit::Position { item, option }),
        1 => (0..14usize, prop::sample::select(vec![ItemStatus::NotStarted, ItemStatus::Draft, ItemStatus::Ready]))
            .prop_map(|(item, status)| Edit::Status { item, status }),
        1 => prop::sample::select(vec!["A. Person", "B. Person"]).prop_map(|c| Edit::Contact(c.into())),
    ]
}

fn text_field(answer: &mut Answer, field: usize) -> &mut String {
    match field {
        0 => &mut answer.answer,
        1 => &mut answer.reasoning,
        _ => &mut answer.notes,
    }
}

/// `text` with its sentence pieces changed by `change` (given the sentences' indices).
fn edit_text(text: &mut String, at: usize, change: impl FnOnce(&mut Vec<String>, usize)) {
    let mut pieces: Vec<String> = sentences::pieces(text).into_iter().map(String::from).collect();
    let at = if pieces.is_empty() {
        0
    } else {
        at % (pieces.len() + 1)
    };
    change(&mut pieces, at);
    *text = pieces.concat();
}

fn apply(base: &Response, set: &QuestionSet, edits: &[Edit]) -> Response {
    let mut r = base.clone();
    let items: Vec<_> = set.items().cloned().collect();
    for edit in edits {
        match edit {
            Edit::Replace {
                item,
                field,
                at,
                with,
            } => {
                let answer = r.answer_mut(set, &items[*item].id);
                edit_text(text_field(answer, *field), *at, |p, at| match p.get_mut(at) {
                    Some(piece) if !sentences::is_gap(piece) => *piece = with.clone(),
                    _ => p.insert(at.min(p.len()), with.clone()),
                });
            }
            Edit::Insert {
                item,
                field,
                at,
                with,
            } => {
                let answer = r.answer_mut(set, &items[*item].id);
                edit_text(text_field(answer, *field), *at, |p, at| {
                    p.insert(at.min(p.len()), format!("{with} "));
                });
            }
            Edit::Delete { item, field, at } => {
                let answer = r.answer_mut(set, &items[*item].id);
                edit_text(text_field(answer, *field), *at, |p, at| {
                    if at < p.len() {
                        p.remove(at);
                    }
                });
            }
            Edit::Position { item, option } => {
                let scale = set.scale_of(&items[*item]).cloned();
                let answer = r.answer_mut(set, &items[*item].id);
                answer.position =
                    scale.and_then(|s| option.map(|o| s.options[o % s.options.len()].id.clone()));
            }
            Edit::Status { item, status } => r.answer_mut(set, &items[*item].id).status = *status,
            Edit::Contact(name) => r.respondent.contact_name = name.clone(),
        }
    }
    r.format_version = r.format_to_write();
    r
}

/// The commission's response, with fewer answers so that adding one is possible too.
fn base_response() -> Response {
    let mut base = load(&root().join(COMMISSION_V2));
    base.answers.retain(|a| a.item != "q4" && a.item != "summary");
    base
}

fn swapped(mut response: Response) -> Response {
    for c in &mut response.conflicts {
        std::mem::swap(&mut c.ours, &mut c.theirs);
    }
    response
}

/// Every sentence `side` added to any text is in the merged text or in a conflict there.
fn added_sentences_survive(base: &Response, side: &Response, merged: &Response) -> Result<(), String> {
    for answer in &side.answers {
        let empty = Answer::new(&answer.item);
        let was = base.answer(&answer.item).unwrap_or(&empty);
        let now = merged.answer(&answer.item).unwrap_or(&empty);
        for (field, text, old, new) in [
            ("answer", &answer.answer, &was.answer, &now.answer),
            ("reasoning", &answer.reasoning, &was.reasoning, &now.reasoning),
            ("notes", &answer.notes, &was.notes, &now.notes),
        ] {
            let kept: Vec<&str> = sentences::sentences(new)
                .chain(
                    merged
                        .conflicts
                        .iter()
                        .filter(|c| c.item.as_deref() == Some(&answer.item) && c.field == field)
                        .flat_map(|c| [c.ours.as_deref(), c.theirs.as_deref()])
                        .flatten()
                        .flat_map(sentences::sentences),
                )
                .collect();
            let old: Vec<&str> = sentences::sentences(old).collect();
            for sentence in sentences::sentences(text).filter(|s| !old.contains(s)) {
                if !kept.contains(&sentence) {
                    return Err(format!("{:?} of {} {field} is lost", sentence, answer.item));
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn merging_a_side_with_the_base_or_with_itself_gives_that_side(edits in prop::collection::vec(edit(), 0..12)) {
        let set = built_in();
        let base = base_response();
        let x = apply(&base, &set, &edits);
        prop_assert_eq!(&merge::merge(Some(&base), &x, &base, &set), &x);
        prop_assert_eq!(&merge::merge(Some(&base), &base, &x, &set), &x);
        prop_assert_eq!(&merge::merge(Some(&base), &x, &x, &set), &x);
    }

    #[test]
    fn swapping_the_sides_swaps_only_the_conflicts_labels_and_nothing_is_lost(
        ours in prop::collection::vec(edit(), 0..12),
        theirs in prop::collection::vec(edit(), 0..12),
        two_way in any::<bool>(),
    ) {
        let set = built_in();
        let base = base_response();
        let (x, y) = (apply(&base, &set, &ours), apply(&base, &set, &theirs));
        let ancestor = (!two_way).then_some(&base);
        let merged = merge::merge(ancestor, &x, &y, &set);
        prop_assert_eq!(&swapped(merge::merge(ancestor, &y, &x, &set)), &merged);

        let problems = validate::response(&merged, &set);
        prop_assert!(!problems.iter().any(|p| p.is_error()), "{:?}", problems);
        let written = export::json::render(&merged);
        prop_assert_eq!(&parse::response(&written).unwrap(), &merged);

        let empty = Response { answers: Vec::new(), ..base.clone() };
        let against = if two_way { &empty } else { &base };
        for side in [&x, &y] {
            if let Err(lost) = added_sentences_survive(against, side, &merged) {
                prop_assert!(false, "{}", lost);
            }
        }
    }
}

#[test]
fn history_lookup_finds_the_newest_shared_version() {
    let a = vec![b"3".to_vec(), b"2".to_vec(), b"1".to_vec()];
    let b = vec![b"9".to_vec(), b"1".to_vec(), b"2".to_vec()];
    assert_eq!(merge::common_versions(&a, &b), [1, 2]);
    assert!(merge::common_versions(&a, &[b"7".to_vec()]).is_empty());
}

/// Base, ours and theirs where the same sentence of q1's answer and q2's position differ.
fn both_changed() -> (Response, Response, Response, Response) {
    let base = load(&root().join(COMMISSION_V2));
    let mut ours = with_sentence(base.clone(), "q1", 1, "Ours says this.");
    let mut theirs = with_sentence(base.clone(), "q1", 1, "Theirs says that.");
    answer_mut(&mut ours, "q2").position = Some("agree".into());
    answer_mut(&mut theirs, "q2").position = Some("disagree".into());
    let merged = merge::merge(Some(&base), &ours, &theirs, &built_in());
    (base, ours, theirs, merged)
}

fn conflict_at(response: &Response, item: &str, field: &str) -> usize {
    response
        .conflicts
        .iter()
        .position(|c| c.item.as_deref() == Some(item) && c.field == field)
        .unwrap_or_else(|| panic!("no conflict on {item} {field}: {:?}", response.conflicts))
}

#[test]
fn a_conflict_is_settled_with_our_side_their_side_or_both() {
    use consult::merge::resolve::{Keep, resolve};
    let (_, ours, theirs, merged) = both_changed();
    assert_eq!(merged.conflicts.len(), 2);

    let mut kept = merged.clone();
    {
        let at = conflict_at(&kept, "q1", "answer");
        resolve(&mut kept, at, Keep::Ours)
    }
    .unwrap();
    assert_eq!(
        kept.answer("q1").unwrap().answer,
        ours.answer("q1").unwrap().answer
    );
    {
        let at = conflict_at(&kept, "q2", "position");
        resolve(&mut kept, at, Keep::Theirs)
    }
    .unwrap();
    assert_eq!(kept.answer("q2").unwrap().position.as_deref(), Some("disagree"));
    assert!(kept.conflicts.is_empty(), "settled: {:?}", kept.conflicts);
    assert!(
        validate::response(&kept, &built_in())
            .iter()
            .all(|p| !p.is_error())
    );

    let mut theirs_kept = merged.clone();
    {
        let at = conflict_at(&theirs_kept, "q1", "answer");
        resolve(&mut theirs_kept, at, Keep::Theirs)
    }
    .unwrap();
    assert_eq!(
        theirs_kept.answer("q1").unwrap().answer,
        theirs.answer("q1").unwrap().answer
    );

    let mut both = merged.clone();
    {
        let at = conflict_at(&both, "q1", "answer");
        resolve(&mut both, at, Keep::Both)
    }
    .unwrap();
    let text = &both.answer("q1").unwrap().answer;
    assert!(text.contains("Ours says this. Theirs says that."), "{text}");
    let position = conflict_at(&both, "q2", "position");
    assert!(
        resolve(&mut both, position, Keep::Both).is_err(),
        "a position is one or the other"
    );
}

/// A harness whose one draft is the merge of [`both_changed`]: conflicts on q1's answer
/// and q2's position.
fn app_on_conflicts() -> (tempfile::TempDir, Harness) {
    let (_, _, _, merged) = both_changed();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("merged.json");
    fs::write(&file, export::json::render(&merged)).unwrap();
    let mut h = Harness::with_drafts(&[file.to_str().unwrap()]);
    h.open(0);
    while h.item() != "q1" {
        h.key(KeyCode::PageUp);
    }
    (dir, h)
}

#[test]
fn the_app_marks_conflicts_and_settles_them_one_side_at_a_time() {
    let (_dir, mut h) = app_on_conflicts();
    let screen = support::screen(&h, 120, 40);
    assert!(screen.contains("! 1 merge conflict: F6"), "{screen}");
    assert!(
        screen.contains("! Question 2"),
        "the outline marks the other one\n{screen}"
    );
    h.key(KeyCode::F(6));
    let Some(consult::app::Dialog::Choose(choice)) = &h.app.dialog else {
        panic!("asked which side to keep")
    };
    let lines = choice.lines.join("\n");
    assert!(
        lines.contains("Ours: ") && lines.contains("Ours says this."),
        "{lines}"
    );
    assert!(
        lines.contains("Theirs: ") && lines.contains("Theirs says that."),
        "{lines}"
    );
    h.key(KeyCode::Char('b'));
    assert!(
        h.answer("q1")
            .answer
            .contains("Ours says this. Theirs says that.")
    );
    assert!(h.message().contains("1 merge conflicts left"), "{}", h.message());

    // Exporting is refused until the last one is settled.
    h.ctrl('e');
    h.key(KeyCode::Enter);
    assert!(
        h.message().contains("unresolved merge conflict"),
        "{}",
        h.message()
    );
    h.key(KeyCode::PageDown); // Question 2
    h.key(KeyCode::F(6));
    h.key(KeyCode::Char('t'));
    assert_eq!(h.answer("q2").position.as_deref(), Some("disagree"));
    assert!(
        h.message().contains("Every merge conflict is settled"),
        "{}",
        h.message()
    );
    h.ctrl('e');
    h.key(KeyCode::Enter);
    assert!(h.message().starts_with("Exported to"), "{}", h.message());
    h.ctrl('s');
    assert!(
        !fs::read_to_string(h.draft_path())
            .unwrap()
            .contains("\"conflicts\"")
    );
}

#[test]
fn keeping_both_and_editing_puts_the_cursor_in_the_text() {
    let (_dir, mut h) = app_on_conflicts();
    h.key(KeyCode::F(6));
    h.key(KeyCode::Char('e'));
    assert_eq!(h.app.draft.as_ref().unwrap().focus(), consult::app::Focus::Answer);
    assert!(h.message().contains("edit the text"), "{}", h.message());
}

#[test]
fn the_conflict_screens_at_both_sizes() {
    for (width, height) in [(80, 24), (120, 40)] {
        let (_dir, mut h) = app_on_conflicts();
        insta::assert_snapshot!(
            format!("conflict_item_{width}x{height}"),
            support::screen(&h, width, height)
        );
        h.key(KeyCode::F(6));
        insta::assert_snapshot!(
            format!("conflict_choice_{width}x{height}"),
            support::screen(&h, width, height)
        );
    }
}

#[test]
fn in_a_terminal_a_conflict_is_settled_and_saved() {
    let (_, _, _, merged) = both_changed();
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("merged.json");
    fs::write(&file, export::json::render(&merged)).unwrap();
    let mut app = support::pty::Session::start(home.path(), &["edit", "merged.json"]);
    // It opens where the copies were last edited: Question 1, which has a conflict.
    app.wait_for("1 merge conflict: F6");
    app.send("\x1b[17~"); // F6
    app.wait_for("Theirs: Theirs says that.");
    app.send("o");
    app.wait_for("1 merge conflicts left");
    app.send(support::pty::CTRL_Q);
    assert!(app.wait_exit());
    let saved = load(&file);
    assert!(saved.answer("q1").unwrap().answer.contains("Ours says this."));
    assert_eq!(saved.conflicts.len(), 1, "the q2 one is still to settle");
}
