//! Comparing responses as a secretariat would: the two sample responses side by side
//! (matrix, split markers, every export, the screen at 80×24 and 160×48), hostile text,
//! mixed question sets, another version of the set, corrupt files, exit codes, and the
//! screen's keys. Screen snapshots hold text only; styles are asserted separately.
//!
//! After changing an output on purpose: `cargo insta review` (or `INSTA_UPDATE=always`).

use crate::support;

use std::fs;
use std::path::PathBuf;

use consult::app::compare::{Mode, counts_columns};
use consult::app::{App, ScreenKind};
use consult::catalog::Catalog;
use consult::compare::{self, Agreement, Comparison, Format, Position, Sort};
use crossterm::event::KeyCode;
use support::fixtures::{QUESTIONS, copy_into, read, response, root};
use support::sandbox::{self, Run, Sandbox};
use support::{COMMISSION, Harness, LOCAL_GOVERNMENT, render, screen};
use tempfile::TempDir;

const HOSTILE: &str = "tests/fixtures/compare/hostile.json";
const OLDER: &str = "tests/fixtures/compare/older-version.json";
const CORRUPT: &str = "tests/fixtures/compare/corrupt.json";
const UNKNOWN_SET: &str = "tests/fixtures/compare/unknown-set.json";
/// The Local Government Association's sample as a merge left it, renamed: conflicts not
/// settled on q1's position (its file holds the ancestor's "partly agree"), on the free-text
/// comments' answer, and on the respondent's role.
const UNSETTLED: &str = "tests/fixtures/compare/merged-unsettled.json";

fn samples() -> Vec<PathBuf> {
    vec![PathBuf::from(COMMISSION), PathBuf::from(LOCAL_GOVERNMENT)]
}

fn paths(names: &[&str]) -> Vec<PathBuf> {
    names.iter().map(PathBuf::from).collect()
}

fn load(files: Vec<PathBuf>) -> Comparison {
    compare::load(files, &Catalog::built_in(), None, true, &|| {}).expect("something to compare")
}

fn item_index(comparison: &Comparison, id: &str) -> usize {
    comparison.set.item_index(id).unwrap()
}

/// `consult ARGS` run from the repository root (so fixture paths read as the user typed
/// them), with the sandbox's data and config folders.
fn run(sandbox: &Sandbox, args: &[&str]) -> Run {
    let mut command = sandbox.consult_in(root(), args);
    command.env("NO_COLOR", "1");
    sandbox::run(command)
}

/// A harness whose app has opened the comparison screen for `files`, as `consult compare`
/// does; many files are still loading in the background.
fn opening(files: Vec<PathBuf>) -> Harness {
    let mut h = Harness::fresh();
    let dirs = h.app.dirs.clone();
    h.app = h.set_up(App::comparing(dirs, Catalog::built_in(), files, None));
    h
}

/// A harness whose app is on the comparison screen for `files`, loaded.
fn comparing(files: Vec<PathBuf>) -> Harness {
    let mut h = opening(files);
    if let Some(view) = h.app.comparison_mut() {
        view.wait();
    }
    h
}

/// Snapshots the screen at the smallest supported size and a large one.
fn snapshot(name: &str, h: &Harness) {
    for (width, height) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen(h, width, height));
    }
}

/// Copies of a sample response under other organisations' names, in a temporary folder.
fn many(count: usize) -> (TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let base = response(LOCAL_GOVERNMENT);
    let options = ["agree", "partly-agree", "neither", "partly-disagree", "disagree"];
    let files = (0..count)
        .map(|n| {
            let mut response = base.clone();
            response.respondent.organisation = format!("Council {:03}", n + 1);
            // Vary question 1 so that the counts differ per option.
            if let Some(answer) = response.answers.iter_mut().find(|a| a.item == "q1") {
                answer.position = Some(options[n % options.len()].to_string());
            }
            let path = dir.path().join(format!("council-{:03}.json", n + 1));
            fs::write(&path, consult::export::json::render(&response)).unwrap();
            path
        })
        .collect();
    (dir, files)
}

/// A control character that would act on a terminal if written raw (a line break or a
/// tab only moves the cursor, as text does).
fn raw_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

// ----- The two samples --------------------------------------------------------

#[test]
fn the_samples_agree_on_the_questions_and_split_on_two_elements() {
    let comparison = load(samples());
    assert_eq!(comparison.organisations.len(), 2);
    assert!(comparison.set_aside.is_empty());
    let agreement = |id: &str| comparison.summaries[item_index(&comparison, id)].agreement;
    for id in ["q1", "q3", "q4", "e1", "e6"] {
        assert_eq!(agreement(id), Agreement::Same, "{id}");
    }
    // Re-judged against its published text, the Commission partly disagrees on question 2
    // (it prefers its own third model); local government states no preference.
    assert_eq!(agreement("q2"), Agreement::Split);
    assert_eq!(
        comparison.summary_text(item_index(&comparison, "q2")),
        "≠ 1 neither agree nor disagree · 1 partly disagree"
    );
    // The Local Government Association left element 7 without a position and wants changes to element 8.
    assert_eq!(agreement("e7"), Agreement::Gaps);
    assert_eq!(agreement("e8"), Agreement::Split);
    assert_eq!(agreement("summary"), Agreement::FreeText);
    assert_eq!(
        comparison.summary_text(item_index(&comparison, "e8")),
        "≠ 1 support · 1 support with changes"
    );
    assert_eq!(
        comparison.summary_text(item_index(&comparison, "e7")),
        "? 1 support · 1 no position"
    );
    // Both partly agree on question 1, for different reasons: the summary says so.
    assert_eq!(
        comparison.summary_text(item_index(&comparison, "q1")),
        "✓ 2 partly agree · same position, different key points"
    );
    let differing: Vec<&str> = comparison
        .visible_items(None, true)
        .into_iter()
        .map(|i| comparison.item(i).id.as_str())
        .collect();
    assert_eq!(differing, ["q2", "e7", "e8"]);
    // They took the same position on 9 of the 11 items both took one on: all bar question 2 and element 8.
    assert_eq!(comparison.agreement_between(0, 1), (9, 11));
    let pairs = comparison.pairs();
    assert_eq!(pairs.len(), 1);
    assert_eq!((pairs[0].same, pairs[0].both), (9, 11));
    assert_eq!(compare::pair_words(pairs[0]), "9 of 11 items");
}

#[test]
fn key_points_status_dates_and_inferred_positions_are_loaded() {
    let comparison = load(samples());
    let order = comparison.order(Sort::Name);
    let (commission, local) = (order[0], order[1]);
    let q2 = item_index(&comparison, "q2");
    let e1 = item_index(&comparison, "e1");
    let organisations = &comparison.organisations;
    assert_eq!(
        organisations[commission].key_point(q2),
        "Our own optional third model, not option 2, would give the strongest incentive to collaborate and the clearest accountability."
    );
    assert!(organisations[commission].stances[q2].inferred);
    assert!(!organisations[commission].stances[e1].inferred);
    assert!(organisations[local].stances[e1].inferred);
    assert_eq!(organisations[commission].status.label(), "final");
    assert_eq!(organisations[commission].updated_date(), "2021-01-07");
    assert_eq!(comparison.summaries[e1].inferred, 1);
    assert_eq!(comparison.stance_words(e1, local), "Support (inferred)");
    assert_eq!(comparison.stance_words(e1, commission), "Support");
    assert!(comparison.any_inferred());
    assert!(comparison.repeated.is_empty());
}

#[test]
fn an_answer_without_a_key_point_stands_for_itself_by_its_first_sentence_cut_to_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut response = response(LOCAL_GOVERNMENT);
    for answer in &mut response.answers {
        answer.key_point = None;
        if answer.item == "q3" {
            answer.answer = format!("{}. And more.", "very long ".repeat(40).trim());
        }
        if answer.item == "q4" {
            answer.answer = "  \n ".into();
            answer.position = Some("agree".into());
        }
    }
    let path = dir.path().join("no-points.json");
    fs::write(&path, consult::export::json::render(&response)).unwrap();
    let comparison = load(vec![path]);
    let local = &comparison.organisations[0];
    assert_eq!(
        local.key_point(item_index(&comparison, "q2")),
        "We have heard a range of views from councils and can see merit in both options."
    );
    let long = local.key_point(item_index(&comparison, "q3"));
    assert!(
        long.ends_with('…') && long.chars().count() <= compare::KEY_POINT_WIDTH,
        "{long}"
    );
    assert!(!long.contains('\n'));
    // No text, no key point.
    assert_eq!(local.key_point(item_index(&comparison, "q4")), "");
}

#[test]
fn shared_positions_with_the_same_key_point_are_plain_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let files = two_councils(&dir, |name, copy| {
        if name != "South" {
            return;
        }
        if let Some(q3) = copy.answers.iter_mut().find(|a| a.item == "q3") {
            // Case, spacing and the closing stop do not make a different point.
            q3.key_point = q3
                .key_point
                .as_ref()
                .map(|p| format!("  {}  ", p.to_uppercase().trim_end_matches('.')));
        }
        if let Some(q4) = copy.answers.iter_mut().find(|a| a.item == "q4") {
            q4.key_point = Some("Another reason entirely.".into());
        }
    });
    let comparison = load(files);
    let summary = |id: &str| comparison.summary_text(item_index(&comparison, id));
    assert_eq!(summary("q3"), "✓ 2 agree");
    assert_eq!(summary("q4"), "✓ 2 agree · same position, different key points");
}

/// The local government sample as North and South Councils' responses in `dir`, each
/// changed by `change` (given the name) first.
fn two_councils(dir: &TempDir, change: impl Fn(&str, &mut consult::model::Response)) -> Vec<PathBuf> {
    let base = response(LOCAL_GOVERNMENT);
    ["North", "South"]
        .iter()
        .map(|name| {
            let mut copy = base.clone();
            copy.respondent.organisation = format!("{name} Council");
            change(name, &mut copy);
            let path = dir.path().join(format!("{name}.json"));
            fs::write(&path, consult::export::json::render(&copy)).unwrap();
            path
        })
        .collect()
}

/// The local government sample again in `dir`, as a draft updated on 1 February 2021.
fn later_local_government(dir: &TempDir) -> PathBuf {
    let mut later = response(LOCAL_GOVERNMENT);
    later.updated = "2021-02-01T10:00:00Z".parse().unwrap();
    later.status = consult::model::ResponseStatus::Draft;
    let path = dir.path().join("local-government-later.json");
    fs::write(&path, consult::export::json::render(&later)).unwrap();
    path
}

#[test]
fn two_files_from_one_organisation_are_told_apart_by_date_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let second = later_local_government(&dir);
    let comparison = load(vec![
        PathBuf::from(LOCAL_GOVERNMENT),
        second,
        PathBuf::from(COMMISSION),
    ]);
    assert_eq!(comparison.repeated.len(), 1);
    let names: Vec<String> = comparison
        .order(Sort::Name)
        .into_iter()
        .map(|o| comparison.column_name(o))
        .collect();
    assert_eq!(
        names,
        [
            "Health Devolution Commission",
            "Local Government Association (2021-01-08)",
            "Local Government Association (2021-02-01)",
        ]
    );
    let warnings = comparison.repeated_warnings();
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].starts_with("2 files are from Local Government Association: "),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0].contains("draft, updated 2021-02-01"),
        "{}",
        warnings[0]
    );
    for format in [Format::Markdown, Format::Html, Format::Json] {
        let out = compare::render(format, &comparison, None).unwrap();
        assert!(
            out.contains("2 files are from Local Government Association"),
            "{format:?}"
        );
        assert!(
            out.contains("Local Government Association (2021-02-01)"),
            "{format:?}"
        );
    }
    // The same file twice is one file; the same organisation on the same day is told apart by file name.
    let same_day = dir.path().join("local-government-copy.json");
    fs::copy(LOCAL_GOVERNMENT, &same_day).unwrap();
    let comparison = load(vec![PathBuf::from(LOCAL_GOVERNMENT), same_day]);
    let names: Vec<String> = (0..2).map(|o| comparison.column_name(o)).collect();
    assert!(
        names.contains(&"Local Government Association (2021-01-08, local-government.json)".to_string()),
        "{names:?}"
    );
}

#[test]
fn the_samples_as_markdown_json_and_csv() {
    let sandbox = Sandbox::new();
    for (format, name) in [
        ("md", "samples.md"),
        ("json", "samples.json"),
        ("csv", "samples.csv"),
    ] {
        let out = run(
            &sandbox,
            &["compare", COMMISSION, LOCAL_GOVERNMENT, "--format", format],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stderr, "", "no warnings for two good files");
        insta::assert_snapshot!(name, out.stdout);
    }
}

/// Every document `consult compare` writes for the fixtures (hostile text, another version,
/// a merge conflict not settled, a file set aside, notes asked for), byte for byte: made in
/// one pass over the files, they stay as they were when the files were read twice.
#[test]
fn every_document_of_the_fixtures_stays_byte_for_byte() {
    let sandbox = Sandbox::new();
    let cases: [(&str, &[&str]); 3] = [
        ("samples", &[COMMISSION, LOCAL_GOVERNMENT, "--with-notes"]),
        ("hostile", &[COMMISSION, HOSTILE]),
        (
            "mixed",
            &[LOCAL_GOVERNMENT, OLDER, UNSETTLED, CORRUPT, COMMISSION],
        ),
    ];
    for (case, files) in cases {
        for format in ["md", "html", "csv"] {
            let notes = files.contains(&"--with-notes");
            if notes && format == "csv" {
                continue;
            }
            let mut args = vec!["compare", "--format", format];
            args.extend(files);
            let out = run(&sandbox, &args);
            assert_eq!(out.code, 0, "{}", out.stderr);
            insta::assert_snapshot!(format!("document_{case}.{format}"), out.stdout);
        }
    }
}

#[test]
fn the_markdown_is_a_well_formed_document_with_the_matrix_as_a_table() {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
    let comparison = load(samples());
    let markdown = compare::render(Format::Markdown, &comparison, None).unwrap();
    let mut headings = Vec::new();
    let mut tables = 0;
    let mut current: Option<(HeadingLevel, String)> = None;
    for event in Parser::new_ext(&markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::Text(text) => {
                if let Some((_, heading)) = current.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Start(Tag::Table(_)) => tables += 1,
            _ => {}
        }
    }
    assert_eq!(tables, 2, "the matrix and who agrees with whom");
    let level = |l: HeadingLevel| headings.iter().filter(|(h, _)| *h == l).count();
    assert_eq!(level(HeadingLevel::H1), 1);
    assert!(headings.contains(&(HeadingLevel::H3, "Element 8".into())));
    assert!(headings.contains(&(
        HeadingLevel::H4,
        "Local Government Association: Support with changes (inferred)".into()
    )));
    // Every organisation's answer to every item: 14 items × 2.
    assert_eq!(level(HeadingLevel::H4), 28);
    assert!(markdown.contains(
        "| Element 8 | Support | Support with changes (inferred) | ≠ 1 support · 1 support with changes |"
    ));
}

#[test]
fn the_screen_shows_the_matrix_at_both_sizes() {
    let h = comparing(samples());
    snapshot("compare_matrix", &h);
    let text = screen(&h, 160, 48);
    assert!(text.contains("≠ 1 support · 1 support with changes"));
    // Inferred positions carry a star, explained under the matrix for the selected item.
    assert!(text.contains("+~* Support with changes"));
    assert!(text.contains("— no position"));
    // Each response's status and date under its name; shared positions held for different
    // key points are marked.
    assert!(text.contains("final 2021-01-07") && text.contains("final 2021-01-08"));
    assert!(text.contains("◇ ✓ 2 partly agree"));
}

#[test]
fn the_item_panel_sets_each_position_beside_its_key_point() {
    let mut h = comparing(samples());
    // Element 1: both support it, local government's support inferred, for different reasons.
    let e1 = h
        .app
        .comparison()
        .unwrap()
        .comparison
        .as_ref()
        .unwrap()
        .set
        .item_index("e1")
        .unwrap();
    while h.app.comparison().unwrap().item != e1 {
        h.key(KeyCode::Down);
    }
    let text = screen(&h, 120, 40);
    assert!(
        text.contains("Local Government Association: ++* Support — Councils' work on housing, skills and jobs is central"),
        "{text}"
    );
    assert!(
        text.contains("Health Devolution Commission: ++ Support — A wider purpose"),
        "{text}"
    );
    assert!(text.contains("◇ same position, different key points"), "{text}");
    assert!(
        text.contains("* a position read from the organisation's documents"),
        "{text}"
    );
}

#[test]
fn selecting_a_row_shows_every_answer_and_reasoning_scrollably() {
    let mut h = comparing(samples());
    // Down to element 8, the item where they split.
    for _ in 0..12 {
        h.key(KeyCode::Down);
    }
    assert_eq!(h.app.comparison().unwrap().item, 12);
    h.key(KeyCode::Enter);
    snapshot("compare_detail", &h);
    let top = screen(&h, 80, 24);
    assert!(top.contains("── Health Devolution Commission · ++ Support"));
    // The second organisation's text is further down: scrolling reaches it.
    for _ in 0..40 {
        h.key(KeyCode::Down);
    }
    let scrolled = screen(&h, 80, 24);
    assert!(scrolled.contains("Local Government Association · +~* Support with changes (inferred)"));
    assert!(scrolled.contains("Reasoning"));
    // Over-scrolling stops at the end: one key up moves the text again.
    let bottom = screen(&h, 80, 24);
    h.key(KeyCode::Up);
    assert_ne!(screen(&h, 80, 24), bottom);
    h.key(KeyCode::Esc);
    assert!(h.app.comparison().unwrap().detail.is_none());
    assert_eq!(h.app.comparison().unwrap().item, 12);
}

#[test]
fn filters_show_only_differing_items_or_one_section() {
    let mut h = comparing(samples());
    h.key(KeyCode::Char('d'));
    snapshot("compare_differing", &h);
    let text = screen(&h, 80, 24);
    assert!(text.contains("Element 7") && text.contains("Element 8"));
    assert!(!text.contains("Question 1"));
    assert!(text.contains("differing items only"));
    h.key(KeyCode::Char('d'));
    // One section at a time: the questions, then the model's elements.
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('s'));
    let text = screen(&h, 160, 48);
    assert!(text.contains("Consultation questions"));
    assert!(text.contains("Question 4") && !text.contains("Element 1 "));
    let view = h.app.comparison().unwrap();
    assert_eq!(view.visible_items().len(), 4);
    assert_eq!(view.item, 1, "the selection moves into the section shown");
}

#[test]
fn organisations_sort_by_name_or_by_agreement_with_the_chosen_one() {
    let mut h = comparing(paths(&[LOCAL_GOVERNMENT, HOSTILE, COMMISSION]));
    let names = |h: &Harness| -> Vec<String> {
        let view = h.app.comparison().unwrap();
        let comparison = view.comparison.as_ref().unwrap();
        view.order
            .iter()
            .map(|&o| {
                comparison.organisations[o]
                    .display_name()
                    .chars()
                    .take(7)
                    .collect()
            })
            .collect()
    };
    assert_eq!(names(&h), ["Health ", "Hostile", "Local G"]);
    // Choose the hostile one (second column) and sort by agreement with it: the Local
    // Government Association (its copy, bar question 1) comes before the Commission.
    h.key(KeyCode::Right);
    h.key(KeyCode::Char('a'));
    assert_eq!(names(&h), ["Hostile", "Local G", "Health "]);
    let text = screen(&h, 160, 48);
    assert!(text.contains("◆ compared with"));
    // The copy differs on question 1 only, of the 11 items both took a position on.
    assert!(text.contains("same on 10/11"));
    assert!(text.contains("by agreement with Hostile"));
    h.key(KeyCode::Char('n'));
    assert_eq!(names(&h), ["Health ", "Hostile", "Local G"]);
}

#[test]
fn many_organisations_scroll_sideways_with_the_item_labels_fixed() {
    let (_dir, files) = many(50);
    let mut h = comparing(files);
    assert_eq!(h.app.comparison().unwrap().mode, Mode::Columns);
    let first = screen(&h, 80, 24);
    assert!(first.contains("Council 001"));
    assert!(first.contains("of 50 · ← → scroll"));
    for _ in 0..49 {
        h.key(KeyCode::Right);
    }
    snapshot("compare_sideways", &h);
    let last = screen(&h, 80, 24);
    // The column headings, under the matrix's title: the item panel below lists key points.
    let headings = last.lines().nth(3).unwrap();
    assert!(
        headings.contains("Council 050") && !headings.contains("Council 001"),
        "{headings}"
    );
    assert!(last.contains("Question 1 ·"), "row labels stay");
    assert!(last.contains("Summary"), "the summary column stays");
}

#[test]
fn many_files_switch_to_counts_per_option_and_load_with_progress() {
    let (_dir, files) = many(120);
    let mut h = opening(files);
    // Many files load in the background; until then the screen says how far it has got.
    assert!(h.app.comparison().unwrap().loading.is_some());
    let loading = screen(&h, 80, 24);
    assert!(loading.contains("Reading responses:") && loading.contains("of 120 files"));
    h.app.comparison_mut().unwrap().wait();
    let view = h.app.comparison().unwrap();
    assert_eq!(view.mode, Mode::Counts);
    assert_eq!(
        view.column_count(),
        counts_columns(view.comparison.as_ref().unwrap())
    );
    h.key(KeyCode::Down);
    snapshot("compare_counts", &h);
    let text = screen(&h, 160, 48);
    // 120 councils, question 1's positions spread evenly over the five options.
    assert!(text.contains("++ 24 20%"));
    assert!(text.contains("-- 24 20%"));
    assert!(text.contains("≠ 24 agree · 24 partly agree"));
    // m switches back to a column each.
    h.key(KeyCode::Char('m'));
    assert!(screen(&h, 80, 24).contains("Council 001"));
}

#[test]
fn the_help_overlay_lists_the_comparison_keys() {
    let mut h = comparing(samples());
    h.key(KeyCode::F(1));
    let mut seen = String::new();
    for _ in 0..60 {
        seen.push_str(&screen(&h, 160, 48));
        for _ in 0..10 {
            h.key(KeyCode::Down);
        }
    }
    assert!(seen.contains("Comparing responses"));
    assert!(seen.contains("only the items where positions differ"));
    assert!(seen.contains("sort organisations by how often they agree with the selected one"));
}

// ----- Untrusted text ----------------------------------------------------------

#[test]
fn hostile_text_shows_as_visible_placeholders_on_screen() {
    let mut h = comparing(paths(&[COMMISSION, HOSTILE]));
    let check = |h: &Harness| {
        for (width, height) in [(80, 24), (160, 48)] {
            let terminal = render(h, width, height);
            for cell in terminal.backend().buffer().content() {
                assert!(
                    !cell.symbol().chars().any(raw_control),
                    "raw control character in a cell: {:?}",
                    cell.symbol()
                );
            }
        }
    };
    check(&h);
    assert!(screen(&h, 160, 48).contains("Hostile␛[2J Org␇ �evil"));
    // Question 1, where the hostile answer is.
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    for _ in 0..20 {
        h.key(KeyCode::Down);
    }
    check(&h);
    let text = screen(&h, 160, 48);
    assert!(
        text.contains("Clear the screen␛[2J and set the title␛]0;title␇"),
        "{text}"
    );
    assert!(text.contains("nul␀ delete␡"));
}

#[test]
fn hostile_text_is_made_visible_and_inert_in_every_export() {
    let sandbox = Sandbox::new();
    for format in ["md", "html", "json", "csv"] {
        let out = run(&sandbox, &["compare", COMMISSION, HOSTILE, "--format", format]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let raw: Vec<char> = out
            .stdout
            .chars()
            .filter(|&c| raw_control(c) && !(format == "csv" && c == '\r'))
            .collect();
        assert!(raw.is_empty(), "{format}: raw control characters {raw:?}");
        assert!(out.stdout.contains("Hostile␛[2J Org␇"), "{format}");
        if format == "md" || format == "html" {
            assert!(
                out.stdout
                    .contains("Clear the screen␛[2J and set the title␛]0;title␇"),
                "{format}"
            );
        }
    }
    // In the page, the answers' markup is escaped text: the only tables, headings of the
    // answers' own and scripts there are none.
    let html = run(&sandbox, &["compare", COMMISSION, HOSTILE, "--format", "html"]).stdout;
    assert!(html.contains("# Not a heading"));
    assert_eq!(
        html.matches("<table>").count(),
        2,
        "only the matrix and the pairs are tables"
    );
    assert!(!html.contains("<b>") && html.contains("&lt;b&gt;html&lt;/b&gt;"));
    // The answer's Markdown structure stays text: no heading, quote or table of its own.
    let markdown = run(&sandbox, &["compare", COMMISSION, HOSTILE, "--format", "md"]).stdout;
    // The key point (here the answer's first sentence) is made visible like the answer.
    assert!(
        markdown.contains("*Key point:* Clear the screen␛[2J and set the title␛]0;title␇"),
        "{markdown}"
    );
    assert!(markdown.contains("\\# Not a heading"));
    assert!(markdown.contains("\\> not a quote"));
    assert!(markdown.contains("\\| not \\| a table \\|"));
    let parser = pulldown_cmark::Parser::new_ext(&markdown, pulldown_cmark::Options::ENABLE_TABLES);
    let tables = parser
        .filter(|e| matches!(e, pulldown_cmark::Event::Start(pulldown_cmark::Tag::Table(_))))
        .count();
    assert_eq!(tables, 2, "only the matrix and the pairs are tables");
}

#[test]
fn a_spreadsheet_formula_in_a_name_stays_text_in_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let mut response = response(LOCAL_GOVERNMENT);
    response.respondent.organisation = "=HYPERLINK(\"http://x\",\"click\")".into();
    let file = dir.path().join("formula.json");
    fs::write(&file, consult::export::json::render(&response)).unwrap();
    let csv = compare::render(Format::Csv, &load(vec![file]), None).unwrap();
    let records = csv_records(&csv);
    let q1 = records.iter().find(|r| r[3] == "q1").unwrap();
    assert_eq!(q1[0], "'=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(q1[5], "partly-agree");
}

/// The CSV's records, header first, as a spreadsheet reads them.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_csv_has_labels_answers_and_bases_beside_the_ids_and_no_formulas() {
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let mut hostile = response(LOCAL_GOVERNMENT);
    for answer in &mut hostile.answers {
        match answer.item.as_str() {
            "q1" => answer.answer = "-1+1 is a list, not a sum\u{1b}[2J".into(),
            "q2" => answer.key_point = Some("@SUM(A1:A9)".into()),
            "q3" => answer.answer = "+cmd|' /C calc'!A0".into(),
            _ => {}
        }
    }
    let file = dir.path().join("formulas.json");
    fs::write(&file, consult::export::json::render(&hostile)).unwrap();
    let out = run(
        &sandbox,
        &["compare", COMMISSION, file.to_str().unwrap(), "--format", "csv"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.chars().any(|c| raw_control(c) && c != '\r'));
    let records = csv_records(&out.stdout);
    assert_eq!(records[0], compare::csv::HEADER);
    let row = |organisation: &str, item: &str| {
        records
            .iter()
            .find(|r| r[0] == organisation && r[3] == item)
            .unwrap_or_else(|| panic!("{organisation} {item}"))
            .clone()
    };
    let q2 = row("Health Devolution Commission", "q2");
    assert_eq!(
        &q2[..9],
        [
            "Health Devolution Commission",
            "final",
            "2021-01-07T16:45:00Z",
            "q2",
            "Question 2",
            "partly-disagree",
            "Partly disagree",
            "inferred",
            "Our own optional third model, not option 2, would give the strongest incentive to collaborate and the clearest accountability.",
        ]
    );
    assert!(q2[9].starts_with("Option 2 is not, in our view,"), "{}", q2[9]);
    let local = "Local Government Association";
    assert_eq!(row(local, "q1")[9], "'-1+1 is a list, not a sum␛[2J");
    assert_eq!(row(local, "q2")[8], "'@SUM(A1:A9)");
    assert_eq!(row(local, "q3")[9], "'+cmd|' /C calc'!A0");
    assert_eq!(row(local, "e7")[5..8], ["", "", ""], "no position, no basis");
    assert_eq!(row(local, "e1")[7], "inferred");
    assert_eq!(row(local, "q1")[7], "stated");

    // --pairs: one row per pair of organisations.
    let out = run(
        &sandbox,
        &[
            "compare",
            COMMISSION,
            LOCAL_GOVERNMENT,
            "--format",
            "csv",
            "--pairs",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        csv_records(&out.stdout),
        [
            vec![
                "organisation",
                "other_organisation",
                "same_position",
                "both_took_a_position"
            ],
            vec![
                "Health Devolution Commission",
                "Local Government Association",
                "9",
                "11"
            ],
        ]
    );
    let out = run(
        &sandbox,
        &[
            "compare",
            COMMISSION,
            LOCAL_GOVERNMENT,
            "--format",
            "json",
            "--pairs",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("--pairs is for --format csv"),
        "{}",
        out.stderr
    );
}

#[test]
fn two_files_from_one_organisation_warn_on_standard_error() {
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("again.json");
    fs::copy(LOCAL_GOVERNMENT, &copy).unwrap();
    let out = run(
        &sandbox,
        &[
            "compare",
            LOCAL_GOVERNMENT,
            copy.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: 2 files are from Local Government Association:"),
        "{}",
        out.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["warnings"].as_array().unwrap().len(), 1);
}

// ----- Files that do not fit -------------------------------------------------------

#[test]
fn a_corrupt_file_and_an_unknown_set_are_set_aside_with_the_reason() {
    let sandbox = Sandbox::new();
    let out = run(
        &sandbox,
        &[
            "compare",
            COMMISSION,
            CORRUPT,
            UNKNOWN_SET,
            LOCAL_GOVERNMENT,
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "the others still compare: {}", out.stderr);
    insta::assert_snapshot!("set_aside_stderr", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["compared"], 2);
    assert_eq!(json["set_aside"].as_array().unwrap().len(), 2);
    assert!(out.stderr.contains("corrupt.json: set aside: line 23, column"));
    assert!(out.stderr.contains("file ends too early"));
    assert!(
        out.stderr
            .contains("answers question set \"social-care-reform\", which consult does not know")
    );

    let h = comparing(paths(&[COMMISSION, CORRUPT, UNKNOWN_SET, LOCAL_GOVERNMENT]));
    assert!(screen(&h, 80, 24).contains("⚠ 2 files set aside · w shows why"));
    let mut h = h;
    h.key(KeyCode::Char('w'));
    snapshot("compare_notes", &h);
    let notes = screen(&h, 160, 48);
    assert!(notes.contains("✗ tests/fixtures/compare/corrupt.json"));
    assert!(notes.contains("file ends too early"));
    h.key(KeyCode::Esc);
    assert!(!h.app.comparison().unwrap().notes_open);
}

#[test]
fn responses_to_another_known_set_are_never_mixed_in() {
    let sandbox = Sandbox::new();
    // A second question set in the user's questions folder, and a response to it.
    let questions = sandbox.config().join("questions");
    fs::create_dir_all(&questions).unwrap();
    let mut set: serde_json::Value = serde_json::from_str(&read(QUESTIONS)).unwrap();
    set["id"] = "local-recovery".into();
    set["title"] = "Local recovery plans".into();
    fs::write(questions.join("local-recovery.json"), set.to_string()).unwrap();
    let other = sandbox.path().join("other.json");
    let made = run(
        &sandbox,
        &[
            "new",
            "--questions",
            "local-recovery",
            "--org",
            "Recovery Board",
            "--out",
            other.to_str().unwrap(),
        ],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);

    let out = run(
        &sandbox,
        &[
            "compare",
            COMMISSION,
            other.to_str().unwrap(),
            LOCAL_GOVERNMENT,
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains(
        "set aside: answers question set \"local-recovery\" (Local recovery plans), but this comparison is of \"integrating-care\""
    ));
    assert!(!out.stdout.contains("Recovery Board"));
    assert_eq!(csv_records(&out.stdout).len(), 1 + 2 * 14);

    // Named with --questions, that set is the one compared, and the others are set aside.
    let out = run(
        &sandbox,
        &[
            "compare",
            COMMISSION,
            other.to_str().unwrap(),
            "--questions",
            "local-recovery",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Recovery Board"));
    assert!(out.stderr.contains(
        "answers question set \"integrating-care\", not \"local-recovery\" named with --questions"
    ));
}

#[test]
fn a_response_to_another_version_compares_what_still_fits_and_marks_the_rest() {
    let comparison = load(paths(&[COMMISSION, OLDER]));
    assert_eq!(comparison.organisations.len(), 2);
    let older = comparison
        .organisations
        .iter()
        .find(|o| o.name == "Older Version Council")
        .unwrap();
    assert!(older.other_version);
    let q1 = item_index(&comparison, "q1");
    assert_eq!(older.stances[q1].position, Position::NotOnScale);
    assert_eq!(comparison.summaries[q1].not_on_scale, 1);
    assert_eq!(comparison.summaries[q1].agreement, Agreement::Gaps);
    // Items this version still has are compared as usual.
    let e8 = item_index(&comparison, "e8");
    assert_eq!(comparison.summaries[e8].agreement, Agreement::Split);
    assert_eq!(older.notes.len(), 3, "{:?}", older.notes);
    assert!(
        older.notes[0].starts_with(
            "answered another version of question set \"integrating-care\" (digest 000000000000…"
        )
    );
    assert!(
        older
            .notes
            .iter()
            .any(|n| n == "\"q5\" is not in this version of the set: left out")
    );
    assert!(
        older
            .notes
            .iter()
            .any(|n| n.contains("position \"strongly-agree\" is not on this version's scale"))
    );

    let sandbox = Sandbox::new();
    let out = run(&sandbox, &["compare", COMMISSION, OLDER, "--format", "md"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("older-version.json: warning: answered another version")
    );
    assert!(
        out.stdout
            .contains("#### Older Version Council: Not on this version's scale")
    );
    assert!(
        out.stdout
            .contains("  - \"q5\" is not in this version of the set: left out")
    );

    let h = comparing(paths(&[COMMISSION, OLDER]));
    let text = screen(&h, 160, 48);
    assert!(text.contains("Older Version Council†"));
    assert!(text.contains("? not on scale"));
    assert!(text.contains("1 response answered another version (marked †)"));
}

#[test]
fn items_with_a_merge_conflict_not_settled_are_marked_and_counted_apart_everywhere() {
    let comparison = load(paths(&[COMMISSION, UNSETTLED]));
    let merged = comparison
        .organisations
        .iter()
        .find(|o| o.name == "Merged Borough Council")
        .unwrap();
    let (q1, comments) = (item_index(&comparison, "q1"), item_index(&comparison, "comments"));
    assert_eq!(merged.stances[q1].position, Position::Unsettled);
    assert_eq!(merged.stances[comments].position, Position::Unsettled);
    // The ancestor's "partly agree" is not counted beside the Commission's.
    assert_eq!(comparison.summaries[q1].counts.iter().sum::<usize>(), 1);
    assert_eq!(comparison.summaries[q1].unsettled, 1);
    assert_eq!(comparison.summaries[q1].agreement, Agreement::Gaps);
    assert_eq!(
        comparison.summary_text(q1),
        "? 1 partly agree · 1 conflict not settled"
    );
    assert_eq!(
        comparison.summary_text(comments),
        "2 answered · 1 conflict not settled"
    );
    assert!(
        merged.notes.iter().any(|n| n
            .starts_with("3 merge conflicts not settled (q1 position, comments answer, respondent.role)")),
        "{:?}",
        merged.notes
    );
    // Items without a conflict are compared as usual.
    let q2 = item_index(&comparison, "q2");
    assert!(matches!(merged.stances[q2].position, Position::Chosen(_)));

    let sandbox = Sandbox::new();
    let markdown = run(&sandbox, &["compare", COMMISSION, UNSETTLED, "--format", "md"]);
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    assert!(
        markdown
            .stderr
            .contains("merged-unsettled.json: warning: 3 merge conflicts not settled")
    );
    for expected in [
        "| Question 1 | Partly agree | Conflict not settled | ? 1 partly agree · 1 conflict not settled |",
        "#### Merged Borough Council: Conflict not settled",
        "**Answers:** 2 answered · 1 conflict not settled",
        compare::CONFLICT_LEGEND,
    ] {
        assert!(
            markdown.stdout.contains(expected),
            "{expected}\n{}",
            markdown.stdout
        );
    }
    assert!(
        !markdown
            .stdout
            .contains("#### Merged Borough Council: Partly agree")
    );

    let html = run(&sandbox, &["compare", COMMISSION, UNSETTLED, "--format", "html"]);
    assert!(
        html.stdout
            .contains("<h4>Merged Borough Council: Conflict not settled</h4>")
    );
    assert!(html.stdout.contains("<td>Conflict not settled</td>"));

    let json = run(&sandbox, &["compare", COMMISSION, UNSETTLED, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let item = |id: &str| {
        json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(item("q1")["counts"]["partly-agree"], 1);
    assert_eq!(item("q1")["conflict_not_settled"], 1);
    assert_eq!(item("comments")["conflict_not_settled"], 1);
    assert!(
        item("q2").get("conflict_not_settled").is_none(),
        "left out when none"
    );
    let position = &item("q1")["positions"][1];
    assert_eq!(position["organisation"], "Merged Borough Council");
    assert_eq!(position["position"], serde_json::Value::Null);
    assert_eq!(position["conflict_not_settled"], true);

    let csv = run(&sandbox, &["compare", COMMISSION, UNSETTLED, "--format", "csv"]);
    let records = csv_records(&csv.stdout);
    let row = records
        .iter()
        .find(|r| r[0] == "Merged Borough Council" && r[3] == "q1")
        .unwrap();
    assert_eq!(
        (row[5].as_str(), row[6].as_str(), row[7].as_str()),
        (compare::csv::UNSETTLED, compare::csv::UNSETTLED, "")
    );

    let h = comparing(paths(&[COMMISSION, UNSETTLED]));
    snapshot("compare_unsettled", &h);
    let text = screen(&h, 160, 48);
    assert!(text.contains("! conflict not settled"), "{text}");
    assert!(
        text.contains("⚠ 1 response has merge conflicts not settled (marked !) · w shows why"),
        "{text}"
    );
}

#[test]
fn a_question_set_among_the_responses_is_set_aside_as_such() {
    let sandbox = Sandbox::new();
    let out = run(
        &sandbox,
        &[
            "compare",
            COMMISSION,
            "questions/integrating-care.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("questions/integrating-care.json: set aside: is a question set, not a response")
    );
}

// ----- Exit codes and the command line -----------------------------------------------

#[test]
fn no_file_to_compare_exits_2_with_every_reason() {
    let sandbox = Sandbox::new();
    let out = run(
        &sandbox,
        &["compare", CORRUPT, "no-such-file.json", "--format", "json"],
    );
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("corrupt.json: set aside: line 23"));
    assert!(out.stderr.contains("no-such-file.json: set aside: no such file"));
    assert!(
        out.stderr
            .contains("consult: none of the 2 file(s) could be compared")
    );

    let missing = run(
        &sandbox,
        &["compare", "--dir", "no-such-folder", "--format", "csv"],
    );
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no-such-folder: cannot list the folder"));

    let empty = tempfile::tempdir().unwrap();
    let none = run(
        &sandbox,
        &[
            "compare",
            "--dir",
            empty.path().to_str().unwrap(),
            "--format",
            "csv",
        ],
    );
    assert_eq!(none.code, 2);
    assert!(
        none.stderr
            .contains("no responses (*.json) or members' documents in this folder")
    );

    let nothing = run(&sandbox, &["compare"]);
    assert_eq!(nothing.code, 2, "usage: {}", nothing.stderr);
}

#[test]
fn a_folder_of_responses_compares_every_json_file_in_it() {
    let (dir, _files) = many(5);
    fs::write(dir.path().join("notes.txt"), "not a response").unwrap();
    fs::write(dir.path().join(".hidden.json"), "{").unwrap();
    let sandbox = Sandbox::new();
    let out = run(
        &sandbox,
        &[
            "compare",
            "--dir",
            dir.path().to_str().unwrap(),
            COMMISSION,
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // A text file in the folder is taken for a member's document; naming no one, it is set aside.
    assert_eq!(
        out.stderr,
        format!(
            "{}: the document does not say which organisation sent it; import it first with `consult import {} --questions integrating-care --org NAME` and name the response instead; set aside\n",
            dir.path().join("notes.txt").display(),
            dir.path().join("notes.txt").display()
        )
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["compared"], 6);
    let q1 = &json["items"][1];
    assert_eq!(q1["id"], "q1");
    assert_eq!(q1["counts"]["partly-agree"], 2);
    assert_eq!(q1["positions"][0]["organisation"], "Council 001");
}

#[test]
fn out_writes_a_file_and_never_overwrites_without_force() {
    let sandbox = Sandbox::new();
    let target = sandbox.path().join("briefing/comparison.md");
    let target_arg = target.to_str().unwrap();
    let to_target = [
        "compare",
        COMMISSION,
        LOCAL_GOVERNMENT,
        "--format",
        "md",
        "--out",
        target_arg,
    ];
    let first = run(&sandbox, &to_target);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stdout.contains("wrote "));
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Comparison of responses")
    );
    let again = run(&sandbox, &to_target);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists; pass --force"));
    let forced = run(
        &sandbox,
        &[
            "compare",
            COMMISSION,
            LOCAL_GOVERNMENT,
            "--format",
            "csv",
            "--out",
            target_arg,
            "--force",
        ],
    );
    assert_eq!(forced.code, 0);
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("organisation,status,updated,item,item_label,position")
    );
}

// ----- The app -----------------------------------------------------------------------

#[test]
fn from_the_drafts_list_c_compares_the_drafts_and_esc_comes_back() {
    let mut h = Harness::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]);
    h.key(KeyCode::Char('c'));
    assert_eq!(h.app.screen.kind(), ScreenKind::Compare);
    let view = h.app.comparison().unwrap();
    assert_eq!(view.comparison.as_ref().unwrap().organisations.len(), 2);
    assert!(screen(&h, 80, 24).contains("2 responses to Integrating care"));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen.kind(), ScreenKind::Home);
    assert!(h.app.comparison().is_none());
    assert!(!h.quit);
}

#[test]
fn one_draft_alone_is_not_compared() {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.key(KeyCode::Char('c'));
    assert_eq!(h.app.screen.kind(), ScreenKind::Home);
    assert!(h.message().contains("comparing needs two or more"));
}

#[test]
fn opened_from_the_command_line_esc_quits() {
    let mut h = comparing(samples());
    h.key(KeyCode::Esc);
    assert!(h.quit);
}

#[test]
fn the_drill_in_moves_between_items_and_filters_by_position() {
    let (_dir, files) = many(30);
    let mut h = comparing(files);
    h.key(KeyCode::Down); // question 1
    h.key(KeyCode::Enter);
    let detail = |h: &Harness| h.app.comparison().unwrap().detail.as_ref().unwrap().texts.len();
    assert_eq!(detail(&h), 25, "a page of organisations at a time");
    assert!(screen(&h, 80, 24).contains("30 organisations, 1–25 shown"));
    h.key(KeyCode::Char(']'));
    assert_eq!(detail(&h), 5);
    // f: only those that agree (6 of the 30).
    h.key(KeyCode::Char('f'));
    assert_eq!(detail(&h), 6);
    assert!(screen(&h, 80, 24).contains("only Agree: 6 organisations"));
    h.key(KeyCode::Right);
    let view = h.app.comparison().unwrap();
    assert_eq!(view.detail.as_ref().unwrap().item, 2, "on to question 2");
    assert_eq!(view.detail.as_ref().unwrap().filter, None);
}

#[test]
fn sorting_keeps_name_order_stable_for_exports() {
    let comparison = load(paths(&[LOCAL_GOVERNMENT, COMMISSION]));
    let order = comparison.order(Sort::Name);
    assert_eq!(
        comparison.organisations[order[0]].name,
        "Health Devolution Commission"
    );
}

// ----- The real binary in a terminal ---------------------------------------------------

#[test]
fn consult_compare_opens_the_screen_in_a_terminal_and_esc_quits() {
    use support::pty::{ESC, Session};
    let home = tempfile::tempdir().unwrap();
    for file in [COMMISSION, HOSTILE] {
        copy_into(file, home.path());
    }
    let mut session = Session::start(
        home.path(),
        &["compare", "health-devolution-commission.json", "hostile.json"],
    );
    session.wait_for("2 responses to Integrating care");
    // The hostile organisation's name arrives as text: its escape sequences did not clear
    // the screen or act on the terminal.
    session.wait_for("Hostile␛[2J Org␇");
    session.wait_for("Health Devolutio");
    session.send("d");
    session.wait_for("differing items only");
    session.send(ESC);
    assert!(session.wait_exit(), "quits cleanly");
}

#[test]
fn the_screen_warns_of_two_files_from_one_organisation_and_dates_their_columns() {
    let dir = tempfile::tempdir().unwrap();
    let second = later_local_government(&dir);
    let mut h = comparing(vec![PathBuf::from(LOCAL_GOVERNMENT), second]);
    let text = screen(&h, 160, 48);
    assert!(
        text.contains("⚠ 2 files from Local Government Association, told apart by date · w shows why"),
        "{text}"
    );
    assert!(
        text.contains("Local Government Association (2021-01-08)"),
        "{text}"
    );
    assert!(
        text.contains("Local Government Association (2021-02-01)"),
        "{text}"
    );
    assert!(
        text.contains("draft 2021-02-01") && text.contains("final 2021-01-08"),
        "{text}"
    );
    h.key(KeyCode::Char('w'));
    let notes = screen(&h, 160, 48);
    assert!(
        notes.contains("⚠ 2 files are from Local Government Association: "),
        "{notes}"
    );
}

/// Two first sentences always differ: a row is marked only where a key point written by hand
/// differs from another.
#[test]
fn only_a_key_point_written_by_hand_makes_a_shared_position_differ() {
    let dir = tempfile::tempdir().unwrap();
    let files = two_councils(&dir, |name, copy| {
        for answer in &mut copy.answers {
            // No key points by hand: each answer's first sentence stands for it, and differs.
            answer.key_point = None;
            answer.answer = format!("{name} has its own first sentence. {}", answer.answer);
        }
        if name == "South"
            && let Some(q3) = copy.answers.iter_mut().find(|a| a.item == "q3")
        {
            q3.key_point = Some("Let each system choose its members.".into());
        }
        // A response that marks an item "not answering" compares like any other.
        if name == "North"
            && let Some(e7) = copy.answers.iter_mut().find(|a| a.item == "e7")
        {
            e7.not_answering = true;
        }
        copy.format_version = copy.format_to_write();
    });
    let comparison = load(files);
    assert_eq!(comparison.organisations.len(), 2, "neither set aside");
    assert!(comparison.set_aside.is_empty(), "{:?}", comparison.set_aside);
    let summary = |id: &str| comparison.summary_text(item_index(&comparison, id));
    assert_eq!(summary("q1"), "✓ 2 partly agree");
    assert_eq!(summary("q4"), "✓ 2 agree");
    assert_eq!(summary("q3"), "✓ 2 agree · same position, different key points");
    let marked = (0..comparison.set.items().count())
        .filter(|&i| comparison.summaries[i].points_differ)
        .count();
    assert_eq!(marked, 1);
}

/// Each response is opened once in every format, and its path never looked up again: its
/// size, kind and permissions come from the file opened. Counted with strace (Linux; .ci/run
/// installs it); skipped with a message where strace is missing.
#[cfg(target_os = "linux")]
#[test]
fn each_file_is_opened_once_in_every_format() {
    if std::process::Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipped: strace is not installed");
        return;
    }
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = [COMMISSION, LOCAL_GOVERNMENT, HOSTILE]
        .iter()
        .map(|f| {
            let to = dir.path().join(std::path::Path::new(f).file_name().unwrap());
            fs::copy(root().join(f), &to).unwrap();
            to.to_string_lossy().into_owned()
        })
        .collect();
    for format in ["json", "csv", "md", "html", "pairs"] {
        let log = dir.path().join(format!("{format}.strace"));
        let out = dir.path().join(format!("comparison.{format}"));
        let mut args = vec![
            "compare",
            "--format",
            if format == "pairs" { "csv" } else { format },
        ];
        if format == "pairs" {
            args.push("--pairs");
        }
        args.extend(["--out", out.to_str().unwrap()]);
        args.extend(files.iter().map(String::as_str));
        let mut traced = std::process::Command::new("strace");
        traced
            .args(["-f", "-qq", "-e", "trace=%file", "-o"])
            .arg(&log)
            .arg(env!("CARGO_BIN_EXE_consult"))
            .args(&args)
            .current_dir(root())
            .envs(support::folders_env(sandbox.path()));
        let traced = assert_cmd::Command::from_std(traced);
        let run = sandbox::run(traced);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        let calls = fs::read_to_string(&log).unwrap();
        for file in &files {
            let quoted = format!("\"{file}\"");
            // The command line names every file; the calls after it are what count.
            let touching: Vec<&str> = calls
                .lines()
                .filter(|l| l.contains(&quoted) && !l.contains("execve("))
                .collect();
            let opens = touching.iter().filter(|l| l.contains("open")).count();
            assert_eq!(
                opens,
                1,
                "{format}: {file} opened {opens} times:\n{}",
                touching.join("\n")
            );
            assert_eq!(
                touching.len(),
                1,
                "{format}: {file} looked up again:\n{}",
                touching.join("\n")
            );
        }
    }
}
