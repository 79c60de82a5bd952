//! The cursors the ranking reads postings through: per concept and field, one word's
//! postings ([`Words`], the common case) or several spellings and phrases
//! ([`SpellingCursor`]), and how many times a concept occurs in one field of a document
//! ([`count`]). [`super::scorer`] combines them into scores.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::{DocId, DocSet, TERMINATED};

/// A spelling's postings in one field: a word, or a phrase's words at their offsets.
pub(super) struct SpellingCursor {
    pub(super) terms: Vec<(u32, SegmentPostings)>,
    pub(super) slop: u32,
}

/// A concept's postings in one field.
pub(super) enum FieldCursor {
    /// Spelt one way, as one word, and no positions wanted: an index into the scorer's
    /// [`Words`].
    Word(usize),
    /// The spellings present in this segment.
    Spellings(Vec<SpellingCursor>),
}

/// A concept's IDF, weight and postings in each field it is in.
pub(super) struct ConceptCursor {
    pub(super) idf: f32,
    pub(super) weight: f32,
    /// Per field: its index and the concept's postings there.
    pub(super) per_field: Vec<(usize, FieldCursor)>,
}

/// The one-word cursors, with each one's current document kept in a small array of their
/// own: most checks find a word's postings already past the document, and answering that
/// from a few cache lines beats reaching into a 2 KB `SegmentPostings` each time (which was
/// the largest single cost of a search with 30 feedback words).
#[derive(Default)]
pub(super) struct Words {
    docs: Vec<DocId>,
    pub(super) postings: Vec<SegmentPostings>,
}

impl Words {
    pub(super) fn push(&mut self, p: SegmentPostings) -> usize {
        self.docs.push(p.doc());
        self.postings.push(p);
        self.docs.len() - 1
    }

    /// Moves the word's postings to the first document at or after `doc` and returns it.
    pub(super) fn seek(&mut self, i: usize, doc: DocId) -> DocId {
        let (Some(current), Some(p)) = (self.docs.get_mut(i), self.postings.get_mut(i)) else {
            return TERMINATED;
        };
        if *current < doc {
            *current = p.seek(doc);
        }
        *current
    }

    /// The word's frequency in `doc` (0 when absent); `doc` never goes back.
    pub(super) fn freq(&mut self, i: usize, doc: DocId) -> u32 {
        let (Some(current), Some(p)) = (self.docs.get_mut(i), self.postings.get_mut(i)) else {
            return 0;
        };
        if *current < doc {
            *current = p.seek(doc);
        }
        if *current == doc { p.term_freq() } else { 0 }
    }
}

/// Buffers reused from one document to the next.
#[derive(Default)]
pub(super) struct Scratch {
    positions: Vec<u32>,
    first: Vec<u32>,
    keep: Vec<bool>,
}

pub(super) fn at(p: &mut SegmentPostings, doc: DocId) -> bool {
    if p.doc() < doc {
        p.seek(doc);
    }
    p.doc() == doc
}

/// Start positions of a phrase spelling in the current document.
pub(super) fn phrase_starts(s: &mut SpellingCursor, out: &mut Vec<u32>, scratch: &mut Scratch) {
    let Scratch {
        positions,
        first,
        keep,
    } = scratch;
    s.terms[0].1.positions(first);
    keep.clear();
    keep.resize(first.len(), true);
    for (offset, postings) in s.terms.iter_mut().skip(1) {
        postings.positions(positions);
        for (k, &p) in first.iter().enumerate() {
            if !keep[k] {
                continue;
            }
            let want = p + *offset;
            let lo = want.saturating_sub(s.slop);
            let i = positions.partition_point(|&q| q < lo);
            keep[k] = positions.get(i).is_some_and(|&q| q <= want + s.slop);
        }
    }
    out.extend(
        first
            .iter()
            .zip(keep.iter())
            .filter(|(_, k)| **k)
            .map(|(p, _)| *p),
    );
}

/// Occurrences of a concept's spellings in one field of `doc`; with `want_positions`, their
/// start positions go to `out` (distinct, sorted).
pub(super) fn count(
    spellings: &mut [SpellingCursor],
    doc: DocId,
    want_positions: bool,
    out: &mut Vec<u32>,
    scratch: &mut Scratch,
) -> u32 {
    out.clear();
    if let [only] = spellings
        && only.terms.len() == 1
        && !want_positions
    {
        let p = &mut only.terms[0].1;
        return if at(p, doc) { p.term_freq() } else { 0 };
    }
    for s in spellings.iter_mut() {
        let mut all = true;
        for (_, p) in s.terms.iter_mut() {
            all &= at(p, doc);
        }
        if !all {
            continue;
        }
        if s.terms.len() == 1 {
            s.terms[0].1.append_positions_with_offset(0, out);
        } else {
            phrase_starts(s, out, scratch);
        }
    }
    if spellings.len() > 1 {
        out.sort_unstable();
        out.dedup();
    }
    out.len() as u32
}
