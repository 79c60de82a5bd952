//! Pseudo-relevance feedback (RM3): the words that the best first-pass matches share, added
//! to the query with a small weight, so a story that says "Saigon regime" is found for "South
//! Viet Nam government".
//!
//! RM3 (Lavrenko & Croft; as in Anserini): each feedback document's term distribution (its
//! title and body through the index analyzer) is weighted by exp(first-pass score), the
//! query likelihood RM1 calls for; the summed model keeps its `terms` strongest words, each
//! scored by P(w|R)·IDF(w), skipping words in more than a tenth of the collection, words of
//! one character and bare numbers; then it is mixed with the original query, which keeps
//! `original_weight` of the mass. The expansion reorders the matches; it never adds any.
//!
//! This module chooses words; it does not search.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use tantivy::schema::{Field, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::concept::{Concept, Scope, Spelling};
use super::rank::idf;
use crate::error::Result;
use crate::schema::Fields;

/// How feedback runs; `docs == 0` turns it off.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feedback {
    pub docs: usize,
    pub terms: usize,
    pub original_weight: f32,
    /// The rescoring window: the feedback words are scored for the first pass's `window`
    /// best matches; beyond them, a match keeps the score the query's own words give it
    /// (0 = every match). See [`super::rank::FeedbackWindow`].
    pub window: usize,
}

/// Words present in more than this share of the articles say nothing about a topic.
const MAX_DOC_SHARE: f64 = 0.1;

fn useful(term: &str) -> bool {
    term.chars().count() > 1 && !term.chars().all(|c| c.is_ascii_digit())
}

/// One analysed token: its indexed form, its byte range, and which value of the field it
/// comes from (fields can hold several).
#[derive(Debug, Clone)]
pub struct Token {
    pub text: String,
    pub from: usize,
    pub to: usize,
    pub value: usize,
}

/// A feedback document as read once: stored, and its title and body under the index analyzer
/// (search reuses both for the hits it shows, which are mostly these documents).
pub struct Analysed {
    pub doc: TantivyDocument,
    pub title: Vec<Token>,
    pub body: Vec<Token>,
}

fn tokens(doc: &TantivyDocument, field: Field, analyzer: &mut TextAnalyzer) -> Vec<Token> {
    let mut out = Vec::new();
    for (value, v) in doc.get_all(field).enumerate() {
        let Some(text) = v.as_str() else { continue };
        let mut stream = analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            out.push(Token {
                text: t.text.clone(),
                from: t.offset_from,
                to: t.offset_to,
                value,
            });
        }
    }
    out
}

/// Reads and analyses the article at `addr`.
pub fn analyse(
    searcher: &Searcher,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    addr: DocAddress,
) -> Result<Analysed> {
    let doc: TantivyDocument = searcher.doc(addr)?;
    let title = tokens(&doc, fields.title, analyzer);
    let body = tokens(&doc, fields.body, analyzer);
    Ok(Analysed { doc, title, body })
}

/// A hash map keyed by words (a fixed fast hash: the keys are the analyzer's own output).
type WordMap<'a, V> = HashMap<&'a str, V, foldhash::fast::FixedState>;

/// Term counts of one article's title and body into `counts` (cleared first), and its length.
fn term_counts<'a>(doc: &'a Analysed, counts: &mut WordMap<'a, u32>) -> f32 {
    counts.clear();
    let mut len = 0.0;
    for t in doc.title.iter().chain(&doc.body) {
        *counts.entry(t.text.as_str()).or_default() += 1;
        len += 1.0;
    }
    len
}

/// The feedback words for a query with `concepts`, from its first-pass `top` hits (best
/// first), as concepts weighted against the original ones (whose weights are kept).
pub fn expansion(
    searcher: &Searcher,
    fields: &Fields,
    concepts: &[Concept],
    top: &[(f32, &Analysed)],
    fb: Feedback,
) -> Result<Vec<Concept>> {
    let top = &top[..top.len().min(fb.docs)];
    let Some(best) = top.iter().map(|t| t.0).reduce(f32::max) else {
        return Ok(Vec::new());
    };
    if fb.terms == 0 {
        return Ok(Vec::new());
    }
    // RM1 weighs a document by its query likelihood P(Q|D); a score is a log-likelihood
    // (up to a constant), so P(Q|D) ∝ exp(score).
    let weights: Vec<f32> = top.iter().map(|(s, _)| (s - best).exp()).collect();
    let total: f32 = weights.iter().sum();
    let mut model: WordMap<f32> = WordMap::default();
    let mut counts: WordMap<u32> = WordMap::default();
    for (&(_, doc), w) in top.iter().zip(&weights) {
        let len = term_counts(doc, &mut counts);
        if len == 0.0 {
            continue;
        }
        // Each word once per document, in document order: the sums are what they were.
        for (term, n) in counts.drain() {
            *model.entry(term).or_default() += w / total * n as f32 / len;
        }
    }
    let docs = searcher.num_docs().max(1);
    // Candidates by P(w|R), best first: a word's score P(w|R)·IDF is at most P(w|R) times the
    // IDF of an unseen word, so once that falls below the `terms`-th best score found, no later
    // word can make the list and their document frequencies need not be looked up.
    let mut candidates: Vec<(&str, f32)> = model.into_iter().filter(|(t, _)| useful(t)).collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let max_idf = idf(0, docs);
    // The best `fb.terms` scores so far (non-negative floats order as their bits).
    let mut best: BinaryHeap<Reverse<u32>> = BinaryHeap::with_capacity(fb.terms + 1);
    let mut ranked: Vec<(&str, f32)> = Vec::new();
    for (term, p) in candidates {
        if best.len() >= fb.terms
            && let Some(Reverse(kth)) = best.peek()
            && p * max_idf < f32::from_bits(*kth)
        {
            break;
        }
        // The body first: a word too common there, or whose score could not reach the
        // list even with the body's count alone, needs no title count (the count used is
        // the larger of the two, and IDF falls as it grows).
        let full = best.len() >= fb.terms;
        let body_df = searcher.doc_freq(&Term::from_field_text(fields.body, term))?;
        if body_df as f64 / docs as f64 > MAX_DOC_SHARE {
            continue;
        }
        if full
            && let Some(Reverse(kth)) = best.peek()
            && p * idf(body_df, docs) < f32::from_bits(*kth)
        {
            continue;
        }
        let title_df = searcher.doc_freq(&Term::from_field_text(fields.title, term))?;
        let df = body_df.max(title_df);
        if df as f64 / docs as f64 <= MAX_DOC_SHARE {
            // Words common in the feedback documents but rare elsewhere.
            let score = p * idf(df, docs);
            best.push(Reverse(score.max(0.0).to_bits()));
            if best.len() > fb.terms {
                best.pop();
            }
            ranked.push((term, score));
        }
    }
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    ranked.truncate(fb.terms);
    let chosen = ranked;
    let mass: f32 = chosen.iter().map(|c| c.1).sum();
    let original: f32 = concepts.iter().map(|c| c.weight).sum();
    if mass <= 0.0 || original <= 0.0 || fb.original_weight <= 0.0 {
        return Ok(Vec::new());
    }
    // Scaled so the original concepts keep their weights and hold `original_weight` of the mass.
    let scale = original * (1.0 - fb.original_weight) / fb.original_weight / mass;
    Ok(chosen
        .into_iter()
        .map(|(term, p)| Concept {
            text: term.to_string(),
            news: vec![Spelling::term(term)],
            name: Vec::new(),
            scope: Scope::Text,
            weight: p * scale,
        })
        .collect())
}

/// The original concepts plus the expansion; a feedback word that is already a query word
/// adds its weight to it.
pub fn mix(mut concepts: Vec<Concept>, expansion: Vec<Concept>) -> Vec<Concept> {
    for e in expansion {
        match concepts
            .iter_mut()
            .find(|c| c.scope == Scope::Text && c.news.first() == e.news.first())
        {
            Some(c) => c.weight += e.weight,
            None => concepts.push(e),
        }
    }
    concepts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_are_useful() {
        assert!(useful("saigon"));
        assert!(!useful("x"));
        assert!(!useful("1963"));
        assert!(useful("g20"));
    }

    #[test]
    fn feedback_words_join_or_add_to_the_query() {
        let c = |t: &str, w: f32| Concept {
            text: t.into(),
            news: vec![Spelling::term(t)],
            name: Vec::new(),
            scope: Scope::Text,
            weight: w,
        };
        let mixed = mix(vec![c("diem", 1.0)], vec![c("diem", 0.2), c("saigon", 0.3)]);
        assert_eq!(mixed.len(), 2);
        assert!((mixed[0].weight - 1.2).abs() < 1e-6);
        assert_eq!(mixed[1].text, "saigon");
    }
}
