//! Plain text: paragraphs are separated by blank lines; within one, hard-wrapped lines
//! are joined. A text whose lines are long (each line a paragraph, as text copied out
//! of a word processor is) keeps each line as a paragraph. A line opening with a
//! visible number ("1.", "2)", "(3)", "Q4", "Question 2:", "Element 5") or a bullet
//! starts a list entry of its own.

use crate::import::document::{Block, BlockKind, Document, SourceFormat};

/// A line longer than this was not wrapped by hand: it is a paragraph of its own.
const WRAPPED_LINE: usize = 100;

pub fn read(text: &str) -> Document {
    let lines: Vec<&str> = text.lines().collect();
    Document {
        format: SourceFormat::Text,
        title: None,
        organisation: None,
        notices: Vec::new(),
        blocks: blocks(&lines, BlockKind::Paragraph),
    }
}

/// The blocks of `lines`, each of `kind`; for paragraphs, numbered and bulleted lines
/// become list entries.
pub fn blocks(lines: &[&str], kind: BlockKind) -> Vec<Block> {
    let mut out = Vec::new();
    for paragraph in lines.split(|line| line.trim().is_empty()) {
        let unwrapped = paragraph
            .iter()
            .rev()
            .skip(1)
            .any(|line| line.chars().count() > WRAPPED_LINE);
        let mut current: Vec<&str> = Vec::new();
        let mut current_kind = kind.clone();
        for (i, line) in paragraph.iter().enumerate() {
            let marked = (kind == BlockKind::Paragraph).then(|| marker(line)).flatten();
            let starts_block = i == 0
                || unwrapped
                || (marked.is_some() && ends_sentence(paragraph[i - 1]))
                || (marked.is_some() && matches!(current_kind, BlockKind::ListItem { .. }));
            if starts_block {
                out.extend(joined(&current, current_kind.clone()));
                current.clear();
                current_kind = kind.clone();
                if let Some((number, rest)) = marked {
                    current_kind = BlockKind::ListItem { number, level: 0 };
                    current.push(rest);
                    continue;
                }
            }
            current.push(line);
        }
        out.extend(joined(&current, current_kind));
    }
    out
}

/// A block of lines joined by single spaces. A marker with nothing after it ("Question
/// 2" alone on its line) stays as the words it is, a paragraph.
fn joined(lines: &[&str], kind: BlockKind) -> Option<Block> {
    let text = lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    match kind {
        BlockKind::ListItem {
            number: Some(number), ..
        } if text.trim().is_empty() => Block::new(BlockKind::Paragraph, &number),
        kind => Block::new(kind, &text),
    }
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', ':', ';', '?', '!', ')'])
}

/// A visible marker opening `line`: the number as shown (`None` for a bullet) and the
/// words after it.
pub fn marker(line: &str) -> Option<(Option<String>, &str)> {
    let trimmed = line.trim_start();
    for bullet in ["- ", "* ", "• ", "– "] {
        if let Some(rest) = trimmed.strip_prefix(bullet) {
            return Some((None, rest));
        }
    }
    let (number, rest) = labelled(trimmed).or_else(|| numbered(trimmed))?;
    Some((Some(number.trim_end().to_string()), rest.trim_start()))
}

/// "Q4", "Q 4:", "Question 2:", "Element 5." at the start.
fn labelled(line: &str) -> Option<(&str, &str)> {
    let lower = line.chars().take(10).collect::<String>().to_ascii_lowercase();
    let label = ["question ", "element ", "q "]
        .into_iter()
        .chain(std::iter::once("q"))
        .find(|label| lower.starts_with(label))?;
    let after = &line[label.len()..];
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let mut end = label.len() + digits;
    if line[end..].starts_with(['.', ':', ')']) {
        end += 1;
    }
    let rest = &line[end..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    // "Q1 - Agree", "Question 2 – Partly": the dash only separates.
    let rest = rest.trim_start();
    let rest = ["- ", "– ", "— ", ": "]
        .iter()
        .find_map(|dash| rest.strip_prefix(dash))
        .unwrap_or(rest);
    Some((&line[..end], rest))
}

/// "1.", "2)", "(3)", "(b)", "c)" at the start, followed by a space.
fn numbered(line: &str) -> Option<(&str, &str)> {
    let bracketed = line.starts_with('(');
    let body = if bracketed { &line[1..] } else { line };
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let letter = digits == 0 && body.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    let length = if letter { 1 } else { digits };
    if length == 0 || length > 2 {
        return None;
    }
    let close = body.as_bytes().get(length)?;
    let fits = match close {
        b')' => true,
        b'.' => !bracketed && !letter,
        _ => false,
    };
    let end = usize::from(bracketed) + length + 1;
    let rest = line.get(end..)?;
    (fits && (rest.is_empty() || rest.starts_with([' ', '\t']))).then(|| (&line[..end], rest))
}

#[cfg(test)]
mod tests {
    use super::marker;

    #[test]
    fn visible_numbers_open_list_entries_and_others_do_not() {
        let number = |line| marker(line).map(|(n, rest)| (n, rest.to_string()));
        assert_eq!(
            number("1. We agree"),
            Some((Some("1.".into()), "We agree".into()))
        );
        assert_eq!(number("2) Partly"), Some((Some("2)".into()), "Partly".into())));
        assert_eq!(number("(3) No"), Some((Some("(3)".into()), "No".into())));
        assert_eq!(number("(b) No"), Some((Some("(b)".into()), "No".into())));
        assert_eq!(number("Q4 Yes"), Some((Some("Q4".into()), "Yes".into())));
        assert_eq!(
            number("Question 2: Yes"),
            Some((Some("Question 2:".into()), "Yes".into()))
        );
        assert_eq!(number("Element 5"), Some((Some("Element 5".into()), "".into())));
        assert_eq!(number("- a point"), Some((None, "a point".into())));
        assert_eq!(number("Q1 - Agree"), Some((Some("Q1".into()), "Agree".into())));
        assert_eq!(
            number("Question 3 – Partly"),
            Some((Some("Question 3".into()), "Partly".into()))
        );
        assert_eq!(number("2022. was a year"), None);
        assert_eq!(number("1.5 million"), None);
        assert_eq!(number("Quality matters"), None);
        assert_eq!(number("a. b"), None);
    }
}
