//! Members' sign-off on the joint text: for the whole response, or item by item.

use jiff::Timestamp;

use crate::model::joint::{Joint, SignOff, SignOffState};

/// Records `member`'s sign-off on `item` (`None`: the whole response). Sign-offs are kept
/// as a log, so what a member said before stays on record; the latest counts.
pub fn record(
    joint: &mut Joint,
    member: &str,
    item: Option<&str>,
    state: SignOffState,
    note: &str,
    when: Timestamp,
) {
    joint.sign_offs.push(SignOff {
        member: member.to_string(),
        item: item.map(str::to_string),
        state,
        note: note.trim().to_string(),
        when,
    });
}

/// Where `member` stands on `item` (or the whole response): not asked until recorded.
pub fn state(joint: &Joint, member: &str, item: Option<&str>) -> SignOffState {
    joint
        .sign_off(member, item)
        .map_or(SignOffState::NotAsked, |s| s.state)
}

/// How many members have agreed, objected, or not been asked about `item`.
pub fn counts(joint: &Joint, item: Option<&str>) -> [usize; 3] {
    let mut counts = [0; 3];
    for member in &joint.members {
        let slot = match state(joint, &member.organisation, item) {
            SignOffState::Agreed => 0,
            SignOffState::Objected => 1,
            SignOffState::NotAsked => 2,
        };
        counts[slot] += 1;
    }
    counts
}
