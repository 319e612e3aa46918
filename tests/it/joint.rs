//! The joint response: built from members' drafts in the app (the update step, without a
//! terminal), drawn, and driven from the command line; and the checked-in sample.

use crate::support;
use crate::support::docx;

use consult::export::{self, Format};
use consult::joint::{self, provenance};
use consult::model::joint::{Consensus, Field, SignOffState};
use consult::model::{QuestionSet, Response};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use support::fixtures::{built_in, read, response, root};
use support::sandbox::{Sandbox, run};
use support::{COMMISSION, Harness, LOCAL_GOVERNMENT, render, screen_text};

const NORTHSHIRE: &str = "tests/fixtures/northshire-combined-authority.json";
const MEMBERS: [&str; 3] = [COMMISSION, LOCAL_GOVERNMENT, NORTHSHIRE];
const SECRETARIAT: &str = "Devolution Network (sample)";

fn at(seconds: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_733_000_000 + seconds).unwrap()
}

/// The three sample members' responses, as a joint response would name their files.
fn members() -> Vec<(String, Response)> {
    MEMBERS
        .iter()
        .map(|f| (f.trim_start_matches("tests/fixtures/").to_string(), response(f)))
        .collect()
}

/// An app on a joint draft of the three samples, whose member files sit beside it.
fn joint_app() -> Harness {
    joint_app_of(&MEMBERS)
}

/// An app on a joint draft of the responses in `fixtures`, whose member files sit beside it.
fn joint_app_of(fixtures: &[&str]) -> Harness {
    let mut h = Harness::fresh();
    let drafts = h.drafts_dir();
    std::fs::create_dir_all(&drafts).unwrap();
    let beside = h.dir.path().join("members");
    std::fs::create_dir_all(&beside).unwrap();
    for fixture in fixtures {
        support::fixtures::copy_into(fixture, &beside);
    }
    let members: Vec<(String, Response)> = fixtures
        .iter()
        .map(|f| {
            let name = std::path::Path::new(f).file_name().unwrap().to_str().unwrap();
            (beside.join(name).display().to_string(), response(f))
        })
        .collect();
    let joint = joint::start(&built_in(), SECRETARIAT, &members, at(0)).unwrap();
    std::fs::write(drafts.join("joint.json"), export::json::render(&joint)).unwrap();
    h.key(KeyCode::Esc);
    h.app.refresh_drafts();
    h.open(0);
    // A joint draft that came from elsewhere: its members' files are read once the user agrees.
    let Some(consult::app::Dialog::Confirm { question, .. }) = &h.app.dialog else {
        panic!("the app asks before reading member files outside the joint draft's folder");
    };
    assert!(
        question.contains("names member files outside its folder"),
        "{question}"
    );
    char_key(&mut h, 'y');
    assert!(h.app.joint.as_ref().unwrap().now.iter().all(Option::is_some));
    h
}

fn go_to(h: &mut Harness, label: &str) {
    h.ctrl('l');
    h.type_text(label);
    h.key(KeyCode::Enter);
}

fn char_key(h: &mut Harness, c: char) {
    h.event(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
}

fn record(h: &Harness, item: &str) -> consult::model::joint::JointItem {
    let draft = h.app.draft.as_ref().unwrap();
    draft
        .response
        .joint
        .as_ref()
        .unwrap()
        .item(item)
        .cloned()
        .unwrap_or_default()
}

/// The joint draft of the samples on the item labelled `label`, its members panel open on
/// the member named `name`.
fn on_member(label: &str, name: &str) -> Harness {
    let mut h = joint_app();
    go_to(&mut h, label);
    h.key(KeyCode::F(9));
    support::select_member(&mut h, name);
    h
}

#[test]
fn adopting_a_sentence_puts_it_in_the_joint_answer_with_its_member() {
    let mut h = on_member("Question 1", "Northshire Combined Authority");
    h.key(KeyCode::Enter);
    assert_eq!(h.answer("q1").answer, "We agree.");
    let passages = record(&h, "q1").passages;
    assert_eq!(passages.len(), 1);
    assert_eq!(passages[0].members, ["Northshire Combined Authority"]);
    assert_eq!(passages[0].field, Field::Answer);
    // The next sentence is selected now: adopting it sets it off with a space.
    h.key(KeyCode::Enter);
    assert!(
        h.answer("q1")
            .answer
            .starts_with("We agree. Statutory ICSs from April 2022")
    );
    assert_eq!(record(&h, "q1").passages.len(), 2);
    assert!(h.message().contains("Adopted into the answer"), "{}", h.message());
}

#[test]
fn members_who_said_the_same_are_credited_together() {
    let mut h = on_member("Element 6", "Local Government Association");
    // The third sentence of the association's answer is word for word Northshire's second.
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    h.key(KeyCode::Enter);
    let passages = record(&h, "e6").passages;
    assert_eq!(
        passages[0].members,
        ["Local Government Association", "Northshire Combined Authority"]
    );
    assert!(
        h.message().contains("and 1 other who said the same"),
        "{}",
        h.message()
    );

    // And by hand: + credits the selected member with the passage adopted last.
    support::select_member(&mut h, "Health Devolution Commission");
    char_key(&mut h, '+');
    assert_eq!(record(&h, "e6").passages[0].members.len(), 3);
}

#[test]
fn editing_an_adopted_passage_keeps_its_sources_and_marks_it_edited() {
    let mut h = on_member("Question 2", "Northshire Combined Authority");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc); // back to the joint text, the answer focused, cursor at its end
    h.key(KeyCode::Left); // before the full stop
    h.type_text(" for now");
    let answer = h.answer("q2").answer;
    assert_eq!(answer, "We agree with option 2 for now.");
    let passage = &record(&h, "q2").passages[0];
    assert_eq!(passage.text, answer);
    assert!(passage.edited);
    assert_eq!(passage.members, ["Northshire Combined Authority"]);
    // Typed after the passage, text is the secretariat's own.
    h.key(KeyCode::End);
    h.type_text(" Members differ on timing.");
    let owners = provenance::owners(&h.answer("q2").answer, &record(&h, "q2").passages, Field::Answer);
    assert_eq!(owners.last().unwrap().1, provenance::Owner::Secretariat);
    // Deleting the passage's words drops it.
    for _ in 0..h.answer("q2").answer.chars().count() {
        h.key(KeyCode::Backspace);
    }
    assert!(record(&h, "q2").passages.is_empty());
}

#[test]
fn the_secretariat_can_override_the_consensus_with_a_reason() {
    let mut h = joint_app();
    go_to(&mut h, "Question 4");
    let tally = {
        let draft = h.app.draft.as_ref().unwrap();
        joint::consensus::tally(
            draft.response.joint.as_ref().unwrap(),
            &draft.set,
            draft.set.item("q4").unwrap(),
        )
    };
    assert_eq!(tally.computed, Consensus::StrongSupport, "{tally:?}");
    h.key(KeyCode::F(9));
    char_key(&mut h, 'c');
    char_key(&mut h, '2');
    h.key(KeyCode::Enter); // no reason: asked again
    assert!(matches!(h.app.dialog, Some(consult::app::Dialog::Text { .. })));
    h.type_text("Northshire agrees with delegation in stages");
    h.key(KeyCode::Enter);
    let declared = record(&h, "q4").consensus.unwrap();
    assert_eq!(declared.level, Consensus::Consensus);
    assert_eq!(declared.reason, "Northshire agrees with delegation in stages");
    // Back to the count.
    char_key(&mut h, 'c');
    char_key(&mut h, '0');
    assert!(record(&h, "q4").consensus.is_none());
}

#[test]
fn sign_off_and_minority_statements_are_recorded_per_member() {
    let mut h = on_member("Element 8", "Northshire Combined Authority");
    char_key(&mut h, 'm');
    // An empty field: the member's dissent is typed, not its key point to clear first.
    let Some(consult::app::Dialog::Text { field, .. }) = &h.app.dialog else {
        panic!("the minority statement's field")
    };
    assert_eq!(field.lines().concat(), "");
    h.type_text("We oppose a new scrutiny committee for ICSs.");
    h.key(KeyCode::Enter);
    let minority = record(&h, "e8").minority;
    assert_eq!(minority[0].member, "Northshire Combined Authority");
    assert_eq!(minority[0].text, "We oppose a new scrutiny committee for ICSs.");
    // The member's row says it has one.
    let text = screen_text(render(&h, 120, 40).backend());
    assert!(text.contains("minority statement"), "{text}");
    char_key(&mut h, 's');
    char_key(&mut h, 'o');
    h.type_text("keep council scrutiny");
    h.key(KeyCode::Enter);
    char_key(&mut h, 'S');
    char_key(&mut h, 'a');
    h.key(KeyCode::Enter);
    let draft = h.app.draft.as_ref().unwrap();
    let joint = draft.response.joint.as_ref().unwrap();
    let name = "Northshire Combined Authority";
    assert_eq!(
        joint::sign_off::state(joint, name, Some("e8")),
        SignOffState::Objected
    );
    assert_eq!(
        joint.sign_off(name, Some("e8")).unwrap().note,
        "keep council scrutiny"
    );
    assert_eq!(joint::sign_off::state(joint, name, None), SignOffState::Agreed);
    assert_eq!(
        joint::sign_off::state(joint, name, Some("q1")),
        SignOffState::Agreed,
        "an item without a sign-off of its own follows the whole response"
    );
}

#[test]
fn a_member_that_changed_its_mind_is_marked_and_its_new_version_can_be_taken() {
    let mut h = joint_app();
    let file = h.dir.path().join("members/northshire-combined-authority.json");
    let changed = std::fs::read_to_string(&file)
        .unwrap()
        .replace("\"position\": \"partly-disagree\"", "\"position\": \"agree\"");
    std::fs::write(&file, changed).unwrap();
    // Opened again, the panel reads the members' files as they are now.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.app.refresh_drafts();
    h.open(0);
    go_to(&mut h, "Question 4");
    h.key(KeyCode::F(9));
    support::select_member(&mut h, "Northshire Combined Authority");
    let text = screen_text(render(&h, 120, 40).backend());
    assert!(text.contains("changed: u takes it"), "{text}");
    char_key(&mut h, 'u');
    assert!(h.message().contains("Took Northshire"), "{}", h.message());
    let draft = h.app.draft.as_ref().unwrap();
    let tally = joint::consensus::tally(
        draft.response.joint.as_ref().unwrap(),
        &draft.set,
        draft.set.item("q4").unwrap(),
    );
    assert_eq!(tally.computed, Consensus::Full, "{tally:?}");
}

/// A member's response that a merge left with conflicts nobody has settled (see tests/it/compare.rs).
const UNSETTLED: &str = "tests/fixtures/compare/merged-unsettled.json";

#[test]
fn a_member_with_merge_conflicts_not_settled_is_marked_in_the_panel() {
    let mut h = joint_app_of(&[COMMISSION, UNSETTLED]);
    go_to(&mut h, "Question 1");
    h.key(KeyCode::F(9));
    support::select_member(&mut h, "Merged Borough Council");
    let text = screen_text(render(&h, 120, 40).backend());
    let line = text
        .lines()
        .find(|l| l.contains("Merged Borough Council"))
        .unwrap();
    assert!(line.contains("conflict not settled"), "{text}");
    let line = text
        .lines()
        .find(|l| l.contains("Health Devolution Commiss"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(!line.contains("conflict not settled"), "{text}");
    // Where its file has no conflict, it is not marked.
    go_to(&mut h, "Question 2");
    let text = screen_text(render(&h, 120, 40).backend());
    assert!(!text.contains("conflict not settled"), "{text}");
}

#[test]
fn the_joint_walk_through_is_drawn_at_both_sizes() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut h = joint_app();
        go_to(&mut h, "Element 6");
        insta::assert_snapshot!(
            format!("joint_walk_folded_{width}x{height}"),
            screen_text(render(&h, width, height).backend())
        );
        h.key(KeyCode::F(9));
        support::select_member(&mut h, "Local Government Association");
        h.key(KeyCode::Right);
        insta::assert_snapshot!(
            format!("joint_walk_members_{width}x{height}"),
            screen_text(render(&h, width, height).backend())
        );
        h.key(KeyCode::Right);
        h.key(KeyCode::Enter);
        insta::assert_snapshot!(
            format!("joint_walk_adopted_{width}x{height}"),
            screen_text(render(&h, width, height).backend())
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The sample joint response, built as a secretariat would, exported with attribution.

/// The joint response of the three samples: passages adopted from members (one credited to
/// two who said the same, one edited), the secretariat's own words, a declared consensus,
/// a minority statement and sign-offs. Fixed times, so the sample is stable.
pub fn sample(set: &QuestionSet) -> Response {
    let mut response = joint::start(set, SECRETARIAT, &members(), at(0)).unwrap();
    response.created = at(0);
    response.updated = at(3600);
    let adopt = |response: &mut Response, item: &str, field: Field, from: &str, passage: &str| {
        let credited = provenance::crediting(response.joint.as_ref().unwrap(), item, passage, from);
        let answer = response
            .answer(item)
            .map(|a| a.answer.clone())
            .unwrap_or_default();
        let joint = response.joint.as_mut().unwrap();
        let text = provenance::adopt(
            joint.item_mut(item),
            field,
            &answer,
            answer.len(),
            passage,
            credited,
            false,
        );
        response.answer_mut(set, item).answer = text;
    };
    let lga = "Local Government Association";
    let hdc = "Health Devolution Commission";
    let nca = "Northshire Combined Authority";
    response.answer_mut(set, "q1").position = Some("partly-agree".into());
    adopt(
        &mut response,
        "q1",
        Field::Answer,
        hdc,
        "Putting ICS bodies on a statutory basis from 2022 is a sound starting point, and we welcome both the decision to write integrated care into law and the move away from competition towards collaboration.",
    );
    adopt(
        &mut response,
        "q1",
        Field::Answer,
        lga,
        "Local government representation on ICS boards is essential whichever legal form is chosen.",
    );
    let q1 = response.answer_mut(set, "q1");
    q1.answer = format!("Our members partly agree. {}", q1.answer);
    q1.reasoning = "Members differ on how fast systems can take on statutory duties.".into();
    response.answer_mut(set, "e6").position = Some("support".into());
    adopt(
        &mut response,
        "e6",
        Field::Answer,
        lga,
        "Common boundaries between ICSs and councils are essential if partners are to collaborate and integrate services effectively.",
    );
    response.answer_mut(set, "e8").position = Some("support-with-changes".into());
    adopt(
        &mut response,
        "e8",
        Field::Answer,
        lga,
        "We support robust external scrutiny of ICS bodies, but it should come through existing council health scrutiny.",
    );
    let joint = response.joint.as_mut().unwrap();
    let e8 = joint.item_mut("e8");
    e8.minority.push(consult::model::joint::Minority {
        member: nca.into(),
        text: "We oppose a new scrutiny committee for ICSs.".into(),
    });
    e8.consensus = Some(consult::model::joint::ConsensusOverride {
        level: Consensus::Consensus,
        reason: "All three want ICS bodies scrutinised; Northshire opposes only a new committee for it."
            .into(),
    });
    joint::sign_off::record(joint, lga, None, SignOffState::Agreed, "", at(1800));
    joint::sign_off::record(
        joint,
        nca,
        Some("e8"),
        SignOffState::Objected,
        "keep council scrutiny",
        at(1900),
    );
    response.format_version = response.format_to_write();
    response
}

#[test]
fn the_checked_in_joint_sample_is_current() {
    let set = built_in();
    let response = sample(&set);
    let samples = root().join("exports/samples");
    let bless = std::env::var_os("CONSULT_BLESS").is_some();
    let mut stale = Vec::new();
    for (format, attribution) in [
        (Format::Markdown, true),
        (Format::Html, true),
        (Format::Json, true),
    ] {
        let options = export::Options {
            attribution,
            ..export::Options::default()
        };
        let path = export::default_path(&samples, &response, format);
        let expected = export::render(format, &response, &set, &options);
        if bless {
            std::fs::write(&path, &expected).unwrap();
        } else if std::fs::read(&path).unwrap_or_default() != expected {
            stale.push(path.display().to_string());
        }
    }
    let report = samples.join("devolution-network-sample-integrating-care.provenance.md");
    let expected = export::provenance::markdown(&response, &set).unwrap() + "\n";
    if bless {
        std::fs::write(&report, &expected).unwrap();
    } else if std::fs::read_to_string(&report).unwrap_or_default() != expected {
        stale.push(report.display().to_string());
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `CONSULT_BLESS=1 cargo test --test it joint`"
    );
}

#[test]
fn attribution_names_members_in_footnotes_and_without_it_the_text_is_as_sent() {
    let set = built_in();
    let response = sample(&set);
    let with = export::markdown::render(&response, &set, export::Options::default());
    assert!(with.contains("Our members partly agree. Putting ICS bodies on a statutory basis from 2022 is a sound starting point, and we welcome both the decision to write integrated care into law and the move away from competition towards collaboration.[^1]"), "{with}");
    assert!(with.contains("[^1]: From Health Devolution Commission."));
    assert!(with.contains("From Local Government Association and Northshire Combined Authority."));
    assert!(with.contains("*Members: strong support, significant opposition"));
    assert!(with.contains("#### Minority statement: Northshire Combined Authority"));
    let without = export::markdown::render(
        &response,
        &set,
        export::Options {
            attribution: false,
            ..export::Options::default()
        },
    );
    assert!(!without.contains("[^"), "{without}");
    assert!(!without.contains("*Members:"));
    assert!(without.contains("Our members partly agree. Putting ICS bodies"));
    assert!(
        without.contains("Minority statement"),
        "dissent is part of the submission"
    );
    // Word: a real footnote per passage.
    let docx = export::docx::render(&response, &set, export::Options::default());
    let xml = docx::part(&docx, "word/footnotes.xml");
    assert!(xml.contains("From Health Devolution Commission."), "{xml}");
}

#[test]
fn a_hostile_member_cannot_forge_a_footnote() {
    let set = built_in();
    let mut response = sample(&set);
    // A private-use mark like the ones attribution uses, typed into the secretariat's text.
    response.answer_mut(&set, "q1").reasoning = "See\u{F0000} this".into();
    let with = export::markdown::render(&response, &set, export::Options::default());
    assert!(with.contains("See\u{FFFD} this"));
    assert_eq!(with.matches("[^").count(), 2 * 4, "{with}");
}

// ---------------------------------------------------------------------------------------------
// The command line.

fn member_args(sandbox: &Sandbox) -> Vec<String> {
    std::fs::create_dir_all(sandbox.path().join("members")).unwrap();
    MEMBERS
        .iter()
        .map(|f| {
            support::fixtures::copy_into(f, &sandbox.path().join("members"))
                .display()
                .to_string()
        })
        .collect()
}

/// `consult joint new` of the three samples, copied into the sandbox's `members/`, to
/// `members/joint.json`: that path, and how the command ended.
fn joint_new(sandbox: &Sandbox) -> (std::path::PathBuf, support::sandbox::Run) {
    joint_new_with(sandbox, &[])
}

/// [`joint_new`] with the fixtures in `more` as members too, copied beside the others.
fn joint_new_with(sandbox: &Sandbox, more: &[&str]) -> (std::path::PathBuf, support::sandbox::Run) {
    let mut files = member_args(sandbox);
    for fixture in more {
        let copy = support::fixtures::copy_into(fixture, &sandbox.path().join("members"));
        files.push(copy.display().to_string());
    }
    let out = sandbox.path().join("members/joint.json");
    let mut args = vec![
        "joint",
        "new",
        "--org",
        SECRETARIAT,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(files.iter().map(String::as_str));
    let made = run(sandbox.consult(&args));
    (out, made)
}

#[test]
fn joint_new_status_and_provenance_from_the_command_line() {
    let sandbox = Sandbox::new();
    let (out, made) = joint_new(&sandbox);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(made.stdout.contains("a joint response of 3 members"));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\"format_version\": 4"));
    assert!(
        text.contains("\"file\": \"northshire-combined-authority.json\""),
        "beside the joint file, named relatively"
    );
    assert!(
        !text.contains("\"notes\""),
        "members' notes to themselves are not copied"
    );

    let status = run(sandbox.consult(&["joint", "status", out.to_str().unwrap()]));
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status
            .stdout
            .contains("3 members; on the whole response 0 agreed, 0 objected, 3 not asked")
    );
    // A member changes its mind: status says what.
    let member = sandbox.path().join("members/northshire-combined-authority.json");
    let changed = std::fs::read_to_string(&member)
        .unwrap()
        .replace("We oppose a new scrutiny", "We oppose any new scrutiny");
    std::fs::write(&member, changed).unwrap();
    let status = run(sandbox.consult(&["joint", "status", out.to_str().unwrap()]));
    assert!(
        status.stdout.contains("changed since taken: Element 8 (answer)"),
        "{}",
        status.stdout
    );

    let report = run(sandbox.consult(&["joint", "provenance", out.to_str().unwrap()]));
    assert_eq!(report.code, 0, "{}", report.stderr);
    assert!(
        report.stdout.contains(
            "## Question 4\n\n*Members: strong support, significant opposition (2 of 3 in favour: 2 agree; 1 against: 1 partly disagrees).*"
        ),
        "{}",
        report.stdout
    );
    assert!(report.stdout.contains("- not represented: Health Devolution Commission, Local Government Association, Northshire Combined Authority"));
    let csv = run(sandbox.consult(&["joint", "provenance", out.to_str().unwrap(), "--format", "csv"]));
    assert!(
        csv.stdout
            .starts_with("item,item_label,kind,field,members,edited,text\n"),
        "{}",
        csv.stdout
    );

    for extra in [&[][..], &["--no-attribution"][..]] {
        let target = sandbox.path().join(format!("joint{}.md", extra.len()));
        let mut args = vec![
            "export",
            out.to_str().unwrap(),
            "--format",
            "md",
            "--out",
            target.to_str().unwrap(),
        ];
        args.extend(extra);
        let exported = run(sandbox.consult(&args));
        assert_eq!(exported.code, 0, "{}", exported.stderr);
        let md = std::fs::read_to_string(&target).unwrap();
        assert_eq!(md.contains("*Members:"), extra.is_empty(), "{md}");
    }
}

#[test]
fn joint_new_names_a_member_with_merge_conflicts_not_settled() {
    let sandbox = Sandbox::new();
    let (_, made) = joint_new_with(&sandbox, &[UNSETTLED]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert_eq!(
        made.stderr,
        "warning: Merged Borough Council (merged-unsettled.json) has 3 merge conflicts not settled, in Question 1 (q1), Further comments (comments), respondent: what it holds there is what both merged copies started from, not a position it took; settle them with `consult edit merged-unsettled.json`, then take its new version (u in the members panel)\n"
    );
    assert!(made.stdout.contains("a joint response of 4 members"));
}

#[test]
fn joint_new_refuses_two_files_from_one_member_and_status_refuses_a_plain_response() {
    let sandbox = Sandbox::new();
    let files = member_args(&sandbox);
    let copy = sandbox.path().join("commission-again.json");
    std::fs::copy(&files[0], &copy).unwrap();
    let twice = run(sandbox.consult(&["joint", "new", "--org", "X", &files[0], copy.to_str().unwrap()]));
    assert_eq!(twice.code, 2, "{}", twice.stderr);
    assert!(
        twice
            .stderr
            .contains("are both from \"Health Devolution Commission\": give one response per member"),
        "{}",
        twice.stderr
    );
    let plain = run(sandbox.consult(&["joint", "status", &files[1]]));
    assert_eq!(plain.code, 2);
    assert!(
        plain
            .stderr
            .contains("is not a joint response; start one with `consult joint new --org NAME FILE...`"),
        "{}",
        plain.stderr
    );
}

#[test]
fn a_joint_file_read_back_is_written_byte_for_byte() {
    let text = read("exports/samples/devolution-network-sample-integrating-care.json");
    let response = consult::parse::response(&text).unwrap();
    assert_eq!(export::json::render(&response), text);
}

#[test]
fn the_review_shows_who_has_signed_off() {
    let mut h = on_member("Question 1", "Local Government Association");
    char_key(&mut h, 'S');
    char_key(&mut h, 'a');
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    h.ctrl('g');
    let text = screen_text(render(&h, 120, 40).backend());
    assert!(
        text.contains("whole response: 1 agreed, 0 objected, 2 not asked"),
        "{text}"
    );
    assert!(text.contains("sign-off: 1 agreed, 0 objected"), "{text}");
}

#[test]
fn undoing_an_adoption_and_redoing_it_keeps_who_said_it() {
    let mut h = on_member("Question 3", "Local Government Association");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    h.ctrl('z');
    assert_eq!(h.answer("q3").answer, "");
    assert!(record(&h, "q3").passages.is_empty());
    h.ctrl('y');
    assert!(h.answer("q3").answer.starts_with("We strongly agree that"));
    assert_eq!(
        record(&h, "q3").passages[0].members,
        ["Local Government Association"]
    );
}

#[test]
fn a_passage_whose_words_were_changed_outside_consult_credits_nobody() {
    let set = built_in();
    let mut response = sample(&set);
    // Someone edits the exported JSON by hand: the Element 6 sentence is reworded.
    let e6 = response.answer_mut(&set, "e6");
    e6.answer = "Shared boundaries matter.".into();
    let sandbox = Sandbox::new();
    let file = sandbox.path().join("joint.json");
    std::fs::write(&file, export::json::render(&response)).unwrap();
    let report = run(sandbox.consult(&["joint", "provenance", file.to_str().unwrap()]));
    assert_eq!(report.code, 0, "{}", report.stderr);
    let e6 = report
        .stdout
        .split("## Element 6")
        .nth(1)
        .unwrap()
        .split("## ")
        .next()
        .unwrap();
    assert!(
        e6.contains("- answer (secretariat): Shared boundaries matter."),
        "{e6}"
    );
    assert!(e6.contains("- not represented: Health Devolution Commission, Local Government Association, Northshire Combined Authority"), "{e6}");
    assert_eq!(provenance::reconcile_all(&mut response), 1);
}

#[test]
fn a_hostile_member_name_reaches_no_terminal_and_no_document_as_structure() {
    let set = built_in();
    let hostile = "Evil\u{1b}[2J *Org* | x\n# Heading";
    let mut members = members();
    members[1].1.respondent.organisation = hostile.into();
    let mut response = joint::start(&set, SECRETARIAT, &members, at(0)).unwrap();
    let name = response.joint.as_ref().unwrap().members[1].organisation.clone();
    let joint = response.joint.as_mut().unwrap();
    let text = provenance::adopt(
        joint.item_mut("e6"),
        Field::Answer,
        "",
        0,
        "Shared.",
        vec![name],
        false,
    );
    response.answer_mut(&set, "e6").answer = text;
    response.format_version = response.format_to_write();
    let markdown = export::markdown::render(&response, &set, export::Options::default());
    assert!(!markdown.contains('\u{1b}'), "{markdown}");
    assert!(!markdown.contains("\n# Heading"), "a name cannot open a heading");
    assert!(markdown.contains(r"\*Org\* \| x"), "{markdown}");
    let html = export::html::render(&response, &set, export::Options::default());
    assert!(!html.contains('\u{1b}'));
    let csv = String::from_utf8(export::provenance::csv(&response, &set).unwrap()).unwrap();
    assert!(!csv.contains('\u{1b}'));

    // On screen: the panel shows the name with its control characters as pictures.
    let mut h = Harness::fresh();
    let drafts = h.drafts_dir();
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(drafts.join("joint.json"), export::json::render(&response)).unwrap();
    h.key(KeyCode::Esc);
    h.app.refresh_drafts();
    h.open(0);
    go_to(&mut h, "Element 6");
    h.key(KeyCode::F(9));
    h.key(KeyCode::Down);
    let screen = screen_text(render(&h, 120, 40).backend());
    assert!(!screen.contains('\u{1b}'), "{screen}");
    assert!(screen.contains("Evil␛[2J"), "{screen}");
}

/// Plain mode, for a secretariat using a screen reader or a script: the same joint work
/// line by line.
#[test]
fn plain_mode_builds_the_joint_text_line_by_line() {
    let sandbox = Sandbox::new();
    assert_eq!(joint_new(&sandbox).1.code, 0);
    let out = sandbox.path().join("members/joint.json");
    let script = "go element 6\nmembers\nmember 2\nadopt 2 3\ncredit 1\nconsensus\nconsensus divergence members weigh it differently\nminority 3 We want a combined authority footprint.\nsignoff 3 objected all footprints first\nadopt 9 1\nquit\n";
    let mut command = sandbox.consult(&["edit", "--plain", out.to_str().unwrap()]);
    command.write_stdin(script);
    let done = run(command);
    assert_eq!(done.code, 0, "{}", done.stderr);
    for line in [
        "1. Health Devolution Commission: Support",
        "2. Local Government Association: Support (inferred). NHS boundaries should match the places councils serve.",
        "Consensus: full consensus (3 of 3 in favour: 3 support (1 inferred)).",
        "3. (answer) Common boundaries between ICSs and councils are essential if partners are to collaborate and integrate services effectively.",
        "Adopted into the answer, from Local Government Association and 1 other who said the same.",
        "Health Devolution Commission credited with the sentence adopted last.",
        "Counted: full consensus (3 of 3 in favour: 3 support (1 inferred)).",
        "Consensus declared: divergence.",
        "Minority statement of Northshire Combined Authority recorded.",
        "Northshire Combined Authority objected on the whole response.",
        "There is no member 9; members are numbered 1 to 3.",
    ] {
        assert!(done.stdout.contains(line), "{line:?} in\n{}", done.stdout);
    }
    let saved = consult::parse::response(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let joint = saved.joint.as_ref().unwrap();
    let e6 = joint.item("e6").unwrap();
    assert_eq!(e6.passages[0].members.len(), 3);
    assert_eq!(e6.consensus.as_ref().unwrap().level, Consensus::Divergence);
    assert_eq!(e6.minority[0].text, "We want a combined authority footprint.");
    assert_eq!(
        joint::sign_off::state(joint, "Northshire Combined Authority", None),
        SignOffState::Objected
    );
}

#[test]
fn a_passage_is_adopted_where_the_cursor_is_and_the_next_follows_it() {
    let mut h = on_member("Element 6", "Local Government Association");
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    h.key(KeyCode::Enter); // "Common boundaries …", the answer so far
    h.key(KeyCode::Esc);
    h.key(KeyCode::Home); // the cursor to the start of the joint answer
    h.key(KeyCode::F(9));
    support::select_member(&mut h, "Health Devolution Commission");
    h.key(KeyCode::Enter); // the Commission's first sentence, at the start
    h.key(KeyCode::Enter); // and its second, after the first
    let answer = h.answer("e6").answer;
    let order: Vec<String> = record(&h, "e6")
        .passages
        .iter()
        .map(|p| p.text.chars().take(12).collect())
        .collect();
    assert!(
        answer.starts_with("We support this element. ICS footprints"),
        "{answer}"
    );
    assert!(answer.ends_with("integrate services effectively."), "{answer}");
    assert_eq!(
        order,
        ["We support t", "ICS footprin", "Common bound"],
        "{answer}"
    );
}

#[test]
fn the_sample_counts_every_member_by_side_in_the_attributed_export() {
    let set = built_in();
    let response = sample(&set);
    let text = export::markdown::render(&response, &set, export::Options::default());
    for line in [
        "Members: full consensus (3 of 3 in favour: 2 partly agree, 1 agrees).",
        "Members: divergence (2 of 3 in favour: 2 support (1 inferred); 1 took no position).",
        "Members: too few positions (1 of 3 in favour: 1 supports; 2 took no position).",
        "Members: consensus, as the secretariat judges it; counted, strong support, significant opposition (2 of 3 in favour: 1 supports, 1 supports with changes (1 inferred); 1 against: 1 opposes).",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    assert!(!text.contains("Members: full consensus (1 of 3"), "{text}");
}

#[test]
fn adopted_passages_keep_their_bold_and_emphasis_in_every_attributed_format() {
    let set = built_in();
    let mut response = sample(&set);
    response.answer_mut(&set, "q3").answer = "**Yes, on one condition.** We want *real* money.".into();
    let passage = |text: &str, member: &str| consult::model::joint::Passage {
        field: Field::Answer,
        text: text.into(),
        members: vec![member.into()],
        edited: false,
    };
    response.joint.as_mut().unwrap().item_mut("q3").passages = vec![
        passage("**Yes, on one condition.**", "Local Government Association"),
        passage("We want *real* money.", "Health Devolution Commission"),
    ];
    let md = export::markdown::render(&response, &set, export::Options::default());
    assert!(
        md.contains("**Yes, on one condition.**[^") && md.contains("We want *real* money.[^"),
        "{md}"
    );
    assert!(!md.contains("\\*"), "no escaped asterisks: {md}");
    let html = export::render(Format::Html, &response, &set, &export::Options::default());
    let html = String::from_utf8(html).unwrap();
    assert!(
        html.contains("<strong>Yes, on one condition.</strong><sup"),
        "{html}"
    );
    assert!(html.contains("<em>real</em>"), "{html}");
    assert!(!html.contains("**"), "{html}");
    let word = export::docx::render(&response, &set, export::Options::default());
    let paragraphs = docx::paragraphs(&word);
    let runs: Vec<_> = paragraphs.iter().flat_map(|p| p.runs.clone()).collect();
    assert!(
        runs.contains(&("Yes, on one condition.".into(), true, false)),
        "{runs:?}"
    );
    assert!(runs.contains(&("real".into(), false, true)), "{runs:?}");
    assert!(!runs.iter().any(|r| r.0.contains("**")), "{runs:?}");
    // The provenance report quotes the plain words.
    let report = export::provenance::markdown(&response, &set).unwrap();
    assert!(
        report.contains("answer from Local Government Association: Yes, on one condition.\n"),
        "{report}"
    );
    assert!(
        report.contains("answer from Health Devolution Commission: We want real money."),
        "{report}"
    );
}

#[test]
fn on_another_item_the_members_panel_starts_again_at_its_first_member_and_sentence() {
    let mut h = on_member("Question 1", "Northshire Combined Authority");
    h.key(KeyCode::Right);
    let panel = h.app.joint.as_ref().unwrap();
    assert!(panel.member > 0 || panel.unit > 0);
    h.key(KeyCode::F(9)); // back to the joint text
    go_to(&mut h, "Question 2");
    let panel = h.app.joint.as_ref().unwrap();
    assert_eq!((panel.member, panel.unit), (0, 0));
    // One Enter in the panel now adopts the first member's first sentence of this item.
    h.key(KeyCode::F(9));
    h.key(KeyCode::Enter);
    let passages = record(&h, "q2").passages;
    let first = h
        .app
        .draft
        .as_ref()
        .unwrap()
        .response
        .joint
        .as_ref()
        .unwrap()
        .members[0]
        .organisation
        .clone();
    assert_eq!(passages[0].members[0], first);
}

#[test]
fn a_long_minority_statement_wraps_in_its_field_rather_than_scrolling_sideways() {
    let mut h = on_member("Element 8", "Northshire Combined Authority");
    char_key(&mut h, 'm');
    h.type_text("We oppose a new scrutiny committee for ICSs. Council health scrutiny already does this work, and a second body would only duplicate it.");
    let text = screen_text(render(&h, 80, 24).backend());
    assert!(
        text.contains("We oppose a new scrutiny committee"),
        "the start stays in view:\n{text}"
    );
    assert!(text.contains("only duplicate it."), "and the end:\n{text}");
}

/// Names the joint draft's first member's file `file`, as a joint draft from someone else might.
fn with_first_member_file(joint: &std::path::Path, file: &str) {
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(joint).unwrap()).unwrap();
    value["joint"]["members"][0]["file"] = file.into();
    std::fs::write(joint, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

/// `consult joint status JOINT` and `extra`, ended by force should it ever block.
fn status_of(sandbox: &Sandbox, joint: &std::path::Path, extra: &[&str]) -> support::sandbox::Run {
    let mut command = sandbox.consult(&[&["joint", "status", joint.to_str().unwrap()][..], extra].concat());
    command.timeout(std::time::Duration::from_secs(30));
    run(command)
}

#[test]
fn joint_status_reads_no_member_file_a_hostile_joint_draft_points_at() {
    let sandbox = Sandbox::new();
    let (joint, made) = joint_new(&sandbox);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let folder = joint.parent().unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", folder.join("passwd-link.json")).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(folder.join("pipe.json"))
            .status()
            .unwrap();
        assert!(made.success());
    }
    let outside = "is outside the joint draft's folder, and was not read (--allow-member-path reads it)";
    let mut cases = vec![
        ("../../etc/passwd", "leads out of the joint draft's folder", None),
        ("/etc/shadow", outside, None),
        ("/proc/self/environ", outside, None),
        (
            "/dev/urandom",
            outside,
            Some("is not a regular file, and was not read"),
        ),
    ];
    #[cfg(unix)]
    cases.extend([
        (
            "passwd-link.json",
            "leads out of the joint draft's folder through a link",
            None,
        ),
        ("pipe.json", "is not a regular file, and was not read", None),
    ]);
    for (file, said, allowed_said) in cases {
        with_first_member_file(&joint, file);
        let status = status_of(&sandbox, &joint, &[]);
        assert_eq!(status.code, 0, "{file}: {}", status.stderr);
        assert!(
            status
                .stderr
                .contains("Health Devolution Commission: cannot check for changes: ")
                && status.stderr.contains(said),
            "{file}: {}",
            status.stderr
        );
        assert!(
            !status.stdout.contains("root:"),
            "{file}: nothing of the file is shown"
        );
        if let Some(allowed_said) = allowed_said {
            let status = status_of(&sandbox, &joint, &["--allow-member-path"]);
            assert!(status.stderr.contains(allowed_said), "{file}: {}", status.stderr);
        }
    }
}

#[test]
fn a_member_file_now_from_another_organisation_is_reported_never_compared() {
    let sandbox = Sandbox::new();
    let (joint, made) = joint_new(&sandbox);
    assert_eq!(made.code, 0, "{}", made.stderr);
    // Another organisation's response, at an absolute path outside the folder.
    let elsewhere = sandbox.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let other = support::fixtures::copy_into(LOCAL_GOVERNMENT, &elsewhere);
    with_first_member_file(&joint, other.to_str().unwrap());
    let status = status_of(&sandbox, &joint, &["--allow-member-path"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status.stderr.contains("Health Devolution Commission: cannot check for changes: the file is now a response from \"Local Government Association\", not \"Health Devolution Commission\"; it was not compared"),
        "{}",
        status.stderr
    );
    let commission = status.stdout.split("\n\n").nth(1).unwrap();
    assert!(!commission.contains("changed since taken"), "{commission}");

    // The member's own response outside the folder is read once allowed, and compared.
    let own = support::fixtures::copy_into(COMMISSION, &elsewhere);
    with_first_member_file(&joint, own.to_str().unwrap());
    let asked = status_of(&sandbox, &joint, &[]);
    assert!(
        asked.stderr.contains("--allow-member-path reads it"),
        "{}",
        asked.stderr
    );
    let allowed = status_of(&sandbox, &joint, &["--allow-member-path"]);
    assert!(
        !allowed.stderr.contains("Health Devolution Commission"),
        "{}",
        allowed.stderr
    );
}

#[test]
fn plain_mode_asks_before_reading_a_member_file_outside_the_joint_drafts_folder() {
    let sandbox = Sandbox::new();
    let (joint, made) = joint_new(&sandbox);
    assert_eq!(made.code, 0, "{}", made.stderr);
    // Northshire's own file, changed since, at an absolute path outside the joint draft's folder.
    let elsewhere = sandbox.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let moved = elsewhere.join("northshire.json");
    let text =
        std::fs::read_to_string(sandbox.path().join("members/northshire-combined-authority.json")).unwrap();
    let mut member = consult::parse::response(&text).unwrap();
    member.answers[0].answer.push_str(" A sentence added later.");
    std::fs::write(&moved, export::json::render(&member)).unwrap();
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&joint).unwrap()).unwrap();
    value["joint"]["members"][2]["file"] = moved.display().to_string().into();
    std::fs::write(&joint, serde_json::to_string_pretty(&value).unwrap()).unwrap();

    for (answer, took) in [("no", false), ("yes", true)] {
        let mut command = sandbox.consult(&["edit", "--plain", joint.to_str().unwrap()]);
        command.write_stdin(format!("take 3\n{answer}\nquit\n"));
        let done = run(command);
        assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
        assert!(
            done.stdout.contains("is outside this joint draft's folder; a joint draft from someone else could name any file. Read it?"),
            "{}",
            done.stdout
        );
        assert_eq!(
            done.stdout
                .contains("Took Northshire Combined Authority's new version"),
            took,
            "{answer}: {}",
            done.stdout
        );
    }
}

/// Typing into the joint answer redraws only it over the frame on screen (the members
/// panel beside it stays as drawn), and the screen is the state drawn afresh at every
/// frame, through a passage adopted, typing inside it and deleting it.
#[test]
fn typing_in_the_joint_answer_paints_what_a_whole_frame_draws() {
    use crate::support::painted::Painted;
    let mut h = joint_app();
    let mut painted = Painted::new(&mut h, 120, 40);
    for c in "Councils should be equal partners. ".chars() {
        painted.char(&mut h, c);
    }
    let typed = painted.typed;
    assert!(typed > 30, "{typed} typed frames");
    // Adopt a member's passage (the panel changes: whole frames), then type after it.
    painted.key(&mut h, KeyCode::F(9), KeyModifiers::NONE);
    painted.key(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    painted.key(&mut h, KeyCode::Esc, KeyModifiers::NONE);
    for c in " And more.".chars() {
        painted.char(&mut h, c);
    }
    // Into the passage: it is edited, and the panel says so.
    for _ in 0..15 {
        painted.key(&mut h, KeyCode::Left, KeyModifiers::NONE);
    }
    painted.char(&mut h, 'Z');
    for _ in 0..30 {
        painted.key(&mut h, KeyCode::Backspace, KeyModifiers::NONE);
    }
    assert!(painted.typed > typed);
}
