//! The joint response's operations on an open session: adopting a member's passage,
//! crediting, minority statements, a declared consensus, sign-off, and taking a member's
//! new version. Each records the change for autosave (and says once when it turned a
//! final response back into a draft); the front ends only word the outcome.

use std::ops::Range;
use std::path::PathBuf;
use std::time::Instant;

use super::{Adoption, Session};
use crate::catalog::Catalog;
use crate::dirs::Dirs;
use crate::drafts::joint::{MemberFolders, MemberNow};
use crate::joint::{members, provenance, sign_off};
use crate::model::Response;
use crate::model::joint::{ConsensusOverride, Field, SignOffState};
use crate::text::{Splice, visible_line};

/// A member's passage adopted into the joint text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adopted {
    /// The passage's index in the item's record, for crediting it afterwards.
    pub index: usize,
    pub field: Field,
    /// The member it was adopted from, and how many members it credits in all (those
    /// who said the same words are credited together).
    pub from: String,
    pub credited: usize,
}

impl Adopted {
    /// "Adopted into the answer, from X and 1 other who said the same", for either front end.
    pub fn describe(&self) -> String {
        let from = visible_line(&self.from);
        let into = self.field.label();
        match self.credited {
            0 | 1 => format!("Adopted into the {into}, from {from}"),
            2 => format!("Adopted into the {into}, from {from} and 1 other who said the same"),
            n => format!(
                "Adopted into the {into}, from {from} and {} others who said the same",
                n - 1
            ),
        }
    }
}

/// What taking a member's file as it is now did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retaken {
    /// The file holds what was taken already.
    Unchanged,
    Taken,
    /// No member has that name.
    NoSuchMember,
}

impl Session {
    /// The members `from`'s `passage` on the current item credits: `from`, and every
    /// member whose text on the item has the same words.
    pub fn crediting(&self, passage: &str, from: &str) -> Vec<String> {
        match &self.response.joint {
            Some(joint) => provenance::crediting(joint, &self.item().id, passage, from),
            None => vec![from.to_string()],
        }
    }

    /// Adopts `from`'s `passage` at the end of the current item's `field`, credited to
    /// every member who said the same, as one undoable change: the whole operation for a
    /// front end with no editor of its own (the app puts it in at its cursor instead).
    pub fn adopt(
        &mut self,
        field: Field,
        passage: &str,
        from: &str,
        paragraph: bool,
        now: Instant,
    ) -> Option<Adopted> {
        let adoption = self.adoption(field, passage, None, paragraph)?;
        self.replace_text(field.into(), &adoption.text, now);
        self.credit_adoption(field, &adoption, passage, from)
    }

    /// Credits a passage of `from`'s just put in the text (at `adoption.start`) to `from`
    /// and every member who said the same.
    pub fn credit_adoption(
        &mut self,
        field: Field,
        adoption: &Adoption,
        passage: &str,
        from: &str,
    ) -> Option<Adopted> {
        let credited = self.crediting(passage, from);
        let count = credited.len();
        let index = self.credit_adopted(field, adoption, passage, credited)?;
        Some(Adopted {
            index,
            field,
            from: from.to_string(),
            credited: count,
        })
    }

    /// Credits `member` with passage `index` of the current item too. Returns false when
    /// it was credited already.
    pub fn credit(&mut self, index: usize, member: &str, now: Instant) -> bool {
        let item = self.item().id.clone();
        let Some(joint) = self.response.joint.as_mut() else {
            return false;
        };
        let credited = provenance::credit(joint.item_mut(&item), index, member);
        if credited {
            self.joint_changed(now);
        }
        credited
    }

    /// Records `member`'s minority statement on the current item (empty: none). Returns
    /// whether there is one now.
    pub fn set_minority(&mut self, member: &str, text: &str, now: Instant) -> bool {
        let item = self.item().id.clone();
        let Some(joint) = self.response.joint.as_mut() else {
            return false;
        };
        let recorded = joint.set_minority(&item, member, text.trim());
        self.joint_changed(now);
        recorded
    }

    /// Declares the current item's consensus (`None`: as counted again).
    pub fn declare_consensus(&mut self, declared: Option<ConsensusOverride>, now: Instant) {
        let item = self.item().id.clone();
        if let Some(joint) = self.response.joint.as_mut() {
            joint.declare(&item, declared);
            self.joint_changed(now);
        }
    }

    /// Records `member`'s sign-off on the current item, or on the whole response.
    pub fn sign_off(&mut self, member: &str, whole: bool, state: SignOffState, note: &str, now: Instant) {
        let item = (!whole).then(|| self.item().id.clone());
        if let Some(joint) = self.response.joint.as_mut() {
            let at = crate::model::response::now();
            sign_off::record(joint, member, item.as_deref(), state, note.trim(), at);
            self.joint_changed(now);
        }
    }

    /// Each member's file as it holds the member's response now, in member order (see
    /// [`crate::drafts::joint::members_now`]). A file outside the joint draft's folder is
    /// read only from where the user agreed: `agreed` names files the user has just agreed
    /// to read, whose folders are then allowed for this draft from now on.
    pub fn members_now(&self, dirs: &Dirs, catalog: &Catalog, agreed: &[PathBuf]) -> Vec<MemberNow> {
        let Some(joint) = self.response.joint.as_ref() else {
            return Vec::new();
        };
        let allowed = self.member_folders(dirs, agreed);
        crate::drafts::joint::members_now(&self.path, joint, catalog, &self.set, &allowed)
    }

    /// Member `index`'s file as it is now (see [`Session::members_now`]); None when there
    /// is no such member.
    pub fn member_now(
        &self,
        index: usize,
        dirs: &Dirs,
        catalog: &Catalog,
        agreed: &[PathBuf],
    ) -> Option<MemberNow> {
        let member = self.response.joint.as_ref()?.members.get(index)?;
        let allowed = self.member_folders(dirs, agreed);
        Some(crate::drafts::joint::member_now(
            &self.path, member, catalog, &self.set, &allowed,
        ))
    }

    fn member_folders(&self, dirs: &Dirs, agreed: &[PathBuf]) -> MemberFolders {
        use crate::drafts::joint::{allow_member_folders, member_folders};
        match &self.file {
            Some(file) => {
                if !agreed.is_empty() {
                    allow_member_folders(dirs, &file.id, agreed.iter().map(PathBuf::as_path));
                }
                member_folders(dirs, &file.id)
            }
            None if !agreed.is_empty() => MemberFolders::EVERYWHERE,
            None => MemberFolders::default(),
        }
    }

    /// Takes `member`'s file as it is now (`current`) in place of the copy taken before;
    /// the joint text is unchanged.
    pub fn take_member_version(&mut self, member: &str, current: &Response, now: Instant) -> Retaken {
        let Some(joint) = self.response.joint.as_mut() else {
            return Retaken::NoSuchMember;
        };
        let Some(recorded) = joint.members.iter().find(|m| m.organisation == member) else {
            return Retaken::NoSuchMember;
        };
        if !members::has_changed(recorded, current) {
            return Retaken::Unchanged;
        }
        members::retake(joint, member, current, crate::model::response::now());
        self.joint_changed(now);
        Retaken::Taken
    }

    fn joint_changed(&mut self, now: Instant) {
        if let Some(joint) = self.response.joint.as_mut() {
            joint.tidy();
        }
        self.edited(now);
    }
}

/// Where the passages of one field of an item stand in its text (index into the item's
/// passages, and bytes), as last followed.
#[derive(Debug)]
pub(super) struct Places {
    item: String,
    field: Field,
    places: Vec<(usize, Range<usize>)>,
}

impl Session {
    /// Where item `id`'s passages of `field` stand in its text: as last followed if each is
    /// still there (checking costs the passages' length, not the text's), else found afresh.
    pub(super) fn passage_places(&mut self, id: &str, field: Field) -> Vec<(usize, Range<usize>)> {
        let text = self
            .response
            .answer(id)
            .map_or("", |a| super::TextField::from(field).of(a));
        let passages = self
            .response
            .joint
            .as_ref()
            .and_then(|j| j.item(id))
            .map_or(&[][..], |r| r.passages.as_slice());
        let kept = self.joint_places.take().filter(|p| {
            let wanted = passages
                .iter()
                .filter(|p| p.field == field && !p.text.is_empty())
                .count();
            p.item == id
                && p.field == field
                && p.places.len() == wanted
                && p.places.windows(2).all(|w| w[0].1.end <= w[1].1.start)
                && p.places.iter().all(|(i, range)| {
                    passages
                        .get(*i)
                        .is_some_and(|p| p.field == field && text.get(range.clone()) == Some(p.text.as_str()))
                })
        });
        kept.map_or_else(|| provenance::locate(text, passages, field), |p| p.places)
    }

    /// Keeps item `id`'s passages of `field` on their words after `splice` was made to its
    /// text, they having stood at `places` before it; dropped passages come back should
    /// their words be typed or pasted again.
    pub(super) fn follow_splice(
        &mut self,
        id: &str,
        field: Field,
        places: Vec<(usize, Range<usize>)>,
        splice: &Splice,
    ) {
        let Some(joint) = self.response.joint.as_mut() else {
            return;
        };
        let text = self
            .response
            .answers
            .iter()
            .find(|a| a.item == id)
            .map_or("", |a| super::TextField::from(field).of(a));
        let record = joint.item_mut(id);
        let change = provenance::Change {
            at: splice.at,
            removed: splice.removed,
            inserted: splice.inserted.len(),
        };
        let (dropped, places) = provenance::follow_change(record, places, change, text);
        let near = splice.at..splice.at + splice.inserted.len();
        let restored = super::offer_dropped(&mut self.dropped_passages, id, dropped, |candidates| {
            provenance::restore_near(record, field, text, near, candidates)
        });
        joint.tidy();
        // A passage given back takes a place in the list: found afresh next time.
        self.joint_places = (!restored).then(|| Places {
            item: id.to_string(),
            field,
            places,
        });
    }
}
