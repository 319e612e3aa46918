//! The help overlay: every binding, from the same table that drives the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{Theme, panel};
use crate::app::keymap::{BINDINGS, Context, label};

const ORDER: &[Context] = &[
    Context::Global,
    Context::Walk,
    Context::Browse,
    Context::Editor,
    Context::Home,
    Context::Trash,
    Context::NewResponse,
    Context::Form,
    Context::Checkbox,
    Context::Review,
    Context::Versions,
    Context::Placing,
    Context::PlacingMove,
    Context::PlacingSplit,
    Context::Compare,
    Context::CompareDetail,
    Context::CompareNotes,
    Context::ComparePairs,
    Context::Export,
    Context::CompareExport,
    Context::Members,
    Context::Reviews,
    Context::Text,
    Context::Confirm,
    Context::Choose,
];

/// The width of the key column: two spaces, the keys, a space.
const KEY_COLUMN: u16 = 24;

pub fn draw(theme: Theme, offset: u16, frame: &mut Frame, area: Rect) {
    let popup = area;
    frame.render_widget(Clear, popup);
    // Inside the border, after the key column.
    let text_width = usize::from(popup.width.saturating_sub(2 + KEY_COLUMN)).max(10);
    let mut lines = vec![
        Line::from(vec![
            Span::raw("Screen reader or script? "),
            Span::styled("consult edit FILE --plain", theme.key()),
            Span::raw(" (or ACCESSIBLE=1)"),
        ]),
        Line::raw(""),
    ];
    for &context in ORDER {
        lines.push(Line::styled(context.title(), theme.heading()));
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding.keys.iter().map(label).collect();
            // What a key does, wrapped under itself: lines that go on start at its column.
            let said = super::walk::wrap_words(binding.help, text_width);
            for (i, line) in said.into_iter().enumerate() {
                let key = if i == 0 { keys.join(" / ") } else { String::new() };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {key:<21} "), theme.key()),
                    Span::raw(line),
                ]));
            }
        }
        lines.push(Line::raw(""));
    }
    let title = " Help · ↑↓ scroll · Esc closes ";
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(panel(title, true, theme))
            .scroll((offset, 0)),
        popup,
    );
}
