//! E-mail: a saved message (.eml, MIME decoded by mail-parser: multipart, quoted-printable,
//! base64, the declared charset) or text pasted from a mail program. The headers a
//! reader sees (From, Sent/Date, To, Cc, Subject) become Header blocks; quoted earlier
//! messages ("> …", "On … wrote:", "-----Original Message-----") become Quoted blocks
//! and the signature (after "-- " or a sign-off such as "Kind regards") Signature
//! blocks, so that placing can keep them without taking them for answers.

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};

use crate::import::document::{Block, BlockKind, Document, Named, SourceFormat, clean};

/// The header fields kept, as a mail program shows them; the rest (Received, DKIM,
/// Message-ID…) is transport detail.
const SHOWN: [&str; 6] = ["from", "sent", "date", "to", "cc", "subject"];

const SENDER: &str = "the e-mail's sender";
const SIGNATURE: &str = "the e-mail's signature";

/// Words that make a name an organisation's rather than a person's.
const ORGANISATION_WORDS: [&str; 34] = [
    "agency",
    "alliance",
    "association",
    "authority",
    "board",
    "carers",
    "ccg",
    "centre",
    "charity",
    "college",
    "commission",
    "committee",
    "confederation",
    "council",
    "department",
    "federation",
    "forum",
    "foundation",
    "group",
    "healthwatch",
    "hospital",
    "institute",
    "ltd",
    "network",
    "nhs",
    "office",
    "partnership",
    "pcn",
    "practice",
    "service",
    "services",
    "society",
    "trust",
    "union",
];

/// The field name of a header line `Name: value`.
pub fn header_name(line: &str) -> Option<&str> {
    let (name, _) = line.split_once(':')?;
    let valid =
        !name.is_empty() && name.len() <= 40 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    valid.then_some(name)
}

/// Text copied out of a mail program: a From line with Sent/Date/To/Subject lines
/// near it, an Outlook "Original Message" line, or "On … wrote:" with quoted lines.
pub fn looks_pasted(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(40).collect();
    let header_near_from = lines.iter().enumerate().any(|(i, line)| {
        starts_field(line, "from")
            && lines[i + 1..].iter().take(5).any(|l| {
                ["sent", "date", "to", "subject"]
                    .iter()
                    .any(|f| starts_field(l, f))
            })
    });
    let original = text.lines().any(is_original_message_line);
    let replied = text.lines().any(|l| l.trim_start().starts_with('>'))
        && text.lines().any(|l| l.trim_end().ends_with("wrote:"));
    header_near_from || original || replied
}

fn starts_field(line: &str, field: &str) -> bool {
    header_name(line.trim_start()).is_some_and(|name| name.eq_ignore_ascii_case(field))
}

fn is_original_message_line(line: &str) -> bool {
    let line = line.trim().trim_matches('-').trim().to_ascii_lowercase();
    line == "original message" || line == "forwarded message" || line == "begin forwarded message:"
}

/// Text pasted from a mail program.
pub fn read_pasted(text: &str) -> Document {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let mut headers = Vec::new();
    let mut at = first;
    while let Some(line) = lines.get(at) {
        let Some(name) = header_name(line.trim_start()) else {
            break;
        };
        if line.trim().is_empty() {
            break;
        }
        let value = line.split_once(':').map(|(_, v)| v).unwrap_or_default();
        headers.push((name.to_string(), value.trim().to_string()));
        at += 1;
    }
    let mut document = from_headers(&headers);
    document.blocks.extend(body_blocks(&lines[at..]));
    prefer_signed_organisation(&mut document);
    document
}

/// A sender who is a person ("Sam O'Neill") signs for an organisation: "Coordinator,
/// Baywater Carers' Forum" under the name in the signature names it better.
fn prefer_signed_organisation(document: &mut Document) {
    let Some(sender) = document.organisation.as_ref().filter(|o| o.found_in == SENDER) else {
        return;
    };
    if is_organisation(&sender.name) {
        return;
    }
    let signed = document
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Signature)
        .find_map(|b| signed_organisation(&b.text, &sender.name));
    if let Some(name) = signed {
        document.organisation = Some(Named {
            name,
            found_in: SIGNATURE.into(),
        });
    }
}

/// The organisation a signature names after the sender's name: the last of its
/// comma- or bar-separated parts with an organisation's word in it.
fn signed_organisation(signature: &str, sender: &str) -> Option<String> {
    let (_, after) = signature.split_once(sender)?;
    after
        .split([',', '|', '\n'])
        .map(str::trim)
        .rfind(|part| is_organisation(part) && part.split_whitespace().count() <= 12)
        .map(str::to_string)
}

fn is_organisation(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|word| ORGANISATION_WORDS.contains(&word.to_lowercase().as_str()))
}

/// A saved message. One mail-parser cannot take is read as pasted text.
pub fn read_message(bytes: &[u8]) -> Document {
    let Some(message) = MessageParser::default().parse(bytes) else {
        return read_pasted(&String::from_utf8_lossy(bytes));
    };
    let mut headers = Vec::new();
    if let Some(from) = message.from() {
        headers.push(("From".to_string(), addresses(from)));
    }
    if let Some(date) = message.header_raw("Date") {
        headers.push(("Date".to_string(), date.trim().to_string()));
    }
    if let Some(to) = message.to() {
        headers.push(("To".to_string(), addresses(to)));
    }
    if let Some(cc) = message.cc() {
        headers.push(("Cc".to_string(), addresses(cc)));
    }
    if let Some(subject) = message.subject() {
        headers.push(("Subject".to_string(), subject.to_string()));
    }
    let mut document = from_headers(&headers);
    let body = message.text_part(0).or_else(|| message.html_part(0));
    if let Some(part) = body {
        if let Some(charset) = part
            .content_type()
            .and_then(|t| t.attribute("charset"))
            .filter(|c| !matches!(c.to_ascii_lowercase().as_str(), "utf-8" | "us-ascii" | "utf8"))
        {
            document
                .notices
                .push(format!("decoded from {}, as the e-mail declares", clean(charset)));
        }
        match &part.body {
            PartType::Text(text) => {
                let lines: Vec<&str> = text.lines().collect();
                document.blocks.extend(body_blocks(&lines));
            }
            PartType::Html(html) => document.blocks.extend(super::html::blocks(html).0),
            _ => {}
        }
    }
    let attached: Vec<String> = message
        .attachments()
        .map(|a| a.attachment_name().map(clean).unwrap_or_else(|| "unnamed".into()))
        .collect();
    if !attached.is_empty() {
        document.notices.push(format!(
            "attachments not read: {} (import an attached reply on its own)",
            attached.join(", ")
        ));
    }
    prefer_signed_organisation(&mut document);
    document
}

/// Header blocks, the subject as title and the sender's name as organisation.
fn from_headers(headers: &[(String, String)]) -> Document {
    let mut blocks = Vec::new();
    let mut title = None;
    let mut organisation = None;
    for (name, value) in headers {
        let lower = name.to_ascii_lowercase();
        if !SHOWN.contains(&lower.as_str()) {
            continue;
        }
        blocks.extend(Block::new(BlockKind::Header, &format!("{name}: {value}")));
        match lower.as_str() {
            "subject" => title = Some(clean(value)).filter(|t| !t.is_empty()),
            "from" => {
                organisation = display_name(value).map(|name| Named {
                    name,
                    found_in: SENDER.into(),
                })
            }
            _ => {}
        }
    }
    Document {
        format: SourceFormat::Email,
        title,
        organisation,
        notices: Vec::new(),
        blocks,
    }
}

/// "Policy Team, Northshire Council <policy@…>" → the name before the address, quotes
/// removed; an organisation in brackets after a person's name ("Jo Bloggs (Northshire
/// Council)") is preferred. No name, only an address → none.
fn display_name(from: &str) -> Option<String> {
    let name = from.split('<').next().unwrap_or_default();
    let name = clean(name.trim().trim_matches(['"', '\'']).trim());
    if name.is_empty() || name.contains('@') {
        return None;
    }
    if let Some((_, bracketed)) = name.split_once('(') {
        let inner = bracketed.trim_end_matches(')').trim();
        if !inner.is_empty() {
            return Some(inner.to_string());
        }
    }
    Some(name)
}

fn addresses(address: &Address<'_>) -> String {
    let list: Vec<&mail_parser::Addr<'_>> = match address {
        Address::List(list) => list.iter().collect(),
        Address::Group(groups) => groups.iter().flat_map(|g| g.addresses.iter()).collect(),
    };
    list.iter()
        .map(|addr| match (addr.name(), addr.address()) {
            (Some(name), Some(email)) => format!("{name} <{email}>"),
            (Some(name), None) => name.to_string(),
            (None, Some(email)) => email.to_string(),
            (None, None) => String::new(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a line of a message body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Body,
    Quoted,
    Signature,
}

/// A body's blocks: the member's own words, quoted earlier messages and the signature.
fn body_blocks(lines: &[&str]) -> Vec<Block> {
    let parts = classify(lines);
    let mut blocks = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let part = parts[start];
        let end = (start..lines.len())
            .find(|&i| parts[i] != part)
            .unwrap_or(lines.len());
        let run: Vec<&str> = lines[start..end]
            .iter()
            .map(|line| match part {
                Part::Quoted => unquote(line),
                _ => line,
            })
            .collect();
        let kind = match part {
            Part::Body => BlockKind::Paragraph,
            Part::Quoted => BlockKind::Quoted,
            Part::Signature => BlockKind::Signature,
        };
        blocks.extend(super::text::blocks(&run, kind));
        start = end;
    }
    blocks
}

/// Each line's part. Everything after an Outlook-style header of an earlier message is
/// quoted; otherwise "> " lines and the "On … wrote:" line before them are, and the
/// member may answer between them. The signature runs from "-- " or the last sign-off
/// to the next quoted line.
fn classify(lines: &[&str]) -> Vec<Part> {
    let mut parts = vec![Part::Body; lines.len()];
    let earlier = lines.iter().enumerate().position(|(i, line)| {
        is_original_message_line(line)
            || (line.trim_start().starts_with("_____")
                && lines.get(i + 1).is_some_and(|l| starts_field(l, "from")))
            || (starts_field(line, "from")
                && lines[i + 1..]
                    .iter()
                    .take(4)
                    .any(|l| starts_field(l, "sent") || starts_field(l, "date")))
    });
    let end = earlier.unwrap_or(lines.len());
    for part in &mut parts[end..] {
        *part = Part::Quoted;
    }
    for i in 0..end {
        let line = lines[i].trim();
        let wrote = line.ends_with("wrote:")
            && (line.starts_with("On ") || i > 0 && lines[i - 1].trim_start().starts_with("On "));
        if line.starts_with('>') || wrote {
            parts[i] = Part::Quoted;
            if wrote && !line.starts_with("On ") {
                parts[i - 1] = Part::Quoted;
            }
        }
    }
    if let Some(signature) = signature_start(lines, &parts[..end]) {
        for part in parts[signature..end].iter_mut() {
            if *part == Part::Quoted {
                break;
            }
            *part = Part::Signature;
        }
    }
    parts
}

/// Where the signature starts: a "-- " line, else the last sign-off line in the
/// member's own words that only a few short lines follow.
fn signature_start(lines: &[&str], parts: &[Part]) -> Option<usize> {
    let own = |i: &usize| parts[*i] == Part::Body;
    if let Some(dashes) = (0..parts.len())
        .filter(own)
        .find(|&i| matches!(lines[i].trim_end(), "--" | "-- "))
    {
        return Some(dashes);
    }
    (0..parts.len()).filter(own).rev().find(|&i| {
        let after_short = (i + 1..parts.len())
            .take_while(|&j| parts[j] == Part::Body)
            .map(|j| lines[j])
            .filter(|l| !l.trim().is_empty())
            .all(|l| l.chars().count() <= 60);
        is_sign_off(lines[i]) && after_short
    })
}

fn is_sign_off(line: &str) -> bool {
    let line = line.trim().trim_end_matches([',', '.', '!']).to_lowercase();
    const SIGN_OFFS: [&str; 14] = [
        "kind regards",
        "best regards",
        "warm regards",
        "regards",
        "best wishes",
        "with best wishes",
        "all the best",
        "many thanks",
        "thanks",
        "thank you",
        "yours sincerely",
        "yours faithfully",
        "sincerely",
        "best",
    ];
    SIGN_OFFS.contains(&line.as_str())
}

/// A quoted line without its "> " marks (nested quoting included).
fn unquote(line: &str) -> &str {
    let mut rest = line.trim_start();
    while let Some(after) = rest.strip_prefix('>') {
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
    rest
}
