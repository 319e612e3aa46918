//! Question sets from Markdown outlines and back: every built-in set survives the round trip,
//! an outline as the README shows it reads as meant, and a bad outline gets an exact message
//! naming its line (and column where it helps). The messages are in
//! `tests/fixtures/bad-outlines/NAME.expected`; `CONSULT_BLESS=1 cargo test --test outline`
//! rewrites them after a deliberate change: read the diff before committing.

mod support;

use consult::catalog::Catalog;
use consult::outline;

#[test]
fn every_built_in_set_reads_back_from_its_outline_as_the_same_set() {
    for entry in &Catalog::built_in().entries {
        let written = outline::write(&entry.set);
        let read = outline::read(&written).unwrap_or_else(|p| panic!("{}: {p:?}\n{written}", entry.set.id));
        assert_eq!(read, entry.set, "{}\n{written}", entry.set.id);
    }
}
