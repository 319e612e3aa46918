//! Putting frames on the terminal. A whole frame goes through ratatui, which draws every
//! region and writes the cells that differ from the last frame. After keys typed into the
//! focused editor, when nothing else on screen changed ([`ui::around`]), only the header
//! and that editor are drawn again and compared with what is on screen there: a key then
//! costs the editor's area, not the window's.

use std::io;

use crossterm::cursor::{Hide, MoveTo, Show};
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use ratatui::Terminal;

use crate::app::command::Command;
use crate::app::compare::Layout as Shown;
use crate::app::{Action, App, Effect, update};
use crate::ui;

/// A terminal frames are painted on: ratatui's backend, which also takes the cursor's
/// escape codes queued behind the frame's, so both go out in one write.
pub trait Screen: Backend<Error = io::Error> + io::Write {}

impl<B: Backend<Error = io::Error> + io::Write> Screen for B {}

/// How much of the screen is to be drawn again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Redraw {
    Nothing,
    /// Only what keys typed into the focused editor change.
    Typed,
    Whole,
}

/// What is remembered of the frames put on screen.
#[derive(Debug, Default)]
pub struct Painter {
    /// The focused editor's block in the last whole frame, if it had one.
    editor: Option<Rect>,
    /// The cells of the regions a typed frame draws ([`ui::typed_regions`]), as on screen.
    regions: Option<[Buffer; 2]>,
    /// Typed frames were drawn since the last whole frame: ratatui's record of the screen
    /// is behind in those regions.
    typed: bool,
}

/// Applies `action` as the event loop does, and says how much of the screen it changed:
/// keys for the focused editor that left everything around it as it was, only the editor.
pub fn apply(app: &mut App, action: Action) -> (Option<Effect>, Redraw) {
    let typing = matches!(
        action,
        Action::Key(_) | Action::Paste(_) | Action::Command(Command::Editor(_))
    );
    let before = if typing { ui::around(app) } else { None };
    let effect = update(app, action);
    let only_typed = effect.is_none() && before.is_some_and(|before| ui::around(app) == Some(before));
    (effect, if only_typed { Redraw::Typed } else { Redraw::Whole })
}

impl Painter {
    /// Draws `app` as `redraw` asks; says what the frame showed, for the app to take in.
    pub fn paint<B: Screen>(
        &mut self,
        tui: &mut Terminal<B>,
        app: &App,
        redraw: Redraw,
    ) -> io::Result<Shown> {
        match (redraw, self.editor) {
            (Redraw::Typed, Some(editor)) if self.regions.is_some() => self.typed(tui, app, editor),
            _ => self.whole(tui, app),
        }
    }

    fn whole<B: Screen>(&mut self, tui: &mut Terminal<B>, app: &App) -> io::Result<Shown> {
        let mut drawn = ui::Drawn::default();
        let frame = tui.draw(|frame| drawn = ui::draw_frame(app, frame))?;
        let area = frame.area;
        let regions = drawn
            .editor
            .map(|editor| ui::typed_regions(area, editor).map(|r| copy(frame.buffer, r.intersection(area))));
        // Where typed frames drew, ratatui compared the new frame with an old one: what
        // differs from what is really on screen there is written now.
        let behind = std::mem::take(&mut self.typed)
            .then(|| self.regions.take())
            .flatten()
            .map(|on_screen| on_screen.map(|r| (copy(frame.buffer, r.area.intersection(area)), r)));
        if let Some(behind) = behind {
            let changes = behind
                .iter()
                .filter(|(drawn, on_screen)| drawn.area == on_screen.area)
                .flat_map(|(drawn, on_screen)| on_screen.diff(drawn));
            tui.backend_mut().draw(changes)?;
            put_cursor(tui, drawn.cursor)?;
        }
        self.editor = drawn.editor;
        self.regions = regions;
        Ok(drawn.shown)
    }

    /// Draws the regions keys typed into the editor at `editor` change, and writes what
    /// differs from their cells as on screen.
    fn typed<B: Screen>(&mut self, tui: &mut Terminal<B>, app: &App, editor: Rect) -> io::Result<Shown> {
        let Some(on_screen) = self.regions.take() else {
            return self.whole(tui, app);
        };
        // ratatui's buffer for the next frame is blank: drawn into, the regions' cells are
        // moved out, leaving it blank again.
        let mut frame = tui.get_frame();
        let cursor = ui::draw_typed(app, &mut frame, editor);
        let drawn = on_screen
            .each_ref()
            .map(|r| take(tui.current_buffer_mut(), r.area));
        let changes = on_screen
            .iter()
            .zip(&drawn)
            .flat_map(|(on_screen, drawn)| on_screen.diff(drawn));
        tui.backend_mut().draw(changes)?;
        put_cursor(tui, cursor)?;
        self.regions = Some(drawn);
        self.typed = true;
        let inside = ratatui::widgets::Block::bordered().inner(editor);
        Ok(Shown {
            editor: Some((inside.width, inside.height)),
            ..Shown::default()
        })
    }
}

/// Shows the terminal's cursor at `at` (or hides it), and writes everything queued at once.
fn put_cursor<B: Screen>(tui: &mut Terminal<B>, at: Option<Position>) -> io::Result<()> {
    let backend = tui.backend_mut();
    match at {
        Some(at) => crossterm::queue!(backend, Show, MoveTo(at.x, at.y))?,
        None => crossterm::queue!(backend, Hide)?,
    }
    Backend::flush(backend)
}

/// The cells of `region` of `buffer`, copied into a buffer of their own.
fn copy(buffer: &Buffer, region: Rect) -> Buffer {
    let mut copied = Buffer::empty(region);
    for (y, row) in
        (region.top()..region.bottom()).zip(copied.content.chunks_mut(usize::from(region.width).max(1)))
    {
        let from = buffer.index_of(region.x, y);
        row.clone_from_slice(&buffer.content[from..from + row.len()]);
    }
    copied
}

/// The cells of `region` of `buffer`, moved into a buffer of their own; blank ones take their place.
fn take(buffer: &mut Buffer, region: Rect) -> Buffer {
    let mut taken = Buffer::empty(region);
    for (y, row) in
        (region.top()..region.bottom()).zip(taken.content.chunks_mut(usize::from(region.width).max(1)))
    {
        let from = buffer.index_of(region.x, y);
        buffer.content[from..from + row.len()].swap_with_slice(row);
    }
    taken
}
