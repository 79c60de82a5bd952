//! What a query asks for, as the ranker sees it: a list of [`Concept`]s, each a word or phrase
//! with every spelling that counts as an occurrence of it.
//!
//! `cease-fire` is one concept with two spellings, the joined term `ceasefir` and the phrase
//! `ceas fire`; `"hot line"` is one phrase concept; `U.S.` also counts "United States"
//! (see [`super::synonyms`]). A spelling is kept in two analyses: the text analyzer's (title,
//! body) and the name analyzer's (dateline), so one concept can be counted in fields that are
//! analysed differently.
//!
//! This module reads the parsed query; it builds no tantivy query and scores nothing.

use crate::analysis::{self, QueryWord};
use crate::search::syntax::Node;

/// A run of indexed terms at relative positions: one term, or a phrase (with its slop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelling {
    pub terms: Vec<(u32, String)>,
    pub slop: u32,
}

impl Spelling {
    pub fn term(t: &str) -> Spelling {
        Spelling {
            terms: vec![(0, t.to_string())],
            slop: 0,
        }
    }

    pub fn is_term(&self) -> bool {
        self.terms.len() == 1
    }
}

/// Where a concept is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title, body and dateline, as one document (BM25F).
    Text,
    /// Only the title (`title:word`).
    Title,
    /// Only the body (`body:word`).
    Body,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// The words as typed, for messages.
    pub text: String,
    /// Spellings under the text analyzer (title, body).
    pub news: Vec<Spelling>,
    /// Spellings under the name analyzer (dateline).
    pub name: Vec<Spelling>,
    pub scope: Scope,
    /// Relative weight: 1 for the user's words, less for feedback terms.
    pub weight: f32,
}

/// The spellings of analysed words read as one phrase: all parts, and, when a word is a
/// compound, the variant with joined forms.
pub fn phrase_spellings(words: &[QueryWord], slop: u32) -> Vec<Spelling> {
    let mut out = Vec::new();
    for joined in [false, true] {
        if joined && !words.iter().any(QueryWord::is_compound) {
            break;
        }
        let mut terms = Vec::new();
        let mut pos = 0u32;
        for w in words {
            if joined && w.is_compound() {
                if let Some(t) = &w.joined {
                    terms.push((pos, t.clone()));
                }
                pos += 1;
                continue;
            }
            for p in &w.parts {
                if let Some(t) = p {
                    terms.push((pos, t.clone()));
                }
                pos += 1;
            }
        }
        if let Some(first) = terms.first().map(|t| t.0) {
            terms.iter_mut().for_each(|t| t.0 -= first);
            out.push(Spelling { terms, slop });
        }
    }
    out
}

/// The spellings of one typed word: its term, or for a compound the joined term and the
/// phrase of its parts.
pub fn word_spellings(w: &QueryWord) -> Vec<Spelling> {
    let mut out = Vec::new();
    if w.is_compound()
        && let Some(j) = &w.joined
    {
        out.push(Spelling::term(j));
    }
    for s in phrase_spellings(std::slice::from_ref(w), 0) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn scope_of(field: Option<&str>) -> Option<Scope> {
    match field {
        None => Some(Scope::Text),
        Some("title") => Some(Scope::Title),
        Some("body" | "text") => Some(Scope::Body),
        // Metadata fields (person:, summit:) decide matching, not text relevance.
        Some(_) => None,
    }
}

fn push_unique(out: &mut Vec<Concept>, c: Concept) {
    if c.news.is_empty() && c.name.is_empty() {
        return;
    }
    // A word typed twice weighs twice, as in BM25's query term frequency.
    if let Some(same) = out
        .iter_mut()
        .find(|o| o.news == c.news && o.scope == c.scope)
    {
        same.weight += c.weight;
        return;
    }
    out.push(c);
}

fn leaf(field: Option<&str>, text: &str, slop: Option<u32>, out: &mut Vec<Concept>) {
    let Some(scope) = scope_of(field) else {
        return;
    };
    let news = analysis::analyze_query(text, analysis::NEWS);
    let name = analysis::analyze_query(text, analysis::NAME);
    if let Some(slop) = slop {
        push_unique(
            out,
            Concept {
                text: text.to_string(),
                news: phrase_spellings(&news, slop),
                name: phrase_spellings(&name, slop),
                scope,
                weight: 1.0,
            },
        );
        return;
    }
    // Usually one word; "a/b" or "foo:bar" hold several, each a concept of its own.
    for (i, w) in news.iter().enumerate() {
        let name_spellings = match name.get(i) {
            Some(n) if news.len() == name.len() => word_spellings(n),
            _ => Vec::new(),
        };
        push_unique(
            out,
            Concept {
                text: w.text.clone(),
                news: word_spellings(w),
                name: name_spellings,
                scope,
                weight: 1.0,
            },
        );
    }
}

fn walk(node: &Node, out: &mut Vec<Concept>) {
    match node {
        Node::Word { field, text } => leaf(field.as_deref(), text, None, out),
        Node::Phrase { field, text, slop } => leaf(field.as_deref(), text, Some(*slop), out),
        Node::Must(inner) => walk(inner, out),
        Node::Not(_) => {}
        Node::And(children) | Node::Or(children) => children.iter().for_each(|c| walk(c, out)),
    }
}

/// The concepts of a parsed query, in query order: every word and phrase not under a NOT.
pub fn concepts(node: &Node) -> Vec<Concept> {
    let mut out = Vec::new();
    walk(node, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::syntax;

    fn of(q: &str) -> Vec<Concept> {
        syntax::parse(q)
            .expect("parses")
            .map(|n| concepts(&n))
            .unwrap_or_default()
    }

    fn terms(s: &Spelling) -> Vec<&str> {
        s.terms.iter().map(|t| t.1.as_str()).collect()
    }

    #[test]
    fn compound_has_joined_and_phrase_spellings() {
        let c = of("Syria cease-fire");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].news, vec![Spelling::term("syria")]);
        let spell: Vec<Vec<&str>> = c[1].news.iter().map(terms).collect();
        assert_eq!(spell, vec![vec!["ceasefir"], vec!["ceas", "fire"]]);
        assert_eq!(c[0].name, vec![Spelling::term("syria")]);
    }

    #[test]
    fn stop_words_vanish_and_negations_do_not_count() {
        let c = of("the talks -Gaza NOT Israel");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].news, vec![Spelling::term("talk")]);
    }

    #[test]
    fn phrases_keep_gaps_and_slop() {
        let c = of("\"state of the art\"~2");
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].news,
            vec![Spelling {
                terms: vec![(0, "state".into()), (3, "art".into())],
                slop: 2
            }]
        );
    }

    #[test]
    fn fields_scope_concepts_and_metadata_fields_are_not_concepts() {
        let c = of("title:vienna speaker:putin oil oil");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].scope, Scope::Title);
        assert_eq!((c[1].scope, c[1].weight), (Scope::Text, 2.0));
    }
}
