//! The Word package as it is written: a zip whose parts are deflated as they come, the
//! document's body element by element, so a response of any length never stands whole in
//! memory as a tree (docx-rs's `Docx` holds every paragraph, some 30 KB an item, and stores
//! its parts uncompressed). docx-rs still writes every element: each is serialised through
//! its `BuildXML` the moment it is made. What docx-rs cannot write is added here (the
//! document's language, the mark and space that open each footnote as Word writes them, the
//! positions table's header row repeating on each page).

use std::io::{Cursor, Write};

use docx_rs::BuildXML;
use docx_rs::xml::writer::EmitterConfig;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The language every run is in unless it says otherwise.
pub const LANGUAGE: &str = "en-GB";

/// Where "repeat as a header row" goes: docx-rs writes `cantSplit` and nothing else in a
/// row's properties, and only the positions table's first row is given it.
const HEADER_ROW_OPENING: &str = "<w:trPr><w:cantSplit />";

/// A Word package being written, one part after another. Every part is deflated at the
/// fastest level (most of the saving at a fraction of the time) and dated alike, so the
/// same response always makes the same file.
pub struct Package {
    zip: ZipWriter<Cursor<Vec<u8>>>,
}

impl Package {
    pub fn new() -> Package {
        Package {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
        }
    }

    /// Starts the part `name`: what [`Package::write`] gives next goes into it.
    pub fn start(&mut self, name: &str) {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(1))
            .last_modified_time(DateTime::default());
        self.zip.start_file(name, options).expect("writing to memory");
    }

    pub fn write(&mut self, bytes: &[u8]) {
        self.zip.write_all(bytes).expect("writing to memory");
    }

    /// The whole part `name`.
    pub fn part(&mut self, name: &str, bytes: &[u8]) {
        self.start(name);
        self.write(bytes);
    }

    /// The styles part, with the document's language added to the defaults.
    pub fn styles(&mut self, mut styles: Vec<u8>) {
        // Last among the default run properties, where Word's schema puts the language.
        let language = format!("<w:lang w:val=\"{LANGUAGE}\" />");
        insert_at_first(&mut styles, "</w:rPr></w:rPrDefault>", 0, &language);
        self.part("word/styles.xml", &styles);
    }

    /// The packed file.
    pub fn finish(self) -> Vec<u8> {
        self.zip.finish().expect("writing to memory").into_inner()
    }
}

/// XML 1.0 cannot hold U+FFFE or U+FFFF at all, even escaped; `visible` has already made
/// every control character a picture, so these two are all that is left to replace.
pub fn xml_safe(text: &str) -> String {
    text.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}")
}

/// `element` as docx-rs writes it (its own settings: no declaration, no indenting, text
/// escaped by the elements themselves), added to `out`.
pub fn serialise(element: &impl BuildXML, out: &mut Vec<u8>) {
    let config = EmitterConfig {
        write_document_declaration: false,
        perform_escaping: false,
        perform_indent: false,
        line_separator: "".into(),
    };
    element
        .build_to(config.create_writer(out))
        .expect("writing to memory");
}

/// Every one of `elements` serialised (see [`serialise`]) in order, added to `out`: in
/// parallel parts on the machine's cores, since at a hundred thousand items docx-rs's
/// serialising is most of an export's time.
pub fn serialise_all<T: BuildXML + Sync>(elements: &[T], out: &mut Vec<u8>) {
    // Below this many, a thread costs more than it saves.
    const AT_LEAST: usize = 64;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let part = elements.len().div_ceil(threads).max(AT_LEAST);
    let mut parts = elements.chunks(part);
    let Some(first) = parts.next() else { return };
    std::thread::scope(|scope| {
        let others: Vec<_> = parts
            .map(|part| {
                scope.spawn(move || {
                    let mut bytes = Vec::new();
                    part.iter().for_each(|element| serialise(element, &mut bytes));
                    bytes
                })
            })
            .collect();
        first.iter().for_each(|element| serialise(element, out));
        for other in others {
            out.extend_from_slice(&other.join().expect("serialising cannot fail"));
        }
    });
}

/// A table holding its header row alone, serialised with that row repeating at the top of
/// each page, and split before its end tag: the other rows go in between.
pub fn table_with_header_row(table: &docx_rs::Table) -> (Vec<u8>, &'static [u8]) {
    const END: &[u8] = b"</w:tbl>";
    let mut bytes = Vec::new();
    serialise(table, &mut bytes);
    insert_at_first(
        &mut bytes,
        HEADER_ROW_OPENING,
        HEADER_ROW_OPENING.len(),
        "<w:tblHeader />",
    );
    assert!(bytes.ends_with(END), "docx-rs ends a table with its end tag");
    bytes.truncate(bytes.len() - END.len());
    (bytes, END)
}

/// A footnote, serialised as Word writes one: opening with its number (Word's
/// `footnoteRef`, in the footnote reference style) and a space, so it reads "1 From …",
/// not "1From …".
pub fn footnote(footnote: &docx_rs::Footnote, out: &mut Vec<u8>) {
    let mut bytes = Vec::new();
    serialise(footnote, &mut bytes);
    out.extend_from_slice(footnote_marks(&String::from_utf8_lossy(&bytes)).as_bytes());
}

/// A document part split around where its body goes: docx-rs writes `empty` (the
/// declaration, the root with its namespaces, and an empty body ending in the section's
/// properties) whole; the body's elements go before `<w:sectPr`.
pub fn around_body(empty: &[u8]) -> (&[u8], &[u8]) {
    let at = find(empty, b"<w:sectPr").expect("docx-rs ends the body with the section's properties");
    empty.split_at(at)
}

/// The part docx-rs writes as one empty element (`<w:footnotes … />`), holding `children`.
pub fn holding(empty: &[u8], children: &[u8]) -> Vec<u8> {
    if children.is_empty() {
        return empty.to_vec();
    }
    let open = empty.strip_suffix(b" />").expect("an empty element");
    let name_start = find(open, b"<w:").expect("a WordprocessingML element");
    let name_end = open[name_start..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(open.len(), |p| name_start + p);
    let mut part = Vec::with_capacity(open.len() + children.len() + 32);
    part.extend_from_slice(open);
    part.push(b'>');
    part.extend_from_slice(children);
    part.extend_from_slice(b"</");
    part.extend_from_slice(&open[name_start + 1..name_end]);
    part.push(b'>');
    part
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `text` put into `part` `offset` bytes into the first `found`, if there is one.
fn insert_at_first(part: &mut Vec<u8>, found: &str, offset: usize, text: &str) {
    if let Some(at) = find(part, found.as_bytes()) {
        let at = at + offset;
        part.splice(at..at, text.bytes());
    }
}

/// Each footnote in `text` opening with its mark and a space (see [`footnote`]).
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

    #[test]
    fn an_empty_part_is_opened_to_hold_its_children() {
        let empty = b"<?xml version=\"1.0\"?><w:footnotes xmlns:w=\"w\" />";
        assert_eq!(holding(empty, b""), empty.to_vec());
        assert_eq!(
            String::from_utf8(holding(empty, b"<w:footnote />")).unwrap(),
            "<?xml version=\"1.0\"?><w:footnotes xmlns:w=\"w\"><w:footnote /></w:footnotes>"
        );
    }

    #[test]
    fn an_element_is_serialised_as_docx_rs_builds_it() {
        let paragraph = docx_rs::Paragraph::new()
            .id("0000002a")
            .add_run(docx_rs::Run::new().add_text("A & B"));
        let mut out = Vec::new();
        serialise(&paragraph, &mut out);
        assert_eq!(out, paragraph.build());
    }
}
