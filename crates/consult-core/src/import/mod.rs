//! Members' documents in: a Word reply, an e-mail or a text becomes a response.
//! `read` turns bytes into a [`document::Document`]; placing puts each block on an item.

pub mod document;
pub mod read;
