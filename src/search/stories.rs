//! Top k *stories* by score: a collector that folds the articles sharing one SimHash
//! fingerprint (the copies of one story, as `indexer::simhash` stores them) while it collects.
//!
//! Collapsing a page after plain top-k collection needs k × copies candidates: on an archive
//! that holds every story 20 times, 200 ranked candidates for a page of 10, and pruning works
//! against the 200th score. Here the bound is the k-th best *distinct* story, so the pass
//! prunes as a page of k would, and each kept story carries the copies seen on the way.
//! Copies are the articles with exactly the same fingerprint that scored above the bound when
//! they were met; near copies (a few bits apart) are folded afterwards by
//! [`super::dedup::collapse`], which needs the text.
//!
//! It does not load articles, and it knows nothing of queries: it works with any weight that
//! scores (the ranked query, more-like-this).

use std::cmp::Ordering;
use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::indexer::simhash::NONE;
use crate::schema;

/// One story: its best-scoring article and the others with the same fingerprint.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub score: Score,
    pub addr: DocAddress,
    /// [`NONE`] when the article has no fingerprint (it then stands alone).
    pub fingerprint: u64,
    /// (score, address) of the copies, best first.
    pub copies: Vec<(Score, DocAddress)>,
}

/// Best first; equal scores in address order (as `TopDocs` breaks ties).
fn rank_order(a: (Score, DocAddress), b: (Score, DocAddress)) -> Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// Collects the `k` best stories, best first.
pub struct StoryTop {
    k: usize,
}

impl StoryTop {
    pub fn new(k: usize) -> StoryTop {
        StoryTop { k: k.max(1) }
    }
}

/// One segment's stories: at most k, with the k-th best score as the bound once there are k
/// (stories only improve, so the bound only rises). Keeping it exact costs a scan of k
/// scores per change at the bottom, little beside scoring one document.
pub struct SegmentStories {
    k: usize,
    segment: SegmentOrdinal,
    fingerprints: Option<Column<u64>>,
    stories: Vec<Story>,
    by_fingerprint: HashMap<u64, usize>,
    /// Index of the worst story, when there are k.
    worst: Option<usize>,
    threshold: Score,
}

impl SegmentStories {
    fn new(k: usize, segment: SegmentOrdinal, reader: &SegmentReader) -> SegmentStories {
        SegmentStories {
            k,
            segment,
            // An index without the column (none written yet) folds nothing.
            fingerprints: reader.fast_fields().u64(schema::SIMHASH).ok(),
            stories: Vec::with_capacity(k),
            by_fingerprint: HashMap::new(),
            worst: None,
            threshold: Score::NEG_INFINITY,
        }
    }

    fn push(&mut self, doc: DocId, score: Score) {
        let fingerprint = self
            .fingerprints
            .as_ref()
            .and_then(|c| c.first(doc))
            .unwrap_or(NONE);
        let addr = DocAddress::new(self.segment, doc);
        if fingerprint != NONE
            && let Some(&i) = self.by_fingerprint.get(&fingerprint)
        {
            let story = &mut self.stories[i];
            // Documents come in address order, so on a tie the earlier one stays best.
            if score > story.score {
                story.copies.push((story.score, story.addr));
                story.score = score;
                story.addr = addr;
                if self.worst == Some(i) {
                    self.find_worst();
                }
            } else {
                story.copies.push((score, addr));
            }
            return;
        }
        let story = Story {
            score,
            addr,
            fingerprint,
            copies: Vec::new(),
        };
        let slot = match self.worst {
            None => {
                self.stories.push(story);
                self.stories.len() - 1
            }
            Some(_) if score <= self.threshold => return,
            Some(w) => {
                let out = std::mem::replace(&mut self.stories[w], story);
                if out.fingerprint != NONE {
                    self.by_fingerprint.remove(&out.fingerprint);
                }
                w
            }
        };
        if fingerprint != NONE {
            self.by_fingerprint.insert(fingerprint, slot);
        }
        if self.stories.len() == self.k {
            self.find_worst();
        }
    }

    /// Finds the worst of the k stories; its score is the bound.
    fn find_worst(&mut self) {
        let worst = (0..self.stories.len()).max_by(|&a, &b| {
            let (a, b) = (&self.stories[a], &self.stories[b]);
            rank_order((a.score, a.addr), (b.score, b.addr))
        });
        self.worst = worst;
        self.threshold = worst.map_or(Score::NEG_INFINITY, |w| self.stories[w].score);
    }
}

impl SegmentCollector for SegmentStories {
    type Fruit = Vec<Story>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.push(doc, score);
    }

    fn harvest(mut self) -> Vec<Story> {
        self.stories
            .sort_by(|a, b| rank_order((a.score, a.addr), (b.score, b.addr)));
        self.stories
    }
}

impl Collector for StoryTop {
    type Fruit = Vec<Story>;
    type Child = SegmentStories;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentStories> {
        Ok(SegmentStories::new(self.k, segment, reader))
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    /// A story among the k best overall is among the k best of the segment holding its best
    /// copy, so merging the segments' lists loses nothing but copies scored below a bound.
    fn merge_fruits(&self, segments: Vec<Vec<Story>>) -> tantivy::Result<Vec<Story>> {
        let mut merged: Vec<Story> = Vec::new();
        let mut by_fingerprint: HashMap<u64, usize> = HashMap::new();
        for story in segments.into_iter().flatten() {
            let home = (story.fingerprint != NONE)
                .then(|| by_fingerprint.get(&story.fingerprint).copied())
                .flatten();
            let Some(i) = home else {
                if story.fingerprint != NONE {
                    by_fingerprint.insert(story.fingerprint, merged.len());
                }
                merged.push(story);
                continue;
            };
            let kept = &mut merged[i];
            let mut other = story;
            if rank_order((other.score, other.addr), (kept.score, kept.addr)) == Ordering::Less {
                std::mem::swap(kept, &mut other);
            }
            kept.copies.append(&mut other.copies);
            kept.copies.push((other.score, other.addr));
        }
        merged.sort_by(|a, b| rank_order((a.score, a.addr), (b.score, b.addr)));
        merged.truncate(self.k);
        for story in &mut merged {
            story.copies.sort_by(|a, b| rank_order(*a, *b));
        }
        Ok(merged)
    }

    /// Pruned collection: the weight skips documents that cannot beat the k-th story.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<Story>> {
        let mut stories = self.for_segment(segment, reader)?;
        let alive = reader.alive_bitset();
        weight.for_each_pruning(Score::NEG_INFINITY, reader, &mut |doc, score| {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                stories.push(doc, score);
            }
            stories.threshold
        })?;
        Ok(stories.harvest())
    }
}

/// A ranked article: its score and address.
pub type Scored = (Score, DocAddress);

/// A ranked list of stories as parallel lists: each story's best article, and the copies
/// folded into it.
pub fn split(stories: Vec<Story>) -> (Vec<Scored>, Vec<Vec<Scored>>) {
    stories
        .into_iter()
        .map(|s| ((s.score, s.addr), s.copies))
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::{FAST, Schema, TEXT};
    use tantivy::{Index, IndexWriter, doc};

    /// Stories of several sizes over two segments, some articles without a fingerprint; the
    /// words make scores differ between stories and between copies.
    fn index() -> Index {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let fp = b.add_u64_field(schema::SIMHASH, FAST);
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let mut n = 0u64;
        for segment in 0..2 {
            for story in 0..40u64 {
                let copies = (story * 7 + segment) % 5;
                for copy in 0..=copies {
                    n += 1;
                    let words = "oil ".repeat(1 + (story % 6) as usize)
                        + &"filler ".repeat(((story * 3 + copy * 2) % 9) as usize);
                    let print = if story % 11 == 3 { NONE } else { 1000 + story };
                    w.add_document(doc!(body => words, fp => print))
                        .expect("add");
                }
            }
            w.commit().expect("commit");
        }
        assert!(n > 100);
        index
    }

    /// The plain definition: every match ranked, grouped by fingerprint in rank order.
    fn plain(index: &Index, k: usize) -> Vec<Story> {
        let searcher = index.reader().expect("reader").searcher();
        let body = index.schema().get_field("body").expect("body");
        let query = QueryParser::for_index(index, vec![body])
            .parse_query("oil")
            .expect("query");
        let all = searcher
            .search(&query, &TopDocs::with_limit(10_000).order_by_score())
            .expect("search");
        let mut sorted: Vec<(Score, DocAddress)> = all;
        sorted.sort_by(|a, b| rank_order(*a, *b));
        let mut stories: Vec<Story> = Vec::new();
        for (score, addr) in sorted {
            let print = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64(schema::SIMHASH)
                .expect("column")
                .first(addr.doc_id)
                .unwrap_or(NONE);
            match stories
                .iter_mut()
                .find(|s| s.fingerprint != NONE && s.fingerprint == print)
            {
                Some(s) => s.copies.push((score, addr)),
                None => stories.push(Story {
                    score,
                    addr,
                    fingerprint: print,
                    copies: vec![],
                }),
            }
        }
        stories.truncate(k);
        stories
    }

    #[test]
    fn same_stories_as_ranking_everything_then_folding() {
        let index = index();
        let searcher = index.reader().expect("reader").searcher();
        let body = index.schema().get_field("body").expect("body");
        let query = QueryParser::for_index(&index, vec![body])
            .parse_query("oil")
            .expect("query");
        for k in [1, 3, 10, 25, 200] {
            let got = searcher.search(&query, &StoryTop::new(k)).expect("search");
            let want = plain(&index, k);
            let best = |v: &[Story]| v.iter().map(|s| (s.score, s.addr)).collect::<Vec<_>>();
            assert_eq!(best(&got), best(&want), "k = {k}");
            // Copies: none invented, and none lost that beat the k-th story.
            let kth = want.last().map_or(Score::NEG_INFINITY, |s| s.score);
            for (g, w) in got.iter().zip(&want) {
                assert!(g.copies.iter().all(|c| w.copies.contains(c)), "k = {k}");
                for c in w.copies.iter().filter(|c| c.0 > kth) {
                    assert!(g.copies.contains(c), "k = {k}: lost {c:?}");
                }
                assert!(g.copies.windows(2).all(|p| rank_order(p[0], p[1]).is_lt()));
            }
        }
    }
}
