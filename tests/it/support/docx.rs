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
        let attr = |e: &quick_xml::events::BytesStart, key: &[u8]| {
            e.attributes()
                .flatten()
                .find(|a| a.key.as_ref() == key)
                .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
                .unwrap_or_default()
        };
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => paragraph = Paragraph::default(),
                b"w:pStyle" => paragraph.style = Some(attr(&e, b"w:val")),
                b"w:numId" => num_id = attr(&e, b"w:val"),
                b"w:ilvl" => paragraph.numbering = Some((num_id.clone(), attr(&e, b"w:val"))),
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
                let name = r.decode().unwrap();
                let c = match name.as_ref() {
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
                };
                paragraph.runs.last_mut().unwrap().0.push(c);
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
