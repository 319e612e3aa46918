//! Each organisation's part of a document on each item, made while its file is read and
//! kept in a temporary file until the document is written.
//!
//! A document that quotes the answers (the briefings, the CSV) goes item by item or
//! organisation by organisation in name order, which is known only once every file has
//! been read; holding every answer until then would take as much memory as the files. So
//! the one pass over the files renders each entry — all of it but the organisation's
//! name, which may need a date beside it — and appends it to an unnamed temporary file
//! (removed by the system however consult ends); writing the document reads it back.

use std::fs::File;
use std::io;
use std::sync::Mutex;

use super::{Comparison, Format, Organisation, Stance};
use crate::model::{Item, Scale};

/// One organisation's texts on one item.
#[derive(Debug, Clone, Copy, Default)]
pub struct Texts<'a> {
    pub answer: &'a str,
    pub reasoning: &'a str,
    /// The organisation's own notes: quoted only when asked for.
    pub notes: &'a str,
}

/// What one organisation said on one item, as a fragment is made from it.
pub struct Entry<'a> {
    pub organisation: &'a Organisation,
    pub item: &'a Item,
    pub scale: Option<&'a Scale>,
    pub stance: Stance,
    pub key_point: &'a str,
    /// The texts, or why they could not be read.
    pub texts: Result<Texts<'a>, &'a str>,
}

/// Which document the fragments are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub format: Format,
    /// The briefings quote the organisations' own notes too.
    pub notes: bool,
}

impl Kind {
    /// Whether `format` is written from fragments: the documents that quote the answers.
    pub fn of(format: Format, notes: bool) -> Option<Kind> {
        matches!(format, Format::Markdown | Format::Html | Format::Csv).then_some(Kind { format, notes })
    }
}

/// Where one organisation's fragments are in the file.
#[derive(Debug, Clone)]
pub(super) struct Block {
    start: u64,
    /// Each item's end, from the block's start; an item starts where the one before ends.
    ends: Box<[u32]>,
}

/// The fragments of one comparison's document, in a temporary file.
pub struct Fragments {
    pub kind: Kind,
    file: File,
    /// Per organisation, in the comparison's order.
    blocks: Vec<Block>,
}

impl Fragments {
    /// Fragments for `comparison`, loaded without them (the screen's export): each file is
    /// read once more, in parallel, for its texts; key points come from memory.
    pub fn from_files(comparison: &Comparison, kind: Kind) -> io::Result<Fragments> {
        use rayon::prelude::*;
        let spill = Spill::new()?;
        let blocks: Vec<Option<Block>> = comparison
            .organisations
            .par_iter()
            .map_init(
                || (Vec::new(), Vec::new()),
                |(bytes, ends), organisation| {
                    let texts = super::load_texts(&organisation.file, &comparison.set);
                    let entries: Vec<Entry> = (0..comparison.item_count())
                        .map(|i| Entry {
                            organisation,
                            item: comparison.item(i),
                            scale: comparison.scale(i),
                            stance: organisation.stances[i],
                            key_point: organisation.key_point(i),
                            texts: match &texts {
                                Ok(texts) => Ok(texts.get(i).map_or_else(Texts::default, |t| Texts {
                                    answer: &t.answer,
                                    reasoning: &t.reasoning,
                                    notes: &t.notes,
                                })),
                                Err(reason) => Err(reason.as_str()),
                            },
                        })
                        .collect();
                    spill.block(kind, &entries, bytes, ends)
                },
            )
            .collect();
        spill.finish(kind, blocks)
    }

    /// Organisation `o`'s whole block into `buffer`, and where each item ends in it.
    pub(super) fn read_block<'b>(&self, o: usize, buffer: &'b mut Vec<u8>) -> io::Result<(&'b [u8], &[u32])> {
        let block = &self.blocks[o];
        let length = block.ends.last().copied().unwrap_or(0);
        read_at(&self.file, block.start, length as usize, buffer)?;
        Ok((buffer, &block.ends))
    }

    /// Organisation `o`'s fragment on item `i` into `buffer`.
    pub(super) fn read<'b>(&self, o: usize, i: usize, buffer: &'b mut Vec<u8>) -> io::Result<&'b [u8]> {
        let block = &self.blocks[o];
        let from = i.checked_sub(1).map_or(0, |p| block.ends[p]);
        let to = block.ends[i];
        read_at(
            &self.file,
            block.start + u64::from(from),
            (to - from) as usize,
            buffer,
        )?;
        Ok(buffer)
    }
}

/// `length` bytes at `offset` of `file` into `buffer`.
fn read_at(file: &File, offset: u64, length: usize, buffer: &mut Vec<u8>) -> io::Result<()> {
    buffer.resize(length, 0);
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
    }
    #[cfg(not(unix))]
    {
        use std::io::{Read, Seek};
        let mut file = file;
        file.seek(io::SeekFrom::Start(offset))?;
        file.read_exact(buffer)
    }
}

/// The temporary file being filled, from any thread.
pub(super) struct Spill {
    state: Mutex<State>,
}

struct State {
    file: File,
    length: u64,
    /// The first failure to write: reported once reading is over.
    error: Option<io::Error>,
}

impl Spill {
    pub(super) fn new() -> io::Result<Spill> {
        Ok(Spill {
            state: Mutex::new(State {
                file: tempfile::tempfile()?,
                length: 0,
                error: None,
            }),
        })
    }

    /// Renders one organisation's `entries` (using `bytes` and `ends` as scratch) and
    /// appends them; `None` once writing has failed.
    pub(super) fn block(
        &self,
        kind: Kind,
        entries: &[Entry],
        bytes: &mut Vec<u8>,
        ends: &mut Vec<u32>,
    ) -> Option<Block> {
        use std::io::Write;
        bytes.clear();
        ends.clear();
        kind.render(entries, bytes, ends);
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if state.error.is_some() {
            return None;
        }
        let start = state.length;
        match state.file.write_all(bytes) {
            Ok(()) => {
                state.length += bytes.len() as u64;
                Some(Block {
                    start,
                    ends: ends.as_slice().into(),
                })
            }
            Err(e) => {
                state.error = Some(e);
                None
            }
        }
    }

    /// The fragments, once every organisation's block is written (`blocks` in the
    /// comparison's order), or why they could not be.
    pub(super) fn finish(self, kind: Kind, blocks: Vec<Option<Block>>) -> io::Result<Fragments> {
        let state = self
            .state
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(error) = state.error {
            return Err(error);
        }
        let blocks = blocks
            .into_iter()
            .map(|b| b.ok_or_else(|| io::Error::other("a response's part of the document was not written")))
            .collect::<io::Result<_>>()?;
        Ok(Fragments {
            kind,
            file: state.file,
            blocks,
        })
    }
}
