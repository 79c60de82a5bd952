//! Snippets: the fragment of an article around its densest query matches, with byte ranges to
//! highlight. Matching is done on analysed tokens, so "ceasefire" highlights the whole
//! "cease-fire" and "talks" highlights "talk". A hit that matched only through a filter gets
//! its lede.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use tantivy::Term;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;

/// Default snippet length, in characters: about two terminal lines.
pub const SNIPPET_CHARS: usize = 220;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges into `text`, sorted and non-overlapping.
    pub highlights: Vec<[usize; 2]>,
}

/// The indexed terms a query looks for in `field`.
pub fn query_terms(query: &dyn Query, field: Field) -> HashSet<String> {
    let mut out = HashSet::new();
    query.query_terms(&mut |term: &Term, _| {
        if term.field() == field
            && let Some(s) = term.value().as_str()
        {
            out.insert(s.to_string());
        }
    });
    out
}

/// Byte ranges of `text` whose tokens are in `terms`, merged where they overlap.
pub fn matches(
    text: &str,
    terms: &HashSet<String>,
    analyzer: &mut TextAnalyzer,
) -> Vec<(usize, usize)> {
    if terms.is_empty() {
        return Vec::new();
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        if terms.contains(&t.text) {
            ranges.push((t.offset_from, t.offset_to));
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Moves `i` back to the start of the word it falls in.
fn word_start(text: &str, i: usize) -> usize {
    let i = floor_char(text, i);
    text[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(j, c)| j + c.len_utf8())
}

/// Moves `i` forward to the end of the word it falls in.
fn word_end(text: &str, i: usize) -> usize {
    let i = floor_char(text, i);
    text[i..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len(), |(j, _)| i + j)
}

/// Picks the window of about `max_chars` bytes holding the most distinct matched words, then
/// the most matches.
fn best_window(text: &str, hits: &[(usize, usize)], max_chars: usize) -> (usize, usize) {
    let mut best = (0usize, 0usize, 0usize); // (distinct, count, first hit index)
    for i in 0..hits.len() {
        let limit = hits[i].0 + max_chars;
        let mut distinct: HashSet<String> = HashSet::new();
        let mut count = 0;
        for h in hits[i..].iter().take_while(|h| h.1 <= limit) {
            distinct.insert(text[h.0..h.1].to_lowercase());
            count += 1;
        }
        if (distinct.len(), count) > (best.0, best.1) {
            best = (distinct.len(), count, i);
        }
    }
    let first = hits[best.2];
    // Lead in with a little context, starting at a sentence start when one is close.
    let lead = max_chars / 5;
    let mut start = word_start(text, first.0.saturating_sub(lead));
    if let Some(p) = text[start..first.0].rfind(". ") {
        start = start + p + 2;
    }
    if first.0 <= lead {
        start = 0;
    }
    (start, word_end(text, start + max_chars))
}

/// The snippet of `text` for the query `terms`; the lede when nothing in `text` matches.
pub fn make(
    text: &str,
    terms: &HashSet<String>,
    analyzer: &mut TextAnalyzer,
    max_chars: usize,
) -> Snippet {
    let hits = matches(text, terms, analyzer);
    let (start, end) = if hits.is_empty() {
        (0, word_end(text, max_chars))
    } else {
        best_window(text, &hits, max_chars)
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let body = &text[start..end];
    // Newlines would break the one-hit-per-block terminal layout.
    let shift = out.len();
    out.extend(
        body.chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
    );
    let highlights = hits
        .iter()
        .filter(|h| h.0 >= start && h.1 <= end)
        .map(|h| [h.0 - start + shift, h.1 - start + shift])
        .collect();
    if end < text.len() {
        out.push('…');
    }
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;
    use tantivy::tokenizer::TokenizerManager;

    fn analyzer() -> TextAnalyzer {
        let m = TokenizerManager::default();
        analysis::register(&m);
        m.get(analysis::NEWS).expect("registered")
    }

    fn terms(list: &[&str]) -> HashSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|[a, b]| &s.text[*a..*b]).collect()
    }

    #[test]
    fn compound_is_highlighted_whole() {
        let s = make(
            "They urged a Syria cease-fire on Monday.",
            &terms(&["ceasefir", "syria"]),
            &mut analyzer(),
            200,
        );
        assert_eq!(marked(&s), vec!["Syria", "cease-fire"]);
    }

    #[test]
    fn window_moves_to_the_matches() {
        let filler = "Nothing to see here. ".repeat(30);
        let text = format!("{filler}The summit in Hangzhou ended. {filler}");
        let s = make(&text, &terms(&["summit", "hangzhou"]), &mut analyzer(), 120);
        assert!(s.text.starts_with('…'));
        assert!(s.text.contains("The summit in Hangzhou"), "{}", s.text);
        assert_eq!(marked(&s), vec!["summit", "Hangzhou"]);
    }

    #[test]
    fn no_match_gives_the_lede() {
        let s = make(
            "First words of the story.\nMore.",
            &terms(&[]),
            &mut analyzer(),
            12,
        );
        assert_eq!(s.text, "First words of…");
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn multibyte_text_is_safe() {
        let text = "Erdoğan met Lula da Silva in São Paulo. ".repeat(20);
        let s = make(&text, &terms(&["paulo"]), &mut analyzer(), 37);
        for [a, b] in &s.highlights {
            assert_eq!(&s.text[*a..*b], "Paulo");
        }
    }
}
