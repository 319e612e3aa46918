//! The kill soak: consult is killed (SIGKILL) at random moments while someone types
//! without pause, some of them in the middle of a save. After every kill the draft
//! file must parse and hold everything typed more than two seconds before the kill.
//!
//! Long: run it with `cargo test --release --test soak -- --ignored --nocapture`
//! (`CONSULT_SOAK_KILLS` sets the number of kills, 200 by default).
#![cfg(unix)]

use crate::support;

use std::time::{Duration, Instant};

use support::files::only_draft;
use support::pty::Session;

/// A small, dependency-free random source: the soak needs variety, not cryptography.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low)
    }
}

#[test]
#[ignore = "takes about ten minutes; see the module comment"]
fn killed_at_random_moments_while_typing_it_keeps_all_but_the_last_two_seconds() {
    let kills: usize = std::env::var("CONSULT_SOAK_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let mut random = Lcg(std::process::id() as u64 ^ 0x5eed);
    let words = [
        "integrated",
        "care",
        "councils",
        "partners",
        "place",
        "budgets",
        "Môn",
        "ŵ",
        "東京",
        "scrutiny",
    ];
    let mut worst_loss = Duration::ZERO;
    for round in 0..kills {
        let home = tempfile::tempdir().unwrap();
        let mut app = Session::start(home.path(), &[]);
        app.start_response("Soak");

        // Type without pause for a random while, remembering when each character went out.
        let typing_for = Duration::from_millis(random.between(300, 4500));
        let mut typed = String::new();
        let mut history: Vec<(Instant, usize)> = Vec::new();
        let start = Instant::now();
        while start.elapsed() < typing_for {
            let word = words[random.between(0, words.len() as u64) as usize];
            for c in format!("{word} ").chars() {
                app.send(c.encode_utf8(&mut [0; 4]));
                typed.push(c);
                history.push((Instant::now(), typed.len()));
            }
        }
        app.signal("KILL");
        let killed_at = Instant::now();
        assert!(
            !app.wait_exit(),
            "round {round}: consult exited by itself before the kill:\n{}",
            app.contents()
        );

        // A kill in the middle of a save leaves its temporary file beside the draft.
        let text = std::fs::read_to_string(only_draft(home.path())).unwrap();
        let response = consult::parse::response(&text).unwrap_or_else(|p| {
            panic!(
                "round {round}: the draft does not parse after a kill: {}",
                p.message
            )
        });
        let saved = response
            .answer("summary")
            .map_or("", |a| a.answer.as_str())
            .to_string();
        assert!(
            typed.starts_with(&saved),
            "round {round}: the draft holds text that was never typed"
        );
        let must_have = history
            .iter()
            .rev()
            .find(|(at, _)| killed_at.duration_since(*at) > Duration::from_secs(2))
            .map_or(0, |(_, len)| *len);
        assert!(
            saved.len() >= must_have,
            "round {round}: lost text typed more than two seconds before the kill ({} of {must_have} bytes kept)",
            saved.len()
        );
        if let Some((at, _)) = history.iter().find(|(_, len)| *len > saved.len()) {
            worst_loss = worst_loss.max(killed_at.duration_since(*at));
        }
    }
    println!("{kills} kills: every draft parsed; the most typing lost was {worst_loss:?} (limit 2 s)");
}
