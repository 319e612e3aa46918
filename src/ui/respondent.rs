//! Who is responding: a small form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::{Theme, panel};
use crate::app::{App, RespondentField, RespondentForm};

pub fn draw(app: &App, form: &RespondentForm, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(draft) = &app.draft else {
        return;
    };
    let block = panel(" Who is responding ", true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = Layout::vertical([Constraint::Length(3); 5]).split(inner);
    for (i, (field, which)) in form.fields.iter().zip(RespondentField::ALL).enumerate() {
        let focused = form.focus == which;
        let mut editor = field.clone();
        editor.set_block(panel(format!(" {} ", which.label()), focused, theme));
        editor.set_cursor_line_style(ratatui::style::Style::new());
        if !focused {
            editor.set_cursor_style(ratatui::style::Style::new());
        }
        frame.render_widget(&editor, rows[i]);
    }
    let focused = form.focus == RespondentField::OnBehalf;
    let tick = if draft.response.respondent.on_behalf {
        "[x]"
    } else {
        "[ ]"
    };
    let marker = if focused { "▶ " } else { "  " };
    let style = if focused {
        theme.focus_border()
    } else {
        theme.heading()
    };
    let line = Line::from(vec![
        Span::styled(format!("{marker}{tick} "), style),
        Span::raw(
            "Responding on behalf of the organisation (Space ticks or unticks; unticked means a personal response)",
        ),
    ]);
    let checkbox = rows[4];
    frame.render_widget(
        ratatui::widgets::Paragraph::new(line).wrap(ratatui::widgets::Wrap { trim: true }),
        checkbox,
    );
}
