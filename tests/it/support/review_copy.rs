//! Word copies for review and what reviewers do to them, for the `review` tests: a copy
//! marked as consult marks one (bookmarks `consult_a<N>`/`consult_r<N>` around each
//! item's answer and reasoning, `consult.*` custom properties naming the draft and the
//! version), and edits of its XML as Word writes a reviewer's tracked changes, untracked
//! edits and comments.

#![allow(dead_code)] // each test uses some of these

use std::io::{Read, Write};
use std::path::Path;

use consult::model::{QuestionSet, Response, sha256};

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

/// Paragraphs of `text` (split at blank lines) bookmarked as `name`; an empty text is one
/// empty bookmarked paragraph.
fn marked(id: usize, name: &str, text: &str) -> String {
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let last = paragraphs.len() - 1;
    paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let start = if i == 0 {
                format!("<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>")
            } else {
                String::new()
            };
            let end = if i == last {
                format!("<w:bookmarkEnd w:id=\"{id}\"/>")
            } else {
                String::new()
            };
            let runs = if p.is_empty() { String::new() } else { run(p) };
            format!("<w:p>{start}{runs}{end}</w:p>")
        })
        .collect()
}

/// The review copy of the draft at `draft` (to `set`), as the review copy writer marks it.
pub fn made_for_review(draft: &Path, set: &QuestionSet) -> Vec<u8> {
    let bytes = std::fs::read(draft).unwrap();
    let response: Response = serde_json::from_slice(&bytes).unwrap();
    let mut body = format!(
        "<w:p>{}</w:p>",
        run("For review: edit with Track Changes on, comment on any passage, do not retype the headings.")
    );
    for (i, item) in set.items().enumerate() {
        let n = i + 1;
        let answer = response.answer(&item.id);
        body.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>{}</w:p>",
            run(&item.label)
        ));
        body.push_str(&marked(
            2 * n,
            &format!("consult_a{n}"),
            answer.map_or("", |a| &a.answer),
        ));
        body.push_str(&format!("<w:p>{}</w:p>", run("Reasoning")));
        body.push_str(&marked(
            2 * n + 1,
            &format!("consult_r{n}"),
            answer.map_or("", |a| &a.reasoning),
        ));
    }
    let property = |pid: usize, name: &str, value: &str| {
        format!(
            "<property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"{pid}\" name=\"{name}\"><vt:lpwstr>{}</vt:lpwstr></property>",
            escape(value)
        )
    };
    let custom = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">{}{}{}{}{}</Properties>",
        property(2, "consult.set", &response.question_set.id),
        property(3, "consult.set_digest", &response.question_set.digest),
        property(4, "consult.organisation", &response.respondent.organisation),
        property(5, "consult.version", &sha256(&bytes)),
        property(6, "consult.draft", &draft.file_name().unwrap().to_string_lossy()),
    );
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{body}</w:body></w:document>"
            ),
        ),
        ("docProps/custom.xml", custom),
        ("docProps/core.xml", core("consult")),
    ])
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
    <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
    <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
    <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
    <Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>\
    <Override PartName=\"/word/commentsExtended.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml\"/>\
    <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
    <Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>\
    </Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
    <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
    <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
    <Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"/>\
    </Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
    <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>\
    <Relationship Id=\"rId2\" Type=\"http://schemas.microsoft.com/office/2011/relationships/commentsExtended\" Target=\"commentsExtended.xml\"/>\
    </Relationships>";

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
        *document = document.replacen(&format!("<w:bookmarkEnd w:id=\"{id}\"/>"), "", 1);
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
