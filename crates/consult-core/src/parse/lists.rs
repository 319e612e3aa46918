//! Where a JSON text has a list in the place of a record. serde reads a record from a list as
//! readily as from an object, so a document can load with a list where the format has an
//! object; [`super::typed`] refuses it, naming the place found here.
//!
//! The text is walked as it is read, beside the document as serde wrote it back: nothing of
//! the text is built (no `Value` of a 28 MB file, no string per field), and the path is put
//! together only for the list found.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The path of the first list in `text` where `expected` has an object (`""` for the whole
/// text, `respondent`, `answers[3].source`…), in `expected`'s order: keys as sorted, list
/// entries in turn. `None` when there is none, or `text` is not JSON.
pub(super) fn first_in_place_of_record(text: &str, expected: &Value) -> Option<String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let path = Beside(expected).deserialize(&mut deserializer).ok()??;
    Some(path.strip_prefix('.').map_or(path.clone(), str::to_string))
}

/// Reads one value of the text beside `expected`, the same place in the document as written:
/// the path below it of a list where `expected` has an object, each step starting with `.`
/// or `[`.
struct Beside<'e>(&'e Value);

impl<'de> DeserializeSeed<'de> for Beside<'_> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match self.0 {
            Value::Object(_) | Value::Array(_) => deserializer.deserialize_any(self),
            _ => deserializer.deserialize_ignored_any(IgnoredAny).map(|_| None),
        }
    }
}

impl<'de> Visitor<'de> for Beside<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // A list in the place of a record is found here; inside it nothing more is looked at.
        let expected = self.0.as_array().map_or(&[][..], Vec::as_slice);
        let mut found = self.0.is_object().then(String::new);
        let mut at = 0;
        loop {
            let inner = match expected.get(at).filter(|_| found.is_none()) {
                Some(expected) => seq.next_element_seed(Beside(expected))?,
                None => seq.next_element::<IgnoredAny>()?.map(|_| None),
            };
            match inner {
                None => return Ok(found),
                Some(Some(inner)) => found = Some(format!("[{at}]{inner}")),
                Some(None) => {}
            }
            at += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let expected = self.0.as_object();
        // The first by name (the written document's fields, as sorted), whatever order the
        // text has them in.
        let mut found: Option<(String, String)> = None;
        while let Some(key) = map.next_key::<Key>()? {
            let Some(expected) = expected.and_then(|fields| fields.get(key.as_str())) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let inner = map.next_value_seed(Beside(expected))?;
            if let Some(inner) = inner
                && found
                    .as_ref()
                    .is_none_or(|(first, _)| key.as_str() < first.as_str())
            {
                let path = format!(".{}{inner}", key.as_str());
                found = Some((key.as_str().to_string(), path));
            }
        }
        Ok(found.map(|(_, path)| path))
    }

    // Any other value where the document has a record or a list (a field that reads one
    // way and writes another): no list in place of a record here.
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// A field name, borrowed from the text where it has no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
                Ok(Key::Borrowed(key))
            }

            fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
                Ok(Key::Owned(key.to_string()))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn first(text: &str, expected: &Value) -> Option<String> {
        first_in_place_of_record(text, expected)
    }

    #[test]
    fn the_path_of_a_list_where_a_record_belongs() {
        let expected = json!({"a": 1, "b": [{"c": {}}, {"c": {"d": {"e": 2}}}]});
        assert_eq!(first(&expected.to_string(), &expected), None);
        let text = r#"{"b": [{"c": {}}, {"c": {"d": [2]}}], "a": 1}"#;
        assert_eq!(first(text, &expected).as_deref(), Some("b[1].c.d"));
        assert_eq!(first("[1]", &expected).as_deref(), Some(""));
        // Escaped names are read as well as plain ones; unknown fields are skipped.
        let text = r#"{"x": [[{}]], "\u0062": [{"c": {}}, {"c": []}]}"#;
        assert_eq!(first(text, &expected).as_deref(), Some("b[1].c"));
    }

    #[test]
    fn of_several_the_first_in_the_written_order_is_named() {
        let expected = json!({"a": {"x": 1}, "b": {"x": 1}, "c": [{"x": 1}, {"x": 1}]});
        let text = r#"{"c": [{"x": 1}, [1]], "b": [1], "a": [1]}"#;
        assert_eq!(first(text, &expected).as_deref(), Some("a"));
        let text = r#"{"c": [[1], [1]], "b": [1]}"#;
        assert_eq!(first(text, &expected).as_deref(), Some("b"));
        let text = r#"{"c": [[1], [1]]}"#;
        assert_eq!(first(text, &expected).as_deref(), Some("c[0]"));
    }
}
