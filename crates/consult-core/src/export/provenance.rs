//! A joint response's provenance, for the secretariat and for members who ask where their
//! view went: per item, each passage of the joint text with the members it came from, the
//! secretariat's own text, the consensus, minority statements, and the members whose views
//! appear nowhere in it. As Markdown to read, or CSV (one row per fact) for a spreadsheet.

use std::fmt::Write as _;

use super::markdown::inline;
use super::parts::consensus_sentence;
use crate::joint::provenance::{Owner, not_represented, owners};
use crate::model::joint::{Field, Joint};
use crate::model::{QuestionSet, Response};
use crate::text::{spreadsheet_safe, visible, visible_line};

/// One fact of the report.
struct Row<'a> {
    /// `passage`, `secretariat`, `minority`, `not-represented` or `consensus`.
    kind: &'static str,
    field: &'static str,
    text: String,
    members: Vec<&'a str>,
    edited: bool,
}

/// The report's rows for one item, in reading order.
fn rows<'a>(
    response: &'a Response,
    joint: &'a Joint,
    set: &QuestionSet,
    item: &crate::model::Item,
) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    let record = joint.item(&item.id);
    if item.scale.is_some() {
        rows.push(Row {
            kind: "consensus",
            field: "",
            text: consensus_sentence(joint, set, item),
            members: Vec::new(),
            edited: false,
        });
    }
    if let Some(answer) = response.answer(&item.id) {
        let passages = record.map_or(&[][..], |r| r.passages.as_slice());
        for (field, text) in [
            (Field::Answer, &answer.answer),
            (Field::Reasoning, &answer.reasoning),
        ] {
            for (range, owner) in owners(text, passages, field) {
                // Plain words: the report quotes what was said, not how it was set.
                let words = crate::export::rich::plain(text[range].trim());
                let words = words.trim();
                if words.is_empty() {
                    continue;
                }
                rows.push(match owner {
                    Owner::Secretariat => Row {
                        kind: "secretariat",
                        field: field.label(),
                        text: words.to_string(),
                        members: Vec::new(),
                        edited: false,
                    },
                    Owner::Passage(i) => Row {
                        kind: "passage",
                        field: field.label(),
                        text: words.to_string(),
                        members: passages[i].members.iter().map(String::as_str).collect(),
                        edited: passages[i].edited,
                    },
                });
            }
        }
    }
    for minority in record.map_or(&[][..], |r| r.minority.as_slice()) {
        rows.push(Row {
            kind: "minority",
            field: "",
            text: minority.text.trim().to_string(),
            members: vec![minority.member.as_str()],
            edited: false,
        });
    }
    let missing = not_represented(joint, &item.id);
    if !missing.is_empty() {
        let members = joint
            .members
            .iter()
            .filter(|m| missing.contains(&m.organisation))
            .map(|m| m.organisation.as_str())
            .collect();
        rows.push(Row {
            kind: "not-represented",
            field: "",
            text: String::new(),
            members,
            edited: false,
        });
    }
    rows
}

/// The report as Markdown; `None` when `response` is not a joint response.
pub fn markdown(response: &Response, set: &QuestionSet) -> Option<String> {
    let joint = response.joint.as_ref()?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Provenance: {} — joint response from {}\n",
        inline(&set.title),
        inline(&response.respondent.organisation)
    );
    out.push_str("## Members\n\n");
    for member in &joint.members {
        let _ = writeln!(
            out,
            "- **{}** ({}, taken {})",
            inline(&member.organisation),
            inline(&member.file),
            member.taken.strftime("%-d %b %Y %H:%M")
        );
    }
    out.push('\n');
    for item in set.items() {
        let rows = rows(response, joint, set, item);
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {}\n", inline(&item.label));
        for row in rows {
            let members = row
                .members
                .iter()
                .map(|m| inline(m))
                .collect::<Vec<_>>()
                .join(", ");
            let line = match row.kind {
                "consensus" => format!("*{}*", inline(&row.text)),
                "secretariat" => format!("- {} (secretariat): {}", row.field, inline(&row.text)),
                "passage" if row.edited => {
                    format!("- {} from {members}, edited: {}", row.field, inline(&row.text))
                }
                "passage" => format!("- {} from {members}: {}", row.field, inline(&row.text)),
                "minority" => format!("- minority statement of {members}: {}", inline(&row.text)),
                _ => format!("- not represented: {members}"),
            };
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    Some(out)
}

pub const CSV_HEADER: [&str; 7] = ["item", "item_label", "kind", "field", "members", "edited", "text"];

/// The report as CSV; `None` when `response` is not a joint response.
pub fn csv(response: &Response, set: &QuestionSet) -> Option<Vec<u8>> {
    let joint = response.joint.as_ref()?;
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(CSV_HEADER);
    for item in set.items() {
        for row in rows(response, joint, set, item) {
            let members = row.members.join("; ");
            let record = [
                item.id.as_str(),
                &visible_line(&item.label),
                row.kind,
                row.field,
                &spreadsheet_safe(visible_line(&members)),
                if row.edited { "yes" } else { "" },
                &spreadsheet_safe(visible(&row.text)),
            ];
            let _ = writer.write_record(record);
        }
    }
    writer.into_inner().ok()
}
