//! Plain mode: the real binary driven line by line, through piped standard input as a
//! script would, and in a pseudo-terminal as a person with a screen reader would.
//!
//! The whole session's transcript is compared with `tests/transcripts/session.txt`;
//! after changing what plain mode says on purpose, `CONSULT_BLESS=1 cargo test --test it plain`
//! rewrites it: read the diff before committing.

use crate::support;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use consult::model::Response;
use support::{COMMISSION, LOCAL_GOVERNMENT};
use tempfile::TempDir;

/// A scratch home: consult's data and config folders, and where it runs.
struct Home {
    dir: TempDir,
}

/// What a run printed, and how it ended.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn drafts(&self) -> PathBuf {
        self.path().join("data/drafts")
    }

    /// `consult ARGS` with standard input piped from `script`.
    fn command(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_consult"));
        command
            .args(args)
            .current_dir(self.path())
            .env("CONSULT_DATA_DIR", self.path().join("data"))
            .env("CONSULT_CONFIG_DIR", self.path().join("config"))
            .env("TZ", "UTC")
            .env_remove("ACCESSIBLE")
            .env_remove("VISUAL")
            .env_remove("EDITOR");
        command
    }

    fn run(&self, args: &[&str], script: &str) -> Run {
        self.run_with(self.command(args), script)
    }

    fn run_with(&self, mut command: std::process::Command, script: &str) -> Run {
        let output = assert_cmd::Command::from_std(std::mem::replace(
            &mut command,
            std::process::Command::new("true"),
        ))
        .write_stdin(script)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
        assert!(
            !output.stdout.contains(&0x1b) && !output.stderr.contains(&0x1b),
            "an escape byte was printed:\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
        Run {
            code: output.status.code().expect("consult exited by itself"),
            stdout: String::from_utf8(output.stdout)
                .unwrap()
                .replace(&self.path().display().to_string(), "HOME"),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }

    /// A copy of `fixture` at `HOME/draft.json`.
    fn draft_from(&self, fixture: &str) -> PathBuf {
        let path = self.path().join("draft.json");
        std::fs::copy(fixture, &path).unwrap();
        path
    }

    /// A copy of `fixture` in the drafts folder.
    fn listed(&self, fixture: &str) {
        std::fs::create_dir_all(self.drafts()).unwrap();
        let name = Path::new(fixture).file_name().unwrap();
        std::fs::copy(fixture, self.drafts().join(name)).unwrap();
    }
}

fn response(path: &Path) -> Response {
    consult::parse::response(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn only_draft(home: &Home) -> PathBuf {
    let drafts: Vec<PathBuf> = std::fs::read_dir(home.drafts())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    drafts.into_iter().next().unwrap()
}

const SESSION: &str = "\
1
Example Trust
A. Chair
Policy lead
a.chair@example.org
yes
help
next
position 2
answer
We partly agree.
A statutory footing helps, if places keep their say.
.
reasoning
Our members said so in the autumn survey.
.
ready
back
answer
Support with changes, set out item by item.
.
go element 6
p 1
review
final
yes
export md
quit
";

#[test]
fn a_piped_session_goes_from_no_drafts_to_an_exported_markdown_file() {
    let home = Home::new();
    let run = home.run(&[], SESSION);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");

    let expected = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts/session.txt");
    if std::env::var_os("CONSULT_BLESS").is_some() {
        std::fs::create_dir_all(expected.parent().unwrap()).unwrap();
        std::fs::write(&expected, &run.stdout).unwrap();
    }
    let reviewed = std::fs::read_to_string(&expected).unwrap_or_default();
    assert!(
        run.stdout == reviewed,
        "the transcript differs from {}; run `CONSULT_BLESS=1 cargo test --test it plain`, read the diff and commit it:\n{}",
        expected.display(),
        run.stdout
    );

    let draft = response(&only_draft(&home));
    assert_eq!(draft.respondent.organisation, "Example Trust");
    assert_eq!(draft.respondent.email.as_deref(), Some("a.chair@example.org"));
    assert_eq!(draft.status, consult::model::ResponseStatus::Final);
    let q1 = draft.answer("q1").unwrap();
    assert_eq!(q1.position.as_deref(), Some("partly-agree"));
    assert_eq!(
        q1.answer,
        "We partly agree.\nA statutory footing helps, if places keep their say."
    );
    assert_eq!(q1.status, consult::model::ItemStatus::Ready);
    assert_eq!(draft.answer("e6").unwrap().position.as_deref(), Some("support"));

    let markdown =
        std::fs::read_to_string(home.path().join("exports/example-trust-integrating-care.md")).unwrap();
    assert!(markdown.contains("**Position: Partly agree**"), "{markdown}");
    assert!(markdown.contains("A statutory footing helps, if places keep their say."));
    assert!(markdown.contains("Support with changes, set out item by item."));
}

#[test]
fn the_end_of_input_in_the_middle_of_an_answer_keeps_what_was_typed() {
    let home = Home::new();
    let draft = home.draft_from(LOCAL_GOVERNMENT);
    let run = home.run(
        &["edit", "draft.json"],
        "go 3\nanswer\nA first line.\nA second line, never ended",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "Keeping the 2 lines typed so far.\nAnswer set: 8 words.\n\
             The response is a draft again after this change; final marks it final.\n\
             End of input: saving and closing.\nSaved draft.json.\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        response(&draft).answer("q2").unwrap().answer,
        "A first line.\nA second line, never ended"
    );
}

#[test]
fn bad_input_gets_one_line_and_the_dialogue_goes_on() {
    let home = Home::new();
    let draft = home.draft_from(COMMISSION);
    let before = std::fs::read(&draft).unwrap();
    let run = home.run(
        &["edit", "draft.json", "--plain"],
        "dance\nre\ngo 99\ngo zebra\ngo\ngo 1\nreasoning\nposition 2\ngo 2\nposition 9\np two\nexport pdf\nrestore 99\nanswer maybe\nnext\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for said in [
        "There is no command “dance”; type help for the list\n",
        "“re” could be reasoning, reject, resolve, ready, redo, review, respondent, restore; type more of the word\n",
        "There is no item 99; items are numbered 1 to 14.\n",
        "No item matches “zebra”; try a number from 1 to 14.\n",
        "go needs an item: its number (go 3) or a few words of its label (go question 2)\n",
        "Executive summary takes no position, so no reasoning: answer writes it.\n",
        "Executive summary takes no position; answer writes it.\n",
        "There is no position 9; Question 1 has positions 1 to 5.\n",
        "position needs a number, such as position 2, not “two”\n",
        "There is no export format “pdf”; the formats are md, markdown, docx, word, text, html, fhir, json\n",
        "There is no version 99; the only version is 1.\n",
        "answer takes nothing after it, or edit, or clear, not “maybe”\n",
        "Question 2, The option 2 model. Item 3 of 14, in Consultation questions.\n",
        "End of input: saving and closing.\n",
    ] {
        assert!(run.stdout.contains(said), "{said:?} not in:\n{}", run.stdout);
    }
    assert_eq!(
        std::fs::read(&draft).unwrap(),
        before,
        "nothing changed, nothing written"
    );
}

#[test]
fn hostile_text_in_a_response_is_shown_as_pictures_never_raw() {
    let home = Home::new();
    let path = home.draft_from(LOCAL_GOVERNMENT);
    let mut hostile = response(&path);
    hostile.respondent.organisation = "Evil\x1b]0;pwned\x07 Council".into();
    hostile.respondent.role = "Chair\u{202E}evil".into();
    let set = consult::catalog::Catalog::built_in()
        .find("integrating-care")
        .unwrap()
        .clone();
    let answer = hostile.answer_mut(&set, "q1");
    answer.answer = "Clear\x1b[2J the screen\nthen\rbeep\x07".into();
    answer.reasoning = "\x1b[31mred\x1b[0m".into();
    std::fs::write(&path, consult::export::json::render(&hostile)).unwrap();

    let run = home.run(
        &["edit", "draft.json"],
        "go 2\nshow\nreview\nrespondent\n\n\n\n\n\nquit\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for control in ['\x07', '\r', '\u{202E}'] {
        assert!(!run.stdout.contains(control), "{control:?} reached the output");
    }
    for shown in [
        "  Clear\u{241B}[2J the screen",
        "  then\u{240D}beep\u{2407}",
        "  \u{241B}[31mred\u{241B}[0m",
        "Organisation: Evil\u{241B}]0;pwned\u{2407} Council.",
        "Role: Chair\u{FFFD}evil.",
    ] {
        assert!(run.stdout.contains(shown), "{shown:?} not in:\n{}", run.stdout);
    }
    assert_eq!(response(&path), hostile, "the text itself is kept as it was");
}

#[test]
fn with_no_arguments_the_drafts_are_listed_and_one_is_picked_by_number() {
    let home = Home::new();
    home.listed(COMMISSION);
    home.listed(LOCAL_GOVERNMENT);
    let run = home.run(&[], "3\n2\nquit\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[..6],
        [
            "2 drafts, newest first:",
            "1. Local Government Association: Integrating care: next steps to building strong and…; 14 of 14 answered, final, saved 8 Jan 2021 11:20:00.",
            "2. Health Devolution Commission: Integrating care: next steps to building strong and…; 14 of 14 answered, final, saved 7 Jan 2021 16:45:00.",
            "Type the number of a draft to open it, new to start one, or quit.",
            "There is no draft “3”; type a number from 1 to 2, new or quit.",
            "Opened HOME/data/drafts/health-devolution-commission.json.",
        ]
    );
}

#[test]
fn new_plain_asks_only_for_what_is_not_given_then_goes_on_drafting() {
    let home = Home::new();
    let run = home.run(
        &[
            "new",
            "--plain",
            "--questions",
            "integrating-care",
            "--org",
            "Acme Ltd",
        ],
        "\n\n\nno\np 1\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "Who is responding? An empty line leaves a detail out.\nContact name:\nRole:\nEmail:\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Started a new draft: HOME/data/drafts/acme-ltd-integrating-care.json.\n")
    );
    assert!(
        run.stdout
            .contains("Executive summary takes no position; answer writes it.\n")
    );
    let draft = response(&only_draft(&home));
    assert_eq!(draft.respondent.organisation, "Acme Ltd");
    assert!(!draft.respondent.on_behalf);
    assert_eq!(draft.respondent.email, None);

    let refused = home.run(&["new", "--plain", "--out", "x.json"], "");
    assert_eq!(
        refused.code, 2,
        "--out is for the command that only writes a file"
    );
    let unknown = home.run(&["new", "--plain", "--questions", "nope"], "");
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("not a known question set id"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn the_end_of_input_before_an_organisation_creates_nothing() {
    let home = Home::new();
    let run = home.run(&["new", "--plain"], "1\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("Organisation:\nNothing was created.\n"),
        "{}",
        run.stdout
    );
    assert!(!home.drafts().exists() || std::fs::read_dir(home.drafts()).unwrap().count() == 0);
}

#[test]
fn a_locked_draft_is_refused_as_the_full_screen_app_refuses_it() {
    let home = Home::new();
    home.draft_from(LOCAL_GOVERNMENT);
    let mut first = Piped::start(&home, &["edit", "draft.json"]);
    first.wait_for("Type help for the commands.");
    let second = home.run(&["edit", "draft.json"], "quit\n");
    assert_eq!(second.code, 1);
    assert!(
        second
            .stderr
            .contains(&format!("open in another consult (process {})", first.child.id())),
        "{}",
        second.stderr
    );
    first.send("quit\n");
    assert!(first.wait_exit());
}

#[test]
fn exporting_over_a_file_asks_first() {
    let home = Home::new();
    home.draft_from(COMMISSION);
    let run = home.run(
        &["edit", "draft.json"],
        "export json\nexport json\nno\nexport md out\nquit\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = "exports/health-devolution-commission-integrating-care.json";
    assert!(run.stdout.contains(&format!("Exported JSON to {json}.\n")));
    assert!(run.stdout.contains(&format!(
        "{json} already exists. Replace it? yes or no\nNothing was exported.\n"
    )));
    assert!(
        run.stdout
            .contains("Exported Markdown to out/health-devolution-commission-integrating-care.md.\n")
    );
    assert_eq!(
        std::fs::read(home.path().join(json)).unwrap(),
        std::fs::read(COMMISSION).unwrap(),
        "a JSON export of a file consult wrote is the same bytes"
    );
}

#[test]
fn a_saved_version_can_be_put_back() {
    let home = Home::new();
    let draft = home.draft_from(LOCAL_GOVERNMENT);
    let original = response(&draft).answer("q1").unwrap().answer.clone();
    let run = home.run(
        &["edit", "draft.json"],
        "go 2\nanswer clear\nversions\nrestore 1\nyes\nversions\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Answer cleared.\n"));
    assert!(
        run.stdout
            .contains("Back to version 1; what you had is kept as version 1.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("Version 2, saved").count(),
        1,
        "{}",
        run.stdout
    );
    assert_eq!(response(&draft).answer("q1").unwrap().answer, original);
}

#[test]
fn unsaved_work_from_an_earlier_session_is_offered_back() {
    for (choice, kept) in [("recover", true), ("keep", false)] {
        let home = Home::new();
        let draft = home.draft_from(LOCAL_GOVERNMENT);
        let dirs = consult::dirs::Dirs {
            data: home.path().join("data"),
            config: home.path().join("config"),
        };
        let mut newer = response(&draft);
        let set = consult::catalog::Catalog::built_in()
            .find("integrating-care")
            .unwrap()
            .clone();
        newer.answer_mut(&set, "q3").answer = "Words that never reached the file".into();
        consult::drafts::rescue(&dirs, &draft, &newer);

        let run = home.run(&["edit", "draft.json"], &format!("maybe\n{choice}\nquit\n"));
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout.contains(
                "consult stopped before saving all of this draft.\nWork was recovered that is not in the draft file:\nQuestion 3 · answer: 6 words recovered, 87 in the file.\n"
            ),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("Please type recover, copy or keep.\n"));
        let answer = response(&draft).answer("q3").map(|a| a.answer.clone());
        assert_eq!(
            answer.as_deref() == Some("Words that never reached the file"),
            kept,
            "{choice}"
        );
        let set_aside = home.path().join("data/recovery/set-aside");
        assert_eq!(
            set_aside.exists(),
            !kept,
            "{choice}: the work is set aside, never deleted"
        );
    }
}

#[test]
fn a_file_changed_elsewhere_is_never_overwritten_unasked() {
    let home = Home::new();
    let (draft, mut plain, theirs) = changed_by_a_colleague(&home, None);
    plain.send("go 2\np 1\n");
    plain.wait_for("overwrite to write your version over it");
    plain.send("reload\n");
    plain.wait_for("Loaded the changed file; your version is kept as");
    plain.send("quit\n");
    assert!(plain.wait_exit());
    assert_eq!(
        response(&draft),
        theirs,
        "theirs is loaded, and nothing changed it since"
    );
    let mine = home.drafts().join("draft-mine.json");
    assert_eq!(
        response(&mine).answer("q1").unwrap().position.as_deref(),
        Some("agree"),
        "ours is a separate draft"
    );
}

#[test]
fn a_file_changed_elsewhere_can_be_merged_and_its_conflicts_settled_in_plain_mode() {
    let home = Home::new();
    let (draft, mut plain, _) = changed_by_a_colleague(&home, Some("disagree"));
    // Ours chooses "agree" on the same item: a conflict; their role is theirs alone.
    plain.send("go 2\np 1\n");
    plain.wait_for("Type merge to merge theirs with yours");
    plain.send("merge\n");
    plain.wait_for("Merged the changed file in; 1 merge conflicts to settle, conflicts lists them.");
    plain.send("conflicts\n");
    plain.wait_for("1. q1 position\n   ours: agree\n   theirs: disagree\n");
    plain.send("keep 1 theirs\n");
    plain.wait_for("Settled q1 position. Every merge conflict is settled");
    plain.send("undo\nconflicts\n");
    plain.wait_for("Taken back:");
    plain.send("keep 1 ours\nquit\n");
    assert!(plain.wait_exit());
    let merged = response(&draft);
    assert_eq!(
        merged.respondent.role, "Changed by a colleague",
        "theirs alone merged in"
    );
    assert_eq!(merged.answer("q1").unwrap().position.as_deref(), Some("agree"));
    assert!(merged.conflicts.is_empty());
}

#[test]
fn export_alone_exports_as_and_where_the_draft_was_exported_last() {
    let home = Home::new();
    home.draft_from(LOCAL_GOVERNMENT);
    let folder = home.path().join("for the board");
    std::fs::create_dir_all(&folder).unwrap();
    let mut plain = Piped::start(&home, &["edit", "draft.json"]);
    plain.wait_for("Type help for the commands.");
    plain.send("export\n");
    plain.wait_for("This draft has not been exported yet: export needs a format, as in export md.");
    plain.send(&format!("export json {}\nquit\n", folder.display()));
    assert!(plain.wait_exit());
    let exported = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::remove_file(&exported).unwrap();
    // Another session: the same format, to the same folder.
    let mut plain = Piped::start(&home, &["edit", "draft.json"]);
    plain.wait_for("Type help for the commands.");
    plain.send("export\nquit\n");
    assert!(plain.wait_exit());
    assert!(
        plain
            .output()
            .contains(&format!("Exported JSON to {}.", exported.display())),
        "{}",
        plain.output()
    );
    assert!(exported.exists());
}

#[test]
fn a_sync_tools_conflict_copy_is_offered_on_opening_merged_on_yes_and_then_in_the_trash() {
    let home = Home::new();
    let draft = home.draft_from(LOCAL_GOVERNMENT);
    let copy = home
        .path()
        .join("draft (Jo Bloggs's conflicted copy 2026-12-07).json");
    let mut theirs = response(&draft);
    theirs.respondent.role = "Changed in the copy".into();
    std::fs::write(&copy, consult::export::json::render(&theirs)).unwrap();
    let declined = home.run(&["edit", "draft.json"], "no\nquit\n");
    assert!(
        declined.stdout.contains(
            "A conflicting copy of this draft was left by a sync tool (Dropbox): draft (Jo Bloggs's conflicted copy 2026-12-07).json.\nMerge it in? The copy then goes to the deleted drafts. yes or no\nThe copy is left where it is.\n"
        ),
        "{}",
        declined.stdout
    );
    assert!(copy.exists());
    let merged = home.run(&["edit", "draft.json"], "yes\nconflicts\nkeep 1 theirs\nquit\n");
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    assert!(
        merged
            .stdout
            .contains("Merged the sync tool's copy in; 1 merge conflicts to settle, conflicts lists them (with no common saved version to go by, every difference is a conflict); the copy is in the deleted drafts."),
        "{}",
        merged.stdout
    );
    assert!(!copy.exists());
    assert!(
        home.path()
            .join("data/trash")
            .read_dir()
            .unwrap()
            .next()
            .is_some()
    );
    assert_eq!(response(&draft).respondent.role, "Changed in the copy");
}

/// A draft open in plain mode whose file a colleague then changed: a new role, and on
/// Question 1 the position `q1`, if given.
fn changed_by_a_colleague(home: &Home, q1: Option<&str>) -> (PathBuf, Piped, consult::model::Response) {
    let draft = home.draft_from(LOCAL_GOVERNMENT);
    let plain = Piped::start(home, &["edit", "draft.json"]);
    plain.wait_for("Type help for the commands.");
    let mut theirs = response(&draft);
    theirs.respondent.role = "Changed by a colleague".into();
    if let Some(position) = q1 {
        let answer = theirs.answers.iter_mut().find(|a| a.item == "q1").unwrap();
        answer.position = Some(position.into());
    }
    std::fs::write(&draft, consult::export::json::render(&theirs)).unwrap();
    (draft, plain, theirs)
}

/// Whether `done` comes true within 15 seconds.
fn within_a_while(mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

/// `consult` with standard input written a line at a time, its output read as it comes.
struct Piped {
    child: Child,
    stdin: Option<ChildStdin>,
    out: Arc<Mutex<String>>,
}

impl Piped {
    fn start(home: &Home, args: &[&str]) -> Piped {
        Piped::start_with(home.command(args))
    }

    fn start_with(mut command: std::process::Command) -> Piped {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let out = Arc::new(Mutex::new(String::new()));
        let feed = Arc::clone(&out);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut out = feed.lock().unwrap();
                out.push_str(&line);
                out.push('\n');
            }
        });
        Piped { child, stdin, out }
    }

    fn send(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(text.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    fn output(&self) -> String {
        self.out.lock().unwrap().clone()
    }

    fn wait_for(&self, text: &str) {
        assert!(
            within_a_while(|| self.output().contains(text)),
            "never said {text:?}; said:\n{}",
            self.output()
        );
    }

    fn wait_exit(&mut self) -> bool {
        let mut status = None;
        let exited = within_a_while(|| {
            status = self.child.try_wait().unwrap();
            status.is_some()
        });
        assert!(exited, "consult did not exit; it said:\n{}", self.output());
        status.is_some_and(|s| s.success())
    }
}

impl Drop for Piped {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(unix)]
#[test]
fn a_termination_signal_saves_what_was_typed_even_mid_answer() {
    for signal in ["TERM", "HUP", "INT"] {
        let home = Home::new();
        let draft = home.draft_from(LOCAL_GOVERNMENT);
        let mut plain = Piped::start(&home, &["edit", "draft.json"]);
        plain.send("go 4\np 5\nanswer\nTyped just before the signal\n");
        plain.wait_for("Type the answer");
        // The line has gone down the pipe; give consult a moment to read it.
        std::thread::sleep(Duration::from_millis(300));
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &plain.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        assert!(plain.wait_exit(), "{signal}: a clean exit");
        let said = plain.output();
        assert!(
            said.contains(&format!(
                "SIG{signal} received: saving and closing.\nSaved draft.json.\n"
            )),
            "{signal}: {said}"
        );
        let saved = response(&draft);
        let q3 = saved.answer("q3").unwrap();
        assert_eq!(q3.answer, "Typed just before the signal", "{signal}");
        assert_eq!(q3.position.as_deref(), Some("disagree"), "{signal}");
    }
}

#[test]
fn a_draft_on_an_earlier_version_of_its_set_is_offered_the_current_one_once() {
    const EARLIER: &str = "tests/fixtures/v1/health-devolution-commission.json";
    let home = Home::new();
    let draft = home.draft_from(EARLIER);
    let offered = "This draft answered an earlier version of \"Integrating care\".\nWhat changed since:\n  Question 3 (q3) guidance:\n    - Beyond that mandatory core";
    let question = "Type update to bring the draft up to this version, keep to keep it on the earlier one (you will not be asked again), or later to decide next time.\n";

    let later = home.run(&["edit", "draft.json"], "later\nquit\n");
    assert_eq!(later.code, 0, "{}", later.stderr);
    assert!(later.stdout.contains(offered), "{}", later.stdout);
    assert!(later.stdout.contains(question), "{}", later.stdout);
    assert!(
        !later.stdout.contains("question_set.digest"),
        "the offer says it: {}",
        later.stdout
    );
    assert_eq!(std::fs::read(&draft).unwrap(), std::fs::read(EARLIER).unwrap());

    let kept = home.run(&["edit", "draft.json"], "keep\nquit\n");
    assert!(
        kept.stdout.contains("Kept on the earlier version"),
        "{}",
        kept.stdout
    );
    let again = home.run(&["edit", "draft.json"], "quit\n");
    assert!(!again.stdout.contains("earlier version"), "{}", again.stdout);
    assert_eq!(std::fs::read(&draft).unwrap(), std::fs::read(EARLIER).unwrap());

    let other = home.path().join("other.json");
    std::fs::copy(EARLIER, &other).unwrap();
    let updated = home.run(&["edit", "other.json"], "update\nquit\n");
    assert!(
        updated.stdout.contains("The draft now answers the set as it is"),
        "{}",
        updated.stdout
    );
    let now = consult::catalog::Catalog::built_in()
        .find("integrating-care")
        .unwrap()
        .digest();
    assert_eq!(response(&other).question_set.digest, now);
    let again = home.run(&["edit", "other.json"], "quit\n");
    assert!(!again.stdout.contains("earlier version"), "{}", again.stdout);
}

#[test]
fn piped_answer_edit_is_refused_and_the_script_goes_on() {
    let home = Home::new();
    let draft = home.draft_from(COMMISSION);
    let mut command = home.command(&["edit", "draft.json"]);
    // An editor that would swallow the rest of the script, were it started.
    command.env("EDITOR", "cat");
    let run = home.run_with(
        command,
        "go 2\nanswer edit\nreasoning edit\nanswer\nPiped instead.\n.\nquit\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "answer edit needs your editor, and your editor needs a terminal: these commands are piped in, so the editor would take the rest of them. Pipe the text instead: answer, its lines, then a line holding only a dot.\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("reasoning edit needs your editor"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Opening your editor"), "{}", run.stdout);
    assert_eq!(response(&draft).answer("q1").unwrap().answer, "Piped instead.");
}

mod in_a_terminal {
    use super::*;
    use support::pty::Session;

    const CTRL_D: &str = "\x04";

    /// In a real terminal, `ACCESSIBLE=1` alone chooses plain mode.
    fn accessible(home: &Home, args: &[&str]) -> Session {
        Session::start_with(home.path(), args, &[("ACCESSIBLE", "1"), ("TZ", "UTC")])
    }

    /// Waits until `text` has been said; the screen holds only the last 24 lines of it.
    fn said(app: &Session, text: &str) {
        assert!(
            within_a_while(|| String::from_utf8_lossy(&app.output()).contains(text)),
            "never said {text:?}; the screen shows:\n{}",
            app.contents()
        );
    }

    /// A plain session on a copy of a draft, typing an answer to item 5 (Question 4), its
    /// first line given; and where the draft is.
    fn answering(home: &Home) -> (Session, PathBuf) {
        let draft = home.draft_from(LOCAL_GOVERNMENT);
        let mut app = accessible(home, &["edit", "draft.json"]);
        said(&app, "Type help for the commands.");
        line(&mut app, "go 5");
        said(&app, "Item 5 of 14");
        line(&mut app, "answer");
        said(&app, "a line holding only a dot ends it");
        line(&mut app, "A whole line.");
        (app, draft)
    }

    fn line(app: &mut Session, text: &str) {
        app.type_text(text);
        app.send("\r");
    }

    #[test]
    fn a_screen_reader_session_never_redraws_or_sends_an_escape() {
        let home = Home::new();
        let draft = home.draft_from(LOCAL_GOVERNMENT);
        let mut app = accessible(&home, &["edit", "draft.json"]);
        said(&app, "Type help for the commands.");
        line(&mut app, "go 3");
        said(&app, "Item 3 of 14");
        line(&mut app, "p 4");
        said(&app, "Position: 4, Partly disagree.");
        line(&mut app, "answer");
        said(&app, "a line holding only a dot ends it");
        line(&mut app, "First line of the answer.");
        line(&mut app, "Second line.");
        line(&mut app, ".");
        said(&app, "Answer set: 7 words.");
        line(&mut app, "back");
        said(&app, "Item 2 of 14");
        line(&mut app, "review");
        said(&app, "go and a number goes to an item");
        line(&mut app, "export md");
        said(&app, "Exported Markdown to exports/");
        assert!(
            !app.output().windows(6).any(|w| w == b"\x1b[?104"),
            "no alternate screen"
        );
        line(&mut app, "quit");
        assert!(app.wait_exit());

        let output = app.output();
        assert!(!output.contains(&0x1b), "an escape byte reached the terminal");
        assert!(
            String::from_utf8_lossy(&output).contains("\r\n> "),
            "a prompt for the person typing"
        );
        let q2 = response(&draft).answer("q2").cloned().unwrap();
        assert_eq!(q2.answer, "First line of the answer.\nSecond line.");
        assert_eq!(q2.position.as_deref(), Some("partly-disagree"));
        let markdown = std::fs::read_to_string(
            home.path()
                .join("exports/local-government-association-integrating-care.md"),
        )
        .unwrap();
        assert!(markdown.contains("First line of the answer."), "{markdown}");
    }

    #[cfg(unix)]
    #[test]
    fn an_answer_can_be_written_in_the_users_editor_where_ctrl_c_is_the_editors() {
        let home = Home::new();
        let draft = home.draft_from(COMMISSION);
        let editor = home.path().join("editor.sh");
        // Ctrl-C in the editor reaches consult too; it was meant for the editor.
        let script = "#!/bin/sh\nkill -INT $PPID\nsleep 0.3\nprintf 'Added in the editor.\\n' >> \"$1\"\n";
        std::fs::write(&editor, script).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
        let before = response(&draft).answer("summary").unwrap().answer.clone();
        let editor = editor.to_str().unwrap();
        let mut app = Session::start_with(
            home.path(),
            &["edit", "draft.json"],
            &[
                ("ACCESSIBLE", "1"),
                ("TZ", "UTC"),
                ("VISUAL", editor),
                ("EDITOR", editor),
            ],
        );
        said(&app, "Type help for the commands.");
        line(&mut app, "go 1");
        said(&app, "Item 1 of 14");
        line(&mut app, "answer edit");
        said(&app, "Answer set:");
        said(
            &app,
            "The response is a draft again after this change; final marks it final.",
        );
        line(&mut app, "next");
        said(&app, "Item 2 of 14");
        line(&mut app, "quit");
        assert!(app.wait_exit());
        let after = response(&draft).answer("summary").unwrap().answer.clone();
        assert_eq!(after, format!("{before}Added in the editor."));
        assert!(!String::from_utf8_lossy(&app.output()).contains("SIGINT"));
    }

    #[test]
    fn ctrl_d_mid_answer_saves_what_was_typed() {
        let home = Home::new();
        let (mut app, draft) = answering(&home);
        app.type_text("half a line");
        // The first Ctrl-D hands over the half line, the second ends the input.
        app.send(CTRL_D);
        app.send(CTRL_D);
        said(&app, "End of input: saving and closing.");
        assert!(app.wait_exit());
        assert_eq!(
            response(&draft).answer("q4").unwrap().answer,
            "A whole line.\nhalf a line"
        );
        assert!(!app.output().contains(&0x1b));
    }

    #[cfg(unix)]
    #[test]
    fn ctrl_c_mid_answer_saves_what_was_typed() {
        let home = Home::new();
        let (mut app, draft) = answering(&home);
        // Let consult read the line before the interrupt comes.
        std::thread::sleep(Duration::from_millis(200));
        app.send("\x03");
        said(&app, "SIGINT received: saving and closing.");
        assert!(app.wait_exit());
        assert_eq!(response(&draft).answer("q4").unwrap().answer, "A whole line.");
    }
}

#[test]
fn notes_for_ourselves_are_typed_the_same_way_and_never_exported() {
    let home = Home::new();
    let draft = home.draft_from(COMMISSION);
    let run = home.run(
        &["edit", "draft.json", "--plain"],
        "go 2\nnotes\nAsk the LGA before we send this.\n.\nexport md\nquit\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        response(&draft).answer("q1").unwrap().notes,
        "Ask the LGA before we send this."
    );
    let exported = std::fs::read_dir(home.path().join("exports"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<String>();
    assert!(exported.contains("# Integrating care"));
    assert!(!exported.contains("Ask the LGA"), "notes never go out");
}

#[test]
fn keypoint_inferred_and_stated_set_what_comparisons_show() {
    let home = Home::new();
    let draft = home.draft_from(LOCAL_GOVERNMENT);
    let run = home.run(
        &["edit", "draft.json", "--plain"],
        "go 3\nkeypoint\nkeypoint Merit in both options; no preference\nstated\ninferred\nkeypoint clear\nkeypoint\ngo 1\ninferred\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for said in [
        "Key point: Councils are divided and we see merit in both options, so we state no preference.\n",
        "Key point kept.\n",
        "The position is marked stated by the respondent.\n",
        "The position is marked inferred: read from the respondent's documents, to be confirmed.\n",
        "Key point cleared: the answer's first sentence stands for it.\n",
        "Key point, the answer's first sentence: We have heard a range of views from councils and can see merit in both options.\n",
        "This item is free text and takes no position.\n",
    ] {
        assert!(run.stdout.contains(said), "{said:?} not in:\n{}", run.stdout);
    }
    let saved = response(&draft);
    let q2 = saved.answer("q2").unwrap();
    assert_eq!(q2.key_point, None);
    assert_eq!(
        q2.position_basis,
        consult::model::response::PositionBasis::Inferred
    );
    // The item says both when it is shown.
    let run = home.run(
        &["edit", "draft.json", "--plain"],
        "go 3\nkeypoint Merit in both\nshow\n",
    );
    assert!(
        run.stdout
            .contains("The position is inferred, not stated by the respondent (stated changes it).\n")
    );
    assert!(
        run.stdout.contains("Key point: Merit in both\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn gathered_records_how_the_members_views_were_gathered() {
    let home = Home::new();
    let draft = home.draft_from(COMMISSION);
    let run = home.run(
        &["edit", "draft.json"],
        "gathered\ngathered Two member meetings and a survey\nrespondent\n\n\n\n\n\n\nquit\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "How the members' views were gathered is not recorded: gathered TEXT records it.\n\
             Recorded how the members' views were gathered.\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("How the members' views were gathered: Two member meetings and a survey."),
        "{}",
        run.stdout
    );
    assert_eq!(
        response(&draft).respondent.views_gathered.as_deref(),
        Some("Two member meetings and a survey")
    );
}

#[test]
fn pass_marks_an_item_not_answered_on_purpose_and_the_review_says_so() {
    let home = Home::new();
    let draft = home.draft_from(COMMISSION);
    let run = home.run(
        &["edit", "draft.json"],
        "go element 7\nanswer clear\nposition 0\npass\nreview\nquit\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Marked: we are not answering this item. pass again takes the mark off."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Element 7, Workforce planning: not answering."),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("have no answer yet"), "{}", run.stdout);
    assert!(response(&draft).answer("e7").unwrap().not_answering);
}

#[test]
fn the_review_of_a_final_response_offers_a_draft_and_marks_inferred_positions() {
    let home = Home::new();
    home.draft_from(LOCAL_GOVERNMENT);
    let run = home.run(&["edit", "draft.json"], "review\nquit\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("the response is final."), "{}", run.stdout);
    assert!(
        run.stdout.contains("final makes the response a draft again."),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("final marks the response final."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Element 1, A wider purpose: Support (inferred),"),
        "{}",
        run.stdout
    );
}
