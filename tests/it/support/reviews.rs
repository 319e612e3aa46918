//! A draft with what reviewers of its Word copy sent back, built in code: suggestions on
//! the executive summary (two competing for the same words, one whose words have gone, one
//! on its own) and on Question 1's reasoning, and comments (one with a reply, one resolved).

use consult::model::joint::Field;
use consult::model::review::{Made, Received, Reply, ReviewComment, Reviews, Suggestion};
use consult::model::{QuestionSet, Response};

use super::fixtures::built_in;

/// The executive summary as the reviewers saw it.
pub const SUMMARY: &str = "Funding should follow need, not history. Councils must lead.";
/// Question 1's reasoning as the reviewers saw it.
pub const REASONING: &str = "Integration must be funded properly.";

pub fn suggestion(
    number: u32,
    item: &str,
    field: Field,
    [before, deleted, inserted, after]: [&str; 4],
    author: &str,
    made: Made,
) -> Suggestion {
    Suggestion {
        number,
        item: item.into(),
        field,
        before: before.into(),
        deleted: deleted.into(),
        inserted: inserted.into(),
        after: after.into(),
        author: author.into(),
        date: Some(format!("2026-11-0{number}T10:00:00Z")),
        made,
        file: "reviewed.docx".into(),
        ..Suggestion::default()
    }
}

/// Every suggestion the reviewed draft holds, numbered 1 to 5:
/// 1 and 2 compete for "need"; 3 stands alone; 4's words are not in the text; 5 is on
/// Question 1's reasoning.
pub fn all_suggestions() -> Vec<Suggestion> {
    vec![
        suggestion(
            1,
            "summary",
            Field::Answer,
            [
                "Funding should follow ",
                "need",
                "population need",
                ", not history.",
            ],
            "Ann Reviewer",
            Made::Tracked,
        ),
        suggestion(
            2,
            "summary",
            Field::Answer,
            ["should follow ", "need, not history", "need", ". Councils"],
            "Bea Member",
            Made::Untracked,
        ),
        suggestion(
            3,
            "summary",
            Field::Answer,
            ["Councils ", "must", "should", " lead."],
            "Ann Reviewer",
            Made::Tracked,
        ),
        suggestion(
            4,
            "summary",
            Field::Answer,
            ["We ", "strongly", "", " agree with this"],
            "Carl Reviewer",
            Made::Moved,
        ),
        suggestion(
            5,
            "q1",
            Field::Reasoning,
            ["Integration ", "must", "has to", " be funded"],
            "Ann Reviewer",
            Made::Tracked,
        ),
    ]
}

fn comment(number: u32, item: &str, anchor: &str, author: &str, text: &str) -> ReviewComment {
    ReviewComment {
        number,
        item: item.into(),
        field: Field::Answer,
        anchor: anchor.into(),
        author: author.into(),
        date: Some(format!("2026-11-1{number}T09:30:00Z")),
        text: text.into(),
        file: "reviewed.docx".into(),
        ..ReviewComment::default()
    }
}

/// Comment 1 on the summary has a reply, comment 2 there is resolved, comment 3 is on
/// Question 1.
pub fn all_comments() -> Vec<ReviewComment> {
    let mut replied = comment(1, "summary", "need", "Bea Member", "We can live with this.");
    replied.replies.push(Reply {
        author: "Ann Reviewer".into(),
        date: Some("2026-11-12T08:00:00Z".into()),
        text: "Agreed, keep it.".into(),
    });
    let mut resolved = comment(
        2,
        "summary",
        "Councils must lead",
        "Carl Reviewer",
        "Fine as it is.",
    );
    resolved.resolved = true;
    vec![
        replied,
        resolved,
        comment(
            3,
            "q1",
            "statutory",
            "Dee Reviewer",
            "Please drop the reference to option 2.",
        ),
    ]
}

/// `response` to the built-in set with the reviewers' texts in place and `suggestions`
/// and `comments` read back.
pub fn with_reviews(
    mut response: Response,
    suggestions: Vec<Suggestion>,
    comments: Vec<ReviewComment>,
) -> Response {
    let set: QuestionSet = built_in();
    response.answer_mut(&set, "summary").answer = SUMMARY.into();
    let q1 = response.answer_mut(&set, "q1");
    q1.answer = "We support statutory ICSs.".into();
    q1.reasoning = REASONING.into();
    response.reviews = Some(Reviews {
        received: vec![Received {
            file: "reviewed.docx".into(),
            digest: "sha256:00".into(),
            made_from: "sha256:11".into(),
            reviewer: "Ann Reviewer".into(),
            member: None,
            read: jiff::Timestamp::from_second(1_790_000_000).unwrap(),
        }],
        suggestions,
        comments,
        unplaced: Vec::new(),
    });
    response
}

/// A fresh response of "Reviewed Organisation" with every suggestion and comment.
pub fn reviewed() -> Response {
    with_reviews(
        Response::new(&built_in(), "Reviewed Organisation"),
        all_suggestions(),
        all_comments(),
    )
}
