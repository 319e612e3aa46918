//! The core without the binary: the built-in question set is worded as published, responses
//! survive loading and saving byte for byte, and the sample exports in the repository are
//! exactly what the code produces. `CONSULT_BLESS=1 cargo test --test it core` rewrites the
//! samples in `exports/samples/` after a deliberate change to the exports.

use crate::support;
use crate::support::docx;

use std::path::{Path, PathBuf};

use consult::catalog::Catalog;
use consult::documents;
use consult::export::{self, Format, json};
use consult::model::response::PositionBasis;
use consult::model::{Publication, Response};
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

/// The six key issues of the Health Devolution Commission's briefing for the Lords' Second
/// Reading of the Health and Care Bill (November 2021), each as its executive summary gives
/// it: the bold lead and what it leads, copied here so the check needs no source document.
const PUBLISHED_BILL_ISSUES: [&str; 6] = [
    "Provide an explicit focus on reducing health inequalities in communities as well as delivering better, more integrated health and social care services.",
    "Create a genuine partnership of equals between the NHS and Local Government to deliver person-centred care and improve population health",
    "Establish place-based partnerships as the building blocks for delivering the system-wide goals of an integrated care system including pooled budgets and provider collaboratives",
    "Support for the social care workforce: The Bill should include a requirement on Government to publish a Social Care People Plan that, in the longer-term could become part of a national Health and Social Care workforce strategy that is reviewed every two years, not five.",
    "Parity of esteem for mental health: There is an opportunity for the Bill to enshrine in legislation parity for mental health services. The Bill should also stipulate that Integrated Care Boards include a representative of mental health providers",
    "Support for health and care social enterprises: The Bill should explicitly recognise the key role that the VCSE sector will play in Integrated Care Systems, placed-based partnerships and provider collaboratives.",
];

/// The headings of the White Paper "Integration and innovation" for its proposals under
/// "Working together and supporting integration", as Browne Jacobson's commentary adopts them.
const PUBLISHED_WHITE_PAPER_HEADINGS: [&str; 9] = [
    "Establishing Integrated Care Systems",
    "Duty to Collaborate",
    "Triple Aim",
    "Power over Foundation Trusts Capital Spend Limits",
    "Joint committees",
    "Collaborative Commissioning",
    "Joint Appointments",
    "Data Sharing",
    "Patient Choice",
];

/// The set's items in reading order must be exactly `published`, each on the support scale
/// and with guidance of its own.
fn assert_worded_as_published(id: &str, published: &[&str]) {
    let catalog = Catalog::built_in();
    let set = catalog.find(id).unwrap();
    let prompts: Vec<&str> = set.items().map(|i| i.prompt.as_str()).collect();
    assert_eq!(prompts, published, "{id}");
    for item in set.items() {
        assert_eq!(item.scale.as_deref(), Some("support"), "{id} {}", item.id);
        assert!(
            item.context.as_deref().is_some_and(|c| c.len() > 100),
            "{id} {}",
            item.id
        );
    }
    assert_eq!(
        set.scale("support")
            .unwrap()
            .options
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>(),
        ["support", "support-with-changes", "neutral", "oppose"]
    );
}

#[test]
fn the_bills_six_key_issues_are_word_for_word_as_published() {
    assert_worded_as_published("health-and-care-bill", &PUBLISHED_BILL_ISSUES);
    let set = Catalog::built_in().find("health-and-care-bill").unwrap().clone();
    assert_eq!(set.publisher, "Health Devolution Commission");
    assert!(
        set.source.contains("Second Reading of the Health and Care Bill"),
        "{}",
        set.source
    );
    assert!(set.source.contains("November 2021"), "{}", set.source);
    // Proposals for amending a Bill, not a consultation's questions: the set says so.
    let intro = set.sections[0].intro.as_deref().unwrap();
    assert!(
        intro.starts_with("These are not consultation questions."),
        "{intro}"
    );
    assert!(intro.contains("proposals for amending a Bill"), "{intro}");
}

#[test]
fn the_white_papers_proposals_are_its_headings_word_for_word() {
    assert_worded_as_published("integration-and-innovation", &PUBLISHED_WHITE_PAPER_HEADINGS);
    let set = Catalog::built_in()
        .find("integration-and-innovation")
        .unwrap()
        .clone();
    assert!(set.source.contains("White Paper"), "{}", set.source);
    assert!(set.source.contains("Browne Jacobson"), "{}", set.source);
    assert_eq!(
        set.sections[0].title,
        "Working together and supporting integration"
    );
    let intro = set.sections[0].intro.as_deref().unwrap();
    assert!(
        intro.starts_with("These are not consultation questions"),
        "{intro}"
    );
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
fn the_embedded_sets_are_the_files_in_the_repository() {
    let text = storage::read_text(&root().join(QUESTIONS)).unwrap();
    assert_eq!(parse::question_set(&text).unwrap(), built_in());
    let catalog = Catalog::built_in();
    assert_eq!(
        catalog.ids(),
        [
            "integrating-care",
            "integration-and-innovation",
            "health-and-care-bill"
        ]
    );
    for set in catalog.entries.iter().map(|e| &e.set) {
        let text = storage::read_text(&root().join(format!("questions/{}.json", set.id))).unwrap();
        assert_eq!(&parse::question_set(&text).unwrap(), set);
    }
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

/// The samples as written before answers had key points (format 2).
const WRITTEN_AS_VERSION_2: &[&str] = &[
    "tests/fixtures/v2/health-devolution-commission.json",
    "tests/fixtures/v2/local-government.json",
];

#[test]
fn files_written_as_format_2_load_and_round_trip_byte_for_byte() {
    for fixture in WRITTEN_AS_VERSION_2 {
        let (text, response) = load(fixture);
        assert!(
            text.contains("\n  \"format_version\": 2,\n"),
            "{fixture} is a version 2 file"
        );
        assert_eq!(response.format_to_write(), 2, "{fixture} stays version 2");
        assert!(
            json::render(&response) == text,
            "{fixture} does not round-trip byte for byte"
        );
    }
}

#[test]
fn the_samples_are_format_4_with_key_points_and_inferred_positions() {
    let (_, commission) = load(COMMISSION);
    let (_, local) = load(LOCAL_GOVERNMENT);
    assert_eq!((commission.format_version, local.format_version), (4, 4));
    for response in [&commission, &local] {
        assert!(response.answers.iter().all(|a| a.key_point.is_some()));
    }
    let q2 = commission.answer("q2").unwrap();
    assert_eq!(q2.position.as_deref(), Some("partly-disagree"));
    assert_eq!(q2.position_basis, PositionBasis::Inferred);
    let inferred: Vec<&str> = local
        .answers
        .iter()
        .filter(|a| a.position_basis == PositionBasis::Inferred)
        .map(|a| a.item.as_str())
        .collect();
    assert_eq!(inferred, ["e1", "e2", "e3", "e4", "e5", "e6", "e8"]);
}

/// The samples as an earlier consult wrote them, before answers had notes.
const WRITTEN_BY_VERSION_1: &[&str] = &[
    "tests/fixtures/v1/health-devolution-commission.json",
    "tests/fixtures/v1/local-government.json",
];

#[test]
fn files_written_before_format_2_load_and_round_trip_byte_for_byte() {
    for fixture in WRITTEN_BY_VERSION_1 {
        let (text, response) = load(fixture);
        assert!(
            text.contains("\n  \"format_version\": 1,\n"),
            "{fixture} is a version 1 file"
        );
        assert!(
            json::render(&response) == text,
            "{fixture} does not round-trip byte for byte"
        );
        // They answered the set before Question 3's guidance was corrected: they still open,
        // and the one thing said is that the set has changed since.
        let opened = documents::open_response(&root().join(fixture), &Catalog::built_in(), None).unwrap();
        let said: Vec<&str> = opened.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(said.len(), 1, "{fixture}: {said:?}");
        assert!(
            said[0]
                .starts_with("this response answered another version of question set \"integrating-care\""),
            "{fixture}: {said:?}"
        );
        assert_eq!(opened.response, response, "{fixture}: nothing in it is changed");
    }
}

#[test]
fn a_response_is_written_as_version_1_until_it_uses_what_version_2_added() {
    let set = built_in();
    let version = |response: &Response| {
        let value: serde_json::Value = serde_json::from_str(&json::render(response)).unwrap();
        value["format_version"].as_u64().unwrap()
    };
    let mut response = Response::new(&set, "Example Trust");
    response.answer_mut(&set, "q1").answer = "Yes.".into();
    assert_eq!(version(&response), 1);
    let text = json::render(&response);
    assert!(!text.contains("notes") && !text.contains("publication"), "{text}");

    response.answer_mut(&set, "q1").notes = "Check with the board.".into();
    assert_eq!(version(&response), 2, "a note needs version 2");
    response.answer_mut(&set, "q1").notes.clear();
    assert_eq!(version(&response), 1, "without it, version 1 again");

    let respondent_fields: [fn(&mut Response); 3] = [
        |r| r.respondent.members = Some(350),
        |r| r.respondent.publication = Some(Publication::Anonymised),
        |r| r.respondent.confidentiality = Some(String::new()),
    ];
    for set_field in respondent_fields {
        let mut changed = response.clone();
        set_field(&mut changed);
        assert_eq!(version(&changed), 2, "{:?}", changed.respondent);
        let again = parse::response(&json::render(&changed)).unwrap();
        assert_eq!(again.respondent, changed.respondent);
    }

    // A file that says version 2 stays version 2, so reading and writing it changes nothing.
    let (text, v2) = load(WRITTEN_AS_VERSION_2[0]);
    let mut bare = v2.clone();
    bare.respondent.publication = None;
    for answer in &mut bare.answers {
        answer.notes.clear();
    }
    assert_eq!(version(&bare), 2);
    assert_eq!(json::render(&v2), text);
}

#[test]
fn a_file_from_a_newer_consult_says_so_rather_than_naming_unknown_fields() {
    let (text, _) = load(FIXTURES[0]);
    let newer = text
        .replace("\"format_version\": 4", "\"format_version\": 7")
        .replace("\"notes\":", "\"notes_v7\": \"x\",\n      \"notes\":");
    let problem = parse::response(&newer).unwrap_err();
    assert_eq!(
        problem.message,
        "format version 7 is from a newer consult (this build reads up to version 6); please upgrade consult"
    );
}

#[test]
fn a_set_that_limits_characters_must_say_it_is_format_2() {
    let text = storage::read_text(&root().join("questions/integrating-care.json")).unwrap();
    let limited = text.replacen(
        "\"word_limit\": 300",
        "\"word_limit\": 300,\n          \"char_limit\": 2000",
        1,
    );
    assert_ne!(
        limited, text,
        "the built-in set has a word limit to put a character limit beside"
    );
    let problems = parse::question_set(&limited).unwrap_err();
    let messages: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {}", p.location, p.message))
        .collect();
    assert_eq!(
        messages,
        [
            "at sections[0].items[0].char_limit: char_limit is new in question-set format version 2: set \"format_version\" to 2, so that older consults know they cannot read this set"
        ]
    );
    let v2 = limited.replacen("\"format_version\": 1", "\"format_version\": 2", 1);
    let set = parse::question_set(&v2).unwrap();
    assert_eq!(set.item("summary").unwrap().char_limit, Some(2000));
    // Without a character limit the built-in set is unchanged, digest and all.
    assert_eq!(parse::question_set(&text).unwrap().digest(), built_in().digest());
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

/// A Word file is compared by what Word shows of it (each paragraph's style, numbering and
/// runs), not its bytes: those depend on how docx-rs packs the zip.
fn word_text(docx: &[u8]) -> String {
    docx::paragraphs(docx)
        .iter()
        .map(|p| format!("{:?} {:?} {:?}\n", p.style, p.numbering, p.runs))
        .collect()
}

#[test]
fn the_checked_in_sample_exports_are_current() {
    let set = built_in();
    let samples = root().join("exports/samples");
    let bless = std::env::var_os("CONSULT_BLESS").is_some();
    let mut stale = Vec::new();
    let mut check = |path: PathBuf, expected: Vec<u8>, same: &dyn Fn(&[u8], &[u8]) -> bool| {
        if bless {
            std::fs::create_dir_all(&samples).unwrap();
            std::fs::write(&path, &expected).unwrap();
            return;
        }
        let actual = std::fs::read(&path).unwrap_or_default();
        if actual.is_empty() || !same(&actual, &expected) {
            stale.push(path.strip_prefix(root()).unwrap().display().to_string());
        }
    };
    for fixture in FIXTURES {
        let (_, response) = load(fixture);
        for format in [
            Format::Markdown,
            Format::Json,
            Format::Text,
            Format::Html,
            Format::Fhir,
            Format::Docx,
        ] {
            let path = export::default_path(&samples, &response, format);
            let expected = export::render(format, &response, &set, &export::Options::default());
            if format == Format::Docx {
                check(path, expected, &|a, b| word_text(a) == word_text(b));
            } else {
                check(path, expected, &|a, b| a == b);
            }
        }
    }
    let questionnaire = samples.join("integrating-care.questionnaire.fhir.json");
    check(
        questionnaire,
        export::fhir::questionnaire(&set).into_bytes(),
        &|a, b| a == b,
    );
    // Every built-in set as an outline: what `consult questions export ID --format outline` writes.
    for entry in &Catalog::built_in().entries {
        let outline = samples.join(format!("{}.outline.md", entry.set.id));
        check(
            outline,
            consult::outline::write(&entry.set).into_bytes(),
            &|a, b| a == b,
        );
    }
    assert!(
        stale.is_empty(),
        "these samples differ from what the code produces: {}; run `CONSULT_BLESS=1 cargo test --test it core`, read the diff and commit it",
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
