//! The last saved versions of each draft, so "I deleted a paragraph an hour ago" can be undone.
//!
//! A draft's versions live in `<data>/history/<key>/`, where the key is the draft's
//! [identity key](super::DraftId::key), its file stem and a short hash of its canonical path: two `response.json` drafts in different
//! folders keep separate histories, and nothing is ever written beside the user's own files.
//! Each version is a file holding exactly the bytes that were saved, named after the UTC second
//! it was kept with a counter for versions kept within the same second
//! (`20261122T163912Z-0001.json`), so names sort by time. At most [`KEEP`] versions are kept;
//! the oldest go first. Files in the folder that do not follow that naming are left alone.
//!
//! Nothing here panics on a missing or unreadable folder, a foreign file or a draft that does
//! not exist yet: listing what cannot be read gives fewer versions, and writing returns the error.

use std::cmp::Reverse;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::DraftId;
use crate::model::{QuestionSet, Response};
use crate::storage::{self, NewFileMode};
use crate::{parse, text};

/// How many versions of one draft are kept.
pub const KEEP: usize = 20;

/// The gap to pass to [`History::record`] on the saves made while typing: at most one version
/// every five minutes, so the [`KEEP`] versions reach back well over an hour of steady work.
pub const MIN_GAP: Duration = Duration::from_secs(5 * 60);

/// The file in a draft's history folder holding what consult saved last.
const LAST_SAVED: &str = "last-saved.json";

/// How a version a review copy was made from is named in the history folder: this, then
/// the hex of its SHA-256, then `.json`. Not one of the numbered versions, so never rotated out.
const REVIEWED_PREFIX: &str = "reviewed-";

/// The versions of one draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    dir: PathBuf,
}

/// One kept version. Number 1 is the newest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub number: usize,
    pub path: PathBuf,
    /// When it was kept, to the second (from the file name).
    pub saved: Timestamp,
    pub summary: Summary,
}

/// What a version holds, in brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Summary {
    Response {
        /// Items with a position or an answer.
        answered: usize,
        /// Items in the question set, when the set is known.
        total: Option<usize>,
        /// Words in all the answers.
        words: usize,
    },
    /// The bytes are not a response this build can read.
    Unreadable,
}

/// Where a version sorts: its UTC second, then its counter within that second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Stamp {
    second: i64,
    counter: u32,
}

#[derive(Debug, Clone)]
struct Entry {
    stamp: Stamp,
    path: PathBuf,
}

impl History {
    /// The history of the draft `id` (which need not exist yet), kept in `histories`
    /// (`<data>/history`). A folder kept under an older spelling of the readable stem is
    /// found by its hash, so versions are never lost to a change in how names are folded.
    pub fn for_draft(histories: &Path, id: &DraftId) -> History {
        let suffix = format!("-{}", id.hash());
        let existing = fs::read_dir(histories).ok().and_then(|entries| {
            entries.filter_map(|e| e.ok().map(|e| e.path())).find(|p| {
                p.is_dir()
                    && p.file_name()
                        .is_some_and(|n| n.to_string_lossy().ends_with(&suffix))
            })
        });
        History {
            dir: existing.unwrap_or_else(|| histories.join(id.key())),
        }
    }

    /// The folder the versions are kept in (it may not exist yet).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Keeps `bytes` as the newest version, unless the newest version is younger than
    /// `min_gap` or holds exactly these bytes. Returns whether a version was kept.
    /// Meant for every save while typing: the gap makes [`KEEP`] versions reach back further
    /// than the last minute.
    pub fn record(&self, bytes: &[u8], now: Timestamp, min_gap: Duration) -> io::Result<bool> {
        let entries = self.entries();
        if let Some(newest) = entries.first() {
            let gap = SignedDuration::try_from(min_gap).unwrap_or(SignedDuration::MAX);
            // A clock set back counts as too soon, rather than letting every save rotate
            // the older versions out.
            if now.duration_since(newest.stamp.timestamp()) < gap {
                return Ok(false);
            }
        }
        self.keep(bytes, now, &entries)
    }

    /// Keeps `bytes` as the newest version, however recent the last one, unless the newest
    /// version holds exactly these bytes. Returns whether a version was kept.
    /// Meant for opening and quitting, and for the content a restore replaces.
    pub fn record_now(&self, bytes: &[u8], now: Timestamp) -> io::Result<bool> {
        let entries = self.entries();
        self.keep(bytes, now, &entries)
    }

    /// The versions, newest first, each with a summary. Question-set totals are left out:
    /// see [`History::list_with`].
    pub fn list(&self) -> Vec<Version> {
        self.list_with(|_| None)
    }

    /// The versions, newest first, each summarised against the question set `sets` gives
    /// for the set id the version answers (`None`: answered count without a total).
    /// For example `history.list_with(|id| catalog.find(id))`.
    pub fn list_with<'a>(&self, sets: impl Fn(&str) -> Option<&'a QuestionSet>) -> Vec<Version> {
        self.entries()
            .into_iter()
            .enumerate()
            .map(|(i, entry)| Version {
                number: i + 1,
                saved: entry.stamp.timestamp(),
                summary: fs::read(&entry.path)
                    .map_or(Summary::Unreadable, |bytes| Summary::of(&bytes, &sets)),
                path: entry.path,
            })
            .collect()
    }

    /// Keeps `bytes`, the draft as a copy for review is made from it, for as long as the
    /// history is kept: a review can take longer to come back than the [`KEEP`] versions
    /// last. Returns the version's digest ([`crate::model::sha256`]), which the copy records
    /// and [`History::find`] takes.
    pub fn keep_reviewed(&self, bytes: &[u8]) -> io::Result<String> {
        let digest = crate::model::sha256(bytes);
        let path = self.dir.join(reviewed_name(&digest).expect("a digest just made"));
        if fs::read(&path).is_ok_and(|kept| kept == bytes) {
            return Ok(digest);
        }
        create_private_dir(&self.dir)?;
        storage::write_atomic(&path, bytes, NewFileMode::Private)?;
        Ok(digest)
    }

    /// The bytes of the version whose digest ([`crate::model::sha256`]) is `version`: one a
    /// review copy was made from, what consult saved last, or any of the numbered versions.
    /// `version` comes from a file someone else may have written: it only ever names a file
    /// when it is a digest and nothing else.
    pub fn find(&self, version: &str) -> Option<Vec<u8>> {
        let matches = |bytes: &Vec<u8>| crate::model::sha256(bytes) == version;
        if let Some(name) = reviewed_name(version)
            && let Some(bytes) = fs::read(self.dir.join(name)).ok().filter(matches)
        {
            return Some(bytes);
        }
        self.last_saved().filter(matches).or_else(|| {
            self.entries()
                .iter()
                .filter_map(|entry| fs::read(&entry.path).ok())
                .find(matches)
        })
    }

    /// Keeps `bytes`, just saved to the draft, as what consult saved last: the common
    /// ancestor when a sync tool or a colleague puts another version in the draft's place,
    /// however recent the last of the versions kept above. Not one of those versions.
    pub fn keep_last_saved(&self, bytes: &[u8]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        storage::write_atomic(&self.dir.join(LAST_SAVED), bytes, NewFileMode::Private)
    }

    /// What [`History::keep_last_saved`] kept, if anything.
    pub fn last_saved(&self) -> Option<Vec<u8>> {
        fs::read(self.dir.join(LAST_SAVED)).ok()
    }

    /// How many versions there are, without reading them.
    pub fn count(&self) -> usize {
        self.entries().len()
    }

    /// The bytes of version `number` (1 = newest).
    pub fn read(&self, number: usize) -> io::Result<Vec<u8>> {
        let entries = self.entries();
        let entry = number
            .checked_sub(1)
            .and_then(|i| entries.get(i))
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, out_of_range(number, entries.len())))?;
        fs::read(&entry.path)
    }

    /// Writes version `number` over `draft` (the draft this history belongs to), first keeping
    /// the draft's current content as the newest version, so the restore can itself be undone
    /// by restoring version 1. A draft that does not exist is simply written.
    pub fn restore(&self, draft: &Path, number: usize, now: Timestamp) -> io::Result<()> {
        // Read first: keeping the current content renumbers the versions.
        let bytes = self.read(number)?;
        match fs::read(draft) {
            Ok(current) => {
                self.record_now(&current, now)?;
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        storage::write_atomic(draft, &bytes, NewFileMode::Private)
    }

    /// Every well-named version file, newest first. A missing or unreadable folder has none.
    fn entries(&self) -> Vec<Entry> {
        let Ok(listing) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut entries: Vec<Entry> = listing
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| {
                let stamp = Stamp::parse(e.file_name().to_str()?)?;
                Some(Entry {
                    stamp,
                    path: e.path(),
                })
            })
            .collect();
        entries.sort_by_key(|e| Reverse(e.stamp));
        entries
    }

    /// Writes a new version after `entries` (the current ones, newest first) and drops the
    /// oldest beyond [`KEEP`].
    fn keep(&self, bytes: &[u8], now: Timestamp, entries: &[Entry]) -> io::Result<bool> {
        if let Some(newest) = entries.first()
            && fs::read(&newest.path).is_ok_and(|kept| kept == bytes)
        {
            return Ok(false);
        }
        create_private_dir(&self.dir)?;
        // Never sort before the newest, even if the clock has gone back.
        let mut stamp = match entries.first() {
            Some(newest) if newest.stamp.second >= now.as_second() => Stamp {
                second: newest.stamp.second,
                counter: newest.stamp.counter.saturating_add(1),
            },
            _ => Stamp {
                second: now.as_second(),
                counter: 1,
            },
        };
        let mut path = self.dir.join(stamp.file_name());
        while fs::symlink_metadata(&path).is_ok() {
            stamp.counter = stamp.counter.saturating_add(1);
            path = self.dir.join(stamp.file_name());
        }
        storage::write_atomic(&path, bytes, NewFileMode::Private)?;
        // Best effort: the version is kept either way, and the next record tries again.
        for old in self.entries().iter().skip(KEEP) {
            let _ = fs::remove_file(&old.path);
        }
        Ok(true)
    }
}

impl Stamp {
    fn timestamp(self) -> Timestamp {
        Timestamp::from_second(self.second).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn file_name(self) -> String {
        format!(
            "{}-{:04}.json",
            self.timestamp().strftime("%Y%m%dT%H%M%SZ"),
            self.counter
        )
    }

    /// `20261122T163912Z-0001.json`, or `None` for any other name.
    fn parse(name: &str) -> Option<Stamp> {
        let (time, rest) = name.split_at_checked(16)?;
        let counter = rest.strip_prefix('-')?.strip_suffix(".json")?;
        if counter.is_empty() || !counter.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let bytes = time.as_bytes();
        if bytes[8] != b'T' || bytes[15] != b'Z' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<i16> {
            let part = time.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let at = DateTime::new(
            digits(0..4)?,
            i8::try_from(digits(4..6)?).ok()?,
            i8::try_from(digits(6..8)?).ok()?,
            i8::try_from(digits(9..11)?).ok()?,
            i8::try_from(digits(11..13)?).ok()?,
            i8::try_from(digits(13..15)?).ok()?,
            0,
        )
        .ok()?;
        Some(Stamp {
            second: TimeZone::UTC.to_timestamp(at).ok()?.as_second(),
            counter: counter.parse().ok()?,
        })
    }
}

impl Summary {
    fn of<'a>(bytes: &[u8], sets: &impl Fn(&str) -> Option<&'a QuestionSet>) -> Summary {
        let Some(response) = parse::decode(bytes).ok().and_then(|t| parse::response(t).ok()) else {
            return Summary::Unreadable;
        };
        Summary::of_response(&response, sets(&response.question_set.id))
    }

    /// The summary of a response, counted against `set` when it is known.
    pub fn of_response(response: &Response, set: Option<&QuestionSet>) -> Summary {
        let answered = match set {
            Some(set) => response.answered_count(set),
            None => response.answers.iter().filter(|a| a.is_answered()).count(),
        };
        Summary::Response {
            answered,
            total: set.map(QuestionSet::item_count),
            words: response.answers.iter().map(|a| text::word_count(&a.answer)).sum(),
        }
    }
}

impl fmt::Display for Summary {
    /// `3/12 answered, 245 words`, `3 answered, 245 words` or `unreadable`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Summary::Response {
                answered,
                total: Some(total),
                words,
            } => write!(f, "{answered}/{total} answered, {words} words"),
            Summary::Response {
                answered,
                total: None,
                words,
            } => write!(f, "{answered} answered, {words} words"),
            Summary::Unreadable => f.write_str("unreadable"),
        }
    }
}

/// The message for a version number that is not there.
fn out_of_range(number: usize, count: usize) -> String {
    match count {
        0 => format!("there is no version {number}: no saved versions yet"),
        1 => format!("there is no version {number}: the only version is 1"),
        n => format!("there is no version {number}: versions are numbered 1 to {n}"),
    }
}

/// The file name a reviewed version with the digest `version` is kept under, when
/// `version` is a digest as [`crate::model::sha256`] writes it.
fn reviewed_name(version: &str) -> Option<String> {
    let hex = version.strip_prefix("sha256:")?;
    let is_hex = hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    is_hex.then(|| format!("{REVIEWED_PREFIX}{hex}.json"))
}

/// Creates `dir` and its parents, readable by the owner only: versions are drafts too.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    const GAP: Duration = Duration::from_secs(60);

    fn at(second: i64) -> Timestamp {
        // 2026-11-22T16:39:12Z plus `second`.
        Timestamp::from_second(1_795_365_552 + second).unwrap()
    }

    struct Scratch {
        dir: tempfile::TempDir,
    }

    impl Scratch {
        fn new() -> Self {
            Scratch {
                dir: tempfile::tempdir().unwrap(),
            }
        }

        fn data(&self) -> PathBuf {
            self.dir.path().join("data")
        }

        fn draft(&self) -> PathBuf {
            self.dir.path().join("draft.json")
        }

        fn histories(&self) -> PathBuf {
            self.data().join("history")
        }

        fn history_of(&self, draft: &Path) -> History {
            History::for_draft(&self.histories(), &DraftId::of(draft))
        }

        fn history(&self) -> History {
            self.history_of(&self.draft())
        }
    }

    fn contents(history: &History) -> Vec<String> {
        (1..=history.count())
            .map(|n| String::from_utf8(history.read(n).unwrap()).unwrap())
            .collect()
    }

    fn names(history: &History) -> Vec<String> {
        history
            .list()
            .iter()
            .map(|v| v.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn file_names_sort_by_time_and_parse_back() {
        let stamp = Stamp {
            second: at(0).as_second(),
            counter: 1,
        };
        assert_eq!(stamp.file_name(), "20261122T163912Z-0001.json");
        assert_eq!(Stamp::parse("20261122T163912Z-0001.json"), Some(stamp));
        assert_eq!(
            Stamp::parse("20261122T163912Z-12345.json"),
            Some(Stamp {
                counter: 12345,
                ..stamp
            })
        );
        for foreign in [
            "notes.txt",
            "20261122T163912Z.json",
            "20261122T163912Z-.json",
            "20261122T163912Z-0001.json.tmp",
            "20261122T163912Z-00a1.json",
            "20261122 163912Z-0001.json",
            "20261322T163912Z-0001.json",
            "20261122T253912Z-0001.json",
            "2026112xT163912Z-0001.json",
            "+2026112T163912Z-0001.json",
            "2026112éT16391Z-0001.json",
            "",
        ] {
            assert_eq!(Stamp::parse(foreign), None, "{foreign:?}");
        }
    }

    #[test]
    fn a_reviewed_version_outlasts_the_numbered_ones_and_is_found_by_its_digest() {
        let scratch = Scratch::new();
        let history = scratch.history();
        let version = history.keep_reviewed(b"sent for review").unwrap();
        assert_eq!(version, crate::model::sha256(b"sent for review"));
        assert_eq!(
            history.keep_reviewed(b"sent for review").unwrap(),
            version,
            "kept once"
        );
        for n in 0..KEEP as i64 + 5 {
            history.record_now(format!("save {n}").as_bytes(), at(n)).unwrap();
        }
        assert_eq!(
            history.count(),
            KEEP,
            "the reviewed version is not one of the numbered"
        );
        assert_eq!(history.find(&version).as_deref(), Some(&b"sent for review"[..]));
        // The numbered versions and the last save are found by their digests too.
        let newest = format!("save {}", KEEP + 4);
        assert_eq!(
            history.find(&crate::model::sha256(newest.as_bytes())),
            Some(newest.into_bytes())
        );
        history.keep_last_saved(b"last").unwrap();
        assert_eq!(
            history.find(&crate::model::sha256(b"last")).as_deref(),
            Some(&b"last"[..])
        );
        assert_eq!(history.find(&crate::model::sha256(b"never kept")), None);
    }

    #[test]
    fn a_version_named_by_someone_else_never_names_another_file() {
        let scratch = Scratch::new();
        let history = scratch.history();
        history.keep_reviewed(b"kept").unwrap();
        std::fs::write(scratch.dir.path().join("secret.json"), "secret").unwrap();
        for hostile in [
            "../../secret",
            "sha256:../../../secret",
            "sha256:",
            &format!("sha256:{}", "A".repeat(64)),
            "",
        ] {
            assert_eq!(history.find(hostile), None, "{hostile:?}");
        }
    }

    #[test]
    fn a_missing_folder_has_no_versions() {
        let scratch = Scratch::new();
        let history = scratch.history();
        assert!(history.list().is_empty());
        assert_eq!(history.count(), 0);
        let error = history.read(1).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(error.to_string().contains("no saved versions yet"), "{error}");
        assert!(!scratch.data().exists(), "listing must not create folders");
    }

    #[test]
    fn keeps_the_newest_twenty() {
        let scratch = Scratch::new();
        let history = scratch.history();
        for i in 1..=25 {
            assert!(
                history
                    .record(format!("v{i}").as_bytes(), at(i * 100), GAP)
                    .unwrap()
            );
        }
        let expected: Vec<String> = (6..=25).rev().map(|i| format!("v{i}")).collect();
        assert_eq!(contents(&history), expected);
        assert_eq!(fs::read_dir(history.dir()).unwrap().count(), KEEP);
    }

    #[test]
    fn versions_are_numbered_newest_first() {
        let scratch = Scratch::new();
        let history = scratch.history();
        for i in 0..3 {
            history
                .record_now(format!("v{i}").as_bytes(), at(i * 10))
                .unwrap();
        }
        let list = history.list();
        assert_eq!(list.iter().map(|v| v.number).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(
            list.iter().map(|v| v.saved).collect::<Vec<_>>(),
            [at(20), at(10), at(0)]
        );
        assert_eq!(history.read(1).unwrap(), b"v2");
        assert_eq!(history.read(3).unwrap(), b"v0");
        let error = history.read(4).unwrap_err();
        assert!(error.to_string().contains("1 to 3"), "{error}");
        assert!(history.read(0).is_err());
        assert_eq!(fs::read(&list[2].path).unwrap(), b"v0");
    }

    #[test]
    fn saves_closer_than_the_gap_are_not_kept() {
        let scratch = Scratch::new();
        let history = scratch.history();
        assert!(history.record(b"one", at(0), GAP).unwrap());
        assert!(!history.record(b"two", at(1), GAP).unwrap());
        assert!(!history.record(b"two", at(59), GAP).unwrap());
        assert!(history.record(b"two", at(60), GAP).unwrap());
        assert!(!history.record(b"three", at(61), GAP).unwrap());
        // Opening, quitting and restoring ignore the gap.
        assert!(history.record_now(b"three", at(62)).unwrap());
        // A clock set back does not let every save through.
        assert!(!history.record(b"four", at(-3600), GAP).unwrap());
        assert_eq!(contents(&history), ["three", "two", "one"]);
    }

    #[test]
    fn identical_bytes_are_not_kept_twice() {
        let scratch = Scratch::new();
        let history = scratch.history();
        assert!(history.record_now(b"same", at(0)).unwrap());
        assert!(!history.record_now(b"same", at(100)).unwrap());
        assert!(!history.record(b"same", at(200), GAP).unwrap());
        assert!(history.record(b"other", at(300), GAP).unwrap());
        // Only the newest is compared: going back to older content is a change worth keeping.
        assert!(history.record(b"same", at(400), GAP).unwrap());
        assert_eq!(contents(&history), ["same", "other", "same"]);
    }

    #[test]
    fn versions_within_one_second_keep_their_order() {
        let scratch = Scratch::new();
        let history = scratch.history();
        let second = at(0);
        let within = second.checked_add(SignedDuration::from_millis(700)).unwrap();
        history.record_now(b"a", second).unwrap();
        history.record_now(b"b", within).unwrap();
        history.record_now(b"c", second).unwrap();
        assert_eq!(
            names(&history),
            [
                "20261122T163912Z-0003.json",
                "20261122T163912Z-0002.json",
                "20261122T163912Z-0001.json"
            ]
        );
        assert_eq!(contents(&history), ["c", "b", "a"]);
        // A clock set back still sorts the new version first.
        history.record_now(b"d", at(-10)).unwrap();
        assert_eq!(contents(&history)[0], "d");
        // Counters past four digits sort by value, not by name.
        fs::write(history.dir().join("20261122T163912Z-9999.json"), "x").unwrap();
        history.record_now(b"e", at(0)).unwrap();
        assert_eq!(names(&history)[0], "20261122T163912Z-10000.json");
        assert_eq!(contents(&history)[0], "e");
    }

    #[test]
    fn foreign_files_are_ignored_and_left_alone() {
        let scratch = Scratch::new();
        let history = scratch.history();
        history.record_now(b"first", at(0)).unwrap();
        let foreign = [
            "notes.txt",
            "20261122T163912Z.json",
            "20261399T000000Z-0001.json",
            ".20261122T163912Z-0001.json.swp",
        ];
        for name in foreign {
            fs::write(history.dir().join(name), "not a version").unwrap();
        }
        // A folder named like a version is not one.
        fs::create_dir(history.dir().join("20300101T000000Z-0001.json")).unwrap();
        for i in 1..=KEEP as i64 + 5 {
            history.record_now(format!("v{i}").as_bytes(), at(i)).unwrap();
        }
        assert_eq!(history.count(), KEEP);
        assert_eq!(history.read(1).unwrap(), b"v25");
        for name in foreign {
            assert!(history.dir().join(name).exists(), "{name} was removed");
        }
    }

    #[test]
    fn drafts_with_the_same_name_in_different_folders_keep_separate_histories() {
        let scratch = Scratch::new();
        let a = scratch.dir.path().join("a/response.json");
        let b = scratch.dir.path().join("b/response.json");
        fs::create_dir_all(a.parent().unwrap()).unwrap();
        fs::create_dir_all(b.parent().unwrap()).unwrap();
        let history_a = scratch.history_of(&a);
        let history_b = scratch.history_of(&b);
        assert_ne!(history_a, history_b);
        assert!(history_a.dir().starts_with(scratch.histories()));
        let key = history_a.dir().file_name().unwrap().to_str().unwrap();
        assert!(
            key.starts_with("response-") && key.len() == "response-".len() + 12,
            "{key}"
        );

        // The key does not change when the draft is first written, nor with the spelling of its path.
        fs::write(&a, "{}").unwrap();
        assert_eq!(scratch.history_of(&a), history_a);
        let roundabout = scratch.dir.path().join("b/../a/./response.json");
        assert_eq!(scratch.history_of(&roundabout), history_a);
    }

    #[test]
    fn versions_kept_under_an_older_readable_name_are_still_found() {
        let scratch = Scratch::new();
        let id = DraftId::of(&scratch.draft());
        // As an earlier consult named the folder, folding the stem differently.
        let older = scratch.histories().join(format!("old-stem-{}", id.hash()));
        fs::create_dir_all(&older).unwrap();
        fs::write(older.join("20261122T163912Z-0001.json"), "v1").unwrap();
        let history = scratch.history();
        assert_eq!(history.dir(), older);
        assert_eq!(contents(&history), ["v1"]);
    }

    #[test]
    fn odd_draft_paths_do_not_panic() {
        let scratch = Scratch::new();
        for draft in ["", "/", ".", "..", "no/such/folder/draft.json", "东京.json"] {
            let history = scratch.history_of(Path::new(draft));
            assert!(history.list().is_empty());
        }
    }

    #[test]
    fn summaries_count_answers_and_words() {
        let scratch = Scratch::new();
        let history = scratch.history();
        let text = fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/health-devolution-commission.json"
        ))
        .unwrap();
        let response = parse::response(&text).unwrap();
        let words: usize = response.answers.iter().map(|a| text::word_count(&a.answer)).sum();
        history.record_now(text.as_bytes(), at(0)).unwrap();
        history.record_now(b"{ truncated", at(1)).unwrap();

        let catalog = Catalog::built_in();
        let set = catalog.find("integrating-care").unwrap();
        let list = history.list_with(|id| catalog.find(id));
        assert_eq!(list[0].summary, Summary::Unreadable);
        assert_eq!(list[0].summary.to_string(), "unreadable");
        assert_eq!(
            list[1].summary,
            Summary::Response {
                answered: response.answered_count(set),
                total: Some(set.item_count()),
                words,
            }
        );
        assert_eq!(
            list[1].summary.to_string(),
            format!(
                "{}/{} answered, {words} words",
                response.answered_count(set),
                set.item_count()
            )
        );
        // Without the set there is no total.
        let Summary::Response { total, .. } = &history.list()[1].summary else {
            panic!("readable version summarised as unreadable");
        };
        assert_eq!(*total, None);
    }

    #[test]
    fn restore_keeps_what_it_replaces() {
        let scratch = Scratch::new();
        let history = scratch.history();
        let draft = scratch.draft();
        history.record_now(b"old", at(0)).unwrap();
        history.record_now(b"newer", at(100)).unwrap();
        fs::write(&draft, "current").unwrap();

        history.restore(&draft, 2, at(200)).unwrap();
        assert_eq!(fs::read(&draft).unwrap(), b"old");
        assert_eq!(contents(&history), ["current", "newer", "old"]);

        // Undo the restore.
        history.restore(&draft, 1, at(300)).unwrap();
        assert_eq!(fs::read(&draft).unwrap(), b"current");
        assert_eq!(contents(&history), ["old", "current", "newer", "old"]);

        // Out of range: nothing changes.
        assert!(history.restore(&draft, 9, at(400)).is_err());
        assert_eq!(fs::read(&draft).unwrap(), b"current");
        assert_eq!(history.count(), 4);
    }

    #[test]
    fn restore_recreates_a_deleted_draft_and_can_take_the_oldest() {
        let scratch = Scratch::new();
        let history = scratch.history();
        let draft = scratch.draft();
        for i in 1..=KEEP as i64 {
            history.record_now(format!("v{i}").as_bytes(), at(i)).unwrap();
        }
        history.restore(&draft, KEEP, at(100)).unwrap();
        assert_eq!(fs::read(&draft).unwrap(), b"v1");
        assert_eq!(history.count(), KEEP);

        // With the draft there, the oldest is read before the current content rotates it out.
        fs::write(&draft, "edited").unwrap();
        let oldest = history.read(KEEP).unwrap();
        history.restore(&draft, KEEP, at(200)).unwrap();
        assert_eq!(fs::read(&draft).unwrap(), oldest);
        assert_eq!(history.read(1).unwrap(), b"edited");
    }

    #[test]
    fn restore_onto_a_folder_fails_without_panicking() {
        let scratch = Scratch::new();
        let history = scratch.history();
        history.record_now(b"v", at(0)).unwrap();
        fs::create_dir(scratch.draft()).unwrap();
        assert!(history.restore(&scratch.draft(), 1, at(1)).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn versions_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let scratch = Scratch::new();
        let history = scratch.history();
        history.record_now(b"v", at(0)).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(history.dir()), 0o700);
        assert_eq!(mode(&history.list()[0].path), 0o600);
    }
}
