//! People mentioned in an article, each under one canonical full name with the byte spans of
//! every mention: "President Barack Obama ... Obama's ... OBAMA" is one person, "Barack Obama".
//!
//! Two sources of names are combined. The statistical tagger (`tagger`, trained on CoNLL-2003)
//! marks person spans; the rules (`person_names`) judge runs of capitalised words. A tagger
//! span wins over a rule name it overlaps, unless the lists say it is a place, organisation or
//! other non-person ("Korea", "White House"); a rule name or title-cued word survives where
//! the tagger saw nothing, unless the tagger called a word of it an organisation, place or
//! other name. This module then merges them: full names first, then one-word mentions (a
//! surname, or an East Asian family name written first) join the nearest earlier full name
//! with that surname, in body text and in headlines alike. A one-word name with no full name
//! ("President Obama", "Obama said") becomes a person of its own.

use std::sync::LazyLock;

use super::lexicon::{LEXICON, flag, word_hash};
use super::person_names::{self, Verdict};
use super::tagger;
use super::tokens::{Kind, Shape, Token, tokenize};

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

pub(crate) fn from_tokens(text: &str, toks: &[Token]) -> Vec<Person> {
    let judged = person_names::classify_all(toks, &person_names::runs(toks));
    let tags = tagger::tag(text, toks).unwrap_or_default();
    let tagged = tagger::person_spans(&tags);
    let other = |i: usize| tags.get(i).is_some_and(|&t| tagger::other_name(t));
    let rule_full: Vec<(usize, usize)> = judged
        .iter()
        .filter_map(|(_, v)| match *v {
            Verdict::Full { start, end } => Some((start, end)),
            _ => None,
        })
        // The tagger's "organisation" or "place" vetoes a rule name, unless a given name opens
        // it ("Chancellor of the Exchequer Nigel Lawson") or a title stands right before it
        // ("World Bank President Barber Conable").
        .filter(|&(s, e)| {
            toks[s].has(flag::GIVEN | flag::FAMILY_FIRST)
                || (s > 0 && toks[s - 1].has(flag::TITLE))
                || !(s..e).any(other)
                // "Fisheries official Tavita Leota said": saying something, a name no list
                // knows is a person's, outside a story about a company.
                || (unknown_name_speaking(toks, s, e) && !company_story(text))
        })
        .collect();
    // Which tokens a span covers, as flags: a story naming thousands of people would make
    // span-against-span checks quadratic.
    let cover = |spans: &[(usize, usize)]| {
        let mut flags = vec![false; toks.len()];
        for &(s, e) in spans {
            if let Some(f) = flags.get_mut(s..e) {
                f.fill(true);
            }
        }
        flags
    };
    let in_tagged = cover(&tagged);
    let mut full: Vec<(usize, usize)> = Vec::new();
    // "Liesbeth van Dam said": a run the rules could not judge, saying something.
    let speaking: Vec<(usize, usize)> = judged
        .iter()
        .filter(|(run, v)| {
            *v == Verdict::Unknown
                && unknown_name_speaking(toks, run.start, run.end)
                && !company_story(text)
        })
        .map(|(run, _)| (run.start, run.end))
        .collect();
    let rule_full: Vec<(usize, usize)> = rule_full.into_iter().chain(speaking).collect();
    let mut single: Vec<usize> = Vec::new();
    for &r in &rule_full {
        if !in_tagged.get(r.0..r.1).is_some_and(|f| f.contains(&true)) {
            full.push(r);
        }
    }
    for &t in tagged.iter().filter(|&&t| plausible(toks, t)) {
        let mut t = with_first_name(toks, t);
        // "Justice John Roberts": a title the tagger took in is not part of the name, unless
        // it is a given name before a word that is not one, or a royal or noble style that
        // news keeps with the name ("Prince Charles", "Lord Carrington", "Sultan bin ...").
        while t.1 - t.0 >= 2
            && toks[t.0].has(flag::TITLE)
            && toks[t.0].is_cap()
            && (!toks[t.0].has(flag::GIVEN) || toks[t.0 + 1].has(flag::GIVEN))
            && !STYLES.contains(&toks[t.0].hash)
        {
            t.0 += 1;
        }
        // "Wright Thursday": a weekday is not part of a name.
        let t = (
            t.0,
            (t.0 + 1..t.1)
                .find(|&k| toks[k].has(flag::WEEKDAY))
                .unwrap_or(t.1),
        );
        if t.1 - t.0 >= 2 {
            full.push(t);
        } else {
            single.push(t.0);
        }
    }
    let in_full = cover(&full);
    let mut is_single = vec![false; toks.len()];
    for &i in &single {
        if let Some(f) = is_single.get_mut(i) {
            *f = true;
        }
    }
    let mut add_single = |i: usize, single: &mut Vec<usize>| {
        if !in_full.get(i).copied().unwrap_or(true) && !is_single.get(i).copied().unwrap_or(true) {
            is_single[i] = true;
            single.push(i);
        }
    };
    for (_, v) in &judged {
        if let Verdict::Cued { at } = *v
            && !other(at)
        {
            add_single(at, &mut single);
        }
    }
    for i in 0..toks.len() {
        let figure = toks[i].has(flag::PUBLIC_FIGURE);
        if (!other(i) || toks[i].headline || figure) && lone_speaker(text, toks, i) {
            add_single(i, &mut single);
        }
    }
    full.sort_unstable();
    single.sort_unstable();
    let mut ix = Index::default();
    for &(start, end) in &full {
        ix.add_full(text, toks, start, end);
    }
    for &at in &single {
        if !ix.mention_by_key(toks, at, false) {
            ix.add_single(text, toks, at);
        }
    }
    for (run, v) in &judged {
        if *v == Verdict::Unknown {
            ix.scan_run(toks, *run, &tags);
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
    // "MAGMA" in the headline of a story about "Magma Copper Co": words of a firm's name.
    let firms = if out.is_empty() {
        Vec::new()
    } else {
        firm_names(toks)
    };
    if !firms.is_empty() {
        out.retain(|p| {
            let words: Vec<u64> = p.name.split_whitespace().map(word_hash).collect();
            // A full name with a given name, written in ordinary case, is a person, whose
            // firm may bear it ("trader Ivan Boesky", "Ivan Boesky and Co"); "SARA LEE" in
            // a headline is the firm.
            let given = words.len() >= 2
                && LEXICON.get(words[0]).has(flag::GIVEN)
                && p.mentions.iter().any(|&(s, e)| {
                    text.get(s..e)
                        .is_some_and(|m| m.chars().any(char::is_lowercase))
                        && !firms.iter().any(|f| f.span.0 <= s && e <= f.span.1)
                });
            given
                || !firms
                    .iter()
                    .any(|f| f.words.windows(words.len()).any(|w| w == words))
        });
    }
    // In a story written in ordinary case, a name seen only in capitals ("GETS 30.5 MLN DLR
    // CONTRACT") is a headline word, unless the headline reports the person's words:
    // "LAWSON SEES NO CHANGE", "CURRENCIES BETTER REFLECT FUNDAMENTALS - BAKER".
    if !out.is_empty() && mostly_mixed_case(toks) {
        out.retain(|p| {
            p.mentions.iter().any(|&(s, e)| {
                let Some(m) = text.get(s..e) else {
                    return false;
                };
                m.chars().any(char::is_lowercase) || headline_speaker(text, s, e)
            })
        });
    }
    merge_short_forms(&mut out, text, toks);
    out.sort_by_key(|p| p.mentions.first().copied().unwrap_or_default());
    out
}

/// Folds a short form into the one full name of the story that holds it: "Lula" into "Luiz
/// Inacio Lula da Silva", "Sheinbaum" into "Claudia Sheinbaum Pardo", "Le Pen" into "Marine
/// Le Pen", "Keir" (of "Sir Keir") into "Keir Starmer". The short form's words must be
/// consecutive words of the full name; with two full names holding them ("Kim" beside "Kim
/// Jong Un" and "Kim Yo Jong") it stays apart.
fn merge_short_forms(people: &mut Vec<Person>, text: &str, toks: &[Token]) {
    if people.len() < 2 {
        return;
    }
    // The full name must be written out in the story, not only in a headline (the first
    // line, or any line in headline case), where title case glues words onto names
    // ("Sheldon Adelson Commits", "Elizabeth Warren Hammers Wells", "LAWSON SAYS").
    let first_line = text.find('\n').unwrap_or(0);
    let in_story = |p: &Person| {
        let n = p.name.split_whitespace().count();
        p.mentions.iter().any(|m| {
            m.0 >= first_line
                && toks
                    .binary_search_by_key(&m.0, |t| t.start)
                    .is_ok_and(|k| !toks[k].headline)
                && text
                    .get(m.0..m.1)
                    .is_some_and(|t| t.split_whitespace().count() == n)
        })
    };
    let words: Vec<Vec<u64>> = people
        .iter()
        .map(|p| p.name.split_whitespace().map(word_hash).collect())
        .collect();
    let mut into: Vec<Option<usize>> = vec![None; people.len()];
    for (i, short) in words.iter().enumerate() {
        // Opening a longer name, a short form is a given name ("Keir" of "Keir Starmer"),
        // not a word that other words follow in a title ("Larry King Now", "Patriot Coal").
        let given = short
            .first()
            .is_some_and(|&w| LEXICON.get(w).has(flag::GIVEN));
        let mut holders = (0..people.len()).filter(|&j| {
            words[j].len() > short.len()
                && !short.is_empty()
                && in_story(&people[j])
                && words[j]
                    .windows(short.len())
                    .enumerate()
                    .any(|(k, w)| w == short.as_slice() && (k > 0 || given))
        });
        if let (Some(j), None) = (holders.next(), holders.next()) {
            into[i] = Some(j);
        }
    }
    // A chain ("Lula" -> "Lula da Silva" -> the full name) ends at the longest name.
    let target = |mut i: usize| {
        while let Some(j) = into[i] {
            i = j;
        }
        i
    };
    let mut moved: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
    for (i, p) in people.iter_mut().enumerate() {
        let t = target(i);
        if t != i {
            moved.push((t, std::mem::take(&mut p.mentions)));
        }
    }
    for (t, mentions) in moved {
        people[t].mentions.extend(mentions);
    }
    people.retain(|p| !p.mentions.is_empty());
    for p in people.iter_mut() {
        p.mentions.sort_unstable();
        p.mentions.dedup();
    }
}

/// Whether the capitalised mention `s..e` reports speech in a headline: a verb of headline
/// attribution follows it or ends it ("LAWSON SAYS"), or it signs the line after a dash.
fn headline_speaker(text: &str, s: usize, e: usize) -> bool {
    let verb = |w: Option<&str>| w.is_some_and(|w| HEADLINE_VERB_HASHES.contains(&word_hash(w)));
    let line_rest = text.get(e..).and_then(|r| r.lines().next()).unwrap_or("");
    let line_head = text
        .get(..s)
        .and_then(|h| h.rsplit('\n').next())
        .unwrap_or("");
    verb(line_rest.split_whitespace().next())
        || verb(text.get(s..e).and_then(|m| m.split_whitespace().last()))
        || (line_rest.trim().is_empty() && line_head.trim_end().ends_with(['-', '—', '–']))
}

/// Whether most words are not in capitals: a story written in ordinary case (some wire
/// stories are in capitals throughout, where case tells nothing).
fn mostly_mixed_case(toks: &[Token]) -> bool {
    let (mut mixed, mut upper) = (0usize, 0usize);
    for t in toks.iter().filter(|t| t.kind == Kind::Word) {
        match t.shape {
            Shape::Lower | Shape::Title => mixed += 1,
            Shape::Upper => upper += 1,
            _ => {}
        }
    }
    mixed > upper
}

/// Whether a tagged span may be a person: not a listed place, organisation or other non-person.
fn plausible(toks: &[Token], (s, e): (usize, usize)) -> bool {
    let words = &toks[s..e];
    let whole = LEXICON.get(full_hash(words));
    if whole.has(flag::NON_PERSON | flag::PLACE | flag::ORG_WORD) {
        return false;
    }
    // "Ryan Homes Inc", and "Marwick" in "Peat, Marwick, Mitchell and Co": a company.
    if words.iter().any(|t| CORPORATE.contains(&t.hash))
        || words.len() >= 2 && FIRM_ENDINGS.contains(&words[words.len() - 1].hash)
        || in_firm_name(toks, e, words.len())
    {
        return false;
    }
    if words.len() == 1 {
        let t = &words[0];
        // "Jan 5", "May 12": a month before a day is a date, whatever names it also is.
        if t.has(flag::MONTH) && toks.get(e).is_some_and(|n| n.kind == Kind::Number) {
            return false;
        }
        // "of Ashton, Md.", "in Dover, Delaware.": a town before its state or country.
        if toks.get(e).is_some_and(|n| n.is_punct(','))
            && toks.get(e + 1).is_some_and(|n| n.has(flag::PLACE))
            && toks.get(e + 2).is_none_or(|n| n.kind == Kind::Punct)
        {
            return false;
        }
        return !t.has(flag::PLACE | flag::NON_PERSON | flag::NATIONALITY | flag::TITLE)
            || t.has(flag::GIVEN);
    }
    true
}

/// Royal, noble and religious styles that stay with a name.
static STYLES: LazyLock<Vec<u64>> = LazyLock::new(|| {
    [
        "prince", "princess", "king", "queen", "lord", "lady", "sir", "dame", "pope", "sultan",
        "sheikh", "emir", "crown",
    ]
    .map(word_hash)
    .to_vec()
});

/// "Vann R. Newkirk" where the tagger marked only "R. Newkirk": a span that opens with a
/// middle initial takes the plain capitalised word before it.
fn with_first_name(toks: &[Token], (s, e): (usize, usize)) -> (usize, usize) {
    let t = &toks[s];
    if s == 0 || t.shape != Shape::Initial || t.end - t.start != 2 || t.sent_start {
        return (s, e);
    }
    let before = &toks[s - 1];
    let known = flag::TITLE
        | flag::ROLE
        | flag::NOT_NAME
        | flag::PLACE
        | flag::STOPWORD
        | flag::MODIFIER
        | flag::BACKGROUND;
    if before.kind == Kind::Word && before.shape == Shape::Title && !before.has(known) {
        (s - 1, e)
    } else {
        (s, e)
    }
}

#[path = "people_firms.rs"]
mod firms;
#[path = "people_index.rs"]
mod index;
#[path = "people_speaking.rs"]
mod speaking;
use firms::{CORPORATE, FIRM_ENDINGS, firm_names, in_firm_name};
use index::{Index, full_hash};
use speaking::{HEADLINE_VERB_HASHES, company_story, lone_speaker, unknown_name_speaking};

#[cfg(test)]
#[path = "people_tests.rs"]
mod tests;
