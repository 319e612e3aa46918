//! The FHIR export checked against the R4 rules that apply to it: the resources' required
//! fields and codes, one `value[x]` per answer, and a response whose every linkId is in the
//! Questionnaire it names, with answers of the types that Questionnaire asks for.

use crate::support::samples;

use std::collections::HashMap;
use std::process::Command;

use consult::export::{Options, fhir};
use consult::model::{Publication, Response, ResponseStatus};
use samples::{built_in, fixture};
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// Every item in `items` and below, depth first.
fn all_items(items: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for item in items.as_array().into_iter().flatten() {
        out.push(item);
        out.extend(all_items(&item["item"]));
        for answer in item["answer"].as_array().into_iter().flatten() {
            out.extend(all_items(&answer["item"]));
        }
    }
    out
}

/// The Questionnaire's items by linkId, checking the rules each must keep.
fn questionnaire_items(questionnaire: &Value) -> HashMap<String, &Value> {
    assert_eq!(questionnaire["resourceType"], "Questionnaire");
    assert!(["draft", "active", "retired", "unknown"].contains(&questionnaire["status"].as_str().unwrap()));
    let mut by_id = HashMap::new();
    for item in all_items(&questionnaire["item"]) {
        let link_id = item["linkId"]
            .as_str()
            .expect("every item has a linkId")
            .to_string();
        let kind = item["type"].as_str().expect("every item has a type");
        assert!(
            ["group", "display", "string", "text", "integer", "choice"].contains(&kind),
            "{kind}"
        );
        // que-1: groups have items; questions do not hold items directly here.
        assert_eq!(kind == "group", item["item"].is_array(), "{link_id}");
        assert_eq!(kind == "choice", item["answerOption"].is_array(), "{link_id}");
        assert!(
            by_id.insert(link_id.clone(), item).is_none(),
            "que-2: {link_id} is unique"
        );
    }
    by_id
}

/// Checks `response` against R4 and against `questionnaire`.
fn check_response(response: &Value, questionnaire: &Value) {
    let items = questionnaire_items(questionnaire);
    assert_eq!(response["resourceType"], "QuestionnaireResponse");
    let status = response["status"].as_str().expect("status is required");
    assert!(
        [
            "in-progress",
            "completed",
            "amended",
            "entered-in-error",
            "stopped"
        ]
        .contains(&status)
    );
    let canonical = format!(
        "{}|{}",
        questionnaire["url"].as_str().unwrap(),
        questionnaire["version"].as_str().unwrap()
    );
    assert_eq!(response["questionnaire"], canonical.as_str());
    assert!(
        response["author"]["display"]
            .as_str()
            .is_some_and(|d| !d.trim().is_empty())
    );
    for item in all_items(&response["item"]) {
        let link_id = item["linkId"].as_str().expect("every item has a linkId");
        let asked = items
            .get(link_id)
            .unwrap_or_else(|| panic!("{link_id} is not in the Questionnaire"));
        // qrs-1: an item holds answers or items, never both.
        assert!(
            !(item["answer"].is_array() && item["item"].is_array()),
            "{link_id}"
        );
        for answer in item["answer"].as_array().into_iter().flatten() {
            let values: Vec<&String> = answer
                .as_object()
                .unwrap()
                .keys()
                .filter(|k| k.starts_with("value"))
                .collect();
            assert_eq!(values.len(), 1, "exactly one value[x] in {link_id}: {answer}");
            let expected = match asked["type"].as_str().unwrap() {
                "choice" => "valueCoding",
                "integer" => "valueInteger",
                _ => "valueString",
            };
            assert_eq!(values[0], expected, "{link_id}");
            if expected == "valueCoding" {
                let options = asked["answerOption"].as_array().unwrap();
                assert!(
                    options.iter().any(|o| o["valueCoding"] == answer["valueCoding"]),
                    "{link_id}: {answer} is one of the options"
                );
            }
            if let Some(text) = answer["valueString"].as_str() {
                assert!(!text.is_empty() && text.trim() == text, "{link_id}: {text:?}");
            }
        }
    }
}

#[test]
fn the_samples_answer_the_questionnaire_by_the_r4_rules() {
    let set = built_in();
    let questionnaire = json(&fhir::questionnaire(&set));
    for name in ["health-devolution-commission.json", "local-government.json"] {
        let sample = fixture(name);
        let response = json(&fhir::response(&sample, &set, Options::default()));
        check_response(&response, &questionnaire);
        assert_eq!(response["status"], "completed", "final responses are completed");
        assert_eq!(response["authored"], sample.updated.to_string().as_str());
    }
}

#[test]
fn each_item_is_answered_by_its_id_with_its_position_coded_on_its_scale() {
    let set = built_in();
    let response = json(&fhir::response(
        &fixture("health-devolution-commission.json"),
        &set,
        Options::default(),
    ));
    let items = all_items(&response["item"]);
    let by_id = |id: &str| {
        *items
            .iter()
            .find(|i| i["linkId"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    for item in set.items() {
        assert_eq!(by_id(&item.id)["text"], item.prompt.as_str(), "the exact wording");
    }
    let position = &by_id("q1.position")["answer"][0]["valueCoding"];
    assert_eq!(position["system"], "urn:consult:scale:integrating-care:agreement");
    assert_eq!(position["code"], "partly-agree");
    assert_eq!(position["display"], "Partly agree");
    let answer = by_id("q1.answer")["answer"][0]["valueString"].as_str().unwrap();
    assert!(
        answer.starts_with("Yes, on one condition. Putting"),
        "plain text: {answer}"
    );
    let e8 = by_id("e8.answer")["answer"][0]["valueString"].as_str().unwrap();
    assert!(e8.contains("\n- nominees from:\n  - local government and Healthwatch;"));
    assert!(by_id("q1.reasoning")["answer"][0]["valueString"].is_string());
    assert_eq!(
        by_id("about:publication")["answer"][0]["valueCoding"]["code"],
        "yes"
    );
    assert_eq!(
        by_id("about:capacity")["answer"][0]["valueCoding"]["code"],
        "organisation"
    );
    let text = fhir::response(
        &fixture("health-devolution-commission.json"),
        &set,
        Options::default(),
    );
    assert!(!text.contains("The Commission’s published answer"), "no notes");
}

#[test]
fn a_draft_is_in_progress_and_holds_only_what_was_given() {
    let set = built_in();
    let mut response = Response::new(&set, "");
    assert_eq!(response.status, ResponseStatus::Draft);
    response.answer_mut(&set, "e3").answer = "   ".into();
    response.answer_mut(&set, "q2").position = Some("disagree".into());
    response.answer_mut(&set, "comments").reasoning = "Because.".into();
    response.respondent.on_behalf = false;
    response.respondent.members = Some(12);
    response.respondent.publication = Some(Publication::No);
    let document = json(&fhir::response(&response, &set, Options::default()));
    check_response(&document, &json(&fhir::questionnaire(&set)));
    assert_eq!(document["status"], "in-progress");
    assert_eq!(document["author"]["display"], "an unnamed organisation");
    let ids: Vec<&str> = all_items(&document["item"])
        .iter()
        .map(|i| i["linkId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "about:respondent",
            "about:capacity",
            "about:publication",
            "section:questions",
            "q2",
            "q2.position",
            "section:comments",
            "comments",
            "comments.reasoning"
        ],
        "members are left out of a personal response, blank text and untouched items altogether"
    );
    let without = json(&fhir::response(
        &response,
        &set,
        Options {
            reasoning: false,
            ..Options::default()
        },
    ));
    assert!(!without.to_string().contains("Because."));
}

#[test]
fn the_questionnaire_asks_what_the_set_asks() {
    let mut set = built_in();
    set.sections[0].items[0].char_limit = Some(2000);
    let questionnaire = json(&fhir::questionnaire(&set));
    let items = questionnaire_items(&questionnaire);
    assert_eq!(questionnaire["url"], "urn:consult:questionnaire:integrating-care");
    assert_eq!(questionnaire["version"], set.digest().as_str());
    assert_eq!(questionnaire["title"], set.title.as_str());
    for item in set.items() {
        let asked = items[item.id.as_str()];
        assert_eq!(asked["type"], "group");
        assert_eq!(asked["text"], item.prompt.as_str());
        let position = items.get(format!("{}.position", item.id).as_str());
        assert_eq!(position.is_some(), item.scale.is_some(), "{}", item.id);
        if let Some(position) = position {
            let codes: Vec<&str> = position["answerOption"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["valueCoding"]["code"].as_str().unwrap())
                .collect();
            let scale = set.scale_of(item).unwrap();
            assert_eq!(
                codes,
                scale.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>()
            );
        }
    }
    assert_eq!(items["summary.answer"]["maxLength"], 2000);
    assert!(items["q1.answer"].get("maxLength").is_none());
}

#[test]
fn questions_export_writes_the_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_consult"))
            .args(args)
            .current_dir(dir.path())
            .env("CONSULT_DATA_DIR", dir.path().join("data"))
            .env("CONSULT_CONFIG_DIR", dir.path().join("config"))
            .output()
            .unwrap()
    };
    let out = run(&["questions", "export", "integrating-care", "--format", "fhir"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        fhir::questionnaire(&built_in())
    );
    let to_file = [
        "questions",
        "export",
        "integrating-care",
        "--format",
        "fhir",
        "--out",
        "q.json",
    ];
    assert!(run(&to_file).status.success());
    assert!(dir.path().join("q.json").exists());
    let again = run(&to_file);
    assert_eq!(again.status.code(), Some(1), "never overwrites without --force");
    let unknown = run(&["questions", "export", "no-such-set", "--format", "fhir"]);
    assert_eq!(unknown.status.code(), Some(2));
}
