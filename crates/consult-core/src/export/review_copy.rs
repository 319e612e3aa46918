//! What makes a Word export a copy for review: a note telling the reviewer how to work on
//! it, a bookmark around each item's answer and reasoning so the text can be found again
//! after editing, and custom document properties saying which draft, and which saved
//! version of it, the copy was made from. Reading a reviewed copy back relies on exactly
//! these names.

use docx_rs::xml::common::XmlVersion;
use docx_rs::xml::writer::{EmitterConfig, XmlEvent};

use super::package::xml_safe;
use crate::model::Response;
use crate::text::visible;

/// What a review copy was made from, besides the response itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSource {
    /// `sha256:` and the hex SHA-256 of the draft file's bytes the copy was made from
    /// ([`crate::model::sha256`]); the draft's history keeps those bytes under it.
    pub version: String,
    /// The draft's file name.
    pub draft: String,
}

/// Which text of an item a bookmark marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    Answer,
    Reasoning,
}

/// The bookmark around an item's answer (`consult_a<N>`) or reasoning (`consult_r<N>`),
/// `ordinal` being the item's place among all the set's items, from 1, in set order.
pub fn bookmark(marked: Marked, ordinal: usize) -> String {
    let letter = match marked {
        Marked::Answer => 'a',
        Marked::Reasoning => 'r',
    };
    format!("consult_{letter}{ordinal}")
}

/// The custom properties' names: the question set's id and digest, the organisation, the
/// saved version and the draft's file name.
pub const SET: &str = "consult.set";
pub const SET_DIGEST: &str = "consult.set_digest";
pub const ORGANISATION: &str = "consult.organisation";
pub const VERSION: &str = "consult.version";
pub const DRAFT: &str = "consult.draft";

/// The note that opens the copy: its heading, then one paragraph per point.
pub const NOTE_HEADING: &str = "For review: please read this first";
pub const NOTE: [&str; 4] = [
    "Turn on Track Changes before you edit (in Word, Review, then Track Changes), so that each change you make is shown as yours.",
    "Change the answers and reasoning where they stand, and add a comment to any passage you want to say something about.",
    "Leave the headings and the quoted questions as they are: do not retype, move or delete them, or write in them.",
    "When you have finished, save the file and send it back as it is, without accepting or rejecting any change. This note is not part of the response.",
];

/// `docProps/custom.xml` of a review copy: each property a string (`vt:lpwstr`), in a fixed
/// order so the same draft always makes the same file. Written with docx-rs's XML writer
/// (which escapes the text) rather than its `CustomProps`, whose hash map orders the
/// properties differently each time and leaves their values unescaped.
pub fn custom_properties(response: &Response, source: &ReviewSource) -> Vec<u8> {
    let properties = [
        (SET, response.question_set.id.as_str()),
        (SET_DIGEST, response.question_set.digest.as_str()),
        (ORGANISATION, response.respondent.organisation.as_str()),
        (VERSION, source.version.as_str()),
        (DRAFT, source.draft.as_str()),
    ];
    let mut out = Vec::new();
    let mut xml = EmitterConfig::default().create_writer(&mut out);
    let mut write = |event: XmlEvent| xml.write(event).expect("writing to memory");
    write(XmlEvent::StartDocument {
        version: XmlVersion::Version10,
        encoding: Some("UTF-8"),
        standalone: Some(true),
    });
    write(
        XmlEvent::start_element("Properties")
            .attr(
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
            )
            .attr(
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            )
            .into(),
    );
    for (pid, (name, value)) in properties.into_iter().enumerate() {
        write(
            XmlEvent::start_element("property")
                // The format id Word gives every custom property; ids 0 and 1 are reserved.
                .attr("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}")
                .attr_display("pid", pid + 2)
                .attr("name", name)
                .into(),
        );
        write(XmlEvent::start_element("vt:lpwstr").into());
        write(XmlEvent::Characters(xml_safe(&visible(value)).into()));
        write(XmlEvent::end_element());
        write(XmlEvent::end_element());
    }
    write(XmlEvent::end_element());
    out
}
