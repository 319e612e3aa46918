//! Terminal input on its own thread. crossterm's read spins without end once the
//! terminal is gone (a closed window reads as end-of-file), so it must never be the
//! loop that also watches for signals and saves. The thread can be paused, so that a
//! program the app hands the terminal to (the user's editor) gets every key.
//!
//! Idle, the thread sleeps in crossterm's read until a key comes: nothing wakes it on a
//! timer. To pause it, the app raises SIGWINCH in its own process, which crossterm turns
//! into a resize event, so the read returns and the thread sees that it is to pause.

use std::io;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};

use crossterm::event::{self, Event};

pub struct Input {
    paused: Arc<(Mutex<bool>, Condvar)>,
    parked: Receiver<()>,
}

impl Input {
    /// Starts reading; every event (or the error that ends reading) goes to `send`.
    pub fn start(send: impl Fn(io::Result<Event>) -> bool + Send + 'static) -> Input {
        // Opens crossterm's reader (and its resize listener) now, so that a pause asked for
        // before the thread first reads still wakes it.
        let _ = event::poll(std::time::Duration::ZERO);
        let paused = Arc::new((Mutex::new(false), Condvar::new()));
        let (parked_tx, parked) = channel();
        let flag = Arc::clone(&paused);
        std::thread::spawn(move || read_events(&flag, &parked_tx, send));
        Input { paused, parked }
    }

    /// Stops reading keys, and returns once the thread has stopped, so none is taken.
    pub fn pause(&self) {
        *self.paused.0.lock().unwrap_or_else(|e| e.into_inner()) = true;
        wake_reader();
        // The thread says so once it is waiting; if it has ended, nothing reads keys anyway.
        let _ = self.parked.recv();
    }

    pub fn resume(&self) {
        let (flag, wake) = &*self.paused;
        *flag.lock().unwrap_or_else(|e| e.into_inner()) = false;
        wake.notify_all();
    }
}

fn read_events(
    paused: &(Mutex<bool>, Condvar),
    parked: &Sender<()>,
    send: impl Fn(io::Result<Event>) -> bool,
) {
    loop {
        {
            let (flag, wake) = paused;
            let mut flag = flag.lock().unwrap_or_else(|e| e.into_inner());
            if *flag {
                let _ = parked.send(());
                while *flag {
                    flag = wake.wait(flag).unwrap_or_else(|e| e.into_inner());
                }
            }
        }
        let event = match next_event() {
            Ok(None) => continue,
            Ok(Some(event)) => Ok(event),
            Err(e) => Err(e),
        };
        let failed = event.is_err();
        if !send(event) || failed {
            break;
        }
    }
}

/// Waits for the next event as long as it takes; [`wake_reader`] ends the wait.
#[cfg(unix)]
fn next_event() -> io::Result<Option<Event>> {
    event::read().map(Some)
}

/// A resize event, from a SIGWINCH the process sends itself, ends a blocked read: the
/// screen is drawn again at the size it has, which changes nothing seen.
#[cfg(unix)]
fn wake_reader() {
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
}

/// Elsewhere crossterm's read cannot be woken, so the thread waits a while at a time and
/// looks again: how long an editor may wait to be handed the terminal.
#[cfg(not(unix))]
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_millis(300);

#[cfg(not(unix))]
fn next_event() -> io::Result<Option<Event>> {
    if event::poll(LOOK_EVERY)? {
        event::read().map(Some)
    } else {
        Ok(None)
    }
}

#[cfg(not(unix))]
fn wake_reader() {}
