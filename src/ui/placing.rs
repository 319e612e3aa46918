//! The placing view of an imported response: every passage of the member's document
//! with the item it went to, why and how sure (those not placed first, then the least
//! sure), and the selected passage in full; moving shows the items to choose from,
//! splitting marks the point in the passage's words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap};

use super::{Theme, panel};
use crate::app::placing::{PlacingMode, PlacingView};
use crate::app::{App, Draft};
use crate::model::{Passage, PassageField};
use crate::text::visible_line;

pub fn draw(app: &App, view: &PlacingView, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(draft) = app.draft.as_ref() else {
        return;
    };
    let order = draft.passages_to_check();
    let passages = draft.passages();
    let [intro, list, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(55),
        Constraint::Min(5),
    ])
    .areas(area);
    let file = draft
        .response
        .source
        .as_ref()
        .map_or(String::new(), |s| visible_line(&s.file).into_owned());
    let unplaced = passages.iter().filter(|p| !p.is_placed()).count();
    frame.render_widget(
        Line::raw(format!(
            " {file}: {} passages, {unplaced} not placed; least sure first",
            passages.len()
        )),
        intro,
    );
    let rows = order.iter().map(|&i| {
        let p = &passages[i];
        let words = visible_line(p.text.trim()).into_owned();
        let row = Row::new([
            (i + 1).to_string(),
            place(draft, p, false),
            format!("{}%", p.confidence),
            words,
        ]);
        if p.is_placed() {
            row
        } else {
            row.style(theme.warning())
        }
    });
    let widths = [
        Constraint::Length(4),
        Constraint::Length(26),
        Constraint::Length(5),
        Constraint::Fill(1),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(["No.", "Went to", "Sure", "Words"]).style(theme.heading()))
        .block(panel(" Passages ", view.mode == PlacingMode::Browse, theme))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(view.selected));
    frame.render_stateful_widget(table, list, &mut state);
    let Some(&index) = order.get(view.selected) else {
        return;
    };
    let passage = &passages[index];
    match view.mode {
        PlacingMode::Move { choice } => draw_items(draft, passage, index, choice, theme, frame, detail),
        mode => draw_passage(draft, passage, index, mode, theme, frame, detail),
    }
}

/// Where a passage went: the item's label (and short title, when `full`), and on it
/// where, unless in the answer.
fn place(draft: &Draft, passage: &Passage, full: bool) -> String {
    let Some(id) = &passage.item else {
        return "not placed".into();
    };
    let name = match draft.set.item(id) {
        Some(item) => match (&item.short_title, full) {
            (Some(title), true) => format!("{}, {}", visible_line(&item.label), visible_line(title)),
            _ => visible_line(&item.label).into_owned(),
        },
        None => visible_line(id).into_owned(),
    };
    match passage.field {
        PassageField::Answer => name,
        field => format!("{name} ({})", field.label()),
    }
}

fn draw_passage(
    draft: &Draft,
    passage: &Passage,
    index: usize,
    mode: PlacingMode,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Went to: ", theme.heading()),
            Span::raw(format!(
                "{}, {}% sure",
                place(draft, passage, true),
                passage.confidence
            )),
        ]),
        Line::from(vec![
            Span::styled("Why: ", theme.heading()),
            Span::raw(visible_line(&passage.reason).into_owned()),
        ]),
    ];
    let text = &passage.text;
    let words = match mode {
        PlacingMode::Split { at } => Line::from(vec![
            Span::raw(lead_up(text, at)),
            Span::styled("│", theme.warning()),
            Span::styled(visible_line(&text[at..]).into_owned(), theme.selected()),
        ]),
        _ => Line::raw(visible_line(text).into_owned()),
    };
    lines.push(Line::raw(""));
    lines.push(words);
    let title = match mode {
        PlacingMode::Split { .. } => format!(" Passage {}: split where │ is (← → a word) ", index + 1),
        _ => format!(" Passage {} ", index + 1),
    };
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false }).block(panel(
        title,
        matches!(mode, PlacingMode::Split { .. }),
        theme,
    ));
    frame.render_widget(paragraph, area);
}

/// The words before a split point: the last few, after `…`, when there are many, so the
/// point stays in view however long the passage.
fn lead_up(text: &str, at: usize) -> String {
    const SHOWN: usize = 120;
    if at <= SHOWN {
        return visible_line(&text[..at]).into_owned();
    }
    let mut from = at - SHOWN;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let from = text[from..at]
        .find(char::is_whitespace)
        .map_or(from, |gap| from + gap + 1);
    format!("…{}", visible_line(&text[from..at]))
}

fn draw_items(
    draft: &Draft,
    passage: &Passage,
    index: usize,
    choice: usize,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let mut items: Vec<ListItem> = draft
        .set
        .items()
        .map(|item| {
            let title = item.short_title.as_deref().unwrap_or(&item.prompt);
            let here = passage.item.as_deref() == Some(item.id.as_str());
            ListItem::new(format!(
                "{}{}: {}",
                if here { "(now) " } else { "" },
                visible_line(&item.label),
                visible_line(title)
            ))
        })
        .collect();
    items.push(ListItem::new(if passage.is_placed() {
        "not placed"
    } else {
        "(now) not placed"
    }));
    let list = List::new(items)
        .block(panel(format!(" Move passage {} to ", index + 1), true, theme))
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(choice));
    frame.render_stateful_widget(list, area, &mut state);
}
