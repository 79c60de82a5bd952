//! Ranking: how the documents a query matches are ordered.
//!
//! Matching and ranking are separate. The query builder ([`super::query`]) decides which
//! documents qualify (all words, any word, filters, NOT); [`RankedQuery`] wraps that matcher
//! and scores each match itself, from the query's [`Concept`]s:
//!
//! - **BM25F** over title, body and dateline: a concept's occurrences in each field are
//!   weighted (title ×[`Params::title_weight`]) and length-normalised per field, summed, and
//!   saturated once, with one IDF. Summing a separate BM25 per field (what a plain query
//!   parser does) lets a word that is in the title and the body count twice over.
//! - **Soft AND**: the score is multiplied by the share of the query's concepts the document
//!   has, raised to [`Params::coord`], so documents with more of the words come first.
//! - **Proximity**: a bonus for pairs of different concepts that occur near each other (within
//!   [`Params::window`] positions), each pair counting 1/distance² and saturated like a term
//!   (BM25TP, Rasolofo & Savoy 2003).
//!
//! A query with no text concepts (only filters or metadata fields) keeps tantivy's own score.
//! The per-document arithmetic lives in [`super::scorer`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::query::{
    Bm25StatisticsProvider, EnableScoring, Explanation, Query, QueryClone, Scorer, Weight,
};
use tantivy::schema::Field;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term};

use super::concept::{Concept, Scope, Spelling};
pub use super::params::Params;
use super::scorer::RankedScorer;
use crate::schema::Fields;

/// The matches of a matcher, per segment, as a top-k walk found them: the feedback pass
/// records them so that the final query, whose matcher is the same, walks this list instead
/// of the matcher (its unions and intersections of postings) a second time. A segment
/// missing from the log (another searcher's) is walked as usual.
#[derive(Debug, Default)]
pub struct MatchLog {
    segments: Mutex<HashMap<SegmentId, Arc<Vec<DocId>>>>,
}

impl MatchLog {
    fn get(&self, segment: SegmentId) -> Option<Arc<Vec<DocId>>> {
        self.segments.lock().ok()?.get(&segment).cloned()
    }

    fn put(&self, segment: SegmentId, docs: Vec<DocId>) {
        if let Ok(mut m) = self.segments.lock() {
            m.insert(segment, Arc::new(docs));
        }
    }
}

/// The rescoring window of a query with feedback words: the matches that get them scored,
/// per segment (sorted), and how many of the query's concepts are its own (they come first,
/// see [`super::feedback::mix`]). A match outside the window is scored on those alone: the
/// feedback words only reorder the first pass's best matches, as a search engine's rescoring
/// window does (Elasticsearch's `rescore.window_size`), and a walk over thousands of matches
/// reads two or three words' postings for most of them instead of thirty. Since feedback
/// only adds to a score, a match outside the window scores no more than it would inside.
/// A segment missing from the map has no match in the window.
///
/// `cap` bounds what a match outside the window can score (before any boost): the first
/// pass scored it no higher than the window's last match, and the final query weighs each of
/// the query's own concepts at most `ratio` times what the first pass did (a feedback word
/// that is also a query word adds to its weight), so it scores at most `ratio` times that.
/// Once the k-th best score passes `cap`, the matches outside the window are passed over
/// without reading their postings.
#[derive(Debug, Default)]
pub struct FeedbackWindow {
    pub own: usize,
    pub docs: HashMap<SegmentId, Vec<DocId>>,
    pub cap: Score,
}

/// What a query does with a [`MatchLog`].
#[derive(Debug, Clone)]
enum Log {
    None,
    /// Top-k collection records the matches into it.
    Record(Arc<MatchLog>),
    /// Top-k collection walks the matches recorded in it.
    Replay(Arc<MatchLog>),
}

/// A matcher whose matches are scored by the ranking model.
#[derive(Debug)]
pub struct RankedQuery {
    matcher: Box<dyn Query>,
    concepts: Arc<Vec<Concept>>,
    fields: Fields,
    params: Params,
    /// Top-k collection keeps only documents scoring above this (see [`RankedQuery::floor`]).
    floor: Score,
    /// Where top-k collection adds the number of live matches it walked, when set.
    counter: Option<Arc<AtomicUsize>>,
    log: Log,
    window: Option<Arc<FeedbackWindow>>,
    /// The matcher requires every concept and nothing else (see [`RankedQuery::conjunction`]).
    conjunction: bool,
}

impl Clone for RankedQuery {
    fn clone(&self) -> Self {
        RankedQuery {
            matcher: self.matcher.box_clone(),
            concepts: Arc::clone(&self.concepts),
            fields: self.fields,
            params: self.params,
            floor: self.floor,
            counter: self.counter.clone(),
            log: self.log.clone(),
            window: self.window.clone(),
            conjunction: self.conjunction,
        }
    }
}

impl RankedQuery {
    pub fn new(
        matcher: Box<dyn Query>,
        concepts: Vec<Concept>,
        fields: Fields,
        params: Params,
    ) -> Self {
        RankedQuery {
            matcher,
            concepts: Arc::new(concepts),
            fields,
            params,
            floor: Score::NEG_INFINITY,
            counter: None,
            log: Log::None,
            window: None,
            conjunction: false,
        }
    }

    /// The same query, for a matcher that is exactly "every concept, in any of its fields"
    /// (the caller vouches for it: a query of plain words, all required, no filters). Top-k
    /// collection may then find the matches itself, with the cursors it scores with, instead
    /// of walking the matcher's intersection of unions over the same postings (see
    /// [`super::scorer`]); it falls back to the matcher where a concept is more than one word
    /// per field.
    pub fn conjunction(mut self) -> Self {
        self.conjunction = true;
        self
    }

    /// The same query, whose concepts after the first `window.own` are scored only for the
    /// documents in `window` (see [`FeedbackWindow`]).
    pub fn windowed(mut self, window: Arc<FeedbackWindow>) -> Self {
        self.window = Some(window);
        self
    }

    /// The same query, whose top-k collection records its matches into `log`.
    pub fn recording(mut self, log: Arc<MatchLog>) -> Self {
        self.log = Log::Record(log);
        self
    }

    /// The same query, whose top-k collection walks the matches recorded in `log` (by a
    /// query with the same matcher, over the same searcher) instead of its matcher. Scores
    /// and hits are the same: the same documents are scored, in the same order.
    pub fn replaying(mut self, log: Arc<MatchLog>) -> Self {
        self.log = Log::Replay(log);
        self
    }

    /// The same query, whose top-k collection ignores documents scoring `floor` or less.
    /// Exact when at least k documents are known to score above `floor` (so the k best
    /// do): the pruning then starts from that score instead of from nothing.
    pub fn floor(mut self, floor: Score) -> Self {
        self.floor = floor;
        self
    }

    /// The same query, whose top-k collection also counts the live documents it matches
    /// into `counter` (it walks every match anyway), so no separate counting pass is needed.
    pub fn counting(mut self, counter: Arc<AtomicUsize>) -> Self {
        self.counter = Some(counter);
        self
    }

    /// The matches that this query replays in `segment` (see [`RankedQuery::replaying`]),
    /// live and deleted, in order; None when it has none recorded there.
    pub fn replayed(&self, segment: SegmentId) -> Option<Arc<Vec<DocId>>> {
        match &self.log {
            Log::Replay(log) => log.get(segment),
            _ => None,
        }
    }

    /// The scores this query gives the documents at `addrs` (scored as a search would), in
    /// the same order; None for a document it does not match.
    pub fn scores_of(
        &self,
        searcher: &Searcher,
        addrs: &[tantivy::DocAddress],
    ) -> tantivy::Result<Vec<Option<Score>>> {
        let weight = self.weight(EnableScoring::enabled_from_searcher(searcher))?;
        let mut order: Vec<usize> = (0..addrs.len()).collect();
        order.sort_by_key(|&i| (addrs[i].segment_ord, addrs[i].doc_id));
        let mut out = vec![None; addrs.len()];
        let mut current: Option<(u32, Box<dyn Scorer>)> = None;
        for i in order {
            let addr = addrs[i];
            if current.as_ref().is_none_or(|(s, _)| *s != addr.segment_ord) {
                let reader = searcher.segment_reader(addr.segment_ord);
                current = Some((addr.segment_ord, weight.scorer(reader, 1.0)?));
            }
            let Some((_, scorer)) = current.as_mut() else {
                continue;
            };
            if scorer.doc() < addr.doc_id {
                scorer.seek(addr.doc_id);
            }
            if scorer.doc() == addr.doc_id {
                out[i] = Some(scorer.score());
            }
        }
        Ok(out)
    }
}

/// One field the model counts occurrences in.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldModel {
    pub field: Field,
    pub weight: f32,
    pub b: f32,
    pub avg_len: f32,
}

/// A spelling as terms of one field, at their relative positions.
#[derive(Debug, Clone)]
pub(super) struct TermSpelling {
    pub terms: Vec<(u32, Term)>,
    pub slop: u32,
}

/// A concept's spellings in one field (an index into the model's field list).
#[derive(Debug, Clone)]
pub(super) struct FieldSpellings {
    pub field: usize,
    pub spellings: Vec<TermSpelling>,
}

/// A concept with its statistics: IDF and, per field, its spellings as terms.
#[derive(Debug, Clone)]
pub(super) struct ConceptModel {
    pub idf: f32,
    pub weight: f32,
    pub per_field: Vec<FieldSpellings>,
}

/// BM25's IDF, as Lucene and tantivy compute it.
pub(crate) fn idf(doc_freq: u64, docs: u64) -> f32 {
    let df = doc_freq.min(docs) as f32;
    (1.0 + (docs as f32 - df + 0.5) / (df + 0.5)).ln()
}

fn spelling_terms(field: Field, spellings: &[Spelling]) -> Vec<TermSpelling> {
    spellings
        .iter()
        .map(|s| TermSpelling {
            terms: s
                .terms
                .iter()
                .map(|(o, t)| (*o, Term::from_field_text(field, t)))
                .collect(),
            slop: s.slop,
        })
        .collect()
}

/// Documents holding a spelling, at most: a phrase is no more frequent than its rarest term.
fn spelling_df(stats: &dyn Bm25StatisticsProvider, terms: &[(u32, Term)]) -> u64 {
    terms
        .iter()
        .map(|(_, t)| stats.doc_freq(t).unwrap_or(0))
        .min()
        .unwrap_or(0)
}

pub(super) struct RankedWeight {
    matcher: Box<dyn Weight>,
    floor: Score,
    counter: Option<Arc<AtomicUsize>>,
    log: Log,
    pub(super) window: Option<Arc<FeedbackWindow>>,
    conjunction: bool,
    pub(super) fields: Vec<FieldModel>,
    pub(super) concepts: Vec<ConceptModel>,
    pub(super) params: Params,
}

impl RankedQuery {
    fn model(
        &self,
        stats: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<(Vec<FieldModel>, Vec<ConceptModel>)> {
        let docs = stats.total_num_docs()?.max(1);
        let f = &self.fields;
        let p = &self.params;
        let mut fields = Vec::new();
        for (field, weight, b) in [
            (f.title, p.title_weight, p.title_b),
            (f.body, 1.0, p.b),
            (f.dateline, p.dateline_weight, p.b),
        ] {
            let avg_len = stats.total_num_tokens(field)? as f32 / docs as f32;
            fields.push(FieldModel {
                field,
                weight,
                b,
                avg_len: avg_len.max(1.0),
            });
        }
        let mut concepts = Vec::new();
        for c in self.concepts.iter() {
            let in_scope: &[usize] = match c.scope {
                Scope::Text => &[0, 1, 2],
                Scope::Title => &[0],
                Scope::Body => &[1],
            };
            let mut per_field = Vec::new();
            // Words first: a phrase's bound (its rarest word's) is loose, and a phrase that
            // spells the same word again ("cease fire" for "ceasefire") would take the
            // concept's rarity from "cease". Phrases count when no word spelling is indexed.
            let (mut word_df, mut phrase_df) = (0u64, 0u64);
            for &i in in_scope {
                let spellings = if i == 2 { &c.name } else { &c.news };
                if spellings.is_empty() || fields[i].weight <= 0.0 {
                    continue;
                }
                let spellings = spelling_terms(fields[i].field, spellings);
                for s in &spellings {
                    let df = spelling_df(stats, &s.terms);
                    if s.terms.len() == 1 {
                        word_df = word_df.max(df);
                    } else {
                        phrase_df = phrase_df.max(df);
                    }
                }
                per_field.push(FieldSpellings {
                    field: i,
                    spellings,
                });
            }
            let df = if word_df > 0 { word_df } else { phrase_df };
            concepts.push(ConceptModel {
                idf: idf(df, docs),
                weight: c.weight,
                per_field,
            });
        }
        Ok((fields, concepts))
    }
}

impl Query for RankedQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let EnableScoring::Enabled {
            searcher,
            statistics_provider,
        } = scoring
        else {
            return self.matcher.weight(scoring);
        };
        if self.concepts.is_empty() {
            return self.matcher.weight(scoring);
        }
        let matcher = self
            .matcher
            .weight(EnableScoring::disabled_from_searcher(searcher))?;
        let (fields, concepts) = self.model(statistics_provider)?;
        Ok(Box::new(RankedWeight {
            matcher,
            floor: self.floor,
            counter: self.counter.clone(),
            log: self.log.clone(),
            window: self.window.clone(),
            conjunction: self.conjunction,
            fields,
            concepts,
            params: self.params,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.matcher.query_terms(visitor);
    }
}

impl Weight for RankedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let matcher = self.matcher.scorer(reader, boost)?;
        Ok(Box::new(RankedScorer::new(self, reader, matcher, boost)?))
    }

    /// Top-k collection (`TopDocs` by score): drops documents that cannot make the top k
    /// before reading all their postings; see [`super::scorer`].
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let floor = self.floor;
        let threshold = threshold.max(floor);
        let callback = &mut |doc, score| callback(doc, score).max(floor);
        let segment = reader.segment_id();
        if let Log::Replay(log) = &self.log
            && let Some(docs) = log.get(segment)
            && self.counter.is_none()
        {
            // The matcher is not walked: an empty one stands in for it.
            let none: Box<dyn Scorer> = Box::new(tantivy::query::EmptyScorer);
            RankedScorer::new(self, reader, none, 1.0)?
                .for_each_pruning_in(&docs, threshold, callback);
            return Ok(());
        }
        let alive = reader.alive_bitset();
        let mut record = match &self.log {
            Log::Record(_) => Some(Vec::new()),
            _ => None,
        };
        let count = self.counter.as_ref().map(|_| alive);
        let none: Box<dyn Scorer> = Box::new(tantivy::query::EmptyScorer);
        let mut scorer = RankedScorer::new(self, reader, none, 1.0)?;
        let groups = if self.conjunction {
            scorer.conjunction_groups()
        } else {
            None
        };
        if groups.is_none() {
            scorer.set_matcher(self.matcher.scorer(reader, 1.0)?);
        }
        let walked = scorer.for_each_pruning(
            groups.as_deref(),
            threshold,
            callback,
            count,
            record.as_mut(),
        );
        if let (Log::Record(log), Some(docs)) = (&self.log, record) {
            log.put(segment, docs);
        }
        if let Some(counter) = &self.counter {
            counter.fetch_add(walked, Ordering::Relaxed);
        }
        Ok(())
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.matcher.count(reader)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut s = self.scorer(reader, 1.0)?;
        if s.doc() < doc {
            s.seek(doc);
        }
        if s.doc() != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "newsdex rank: BM25F × coordination + proximity",
            s.score(),
        ))
    }
}

/// Scores one document address the way a search would (for tests and `explain`).
pub fn score_of(
    query: &RankedQuery,
    searcher: &Searcher,
    addr: tantivy::DocAddress,
) -> tantivy::Result<Score> {
    query.explain(searcher, addr).map(|e| e.value())
}
