//! The command line meeting the user where they are: messages without a terminal, messages
//! that say what a wrong file is and what to do, `--out` naming a folder, `consult list`
//! and draft names accepted wherever a response file is, completions and the man page.

use crate::support;

use std::fs;
use std::path::{Path, PathBuf};

use support::pty::Session;
use support::sandbox::{self, Run};

const COMMISSION: &str = "health-devolution-commission.json";
const LOCAL_GOVERNMENT: &str = "local-government.json";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn question_set() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/integrating-care.json")
}

/// The command-line sandbox with a `work` folder to run in, so what a command writes
/// into the current folder lands apart from consult's own folders.
struct Sandbox {
    inner: sandbox::Sandbox,
}

impl Sandbox {
    /// In UTC, so saved times read the same everywhere.
    fn new() -> Sandbox {
        let sandbox = Sandbox {
            inner: sandbox::Sandbox::in_time_zone("UTC"),
        };
        fs::create_dir_all(sandbox.work()).unwrap();
        sandbox
    }

    /// A sandbox whose drafts folder holds copies of these fixtures.
    fn with_drafts(names: &[&str]) -> Sandbox {
        let sandbox = Sandbox::new();
        fs::create_dir_all(sandbox.drafts()).unwrap();
        for name in names {
            fs::copy(fixture(name), sandbox.drafts().join(name)).unwrap();
        }
        sandbox
    }

    fn drafts(&self) -> PathBuf {
        self.inner.data().join("drafts")
    }

    /// Where consult runs: the user's current folder.
    fn work(&self) -> PathBuf {
        self.inner.path().join("work")
    }

    /// `consult ARGS` in an 80×24 pseudo-terminal, with the same data and config folders.
    fn in_terminal(&self, args: &[&str]) -> Session {
        Session::start(self.inner.path(), args)
    }

    /// `consult ARGS` in the work folder, with no terminal (standard input empty, output captured).
    fn consult(&self, args: &[&str]) -> Run {
        sandbox::run(self.inner.consult_in(&self.work(), args))
    }
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

// ---------------------------------------------------------------------------------------------
// A. The screens without a terminal say so, and what writes the output instead.

#[test]
fn the_app_with_its_output_redirected_says_it_needs_a_terminal_and_what_to_use_instead() {
    let sandbox = Sandbox::with_drafts(&[COMMISSION]);
    let consult = env!("CARGO_BIN_EXE_consult");
    let script = format!("'{consult}' | cat; echo \"exit $?\"");
    let mut shell = Session::start_command(sandbox.inner.path(), "sh", &["-c", &script]);
    shell.wait_for("the drafting app needs a terminal, but standard output is not one;");
    shell.wait_for("`consult list` shows your drafts");
    assert!(shell.wait_exit());
    assert!(!shell.contents().contains("os error"));
}

#[test]
fn without_a_terminal_for_input_the_app_and_edit_are_the_plain_dialogue() {
    let sandbox = Sandbox::with_drafts(&[COMMISSION]);
    let run = sandbox.consult(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Health Devolution Commission"),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("os error"));

    let draft = sandbox.drafts().join(COMMISSION);
    let run = sandbox.consult(&["edit", p(&draft)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read(&draft).unwrap(),
        fs::read(fixture(COMMISSION)).unwrap(),
        "opened and left as it was"
    );
}

#[test]
fn compare_without_a_terminal_names_the_formats_that_write_it() {
    let sandbox = Sandbox::new();
    let run = sandbox.consult(&["compare", p(&fixture(COMMISSION)), p(&fixture(LOCAL_GOVERNMENT))]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "consult: the comparison screen needs a terminal, but standard input is not one; \
         `--format md|json|csv` writes the comparison instead, to standard output or to `--out FILE`\n"
    );
}

#[test]
fn compare_piped_from_a_terminal_says_its_output_is_not_one() {
    let sandbox = Sandbox::with_drafts(&[COMMISSION]);
    let script = format!(
        "'{}' compare --dir data/drafts | cat; echo \"exit $?\"",
        env!("CARGO_BIN_EXE_consult")
    );
    let mut shell = Session::start_command(sandbox.inner.path(), "sh", &["-c", &script]);
    shell.wait_for("exit");
    shell.wait_exit();
    let screen = shell.contents().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        screen.contains("the comparison screen needs a terminal, but standard output is not one"),
        "{screen}"
    );
    assert!(screen.contains("--format md|json|csv"), "{screen}");
    assert!(!screen.contains("os error"), "{screen}");
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
fn editing_a_file_that_is_not_there_says_how_to_start_it() {
    let sandbox = Sandbox::new();
    let run = sandbox.consult(&["edit", "nosuch.json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "consult: nosuch.json: no such file, nor a draft of that name (`consult list` shows your \
         drafts); start it with `consult new --questions ID --org NAME --out nosuch.json`\n"
    );
    // And that command does start it.
    let run = sandbox.consult(&[
        "new",
        "--questions",
        "integrating-care",
        "--org",
        "Example Trust",
        "--out",
        "nosuch.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(sandbox.work().join("nosuch.json").is_file());
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

// ---------------------------------------------------------------------------------------------
// C. `--out` ending in a separator, or naming a folder, is a folder.

#[test]
fn export_out_with_a_trailing_separator_makes_the_folder() {
    let sandbox = Sandbox::new();
    let hdc = fixture(COMMISSION);
    for (out, written) in [
        (
            "newdir/",
            "newdir/health-devolution-commission-integrating-care.md",
        ),
        ("a/b/", "a/b/health-devolution-commission-integrating-care.md"),
    ] {
        let run = sandbox.consult(&["export", p(&hdc), "--format", "md", "--out", out]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, format!("wrote {written}\n"));
        assert!(sandbox.work().join(written).is_file(), "{written}");
    }
    // A plain name is still a file.
    let run = sandbox.consult(&["export", p(&hdc), "--format", "md", "--out", "briefing.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(sandbox.work().join("briefing.md").is_file());
}

#[test]
fn new_out_into_a_folder_uses_the_default_name() {
    let sandbox = Sandbox::new();
    fs::create_dir(sandbox.work().join("responses")).unwrap();
    let new = |out: &str| {
        sandbox.consult(&[
            "new",
            "--questions",
            "integrating-care",
            "--org",
            "Example Trust",
            "--out",
            out,
        ])
    };
    let run = new("responses");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "wrote responses/example-trust-integrating-care.json\n"
    );
    let written = sandbox
        .work()
        .join("responses/example-trust-integrating-care.json");
    let validate = sandbox.consult(&["validate", p(&written)]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);

    // The same name again is not overwritten without --force.
    let run = new("responses");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("already exists; pass --force"),
        "{}",
        run.stderr
    );

    let run = new("drafts/");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        sandbox
            .work()
            .join("drafts/example-trust-integrating-care.json")
            .is_file()
    );
}

// ---------------------------------------------------------------------------------------------
// D. `consult list`, and a draft's name wherever a response file is taken.

#[test]
fn list_shows_each_draft_in_aligned_columns_newest_first() {
    let sandbox = Sandbox::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]);
    let run = sandbox.consult(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "\
FILE                               ORGANISATION                  SET               ANSWERED  STATUS  SAVED
local-government.json              Local Government Association  integrating-care     14/14  final   8 Jan 2021 11:20:00
health-devolution-commission.json  Health Devolution Commission  integrating-care     14/14  final   7 Jan 2021 16:45:00
"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn list_shows_a_new_draft_as_unanswered() {
    let sandbox = Sandbox::with_drafts(&[COMMISSION]);
    let run = sandbox.consult(&["new", "--questions", "integrating-care", "--org", "Example Trust"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = sandbox.consult(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    let newest: Vec<&str> = lines[1]
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        &newest[..5],
        [
            "example-trust-integrating-care.json",
            "Example Trust",
            "integrating-care",
            "0/14",
            "draft"
        ]
    );
}

#[test]
fn list_shows_control_characters_in_names_as_pictures() {
    let sandbox = Sandbox::with_drafts(&[]);
    let text = fs::read_to_string(fixture(LOCAL_GOVERNMENT))
        .unwrap()
        .replace("\"Local Government Association\"", "\"Evil \\u001b[2J\\tCo\\n\"");
    fs::write(sandbox.drafts().join("evil\u{7}.json"), text).unwrap();
    let run = sandbox.consult(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("evil␇.json  Evil ␛[2J␉Co␊  integrating-care"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn list_without_drafts_says_how_to_start_one() {
    let sandbox = Sandbox::new();
    let run = sandbox.consult(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "no drafts yet; start one with `consult new --questions ID --org NAME` or in the app (`consult`)\n"
    );
    let run = sandbox.consult(&["list", "--format", "json"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "[]\n"));
}

#[test]
fn list_as_json_gives_each_draft_for_scripts() {
    let sandbox = Sandbox::with_drafts(&[COMMISSION]);
    let run = sandbox.consult(&["list", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let draft = &list[0];
    assert_eq!(draft["file"], COMMISSION);
    assert_eq!(draft["path"], p(&sandbox.drafts().join(COMMISSION)));
    assert_eq!(draft["organisation"], "Health Devolution Commission");
    assert_eq!(draft["question_set"], "integrating-care");
    assert_eq!(
        (draft["answered"].as_u64(), draft["total"].as_u64()),
        (Some(14), Some(14))
    );
    assert_eq!(draft["status"], "final");
    assert_eq!(draft["updated"], "2021-01-07T16:45:00Z");
}

#[test]
fn list_names_a_broken_draft_and_still_lists_the_others() {
    let sandbox = Sandbox::with_drafts(&[COMMISSION]);
    fs::write(sandbox.drafts().join("broken.json"), "{").unwrap();
    let run = sandbox.consult(&["list"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("health-devolution-commission.json  Health Devolution Commission")
    );
    let broken = sandbox.drafts().join("broken.json");
    assert!(
        run.stderr.starts_with(&format!("{}:", broken.display())),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("could not be read as drafts"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_draft_is_found_by_its_listed_name_with_or_without_json() {
    let sandbox = Sandbox::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]);
    let hdc = sandbox.drafts().join(COMMISSION);
    let lga = sandbox.drafts().join(LOCAL_GOVERNMENT);

    let run = sandbox.consult(&["export", "health-devolution-commission", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        sandbox
            .work()
            .join("exports/health-devolution-commission-integrating-care.md")
            .is_file()
    );

    let run = sandbox.consult(&["validate", COMMISSION, "local-government"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!("{}: ok\n{}: ok\n", hdc.display(), lga.display())
    );

    let run = sandbox.consult(&["versions", "local-government"]);
    assert_eq!(
        (run.code, run.stdout),
        (0, format!("{}: no saved versions yet\n", lga.display()))
    );

    let run = sandbox.consult(&["restore", "local-government.json", "1"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(&format!("{}: there is no version 1", lga.display())),
        "{}",
        run.stderr
    );

    let run = sandbox.consult(&["compare", "local-government", COMMISSION, "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "Local Government Association,final,2021-01-08T11:20:00Z,q1,Question 1,partly-agree,Partly agree,stated,"
        ) && run.stdout.contains(&format!(",118,{},,\n", lga.display())),
        "{}",
        run.stdout
    );

    // Without a terminal (so in plain mode), edit finds the draft too.
    let run = sandbox.consult(&["edit", "local-government"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Local Government Association"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_in_the_current_folder_wins_over_a_draft_of_the_same_name() {
    let sandbox = Sandbox::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]);
    fs::copy(fixture(LOCAL_GOVERNMENT), sandbox.work().join(COMMISSION)).unwrap();
    let run = sandbox.consult(&["export", COMMISSION, "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "wrote exports/local-government-association-integrating-care.md\n"
    );
    // A path with a folder in it is never looked up among the drafts, though one of that
    // name is there.
    let run = sandbox.consult(&["validate", "./local-government.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no such file"), "{}", run.stderr);
}

#[test]
fn edit_opens_a_draft_by_its_listed_name_and_it_keeps_versions() {
    let sandbox = Sandbox::with_drafts(&[COMMISSION]);
    let mut app = sandbox.in_terminal(&["edit", "health-devolution-commission"]);
    app.wait_for("Health Devolution Commission");
    app.send(support::pty::CTRL_Q);
    assert!(app.wait_exit());
    // Opened by its name, it is the draft whose versions are kept.
    let run = sandbox.consult(&["versions", "health-devolution-commission"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("14/14"), "{}", run.stdout);
}

// ---------------------------------------------------------------------------------------------
// E. Completions and the man page, from the same definitions as the command line.

const SUBCOMMANDS: [&str; 11] = [
    "edit",
    "questions",
    "new",
    "validate",
    "export",
    "compare",
    "versions",
    "restore",
    "list",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell_know_every_subcommand() {
    let sandbox = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = sandbox.consult(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for subcommand in SUBCOMMANDS {
            assert!(
                run.stdout.contains(subcommand),
                "{shell} completions lack {subcommand}"
            );
        }
    }
}

/// bash itself, given the script, completes `consult li` to `list` and knows export's options.
#[cfg(unix)]
#[test]
fn bash_completes_subcommands_and_options_with_the_script() {
    let sandbox = Sandbox::new();
    let script = sandbox.work().join("consult.bash");
    fs::write(&script, sandbox.consult(&["completions", "bash"]).stdout).unwrap();
    let complete = |line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        let program = format!(
            "source '{}'; COMP_WORDS=({line}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; \
             _consult consult '{}' '{}'; echo \"${{COMPREPLY[@]}}\"",
            script.display(),
            words.len() - 1,
            line.len(),
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let output = std::process::Command::new("bash")
            .args(["-c", &program])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(complete("consult li"), "list\n");
    assert_eq!(complete("consult export --sk"), "--skip-empty\n");
}

#[test]
fn completions_for_an_unknown_shell_are_a_usage_error() {
    let run = Sandbox::new().consult(&["completions", "tcsh"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bash"), "{}", run.stderr);
}

#[test]
fn the_man_page_is_roff_listing_every_subcommand() {
    let run = Sandbox::new().consult(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\n.TH consult 1 "), "{}", run.stdout);
    assert!(run.stdout.contains("\n.SH SUBCOMMANDS\n"));
    for subcommand in SUBCOMMANDS {
        assert!(
            run.stdout.contains(&format!("\nconsult\\-{subcommand}(1)\n")),
            "{subcommand}"
        );
    }
    // Every page it refers to is one `consult man --dir` writes.
    assert!(!run.stdout.contains("consult\\-help(1)"));
}

#[test]
fn man_dir_writes_a_page_per_subcommand() {
    let sandbox = Sandbox::new();
    let run = sandbox.consult(&["man", "--dir", "man/man1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = sandbox.work().join("man/man1");
    let main = fs::read_to_string(dir.join("consult.1")).unwrap();
    assert!(main.contains(".TH consult 1 "));
    for subcommand in SUBCOMMANDS {
        let page = fs::read_to_string(dir.join(format!("consult-{subcommand}.1"))).unwrap();
        assert!(
            page.contains(&format!(".TH consult-{subcommand} 1 ")),
            "{subcommand}"
        );
        assert!(
            run.stdout
                .contains(&format!("wrote man/man1/consult-{subcommand}.1\n"))
        );
    }
    let export = fs::read_to_string(dir.join("consult-export.1")).unwrap();
    assert!(
        export.contains("\\-\\-skip\\-empty"),
        "options are on the command's page"
    );
}
