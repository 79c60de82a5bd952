//! PolNeAR's gold, read from brat attribution Source spans: which spans name people, and whom
//! a pronoun Source stands for. Scoring is in [`super::extract_polnear`].
//!
//! The gold has no coreference, so which Source spans are *named people* is decided from the
//! text alone, by rules written here (never by our extractor):
//! - a span's people are read off its head: the words before its first comma, parenthesis or
//!   relative word ("Victor Cha, who ..." -> Cha); when the head only describes ("Trump's
//!   running mate, Indiana Gov. Mike Pence,") the apposition after the comma is read; a list
//!   of plain names gives each ("Mr. Grassley and Mr. Leahy", "Bob Corker, R-Tenn., and
//!   Lindsey Graham");
//! - the head must end in a run of capitalised words that is a name: titles and roles are
//!   stripped ("White House Press Secretary Josh Earnest" -> Josh Earnest), party tags dropped
//!   ("(R-Utah)"); two or more words, or one word after a title ("Mr. Trump", "Sen. Kaine"),
//!   or one word the article writes elsewhere as a full name's last word ("Trump" when
//!   "Donald Trump" occurs); a lone possessive span is its owner ("Trump's");
//! - not a name: a run with an organisation, place or common-noun word ("Washington Post",
//!   "North Korea"), a plural people ("Mexicans"), or a run after a determiner, quantifier or
//!   number with no title between ("The Clinton campaign", "Many Mexicans", "the 2014
//!   National Climate Assessment").
//!
//! Its key is the name's last word, lower-cased. A "he"/"she" Source is resolved, within its
//! paragraph and the two before it and by fitting gender, to the nearest earlier Source that
//! names one person, else to the nearest earlier mention of a named person outside quotation
//! marks (a named Source's surname, or one the article writes after a known given name or a
//! title); nothing in reach, no key. Gender comes from "Mr."/"Mrs."/"Ms." before the surname
//! in the article, else from the given names before it (the English male and female lists of
//! `names/given_names.txt`); both or neither is unknown and fits either.
//!
//! Recall: gold keys (named and resolved) that are the last word of one of our speakers.
//! Precision: our speakers whose last word is a word of some Source span of the article
//! (any span: named, described or pronoun) or a resolved pronoun's key.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use super::extract_metrics::fold_name;

use super::extract_polnear_words::{
    DETERMINERS, HEAD_ENDS, MODIFIERS, NOT_PERSON, PRONOUNS, TITLES,
};

/// One brat `Source` annotation: its first fragment's start (a char offset) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub start: usize,
    pub text: String,
}

/// Every `Source` span in a brat `.ann` file.
pub fn sources(ann: &str) -> Vec<Source> {
    ann.lines()
        .filter(|l| l.starts_with('T'))
        .filter_map(|l| {
            let mut cols = l.splitn(3, '\t');
            let (_, kind, text) = (cols.next()?, cols.next()?, cols.next()?);
            let mut kind = kind.split_whitespace();
            if kind.next() != Some("Source") {
                return None;
            }
            let start = kind.next()?.parse().ok()?;
            Some(Source {
                start,
                text: text.to_string(),
            })
        })
        .collect()
}

fn clean(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '.')
        .trim_end_matches(['.', ','])
        .trim_start_matches('.')
}

fn capitalised(w: &str) -> bool {
    clean(w).chars().next().is_some_and(char::is_uppercase)
}

fn possessive(w: &str) -> bool {
    let w = w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'') || w.ends_with('’')
}

/// "R-Utah", "D-N.Y.", "(R-Ohio)", "D": a party and state tag after a lawmaker's name.
fn party_tag(w: &str) -> bool {
    let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';'));
    let mut parts = w.splitn(2, '-');
    let party = parts.next().unwrap_or("");
    matches!(party, "R" | "D" | "I") && parts.next().is_none_or(|s| !s.is_empty())
}

/// Lower-case key of a word: folded, possessive and dots at the ends dropped.
fn key(w: &str) -> String {
    fold_name(w).trim_end_matches('.').to_string()
}

/// The words of the person a name phrase ends with, titles dropped ("Vermont Sen. Bernie
/// Sanders" -> ["Bernie", "Sanders"]); `None` when the phrase does not end in a person's name.
fn trailing_name<'a>(words: &[&'a str]) -> Option<Vec<&'a str>> {
    let last = *words.last()?;
    if !capitalised(last) {
        return None;
    }
    let mut begin = words.len();
    while begin > 0 && capitalised(words[begin - 1]) && !possessive(words[begin - 1]) {
        begin -= 1;
    }
    // A possessive may only be the span's last word ("Trump's", meaning Trump).
    if begin == words.len() {
        return None;
    }
    let run = &words[begin..];
    let is_title = |w: &str| TITLES.contains(&key(w).as_str());
    let is_prefix = |w: &str| is_title(w) || MODIFIERS.contains(&key(w).as_str());
    // Titles and roles inside the run: the name starts after the last one.
    let cut = run.iter().rposition(|w| is_prefix(w));
    let after_title = cut.map_or(0, |i| i + 1);
    // Lower-case words before the run: a title there cues a name ("pollster Pat Caddell"); a
    // determiner or number with none between makes the run a thing ("the 2014 National
    // Climate Assessment", "the event organizer Alliance").
    let mut cued = false;
    let mut determined = false;
    for w in words[..begin].iter().rev() {
        if is_title(w) {
            cued = true;
            break;
        }
        let k = key(w);
        if DETERMINERS.contains(&k.as_str()) || k.chars().all(|c| c.is_ascii_digit()) {
            determined = true;
            break;
        }
        if capitalised(w) || w.ends_with(',') {
            break;
        }
    }
    let titled = cut.is_some_and(|i| is_title(run[i])) || cued;
    let name: Vec<&str> = run[after_title..]
        .iter()
        .copied()
        .filter(|w| !matches!(key(w).as_str(), "jr" | "sr" | "ii" | "iii" | "iv"))
        .collect();
    if name.is_empty() {
        return None;
    }
    let keys: Vec<String> = name.iter().map(|w| key(w)).collect();
    if keys
        .iter()
        .any(|k| NOT_PERSON.contains(&k.as_str()) || k.is_empty())
    {
        return None;
    }
    // "Mexicans", "African-Americans": a people, not a person.
    if keys
        .last()
        .is_some_and(|k| k.ends_with("ians") || k.ends_with("icans"))
    {
        return None;
    }
    // "The Hill", "Many Mexicans": a determiner starting the run makes the name a thing.
    if after_title == 0 && (determined || DETERMINERS.contains(&key(run[0]).as_str())) {
        return None;
    }
    (name.len() >= 2 || titled).then_some(name)
}

/// The people a Source span names, as lower-case surname keys (see the module docs). A bare
/// surname counts when `surnames` (the article's full names) has it.
pub fn named_people(span: &str, surnames: &BTreeSet<String>) -> Vec<String> {
    // Party and state tags go; a comma after one stays: "Merkley (D-Ore.), Sherrod Brown".
    let mut words: Vec<&str> = Vec::new();
    for w in span.split_whitespace() {
        if party_tag(w) {
            if w.ends_with(',') {
                words.push(",");
            }
        } else {
            words.push(w);
        }
    }
    // A list of names: "Mr. Grassley and Mr. Leahy", "Bob Corker, R-Tenn., and Lindsey
    // Graham", "Jeff Merkley, Sherrod Brown and ...". Each piece must be a plain name phrase;
    // the list ends at the first piece that is not ("Tom Clarke, a nursing home owner").
    let mut pieces: Vec<Vec<&str>> = vec![Vec::new()];
    for w in &words {
        if matches!(*w, "and" | "&" | ",") {
            pieces.push(Vec::new());
            continue;
        }
        if let Some(p) = pieces.last_mut() {
            p.push(w.trim_end_matches(','));
        }
        if w.ends_with(',') {
            pieces.push(Vec::new());
        }
    }
    pieces.retain(|p| !p.is_empty());
    let plain = |p: &[&str]| {
        !p.iter()
            .any(|w| w.starts_with('(') || HEAD_ENDS.contains(w))
    };
    let mut out = Vec::new();
    for p in &pieces {
        if !plain(p) {
            break;
        }
        match person_key(p, surnames) {
            Some(k) => out.push(k),
            None => break,
        }
    }
    if out.is_empty() {
        out = head_person(&words, surnames).into_iter().collect();
    }
    out.sort();
    out.dedup();
    out
}

/// The person a phrase's head names: the words before the first comma, parenthesis or
/// relative word, else (for "Trump's running mate, Indiana Gov. Mike Pence") the apposition
/// right after that comma.
fn head_person(words: &[&str], surnames: &BTreeSet<String>) -> Option<String> {
    let mut head: Vec<&str> = Vec::new();
    let mut rest = &words[words.len()..];
    for (i, w) in words.iter().enumerate() {
        if w.starts_with('(') || HEAD_ENDS.contains(w) {
            rest = &words[i..];
            break;
        }
        head.push(w);
        if w.ends_with(',') || w.ends_with(';') || w.ends_with(':') {
            rest = &words[i + 1..];
            break;
        }
    }
    if let Some(k) = person_key(&head, surnames) {
        return Some(k);
    }
    // An apposition: the head is a description and the words after its comma a name.
    let ends_comma = head.last().is_some_and(|w| w.ends_with(','));
    if ends_comma
        && !head
            .iter()
            .any(|w| capitalised(w) && !possessive(w) && head.len() == 1)
    {
        let app: Vec<&str> = rest
            .iter()
            .take_while(|w| !w.starts_with('(') && !HEAD_ENDS.contains(w))
            .copied()
            .collect();
        let cut = app
            .iter()
            .position(|w| w.ends_with(','))
            .map_or(app.len(), |i| i + 1);
        return person_key(&app[..cut], surnames);
    }
    None
}

fn person_key(head: &[&str], surnames: &BTreeSet<String>) -> Option<String> {
    let words: Vec<&str> = head
        .iter()
        .map(|w| w.trim_end_matches([',', ';', ':']))
        .filter(|w| !w.is_empty())
        .collect();
    // A possessive span is its owner only when it is all there is: "Trump's", "Mrs. Clinton's".
    let last = *words.last()?;
    let words: Vec<&str> = if possessive(last) {
        let stem = last
            .trim_end_matches(['s', 'S'])
            .trim_end_matches(['\'', '’']);
        let mut w = words[..words.len() - 1].to_vec();
        w.push(stem);
        w
    } else {
        words
    };
    let name = trailing_name(&words).or_else(|| {
        // A bare surname the article writes in full elsewhere: "Trump", "PENCE".
        let w = *words.last()?;
        let k = key(w);
        let alone = words.len() == 1
            || words.len() >= 2
                && !capitalised(words[words.len() - 2])
                && !DETERMINERS.contains(&key(words[words.len() - 2]).as_str());
        (alone && capitalised(w) && surnames.contains(&k)).then(|| vec![w])
    })?;
    name.last().map(|w| key(w))
}

/// Runs of capitalised words in `text`, split at punctuation that ends a phrase.
fn runs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for w in text.split_whitespace() {
        if w.starts_with('(') {
            out.push(Vec::new());
            continue;
        }
        if capitalised(w) {
            if let Some(run) = out.last_mut() {
                run.push(w);
            }
            if possessive(w) || w.ends_with([',', '.', ';', ':', ')']) && !w.ends_with("r.") {
                out.push(Vec::new());
            }
        } else if out.last().is_some_and(|r| !r.is_empty()) {
            out.push(Vec::new());
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// A capitalised run with its last word's trailing punctuation and possessive dropped
/// ("Trump's," -> "Trump").
fn without_trailing_possessive<'a>(run: &[&'a str]) -> Vec<&'a str> {
    let mut r = run.to_vec();
    if let Some(last) = r.last_mut() {
        *last = last.trim_end_matches(|c: char| !c.is_alphanumeric());
        if possessive(last) {
            *last = last
                .trim_end_matches(['s', 'S'])
                .trim_end_matches(['\'', '’']);
        }
    }
    r
}

/// Surnames the article writes after a given name (or a title): the last word of each
/// capitalised run that reads as a person's full name.
pub fn known_surnames(text: &str) -> BTreeSet<String> {
    runs(text)
        .iter()
        .filter_map(|r| {
            let r = without_trailing_possessive(r);
            trailing_name(&r).and_then(|n| n.last().map(|w| key(w)))
        })
        .collect()
}

/// A person's gender as the article and common given names tell it, if they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// (male, female, any) given names of `names/given_names.txt`.
type GivenNames = (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>);

static GIVEN: LazyLock<GivenNames> = LazyLock::new(|| {
    let list = include_str!("../extract/names/given_names.txt");
    let (mut male, mut female, mut any) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let mut section = "";
    for line in list.lines() {
        if let Some(title) = line.strip_prefix('#') {
            section = title.trim();
            continue;
        }
        any.extend(line.split_whitespace().map(|w| w.to_lowercase()));
        let set = match section {
            "English, male" => &mut male,
            "English, female" => &mut female,
            _ => continue,
        };
        set.extend(line.split_whitespace().map(|w| w.to_lowercase()));
    }
    // The male section ends with a few well-known names of both sexes.
    for w in [
        "hillary",
        "kellyanne",
        "melania",
        "ivanka",
        "huma",
        "kamala",
        "condoleezza",
        "madeleine",
        "chelsea",
        "loretta",
        "sarah",
        "janet",
        "nancy",
        "lindsey",
        "jill",
    ] {
        female.insert(w.to_string());
    }
    male.retain(|w| !female.contains(w) || w == "lindsey");
    female.remove("lindsey");
    (male, female, any)
});

/// Surnames the article surely writes as people's: last words of full names that start with
/// a known given name ("Donald Trump"), or of titled names ("Mr. Kaine").
fn sure_surnames(text: &str) -> BTreeSet<String> {
    let any = &GIVEN.2;
    runs(text)
        .iter()
        .filter_map(|r| {
            let r = without_trailing_possessive(r);
            let name = trailing_name(&r)?;
            let (last, given) = name.split_last()?;
            let given = given.iter().any(|w| any.contains(&key(w)));
            (name.len() == 1 || given).then(|| key(last))
        })
        .collect()
}

/// The gender of the person whose surname is `surname`: "Mr./Mrs./Ms. <surname>" in the
/// article, else the given name written before it.
fn gender(text_words: &[&str], surname: &str) -> Option<Gender> {
    let (male, female, _) = &*GIVEN;
    let (mut men, mut women) = (false, false);
    for pair in text_words.windows(2) {
        if key(pair[1]) != surname {
            continue;
        }
        let before = key(pair[0]);
        match before.as_str() {
            // A title settles it.
            "mr" => return Some(Gender::Male),
            "mrs" | "ms" | "miss" => return Some(Gender::Female),
            b if female.contains(b) => women = true,
            b if male.contains(b) => men = true,
            _ => {}
        }
    }
    // Both ("Bill Clinton", "Hillary Clinton"): unknown.
    match (men, women) {
        (true, false) => Some(Gender::Male),
        (false, true) => Some(Gender::Female),
        _ => None,
    }
}

/// Gold surname keys of one article: named-person Sources, and "he"/"she" Sources resolved,
/// within the pronoun's paragraph and the two before it and by fitting gender, to the nearest
/// earlier Source that names one person, else the nearest earlier mention of a named person
/// outside quotation marks.
pub fn gold_keys(text: &str, spans: &[Source]) -> BTreeSet<String> {
    let surnames = known_surnames(text);
    let mut gold: BTreeSet<String> = BTreeSet::new();
    let mut sure = sure_surnames(text);
    let mut pronouns: Vec<(usize, Gender)> = Vec::new();
    // (start, key) of Sources that name one person.
    let mut named_at: Vec<(usize, String)> = Vec::new();
    for s in spans {
        let t = s.text.trim();
        if PRONOUNS.contains(&t.to_lowercase().as_str()) {
            let g = if t.eq_ignore_ascii_case("he") {
                Gender::Male
            } else {
                Gender::Female
            };
            pronouns.push((s.start, g));
            continue;
        }
        let people = named_people(t, &surnames);
        if let [one] = people.as_slice() {
            named_at.push((s.start, one.clone()));
        }
        gold.extend(people);
    }
    if pronouns.is_empty() {
        return gold;
    }
    sure.extend(gold.iter().cloned());
    let words: Vec<&str> = text.split_whitespace().collect();
    let fits = |k: &str, g: Gender| gender(&words, k).is_none_or(|kg| kg == g);
    // Mentions of named people outside quotations: (char offset, paragraph, key); and the
    // paragraph of every char offset where a paragraph starts.
    let mut mentions: Vec<(usize, usize, String)> = Vec::new();
    let mut para_starts: Vec<usize> = vec![0];
    let (mut para, mut quoted, mut newlines) = (0usize, false, 0);
    let mut word_start: Option<usize> = None;
    let chars: Vec<char> = text.chars().collect();
    let mut flush = |from: usize, to: usize, para: usize, quoted: bool| {
        let w: String = chars[from..to].iter().collect();
        let k = key(&w);
        if !quoted && capitalised(&w) && sure.contains(&k) {
            mentions.push((from, para, k));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() || matches!(c, '"' | '“' | '”') {
            if let Some(from) = word_start.take() {
                flush(from, i, para, quoted);
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
        if c == '\n' {
            newlines += 1;
            if newlines == 2 {
                para += 1;
                para_starts.push(i);
                quoted = false;
            }
        } else if !c.is_whitespace() {
            newlines = 0;
        }
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            '"' => quoted = !quoted,
            _ => {}
        }
    }
    if let Some(from) = word_start {
        flush(from, chars.len(), para, quoted);
    }
    for (at, g) in pronouns {
        let para_of = |c: usize| para_starts.partition_point(|&p| p <= c).saturating_sub(1);
        let here = para_of(at);
        // The subject of an earlier attribution first ("Trump said praise from Vladimir Putin
        // ... He said"), else the nearest mention.
        let source = named_at
            .iter()
            .filter(|(s, k)| *s < at && para_of(*s) + 2 >= here && fits(k, g))
            .max_by_key(|(s, _)| *s)
            .map(|(_, k)| k);
        let mention = || {
            mentions
                .iter()
                .rev()
                .filter(|(s, p, _)| *s < at && p + 2 >= here)
                .find(|(_, _, k)| fits(k, g))
                .map(|(_, _, k)| k)
        };
        if let Some(k) = source.or_else(mention) {
            gold.insert(k.clone());
        }
    }
    gold
}
