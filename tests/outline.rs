//! Question sets from Markdown outlines and back: every built-in set survives the round trip,
//! an outline as the README shows it reads as meant, and a bad outline gets an exact message
//! naming its line (and column where it helps). The messages are in
//! `tests/fixtures/bad-outlines/NAME.expected`; `CONSULT_BLESS=1 cargo test --test outline`
//! rewrites them after a deliberate change: read the diff before committing.

mod support;

use consult::catalog::Catalog;
use consult::outline;

#[test]
fn every_built_in_set_reads_back_from_its_outline_as_the_same_set() {
    for entry in &Catalog::built_in().entries {
        let written = outline::write(&entry.set);
        let read = outline::read(&written).unwrap_or_else(|p| panic!("{}: {p:?}\n{written}", entry.set.id));
        assert_eq!(read, entry.set, "{}\n{written}", entry.set.id);
    }
}

// ---------------------------------------------------------------------------------------------
// Bad outlines: each gets its exact message, naming the file and line, and exit code 2.

use std::fs;
use std::path::PathBuf;

use support::fixtures::root;
use support::sandbox::{Sandbox, run};

fn bad_dir() -> PathBuf {
    root().join("tests/fixtures/bad-outlines")
}

#[test]
fn each_bad_outline_gets_its_exact_message_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    let out = sandbox.path().join("set.json");
    let bless = std::env::var_os("CONSULT_BLESS").is_some();
    let mut names: Vec<String> = fs::read_dir(bad_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let args = ["questions", "import", name.as_str(), "--out", out.to_str().unwrap()];
        let result = run(sandbox.consult_in(&bad_dir(), &args));
        let expected_path = bad_dir().join(name.replace(".md", ".expected"));
        if bless {
            fs::write(&expected_path, &result.stderr).unwrap();
        }
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} is missing", expected_path.display()));
        if result.stderr != expected {
            failures.push(format!("{name}: stderr differs\n--- expected\n{expected}--- actual\n{}", result.stderr));
        }
        if result.code != 2 {
            failures.push(format!("{name}: exit code {} (expected 2)", result.code));
        }
        if !result.stderr.starts_with(&format!("consult: {name}:")) {
            failures.push(format!("{name}: the message does not start by naming the file: {}", result.stderr));
        }
        if result.stderr.chars().any(|c| c.is_control() && c != '\n') {
            failures.push(format!("{name}: a control character reached the terminal: {:?}", result.stderr));
        }
        if out.exists() {
            failures.push(format!("{name}: a set was written"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_messages_say_where_and_what() {
    let expect = |name: &str, text: &str| {
        let expected = fs::read_to_string(bad_dir().join(name.replace(".md", ".expected"))).unwrap();
        assert!(expected.contains(text), "{name}: {expected:?} should contain {text:?}");
    };
    expect("unknown-tag.md", "unknown-tag.md:8:59: error: [strongly] is not a scale");
    expect("no-title.md", "no-title.md:1:1: error: an outline starts with its title as a heading");
    expect("duplicate-item-id.md", "duplicate-item-id.md:12:1: error: duplicate item id \"q1\"");
    expect("bad-closing-date.md", "bad-closing-date.md:5:1: error: \"31/03/2025\" is not a date");
    expect("control-character.md", "control-character.md:8:18: error: control character U+001B");
    expect("unknown-attribute.md", "unknown attribute `colour`");
    expect("bad-set-id.md", "bad-set-id.md:1:1: error: question set id \"School_Meals\" must be");
    expect("not-utf8.md", "not-utf8.md:1:16: error: file is not UTF-8 text");
}

// ---------------------------------------------------------------------------------------------
// Round trips of sets that use everything an outline can say, and wording that looks like it.

use consult::model::QuestionSet;

fn set_from(value: serde_json::Value) -> QuestionSet {
    let set: QuestionSet = serde_json::from_value(value).unwrap();
    assert!(consult::model::validate::question_set(&set).is_empty(), "{set:?}");
    set
}

/// A set with its own scale, limits of both kinds, and wording, guidance and introductions that
/// would read as headings, items, keys, tags or attributes if they were not escaped.
fn awkward_set() -> QuestionSet {
    set_from(serde_json::json!({
        "format_version": 2,
        "id": "awkward",
        "title": "School meals: what {we} propose {#not-an-id}",
        "publisher": "",
        "source": "Example Council.\nSecond line of the source.\n\nA second paragraph - with a dash.",
        "closing_date": "2025-03-31",
        "scales": [
            { "id": "priority", "name": "Priority", "options": [
                { "id": "high", "label": "High", "symbol": "1" },
                { "id": "low-ish", "label": "Lower {than} that", "symbol": "\"L\\" }
            ] },
            { "id": "support", "name": "Support", "options": [
                { "id": "support", "label": "Support", "symbol": "++" },
                { "id": "support-with-changes", "label": "Support with changes", "symbol": "+~" },
                { "id": "neutral", "label": "Neutral", "symbol": "=" },
                { "id": "oppose", "label": "Oppose", "symbol": "--" }
            ] }
        ],
        "sections": [
            { "id": "first", "title": "Your views",
              "source": "Section 3 of the paper.",
              "intro": "Source: not a key here.\n# Not a heading\n1. Not an item\nQuestion 9: not one either\n- nor an option\n\\ a backslash\n\nA second paragraph.",
              "items": [
                { "id": "q7", "label": "Question 7", "short_title": "Meals \"for all\"",
                  "prompt": "Should every pupil get a meal? [see 1] (max five) {x}",
                  "context": "1. Indented, so never an item.\n# Nor a heading\n\nSecond paragraph, ending in a backslash \\",
                  "scale": "priority", "word_limit": 1, "char_limit": 2000 },
                { "id": "why", "label": "Why \\ \"not\"",
                  "prompt": "Why?\nSay why on a second line [agree]",
                  "scale": "support" },
                { "id": "q3", "label": "Question 3", "prompt": "Anything else? (max 10 words)" }
              ] }
        ]
    }))
}

#[test]
fn a_set_using_everything_an_outline_can_say_reads_back_the_same() {
    let set = awkward_set();
    let written = outline::write(&set);
    let read = outline::read(&written).unwrap_or_else(|p| panic!("{p:?}\n{written}"));
    assert_eq!(read, set, "\n{written}");
    // The standard scale after the set's own is left to its tag; the set's own is written out.
    assert!(written.contains("\nScale: Priority\n- High\n- Lower {than} that {#low-ish symbol=\"\\\"L\\\\\"}\n"), "{written}");
    assert!(!written.contains("Scale: Support"), "{written}");
}

#[test]
fn scales_are_all_written_out_when_leaving_one_to_its_tag_would_change_their_order() {
    let mut set = awkward_set();
    set.scales.reverse();
    let written = outline::write(&set);
    assert!(written.contains("\nScale: Support\n"), "{written}");
    assert_eq!(outline::read(&written).unwrap(), set, "\n{written}");
}

#[test]
fn a_format_version_is_written_only_when_the_set_is_not_the_one_its_contents_need() {
    let mut set = awkward_set();
    assert!(!outline::write(&set).contains("Format version"));
    for item in set.sections[0].items.iter_mut() {
        item.char_limit = None;
    }
    let written = outline::write(&set);
    assert!(written.contains("\nFormat version: 2\n"), "{written}");
    assert_eq!(outline::read(&written).unwrap(), set);
}
