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

/// [`sha256`] of `value`'s compact JSON, hashed as it is written: the same name as hashing
/// `serde_json::to_vec(value)`, without holding the whole text (21 MB for a set of 100,000 items).
pub fn sha256_of_json(value: &impl serde::Serialize) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = std::io::BufWriter::with_capacity(64 * 1024, Sha256::new());
    // Writing into a hasher cannot fail, and consult's documents always serialise.
    let _ = serde_json::to_writer(&mut hasher, value);
    let _ = std::io::Write::flush(&mut hasher);
    let (hasher, _) = hasher.into_parts();
    let hex: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}
pub use question_set::{Item, QuestionSet, Scale, ScaleOption, Section};
pub use response::{
    Answer, Conflict, ItemStatus, PositionBasis, Publication, Respondent, Response, ResponseStatus, SetRef,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_hashed_as_written_names_the_same_version_as_one_of_the_whole_text() {
        let set = serde_json::json!({"id": "a-set", "title": "A set é", "sections": [{"items": [1, null]}]});
        let whole = sha256(&serde_json::to_vec(&set).unwrap());
        assert_eq!(sha256_of_json(&set), whole);
        // Longer than the writer's buffer, so the text reaches the hasher in several pieces.
        let long = vec!["x".repeat(1000); 200];
        assert_eq!(sha256_of_json(&long), sha256(&serde_json::to_vec(&long).unwrap()));
    }
}
