//! What the compiler does not keep about how the code is laid out. Every path in `src/`
//! and `crates/consult-core/src/` that starts `crate::`, `super::`, `self::` (or names the
//! other crate) is read and resolved to the file it reaches, and a test fails naming the
//! file and line of any of these:
//! - an import cycle between any two files, round however many others;
//! - `app` and `plain` reaching files other than through the core's `drafts`: no
//!   `storage`, no `std::fs`;
//! - `ui` reaching the update step, `tui`, `plain` or `cli`: it draws and changes nothing;
//! - `plain` (the line-by-line front end) and `tui` importing each other, or `plain`
//!   importing `ui` or `cli`; `app` importing any front end; `cli` starting the app's parts;
//! - clap anywhere but `cli` and `main.rs`.
//!
//! The domain cannot import the app: it is a crate of its own, which the compiler keeps so
//! as long as the core's Cargo.toml names nothing terminal- or command-line-shaped; a test
//! here holds that.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

/// The app's crate and the core's, as folders from the repository's root.
const APP: &str = "src";
const CORE: &str = "crates/consult-core/src";

/// The core must never depend on these.
const NOT_IN_CORE: [&str; 5] = ["ratatui", "crossterm", "clap", "indicatif", "signal-hook"];

/// One source file: where it is, which crate and module it is, and its code with comments
/// and literals blanked out (so that offsets and line numbers stay as in the file).
struct Source {
    file: String,
    krate: &'static str,
    module: Vec<String>,
    code: String,
}

/// One path in a file that reaches another file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edge {
    from: String,
    line: usize,
    to: String,
    path: String,
}

fn rust_files(root: &Path, dir: &str, out: &mut Vec<(String, String)>) {
    let mut pending = vec![root.join(dir)];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let file = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((file, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
}

/// Every file of both crates, as (path from the root, text).
fn repository_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(root, APP, &mut files);
    rust_files(root, CORE, &mut files);
    files.sort();
    files
}

/// The crate folder and module path of a file: `src/app/draft.rs` is `app::draft` of
/// the app, `src/app/mod.rs` is `app`, `src/lib.rs` the root.
fn module_of(file: &str) -> (&'static str, Vec<String>) {
    let (krate, inside) = match file.strip_prefix(CORE) {
        Some(rest) => (CORE, rest),
        None => (APP, file.strip_prefix(APP).unwrap_or(file)),
    };
    let mut parts: Vec<String> = inside
        .trim_start_matches('/')
        .split('/')
        .map(str::to_string)
        .collect();
    let last = parts.pop().unwrap_or_default();
    match last.as_str() {
        "mod.rs" | "lib.rs" => {}
        // The binary is a crate of its own, above the library.
        "main.rs" if parts.is_empty() => parts.push("main".into()),
        name => parts.push(name.trim_end_matches(".rs").to_string()),
    }
    (krate, parts)
}

/// `text` with comments, strings and character literals turned to spaces, newlines kept.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char, out: &mut String| {
        out.extend(std::iter::repeat_n(
            if c == '\n' { '\n' } else { ' ' },
            c.len_utf8(),
        ))
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        let end = if c == '/' && next == Some('/') {
            chars[i..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |n| i + n)
        } else if c == '/' && next == Some('*') {
            let (mut depth, mut j) = (0, i);
            loop {
                match (chars.get(j), chars.get(j + 1)) {
                    (Some('/'), Some('*')) => (depth, j) = (depth + 1, j + 2),
                    (Some('*'), Some('/')) if depth == 1 => break j + 2,
                    (Some('*'), Some('/')) => (depth, j) = (depth - 1, j + 2),
                    (Some(_), _) => j += 1,
                    (None, _) => break j,
                }
            }
        } else if c == 'r' && !ident_before && matches!(next, Some('"' | '#')) {
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) == Some(&'"') {
                let mut j = i + 2 + hashes;
                while j < chars.len()
                    && !(chars[j] == '"'
                        && chars[j + 1..].iter().take(hashes).filter(|&&c| c == '#').count() == hashes)
                {
                    j += 1;
                }
                (j + 1 + hashes).min(chars.len())
            } else {
                i
            }
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            (j + 1).min(chars.len())
        } else if c == '\'' && next == Some('\\') {
            let close = chars
                .get(i + 3..)
                .and_then(|rest| rest.iter().position(|&c| c == '\''));
            close.map_or(chars.len(), |n| i + 4 + n)
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i + 3
        } else {
            i
        };
        if end == i {
            out.push(c);
            i += 1;
        } else {
            chars[i..end].iter().for_each(|&c| blank(c, &mut out));
            i = end;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The modules written inline (`mod tests { … }`): their byte range and name.
fn inline_modules(code: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("mod ").map(|n| from + n) {
        from = at + 4;
        if at > 0 && is_ident(code[..at].chars().next_back().unwrap()) {
            continue;
        }
        let rest = &code[at + 4..];
        let name: String = rest.trim_start().chars().take_while(|&c| is_ident(c)).collect();
        let after = rest.trim_start()[name.len()..].trim_start();
        if name.is_empty() || !after.starts_with('{') {
            continue;
        }
        let open = code.len() - after.len();
        let mut depth = 0;
        let close = (open..bytes.len())
            .find(|&i| {
                match bytes[i] {
                    b'{' => depth += 1,
                    b'}' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .unwrap_or(bytes.len());
        found.push((open..close, name));
    }
    found
}

/// Reads a use tree (or a plain path) at `*at`: `a::b`, `a::{b, c::{d, self}}`, `a::*`.
/// Each leaf is pushed with the offset it starts at.
fn use_tree(code: &str, at: &mut usize, prefix: &[String], out: &mut Vec<(Vec<String>, usize)>) {
    let skip_space = |at: &mut usize| {
        while code[*at..].starts_with(char::is_whitespace) {
            *at += code[*at..].chars().next().unwrap().len_utf8();
        }
    };
    skip_space(at);
    if code[*at..].starts_with('{') {
        *at += 1;
        loop {
            use_tree(code, at, prefix, out);
            skip_space(at);
            match code[*at..].chars().next() {
                Some(',') => *at += 1,
                Some('}') => {
                    *at += 1;
                    return;
                }
                _ => return,
            }
            skip_space(at);
            if code[*at..].starts_with('}') {
                *at += 1;
                return;
            }
        }
    }
    let start = *at;
    let name: String = code[start..].chars().take_while(|&c| is_ident(c)).collect();
    *at += name.len();
    let mut path = prefix.to_vec();
    if !name.is_empty() && name != "self" {
        path.push(name);
    }
    if code[*at..].starts_with("::") && !code[*at + 2..].starts_with('<') {
        *at += 2;
        use_tree(code, at, &path, out);
    } else {
        out.push((path, start));
        // `a::b as c`: the alias is no path.
        let rest = code[*at..].trim_start();
        if let Some(alias) = rest
            .strip_prefix("as")
            .filter(|r| r.starts_with(char::is_whitespace))
        {
            let alias = alias.trim_start();
            let name = alias.chars().take_while(|&c| is_ident(c)).count();
            *at = code.len() - alias.len() + name;
        }
    }
}

/// Every path in `code` that starts at one of `roots` (`crate`, `super`, …), as written
/// (the root kept as its first segment), with its offset.
fn rooted_paths(code: &str, roots: &[&str]) -> Vec<(Vec<String>, usize)> {
    let mut found = Vec::new();
    for root in roots {
        let pattern = format!("{root}::");
        let mut from = 0;
        while let Some(at) = code[from..].find(&pattern).map(|n| from + n) {
            from = at + pattern.len();
            let before = code[..at].chars().next_back();
            // `a::super::` is read from `a`; `x_crate::` is another name.
            if before.is_some_and(|c| is_ident(c) || c == ':' || c == '$') {
                continue;
            }
            let mut end = from;
            use_tree(code, &mut end, &[root.to_string()], &mut found);
        }
    }
    found
}

/// The files, read: each one's crate, module and code.
fn sources(files: &[(String, String)]) -> Vec<Source> {
    files
        .iter()
        .map(|(file, text)| {
            let (krate, module) = module_of(file);
            Source {
                file: file.clone(),
                krate,
                module,
                code: code_only(text),
            }
        })
        .collect()
}

/// The names the app's `lib.rs` re-exports from the core (`crate::model` is the core's `model`).
fn core_reexports(sources: &[Source]) -> BTreeSet<String> {
    let lib = sources.iter().find(|s| s.krate == APP && s.module.is_empty());
    lib.map(|lib| {
        rooted_paths(&lib.code, &["consult_core"])
            .into_iter()
            .filter_map(|(path, _)| path.get(1).cloned())
            .collect()
    })
    .unwrap_or_default()
}

/// Every file-to-file edge: each path resolved to the deepest module file it names.
fn edges(sources: &[Source]) -> Vec<Edge> {
    let files: BTreeMap<(&str, &[String]), &str> = sources
        .iter()
        .map(|s| ((s.krate, s.module.as_slice()), s.file.as_str()))
        .collect();
    let reexported = core_reexports(sources);
    let mut edges = Vec::new();
    for source in sources {
        let inline = inline_modules(&source.code);
        let roots: &[&str] = match (source.krate, source.module.as_slice()) {
            (APP, [main]) if main == "main" => &["consult", "consult_core"],
            (APP, _) => &["crate", "super", "self", "consult_core"],
            _ => &["crate", "super", "self"],
        };
        for (path, offset) in rooted_paths(&source.code, roots) {
            // The module the path is written in, with any inline modules it sits inside.
            let mut here = source.module.clone();
            here.extend(
                inline
                    .iter()
                    .filter(|(range, _)| range.contains(&offset))
                    .map(|(_, name)| name.clone()),
            );
            let (mut krate, mut module, rest): (&str, Vec<String>, &[String]) = match path[0].as_str() {
                "crate" => (source.krate, Vec::new(), &path[1..]),
                "consult" => (APP, Vec::new(), &path[1..]),
                "consult_core" => (CORE, Vec::new(), &path[1..]),
                "self" => (source.krate, here, &path[1..]),
                _ => {
                    let ups = path.iter().take_while(|p| *p == "super").count();
                    here.truncate(here.len().saturating_sub(ups));
                    (source.krate, here, &path[ups..])
                }
            };
            module.extend(rest.iter().cloned());
            if krate == APP && module.first().is_some_and(|m| reexported.contains(m)) {
                krate = CORE;
            }
            let to = (0..=module.len())
                .rev()
                .find_map(|n| files.get(&(krate, &module[..n])))
                .copied();
            if let Some(to) = to
                && to != source.file
            {
                edges.push(Edge {
                    from: source.file.clone(),
                    line: source.code[..offset].matches('\n').count() + 1,
                    to: to.to_string(),
                    path: path.join("::"),
                });
            }
        }
    }
    edges
}

/// Every import cycle, each as its edges in order, shortest first within each knot of files.
fn cycles(edges: &[Edge]) -> Vec<Vec<Edge>> {
    let mut next: BTreeMap<&str, BTreeMap<&str, &Edge>> = BTreeMap::new();
    for edge in edges {
        next.entry(&edge.from)
            .or_default()
            .entry(&edge.to)
            .or_insert(edge);
    }
    // Two files are in one knot when each reaches the other.
    let reach = |from: &str| {
        let mut seen = BTreeSet::from([from.to_string()]);
        let mut queue = VecDeque::from([from.to_string()]);
        while let Some(file) = queue.pop_front() {
            for to in next.get(file.as_str()).into_iter().flat_map(|n| n.keys()) {
                if seen.insert(to.to_string()) {
                    queue.push_back(to.to_string());
                }
            }
        }
        seen
    };
    let mut found = Vec::new();
    let mut placed = BTreeSet::new();
    for &start in next.keys() {
        if placed.contains(start) {
            continue;
        }
        // The shortest way back to `start`, breadth first.
        let mut came_from: BTreeMap<&str, &Edge> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        let mut back = None;
        while let Some(file) = queue.pop_front() {
            for (&to, &edge) in next.get(file).into_iter().flatten() {
                if to == start {
                    back = Some(edge);
                    break;
                }
                if !came_from.contains_key(to) {
                    came_from.insert(to, edge);
                    queue.push_back(to);
                }
            }
            if back.is_some() {
                break;
            }
        }
        let Some(last) = back else { continue };
        let mut cycle = vec![last.clone()];
        let mut at = last.from.as_str();
        while at != start {
            let edge = came_from[at];
            cycle.push(edge.clone());
            at = &edge.from;
        }
        cycle.reverse();
        let knot = reach(start);
        placed.extend(knot.into_iter().filter(|file| reach(file).contains(start)));
        found.push(cycle);
    }
    found
}

/// The folder of the app a file is in (`app`, `ui`, …), or `core`.
fn layer(file: &str) -> &str {
    match file.strip_prefix("src/") {
        Some(inside) => inside.split('/').next().unwrap_or("").trim_end_matches(".rs"),
        None => "core",
    }
}

/// Why `edge` runs against the layers, if it does.
fn violation(edge: &Edge) -> Option<String> {
    let (from, to) = (layer(&edge.from), layer(&edge.to));
    let front_ends = ["ui", "tui", "plain", "cli"];
    match from {
        "app" | "plain" if edge.to == format!("{CORE}/storage.rs") => {
            Some(format!("`{from}` reaches files only through the core's `drafts`"))
        }
        "app" if front_ends.contains(&to) => {
            Some(format!("the app's state and update step must not import `{to}`"))
        }
        "ui" if edge.to.starts_with("src/app/update") || ["tui", "plain", "cli"].contains(&to) => {
            Some(format!("drawing must not reach `{to}` or the update step"))
        }
        "plain" if ["ui", "tui", "cli"].contains(&to) => Some(format!(
            "plain mode is a front end beside `tui` and must not import `{to}`"
        )),
        "tui" if to == "plain" || to == "cli" => Some(format!("the terminal loop must not import `{to}`")),
        "cli" if ["app", "ui", "tui", "plain"].contains(&to) => {
            Some(format!("the command line must not import `{to}`"))
        }
        _ => None,
    }
}

/// Lines that use what their layer must never touch, beyond paths to other files.
fn forbidden_uses(sources: &[Source]) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources {
        let layer = layer(&source.file);
        let line = |offset: usize| source.code[..offset].matches('\n').count() + 1;
        if layer == "app" || layer == "plain" {
            for (path, offset) in rooted_paths(&source.code, &["std"]) {
                if path.get(1).is_some_and(|p| p == "fs") {
                    found.push(format!(
                        "{}:{}: `std::fs`: `{layer}` reaches files only through the core's `drafts`",
                        source.file,
                        line(offset)
                    ));
                }
            }
        }
        if layer != "cli" && layer != "main" {
            for (path, offset) in rooted_paths(&source.code, &["clap"]) {
                found.push(format!(
                    "{}:{}: `{}`: clap stays in the command-line layer",
                    source.file,
                    line(offset),
                    path.join("::")
                ));
            }
        }
        if source.krate == CORE {
            for (path, offset) in rooted_paths(&source.code, &["consult"]) {
                found.push(format!(
                    "{}:{}: `{}`: the core never reaches the app",
                    source.file,
                    line(offset),
                    path.join("::")
                ));
            }
        }
    }
    found
}

/// A cycle as the lines that make it, one file to the next.
fn describe(cycle: &[Edge]) -> String {
    cycle
        .iter()
        .map(|e| format!("  {}:{} → {} (`{}`)", e.from, e.line, e.to, e.path))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_two_files_import_each_other_round_a_cycle() {
    let sources = sources(&repository_files());
    let edges = edges(&sources);
    assert!(edges.len() > 300, "the scan found the imports ({})", edges.len());
    let found = cycles(&edges);
    assert!(
        found.is_empty(),
        "{} import cycles between files:\n{}",
        found.len(),
        found.iter().map(|c| describe(c)).collect::<Vec<_>>().join("\n\n")
    );
}

#[test]
fn no_import_runs_against_the_layers() {
    let sources = sources(&repository_files());
    let mut problems: Vec<String> = edges(&sources)
        .iter()
        .filter_map(|e| violation(e).map(|why| format!("{}:{}: `{}`: {why}", e.from, e.line, e.path)))
        .collect();
    problems.extend(forbidden_uses(&sources));
    assert!(
        problems.is_empty(),
        "against the layers:\n{}",
        problems.join("\n")
    );
}

/// The names a Cargo.toml depends on, in any dependency table (renamed ones by their package).
fn dependencies(manifest: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut in_table = false;
    for line in manifest.lines().map(|l| l.split('#').next().unwrap_or("").trim()) {
        if let Some(header) = line.strip_prefix('[') {
            let header = header.trim_end_matches(']');
            let (table, name) = header.rsplit_once('.').unwrap_or((header, ""));
            in_table = header.ends_with("dependencies");
            if table.ends_with("dependencies") && !name.is_empty() {
                names.insert(name.trim_matches('"').to_string());
            }
            continue;
        }
        if let Some((key, value)) = line.split_once('=') {
            let key = key.trim().trim_matches('"');
            if in_table {
                names.insert(key.split('.').next().unwrap_or(key).to_string());
            }
            if key == "package" || (in_table && value.contains("package")) {
                let renamed = value
                    .split("package")
                    .nth(if key == "package" { 0 } else { 1 })
                    .unwrap_or("");
                if let Some(name) = renamed.split('"').nth(1) {
                    names.insert(name.to_string());
                }
            }
        }
    }
    names
}

#[test]
fn the_core_depends_on_nothing_terminal_or_command_line_shaped() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/consult-core/Cargo.toml"))
            .unwrap();
    let names = dependencies(&manifest);
    assert!(names.contains("serde"), "the manifest was read: {names:?}");
    let wrong: Vec<&str> = NOT_IN_CORE.into_iter().filter(|n| names.contains(*n)).collect();
    assert!(
        wrong.is_empty(),
        "crates/consult-core/Cargo.toml depends on {wrong:?}"
    );
}

#[test]
fn the_checks_catch_what_they_are_for() {
    let made_up = |files: &[(&str, &str)]| {
        sources(
            &files
                .iter()
                .map(|(f, t)| (f.to_string(), t.to_string()))
                .collect::<Vec<_>>(),
        )
    };
    // A cycle of three, written three ways, with a path in a comment, a string and a test
    // module that must not count.
    let knot = made_up(&[
        ("src/app/mod.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        ("src/app/a.rs", "use super::{\n    b::Thing,\n};\n"),
        (
            "src/app/b.rs",
            "// crate::app::a\nfn f() {\n    crate::app::c::go();\n}\n",
        ),
        (
            "src/app/c.rs",
            "const S: &str = \"crate::app::b\";\nuse crate::app::a::X;\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
        ),
        ("src/app/d.rs", "use self::inner::Y;\nuse super::a::Z;\n"),
    ]);
    let knot_edges = edges(&knot);
    let found = cycles(&knot_edges);
    assert_eq!(found.len(), 1, "{knot_edges:#?}");
    let lines: Vec<(&str, usize, &str)> = found[0]
        .iter()
        .map(|e| (e.from.as_str(), e.line, e.to.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("src/app/a.rs", 2, "src/app/b.rs"),
            ("src/app/b.rs", 3, "src/app/c.rs"),
            ("src/app/c.rs", 2, "src/app/a.rs"),
        ]
    );
    assert!(describe(&found[0]).contains("src/app/c.rs:2 → src/app/a.rs (`crate::app::a::X`)"));
    // Two files are a cycle too; a re-export through `app` reaches app/mod.rs; the core's
    // modules are reached through the app's re-exports and by their own `crate::`.
    let pair = made_up(&[
        (
            "src/lib.rs",
            "pub use consult_core::{drafts, model};\npub mod app;\n",
        ),
        ("src/app/mod.rs", "pub use self::draft::Draft;\n"),
        (
            "src/app/draft.rs",
            "use crate::app::Draft;\nuse crate::drafts::save;\n",
        ),
        (
            "crates/consult-core/src/drafts/mod.rs",
            "use crate::model::Response;\n",
        ),
        (
            "crates/consult-core/src/model/mod.rs",
            "use crate::drafts::Saved;\n",
        ),
    ]);
    let pair_edges = edges(&pair);
    assert!(
        pair_edges
            .iter()
            .any(|e| e.from == "src/app/draft.rs" && e.to == "crates/consult-core/src/drafts/mod.rs")
    );
    let pair_cycles = cycles(&pair_edges);
    let found: Vec<Vec<&str>> = pair_cycles
        .iter()
        .map(|c| c.iter().map(|e| e.from.as_str()).collect())
        .collect();
    assert_eq!(
        found,
        [
            vec![
                "crates/consult-core/src/drafts/mod.rs",
                "crates/consult-core/src/model/mod.rs"
            ],
            vec!["src/app/draft.rs", "src/app/mod.rs"],
        ]
    );
    // Groups, aliases and `super::super`.
    let written: Vec<String> = rooted_paths(
        "use crate::{a::{b as c, d}, e};\nsuper::super::f::g();",
        &["crate", "super"],
    )
    .into_iter()
    .map(|(path, _)| path.join("::"))
    .collect();
    assert_eq!(
        written,
        ["crate::a::b", "crate::a::d", "crate::e", "super::super::f::g"]
    );
    // The layers.
    let edge = |from: &str, to: &str| Edge {
        from: from.into(),
        line: 1,
        to: to.into(),
        path: String::new(),
    };
    assert!(violation(&edge("src/ui/dialog.rs", "src/app/update/mod.rs")).is_some());
    assert!(violation(&edge("src/plain/walk.rs", "src/tui/terminal.rs")).is_some());
    assert!(violation(&edge("src/app/draft.rs", "crates/consult-core/src/storage.rs")).is_some());
    assert!(violation(&edge("src/app/draft.rs", "src/ui/walk.rs")).is_some());
    assert!(violation(&edge("src/cli/mod.rs", "src/app/mod.rs")).is_some());
    assert!(violation(&edge("src/plain/mod.rs", "src/app/draft.rs")).is_none());
    assert!(violation(&edge("src/ui/walk.rs", "src/app/mod.rs")).is_none());
    let words = made_up(&[
        ("src/app/x.rs", "use std::{fs, io};\n"),
        ("src/plain/y.rs", "\nfn f() { std::fs::write(\"a\", \"b\"); }\n"),
        ("src/ui/z.rs", "use clap::Parser;\n"),
        ("crates/consult-core/src/w.rs", "use consult::app::App;\n"),
        ("src/cli/v.rs", "use clap::Parser;\nuse std::fs;\n"),
    ]);
    let problems = forbidden_uses(&words);
    let places: Vec<&str> = problems.iter().map(|p| p.split(": ").next().unwrap()).collect();
    assert_eq!(
        places,
        [
            "src/app/x.rs:1",
            "src/plain/y.rs:2",
            "src/ui/z.rs:1",
            "crates/consult-core/src/w.rs:1"
        ]
    );
    // The manifest's dependencies, however written.
    let names = dependencies(
        "[package]\nname = \"x\"\n[dependencies]\nserde.workspace = true\nterm = { package = \"crossterm\", version = \"1\" }\n\
         [target.'cfg(unix)'.dependencies.signal-hook]\nversion = \"1\"\n[dev-dependencies]\nclap = \"4\"\n",
    );
    assert_eq!(
        names,
        BTreeSet::from(["serde", "term", "crossterm", "signal-hook", "clap"].map(String::from))
    );
}
