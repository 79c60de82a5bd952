//! What a query asks for, as the ranker sees it: a list of [`Concept`]s, each a word or phrase
//! with every spelling that counts as an occurrence of it.
//!
//! `cease-fire` is one concept with two spellings, the joined term `ceasefir` and the phrase
//! `ceas fire`; `"hot line"` is one phrase concept; `U.S.` also counts "United States"
//! (see [`super::synonyms`]). A spelling is kept in two analyses: the text analyzer's (title,
//! body) and the name analyzer's (dateline), so one concept can be counted in fields that are
//! analysed differently.
//!
//! Function words ("what", "about") are not concepts in a question of several words read as
//! "any of the words" ([`function_word`], `data/query_stopwords.txt`).
//!
//! This module reads the parsed query; it builds no tantivy query and scores nothing.

use crate::analysis::{self, QueryWord};
use crate::search::synonyms;
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

/// The concept of one leaf of the query: a typed word (several words glued by punctuation,
/// such as "a/b" or "3.5", read as a phrase) or a quoted phrase. None when it has no indexed
/// words (stop words, punctuation).
pub fn leaf_concept(scope: Scope, text: &str, slop: Option<u32>) -> Option<Concept> {
    let news = analysis::analyze_query(text, analysis::NEWS);
    let name = analysis::analyze_query(text, analysis::NAME);
    let (news_spellings, name_spellings) = match (&news[..], slop) {
        ([w], None) => {
            let mut spellings = word_spellings(w);
            for s in synonyms::of_word(w) {
                if !spellings.contains(&s) {
                    spellings.push(s);
                }
            }
            let name_spellings = match &name[..] {
                [n] => word_spellings(n),
                _ => phrase_spellings(&name, 0),
            };
            (spellings, name_spellings)
        }
        _ => {
            let slop = slop.unwrap_or(0);
            (phrase_spellings(&news, slop), phrase_spellings(&name, slop))
        }
    };
    if news_spellings.is_empty() {
        return None;
    }
    Some(Concept {
        text: text.to_string(),
        news: news_spellings,
        name: name_spellings,
        scope,
        weight: 1.0,
    })
}

/// Folds repeats together: a word typed twice weighs twice, as in BM25's query term
/// frequency.
pub fn merge(concepts: Vec<Concept>) -> Vec<Concept> {
    let mut out: Vec<Concept> = Vec::with_capacity(concepts.len());
    for c in concepts {
        match out
            .iter_mut()
            .find(|o| o.news == c.news && o.scope == c.scope)
        {
            Some(same) => same.weight += c.weight,
            None => out.push(c),
        }
    }
    out
}

const QUERY_STOP_WORDS: &str = include_str!("data/query_stopwords.txt");

/// True for a function word ("what", "about", "between") that a query of several words does
/// not search for. With `mixed_case`, a word typed in capitals is an acronym ("US", "WHO",
/// "IT") and kept.
pub fn function_word(typed: &str, mixed_case: bool) -> bool {
    let word = typed.trim_matches(|c: char| !c.is_alphanumeric());
    if mixed_case && word.chars().count() > 1 && !word.chars().any(char::is_lowercase) {
        return false;
    }
    let lower = word.to_lowercase();
    QUERY_STOP_WORDS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .any(|w| w == lower)
}

fn texts<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
    match node {
        Node::Word { text, .. } | Node::Phrase { text, .. } => out.push(text),
        Node::Must(inner) | Node::Not(inner) => texts(inner, out),
        Node::And(children) | Node::Or(children) => children.iter().for_each(|c| texts(c, out)),
    }
}

/// True when the query has both upper- and lower-case letters, so that case tells an
/// acronym from a word (in an all-capitals query it tells nothing).
pub fn mixed_case(node: &Node) -> bool {
    let mut all = Vec::new();
    texts(node, &mut all);
    let any = |f: fn(char) -> bool| all.iter().any(|t| t.chars().any(f));
    any(char::is_lowercase) && any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(q: &str) -> Concept {
        leaf_concept(Scope::Text, q, None).expect("a concept")
    }

    fn terms(s: &Spelling) -> Vec<&str> {
        s.terms.iter().map(|t| t.1.as_str()).collect()
    }

    #[test]
    fn compound_has_joined_and_phrase_spellings() {
        let c = leaf("cease-fire");
        let spell: Vec<Vec<&str>> = c.news.iter().map(terms).collect();
        assert_eq!(spell, vec![vec!["ceasefir"], vec!["ceas", "fire"]]);
        assert_eq!(leaf("Syria").name, vec![Spelling::term("syria")]);
    }

    #[test]
    fn stop_words_are_no_concept() {
        assert!(leaf_concept(Scope::Text, "the", None).is_none());
        assert!(leaf_concept(Scope::Text, "--", None).is_none());
    }

    #[test]
    fn phrases_keep_gaps_and_slop() {
        let c = leaf_concept(Scope::Text, "state of the art", Some(2)).expect("phrase");
        assert_eq!(
            c.news,
            vec![Spelling {
                terms: vec![(0, "state".into()), (3, "art".into())],
                slop: 2
            }]
        );
        let glued = leaf("3.5");
        assert_eq!(glued.news.len(), 1);
        assert_eq!(terms(&glued.news[0]), vec!["3", "5"]);
    }

    #[test]
    fn abbreviations_count_their_names() {
        let c = leaf("U.N.");
        assert_eq!(c.news[0], Spelling::term("un"));
        assert_eq!(terms(&c.news[1]), vec!["unit", "nation"]);
    }

    #[test]
    fn function_words_and_acronyms() {
        assert!(function_word("What", false));
        assert!(function_word("between,", true));
        assert!(!function_word("Putin", true));
        assert!(
            function_word("US", false),
            "all capitals: case tells nothing"
        );
        assert!(!function_word("US", true), "mixed case: an acronym");
        assert!(function_word("us", true));
    }

    #[test]
    fn case_is_mixed_only_with_both() {
        let parse = |q: &str| {
            crate::search::syntax::parse(q)
                .expect("parses")
                .expect("a node")
        };
        assert!(mixed_case(&parse("US sanctions")));
        assert!(!mixed_case(&parse("WHAT IS THE HOT LINE")));
        assert!(!mixed_case(&parse("who won")));
    }

    #[test]
    fn repeats_weigh_more() {
        let m = merge(vec![leaf("oil"), leaf("Oil"), leaf("gas")]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].weight, 2.0);
    }
}
