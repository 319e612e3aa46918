//! The Word package as it is sent: what docx-rs cannot write is added to its parts (the
//! document's language, the mark and space that open each footnote as Word writes them, the
//! positions table's header row repeating on each page), and every part is compressed.
//! docx-rs stores its parts uncompressed, which makes a long response megabytes for what
//! deflate holds in kilobytes.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The language every run is in unless it says otherwise.
pub const LANGUAGE: &str = "en-GB";

/// Where "repeat as a header row" goes: docx-rs writes `cantSplit` and nothing else in a
/// row's properties, and only the positions table's first row is given it.
const HEADER_ROW_OPENING: &str = "<w:trPr><w:cantSplit />";

/// The package of `xml`, docx-rs's parts, completed and deflated: written here rather than
/// by docx-rs, which stores every part uncompressed. The entries keep docx-rs's order and a
/// fixed date, so the same response always makes the same file. consult's documents have
/// no images, task panes or custom XML, so those parts never arise.
pub fn finish(mut xml: XMLDocx) -> Vec<u8> {
    // Last among the default run properties, where Word's schema puts the language.
    let language = format!("<w:lang w:val=\"{LANGUAGE}\" />");
    insert_at_first(&mut xml.styles, "</w:rPr></w:rPrDefault>", 0, &language);
    insert_at_first(
        &mut xml.document,
        HEADER_ROW_OPENING,
        HEADER_ROW_OPENING.len(),
        "<w:tblHeader />",
    );
    let footnotes = footnote_marks(&String::from_utf8_lossy(&xml.footnotes));
    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &xml.content_type),
        ("_rels/.rels".into(), &xml.rels),
        ("docProps/app.xml".into(), &xml.doc_props.app),
        ("docProps/core.xml".into(), &xml.doc_props.core),
        ("docProps/custom.xml".into(), &xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), &xml.document_rels),
        ("word/document.xml".into(), &xml.document),
        ("word/styles.xml".into(), &xml.styles),
        ("word/settings.xml".into(), &xml.settings),
        ("word/fontTable.xml".into(), &xml.font_table),
        ("word/comments.xml".into(), &xml.comments),
        ("word/numbering.xml".into(), &xml.numberings),
        ("word/commentsExtended.xml".into(), &xml.comments_extended),
        ("word/footnotes.xml".into(), footnotes.as_bytes()),
    ];
    for (kind, parts_of_kind, rels) in [
        ("header", &xml.headers, &xml.header_rels),
        ("footer", &xml.footers, &xml.footer_rels),
    ] {
        for (i, part) in parts_of_kind.iter().enumerate() {
            parts.push((format!("word/{kind}{}.xml", i + 1), part));
            if let Some(rels) = rels.get(i) {
                parts.push((format!("word/_rels/{kind}{}.xml.rels", i + 1), rels));
            }
        }
    }
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        // The fastest level: most of the saving at a fraction of the time.
        .compression_level(Some(1))
        .last_modified_time(DateTime::default());
    let size = parts.iter().map(|(_, p)| p.len()).sum::<usize>();
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(size / 6)));
    for (name, part) in parts {
        out.start_file(name, options).expect("writing to memory");
        out.write_all(part).expect("writing to memory");
    }
    out.finish().expect("writing to memory").into_inner()
}

/// `text` put into `part` `offset` bytes into the first `found`, if there is one.
fn insert_at_first(part: &mut Vec<u8>, found: &str, offset: usize, text: &str) {
    if let Some(at) = std::str::from_utf8(part).ok().and_then(|xml| xml.find(found)) {
        let at = at + offset;
        part.splice(at..at, text.bytes());
    }
}

/// Each footnote opens with its number (Word's `footnoteRef`, in the footnote reference
/// style) and a space, as Word writes a footnote, so it reads "1 From …", not "1From …".
fn footnote_marks(text: &str) -> String {
    const OPENING: &str = "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\" /></w:rPr><w:footnoteRef /></w:r>\
        <w:r><w:t xml:space=\"preserve\"> </w:t></w:r>";
    let mut out = String::with_capacity(text.len() + 128);
    let mut rest = text;
    // docx-rs opens each footnote's first paragraph with its properties: the mark goes after them.
    while let Some(at) = rest.find("<w:footnote ") {
        let Some(after) = rest[at..].find("</w:pPr>").map(|p| at + p + "</w:pPr>".len()) else {
            break;
        };
        out.push_str(&rest[..after]);
        out.push_str(OPENING);
        rest = &rest[after..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_footnote_opens_with_its_mark_and_a_space() {
        let xml = "<w:footnotes><w:footnote w:id=\"1\"><w:p><w:pPr><w:rPr /></w:pPr><w:r><w:t>From A.</w:t></w:r></w:p></w:footnote>\
                   <w:footnote w:id=\"2\"><w:p><w:pPr><w:rPr /></w:pPr><w:r><w:t>From B.</w:t></w:r></w:p></w:footnote></w:footnotes>";
        let marked = footnote_marks(xml);
        assert_eq!(marked.matches("<w:footnoteRef />").count(), 2, "{marked}");
        assert!(marked.contains(
            "<w:footnoteRef /></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:t>From A."
        ));
    }
}
