//! Reading a 100,000-word member's document into blocks, as Word, Markdown, HTML and
//! plain text. The import's target (read and placed) is under 200 ms; reading is the first
//! part of it. Run: `cargo bench --bench import_read`.

use std::hint::black_box;
use std::io::Write;

use consult::import::read::read;
use criterion::{Criterion, criterion_group, criterion_main};

const WORDS: usize = 100_000;
const SENTENCE: &str =
    "We partly agree that integrated care systems need councils as equal partners – ŵ, 東京. ";

/// At least 100,000 words in paragraphs of ten sentences (150 words); every fifth opens
/// with a bold lead-in, every tenth is a numbered list entry, and a heading comes every
/// fifty.
fn paragraphs() -> Vec<(usize, String)> {
    let paragraph = SENTENCE.repeat(10).trim_end().to_string();
    let words = paragraph.split_whitespace().count();
    (0..WORDS.div_ceil(words))
        .map(|i| (i, paragraph.clone()))
        .collect()
}

fn docx() -> Vec<u8> {
    let mut body = String::new();
    for (i, text) in paragraphs() {
        if i % 50 == 0 {
            body.push_str(&format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Question {}</w:t></w:r></w:p>",
                i / 50 + 1
            ));
        }
        let numbered = if i % 10 == 0 {
            "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
        } else {
            ""
        };
        let lead = if i % 5 == 0 {
            "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">A point. </w:t></w:r>"
        } else {
            ""
        };
        body.push_str(&format!(
            "<w:p>{numbered}{lead}<w:r><w:t>{text}</w:t></w:r></w:p>"
        ));
    }
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let parts = [
        (
            "word/document.xml",
            format!("<w:document {w}><w:body>{body}</w:body></w:document>"),
        ),
        (
            "word/styles.xml",
            format!(
                "<w:styles {w}><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>"
            ),
        ),
        (
            "word/numbering.xml",
            format!(
                "<w:numbering {w}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn markdown() -> String {
    let mut out = String::new();
    for (i, text) in paragraphs() {
        if i % 50 == 0 {
            out.push_str(&format!("## Question {}\n\n", i / 50 + 1));
        }
        match i % 10 {
            0 => out.push_str(&format!("{}. {text}\n\n", i / 10 + 1)),
            5 => out.push_str(&format!("**A point.** {text}\n\n")),
            _ => out.push_str(&format!("{text}\n\n")),
        }
    }
    out
}

fn html() -> String {
    let mut out = String::from("<!DOCTYPE html><html><head><title>Reply</title></head><body>");
    for (i, text) in paragraphs() {
        if i % 50 == 0 {
            out.push_str(&format!("<h2>Question {}</h2>", i / 50 + 1));
        }
        out.push_str(&format!("<p><strong>A point.</strong> {text}</p>"));
    }
    out.push_str("</body></html>");
    out
}

fn text() -> String {
    paragraphs()
        .into_iter()
        .map(|(i, text)| match i % 10 {
            0 => format!("Question {}: {text}", i / 10 + 1),
            _ => text,
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn bench(c: &mut Criterion) {
    let documents = [
        ("docx", "reply.docx", docx()),
        ("markdown", "reply.md", markdown().into_bytes()),
        ("html", "reply.html", html().into_bytes()),
        ("text", "reply.txt", text().into_bytes()),
    ];
    let mut group = c.benchmark_group("import_read_100000_words");
    group.sample_size(20);
    for (label, name, bytes) in &documents {
        let blocks = read(name, bytes).unwrap().blocks.len();
        assert!(blocks >= 667, "{label}: {blocks} blocks");
        group.bench_function(*label, |b| {
            b.iter(|| read(black_box(name), black_box(bytes)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
