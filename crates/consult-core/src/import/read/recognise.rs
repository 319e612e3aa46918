//! Which reader a file goes to. The content decides first: magic numbers, what a zip
//! holds, an e-mail's header block, HTML tags, Markdown marks. The name's extension
//! decides only when the content says nothing clearer, and "-" (standard input) has
//! no name to go by.

use super::archive::Archive;
use super::email::header_name;
use super::encoding::{self, Decoded};
use super::{Limits, ReadError, SAVE_AS};

/// What the content (and, failing that, the name) says a file is.
pub enum Recognised<'a> {
    Docx(Archive<'a>),
    Odt(Archive<'a>),
    /// An e-mail message as a mail program saves it (.eml, RFC 5322).
    Email,
    Text(Decoded, TextShape),
}

/// What a text is, once decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextShape {
    /// Text copied out of a mail program: From/Sent/To/Subject lines, quoting.
    PastedEmail,
    Html,
    Markdown,
    Plain,
}

const ODT_MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

pub fn recognise<'a>(name: &str, bytes: &'a [u8], limits: Limits) -> Result<Recognised<'a>, ReadError> {
    if let Some(refusal) = refuse_by_magic(bytes) {
        return Err(ReadError::new(refusal));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_kind(Archive::open(bytes, limits)?);
    }
    let extension = extension(name);
    if is_binary(bytes) {
        return Err(ReadError::new(format!(
            "holds binary data, not a document a person wrote; {SAVE_AS}"
        )));
    }
    if is_message(bytes, extension.as_deref() == Some("eml")) {
        return Ok(Recognised::Email);
    }
    let decoded = encoding::decode(bytes)?;
    let shape = text_shape(&decoded.text, extension.as_deref());
    Ok(Recognised::Text(decoded, shape))
}

/// Formats recognised by their first bytes that no reader takes, each with what to do.
fn refuse_by_magic(bytes: &[u8]) -> Option<String> {
    let what = if bytes.starts_with(b"%PDF") {
        "is a PDF; consult cannot read the text of a PDF reliably. Open it and"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "is a PNG image, not text; if it is a scanned reply, type or copy its text out and"
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        "is a JPEG image, not text; if it is a scanned reply, type or copy its text out and"
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        "is a GIF image, not text; if it is a scanned reply, type or copy its text out and"
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        if contains_utf16(bytes, "EncryptedPackage") {
            return Some(
                "is a password-protected Word file; open it in Word, save an unprotected copy \
                 (File > Info > Protect Document > Encrypt with Password, clear the password) \
                 and import that"
                    .into(),
            );
        }
        "is an old-style Word (.doc) or other Office file; open it in Word or LibreOffice and"
    } else if bytes.starts_with(b"{\\rtf") {
        "is a Rich Text (.rtf) file; open it in Word or LibreOffice and"
    } else {
        return None;
    };
    Some(format!("{what} {SAVE_AS}"))
}

/// An OLE compound file names its streams in UTF-16LE.
fn contains_utf16(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|window| window == needle)
}

/// A zip is a Word or OpenDocument text when it holds their main part.
fn zip_kind(archive: Archive<'_>) -> Result<Recognised<'_>, ReadError> {
    if archive.has("word/document.xml") || archive.main_document_from_rels().is_some() {
        return Ok(Recognised::Docx(archive));
    }
    let mimetype = if archive.has("mimetype") {
        archive.text("mimetype")?.trim().to_string()
    } else {
        String::new()
    };
    if mimetype == ODT_MIMETYPE || (mimetype.is_empty() && archive.has("content.xml")) {
        return Ok(Recognised::Odt(archive));
    }
    let what = if mimetype.contains("opendocument.spreadsheet") || archive.has("xl/workbook.xml") {
        "is a spreadsheet, not a text document; copy the answers into a document and"
    } else if mimetype.contains("opendocument.presentation") || archive.has("ppt/presentation.xml") {
        "is a presentation, not a text document; copy the answers into a document and"
    } else if archive.has("[Content_Types].xml") {
        "is an Office file without a Word document inside (word/document.xml is missing); \
         open it in Word and"
    } else {
        "is a zip archive, not a Word or OpenDocument file; take the reply out of it, or"
    };
    Err(ReadError::new(format!("{what} {SAVE_AS}")))
}

/// Binary data: NUL bytes (text in UTF-16 says so with a byte-order mark) or many
/// control characters near the start.
fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(64 << 10)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    head.contains(&0) || controls * 20 > head.len()
}

/// An e-mail as saved by a mail program: it opens with a header block (every line a
/// `Name: value` field or a folded continuation) that has a From field and at least
/// one field only a transmitted message has. A `.eml` name needs the From alone.
fn is_message(bytes: &[u8], named_eml: bool) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64 << 10)]);
    let mut names = Vec::new();
    for line in head.lines() {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) && !names.is_empty() {
            continue;
        }
        match header_name(line) {
            Some(name) => names.push(name.to_ascii_lowercase()),
            None => return false,
        }
    }
    const TRANSMITTED: [&str; 7] = [
        "message-id",
        "mime-version",
        "received",
        "content-type",
        "return-path",
        "delivered-to",
        "dkim-signature",
    ];
    names.iter().any(|n| n == "from")
        && (named_eml || names.iter().any(|n| TRANSMITTED.contains(&n.as_str())))
}

fn text_shape(text: &str, extension: Option<&str>) -> TextShape {
    if looks_like_html(text) {
        return TextShape::Html;
    }
    if super::email::looks_pasted(text) {
        return TextShape::PastedEmail;
    }
    if looks_like_markdown(text) {
        return TextShape::Markdown;
    }
    match extension {
        Some("html" | "htm" | "xhtml") if text.contains('<') => TextShape::Html,
        Some("md" | "markdown") => TextShape::Markdown,
        Some("eml") => TextShape::PastedEmail,
        _ => TextShape::Plain,
    }
}

fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start().get(..text.trim_start().len().min(1024));
    let start = start.unwrap_or_default().to_ascii_lowercase();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with('<') && (start.contains("<html") || start.contains("<body")))
}

/// Markdown's own marks: an ATX heading, a table's rule line, or a paragraph opening
/// with strong emphasis. A plain numbered list alone is left to the text reader.
fn looks_like_markdown(text: &str) -> bool {
    text.lines().any(|line| {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        let heading =
            (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') && !line[hashes..].trim().is_empty();
        let rule = line.contains('|')
            && line.contains("---")
            && line.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' '));
        let strong = (line.starts_with("**") && line[2..].contains("**"))
            || (line.starts_with("__") && line[2..].contains("__"));
        heading || rule || strong
    })
}

/// The name's extension, lower-cased; none for standard input.
fn extension(name: &str) -> Option<String> {
    if name == "-" {
        return None;
    }
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (_, extension) = file.rsplit_once('.')?;
    Some(extension.to_ascii_lowercase())
}
