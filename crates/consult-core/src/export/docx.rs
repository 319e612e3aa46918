//! The submission as a Word document, written with `docx-rs` and nothing else: the title,
//! the respondent, the positions as a table, each section and item under Word's own heading
//! styles (so the navigation pane lists them), the exact wording in the Quote style, the
//! position in bold, and answers whose lists are Word lists and whose emphasis is real
//! bold and italic. The document's title and author (the organisation) are its properties.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Footnote, Header, IndentLevel, Level, LevelJc,
    LevelOverride, LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin,
    PageNum, Paragraph, ParagraphChild, Run, SpecialIndentType, Start, Style, StyleType, Table, TableCell,
    TableLayoutType, TableRow, VertAlignType, WidthType,
};

use super::Options;
use super::attribution;
use super::html::escape;
use super::package;
use super::parts::{self, ItemPart, Row};
use super::rich::{self, Block, List, one_line};
use crate::model::{QuestionSet, Response};

/// The abstract numbering every bulleted list uses, and the one list instance they share.
const BULLETS: usize = 2;
/// The abstract numbering of numbered lists; each list gets an instance of its own.
const NUMBERS: usize = 3;
/// Numbering instances from here on are one per numbered list, so each starts afresh.
const FIRST_NUMBERED: usize = 10;

/// The `.docx` file for `response` to `set`.
pub fn render(response: &Response, set: &QuestionSet, options: Options) -> Vec<u8> {
    let submission = parts::submission(response, set, options);
    let mut doc = Writer::new(submission.notes.clone());
    doc.styled("Title", &submission.title);
    doc.push(Paragraph::new().add_run(run(&submission.preamble)));
    doc.styled("Heading1", "Respondent");
    for (name, value) in &submission.respondent {
        doc.push(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{name}: ")).bold())
                .add_run(run(value)),
        );
    }
    if !submission.positions.is_empty() {
        doc.styled("Heading1", "Positions at a glance");
        doc.body
            .push(Part::Table(Box::new(positions_table(&submission.positions))));
    }
    for part in &submission.sections {
        doc.styled("Heading1", &part.section.title);
        if let Some(source) = &part.section.source {
            doc.push(Paragraph::new().add_run(run(&format!("Wording quoted from: {source}")).italic()));
        }
        for item in &part.items {
            write_item(&mut doc, item, part.lone_free_text);
        }
    }
    doc.finish(&submission.title, submission.organisation, response)
}

/// The width of the text on an A4 page with the margins below, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;

/// Item, wording and position, each column as wide as its content needs (the item's label
/// and the position are short; the wording takes the rest), the header row repeating at the
/// top of each page the table runs onto.
fn positions_table(positions: &[Row]) -> Table {
    // About 130 twips a character at 11 point, with the cell's margins.
    let fitted = |longest: usize, least: usize, most: usize| (longest * 130 + 300).clamp(least, most);
    let longest = |texts: &mut dyn Iterator<Item = &str>| texts.map(|t| t.chars().count()).max().unwrap_or(0);
    let item = fitted(
        longest(&mut positions.iter().map(|r| r.item.label.as_str()).chain(["Item"])),
        1000,
        2400,
    );
    let position = fitted(
        longest(
            &mut positions
                .iter()
                .map(|r| r.position.unwrap_or("No position"))
                .chain(["Position"]),
        ),
        1100,
        2600,
    );
    let widths = [item, TEXT_WIDTH - item - position, position];
    let cell = |text: &str, bold: bool, width: usize| {
        let run = if bold { run(text).bold() } else { run(text) };
        TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(Paragraph::new().add_run(run))
    };
    let row = |texts: [&str; 3], bold: bool| {
        TableRow::new(
            texts
                .iter()
                .zip(widths)
                .map(|(text, width)| cell(text, bold, width))
                .collect(),
        )
    };
    // `cant_split` marks the header row; the package adds Word's "repeat as header row" to it.
    let mut rows = vec![row(["Item", "Wording", "Position"], true).cant_split()];
    for position in positions {
        rows.push(row(
            [
                &position.item.label,
                &position.item.prompt,
                position.position.unwrap_or("No position"),
            ],
            false,
        ));
    }
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// The header names who responds to what; the footer, the response's date and the page.
fn header_and_footer(organisation: &str, response: &Response) -> (Header, Footer) {
    let header = Header::new().add_paragraph(Paragraph::new().style("Header").add_run(run(&format!(
        "{organisation} — response to {}",
        response.question_set.title
    ))));
    let date = response.updated.strftime("%-d %B %Y").to_string();
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            // Our own words, their spaces kept (`run` trims a line of untrusted text).
            .add_run(Run::new().add_text(format!("{date} · Page ")))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" of "))
            .add_num_pages(NumPages::new()),
    );
    (header, footer)
}

fn write_item(doc: &mut Writer, part: &ItemPart, lone_free_text: bool) {
    if !lone_free_text {
        doc.styled("Heading2", &part.item.label);
        doc.blocks(&part.item.prompt, Some("Quote"));
    }
    if let Some(label) = part.position {
        doc.push(Paragraph::new().add_run(run(&format!("Position: {label}")).bold()));
    }
    if let Some(missing) = part.missing {
        doc.push(Paragraph::new().add_run(run(missing).italic()));
    }
    if let Some(consensus) = &part.consensus {
        doc.push(Paragraph::new().add_run(run(consensus).italic()));
    }
    doc.blocks(&part.answer, None);
    let level = if lone_free_text { "Heading2" } else { "Heading3" };
    if !part.reasoning.is_empty() {
        doc.styled(level, "Reasoning");
        doc.blocks(&part.reasoning, None);
    }
    for (member, statement) in &part.minority {
        doc.styled(level, &format!("Minority statement: {member}"));
        doc.blocks(statement, None);
    }
}

/// A run of one line of untrusted text.
fn run(text: &str) -> Run {
    Run::new().add_text(xml_safe(&one_line(text)))
}

/// XML 1.0 cannot hold U+FFFE or U+FFFF at all, even escaped; `visible` has already made
/// every control character a picture, so these two are all that is left to replace.
fn xml_safe(text: &str) -> String {
    text.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}")
}

/// The document as it is written; handed to docx-rs whole at the end (its builders take
/// and give back the whole document at each step, which costs too much paragraph by paragraph).
struct Writer {
    body: Vec<Part>,
    numberings: Vec<Numbering>,
    /// What each footnote mark in the answers stands for, from 1.
    notes: Vec<String>,
}

/// Boxed: a paragraph is over 2 KB before it holds any text, a table over 600 bytes.
enum Part {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

impl Writer {
    fn new(notes: Vec<String>) -> Writer {
        Writer {
            body: Vec::new(),
            numberings: Vec::new(),
            notes,
        }
    }

    fn push(&mut self, paragraph: Paragraph) {
        self.body.push(Part::Paragraph(Box::new(paragraph)));
    }

    fn styled(&mut self, style: &str, text: &str) {
        self.push(Paragraph::new().style(style).add_run(run(text)));
    }

    /// Answer text as paragraphs (in `style`, if given) and Word lists.
    fn blocks(&mut self, text: &str, style: Option<&str>) {
        for block in rich::parse(text) {
            match block {
                Block::Paragraph(lines) => {
                    let paragraph = style.map_or_else(Paragraph::new, |s| Paragraph::new().style(s));
                    self.push(lines_into(paragraph, &lines, &self.notes));
                }
                Block::List(list) => self.list(&list, 0),
            }
        }
    }

    fn list(&mut self, list: &List, level: usize) {
        let id = match list.start {
            None => BULLETS,
            Some(start) => {
                let id = FIRST_NUMBERED + self.numberings.len();
                let restart = LevelOverride::new(level).start(start as usize);
                self.numberings
                    .push(Numbering::new(id, NUMBERS).add_override(restart));
                id
            }
        };
        for item in &list.items {
            let paragraph = Paragraph::new()
                .style("ListParagraph")
                .numbering(NumberingId::new(id), IndentLevel::new(level));
            self.push(lines_into(paragraph, &item.lines, &self.notes));
            for nested in &item.nested {
                self.list(nested, 1);
            }
        }
    }

    /// The packed file, with its title and author set.
    fn finish(self, title: &str, author: &str, response: &Response) -> Vec<u8> {
        let mut docx = Docx::new()
            // A4, with margins of about 2 cm (in twentieths of a point).
            .page_size(11906, 16838)
            .page_margin(PageMargin {
                top: 1134,
                left: 1134,
                bottom: 1134,
                right: 1134,
                header: 708,
                footer: 708,
                gutter: 0,
            })
            // 11 point text, with room after each paragraph.
            .default_size(22)
            .default_line_spacing(LineSpacing::new().after(120))
            .add_style(heading("Title", "Title", 36, None))
            .add_style(footnote_reference())
            .add_style(small("Header", "header"))
            .add_style(small("Footer", "footer"))
            .add_style(
                Style::new("FootnoteText", StyleType::Paragraph)
                    .name("footnote text")
                    .based_on("Normal")
                    .size(18),
            )
            .add_style(heading("Heading1", "heading 1", 30, Some(0)))
            .add_style(heading("Heading2", "heading 2", 26, Some(1)))
            .add_style(heading("Heading3", "heading 3", 22, Some(2)))
            .add_style(
                Style::new("Quote", StyleType::Paragraph)
                    .name("Quote")
                    .based_on("Normal")
                    .italic()
                    .indent(Some(567), None, Some(567), None),
            )
            .add_style(
                Style::new("ListParagraph", StyleType::Paragraph)
                    .name("List Paragraph")
                    .based_on("Normal"),
            )
            .add_abstract_numbering(list_levels(BULLETS, "bullet", ["\u{2022}", "\u{25E6}"]))
            .add_abstract_numbering(list_levels(NUMBERS, "decimal", ["%1.", "%2."]))
            .add_numbering(Numbering::new(BULLETS, BULLETS));
        for numbering in self.numberings {
            docx = docx.add_numbering(numbering);
        }
        for part in self.body {
            docx = match part {
                Part::Paragraph(paragraph) => docx.add_paragraph(*paragraph),
                Part::Table(table) => docx.add_table(*table),
            };
        }
        let (header, footer) = header_and_footer(author, response);
        docx = docx.header(header).footer(footer);
        let mut xml = docx.build();
        xml.doc_props.core = core_properties(title, author, response).into_bytes();
        package::finish(xml)
    }
}

/// `paragraph` holding `lines`, with line breaks between them, emphasis as bold and italic
/// runs, and Word footnotes (from `notes`) where the attribution marks are.
fn lines_into(mut paragraph: Paragraph, lines: &[rich::Line], notes: &[String]) -> Paragraph {
    // Runs go straight into the paragraph: its builder would move the whole paragraph per run.
    let children = &mut paragraph.children;
    for (l, line) in lines.iter().enumerate() {
        if l > 0 {
            let run = Run::new().add_break(BreakType::TextWrapping);
            children.push(ParagraphChild::Run(Box::new(run)));
        }
        rich::for_each_run(line, &mut |text, emphasis, strong| {
            for (text, note) in attribution::split(text) {
                if !text.is_empty() {
                    let mut run = Run::new().add_text(xml_safe(text));
                    if emphasis {
                        run = run.italic();
                    }
                    if strong {
                        run = run.bold();
                    }
                    children.push(ParagraphChild::Run(Box::new(run)));
                }
                if let Some(n) = note {
                    let said = notes.get(n - 1).map_or("", String::as_str);
                    let footnote = Footnote {
                        id: n,
                        content: vec![Paragraph::new().style("FootnoteText").add_run(run(said))],
                    };
                    let reference = Run::new().add_footnote_reference(footnote);
                    children.push(ParagraphChild::Run(Box::new(reference)));
                }
            }
        });
    }
    paragraph
}

/// The header's and footer's style: small, centred.
fn small(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .size(18)
        .align(AlignmentType::Center)
}

/// The style of a footnote's number, in the text and in the note: superscript, as Word's own.
fn footnote_reference() -> Style {
    let mut style = Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    style.run_property = style.run_property.vert_align(VertAlignType::SuperScript);
    style
}

/// A heading style Word knows by its name, at `outline` level in the navigation pane, kept
/// on the page of the paragraph after it so no page ends with a lone heading.
fn heading(id: &str, name: &str, half_points: usize, outline: Option<usize>) -> Style {
    let mut style = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .bold()
        .size(half_points)
        .line_spacing(LineSpacing::new().before(240).after(80));
    style.paragraph_property = style.paragraph_property.keep_next(true);
    match outline {
        Some(level) => style.outline_lvl(level),
        None => style,
    }
}

/// Two levels of a list: `format` (`bullet` or `decimal`) with `texts` as their marks.
fn list_levels(id: usize, format: &str, texts: [&str; 2]) -> AbstractNumbering {
    let mut numbering = AbstractNumbering::new(id);
    for (level, text) in texts.into_iter().enumerate() {
        let indent = 720 * (level as i32 + 1);
        numbering = numbering.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(Some(indent), Some(SpecialIndentType::Hanging(360)), None, None),
        );
    }
    numbering
}

/// `docProps/core.xml`: the title, subject and author Word shows as the file's properties.
/// Written here because docx-rs offers no way to set them; its dates are the response's,
/// so the same response always makes the same file.
fn core_properties(title: &str, author: &str, response: &Response) -> String {
    let text = |value: &str| escape(&xml_safe(&one_line(value)));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>\
         <cp:lastModifiedBy>{}</cp:lastModifiedBy>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{}</dcterms:modified>\
         </cp:coreProperties>",
        text(title),
        text(&response.question_set.title),
        text(author),
        text(author),
        response.created,
        response.updated
    )
}
