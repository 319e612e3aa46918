//! Saves run on their own thread, one after another in the order they were asked
//! for, so a slow disk never holds up typing and an older save never lands last.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use crate::app::SaveJob;
use crate::storage::{self, NewFileMode};

/// The outcome of one save: its generation and the error, if it failed.
pub type SaveResult = (u64, Option<String>);

pub struct Saver {
    jobs: Option<Sender<SaveJob>>,
    results: Receiver<SaveResult>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    pub fn start() -> Saver {
        let (jobs, inbox) = channel::<SaveJob>();
        let (outbox, results) = channel();
        let thread = std::thread::spawn(move || {
            for job in inbox {
                let result = storage::write_atomic(&job.path, &job.bytes, NewFileMode::Private);
                if outbox
                    .send((job.generation, result.err().map(|e| e.to_string())))
                    .is_err()
                {
                    break;
                }
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

    /// Results that have arrived since the last call.
    pub fn finished(&self) -> Vec<SaveResult> {
        self.results.try_iter().collect()
    }

    /// Waits for every queued save to finish and returns their results.
    pub fn finish(mut self) -> Vec<SaveResult> {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.results.try_iter().collect()
    }
}
