//! Termination signals become a normal quit: save, restore the terminal, exit.
//! Without this, SIGTERM or SIGHUP (the terminal window closed) would kill the
//! process without running any of that.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub struct Signals {
    received: Arc<AtomicBool>,
}

impl Signals {
    /// Listens for SIGTERM, SIGHUP and SIGINT, calling `wake` on each so that an event
    /// loop asleep until its next deadline acts at once. A second signal while shutting
    /// down ends the process at once, so a stuck save can still be interrupted.
    pub fn install(wake: impl Fn() + Send + 'static) -> Signals {
        let received = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        {
            let signals = [
                signal_hook::consts::SIGTERM,
                signal_hook::consts::SIGHUP,
                signal_hook::consts::SIGINT,
            ];
            for signal in signals {
                let _ = signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&received));
                let _ = signal_hook::flag::register(signal, Arc::clone(&received));
            }
            if let Ok(mut arrivals) = signal_hook::iterator::Signals::new(signals) {
                std::thread::spawn(move || arrivals.forever().for_each(|_| wake()));
            }
        }
        #[cfg(not(unix))]
        drop(wake);
        Signals { received }
    }

    pub fn received(&self) -> bool {
        self.received.load(Ordering::Relaxed)
    }
}
