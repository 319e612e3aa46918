//! Checks shared by the fuzz targets: what must hold of every document consult writes.

use consult_core::export::{json, markdown};
use consult_core::model::validate::{Location, Problem};
use consult_core::model::{QuestionSet, Response};
use consult_core::parse;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Fuzz bytes as a document's text, the way every loader starts: decoded (problems
/// checked, then `None`) and told apart by kind (a problem there is checked too).
pub fn decoded(data: &[u8]) -> Option<&str> {
    let text = match parse::decode(data) {
        Ok(text) => text,
        Err(problem) => {
            check_problems(&[problem]);
            return None;
        }
    };
    if let Err(problem) = parse::kind(text) {
        check_problems(&[problem]);
    }
    Some(text)
}

/// Every problem says where it is (or concerns the whole file) in words fit for a terminal.
pub fn check_problems(problems: &[Problem]) {
    assert!(!problems.is_empty(), "an error names at least one problem");
    for problem in problems {
        match &problem.location {
            Location::Text { line, column } => assert!(*line >= 1 && *column >= 1, "{problem:?}"),
            Location::Path(path) => assert!(!path.is_empty(), "{problem:?}"),
            Location::File => {}
        }
        assert!(!problem.message.trim().is_empty(), "{problem:?}");
        assert!(
            !problem.message.chars().any(char::is_control),
            "control character in a message: {problem:?}"
        );
    }
}

/// The JSON export loads back as the same response and renders to the same bytes.
pub fn check_json(response: &Response) {
    let text = json::render(response);
    let again = parse::response(&text).expect("a saved response loads again");
    assert_eq!(&again, response, "JSON is lossless");
    assert_eq!(json::render(&again), text, "saving again changes nothing");
}

/// The Markdown export for both settings of `skip_empty`, read by a CommonMark parser:
/// its headings and quotes are exactly those the set and response call for, whatever
/// the text, and it holds no code, HTML, links or other markup of its own.
pub fn check_markdown(response: &Response, set: &QuestionSet) {
    for skip_empty in [false, true] {
        let options = consult_core::export::Options {
            skip_empty,
            ..consult_core::export::Options::default()
        };
        let md = markdown::render(response, set, options);
        let expected = expected_shape(response, set, skip_empty);
        for options in [
            Options::empty(),
            Options::ENABLE_TABLES,
            Options::all() - Options::ENABLE_SMART_PUNCTUATION,
        ] {
            let mut actual = shape(&md, options);
            if !options.contains(Options::ENABLE_TABLES) {
                actual.tables = expected.tables;
            }
            assert_eq!(actual, expected, "{options:?}\n{md}");
        }
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    /// How many headings of each level, 1 to 6.
    headings: [usize; 6],
    tables: usize,
    block_quotes: usize,
    stray: Vec<String>,
}

fn shape(md: &str, options: Options) -> Shape {
    let mut shape = Shape::default();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => shape.headings[level as usize - 1] += 1,
            Event::Start(Tag::Table(_)) => shape.tables += 1,
            Event::Start(Tag::BlockQuote(_)) => shape.block_quotes += 1,
            Event::Start(
                Tag::TableCell
                | Tag::TableHead
                | Tag::TableRow
                | Tag::Item
                | Tag::List(_)
                | Tag::Strong
                | Tag::Emphasis
                | Tag::Paragraph,
            )
            | Event::End(_)
            | Event::Text(_)
            | Event::SoftBreak
            | Event::HardBreak => {}
            other => shape.stray.push(format!("{other:?}")),
        }
    }
    shape
}

fn expected_shape(response: &Response, set: &QuestionSet, skip_empty: bool) -> Shape {
    let answered = |id: &str| response.answer(id).is_some_and(|a| a.is_answered());
    let shown = |id: &str| !skip_empty || answered(id);
    let mut shape = Shape::default();
    shape.headings[0] = 1;
    shape.headings[1] = 1; // Respondent
    if set.items().any(|i| set.scale_of(i).is_some() && shown(&i.id)) {
        shape.headings[1] += 1;
        shape.tables = 1;
    }
    for section in &set.sections {
        let items: Vec<_> = section.items.iter().filter(|i| shown(&i.id)).collect();
        if items.is_empty() {
            continue;
        }
        shape.headings[1] += 1;
        let lone = items.len() == 1 && items[0].scale.is_none() && items[0].label == section.title;
        for item in items {
            if !lone {
                shape.headings[2] += 1;
                shape.block_quotes += 1;
            }
            let reasoning = response
                .answer(&item.id)
                .is_some_and(|a| !a.reasoning.trim().is_empty());
            if reasoning {
                shape.headings[if lone { 2 } else { 3 }] += 1;
            }
        }
    }
    shape
}
