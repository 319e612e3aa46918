//! A real `git merge` in a scratch repository, with consult as the merge driver and the
//! textconv diff driver for responses, configured the way the README shows.

use std::fs;
use std::path::Path;
use std::process::Command;

use consult::catalog::Catalog;
use consult::documents;
use consult::export;
use consult::merge::sentences;
use consult::model::Response;
use tempfile::TempDir;

const COMMISSION: &str = "tests/fixtures/health-devolution-commission.json";
const FILE: &str = "response.json";

/// A scratch repository whose `*.json` files merge and diff through consult.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        let consult = env!("CARGO_BIN_EXE_consult");
        repo.ok(&["init", "-q", "-b", "main"]);
        repo.ok(&["config", "user.name", "Test"]);
        repo.ok(&["config", "user.email", "test@example.org"]);
        repo.ok(&["config", "commit.gpgsign", "false"]);
        repo.ok(&["config", "merge.consult.name", "consult response merge"]);
        repo.ok(&[
            "config",
            "merge.consult.driver",
            &format!("{consult} merge --git %O %A %B"),
        ]);
        repo.ok(&["config", "diff.consult.textconv", &format!("{consult} diff")]);
        fs::write(repo.path(".gitattributes"), "*.json merge=consult diff=consult\n").unwrap();
        repo
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// `git ARGS` in the repository, never reading the user's own git configuration, and
    /// with consult's data kept in the scratch folder.
    fn git(&self, args: &[&str]) -> std::process::Output {
        Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .env("CONSULT_DATA_DIR", self.path(".consult-data"))
            .env("CONSULT_CONFIG_DIR", self.path(".consult-config"))
            .output()
            .expect("git is installed (.ci/run installs it)")
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.git(args);
        assert!(
            output.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn commit(&self, response: &Response, message: &str) {
        fs::write(self.path(FILE), export::json::render(response)).unwrap();
        self.ok(&["add", FILE, ".gitattributes"]);
        self.ok(&["commit", "-q", "-m", message]);
    }

    fn read(&self) -> (String, Response) {
        let text = fs::read_to_string(self.path(FILE)).unwrap();
        let opened = documents::response_from_text(&text, &Catalog::built_in(), None)
            .unwrap_or_else(|p| panic!("the merged file loads and validates: {p:?}"));
        (text, opened.response)
    }
}

fn base() -> Response {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(COMMISSION);
    consult::parse::response(&fs::read_to_string(path).unwrap()).unwrap()
}

/// `response` with the `n`th sentence of `item`'s answer replaced by `new`.
fn edited(mut response: Response, item: &str, n: usize, new: &str) -> Response {
    let answer = response.answers.iter_mut().find(|a| a.item == item).unwrap();
    let old = sentences::sentences(&answer.answer).nth(n).unwrap().to_string();
    answer.answer = answer.answer.replacen(&old, new, 1);
    response
}

#[test]
fn git_merges_edits_to_different_sentences_and_items_cleanly() {
    let repo = Repo::new();
    repo.commit(&base(), "base");
    repo.ok(&["checkout", "-q", "-b", "colleague"]);
    let mut theirs = edited(base(), "q1", 4, "The colleague rewrote the last sentence.");
    theirs
        .answers
        .iter_mut()
        .find(|a| a.item == "q2")
        .unwrap()
        .position = Some("agree".into());
    repo.commit(&theirs, "colleague's edits");
    repo.ok(&["checkout", "-q", "main"]);
    let mut ours = edited(base(), "q1", 1, "We rewrote the second sentence.");
    ours.answers
        .iter_mut()
        .find(|a| a.item == "q3")
        .unwrap()
        .reasoning
        .push_str(" We added this on the train.");
    repo.commit(&ours, "our edits");

    let merge = repo.git(&["merge", "-q", "--no-edit", "colleague"]);
    assert!(
        merge.status.success(),
        "the merge is clean: {}",
        String::from_utf8_lossy(&merge.stderr)
    );
    let (_, merged) = repo.read();
    let q1 = &merged.answer("q1").unwrap().answer;
    assert!(q1.contains("We rewrote the second sentence."));
    assert!(q1.contains("The colleague rewrote the last sentence."));
    assert_eq!(merged.answer("q2").unwrap().position.as_deref(), Some("agree"));
    assert!(
        merged
            .answer("q3")
            .unwrap()
            .reasoning
            .ends_with(" We added this on the train.")
    );
    assert!(merged.conflicts.is_empty());

    // The textconv driver: git shows the merge as changed sentences, one a line.
    let shown = repo.ok(&["diff", "HEAD~1", "HEAD", "--", FILE]);
    assert!(
        shown.contains("\n-  Without such an option")
            && shown.contains("\n+  The colleague rewrote the last sentence."),
        "{shown}"
    );
}

#[test]
fn the_same_sentence_edited_on_both_branches_is_a_git_conflict_kept_as_data() {
    let repo = Repo::new();
    repo.commit(&base(), "base");
    repo.ok(&["checkout", "-q", "-b", "colleague"]);
    repo.commit(&edited(base(), "q1", 1, "The colleague's version."), "theirs");
    repo.ok(&["checkout", "-q", "main"]);
    repo.commit(&edited(base(), "q1", 1, "Our version."), "ours");

    let merge = repo.git(&["merge", "-q", "--no-edit", "colleague"]);
    assert!(!merge.status.success(), "git reports the conflict");
    let status = repo.ok(&["status", "--porcelain"]);
    assert!(status.contains(&format!("UU {FILE}")), "{status}");

    let (text, merged) = repo.read();
    assert!(!text.contains("<<<<<<<"), "no conflict markers in the file");
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(
        (conflict.item.as_deref(), conflict.field.as_str()),
        (Some("q1"), "answer")
    );
    assert_eq!(conflict.ours.as_deref(), Some("Our version."));
    assert_eq!(conflict.theirs.as_deref(), Some("The colleague's version."));
}
