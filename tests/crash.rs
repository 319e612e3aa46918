//! The real binary under the things that happen on laptops in meetings: signals,
//! a crash, a second copy of consult, a kill between saves. Unix only: it sends signals.
#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::pty::{ENTER, Session};

const F12: &str = "\x1b[24~";

fn only_draft(home: &Path) -> PathBuf {
    let drafts: Vec<_> = std::fs::read_dir(home.join("data/drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    drafts.into_iter().next().unwrap()
}

/// consult on a fresh response for "Signals", with `text` typed into the summary.
fn typing(home: &Path, text: &str, env: &[(&str, &str)]) -> Session {
    let mut app = Session::start_with(home, &[], env);
    app.wait_for("Start a new response");
    app.type_text("Signals");
    app.send(ENTER);
    app.wait_for("0/14 answered");
    app.type_text(text);
    app.wait_for(text);
    app
}

/// Waits up to `limit` for some file in `dir` to contain `text`.
fn saved_within_any(dir: &Path, text: &str, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        let mut files = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok());
        if files.any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(text))) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

/// Waits up to `limit` for `path` to contain `text`; returns how long it took.
fn saved_within(path: &Path, text: &str, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if std::fs::read_to_string(path).is_ok_and(|t| t.contains(text)) {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    None
}

fn saves_and_restores_on(signal: &str) {
    let home = tempfile::tempdir().unwrap();
    let text = format!("Typed just before {signal}");
    let mut app = typing(home.path(), &text, &[]);
    let draft = only_draft(home.path());
    app.signal(signal);
    let took = saved_within(&draft, &text, Duration::from_millis(500));
    assert!(took.is_some(), "{signal}: the text was not saved within 500 ms");
    app.wait_exit();
    assert_eq!(
        app.terminal_settings(),
        app.settings_before,
        "{signal}: terminal settings restored"
    );
    assert!(!app.on_alternate_screen(), "{signal}: back on the normal screen");
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
    assert!(!app.on_alternate_screen(), "off the alternate screen");
    let screen = app.contents();
    assert!(
        screen.contains("test panic requested"),
        "the panic message is readable:\n{screen}"
    );
    assert!(screen.contains("your latest work is kept in"), "{screen}");
    let recovery: Vec<_> = std::fs::read_dir(home.path().join("data/recovery"))
        .unwrap()
        .collect();
    assert_eq!(recovery.len(), 1);
    let kept = std::fs::read_to_string(recovery[0].as_ref().unwrap().path()).unwrap();
    assert!(kept.contains(text));

    // The next start offers it back.
    let mut again = Session::start(home.path(), &[]);
    again.wait_for("Unsaved work found");
    again.wait_for(text);
    again.send("r");
    again.wait_for("Recovered into");
}

#[test]
fn work_killed_between_saves_is_offered_back_on_the_next_start() {
    let home = tempfile::tempdir().unwrap();
    let text = "Support element 5 – ŵ";
    let app = typing(home.path(), text, &[]);
    // Kill as soon as the recovery copy holds the text: well before the draft save,
    // which waits for 0.7 s without typing.
    let copied = saved_within_any(&home.path().join("data/recovery"), text, Duration::from_secs(5));
    assert!(copied, "a recovery copy is written within moments of typing");
    app.signal("KILL");
    drop(app);
    let draft = std::fs::read_to_string(only_draft(home.path())).unwrap();
    assert!(!draft.contains(text), "killed before the draft save");
    let mut again = Session::start(home.path(), &[]);
    again.wait_for("Unsaved work found");
    again.wait_for(text);
    again.send("r");
    again.wait_for("Recovered into");
    assert!(
        std::fs::read_to_string(only_draft(home.path()))
            .unwrap()
            .contains(text)
    );
}

#[test]
fn a_second_consult_on_the_same_draft_is_refused_and_the_lock_dies_with_its_holder() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("shared.json");
    std::fs::copy("tests/fixtures/local-government.json", &file).unwrap();
    let first = Session::start(home.path(), &["edit", file.to_str().unwrap()]);
    first.wait_for("Local Government Association");

    let mut second = Session::start(home.path(), &["edit", file.to_str().unwrap()]);
    assert!(!second.wait_exit(), "refused");
    second.wait_for(&format!("open in another consult (process {})", first.pid()));

    first.signal("KILL");
    drop(first);
    let third = Session::start(home.path(), &["edit", file.to_str().unwrap()]);
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
        "exec strace -f -qq -e trace=network -o '{}' '{consult}'",
        trace.display()
    );
    let mut app = Session::start_command(home.path(), "sh", &["-c", &script]);
    app.wait_for("Start a new response");
    app.type_text("Offline");
    app.send(ENTER);
    app.wait_for("0/14 answered");
    app.type_text("No network needed.");
    app.send("\x05"); // export
    app.wait_for("Will write:");
    app.send(ENTER);
    app.wait_for("Exported to");
    app.send("\x11");
    assert!(app.wait_exit());
    // The terminal library wakes its own event loop through a local socket pair:
    // that is plumbing between threads of one process, not networking.
    let calls = std::fs::read_to_string(&trace).unwrap();
    let network: Vec<&str> = calls
        .lines()
        .filter(|l| !l.contains("socketpair(AF_UNIX"))
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
    let command = format!(
        "CONSULT_DATA_DIR='{0}/data' CONSULT_CONFIG_DIR='{0}/config' '{1}'",
        home.path().display(),
        env!("CARGO_BIN_EXE_consult")
    );
    let run = |args: &[&str]| {
        let mut all = vec!["-S", socket];
        all.extend_from_slice(args);
        tmux(&all).unwrap()
    };
    run(&["new-session", "-d", "-x", "80", "-y", "24", &command]);
    let pane = || String::from_utf8_lossy(&run(&["capture-pane", "-p"]).stdout).into_owned();
    let wait_for = |text: &str| {
        let start = Instant::now();
        while !pane().contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "never showed {text:?}:\n{}",
                pane()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    };
    wait_for("Start a new response");
    run(&["send-keys", "Closing", "Enter"]);
    wait_for("0/14 answered");
    run(&["send-keys", "Typed as the window closed"]);
    wait_for("Typed as the window closed");
    let pid = String::from_utf8_lossy(&run(&["display-message", "-p", "#{pane_pid}"]).stdout)
        .trim()
        .to_string();
    run(&["kill-server"]);

    let draft = only_draft(home.path());
    assert!(
        saved_within(&draft, "Typed as the window closed", Duration::from_secs(2)).is_some(),
        "saved"
    );
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}/stat")).exists() {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if stat.split_whitespace().nth(2) == Some("Z") {
            break; // exited; only waiting to be reaped
        }
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "consult is still running after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
