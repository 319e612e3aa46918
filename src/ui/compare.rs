//! The comparison screen: a matrix of items by organisations (or by options, counted),
//! the selected item's wording, the drill-in on one item, and the notes on files set
//! aside. Every piece of text from the files goes through `visible` before it is drawn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Gauge, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Theme, centered, panel};
use crate::app::App;
use crate::app::compare::{
    CompareView, DETAIL_PAGE, Extent, Layout as Shown, Mode, Scroll, counts_columns, follow,
};
use crate::compare::{
    Agreement, CONFLICT_LEGEND, CONFLICT_NOT_SETTLED, Comparison, INFERRED_LEGEND, Position,
    SAME_POSITION_DIFFERENT_POINTS, SetAside, Sort, pair_words,
};
use crate::text::shown_path;
use crate::text::{fit, flat, grouped, shorten, visible};

/// Draws the comparison and says what of it is in view (see [`Shown`]).
pub fn draw(app: &App, theme: Theme, frame: &mut Frame, area: Rect) -> Shown {
    let mut shown = Shown::default();
    let Some(view) = app.comparison() else {
        return shown;
    };
    if let Some(loading) = &view.loading {
        let done = loading.done.load(std::sync::atomic::Ordering::Relaxed);
        draw_loading(done, loading.total, theme, frame, area);
        return shown;
    }
    let Some(comparison) = &view.comparison else {
        shown.notes = draw_nothing_compared(&view.nothing_compared, &view.notes, theme, frame, area);
        return shown;
    };
    let info_height = if has_warnings(comparison) { 2 } else { 1 };
    let [info, main] = Layout::vertical([Constraint::Length(info_height), Constraint::Min(3)]).areas(area);
    draw_info(view, comparison, theme, frame, info);
    if let Some(detail) = &view.detail {
        shown.detail = draw_detail(view, comparison, detail, theme, frame, main);
    } else {
        // The matrix takes what it needs; the selected item's wording gets the rest.
        let cols = columns(view, comparison, usize::from(main.width.saturating_sub(2)));
        let header = header_lines(view, comparison, &cols, theme).len();
        let rows = matrix_rows(view, comparison).len().max(2) + header + 2;
        let height = (rows as u16).min(main.height.saturating_sub(5));
        let [matrix, item] = Layout::vertical([Constraint::Length(height), Constraint::Min(5)]).areas(main);
        (shown.first_row, shown.first_column) = draw_matrix(view, comparison, theme, frame, matrix);
        draw_item(view, comparison, theme, frame, item);
    }
    if view.notes_open {
        shown.notes = draw_notes(comparison, &view.notes, theme, frame, main);
    }
    if view.pairs_open {
        shown.pairs = draw_pairs(comparison, &view.pairs, theme, frame, main);
    }
    shown
}

/// The mark for a shared position held for different key points, in the narrow summary column.
const POINTS_DIFFER: &str = "◇";

/// After an inferred position's symbol.
const INFERRED: &str = "*";

/// The summary as the matrix shows it: different key points as a mark in front.
fn summary_cell(comparison: &Comparison, i: usize) -> String {
    let text = comparison.summary_with(i, None);
    if comparison.summaries[i].points_differ {
        format!("{POINTS_DIFFER} {text}")
    } else {
        text
    }
}

/// A position as the screen shows it: symbol (with `*` when inferred) and label, and its style.
fn position_cell(comparison: &Comparison, i: usize, o: usize, theme: Theme) -> (String, Style) {
    let stance = comparison.organisations[o].stances[i];
    let inferred = if stance.inferred { INFERRED } else { "" };
    match (stance.position, comparison.scale(i)) {
        (Position::Unsettled, _) => (format!("! {CONFLICT_NOT_SETTLED}"), theme.warning()),
        (_, None) => (String::new(), Style::new()),
        (Position::Chosen(k), Some(scale)) => match scale.options.get(usize::from(k)) {
            Some(option) => (
                format!("{}{inferred} {}", option.symbol, one_line(&option.label)),
                option_style(theme, usize::from(k), scale.options.len()),
            ),
            None => ("?".to_string(), theme.warning()),
        },
        (Position::NotOnScale, Some(_)) => (format!("?{inferred} not on scale"), theme.warning()),
        (Position::Unset, Some(_)) => ("— no position".to_string(), theme.dim()),
    }
}

/// Who agrees with whom, over the matrix.
fn draw_pairs(
    comparison: &Comparison,
    scroll: &Scroll,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Extent {
    let mut lines = vec![
        Line::styled(
            "Items on which both took the same position, of those on which both took one",
            theme.heading(),
        ),
        Line::raw(""),
    ];
    let pairs = comparison.pairs();
    if pairs.is_empty() {
        lines.push(Line::raw("Only one organisation: there are no pairs."));
    }
    for pair in pairs {
        lines.push(Line::from(vec![
            Span::styled(format!("{:>16}  ", pair_words(pair)), theme.heading()),
            Span::raw(format!(
                "{} · {}",
                one_line(&comparison.column_name(pair.first)),
                one_line(&comparison.column_name(pair.second))
            )),
        ]));
    }
    draw_scrolled(
        lines,
        " Who agrees with whom · Esc closes ",
        scroll,
        theme,
        frame,
        area,
    )
}

/// Untrusted text for the screen: control characters as pictures, tabs as spaces
/// (a raw tab would move the terminal's cursor past the cells ratatui drew).
fn shown(text: &str) -> String {
    visible(text).replace('\t', "    ")
}

/// Untrusted text on one line.
fn one_line(text: &str) -> String {
    flat(&visible(text))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", grouped(n))
    }
}

/// Colour for option `k` of `n`: green for the favourable end, red for the other. Only a help.
fn option_style(theme: Theme, k: usize, n: usize) -> Style {
    if !theme.color || n < 2 {
        return Style::new();
    }
    let middle = (n - 1) as f32 / 2.0;
    let k = k as f32;
    if k < middle - 0.01 {
        Style::new().fg(if k == 0.0 { Color::Green } else { Color::LightGreen })
    } else if k > middle + 0.01 {
        Style::new().fg(if k as usize == n - 1 {
            Color::Red
        } else {
            Color::LightRed
        })
    } else {
        Style::new()
    }
}

fn agreement_style(theme: Theme, agreement: Agreement) -> Style {
    match agreement {
        Agreement::Split => theme.warning(),
        Agreement::Gaps => Style::new().add_modifier(Modifier::BOLD),
        _ => Style::new(),
    }
}

fn draw_loading(done: usize, total: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let box_area = centered(area, 64, 5);
    frame.render_widget(Clear, box_area);
    let block = panel(" Comparing responses ", true, theme);
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let [text, gauge] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(
        Line::raw(format!(
            "Reading responses: {} of {} files",
            grouped(done),
            grouped(total)
        )),
        text,
    );
    let ratio = if total == 0 {
        0.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    };
    frame.render_widget(
        Gauge::default()
            .ratio(ratio)
            .gauge_style(theme.good())
            .use_unicode(true),
        gauge,
    );
}

fn draw_nothing_compared(
    set_aside: &[SetAside],
    scroll: &Scroll,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Extent {
    let mut lines = vec![
        Line::styled(
            "No file could be compared. Each was set aside for the reason below.",
            theme.warning(),
        ),
        Line::raw(""),
    ];
    for aside in set_aside {
        lines.extend(set_aside_lines(aside, theme));
    }
    draw_scrolled(lines, " Nothing to compare ", scroll, theme, frame, area)
}

fn set_aside_lines(aside: &SetAside, theme: Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled(
            format!("✗ {}", one_line(&shown_path(&aside.file))),
            theme.heading(),
        ),
        Line::raw(format!("  {}", shown(&aside.reason))),
    ]
}

/// A bordered, wrapped, scrolled paragraph; returns how far it can scroll.
fn draw_scrolled(
    lines: Vec<Line<'static>>,
    title: &str,
    scroll: &Scroll,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Extent {
    let block = panel(title.to_string(), true, theme);
    let inner = block.inner(area);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = paragraph.line_count(inner.width) as u16;
    let extent = Extent {
        max: total.saturating_sub(inner.height),
        page: inner.height,
    };
    let offset = scroll.offset.min(extent.max);
    frame.render_widget(Clear, area);
    frame.render_widget(paragraph.block(block).scroll((offset, 0)), area);
    extent
}

fn draw_info(view: &CompareView, comparison: &Comparison, theme: Theme, frame: &mut Frame, area: Rect) {
    let count = comparison.organisations.len();
    let title = one_line(comparison.set.title.split(':').next().unwrap_or_default());
    let items = if view.only_differing {
        "differing items only"
    } else {
        "all items"
    };
    let section = view
        .section
        .and_then(|s| comparison.set.sections.get(s))
        .map_or_else(|| "all sections".to_string(), |s| one_line(&s.title));
    let sort = match view.sort {
        Sort::Name => "by name".to_string(),
        Sort::AgreementWith(o) => format!(
            "by agreement with {}",
            one_line(comparison.organisations[o].display_name())
        ),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(" {} to {title}", plural(count, "response", "responses")),
            theme.heading(),
        ),
        Span::raw(format!(" · {items} · {section} · {sort}")),
    ])];
    let set_aside = comparison.set_aside.len();
    let others = comparison.other_versions();
    let unsettled = comparison.unsettled_organisations();
    if has_warnings(comparison) {
        let mut parts = Vec::new();
        if set_aside > 0 {
            parts.push(format!("{} set aside", plural(set_aside, "file", "files")));
        }
        if others > 0 {
            parts.push(format!(
                "{} answered another version (marked †)",
                plural(others, "response", "responses")
            ));
        }
        if unsettled > 0 {
            let has = if unsettled == 1 { "has" } else { "have" };
            parts.push(format!(
                "{} {has} merge conflicts not settled (marked !)",
                plural(unsettled, "response", "responses")
            ));
        }
        for group in &comparison.repeated {
            parts.push(format!(
                "{} files from {}, told apart by date",
                group.len(),
                one_line(comparison.organisations[group[0]].display_name())
            ));
        }
        lines.push(Line::styled(
            format!(" ⚠ {} · w shows why", parts.join(" · ")),
            theme.warning(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Whether the header has a line of warnings: files set aside, other versions, one
/// organisation's several files, conflicts not settled.
fn has_warnings(comparison: &Comparison) -> bool {
    comparison.set_aside.len()
        + comparison.other_versions()
        + comparison.repeated.len()
        + comparison.unsettled_organisations()
        > 0
}

/// Column widths: the fixed item labels, the scrolled columns, the fixed summary.
struct Columns {
    label: usize,
    cell: usize,
    summary: usize,
    /// The first column in view and how many are in view.
    first: usize,
    shown: usize,
    total: usize,
}

fn columns(view: &CompareView, comparison: &Comparison, width: usize) -> Columns {
    let total = view.column_count().max(1);
    let label = (width * 3 / 10).clamp(16, 36);
    let natural = match view.mode {
        Mode::Columns => comparison
            .set
            .scales
            .iter()
            .flat_map(|s| &s.options)
            .map(|o| o.symbol.width() + 1 + o.label.width())
            .max()
            .unwrap_or(0)
            .max("✎ 9999 words".width())
            .clamp(10, 30),
        Mode::Counts => format!("++ {} 100%", grouped(comparison.organisations.len())).width(),
    };
    let narrowest = natural.min(14);
    let summary_min = (width / 4).clamp(16, 40);
    let room = width.saturating_sub(label + summary_min);
    let fits = (room / (narrowest + 1)).clamp(1, total);
    let cell = if fits == total {
        (room / total).saturating_sub(1).clamp(narrowest, natural)
    } else {
        (room / fits).saturating_sub(1)
    };
    // Keep the selected column in view, moving as little as possible.
    let first = follow(view.column_offset, view.column, fits, total, 0);
    let used = label + fits * (cell + 1);
    Columns {
        label,
        cell,
        summary: width.saturating_sub(used + 1),
        first,
        shown: fits,
        total,
    }
}

/// One matrix row: a section's title, or an item with its cells and summary.
enum Row {
    Section(usize),
    Item(usize),
}

fn matrix_rows(view: &CompareView, comparison: &Comparison) -> Vec<Row> {
    let mut rows = Vec::new();
    for i in view.visible_items() {
        let section = comparison.section_of(i);
        if !rows.iter().any(|r| matches!(r, Row::Section(s) if *s == section)) {
            rows.push(Row::Section(section));
        }
        rows.push(Row::Item(i));
    }
    rows
}

/// Draws the matrix; returns the first row and column in view.
fn draw_matrix(
    view: &CompareView,
    comparison: &Comparison,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> (usize, usize) {
    let cols = columns(view, comparison, usize::from(area.width.saturating_sub(2)));
    let range = if cols.shown < cols.total {
        format!(
            " · columns {}–{} of {} · ← → scroll",
            cols.first + 1,
            cols.first + cols.shown,
            cols.total
        )
    } else {
        String::new()
    };
    let title = match view.mode {
        Mode::Columns => format!(" Positions{range} "),
        Mode::Counts => format!(" Counts per option{range} "),
    };
    let block = panel(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut lines = header_lines(view, comparison, &cols, theme);
    let header_height = lines.len();
    let visible = view.visible_items();
    if visible.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "  No items here where positions differ. Press d to show every item.",
            theme.heading(),
        ));
        frame.render_widget(Paragraph::new(lines), inner);
        return (0, cols.first);
    }
    let rows = matrix_rows(view, comparison);
    // Keep the selected row (and, when it is first in its section, the section's title) in view.
    let height = usize::from(inner.height).saturating_sub(header_height).max(1);
    let selected = rows
        .iter()
        .position(|r| matches!(r, Row::Item(i) if *i == view.item))
        .unwrap_or(0);
    let first = follow(view.row_offset, selected, height, rows.len(), 1);
    for row in rows.iter().skip(first).take(height) {
        lines.push(match row {
            Row::Section(s) => section_line(view, comparison, *s, &cols, theme),
            Row::Item(i) => item_line(view, comparison, *i, &cols, theme),
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
    (first, cols.first)
}

fn header_lines(
    view: &CompareView,
    comparison: &Comparison,
    cols: &Columns,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut names = vec![Span::styled(fit(" Item", cols.label), theme.heading())];
    let mut marks = vec![Span::raw(fit("", cols.label))];
    let mut any_mark = false;
    for column in cols.first..cols.first + cols.shown {
        let style = if column == view.column {
            theme.selected().add_modifier(Modifier::BOLD)
        } else {
            theme.heading()
        };
        let (name, mark) = match view.mode {
            Mode::Columns => {
                let Some(&o) = view.order.get(column) else {
                    continue;
                };
                let organisation = &comparison.organisations[o];
                let dagger = if organisation.other_version { "†" } else { "" };
                let mark = match view.sort {
                    Sort::AgreementWith(chosen) if chosen == o => "◆ compared with".to_string(),
                    Sort::AgreementWith(chosen) => {
                        let (same, both) = comparison.agreement_between(chosen, o);
                        format!("same on {same}/{both}")
                    }
                    // Each response's status and date, so a draft is never read as final.
                    Sort::Name => format!("{} {}", organisation.status.label(), organisation.updated_date()),
                };
                (format!("{}{dagger}", one_line(&comparison.column_name(o))), mark)
            }
            Mode::Counts => (counts_header(view, comparison, column), String::new()),
        };
        any_mark |= !mark.is_empty();
        names.push(Span::raw(" "));
        names.push(Span::styled(fit(&name, cols.cell), style));
        marks.push(Span::raw(" "));
        marks.push(Span::styled(fit(&mark, cols.cell), theme.dim()));
    }
    names.push(Span::raw(" "));
    names.push(Span::styled(fit("Summary", cols.summary), theme.heading()));
    let mut lines = vec![Line::from(names)];
    if any_mark {
        lines.push(Line::from(marks));
    }
    lines
}

/// In counts mode the option columns are named after the selected item's scale.
fn counts_header(view: &CompareView, comparison: &Comparison, column: usize) -> String {
    let scale = comparison
        .scale(view.item)
        .or_else(|| comparison.set.scales.first());
    if column == counts_columns(comparison) - 1 {
        return "No position".to_string();
    }
    match scale.and_then(|s| s.options.get(column)) {
        Some(option) => format!("{} {}", option.symbol, one_line(&option.label)),
        None => String::new(),
    }
}

fn section_line(
    view: &CompareView,
    comparison: &Comparison,
    s: usize,
    cols: &Columns,
    theme: Theme,
) -> Line<'static> {
    let section = &comparison.set.sections[s];
    let mut text = one_line(&section.title);
    // In counts mode a section's scale is its legend, since each scale has its own options.
    if view.mode == Mode::Counts
        && let Some(scale) = section
            .items
            .first()
            .and_then(|item| comparison.set.scale_of(item))
    {
        let legend: Vec<String> = scale
            .options
            .iter()
            .map(|o| format!("{} {}", o.symbol, one_line(&o.label).to_lowercase()))
            .collect();
        text = format!("{text} · {}", legend.join(" · "));
    }
    let width = cols.label + cols.shown * (cols.cell + 1) + 1 + cols.summary;
    Line::styled(
        fit(&text, width),
        theme.heading().add_modifier(Modifier::UNDERLINED),
    )
}

fn item_line(
    view: &CompareView,
    comparison: &Comparison,
    i: usize,
    cols: &Columns,
    theme: Theme,
) -> Line<'static> {
    let item = comparison.item(i);
    let selected = i == view.item;
    let label = format!(
        "{}{} · {}",
        if selected { "▶" } else { " " },
        one_line(&item.label),
        one_line(&shorten(&item.prompt, 80))
    );
    let mut spans = vec![Span::raw(fit(&label, cols.label))];
    let scale = comparison.scale(i);
    let summary = &comparison.summaries[i];
    for column in cols.first..cols.first + cols.shown {
        let (text, style) = match view.mode {
            Mode::Columns => {
                let Some(&o) = view.order.get(column) else {
                    continue;
                };
                let stance = comparison.organisations[o].stances[i];
                match scale {
                    None if stance.position == Position::Unsettled => position_cell(comparison, i, o, theme),
                    None if stance.has_text => (
                        format!("✎ {} words", grouped(stance.words as usize)),
                        Style::new(),
                    ),
                    None => ("—".to_string(), theme.dim()),
                    Some(_) => position_cell(comparison, i, o, theme),
                }
            }
            Mode::Counts => counts_cell(comparison, i, column, theme),
        };
        let style = if selected && column == view.column && view.mode == Mode::Columns {
            style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            style
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(fit(&text, cols.cell), style));
    }
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        fit(&summary_cell(comparison, i), cols.summary),
        agreement_style(theme, summary.agreement),
    ));
    let line = Line::from(spans);
    if selected {
        line.style(theme.selected())
    } else {
        line
    }
}

fn counts_cell(comparison: &Comparison, i: usize, column: usize, theme: Theme) -> (String, Style) {
    let summary = &comparison.summaries[i];
    let Some(scale) = comparison.scale(i) else {
        return (String::new(), Style::new());
    };
    let total = comparison.organisations.len().max(1);
    let share = |n: usize| format!("{}%", (n * 100 + total / 2) / total);
    if column == counts_columns(comparison) - 1 {
        let n = summary.no_position + summary.not_on_scale;
        return (format!("{} {}", grouped(n), share(n)), theme.dim());
    }
    match (scale.options.get(column), summary.counts.get(column)) {
        (Some(option), Some(&n)) => (
            format!("{} {} {}", option.symbol, grouped(n), share(n)),
            option_style(theme, column, scale.options.len()),
        ),
        _ => (String::new(), Style::new()),
    }
}

/// The selected item's full wording and summary, under the matrix.
fn draw_item(view: &CompareView, comparison: &Comparison, theme: Theme, frame: &mut Frame, area: Rect) {
    if view.visible_items().is_empty() {
        frame.render_widget(panel(" Item ", false, theme), area);
        return;
    }
    let item = comparison.item(view.item);
    let section = &comparison.set.sections[comparison.section_of(view.item)];
    let title = format!(" {} · {} ", one_line(&item.label), one_line(&section.title));
    let summary = comparison.summary_text(view.item);
    let mut lines = vec![Line::styled(
        format!("{summary} · Enter: every answer"),
        agreement_style(theme, comparison.summaries[view.item].agreement),
    )];
    // Each organisation's position beside its key point: the panel shows what fits.
    let room = usize::from(area.height.saturating_sub(3));
    let width = usize::from(area.width.saturating_sub(2));
    for &o in view.order.iter().take(room) {
        lines.push(key_point_line(comparison, view.item, o, width, theme));
    }
    if view.order.len() > room && room > 0 {
        lines.pop();
        lines.push(Line::styled(
            format!("… {} more: Enter shows every answer", view.order.len() + 1 - room),
            theme.dim(),
        ));
    }
    let mut legend = Vec::new();
    if comparison.summaries[view.item].points_differ {
        legend.push(format!("{POINTS_DIFFER} {SAME_POSITION_DIFFERENT_POINTS}"));
    }
    if comparison.summaries[view.item].inferred > 0 {
        legend.push(format!(
            "{INFERRED} {}",
            INFERRED_LEGEND.trim_start_matches("(inferred): ")
        ));
    }
    if comparison.summaries[view.item].unsettled > 0 {
        legend.push(format!("! {CONFLICT_LEGEND}"));
    }
    if !legend.is_empty() {
        lines.push(Line::styled(legend.join(" · "), theme.dim()));
    }
    lines.push(Line::raw(shown(&item.prompt)));
    if let Some(context) = &item.context {
        lines.push(Line::styled(shown(context), theme.context()));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(panel(title, false, theme)),
        area,
    );
}

/// `Name: ++* Agree — key point`, cut to one line of `width`.
fn key_point_line(comparison: &Comparison, i: usize, o: usize, width: usize, theme: Theme) -> Line<'static> {
    let organisation = &comparison.organisations[o];
    let mut spans = vec![Span::styled(
        format!("{}: ", one_line(&comparison.column_name(o))),
        theme.heading(),
    )];
    if comparison.scale(i).is_some() || comparison.is_unsettled(i, o) {
        let (position, style) = position_cell(comparison, i, o, theme);
        spans.push(Span::styled(position, style));
        spans.push(Span::raw(" — "));
    }
    let point = organisation.key_point(i);
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    if point.is_empty() {
        spans.push(Span::styled("no key point", theme.dim()));
    } else {
        spans.push(Span::raw(shorten(
            &one_line(point),
            width.saturating_sub(used).max(1),
        )));
    }
    Line::from(spans)
}

fn draw_detail(
    view: &CompareView,
    comparison: &Comparison,
    detail: &crate::app::compare::Detail,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Extent {
    let item = comparison.item(detail.item);
    let scale = comparison.scale(detail.item);
    let members = view.detail_members().len();
    let mut title = format!(" {} · ", one_line(&item.label));
    if let Some(filter) = detail.filter {
        let label = match comparison.option(detail.item, filter) {
            Some(option) => one_line(&option.label),
            None if filter == Position::Unsettled => CONFLICT_NOT_SETTLED.to_string(),
            None => "no position".to_string(),
        };
        title.push_str(&format!("only {label}: "));
    }
    title.push_str(&plural(members, "organisation", "organisations"));
    if members > DETAIL_PAGE {
        let first = detail.page * DETAIL_PAGE;
        title.push_str(&format!(
            ", {}–{} shown · [ ] more",
            first + 1,
            (first + DETAIL_PAGE).min(members)
        ));
    }
    title.push(' ');

    let mut lines = vec![
        Line::styled(shown(&item.prompt), theme.context()),
        Line::styled(
            if scale.is_some() {
                format!("Positions: {}", comparison.summary_text(detail.item))
            } else {
                comparison.summary_text(detail.item)
            },
            agreement_style(theme, comparison.summaries[detail.item].agreement),
        ),
    ];
    if members == 0 {
        lines.push(Line::raw(""));
        lines.push(Line::raw(
            "No organisation took this position. Press f for the next.",
        ));
    }
    for (o, text) in &detail.texts {
        let organisation = &comparison.organisations[*o];
        let stance = organisation.stances[detail.item];
        let mut heading = vec![Span::styled(
            format!(
                "── {}{}",
                one_line(&comparison.column_name(*o)),
                if organisation.other_version { " †" } else { "" }
            ),
            theme.heading(),
        )];
        if scale.is_some() || stance.position == Position::Unsettled {
            let (mut position, style) = position_cell(comparison, detail.item, *o, theme);
            if stance.inferred && matches!(stance.position, Position::Chosen(_) | Position::NotOnScale) {
                position.push_str(" (inferred)");
            }
            heading.push(Span::raw(" · "));
            heading.push(Span::styled(position, style.add_modifier(Modifier::BOLD)));
        }
        heading.push(Span::styled(
            format!(
                " · {} · {}, updated {}",
                plural(stance.words as usize, "word", "words"),
                organisation.status.label(),
                organisation.updated_date()
            ),
            theme.dim(),
        ));
        lines.push(Line::raw(""));
        lines.push(Line::from(heading));
        let point = organisation.key_point(detail.item);
        if !point.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("Key point: ", theme.heading().add_modifier(Modifier::ITALIC)),
                Span::raw(one_line(point)),
            ]));
        }
        match text {
            Err(reason) => lines.push(Line::styled(
                format!("Could not read the text now: {}", shown(reason)),
                theme.warning(),
            )),
            Ok(text) => {
                if text.answer.trim().is_empty() {
                    lines.push(Line::styled("No written answer.", theme.dim()));
                } else {
                    lines.extend(shown(&text.answer).lines().map(|l| Line::raw(l.to_string())));
                }
                if !text.reasoning.trim().is_empty() {
                    lines.push(Line::styled(
                        "Reasoning",
                        theme.heading().add_modifier(Modifier::ITALIC),
                    ));
                    lines.extend(shown(&text.reasoning).lines().map(|l| Line::raw(l.to_string())));
                }
            }
        }
    }
    draw_scrolled(lines, &title, &detail.scroll, theme, frame, area)
}

fn draw_notes(
    comparison: &Comparison,
    scroll: &Scroll,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) -> Extent {
    let mut lines = Vec::new();
    if !comparison.set_aside.is_empty() {
        lines.push(Line::styled(
            format!(
                "Set aside: {}, not part of the comparison",
                plural(comparison.set_aside.len(), "file", "files")
            ),
            theme.warning(),
        ));
        for aside in &comparison.set_aside {
            lines.extend(set_aside_lines(aside, theme));
        }
        lines.push(Line::raw(""));
    }
    for warning in comparison.repeated_warnings() {
        lines.push(Line::styled(format!("⚠ {}", shown(&warning)), theme.warning()));
        lines.push(Line::raw(""));
    }
    let noted: Vec<_> = comparison
        .organisations
        .iter()
        .filter(|o| !o.notes.is_empty())
        .collect();
    if !noted.is_empty() {
        lines.push(Line::styled(
            "Compared, with notes († another version of the question set)",
            theme.heading(),
        ));
        for organisation in noted {
            lines.push(Line::styled(
                format!(
                    "{} ({})",
                    one_line(organisation.display_name()),
                    one_line(&shown_path(&organisation.file))
                ),
                theme.heading(),
            ));
            for note in &organisation.notes {
                lines.push(Line::raw(format!("  • {}", shown(note))));
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::raw(
            "Every file was compared, all on this version of the question set.",
        ));
    }
    draw_scrolled(lines, " Notes · Esc closes ", scroll, theme, frame, area)
}
