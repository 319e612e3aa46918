//! Termination signals become a normal quit: save, restore the terminal, exit.
//! Without this, SIGTERM or SIGHUP (the terminal window closed) would kill the
//! process without running any of that.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub struct Signals {
    received: Arc<AtomicBool>,
}

impl Signals {
    /// Listens for SIGTERM, SIGHUP and SIGINT. A second signal while shutting down
    /// ends the process at once, so a stuck save can still be interrupted.
    pub fn install() -> Signals {
        let received = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            let _ = signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&received));
            let _ = signal_hook::flag::register(signal, Arc::clone(&received));
        }
        Signals { received }
    }

    pub fn received(&self) -> bool {
        self.received.load(Ordering::Relaxed)
    }
}
