//! A position read from an answer's words. A stance line ("Partly agree.", "Yes.") is
//! taken as it stands; otherwise the first sentence that says where the writer stands
//! ("We strongly support…", "The Commission supports…") is read through a short list of
//! phrases, with negation ("we do not agree") turning it round and qualification ("in
//! principle, but…", "provided that…", a next sentence opening "However") making it
//! partial. No such sentence: no position. Whatever is found is only a reading: the
//! import marks it inferred, for a person to confirm.

use crate::model::Scale;
use crate::sentences::sentences;

/// Where a passage stands, before it is put on a scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    For,
    /// For, with conditions or reservations.
    Qualified,
    Neutral,
    /// Against in part.
    PartlyAgainst,
    Against,
}

/// A position found, and the words it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The option's id on the item's scale.
    pub option: String,
    /// The sentence it was read from.
    pub evidence: String,
}

/// How many sentences from the start of an answer are read for a stance: a position is
/// stated early or not at all.
const SENTENCES_READ: usize = 4;

/// Verbs of agreement, as a first-person writer ("we agree") or an organisation
/// ("the Commission agrees") uses them.
const FOR: &[&str] = &[
    "agree", "agrees", "support", "supports", "welcome", "welcomes", "endorse", "endorses", "favour",
    "favours", "back", "backs",
];
const AGAINST: &[&str] = &[
    "disagree",
    "disagrees",
    "oppose",
    "opposes",
    "object",
    "objects",
    "reject",
    "rejects",
];
/// Words that make agreement partial when they come with it.
const QUALIFIERS: &[&str] = &[
    " but ",
    "however",
    "provided",
    "subject to",
    "on condition",
    "on one condition",
    "as long as",
    "in principle",
    "although",
    "with reservations",
    "with changes",
    "broadly",
    "partly",
    "in part",
    "partially",
    "to some extent",
    "largely",
    "generally",
];
/// Openings of a next sentence that qualify the one before.
const QUALIFYING_OPENINGS: &[&str] = &["however", "but ", "that said", "although", "even so"];
/// Phrases saying the writer takes no side.
const NEUTRAL: &[&str] = &[
    "neither agree nor disagree",
    "neither support nor oppose",
    "no strong view",
    "are neutral",
    "remain neutral",
    "no overall view",
];
/// Phrases saying the writer took no position at all: then there is none to infer.
const NONE: &[&str] = &[
    "not taken a position",
    "no position",
    "no agreed view",
    "no view on",
];
/// Words that turn the verb after them round.
const NEGATIONS: &[&str] = &["not", "cannot", "never", "longer"];
/// Subjects that make a sentence the writer's own stance.
const SUBJECTS: &[&str] = &["we", "i"];

/// The position `text` takes on `scale`, if it says; `prompt` is the item's wording,
/// whose own conditions ("subject to appropriate safeguards") do not qualify an answer
/// that repeats them.
pub fn infer(text: &str, scale: &Scale, prompt: &str) -> Option<Found> {
    let read: Vec<&str> = sentences(text).take(SENTENCES_READ).collect();
    let prompt = prompt.to_lowercase();
    for (i, sentence) in read.iter().enumerate() {
        // A table row ("Aligned boundaries | Neutral"): each cell is read on its own.
        for cell in sentence.split(" | ") {
            let lower = cell.to_lowercase();
            // "Single budgets: support, if …": a short topic, then the stance.
            let after_topic = lower
                .split_once(':')
                .filter(|(topic, _)| topic.split_whitespace().count() <= 5)
                .and_then(|(_, rest)| stance_line(rest.trim(), scale));
            if let Some(option) = stance_line(&lower, scale).or(after_topic) {
                return Some(Found {
                    option,
                    evidence: sentence.to_string(),
                });
            }
            if NONE.iter().any(|p| lower.contains(p)) {
                return None;
            }
            let Some(mut reading) = reading(&lower) else {
                continue;
            };
            let next_qualifies = read
                .get(i + 1)
                .map(|next| next.trim_start().to_lowercase())
                .is_some_and(|next| QUALIFYING_OPENINGS.iter().any(|o| next.starts_with(o)));
            let qualified = QUALIFIERS
                .iter()
                .any(|q| lower.contains(q) && !prompt.contains(q.trim()))
                || lower.starts_with("if ")
                || next_qualifies;
            if qualified {
                reading = match reading {
                    Reading::For => Reading::Qualified,
                    Reading::Against => Reading::PartlyAgainst,
                    other => other,
                };
            }
            return option_for(reading, scale).map(|option| Found {
                option,
                evidence: sentence.to_string(),
            });
        }
    }
    None
}

/// A sentence that is only a stance: an option's label ("Partly agree."), or yes or no
/// ("Yes.", "No", "Yes, on one condition.").
fn stance_line(lower: &str, scale: &Scale) -> Option<String> {
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    let bare = bare
        .strip_prefix("strongly ")
        .or_else(|| bare.strip_prefix("fully "))
        .unwrap_or(bare);
    if let Some(option) = scale.options.iter().find(|o| o.label.to_lowercase() == bare) {
        return Some(option.id.clone());
    }
    // A label opening the sentence: "Support with changes: …", "Neutral on budgets: …".
    let mut labels: Vec<_> = scale.options.iter().collect();
    labels.sort_by_key(|o| std::cmp::Reverse(o.label.len()));
    let opening = labels.iter().find_map(|o| {
        let rest = bare.strip_prefix(&o.label.to_lowercase())?;
        (rest.starts_with([':', ',', ';', ' ', '–', '-']) && !rest.trim_start().starts_with("not"))
            .then_some((o, rest))
    });
    if let Some((option, rest)) = opening {
        // "Support, provided …": a condition straight after the label makes it partial.
        const CONDITIONS: &[&str] = &[
            ", provided",
            ", subject to",
            ", if ",
            ", as long as",
            ", on condition",
            ", but ",
        ];
        if CONDITIONS.iter().any(|c| rest.starts_with(c)) && scale.option_index(&option.id) == Some(0) {
            return option_for(Reading::Qualified, scale);
        }
        return Some(option.id.clone());
    }
    let reading = match bare {
        "yes" => Reading::For,
        "no" => Reading::Against,
        _ if bare.starts_with("yes, ") || bare.starts_with("yes but") => Reading::Qualified,
        _ if bare.starts_with("no, ") => Reading::Against,
        _ => return None,
    };
    option_for(reading, scale)
}

/// Where one sentence (lower case) stands, if it says.
fn reading(lower: &str) -> Option<Reading> {
    if NEUTRAL.iter().any(|p| lower.contains(p)) {
        return Some(Reading::Neutral);
    }
    if lower.contains("partly disagree")
        || lower.contains("disagree in part")
        || lower.contains("largely disagree")
    {
        return Some(Reading::PartlyAgainst);
    }
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    // "If the model is optional, then yes."
    if words.last() == Some(&"yes") {
        return Some(Reading::For);
    }
    for (at, word) in words.iter().enumerate() {
        let is_for = FOR.contains(word);
        let is_against = AGAINST.contains(word);
        if !(is_for || is_against) {
            continue;
        }
        let before = &words[at.saturating_sub(6)..at];
        // "We support", "I agree", "The Commission supports"; "Agree with…" opening a sentence.
        let own = before.iter().any(|w| SUBJECTS.contains(w))
            || (before.first() == Some(&"the") && word.ends_with('s'))
            || at == 0;
        if !own {
            continue;
        }
        let near = &words[at.saturating_sub(3)..at];
        let negated = near
            .iter()
            .any(|w| NEGATIONS.contains(w) || w.ends_with("n't") || w.ends_with("n’t"));
        let partial_negation = negated && near.iter().any(|w| *w == "fully" || *w == "entirely");
        return Some(match (is_for, negated) {
            (true, false) => Reading::For,
            (true, true) if partial_negation => Reading::Qualified,
            (true, true) => Reading::Against,
            (false, false) => Reading::Against,
            (false, true) => Reading::For,
        });
    }
    None
}

/// The option a reading takes on `scale`: by the option ids consult's scales use, else
/// by where the option sits (most favourable first).
fn option_for(reading: Reading, scale: &Scale) -> Option<String> {
    let wanted: &[&str] = match reading {
        Reading::For => &["agree", "support"],
        Reading::Qualified => &["partly-agree", "support-with-changes"],
        Reading::Neutral => &["neither", "neutral"],
        Reading::PartlyAgainst => &["partly-disagree", "oppose"],
        Reading::Against => &["disagree", "oppose"],
    };
    if let Some(option) = scale.options.iter().find(|o| wanted.contains(&o.id.as_str())) {
        return Some(option.id.clone());
    }
    let last = scale.options.len().checked_sub(1)?;
    let index = match reading {
        Reading::For => 0,
        Reading::Qualified => 1.min(last),
        Reading::Neutral => last / 2,
        Reading::PartlyAgainst => last.saturating_sub(1),
        Reading::Against => last,
    };
    Some(scale.options[index].id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn scales() -> (Scale, Scale) {
        let catalog = Catalog::built_in();
        let set = catalog.find("integrating-care").unwrap();
        (
            set.scale("agreement").unwrap().clone(),
            set.scale("support").unwrap().clone(),
        )
    }

    #[test]
    fn stances_on_the_agreement_scale() {
        let (agreement, _) = scales();
        let cases: &[(&str, Option<&str>)] = &[
            ("Partly agree. Our reasons follow.", Some("partly-agree")),
            ("Agree", Some("agree")),
            ("Yes.", Some("agree")),
            ("No. It would not work.", Some("disagree")),
            (
                "Yes, on one condition. The model must be optional.",
                Some("partly-agree"),
            ),
            ("We agree. The approach is welcome.", Some("agree")),
            ("We strongly agree that systems should decide.", Some("agree")),
            ("We do not agree that option 2 is best.", Some("disagree")),
            ("We don't agree with it.", Some("disagree")),
            ("We disagree.", Some("disagree")),
            ("We do not disagree with the aim.", Some("agree")),
            (
                "We agree in principle, but the timetable is too short.",
                Some("partly-agree"),
            ),
            (
                "We support the direction. However, the timing is wrong.",
                Some("partly-agree"),
            ),
            ("We do not fully agree with the proposal.", Some("partly-agree")),
            (
                "We partly disagree: the body is too narrow.",
                Some("partly-disagree"),
            ),
            ("We neither agree nor disagree.", Some("neither")),
            (
                "The Commission supports the permissive nature of the proposals.",
                Some("agree"),
            ),
            ("If the model is optional, then yes.", Some("partly-agree")),
            (
                "Some councils strongly favour Option 2 while others support Option 1.",
                None,
            ),
            ("We have not taken a position on this element.", None),
            ("The proposals were published in November.", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let found = infer(text, &agreement, "Do you agree that it works?").map(|f| f.option);
            assert_eq!(found.as_deref(), *expected, "{text:?}");
        }
    }

    #[test]
    fn stances_on_the_support_scale() {
        let (_, support) = scales();
        let cases: &[(&str, Option<&str>)] = &[
            ("Support with changes.", Some("support-with-changes")),
            ("We support this element.", Some("support")),
            ("We welcome a wider purpose.", Some("support")),
            (
                "We support this in principle, but it must be funded.",
                Some("support-with-changes"),
            ),
            (
                "We support robust scrutiny, provided it builds on what exists.",
                Some("support-with-changes"),
            ),
            ("We do not support this element.", Some("oppose")),
            ("We cannot support it.", Some("oppose")),
            ("We oppose taking the NHS out of the regulations.", Some("oppose")),
            ("We are neutral on this.", Some("neutral")),
            ("Funding is decisive.", None),
            ("Aligned boundaries | Neutral", Some("neutral")),
            ("Workforce planning: strongly support.", Some("support")),
            (
                "Single budgets: support, if practice funding is protected.",
                Some("support-with-changes"),
            ),
            ("Strongly support: parity of esteem matters.", Some("support")),
            (
                "Neutral on single budgets: the evidence is mixed.",
                Some("neutral"),
            ),
            (
                "Support with changes: joint leadership, but shared.",
                Some("support-with-changes"),
            ),
            ("Support aligned boundaries where practical.", Some("support")),
            (
                "External scrutiny | Support, provided inspection is not duplicated.",
                Some("support-with-changes"),
            ),
            (
                "Single local budgets | Support with changes | Only with pooled money",
                Some("support-with-changes"),
            ),
        ];
        for (text, expected) in cases {
            let found = infer(text, &support, "Embrace a wider purpose").map(|f| f.option);
            assert_eq!(found.as_deref(), *expected, "{text:?}");
        }
    }

    #[test]
    fn the_items_own_conditions_do_not_qualify_an_answer() {
        let (agreement, _) = scales();
        let prompt = "Do you agree, subject to appropriate safeguards, that services should be delegated?";
        let found = infer(
            "The Commission supports the principle of devolution subject to appropriate safeguards.",
            &agreement,
            prompt,
        );
        // "in principle" is not in the prompt, "subject to" is: "the principle of" is not "in principle".
        assert_eq!(found.map(|f| f.option).as_deref(), Some("agree"));
    }
}
