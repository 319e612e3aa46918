//! The real `consult` binary, run as a user would: exit codes, messages and files written.
//!
//! Every malformed file in `tests/fixtures/bad/` is checked against `NAME.expected`, the
//! exact text `consult validate NAME` prints on stderr. After changing a message on purpose,
//! `CONSULT_BLESS=1 cargo test --test it cli` rewrites those files: read the diff before committing.

use crate::support;

use std::fs;
use std::path::{Path, PathBuf};

use consult::catalog::Catalog;
use consult::export::{self, Format};
use consult::model::Response;
use support::fixtures::{differs_from_expected, root};
use support::sandbox::{Sandbox, run};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn bad_dir() -> PathBuf {
    root().join("tests/fixtures/bad")
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Bad input: one file per error class, each with the exact message it earns.

/// Every file in `tests/fixtures/bad/` and the exit code `consult validate` gives it.
/// Those that exit 0 still load: text full of control characters and escape sequences
/// (`hostile-*`, which the screens and exports show safely), byte-order marks, and a
/// response written for an older version of its set, with a warning.
const BAD_FILES: &[(&str, i32)] = &[
    ("answered-twice.json", 2),
    ("array-of-responses.json", 2),
    ("bad-timestamp.json", 2),
    ("bom-only.json", 2),
    ("bom-question-set.json", 0),
    ("bom-twice.json", 0),
    ("bom.json", 0),
    ("boolean.json", 2),
    ("both-kinds.json", 2),
    ("closing-date-impossible.json", 2),
    ("closing-date-not-a-date.json", 2),
    ("deep-nesting-in-a-field.json", 2),
    ("deep-nesting.json", 2),
    ("digest-mismatch.json", 0),
    ("directory.json", 2),
    ("duplicate-item-ids-across-sections.json", 2),
    ("duplicate-item-ids.json", 2),
    ("duplicate-json-key.json", 2),
    ("duplicate-option-ids.json", 2),
    ("duplicate-scale-ids.json", 2),
    ("duplicate-section-ids.json", 2),
    ("empty-array.json", 2),
    ("empty-object.json", 2),
    ("empty.json", 2),
    ("format-version-zero.json", 2),
    ("future-version-response.json", 2),
    ("future-version-set.json", 2),
    ("future-version-too-large-for-u32.json", 2),
    ("future-version-with-new-fields.json", 2),
    ("hostile-digest-with-escapes.json", 0),
    ("hostile-escaped-nul.json", 0),
    ("hostile-markup-answer.json", 0),
    ("hostile-raw-c1-and-bidi.json", 0),
    ("hostile-response-escapes.json", 0),
    ("hostile-set-escapes.json", 0),
    ("invalid-json.json", 2),
    ("item-id-with-slash.json", 2),
    ("latin1.json", 2),
    ("missing-field.json", 2),
    ("not-a-document.json", 2),
    ("not-utf8.json", 2),
    ("null.json", 2),
    ("number.json", 2),
    ("option-id-with-escape.json", 2),
    ("position-not-on-scale.json", 2),
    ("position-on-free-text.json", 2),
    ("response-answer-is-a-string.json", 2),
    ("response-answer-item-empty.json", 2),
    ("response-answer-item-is-null.json", 2),
    ("response-answer-text-is-a-list.json", 2),
    ("response-answers-is-an-object.json", 2),
    ("response-contact-name-is-null.json", 2),
    ("response-created-is-a-number.json", 2),
    ("response-current-item-is-a-number.json", 2),
    ("response-digest-is-a-list.json", 2),
    ("response-email-is-a-number.json", 2),
    ("response-format-version-fraction.json", 2),
    ("response-format-version-huge.json", 2),
    ("response-format-version-null.json", 2),
    ("response-item-status-unknown.json", 2),
    ("response-missing-answer-item.json", 2),
    ("response-missing-created.json", 2),
    ("response-missing-digest.json", 2),
    ("response-missing-format-version.json", 2),
    ("response-missing-organisation.json", 2),
    ("response-missing-question-set.json", 2),
    ("response-missing-respondent.json", 2),
    ("response-on-behalf-is-a-string.json", 2),
    ("response-organisation-is-a-number.json", 2),
    ("response-position-empty.json", 2),
    ("response-position-is-a-number.json", 2),
    ("response-question-set-id-is-a-number.json", 2),
    ("response-question-set-is-a-string.json", 2),
    ("response-question-set-title-is-null.json", 2),
    ("response-reasoning-is-an-object.json", 2),
    ("response-respondent-is-a-list.json", 2),
    ("response-status-in-capitals.json", 2),
    ("response-status-is-a-number.json", 2),
    ("response-unknown-field-in-answer.json", 2),
    ("response-unknown-field-in-question-set.json", 2),
    ("response-unknown-field-in-respondent.json", 2),
    ("response-unknown-field.json", 2),
    ("scale-id-with-space.json", 2),
    ("section-id-empty.json", 2),
    ("set-closing-date-is-a-number.json", 2),
    ("set-format-version-negative.json", 2),
    ("set-id-is-a-number.json", 2),
    ("set-id-path.json", 2),
    ("set-id-too-long.json", 2),
    ("set-id-uppercase.json", 2),
    ("set-items-is-an-object.json", 2),
    ("set-missing-item-id.json", 2),
    ("set-missing-option-symbol.json", 2),
    ("set-missing-scale-options.json", 2),
    ("set-missing-section-items.json", 2),
    ("set-missing-sections.json", 2),
    ("set-missing-title.json", 2),
    ("set-no-sections.json", 2),
    ("set-options-is-a-string.json", 2),
    ("set-prompt-empty.json", 2),
    ("set-scale-without-options.json", 2),
    ("set-scales-is-an-object.json", 2),
    ("set-section-without-items.json", 2),
    ("set-sections-is-null.json", 2),
    ("set-symbol-is-a-number.json", 2),
    ("set-title-empty.json", 2),
    ("set-title-is-a-list.json", 2),
    ("set-unknown-field-in-option.json", 2),
    ("set-unknown-field-in-scale.json", 2),
    ("set-unknown-field-in-section.json", 2),
    ("set-unknown-field.json", 2),
    ("set-word-limit-fraction.json", 2),
    ("set-word-limit-is-a-string.json", 2),
    ("set-word-limit-negative.json", 2),
    ("set-word-limit-too-large.json", 2),
    ("string.json", 2),
    ("syntax-bad-literal.json", 2),
    ("syntax-bare-decimal-point.json", 2),
    ("syntax-comment.json", 2),
    ("syntax-invalid-escape.json", 2),
    ("syntax-key-is-a-number.json", 2),
    ("syntax-leading-zero.json", 2),
    ("syntax-lone-surrogate.json", 2),
    ("syntax-missing-colon.json", 2),
    ("syntax-missing-comma-in-list.json", 2),
    ("syntax-missing-value.json", 2),
    ("syntax-nan.json", 2),
    ("syntax-nul-between-values.json", 2),
    ("syntax-number-out-of-range.json", 2),
    ("syntax-plus-sign.json", 2),
    ("syntax-raw-escape-in-string.json", 2),
    ("syntax-raw-newline-in-string.json", 2),
    ("syntax-raw-nul-in-string.json", 2),
    ("syntax-short-unicode-escape.json", 2),
    ("syntax-single-quotes.json", 2),
    ("syntax-trailing-comma-in-list.json", 2),
    ("syntax-trailing-comma-in-object.json", 2),
    ("syntax-two-documents.json", 2),
    ("syntax-unclosed-bracket.json", 2),
    ("syntax-unquoted-key.json", 2),
    ("timestamp-empty.json", 2),
    ("timestamp-month-13.json", 2),
    ("timestamp-without-offset.json", 2),
    ("timestamp-year-99999.json", 2),
    ("trailing-garbage.json", 2),
    ("truncated-after-a-key.json", 2),
    ("truncated-in-a-list.json", 2),
    ("truncated-in-a-literal.json", 2),
    ("truncated-in-a-number.json", 2),
    ("truncated-in-a-string.json", 2),
    ("truncated-in-an-escape.json", 2),
    ("truncated-one-brace-short.json", 2),
    ("truncated.json", 2),
    ("unknown-field-named-with-escapes.json", 2),
    ("unknown-field.json", 2),
    ("unknown-item.json", 2),
    ("unknown-question-set.json", 2),
    ("unknown-scale.json", 2),
    ("unknown-status.json", 2),
    ("utf16-be-with-bom.json", 2),
    ("utf16-le-with-bom.json", 2),
    ("utf16-le-without-bom.json", 2),
    ("utf32-le.json", 2),
    ("utf8-cut-mid-character.json", 2),
    ("utf8-overlong-nul.json", 2),
    ("utf8-surrogate.json", 2),
    ("whitespace-only.json", 2),
    ("windows-1252-quotes.json", 2),
    ("wrong-type.json", 2),
];

#[test]
fn every_bad_file_has_an_expected_outcome() {
    let mut on_disk: Vec<String> = fs::read_dir(bad_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    on_disk.sort();
    let listed: Vec<String> = BAD_FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        on_disk, listed,
        "BAD_FILES must list exactly the files in tests/fixtures/bad"
    );
}

#[test]
fn each_bad_file_gets_its_exact_message_and_exit_code() {
    let sandbox = Sandbox::new();
    let mut failures = Vec::new();
    for &(name, code) in BAD_FILES {
        let out = run(sandbox.consult_in(&bad_dir(), &["validate", name]));
        let expected = bad_dir().join(name.replace(".json", ".expected"));
        failures.extend(differs_from_expected(name, &expected, &out.stderr));
        if out.code != code {
            failures.push(format!("{name}: exit code {} (expected {code})", out.code));
        }
        if out.stderr.chars().any(|c| c.is_control() && c != '\n') {
            failures.push(format!(
                "{name}: a control character from the file reached the terminal: {:?}",
                out.stderr
            ));
        }
        let stdout = if code == 0 {
            format!("{name}: ok\n")
        } else {
            String::new()
        };
        if out.stdout != stdout {
            failures.push(format!("{name}: stdout {:?} (expected {stdout:?})", out.stdout));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn error_messages_name_the_place_and_the_problem() {
    // The .expected files are checked above; these spot checks say, in the test itself,
    // what a user must be told for the error classes that matter most.
    let expect = |name: &str, text: &str| {
        let expected = fs::read_to_string(bad_dir().join(name.replace(".json", ".expected"))).unwrap();
        assert!(
            expected.contains(text),
            "{name}: {expected:?} should contain {text:?}"
        );
    };
    expect("invalid-json.json", "invalid-json.json:21:7: error: invalid JSON");
    expect("unknown-field.json", "unknown field `colour`");
    expect("unknown-field.json", "sections[0].items[0].colour");
    expect(
        "missing-field.json",
        "missing field `prompt` (at sections[0].items[0])",
    );
    expect(
        "duplicate-item-ids.json",
        "error at sections[0].items[1].id: duplicate item id \"q1\"",
    );
    expect(
        "unknown-scale.json",
        "uses scale \"agreemnet\", which does not exist",
    );
    expect(
        "position-not-on-scale.json",
        "error at answers[0].position: \"strongly-agree\" is not an option",
    );
    expect("digest-mismatch.json", "warning at question_set.digest");
    expect(
        "future-version-set.json",
        "format version 3 is from a newer consult",
    );
    expect(
        "future-version-response.json",
        "format version 7 is from a newer consult",
    );
    expect("empty.json", "empty.json: error: file is empty");
    expect("not-utf8.json", "not-utf8.json:23:28: error: file is not UTF-8");
    expect(
        "directory.json",
        "directory.json: error: is a directory, not a file",
    );
    expect(
        "unknown-question-set.json",
        "answers question set \"school-meals\", which consult does not know",
    );
    expect(
        "unknown-item.json",
        "error at answers[0].item: item \"q9\" is not in question set",
    );
    expect(
        "trailing-garbage.json",
        "trailing-garbage.json:29:1: error: invalid JSON",
    );
    expect(
        "truncated.json",
        "truncated.json:13:1: error: file ends too early",
    );
}

#[test]
fn all_bad_files_at_once_are_each_reported() {
    let sandbox = Sandbox::new();
    let mut args = vec!["validate"];
    args.extend(BAD_FILES.iter().map(|(name, _)| *name));
    let out = run(sandbox.consult_in(&bad_dir(), &args));
    assert_eq!(out.code, 2);
    let failing = BAD_FILES.iter().filter(|(_, code)| *code != 0).count();
    assert!(
        out.stderr.ends_with(&format!(
            "consult: {failing} of {} file(s) have problems\n",
            BAD_FILES.len()
        )),
        "{}",
        out.stderr
    );
    let ok: String = BAD_FILES
        .iter()
        .filter(|(_, code)| *code == 0)
        .map(|(name, _)| format!("{name}: ok\n"))
        .collect();
    assert_eq!(out.stdout, ok);
}

#[test]
fn a_missing_file_is_named() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.consult(&["validate", "nowhere.json"]));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "nowhere.json: error: no such file\nconsult: 1 of 1 file(s) have problems\n"
    );
}

#[test]
fn a_response_can_be_checked_against_a_set_named_beside_it() {
    let sandbox = Sandbox::new();
    // The set is nowhere consult would look, so the response alone cannot be checked...
    meals_response(&sandbox, "Parents' Forum");
    let alone = run(sandbox.consult(&["validate", "r.json"]));
    assert_eq!(alone.code, 2);
    assert!(
        alone.stderr.contains("which consult does not know"),
        "{}",
        alone.stderr
    );
    // ...but naming the set too, in either order, is enough.
    let both = run(sandbox.consult(&["validate", "r.json", "meals.json"]));
    assert_eq!(
        (both.code, both.stdout.as_str()),
        (0, "r.json: ok\nmeals.json: ok\n")
    );
}

// ---------------------------------------------------------------------------------------------
// questions

#[test]
fn questions_lists_the_built_in_sets_with_their_items() {
    let out = run(Sandbox::new().consult(&["questions"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["ID", "ITEMS", "TITLE"]
    );
    let rows: Vec<Vec<&str>> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows[0][..3], ["integrating-care", "14", "Integrating"]);
    assert!(lines[1].ends_with("across England (built in)"), "{}", lines[1]);
    assert_eq!(rows[1][..3], ["integration-and-innovation", "9", "Integration"]);
    assert_eq!(rows[2][..3], ["health-and-care-bill", "6", "A"]);
    assert!(
        lines[3].ends_with("Second Reading of the Health and Care Bill (built in)"),
        "{}",
        lines[3]
    );
    assert_eq!(lines.len(), 4);
}

/// `meals.json`, a set consult does not know of itself, and `r.json`, an empty
/// response to it from `org`, both in the sandbox.
fn meals_response(sandbox: &Sandbox, org: &str) {
    fs::write(sandbox.path().join("meals.json"), school_meals_set()).unwrap();
    let args = [
        "new",
        "--questions",
        "meals.json",
        "--org",
        org,
        "--out",
        "r.json",
    ];
    sandbox.consult(&args).assert().success();
}

fn school_meals_set() -> String {
    fs::read_to_string(bad_dir().join("unknown-scale.json"))
        .unwrap()
        .replace("agreemnet", "agreement")
}

#[test]
fn questions_lists_the_users_own_sets_and_reports_broken_ones() {
    let sandbox = Sandbox::new();
    let dir = sandbox.config().join("questions");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("meals.json"), school_meals_set()).unwrap();
    let out = run(sandbox.consult(&["questions"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let row = out
        .stdout
        .lines()
        .find(|l| l.starts_with("school-meals"))
        .unwrap();
    assert!(row.contains("  1  School meals: a consultation ("), "{row}");

    fs::copy(bad_dir().join("duplicate-item-ids.json"), dir.join("broken.json")).unwrap();
    let out = run(sandbox.consult(&["questions"]));
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("school-meals"), "good sets are still listed");
    assert!(
        out.stderr
            .contains("broken.json: error at sections[0].items[1].id: duplicate item id \"q1\""),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn questions_never_sends_escape_sequences_from_a_users_set_to_the_terminal() {
    let sandbox = Sandbox::new();
    let dir = sandbox.config().join("questions");
    fs::create_dir_all(&dir).unwrap();
    let hostile = school_meals_set().replace("School meals", "School \\u001b[2Jmeals\\u0007");
    fs::write(dir.join("meals\x1b]0;title\x07.json"), hostile).unwrap();
    fs::write(dir.join("broken\x1b[31m.json"), "{").unwrap();
    let out = run(sandbox.consult(&["questions"]));
    for text in [&out.stdout, &out.stderr] {
        assert!(
            !text.contains('\x1b') && !text.contains('\x07'),
            "raw control characters:\n{text:?}"
        );
    }
    assert!(
        out.stdout.contains("School ␛[2Jmeals␇"),
        "shown as pictures: {}",
        out.stdout
    );
    assert!(out.stderr.contains("broken␛[31m.json"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------------------------
// new

/// `consult new` for the organisation "X", written to `f.json`.
const NEW_X: &[&str] = &[
    "new",
    "--questions",
    "integrating-care",
    "--org",
    "X",
    "--out",
    "f.json",
];

#[test]
fn new_writes_an_empty_response_that_validates() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.consult(NEW_X));
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "wrote f.json\n"),
        "{}",
        out.stderr
    );

    let text = fs::read_to_string(sandbox.path().join("f.json")).unwrap();
    let response = consult::parse::response(&text).unwrap();
    let set = Catalog::built_in().find("integrating-care").unwrap().clone();
    assert_eq!(response.respondent.organisation, "X");
    assert_eq!(response.question_set.digest, set.digest());
    assert!(response.answers.is_empty());
    assert_eq!(response.current_item.as_deref(), Some("summary"));

    let out = run(sandbox.consult(&["validate", "f.json"]));
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "f.json: ok\n", "")
    );
}

#[test]
fn new_without_out_saves_a_draft_in_the_data_folder_and_never_clobbers_one() {
    let sandbox = Sandbox::new();
    let drafts = sandbox.data().join("drafts");
    for expected in [
        "acme-ltd-integrating-care.json",
        "acme-ltd-integrating-care-2.json",
    ] {
        let out = run(sandbox.consult(&["new", "--questions", "integrating-care", "--org", "Acme Ltd"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stdout, format!("wrote {}\n", drafts.join(expected).display()));
    }
    #[cfg(unix)]
    assert_eq!(
        support::files::mode(&drafts.join("acme-ltd-integrating-care.json")),
        0o600,
        "drafts are private to their owner"
    );
}

#[test]
fn new_accepts_a_question_set_file() {
    let sandbox = Sandbox::new();
    fs::write(sandbox.path().join("meals.json"), school_meals_set()).unwrap();
    let out = run(sandbox.consult(&[
        "new",
        "--questions",
        "meals.json",
        "--org",
        "Y",
        "--out",
        "r.json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let response =
        consult::parse::response(&fs::read_to_string(sandbox.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(response.question_set.id, "school-meals");
}

#[test]
fn new_with_an_unknown_set_says_which_sets_there_are() {
    let out = run(Sandbox::new().consult(&["new", "--questions", "nope", "--org", "X"]));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "consult: nope: error: not a known question set id (known sets: integrating-care, integration-and-innovation, health-and-care-bill), nor a file\n"
    );
}

#[test]
fn new_refuses_an_empty_organisation_and_an_existing_file() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.consult(&["new", "--questions", "integrating-care", "--org", "  "]));
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (2, "consult: --org: the organisation's name is empty\n")
    );

    let existing = sandbox.path().join("f.json");
    fs::write(&existing, "keep me").unwrap();
    let out = run(sandbox.consult(NEW_X));
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "consult: f.json already exists; pass --force to overwrite it\n"
    );
    assert_eq!(fs::read_to_string(&existing).unwrap(), "keep me");

    let out = run(sandbox.consult(&[NEW_X, &["--force"]].concat()));
    assert_eq!(out.code, 0);
    assert!(
        fs::read_to_string(&existing)
            .unwrap()
            .contains("\"organisation\": \"X\"")
    );
}

// ---------------------------------------------------------------------------------------------
// validate

#[test]
fn the_built_in_question_set_validates() {
    let out = run(Sandbox::new().consult_in(root(), &["validate", "questions/integrating-care.json"]));
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "questions/integrating-care.json: ok\n", "")
    );
}

#[test]
fn the_sample_responses_validate() {
    let out = run(Sandbox::new().consult_in(
        root(),
        &[
            "validate",
            "tests/fixtures/health-devolution-commission.json",
            "tests/fixtures/local-government.json",
        ],
    ));
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (
            0,
            "tests/fixtures/health-devolution-commission.json: ok\ntests/fixtures/local-government.json: ok\n",
            ""
        )
    );
}

// ---------------------------------------------------------------------------------------------
// export

fn expected_export(fixture_name: &str, format: Format, skip_empty: bool) -> String {
    let text = fs::read_to_string(fixture(fixture_name)).unwrap();
    let response: Response = consult::parse::response(&text).unwrap();
    let catalog = Catalog::built_in();
    let set = catalog.find(&response.question_set.id).unwrap();
    let options = export::Options {
        skip_empty,
        ..export::Options::default()
    };
    String::from_utf8(export::render(format, &response, set, &options)).unwrap()
}

#[test]
fn export_writes_to_exports_in_the_current_folder_by_default() {
    let sandbox = Sandbox::new();
    let hdc = fixture("health-devolution-commission.json");
    let out = run(sandbox.consult(&["export", p(&hdc), "--format", "md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "wrote exports/health-devolution-commission-integrating-care.md\n"
    );
    let written = fs::read_to_string(
        sandbox
            .path()
            .join("exports/health-devolution-commission-integrating-care.md"),
    )
    .unwrap();
    assert_eq!(
        written,
        expected_export("health-devolution-commission.json", Format::Markdown, false)
    );

    let out = run(sandbox.consult(&["export", p(&hdc), "--format", "json"]));
    assert_eq!(
        out.stdout,
        "wrote exports/health-devolution-commission-integrating-care.json\n"
    );
}

#[test]
fn export_as_json_gives_back_the_fixture_byte_for_byte() {
    let sandbox = Sandbox::new();
    for name in ["health-devolution-commission.json", "local-government.json"] {
        let out = run(sandbox.consult(&["export", p(&fixture(name)), "--format", "json", "--out", name]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(
            fs::read(sandbox.path().join(name)).unwrap(),
            fs::read(fixture(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn export_never_overwrites_without_force() {
    let sandbox = Sandbox::new();
    let hdc = fixture("health-devolution-commission.json");
    let target = sandbox.path().join("out.md");
    fs::write(&target, "my own notes").unwrap();

    let out = run(sandbox.consult(&["export", p(&hdc), "--format", "md", "--out", "out.md"]));
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "consult: out.md already exists; pass --force to overwrite it\n"
    );
    assert_eq!(out.stdout, "");
    assert_eq!(fs::read_to_string(&target).unwrap(), "my own notes");

    let out = run(sandbox.consult(&["export", p(&hdc), "--format", "md", "--out", "out.md", "--force"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        expected_export("health-devolution-commission.json", Format::Markdown, false)
    );
}

#[test]
fn export_into_a_folder_uses_the_default_name() {
    let sandbox = Sandbox::new();
    fs::create_dir(sandbox.path().join("out")).unwrap();
    let lga = fixture("local-government.json");
    let out = run(sandbox.consult(&["export", p(&lga), "--format", "md", "--out", "out"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        sandbox
            .path()
            .join("out/local-government-association-integrating-care.md")
            .is_file()
    );
}

#[test]
fn export_skip_empty_leaves_out_unanswered_items() {
    let sandbox = Sandbox::new();
    sandbox
        .consult(&[
            "new",
            "--questions",
            "integrating-care",
            "--org",
            "Quiet Council",
            "--out",
            "q.json",
        ])
        .assert()
        .success();
    let full = run(sandbox.consult(&["export", "q.json", "--format", "md", "--out", "full.md"]));
    let skipped = run(sandbox.consult(&[
        "export",
        "q.json",
        "--format",
        "md",
        "--out",
        "short.md",
        "--skip-empty",
    ]));
    assert_eq!((full.code, skipped.code), (0, 0));
    let full = fs::read_to_string(sandbox.path().join("full.md")).unwrap();
    let short = fs::read_to_string(sandbox.path().join("short.md")).unwrap();
    assert_eq!(full.matches("*Not answered.*").count(), 14);
    assert!(full.contains("### Question 1"));
    assert!(!short.contains("Not answered"));
    assert!(!short.contains("### Question 1"));
    assert!(short.contains("- **Organisation:** Quiet Council"));
}

#[test]
fn export_of_a_response_with_a_stale_digest_warns_and_still_exports() {
    let sandbox = Sandbox::new();
    let stale = bad_dir().join("digest-mismatch.json");
    let out = run(sandbox.consult(&["export", p(&stale), "--format", "md", "--out", "s.md"]));
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.contains("warning at question_set.digest"),
        "{}",
        out.stderr
    );
    assert!(sandbox.path().join("s.md").is_file());
}

#[test]
fn export_finds_the_set_named_by_questions() {
    let sandbox = Sandbox::new();
    meals_response(&sandbox, "Z");
    let out = run(sandbox.consult(&["export", "r.json", "--format", "md", "--out", "r.md"]));
    assert_eq!(out.code, 2);
    let out = run(sandbox.consult(&[
        "export",
        "r.json",
        "--format",
        "md",
        "--out",
        "r.md",
        "--questions",
        "meals.json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = fs::read_to_string(sandbox.path().join("r.md")).unwrap();
    assert!(
        md.starts_with("# School meals: a consultation — response from Z\n"),
        "{md}"
    );
}

#[test]
fn export_of_a_bad_response_writes_nothing() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.consult(&[
        "export",
        p(&bad_dir().join("unknown-item.json")),
        "--format",
        "md",
    ]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("item \"q9\" is not in question set"),
        "{}",
        out.stderr
    );
    assert!(!sandbox.path().join("exports").exists());
}

// ---------------------------------------------------------------------------------------------
// help and usage

#[test]
fn every_subcommand_has_help() {
    let sandbox = Sandbox::new();
    for (args, usage) in [
        (vec!["--help"], "Usage: consult [COMMAND]"),
        (vec!["help", "export"], "Usage: consult export"),
        (vec!["edit", "--help"], "Usage: consult edit [OPTIONS] <FILE>"),
        (vec!["questions", "--help"], "Usage: consult questions"),
        (
            vec!["new", "--help"],
            "Usage: consult new [OPTIONS] --questions <ID|FILE> --org <NAME>",
        ),
        (
            vec!["validate", "--help"],
            "Usage: consult validate [OPTIONS] <FILE>...",
        ),
        (
            vec!["export", "--help"],
            "Usage: consult export [OPTIONS] --format <FORMAT> <RESPONSE>",
        ),
    ] {
        let out = run(sandbox.consult(&args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(out.stdout.contains(usage), "{args:?}:\n{}", out.stdout);
    }
    let out = run(sandbox.consult(&["export", "--help"]));
    for option in [
        "--format",
        "--out",
        "--force",
        "--skip-empty",
        "--no-reasoning",
        "--strict",
        "--questions",
    ] {
        assert!(
            out.stdout.contains(option),
            "export --help should explain {option}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let sandbox = Sandbox::new();
    for args in [
        vec!["frobnicate"],
        vec!["validate"],
        vec!["export", "x.json"],
        vec!["export", "x.json", "--format", "pdf"],
        vec!["new", "--org", "X"],
        vec!["questions", "--colour"],
    ] {
        let out = run(sandbox.consult(&args));
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.starts_with("error: "), "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "");
    }
}

/// The local-government response, which never addressed the Commission's eight elements:
/// marked "not answering", they are no part of the submission as sent.
#[test]
fn answered_only_leaves_out_the_items_not_answered_on_purpose() {
    let sandbox = Sandbox::new();
    let mut response: Response = consult::parse::response(
        &fs::read_to_string(root().join("tests/fixtures/local-government.json")).unwrap(),
    )
    .unwrap();
    for answer in response.answers.iter_mut().filter(|a| a.item.starts_with('e')) {
        answer.position = None;
        answer.answer.clear();
        answer.reasoning.clear();
        answer.not_answering = true;
    }
    response.format_version = response.format_to_write();
    let file = sandbox.path().join("lga.json");
    fs::write(&file, export::json::render(&response)).unwrap();
    let html = sandbox.path().join("sent.html");
    let args = [
        "export",
        p(&file),
        "--format",
        "html",
        "--answered-only",
        "--out",
        p(&html),
    ];
    let done = run(sandbox.consult(&args));
    assert_eq!(done.code, 0, "{}", done.stderr);
    let sent = fs::read_to_string(&html).unwrap();
    assert!(
        sent.contains("Question 1") && !sent.contains("Element 1"),
        "{sent}"
    );
    assert!(
        !sent.contains("Not answered") && !sent.contains("No position"),
        "{sent}"
    );
    let all = sandbox.path().join("all.md");
    let done = run(sandbox.consult(&["export", p(&file), "--format", "md", "--out", p(&all)]));
    assert_eq!(done.code, 0, "{}", done.stderr);
    let all = fs::read_to_string(&all).unwrap();
    assert_eq!(all.matches("We are not answering this item.").count(), 8, "{all}");
}
