//! The command line meeting the user where they are: messages that say what a wrong file
//! is and what to do.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::pty::Session;
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn question_set() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/integrating-care.json")
}

/// A scratch folder holding consult's data and config folders and a `work` folder to run
/// in, so no test reads or writes the real ones.
struct Sandbox {
    dir: TempDir,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Sandbox {
    fn new() -> Sandbox {
        let sandbox = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir_all(sandbox.work()).unwrap();
        sandbox
    }

    /// Where consult runs: the user's current folder.
    fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    /// `consult ARGS` in an 80×24 pseudo-terminal, with the same data and config folders.
    fn in_terminal(&self, args: &[&str]) -> Session {
        Session::start(self.dir.path(), args)
    }

    /// `consult ARGS` in the work folder, with no terminal (standard input empty, output
    /// captured), in UTC so saved times read the same everywhere.
    fn consult(&self, args: &[&str]) -> Run {
        let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_consult"))
            .args(args)
            .current_dir(self.work())
            .env("CONSULT_DATA_DIR", self.dir.path().join("data"))
            .env("CONSULT_CONFIG_DIR", self.dir.path().join("config"))
            .env("TZ", "UTC")
            .output()
            .unwrap();
        let run = Run {
            code: output.status.code().expect("consult was killed by a signal"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "consult panicked:\n{}",
            run.stderr
        );
        run
    }
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

// ---------------------------------------------------------------------------------------------
// B. A wrong file is named for what it is, with what to do.

#[test]
fn a_question_set_given_as_a_response_is_called_a_question_set() {
    let sandbox = Sandbox::new();
    let set = question_set();
    let run = sandbox.consult(&["export", p(&set), "--format", "md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "consult: {}: error: this is a question set, not a response; give a response file \
             (a draft or a JSON export), or start one to this set with \
             `consult new --questions FILE --org NAME`\n",
            set.display()
        )
    );
    assert_eq!(run.stdout, "");
    assert!(!sandbox.work().join("exports").exists());
}

#[test]
fn editing_a_question_set_in_a_terminal_says_it_is_one() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.in_terminal(&["edit", p(&question_set())]);
    assert!(!app.wait_exit());
    app.wait_for("this is a question set, not a response");
}

#[test]
fn a_response_to_an_unknown_set_names_the_option_that_gives_it() {
    let sandbox = Sandbox::new();
    let response = fixture("bad/unknown-question-set.json");
    let run = sandbox.consult(&["export", p(&response), "--format", "md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("put that set's file in your questions folder, or name it with `--questions FILE`"),
        "{}",
        run.stderr
    );
}
