//! Reading reviewed copies: Word's and LibreOffice's review marks, edits made without
//! Track Changes, deleted bookmarks, text that fits nowhere, and hostile files.

use std::io::Write;

use super::origin::{Refusal, check};
use super::place::{Gathered, Reading, gather};
use super::read::{self, Copy};
use crate::import::read::Limits;
use crate::model::joint::Field;
use crate::model::review::Made;
use crate::model::{QuestionSet, Response};

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                 xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" \
                 xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\"";

fn set() -> QuestionSet {
    crate::catalog::Catalog::built_in()
        .find("integrating-care")
        .expect("a built-in set")
        .clone()
}

fn item(set: &QuestionSet, n: usize) -> String {
    set.items().nth(n - 1).expect("an item").id.clone()
}

/// A draft whose first item answers `first` and second `second`.
fn draft(set: &QuestionSet, first: &str, second: &str) -> Response {
    let mut response = Response::new(set, "Anytown Council");
    response.answer_mut(set, &item(set, 1)).answer = first.into();
    response.answer_mut(set, &item(set, 2)).answer = second.into();
    response
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn ins(author: &str, text: &str) -> String {
    format!(
        "<w:ins w:id=\"90\" w:author=\"{author}\" w:date=\"2026-12-01T10:00:00Z\">{}</w:ins>",
        run(text)
    )
}

fn del(author: &str, text: &str) -> String {
    format!(
        "<w:del w:id=\"91\" w:author=\"{author}\" w:date=\"2026-12-01T10:00:00Z\"><w:r><w:delText xml:space=\"preserve\">{text}</w:delText></w:r></w:del>"
    )
}

/// Item `n`'s answer paragraph, bookmarked as consult's review copy marks it.
fn answer(n: usize, inner: &str) -> String {
    format!(
        "<w:p><w:bookmarkStart w:id=\"{n}\" w:name=\"consult_a{n}\"/>{inner}<w:bookmarkEnd w:id=\"{n}\"/></w:p>"
    )
}

fn heading(text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>{}</w:p>",
        run(text)
    )
}

fn custom(response: &Response) -> String {
    let property = |pid: usize, name: &str, value: &str| {
        format!(
            "<property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"{pid}\" name=\"{name}\"><vt:lpwstr>{value}</vt:lpwstr></property>"
        )
    };
    format!(
        "<?xml version=\"1.0\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">{}{}{}{}{}</Properties>",
        property(2, "consult.set", &response.question_set.id),
        property(3, "consult.set_digest", &response.question_set.digest),
        property(4, "consult.organisation", &response.respondent.organisation),
        property(5, "consult.version", "sha256:sent"),
        property(6, "consult.draft", "anytown.json"),
    )
}

/// A Word file of `body`, with `custom` properties and any further parts.
fn docx(body: &str, custom: Option<&str>, parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let document = format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let core = "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                xmlns:dcterms=\"http://purl.org/dc/terms/\"><cp:lastModifiedBy>Priya Shah</cp:lastModifiedBy>\
                <dcterms:modified>2026-12-02T09:00:00Z</dcterms:modified></cp:coreProperties>";
    let mut all = vec![
        ("word/document.xml", document.as_str()),
        ("docProps/core.xml", core),
    ];
    if let Some(custom) = custom {
        all.push(("docProps/custom.xml", custom));
    }
    all.extend_from_slice(parts);
    for (name, text) in all {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn comments_part(comments: &[(&str, &str, &str, &str)]) -> String {
    let body: String = comments
        .iter()
        .map(|(id, author, para, text)| {
            format!(
                "<w:comment w:id=\"{id}\" w:author=\"{author}\" w:date=\"2026-12-01T11:00:00Z\"><w:p w14:paraId=\"{para}\">{}</w:p></w:comment>",
                run(text)
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><w:comments {W}>{body}</w:comments>")
}

fn read_back(bytes: &[u8], response: &Response, set: &QuestionSet, sent: Option<&Response>) -> Gathered {
    let copy = read::read(bytes).expect("a readable copy");
    gather(&copy, &reading(response, set, sent))
}

/// `body` in a copy of `response` made for review, read back against it as sent.
fn read_marked(body: &str, response: &Response, set: &QuestionSet) -> Gathered {
    read_back(
        &docx(body, Some(&custom(response)), &[]),
        response,
        set,
        Some(response),
    )
}

fn reading<'a>(response: &'a Response, set: &'a QuestionSet, sent: Option<&'a Response>) -> Reading<'a> {
    Reading {
        file: "review.docx",
        digest: "sha256:file".into(),
        response,
        set,
        sent,
        reviewer: None,
        contacts: &[],
        now: jiff::Timestamp::UNIX_EPOCH,
    }
}

/// Each suggestion as `[-deleted-]{+inserted+}` in its context, and its author and kind.
fn shown(gathered: &Gathered) -> Vec<String> {
    gathered
        .reviews
        .suggestions
        .iter()
        .map(|s| {
            format!(
                "{} {}{}[-{}-]{{+{}+}}{} ({}, {:?})",
                s.number, s.item, s.before, s.deleted, s.inserted, s.after, s.author, s.made
            )
        })
        .collect()
}

/// The draft's text with suggestion `n` applied.
fn applied(response: &Response, gathered: &Gathered, n: usize) -> String {
    let s = &gathered.reviews.suggestions[n];
    let text = &response.answer(&s.item).unwrap().answer;
    super::apply::applied(text, s).expect("the suggestion applies").0
}

#[test]
fn a_tracked_insertion_and_deletion_are_suggestions_with_their_authors() {
    let set = set();
    let response = draft(&set, "We support option one.", "We oppose it strongly today.");
    let body = [
        heading("Question 1"),
        answer(
            1,
            &format!(
                "{}{}{}",
                run("We support "),
                ins("Ann Lee", "the first "),
                run("option one.")
            ),
        ),
        answer(
            2,
            &format!(
                "{}{}{}",
                run("We oppose it "),
                del("Bo Chan", "strongly "),
                run("today.")
            ),
        ),
    ]
    .concat();
    let gathered = read_marked(&body, &response, &set);
    let first = item(&set, 1);
    let second = item(&set, 2);
    assert_eq!(
        shown(&gathered),
        [
            format!("1 {first}We support [--]{{+the first +}}option one. (Ann Lee, Tracked)"),
            format!("2 {second}We oppose it [-strongly -]{{++}}today. (Bo Chan, Tracked)"),
        ]
    );
    assert_eq!(
        applied(&response, &gathered, 0),
        "We support the first option one."
    );
    assert_eq!(applied(&response, &gathered, 1), "We oppose it today.");
    assert_eq!(
        gathered.reviews.suggestions[0].date.as_deref(),
        Some("2026-12-01T10:00:00Z")
    );
    assert_eq!(gathered.reviews.received[0].reviewer, "Priya Shah");
}

#[test]
fn a_deletion_next_to_an_insertion_by_one_author_is_one_replacement_in_whole_words() {
    let set = set();
    let response = draft(&set, "Services must be funded properly by the centre.", "");
    let body = answer(
        1,
        &format!(
            "{}{}{}{}",
            run("Services must be fund"),
            del("Ann Lee", "ed properly"),
            ins("Ann Lee", "ing fully"),
            run(" by the centre.")
        ),
    );
    let gathered = read_marked(&body, &response, &set);
    assert_eq!(gathered.reviews.suggestions.len(), 1, "{:?}", shown(&gathered));
    let s = &gathered.reviews.suggestions[0];
    assert_eq!(
        (s.deleted.as_str(), s.inserted.as_str()),
        ("funded properly", "funding fully")
    );
    assert_eq!(
        applied(&response, &gathered, 0),
        "Services must be funding fully by the centre."
    );
}

#[test]
fn a_move_within_a_text_is_one_suggestion_and_across_texts_a_deletion_and_an_insertion() {
    let set = set();
    let response = draft(
        &set,
        "First point. Second point. Third point.",
        "Other text here.",
    );
    let move_from = "<w:moveFromRangeStart w:id=\"7\" w:name=\"move1\" w:author=\"Ann Lee\"/>\
        <w:moveFrom w:id=\"8\" w:author=\"Ann Lee\" w:date=\"2026-12-01T10:00:00Z\"><w:r><w:t xml:space=\"preserve\">First point. </w:t></w:r></w:moveFrom>\
        <w:moveFromRangeEnd w:id=\"7\"/>";
    let move_to = "<w:moveToRangeStart w:id=\"9\" w:name=\"move1\" w:author=\"Ann Lee\"/>\
        <w:moveTo w:id=\"10\" w:author=\"Ann Lee\" w:date=\"2026-12-01T10:00:00Z\"><w:r><w:t xml:space=\"preserve\"> First point.</w:t></w:r></w:moveTo>\
        <w:moveToRangeEnd w:id=\"9\"/>";
    let body = [
        answer(
            1,
            &format!("{move_from}{}{move_to}", run("Second point. Third point.")),
        ),
        answer(2, &run("Other text here.")),
    ]
    .concat();
    let gathered = read_marked(&body, &response, &set);
    assert_eq!(gathered.reviews.suggestions.len(), 1, "{:?}", shown(&gathered));
    assert_eq!(gathered.reviews.suggestions[0].made, Made::Moved);
    assert_eq!(
        applied(&response, &gathered, 0),
        "Second point. Third point. First point."
    );

    // The same words moved from the first answer to the second.
    let move_to_second = move_to.replace("> First point.<", ">First point. <");
    let body = [
        answer(1, &format!("{move_from}{}", run("Second point. Third point."))),
        answer(2, &format!("{move_to_second}{}", run("Other text here."))),
    ]
    .concat();
    let gathered = read_marked(&body, &response, &set);
    let kinds: Vec<(String, Made)> = gathered
        .reviews
        .suggestions
        .iter()
        .map(|s| (s.item.clone(), s.made))
        .collect();
    assert_eq!(
        kinds,
        [(item(&set, 1), Made::Moved), (item(&set, 2), Made::Moved)]
    );
    assert_eq!(applied(&response, &gathered, 0), "Second point. Third point.");
    assert_eq!(applied(&response, &gathered, 1), "First point. Other text here.");
}

#[test]
fn comments_come_with_their_anchor_and_replies_as_word_writes_them() {
    let set = set();
    let response = draft(&set, "We support option one.", "");
    let body = answer(
        1,
        &format!(
            "{}<w:commentRangeStart w:id=\"0\"/>{}<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>\
             <w:r><w:commentReference w:id=\"1\"/></w:r>{}",
            run("We support "),
            run("option one"),
            run(".")
        ),
    );
    let comments = comments_part(&[
        ("0", "Ann Lee", "1A", "We can live with this."),
        ("1", "Bo Chan", "1B", "Agreed."),
    ]);
    let extended = format!(
        "<?xml version=\"1.0\"?><w15:commentsEx {W}><w15:commentEx w15:paraId=\"1A\" w15:done=\"0\"/>\
         <w15:commentEx w15:paraId=\"1B\" w15:paraIdParent=\"1A\" w15:done=\"0\"/></w15:commentsEx>"
    );
    let bytes = docx(
        &body,
        Some(&custom(&response)),
        &[
            ("word/comments.xml", &comments),
            ("word/commentsExtended.xml", &extended),
        ],
    );
    let gathered = read_back(&bytes, &response, &set, Some(&response));
    let [comment] = gathered.reviews.comments.as_slice() else {
        panic!("one thread: {:?}", gathered.reviews.comments);
    };
    assert_eq!(comment.item, item(&set, 1));
    assert_eq!(comment.field, Field::Answer);
    assert_eq!(comment.anchor, "option one");
    assert_eq!(
        (comment.author.as_str(), comment.text.as_str()),
        ("Ann Lee", "We can live with this.")
    );
    assert_eq!(comment.replies.len(), 1);
    assert_eq!(
        (
            comment.replies[0].author.as_str(),
            comment.replies[0].text.as_str()
        ),
        ("Bo Chan", "Agreed.")
    );
}

#[test]
fn a_reply_is_found_as_libreoffice_writes_it_without_comments_extended() {
    let set = set();
    let response = draft(&set, "We support option one.", "");
    // LibreOffice puts a reply's range exactly where its parent's is.
    let body = answer(
        1,
        &format!(
            "{}<w:commentRangeStart w:id=\"0\"/><w:commentRangeStart w:id=\"1\"/>{}<w:commentRangeEnd w:id=\"0\"/><w:commentRangeEnd w:id=\"1\"/>\
             <w:r><w:commentReference w:id=\"0\"/></w:r><w:r><w:commentReference w:id=\"1\"/></w:r>{}",
            run("We support "),
            run("option one"),
            run(".")
        ),
    );
    let comments = comments_part(&[
        ("0", "Ann Lee", "", "Why one?"),
        ("1", "Bo Chan", "", "Because it is cheaper."),
    ]);
    let bytes = docx(
        &body,
        Some(&custom(&response)),
        &[("word/comments.xml", &comments)],
    );
    let gathered = read_back(&bytes, &response, &set, Some(&response));
    assert_eq!(
        gathered.reviews.comments.len(),
        1,
        "{:?}",
        gathered.reviews.comments
    );
    assert_eq!(
        gathered.reviews.comments[0].replies[0].text,
        "Because it is cheaper."
    );
}

#[test]
fn an_edit_made_without_track_changes_is_found_against_the_version_sent() {
    let set = set();
    let sent = draft(
        &set,
        "Funding should follow need, not history.\n\n- staff\n- *estates*",
        "",
    );
    let body = [
        "<w:p><w:bookmarkStart w:id=\"1\" w:name=\"consult_a1\"/>",
        &run("Funding must follow need, not history."),
        "</w:p><w:p>",
        &run("staff"),
        "</w:p><w:p>",
        &run("estates"),
        "<w:bookmarkEnd w:id=\"1\"/></w:p>",
    ]
    .concat();
    let gathered = read_back(&docx(&body, Some(&custom(&sent)), &[]), &sent, &set, Some(&sent));
    assert_eq!(
        shown(&gathered),
        [format!(
            "1 {}Funding [-should-]{{+must+}} follow need, not history. (Priya Shah, Untracked)",
            item(&set, 1)
        )]
    );
    assert_eq!(
        gathered.reviews.suggestions[0].date.as_deref(),
        Some("2026-12-02T09:00:00Z")
    );
    // Without the version sent, untracked edits cannot be told from the draft's own.
    let gathered = read_back(&docx(&body, Some(&custom(&sent)), &[]), &sent, &set, None);
    assert!(gathered.reviews.suggestions.is_empty());
}

#[test]
fn a_text_whose_bookmarks_were_deleted_is_found_by_its_words() {
    let set = set();
    let response = draft(
        &set,
        "Integrated care boards should hold the budget for community services.",
        "Councils should lead on prevention in every place.",
    );
    let body = [
        answer(
            1,
            &run("Integrated care boards should hold the budget for community services."),
        ),
        heading("Question 2"),
        format!(
            "<w:p>{}{}{}</w:p>",
            run("Councils should lead on prevention in "),
            ins("Ann Lee", "each and "),
            run("every place.")
        ),
    ]
    .concat();
    let gathered = read_marked(&body, &response, &set);
    assert_eq!(gathered.reviews.suggestions.len(), 1, "{:?}", shown(&gathered));
    assert_eq!(gathered.reviews.suggestions[0].item, item(&set, 2));
    assert_eq!(
        applied(&response, &gathered, 0),
        "Councils should lead on prevention in each and every place."
    );
    assert!(
        gathered.notices[0].contains("found again by its words"),
        "{:?}",
        gathered.notices
    );
}

#[test]
fn text_tied_to_no_item_is_kept_as_unplaced() {
    let set = set();
    let response = draft(&set, "We support option one.", "");
    let body = [
        answer(1, &run("We support option one.")),
        format!("<w:p>{}</w:p>", ins("Ann Lee", "Please also mention the workforce plan.")),
        format!(
            "<w:p><w:commentRangeStart w:id=\"3\"/>{}<w:commentRangeEnd w:id=\"3\"/><w:r><w:commentReference w:id=\"3\"/></w:r></w:p>",
            run("Question 7 heading")
        ),
    ]
    .concat();
    let comments = comments_part(&[("3", "Bo Chan", "", "Is this the right heading?")]);
    let bytes = docx(
        &body,
        Some(&custom(&response)),
        &[("word/comments.xml", &comments)],
    );
    let gathered = read_back(&bytes, &response, &set, Some(&response));
    assert!(gathered.reviews.suggestions.is_empty());
    let unplaced: Vec<(&str, &str)> = gathered
        .reviews
        .unplaced
        .iter()
        .map(|u| (u.text.as_str(), u.author.as_str()))
        .collect();
    // "Question 7 heading" is no paragraph of the copy consult sent: typed without Track
    // Changes, by the file's last author, as far as consult can tell.
    assert_eq!(
        unplaced,
        [
            ("Please also mention the workforce plan.", "Ann Lee"),
            ("Question 7 heading", "Priya Shah"),
            (
                "Is this the right heading? (on \"Question 7 heading\")",
                "Bo Chan"
            ),
        ]
    );
}

#[test]
fn control_characters_in_a_hostile_copy_never_come_through() {
    let set = set();
    let response = draft(&set, "We support option one.", "");
    let body = answer(
        1,
        &format!(
            "{}{}{}",
            run("We support "),
            ins("Ann\u{1b}[2J Lee\u{202e}", "the\u{7} first\u{202e} "),
            run("option one.")
        ),
    );
    let comments = comments_part(&[("0", "Eve\u{1b}]0;owned\u{7}", "", "Hi\u{1b}[31m there")]);
    let body = body.replace(
        "<w:bookmarkEnd",
        "<w:commentRangeStart w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r><w:bookmarkEnd",
    );
    let bytes = docx(
        &body,
        Some(&custom(&response)),
        &[("word/comments.xml", &comments)],
    );
    let gathered = read_back(&bytes, &response, &set, Some(&response));
    let everything = format!("{:?}", gathered.reviews);
    for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!everything.contains(c), "{c:?} came through: {everything}");
    }
    assert_eq!(gathered.reviews.suggestions[0].inserted, "the first ");
    assert_eq!(gathered.reviews.comments[0].text, "Hi[31m there");
}

#[test]
fn a_copy_from_elsewhere_is_refused_naming_what_it_was_made_from() {
    let set = set();
    let response = draft(&set, "We support option one.", "");
    let copy_of =
        |custom: Option<&str>, body: &str| -> Copy { read::read(&docx(body, custom, &[])).unwrap() };
    let marked = answer(1, &run("We support option one."));
    let ours = custom(&response);
    assert_eq!(
        check(&copy_of(Some(&ours), &marked), &response, "anytown.json", false),
        Ok(())
    );
    let other_org = ours.replace("Anytown Council", "Othertown Trust");
    assert_eq!(
        check(
            &copy_of(Some(&other_org), &marked),
            &response,
            "anytown.json",
            false
        ),
        Err(Refusal::OtherOrganisation {
            organisation: "Othertown Trust".into()
        })
    );
    let other_set = ours.replace(">integrating-care<", ">health-devolution<");
    let refusal = check(
        &copy_of(Some(&other_set), &marked),
        &response,
        "anytown.json",
        false,
    )
    .unwrap_err();
    assert_eq!(
        refusal.describe(&response, "anytown.json"),
        format!(
            "was made from a response to another consultation (health-devolution), not to {} (integrating-care)",
            response.question_set.title
        )
    );
    assert_eq!(
        check(&copy_of(Some(&ours), &marked), &response, "budget.json", false),
        Err(Refusal::OtherDraft {
            draft: "anytown.json".into()
        })
    );
    // Renamed since, but the version it names is this draft's.
    assert_eq!(
        check(&copy_of(Some(&ours), &marked), &response, "budget.json", true),
        Ok(())
    );
    assert_eq!(
        check(
            &copy_of(None, &run("A letter.")),
            &response,
            "anytown.json",
            false
        ),
        Err(Refusal::NotACopy)
    );
}

#[test]
fn damaged_locked_and_huge_files_are_refused_with_a_reason() {
    let damaged = read::read(b"PK\x03\x04 not really a zip").unwrap_err();
    assert!(damaged.message.contains("damaged zip"), "{}", damaged.message);
    let mut locked = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    locked.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let locked = read::read(&locked).unwrap_err();
    assert!(
        locked.message.contains("password-protected"),
        "{}",
        locked.message
    );
    assert!(locked.message.ends_with("review that"), "{}", locked.message);
    let small = Limits {
        file: 1000,
        entry: 1000,
        archive: 1000,
    };
    let huge = read::read_with_limits(&vec![b'x'; 2000], small).unwrap_err();
    assert!(huge.message.contains("larger than"), "{}", huge.message);
    let bomb = docx(&answer(1, &run(&"word ".repeat(400))), None, &[]);
    let bomb = read::read_with_limits(
        &bomb,
        Limits {
            file: 1 << 20,
            ..small
        },
    )
    .unwrap_err();
    assert!(bomb.message.contains("zip bomb"), "{}", bomb.message);
}

#[test]
fn libreoffices_bookmarks_are_read_as_whole_paragraphs() {
    let set = set();
    let response = draft(&set, "Councils should lead.", "");
    // LibreOffice writes an empty text's bookmark twice and ends only the second, and
    // may end a bookmark a character early.
    let body = [
        "<w:p><w:bookmarkStart w:id=\"5\" w:name=\"consult_r1\"/><w:bookmarkStart w:id=\"6\" w:name=\"consult_r1\"/><w:bookmarkEnd w:id=\"6\"/></w:p>",
        &heading("Question 1"),
        "<w:p><w:bookmarkStart w:id=\"7\" w:name=\"consult_a2\"/>",
        &run("Councils should lead"),
        "<w:bookmarkEnd w:id=\"7\"/>",
        &run("."),
        "</w:p>",
        &heading("Question 2"),
    ]
    .concat();
    let copy = read::read(&docx(&body, Some(&custom(&response)), &[])).unwrap();
    let texts: Vec<(Option<usize>, String)> = copy
        .passages
        .iter()
        .map(|p| (p.mark.map(|m| m.item), p.sent(&copy.changes)))
        .collect();
    assert_eq!(
        texts,
        [
            (Some(1), String::new()),
            (None, "Question 1".into()),
            (Some(2), "Councils should lead.".into()),
            (None, "Question 2".into()),
        ]
    );
}

#[test]
fn words_one_reviewer_inserted_and_another_deleted_come_to_nothing() {
    let set = set();
    let response = draft(&set, "We support option one.", "");
    let both = ins("Ann Lee", "wholeheartedly ").replace(
        "<w:r><w:t xml:space=\"preserve\">wholeheartedly </w:t></w:r>",
        &del("Bo Chan", "wholeheartedly "),
    );
    let body = answer(1, &format!("{}{both}{}", run("We support "), run("option one.")));
    let gathered = read_marked(&body, &response, &set);
    assert!(gathered.reviews.suggestions.is_empty(), "{:?}", shown(&gathered));
}
