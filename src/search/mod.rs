//! Reading an index: search with filters, facets, snippets; fetching one article; walking all
//! of them for export; statistics. Opens a reader only, never a writer, so it works while an
//! index run is in progress (it sees the last commit).

mod articles;
pub mod concept;
pub mod dedup;
pub mod facets;
pub mod feedback;
pub mod filters;
mod page;
mod pool;
pub mod query;
pub mod rank;
#[cfg(test)]
mod rank_tests;
mod scorer;
mod similar;
pub mod snippet;
pub mod stored;
pub mod stories;
pub mod suggest;
pub mod synonyms;
pub mod syntax;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, MoreLikeThisQuery, Occur, Query, QueryClone, TermQuery,
};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{
    DateTime, DocAddress, Index, IndexReader, Order, ReloadPolicy, TantivyDocument, Term,
};
use time::OffsetDateTime;

use crate::article::Article;
use crate::error::{Error, Result};
use crate::indexer::simhash;
use crate::schema::{self, Fields};
use query::QueryBuilder;
pub use query::{Filters, MatchMode};
use rank::{Params, RankedQuery};
pub use snippet::Snippet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub facets: bool,
    pub snippet_chars: usize,
    /// All words (default) or any word; see [`MatchMode`].
    pub mode: MatchMode,
    /// Words also match indexed words a typo away.
    pub fuzzy: bool,
    /// Fold near-duplicates (copies of one story) into their best-ranked hit; `offset` and
    /// `limit` then count stories. See [`dedup`].
    pub collapse: bool,
    /// How many of each hit's folded copies to name in [`Hit::similar`] (None: all); they
    /// are all counted.
    pub similar_ids: Option<usize>,
}

/// What `newsdex similar` asks for.
#[derive(Debug, Clone, Default)]
pub struct SimilarRequest {
    pub limit: usize,
    pub offset: usize,
    pub collapse: bool,
    /// As [`SearchRequest::similar_ids`].
    pub similar_ids: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub article: Article,
    pub snippet: Snippet,
    /// Byte ranges in the title that match the query.
    pub title_highlights: Vec<[usize; 2]>,
    /// Ids of the near-duplicates folded into this hit, best first (empty without collapsing;
    /// the first [`SearchRequest::similar_ids`] when that is set).
    pub similar: Vec<String>,
    /// How many near-duplicates were folded into this hit.
    pub similar_count: usize,
}

/// Counts of the most frequent values of one metadata kind.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, PartialEq)]
pub struct FacetCounts {
    pub people: Vec<(String, u64)>,
    pub speakers: Vec<(String, u64)>,
    pub summits: Vec<(String, u64)>,
    pub topics: Vec<(String, u64)>,
    pub datelines: Vec<(String, u64)>,
}

#[derive(Debug, Clone)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    pub total_hits: usize,
    pub facets: Option<FacetCounts>,
    /// No article had every word, so these are the articles with most of them.
    pub relaxed: bool,
}

/// Matches in rank order, before anything is loaded.
#[derive(Debug, Clone)]
pub struct Ranking {
    pub total_hits: usize,
    /// (score, address), best first, after `offset`, at most `limit`.
    pub docs: Vec<(f32, DocAddress)>,
    /// For each of `docs`, the articles with the same fingerprint folded into it while
    /// collecting, best first: filled only when stories were asked for ([`stories`]).
    pub copies: Vec<Vec<(f32, DocAddress)>>,
    pub facets: Option<FacetCounts>,
    pub relaxed: bool,
}

/// What the pages of one request share: the ranked query (feedback words included), the
/// number of matches and their facets.
struct Prepared {
    query: RankedQuery,
    total_hits: usize,
    facets: Option<FacetCounts>,
    relaxed: bool,
    /// Scores that `query` gives some matches, best first (the first pass's hits).
    known: Known,
    /// The articles the feedback pass read and analysed, for the hits to reuse.
    seen: HashMap<DocAddress, feedback::Analysed>,
}

/// A request's ranked query, and what its feedback pass learnt on the way.
struct FirstPass {
    query: RankedQuery,
    /// The number of matches, when the first pass counted them.
    counted: Option<usize>,
    /// As [`Prepared::known`].
    known: Known,
    /// As [`Prepared::seen`].
    seen: HashMap<DocAddress, feedback::Analysed>,
}

/// Scores that a request's final query gives some of its matches, best first: a page can
/// start pruning from them (see [`RankedQuery::floor`]). Only a page ranked by plain top-k
/// uses them (a page of stories does not), so scoring the first pass's hits again with the
/// final query waits until one asks.
enum Known {
    Scores(Vec<f32>),
    /// The first pass's hits and the number of matches, scored again when first asked for.
    Later {
        top: Vec<(f32, DocAddress)>,
        matches: usize,
        scores: std::sync::OnceLock<Vec<f32>>,
    },
}

/// True when a request's matcher is exactly "every concept, in any of its fields": plain
/// words (no field prefixes, phrases, OR, NOT or `+`), all required, no filters, no typo
/// spellings, and one concept per word (none merged or dropped). See
/// [`RankedQuery::conjunction`].
fn plain_conjunction(req: &SearchRequest, concepts: usize) -> bool {
    if !req.filters.is_empty() || req.mode != MatchMode::All || req.fuzzy {
        return false;
    }
    let word = |n: &syntax::Node| matches!(n, syntax::Node::Word { field: None, .. });
    let words = match syntax::parse(&req.query) {
        Ok(Some(n)) if word(&n) => 1,
        Ok(Some(syntax::Node::And(children))) if children.iter().all(word) => children.len(),
        _ => return false,
    };
    words == concepts
}

/// True when a query is several words joined by the implicit AND, so that reading it as
/// "any of these words" is a fair second try when nothing has all of them.
fn relaxable(query: &str) -> bool {
    matches!(
        syntax::parse(query),
        Ok(Some(syntax::Node::And(children)))
            if children.iter().filter(|c| !matches!(c, syntax::Node::Not(_))).count() > 1
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub articles: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub top: FacetCounts,
}

/// From how many matches on it pays to score the feedback pass's hits again to start pruning
/// from (measured with callgrind on Reuters ×5: a loss at 400 matches, a gain from 3,000).
const RESCORE_MIN_MATCHES: usize = 1000;

/// How many values each facet lists.
pub const FACET_TOP: usize = 10;

pub struct NewsIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    params: Params,
    /// Text analyzers (and their memos of analysed words) kept between searches.
    analyzers: pool::AnalyzerPool,
    /// Facet values read back by earlier searches.
    facet_names: Arc<facets::FacetNames>,
}

fn facet_collector() -> facets::FacetTop {
    facets::FacetTop::new(FACET_TOP)
}

pub fn rfc3339(d: OffsetDateTime) -> String {
    d.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

impl NewsIndex {
    pub fn open(dir: &Path) -> Result<NewsIndex> {
        let (index, fields) = schema::open_index(dir)?;
        Self::with_index(index, fields)
    }

    /// Wraps an index built elsewhere (in RAM, for evaluation and tests); registers our
    /// analyzers on it.
    pub fn from_index(index: Index) -> Result<NewsIndex> {
        crate::analysis::register(index.tokenizers());
        let fields = Fields::new(&index.schema())?;
        Self::with_index(index, fields)
    }

    fn with_index(index: Index, fields: Fields) -> Result<NewsIndex> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(NewsIndex {
            index,
            fields,
            reader,
            params: Params::default(),
            analyzers: pool::AnalyzerPool::default(),
            facet_names: Arc::default(),
        })
    }

    /// Ranks with other constants than the defaults (to measure what each is worth).
    pub fn set_rank_params(&mut self, params: Params) {
        self.params = params;
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn num_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn load(&self, searcher: &tantivy::Searcher, addr: DocAddress) -> Result<Article> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        Ok(stored::to_article(&doc, &self.fields))
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// The article stored at `addr`.
    pub fn article_at(&self, addr: DocAddress) -> Result<Article> {
        self.load(&self.reader.searcher(), addr)
    }

    /// The query a request runs: the matcher the query syntax, mode and filters call for,
    /// ranked by [`rank`] (before feedback, which [`NewsIndex::rank`] adds).
    pub fn build_query(&self, req: &SearchRequest) -> Result<Box<dyn Query>> {
        let (matcher, concepts) = self.plan(req)?;
        Ok(Box::new(RankedQuery::new(
            matcher,
            concepts,
            self.fields,
            self.params,
        )))
    }

    fn plan(&self, req: &SearchRequest) -> Result<(Box<dyn Query>, Vec<concept::Concept>)> {
        let node = syntax::parse(&req.query)?;
        let searcher = self.reader.searcher();
        QueryBuilder::new(&self.fields, Some(&searcher))
            .mode(req.mode)
            .fuzzy(req.fuzzy)
            .plan(node.as_ref(), &req.filters)
    }

    /// The ranked query with feedback words from a first pass, when feedback is on. The first
    /// pass walks every match, so it also counts them; and its hits, scored again by the final
    /// query, give a score that the final top k reaches (see [`Prepared::known`]).
    fn ranked_query(&self, req: &SearchRequest) -> Result<FirstPass> {
        let params = self.params;
        let (matcher, concepts) = self.plan(req)?;
        let mut first =
            RankedQuery::new(matcher.box_clone(), concepts.clone(), self.fields, params);
        if plain_conjunction(req, concepts.len()) {
            first = first.conjunction();
        }
        let fb = params.feedback;
        if fb.docs == 0 || concepts.is_empty() || req.sort != Sort::Relevance {
            return Ok(FirstPass {
                query: first,
                counted: None,
                known: Known::Scores(Vec::new()),
                seen: HashMap::new(),
            });
        }
        let searcher = self.reader.searcher();
        let counter = Arc::new(AtomicUsize::new(0));
        // The first pass records its matches; the final query, with the same matcher, walks
        // them again without the matcher.
        let log = Arc::new(rank::MatchLog::default());
        // The first pass's best matches: the feedback documents, and the rescoring window.
        let window_len = if fb.window == 0 {
            0
        } else {
            fb.window.max(fb.docs)
        };
        let mut top = searcher.search(
            &first
                .clone()
                .counting(Arc::clone(&counter))
                .recording(Arc::clone(&log)),
            &TopDocs::with_limit(window_len.max(fb.docs)).order_by_score(),
        )?;
        let own_weights: Vec<f32> = concepts.iter().map(|c| c.weight).collect();
        let window = (window_len > 0 && top.len() >= window_len).then(|| {
            let mut docs: HashMap<_, Vec<tantivy::DocId>> = HashMap::new();
            for (_, addr) in &top {
                let segment = searcher.segment_reader(addr.segment_ord).segment_id();
                docs.entry(segment).or_default().push(addr.doc_id);
            }
            for list in docs.values_mut() {
                list.sort_unstable();
            }
            // The window's last score, as the first pass gave it (`cap` is set once the
            // final weights are known).
            let last = top.last().map_or(f32::INFINITY, |t| t.0);
            rank::FeedbackWindow {
                own: concepts.len(),
                docs,
                cap: last,
            }
        });
        top.truncate(fb.docs);
        let first = first.replaying(Arc::clone(&log));
        let counted = Some(counter.load(AtomicOrdering::Relaxed));
        let mut analyzer = self.text_analyzer()?;
        let mut seen = HashMap::new();
        for &(_, addr) in &top {
            let doc = feedback::analyse(&searcher, &self.fields, &mut analyzer, addr)?;
            seen.insert(addr, doc);
        }
        let analysed: Vec<(f32, &feedback::Analysed)> = top
            .iter()
            .filter_map(|(s, a)| seen.get(a).map(|d| (*s, d)))
            .collect();
        let extra = feedback::expansion(&searcher, &self.fields, &concepts, &analysed, fb)?;
        if extra.is_empty() {
            return Ok(FirstPass {
                query: first,
                counted,
                known: Known::Scores(top.iter().map(|t| t.0).collect()),
                seen,
            });
        }
        let mixed = feedback::mix(concepts, extra);
        let mut query =
            RankedQuery::new(matcher, mixed.clone(), self.fields, params).replaying(log);
        if let Some(mut window) = window {
            // How much more the final query weighs any of the query's own concepts; the
            // margin covers float rounding (see `FeedbackWindow::cap`).
            let ratio = own_weights
                .iter()
                .zip(&mixed)
                .map(|(&w, c)| if w > 0.0 { c.weight / w } else { f32::INFINITY })
                .fold(1.0f32, f32::max);
            window.cap = (window.cap * ratio).max(0.0) * 1.0001 + 1e-6;
            if window.cap.is_nan() {
                window.cap = f32::INFINITY;
            }
            query = query.windowed(Arc::new(window));
        }
        let matches = counter.load(AtomicOrdering::Relaxed);
        let known = Known::Later {
            top,
            matches,
            scores: std::sync::OnceLock::new(),
        };
        Ok(FirstPass {
            query,
            counted,
            known,
            seen,
        })
    }

    /// [`Prepared::known`], scoring the first pass's hits again if it comes to that.
    fn known<'k>(&self, known: &'k Known, query: &RankedQuery) -> Result<&'k [f32]> {
        match known {
            Known::Scores(s) => Ok(s),
            Known::Later {
                top,
                matches,
                scores,
            } => {
                if let Some(s) = scores.get() {
                    return Ok(s);
                }
                let s = self.known_scores(&self.reader.searcher(), query, top, *matches)?;
                Ok(scores.get_or_init(|| s))
            }
        }
    }

    /// Scores that the final `query` gives at least, best first, to the first pass's `top`
    /// hits, for a query with `matches` matches. Feedback only adds to a score (its words and
    /// weights are non-negative), so the first-pass scores are such scores, for free; with
    /// many matches, scoring the hits again with the final query gives higher ones, which
    /// prune more than a scorer per segment costs. Soft AND scales a score by the share of
    /// the query matched, which feedback lowers: there only scoring again gives them.
    fn known_scores(
        &self,
        searcher: &tantivy::Searcher,
        query: &RankedQuery,
        top: &[(f32, DocAddress)],
        matches: usize,
    ) -> Result<Vec<f32>> {
        let mut known: Vec<f32> = if matches >= RESCORE_MIN_MATCHES || self.params.coord > 0.0 {
            let addrs: Vec<DocAddress> = top.iter().map(|t| t.1).collect();
            query
                .scores_of(searcher, &addrs)?
                .into_iter()
                .flatten()
                .collect()
        } else {
            top.iter().map(|t| t.0).collect()
        };
        known.sort_by(|a, b| b.total_cmp(a));
        Ok(known)
    }

    /// The text analyzer, on loan from the pool (see [`pool`]).
    fn text_analyzer(&self) -> Result<pool::Pooled<'_>> {
        self.analyzers.take(|| {
            self.index
                .tokenizers()
                .get(crate::analysis::NEWS)
                .ok_or_else(|| Error::Invalid("text analyzer missing".into()))
        })
    }

    /// The matches of a request in rank order. When every word was required and nothing
    /// has them all, the query is run again as "any of the words" and `relaxed` is set.
    pub fn rank(&self, req: &SearchRequest) -> Result<Ranking> {
        let prepared = self.prepare(req)?;
        self.top(&prepared, req.sort, req.offset, req.limit, false)
    }

    /// The query a request runs (with its feedback words), how many articles it matches and
    /// their facets: what every page of one request shares, computed once.
    fn prepare(&self, req: &SearchRequest) -> Result<Prepared> {
        let first = self.count(self.ranked_query(req)?, req)?;
        if first.total_hits > 0 || req.mode != MatchMode::All || !relaxable(&req.query) {
            return Ok(first);
        }
        let any = SearchRequest {
            mode: MatchMode::Any,
            ..req.clone()
        };
        let mut relaxed = self.count(self.ranked_query(&any)?, &any)?;
        if relaxed.total_hits == 0 {
            return Ok(first);
        }
        relaxed.relaxed = true;
        Ok(relaxed)
    }

    /// Counts the matches of a query and their facets, unscored (so that scoring is left to
    /// the top-k pass alone, pruned as it goes; see `scorer`), unless the first pass counted
    /// them and no facets are asked for.
    fn count(&self, first: FirstPass, req: &SearchRequest) -> Result<Prepared> {
        let FirstPass {
            query,
            counted,
            known,
            seen,
        } = first;
        let (total_hits, facets) = match counted {
            Some(n) if !req.facets => (n, None),
            Some(n) => match self.replayed_facets(&query)? {
                Some(f) => (n, Some(f)),
                None => {
                    let searcher = self.reader.searcher();
                    let facets = facet_collector().with_names(Arc::clone(&self.facet_names));
                    (n, Some(searcher.search(&query, &facets)?))
                }
            },
            _ => {
                let searcher = self.reader.searcher();
                let facets = req
                    .facets
                    .then(|| facet_collector().with_names(Arc::clone(&self.facet_names)));
                searcher.search(&query, &(Count, facets))?
            }
        };
        Ok(Prepared {
            query,
            total_hits,
            facets,
            relaxed: false,
            known,
            seen,
        })
    }

    /// The facets of the matches that `query` replays (see [`RankedQuery::replaying`]),
    /// collected from the recorded list instead of walking the matcher again; None when a
    /// segment has none recorded.
    fn replayed_facets(&self, query: &RankedQuery) -> Result<Option<FacetCounts>> {
        use tantivy::collector::{Collector, SegmentCollector};
        let searcher = self.reader.searcher();
        let collector = facet_collector().with_names(Arc::clone(&self.facet_names));
        let mut fruits = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let Some(docs) = query.replayed(reader.segment_id()) else {
                return Ok(None);
            };
            let mut seg = collector.for_segment(ord as u32, reader)?;
            let alive = reader.alive_bitset();
            for &doc in docs.iter() {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    seg.collect(doc, 0.0);
                }
            }
            fruits.push(seg.harvest());
        }
        Ok(Some(collector.merge_fruits(fruits)?))
    }

    /// Matches `offset..offset + limit` of a prepared request, in `sort` order. With
    /// `stories` (by relevance, from the first match), the `limit` best stories instead:
    /// same-fingerprint copies folded while collecting ([`stories`]).
    fn top(
        &self,
        p: &Prepared,
        sort: Sort,
        offset: usize,
        limit: usize,
        stories: bool,
    ) -> Result<Ranking> {
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let mut copies = Vec::new();
        let docs = match sort {
            Sort::Relevance if stories && offset == 0 => {
                let found = searcher.search(&p.query, &stories::StoryTop::new(limit))?;
                let (docs, folded) = stories::split(found);
                copies = folded;
                docs
            }
            Sort::Relevance => {
                // At least k documents score `known[k - 1]`, so the top k do too: collection
                // may ignore anything below (a hair under, against rounding).
                let k = offset.saturating_add(limit.max(1));
                let known = self.known(&p.known, &p.query)?;
                match known.get(k - 1) {
                    Some(&kth) if known.len() >= k => {
                        let floor = kth - kth.abs() * 1e-5 - 1e-6;
                        searcher.search(&p.query.clone().floor(floor), &top.order_by_score())?
                    }
                    _ => searcher.search(&p.query, &top.order_by_score())?,
                }
            }
            Sort::Date => searcher
                .search(
                    &p.query,
                    &top.order_by_fast_field::<DateTime>(schema::DATE, Order::Desc),
                )?
                .into_iter()
                .map(|(_, a)| (0.0f32, a))
                .collect(),
        };
        Ok(Ranking {
            total_hits: p.total_hits,
            docs: docs.into_iter().take(limit).collect(),
            copies,
            facets: p.facets.clone(),
            relaxed: p.relaxed,
        })
    }

    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let prepared = self.prepare(req)?;
        let (ranking, copies) = self.page(
            req.offset,
            req.limit,
            req.collapse,
            |offset, limit, stories| self.top(&prepared, req.sort, offset, limit, stories),
        )?;
        // Snippets highlight the matcher's terms, which feedback leaves as they were.
        self.hits(
            ranking,
            copies,
            &prepared.query,
            req.offset,
            req.snippet_chars,
            &prepared.seen,
            req.similar_ids,
        )
    }

    /// "Did you mean": the query with each word that no article has (or almost none, while a
    /// close word is common) replaced by the closest indexed word; None when nothing needs it.
    pub fn suggest(&self, query: &str) -> Result<Option<String>> {
        let mut analyzer = self.text_analyzer()?;
        suggest::did_you_mean(&self.reader.searcher(), &self.fields, &mut analyzer, query)
    }
}
