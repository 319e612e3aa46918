//! Every argument of the command line, in one place: clap's definitions of each
//! subcommand. The bodies live in a file per subcommand beside this one.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::export::{self, Format};

#[derive(Debug, Parser)]
#[command(
    name = "consult",
    version,
    about = "Draft, export and compare responses to public consultations.",
    long_about = "Draft, export and compare responses to public consultations.\n\n\
        Run without a command to open the full-screen drafting app."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a response file (a draft or a JSON export) in the full-screen app; it saves back to that file.
    Edit(EditArgs),
    /// List the question sets consult knows: built in, and your own (or import or export one).
    Questions(QuestionsArgs),
    /// Write an empty response to a question set.
    #[command(
        override_usage = "consult new [OPTIONS] --questions <ID|FILE> --org <NAME>\n       \
        consult new --plain [--questions <ID|FILE>] [--org <NAME>]"
    )]
    New(NewArgs),
    /// Check question sets and responses; print `ok` per file or every problem found.
    Validate(ValidateArgs),
    /// Export a response: a submission (Markdown, paste-ready text, HTML, Word, FHIR) or JSON.
    Export(ExportArgs),
    /// Compare several organisations' responses to one question set, side by side.
    ///
    /// Without --format, opens the comparison screen; with it, writes the comparison.
    Compare(CompareArgs),
    /// List a draft's saved versions, newest first: when each was saved, how much it answers.
    ///
    /// consult keeps the last 20 saved versions of each draft in its data folder, so text
    /// deleted an hour ago can be put back with `consult restore FILE N`.
    Versions(VersionsArgs),
    /// Put a saved version of a draft back (its number from `consult versions FILE`).
    ///
    /// The draft's current content is kept as version 1 first, so a restore can itself be
    /// undone with `consult restore FILE 1`.
    Restore(RestoreArgs),
    /// List your drafts: file, organisation, question set, how much is answered, status, last saved.
    ///
    /// Every command that takes a response file also takes a draft's FILE as listed here
    /// (with or without `.json`) when there is no file of that name in the current folder.
    List(ListArgs),
    /// Print a completion script for your shell (see the README for where to put it).
    Completions(CompletionsArgs),
    /// Print consult's manual page (roff), or write it and one page per command to a folder.
    Man(ManArgs),
    /// Merge two copies of a response drafted apart; also git's merge driver for responses.
    ///
    /// Field by field, matched on item ids; text a sentence at a time, so edits to different
    /// sentences of one answer both survive. What both copies changed differently is kept as
    /// conflicts in the merged file (never as markers in the text), which then cannot be
    /// exported until they are resolved. Exit 0 when clean, 1 with conflicts, 2 for bad input.
    Merge(MergeArgs),
    /// Show how two responses differ, item by item (positions, then changed sentences);
    /// with one file, the response as text, for git's `textconv`.
    Diff(DiffArgs),
    /// Build one joint response from members' responses, with every passage traced to who said it.
    Joint(JointArgs),
    /// Make responses from members' own documents: Word, OpenDocument, Markdown, text, HTML or e-mail.
    ///
    /// Every paragraph is placed on an item (by the document's markers, quoted question
    /// wording, headings, or the words it shares with an item) or kept as "not placed",
    /// each with its reason; positions are read from the words and marked inferred.
    /// Exit 2, with nothing written, if any document cannot be read or answers nothing.
    Import(ImportArgs),
    /// Bring back what reviewers did to a Word copy made for review (`consult export DRAFT
    /// --format docx --for-review`): tracked changes, edits made without Track Changes, and
    /// comments.
    ///
    /// By default each change is stored in the draft as a pending suggestion, to accept or
    /// reject one by one in the app; `--list` only shows what came back; `--accept-all`
    /// applies every suggestion it can, the draft kept as a version first. Exit 2, the
    /// draft untouched, for a file that is not a review copy of this draft.
    Review(ReviewArgs),
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// OURS THEIRS; with --git, the three files git passes: %O (ancestor) %A (ours) %B (theirs).
    #[arg(value_name = "FILE", required = true, num_args = 2..=3)]
    pub files: Vec<PathBuf>,
    /// The copies' common ancestor (default: the newest state both copies' saved versions share, if any).
    #[arg(long, value_name = "FILE", conflicts_with = "git")]
    pub base: Option<PathBuf>,
    /// Write the merged response here (default: standard output).
    #[arg(long, value_name = "FILE", conflicts_with = "git")]
    pub out: Option<PathBuf>,
    /// Merge copies from different organisations, and replace an existing --out file.
    #[arg(long)]
    pub force: bool,
    /// Run as git's merge driver (`consult merge --git %O %A %B`): the result replaces %A.
    #[arg(long)]
    pub git: bool,
    /// The question set the copies answer, if it is not built in or in your questions folder.
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// A, or A and B: the response files (drafts or JSON exports).
    #[arg(value_name = "FILE", required = true, num_args = 1..=2)]
    pub files: Vec<PathBuf>,
    /// The question set they answer, if it is not built in or in your questions folder.
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The response file to open.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The question set the response answers, if it is not built in or in your questions folder.
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
    /// A line-by-line dialogue instead of the full screen, for screen readers and scripts
    /// (also chosen when ACCESSIBLE is set or standard input is not a terminal).
    #[arg(long)]
    pub plain: bool,
}

#[derive(Debug, Args)]
pub struct QuestionsArgs {
    #[command(subcommand)]
    pub command: Option<QuestionsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum QuestionsCommand {
    /// Write a question set in another format: a Markdown outline, or an HL7 FHIR R4 Questionnaire.
    Export(QuestionsExportArgs),
    /// Make a question set from a Markdown outline (see the README for how to write one).
    ///
    /// Without --out, the set joins your own question sets, so `consult new --questions ID` and
    /// the app's new-response dialog offer it.
    Import(QuestionsImportArgs),
}

#[derive(Debug, Args)]
pub struct QuestionsImportArgs {
    /// The outline: a Markdown file.
    #[arg(value_name = "OUTLINE.md")]
    pub outline: PathBuf,
    /// Write the question set (JSON) to this file instead of your questions folder.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct QuestionsExportArgs {
    /// The question set: a known id (see `consult questions`) or a file.
    #[arg(value_name = "ID|FILE")]
    pub set: String,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: QuestionsFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// `--format` of `consult questions export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuestionsFormat {
    /// A Markdown outline, which `consult questions import` reads back into the same set.
    Outline,
    /// An HL7 FHIR R4 Questionnaire (JSON), which `consult export --format fhir` responses answer.
    Fhir,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The question set: a known id (see `consult questions`) or a file.
    #[arg(long, value_name = "ID|FILE", required_unless_present = "plain")]
    pub questions: Option<String>,
    /// The responding organisation.
    #[arg(long, value_name = "NAME", required_unless_present = "plain")]
    pub org: Option<String>,
    /// Where to write it: a file, or a folder (one that exists, or ending in `/`) for the
    /// default name (default: a new draft in consult's data folder).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Ask for what is not given, line by line, then go on drafting the new draft in the
    /// plain dialogue (for screen readers and scripts).
    #[arg(long, conflicts_with_all = ["out", "force"])]
    pub plain: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Question-set and response files, in any order.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Treat warnings (an answer over its limit, another version of the set) as failures: exit 1.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The response (a draft or a JSON export).
    #[arg(value_name = "RESPONSE")]
    pub response: PathBuf,
    /// What to write: a submission (md, text, html, docx, fhir) or the response itself (json).
    #[arg(long, value_enum)]
    #[arg(value_parser = export_format())]
    pub format: Format,
    /// Output file or folder (default: exports/<organisation>-<set>.<extension>); `-` is
    /// standard output, and a pipe or a device such as /dev/stdout is written into. The file
    /// is never more readable than the response: a private (0600) draft exports private files.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// Leave out items with neither a position nor an answer (not JSON).
    #[arg(long)]
    pub skip_empty: bool,
    /// The submission as sent: answered items only, never those marked "not answering" (not JSON).
    #[arg(long)]
    pub answered_only: bool,
    /// Leave each answer's reasoning out of the submission (not JSON).
    #[arg(long)]
    pub no_reasoning: bool,
    /// A joint response without its footnotes naming members and its consensus lines:
    /// the submission as sent.
    #[arg(long)]
    pub no_attribution: bool,
    /// A Word copy to send for review (docx only): a note telling the reviewer to work with
    /// Track Changes, each answer and reasoning marked so `consult review` finds them again,
    /// and the draft and saved version it was made from recorded in it. No footnotes
    /// naming members.
    #[arg(long)]
    pub for_review: bool,
    /// Write nothing and exit 1 if there is any warning, such as an answer over its limit.
    #[arg(long)]
    pub strict: bool,
    /// The question set the response answers, if it is not built in or in your questions folder.
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VersionsArgs {
    /// The draft (a response file).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The draft (a response file).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The version to put back, as numbered by `consult versions FILE` (1 = the newest).
    #[arg(value_name = "N")]
    pub number: usize,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Aligned columns to read, or JSON for scripts.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

/// `--format` of `consult list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete consult's commands and options in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write consult.1 and a page per command (consult-export.1…) into this folder instead.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Response files (drafts or JSON exports) to compare.
    #[arg(value_name = "FILE", required_unless_present = "dir")]
    pub files: Vec<PathBuf>,
    /// Also compare every *.json response in this folder.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Write the comparison instead of opening the screen: Markdown, HTML, JSON or CSV.
    #[arg(long, value_enum)]
    pub format: Option<CompareFormat>,
    /// Also show each organisation's notes for itself (Markdown and HTML only).
    #[arg(long, requires = "format")]
    pub with_notes: bool,
    /// With --format csv: who agrees with whom, one row per pair of organisations
    /// (items with the same position, of those both took a position on), instead of one row per answer.
    #[arg(long, requires = "format")]
    pub pairs: bool,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "PATH", requires = "format")]
    pub out: Option<PathBuf>,
    /// Overwrite the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// The question set to compare on: a known id or a file (default: the set most files answer).
    #[arg(long, value_name = "ID|FILE")]
    pub questions: Option<String>,
}

/// `--format` of `consult export`: its values, aliases and help come from the one table
/// of formats ([`export::FORMATS`]), which plain mode and the app read too.
fn export_format() -> impl clap::builder::TypedValueParser<Value = Format> {
    let values = export::FORMATS.iter().map(|f| {
        clap::builder::PossibleValue::new(f.id)
            .aliases(f.aliases.iter().copied())
            .help(f.help)
    });
    clap::builder::PossibleValuesParser::new(values)
        .map(|word| Format::named(&word).expect("a possible value names a format"))
}

/// `--format` of `consult compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// The matrix as a table, the pairs, then each item's positions, key points, answers and reasoning.
    #[value(name = "md")]
    Markdown,
    /// The same as one self-contained, printable HTML page.
    Html,
    /// Per item: counts per option and each organisation's position and key point; the pairs.
    Json,
    /// One row per organisation and item, with labels and the answer, for spreadsheets.
    Csv,
}

impl From<CompareFormat> for crate::compare::Format {
    fn from(format: CompareFormat) -> crate::compare::Format {
        use crate::compare::Format;
        match format {
            CompareFormat::Markdown => Format::Markdown,
            CompareFormat::Html => Format::Html,
            CompareFormat::Json => Format::Json,
            CompareFormat::Csv => Format::Csv,
        }
    }
}

#[derive(Debug, Args)]
pub struct JointArgs {
    #[command(subcommand)]
    pub command: JointCommand,
}

#[derive(Debug, Subcommand)]
pub enum JointCommand {
    /// Start a joint response from members' responses (each member's answers are copied in).
    New(JointNewArgs),
    /// Who has signed off what, and which members' files changed since they were taken.
    Status(JointStatusArgs),
    /// Per item: each passage with its members, the consensus, minority statements, and
    /// the members whose views appear nowhere in the joint text.
    Provenance(ProvenanceArgs),
}

#[derive(Debug, Args)]
pub struct JointNewArgs {
    /// The members' response files (drafts or JSON exports).
    #[arg(value_name = "FILE", required_unless_present = "dir")]
    pub files: Vec<PathBuf>,
    /// The organisation making the joint response (the secretariat's body).
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// Also take every *.json response in this folder as a member.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Write the joint response here (default: a new draft in your drafts folder).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// The question set the members answer, if it is not built in or in your questions folder.
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct JointFileArgs {
    /// The joint response file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The question set it answers, if it is not built in or in your questions folder.
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct JointStatusArgs {
    #[command(flatten)]
    pub joint: JointFileArgs,
    /// Also read members' files named by absolute paths outside the joint response's folder.
    /// A joint response may come from someone else: without this, such files are reported,
    /// never read.
    #[arg(long)]
    pub allow_member_path: bool,
}

#[derive(Debug, Args)]
pub struct ProvenanceArgs {
    #[command(flatten)]
    pub joint: JointFileArgs,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ProvenanceFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Overwrite the --out file if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProvenanceFormat {
    #[value(name = "md")]
    Markdown,
    Csv,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Members' documents: Word (.docx), OpenDocument (.odt), Markdown, text, HTML or
    /// e-mail (.eml); `-` reads pasted text from standard input.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The question set they answer: a known id (see `consult questions`) or a file.
    #[arg(long, value_name = "ID|FILE")]
    pub questions: String,
    /// The member's organisation (default: the one the document names: an e-mail's
    /// sender, a title such as "Response of the X", the Word file's properties).
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Where to write: a file (one document), or a folder (one that exists, or ending in
    /// `/`) for the default names (default: a new draft per document in your drafts folder).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Overwrite an existing --out file.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Write the response even when the document answers nothing in the set.
    #[arg(long, requires = "out")]
    pub allow_empty: bool,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The draft the review copy was made from.
    #[arg(value_name = "DRAFT")]
    pub draft: PathBuf,
    /// The Word file as the reviewer sent it back.
    #[arg(value_name = "REVIEWED.docx")]
    pub reviewed: PathBuf,
    /// Who reviewed it (default: each change's author as Word recorded it, and the file's
    /// last author for edits made without Track Changes). On a joint draft, a member's
    /// organisation or contact here credits the member.
    #[arg(long, value_name = "NAME")]
    pub from: Option<String>,
    /// Accept every suggestion that can be (those competing for the same words are left
    /// to choose between); `consult restore DRAFT 1` takes it back.
    #[arg(long, conflicts_with = "list")]
    pub accept_all: bool,
    /// Show what came back, item by item, without changing the draft.
    #[arg(long)]
    pub list: bool,
}
