//! Turns a parsed query and the filters into the tantivy [`Query`] that decides which
//! articles match, and the [`Concept`]s that [`super::rank`] orders them by.
//!
//! Each word is analysed the way the index was, keeping both views of a compound: the joined
//! term ("ceasefire") matches the one-word and hyphenated spellings, and the phrase of its parts
//! ("cease fire") matches the spaced one. Two plain words that also exist joined in the index
//! ("cease fire" -> "ceasefire") match that spelling too, and so do the other ways of writing a
//! name ([`super::synonyms`]: "U.N." and "United Nations"). A word matches in the title, the
//! body or the dateline. In "any word" mode, function words are left out of queries of
//! several words.
//!
//! Words are all required ([`MatchMode::All`]) or any may match ([`MatchMode::Any`]); filters
//! are always required and never change the order.

use std::cell::Cell;

use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::analysis::{self, TermNormalizer};
use crate::error::{Error, Result};
use crate::extract::summits;
use crate::schema::Fields;
use crate::search::concept::{self, Concept, Scope, Spelling};
pub use crate::search::filters::Filters;
use crate::search::syntax::Node;
use crate::search::{names, respell, suggest, synonyms, variants};

/// News agencies' short and full names, for `--source`.
const AGENCY_NAMES: &[&[&str]] = &[
    &["AP", "Associated Press"],
    &["AFP", "Agence France-Presse", "Agence France Presse"],
    &["UPI", "United Press International"],
    &["dpa", "Deutsche Presse-Agentur"],
    &["PA", "PA Media", "Press Association"],
    &["CP", "Canadian Press"],
    &["AAP", "Australian Associated Press"],
    &["PTI", "Press Trust of India"],
];

pub struct QueryBuilder<'a> {
    pub(super) fields: &'a Fields,
    /// Used to ask whether a joined spelling of two words exists in the index.
    searcher: Option<&'a Searcher>,
    /// Any word may match, rather than all of them (see [`MatchMode`]).
    any: bool,
    /// Whether the query mixes cases, so that a word in capitals ("US", "WHO", "IT") is an
    /// acronym rather than a function word. Set by [`QueryBuilder::plan`].
    mixed_case: Cell<bool>,
    /// Words also match indexed words a typo away ([`suggest`]).
    fuzzy: bool,
}

/// Most typo spellings one word gets with `fuzzy`.
const MAX_TYPO_SPELLINGS: usize = 10;

/// Which documents a query's words select. Ranking is the same in both modes: it decides the
/// order, this decides the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatchMode {
    /// Every word must match (what people expect of a search box).
    #[default]
    All,
    /// A document matching any word qualifies; those with more of the words rank higher
    /// (for questions and descriptions written as sentences).
    Any,
}

type BoxQuery = Box<dyn Query>;

fn boolean(clauses: Vec<(Occur, BoxQuery)>) -> BoxQuery {
    if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
        return clauses
            .into_iter()
            .next()
            .map(|c| c.1)
            .unwrap_or_else(|| Box::new(EmptyQuery));
    }
    Box::new(BooleanQuery::new(clauses))
}

fn any_of(queries: Vec<BoxQuery>) -> Option<BoxQuery> {
    match queries.len() {
        0 => None,
        1 => queries.into_iter().next(),
        _ => Some(boolean(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        )),
    }
}

/// One spelling (a term or a phrase) in one field.
fn spelling_query(field: Field, s: &Spelling) -> BoxQuery {
    let terms: Vec<(usize, Term)> = s
        .terms
        .iter()
        .map(|(o, t)| (*o as usize, Term::from_field_text(field, t)))
        .collect();
    match &terms[..] {
        [(_, t)] => Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs)),
        _ => Box::new(PhraseQuery::new_with_offset_and_slop(terms, s.slop)),
    }
}

fn spellings_query(field: Field, spellings: &[Spelling]) -> Option<BoxQuery> {
    any_of(spellings.iter().map(|s| spelling_query(field, s)).collect())
}

/// Adds a spelling to a concept unless it has it already.
fn add_spelling(c: &mut Concept, s: Spelling) {
    if !c.news.contains(&s) {
        c.news.push(s);
    }
}

impl<'a> QueryBuilder<'a> {
    pub fn new(fields: &'a Fields, searcher: Option<&'a Searcher>) -> Self {
        QueryBuilder {
            fields,
            searcher,
            any: false,
            mixed_case: Cell::new(true),
            fuzzy: false,
        }
    }

    /// Lets words match indexed words a typo away (see [`suggest`]).
    pub fn fuzzy(mut self, fuzzy: bool) -> Self {
        self.fuzzy = fuzzy;
        self
    }

    /// The concept of a typed word or phrase; with `fuzzy`, a single word also counts the
    /// indexed words within its edit distance.
    fn typed_concept(&self, scope: Scope, text: &str, slop: Option<u32>) -> Option<Concept> {
        let mut c = concept::leaf_concept(scope, text, slop)?;
        if let Some(slop) = slop
            && self.searcher.is_some()
        {
            let words = analysis::analyze_query(text, analysis::NEWS);
            // One word as the index analyses it, with the thread's cached analyzer (building
            // one costs more than analysing a query).
            let mut normalize = |w: &str| match &analysis::analyze_query(w, analysis::NEWS)[..] {
                [q] if !q.is_compound() => q.joined.clone(),
                _ => None,
            };
            let exists = |t: &str| self.in_text_fields(t);
            for s in respell::phrase_respellings(&words, slop, &mut normalize, &exists) {
                add_spelling(&mut c, s);
            }
        }
        if slop.is_none() && self.searcher.is_some() {
            self.add_regional_spellings(&mut c, text);
            if let [w] = &analysis::analyze_query(text, analysis::NEWS)[..]
                && !w.is_compound()
            {
                let mut normalize = |w: &str| match &analysis::analyze_query(w, analysis::NEWS)[..]
                {
                    [q] if !q.is_compound() => q.joined.clone(),
                    _ => None,
                };
                let exists = |t: &str| self.in_text_fields(t);
                for s in respell::word_respellings(w, &mut normalize, &exists) {
                    add_spelling(&mut c, s);
                }
            }
        }
        let Some(searcher) = self.searcher.filter(|_| self.fuzzy && slop.is_none()) else {
            return Some(c);
        };
        let Some(term) = c
            .news
            .first()
            .filter(|s| s.is_term())
            .map(|s| s.terms[0].1.clone())
        else {
            return Some(c);
        };
        let max = suggest::max_edits(term.chars().count());
        if let Ok(near) = suggest::near_terms(searcher, self.fields, &term, max) {
            for (t, _, _) in near.into_iter().take(MAX_TYPO_SPELLINGS) {
                add_spelling(&mut c, Spelling::term(&t));
            }
        }
        Some(c)
    }

    /// A typed word's British or American spelling, when the index has it ([`variants`]).
    fn add_regional_spellings(&self, c: &mut Concept, text: &str) {
        if !text.bytes().all(|b| b.is_ascii_alphabetic()) {
            return;
        }
        for alt in variants::alternatives(&text.to_ascii_lowercase()) {
            let term = match &analysis::analyze_query(&alt, analysis::NEWS)[..] {
                [q] if !q.is_compound() => q.joined.clone(),
                _ => None,
            };
            if let Some(term) = term
                && !c.news.iter().any(|s| s.is_term() && s.terms[0].1 == term)
                && self.in_text_fields(&term)
            {
                add_spelling(c, Spelling::term(&term));
            }
        }
    }

    pub fn mode(mut self, mode: MatchMode) -> Self {
        self.any = mode == MatchMode::Any;
        self
    }

    fn analyzer_for(&self, field: Field) -> &'static str {
        let f = self.fields;
        if field == f.title || field == f.body || field == f.topics {
            analysis::NEWS
        } else {
            analysis::NAME
        }
    }

    /// The documents that have a concept: any spelling in any field of its scope.
    fn concept_query(&self, c: &Concept) -> Option<BoxQuery> {
        let f = self.fields;
        let fields: Vec<(Field, &[Spelling])> = match c.scope {
            Scope::Text => vec![(f.title, &c.news), (f.body, &c.news), (f.dateline, &c.name)],
            Scope::Title => vec![(f.title, &c.news)],
            Scope::Body => vec![(f.body, &c.news)],
        };
        any_of(
            fields
                .into_iter()
                .filter_map(|(field, spellings)| spellings_query(field, spellings))
                .collect(),
        )
    }

    /// A word or phrase in the default text fields, or in the field it names.
    fn leaf(
        &self,
        field: Option<&str>,
        text: &str,
        slop: Option<u32>,
        concepts: Option<&mut Vec<Concept>>,
    ) -> Result<Option<BoxQuery>> {
        let scope = match field {
            None => Scope::Text,
            Some("title") => Scope::Title,
            Some("body" | "text") => Scope::Body,
            Some(name) => {
                let f = self
                    .fields
                    .by_filter_name(name)
                    .ok_or_else(|| Error::Query(format!("unknown field '{name}'")))?;
                return Ok(self.field_match(f, name, text, slop.unwrap_or(0)));
            }
        };
        let Some(c) = self.typed_concept(scope, text, slop) else {
            return Ok(None);
        };
        let q = self.concept_query(&c);
        if let Some(out) = concepts {
            out.push(c);
        }
        Ok(q)
    }

    /// Matches a metadata value the way people type it: "putin" finds "Vladimir Putin",
    /// "g-20" and "Group of 20" find "G20 Hangzhou 2016".
    pub(super) fn field_match(
        &self,
        f: Field,
        name: &str,
        text: &str,
        slop: u32,
    ) -> Option<BoxQuery> {
        let summit = matches!(name, "summit" | "summits");
        let text = if summit {
            summits::canonical(text).unwrap_or_else(|| text.to_string())
        } else {
            text.to_string()
        };
        // "COP" alone is any of the climate conferences: "COP29 Baku 2024", "COP 2023".
        if summit
            && text.eq_ignore_ascii_case("cop")
            && let Ok(any_cop) = tantivy::query::RegexQuery::from_pattern("cop[0-9]*", f)
        {
            return Some(Box::new(any_cop));
        }
        let words = analysis::analyze_query(&text, self.analyzer_for(f));
        let mut spellings = match &words[..] {
            [w] => concept::word_spellings(w),
            _ => concept::phrase_spellings(&words, slop),
        };
        // People are spelled many ways: "Zelenskiy" for "Zelensky", "Tayyip Erdogan" for
        // "Recep Tayyip Erdogan".
        if f == self.fields.people || f == self.fields.speakers {
            let more = names::variants(self.searcher, f, &spellings);
            spellings.extend(more);
        }
        // Agencies go by two names: `--source AP` finds "Associated Press" and back.
        if f == self.fields.source
            && let Some(set) = AGENCY_NAMES
                .iter()
                .find(|set| set.iter().any(|n| n.eq_ignore_ascii_case(text.trim())))
        {
            for other in set.iter().filter(|n| !n.eq_ignore_ascii_case(text.trim())) {
                let words = analysis::analyze_query(other, analysis::NAME);
                for s in concept::phrase_spellings(&words, slop) {
                    if !spellings.contains(&s) {
                        spellings.push(s);
                    }
                }
            }
        }
        spellings_query(f, &spellings)
    }

    fn in_text_fields(&self, term: &str) -> bool {
        let Some(searcher) = self.searcher else {
            return false;
        };
        [self.fields.title, self.fields.body].iter().any(|f| {
            searcher
                .doc_freq(&Term::from_field_text(*f, term))
                .is_ok_and(|n| n > 0)
        })
    }

    /// Spellings that span neighbouring words of an AND group: two words the index also has
    /// joined ("cease fire" -> "ceasefire") and names written out ("United Nations" -> "U.N.").
    /// Each word of the run counts the other spelling.
    fn link_neighbours(&self, children: &[Node], words: &mut [Option<Concept>]) {
        for i in 1..children.len() {
            let (Some(a), Some(b)) = (plain(&children[i - 1]), plain(&children[i])) else {
                continue;
            };
            if let Some(j) = joined_word(a, b).filter(|j| self.in_text_fields(j)) {
                for c in words[i - 1..=i].iter_mut().flatten() {
                    add_spelling(c, Spelling::term(&j));
                }
            }
        }
        let forms: Vec<Option<String>> = children
            .iter()
            .map(|c| match plain(c) {
                Some(t) => match &analysis::analyze_query(t, analysis::NEWS)[..] {
                    [w] => w.joined.clone(),
                    _ => Some(String::new()),
                },
                // Never equal to a word of a name, not even to a stop word's None.
                None => Some(String::new()),
            })
            .collect();
        for (start, len, others) in synonyms::of_runs(&forms) {
            for c in words[start..start + len].iter_mut().flatten() {
                others.iter().for_each(|s| add_spelling(c, s.clone()));
            }
        }
    }

    /// `top` is true for the query's outermost node: only there does [`MatchMode::Any`] turn
    /// the implicit AND between words into OR (explicit groups keep their meaning). Concepts
    /// of words not under a NOT go to `concepts`.
    fn node_at(
        &self,
        node: &Node,
        top: bool,
        mut concepts: Option<&mut Vec<Concept>>,
    ) -> Result<Option<BoxQuery>> {
        match node {
            Node::Word { field, text } => self.leaf(field.as_deref(), text, None, concepts),
            Node::Phrase { field, text, slop } => {
                self.leaf(field.as_deref(), text, Some(*slop), concepts)
            }
            Node::Must(inner) => self.node_at(inner, false, concepts),
            Node::Not(inner) => Ok(self
                .node_at(inner, false, None)?
                .map(|q| boolean(vec![(Occur::Must, Box::new(AllQuery)), (Occur::MustNot, q)]))),
            Node::Or(children) => {
                let mut clauses = Vec::new();
                for c in children {
                    let (occur, inner, negated) = match c {
                        Node::Not(x) => (Occur::MustNot, x.as_ref(), true),
                        Node::Must(_) => (Occur::Must, c, false),
                        _ => (Occur::Should, c, false),
                    };
                    let sink = if negated {
                        None
                    } else {
                        concepts.as_deref_mut()
                    };
                    if let Some(q) = self.node_at(inner, false, sink)? {
                        clauses.push((occur, q));
                    }
                }
                Ok(self.clauses(clauses))
            }
            Node::And(children) => {
                let plain_occur = if top && self.any {
                    Occur::Should
                } else {
                    Occur::Must
                };
                let mut words: Vec<Option<Concept>> = children
                    .iter()
                    .map(|c| plain(c).and_then(|t| self.typed_concept(Scope::Text, t, None)))
                    .collect();
                self.link_neighbours(children, &mut words);
                let mixed = self.mixed_case.get();
                let function: Vec<bool> = children
                    .iter()
                    .map(|c| plain(c).is_some_and(|t| concept::function_word(t, mixed)))
                    .collect();
                // Only a question read as "any of the words" loses its function words: when
                // every word is required, every typed word counts ("cut off", "take over").
                let drop_function_words = top && self.any && function.iter().any(|f| !f);
                let mut clauses = Vec::new();
                for ((c, word), function) in children.iter().zip(words).zip(function) {
                    if function && drop_function_words {
                        continue;
                    }
                    let (occur, q) = match (word, c) {
                        (Some(w), _) => {
                            let q = self.concept_query(&w);
                            if let Some(out) = concepts.as_deref_mut() {
                                out.push(w);
                            }
                            (plain_occur, q)
                        }
                        (None, Node::Not(x)) => (Occur::MustNot, self.node_at(x, false, None)?),
                        (None, Node::Must(_)) => (
                            Occur::Must,
                            self.node_at(c, false, concepts.as_deref_mut())?,
                        ),
                        (None, _) => (
                            plain_occur,
                            self.node_at(c, false, concepts.as_deref_mut())?,
                        ),
                    };
                    if let Some(q) = q {
                        clauses.push((occur, q));
                    }
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

    /// The full query: the user's words (if any) with every filter required.
    pub fn build(&self, node: Option<&Node>, filters: &Filters) -> Result<BoxQuery> {
        self.plan(node, filters).map(|p| p.0)
    }

    /// The full query and the concepts the ranker scores it by (see [`concept`]).
    pub fn plan(&self, node: Option<&Node>, filters: &Filters) -> Result<(BoxQuery, Vec<Concept>)> {
        let mut concepts = Vec::new();
        self.mixed_case.set(node.is_some_and(concept::mixed_case));
        let text = match node {
            Some(n) => self.node_at(n, true, Some(&mut concepts))?,
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
                return Err(Error::Query(
                    "empty query: give search words or a filter".into(),
                ));
            }
            None => clauses.push((Occur::Must, Box::new(AllQuery))),
        }
        Ok((boolean(clauses), concept::merge(concepts)))
    }
}

/// The indexed form of two simple words written as one ("cease" "fire" -> "ceasefir").
pub fn joined_word(a: &str, b: &str) -> Option<String> {
    let simple = |s: &str| {
        let w = analysis::analyze_query(s, analysis::NEWS);
        w.len() == 1 && !w[0].is_compound() && w[0].joined.is_some()
    };
    if !simple(a) || !simple(b) {
        return None;
    }
    TermNormalizer::for_analyzer(analysis::NEWS).normalize(&format!("{a}{b}"))
}

/// A bare word in the default fields, a candidate for joining with its neighbour.
pub fn plain(node: &Node) -> Option<&str> {
    match node {
        Node::Word { field: None, text } => Some(text),
        _ => None,
    }
}
