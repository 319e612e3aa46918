//! Typing into a long answer, consult and vim side by side on the same text, in a 120×40
//! pseudo-terminal: one character at a time, each timed from the key written to the last
//! byte of the redraw it causes (the output then silent for 4 ms). Then each sits idle
//! for 10 s with the 20,000-word answer open: its CPU time and what it writes meanwhile.
//! Then the same in a joint draft of three members whose joint answer has 20,000 words,
//! with passages adopted before and after the place typed at.
//! Targets: p50 and p99 no more than vim's at every length, joint too, and p99 under
//! 2 ms at 20,000 words; idle, no redraw and under 0.1 ms of CPU in the 10 s, summed over
//! threads (the schedstat figure).
//!
//! Run: `cargo bench --bench typing` (vim is skipped if it is not installed).
//! `CONSULT_BIN=path/to/consult` times another build against the same text.

#[path = "support/generate.rs"]
mod generate;
#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::Duration;

use consult::catalog::Catalog;
use consult::model::Response;
use portable_pty::CommandBuilder;
use pty::Term;

const SIZES: [usize; 3] = [10, 2_000, 20_000];
const KEYS: usize = 400;
/// A fast typist's gap between keys; output that comes in it (a save landing) is not timed.
const GAP: Duration = Duration::from_millis(15);
const IDLE: Duration = Duration::from_secs(10);
const COLS: u16 = 120;
const ROWS: u16 = 40;
const TYPED: &str = "We would welcome further detail on how pooled budgets would be governed. ";

/// What one program did on one text.
struct Run {
    keys: Vec<Duration>,
    /// Keys that drew nothing within a second.
    missed: usize,
    idle: Option<Idle>,
}

struct Idle {
    cpu: Option<Duration>,
    exact: Option<Duration>,
    bytes: usize,
    redraws: usize,
}

/// Generated prose of exactly `words` words.
fn answer(words: usize) -> String {
    let text = generate::prose(&mut generate::Rng::new(15), words, true);
    let end = text.split_whitespace().take(words).last().map_or(0, |word| {
        word.as_ptr() as usize - text.as_ptr() as usize + word.len()
    });
    text[..end].to_string()
}

/// Types [`KEYS`] characters, then (if `idle`) sits idle for [`IDLE`] first.
fn measure(mut term: Term, idle: bool) -> Run {
    term.idle_output(Duration::from_millis(500)); // let start-up output pass
    let idle = idle.then(|| {
        let pid = term.pid();
        let before = pid.map(|p| (pty::cpu_time(p), pty::cpu_time_exact(p)));
        let (bytes, redraws) = term.idle_output(IDLE);
        let after = pid.map(|p| (pty::cpu_time(p), pty::cpu_time_exact(p)));
        let used = |a: Option<Duration>, b: Option<Duration>| Some(a?.saturating_sub(b?));
        let (cpu, exact) = match (before, after) {
            (Some(b), Some(a)) => (used(a.0, b.0), used(a.1, b.1)),
            _ => (None, None),
        };
        Idle {
            cpu,
            exact,
            bytes,
            redraws,
        }
    });
    let mut keys = Vec::new();
    let mut missed = 0;
    for c in TYPED.chars().cycle().take(KEYS) {
        match term.time_keys(c.encode_utf8(&mut [0; 4]).as_bytes()) {
            Some(took) => keys.push(took),
            None => missed += 1,
        }
        term.idle_output(GAP);
    }
    keys.sort();
    Run { keys, missed, idle }
}

fn consult(binary: &str, home: &Path, text: &str, idle: bool) -> Option<Run> {
    let catalog = Catalog::built_in();
    let set = catalog.find("integrating-care")?;
    let mut response = Response::new(set, "Bench organisation");
    response.answer_mut(set, "summary").answer = text.to_string();
    response.current_item = Some("summary".into());
    run_consult(binary, home, &response, text, idle)
}

/// A joint draft of three members, its answer on the item typed into `text`, with two of
/// its sentences adopted from members: one near the start, one halfway.
fn consult_joint(binary: &str, home: &Path, text: &str) -> Option<Run> {
    use consult::model::joint::{Field, Passage};
    let catalog = Catalog::built_in();
    let set = catalog.find("integrating-care")?;
    let members: Vec<(String, Response)> = (0..3)
        .map(|m| {
            let mut member = Response::new(set, &format!("Member {m}"));
            member.answer_mut(set, "summary").answer = format!("Member {m} agrees with pooled budgets.");
            let file = format!("member-{m}.json");
            std::fs::write(home.join(&file), consult::export::json::render(&member)).ok()?;
            Some((file, member))
        })
        .collect::<Option<_>>()?;
    let mut response =
        consult::joint::start(set, "Bench secretariat", &members, jiff::Timestamp::now()).ok()?;
    response.answer_mut(set, "summary").answer = text.to_string();
    response.current_item = Some("summary".into());
    let sentences: Vec<&str> = text.split_inclusive(". ").collect();
    let record = response.joint.as_mut()?.item_mut("summary");
    for (i, at) in [1, sentences.len() / 2].into_iter().enumerate() {
        record.passages.push(Passage {
            field: Field::Answer,
            text: sentences.get(at)?.trim().to_string(),
            members: vec![format!("Member {i}")],
            edited: false,
        });
    }
    run_consult(binary, home, &response, text, false)
}

/// Opens `response`, written to a file in `home`, and times typing at the end of `text`.
fn run_consult(binary: &str, home: &Path, response: &Response, text: &str, idle: bool) -> Option<Run> {
    let file = home.join("bench.json");
    std::fs::write(&file, consult::export::json::render(response)).ok()?;
    let mut command = CommandBuilder::new(binary);
    command.args(["edit", file.to_str()?]);
    command.env("CONSULT_DATA_DIR", home.join("data"));
    command.env("CONSULT_CONFIG_DIR", home.join("config"));
    command.cwd(home);
    let mut term = Term::start(command, COLS, ROWS)?;
    let words = format!("{}/300 words", text.split_whitespace().count());
    let shown = term.wait_for(Duration::from_secs(10), |s| {
        let contents = s.contents();
        contents.contains(&words) && contents.contains("F1 help")
    });
    if shown.is_none() {
        eprintln!("consult never showed the answer:\n{}", term.contents());
        return None;
    }
    Some(measure(term, idle))
}

fn vim(home: &Path, text: &str, idle: bool) -> Option<Run> {
    let file = home.join("answer.txt");
    std::fs::write(&file, format!("{text}\n")).ok()?;
    let mut command = CommandBuilder::new("vim");
    // -n: no swap file, so a killed run leaves nothing to ask about next time.
    command.args([
        "-u",
        "NONE",
        "-N",
        "-n",
        "-c",
        "set wrap linebreak",
        file.to_str()?,
    ]);
    command.cwd(home);
    let mut term = Term::start(command, COLS, ROWS)?;
    term.wait_for(Duration::from_secs(10), |s| s.contents().contains("answer.txt"))?;
    term.send(b"GA"); // type at the end of the text, as in consult
    term.wait_for(Duration::from_secs(10), |s| s.contents().contains("-- INSERT --"))?;
    Some(measure(term, idle))
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// The `p`th percentile of a run's keystrokes (nearest rank).
fn percentile(run: &Option<Run>, p: usize) -> Option<Duration> {
    let keys = &run.as_ref()?.keys;
    keys.get((keys.len() * p).div_ceil(100).checked_sub(1)?).copied()
}

/// `p50 / p99` in milliseconds.
fn percentiles(run: &Option<Run>) -> String {
    let (Some(p50), Some(p99)) = (percentile(run, 50), percentile(run, 99)) else {
        return "n/a".into();
    };
    let missed = run.as_ref().map_or(0, |r| r.missed);
    let missed = if missed > 0 {
        format!(" ({missed} keys drew nothing)")
    } else {
        String::new()
    };
    format!("{} / {}{missed}", ms(p50), ms(p99))
}

fn idle_line(name: &str, run: &Option<Run>) {
    let Some(idle) = run.as_ref().and_then(|r| r.idle.as_ref()) else {
        return println!("{name}: n/a");
    };
    let cpu = match (idle.cpu, idle.exact) {
        (Some(cpu), Some(exact)) => format!("{} ms ({} ms by schedstat)", cpu.as_millis(), ms(exact)),
        _ => "n/a".into(),
    };
    println!(
        "{name}: CPU {cpu}, {} redraws ({} bytes written)",
        idle.redraws, idle.bytes
    );
}

fn main() {
    let binary = std::env::var("CONSULT_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_consult").into());
    let has_vim = std::process::Command::new("vim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_vim {
        println!("vim is not installed: timing consult alone (apt-get install vim for the reference)");
    }
    println!("keystroke to screen, {COLS}×{ROWS}, {KEYS} keys at each length: p50 / p99 in ms");
    println!("consult: {binary}");
    println!("| answer length | consult p50 / p99 | vim p50 / p99 |");
    println!("| --- | --- | --- |");
    let mut longest = (None, None);
    let mut met = true;
    let mut compare = |ours: &Option<Run>, theirs: &Option<Run>| {
        for p in [50, 99] {
            let ours = percentile(ours, p);
            met &= ours.is_some() && ours <= percentile(theirs, p).or(ours);
        }
    };
    for words in SIZES {
        let home = tempfile::tempdir().expect("a temporary folder");
        let text = answer(words);
        let idle = words == SIZES[SIZES.len() - 1];
        let ours = consult(&binary, home.path(), &text, idle);
        let theirs = has_vim.then(|| vim(home.path(), &text, idle)).flatten();
        println!(
            "| {words} words | {} | {} |",
            percentiles(&ours),
            percentiles(&theirs)
        );
        compare(&ours, &theirs);
        longest = (ours, theirs);
    }
    let words = SIZES[SIZES.len() - 1];
    {
        let home = tempfile::tempdir().expect("a temporary folder");
        let text = answer(words);
        let ours = consult_joint(&binary, home.path(), &text);
        let theirs = has_vim.then(|| vim(home.path(), &text, false)).flatten();
        println!(
            "| joint draft, {words} words | {} | {} |",
            percentiles(&ours),
            percentiles(&theirs)
        );
        compare(&ours, &theirs);
    }
    let (ours, theirs) = longest;
    let under = percentile(&ours, 99).is_some_and(|p| p < Duration::from_millis(2));
    println!(
        "target, p50 and p99 no more than vim's at every length and p99 under 2 ms at {words} words: {}",
        if met && under { "met" } else { "not met" }
    );
    println!("idle {} s with the {words}-word answer open:", IDLE.as_secs());
    idle_line("consult", &ours);
    if has_vim {
        idle_line("vim", &theirs);
    }
}
