//! The joint response: one submission built by a secretariat from its members' responses,
//! with every passage traced to who said it. Pure functions over [`crate::model::Joint`]:
//!
//! - [`members`]: starting a joint response, taking a member's answers, and what a
//!   member changed since;
//! - [`consensus`]: how far members agree on an item, from their positions;
//! - [`provenance`]: passages adopted into the joint text, found again by their words and
//!   followed through every edit;
//! - [`sign_off`]: who has agreed to what.

pub mod consensus;
pub mod members;
pub mod provenance;
pub mod sign_off;

pub use consensus::Tally;
pub use members::{Change, JointError, start};
pub use provenance::Owner;
