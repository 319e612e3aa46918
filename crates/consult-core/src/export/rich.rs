//! The formatting answers may use, and nothing more: paragraphs, bullet and numbered lists
//! (one level of nesting), `*emphasis*` and `**strong**`. Every export reads user text
//! through [`parse`] and renders the blocks in its own terms; anything else that looks
//! like markup (headings, quotes, tables, HTML, code, links) is plain text to it.
//!
//! The rules, as a person typing would put them:
//! - a blank line ends a paragraph; a line break inside one is kept;
//! - a line starting `- `, `* `, `+ ` or `• ` is a bullet, one starting with a number of up
//!   to three digits and `. ` or `) ` a numbered item; indented by two spaces or a tab under
//!   an item, it is nested in that item (deeper indentation is still one level);
//! - an indented line after an item carries on that item; a line that is not indented
//!   ends the list;
//! - `*…*` and `**…**` within one line, starting at the start of a word and ending at the end
//!   of one, are emphasis and strong. Runs of three or more asterisks are text.

use crate::text::{flat, visible};

/// A piece of one line: text, or text set in emphasis or strong (which may hold the other).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
}

/// One line of text as pieces.
pub type Line = Vec<Inline>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Lines kept apart as typed.
    Paragraph(Vec<Line>),
    List(List),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// The first item's number for a numbered list; `None` for bullets.
    pub start: Option<u32>,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The item's text, the lines that carry it on included.
    pub lines: Vec<Line>,
    /// Lists nested in this item. Their own items have none: one level only.
    pub nested: Vec<List>,
}

impl List {
    /// The number of the item at `index`, for a numbered list.
    pub fn number(&self, index: usize) -> Option<u64> {
        self.start.map(|start| u64::from(start) + index as u64)
    }
}

/// User text as blocks. Control characters are made visible first and `\r\n` or a lone
/// `\r` is a line break, so no renderer sees either.
pub fn parse(text: &str) -> Vec<Block> {
    let text = unify_line_endings(text);
    let text = visible(&text);
    let mut parser = Parser::default();
    for line in text.split('\n') {
        parser.line(line);
    }
    parser.finish()
}

/// One line of user text for a title, label or table cell: control characters made
/// visible and every run of whitespace, line breaks included, as one space.
pub fn one_line(text: &str) -> String {
    flat(&visible(&unify_line_endings(text)))
}

/// `\r\n` and a lone `\r` (both line endings to most readers) as `\n`.
pub fn unify_line_endings(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// The item's text after a list marker: there must be a space, then something.
fn after_marker(rest: &str) -> Option<&str> {
    let body = rest.strip_prefix([' ', '\t'])?.trim_start_matches([' ', '\t']);
    (!body.is_empty()).then_some(body)
}

/// What starts a line: the kind of list item, if it is one, and its text.
enum Start<'a> {
    Item {
        start: Option<u32>,
        nested: bool,
        text: &'a str,
    },
    Text {
        indented: bool,
        text: &'a str,
    },
    Blank,
}

fn classify(line: &str) -> Start<'_> {
    let text = line.trim_start_matches([' ', '\t']);
    let indent: usize = line[..line.len() - text.len()]
        .chars()
        .map(|c| if c == '\t' { 2 } else { 1 })
        .sum();
    let text = text.trim_end_matches([' ', '\t']);
    if text.is_empty() {
        return Start::Blank;
    }
    let nested = indent >= 2;
    for bullet in ['-', '*', '+', '•'] {
        if let Some(body) = text.strip_prefix(bullet).and_then(after_marker) {
            return Start::Item {
                start: None,
                nested,
                text: body,
            };
        }
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && let Some(body) = text[digits..].strip_prefix(['.', ')']).and_then(after_marker)
    {
        let number = text[..digits].parse().unwrap_or(1);
        return Start::Item {
            start: Some(number),
            nested,
            text: body,
        };
    }
    Start::Text {
        indented: nested,
        text,
    }
}

#[derive(Default)]
struct Parser {
    blocks: Vec<Block>,
    paragraph: Vec<Line>,
    list: Option<List>,
    /// A blank line came since the last text.
    after_blank: bool,
}

impl Parser {
    fn line(&mut self, line: &str) {
        match classify(line) {
            Start::Blank => {
                self.end_paragraph();
                self.after_blank = true;
            }
            Start::Item { start, nested, text } => {
                self.end_paragraph();
                self.item(start, nested, inline(text));
                self.after_blank = false;
            }
            Start::Text { indented, text } => {
                let line = inline(text);
                match self.list.as_mut().and_then(|l| l.items.last_mut()) {
                    Some(item) if indented && !self.after_blank => last_item(item).lines.push(line),
                    _ => {
                        self.end_list();
                        if self.after_blank {
                            self.end_paragraph();
                        }
                        self.paragraph.push(line);
                    }
                }
                self.after_blank = false;
            }
        }
    }

    fn item(&mut self, start: Option<u32>, nested: bool, line: Line) {
        let kind = start.is_some();
        let fresh = |start| List {
            start,
            items: Vec::new(),
        };
        let item = ListItem {
            lines: vec![line],
            nested: Vec::new(),
        };
        if nested && let Some(parent) = self.list.as_mut().and_then(|l| l.items.last_mut()) {
            match parent.nested.last_mut() {
                Some(list) if list.start.is_some() == kind => list.items.push(item),
                _ => {
                    let mut list = fresh(start);
                    list.items.push(item);
                    parent.nested.push(list);
                }
            }
            return;
        }
        if self.list.as_ref().is_some_and(|l| l.start.is_some() != kind) {
            self.end_list();
        }
        self.list.get_or_insert_with(|| fresh(start)).items.push(item);
    }

    fn end_paragraph(&mut self) {
        if !self.paragraph.is_empty() {
            self.blocks
                .push(Block::Paragraph(std::mem::take(&mut self.paragraph)));
        }
    }

    fn end_list(&mut self) {
        if let Some(list) = self.list.take() {
            self.blocks.push(Block::List(list));
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.end_paragraph();
        self.end_list();
        self.blocks
    }
}

/// The item text goes on in: the last nested item if there is one, else `item` itself.
fn last_item(item: &mut ListItem) -> &mut ListItem {
    if item.nested.last().is_some_and(|l| !l.items.is_empty()) {
        let list = item.nested.last_mut().expect("just checked");
        return list.items.last_mut().expect("just checked");
    }
    item
}

/// One line's emphasis and strong.
fn inline(text: &str) -> Line {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    pieces(&chars, false, false, &mut out);
    out
}

/// Splits `chars` into text and the spans it opens, inside emphasis or strong already
/// (which cannot open again within themselves).
fn pieces(chars: &[char], emphasis: bool, strong: bool, out: &mut Vec<Inline>) {
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '*' {
            text.push(chars[i]);
            i += 1;
            continue;
        }
        let run = run_length(chars, i);
        let allowed = (run == 1 && !emphasis) || (run == 2 && !strong);
        let closer = allowed
            .then(|| can_open(chars, i, run))
            .filter(|&open| open)
            .and_then(|_| find_closer(chars, i + run, run));
        match closer {
            Some(end) => {
                if !text.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut text)));
                }
                let mut inner = Vec::new();
                pieces(
                    &chars[i + run..end],
                    emphasis || run == 1,
                    strong || run == 2,
                    &mut inner,
                );
                out.push(if run == 1 {
                    Inline::Emphasis(inner)
                } else {
                    Inline::Strong(inner)
                });
                i = end + run;
            }
            None => {
                text.extend(&chars[i..i + run]);
                i += run;
            }
        }
    }
    if !text.is_empty() {
        out.push(Inline::Text(text));
    }
}

fn run_length(chars: &[char], at: usize) -> usize {
    chars[at..].iter().take_while(|&&c| c == '*').count()
}

/// The start of the next run of exactly `run` asterisks from `from` that can close.
fn find_closer(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '*' {
            let length = run_length(chars, i);
            if length == run && can_close(chars, i, run) {
                return Some(i);
            }
            i += length;
        } else {
            i += 1;
        }
    }
    None
}

/// Opens at the start of a word. The extra condition keeps to what CommonMark would
/// read as an opener too: before punctuation, only after a space or punctuation itself.
fn can_open(chars: &[char], at: usize, run: usize) -> bool {
    let before = at.checked_sub(1).map(|j| chars[j]);
    let Some(after) = chars.get(at + run).copied() else {
        return false;
    };
    if after.is_whitespace() || before.is_some_and(char::is_alphanumeric) {
        return false;
    }
    after.is_alphanumeric() || before.is_none_or(|b| b.is_whitespace() || is_punctuation(b))
}

/// Closes at the end of a word: the mirror of [`can_open`].
fn can_close(chars: &[char], at: usize, run: usize) -> bool {
    let Some(before) = at.checked_sub(1).map(|j| chars[j]) else {
        return false;
    };
    let after = chars.get(at + run).copied();
    if before.is_whitespace() || after.is_some_and(char::is_alphanumeric) {
        return false;
    }
    before.is_alphanumeric() || after.is_none_or(|a| a.is_whitespace() || is_punctuation(a))
}

/// Punctuation, or a footnote mark of an attributed export: a passage that is wholly bold
/// ends with its closing asterisks right before the mark, and must still close.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || super::attribution::number(c).is_some()
}

/// The text of `line` without its formatting.
pub fn plain_line(line: &[Inline]) -> String {
    let mut out = String::new();
    for_each_run(line, &mut |text, _, _| out.push_str(text));
    out
}

/// Calls `f` with each piece of text in `line` and whether it is in emphasis and in strong.
pub fn for_each_run(line: &[Inline], f: &mut dyn FnMut(&str, bool, bool)) {
    fn walk(line: &[Inline], emphasis: bool, strong: bool, f: &mut dyn FnMut(&str, bool, bool)) {
        for piece in line {
            match piece {
                Inline::Text(text) => f(text, emphasis, strong),
                Inline::Emphasis(inner) => walk(inner, true, strong, f),
                Inline::Strong(inner) => walk(inner, emphasis, true, f),
            }
        }
    }
    walk(line, false, false, f);
}

/// `text` as it reads without formatting, as pasted into an online form: paragraphs apart
/// by a blank line, list items as `- ` or `1. ` lines, nested ones two spaces in.
pub fn plain(text: &str) -> String {
    plain_blocks(&parse(text))
}

pub fn plain_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (b, block) in blocks.iter().enumerate() {
        if b > 0 {
            out.push_str("\n\n");
        }
        match block {
            Block::Paragraph(lines) => {
                for (l, line) in lines.iter().enumerate() {
                    if l > 0 {
                        out.push('\n');
                    }
                    out.push_str(&plain_line(line));
                }
            }
            Block::List(list) => plain_list(list, "", &mut out),
        }
    }
    out
}

fn plain_list(list: &List, indent: &str, out: &mut String) {
    for (i, item) in list.items.iter().enumerate() {
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        let marker = marker(list, i);
        let hang = format!("{indent}{}", " ".repeat(marker.chars().count()));
        for (l, line) in item.lines.iter().enumerate() {
            if l == 0 {
                out.push_str(indent);
                out.push_str(&marker);
            } else {
                out.push('\n');
                out.push_str(&hang);
            }
            out.push_str(&plain_line(line));
        }
        for nested in &item.nested {
            plain_list(nested, &format!("{indent}  "), out);
        }
    }
}

/// `- ` or `N. `: how a list item is marked in text.
pub fn marker(list: &List, index: usize) -> String {
    match list.number(index) {
        Some(n) => format!("{n}. "),
        None => "- ".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Inline {
        Inline::Text(t.into())
    }

    fn paragraph(lines: &[&str]) -> Block {
        Block::Paragraph(lines.iter().map(|l| vec![text(l)]).collect())
    }

    #[test]
    fn paragraphs_keep_their_line_breaks() {
        assert_eq!(
            parse("one\r\ntwo\n\n\n  three  \n"),
            [paragraph(&["one", "two"]), paragraph(&["three"])]
        );
        assert_eq!(parse(""), []);
        assert_eq!(parse(" \n\t\n"), []);
    }

    #[test]
    fn bullets_and_numbers_make_lists_with_one_level_of_nesting() {
        let blocks = parse(
            "We ask for:\n- a duty\n  more on it\n  1. first\n    2) second\n* a role\n\n3. numbered\n4. again\nAfter.",
        );
        let item = |lines: &[&str], nested: Vec<List>| ListItem {
            lines: lines.iter().map(|l| vec![text(l)]).collect(),
            nested,
        };
        assert_eq!(
            blocks,
            [
                paragraph(&["We ask for:"]),
                Block::List(List {
                    start: None,
                    items: vec![
                        item(
                            &["a duty", "more on it"],
                            vec![List {
                                start: Some(1),
                                items: vec![item(&["first"], vec![]), item(&["second"], vec![])],
                            }],
                        ),
                        item(&["a role"], vec![]),
                    ],
                }),
                Block::List(List {
                    start: Some(3),
                    items: vec![item(&["numbered"], vec![]), item(&["again"], vec![])],
                }),
                paragraph(&["After."]),
            ]
        );
    }

    #[test]
    fn a_blank_line_between_items_keeps_one_list() {
        let blocks = parse("- a\n\n- b\n\n  - c\nnext");
        let Block::List(list) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.items[1].nested[0].items.len(), 1);
        assert_eq!(blocks[1], paragraph(&["next"]));
    }

    #[test]
    fn what_is_not_a_list_item_is_text() {
        for line in [
            "-",
            "- ",
            "-item",
            "1.5 million",
            "2021. A year",
            "1234. x",
            "*emphasis* first",
            "#1 priority",
        ] {
            let blocks = parse(line);
            assert!(
                matches!(blocks.as_slice(), [Block::Paragraph(_)]),
                "{line:?}: {blocks:?}"
            );
        }
        assert_eq!(
            plain("   - nested with no list above"),
            "- nested with no list above"
        );
    }

    #[test]
    fn emphasis_and_strong_start_and_end_at_words() {
        assert_eq!(
            inline("a *b* and **c d** e"),
            [
                text("a "),
                Inline::Emphasis(vec![text("b")]),
                text(" and "),
                Inline::Strong(vec![text("c d")]),
                text(" e")
            ]
        );
        assert_eq!(
            inline("**strong *and em* too**"),
            [Inline::Strong(vec![
                text("strong "),
                Inline::Emphasis(vec![text("and em")]),
                text(" too")
            ])]
        );
        assert_eq!(
            inline("“*within*”"),
            [text("“"), Inline::Emphasis(vec![text("within")]), text("”")]
        );
        for literal in [
            "2*3*4",
            "a * b * c",
            "*open",
            "***three***",
            "snake*case*",
            "* not",
            "**",
        ] {
            assert_eq!(inline(literal), [text(literal)], "{literal:?}");
        }
    }

    #[test]
    fn nothing_typed_is_lost() {
        let typed = "**Yes.** See *para 2*, a*b, and *x **y** z*.\n- 1. one\n  - **b**";
        assert_eq!(
            plain(typed),
            "Yes. See para 2, a*b, and x y z.\n\n- 1. one\n  - b"
        );
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(plain("a\u{1b}[2J\u{7}"), "a\u{241b}[2J\u{2407}");
        assert_eq!(one_line("  two\r\nlines\t\u{1b} "), "two lines \u{241b}");
    }
}
