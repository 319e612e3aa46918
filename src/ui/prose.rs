//! Drawing a prose editor: only the lines in view, as the editor lays them out.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;

use super::Theme;
use crate::app::prose::{Prose, cells};
use crate::text::visible_line;

/// Draws `editor` in `area`: from the line in view when `focused`, else from the start;
/// with the terminal's cursor where the editor's is when `cursor` (returned, if set).
pub fn draw(
    editor: &Prose,
    focused: bool,
    cursor: bool,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Option<Position> {
    if area.is_empty() {
        return None;
    }
    if editor.is_empty() {
        // The placeholder takes the theme's dim, so with NO_COLOR it has no colour either.
        frame.render_widget(Line::styled(editor.placeholder().to_string(), theme.dim()), area);
        let at = cursor.then_some(Position::new(area.x, area.y));
        if let Some(at) = at {
            frame.set_cursor_position(at);
        }
        return at;
    }
    let view = editor.view(area.width, area.height, focused);
    let selection = editor.selection().filter(|_| focused);
    let width = usize::from(area.width);
    let buffer = frame.buffer_mut();
    for (y, (row, range)) in view.rows.iter().enumerate() {
        let paragraph = &editor.paragraphs()[*row];
        let y = area.y + y as u16;
        buffer.set_stringn(
            area.x,
            y,
            visible_line(&paragraph[range.clone()]),
            width,
            Style::new(),
        );
        let Some((start, end)) = selection else {
            continue;
        };
        // The selected part of this line, if any: whole paragraphs between its ends.
        let from = if *row == start.row { start.col } else { 0 };
        let to = if *row == end.row { end.col } else { paragraph.len() };
        if *row < start.row || *row > end.row {
            continue;
        }
        let (from, to) = (from.max(range.start), to.min(range.end));
        if from < to {
            let x0 = cells(&paragraph[range.start..from]).min(width);
            let x1 = cells(&paragraph[range.start..to]).min(width);
            let cells = Rect::new(area.x + x0 as u16, y, (x1 - x0) as u16, 1);
            buffer.set_style(cells, theme.selected());
        }
    }
    let at = view
        .cursor
        .filter(|_| cursor)
        .map(|(x, y)| Position::new(area.x + x as u16, area.y + y as u16));
    if let Some(at) = at {
        frame.set_cursor_position(at);
    }
    at
}
