//! The walk-through: an outline of every item beside the current item's wording,
//! position picker and editors.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::{Theme, panel};
use crate::app::{App, Dialog, Draft, Focus};
use crate::model::{Item, ItemStatus, QuestionSet, Response};
use crate::text::{fit, truncate, visible, visible_line};

/// Draws the walk-through; returns the focused editor's block, if one is drawn, and where
/// the terminal's cursor is in it.
pub fn draw(app: &App, theme: Theme, frame: &mut Frame, area: Rect) -> Option<(Rect, Option<Position>)> {
    let Some(draft) = &app.draft else { return None };
    let outline_width = (area.width / 3).clamp(24, 40);
    let [outline, item] =
        Layout::horizontal([Constraint::Length(outline_width), Constraint::Min(20)]).areas(area);
    let going_to = match &app.dialog {
        Some(Dialog::GoTo { query, selected }) => Some((query, *selected)),
        _ => None,
    };
    draw_outline(draft, going_to, theme, frame, outline);
    // The terminal's cursor is in the editor only while keys go to it, not under a dialog.
    let typing = app.focused() == crate::app::Focused::Walk(draft.focus());
    // Reviewers' suggestions and comments, when asked for, in the members panel's place.
    if app.review.open {
        let item = super::review_panel::draw_beside(draft, &app.review, theme, frame, item);
        return draw_item(draft, typing, theme, frame, item);
    }
    // A joint response: the members panel beside the item on a wide screen, else below it
    // (a few lines until it has focus).
    let item = match (&app.joint, draft.response.joint.is_some()) {
        (Some(members), true) => {
            let [item, beside] = if item.width >= 110 {
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(item)
            } else if members.focused || item.height >= 30 {
                // A tall screen has room for the members without asking for them.
                Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(item)
            } else {
                Layout::vertical([
                    Constraint::Min(8),
                    Constraint::Length(super::joint::FOLDED_HEIGHT),
                ])
                .areas(item)
            };
            super::joint::draw(draft, members, theme, frame, beside);
            item
        }
        _ => item,
    };
    draw_item(draft, typing, theme, frame, item)
}

/// The outline's mark for an item with reviewers' suggestions or comments waiting.
pub const REVIEW_MARK: &str = "✎";

/// The mark for an item's status: a symbol, so it reads without colour.
pub fn status_mark(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::NotStarted => "○",
        ItemStatus::Draft => "◐",
        ItemStatus::Ready => "●",
    }
}

/// The chosen option's symbol and label for `item`, if a position is set.
pub fn position_of<'a>(set: &'a QuestionSet, response: &Response, item: &Item) -> Option<(&'a str, &'a str)> {
    let scale = set.scale_of(item)?;
    let chosen = response.answer(&item.id)?.position.as_deref()?;
    let option = scale.option(chosen)?;
    Some((option.symbol.as_str(), option.label.as_str()))
}

/// The outline: every item with its status, label, what it is about and position.
/// Going to an item, it has focus: the query on top, the items found marked, the chosen one selected.
fn draw_outline(
    draft: &Draft,
    going_to: Option<(&TextArea<'static>, usize)>,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let title = if going_to.is_some() {
        " Go to: type, ↑↓, Enter "
    } else {
        " Outline "
    };
    let block = panel(title, going_to.is_some(), theme);
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    let found = going_to.map(|(query, _)| draft.set.find(&query.lines().concat()));
    let chosen = going_to.and_then(|(_, selected)| found.as_ref()?.get(selected).copied());
    if let Some((query, _)) = going_to {
        let [query_area, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let mut field = query.clone();
        field.set_cursor_line_style(Style::new());
        field.set_cursor_style(Style::new().add_modifier(ratatui::style::Modifier::REVERSED));
        frame.render_widget(&field, query_area);
        inner = rest;
    }
    let width = usize::from(inner.width);
    // Something typed narrows the outline to the items it finds (and their sections).
    let narrowed = found
        .as_ref()
        .filter(|_| going_to.is_some_and(|(query, _)| !query.lines().concat().trim().is_empty()));
    let mut lines = Vec::new();
    let mut current_line = 0;
    let mut index = 0;
    for section in &draft.set.sections {
        let first = index;
        index += section.items.len();
        let shown = |i: usize| narrowed.is_none_or(|f| f.contains(&i));
        if !(first..index).any(shown) {
            continue;
        }
        lines.push(Line::styled(
            truncate(&visible_line(&section.title), width).into_owned(),
            theme.heading(),
        ));
        for (index, item) in (first..).zip(&section.items) {
            if !shown(index) {
                continue;
            }
            let answer = draft.response.answer(&item.id);
            let status = answer.map_or(ItemStatus::NotStarted, |a| a.status);
            let symbol =
                position_of(&draft.set, &draft.response, item).map_or("".into(), |(s, _)| visible_line(s));
            let label_width = width.saturating_sub(3 + 3);
            let label = format!("{} · {}", item.label, item.summary());
            // A merge left a conflict here: that comes before the item's status.
            let conflicted = draft
                .response
                .conflicts
                .iter()
                .any(|c| c.item.as_deref() == Some(item.id.as_str()));
            let mark = if conflicted { "!" } else { status_mark(status) };
            // Reviewers' suggestions or comments wait here (Alt-R shows them).
            let reviewed = draft
                .response
                .reviews
                .as_ref()
                .is_some_and(|r| r.waiting_on(&item.id));
            let text = format!(
                "{}{} {}{:>3}",
                if reviewed { REVIEW_MARK } else { " " },
                mark,
                fit(&crate::text::flat(&visible_line(&label)), label_width),
                symbol
            );
            let highlighted = chosen.map_or(index == draft.current, |c| c == index);
            let style = if highlighted {
                current_line = lines.len();
                theme.selected()
            } else if found.as_ref().is_some_and(|f| !f.contains(&index)) {
                theme.dim()
            } else {
                Style::new()
            };
            lines.push(Line::styled(text, style));
        }
    }
    // Keep the current item in view.
    let height = usize::from(inner.height);
    let scroll = current_line.saturating_sub(height.saturating_sub(2));
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

fn draw_item(
    draft: &Draft,
    typing: bool,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Option<(Rect, Option<Position>)> {
    let item = draft.item();
    let section = draft.set.section_of(&item.id).map_or("", |s| s.title.as_str());
    let block = panel(format!(" {} ", visible(section)), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let status = draft
        .response
        .answer(&item.id)
        .map_or(ItemStatus::NotStarted, |a| a.status);
    let conflicts = draft
        .response
        .conflicts
        .iter()
        .filter(|c| c.item.as_deref() == Some(item.id.as_str()))
        .count();
    let mut title = Line::from(vec![
        Span::styled(visible(&item.label).into_owned(), theme.title()),
        Span::styled(
            format!("   {} {}", status_mark(status), status.label()),
            theme.dim(),
        ),
    ]);
    // A key point set by hand shows in the header (F7 changes it); the first sentence needs no reminder.
    if let Some(point) = draft
        .response
        .answer(&item.id)
        .and_then(|a| a.key_point.as_deref())
        .filter(|p| !p.trim().is_empty())
    {
        title.push_span(Span::styled(
            format!("   key point: {}", crate::text::shorten(&visible_line(point), 60)),
            theme.dim(),
        ));
    }
    if conflicts > 0 {
        title.push_span(Span::styled(
            format!(
                "   ! {conflicts} merge conflict{}: F6",
                if conflicts == 1 { "" } else { "s" }
            ),
            theme.warning(),
        ));
    }
    let prompt = Paragraph::new(visible(&item.prompt).into_owned())
        .style(theme.heading())
        .wrap(Wrap { trim: true });
    let context = context_paragraph(draft, item, theme);
    let picker = picker_paragraph(draft, item, theme, inner.width);

    let width = inner.width;
    let prompt_height = prompt.line_count(width) as u16;
    let picker_height = picker.as_ref().map_or(0, |p| p.line_count(width) as u16);
    // The editors keep room for a few lines each; the context gets what is left.
    let editors_min = if item.scale.is_some() { 10 } else { 6 };
    let fixed = 1 + prompt_height + picker_height + editors_min;
    let room = inner.height.saturating_sub(fixed);
    let full = context.line_count(width) as u16;
    let context_height = full.min(room);
    let context = if context_height < full && context_height > 0 {
        // Cut short: say so on the last line rather than stopping mid-sentence unannounced.
        let lines = context_lines(item, width, context_height, theme);
        Paragraph::new(lines)
    } else {
        context
    };
    let [title_area, prompt_area, context_area, picker_area, editors_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(prompt_height),
        Constraint::Length(context_height),
        Constraint::Length(picker_height),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(title, title_area);
    frame.render_widget(prompt, prompt_area);
    frame.render_widget(context, context_area);
    if let Some(picker) = picker {
        frame.render_widget(picker, picker_area);
    }
    draw_editors(draft, item, typing, theme, frame, editors_area)
}

fn context_paragraph<'a>(draft: &Draft, item: &'a Item, theme: Theme) -> Paragraph<'a> {
    let text = match (&item.context, draft.context_folded) {
        (None, _) => String::new(),
        (Some(_), true) => "▸ context hidden (Ctrl-F shows it)".to_string(),
        (Some(context), false) => visible(context).into_owned(),
    };
    Paragraph::new(text)
        .style(theme.context())
        .wrap(Wrap { trim: true })
}

/// The first `height` wrapped lines of the context, the last replaced by a note that there is more.
fn context_lines(item: &Item, width: u16, height: u16, theme: Theme) -> Vec<Line<'static>> {
    let text = item.context.as_deref().map(visible).unwrap_or_default();
    let mut lines: Vec<Line<'static>> = wrap_words(&text, usize::from(width))
        .into_iter()
        .take(usize::from(height.saturating_sub(1)))
        .map(|l| Line::styled(l, theme.context()))
        .collect();
    lines.push(Line::styled(
        "… more context in a taller window (Ctrl-F hides it)",
        theme.dim(),
    ));
    lines
}

/// Greedy word wrap by display width.
pub(super) fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `( ) 1 ++ Agree   (•) 2 + Partly agree …`, each option kept whole on one line;
/// nothing for a free-text item.
fn picker_paragraph<'a>(draft: &Draft, item: &Item, theme: Theme, width: u16) -> Option<Paragraph<'a>> {
    use unicode_width::UnicodeWidthStr;
    let scale = draft.set.scale_of(item)?;
    let focused = draft.focus() == Focus::Position;
    let chosen = draft.position_index();
    let inferred = draft
        .response
        .answer(&item.id)
        .is_some_and(crate::model::Answer::is_inferred);
    let marker = if focused { "▶ Position: " } else { "Position: " };
    let marker_style = if focused {
        theme.focus_border()
    } else {
        theme.heading()
    };
    let mut pieces: Vec<Span> = scale
        .options
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let selected = chosen == Some(i);
            let radio = if selected { "(•)" } else { "( )" };
            let style = if selected { theme.selected() } else { Style::new() };
            // An inferred position says so beside itself (F8 toggles it).
            let basis = if selected && inferred { " (inferred)" } else { "" };
            Span::styled(
                format!(
                    "{radio} {} {} {}{basis}",
                    i + 1,
                    visible_line(&option.symbol),
                    visible_line(&option.label)
                ),
                style,
            )
        })
        .collect();
    if chosen.is_none() {
        pieces.push(Span::styled("(no position yet)", theme.dim()));
    }
    let width = usize::from(width);
    let mut lines = vec![Line::from(Span::styled(marker, marker_style))];
    for piece in pieces {
        let line = lines.last_mut().expect("never empty");
        let used = line.width();
        let gap = if used == 0 || line.spans.len() == 1 && used == marker.width() {
            0
        } else {
            2
        };
        if used + gap + piece.content.width() > width && used > 0 {
            lines.push(Line::from(piece));
        } else {
            if gap > 0 {
                line.spans.push(Span::raw("  "));
            }
            line.spans.push(piece);
        }
    }
    Some(Paragraph::new(lines))
}

/// The item's editors; returns the focused one's block (its border and title included)
/// and the terminal's cursor in it.
fn draw_editors(
    draft: &Draft,
    item: &Item,
    typing: bool,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Option<(Rect, Option<Position>)> {
    let focus = draft.focus();
    // The notes are for ourselves: one line saying so while folded, a small editor when open.
    let notes_height = if draft.notes_open {
        Constraint::Percentage(30)
    } else {
        Constraint::Length(1)
    };
    let [area, notes_area] = Layout::vertical([Constraint::Min(3), notes_height]).areas(area);
    let (answer_area, reasoning_area) = if item.scale.is_none() {
        (area, None)
    } else {
        let [a, r] = Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
        (a, Some(r))
    };
    let mut editors = vec![(Focus::Answer, answer_area)];
    editors.extend(reasoning_area.map(|area| (Focus::Reasoning, area)));
    if draft.notes_open {
        editors.push((Focus::Notes, notes_area));
    } else {
        let words = draft.editors().notes.words();
        let what = if words == 0 {
            "none yet".to_string()
        } else {
            format!("{words} words")
        };
        frame.render_widget(
            Line::styled(format!(" ▸ Notes, ours, never sent: {what} · F3"), theme.dim()),
            notes_area,
        );
    }
    let mut focused = None;
    for (which, area) in editors {
        let cursor = draw_editor(draft, which, typing, theme, frame, area);
        if which == focus {
            focused = Some((area, cursor));
        }
    }
    focused
}

/// One of the current item's editors in its bordered block at `area`, titled with its
/// words; returns where the terminal's cursor goes, if it is shown there.
pub(super) fn draw_editor(
    draft: &Draft,
    which: Focus,
    typing: bool,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Option<Position> {
    let editors = draft.editors();
    let focused = draft.focus() == which;
    let (editor, title) = match which {
        Focus::Reasoning => (&editors.reasoning, "Reasoning"),
        Focus::Notes => (&editors.notes, "Notes, never sent"),
        Focus::Answer | Focus::Position => (&editors.answer, "Answer"),
    };
    let limit = if which == Focus::Answer {
        draft.item().word_limit
    } else {
        None
    };
    let block = panel(
        editor_title(title, editor.words(), limit, focused, theme),
        focused,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    super::prose::draw(editor, focused, focused && typing, theme, frame, inner)
}

fn editor_title(name: &str, words: usize, limit: Option<u32>, focused: bool, theme: Theme) -> Line<'static> {
    let marker = if focused { "▶ " } else { " " };
    let mut spans = vec![Span::raw(format!("{marker}{name} · "))];
    match limit {
        Some(limit) if words > limit as usize => spans.push(Span::styled(
            format!("{words}/{limit} words: over the limit "),
            theme.warning(),
        )),
        Some(limit) => spans.push(Span::raw(format!("{words}/{limit} words "))),
        None => spans.push(Span::raw(format!("{words} words "))),
    }
    Line::from(spans)
}
