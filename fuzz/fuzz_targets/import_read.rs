//! Members' documents from any bytes: the first byte chooses the file's name (so each
//! reader is reached by name as well as by content), the rest is the file. Reading never
//! panics, and whatever it gives, words or a refusal, holds no control character.
#![no_main]

use consult_core::import::read::read;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 8] = [
    "-",
    "reply.docx",
    "reply.odt",
    "reply.eml",
    "reply.html",
    "reply.md",
    "reply.txt",
    "reply.pdf",
];

fn clean(text: &str) -> bool {
    !text.chars().any(char::is_control)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    match read(name, bytes) {
        Ok(document) => {
            assert!(document.title.as_deref().is_none_or(clean));
            assert!(document.organisation.iter().all(|o| clean(&o.name)));
            assert!(document.notices.iter().all(|n| clean(n)));
            for block in &document.blocks {
                assert!(!block.text.is_empty() && clean(&block.text), "{block:?}");
                assert!(block.lead_in.is_none_or(|l| block.text.is_char_boundary(l)));
                for comment in &block.comments {
                    assert!(clean(&comment.author) && clean(&comment.text));
                    assert!(comment.anchor.as_deref().is_none_or(clean));
                }
            }
        }
        Err(error) => assert!(clean(&error.message), "{error}"),
    }
});
