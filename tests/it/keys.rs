//! The one key table, and what is written from it: the help overlay lists every key the
//! editor takes, the README lists them as the table binds them, and every key of the
//! walk-through is in the README's table of keys.

use crate::support::{self, Harness, fixtures};

use consult::app::command::Command;
use consult::app::keymap::{BINDINGS, Binding, Context, label};
use crossterm::event::{KeyCode, KeyModifiers};

const BEGIN: &str = "<!-- editor keys: made from src/app/keymap.rs; `CONSULT_BLESS=1 cargo test --test it keys` writes it -->\n";
const END: &str = "<!-- end of editor keys -->";

fn editing(binding: &&Binding) -> bool {
    binding.context == Context::Editor && matches!(binding.command, Command::Editor(_))
}

/// The README's table of the editor's keys, as the key table has them.
fn editor_keys_table() -> String {
    let mut table = String::from("| key | does |\n| --- | --- |\n");
    for binding in BINDINGS.iter().filter(editing) {
        let keys: Vec<String> = binding.keys.iter().map(|k| format!("`{}`", label(k))).collect();
        table.push_str(&format!("| {} | {} |\n", keys.join(" / "), binding.help));
    }
    table
}

#[test]
fn the_readme_lists_the_editors_keys_as_the_table_binds_them() {
    let readme = fixtures::read("README.md");
    let start = readme
        .find(BEGIN)
        .expect("the README marks where the editor's keys go")
        + BEGIN.len();
    let end = start + readme[start..].find(END).expect("and where they end");
    let wanted = editor_keys_table();
    if std::env::var_os("CONSULT_BLESS").is_some() {
        let written = format!("{}{wanted}{}", &readme[..start], &readme[end..]);
        std::fs::write(fixtures::root().join("README.md"), written).unwrap();
    } else {
        assert_eq!(
            readme[start..end],
            wanted,
            "the README's editor keys differ from the key table (CONSULT_BLESS=1 rewrites them)"
        );
    }
}

/// The README's tables of keys in "The drafting app": every `| key | does |` table there.
fn readme_key_rows() -> String {
    let readme = fixtures::read("README.md");
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with("The drafting app"))
        .unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_key_of_the_walk_through_is_in_the_readme() {
    let rows = readme_key_rows();
    let walk_through = [Context::Global, Context::Walk, Context::Browse, Context::Editor];
    let missing: Vec<String> = BINDINGS
        .iter()
        .filter(|b| walk_through.contains(&b.context))
        .filter(|b| {
            !b.keys.iter().any(|k| {
                let label = label(k);
                // The table writes the digits as a range.
                rows.contains(&format!("`{label}`")) || (label == "1-9" && rows.contains("`1`–`9`"))
            })
        })
        .map(|b| format!("{:?}: {} ({})", b.context, label(&b.keys[0]), b.help))
        .collect();
    assert!(
        missing.is_empty(),
        "keys the README does not list:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_help_overlay_lists_every_key_the_editor_takes() {
    let mut h = Harness::with_drafts(&[support::COMMISSION]);
    h.open(0);
    h.key(KeyCode::F(1));
    let shown = support::screen(&h, 200, 300);
    assert!(shown.contains(Context::Editor.title()), "{shown}");
    for binding in BINDINGS.iter().filter(editing) {
        let keys: Vec<String> = binding.keys.iter().map(label).collect();
        let line = format!("{:<21} {}", keys.join(" / "), binding.help);
        assert!(shown.contains(&line), "the help shows `{line}`");
    }
}

#[test]
fn the_editors_keys_and_the_walk_throughs_keep_out_of_each_others_way() {
    use consult::app::command::EditKey;
    use consult::app::keymap::command_for;
    use consult::app::prose::Motion;
    let editor = [Context::Editor, Context::Walk, Context::Global];
    let command = |code, modifiers| command_for(&editor, &crossterm::event::KeyEvent::new(code, modifiers));
    let none = KeyModifiers::NONE;
    // PgDn and Ctrl-N go to the next item, Ctrl-F folds the context, Ctrl-E exports.
    assert_eq!(command(KeyCode::PageDown, none), Some(Command::NextItem));
    assert_eq!(
        command(KeyCode::Char('n'), KeyModifiers::CONTROL),
        Some(Command::NextItem)
    );
    assert_eq!(
        command(KeyCode::Char('f'), KeyModifiers::CONTROL),
        Some(Command::FoldContext)
    );
    assert_eq!(
        command(KeyCode::Char('e'), KeyModifiers::CONTROL),
        Some(Command::Export)
    );
    // With Shift, a move selects and an edit is the same edit.
    assert_eq!(
        command(KeyCode::PageDown, KeyModifiers::SHIFT),
        Some(Command::Editor(EditKey::Select(Motion::PageDown)))
    );
    assert_eq!(
        command(KeyCode::Left, KeyModifiers::SHIFT | KeyModifiers::CONTROL),
        Some(Command::Editor(EditKey::Select(Motion::WordLeft)))
    );
    assert_eq!(
        command(KeyCode::Backspace, KeyModifiers::SHIFT),
        Some(Command::Editor(EditKey::DeleteBack))
    );
    assert_eq!(
        command(KeyCode::Char('<'), KeyModifiers::ALT),
        Some(Command::Editor(EditKey::Move(Motion::TextStart)))
    );
    // Letters are typed, not commands; on the position picker the editor's keys are not bound.
    assert_eq!(command(KeyCode::Char('w'), none), None);
    assert_eq!(command(KeyCode::Char('W'), KeyModifiers::SHIFT), None);
    let browse = [Context::Browse, Context::Walk, Context::Global];
    let key = crossterm::event::KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(command_for(&browse, &key), None);
}

#[test]
fn the_editors_keys_are_typing_and_leave_the_last_message_up() {
    let mut h = Harness::new_response("Cyngor Môn");
    h.type_text("one two");
    h.key(KeyCode::F(8));
    let said = h.message().to_string();
    assert!(!said.is_empty(), "F8 says what the position now is");
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Left);
    h.event(crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        KeyCode::Home,
        KeyModifiers::SHIFT,
    )));
    h.type_text("Just");
    assert_eq!(h.message(), said);
    let draft = h.app.draft.as_ref().unwrap();
    assert_eq!(
        draft.editors().answer.text(),
        "Justw",
        "Shift-Home selected back to the start"
    );
}
