//! The event loop: draw, wait for input or the next tick, update, repeat.

use std::io;
use std::time::{Duration, Instant};

use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};

use crossterm::event::{self, Event};

use super::saver::Saver;
use super::signals::Signals;
use super::{event::to_action, terminal};
use crate::app::{Action, App, update};
use crate::drafts;
use crate::ui;

/// How often time is checked while there is something to save.
const TICK: Duration = Duration::from_millis(100);
/// How long to wait for input when there is nothing to save. Short enough that a
/// termination signal is acted on well within half a second.
const IDLE_TICK: Duration = Duration::from_millis(200);

/// Runs `app` until it quits. Returns what to tell the user afterwards, printed
/// after the terminal is restored so it stays on screen.
pub fn run(mut app: App) -> io::Result<Vec<String>> {
    let signals = Signals::install();
    let mut tui = terminal::enter()?;
    let saver = Saver::start();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut app, &mut tui, &saver, &signals)
    }));
    terminal::restore();
    for outcome in saver.finish() {
        update(&mut app, Action::Saved(outcome));
    }
    match outcome {
        Ok(result) => {
            let notes = final_save(&mut app).into_iter().collect();
            result.map(|()| notes)
        }
        Err(_) => {
            // The panic hook has printed what went wrong; keep the words somewhere safe.
            Err(io::Error::other(rescue(&app).unwrap_or_default()))
        }
    }
}

/// Reads terminal events on their own thread. crossterm's read spins without end once
/// the terminal is gone (a closed window reads as end-of-file), so it must never be the
/// loop that also watches for signals and saves.
fn spawn_input() -> Receiver<io::Result<Event>> {
    let (events, inbox) = channel();
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if events.send(event).is_err() || failed {
                break;
            }
        }
    });
    inbox
}

fn event_loop(app: &mut App, tui: &mut terminal::Tui, saver: &Saver, signals: &Signals) -> io::Result<()> {
    let input = spawn_input();
    loop {
        let mut shown = Default::default();
        tui.draw(|frame| shown = ui::draw_and_report(app, frame))?;
        // What only drawing can know (how far a text scrolls) comes back in as an action.
        update(app, Action::Layout(shown));
        let busy = app.draft.as_ref().is_some_and(|d| d.is_dirty());
        match input.recv_timeout(if busy { TICK } else { IDLE_TICK }) {
            Ok(first) => {
                // Take everything already waiting before drawing again: a burst of keys costs one frame.
                for event in std::iter::once(first).chain(input.try_iter()) {
                    if let Some(action) = to_action(app, event?)
                        && let Some(job) = update(app, action)
                    {
                        saver.send(job);
                    }
                    if app.quit {
                        break;
                    }
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        for outcome in saver.finished() {
            update(app, Action::Saved(outcome));
        }
        if let Some(job) = update(app, Action::Tick(Instant::now())) {
            saver.send(job);
        }
        if app.quit || signals.received() {
            return Ok(());
        }
    }
}

/// Writes what is still unsaved through the usual save path, as leaving a draft does.
/// If the draft file cannot take it (or was changed elsewhere), the work stays in its
/// recovery copy, which the next start offers back; the note says where.
fn final_save(app: &mut App) -> Option<String> {
    let draft = app.draft.as_mut()?;
    match draft.save_and_close(&app.dirs) {
        Ok(()) => None,
        Err(e) => {
            eprintln!("consult: {e}");
            rescue(app)
        }
    }
}

/// Puts the open draft's newest state in its recovery file and says where it is.
fn rescue(app: &App) -> Option<String> {
    let draft = app.draft.as_ref()?;
    Some(drafts::rescue(&app.dirs, &draft.path, &draft.response))
}
