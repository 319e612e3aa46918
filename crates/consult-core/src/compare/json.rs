//! The comparison as JSON, for other tools: per item, counts per option and each
//! organisation's position. Organisations come in name order, as on the screen.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use super::{Comparison, Position, Sort};
use crate::model::Scale;
use crate::text::shown_path;
use crate::text::visible;

#[derive(Serialize)]
struct Document<'a> {
    question_set: SetInfo<'a>,
    compared: usize,
    organisations: Vec<OrganisationOut<'a>>,
    /// Organisations with more than one file compared, in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    set_aside: Vec<SetAsideOut>,
    items: Vec<ItemOut<'a>>,
    /// Each pair of organisations (absent with too many organisations for pairs).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pairs: Vec<PairOut<'a>>,
}

#[derive(Serialize)]
struct PairOut<'a> {
    /// Two organisations, by name as in `organisations`.
    organisations: [&'a str; 2],
    /// Items on which both took the same position, of `both` on which both took one.
    same: usize,
    both: usize,
}

#[derive(Serialize)]
struct SetInfo<'a> {
    id: &'a str,
    title: Cow<'a, str>,
    digest: &'a str,
}

#[derive(Serialize)]
struct OrganisationOut<'a> {
    organisation: &'a str,
    file: String,
    status: &'static str,
    updated: String,
    /// The response answered another version of the question set.
    other_version: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

#[derive(Serialize)]
struct SetAsideOut {
    file: String,
    reason: String,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    label: Cow<'a, str>,
    section: &'a str,
    /// None for a free-text item, which has no positions to count.
    scale: Option<&'a str>,
    agreement: &'static str,
    /// Organisations that gave a position or some answer text.
    answered: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<Counts<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    no_position: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_on_scale: Option<usize>,
    /// Organisations with a merge conflict on the item not settled, counted apart.
    #[serde(skip_serializing_if = "is_zero")]
    conflict_not_settled: usize,
    /// Organisations that share a position do not share their key point.
    #[serde(skip_serializing_if = "Option::is_none")]
    key_points_differ: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    positions: Option<Positions<'a>>,
}

/// Every organisation's position on one item, serialised as it is written: a whole
/// consultation has hundreds of thousands of them, and none need be held at once.
struct Positions<'a> {
    comparison: &'a Comparison,
    scale: &'a Scale,
    order: &'a [usize],
    names: &'a [Cow<'a, str>],
    item: usize,
}

impl Serialize for Positions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.order.len()))?;
        for (&o, name) in self.order.iter().zip(self.names) {
            let organisation = &self.comparison.organisations[o];
            let stance = organisation.stances[self.item];
            let position = stance.position;
            seq.serialize_element(&PositionOut {
                organisation: name,
                position: match position {
                    Position::Chosen(k) => self.scale.options.get(usize::from(k)).map(|o| o.id.as_str()),
                    _ => None,
                },
                not_on_scale: position == Position::NotOnScale,
                conflict_not_settled: position == Position::Unsettled,
                inferred: stance.inferred && matches!(position, Position::Chosen(_) | Position::NotOnScale),
                key_point: visible(organisation.key_point(self.item)),
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct PositionOut<'a> {
    organisation: &'a str,
    /// The option's id; null for no position.
    position: Option<&'a str>,
    /// The position is not an option of this version of the scale (another version's response).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    not_on_scale: bool,
    /// A merge conflict on the item is not settled: `position` is null, as the file's
    /// value there is not one the organisation took.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    conflict_not_settled: bool,
    /// The position was read from the organisation's documents, not stated by it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    inferred: bool,
    /// The answer's point in one line (empty: no answer).
    key_point: Cow<'a, str>,
}

/// Option id to count, in the scale's order (a plain map would sort the keys).
struct Counts<'a> {
    scale: &'a Scale,
    counts: &'a [usize],
}

impl Serialize for Counts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.counts.len()))?;
        for (option, count) in self.scale.options.iter().zip(self.counts) {
            map.serialize_entry(&option.id, count)?;
        }
        map.end()
    }
}

/// Writes the JSON document for `comparison`, pretty-printed, ending in a newline.
pub fn write(comparison: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    let order = comparison.order(Sort::Name);
    // Untrusted names made safe once, then borrowed by every item's positions.
    let names: Vec<Cow<str>> = order
        .iter()
        .map(|&o| match comparison.repeated.iter().any(|g| g.contains(&o)) {
            // Two files from one organisation: the name says which is which, by date.
            true => Cow::Owned(visible(&comparison.column_name(o)).into_owned()),
            false => visible(comparison.organisations[o].display_name()),
        })
        .collect();
    let organisations = order
        .iter()
        .zip(&names)
        .map(|(&o, name)| {
            let organisation = &comparison.organisations[o];
            OrganisationOut {
                organisation: name,
                file: shown_path(&organisation.file),
                status: organisation.status.label(),
                updated: organisation.updated.to_string(),
                other_version: organisation.other_version,
                notes: organisation
                    .notes
                    .iter()
                    .map(|n| visible(n).into_owned())
                    .collect(),
            }
        })
        .collect();
    let set_aside = comparison
        .set_aside
        .iter()
        .map(|s| SetAsideOut {
            file: shown_path(&s.file),
            reason: visible(&s.reason).into_owned(),
        })
        .collect();
    let items = (0..comparison.item_count())
        .map(|i| {
            let item = comparison.item(i);
            let summary = &comparison.summaries[i];
            let scale = comparison.scale(i);
            let positions = scale.map(|scale| Positions {
                comparison,
                scale,
                order: &order,
                names: &names,
                item: i,
            });
            ItemOut {
                id: &item.id,
                label: visible(&item.label),
                section: &comparison.set.sections[comparison.section_of(i)].id,
                scale: item.scale.as_deref(),
                agreement: summary.agreement.id(),
                answered: summary.answered,
                counts: scale.map(|scale| Counts {
                    scale,
                    counts: &summary.counts,
                }),
                no_position: scale.map(|_| summary.no_position),
                not_on_scale: scale.map(|_| summary.not_on_scale),
                conflict_not_settled: summary.unsettled,
                key_points_differ: scale.map(|_| summary.points_differ),
                positions,
            }
        })
        .collect();
    let document = Document {
        question_set: SetInfo {
            id: &comparison.set.id,
            title: visible(&comparison.set.title),
            digest: &comparison.digest,
        },
        compared: comparison.organisations.len(),
        organisations,
        warnings: comparison
            .repeated_warnings()
            .iter()
            .map(|w| visible(w).into_owned())
            .collect(),
        set_aside,
        items,
        pairs: comparison
            .pairs()
            .into_iter()
            .map(|pair| {
                let name = |o: usize| {
                    let at = order.iter().position(|&x| x == o).unwrap_or(0);
                    names[at].as_ref()
                };
                PairOut {
                    organisations: [name(pair.first), name(pair.second)],
                    same: pair.same,
                    both: pair.both,
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
