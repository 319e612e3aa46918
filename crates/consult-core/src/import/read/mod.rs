//! Bytes to a [`Document`]: the format is recognised by content first, then by the
//! file's name. Each format has its own module; this one chooses, refuses what no
//! reader can read, and fills in the organisation from a title when the format's own
//! properties did not name one.

pub(crate) mod archive;
mod docx;
mod docx_numbering;
mod email;
mod encoding;
mod gather;
mod html;
mod markdown;
mod numerals;
mod odt;
mod organisation;
pub(crate) mod recognise;
mod text;
pub(crate) mod xml;

use super::document::Document;
use recognise::{Recognised, TextShape};

/// Why a file could not be read as a document. The message is for the user and says
/// what to do; the command line puts the file's name before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
}

impl ReadError {
    /// A message made safe: it may quote a part's name or an XML parser's words about
    /// the file, which another organisation wrote.
    pub(crate) fn new(message: impl Into<String>) -> ReadError {
        ReadError {
            message: super::document::clean(&message.into()),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

/// How much the readers will take in. A member's reply is a few hundred kilobytes;
/// these are far above that and far below what would hurt the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest file read at all.
    pub file: usize,
    /// The most read out of one archive entry (counted while reading, never taken
    /// from the archive's own header, which a zip bomb lies in).
    pub entry: u64,
    /// The most read out of all of one archive's entries together.
    pub archive: u64,
}

/// 64 MiB a file, 64 MiB an archive entry, 256 MiB an archive in all.
pub const LIMITS: Limits = Limits {
    file: 64 << 20,
    entry: 64 << 20,
    archive: 256 << 20,
};

/// What to do with a file no reader takes, said at the end of each refusal.
const SAVE_AS: &str = "save it as Word (.docx) or text and import that";

/// Paragraph style names (lower-cased) that mark a quotation in Word and OpenDocument.
const QUOTATION_STYLES: [&str; 4] = ["quote", "intense quote", "quotations", "block text"];

/// Reads `bytes`, named `name` (a file name, or "-" for standard input, which is
/// recognised by its content alone).
pub fn read(name: &str, bytes: &[u8]) -> Result<Document, ReadError> {
    read_with_limits(name, bytes, LIMITS)
}

/// [`read`] with chosen limits (tests use small ones to try the refusals).
pub fn read_with_limits(name: &str, bytes: &[u8], limits: Limits) -> Result<Document, ReadError> {
    if bytes.len() > limits.file {
        return Err(ReadError::new(format!(
            "is {} MiB, larger than the {} MiB a member's document can be; split it or {SAVE_AS}",
            bytes.len() >> 20,
            limits.file >> 20
        )));
    }
    let mut document = match recognise::recognise(name, bytes, limits)? {
        Recognised::Docx(archive) => docx::read(&archive)?,
        Recognised::Odt(archive) => odt::read(&archive)?,
        Recognised::Email => email::read_message(bytes),
        Recognised::Text(decoded, shape) => {
            let mut document = match shape {
                TextShape::PastedEmail => email::read_pasted(&decoded.text),
                TextShape::Html => html::read(&decoded.text),
                TextShape::Markdown => markdown::read(&decoded.text),
                TextShape::Plain => text::read(&decoded.text),
            };
            document.notices.splice(0..0, decoded.notice);
            document
        }
    };
    if document.organisation.is_none() {
        document.organisation = organisation::from_titles(&document);
    }
    Ok(document)
}

#[cfg(test)]
mod tests;
