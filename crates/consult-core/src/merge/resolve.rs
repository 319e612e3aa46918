//! Settling a conflict a merge kept: our side, their side, or (for text) both, one after
//! the other. What the conflicted field held in the meantime (the ancestor's value, or for
//! text the ancestor's sentences between `before` and `after`) is replaced by the choice.
//! A [`Settlement`] remembers what changed, so that it can be taken back and made again.

use serde_json::Value;

use crate::model::{Conflict, Response};

/// Which side of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Ours,
    Theirs,
    /// Ours then theirs: for text only.
    Both,
}

/// The text fields of an answer, which merge a sentence at a time.
pub fn is_text(conflict: &Conflict) -> bool {
    conflict.item.is_some() && matches!(conflict.field.as_str(), "answer" | "reasoning" | "notes")
}

/// What settling one conflict changed: the conflict and where it was in the list, and the
/// field's value before and after. Enough to take the settlement back and to make it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    pub index: usize,
    pub conflict: Conflict,
    before: Value,
    after: Value,
}

impl Settlement {
    /// The answer's text field the settlement changed (`answer`, `reasoning` or `notes`), if
    /// it settled a text conflict.
    pub fn text_field(&self) -> Option<&str> {
        is_text(&self.conflict).then_some(self.conflict.field.as_str())
    }

    /// Whether a text conflict's settlement changed the text (keeping the side that matched
    /// what the field held changes nothing there).
    pub fn changed_text(&self) -> bool {
        let text = |value: &Value| value.as_str().unwrap_or("").to_string();
        self.text_field().is_some() && text(&self.before) != text(&self.after)
    }

    /// Takes the settlement back: the field holds what it held before, and the conflict is
    /// in the list again where it was.
    pub fn undo(&self, response: &mut Response) -> Result<(), String> {
        self.put(response, &self.before)?;
        let at = self.index.min(response.conflicts.len());
        response.conflicts.insert(at, self.conflict.clone());
        Ok(())
    }

    /// Makes the settlement again, after [`Settlement::undo`].
    pub fn redo(&self, response: &mut Response) -> Result<(), String> {
        self.put(response, &self.after)?;
        if let Some(at) = response.conflicts.iter().position(|c| *c == self.conflict) {
            response.conflicts.remove(at);
        }
        Ok(())
    }

    fn put(&self, response: &mut Response, value: &Value) -> Result<(), String> {
        let mut json = serde_json::to_value(&*response).map_err(|e| e.to_string())?;
        // A text field left out of the file (being empty) was read as null.
        *slot(&mut json, &self.conflict)? = match value {
            Value::Null if is_text(&self.conflict) => Value::String(String::new()),
            value => value.clone(),
        };
        *response = serde_json::from_value(json).map_err(|e| format!("cannot take that value: {e}"))?;
        Ok(())
    }
}

/// Settles `response.conflicts[index]` with `keep`, and drops it from the list; returns
/// what changed. Err says why it cannot be (the text around a text conflict was edited
/// since, say): nothing changes then.
pub fn resolve(response: &mut Response, index: usize, keep: Keep) -> Result<Settlement, String> {
    let conflict = response
        .conflicts
        .get(index)
        .cloned()
        .ok_or_else(|| "that conflict is already settled".to_string())?;
    let side = |keep: Keep| match keep {
        Keep::Ours | Keep::Both => conflict.ours.clone(),
        Keep::Theirs => conflict.theirs.clone(),
    };
    let mut json = serde_json::to_value(&*response).map_err(|e| e.to_string())?;
    let before = slot(&mut json, &conflict)?.clone();
    if is_text(&conflict) {
        let chosen = match keep {
            Keep::Both => [conflict.ours.as_deref(), conflict.theirs.as_deref()]
                .into_iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join(" "),
            _ => side(keep).unwrap_or_default(),
        };
        let field = text_field(&mut json, &conflict)?;
        let settled = splice(field, &conflict, &chosen)?;
        *field = settled;
    } else {
        if keep == Keep::Both {
            return Err(format!(
                "{} takes one value: keep ours or theirs",
                conflict.place()
            ));
        }
        let value = typed(&conflict.field, side(keep));
        *slot(&mut json, &conflict)? = value;
    }
    let after = slot(&mut json, &conflict)?.clone();
    let mut settled: Response =
        serde_json::from_value(json).map_err(|e| format!("cannot take that value: {e}"))?;
    settled.conflicts.remove(index);
    *response = settled;
    Ok(Settlement {
        index,
        conflict,
        before,
        after,
    })
}

/// The field's JSON value from the text a conflict holds: booleans and counts as such.
fn typed(field: &str, value: Option<String>) -> Value {
    match (field, value) {
        (_, None) => Value::Null,
        ("respondent.on_behalf", Some(v)) => Value::Bool(v == "true"),
        ("respondent.members", Some(v)) => v.parse::<u64>().map_or(Value::Null, Value::from),
        (_, Some(v)) => Value::String(v),
    }
}

/// Where the conflicted value lives in the response's JSON.
fn slot<'a>(json: &'a mut Value, conflict: &Conflict) -> Result<&'a mut Value, String> {
    let missing = || format!("{} is not in the response", conflict.place());
    match &conflict.item {
        None => {
            let mut at = json;
            for key in conflict.field.split('.') {
                at = at.get_mut(key).ok_or_else(missing)?;
            }
            Ok(at)
        }
        Some(item) => json["answers"]
            .as_array_mut()
            .and_then(|answers| answers.iter_mut().find(|a| a["item"] == item.as_str()))
            // A field at its default is left out of the file: it is there all the same.
            .and_then(Value::as_object_mut)
            .map(|answer| answer.entry(conflict.field.as_str()).or_insert(Value::Null))
            .ok_or_else(missing),
    }
}

fn text_field<'a>(json: &'a mut Value, conflict: &Conflict) -> Result<&'a mut String, String> {
    match slot(json, conflict)? {
        Value::String(text) => Ok(text),
        _ => Err(format!("{} is not text", conflict.place())),
    }
}

/// `text` with the conflict's place (the ancestor's sentences after `before` and before
/// `after`) holding `chosen` instead.
fn splice(text: &str, conflict: &Conflict, chosen: &str) -> Result<String, String> {
    let moved = || {
        format!(
            "the text around the conflict in {} was changed since the merge; edit it by hand",
            conflict.place()
        )
    };
    let from = match conflict.before.as_deref().filter(|b| !b.is_empty()) {
        Some(before) => text.find(before).ok_or_else(moved)? + before.len(),
        None => 0,
    };
    let base = conflict.base.as_deref().unwrap_or("");
    let start = if base.trim().is_empty() {
        // Both sides added here: just after `before`, past its spacing.
        from + (text[from..].len() - text[from..].trim_start().len())
    } else {
        from + text[from..].find(base.trim()).ok_or_else(moved)?
    };
    let end = start + base.trim().len();
    let mut out = String::with_capacity(text.len() + chosen.len());
    out.push_str(&text[..start]);
    out.push_str(chosen.trim());
    let rest = &text[end..];
    if base.trim().is_empty()
        && !chosen.trim().is_empty()
        && !rest.is_empty()
        && !rest.starts_with(char::is_whitespace)
    {
        out.push(' ');
    }
    out.push_str(rest);
    Ok(out)
}
