//! Members' documents among the files of a comparison or a joint response: told apart
//! from consult's own responses, imported on the way with the organisation the document
//! names (or refused: there is no one to ask), and kept as a response file that the
//! comparison and the joint response read like any other.

use std::path::{Path, PathBuf};

use super::response::{Imported, SourceFile, import};
use crate::model::QuestionSet;
use crate::storage::{self, NewFileMode};

/// The names a folder's members' documents end in, besides consult's own `.json`.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["docx", "odt", "md", "markdown", "txt", "html", "htm", "eml"];

/// Whether `path` is a member's document rather than a consult response: its name says
/// so, or (for a name that does not) its first visible byte does not open JSON.
pub fn is_document(path: &Path) -> bool {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if extension == "json" {
        return false;
    }
    if DOCUMENT_EXTENSIONS.contains(&extension.as_str()) {
        return true;
    }
    let mut start = [0u8; 64];
    let read = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut start))
        .unwrap_or(0);
    start[..read]
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF)
        .is_some_and(|&b| b != b'{')
}

/// A document imported as a member: the response, where it was written, and the words
/// for telling the user.
pub struct Member {
    pub imported: Imported,
    pub written: PathBuf,
    /// "fenwick.docx: imported as … (organisation from the title); 2 positions
    /// inferred, 3 passages not placed".
    pub report: String,
}

/// Imports the document at `path` on `set`, with the organisation it names, and writes
/// the response into `into` (named after the organisation and the set, never over
/// another file unless it is this document's own earlier import).
pub fn import_member(path: &Path, set: &QuestionSet, into: &Path) -> Result<Member, String> {
    let shown = crate::text::visible_line(&path.display().to_string()).into_owned();
    let bytes = storage::read_bytes(path).map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let document = super::read::read(&name, &bytes).map_err(|e| format!("{shown}: {e}"))?;
    let Some(named) = document.organisation.clone() else {
        return Err(format!(
            "{shown}: the document does not say which organisation sent it; import it first with `consult import {shown} --questions {} --org NAME` and name the response instead",
            set.id
        ));
    };
    let digest = crate::model::sha256(&bytes);
    let imported = import(
        &document,
        set,
        SourceFile {
            name,
            digest: digest.clone(),
        },
        &named.name,
        crate::model::response::now(),
    );
    std::fs::create_dir_all(into).map_err(|e| format!("{}: cannot make the folder: {e}", into.display()))?;
    let written = free_for(into, &imported, &digest);
    storage::write_atomic(
        &written,
        crate::export::json::render(&imported.response).as_bytes(),
        NewFileMode::Private,
    )
    .map_err(|e| format!("{}: cannot write: {e}", written.display()))?;
    let summary = &imported.summary;
    let report = format!(
        "{shown}: imported as {} ({:?}, from {}); {} position(s) inferred, {} of {} passage(s) not placed",
        written.display(),
        crate::text::visible_line(&named.name),
        named.found_in,
        summary.inferred,
        summary.not_placed,
        summary.placed + summary.not_placed
    );
    Ok(Member {
        imported,
        written,
        report,
    })
}

/// The response's default name in `dir`, or the next free one; a file already holding an
/// import of the same document (by digest) is replaced, so importing again adds nothing.
fn free_for(dir: &Path, imported: &Imported, digest: &str) -> PathBuf {
    let first = crate::export::default_path(dir, &imported.response, crate::export::Format::Json);
    crate::storage::numbered(&first, |candidate, _| match std::fs::read_to_string(candidate) {
        // Only a name nothing holds is free: a file that cannot be read is never replaced.
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        Ok(text) => crate::parse::response(&text)
            .ok()
            .and_then(|r| r.source)
            .is_some_and(|s| s.digest == digest),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn importing_again_replaces_only_its_own_earlier_import_never_a_file_it_cannot_read() {
        let dir = tempfile::tempdir().unwrap();
        let document = dir.path().join("reply.md");
        std::fs::write(
            &document,
            "# Response of the Fenwick Trust\n\nQuestion 1: We agree.\n",
        )
        .unwrap();
        let set = crate::catalog::Catalog::built_in()
            .find("integrating-care")
            .unwrap()
            .clone();
        let first = import_member(&document, &set, dir.path()).unwrap().written;
        let again = import_member(&document, &set, dir.path()).unwrap().written;
        assert_eq!(again, first, "the same document's import is replaced");
        std::fs::write(&first, b"\xff\xfe not a response").unwrap();
        let third = import_member(&document, &set, dir.path()).unwrap().written;
        assert_ne!(third, first);
        assert_eq!(std::fs::read(&first).unwrap(), b"\xff\xfe not a response");
    }
}
