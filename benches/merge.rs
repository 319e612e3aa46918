//! Merge speed against `git merge-file`: two copies of a response whose every answer is
//! 20,000 words, each side with scattered sentence edits, merged three-way against their
//! ancestor, in rounds that time consult and git in turn on the same texts (git gets each
//! copy's answers one after another in one file, so it starts once a round).
//! Target: consult's median within 2× git's.
//! Run: `cargo bench --bench merge` (consult is timed alone if git is not installed).

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use consult::catalog::Catalog;
use consult::merge::{self, sentences};
use consult::model::Response;
use generate::Rng;

const WORDS: usize = 20_000;
const ROUNDS: usize = 21;

/// About `WORDS` words of distinct sentences, in paragraphs of five.
fn long_answer(rng: &mut Rng, item: usize) -> String {
    const OPENINGS: &[&str] = &[
        "Councils and the NHS must plan together",
        "Local accountability matters to the people we serve",
        "Funding for social care has fallen behind demand",
        "Workforce planning should be shared across the system",
        "Prevention saves money over the life of a plan",
    ];
    let mut text = String::new();
    let mut words = 0;
    let mut n = 0;
    while words < WORDS {
        let sentence = format!(
            "{} in area {item}-{n}, and we would say so again.",
            rng.pick(OPENINGS)
        );
        words += sentence.split_whitespace().count();
        text.push_str(&sentence);
        n += 1;
        text.push_str(if n % 5 == 0 { "\n\n" } else { " " });
    }
    text.trim_end().to_string()
}

/// `response` with `edits` sentences of every answer rewritten, at places `rng` picks.
fn edited(response: &Response, rng: &mut Rng, edits: usize, side: &str) -> Response {
    let mut out = response.clone();
    for answer in &mut out.answers {
        let mut pieces: Vec<String> = sentences::pieces(&answer.answer)
            .into_iter()
            .map(String::from)
            .collect();
        for e in 0..edits {
            let at = rng.below(pieces.len());
            if !sentences::is_gap(&pieces[at]) {
                pieces[at] = format!("{side} rewrote this sentence, edit {e}.");
            }
        }
        answer.answer = pieces.concat();
    }
    out
}

/// Every answer of `response`, one after another, as git is given them.
fn answers_file(dir: &Path, name: &str, response: &Response) -> std::path::PathBuf {
    let path = dir.join(name);
    let texts: Vec<&str> = response.answers.iter().map(|a| a.answer.as_str()).collect();
    std::fs::write(&path, texts.join("\n\n") + "\n").expect("a temporary file");
    path
}

/// One `git merge-file` of the three files, its output thrown away; `None` without git.
fn git_merge(files: &[std::path::PathBuf; 3]) -> Option<Duration> {
    let [base, ours, theirs] = files;
    let start = Instant::now();
    let status = Command::new("git")
        .args(["merge-file", "-p", "--quiet"])
        .args([ours, base, theirs])
        .stdout(Stdio::null())
        .status()
        .ok()?;
    // The exit code is the number of conflicts; a negative one (a signal) is a failure.
    status.code().filter(|c| *c >= 0)?;
    Some(start.elapsed())
}

fn median(mut times: Vec<Duration>) -> Option<Duration> {
    times.sort();
    times.get(times.len() / 2).copied()
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("n/a".into(), |d| format!("{:.1}", d.as_secs_f64() * 1e3))
}

fn main() {
    let set = Catalog::built_in()
        .find("integrating-care")
        .cloned()
        .expect("the built-in set");
    let mut rng = Rng::new(12);
    let mut base = generate::response(&set, 3, &mut rng);
    for (i, answer) in base.answers.iter_mut().enumerate() {
        answer.answer = long_answer(&mut rng, i);
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!("median of {ROUNDS} rounds, consult and git in turn, in ms");
    println!("| case | consult | git merge-file | consult / git |");
    println!("| --- | --- | --- | --- |");
    let mut met = true;
    for (edits, name) in [
        (100, "14 answers of 20,000 words, 100 edits a side in each answer"),
        (
            7,
            "14 answers of 20,000 words, 100 edits a side in all (7 an answer)",
        ),
    ] {
        let ours = edited(&base, &mut rng, edits, "We");
        let theirs = edited(&base, &mut rng, edits, "They");
        let merged = merge::merge(Some(&base), &ours, &theirs, &set);
        let conflicts = merged.conflicts.len();
        let files = [("base", &base), ("ours", &ours), ("theirs", &theirs)]
            .map(|(file, response)| answers_file(dir.path(), file, response));
        let (mut consult, mut git) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            let start = Instant::now();
            black_box(merge::merge(
                black_box(Some(&base)),
                black_box(&ours),
                black_box(&theirs),
                &set,
            ));
            consult.push(start.elapsed());
            git.extend(git_merge(&files));
        }
        let (consult, git) = (median(consult), median(git));
        let ratio = consult.zip(git).map(|(c, g)| c.as_secs_f64() / g.as_secs_f64());
        met &= ratio.is_none_or(|r| r <= 2.0);
        println!(
            "| {name} ({conflicts} conflicts) | {} | {} | {} |",
            ms(consult),
            ms(git),
            ratio.map_or("n/a".into(), |r| format!("{r:.2}×"))
        );
    }
    println!(
        "target, within 2× git merge-file: {}",
        if met { "met" } else { "not met" }
    );
}
