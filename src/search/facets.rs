//! Facet counts for `--facets` and `stats`: how many matching articles carry each value of
//! each metadata kind (`/people/…`, `/topics/…`, …), top `k` per kind.
//!
//! tantivy's `FacetCollector` turns every distinct value counted in every segment back into
//! text (`ord_to_term`, one sstable block decompressed per value: tantivy issue #2475), which
//! costs hundreds of milliseconds once people and key phrases give thousands of values per
//! query. This collector counts term ordinals per segment and turns only the likely winners
//! into text:
//!
//! 1. per segment, a counter per facet ordinal (the `facets` column), and the ordinal range
//!    of each kind in that segment's dictionary;
//! 2. per segment and kind, the [`CANDIDATES`] most frequent ordinals are read back, in one
//!    sorted pass over the dictionary; the count of the next one bounds every value left out;
//! 3. the values are merged across segments by text. A value's count is exact once every
//!    segment that left it out has been asked for it (`term_ord`, rare); the top `k` are
//!    taken best first, and when the values left out everywhere could still tie the k-th, the
//!    kind falls back to reading all its values back.
//!
//! The result is exactly what `FacetCollector::top_k` gives: count descending, then text.
//! It does not choose which kinds exist ([`crate::schema::FACET_KINDS`]) or print anything.

use std::collections::HashMap;
use std::ops::Bound;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Dictionary;
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::FacetCounts;
use crate::schema;

/// Ordinals per segment and kind read back before merging. Well above any `k` shown, so the
/// winners are nearly always among them and the lookups of step 3 stay rare.
const CANDIDATES: usize = 64;

/// Counts the values of every facet kind over the matching articles; the fruit is the top
/// `k` of each.
pub struct FacetTop {
    k: usize,
    candidates: usize,
    names: Option<Arc<FacetNames>>,
}

/// Most values kept per segment in a [`FacetNames`] (cleared when full).
const MAX_NAMES: usize = 1 << 15;

/// Facet values read back from segments' dictionaries, kept between searches: reading one
/// back decompresses its dictionary block (most of a `--facets` query's cost), and the values
/// that win are much the same from one query to the next (the big topics, places, people).
/// A segment's dictionary never changes, so a value kept under its segment and ordinal stays
/// right.
#[derive(Debug, Default)]
pub struct FacetNames {
    segments: Mutex<HashMap<SegmentId, Names>>,
    /// Per segment: each kind's ordinals (see [`prefix_range`]), found by two dictionary
    /// searches per kind that gave the same answer every time.
    ranges: Mutex<HashMap<SegmentId, Vec<(u64, u64)>>>,
}

/// One segment's values read back, by ordinal (with their kind prefix).
type Names = HashMap<u64, Box<[u8]>>;

impl FacetTop {
    /// The same collector, keeping the values it reads back in `names` for later searches.
    pub fn with_names(mut self, names: Arc<FacetNames>) -> FacetTop {
        self.names = Some(names);
        self
    }

    pub fn new(k: usize) -> FacetTop {
        FacetTop {
            k,
            candidates: CANDIDATES,
            names: None,
        }
    }
}

/// One segment's counters, kept (with its dictionary) until the merge.
pub struct SegmentFacets {
    reader: FacetReader,
    segment: SegmentId,
    names: Option<Arc<FacetNames>>,
    counts: Vec<u32>,
    /// Per kind (in [`schema::FACET_KINDS`] order): its ordinals in this segment.
    ranges: Vec<(u64, u64)>,
}

/// `kind\0`: the encoded prefix of every facet of a kind.
fn prefix(kind: &str) -> Vec<u8> {
    let mut p = kind.as_bytes().to_vec();
    p.push(0);
    p
}

/// The ordinals of the terms of `dict` that start with `prefix`.
fn prefix_range(dict: &Dictionary, prefix: &[u8]) -> tantivy::Result<(u64, u64)> {
    let mut end = prefix.to_vec();
    *end.last_mut().expect("prefix ends in a separator") += 1;
    let (lo, hi) = dict.term_bounds_to_ord(Bound::Included(prefix), Bound::Excluded(&end[..]))?;
    let lo = match lo {
        Bound::Included(o) => o,
        Bound::Excluded(o) => o + 1,
        Bound::Unbounded => 0,
    };
    let terms = dict.num_terms() as u64;
    let hi = match hi {
        Bound::Included(o) => o + 1,
        Bound::Excluded(o) => o,
        Bound::Unbounded => terms,
    };
    Ok((lo.min(terms), hi.min(terms).max(lo.min(terms))))
}

impl Collector for FacetTop {
    type Fruit = FacetCounts;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let reader = segment.facet_reader(schema::FACETS)?;
        let dict = reader.facet_dict();
        let id = segment.segment_id();
        let kept = self
            .names
            .as_ref()
            .and_then(|n| n.ranges.lock().ok()?.get(&id).cloned());
        let ranges = match kept {
            Some(r) => r,
            None => {
                let mut ranges = Vec::with_capacity(schema::FACET_KINDS.len());
                for kind in schema::FACET_KINDS {
                    ranges.push(prefix_range(dict, &prefix(kind))?);
                }
                if let Some(mut all) = self.names.as_ref().and_then(|n| n.ranges.lock().ok()) {
                    all.insert(id, ranges.clone());
                }
                ranges
            }
        };
        Ok(SegmentFacets {
            counts: vec![0; dict.num_terms()],
            segment: id,
            names: self.names.clone(),
            reader,
            ranges,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentFacets>) -> tantivy::Result<FacetCounts> {
        let mut out = FacetCounts::default();
        for (i, kind) in schema::FACET_KINDS.iter().enumerate() {
            let top = top_of_kind(&segments, i, kind, self.k, self.candidates)?;
            match *kind {
                schema::PEOPLE => out.people = top,
                schema::SPEAKERS => out.speakers = top,
                schema::SUMMITS => out.summits = top,
                schema::TOPICS => out.topics = top,
                schema::DATELINE => out.datelines = top,
                _ => {}
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = SegmentFacets;

    fn collect(&mut self, doc: DocId, _: Score) {
        // A document's ordinals come sorted, so a value listed twice (a person named twice)
        // is counted once by skipping repeats, as `FacetCollector` does.
        let mut previous = u64::MAX;
        for ord in self.reader.facet_ords(doc) {
            if ord != previous {
                self.counts[ord as usize] += 1;
                previous = ord;
            }
        }
    }

    fn harvest(self) -> SegmentFacets {
        self
    }
}

/// A value read back from some segments, with its count in those.
struct Candidate {
    value: Vec<u8>,
    count: u64,
    /// Per segment: whether `count` includes it.
    counted: Vec<bool>,
}

/// The nonzero counters of one kind in one segment, as (count, ordinal).
fn nonzero(seg: &SegmentFacets, kind: usize) -> Vec<(u32, u64)> {
    let (lo, hi) = seg.ranges[kind];
    (lo..hi)
        .filter_map(|ord| {
            let n = seg.counts[ord as usize];
            (n > 0).then_some((n, ord))
        })
        .collect()
}

/// Reads the values of `ords` (sorted) back: (value without the kind prefix, count). Values
/// kept in the segment's [`FacetNames`] are not read again.
fn values(
    seg: &SegmentFacets,
    ords: &[(u32, u64)],
    skip: usize,
) -> tantivy::Result<Vec<(Vec<u8>, u32)>> {
    let mut known = Names::new();
    if let Some(names) = &seg.names
        && let Ok(all) = names.segments.lock()
        && let Some(kept) = all.get(&seg.segment)
    {
        for (_, ord) in ords {
            if let Some(v) = kept.get(ord) {
                known.insert(*ord, v.clone());
            }
        }
    }
    let missing: Vec<u64> = ords
        .iter()
        .map(|o| o.1)
        .filter(|o| !known.contains_key(o))
        .collect();
    let mut read = Vec::with_capacity(missing.len());
    seg.reader
        .facet_dict()
        .sorted_ords_to_term_cb(&missing, |bytes| read.push(Box::<[u8]>::from(bytes)))?;
    let fresh: Vec<(u64, Box<[u8]>)> = missing.into_iter().zip(read).collect();
    if let Some(names) = &seg.names
        && !fresh.is_empty()
        && let Ok(mut all) = names.segments.lock()
    {
        let kept = all.entry(seg.segment).or_default();
        if kept.len() + fresh.len() > MAX_NAMES {
            kept.clear();
        }
        kept.extend(fresh.iter().cloned());
    }
    known.extend(fresh);
    Ok(ords
        .iter()
        .filter_map(|(n, ord)| {
            let v = known.get(ord)?;
            Some((v.get(skip..).unwrap_or_default().to_vec(), *n))
        })
        .collect())
}

/// Best first: count descending, then text ascending (as `FacetCounts::top_k`).
fn best_first(mut all: Vec<(Vec<u8>, u64)>, k: usize) -> Vec<(String, u64)> {
    all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.into_iter()
        .take(k)
        .map(|(v, n)| (String::from_utf8_lossy(&v).into_owned(), n))
        .collect()
}

/// Every value of kind `i` read back: exact, and what the shortcut falls back to.
fn all_of_kind(
    segs: &[SegmentFacets],
    i: usize,
    skip: usize,
) -> tantivy::Result<Vec<(Vec<u8>, u64)>> {
    let mut merged: HashMap<Vec<u8>, u64> = HashMap::new();
    for seg in segs {
        for (v, n) in values(seg, &nonzero(seg, i), skip)? {
            *merged.entry(v).or_default() += u64::from(n);
        }
    }
    Ok(merged.into_iter().collect())
}

/// The `k` most frequent values of kind `i` over all segments (see the module docs).
fn top_of_kind(
    segs: &[SegmentFacets],
    i: usize,
    kind: &str,
    k: usize,
    candidates: usize,
) -> tantivy::Result<Vec<(String, u64)>> {
    let prefix = prefix(kind);
    let skip = prefix.len();
    // Per segment: the largest count among the ordinals not read back.
    let mut bound = vec![0u64; segs.len()];
    let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut cands: Vec<Candidate> = Vec::new();
    for (s, seg) in segs.iter().enumerate() {
        let mut ords = nonzero(seg, i);
        if ords.len() > candidates {
            ords.select_nth_unstable_by(candidates, |a, b| b.0.cmp(&a.0));
            bound[s] = u64::from(ords[candidates..].iter().map(|o| o.0).max().unwrap_or(0));
            ords.truncate(candidates);
            ords.sort_unstable_by_key(|o| o.1);
        }
        for (v, n) in values(seg, &ords, skip)? {
            let c = *index.entry(v.clone()).or_insert_with(|| {
                cands.push(Candidate {
                    value: v,
                    count: 0,
                    counted: vec![false; segs.len()],
                });
                cands.len() - 1
            });
            cands[c].count += u64::from(n);
            cands[c].counted[s] = true;
        }
    }
    let left_out: u64 = bound.iter().sum();
    if left_out == 0 {
        let all = cands.into_iter().map(|c| (c.value, c.count)).collect();
        return Ok(best_first(all, k));
    }
    let upper = |c: &Candidate| -> u64 {
        c.count
            + (0..segs.len())
                .filter(|&s| !c.counted[s])
                .map(|s| bound[s])
                .sum::<u64>()
    };
    let mut top = Vec::with_capacity(k);
    let mut key = prefix.clone();
    while top.len() < k {
        let Some(best) = (0..cands.len()).min_by(|&a, &b| {
            upper(&cands[b])
                .cmp(&upper(&cands[a]))
                .then_with(|| cands[a].value.cmp(&cands[b].value))
        }) else {
            break;
        };
        let c = &mut cands[best];
        let missing: Vec<usize> = (0..segs.len())
            .filter(|&s| !c.counted[s] && bound[s] > 0)
            .collect();
        if !missing.is_empty() {
            key.truncate(prefix.len());
            key.extend_from_slice(&c.value);
            for s in missing {
                if let Some(ord) = segs[s].reader.facet_dict().term_ord(&key)? {
                    c.count += u64::from(segs[s].counts[ord as usize]);
                }
                c.counted[s] = true;
            }
            continue;
        }
        if c.count <= left_out {
            // A value no segment read back could tie this one: count them all.
            return Ok(best_first(all_of_kind(segs, i, skip)?, k));
        }
        let c = cands.swap_remove(best);
        top.push((String::from_utf8_lossy(&c.value).into_owned(), c.count));
    }
    if top.len() < k && cands.is_empty() {
        // Fewer candidates than `k`: the values left out would fill the list.
        return Ok(best_first(all_of_kind(segs, i, skip)?, k));
    }
    Ok(top)
}

#[cfg(test)]
mod tests {
    use tantivy::collector::FacetCollector;
    use tantivy::query::AllQuery;
    use tantivy::schema::{Facet, FacetOptions, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use super::*;

    /// What tantivy's own collector says, in our shape.
    fn reference(searcher: &tantivy::Searcher, k: usize) -> FacetCounts {
        let mut c = FacetCollector::for_field(schema::FACETS);
        for kind in schema::FACET_KINDS {
            c.add_facet(Facet::from_path([*kind]));
        }
        let counts = searcher.search(&AllQuery, &c).unwrap();
        let top = |kind: &str| -> Vec<(String, u64)> {
            counts
                .top_k(Facet::from_path([kind]), k)
                .into_iter()
                .filter_map(|(f, n)| f.to_path().last().map(|s| (s.to_string(), n)))
                .collect()
        };
        FacetCounts {
            people: top(schema::PEOPLE),
            speakers: top(schema::SPEAKERS),
            summits: top(schema::SUMMITS),
            topics: top(schema::TOPICS),
            datelines: top(schema::DATELINE),
        }
    }

    /// Several segments with skewed, overlapping values: a value frequent overall but not
    /// in one segment's head, ties, and kinds with a handful of values.
    fn index() -> Index {
        let mut b = Schema::builder();
        let facets = b.add_facet_field(schema::FACETS, FacetOptions::default());
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        for segment in 0..4u64 {
            for doc in 0..300u64 {
                let mut d = TantivyDocument::default();
                // Zipf-like people, each segment favouring its own.
                let a = next(40) * next(40) / 40;
                let p = (a + segment * 3) % 60;
                d.add_facet(
                    facets,
                    Facet::from_path([schema::PEOPLE, &format!("p{p:02}")]),
                );
                d.add_facet(
                    facets,
                    Facet::from_path([schema::PEOPLE, &format!("p{p:02}")]),
                );
                let q = next(200);
                d.add_facet(facets, Facet::from_path([schema::PEOPLE, &format!("q{q}")]));
                d.add_facet(
                    facets,
                    Facet::from_path([schema::TOPICS, &format!("t{}", next(5))]),
                );
                if doc % 3 == 0 {
                    let city = ["new york", "london", "tokyo"][next(3) as usize];
                    d.add_facet(facets, Facet::from_path([schema::DATELINE, city]));
                }
                w.add_document(d).unwrap();
            }
            w.commit().unwrap();
        }
        index
    }

    #[test]
    fn same_as_tantivys_facet_collector() {
        let index = index();
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() > 1);
        let names = Arc::new(FacetNames::default());
        for k in [1, 3, 10, 500] {
            let want = reference(&searcher, k);
            for candidates in [1, 2, 5, 64, 10_000] {
                let got = searcher
                    .search(
                        &AllQuery,
                        &FacetTop {
                            k,
                            candidates,
                            names: None,
                        },
                    )
                    .unwrap();
                assert_eq!(got, want, "k = {k}, candidates = {candidates}");
                // Twice with kept values: the second run reads most of them from the cache.
                for _ in 0..2 {
                    let kept = FacetTop {
                        k,
                        candidates,
                        names: Some(Arc::clone(&names)),
                    };
                    let got = searcher.search(&AllQuery, &kept).unwrap();
                    assert_eq!(got, want, "kept, k = {k}, candidates = {candidates}");
                }
            }
        }
    }
}
