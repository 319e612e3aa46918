//! Earlier saved versions of the open draft, to go back to one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Row, Table, TableState};

use super::{Theme, panel};
use crate::app::App;
use crate::drafts::history::Version;
use crate::text::saved_time;

pub fn draw(app: &App, versions: &[Version], selected: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let [intro, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
    let text = if versions.is_empty() {
        " No earlier versions yet: one is kept every few minutes while you work, and each time you open or quit."
    } else {
        " Version 1 is the newest. Enter goes back to one; what is on screen now is kept as a version first."
    };
    frame.render_widget(Line::raw(text), intro);
    let rows = versions.iter().map(|v| {
        let saved = saved_time(v.saved, &app.look.time_zone);
        Row::new([v.number.to_string(), saved, v.summary.to_string()])
    });
    let widths = [Constraint::Length(4), Constraint::Length(20), Constraint::Fill(1)];
    let table = Table::new(rows, widths)
        .header(Row::new(["No.", "Saved", "Content"]).style(theme.heading()))
        .block(panel(" Earlier versions ", true, theme))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, list, &mut state);
}
