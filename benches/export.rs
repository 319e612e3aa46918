//! Exporting the built-in set with a 20,000-word answer on every item, in each format.
//! Target: under 50 ms per format. Run: `cargo bench --bench export`.

use std::hint::black_box;

use consult::catalog::Catalog;
use consult::export::{self, Options};
use consult::model::Response;
use criterion::{Criterion, criterion_group, criterion_main};

/// About 20,000 words in paragraphs as a long answer has them: each opens with a point in
/// bold and has a word in italics, every third is followed by a list with a nested item, and
/// there is some non-ASCII text throughout.
fn long_answer() -> String {
    let sentence =
        "Integrated care systems need councils as equal partners, with budgets pooled at place – ŵ, 東京. ";
    let words_per_sentence = sentence.split_whitespace().count();
    let mut text = String::new();
    for i in 0..(20_000 / words_per_sentence) {
        match i % 12 {
            0 => text.push_str("**A point to make.** "),
            6 => text.push_str("This matters *now*. "),
            _ => {}
        }
        text.push_str(sentence);
        if i % 12 == 11 {
            text.push_str("\n\n");
            if i % 36 == 35 {
                text.push_str("- a duty to collaborate;\n  - with a *budget*;\n- and a first step.\n\n");
            }
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let set = Catalog::built_in().find("integrating-care").unwrap().clone();
    let mut response = Response::new(&set, "Bench organisation");
    let answer = long_answer();
    for item in set.items() {
        response.answer_mut(&set, &item.id).answer = answer.clone();
    }
    let options = Options::default();
    let mut group = c.benchmark_group("export, 14 items of 20,000 words");
    group.sample_size(20);
    for format in export::FORMATS.iter().map(|f| f.format) {
        group.bench_function(format.name(), |b| {
            b.iter(|| export::render(format, black_box(&response), &set, &options))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
