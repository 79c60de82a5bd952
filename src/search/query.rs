//! Turns a parsed query and the filters into a tantivy [`Query`].
//!
//! Each word is analysed the way the index was, keeping both views of a compound: the joined
//! term ("ceasefire") matches the one-word and hyphenated spellings, and the phrase of its parts
//! ("cease fire") matches the spaced one. Two plain words that also exist joined in the index
//! ("cease fire" -> "ceasefire") match that spelling too.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Searcher, Term};
use time::{Date, OffsetDateTime, Time};

use crate::analysis::{self, QueryWord, TermNormalizer};
use crate::error::{Error, Result};
use crate::extract::summits;
use crate::schema::Fields;
use crate::search::syntax::Node;

/// Metadata filters; every value must match.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub person: Vec<String>,
    pub speaker: Vec<String>,
    pub summit: Vec<String>,
    pub topic: Vec<String>,
    pub dateline: Vec<String>,
    pub source: Vec<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.person.is_empty()
            && self.speaker.is_empty()
            && self.summit.is_empty()
            && self.topic.is_empty()
            && self.dateline.is_empty()
            && self.source.is_empty()
            && self.since.is_none()
            && self.until.is_none()
    }
}

/// Title matches count double: a headline names what the story is about.
const TITLE_BOOST: f32 = 2.0;

pub struct QueryBuilder<'a> {
    fields: &'a Fields,
    /// Used to ask whether a joined spelling of two words exists in the index.
    searcher: Option<&'a Searcher>,
}

type BoxQuery = Box<dyn Query>;

fn boolean(clauses: Vec<(Occur, BoxQuery)>) -> BoxQuery {
    if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
        return clauses.into_iter().next().map(|c| c.1).unwrap_or_else(|| Box::new(EmptyQuery));
    }
    Box::new(BooleanQuery::new(clauses))
}

fn any_of(queries: Vec<BoxQuery>) -> Option<BoxQuery> {
    match queries.len() {
        0 => None,
        1 => queries.into_iter().next(),
        _ => Some(boolean(queries.into_iter().map(|q| (Occur::Should, q)).collect())),
    }
}

impl<'a> QueryBuilder<'a> {
    pub fn new(fields: &'a Fields, searcher: Option<&'a Searcher>) -> Self {
        QueryBuilder { fields, searcher }
    }

    fn analyzer_for(&self, field: Field) -> &'static str {
        let f = self.fields;
        if field == f.title || field == f.body || field == f.topics {
            analysis::NEWS
        } else {
            analysis::NAME
        }
    }

    /// A phrase over analysed words; with compounds, either all parts or all joined forms.
    fn phrase(&self, field: Field, words: &[QueryWord], slop: u32) -> Option<BoxQuery> {
        let mut variants = Vec::new();
        for joined in [false, true] {
            if joined && !words.iter().any(QueryWord::is_compound) {
                break;
            }
            let mut terms: Vec<(usize, Term)> = Vec::new();
            let mut pos = 0usize;
            for w in words {
                if joined && w.is_compound() {
                    if let Some(t) = &w.joined {
                        terms.push((pos, Term::from_field_text(field, t)));
                    }
                    pos += 1;
                    continue;
                }
                for p in &w.parts {
                    if let Some(t) = p {
                        terms.push((pos, Term::from_field_text(field, t)));
                    }
                    pos += 1;
                }
            }
            variants.push(match terms.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(
                    terms.remove(0).1,
                    IndexRecordOption::WithFreqs,
                )) as BoxQuery,
                _ => Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)),
            });
        }
        any_of(variants)
    }

    /// One typed word (which may hold a compound, or several for "a/b") in one field.
    fn word(&self, field: Field, words: &[QueryWord]) -> Option<BoxQuery> {
        match words {
            [w] if w.is_compound() => {
                let mut alts = Vec::new();
                if let Some(j) = &w.joined {
                    alts.push(Box::new(TermQuery::new(
                        Term::from_field_text(field, j),
                        IndexRecordOption::WithFreqs,
                    )) as BoxQuery);
                }
                alts.extend(self.phrase(field, words, 0));
                any_of(alts)
            }
            _ => self.phrase(field, words, 0),
        }
    }

    fn text_fields(&self) -> [(Field, f32); 2] {
        [(self.fields.title, TITLE_BOOST), (self.fields.body, 1.0)]
    }

    /// A word or phrase in the default text fields, or in the field it names.
    fn leaf(&self, field: Option<&str>, text: &str, slop: Option<u32>) -> Result<Option<BoxQuery>> {
        let Some(name) = field else {
            let mut per_field = Vec::new();
            for (f, boost) in self.text_fields() {
                let words = analysis::analyze_query(text, analysis::NEWS);
                let q = match slop {
                    Some(s) => self.phrase(f, &words, s),
                    None => self.word(f, &words),
                };
                if let Some(q) = q {
                    per_field.push(if boost == 1.0 {
                        q
                    } else {
                        Box::new(BoostQuery::new(q, boost)) as BoxQuery
                    });
                }
            }
            return Ok(any_of(per_field));
        };
        let f = self
            .fields
            .by_filter_name(name)
            .ok_or_else(|| Error::Query(format!("unknown field '{name}'")))?;
        Ok(self.field_match(f, name, text, slop.unwrap_or(0)))
    }

    /// Matches a metadata value the way people type it: "putin" finds "Vladimir Putin",
    /// "g-20" and "Group of 20" find "G20 Hangzhou 2016".
    fn field_match(&self, f: Field, name: &str, text: &str, slop: u32) -> Option<BoxQuery> {
        let text = if matches!(name, "summit" | "summits") {
            summits::canonical(text).unwrap_or_else(|| text.to_string())
        } else {
            text.to_string()
        };
        let words = analysis::analyze_query(&text, self.analyzer_for(f));
        if words.len() == 1 {
            self.word(f, &words)
        } else {
            self.phrase(f, &words, slop)
        }
    }

    /// Both words as typed, or the two joined into one indexed word ("cease fire" ->
    /// "ceasefire"), when that word exists in the index.
    fn joined_pair(&self, a: &str, b: &str) -> Option<BoxQuery> {
        let searcher = self.searcher?;
        let simple = |s: &str| {
            let w = analysis::analyze_query(s, analysis::NEWS);
            w.len() == 1 && !w[0].is_compound() && w[0].joined.is_some()
        };
        if !simple(a) || !simple(b) {
            return None;
        }
        let joined = TermNormalizer::for_analyzer(analysis::NEWS).normalize(&format!("{a}{b}"))?;
        let mut alts = Vec::new();
        for (f, boost) in self.text_fields() {
            let term = Term::from_field_text(f, &joined);
            if searcher.doc_freq(&term).ok()? > 0 {
                let q: BoxQuery = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                alts.push(Box::new(BoostQuery::new(q, boost)) as BoxQuery);
            }
        }
        any_of(alts)
    }

    fn node(&self, node: &Node) -> Result<Option<BoxQuery>> {
        match node {
            Node::Word { field, text } => self.leaf(field.as_deref(), text, None),
            Node::Phrase { field, text, slop } => self.leaf(field.as_deref(), text, Some(*slop)),
            Node::Must(inner) => self.node(inner),
            Node::Not(inner) => Ok(self
                .node(inner)?
                .map(|q| boolean(vec![(Occur::Must, Box::new(AllQuery)), (Occur::MustNot, q)]))),
            Node::Or(children) => {
                let mut clauses = Vec::new();
                for c in children {
                    let occur = match c {
                        Node::Not(_) => Occur::MustNot,
                        Node::Must(_) => Occur::Must,
                        _ => Occur::Should,
                    };
                    let inner = if let Node::Not(x) = c { x } else { c };
                    if let Some(q) = self.node(inner)? {
                        clauses.push((occur, q));
                    }
                }
                Ok(self.clauses(clauses))
            }
            Node::And(children) => {
                let mut clauses = Vec::new();
                let mut i = 0;
                while i < children.len() {
                    if let (Some(a), Some(b)) = (plain(&children[i]), children.get(i + 1).and_then(plain))
                        && let Some(j) = self.joined_pair(a, b)
                    {
                        let both = boolean(
                            [a, b]
                                .iter()
                                .filter_map(|w| self.leaf(None, w, None).ok().flatten())
                                .map(|q| (Occur::Must, q))
                                .collect(),
                        );
                        clauses.push((Occur::Must, boolean(vec![(Occur::Should, both), (Occur::Should, j)])));
                        i += 2;
                        continue;
                    }
                    let c = &children[i];
                    let (occur, inner) = match c {
                        Node::Not(x) => (Occur::MustNot, x.as_ref()),
                        _ => (Occur::Must, c),
                    };
                    if let Some(q) = self.node(inner)? {
                        clauses.push((occur, q));
                    }
                    i += 1;
                }
                Ok(self.clauses(clauses))
            }
        }
    }

    fn clauses(&self, mut clauses: Vec<(Occur, BoxQuery)>) -> Option<BoxQuery> {
        if clauses.is_empty() {
            return None;
        }
        if clauses.iter().all(|c| c.0 == Occur::MustNot) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Some(boolean(clauses))
    }

    fn filter_clauses(&self, filters: &Filters) -> Vec<(Occur, BoxQuery)> {
        let f = self.fields;
        let lists: [(&str, Field, &Vec<String>); 6] = [
            ("person", f.people, &filters.person),
            ("speaker", f.speakers, &filters.speaker),
            ("summit", f.summits, &filters.summit),
            ("topic", f.topics, &filters.topic),
            ("dateline", f.dateline, &filters.dateline),
            ("source", f.source, &filters.source),
        ];
        let mut out = Vec::new();
        for (name, field, values) in lists {
            for v in values {
                // A filter with no searchable words cannot match anything.
                let q = self
                    .field_match(field, name, v, 0)
                    .unwrap_or_else(|| Box::new(EmptyQuery));
                out.push((Occur::Must, q));
            }
        }
        if filters.since.is_some() || filters.until.is_some() {
            let term = |d: Date| {
                Term::from_field_date(f.date, DateTime::from_utc(OffsetDateTime::new_utc(d, Time::MIDNIGHT)))
            };
            let lower = filters.since.map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
            let upper = filters
                .until
                .and_then(|d| d.next_day())
                .map_or(Bound::Unbounded, |d| Bound::Excluded(term(d)));
            out.push((Occur::Must, Box::new(RangeQuery::new(lower, upper)) as BoxQuery));
        }
        out
    }

    /// The full query: the user's words (if any) with every filter required.
    pub fn build(&self, node: Option<&Node>, filters: &Filters) -> Result<BoxQuery> {
        let text = match node {
            Some(n) => self.node(n)?,
            None => None,
        };
        let mut clauses = self.filter_clauses(filters);
        match text {
            Some(q) => clauses.push((Occur::Must, q)),
            None if node.is_some() => {
                return Err(Error::Query(
                    "nothing to search for: every word is a stop word or punctuation".into(),
                ));
            }
            None if clauses.is_empty() => {
                return Err(Error::Query("empty query: give search words or a filter".into()));
            }
            None => clauses.push((Occur::Must, Box::new(AllQuery))),
        }
        Ok(boolean(clauses))
    }
}

/// A bare word in the default fields, a candidate for joining with its neighbour.
fn plain(node: &Node) -> Option<&str> {
    match node {
        Node::Word { field: None, text } => Some(text),
        _ => None,
    }
}
