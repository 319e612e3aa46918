//! A member's document as a person sees it: a list of blocks (headings, paragraphs,
//! list entries with their visible numbers, table rows, footnotes), each holding the
//! words exactly as the document shows them. Every reader (`read::*`) produces this;
//! placing (`place`) consumes it. Nothing here knows about question sets.

/// What a document was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    Docx,
    Odt,
    Markdown,
    Text,
    Html,
    Email,
}

impl SourceFormat {
    /// How the format is named to a user and in the response's record.
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Docx => "Word",
            SourceFormat::Odt => "OpenDocument",
            SourceFormat::Markdown => "Markdown",
            SourceFormat::Text => "text",
            SourceFormat::Html => "HTML",
            SourceFormat::Email => "e-mail",
        }
    }
}

/// One document, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub format: SourceFormat,
    /// The document's own title (Word/ODF title property, HTML `<title>`, first `#`
    /// heading, e-mail subject), if it has one.
    pub title: Option<String>,
    /// The organisation the document names as its author, and where that was found
    /// ("the e-mail's sender", "the Word file's properties", "the title"), if any.
    pub organisation: Option<Named>,
    /// What the reader did that a user should be told: "decoded from Windows-1252",
    /// "tracked changes read as accepted", "2 comments kept as notes".
    pub notices: Vec<String>,
    /// The blocks in reading order. Their texts, in order, are the document: nothing
    /// the reader saw as words is left out (quoted e-mail and signatures included,
    /// marked by their kind).
    pub blocks: Vec<Block>,
}

/// A name found in a document, with where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub found_in: String,
}

/// One paragraph-like piece of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// The words as shown: no markup, no control characters, runs of white space
    /// within the paragraph kept as the document has them but line breaks inside a
    /// paragraph folded to single spaces; never empty.
    pub text: String,
    /// A bold (or otherwise emphasised) run that opens the paragraph and is followed
    /// by more text, e.g. "A statutory footing for ICSs" in "**A statutory footing for
    /// ICSs** We supported…": the byte length of that run within `text`.
    pub lead_in: Option<usize>,
    /// Comments anchored in this block (Word, OpenDocument).
    pub comments: Vec<Comment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, level 1 being the highest.
    Heading {
        level: u8,
    },
    Paragraph,
    /// A list entry, with the number the reader would see ("3.", "(b)", "iv)") when
    /// the list is numbered, and its nesting level from 0.
    ListItem {
        number: Option<String>,
        level: u8,
    },
    /// One row of a table, its cells joined by " | ".
    TableRow,
    /// A footnote or endnote's text, placed after the paragraph that cites it.
    Footnote,
    /// Quoted words, not the member's own: an earlier message in an e-mail ("> …",
    /// "On … wrote:" and what follows), or a block quotation (HTML `<blockquote>`,
    /// Markdown `>`, a Word or OpenDocument quotation style), often the question itself.
    Quoted,
    /// An e-mail's signature (after "-- " or a sign-off such as "Kind regards").
    Signature,
    /// An e-mail header line kept for the record (From, Date, Subject).
    Header,
}

impl BlockKind {
    /// What the kind is called when a block is listed for a person.
    pub fn name(&self) -> &'static str {
        match self {
            BlockKind::Heading { .. } => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem { .. } => "list item",
            BlockKind::TableRow => "table row",
            BlockKind::Footnote => "footnote",
            BlockKind::Quoted => "quoted",
            BlockKind::Signature => "signature",
            BlockKind::Header => "header",
        }
    }
}

/// A reviewer's comment, with the words it is anchored to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub author: String,
    /// As the document gives it (ISO 8601 in Word and OpenDocument), if it does.
    pub date: Option<String>,
    pub text: String,
    /// The words of the block the comment covers, if the anchor is a range.
    pub anchor: Option<String>,
}

impl Block {
    /// A block of `kind` holding `text` made safe ([`clean`]); `None` when nothing
    /// visible is left, since a block is never empty.
    pub fn new(kind: BlockKind, text: &str) -> Option<Block> {
        Block::with_lead_in(kind, "", text)
    }

    /// A block whose text is `lead` followed by `rest`, with `lead` (cleaned and
    /// trimmed) as its lead-in when both hold words.
    pub fn with_lead_in(kind: BlockKind, lead: &str, rest: &str) -> Option<Block> {
        let text = clean(&format!("{lead}{rest}"));
        if text.is_empty() {
            return None;
        }
        let lead = clean(lead);
        let lead_in =
            (!lead.is_empty() && text.len() > lead.len() && text.starts_with(&lead)).then_some(lead.len());
        Some(Block {
            kind,
            text,
            lead_in,
            comments: Vec::new(),
        })
    }

    /// The lead-in's words, if the block has one.
    pub fn lead_in_text(&self) -> Option<&str> {
        self.lead_in.and_then(|len| self.text.get(..len))
    }
}

/// Text from another organisation's file made safe to show and store: tabs and line
/// breaks become spaces, other control characters and bidirectional overrides are
/// dropped, and the ends are trimmed. Runs of spaces inside are kept.
pub fn clean(text: &str) -> String {
    defused(text).trim().to_string()
}

/// [`clean`] without the trimming: for a piece of a longer text (a run of a Word
/// paragraph), whose spaces at either end separate it from its neighbours.
pub fn defused(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if c.is_control() => None,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => None,
            c => Some(c),
        })
        .collect()
}
