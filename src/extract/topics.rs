//! Topics: the source's tags, then desk categories (see `categories`), then 3–8 key phrases
//! from the text ("Syria cease-fire", "cyber warfare", "Minsk agreement").
//!
//! Candidates are runs of one to three words between stop words, punctuation and numbers,
//! never opening or closing on a common news word (`names/background.txt`); people and titles
//! are left out (they have their own field). A candidate scores by its weighted occurrences
//! (title 3, first paragraph 1.5, elsewhere 1, early sentences up to 2.5 times more), raised to
//! the power 1.25; by how specific its words are (idf from `names/word_df.txt`, counted on
//! Reuters-21578 and 500N-KPCrowd train); by how often readers pick its words as key phrases
//! (keyphraseness from `names/keyphraseness.txt`, 500N-KPCrowd train); and by length (single
//! words weigh most, as the crowd picks them three times out of four). A plural counts with
//! its singular, and occurrences inside a recurring longer phrase count half for the shorter
//! one. Proper nouns keep their case, other words are lower-cased, and no chosen phrase
//! contains another: a recurring phrase takes the place of its word ("Minsk agreement" over
//! "Minsk"). The weights were tuned on 500N-KPCrowd train (`newsdex eval extract`).

use super::categories;
use super::lexicon::{HashMap64, flag, phrase_hash, word_hash};
use super::people::{self, Person};
use super::tokens::{Kind, Shape, Token, tokenize};
use crate::article::push_unique;
use std::cell::RefCell;
use std::sync::LazyLock;

/// Unit weights of a phrase's score, from how many words it has (tuned on KPCrowd train,
/// whose crowd picks single words three times out of four).
const LENGTH_WEIGHT: [f32; 4] = [0.0, 2.5, 1.3, 1.3];
/// Weight of an occurrence in the title, in the first paragraph.
const TITLE_WEIGHT: f32 = 3.0;
const LEAD_WEIGHT: f32 = 1.5;
/// Early sentences count more: an occurrence in sentence `s` weighs `1 + EARLY / (1 + s / 5)`.
const EARLY: f32 = 1.5;
/// Share of a phrase's weight taken away per occurrence inside a recurring longer phrase.
const NESTED_SHARE: f32 = 0.5;
/// Phrases opening with a capital (names of things) are less often what the story is about.
const PROPER_WEIGHT: f32 = 0.7;
/// idf of a word missing from `names/word_df.txt` (rarer than any listed).
const RARE_IDF: f32 = 6.0;

/// What the word lists say of one word: its idf and its keyphraseness.
#[derive(Clone, Copy)]
struct WordWeight {
    idf: f32,
    kpn: f32,
}

const UNLISTED: WordWeight = WordWeight {
    idf: RARE_IDF,
    kpn: KPN_PRIOR,
};
/// Keyphraseness is smoothed towards `KPN_PRIOR` by `KPN_SMOOTH` articles.
const KPN_PRIOR: f32 = 0.3;
const KPN_SMOOTH: f32 = 5.0;

/// One table, so each word costs one lookup: idf = ln(100,000 / articles per 100,000) from
/// `names/word_df.txt`; keyphraseness, the share of the articles holding a word where the
/// word is part of a key phrase, from `names/keyphraseness.txt`.
static WEIGHTS: LazyLock<HashMap64<WordWeight>> = LazyLock::new(|| {
    let mut m: HashMap64<WordWeight> = HashMap64::default();
    let rows = |text: &'static str| {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut it = l.split_whitespace();
                let w = it.next()?;
                let nums: Vec<f32> = it.filter_map(|x| x.parse().ok()).collect();
                Some((word_hash(w), nums))
            })
    };
    for (h, nums) in rows(include_str!("names/word_df.txt")) {
        if let [n] = nums[..] {
            m.entry(h).or_insert(UNLISTED).idf = (100_000.0 / n.max(1.0)).ln();
        }
    }
    for (h, nums) in rows(include_str!("names/keyphraseness.txt")) {
        if let [gold, seen] = nums[..] {
            m.entry(h).or_insert(UNLISTED).kpn =
                (gold + KPN_SMOOTH * KPN_PRIOR) / (seen + KPN_SMOOTH);
        }
    }
    m
});

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
    /// The hashes of its words (`words` of them).
    seq: [u64; 3],
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
    /// Mean idf of its words.
    spec: f32,
    /// Mean keyphraseness of its words.
    kpn: f32,
    /// Its first word is capitalised inside a sentence.
    proper: bool,
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
    // A plural counts with its singular ("tariffs" and "tariff"), "crisis" and "campus" aside.
    if t.shape == Shape::Lower
        && w.len() >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        return Some(word_hash(&w[..w.len() - 1]));
    }
    if t.hyphenated {
        let joined: String = w.chars().filter(|&c| c != '-').collect();
        return Some(word_hash(&joined));
    }
    Some(t.hash)
}

/// Which tokens belong to a mention of a person.
fn name_mask(toks: &[Token], people: &[Person]) -> Vec<bool> {
    if people.is_empty() {
        return Vec::new();
    }
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

/// Candidates by phrase hash. The map holds indices into a vector, so that walking the
/// candidates costs what the article has, not what the largest article ever had.
#[derive(Default)]
struct Table {
    index: HashMap64<u32>,
    cands: Vec<Cand>,
}

impl Table {
    fn entry(&mut self, h: u64) -> &mut Cand {
        let next = self.cands.len() as u32;
        let i = *self.index.entry(h).or_insert(next) as usize;
        if i == self.cands.len() {
            self.cands.push(Cand::default());
        }
        &mut self.cands[i]
    }
    fn get_mut(&mut self, h: u64) -> Option<&mut Cand> {
        let i = *self.index.get(&h)? as usize;
        self.cands.get_mut(i)
    }
}

thread_local! {
    /// The candidate table, kept between articles so its memory is reused.
    static TABLE: RefCell<Table> = RefCell::new(Table::default());
}

/// The best `limit` key phrases of an article, best first, with no score threshold: what the
/// evaluation scores at 10 (the index keeps 3–8, see [`extract`]).
pub fn key_phrases_top(title: &str, body: &str, limit: usize) -> Vec<String> {
    let text = format!("{title}\n\n{body}");
    let toks = tokenize(&text);
    let people = people::from_tokens(&text, &toks);
    key_phrases_upto(&text, &toks, title.len(), &name_mask(&toks, &people), limit)
}

/// The index's key phrases: 3–8, best first; those past `MIN_PHRASES` must score
/// `GOOD_SCORE`.
pub(crate) fn key_phrases(
    text: &str,
    toks: &[Token],
    title_end: usize,
    names: &[bool],
) -> Vec<String> {
    key_phrases_upto(text, toks, title_end, names, MAX_PHRASES)
}

/// Key phrases, best first: up to `limit`; with `limit` = `MAX_PHRASES` (the index), those
/// past `MIN_PHRASES` must also score `GOOD_SCORE`.
fn key_phrases_upto(
    text: &str,
    toks: &[Token],
    title_end: usize,
    names: &[bool],
    limit: usize,
) -> Vec<String> {
    TABLE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut table) => {
            // Clearing costs the table's capacity: drop it when a huge article left it large.
            if table.index.capacity() > 8 * toks.len() + 1024 {
                table.index = HashMap64::default();
            }
            table.index.clear();
            table.cands.clear();
            rank(text, toks, title_end, names, limit, &mut table)
        }
        Err(_) => rank(text, toks, title_end, names, limit, &mut Table::default()),
    })
}

fn rank(
    text: &str,
    toks: &[Token],
    title_end: usize,
    names: &[bool],
    limit: usize,
    table: &mut Table,
) -> Vec<String> {
    let first_para = toks.iter().find(|t| t.start >= title_end).map(|t| t.para);
    let mut chunk: Vec<Word> = Vec::with_capacity(16);
    for i in 0..=toks.len() {
        let named = names.get(i).copied().unwrap_or(false);
        let titled = toks.get(i).is_some_and(|t| t.has(flag::TITLE));
        let h = toks
            .get(i)
            .and_then(|t| content_hash(text, t))
            .filter(|_| !named && !titled);
        let breaks = toks.get(i).is_none_or(|t| t.sent_start) && !chunk.is_empty();
        if breaks || h.is_none() {
            count_chunk(toks, &chunk, title_end, first_para, table);
            chunk.clear();
        }
        if let Some(h) = h {
            chunk.push(word(toks, i, h));
        }
    }
    // Occurrences inside a recurring longer phrase belong to that phrase.
    let real: Vec<(u64, f32)> = table
        .cands
        .iter()
        .filter(|c| c.words >= 2 && c.count >= 2)
        .flat_map(|c| {
            let words = &c.seq[..usize::from(c.words)];
            let fold = |ws: &[u64]| ws.iter().copied().reduce(phrase_hash).unwrap_or(0);
            [
                (fold(&words[..words.len() - 1]), c.freq),
                (fold(&words[1..]), c.freq),
            ]
        })
        .collect();
    for (sub, f) in real {
        if let Some(c) = table.get_mut(sub) {
            c.nested += f * NESTED_SHARE;
        }
    }
    let mut ranked: Vec<(f32, &Cand)> = table
        .cands
        .iter()
        .map(|c| {
            let len = LENGTH_WEIGHT[usize::from(c.words.min(3))];
            let proper = if c.proper { PROPER_WEIGHT } else { 1.0 };
            // Weighted occurrences to the power 1.25 (two square roots: cheaper than `powf`):
            // a recurring phrase gains more than linearly.
            let f = (c.freq - c.nested).max(0.0);
            let tf = f * f.sqrt().sqrt();
            (tf * len * (c.spec / 4.0) * c.kpn.sqrt() * proper, c)
        })
        .filter(|(s, c)| *s >= FLOOR_SCORE && c.in_body)
        .collect();
    // Only the best few matter: select them before sorting.
    let order =
        |a: &(f32, &Cand), b: &(f32, &Cand)| b.0.total_cmp(&a.0).then(a.1.shown.cmp(&b.1.shown));
    let shortlist = 4 * limit;
    if ranked.len() > shortlist {
        ranked.select_nth_unstable_by(shortlist, order);
        ranked.truncate(shortlist);
    }
    let good_only = limit == MAX_PHRASES;
    ranked.sort_by(order);
    let mut chosen: Vec<&Cand> = Vec::new();
    for (score, c) in ranked {
        if chosen.len() >= limit || (good_only && score < GOOD_SCORE && chosen.len() >= MIN_PHRASES)
        {
            break;
        }
        // Shown to readers, a word must recur to stand alone ("woeful" once is colour).
        if good_only && c.words == 1 && c.count < 2 {
            continue;
        }
        // A recurring phrase takes the place of a word of it chosen before ("Minsk" gives way
        // to "Minsk agreement"); otherwise a phrase that holds or is held by a chosen one is
        // left out.
        if let Some(i) = chosen.iter().position(|d| nests(d, c)) {
            if c.count >= 2 && !chosen.iter().any(|d| nests(c, d)) {
                chosen[i] = c;
                chosen.retain(|d| std::ptr::eq(*d, c) || !nests(d, c));
            }
            continue;
        }
        if chosen.iter().any(|d| nests(c, d)) {
            continue;
        }
        chosen.push(c);
    }
    chosen
        .into_iter()
        .map(|c| show(text, toks, (c.shown.0 as usize, c.shown.1 as usize)))
        .collect()
}

/// Whether `inner`'s words occur in a row inside `outer`'s: "cease-fire" in "Syria cease-fire".
fn nests(inner: &Cand, outer: &Cand) -> bool {
    let (i, o) = (
        &inner.seq[..usize::from(inner.words)],
        &outer.seq[..usize::from(outer.words)],
    );
    i.len() <= o.len() && o.windows(i.len()).any(|w| w == i)
}

/// One word of a run of content words, judged once.
#[derive(Clone, Copy)]
struct Word {
    tok: usize,
    hash: u64,
    /// May open or close a phrase: not a common news word (`names/background.txt`).
    edge: bool,
    /// May stand alone (not short and lower-case, not a bare "Russian").
    alone: bool,
    upper: bool,
    weight: WordWeight,
}

fn word(toks: &[Token], tok: usize, hash: u64) -> Word {
    let t = &toks[tok];
    let background = t.has(flag::BACKGROUND);
    let short = t.shape == Shape::Lower && t.end - t.start < 4;
    Word {
        tok,
        hash,
        edge: !background,
        alone: !short && !t.has(flag::NATIONALITY),
        upper: t.shape == Shape::Upper,
        weight: WEIGHTS.get(&t.hash).copied().unwrap_or(UNLISTED),
    }
}

fn count_chunk(
    toks: &[Token],
    chunk: &[Word],
    title_end: usize,
    first_para: Option<u32>,
    table: &mut Table,
) {
    for a in 0..chunk.len() {
        if !chunk[a].edge {
            continue;
        }
        let first = &toks[chunk[a].tok];
        let place = if first.start < title_end {
            TITLE_WEIGHT
        } else if Some(first.para) == first_para {
            LEAD_WEIGHT
        } else {
            1.0
        };
        let weight = place * (1.0 + EARLY / (1.0 + first.sent as f32 / 5.0));
        let good = !first.sent_start && !first.headline && first.start >= title_end;
        let mut h = 0u64;
        let mut seq = [0u64; 3];
        let mut shouted = 0;
        let mut idf_sum = 0.0;
        let mut kpn_sum = 0.0;
        for n in 1..=3.min(chunk.len() - a) {
            let w = chunk[a + n - 1];
            h = if n == 1 {
                w.hash
            } else {
                phrase_hash(h, w.hash)
            };
            seq[n - 1] = w.hash;
            shouted += usize::from(w.upper);
            idf_sum += w.weight.idf;
            kpn_sum += w.weight.kpn;
            // "ALEXEI DRUZHININ" is a shouted credit line, not a topic.
            if !w.edge || (n == 1 && !w.alone) || shouted >= 2 {
                continue;
            }
            let c = table.entry(h);
            c.words = n as u8;
            c.freq += weight;
            c.count += 1;
            c.seq = seq;
            c.spec = idf_sum / n as f32;
            c.kpn = kpn_sum / n as f32;
            c.proper |= good && first.is_cap();
            c.in_body |= first.start >= title_end;
            if c.count == 1 || (good && !c.shown_good) {
                c.shown = (chunk[a].tok as u32, w.tok as u32 + 1);
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
