//! Speakers: the people an article quotes or reports as saying something, by canonical name.
//!
//! Attribution is read off the tokens around speech verbs: the subject before the verb
//! (`Obama said`, `Obama later told reporters`, `Peskov, Putin's spokesman, said`,
//! `Putin, who ..., said`), the subject after it in inverted quotes (`"...," said President
//! Obama`), `according to X`, a transcript label at a line's start (`PENCE: ...`) and a
//! quotation signed with a dash (`"..." ― Karen Bobadilla`). The verbs are those of
//! `lexicon.rs` and `names/speech_verbs.txt`; "called" counts only with a quote or "for"/"on"
//! after it, and a passive subject (`Clinton was criticized`) is never a speaker, though the
//! one after "by" is. A verb joined by "and"/"but", or a participle after a comma, shares the
//! person who opens the sentence. A pronoun subject (`he said`) and "the senator said" are
//! resolved in `speakers_refer.rs`. People who are only mentioned (`Obama said he raised it
//! with Putin`) are not speakers. Who is a person comes from `people`; this module finds no
//! names itself.

use super::lexicon::{flag, word_hash};
use super::people::Person;
use super::tokens::{Kind, Shape, Token, tokenize};
use std::sync::LazyLock;

/// People the text quotes or reports as saying something, canonical names from `people`.
pub fn extract(text: &str, people: &[Person]) -> Vec<String> {
    from_tokens(&tokenize(text), people)
}

struct Words {
    according: u64,
    to: u64,
    who: u64,
    whose: u64,
    as_: u64,
    quoted: u64,
    and: u64,
    but: u64,
    by: u64,
    from: u64,
    with: u64,
    the: u64,
    called: u64,
    she: u64,
    for_: u64,
    of: u64,
    on: u64,
    in_: u64,
    passive: [u64; 6],
}

static WORDS: LazyLock<Words> = LazyLock::new(|| Words {
    according: word_hash("according"),
    to: word_hash("to"),
    who: word_hash("who"),
    whose: word_hash("whose"),
    as_: word_hash("as"),
    quoted: word_hash("quoted"),
    and: word_hash("and"),
    but: word_hash("but"),
    by: word_hash("by"),
    from: word_hash("from"),
    with: word_hash("with"),
    the: word_hash("the"),
    called: word_hash("called"),
    she: word_hash("she"),
    for_: word_hash("for"),
    of: word_hash("of"),
    on: word_hash("on"),
    in_: word_hash("in"),
    passive: ["was", "were", "is", "are", "been", "being"].map(word_hash),
});

/// Speech verbs in "-ing": after "was"/"is" they are progressive ("was saying"), not passive.
static PROGRESSIVE: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let listed = include_str!("names/speech_verbs.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && l.ends_with("ing"));
    ["saying", "telling", "adding", "speaking", "talking"]
        .into_iter()
        .chain(listed)
        .map(word_hash)
        .collect()
});

/// Which person's mention starts / ends at each token.
struct Mentions {
    starts: Vec<Option<usize>>,
    ends: Vec<Option<usize>>,
    /// (last token, person), in token order, for pronoun resolution.
    order: Vec<(usize, usize)>,
    /// Per person: `Some(true)` a woman, `Some(false)` a man, by given name; else unknown.
    female: Vec<Option<bool>>,
}

fn map_mentions(toks: &[Token], people: &[Person]) -> Mentions {
    let mut m = Mentions {
        starts: vec![None; toks.len()],
        ends: vec![None; toks.len()],
        order: Vec::new(),
        female: people.iter().map(|p| gender_of(&p.name)).collect(),
    };
    for (p, person) in people.iter().enumerate() {
        for &(s, e) in &person.mentions {
            let first = toks.partition_point(|t| t.start < s);
            let last = toks.partition_point(|t| t.start < e);
            if first >= toks.len() || last == 0 || toks[first].start != s || last - 1 < first {
                continue;
            }
            m.starts[first] = Some(p);
            m.ends[last - 1] = Some(p);
            m.order.push((last - 1, p));
        }
    }
    m.order.sort_unstable();
    m
}

pub(crate) fn from_tokens(toks: &[Token], people: &[Person]) -> Vec<String> {
    if people.is_empty() {
        return Vec::new();
    }
    let m = map_mentions(toks, people);
    let w = &*WORDS;
    // (token of the verb, person), in text order.
    let mut said: Vec<(usize, usize)> = Vec::new();
    for i in 0..toks.len() {
        let t = &toks[i];
        if let Some(p) = labelled(toks, &m, i).or_else(|| signed(toks, &m, &said, i)) {
            said.push((i, p));
            continue;
        }
        if t.kind != Kind::Word || t.in_quote {
            continue;
        }
        let mut found = Vec::new();
        // "According to X" opens sentences (and leads, after a dateline) as often as it closes
        // them, so its case does not matter; a capitalised speech verb ("Says" in a headline)
        // is not read here.
        if t.hash == w.according && toks.get(i + 1).is_some_and(|n| n.hash == w.to) {
            found.extend(right_subject(toks, &m, &said, i + 2).or_else(|| {
                document_of(toks, i + 2).and_then(|k| right_subject(toks, &m, &said, k))
            }));
        } else if t.shape != Shape::Lower {
            continue;
        } else if t.has(flag::SPEECH) || t.hash == w.called && called_speech(toks, i) {
            found.extend(left_subjects(toks, &m, &said, i));
            // `"…," said Obama`; but in "Han, who …, said he would" the subject is Han.
            if found.is_empty() && t.has(flag::INVERTS) && inverted(toks, i) {
                found.extend(right_subject(toks, &m, &said, i + 1));
            }
        }
        for p in found {
            said.push((i, p));
        }
    }
    let mut out: Vec<String> = Vec::new();
    for (_, p) in said {
        if let Some(person) = people.get(p)
            && !out.contains(&person.name)
        {
            out.push(person.name.clone());
        }
    }
    out
}

/// Words written by the person who is their source: "according to a statement from X".
static DOCUMENTS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    [
        "statement",
        "post",
        "tweet",
        "letter",
        "email",
        "e-mail",
        "message",
        "memo",
        "interview",
        "remarks",
        "speech",
        "testimony",
    ]
    .map(word_hash)
    .to_vec()
});

/// After "according to" at `k`: "a statement from" / "his remarks to" ... where the person
/// named next wrote or spoke the words; the position of that name. Not "a spokesman for X".
fn document_of(toks: &[Token], k: usize) -> Option<usize> {
    let w = &*WORDS;
    let mut j = k;
    while toks
        .get(j)
        .is_some_and(|t| t.kind == Kind::Word && t.shape == Shape::Lower)
        && j < k + 3
        && !DOCUMENTS.contains(&toks[j].hash)
    {
        j += 1;
    }
    let doc = toks.get(j)?;
    let by = toks.get(j + 1)?;
    (DOCUMENTS.contains(&doc.hash) && [w.by, w.from, w.of, w.with].contains(&by.hash))
        .then_some(j + 2)
}

/// "called" reports speech when it calls for or on something, or names a thing in quotes:
/// `Clinton called half of his supporters "deplorables"`, not `Obama called Putin`.
fn called_speech(toks: &[Token], i: usize) -> bool {
    let w = &*WORDS;
    let Some(next) = toks.get(i + 1) else {
        return false;
    };
    if next.hash == w.for_ || next.hash == w.on {
        return true;
    }
    let sent = toks[i].sent;
    toks[i + 1..]
        .iter()
        .take(12)
        .take_while(|t| t.sent == sent)
        .any(|t| t.kind == Kind::Quote)
}

/// A transcript or interview label: a person named at the start of a line, then a colon and
/// at least a short sentence ("PENCE: ...", "Tim Kaine: ...").
fn labelled(toks: &[Token], m: &Mentions, i: usize) -> Option<usize> {
    let t = &toks[i];
    if !t.is_punct(':') || i == 0 {
        return None;
    }
    let p = m.ends[i - 1]?;
    let first = (0..i).rev().find(|&k| m.starts[k] == Some(p))?;
    // What follows on the line is speech, not a heading's rest ("Mike Pence: a profile").
    let said = toks[i + 1..]
        .iter()
        .take_while(|t| !t.line_start)
        .take(6)
        .count();
    (toks[first].line_start && said >= 6).then_some(p)
}

/// A quotation signed with a dash: `"..." ― Karen Bobadilla`, `"...," — Sen. Tim Kaine`.
fn signed(toks: &[Token], m: &Mentions, said: &[(usize, usize)], i: usize) -> Option<usize> {
    let t = &toks[i];
    if !t.is_punct('—') || i == 0 {
        return None;
    }
    let mut k = i - 1;
    if k > 0 && toks[k].kind == Kind::Punct && matches!(toks[k].ch, '.' | ',') {
        k -= 1;
    }
    let closes = toks[k].kind == Kind::Quote && toks[k].ch == '”';
    let prev_closes = k > 0
        && toks[k].kind == Kind::Punct
        && matches!(toks[k].ch, '.' | ',' | '!' | '?')
        && toks[k - 1].kind == Kind::Quote
        && toks[k - 1].ch == '”';
    if !(closes || prev_closes) {
        return None;
    }
    right_subject(toks, m, said, i + 1)
}

fn lower_word(t: &Token, hash: u64) -> bool {
    t.kind == Kind::Word && t.hash == hash
}

/// The subject(s) before the verb at `i`.
fn left_subjects(toks: &[Token], m: &Mentions, said: &[(usize, usize)], i: usize) -> Vec<usize> {
    let w = &*WORDS;
    let mut j = i;
    // "was quoted as saying", "was quoted by the RIA news agency (in a statement) as saying"
    if j >= 2 && lower_word(&toks[j - 1], w.as_) {
        let sent = toks[j - 1].sent;
        let quoted = (j.saturating_sub(10)..j - 1)
            .rev()
            .take_while(|&k| toks[k].sent == sent && toks[k].kind != Kind::Punct)
            .find(|&k| lower_word(&toks[k], w.quoted))
            .filter(|&k| {
                k + 2 == j
                    || toks
                        .get(k + 1)
                        .is_some_and(|t| [w.by, w.on, w.in_].iter().any(|&h| lower_word(t, h)))
            });
        if let Some(k) = quoted {
            j = k;
        }
    }
    let mut skipped = 0;
    let mut passive = false;
    while j > 0 && skipped < 3 && toks[j - 1].shape == Shape::Lower && toks[j - 1].has(flag::SKIP) {
        j -= 1;
        skipped += 1;
        passive |= w.passive.contains(&toks[j].hash);
    }
    // "Clinton was criticized", "Obama is mentioned": the subject is spoken of, not speaking;
    // the speaker is the one it was said by ("Macron was told by Putin").
    if passive && !PROGRESSIVE.contains(&toks[i].hash) {
        let by = toks.get(i + 1).is_some_and(|t| lower_word(t, w.by));
        return by
            .then(|| right_subject(toks, m, said, i + 2))
            .flatten()
            .into_iter()
            .collect();
    }
    // "Trump, her opponent, bemoaned the unrest and said": the verb shares the subject
    // that opens the sentence.
    if j > 0 && (lower_word(&toks[j - 1], w.and) || lower_word(&toks[j - 1], w.but)) {
        return shared_subject(toks, m, said, j - 1).into_iter().collect();
    }
    // "Dickey, the chief executive of Ora Media -- the company that ... -- told me": step
    // over an aside between dashes.
    if j > 0 && toks[j - 1].is_punct('—') {
        let sent = toks[j - 1].sent;
        let open = (j.saturating_sub(40)..j - 1)
            .rev()
            .take_while(|&k| toks[k].sent == sent)
            .find(|&k| toks[k].is_punct('—'));
        if let Some(open) = open {
            return match open.checked_sub(1).and_then(|k| m.ends[k]) {
                Some(p) => vec![p],
                None => appositive(toks, m, open).into_iter().collect(),
            };
        }
    }
    // "Sen. Claire McCaskill (D-Mo.) said": step over a short parenthesis.
    if j > 0 && toks[j - 1].is_punct(')') {
        let open = (j.saturating_sub(8)..j - 1)
            .rev()
            .find(|&k| toks[k].is_punct('('));
        if let Some(open) = open {
            j = open;
        }
    }
    let Some(j) = j.checked_sub(1) else {
        return Vec::new();
    };
    let subj = &toks[j];
    if let Some(p) = m.ends[j].filter(|_| !subj.in_quote) {
        // "The lawsuit filed by Jane Doe said": the agent of a clause, not the subject; "A
        // spokesperson for Prime Minister Shigeru Ishiba said", "an aide to Biden said": the
        // one spoken for ("of" is not: "Secretary of State John Kerry said").
        let before = (0..=j)
            .rev()
            .find(|&k| m.starts[k] == Some(p))
            .and_then(|mut k| {
                // Past "Prime Minister", "Kremlin spokesman", "U.S. Secretary of State".
                while k > 0
                    && toks[k - 1]
                        .has(flag::TITLE | flag::MODIFIER | flag::ROLE | flag::NATIONALITY)
                {
                    k -= 1;
                }
                k.checked_sub(1)
            })
            .map(|k| &toks[k]);
        if before.is_some_and(|t| [w.by, w.for_, w.to].iter().any(|&h| lower_word(t, h))) {
            return Vec::new();
        }
        let mut out = vec![p];
        // "Kerry and Lavrov said": both.
        if let Some(mut first) = (0..=j).rev().find(|&k| m.starts[k] == Some(p))
            && {
                // "Mr. Grassley and Mr. Leahy said": past the second one's title.
                while first > 0 && toks[first - 1].has(flag::TITLE) && toks[first - 1].is_cap() {
                    first -= 1;
                }
                first >= 2
            }
            && lower_word(&toks[first - 1], w.and)
            && let Some(q) = m.ends[first - 2]
        {
            out.push(q);
            // "Biden, Harris and Schumer said": the rest of the list, back over commas.
            let mut k = first - 2;
            while let Some(p) = m.ends[k]
                && let Some(mut start) = (0..=k).rev().find(|&s| m.starts[s] == Some(p))
                && {
                    while start > 0 && toks[start - 1].has(flag::TITLE) && toks[start - 1].is_cap()
                    {
                        start -= 1;
                    }
                    start >= 2
                }
                && toks[start - 1].is_punct(',')
                && let Some(r) = m.ends[start - 2]
                && out.len() < 8
            {
                out.push(r);
                k = start - 2;
            }
        }
        return out;
    }
    if subj.has(flag::PRONOUN) && subj.shape == Shape::Lower {
        return resolve(toks, m, said, j).into_iter().collect();
    }
    // "the senator said": the last person given that title; not "an aide to the senator said".
    if j > 0
        && toks[j - 1].hash == w.the
        && (toks[j - 1].sent_start
            || j < 2
            || toks[j - 2].kind != Kind::Word
            || [w.and, w.but].contains(&toks[j - 2].hash))
    {
        return nominal(toks, m, j).into_iter().collect();
    }
    // "Putin, who ..., said" / "Peskov, Putin's spokesman, said"
    if lower_word(subj, w.who) && j >= 2 && toks[j - 1].is_punct(',') {
        return m.ends[j - 2].into_iter().collect();
    }
    if subj.is_punct(',') {
        // "Smith spoke on Monday, saying ...": a participle shares the sentence's subject.
        let participle = PROGRESSIVE.contains(&toks[i].hash);
        return appositive(toks, m, j)
            .or_else(|| {
                participle
                    .then(|| shared_subject(toks, m, said, j))
                    .flatten()
            })
            .into_iter()
            .collect();
    }
    Vec::new()
}

/// The subject of a verb joined by "and"/"but" at `and`: the person (or pronoun) that opens
/// the sentence, past titles and roles, unless it only owns the subject ("Obama's aide").
fn shared_subject(
    toks: &[Token],
    m: &Mentions,
    said: &[(usize, usize)],
    and: usize,
) -> Option<usize> {
    let sent = toks[and].sent;
    let start = (and.saturating_sub(60)..and)
        .rev()
        .take_while(|&k| toks[k].sent == sent)
        .last()?;
    if !toks[start].sent_start || toks[start].in_quote {
        return None;
    }
    if toks[start].has(flag::PRONOUN) {
        return resolve(toks, m, said, start);
    }
    let p = right_subject(toks, m, said, start)?;
    let end = (start..and).find(|&k| m.ends[k] == Some(p))?;
    let owned = toks
        .get(end + 1)
        .is_some_and(|t| t.kind == Kind::Possessive);
    (!owned).then_some(p)
}

/// "X, <apposition or clause>, said": the person right before the first comma.
fn appositive(toks: &[Token], m: &Mentions, comma: usize) -> Option<usize> {
    let sent = toks[comma].sent;
    let low = comma.saturating_sub(30);
    for k in (low..comma).rev() {
        let t = &toks[k];
        if t.sent != sent
            || t.kind == Kind::Quote
            || t.in_quote
            || (t.has(flag::SPEECH) && t.shape == Shape::Lower)
        {
            return None;
        }
        // "Peskov, ..." or "Jordan (R-Ohio), ..."; a person named inside the apposition
        // ("Culpepper, who runs Clinton's effort, said") is passed over.
        if let Some(p) = m.ends[k]
            && toks
                .get(k + 1)
                .is_some_and(|n| n.is_punct(',') || n.is_punct('('))
        {
            // A name closing a relative clause is the clause's ("Han, who took over after
            // lawmakers voted to impeach Yoon, said"): the speaker opens it. A name closing
            // an apposition is the speaker ("The president, Barack Obama, said").
            if k + 1 == comma
                && let Some(q) = (low.max(2)..k).rev().find_map(|r| {
                    let opens = toks[r].sent == sent
                        && toks[r - 1].is_punct(',')
                        && [WORDS.who, WORDS.whose]
                            .iter()
                            .any(|&h| lower_word(&toks[r], h));
                    opens.then(|| m.ends[r - 2]).flatten()
                })
            {
                return Some(q);
            }
            return Some(p);
        }
    }
    None
}

/// `"...," said Obama` or `..., said Obama`: a verb right after a comma or closing quote.
fn inverted(toks: &[Token], i: usize) -> bool {
    i > 0
        && (toks[i - 1].is_punct(',') || (toks[i - 1].kind == Kind::Quote && toks[i - 1].ch == '”'))
}

/// The person named right after position `k`, past titles and roles: "President Obama",
/// "Kremlin spokesman Dmitry Peskov", "Russia's Foreign Minister Sergei Lavrov".
fn right_subject(toks: &[Token], m: &Mentions, said: &[(usize, usize)], k: usize) -> Option<usize> {
    let w = &*WORDS;
    for j in k..(k + 7).min(toks.len()) {
        let t = &toks[j];
        if let Some(p) = m.starts[j] {
            return Some(p);
        }
        if j == k && t.has(flag::PRONOUN) && t.shape == Shape::Lower {
            return resolve(toks, m, said, j);
        }
        // `"...," said the senator.`
        if j == k
            && t.hash == w.the
            && toks.get(j + 2).is_none_or(|n| n.kind != Kind::Word)
            && let Some(p) = toks.get(j + 1).and_then(|_| nominal(toks, m, j + 1))
        {
            return Some(p);
        }
        let role = |t: &Token| {
            t.shape == Shape::Lower
                && t.has(flag::ROLE | flag::TITLE | flag::MODIFIER | flag::NATIONALITY)
        };
        // `said Kenya's foreign minister, Musalia Mudavadi`: a comma after the role.
        let passable = t.is_cap()
            || t.kind == Kind::Possessive
            || lower_word(t, w.the)
            || role(t)
            || (t.is_punct(',') && j > k && role(&toks[j - 1]));
        if !passable {
            return None;
        }
    }
    None
}

#[path = "speakers_refer.rs"]
mod refer;
use refer::{gender_of, nominal, resolve};

#[cfg(test)]
#[path = "speakers_tests.rs"]
mod tests;
