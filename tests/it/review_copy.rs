//! A Word copy for review: the note that opens it, a bookmark around every item's answer
//! and reasoning, and the custom properties naming the draft and the saved version it was
//! made from, from the command line and from the app's export dialog.

use crossterm::event::KeyCode;

use crate::support::docx::{self as read, Bookmark};
use crate::support::fixtures::copy_into;
use crate::support::samples::built_in;
use crate::support::sandbox::{Sandbox, run};
use crate::support::{COMMISSION, Harness, dirs, screen};
use consult::app::Dialog;
use consult::export::review_copy::{self, NOTE, NOTE_HEADING};
use consult::export::rich::{self, Block, List};
use consult::model::{QuestionSet, Response, sha256};

/// The paragraphs Word shows for `text`: each paragraph's lines, each list item's, nested
/// items after their parent; one empty paragraph for no text.
fn paragraphs_of(text: &str) -> Vec<String> {
    fn lines(lines: &[rich::Line]) -> String {
        lines
            .iter()
            .map(|l| rich::plain_line(l))
            .collect::<Vec<_>>()
            .join("\n")
    }
    fn items(list: &List, out: &mut Vec<String>) {
        for item in &list.items {
            out.push(lines(&item.lines));
            for nested in &item.nested {
                items(nested, out);
            }
        }
    }
    let mut out = Vec::new();
    for block in rich::parse(text) {
        match block {
            Block::Paragraph(l) => out.push(lines(&l)),
            Block::List(l) => items(&l, &mut out),
        }
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Checks that `docx`, a review copy of `response`, marks each item's answer and
/// reasoning with one bookmark around exactly its paragraphs.
fn assert_every_text_marked(docx: &[u8], response: &Response, set: &QuestionSet) {
    let bookmarks = read::bookmarks(docx);
    let named = |name: &str| -> Vec<&Bookmark> { bookmarks.iter().filter(|b| b.name == name).collect() };
    for (n, item) in set.items().enumerate() {
        let answer = response.answer(&item.id);
        for (marked, text) in [
            (
                review_copy::Marked::Answer,
                answer.map_or("", |a| a.answer.as_str()),
            ),
            (
                review_copy::Marked::Reasoning,
                answer.map_or("", |a| a.reasoning.as_str()),
            ),
        ] {
            let name = review_copy::bookmark(marked, n + 1);
            let found = named(&name);
            assert_eq!(found.len(), 1, "{name}: {found:?}");
            assert!(found[0].whole_paragraphs, "{name}: {found:?}");
            let text = if text.trim().is_empty() { "" } else { text };
            assert_eq!(found[0].paragraphs, paragraphs_of(text), "{name}");
        }
    }
    assert_eq!(
        bookmarks
            .iter()
            .filter(|b| b.name.starts_with("consult_"))
            .count(),
        2 * set.item_count(),
        "one bookmark for each answer and each reasoning, and no more"
    );
}

#[test]
fn a_copy_for_review_opens_with_the_note_marks_every_text_and_names_its_draft_and_version() {
    let sandbox = Sandbox::new();
    let draft = copy_into(COMMISSION, sandbox.path());
    let name = draft.file_name().unwrap().to_str().unwrap().to_string();
    let out = run(sandbox.consult(&[
        "export",
        &name,
        "--format",
        "docx",
        "--for-review",
        "--out",
        "review.docx",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let docx = std::fs::read(sandbox.path().join("review.docx")).unwrap();

    let paragraphs = read::paragraphs(&docx);
    assert_eq!(paragraphs[0].style.as_deref(), Some("Heading1"));
    assert_eq!(paragraphs[0].text(), NOTE_HEADING);
    let note: Vec<String> = paragraphs[1..=NOTE.len()]
        .iter()
        .map(read::Paragraph::text)
        .collect();
    assert_eq!(note, NOTE);
    assert_eq!(paragraphs[NOTE.len() + 1].style.as_deref(), Some("Title"));

    let set = built_in();
    let bytes = std::fs::read(&draft).unwrap();
    let response = consult::parse::response(std::str::from_utf8(&bytes).unwrap()).unwrap();
    assert_every_text_marked(&docx, &response, &set);

    let version = sha256(&bytes);
    let expected = [
        ("consult.set", "integrating-care"),
        ("consult.set_digest", response.question_set.digest.as_str()),
        ("consult.organisation", "Health Devolution Commission"),
        ("consult.version", version.as_str()),
        ("consult.draft", name.as_str()),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()));
    assert_eq!(read::custom_properties(&docx), expected);
    let types = read::part(&docx, "[Content_Types].xml");
    assert!(types.contains("PartName=\"/docProps/custom.xml\""), "{types}");
    let relationships = read::part(&docx, "_rels/.rels");
    assert!(
        relationships.contains("relationships/custom-properties\" Target=\"docProps/custom.xml\""),
        "{relationships}"
    );

    // The version is found again after the draft moves on: the review compares with it.
    std::fs::write(&draft, b"{}").unwrap();
    assert_eq!(
        consult::drafts::review_copy_version(&dirs(sandbox.path()), &draft, &version),
        Some(bytes)
    );
}

#[test]
fn a_copy_for_review_of_a_joint_response_is_the_submission_as_sent() {
    let sandbox = Sandbox::new();
    let set = built_in();
    let response = crate::joint::sample(&set);
    let draft = sandbox.path().join("joint.json");
    std::fs::write(&draft, consult::export::json::render(&response)).unwrap();
    let out = run(sandbox.consult(&[
        "export",
        "joint.json",
        "--format",
        "docx",
        "--for-review",
        "--out",
        "review.docx",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let docx = std::fs::read(sandbox.path().join("review.docx")).unwrap();
    let footnotes = read::part(&docx, "word/footnotes.xml");
    assert!(!footnotes.contains("<w:footnote "), "{footnotes}");
    assert_every_text_marked(&docx, &response, &set);
}

#[test]
fn for_review_with_a_format_other_than_word_is_refused() {
    let sandbox = Sandbox::new();
    let draft = copy_into(COMMISSION, sandbox.path());
    let name = draft.file_name().unwrap().to_str().unwrap();
    for format in ["md", "html", "json"] {
        let out = run(sandbox.consult(&["export", name, "--format", format, "--for-review"]));
        assert_eq!(out.code, 2, "{format}");
        assert!(
            out.stderr.contains("--for-review makes a Word copy for review")
                && out.stderr.contains("use it with --format docx"),
            "{}",
            out.stderr
        );
    }
    assert!(!sandbox.path().join("exports").exists(), "nothing written");
}

#[test]
fn a_copy_for_review_prints_through_libreoffice() {
    let set = built_in();
    let response = crate::support::samples::fixture("local-government.json");
    let source = consult::export::ReviewSource {
        version: sha256(b"saved"),
        draft: "local-government.json".into(),
    };
    let options = consult::export::Options {
        review: Some(&source),
        ..Default::default()
    };
    let docx = consult::export::render(consult::export::Format::Docx, &response, &set, &options);
    let dir = tempfile::tempdir().unwrap();
    let Some(pdf) = crate::docx::printed(dir.path(), &docx) else {
        return;
    };
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains(NOTE_HEADING), "{text}");
    assert!(text.contains("Turn on Track Changes"), "{text}");
}

/// The export dialog with Word chosen (from Markdown + JSON, two formats on).
fn word_chosen(h: &mut Harness) {
    h.ctrl('e');
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
}

fn for_review(h: &Harness) -> (bool, bool) {
    match &h.app.dialog {
        Some(Dialog::Export {
            for_review,
            attribution,
            ..
        }) => (*for_review, *attribution),
        _ => panic!("no export dialog"),
    }
}

#[test]
fn the_export_dialog_makes_a_copy_for_review_of_word_only_from_the_draft_as_saved() {
    let mut h = Harness::new_response("Cyngor Môn");
    h.type_text("Typed just now.");
    h.ctrl('e');
    h.ctrl('t');
    assert!(h.message().contains("Only a Word document"), "{}", h.message());
    assert_eq!(
        for_review(&h),
        (false, true),
        "Markdown + JSON: no copy for review"
    );
    h.key(KeyCode::Esc);

    word_chosen(&mut h);
    let dialog = screen(&h, 80, 24);
    assert!(dialog.contains("[ ] the submission (Ctrl-T"), "{dialog}");
    h.ctrl('t');
    assert_eq!(for_review(&h), (true, false), "on, and the footnotes off");
    h.ctrl('t');
    assert_eq!(for_review(&h), (false, true), "off again");
    h.ctrl('t');
    h.key(KeyCode::Enter);
    assert!(h.message().starts_with("Exported to"), "{}", h.message());

    let saved = std::fs::read(h.draft_path()).unwrap();
    let text = String::from_utf8(saved.clone()).unwrap();
    assert!(text.contains("Typed just now."), "saved first");
    let file = h.app.exports_dir.join("cyngor-mon-integrating-care.docx");
    let docx = std::fs::read(file).unwrap();
    let properties = read::custom_properties(&docx);
    assert!(
        properties.contains(&("consult.version".into(), sha256(&saved))),
        "{properties:?}"
    );
    let response = consult::parse::response(&text).unwrap();
    assert_every_text_marked(&docx, &response, &built_in());
    assert_eq!(
        consult::drafts::review_copy_version(&h.app.dirs, &h.draft_path(), &sha256(&saved)),
        Some(saved)
    );
}
