//! From launch to the first complete screen, in a pseudo-terminal, for `consult`
//! on the built-in set and for `vim -u NONE` as the reference. Target: under 50 ms.
//! Run: `cargo bench --bench startup` (vim is skipped if it is not installed).

#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::Duration;

use portable_pty::CommandBuilder;
use pty::Term;

const RUNS: usize = 30;

/// Launches `command` and returns the time until the screen satisfies `complete`.
fn time_to_screen(command: CommandBuilder, complete: fn(&vt100::Screen) -> bool) -> Option<Duration> {
    let mut term = Term::start(command, 80, 24)?;
    let at = term.wait_for(Duration::from_secs(10), complete)?;
    Some(at.duration_since(term.started))
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn report(name: &str, times: Vec<Duration>) {
    if times.is_empty() {
        println!("{name}: never showed a complete screen");
        return;
    }
    let min = *times.iter().min().unwrap();
    let max = *times.iter().max().unwrap();
    let runs = times.len();
    println!(
        "{name}: median {:.1} ms (min {:.1}, max {:.1}, {runs} runs)",
        median(times).as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3
    );
}

fn main() {
    let home = std::env::temp_dir().join(format!("consult-startup-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let file = home.join("note.txt");
    std::fs::write(&file, "hello\n").unwrap();

    let consult = (0..RUNS)
        .filter_map(|_| {
            let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_consult"));
            command.env("CONSULT_DATA_DIR", home.join("data"));
            command.env("CONSULT_CONFIG_DIR", home.join("config"));
            command.cwd(&home);
            // The footer is the last row drawn: once it is there, the frame is complete.
            time_to_screen(command, |screen| screen.contents().contains("F1 help"))
        })
        .collect();
    report("consult (built-in set, first start)", consult);

    if Path::new("/usr/bin/vim").exists() {
        let vim = (0..RUNS)
            .filter_map(|_| {
                let mut command = CommandBuilder::new("vim");
                // -n: no swap file, so a killed run leaves nothing to ask about next time.
                command.args(["-u", "NONE", "-N", "-n", file.to_str().unwrap()]);
                command.cwd(&home);
                // vim writes the file message first, then the buffer top to bottom: the
                // screen is complete once the last `~` line (row 23) is there too.
                time_to_screen(command, |screen| {
                    let contents = screen.contents();
                    contents.contains("1L, 6B")
                        && contents.lines().nth(22).is_some_and(|l| l.starts_with('~'))
                })
            })
            .collect();
        report("vim -u NONE (reference)", vim);
    }
    let _ = std::fs::remove_dir_all(&home);
}
