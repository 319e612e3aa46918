//! Saves run on their own thread, one after another in the order they were asked
//! for, so a slow disk never holds up typing and an older save never lands last.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use crate::drafts::{SaveJob, SaveOutcome, perform};

pub struct Saver {
    jobs: Option<Sender<SaveJob>>,
    results: Receiver<SaveOutcome>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the saving thread; `done` is called after each save, to wake whoever collects outcomes.
    pub fn start(done: impl Fn() + Send + 'static) -> Saver {
        let (jobs, inbox) = channel::<SaveJob>();
        let (outbox, results) = channel();
        let thread = std::thread::spawn(move || {
            for job in inbox {
                if outbox.send(perform(&job)).is_err() {
                    break;
                }
                done();
            }
        });
        Saver {
            jobs: Some(jobs),
            results,
            thread: Some(thread),
        }
    }

    pub fn send(&self, job: SaveJob) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }

    /// Outcomes that have arrived since the last call.
    pub fn finished(&self) -> Vec<SaveOutcome> {
        self.results.try_iter().collect()
    }

    /// Waits for every queued save to finish and returns their outcomes.
    pub fn finish(mut self) -> Vec<SaveOutcome> {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.results.try_iter().collect()
    }
}
