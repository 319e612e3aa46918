//! Every integration test, in one test binary so that a change links once. Each module is
//! an area: `cargo test --test it compare` runs the comparison's tests.

mod support;

mod cli;
mod cli_conventions;
mod compare;
mod core;
mod crash;
mod docx;
mod drafts;
mod e2e;
mod exports;
mod fhir;
mod fuzz;
mod git;
mod history;
mod hostile;
mod import;
mod import_figures;
mod import_read;
mod joint;
mod keys;
mod layers;
mod locks;
mod markdown;
mod merge;
mod one_behaviour;
mod out;
mod outline;
mod placing;
mod plain;
mod redraw;
mod review;
mod review_app;
mod review_copy;
mod review_plain;
mod safety;
mod scale;
mod schemas;
mod screens;
mod soak;
mod sync_copies;
mod update;
