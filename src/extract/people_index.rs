//! The people found in one text so far, and where each is mentioned: full names by their
//! first and last words and by every written form, surnames (or family names) for the
//! one-word mentions that follow.

use crate::extract::lexicon::{HashMap64, flag, phrase_hash, word_hash};
use crate::extract::person_names::Run;
use crate::extract::tagger;
use crate::extract::tokens::{Shape, Token};

#[derive(Debug)]
pub(super) struct Found {
    pub name: String,
    pub mentions: Vec<(usize, usize)>,
}

#[derive(Default)]
pub(super) struct Index {
    pub people: Vec<Found>,
    /// (first word, last word) of a full name -> person.
    by_ident: HashMap64<usize>,
    /// Folded hash of each written full-name form -> person.
    by_full: HashMap64<usize>,
    /// Surname (or family name) -> people with it, in order of first mention.
    by_key: HashMap64<Vec<usize>>,
}

fn span(toks: &[Token], start: usize, end: usize) -> (usize, usize) {
    (toks[start].start, toks[end - 1].end)
}

pub(super) fn full_hash(toks: &[Token]) -> u64 {
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
    pub(super) fn add_full(&mut self, text: &str, toks: &[Token], start: usize, end: usize) {
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

    pub(super) fn add_single(&mut self, text: &str, toks: &[Token], at: usize) {
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
    /// With `full_only`, only a person known by a full name will do.
    pub(super) fn mention_by_key(&mut self, toks: &[Token], at: usize, full_only: bool) -> bool {
        let t = &toks[at];
        let Some(list) = self.by_key.get(&t.hash) else {
            return false;
        };
        let people = &self.people;
        let list: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&i| !full_only || people[i].name.contains(' '))
            .collect();
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
    pub(super) fn scan_run(&mut self, toks: &[Token], run: Run, tags: &[u8]) {
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
                // Where the tagger calls the word an organisation or place ("Pirelli"), only
                // the surname of a full name ("Putin" after "Vladimir Putin") still counts.
                let named_else = tags.get(i).is_some_and(|&t| tagger::other_name(t));
                if surname_candidate(toks, i) {
                    self.mention_by_key(toks, i, named_else);
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
