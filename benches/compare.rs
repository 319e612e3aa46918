//! Comparison speed on generated responses (see `benches/support/generate.rs`):
//! loading and comparing 500 files of about 40 KB each, writing the JSON, each document
//! as `consult compare --format` makes it (one pass over the files), and the word counter
//! against the reference. The 10,000-file run against `jq` is `benches/compare_vs_jq.sh`;
//! every format's time and peak memory at 1,000 to 20,000 files is
//! `benches/compare_formats.sh`. Run: `cargo bench --bench compare`.

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::path::PathBuf;

use consult::catalog::Catalog;
use consult::compare::{self, Format, load::count_words};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const FILES: usize = 500;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bytes = generate::write_responses(dir.path(), FILES, 7).expect("generated responses");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("listing")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let catalog = Catalog::built_in();

    let mut group = c.benchmark_group("compare");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    group.bench_function("load 500 responses", |b| {
        b.iter(|| compare::load(black_box(files.clone()), &catalog, None, true, &|| {}).expect("loads"))
    });
    let comparison = compare::load(files.clone(), &catalog, None, true, &|| {}).expect("loads");
    group.bench_function("write JSON for 500", |b| {
        b.iter(|| compare::render(Format::Json, black_box(&comparison), None))
    });
    // What `consult compare --format F` does: one pass over the files, then the document.
    // The CSV holds every answer, so it is the JSON's peer for time (the target: within 1.5x).
    for format in [Format::Json, Format::Csv, Format::Markdown] {
        group.bench_function(
            format!("{} document for 500, read and written", format.label()),
            |b| {
                b.iter(|| {
                    let (comparison, fragments) = compare::load_document(
                        format,
                        false,
                        black_box(files.clone()),
                        &catalog,
                        None,
                        &|| {},
                    )
                    .expect("a temporary file")
                    .expect("loads");
                    compare::write(format, &comparison, fragments.as_ref(), &mut std::io::sink())
                        .expect("written")
                })
            },
        );
    }
    group.finish();

    let text = std::fs::read_to_string(&files[0]).expect("a response");
    let mut words = c.benchmark_group("word count");
    words.throughput(Throughput::Bytes(text.len() as u64));
    words.bench_function("count_words", |b| b.iter(|| count_words(black_box(&text))));
    words.bench_function("split_whitespace (reference)", |b| {
        b.iter(|| consult::text::word_count(black_box(&text)))
    });
    words.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
