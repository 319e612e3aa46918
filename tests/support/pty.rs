//! The real `consult` binary in a pseudo-terminal, its screen read back through a
//! terminal emulator, so tests see and type exactly what a person would.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, SlavePty, native_pty_system};

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
        command.env("CONSULT_DATA_DIR", home.join("data"));
        command.env("CONSULT_CONFIG_DIR", home.join("config"));
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

    /// Whether the screen is on the alternate screen (a full-screen app's own page).
    pub fn on_alternate_screen(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
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
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {text:?}; it shows:\n{}", self.contents());
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the app read the keys as typed, not as one burst that could look like a paste.
        std::thread::sleep(Duration::from_millis(30));
    }

    /// Types text one character at a time.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Waits for the app to exit and returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("consult did not exit; the screen shows:\n{}", self.contents());
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child has a pid")
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
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
