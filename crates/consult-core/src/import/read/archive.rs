//! The zip inside a Word or OpenDocument file, read with limits: every entry is read
//! through a counter, so an entry whose header understates its size (a zip bomb)
//! is refused when the count passes the limit, whatever the header says.

use std::cell::{Cell, RefCell};
use std::io::{Cursor, Read};

use super::{Limits, ReadError, SAVE_AS};

pub struct Archive<'a> {
    zip: RefCell<zip::ZipArchive<Cursor<&'a [u8]>>>,
    limits: Limits,
    /// Bytes read out of all entries so far.
    taken: Cell<u64>,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Archive<'a>, ReadError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
            ReadError::new(format!(
                "is a damaged zip file ({error}); if it is a Word or OpenDocument file, open it \
                 and save it again, or {SAVE_AS}"
            ))
        })?;
        Ok(Archive {
            zip: RefCell::new(zip),
            limits,
            taken: Cell::new(0),
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.borrow().index_for_name(name).is_some()
    }

    /// The entry `name`'s bytes, or an error naming the entry when it is damaged or
    /// larger than the limits allow.
    pub fn bytes(&self, name: &str) -> Result<Vec<u8>, ReadError> {
        let mut zip = self.zip.borrow_mut();
        let entry = zip.by_name(name).map_err(|error| damaged(name, &error))?;
        let room = self
            .limits
            .entry
            .min(self.limits.archive.saturating_sub(self.taken.get()));
        let mut out = Vec::new();
        let read = entry
            .take(room + 1)
            .read_to_end(&mut out)
            .map_err(|error| damaged(name, &error))? as u64;
        self.taken.set(self.taken.get() + read);
        if read > room {
            return Err(ReadError::new(format!(
                "holds a part ({name}) that unpacks to more than {} MiB, which no real document \
                 needs (it may be a zip bomb); {SAVE_AS}",
                room >> 20
            )));
        }
        Ok(out)
    }

    /// The entry `name` as UTF-8 text (every XML part of Word and OpenDocument is).
    pub fn text(&self, name: &str) -> Result<String, ReadError> {
        let bytes = self.bytes(name)?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        String::from_utf8(bytes.to_vec()).map_err(|_| {
            ReadError::new(format!(
                "has a part ({name}) that is not UTF-8 text; open the file and save it again, or \
                 {SAVE_AS}"
            ))
        })
    }

    /// The entry as text when it is there: optional parts (styles, numbering, comments).
    pub fn optional_text(&self, name: &str) -> Result<Option<String>, ReadError> {
        if self.has(name) {
            self.text(name).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A Word package whose main part is not at word/document.xml names it in
    /// _rels/.rels (the officeDocument relationship).
    pub fn main_document_from_rels(&self) -> Option<String> {
        let rels = self.optional_text("_rels/.rels").ok()??;
        let root = super::xml::parse("_rels/.rels", &rels).ok()?;
        root.child("Relationships")?
            .children_named("Relationship")
            .find(|r| r.attr("Type").is_some_and(|t| t.ends_with("/officeDocument")))
            .and_then(|r| r.attr("Target"))
            .map(|target| target.trim_start_matches('/').to_string())
            .filter(|target| self.has(target))
    }
}

fn damaged(name: &str, error: &dyn std::fmt::Display) -> ReadError {
    ReadError::new(format!(
        "has a damaged part ({name}: {error}); open the file and save it again, or {SAVE_AS}"
    ))
}
