//! Every writer with `--out`, through the real binary: a regular file is replaced whole
//! (with --force), a pipe or a character device is written into, `-` is standard output,
//! and nothing else is ever replaced by an ordinary file.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::sandbox::{Run, Sandbox, run};

/// A command that writes one document, and how it treats `--out FOLDER`.
struct Writer {
    name: &'static str,
    args: fn(&Sandbox) -> Vec<String>,
    /// `export`, `new` and `joint new` write a file of their own naming into a folder;
    /// the rest refuse one.
    names_a_file_in_a_folder: bool,
    /// Words every document it writes holds.
    marker: &'static str,
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("exports/samples")
        .join(name)
        .display()
        .to_string()
}

const OURS: &str = "health-devolution-commission-integrating-care.json";
const OTHERS: &str = "local-government-association-integrating-care.json";

/// A joint response of the two samples, made in the sandbox for `joint provenance`.
fn joint_file(sandbox: &Sandbox) -> String {
    let path = sandbox.path().join("joint-source.json");
    if !path.exists() {
        let made = run(sandbox.consult(&[
            "joint",
            "new",
            "--org",
            "Network",
            &sample(OURS),
            &sample(OTHERS),
            "--out",
            path.to_str().unwrap(),
        ]));
        assert_eq!(made.code, 0, "{}", made.stderr);
    }
    path.display().to_string()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

const WRITERS: &[Writer] = &[
    Writer {
        name: "export md",
        args: |_| strings(&["export", &sample(OURS), "--format", "md"]),
        names_a_file_in_a_folder: true,
        marker: "Health Devolution Commission",
    },
    Writer {
        name: "export docx",
        args: |_| strings(&["export", &sample(OURS), "--format", "docx"]),
        names_a_file_in_a_folder: true,
        marker: "PK",
    },
    Writer {
        name: "joint new",
        args: |_| strings(&["joint", "new", "--org", "Network", &sample(OURS), &sample(OTHERS)]),
        names_a_file_in_a_folder: true,
        marker: "\"Network\"",
    },
    Writer {
        name: "compare",
        args: |_| strings(&["compare", "--format", "md", &sample(OURS), &sample(OTHERS)]),
        names_a_file_in_a_folder: false,
        marker: "Local Government Association",
    },
    Writer {
        name: "joint provenance",
        args: |sandbox| strings(&["joint", "provenance", &joint_file(sandbox)]),
        names_a_file_in_a_folder: false,
        marker: "Network",
    },
    Writer {
        name: "questions import",
        args: |_| strings(&["questions", "import", &sample("integrating-care.outline.md")]),
        names_a_file_in_a_folder: false,
        marker: "\"integrating-care",
    },
    Writer {
        name: "questions export",
        args: |_| strings(&["questions", "export", "--format", "outline", "integrating-care"]),
        names_a_file_in_a_folder: false,
        marker: "Integrating care",
    },
    Writer {
        name: "new",
        args: |_| strings(&["new", "--questions", "integrating-care", "--org", "Newcomers"]),
        names_a_file_in_a_folder: true,
        marker: "\"Newcomers\"",
    },
    Writer {
        name: "merge",
        args: |_| strings(&["merge", &sample(OURS), &sample(OURS)]),
        names_a_file_in_a_folder: false,
        marker: "Health Devolution Commission",
    },
];

/// `writer` run with `--out out` and `extra` arguments.
fn write_to(sandbox: &Sandbox, writer: &Writer, out: &Path, extra: &[&str]) -> Run {
    let mut args = (writer.args)(sandbox);
    args.extend(["--out".to_string(), out.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(sandbox.consult(&args))
}

fn contains(bytes: &[u8], marker: &str) -> bool {
    bytes.windows(marker.len()).any(|w| w == marker.as_bytes())
}

#[cfg(unix)]
fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[cfg(unix)]
#[test]
fn every_writer_streams_into_a_named_pipe_and_leaves_it_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    for writer in WRITERS {
        let sandbox = Sandbox::new();
        let pipe = sandbox.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status().unwrap();
        assert!(made.success());
        // The reader waits for the writer to open the pipe, then reads to its end.
        let reader = {
            let pipe = pipe.clone();
            std::thread::spawn(move || fs::read(pipe).unwrap())
        };
        let written = write_to(&sandbox, writer, &pipe, &["--force"]);
        assert_eq!(written.code, 0, "{}: {}", writer.name, written.stderr);
        let read = reader.join().unwrap();
        assert!(
            contains(&read, writer.marker),
            "{}: the pipe got {} bytes",
            writer.name,
            read.len()
        );
        assert!(
            fs::metadata(&pipe).unwrap().file_type().is_fifo(),
            "{}",
            writer.name
        );
        assert!(
            !written.stdout.contains("wrote"),
            "{}: {}",
            writer.name,
            written.stdout
        );
    }
}

#[cfg(unix)]
#[test]
fn every_writer_writes_into_a_character_device_and_never_replaces_it() {
    use std::os::unix::fs::FileTypeExt;
    if !is_root() {
        println!("skipped: making a device node with mknod needs root");
        return;
    }
    for writer in WRITERS {
        let sandbox = Sandbox::new();
        let null = sandbox.path().join("null");
        // The same device as /dev/null: major 1, minor 3.
        let made = std::process::Command::new("mknod")
            .args([null.to_str().unwrap(), "c", "1", "3"])
            .status()
            .unwrap();
        assert!(made.success());
        for extra in [&[][..], &["--force"][..]] {
            let written = write_to(&sandbox, writer, &null, extra);
            assert_eq!(written.code, 0, "{} {extra:?}: {}", writer.name, written.stderr);
            let kind = fs::symlink_metadata(&null).unwrap().file_type();
            assert!(
                kind.is_char_device(),
                "{}: the device is still a device",
                writer.name
            );
        }
    }
}

#[test]
fn every_text_writer_writes_to_standard_output_for_a_dash() {
    for writer in WRITERS.iter().filter(|w| w.name != "export docx") {
        let sandbox = Sandbox::new();
        let written = write_to(&sandbox, writer, Path::new("-"), &[]);
        assert_eq!(written.code, 0, "{}: {}", writer.name, written.stderr);
        assert!(
            written.stdout.contains(writer.marker),
            "{}: {}",
            writer.name,
            written.stdout
        );
        assert!(!sandbox.path().join("-").exists(), "{}", writer.name);
    }
}

#[test]
fn a_folder_is_never_replaced() {
    for writer in WRITERS {
        let sandbox = Sandbox::new();
        let folder = sandbox.path().join("out");
        fs::create_dir(&folder).unwrap();
        let written = write_to(&sandbox, writer, &folder, &["--force"]);
        assert!(folder.is_dir(), "{}", writer.name);
        if writer.names_a_file_in_a_folder {
            assert_eq!(written.code, 0, "{}: {}", writer.name, written.stderr);
            assert_eq!(fs::read_dir(&folder).unwrap().count(), 1, "{}", writer.name);
        } else {
            assert_eq!(written.code, 1, "{}: {}", writer.name, written.stderr);
            assert!(
                written.stderr.contains("is a folder"),
                "{}: {}",
                writer.name,
                written.stderr
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_socket_is_refused_with_a_clear_message() {
    for writer in WRITERS {
        let sandbox = Sandbox::new();
        let socket = sandbox.path().join("socket");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let written = write_to(&sandbox, writer, &socket, &["--force"]);
        assert_eq!(written.code, 1, "{}: {}", writer.name, written.stderr);
        assert!(
            written
                .stderr
                .contains("is a socket; consult writes only to a regular file"),
            "{}: {}",
            writer.name,
            written.stderr
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_keeps_pointing_at_its_file_which_is_replaced_only_with_force() {
    for writer in WRITERS {
        let sandbox = Sandbox::new();
        let real = sandbox.path().join("real.out");
        let link = sandbox.path().join("link.out");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let refused = write_to(&sandbox, writer, &link, &[]);
        assert_eq!(refused.code, 1, "{}: {}", writer.name, refused.stderr);
        assert!(
            refused.stderr.contains("pass --force"),
            "{}: {}",
            writer.name,
            refused.stderr
        );
        assert_eq!(fs::read(&real).unwrap(), b"old", "{}", writer.name);

        let written = write_to(&sandbox, writer, &link, &["--force"]);
        assert_eq!(written.code, 0, "{}: {}", writer.name, written.stderr);
        assert!(
            fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
            "{}",
            writer.name
        );
        assert!(
            contains(&fs::read(&real).unwrap(), writer.marker),
            "{}",
            writer.name
        );
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_without_force_and_stays_read_only_with_it() {
    use std::os::unix::fs::PermissionsExt;
    for writer in WRITERS {
        let sandbox = Sandbox::new();
        let file = sandbox.path().join("kept.out");
        fs::write(&file, "old").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
        let refused = write_to(&sandbox, writer, &file, &[]);
        assert_eq!(refused.code, 1, "{}: {}", writer.name, refused.stderr);
        assert!(
            refused
                .stderr
                .contains("is read-only; pass --force to overwrite it"),
            "{}: {}",
            writer.name,
            refused.stderr
        );
        assert_eq!(fs::read(&file).unwrap(), b"old");

        let written = write_to(&sandbox, writer, &file, &["--force"]);
        assert_eq!(written.code, 0, "{}: {}", writer.name, written.stderr);
        assert!(
            contains(&fs::read(&file).unwrap(), writer.marker),
            "{}",
            writer.name
        );
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o222, 0, "{}: still read-only, {mode:o}", writer.name);
    }
}

#[test]
fn a_quoted_tilde_is_the_home_folder() {
    for writer in WRITERS {
        let sandbox = Sandbox::new();
        let home = sandbox.path().join("home");
        fs::create_dir(&home).unwrap();
        let mut args = (writer.args)(&sandbox);
        args.extend(["--out".into(), "~/written.out".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut command = sandbox.consult(&args);
        command.env("HOME", &home);
        let written = run(command);
        assert_eq!(written.code, 0, "{}: {}", writer.name, written.stderr);
        assert!(home.join("written.out").is_file(), "{}", writer.name);
        assert!(
            !sandbox.path().join("~").exists(),
            "{}: no folder named ~",
            writer.name
        );
    }
}

/// Who may read `path`, as Unix permission bits.
#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn an_export_of_a_private_draft_is_private_and_of_a_group_readable_one_stays_group_readable() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    for (draft_mode, group_bits) in [(0o600, 0o000), (0o640, 0o040)] {
        let draft: PathBuf = sandbox.path().join(format!("draft-{draft_mode:o}.json"));
        fs::copy(sample(OURS), &draft).unwrap();
        fs::set_permissions(&draft, fs::Permissions::from_mode(draft_mode)).unwrap();
        for format in ["md", "json", "docx", "html", "text", "fhir"] {
            let out = sandbox.path().join(format!("out-{draft_mode:o}.{format}"));
            let args = [
                "export",
                draft.to_str().unwrap(),
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ];
            let written = run(sandbox.consult(&args));
            assert_eq!(written.code, 0, "{}", written.stderr);
            assert_eq!(
                mode(&out) & 0o077,
                group_bits,
                "{format} of a {draft_mode:o} draft"
            );
            // An existing, more open export is narrowed too.
            fs::set_permissions(&out, fs::Permissions::from_mode(0o666)).unwrap();
            let again = run(sandbox.consult(&[&args[..], &["--force"]].concat()));
            assert_eq!(again.code, 0, "{}", again.stderr);
            assert_eq!(mode(&out) & 0o077, group_bits & 0o066, "{format} again");
        }
    }
}
