//! The domain: question sets, responses and their validation. Plain data, no I/O.

pub mod joint;
pub mod question_set;
pub mod response;
pub mod validate;

pub use joint::Joint;
pub use question_set::{Item, QuestionSet, Scale, ScaleOption, Section};
pub use response::{
    Answer, Conflict, ItemStatus, PositionBasis, Publication, Respondent, Response, ResponseStatus, SetRef,
};
