//! The real `consult` binary in a pseudo-terminal, its screen read back through a
//! terminal emulator, so tests see and type exactly what a person would.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use portable_pty::{Child, CommandBuilder, PtySize, SlavePty, native_pty_system};

use super::{folders_env, wait};

pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the terminal showed, as it came.
    output: Arc<Mutex<Vec<u8>>>,
    /// Kept open so other commands (such as `stty`) can run on the same terminal.
    slave: Box<dyn SlavePty + Send>,
    /// `stty -g` of the terminal before consult started.
    pub settings_before: String,
    home: std::path::PathBuf,
}

pub const PAGE_DOWN: &str = "\x1b[6~";
pub const TAB: &str = "\t";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const CTRL_E: &str = "\x05";
pub const CTRL_Q: &str = "\x11";

impl Session {
    /// Starts `consult args…` in an 80×24 terminal with its folders under `home`,
    /// working in `home` (so `exports/` lands there).
    pub fn start(home: &Path, args: &[&str]) -> Session {
        Session::start_with(home, args, &[])
    }

    /// As [`Session::start`], with extra environment variables.
    pub fn start_with(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        Session::launch(home, env!("CARGO_BIN_EXE_consult"), args, env)
    }

    /// `consult edit FILE`, as [`Session::start`] starts consult.
    pub fn edit(home: &Path, file: &Path) -> Session {
        Session::start(home, &["edit", file.to_str().unwrap()])
    }

    /// Any program in the same kind of terminal, with consult's folders set as for consult.
    pub fn start_command(home: &Path, program: &str, args: &[&str]) -> Session {
        Session::launch(home, program, args, &[])
    }

    fn launch(home: &Path, program: &str, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.cwd(home);
        for (key, value) in folders_env(home) {
            command.env(key, value);
        }
        command.env("TERM", "xterm-256color");
        for (key, value) in env {
            command.env(key, value);
        }
        let settings_before = terminal_settings(&*pty.slave, home);
        let child = pty.slave.spawn_command(command).expect("consult starts");
        let slave = pty.slave;
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let feed = Arc::clone(&screen);
        let output = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&output);
        std::thread::spawn(move || {
            let _master = pty.master; // keep the terminal open while reading
            let mut buffer = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buffer[..n]);
                record.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        Session {
            child,
            writer,
            screen,
            output,
            slave,
            settings_before,
            home: home.to_path_buf(),
        }
    }

    /// `stty -g` of the terminal now: how raw mode, echo and the rest are set.
    pub fn terminal_settings(&self) -> String {
        terminal_settings(&*self.slave, &self.home)
    }

    /// Sends a signal to consult (Unix).
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} failed");
    }

    /// Every byte the terminal has shown so far, escape sequences and all.
    pub fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; fails the test with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("showed {text:?}"), |screen| {
            screen.contents().contains(text)
        });
    }

    /// Waits until the screen is back on the normal screen, off the alternate screen (a
    /// full-screen app's own page). What consult wrote before it exited may still be on its
    /// way through the terminal, so this waits rather than looks once.
    pub fn wait_for_normal_screen(&self) {
        self.wait_until("left the alternate screen", |screen| !screen.alternate_screen());
    }

    /// Waits until `done` holds for the screen; fails the test, saying it never `what`.
    fn wait_until(&self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        wait::until(
            || done(self.screen.lock().unwrap().screen()).then_some(()),
            || format!("the screen never {what}; it shows:\n{}", self.contents()),
        );
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Pace the keys as a quick typist would, so the app reads them one at a time rather
        // than in one burst. This waits for nothing: the keys' effects are awaited with
        // `wait_for`. (An Esc read in the same burst as the next key would be taken for Alt.)
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Pastes `text` as a terminal does with bracketed paste: one event, not keys.
    pub fn paste(&mut self, text: &str) {
        self.send(&format!("\x1b[200~{text}\x1b[201~"));
    }

    /// On the first start's new-response dialog, starts a response for `organisation`:
    /// waits for the dialog, types the name, and waits for the walk-through.
    pub fn start_response(&mut self, organisation: &str) {
        self.wait_for("Start a new response");
        self.type_text(organisation);
        self.send(ENTER);
        self.wait_for("0/14 answered");
    }

    /// Types text one character at a time.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Waits for the app to exit and returns whether it succeeded. Once this returns, the
    /// process is gone and everything it held (files, locks) is released.
    pub fn wait_exit(&mut self) -> bool {
        let child = &mut self.child;
        let screen = &self.screen;
        wait::until(
            || child.try_wait().unwrap().map(|status| status.success()),
            || {
                let shows = screen.lock().unwrap().screen().contents();
                format!("consult did not exit; the screen shows:\n{shows}")
            },
        )
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child has a pid")
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Only a child that is still running: once it has exited and been reaped, its
        // process id can already belong to another process (another test's consult, say).
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// Runs `stty -g` on the terminal behind `slave` and returns what it printed.
fn terminal_settings(slave: &dyn SlavePty, home: &Path) -> String {
    let out = home.join(format!("stty-{}.txt", std::process::id()));
    let mut command = CommandBuilder::new("sh");
    command.args(["-c", &format!("stty -g > '{}'", out.display())]);
    if let Ok(mut child) = slave.spawn_command(command) {
        let _ = child.wait();
    }
    std::fs::read_to_string(&out)
        .unwrap_or_default()
        .trim()
        .to_string()
}
