//! What the user can ask for, whichever key asked: the vocabulary the key table maps keys
//! to and the update step acts on.

use super::prose::Motion;

/// Something the user asked for, independent of which key asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Save,
    Export,
    Help,
    Respondent,
    Review,
    Versions,
    GoTo,
    /// Open or fold the item's notes for ourselves.
    Notes,
    /// Put the focused answer, as it pastes into a web form, on the clipboard.
    Copy,
    /// Settle the next merge conflict of this item (or of the response).
    Resolve,
    /// Set the item's key point, in one line.
    KeyPoint,
    /// The item's position: stated by the respondent, or inferred from its documents.
    ToggleBasis,
    /// Mark the item "we are not answering this", or take the mark off.
    NotAnswering,
    /// In the export dialog: answered items only, or every item.
    AnsweredOnly,
    /// In the export dialog of a joint response: footnotes naming members, or the words alone.
    Attribution,
    /// In the export dialog, for Word: a copy to send for review, or the submission.
    ForReview,
    NextItem,
    PrevItem,
    NextField,
    PrevField,
    Leave,
    Edit,
    MarkReady,
    FoldContext,
    PositionLeft,
    PositionRight,
    ClearPosition,
    ChoosePosition(u8),
    Undo,
    Redo,
    /// Edit the focused text in the user's own editor program.
    ExternalEditor,
    Up,
    Down,
    New,
    Duplicate,
    Delete,
    ShowTrash,
    Yes,
    No,
    ToggleFinal,
    Toggle,
    Home,
    /// A key of the comparison screen.
    Compare(CompareCommand),
    /// A key of a multiple-choice question; the dialog says what each means.
    Choose(char),
    /// A key of the joint walk-through's members panel.
    Joint(JointCommand),
    /// A key of an imported response's placing view.
    Placing(super::placing::PlacingCommand),
    /// A key of the review panel: reviewers' suggestions and comments on the item.
    Reviews(ReviewCommand),
    /// A key of the focused text editor: a change to its text, or a move of its cursor.
    Editor(EditKey),
}

/// What the comparison keys ask for (the matrix, the drill-in and the notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareCommand {
    /// From the drafts list: compare the drafts answering the selected one's set.
    Start,
    Left,
    Right,
    OnlyDiffering,
    NextSection,
    SortByName,
    SortByAgreement,
    SwitchMode,
    Notes,
    PageDown,
    PageUp,
    NextOrganisations,
    PrevOrganisations,
    FilterPosition,
    /// Who agrees with whom: open or close.
    Pairs,
}

/// A key of the members panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JointCommand {
    /// Into the panel from the joint text, or back.
    Focus,
    /// Put the selected passage into the joint text.
    Adopt,
    /// Credit the selected member with the passage adopted last: it said the same.
    Credit,
    NextUnit,
    PrevUnit,
    /// The member's answer or its reasoning.
    SwitchField,
    /// Sentences or whole paragraphs.
    Paragraphs,
    /// Only the members that took one position (cycles).
    Filter,
    /// Record the selected member's minority statement on the item.
    Minority,
    /// Declare the item's consensus, overriding the count.
    Consensus,
    /// The selected member's sign-off on the item.
    SignOff,
    /// The selected member's sign-off on the whole response.
    SignOffAll,
    /// Take the selected member's response as its file is now.
    TakeNew,
    /// From the comparison: a joint response of the compared files.
    Start,
}

/// A key of the review panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewCommand {
    /// Open the panel on the item, or close it.
    Open,
    /// Accept the selected suggestion: its words go into the text.
    Accept,
    /// Reject the selected suggestion: the text stays.
    Reject,
    /// Mark the selected comment resolved, or open again.
    Resolve,
    /// A joint response: the selected member's comment becomes its sign-off.
    SignOff,
}

/// What a key does in an editor of prose, for the update step to apply to the focused one.
/// Typed characters are not here: they are text, not commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    /// A line break: the paragraph splits at the cursor.
    Newline,
    /// The character before the cursor, or the selection.
    DeleteBack,
    /// The character after the cursor, or the selection.
    DeleteForward,
    DeleteWordBack,
    DeleteWordForward,
    /// From the cursor to the end of the paragraph.
    DeleteToLineEnd,
    /// From the start of the paragraph to the cursor.
    DeleteToLineStart,
    Move(Motion),
    /// A move with Shift held: the selection grows or shrinks with it.
    Select(Motion),
}
