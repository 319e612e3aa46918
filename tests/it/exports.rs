//! The submission in every format a user can ask for: paste-ready text with its counts and
//! limits, the printable HTML page, what `--no-reasoning` and `--strict` do, that notes never
//! leave the response, and that hostile text is shown as text in every one of them.

use crate::support::docx;
use crate::support::samples;

use std::path::{Path, PathBuf};
use std::process::Command;

use consult::export::{self, Format, Options, paste};
use consult::model::{QuestionSet, Response};
use samples::{built_in, fixture};

/// Every format that is a submission.
const SUBMISSIONS: [Format; 5] = [
    Format::Markdown,
    Format::Text,
    Format::Html,
    Format::Docx,
    Format::Fhir,
];

/// The document as text: a Word document's paragraphs, one a line; any other file as it is.
fn text_of(format: Format, response: &Response, set: &QuestionSet, options: Options) -> String {
    let bytes = export::render(format, response, set, &options);
    if format == Format::Docx {
        let paragraphs = docx::paragraphs(&bytes);
        return paragraphs.iter().map(|p| p.text()).collect::<Vec<_>>().join("\n");
    }
    String::from_utf8(bytes).unwrap()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `consult ARGS` in `dir`, with its own data and config folders there.
fn consult(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_consult"))
        .args(args)
        .current_dir(dir)
        .env("CONSULT_DATA_DIR", dir.join("data"))
        .env("CONSULT_CONFIG_DIR", dir.join("config"))
        .output()
        .unwrap();
    let run = Run {
        code: output.status.code().expect("not killed"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn write_response(dir: &Path, name: &str, response: &Response) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, export::json::render(response)).unwrap();
    path
}

// ---------------------------------------------------------------------------------------------
// Paste-ready text.

/// The text's blocks: for each item its header, wording and the answer as it would be pasted.
struct Block {
    header: String,
    lines: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("===== ") {
            blocks.push(Block {
                header: header.trim_end_matches('=').trim().to_string(),
                lines: Vec::new(),
            });
        } else if let Some(block) = blocks.last_mut() {
            block.lines.push(line.to_string());
        }
    }
    blocks
}

impl Block {
    /// The rule line that opens a part (`Answer`, `Reasoning`), and the text under it.
    fn part(&self, name: &str) -> Option<(String, String)> {
        let at = self
            .lines
            .iter()
            .position(|l| l.starts_with(&format!("----- {name}:")))?;
        let rest = &self.lines[at + 1..];
        let end = rest
            .iter()
            .position(|l| l.starts_with("----- "))
            .unwrap_or(rest.len());
        let text = rest[..end].join("\n");
        Some((self.lines[at].clone(), text.trim_end_matches('\n').to_string()))
    }
}

#[test]
fn the_paste_ready_text_has_one_block_per_item_with_true_counts() {
    let set = built_in();
    let response = fixture("health-devolution-commission.json");
    let text = text_of(Format::Text, &response, &set, Options::default());
    let blocks = blocks(&text);
    let labels: Vec<&str> = blocks.iter().map(|b| b.header.as_str()).collect();
    assert_eq!(labels.len(), set.item_count() + 1, "{labels:?}");
    assert_eq!(labels[0], "Executive summary");
    assert_eq!(labels[1], "Question 1 · Consultation questions");
    assert_eq!(labels[14], "end");
    for (block, item) in blocks.iter().zip(set.items()) {
        assert_eq!(block.lines[0], item.prompt, "the wording as published");
        let (rule, answer) = block.part("Answer").unwrap();
        let words = answer.split_whitespace().count();
        let chars = answer.chars().count();
        let counts = format!(
            "Answer: {} characters, {} words",
            consult::text::grouped(chars),
            consult::text::grouped(words)
        );
        assert!(rule.contains(&counts), "{rule} should say {counts}");
        if let Some(limit) = item.word_limit {
            assert!(
                rule.contains(&format!(
                    "; limit {} words",
                    consult::text::grouped(limit as usize)
                )),
                "{rule}"
            );
        }
        assert!(
            !answer.contains("**") && !answer.contains("\\"),
            "no marks: {answer}"
        );
    }
    let q1 = &blocks[1];
    assert_eq!(q1.lines[1], "Position: Partly agree");
    assert!(
        q1.part("Answer")
            .unwrap()
            .1
            .starts_with("Yes, on one condition. Putting")
    );
    let e4 = blocks.iter().find(|b| b.header.starts_with("Element 4")).unwrap();
    assert!(
        e4.part("Answer").unwrap().1.contains(
            "option of:\n\n1. a council leader or metro mayor chairing the ICS body;\n2. an annual"
        ),
        "numbered lines"
    );
    let e8 = blocks.iter().find(|b| b.header.starts_with("Element 8")).unwrap();
    assert!(
        e8.part("Answer")
            .unwrap()
            .1
            .contains("\n- nominees from:\n  - local government and Healthwatch;\n")
    );
}

#[test]
fn an_answer_cannot_fake_the_end_of_its_block() {
    let set = built_in();
    let mut response = Response::new(&set, "Sly Council");
    response.answer_mut(&set, "q1").answer =
        "Real answer.\n===== Question 2 · Consultation questions =====\n----- Answer: 0 characters, 0 words -----\nforged"
            .into();
    let text = text_of(Format::Text, &response, &set, Options::default());
    let blocks = blocks(&text);
    assert_eq!(blocks.len(), set.item_count() + 1);
    let (_, answer) = blocks[1].part("Answer").unwrap();
    assert_eq!(
        answer,
        "Real answer.\n ===== Question 2 · Consultation questions =====\n ----- Answer: 0 characters, 0 words -----\nforged"
    );
}

#[test]
fn unanswered_items_and_free_text_items_say_so() {
    let set = built_in();
    let mut response = Response::new(&set, "Quiet Council");
    response.answer_mut(&set, "q2").position = Some("disagree".into());
    let text = paste::render(&response, &set, Options::default());
    let blocks = blocks(&text);
    let q1 = &blocks[1];
    assert_eq!(q1.lines[1], "Position: none given");
    assert_eq!(q1.part("Answer").unwrap().1, "(Not answered)");
    assert_eq!(blocks[2].part("Answer").unwrap().1, "(No written answer)");
    assert!(
        !blocks[0].lines.iter().any(|l| l.starts_with("Position")),
        "free text takes no position"
    );
}

// ---------------------------------------------------------------------------------------------
// Limits.

/// A response whose summary (limit 300 words) has `words` words.
fn long_summary(words: usize) -> Response {
    let set = built_in();
    let mut response = Response::new(&set, "Wordy Trust");
    response.answer_mut(&set, "summary").answer = vec!["word"; words].join(" ");
    response
}

#[test]
fn an_answer_over_its_word_limit_is_flagged_everywhere() {
    let set = built_in();
    let response = long_summary(312);
    let problems = export::limits::check(&response, &set);
    let messages: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {}", p.location, p.message))
        .collect();
    assert_eq!(
        messages,
        [
            "at answers[0].answer: the answer to Executive summary (\"summary\") has 312 words, 12 over its limit of 300"
        ]
    );
    assert!(!problems[0].is_error(), "a warning");
    let text = paste::render(&response, &set, Options::default());
    assert!(
        text.contains("----- Answer: 1,559 characters, 312 words; 12 OVER the limit of 300 words ---"),
        "{text}"
    );
    assert!(
        export::limits::check(&long_summary(300), &set).is_empty(),
        "300 is within 300"
    );
}

#[test]
fn validate_and_export_warn_and_strict_makes_it_fail() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_response(dir.path(), "wordy.json", &long_summary(400));
    let file = file.to_str().unwrap();
    let warning = "wordy.json: warning at answers[0].answer: the answer to Executive summary (\"summary\") has 400 words, 100 over its limit of 300";

    let validate = consult(dir.path(), &["validate", file]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    assert!(validate.stderr.contains(warning), "{}", validate.stderr);
    assert!(validate.stdout.ends_with("wordy.json: ok\n"));
    let strict = consult(dir.path(), &["validate", "--strict", file]);
    assert_eq!(strict.code, 1);
    assert!(strict.stderr.contains(warning));
    assert!(
        strict
            .stderr
            .ends_with("consult: 1 warning, and --strict treats warnings as failures\n"),
        "{}",
        strict.stderr
    );

    for format in ["md", "text", "json"] {
        let out = dir.path().join(format!("out.{format}"));
        let out = out.to_str().unwrap();
        let strict = consult(
            dir.path(),
            &["export", file, "--format", format, "--out", out, "--strict"],
        );
        assert_eq!(strict.code, 1, "{format}");
        assert!(strict.stderr.contains(warning), "{}", strict.stderr);
        assert!(strict.stderr.contains("nothing written"), "{}", strict.stderr);
        assert!(!Path::new(out).exists(), "--strict writes nothing");
        let plain = consult(dir.path(), &["export", file, "--format", format, "--out", out]);
        assert_eq!(plain.code, 0, "{format}: {}", plain.stderr);
        assert!(plain.stderr.contains(warning));
        assert!(Path::new(out).exists());
    }
    let fine = write_response(dir.path(), "fine.json", &long_summary(10));
    let fine = consult(dir.path(), &["validate", "--strict", fine.to_str().unwrap()]);
    assert_eq!((fine.code, fine.stderr.as_str()), (0, ""));
}

#[test]
fn a_character_limit_in_the_set_is_counted_as_pasted() {
    let dir = tempfile::tempdir().unwrap();
    let mut set = built_in();
    set.format_version = 2;
    set.id = "limited-care".into();
    set.sections[0].items[0].char_limit = Some(40);
    std::fs::write(
        dir.path().join("limited.json"),
        serde_json::to_string_pretty(&set).unwrap(),
    )
    .unwrap();
    let mut response = Response::new(&set, "Brief Council");
    // 34 characters typed; pasted, the stars go, the bullets are "- " and a blank line
    // comes before the list: 30.
    response.answer_mut(&set, "summary").answer = "**Two** points:\n• one thing\n• two".into();
    let within = write_response(dir.path(), "within.json", &response);
    let run = consult(
        dir.path(),
        &["validate", "limited.json", within.to_str().unwrap()],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let pasted = paste::render(&response, &set, Options::default());
    assert!(
        pasted.contains("Answer: 30 characters, 7 words; limit 300 words; limit 40 characters"),
        "{pasted}"
    );

    response
        .answer_mut(&set, "summary")
        .answer
        .push_str(" and a third thing");
    let over = write_response(dir.path(), "over.json", &response);
    let run = consult(
        dir.path(),
        &["validate", "--strict", "limited.json", over.to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("has 48 characters, 8 over its limit of 40"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// What goes out.

#[test]
fn no_reasoning_leaves_reasoning_out_of_every_submission_but_not_the_json() {
    let set = built_in();
    let response = fixture("health-devolution-commission.json");
    let reasoning = &response.answer("q1").unwrap().reasoning;
    assert!(!reasoning.is_empty());
    let without = Options {
        reasoning: false,
        ..Options::default()
    };
    for format in SUBMISSIONS {
        assert!(
            text_of(format, &response, &set, Options::default()).contains(reasoning.as_str()),
            "{format:?}"
        );
        let text = text_of(format, &response, &set, without);
        assert!(
            !text.contains(reasoning.as_str()) && !text.contains("Reasoning"),
            "{format:?}"
        );
    }
    assert!(
        text_of(Format::Json, &response, &set, without)
            .contains("We support the principle of statutory ICS bodies")
    );
}

#[test]
fn notes_never_leave_the_response() {
    let set = built_in();
    let response = fixture("health-devolution-commission.json");
    let note = &response.answer("q1").unwrap().notes;
    assert!(note.starts_with("The Commission’s published answer"), "{note}");
    for format in SUBMISSIONS {
        let text = text_of(format, &response, &set, Options::default());
        for answer in response.answers.iter().filter(|a| !a.notes.is_empty()) {
            for sentence in answer.notes.split(". ") {
                assert!(!text.contains(sentence), "{format:?} shows a note: {sentence}");
            }
        }
    }
    assert!(text_of(Format::Json, &response, &set, Options::default()).contains(note.as_str()));
}

// ---------------------------------------------------------------------------------------------
// The printable page.

/// Each tag of an HTML page in order, checking that it is one consult writes, with only the
/// attributes it writes, and that every element is closed in turn: so no text can have
/// added an element, a script or a reference to anything on the network.
fn tags(html: &str) -> Vec<String> {
    const ELEMENTS: &[&str] = &[
        "!DOCTYPE",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "section",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "p",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "blockquote",
        "ul",
        "ol",
        "li",
        "article",
        "em",
        "strong",
        "br",
    ];
    const EMPTY: &[&str] = &["!DOCTYPE", "meta", "br"];
    const ATTRIBUTES: &[&str] = &[
        "html",
        "lang",
        "charset",
        "http-equiv",
        "name",
        "content",
        "class",
        "start",
    ];
    let mut open = Vec::new();
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').expect("every tag ends");
        let inside = &rest[..end];
        rest = &rest[end + 1..];
        let closing = inside.starts_with('/');
        let inside = inside.trim_start_matches('/');
        let (name, mut attributes) = inside.split_once(' ').unwrap_or((inside, ""));
        assert!(ELEMENTS.contains(&name), "<{name}> is not one consult writes");
        while let Some((attribute, value)) = attributes.trim().split_once("=\"") {
            assert!(ATTRIBUTES.contains(&attribute), "{attribute}= on <{name}>");
            attributes = value.split_once('"').expect("quoted").1;
        }
        if closing {
            assert_eq!(open.pop().as_deref(), Some(name), "</{name}> closes what is open");
        } else if !EMPTY.contains(&name) {
            open.push(name.to_string());
        }
        tags.push(format!("{}{name}", if closing { "/" } else { "" }));
    }
    assert!(open.is_empty(), "left open: {open:?}");
    tags
}

/// The page's text as a reader sees it: tags taken out and references read.
fn html_text(html: &str) -> String {
    let body = &html[html.find("<body>").unwrap()..];
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_page_is_self_contained_and_prints_each_section_on_a_new_page() {
    let set = built_in();
    let response = fixture("health-devolution-commission.json");
    let html = text_of(Format::Html, &response, &set, Options::default());
    let tags = tags(&html);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(
        !html.contains("://") && !html.contains("url(") && !html.contains("@import"),
        "nothing from the network"
    );
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("section.part { break-before: page; page-break-before: always; }"));
    assert_eq!(
        html.matches("<section class=\"part\">").count(),
        set.sections.len()
    );
    assert_eq!(
        tags.iter().filter(|t| *t == "h3").count(),
        12,
        "one heading per item on a scale"
    );
    assert_eq!(
        tags.iter().filter(|t| *t == "blockquote").count(),
        12,
        "the wording quoted"
    );
    assert!(html.contains("<p class=\"position\"><strong>Position: Partly agree</strong></p>"));
    assert!(html.contains("<p><strong>Yes, on one condition.</strong> Putting"));
    assert!(html.contains("It could cover:</p>\n<ul>\n<li>what the system is responsible for;</li>\n"));
    assert!(html.contains("<li>nominees from:\n<ul>\n<li>local government and Healthwatch;</li>"));
    assert!(html.contains("<ol>\n<li>a council leader or metro mayor chairing the ICS body;</li>"));
    assert!(html.contains("<title>Integrating care: next steps to building strong and effective integrated care systems across England — response from Health Devolution Commission</title>"));
}

#[test]
fn every_html_page_carries_a_strict_content_security_policy() {
    let sandbox = crate::support::sandbox::Sandbox::new();
    let ours = fixture_path("health-devolution-commission.json");
    let response =
        crate::support::sandbox::run(sandbox.consult(&["export", &ours, "--format", "html", "--out", "-"]));
    let comparison = crate::support::sandbox::run(sandbox.consult(&[
        "compare",
        "--format",
        "html",
        &ours,
        &fixture_path("local-government.json"),
    ]));
    let policy = consult::export::html::content_security_policy();
    for (what, run) in [("response", response), ("comparison", comparison)] {
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        let page = run.stdout;
        let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
        let at = page.find(&meta).unwrap_or_else(|| panic!("{what}: no policy"));
        assert!(
            at < page.find("<style>").unwrap(),
            "{what}: the policy comes first"
        );
        assert!(!page.contains("<script"), "{what}");
    }
    for word in [
        "default-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "style-src 'sha256-",
    ] {
        assert!(policy.contains(word), "{policy}");
    }
    assert!(!policy.contains("unsafe"), "{policy}");
}

fn fixture_path(name: &str) -> String {
    crate::support::samples::path(name).display().to_string()
}

#[test]
fn a_comparison_shows_notes_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = ["health-devolution-commission.json", "local-government.json"]
        .iter()
        .map(|f| samples::path(f).display().to_string())
        .collect();
    let note = "The Commission’s published answer is an explicit conditional yes";
    for format in ["md", "html"] {
        let args = |extra: &[&'static str]| {
            let mut args: Vec<&str> = vec!["compare", &files[0], &files[1], "--format", format];
            args.extend(extra);
            consult(dir.path(), &args)
        };
        let plain = args(&[]);
        assert_eq!(plain.code, 0, "{}", plain.stderr);
        assert!(!plain.stdout.contains(note), "{format}: notes only when asked");
        let with = args(&["--with-notes"]);
        assert_eq!(with.code, 0, "{}", with.stderr);
        assert!(with.stdout.contains(note), "{format}");
        assert!(
            with.stdout.contains("Notes (not part of the response)"),
            "{format}"
        );
    }
    let html = consult(dir.path(), &["compare", &files[0], &files[1], "--format", "html"]).stdout;
    let tags = tags(&html);
    assert_eq!(
        tags.iter().filter(|t| *t == "table").count(),
        2,
        "the matrix and the pairs"
    );
    assert!(html.contains(
        "<th>Health Devolution Commission</th><th>Local Government Association</th><th>Summary</th>"
    ));
    assert!(html.contains("<tr><th>Element 8</th><td>Support</td><td>Support with changes (inferred)</td>"));
    let json = consult(
        dir.path(),
        &[
            "compare",
            &files[0],
            &files[1],
            "--format",
            "json",
            "--with-notes",
        ],
    );
    assert_eq!(json.code, 2);
    assert!(
        json.stderr
            .contains("--with-notes: only the Markdown and HTML briefings"),
        "{}",
        json.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Files from other organisations are hostile.

/// Text meant to act as structure in some format, or on a terminal: none of it is in the
/// formatting subset, so the documents must have exactly the structure plain words give them.
const HOSTILE: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7} # Heading\r\n> quote\n| a | b |\n|---|---|\n\
    <script>alert(1)</script> <img src=x onerror=alert(1)> <a href=\"https://evil.example\">x</a>\n\
    &amp; &lt; ]]> <![CDATA[x]]> <?xml?> <w:p/> \"quoted\" 'single'\n```\ncode\n```\n\
    [link](https://evil.example) ===== end ===== ----- Answer: 0 -----\n===== forged =====\n\
    \u{202e}reversed\u{0}nul\u{7f}";

/// `response` with every text it holds replaced by `text`.
fn every_text(response: &Response, text: &str) -> Response {
    let mut response = response.clone();
    let r = &mut response.respondent;
    r.organisation = text.into();
    r.contact_name = text.into();
    r.role = text.into();
    r.email = Some(text.into());
    r.confidentiality = Some(text.into());
    for answer in &mut response.answers {
        answer.answer = text.into();
        answer.reasoning = text.into();
        answer.notes = format!("NOTE {text}");
    }
    response
}

/// What gives each format its structure, with the text left out.
fn structure(format: Format, bytes: &[u8]) -> Vec<String> {
    let text = || String::from_utf8(bytes.to_vec()).unwrap();
    match format {
        Format::Html => tags(&text()),
        Format::Docx => docx::paragraphs(bytes)
            .iter()
            .map(|p| format!("{:?} {:?}", p.style, p.numbering))
            .collect(),
        Format::Fhir => {
            let value: serde_json::Value = serde_json::from_str(&text()).unwrap();
            let mut ids = Vec::new();
            link_ids(&value["item"], &mut ids);
            ids
        }
        Format::Text => text()
            .lines()
            .filter(|l| l.starts_with("=====") || l.starts_with("-----"))
            .map(|l| l[..8].to_string())
            .collect(),
        Format::Markdown => {
            let text = text();
            text.lines()
                .filter(|l| l.starts_with('#') || l.starts_with('>') || l.starts_with('|'))
                .map(|l| l.split(' ').next().unwrap().to_string())
                .collect()
        }
        Format::Json => Vec::new(),
    }
}

fn link_ids(items: &serde_json::Value, out: &mut Vec<String>) {
    for item in items.as_array().into_iter().flatten() {
        out.push(item["linkId"].as_str().unwrap().to_string());
        link_ids(&item["item"], out);
    }
}

#[test]
fn every_export_shows_hostile_text_as_text_never_as_structure() {
    let set = built_in();
    let sample = fixture("local-government.json");
    let hostile = every_text(&sample, HOSTILE);
    // The same lines and words, of plain letters.
    let letters: String = HOSTILE
        .chars()
        .map(|c| if c.is_whitespace() { c } else { 'x' })
        .collect();
    let benign = every_text(&sample, &letters);
    let options = Options::default();
    // As a reader sees it: controls as pictures, a Windows line break as a line break.
    let shown = consult::text::visible(&HOSTILE.replace("\r\n", "\n")).into_owned();
    for format in SUBMISSIONS {
        let bytes = export::render(format, &hostile, &set, &options);
        assert_eq!(
            structure(format, &bytes),
            structure(format, &export::render(format, &benign, &set, &options)),
            "{format:?}: the text changed the structure"
        );
        let text = text_of(format, &hostile, &set, options);
        assert!(!text.contains("NOTE"), "{format:?}: a note got out");
        if format != Format::Docx {
            let raw = String::from_utf8(bytes).unwrap();
            let control = raw.chars().find(|&c| c.is_control() && c != '\n');
            assert_eq!(control, None, "{format:?}: a raw control character");
        }
        // Every word of it is there as the reader will see it (in Markdown, escaped;
        // in FHIR, as JSON writes it).
        let seen = match format {
            Format::Html => html_text(&text),
            Format::Markdown => text.replace('\\', ""),
            _ => text,
        };
        for word in shown.split_whitespace() {
            let word = match format {
                Format::Fhir => serde_json::to_string(word).unwrap().trim_matches('"').to_string(),
                Format::Markdown => word.replace('\\', ""),
                _ => word.to_string(),
            };
            assert!(seen.contains(&word), "{format:?} lost {word:?}");
        }
    }
}

/// Printing the HTML: items with nothing written are compact and kept with their heading,
/// the pages are numbered where the browser supports it, and with answered items only the
/// items not answered are not there at all.
#[test]
fn the_html_prints_unanswered_items_compact_and_numbers_its_pages() {
    let set = built_in();
    let mut response = fixture("local-government.json");
    for answer in response.answers.iter_mut().filter(|a| a.item.starts_with('e')) {
        answer.position = None;
        answer.answer.clear();
        answer.not_answering = true;
    }
    let html = text_of(Format::Html, &response, &set, Options::default());
    assert_eq!(
        html.matches("<article class=\"item unanswered\">").count(),
        8,
        "{html}"
    );
    assert!(html.contains("<article class=\"item\">"));
    assert!(html.contains("@bottom-center { content: \"Page \" counter(page) \" of \" counter(pages);"));
    assert!(
        html.contains(".item.unanswered { break-inside: avoid")
            || html.contains(".item.unanswered, ")
            || html.contains(", .item.unanswered { break-inside: avoid")
    );
    assert!(
        html.contains("h3 + blockquote { break-before: avoid"),
        "no page ends with a lone heading"
    );
    let sent = text_of(
        Format::Html,
        &response,
        &set,
        Options {
            answered_only: true,
            ..Options::default()
        },
    );
    assert!(
        !sent.contains("unanswered\">") && !sent.contains("Element 1"),
        "{sent}"
    );
}
