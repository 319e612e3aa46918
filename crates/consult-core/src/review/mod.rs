//! Reviews back from Word: reading a reviewed copy's tracked changes, untracked edits and
//! comments into suggestions on the draft (`model::review`), and finding each suggestion
//! again in the text to apply it.
//!
//! [`read`] takes the Word XML apart, [`origin`] checks the copy was made from this
//! draft, [`untracked`] lines the copy's words up with the text as sent, and [`place`]
//! ties it all to the items.

pub mod apply;
pub mod origin;
pub mod place;
pub mod read;
pub mod untracked;

#[cfg(test)]
mod tests;
