//! Editing a text in the user's own editor program: `$VISUAL`, else `$EDITOR`, else `vi`
//! (`notepad` on Windows). The text goes through a private temporary file; the caller
//! hands over the terminal while the program runs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor program and its arguments, from the environment. `EDITOR="code --wait"`
/// is split at spaces.
pub fn program() -> Vec<String> {
    let chosen = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty());
    let default = if cfg!(windows) { "notepad" } else { "vi" };
    chosen
        .unwrap_or_else(|| default.to_string())
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Opens `text` in the editor program and returns what it holds when the program ends.
/// A program that fails (or exits non-zero) leaves the text as it was: `Err` says why.
pub fn edit(text: &str) -> io::Result<String> {
    edit_with(&program(), text)
}

/// [`edit`] with a given program and arguments; the file's path is added last.
pub fn edit_with(program: &[String], text: &str) -> io::Result<String> {
    let file = TempText::new(text)?;
    let (name, args) = program
        .split_first()
        .ok_or_else(|| io::Error::other("no editor program set"))?;
    let status = Command::new(name)
        .args(args)
        .arg(&file.path)
        .status()
        .map_err(|e| io::Error::other(format!("cannot run the editor `{name}`: {e}")))?;
    if !status.success() {
        return Err(io::Error::other(format!(
            "the editor `{name}` stopped with {status}; the text is as it was"
        )));
    }
    let edited = fs::read_to_string(&file.path)?;
    Ok(settle(text, edited))
}

/// Editors end a file with a line break; the text keeps whether it had one.
fn settle(before: &str, after: String) -> String {
    let after = after.replace("\r\n", "\n");
    if !before.ends_with('\n') && after.ends_with('\n') {
        after[..after.len() - 1].to_string()
    } else {
        after
    }
}

/// A temporary file readable by its owner only, removed when dropped.
struct TempText {
    path: PathBuf,
}

impl TempText {
    fn new(text: &str) -> io::Result<TempText> {
        let dir = std::env::temp_dir();
        for attempt in 0..100u32 {
            let path = dir.join(format!("consult-{}-{attempt}.txt", std::process::id()));
            match create_private(&path) {
                Ok(mut file) => {
                    io::Write::write_all(&mut file, text.as_bytes())?;
                    return Ok(TempText { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::other("no free temporary file name"))
    }
}

impl Drop for TempText {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

fn create_private(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_keeps_whether_it_ended_with_a_line_break() {
        assert_eq!(settle("one", "one two\n".into()), "one two");
        assert_eq!(settle("one\n", "one two\n".into()), "one two\n");
        assert_eq!(settle("a", "a\r\nb\r\n".into()), "a\nb");
    }

    #[cfg(unix)]
    #[test]
    fn what_the_program_leaves_in_the_file_comes_back() {
        let append = |words: &str| {
            vec![
                "sh".to_string(),
                "-c".to_string(),
                format!("printf '{words}\\n' >> \"$0\""),
            ]
        };
        assert_eq!(
            edit_with(&append(" and more"), "Words").unwrap(),
            "Words and more"
        );
        let failing = vec!["sh".to_string(), "-c".to_string(), "exit 3".to_string()];
        let error = edit_with(&failing, "Words").unwrap_err().to_string();
        assert!(error.contains("the text is as it was"), "{error}");
    }

    #[test]
    fn the_temporary_file_is_private_and_goes_away() {
        let file = TempText::new("draft words").unwrap();
        let path = file.path.clone();
        assert_eq!(fs::read_to_string(&path).unwrap(), "draft words");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        drop(file);
        assert!(!path.exists());
    }
}
