//! The real binary under the things that happen on laptops in meetings: signals,
//! a crash, a second copy of consult, a kill between saves. Unix only: it sends signals.
#![cfg(unix)]

use crate::support;

use std::path::Path;

use support::files::{only_draft, wait_for_finished_file_with, wait_for_text};
use support::fixtures::copy_into;
use support::pty::{CTRL_E, CTRL_Q, ENTER, Session};
use support::{LOCAL_GOVERNMENT, folders_env, wait};

const F12: &str = "\x1b[24~";

/// consult on a fresh response for "Signals", on its first item, ready for text.
fn responding(home: &Path, env: &[(&str, &str)]) -> Session {
    let mut app = Session::start_with(home, &[], env);
    app.start_response("Signals");
    app
}

/// consult on a fresh response for "Signals", with `text` typed into the summary.
fn typing(home: &Path, text: &str, env: &[(&str, &str)]) -> Session {
    let mut app = responding(home, env);
    app.type_text(text);
    app.wait_for(text);
    app
}

/// Starts consult again over `home`'s folders: it offers `text` back, and takes it back
/// into its draft.
fn recover_on_the_next_start(home: &Path, text: &str) {
    let mut again = Session::start(home, &[]);
    again.wait_for("Unsaved work found");
    again.wait_for(text);
    again.send("r");
    again.wait_for("Recovered into");
}

fn saves_and_restores_on(signal: &str) {
    let home = tempfile::tempdir().unwrap();
    let text = format!("Typed just before {signal}");
    let mut app = typing(home.path(), &text, &[]);
    let draft = only_draft(home.path());
    app.signal(signal);
    app.wait_exit();
    assert!(
        std::fs::read_to_string(&draft).unwrap().contains(&text),
        "{signal}: the text was saved before consult exited"
    );
    assert_eq!(
        app.terminal_settings(),
        app.settings_before,
        "{signal}: terminal settings restored"
    );
    app.wait_for_normal_screen();
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    saves_and_restores_on("TERM");
}

#[test]
fn sighup_saves_and_restores_the_terminal() {
    saves_and_restores_on("HUP");
}

#[test]
fn sigint_saves_and_restores_the_terminal() {
    saves_and_restores_on("INT");
}

#[test]
fn a_panic_restores_the_terminal_then_says_where_the_work_is() {
    let home = tempfile::tempdir().unwrap();
    let text = "Words that must survive a crash";
    let mut app = typing(
        home.path(),
        text,
        &[("CONSULT_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
    );
    app.send(F12);
    assert!(!app.wait_exit(), "a panic is a failure exit");
    assert_eq!(app.terminal_settings(), app.settings_before, "out of raw mode");
    app.wait_for_normal_screen();
    // The panic message is readable, and says where the work is.
    app.wait_for("test panic requested");
    app.wait_for("your latest work is kept in");
    let recovery: Vec<_> = std::fs::read_dir(home.path().join("data/recovery"))
        .unwrap()
        .collect();
    assert_eq!(recovery.len(), 1);
    let kept = std::fs::read_to_string(recovery[0].as_ref().unwrap().path()).unwrap();
    assert!(kept.contains(text));

    // The next start offers it back.
    recover_on_the_next_start(home.path(), text);
}

#[test]
fn work_killed_between_saves_is_offered_back_on_the_next_start() {
    let text = "Support element 5 – ŵ";
    // The kill has to land after the recovery copy holds the text and before the draft save,
    // which waits for 0.7 s without a change. The text is pasted, one change, so that the
    // draft save's clock starts when the recovery copy's does (typing it key by key would
    // narrow the gap, as the draft is saved at least every 1.5 s). A busy machine can still
    // hold this test up past the gap; such a try shows nothing either way, so it is made again.
    const TRIES: usize = 5;
    let home = (1..=TRIES)
        .find_map(|attempt| {
            let home = tempfile::tempdir().unwrap();
            let mut app = responding(home.path(), &[]);
            app.paste(text);
            // The recovery copy under its real name, after its rename: the atomic write's
            // temporary file beside it may hold the text a moment earlier.
            wait_for_finished_file_with(&home.path().join("data/recovery"), text);
            app.signal("KILL");
            assert!(!app.wait_exit(), "killed, not exited");
            let draft = std::fs::read_to_string(only_draft(home.path())).unwrap();
            if draft.contains(text) {
                eprintln!("try {attempt}: the draft save came before the kill; trying again");
                return None;
            }
            Some(home)
        })
        .unwrap_or_else(|| {
            panic!("in {TRIES} tries, consult was never killed between its recovery copy and its draft save")
        });
    recover_on_the_next_start(home.path(), text);
    assert!(
        std::fs::read_to_string(only_draft(home.path()))
            .unwrap()
            .contains(text)
    );
}

#[test]
fn a_second_consult_on_the_same_draft_is_refused_and_the_lock_dies_with_its_holder() {
    let home = tempfile::tempdir().unwrap();
    let file = copy_into(LOCAL_GOVERNMENT, home.path());
    let mut first = Session::edit(home.path(), &file);
    first.wait_for("Local Government Association");

    let mut second = Session::edit(home.path(), &file);
    assert!(!second.wait_exit(), "refused");
    second.wait_for(&format!("open in another consult (process {})", first.pid()));

    first.signal("KILL");
    assert!(!first.wait_exit(), "killed");
    let third = Session::edit(home.path(), &file);
    third.wait_for("Local Government Association");
}

#[test]
fn it_never_touches_the_network() {
    if std::process::Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipped: strace is not installed (.ci/run installs it)");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let trace = home.path().join("network.trace");
    let consult = env!("CARGO_BIN_EXE_consult");
    let script = format!(
        "exec strace -f -qq -yy -e trace=network -o '{}' '{consult}'",
        trace.display()
    );
    let mut app = Session::start_command(home.path(), "sh", &["-c", &script]);
    app.start_response("Offline");
    app.type_text("No network needed.");
    app.send(CTRL_E); // export
    app.wait_for("Will write:");
    app.send(ENTER);
    app.wait_for("Exported to");
    app.send(CTRL_Q);
    assert!(app.wait_exit());
    // The terminal library and the signal listener wake their threads through local
    // socket pairs (`-yy` shows them as UNIX-STREAM): plumbing between threads of one
    // process, not networking. A call resumed after another thread's is checked where it began.
    let calls = std::fs::read_to_string(&trace).unwrap();
    let network: Vec<&str> = calls
        .lines()
        .filter(|l| !l.contains("socketpair(AF_UNIX") && !l.contains("<UNIX-STREAM:"))
        .filter(|l| !l.contains(" resumed>"))
        .collect();
    assert!(
        network.is_empty(),
        "network system calls were made:
{}",
        network.join(
            "
"
        )
    );
}

/// Closing the terminal window: the terminal disappears under consult (end of input,
/// and SIGHUP). consult must save and exit, not spin on a dead terminal. Uses tmux,
/// which can close a window for real; skipped where tmux is missing.
#[test]
fn closing_the_terminal_window_saves_and_exits() {
    let tmux = |args: &[&str]| std::process::Command::new("tmux").args(args).output();
    if tmux(&["-V"]).is_err() {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let socket = home.path().join("tmux.sock");
    let socket = socket.to_str().unwrap();
    let folders = folders_env(home.path()).map(|(key, value)| format!("{key}='{}'", value.display()));
    let command = format!("{} '{}'", folders.join(" "), env!("CARGO_BIN_EXE_consult"));
    let run = |args: &[&str]| {
        let mut all = vec!["-S", socket];
        all.extend_from_slice(args);
        tmux(&all).unwrap()
    };
    run(&["new-session", "-d", "-x", "80", "-y", "24", &command]);
    let pane = || String::from_utf8_lossy(&run(&["capture-pane", "-p"]).stdout).into_owned();
    let wait_for = |text: &str| {
        wait::until(
            || pane().contains(text).then_some(()),
            || format!("never showed {text:?}:\n{}", pane()),
        )
    };
    wait_for("Start a new response");
    run(&["send-keys", "Closing", "Enter"]);
    wait_for("0/14 answered");
    run(&["send-keys", "Typed as the window closed"]);
    wait_for("Typed as the window closed");
    let pid = String::from_utf8_lossy(&run(&["display-message", "-p", "#{pane_pid}"]).stdout)
        .trim()
        .to_string();
    let stat = format!("/proc/{pid}/stat");
    let running = std::fs::read_to_string(&stat).unwrap_or_default();
    assert!(
        running.contains("(consult)"),
        "the pane runs consult itself: {running}"
    );
    run(&["kill-server"]);

    let draft = only_draft(home.path());
    wait_for_text(&draft, "Typed as the window closed");
    wait::until(
        || match std::fs::read_to_string(&stat) {
            // Gone, or gone and its process id already taken by another program.
            Err(_) => Some(()),
            Ok(stat) if !stat.contains("(consult)") => Some(()),
            // Exited, and only waiting to be reaped.
            Ok(stat) => (stat.split_whitespace().nth(2) == Some("Z")).then_some(()),
        },
        || "consult is still running after its terminal closed".into(),
    );
}

#[test]
fn recovery_after_a_kill_returns_to_the_draft_ready_for_typing_and_keeps_what_is_typed_next() {
    let text = "Recovered words after the kill";
    let more = " and words typed after recovering";
    // A draft outside the drafts folder, opened by name, as `consult edit FILE` does.
    const TRIES: usize = 5;
    let (home, file) = (1..=TRIES)
        .find_map(|attempt| {
            let home = tempfile::tempdir().unwrap();
            let elsewhere = home.path().join("elsewhere");
            std::fs::create_dir(&elsewhere).unwrap();
            let file = elsewhere.join("recovering.json");
            let made = std::process::Command::new(env!("CARGO_BIN_EXE_consult"))
                .args([
                    "new",
                    "--questions",
                    "integrating-care",
                    "--org",
                    "Recovering Council",
                    "--out",
                ])
                .arg(&file)
                .envs(folders_env(home.path()))
                .status()
                .unwrap();
            assert!(made.success());
            let mut app = Session::edit(home.path(), &file);
            app.wait_for("Recovering Council");
            app.send(ENTER);
            app.paste(text);
            // Killed once the recovery copy holds the text, before the draft save (see above).
            wait_for_finished_file_with(&home.path().join("data/recovery"), text);
            app.signal("KILL");
            assert!(!app.wait_exit(), "killed, not exited");
            if std::fs::read_to_string(&file).unwrap().contains(text) {
                eprintln!("try {attempt}: the draft save came before the kill; trying again");
                return None;
            }
            Some((home, file))
        })
        .unwrap_or_else(|| panic!("in {TRIES} tries, consult was never killed before its draft save"));

    let mut again = Session::edit(home.path(), &file);
    again.wait_for("Unsaved work found");
    again.send("r");
    again.wait_for("Recovered; it is saved in a moment");
    // Still on the draft's walk-through, in the answer: what is typed goes into it.
    again.type_text(more);
    wait_for_text(&file, &format!("{text}{more}"));
    let screen = again.contents();
    assert!(
        !screen.contains("No drafts yet"),
        "not the drafts list:\n{screen}"
    );
    again.send(CTRL_Q);
    assert!(again.wait_exit(), "quits normally");
}
