//! Merge speed: two copies of a response whose every answer is 20,000 words, each side
//! with scattered sentence edits, merged three-way against their ancestor (target: < 50 ms).
//! Run: `cargo bench --bench merge`.

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;

use consult::catalog::Catalog;
use consult::merge::{self, sentences};
use consult::model::Response;
use criterion::{Criterion, criterion_group, criterion_main};
use generate::Rng;

const WORDS: usize = 20_000;

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

fn bench(c: &mut Criterion) {
    let set = Catalog::built_in()
        .find("integrating-care")
        .cloned()
        .expect("the built-in set");
    let mut rng = Rng::new(12);
    let mut base = generate::response(&set, 3, &mut rng);
    for (i, answer) in base.answers.iter_mut().enumerate() {
        answer.answer = long_answer(&mut rng, i);
    }
    let mut group = c.benchmark_group("merge");
    group.sample_size(20);
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
        println!(
            "{name}: {} conflicts, {} words in the first answer",
            merged.conflicts.len(),
            merged.answers[0].answer.split_whitespace().count()
        );
        group.bench_function(name, |b| {
            b.iter(|| merge::merge(black_box(Some(&base)), black_box(&ours), black_box(&theirs), &set))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
