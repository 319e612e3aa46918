//! The domain and file layer of `consult`, kept apart from any terminal by the compiler.
//!
//! Layers, lowest first; a module imports only from layers below it:
//! - the domain: [`text`], [`sentences`], [`error`], [`model`], [`parse`], [`schema`], [`export`],
//!   [`compare`], [`merge`], [`joint`] and [`outline`] (question sets as Markdown
//!   outlines): plain data and pure functions;
//! - files and programs: [`dirs`] (where they live), [`editor`] (the user's editor program),
//!   [`storage`] (reading, the atomic write), [`out`] (where a written document goes), [`catalog`] and [`documents`] (question sets
//!   and responses from files), and [`drafts`], the one home for draft files, their locks,
//!   recovery copies and history.

pub mod catalog;
pub mod compare;
pub mod dirs;
pub mod documents;
pub mod drafts;
pub mod editor;
pub mod error;
pub mod export;
pub mod import;
pub mod joint;
pub mod merge;
pub mod model;
pub mod out;
pub mod outline;
pub mod parse;
pub mod review;
pub mod schema;
pub mod sentences;
pub mod session;
pub mod storage;
pub mod text;
