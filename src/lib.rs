//! `consult`: draft, export and compare responses to public consultations.
//!
//! Layers, lowest first; a module imports only from layers below it (a test,
//! `tests/layers.rs`, holds the code to this):
//! - the domain: [`text`], [`sentences`], [`error`], [`model`], [`parse`], [`schema`], [`export`],
//!   [`compare`]'s core, [`merge`], [`joint`] and [`outline`] (question sets as Markdown
//!   outlines): plain data and pure functions;
//! - files and programs: [`dirs`] (where they live), [`editor`] (the user's editor program), [`storage`] (reading, the atomic write),
//!   [`catalog`] and [`documents`] (question sets and responses from files), and
//!   [`drafts`], the one home for draft files, their locks, recovery copies and history;
//! - the app: [`app`] (state and the update step), [`ui`] (drawing, which changes nothing),
//!   [`tui`] (the terminal and the event loop), and [`plain`], the line-by-line dialogue
//!   for screen readers and scripts, a front end beside `tui` on the same drafts;
//! - [`cli`], the command line, which starts the app or runs a subcommand.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod compare;
pub mod dirs;
pub mod documents;
pub mod drafts;
pub mod editor;
pub mod error;
pub mod export;
pub mod joint;
pub mod merge;
pub mod model;
pub mod outline;
pub mod parse;
pub mod plain;
pub mod schema;
pub mod sentences;
pub mod storage;
pub mod text;
pub mod tui;
pub mod ui;
