//! Fixing an import's placing, passage by passage: move a passage to another item (or
//! to none), split one at a point, or mark one as not an answer (it goes to the item's
//! notes). Each changes the passage record and the answers together, so that an answer
//! always holds its passages' words in document order. The app's placing view and plain
//! mode call these; nothing here reads or writes files.

use super::response::JOIN;
use crate::model::{PassageField, QuestionSet, Response};

/// Why a placing could not be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The response was not imported, or has no passage at that index.
    NoSuchPassage(usize),
    /// The item is not in the question set.
    UnknownItem(String),
    /// The split point is not inside the passage, between two characters.
    BadSplit { passage: usize, at: usize },
    /// The passage is not placed, so it is on no item's answer.
    NotPlaced(usize),
    /// The item's answer (or notes) was edited since: the passage's words are not in it
    /// as they were. Nothing was changed.
    Edited { item: String, field: &'static str },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NoSuchPassage(i) => write!(f, "there is no passage {}", i + 1),
            EditError::UnknownItem(item) => write!(f, "item {item:?} is not in the question set"),
            EditError::BadSplit { passage, at } => {
                write!(
                    f,
                    "passage {} cannot be split at {at}: that is not inside it",
                    passage + 1
                )
            }
            EditError::NotPlaced(i) => write!(f, "passage {} is not placed on any item", i + 1),
            EditError::Edited { item, field } => write!(
                f,
                "the {field} of {item} has been edited since the import and no longer holds this passage word for word; move the words by hand"
            ),
        }
    }
}

/// Moves passage `index` to `to`'s answer (none: not placed). Its words leave the
/// answer or notes they were in and join the new item's answer in document order.
pub fn move_passage(
    response: &mut Response,
    set: &QuestionSet,
    index: usize,
    to: Option<&str>,
) -> Result<(), EditError> {
    if let Some(item) = to
        && set.item(item).is_none()
    {
        return Err(EditError::UnknownItem(item.to_string()));
    }
    let passage = passage(response, index)?.clone();
    let mut changed = response.clone();
    take_out(&mut changed, index)?;
    {
        let moved = &mut changed.source.as_mut().expect("checked").passages[index];
        moved.item = to.map(str::to_string);
        moved.field = PassageField::Answer;
        moved.reason = match to {
            Some(_) => "moved here by hand".into(),
            None => "marked not placed by hand".into(),
        };
        moved.confidence = 100;
    }
    if let Some(item) = to {
        put_in(&mut changed, set, index, item, PassageField::Answer);
    }
    for item in passage.item.iter().chain(to.map(str::to_string).iter()) {
        refresh_paragraphs(&mut changed, item);
    }
    *response = changed;
    Ok(())
}

/// Marks passage `index` as not part of its item's answer: its words go to the item's
/// notes, in document order.
pub fn mark_not_answer(response: &mut Response, set: &QuestionSet, index: usize) -> Result<(), EditError> {
    let passage = passage(response, index)?.clone();
    let Some(item) = passage.item.clone() else {
        return Err(EditError::NotPlaced(index));
    };
    if passage.field == PassageField::Notes {
        return Ok(());
    }
    let mut changed = response.clone();
    take_out(&mut changed, index)?;
    {
        let marked = &mut changed.source.as_mut().expect("checked").passages[index];
        marked.field = PassageField::Notes;
        marked.reason = "marked not an answer by hand".into();
        marked.confidence = 100;
    }
    put_in(&mut changed, set, index, &item, PassageField::Notes);
    *response = changed;
    Ok(())
}

/// Cuts passage `index` in two at byte `at` of its text; the second part follows it, on
/// the same item, and the answer holding both gets a paragraph break there.
pub fn split_passage(response: &mut Response, index: usize, at: usize) -> Result<(), EditError> {
    let passage = passage(response, index)?.clone();
    let text = &passage.text;
    if at == 0
        || at >= text.len()
        || !text.is_char_boundary(at)
        || text[..at].trim().is_empty()
        || text[at..].trim().is_empty()
    {
        return Err(EditError::BadSplit { passage: index, at });
    }
    let (first, second) = text.split_at(at);
    let mut changed = response.clone();
    if let Some(item) = &passage.item
        && passage.field != PassageField::Heading
    {
        let field = field_text(&mut changed, item, passage.field);
        let whole = text.trim();
        let Some(found) = field.find(whole) else {
            return Err(EditError::Edited {
                item: item.clone(),
                field: passage.field.label(),
            });
        };
        let parts = format!("{}{JOIN}{}", first.trim(), second.trim());
        field.replace_range(found..found + whole.len(), &parts);
    }
    let source = changed.source.as_mut().expect("checked");
    source.passages[index].text = first.to_string();
    let mut rest = passage.clone();
    rest.offset = passage.offset + at;
    rest.text = second.to_string();
    rest.reason = "split by hand from the passage before".into();
    source.passages.insert(index + 1, rest);
    *response = changed;
    Ok(())
}

fn passage(response: &Response, index: usize) -> Result<&crate::model::Passage, EditError> {
    response
        .source
        .as_ref()
        .and_then(|s| s.passages.get(index))
        .ok_or(EditError::NoSuchPassage(index))
}

/// The answer's or notes' text of `item` (created if need be).
fn field_text<'r>(response: &'r mut Response, item: &str, field: PassageField) -> &'r mut String {
    let at = match response.answers.iter().position(|a| a.item == item) {
        Some(at) => at,
        None => {
            response.answers.push(crate::model::Answer::new(item));
            response.answers.len() - 1
        }
    };
    let answer = &mut response.answers[at];
    match field {
        PassageField::Notes => &mut answer.notes,
        _ => &mut answer.answer,
    }
}

/// Takes passage `index`'s words out of the answer or notes they are in.
fn take_out(response: &mut Response, index: usize) -> Result<(), EditError> {
    let passage = passage(response, index)?.clone();
    let Some(item) = &passage.item else {
        return Ok(());
    };
    if passage.field == PassageField::Heading {
        return Ok(());
    }
    let words = passage.text.trim();
    let field = field_text(response, item, passage.field);
    if words.is_empty() {
        return Ok(());
    }
    let Some(found) = field.find(words) else {
        return Err(EditError::Edited {
            item: item.clone(),
            field: passage.field.label(),
        });
    };
    let mut end = found + words.len();
    let mut start = found;
    // One separator goes with it: the one after, else the one before.
    if field[end..].starts_with(JOIN) {
        end += JOIN.len();
    } else if field[..start].ends_with(JOIN) {
        start -= JOIN.len();
    }
    field.replace_range(start..end, "");
    Ok(())
}

/// Puts passage `index`'s words into `item`'s answer or notes, after the words of the
/// item's passages that come before it in the document (or before those that follow).
fn put_in(response: &mut Response, set: &QuestionSet, index: usize, item: &str, field: PassageField) {
    let source = response.source.clone().expect("checked");
    let words = source.passages[index].text.trim().to_string();
    if words.is_empty() {
        return;
    }
    let same = |p: &&crate::model::Passage| {
        p.item.as_deref() == Some(item) && p.field == field && !p.text.trim().is_empty()
    };
    let before: Vec<&str> = source.passages[..index]
        .iter()
        .filter(same)
        .map(|p| p.text.trim())
        .collect();
    let after: Vec<&str> = source.passages[index + 1..]
        .iter()
        .filter(same)
        .map(|p| p.text.trim())
        .collect();
    response.answer_mut(set, item);
    let text = field_text(response, item, field);
    if text.trim().is_empty() {
        *text = words;
        return;
    }
    if let Some(end) = before
        .iter()
        .rev()
        .find_map(|b| text.find(b).map(|at| at + b.len()))
    {
        text.insert_str(end, &format!("{JOIN}{words}"));
    } else if let Some(at) = after.iter().find_map(|a| text.find(a)) {
        text.insert_str(at, &format!("{words}{JOIN}"));
    } else {
        text.push_str(JOIN);
        text.push_str(&words);
    }
}

/// `item`'s answer lists the paragraphs its passages come from.
fn refresh_paragraphs(response: &mut Response, item: &str) {
    let source = response.source.as_ref().expect("checked");
    let mut paragraphs: Vec<usize> = source
        .passages
        .iter()
        .filter(|p| p.item.as_deref() == Some(item))
        .map(|p| p.paragraph)
        .collect();
    paragraphs.dedup();
    if let Some(answer) = response.answers.iter_mut().find(|a| a.item == item) {
        answer.source_paragraphs = paragraphs;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::response::{SourceFile, import};
    use crate::import::testing::{document, paragraph, set};

    /// Question 1 with two paragraphs, Question 2 with one.
    fn imported() -> Response {
        let document = document(vec![
            paragraph("Question 1: We agree with the statutory footing."),
            paragraph("Option 2 is the better model, for its clarity."),
            paragraph("It must come with support for system leaders."),
            paragraph("Question 2: We partly agree."),
        ]);
        let file = SourceFile {
            name: "reply.txt".into(),
            digest: "sha256:00".into(),
        };
        import(
            &document,
            &set(),
            file,
            "Test Council",
            jiff::Timestamp::UNIX_EPOCH,
        )
        .response
    }

    fn answer<'r>(response: &'r Response, item: &str) -> &'r str {
        response.answer(item).map_or("", |a| a.answer.as_str())
    }

    #[test]
    fn a_moved_passage_leaves_one_answer_and_joins_another_in_document_order() {
        let set = set();
        let mut response = imported();
        assert_eq!(
            answer(&response, "q1"),
            "Question 1: We agree with the statutory footing.\n\nOption 2 is the better model, for its clarity.\n\nIt must come with support for system leaders."
        );
        move_passage(&mut response, &set, 1, Some("q2")).unwrap();
        assert_eq!(
            answer(&response, "q1"),
            "Question 1: We agree with the statutory footing.\n\nIt must come with support for system leaders."
        );
        // Paragraph 1 comes before Question 2's own passage in the document.
        assert_eq!(
            answer(&response, "q2"),
            "Option 2 is the better model, for its clarity.\n\nQuestion 2: We partly agree."
        );
        assert_eq!(response.answer("q2").unwrap().source_paragraphs, vec![1, 3]);
        assert_eq!(response.answer("q1").unwrap().source_paragraphs, vec![0, 2]);
        let moved = &response.source.as_ref().unwrap().passages[1];
        assert_eq!((moved.item.as_deref(), moved.confidence), (Some("q2"), 100));
    }

    #[test]
    fn a_passage_moved_to_none_is_not_placed_and_its_words_stay_in_the_record() {
        let set = set();
        let mut response = imported();
        move_passage(&mut response, &set, 2, None).unwrap();
        assert!(!answer(&response, "q1").contains("system leaders"));
        let source = response.source.as_ref().unwrap();
        assert_eq!(source.unplaced().count(), 1);
        assert_eq!(
            source.paragraphs()[2],
            "It must come with support for system leaders."
        );
    }

    #[test]
    fn marking_not_an_answer_moves_the_words_to_the_notes() {
        let set = set();
        let mut response = imported();
        mark_not_answer(&mut response, &set, 2).unwrap();
        let q1 = response.answer("q1").unwrap();
        assert!(!q1.answer.contains("system leaders"));
        assert_eq!(q1.notes, "It must come with support for system leaders.");
        assert_eq!(
            response.source.as_ref().unwrap().passages[2].field,
            PassageField::Notes
        );
    }

    #[test]
    fn splitting_keeps_the_words_and_puts_a_break_in_the_answer() {
        let set = set();
        let mut response = imported();
        let at = "Option 2 is the better model,".len();
        split_passage(&mut response, 1, at).unwrap();
        let source = response.source.as_ref().unwrap();
        assert_eq!(source.passages.len(), 5);
        assert_eq!(source.passages[2].offset, at);
        assert_eq!(
            source.paragraphs()[1],
            "Option 2 is the better model, for its clarity."
        );
        assert!(answer(&response, "q1").contains("model,\n\nfor its clarity."));
        // The second half can now move on its own.
        move_passage(&mut response, &set, 2, Some("q4")).unwrap();
        assert_eq!(answer(&response, "q4"), "for its clarity.");
        assert!(answer(&response, "q1").contains("better model,\n\nIt must"));
    }

    #[test]
    fn bad_edits_change_nothing_and_say_why() {
        let set = set();
        let mut response = imported();
        let before = response.clone();
        assert_eq!(
            move_passage(&mut response, &set, 9, Some("q2")),
            Err(EditError::NoSuchPassage(9))
        );
        assert_eq!(
            move_passage(&mut response, &set, 1, Some("q99")),
            Err(EditError::UnknownItem("q99".into()))
        );
        assert!(matches!(
            split_passage(&mut response, 1, 0),
            Err(EditError::BadSplit { .. })
        ));
        assert!(matches!(
            split_passage(&mut response, 1, 1000),
            Err(EditError::BadSplit { .. })
        ));
        response.answers[0].answer = "Rewritten by hand.".into();
        let edited = response.clone();
        assert!(matches!(
            move_passage(&mut response, &set, 1, Some("q2")),
            Err(EditError::Edited { .. })
        ));
        assert_eq!(response, edited);
        response = before.clone();
        assert_eq!(response, before);
    }
}
