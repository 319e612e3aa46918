//! The checked-in JSON Schemas must match the Rust types. Run with
//! `CONSULT_BLESS=1 cargo test --test it schemas` to rewrite them after changing a type.

use std::path::Path;

#[test]
fn checked_in_schemas_match_the_types() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("CONSULT_BLESS").is_some();
    for (file, generate) in consult::schema::FILES {
        let path = root.join(file);
        let expected = generate();
        if bless {
            std::fs::write(&path, &expected).unwrap();
            continue;
        }
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "{file} has drifted from the Rust types; run `CONSULT_BLESS=1 cargo test --test it schemas` and commit it"
        );
    }
}

#[test]
fn the_question_set_schema_describes_the_format() {
    let schema: serde_json::Value = serde_json::from_str(&consult::schema::question_set()).unwrap();
    let required = schema["required"].as_array().unwrap();
    for field in [
        "format_version",
        "id",
        "title",
        "publisher",
        "source",
        "scales",
        "sections",
    ] {
        assert!(required.iter().any(|r| r == field), "{field} should be required");
    }
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown fields are refused"
    );
}
