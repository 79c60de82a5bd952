//! Topics: the source's tags, then desk categories (see `categories`), then 3–8 key phrases
//! from the text ("Syria cease-fire", "cyber warfare", "Minsk agreement").
//!
//! Candidates are runs of one to three words between stop words, punctuation and numbers.
//! A candidate scores by where it occurs (title 3, first paragraph 1.5, elsewhere 1), by how
//! specific its words are (common news words from `names/background.txt` count little) and
//! by length; occurrences inside a longer recurring phrase count for that phrase only, so
//! "Syria cease-fire" is preferred over "cease-fire". Proper nouns keep their case, other words
//! are lower-cased, and no chosen phrase repeats or contains another.

use super::categories;
use super::lexicon::{HashMap64, flag, phrase_hash, word_hash};
use super::people::{self, Person};
use super::tokens::{Kind, Shape, Token, tokenize};
use crate::article::push_unique;
use std::cell::RefCell;

/// At most this many key phrases.
const MAX_PHRASES: usize = 8;
/// Phrases scoring below this are kept only to reach `MIN_PHRASES`.
const GOOD_SCORE: f32 = 2.5;
const MIN_PHRASES: usize = 3;
const FLOOR_SCORE: f32 = 1.5;

/// Topics for an article: the given tags, then desk categories, then key phrases.
pub fn extract(title: &str, body: &str, given: &[String]) -> Vec<String> {
    let text = format!("{title}\n\n{body}");
    let toks = tokenize(&text);
    let people = people::from_tokens(&text, &toks);
    from_tokens(&text, &toks, title.len(), given, &people)
}

/// Topics from shared tokens; `people` are left out of key phrases (they have their own field).
pub(crate) fn from_tokens(
    text: &str,
    toks: &[Token],
    title_end: usize,
    given: &[String],
    people: &[Person],
) -> Vec<String> {
    let mut out = Vec::new();
    for g in given {
        push_unique(&mut out, g);
    }
    for c in categories::from_tokens(toks, title_end) {
        push_unique(&mut out, &c);
    }
    for p in key_phrases(text, toks, title_end, &name_mask(toks, people)) {
        push_unique(&mut out, &p);
    }
    out
}

#[derive(Debug, Default)]
struct Cand {
    /// The two phrases one word shorter inside this one.
    subs: [u64; 2],
    freq: f32,
    nested: f32,
    count: u32,
    /// The occurrence whose spelling is shown (token range): the first one outside a title or
    /// sentence start.
    shown: (u32, u32),
    words: u8,
    shown_good: bool,
    /// Title words alone are not enough: a phrase must also occur in the body.
    in_body: bool,
}

/// A word that can be part of a key phrase, and its hash with hyphens ignored
/// ("cease-fire" = "ceasefire", "G-20" = "G20").
fn content_hash(text: &str, t: &Token) -> Option<u64> {
    if t.kind != Kind::Word || t.has(flag::STOPWORD | flag::PRONOUN | flag::SPEECH | flag::SKIP) {
        return None;
    }
    let w = t.text(text);
    if t.shape == Shape::Lower && (w.ends_with("ly") || w.len() < 3) {
        return None;
    }
    if w.as_bytes().contains(&b'-') {
        let joined: String = w.chars().filter(|&c| c != '-').collect();
        return Some(word_hash(&joined));
    }
    Some(t.hash)
}

fn verbish(text: &str, t: &Token, at_start: bool) -> bool {
    if t.shape != Shape::Lower {
        return false;
    }
    let w = t.text(text);
    (w.ends_with("ed") && !w.ends_with("eed")) || (at_start && w.ends_with("ing"))
}

/// Which tokens belong to a mention of a person.
fn name_mask(toks: &[Token], people: &[Person]) -> Vec<bool> {
    let mut mask = vec![false; toks.len()];
    for &(s, e) in people.iter().flat_map(|p| &p.mentions) {
        let from = toks.partition_point(|t| t.start < s);
        let to = toks.partition_point(|t| t.start < e);
        for m in mask.iter_mut().take(to).skip(from) {
            *m = true;
        }
    }
    mask
}

thread_local! {
    /// The candidate table, kept between articles so its memory is reused.
    static CANDS: RefCell<HashMap64<Cand>> = RefCell::new(HashMap64::default());
}

pub(crate) fn key_phrases(text: &str, toks: &[Token], title_end: usize, names: &[bool]) -> Vec<String> {
    CANDS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut cands) => {
            cands.clear();
            rank(text, toks, title_end, names, &mut cands)
        }
        Err(_) => rank(text, toks, title_end, names, &mut HashMap64::default()),
    })
}

fn rank(text: &str, toks: &[Token], title_end: usize, names: &[bool], cands: &mut HashMap64<Cand>) -> Vec<String> {
    let first_para = toks.iter().find(|t| t.start >= title_end).map(|t| t.para);
    let mut chunk: Vec<(usize, u64)> = Vec::with_capacity(16);
    for i in 0..=toks.len() {
        let named = names.get(i).copied().unwrap_or(false);
        let titled = toks.get(i).is_some_and(|t| t.has(flag::TITLE));
        let h = toks.get(i).and_then(|t| content_hash(text, t)).filter(|_| !named && !titled);
        let breaks = toks.get(i).is_none_or(|t| t.sent_start) && !chunk.is_empty();
        if breaks || h.is_none() {
            count_chunk(text, toks, &chunk, title_end, first_para, cands);
            chunk.clear();
        }
        if let Some(h) = h {
            chunk.push((i, h));
        }
    }
    // Occurrences inside a recurring longer phrase belong to that phrase.
    let real: Vec<(u64, f32)> = cands
        .values()
        .filter(|c| c.words >= 2 && c.count >= 2)
        .flat_map(|c| c.subs.map(|s| (s, c.freq)))
        .collect();
    for (sub, f) in real {
        if let Some(c) = cands.get_mut(&sub) {
            c.nested += f;
        }
    }
    let mut ranked: Vec<(f32, &Cand)> = cands
        .values()
        .map(|c| {
            let len = [0.0, 0.8, 1.6, 1.9][usize::from(c.words.min(3))];
            ((c.freq - c.nested).max(0.0) * len, c)
        })
        .filter(|(s, c)| *s >= FLOOR_SCORE && c.in_body && (c.count >= 2 || c.words >= 2))
        .collect();
    // Only the best few matter: select them before sorting.
    let order = |a: &(f32, &Cand), b: &(f32, &Cand)| b.0.total_cmp(&a.0).then(a.1.shown.cmp(&b.1.shown));
    const SHORTLIST: usize = 4 * MAX_PHRASES;
    if ranked.len() > SHORTLIST {
        ranked.select_nth_unstable_by(SHORTLIST, order);
        ranked.truncate(SHORTLIST);
    }
    ranked.sort_by(order);
    let mut chosen: Vec<(String, String)> = Vec::new();
    for (score, c) in ranked {
        if chosen.len() >= MAX_PHRASES || (score < GOOD_SCORE && chosen.len() >= MIN_PHRASES) {
            break;
        }
        let shown = show(text, toks, (c.shown.0 as usize, c.shown.1 as usize));
        let key = format!(" {} ", shown.to_lowercase());
        if chosen.iter().any(|(k, _)| k.contains(&key) || key.contains(k.as_str())) {
            continue;
        }
        chosen.push((key, shown));
    }
    chosen.into_iter().map(|(_, s)| s).collect()
}

fn count_chunk(
    text: &str,
    toks: &[Token],
    chunk: &[(usize, u64)],
    title_end: usize,
    first_para: Option<u32>,
    cands: &mut HashMap64<Cand>,
) {
    for a in 0..chunk.len() {
        let first = &toks[chunk[a].0];
        let weight = if first.start < title_end {
            3.0
        } else if Some(first.para) == first_para {
            1.5
        } else {
            1.0
        };
        let mut h = 0u64;
        for n in 1..=3.min(chunk.len() - a) {
            let left = h;
            let (ti, wh) = chunk[a + n - 1];
            h = if n == 1 { wh } else { phrase_hash(h, wh) };
            let right = chunk[a + 1..a + n].iter().map(|&(_, w)| w).reduce(phrase_hash).unwrap_or(0);
            let last = &toks[ti];
            let weak_edge = first.has(flag::BACKGROUND) || last.has(flag::BACKGROUND);
            let short = n == 1 && first.shape == Shape::Lower && first.end - first.start < 4;
            // "Russian" alone says little; "ALEXEI DRUZHININ" is a shouted credit line.
            let adjective = n == 1 && first.has(flag::NATIONALITY);
            let shouted = n >= 2 && chunk[a..a + n].iter().filter(|&&(i, _)| toks[i].shape == Shape::Upper).count() >= 2;
            if weak_edge || short || adjective || shouted || verbish(text, first, true) || verbish(text, last, false) {
                continue;
            }
            let c = cands.entry(h).or_default();
            c.words = n as u8;
            c.freq += weight;
            c.count += 1;
            c.subs = if n == 1 { [0, 0] } else { [left, right] };
            c.in_body |= first.start >= title_end;
            let good = !first.sent_start && !first.headline && first.start >= title_end;
            if c.count == 1 || (good && !c.shown_good) {
                c.shown = (chunk[a].0 as u32, ti as u32 + 1);
                c.shown_good = good;
            }
        }
    }
}

/// The phrase as shown: proper nouns keep their case, other words are lower-cased.
fn show(text: &str, toks: &[Token], (s, e): (usize, usize)) -> String {
    let mut out = String::new();
    for t in toks.get(s..e).unwrap_or(&[]) {
        if !out.is_empty() {
            out.push(' ');
        }
        let w = t.text(text);
        let proper = match t.shape {
            Shape::Upper | Shape::Other | Shape::Initial | Shape::Particle => true,
            Shape::Title => !t.sent_start && !t.headline,
            Shape::Lower => false,
        };
        if proper {
            out.push_str(w);
        } else {
            out.push_str(&w.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
#[path = "topics_tests.rs"]
mod tests;
