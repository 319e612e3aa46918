//! Members' documents in: a Word reply, an e-mail or a text becomes a response.
//! `read` turns bytes into a [`document::Document`]; `place` puts each passage on an
//! item (by `markers`, `similarity` and `ranking`); `stance` reads positions from the
//! words; `response` makes the response; `edit` fixes a placing afterwards.

pub mod document;
pub mod edit;
pub mod markers;
pub mod member;
pub mod place;
pub mod ranking;
pub mod read;
pub mod response;
pub mod similarity;
pub mod stance;
#[cfg(test)]
mod testing;

pub use response::{Imported, SourceFile, Summary, import};
