//! The Word export read back as Word would: the file is a zip of XML, and its paragraphs,
//! styles, numbering and runs are what a reader sees in Word.

use crate::support::samples;

use crate::support::docx as read;

use consult::export::{self, Format, Options};
use consult::model::Response;
use read::{Paragraph, paragraphs, part};
use samples::{built_in, fixture};

fn styled(paragraphs: &[Paragraph], style: &str) -> Vec<String> {
    paragraphs
        .iter()
        .filter(|p| p.style.as_deref() == Some(style))
        .map(Paragraph::text)
        .collect()
}

#[test]
fn headings_wording_positions_and_lists_are_words_own() {
    let set = built_in();
    let response = fixture("health-devolution-commission.json");
    let docx = export::render(Format::Docx, &response, &set, &Options::default());
    let paragraphs = paragraphs(&docx);

    assert_eq!(
        styled(&paragraphs, "Title"),
        [
            "Integrating care: next steps to building strong and effective integrated care systems across England — response from Health Devolution Commission"
        ]
    );
    let mut sections = vec!["Respondent".to_string(), "Positions at a glance".into()];
    sections.extend(set.sections.iter().map(|s| s.title.clone()));
    assert_eq!(styled(&paragraphs, "Heading1"), sections);
    let labels: Vec<String> = set
        .items()
        .filter(|i| i.label != set.section_of(&i.id).unwrap().title)
        .map(|i| i.label.clone())
        .collect();
    assert_eq!(styled(&paragraphs, "Heading2"), labels);
    let styles = part(&docx, "word/styles.xml");
    for (id, name) in [
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("Quote", "Quote"),
    ] {
        assert!(
            styles.contains(&format!("w:styleId=\"{id}\"><w:name w:val=\"{name}\"")),
            "{id} is Word's {name}"
        );
    }
    assert!(
        styles.contains("<w:outlineLvl w:val=\"0\""),
        "headings are in the navigation pane"
    );

    // The exact wording, as quotations.
    let quotes = styled(&paragraphs, "Quote");
    assert_eq!(quotes.len(), labels.len());
    assert_eq!(quotes[0], set.item("q1").unwrap().prompt);

    // The position in bold; strong and emphasis as real runs.
    let q1 = paragraphs
        .iter()
        .position(|p| p.text() == "Position: Partly agree")
        .unwrap();
    assert!(paragraphs[q1].runs.iter().all(|r| r.1), "bold");
    assert_eq!(
        paragraphs[q1 + 1].runs[0],
        ("Yes, on one condition.".into(), true, false)
    );
    let q4 = paragraphs
        .iter()
        .find(|p| p.text().contains("as genuine decentralisation rather"))
        .unwrap();
    assert!(
        q4.runs.contains(&("decentralisation".into(), false, true)),
        "{q4:?}"
    );

    // Lists are Word lists: numbered paragraphs, nested ones a level in.
    let item = paragraphs
        .iter()
        .find(|p| p.text() == "what the system is responsible for;")
        .unwrap();
    assert_eq!(item.numbering.as_ref().map(|n| n.1.as_str()), Some("0"));
    let nested = paragraphs
        .iter()
        .find(|p| p.text() == "the health and wellbeing board;")
        .unwrap();
    assert_eq!(nested.numbering.as_ref().map(|n| n.1.as_str()), Some("1"));
    let numbered: Vec<&Paragraph> = paragraphs
        .iter()
        .filter(|p| p.text().starts_with("a council leader") || p.text().starts_with("an annual joint"))
        .collect();
    assert_eq!(numbered.len(), 2);
    assert_eq!(numbered[0].numbering, numbered[1].numbering, "one numbered list");
    assert_ne!(numbered[0].numbering, item.numbering, "numbered, not bulleted");

    // No Markdown syntax anywhere.
    for p in &paragraphs {
        let text = p.text();
        assert!(
            !text.contains("**") && !text.contains('\\') && !text.starts_with("- ") && !text.starts_with('#'),
            "{text}"
        );
    }
}

#[test]
fn the_document_properties_name_the_title_and_the_organisation() {
    let set = built_in();
    let response = fixture("local-government.json");
    let docx = export::render(Format::Docx, &response, &set, &Options::default());
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:title>Integrating care: next steps to building strong and effective integrated care systems across England — response from Local Government Association</dc:title>"), "{core}");
    assert!(
        core.contains("<dc:creator>Local Government Association</dc:creator>"),
        "{core}"
    );
    assert!(
        core.contains(">2021-01-08T11:20:00Z</dcterms:modified>"),
        "{core}"
    );
    // The same response makes the same file, byte for byte.
    assert_eq!(
        docx,
        export::render(Format::Docx, &response, &set, &Options::default())
    );
}

#[test]
fn xml_special_characters_and_controls_are_text() {
    let set = built_in();
    let mut response = Response::new(&set, "A & B <Trust> \"]]>\"");
    let hostile = "1 < 2 & 3 > 2 ]]> <w:p>\u{1b}[2J\u{7}\u{0} \u{FFFF}\u{FFFE} 'quoted'";
    response.answer_mut(&set, "summary").answer = hostile.into();
    response.respondent.confidentiality = Some(hostile.into());
    let docx = export::render(Format::Docx, &response, &set, &Options::default());
    let paragraphs = paragraphs(&docx);
    let shown = "1 < 2 & 3 > 2 ]]> <w:p>\u{241b}[2J\u{2407}\u{2400} \u{FFFD}\u{FFFD} 'quoted'";
    assert!(paragraphs.iter().any(|p| p.text() == shown), "{paragraphs:#?}");
    assert!(
        paragraphs
            .iter()
            .any(|p| p.text() == format!("Confidentiality: {shown}"))
    );
    assert!(
        part(&docx, "docProps/core.xml")
            .contains("<dc:creator>A &amp; B &lt;Trust&gt; &quot;]]&gt;&quot;</dc:creator>")
    );
}
