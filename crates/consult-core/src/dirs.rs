//! Where consult keeps its files: the data folder (drafts and everything kept about them)
//! and the configuration folder (the user's own question sets).

use std::path::{Path, PathBuf};

/// `path` with a leading `~` (alone or before a separator) as the user's home folder,
/// as a shell would read it.
pub fn expand_home(path: &str) -> PathBuf {
    let rest = match path.strip_prefix('~') {
        Some("") => "",
        Some(rest) if rest.starts_with(['/', std::path::MAIN_SEPARATOR]) => &rest[1..],
        _ => return PathBuf::from(path),
    };
    match directories::BaseDirs::new() {
        Some(base) => base.home_dir().join(rest),
        None => PathBuf::from(path),
    }
}

/// The folders consult keeps its files in.
#[derive(Debug, Clone)]
pub struct Dirs {
    /// Drafts and their history.
    pub data: PathBuf,
    /// Settings and the user's own question sets.
    pub config: PathBuf,
}

impl Dirs {
    /// The platform's usual places, unless `CONSULT_DATA_DIR` / `CONSULT_CONFIG_DIR` say otherwise
    /// (tests and portable installs use those).
    pub fn locate() -> Dirs {
        let project = directories::ProjectDirs::from("", "", "consult");
        let pick = |var: &str, default: Option<&Path>| {
            std::env::var_os(var)
                .map(PathBuf::from)
                .or_else(|| default.map(Path::to_path_buf))
                .unwrap_or_else(|| PathBuf::from(".consult"))
        };
        Dirs {
            data: pick("CONSULT_DATA_DIR", project.as_ref().map(|p| p.data_dir())),
            config: pick("CONSULT_CONFIG_DIR", project.as_ref().map(|p| p.config_dir())),
        }
    }

    pub fn drafts(&self) -> PathBuf {
        self.data.join("drafts")
    }

    /// Deleted drafts, kept so they can be restored.
    pub fn trash(&self) -> PathBuf {
        self.data.join("trash")
    }

    /// Recovery copies of open drafts.
    pub fn recovery(&self) -> PathBuf {
        self.data.join("recovery")
    }

    /// Locks of open drafts.
    pub fn locks(&self) -> PathBuf {
        self.data.join("locks")
    }

    /// Earlier saved versions of every draft.
    pub fn history(&self) -> PathBuf {
        self.data.join("history")
    }

    /// Responses made from members' documents named in a comparison, kept so that the
    /// comparison can read them and the user can correct their placing.
    pub fn imported(&self) -> PathBuf {
        self.data.join("imported")
    }

    /// The user's own question sets.
    pub fn question_sets(&self) -> PathBuf {
        self.config.join("questions")
    }
}
