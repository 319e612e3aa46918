//! The question sets consult knows: built into the binary, or the user's own.

use std::path::{Path, PathBuf};

use crate::error::FileError;
use crate::model::QuestionSet;
use crate::model::validate::{Location, Problem};
use crate::{parse, storage};

/// Question sets compiled into the binary, so it works from any directory.
/// The first is the one a new response starts on unless another is chosen.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "questions/integrating-care.json",
        include_str!("../../../questions/integrating-care.json"),
    ),
    (
        "questions/integration-and-innovation.json",
        include_str!("../../../questions/integration-and-innovation.json"),
    ),
    (
        "questions/health-and-care-bill.json",
        include_str!("../../../questions/health-and-care-bill.json"),
    ),
];

/// Earlier published versions of the built-in sets, so that a draft answering one can be
/// shown what changed since. Named by set id and the start of the version's digest.
const EARLIER: &[(&str, &str)] = &[(
    "questions/earlier/integrating-care-034cb32ec22b.json",
    include_str!("../../../questions/earlier/integrating-care-034cb32ec22b.json"),
)];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    User(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub set: QuestionSet,
    pub origin: Origin,
}

/// Every known question set, plus the user files that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub entries: Vec<Entry>,
    pub problems: Vec<FileError>,
}

impl Catalog {
    /// Only the built-in sets.
    pub fn built_in() -> Catalog {
        let entries = BUILT_IN
            .iter()
            .map(|(name, text)| Entry {
                set: parse::question_set(text)
                    .unwrap_or_else(|p| panic!("built-in question set {name} is invalid: {p:?}")),
                origin: Origin::BuiltIn,
            })
            .collect();
        Catalog {
            entries,
            problems: Vec::new(),
        }
    }

    /// The built-in sets and every `*.json` set in `dir` (missing folder: none).
    pub fn with_user_sets(dir: &Path) -> Catalog {
        let mut catalog = Catalog::built_in();
        let Ok(listing) = std::fs::read_dir(dir) else {
            return catalog;
        };
        let mut paths: Vec<PathBuf> = listing
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        for path in paths {
            match load_question_set(&path) {
                Ok(set) => catalog.add_user(set, path),
                Err(e) => catalog.problems.push(e),
            }
        }
        catalog
    }

    fn add_user(&mut self, set: QuestionSet, path: PathBuf) {
        if self.find(&set.id).is_some() {
            let message = format!(
                "question set id {:?} is already taken; this file is ignored",
                set.id
            );
            self.problems
                .push(FileError::bad(&path, vec![Problem::at("id", message)]));
            return;
        }
        self.entries.push(Entry {
            set,
            origin: Origin::User(path),
        });
    }

    /// The earlier version of set `id` whose digest is `digest`, when consult knows it.
    pub fn earlier(&self, id: &str, digest: &str) -> Option<QuestionSet> {
        let hex = digest.strip_prefix("sha256:")?;
        EARLIER
            .iter()
            .filter(|(name, _)| {
                name.strip_suffix(".json")
                    .and_then(|n| n.rsplit_once('-'))
                    .is_some_and(|(_, start)| !start.is_empty() && hex.starts_with(start))
            })
            .filter_map(|(_, text)| parse::question_set(text).ok())
            .find(|set| set.id == id && set.digest() == digest)
    }

    pub fn find(&self, id: &str) -> Option<&QuestionSet> {
        self.entries.iter().map(|e| &e.set).find(|s| s.id == id)
    }

    /// A set named by id, or else read from a file path.
    pub fn resolve(&self, id_or_path: &str) -> Result<QuestionSet, FileError> {
        if let Some(set) = self.find(id_or_path) {
            return Ok(set.clone());
        }
        let path = Path::new(id_or_path);
        if path.exists() {
            return load_question_set(path);
        }
        Err(FileError::bad(
            path,
            vec![Problem::error(
                Location::File,
                format!(
                    "not a known question set id (known sets: {}), nor a file",
                    self.ids().join(", ")
                ),
            )],
        ))
    }

    pub fn ids(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.set.id.as_str()).collect()
    }
}

/// A question-set file, checked.
pub fn load_question_set(path: &Path) -> Result<QuestionSet, FileError> {
    let text = storage::read_text(path)?;
    parse::question_set(&text).map_err(|problems| FileError::bad(path, problems))
}
