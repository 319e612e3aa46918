//! Import speed and memory: a member's document of 100,000 words (Markdown: a heading per
//! question and element, numbered lists, bold lead-ins, paragraphs placed by their words)
//! read, placed and made a response, with positions inferred (target: < 200 ms, and a peak
//! of < 50 MB allocated while doing it). Run: `cargo bench --bench import`; the peak is
//! printed before criterion's timings.

#[path = "support/generate.rs"]
mod generate;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use consult::catalog::Catalog;
use consult::import::{self, SourceFile};
use criterion::{Criterion, criterion_group, criterion_main};
use generate::Rng;

/// The system allocator, counting the bytes in use and the most ever in use.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const WORDS: usize = 100_000;

/// About `WORDS` words shaped as members write: each item's heading, a stance, its
/// paragraphs, a numbered list; between them, introductions under no marker.
fn document(rng: &mut Rng) -> String {
    const LEADS: &[&str] = &[
        "**Statutory ICSs** ",
        "**Aligned boundaries** ",
        "**Parity of esteem** ",
        "",
    ];
    const STANCES: &[&str] = &[
        "We agree.",
        "Partly agree.",
        "We do not support this.",
        "We support it in principle, but",
    ];
    let headings = [
        "Question 1",
        "Question 2",
        "Question 3",
        "Question 4",
        "Element 1",
        "Element 2",
        "Element 3",
        "Element 4",
        "Element 5",
        "Element 6",
        "Element 7",
        "Element 8",
        "Our background",
        "Further comments",
    ];
    let mut text = String::from("# Response of the Benchmark Health Partnership\n\n");
    let mut words = 0;
    let mut section = 0;
    while words < WORDS {
        text.push_str(&format!("## {}\n\n", headings[section % headings.len()]));
        text.push_str(rng.pick(STANCES));
        text.push(' ');
        for paragraph in 0..8 {
            if paragraph == 4 {
                for n in 1..=3 {
                    let entry = generate::prose(rng, 20, false);
                    words += 20;
                    text.push_str(&format!("{n}. {entry}\n"));
                }
                text.push('\n');
            }
            let prose = generate::prose(rng, 60, paragraph == 0);
            words += 60;
            text.push_str(rng.pick(LEADS));
            text.push_str(&prose);
            text.push_str("\n\n");
        }
        section += 1;
    }
    text
}

fn import_bench(c: &mut Criterion) {
    let catalog = Catalog::built_in();
    let set = catalog.find("integrating-care").expect("a built-in set").clone();
    let bytes = document(&mut Rng::new(22)).into_bytes();
    let run = || {
        let document = import::read::read("reply.md", &bytes).expect("the document reads");
        let source = SourceFile {
            name: "reply.md".into(),
            digest: consult::model::sha256(&bytes),
        };
        import::import(&document, &set, source, "Benchmark", jiff::Timestamp::UNIX_EPOCH)
    };

    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let imported = run();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    println!(
        "import of {} words ({} KiB, {} passages): peak allocated {:.1} MB (target < 50 MB)",
        bytes
            .split(|b| b.is_ascii_whitespace())
            .filter(|w| !w.is_empty())
            .count(),
        bytes.len() / 1024,
        imported.response.source.as_ref().map_or(0, |s| s.passages.len()),
        peak as f64 / 1_000_000.0
    );
    drop(imported);
    // Where the time goes, once: reading, placing, and the whole import.
    let started = std::time::Instant::now();
    let document = import::read::read("reply.md", &bytes).expect("the document reads");
    let read = started.elapsed();
    let started = std::time::Instant::now();
    black_box(import::place::place(&document, &set));
    let placed = started.elapsed();
    let started = std::time::Instant::now();
    black_box(run());
    println!(
        "one run: read {read:?}, place {placed:?}, read to response {:?}",
        started.elapsed()
    );

    c.bench_function("import a 100,000-word document", |b| b.iter(|| black_box(run())));
}

criterion_group!(benches, import_bench);
criterion_main!(benches);
