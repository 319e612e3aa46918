//! The real `consult` binary on the command line, over a scratch folder of its own.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

use super::{dirs, folders_env};

/// A scratch folder that is also consult's data and config folder (see [`dirs`]), so no
/// test reads or writes the real ones.
pub struct Sandbox {
    dir: TempDir,
    time_zone: Option<&'static str>,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
            time_zone: None,
        }
    }

    /// A sandbox whose consult runs in the time zone `tz` (a `TZ` value such as `JST-9`),
    /// whatever the machine's own.
    pub fn in_time_zone(tz: &'static str) -> Self {
        Sandbox {
            time_zone: Some(tz),
            ..Sandbox::new()
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn data(&self) -> PathBuf {
        dirs(self.path()).data
    }

    pub fn config(&self) -> PathBuf {
        dirs(self.path()).config
    }

    /// `consult ARGS` run in the sandbox.
    pub fn consult(&self, args: &[&str]) -> Command {
        self.consult_in(self.path(), args)
    }

    /// `consult ARGS` run in `cwd`, with the sandbox's data and config folders.
    pub fn consult_in(&self, cwd: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_consult"));
        cmd.args(args)
            .current_dir(cwd)
            .envs(folders_env(self.path()))
            .env_remove("RUST_BACKTRACE");
        if let Some(tz) = self.time_zone {
            cmd.env("TZ", tz);
        }
        cmd
    }
}

/// What a run of consult gave back.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` to its end; fails the test if consult was killed or panicked.
pub fn run(mut cmd: Command) -> Run {
    let output = cmd.output().unwrap();
    let run = Run {
        code: output.status.code().expect("consult was killed by a signal"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "consult panicked:\n{}",
        run.stderr
    );
    run
}
