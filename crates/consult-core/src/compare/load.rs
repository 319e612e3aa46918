//! Reading response files for a comparison. A whole consultation can be 10,000 files,
//! so they are read in parallel, each once, through a light view that keeps positions and
//! answer word counts and each answer's key point (one short line) but never the answer
//! text: the screen reads that again, per file, when shown, and a document that quotes
//! it has each file's part rendered as the file is read ([`super::fragments`]).
//!
//! A file the light view cannot take is parsed again by the full parser, so every file
//! set aside carries the same located message `consult validate` would give.

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::{Deserializer, Visitor};

use super::fragments::{Block, Entry, Fragments, Kind, Spill, Texts};
use super::{
    CONFLICT_NOT_SETTLED, Comparison, Format, KEY_POINT_WIDTH, Organisation, Position, SetAside, Stance,
    point_key,
};
use crate::catalog::Catalog;
use crate::documents;
use crate::model::question_set::ItemIndex;
use crate::model::response::PositionBasis;
use crate::model::response::RESPONSE_FORMAT;
use crate::model::validate::{Location, Problem};
use crate::model::{Conflict, Item, ItemStatus, QuestionSet, Respondent, Response, ResponseStatus, Scale};
use crate::parse::{self, DocKind, MAX_FILE_BYTES};
use crate::storage::{self, SourceMode};

/// The note on a member whose response was imported from its own document.
pub const FROM_A_DOCUMENT: &str = "from a document: made by `consult import` from the member's own document; its placing and any inferred positions are the import's reading, to be checked";

/// One organisation's text for one item, read when it is about to be shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemText {
    pub answer: String,
    pub reasoning: String,
    /// The organisation's own notes: shown only when asked for (`--with-notes`).
    pub notes: String,
}

/// Reads `files` and compares those that answer one question set: `set` if given, else
/// the known set that most of the files answer. With `count_words` each answer's words
/// are counted (for the CSV and the screen); without, only whether it has any text, which
/// is all the JSON needs and a quarter of the work. `progress` is called once per file,
/// from any thread. With no file left to compare, the reasons each was set aside.
pub fn load(
    files: Vec<PathBuf>,
    catalog: &Catalog,
    set: Option<&QuestionSet>,
    count_words: bool,
    progress: &(dyn Fn() + Sync),
) -> Result<Comparison, Vec<SetAside>> {
    let reading = Reading {
        count_words,
        key_points: true,
        spill: None,
    };
    read_all(files, catalog, set, reading, progress).map(|(comparison, _)| comparison)
}

/// [`load`] for writing `format` (with the organisations' notes if `notes`): each file is
/// read once, and for a document that quotes the answers its part is made on the way
/// ([`Fragments`]). Key points are then kept only there, not in memory. Fails if the
/// temporary file cannot be written.
#[allow(clippy::type_complexity)]
pub fn load_document(
    format: Format,
    notes: bool,
    files: Vec<PathBuf>,
    catalog: &Catalog,
    set: Option<&QuestionSet>,
    progress: &(dyn Fn() + Sync),
) -> std::io::Result<Result<(Comparison, Option<Fragments>), Vec<SetAside>>> {
    let kind = Kind::of(format, notes);
    let spill = kind
        .map(|kind| Spill::new().map(|spill| (kind, spill)))
        .transpose()?;
    let reading = Reading {
        // Only the CSV reports word counts; counting them is a quarter of the work.
        count_words: format == Format::Csv,
        key_points: format == Format::Json,
        spill: spill.as_ref().map(|(kind, spill)| (*kind, spill)),
    };
    match read_all(files, catalog, set, reading, progress) {
        Err(set_aside) => Ok(Err(set_aside)),
        Ok((comparison, blocks)) => {
            let fragments = spill
                .map(|(kind, spill)| spill.finish(kind, blocks))
                .transpose()?;
            Ok(Ok((comparison, fragments)))
        }
    }
}

/// What [`read_all`] keeps of each file beyond its positions.
struct Reading<'s> {
    count_words: bool,
    /// Key points in memory (the screen and the JSON show them from there).
    key_points: bool,
    /// Each file's part of a document, made as it is read.
    spill: Option<(Kind, &'s Spill)>,
}

#[allow(clippy::type_complexity)]
fn read_all(
    files: Vec<PathBuf>,
    catalog: &Catalog,
    set: Option<&QuestionSet>,
    reading: Reading,
    progress: &(dyn Fn() + Sync),
) -> Result<(Comparison, Vec<Option<Block>>), Vec<SetAside>> {
    let candidates: Vec<&QuestionSet> = match set {
        Some(set) => vec![set],
        None => catalog.entries.iter().map(|e| &e.set).collect(),
    };
    let known: Vec<Known> = candidates.into_iter().map(Known::new).collect();
    let context = Context {
        known: &known,
        catalog,
        named: set.is_some(),
        reading: &reading,
    };
    let outcomes: Vec<Outcome> = files
        .into_par_iter()
        .map_init(Scratch::default, |scratch, file| {
            let outcome = match (reading.count_words, reading.spill.is_some()) {
                (true, true) => context.one::<Words, Quote>(file, scratch),
                (true, false) => context.one::<Words, Skipped>(file, scratch),
                (false, true) => context.one::<HasText, Quote>(file, scratch),
                (false, false) => context.one::<HasText, Skipped>(file, scratch),
            };
            progress();
            outcome
        })
        .collect();

    // The set most files answer; on a tie, the one the first of them answers.
    let mut tally = vec![0usize; known.len()];
    for outcome in &outcomes {
        if let Outcome::Compared { set, .. } = outcome {
            tally[*set] += 1;
        }
    }
    let most = tally.iter().copied().max().unwrap_or(0);
    let chosen = outcomes.iter().find_map(|o| match o {
        Outcome::Compared { set, .. } if tally[*set] == most => Some(*set),
        _ => None,
    });

    let mut set_aside = Vec::new();
    let mut blocks = Vec::new();
    // Collected in place, reusing the outcomes' memory: with 10,000 files that matters.
    let organisations: Vec<Organisation> = outcomes
        .into_iter()
        .filter_map(|outcome| match outcome {
            Outcome::Compared {
                set,
                organisation,
                block,
            } if Some(set) == chosen => {
                blocks.push(block);
                Some(organisation)
            }
            Outcome::Compared { set, organisation, .. } => {
                let (other, this) = (known[set].set, known[chosen.unwrap_or(set)].set);
                set_aside.push(SetAside {
                    file: organisation.file,
                    reason: format!(
                        "answers question set {:?} ({}), but this comparison is of {:?}, which more of the files answer; compare each set's responses separately",
                        other.id,
                        crate::text::shorten(&other.title, 60),
                        this.id
                    ),
                });
                None
            }
            Outcome::SetAside(aside) => {
                set_aside.push(aside);
                None
            }
        })
        .collect();
    match chosen {
        Some(chosen) => Ok((
            Comparison::new(known[chosen].set.clone(), organisations, set_aside),
            blocks,
        )),
        None => Err(set_aside),
    }
}

/// Every item's answer, reasoning and notes in `file`, in `set`'s reading order (empty for items
/// not answered). Items the set does not have are left out.
pub fn load_texts(file: &Path, set: &QuestionSet) -> Result<Vec<ItemText>, String> {
    let text = storage::read_text(file).map_err(|e| describe_all(&e.problems))?;
    let response = parse::response(&text).map_err(|p| describe(&p))?;
    let mut texts = vec![ItemText::default(); set.item_count()];
    for answer in response.answers {
        if let Some(i) = set.item_index(&answer.item) {
            texts[i] = ItemText {
                answer: answer.answer,
                reasoning: answer.reasoning,
                notes: answer.notes,
            };
        }
    }
    Ok(texts)
}

/// Words as [`crate::text::word_count`] counts them (runs of non-whitespace), without
/// decoding every character: ASCII runs are counted a block at a time, in a form the
/// compiler turns into vector instructions; other characters are decoded one by one.
pub fn count_words(text: &str) -> usize {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let mut words = 0;
    // Whether the byte before `i` was whitespace (the start of the text counts as such).
    let mut after_space = true;
    let mut i = 0;
    while i < bytes.len() {
        let block = &bytes[i..(i + BLOCK).min(bytes.len())];
        if let Ok(block) = <&[u8; BLOCK]>::try_from(block)
            && block.is_ascii()
        {
            // A word starts wherever a non-space follows a space. Fixed-size, branch-free
            // loops: the compiler turns them into vector instructions.
            let mut space = [false; BLOCK];
            for (s, &b) in space.iter_mut().zip(block) {
                *s = is_ascii_space(b);
            }
            let mut starts = usize::from(after_space & !space[0]);
            for k in 1..BLOCK {
                starts += usize::from(space[k - 1] & !space[k]);
            }
            words += starts;
            after_space = space[BLOCK - 1];
            i += BLOCK;
            continue;
        }
        // A block with other characters (or the short last one) goes one character at a time. `i` is always at a
        // character boundary: ASCII blocks end on one, and here it moves by whole characters.
        let end = i + block.len();
        while i < end {
            let c = text[i..].chars().next().unwrap_or(' ');
            let space = c.is_whitespace();
            if after_space && !space {
                words += 1;
            }
            after_space = space;
            i += c.len_utf8();
        }
    }
    words
}

/// Unicode White_Space within ASCII: tab, newline, vertical tab, form feed, return, space.
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

// ----- One file ----------------------------------------------------------------

enum Outcome {
    /// Loaded against `known[set]`.
    Compared {
        set: usize,
        organisation: Organisation,
        /// Its part of the document, when one is being made.
        block: Option<Block>,
    },
    SetAside(SetAside),
}

fn set_aside(file: PathBuf, reason: impl Into<String>) -> Outcome {
    Outcome::SetAside(SetAside {
        file,
        reason: reason.into(),
    })
}

/// A question set ready for quick look-ups of items and options.
struct Known<'c> {
    set: &'c QuestionSet,
    digest: String,
    index: ItemIndex<'c>,
    /// Every item in reading order, with its scale (none for free text).
    items: Vec<(&'c Item, Option<&'c Scale>)>,
}

impl<'c> Known<'c> {
    fn new(set: &'c QuestionSet) -> Known<'c> {
        Known {
            set,
            // Hashing the set is the costly part: once per set, not once per file.
            digest: set.digest(),
            index: set.index(),
            items: set.items().map(|item| (item, set.scale_of(item))).collect(),
        }
    }
}

/// Each reading thread's own buffers, reused from file to file.
#[derive(Default)]
struct Scratch {
    file: Vec<u8>,
    fragments: Vec<u8>,
    ends: Vec<u32>,
}

struct Context<'a> {
    known: &'a [Known<'a>],
    catalog: &'a Catalog,
    /// The set was named on the command line, so other sets are not looked for.
    named: bool,
    reading: &'a Reading<'a>,
}

impl Context<'_> {
    fn one<'b, T: AnswerText, K: Kept<'b>>(&self, file: PathBuf, scratch: &'b mut Scratch) -> Outcome {
        let (text, mode) = match read(&file, &mut scratch.file) {
            Ok(read) => read,
            Err(reason) => return set_aside(file, reason),
        };
        let mut light = match serde_json::from_str::<Light<T, K>>(text) {
            Ok(light) => light,
            // The full parser says exactly what is wrong, and where.
            Err(_) => match parse::response(text) {
                Ok(response) => Light::from_response(response),
                Err(_) if parse::kind(text) == Ok(DocKind::QuestionSet) => {
                    return set_aside(file, "is a question set, not a response");
                }
                Err(problem) => return set_aside(file, describe(&problem)),
            },
        };
        let set_id = light.question_set.id.as_ref();
        let Some(set) = self.known.iter().position(|k| k.set.id == set_id) else {
            let reason = if self.named {
                format!(
                    "answers question set {set_id:?}, not {:?} named with --questions",
                    self.known[0].set.id
                )
            } else {
                format!(
                    "answers question set {set_id:?}, which consult does not know (known sets: {}); put that set's file in your questions folder, or name it with --questions",
                    self.catalog.ids().join(", ")
                )
            };
            return set_aside(file, reason);
        };
        let known = &self.known[set];
        let well_formed = (1..=RESPONSE_FORMAT).contains(&light.format_version)
            && light.created.parse::<jiff::Timestamp>().is_ok()
            && light.updated.parse::<jiff::Timestamp>().is_ok();
        let same_version = light.question_set.digest == known.digest;
        let mapped = if well_formed {
            map_answers(&light, known, !same_version)
        } else {
            Err(())
        };
        let (mut stances, sources, mut notes) = match mapped {
            Ok(mapped) => mapped,
            Err(()) => match strict_problems(text, self.catalog, known.set) {
                Some(reason) => return set_aside(file, reason),
                // Only reached if the light checks are stricter than the full ones.
                None => match map_answers(&light, known, true) {
                    Ok(mapped) => mapped,
                    Err(()) => return set_aside(file, "cannot be compared"),
                },
            },
        };
        mark_unsettled(&mut stances, &light.conflicts, known);
        notes.extend(unsettled_note(&light.conflicts));
        if !same_version {
            notes.insert(
                0,
                format!(
                    "answered another version of question set {:?} (digest {}, this version is {}): items this version still has are compared, the rest are left out",
                    known.set.id,
                    short_digest(&light.question_set.digest),
                    short_digest(&known.digest)
                ),
            );
        }
        if light.source.is_some() {
            notes.push(FROM_A_DOCUMENT.to_string());
        }
        // Each item's key point, moved out of the answer it came from.
        let key_points: Box<[Box<str>]> = sources
            .iter()
            .map(|a| a.map_or_else(|| Box::from(""), |a| light.answers[a].take_key_point()))
            .collect();
        for (stance, point) in stances.iter_mut().zip(&key_points) {
            stance.point = point_key(point);
        }
        let mut organisation = Organisation {
            name: std::mem::take(&mut light.respondent.organisation),
            file,
            stances: stances.into_boxed_slice(),
            key_points: Box::default(),
            status: light.status,
            // Checked above, or by the full parser when the light checks failed.
            updated: light.updated.parse().unwrap_or_default(),
            other_version: !same_version,
            from_document: light.source.is_some(),
            notes,
            mode,
        };
        let block = self.reading.spill.and_then(|(kind, spill)| {
            let entries: Vec<Entry> = known
                .items
                .iter()
                .enumerate()
                .map(|(i, &(item, scale))| Entry {
                    organisation: &organisation,
                    item,
                    scale,
                    stance: organisation.stances[i],
                    key_point: &key_points[i],
                    texts: Ok(sources[i].map_or_else(Texts::default, |a| light.answers[a].texts())),
                })
                .collect();
            spill.block(kind, &entries, &mut scratch.fragments, &mut scratch.ends)
        });
        if self.reading.key_points {
            organisation.key_points = key_points;
        }
        Outcome::Compared {
            set,
            organisation,
            block,
        }
    }
}

/// One file's stances and, per item, which of its answers is on it; and its notes.
type Mapped = (Vec<Stance>, Vec<Option<usize>>, Vec<String>);

/// Each answer's stance, placed on its item. For the same version of the set anything that does
/// not fit is an error (`Err`); for another version it is left out or marked, with a note.
fn map_answers<T: AnswerText, K>(light: &Light<T, K>, known: &Known, lenient: bool) -> Result<Mapped, ()> {
    let count = known.items.len();
    let mut stances = vec![Stance::EMPTY; count];
    let mut sources = vec![None; count];
    let mut seen = vec![false; count];
    let mut notes = Vec::new();
    for (a, answer) in light.answers.iter().enumerate() {
        let item = answer.item.as_ref();
        let Some(i) = known.index.order(item) else {
            if !lenient {
                return Err(());
            }
            notes.push(format!("{item:?} is not in this version of the set: left out"));
            continue;
        };
        if seen[i] {
            if !lenient {
                return Err(());
            }
            notes.push(format!(
                "{item:?} is answered twice: the first answer is compared"
            ));
            continue;
        }
        seen[i] = true;
        let position = match (answer.position.as_deref(), known.items[i].1) {
            (None, _) => Position::Unset,
            (Some(chosen), Some(scale)) => match scale.option_index(chosen) {
                // A scale of more than 255 options is not one a person answers.
                Some(k) => u8::try_from(k).map_or(Position::NotOnScale, Position::Chosen),
                None if lenient => {
                    notes.push(format!(
                        "{item:?}: position {chosen:?} is not on this version's scale: marked, not counted"
                    ));
                    Position::NotOnScale
                }
                None => return Err(()),
            },
            (Some(chosen), None) if lenient => {
                notes.push(format!(
                    "{item:?} is free text in this version: position {chosen:?} left out"
                ));
                Position::Unset
            }
            (Some(_), None) => return Err(()),
        };
        stances[i] = Stance {
            position,
            has_text: answer.answer.count.has_text(),
            words: answer.answer.count.words(),
            inferred: answer.position_basis == PositionBasis::Inferred,
            own_point: answer.key_point.as_deref().is_some_and(|p| !p.trim().is_empty()),
            point: 0,
        };
        sources[i] = Some(a);
    }
    Ok((stances, sources, notes))
}

/// Items with a merge conflict nobody has settled: their values are the merged copies'
/// ancestor's, so they are marked, not counted as the organisation's positions.
fn mark_unsettled(stances: &mut [Stance], conflicts: &[Conflict], known: &Known) {
    for item in conflicts.iter().filter_map(|c| c.item.as_deref()) {
        if let Some(i) = known.index.order(item) {
            stances[i].position = Position::Unsettled;
        }
    }
}

/// The organisation's note about its conflicts not settled, if it has any.
fn unsettled_note(conflicts: &[Conflict]) -> Option<String> {
    let places: Vec<String> = conflicts.iter().map(Conflict::place).collect();
    let count = match places.len() {
        0 => return None,
        1 => "1 merge conflict".to_string(),
        n => format!("{n} merge conflicts"),
    };
    Some(format!(
        "{count} not settled ({}): items with one are marked \"{CONFLICT_NOT_SETTLED}\" and counted apart from the positions stated; settle them with consult edit",
        places.join(", ")
    ))
}

/// What the full parser and validator find wrong with `text` as a response to `set`, if anything.
fn strict_problems(text: &str, catalog: &Catalog, set: &QuestionSet) -> Option<String> {
    match documents::response_from_text(text, catalog, Some(set)) {
        Ok(_) => None,
        Err(problems) => {
            let errors: Vec<Problem> = problems.into_iter().filter(Problem::is_error).collect();
            Some(describe_all(&errors))
        }
    }
}

fn short_digest(digest: &str) -> String {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    let short: String = hex.chars().take(12).collect();
    if short.len() < hex.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// The file's text in `buffer` and its permissions, or why it cannot be read. The file is
/// opened once and asked its size and kind once, through what was opened.
fn read<'b>(file: &Path, buffer: &'b mut Vec<u8>) -> Result<(&'b str, SourceMode), String> {
    buffer.clear();
    let opened = File::open(file).and_then(|f| Ok((f.metadata()?, f)));
    let mode = match opened {
        Ok((meta, f)) if meta.is_file() && meta.len() <= MAX_FILE_BYTES as u64 => {
            buffer.reserve(meta.len() as usize);
            // Read through `take`: a file's own read_to_end would ask its size again.
            f.take(MAX_FILE_BYTES as u64)
                .read_to_end(buffer)
                .map_err(|e| format!("cannot read: {e}"))?;
            SourceMode::of_metadata(&meta)
        }
        // A pipe or device could block or never end: it is not a response file.
        Ok((meta, _)) if !meta.is_file() && !meta.is_dir() => return Err("is not a regular file".into()),
        // Missing, unreadable, a directory or too large: say it as the rest of consult does.
        _ => {
            return Err(match storage::read_text(file) {
                Err(e) => describe_all(&e.problems),
                Ok(_) => "could not be read".into(),
            });
        }
    };
    let text = parse::decode(buffer).map_err(|p| describe(&p))?;
    Ok((text, mode))
}

/// A problem without the file name: the file is shown beside it.
fn describe(problem: &Problem) -> String {
    match &problem.location {
        Location::File => problem.message.clone(),
        location => format!("{location}: {}", problem.message),
    }
}

fn describe_all(problems: &[Problem]) -> String {
    problems.iter().map(describe).collect::<Vec<_>>().join("; ")
}

// ----- The light view -------------------------------------------------------------

/// A response as the comparison needs it: the same shape and checks as
/// [`crate::model::Response`], but the answer is only counted and the reasoning and notes
/// skipped, unless a document quotes them ([`Kept`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "T: AnswerText, K: Kept<'de>"))]
struct Light<'a, T, K> {
    format_version: u32,
    #[serde(borrow)]
    question_set: LightSetRef<'a>,
    respondent: Respondent,
    status: ResponseStatus,
    #[serde(borrow)]
    created: Cow<'a, str>,
    #[serde(borrow)]
    updated: Cow<'a, str>,
    #[serde(default, borrow, rename = "current_item")]
    _current_item: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    answers: Vec<LightAnswer<'a, T, K>>,
    /// Rare and small: read whole.
    #[serde(default)]
    conflicts: Vec<Conflict>,
    /// Only whether the response was imported from a member's document.
    #[serde(default)]
    source: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LightSetRef<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(rename = "title")]
    _title: Skipped,
    #[serde(borrow)]
    digest: Cow<'a, str>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "T: AnswerText, K: Kept<'de>"))]
struct LightAnswer<'a, T, K> {
    #[serde(borrow)]
    item: Cow<'a, str>,
    #[serde(default, borrow)]
    position: Option<Cow<'a, str>>,
    #[serde(default)]
    answer: Seen<T, K>,
    #[serde(default)]
    reasoning: Text<K>,
    #[serde(default)]
    notes: Text<K>,
    #[serde(default, rename = "status")]
    _status: ItemStatus,
    #[serde(default, borrow)]
    key_point: Option<Cow<'a, str>>,
    #[serde(default)]
    position_basis: PositionBasis,
    #[serde(default, rename = "source_paragraphs")]
    _source_paragraphs: Option<serde::de::IgnoredAny>,
    #[serde(default, rename = "not_answering")]
    _not_answering: Option<serde::de::IgnoredAny>,
}

impl<'b, T, K: Kept<'b>> LightAnswer<'_, T, K> {
    /// The answer's key point on one line: its own, else its first sentence (taken, not copied).
    fn take_key_point(&mut self) -> Box<str> {
        match self.key_point.as_deref().map(str::trim) {
            Some(point) if !point.is_empty() => crate::text::shorten(point, KEY_POINT_WIDTH).into(),
            _ => std::mem::take(&mut self.answer.first),
        }
    }

    /// The texts kept for a document (empty when they were skipped).
    fn texts(&self) -> Texts<'_> {
        Texts {
            answer: self.answer.text.text(),
            reasoning: self.reasoning.0.text(),
            notes: self.notes.0.text(),
        }
    }
}

impl<'a, T: AnswerText, K: Kept<'a>> Light<'a, T, K> {
    /// The light view of a response the full parser read (one the light view could not take).
    fn from_response(r: Response) -> Self {
        Light {
            format_version: r.format_version,
            question_set: LightSetRef {
                id: Cow::Owned(r.question_set.id),
                _title: Skipped,
                digest: Cow::Owned(r.question_set.digest),
            },
            respondent: r.respondent,
            status: r.status,
            created: Cow::Owned(r.created.to_string()),
            updated: Cow::Owned(r.updated.to_string()),
            _current_item: r.current_item.map(Cow::Owned),
            answers: r
                .answers
                .into_iter()
                .map(|a| LightAnswer {
                    item: Cow::Owned(a.item),
                    position: a.position.map(Cow::Owned),
                    answer: Seen::of(&a.answer),
                    reasoning: Text(K::copied(&a.reasoning)),
                    notes: Text(K::copied(&a.notes)),
                    _status: a.status,
                    key_point: a.key_point.map(Cow::Owned),
                    position_basis: a.position_basis,
                    _source_paragraphs: None,
                    _not_answering: None,
                })
                .collect(),
            conflicts: r.conflicts,
            source: r.source.map(|_| serde::de::IgnoredAny),
        }
    }
}

/// What the light view counts of an answer's text, taken while it is parsed.
trait AnswerText: Default + Copy {
    fn of(text: &str) -> Self;
    fn has_text(self) -> bool;
    fn words(self) -> u32;
}

/// The answer's word count.
#[derive(Debug, Default, Clone, Copy)]
struct Words(u32);

/// Only whether the answer has any text: found at its first non-space character.
#[derive(Debug, Default, Clone, Copy)]
struct HasText(bool);

impl AnswerText for Words {
    fn of(text: &str) -> Words {
        Words(u32::try_from(count_words(text)).unwrap_or(u32::MAX))
    }
    fn has_text(self) -> bool {
        self.0 > 0
    }
    fn words(self) -> u32 {
        self.0
    }
}

impl AnswerText for HasText {
    fn of(text: &str) -> HasText {
        HasText(text.chars().any(|c| !c.is_whitespace()))
    }
    fn has_text(self) -> bool {
        self.0
    }
    fn words(self) -> u32 {
        0
    }
}

/// What the light view keeps of an answer: its [`AnswerText`], its first sentence on
/// one line, cut to [`KEY_POINT_WIDTH`], which stands for its key point when it has none,
/// and the text itself if a document quotes it.
#[derive(Debug, Default)]
struct Seen<T, K> {
    count: T,
    first: Box<str>,
    text: K,
}

impl<'a, T: AnswerText, K: Kept<'a>> Seen<T, K> {
    fn of(text: &str) -> Seen<T, K> {
        Seen {
            count: T::of(text),
            first: first_sentence(text),
            text: K::copied(text),
        }
    }
}

impl<'de, T: AnswerText, K: Kept<'de>> Deserialize<'de> for Seen<T, K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Both<T, K>(std::marker::PhantomData<(T, K)>);
        impl<'de, T: AnswerText, K: Kept<'de>> Visitor<'de> for Both<T, K> {
            type Value = Seen<T, K>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Seen<T, K>, E> {
                Ok(Seen {
                    count: T::of(text),
                    first: first_sentence(text),
                    text: K::borrowed(text),
                })
            }
            fn visit_str<E>(self, text: &str) -> Result<Seen<T, K>, E> {
                Ok(Seen {
                    count: T::of(text),
                    first: first_sentence(text),
                    text: K::copied(text),
                })
            }
        }
        deserializer.deserialize_str(Both(std::marker::PhantomData))
    }
}

/// A text the light view keeps for a document that quotes it ([`Quote`]), or only
/// checks is a string ([`Skipped`]).
trait Kept<'de>: Default {
    /// Taken from the file's text as it stands (no escapes in it): not copied.
    fn borrowed(text: &'de str) -> Self;
    fn copied(text: &str) -> Self;
    fn text(&self) -> &str;
}

/// A text kept: borrowed from the file's text where it can be.
#[derive(Debug, Default)]
struct Quote<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Kept<'de> for Quote<'a> {
    fn borrowed(text: &'de str) -> Self {
        Quote(Cow::Borrowed(text))
    }
    fn copied(text: &str) -> Self {
        Quote(Cow::Owned(text.to_string()))
    }
    fn text(&self) -> &str {
        &self.0
    }
}

impl Kept<'_> for Skipped {
    fn borrowed(_: &str) -> Self {
        Skipped
    }
    fn copied(_: &str) -> Self {
        Skipped
    }
    fn text(&self) -> &str {
        ""
    }
}

/// A string field kept or skipped as `K` says.
#[derive(Debug, Default)]
struct Text<K>(K);

impl<'de, K: Kept<'de>> Deserialize<'de> for Text<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keep<K>(std::marker::PhantomData<K>);
        impl<'de, K: Kept<'de>> Visitor<'de> for Keep<K> {
            type Value = Text<K>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Text<K>, E> {
                Ok(Text(K::borrowed(text)))
            }
            fn visit_str<E>(self, text: &str) -> Result<Text<K>, E> {
                Ok(Text(K::copied(text)))
            }
        }
        deserializer.deserialize_str(Keep(std::marker::PhantomData))
    }
}

/// The answer's first sentence (as [`crate::model::Answer::key_point`] finds it) on one
/// line, cut to [`KEY_POINT_WIDTH`]. Only the start of a long answer is looked at: a
/// sentence going on past it would be cut anyway.
pub fn first_sentence(text: &str) -> Box<str> {
    let text = text.trim();
    let mut end = text.len().min(KEY_POINT_WIDTH * 4);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let first = crate::sentences::first(&text[..end]);
    // Most first sentences already fit on one line: no character is wider than its bytes.
    let one_line = !first.contains(['\t', '\r', '\u{b}', '\u{c}']) && !first.contains("  ");
    if first.len() <= KEY_POINT_WIDTH && first.is_ascii() && one_line {
        return first.into();
    }
    crate::text::shorten(first, KEY_POINT_WIDTH).into()
}

/// A string that must be there and be a string, but is not needed.
#[derive(Debug, Default, Clone, Copy)]
struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Skip;
        impl Visitor<'_> for Skip {
            type Value = Skipped;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, _: &str) -> Result<Skipped, E> {
                Ok(Skipped)
            }
        }
        deserializer.deserialize_str(Skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_count;
    use proptest::prelude::*;

    #[test]
    fn fast_word_count_agrees_with_the_reference() {
        for text in [
            "",
            "   ",
            "one",
            " one two\n\nthree\u{a0}four\u{3000}five ",
            "Cyngor Môn — ‘quoted’ words\u{2028}next\u{85}x",
            "東京 👍 tab\tseparated\x0bvertical\x0cfeed\rreturn",
        ] {
            assert_eq!(count_words(text), word_count(text), "{text:?}");
        }
    }

    #[test]
    fn words_across_block_boundaries_are_counted_once() {
        // Words and spaces straddling every position of the 64-byte blocks, with and
        // without non-ASCII whitespace and letters after them.
        for shift in 0..70 {
            for tail in ["", " é", "\u{a0}x", "\u{2003}", "ŵ y"] {
                let text = format!("{}{}{}", "x".repeat(shift), " ab  cd\te\n".repeat(20), tail);
                assert_eq!(
                    count_words(&text),
                    word_count(&text),
                    "shift {shift} tail {tail:?}"
                );
                let text = format!("{}{}{}", " ".repeat(shift), "word ".repeat(30), tail);
                assert_eq!(
                    count_words(&text),
                    word_count(&text),
                    "shift {shift} tail {tail:?}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn fast_word_count_agrees_on_long_text(
            text in "([a-z]{1,9}[ \\t\\n]{1,3}){10,60}(\u{a0}|é|\u{2003})?([a-z]{1,9}[ \\n]{1,2}){0,40}"
        ) {
            prop_assert_eq!(count_words(&text), word_count(&text));
        }

        #[test]
        fn fast_word_count_agrees_on_any_text(text in "\\PC*|[ \\t\\n\u{a0}\u{2000}-\u{200b}a-zé東]*") {
            prop_assert_eq!(count_words(&text), word_count(&text));
        }
    }
}
