//! Who is responding: a small form, one field a line, so it fits 80×24.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, panel};
use crate::app::{App, RespondentField, RespondentForm};
use crate::model::Respondent;

/// Room for the longest label, so the values line up.
const LABEL: u16 = 32;

pub fn draw(app: &App, form: &RespondentForm, theme: Theme, frame: &mut Frame, area: Rect) {
    let Some(draft) = &app.draft else {
        return;
    };
    let respondent = &draft.response.respondent;
    let block = panel(
        " Who is responding (Tab moves, Space changes a choice) ",
        true,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = Layout::vertical(
        RespondentField::ALL
            .iter()
            .map(|_| Constraint::Length(2))
            .chain([Constraint::Min(0)]),
    )
    .split(inner);
    for (which, row) in RespondentField::ALL.iter().zip(rows.iter()) {
        let focused = form.focus == *which;
        let [label, value] = Layout::horizontal([Constraint::Length(LABEL), Constraint::Min(1)]).areas(*row);
        let marker = if focused { "▶ " } else { "  " };
        let style = if focused {
            theme.focus_border()
        } else {
            theme.heading()
        };
        frame.render_widget(
            Line::styled(format!("{marker}{}", label_of(*which, respondent, form)), style),
            label,
        );
        match which.text_index() {
            Some(i) => {
                let mut editor = form.fields[i].clone();
                editor.set_cursor_line_style(Style::new());
                if !focused {
                    editor.set_cursor_style(Style::new());
                }
                frame.render_widget(&editor, value);
            }
            None => frame.render_widget(
                Paragraph::new(choice_of(*which, respondent)).wrap(Wrap { trim: true }),
                value,
            ),
        }
    }
}

/// A field's label, with what it needs said about its value.
fn label_of(field: RespondentField, respondent: &Respondent, form: &RespondentForm) -> String {
    let typed = form.text(field);
    if field == RespondentField::Members && !typed.trim().is_empty() && respondent.members.is_none() {
        return format!("{} (a number)", field.label());
    }
    field.label().to_string()
}

fn choice_of(field: RespondentField, respondent: &Respondent) -> String {
    match field {
        RespondentField::OnBehalf if respondent.on_behalf => "[x] yes".to_string(),
        RespondentField::OnBehalf => "[ ] no: a personal response".to_string(),
        _ => match respondent.publication {
            Some(publication) => publication.label().to_string(),
            None => "not said".to_string(),
        },
    }
}
