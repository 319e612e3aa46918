//! The drafts list (and the deleted drafts, to restore one).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use super::{Theme, panel};
use crate::app::{App, DraftList};
use crate::drafts::DraftSummary;
use crate::text::{main_title, saved_time, visible, visible_line};

/// The drafts list, or (with `trash`) the deleted drafts.
pub fn draw(app: &App, list: &DraftList, trash: bool, theme: Theme, frame: &mut Frame, area: Rect) {
    let drafts = &list.drafts;
    let title = if trash {
        " Deleted drafts: Enter restores one "
    } else {
        " Drafts "
    };
    let block = panel(title, true, theme);
    if drafts.is_empty() {
        let mut lines = vec![Line::raw("")];
        lines.push(Line::raw(if trash {
            "  No deleted drafts."
        } else {
            "  No drafts yet. Press n to start a response."
        }));
        for problem in &list.unreadable {
            lines.push(Line::styled(format!("  ⚠ {}", visible(problem)), theme.warning()));
        }
        frame.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: false }),
            area,
        );
        return;
    }
    let header =
        Row::new(["Organisation", "Consultation", "Answered", "Status", "Last saved"]).style(theme.heading());
    // Drafts that would read alike (a duplicate, say) are told apart by their file names.
    let mut alike = std::collections::HashMap::new();
    for d in drafts {
        *alike.entry((&d.organisation, &d.consultation)).or_insert(0) += 1;
    }
    let rows = drafts
        .iter()
        .map(|d| row(app, d, alike[&(&d.organisation, &d.consultation)] > 1));
    let widths = [
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(8),
        Constraint::Length(6),
        Constraint::Length(20),
    ];
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table_area, answers] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(list.selected));
    frame.render_stateful_widget(table, table_area, &mut state);
    // The column has room for the start of a title only: the chosen draft's set in full.
    if let Some(d) = drafts.get(list.selected) {
        let publisher = app
            .catalog
            .find(&d.set_id)
            .map_or_else(String::new, |set| format!(" · {}", visible_line(&set.publisher)));
        // The title gives way first, so the publisher stays in view.
        let room = usize::from(answers.width).saturating_sub(10 + publisher.chars().count());
        let title = crate::text::truncate(&visible_line(&d.consultation), room).into_owned();
        let text = crate::text::truncate(
            &format!("  answers {title}{publisher}"),
            usize::from(answers.width),
        )
        .into_owned();
        frame.render_widget(Line::styled(text, theme.dim()), answers);
    }
    if !list.unreadable.is_empty() && !trash {
        let note = format!(
            " ⚠ {} file(s) in the drafts folder could not be read ",
            list.unreadable.len()
        );
        let y = area.bottom().saturating_sub(1);
        let width = (note.chars().count() as u16).min(area.width.saturating_sub(2));
        frame.render_widget(
            Line::styled(note, theme.warning()),
            Rect::new(area.x + 1, y, width, 1),
        );
    }
}

fn row<'a>(app: &App, d: &'a DraftSummary, alike: bool) -> Row<'a> {
    let mut organisation = if d.organisation.trim().is_empty() {
        "(no organisation)".to_string()
    } else {
        visible(&d.organisation).into_owned()
    };
    if alike && let Some(name) = d.path.file_stem() {
        // The end of the name is what tells `budget.json` from `budget-2.json`.
        let name = crate::text::tail(&visible_line(&name.to_string_lossy()), 12);
        organisation = format!("{organisation} · {name}");
    }
    let saved = saved_time(d.updated, &app.look.time_zone);
    Row::new([
        Cell::from(organisation),
        Cell::from(visible(main_title(&d.consultation)).into_owned()),
        Cell::from(format!("{:>2}/{}", d.answered, d.total)),
        Cell::from(d.status.label()),
        Cell::from(saved),
    ])
}
