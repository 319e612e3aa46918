//! Exports of any response consult can hold: every text field of the response, and every
//! word of the question set, is arbitrary text (markup, control characters, line endings,
//! any Unicode). The JSON export is lossless and the Markdown keeps its structure.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use consult_core::catalog::Catalog;
use consult_core::export::{self, Format};
use consult_core::model::{ItemStatus, QuestionSet, Response, ResponseStatus, validate};
use consult_fuzz::{check_json, check_markdown};
use jiff::Timestamp;
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

static SET: LazyLock<QuestionSet> = LazyLock::new(|| {
    Catalog::built_in()
        .find("integrating-care")
        .expect("built in")
        .clone()
});

/// Pieces of text that mean something to Markdown or to a terminal, to splice into the rest.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "#", "# ", ">", "- ", "+ ", "* ", "1. ", "2) ", "---", "***", "===", "|", "| --- |", "`", "```",
    "~~~", "~~", "[", "]", "](", "[x]: y", "![", "[[", "[^1]", "<", "<b>", "<!--", "&amp;", "&#35;",
    "\\", "$", "$$", "^", "_", "*", "{#id}", ":", "    ", "\t", "\n", "\r", "\r\n", "\n\n", "  \n",
    "\u{0}", "\u{1b}[2J", "\u{1b}]0;t\u{7}", "\u{7f}", "\u{85}", "\u{9b}", "\u{a0}", "\u{2028}",
    "\u{202e}", "\u{2066}", "\u{200b}", "\u{feff}", "東京", "🙂", "é",
];

fn text(u: &mut Unstructured) -> Result<String> {
    let mut out = String::new();
    for _ in 0..u.int_in_range(0..=6u8)? {
        if u.ratio(1, 2)? {
            out.push_str(u.choose(PIECES)?);
        } else {
            out.push_str(u.arbitrary::<&str>()?);
        }
    }
    Ok(out)
}

fn words_of_the_set(u: &mut Unstructured, set: &mut QuestionSet) -> Result<()> {
    set.title = text(u)?;
    set.publisher = text(u)?;
    for scale in &mut set.scales {
        for option in &mut scale.options {
            option.label = text(u)?;
            option.symbol = text(u)?;
        }
    }
    for section in &mut set.sections {
        section.title = text(u)?;
        section.source = u.arbitrary::<bool>()?.then(|| text(u)).transpose()?;
        for item in &mut section.items {
            // A lone free-text item named like its section is drawn without its own heading.
            item.label = if u.ratio(1, 4)? {
                section.title.clone()
            } else {
                text(u)?
            };
            item.prompt = text(u)?;
            item.context = u.arbitrary::<bool>()?.then(|| text(u)).transpose()?;
        }
    }
    Ok(())
}

fn timestamp(u: &mut Unstructured) -> Result<Timestamp> {
    let second = u.int_in_range(Timestamp::MIN.as_second()..=Timestamp::MAX.as_second())?;
    Ok(Timestamp::from_second(second).unwrap_or(Timestamp::UNIX_EPOCH))
}

fn run(u: &mut Unstructured) -> Result<()> {
    let mut set = SET.clone();
    // Fewer sections make each run quicker; the first is a lone free-text item, the rest scales.
    let sections = u.int_in_range(1..=set.sections.len())?;
    set.sections.truncate(sections);
    if u.arbitrary()? {
        words_of_the_set(u, &mut set)?;
    }
    let mut response = Response::new(&set, &text(u)?);
    response.respondent.contact_name = text(u)?;
    response.respondent.role = text(u)?;
    response.respondent.email = u.arbitrary::<bool>()?.then(|| text(u)).transpose()?;
    response.respondent.on_behalf = u.arbitrary()?;
    response.status = if u.arbitrary()? {
        ResponseStatus::Final
    } else {
        ResponseStatus::Draft
    };
    response.created = timestamp(u)?;
    response.updated = timestamp(u)?;
    let items: Vec<_> = set.items().cloned().collect();
    for item in &items {
        if !u.arbitrary::<bool>()? {
            continue;
        }
        let options: Vec<String> = set
            .scale_of(item)
            .map(|s| s.options.iter().map(|o| o.id.clone()).collect())
            .unwrap_or_default();
        let answer = response.answer_mut(&set, &item.id);
        answer.position = match u.int_in_range(0..=3u8)? {
            0 => None,
            1 => Some(text(u)?),
            _ if options.is_empty() => None,
            _ => Some(u.choose(&options)?.clone()),
        };
        answer.answer = text(u)?;
        answer.reasoning = text(u)?;
        answer.notes = text(u)?;
        answer.status = *u.choose(&[ItemStatus::NotStarted, ItemStatus::Draft, ItemStatus::Ready])?;
    }

    check_json(&response);
    if validate::question_set(&set).iter().any(|p| p.is_error()) {
        // Such a set never loads, so nothing is exported from it; still, no panic.
        let _ = export::render(Format::Markdown, &response, &set, &export::Options::default());
    } else {
        check_markdown(&response, &set);
    }
    // Every other format, too, takes any text without a panic.
    for format in [Format::Text, Format::Html, Format::Docx, Format::Fhir] {
        let _ = export::render(format, &response, &set, &export::Options::default());
    }
    let path = export::default_path(Path::new("exports"), &response, Format::Markdown);
    assert_eq!(path.parent(), Some(Path::new("exports")), "{path:?}");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a plain file name");
    assert!(
        name.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c)),
        "{name:?}"
    );
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
