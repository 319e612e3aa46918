//! Review: every item's position at a glance, what is still open, then mark final.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table, TableState};

use super::walk::{position_of, status_mark};
use super::{Theme, panel};
use crate::app::App;
use crate::model::ItemStatus;
use crate::text::{visible_line, word_count};

pub fn draw(app: &App, selected: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(draft) = &app.draft else { return };
    let set = &draft.set;
    let response = &draft.response;
    let answered = response.answered_count(set);
    let total = set.item_count();
    let mut open = 0;
    let mut over = 0;
    let rows: Vec<Row> = set
        .items()
        .map(|item| {
            let answer = response.answer(&item.id);
            let status = answer.map_or(ItemStatus::NotStarted, |a| a.status);
            let words = answer.map_or(0, |a| word_count(&a.answer));
            let position = match (set.scale_of(item), position_of(set, response, item)) {
                (None, _) => "free text".to_string(),
                (Some(_), Some((symbol, label))) => {
                    format!("{:>2} {}", visible_line(symbol), visible_line(label))
                }
                (Some(_), None) => "—".to_string(),
            };
            let mut notes = Vec::new();
            if response
                .conflicts
                .iter()
                .any(|c| c.item.as_deref() == Some(item.id.as_str()))
            {
                notes.push("! merge conflict: F6 on the item settles it".to_string());
            }
            if answer.is_some_and(|a| a.not_answering && !a.is_answered()) {
                notes.push("not answering".to_string());
            } else if !answer.is_some_and(|a| a.is_answered()) {
                open += 1;
                notes.push("no answer yet".to_string());
            }
            if answer.is_some_and(|a| a.is_answered())
                && set.scale_of(item).is_some()
                && answer.and_then(|a| a.position.as_ref()).is_none()
            {
                notes.push("answered without a position".to_string());
            }
            // Limits as a web form counts them, counted when the review opened.
            let mut over_here = false;
            for (_, what) in draft.over_limits.iter().filter(|(id, _)| *id == item.id) {
                over_here = true;
                notes.push(what.clone());
            }
            over += usize::from(over_here);
            // Reviewers' suggestions and comments still waiting here.
            if let Some(waiting) = response
                .reviews
                .as_ref()
                .and_then(|r| r.describe_waiting(&item.id))
            {
                notes.insert(
                    0,
                    format!("{} {waiting}: Alt-R on the item", super::walk::REVIEW_MARK),
                );
            }
            // A joint response: who has signed off this item, and who objects.
            if let Some(joint) = &response.joint {
                let [agreed, objected, _] = crate::joint::sign_off::counts(joint, Some(&item.id));
                notes.insert(0, format!("sign-off: {agreed} agreed, {objected} objected"));
            }
            let limit = item.word_limit.map_or(String::new(), |l| format!("/{l}"));
            let style = if notes.is_empty() {
                ratatui::style::Style::new()
            } else {
                theme.warning()
            };
            Row::new([
                Cell::from(format!("{} {}", status_mark(status), visible_line(&item.label))),
                Cell::from(position),
                Cell::from(format!("{words}{limit}")),
                Cell::from(notes.join("; ")).style(style),
            ])
        })
        .collect();

    // Reviewers' suggestions and comments, when any were read back, on a line of their own.
    let reviews = response.reviews.as_ref().map(|r| {
        Line::raw(format!(
            " From reviewers: {} suggestions pending, {} comments open (✎; Alt-R on the item)",
            r.pending(None).count(),
            r.open_comments(None).count()
        ))
    });
    let summary_height = 3 + u16::from(reviews.is_some());
    let [summary_area, table_area] =
        Layout::vertical([Constraint::Length(summary_height), Constraint::Min(0)]).areas(area);
    let status = response.status.label();
    let toggle = if response.status == crate::model::ResponseStatus::Final {
        "f puts it back to draft"
    } else {
        "f marks the response final"
    };
    let mut summary = vec![
        Line::styled(
            format!(" {answered}/{total} answered · response status: {status}"),
            theme.heading(),
        ),
        Line::raw(match &response.joint {
            Some(joint) => {
                let [agreed, objected, not_asked] = crate::joint::sign_off::counts(joint, None);
                format!(
                    " {open} without an answer · {over} over a limit · whole response: {agreed} agreed, {objected} objected, {not_asked} not asked · {toggle}"
                )
            }
            None => format!(" {open} without an answer · {over} over a limit · {toggle}"),
        }),
        // Where the draft is, so the command line can name it too: a draft in consult's
        // own folder by the name `consult list` gives it.
        Line::styled(
            match draft.path.strip_prefix(app.dirs.drafts()) {
                Ok(name) => format!(
                    " Draft file: {} (consult list shows it)",
                    visible_line(&name.display().to_string())
                ),
                Err(_) => format!(" File: {}", visible_line(&draft.path.display().to_string())),
            },
            theme.dim(),
        ),
    ];
    if let Some(line) = reviews {
        summary.insert(2, line);
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(summary), summary_area);
    let header = Row::new(["Item", "Position", "Words", "Still to do"]).style(theme.heading());
    let widths = [
        Constraint::Length(20),
        Constraint::Length(30),
        Constraint::Length(10),
        Constraint::Fill(1),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(panel(" Review ", true, theme))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, table_area, &mut state);
}
