//! Phrase spellings that only the index can tell about. A hyphenated compound is indexed as
//! its parts at consecutive positions plus the joined term at the first part's position, so
//! in "cease-fire talks" the word after the compound sits two positions after "ceasefire".
//! A quoted phrase typed with the one-word spelling (`"ceasefire talks"`) therefore misses
//! the hyphenated text, and one typed with two words (`"cease fire talks"`) misses the
//! one-word text. For each such word this adds a spelling of the phrase with the other shape:
//!
//! - a word typed whole whose two halves are indexed words, when the whole word is indexed
//!   too (as a compound's joined term always is): the halves at consecutive positions, which
//!   matches the hyphenated and the spaced text (`ceas` at 0, `fire` at 1). The most even
//!   splits are tried; an odd one ("p|resident") only matches text that has those two words
//!   side by side;
//! - two typed words whose joined form is indexed: that term at one position.
//!
//! Phrases only: a word outside quotes already matches every spelling through its concept.

use crate::analysis::QueryWord;
use crate::search::concept::Spelling;

/// Most extra spellings one phrase gets (each is a phrase query to run).
const MAX_RESPELLINGS: usize = 6;
/// Most ways one word is split.
const MAX_SPLITS: usize = 2;

/// Compounds that news writes both as one word and as two ("ceasefire" and "cease fire",
/// "takeover" and "take over"): the split point of each, as `first|second`.
const OPEN_COMPOUNDS: &[&str] = &[
    "cease|fire",
    "take|over",
    "shut|down",
    "lock|down",
    "crack|down",
    "break|through",
    "air|strike",
    "stock|pile",
    "wild|fire",
    "heat|wave",
    "health|care",
    "policy|maker",
    "peace|keeper",
    "peace|keeping",
    "law|maker",
    "work|force",
    "back|log",
    "set|back",
    "buy|back",
    "lay|off",
    "start|up",
    "web|site",
    "e|mail",
    "on|line",
    "data|base",
    "cyber|attack",
    "cyber|security",
    "land|slide",
    "flood|water",
    "earth|quake",
    "gun|man",
    "gun|fire",
    "hand|over",
    "walk|out",
    "sell|off",
    "shake|up",
    "turn|out",
    "melt|down",
    "touch|down",
    "stand|off",
    "face|off",
    "clamp|down",
    "run|off",
    "pull|out",
    "roll|out",
    "bail|out",
    "fall|out",
    "hard|line",
    "hard|liner",
    "tax|payer",
    "super|power",
    "man|power",
    "war|ship",
    "war|plane",
    "war|time",
    "bomb|maker",
    "death|toll",
    "news|paper",
    "anti|trust",
    "child|care",
    "grass|roots",
    "wind|fall",
    "life|time",
    "time|line",
    "head|line",
    "home|owner",
    "land|owner",
    "ship|yard",
    "oil|field",
    "gas|field",
    "pipe|line",
    "stake|holder",
    "share|holder",
    "trade|mark",
    "copy|right",
    "counter|attack",
    "counter|offensive",
    "check|point",
    "flash|point",
    "hot|spot",
    "road|map",
    "sand|storm",
    "snow|storm",
    "rain|fall",
    "drone|strike",
    "sea|port",
    "air|port",
    "water|way",
    "rail|way",
    "free|way",
    "high|way",
    "mid|term",
    "long|term",
    "short|term",
    "year|end",
    "week|end",
    "over|seas",
    "post|war",
    "pre|war",
];

/// A plain word typed whole that news also writes as two ("ceasefire", "takeovers",
/// "lockdowns") as its two words side by side, when the index has both; the spaced spelling
/// is what a word outside quotes otherwise misses (a hyphenated one is indexed joined too).
pub fn word_respellings(
    w: &QueryWord,
    normalize: &mut dyn FnMut(&str) -> Option<String>,
    exists: &dyn Fn(&str) -> bool,
) -> Vec<Spelling> {
    let typed = w.text.to_lowercase();
    let mut out = Vec::new();
    for entry in OPEN_COMPOUNDS {
        let Some((first, second)) = entry.split_once('|') else {
            continue;
        };
        let Some(rest) = typed.strip_prefix(first) else {
            continue;
        };
        let Some(ending) = rest.strip_prefix(second) else {
            continue;
        };
        if !matches!(ending, "" | "s" | "es" | "ed" | "ing" | "er" | "ers") {
            continue;
        }
        let (Some(a), Some(b)) = (normalize(first), normalize(&format!("{second}{ending}"))) else {
            continue;
        };
        if exists(&a) && exists(&b) {
            out.push(Spelling {
                terms: vec![(0, a), (1, b)],
                slop: 0,
            });
        }
    }
    out
}

/// What occupies one word's positions in a phrase: terms at offsets from the word's first
/// position, and how many positions the word takes.
#[derive(Debug, Clone)]
struct Slot {
    terms: Vec<(u32, String)>,
    width: u32,
}

/// A change to the typed phrase: words `at..at + len` read as `slot`.
#[derive(Debug, Clone)]
struct Change {
    at: usize,
    len: usize,
    slot: Slot,
}

/// The typed shape of one word: its parts one per position (a stop word keeps its gap).
fn typed_slot(w: &QueryWord) -> Slot {
    let terms = w
        .parts
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.as_ref().map(|t| (i as u32, t.clone())))
        .collect();
    Slot {
        terms,
        width: w.parts.len() as u32,
    }
}

/// The one indexed term of a plain word typed without punctuation ("ceasefire", "G7").
fn plain_term(w: &QueryWord) -> Option<&str> {
    match &w.parts[..] {
        [Some(t)] if w.text.chars().all(char::is_alphanumeric) => Some(t),
        _ => None,
    }
}

/// Splits of a plain word into two indexed halves, as the slots of a compound's parts; the
/// most even first ("cease|fire" before "c|easefire"), at most [`MAX_SPLITS`].
fn splits(
    w: &QueryWord,
    normalize: &mut dyn FnMut(&str) -> Option<String>,
    exists: &dyn Fn(&str) -> bool,
) -> Vec<Slot> {
    let Some(whole) = plain_term(w) else {
        return Vec::new();
    };
    // A compound always indexes its joined term: without it, no text has this word split.
    if !exists(whole) {
        return Vec::new();
    }
    let mut found: Vec<(usize, String, String)> = Vec::new();
    let chars = w.text.chars().count();
    for (n, (i, _)) in w.text.char_indices().enumerate().skip(1) {
        let (Some(a), Some(b)) = (normalize(&w.text[..i]), normalize(&w.text[i..])) else {
            continue;
        };
        // "ceasefir|e" is the whole word again, not two parts.
        if a != whole && b != whole && exists(&a) && exists(&b) {
            found.push((n.min(chars - n), a, b));
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found
        .into_iter()
        .take(MAX_SPLITS)
        .map(|(_, a, b)| Slot {
            terms: vec![(0, a), (1, b)],
            width: 2,
        })
        .collect()
}

/// The phrase with `changes` (not overlapping, in order) applied to the typed shape.
fn spelling(words: &[QueryWord], changes: &[&Change], slop: u32) -> Option<Spelling> {
    let mut terms = Vec::new();
    let mut pos = 0u32;
    let mut i = 0;
    let mut next = changes.iter().peekable();
    while i < words.len() {
        let (slot, len) = match next.peek() {
            Some(c) if c.at == i => {
                let c = next.next()?;
                (c.slot.clone(), c.len)
            }
            _ => (typed_slot(&words[i]), 1),
        };
        terms.extend(slot.terms.into_iter().map(|(o, t)| (pos + o, t)));
        pos += slot.width;
        i += len;
    }
    let first = terms.first()?.0;
    terms.iter_mut().for_each(|t| t.0 -= first);
    Some(Spelling { terms, slop })
}

/// Extra spellings of the phrase `words` (analysed with the text analyzer): each change
/// alone, and all that do not overlap together. `normalize` analyses one word as the index
/// does; `exists` says whether a term is in the index.
pub fn phrase_respellings(
    words: &[QueryWord],
    slop: u32,
    normalize: &mut dyn FnMut(&str) -> Option<String>,
    exists: &dyn Fn(&str) -> bool,
) -> Vec<Spelling> {
    if words.len() < 2 {
        return Vec::new();
    }
    let mut changes = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if let (Some(_), Some(next)) = (plain_term(w), words.get(i + 1))
            && plain_term(next).is_some()
            && let Some(j) = normalize(&format!("{}{}", w.text, next.text))
            && exists(&j)
        {
            let slot = Slot {
                terms: vec![(0, j)],
                width: 1,
            };
            changes.push(Change {
                at: i,
                len: 2,
                slot,
            });
        }
        for slot in splits(w, normalize, exists) {
            changes.push(Change {
                at: i,
                len: 1,
                slot,
            });
        }
    }
    let mut out: Vec<Spelling> = Vec::new();
    let push = |s: Option<Spelling>, out: &mut Vec<Spelling>| {
        if let Some(s) = s
            && !out.contains(&s)
            && out.len() < MAX_RESPELLINGS
        {
            out.push(s);
        }
    };
    for c in &changes {
        push(spelling(words, &[c], slop), &mut out);
    }
    let mut together: Vec<&Change> = Vec::new();
    for c in &changes {
        if together.last().is_none_or(|l| l.at + l.len <= c.at) {
            together.push(c);
        }
    }
    if together.len() > 1 {
        push(spelling(words, &together, slop), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{self, TermNormalizer};

    fn respell(text: &str, index: &[&str]) -> Vec<Vec<(u32, String)>> {
        let words = analysis::analyze_query(text, analysis::NEWS);
        let mut norm = TermNormalizer::for_analyzer(analysis::NEWS);
        let exists = |t: &str| index.contains(&t);
        phrase_respellings(&words, 0, &mut |s| norm.normalize(s), &exists)
            .into_iter()
            .map(|s| s.terms)
            .collect()
    }

    fn terms(list: &[(u32, &str)]) -> Vec<(u32, String)> {
        list.iter().map(|(o, t)| (*o, t.to_string())).collect()
    }

    #[test]
    fn a_whole_word_is_also_read_as_a_compound_of_indexed_halves() {
        let index = ["ceasefir", "ceas", "fire", "talk"];
        assert_eq!(
            respell("ceasefire talks", &index),
            vec![terms(&[(0, "ceas"), (1, "fire"), (2, "talk")])]
        );
        // Without the joined term in the index no text has the compound: nothing to add.
        assert!(respell("ceasefire talks", &["ceas", "fire", "talk"]).is_empty());
        // A half that analyses to the whole word is no split ("ceasefire" = "ceasefir|e").
        let e = respell(
            "ceasefire talks",
            &["ceasefir", "e", "ceas", "fire", "talk"],
        );
        assert_eq!(e.len(), 1, "{e:?}");
        let g7 = respell("the G7 summit", &["g7", "g", "7", "summit"]);
        assert_eq!(g7, vec![terms(&[(0, "g"), (1, "7"), (2, "summit")])]);
        // The most even split first: "cease|fire" before "c|easefire".
        let odd = respell("ceasefire", &["ceasefir", "c", "easefir", "ceas", "fire"]);
        assert!(odd.is_empty(), "one word is no phrase");
        let both = respell(
            "ceasefire talks",
            &["ceasefir", "c", "easefir", "ceas", "fire", "talk"],
        );
        assert_eq!(both[0], terms(&[(0, "ceas"), (1, "fire"), (2, "talk")]));
        assert_eq!(both[1], terms(&[(0, "c"), (1, "easefir"), (2, "talk")]));
    }

    #[test]
    fn two_typed_words_are_also_read_joined() {
        let index = ["ceasefir", "ceas", "fire", "talk", "syria"];
        assert_eq!(
            respell("Syria cease fire talks", &index),
            vec![terms(&[(0, "syria"), (1, "ceasefir"), (2, "talk")])]
        );
        assert!(respell("cease fire talks", &["ceas", "fire", "talk"]).is_empty());
    }

    #[test]
    fn changes_apply_alone_and_together_and_stay_few() {
        let index = ["ceasefir", "ceas", "fire", "email", "e", "mail"];
        let r = respell("ceasefire email", &index);
        assert_eq!(
            r,
            vec![
                terms(&[(0, "ceas"), (1, "fire"), (2, "email")]),
                terms(&[(0, "ceasefir"), (1, "e"), (2, "mail")]),
                terms(&[(0, "ceas"), (1, "fire"), (2, "e"), (3, "mail")]),
            ]
        );
        // Every half of every word indexed: still a bounded number of spellings.
        let everything = |_: &str| true;
        let words = analysis::analyze_query("abcdefgh ijklmnop qrstuvwx", analysis::NEWS);
        let mut norm = TermNormalizer::for_analyzer(analysis::NEWS);
        let r = phrase_respellings(&words, 0, &mut |s| norm.normalize(s), &everything);
        assert!(r.len() <= MAX_RESPELLINGS, "{}", r.len());
    }

    #[test]
    fn single_words_and_punctuated_words_are_left_alone() {
        assert!(respell("ceasefire", &["ceasefir", "ceas", "fire"]).is_empty());
        // "U.S." is an acronym: its letters are not halves of a compound.
        assert!(respell("U.S. talks", &["us", "u", "s", "talk"]).is_empty());
    }

    #[test]
    fn open_compounds_typed_whole_are_also_two_words() {
        let index = ["ceas", "fire", "takeov", "take", "over"];
        let spelled = |typed: &str| {
            let w = analysis::analyze_query(typed, analysis::NEWS).remove(0);
            let mut normalize = |t: &str| match &analysis::analyze_query(t, analysis::NEWS)[..] {
                [q] => q.joined.clone(),
                _ => None,
            };
            word_respellings(&w, &mut normalize, &|t: &str| index.contains(&t))
                .into_iter()
                .map(|s| s.terms)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            spelled("ceasefire"),
            vec![terms(&[(0, "ceas"), (1, "fire")])]
        );
        assert_eq!(
            spelled("Takeovers"),
            vec![terms(&[(0, "take"), (1, "over")])]
        );
        // Not a listed compound, or a half the index lacks.
        assert!(spelled("firewall").is_empty());
        assert!(spelled("shutdown").is_empty());
    }
}
