//! Reading a `.docx` back as Word would: the file is a zip of XML. Shared by the tests
//! that check Word exports (`#[path]`-included).

#![allow(dead_code)] // each test file uses some of these

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;

/// One paragraph of `word/document.xml`.
#[derive(Debug, Default, Clone)]
pub struct Paragraph {
    pub style: Option<String>,
    /// The numbering instance and level of a list paragraph.
    pub numbering: Option<(String, String)>,
    /// Each run's text, and whether it is bold and italic.
    pub runs: Vec<(String, bool, bool)>,
}

impl Paragraph {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.0.as_str()).collect()
    }
}

/// A part of the package, as text.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The paragraphs of the document body, in order. Panics on XML that is not well formed.
pub fn paragraphs(docx: &[u8]) -> Vec<Paragraph> {
    let xml = part(docx, "word/document.xml");
    let mut reader = Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut paragraph = Paragraph::default();
    let (mut bold, mut italic, mut in_text) = (false, false, false);
    let mut num_id = String::new();
    loop {
        let event = reader.read_event().expect("well-formed XML");
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => paragraph = Paragraph::default(),
                b"w:pStyle" => paragraph.style = Some(attribute(&e, b"w:val")),
                b"w:numId" => num_id = attribute(&e, b"w:val"),
                b"w:ilvl" => paragraph.numbering = Some((num_id.clone(), attribute(&e, b"w:val"))),
                b"w:r" => (bold, italic) = (false, false),
                b"w:b" => bold = true,
                b"w:i" => italic = true,
                b"w:t" => {
                    in_text = true;
                    paragraph.runs.push((String::new(), bold, italic));
                }
                b"w:br" => paragraph.runs.push(("\n".into(), false, false)),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.decode().unwrap();
                paragraph.runs.last_mut().unwrap().0.push_str(&text);
            }
            Event::GeneralRef(r) if in_text => {
                paragraph
                    .runs
                    .last_mut()
                    .unwrap()
                    .0
                    .push(referenced(&r.decode().unwrap()));
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => out.push(std::mem::take(&mut paragraph)),
                _ => {}
            },
            _ => {}
        }
    }
    out
}

/// A bookmark in the document body, as Word keeps it.
#[derive(Debug, Clone)]
pub struct Bookmark {
    pub name: String,
    /// The text of each paragraph from the one it starts in to the one it ends in.
    pub paragraphs: Vec<String>,
    /// It starts before anything in its first paragraph and ends after everything in its
    /// last: it marks whole paragraphs.
    pub whole_paragraphs: bool,
}

/// Every bookmark in the body, in the order they end. Panics on a bookmark that never ends.
pub fn bookmarks(docx: &[u8]) -> Vec<Bookmark> {
    let texts: Vec<String> = paragraphs(docx).iter().map(Paragraph::text).collect();
    let xml = part(docx, "word/document.xml");
    let mut reader = Reader::from_str(&xml);
    // Open bookmarks by id: name, first paragraph, whether it opened before any content.
    let mut open: Vec<(String, String, usize, bool)> = Vec::new();
    let mut ended: Vec<(String, usize, usize, bool)> = Vec::new();
    // The bookmarks ended in this paragraph still waiting to see if anything follows them.
    let mut just_ended: Vec<usize> = Vec::new();
    let (mut paragraph, mut content) = (0usize, false);
    loop {
        let event = reader.read_event().expect("well-formed XML");
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => {
                    content = false;
                    just_ended.clear();
                }
                b"w:r" | b"w:hyperlink" | b"w:ins" | b"w:del" | b"w:fldSimple" => {
                    content = true;
                    for &i in &just_ended {
                        ended[i].3 = false;
                    }
                    just_ended.clear();
                }
                b"w:bookmarkStart" => open.push((
                    attribute(&e, b"w:id"),
                    attribute(&e, b"w:name"),
                    paragraph,
                    !content,
                )),
                b"w:bookmarkEnd" => {
                    let id = attribute(&e, b"w:id");
                    let at = open
                        .iter()
                        .position(|b| b.0 == id)
                        .expect("a bookmark that started");
                    let (_, name, first, at_start) = open.remove(at);
                    just_ended.push(ended.len());
                    ended.push((name, first, paragraph, at_start));
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                paragraph += 1;
                just_ended.clear();
            }
            _ => {}
        }
    }
    assert!(open.is_empty(), "bookmarks never ended: {open:?}");
    ended
        .into_iter()
        .map(|(name, first, last, whole)| Bookmark {
            name,
            paragraphs: texts[first..=last].to_vec(),
            whole_paragraphs: whole,
        })
        .collect()
}

/// The custom properties of the package, by name, each a string.
pub fn custom_properties(docx: &[u8]) -> Vec<(String, String)> {
    let xml = part(docx, "docProps/custom.xml");
    let mut reader = Reader::from_str(&xml);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut in_value = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"property" => {
                out.push((attribute(&e, b"name"), String::new()));
            }
            Event::Start(e) if e.name().as_ref() == b"vt:lpwstr" => in_value = true,
            Event::End(e) if e.name().as_ref() == b"vt:lpwstr" => in_value = false,
            Event::Text(t) if in_value => out.last_mut().unwrap().1.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_value => {
                out.last_mut().unwrap().1.push(referenced(&r.decode().unwrap()));
            }
            _ => {}
        }
    }
    out
}

/// The character an XML reference (`amp`, `#x1F`, `#31`) stands for.
fn referenced(name: &str) -> char {
    match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        other => {
            let code = other.strip_prefix("#x").map_or_else(
                || other.trim_start_matches('#').parse().unwrap(),
                |hex| u32::from_str_radix(hex, 16).unwrap(),
            );
            char::from_u32(code).unwrap()
        }
    }
}

/// The value of the attribute `key` of `element`, empty if it has none.
fn attribute(element: &quick_xml::events::BytesStart, key: &[u8]) -> String {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
        .unwrap_or_default()
}
