//! Question sets from Markdown outlines and back: every built-in set survives the round trip,
//! an outline as the README shows it reads as meant, and a bad outline gets an exact message
//! naming its line (and column where it helps). The messages are in
//! `tests/fixtures/bad-outlines/NAME.expected`; `CONSULT_BLESS=1 cargo test --test it outline`
//! rewrites them after a deliberate change: read the diff before committing.

use crate::support;

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

#[test]
fn item_numbers_of_five_digits_and_more_read_back_as_items() {
    let mut set = Catalog::built_in().find("integrating-care").unwrap().clone();
    set.sections.truncate(2);
    let template = set.sections[0].items[0].clone();
    let items = |id: &str, label: &dyn Fn(usize) -> String| -> Vec<consult::model::Item> {
        (1..=10_050)
            .map(|n| consult::model::Item {
                id: format!("{id}{n}"),
                label: label(n),
                ..template.clone()
            })
            .collect()
    };
    // One section of `Question N:` entries, one numbered `N.` by place in the section.
    set.sections[0].items = items("q", &|n| format!("Question {n}"));
    set.sections[1].items = items("issue-", &|n| format!("Issue {n}"));
    let written = outline::write(&set);
    assert!(written.contains("\nQuestion 10050:"), "written as numbered");
    assert!(written.contains("\n10050. "), "written as numbered");
    let read = outline::read(&written).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(read.item_count(), 20_100);
    assert_eq!(read, set);
}

// ---------------------------------------------------------------------------------------------
// Bad outlines: each gets its exact message, naming the file and line, and exit code 2.

use std::fs;
use std::path::PathBuf;

use support::fixtures::{differs_from_expected, root};
use support::sandbox::{Sandbox, run};

fn bad_dir() -> PathBuf {
    root().join("tests/fixtures/bad-outlines")
}

#[test]
fn each_bad_outline_gets_its_exact_message_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    let out = sandbox.path().join("set.json");
    let mut names: Vec<String> = fs::read_dir(bad_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "{names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let args = [
            "questions",
            "import",
            name.as_str(),
            "--out",
            out.to_str().unwrap(),
        ];
        let result = run(sandbox.consult_in(&bad_dir(), &args));
        let expected = bad_dir().join(name.replace(".md", ".expected"));
        failures.extend(differs_from_expected(name, &expected, &result.stderr));
        if result.code != 2 {
            failures.push(format!("{name}: exit code {} (expected 2)", result.code));
        }
        if !result.stderr.starts_with(&format!("consult: {name}:")) {
            failures.push(format!(
                "{name}: the message does not start by naming the file: {}",
                result.stderr
            ));
        }
        if result.stderr.chars().any(|c| c.is_control() && c != '\n') {
            failures.push(format!(
                "{name}: a control character reached the terminal: {:?}",
                result.stderr
            ));
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
        assert!(
            expected.contains(text),
            "{name}: {expected:?} should contain {text:?}"
        );
    };
    expect(
        "unknown-tag.md",
        "unknown-tag.md:8:59: error: [strongly] is not a scale",
    );
    expect(
        "no-title.md",
        "no-title.md:1:1: error: an outline starts with its title as a heading",
    );
    expect(
        "duplicate-item-id.md",
        "duplicate-item-id.md:12:1: error: duplicate item id \"q1\"",
    );
    expect(
        "bad-closing-date.md",
        "bad-closing-date.md:5:1: error: \"31/03/2025\" is not a date",
    );
    expect(
        "control-character.md",
        "control-character.md:8:18: error: control character U+001B",
    );
    expect("unknown-attribute.md", "unknown attribute `colour`");
    expect(
        "bad-set-id.md",
        "bad-set-id.md:1:1: error: question set id \"School_Meals\" must be",
    );
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
    assert!(
        written.contains("\nScale: Priority\n- High\n- Lower {than} that {#low-ish symbol=\"\\\"L\\\\\"}\n"),
        "{written}"
    );
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

// ---------------------------------------------------------------------------------------------
// On the command line.

#[test]
fn each_built_in_set_exported_as_an_outline_imports_as_its_own_file_byte_for_byte() {
    let sandbox = Sandbox::new();
    for entry in &Catalog::built_in().entries {
        let id = entry.set.id.as_str();
        let md = format!("{id}.md");
        let json = format!("{id}.json");
        let export = [
            "questions",
            "export",
            id,
            "--format",
            "outline",
            "--out",
            md.as_str(),
        ];
        sandbox.consult(&export).assert().success();
        let import = run(sandbox.consult(&["questions", "import", md.as_str(), "--out", json.as_str()]));
        assert_eq!(import.code, 0, "{}", import.stderr);
        assert_eq!(
            fs::read_to_string(sandbox.path().join(&json)).unwrap(),
            support::fixtures::read(&format!("questions/{id}.json")),
            "{id}"
        );
    }
}

const MEALS: &str = "# School meals: a consultation {#school-meals}

Publisher: Example Council
Source: Example Council's consultation paper, section 3.

## Questions

Question 1: Do you agree that every primary pupil should have a free school meal? [agree] (max 300 words)
";

#[test]
fn an_imported_outline_joins_your_question_sets_and_can_be_answered() {
    let sandbox = Sandbox::new();
    fs::write(sandbox.path().join("meals.md"), MEALS).unwrap();
    let out = run(sandbox.consult(&["questions", "import", "meals.md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let installed = sandbox.config().join("questions/school-meals.json");
    assert_eq!(
        out.stdout,
        format!(
            "wrote {} (question set school-meals)\nstart a response to it with: consult new --questions school-meals --org NAME\n",
            installed.display()
        )
    );
    let listed = run(sandbox.consult(&["questions"]));
    assert!(listed.stdout.contains("school-meals"), "{}", listed.stdout);
    sandbox
        .consult(&[
            "new",
            "--questions",
            "school-meals",
            "--org",
            "Example Trust",
            "--out",
            "r.json",
        ])
        .assert()
        .success();

    // Importing it again would make a second set with the same id: refused unless --force.
    let again = run(sandbox.consult(&["questions", "import", "meals.md"]));
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("question set id \"school-meals\" is already taken by"),
        "{}",
        again.stderr
    );
    let forced = run(sandbox.consult(&["questions", "import", "meals.md", "--force"]));
    assert_eq!(forced.code, 0, "{}", forced.stderr);
}

#[test]
fn an_outline_cannot_take_a_built_in_sets_id() {
    let sandbox = Sandbox::new();
    let text = MEALS.replace("{#school-meals}", "{#integrating-care}");
    fs::write(sandbox.path().join("meals.md"), text).unwrap();
    let out = run(sandbox.consult(&["questions", "import", "meals.md", "--force"]));
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "consult: meals.md: question set id \"integrating-care\" is already taken by a built-in set; give the title another id with `{#id}` at the end of its heading, or write the set elsewhere with --out\n"
    );
    assert!(!sandbox.config().join("questions").exists());
}

#[test]
fn the_readmes_outline_reads_as_it_says() {
    let readme = support::fixtures::read("README.md");
    let section = readme.split("### Question sets from an outline").nth(1).unwrap();
    let example = section
        .split("```markdown\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let set = outline::read(example).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(set.id, "school-meals-a-consultation");
    assert_eq!(set.publisher, "Example Council");
    assert_eq!(set.closing_date.as_deref(), Some("2025-03-31"));
    let scales: Vec<&str> = set.scales.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(scales, ["priority", "agreement", "support"]);
    let priority = set.scale("priority").unwrap();
    let symbols: Vec<&str> = priority.options.iter().map(|o| o.symbol.as_str()).collect();
    assert_eq!(symbols, ["!!", "!", "."]);
    let sections: Vec<&str> = set.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["your-views", "proposals"]);
    assert_eq!(
        set.sections[0].intro.as_deref(),
        Some("We want to hear from parents, pupils and schools.")
    );
    let q1 = set.item("q1").unwrap();
    assert_eq!(q1.label, "Question 1");
    assert_eq!(
        q1.prompt,
        "Do you agree that every primary pupil should have a free school meal?"
    );
    assert_eq!(
        q1.context.as_deref(),
        Some(
            "The council pays for meals for pupils in reception to year 2 today; this would extend that to year 6."
        )
    );
    assert_eq!(
        (q1.scale.as_deref(), q1.word_limit, q1.char_limit),
        (Some("agreement"), Some(300), None)
    );
    let q2 = set.item("q2").unwrap();
    assert_eq!(
        (q2.scale.as_deref(), q2.short_title.as_deref()),
        (Some("priority"), Some("Breakfast clubs"))
    );
    let q3 = set.item("q3").unwrap();
    assert_eq!((q3.scale.as_deref(), q3.char_limit), (None, Some(2000)));
    assert_eq!(set.format_version, 2, "a character limit needs format 2");
    let local = set.item("local").unwrap();
    assert_eq!(
        (local.label.as_str(), local.prompt.as_str()),
        ("Proposal 1", "Buy food locally where we can")
    );
    assert_eq!(set.item("menus").unwrap().scale.as_deref(), Some("support"));
    // And back again.
    assert_eq!(outline::read(&outline::write(&set)).unwrap(), set);
}

#[test]
fn an_outline_cut_off_anywhere_or_garbled_gives_a_message_never_a_panic() {
    let mut outlines: Vec<String> = Catalog::built_in()
        .entries
        .iter()
        .map(|e| outline::write(&e.set))
        .collect();
    outlines.push(outline::write(&awkward_set()));
    for text in &outlines {
        for (cut, _) in text.char_indices().step_by(7) {
            let _ = outline::read(&text[..cut]);
            // The same, with what is left of the line it was cut in moved to a line of its own.
            let _ = outline::read(&format!("{}\n{}", &text[..cut], &text[cut..]));
        }
    }
    for garbage in [
        "{",
        "}",
        "[",
        "]",
        "(max",
        "{#",
        "{label=\"",
        "{label=\"x\\",
        "\\",
        "1. ",
        "Question 1",
        "Question 1:",
        "# {#}",
        "- {symbol=}",
    ] {
        let text = format!(
            "# T\n\nPublisher: P\nSource: S\n\nScale: A\n{garbage}\n\n## S\n\n1. x {garbage}\n{garbage}\n"
        );
        let _ = outline::read(&text);
    }
}

#[test]
fn a_question_number_on_a_line_of_its_own_takes_the_wording_from_the_next() {
    let text = "# School meals\n\nPublisher: Example Council\nSource: The paper.\n\n## Questions\n\nQuestion 1\nDo you agree that every pupil\nshould have a free meal? [agree]\n\nWe ask because…\n";
    let set = outline::read(text).unwrap();
    let item = set.item("q1").unwrap();
    assert_eq!(item.label, "Question 1");
    assert_eq!(
        item.prompt,
        "Do you agree that every pupil should have a free meal?"
    );
    assert_eq!(item.scale.as_deref(), Some("agreement"));
    assert_eq!(item.context.as_deref(), Some("We ask because…"));
}

// ---------------------------------------------------------------------------------------------
// Random outlines built from the pieces of the syntax: whatever reads as a set writes out as an
// outline that reads back as the same set, so every escape the writer makes is one the reader
// undoes.

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "## Section\n\n1. wording",
    "## Section {#sec}\n\nSource: S\n\nQuestion 4 – asked",
    "Publisher: P",
    "Source: S",
    "Scale: A",
    "- option",
    "- opt {symbol=\"x\"}",
    "1. wording",
    "2) more",
    "Question 2: asked",
    "Question 3",
    "text",
    "  indented",
    "\t# tabbed",
    "\\escaped",
    "[agree]",
    "[support]",
    "[free]",
    "[a]",
    "(max 3 words)",
    "(max 9 characters)",
    "{#some-id}",
    "{label=\"L\\\"q\"}",
    "{short=\"s\"}",
    "\\[free]",
    "\\{#x}",
    "Closing date: 2020-01-01",
    "ends\\",
    "{",
    "}",
    "(max",
    "\\",
    "Source:",
    "*",
    "—",
    "",
];

/// Lines that can go between the title and the first section.
const PREAMBLE: &[&str] = &[
    "Scale: B\n- two",
    "Scale: D {#d}\n- x {#y symbol=\"\\\\\"}\n- {#only-an-id}",
    "   carried on",
    "",
    "  ",
    "ends\\",
    "\\[a]",
];

fn outline_lines() -> impl Strategy<Value = String> {
    let line = prop::collection::vec(prop::sample::select(PIECES), 0..4).prop_map(|p| p.join(" "));
    let preamble = prop::collection::vec(prop::sample::select(PREAMBLE), 0..6);
    (preamble, prop::collection::vec(line, 0..30)).prop_map(|(preamble, lines)| {
        format!(
            "# T\n\nPublisher: P\nSource: S\n{}\n\nScale: A\n- one\n\n## S\n\n1. first\n\n{}\n",
            preamble.join("\n"),
            lines.join("\n")
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn what_reads_as_a_set_writes_back_as_the_same_set(text in outline_lines()) {
        if let Ok(set) = outline::read(&text) {
            let written = outline::write(&set);
            let again = outline::read(&written);
            prop_assert_eq!(again.as_ref().ok(), Some(&set), "{}\n--- written as\n{}\n--- {:?}", text, written, again.as_ref().err());
        }
    }
}

/// An outline as a person writes it: an introduction under the title, no `Publisher:` and no
/// `Source:`. It imports, with a warning for each thing left unsaid, and reads back the same.
#[test]
fn an_outline_with_an_introduction_and_no_publisher_or_source_imports_with_warnings() {
    let sandbox = Sandbox::new();
    let outline = sandbox.path().join("buses.md");
    fs::write(
        &outline,
        "# Rural buses\n\nThe county council wants views on three changes to rural buses.\n\n## Questions\n\n1. Should buses run on Sundays? [agree]\n",
    )
    .unwrap();
    let out = sandbox.path().join("buses.json");
    let result = run(sandbox.consult_in(
        sandbox.path(),
        &["questions", "import", "buses.md", "--out", out.to_str().unwrap()],
    ));
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        result.stderr,
        "consult: buses.md:1:1: warning: the outline does not say who publishes the consultation, so the set says \"not stated\": add a line such as `Publisher: Example Council` under the title\n\
         consult: buses.md:1:1: warning: the outline does not say where its wording comes from, so the set says \"not stated\": add a line such as `Source: Example Council's consultation paper, section 3` under the title\n"
    );
    let set: QuestionSet = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        set.description.as_deref(),
        Some("The county council wants views on three changes to rural buses.")
    );
    assert_eq!(
        (set.publisher.as_str(), set.source.as_str()),
        ("not stated", "not stated")
    );
    assert_eq!(outline::read(&outline::write(&set)).unwrap(), set);
}
