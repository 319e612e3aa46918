//! `consult`: draft, export and compare responses to public consultations.
//!
//! The domain and the file layer live in the `consult-core` crate (re-exported here
//! under their own names, so `consult::model` is `consult_core::model`); the compiler
//! keeps them free of anything terminal- or command-line-shaped. This crate is the app:
//! - [`app`] (state and the update step), [`ui`] (drawing, which changes nothing),
//!   [`tui`] (the terminal and the event loop), and [`plain`], the line-by-line dialogue
//!   for screen readers and scripts, a front end beside `tui` on the same drafts;
//! - [`cli`], the command line, which starts the app or runs a subcommand.
//!
//! A test, `tests/it/layers.rs`, holds what the compiler cannot: no file system in the
//! app's state, no import cycle between any two files.

pub use consult_core::{
    catalog, compare, dirs, documents, drafts, editor, error, export, import, joint, merge, model, out,
    outline, parse, review, schema, sentences, session, storage, text,
};

pub mod app;
pub mod cli;
pub mod plain;
pub mod tui;
pub mod ui;
