//! Terminal input on its own thread. crossterm's read spins without end once the
//! terminal is gone (a closed window reads as end-of-file), so it must never be the
//! loop that also watches for signals and saves. The thread can be paused, so that a
//! program the app hands the terminal to (the user's editor) gets every key.

use std::io;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crossterm::event::{self, Event};

/// How long the thread waits for a key before looking whether it should pause: the
/// longest an editor waits to be handed the terminal. Idle, it wakes this often and
/// goes back to waiting, which costs microseconds and draws nothing.
const LOOK_EVERY: Duration = Duration::from_millis(300);

pub struct Input {
    paused: Arc<(Mutex<bool>, Condvar)>,
    parked: Receiver<()>,
}

impl Input {
    /// Starts reading; every event (or the error that ends reading) goes to `send`.
    pub fn start(send: impl Fn(io::Result<Event>) -> bool + Send + 'static) -> Input {
        let paused = Arc::new((Mutex::new(false), Condvar::new()));
        let (parked_tx, parked) = channel();
        let flag = Arc::clone(&paused);
        std::thread::spawn(move || read_events(&flag, &parked_tx, send));
        Input { paused, parked }
    }

    /// Stops reading keys, and returns once the thread has stopped, so none is taken.
    pub fn pause(&self) {
        *self.paused.0.lock().unwrap_or_else(|e| e.into_inner()) = true;
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
        let event = match event::poll(LOOK_EVERY) {
            Ok(false) => continue,
            Ok(true) => event::read(),
            Err(e) => Err(e),
        };
        let failed = event.is_err();
        if !send(event) || failed {
            break;
        }
    }
}
