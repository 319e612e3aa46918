//! Files from elsewhere are hostile until proven otherwise. The loaders never panic, hang
//! or run out of memory on any input, and every problem they report says where it is;
//! whatever text a file holds survives a save losslessly; and nothing a file holds can
//! reach the terminal as a control character or an escape sequence.
//!
//! The same loaders are fuzzed by the targets in `fuzz/` (see "Hostile input and fuzzing" in the README).

use crate::support;

use std::io::Read as _;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;

use consult::app::ScreenKind;
use consult::catalog::Catalog;
use consult::documents;
use consult::export::json;
use consult::model::validate::{Location, Problem};
use consult::model::{Answer, ItemStatus, QuestionSet, Response};
use consult::parse::{self, MAX_FILE_BYTES};
use consult::storage;
use support::fixtures::{QUESTIONS, built_in, read};
use support::{COMMISSION, Harness, LOCAL_GOVERNMENT, dirs, render, screen_text};

// ---------------------------------------------------------------------------------------------
// Any bytes at all.

/// Problems that concern the file as a whole, and so have no line or path to give.
const WHOLE_FILE: &[&str] = &[
    "file is empty",
    "not a consult document: ",
    "file is larger than ",
    "file is UTF-",
    "this is a question set, not a response",
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
            LOCAL_GOVERNMENT,
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
    let response = read(COMMISSION).replacen(
        "\"answers\": [",
        &format!("\"answers\": {}", "[".repeat(100_000)),
        1,
    );
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
fn a_record_written_as_a_list_is_refused_not_read_by_position() {
    // serde would take the list's items as the respondent's fields, in order.
    let mut value: serde_json::Value = serde_json::from_str(&read(COMMISSION)).unwrap();
    value["respondent"] = serde_json::json!(["Example Trust", "", "", null, true]);
    let problem = parse::response(&value.to_string()).unwrap_err();
    assert_eq!(problem.location, Location::Path("respondent".into()));
    assert_eq!(
        problem.message,
        "invalid type: sequence, expected an object with named fields"
    );

    let mut value: serde_json::Value = serde_json::from_str(&read(QUESTIONS)).unwrap();
    let option = &mut value["scales"][1]["options"][2];
    *option = serde_json::json!([option["id"], option["label"], option["symbol"]]);
    let problems = parse::question_set(&value.to_string()).unwrap_err();
    assert_eq!(
        problems[0].location,
        Location::Path("scales[1].options[2]".into())
    );

    // A whole response as a list of its fields in order is no document at all.
    let value: serde_json::Value = serde_json::from_str(&read(COMMISSION)).unwrap();
    let fields: Vec<_> = [
        "format_version",
        "question_set",
        "respondent",
        "status",
        "created",
        "updated",
        "current_item",
        "answers",
    ]
    .iter()
    .map(|key| value[key].clone())
    .collect();
    let problem = parse::response(&serde_json::Value::Array(fields).to_string()).unwrap_err();
    assert!(
        problem.message.starts_with("not a consult document"),
        "{problem:?}"
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
    r.confidentiality = Some(laced("Keep paragraph 2 confidential"));
    response.question_set.title = laced(&response.question_set.title);
    for answer in &mut response.answers {
        answer.answer = laced(&answer.answer);
        answer.reasoning = laced(&answer.reasoning);
        answer.notes = laced(&answer.notes);
    }
    // An answer nobody started, holding only control characters.
    response.answers.retain(|a| a.item != "comments");
    response.answers.push(Answer {
        item: "comments".into(),
        position: None,
        answer: every_control(),
        reasoning: "\0".into(),
        notes: "\u{1b}[2J".into(),
        status: ItemStatus::Draft,
        key_point: Some("\u{1b}]52;c;evil\u{7}".into()),
        ..Answer::default()
    });
    // A key point is new in format 4: the file says so.
    response.format_version = response.format_to_write();

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

/// Rewrites every piece of text in `set` with `rewrite`. The texts a set may leave out are
/// all given, rewritten from their own name where the set leaves them out.
fn rewrite_every_text(set: &mut QuestionSet, rewrite: impl Fn(&str) -> String) {
    let given = |text: &Option<String>, name: &str| Some(rewrite(text.as_deref().unwrap_or(name)));
    set.title = rewrite(&set.title);
    set.publisher = rewrite(&set.publisher);
    set.source = rewrite(&set.source);
    for scale in &mut set.scales {
        scale.name = rewrite(&scale.name);
        for option in &mut scale.options {
            option.label = rewrite(&option.label);
            option.symbol = rewrite(&option.symbol);
        }
    }
    for section in &mut set.sections {
        section.title = rewrite(&section.title);
        section.source = given(&section.source, "source");
        section.intro = given(&section.intro, "intro");
        for item in &mut section.items {
            item.label = rewrite(&item.label);
            item.prompt = rewrite(&item.prompt);
            item.context = given(&item.context, "context");
        }
    }
}

#[test]
fn control_characters_in_every_question_set_field_round_trip() {
    let mut set = built_in();
    rewrite_every_text(&mut set, laced);
    let text = serde_json::to_string_pretty(&set).unwrap();
    let again = parse::question_set(&text).unwrap();
    assert_eq!(again, set);
    assert_eq!(again.digest(), set.digest());
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_being_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    // Sparse: just over the limit on paper, next to nothing on disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES as u64 + 1024 * 1024).unwrap();
    drop(file);

    let before = bytes_read_by_this_thread();
    let error = storage::read_text(&path).unwrap_err();
    let read = bytes_read_by_this_thread()
        .zip(before)
        .map(|(after, before)| after - before);

    assert_eq!(
        error.to_string(),
        format!(
            "{}: error: file is larger than {} MB, the most consult reads",
            path.display(),
            MAX_FILE_BYTES / (1024 * 1024)
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

// ---------------------------------------------------------------------------------------------
// Nothing from a file reaches the terminal as a control character.

/// Clear the screen, set the window title, ring the bell, return the cursor, reverse the
/// text's direction, and a C1 control sequence introducer: each would act on a terminal.
const ESCAPES: &[&str] = &[
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x07",
    "\r",
    "\u{202e}",
    "\u{9b}31m",
    "\0",
    "\x08",
    "\x7f",
    "\u{85}",
    "\u{2066}",
    "\x1bc",
];

/// `text` with every escape in it, some between letters, where a terminal would join a
/// zero-width character to the letter before it.
fn escaped(text: &str) -> String {
    format!(
        "{}{text} {} a\u{202e}b\u{2066}c\u{9b}d\x1be\u{85}f",
        ESCAPES[0],
        ESCAPES.concat()
    )
}

/// The built-in set under another id, with escape sequences in every piece of text.
fn hostile_set() -> QuestionSet {
    let mut set = built_in();
    set.id = "hostile".into();
    rewrite_every_text(&mut set, escaped);
    set
}

/// A response to `set` with escape sequences in every text field, and a position on every scale.
fn hostile_response(set: &QuestionSet) -> Response {
    let mut response = Response::new(set, &escaped("Organisation"));
    response.respondent.contact_name = escaped("Contact");
    response.respondent.role = escaped("Role");
    response.respondent.email = Some(escaped("a@example.org"));
    response.question_set.title = escaped(&set.title);
    for item in set.items() {
        let position = set.scale_of(item).map(|s| s.options[0].id.clone());
        let answer = response.answer_mut(set, &item.id);
        answer.position = position;
        answer.answer = escaped("Answer\nsecond line\r\nthird");
        answer.reasoning = escaped("Reasoning");
        answer.status = ItemStatus::Draft;
    }
    response
}

/// An app over drafts holding the hostile response to the built-in set and to a user's
/// hostile set (kept in the user's questions folder).
fn hostile_app() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let dirs = dirs(dir.path());
    std::fs::create_dir_all(dirs.drafts()).unwrap();
    std::fs::create_dir_all(dirs.question_sets()).unwrap();
    let set = hostile_set();
    std::fs::write(
        dirs.question_sets().join("hostile.json"),
        serde_json::to_string_pretty(&set).unwrap(),
    )
    .unwrap();
    for (name, set) in [("built-in.json", built_in()), ("user-set.json", set)] {
        let response = hostile_response(&set);
        std::fs::write(dirs.drafts().join(name), json::render(&response)).unwrap();
    }
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    let h = Harness::starting_in(dir, catalog);
    assert_eq!(
        h.app.home().unwrap().drafts.len(),
        2,
        "{:?}",
        h.app.home().unwrap().unreadable
    );
    h
}

/// Whether `c` would act on a terminal instead of being shown.
fn acts_on_a_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Draws the app at both sizes and panics if any cell holds a control character; returns the
/// text of the larger screen.
fn draw_clean(h: &Harness, what: &str) -> String {
    let mut text = String::new();
    for (width, height) in [(80, 24), (120, 40)] {
        let terminal = render(h, width, height);
        let buffer = terminal.backend().buffer();
        let bad: Vec<String> = buffer
            .content()
            .iter()
            .enumerate()
            .filter(|(_, cell)| cell.symbol().chars().any(acts_on_a_terminal))
            .map(|(i, cell)| {
                let (x, y) = (i % usize::from(width), i / usize::from(width));
                format!("({x}, {y}): {:?}", cell.symbol())
            })
            .collect();
        text = screen_text(terminal.backend());
        assert!(
            bad.is_empty(),
            "{what} at {width}x{height}: control characters in cells {}\n{text}",
            bad.join(", ")
        );
    }
    text
}

#[test]
fn no_screen_shows_a_control_character_from_a_file() {
    let mut h = hostile_app();
    let home = draw_clean(&h, "home");
    assert!(home.contains("␛[2JOrganisation"), "{home}");

    let mut sets = Vec::new();
    for draft in 0..2 {
        h.app.home_mut().unwrap().selected = draft;
        h.key(KeyCode::Enter);
        sets.push(h.app.draft.as_ref().unwrap().set.id.clone());
        let items = h.app.draft.as_ref().unwrap().set.item_count();
        while h.app.draft.as_ref().unwrap().current > 0 {
            h.key(KeyCode::PageUp);
        }
        for index in 0..items {
            let what = format!("draft {draft}, item {index}");
            let screen = draw_clean(&h, &what);
            // The escapes are shown, as pictures, where the file's text is shown: in the
            // header, and for the user's set in the outline (status mark, then label) and
            // the position picker's symbols.
            assert!(screen.contains("consult · ␛[2JOrganisation"), "{what}\n{screen}");
            let draft = h.app.draft.as_ref().unwrap();
            if draft.set.id == "hostile" {
                assert!(screen.contains("◐ ␛[2J"), "{what}\n{screen}");
                if draft.set.scale_of(draft.item()).is_some() {
                    assert!(screen.contains("(•) 1 ␛[2J"), "{what}\n{screen}");
                }
            }
            // Every field in turn: position, answer, reasoning.
            for field in 0..3 {
                h.key(KeyCode::Tab);
                draw_clean(&h, &format!("{what}, field {field}"));
            }
            if h.app.takes_text() {
                h.key(KeyCode::Esc);
            }
            h.key(KeyCode::PageDown);
        }

        h.ctrl('o');
        draw_clean(&h, &format!("draft {draft}, respondent"));
        for _ in 0..4 {
            h.key(KeyCode::Tab);
            draw_clean(&h, &format!("draft {draft}, respondent field"));
        }
        h.key(KeyCode::Esc);

        h.ctrl('g');
        let review = draw_clean(&h, &format!("draft {draft}, review"));
        if sets.last().unwrap() == "hostile" {
            assert!(review.contains("◐ ␛[2J"), "the item's label\n{review}");
            assert!(review.contains("␛[2J++"), "the position's symbol\n{review}");
        }
        h.key(KeyCode::Char('f'));
        draw_clean(&h, &format!("draft {draft}, review, marked final"));
        h.key(KeyCode::Esc);

        h.ctrl('e');
        draw_clean(&h, &format!("draft {draft}, export dialog"));
        h.key(KeyCode::Enter);
        draw_clean(&h, &format!("draft {draft}, exported"));
        h.key(KeyCode::Esc);

        h.key(KeyCode::F(1));
        draw_clean(&h, &format!("draft {draft}, help"));
        h.key(KeyCode::Esc);

        h.event(Event::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::ALT)));
        assert_eq!(h.app.screen.kind(), ScreenKind::Home);
    }
    sets.sort();
    assert_eq!(sets, ["hostile", "integrating-care"]);

    h.key(KeyCode::Char('n'));
    let new = draw_clean(&h, "new response dialog");
    assert!(
        new.contains("␛[2J"),
        "the user's set is listed, escapes shown\n{new}"
    );
    h.key(KeyCode::Esc);

    h.key(KeyCode::Char('x'));
    draw_clean(&h, "delete question");
    h.key(KeyCode::Char('y'));
    h.key(KeyCode::Char('t'));
    draw_clean(&h, "deleted drafts");
}

#[test]
fn the_editors_show_control_characters_as_pictures_but_keep_them_in_the_text() {
    let mut h = hostile_app();
    let list = h.app.home_mut().unwrap();
    list.selected = list
        .drafts
        .iter()
        .position(|d| d.path.ends_with("built-in.json"))
        .unwrap();
    h.key(KeyCode::Enter);
    while h.item() != "q1" {
        h.key(KeyCode::PageDown);
    }
    let stored = h.answer("q1");
    while !h.app.takes_text() {
        h.key(KeyCode::Tab);
    }
    h.type_text("Typed. ");
    // Each control character shows as its picture, as when the text is not being typed in.
    let screen = draw_clean(&h, "typing an answer");
    assert!(screen.contains("Typed. "), "{screen}");
    assert!(screen.contains("␛[2J␛]0;title␇"), "{screen}");

    h.ctrl('s');
    let path = h.drafts_dir().join("built-in.json");
    let saved = parse::response(&std::fs::read_to_string(path).unwrap()).unwrap();
    let answer = &saved.answer("q1").unwrap().answer;
    assert!(answer.contains("Typed. "), "{answer:?}");
    assert_eq!(
        answer.replacen("Typed. ", "", 1),
        stored.answer,
        "nothing else changed"
    );
    assert_eq!(saved.answer("q1").unwrap().reasoning, stored.reasoning);
}

#[test]
fn an_unreadable_draft_is_reported_with_its_escapes_shown() {
    let mut h = Harness::fresh();
    let drafts = h.drafts_dir();
    let mut bad = read(COMMISSION);
    bad.insert_str(1, "\"\\u001b[2J\\u009b31m\\u202e\": 1,");
    std::fs::write(drafts.join("evil\x1b]0;title\x07\u{202e}.json"), bad).unwrap();
    h.app = h.reopened();
    h.app.dialog = None;
    assert_eq!(h.app.home().unwrap().unreadable.len(), 1);
    let screen = draw_clean(&h, "home with an unreadable draft");
    assert!(screen.contains("evil␛]0;title␇"), "the file's name\n{screen}");
    assert!(screen.contains("unknown field `␛[2J"), "the problem\n{screen}");
}
