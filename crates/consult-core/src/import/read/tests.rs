//! Each reader on small documents made for one point: what a person sees, in blocks.

use std::io::Write;

use super::read;
use crate::import::document::{Block, BlockKind, Document, SourceFormat};

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A zip of `parts`, each (name, text); OpenDocument's mimetype first and stored.
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A Word file with `body` in word/document.xml and the other parts given.
fn word(body: &str, parts: &[(&str, &str)]) -> Document {
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let mut all = vec![("word/document.xml", document.as_str())];
    all.extend_from_slice(parts);
    read("reply.docx", &package(&all)).unwrap()
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn bold(text: &str) -> String {
    format!("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn numbered(num: u32, level: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>",
        r(text)
    )
}

/// Each block as "kind number|text", for short assertions.
fn seen(document: &Document) -> Vec<String> {
    document
        .blocks
        .iter()
        .map(|b| {
            let kind = match &b.kind {
                BlockKind::Heading { level } => format!("h{level}"),
                BlockKind::ListItem { number, level } => {
                    format!("li{level} {}", number.as_deref().unwrap_or("•"))
                }
                other => other.name().to_string(),
            };
            match b.lead_in_text() {
                Some(lead) => format!("{kind}|[{lead}]{}", &b.text[lead.len()..]),
                None => format!("{kind}|{}", b.text),
            }
        })
        .collect()
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3.%4"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="8">
    <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="Part %1:"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="9">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="8"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="9"/></w:num>
  <w:num w:numId="5"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride></w:num>
</w:numbering>"#;

#[test]
fn word_list_numbers_are_worked_out_from_the_numbering_part() {
    let body = [
        numbered(1, 0, "one"),
        numbered(1, 1, "one a"),
        numbered(1, 1, "one b"),
        numbered(1, 2, "deep"),
        numbered(1, 3, "legal"),
        numbered(1, 0, "two"),
        numbered(1, 1, "two a, restarted"),
        numbered(2, 0, "override starts at ten"),
        numbered(2, 0, "eleven"),
        numbered(3, 0, "letter from three"),
        numbered(4, 0, "a bullet"),
        numbered(5, 0, "own level definition"),
        numbered(1, 0, "three: list 1 counts on"),
        numbered(99, 0, "undefined list is plain"),
        numbered(0, 0, "numId 0 is no list"),
    ]
    .concat();
    let document = word(&body, &[("word/numbering.xml", NUMBERING)]);
    assert_eq!(
        seen(&document),
        [
            "li0 1.|one",
            "li1 (a)|one a",
            "li1 (b)|one b",
            "li2 1.b.i|deep",
            "li3 1.2.1.1|legal",
            "li0 2.|two",
            "li1 (a)|two a, restarted",
            "li0 10.|override starts at ten",
            "li0 11.|eleven",
            "li0 Part C:|letter from three",
            "li0 •|a bullet",
            "li0 I)|own level definition",
            "li0 3.|three: list 1 counts on",
            "paragraph|undefined list is plain",
            "paragraph|numId 0 is no list",
        ]
    );
}

const STYLES: &str = r#"<w:styles xmlns:w="x">
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Titre"><w:name w:val="Title"/></w:style>
  <w:style w:type="paragraph" w:styleId="MyQ"><w:name w:val="Question"/><w:basedOn w:val="Outlined"/></w:style>
  <w:style w:type="paragraph" w:styleId="Outlined"><w:name w:val="Outlined"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
  <w:style w:type="paragraph" w:styleId="Numbered"><w:name w:val="Numbered"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"#;

fn styled(style: &str, inner: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{inner}</w:p>")
}

#[test]
fn word_headings_come_from_style_names_and_outline_levels() {
    let body = [
        styled("Titre", &r("The title")),
        styled("Heading2", &r("A heading 2")),
        styled("MyQ", &r("Outline level from the base style")),
        p(&format!(
            "<w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr>{}",
            r("Own outline level")
        )),
        p(&format!(
            "<w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr>{}",
            r("Level 9 is body text")
        )),
        styled("Loop", &r("A style based on itself")),
        styled("Numbered", &r("Numbered by its style")),
        styled("Missing", &r("An unknown style")),
        styled("Quote", &r("The question, quoted")),
    ]
    .concat();
    let document = word(
        &body,
        &[("word/styles.xml", STYLES), ("word/numbering.xml", NUMBERING)],
    );
    assert_eq!(
        seen(&document),
        [
            "h1|The title",
            "h2|A heading 2",
            "h3|Outline level from the base style",
            "h1|Own outline level",
            "paragraph|Level 9 is body text",
            "paragraph|A style based on itself",
            "li0 1.|Numbered by its style",
            "paragraph|An unknown style",
            "quoted|The question, quoted",
        ]
    );
}

#[test]
fn word_bold_run_opening_a_paragraph_is_its_lead_in() {
    let strong = "<w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>By style.</w:t></w:r>";
    let not_bold = "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>Not bold</w:t></w:r>";
    let body = [
        p(&format!("{}{}", bold("Statutory footing "), r("We agree."))),
        p(&format!("{strong}{}", r(" Rest."))),
        p(&bold("All bold, no lead-in")),
        p(&format!("{}{}", r("Plain "), bold("then bold"))),
        p(&format!("{not_bold}{}", r(" text"))),
        p(&format!(
            "{}{}{}",
            bold("Two "),
            bold("bold runs"),
            r(": then words")
        )),
    ]
    .concat();
    let document = word(&body, &[("word/styles.xml", STYLES)]);
    assert_eq!(
        seen(&document),
        [
            "paragraph|[Statutory footing] We agree.",
            "paragraph|[By style.] Rest.",
            "paragraph|All bold, no lead-in",
            "paragraph|Plain then bold",
            "paragraph|Not bold text",
            "paragraph|[Two bold runs]: then words",
        ]
    );
}

#[test]
fn word_runs_show_tabs_breaks_symbols_and_field_results_only() {
    let field = concat!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
        "<w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
        "<w:r><w:t>7</w:t></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    );
    let body = p(&format!(
        "{}<w:r><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/><w:noBreakHyphen/></w:r>{field}<w:fldSimple w:instr=\"DATE\">{}</w:fldSimple><w:hyperlink r:id=\"rId9\" xmlns:r=\"r\">{}</w:hyperlink>",
        r("a"),
        r(" 2021"),
        r(" link")
    ));
    let document = word(&body, &[]);
    assert_eq!(seen(&document), ["paragraph|a b c\u{fc}-7 2021 link"]);
}

#[test]
fn word_tracked_changes_read_as_accepted() {
    let body = [
        p(&format!(
            "{}<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>not </w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"A\">{}</w:ins>{}",
            r("We do "),
            r("strongly "),
            r("agree.")
        )),
        p(&format!(
            "<w:pPr><w:rPr><w:del w:id=\"3\" w:author=\"A\"/></w:rPr></w:pPr>{}",
            r("Joined")
        )),
        p(&r(" with the next.")),
        p(&format!("<w:moveFrom w:id=\"4\">{}</w:moveFrom>", r("Moved away"))),
        p(&format!("<w:moveTo w:id=\"5\">{}</w:moveTo>", r("Moved here"))),
    ]
    .concat();
    let document = word(&body, &[]);
    assert_eq!(
        seen(&document),
        [
            "paragraph|We do strongly agree.",
            "paragraph|Joined with the next.",
            "paragraph|Moved here"
        ]
    );
    assert_eq!(document.notices, ["tracked changes read as accepted"]);
}

#[test]
fn word_comments_go_on_the_block_their_range_starts_in() {
    let comments = r#"<w:comments xmlns:w="x">
      <w:comment w:id="0" w:author="Jo" w:date="2021-01-02T10:00:00Z"><w:p><w:r><w:t>Check this.</w:t></w:r></w:p></w:comment>
      <w:comment w:id="1" w:author="Sam"><w:p><w:r><w:t>Only a reference.</w:t></w:r></w:p><w:p><w:r><w:t>Second line.</w:t></w:r></w:p></w:comment>
      <w:comment w:id="2" w:author="Ali"><w:p><w:r><w:t>Never anchored.</w:t></w:r></w:p></w:comment>
    </w:comments>"#;
    let body = [
        p(&r("First.")),
        p(&format!(
            "{}<w:commentRangeStart w:id=\"0\"/>{}",
            r("Second starts "),
            r("here and")
        )),
        p(&format!(
            "{}<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>{}",
            r(" runs on"),
            r(" past the end.")
        )),
        p(&format!(
            "{}<w:r><w:commentReference w:id=\"1\"/></w:r>",
            r("Fourth.")
        )),
        p(&r("Last.")),
    ]
    .concat();
    let document = word(&body, &[("word/comments.xml", comments)]);
    let on = |i: usize| -> Vec<(String, Option<String>, String)> {
        document.blocks[i]
            .comments
            .iter()
            .map(|c| (c.author.clone(), c.anchor.clone(), c.text.clone()))
            .collect()
    };
    assert_eq!(
        on(1),
        [("Jo".into(), Some("here and runs on".into()), "Check this.".into())]
    );
    assert_eq!(
        document.blocks[1].comments[0].date.as_deref(),
        Some("2021-01-02T10:00:00Z")
    );
    assert_eq!(
        on(3),
        [("Sam".into(), None, "Only a reference. Second line.".into())]
    );
    assert_eq!(on(4), [("Ali".into(), None, "Never anchored.".into())]);
    assert_eq!(document.notices, ["3 comments kept as notes"]);
}

#[test]
fn word_tables_notes_and_properties() {
    let footnotes = r#"<w:footnotes xmlns:w="x">
      <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
      <w:footnote w:id="1"><w:p><w:r><w:t>A source.</w:t></w:r></w:p></w:footnote>
    </w:footnotes>"#;
    let endnotes = r#"<w:endnotes xmlns:w="x"><w:endnote w:id="1"><w:p><w:r><w:t>An endnote.</w:t></w:r></w:p></w:endnote></w:endnotes>"#;
    let body = [
        p(&format!(
            "{}<w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r>",
            r("Cited.")
        )),
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p(&r("Q1")),
            p(&r("Agree")),
            p(&r("strongly")),
            p(""),
            p("")
        ),
    ]
    .concat();
    let core =
        r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:title>Our reply</dc:title></cp:coreProperties>"#;
    let app = r#"<Properties xmlns="p"><Company>Eastmoor &amp; District Council</Company></Properties>"#;
    let document = word(
        &body,
        &[
            ("word/footnotes.xml", footnotes),
            ("word/endnotes.xml", endnotes),
            ("docProps/core.xml", core),
            ("docProps/app.xml", app),
        ],
    );
    assert_eq!(
        seen(&document),
        [
            "paragraph|Cited.",
            "footnote|A source.",
            "footnote|An endnote.",
            "table row|Q1 | Agree strongly"
        ]
    );
    assert_eq!(document.title.as_deref(), Some("Our reply"));
    let organisation = document.organisation.unwrap();
    assert_eq!(organisation.name, "Eastmoor & District Council");
    assert_eq!(organisation.found_in, "the Word file's properties");
}

#[test]
fn word_main_part_may_be_named_by_the_package_relationships() {
    let rels = r#"<Relationships xmlns="r"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
    let document = format!("<w:document {W}><w:body>{}</w:body></w:document>", p(&r("Hello")));
    let bytes = package(&[("_rels/.rels", rels), ("word/document2.xml", &document)]);
    let document = read("odd.docx", &bytes).unwrap();
    assert_eq!(seen(&document), ["paragraph|Hello"]);
}

fn odt(body: &str, automatic: &str) -> Document {
    let content = format!(
        "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\" xmlns:style=\"s\" xmlns:fo=\"f\" xmlns:table=\"tb\" xmlns:dc=\"d\"><office:automatic-styles>{automatic}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    let meta = "<office:document-meta xmlns:office=\"o\" xmlns:dc=\"d\"><office:meta><dc:title>Our view</dc:title></office:meta></office:document-meta>";
    let bytes = package(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", &content),
        ("meta.xml", meta),
    ]);
    read("reply.odt", &bytes).unwrap()
}

#[test]
fn odt_lists_count_as_their_style_says_and_continue_when_asked() {
    let styles = r#"<text:list-style style:name="L1">
        <text:list-level-style-number text:level="1" style:num-format="i" style:num-suffix=")" text:start-value="2"/>
        <text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="." text:display-levels="2"/>
      </text:list-style>
      <text:list-style style:name="B"><text:list-level-style-bullet text:level="1"/></text:list-style>
      <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
      <style:style style:name="P9" style:family="paragraph" style:parent-style-name="Title"/>
      <style:style style:name="Title" style:family="paragraph"/>
      <style:style style:name="Quotations" style:family="paragraph"/>
      <text:list-style style:name="H"><text:list-level-style-number text:level="1" style:num-format="A" style:num-prefix="Part "/></text:list-style>"#;
    let body = r#"<text:p text:style-name="P9">A title</text:p><text:p text:style-name="Quotations">Quoted</text:p>
      <text:h text:outline-level="2">Answers</text:h>
      <text:list text:style-name="L1">
        <text:list-item><text:p><text:span text:style-name="T1">Agree.</text:span> Because.</text:p>
          <text:list><text:list-item><text:p>nested</text:p></text:list-item><text:list-item><text:p>again</text:p></text:list-item></text:list>
        </text:list-item>
        <text:list-item><text:p>second</text:p><text:p>same entry, next paragraph</text:p></text:list-item>
      </text:list>
      <text:p>between</text:p>
      <text:list text:style-name="L1" text:continue-numbering="true"><text:list-item><text:p>continued</text:p></text:list-item></text:list>
      <text:list text:style-name="L1"><text:list-item text:start-value="9"><text:p>restarted</text:p></text:list-item></text:list>
      <text:list text:style-name="H"><text:list-item><text:h text:outline-level="3">numbered heading</text:h></text:list-item></text:list>
      <text:list text:style-name="B"><text:list-item><text:p>bullet<text:s text:c="3"/>spaced<text:tab/>tab<text:line-break/>break</text:p></text:list-item></text:list>"#;
    let document = odt(body, styles);
    assert_eq!(
        seen(&document),
        [
            "h1|A title",
            "quoted|Quoted",
            "h2|Answers",
            "li0 ii)|[Agree.] Because.",
            "li1 ii.1.|nested",
            "li1 ii.2.|again",
            "li0 iii)|second",
            "paragraph|same entry, next paragraph",
            "paragraph|between",
            "li0 iv)|continued",
            "li0 ix)|restarted",
            "h3|Part A numbered heading",
            "li0 •|bullet   spaced tab break",
        ]
    );
    assert_eq!(document.title.as_deref(), Some("Our view"));
    assert_eq!(document.format, SourceFormat::Odt);
}

#[test]
fn odt_tracked_changes_accepted_and_annotations_kept() {
    let body = r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>gone words</text:p></text:deletion></text:changed-region></text:tracked-changes>
      <text:p>We <text:change text:change-id="c1"/>support <office:annotation office:name="a1"><dc:creator>Jo</dc:creator><dc:date>2021-01-03T09:00:00</dc:date><text:p>Sure?</text:p></office:annotation>this<office:annotation-end office:name="a1"/> fully.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>See page 4.</text:p></text:note-body></text:note></text:p>
      <table:table><table:table-row><table:table-cell><text:p>A</text:p></table:table-cell><table:table-cell><text:p>B</text:p></table:table-cell></table:table-row></table:table>"#;
    let document = odt(body, "");
    assert_eq!(
        seen(&document),
        [
            "paragraph|We support this fully.",
            "footnote|See page 4.",
            "table row|A | B"
        ]
    );
    let comment = &document.blocks[0].comments[0];
    assert_eq!((comment.author.as_str(), comment.text.as_str()), ("Jo", "Sure?"));
    assert_eq!(comment.anchor.as_deref(), Some("this"));
    assert_eq!(
        document.notices,
        ["tracked changes read as accepted", "1 comment kept as notes"]
    );
}

#[test]
fn html_shows_what_a_browser_shows() {
    let html = r#"<!doctype html><html><head><title>A &amp; B&#39;s reply</title><style>p{color:red}</style></head>
      <body><script>var x = "<p>not text</p>";</script>
      <h2>Question&nbsp;1</h2><p><strong>Agree.</strong>   Because
      it&rsquo;s right.<br>Next line.</p>
      <ol type="a" start="3"><li>third<li>fourth</ol>
      <ol><li value="7">seven<ul><li>inner</li></ul></li><li>eight</li></ol>
      <blockquote><p>Quoted question</p></blockquote>
      <table><tr><th>Item</th><td>View</td></tr></table><div>Loose text</div></body></html>"#;
    let document = read("-", html.as_bytes()).unwrap();
    assert_eq!(document.format, SourceFormat::Html);
    assert_eq!(document.title.as_deref(), Some("A & B's reply"));
    assert_eq!(
        seen(&document),
        [
            "h2|Question\u{a0}1",
            "paragraph|[Agree.] Because it’s right. Next line.",
            "li0 c.|third",
            "li0 d.|fourth",
            "li0 7.|seven",
            "li1 •|inner",
            "li0 8.|eight",
            "quoted|Quoted question",
            "table row|Item | View",
            "paragraph|Loose text",
        ]
    );
}

#[test]
fn markdown_is_read_as_rendered_words() {
    let text = "# Our reply\n\n## Question 2\n\n**Partly agree.** We think *so*.\n\n3. three\n4. four\n\n- bullet\n  - nested\n\n> quoted `call`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee note.[^n]\n\n[^n]: The note.\n";
    let document = read("-", text.as_bytes()).unwrap();
    assert_eq!(document.format, SourceFormat::Markdown);
    assert_eq!(document.title.as_deref(), Some("Our reply"));
    assert_eq!(
        seen(&document),
        [
            "h1|Our reply",
            "h2|Question 2",
            "paragraph|[Partly agree.] We think so.",
            "li0 3.|three",
            "li0 4.|four",
            "li0 •|bullet",
            "li1 •|nested",
            "quoted|quoted call",
            "table row|a | b",
            "table row|1 | 2",
            "paragraph|See note.",
            "footnote|The note.",
        ]
    );
}

#[test]
fn plain_text_paragraphs_and_visible_numbers() {
    let text = "Our reply\nwrapped here.\n\nQuestion 1: We agree.\nIt is right.\n1. first point\n2) second point\n\n(3) third\n\nQuestion 4\n\n- a bullet\n";
    let document = read("reply.txt", text.as_bytes()).unwrap();
    assert_eq!(
        seen(&document),
        [
            "paragraph|Our reply wrapped here.",
            "li0 Question 1:|We agree. It is right.",
            "li0 1.|first point",
            "li0 2)|second point",
            "li0 (3)|third",
            "paragraph|Question 4",
            "li0 •|a bullet",
        ]
    );
}

#[test]
fn long_lines_are_paragraphs_of_their_own() {
    let long = "word ".repeat(30);
    let text = format!("Section 1\n{long}\n{long}\n");
    let document = read("reply.txt", text.as_bytes()).unwrap();
    assert_eq!(document.blocks.len(), 3);
}

#[test]
fn text_encodings_are_decoded_and_a_guess_is_said() {
    let utf8_bom = b"\xEF\xBB\xBFWe agree \xE2\x80\x93 fully.";
    let document = read("a.txt", utf8_bom).unwrap();
    assert_eq!(seen(&document), ["paragraph|We agree – fully."]);
    assert!(document.notices.is_empty());

    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Caf\u{e9} view".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(seen(&read("b.txt", &utf16le).unwrap()), ["paragraph|Café view"]);
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain("Caf\u{e9} view".encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    assert_eq!(seen(&read("c.txt", &utf16be).unwrap()), ["paragraph|Café view"]);

    let cp1252 = b"We \x93partly\x94 agree \x96 \xA310m, caf\xE9.";
    let document = read("-", cp1252).unwrap();
    assert_eq!(seen(&document), ["paragraph|We “partly” agree – £10m, café."]);
    assert_eq!(document.notices, ["decoded from Windows-1252"]);
}

#[test]
fn format_is_recognised_by_content_before_the_name() {
    let docx = package(&[(
        "word/document.xml",
        &format!("<w:document {W}><w:body>{}</w:body></w:document>", p(&r("Hi"))),
    )]);
    let format = |name: &str, bytes: &[u8]| read(name, bytes).unwrap().format;
    assert_eq!(format("misnamed.txt", &docx), SourceFormat::Docx);
    assert_eq!(format("-", &docx), SourceFormat::Docx);
    assert_eq!(format("plain.docx", b"Just words."), SourceFormat::Text);
    assert_eq!(
        format("-", b"<html><body><p>Hi</p></body></html>"),
        SourceFormat::Html
    );
    assert_eq!(
        format("page.txt", b"<!DOCTYPE html><p>Hi</p>"),
        SourceFormat::Html
    );
    assert_eq!(format("-", b"# Reply\n\nWords."), SourceFormat::Markdown);
    assert_eq!(format("notes.txt", b"**Agree.** Words."), SourceFormat::Markdown);
    assert_eq!(format("notes.md", b"Words only."), SourceFormat::Markdown);
    assert_eq!(format("-", b"Words only."), SourceFormat::Text);
    assert_eq!(format("page.html", b"a < b, in text"), SourceFormat::Html);
    let pasted = b"From: Jo Bloggs\nSent: Monday\nTo: Team\nSubject: Reply\n\nWe agree.";
    assert_eq!(format("-", pasted), SourceFormat::Email);
    let eml = b"From: Jo <jo@x.org>\nMessage-ID: <1@x>\nSubject: Reply\n\nWe agree.";
    assert_eq!(format("-", eml), SourceFormat::Email);
    assert_eq!(
        format("mail.eml", b"From: Jo <jo@x.org>\n\nHi."),
        SourceFormat::Email
    );
}

fn kinds(document: &Document) -> Vec<&'static str> {
    document.blocks.iter().map(|b: &Block| b.kind.name()).collect()
}

#[test]
fn pasted_email_keeps_headers_quotes_and_signature_apart() {
    let text = "From: Jo Bloggs (Eastmoor Council) <jo@eastmoor.gov.uk>\nSent: 6 January 2021\nTo: Team\nImportance: High\nSubject: Our views\n\nHello,\n\n> Question 1: Do you agree?\nYes, we agree.\n\n> Question 2: And this?\nNo.\n\n-- \nJo Bloggs\nPolicy Officer\n";
    let document = read("-", text.as_bytes()).unwrap();
    assert_eq!(
        seen(&document),
        [
            "header|From: Jo Bloggs (Eastmoor Council) <jo@eastmoor.gov.uk>",
            "header|Sent: 6 January 2021",
            "header|To: Team",
            "header|Subject: Our views",
            "paragraph|Hello,",
            "quoted|Question 1: Do you agree?",
            "paragraph|Yes, we agree.",
            "quoted|Question 2: And this?",
            "paragraph|No.",
            "signature|-- Jo Bloggs Policy Officer",
        ]
    );
    let organisation = document.organisation.unwrap();
    assert_eq!(organisation.name, "Eastmoor Council");
    assert_eq!(organisation.found_in, "the e-mail's sender");
    assert_eq!(document.title.as_deref(), Some("Our views"));
}

#[test]
fn replies_above_an_earlier_message_end_where_it_starts() {
    let text = "Hi,\n\nWe partly agree.\n\nKind regards\nSam\nBaywater Forum\n\nOn Mon, 4 Jan 2021 at 10:00, Team <t@x.org>\nwrote:\n> Please reply.\n";
    let document = read("-", text.as_bytes()).unwrap();
    // The attribution and the quoted line run on: one quoted block.
    assert_eq!(
        kinds(&document),
        ["paragraph", "paragraph", "signature", "quoted"]
    );
}

#[test]
fn saved_email_is_decoded_by_its_declared_charset_and_prefers_plain_text() {
    let eml = concat!(
        "From: \"Westvale Trust\" <board@westvale.nhs.uk>\r\n",
        "To: team@example.org\r\n",
        "Subject: =?iso-8859-1?Q?R=E9ponse?=\r\n",
        "Date: Tue, 05 Jan 2021 10:00:00 +0000\r\n",
        "Received: from somewhere\r\n",
        "MIME-Version: 1.0\r\n",
        "Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n",
        "--b\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: base64\r\n\r\n",
        "V2Ugc3VwcG9ydCC2IHRoZSBwcm9wb3NhbHMu\r\n",
        "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML version</p>\r\n",
        "--b--\r\n"
    );
    let document = read("reply.eml", eml.as_bytes()).unwrap();
    assert_eq!(
        seen(&document),
        [
            "header|From: Westvale Trust <board@westvale.nhs.uk>",
            "header|Date: Tue, 05 Jan 2021 10:00:00 +0000",
            "header|To: team@example.org",
            "header|Subject: Réponse",
            "paragraph|We support ¶ the proposals.",
        ]
    );
    assert_eq!(
        document.notices,
        ["decoded from windows-1252, as the e-mail declares"]
    );

    let html_only = "From: A <a@x.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<h1>Reply</h1><p><b>Agree.</b> Yes.</p>";
    let document = read("-", html_only.as_bytes()).unwrap();
    assert_eq!(
        seen(&document),
        ["header|From: A <a@x.org>", "h1|Reply", "paragraph|[Agree.] Yes."]
    );
}

#[test]
fn damaged_markup_loses_no_words() {
    let field = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>";
    let body = [
        p(&format!("{}{field}", r("Before."))),
        p(&r("After the broken field.")),
    ]
    .concat();
    assert_eq!(
        seen(&word(&body, &[])),
        ["paragraph|Before.", "paragraph|After the broken field."]
    );
    let html = "<html><body><td>stray cell</td><p>then text</p></body></html>";
    assert_eq!(
        seen(&read("-", html.as_bytes()).unwrap()),
        ["table row|stray cell", "paragraph|then text"]
    );
}

#[test]
fn titles_name_the_organisation_when_properties_do_not() {
    // Lower-casing "İ" changes its length in bytes: positions must still fit the title.
    let document = read(
        "-",
        "# İstanbul Trust: response to the consultation\n\nWords.".as_bytes(),
    )
    .unwrap();
    assert_eq!(document.organisation.unwrap().name, "İstanbul Trust");
    let document = read(
        "-",
        b"# Response of the Valeside Trust to Integrating care\n\nWords.",
    )
    .unwrap();
    let organisation = document.organisation.unwrap();
    assert_eq!(organisation.name, "Valeside Trust");
    assert_eq!(organisation.found_in, "the title");
    assert!(
        read("-", b"# Our reply\n\nWords.")
            .unwrap()
            .organisation
            .is_none()
    );
}

#[test]
fn a_person_sending_for_an_organisation_is_read_as_the_organisation_their_signature_names() {
    let text = "From: Sam Lee <sam@baywater.org.uk>\nSent: 6 January 2021\nTo: Team\nSubject: Views\n\nQuestion 1: We agree.\n\nBest wishes\nSam Lee\nCoordinator, Baywater Carers' Forum\n";
    let organisation = read("-", text.as_bytes()).unwrap().organisation.unwrap();
    assert_eq!(organisation.name, "Baywater Carers' Forum");
    assert_eq!(organisation.found_in, "the e-mail's signature");
    // A signature naming no organisation leaves the sender; so does a sender that is one.
    let unsigned = text.replace("Coordinator, Baywater Carers' Forum", "Coordinator");
    assert_eq!(
        read("-", unsigned.as_bytes()).unwrap().organisation.unwrap().name,
        "Sam Lee"
    );
    let team = text.replace("From: Sam Lee", "From: Policy Team, Eastmoor Council");
    assert_eq!(
        read("-", team.as_bytes()).unwrap().organisation.unwrap().name,
        "Policy Team, Eastmoor Council"
    );
}
