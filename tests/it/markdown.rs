//! The Markdown submission, read back with a real CommonMark parser (`pulldown-cmark`):
//! its heading tree, its table and its quotes are exactly what the question set and the
//! response call for, whatever text the respondent typed; the formatting answers may use
//! comes out as Markdown's own lists, emphasis and strong, and no text is lost. Also: any
//! response survives JSON losslessly.

use crate::support;

use proptest::prelude::*;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use consult::export::rich::{self, Block, Inline, List};
use consult::export::{self, json, markdown};
use consult::model::validate;
use consult::model::{
    Answer, ItemStatus, Publication, QuestionSet, Respondent, Response, ResponseStatus, SetRef,
};
use consult::parse;
use consult::text::visible;
use support::fixtures::{self, built_in};
use support::{COMMISSION, LOCAL_GOVERNMENT};

fn render(response: &Response, set: &QuestionSet, skip_empty: bool) -> String {
    let options = export::Options {
        skip_empty,
        ..export::Options::default()
    };
    markdown::render(response, set, options)
}

/// The parser settings a document is checked under: plain CommonMark, GitHub's tables,
/// and every extension pulldown-cmark has (except smart quotes, which change text, not structure).
fn dialects() -> [(&'static str, Options); 3] {
    [
        ("CommonMark", Options::empty()),
        ("CommonMark with tables", Options::ENABLE_TABLES),
        (
            "every extension",
            Options::all() - Options::ENABLE_SMART_PUNCTUATION,
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// What a parser sees.

/// The structure of a parsed document: what the checks compare.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    headings: Vec<(u8, String)>,
    /// Each table's rows (header included), each row its cells' text.
    tables: Vec<Vec<Vec<String>>>,
    block_quotes: usize,
    /// The items of every list, as text.
    list_items: Vec<String>,
    /// Text set in bold, and in italics.
    strong: Vec<String>,
    emphasis: Vec<String>,
    /// Markup no part of the document should ever contain: code, HTML, links, images,
    /// rules, footnotes, maths, strikethrough, definition lists, metadata.
    stray: Vec<String>,
    /// All the document's text, in order.
    text: String,
}

fn shape(markdown: &str, options: Options) -> Shape {
    let mut shape = Shape::default();
    // Text is gathered into whichever of these is open, innermost last.
    let mut open: Vec<(Tag, String)> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::Table(_) => shape.tables.push(Vec::new()),
                    Tag::BlockQuote(_) => shape.block_quotes += 1,
                    Tag::Heading { .. }
                    | Tag::TableCell
                    | Tag::Item
                    | Tag::Strong
                    | Tag::Emphasis
                    | Tag::Paragraph
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::List(_) => {}
                    other => shape.stray.push(format!("{other:?}")),
                }
                open.push((tag, String::new()));
            }
            Event::End(end) => {
                let (tag, text) = open.pop().expect("balanced events");
                match tag {
                    Tag::Heading { level, .. } => shape.headings.push((level_number(level), text.clone())),
                    Tag::TableCell => row.push(text.clone()),
                    Tag::TableHead | Tag::TableRow => {
                        shape.tables.last_mut().unwrap().push(std::mem::take(&mut row));
                    }
                    Tag::Item => shape.list_items.push(text.clone()),
                    Tag::Strong => shape.strong.push(text.clone()),
                    Tag::Emphasis => shape.emphasis.push(text.clone()),
                    _ => {}
                }
                assert!(matches!(end, TagEnd::Heading(_)) == matches!(tag, Tag::Heading { .. }));
                // Inner text belongs to the enclosing element too.
                if let Some((_, outer)) = open.last_mut() {
                    outer.push_str(&text);
                }
            }
            Event::Text(t) => {
                shape.text.push_str(&t);
                if let Some((_, text)) = open.last_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                shape.text.push(' ');
                if let Some((_, text)) = open.last_mut() {
                    text.push(' ');
                }
            }
            other => shape.stray.push(format!("{other:?}")),
        }
    }
    shape
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

// ---------------------------------------------------------------------------------------------
// What the question set and the response call for.

/// User text as a one-line heading or cell shows it: control characters made visible,
/// whitespace runs as single spaces.
fn one_line(text: &str) -> String {
    visible(&text.replace('\r', "\n"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn answered(response: &Response, item: &str) -> bool {
    response.answer(item).is_some_and(Answer::is_answered)
}

fn position_label(response: &Response, set: &QuestionSet, item: &str) -> Option<String> {
    let item = set.item(item)?;
    let scale = set.scale_of(item)?;
    let id = response.answer(&item.id)?.position.as_deref()?;
    Some(scale.option(id)?.label.clone())
}

/// The shape the document must have, computed from the set and the response alone.
fn expected_shape(response: &Response, set: &QuestionSet, skip_empty: bool) -> Shape {
    let mut expected = Shape::default();
    let organisation = response.respondent.organisation.trim();
    let organisation = if organisation.is_empty() {
        "an unnamed organisation".to_string()
    } else {
        one_line(organisation)
    };
    expected
        .headings
        .push((1, format!("{} — response from {organisation}", set.title)));

    expected.headings.push((2, "Respondent".into()));
    let r = &response.respondent;
    for (name, value) in [
        ("Organisation", r.organisation.as_str()),
        ("Contact", r.contact_name.as_str()),
        ("Role", r.role.as_str()),
        ("Email", r.email.as_deref().unwrap_or("")),
    ] {
        if !blank(value) {
            expected.list_items.push(format!("{name}: {}", one_line(value)));
            expected.strong.push(format!("{name}:"));
        }
    }
    let capacity = match (r.on_behalf, r.members) {
        (false, _) => "in a personal capacity".to_string(),
        (true, None) => "on behalf of the organisation".to_string(),
        (true, Some(1)) => "on behalf of the organisation, which represents 1 member".to_string(),
        (true, Some(n)) => format!("on behalf of the organisation, which represents {n} members"),
    };
    let publication = r.publication.map(|p| match p {
        Publication::Yes => "Yes",
        Publication::Anonymised => "Yes, anonymised",
        Publication::No => "No",
    });
    for (name, value) in [
        ("Responding", Some(capacity.as_str())),
        ("How members' views were gathered", r.views_gathered.as_deref()),
        ("May be published", publication),
        ("Confidentiality", r.confidentiality.as_deref()),
    ] {
        if let Some(value) = value.filter(|v| !blank(v)) {
            expected.list_items.push(format!("{name}: {}", one_line(value)));
            expected.strong.push(format!("{name}:"));
        }
    }

    let shown = |id: &str| !skip_empty || answered(response, id);
    let mut rows = vec![vec!["Item".to_string(), "Wording".into(), "Position".into()]];
    for item in set.items().filter(|i| i.scale.is_some() && shown(&i.id)) {
        let position = position_label(response, set, &item.id).unwrap_or("No position".into());
        let prompt: String = item.prompt.chars().take(40).collect();
        rows.push(vec![item.label.clone(), prompt, position]);
    }
    if rows.len() > 1 {
        expected.headings.push((2, "Positions at a glance".into()));
        expected.tables.push(rows);
    }

    for section in &set.sections {
        let items: Vec<_> = section.items.iter().filter(|i| shown(&i.id)).collect();
        if items.is_empty() {
            continue;
        }
        expected.headings.push((2, section.title.clone()));
        if let Some(source) = &section.source {
            expected.emphasis.push(format!("Wording quoted from: {source}"));
        }
        let lone = items.len() == 1 && items[0].scale.is_none() && items[0].label == section.title;
        for item in items {
            if !lone {
                expected.headings.push((3, item.label.clone()));
                expected.block_quotes += 1;
            }
            let answer = response.answer(&item.id);
            let has_text = answer.is_some_and(|a| !blank(&a.answer));
            let reasoning = answer.map_or("", |a| a.reasoning.as_str());
            match (item.scale.is_some(), position_label(response, set, &item.id)) {
                (true, Some(label)) => {
                    expected.strong.push(format!("Position: {label}"));
                    if !has_text {
                        expected.emphasis.push("No written answer.".into());
                    }
                }
                (true, None) if has_text => expected.emphasis.push("No position given.".into()),
                _ if !has_text => expected.emphasis.push("Not answered.".into()),
                _ => {}
            }
            if has_text {
                subset_shape(&answer.unwrap().answer, &mut expected);
            }
            if !blank(reasoning) {
                expected
                    .headings
                    .push((if lone { 3 } else { 4 }, "Reasoning".into()));
                subset_shape(reasoning, &mut expected);
            }
        }
    }
    expected
}

/// What the formatting in `text` adds to a document, in the order a parser closes it:
/// the lists, emphasis and strong that `rich` finds in it.
fn subset_shape(text: &str, shape: &mut Shape) {
    for block in rich::parse(text) {
        match block {
            Block::Paragraph(lines) => lines.iter().for_each(|line| inline_shape(line, shape)),
            Block::List(list) => {
                list_shape(&list, shape);
            }
        }
    }
}

/// Adds each item's text (its nested items' included), and returns all of it.
fn list_shape(list: &List, shape: &mut Shape) -> String {
    let mut all = String::new();
    for item in &list.items {
        item.lines.iter().for_each(|line| inline_shape(line, shape));
        let mut text = item
            .lines
            .iter()
            .map(|l| rich::plain_line(l))
            .collect::<Vec<_>>()
            .join(" ");
        for nested in &item.nested {
            text.push_str(&list_shape(nested, shape));
        }
        all.push_str(&text);
        shape.list_items.push(text);
    }
    all
}

fn inline_shape(line: &[Inline], shape: &mut Shape) {
    for piece in line {
        match piece {
            Inline::Text(_) => {}
            Inline::Emphasis(inner) => {
                inline_shape(inner, shape);
                shape.emphasis.push(rich::plain_line(inner));
            }
            Inline::Strong(inner) => {
                inline_shape(inner, shape);
                shape.strong.push(rich::plain_line(inner));
            }
        }
    }
}

/// Text with what may be formatting taken out (whitespace, asterisks and whatever can mark
/// a list item), so what is left can be compared character by character.
fn without_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"*-+•.)0123456789".contains(*c))
        .collect()
}

/// Every character typed in an answer or its reasoning is in the document's text, in order.
fn assert_no_text_lost(markdown: &str, response: &Response, options: Options) {
    let document = without_marks(&shape(markdown, options).text);
    for answer in &response.answers {
        // Text that is only whitespace is not shown: the item says it is not answered.
        for text in [&answer.answer, &answer.reasoning]
            .into_iter()
            .filter(|t| !blank(t))
        {
            let typed = without_marks(&visible(&text.replace("\r\n", "\n").replace('\r', "\n")));
            assert!(
                document.contains(&typed),
                "{typed:?} is not all there\n{markdown}"
            );
        }
    }
}

/// Checks `markdown` against the expected shape in every dialect. The table's middle
/// column is a shortened prompt, so only its start is compared.
fn assert_shape(markdown: &str, response: &Response, set: &QuestionSet, skip_empty: bool) {
    for (dialect, options) in dialects() {
        let mut actual = shape(markdown, options);
        for table in &mut actual.tables {
            for row in table.iter_mut() {
                if let Some(cell) = row.get_mut(1) {
                    *cell = cell.chars().take(40).collect();
                }
            }
        }
        let mut expected = expected_shape(response, set, skip_empty);
        if !options.contains(Options::ENABLE_TABLES) {
            // Without the extension the table is a paragraph of pipes: no table, nothing else either.
            expected.tables.clear();
        }
        assert_eq!(
            actual.headings, expected.headings,
            "{dialect}: heading tree\n{markdown}"
        );
        assert_eq!(actual.tables, expected.tables, "{dialect}: table\n{markdown}");
        assert_eq!(
            actual.block_quotes, expected.block_quotes,
            "{dialect}: quotes\n{markdown}"
        );
        assert_eq!(
            actual.list_items, expected.list_items,
            "{dialect}: respondent list\n{markdown}"
        );
        assert_eq!(actual.strong, expected.strong, "{dialect}: bold text\n{markdown}");
        assert_eq!(
            actual.emphasis, expected.emphasis,
            "{dialect}: italic text\n{markdown}"
        );
        assert_eq!(
            actual.stray,
            Vec::<String>::new(),
            "{dialect}: stray markup\n{markdown}"
        );
        if !skip_empty {
            assert_no_text_lost(markdown, response, options);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The samples and hand-picked cases.

#[test]
fn the_sample_exports_have_the_expected_headings_table_and_quotes() {
    let set = built_in();
    for fixture in [COMMISSION, LOCAL_GOVERNMENT] {
        let response = fixtures::response(fixture);
        let md = render(&response, &set, false);
        assert_shape(&md, &response, &set, false);
    }
}

#[test]
fn the_commission_sample_reads_as_a_submission() {
    let set = built_in();
    let md = render(&fixtures::response(COMMISSION), &set, false);
    let shape = shape(&md, Options::ENABLE_TABLES);
    let headings: Vec<String> = shape
        .headings
        .iter()
        .filter(|(level, _)| *level <= 3)
        .map(|(level, text)| format!("{} {text}", "#".repeat(*level as usize)))
        .collect();
    assert_eq!(
        headings[..6],
        [
            "# Integrating care: next steps to building strong and effective integrated care systems across England — response from Health Devolution Commission",
            "## Respondent",
            "## Positions at a glance",
            "## Executive summary",
            "## Consultation questions",
            "### Question 1",
        ]
    );
    assert_eq!(headings.last().unwrap(), "## Further comments");
    let table = &shape.tables[0];
    assert_eq!(
        table.len(),
        13,
        "a header and a row for each of the 12 items on a scale"
    );
    assert_eq!(table[1][0], "Question 1");
    assert_eq!(table[1][2], "Partly agree");
    assert_eq!(table[12][0], "Element 8");
    assert_eq!(table[12][2], "Support");
    assert!(md.contains(
        "\n\nA response to NHS England's consultation, which closed on 8 January 2021. Final version, 7 January 2021.\n\n"
    ));
    assert!(md.contains("\n\n**Position: Partly agree**\n\n"));
    // Its answers' lists and emphasis are Markdown's own, not escaped symbols.
    assert!(md.contains("It could cover:\n\n- what the system is responsible for;\n"));
    assert!(md.contains("\n\n**Yes, on one condition.** Putting"));
    assert!(!md.contains("\\*") && !md.contains("\\-"), "{md}");
    assert!(md.ends_with(".\n"), "one final newline");
}

#[test]
fn unanswered_items_say_so_and_skip_empty_leaves_them_out() {
    let set = built_in();
    let mut response = Response::new(&set, "Quiet Council");
    response.answer_mut(&set, "q2").position = Some("disagree".into());
    response.answer_mut(&set, "e3").answer = "We have no settled view.".into();
    response.answer_mut(&set, "comments").answer = "Thank you.".into();

    let full = render(&response, &set, false);
    assert_shape(&full, &response, &set, false);
    let q1 = section_of(&full, "### Question 1");
    assert!(q1.contains("*Not answered.*"), "{q1}");
    let q2 = section_of(&full, "### Question 2");
    assert!(
        q2.contains("**Position: Disagree**") && q2.contains("*No written answer.*"),
        "{q2}"
    );
    let e3 = section_of(&full, "### Element 3");
    assert!(
        e3.contains("*No position given.*") && e3.contains("We have no settled view."),
        "{e3}"
    );
    assert!(section_of(&full, "## Executive summary").contains("*Not answered.*"));

    let short = render(&response, &set, true);
    assert_shape(&short, &response, &set, true);
    assert!(!short.contains("Not answered"));
    assert!(!short.contains("## Executive summary"));
    assert!(!short.contains("### Question 1"));
    assert!(short.contains("### Question 2") && short.contains("### Element 3"));
    let table_rows = short.lines().filter(|l| l.starts_with("| ")).count();
    assert_eq!(
        table_rows,
        2 + 2,
        "header, delimiter and the two answered items on a scale"
    );
}

/// The text from `heading` up to the next heading of any level.
fn section_of<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let start = markdown
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading:?}"));
    let rest = &markdown[start + heading.len()..];
    let end = rest.find("\n#").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

/// The paragraphs' text between `heading` and the next heading, as a parser reads it.
fn paragraphs_under(markdown: &str, heading: &str) -> Vec<String> {
    let mut in_section = false;
    let mut paragraphs = Vec::new();
    let mut current: Option<String> = None;
    let mut heading_text: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading_text = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                in_section = heading_text.take().as_deref() == Some(heading);
            }
            Event::Start(Tag::Paragraph) if in_section => current = Some(String::new()),
            Event::End(TagEnd::Paragraph) => paragraphs.extend(current.take()),
            Event::Text(t) => {
                if let Some(h) = heading_text.as_mut() {
                    h.push_str(&t);
                } else if let Some(p) = current.as_mut() {
                    p.push_str(&t);
                }
            }
            Event::HardBreak | Event::SoftBreak => {
                if let Some(p) = current.as_mut() {
                    p.push('\n');
                }
            }
            _ => {}
        }
    }
    paragraphs
}

const PUBLISHED_Q1: &str = "Do you agree that giving ICSs a statutory footing from 2022, alongside other legislative proposals, provides the right foundation for the NHS over the next decade?";

#[test]
fn markup_outside_the_subset_comes_out_as_literal_text() {
    let set = built_in();
    let mut response = Response::new(&set, "Literal Ltd");
    let lines = [
        "# Heading",
        "> quote",
        "---",
        "| a | b |",
        "| --- | --- |",
        "===",
        "```rust",
        "~~~",
        "<div>html</div>",
        "<!-- comment -->",
        "[x]: https://example.org",
        "[a link](https://example.org) and ![an image](i.png)",
        "_underscores_ `code` ~~struck~~ $x^2$ ***three*** 2*3*4",
        "&amp; &#35; &copy;",
        ": a definition",
        "[^1]: a footnote",
        "Heading {#id .class}",
        "2021. A year, 1234. and 1.5 million",
        "a line ending in a backslash \\",
    ];
    let answer = lines.join("\n");
    {
        let a = response.answer_mut(&set, "q1");
        a.position = Some("agree".into());
        a.answer = answer.clone();
        a.reasoning = "## Not a heading\n    not code\n\n***".into();
    }
    let md = render(&response, &set, false);
    assert_shape(&md, &response, &set, false);
    let paragraphs = paragraphs_under(&md, "Question 1");
    assert_eq!(
        paragraphs,
        [PUBLISHED_Q1.to_string(), "Position: Agree".into(), answer]
    );
    assert_eq!(
        paragraphs_under(&md, "Reasoning"),
        ["## Not a heading\nnot code", "***"]
    );
}

#[test]
fn lists_emphasis_and_strong_come_out_as_markdown() {
    let set = built_in();
    let mut response = Response::new(&set, "Formatted Council");
    response.answer_mut(&set, "summary").answer = [
        "We ask for **three things**, *in this order*:",
        "1. a duty to collaborate;",
        "2. a formal role for boards,",
        "   agreed locally;",
        "   - with members named",
        "   - and a *budget*",
        "3. time.",
        "",
        "- one bullet",
        "* and another",
    ]
    .join("\n");
    let md = render(&response, &set, false);
    assert_shape(&md, &response, &set, false);
    let summary = section_of(&md, "## Executive summary");
    assert_eq!(
        summary.trim(),
        [
            "We ask for **three things**, *in this order*:",
            "",
            "1. a duty to collaborate;",
            "2. a formal role for boards,\\",
            "   agreed locally;",
            "   - with members named",
            "   - and a *budget*",
            "3. time.",
            "",
            "- one bullet",
            "- and another",
        ]
        .join("\n")
    );
    let parsed = shape(&md, Options::empty());
    assert!(
        parsed
            .list_items
            .contains(&"a formal role for boards, agreed locally;with members namedand a budget".to_string())
    );
    assert!(parsed.strong.contains(&"three things".to_string()));
    assert!(parsed.emphasis.contains(&"budget".to_string()));
}

#[test]
fn a_nested_list_numbered_from_elsewhere_than_1_stays_a_list() {
    let set = built_in();
    let mut response = Response::new(&set, "Numbering Trust");
    response.answer_mut(&set, "summary").answer = "- parent\n  3. third\n  4. fourth".into();
    let md = render(&response, &set, false);
    assert_shape(&md, &response, &set, false);
    let parsed = shape(&md, Options::empty());
    let answer_items = &parsed.list_items[parsed.list_items.len() - 3..];
    assert_eq!(answer_items, ["third", "fourth", "parentthirdfourth"], "{md}");
    assert!(md.contains("- parent\n\n  3. third\n  4. fourth"), "{md}");
}

#[test]
fn ordinary_prose_is_not_littered_with_backslashes() {
    let set = built_in();
    let mut response = Response::new(&set, "Smith & Jones");
    response.respondent.email = Some("jane_doe@example.org".into());
    let prose =
        "R&D spending rose 3.5% in 2020. Costs < £5m; see C:\\Users and [sic] (ibid) — \"quoted\" 'text'.";
    response.answer_mut(&set, "summary").answer = prose.into();
    let md = render(&response, &set, false);
    assert!(md.contains(&format!("\n{prose}\n")), "{md}");
    assert!(md.contains("- **Email:** jane_doe@example.org\n"));
    assert!(md.contains("response from Smith & Jones\n"));
    assert_shape(&md, &response, &set, false);
}

#[test]
fn windows_line_endings_are_line_breaks_not_symbols() {
    let set = built_in();
    let mut response = Response::new(&set, "CRLF Council");
    response.answer_mut(&set, "summary").answer =
        "First line\r\nSecond line\r\n\r\nNew paragraph\rOld Mac line".into();
    let md = render(&response, &set, false);
    assert!(!md.contains('\r') && !md.contains('\u{240D}'), "{md}");
    assert_eq!(
        paragraphs_under(&md, "Executive summary"),
        ["First line\nSecond line", "New paragraph\nOld Mac line"]
    );
}

// ---------------------------------------------------------------------------------------------
// Any text at all.

/// Text meant to break things: markup at the start of lines and within them, every kind
/// of line ending, control characters, wide and right-to-left text, and arbitrary Unicode.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<String>(),
        1 => "[a-z ]{0,12}",
        6 => prop::sample::select(vec![
            "#", "# Heading", "###### h6", "#hashtag", "> quote", ">", "---", "***", "___", "- - -",
            "|", "| a | b |", "|---|---|", ":--", "--- | ---", "`", "```", "~~~", "~", "~~struck~~",
            "[x]: y", "[x]: https://example.org \"t\"", "[a](b)", "![i](j)", "[[wiki]]", "[^1]", "[^1]: note",
            "[!NOTE]", "<b>", "</div>", "<!--", "<?php", "<https://example.org>", "<a@b.org>", "&amp;",
            "&#35;", "&#x23;", "&", "1.", "1. ", "2) ", "123456789. ", "- ", "+ ", "* ", "=", "===", ":",
            ": def", "\\", "\\\\", "$x$", "$$", "^sup^", "{#id}", "{.class}", "_e_", "*e*", "**b**",
            "   ", "    code", "\t", "\t\t", "\r\n", "\n", "\r", "\n\n", "\r\n\r\n", "  \n", "\\\n",
            "\u{0}", "\u{1b}[2J", "\u{7}", "\u{7f}", "\u{85}", "\u{b}", "\u{c}", "\u{2028}", "\u{2029}",
            "\u{a0}", "\u{3000}", "\u{feff}", "\u{200b}", "\u{202e}", "\u{2066}", "é", "東京", "🙂",
            "עברית", " ", "-->", "]]>", "*/", "\"", "'", "“", "---\ntitle: x\n---", "+++",
            "\n- ", "\n  - ", "\n\t* ", "\n1. ", "\n  3) ", "\n• ", "\n    ", "**", "*", " **b** ",
            "*e*", "(*", "*)", "\n\n- ", "\n  2. ",
        ]).prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

fn arbitrary_response() -> impl Strategy<Value = Response> {
    let set = built_in();
    let items: Vec<(String, Vec<String>)> = set
        .items()
        .map(|item| {
            let options = set
                .scale_of(item)
                .map(|s| s.options.iter().map(|o| o.id.clone()).collect())
                .unwrap_or_default();
            (item.id.clone(), options)
        })
        .collect();
    let answers: Vec<_> = items
        .into_iter()
        .map(|(id, options)| {
            let position = if options.is_empty() {
                Just(None).boxed()
            } else {
                prop::option::of(prop::sample::select(options)).boxed()
            };
            let status =
                prop::sample::select(vec![ItemStatus::NotStarted, ItemStatus::Draft, ItemStatus::Ready]);
            prop::option::of(
                (
                    position,
                    hostile_text(),
                    hostile_text(),
                    hostile_text(),
                    status,
                    (prop::option::of(hostile_text()), any::<bool>()),
                )
                    .prop_map(
                        move |(position, answer, reasoning, notes, status, (key_point, inferred))| Answer {
                            item: id.clone(),
                            position,
                            answer,
                            reasoning,
                            notes,
                            status,
                            key_point,
                            position_basis: if inferred {
                                consult::model::PositionBasis::Inferred
                            } else {
                                consult::model::PositionBasis::Stated
                            },
                            source_paragraphs: Vec::new(),
                            not_answering: false,
                        },
                    ),
            )
        })
        .collect();
    let respondent = (
        hostile_text(),
        hostile_text(),
        hostile_text(),
        prop::option::of(hostile_text()),
        any::<bool>(),
        (
            prop::option::of(any::<u64>()),
            prop::option::of(prop::sample::select(vec![
                Publication::Yes,
                Publication::Anonymised,
                Publication::No,
            ])),
            prop::option::of(hostile_text()),
        ),
    )
        .prop_map(
            |(
                organisation,
                contact_name,
                role,
                email,
                on_behalf,
                (members, publication, confidentiality),
            )| {
                Respondent {
                    organisation,
                    contact_name,
                    role,
                    email,
                    on_behalf,
                    members,
                    // The same hostile text in the other free-text detail.
                    views_gathered: confidentiality.clone(),
                    publication,
                    confidentiality,
                }
            },
        );
    let digest = set.digest();
    (
        respondent,
        answers,
        any::<bool>(),
        0i64..4_000_000_000,
        0i64..100_000_000,
        prop::option::of(prop::sample::select(vec!["q1".to_string(), "comments".into()])),
    )
        .prop_map(
            move |(respondent, answers, is_final, created, later, current_item)| Response {
                format_version: 1,
                question_set: SetRef {
                    id: set.id.clone(),
                    title: set.title.clone(),
                    digest: digest.clone(),
                },
                respondent,
                status: if is_final {
                    ResponseStatus::Final
                } else {
                    ResponseStatus::Draft
                },
                created: jiff::Timestamp::from_second(created).unwrap(),
                updated: jiff::Timestamp::from_second(created + later).unwrap(),
                current_item,
                answers: answers.into_iter().flatten().collect(),
                conflicts: Vec::new(),
                joint: None,
                source: None,
                reviews: None,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_response_round_trips_through_json_losslessly(response in arbitrary_response()) {
        let text = json::render(&response);
        let again = parse::response(&text).unwrap();
        // The file says the version it needs; everything else comes back as it was.
        let written = Response { format_version: response.format_to_write(), ..response.clone() };
        prop_assert_eq!(&again, &written);
        prop_assert_eq!(json::render(&again), text);
        let problems: Vec<String> = validate::response(&again, &built_in())
            .iter()
            .map(|p| p.location.to_string())
            .collect();
        let members_alone = response.respondent.members.is_some() && !response.respondent.on_behalf;
        let expected = if members_alone { vec!["at respondent.members".to_string()] } else { Vec::new() };
        prop_assert_eq!(problems, expected);
    }

    #[test]
    fn no_text_breaks_the_markdown_structure(response in arbitrary_response(), skip_empty in any::<bool>()) {
        let set = built_in();
        let md = render(&response, &set, skip_empty);
        assert_shape(&md, &response, &set, skip_empty);
    }
}
