//! The fuzz crate (`fuzz/`, a workspace of its own with its own lock file) builds the core
//! with the same dependencies as the app: a version the main lock moved on from is one the
//! fuzz targets would still test. `.ci/run` checks that the fuzz crate builds with `--locked`.

use std::collections::BTreeMap;

use crate::support::fixtures::root;

/// Each package in a `Cargo.lock` with every version of it the file holds.
fn versions(lock: &str) -> BTreeMap<String, Vec<String>> {
    let mut packages: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut name = None;
    for line in lock.lines() {
        let quoted = |key: &str| {
            line.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix(" = \""))
                .and_then(|rest| rest.strip_suffix('"'))
                .map(str::to_string)
        };
        if line == "[[package]]" {
            name = None;
        } else if let Some(found) = quoted("name") {
            name = Some(found);
        } else if let (Some(version), Some(name)) = (quoted("version"), name.take()) {
            packages.entry(name).or_default().push(version);
        }
    }
    packages
}

#[test]
fn the_fuzz_lock_holds_the_main_locks_versions() {
    let read = |path: &str| std::fs::read_to_string(root().join(path)).unwrap();
    let main = versions(&read("Cargo.lock"));
    let fuzz = versions(&read("fuzz/Cargo.lock"));
    assert!(fuzz.contains_key("consult-core") && fuzz.contains_key("libfuzzer-sys"));
    let lagging: Vec<String> = fuzz
        .iter()
        .filter_map(|(name, versions)| {
            let current = main.get(name)?;
            let behind: Vec<&String> = versions.iter().filter(|v| !current.contains(v)).collect();
            (!behind.is_empty()).then(|| {
                format!(
                    "{name} {} (the main lock has {}): cargo update --manifest-path fuzz/Cargo.toml -p {name}@{} --precise {}",
                    behind[0],
                    current.join(", "),
                    behind[0],
                    current[0]
                )
            })
        })
        .collect();
    assert!(
        lagging.is_empty(),
        "fuzz/Cargo.lock lags Cargo.lock:\n{}",
        lagging.join("\n")
    );
}

#[test]
fn lock_versions_are_read_per_package() {
    let lock = "version = 4\n\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\n\n[[package]]\nname = \"a\"\nversion = \"2.0.0\"\nsource = \"x\"\n\n[[package]]\nname = \"b\"\nversion = \"0.1.0\"\n";
    let read = versions(lock);
    assert_eq!(read["a"], ["1.0.0", "2.0.0"]);
    assert_eq!(read["b"], ["0.1.0"]);
    assert_eq!(read.len(), 2);
}
