//! What the update step asks of the world beyond the app's state: the event loop does it.
//! The update step never writes a file, touches the terminal or ends the program itself.

use crate::drafts::SaveJob;

#[derive(Debug)]
pub enum Effect {
    /// Write this save in the background; its outcome comes back as `Action::Saved`.
    Save(SaveJob),
    /// Put this text on the terminal's clipboard.
    Clipboard(String),
    /// Hand the terminal to the user's editor program with this text; what it gives back
    /// comes in as `Action::Edited`.
    Edit(String),
    /// Save what is unsaved and end the program.
    Quit,
}

impl Effect {
    /// A save, if one is due.
    pub fn save(job: Option<SaveJob>) -> Option<Effect> {
        job.map(Effect::Save)
    }
}
