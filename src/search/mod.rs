//! Reading an index: search with filters, facets, snippets; fetching one article; walking all
//! of them for export; statistics. Opens a reader only, never a writer, so it works while an
//! index run is in progress (it sees the last commit).

pub mod concept;
pub mod feedback;
pub mod filters;
pub mod query;
pub mod rank;
#[cfg(test)]
mod rank_tests;
mod scorer;
pub mod snippet;
pub mod stored;
pub mod suggest;
pub mod synonyms;
pub mod syntax;

use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, Query, QueryClone, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{
    DateTime, DocAddress, Index, IndexReader, Order, ReloadPolicy, TantivyDocument, Term,
};
use time::OffsetDateTime;

use crate::article::Article;
use crate::error::{Error, Result};
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
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub article: Article,
    pub snippet: Snippet,
    /// Byte ranges in the title that match the query.
    pub title_highlights: Vec<[usize; 2]>,
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
    pub facets: Option<FacetCounts>,
    pub relaxed: bool,
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
}

fn facet_collector() -> FacetCollector {
    let mut c = FacetCollector::for_field(schema::FACETS);
    for kind in schema::FACET_KINDS {
        c.add_facet(Facet::from_path([*kind]));
    }
    c
}

fn facet_counts(counts: &tantivy::collector::FacetCounts, k: usize) -> FacetCounts {
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

    /// The ranked query with feedback words from a first pass, when feedback is on.
    fn ranked_query(&self, req: &SearchRequest) -> Result<RankedQuery> {
        let params = self.params;
        let (matcher, concepts) = self.plan(req)?;
        let first = RankedQuery::new(matcher.box_clone(), concepts.clone(), self.fields, params);
        let fb = params.feedback;
        if fb.docs == 0 || concepts.is_empty() || req.sort != Sort::Relevance {
            return Ok(first);
        }
        let searcher = self.reader.searcher();
        let top = searcher.search(&first, &TopDocs::with_limit(fb.docs).order_by_score())?;
        let mut analyzer = self.text_analyzer()?;
        let extra =
            feedback::expansion(&searcher, &self.fields, &mut analyzer, &concepts, &top, fb)?;
        if extra.is_empty() {
            return Ok(first);
        }
        Ok(RankedQuery::new(
            matcher,
            feedback::mix(concepts, extra),
            self.fields,
            params,
        ))
    }

    fn text_analyzer(&self) -> Result<tantivy::tokenizer::TextAnalyzer> {
        self.index
            .tokenizers()
            .get(crate::analysis::NEWS)
            .ok_or_else(|| Error::Invalid("text analyzer missing".into()))
    }

    /// The matches of a request in rank order. When every word was required and nothing
    /// has them all, the query is run again as "any of the words" and `relaxed` is set.
    pub fn rank(&self, req: &SearchRequest) -> Result<Ranking> {
        let ranking = self.rank_once(req)?;
        if ranking.total_hits > 0 || req.mode != MatchMode::All || !relaxable(&req.query) {
            return Ok(ranking);
        }
        let any = SearchRequest {
            mode: MatchMode::Any,
            ..req.clone()
        };
        let mut relaxed = self.rank_once(&any)?;
        if relaxed.total_hits == 0 {
            return Ok(ranking);
        }
        relaxed.relaxed = true;
        Ok(relaxed)
    }

    fn rank_once(&self, req: &SearchRequest) -> Result<Ranking> {
        let query = self.ranked_query(req)?;
        let searcher = self.reader.searcher();
        let limit = req.limit.max(1);
        let top = TopDocs::with_limit(limit).and_offset(req.offset);
        let facets = req.facets.then(facet_collector);
        let (total_hits, docs, facet_fruit) = match req.sort {
            Sort::Relevance => {
                let (n, docs, f) =
                    searcher.search(&query, &(Count, top.order_by_score(), facets))?;
                (n, docs, f)
            }
            Sort::Date => {
                let (n, docs, f) = searcher.search(
                    &query,
                    &(
                        Count,
                        top.order_by_fast_field::<DateTime>(schema::DATE, Order::Desc),
                        facets,
                    ),
                )?;
                let docs = docs.into_iter().map(|(_, a)| (0.0f32, a)).collect();
                (n, docs, f)
            }
        };
        Ok(Ranking {
            total_hits,
            docs: docs.into_iter().take(req.limit).collect(),
            facets: facet_fruit.map(|f| facet_counts(&f, FACET_TOP)),
            relaxed: false,
        })
    }

    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let ranking = self.rank(req)?;
        let mode = if ranking.relaxed {
            MatchMode::Any
        } else {
            req.mode
        };
        let query = self.build_query(&SearchRequest {
            mode,
            ..req.clone()
        })?;
        let searcher = self.reader.searcher();
        let body_terms = snippet::query_terms(&*query, self.fields.body);
        let title_terms = snippet::query_terms(&*query, self.fields.title);
        let mut analyzer = self.text_analyzer()?;
        let chars = if req.snippet_chars == 0 {
            snippet::SNIPPET_CHARS
        } else {
            req.snippet_chars
        };
        let mut hits = Vec::with_capacity(ranking.docs.len());
        for (i, (score, addr)) in ranking.docs.into_iter().enumerate() {
            let article = self.load(&searcher, addr)?;
            let snippet = snippet::make(&article.body, &body_terms, &mut analyzer, chars);
            let title_highlights = snippet::matches(&article.title, &title_terms, &mut analyzer)
                .into_iter()
                .map(|(a, b)| [a, b])
                .collect();
            hits.push(Hit {
                rank: req.offset + i + 1,
                score,
                article,
                snippet,
                title_highlights,
            });
        }
        Ok(SearchResults {
            hits,
            total_hits: ranking.total_hits,
            facets: ranking.facets,
            relaxed: ranking.relaxed,
        })
    }

    /// "Did you mean": the query with each word that no article has (or almost none, while a
    /// close word is common) replaced by the closest indexed word; None when nothing needs it.
    pub fn suggest(&self, query: &str) -> Result<Option<String>> {
        let mut analyzer = self.text_analyzer()?;
        suggest::did_you_mean(&self.reader.searcher(), &self.fields, &mut analyzer, query)
    }

    /// One article by its id, or by the id its source gave when that is unique.
    pub fn get(&self, id: &str) -> Result<Option<Article>> {
        let searcher = self.reader.searcher();
        for field in [self.fields.id, self.fields.source_id] {
            let q = TermQuery::new(Term::from_field_text(field, id), IndexRecordOption::Basic);
            let docs = searcher.search(&q, &TopDocs::with_limit(2).order_by_score())?;
            if docs.len() == 1 {
                return Ok(Some(self.load(&searcher, docs[0].1)?));
            }
            if docs.len() > 1 && field == self.fields.source_id {
                return Err(Error::Invalid(format!(
                    "source id '{id}' is shared by several articles; use the full id"
                )));
            }
        }
        Ok(None)
    }

    /// Calls `f` for every live article, segment by segment.
    pub fn for_each_article(&self, mut f: impl FnMut(Article) -> Result<bool>) -> Result<()> {
        let searcher = self.reader.searcher();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let article = self.load(&searcher, DocAddress::new(ord as u32, doc))?;
                if !f(article)? {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        let facets = searcher.search(&AllQuery, &facet_collector())?;
        let mut first: Option<DateTime> = None;
        let mut last: Option<DateTime> = None;
        for segment in searcher.segment_readers() {
            let col = segment.fast_fields().date(schema::DATE)?;
            for doc in segment.doc_ids_alive() {
                if let Some(d) = col.first(doc) {
                    first = Some(first.map_or(d, |f| f.min(d)));
                    last = Some(last.map_or(d, |l| l.max(d)));
                }
            }
        }
        Ok(Stats {
            articles: searcher.num_docs(),
            first_date: first.map(|d| rfc3339(d.into_utc())),
            last_date: last.map(|d| rfc3339(d.into_utc())),
            top: facet_counts(&facets, FACET_TOP),
        })
    }
}
