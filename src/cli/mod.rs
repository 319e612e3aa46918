//! The command line: its arguments, and the subcommands that work on files and never
//! start the full-screen app. clap stays in this layer: the domain's enums get their
//! command-line names here.

pub mod compare;
mod completions;
mod list;
mod paths;

pub use paths::{find_drafts, missing_response};
pub mod diff;
pub mod joint;
pub mod merge;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::catalog::{self, Catalog, Origin};
use crate::dirs::Dirs;
use crate::documents;
use crate::drafts::history::Summary;
use crate::drafts::{self, DraftId, History};
use crate::error::{EXIT_BAD_INPUT, EXIT_FAILURE, FileError, located};
use crate::export::{self, Format, limits};
use crate::model::{QuestionSet, Response};
use crate::parse::{self, DocKind};
use crate::storage::{self, NewFileMode};
use crate::text::{saved_time, visible_line};

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
    Joint(joint::JointArgs),
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
    pub format: ExportFormat,
    /// Output file or folder (default: exports/<organisation>-<set>.<extension>).
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

/// `--format` of `consult export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The submission as Markdown.
    #[value(name = "md")]
    Markdown,
    /// The response document itself, for other tools.
    Json,
    /// Paste-ready plain text for online forms, with character and word counts per item.
    Text,
    /// One self-contained HTML page, to read or print (A4, a page per section).
    Html,
    /// A Word document, with Word's own headings, lists and document properties.
    Docx,
    /// An HL7 FHIR R4 QuestionnaireResponse (JSON).
    Fhir,
}

impl From<ExportFormat> for Format {
    fn from(format: ExportFormat) -> Format {
        match format {
            ExportFormat::Markdown => Format::Markdown,
            ExportFormat::Json => Format::Json,
            ExportFormat::Text => Format::Text,
            ExportFormat::Html => Format::Html,
            ExportFormat::Docx => Format::Docx,
            ExportFormat::Fhir => Format::Fhir,
        }
    }
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

/// Why a command failed, and the exit code that says so.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        Failure {
            code: e.exit_code(),
            message: e.to_string(),
        }
    }
}

impl Failure {
    fn io(path: &Path, error: &std::io::Error) -> Self {
        Failure {
            code: EXIT_FAILURE,
            message: format!("{}: cannot write: {error}", path.display()),
        }
    }
}

/// Runs one subcommand, writing results to `out` and warnings to `err`.
pub fn run(command: Command, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    match command {
        Command::Edit(_) => Err(Failure {
            code: EXIT_FAILURE,
            message: "`edit` opens the full-screen app and is run by main, not here".into(),
        }),
        Command::Questions(QuestionsArgs { command: None }) => questions(dirs, out, err),
        Command::Questions(QuestionsArgs {
            command: Some(QuestionsCommand::Export(args)),
        }) => questions_export(args, dirs, out),
        Command::Questions(QuestionsArgs {
            command: Some(QuestionsCommand::Import(args)),
        }) => questions_import(args, dirs, out, err),
        Command::New(args) => new(args, dirs, out),
        Command::Validate(args) => validate(args, dirs, out, err),
        Command::Export(args) => export(args, dirs, out, err),
        Command::Compare(args) => compare::run(args, dirs, out, err),
        Command::Versions(args) => versions(args, dirs, out, err),
        Command::Restore(args) => restore(args, dirs, out),
        Command::List(args) => list::run(args, dirs, out, err),
        Command::Completions(args) => completions::completions(args, out),
        Command::Man(args) => completions::man(args, out),
        Command::Merge(args) => merge::run(args, dirs, out, err),
        Command::Diff(args) => diff::run(args, dirs, out),
        Command::Joint(args) => joint::run(args, dirs, out, err),
    }
}

fn questions(dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let id_width = catalog
        .entries
        .iter()
        .map(|e| e.set.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    let _ = writeln!(out, "{:id_width$}  ITEMS  TITLE", "ID");
    for entry in &catalog.entries {
        let origin = match &entry.origin {
            Origin::BuiltIn => "built in".to_string(),
            Origin::User(path) => visible_line(&path.display().to_string()).into_owned(),
        };
        let _ = writeln!(
            out,
            "{:id_width$}  {:>5}  {} ({origin})",
            entry.set.id,
            entry.set.item_count(),
            visible_line(&entry.set.title)
        );
    }
    if catalog.problems.is_empty() {
        return Ok(());
    }
    for problem in &catalog.problems {
        let _ = writeln!(err, "{problem}");
    }
    Err(Failure {
        code: EXIT_BAD_INPUT,
        message: format!(
            "{} question set file(s) could not be read",
            catalog.problems.len()
        ),
    })
}

fn questions_export(args: QuestionsExportArgs, dirs: &Dirs, out: &mut dyn Write) -> Result<(), Failure> {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let set = catalog.resolve(&args.set)?;
    let document = match args.format {
        QuestionsFormat::Outline => crate::outline::write(&set),
        QuestionsFormat::Fhir => export::fhir::questionnaire(&set),
    };
    match args.out {
        Some(path) => {
            refuse_overwrite(&path, args.force)?;
            write_file(&path, document.as_bytes(), NewFileMode::Shared)?;
            let _ = writeln!(out, "wrote {}", path.display());
        }
        None => {
            let _ = out.write_all(document.as_bytes());
        }
    }
    Ok(())
}

fn questions_import(
    args: QuestionsImportArgs,
    dirs: &Dirs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let text = storage::read_text(&args.outline)?;
    let (set, warnings) = crate::outline::read_with_warnings(&text)
        .map_err(|problems| FileError::bad(&args.outline, problems))?;
    for warning in &warnings {
        let _ = writeln!(err, "consult: {}", located(&args.outline, warning));
    }
    let path = match args.out {
        Some(path) => path,
        None => {
            // Joining the questions folder: an id already known would be ignored there.
            let catalog = Catalog::with_user_sets(&dirs.question_sets());
            let path = dirs.question_sets().join(format!("{}.json", set.id));
            if let Some(entry) = catalog.entries.iter().find(|e| e.set.id == set.id)
                && !(args.force && entry.origin == Origin::User(path.clone()))
            {
                let taken = match &entry.origin {
                    Origin::BuiltIn => "by a built-in set".to_string(),
                    Origin::User(p) => format!("by {}", visible_line(&p.display().to_string())),
                };
                return Err(Failure {
                    code: EXIT_FAILURE,
                    message: format!(
                        "{}: question set id {:?} is already taken {taken}; give the title another id with `{{#id}}` at the end of its heading, or write the set elsewhere with --out",
                        visible_line(&args.outline.display().to_string()),
                        set.id
                    ),
                });
            }
            std::fs::create_dir_all(dirs.question_sets())
                .map_err(|e| Failure::io(&dirs.question_sets(), &e))?;
            path
        }
    };
    refuse_overwrite(&path, args.force)?;
    let mut json = serde_json::to_string_pretty(&set).expect("a question set always serialises");
    json.push('\n');
    write_file(&path, json.as_bytes(), NewFileMode::Shared)?;
    let _ = writeln!(out, "wrote {} (question set {})", path.display(), set.id);
    let _ = writeln!(
        out,
        "start a response to it with: consult new --questions {} --org NAME",
        set.id
    );
    Ok(())
}

fn new(args: NewArgs, dirs: &Dirs, out: &mut dyn Write) -> Result<(), Failure> {
    let (Some(questions), Some(org)) = (&args.questions, &args.org) else {
        return Err(Failure {
            code: EXIT_BAD_INPUT,
            message: "new needs --questions and --org, or --plain to be asked for them".into(),
        });
    };
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let set = catalog.resolve(questions)?;
    if org.trim().is_empty() {
        return Err(Failure {
            code: EXIT_BAD_INPUT,
            message: "--org: the organisation's name is empty".into(),
        });
    }
    let response = Response::new(&set, org.trim());
    let path = match args.out {
        Some(out) => {
            let path = paths::out_file(&out, |dir| export::default_path(dir, &response, Format::Json))?;
            refuse_overwrite(&path, args.force)?;
            path
        }
        None => {
            drafts::new_draft_path(&dirs.drafts(), &response).map_err(|e| Failure::io(&dirs.drafts(), &e))?
        }
    };
    write_file(
        &path,
        export::json::render(&response).as_bytes(),
        NewFileMode::Private,
    )?;
    let _ = writeln!(out, "wrote {}", path.display());
    Ok(())
}

fn validate(
    args: ValidateArgs,
    dirs: &Dirs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let mut catalog = Catalog::with_user_sets(&dirs.question_sets());
    // Question sets named on the command line are checked first, so that responses
    // to them (in the same call) can be checked against them.
    let mut kinds = Vec::new();
    for path in &args.files {
        let kind = storage::read_text(path).and_then(|text| {
            let kind = parse::kind(&text).map_err(|p| FileError::bad(path, vec![p]))?;
            Ok((kind, text))
        });
        if let Ok((DocKind::QuestionSet, text)) = &kind
            && let Ok(set) = parse::question_set(text)
        {
            // A set named here wins over a known one with the same id: it is the one meant.
            catalog.entries.retain(|e| e.set.id != set.id);
            catalog.entries.push(catalog::Entry {
                set,
                origin: Origin::User(path.clone()),
            });
        }
        kinds.push(kind);
    }

    let mut failed = 0;
    let mut warned = 0;
    for (path, kind) in args.files.iter().zip(kinds) {
        let result = kind.and_then(|(kind, text)| match kind {
            DocKind::QuestionSet => parse::question_set(&text)
                .map(|_| Vec::new())
                .map_err(|p| FileError::bad(path, p)),
            DocKind::Response => documents::response_from_text(&text, &catalog, None)
                .map(|opened| {
                    [
                        opened.warnings.as_slice(),
                        &limits::check(&opened.response, &opened.set),
                    ]
                    .concat()
                })
                .map_err(|p| FileError::bad(path, p)),
        });
        match result {
            Ok(warnings) => {
                for warning in &warnings {
                    let _ = writeln!(err, "{}", located(path, warning));
                }
                warned += warnings.len();
                let _ = writeln!(out, "{}: ok", path.display());
            }
            Err(e) => {
                failed += 1;
                let _ = writeln!(err, "{e}");
            }
        }
    }
    if failed > 0 {
        return Err(Failure {
            code: EXIT_BAD_INPUT,
            message: format!("{failed} of {} file(s) have problems", args.files.len()),
        });
    }
    if args.strict && warned > 0 {
        return Err(Failure {
            code: EXIT_FAILURE,
            message: strict_message(warned),
        });
    }
    Ok(())
}

fn export(args: ExportArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let (catalog, set) = known_sets(dirs, args.questions.as_deref())?;
    let opened = documents::open_response(&args.response, &catalog, set.as_ref())?;
    let warnings = [
        opened.warnings.as_slice(),
        &limits::check(&opened.response, &opened.set),
    ]
    .concat();
    for warning in &warnings {
        let _ = writeln!(err, "{}", located(&args.response, warning));
    }
    if args.strict && !warnings.is_empty() {
        return Err(Failure {
            code: EXIT_FAILURE,
            message: format!("{}; nothing written", strict_message(warnings.len())),
        });
    }
    if let Some(why) = export::unresolved(&opened.response, &opened.set) {
        let file = visible_line(&args.response.display().to_string()).into_owned();
        return Err(Failure {
            code: EXIT_FAILURE,
            message: format!("{file}: {why} (`consult diff {file}` shows both sides); nothing written"),
        });
    }
    let format = Format::from(args.format);
    let path = match args.out {
        Some(out) => paths::out_file(&out, |dir| export::default_path(dir, &opened.response, format))?,
        None => export::default_path(Path::new(export::DEFAULT_DIR), &opened.response, format),
    };
    refuse_overwrite(&path, args.force)?;
    let options = export::Options {
        skip_empty: args.skip_empty,
        answered_only: args.answered_only,
        reasoning: !args.no_reasoning,
        attribution: !args.no_attribution,
    };
    let document = export::render(format, &opened.response, &opened.set, &options);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Failure::io(parent, &e))?;
    }
    write_file(&path, &document, NewFileMode::Shared)?;
    let _ = writeln!(out, "wrote {}", path.display());
    Ok(())
}

/// The question sets consult knows, and the one named with `--questions FILE`, if any.
pub(crate) fn known_sets(
    dirs: &Dirs,
    questions: Option<&Path>,
) -> Result<(Catalog, Option<QuestionSet>), Failure> {
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let set = questions.map(catalog::load_question_set).transpose()?;
    Ok((catalog, set))
}

/// Why `--strict` stops: there were warnings.
fn strict_message(warnings: usize) -> String {
    let warnings = if warnings == 1 {
        "1 warning".to_string()
    } else {
        format!("{warnings} warnings")
    };
    format!("{warnings}, and --strict treats warnings as failures")
}

pub(crate) fn refuse_overwrite(path: &Path, force: bool) -> Result<(), Failure> {
    if path.exists() && !force {
        return Err(Failure {
            code: EXIT_FAILURE,
            message: format!("{} already exists; pass --force to overwrite it", path.display()),
        });
    }
    Ok(())
}

pub(crate) fn write_file(path: &Path, bytes: &[u8], mode: NewFileMode) -> Result<(), Failure> {
    storage::write_atomic(path, bytes, mode).map_err(|e| Failure::io(path, &e))
}

fn versions(
    args: VersionsArgs,
    dirs: &Dirs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let history = History::for_draft(&dirs.history(), &DraftId::of(&args.file));
    let exists = check_draft(&args.file, &history)?;
    let file = args.file.display();
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let list = history.list_with(|id| catalog.find(id));
    if list.is_empty() {
        let _ = writeln!(out, "{file}: no saved versions yet");
        return Ok(());
    }
    if !exists {
        let _ = writeln!(
            err,
            "{file} does not exist any more; `consult restore {file} N` writes version N there"
        );
    }
    let _ = writeln!(
        out,
        "{:>3}  {:20}  {:>8}  {:>6}",
        "N", "SAVED", "ANSWERED", "WORDS"
    );
    for version in &list {
        let saved = saved_time(version.saved, &jiff::tz::TimeZone::system());
        match &version.summary {
            Summary::Response {
                answered,
                total,
                words,
            } => {
                let answered = match total {
                    Some(total) => format!("{answered}/{total}"),
                    None => answered.to_string(),
                };
                let _ = writeln!(
                    out,
                    "{:>3}  {saved:20}  {answered:>8}  {words:>6}",
                    version.number
                );
            }
            Summary::Unreadable => {
                let _ = writeln!(out, "{:>3}  {saved:20}  unreadable", version.number);
            }
        }
    }
    let _ = writeln!(out, "put one back with: consult restore {file} N");
    Ok(())
}

fn restore(args: RestoreArgs, dirs: &Dirs, out: &mut dyn Write) -> Result<(), Failure> {
    let id = DraftId::of(&args.file);
    let history = History::for_draft(&dirs.history(), &id);
    let exists = check_draft(&args.file, &history)?;
    let file = args.file.display();
    let catalog = Catalog::with_user_sets(&dirs.question_sets());
    let list = history.list_with(|id| catalog.find(id));
    let Some(version) = args.number.checked_sub(1).and_then(|i| list.get(i)) else {
        let available = match list.len() {
            0 => "it has no saved versions yet".to_string(),
            1 => "the only saved version is 1".to_string(),
            n => format!("saved versions are 1 to {n}"),
        };
        return Err(Failure {
            code: EXIT_BAD_INPUT,
            message: format!(
                "{file}: there is no version {}; {available} (see `consult versions {file}`)",
                args.number
            ),
        });
    };
    // Writing under an open consult would only make it ask about a change made elsewhere.
    let _lock = drafts::lock(&dirs.locks(), &id).map_err(|e| Failure {
        code: EXIT_FAILURE,
        message: format!("{file}: {e}"),
    })?;
    history
        .restore(&args.file, args.number, jiff::Timestamp::now())
        .map_err(|e| Failure {
            code: EXIT_FAILURE,
            message: format!("{file}: cannot restore version {}: {e}", args.number),
        })?;
    let what = format!(
        "version {} saved {} ({})",
        version.number,
        saved_time(version.saved, &jiff::tz::TimeZone::system()),
        version.summary
    );
    if exists {
        let _ = writeln!(out, "restored {file} to {what}");
        let _ = writeln!(
            out,
            "the content it replaced is kept as version 1: `consult restore {file} 1` undoes this"
        );
    } else {
        let _ = writeln!(out, "wrote {file} from {what}");
    }
    Ok(())
}

/// Whether the draft exists. A folder, or a file that is neither there nor has any saved
/// versions, is a usage mistake; a deleted draft with versions can still be listed and restored.
fn check_draft(path: &Path, history: &History) -> Result<bool, Failure> {
    let bad = |message: &str| Failure {
        code: EXIT_BAD_INPUT,
        message: format!("{}: {message}", path.display()),
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(bad("is a directory, not a draft")),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if history.count() > 0 {
                Ok(false)
            } else {
                Err(bad("no such file"))
            }
        }
        Err(e) => Err(Failure {
            code: EXIT_FAILURE,
            message: format!("{}: cannot read: {e}", path.display()),
        }),
    }
}
