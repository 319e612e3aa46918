//! The JSON form of a response: the draft format itself, pretty-printed with a fixed
//! key order (the struct's field order) so that diffs between versions read well.

use crate::model::Response;

/// Loading a file this wrote and rendering it again gives the same bytes.
pub fn render(response: &Response) -> String {
    let mut text = serde_json::to_string_pretty(response).expect("a response always serialises");
    text.push('\n');
    text
}
