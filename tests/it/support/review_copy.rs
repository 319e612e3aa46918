//! Word copies for review and what reviewers do to them, for the `review` tests: the
//! copy as `consult export --for-review` writes it, and edits of its XML as Word writes a
//! reviewer's tracked changes, untracked edits, comments and replies.

#![allow(dead_code)] // each test uses some of these

use std::io::{Read, Write};

use super::sandbox::{self, Sandbox};

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                 xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" \
                 xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\"";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(text))
}

/// The Word copy for review of the draft `draft` (a file in the sandbox's folder), as
/// `consult export --format docx --for-review` writes it.
pub fn made_for_review(sandbox: &Sandbox, draft: &str) -> Vec<u8> {
    let out = sandbox.path().join(format!("{draft}-for-review.docx"));
    let exported = sandbox::run(sandbox.consult(&[
        "export",
        draft,
        "--format",
        "docx",
        "--for-review",
        "--force",
        "--out",
        out.to_str().unwrap(),
    ]));
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    std::fs::read(out).unwrap()
}

fn core(last_author: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <cp:lastModifiedBy>{}</cp:lastModifiedBy><dcterms:modified xsi:type=\"dcterms:W3CDTF\">2026-12-02T09:00:00Z</dcterms:modified></cp:coreProperties>",
        escape(last_author)
    )
}

fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A reviewer's work on a copy: edits of the document's XML, comments, who saved it.
pub struct Reviewer {
    parts: Vec<(String, String)>,
    comments: Vec<String>,
    /// Replies, and the comment each replies to.
    threads: Vec<(usize, usize)>,
}

impl Reviewer {
    /// Opens `docx` for editing.
    pub fn open(docx: &[u8]) -> Reviewer {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let parts = (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index(i).unwrap();
                let mut text = String::new();
                entry.read_to_string(&mut text).unwrap();
                (entry.name().to_string(), text)
            })
            .collect();
        Reviewer {
            parts,
            comments: Vec::new(),
            threads: Vec::new(),
        }
    }

    fn document(&mut self) -> &mut String {
        &mut self
            .parts
            .iter_mut()
            .find(|(n, _)| n == "word/document.xml")
            .unwrap()
            .1
    }

    /// Splits the run holding the first `words` so that `replacement` (XML) stands
    /// for them.
    fn splice(&mut self, words: &str, replacement: &str) {
        let document = self.document();
        let at = document
            .find(&escape(words))
            .unwrap_or_else(|| panic!("no {words:?} in the copy"));
        let spliced = format!("</w:t></w:r>{replacement}<w:r><w:t xml:space=\"preserve\">");
        document.replace_range(at..at + escape(words).len(), &spliced);
    }

    /// The copy's custom property `name` (`consult.draft`…) set to `value`, as if the
    /// copy had been made from something else.
    pub fn set_property(&mut self, name: &str, value: &str) -> &mut Self {
        let custom = &mut self
            .parts
            .iter_mut()
            .find(|(n, _)| n == "docProps/custom.xml")
            .unwrap()
            .1;
        let at = custom
            .find(&format!("name=\"{name}\""))
            .unwrap_or_else(|| panic!("no {name}"));
        let start = at + custom[at..].find("<vt:lpwstr>").unwrap() + "<vt:lpwstr>".len();
        let end = start + custom[start..].find("</vt:lpwstr>").unwrap();
        custom.replace_range(start..end, &escape(value));
        self
    }

    /// Deletes the bookmark `name` (`consult_a3`…), as a reviewer who cuts and retypes a
    /// passage does without knowing it.
    pub fn delete_bookmark(&mut self, name: &str) -> &mut Self {
        let document = self.document();
        let at = document
            .find(&format!("w:name=\"{name}\""))
            .unwrap_or_else(|| panic!("no bookmark {name}"));
        let start = document[..at].rfind("<w:bookmarkStart").unwrap();
        let end = at + document[at..].find("/>").unwrap() + 2;
        let element = document[start..end].to_string();
        let id = element
            .split("w:id=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        document.replace_range(start..end, "");
        for end in [
            format!("<w:bookmarkEnd w:id=\"{id}\"/>"),
            format!("<w:bookmarkEnd w:id=\"{id}\" />"),
        ] {
            *document = document.replacen(&end, "", 1);
        }
        self
    }

    /// With Track Changes on, `author` replaces `words` by `by`.
    pub fn replace_tracked(&mut self, author: &str, words: &str, by: &str) -> &mut Self {
        let change = format!(
            "<w:del w:id=\"801\" w:author=\"{author}\" w:date=\"2026-12-01T10:00:00Z\"><w:r><w:delText xml:space=\"preserve\">{}</w:delText></w:r></w:del>\
             <w:ins w:id=\"802\" w:author=\"{author}\" w:date=\"2026-12-01T10:00:00Z\">{}</w:ins>",
            escape(words),
            run(by)
        );
        self.splice(words, &change);
        self
    }

    /// With Track Changes off: `words` become `by`, leaving no mark.
    pub fn edit_untracked(&mut self, words: &str, by: &str) -> &mut Self {
        let document = self.document();
        assert!(document.contains(&escape(words)), "no {words:?} in the copy");
        *document = document.replacen(&escape(words), &escape(by), 1);
        self
    }

    /// `author` comments `text` on the first `words`.
    pub fn comment(&mut self, author: &str, words: &str, text: &str) -> &mut Self {
        let id = self.comments.len();
        let anchored = format!(
            "<w:commentRangeStart w:id=\"{id}\"/>{}<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>",
            run(words)
        );
        self.splice(words, &anchored);
        self.comments.push(format!(
            "<w:comment w:id=\"{id}\" w:author=\"{author}\" w:date=\"2026-12-01T11:00:00Z\" w:initials=\"R\"><w:p w14:paraId=\"{id:08X}\">{}</w:p></w:comment>",
            run(text)
        ));
        self
    }

    /// `author` replies `text` to the last comment, as Word threads a reply: its own
    /// reference beside the comment's, and its parent named in commentsExtended.xml.
    pub fn reply(&mut self, author: &str, text: &str) -> &mut Self {
        let parent = self.comments.len() - 1;
        let id = self.comments.len();
        let reference = format!("<w:r><w:commentReference w:id=\"{parent}\"/></w:r>");
        let document = self.document();
        let at = document.find(&reference).expect("a comment to reply to") + reference.len();
        document.insert_str(at, &format!("<w:r><w:commentReference w:id=\"{id}\"/></w:r>"));
        self.comments.push(format!(
            "<w:comment w:id=\"{id}\" w:author=\"{author}\" w:date=\"2026-12-01T12:00:00Z\" w:initials=\"R\"><w:p w14:paraId=\"{id:08X}\">{}</w:p></w:comment>",
            run(text)
        ));
        self.threads.push((id, parent));
        self
    }

    /// The file as the reviewer saves it, `saved_by` its last author.
    pub fn save(&self, saved_by: &str) -> Vec<u8> {
        let mut parts: Vec<(&str, String)> = self
            .parts
            .iter()
            .filter(|(n, _)| {
                ![
                    "docProps/core.xml",
                    "word/comments.xml",
                    "word/commentsExtended.xml",
                ]
                .contains(&n.as_str())
            })
            .map(|(n, t)| (n.as_str(), t.clone()))
            .collect();
        parts.push(("docProps/core.xml", core(saved_by)));
        if !self.comments.is_empty() {
            // Word links the comments part from the document when it saves one.
            const COMMENTS: &str =
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
            if let Some((_, rels)) = parts
                .iter_mut()
                .find(|(n, _)| *n == "word/_rels/document.xml.rels")
                .filter(|(_, rels)| !rels.contains(&format!("Type=\"{COMMENTS}\"")))
            {
                *rels = rels.replace(
                    "</Relationships>",
                    &format!("<Relationship Id=\"rIdComments\" Type=\"{COMMENTS}\" Target=\"comments.xml\" /></Relationships>"),
                );
            }
            parts.push((
                "word/comments.xml",
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:comments {W}>{}</w:comments>",
                    self.comments.concat()
                ),
            ));
        }
        if !self.threads.is_empty() {
            let entries: String = (0..self.comments.len())
                .map(|id| match self.threads.iter().find(|(reply, _)| *reply == id) {
                    Some((_, parent)) => format!(
                        "<w15:commentEx w15:paraId=\"{id:08X}\" w15:paraIdParent=\"{parent:08X}\" w15:done=\"0\"/>"
                    ),
                    None => format!("<w15:commentEx w15:paraId=\"{id:08X}\" w15:done=\"0\"/>"),
                })
                .collect();
            parts.push((
                "word/commentsExtended.xml",
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w15:commentsEx {W}>{entries}</w15:commentsEx>"
                ),
            ));
        }
        package(&parts)
    }
}
