//! From launch to the first complete screen, in an 80×24 pseudo-terminal, for `consult` and
//! for `vim -u NONE` as the reference, run in turn (consult, vim, consult, …) so both see the
//! same load. Three cases: the first start on the built-in set (target: under 50 ms), and
//! `consult edit` of a 1.9 MB response and of a 200-member joint draft (3.0 MB), each against
//! vim opening the same file (target: within 1.5× vim's time).
//! Run: `cargo bench --bench startup` (vim is skipped if it is not installed);
//! `CONSULT_BIN=path/to/consult` times another build.

#[path = "support/generate.rs"]
mod generate;
#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::Duration;

use consult::catalog::Catalog;
use portable_pty::CommandBuilder;
use pty::Term;

const RUNS: usize = 30;

/// Launches `command` and returns the time until the screen satisfies `complete`.
fn time_to_screen(command: CommandBuilder, complete: &dyn Fn(&vt100::Screen) -> bool) -> Option<Duration> {
    let mut term = Term::start(command, 80, 24)?;
    let at = term.wait_for(Duration::from_secs(10), complete)?;
    Some(at.duration_since(term.started))
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Prints the median, min and max of `times`; returns the median.
fn report(name: &str, mut times: Vec<Duration>) -> Option<Duration> {
    if times.is_empty() {
        println!("{name}: never showed a complete screen");
        return None;
    }
    let mid = median(&mut times);
    let ms = |d: &Duration| d.as_secs_f64() * 1e3;
    println!(
        "{name}: median {:.1} ms (min {:.1}, max {:.1}, {} runs)",
        ms(&mid),
        ms(&times[0]),
        ms(&times[times.len() - 1]),
        times.len()
    );
    Some(mid)
}

/// `consult` (this build, or `CONSULT_BIN`) with its own data and config folders under
/// `home`, run there.
fn consult(home: &Path, args: &[&str]) -> CommandBuilder {
    let binary = std::env::var("CONSULT_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_consult").into());
    let mut command = CommandBuilder::new(binary);
    command.args(args);
    command.env("CONSULT_DATA_DIR", home.join("data"));
    command.env("CONSULT_CONFIG_DIR", home.join("config"));
    command.cwd(home);
    command
}

/// Whether consult's screen is whole: the footer is the last row drawn.
fn consult_drawn(screen: &vt100::Screen) -> bool {
    screen.contents().contains("F1 help")
}

/// `vim -u NONE` on `file`, and whether its screen is whole: vim writes the file message
/// (`"name" 12L, 3456B`) first, then the buffer top to bottom, so once the message and the
/// last text row (row 23, `~` past the end of a short file) are there, the frame is complete.
fn vim(home: &Path, file: &Path) -> (CommandBuilder, impl Fn(&vt100::Screen) -> bool) {
    let mut command = CommandBuilder::new("vim");
    // -n: no swap file, so a killed run leaves nothing to ask about next time.
    command.args(["-u", "NONE", "-N", "-n", file.to_str().unwrap()]);
    command.cwd(home);
    let size = std::fs::metadata(file).unwrap().len();
    let message = format!("{size}B");
    let drawn = move |screen: &vt100::Screen| {
        // Row by row: `contents` joins a wrapped line's rows into one.
        screen.contents().contains(&message)
            && screen.rows(0, 80).nth(22).is_some_and(|l| !l.trim().is_empty())
    };
    (command, drawn)
}

/// Times consult (`args`) and vim on `file` in turn, `RUNS` times each, and says how far
/// consult's median is from vim's.
fn side_by_side(name: &str, home: &Path, args: &[&str], file: &Path) {
    let with_vim = Path::new("/usr/bin/vim").exists();
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        ours.extend(time_to_screen(consult(home, args), &consult_drawn));
        if with_vim {
            let (command, drawn) = vim(home, file);
            theirs.extend(time_to_screen(command, &drawn));
        }
    }
    let size = std::fs::metadata(file).map_or(0, |m| m.len()) as f64 / 1e6;
    let consult = report(&format!("consult: {name} ({size:.1} MB)"), ours);
    if !with_vim {
        return;
    }
    let vim = report("vim -u NONE on the same file (reference)", theirs);
    if let (Some(consult), Some(vim)) = (consult, vim) {
        println!(
            "  consult takes {:.2}× vim's time (target: 1.5× at most)\n",
            consult.as_secs_f64() / vim.as_secs_f64()
        );
    }
}

fn main() {
    let home = std::env::temp_dir().join(format!("consult-startup-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let note = home.join("note.txt");
    std::fs::write(&note, "hello\n").unwrap();
    side_by_side("built-in set, first start", &home, &[], &note);

    let set = Catalog::built_in()
        .find("integrating-care")
        .cloned()
        .expect("the built-in set");
    let mut rng = generate::Rng::new(24);
    let large = home.join("large.json");
    let response = generate::long_response(&set, 1_900_000, &mut rng);
    std::fs::write(&large, consult::export::json::render(&response)).unwrap();
    side_by_side("edit a large response", &home, &["edit", "large.json"], &large);

    let joint = generate::write_joint(&home.join("joint"), &set, 200);
    side_by_side(
        "edit a joint draft of 200 members",
        &home,
        &["edit", joint.to_str().unwrap()],
        &joint,
    );
    let _ = std::fs::remove_dir_all(&home);
}
