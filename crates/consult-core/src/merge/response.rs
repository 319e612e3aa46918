//! Two copies of a response merged field by field, answers matched on their item ids.

use serde::Serialize;

use super::text;
use crate::model::{
    Answer, Conflict, ItemStatus, PositionBasis, QuestionSet, Respondent, Response, ResponseStatus,
};

/// The value both sides agree on, or the one side that changed it from `base`; `None`
/// when both changed it differently (or, without a base, when they simply differ).
fn pick<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || base == Some(theirs) {
        Some(ours.clone())
    } else if base == Some(ours) {
        Some(theirs.clone())
    } else {
        None
    }
}

/// A status or other fixed word as the file spells it.
fn word<T: Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// Collects the conflicts while fields are merged.
#[derive(Default)]
struct Merger {
    conflicts: Vec<Conflict>,
}

impl Merger {
    /// One value merged whole. On a conflict the result holds the base's value, or `blank`
    /// without a base, so the result is the same whichever side is "ours".
    fn value<T: PartialEq + Clone>(
        &mut self,
        (item, field): (Option<&str>, &str),
        (base, ours, theirs): (Option<&T>, &T, &T),
        blank: T,
        show: impl Fn(&T) -> Option<String>,
    ) -> T {
        pick(base, ours, theirs).unwrap_or_else(|| {
            self.conflicts.push(Conflict {
                item: item.map(str::to_string),
                field: field.to_string(),
                ours: show(ours),
                theirs: show(theirs),
                ..Conflict::default()
            });
            base.cloned().unwrap_or(blank)
        })
    }

    /// One text merged a sentence at a time (whole, without a base).
    fn text(&mut self, item: &str, field: &str, base: Option<&str>, ours: &str, theirs: &str) -> String {
        let merged = match base {
            Some(base) => text::merge(base, ours, theirs),
            None => text::merge_two_way(ours, theirs),
        };
        for region in merged.conflicts {
            self.conflicts.push(Conflict {
                item: Some(item.to_string()),
                field: field.to_string(),
                ours: Some(region.ours),
                theirs: Some(region.theirs),
                base: Some(region.base),
                before: non_empty(region.before),
                after: non_empty(region.after),
            });
        }
        merged.text
    }

    fn respondent(
        &mut self,
        base: Option<&Respondent>,
        ours: &Respondent,
        theirs: &Respondent,
    ) -> Respondent {
        let text = |s: &String| Some(s.clone());
        let blank = Respondent {
            on_behalf: true,
            ..Respondent::default()
        };
        // Each field by name, so a new one cannot be forgotten here.
        macro_rules! field {
            ($name:ident, $show:expr) => {
                self.value(
                    (None, concat!("respondent.", stringify!($name))),
                    (base.map(|b| &b.$name), &ours.$name, &theirs.$name),
                    blank.$name.clone(),
                    $show,
                )
            };
        }
        Respondent {
            organisation: field!(organisation, text),
            contact_name: field!(contact_name, text),
            role: field!(role, text),
            email: field!(email, Clone::clone),
            on_behalf: field!(on_behalf, |b: &bool| Some(b.to_string())),
            members: field!(members, |m: &Option<u64>| m.map(|m| m.to_string())),
            views_gathered: field!(views_gathered, Clone::clone),
            publication: field!(publication, |p: &Option<_>| p.as_ref().and_then(word)),
            confidentiality: field!(confidentiality, Clone::clone),
        }
    }

    fn answer(&mut self, id: &str, base: Option<&Answer>, ours: &Answer, theirs: &Answer) -> Answer {
        let item = Some(id);
        Answer {
            item: id.to_string(),
            position: self.value(
                (item, "position"),
                (base.map(|b| &b.position), &ours.position, &theirs.position),
                None,
                Clone::clone,
            ),
            answer: self.text(
                id,
                "answer",
                base.map(|b| b.answer.as_str()),
                &ours.answer,
                &theirs.answer,
            ),
            reasoning: self.text(
                id,
                "reasoning",
                base.map(|b| b.reasoning.as_str()),
                &ours.reasoning,
                &theirs.reasoning,
            ),
            notes: self.text(
                id,
                "notes",
                base.map(|b| b.notes.as_str()),
                &ours.notes,
                &theirs.notes,
            ),
            status: self.value(
                (item, "status"),
                (base.map(|b| &b.status), &ours.status, &theirs.status),
                ItemStatus::NotStarted,
                word,
            ),
            key_point: self.value(
                (item, "key_point"),
                (base.map(|b| &b.key_point), &ours.key_point, &theirs.key_point),
                None,
                Clone::clone,
            ),
            position_basis: self.value(
                (item, "position_basis"),
                (
                    base.map(|b| &b.position_basis),
                    &ours.position_basis,
                    &theirs.position_basis,
                ),
                PositionBasis::Stated,
                word,
            ),
            not_answering: self.value(
                (item, "not_answering"),
                (
                    base.map(|b| &b.not_answering),
                    &ours.not_answering,
                    &theirs.not_answering,
                ),
                false,
                |b: &bool| Some(b.to_string()),
            ),
            // Which source paragraphs an answer holds follows its placing, not its text.
            source_paragraphs: if ours.source_paragraphs.is_empty() {
                theirs.source_paragraphs.clone()
            } else {
                ours.source_paragraphs.clone()
            },
        }
    }
}

/// `ours` and `theirs` merged, three-way against `base` when there is one: every field the
/// sides agree on or only one changed is taken; the others are recorded in the result's
/// `conflicts` (respondent first, then the response's status, then each item in reading
/// order). The copies must answer the same question set, `set`; see [`super::refusal`].
pub fn merge(base: Option<&Response>, ours: &Response, theirs: &Response, set: &QuestionSet) -> Response {
    let mut merger = Merger::default();
    let respondent = merger.respondent(base.map(|b| &b.respondent), &ours.respondent, &theirs.respondent);
    let status = merger.value(
        (None, "status"),
        (base.map(|b| &b.status), &ours.status, &theirs.status),
        ResponseStatus::Draft,
        word,
    );

    let index = set.index();
    let rank = |id: &str| index.order(id).unwrap_or(usize::MAX);
    let mut ids: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for response in [Some(ours), Some(theirs), base].into_iter().flatten() {
        for answer in &response.answers {
            if seen.insert(answer.item.as_str()) {
                ids.push(&answer.item);
            }
        }
    }
    ids.sort_by_key(|id| rank(id));

    let (ours_by, theirs_by) = (ours.answers_by_item(), theirs.answers_by_item());
    let base_by = base.map(Response::answers_by_item);
    let mut answers = Vec::new();
    for id in ids {
        let blank = Answer::new(id);
        let side = |by: &std::collections::HashMap<&str, &Answer>| by.get(id).map(|&a| a.clone());
        let (o, t) = (side(&ours_by), side(&theirs_by));
        let b = base_by
            .as_ref()
            .map(|by| side(by).unwrap_or_else(|| blank.clone()));
        let conflicts_before = merger.conflicts.len();
        let merged = merger.answer(
            id,
            b.as_ref(),
            o.as_ref().unwrap_or(&blank),
            t.as_ref().unwrap_or(&blank),
        );
        // An item a side has not touched has no answer: whether it is there is merged too.
        let there = match base {
            Some(_) => pick(
                Some(&base_by.as_ref().is_some_and(|by| by.contains_key(id))),
                &o.is_some(),
                &t.is_some(),
            )
            .unwrap_or(true),
            None => o.is_some() || t.is_some(),
        };
        if there || merged != blank || merger.conflicts.len() > conflicts_before {
            answers.push(merged);
        }
    }

    // Editing resumes at the first conflict; otherwise where the sides agree, or where one
    // moved on; otherwise at the earlier of the two places.
    let current_item = match merger.conflicts.iter().find_map(|c| c.item.clone()) {
        Some(item) => Some(item),
        None => pick(
            base.map(|b| &b.current_item),
            &ours.current_item,
            &theirs.current_item,
        )
        .unwrap_or_else(|| {
            let place = |c: &&Option<String>| c.as_deref().map_or(usize::MAX, rank);
            [&ours.current_item, &theirs.current_item]
                .into_iter()
                .min_by_key(place)
                .cloned()
                .flatten()
        }),
    };

    // Two versions of the set: keep the one that is not the set's current version, so
    // that `validate` goes on warning about it.
    let question_set =
        if ours.question_set == theirs.question_set || theirs.question_set.digest == set.digest() {
            ours.question_set.clone()
        } else {
            theirs.question_set.clone()
        };

    let mut merged = Response {
        format_version: ours.format_version.max(theirs.format_version),
        question_set,
        respondent,
        status,
        created: ours.created.min(theirs.created),
        updated: ours.updated.max(theirs.updated),
        current_item,
        answers,
        conflicts: merger.conflicts,
        joint: super::joint::merge(
            base.and_then(|b| b.joint.as_ref()),
            ours.joint.as_ref(),
            theirs.joint.as_ref(),
        ),
        // The record of an import does not change after it: either copy's serves.
        source: ours.source.clone().or_else(|| theirs.source.clone()),
        reviews: super::review::merge(ours.reviews.as_ref(), theirs.reviews.as_ref()),
    };
    merged.format_version = merged.format_to_write();
    merged
}
