//! Person filters (`--person`, `--speaker`) that find a name however news spells it.
//!
//! Two things differ between outlets for the same person. Transliteration: "Zelensky",
//! "Zelenskiy" and "Zelenskyy", "Dmitry" and "Dmitri", "Yanukovych" and "Yanukovich",
//! "Gaddafi" and "Gadafi". And how much of a long name is written: "Recep Tayyip Erdogan"
//! is "Tayyip Erdogan" in most wire copy.
//!
//! For the first, each word of the name also matches the indexed names within its edit
//! distance ([`suggest::max_edits`]) that have the same [`variant_key`]: `y` read as `i`,
//! `x` as `ks`, and doubled letters as one. Both conditions must hold, so "Sanders" never
//! matches "Saunders" (same skeleton, different key) and "Zelensky" never matches "Zelenska".
//! For the second, a name of three words or more also matches its last two or more words
//! when they start with a name rather than a particle ("Tayyip Erdogan", not "da Silva").

use tantivy::Searcher;
use tantivy::schema::Field;

use crate::search::concept::Spelling;
use crate::search::suggest;

/// Most spellings one filter value gets from transliteration variants.
const MAX_VARIANT_SPELLINGS: usize = 16;

/// Words that start a surname but never a name on their own.
const PARTICLES: &[&str] = &[
    "da", "de", "del", "della", "der", "di", "do", "dos", "das", "du", "la", "le", "van", "von",
    "bin", "ibn", "al", "el", "ben", "ter", "ten", "st",
];

/// The form a name word is compared in: `y` as `i`, `x` as `ks`, runs of one letter as one.
pub fn variant_key(term: &str) -> String {
    let mut out = String::with_capacity(term.len() + 2);
    for c in term.chars() {
        let c = if c == 'y' { 'i' } else { c };
        if c == 'x' {
            out.push_str("ks");
            continue;
        }
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The other spellings of a name's `spellings` in `field`: transliteration variants of its
/// words found in the index, and the shorter forms of a long name.
pub fn variants(
    searcher: Option<&Searcher>,
    field: Field,
    spellings: &[Spelling],
) -> Vec<Spelling> {
    let mut out: Vec<Spelling> = Vec::new();
    let push = |s: Spelling, out: &mut Vec<Spelling>| {
        if !spellings.contains(&s) && !out.contains(&s) {
            out.push(s);
        }
    };
    for s in spellings {
        for short in shorter_forms(s) {
            push(short, &mut out);
        }
    }
    let Some(searcher) = searcher else {
        return out;
    };
    let base: Vec<Spelling> = spellings.iter().chain(&out).cloned().collect();
    let mut added = 0;
    for s in &base {
        // Each word's alternatives: itself, then its variants in the index.
        let options: Vec<Vec<String>> = s
            .terms
            .iter()
            .map(|(_, t)| {
                let mut o = vec![t.clone()];
                o.extend(word_variants(searcher, field, t));
                o
            })
            .collect();
        if options.iter().all(|o| o.len() == 1) {
            continue;
        }
        for combo in combinations(&options, MAX_VARIANT_SPELLINGS) {
            if added >= MAX_VARIANT_SPELLINGS {
                return out;
            }
            let terms = s
                .terms
                .iter()
                .zip(combo)
                .map(|((p, _), t)| (*p, t))
                .collect();
            let before = out.len();
            push(
                Spelling {
                    terms,
                    slop: s.slop,
                },
                &mut out,
            );
            added += out.len() - before;
        }
    }
    out
}

/// Indexed words of `field` that spell `term` another way (see the module's notes).
fn word_variants(searcher: &Searcher, field: Field, term: &str) -> Vec<String> {
    let max = suggest::max_edits(term.chars().count());
    let key = variant_key(term);
    suggest::near_terms_in(searcher, &[field], term, max)
        .unwrap_or_default()
        .into_iter()
        .map(|(t, _, _)| t)
        .filter(|t| variant_key(t) == key)
        .collect()
}

/// Every choice of one option per word, the typed spelling first, at most `limit`.
fn combinations(options: &[Vec<String>], limit: usize) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for o in options {
        out = out
            .iter()
            .flat_map(|prefix| {
                o.iter().map(move |t| {
                    let mut next = prefix.clone();
                    next.push(t.clone());
                    next
                })
            })
            .take(limit + 1)
            .collect();
    }
    out.into_iter().skip(1).take(limit).collect()
}

/// "recep tayyip erdogan" → "tayyip erdogan": the name without its first words, at least
/// two left, starting at a word that is not a particle.
fn shorter_forms(s: &Spelling) -> Vec<Spelling> {
    let n = s.terms.len();
    if n < 3 {
        return Vec::new();
    }
    (1..=n - 2)
        .filter(|&from| !PARTICLES.contains(&s.terms[from].1.as_str()))
        .map(|from| {
            let first = s.terms[from].0;
            Spelling {
                terms: s.terms[from..]
                    .iter()
                    .map(|(p, t)| (p - first, t.clone()))
                    .collect(),
                slop: s.slop,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_transliterations_agree_and_of_other_names_differ() {
        let key = variant_key;
        for (a, b) in [
            ("zelensky", "zelenskiy"),
            ("zelensky", "zelenskyy"),
            ("dmitry", "dmitri"),
            ("yanukovych", "yanukovich"),
            ("gaddafi", "gadafi"),
            ("alexei", "aleksei"),
            ("navalny", "navalnyy"),
        ] {
            assert_eq!(key(a), key(b), "{a} {b}");
        }
        for (a, b) in [
            ("sanders", "saunders"),
            ("zelensky", "zelenska"),
            ("johnson", "jonson"),
            ("kim", "kin"),
        ] {
            assert_ne!(key(a), key(b), "{a} {b}");
        }
    }

    fn phrase(words: &[&str]) -> Spelling {
        Spelling {
            terms: words
                .iter()
                .enumerate()
                .map(|(i, w)| (i as u32, w.to_string()))
                .collect(),
            slop: 0,
        }
    }

    #[test]
    fn long_names_also_match_their_last_words() {
        let forms = shorter_forms(&phrase(&["recep", "tayyip", "erdogan"]));
        assert_eq!(forms, vec![phrase(&["tayyip", "erdogan"])]);
        let lula = shorter_forms(&phrase(&["luiz", "inacio", "lula", "da", "silva"]));
        assert_eq!(
            lula,
            vec![
                phrase(&["inacio", "lula", "da", "silva"]),
                phrase(&["lula", "da", "silva"])
            ]
        );
        assert!(shorter_forms(&phrase(&["vladimir", "putin"])).is_empty());
    }

    #[test]
    fn combinations_keep_the_typed_spelling_out_and_stop_at_the_limit() {
        let o = vec![
            vec!["a".to_string(), "b".to_string()],
            vec!["x".to_string(), "y".to_string(), "z".to_string()],
        ];
        let all = combinations(&o, 16);
        assert_eq!(all.len(), 5);
        assert_eq!(all[0], ["a", "y"]);
        assert_eq!(combinations(&o, 2).len(), 2);
    }
}
