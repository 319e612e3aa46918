//! The core without the binary: the built-in question set is worded as published, responses
//! survive loading and saving byte for byte, and the sample exports in the repository are
//! exactly what the code produces. `CONSULT_BLESS=1 cargo test --test core` rewrites the
//! samples in `exports/samples/` after a deliberate change to the exports.

mod support;

use std::path::Path;

use consult::catalog::Catalog;
use consult::documents;
use consult::export::{self, Format, json};
use consult::model::Response;
use consult::{parse, storage};
use support::fixtures::{QUESTIONS, built_in, read, root};
use support::{COMMISSION, LOCAL_GOVERNMENT};

const FIXTURES: &[&str] = &[COMMISSION, LOCAL_GOVERNMENT];

fn load(fixture: &str) -> (String, Response) {
    let text = read(fixture);
    let response = parse::response(&text).unwrap();
    (text, response)
}

// ---------------------------------------------------------------------------------------------
// The built-in set, word for word.

/// The four questions as quoted in section 7 of the Health Devolution Commission's response
/// to NHS England's "Integrating care" consultation, copied here so the check does not depend
/// on the source documents being on disk.
const PUBLISHED_QUESTIONS: [&str; 4] = [
    "Do you agree that giving ICSs a statutory footing from 2022, alongside other legislative proposals, provides the right foundation for the NHS over the next decade?",
    "Do you agree that option 2 offers a model that provides greater incentive for collaboration alongside clarity of accountability across systems, to Parliament and most importantly, to patients?",
    "Do you agree that, other than mandatory participation of NHS bodies and Local Authorities, membership should be sufficiently permissive to allow systems to shape their own governance arrangements to best suit their populations needs?",
    "Do you agree, subject to appropriate safeguards and where appropriate, that services currently commissioned by NHSE should be either transferred or delegated to ICS bodies?",
];

/// The eight elements of the Commission's "Health and Prosperity" model, as listed in the
/// executive summary of the same response.
const PUBLISHED_ELEMENTS: [&str; 8] = [
    "Embrace a wider purpose to include better social care and public health services, tackling health inequalities and improving economic prosperity",
    "Embed the principles of person-centred care, active citizen engagement, and 'health in all policies' in its ways of working",
    "Ensure parity of esteem between physical health, mental health, social care and public health",
    "Enhance local democratic accountability through joint civic and clinical leadership in a 'partnership of equals'",
    "Ensure single health and social care budgets and commissioning at the locality level",
    "Enable the best alignment of new ICS body footprints with established boundaries of Local or Sub-Regional Government",
    "Embrace health and social care workforce planning and management",
    "Establish robust external scrutiny arrangements to ensure quality",
];

#[test]
fn the_questions_and_elements_are_word_for_word_as_published() {
    let set = built_in();
    for (n, published) in PUBLISHED_QUESTIONS.iter().enumerate() {
        let item = set.item(&format!("q{}", n + 1)).unwrap();
        assert_eq!(item.prompt, *published, "question {}", n + 1);
        assert_eq!(item.scale.as_deref(), Some("agreement"));
    }
    for (n, published) in PUBLISHED_ELEMENTS.iter().enumerate() {
        let item = set.item(&format!("e{}", n + 1)).unwrap();
        assert_eq!(item.prompt, *published, "element {}", n + 1);
        assert_eq!(item.scale.as_deref(), Some("support"));
    }
}

#[test]
fn the_built_in_set_is_in_the_published_order_with_stable_ids() {
    let set = built_in();
    let ids: Vec<&str> = set.items().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "summary", "q1", "q2", "q3", "q4", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "comments"
        ]
    );
    let options = |scale: &str| -> Vec<String> {
        set.scale(scale)
            .unwrap()
            .options
            .iter()
            .map(|o| o.id.clone())
            .collect()
    };
    assert_eq!(
        options("agreement"),
        ["agree", "partly-agree", "neither", "partly-disagree", "disagree"]
    );
    assert_eq!(
        options("support"),
        ["support", "support-with-changes", "neutral", "oppose"]
    );
    assert!(set.item("summary").unwrap().scale.is_none());
    assert!(set.item("comments").unwrap().scale.is_none());
}

#[test]
fn the_embedded_set_is_the_file_in_the_repository() {
    let text = storage::read_text(&root().join(QUESTIONS)).unwrap();
    assert_eq!(parse::question_set(&text).unwrap(), built_in());
}

// ---------------------------------------------------------------------------------------------
// Byte-identical round trips.

#[test]
fn each_fixture_renders_back_to_the_same_bytes() {
    for fixture in FIXTURES {
        let (text, response) = load(fixture);
        assert!(
            json::render(&response) == text,
            "{fixture} does not round-trip byte for byte"
        );
    }
}

#[test]
fn the_fixtures_answer_the_current_built_in_set_without_warnings() {
    let catalog = Catalog::built_in();
    for fixture in FIXTURES {
        let opened = documents::open_response(&root().join(fixture), &catalog, None).unwrap();
        assert!(opened.warnings.is_empty(), "{fixture}: {:?}", opened.warnings);
        assert_eq!(
            opened.response.answered_count(&opened.set),
            14,
            "{fixture} answers every item"
        );
    }
}

#[test]
fn a_new_response_round_trips_after_editing() {
    let set = built_in();
    let mut response = Response::new(&set, "Cyngor Sir Ynys Môn");
    response.answer_mut(&set, "q3").position = Some("agree".into());
    response.answer_mut(&set, "summary").answer = "Line one\nLine two — “quoted”".into();
    // Answers stay in reading order whatever order they were made in.
    let order: Vec<&str> = response.answers.iter().map(|a| a.item.as_str()).collect();
    assert_eq!(order, ["summary", "q3"]);
    let text = json::render(&response);
    let again = parse::response(&text).unwrap();
    assert_eq!(again, response);
    assert_eq!(json::render(&again), text);
}

#[test]
fn a_byte_order_mark_is_read_past_but_not_written_back() {
    let (text, _) = load(FIXTURES[0]);
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let decoded = parse::decode(&with_bom).unwrap();
    let response = parse::response(decoded).unwrap();
    assert_eq!(json::render(&response), text);
}

// ---------------------------------------------------------------------------------------------
// The samples in exports/samples/ are what the code produces.

#[test]
fn the_checked_in_sample_exports_are_current() {
    let set = built_in();
    let samples = root().join("exports/samples");
    let bless = std::env::var_os("CONSULT_BLESS").is_some();
    let mut stale = Vec::new();
    for fixture in FIXTURES {
        let (_, response) = load(fixture);
        for format in [Format::Markdown, Format::Json] {
            let path = export::default_path(&samples, &response, format);
            let expected = export::render(format, &response, &set, false);
            if bless {
                std::fs::create_dir_all(&samples).unwrap();
                std::fs::write(&path, &expected).unwrap();
                continue;
            }
            let actual = std::fs::read_to_string(&path).unwrap_or_default();
            if actual != expected {
                stale.push(path.strip_prefix(root()).unwrap().display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "these samples differ from what the code produces: {}; run `CONSULT_BLESS=1 cargo test --test core`, read the diff and commit it",
        stale.join(", ")
    );
}

#[test]
fn the_samples_are_named_after_organisation_and_set() {
    let names: Vec<String> = FIXTURES
        .iter()
        .map(|f| {
            let (_, response) = load(f);
            export::default_path(Path::new(""), &response, Format::Markdown)
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        [
            "health-devolution-commission-integrating-care.md",
            "local-government-association-integrating-care.md"
        ]
    );
}

#[test]
fn short_titles_help_find_items_and_leave_the_digest_alone() {
    let set = built_in();
    let id = |i: usize| set.items().nth(i).unwrap().id.clone();
    let found = |query: &str| set.find(query).into_iter().map(id).collect::<Vec<_>>();
    assert_eq!(
        found("6")[0],
        "e6",
        "a number finds the label with that number first"
    );
    assert_eq!(found("scrutiny")[0], "e8", "words of a short title");
    assert_eq!(found("PARITY"), ["e3"], "letter case does not matter");
    assert!(
        found("option 2").contains(&"q2".to_string()),
        "words of the wording"
    );
    assert!(found("no such words").is_empty());
    assert_eq!(set.find("").len(), set.item_count(), "nothing typed: every item");

    let mut untitled = set.clone();
    for item in untitled.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
        item.short_title = None;
    }
    assert_eq!(
        untitled.digest(),
        set.digest(),
        "short titles change nothing that was asked"
    );
    let mut reworded = untitled.clone();
    reworded.sections[1].items[0].prompt.push('?');
    assert_ne!(reworded.digest(), set.digest(), "the wording does");
}
