//! `consult joint`: start a joint response from members' responses, see who has signed
//! off, and write where each passage came from.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::{
    JointArgs, JointCommand, JointFileArgs, JointNewArgs, JointStatusArgs, ProvenanceArgs, ProvenanceFormat,
};
use super::compare::gather;
use super::paths;
use super::shared::{Failure, known_sets, name, out_target, say_written, write_out};
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::documents;
use crate::drafts::{self, joint::MemberNow};
use crate::export::{self, Format};
use crate::joint::{self, members};
use crate::model::joint::SignOffState;
use crate::model::{QuestionSet, Response};
use crate::storage::{NewFileMode, SourceMode};
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
    // Members' documents become responses beside the joint response, which names them.
    let beside = match &args.out {
        Some(out)
            if out.is_dir()
                || out
                    .as_os_str()
                    .to_string_lossy()
                    .ends_with(std::path::is_separator) =>
        {
            out.clone()
        }
        Some(out) => out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        None => dirs.drafts(),
    };
    let (files, imported) = super::import::documents_among(files, &catalog, set.as_ref(), &beside, false)?;
    for line in &imported {
        let _ = writeln!(out, "{line}");
    }
    let mut opened = Vec::new();
    for file in &files {
        opened.push(documents::open_response(file, &catalog, set.as_ref())?);
    }
    // Every member answers the set the first one answers (joint::start checks the others).
    let set = opened[0].set.clone();
    let placeholder = Response::new(&set, args.org.trim());
    let (path, target) = match &args.out {
        Some(out) => {
            let path = paths::out_file(out, |dir| export::default_path(dir, &placeholder, Format::Json))?;
            let target = out_target(&path, args.force)?;
            (path, target)
        }
        None => {
            let path = drafts::new_draft_path(&dirs.drafts(), &placeholder)
                .map_err(|e| Failure::io(&dirs.drafts(), &e))?;
            (path.clone(), crate::out::Target::File(path))
        }
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
    let json = export::json::render(&response);
    crate::parse::writable(json.as_bytes())
        .map_err(|why| Failure::bad_input(format!("{}: {why}", name(&path))))?;
    write_out(&target, NewFileMode::Private, out, |o| {
        o.write_all(json.as_bytes())
    })?;
    if target.is_file() {
        // Taken from these folders here, by this user: read from them again without asking.
        drafts::joint::allow_member_folders(
            dirs,
            &drafts::DraftId::of(&path),
            files.iter().map(PathBuf::as_path),
        );
    }
    say_written(out, &target, || {
        format!(
            "wrote {}: a joint response of {} members; open it with `consult edit {}`",
            path.display(),
            members.len(),
            path.display()
        )
    });
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

fn status(
    args: JointStatusArgs,
    dirs: &Dirs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let (catalog, set, response) = open_joint(&args.joint, dirs)?;
    let args_file = &args.joint.file;
    let joint = response.joint.as_ref().expect("checked");
    let zone = jiff::tz::TimeZone::system();
    let [agreed, objected, not_asked] = joint::sign_off::counts(joint, None);
    let _ = writeln!(
        out,
        "{}: joint response from {} with {} members; on the whole response {agreed} agreed, {objected} objected, {not_asked} not asked",
        name(args_file),
        visible_line(&response.respondent.organisation),
        joint.members.len()
    );
    let allowed = if args.allow_member_path {
        drafts::joint::MemberFolders::EVERYWHERE
    } else {
        drafts::joint::member_folders(dirs, &drafts::DraftId::of(args_file))
    };
    let now = drafts::joint::members_now(args_file, joint, &catalog, &set, &allowed);
    for (member, now) in joint.members.iter().zip(&now) {
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
        match now {
            MemberNow::Read(now) if members::has_changed(member, now) => {
                let changed: Vec<String> = members::changes(member, now, &set)
                    .iter()
                    .map(|c| describe_change(&set, c))
                    .collect();
                let _ = writeln!(out, "  changed since taken: {}", changed.join("; "));
            }
            MemberNow::Read(_) => {}
            MemberNow::Outside(_) => {
                let why = now.problem(name).unwrap_or_default();
                let _ = writeln!(
                    err,
                    "{}: cannot check for changes: {why} (--allow-member-path reads it)",
                    visible_line(name)
                );
            }
            _ => {
                let why = now.problem(name).unwrap_or_default();
                let _ = writeln!(err, "{}: cannot check for changes: {why}", visible_line(name));
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
            let target = out_target(&path, args.force)?;
            let mode = NewFileMode::NoMoreOpenThan(SourceMode::of(&args.joint.file));
            write_out(&target, mode, out, |o| o.write_all(&bytes))?;
            say_written(out, &target, || {
                format!("wrote {}", paths::expand(&path).display())
            });
        }
        None => {
            let _ = out.write_all(&bytes);
        }
    }
    Ok(())
}
