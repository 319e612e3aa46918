//! Reading an outline into a question set, line by line; every error names its line.

use std::collections::HashMap;

use super::{
    NOT_STATED, heading, item_start, key, option, standard_scales, tag_to_scale_id, trailing_annotation,
};
use crate::model::validate::{self, Location, Problem};
use crate::model::{Item, QuestionSet, Scale, ScaleOption, Section};
use crate::text::slug;

/// The question set `text` outlines, or every problem found, each at its line and column.
pub fn read(text: &str) -> Result<QuestionSet, Vec<Problem>> {
    read_with_warnings(text).map(|(set, _)| set)
}

/// The question set `text` outlines with what it leaves unsaid (a warning each, at its line
/// and column), or the structural problems that stop it being read.
pub fn read_with_warnings(text: &str) -> Result<(QuestionSet, Vec<Problem>), Vec<Problem>> {
    let mut reader = Reader::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (n, line) in text.split('\n').enumerate() {
        reader
            .line(n + 1, line.strip_suffix('\r').unwrap_or(line))
            .map_err(|p| vec![p])?;
    }
    reader.finish()
}

fn at(line: usize, column: usize, message: impl Into<String>) -> Problem {
    Problem::error(Location::Text { line, column }, message)
}

/// Text that can run over several paragraphs.
#[derive(Debug, Default)]
struct Paragraphs(Vec<String>);

impl Paragraphs {
    /// `line` joined onto the last paragraph: by a space, or a line break after a `\`.
    fn add(&mut self, line: &str) {
        match self.0.last_mut() {
            Some(last) if last.ends_with('\\') => {
                last.pop();
                last.truncate(last.trim_end().len());
                last.push('\n');
                last.push_str(line);
            }
            Some(last) => {
                last.push(' ');
                last.push_str(line);
            }
            None => self.0.push(line.to_string()),
        }
    }

    fn start(&mut self, line: &str) {
        self.0.push(line.to_string());
    }

    fn text(&self) -> Option<String> {
        (!self.0.is_empty()).then(|| self.0.join("\n\n"))
    }
}

/// Where a line of plain text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Target {
    #[default]
    Nothing,
    Key(&'static str),
    SectionSource,
    Description,
    Intro,
    Prompt,
    Context,
}

/// An item being read: its wording's lines are kept apart until the end, where any tag,
/// limits and attributes are read off the last one.
#[derive(Debug)]
struct ItemDraft {
    line: usize,
    number: u32,
    prompt: Vec<(usize, usize, String)>,
    context: Paragraphs,
}

#[derive(Debug)]
struct SectionDraft {
    line: usize,
    section: Section,
    source: Paragraphs,
    intro: Paragraphs,
}

#[derive(Debug, Default)]
struct Reader {
    title: Option<(usize, String, Option<String>)>,
    /// The introduction between the title and the first section.
    description: Paragraphs,
    keys: HashMap<&'static str, (usize, Paragraphs)>,
    /// Scales the outline defines, then the standard ones its tags use.
    scales: Vec<Scale>,
    defined_scales: usize,
    sections: Vec<SectionDraft>,
    item: Option<ItemDraft>,
    target: Target,
    after_blank: bool,
    /// The line each part of the set came from, by its path in the set, for validation's problems.
    lines: HashMap<String, usize>,
}

impl Reader {
    fn line(&mut self, n: usize, raw: &str) -> Result<(), Problem> {
        if let Some((i, c)) = raw.char_indices().find(|(_, c)| c.is_control() && *c != '\t') {
            let column = raw[..i].chars().count() + 1;
            return Err(at(
                n,
                column,
                format!("control character U+{:04X} in an outline", c as u32),
            ));
        }
        let content = raw.trim();
        // Unindented, a lone `\` escapes nothing: it is as blank as the line it is on.
        if content.is_empty() || (content == "\\" && !raw.starts_with([' ', '\t'])) {
            self.after_blank = true;
            return Ok(());
        }
        let column = raw[..raw.len() - raw.trim_start().len()].chars().count() + 1;
        let indented = column > 1;
        let result = if let Some(text) = heading(content).filter(|_| !indented) {
            self.heading(n, offset(content, text) + 1, text)
        } else if self.title.is_none() {
            Err(at(
                n,
                column,
                "an outline starts with its title as a heading, such as `# School meals: a consultation`",
            ))
        } else if indented {
            self.text(n, column, content, true)
        } else if let Some(escaped) = content.strip_prefix('\\') {
            self.text(n, 2, escaped.trim_start(), false)
        } else if let Some((number, start)) = item_start(content) {
            self.start_item(n, number, start, content)
        } else if let Some((name, value)) = key(content).filter(|(name, _)| self.takes_key(name)) {
            self.key(n, name, value, content)
        } else if let Some(text) = option(content).filter(|_| self.sections.is_empty()) {
            self.option(n, text, content)
        } else {
            self.text(n, 1, content, false)
        };
        self.after_blank = false;
        result
    }

    /// Keys go between the title and the first section; a section takes a `Source:` before its items.
    fn takes_key(&self, name: &str) -> bool {
        match self.sections.last() {
            None => true,
            Some(section) => name == "Source" && section.section.items.is_empty() && self.item.is_none(),
        }
    }

    fn heading(&mut self, n: usize, column: usize, text: &str) -> Result<(), Problem> {
        self.finish_item()?;
        let (text, id) = attributes(n, column, text, "a heading", &mut [])?;
        if text.is_empty() {
            return Err(at(n, 1, "this heading is empty"));
        }
        if self.title.is_none() {
            self.title = Some((n, text, id));
            self.target = Target::Nothing;
            return Ok(());
        }
        let s = self.sections.len();
        self.lines.insert(format!("sections[{s}]"), n);
        self.sections.push(SectionDraft {
            line: n,
            section: Section {
                id: id.clone().unwrap_or_else(|| slug(&text)),
                title: text,
                source: None,
                intro: None,
                items: Vec::new(),
            },
            source: Paragraphs::default(),
            intro: Paragraphs::default(),
        });
        self.target = Target::Nothing;
        Ok(())
    }

    fn key(&mut self, n: usize, name: &'static str, value: &str, line: &str) -> Result<(), Problem> {
        if name == "Scale" {
            let (text, id) = attributes(n, offset(line, value) + 1, value, "a scale", &mut [])?;
            if text.is_empty() {
                return Err(at(n, 1, "a scale needs a name: `Scale: Agreement`"));
            }
            let id = id.unwrap_or_else(|| slug(&text));
            if id == "free" {
                return Err(at(
                    n,
                    1,
                    "a scale cannot have the id \"free\": [free] means an answer in words alone",
                ));
            }
            self.lines.insert(format!("scales[{}]", self.scales.len()), n);
            self.scales.push(Scale {
                id,
                name: text,
                options: Vec::new(),
            });
            self.defined_scales += 1;
            self.target = Target::Nothing;
            return Ok(());
        }
        let mut paragraphs = Paragraphs::default();
        if !value.is_empty() {
            paragraphs.start(value);
        }
        if self.sections.is_empty() {
            if let Some((first, _)) = self.keys.get(name) {
                return Err(at(
                    n,
                    1,
                    format!("a second `{name}:` line (the first is on line {first})"),
                ));
            }
            self.keys.insert(name, (n, paragraphs));
            self.target = Target::Key(name);
        } else {
            let section = self.sections.last_mut().expect("a section");
            if !section.source.0.is_empty() {
                return Err(at(n, 1, "a second `Source:` line in this section"));
            }
            section.source = paragraphs;
            self.target = Target::SectionSource;
        }
        Ok(())
    }

    fn option(&mut self, n: usize, text: &str, line: &str) -> Result<(), Problem> {
        let scales = self.scales.len();
        let Some(scale) = self.scales.last_mut().filter(|_| self.target == Target::Nothing) else {
            return Err(at(
                n,
                1,
                "an option (`- …`) belongs under a `Scale:` line, which names its scale",
            ));
        };
        let mut symbol = None;
        let column = offset(line, text) + 1;
        let (label, id) = attributes(n, column, text, "an option", &mut [("symbol", &mut symbol)])?;
        if label.is_empty() {
            return Err(at(n, 1, "this option has no label"));
        }
        let path = format!("scales[{}].options[{}]", scales - 1, scale.options.len());
        self.lines.insert(path, n);
        let number = scale.options.len() + 1;
        scale.options.push(ScaleOption {
            id: id.unwrap_or_else(|| slug(&label)),
            label,
            symbol: symbol.unwrap_or_else(|| number.to_string()),
        });
        Ok(())
    }

    fn start_item(&mut self, n: usize, number: u32, start: usize, line: &str) -> Result<(), Problem> {
        self.finish_item()?;
        if self.sections.is_empty() {
            return Err(at(
                n,
                1,
                "an item belongs under a section heading, such as `## Questions`",
            ));
        }
        let wording = &line[start..];
        let column = line[..start].chars().count() + 1;
        self.item = Some(ItemDraft {
            line: n,
            number,
            prompt: (!wording.trim().is_empty())
                .then(|| (n, column, wording.trim().to_string()))
                .into_iter()
                .collect(),
            context: Paragraphs::default(),
        });
        self.target = Target::Prompt;
        Ok(())
    }

    fn text(&mut self, n: usize, column: usize, text: &str, indented: bool) -> Result<(), Problem> {
        let target = self.target;
        let follows = !self.after_blank;
        if let Some(item) = self.item.as_mut() {
            match target {
                Target::Prompt if follows => item.prompt.push((n, column, text.to_string())),
                Target::Context if follows => item.context.add(text),
                _ => {
                    item.context.start(text);
                    self.target = Target::Context;
                }
            }
            return Ok(());
        }
        let goes_on = follows || indented;
        match (self.sections.last_mut(), target) {
            (None, Target::Key(name)) if goes_on => {
                let (_, value) = self.keys.get_mut(name).expect("the key being read");
                if follows {
                    value.add(text)
                } else {
                    value.start(text)
                }
            }
            // An introduction under the title: the set's description.
            (None, Target::Description) if follows => self.description.add(text),
            (None, _) => {
                self.description.start(text);
                self.target = Target::Description;
            }
            (Some(section), Target::SectionSource) if goes_on => {
                if follows {
                    section.source.add(text)
                } else {
                    section.source.start(text)
                }
            }
            (Some(section), Target::Intro) if follows => section.intro.add(text),
            (Some(section), _) => {
                section.intro.start(text);
                self.target = Target::Intro;
            }
        }
        Ok(())
    }

    /// The item being read, put into its section with its wording's annotations read.
    fn finish_item(&mut self) -> Result<(), Problem> {
        let Some(mut draft) = self.item.take() else {
            return Ok(());
        };
        let Some((n, column, last)) = draft.prompt.pop() else {
            return Err(at(
                draft.line,
                1,
                "this item has no wording: put it after the number, or on the line straight after",
            ));
        };
        let annotations = self.annotations(n, column, &last)?;
        let mut prompt = Paragraphs::default();
        for (_, _, line) in &draft.prompt {
            prompt.add(line);
        }
        prompt.add(&annotations.wording);
        let label = annotations
            .label
            .unwrap_or_else(|| format!("Question {}", draft.number));
        let s = self.sections.len() - 1;
        let section = &mut self.sections[s].section;
        self.lines.insert(
            format!("sections[{s}].items[{}]", section.items.len()),
            draft.line,
        );
        section.items.push(Item {
            id: annotations.id.unwrap_or_else(|| format!("q{}", draft.number)),
            label,
            short_title: annotations.short,
            prompt: prompt.text().unwrap_or_default(),
            context: draft.context.text(),
            scale: annotations.scale,
            word_limit: annotations.words,
            char_limit: annotations.characters,
        });
        Ok(())
    }

    /// Reads the tag, limits and attributes off the end of an item's last line of wording.
    fn annotations(&mut self, n: usize, column: usize, line: &str) -> Result<Annotations, Problem> {
        let mut found = Annotations::default();
        let mut rest = line.trim_end().to_string();
        while let Some(start) = trailing_annotation(&rest, false) {
            if rest[..start].ends_with('\\') {
                rest.remove(start - 1); // escaped: part of the wording
                break;
            }
            let col = column + rest[..start].chars().count();
            let annotation = rest[start..].to_string();
            rest.truncate(start);
            rest.truncate(rest.trim_end().len());
            match annotation.as_bytes()[0] {
                b'{' => {
                    let (mut label, mut short) = (None, None);
                    let (_, id) = attributes(
                        n,
                        col,
                        &annotation,
                        "an item",
                        &mut [("label", &mut label), ("short", &mut short)],
                    )?;
                    found.id = id;
                    found.label = label;
                    found.short = short;
                }
                b'[' => found.scale = self.tag(n, col, &annotation[1..annotation.len() - 1])?,
                _ => limit(n, col, &annotation, &mut found)?,
            }
        }
        if rest.is_empty() {
            return Err(at(
                n,
                column,
                "this item has no wording before its tag, limits or attributes",
            ));
        }
        found.wording = rest;
        Ok(found)
    }

    /// The scale a tag names: `[free]` none, else one the outline defines, else a standard one.
    fn tag(&mut self, n: usize, column: usize, tag: &str) -> Result<Option<String>, Problem> {
        if tag == "free" {
            return Ok(None);
        }
        for id in [tag, tag_to_scale_id(tag)] {
            if self.scales.iter().any(|s| s.id == id) {
                return Ok(Some(id.to_string()));
            }
            if let Some(standard) = standard_scales().into_iter().find(|s| s.id == id) {
                self.scales.push(standard);
                return Ok(Some(id.to_string()));
            }
        }
        let mut tags = vec!["[agree]".to_string(), "[support]".into(), "[free]".into()];
        tags.extend(
            self.scales[..self.defined_scales]
                .iter()
                .map(|s| format!("[{}]", s.id)),
        );
        Err(at(
            n,
            column,
            format!(
                "[{tag}] is not a scale: the tags are {}; to keep it as wording, write \\[{tag}]",
                tags.join(", ")
            ),
        ))
    }

    fn finish(mut self) -> Result<(QuestionSet, Vec<Problem>), Vec<Problem>> {
        self.finish_item().map_err(|p| vec![p])?;
        let Some((title_line, title, id)) = self.title.take() else {
            return Err(vec![at(
                1,
                1,
                "this outline has no title: start it with a heading, such as `# School meals: a consultation`",
            )]);
        };
        let mut value = |name: &str| {
            self.keys
                .remove(name)
                .map(|(line, p)| (line, p.text().unwrap_or_default()))
        };
        // Unsaid, they are "not stated" in the set, and the reader is told how to say them.
        let mut warnings = Vec::new();
        let mut stated = |found: Option<(usize, String)>, name: &str, example: &str| {
            found.map(|(_, v)| v).unwrap_or_else(|| {
                warnings.push(Problem::warning(
                    Location::Text {
                        line: title_line,
                        column: 1,
                    },
                    format!(
                        "the outline does not say {name}, so the set says \"{NOT_STATED}\": add a line such as `{example}` under the title"
                    ),
                ));
                NOT_STATED.to_string()
            })
        };
        let publisher = stated(
            value("Publisher"),
            "who publishes the consultation",
            "Publisher: Example Council",
        );
        let source = stated(
            value("Source"),
            "where its wording comes from",
            "Source: Example Council's consultation paper, section 3",
        );
        let closing = value("Closing date");
        let format = value("Format version");
        if let Some((line, _)) = &closing {
            self.lines.insert("closing_date".into(), *line);
        }
        let mut lines = std::mem::take(&mut self.lines);
        let sections: Vec<Section> = self
            .sections
            .into_iter()
            .map(|draft| {
                let mut section = draft.section;
                section.source = draft.source.text();
                section.intro = draft.intro.text();
                if section.items.is_empty() {
                    return Err(vec![at(
                        draft.line,
                        1,
                        format!(
                            "section \"{}\" has no items: an item is a numbered entry (`1. …`) or a line starting `Question 1`",
                            section.title
                        ),
                    )]);
                }
                Ok(section)
            })
            .collect::<Result<_, _>>()?;
        if sections.is_empty() {
            return Err(vec![at(
                title_line,
                1,
                "this outline has no sections: put its items under a heading, such as `## Questions`",
            )]);
        }
        let needs_2 = sections
            .iter()
            .flat_map(|s| &s.items)
            .any(|i| i.char_limit.is_some());
        let format_version = match format {
            None => 1 + u32::from(needs_2),
            Some((line, text)) => {
                lines.insert("format_version".into(), line);
                let version: u32 = text.parse().map_err(|_| {
                    vec![at(
                        line,
                        1,
                        format!("{text:?} is not a format version, such as 1 or 2"),
                    )]
                })?;
                if version == 1 && needs_2 {
                    // Validation would say to edit a JSON field; say it in the outline's terms.
                    return Err(vec![at(
                        line,
                        1,
                        "a character limit, `(max N characters)`, needs format version 2: make this line `Format version: 2`, or leave it out",
                    )]);
                }
                version
            }
        };
        let set = QuestionSet {
            format_version,
            id: id.unwrap_or_else(|| slug(&title)),
            title,
            description: self.description.text(),
            publisher,
            source,
            closing_date: closing.map(|(_, date)| date),
            scales: self.scales,
            sections,
        };
        let problems = validate::question_set(&set);
        if problems.is_empty() {
            return Ok((set, warnings));
        }
        Err(problems
            .into_iter()
            .map(|p| located(p, &lines, title_line))
            .collect())
    }
}

/// A problem validation found at a path in the set, moved to the line that path came from.
fn located(problem: Problem, lines: &HashMap<String, usize>, title_line: usize) -> Problem {
    let Location::Path(path) = &problem.location else {
        return problem;
    };
    let mut prefix = path.as_str();
    let line = loop {
        if let Some(line) = lines.get(prefix) {
            break *line;
        }
        match prefix.rfind(['.', '[']) {
            Some(cut) => prefix = &prefix[..cut],
            None => break title_line,
        }
    };
    let mut message = problem.message.clone();
    if message.starts_with("duplicate") {
        message.push_str("; give one of them another with `{#id}` at the end of its line");
    }
    at(line, 1, message)
}

#[derive(Debug, Default)]
struct Annotations {
    wording: String,
    id: Option<String>,
    label: Option<String>,
    short: Option<String>,
    scale: Option<String>,
    words: Option<u32>,
    characters: Option<u32>,
}

/// `(max 300 words)` or `(max 2,000 characters)` at `column` of line `n`.
fn limit(n: usize, column: usize, text: &str, found: &mut Annotations) -> Result<(), Problem> {
    let inside = text[1..text.len() - 1].to_lowercase();
    let words: Vec<&str> = inside.split_whitespace().collect();
    let bad = || {
        at(
            n,
            column,
            format!("{text} is not a limit: write `(max 300 words)` or `(max 2000 characters)`"),
        )
    };
    let [_, number, unit] = words[..] else {
        return Err(bad());
    };
    let number: u32 = number.replace(',', "").parse().map_err(|_| bad())?;
    let (slot, what) = match unit {
        "word" | "words" => (&mut found.words, "word"),
        "character" | "characters" => (&mut found.characters, "character"),
        _ => return Err(bad()),
    };
    if slot.is_some() {
        return Err(at(n, column, format!("this item has a second {what} limit")));
    }
    *slot = Some(number);
    Ok(())
}

/// How many characters into `line` its part `inner` starts (`inner` is a slice of `line`).
fn offset(line: &str, inner: &str) -> usize {
    let bytes = inner.as_ptr() as usize - line.as_ptr() as usize;
    line[..bytes].chars().count()
}

/// `text` without its trailing `{#id key="value"}` attributes (at `column` of line `n`), and
/// the id they give. Each of `keys` takes the value given for it; any other key is an error.
fn attributes(
    n: usize,
    column: usize,
    text: &str,
    what: &str,
    keys: &mut [(&str, &mut Option<String>)],
) -> Result<(String, Option<String>), Problem> {
    let text = text.trim();
    let Some(start) = trailing_annotation(text, true).filter(|&start| !text[..start].ends_with('\\')) else {
        return Ok((unescape_end(text), None));
    };
    let col = column + text[..start].chars().count();
    let allowed: Vec<String> = std::iter::once("#id".to_string())
        .chain(keys.iter().map(|(k, _)| format!("{k}=\"…\"")))
        .collect();
    let bad = |message: String| at(n, col, format!("{message} ({what} takes {})", allowed.join(", ")));
    let mut id = None;
    let mut rest = text[start + 1..text.len() - 1].trim_start();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('#') {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            id = Some(after[..end].to_string());
            rest = after[end..].trim_start();
            continue;
        }
        let Some((name, after)) = rest.split_once('=') else {
            return Err(bad(format!("cannot read the attributes {:?}", &text[start..])));
        };
        let Some((_, slot)) = keys.iter_mut().find(|(k, _)| *k == name) else {
            return Err(bad(format!("unknown attribute `{name}`")));
        };
        let (value, after) =
            quoted(after).ok_or_else(|| bad(format!("the value of `{name}` must be in double quotes")))?;
        **slot = Some(value);
        rest = after.trim_start();
    }
    Ok((unescape_end(text[..start].trim_end()), id))
}

/// `text` without the `\` the writer put before an ending that would read as attributes.
fn unescape_end(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(start) = trailing_annotation(&text, true)
        && text[..start].ends_with('\\')
    {
        text.remove(start - 1);
    }
    text
}

/// A `"…"` value at the start of `text` (with `\"` and `\\` inside), and what follows it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let mut chars = text.strip_prefix('"')?.char_indices();
    let mut value = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, &text[i + 2..])),
            '\\' => value.push(chars.next()?.1),
            c => value.push(c),
        }
    }
    None
}
