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
    merge(ranges)
}

/// As [`matches()`], from tokens analysed earlier: (indexed form, start, end).
pub fn matches_in<'t>(
    tokens: impl Iterator<Item = (&'t str, usize, usize)>,
    terms: &HashSet<String>,
) -> Vec<(usize, usize)> {
    if terms.is_empty() {
        return Vec::new();
    }
    merge(
        tokens
            .filter(|(t, _, _)| terms.contains(*t))
            .map(|(_, s, e)| (s, e))
            .collect(),
    )
}

fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
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

/// Appends `text[start..end]` to `out` (newlines flattened, with "…" where it is cut) and the
/// highlights that fall inside it, shifted to `out`'s offsets.
fn push_fragment(
    out: &mut Snippet,
    text: &str,
    hits: &[(usize, usize)],
    (start, end): (usize, usize),
) {
    if start > 0 && !out.text.ends_with('…') && !out.text.ends_with("… ") {
        out.text.push('…');
    }
    let shift = out.text.len();
    // Newlines would break the one-hit-per-block terminal layout.
    out.text.extend(
        text[start..end]
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
    );
    out.highlights.extend(
        hits.iter()
            .filter(|h| h.0 >= start && h.1 <= end)
            .map(|h| [h.0 - start + shift, h.1 - start + shift]),
    );
    if end < text.len() {
        out.text.push('…');
    }
}

fn lower(text: &str, h: (usize, usize)) -> String {
    text[h.0..h.1].to_lowercase()
}

/// The snippet of `text` for the query `terms`: the window with the densest matches and, when
/// query words matched only further away, a second, shorter fragment around them. The lede
/// when nothing in `text` matches.
pub fn make(
    text: &str,
    terms: &HashSet<String>,
    analyzer: &mut TextAnalyzer,
    max_chars: usize,
) -> Snippet {
    around(text, &matches(text, terms, analyzer), max_chars)
}

/// The snippet of `text` around its matches `hits` (from [`matches()`] or [`matches_in`]); see
/// [`make`].
pub fn around(text: &str, hits: &[(usize, usize)], max_chars: usize) -> Snippet {
    let hits = hits.to_vec();
    let mut out = Snippet::default();
    if hits.is_empty() {
        push_fragment(&mut out, text, &hits, (0, word_end(text, max_chars)));
        return out;
    }
    let first = best_window(text, &hits, max_chars);
    let covered: HashSet<String> = hits
        .iter()
        .filter(|h| h.0 >= first.0 && h.1 <= first.1)
        .map(|&h| lower(text, h))
        .collect();
    let missing: Vec<(usize, usize)> = hits
        .iter()
        .copied()
        .filter(|&h| h.1 <= first.0 || h.0 >= first.1)
        // "fire" is already shown inside "cease-fire".
        .filter(|&h| {
            let word = lower(text, h);
            !covered.iter().any(|c| c.contains(word.as_str()))
        })
        .collect();
    if missing.is_empty() {
        push_fragment(&mut out, text, &hits, first);
        return out;
    }
    // Two fragments share the length: most to the densest window, the rest to the words it
    // lacks.
    let first = best_window(text, &hits, max_chars * 3 / 5);
    let second = best_window(text, &missing, max_chars * 2 / 5);
    let overlap = second.0 < first.1 && first.0 < second.1;
    if overlap {
        push_fragment(
            &mut out,
            text,
            &hits,
            (first.0.min(second.0), first.1.max(second.1)),
        );
    } else {
        let (a, b) = if first.0 < second.0 {
            (first, second)
        } else {
            (second, first)
        };
        push_fragment(&mut out, text, &hits, a);
        if !out.text.ends_with('…') {
            out.text.push('…');
        }
        out.text.push(' ');
        push_fragment(&mut out, text, &hits, b);
    }
    out
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
    fn distant_words_get_a_second_fragment() {
        let filler = "Nothing to see here at all. ".repeat(20);
        let text = format!("The summit opened. {filler}Later a cease-fire was agreed. {filler}");
        let s = make(&text, &terms(&["summit", "ceasefir"]), &mut analyzer(), 160);
        assert_eq!(marked(&s), vec!["summit", "cease-fire"], "{}", s.text);
        assert!(s.text.contains("… "), "{}", s.text);
        assert!(!s.text.contains("… …"), "{}", s.text);
        assert!(s.text.chars().count() < 220, "{}", s.text);
    }

    #[test]
    fn a_part_shown_inside_its_compound_needs_no_second_fragment() {
        let filler = "Nothing to see here at all. ".repeat(20);
        let text = format!("A cease-fire was agreed. {filler}Cars were set on fire. {filler}");
        let s = make(
            &text,
            &terms(&["ceasefir", "ceas", "fire"]),
            &mut analyzer(),
            160,
        );
        assert!(!s.text.contains("Cars"), "{}", s.text);
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
