//! A program in a pseudo-terminal for the benchmarks: start it, type into it, and time
//! the output that comes back, with the screen read through a terminal emulator.
#![allow(dead_code)] // each benchmark uses a different part

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// Output is taken to be complete once the terminal has been silent this long.
pub const QUIET: Duration = Duration::from_millis(4);

pub struct Term {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    /// Each read from the terminal, stamped with when it arrived.
    output: Receiver<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    /// Just before the program was started.
    pub started: Instant,
}

impl Term {
    /// Starts `command` in a `cols`×`rows` terminal; none if no pseudo-terminal can be had.
    pub fn start(mut command: CommandBuilder, cols: u16, rows: u16) -> Option<Term> {
        // The same terminal type for every program, whatever this shell has.
        command.env("TERM", "xterm-256color");
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pty = native_pty_system().openpty(size).ok()?;
        let started = Instant::now();
        let child = pty.slave.spawn_command(command).ok()?;
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().ok()?;
        let writer = pty.master.take_writer().ok()?;
        let (sender, output) = channel();
        let master = pty.master;
        std::thread::spawn(move || {
            let _master = master; // the terminal stays open while it is read
            let mut buffer = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 || sender.send((Instant::now(), buffer[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        let parser = vt100::Parser::new(NonZeroU16::new(rows)?, NonZeroU16::new(cols)?, 0);
        Some(Term {
            child,
            writer,
            output,
            parser,
            started,
        })
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Takes output for up to `wait`; returns when the last of it arrived and its length.
    fn take(&mut self, wait: Duration) -> Option<(Instant, usize)> {
        match self.output.recv_timeout(wait) {
            Ok((at, bytes)) => {
                self.parser.process(&bytes);
                Some((at, bytes.len()))
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Waits up to `limit` for the screen to satisfy `done`; returns when the output
    /// that completed it arrived.
    pub fn wait_for(&mut self, limit: Duration, done: impl Fn(&vt100::Screen) -> bool) -> Option<Instant> {
        let deadline = Instant::now() + limit;
        loop {
            let (at, _) = self.take(deadline.saturating_duration_since(Instant::now()))?;
            if done(self.parser.screen()) {
                return Some(at);
            }
        }
    }

    /// Reads output until the terminal has been silent for `silence`; returns when the
    /// last byte came (none if nothing came) and how many bytes there were.
    pub fn settle(&mut self, silence: Duration) -> (Option<Instant>, usize) {
        let mut last = None;
        let mut bytes = 0;
        while let Some((at, n)) = self.take(silence) {
            last = Some(at);
            bytes += n;
        }
        (last, bytes)
    }

    pub fn send(&mut self, keys: &[u8]) {
        let _ = self.writer.write_all(keys);
        let _ = self.writer.flush();
    }

    /// Writes `keys` and returns the time from then to the last byte of the output they
    /// cause (the terminal then silent for [`QUIET`]); none if nothing came within a second.
    pub fn time_keys(&mut self, keys: &[u8]) -> Option<Duration> {
        let sent = Instant::now();
        self.send(keys);
        let (first, _) = self.take(Duration::from_secs(1))?;
        let last = self.settle(QUIET).0.unwrap_or(first);
        Some(last.duration_since(sent))
    }

    /// Output over `period` with nothing typed: bytes, and bursts (redraws) separated by silence.
    pub fn idle_output(&mut self, period: Duration) -> (usize, usize) {
        let end = Instant::now() + period;
        let (mut bytes, mut bursts) = (0, 0);
        let mut last: Option<Instant> = None;
        while let Some((at, n)) = self.take(end.saturating_duration_since(Instant::now())) {
            if last.is_none_or(|l| at.duration_since(l) > QUIET) {
                bursts += 1;
            }
            last = Some(at);
            bytes += n;
        }
        (bytes, bursts)
    }

    pub fn contents(&self) -> String {
        self.parser.screen().contents()
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// CPU time (user and system) a process has used so far, from `/proc/<pid>/stat`
/// (kernel clock ticks, 10 ms each); none where there is no such file.
pub fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in brackets and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// CPU time of all of a process's threads to the nanosecond, from `/proc/<pid>/task/*/schedstat`:
/// finer than [`cpu_time`], for figures well under a clock tick.
pub fn cpu_time_exact(pid: u32) -> Option<Duration> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let nanos = tasks
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Some(Duration::from_nanos(nanos))
}
