//! A joint response's member files: how the joint draft names them, and reading them as
//! they are now, to see what members changed since their answers were taken.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::documents;
use crate::model::joint::Joint;
use crate::model::{QuestionSet, Response};

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

/// Where a member's file is, from how the joint draft at `joint` names it.
pub fn member_path(joint: &Path, file: &str) -> PathBuf {
    let file = Path::new(file);
    if file.is_absolute() {
        return file.to_path_buf();
    }
    joint.parent().unwrap_or(Path::new("")).join(file)
}

/// Each member's response as its file holds it now, in member order; `None` for a file
/// that is gone or cannot be read (the joint draft's copy still stands).
pub fn members_now(
    joint_path: &Path,
    joint: &Joint,
    catalog: &Catalog,
    set: &QuestionSet,
) -> Vec<Option<Response>> {
    joint
        .members
        .par_iter()
        .map(|member| {
            documents::open_response(&member_path(joint_path, &member.file), catalog, Some(set))
                .ok()
                .map(|opened| opened.response)
        })
        .collect()
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
