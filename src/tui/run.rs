//! The event loop: draw, sleep until a key, a save landing, a signal or the next
//! autosave deadline, update, repeat. Nothing wakes it on a timer: idle, it costs nothing.

use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use crossterm::event::Event;

use super::input::Input;
use super::paint::{self, Painter, Redraw};
use super::saver::Saver;
use super::signals::Signals;
use super::{event::to_action, terminal};
use crate::app::{Action, App, Effect, update};
use crate::drafts;

/// How often a comparison loading in the background is looked at, to show its progress.
const LOADING_TICK: Duration = Duration::from_millis(100);

/// What wakes the event loop.
enum Wake {
    Input(io::Result<Event>),
    /// A background save finished: its outcome is waiting in the saver.
    Saved,
    /// A termination signal arrived.
    Signal,
}

/// Runs `app` until it quits. Returns what to tell the user afterwards, printed
/// after the terminal is restored so it stays on screen.
pub fn run(mut app: App) -> io::Result<Vec<String>> {
    let (wake, inbox) = channel();
    let signals = Signals::install(waker(&wake, || Wake::Signal));
    let mut tui = terminal::enter()?;
    let saver = Saver::start(waker(&wake, || Wake::Saved));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let input = Input::start(move |event| wake.send(Wake::Input(event)).is_ok());
        event_loop(&mut app, &mut tui, &saver, &signals, &inbox, &input)
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

/// A callback for another thread that wakes the loop with `wake()`.
fn waker(sender: &Sender<Wake>, wake: fn() -> Wake) -> impl Fn() + Send + 'static {
    let sender = sender.clone();
    move || {
        let _ = sender.send(wake());
    }
}

fn event_loop(
    app: &mut App,
    tui: &mut terminal::Tui,
    saver: &Saver,
    signals: &Signals,
    inbox: &Receiver<Wake>,
    input: &Input,
) -> io::Result<()> {
    let mut painter = Painter::default();
    let mut redraw = Redraw::Whole;
    let mut quit = false;
    let mut first_frame = true;
    loop {
        if redraw != Redraw::Nothing {
            let shown = painter.paint(tui, app, redraw)?;
            // What only drawing can know (how far a text scrolls) comes back in as an action.
            update(app, Action::Layout(shown));
        }
        if std::mem::take(&mut first_frame) {
            app.after_first_frame();
        }
        // After the frame, so what was typed is on screen before any save is prepared.
        redraw = if catch_up(app, saver) {
            Redraw::Whole
        } else {
            Redraw::Nothing
        };
        if quit || signals.received() {
            return Ok(());
        }
        if redraw != Redraw::Nothing {
            continue;
        }
        let woke = match next_wake(app) {
            Some(at) => inbox.recv_timeout(at.saturating_duration_since(Instant::now())),
            None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match woke {
            Ok(first) => {
                // Take everything already waiting before drawing again: a burst of keys costs one frame.
                for wake in std::iter::once(first).chain(inbox.try_iter()) {
                    match wake {
                        Wake::Input(event) => {
                            // Any terminal event may change the screen: a key, a resize, focus.
                            let Some(action) = to_action(app, event?) else {
                                redraw = Redraw::Whole;
                                continue;
                            };
                            let (effect, changed) = paint::apply(app, action);
                            redraw = redraw.max(changed);
                            quit |= carry_out(app, effect, tui, saver, input);
                        }
                        Wake::Saved => {} // taken in by catch_up
                        Wake::Signal => return Ok(()),
                    }
                    if quit {
                        return Ok(());
                    }
                }
            }
            // The progress of a comparison being loaded moves on by itself.
            Err(RecvTimeoutError::Timeout) => {
                if comparing(app) {
                    redraw = Redraw::Whole;
                }
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

/// Does what the update step asked; what it gives back goes through the update step
/// too. Returns whether the program is to end.
fn carry_out(
    app: &mut App,
    mut next: Option<Effect>,
    tui: &mut terminal::Tui,
    saver: &Saver,
    input: &Input,
) -> bool {
    while let Some(effect) = next.take() {
        match effect {
            Effect::Save(job) => saver.send(job),
            Effect::Clipboard(text) => {
                // Through the terminal itself (OSC 52), so it works over SSH too.
                let _ = crossterm::execute!(
                    io::stdout(),
                    crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
                );
            }
            Effect::Edit(text) => {
                let edited = hand_over(app, tui, input, &text);
                next = update(app, Action::Edited(edited));
            }
            Effect::Quit => return true,
        }
    }
    false
}

/// Lets the user's editor program have the terminal for `text`, then takes it back.
/// The recovery copy holds everything on screen first, so a crash meanwhile loses nothing.
fn hand_over(app: &App, tui: &mut terminal::Tui, input: &Input, text: &str) -> Result<String, String> {
    if let Some(draft) = &app.draft {
        let _ = drafts::keep_recovery_copy(&app.dirs, &draft.path, &draft.response);
    }
    input.pause();
    terminal::restore();
    let edited = crate::editor::edit(text).map_err(|e| e.to_string());
    let back = terminal::resume(tui);
    input.resume();
    match back {
        Ok(()) => edited,
        Err(e) => Err(format!("the screen could not be taken back ({e})")),
    }
}

/// Takes in saves that have landed and starts the writes that are due. Returns whether
/// the screen changed: the header's save state moved, a save failed or clashed, the draft
/// was left, a comparison finished loading. A recovery copy landing changes nothing seen.
fn catch_up(app: &mut App, saver: &Saver) -> bool {
    let before = seen(app);
    for outcome in saver.finished() {
        update(app, Action::Saved(outcome));
    }
    if let Some(Effect::Save(job)) = update(app, Action::Tick(Instant::now())) {
        saver.send(job);
    }
    before != seen(app)
}

/// What saving can change on screen.
fn seen(app: &App) -> impl PartialEq + use<> {
    let draft = app
        .draft
        .as_ref()
        .map(|d| (d.save_state(), d.autosave.conflict, d.answers_over_limits()));
    let message = app.message.clone();
    (
        draft,
        message,
        app.dialog.is_some(),
        std::mem::discriminant(&app.screen),
        comparing(app),
    )
}

fn comparing(app: &App) -> bool {
    app.comparison().is_some_and(|c| c.loading.is_some())
}

/// When the loop must wake if nothing else happens: the next autosave deadline, or soon
/// while a comparison loads; none when there is nothing to wait for.
fn next_wake(app: &App) -> Option<Instant> {
    let autosave = app.draft.as_ref().and_then(|d| d.next_autosave());
    let loading = comparing(app).then(|| Instant::now() + LOADING_TICK);
    autosave.into_iter().chain(loading).min()
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
