//! Text files' bytes to a string: UTF-8 (with or without a byte-order mark), UTF-16
//! with a byte-order mark, and otherwise Windows-1252, which covers Latin-1 and is
//! what mail programs and older editors on Windows write.

use super::ReadError;

/// A decoded text, with the notice to show when the encoding was a guess.
pub struct Decoded {
    pub text: String,
    pub notice: Option<String>,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        if had_errors && encoding != encoding_rs::UTF_8 {
            return Err(ReadError::new(format!(
                "starts like {} text but is not valid {}; save it again as UTF-8 text",
                encoding.name(),
                encoding.name()
            )));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            notice: None,
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            notice: None,
        });
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        notice: Some("decoded from Windows-1252".into()),
    })
}
