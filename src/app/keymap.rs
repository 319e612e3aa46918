//! Every key binding, as data. The same table drives dispatch, the footer and the
//! help overlay, so what the screen says a key does is what it does.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::{Command, CompareCommand, EditKey, JointCommand, ReviewCommand};
use super::compare::ComparePart;
use super::draft::Focus;
use super::placing::PlacingPart;
use super::prose::Motion;
use super::screen::{Focused, RespondentField};

/// Where a binding applies. Several are active at once, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere.
    Global,
    /// The list of drafts.
    Home,
    /// Deleted drafts.
    Trash,
    /// The walk-through, whatever is focused.
    Walk,
    /// The walk-through with no text field focused (the position picker, or browsing).
    Browse,
    /// A text editor has focus: typing goes to it.
    Editor,
    /// The respondent form.
    Form,
    /// The respondent form's yes/no field.
    Checkbox,
    /// Starting a new response: pick a set, type the organisation.
    NewResponse,
    /// Going to an item from the outline.
    GoTo,
    /// Typing a line for the joint response.
    Text,
    /// The joint walk-through's members panel.
    Members,
    /// The review panel: reviewers' suggestions and comments on the item.
    Reviews,
    Review,
    /// Earlier saved versions of the open draft.
    Versions,
    Export,
    /// Writing the comparison out.
    CompareExport,
    /// Comparing responses: the matrix.
    Compare,
    /// Comparing responses: every organisation's text on one item.
    CompareDetail,
    /// Comparing responses: the files set aside and other versions.
    CompareNotes,
    /// Comparing responses: who agrees with whom.
    ComparePairs,
    /// A yes/no question.
    Confirm,
    /// A question with several answers, each on a letter key shown in the dialog.
    Choose,
    /// An imported response's passages: where each went.
    Placing,
    /// Choosing the item to move a passage to.
    PlacingMove,
    /// Choosing where to split a passage.
    PlacingSplit,
    Help,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Home => "Drafts",
            Context::Trash => "Deleted drafts",
            Context::Walk => "Walk-through",
            Context::Browse => "Walk-through, choosing a position",
            Context::Editor => "Typing an answer, reasoning or notes (with Shift, a move selects)",
            Context::Form => "Respondent form",
            Context::Checkbox => "Respondent form, yes/no field",
            Context::NewResponse => "New response",
            Context::GoTo => "Going to an item",
            Context::Text => "Typing a line: a key point, a note, a reason or a statement",
            Context::Members => "Joint response: members' texts",
            Context::Reviews => "Reviewers' suggestions and comments on the item",
            Context::Review => "Review",
            Context::Versions => "Earlier versions",
            Context::Export => "Export",
            Context::CompareExport => "Exporting the comparison",
            Context::ComparePairs => "Comparing: who agrees with whom",
            Context::Compare => "Comparing responses",
            Context::CompareDetail => "Comparing: one item's answers",
            Context::CompareNotes => "Comparing: files set aside",
            Context::Confirm => "Questions",
            Context::Choose => "Questions with several answers",
            Context::Placing => "Checking an imported response's placing",
            Context::PlacingMove => "Moving a passage: choosing its item",
            Context::PlacingSplit => "Splitting a passage: choosing where",
            Context::Help => "Help",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::ALT,
    }
}

const fn ctrl_key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn ctrl_alt(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::CONTROL.union(KeyModifiers::ALT),
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::SHIFT,
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub command: Command,
    /// What the help overlay says.
    pub help: &'static str,
    /// The footer's short form, if the binding is shown there.
    pub footer: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    command: Command,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        command,
        help,
        footer,
    }
}

use super::placing::PlacingCommand as PC;
use Command as C;
use CompareCommand as CC;
use Context as X;
use EditKey as E;
use JointCommand as JC;
use KeyCode::{Backspace, Delete, Down, End, Enter, Home, Left, PageDown, PageUp, Right, Up};
use Motion as M;
use ReviewCommand as RC;

const ONE: &[Key] = &[ch('1')];

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Questions asked in a dialog come first: they must win over everything.
    bind(X::Choose, &[key(KeyCode::Esc)], C::Choose('\u{1b}'), "decide later", Some("later")),
    bind(X::Confirm, &[ch('y'), key(KeyCode::Enter)], C::Yes, "answer yes", Some("yes")),
    bind(X::Confirm, &[ch('n'), key(KeyCode::Esc)], C::No, "answer no", Some("no")),
    bind(X::Help, &[key(KeyCode::Esc), key(KeyCode::F(1)), ch('?'), ch('q')], C::Leave, "close help", Some("close")),
    bind(X::Help, &[key(KeyCode::Down), ch('j')], C::Down, "scroll down", None),
    bind(X::Help, &[key(KeyCode::Up), ch('k')], C::Up, "scroll up", None),
    bind(X::Help, &[key(KeyCode::PageDown), ch(' ')], C::NextItem, "scroll a page down", None),
    bind(X::Help, &[key(KeyCode::PageUp)], C::PrevItem, "scroll a page up", None),
    // Drafts.
    bind(X::Home, &[key(KeyCode::Enter)], C::Edit, "open the selected draft", Some("open")),
    bind(X::Home, &[ch('n')], C::New, "start a new response", Some("new")),
    bind(X::Home, &[ch('d')], C::Duplicate, "duplicate the selected draft", Some("duplicate")),
    bind(X::Home, &[key(KeyCode::Delete), ch('x')], C::Delete, "delete the selected draft (it can be restored)", Some("delete")),
    bind(X::Home, &[ch('t')], C::ShowTrash, "show deleted drafts, to restore one", Some("deleted")),
    bind(X::Home, &[key(KeyCode::Down), ch('j')], C::Down, "next draft", None),
    bind(X::Home, &[key(KeyCode::Up), ch('k')], C::Up, "previous draft", None),
    bind(X::Home, &[ch('q'), key(KeyCode::Esc)], C::Quit, "quit", Some("quit")),
    bind(X::Home, &[ch('c')], C::Compare(CC::Start), "compare every draft to the selected draft's consultation", Some("compare")),
    bind(X::Trash, &[key(KeyCode::Enter), ch('r')], C::Edit, "restore the selected draft", Some("restore")),
    bind(X::Trash, &[key(KeyCode::Down), ch('j')], C::Down, "next deleted draft", None),
    bind(X::Trash, &[key(KeyCode::Up), ch('k')], C::Up, "previous deleted draft", None),
    bind(X::Trash, &[key(KeyCode::Esc), ch('q')], C::Leave, "back to the drafts", Some("back")),
    // The walk-through, whatever has focus.
    bind(X::Walk, &[key(KeyCode::Tab)], C::NextField, "next field: position, answer, reasoning", Some("field")),
    bind(X::Walk, &[key(KeyCode::BackTab)], C::PrevField, "previous field", None),
    bind(X::Walk, &[key(KeyCode::PageDown), ctrl('n')], C::NextItem, "next item", Some("next")),
    bind(X::Walk, &[key(KeyCode::PageUp), ctrl('p')], C::PrevItem, "previous item", None),
    bind(X::Walk, &[ctrl('r')], C::MarkReady, "mark the item ready (or back to draft)", Some("ready")),
    // In the walk-through's footer; the same key works wherever a draft is open.
    bind(X::Walk, &[ctrl('o')], C::Respondent, "who is responding", Some("respondent")),
    bind(X::Walk, &[ctrl('l'), key(KeyCode::F(2))], C::GoTo, "go to an item: type its number or a few words, then Enter", Some("go to")),
    bind(X::Walk, &[ctrl('g')], C::Review, "review every position, then mark final", Some("review")),
    bind(X::Walk, &[ctrl('t')], C::Versions, "earlier saved versions, to go back to one", None),
    bind(X::Versions, &[key(KeyCode::Down), ch('j')], C::Down, "next version", None),
    bind(X::Versions, &[key(KeyCode::Up), ch('k')], C::Up, "previous version", None),
    bind(X::Versions, &[key(KeyCode::Enter)], C::Edit, "go back to the selected version (what is on screen is kept as a version first)", Some("restore")),
    bind(X::Versions, &[key(KeyCode::Esc), ch('q')], C::Leave, "back to the walk-through", Some("back")),
    // Typing.
    bind(X::Editor, &[key(KeyCode::Esc)], C::Leave, "stop typing, back to the position picker", Some("done")),
    bind(X::Walk, &[ctrl('z'), ctrl('u')], C::Undo, "undo the item's last change: a word typed, a position, a ready mark", None),
    bind(X::Walk, &[ctrl('y')], C::Redo, "redo", None),
    bind(X::Editor, &[ctrl('x'), key(KeyCode::F(4))], C::ExternalEditor, "edit this text in your own editor ($VISUAL or $EDITOR)", None),
    // The editor's own keys. Shift with any of them is the same key (a move then selects);
    // Ctrl-N, Ctrl-P, Ctrl-F, Ctrl-E, PgDn and PgUp are taken above and by the walk-through.
    bind(X::Editor, &[key(Enter), ctrl('m')], C::Editor(E::Newline), "a line break: a new paragraph", None),
    bind(X::Editor, &[key(Backspace), ctrl('h')], C::Editor(E::DeleteBack), "delete the character before the cursor, or the selection", None),
    bind(X::Editor, &[key(Delete), ctrl('d')], C::Editor(E::DeleteForward), "delete the character after the cursor, or the selection", None),
    bind(X::Editor, &[ctrl('w'), alt(Backspace), alt(KeyCode::Char('h'))], C::Editor(E::DeleteWordBack), "delete the word before the cursor", None),
    bind(X::Editor, &[alt(Delete), alt(KeyCode::Char('d'))], C::Editor(E::DeleteWordForward), "delete to the end of the word after the cursor", None),
    bind(X::Editor, &[ctrl('k')], C::Editor(E::DeleteToLineEnd), "delete to the end of the paragraph (at its end, join the next)", None),
    bind(X::Editor, &[ctrl('j')], C::Editor(E::DeleteToLineStart), "delete back to the start of the paragraph (at its start, join the one before)", None),
    bind(X::Editor, &[key(Left), ctrl('b')], C::Editor(E::Move(M::Left)), "a character back", None),
    bind(X::Editor, &[key(Right)], C::Editor(E::Move(M::Right)), "a character on", None),
    bind(X::Editor, &[key(Up)], C::Editor(E::Move(M::Up)), "a line up on screen (wrapped lines too)", None),
    bind(X::Editor, &[key(Down)], C::Editor(E::Move(M::Down)), "a line down on screen", None),
    bind(X::Editor, &[alt(KeyCode::Char('v')), shift(PageUp)], C::Editor(E::Move(M::PageUp)), "a screenful up (PgUp alone is the previous item)", None),
    bind(X::Editor, &[ctrl('v'), shift(PageDown)], C::Editor(E::Move(M::PageDown)), "a screenful down (PgDn alone is the next item)", None),
    bind(X::Editor, &[ctrl_key(Left), alt(KeyCode::Char('b'))], C::Editor(E::Move(M::WordLeft)), "a word back", None),
    bind(X::Editor, &[ctrl_key(Right), alt(KeyCode::Char('f'))], C::Editor(E::Move(M::WordRight)), "a word on", None),
    bind(X::Editor, &[key(Home), ctrl('a'), ctrl_alt(Left), ctrl_alt(KeyCode::Char('b'))], C::Editor(E::Move(M::LineStart)), "to the start of the paragraph", None),
    bind(X::Editor, &[key(End), ctrl_alt(Right), ctrl_alt(KeyCode::Char('f'))], C::Editor(E::Move(M::LineEnd)), "to the end of the paragraph", None),
    bind(X::Editor, &[ctrl_key(Up), alt(KeyCode::Char('[')), alt(KeyCode::Char('p'))], C::Editor(E::Move(M::ParagraphUp)), "a paragraph back", None),
    bind(X::Editor, &[ctrl_key(Down), alt(KeyCode::Char(']')), alt(KeyCode::Char('n'))], C::Editor(E::Move(M::ParagraphDown)), "a paragraph on", None),
    bind(X::Editor, &[alt(KeyCode::Char('<')), ctrl_alt(Up), ctrl_alt(KeyCode::Char('p'))], C::Editor(E::Move(M::TextStart)), "to the start of the text", None),
    bind(X::Editor, &[alt(KeyCode::Char('>')), ctrl_alt(Down), ctrl_alt(KeyCode::Char('n'))], C::Editor(E::Move(M::TextEnd)), "to the end of the text", None),
    // Browsing, with no text field focused. No letter is a command here: any printable
    // key that is not a digit starts the answer with itself.
    bind(X::Browse, &[key(KeyCode::Left)], C::PositionLeft, "position: previous option", None),
    bind(X::Browse, &[key(KeyCode::Right)], C::PositionRight, "position: next option", None),
    bind(X::Browse, ONE, C::ChoosePosition(1), "position: choose option 1 to 9 by number", Some("position")),
    bind(X::Browse, &[ch('0'), key(KeyCode::Backspace)], C::ClearPosition, "position: no answer", None),
    bind(X::Browse, &[key(KeyCode::Enter)], C::Edit, "type the answer (or just start typing)", Some("type")),
    bind(X::Browse, &[key(KeyCode::Down)], C::NextItem, "next item", None),
    bind(X::Browse, &[key(KeyCode::Up)], C::PrevItem, "previous item", None),
    bind(X::Walk, &[key(KeyCode::F(5))], C::Copy, "copy the answer as plain text for a web form (through the terminal: OSC 52; some terminals need it enabled)", Some("copy")),
    bind(X::Walk, &[key(KeyCode::F(6))], C::Resolve, "settle a merge conflict here: keep ours, theirs or both, or edit", Some("conflict")),
    bind(X::Walk, &[key(KeyCode::F(7))], C::KeyPoint, "the item's key point in one line, for comparisons (empty: the answer's first sentence)", Some("key point")),
    bind(X::Walk, &[key(KeyCode::F(12))], C::NotAnswering, "we are not answering this item (again: we are); it is no longer to do, and an export of answered items leaves it out", None),
    bind(X::Walk, &[key(KeyCode::F(8))], C::ToggleBasis, "the position: stated by the respondent, or inferred from its documents", None),
    bind(X::Walk, &[key(KeyCode::F(3))], C::Notes, "notes for ourselves on this item (never sent): open or fold away", Some("notes")),
    bind(X::Walk, &[key(KeyCode::F(9))], C::Joint(JC::Focus), "a joint response: the members' texts, to adopt their passages", None),
    // The joint walk-through's members panel.
    bind(X::Members, &[key(KeyCode::Esc), key(KeyCode::F(9))], C::Joint(JC::Focus), "back to the joint text", Some("back")),
    bind(X::Members, &[key(KeyCode::Down), ch('j')], C::Down, "next member", None),
    bind(X::Members, &[key(KeyCode::Up), ch('k')], C::Up, "previous member", None),
    bind(X::Members, &[key(KeyCode::Right), ch('l')], C::Joint(JC::NextUnit), "next sentence (or paragraph)", None),
    bind(X::Members, &[key(KeyCode::Left), ch('h')], C::Joint(JC::PrevUnit), "previous sentence (or paragraph)", None),
    bind(X::Members, &[key(KeyCode::Enter)], C::Joint(JC::Adopt), "adopt the selected passage into the joint text (members who said the same are credited too)", Some("adopt")),
    bind(X::Members, &[ch('+')], C::Joint(JC::Credit), "credit the selected member with the passage adopted last: it said the same", Some("credit")),
    bind(X::Members, &[key(KeyCode::Tab)], C::Joint(JC::SwitchField), "the member's answer or its reasoning", Some("answer/reasoning")),
    bind(X::Members, &[ch('p')], C::Joint(JC::Paragraphs), "sentences or whole paragraphs", Some("paragraphs")),
    bind(X::Members, &[ch('f')], C::Joint(JC::Filter), "only the members that took one position (cycles)", Some("filter")),
    bind(X::Members, &[ch('m')], C::Joint(JC::Minority), "the selected member's minority statement on this item", Some("minority")),
    bind(X::Members, &[ch('c')], C::Joint(JC::Consensus), "declare the item's consensus, with a reason (or back to the count)", Some("consensus")),
    bind(X::Members, &[ch('s')], C::Joint(JC::SignOff), "the selected member's sign-off on this item", Some("sign-off")),
    bind(X::Members, &[ch('S')], C::Joint(JC::SignOffAll), "the selected member's sign-off on the whole response", None),
    bind(X::Members, &[ch('u')], C::Joint(JC::TakeNew), "take the selected member's new version, when its file changed", None),
    // Reviewers' suggestions and comments, read back from a Word copy.
    bind(X::Walk, &[alt(KeyCode::Char('r')), key(KeyCode::F(11))], C::Reviews(RC::Open), "reviewers' suggestions and comments on this item (marked ✎ in the outline): open or close", None),
    bind(X::Reviews, &[key(KeyCode::Esc), alt(KeyCode::Char('r')), key(KeyCode::F(11))], C::Reviews(RC::Open), "close the review panel", Some("close")),
    bind(X::Reviews, &[key(KeyCode::Down), ch('j')], C::Down, "next suggestion or comment", None),
    bind(X::Reviews, &[key(KeyCode::Up), ch('k')], C::Up, "previous suggestion or comment", None),
    bind(X::Reviews, &[ch('a')], C::Reviews(RC::Accept), "accept the selected suggestion: its words go into the text (Ctrl-Z takes it back)", Some("accept")),
    bind(X::Reviews, &[ch('r')], C::Reviews(RC::Reject), "reject the selected suggestion: the text stays as it is", Some("reject")),
    bind(X::Reviews, &[ch('c')], C::Reviews(RC::Resolve), "mark the selected comment resolved, or open again", Some("resolve")),
    bind(X::Reviews, &[ch('s')], C::Reviews(RC::SignOff), "a joint response: the member's comment becomes its sign-off on the item, agreed or objected", Some("sign-off")),
    // An imported response's placing view.
    bind(X::Walk, &[alt(KeyCode::Char('p')), key(KeyCode::F(10))], C::Placing(PC::Open), "an imported response: where each passage of the member's document went, to check it", None),
    bind(X::Placing, &[key(KeyCode::Down), ch('j')], C::Down, "next passage (those not placed first, then the least sure)", None),
    bind(X::Placing, &[key(KeyCode::Up), ch('k')], C::Up, "previous passage", None),
    bind(X::Placing, &[ch('m')], C::Placing(PC::Move), "move the passage to another item (or to none)", Some("move")),
    bind(X::Placing, &[ch('s')], C::Placing(PC::Split), "split the passage in two at a point you choose", Some("split")),
    bind(X::Placing, &[ch('n')], C::Placing(PC::NotAnswer), "the passage is not an answer: its words go to the item's notes", Some("not answer")),
    bind(X::Placing, &[ctrl('z'), ch('u')], C::Undo, "undo the last placing change", Some("undo")),
    bind(X::Placing, &[ctrl('y')], C::Redo, "redo the placing change undone last", None),
    bind(X::Placing, &[key(KeyCode::Enter)], C::Edit, "the walk-through, on the passage's item", Some("go to item")),
    bind(X::Placing, &[key(KeyCode::Esc), ch('q')], C::Leave, "the walk-through (Alt-P or F10 there comes back)", Some("walk-through")),
    bind(X::PlacingMove, &[key(KeyCode::Down), ch('j')], C::Down, "next item", None),
    bind(X::PlacingMove, &[key(KeyCode::Up), ch('k')], C::Up, "previous item", None),
    bind(X::PlacingMove, &[key(KeyCode::Enter)], C::Yes, "move the passage to the chosen item", Some("move here")),
    bind(X::PlacingMove, &[key(KeyCode::Esc)], C::No, "leave it where it is", Some("cancel")),
    bind(X::PlacingSplit, &[key(KeyCode::Right), ch('l')], C::Placing(PC::WordRight), "split point: a word on", Some("word on")),
    bind(X::PlacingSplit, &[key(KeyCode::Left), ch('h')], C::Placing(PC::WordLeft), "split point: a word back", Some("word back")),
    bind(X::PlacingSplit, &[key(KeyCode::Enter)], C::Yes, "split the passage here: the second part starts at the marked word", Some("split here")),
    bind(X::PlacingSplit, &[key(KeyCode::Esc)], C::No, "leave it whole", Some("cancel")),
    bind(X::Text, &[key(KeyCode::Enter)], C::Yes, "done", Some("done")),
    bind(X::Text, &[key(KeyCode::Esc)], C::No, "cancel", Some("cancel")),
    bind(X::Compare, &[ch('J')], C::Joint(JC::Start), "start a joint response of these files", Some("joint")),
    bind(X::Walk, &[ctrl('f')], C::FoldContext, "show or hide the item's context", Some("context")),
    bind(X::Browse, &[key(KeyCode::Esc)], C::Home, "back to the drafts", None),
    // Forms.
    bind(X::Form, &[key(KeyCode::Tab), key(KeyCode::Down), key(KeyCode::Enter)], C::NextField, "next field", Some("next field")),
    bind(X::Form, &[key(KeyCode::BackTab), key(KeyCode::Up)], C::PrevField, "previous field", None),
    bind(X::Checkbox, &[ch(' ')], C::Toggle, "tick or untick; on publication, the next answer", Some("change")),
    bind(X::Form, &[key(KeyCode::Esc)], C::Leave, "done", Some("done")),
    bind(X::GoTo, &[key(KeyCode::Enter)], C::Yes, "go to the chosen item", Some("go")),
    bind(X::GoTo, &[key(KeyCode::Down)], C::Down, "next item found", None),
    bind(X::GoTo, &[key(KeyCode::Up)], C::Up, "previous item found", None),
    bind(X::GoTo, &[key(KeyCode::Esc)], C::No, "stay where you were", Some("cancel")),
    bind(X::NewResponse, &[key(KeyCode::Enter)], C::Yes, "start the response", Some("start")),
    bind(X::NewResponse, &[key(KeyCode::Down)], C::Down, "next question set", None),
    bind(X::NewResponse, &[key(KeyCode::Up)], C::Up, "previous question set", None),
    bind(X::NewResponse, &[key(KeyCode::Esc)], C::No, "cancel", Some("cancel")),
    // Review.
    bind(X::Review, &[key(KeyCode::Down), ch('j')], C::Down, "next item", None),
    bind(X::Review, &[key(KeyCode::Up), ch('k')], C::Up, "previous item", None),
    bind(X::Review, &[key(KeyCode::Enter)], C::Edit, "go to the selected item", Some("go to item")),
    bind(X::Review, &[ch('f')], C::ToggleFinal, "mark the response final (or back to draft)", Some("mark final")),
    bind(X::Review, &[key(KeyCode::Esc), ch('q')], C::Leave, "back to the walk-through", Some("back")),
    // Export.
    bind(X::Export, &[key(KeyCode::Tab), key(KeyCode::Down)], C::Toggle, "next format: Markdown + JSON, Markdown, Word, text for web forms, HTML to print, FHIR, JSON", Some("format")),
    bind(X::Export, &[key(KeyCode::BackTab), key(KeyCode::Up)], C::PrevField, "previous format", None),
    bind(X::Export, &[ctrl('r')], C::MarkReady, "reasoning in the submission, or left out", Some("reasoning")),
    bind(X::Export, &[ctrl('a')], C::AnsweredOnly, "answered items only (the submission as sent), or every item", Some("answered only")),
    bind(X::Export, &[ctrl('n')], C::Attribution, "a joint response: footnotes naming members, or the words alone", None),
    bind(X::Export, &[ctrl('t')], C::ForReview, "Word: a copy to send for review (to edit with Track Changes and comment on), or the submission", None),
    bind(X::Export, &[key(KeyCode::Enter)], C::Yes, "export", Some("export")),
    bind(X::Export, &[key(KeyCode::Esc)], C::No, "cancel", Some("cancel")),
    bind(X::CompareExport, &[key(KeyCode::Tab)], C::Toggle, "next format: Markdown briefing, HTML to print, JSON, CSV, CSV of pairs", Some("format")),
    bind(X::CompareExport, &[key(KeyCode::Enter)], C::Yes, "write the comparison", Some("export")),
    bind(X::CompareExport, &[key(KeyCode::Esc)], C::No, "cancel", Some("cancel")),
    // Comparing responses: the matrix.
    bind(X::Compare, &[key(KeyCode::Enter)], C::Edit, "every organisation's answer and reasoning on the item", Some("answers")),
    bind(X::Compare, &[key(KeyCode::Esc), ch('q')], C::Leave, "back to the drafts (quits, when opened from the command line)", Some("back")),
    bind(X::Compare, &[key(KeyCode::Down), ch('j')], C::Down, "next item", None),
    bind(X::Compare, &[key(KeyCode::Up), ch('k')], C::Up, "previous item", None),
    bind(X::Compare, &[key(KeyCode::Right), ch('l')], C::Compare(CC::Right), "next column (scrolls sideways)", None),
    bind(X::Compare, &[key(KeyCode::Left), ch('h')], C::Compare(CC::Left), "previous column", None),
    bind(X::Compare, &[ch('d')], C::Compare(CC::OnlyDiffering), "only the items where positions differ, or all", Some("differing")),
    bind(X::Compare, &[ch('s')], C::Compare(CC::NextSection), "one section at a time, then all", Some("section")),
    bind(X::Compare, &[ch('a')], C::Compare(CC::SortByAgreement), "sort organisations by how often they agree with the selected one", Some("by agreement")),
    bind(X::Compare, &[ch('n')], C::Compare(CC::SortByName), "sort organisations by name", Some("by name")),
    bind(X::Compare, &[ch('m')], C::Compare(CC::SwitchMode), "a column per organisation, or counts per option", Some("counts")),
    bind(X::Compare, &[ch('w')], C::Compare(CC::Notes), "why files were set aside, and other versions", Some("notes")),
    bind(X::Compare, &[ch('p')], C::Compare(CC::Pairs), "who agrees with whom: each pair of organisations", Some("pairs")),
    bind(X::Compare, &[ch('?')], C::Help, "help", None),
    // Comparing responses: one item's answers.
    bind(X::CompareDetail, &[key(KeyCode::Esc), ch('q')], C::Leave, "back to the matrix", Some("back")),
    bind(X::CompareDetail, &[key(KeyCode::Right), ch('l')], C::NextItem, "next item", Some("next item")),
    bind(X::CompareDetail, &[key(KeyCode::Left), ch('h')], C::PrevItem, "previous item", None),
    bind(X::CompareDetail, &[key(KeyCode::Down), ch('j')], C::Down, "scroll down", None),
    bind(X::CompareDetail, &[key(KeyCode::Up), ch('k')], C::Up, "scroll up", None),
    bind(X::CompareDetail, &[key(KeyCode::PageDown), ch(' ')], C::Compare(CC::PageDown), "scroll a page down", Some("page")),
    bind(X::CompareDetail, &[key(KeyCode::PageUp)], C::Compare(CC::PageUp), "scroll a page up", None),
    bind(X::CompareDetail, &[ch('f')], C::Compare(CC::FilterPosition), "only the organisations that took one position (cycles)", Some("filter")),
    bind(X::CompareDetail, &[ch(']')], C::Compare(CC::NextOrganisations), "next 25 organisations", None),
    bind(X::CompareDetail, &[ch('[')], C::Compare(CC::PrevOrganisations), "previous 25 organisations", None),
    bind(X::CompareDetail, &[ch('?')], C::Help, "help", None),
    // Comparing responses: the notes.
    bind(X::CompareNotes, &[key(KeyCode::Esc), ch('w'), ch('q')], C::Leave, "close the notes", Some("close")),
    bind(X::CompareNotes, &[key(KeyCode::Down), ch('j')], C::Down, "scroll down", None),
    bind(X::CompareNotes, &[key(KeyCode::Up), ch('k')], C::Up, "scroll up", None),
    bind(X::CompareNotes, &[key(KeyCode::PageDown), ch(' ')], C::Compare(CC::PageDown), "scroll a page down", None),
    bind(X::CompareNotes, &[key(KeyCode::PageUp)], C::Compare(CC::PageUp), "scroll a page up", None),
    // Comparing responses: the pairs.
    bind(X::ComparePairs, &[key(KeyCode::Esc), ch('p'), ch('q')], C::Leave, "close who agrees with whom", Some("close")),
    bind(X::ComparePairs, &[key(KeyCode::Down), ch('j')], C::Down, "scroll down", None),
    bind(X::ComparePairs, &[key(KeyCode::Up), ch('k')], C::Up, "scroll up", None),
    bind(X::ComparePairs, &[key(KeyCode::PageDown), ch(' ')], C::Compare(CC::PageDown), "scroll a page down", None),
    bind(X::ComparePairs, &[key(KeyCode::PageUp)], C::Compare(CC::PageUp), "scroll a page up", None),
    // Everywhere.
    bind(X::Global, &[ctrl('s')], C::Save, "save now (it also saves by itself)", None),
    bind(X::Global, &[ctrl('e')], C::Export, "export: Markdown, Word, text for web forms, HTML to print, FHIR or JSON; on a comparison, Markdown, HTML, JSON or CSV", Some("export")),
    bind(X::Global, &[ctrl('q'), ctrl('c')], C::Quit, "save and quit", Some("quit")),
    bind(X::Global, &[key(KeyCode::F(1))], C::Help, "help: every key", Some("help")),
    bind(X::Global, &[ctrl('o')], C::Respondent, "who is responding (from any screen with a draft open)", None),
    bind(X::Global, &[alt(KeyCode::Left)], C::Home, "back to the drafts", None),
];

/// Whether `event` is `key`. Shift is part of the character itself (`?`, `A`), so it is ignored for characters.
fn matches(key: &Key, event: &KeyEvent) -> bool {
    let mut modifiers = event.modifiers;
    if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    let code = match event.code {
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        code => code,
    };
    key.code == code && key.modifiers == modifiers
}

/// The binding tables that apply where keys go, most specific first.
pub fn contexts(focused: Focused) -> Vec<Context> {
    use Context::Global;
    match focused {
        Focused::Help => vec![Context::Help, Global],
        // A yes/no question must be answered: nothing else applies.
        Focused::Confirm => vec![Context::Confirm],
        Focused::Choose => vec![Context::Choose, Global],
        Focused::NewResponse => vec![Context::NewResponse, Global],
        Focused::GoTo => vec![Context::GoTo, Global],
        Focused::Text => vec![Context::Text, Global],
        Focused::Members => vec![Context::Members, Context::Walk, Global],
        Focused::Reviews => vec![Context::Reviews, Context::Walk, Global],
        Focused::Export => vec![Context::Export, Global],
        Focused::CompareExport => vec![Context::CompareExport, Global],
        Focused::Home => vec![Context::Home, Global],
        Focused::Trash => vec![Context::Trash, Global],
        Focused::Walk(Focus::Position) => vec![Context::Browse, Context::Walk, Global],
        Focused::Walk(_) => vec![Context::Editor, Context::Walk, Global],
        Focused::Respondent(RespondentField::OnBehalf | RespondentField::Publication) => {
            vec![Context::Checkbox, Context::Form, Global]
        }
        Focused::Respondent(_) => vec![Context::Form, Global],
        Focused::Review => vec![Context::Review, Global],
        Focused::Versions => vec![Context::Versions, Global],
        Focused::Placing(PlacingPart::List) => vec![Context::Placing, Global],
        Focused::Placing(PlacingPart::Move) => vec![Context::PlacingMove, Global],
        Focused::Placing(PlacingPart::Split) => vec![Context::PlacingSplit, Global],
        Focused::Compare(ComparePart::Matrix) => vec![Context::Compare, Global],
        Focused::Compare(ComparePart::Detail) => vec![Context::CompareDetail, Global],
        Focused::Compare(ComparePart::Notes) => vec![Context::CompareNotes, Global],
        Focused::Compare(ComparePart::Pairs) => vec![Context::ComparePairs, Global],
    }
}

/// The command `event` means in `contexts` (most specific first), if any.
pub fn command_for(contexts: &[Context], event: &KeyEvent) -> Option<Command> {
    // Digits choose a scale option by number; one table row stands for all nine.
    if contexts.contains(&Context::Browse)
        && event.modifiers.difference(KeyModifiers::SHIFT).is_empty()
        && let KeyCode::Char(c @ '1'..='9') = event.code
    {
        return Some(Command::ChoosePosition(c as u8 - b'0'));
    }
    // A multiple-choice dialog lists its own letters; any letter goes to it.
    if contexts.first() == Some(&Context::Choose)
        && event.modifiers.difference(KeyModifiers::SHIFT).is_empty()
        && let KeyCode::Char(c) = event.code
    {
        return Some(Command::Choose(c.to_ascii_lowercase()));
    }
    // An editor's key means the same with Shift (characters ignore it already), and a
    // move with Shift selects.
    let shifted = event.modifiers.contains(KeyModifiers::SHIFT);
    let unshifted = (shifted && !matches!(event.code, KeyCode::Char(_))).then(|| KeyEvent {
        modifiers: event.modifiers.difference(KeyModifiers::SHIFT),
        ..*event
    });
    let command = contexts.iter().find_map(|context| {
        BINDINGS
            .iter()
            .filter(|b| b.context == *context)
            .find(|b| {
                let edits = matches!(b.command, Command::Editor(_));
                b.keys.iter().any(|k| {
                    matches(k, event) || (edits && unshifted.as_ref().is_some_and(|event| matches(k, event)))
                })
            })
            .map(|b| b.command)
    })?;
    Some(match command {
        Command::Editor(EditKey::Move(motion)) if shifted => Command::Editor(EditKey::Select(motion)),
        command => command,
    })
}

/// The footer's hints for `contexts`: key label and short text. The most specific
/// context comes first, then the keys that work everywhere, then the rest.
pub fn footer(contexts: &[Context]) -> Vec<(String, &'static str)> {
    let mut order: Vec<Context> = contexts.iter().take(1).copied().collect();
    order.push(Context::Global);
    order.extend(contexts.iter().skip(1).filter(|c| **c != Context::Global));
    let mut seen = Vec::new();
    let mut hints = Vec::new();
    for context in order {
        for b in BINDINGS.iter().filter(|b| b.context == context) {
            if let Some(text) = b.footer
                && !seen.contains(&b.command)
            {
                seen.push(b.command);
                hints.push((label(&b.keys[0]), text));
            }
        }
    }
    hints
}

/// A key as people write it: `Ctrl-S`, `PgDn`, `?`.
pub fn label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char('1') if key.modifiers.is_empty() => "1-9".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let name = if matches!(key.code, KeyCode::Char(_)) && key.modifiers.contains(KeyModifiers::CONTROL) {
        name.to_uppercase()
    } else {
        name
    };
    let mut prefix = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        prefix.push_str("Ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        prefix.push_str("Alt-");
    }
    if key.modifiers.contains(KeyModifiers::SHIFT) {
        prefix.push_str("Shift-");
    }
    prefix + &name
}
