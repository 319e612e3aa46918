//! `consult`: draft, export and compare responses to public consultations.
//!
//! The domain ([`model`], [`parse`], [`export`]) is plain data and pure functions;
//! [`storage`] and [`catalog`] do the file work; [`cli`] is the command line.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod compare;
pub mod documents;
pub mod error;
pub mod export;
pub mod history;
pub mod model;
pub mod parse;
pub mod recovery;
pub mod schema;
pub mod storage;
pub mod text;
pub mod tui;
pub mod ui;
