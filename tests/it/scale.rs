//! Whatever consult writes it reads back, at the sizes consult can be asked to write: a joint
//! response of 5,000 members, and a response with a 20,000-word answer on every item of a
//! 1,000-item set, each through every command that reads a response.

use std::path::{Path, PathBuf};

use crate::support::sandbox::{Sandbox, run};
use crate::support::{COMMISSION, fixtures};

/// Every command that reads the response at `file` (and `other`, a second copy of it), each
/// of which must succeed.
fn every_command(sandbox: &Sandbox, file: &Path, other: &Path) {
    let (file, other) = (file.to_str().unwrap(), other.to_str().unwrap());
    let merged = sandbox.path().join("merged.json");
    let merged = merged.to_str().unwrap();
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["validate", file],
        vec!["diff", file, other],
        vec!["merge", file, other, "--out", merged],
        vec!["compare", "--format", "csv", file, other],
    ];
    for format in ["md", "json", "html", "text", "fhir"] {
        commands.push(vec!["export", file, "--format", format, "--out", "-"]);
    }
    let word = sandbox.path().join("export.docx");
    let word = word.to_str().unwrap();
    commands.push(vec!["export", file, "--format", "docx", "--out", word, "--force"]);
    for args in commands {
        let done = run(sandbox.consult(&args));
        assert_eq!(done.code, 0, "{args:?}: {}", done.stderr);
    }
    // The merged copy is itself read back.
    let done = run(sandbox.consult(&["validate", merged]));
    assert_eq!(done.code, 0, "{}", done.stderr);
}

fn size_in_mb(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().len() / (1024 * 1024)
}

#[test]
fn a_joint_response_of_5000_members_reads_back_through_every_command() {
    let sandbox = Sandbox::new();
    let members = sandbox.path().join("members");
    std::fs::create_dir(&members).unwrap();
    let template = std::fs::read_to_string(fixtures::root().join(COMMISSION)).unwrap();
    for n in 0..5_000 {
        let member = template.replace("Health Devolution Commission", &format!("Member body {n}"));
        std::fs::write(members.join(format!("member-{n}.json")), member).unwrap();
    }
    let joint = sandbox.path().join("joint.json");
    let made = run(sandbox.consult(&[
        "joint",
        "new",
        "--org",
        "Network of 5,000",
        "--dir",
        members.to_str().unwrap(),
        "--out",
        joint.to_str().unwrap(),
    ]));
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(
        size_in_mb(&joint) > 50,
        "past the old limit: {} MB",
        size_in_mb(&joint)
    );
    let status = run(sandbox.consult(&["joint", "status", joint.to_str().unwrap()]));
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert_eq!(status.stdout.matches("whole response:").count(), 5_000);
    let provenance = run(sandbox.consult(&["joint", "provenance", joint.to_str().unwrap()]));
    assert_eq!(provenance.code, 0, "{}", provenance.stderr);
    let other: PathBuf = sandbox.path().join("joint-copy.json");
    std::fs::copy(&joint, &other).unwrap();
    every_command(&sandbox, &joint, &other);
}

/// A question set of 1,000 free-text items and a response with a 20,000-word answer on each,
/// about 130 MB. Run on the release binary only (`cargo test --release --test it scale`): a
/// debug build takes many minutes over it.
#[cfg_attr(
    debug_assertions,
    ignore = "run with --release: a debug build is too slow at this size"
)]
#[test]
fn a_response_with_20000_word_answers_on_1000_items_reads_back_through_every_command() {
    let sandbox = Sandbox::new();
    let mut set = consult::catalog::Catalog::built_in()
        .find("integrating-care")
        .unwrap()
        .clone();
    set.id = "thousand".into();
    let template = set.sections[0].items[0].clone();
    set.sections.truncate(1);
    set.sections[0].items = (0..1_000)
        .map(|n| consult::model::Item {
            id: format!("q{n}"),
            label: format!("Question {}", n + 1),
            scale: None,
            word_limit: None,
            char_limit: None,
            ..template.clone()
        })
        .collect();
    // Among the user's own question sets, so every command knows it.
    let questions = sandbox.config().join("questions");
    std::fs::create_dir_all(&questions).unwrap();
    std::fs::write(
        questions.join("thousand.json"),
        serde_json::to_string(&set).unwrap(),
    )
    .unwrap();
    let mut response = consult::model::Response::new(&set, "Wordy Council");
    let paragraph = "We support the proposal with conditions that the council sets out below. ".repeat(20);
    let answer: String = (0..1_000 / 20 * 20)
        .map(|_| paragraph.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(answer.split_whitespace().count() >= 20_000);
    for item in set.items() {
        let mut a = consult::model::response::Answer::new(&item.id);
        a.answer = answer.clone();
        response.answers.push(a);
    }
    let file = sandbox.path().join("wordy.json");
    std::fs::write(&file, consult::export::json::render(&response)).unwrap();
    assert!(size_in_mb(&file) > 100, "{} MB", size_in_mb(&file));
    let other = sandbox.path().join("wordy-copy.json");
    std::fs::copy(&file, &other).unwrap();
    every_command(&sandbox, &file, &other);
}
