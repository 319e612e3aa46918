//! The domain: question sets, responses and their validation. Plain data, no I/O.

pub mod joint;
pub mod question_set;
pub mod response;
pub mod review;
pub mod source;
pub mod validate;

pub use joint::Joint;
pub use source::{Passage, PassageField, Source, SourceComment};

/// `sha256:` and the hex SHA-256 of `bytes`: how consult names a version of a document.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let hex: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}
pub use question_set::{Item, QuestionSet, Scale, ScaleOption, Section};
pub use response::{
    Answer, Conflict, ItemStatus, PositionBasis, Publication, Respondent, Response, ResponseStatus, SetRef,
};
