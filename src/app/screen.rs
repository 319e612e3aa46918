//! Each screen with its own state, and the one decision of where keys go.

use ratatui_textarea::TextArea;

use super::compare::{ComparePart, CompareView};
use super::draft::Focus;
use super::placing::{PlacingPart, PlacingView};
use crate::drafts::DraftSummary;
use crate::drafts::history::Version;

/// The screen on show, carrying what only it needs.
pub enum Screen {
    /// The drafts list.
    Home(DraftList),
    /// Deleted drafts, to restore one.
    Trash(DraftList),
    /// The walk-through of the open draft (its state is the draft's own).
    Walk,
    /// Who is responding, for the open draft.
    Respondent(Box<RespondentForm>),
    /// Every item's position at a glance, before marking the response final.
    Review { selected: usize },
    /// Earlier saved versions of the open draft.
    Versions { versions: Vec<Version>, selected: usize },
    /// Several responses side by side.
    Compare(Box<CompareView>),
    /// An imported response's passages: where each went, why and how sure.
    Placing(PlacingView),
}

/// Which screen is on show, without its state: for saying so and comparing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenKind {
    Home,
    Trash,
    Walk,
    Respondent,
    Review,
    Versions,
    Compare,
    Placing,
}

impl Screen {
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Home(_) => ScreenKind::Home,
            Screen::Trash(_) => ScreenKind::Trash,
            Screen::Walk => ScreenKind::Walk,
            Screen::Respondent(_) => ScreenKind::Respondent,
            Screen::Review { .. } => ScreenKind::Review,
            Screen::Versions { .. } => ScreenKind::Versions,
            Screen::Compare(_) => ScreenKind::Compare,
            Screen::Placing(_) => ScreenKind::Placing,
        }
    }

    /// The drafts list, scrolled to the top, with nothing loaded yet.
    pub fn home() -> Screen {
        Screen::Home(DraftList::default())
    }
}

/// A list of drafts with one selected, and the files that could not be read.
#[derive(Debug, Default)]
pub struct DraftList {
    pub drafts: Vec<DraftSummary>,
    /// Drafts that could not be read, to say so.
    pub unreadable: Vec<String>,
    pub selected: usize,
}

impl DraftList {
    pub fn new(drafts: Vec<DraftSummary>, unreadable: Vec<String>, selected: usize) -> DraftList {
        let selected = selected.min(drafts.len().saturating_sub(1));
        DraftList {
            drafts,
            unreadable,
            selected,
        }
    }

    pub fn selected(&self) -> Option<&DraftSummary> {
        self.drafts.get(self.selected)
    }

    /// Moves the selection by one, staying on the list.
    pub fn step(&mut self, down: bool) {
        self.selected = step(self.selected, down, self.drafts.len());
    }
}

/// `at` moved one up or down in a list of `len`, staying on it.
pub fn step(at: usize, down: bool, len: usize) -> usize {
    if down {
        (at + 1).min(len.saturating_sub(1))
    } else {
        at.saturating_sub(1)
    }
}

/// The respondent form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RespondentField {
    Organisation,
    ContactName,
    Role,
    Email,
    /// Yes or no: responding on behalf of the organisation.
    OnBehalf,
    /// How many members the organisation represents.
    Members,
    /// How the members' views were gathered, in the respondent's words.
    ViewsGathered,
    /// May the response be published: not said, yes, yes anonymised, no.
    Publication,
    /// A request to keep parts confidential, in the respondent's words.
    Confidentiality,
}

impl RespondentField {
    pub const ALL: [RespondentField; 9] = [
        RespondentField::Organisation,
        RespondentField::ContactName,
        RespondentField::Role,
        RespondentField::Email,
        RespondentField::OnBehalf,
        RespondentField::Members,
        RespondentField::ViewsGathered,
        RespondentField::Publication,
        RespondentField::Confidentiality,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RespondentField::Organisation => "Organisation",
            RespondentField::ContactName => "Contact name",
            RespondentField::Role => "Role",
            RespondentField::Email => "Email",
            RespondentField::OnBehalf => "On behalf of the organisation",
            RespondentField::Members => "Members it represents",
            RespondentField::ViewsGathered => "How the views were gathered",
            RespondentField::Publication => "May it be published",
            RespondentField::Confidentiality => "Confidentiality request",
        }
    }

    /// The field's place among the text fields, if it is one; the others are chosen with Space.
    pub fn text_index(self) -> Option<usize> {
        match self {
            RespondentField::Organisation => Some(0),
            RespondentField::ContactName => Some(1),
            RespondentField::Role => Some(2),
            RespondentField::Email => Some(3),
            RespondentField::Members => Some(4),
            RespondentField::ViewsGathered => Some(5),
            RespondentField::Confidentiality => Some(6),
            RespondentField::OnBehalf | RespondentField::Publication => None,
        }
    }

    /// The next field (or the previous one), round the form.
    pub fn cycle(self, forward: bool) -> RespondentField {
        let at = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        let count = Self::ALL.len();
        Self::ALL[if forward {
            (at + 1) % count
        } else {
            (at + count - 1) % count
        }]
    }
}

pub struct RespondentForm {
    pub focus: RespondentField,
    /// The text fields, in [`RespondentField::text_index`] order.
    pub fields: [TextArea<'static>; 7],
}

impl RespondentForm {
    /// The text field with focus, if focus is on one.
    pub fn focused_text(&mut self) -> Option<&mut TextArea<'static>> {
        self.focus.text_index().map(|i| &mut self.fields[i])
    }

    pub fn text(&self, field: RespondentField) -> String {
        field
            .text_index()
            .map_or_else(String::new, |i| self.fields[i].lines().concat())
    }
}

/// Where keys go now: the one decision from which both the active key bindings and
/// the field typed text lands in follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focused {
    Help,
    /// A yes/no question.
    Confirm,
    /// A question with several answers.
    Choose,
    /// Starting a response: the organisation's name is typed here.
    NewResponse,
    /// Exporting: the folder is typed here.
    Export,
    /// Going to an item: its number or a few words are typed here.
    GoTo,
    /// A line of text for the joint response.
    Text,
    /// The joint walk-through's members panel.
    Members,
    /// The review panel on the item.
    Reviews,
    /// Exporting the comparison: the folder is typed here.
    CompareExport,
    Home,
    Trash,
    /// The walk-through, on one of the item's fields.
    Walk(Focus),
    Respondent(RespondentField),
    Review,
    Versions,
    /// The comparison's matrix, drill-in or notes.
    Compare(ComparePart),
    /// An imported response's placing: the list, choosing an item, or a split point.
    Placing(PlacingPart),
}

impl Focused {
    /// Whether keys that are not bound are typed into a text field.
    pub fn takes_text(self) -> bool {
        match self {
            Focused::NewResponse
            | Focused::Export
            | Focused::GoTo
            | Focused::Text
            | Focused::CompareExport => true,
            Focused::Walk(field) => field != Focus::Position,
            Focused::Respondent(field) => field.text_index().is_some(),
            _ => false,
        }
    }
}
