//! Host cities and years of summits: the table of known summits (`names/summits.txt`) and
//! the test of whether a capitalised word after "in"/"at" can be a host city.

use super::lexicon::{LEXICON, flag, word_hash};
use std::sync::LazyLock;

/// One row of the table of known summits.
pub(super) struct Known {
    pub body: String,
    pub year: i32,
    pub city: String,
}

pub(super) static KNOWN: LazyLock<Vec<Known>> = LazyLock::new(|| {
    include_str!("names/summits.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.splitn(3, ' ');
            let body = parts.next()?.to_string();
            let year = parts.next()?.parse().ok()?;
            let city = parts.next()?.trim().to_string();
            Some(Known { body, year, city })
        })
        .collect()
});

pub(super) fn same_place(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .map(super::lexicon::fold_char)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// The year of the summit of `body` held in `city`; with several, the latest not after `date_year`.
pub(super) fn known_year(body: &str, city: &str, date_year: Option<i32>) -> Option<i32> {
    let years: Vec<i32> = KNOWN
        .iter()
        .filter(|k| k.body == body && same_place(&k.city, city))
        .map(|k| k.year)
        .collect();
    match (years.as_slice(), date_year) {
        ([], _) => None,
        ([y], None) => Some(*y),
        (_, Some(d)) => years.iter().copied().filter(|y| *y <= d).max(),
        (_, None) => None,
    }
}

pub(super) fn known_cop(n: &str) -> Option<&'static Known> {
    let body = format!("COP{n}");
    KNOWN.iter().find(|k| k.body == body)
}

/// A host city candidate, or None for months, weekdays, countries and other non-cities.
pub(super) fn clean_city(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    // A capitalised "The" after "in"/"at" opens the place's name: "in The Hague".
    if words.len() >= 2 && words[0] == "The" && !rejected_word(words[1]) {
        let city = format!("The {}", words[1]);
        return is_place(&city).then_some(city);
    }
    let city: Vec<&str> = words
        .iter()
        .copied()
        .skip_while(|w| rejected_word(w))
        .take_while(|w| !rejected_word(w))
        .collect();
    let city = city.join(" ");
    (!city.is_empty() && is_place(&city)).then_some(city)
}

/// A word that cannot be part of a host city's name.
fn rejected_word(w: &str) -> bool {
    let e = LEXICON.get(word_hash(w));
    e.has(flag::MONTH | flag::WEEKDAY | flag::STOPWORD | flag::NATIONALITY | flag::ORG_WORD)
}

/// Rejects countries and words that are obviously not places; accepts other capitalised words.
fn is_place(city: &str) -> bool {
    let e = LEXICON.get(super::lexicon::text_phrase_hash(city));
    if e.has(flag::CITY) {
        return true;
    }
    !e.has(
        flag::COUNTRY
            | flag::MONTH
            | flag::WEEKDAY
            | flag::NATIONALITY
            | flag::STOPWORD
            | flag::TITLE
            | flag::NON_PERSON,
    ) && city.chars().count() > 2
}
