//! The submission as a Word document, written with `docx-rs` and nothing else: the title,
//! the respondent, the positions as a table, each section and item under Word's own heading
//! styles (so the navigation pane lists them), the exact wording in the Quote style, the
//! position in bold, and answers whose lists are Word lists and whose emphasis is real
//! bold and italic. The document's title and author (the organisation) are its properties.
//!
//! The document is written as it is laid out, an item at a time (see [`package`]): the
//! cost of a response grows with its length and no more.

use docx_rs::{
    AbstractNumbering, AlignmentType, BookmarkEnd, BookmarkStart, BreakType, BuildXML, DocumentRels, Docx,
    Footer, FooterRels, Footnote, Footnotes, Header, HeaderRels, IndentLevel, Level, LevelJc, LevelOverride,
    LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, NumberingProperty, PageMargin,
    PageNum, Paragraph, ParagraphChild, ParagraphStyle, Run, SpecialIndentType, Start, Style, StyleType,
    Table, TableCell, TableCellContent, TableLayoutType, TableRow, VertAlignType, WidthType,
};

use super::Options;
use super::attribution;
use super::html::escape;
use super::package::{self, Package, xml_safe};
use super::parts::{self, ItemPart, Row, Submission};
use super::review_copy::{self, Marked};
use super::rich::{self, Block, List, one_line};
use crate::model::{QuestionSet, Response};

/// The abstract numbering every bulleted list uses, and the one list instance they share.
const BULLETS: usize = 2;
/// The abstract numbering of numbered lists; each list gets an instance of its own.
const NUMBERS: usize = 3;
/// Numbering instances from here on are one per numbered list, so each starts afresh.
const FIRST_NUMBERED: usize = 10;

/// The `.docx` file for `response` to `set`: the submission, or with `options.review` a
/// copy for review (see [`super::review_copy`]).
pub fn render(response: &Response, set: &QuestionSet, options: Options) -> Vec<u8> {
    let submission = parts::submission(response, set, options);
    let mut doc = Writer::start(&submission, response, options);
    if options.review.is_some() {
        doc.styled("Heading1", review_copy::NOTE_HEADING);
        for point in review_copy::NOTE {
            let mut paragraph = doc.listed(BULLETS, 0);
            add(&mut paragraph, run(point));
            doc.push(paragraph);
        }
    }
    doc.styled("Title", &submission.title);
    doc.line(None, run(&submission.preamble));
    doc.styled("Heading1", "Respondent");
    for (name, value) in &submission.respondent {
        let mut paragraph = doc.paragraph(None);
        add(&mut paragraph, Run::new().add_text(format!("{name}: ")).bold());
        add(&mut paragraph, run(value));
        doc.push(paragraph);
    }
    if !submission.positions.is_empty() {
        doc.styled("Heading1", "Positions at a glance");
        positions_table(&mut doc, &submission.positions);
    }
    for part in &submission.sections {
        doc.styled("Heading1", &part.section.title);
        if let Some(source) = &part.section.source {
            doc.line(None, run(&format!("Wording quoted from: {source}")).italic());
        }
        for item in &part.items {
            write_item(&mut doc, item, part.lone_free_text);
            if doc.pending.len() >= BATCH {
                doc.flush();
            }
        }
    }
    doc.finish(submission.organisation, response)
}

/// How many paragraphs or table rows are made before they are serialised together: enough
/// to share out between threads, few enough to take little memory.
const BATCH: usize = 512;

/// The width of the text on an A4 page with the margins below, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;

/// Item, wording and position, each column as wide as its content needs (the item's label
/// and the position are short; the wording takes the rest), the header row repeating at the
/// top of each page the table runs onto. Written a row at a time: a set of thousands of
/// items has thousands of rows.
fn positions_table(doc: &mut Writer, positions: &[Row]) {
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
    // `cant_split` marks the header row; the package adds Word's "repeat as header row" to it.
    let header = table_row(doc, ["Item", "Wording", "Position"], true, widths).cant_split();
    let table = Table::new(vec![header])
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed);
    doc.flush();
    let (opening, closing) = package::table_with_header_row(&table);
    doc.package.write(&opening);
    for batch in positions.chunks(BATCH) {
        let rows: Vec<TableRow> = batch
            .iter()
            .map(|position| {
                let texts = [
                    position.item.label.as_str(),
                    position.item.prompt.as_str(),
                    position.position.unwrap_or("No position"),
                ];
                table_row(doc, texts, false, widths)
            })
            .collect();
        package::serialise_all(&rows, &mut doc.buffer);
        doc.write_buffer();
    }
    doc.package.write(closing);
}

/// A row of the positions table: `texts` in cells of `widths`, in bold for the header.
fn table_row(doc: &mut Writer, texts: [&str; 3], bold: bool, widths: [usize; 3]) -> TableRow {
    let cells = texts
        .iter()
        .zip(widths)
        .map(|(text, width)| {
            let mut paragraph = doc.paragraph(None);
            add(&mut paragraph, if bold { run(text).bold() } else { run(text) });
            let mut cell = TableCell::new().width(width, WidthType::Dxa);
            cell.children.push(TableCellContent::Paragraph(paragraph));
            cell
        })
        .collect();
    TableRow::new(cells)
}

/// The header names who responds to what; the footer, the response's date and the page.
fn header_and_footer(doc: &mut Writer, organisation: &str, response: &Response) -> (Header, Footer) {
    let mut header = doc.paragraph(Some("Header"));
    add(
        &mut header,
        run(&format!(
            "{organisation} — response to {}",
            response.question_set.title
        )),
    );
    let date = response.updated.strftime("%-d %B %Y").to_string();
    let footer = (*doc.paragraph(Some("Footer")))
        // Our own words, their spaces kept (`run` trims a line of untrusted text).
        .add_run(Run::new().add_text(format!("{date} · Page ")))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" of "))
        .add_num_pages(NumPages::new());
    let header = Header::new().add_paragraph(*header);
    let footer = Footer::new().add_paragraph(footer);
    (header, footer)
}

fn write_item(doc: &mut Writer, part: &ItemPart, lone_free_text: bool) {
    if !lone_free_text {
        doc.styled("Heading2", &part.item.label);
        doc.blocks(&part.item.prompt, Some("Quote"));
    }
    if let Some(label) = part.position {
        doc.line(None, run(&format!("Position: {label}")).bold());
    }
    if let Some(missing) = part.missing {
        doc.line(None, run(missing).italic());
    }
    if let Some(consensus) = &part.consensus {
        doc.line(None, run(consensus).italic());
    }
    let review = doc.options.review.is_some();
    doc.marked(&part.answer, review.then_some((Marked::Answer, part.ordinal)));
    let level = if lone_free_text { "Heading2" } else { "Heading3" };
    // A review copy has a place for reasoning even where there is none yet.
    if !part.reasoning.is_empty() || (review && doc.options.reasoning) {
        doc.styled(level, "Reasoning");
        doc.marked(
            &part.reasoning,
            review.then_some((Marked::Reasoning, part.ordinal)),
        );
    }
    for (member, statement) in &part.minority {
        doc.styled(level, &format!("Minority statement: {member}"));
        doc.blocks(statement, None);
    }
}

/// `run` added to the end of `paragraph`, in place (see [`Writer::paragraph`]).
fn add(paragraph: &mut Paragraph, run: Run) {
    paragraph.children.push(ParagraphChild::Run(Box::new(run)));
}

/// A run of one line of untrusted text.
fn run(text: &str) -> Run {
    Run::new().add_text(xml_safe(&one_line(text)))
}

/// The package being written: the parts before the body already in it, the body going in
/// an item at a time, and what the parts after it need gathered on the way.
struct Writer<'a> {
    package: Package,
    /// The document's frame: page, styles, lists, later the header and footer.
    frame: Docx,
    options: Options<'a>,
    /// The paragraphs laid out and not yet written, serialised together by [`Writer::flush`].
    /// Boxed as they are made (see [`Writer::paragraph`]), so none is moved again whole.
    #[allow(clippy::vec_box)]
    pending: Vec<Box<Paragraph>>,
    /// Bytes on their way into the package.
    buffer: Vec<u8>,
    /// What each footnote mark in the answers stands for, from 1.
    notes: &'a [String],
    /// The footnotes referred to so far, serialised.
    footnotes: Vec<u8>,
    /// One numbering instance per numbered list, so each starts afresh.
    numberings: Vec<Numbering>,
    /// Paragraph ids given so far: they run through the body, its footnotes, then the
    /// header and footer.
    paragraphs: u32,
    bookmarks: usize,
}

impl<'a> Writer<'a> {
    /// The package with everything before the body written, and the body opened.
    fn start(submission: &'a Submission, response: &Response, options: Options<'a>) -> Writer<'a> {
        let frame = frame();
        let mut package = Package::new();
        // What the package holds is known now: one header, one footer, the lists' numbering
        // (always defined), and footnotes when the answers have marks.
        let footnotes = !submission.notes.is_empty();
        let mut types = frame.content_type.clone().add_header().add_footer();
        if footnotes {
            types = types.add_footnotes();
        }
        let relationships = DocumentRels {
            has_numberings: true,
            has_footnotes: footnotes,
            header_count: 1,
            footer_count: 1,
            ..frame.document_rels.clone()
        };
        package.part("[Content_Types].xml", &types.build());
        package.part("_rels/.rels", &frame.rels.build());
        package.part("docProps/app.xml", &frame.doc_props.app.build());
        let core = core_properties(&submission.title, submission.organisation, response);
        package.part("docProps/core.xml", core.as_bytes());
        let custom = match options.review {
            Some(source) => review_copy::custom_properties(response, source),
            None => frame.doc_props.custom.build(),
        };
        package.part("docProps/custom.xml", &custom);
        package.part("word/_rels/document.xml.rels", &relationships.build());
        package.start("word/document.xml");
        let empty = frame.document.build();
        package.write(package::around_body(&empty).0);
        Writer {
            package,
            frame,
            options,
            pending: Vec::new(),
            buffer: Vec::new(),
            notes: &submission.notes,
            footnotes: Vec::new(),
            numberings: Vec::new(),
            paragraphs: 0,
            bookmarks: 0,
        }
    }

    /// A new paragraph with the next id, in `style` if given. Made in place and boxed: a
    /// paragraph is 2.4 KB before it holds anything, and each step of its builder moves all
    /// of it, which at a hundred thousand items is most of the time an export takes.
    fn paragraph(&mut self, style: Option<&str>) -> Box<Paragraph> {
        let mut paragraph = Box::new(Paragraph::new());
        self.paragraphs += 1;
        paragraph.id = format!("{:08x}", self.paragraphs);
        if let Some(style) = style {
            paragraph.property.style = Some(ParagraphStyle::new(Some(style)));
        }
        paragraph
    }

    /// A new list paragraph in the list `numbering`, at `level`.
    fn listed(&mut self, numbering: usize, level: usize) -> Box<Paragraph> {
        let mut paragraph = self.paragraph(Some("ListParagraph"));
        let number = NumberingProperty::new().add_num(NumberingId::new(numbering), IndentLevel::new(level));
        paragraph.property.numbering_property = Some(number);
        paragraph.has_numbering = true;
        paragraph
    }

    fn push(&mut self, paragraph: Box<Paragraph>) {
        self.pending.push(paragraph);
    }

    /// A paragraph of one run.
    fn line(&mut self, style: Option<&str>, run: Run) {
        let mut paragraph = self.paragraph(style);
        add(&mut paragraph, run);
        self.push(paragraph);
    }

    fn styled(&mut self, style: &str, text: &str) {
        self.line(Some(style), run(text));
    }

    /// Writes what is pending into the document.
    fn flush(&mut self) {
        package::serialise_all(&self.pending, &mut self.buffer);
        self.pending.clear();
        self.write_buffer();
    }

    /// What is serialised so far, into the document.
    fn write_buffer(&mut self) {
        self.package.write(&self.buffer);
        self.buffer.clear();
    }

    /// An answer or reasoning, in a review copy inside the bookmark `marked` names: from the
    /// start of its first paragraph to the end of its last, around an empty paragraph when
    /// there is no text, so a reviewer has a place to write.
    fn marked(&mut self, text: &str, marked: Option<(Marked, usize)>) {
        let first = self.pending.len();
        self.blocks(text, None);
        let Some((marked, ordinal)) = marked else { return };
        if self.pending.len() == first {
            let empty = self.paragraph(None);
            self.push(empty);
        }
        let id = self.bookmarks;
        self.bookmarks += 1;
        let start = BookmarkStart::new(id, review_copy::bookmark(marked, ordinal));
        self.pending[first]
            .children
            .insert(0, ParagraphChild::BookmarkStart(start));
        let last = self.pending.len() - 1;
        self.pending[last]
            .children
            .push(ParagraphChild::BookmarkEnd(BookmarkEnd::new(id)));
    }

    /// Answer text as paragraphs (in `style`, if given) and Word lists.
    fn blocks(&mut self, text: &str, style: Option<&str>) {
        for block in rich::parse(text) {
            match block {
                Block::Paragraph(lines) => {
                    let paragraph = self.paragraph(style);
                    let paragraph = self.lines_into(paragraph, &lines);
                    self.push(paragraph);
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
            let paragraph = self.listed(id, level);
            let paragraph = self.lines_into(paragraph, &item.lines);
            self.push(paragraph);
            for nested in &item.nested {
                self.list(nested, 1);
            }
        }
    }

    /// `paragraph` holding `lines`, with line breaks between them, emphasis as bold and
    /// italic runs, and Word footnotes (from the notes) where the attribution marks are.
    fn lines_into(&mut self, mut paragraph: Box<Paragraph>, lines: &[rich::Line]) -> Box<Paragraph> {
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
                        let said = self.notes.get(n - 1).map_or("", String::as_str);
                        let mut content = self.paragraph(Some("FootnoteText"));
                        add(&mut content, run(said));
                        let footnote = Footnote {
                            id: n,
                            content: vec![*content],
                        };
                        package::footnote(&footnote, &mut self.footnotes);
                        let reference = Run::new().add_footnote_reference(footnote);
                        children.push(ParagraphChild::Run(Box::new(reference)));
                    }
                }
            });
        }
        paragraph
    }

    /// The body closed, and the parts after it: styles, settings, lists, footnotes, the
    /// header and the footer.
    fn finish(mut self, author: &str, response: &Response) -> Vec<u8> {
        self.flush();
        let (header, footer) = header_and_footer(&mut self, author, response);
        let mut frame = std::mem::take(&mut self.frame).header(header).footer(footer);
        let closed = frame.document.build();
        self.package.write(package::around_body(&closed).1);
        let package = &mut self.package;
        package.styles(frame.styles.build());
        package.part("word/settings.xml", &frame.settings.build());
        package.part("word/fontTable.xml", &frame.font_table.build());
        package.part("word/comments.xml", &frame.comments.build());
        for numbering in self.numberings {
            frame.numberings = frame.numberings.add_numbering(numbering);
        }
        package.part("word/numbering.xml", &frame.numberings.build());
        package.part("word/commentsExtended.xml", &frame.comments_extended.build());
        let footnotes = package::holding(&Footnotes::new().build(), &self.footnotes);
        package.part("word/footnotes.xml", &footnotes);
        if let Some((_, header)) = &frame.document.section_property.header {
            package.part("word/header1.xml", &header.build());
            package.part("word/_rels/header1.xml.rels", &HeaderRels::new().build());
        }
        if let Some((_, footer)) = &frame.document.section_property.footer {
            package.part("word/footer1.xml", &footer.build());
            package.part("word/_rels/footer1.xml.rels", &FooterRels::new().build());
        }
        self.package.finish()
    }
}

/// Everything of the document but its body, header and footer: an A4 page, the styles
/// and the lists' numbering.
fn frame() -> Docx {
    Docx::new()
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
        .add_numbering(Numbering::new(BULLETS, BULLETS))
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
