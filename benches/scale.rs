//! Cost against the number of items: a question set of 5,000, 20,000 and 100,000 items and a
//! response answering every one, through validate, every export, merge and diff (target:
//! each under 5 s at 100,000 items, and growing in step with the items). After the
//! measurements it prints each one's growth factor from 5,000 to 100,000 items (20 times the
//! items: linear is about 20).
//!
//! Run: `cargo bench --bench scale`. `CONSULT_SCALE_FILES=DIR cargo bench --bench scale`
//! writes the sets and responses to DIR instead (`set-N.json`, `ours-N.json`,
//! `theirs-N.json`), for timing the release binary and measuring its memory with
//! `/usr/bin/time -v`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use consult::catalog::Catalog;
use consult::export::{self, Options};
use consult::model::question_set::Section;
use consult::model::response::Answer;
use consult::model::{Item, QuestionSet, Response};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const SIZES: [usize; 3] = [5_000, 20_000, 100_000];
const PER_SECTION: usize = 100;

/// The built-in set's scales, with `items` items in sections of a hundred, every other item
/// on the agreement scale.
fn set_of(items: usize) -> QuestionSet {
    let mut set = Catalog::built_in()
        .find("integrating-care")
        .cloned()
        .expect("the built-in set");
    set.id = format!("scale-{items}");
    set.title = format!("A consultation of {items} items");
    let scale = set.scales[0].id.clone();
    set.sections = (0..items.div_ceil(PER_SECTION))
        .map(|s| Section {
            id: format!("s{s}"),
            title: format!("Part {s}"),
            items: (s * PER_SECTION..((s + 1) * PER_SECTION).min(items))
                .map(|n| Item {
                    id: format!("q{n}"),
                    label: format!("Question {}", n + 1),
                    short_title: None,
                    prompt: format!("Do you agree with proposal {n} for the area's services?"),
                    context: None,
                    scale: (n % 2 == 0).then(|| scale.clone()),
                    word_limit: Some(300),
                    char_limit: None,
                })
                .collect(),
            source: None,
            intro: None,
        })
        .collect();
    set
}

/// A response answering every item of `set` in a few sentences; `side` changes every
/// seventh answer, so a merge and a diff have work to do.
fn response_to(set: &QuestionSet, side: &str) -> Response {
    let mut response = Response::new(set, "Scale Test Council");
    let options = &set.scales[0].options;
    response.answers = set
        .items()
        .enumerate()
        .map(|(n, item)| Answer {
            item: item.id.clone(),
            position: item.scale.as_ref().map(|_| options[n % options.len()].id.clone()),
            answer: format!(
                "We support proposal {n} with conditions. The council would want a say in its design. {}",
                if n % 7 == 0 { side } else { "Funding must follow." }
            ),
            reasoning: format!("Members agreed this at meeting {n}."),
            ..Answer::default()
        })
        .collect();
    response
}

/// What `consult validate` does with a response's text.
fn validate(text: &str, catalog: &Catalog, set: &QuestionSet) -> usize {
    let opened = consult::documents::response_from_text(text, catalog, Some(set)).expect("valid");
    export::limits::check(&opened.response, &opened.set).len()
}

fn write_files(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).unwrap();
    for items in SIZES {
        let set = set_of(items);
        let ours = response_to(&set, "We changed this.");
        let theirs = response_to(&set, "They changed this.");
        std::fs::write(
            dir.join(format!("set-{items}.json")),
            serde_json::to_string_pretty(&set).unwrap(),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("ours-{items}.json")),
            export::json::render(&ours),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("theirs-{items}.json")),
            export::json::render(&theirs),
        )
        .unwrap();
    }
}

/// One timed run of `job`, for the growth factors.
fn once<T>(job: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    black_box(job());
    start.elapsed()
}

fn bench(c: &mut Criterion) {
    if let Some(dir) = std::env::var_os("CONSULT_SCALE_FILES") {
        write_files(std::path::Path::new(&dir));
        return;
    }
    let mut growth: Vec<(String, Vec<Duration>)> = Vec::new();
    let mut record = |name: String, took: Duration| match growth.iter_mut().find(|(n, _)| *n == name) {
        Some((_, times)) => times.push(took),
        None => growth.push((name, vec![took])),
    };
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_millis(500));
    for items in SIZES {
        let set = set_of(items);
        let catalog = Catalog {
            entries: vec![consult::catalog::Entry {
                set: set.clone(),
                origin: consult::catalog::Origin::BuiltIn,
            }],
            problems: Vec::new(),
        };
        let ours = response_to(&set, "We changed this.");
        let theirs = response_to(&set, "They changed this.");
        let base = response_to(&set, "Funding must follow.");
        let text = export::json::render(&ours);

        record("validate".into(), once(|| validate(&text, &catalog, &set)));
        group.bench_with_input(BenchmarkId::new("validate", items), &items, |b, _| {
            b.iter(|| validate(black_box(&text), &catalog, &set))
        });
        for format in export::FORMATS.iter().map(|f| f.format) {
            let name = format!("export {}", format.name());
            let options = Options::default();
            record(
                name.clone(),
                once(|| export::render(format, &ours, &set, &options)),
            );
            group.bench_with_input(BenchmarkId::new(name, items), &items, |b, _| {
                b.iter(|| export::render(format, black_box(&ours), &set, &options))
            });
        }
        record(
            "merge".into(),
            once(|| consult::merge::merge(Some(&base), &ours, &theirs, &set)),
        );
        group.bench_with_input(BenchmarkId::new("merge", items), &items, |b, _| {
            b.iter(|| consult::merge::merge(Some(black_box(&base)), &ours, &theirs, &set))
        });
        record(
            "diff".into(),
            once(|| consult::merge::diff::difference(&ours, &theirs, &set, ("ours", "theirs"))),
        );
        group.bench_with_input(BenchmarkId::new("diff", items), &items, |b, _| {
            b.iter(|| consult::merge::diff::difference(black_box(&ours), &theirs, &set, ("ours", "theirs")))
        });
    }
    group.finish();
    println!("\ngrowth from 5,000 to 100,000 items (20 times the items; linear is about 20):");
    for (name, times) in &growth {
        let (first, last) = (times[0].as_secs_f64(), times[times.len() - 1].as_secs_f64());
        println!(
            "  {name:16} {:>8.3} s at 5,000  {:>8.3} s at 100,000  x{:.1}",
            first,
            last,
            last / first.max(1e-9)
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
