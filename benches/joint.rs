//! A joint response of 200 members. Targets: opening it (reading and checking the joint
//! draft, which holds every member's answers, and reading the 200 member files to see
//! who changed since) under 200 ms; one frame of the joint walk-through at 120×40, with
//! the members panel open on an item every member wrote on, under 2 ms.
//! Run: `cargo bench --bench joint`.

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;

use consult::app::{App, Draft};
use consult::catalog::Catalog;
use consult::dirs::Dirs;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const MEMBERS: usize = 200;

fn open(c: &mut Criterion) {
    let catalog = Catalog::built_in();
    let set = catalog.find("integrating-care").unwrap().clone();
    let dir = std::env::temp_dir().join(format!("consult-joint-bench-{}", std::process::id()));
    let path = generate::write_joint(&dir, &set, MEMBERS);
    c.bench_function("open a joint draft of 200 members", |b| {
        b.iter(|| {
            let opened = consult::documents::open_response(black_box(&path), &catalog, None).unwrap();
            let joint = opened.response.joint.as_ref().unwrap();
            let now =
                consult::drafts::joint::members_now(&path, joint, &catalog, &opened.set, &Default::default());
            assert_eq!(now.iter().filter_map(|m| m.response()).count(), MEMBERS);
            Draft::new(path.clone(), opened.set, opened.response)
        })
    });

    let opened = consult::documents::open_response(&path, &catalog, None).unwrap();
    let mut response = opened.response;
    response.current_item = Some("q1".into());
    let dirs = Dirs {
        data: dir.join("data"),
        config: dir.join("config"),
    };
    let draft = Draft::new(path.clone(), opened.set, response);
    let mut app = App::editing(dirs, catalog, draft);
    app.joint.as_mut().unwrap().focused = true;
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("joint walk-through frame 120x40, 200 members", |b| {
        b.iter(|| {
            terminal.clear().unwrap();
            terminal
                .draw(|frame| consult::ui::draw(black_box(&app), frame))
                .unwrap();
        })
    });
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, open);
criterion_main!(benches);
