//! The words of the plain dialogue: one table of commands, read by the parser and by
//! `help` alike, and [`parse`], a pure function from a typed line to a [`Command`].

use crate::export::Format;

/// Something asked for in the plain dialogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Next,
    Back,
    /// An item by its number in reading order, or a few words of its label, title or wording.
    Go(String),
    Show,
    Position(Pick),
    Answer(Text),
    Reasoning(Text),
    /// Notes for ourselves on the item, typed the same way; never in a submission.
    Notes(Text),
    /// The item's key point: said when nothing follows, set to what follows, or cleared
    /// (`clear`) so the answer's first sentence stands for it.
    KeyPoint(String),
    /// Whether the position was stated by the respondent or inferred from its documents.
    Basis(crate::model::response::PositionBasis),
    /// A joint response: what each member took on the item, or one member's text.
    Members,
    Member(usize),
    /// A joint response: the joint text gets sentence `sentence` of member `member`
    /// (counted through its answer, then its reasoning), in its reasoning if `reasoning`.
    Adopt {
        member: usize,
        sentence: usize,
        reasoning: bool,
    },
    /// A joint response: member N said the passage adopted last too.
    Credit(usize),
    /// A joint response: say the consensus, or declare a level (`None`: as counted) with a reason.
    Consensus(Option<(Option<crate::model::joint::Consensus>, String)>),
    /// A joint response: member N's minority statement on the item (empty: none).
    Minority(usize, String),
    /// A joint response: take member N's file as it is now, in place of the copy taken.
    Take(usize),
    /// A joint response: member N's sign-off on the item, or the whole response.
    SignOff {
        member: usize,
        state: crate::model::joint::SignOffState,
        whole: bool,
        note: String,
    },
    /// An imported response: its passages, the least sure first.
    Passages,
    /// An imported response: passage N (counted from 1) to an item, or `none`.
    Place(usize, String),
    /// An imported response: cut passage N in two.
    Split(usize, SplitAt),
    /// An imported response: passage N is not an answer; its words go to the item's notes.
    NotAnswer(usize),
    /// Reviewers' suggestions still waiting, across the draft.
    Suggestions,
    /// Accept suggestion N: its words go into the text.
    Accept(u32),
    /// Reject suggestion N: the text stays.
    Reject(u32),
    /// Reviewers' comments, across the draft.
    Comments,
    /// Mark comment N resolved, or (`false`) open again.
    Resolve(u32, bool),
    /// A joint response: member comment N becomes the member's sign-off on its item.
    SignOffFrom(u32, crate::model::joint::SignOffState),
    /// We are not answering this item (again: we are).
    Pass,
    Ready,
    /// Take back the item's newest change, or make again the one taken back last.
    Undo,
    Redo,
    Review,
    Final,
    Respondent,
    /// How the members' views were gathered: said when nothing follows, set to what
    /// follows, or cleared (`clear`).
    Gathered(String),
    Export {
        /// None: the format this draft was last exported as.
        format: Option<Format>,
        /// Another folder than the usual exports folder.
        folder: Option<String>,
    },
    Versions,
    Restore(usize),
    /// Merge conflicts: list them.
    Conflicts,
    /// Settle conflict N (from 1), keeping one side, or both for text.
    Keep(usize, crate::merge::resolve::Keep),
    Save,
    Help,
    Quit,
}

/// Where `split` cuts a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitAt {
    /// After this many words.
    Words(usize),
    /// Before these words.
    Before(String),
}

/// What `position` was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Say the positions there are.
    List,
    /// Position N, counted from 1.
    Choose(usize),
    Clear,
}

/// How a text field is to be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Lines typed until a line holding only a dot.
    Type,
    /// In the user's own editor program.
    Edit,
    Clear,
}

/// One command word: its name, its short forms, what follows it, and what it does.
pub struct Word {
    pub name: &'static str,
    pub short: &'static [&'static str],
    pub usage: &'static str,
    pub help: &'static str,
}

/// Every command, in the order `help` lists them.
pub const WORDS: &[Word] = &[
    Word {
        name: "next",
        short: &["n"],
        usage: "next",
        help: "the next item",
    },
    Word {
        name: "back",
        short: &["b"],
        usage: "back",
        help: "the item before",
    },
    Word {
        name: "go",
        short: &["g"],
        usage: "go N",
        help: "item N, or the first item whose label or title has the words typed, as in go element 6",
    },
    Word {
        name: "show",
        short: &["s"],
        usage: "show",
        help: "the whole item again, with its guidance",
    },
    Word {
        name: "position",
        short: &["p"],
        usage: "position N",
        help: "choose position N; position alone lists them, position 0 clears it",
    },
    Word {
        name: "answer",
        short: &["a"],
        usage: "answer",
        help: "type the answer, ending with a line holding only a dot; answer edit opens your editor, answer clear empties it",
    },
    Word {
        name: "reasoning",
        short: &["r"],
        usage: "reasoning",
        help: "the reasoning, typed the same way (reasoning edit, reasoning clear)",
    },
    Word {
        name: "notes",
        short: &[],
        usage: "notes",
        help: "notes for ourselves on this item, typed the same way; they never go into a submission",
    },
    Word {
        name: "keypoint",
        short: &["k"],
        usage: "keypoint TEXT",
        help: "the item's key point in one line, for comparisons; keypoint alone says it, keypoint clear uses the answer's first sentence",
    },
    Word {
        name: "inferred",
        short: &[],
        usage: "inferred",
        help: "mark the position inferred: read from the respondent's documents, not stated by it",
    },
    Word {
        name: "stated",
        short: &[],
        usage: "stated",
        help: "mark the position stated by the respondent (as it is unless marked inferred)",
    },
    Word {
        name: "members",
        short: &[],
        usage: "members",
        help: "a joint response: each member's position and key point on this item, numbered",
    },
    Word {
        name: "member",
        short: &[],
        usage: "member N",
        help: "a joint response: member N's answer and reasoning, a sentence a line, numbered",
    },
    Word {
        name: "adopt",
        short: &[],
        usage: "adopt N S",
        help: "a joint response: sentence S of member N (as member N numbers them) at the end of the joint answer, credited to N and to members who said the same; adopt N S reasoning puts it in the reasoning",
    },
    Word {
        name: "credit",
        short: &[],
        usage: "credit N",
        help: "a joint response: member N said the passage adopted last too",
    },
    Word {
        name: "consensus",
        short: &[],
        usage: "consensus LEVEL REASON",
        help: "a joint response: consensus alone says it; with full, consensus, strong-support, divergence or none and a reason, declares it; consensus counted goes back to the count",
    },
    Word {
        name: "minority",
        short: &[],
        usage: "minority N TEXT",
        help: "a joint response: member N's minority statement on this item; minority N clear removes it",
    },
    Word {
        name: "signoff",
        short: &[],
        usage: "signoff N agreed",
        help: "a joint response: member N agreed, objected or not-asked on this item (signoff N agreed all: the whole response), then any note",
    },
    Word {
        name: "passages",
        short: &[],
        usage: "passages",
        help: "an imported response: every passage of the member's document with its item, why it went there and how sure, those not placed and the least sure first",
    },
    Word {
        name: "place",
        short: &[],
        usage: "place N ITEM",
        help: "an imported response: move passage N to an item (its number or a few words), or place N none",
    },
    Word {
        name: "split",
        short: &[],
        usage: "split N AT",
        help: "an imported response: cut passage N in two after AT words, or before the words quoted, as in split 4 \"we also\"",
    },
    Word {
        name: "notanswer",
        short: &[],
        usage: "notanswer N",
        help: "an imported response: passage N is not an answer; its words go to the item's notes",
    },
    Word {
        name: "take",
        short: &[],
        usage: "take N",
        help: "a joint response: take member N's file as it is now, when it changed since it was taken; the joint text stays as it is",
    },
    Word {
        name: "suggestions",
        short: &[],
        usage: "suggestions",
        help: "reviewers' suggested edits still waiting, numbered, each as a change in its context: [-words taken out-]{+words put in+}",
    },
    Word {
        name: "accept",
        short: &[],
        usage: "accept N",
        help: "accept suggestion N: its words go into the text (going to its item first); undo takes it back",
    },
    Word {
        name: "reject",
        short: &[],
        usage: "reject N",
        help: "reject suggestion N: the text stays as it is; undo takes it back",
    },
    Word {
        name: "comments",
        short: &[],
        usage: "comments",
        help: "reviewers' comments, numbered, with the words each is on and its replies",
    },
    Word {
        name: "resolve",
        short: &[],
        usage: "resolve N",
        help: "mark comment N resolved (going to its item first); resolve N open marks it open again",
    },
    Word {
        name: "signoff-from",
        short: &[],
        usage: "signoff-from N agreed",
        help: "a joint response: a member's comment N becomes its sign-off on the item, agreed or objected, the comment its note",
    },
    Word {
        name: "pass",
        short: &[],
        usage: "pass",
        help: "we are not answering this item: it is no longer to do, and an export of answered items leaves it out; pass again takes the mark off",
    },
    Word {
        name: "ready",
        short: &[],
        usage: "ready",
        help: "mark the item ready, or back to draft",
    },
    Word {
        name: "undo",
        short: &[],
        usage: "undo",
        help: "take back this item's newest change: a text, a position, a ready mark, a key point or a decision on a reviewer's suggestion or comment; straight after place, split or notanswer, that change",
    },
    Word {
        name: "redo",
        short: &[],
        usage: "redo",
        help: "make again the change undo took back last",
    },
    Word {
        name: "review",
        short: &[],
        usage: "review",
        help: "every item at a glance, and what is still to do",
    },
    Word {
        name: "final",
        short: &[],
        usage: "final",
        help: "mark the response final, or back to draft",
    },
    Word {
        name: "respondent",
        short: &[],
        usage: "respondent",
        help: "who is responding: organisation, contact name, role, email, on behalf or not",
    },
    Word {
        name: "gathered",
        short: &[],
        usage: "gathered TEXT",
        help: "how the members' views were gathered (meetings, a survey, written replies), for the respondent's details; gathered alone says it, gathered clear removes it",
    },
    Word {
        name: "export",
        short: &["e"],
        usage: "export md",
        help: "write the response as Markdown (export json: as JSON) to the exports folder; export md FOLDER writes to another; export alone, as and where this draft was exported last",
    },
    Word {
        name: "versions",
        short: &[],
        usage: "versions",
        help: "the earlier saved versions of this draft",
    },
    Word {
        name: "restore",
        short: &[],
        usage: "restore N",
        help: "go back to saved version N; what you have now is kept as a version first",
    },
    Word {
        name: "conflicts",
        short: &[],
        usage: "conflicts",
        help: "what two merged copies changed differently, numbered, with both sides",
    },
    Word {
        name: "keep",
        short: &[],
        usage: "keep N ours",
        help: "settle merge conflict N: keep ours, keep theirs, or (for text) keep both, ours first, to edit after",
    },
    Word {
        name: "save",
        short: &[],
        usage: "save",
        help: "save now (every change is saved at once anyway)",
    },
    Word {
        name: "help",
        short: &["h", "?"],
        usage: "help",
        help: "this list",
    },
    Word {
        name: "quit",
        short: &["q", "exit"],
        usage: "quit",
        help: "save and quit; the end of input (Ctrl-D) and Ctrl-C do the same",
    },
];

/// The command word `word` names: its name, a short form, or the start of exactly one name.
/// Err says why not, in one line.
pub fn word(word: &str) -> Result<&'static Word, String> {
    let word = word.to_lowercase();
    if let Some(found) = WORDS
        .iter()
        .find(|w| w.name == word || w.short.contains(&word.as_str()))
    {
        return Ok(found);
    }
    let starting: Vec<&Word> = WORDS.iter().filter(|w| w.name.starts_with(&word)).collect();
    match starting.as_slice() {
        [only] => Ok(only),
        [] => Err(format!("There is no command “{word}”; type help for the list")),
        many => {
            let names: Vec<&str> = many.iter().map(|w| w.name).collect();
            Err(format!(
                "“{word}” could be {}; type more of the word",
                names.join(", ")
            ))
        }
    }
}

/// The command a typed line asks for. Err is the one-line message to say instead.
/// A blank line is `Ok(None)`: nothing asked.
pub fn parse(line: &str) -> Result<Option<Command>, String> {
    let line = line.trim();
    let Some(first) = line.split_whitespace().next() else {
        return Ok(None);
    };
    let rest = line[first.len()..].trim();
    let found = word(first)?;
    let command = match found.name {
        "next" => Command::Next,
        "back" => Command::Back,
        "go" if rest.is_empty() => {
            return Err(
                "go needs an item: its number (go 3) or a few words of its label (go question 2)".into(),
            );
        }
        "go" => Command::Go(rest.to_string()),
        "show" => Command::Show,
        "position" => Command::Position(pick(rest)?),
        "answer" => Command::Answer(text(found.name, rest)?),
        "reasoning" => Command::Reasoning(text(found.name, rest)?),
        "notes" => Command::Notes(text(found.name, rest)?),
        "keypoint" => Command::KeyPoint(rest.to_string()),
        "inferred" => Command::Basis(crate::model::response::PositionBasis::Inferred),
        "stated" => Command::Basis(crate::model::response::PositionBasis::Stated),
        "members" => Command::Members,
        "member" => Command::Member(
            number(rest)
                .ok_or_else(|| "member needs a number, as members lists them: member 2".to_string())?,
        ),
        "adopt" => adopt(rest)?,
        "credit" => {
            Command::Credit(number(rest).ok_or_else(|| {
                "credit needs a member's number, as members lists them: credit 2".to_string()
            })?)
        }
        "consensus" => consensus(rest)?,
        "minority" => {
            let (n, text) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let n = number(n).ok_or_else(|| {
                "minority needs a member's number, then the statement: minority 2 TEXT".to_string()
            })?;
            let text = if text.trim().eq_ignore_ascii_case("clear") {
                ""
            } else {
                text.trim()
            };
            Command::Minority(n, text.to_string())
        }
        "signoff" => sign_off(rest)?,
        "passages" => Command::Passages,
        "place" => place(rest)?,
        "split" => split(rest)?,
        "notanswer" => Command::NotAnswer(number(rest).ok_or_else(|| {
            "notanswer needs a passage's number, as passages lists them: notanswer 3".to_string()
        })?),
        "take" => Command::Take(
            number(rest)
                .ok_or_else(|| "take needs a member's number, as members lists them: take 2".to_string())?,
        ),
        "suggestions" => Command::Suggestions,
        "accept" => Command::Accept(numbered(
            rest,
            "accept needs a suggestion's number, as suggestions lists them: accept 2",
        )?),
        "reject" => Command::Reject(numbered(
            rest,
            "reject needs a suggestion's number, as suggestions lists them: reject 2",
        )?),
        "comments" => Command::Comments,
        "resolve" => resolve(rest)?,
        "signoff-from" => sign_off_from(rest)?,
        "pass" => Command::Pass,
        "ready" => Command::Ready,
        "undo" => Command::Undo,
        "redo" => Command::Redo,
        "review" => Command::Review,
        "final" => Command::Final,
        "respondent" => Command::Respondent,
        "gathered" => Command::Gathered(rest.trim().to_string()),
        "export" => export(rest)?,
        "versions" => Command::Versions,
        "restore" => Command::Restore(number(rest).ok_or_else(|| {
            "restore needs a version number, as versions lists them: restore 2".to_string()
        })?),
        "conflicts" => Command::Conflicts,
        "keep" => keep(rest)?,
        "save" => Command::Save,
        "help" => Command::Help,
        _ => Command::Quit,
    };
    Ok(Some(command))
}

fn keep(rest: &str) -> Result<Command, String> {
    use crate::merge::resolve::Keep;
    let usage =
        || "keep needs a conflict's number and a side: keep 2 ours, keep 2 theirs or keep 2 both".to_string();
    let (n, side) = rest.split_once(char::is_whitespace).ok_or_else(usage)?;
    let n = number(n).filter(|n| *n > 0).ok_or_else(usage)?;
    let keep = match side.trim().to_lowercase().as_str() {
        "ours" | "mine" => Keep::Ours,
        "theirs" => Keep::Theirs,
        "both" => Keep::Both,
        _ => return Err(usage()),
    };
    Ok(Command::Keep(n, keep))
}

fn number(text: &str) -> Option<usize> {
    text.trim().parse().ok()
}

/// A suggestion's or comment's number, or `usage` as the message.
fn numbered(rest: &str, usage: &str) -> Result<u32, String> {
    rest.trim().parse().map_err(|_| usage.to_string())
}

fn resolve(rest: &str) -> Result<Command, String> {
    let usage = "resolve needs a comment's number, as comments lists them: resolve 2 (resolve 2 open marks it open again)";
    let (n, open) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let resolved = match open.trim().to_lowercase().as_str() {
        "" => true,
        "open" | "reopen" => false,
        _ => return Err(usage.into()),
    };
    Ok(Command::Resolve(numbered(n, usage)?, resolved))
}

fn sign_off_from(rest: &str) -> Result<Command, String> {
    use crate::model::joint::SignOffState;
    let usage = "signoff-from needs a comment's number and agreed or objected: signoff-from 2 agreed";
    let (n, state) = rest.split_once(char::is_whitespace).ok_or(usage)?;
    let state = match state.trim().to_lowercase().as_str() {
        "agreed" | "agree" | "yes" => SignOffState::Agreed,
        "objected" | "object" | "no" => SignOffState::Objected,
        _ => return Err(usage.into()),
    };
    Ok(Command::SignOffFrom(numbered(n, usage)?, state))
}

fn place(rest: &str) -> Result<Command, String> {
    let usage =
        || "place needs a passage's number and an item: place 3 question 2 (or place 3 none)".to_string();
    let (n, item) = rest.split_once(char::is_whitespace).ok_or_else(usage)?;
    let n = number(n).filter(|n| *n > 0).ok_or_else(usage)?;
    Ok(Command::Place(n, item.trim().to_string()))
}

fn split(rest: &str) -> Result<Command, String> {
    let usage = || {
        "split needs a passage's number and where: after a number of words (split 3 12) or before quoted words (split 3 \"we also\")"
            .to_string()
    };
    let (n, at) = rest.split_once(char::is_whitespace).ok_or_else(usage)?;
    let n = number(n).filter(|n| *n > 0).ok_or_else(usage)?;
    let at = at.trim();
    let quoted = ['"', '“', '”', '\''];
    let at = if at.starts_with(quoted) {
        let words = at.trim_matches(quoted).trim();
        if words.is_empty() {
            return Err(usage());
        }
        SplitAt::Before(words.to_string())
    } else {
        SplitAt::Words(number(at).filter(|n| *n > 0).ok_or_else(usage)?)
    };
    Ok(Command::Split(n, at))
}

fn adopt(rest: &str) -> Result<Command, String> {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let usage =
        || "adopt needs a member's number and a sentence's, as member N numbers them: adopt 2 3".to_string();
    let (member, sentence) = match words.as_slice() {
        [m, s] | [m, s, _] => (number(m).ok_or_else(usage)?, number(s).ok_or_else(usage)?),
        _ => return Err(usage()),
    };
    let reasoning = match words.get(2).map(|w| w.to_lowercase()) {
        None => false,
        Some(w) if "reasoning".starts_with(&w) => true,
        Some(w) if "answer".starts_with(&w) => false,
        Some(w) => {
            return Err(format!(
                "adopt puts a sentence in the answer or the reasoning, not “{w}”"
            ));
        }
    };
    Ok(Command::Adopt {
        member,
        sentence,
        reasoning,
    })
}

fn consensus(rest: &str) -> Result<Command, String> {
    use crate::model::joint::Consensus;
    if rest.is_empty() {
        return Ok(Command::Consensus(None));
    }
    let (level, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let level = match level.to_lowercase().as_str() {
        "counted" | "count" => None,
        word => Some(
            Consensus::ALL
                .into_iter()
                .find(|c| c.id() == word)
                .ok_or_else(|| format!("There is no consensus level “{word}”; the levels are full, consensus, strong-support, divergence and none, or counted"))?,
        ),
    };
    Ok(Command::Consensus(Some((level, reason.trim().to_string()))))
}

fn sign_off(rest: &str) -> Result<Command, String> {
    use crate::model::joint::SignOffState;
    let usage =
        || "signoff needs a member's number and agreed, objected or not-asked: signoff 2 agreed".to_string();
    let mut words = rest.split_whitespace();
    let member = words.next().and_then(number).ok_or_else(usage)?;
    let state = match words.next().map(str::to_lowercase).as_deref() {
        Some("agreed" | "agree" | "yes") => SignOffState::Agreed,
        Some("objected" | "object" | "no") => SignOffState::Objected,
        Some("not-asked" | "notasked" | "none") => SignOffState::NotAsked,
        _ => return Err(usage()),
    };
    let mut note: Vec<&str> = words.collect();
    let whole = note.first().is_some_and(|w| w.eq_ignore_ascii_case("all"));
    if whole {
        note.remove(0);
    }
    Ok(Command::SignOff {
        member,
        state,
        whole,
        note: note.join(" "),
    })
}

fn pick(rest: &str) -> Result<Pick, String> {
    match rest.to_lowercase().as_str() {
        "" => Ok(Pick::List),
        "0" | "none" | "clear" => Ok(Pick::Clear),
        other => number(other)
            .map(Pick::Choose)
            .ok_or_else(|| format!("position needs a number, such as position 2, not “{rest}”")),
    }
}

fn text(name: &str, rest: &str) -> Result<Text, String> {
    match rest.to_lowercase().as_str() {
        "" => Ok(Text::Type),
        "edit" | "editor" => Ok(Text::Edit),
        "clear" => Ok(Text::Clear),
        _ => Err(format!(
            "{name} takes nothing after it, or edit, or clear, not “{rest}”"
        )),
    }
}

fn export(rest: &str) -> Result<Command, String> {
    let names: Vec<&str> = crate::export::FORMATS
        .iter()
        .flat_map(|f| std::iter::once(f.id).chain(f.aliases.iter().copied()))
        .collect();
    let Some(first) = rest.split_whitespace().next() else {
        return Ok(Command::Export {
            format: None,
            folder: None,
        });
    };
    let format = Format::named(first).ok_or_else(|| {
        format!(
            "There is no export format “{first}”; the formats are {}",
            names.join(", ")
        )
    })?;
    let folder = rest[first.len()..].trim();
    Ok(Command::Export {
        format: Some(format),
        folder: (!folder.is_empty()).then(|| folder.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(line: &str) -> Command {
        parse(line).unwrap().unwrap()
    }

    #[test]
    fn words_short_forms_and_unique_starts_name_commands() {
        assert_eq!(ok("next"), Command::Next);
        assert_eq!(ok("n"), Command::Next);
        assert_eq!(ok("  NEXT  "), Command::Next);
        assert_eq!(ok("b"), Command::Back);
        assert_eq!(ok("rev"), Command::Review);
        assert_eq!(ok("resp"), Command::Respondent);
        assert_eq!(ok("?"), Command::Help);
        assert_eq!(ok("q"), Command::Quit);
        assert_eq!(ok("exit"), Command::Quit);
        assert_eq!(parse("   "), Ok(None));
    }

    #[test]
    fn unknown_and_ambiguous_words_are_one_line_messages() {
        assert_eq!(
            parse("dance").unwrap_err(),
            "There is no command “dance”; type help for the list"
        );
        assert_eq!(
            parse("re").unwrap_err(),
            "“re” could be reasoning, reject, resolve, ready, redo, review, respondent, restore; type more of the word"
        );
    }

    #[test]
    fn positions_are_picked_by_number() {
        assert_eq!(ok("position 2"), Command::Position(Pick::Choose(2)));
        assert_eq!(ok("p 5"), Command::Position(Pick::Choose(5)));
        assert_eq!(ok("p"), Command::Position(Pick::List));
        assert_eq!(ok("p 0"), Command::Position(Pick::Clear));
        assert_eq!(ok("position none"), Command::Position(Pick::Clear));
        assert!(parse("p two").unwrap_err().contains("needs a number"));
        assert!(parse("p -1").is_err());
    }

    #[test]
    fn going_takes_a_number_or_words() {
        assert_eq!(ok("go 3"), Command::Go("3".into()));
        assert_eq!(ok("g Element 6"), Command::Go("Element 6".into()));
        assert!(parse("go").unwrap_err().starts_with("go needs an item"));
    }

    #[test]
    fn texts_are_typed_edited_or_cleared() {
        assert_eq!(ok("answer"), Command::Answer(Text::Type));
        assert_eq!(ok("a edit"), Command::Answer(Text::Edit));
        assert_eq!(ok("r clear"), Command::Reasoning(Text::Clear));
        assert!(parse("answer we agree").is_err());
    }

    #[test]
    fn exports_name_a_format_and_perhaps_a_folder() {
        assert_eq!(
            ok("export md"),
            Command::Export {
                format: Some(Format::Markdown),
                folder: None
            }
        );
        assert_eq!(
            ok("e JSON My Exports/2026"),
            Command::Export {
                format: Some(Format::Json),
                folder: Some("My Exports/2026".into())
            }
        );
        assert_eq!(
            ok("export"),
            Command::Export {
                format: None,
                folder: None
            }
        );
        assert!(
            parse("export pdf")
                .unwrap_err()
                .contains("no export format “pdf”")
        );
    }

    #[test]
    fn review_decisions_take_a_number() {
        use crate::model::joint::SignOffState;
        assert_eq!(ok("accept 3"), Command::Accept(3));
        assert_eq!(ok("reject 1"), Command::Reject(1));
        assert_eq!(ok("resolve 2"), Command::Resolve(2, true));
        assert_eq!(ok("resolve 2 open"), Command::Resolve(2, false));
        assert_eq!(
            ok("signoff-from 4 objected"),
            Command::SignOffFrom(4, SignOffState::Objected)
        );
        assert!(matches!(ok("signoff 1 agreed"), Command::SignOff { .. }));
        for bad in [
            "accept",
            "accept two",
            "resolve",
            "resolve 2 later",
            "signoff-from 2",
            "signoff-from 2 maybe",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn restoring_needs_a_version_number() {
        assert_eq!(ok("restore 2"), Command::Restore(2));
        assert!(parse("restore").is_err());
    }

    #[test]
    fn placing_commands_take_a_passage_and_where() {
        assert_eq!(ok("place 3 question 4"), Command::Place(3, "question 4".into()));
        assert_eq!(ok("place 3 none"), Command::Place(3, "none".into()));
        assert_eq!(ok("split 2 12"), Command::Split(2, SplitAt::Words(12)));
        assert_eq!(
            ok("split 2 “we also”"),
            Command::Split(2, SplitAt::Before("we also".into()))
        );
        assert_eq!(
            ok("split 2 'we'"),
            Command::Split(2, SplitAt::Before("we".into()))
        );
        assert_eq!(ok("notanswer 7"), Command::NotAnswer(7));
        assert_eq!(ok("passages"), Command::Passages);
        for bad in [
            "place",
            "place 3",
            "place 0 q1",
            "split 2",
            "split 2 0",
            "split 2 \"\"",
            "notanswer",
            "notanswer two",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_word_in_the_table_parses_to_its_own_command() {
        for word in WORDS {
            let usage = word
                .usage
                .replace(" N", " 1")
                .replace(" S", " 1")
                .replace(" AT", " 2")
                .replace("LEVEL", "full");
            assert!(parse(&usage).unwrap().is_some(), "{usage}");
            for short in word.short {
                assert_eq!(super::word(short).unwrap().name, word.name);
            }
        }
    }
}
