//! Files from elsewhere are hostile until proven otherwise. The loaders never panic, hang
//! or run out of memory on any input, and every problem they report says where it is;
//! whatever text a file holds survives a save losslessly; and nothing a file holds can
//! reach the terminal as a control character or an escape sequence.
//!
//! The same loaders are fuzzed by the targets in `fuzz/` (see the README's "Fuzzing").

mod support;

use std::io::Read as _;
use std::path::Path;

use proptest::prelude::*;

use consult::catalog::Catalog;
use consult::documents;
use consult::export::json;
use consult::model::validate::{Location, Problem};
use consult::model::{Answer, ItemStatus, QuestionSet};
use consult::parse::{self, MAX_FILE_BYTES};
use consult::storage;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

fn built_in() -> QuestionSet {
    Catalog::built_in().find("integrating-care").unwrap().clone()
}

const COMMISSION: &str = "tests/fixtures/health-devolution-commission.json";
const QUESTIONS: &str = "questions/integrating-care.json";

// ---------------------------------------------------------------------------------------------
// Any bytes at all.

/// Problems that concern the file as a whole, and so have no line or path to give.
const WHOLE_FILE: &[&str] = &[
    "file is empty",
    "not a consult document: ",
    "file is larger than ",
];

/// Panics unless `problem` tells the user where to look in `text`: a line and column inside
/// it, a JSON path, or (for a whole-file problem) nothing more.
fn assert_located(problem: &Problem, text: &[u8]) {
    match &problem.location {
        Location::Text { line, column } => {
            let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
            assert!(
                (1..=lines.len()).contains(line),
                "line {line} of {}: {problem:?}",
                lines.len()
            );
            let length = lines[line - 1].len();
            assert!(
                (1..=length + 1).contains(column),
                "column {column} of a {length}-byte line: {problem:?}"
            );
        }
        Location::Path(path) => assert!(!path.is_empty(), "{problem:?}"),
        Location::File => assert!(
            WHOLE_FILE.iter().any(|m| problem.message.starts_with(m)),
            "a problem without a place must concern the whole file: {problem:?}"
        ),
    }
    assert!(!problem.message.trim().is_empty(), "{problem:?}");
    assert!(
        !problem.message.chars().any(|c| c.is_control()),
        "a message is printed on a terminal: {problem:?}"
    );
}

/// Runs every loader over `bytes` as the command line and the app do, checking each problem.
fn load_everything(bytes: &[u8], catalog: &Catalog) {
    let text = match parse::decode(bytes) {
        Ok(text) => text,
        Err(problem) => return assert_located(&problem, bytes),
    };
    let located = |problems: &[Problem]| {
        assert!(!problems.is_empty(), "an error names at least one problem");
        for problem in problems {
            assert_located(problem, text.as_bytes());
        }
    };
    if let Err(problem) = parse::kind(text) {
        located(&[problem]);
    }
    if let Err(problems) = parse::question_set(text) {
        located(&problems);
    }
    if let Err(problem) = parse::response(text) {
        located(&[problem]);
    }
    match documents::response_from_text(text, catalog, None) {
        Ok(opened) => located_warnings(&opened.warnings, text),
        Err(problems) => located(&problems),
    }
}

fn located_warnings(warnings: &[Problem], text: &str) {
    for warning in warnings {
        assert_located(warning, text.as_bytes());
    }
}

/// One small change to a file: the kind of damage a bad disk, a bad copy or a person makes.
#[derive(Debug, Clone)]
enum Edit {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let fragments = prop::sample::select(vec![
        b"{".to_vec(),
        b"}".to_vec(),
        b"[".to_vec(),
        b"]".to_vec(),
        b",".to_vec(),
        b":".to_vec(),
        b"\"".to_vec(),
        b"\\".to_vec(),
        b"\\u".to_vec(),
        b"\\ud800".to_vec(),
        b"null".to_vec(),
        b"-1".to_vec(),
        b"1e999".to_vec(),
        b"18446744073709551616".to_vec(),
        b"0.5".to_vec(),
        b"\"x\":1,".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
        b"\xff".to_vec(),
        b"\x00".to_vec(),
        b"\x1b[2J".to_vec(),
        b"\xc2\x9b".to_vec(),
        b"\xe2\x80\xae".to_vec(),
    ]);
    prop_oneof![
        any::<prop::sample::Index>().prop_map(|i| Edit::Truncate(i.index(usize::MAX))),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), fragments).prop_map(|(at, f)| Edit::Insert(at, f)),
        (any::<usize>(), any::<Vec<u8>>()).prop_map(|(at, f)| Edit::Insert(at, f)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let at = |n: usize| {
        if bytes.is_empty() {
            0
        } else {
            n % (bytes.len() + 1)
        }
    };
    match edit {
        Edit::Truncate(n) => {
            let n = at(*n);
            bytes.truncate(n);
        }
        Edit::Delete(start, n) => {
            let start = at(*start);
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        Edit::Insert(start, fragment) => {
            let start = at(*start);
            bytes.splice(start..start, fragment.iter().copied());
        }
        Edit::Replace(start, b) => {
            let start = at(*start);
            if start < bytes.len() {
                bytes[start] = *b;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_a_loader_and_every_problem_is_located(
        bytes in prop::collection::vec(any::<u8>(), 0..2048)
    ) {
        load_everything(&bytes, &Catalog::built_in());
    }

    #[test]
    fn damaged_documents_never_panic_a_loader_and_every_problem_is_located(
        which in prop::sample::select(vec![
            COMMISSION,
            "tests/fixtures/local-government.json",
            QUESTIONS,
            "tests/fixtures/bad/unknown-scale.json",
        ]),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let mut bytes = read(which).into_bytes();
        for edit in &edits {
            apply(&mut bytes, edit);
        }
        load_everything(&bytes, &Catalog::built_in());
    }
}

// ---------------------------------------------------------------------------------------------
// Shapes that break naive parsers.

#[test]
fn deeply_nested_json_is_a_clean_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    let problem = parse::kind(&deep).unwrap_err();
    assert_eq!(problem.message, "invalid JSON: nested more than 128 levels deep");
    assert!(matches!(problem.location, Location::Text { line: 1, .. }));

    // Deep inside a document that is otherwise fine: each loader stops at the first level
    // that has the wrong shape, without reading further in.
    let set = read(QUESTIONS).replacen(
        "\"publisher\": \"NHS England\"",
        &format!("\"publisher\": {}", "{\"a\":".repeat(100_000)),
        1,
    );
    let problems = parse::question_set(&set).unwrap_err();
    assert_eq!(
        problems[0].message,
        "invalid type: map, expected a string (at publisher)"
    );
    let response = read(COMMISSION).replacen("\"answers\": [", &format!("\"answers\": {}", "[".repeat(100_000)), 1);
    let problem = parse::response(&response).unwrap_err();
    assert_eq!(
        problem.message,
        "invalid type: sequence, expected a string (at answers[0][0])"
    );
    for text in [&deep, &set, &response] {
        load_everything(text.as_bytes(), &Catalog::built_in());
    }
}

#[test]
fn nesting_within_the_limit_is_judged_on_its_shape() {
    // 100 levels is allowed by the parser, and refused for what it is: not a string.
    let nested = read(QUESTIONS).replacen(
        "\"publisher\": \"NHS England\"",
        &format!("\"publisher\": {}{}", "[".repeat(100), "]".repeat(100)),
        1,
    );
    let problems = parse::question_set(&nested).unwrap_err();
    assert_eq!(
        problems[0].message,
        "invalid type: sequence, expected a string (at publisher)"
    );
}

#[test]
fn a_ten_megabyte_answer_loads_and_round_trips() {
    let set = built_in();
    let mut response = parse::response(&read(COMMISSION)).unwrap();
    let huge: String =
        "Twelve words, some “quoted”, one wide: 東京, and a line break.\n".repeat(10 * 1024 * 1024 / 70);
    assert!(huge.len() >= 10_000_000);
    response.answer_mut(&set, "q1").answer = huge.clone();
    let text = json::render(&response);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    std::fs::write(&path, &text).unwrap();
    let opened = documents::open_response(&path, &Catalog::built_in(), None).unwrap();
    assert_eq!(opened.response.answer("q1").unwrap().answer, huge);
    assert_eq!(opened.response, response);
    assert_eq!(json::render(&opened.response), text);
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    for name in [COMMISSION, QUESTIONS] {
        let plain = read(name);
        let path = dir.path().join("bom.json");
        std::fs::write(&path, [b"\xEF\xBB\xBF".as_slice(), plain.as_bytes()].concat()).unwrap();
        assert_eq!(storage::read_text(&path).unwrap(), plain, "{name}");
    }
    let path = dir.path().join("bom.json");
    std::fs::write(
        &path,
        [b"\xEF\xBB\xBF".as_slice(), read(COMMISSION).as_bytes()].concat(),
    )
    .unwrap();
    let opened = documents::open_response(&path, &Catalog::built_in(), None).unwrap();
    assert_eq!(opened.response, parse::response(&read(COMMISSION)).unwrap());
    assert!(opened.warnings.is_empty());
}

/// Every C0 and C1 control character, DEL, and the bidirectional overrides and isolates.
fn every_control() -> String {
    (0u32..0x20)
        .chain(0x7F..0xA0)
        .chain(0x202A..=0x202E)
        .chain(0x2066..=0x2069)
        .filter_map(char::from_u32)
        .collect()
}

/// `text` with every control character inside it, NUL first.
fn laced(text: &str) -> String {
    format!("\0{text}{}\x1b[2J\x1b]0;title\x07end\0", every_control())
}

#[test]
fn nul_and_every_control_character_in_every_response_field_round_trip() {
    let set = built_in();
    let mut response = parse::response(&read(COMMISSION)).unwrap();
    let r = &mut response.respondent;
    r.organisation = laced(&r.organisation);
    r.contact_name = laced(&r.contact_name);
    r.role = laced(&r.role);
    r.email = Some(laced("a@example.org"));
    response.question_set.title = laced(&response.question_set.title);
    for answer in &mut response.answers {
        answer.answer = laced(&answer.answer);
        answer.reasoning = laced(&answer.reasoning);
    }
    // An answer nobody started, holding only control characters.
    response.answers.retain(|a| a.item != "comments");
    response.answers.push(Answer {
        item: "comments".into(),
        position: None,
        answer: every_control(),
        reasoning: "\0".into(),
        status: ItemStatus::Draft,
    });

    let text = json::render(&response);
    assert!(
        !text.contains('\0') && !text.contains('\x1b'),
        "JSON escapes them"
    );
    let again = parse::response(&text).unwrap();
    assert_eq!(again, response);
    assert_eq!(json::render(&again), text, "saving again changes nothing");
    // Control characters are text, not damage: the response still opens.
    let opened = documents::response_from_text(&text, &Catalog::built_in(), Some(&set)).unwrap();
    assert_eq!(opened.response, response);
}

#[test]
fn control_characters_in_every_question_set_field_round_trip() {
    let mut set = built_in();
    set.title = laced(&set.title);
    set.publisher = laced(&set.publisher);
    set.source = laced(&set.source);
    for scale in &mut set.scales {
        scale.name = laced(&scale.name);
        for option in &mut scale.options {
            option.label = laced(&option.label);
            option.symbol = laced(&option.symbol);
        }
    }
    for section in &mut set.sections {
        section.title = laced(&section.title);
        section.source = Some(laced(section.source.as_deref().unwrap_or("")));
        section.intro = Some(laced(section.intro.as_deref().unwrap_or("")));
        for item in &mut section.items {
            item.label = laced(&item.label);
            item.prompt = laced(&item.prompt);
            item.context = Some(laced(item.context.as_deref().unwrap_or("")));
        }
    }
    let text = serde_json::to_string_pretty(&set).unwrap();
    let again = parse::question_set(&text).unwrap();
    assert_eq!(again, set);
    assert_eq!(again.digest(), set.digest());
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_being_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // Sparse: 51 MB on paper, next to nothing on disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(51 * 1024 * 1024).unwrap();
    drop(file);

    let before = bytes_read_by_this_thread();
    let error = storage::read_text(&path).unwrap_err();
    let read = bytes_read_by_this_thread()
        .zip(before)
        .map(|(after, before)| after - before);

    assert_eq!(
        error.to_string(),
        format!(
            "{}: error: file is larger than 50 MB, the most consult reads",
            path.display()
        )
    );
    assert!(!error.io, "a file too large is bad input, not a failure to read");
    #[cfg(target_os = "linux")]
    let read = Some(read.expect("Linux counts the bytes each thread reads"));
    if let Some(read) = read {
        // Reading /proc itself counts a little too.
        assert!(
            read <= (MAX_FILE_BYTES + 1 + 64 * 1024) as u64,
            "read {read} bytes of a 51 MB file"
        );
    }

    // The limit itself is allowed through to the parser.
    let at_limit = vec![b' '; MAX_FILE_BYTES];
    assert_eq!(parse::decode(&at_limit).unwrap_err().message, "file is empty");
}

/// What Linux says this thread has read so far (`rchar`), where it says.
fn bytes_read_by_this_thread() -> Option<u64> {
    let mut io = String::new();
    std::fs::File::open("/proc/thread-self/io")
        .ok()?
        .read_to_string(&mut io)
        .ok()?;
    io.lines()
        .find_map(|l| l.strip_prefix("rchar: "))
        .and_then(|n| n.trim().parse().ok())
}
