//! Typos: the indexed words closest to a typed word, for "did you mean" (`Merkle` → `Merkel`)
//! and for `--fuzzy`, which adds them to the word's spellings so that they match, rank and are
//! highlighted like the word itself.
//!
//! Closeness is the edit distance with adjacent transpositions, allowed to grow with the word:
//! none under 4 letters, 1 up to 7, 2 from 8. A Levenshtein automaton walks the term
//! dictionaries of title and body, so only the words within reach are read.

use std::collections::HashMap;
use std::sync::LazyLock;

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use tantivy_fst::Automaton;

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyDocument, Term};

use crate::analysis;
use crate::error::Result;
use crate::schema::Fields;
use crate::search::concept;
use crate::search::syntax::{self, Node};

/// Edits allowed for a word of `len` characters.
pub fn max_edits(len: usize) -> u32 {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance between `a` and `b`, or None when it exceeds `max`.
pub fn distance(a: &str, b: &str, max: u32) -> Option<u32> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max as usize {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0u32; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j as u32;
    }
    for i in 1..=a.len() {
        d[i * w] = i as u32;
        let mut row_min = d[i * w];
        for j in 1..=b.len() {
            let cost = u32::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let v = d[a.len() * w + b.len()];
    (v <= max).then_some(v)
}

/// Indexed text terms (title or body) within `max` edits of `term`, other than `term`, with
/// their distance and document frequency: nearest first, then most frequent.
pub fn near_terms(
    searcher: &Searcher,
    fields: &Fields,
    term: &str,
    max: u32,
) -> Result<Vec<(String, u32, u64)>> {
    near_terms_in(searcher, &[fields.title, fields.body], term, max)
}

/// As [`near_terms`], over the terms of the given fields.
pub fn near_terms_in(
    searcher: &Searcher,
    in_fields: &[Field],
    term: &str,
    max: u32,
) -> Result<Vec<(String, u32, u64)>> {
    let mut found: HashMap<String, (u32, u64)> = HashMap::new();
    if max == 0 {
        return Ok(Vec::new());
    }
    let automaton = Near(dfa(term, max));
    for segment in searcher.segment_readers() {
        for &field in in_fields {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().search(&automaton).into_stream()?;
            while let Some((key, info)) = stream.next() {
                let Ok(candidate) = std::str::from_utf8(key) else {
                    continue;
                };
                if candidate == term {
                    continue;
                }
                if let Some(d) = distance(term, candidate, max) {
                    let entry = found.entry(candidate.to_string()).or_insert((d, 0));
                    entry.1 = entry.1.max(u64::from(info.doc_freq));
                }
            }
        }
    }
    let mut out: Vec<(String, u32, u64)> = found.into_iter().map(|(t, (d, n))| (t, d, n)).collect();
    out.sort_by(|a, b| {
        a.1.cmp(&b.1)
            .then(b.2.cmp(&a.2))
            .then_with(|| a.0.cmp(&b.0))
    });
    Ok(out)
}

/// The automaton builders for one and two edits (what [`max_edits`] allows), made once per
/// process: a builder costs several million instructions, a word's automaton little.
static BUILDERS: LazyLock<[LevenshteinAutomatonBuilder; 2]> = LazyLock::new(|| {
    [
        LevenshteinAutomatonBuilder::new(1, true),
        LevenshteinAutomatonBuilder::new(2, true),
    ]
});

/// The automaton of the words within `max` edits of `term` (more than two: a builder made
/// for this call).
fn dfa(term: &str, max: u32) -> DFA {
    match max {
        1 | 2 => BUILDERS[max as usize - 1].build_dfa(term),
        _ => LevenshteinAutomatonBuilder::new(max.min(4) as u8, true).build_dfa(term),
    }
}

/// The terms within a few edits of a word, as an automaton that walks the term dictionary's
/// FST: only the branches that can still match are read, where a scan reads every term. It
/// counts edits as [`distance`] does (a transposition is one edit); [`distance`] still
/// decides, so the automaton only has to let every such term through.
struct Near(DFA);

impl Automaton for Near {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// Articles (title or body) holding an indexed text term.
pub fn doc_freq(searcher: &Searcher, fields: &Fields, term: &str) -> u64 {
    [fields.title, fields.body]
        .iter()
        .map(|f| {
            searcher
                .doc_freq(&Term::from_field_text(*f, term))
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

/// How a stemmed term is written in an article that has it ("sanction" → "sanctions").
pub fn surface(
    searcher: &Searcher,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    term: &str,
) -> Result<Option<String>> {
    for field in [fields.body, fields.title] {
        let q = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::Basic);
        let Some((_, addr)) = searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())?
            .pop()
        else {
            continue;
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        for text in doc.get_all(field).filter_map(|v| v.as_str()) {
            let mut stream = analyzer.token_stream(text);
            while let Some(t) = stream.next() {
                if t.text == term {
                    return Ok(Some(text[t.offset_from..t.offset_to].to_string()));
                }
            }
        }
    }
    Ok(None)
}

/// A word is worth correcting when no article has it, or so few that a close word is
/// far more common.
const RARE: u64 = 2;
const MORE_COMMON: u64 = 20;

/// The best correction of one typed word: its written form, or None when it looks right.
pub fn correct(
    searcher: &Searcher,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    typed: &str,
) -> Result<Option<String>> {
    let words = analysis::analyze_query(typed, analysis::NEWS);
    let [w] = &words[..] else { return Ok(None) };
    let Some(term) = &w.joined else {
        return Ok(None);
    };
    // A number is no typo: "earthquake 2023" is not "earthquake 2022".
    if term.chars().any(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let df = doc_freq(searcher, fields, term);
    if df > RARE {
        return Ok(None);
    }
    let max = max_edits(term.chars().count());
    let best = near_terms(searcher, fields, term, max)?
        .into_iter()
        .find(|(_, _, n)| *n > 0 && *n >= (df * MORE_COMMON).max(1));
    let Some((candidate, _, _)) = best else {
        return Ok(None);
    };
    let written = surface(searcher, fields, analyzer, &candidate)?.unwrap_or(candidate);
    Ok(Some(match_case(typed, &written)))
}

/// The query with each word that needs it corrected (see [`correct`]); None when none does.
pub fn did_you_mean(
    searcher: &Searcher,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    query: &str,
) -> Result<Option<String>> {
    let Some(node) = syntax::parse(query)? else {
        return Ok(None);
    };
    let mut words = Vec::new();
    typed_words(&node, &mut words);
    let mixed = concept::mixed_case(&node);
    let mut out = query.to_string();
    let mut changed = false;
    for w in words
        .into_iter()
        .filter(|w| !concept::function_word(w, mixed))
    {
        if let Some(better) = correct(searcher, fields, analyzer, w)?
            && let Some(at) = out.find(w)
        {
            out.replace_range(at..at + w.len(), &better);
            changed = true;
        }
    }
    Ok(changed.then_some(out))
}

/// The bare words of a query outside NOT, as typed.
fn typed_words<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
    match node {
        Node::Word { field: None, text } => out.push(text),
        Node::Must(inner) => typed_words(inner, out),
        Node::And(children) | Node::Or(children) => {
            children.iter().for_each(|c| typed_words(c, out))
        }
        _ => {}
    }
}

/// `written` in the case the user typed: "obamma" → "obama", "Obamma" → "Obama".
fn match_case(typed: &str, written: &str) -> String {
    let lower = written.to_lowercase();
    if typed.chars().next().is_some_and(char::is_uppercase) {
        let mut c = lower.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        lower
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(
            distance("merkle", "merkel", 1),
            Some(1),
            "a transposition is one edit"
        );
        assert_eq!(distance("obamma", "obama", 1), Some(1));
        assert_eq!(distance("putin", "putin", 1), Some(0));
        assert_eq!(distance("sanctions", "santions", 1), Some(1));
        assert_eq!(distance("kerry", "berlin", 2), None);
        assert_eq!(distance("ab", "abcd", 1), None);
        assert_eq!(distance("", "a", 1), Some(1));
    }

    /// The automaton finds exactly what scanning every term with [`distance`] finds.
    #[test]
    fn automaton_finds_what_a_scan_finds() {
        use tantivy::{Index, TantivyDocument};
        let index = Index::create_in_ram(crate::schema::build_schema());
        crate::analysis::register(index.tokenizers());
        let fields = Fields::new(&index.schema()).expect("fields");
        let mut writer = index
            .writer_with_num_threads::<TantivyDocument>(1, 20_000_000)
            .expect("writer");
        let bodies = [
            "Merkel met Obama and Putin over sanctions in Berlin",
            "Angela Merkel's party; the chancellor's Merkels and merkle-tree",
            "Señor Peña said the café in Zürich raised prices; Zurich banks",
            "international monetary fund talks on intenational moneytary policy",
            "a an ab abc abcd abcde kerry berry perry jerry",
        ];
        for (i, body) in bodies.iter().enumerate() {
            let a = crate::article::Article {
                id: format!("a{i}"),
                title: format!("headline {i} obamma"),
                body: body.to_string(),
                ..Default::default()
            };
            writer
                .add_document(crate::indexer::to_document(&a, &fields, 0, 0))
                .expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let scan = |term: &str, max: u32| {
            let mut found: HashMap<String, (u32, u64)> = HashMap::new();
            for segment in searcher.segment_readers() {
                for field in [fields.title, fields.body] {
                    let inverted = segment.inverted_index(field).expect("inverted");
                    let mut stream = inverted.terms().stream().expect("stream");
                    while let Some((key, info)) = stream.next() {
                        let c = std::str::from_utf8(key).expect("utf8");
                        if let Some(d) = distance(term, c, max).filter(|_| c != term) {
                            let e = found.entry(c.to_string()).or_insert((d, 0));
                            e.1 = e.1.max(u64::from(info.doc_freq));
                        }
                    }
                }
            }
            let mut v: Vec<(String, u32, u64)> =
                found.into_iter().map(|(t, (d, n))| (t, d, n)).collect();
            v.sort_by(|a, b| {
                a.1.cmp(&b.1)
                    .then(b.2.cmp(&a.2))
                    .then_with(|| a.0.cmp(&b.0))
            });
            v
        };
        let mut nonempty = 0;
        for term in [
            "merkle",
            "merkel",
            "obama",
            "sanctoins",
            "berln",
            "pena",
            "zurich",
            "cafe",
            "internatoinal",
            "monetery",
            "kerry",
            "abc",
            "x",
            "",
        ] {
            for max in [1, 2] {
                let want = scan(term, max);
                nonempty += usize::from(!want.is_empty());
                let got = near_terms(&searcher, &fields, term, max).expect("near");
                assert_eq!(got, want, "{term:?} within {max}");
            }
        }
        assert!(nonempty > 10, "the cases find something");
    }

    #[test]
    fn edits_grow_with_length() {
        assert_eq!(max_edits(3), 0);
        assert_eq!(max_edits(6), 1);
        assert_eq!(max_edits(9), 2);
    }

    #[test]
    fn case_follows_the_typed_word() {
        assert_eq!(match_case("Obamma", "OBAMA"), "Obama");
        assert_eq!(match_case("merkle", "Merkel"), "merkel");
    }
}
