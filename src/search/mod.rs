//! Reading an index: search with filters, facets, snippets; fetching one article; walking all
//! of them for export; statistics. Opens a reader only, never a writer, so it works while an
//! index run is in progress (it sees the last commit).

mod articles;
pub mod concept;
mod cursors;
pub mod dedup;
pub mod facets;
pub mod feedback;
pub mod filters;
mod first_pass;
mod names;
mod page;
mod params;
mod pool;
pub mod query;
pub mod rank;
#[cfg(test)]
mod rank_tests;
mod respell;
mod scorer;
mod similar;
pub mod snippet;
pub mod stored;
pub mod stories;
pub mod suggest;
pub mod synonyms;
pub mod syntax;
mod variants;

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
use first_pass::{FirstPass, Known};
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
        let reader = schema::open_reader(dir, &index)?;
        Ok(Self::with_reader(index, fields, reader))
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
        Ok(Self::with_reader(index, fields, reader))
    }

    fn with_reader(index: Index, fields: Fields, reader: IndexReader) -> NewsIndex {
        NewsIndex {
            index,
            fields,
            reader,
            params: Params::default(),
            analyzers: pool::AnalyzerPool::default(),
            facet_names: Arc::default(),
        }
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
