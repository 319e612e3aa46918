//! Several organisations' responses to one question set, side by side: who took which
//! position on each item, where they agree and where they split.
//!
//! [`load`] reads the files (in parallel, counting words and keeping only each answer's key point)
//! into a [`Comparison`]; everything else here is pure functions over it, shared by the
//! command line's writers ([`markdown`], [`html`], [`json`], [`csv`]) and the comparison screen.
//! [`load_document`] reads each file once for a document: what the briefings and the CSV
//! quote of each file is made as it is read and kept aside ([`fragments`]), not in memory.
//! Text from the files is untrusted: every writer passes it through [`crate::text::visible`].

mod briefing;
pub mod csv;
pub mod fragments;
pub mod html;
pub mod json;
pub mod load;
pub mod markdown;

use std::path::PathBuf;

use crate::text::flat;
use crate::text::shown_path;

use crate::model::{Item, QuestionSet, ResponseStatus, Scale};
use crate::storage::SourceMode;

pub use fragments::Fragments;
pub use load::{ItemText, load, load_document, load_texts};

/// With more organisations than this, one column each is no longer readable: the
/// screen and the Markdown table show counts per option instead.
pub const MANY_ORGANISATIONS: usize = 100;

/// The non-interactive outputs of `consult compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The matrix as a table, then each item's positions, answers and reasoning.
    Markdown,
    /// The same as one self-contained, printable HTML page.
    Html,
    /// Per item: counts per option and each organisation's position.
    Json,
    /// One row per organisation and item, for spreadsheets.
    Csv,
    /// One row per pair of organisations: how often they took the same position (CSV).
    PairsCsv,
}

/// What one organisation said on one item's scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// No position given (or a free-text item).
    Unset,
    /// The index of the chosen option on the item's scale.
    Chosen(u8),
    /// A response to another version of the set chose an option this version does not have.
    NotOnScale,
    /// A merge left a conflict on the item that nobody has settled: what the file holds
    /// there is the merged copies' common ancestor, not a position the organisation took.
    Unsettled,
}

/// One organisation on one item: its position and how long its answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stance {
    pub position: Position,
    /// The answer (not the reasoning) has some text.
    pub has_text: bool,
    /// Words in the answer, as [`crate::text::word_count`] counts them; 0 when the
    /// comparison was loaded without counting (see [`load`]).
    pub words: u32,
    /// The position was read from the organisation's documents, not stated by it.
    pub inferred: bool,
    /// The answer's key point was written by hand, not its first sentence standing in.
    pub own_point: bool,
    /// Which key point it is, as [`point_key`] tells them apart (0: none).
    pub point: u32,
}

impl Stance {
    pub const EMPTY: Stance = Stance {
        position: Position::Unset,
        has_text: false,
        words: 0,
        inferred: false,
        own_point: false,
        point: 0,
    };

    /// Whether anything was recorded: a position or some answer text.
    pub fn is_answered(self) -> bool {
        self.position != Position::Unset || self.has_text
    }
}

/// The longest key point kept, in display columns: a key point is one line, and a
/// whole consultation's of them are held in memory.
pub const KEY_POINT_WIDTH: usize = 160;

/// One response file in the comparison: a column of the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// As written in the file: untrusted, shown through `visible`.
    pub name: String,
    pub file: PathBuf,
    /// One per item of the set, in reading order.
    pub stances: Box<[Stance]>,
    /// Each item's key point on one line, cut to [`KEY_POINT_WIDTH`] (empty: none), in the
    /// same order as `stances`; none at all when loaded for a document, which keeps them
    /// with its [`Fragments`]. Untrusted text.
    pub key_points: Box<[Box<str>]>,
    /// Whether the response was marked final, and when it was last changed.
    pub status: ResponseStatus,
    pub updated: jiff::Timestamp,
    /// The response answered another version of the set (its digest differs).
    pub other_version: bool,
    /// The response was imported from the member's own document (`consult import`): its
    /// placing and any inferred positions are the import's reading, to be checked.
    pub from_document: bool,
    /// What was left out or marked, for a reader to check (untrusted text inside).
    pub notes: Vec<String>,
    /// The file's permissions when it was read: a document made from it is no more readable.
    pub mode: SourceMode,
}

impl Organisation {
    /// Alphabetical by name, ignoring case (without making lowercased copies), then by date and file.
    pub fn name_order(&self, other: &Organisation) -> std::cmp::Ordering {
        let (mine, theirs) = (self.display_name(), other.display_name());
        // ASCII names (most) compare byte by byte; the result is the same as the general way.
        let by_name = if mine.is_ascii() && theirs.is_ascii() {
            mine.bytes()
                .map(|b| b.to_ascii_lowercase())
                .cmp(theirs.bytes().map(|b| b.to_ascii_lowercase()))
        } else {
            mine.chars()
                .flat_map(char::to_lowercase)
                .cmp(theirs.chars().flat_map(char::to_lowercase))
        };
        // One organisation's files, oldest first: their columns are told apart by date.
        by_name
            .then_with(|| self.updated.cmp(&other.updated))
            .then_with(|| self.file.cmp(&other.file))
    }

    /// The key point on item `i` (empty when there is none).
    pub fn key_point(&self, i: usize) -> &str {
        self.key_points.get(i).map_or("", |p| p)
    }

    /// The day the response was last changed (UTC), as `2021-01-07`.
    pub fn updated_date(&self) -> String {
        self.updated.strftime("%Y-%m-%d").to_string()
    }

    /// The name to show: an empty one says so rather than leaving a blank.
    pub fn display_name(&self) -> &str {
        let name = self.name.trim();
        if name.is_empty() {
            "(no organisation name)"
        } else {
            name
        }
    }
}

/// A file left out of the comparison, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    pub file: PathBuf,
    pub reason: String,
}

/// How the organisations on one item stand together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// A free-text item: there are no positions to compare.
    FreeText,
    /// Nobody took a position.
    NoPositions,
    /// Everyone took the same position.
    Same,
    /// Those who took a position agree, but some took none (or one this version lacks).
    Gaps,
    /// At least two different positions were taken.
    Split,
}

impl Agreement {
    /// Whether the item belongs under "only where positions differ".
    pub fn differs(self) -> bool {
        matches!(self, Agreement::Gaps | Agreement::Split)
    }

    /// A mark that reads without colour.
    pub fn marker(self) -> &'static str {
        match self {
            Agreement::Split => "≠",
            Agreement::Gaps => "?",
            Agreement::Same => "✓",
            Agreement::FreeText | Agreement::NoPositions => "",
        }
    }

    /// The stable name used in the JSON output.
    pub fn id(self) -> &'static str {
        match self {
            Agreement::FreeText => "free-text",
            Agreement::NoPositions => "no-positions",
            Agreement::Same => "same",
            Agreement::Gaps => "gaps",
            Agreement::Split => "split",
        }
    }
}

/// The counts for one item across every organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemSummary {
    /// Per option of the item's scale, in scale order; empty for a free-text item.
    pub counts: Vec<usize>,
    pub no_position: usize,
    pub not_on_scale: usize,
    /// Organisations that gave a position or some answer text.
    pub answered: usize,
    pub agreement: Agreement,
    /// Some organisations share a position but not their key point: agreement that may
    /// be for different reasons.
    pub points_differ: bool,
    /// Organisations whose position on the item was inferred rather than stated.
    pub inferred: usize,
    /// Organisations with a merge conflict on the item not settled: counted apart from
    /// the positions stated.
    pub unsettled: usize,
}

/// How often two organisations took the same position (see [`Comparison::pairs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// Organisation indices, the first before the second in name order.
    pub first: usize,
    pub second: usize,
    /// Items on which both took the same position, of those on which both took one.
    pub same: usize,
    pub both: usize,
}

/// How to order the organisations' columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Alphabetically by name (then by file).
    Name,
    /// The organisation at this index first, then the others by how many items they
    /// took the same position on, most first.
    AgreementWith(usize),
}

/// Every compared response to one question set, and the files set aside.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub set: QuestionSet,
    pub digest: String,
    pub organisations: Vec<Organisation>,
    pub set_aside: Vec<SetAside>,
    /// One per item, in reading order.
    pub summaries: Vec<ItemSummary>,
    /// Organisations named in more than one file: each group's indices, in name order.
    pub repeated: Vec<Vec<usize>>,
    /// (section index, index within the section) of each item in reading order.
    places: Vec<(usize, usize)>,
}

impl Comparison {
    /// The comparison of `organisations` on `set`, with its per-item counts worked out.
    pub fn new(set: QuestionSet, organisations: Vec<Organisation>, set_aside: Vec<SetAside>) -> Comparison {
        let places = set
            .sections
            .iter()
            .enumerate()
            .flat_map(|(s, section)| (0..section.items.len()).map(move |i| (s, i)))
            .collect();
        let digest = set.digest();
        let mut comparison = Comparison {
            set,
            digest,
            organisations,
            set_aside,
            summaries: Vec::new(),
            repeated: Vec::new(),
            places,
        };
        comparison.summaries = (0..comparison.item_count())
            .map(|i| comparison.summarise(i))
            .collect();
        comparison.repeated = comparison.find_repeated();
        comparison
    }

    /// Groups of files from one organisation (the same name, ignoring case and spacing).
    fn find_repeated(&self) -> Vec<Vec<usize>> {
        let order = self.order(Sort::Name);
        let key = |o: usize| flat(self.organisations[o].display_name()).to_lowercase();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (at, &o) in order.iter().enumerate() {
            // Name order puts the same names next to each other.
            match at.checked_sub(1).map(|p| order[p]) {
                Some(previous) if key(previous) == key(o) => {
                    if let Some(group) = groups.last_mut().filter(|g| g.last() == Some(&previous)) {
                        group.push(o);
                    } else {
                        groups.push(vec![previous, o]);
                    }
                }
                _ => {}
            }
        }
        groups
    }

    /// Organisation `o`'s name as a column heading: with its date when another file is
    /// from the same organisation, and its file name too when even the date is the same.
    pub fn column_name(&self, o: usize) -> String {
        let organisation = &self.organisations[o];
        let name = organisation.display_name();
        let Some(group) = self.repeated.iter().find(|g| g.contains(&o)) else {
            return name.to_string();
        };
        let date = organisation.updated_date();
        let same_date = group
            .iter()
            .any(|&other| other != o && self.organisations[other].updated_date() == date);
        if same_date {
            let file = organisation.file.file_name().map_or_else(
                || shown_path(&organisation.file),
                |f| f.to_string_lossy().into_owned(),
            );
            format!("{name} ({date}, {file})")
        } else {
            format!("{name} ({date})")
        }
    }

    /// A warning per organisation with more than one file, naming the files and dates.
    pub fn repeated_warnings(&self) -> Vec<String> {
        self.repeated
            .iter()
            .map(|group| {
                let files: Vec<String> = group
                    .iter()
                    .map(|&o| {
                        let organisation = &self.organisations[o];
                        format!(
                            "{} ({}, updated {})",
                            shown_path(&organisation.file),
                            organisation.status.label(),
                            organisation.updated_date()
                        )
                    })
                    .collect();
                format!(
                    "{} files are from {}: {}; their columns are told apart by date",
                    group.len(),
                    self.organisations[group[0]].display_name(),
                    files.join(", ")
                )
            })
            .collect()
    }

    pub fn item_count(&self) -> usize {
        self.places.len()
    }

    /// The item at `index` in reading order.
    pub fn item(&self, index: usize) -> &Item {
        let (s, i) = self.places[index];
        &self.set.sections[s].items[i]
    }

    /// The section index of the item at `index`.
    pub fn section_of(&self, index: usize) -> usize {
        self.places[index].0
    }

    pub fn scale(&self, index: usize) -> Option<&Scale> {
        self.set.scale_of(self.item(index))
    }

    /// Files that were compared but answered another version of the set.
    pub fn other_versions(&self) -> usize {
        self.organisations.iter().filter(|o| o.other_version).count()
    }

    /// Too many organisations for a column each.
    pub fn is_large(&self) -> bool {
        self.organisations.len() > MANY_ORGANISATIONS
    }

    fn summarise(&self, index: usize) -> ItemSummary {
        let options = self.scale(index).map_or(0, |s| s.options.len());
        let mut summary = ItemSummary {
            counts: vec![0; options],
            no_position: 0,
            not_on_scale: 0,
            answered: 0,
            agreement: Agreement::FreeText,
            points_differ: false,
            inferred: 0,
            unsettled: 0,
        };
        // Per option, the key points of those who chose it: two first sentences always
        // differ, so only a hand-written point that differs from another says anything.
        let mut points = vec![PointsSeen::default(); options];
        for organisation in &self.organisations {
            let stance = organisation.stances[index];
            if stance.is_answered() {
                summary.answered += 1;
            }
            match stance.position {
                Position::Chosen(k) => {
                    if let Some(count) = summary.counts.get_mut(usize::from(k)) {
                        *count += 1;
                    }
                    if stance.inferred {
                        summary.inferred += 1;
                    }
                    if let (Some(seen), true) = (points.get_mut(usize::from(k)), stance.point != 0) {
                        seen.add(stance);
                    }
                }
                Position::NotOnScale => summary.not_on_scale += 1,
                Position::Unset => summary.no_position += 1,
                Position::Unsettled => summary.unsettled += 1,
            }
        }
        summary.points_differ = points.iter().any(|seen| seen.own && seen.differ);
        summary.agreement = if options == 0 {
            Agreement::FreeText
        } else {
            match summary.counts.iter().filter(|&&n| n > 0).count() {
                0 => Agreement::NoPositions,
                1 if summary.no_position + summary.not_on_scale + summary.unsettled == 0 => Agreement::Same,
                1 => Agreement::Gaps,
                _ => Agreement::Split,
            }
        };
        summary
    }

    /// The summary in words: `≠ 1 support · 1 support with changes`. Zero counts are left out.
    pub fn summary_text(&self, index: usize) -> String {
        self.summary_with(index, Some(SAME_POSITION_DIFFERENT_POINTS))
    }

    /// The summary, with `points` said when a shared position has different key points
    /// (`None`: not said, as the screen's narrow column marks it otherwise).
    pub fn summary_with(&self, index: usize, points: Option<&str>) -> String {
        let summary = &self.summaries[index];
        let unsettled =
            (summary.unsettled > 0).then(|| format!("{} {CONFLICT_NOT_SETTLED}", summary.unsettled));
        let Some(scale) = self.scale(index) else {
            let total = self.organisations.len();
            let answered = if summary.answered == total {
                format!("{total} answered")
            } else {
                format!("{} of {total} answered", summary.answered)
            };
            return match unsettled {
                Some(unsettled) => format!("{answered} · {unsettled}"),
                None => answered,
            };
        };
        let mut parts: Vec<String> = scale
            .options
            .iter()
            .zip(&summary.counts)
            .filter(|(_, n)| **n > 0)
            .map(|(option, n)| format!("{n} {}", option.label.to_lowercase()))
            .collect();
        if summary.not_on_scale > 0 {
            parts.push(format!("{} not on this version's scale", summary.not_on_scale));
        }
        if summary.no_position > 0 {
            parts.push(format!("{} no position", summary.no_position));
        }
        parts.extend(unsettled);
        if let Some(points) = points.filter(|_| summary.points_differ) {
            parts.push(points.to_string());
        }
        let marker = summary.agreement.marker();
        let text = parts.join(" · ");
        if marker.is_empty() {
            text
        } else {
            format!("{marker} {text}")
        }
    }

    /// The label and symbol of `position` on item `index`'s scale, if it names an option.
    pub fn option(&self, index: usize, position: Position) -> Option<&crate::model::ScaleOption> {
        option(self.scale(index), position)
    }

    /// On how many items `a` and `b` took the same position, out of those where both took one.
    pub fn agreement_between(&self, a: usize, b: usize) -> (usize, usize) {
        let (a, b) = (&self.organisations[a], &self.organisations[b]);
        let mut same = 0;
        let mut both = 0;
        for (x, y) in a.stances.iter().zip(b.stances.iter()) {
            if let (Position::Chosen(x), Position::Chosen(y)) = (x.position, y.position) {
                both += 1;
                if x == y {
                    same += 1;
                }
            }
        }
        (same, both)
    }

    /// Every pair of organisations, in name order, with how often they took the same
    /// position; empty with too many organisations for a table of pairs.
    pub fn pairs(&self) -> Vec<Pair> {
        if self.is_large() {
            return Vec::new();
        }
        let order = self.order(Sort::Name);
        let mut pairs = Vec::new();
        for (at, &first) in order.iter().enumerate() {
            for &second in &order[at + 1..] {
                let (same, both) = self.agreement_between(first, second);
                pairs.push(Pair {
                    first,
                    second,
                    same,
                    both,
                });
            }
        }
        pairs
    }

    /// Organisation indices in the order `sort` asks for.
    pub fn order(&self, sort: Sort) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.organisations.len()).collect();
        let by_name = |a: &usize, b: &usize| self.organisations[*a].name_order(&self.organisations[*b]);
        match sort {
            Sort::Name => order.sort_by(by_name),
            Sort::AgreementWith(chosen) if chosen < order.len() => {
                let score: Vec<usize> = (0..order.len())
                    .map(|i| self.agreement_between(chosen, i).0)
                    .collect();
                order.sort_by(|a, b| {
                    (*b == chosen)
                        .cmp(&(*a == chosen))
                        .then_with(|| score[*b].cmp(&score[*a]))
                        .then_with(|| by_name(a, b))
                });
            }
            Sort::AgreementWith(_) => order.sort_by(by_name),
        }
        order
    }

    /// Item indices to show: only one section (if given), only where positions differ (if asked).
    pub fn visible_items(&self, section: Option<usize>, only_differing: bool) -> Vec<usize> {
        (0..self.item_count())
            .filter(|&i| section.is_none_or(|s| self.section_of(i) == s))
            .filter(|&i| !only_differing || self.summaries[i].agreement.differs())
            .collect()
    }
}

impl Format {
    /// Whether the format quotes every organisation's answers and notes in full.
    pub fn quotes_answers(self) -> bool {
        matches!(self, Format::Markdown | Format::Html)
    }

    /// The file name ending for this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv | Format::PairsCsv => "csv",
        }
    }
}

/// Writes the document for `comparison` in `format`, as it is made: nothing is built in
/// memory. The briefings and the CSV take what they quote from `fragments` (made by
/// [`load_document`] for this format); without them, every file is read again for it,
/// without the organisations' notes.
pub fn write(
    format: Format,
    comparison: &Comparison,
    fragments: Option<&Fragments>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let made;
    let fragments = match (fragments::Kind::of(format, false), fragments) {
        (None, _) => None,
        (Some(_), Some(fragments)) if fragments.kind.format == format => Some(fragments),
        (Some(kind), _) => {
            made = Fragments::from_files(comparison, kind)?;
            Some(&made)
        }
    };
    match (format, fragments) {
        (Format::Markdown, Some(fragments)) => markdown::write(comparison, fragments, out),
        (Format::Html, Some(fragments)) => html::write(comparison, fragments, out),
        (Format::Csv, Some(fragments)) => csv::write(comparison, fragments, out),
        (Format::PairsCsv, _) => csv::write_pairs(comparison, out),
        _ => json::write(comparison, out),
    }
}

/// Each format's fragments are made by its own writer; said here, where the writers are
/// known, so the fragments' store need not know them.
impl fragments::Kind {
    /// Writes one organisation's fragments into `out` (empty), an item at a time, each
    /// item's end in `ends`.
    pub(crate) fn render(self, entries: &[fragments::Entry], out: &mut Vec<u8>, ends: &mut Vec<u32>) {
        let end = |out: &Vec<u8>| u32::try_from(out.len()).unwrap_or(u32::MAX);
        match self.format {
            Format::Csv => csv::fragments(entries, out, |out| ends.push(end(out))),
            Format::Markdown | Format::Html => {
                for entry in entries {
                    if self.format == Format::Html {
                        html::fragment(entry, self.notes, out);
                    } else {
                        markdown::fragment(entry, self.notes, out);
                    }
                    ends.push(end(out));
                }
            }
            Format::Json | Format::PairsCsv => {}
        }
    }
}

/// Where the screen's export writes `comparison` as `format` in `dir`:
/// `comparison-SET.md`, or `comparison-SET-pairs.csv` for the pairs.
pub fn default_path(dir: &std::path::Path, comparison: &Comparison, format: Format) -> PathBuf {
    let pairs = if format == Format::PairsCsv { "-pairs" } else { "" };
    dir.join(format!(
        "comparison-{}{pairs}.{}",
        comparison.set.id,
        format.extension()
    ))
}

impl Format {
    /// The formats the screen's export offers, in the order Tab goes through them.
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::Csv,
        Format::PairsCsv,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown briefing",
            Format::Html => "HTML to print",
            Format::Json => "JSON",
            Format::Csv => "CSV",
            Format::PairsCsv => "CSV of pairs",
        }
    }

    pub fn next(self) -> Format {
        let at = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }
}

/// The document for `comparison` in `format`, as text (see [`write`]).
pub fn render(
    format: Format,
    comparison: &Comparison,
    fragments: Option<&Fragments>,
) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    write(format, comparison, fragments, &mut bytes)?;
    Ok(String::from_utf8(bytes).expect("every writer writes UTF-8 text"))
}

impl Comparison {
    /// What a briefing says it is: how many responses, to whose consultation.
    pub fn intro(&self) -> String {
        let count = self.organisations.len();
        let responses = if count == 1 { "response" } else { "responses" };
        format!(
            "{count} {responses} to {}'s consultation compared, item by item.",
            self.set.publisher
        )
    }

    /// Organisation `o`'s position on `item` in words, marked when it was inferred.
    pub fn stance_words(&self, item: usize, o: usize) -> String {
        stance_words(self.scale(item), self.organisations[o].stances[item]).into_owned()
    }

    /// Whether any organisation's position anywhere was inferred: then a legend says what the mark means.
    pub fn any_inferred(&self) -> bool {
        self.summaries.iter().any(|s| s.inferred > 0)
    }

    /// Whether any organisation has a merge conflict not settled on any item: then a
    /// legend says what [`CONFLICT_NOT_SETTLED`] means.
    pub fn any_unsettled(&self) -> bool {
        self.summaries.iter().any(|s| s.unsettled > 0)
    }

    /// How many organisations have a merge conflict not settled on some item.
    pub fn unsettled_organisations(&self) -> usize {
        self.organisations
            .iter()
            .filter(|o| o.stances.iter().any(|s| s.position == Position::Unsettled))
            .count()
    }

    /// Whether organisation `o` has a merge conflict not settled on `item`.
    pub fn is_unsettled(&self, item: usize, o: usize) -> bool {
        self.organisations[o].stances[item].position == Position::Unsettled
    }

    /// A position in words, as a document says it: symbols are for the screen.
    pub fn position_words(&self, item: usize, position: Position) -> &str {
        position_words(self.scale(item), position)
    }
}

/// The option `position` names on `scale`, if any.
fn option(scale: Option<&Scale>, position: Position) -> Option<&crate::model::ScaleOption> {
    match position {
        Position::Chosen(k) => scale?.options.get(usize::from(k)),
        _ => None,
    }
}

/// A position on `scale` in words, as a document says it: symbols are for the screen.
pub fn position_words(scale: Option<&Scale>, position: Position) -> &str {
    match position {
        Position::Chosen(_) => option(scale, position).map_or("No position", |o| o.label.as_str()),
        Position::NotOnScale => "Not on this version's scale",
        Position::Unset => "No position",
        Position::Unsettled => "Conflict not settled",
    }
}

/// A stance's position on `scale` in words, marked when it was inferred.
pub fn stance_words(scale: Option<&Scale>, stance: Stance) -> std::borrow::Cow<'_, str> {
    let words = position_words(scale, stance.position);
    if stance.inferred && matches!(stance.position, Position::Chosen(_) | Position::NotOnScale) {
        format!("{words} {INFERRED_MARK}").into()
    } else {
        words.into()
    }
}

/// The summary's words for a shared position held for different key points.
pub const SAME_POSITION_DIFFERENT_POINTS: &str = "same position, different key points";

/// What every view and format says of an item whose merge conflict nobody has settled.
pub const CONFLICT_NOT_SETTLED: &str = "conflict not settled";

/// What [`CONFLICT_NOT_SETTLED`] means, for a legend.
pub const CONFLICT_LEGEND: &str = "conflict not settled: a merge of two copies of the response left the item undecided; until someone settles it (consult edit) the file holds what both copies started from, so it is counted apart from the positions stated";

/// After a position that the organisation did not state itself.
pub const INFERRED_MARK: &str = "(inferred)";

/// What [`INFERRED_MARK`] means, for a legend.
pub const INFERRED_LEGEND: &str =
    "(inferred): a position read from the organisation's documents, not stated by it";

/// A pair's agreement in words: `10 of 11 items`.
pub fn pair_words(pair: Pair) -> String {
    let items = if pair.both == 1 { "item" } else { "items" };
    format!("{} of {} {items}", pair.same, pair.both)
}

/// A fingerprint of a key point (0 for none) that two points share when they say the same
/// as a reader would compare them: ignoring case, spacing and the closing stop. Comparing
/// fingerprints keeps a whole consultation's key points out of memory. Points are only
/// ever compared with the first of their option's, so taking different points for the same
/// needs every one of them to share its fingerprint by chance: too unlikely to matter.
pub fn point_key(point: &str) -> u32 {
    use std::hash::BuildHasher;
    if point.is_empty() {
        return 0;
    }
    let words = point
        .trim_end()
        .trim_end_matches(['.', '!', '?', '…', ';', ':', ','])
        .split_whitespace();
    // The words in lower case, one space between: no word holds a space.
    let mut said = String::with_capacity(point.len());
    for word in words {
        if !said.is_empty() {
            said.push(' ');
        }
        if word.is_ascii() {
            said.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            said.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    // A fixed seed: the same point has the same fingerprint in every file and every run.
    let hash = foldhash::fast::FixedState::with_seed(0).hash_one(&said);
    ((hash ^ (hash >> 32)) as u32).max(1)
}

/// The key points seen for one option: whether any was written by hand, and whether
/// they differ.
#[derive(Debug, Clone, Copy, Default)]
struct PointsSeen {
    first: u32,
    own: bool,
    differ: bool,
}

impl PointsSeen {
    fn add(&mut self, stance: Stance) {
        if self.first == 0 {
            self.first = stance.point;
        } else if self.first != stance.point {
            self.differ = true;
        }
        self.own |= stance.own_point;
    }
}

/// What the marks in the summary column mean.
pub fn legend() -> String {
    format!(
        "{} positions split · {} positions agree but some gave none · {} all the same",
        Agreement::Split.marker(),
        Agreement::Gaps.marker(),
        Agreement::Same.marker()
    )
}

#[cfg(test)]
mod tests {
    use super::point_key;

    #[test]
    fn key_points_that_say_the_same_share_a_fingerprint() {
        let point = point_key("Councils must keep a statutory role.");
        assert_eq!(point_key("councils  must keep a\nSTATUTORY role"), point);
        assert_eq!(point_key("Councils must keep a statutory role!"), point);
        assert_ne!(point_key("Councils must keep a role."), point);
        assert_ne!(point_key("Councils mustkeep a statutory role."), point);
        assert_eq!(point_key("Ŵyl Gymreig"), point_key("ŵyl gymreig."));
        assert_eq!(point_key(""), 0);
        assert_ne!(point_key("."), 0, "a point of only a stop is still a point");
    }
}
