//! A joint response's parts merged: everything in them is a record of what happened
//! (members taken, passages adopted, sign-offs given), so both copies' records are kept.
//! The merged text decides which passages still stand: one no longer found in it is
//! dropped when the draft is next opened.

use crate::model::joint::{Joint, JointItem, Member};

fn push_new<T: PartialEq + Clone>(into: &mut Vec<T>, from: &[T]) {
    for value in from {
        if !into.contains(value) {
            into.push(value.clone());
        }
    }
}

/// The later-taken version of each member, in the order ours added them, then theirs'.
fn members(ours: &[Member], theirs: &[Member]) -> Vec<Member> {
    let mut merged: Vec<Member> = ours.to_vec();
    for member in theirs {
        match merged.iter_mut().find(|m| m.organisation == member.organisation) {
            Some(mine) if member.taken > mine.taken => *mine = member.clone(),
            Some(_) => {}
            None => merged.push(member.clone()),
        }
    }
    merged
}

fn item(base: Option<&JointItem>, ours: &JointItem, theirs: &JointItem) -> JointItem {
    let mut merged = ours.clone();
    for passage in &theirs.passages {
        match merged
            .passages
            .iter_mut()
            .find(|p| p.field == passage.field && p.text == passage.text)
        {
            Some(mine) => {
                push_new(&mut mine.members, &passage.members);
                mine.edited |= passage.edited;
            }
            None => merged.passages.push(passage.clone()),
        }
    }
    // The one side that changed the override wins; when both did, ours.
    if base.map(|b| &b.consensus) == Some(&ours.consensus) {
        merged.consensus = theirs.consensus.clone();
    }
    push_new(&mut merged.minority, &theirs.minority);
    merged
}

/// Both copies' joint parts together; `None` when neither copy is a joint response.
pub fn merge(base: Option<&Joint>, ours: Option<&Joint>, theirs: Option<&Joint>) -> Option<Joint> {
    let (ours, theirs) = match (ours, theirs) {
        (None, None) => return None,
        (Some(one), None) | (None, Some(one)) => return Some(one.clone()),
        (Some(ours), Some(theirs)) => (ours, theirs),
    };
    let mut items = ours.items.clone();
    for theirs_item in &theirs.items {
        let base_item = base.and_then(|b| b.item(&theirs_item.item));
        match items.iter_mut().find(|i| i.item == theirs_item.item) {
            Some(mine) => *mine = item(base_item, mine, theirs_item),
            None => items.push(theirs_item.clone()),
        }
    }
    let mut sign_offs = ours.sign_offs.clone();
    push_new(&mut sign_offs, &theirs.sign_offs);
    // The latest sign-off counts, so they are kept in the order they were given.
    sign_offs.sort_by_key(|s| s.when);
    Some(Joint {
        members: members(&ours.members, &theirs.members),
        items,
        sign_offs,
    })
}
