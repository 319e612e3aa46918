//! The review panel: each pending suggestion on the item as a change in its context (the
//! words taken out struck through, the words put in underlined, each also bracketed so it
//! reads without colour), who made it and when, and whether it competes with another or
//! no longer applies; then each comment with its anchor and replies, resolved ones dimmed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, panel};
use crate::app::Draft;
use crate::app::review::{Entry, ReviewPanel, entries};
use crate::model::review::{Piece, ReviewComment, Suggestion};
use crate::review::apply::standing;
use crate::text::visible_line;

/// Draws the panel beside the item on a wide screen, else below it; returns the room
/// left for the item.
pub fn draw_beside(draft: &Draft, state: &ReviewPanel, theme: Theme, frame: &mut Frame, area: Rect) -> Rect {
    let [item, beside] = if area.width >= 110 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area)
    };
    draw(draft, state, theme, frame, beside);
    item
}

fn draw(draft: &Draft, state: &ReviewPanel, theme: Theme, frame: &mut Frame, area: Rect) {
    let listed = entries(draft);
    let pending = listed
        .iter()
        .filter(|e| matches!(e, Entry::Suggestion(_)))
        .count();
    let open = listed
        .iter()
        .filter(|e| matches!(e, Entry::Comment(c) if !c.resolved))
        .count();
    let title = format!(
        " Reviews · {} pending · {} open ",
        counted(pending, "suggestion"),
        counted(open, "comment")
    );
    let block = panel(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if listed.is_empty() {
        let text = "Nothing from reviewers on this item. Items marked ✎ in the outline have suggestions or comments.";
        frame.render_widget(
            Paragraph::new(text).style(theme.dim()).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let selected = state.selection_index(listed.len());
    let mut lines = Vec::new();
    let mut selected_from = 0;
    for (index, entry) in listed.iter().enumerate() {
        let chosen = index == selected;
        if chosen {
            selected_from = wrapped_height(&lines, inner.width);
        }
        match entry {
            Entry::Suggestion(s) => lines.extend(suggestion_lines(draft, s, chosen, theme)),
            Entry::Comment(c) => lines.extend(comment_lines(c, chosen, theme)),
        }
    }
    // The selected entry's first line stays in view.
    let scroll = selected_from.saturating_sub(usize::from(inner.height) / 3);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        inner,
    );
}

/// "1 suggestion", "2 suggestions".
fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// How many rows `lines` take wrapped at `width`.
fn wrapped_height(lines: &[Line<'static>], width: u16) -> usize {
    Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim: false })
        .line_count(width)
}

/// The first line of an entry: marked when selected, by a symbol and reverse video.
fn heading(text: String, chosen: bool, settled: bool, theme: Theme) -> Line<'static> {
    let marker = if chosen { "▶ " } else { "  " };
    let style = match (chosen, settled) {
        (true, _) => theme.selected(),
        (false, true) => theme.dim(),
        (false, false) => theme.heading(),
    };
    Line::from(vec![Span::raw(marker), Span::styled(text, style)])
}

/// The date part of a reviewer's date, as the file gave it.
fn day(date: Option<&str>) -> String {
    date.map_or_else(String::new, |d| {
        format!(" · {}", visible_line(d.get(..10).unwrap_or(d)))
    })
}

fn suggestion_lines(draft: &Draft, s: &Suggestion, chosen: bool, theme: Theme) -> Vec<Line<'static>> {
    let standing = standing(&draft.response, s);
    let mut about = format!(
        "Suggestion {} · {} · {}{} · {}",
        s.number,
        s.field.label(),
        visible_line(&s.author),
        day(s.date.as_deref()),
        s.made.label()
    );
    if !standing.competing.is_empty() {
        let others: Vec<String> = standing.competing.iter().map(u32::to_string).collect();
        about.push_str(&format!(" · competing with {}", others.join(", ")));
    }
    let mut lines = vec![heading(about, chosen, false, theme)];
    if standing.gone {
        lines.push(Line::styled(
            "    no longer applies: its words are not in the text now (r rejects it)",
            theme.warning(),
        ));
    }
    let change = s.change().into_iter().map(|(piece, text)| {
        let text = visible_line(&text).into_owned();
        match piece {
            Piece::Context => Span::raw(text),
            Piece::Deleted => Span::styled(text, theme.deleted()),
            Piece::Inserted => Span::styled(text, theme.inserted()),
        }
    });
    lines.push(Line::from(
        std::iter::once(Span::raw("    "))
            .chain(change)
            .collect::<Vec<_>>(),
    ));
    lines
}

fn comment_lines(c: &ReviewComment, chosen: bool, theme: Theme) -> Vec<Line<'static>> {
    let resolved = if c.resolved { " · resolved" } else { "" };
    let anchor = if c.anchor.is_empty() {
        String::new()
    } else {
        format!(" · on “{}”", visible_line(&crate::text::shorten(&c.anchor, 60)))
    };
    let about = format!(
        "Comment {} · {}{}{anchor}{resolved}",
        c.number,
        visible_line(&c.author),
        day(c.date.as_deref())
    );
    let body = if c.resolved { theme.dim() } else { Style::new() };
    let mut lines = vec![heading(about, chosen, c.resolved, theme)];
    lines.push(Line::styled(format!("    {}", visible_line(&c.text)), body));
    for reply in &c.replies {
        lines.push(Line::styled(
            format!(
                "      ↳ {}{}: {}",
                visible_line(&reply.author),
                day(reply.date.as_deref()),
                visible_line(&reply.text)
            ),
            body,
        ));
    }
    lines
}
