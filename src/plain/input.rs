//! What the plain dialogue hears: lines of standard input, the end of input, and the
//! termination signals, in the order they come, from one channel.
//!
//! Standard input is read on its own thread, one line at a time and only when the
//! dialogue asks for one, so the main thread can wait on signals and lines at once, and
//! nothing reads the terminal while the user's editor program has it.

use std::collections::VecDeque;
use std::io::BufRead;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

/// One thing heard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// A line, without its line break. A last line without one counts too.
    Line(String),
    /// Standard input ended (Ctrl-D, or the end of a piped script).
    End,
    /// A termination signal arrived: its name.
    Signal(&'static str),
}

pub struct Input {
    wanted: Sender<()>,
    heard: Receiver<Heard>,
    /// Heard already, to be handed out before anything new.
    held: VecDeque<Heard>,
    /// Set by the first termination signal; a second one then ends the process at once.
    signalled: Arc<AtomicBool>,
    /// A line has been asked for and has not come yet.
    waiting: bool,
    /// Input has ended: nothing more is read.
    ended: bool,
}

impl Input {
    /// Listens to standard input and, on Unix, to SIGTERM, SIGHUP and SIGINT.
    pub fn start() -> Input {
        let (wanted, requests) = channel::<()>();
        let (tell, heard) = channel();
        let signalled = Arc::new(AtomicBool::new(false));
        listen_for_signals(tell.clone(), Arc::clone(&signalled));
        std::thread::spawn(move || read_lines(requests, tell));
        Input {
            wanted,
            heard,
            held: VecDeque::new(),
            signalled,
            waiting: false,
            ended: false,
        }
    }

    /// The next line, or whatever came first instead: the end of input or a signal.
    pub fn next(&mut self) -> Heard {
        if self.ended {
            return Heard::End;
        }
        if !self.waiting {
            self.waiting = self.wanted.send(()).is_ok();
        }
        let heard = match self.held.pop_front() {
            Some(heard) => heard,
            None => self.heard.recv().unwrap_or(Heard::End),
        };
        match &heard {
            Heard::Line(_) => self.waiting = false,
            Heard::End => self.ended = true,
            Heard::Signal(_) => {}
        }
        heard
    }

    /// Forgets the interrupts (SIGINT) that came while another program had the terminal:
    /// Ctrl-C typed in the user's editor was meant for the editor. Other signals still count.
    pub fn forget_interrupts(&mut self) {
        self.held.extend(self.heard.try_iter());
        self.held.retain(|heard| *heard != Heard::Signal("SIGINT"));
        if !self.held.iter().any(|heard| matches!(heard, Heard::Signal(_))) {
            self.signalled.store(false, Ordering::Relaxed);
        }
    }
}

fn read_lines(requests: Receiver<()>, tell: Sender<Heard>) {
    let stdin = std::io::stdin();
    for () in requests {
        let mut bytes = Vec::new();
        let read = stdin.lock().read_until(b'\n', &mut bytes);
        // A line without a line break was ended by the end of input (at a terminal, a
        // Ctrl-D after text): it is the last line.
        let last = !bytes.ends_with(b"\n");
        if matches!(read, Ok(n) if n > 0) {
            if bytes.ends_with(b"\n") {
                bytes.pop();
            }
            if bytes.ends_with(b"\r") {
                bytes.pop();
            }
            // Bytes that are not UTF-8 are shown as U+FFFD rather than ending the dialogue.
            let line = Heard::Line(String::from_utf8_lossy(&bytes).into_owned());
            if tell.send(line).is_err() {
                break;
            }
        }
        if last || read.is_err() {
            let _ = tell.send(Heard::End);
            break;
        }
    }
}

/// Termination signals become [`Heard::Signal`]. A second one while the first is being
/// handled ends the process at once, so a stuck save can still be interrupted.
#[cfg(unix)]
fn listen_for_signals(tell: Sender<Heard>, received: Arc<AtomicBool>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

    for signal in [SIGTERM, SIGHUP, SIGINT] {
        let _ = signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&received));
        let _ = signal_hook::flag::register(signal, Arc::clone(&received));
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let name = match signal {
                SIGTERM => "SIGTERM",
                SIGHUP => "SIGHUP",
                _ => "SIGINT",
            };
            if tell.send(Heard::Signal(name)).is_err() {
                break;
            }
        }
    });
}

#[cfg(not(unix))]
fn listen_for_signals(_tell: Sender<Heard>, _received: Arc<AtomicBool>) {}
