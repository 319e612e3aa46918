//! The domain: question sets, responses and their validation. Plain data, no I/O.

pub mod question_set;
pub mod response;
pub mod validate;

pub use question_set::{Item, QuestionSet, Scale, ScaleOption, Section};
pub use response::{Answer, Conflict, ItemStatus, Publication, Respondent, Response, ResponseStatus, SetRef};
