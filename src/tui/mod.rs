//! Running the app in a real terminal: the terminal's lifecycle, turning events into
//! actions, the event loop and the background saver.

pub mod event;
pub mod input;
pub mod paint;
pub mod run;
pub mod saver;
pub mod signals;
pub mod terminal;
