//! The organisation a document names itself by in its title or opening words:
//! "Response of the X to …", "Response by X", "X: response to …", "X response to …",
//! "Submission from X", "Evidence from X".

use crate::import::document::{BlockKind, Document, Named};

/// From the title, the headings, or the opening paragraph (the first three blocks).
pub fn from_titles(document: &Document) -> Option<Named> {
    let headings = document
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
        .map(|b| b.text.as_str());
    let titled = document
        .title
        .as_deref()
        .into_iter()
        .chain(headings)
        .find_map(named_in)
        .map(|name| Named {
            name,
            found_in: "the title".into(),
        });
    titled.or_else(|| {
        document
            .blocks
            .iter()
            .take(3)
            .filter(|b| b.kind == BlockKind::Paragraph)
            .find_map(|b| named_in(&b.text))
            .map(|name| Named {
                name,
                found_in: "the document's opening words".into(),
            })
    })
}

/// The organisation a title names, if it follows one of the usual patterns.
pub fn named_in(title: &str) -> Option<String> {
    // ASCII lower case keeps every byte where it was, so positions found in `lower`
    // cut `title` at the same places.
    let lower = title.to_ascii_lowercase();
    const BEFORE: [&str; 7] = [
        "response of ",
        "response by ",
        "response from ",
        "submission from ",
        "submission by ",
        "evidence from ",
        "comments from ",
    ];
    for lead in BEFORE {
        if let Some(at) = lower
            .find(lead)
            .filter(|&at| at == 0 || lower[..at].ends_with(' '))
        {
            let rest = &title[at + lead.len()..];
            let end = [" to ", " on ", ":", " – ", " - ", ". ", " (", " for "]
                .iter()
                .filter_map(|stop| rest.find(stop))
                .min()
                .unwrap_or(rest.len());
            return tidy(&rest[..end]);
        }
    }
    for after in [": response", " – response", " - response", " response to "] {
        if let Some(at) = lower.find(after) {
            return tidy(&title[..at]);
        }
    }
    // "Northfield PCN response": a name before a closing "response", not "Our response".
    let before = lower.strip_suffix(" response")?;
    let first = before.split_whitespace().next()?;
    let generic = [
        "our",
        "my",
        "a",
        "the",
        "draft",
        "final",
        "consultation",
        "joint",
        "full",
    ];
    if generic.contains(&first) || !title.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    tidy(&title[..before.len()])
}

/// Without a leading "the" and trailing punctuation; a name must be a few words.
fn tidy(name: &str) -> Option<String> {
    let name = name.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    let name = ["the ", "The ", "THE "]
        .iter()
        .find_map(|the| name.strip_prefix(the))
        .unwrap_or(name)
        .trim();
    let words = name.split_whitespace().count();
    (1..=12).contains(&words).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::named_in;

    #[test]
    fn usual_title_patterns_name_the_organisation() {
        let name = |t: &str| named_in(t);
        assert_eq!(
            name("Response of the Northshire Combined Authority to Integrating care").as_deref(),
            Some("Northshire Combined Authority")
        );
        assert_eq!(
            name("Response by the Health Devolution Commission to NHSE national engagement").as_deref(),
            Some("Health Devolution Commission")
        );
        assert_eq!(
            name("Eastmoor Council: response to Integrating care").as_deref(),
            Some("Eastmoor Council")
        );
        assert_eq!(
            name("Submission from Healthwatch Westvale").as_deref(),
            Some("Healthwatch Westvale")
        );
        assert_eq!(
            name("Valeside Trust response to the consultation").as_deref(),
            Some("Valeside Trust")
        );
        assert_eq!(name("Integrating care: our views"), None);
        assert_eq!(name("Our response"), None);
        assert_eq!(name("Draft consultation response"), None);
        assert_eq!(name("Northfield PCN response").as_deref(), Some("Northfield PCN"));
    }
}
