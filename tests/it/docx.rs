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

/// The Word file of a sample response, as the command line writes it.
fn sample_docx(name: &str) -> Vec<u8> {
    let set = built_in();
    export::render(Format::Docx, &fixture(name), &set, &Options::default())
}

#[test]
fn the_document_is_in_british_english_with_a_header_a_footer_and_page_numbers() {
    let docx = sample_docx("local-government.json");
    let styles = part(&docx, "word/styles.xml");
    let defaults = &styles[styles.find("<w:rPrDefault>").unwrap()..styles.find("</w:rPrDefault>").unwrap()];
    assert!(defaults.contains("<w:lang w:val=\"en-GB\" />"), "{defaults}");
    let header = part(&docx, "word/header1.xml");
    assert!(
        header.contains("Local Government Association — response to Integrating care: next steps"),
        "{header}"
    );
    let footer = part(&docx, "word/footer1.xml");
    assert!(footer.contains("8 January 2021 · Page "), "{footer}");
    assert!(footer.contains("<w:instrText>PAGE</w:instrText>"), "{footer}");
    assert!(footer.contains("<w:instrText>NUMPAGES</w:instrText>"), "{footer}");
    assert!(
        footer.contains("<w:t xml:space=\"preserve\"> of </w:t>"),
        "{footer}"
    );
    let document = part(&docx, "word/document.xml");
    assert!(
        document.contains("<w:headerReference w:type=\"default\""),
        "the section uses the header"
    );
    assert!(
        document.contains("<w:footerReference w:type=\"default\""),
        "and the footer"
    );
}

#[test]
fn the_positions_table_fits_its_columns_to_their_content_and_repeats_its_header_row() {
    let docx = sample_docx("local-government.json");
    let document = part(&docx, "word/document.xml");
    let grid = &document[document.find("<w:tblGrid>").unwrap()..document.find("</w:tblGrid>").unwrap()];
    let widths: Vec<usize> = grid
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|w| w[..w.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(widths.len(), 3, "{grid}");
    let [item, wording, position] = [widths[0], widths[1], widths[2]];
    assert!(wording > 2 * item && wording > 2 * position, "{widths:?}");
    assert!(item >= 1300, "\"Question 1\" fits on one line: {widths:?}");
    assert_eq!(
        widths.iter().sum::<usize>(),
        11906 - 2 * 1134,
        "the width of the text"
    );
    let table = &document[document.find("<w:tbl>").unwrap()..];
    let first_row = &table[table.find("<w:tr>").unwrap()..table.find("</w:tr>").unwrap()];
    assert!(
        first_row.contains("<w:tblHeader />") && first_row.contains(">Item<"),
        "{first_row}"
    );
    assert_eq!(
        document.matches("<w:tblHeader />").count(),
        1,
        "only the header row repeats"
    );
}

#[test]
fn a_footnote_opens_with_its_number_and_a_space_as_words_own_do() {
    let set = built_in();
    let response = crate::joint::sample(&set);
    let docx = export::render(Format::Docx, &response, &set, &Options::default());
    let footnotes = part(&docx, "word/footnotes.xml");
    let notes: Vec<&str> = footnotes.split("<w:footnote w:id=").skip(1).collect();
    assert!(notes.len() >= 3, "{footnotes}");
    for note in notes {
        let opening = "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\" /></w:rPr><w:footnoteRef /></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>";
        assert!(note.contains(opening), "{note}");
        assert!(
            note.find(opening).unwrap() < note.find("From ").unwrap(),
            "{note}"
        );
    }
    let styles = part(&docx, "word/styles.xml");
    let reference = &styles[styles.find("w:styleId=\"FootnoteReference\"").unwrap()..];
    assert!(
        reference[..reference.find("</w:style>").unwrap()].contains("<w:vertAlign w:val=\"superscript\" />"),
        "{reference}"
    );
}

/// What pandoc 2.17 (Debian 12) writes for the checked-in Markdown samples, in bytes:
/// `pandoc -f markdown -t docx exports/samples/NAME.md -o NAME.docx`.
const PANDOC_SIZES: [(&str, &str, u64); 2] = [
    (
        "local-government.json",
        "local-government-association-integrating-care",
        15_641,
    ),
    (
        "health-devolution-commission.json",
        "health-devolution-commission-integrating-care",
        16_526,
    ),
];

#[test]
fn every_part_is_deflated_and_the_file_is_within_half_again_what_pandoc_writes() {
    for (fixture_name, sample, recorded) in PANDOC_SIZES {
        let docx = sample_docx(fixture_name);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
        for i in 0..archive.len() {
            let entry = archive.by_index(i).unwrap();
            assert_eq!(
                entry.compression(),
                zip::CompressionMethod::Deflated,
                "{}",
                entry.name()
            );
        }
        let markdown = crate::support::fixtures::root().join(format!("exports/samples/{sample}.md"));
        let pandoc = pandoc_size(&markdown).unwrap_or_else(|why| {
            println!("pandoc not run ({why}); using the size it wrote when measured: {recorded} bytes");
            recorded
        });
        let ours = docx.len() as u64;
        assert!(
            ours * 2 <= pandoc * 3,
            "{sample}: {ours} bytes, more than 1.5 × pandoc's {pandoc}"
        );
    }
}

/// The size of the Word file pandoc writes for `markdown`, if pandoc is installed.
fn pandoc_size(markdown: &std::path::Path) -> Result<u64, String> {
    let out = tempfile::tempdir().map_err(|e| e.to_string())?;
    let docx = out.path().join("pandoc.docx");
    let status = std::process::Command::new("pandoc")
        .args(["-f", "markdown", "-t", "docx", "-o"])
        .arg(&docx)
        .arg(markdown)
        .status()
        .map_err(|e| format!("pandoc: {e}"))?;
    if !status.success() {
        return Err(format!("pandoc exited with {status}"));
    }
    Ok(std::fs::metadata(&docx).map_err(|e| e.to_string())?.len())
}

/// LibreOffice lays the document out as Word would print it: every page carries its number
/// and the count, and the positions table's header comes again on the page it runs onto.
#[test]
fn printed_through_libreoffice_every_page_is_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let Some(pdf) = printed(dir.path(), &sample_docx("local-government.json")) else {
        return;
    };
    let info = std::process::Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap();
    assert!((3..=12).contains(&pages), "{pages} pages");
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    // pdftotext ends each page with a form feed.
    let printed: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert_eq!(printed.len(), pages);
    for (n, page) in printed.iter().enumerate() {
        let number = format!("8 January 2021 · Page {} of {pages}", n + 1);
        assert!(page.contains(&number), "page {}: {page}", n + 1);
        assert!(
            page.contains("Local Government Association — response to"),
            "page {}",
            n + 1
        );
    }
    assert!(
        printed[1].contains("Item") && printed[1].contains("Position"),
        "{}",
        printed[1]
    );
}

/// `docx` printed to PDF by LibreOffice in `dir` (with a profile of its own there): the
/// PDF's path, once LibreOffice has made it. `None`, having said why, when LibreOffice or
/// poppler's tools are not installed.
pub(crate) fn printed(dir: &std::path::Path, docx: &[u8]) -> Option<std::path::PathBuf> {
    let tools = ["soffice", "pdfinfo", "pdftotext"];
    if let Some(missing) = tools.iter().find(|t| which(t).is_none()) {
        println!(
            "skipped: {missing} is not installed (.ci/run installs libreoffice-writer-nogui and poppler-utils)"
        );
        return None;
    }
    let path = dir.join("response.docx");
    std::fs::write(&path, docx).unwrap();
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let converted = std::process::Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&path)
        .output()
        .unwrap();
    let pdf = dir.join("response.pdf");
    assert!(
        converted.status.success() && pdf.exists(),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    Some(pdf)
}

fn which(tool: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|candidate| candidate.is_file())
}
