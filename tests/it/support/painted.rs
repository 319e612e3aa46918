//! The event loop's painting on a test terminal: whole frames, and the frames that keys
//! typed into the focused editor draw alone over the last one ([`consult::tui::paint`]).
//! Each screen painted is compared with the same state drawn afresh.

use std::io;

use consult::app::{Action, Effect, update};
use consult::tui::paint::{self, Painter, Redraw};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use super::{Harness, render, screen_text};

/// A test terminal that keeps the cells written to it; the cursor's escape codes, which
/// come through as bytes, are let go.
pub struct Recorder(TestBackend);

impl io::Write for Recorder {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn never(e: std::convert::Infallible) -> io::Error {
    match e {}
}

impl Backend for Recorder {
    type Error = io::Error;

    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(&mut self, content: I) -> io::Result<()> {
        self.0.draw(content).map_err(never)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.0.hide_cursor().map_err(never)
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.0.show_cursor().map_err(never)
    }
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.0.get_cursor_position().map_err(never)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.0.set_cursor_position(position).map_err(never)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.0.clear().map_err(never)
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.0.clear_region(clear_type).map_err(never)
    }
    fn size(&self) -> io::Result<Size> {
        self.0.size().map_err(never)
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.0.window_size().map_err(never)
    }
    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.0).map_err(never)
    }
}

/// A harness's app painted as the event loop paints it.
pub struct Painted {
    terminal: Terminal<Recorder>,
    painter: Painter,
    /// Frames drawn as typed frames (only the header and the editor), of all painted.
    pub typed: usize,
    pub frames: usize,
}

impl Painted {
    /// The app's first whole frame at `width` × `height`.
    pub fn new(h: &mut Harness, width: u16, height: u16) -> Painted {
        let terminal = Terminal::new(Recorder(TestBackend::new(width, height))).unwrap();
        let mut painted = Painted {
            terminal,
            painter: Painter::default(),
            typed: 0,
            frames: 0,
        };
        painted.paint(h, Redraw::Whole);
        painted
    }

    /// Applies `event` as the event loop does (saves written at once), paints what it
    /// changed, and checks the screen against a whole frame drawn afresh from the state.
    pub fn event(&mut self, h: &mut Harness, event: Event) {
        let redraw = match consult::tui::event::to_action(&h.app, event) {
            Some(action) => {
                let (effect, redraw) = paint::apply(&mut h.app, action);
                if let Some(Effect::Save(job)) = effect {
                    update(&mut h.app, Action::Saved(consult::drafts::perform(&job)));
                    Redraw::Whole
                } else {
                    redraw
                }
            }
            None => Redraw::Whole,
        };
        self.paint(h, redraw);
    }

    pub fn char(&mut self, h: &mut Harness, c: char) {
        self.event(h, Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }

    pub fn key(&mut self, h: &mut Harness, code: KeyCode, modifiers: KeyModifiers) {
        self.event(h, Event::Key(KeyEvent::new(code, modifiers)));
    }

    pub fn type_text(&mut self, h: &mut Harness, text: &str) {
        for c in text.chars() {
            self.char(h, c);
        }
    }

    /// The terminal is now `width` × `height`, as a resize event says.
    pub fn resize(&mut self, h: &mut Harness, width: u16, height: u16) {
        self.terminal.backend_mut().0.resize(width, height);
        self.event(h, Event::Resize(width, height));
    }

    fn paint(&mut self, h: &mut Harness, redraw: Redraw) {
        let shown = self.painter.paint(&mut self.terminal, &h.app, redraw).unwrap();
        update(&mut h.app, Action::Layout(shown));
        self.frames += 1;
        self.typed += usize::from(redraw == Redraw::Typed);
        let size = self.terminal.backend().0.size().unwrap();
        let afresh = render(h, size.width, size.height);
        assert_eq!(
            screen_text(&self.terminal.backend().0),
            screen_text(afresh.backend()),
            "the screen painted differs from the state drawn afresh"
        );
        assert_eq!(
            self.terminal.backend().0.buffer(),
            afresh.backend().buffer(),
            "the screen painted differs from the state drawn afresh in its colours"
        );
    }
}
