//! Near-duplicates at search time: reads the SimHash fingerprints the indexer stored
//! (`indexer::simhash`), folds the copies of one story in a ranked list into its best-ranked
//! hit, and finds every near-duplicate pair in an index (`newsdex dups`).
//!
//! It does not rank or load articles; [`crate::search::NewsIndex`] does.

use tantivy::columnar::Column;
use tantivy::{DocAddress, Searcher};

use crate::error::Result;
use crate::indexer::simhash::{self, NONE};
use crate::schema;

/// Two articles whose fingerprints differ in at most this many of 64 bits are candidate copies
/// of one story; [`MIN_RESEMBLANCE`] decides. Measured on Reuters-21578: see README.md,
/// "Near-duplicates".
pub const THRESHOLD: u32 = 14;

/// Candidates are copies when at least this share of their shingles is common to both.
pub const MIN_RESEMBLANCE: f64 = 0.5;

/// The stored fingerprints of every segment of one searcher.
pub struct Fingerprints {
    columns: Vec<Column<u64>>,
}

impl Fingerprints {
    pub fn new(searcher: &Searcher) -> Result<Fingerprints> {
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|s| s.fast_fields().u64(schema::SIMHASH))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Fingerprints { columns })
    }

    /// The fingerprint of one article; [`NONE`] when it has none.
    pub fn get(&self, addr: DocAddress) -> u64 {
        self.columns
            .get(addr.segment_ord as usize)
            .and_then(|c| c.first(addr.doc_id))
            .unwrap_or(NONE)
    }
}

/// An article's distinct shingles, sorted: the exact check behind a fingerprint match, as
/// [`simhash::resemblance`] computes it, by one merge instead of two hash sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShingleSet(Vec<u64>);

impl ShingleSet {
    pub fn of(title: &str, body: &str) -> ShingleSet {
        let mut s = simhash::shingles(title, body);
        s.sort_unstable();
        s.dedup();
        ShingleSet(s)
    }

    /// Jaccard resemblance (0 to 1); 0 when either has no shingles.
    pub fn resemblance(&self, other: &ShingleSet) -> f64 {
        let (a, b) = (&self.0, &other.0);
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        common as f64 / (a.len() + b.len() - common) as f64
    }
}

/// One story in a ranked list: its best-ranked copy and the copies folded into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<T> {
    pub best: T,
    pub copies: Vec<T>,
}

/// Folds `items` (best first) into groups: an item joins the first group whose best item's
/// fingerprint is within `threshold` bits of its own and that `confirm(best, item)` accepts,
/// and starts a group otherwise. Comparing with the group's best only (not every member) keeps
/// chains of small edits from merging different stories. Items without a fingerprint always
/// stand alone.
pub fn collapse<T: Copy>(
    items: &[T],
    fingerprint: impl Fn(T) -> u64,
    threshold: u32,
    mut confirm: impl FnMut(T, T) -> Result<bool>,
) -> Result<Vec<Group<T>>> {
    let mut groups: Vec<(u64, Group<T>)> = Vec::new();
    for &item in items {
        let fp = fingerprint(item);
        let mut home = None;
        if fp != NONE {
            for (k, (g, group)) in groups.iter().enumerate() {
                if *g != NONE
                    && simhash::distance(*g, fp) <= threshold
                    && confirm(group.best, item)?
                {
                    home = Some(k);
                    break;
                }
            }
        }
        match home {
            Some(k) => groups[k].1.copies.push(item),
            None => groups.push((
                fp,
                Group {
                    best: item,
                    copies: Vec::new(),
                },
            )),
        }
    }
    Ok(groups.into_iter().map(|(_, g)| g).collect())
}

/// Every pair (i, j, distance), i < j, of fingerprints within `threshold` bits, skipping
/// [`NONE`]. Split into `threshold + 1` blocks of bits, two fingerprints that differ in at most
/// `threshold` bits agree on at least one whole block, so only fingerprints that share a block
/// are compared (the pigeonhole trick of Manku et al., "Detecting near-duplicates for web
/// crawling", 2007).
pub fn near_pairs(fps: &[u64], threshold: u32) -> Vec<(usize, usize, u32)> {
    let blocks = (threshold as usize + 1).min(64);
    let bounds: Vec<(u32, u32)> = (0..blocks)
        .map(|b| ((b * 64 / blocks) as u32, ((b + 1) * 64 / blocks) as u32))
        .collect();
    let key = |fp: u64, (lo, hi): (u32, u32)| {
        let width = hi - lo;
        let mask = if width >= 64 {
            u64::MAX
        } else {
            (1u64 << width) - 1
        };
        (fp >> lo) & mask
    };
    let mut pairs = Vec::new();
    for (b, &range) in bounds.iter().enumerate() {
        let mut buckets: std::collections::HashMap<u64, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, &fp) in fps.iter().enumerate() {
            if fp != NONE {
                buckets.entry(key(fp, range)).or_default().push(i);
            }
        }
        for members in buckets.values() {
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    let (a, c) = (fps[i], fps[j]);
                    let d = simhash::distance(a, c);
                    // Report a pair once: in the first block the two agree on.
                    let first_shared = bounds.iter().position(|&r| key(a, r) == key(c, r));
                    if d <= threshold && first_shared == Some(b) {
                        pairs.push((i.min(j), i.max(j), d));
                    }
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Counts over the pairs `newsdex dups` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairStats {
    /// Pairs at distance 0.
    pub identical: usize,
    /// Distinct articles that take part in at least one pair.
    pub articles_in_pairs: usize,
}

impl PairStats {
    pub fn of(pairs: &[(crate::Article, crate::Article, u32)]) -> PairStats {
        let ids: std::collections::HashSet<&str> = pairs
            .iter()
            .flat_map(|(a, b, _)| [a.id.as_str(), b.id.as_str()])
            .collect();
        PairStats {
            identical: pairs.iter().filter(|p| p.2 == 0).count(),
            articles_in_pairs: ids.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_fold_into_the_best_ranked() {
        // (rank, fingerprint)
        let items = [
            (1, 0b1111u64),
            (2, 0xF0F0_0000),
            (3, 0b0111),
            (4, NONE),
            (5, NONE),
        ];
        let groups = collapse(&items, |(_, fp)| fp, 3, |_, _| Ok(true)).expect("groups");
        let ranks: Vec<(i32, Vec<i32>)> = groups
            .iter()
            .map(|g| (g.best.0, g.copies.iter().map(|c| c.0).collect()))
            .collect();
        assert_eq!(
            ranks,
            vec![(1, vec![3]), (2, vec![]), (4, vec![]), (5, vec![])]
        );
        // The exact check has the last word.
        let groups = collapse(&items, |(_, fp)| fp, 3, |_, _| Ok(false)).expect("groups");
        assert_eq!(groups.len(), 5);
    }

    #[test]
    fn shingle_sets_agree_with_hash_sets() {
        let texts = [
            (
                "",
                "the quick brown fox jumps over the lazy dog and the quick brown fox sleeps",
            ),
            (
                "",
                "the quick brown fox jumps over a lazy dog and the quick brown fox sleeps",
            ),
            ("A title here", "too short"),
            (
                "",
                "one two three four five six seven eight nine ten eleven twelve",
            ),
            ("", ""),
        ];
        for (ta, ba) in texts {
            for (tb, bb) in texts {
                let want =
                    simhash::resemblance(&simhash::shingles(ta, ba), &simhash::shingles(tb, bb));
                let got = ShingleSet::of(ta, ba).resemblance(&ShingleSet::of(tb, bb));
                assert!(
                    (want - got).abs() < 1e-12,
                    "{ba:?} / {bb:?}: {want} vs {got}"
                );
            }
        }
    }

    #[test]
    fn pairs_match_brute_force() {
        let mut fps: Vec<u64> = (0..300u64)
            .map(|i| xxhash_rust::xxh3::xxh3_64(&i.to_le_bytes()))
            .collect();
        // Plant copies at distances 0..=5 of the first few.
        for (k, flips) in [0u32, 1, 2, 3, 4, 5].iter().enumerate() {
            let base = fps[k];
            let mask = (0..*flips).fold(0u64, |m, b| m | 1 << (b * 11));
            fps.push(base ^ mask);
        }
        fps.push(NONE);
        fps.push(NONE);
        for threshold in [0, 3, 4, 7] {
            let mut brute = Vec::new();
            for i in 0..fps.len() {
                for j in i + 1..fps.len() {
                    let d = simhash::distance(fps[i], fps[j]);
                    if fps[i] != NONE && fps[j] != NONE && d <= threshold {
                        brute.push((i, j, d));
                    }
                }
            }
            assert_eq!(near_pairs(&fps, threshold), brute, "threshold {threshold}");
        }
    }
}
