//! Conflict copies that sync tools leave beside a file two people changed at once: which
//! file names are one, and of which draft. Pure: the caller says which names are there.

/// The sync tool whose naming a conflict copy follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SyncTool {
    /// `name (Jo Bloggs's conflicted copy 2026-12-07).json`
    Dropbox,
    /// `name (conflicted copy 2026-12-07 101502).json`, Nextcloud and ownCloud alike.
    Nextcloud,
    /// `name.sync-conflict-20261207-101502-ABCDEF1.json`
    Syncthing,
    /// `name-LAPTOP.json`: OneDrive and SharePoint add the computer's name.
    OneDrive,
    /// `name (1).json` or `name 2.json`: iCloud and others.
    Numbered,
}

impl SyncTool {
    pub fn name(self) -> &'static str {
        match self {
            SyncTool::Dropbox => "Dropbox",
            SyncTool::Nextcloud => "Nextcloud or ownCloud",
            SyncTool::Syncthing => "Syncthing",
            SyncTool::OneDrive => "OneDrive",
            SyncTool::Numbered => "a sync tool",
        }
    }
}

/// "A conflicting copy of this draft was left by a sync tool (Dropbox): NAME.": how both
/// front ends name a copy at `copy` when they offer to merge it in.
pub fn offered(copy: &std::path::Path, tool: SyncTool) -> String {
    let name = copy.file_name().map_or_else(String::new, |n| {
        crate::text::visible_line(&n.to_string_lossy()).into_owned()
    });
    format!(
        "A conflicting copy of this draft was left by a sync tool ({}): {name}.",
        tool.name()
    )
}

/// A conflict copy: the file name of the draft it is a copy of, and who left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictCopy {
    pub original: String,
    pub tool: SyncTool,
}

/// Whether the file named `name` is a sync tool's conflict copy of another file in the same
/// folder, `exists` saying which names are there. A copy of a file that is not there is not
/// taken for one: `name 2.json` alone is just a draft with a number in its name.
pub fn conflict_copy(name: &str, exists: impl Fn(&str) -> bool) -> Option<ConflictCopy> {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, ext),
        _ => return None,
    };
    let found = |original: &str, tool: SyncTool| {
        let original = format!("{original}.{ext}");
        (original != name && exists(&original)).then_some(ConflictCopy { original, tool })
    };
    if let Some((original, _)) = stem.split_once(".sync-conflict-")
        && let Some(copy) = found(original, SyncTool::Syncthing)
    {
        return Some(copy);
    }
    if let Some((original, inside)) = in_brackets(stem) {
        let tool = if is_dropbox(inside) {
            Some(SyncTool::Dropbox)
        } else if is_nextcloud(inside) {
            Some(SyncTool::Nextcloud)
        } else if is_number(inside) {
            Some(SyncTool::Numbered)
        } else {
            None
        };
        if let Some(copy) = tool.and_then(|tool| found(original, tool)) {
            return Some(copy);
        }
    }
    if let Some((original, number)) = stem.rsplit_once(' ')
        && is_number(number)
        && let Some(copy) = found(original, SyncTool::Numbered)
    {
        return Some(copy);
    }
    // A computer's name may itself hold hyphens (`DESKTOP-AB12CD3`): try each split.
    stem.match_indices('-')
        .filter(|&(at, _)| is_computer_name(&stem[at + 1..]))
        .find_map(|(at, _)| found(&stem[..at], SyncTool::OneDrive))
}

/// `stem` as `original (inside)`.
fn in_brackets(stem: &str) -> Option<(&str, &str)> {
    let inner = stem.strip_suffix(')')?;
    let (original, inside) = inner.rsplit_once(" (")?;
    (!original.is_empty()).then_some((original, inside))
}

/// `Jo Bloggs's conflicted copy 2026-12-07`, perhaps with a number after the date.
fn is_dropbox(inside: &str) -> bool {
    let Some((who, rest)) = inside
        .split_once("'s conflicted copy ")
        .or_else(|| inside.split_once("\u{2019}s conflicted copy "))
    else {
        return false;
    };
    let date = rest.split(' ').next().unwrap_or("");
    !who.is_empty() && is_date(date)
}

/// `conflicted copy 2026-12-07 101502`.
fn is_nextcloud(inside: &str) -> bool {
    let Some(rest) = inside.strip_prefix("conflicted copy ") else {
        return false;
    };
    let mut parts = rest.split(' ');
    let (date, time) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    is_date(date) && time.len() == 6 && time.bytes().all(|b| b.is_ascii_digit()) && parts.next().is_none()
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
}

fn is_number(text: &str) -> bool {
    (1..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0')
}

/// A Windows computer's name as OneDrive adds it: up to 15 capital letters, digits and
/// hyphens, with at least one letter. Draft names are made lower case, so they never look so.
fn is_computer_name(text: &str) -> bool {
    (1..=15).contains(&text.len())
        && text.bytes().any(|b| b.is_ascii_uppercase())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "local-government-association-integrating-care.json";

    fn copy_of(name: &str) -> Option<(String, SyncTool)> {
        conflict_copy(name, |n| n == DRAFT || n == "notes (draft).json").map(|c| (c.original, c.tool))
    }

    #[test]
    fn each_sync_tools_conflict_copy_is_recognised() {
        let original = || DRAFT.to_string();
        let cases = [
            (
                "local-government-association-integrating-care (Jo Bloggs's conflicted copy 2026-12-07).json",
                SyncTool::Dropbox,
            ),
            (
                "local-government-association-integrating-care (Jo Bloggs\u{2019}s conflicted copy 2026-12-07 1).json",
                SyncTool::Dropbox,
            ),
            (
                "local-government-association-integrating-care (conflicted copy 2026-12-07 101502).json",
                SyncTool::Nextcloud,
            ),
            (
                "local-government-association-integrating-care.sync-conflict-20261207-101502-ABCDEF1.json",
                SyncTool::Syncthing,
            ),
            (
                "local-government-association-integrating-care-LAPTOP.json",
                SyncTool::OneDrive,
            ),
            (
                "local-government-association-integrating-care-DESKTOP-AB12CD3.json",
                SyncTool::OneDrive,
            ),
            (
                "local-government-association-integrating-care (1).json",
                SyncTool::Numbered,
            ),
            (
                "local-government-association-integrating-care 2.json",
                SyncTool::Numbered,
            ),
        ];
        for (name, tool) in cases {
            assert_eq!(copy_of(name), Some((original(), tool)), "{name}");
        }
    }

    #[test]
    fn other_names_are_not_conflict_copies() {
        for name in [
            DRAFT,
            // Its original is not there.
            "health-devolution-commission-integrating-care (1).json",
            "health-devolution-commission-integrating-care-LAPTOP.json",
            // consult's own names: lower case, and `-2` for a second draft.
            "local-government-association-integrating-care-2.json",
            "local-government-association-integrating-care-recovered.json",
            "local-government-association-integrating-care-mine.json",
            // Almost the patterns.
            "local-government-association-integrating-care (conflicted copy 2026-12-07).json",
            "local-government-association-integrating-care (Jo's conflicted copy yesterday).json",
            "local-government-association-integrating-care (01).json",
            "local-government-association-integrating-care (final).json",
            "local-government-association-integrating-care-Laptop.json",
            "local-government-association-integrating-care-AVERYLONGCOMPUTERNAME.json",
            "no-extension",
            ".json",
        ] {
            assert_eq!(copy_of(name), None, "{name}");
        }
    }

    #[test]
    fn an_original_with_brackets_of_its_own_is_found() {
        assert_eq!(
            copy_of("notes (draft) (1).json"),
            Some(("notes (draft).json".into(), SyncTool::Numbered))
        );
    }
}
