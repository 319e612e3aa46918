//! Reviews back from Word in plain mode, on the real binary: listing suggestions and
//! comments, deciding them by number (going to their item first), and undo; and the
//! full-screen app in a pseudo-terminal accepting one suggestion and rejecting another.
//!
//! The plain session's transcript is compared with `tests/transcripts/review.txt`;
//! `CONSULT_BLESS=1 cargo test --test it review_plain` rewrites it after a deliberate change.

use std::path::{Path, PathBuf};

use crate::support;

use consult::model::Response;
use consult::model::review::Decision;
use support::fixtures::{differs_from_expected, root};
use support::pty::Session;
use support::reviews::{self, SUMMARY};
use support::sandbox::{Sandbox, run};
use support::wait;

/// `response` written as a draft file in `home`'s drafts folder.
fn lay_out(home: &Path, response: &Response) -> PathBuf {
    let drafts = support::dirs(home).drafts();
    std::fs::create_dir_all(&drafts).unwrap();
    let path = drafts.join("reviewed.json");
    std::fs::write(&path, consult::export::json::render(response)).unwrap();
    path
}

fn saved(path: &Path) -> Response {
    consult::parse::response(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn decision(response: &Response, number: u32) -> Decision {
    response
        .reviews
        .as_ref()
        .unwrap()
        .suggestion(number)
        .unwrap()
        .decision
}

#[test]
fn plain_mode_lists_decides_resolves_and_undoes() {
    let sandbox = Sandbox::in_time_zone("UTC");
    let path = lay_out(sandbox.path(), &reviews::reviewed());
    let mut command = sandbox.consult(&["edit", "--plain", path.to_str().unwrap()]);
    command.write_stdin(
        "go 5\nsuggestions\naccept 1\nreject 2\ncomments\nresolve 1\nundo\naccept 5\nresolve 3 open\nreview\nquit\n",
    );
    let done = run(command);
    assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
    if let Some(diff) = differs_from_expected(
        "review session",
        &root().join("tests/transcripts/review.txt"),
        &done.stdout.replace(&sandbox.path().display().to_string(), "HOME"),
    ) {
        panic!("{diff}");
    }
    let after = saved(&path);
    assert_eq!(
        after.answer("summary").unwrap().answer,
        "Funding should follow population need, not history. Councils must lead."
    );
    assert_eq!(decision(&after, 1), Decision::Accepted);
    assert_eq!(decision(&after, 2), Decision::Rejected);
    assert_eq!(decision(&after, 5), Decision::Accepted);
    assert_eq!(
        after.answer("q1").unwrap().reasoning,
        "Integration has to be funded properly."
    );
    // undo took back resolving comment 1.
    let comments = &after.reviews.as_ref().unwrap().comments;
    assert!(!comments[0].resolved);
}

#[test]
fn plain_mode_says_what_cannot_be_decided_and_why() {
    let sandbox = Sandbox::in_time_zone("UTC");
    let path = lay_out(sandbox.path(), &reviews::reviewed());
    let mut command = sandbox.consult(&["edit", "--plain", path.to_str().unwrap()]);
    command.write_stdin(
        "accept 4\naccept 9\nsignoff-from 1 agreed\naccept two\nreject 4\nreject 4\nfinal\nno\nquit\n",
    );
    let done = run(command);
    assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
    for said in [
        "The words suggestion 4 changes are no longer in the text; reject it, or make the change by hand.",
        "There is no suggestion 9.",
        "Comment 1 is not from a member of this joint response.",
        "accept needs a suggestion's number, as suggestions lists them: accept 2",
        "Suggestion 4 rejected.",
        "Suggestion 4 is rejected already.",
        "4 reviewers' suggestions are not yet accepted or rejected, and 2 reviewers' comments are not yet resolved.\nMark the response final anyway? yes or no",
        "The response stays a draft.",
    ] {
        assert!(done.stdout.contains(said), "{said}\n{}", done.stdout);
    }
    assert_eq!(saved(&path).answer("summary").unwrap().answer, SUMMARY);
}

#[test]
fn in_a_terminal_one_suggestion_is_accepted_and_another_rejected() {
    let home = tempfile::tempdir().unwrap();
    let all = reviews::all_suggestions();
    let two = vec![all[0].clone(), all[2].clone()];
    let path = lay_out(
        home.path(),
        &reviews::with_reviews(
            Response::new(&support::fixtures::built_in(), "Reviewed Organisation"),
            two,
            Vec::new(),
        ),
    );
    let mut app = Session::edit(home.path(), &path);
    app.wait_for("Reviewed Organisation");
    app.send("\x1b[23~"); // F11: the review panel
    app.wait_for("2 suggestions pending");
    app.send("a");
    app.wait_for("Suggestion 1 accepted.");
    app.send("r");
    app.wait_for("Suggestion 3 rejected.");
    let accepted = "Funding should follow population need, not history. Councils must lead.";
    let decided = wait::until(
        || {
            let response = consult::parse::response(&std::fs::read_to_string(&path).ok()?).ok()?;
            let done = response.answer("summary")?.answer == accepted
                && decision(&response, 1) == Decision::Accepted
                && decision(&response, 3) == Decision::Rejected;
            done.then_some(response)
        },
        || format!("the file never showed both decisions:\n{}", app.contents()),
    );
    assert!(decided.reviews.unwrap().pending(None).next().is_none());
    app.send(support::pty::CTRL_Q);
    assert!(app.wait_exit());
}

#[test]
fn plain_mode_turns_a_members_comment_into_its_sign_off() {
    let member = "Northshire Combined Authority";
    let mut response = reviews::reviewed();
    response.joint = Some(consult::model::joint::Joint {
        members: vec![consult::model::joint::Member {
            organisation: member.into(),
            ..Default::default()
        }],
        ..Default::default()
    });
    response.reviews.as_mut().unwrap().comments[2].member = Some(member.into());
    let sandbox = Sandbox::in_time_zone("UTC");
    let path = lay_out(sandbox.path(), &response);
    let mut command = sandbox.consult(&["edit", "--plain", path.to_str().unwrap()]);
    command.write_stdin("signoff-from 3 agreed\nquit\n");
    let done = run(command);
    assert_eq!(done.code, 0, "{}\n{}", done.stdout, done.stderr);
    for said in [
        "Going to Question 1, Statutory ICSs.",
        "Northshire Combined Authority agreed on this item, comment 3 its note; the comment is resolved.",
    ] {
        assert!(done.stdout.contains(said), "{said}\n{}", done.stdout);
    }
    let after = saved(&path);
    let signed = &after.joint.as_ref().unwrap().sign_offs[0];
    assert_eq!(signed.note, "Please drop the reference to option 2.");
    assert_eq!(signed.item.as_deref(), Some("q1"));
    assert!(after.reviews.unwrap().comments[2].resolved);
}
