//! `consult import`: members' documents on the command line (exit codes, messages, files
//! written, standard input, the organisation found or asked for, refusals).

use std::fs;

use crate::support::sandbox::{Sandbox, run};
use consult::model::{PassageField, PositionBasis, Response};

/// A member's reply in Markdown: a title naming the organisation, two questions by
/// heading, an element by its short title, and a closing paragraph about nothing asked.
const REPLY: &str = "# Response of the Fenwick Health Partnership\n\n\
We are a partnership of twelve practices.\n\n\
## Question 1\n\n\
Partly agree. A statutory footing is welcome, but councils must be equal partners.\n\n\
It needs support for system leaders too.\n\n\
## Question 4\n\n\
We disagree. Commissioning should stay close to patients.\n\n\
## Aligned boundaries\n\n\
We support this element.\n";

fn set_up(sandbox: &Sandbox, name: &str, text: &str) {
    fs::write(sandbox.path().join(name), text).unwrap();
}

fn response_at(sandbox: &Sandbox, name: &str) -> Response {
    consult::parse::response(&fs::read_to_string(sandbox.path().join(name)).unwrap()).unwrap()
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_markdown_reply_becomes_a_response_that_validates() {
    let sandbox = Sandbox::new();
    set_up(&sandbox, "fenwick.md", REPLY);
    let out = run(sandbox.consult(&[
        "import",
        "fenwick.md",
        "--questions",
        "integrating-care",
        "--out",
        "fenwick.json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for expected in [
        "fenwick.md: organisation \"Fenwick Health Partnership\", from",
        "fenwick.md: read as Markdown; 9 passage(s): 7 placed, 2 not placed",
        "  Question 1: 3 passage(s), 20 words; position Partly agree (inferred)",
        "  Question 4: 2 passage(s), 8 words; position Disagree (inferred)",
        "  Element 6: 2 passage(s), 4 words; position Support (inferred)",
        "  not placed: \"We are a partnership of twelve practices.\"",
        "  positions inferred from the words: 3 (marked inferred, to confirm)",
        "wrote fenwick.json",
    ] {
        assert!(
            out.stdout.contains(expected),
            "{expected:?} not in:\n{}",
            out.stdout
        );
    }
    let response = response_at(&sandbox, "fenwick.json");
    assert_eq!(response.respondent.organisation, "Fenwick Health Partnership");
    let q1 = response.answer("q1").unwrap();
    assert_eq!(
        q1.answer,
        "Partly agree. A statutory footing is welcome, but councils must be equal partners.\n\nIt needs support for system leaders too."
    );
    assert_eq!(
        (q1.position.as_deref(), q1.position_basis),
        (Some("partly-agree"), PositionBasis::Inferred)
    );
    let source = response.source.as_ref().unwrap();
    assert_eq!(
        (source.file.as_str(), source.format.as_str()),
        ("fenwick.md", "Markdown")
    );
    assert_eq!(source.digest, consult::model::sha256(REPLY.as_bytes()));
    assert_eq!(source.passages[2].field, PassageField::Heading);
    assert_eq!(q1.source_paragraphs, vec![2, 3, 4]);

    let out = run(sandbox.consult(&["validate", "fenwick.json"]));
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
}

#[test]
fn standard_input_is_read_with_an_organisation_given() {
    let sandbox = Sandbox::new();
    let mut command = sandbox.consult(&[
        "import",
        "-",
        "--questions",
        "integrating-care",
        "--org",
        "Pasted Trust",
        "--out",
        "p.json",
    ]);
    command.write_stdin("Q3: We strongly agree that systems should shape their own membership.\n");
    let out = run(command);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("standard input: read as text"),
        "{}",
        out.stdout
    );
    let response = response_at(&sandbox, "p.json");
    assert_eq!(response.respondent.organisation, "Pasted Trust");
    assert_eq!(response.answer("q3").unwrap().position.as_deref(), Some("agree"));
    assert_eq!(response.source.unwrap().file, "-");
}

/// On a terminal, a document that names no organisation is asked about, and the answer
/// becomes the respondent.
#[test]
fn without_org_and_no_name_in_the_document_it_asks_on_a_terminal() {
    let sandbox = Sandbox::new();
    set_up(&sandbox, "anon.txt", "Question 2: We disagree with option 2.\n");
    let args = [
        "import",
        "anon.txt",
        "--questions",
        "integrating-care",
        "--out",
        "anon.json",
    ];
    let mut session = crate::support::pty::Session::start(sandbox.path(), &args);
    session.wait_for("Which organisation is it from?");
    session.send("Typed Health Board\r");
    assert!(session.wait_exit(), "{}", session.contents());
    let response = response_at(&sandbox, "anon.json");
    assert_eq!(response.respondent.organisation, "Typed Health Board");
    assert_eq!(
        response.answer("q2").unwrap().position.as_deref(),
        Some("disagree")
    );
}

#[test]
fn without_org_and_no_name_in_the_document_it_fails_when_it_cannot_ask() {
    let sandbox = Sandbox::new();
    set_up(&sandbox, "anon.txt", "Question 2: We disagree with option 2.\n");
    let mut command = sandbox.consult(&["import", "anon.txt", "--questions", "integrating-care"]);
    command.write_stdin("");
    let out = run(command);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "consult: anon.txt: the document does not say which organisation sent it; name it with --org NAME\n"
    );
    assert_eq!(files_in(&sandbox.data().join("drafts")), Vec::<String>::new());
}

#[test]
fn without_out_each_document_becomes_a_draft() {
    let sandbox = Sandbox::new();
    set_up(&sandbox, "fenwick.md", REPLY);
    set_up(
        &sandbox,
        "hope.md",
        "# Response of the Hope Street Surgery\n\nQuestion 2: We agree with option 2.\n",
    );
    let out = run(sandbox.consult(&[
        "import",
        "fenwick.md",
        "hope.md",
        "--questions",
        "integrating-care",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let drafts = sandbox.data().join("drafts");
    assert_eq!(
        files_in(&drafts),
        [
            "fenwick-health-partnership-integrating-care.json",
            "hope-street-surgery-integrating-care.json"
        ]
    );
    assert!(out.stdout.contains(&format!(
        "wrote {}",
        drafts.join("hope-street-surgery-integrating-care.json").display()
    )));
}

#[test]
fn several_documents_take_a_folder_and_no_single_org() {
    let sandbox = Sandbox::new();
    set_up(&sandbox, "a.md", REPLY);
    set_up(&sandbox, "b.md", REPLY);
    let out = run(sandbox.consult(&[
        "import",
        "a.md",
        "b.md",
        "--questions",
        "integrating-care",
        "--org",
        "X",
    ]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("--org names one organisation"),
        "{}",
        out.stderr
    );

    let out = run(sandbox.consult(&[
        "import",
        "a.md",
        "b.md",
        "--questions",
        "integrating-care",
        "--out",
        "one.json",
    ]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("with several documents, --out names a folder"),
        "{}",
        out.stderr
    );
    assert!(!sandbox.path().join("one.json").exists());

    // Two documents from one organisation: the second gets a name of its own.
    let out = run(sandbox.consult(&[
        "import",
        "a.md",
        "b.md",
        "--questions",
        "integrating-care",
        "--out",
        "members/",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        files_in(&sandbox.path().join("members")),
        [
            "fenwick-health-partnership-integrating-care-2.json",
            "fenwick-health-partnership-integrating-care.json"
        ]
    );
}

#[test]
fn a_document_that_answers_nothing_writes_nothing_unless_asked() {
    let sandbox = Sandbox::new();
    set_up(
        &sandbox,
        "thanks.txt",
        "Thank you for your letter of 3 May.\n\nWe will reply later.\n",
    );
    let args = [
        "import",
        "thanks.txt",
        "--questions",
        "integrating-care",
        "--org",
        "Quiet Council",
    ];
    let out = run(sandbox.consult(&args));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(
            "consult: thanks.txt answers nothing in question set \"integrating-care\"; nothing written"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("2 not placed"), "{}", out.stdout);
    assert_eq!(files_in(&sandbox.data().join("drafts")), Vec::<String>::new());

    let out = run(sandbox.consult(&[&args[..], &["--out", "empty.json"]].concat()));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("pass --allow-empty"), "{}", out.stderr);
    assert!(!sandbox.path().join("empty.json").exists());

    let out = run(sandbox.consult(&[&args[..], &["--out", "empty.json", "--allow-empty"]].concat()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let response = response_at(&sandbox, "empty.json");
    assert!(response.answers.is_empty());
    assert_eq!(
        response.source.unwrap().unplaced().count(),
        2,
        "the words are kept, not placed"
    );
}

#[test]
fn bad_input_names_the_file_exits_2_and_writes_nothing() {
    let sandbox = Sandbox::new();
    fs::write(
        sandbox.path().join("scan.pdf"),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
    )
    .unwrap();
    fs::write(sandbox.path().join("good.md"), REPLY).unwrap();
    let out = run(sandbox.consult(&[
        "import",
        "good.md",
        "scan.pdf",
        "--questions",
        "integrating-care",
        "--out",
        "all/",
    ]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("consult: scan.pdf: "), "{}", out.stderr);
    assert!(out.stderr.contains("Word"), "says what to do: {}", out.stderr);
    assert!(
        !sandbox.path().join("all").exists(),
        "one bad file and nothing is written"
    );

    let out = run(sandbox.consult(&[
        "import",
        "missing.docx",
        "--questions",
        "integrating-care",
        "--org",
        "X",
    ]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "consult: missing.docx: error: no such file\n");
}

#[test]
fn an_existing_out_file_is_kept_without_force() {
    let sandbox = Sandbox::new();
    set_up(&sandbox, "fenwick.md", REPLY);
    set_up(&sandbox, "mine.json", "precious");
    let args = [
        "import",
        "fenwick.md",
        "--questions",
        "integrating-care",
        "--out",
        "mine.json",
    ];
    let out = run(sandbox.consult(&args));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("mine.json already exists; pass --force"),
        "{}",
        out.stderr
    );
    assert_eq!(
        fs::read_to_string(sandbox.path().join("mine.json")).unwrap(),
        "precious"
    );
    let out = run(sandbox.consult(&[&args[..], &["--force"]].concat()));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_hostile_document_shows_no_control_characters() {
    let sandbox = Sandbox::new();
    set_up(
        &sandbox,
        "evil.txt",
        "Question 1: We agree.\u{1b}[2J\n\nUnrelated words \u{1b}]0;title\u{7} here about nothing at all really.\n",
    );
    let out = run(sandbox.consult(&[
        "import",
        "evil.txt",
        "--questions",
        "integrating-care",
        "--org",
        "Evil",
        "--out",
        "e.json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{7}'),
        "{:?}",
        out.stdout
    );
}

const COMMISSION: &str = "tests/fixtures/health-devolution-commission.json";

#[test]
fn compare_imports_documents_on_the_way_and_marks_them() {
    let sandbox = Sandbox::new();
    set_up(&sandbox, "fenwick.md", REPLY);
    let commission = crate::support::fixtures::copy_into(COMMISSION, sandbox.path());
    let out = run(sandbox.consult(&[
        "compare",
        commission.to_str().unwrap(),
        "fenwick.md",
        "--format",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("fenwick.md: imported as ")
            && out
                .stderr
                .contains("3 position(s) inferred, 2 of 9 passage(s) not placed"),
        "{}",
        out.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let fenwick = json["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["organisation"] == "Fenwick Health Partnership")
        .expect("the document's member is compared");
    assert_eq!(fenwick["from_document"], true);
    assert!(
        fenwick["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("from a document")
    );
    let imported = sandbox.data().join("imported");
    assert_eq!(
        files_in(&imported),
        ["fenwick-health-partnership-integrating-care.json"]
    );

    // Comparing again reuses the same import rather than piling up copies.
    let again = run(sandbox.consult(&[
        "compare",
        commission.to_str().unwrap(),
        "fenwick.md",
        "--format",
        "md",
    ]));
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("from a document"), "{}", again.stdout);
    assert_eq!(files_in(&imported).len(), 1);

    // The spreadsheet says which member's rows came from its own document.
    let csv = run(sandbox.consult(&[
        "compare",
        commission.to_str().unwrap(),
        "fenwick.md",
        "--format",
        "csv",
    ]));
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.stdout.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let column = consult::compare::csv::HEADER
        .iter()
        .position(|c| *c == "from_document")
        .unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        let expected = if row[0] == "Fenwick Health Partnership" {
            "yes"
        } else {
            ""
        };
        assert_eq!(row[column], expected, "{row:?}");
    }
}

#[test]
fn compare_refuses_documents_it_cannot_place_and_sets_aside_those_naming_no_one() {
    let sandbox = Sandbox::new();
    set_up(&sandbox, "fenwick.md", REPLY);
    set_up(&sandbox, "anon.txt", "Question 1: We agree.\n");
    let out = run(sandbox.consult(&["compare", "fenwick.md", "--format", "json"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("name it with --questions"), "{}", out.stderr);

    let out = run(sandbox.consult(&[
        "compare",
        "fenwick.md",
        "anon.txt",
        "--questions",
        "integrating-care",
        "--format",
        "json",
    ]));
    // Set aside, as a comparison sets aside any file it cannot compare; the others compare.
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "anon.txt: the document does not say which organisation sent it; import it first with `consult import anon.txt --questions integrating-care --org NAME` and name the response instead; set aside"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn joint_new_refuses_a_document_that_names_no_one() {
    let sandbox = Sandbox::new();
    set_up(&sandbox, "anon.txt", "Question 1: We agree.\n");
    crate::support::fixtures::copy_into(COMMISSION, sandbox.path());
    let out = run(sandbox.consult(&[
        "joint",
        "new",
        "--org",
        "Network",
        "health-devolution-commission.json",
        "anon.txt",
        "--out",
        "joint.json",
    ]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("anon.txt: the document does not say which organisation sent it"),
        "{}",
        out.stderr
    );
    assert!(!sandbox.path().join("joint.json").exists());
}

#[test]
fn joint_new_takes_documents_as_members() {
    let sandbox = Sandbox::new();
    let members = sandbox.path().join("members");
    fs::create_dir_all(&members).unwrap();
    set_up(&sandbox, "members/fenwick.md", REPLY);
    crate::support::fixtures::copy_into(COMMISSION, &members);
    let out = run(sandbox.consult(&[
        "joint",
        "new",
        "--org",
        "Network",
        "--dir",
        "members",
        "--out",
        "members/joint.json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "members/fenwick.md: imported as members/fenwick-health-partnership-integrating-care.json"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("a joint response of 2 members"),
        "{}",
        out.stdout
    );
    let joint = response_at(&sandbox, "members/joint.json");
    let names: Vec<&str> = joint
        .joint
        .as_ref()
        .unwrap()
        .members
        .iter()
        .map(|m| m.organisation.as_str())
        .collect();
    assert!(names.contains(&"Fenwick Health Partnership"), "{names:?}");
    let out = run(sandbox.consult(&[
        "validate",
        "members/joint.json",
        "members/fenwick-health-partnership-integrating-care.json",
    ]));
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
}

/// `exports/samples` holds a member's Word reply from the corpus and the response `consult
/// import` makes of it (and that response's Markdown export), as the code makes them now.
/// `CONSULT_BLESS=1 cargo test --test it import` rewrites them after a deliberate change.
#[test]
fn the_imported_sample_is_current() {
    use consult::export::{self, Format};
    let root = crate::support::fixtures::root();
    let samples = root.join("exports/samples");
    let original = format!("{}/westvale-numbered.docx", crate::support::corpus::CORPUS);
    let bytes = fs::read(root.join(&original)).unwrap();
    let document = consult::import::read::read("westvale-numbered.docx", &bytes).unwrap();
    let set = crate::support::fixtures::built_in();
    let organisation = document.organisation.clone().unwrap().name;
    let source = consult::import::SourceFile {
        name: "westvale-numbered.docx".into(),
        digest: consult::model::sha256(&bytes),
    };
    let at = jiff::Timestamp::from_second(1_609_934_400).unwrap(); // 6 January 2021
    let response = consult::import::import(&document, &set, source, &organisation, at).response;
    let expected: Vec<(std::path::PathBuf, Vec<u8>)> = vec![
        (
            samples.join("westvale-numbered.member-document.docx"),
            bytes.clone(),
        ),
        (
            export::default_path(&samples, &response, Format::Json),
            export::json::render(&response).into_bytes(),
        ),
        (
            export::default_path(&samples, &response, Format::Markdown),
            export::render(Format::Markdown, &response, &set, &export::Options::default()),
        ),
    ];
    let bless = std::env::var_os("CONSULT_BLESS").is_some();
    let mut stale = Vec::new();
    for (path, wanted) in expected {
        if bless {
            fs::write(&path, &wanted).unwrap();
        } else if fs::read(&path).unwrap_or_default() != wanted {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "these samples differ from what the import makes: {}; run `CONSULT_BLESS=1 cargo test --test it import`, read the diff and commit it",
        stale.join(", ")
    );
    // The sample reads back as it was written, and validates.
    let text = fs::read_to_string(export::default_path(&samples, &response, Format::Json)).unwrap();
    let read = consult::parse::response(&text).unwrap();
    assert_eq!(read, response);
    assert!(consult::model::validate::response(&read, &set).is_empty());
}

#[test]
fn validate_finds_passages_that_do_not_follow_one_another() {
    let sandbox = Sandbox::new();
    set_up(&sandbox, "fenwick.md", REPLY);
    let out = run(sandbox.consult(&[
        "import",
        "fenwick.md",
        "--questions",
        "integrating-care",
        "--out",
        "f.json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut response = response_at(&sandbox, "f.json");
    let source = response.source.as_mut().unwrap();
    source.passages.swap(1, 2);
    source.passages[4].item = Some("q99".into());
    fs::write(
        sandbox.path().join("f.json"),
        consult::export::json::render(&response),
    )
    .unwrap();
    let out = run(sandbox.consult(&["validate", "f.json"]));
    assert_eq!(out.code, 2);
    for expected in [
        "source.passages[1].paragraph: passage starts at paragraph 2 byte 0, but the passage before it ends at paragraph 0",
        "source.passages[4].item: item \"q99\" is not in question set \"integrating-care\"",
    ] {
        assert!(
            out.stderr.contains(expected),
            "{expected:?} not in:\n{}",
            out.stderr
        );
    }
}
