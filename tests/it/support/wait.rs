//! Waiting for something a test expects to happen: a line on the screen, a file's final
//! content, a process's exit. Never a fixed sleep: a wait returns as soon as the event
//! happens, and fails the test if it has not happened by the deadline.

use std::time::{Duration, Instant};

/// How long a test waits for an event before it fails. Generous, because CI's machine has
/// two cores and may be busy with other builds; it only bounds how long a failing test takes.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(10);

/// Polls `event` until it gives a value, and returns that value; panics with `failure()`
/// if it gives none within [`DEADLINE`].
pub fn until<T>(mut event: impl FnMut() -> Option<T>, failure: impl FnOnce() -> String) -> T {
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Some(value) = event() {
            return value;
        }
        if Instant::now() >= deadline {
            panic!("waited {DEADLINE:?}: {}", failure());
        }
        std::thread::sleep(POLL);
    }
}
