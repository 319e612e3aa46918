//! One full frame of the walk-through at 120×40 with a 20,000-word answer in the
//! focused editor. Target: median under 2 ms (a frame at 60 Hz is 16 ms).
//! Also a save of that draft as the main thread makes it (the save job), and the count of
//! the answer against its limits that the saving thread now makes instead.
//! Run: `cargo bench --bench draw`.

use std::hint::black_box;

use consult::app::{App, Draft, Focus};
use consult::catalog::Catalog;
use consult::dirs::Dirs;
use consult::model::Response;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// About 20,000 words of prose in paragraphs, with some non-ASCII text.
fn long_answer() -> String {
    let sentence =
        "Integrated care systems need councils as equal partners, with budgets pooled at place – ŵ, 東京. ";
    let words_per_sentence = sentence.split_whitespace().count();
    let mut text = String::new();
    for i in 0..(20_000 / words_per_sentence) {
        text.push_str(sentence);
        if i % 12 == 11 {
            text.push_str("\n\n");
        }
    }
    text
}

fn app_with_long_answer() -> App {
    let catalog = Catalog::built_in();
    let set = catalog.find("integrating-care").unwrap().clone();
    let mut response = Response::new(&set, "Bench organisation");
    response.answer_mut(&set, "q1").answer = long_answer();
    response.current_item = Some("q1".into());
    let dir = std::env::temp_dir().join("consult-draw-bench");
    let dirs = Dirs {
        data: dir.join("data"),
        config: dir.join("config"),
    };
    let mut draft = Draft::new(dir.join("bench.json"), set, response);
    draft.set_focus(Focus::Answer);
    App::editing(dirs, catalog, draft)
}

fn draw_frame(c: &mut Criterion) {
    let app = app_with_long_answer();
    let words = consult::text::word_count(&app.draft.as_ref().unwrap().response.answer("q1").unwrap().answer);
    assert!(words >= 19_900, "{words} words");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("walk-through frame 120x40, 20k-word answer", |b| {
        b.iter(|| {
            // A fresh buffer each time, so every frame is drawn and diffed in full.
            terminal.clear().unwrap();
            terminal
                .draw(|frame| consult::ui::draw(black_box(&app), frame))
                .unwrap();
        })
    });
}

fn save_on_the_main_thread(c: &mut Criterion) {
    let mut app = app_with_long_answer();
    let draft = app.draft.as_mut().unwrap();
    c.bench_function("save job made on the main thread, 20k-word answer", |b| {
        b.iter(|| {
            draft.changed(std::time::Instant::now());
            let job = draft.save_job();
            // As if it had landed: the next save may start.
            let outcome = consult::drafts::SaveOutcome {
                generation: job.generation,
                journal: false,
                result: consult::drafts::SaveResult::Failed("not written".into()),
                recounted: None,
            };
            draft.finished_save(&outcome, std::time::Instant::now());
            black_box(job)
        })
    });
    let job = draft.save_job();
    let recount = job.recount.expect("a draft save counts its answer");
    c.bench_function("limits counted on the saving thread, 20k-word answer", |b| {
        b.iter(|| black_box(recount.count()))
    });
}

criterion_group!(benches, draw_frame, save_on_the_main_thread);
criterion_main!(benches);
