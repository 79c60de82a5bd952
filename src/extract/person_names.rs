//! Finds runs of capitalised words and decides which of them name a person.
//!
//! A run ("U.S. President Barack Obama", "Chancellor Angela Merkel") first loses its leading
//! titles, roles, nationalities and place names, which count as a cue when they are titles.
//! What is left is a full name when it starts with a known given name (or an East Asian family
//! name, or an initial), follows a title or role cue, is the subject or object of a speech verb,
//! or is followed by an age (", 45,"). A lone word counts only with a title cue. Lines in
//! headline case and all-capital runs never produce names here; `people` matches them against
//! names found elsewhere. Nothing here merges names or resolves surnames.

use super::lexicon::{LEXICON, flag, phrase_hash, word_hash};
use super::tokens::{Kind, Shape, Token};

/// A maximal run of name-like tokens: indices `start..end` into the token list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    pub start: usize,
    pub end: usize,
}

/// What a run turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Two or more tokens naming a person: `start..end`.
    Full { start: usize, end: usize },
    /// One word after a title: "President Obama", "Mr. Smith".
    Cued { at: usize },
    /// Not a name by itself; its words may still be mentions of names found elsewhere.
    Unknown,
}

/// A capitalised word, but not "A" or "I" ("A." is an initial and counts).
fn nameish(t: &Token) -> bool {
    t.is_cap() && !(t.shape == Shape::Initial && t.has(flag::STOPWORD))
}

/// All-capital word of two or more letters: these runs are kept apart from title-case ones.
fn caps(t: &Token) -> bool {
    t.shape == Shape::Upper
}

/// Splits the tokens into runs of capitalised words (with name particles inside them).
pub(crate) fn runs(toks: &[Token]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !nameish(&toks[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut style = None;
        let mut j = i;
        while j < toks.len() {
            let t = &toks[j];
            if j > start && (t.sent_start || t.headline != toks[start].headline) {
                break;
            }
            // "Elizabeth I", "Henry VIII", "Pope John Paul II": a regnal number ends the run.
            if j > start && t.has(flag::SUFFIX) && t.is_cap() && toks[j - 1].shape == Shape::Title {
                j += 1;
                break;
            }
            if nameish(t) {
                if t.shape != Shape::Initial {
                    let c = caps(t);
                    if style.is_some_and(|s| s != c) {
                        break;
                    }
                    style = Some(c);
                }
                j += 1;
                continue;
            }
            // "Ursula von der Leyen", "Osama bin Laden": particles between capitals.
            let particle = t.kind == Kind::Word && t.shape == Shape::Lower && t.has(flag::PARTICLE);
            if particle && j > start {
                let mut k = j;
                while k < toks.len()
                    && toks[k].shape == Shape::Lower
                    && toks[k].has(flag::PARTICLE)
                    && k - j < 3
                {
                    k += 1;
                }
                if k < toks.len() && toks[k].shape == Shape::Title && !toks[k].sent_start {
                    j = k;
                    continue;
                }
            }
            break;
        }
        out.push(Run { start, end: j });
        i = j.max(start + 1);
    }
    out
}

fn phrase(toks: &[Token]) -> u64 {
    let mut it = toks.iter().filter(|t| t.kind != Kind::Punct);
    let first = it.next().map_or(0, |t| t.hash);
    it.fold(first, |acc, t| phrase_hash(acc, t.hash))
}

/// Decides what each run is. A run holding two names ("Willie Blair Tony Gwynn") is judged
/// again from where the first name ends, so the result may have more entries than `runs`.
pub(crate) fn classify_all(toks: &[Token], runs: &[Run]) -> Vec<(Run, Verdict)> {
    let mut out = Vec::with_capacity(runs.len());
    for &run in runs {
        let mut run = run;
        loop {
            let v = classify(toks, run);
            out.push((run, v));
            match v {
                Verdict::Full { end, .. } if end < run.end => run.start = end,
                _ => break,
            }
        }
    }
    out
}

/// Decides what a run is.
fn classify(toks: &[Token], run: Run) -> Verdict {
    if toks[run.start..run.end]
        .iter()
        .any(|t| caps(t) && !t.has(flag::SUFFIX))
    {
        return Verdict::Unknown;
    }
    if toks[run.start].headline {
        return headline_name(toks, run);
    }
    let (mut s, mut e) = (run.start, run.end);
    let mut cue = preceding_cue(toks, run.start);
    'strip: while s < e {
        let t = &toks[s];
        let next_is_name =
            s + 1 < e && !toks[s + 1].has(flag::TITLE | flag::MODIFIER | flag::NATIONALITY);
        if t.has(flag::PHRASE_START) {
            for len in (2..=4).rev() {
                if s + len >= e {
                    continue;
                }
                let lex = LEXICON.get(phrase(&toks[s..s + len]));
                if lex.has(
                    flag::NON_PERSON
                        | flag::PLACE
                        | flag::TITLE
                        | flag::MODIFIER
                        | flag::NATIONALITY,
                ) {
                    cue |= lex.has(flag::TITLE);
                    s += len;
                    continue 'strip;
                }
            }
        }
        match strippable(toks, s, e, next_is_name) {
            Some(is_cue) => cue |= is_cue,
            None => break,
        }
        s += 1;
    }
    // Trailing dates ("Barack Obama Monday"), but not a surname after a given name ("Theresa May").
    while e > s
        && (toks[e - 1].shape == Shape::Lower
            || (toks[e - 1].has(flag::MONTH | flag::WEEKDAY) && !month_surname(toks, s, e - 1)))
    {
        e -= 1;
    }
    if s >= e {
        return Verdict::Unknown;
    }
    if e - s == 1 {
        let t = &toks[s];
        let plain = matches!(t.shape, Shape::Title | Shape::Particle)
            && !t.has(flag::NOT_NAME | flag::PLACE | flag::TITLE | flag::MODIFIER);
        return if cue && plain {
            Verdict::Cued { at: s }
        } else {
            Verdict::Unknown
        };
    }
    if is_name(toks, s, e, cue) {
        return Verdict::Full {
            start: s,
            end: split_pair(toks, s, e),
        };
    }
    // "Manchester United Eric Cantona": a given name later in the run starts the name.
    for k in s + 1..e.saturating_sub(1) {
        if toks[k].has(flag::GIVEN)
            && !toks[k].has(flag::PLACE)
            && e - k <= 4
            && is_name(toks, k, e, false)
        {
            return Verdict::Full { start: k, end: e };
        }
    }
    Verdict::Unknown
}

/// In headline case every word is capitalised ("Hillary Clinton Goes After Donald Trump"), so
/// only a given name and the word after it count (with an initial between: "George W. Bush").
fn headline_name(toks: &[Token], run: Run) -> Verdict {
    for k in run.start..run.end.saturating_sub(1) {
        let t = &toks[k];
        let not_given =
            flag::PLACE | flag::STOPWORD | flag::TITLE | flag::MODIFIER | flag::NATIONALITY;
        if !t.has(flag::GIVEN | flag::FAMILY_FIRST) || t.has(not_given) {
            continue;
        }
        let end = if toks[k + 1].shape == Shape::Initial && k + 2 < run.end {
            k + 3
        } else {
            k + 2
        };
        let last = &toks[end - 1];
        let common = flag::NOT_NAME
            | flag::STOPWORD
            | flag::TITLE
            | flag::BACKGROUND
            | flag::ROLE
            | flag::PLACE;
        let surname = last.shape == Shape::Title && !last.has(common) && last.lex.cats == 0;
        if surname && is_name(toks, k, end, false) {
            return Verdict::Full { start: k, end };
        }
    }
    Verdict::Unknown
}

/// Whether the word at `s` of the name part `s..e` is a title, role, nationality, date or
/// function word to strip from the front of a name; `Some(true)` when it is a title cue.
fn strippable(toks: &[Token], s: usize, e: usize, next_is_name: bool) -> Option<bool> {
    let t = &toks[s];
    // A given name that is also a title or a word ("Christian Lindner", "Will Smith")
    // stays, except sentence-initial function words ("Will Obama win?").
    let keep_given = t.has(flag::GIVEN) && next_is_name && !toks[s + 1].has(flag::GIVEN);
    if !keep_given && t.has(flag::TITLE) {
        return Some(true);
    }
    // A capitalised role opening a sentence: "Economist Alonso Cervera said".
    if !keep_given && t.has(flag::ROLE) && s + 1 < e {
        return Some(true);
    }
    let modifier = !keep_given && t.has(flag::MODIFIER | flag::NATIONALITY);
    let filler =
        t.has(flag::MONTH | flag::WEEKDAY | flag::STOPWORD) && (!keep_given || t.sent_start);
    // "Moscow Mayor Yuri Luzhkov": a place before a title.
    let place = t.has(flag::PLACE | flag::NON_PERSON)
        && s + 1 < e
        && toks[s + 1].has(flag::TITLE | flag::MODIFIER | flag::NATIONALITY);
    (modifier || filler || place).then_some(false)
}

/// Whether `start..end` (two or more tokens, titles already stripped) names a person.
fn is_name(toks: &[Token], start: usize, end: usize, cue: bool) -> bool {
    let name = &toks[start..end];
    if name.len() > 5 || name.len() < 2 {
        return false;
    }
    let whole = LEXICON.get(phrase(name));
    if whole.has(flag::NON_PERSON | flag::PLACE | flag::ORG_WORD) {
        return false;
    }
    let first = &name[0];
    // "Park Geun-hye": a family name written first, before a hyphenated given name, even
    // when the family name is also a common word ("Park", "Moon").
    let east_asian = first.has(flag::FAMILY_FIRST)
        && name.len() == 2
        && name[1].hyphenated
        && name[1].shape == Shape::Title;
    if first.has(flag::NON_PERSON | flag::ORG_WORD) && !first.has(flag::GIVEN) && !east_asian {
        return false;
    }
    for (i, t) in name.iter().enumerate().skip(1) {
        let dated = t.has(flag::MONTH | flag::WEEKDAY) && !month_surname(toks, start, start + i);
        if dated
            || t.has(flag::ORG_WORD | flag::NON_PERSON | flag::NATIONALITY)
            || t.shape == Shape::Other
        {
            return false;
        }
    }
    if name
        .last()
        .is_some_and(|t| t.shape == Shape::Initial && !t.has(flag::SUFFIX))
    {
        return false;
    }
    if first.has(flag::GIVEN | flag::FAMILY_FIRST) {
        return true;
    }
    // Other evidence needs a name free of places: not "S. Korea", not "Power New Zealand".
    let placeless = name.iter().all(|t| !t.has(flag::PLACE))
        && name
            .windows(2)
            .all(|w| !LEXICON.get(phrase(w)).has(flag::PLACE | flag::NON_PERSON));
    if !placeless {
        return false;
    }
    let initial =
        first.shape == Shape::Initial && (name[1].shape != Shape::Initial || name.len() > 2);
    // "Vann R. Newkirk": a middle initial between two capitalised words.
    let middle = name.len() >= 3
        && first.shape == Shape::Title
        && name[1].shape == Shape::Initial
        && name[1].end - name[1].start == 2
        && name[2].shape == Shape::Title;
    if middle {
        return true;
    }
    if initial || cue {
        return true;
    }
    // Weak evidence: a speech verb or an age right next to a plain two- or three-word name.
    let plain = name.len() <= 3
        && name
            .iter()
            .all(|t| t.shape == Shape::Title && !t.has(flag::MODIFIER | flag::STOPWORD));
    plain && (speech_next(toks, end) || speech_before(toks, start) || age_next(toks, end))
}

/// "Theresa May", "Fredric March": a month word after a given name can be a surname.
fn month_surname(toks: &[Token], start: usize, at: usize) -> bool {
    const SURNAMES: [&str; 4] = ["may", "march", "june", "august"];
    at > start
        && toks[at - 1].has(flag::GIVEN)
        && SURNAMES.iter().any(|s| word_hash(s) == toks[at].hash)
}

/// "Willie Blair Tony Gwynn" (two names across a line break): split before a second given name.
fn split_pair(toks: &[Token], start: usize, end: usize) -> usize {
    if end - start >= 4 {
        for k in start + 2..=end - 2 {
            if toks[k].has(flag::GIVEN)
                && !toks[k - 1].has(flag::GIVEN)
                && toks[k - 1].shape == Shape::Title
            {
                return k;
            }
        }
    }
    end
}

fn preceding_cue(toks: &[Token], start: usize) -> bool {
    let Some(p) = start.checked_sub(1).map(|i| &toks[i]) else {
        return false;
    };
    if p.kind == Kind::Word && p.shape == Shape::Lower && p.has(flag::ROLE) {
        return true;
    }
    // "Secretary of State John Kerry": the run starts at "State", after "Secretary of".
    let of = p.kind == Kind::Word && start >= 2 && p.hash == word_hash("of");
    of && toks[start - 2].has(flag::TITLE)
}

fn speech_next(toks: &[Token], end: usize) -> bool {
    let mut i = end;
    if toks
        .get(i)
        .is_some_and(|t| t.shape == Shape::Lower && t.has(flag::SKIP))
    {
        i += 1;
    }
    toks.get(i)
        .is_some_and(|t| t.shape == Shape::Lower && t.has(flag::SPEECH))
}

fn speech_before(toks: &[Token], start: usize) -> bool {
    start
        .checked_sub(1)
        .and_then(|i| toks.get(i))
        .is_some_and(|t| t.shape == Shape::Lower && t.has(flag::INVERTS))
}

fn age_next(toks: &[Token], end: usize) -> bool {
    let at = |i: usize| toks.get(i);
    at(end).is_some_and(|t| t.is_punct(','))
        && at(end + 1).is_some_and(|t| t.kind == Kind::Number && t.end - t.start <= 3)
        && at(end + 2).is_some_and(|t| t.is_punct(','))
}

#[cfg(test)]
#[path = "person_names_tests.rs"]
mod tests;
