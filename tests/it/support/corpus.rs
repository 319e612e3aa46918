//! The corpus of members' documents (tests/fixtures/import): every file a member might
//! send, answering the built-in set. The Word and OpenDocument files are built from
//! readable XML parts kept beside them in `src/NAME.docx/` and `src/NAME.odt/`.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The corpus folder, relative to the repository root.
pub const CORPUS: &str = "tests/fixtures/import";

/// Every document in the corpus, by path, in name order (the README and the sources
/// are not documents).
pub fn documents() -> Vec<PathBuf> {
    let dir = super::fixtures::root().join(CORPUS);
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && path.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    found.sort();
    found
}

/// The folders holding the parts of the corpus's packages, by name ("NAME.docx").
pub fn package_sources() -> Vec<PathBuf> {
    let dir = super::fixtures::root().join(CORPUS).join("src");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    found.sort();
    found
}

/// A package's parts, as (name inside the zip, bytes), in the order a writer puts them:
/// `mimetype` (OpenDocument) or `[Content_Types].xml` (Word) first, the rest by name.
pub fn parts(source: &Path) -> Vec<(String, Vec<u8>)> {
    let mut parts = Vec::new();
    collect(source, source, &mut parts);
    parts.sort_by_key(|(name, _)| {
        (
            !matches!(name.as_str(), "mimetype" | "[Content_Types].xml"),
            name.clone(),
        )
    });
    parts
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((name, std::fs::read(&path).unwrap()));
        }
    }
}

/// The zip of `parts`: deflated, except OpenDocument's `mimetype`, which is stored, as
/// the format requires.
pub fn package(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The parts of a built package, in the order they are stored.
pub fn unpacked(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            (entry.name().to_string(), bytes)
        })
        .collect()
}
