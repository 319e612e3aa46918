//! A joint response's member files: how the joint draft names them, and reading them as
//! they are now, to see what members changed since their answers were taken.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use super::DraftId;
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::documents;
use crate::model::joint::{Joint, Member};
use crate::model::{QuestionSet, Response};
use crate::storage;

/// How a joint draft at `joint_dir` names a member's file: relative to the draft's folder
/// when it is inside it (so the two can move together), else in full.
pub fn member_file(member: &Path, joint_dir: &Path) -> String {
    let full = member.canonicalize().unwrap_or_else(|_| member.to_path_buf());
    let dir = joint_dir
        .canonicalize()
        .unwrap_or_else(|_| joint_dir.to_path_buf());
    match full.strip_prefix(&dir) {
        // With `/` between folders, so the two files can move to another system together.
        Ok(inside) => inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => full.display().to_string(),
    }
}

/// A member's file as it was found when the joint draft's members were looked for.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberNow {
    /// The member's response as its file holds it now.
    Read(Box<Response>),
    /// A file outside the joint draft's folder: read only once the user allows it (a joint
    /// draft may come from someone else, and name any file on this machine).
    Outside(PathBuf),
    /// Not read, and why: gone, not a regular file, too large, leading out of the folder.
    NotRead(String),
    /// Another organisation's response: reported, never compared with the member's copy.
    OtherOrganisation(String),
}

impl MemberNow {
    pub fn response(&self) -> Option<&Response> {
        match self {
            MemberNow::Read(response) => Some(response),
            _ => None,
        }
    }

    /// Why the member's file was not compared, for a person to read; `None` when it was.
    pub fn problem(&self, member: &str) -> Option<String> {
        match self {
            MemberNow::Read(_) => None,
            MemberNow::Outside(path) => Some(format!(
                "{} is outside the joint draft's folder, and was not read",
                shown(&path.display().to_string())
            )),
            MemberNow::NotRead(why) => Some(why.clone()),
            MemberNow::OtherOrganisation(found) => Some(format!(
                "the file is now a response from {:?}, not {:?}; it was not compared",
                shown(found),
                shown(member)
            )),
        }
    }
}

/// Where a member's file may be read from, by how the joint draft names it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// Inside the joint draft's folder (links resolved).
    Inside(PathBuf),
    /// Named by an absolute path outside the folder (links resolved).
    Outside(PathBuf),
}

/// Finds the member file `file` named by the joint draft at `joint`. A relative name may not
/// lead out of the joint draft's folder, by `..` or through a link; an absolute one outside
/// it is [`Place::Outside`]. Nothing is opened.
fn place(joint: &Path, file: &str) -> Result<Place, String> {
    let dir = joint
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = dir
        .canonicalize()
        .map_err(|e| format!("the joint draft's folder cannot be read: {e}"))?;
    let named = Path::new(file);
    let relative = !named.is_absolute() && !named.has_root();
    if relative {
        let mut depth = 0usize;
        for part in named.components() {
            match part {
                Component::ParentDir if depth == 0 => {
                    return Err(format!("{} leads out of the joint draft's folder", shown(file)));
                }
                Component::ParentDir => depth -= 1,
                Component::Normal(_) => depth += 1,
                _ => {}
            }
        }
    }
    let full = if relative {
        dir.join(named)
    } else {
        named.to_path_buf()
    };
    let resolved = full.canonicalize().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{}: no such file", shown(file)),
        _ => format!("{}: cannot be read: {e}", shown(file)),
    })?;
    match (resolved.starts_with(&dir), relative) {
        (true, _) => Ok(Place::Inside(resolved)),
        (false, true) => Err(format!(
            "{} leads out of the joint draft's folder through a link",
            shown(file)
        )),
        (false, false) => Ok(Place::Outside(resolved)),
    }
}

fn shown(file: &str) -> String {
    crate::text::visible_line(file).into_owned()
}

/// Reads the member's response at `path` (links already resolved), once it is known to be a
/// regular file no larger than the limit: a pipe or a device is never opened, so it cannot
/// block or pour out data.
fn read_member(path: &Path, organisation: &str, catalog: &Catalog, set: &QuestionSet) -> MemberNow {
    let shown_path = shown(&path.display().to_string());
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return MemberNow::NotRead(format!("{shown_path} is not a regular file, and was not read"));
        }
        Ok(meta) if meta.len() > crate::parse::MAX_FILE_BYTES as u64 => {
            return MemberNow::NotRead(format!(
                "{shown_path} is too large to be a response, and was not read"
            ));
        }
        Ok(_) => {}
        Err(e) => return MemberNow::NotRead(format!("{shown_path}: cannot be read: {e}")),
    }
    match documents::open_response(path, catalog, Some(set)) {
        Ok(opened) if opened.response.respondent.organisation.trim() != organisation => {
            MemberNow::OtherOrganisation(opened.response.respondent.organisation.trim().to_string())
        }
        Ok(opened) => MemberNow::Read(Box::new(opened.response)),
        Err(e) => MemberNow::NotRead(e.to_string()),
    }
}

/// Where, outside a joint draft's folder, its member files may be read from: what the user
/// agreed to on this machine, never what the joint draft itself says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberFolders {
    /// Anywhere (`--allow-member-path`).
    pub everywhere: bool,
    /// These folders (links resolved) and everything in them.
    pub folders: Vec<PathBuf>,
}

impl MemberFolders {
    pub const EVERYWHERE: MemberFolders = MemberFolders {
        everywhere: true,
        folders: Vec::new(),
    };

    fn allow(&self, path: &Path) -> bool {
        self.everywhere || self.folders.iter().any(|folder| path.starts_with(folder))
    }
}

/// The folders outside its own that the joint draft `id`'s member files may be read from:
/// those its members were taken from here, and those the user agreed to.
pub fn member_folders(dirs: &Dirs, id: &DraftId) -> MemberFolders {
    let text = std::fs::read_to_string(member_folders_file(dirs, id)).unwrap_or_default();
    MemberFolders {
        everywhere: false,
        folders: text
            .lines()
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect(),
    }
}

/// Remembers that the joint draft `id`'s member files may be read from the folders that
/// hold `files` (links resolved). Forgetting is no loss (the app asks again), so a failure
/// to write is not reported.
pub fn allow_member_folders<'a>(dirs: &Dirs, id: &DraftId, files: impl IntoIterator<Item = &'a Path>) {
    let mut known = member_folders(dirs, id).folders;
    for file in files {
        let folder = file
            .canonicalize()
            .ok()
            .and_then(|f| f.parent().map(Path::to_path_buf));
        if let Some(folder) = folder.filter(|f| !known.contains(f)) {
            known.push(folder);
        }
    }
    let path = member_folders_file(dirs, id);
    let lines: String = known.iter().map(|f| format!("{}\n", f.display())).collect();
    if let Some(parent) = path.parent()
        && std::fs::create_dir_all(parent).is_ok()
    {
        let _ = storage::write_atomic(&path, lines.as_bytes(), storage::NewFileMode::Private);
    }
}

fn member_folders_file(dirs: &Dirs, id: &DraftId) -> PathBuf {
    dirs.data.join("member-folders").join(format!("{}.txt", id.key()))
}

/// Each member's response as its file holds it now, in member order (the joint draft's copy
/// stands whatever is found). Files outside the joint draft's folder are read only from
/// where `allowed` says the user agreed to.
pub fn members_now(
    joint_path: &Path,
    joint: &Joint,
    catalog: &Catalog,
    set: &QuestionSet,
    allowed: &MemberFolders,
) -> Vec<MemberNow> {
    joint
        .members
        .par_iter()
        .map(|member| member_now(joint_path, member, catalog, set, allowed))
        .collect()
}

/// One member's response as its file holds it now (see [`members_now`]).
pub fn member_now(
    joint_path: &Path,
    member: &Member,
    catalog: &Catalog,
    set: &QuestionSet,
    allowed: &MemberFolders,
) -> MemberNow {
    match place(joint_path, &member.file) {
        Ok(Place::Inside(path)) => read_member(&path, &member.organisation, catalog, set),
        Ok(Place::Outside(path)) if allowed.allow(&path) => {
            read_member(&path, &member.organisation, catalog, set)
        }
        Ok(Place::Outside(path)) => MemberNow::Outside(path),
        Err(why) => MemberNow::NotRead(why),
    }
}

/// The members' responses in `files`, each with how a joint draft at `joint_dir` names it.
pub fn read_members(
    files: &[PathBuf],
    joint_dir: &Path,
    catalog: &Catalog,
    set: Option<&QuestionSet>,
) -> Result<Vec<(String, Response)>, crate::error::FileError> {
    files
        .iter()
        .map(|file| {
            Ok((
                member_file(file, joint_dir),
                documents::open_response(file, catalog, set)?.response,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(dir: &Path, file: &str) -> Result<Place, String> {
        place(&dir.join("joint.json"), file)
    }

    #[test]
    fn a_relative_member_path_stays_in_the_joint_drafts_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("members")).unwrap();
        std::fs::write(root.join("members/a.json"), "{}").unwrap();
        let a = Ok(Place::Inside(root.join("members/a.json")));
        assert_eq!(inside(&root, "members/a.json"), a);
        assert_eq!(inside(&root, "members/../members/a.json"), a);
        for climbing in ["../../etc/passwd", "../joint.json", "members/../../x.json"] {
            let refused = inside(&root, climbing).unwrap_err();
            assert!(
                refused.contains("leads out of the joint draft's folder"),
                "{climbing}: {refused}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_refused_and_an_absolute_path_outside_is_asked_about() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let joint_dir = root.join("joint");
        std::fs::create_dir(&joint_dir).unwrap();
        std::fs::write(root.join("secret.json"), "{}").unwrap();
        std::os::unix::fs::symlink(root.join("secret.json"), joint_dir.join("link.json")).unwrap();
        let refused = inside(&joint_dir, "link.json").unwrap_err();
        assert!(refused.contains("through a link"), "{refused}");
        let absolute = root.join("secret.json").display().to_string();
        assert_eq!(
            inside(&joint_dir, &absolute),
            Ok(Place::Outside(root.join("secret.json")))
        );
    }
}
