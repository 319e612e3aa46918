//! The joint walk-through's members panel: the consensus on the item, each member's
//! position and key point (marked when inferred, credited, missing from the joint text, or
//! changed since taken), and the selected member's text with the passage to adopt lit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, panel};
use crate::app::Draft;
use crate::app::joint::{Filter, JointPanel};
use crate::joint::{consensus, provenance, sign_off};
use crate::model::joint::{Field, Joint, SignOffState};
use crate::text::{fit, visible, visible_line};

/// The rows the panel takes below the joint text on a screen too narrow to put it beside.
pub const FOLDED_HEIGHT: u16 = 3;

pub fn draw(draft: &Draft, panel_state: &JointPanel, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(joint) = &draft.response.joint else {
        return;
    };
    let item = draft.item();
    let tally = consensus::tally(joint, &draft.set, item);
    let record = joint.item(&item.id);
    let declared = record.and_then(|r| r.consensus.as_ref());
    let level = tally.level(declared);
    let mut title = format!(" Members · {}", level.label());
    if declared.is_some_and(|d| d.level != tally.computed) {
        title.push_str(" (declared)");
    }
    let counts = tally.describe(&draft.set, item);
    if panel_state.filter != Filter::All {
        title.push_str(" · filtered");
    }
    title.push(' ');
    let focused = panel_state.focused;
    let block = panel(visible_line(&title).into_owned(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if !focused && area.height <= FOLDED_HEIGHT + 2 {
        let missing = provenance::not_represented(joint, &item.id).len();
        let line = format!(
            " {} · {missing} not in the text yet · F9 adopts",
            visible_line(&counts),
        );
        frame.render_widget(Line::styled(line, theme.dim()), inner);
        return;
    }
    // The counts behind the level, in words, above the members.
    let [counts_area, inner] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    frame.render_widget(
        Line::styled(format!(" {}", visible_line(&counts)), theme.dim()),
        counts_area,
    );
    let listed = panel_state.listed(joint, &item.id);
    let selected = panel_state.selected_of(&listed);
    let list_height = (listed.len() as u16).min(inner.height / 2).max(1);
    let [list_area, text_area] =
        Layout::vertical([Constraint::Length(list_height), Constraint::Min(0)]).areas(inner);
    let width = usize::from(inner.width);
    let first = selected
        .and_then(|s| listed.iter().position(|&m| m == s))
        .unwrap_or(0)
        .saturating_sub(usize::from(list_height).saturating_sub(1));
    let lines: Vec<Line> = listed
        .iter()
        .skip(first)
        .take(usize::from(list_height))
        .map(|&m| member_line(draft, panel_state, joint, m, selected == Some(m), width, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
    if let Some(m) = selected {
        draw_text(draft, panel_state, joint, m, theme, frame, text_area);
    }
}

#[allow(clippy::too_many_arguments)]
fn member_line(
    draft: &Draft,
    panel_state: &JointPanel,
    joint: &Joint,
    m: usize,
    selected: bool,
    width: usize,
    theme: Theme,
) -> Line<'static> {
    let item = draft.item();
    let member = &joint.members[m];
    let answer = member.answer(&item.id);
    let scale = draft.set.scale_of(item);
    let position = answer
        .and_then(|a| a.position.as_deref())
        .and_then(|id| scale?.option(id))
        .map_or("no position".to_string(), |o| format!("{} {}", o.symbol, o.label));
    let position = if answer.is_some_and(crate::model::Answer::is_inferred) {
        format!("{position} (inferred)")
    } else {
        position
    };
    let credited = provenance::credited(joint, &item.id, &member.organisation);
    let mut marks = Vec::new();
    if credited {
        marks.push("in text");
    }
    let dissents = joint
        .item(&item.id)
        .is_some_and(|r| r.minority.iter().any(|s| s.member == member.organisation));
    if dissents {
        marks.push("minority statement");
    }
    if panel_state.change(m, &item.id).is_some() {
        marks.push("changed: u takes it");
    }
    if panel_state.member_unsettled(m, &item.id) {
        marks.push(crate::compare::CONFLICT_NOT_SETTLED);
    }
    marks.push(
        match sign_off::state(joint, &member.organisation, Some(&item.id)) {
            SignOffState::Agreed => "agreed",
            SignOffState::Objected => "objected",
            SignOffState::NotAsked => "",
        },
    );
    marks.retain(|m| !m.is_empty());
    let name_width = (width / 3).clamp(12, 34);
    let head = format!(
        "{} {} {} ",
        if selected { "▶" } else { " " },
        fit(&visible_line(&member.organisation), name_width),
        visible_line(&position)
    );
    let tail = if marks.is_empty() {
        String::new()
    } else {
        format!(" [{}]", marks.join(", "))
    };
    let point = answer.map_or("", |a| a.key_point());
    let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(head.as_str()) + tail.len());
    let text = format!("{head}{}{tail}", fit(&visible_line(point), room));
    let style = if selected { theme.selected() } else { Style::new() };
    Line::styled(text, style)
}

/// The selected member's answer or reasoning, the passage to adopt reversed and kept in
/// view; what the member changed since it was taken; then where the joint text came from.
fn draw_text(
    draft: &Draft,
    panel_state: &JointPanel,
    joint: &Joint,
    m: usize,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let item = draft.item();
    let member = &joint.members[m];
    let unit = if panel_state.paragraphs {
        "paragraph"
    } else {
        "sentence"
    };
    let (text, units) = panel_state.text_of(joint, m, &item.id);
    let count = units.len();
    let name = visible_line(&member.organisation);
    let field = panel_state.field.label();
    let heading = if count == 0 {
        format!("── {name}'s {field}: nothing written (Tab: the other text)")
    } else {
        format!(
            "── {name}'s {field} · {unit} {} of {count} · Enter adopts",
            panel_state.unit.min(count - 1) + 1
        )
    };
    let mut head = vec![Line::styled(heading, theme.heading())];
    if let Some(change) = panel_state.change(m, &item.id) {
        head.push(Line::styled(changed(draft, change), theme.warning()));
    }
    let mut body: Vec<Line> = Vec::new();
    let mut chosen_line = 0;
    if let Some(range) = panel_state.unit_of(&units) {
        let mut spans: Vec<Span> = Vec::new();
        for (part, style) in [
            (&text[..range.start], Style::new()),
            (&text[range.clone()], theme.selected()),
            (&text[range.end..], Style::new()),
        ] {
            if style != Style::new() {
                chosen_line = body.len();
            }
            for (i, piece) in visible(part).split('\n').enumerate() {
                if i > 0 {
                    body.push(Line::from(std::mem::take(&mut spans)));
                }
                spans.push(Span::styled(piece.to_string(), style));
            }
        }
        body.push(Line::from(spans));
    }
    let mut tail: Vec<Line> = Vec::new();
    let answer = draft.response.answer(&item.id);
    if let Some(record) = joint.item(&item.id) {
        let mut first = true;
        for (field, text) in [
            (Field::Answer, answer.map_or("", |a| a.answer.as_str())),
            (Field::Reasoning, answer.map_or("", |a| a.reasoning.as_str())),
        ] {
            for (i, _) in provenance::locate(text, &record.passages, field) {
                if std::mem::take(&mut first) {
                    tail.push(Line::styled("── In the joint text", theme.heading()));
                }
                let passage = &record.passages[i];
                let edited = if passage.edited { ", edited" } else { "" };
                tail.push(Line::raw(format!(
                    "{}: “{}” ← {}{edited}",
                    field.label(),
                    preview(&passage.text),
                    visible_line(&passage.members.join(", "))
                )));
            }
        }
        for minority in &record.minority {
            tail.push(Line::styled(
                format!(
                    "Minority statement of {}: {}",
                    visible_line(&minority.member),
                    visible_line(&minority.text)
                ),
                theme.dim(),
            ));
        }
    }
    let heights = |lines: &[Line]| {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(area.width) as u16
    };
    let [head_area, body_area, tail_area] = Layout::vertical([
        Constraint::Length(heights(&head)),
        Constraint::Min(1),
        Constraint::Length(heights(&tail).min(area.height / 3)),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), head_area);
    // Scrolled so the passage to adopt is in view, a third of the way down.
    let above = heights(&body[..chosen_line]);
    let scroll = above.saturating_sub(body_area.height / 3);
    frame.render_widget(
        Paragraph::new(body)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        body_area,
    );
    frame.render_widget(Paragraph::new(tail).wrap(Wrap { trim: false }), tail_area);
}

/// "Changed since taken: position Partly disagree → Agree; answer. u takes the new version."
fn changed(draft: &Draft, change: &crate::joint::Change) -> String {
    let scale = draft.set.item(&change.item).and_then(|i| draft.set.scale_of(i));
    let label = |id: &Option<String>| {
        id.as_deref().map_or("none".to_string(), |id| {
            scale
                .and_then(|s| s.option(id))
                .map_or(id.to_string(), |o| o.label.clone())
        })
    };
    let mut what = Vec::new();
    if let Some((was, is)) = &change.position {
        what.push(format!("position {} → {}", label(was), label(is)));
    }
    if change.answer {
        what.push("answer".to_string());
    }
    if change.reasoning {
        what.push("reasoning".to_string());
    }
    visible_line(&format!(
        "Changed since taken: {}. u takes the new version.",
        what.join("; ")
    ))
    .into_owned()
}

/// The start of a passage, on one line, as the panel lists it: only its first few hundred
/// bytes are read, so a long passage costs no more than a short one.
pub(super) fn preview(text: &str) -> String {
    let mut end = text.len().min(400);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    crate::text::shorten(&visible_line(&text[..end]), 40)
}
