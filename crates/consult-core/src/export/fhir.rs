//! HL7 FHIR R4: a response as a QuestionnaireResponse, and its question set as the
//! Questionnaire it answers, as JSON. The two share one shape:
//!
//! - each section is a group, linkId `section:<section id>`;
//! - each item is a group inside it, linkId the item's id, its text the exact wording;
//! - inside the item: `<id>.position` (a choice on the item's scale, for items on one),
//!   `<id>.answer` and `<id>.reasoning` (text). Groups, rather than answers nested under the
//!   position, because an answer may be written without a position being taken.
//!
//! Before them, a group `about:respondent` holds the respondent's details, each linkId
//! `about:<detail>`: `:` never appears in an id, so no linkId can stand for two things.
//!
//! The set is named by a canonical URL of consult's own, `urn:consult:questionnaire:<set id>`,
//! versioned by the set's digest; a scale's options are codes in the system
//! `urn:consult:scale:<set id>:<scale id>`. Answers are plain text ([`rich::plain`]); notes
//! are never included, and reasoning only as the options say.

use serde::Serialize;

use super::Options;
use super::rich::{self, one_line, unify_line_endings};
use crate::model::{Answer, Item, Publication, QuestionSet, Respondent, Response, ResponseStatus, Scale};
use crate::text::visible;

/// The canonical URL of the Questionnaire for `set_id`.
pub fn questionnaire_url(set_id: &str) -> String {
    format!("urn:consult:questionnaire:{set_id}")
}

/// The code system of a scale's options.
pub fn scale_system(set_id: &str, scale_id: &str) -> String {
    format!("urn:consult:scale:{set_id}:{scale_id}")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuestionnaireResponse {
    resource_type: &'static str,
    /// `url|version` of the Questionnaire answered.
    questionnaire: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    authored: Option<String>,
    author: Reference,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    item: Vec<ResponseItem>,
}

#[derive(Serialize)]
struct Reference {
    display: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResponseItem {
    link_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    answer: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    item: Vec<ResponseItem>,
}

/// An answer's `value[x]`: exactly one of these.
#[derive(Serialize)]
enum Value {
    #[serde(rename = "valueString")]
    Text(String),
    #[serde(rename = "valueInteger")]
    Integer(i32),
    #[serde(rename = "valueCoding")]
    Coding(Coding),
}

#[derive(Serialize)]
struct Coding {
    system: String,
    code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    display: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Questionnaire {
    resource_type: &'static str,
    url: String,
    version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    item: Vec<QuestionnaireItem>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuestionnaireItem {
    link_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_length: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    answer_option: Vec<AnswerOption>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    item: Vec<QuestionnaireItem>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AnswerOption {
    value_coding: Coding,
}

/// The QuestionnaireResponse for `response` to `set`, pretty-printed.
pub fn response(response: &Response, set: &QuestionSet, options: Options) -> String {
    let answers = response.answers_by_item();
    let sections = set
        .sections
        .iter()
        .filter_map(|section| {
            let items: Vec<ResponseItem> = section
                .items
                .iter()
                .filter_map(|item| {
                    let answer = answers.get(item.id.as_str())?;
                    response_item(answer, set, item, options)
                })
                .collect();
            (!items.is_empty()).then(|| ResponseItem {
                link_id: format!("section:{}", section.id),
                text: words(&section.title),
                answer: Vec::new(),
                item: items,
            })
        })
        .collect::<Vec<_>>();
    let details = respondent_details(&response.respondent);
    let about = (!details.is_empty()).then(|| ResponseItem {
        link_id: "about:respondent".into(),
        text: Some("Respondent".into()),
        answer: Vec::new(),
        item: details,
    });
    let organisation = one_line(&response.respondent.organisation);
    let document = QuestionnaireResponse {
        resource_type: "QuestionnaireResponse",
        questionnaire: format!("{}|{}", questionnaire_url(&set.id), set.digest()),
        status: match response.status {
            ResponseStatus::Final => "completed",
            ResponseStatus::Draft => "in-progress",
        },
        authored: date_time(response.updated),
        author: Reference {
            display: if organisation.is_empty() {
                "an unnamed organisation".into()
            } else {
                organisation
            },
        },
        item: about.into_iter().chain(sections).collect(),
    };
    pretty(&document)
}

/// One of the respondent's details as a question: `about:<name>`, its wording, its FHIR
/// type, and for a choice its codes and their labels.
struct Detail {
    name: &'static str,
    question: &'static str,
    kind: &'static str,
    codes: &'static [(&'static str, &'static str)],
}

const fn detail(name: &'static str, question: &'static str, kind: &'static str) -> Detail {
    Detail {
        name,
        question,
        kind,
        codes: &[],
    }
}

const DETAILS: [Detail; 9] = [
    detail("organisation", "Organisation", "string"),
    detail("contact", "Contact", "string"),
    detail("role", "Role", "string"),
    detail("email", "Email", "string"),
    Detail {
        codes: &[
            ("organisation", "On behalf of an organisation"),
            ("individual", "In a personal capacity"),
        ],
        ..detail("capacity", "Responding", "choice")
    },
    detail("members", "Members the organisation represents", "integer"),
    detail("views-gathered", "How the members' views were gathered", "text"),
    Detail {
        codes: &[("yes", "Yes"), ("anonymised", "Yes, anonymised"), ("no", "No")],
        ..detail("publication", "May the response be published?", "choice")
    },
    detail("confidentiality", "Confidentiality requested", "text"),
];

/// The code system of the respondent's detail `name`.
fn detail_system(name: &str) -> String {
    format!("urn:consult:respondent:{name}")
}

/// The details given, each as an item with its answer.
fn respondent_details(r: &Respondent) -> Vec<ResponseItem> {
    let choice = |name: &str, code: &str| {
        let detail = DETAILS.iter().find(|d| d.name == name).expect("a known detail");
        let label = detail.codes.iter().find(|c| c.0 == code).map(|c| c.1.to_string());
        Value::Coding(Coding {
            system: detail_system(name),
            code: code.to_string(),
            display: label,
        })
    };
    let text = |value: &str| words(value).map(Value::Text);
    let values = [
        text(&one_line(&r.organisation)),
        text(&one_line(&r.contact_name)),
        text(&one_line(&r.role)),
        r.email.as_deref().and_then(|e| text(&one_line(e))),
        Some(choice(
            "capacity",
            if r.on_behalf { "organisation" } else { "individual" },
        )),
        r.members
            .filter(|_| r.on_behalf)
            .and_then(|n| i32::try_from(n).ok())
            .map(Value::Integer),
        r.views_gathered.as_deref().and_then(text),
        r.publication.map(|p| {
            choice(
                "publication",
                match p {
                    Publication::Yes => "yes",
                    Publication::Anonymised => "anonymised",
                    Publication::No => "no",
                },
            )
        }),
        r.confidentiality.as_deref().and_then(text),
    ];
    DETAILS
        .iter()
        .zip(values)
        .filter_map(|(detail, value)| Some(leaf(format!("about:{}", detail.name), detail.question, value?)))
        .collect()
}

/// The item's group with what was given, or `None` when nothing was.
fn response_item(answer: &Answer, set: &QuestionSet, item: &Item, options: Options) -> Option<ResponseItem> {
    let mut parts = Vec::new();
    if let (Some(scale), Some(position)) = (set.scale_of(item), answer.position.as_deref())
        && let Some(option) = scale.option(position)
    {
        parts.push(leaf(
            format!("{}.position", item.id),
            "Position",
            Value::Coding(coding(set, scale, &option.id, &option.label)),
        ));
    }
    let texts = [
        ("answer", "Answer", answer.answer.as_str()),
        (
            "reasoning",
            "Reasoning",
            if options.reasoning {
                answer.reasoning.as_str()
            } else {
                ""
            },
        ),
    ];
    for (suffix, label, text) in texts {
        let plain = rich::plain(text);
        let plain = plain.trim();
        if !plain.is_empty() {
            parts.push(leaf(
                format!("{}.{suffix}", item.id),
                label,
                Value::Text(plain.to_string()),
            ));
        }
    }
    (!parts.is_empty()).then(|| ResponseItem {
        link_id: item.id.clone(),
        text: words(&item.prompt),
        answer: Vec::new(),
        item: parts,
    })
}

fn leaf(link_id: String, text: &str, value: Value) -> ResponseItem {
    ResponseItem {
        link_id,
        text: Some(text.to_string()),
        answer: vec![value],
        item: Vec::new(),
    }
}

fn coding(set: &QuestionSet, scale: &Scale, code: &str, label: &str) -> Coding {
    Coding {
        system: scale_system(&set.id, &scale.id),
        code: code.to_string(),
        display: words(label).map(|w| one_line(&w)),
    }
}

/// The Questionnaire for `set`, pretty-printed.
pub fn questionnaire(set: &QuestionSet) -> String {
    let item: Vec<QuestionnaireItem> = set
        .sections
        .iter()
        .map(|section| QuestionnaireItem {
            link_id: format!("section:{}", section.id),
            text: words(&section.title),
            kind: "group",
            max_length: None,
            answer_option: Vec::new(),
            item: section
                .items
                .iter()
                .map(|item| questionnaire_item(set, item))
                .collect(),
        })
        .collect();
    let details = DETAILS
        .iter()
        .map(|detail| QuestionnaireItem {
            link_id: format!("about:{}", detail.name),
            text: Some(detail.question.to_string()),
            kind: detail.kind,
            max_length: None,
            answer_option: detail
                .codes
                .iter()
                .map(|(code, label)| AnswerOption {
                    value_coding: Coding {
                        system: detail_system(detail.name),
                        code: code.to_string(),
                        display: Some(label.to_string()),
                    },
                })
                .collect(),
            item: Vec::new(),
        })
        .collect();
    let about = QuestionnaireItem {
        link_id: "about:respondent".into(),
        text: Some("Respondent".into()),
        kind: "group",
        max_length: None,
        answer_option: Vec::new(),
        item: details,
    };
    let document = Questionnaire {
        resource_type: "Questionnaire",
        url: questionnaire_url(&set.id),
        version: set.digest(),
        title: words(&set.title),
        status: "active",
        publisher: words(&set.publisher),
        description: words(&set.source),
        item: std::iter::once(about).chain(item).collect(),
    };
    pretty(&document)
}

fn questionnaire_item(set: &QuestionSet, item: &Item) -> QuestionnaireItem {
    let question = |suffix: &str, text: &str, kind| QuestionnaireItem {
        link_id: format!("{}.{suffix}", item.id),
        text: Some(text.to_string()),
        kind,
        max_length: None,
        answer_option: Vec::new(),
        item: Vec::new(),
    };
    let mut parts = Vec::new();
    if let Some(scale) = set.scale_of(item) {
        parts.push(QuestionnaireItem {
            answer_option: scale
                .options
                .iter()
                .map(|o| AnswerOption {
                    value_coding: coding(set, scale, &o.id, &o.label),
                })
                .collect(),
            ..question("position", "Position", "choice")
        });
    }
    parts.push(QuestionnaireItem {
        max_length: item.char_limit,
        ..question("answer", "Answer", "text")
    });
    parts.push(question("reasoning", "Reasoning", "text"));
    QuestionnaireItem {
        link_id: item.id.clone(),
        text: words(&item.prompt),
        kind: "group",
        max_length: None,
        answer_option: Vec::new(),
        item: parts,
    }
}

/// Text from a file as a FHIR string: control characters made visible, line breaks kept,
/// no space at either end, and absent rather than empty (FHIR allows no empty strings).
fn words(text: &str) -> Option<String> {
    let text = visible(&unify_line_endings(text)).trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// A FHIR dateTime: years outside 1 to 9999 cannot be written as one, so are left out.
fn date_time(at: jiff::Timestamp) -> Option<String> {
    let year = at.to_zoned(jiff::tz::TimeZone::UTC).year();
    (1..=9999).contains(&year).then(|| at.to_string())
}

fn pretty<T: Serialize>(document: &T) -> String {
    let mut text = serde_json::to_string_pretty(document).expect("FHIR documents always serialise");
    text.push('\n');
    text
}
