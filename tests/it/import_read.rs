//! Members' documents read as a person sees them: every document of the corpus through
//! the import's reader (the blocks snapshotted: kind, number, lead-in, words, comments),
//! the corpus's Word and OpenDocument files checked against the XML parts they are
//! built from, and hostile files refused with a message saying what to do.

use std::fmt::Write;
use std::path::Path;

use consult::import::document::{Block, BlockKind, Document};
use consult::import::read::{self, Limits, read_with_limits};
use proptest::prelude::*;

use crate::support::corpus;

/// A document as a reviewer checks it: what it was read as, then one line a block.
fn render(document: &Document) -> String {
    let mut out = String::new();
    writeln!(out, "format: {}", document.format.name()).unwrap();
    writeln!(out, "title: {}", document.title.as_deref().unwrap_or("-")).unwrap();
    match &document.organisation {
        Some(named) => writeln!(out, "organisation: {} (from {})", named.name, named.found_in),
        None => writeln!(out, "organisation: -"),
    }
    .unwrap();
    for notice in &document.notices {
        writeln!(out, "notice: {notice}").unwrap();
    }
    for (index, block) in document.blocks.iter().enumerate() {
        writeln!(out, "{index:>3} {}", line(block)).unwrap();
        for comment in &block.comments {
            writeln!(
                out,
                "      comment by {} ({}) on {:?}: {}",
                comment.author,
                comment.date.as_deref().unwrap_or("no date"),
                comment.anchor.as_deref().unwrap_or("-"),
                comment.text
            )
            .unwrap();
        }
    }
    out
}

fn line(block: &Block) -> String {
    let kind = match &block.kind {
        BlockKind::Heading { level } => format!("heading {level}"),
        BlockKind::ListItem { number, level } => {
            format!("item {} (level {level})", number.as_deref().unwrap_or("•"))
        }
        BlockKind::TableRow => "row".into(),
        other => other.name().into(),
    };
    match block.lead_in_text() {
        Some(lead) => format!("{kind} [{lead}] {}", block.text[lead.len()..].trim_start()),
        None => format!("{kind}: {}", block.text),
    }
}

fn read_file(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    read::read(&name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_corpus_document_reads_as_a_person_sees_it() {
    let documents = corpus::documents();
    assert!(
        documents.len() >= 12,
        "the corpus has {} documents",
        documents.len()
    );
    for path in documents {
        let document = read_file(&path);
        let name = path.file_name().unwrap().to_string_lossy().replace('.', "_");
        insta::assert_snapshot!(name, render(&document));
    }
}

#[test]
fn every_block_is_words_without_control_characters() {
    for path in corpus::documents() {
        let document = read_file(&path);
        assert!(!document.blocks.is_empty(), "{}", path.display());
        for block in &document.blocks {
            assert!(!block.text.is_empty());
            assert_eq!(block.text.trim(), block.text);
            assert!(
                !block.text.chars().any(char::is_control),
                "{}: {:?}",
                path.display(),
                block.text
            );
            if let Some(lead) = block.lead_in {
                assert!(lead < block.text.len() && block.text.is_char_boundary(lead));
            }
        }
    }
}

/// The packages in the corpus are their XML sources zipped: the committed file holds
/// exactly the source parts, in order. `CONSULT_BLESS=1` rebuilds them after an edit.
#[test]
fn corpus_packages_are_built_from_their_sources() {
    let sources = corpus::package_sources();
    assert!(sources.len() >= 5);
    for source in sources {
        let parts = corpus::parts(&source);
        let built = crate::support::fixtures::root()
            .join(corpus::CORPUS)
            .join(source.file_name().unwrap());
        if std::env::var_os("CONSULT_BLESS").is_some() {
            std::fs::write(&built, corpus::package(&parts)).unwrap();
        }
        let committed = std::fs::read(&built)
            .unwrap_or_else(|_| panic!("{} is missing: run with CONSULT_BLESS=1", built.display()));
        let names = |parts: &[(String, Vec<u8>)]| parts.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        let unpacked = corpus::unpacked(&committed);
        assert_eq!(names(&unpacked), names(&parts), "{}", built.display());
        for ((name, bytes), (_, source_bytes)) in unpacked.iter().zip(&parts) {
            assert!(
                bytes == source_bytes,
                "{}: {name} differs from its source",
                built.display()
            );
        }
    }
}

/// A Word file whose parts are `parts`, each (name, text).
fn word_file(parts: &[(&str, &str)]) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = parts
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
    corpus::package(&parts)
}

fn refusal(name: &str, bytes: &[u8]) -> String {
    match read::read(name, bytes) {
        Ok(document) => panic!("{name} was read: {document:?}"),
        Err(error) => error.message,
    }
}

#[test]
fn files_no_reader_takes_are_refused_with_what_to_do() {
    let save = "save it as Word (.docx) or text and import that";
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(2048, 0);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("reply.pdf", b"%PDF-1.7\n%\xE2\xE3\n1 0 obj".to_vec(), "is a PDF"),
        (
            "scan.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "is a PNG image",
        ),
        (
            "scan.jpg",
            b"\xFF\xD8\xFF\xE0\0\x10JFIF".to_vec(),
            "is a JPEG image",
        ),
        ("scan.gif", b"GIF89a\x01\0\x01\0".to_vec(), "is a GIF image"),
        ("old.doc", ole, "old-style Word (.doc)"),
        ("locked.docx", encrypted, "password-protected Word file"),
        ("blob.bin", vec![0, 1, 2, 3, 0, 0, 7, 255], "binary data"),
        ("letter.rtf", b"{\\rtf1\\ansi hello}".to_vec(), "Rich Text"),
        (
            "photos.zip",
            word_file(&[("holiday.txt", "not a reply")]),
            "is a zip archive",
        ),
        (
            "sheet.xlsx",
            word_file(&[
                ("[Content_Types].xml", "<Types/>"),
                ("xl/workbook.xml", "<workbook/>"),
            ]),
            "spreadsheet",
        ),
        (
            "empty.docx",
            word_file(&[("[Content_Types].xml", "<Types/>")]),
            "word/document.xml is missing",
        ),
        (
            "truncated.docx",
            b"PK\x03\x04\x14\0\0\0\x08\0".to_vec(),
            "damaged zip file",
        ),
    ];
    for (name, bytes, says) in cases {
        let message = refusal(name, &bytes);
        assert!(message.contains(says), "{name}: {message}");
        assert!(
            message.contains(save) || message.contains("unprotected copy"),
            "{name}: {message}"
        );
    }
}

#[test]
fn malformed_word_xml_is_named_with_its_line_and_column() {
    let bytes = word_file(&[(
        "word/document.xml",
        "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"x\">\n  <w:body><w:p><w:r><w:t>Hi</w:r></w:p></w:body>\n</w:document>",
    )]);
    let message = refusal("broken.docx", &bytes);
    assert!(
        message.contains("word/document.xml is not well-formed XML at line 3, column"),
        "{message}"
    );
}

#[test]
fn a_zip_bomb_is_refused_by_what_it_unpacks_to_not_what_it_claims() {
    let big = "<w:p/>".repeat(400_000); // 2.4 MB that deflates to a few kilobytes
    let document = format!("<w:document xmlns:w=\"x\"><w:body>{big}</w:body></w:document>");
    let bytes = word_file(&[("word/document.xml", &document)]);
    assert!(bytes.len() < 100_000);
    let limits = Limits {
        file: 1 << 20,
        entry: 1 << 20,
        archive: 4 << 20,
    };
    let message = read_with_limits("bomb.docx", &bytes, limits).unwrap_err().message;
    assert!(
        message.contains("word/document.xml") && message.contains("zip bomb"),
        "{message}"
    );
    let too_big = vec![b'a'; (1 << 20) + 1];
    let message = read_with_limits("huge.txt", &too_big, limits)
        .unwrap_err()
        .message;
    assert!(message.contains("larger than the 1 MiB"), "{message}");
}

#[test]
fn hostile_text_reaches_no_block_as_control_characters() {
    let text = "Question 1\x1b[31m: we \u{202E}agree\x07.\r\n\r\nNext\tparagraph\x00 here";
    let document = read::read("-", text.as_bytes());
    // NUL makes it binary: refused; without it the controls are dropped.
    assert!(document.is_err());
    let document = read::read("-", text.replace('\0', "").as_bytes()).unwrap();
    let texts: Vec<&str> = document.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Question 1[31m: we agree.", "Next paragraph here"]);
}

/// Every corpus file, its bytes.
fn corpus_bytes() -> Vec<(String, Vec<u8>)> {
    corpus::documents()
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Damaged copies of every corpus document (bytes changed, cut short) are read or
    /// refused, never a panic; whatever is read is still clean words.
    #[test]
    fn mutated_corpus_documents_never_panic(
        which in 0usize..64,
        flips in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<proptest::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let files = corpus_bytes();
        let (name, mut bytes) = files[which % files.len()].clone();
        for (at, byte) in flips {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        if let Ok(document) = read::read(&name, &bytes) {
            for block in document.blocks {
                prop_assert!(!block.text.is_empty());
                prop_assert!(!block.text.chars().any(char::is_control));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// The parts inside the corpus's Word and OpenDocument files, damaged and zipped
    /// again (so the XML readers, not the zip's checksums, meet the damage): read or
    /// refused, never a panic.
    #[test]
    fn mutated_package_parts_never_panic(
        which in 0usize..16,
        part in any::<proptest::sample::Index>(),
        flips in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..6),
        cut in proptest::option::of(any::<proptest::sample::Index>()),
    ) {
        let sources = corpus::package_sources();
        let source = &sources[which % sources.len()];
        let mut parts = corpus::parts(source);
        let at = part.index(parts.len());
        let bytes = &mut parts[at].1;
        for (at, byte) in flips {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        let name = source.file_name().unwrap().to_string_lossy().into_owned();
        if let Ok(document) = read::read(&name, &corpus::package(&parts)) {
            for block in document.blocks {
                prop_assert!(!block.text.is_empty());
                prop_assert!(!block.text.chars().any(char::is_control));
            }
        }
    }
}
