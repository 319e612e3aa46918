//! Every screen drawn into a test terminal and compared with a reviewed snapshot,
//! at the smallest supported size (80×24) and a roomy one (120×40).
//! Snapshots hold text only; focus and warning styles are asserted separately.

use crate::support;

use crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use support::{COMMISSION, Harness, LOCAL_GOVERNMENT, render, screen_text};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Snapshots the state `make` builds at both sizes under `name`. Each size starts
/// afresh, as an editor keeps its view from the last frame laid out.
fn snapshot(name: &str, make: impl Fn() -> Harness) {
    for (width, height) in SIZES {
        let h = make();
        let terminal = render(&h, width, height);
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            screen_text(terminal.backend())
        );
    }
}

fn commission_at(item_index: usize) -> Harness {
    let mut h = Harness::with_drafts(&[COMMISSION]);
    h.open(0);
    for _ in 0..(13 - item_index) {
        h.key(KeyCode::PageUp);
    }
    h
}

#[test]
fn home_lists_drafts() {
    snapshot("home", || Harness::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]));
}

#[test]
fn first_start_offers_a_new_response() {
    snapshot("new_response", Harness::fresh);
}

#[test]
fn walk_through_on_a_question() {
    snapshot("walk_question", || commission_at(2));
}

#[test]
fn walk_through_on_a_free_text_section() {
    snapshot("walk_free_text", || commission_at(0));
}

#[test]
fn walk_through_on_an_element() {
    snapshot("walk_element", || commission_at(5));
}

#[test]
fn a_long_answer_wraps_inside_its_editor() {
    snapshot("walk_long_answer", long_answer);
}

fn long_answer() -> Harness {
    let mut h = Harness::new_response("Cyngor Môn");
    h.key(KeyCode::PageDown);
    h.key(KeyCode::Char('1'));
    h.key(KeyCode::Tab);
    h.type_text(
        "Rydym yn cytuno. We agree that a statutory footing gives systems the standing they need, \
         provided councils sit as equal partners and the timetable leaves room to prepare. 東京 and 👍 line up too.",
    );
    h
}

#[test]
fn over_the_word_limit_warns() {
    let over_limit = || {
        let mut h = commission_at(5);
        h.key(KeyCode::Tab);
        h.paste(&" word".repeat(260));
        h
    };
    snapshot("walk_word_limit", over_limit);
    let h = over_limit();
    let terminal = render(&h, 120, 40);
    let text = screen_text(terminal.backend());
    assert!(
        text.contains("words: over the limit"),
        "the title says so in words"
    );
    let buffer = terminal.backend().buffer();
    let warned = buffer
        .content()
        .iter()
        .any(|cell| cell.symbol() == "o" && cell.modifier.contains(Modifier::BOLD));
    assert!(warned, "the warning is bold, not only coloured");
}

/// The count in an editor's title is kept up to date edit by edit, not counted afresh
/// each frame: whatever the edit, it matches the text.
#[test]
fn the_word_count_follows_every_kind_of_edit() {
    let mut h = commission_at(5);
    h.key(KeyCode::Tab);
    let shown = |h: &Harness, after: &str| {
        let words = consult::text::word_count(&h.answer(&h.item()).answer);
        let screen = screen_text(render(h, 120, 40).backend());
        assert!(
            screen.contains(&format!("Answer · {words}/")),
            "after {after}, {words} words:\n{screen}"
        );
    };
    shown(&h, "opening");
    h.type_text(" Two words");
    shown(&h, "typing");
    for _ in 0..3 {
        h.key(KeyCode::Backspace);
    }
    shown(&h, "deleting");
    h.paste("pasted\nover  two lines ");
    shown(&h, "pasting");
    h.key(KeyCode::Home);
    h.type_text("x");
    shown(&h, "joining a word at the start of a line");
    h.ctrl('z');
    h.ctrl('z');
    shown(&h, "undoing");
    h.ctrl('y');
    shown(&h, "redoing");
}

#[test]
fn help_overlay_lists_the_keys() {
    snapshot("help", || {
        let mut h = commission_at(2);
        h.key(KeyCode::F(1));
        h
    });
}

#[test]
fn respondent_form() {
    snapshot("respondent", || {
        let mut h = commission_at(2);
        h.ctrl('o');
        h
    });
}

#[test]
fn review_screen() {
    snapshot("review", || {
        let mut h = Harness::with_drafts(&[LOCAL_GOVERNMENT]);
        h.open(0);
        h.ctrl('g');
        h
    });
}

#[test]
fn export_dialog() {
    snapshot("export", || {
        let mut h = commission_at(2);
        h.app.exports_dir = "exports".into();
        h.ctrl('e');
        h
    });
}

#[test]
fn delete_asks_first() {
    snapshot("confirm_delete", || {
        let mut h = Harness::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]);
        h.key(KeyCode::Delete);
        h
    });
}

#[test]
fn a_tiny_window_says_it_is_too_small() {
    let h = commission_at(2);
    for (width, height) in [(40, 10), (79, 12), (10, 3), (1, 1)] {
        let terminal = render(&h, width, height);
        let text = screen_text(terminal.backend());
        if width >= 10 {
            assert!(text.contains("Window"), "{width}×{height}: {text}");
        }
    }
    let terminal = render(&h, 40, 10);
    insta::assert_snapshot!("too_small_40x10", screen_text(terminal.backend()));
}

#[test]
fn wide_characters_line_up() {
    let mut h = Harness::new_response("東京 Health 👍 Môn");
    h.type_text("Croeso – 日本語のテキスト 🎉 done");
    let terminal = render(&h, 80, 24);
    let text = screen_text(terminal.backend());
    insta::assert_snapshot!("wide_characters_80x24", text);
    // Every line is exactly 80 columns wide, so borders stay straight.
    for line in text.lines() {
        assert_eq!(unicode_width::UnicodeWidthStr::width(line), 80, "{line}");
    }
}

#[test]
fn the_focused_field_is_marked_by_more_than_colour() {
    let mut h = commission_at(2);
    h.key(KeyCode::Tab);
    let text = screen_text(render(&h, 120, 40).backend());
    assert!(
        text.contains("▶ Answer"),
        "the focused editor's title carries a marker"
    );
    assert!(!text.contains("▶ Position"));
}

/// Whether any cell of the drawn screen has a colour.
fn coloured(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>) -> bool {
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .any(|c| c.fg != Color::Reset || c.bg != Color::Reset)
}

#[test]
fn no_color_means_no_colour() {
    let h = commission_at(2);
    assert!(
        !coloured(&render(&h, 120, 40)),
        "with NO_COLOR set the screen uses no colour at all"
    );
}

#[test]
fn no_color_means_no_colour_on_empty_editors_either() {
    let mut h = Harness::fresh();
    h.type_text("Cyngor Môn");
    h.key(KeyCode::Enter);
    h.key(KeyCode::PageDown); // Question 1: two empty editors with their placeholders
    assert!(
        !coloured(&render(&h, 80, 24)),
        "placeholders too have no colour with NO_COLOR"
    );
}

#[test]
fn going_to_an_item_from_the_outline() {
    snapshot("go_to", || {
        let mut h = commission_at(0);
        h.ctrl('l');
        h.type_text("element");
        h.key(KeyCode::Down);
        h
    });
}

#[test]
fn texts_not_being_typed_read_from_their_start_wrapped_at_words() {
    let h = commission_at(2);
    let screen = support::screen(&h, 80, 24);
    let inside: Vec<&str> = screen.lines().filter_map(|l| l.split("│││").nth(1)).collect();
    assert!(!inside.is_empty(), "{screen}");
    for line in &inside {
        assert!(
            !line.starts_with(' ') && !line.starts_with(','),
            "a wrapped line starts with a space or a comma: {line:?}\n{screen}"
        );
    }
    let answer = h.answer("q2").answer;
    let first_words: String = answer.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    assert!(
        screen.contains(&first_words),
        "the answer shows from its start\n{screen}"
    );
}

/// The local government sample on element 1, whose position was inferred.
fn local_government_on_element_1() -> Harness {
    let mut h = Harness::with_drafts(&[LOCAL_GOVERNMENT]);
    h.open(0);
    for _ in 0..(13 - 5) {
        h.key(KeyCode::PageUp);
    }
    h
}

#[test]
fn an_inferred_position_and_a_key_point_show_in_the_walk_through() {
    snapshot("walk_inferred", local_government_on_element_1);
    let h = local_government_on_element_1();
    let text = support::screen(&h, 120, 40);
    assert!(text.contains("++ Support (inferred)"), "{text}");
    assert!(text.contains("key point: Councils' work on housing"), "{text}");
}

#[test]
fn the_key_point_dialog() {
    snapshot("key_point", || {
        let mut h = local_government_on_element_1();
        h.key(KeyCode::F(7));
        h
    });
}

/// The two samples compared, from the drafts list.
fn comparing() -> Harness {
    let mut h = Harness::with_drafts(&[COMMISSION, LOCAL_GOVERNMENT]);
    h.app.exports_dir = "exports".into();
    h.key(KeyCode::Char('c'));
    h
}

#[test]
fn who_agrees_with_whom_on_the_comparison() {
    snapshot("compare_pairs", || {
        let mut h = comparing();
        h.key(KeyCode::Char('p'));
        h
    });
}

#[test]
fn the_comparison_export_dialog() {
    snapshot("compare_export", || {
        let mut h = comparing();
        h.ctrl('e');
        h
    });
}

#[test]
fn export_dialog_making_a_copy_for_review() {
    snapshot("export_for_review", || {
        let mut h = commission_at(2);
        h.app.exports_dir = "exports".into();
        h.ctrl('e');
        h.key(KeyCode::Tab);
        h.key(KeyCode::Tab);
        h.ctrl('t');
        h
    });
}
