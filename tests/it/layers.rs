//! The layers the code cannot leave. Every `crate::…` path in `src/` is read, and an
//! import that runs against the layers fails this test with its file and line:
//! - the domain (everything but `app`, `ui`, `tui`, `plain`, `cli`) never imports those five;
//! - `ui` draws and changes nothing: it never imports the update step, `tui` or `cli`;
//! - `app` and `plain` reach files only through `drafts`: no `storage`, no `std::fs`;
//! - `plain`, the line-by-line front end, stands beside `tui`: neither imports the other,
//!   and `plain` never imports `ui` or `cli`;
//! - `cli` never starts the full-screen app's parts, and clap lives only in `cli` and `main`;
//! - no two top-level modules import each other, directly or round a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const APP_LAYERS: [&str; 5] = ["app", "ui", "tui", "plain", "cli"];

/// One `crate::…` (or, in `main.rs`, `consult::…`) path in a source file.
#[derive(Debug)]
struct Import {
    file: String,
    line: usize,
    /// The path after `crate::`, e.g. `app::update::go_home`.
    path: String,
}

/// The top-level module a file belongs to: `src/app/update/walk.rs` is in `app`.
fn module_of(file: &str) -> String {
    let inside = file.trim_start_matches("src/");
    let first = inside.split('/').next().unwrap_or(inside);
    first.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Source lines without comments, numbered from 1. Test modules count as well: a
/// test inside the domain must not lean on the app either.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, line)| {
        let code = line.find("//").map_or(line, |at| &line[..at]);
        (i + 1, code)
    })
}

/// Every path that follows `root` (`crate::`) in `code`, expanding one level of braces:
/// `crate::{app::App, ui}` gives `app::App` and `ui`.
fn paths_after(code: &str, root: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(root) {
        let before = rest[..at].chars().last();
        rest = &rest[at + root.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // e.g. `mycrate::`
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            found.extend(
                group[..end]
                    .split(',')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty()),
            );
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            found.push(rest[..end].trim_end_matches(':').to_string());
        }
    }
    found
}

fn imports(root: &Path) -> (Vec<Import>, BTreeMap<String, String>) {
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut imports = Vec::new();
    let mut sources = BTreeMap::new();
    for path in files {
        let file = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).unwrap();
        let crate_root = if file == "src/main.rs" {
            "consult::"
        } else {
            "crate::"
        };
        for (line, code) in code_lines(&text) {
            for path in paths_after(code, crate_root) {
                imports.push(Import {
                    file: file.clone(),
                    line,
                    path,
                });
            }
        }
        sources.insert(file, text);
    }
    (imports, sources)
}

/// What is wrong with `import`, if anything.
fn violation(import: &Import) -> Option<String> {
    let from = module_of(&import.file);
    let to = import.path.split("::").next().unwrap_or("").to_string();
    let domain = !APP_LAYERS.contains(&from.as_str()) && from != "main" && from != "lib";
    if domain && APP_LAYERS.contains(&to.as_str()) {
        return Some(format!("the domain module `{from}` must not import from `{to}`"));
    }
    match from.as_str() {
        "ui" if import.path.starts_with("app::update") || to == "tui" || to == "plain" || to == "cli" => {
            Some(format!("drawing must not reach `{to}` or the update step"))
        }
        "app" if to == "ui" || to == "tui" || to == "plain" || to == "cli" => {
            Some(format!("the app's state and update step must not import `{to}`"))
        }
        "app" | "plain" if to == "storage" => Some(format!("`{from}` reaches files only through `drafts`")),
        "cli" if to == "app" || to == "ui" || to == "tui" || to == "plain" => {
            Some(format!("the command line must not import `{to}`"))
        }
        "tui" if to == "cli" || to == "plain" => Some(format!("the terminal loop must not import `{to}`")),
        "plain" if to == "cli" || to == "ui" || to == "tui" => Some(format!(
            "plain mode is a front end beside `tui` and must not import `{to}`"
        )),
        _ => None,
    }
}

/// Lines that use what a layer must never touch, beyond `crate::` paths.
fn forbidden_words(sources: &BTreeMap<String, String>) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in sources {
        let module = module_of(file);
        for (line, code) in code_lines(text) {
            if (module == "app" || module == "plain") && code.contains("std::fs") {
                found.push(format!(
                    "{file}:{line}: `{module}` reaches files only through `drafts`"
                ));
            }
            if module != "cli" && module != "main" && code.contains("clap") {
                found.push(format!("{file}:{line}: clap stays in the command-line layer"));
            }
        }
    }
    found
}

/// A cycle among the top-level modules, as `a → b → a`, if there is one.
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

fn top_level_edges(imports: &[Import]) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for import in imports {
        let from = module_of(&import.file);
        let to = import.path.split("::").next().unwrap_or("").to_string();
        if from != to && from != "main" && from != "lib" && !to.is_empty() {
            edges.entry(from).or_default().insert(to);
        }
    }
    edges
}

#[test]
fn no_import_runs_against_the_layers() {
    let (imports, sources) = imports(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(
        imports.len() > 100,
        "the scan found the imports ({})",
        imports.len()
    );
    let mut problems: Vec<String> = imports
        .iter()
        .filter_map(|i| violation(i).map(|why| format!("{}:{}: `crate::{}`: {why}", i.file, i.line, i.path)))
        .collect();
    problems.extend(forbidden_words(&sources));
    assert!(
        problems.is_empty(),
        "imports against the layers:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_top_level_modules_import_each_other_round_a_cycle() {
    let (imports, _) = imports(Path::new(env!("CARGO_MANIFEST_DIR")));
    let edges = top_level_edges(&imports);
    if let Some(cycle) = cycle(&edges) {
        let pairs: Vec<String> = cycle
            .windows(2)
            .map(|pair| {
                let first = imports
                    .iter()
                    .find(|i| module_of(&i.file) == pair[0] && i.path.split("::").next() == Some(&pair[1]))
                    .map_or_else(String::new, |i| format!(" ({}:{})", i.file, i.line));
                format!("{} → {}{first}", pair[0], pair[1])
            })
            .collect();
        panic!("import cycle:\n{}", pairs.join("\n"));
    }
}

#[test]
fn the_checks_catch_what_they_are_for() {
    let backward = Import {
        file: "src/drafts/recovery.rs".into(),
        line: 7,
        path: "app::App".into(),
    };
    assert!(violation(&backward).is_some());
    let drawing_updates = Import {
        file: "src/ui/dialog.rs".into(),
        line: 3,
        path: "app::update::export_paths".into(),
    };
    assert!(violation(&drawing_updates).is_some());
    let plain_on_the_screen = Import {
        file: "src/plain/walk.rs".into(),
        line: 9,
        path: "tui::terminal::enter".into(),
    };
    assert!(violation(&plain_on_the_screen).is_some());
    let plain_in_the_domain = Import {
        file: "src/export/markdown.rs".into(),
        line: 4,
        path: "plain::print".into(),
    };
    assert!(violation(&plain_in_the_domain).is_some());
    let plain_on_a_draft = Import {
        file: "src/plain/mod.rs".into(),
        line: 20,
        path: "app::Draft".into(),
    };
    assert!(violation(&plain_on_a_draft).is_none());
    let fine = Import {
        file: "src/ui/walk.rs".into(),
        line: 3,
        path: "app::App".into(),
    };
    assert!(violation(&fine).is_none());
    assert_eq!(
        paths_after("use crate::{app::App, ui};", "crate::"),
        ["app::App", "ui"]
    );
    let mut edges = BTreeMap::new();
    edges.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    edges.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycle(&edges).unwrap(), ["a", "b", "a"]);
}
