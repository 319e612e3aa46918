//! Drawing: functions of the app's state to a frame. Nothing here changes state or touches files.

mod compare;
mod dialog;
mod help;
mod home;
mod joint;
mod placing;
mod prose;
mod respondent;
mod review;
mod review_panel;
mod theme;
mod typed;
mod versions;
mod walk;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::app::compare::Layout as Shown;
use crate::app::keymap;
use crate::app::{App, SaveState, Screen};
use crate::text::visible;
pub use theme::Theme;
pub use typed::{Around, around, draw_typed, typed_regions};

/// Smaller than this, the screens cannot show an item and its editors.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn draw(app: &App, frame: &mut Frame) {
    draw_and_report(app, frame);
}

/// Draws the app, and says what the frame showed that only drawing can know (how far a
/// text can scroll, which rows are in view), for the event loop to pass back in.
pub fn draw_and_report(app: &App, frame: &mut Frame) -> Shown {
    draw_frame(app, frame).shown
}

/// What a whole frame reported: what the app is to take in, and where the focused editor
/// of the walk-through is, for keys typed into it to redraw it alone ([`draw_typed`]).
#[derive(Debug, Default)]
pub struct Drawn {
    pub shown: Shown,
    pub editor: Option<Rect>,
    /// Where the terminal's cursor was put, if anywhere.
    pub cursor: Option<Position>,
}

/// [`draw_and_report`], saying where the focused editor's block was drawn too.
pub fn draw_frame(app: &App, frame: &mut Frame) -> Drawn {
    let area = frame.area();
    let mut shown = Shown::default();
    let mut editor = None;
    let mut cursor = None;
    let theme = Theme {
        color: app.look.color,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "Window too small ({}×{}). consult needs at least {MIN_WIDTH}×{MIN_HEIGHT}: make the window larger. Your draft is safe.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .style(theme.warning()),
            area,
        );
        return Drawn {
            shown,
            editor,
            cursor,
        };
    }
    // A message that does not fit one line wraps onto as many as it needs, up to three.
    let footer_height = app.message.as_ref().map_or(1, |m| {
        (message_paragraph(&m.text).line_count(area.width.saturating_sub(1)) as u16).clamp(1, 3)
    });
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(footer_height),
    ])
    .areas(area);
    draw_header(app, theme, frame, header);
    match &app.screen {
        Screen::Home(list) => home::draw(app, list, false, theme, frame, body),
        Screen::Trash(list) => home::draw(app, list, true, theme, frame, body),
        Screen::Walk => {
            let focused = walk::draw(app, theme, frame, body);
            editor = focused.map(|(block, _)| block);
            cursor = focused.and_then(|(_, at)| at);
            shown.editor = editor.map(|block| {
                let inside = Block::bordered().inner(block);
                (inside.width, inside.height)
            });
        }
        Screen::Respondent(form) => respondent::draw(app, form, theme, frame, body),
        Screen::Review { selected } => review::draw(app, *selected, theme, frame, body),
        Screen::Versions { versions, selected } => {
            versions::draw(app, versions, *selected, theme, frame, body)
        }
        Screen::Compare(_) => shown = compare::draw(app, theme, frame, body),
        Screen::Placing(view) => placing::draw(app, view, theme, frame, body),
    }
    draw_footer(app, theme, frame, footer);
    if let Some(dialog) = &app.dialog {
        dialog::draw(app, dialog, theme, frame, body);
    }
    if let Some(offset) = app.help {
        help::draw(theme, offset, frame, body);
    }
    Drawn {
        shown,
        editor,
        cursor,
    }
}

fn draw_header(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let mut left = vec![Span::styled(" consult", theme.title())];
    let mut right = Vec::new();
    if let Some(draft) = &app.draft {
        left.push(Span::raw(" · "));
        left.push(Span::raw(
            visible(&draft.response.respondent.organisation).into_owned(),
        ));
        let answered = draft.response.answered_count(&draft.set);
        let over = draft.answers_over_limits();
        if over > 0 {
            let answers = if over == 1 { "answer" } else { "answers" };
            right.push(Span::styled(
                format!("⚠ {over} {answers} over a limit · "),
                theme.warning(),
            ));
        }
        // Reviewers' suggestions and comments still waiting, to be found by ✎ in the outline.
        if let Some(reviews) = &draft.response.reviews {
            let waiting = reviews.pending(None).count() + reviews.open_comments(None).count();
            if waiting > 0 {
                right.push(Span::raw(format!("✎ {waiting} from reviewers · ")));
            }
        }
        if draft.response.status == crate::model::ResponseStatus::Final {
            right.push(Span::styled("final · ", theme.good()));
        }
        right.push(Span::raw(format!(
            "{answered}/{} answered · ",
            draft.set.item_count()
        )));
        right.push(match draft.save_state() {
            SaveState::Saved => Span::styled("✓ saved ", theme.good()),
            SaveState::Saving => Span::raw("saving… "),
            SaveState::Unsaved => Span::raw("● unsaved changes "),
            SaveState::ChangedOnDisk => {
                Span::styled("⚠ file changed elsewhere: Ctrl-S to decide ", theme.warning())
            }
            SaveState::Failed(e) => Span::styled(format!("⚠ not saved: {e} (retrying) "), theme.warning()),
        });
    } else {
        let what = if matches!(app.screen, Screen::Compare(_)) {
            " · comparing responses"
        } else {
            " · drafting consultation responses"
        };
        left.push(Span::raw(what));
    }
    let right = Line::from(right);
    let right_width = (right.width() as u16).min(area.width);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Line::from(left), left_area);
    frame.render_widget(right.alignment(Alignment::Right), right_area);
}

fn draw_footer(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    if let Some(message) = &app.message {
        let style = if message.error {
            theme.warning()
        } else {
            theme.good()
        };
        // One column of margin, as the key hints have.
        let [_, text] = Layout::horizontal([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        frame.render_widget(message_paragraph(&message.text).style(style), text);
        return;
    }
    // Help is always reachable, so its hint sits at the right and is never cut off.
    let help = Line::from(vec![Span::styled("F1", theme.key()), Span::raw(" help ")]);
    let help_width = help.width() as u16;
    let [hints_area, help_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(help_width)]).areas(area);
    // Hints that do not fit are left out whole rather than cut mid-word.
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    // On an item already ready, Ctrl-R takes it back to draft: the hint says so.
    let ready = app.draft.as_ref().is_some_and(|d| {
        d.response
            .answer(&d.item().id)
            .is_some_and(|a| a.status == crate::model::ItemStatus::Ready)
    });
    for (key, text) in keymap::footer(&app.contexts()) {
        if text == "help" {
            continue;
        }
        let text = if text == "ready" && ready {
            "back to draft"
        } else {
            text
        };
        let separator = if used > 1 { " · " } else { "" };
        let width = separator.chars().count() + key.chars().count() + 1 + text.chars().count();
        if used + width >= usize::from(hints_area.width) {
            break;
        }
        used += width;
        spans.push(Span::styled(separator, theme.dim()));
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {text}")));
    }
    frame.render_widget(Line::from(spans), hints_area);
    frame.render_widget(help, help_area);
}

/// A footer message, wrapped at words.
fn message_paragraph(text: &str) -> Paragraph<'static> {
    Paragraph::new(visible(text).into_owned()).wrap(Wrap { trim: true })
}

/// A bordered block with a title, highlighted when it has focus.
fn panel(title: impl Into<Line<'static>>, focused: bool, theme: Theme) -> Block<'static> {
    let style = if focused {
        theme.focus_border()
    } else {
        theme.border()
    };
    Block::bordered().border_style(style).title(title)
}

/// A rectangle of at most `width`×`height` centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
