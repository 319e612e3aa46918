//! `consult joint`: start a joint response from members' responses, see who has signed
//! off, and write where each passage came from.

use std::io::Write;
use std::path::Path;

use super::args::{JointArgs, JointCommand, JointFileArgs, JointNewArgs, ProvenanceArgs, ProvenanceFormat};
use super::compare::gather;
use super::paths;
use super::shared::{Failure, known_sets, name, refuse_overwrite, write_file};
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::documents;
use crate::drafts;
use crate::export::{self, Format};
use crate::joint::{self, members};
use crate::model::joint::SignOffState;
use crate::model::{QuestionSet, Response};
use crate::storage::NewFileMode;
use crate::text::{saved_time, visible_line};

pub fn run(args: JointArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    match args.command {
        JointCommand::New(args) => new(args, dirs, out, err),
        JointCommand::Status(args) => status(args, dirs, out, err),
        JointCommand::Provenance(args) => provenance(args, dirs, out),
    }
}

fn new(args: JointNewArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    if args.org.trim().is_empty() {
        return Err(Failure::bad_input("--org: the organisation's name is empty"));
    }
    let (catalog, set) = known_sets(dirs, args.questions.as_deref())?;
    let files = gather(&args.files, args.dir.as_deref()).map_err(Failure::bad_input)?;
    let mut opened = Vec::new();
    for file in &files {
        opened.push(documents::open_response(file, &catalog, set.as_ref())?);
    }
    // Every member answers the set the first one answers (joint::start checks the others).
    let set = opened[0].set.clone();
    let placeholder = Response::new(&set, args.org.trim());
    let path = match &args.out {
        Some(out) => {
            let path = paths::out_file(out, |dir| export::default_path(dir, &placeholder, Format::Json))?;
            refuse_overwrite(&path, args.force)?;
            path
        }
        None => drafts::new_draft_path(&dirs.drafts(), &placeholder)
            .map_err(|e| Failure::io(&dirs.drafts(), &e))?,
    };
    let joint_dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let members: Vec<(String, Response)> = files
        .iter()
        .zip(opened)
        .map(|(file, opened)| (drafts::joint::member_file(file, joint_dir), opened.response))
        .collect();
    let response = joint::start(&set, args.org.trim(), &members, crate::model::response::now())
        .map_err(|e| Failure::bad_input(e.to_string()))?;
    for (file, member) in &members {
        if let Some(warning) = members::unsettled_warning(file, member, &set) {
            let _ = writeln!(err, "warning: {warning}");
        }
    }
    write_file(
        &path,
        export::json::render(&response).as_bytes(),
        NewFileMode::Private,
    )?;
    let _ = writeln!(
        out,
        "wrote {}: a joint response of {} members; open it with `consult edit {}`",
        path.display(),
        members.len(),
        path.display()
    );
    Ok(())
}

/// The joint response at `args.file`, refused when it is not one.
fn open_joint(args: &JointFileArgs, dirs: &Dirs) -> Result<(Catalog, QuestionSet, Response), Failure> {
    let (catalog, set) = known_sets(dirs, args.questions.as_deref())?;
    let opened = documents::open_response(&args.file, &catalog, set.as_ref())?;
    if opened.response.joint.is_none() {
        return Err(Failure::bad_input(format!(
            "{} is not a joint response; start one with `consult joint new --org NAME FILE...`",
            name(&args.file)
        )));
    }
    let mut response = opened.response;
    // Passages whose words are no longer in the text (edited outside consult) credit nobody.
    joint::provenance::reconcile_all(&mut response);
    Ok((catalog, opened.set, response))
}

fn status(args: JointFileArgs, dirs: &Dirs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let (catalog, set, response) = open_joint(&args, dirs)?;
    let joint = response.joint.as_ref().expect("checked");
    let zone = jiff::tz::TimeZone::system();
    let [agreed, objected, not_asked] = joint::sign_off::counts(joint, None);
    let _ = writeln!(
        out,
        "{}: joint response from {} with {} members; on the whole response {agreed} agreed, {objected} objected, {not_asked} not asked",
        name(&args.file),
        visible_line(&response.respondent.organisation),
        joint.members.len()
    );
    for member in &joint.members {
        let name = &member.organisation;
        let _ = writeln!(
            out,
            "\n{} ({}, taken {})",
            visible_line(name),
            visible_line(&member.file),
            saved_time(member.taken, &zone)
        );
        let whole = joint.sign_off(name, None);
        let _ = writeln!(out, "  whole response: {}", said(whole));
        for item in set.items() {
            let own = joint.own_sign_off(name, Some(&item.id));
            if own.is_some() {
                let _ = writeln!(out, "  {}: {}", visible_line(&item.label), said(own));
            }
        }
        let path = drafts::joint::member_path(&args.file, &member.file);
        match documents::open_response(&path, &catalog, Some(&set)) {
            Ok(now) if members::has_changed(member, &now.response) => {
                let changed: Vec<String> = members::changes(member, &now.response, &set)
                    .iter()
                    .map(|c| describe_change(&set, c))
                    .collect();
                let _ = writeln!(out, "  changed since taken: {}", changed.join("; "));
            }
            Ok(_) => {}
            Err(e) => {
                let _ = writeln!(err, "{}: cannot check for changes: {e}", visible_line(name));
            }
        }
    }
    Ok(())
}

fn said(sign_off: Option<&crate::model::joint::SignOff>) -> String {
    match sign_off {
        None => SignOffState::NotAsked.label().to_string(),
        Some(s) if s.note.is_empty() => s.state.label().to_string(),
        Some(s) => format!("{} — {}", s.state.label(), visible_line(&s.note)),
    }
}

/// "Question 2 (position, answer)".
pub fn describe_change(set: &QuestionSet, change: &joint::Change) -> String {
    let label = set
        .item(&change.item)
        .map_or(change.item.as_str(), |i| i.label.as_str());
    let mut what = Vec::new();
    if change.position.is_some() {
        what.push("position");
    }
    if change.answer {
        what.push("answer");
    }
    if change.reasoning {
        what.push("reasoning");
    }
    format!("{} ({})", visible_line(label), what.join(", "))
}

fn provenance(args: ProvenanceArgs, dirs: &Dirs, out: &mut dyn Write) -> Result<(), Failure> {
    let (_, set, response) = open_joint(&args.joint, dirs)?;
    let bytes = match args.format {
        ProvenanceFormat::Markdown => export::provenance::markdown(&response, &set).map(|mut text| {
            text.push('\n');
            text.into_bytes()
        }),
        ProvenanceFormat::Csv => export::provenance::csv(&response, &set),
    }
    .unwrap_or_default();
    match args.out {
        Some(path) => {
            refuse_overwrite(&path, args.force)?;
            write_file(&path, &bytes, NewFileMode::Shared)?;
            let _ = writeln!(out, "wrote {}", path.display());
        }
        None => {
            let _ = out.write_all(&bytes);
        }
    }
    Ok(())
}
