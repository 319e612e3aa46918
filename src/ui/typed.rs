//! Keys typed into the walk-through's focused editor change little of the frame: the
//! editor itself and the header (its save state, the count of answers). When nothing else
//! drawn could have changed, those two are drawn again alone, by the same functions a
//! whole frame uses, from the same state; the event loop puts them over the last frame.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::{Theme, joint, walk};
use crate::app::{App, Focused, Message, Screen};
use crate::model::ItemStatus;
use crate::model::joint::Field;

/// What the frame shows outside the focused editor and the header that typing into the
/// editor can change. Equal before and after a key, the rest of the frame is as it was.
#[derive(Debug, PartialEq)]
pub struct Around {
    focused: Focused,
    item: usize,
    /// In the outline and the item's title.
    status: ItemStatus,
    /// The footer, and so the height of everything above it.
    message: Option<Message>,
    /// A joint response's passages of the item, as its members panel lists them.
    passages: Vec<(Field, bool, Vec<String>, String)>,
}

/// [`Around`] the focused editor, if the walk-through's editor of prose has the keys;
/// none when something else has them, or covers the screen.
pub fn around(app: &App) -> Option<Around> {
    if !matches!(app.screen, Screen::Walk) || app.dialog.is_some() || app.help.is_some() {
        return None;
    }
    let draft = app.draft.as_ref()?;
    let focused = app.focused();
    if focused != Focused::Walk(draft.focus()) || draft.focus().text().is_none() {
        return None;
    }
    let item = &draft.item().id;
    let status = draft
        .response
        .answer(item)
        .map_or(ItemStatus::NotStarted, |a| a.status);
    let passages = draft
        .response
        .joint
        .as_ref()
        .and_then(|j| j.item(item))
        .map(|record| {
            record
                .passages
                .iter()
                .map(|p| (p.field, p.edited, p.members.clone(), joint::preview(&p.text)))
                .collect()
        })
        .unwrap_or_default();
    Some(Around {
        focused,
        item: draft.session.current,
        status,
        message: app.message.clone(),
        passages,
    })
}

/// Where [`draw_typed`] draws, in a frame of `area` whose focused editor's block is `editor`.
pub fn typed_regions(area: Rect, editor: Rect) -> [Rect; 2] {
    [
        Rect {
            height: area.height.min(1),
            ..area
        },
        editor,
    ]
}

/// Draws the header and the focused editor, its block at `editor` (where the last whole
/// frame put it), as a whole frame would; returns where the terminal's cursor goes.
pub fn draw_typed(app: &App, frame: &mut Frame, editor: Rect) -> Option<Position> {
    let theme = Theme {
        color: app.look.color,
    };
    let [header, editor] = typed_regions(frame.area(), editor);
    super::draw_header(app, theme, frame, header);
    let draft = app.draft.as_ref()?;
    walk::draw_editor(draft, draft.focus(), true, theme, frame, editor)
}
