//! People mentioned in an article, each under one canonical full name with the byte spans of
//! every mention: "President Barack Obama ... Obama's ... OBAMA" is one person, "Barack Obama".
//!
//! `person_names` decides which capitalised runs are names; this module merges them: full names
//! first, then one-word mentions (a surname, or an East Asian family name written first) join
//! the nearest earlier full name with that surname, in body text and in headlines alike. A
//! title-cued single word with no full name ("President Obama") becomes a person of its own.

use super::lexicon::{HashMap64, flag, phrase_hash, word_hash};
use super::person_names::{self, Run, Verdict};
use super::tokens::{Shape, Token, tokenize};

/// A person the text mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Canonical full name: "Barack Obama".
    pub name: String,
    /// Byte spans in the text of every mention, surname-only ones included, in text order.
    pub mentions: Vec<(usize, usize)>,
}

/// People mentioned in `text`, in order of first mention.
pub fn extract(text: &str) -> Vec<Person> {
    from_tokens(text, &tokenize(text))
}

#[derive(Debug)]
struct Found {
    name: String,
    mentions: Vec<(usize, usize)>,
}

#[derive(Default)]
struct Index {
    people: Vec<Found>,
    /// (first word, last word) of a full name -> person.
    by_ident: HashMap64<usize>,
    /// Folded hash of each written full-name form -> person.
    by_full: HashMap64<usize>,
    /// Surname (or family name) -> people with it, in order of first mention.
    by_key: HashMap64<Vec<usize>>,
}

pub(crate) fn from_tokens(text: &str, toks: &[Token]) -> Vec<Person> {
    let judged = person_names::classify_all(toks, &person_names::runs(toks));
    let mut ix = Index::default();
    for (_, v) in &judged {
        if let Verdict::Full { start, end } = *v {
            ix.add_full(text, toks, start, end);
        }
    }
    for (run, v) in &judged {
        match *v {
            Verdict::Full { .. } => {}
            Verdict::Cued { at } => {
                if !ix.mention_by_key(toks, at) {
                    ix.add_single(text, toks, at);
                }
            }
            Verdict::Unknown => ix.scan_run(toks, *run),
        }
    }
    let mut out: Vec<Person> = ix
        .people
        .into_iter()
        .map(|mut f| {
            f.mentions.sort_unstable();
            f.mentions.dedup();
            Person {
                name: f.name,
                mentions: f.mentions,
            }
        })
        .collect();
    out.sort_by_key(|p| p.mentions.first().copied().unwrap_or_default());
    out
}

fn span(toks: &[Token], start: usize, end: usize) -> (usize, usize) {
    (toks[start].start, toks[end - 1].end)
}

fn full_hash(toks: &[Token]) -> u64 {
    let first = toks.first().map_or(0, |t| t.hash);
    toks.iter()
        .skip(1)
        .fold(first, |acc, t| phrase_hash(acc, t.hash))
}

/// The hash of "Assad" for "al-Assad", of "Estaing" for "d'Estaing"; None for other words.
fn unprefixed_hash(text: &str, t: &Token) -> Option<u64> {
    if t.shape != Shape::Particle {
        return None;
    }
    let w = t.text(text);
    let mut rest = w.get(w.find(['-', '\'', '’'])?..)?.chars();
    rest.next();
    Some(word_hash(rest.as_str()))
}

impl Index {
    fn add_full(&mut self, text: &str, toks: &[Token], start: usize, end: usize) {
        let words = &toks[start..end];
        let ident = phrase_hash(words[0].hash, words[words.len() - 1].hash);
        let full = full_hash(words);
        let idx = match self
            .by_ident
            .get(&ident)
            .or_else(|| self.by_full.get(&full))
        {
            Some(&i) => i,
            None => {
                let name: Vec<&str> = words.iter().map(|t| t.text(text)).collect();
                self.people.push(Found {
                    name: name.join(" "),
                    mentions: Vec::new(),
                });
                let i = self.people.len() - 1;
                self.by_ident.insert(ident, i);
                for key in surname_keys(text, words) {
                    self.by_key.entry(key).or_default().push(i);
                }
                i
            }
        };
        self.by_full.insert(full, idx);
        self.people[idx].mentions.push(span(toks, start, end));
    }

    fn add_single(&mut self, text: &str, toks: &[Token], at: usize) {
        let t = &toks[at];
        self.people.push(Found {
            name: t.text(text).to_string(),
            mentions: vec![(t.start, t.end)],
        });
        let i = self.people.len() - 1;
        self.by_key.entry(t.hash).or_default().push(i);
        if let Some(h) = unprefixed_hash(text, t) {
            self.by_key.entry(h).or_default().push(i);
        }
    }

    /// Records `toks[at]` as a mention of the person whose surname it is; false if none.
    fn mention_by_key(&mut self, toks: &[Token], at: usize) -> bool {
        let t = &toks[at];
        let Some(list) = self.by_key.get(&t.hash) else {
            return false;
        };
        // The nearest person first mentioned before this word, else the first one.
        let pick = list
            .iter()
            .copied()
            .filter(|&i| self.people[i].mentions.iter().any(|m| m.0 < t.start))
            .max_by_key(|&i| {
                self.people[i]
                    .mentions
                    .iter()
                    .filter(|m| m.0 < t.start)
                    .map(|m| m.0)
                    .max()
            })
            .or_else(|| list.first().copied());
        match pick {
            Some(i) => {
                self.people[i].mentions.push((t.start, t.end));
                true
            }
            None => false,
        }
    }

    /// Finds mentions of known names inside a run that is not a name by itself: a full name
    /// in a headline ("VLADIMIR PUTIN MEETS...") or a surname ("Obama Administration").
    fn scan_run(&mut self, toks: &[Token], run: Run) {
        let mut i = run.start;
        while i < run.end {
            let mut matched = 0;
            for len in (2..=4.min(run.end - i)).rev() {
                if let Some(&p) = self.by_full.get(&full_hash(&toks[i..i + len])) {
                    self.people[p].mentions.push(span(toks, i, i + len));
                    matched = len;
                    break;
                }
            }
            if matched == 0 {
                if surname_candidate(toks, i) {
                    self.mention_by_key(toks, i);
                }
                matched = 1;
            }
            i += matched;
        }
    }
}

/// Whether a lone capitalised word may be a surname mention (not "May" the month, not "Will"
/// opening a question) unless a title stands right before it.
fn surname_candidate(toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    if !matches!(t.shape, Shape::Title | Shape::Upper | Shape::Particle) {
        return false;
    }
    let titled = i > 0 && toks[i - 1].has(flag::TITLE);
    titled || !t.has(flag::MONTH | flag::WEEKDAY | flag::STOPWORD)
}

/// Keys a later one-word mention can use: the last name word ("Obama", also "Assad" for
/// "al-Assad"), or the family name when it comes first ("Xi" in "Xi Jinping").
fn surname_keys(text: &str, words: &[Token]) -> Vec<u64> {
    if words[0].has(flag::FAMILY_FIRST) {
        return vec![words[0].hash];
    }
    let Some(last) = words
        .iter()
        .rev()
        .find(|t| !t.has(flag::SUFFIX) && t.shape != Shape::Initial)
    else {
        return Vec::new();
    };
    let mut keys = vec![last.hash];
    keys.extend(unprefixed_hash(text, last));
    keys
}

#[cfg(test)]
#[path = "people_tests.rs"]
mod tests;
