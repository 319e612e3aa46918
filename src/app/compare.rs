//! The comparison screen's state and its update step: the matrix with its filters,
//! sorting and sideways scrolling, the drill-in on one item, and loading in the
//! background with progress when there are many files.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::Effect;
use super::command::{Command, CompareCommand};
use super::{App, Message, Screen};
use crate::catalog::Catalog;
use crate::compare::{self, Comparison, ItemText, Position, SetAside, Sort};
use crate::dirs::Dirs;
use crate::model::QuestionSet;

/// Which part of the comparison has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComparePart {
    Matrix,
    Detail,
    Notes,
    /// Who agrees with whom.
    Pairs,
}

/// Fewer files than this load at once; more load in the background with a progress line.
pub const LOAD_IN_BACKGROUND_FROM: usize = 64;

/// How many organisations' texts the drill-in reads and shows at a time.
pub const DETAIL_PAGE: usize = 25;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// One column per organisation.
    Columns,
    /// One column per option, with how many chose it.
    Counts,
}

/// A scrolled text: the offset asked for, and how far it can go, which depends on the
/// window and so comes from the last frame drawn (see [`Layout`]).
#[derive(Debug, Default)]
pub struct Scroll {
    pub offset: u16,
    pub extent: Extent,
}

/// How a scrolled text fitted the last frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extent {
    /// The largest offset that still shows text.
    pub max: u16,
    /// Lines in view, for paging.
    pub page: u16,
}

impl Scroll {
    fn by(&mut self, lines: i32) {
        let next = i32::from(self.offset) + lines;
        self.offset = next.clamp(0, i32::from(self.extent.max)) as u16;
    }

    fn page_lines(&self) -> i32 {
        i32::from(self.extent.page.saturating_sub(1).max(1))
    }

    /// Scrolls by a line or a page, as `command` asks; other commands do nothing here.
    fn command(&mut self, command: Command) {
        match command {
            Command::Down => self.by(1),
            Command::Up => self.by(-1),
            Command::Compare(CompareCommand::PageDown) => self.by(self.page_lines()),
            Command::Compare(CompareCommand::PageUp) => self.by(-self.page_lines()),
            _ => {}
        }
    }

    fn laid_out(&mut self, extent: Extent) {
        self.extent = extent;
        self.offset = self.offset.min(extent.max);
    }
}

/// What the last frame showed of the comparison, as only drawing can know it (it depends
/// on the window): drawing reports it without changing anything, and the event loop
/// passes it in, so keys can stop scrolling at the end and scroll from where the view is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    /// The first matrix row and column in view.
    pub first_row: usize,
    pub first_column: usize,
    /// The notes, or the reasons nothing could be compared.
    pub notes: Extent,
    pub pairs: Extent,
    pub detail: Extent,
    /// The inside of the draft's focused editor, width × height, where one was drawn:
    /// its lines are wrapped at that width and its view follows the cursor within it.
    pub editor: Option<(u16, u16)>,
}

/// The first of `fits` places in view, moving from `first` as little as keeps `selected`
/// in view; `margin` places before it stay in view too (a section's title above its first item).
pub fn follow(first: usize, selected: usize, fits: usize, total: usize, margin: usize) -> usize {
    let fits = fits.max(1);
    let mut first = first.min(total.saturating_sub(fits));
    if selected < first + margin {
        first = selected.saturating_sub(margin);
    } else if selected >= first + fits {
        first = selected + 1 - fits;
    }
    first
}

/// Files being read on another thread.
pub struct Loading {
    pub done: Arc<AtomicUsize>,
    pub total: usize,
    result: Receiver<Result<Comparison, Vec<SetAside>>>,
}

/// Every organisation's text on one item, a page of organisations at a time.
pub struct Detail {
    pub item: usize,
    /// Only organisations that took this position, if set.
    pub filter: Option<Position>,
    pub page: usize,
    /// The organisations on this page, in display order, with their text or why it could not be read.
    pub texts: Vec<(usize, Result<ItemText, String>)>,
    pub scroll: Scroll,
}

pub struct CompareView {
    /// Opened from the drafts list (Esc goes back there) rather than the command line (Esc quits).
    pub from_home: bool,
    pub loading: Option<Loading>,
    pub comparison: Option<Comparison>,
    /// Why each file was set aside, when none could be compared.
    pub nothing_compared: Vec<SetAside>,
    pub mode: Mode,
    pub only_differing: bool,
    pub section: Option<usize>,
    pub sort: Sort,
    /// Organisation indices in column order.
    pub order: Vec<usize>,
    /// The selected item, by its index in reading order.
    pub item: usize,
    /// The selected column: an organisation's place in `order`, or an option in counts mode.
    pub column: usize,
    /// First row and column in view at the last frame: drawing moves from there as little
    /// as keeps the selection in view.
    pub row_offset: usize,
    pub column_offset: usize,
    pub detail: Option<Detail>,
    /// The list of files set aside and version notes, when open.
    pub notes_open: bool,
    pub notes: Scroll,
    /// Who agrees with whom, when open.
    pub pairs_open: bool,
    pub pairs: Scroll,
}

impl CompareView {
    /// Reads `files` (in the background if there are many) for comparing on `set`,
    /// or on the set most of them answer.
    pub fn start(
        files: Vec<PathBuf>,
        catalog: &Catalog,
        set: Option<QuestionSet>,
        from_home: bool,
    ) -> CompareView {
        let mut view = CompareView {
            from_home,
            loading: None,
            comparison: None,
            nothing_compared: Vec::new(),
            mode: Mode::Columns,
            only_differing: false,
            section: None,
            sort: Sort::Name,
            order: Vec::new(),
            item: 0,
            column: 0,
            row_offset: 0,
            column_offset: 0,
            detail: None,
            notes_open: false,
            notes: Scroll::default(),
            pairs_open: false,
            pairs: Scroll::default(),
        };
        if files.len() < LOAD_IN_BACKGROUND_FROM {
            view.loaded(compare::load(files, catalog, set.as_ref(), true, &|| {}));
            return view;
        }
        let done = Arc::new(AtomicUsize::new(0));
        let (sender, result) = channel();
        let total = files.len();
        let counter = Arc::clone(&done);
        let catalog = catalog.clone();
        std::thread::spawn(move || {
            let loaded = compare::load(files, &catalog, set.as_ref(), true, &|| {
                counter.fetch_add(1, Ordering::Relaxed);
            });
            // The screen may have been closed meanwhile; then nobody is waiting.
            let _ = sender.send(loaded);
        });
        view.loading = Some(Loading { done, total, result });
        view
    }

    fn loaded(&mut self, result: Result<Comparison, Vec<SetAside>>) {
        self.loading = None;
        match result {
            Ok(comparison) => {
                self.mode = if comparison.is_large() {
                    Mode::Counts
                } else {
                    Mode::Columns
                };
                self.order = comparison.order(Sort::Name);
                self.item = 0;
                self.comparison = Some(comparison);
                self.select_visible();
            }
            Err(set_aside) => self.nothing_compared = set_aside,
        }
    }

    /// Takes the background result if it has arrived.
    pub fn poll(&mut self) {
        let Some(loading) = &self.loading else { return };
        match loading.result.try_recv() {
            Ok(result) => self.loaded(result),
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                // The loading thread ended without an answer: it panicked.
                self.loading = None;
                self.nothing_compared = vec![SetAside {
                    file: PathBuf::new(),
                    reason: "reading the files failed unexpectedly".into(),
                }];
            }
        }
    }

    /// Blocks until loading has finished (for tests and benchmarks).
    pub fn wait(&mut self) {
        if let Some(loading) = self.loading.take() {
            let result = loading.result.recv().unwrap_or_else(|_| Err(Vec::new()));
            self.loaded(result);
        }
    }

    /// The part of the screen keys go to.
    pub fn part(&self) -> ComparePart {
        if self.notes_open {
            ComparePart::Notes
        } else if self.pairs_open {
            ComparePart::Pairs
        } else if self.detail.is_some() {
            ComparePart::Detail
        } else {
            ComparePart::Matrix
        }
    }

    /// Takes in what the last frame showed.
    pub fn laid_out(&mut self, layout: Layout) {
        self.row_offset = layout.first_row;
        self.column_offset = layout.first_column;
        self.notes.laid_out(layout.notes);
        self.pairs.laid_out(layout.pairs);
        if let Some(detail) = self.detail.as_mut() {
            detail.scroll.laid_out(layout.detail);
        }
    }

    /// Item indices the matrix shows, given the filters.
    pub fn visible_items(&self) -> Vec<usize> {
        self.comparison
            .as_ref()
            .map_or_else(Vec::new, |c| c.visible_items(self.section, self.only_differing))
    }

    /// Keeps the selected item among those shown: the first shown, if it was filtered out.
    fn select_visible(&mut self) {
        let visible = self.visible_items();
        if !visible.contains(&self.item) {
            self.item = visible.first().copied().unwrap_or(0);
        }
    }

    /// How many columns the matrix has in the current mode.
    pub fn column_count(&self) -> usize {
        let Some(comparison) = &self.comparison else {
            return 0;
        };
        match self.mode {
            Mode::Columns => comparison.organisations.len(),
            Mode::Counts => counts_columns(comparison),
        }
    }

    /// The organisations the drill-in lists: display order, with the position filter.
    pub fn detail_members(&self) -> Vec<usize> {
        let (Some(comparison), Some(detail)) = (&self.comparison, &self.detail) else {
            return Vec::new();
        };
        self.order
            .iter()
            .copied()
            .filter(|&o| {
                detail
                    .filter
                    .is_none_or(|p| comparison.organisations[o].stances[detail.item].position == p)
            })
            .collect()
    }

    fn open_detail(&mut self, item: usize, filter: Option<Position>) {
        self.detail = Some(Detail {
            item,
            filter,
            page: 0,
            texts: Vec::new(),
            scroll: Scroll::default(),
        });
        self.load_page();
    }

    /// Reads the texts for the drill-in's current page: only these are held in memory.
    fn load_page(&mut self) {
        let members = self.detail_members();
        let (Some(comparison), Some(detail)) = (&self.comparison, &mut self.detail) else {
            return;
        };
        let pages = members.len().div_ceil(DETAIL_PAGE).max(1);
        detail.page = detail.page.min(pages - 1);
        let item = detail.item;
        detail.texts = members
            .iter()
            .skip(detail.page * DETAIL_PAGE)
            .take(DETAIL_PAGE)
            .map(|&o| {
                let file = &comparison.organisations[o].file;
                let text = compare::load_texts(file, &comparison.set)
                    .map(|texts| texts.into_iter().nth(item).unwrap_or_default());
                (o, text)
            })
            .collect();
        detail.scroll = Scroll::default();
    }
}

/// Option columns in counts mode: the longest scale's options, and one for "no position".
pub fn counts_columns(comparison: &Comparison) -> usize {
    comparison
        .set
        .scales
        .iter()
        .map(|s| s.options.len())
        .max()
        .unwrap_or(0)
        + 1
}

impl App {
    /// The app opened straight on a comparison of `files` (from `consult compare`).
    pub fn comparing(dirs: Dirs, catalog: Catalog, files: Vec<PathBuf>, set: Option<QuestionSet>) -> App {
        let view = CompareView::start(files, &catalog, set, false);
        let mut app = App::new(dirs, catalog);
        // App::new may offer to start a response when there are no drafts: not wanted here.
        if matches!(app.dialog, Some(super::Dialog::NewResponse { .. })) {
            app.dialog = None;
        }
        app.screen = Screen::Compare(Box::new(view));
        app
    }
}

/// Time passing: picks up a background load that has finished.
pub fn tick(app: &mut App) {
    if let Some(view) = app.comparison_mut() {
        view.poll();
    }
}

/// From the drafts list: compares every draft that answers the same consultation as
/// the selected one.
pub fn start_from_home(app: &mut App) {
    let Some(home) = app.home() else { return };
    let Some(selected) = home.selected() else {
        return info(app, "No drafts to compare yet", true);
    };
    // Drafts name their consultation by the title of the set they resolved to; a file
    // to another set with the same title is still set aside (with the reason) by the loader.
    let files: Vec<PathBuf> = home
        .drafts
        .iter()
        .filter(|d| d.consultation == selected.consultation)
        .map(|d| d.path.clone())
        .collect();
    if files.len() < 2 {
        return info(
            app,
            "Only one draft answers this consultation: comparing needs two or more",
            true,
        );
    }
    app.screen = Screen::Compare(Box::new(CompareView::start(files, &app.catalog, None, true)));
}

fn info(app: &mut App, text: &str, error: bool) {
    app.message = Some(Message {
        text: text.to_string(),
        error,
    });
}

/// Applies a command on the comparison screen.
pub fn command(app: &mut App, command: Command) -> Option<Effect> {
    let view = app.comparison_mut()?;
    if view.loading.is_some() || view.comparison.is_none() {
        // Only leaving (and scrolling the reasons, when nothing could be compared) makes sense.
        match command {
            Command::Leave => return leave(app),
            _ => view.notes.command(command),
        }
        return None;
    }
    if view.notes_open {
        match command {
            Command::Leave | Command::Compare(CompareCommand::Notes) => view.notes_open = false,
            _ => view.notes.command(command),
        }
        return None;
    }
    if view.pairs_open {
        match command {
            Command::Leave | Command::Compare(CompareCommand::Pairs) => view.pairs_open = false,
            _ => view.pairs.command(command),
        }
        return None;
    }
    if view.detail.is_some() {
        detail_command(app, command);
        return None;
    }
    matrix_command(app, command)
}

/// Back to the drafts list, or, for a comparison consult was started on, the end.
fn leave(app: &mut App) -> Option<Effect> {
    let from_home = app.comparison().is_some_and(|v| v.from_home);
    if from_home {
        app.refresh_drafts();
        None
    } else {
        Some(Effect::Quit)
    }
}

fn matrix_command(app: &mut App, command: Command) -> Option<Effect> {
    let view = app.comparison_mut()?;
    let visible = view.visible_items();
    let at = visible.iter().position(|&i| i == view.item);
    let Some(comparison) = &view.comparison else {
        return None;
    };
    match command {
        Command::Down => {
            if let Some(&next) = at.and_then(|a| visible.get(a + 1)) {
                view.item = next;
            }
        }
        Command::Up => {
            if let Some(&previous) = at.and_then(|a| a.checked_sub(1)).and_then(|a| visible.get(a)) {
                view.item = previous;
            }
        }
        Command::Edit if at.is_some() => {
            let item = view.item;
            view.open_detail(item, None);
        }
        Command::Leave => return leave(app),
        Command::Compare(c) => match c {
            CompareCommand::Left => view.column = view.column.saturating_sub(1),
            CompareCommand::Right => {
                view.column = (view.column + 1).min(view.column_count().saturating_sub(1));
            }
            CompareCommand::OnlyDiffering => {
                view.only_differing = !view.only_differing;
                view.select_visible();
                if view.only_differing && view.visible_items().is_empty() {
                    info(app, "No item here where positions differ: they all agree", false);
                }
            }
            CompareCommand::NextSection => {
                let sections = comparison.set.sections.len();
                view.section = match view.section {
                    None if sections > 0 => Some(0),
                    Some(s) if s + 1 < sections => Some(s + 1),
                    _ => None,
                };
                view.select_visible();
            }
            CompareCommand::SortByName => {
                let selected = view.order.get(view.column).copied();
                view.sort = Sort::Name;
                view.order = comparison.order(Sort::Name);
                if let Some(selected) = selected {
                    view.column = view.order.iter().position(|&o| o == selected).unwrap_or(0);
                }
            }
            CompareCommand::SortByAgreement => {
                if view.mode == Mode::Counts {
                    info(
                        app,
                        "Sorting by agreement needs a column per organisation: press m first",
                        true,
                    );
                    return None;
                }
                if let Some(&chosen) = view.order.get(view.column) {
                    view.sort = Sort::AgreementWith(chosen);
                    view.order = comparison.order(view.sort);
                    view.column = 0;
                    view.column_offset = 0;
                }
            }
            CompareCommand::SwitchMode => {
                view.mode = match view.mode {
                    Mode::Columns => Mode::Counts,
                    Mode::Counts => Mode::Columns,
                };
                view.column = 0;
                view.column_offset = 0;
            }
            CompareCommand::Notes => {
                view.notes_open = true;
                view.notes = Scroll::default();
            }
            CompareCommand::Pairs if comparison.is_large() => info(
                app,
                "Too many organisations (over 100) for a table of pairs",
                true,
            ),
            CompareCommand::Pairs => {
                view.pairs_open = true;
                view.pairs = Scroll::default();
            }
            _ => {}
        },
        _ => {}
    }
    None
}

fn detail_command(app: &mut App, command: Command) {
    let Some(view) = app.comparison_mut() else {
        return;
    };
    let visible = view.visible_items();
    let Some(detail) = view.detail.as_mut() else {
        return;
    };
    match command {
        Command::Down => detail.scroll.by(1),
        Command::Up => detail.scroll.by(-1),
        Command::Leave => {
            view.item = detail.item;
            view.detail = None;
        }
        Command::NextItem | Command::PrevItem => {
            let at = visible.iter().position(|&i| i == detail.item);
            let next = match (at, command) {
                (Some(a), Command::NextItem) => visible.get(a + 1),
                (Some(a), _) => a.checked_sub(1).and_then(|a| visible.get(a)),
                (None, _) => visible.first(),
            };
            if let Some(&next) = next {
                view.item = next;
                view.open_detail(next, None);
            }
        }
        Command::Compare(c) => match c {
            CompareCommand::PageDown => detail.scroll.by(detail.scroll.page_lines()),
            CompareCommand::PageUp => detail.scroll.by(-detail.scroll.page_lines()),
            CompareCommand::NextOrganisations => {
                detail.page += 1;
                view.load_page();
            }
            CompareCommand::PrevOrganisations => {
                detail.page = detail.page.saturating_sub(1);
                view.load_page();
            }
            CompareCommand::FilterPosition => {
                let options = view
                    .comparison
                    .as_ref()
                    .and_then(|c| c.scale(detail.item))
                    .map_or(0, |s| s.options.len());
                if options == 0 {
                    return info(app, "A free-text item has no positions to filter by", true);
                }
                let unsettled = view
                    .comparison
                    .as_ref()
                    .is_some_and(|c| c.summaries[detail.item].unsettled > 0);
                // All → each option in turn → no position → conflict not settled (if any) → all.
                detail.filter = match detail.filter {
                    None => Some(Position::Chosen(0)),
                    Some(Position::Chosen(k)) if usize::from(k) + 1 < options => {
                        Some(Position::Chosen(k + 1))
                    }
                    Some(Position::Chosen(_)) => Some(Position::Unset),
                    Some(Position::Unset) if unsettled => Some(Position::Unsettled),
                    Some(_) => None,
                };
                detail.page = 0;
                view.load_page();
            }
            _ => {}
        },
        _ => {}
    }
}
