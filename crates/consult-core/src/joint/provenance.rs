//! Where the joint text came from. A passage is a stretch of an item's answer or reasoning
//! adopted from members; it is found in the text by its words, in order, and every edit
//! of the text moves, grows, shrinks or drops the passages it touches. Text outside every
//! passage is the secretariat's own.

use std::ops::Range;

use crate::model::joint::{Field, Joint, JointItem, Passage};

/// Who a stretch of joint text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// Written by the secretariat.
    Secretariat,
    /// The item record's passage at this index.
    Passage(usize),
}

/// Where each of `field`'s passages (index into `passages`) stands in `text`, in order;
/// passages not found (the text was changed outside consult) are left out.
pub fn locate(text: &str, passages: &[Passage], field: Field) -> Vec<(usize, Range<usize>)> {
    let mut found = Vec::new();
    let mut from = 0;
    for (i, passage) in passages.iter().enumerate() {
        if passage.field != field || passage.text.is_empty() {
            continue;
        }
        if let Some(at) = text.get(from..).and_then(|rest| rest.find(&passage.text)) {
            let start = from + at;
            let end = start + passage.text.len();
            found.push((i, start..end));
            from = end;
        }
    }
    found
}

/// `text` cut into stretches by owner, in order, covering all of it.
pub fn owners(text: &str, passages: &[Passage], field: Field) -> Vec<(Range<usize>, Owner)> {
    let mut stretches = Vec::new();
    let mut at = 0;
    for (i, range) in locate(text, passages, field) {
        if range.start > at {
            stretches.push((at..range.start, Owner::Secretariat));
        }
        at = range.end;
        stretches.push((range, Owner::Passage(i)));
    }
    if at < text.len() {
        stretches.push((at..text.len(), Owner::Secretariat));
    }
    stretches
}

/// Drops the passages no longer found in their item's texts (an edit made outside consult,
/// a merge), so nobody is credited with words that are not there; says how many went.
pub fn reconcile_all(response: &mut crate::model::Response) -> usize {
    let Some(joint) = response.joint.as_mut() else {
        return 0;
    };
    let mut dropped = 0;
    let answers = crate::model::Answer::by_item(&response.answers);
    for record in &mut joint.items {
        let answer = answers.get(record.item.as_str());
        let (text, reasoning) = answer.map_or(("", ""), |a| (a.answer.as_str(), a.reasoning.as_str()));
        dropped += reconcile(record, text, reasoning);
    }
    joint.tidy();
    dropped
}

/// [`reconcile_all`] for one item's record and texts.
pub fn reconcile(record: &mut JointItem, answer: &str, reasoning: &str) -> usize {
    let mut keep = vec![false; record.passages.len()];
    for (field, text) in [(Field::Answer, answer), (Field::Reasoning, reasoning)] {
        for (i, _) in locate(text, &record.passages, field) {
            keep[i] = true;
        }
    }
    let before = record.passages.len();
    let mut flags = keep.into_iter();
    record.passages.retain(|_| flags.next().unwrap_or(false));
    before - record.passages.len()
}

/// Follows an edit of `field` from `old` to `new` (any edit: a keystroke, a paste, an undo,
/// the user's editor): passages before the change stay, those after it move, one the change
/// falls inside keeps its members and is marked edited, one whose words are all gone goes.
/// Text typed at a passage's edge is the secretariat's, not the passage's. Returns the
/// passages dropped, for [`restore`] should their words come back.
pub fn follow_edit(record: &mut JointItem, field: Field, old: &str, new: &str) -> Vec<Passage> {
    if old == new {
        return Vec::new();
    }
    let (prefix, suffix) = crate::text::unchanged_ends(old, new);
    let places = locate(old, &record.passages, field);
    let change = Change {
        at: prefix,
        removed: old.len() - suffix - prefix,
        inserted: new.len() - suffix - prefix,
    };
    follow_change(record, places, change, new).0
}

/// Where an edit was: at byte `at`, `removed` bytes gave way to `inserted` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub at: usize,
    pub removed: usize,
    pub inserted: usize,
}

/// [`follow_edit`] for an edit known by where it was, with the passages' `places` in the
/// text before it (as [`locate`] finds them): costs what the edit touched, not the length
/// of the text. Returns the passages dropped and the places of those kept in `new`.
pub fn follow_change(
    record: &mut JointItem,
    places: Vec<(usize, Range<usize>)>,
    change: Change,
    new: &str,
) -> (Vec<Passage>, Vec<(usize, Range<usize>)>) {
    let Change {
        at: prefix,
        removed,
        inserted,
    } = change;
    let (old_end, new_end) = (prefix + removed, prefix + inserted);
    let shift = |at: usize| at - old_end + new_end;
    let mut gone = Vec::new();
    let mut moved_places = Vec::new();
    for (i, range) in places {
        let passage = &mut record.passages[i];
        let moved = if range.end <= prefix {
            // Wholly before the change (typing at its end is outside it).
            range
        } else if range.start >= old_end {
            shift(range.start)..shift(range.end)
        } else if range.start >= prefix && range.end <= old_end {
            // The change covers the whole passage: it stands only if its words are still
            // there, as when a paste brought it back.
            match new[prefix..new_end].find(&passage.text) {
                Some(at) => prefix + at..prefix + at + passage.text.len(),
                None => {
                    gone.push(i);
                    continue;
                }
            }
        } else {
            passage.edited = true;
            let start = if range.start < prefix { range.start } else { prefix };
            let end = if range.end > old_end {
                shift(range.end)
            } else {
                new_end
            };
            let text = &new[start..end];
            if text.trim().is_empty() {
                gone.push(i);
                continue;
            }
            passage.text = text.to_string();
            start..end
        };
        moved_places.push((i, moved));
    }
    let mut dropped = Vec::new();
    let mut index = 0;
    record.passages.retain(|passage| {
        index += 1;
        let keep = !gone.contains(&(index - 1));
        if !keep {
            dropped.push(passage.clone());
        }
        keep
    });
    // Kept passages move up the list past those dropped before them.
    for (i, _) in &mut moved_places {
        *i -= gone.iter().filter(|&&g| g < *i).count();
    }
    (dropped, moved_places)
}

/// Gives back their members to `candidates` (passages dropped earlier) whose words are in
/// `text` again outside every passage, as after an undo is redone, or a passage cut and
/// pasted elsewhere; they leave `candidates`.
pub fn restore(record: &mut JointItem, field: Field, text: &str, candidates: &mut Vec<Passage>) {
    restore_near(record, field, text, 0..text.len(), candidates);
}

/// [`restore`], looking only at words that reach into `near` of `text` (what an edit just
/// put there), so a key costs what it typed. Returns whether any passage came back.
pub fn restore_near(
    record: &mut JointItem,
    field: Field,
    text: &str,
    near: Range<usize>,
    candidates: &mut Vec<Passage>,
) -> bool {
    let before = candidates.len();
    candidates.retain(|candidate| {
        if candidate.field != field {
            return true;
        }
        let len = candidate.text.len();
        let from = boundary_before(text, near.start.saturating_sub(len));
        let to = boundary_after(text, near.end.saturating_add(len));
        let found = text[from..to]
            .match_indices(candidate.text.as_str())
            .map(|(at, _)| from + at);
        let mut taken = None;
        let free = found.into_iter().find(|&at| {
            let end = at + len;
            // Found only once its words are there, which is seldom.
            let taken = taken.get_or_insert_with(|| locate(text, &record.passages, field));
            !taken.iter().any(|(_, r)| r.start < end && at < r.end)
        });
        let Some(start) = free else { return true };
        let index = record_passage(
            record,
            field,
            text,
            start,
            &candidate.text,
            candidate.members.clone(),
        );
        record.passages[index].edited = candidate.edited;
        false
    });
    candidates.len() != before
}

/// The character boundary at or before `at` (the end, past it).
fn boundary_before(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The character boundary at or after `at` (the end, past it).
fn boundary_after(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Words only, lowercased: two passages that say the same thing in the same words.
fn normalised(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The members (other than `from`) whose answer or reasoning on `item` contains `passage`,
/// word for word: they said the same thing, and are credited together.
fn said_also(joint: &Joint, item: &str, passage: &str, from: &str) -> Vec<String> {
    let wanted = normalised(passage);
    if wanted.is_empty() {
        return Vec::new();
    }
    let padded = format!(" {wanted} ");
    joint
        .members
        .iter()
        .filter(|m| m.organisation != from)
        .filter(|m| {
            m.answer(item).is_some_and(|a| {
                [&a.answer, &a.reasoning]
                    .iter()
                    .any(|text| format!(" {} ", normalised(text)).contains(&padded))
            })
        })
        .map(|m| m.organisation.clone())
        .collect()
}

/// `text` with `passage` put in at byte `at`: the new text, and where the passage starts
/// in it. A place inside another of `record`'s passages moves to that passage's end, so
/// passages never overlap; the passage is set off from its neighbours by a space, or by a
/// blank line when `paragraph`.
pub fn insertion(
    record: &JointItem,
    field: Field,
    text: &str,
    at: usize,
    passage: &str,
    paragraph: bool,
) -> (String, usize) {
    let passage = passage.trim();
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if let Some((_, range)) = locate(text, &record.passages, field)
        .into_iter()
        .find(|(_, r)| r.start < at && at < r.end)
    {
        at = range.end;
    }
    let (before, after) = text.split_at(at);
    let (before, lead) = if before.trim().is_empty() {
        ("", "")
    } else if paragraph {
        (before.trim_end(), "\n\n")
    } else if before.ends_with(char::is_whitespace) {
        (before, "")
    } else {
        (before, " ")
    };
    let trail = match after.chars().next() {
        None => "",
        Some(c) if c.is_whitespace() => "",
        Some(_) if paragraph => "\n\n",
        Some(_) => " ",
    };
    let start = before.len() + lead.len();
    (format!("{before}{lead}{passage}{trail}{after}"), start)
}

/// Records that the words at byte `start` of `text` (the item's `field`, as it now reads)
/// are `passage`, adopted from `members`; returns the passage's index in the record.
pub fn record_passage(
    record: &mut JointItem,
    field: Field,
    text: &str,
    start: usize,
    passage: &str,
    members: Vec<String>,
) -> usize {
    let passage = passage.trim();
    // In the list, after every passage of the field found before it.
    let place = locate(text, &record.passages, field)
        .into_iter()
        .rev()
        .find(|(_, r)| r.end <= start)
        .map_or_else(
            || {
                record
                    .passages
                    .iter()
                    .position(|p| p.field == field)
                    .unwrap_or(record.passages.len())
            },
            |(i, _)| i + 1,
        );
    record.passages.insert(
        place,
        Passage {
            field,
            text: passage.to_string(),
            members,
            edited: false,
        },
    );
    place
}

/// [`insertion`] and [`record_passage`] at once: the new text.
pub fn adopt(
    record: &mut JointItem,
    field: Field,
    text: &str,
    at: usize,
    passage: &str,
    members: Vec<String>,
    paragraph: bool,
) -> String {
    let (new, start) = insertion(record, field, text, at, passage, paragraph);
    record_passage(record, field, &new, start, passage, members);
    new
}

/// Adds `member` to the passage at `index`: it said the same thing.
pub fn credit(record: &mut JointItem, index: usize, member: &str) -> bool {
    match record.passages.get_mut(index) {
        Some(passage) if !passage.members.iter().any(|m| m == member) => {
            passage.members.push(member.to_string());
            true
        }
        _ => false,
    }
}

/// Whether a passage of the item's joint text names the member `name`.
pub fn credited(joint: &Joint, item: &str, name: &str) -> bool {
    joint
        .item(item)
        .is_some_and(|r| r.passages.iter().any(|p| p.members.iter().any(|m| m == name)))
}

/// Who a passage adopted from `from` on `item` is credited to: `from`, then the members
/// who said the same thing word for word.
pub fn crediting(joint: &Joint, item: &str, passage: &str, from: &str) -> Vec<String> {
    let mut members = vec![from.to_string()];
    members.extend(said_also(joint, item, passage, from));
    members
}

/// The members whose views appear nowhere in the item's joint text: they answered the
/// item, and no passage names them.
pub fn not_represented(joint: &Joint, item: &str) -> Vec<String> {
    joint
        .members
        .iter()
        .filter(|m| m.answer(item).is_some_and(|a| a.is_answered()))
        .filter(|m| !credited(joint, item, &m.organisation))
        .map(|m| m.organisation.clone())
        .collect()
}

/// The units of a member's text that can be adopted: each paragraph, and each sentence,
/// as byte ranges in reading order (a paragraph before its sentences).
pub fn units(text: &str, paragraphs: bool) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let mut at = 0;
    for paragraph in text.split("\n\n") {
        let start = at + (paragraph.len() - paragraph.trim_start().len());
        let end = at + paragraph.trim_end().len();
        at += paragraph.len() + 2;
        if start >= end {
            continue;
        }
        if paragraphs {
            units.push(start..end);
            continue;
        }
        let mut offset = start;
        for piece in crate::sentences::pieces(&text[start..end]) {
            if !crate::sentences::is_gap(piece) {
                units.push(offset..offset + piece.len());
            }
            offset += piece.len();
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(passages: &[(&str, &[&str])]) -> JointItem {
        JointItem {
            item: "q1".into(),
            passages: passages
                .iter()
                .map(|(text, members)| Passage {
                    field: Field::Answer,
                    text: text.to_string(),
                    members: members.iter().map(|m| m.to_string()).collect(),
                    edited: false,
                })
                .collect(),
            ..JointItem::default()
        }
    }

    #[test]
    fn typing_inside_a_passage_keeps_its_members_and_marks_it_edited() {
        let mut r = record(&[("Cities should lead.", &["A"])]);
        follow_edit(
            &mut r,
            Field::Answer,
            "Cities should lead.",
            "Cities should always lead.",
        );
        assert_eq!(r.passages[0].text, "Cities should always lead.");
        assert!(r.passages[0].edited);
        assert_eq!(r.passages[0].members, ["A"]);
    }

    #[test]
    fn typing_before_or_after_a_passage_is_the_secretariats() {
        let mut r = record(&[("Cities should lead.", &["A"])]);
        let old = "Cities should lead.";
        let new = "We agree. Cities should lead. Also rural areas.";
        follow_edit(
            &mut r,
            Field::Answer,
            old,
            "Cities should lead. Also rural areas.",
        );
        follow_edit(
            &mut r,
            Field::Answer,
            "Cities should lead. Also rural areas.",
            new,
        );
        assert_eq!(r.passages[0].text, "Cities should lead.");
        assert!(!r.passages[0].edited);
        assert_eq!(
            owners(new, &r.passages, Field::Answer),
            [
                (0..10, Owner::Secretariat),
                (10..29, Owner::Passage(0)),
                (29..new.len(), Owner::Secretariat)
            ]
        );
    }

    #[test]
    fn deleting_a_whole_passage_drops_it() {
        let mut r = record(&[("One.", &["A"]), ("Two.", &["B"])]);
        follow_edit(&mut r, Field::Answer, "One. Two.", "Two.");
        assert_eq!(r.passages.len(), 1);
        assert_eq!(r.passages[0].members, ["B"]);
    }

    #[test]
    fn adopting_sets_the_passage_off_and_keeps_order() {
        let mut r = record(&[("Two.", &["B"])]);
        let text = adopt(&mut r, Field::Answer, "Two.", 0, "One.", vec!["A".into()], false);
        assert_eq!(text, "One. Two.");
        assert_eq!(r.passages[0].text, "One.");
        assert_eq!(r.passages[1].text, "Two.");
        let text = adopt(
            &mut r,
            Field::Answer,
            &text,
            text.len(),
            "Three.",
            vec!["C".into()],
            true,
        );
        assert_eq!(text, "One. Two.\n\nThree.");
        // Inside a passage, the new one goes after it.
        let text = adopt(&mut r, Field::Answer, &text, 2, "Half.", vec!["D".into()], false);
        assert_eq!(text, "One. Half. Two.\n\nThree.");
        let order: Vec<&str> = r.passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(order, ["One.", "Half.", "Two.", "Three."]);
    }

    #[test]
    fn units_are_sentences_or_paragraphs() {
        let text = "One. Two.\n\nThree.";
        let sentences: Vec<&str> = units(text, false).into_iter().map(|r| &text[r]).collect();
        assert_eq!(sentences, ["One.", "Two.", "Three."]);
        let paragraphs: Vec<&str> = units(text, true).into_iter().map(|r| &text[r]).collect();
        assert_eq!(paragraphs, ["One. Two.", "Three."]);
    }
}
