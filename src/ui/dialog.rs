//! Dialogs drawn over the screen: new response, export (of a response or a comparison),
//! an item's key point, yes/no questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Theme, centered, panel};
use crate::app::{App, Dialog, ExportChoice};
use crate::text::{truncate, visible, visible_line};

pub fn draw(app: &App, dialog: &Dialog, theme: Theme, frame: &mut Frame, area: Rect) {
    match dialog {
        Dialog::NewResponse { set, organisation } => {
            new_response(app, *set, organisation, theme, frame, area);
        }
        Dialog::Export {
            choice,
            folder,
            reasoning,
            answered_only,
            attribution,
            for_review,
        } => {
            let joint = app.draft.as_ref().is_some_and(|d| d.response.joint.is_some());
            let word = *choice == ExportChoice::One(crate::export::Format::Docx);
            // A line each for the members' footnotes and the copy for review, where they apply.
            let extra = u16::from(joint) + u16::from(word);
            // One more line than the files: who can read them.
            let popup = centered(area, 76, 15 + extra);
            frame.render_widget(Clear, popup);
            let block = panel(" Export ", true, theme);
            let inner = block.inner(popup);
            frame.render_widget(block, popup);
            let [formats, field, files] = Layout::vertical([
                Constraint::Length(5 + extra),
                Constraint::Length(3),
                Constraint::Min(1),
            ])
            .areas(inner);
            let mut spans = vec![Span::styled("Format (Tab, Shift-Tab): ", theme.heading())];
            spans.extend(ExportChoice::all().map(|c| {
                let on = *choice == c;
                Span::styled(
                    format!("{} {}  ", if on { "(•)" } else { "( )" }, c.label()),
                    if on { theme.selected() } else { Style::new() },
                )
            }));
            let reasoning = if *reasoning {
                "[x] reasoning goes out with each answer (Ctrl-R leaves it out)"
            } else {
                "[ ] reasoning left out of the submission (Ctrl-R puts it back)"
            };
            let answered = if *answered_only {
                "[x] answered items only, as sent (Ctrl-A: every item)"
            } else {
                "[ ] every item, unanswered ones too (Ctrl-A: answered items only)"
            };
            let mut lines = vec![Line::from(spans), Line::raw(reasoning), Line::raw(answered)];
            if joint {
                lines.push(Line::raw(if *attribution {
                    "[x] footnotes name the members each passage came from (Ctrl-N: words alone)"
                } else {
                    "[ ] the words alone, no footnotes naming members (Ctrl-N: name them)"
                }));
            }
            if word {
                lines.push(Line::raw(if *for_review {
                    "[x] a copy to send for review, with a note to reviewers (Ctrl-T: off)"
                } else {
                    "[ ] the submission (Ctrl-T: a copy for review, with Track Changes)"
                }));
            }
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), formats);
            let mut editor = folder.clone();
            editor.set_block(panel(" Folder ", true, theme));
            editor.set_cursor_line_style(Style::new());
            frame.render_widget(&editor, field);
            let paths = app.export_paths(*choice, &folder.lines().concat());
            let mut lines = vec![Line::styled("Will write:", theme.heading())];
            lines.extend(
                paths
                    .iter()
                    .map(|(_, p)| Line::raw(format!("  {}", visible(&p.display().to_string())))),
            );
            lines.push(Line::raw(
                "No one who cannot read the draft can read these files.",
            ));
            frame.render_widget(Paragraph::new(lines), files);
        }
        Dialog::Choose(choice) => {
            let mut text: Vec<Line> = choice.lines.iter().map(|l| Line::raw(l.clone())).collect();
            text.push(Line::raw(""));
            for (key, what, _) in &choice.options {
                let key = if *key == '\u{1b}' {
                    "Esc".to_string()
                } else {
                    key.to_string()
                };
                text.push(Line::from(vec![
                    Span::styled(format!("{key:>3} "), theme.key()),
                    Span::raw(*what),
                ]));
            }
            let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
            let block = panel(format!(" {} ", choice.title), true, theme);
            let height =
                (paragraph.line_count(area.width.saturating_sub(6).min(76)) as u16 + 2).min(area.height);
            let popup = centered(area, 78, height);
            frame.render_widget(Clear, popup);
            frame.render_widget(paragraph.block(block), popup);
        }
        Dialog::Confirm { question, .. } => {
            let popup = centered(area, 64, 6);
            frame.render_widget(Clear, popup);
            let text = vec![
                Line::raw(visible(question).into_owned()),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("y", theme.key()),
                    Span::raw(" yes   "),
                    Span::styled("n", theme.key()),
                    Span::raw(" no"),
                ]),
            ];
            let paragraph =
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .block(panel(" Are you sure? ", true, theme));
            frame.render_widget(paragraph, popup);
        }
        Dialog::Text {
            purpose,
            title,
            hint,
            field,
        } => {
            // A minority statement runs to a few sentences: it wraps in a taller field
            // rather than scrolling sideways on one line.
            let statement = matches!(purpose, crate::app::TextPurpose::Minority { .. });
            let field_height = if statement { 6 } else { 3 };
            let hint_height = u16::from(!hint.is_empty());
            let popup = centered(area, 76, field_height + hint_height);
            frame.render_widget(Clear, popup);
            let [hint_area, field_area] =
                Layout::vertical([Constraint::Length(hint_height), Constraint::Length(field_height)])
                    .areas(popup);
            frame.render_widget(Line::styled(format!(" {hint}"), theme.dim()), hint_area);
            let mut editor = field.clone();
            if statement {
                editor.set_wrap_mode(ratatui_textarea::WrapMode::Word);
            }
            editor.set_block(panel(format!(" {} ", visible_line(title)), true, theme));
            editor.set_cursor_line_style(Style::new());
            frame.render_widget(&editor, field_area);
        }
        Dialog::CompareExport { format, folder } => {
            let popup = centered(area, 76, 10);
            frame.render_widget(Clear, popup);
            let block = panel(" Export the comparison ", true, theme);
            let inner = block.inner(popup);
            frame.render_widget(block, popup);
            let [formats, field, file] =
                Layout::vertical([Constraint::Length(2), Constraint::Length(3), Constraint::Min(1)])
                    .areas(inner);
            let mut spans = vec![Span::styled("Format (Tab): ", theme.heading())];
            spans.extend(crate::compare::Format::ALL.iter().map(|f| {
                let on = format == f;
                Span::styled(
                    format!("{} {}  ", if on { "(•)" } else { "( )" }, f.label()),
                    if on { theme.selected() } else { Style::new() },
                )
            }));
            frame.render_widget(
                Paragraph::new(Line::from(spans)).wrap(Wrap { trim: true }),
                formats,
            );
            let mut editor = folder.clone();
            editor.set_block(panel(" Folder ", true, theme));
            editor.set_cursor_line_style(Style::new());
            frame.render_widget(&editor, field);
            let mut lines = vec![Line::styled("Will write:", theme.heading())];
            if let Some(path) = app.comparison_export_path(*format, &folder.lines().concat()) {
                lines.push(Line::raw(format!("  {}", visible(&path.display().to_string()))));
            }
            frame.render_widget(Paragraph::new(lines), file);
        }
        // Going to an item happens in the walk-through's outline, which shows what is found.
        Dialog::GoTo { .. } => {}
    }
}

/// The new-response dialog: every question set, with who publishes it and when it closes, and
/// the organisation's name.
fn new_response(
    app: &App,
    selected: usize,
    organisation: &ratatui_textarea::TextArea,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let sets = &app.catalog.entries;
    // Two lines a set, and a blank; the label, the field and the borders take six more. Wider
    // screens show more of long titles.
    let width = area.width.saturating_sub(8).clamp(72, 100);
    let popup = centered(area, width, 7 + 2 * sets.len() as u16);
    frame.render_widget(Clear, popup);
    let block = panel(" Start a new response ", true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [label, list, field] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(2), Constraint::Length(3)]).areas(inner);
    frame.render_widget(
        Line::styled("Consultation (↑↓ to choose):", theme.heading()),
        label,
    );
    let mut lines: Vec<Line> = Vec::new();
    for (i, entry) in sets.iter().enumerate() {
        let on = i == selected;
        let style = if on { theme.selected() } else { Style::new() };
        let width = usize::from(list.width);
        let title = format!(
            "{} {}",
            if on { "▶" } else { " " },
            visible_line(&entry.set.title)
        );
        lines.push(Line::styled(truncate(&title, width).into_owned(), style));
        let closing = entry.set.closing_date.as_deref().map_or_else(
            || "no closing date".to_string(),
            |date| {
                let shown = date
                    .parse::<jiff::civil::Date>()
                    .map_or_else(|_| date.to_string(), |d| d.strftime("%-d %B %Y").to_string());
                format!("closing date {shown}")
            },
        );
        let about = format!("    {} · {closing}", visible_line(&entry.set.publisher));
        lines.push(Line::styled(truncate(&about, width).into_owned(), theme.dim()));
    }
    // Keep the chosen set in view when there are more than fit.
    let shown = list.height.saturating_sub(1) as usize;
    let offset = (2 * selected + 2).saturating_sub(shown) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((offset, 0)), list);
    let mut editor = organisation.clone();
    editor.set_block(panel(" Organisation (type, then Enter) ", true, theme));
    editor.set_cursor_line_style(Style::new());
    frame.render_widget(&editor, field);
}
