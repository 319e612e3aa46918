//! A small element tree over quick-xml for the Word and OpenDocument readers, which
//! look at a paragraph's children and its properties together. Names are kept as
//! written ("w:p", "text:h"): Word, LibreOffice and every writer we know use the
//! standard prefixes. Malformed XML is an error naming the part and line:column.

use quick_xml::events::Event;

use super::{ReadError, SAVE_AS};

/// Deeper nesting than this is refused rather than walked (no real document nests
/// paragraphs in tables in tables this far).
const MAX_DEPTH: usize = 200;

#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    pub fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element> {
        self.elements().filter(move |e| e.name == name)
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The element at the end of a path of child names.
    pub fn path(&self, names: &[&str]) -> Option<&Element> {
        names.iter().try_fold(self, |at, name| at.child(name))
    }

    /// Every descendant named `name`, in document order (not looking inside matches).
    pub fn descendants<'s>(&'s self, name: &str, out: &mut Vec<&'s Element>) {
        for child in self.elements() {
            if child.name == name {
                out.push(child);
            } else {
                child.descendants(name, out);
            }
        }
    }

    /// All text inside, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) => element.collect_text(out),
            }
        }
    }
}

/// Parses `xml` (the part named `part`) into a tree whose root is a nameless element
/// holding the document element.
pub fn parse(part: &str, xml: &str) -> Result<Element, ReadError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack = vec![Element::default()];
    loop {
        let event = reader
            .read_event()
            .map_err(|error| malformed(part, xml, reader.error_position(), &error))?;
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(ReadError::new(format!(
                        "has a part ({part}) nested more than {MAX_DEPTH} levels deep; {SAVE_AS}"
                    )));
                }
                stack.push(element(part, xml, &reader, &start)?);
            }
            Event::Empty(empty) => {
                let element = element(part, xml, &reader, &empty)?;
                push(&mut stack, Node::Element(element));
            }
            Event::End(_) => {
                let done = stack.pop().unwrap_or_default();
                push(&mut stack, Node::Element(done));
            }
            Event::Text(text) => {
                let text = text
                    .xml10_content()
                    .map_err(|error| malformed(part, xml, reader.buffer_position(), &error))?;
                push(&mut stack, Node::Text(text.into_owned()));
            }
            Event::CData(data) => {
                let text = String::from_utf8_lossy(&data).into_owned();
                push(&mut stack, Node::Text(text));
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = reference.decode().unwrap_or_default();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .map(str::to_string)
                            .unwrap_or_else(|| format!("&{name};"))
                    }
                    Err(error) => {
                        return Err(malformed(part, xml, reader.buffer_position(), &error));
                    }
                };
                push(&mut stack, Node::Text(resolved));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(ReadError::new(format!(
            "has a part ({part}) that ends before its elements are closed; open the file and save \
             it again, or {SAVE_AS}"
        )));
    }
    Ok(stack.pop().unwrap_or_default())
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

fn element(
    part: &str,
    xml: &str,
    reader: &quick_xml::Reader<&[u8]>,
    start: &quick_xml::events::BytesStart<'_>,
) -> Result<Element, ReadError> {
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|error| malformed(part, xml, reader.buffer_position(), &error))?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|error| malformed(part, xml, reader.buffer_position(), &error))?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
    })
}

fn malformed(part: &str, xml: &str, at: u64, error: &dyn std::fmt::Display) -> ReadError {
    let at = (at as usize).min(xml.len());
    let before = xml.get(..at).unwrap_or(xml);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    ReadError::new(format!(
        "has a damaged part: {part} is not well-formed XML at line {line}, column {column} \
         ({error}); open the file and save it again, or {SAVE_AS}"
    ))
}
