//! `consult review`: reviewed Word copies back into the draft. The round trip (a copy
//! made for review, edited as a reviewer would, read back, accepted), several reviewers,
//! a joint draft's member credit, and every kind of bad input.

use std::path::{Path, PathBuf};

use consult::catalog::Catalog;
use consult::model::review::{Decision, Made};
use consult::model::{QuestionSet, Response};

use crate::support::review_copy::{Reviewer, made_for_review};
use crate::support::sandbox::{Run, Sandbox, run};

const FIRST: &str = "We oppose option two. Funding should follow need, not history.";
const SECOND: &str = "Councils should lead on prevention in every place.";

fn set() -> QuestionSet {
    Catalog::built_in().find("integrating-care").unwrap().clone()
}

/// The id of item `n` (1-based) of the set.
fn item(n: usize) -> String {
    set().items().nth(n - 1).unwrap().id.clone()
}

/// A draft `anytown.json` answering items 2 and 3.
fn drafted(sandbox: &Sandbox, organisation: &str) -> PathBuf {
    let set = set();
    let mut response = Response::new(&set, organisation);
    response.answer_mut(&set, &item(2)).answer = FIRST.into();
    response.answer_mut(&set, &item(3)).answer = SECOND.into();
    let path = sandbox.path().join("anytown.json");
    consult::drafts::write(&path, &response).unwrap();
    path
}

fn read_draft(path: &Path) -> Response {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn answer(path: &Path, n: usize) -> String {
    read_draft(path).answer(&item(n)).unwrap().answer.clone()
}

fn save(sandbox: &Sandbox, name: &str, bytes: &[u8]) -> String {
    std::fs::write(sandbox.path().join(name), bytes).unwrap();
    name.to_string()
}

fn review(sandbox: &Sandbox, args: &[&str]) -> Run {
    let mut all = vec!["review"];
    all.extend_from_slice(args);
    run(sandbox.consult(&all))
}

/// The copy reviewed by Ann Lee: one tracked replacement, one edit without Track
/// Changes, one comment.
fn reviewed_by_ann(sandbox: &Sandbox, draft: &str) -> Vec<u8> {
    Reviewer::open(&made_for_review(sandbox, draft))
        .replace_tracked("Ann Lee", "option two", "the second option")
        .edit_untracked("lead on prevention", "lead on prevention and early help")
        .comment("Bo Chan", "Councils", "Which councils: county or district?")
        .reply("Ann Lee", "Both: say so in the reasoning.")
        .save("Ann Lee")
}

/// Anytown's draft and Ann Lee's review of it, saved as `reviewed.docx`.
fn reviewed_by_ann_in(sandbox: &Sandbox) -> (PathBuf, String) {
    let draft = drafted(sandbox, "Anytown Council");
    let file = save(
        sandbox,
        "reviewed.docx",
        &reviewed_by_ann(sandbox, "anytown.json"),
    );
    (draft, file)
}

/// Lists Ann Lee's review of `draft` in `file` (snapshot `snapshot`; the draft
/// unchanged), accepts it all, and checks the answers read as she asked, with Bo Chan's
/// comment and her reply on the third item.
fn accepted_as_ann_asked(sandbox: &Sandbox, draft: &Path, file: &str, snapshot: &str) {
    let before = std::fs::read(draft).unwrap();
    let listed = review(sandbox, &["anytown.json", file, "--list"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    insta::assert_snapshot!(snapshot, listed.stdout);
    assert_eq!(std::fs::read(draft).unwrap(), before, "--list changes nothing");

    let accepted = review(sandbox, &["anytown.json", file, "--accept-all"]);
    assert_eq!(accepted.code, 0, "{}", accepted.stderr);
    assert!(accepted.stdout.contains("accepted: 1, 2"), "{}", accepted.stdout);
    assert_eq!(
        answer(draft, 2),
        "We oppose the second option. Funding should follow need, not history."
    );
    assert_eq!(
        answer(draft, 3),
        "Councils should lead on prevention and early help in every place."
    );
    let reviews = read_draft(draft).reviews.unwrap();
    assert_eq!(reviews.comments.len(), 1, "{:?}", reviews.comments);
    assert_eq!(reviews.comments[0].item, item(3));
    assert_eq!(reviews.comments[0].anchor, "Councils");
    assert_eq!(reviews.comments[0].author, "Bo Chan");
    assert_eq!(reviews.comments[0].replies.len(), 1, "{:?}", reviews.comments);
    assert!(
        reviews
            .suggestions
            .iter()
            .all(|s| s.decision == Decision::Accepted)
    );
}

#[test]
fn the_round_trip_a_copy_reviewed_in_word_comes_back_and_is_accepted() {
    let sandbox = Sandbox::new();
    let (draft, file) = reviewed_by_ann_in(&sandbox);
    let before = std::fs::read(&draft).unwrap();

    accepted_as_ann_asked(&sandbox, &draft, &file, "round_trip_list");
    // All of it taken back at once.
    let restored = run(sandbox.consult(&["restore", "anytown.json", "1"]));
    assert_eq!(restored.code, 0, "{}", restored.stderr);
    assert_eq!(std::fs::read(&draft).unwrap(), before);
}

#[test]
fn by_default_what_came_back_is_stored_pending_and_a_second_read_changes_nothing() {
    let sandbox = Sandbox::new();
    let (draft, file) = reviewed_by_ann_in(&sandbox);
    let stored = review(&sandbox, &["anytown.json", &file]);
    assert_eq!(stored.code, 0, "{}", stored.stderr);
    insta::assert_snapshot!("stored", stored.stdout);
    assert_eq!(answer(&draft, 2), FIRST, "nothing is applied");
    let reviews = read_draft(&draft).reviews.unwrap();
    let made: Vec<(u32, Made, Decision)> = reviews
        .suggestions
        .iter()
        .map(|s| (s.number, s.made, s.decision))
        .collect();
    assert_eq!(
        made,
        [
            (1, Made::Tracked, Decision::Pending),
            (2, Made::Untracked, Decision::Pending)
        ]
    );
    assert_eq!(reviews.suggestions[1].author, "Ann Lee", "the file's last author");
    assert_eq!(reviews.received.len(), 1);

    let after = std::fs::read(&draft).unwrap();
    let again = review(&sandbox, &["anytown.json", &file]);
    assert_eq!(again.code, 0);
    assert!(
        again.stdout.contains("read into anytown.json already"),
        "{}",
        again.stdout
    );
    assert_eq!(std::fs::read(&draft).unwrap(), after);
}

#[test]
fn two_reviewers_of_one_copy_keep_every_suggestion_and_the_same_words_compete() {
    let sandbox = Sandbox::new();
    let draft = drafted(&sandbox, "Anytown Council");
    let copy = made_for_review(&sandbox, "anytown.json");
    let ann = save(
        &sandbox,
        "ann.docx",
        &Reviewer::open(&copy)
            .replace_tracked("Ann Lee", "option two", "the second option")
            .save("Ann Lee"),
    );
    let bo = save(
        &sandbox,
        "bo.docx",
        &Reviewer::open(&copy)
            .replace_tracked("Bo Chan", "option two", "option 2")
            .replace_tracked("Bo Chan", "every place", "each place")
            .save("Bo Chan"),
    );
    assert_eq!(review(&sandbox, &["anytown.json", &ann]).code, 0);
    let listed = review(&sandbox, &["anytown.json", &bo, "--list"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    insta::assert_snapshot!("two_reviewers_list", listed.stdout);
    assert_eq!(review(&sandbox, &["anytown.json", &bo]).code, 0);
    let reviews = read_draft(&draft).reviews.unwrap();
    assert_eq!(reviews.suggestions.len(), 3);
    assert_eq!(reviews.received.len(), 2);

    // Accepting all from a third copy leaves the competing pair to choose between.
    let carol = save(
        &sandbox,
        "carol.docx",
        &Reviewer::open(&copy)
            .replace_tracked("Carol Diaz", "follow need", "follow population need")
            .save("Carol Diaz"),
    );
    let all = review(&sandbox, &["anytown.json", &carol, "--accept-all"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert!(
        all.stdout
            .contains("competing for the same words (choose one in the app): 1, 2"),
        "{}",
        all.stdout
    );
    assert_eq!(
        answer(&draft, 3),
        "Councils should lead on prevention in each place."
    );
    assert_eq!(
        answer(&draft, 2),
        "We oppose option two. Funding should follow population need, not history."
    );
}

#[test]
fn on_a_joint_draft_a_reviewer_named_as_a_member_or_its_contact_is_credited_to_it() {
    let sandbox = Sandbox::new();
    let set = set();
    for (file, organisation) in [("north.json", "North Trust"), ("south.json", "South Council")] {
        let mut member = Response::new(&set, organisation);
        member.answer_mut(&set, &item(2)).answer = FIRST.into();
        if organisation == "North Trust" {
            member.respondent.contact_name = "Priya Shah".into();
        }
        consult::drafts::write(&sandbox.path().join(file), &member).unwrap();
    }
    let made = run(sandbox.consult(&[
        "joint",
        "new",
        "north.json",
        "south.json",
        "--org",
        "Anytown Partnership",
        "--out",
        "joint.json",
    ]));
    assert_eq!(made.code, 0, "{}", made.stderr);
    let joint = sandbox.path().join("joint.json");
    let mut drafted = read_draft(&joint);
    drafted.answer_mut(&set, &item(2)).answer = FIRST.into();
    consult::drafts::write(&joint, &drafted).unwrap();
    let copy = made_for_review(&sandbox, "joint.json");
    let by_contact = save(
        &sandbox,
        "north.docx",
        &Reviewer::open(&copy)
            .replace_tracked("Priya Shah", "option two", "the second option")
            .save("Priya Shah"),
    );
    let listed = review(&sandbox, &["joint.json", &by_contact, "--list"]);
    // Named as the contact in North Trust's own response.
    assert!(
        listed.stdout.contains("Priya Shah (for North Trust)"),
        "{}",
        listed.stdout
    );
    assert_eq!(review(&sandbox, &["joint.json", &by_contact]).code, 0);
    let south = save(
        &sandbox,
        "south.docx",
        &Reviewer::open(&copy)
            .comment("Sam", "Funding", "We can live with this.")
            .save("Sam"),
    );
    assert_eq!(
        review(&sandbox, &["joint.json", &south, "--from", "SOUTH COUNCIL"]).code,
        0
    );
    let reviews = read_draft(&joint).reviews.unwrap();
    assert_eq!(reviews.suggestions[0].member.as_deref(), Some("North Trust"));
    assert_eq!(reviews.comments[0].member.as_deref(), Some("South Council"));
    assert_eq!(reviews.received[1].member.as_deref(), Some("South Council"));
}

/// Runs `consult review` on `bytes` and checks it is refused: exit 2, a message naming
/// the file that says `says`, the draft untouched.
fn refused(sandbox: &Sandbox, draft: &Path, name: &str, bytes: &[u8], says: &str) {
    let before = std::fs::read(draft).unwrap();
    let file = save(sandbox, name, bytes);
    let result = review(sandbox, &["anytown.json", &file]);
    assert_eq!(result.code, 2, "{name}: {}{}", result.stdout, result.stderr);
    assert!(result.stderr.contains(&format!("{name}: ")), "{}", result.stderr);
    assert!(result.stderr.contains(says), "{name}: {}", result.stderr);
    assert_eq!(
        std::fs::read(draft).unwrap(),
        before,
        "{name}: the draft is untouched"
    );
}

#[test]
fn copies_made_elsewhere_and_files_that_are_no_copy_are_refused() {
    let sandbox = Sandbox::new();
    let draft = drafted(&sandbox, "Anytown Council");
    let copy = made_for_review(&sandbox, "anytown.json");
    let with = |properties: &[(&str, &str)]| {
        let mut reviewer = Reviewer::open(&copy);
        for (name, value) in properties {
            reviewer.set_property(name, value);
        }
        reviewer
            .replace_tracked("Ann Lee", "option two", "option 2")
            .save("Ann Lee")
    };
    let elsewhere = ("consult.version", "sha256:0123");
    refused(
        &sandbox,
        &draft,
        "other-draft.docx",
        &with(&[("consult.draft", "budget.json"), elsewhere]),
        "was made from the draft budget.json, not anytown.json",
    );
    refused(
        &sandbox,
        &draft,
        "other-org.docx",
        &with(&[("consult.organisation", "Othertown Trust"), elsewhere]),
        "was made from Othertown Trust's response, not Anytown Council's",
    );
    refused(
        &sandbox,
        &draft,
        "other-set.docx",
        &with(&[("consult.set", "health-devolution")]),
        "was made from a response to another consultation (health-devolution)",
    );
    // A Word file consult wrote, but not for review.
    let exported = run(sandbox.consult(&[
        "export",
        "anytown.json",
        "--format",
        "docx",
        "--out",
        "plain.docx",
    ]));
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    let plain = std::fs::read(sandbox.path().join("plain.docx")).unwrap();
    refused(
        &sandbox,
        &draft,
        "plain-export.docx",
        &plain,
        "is not a consult review copy",
    );
    refused(
        &sandbox,
        &draft,
        "broken.docx",
        b"PK\x03\x04 cut short",
        "damaged zip",
    );
    let mut locked = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    locked.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    refused(&sandbox, &draft, "locked.docx", &locked, "password-protected");
    // A huge file is refused from its size, before anything of it is read.
    let huge = sandbox.path().join("huge.docx");
    std::fs::File::create(&huge).unwrap().set_len(65 << 20).unwrap();
    let result = review(&sandbox, &["anytown.json", "huge.docx"]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("huge.docx: is 65 MiB, larger than the 64 MiB"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_heading_retyped_and_a_paragraph_added_without_track_changes_are_listed_never_dropped() {
    let sandbox = Sandbox::new();
    let draft = drafted(&sandbox, "Anytown Council");
    let before = std::fs::read(&draft).unwrap();
    let copy = Reviewer::open(&made_for_review(&sandbox, "anytown.json"))
        .edit_untracked("Consultation questions", "Our answers, question by question")
        .save("Ann Lee");
    let file = save(&sandbox, "retyped.docx", &copy);
    let listed = review(&sandbox, &["anytown.json", &file, "--list"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(
        listed.stdout.contains(
            "Tied to no item (read them and place them by hand):\n  Ann Lee: \"Our answers, question by question\"\n    typed outside every answer and reasoning without Track Changes"
        ),
        "{}",
        listed.stdout
    );
    assert_eq!(std::fs::read(&draft).unwrap(), before, "--list changes nothing");
    let stored = review(&sandbox, &["anytown.json", &file]);
    assert_eq!(stored.code, 0, "{}", stored.stderr);
    let reviews = read_draft(&draft).reviews.unwrap();
    assert_eq!(reviews.unplaced.len(), 1, "{:?}", reviews.unplaced);
    assert_eq!(reviews.unplaced[0].text, "Our answers, question by question");
}

#[test]
fn a_copy_with_nothing_in_it_says_so_and_one_from_a_version_no_longer_kept_reads_what_it_can() {
    let sandbox = Sandbox::new();
    let draft = drafted(&sandbox, "Anytown Council");
    let copy = made_for_review(&sandbox, "anytown.json");
    let untouched = save(&sandbox, "untouched.docx", &copy);
    let before = std::fs::read(&draft).unwrap();
    let result = review(&sandbox, &["anytown.json", &untouched]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stdout.contains("untouched.docx: nothing came back"),
        "{}",
        result.stdout
    );
    assert_eq!(std::fs::read(&draft).unwrap(), before);

    // The draft changed since the copy was made, and that version was never kept.
    let mut changed = read_draft(&draft);
    changed.answer_mut(&set(), &item(2)).reasoning = "Because it costs less.".into();
    consult::drafts::write(&draft, &changed).unwrap();
    let file = save(&sandbox, "late.docx", &reviewed_by_ann(&sandbox, "anytown.json"));
    // Exporting for review kept that version in the draft's history; it is gone now.
    std::fs::remove_dir_all(sandbox.data().join("history")).unwrap();
    std::fs::write(&draft, {
        let mut again = read_draft(&draft);
        again.answer_mut(&set(), &item(2)).reasoning = "Because it costs much less.".into();
        consult::export::json::render(&again)
    })
    .unwrap();
    let result = review(&sandbox, &["anytown.json", &file, "--list"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("is not among the draft's saved versions")
            && result
                .stderr
                .contains("edits made without Track Changes cannot be found"),
        "{}",
        result.stderr
    );
    assert!(
        result.stdout.contains("1 suggestion and 1 comment"),
        "{}",
        result.stdout
    );
}

/// Where the LibreOffice fixture lives: a draft, and Ann Lee's review of its copy as
/// LibreOffice saves it.
fn libreoffice_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review")
}

/// Remakes the LibreOffice fixture (`CONSULT_BLESS=1 cargo test --test it review::libreoffice`,
/// with LibreOffice's `soffice` installed): the review copy as Word marks a review, opened
/// and saved again by LibreOffice, which writes tracked changes and comments its own way.
fn remake_libreoffice_fixture() {
    let sandbox = Sandbox::new();
    let draft = drafted(&sandbox, "Anytown Council");
    let word = sandbox.path().join("word.docx");
    std::fs::write(&word, reviewed_by_ann(&sandbox, "anytown.json")).unwrap();
    let converted = sandbox.path().join("converted");
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            sandbox.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(&converted)
        .arg(&word)
        .status()
        .expect("soffice, to remake the LibreOffice fixture");
    assert!(status.success());
    let dir = libreoffice_fixture();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&draft, dir.join("anytown.json")).unwrap();
    std::fs::copy(converted.join("word.docx"), dir.join("libreoffice.docx")).unwrap();
}

#[test]
fn a_copy_saved_by_libreoffice_comes_back_the_same() {
    if std::env::var_os("CONSULT_BLESS").is_some() {
        remake_libreoffice_fixture();
    }
    let sandbox = Sandbox::new();
    let dir = libreoffice_fixture();
    let draft = sandbox.path().join("anytown.json");
    std::fs::copy(dir.join("anytown.json"), &draft).unwrap();
    std::fs::copy(
        dir.join("libreoffice.docx"),
        sandbox.path().join("libreoffice.docx"),
    )
    .unwrap();
    accepted_as_ann_asked(&sandbox, &draft, "libreoffice.docx", "libreoffice_list");
}

#[test]
fn a_copy_of_an_earlier_version_finds_untracked_edits_against_that_version() {
    let sandbox = Sandbox::new();
    let draft = drafted(&sandbox, "Anytown Council");
    let copy = made_for_review(&sandbox, "anytown.json");
    // Exporting for review kept the version sent in the draft's history; the draft has
    // changed since.
    let mut changed = read_draft(&draft);
    changed.answer_mut(&set(), &item(2)).answer = format!("{FIRST} We add a sentence since.");
    consult::drafts::write(&draft, &changed).unwrap();

    let file = save(
        &sandbox,
        "reviewed.docx",
        &Reviewer::open(&copy)
            .edit_untracked("every place", "each place")
            .save("Ann Lee"),
    );
    let result = review(&sandbox, &["anytown.json", &file, "--accept-all"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stderr.is_empty(), "{}", result.stderr);
    assert!(
        result.stdout.contains("1 suggestion on 1 item"),
        "{}",
        result.stdout
    );
    assert_eq!(
        answer(&draft, 3),
        "Councils should lead on prevention in each place."
    );
    assert_eq!(
        answer(&draft, 2),
        format!("{FIRST} We add a sentence since."),
        "untouched"
    );
}

#[test]
fn an_answer_whose_bookmark_was_deleted_is_found_by_its_words_and_hostile_names_are_defused() {
    let sandbox = Sandbox::new();
    let draft = drafted(&sandbox, "Anytown Council");
    let file = save(
        &sandbox,
        "reviewed.docx",
        &Reviewer::open(&made_for_review(&sandbox, "anytown.json"))
            .delete_bookmark("consult_a3")
            .replace_tracked("Eve\u{1b}[2J\u{202e}", "every place", "each place")
            .comment("Mallory\u{1b}]0;owned\u{7}", "Councils", "Look\u{1b}[31m here")
            .save("Eve"),
    );
    let listed = review(&sandbox, &["anytown.json", &file, "--list"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(
        listed
            .stderr
            .contains("its marks were deleted in the copy; found again by its words"),
        "{}",
        listed.stderr
    );
    for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(
            !listed.stdout.contains(c),
            "{c:?} reached the terminal: {}",
            listed.stdout
        );
    }
    assert!(
        listed.stdout.contains("[-every place-]{+each place+}"),
        "{}",
        listed.stdout
    );
    assert_eq!(review(&sandbox, &["anytown.json", &file, "--accept-all"]).code, 0);
    assert_eq!(
        answer(&draft, 3),
        "Councils should lead on prevention in each place."
    );
    let reviews = read_draft(&draft).reviews.unwrap();
    assert_eq!(reviews.comments[0].item, item(3));
    assert!(!format!("{reviews:?}").contains('\u{1b}'));
}

#[test]
fn what_consult_review_stores_is_decided_in_plain_mode() {
    let sandbox = Sandbox::in_time_zone("UTC");
    let draft = drafted(&sandbox, "Anytown Council");
    let file = save(
        &sandbox,
        "reviewed.docx",
        &reviewed_by_ann(&sandbox, "anytown.json"),
    );
    assert_eq!(review(&sandbox, &["anytown.json", &file]).code, 0);
    let mut plain = sandbox.consult(&["edit", "--plain", "anytown.json"]);
    plain.write_stdin("suggestions\naccept 1\nreject 2\ncomments\nresolve 1\nquit\n");
    let done = run(plain);
    assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
    assert!(
        done.stdout.contains("[-option two-]{+the second option+}"),
        "{}",
        done.stdout
    );
    assert!(
        done.stdout.contains("Which councils: county or district?"),
        "{}",
        done.stdout
    );
    assert_eq!(
        answer(&draft, 2),
        "We oppose the second option. Funding should follow need, not history."
    );
    assert_eq!(answer(&draft, 3), SECOND, "suggestion 2 rejected");
    let reviews = read_draft(&draft).reviews.unwrap();
    assert_eq!(
        reviews.suggestions.iter().map(|s| s.decision).collect::<Vec<_>>(),
        [Decision::Accepted, Decision::Rejected]
    );
    assert!(reviews.comments[0].resolved);
}

#[test]
fn real_word_files_that_are_no_review_copy_are_read_without_harm_and_refused() {
    use consult::review::{origin, place, read};
    let set = set();
    let response = Response::new(&set, "Anytown Council");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "docx") {
            continue;
        }
        seen += 1;
        let bytes = std::fs::read(&path).unwrap();
        let copy = read::read(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            origin::check(&copy, &response, "anytown.json", false),
            Err(origin::Refusal::NotACopy),
            "{}",
            path.display()
        );
        // Read anyway, nothing it holds is taken for an item's text.
        let gathered = place::gather(
            &copy,
            &place::Reading {
                file: "x.docx",
                digest: String::new(),
                response: &response,
                set: &set,
                sent: None,
                reviewer: None,
                contacts: &[],
                now: jiff::Timestamp::UNIX_EPOCH,
            },
        );
        assert!(gathered.reviews.suggestions.is_empty(), "{}", path.display());
        // Cut short anywhere, it is refused, never a panic.
        for cut in (0..bytes.len()).step_by(bytes.len() / 40 + 1) {
            let _ = read::read(&bytes[..cut]);
        }
    }
    assert!(seen >= 4, "the import's Word fixtures are there");
}
