//! The event loop: draw, wait for input or the next tick, update, repeat.

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event;

use super::saver::Saver;
use super::{event::to_action, terminal};
use crate::app::{Action, App, update};
use crate::storage::{self, NewFileMode};
use crate::ui;

/// How often time is checked while there is something to save.
const TICK: Duration = Duration::from_millis(100);
/// How long to wait for input when there is nothing to save.
const IDLE_TICK: Duration = Duration::from_millis(500);

/// Runs `app` until it quits. Returns what to tell the user afterwards, printed
/// after the terminal is restored so it stays on screen.
pub fn run(mut app: App) -> io::Result<Vec<String>> {
    let mut tui = terminal::enter()?;
    let saver = Saver::start();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut app, &mut tui, &saver)
    }));
    terminal::restore();
    let mut notes = Vec::new();
    for (generation, error) in saver.finish() {
        update(&mut app, Action::Saved { generation, error });
    }
    match outcome {
        Ok(result) => {
            notes.extend(final_save(&mut app, false));
            result?;
        }
        Err(_) => {
            // The panic hook has printed what went wrong; keep the words somewhere safe.
            notes.extend(final_save(&mut app, true));
            return Err(io::Error::other(notes.join("\n")));
        }
    }
    Ok(notes)
}

fn event_loop(app: &mut App, tui: &mut terminal::Tui, saver: &Saver) -> io::Result<()> {
    loop {
        tui.draw(|frame| ui::draw(app, frame))?;
        let busy = app.draft.as_ref().is_some_and(|d| d.is_dirty());
        if event::poll(if busy { TICK } else { IDLE_TICK })? {
            // Take everything already waiting before drawing again: a burst of keys costs one frame.
            loop {
                if let Some(action) = to_action(app, event::read()?)
                    && let Some(job) = update(app, action)
                {
                    saver.send(job);
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        for (generation, error) in saver.finished() {
            update(app, Action::Saved { generation, error });
        }
        if let Some(job) = update(app, Action::Tick(Instant::now())) {
            saver.send(job);
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// Writes what is still unsaved. If the draft's own file cannot take it (or after a
/// panic, when the state is suspect), the words go to a recovery file instead.
fn final_save(app: &mut App, after_panic: bool) -> Option<String> {
    let draft = app.draft.as_mut()?;
    if !draft.is_dirty() && !after_panic {
        return None;
    }
    let job = draft.save_job();
    if !after_panic {
        match storage::write_atomic(&job.path, &job.bytes, NewFileMode::Private) {
            Ok(()) => return None,
            Err(e) => eprintln!("consult: could not save {}: {e}", job.path.display()),
        }
    }
    let name = job
        .path
        .file_name()
        .map_or_else(|| "draft.json".into(), |n| n.to_string_lossy().into_owned());
    let stamp = jiff::Timestamp::now().as_second();
    let candidates = [app.dirs.data.join("recovery"), std::env::temp_dir()];
    for dir in candidates {
        let path: PathBuf = dir.join(format!("{stamp}-{name}"));
        let written = std::fs::create_dir_all(&dir)
            .and_then(|()| storage::write_atomic(&path, &job.bytes, NewFileMode::Private));
        if written.is_ok() {
            return Some(format!(
                "consult: your draft was saved to {}; open it with `consult edit {}`",
                path.display(),
                path.display()
            ));
        }
    }
    Some("consult: could not save the draft anywhere; your last autosave is in the drafts folder".into())
}
