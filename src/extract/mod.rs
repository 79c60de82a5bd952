//! Metadata extraction: pure functions from article text to datelines, people, speakers,
//! summits and topics. Nothing here does I/O, and nothing here knows about the index.
//!
//! [`enrich`] tokenizes title + body once and runs every extractor over the shared tokens;
//! each extractor also has a public `extract` over plain text. The word lists the extractors
//! use live in `names/` and are compiled in.

mod asides;
pub mod categories;
pub mod dateline;
#[cfg(test)]
mod eval_tests;
mod lexicon;
pub mod people;
mod person_names;
mod scan;
pub mod speakers;
mod summit_hosts;
mod summit_names;
pub mod summits;
pub(crate) mod tagger;
#[cfg(test)]
mod timing_tests;
mod tokens;
pub mod topics;

use crate::article::{Article, push_unique};
use lexicon::{LEXICON, flag, word_hash};

/// Fills in the metadata of `article` from its text, keeping whatever the source gave:
/// source people, speakers, summits and topics stay first, extracted values are added after
/// them, and a source's bare surname ("Reagan") gives way to the full name found ("Ronald
/// Reagan"). A dateline is only added when the source gave none.
pub fn enrich(article: &mut Article) {
    let title_end = article.title.len();
    // Title and body are read as one text; without a title the body is used as it is.
    let joined;
    let text: &str = if article.title.is_empty() {
        &article.body
    } else {
        joined = format!("{}\n\n{}", article.title, article.body);
        &joined
    };
    // Sign-offs and links to other stories name people who are not the story's, and
    // neither does the agency credited in the dateline ("ANKARA (Anadolu Agency) -").
    let head = (article.dateline.is_none() || article.source.is_none())
        .then(|| dateline::extract(&article.body))
        .flatten();
    let mut blanked = asides::blank(text);
    if let Some(agency) = head.as_ref().and_then(|d| d.credit.clone()) {
        let body_at = text.len() - article.body.len();
        let window = (body_at + 300).min(text.len());
        if let Some(at) = text.get(body_at..window).and_then(|h| h.find(&agency)) {
            let start = body_at + at;
            blanked
                .to_mut()
                .replace_range(start..start + agency.len(), &" ".repeat(agency.len()));
        }
    }
    let text: &str = &blanked;
    let toks = tokens::tokenize(text);
    let found = people::from_tokens(text, &toks);
    let said = speakers::from_tokens(&toks, &found);
    let held = summits::extract(text, article.date.map(|d| d.year()));
    let topics = topics::from_tokens(text, &toks, title_end, &article.topics, &found);
    // A source-given dateline is kept, but written the way extracted ones are ("HAMBURG,
    // Germany" -> "Hamburg, Germany"), so filters and facets see one spelling.
    let place = match &article.dateline {
        None => head.as_ref().map(|d| d.place.clone()),
        Some(given) => Some(dateline::normalize_place(given)).filter(|p| !p.is_empty()),
    };
    if place.is_some() {
        article.dateline = place;
    }
    // "KYIV (AP) —": the agency credited is the source, when the file named none.
    if article.source.is_none() {
        article.source = head.and_then(|d| d.agency);
    }
    for p in &found {
        push_unique(&mut article.people, &p.name);
    }
    drop_bare_surnames(&mut article.people);
    for s in &said {
        push_unique(&mut article.speakers, s);
    }
    drop_bare_surnames(&mut article.speakers);
    for s in &held {
        push_unique(&mut article.summits, s);
    }
    article.topics = topics;
}

/// Removes one-word names that are the surname (or leading family name) of a fuller name in
/// the same list: ["Reagan", "Ronald Reagan"] -> ["Ronald Reagan"].
fn drop_bare_surnames(names: &mut Vec<String>) {
    let keys: Vec<u64> = names
        .iter()
        .filter_map(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            if words.len() < 2 {
                return None;
            }
            let first = words[0];
            let key = if LEXICON.word(first).has(flag::FAMILY_FIRST) {
                first
            } else {
                words[words.len() - 1]
            };
            Some(word_hash(key))
        })
        .collect();
    names.retain(|n| {
        let mut words = n.split_whitespace();
        match (words.next(), words.next()) {
            (Some(only), None) => !keys.contains(&word_hash(only)),
            _ => true,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str) -> Article {
        Article {
            title: title.into(),
            body: body.into(),
            ..Article::default()
        }
    }

    #[test]
    fn sign_offs_and_links_to_other_stories_name_no_one() {
        let mut a = article(
            "Prisoners swapped",
            "KYIV (Reuters) - Ukraine and Russia exchanged prisoners on Sunday, President \
             Volodymyr Zelenskiy said.\nRead more: Donald Trump says he will end the war\n\n\
             (Reporting by Olena Harmash and Tom Balmforth; Editing by Mark Potter)",
        );
        enrich(&mut a);
        assert_eq!(a.people, ["Volodymyr Zelenskiy"]);
        assert_eq!(a.speakers, ["Volodymyr Zelenskiy"]);
        // The text itself is left as it was.
        assert!(a.body.contains("Editing by Mark Potter"));
    }

    #[test]
    fn enrich_fills_every_field() {
        let mut a = article(
            "Leaders Meet at G-20",
            "HANGZHOU, China (Reuters) - President Barack Obama met Russian President Vladimir \
             Putin at the G-20 summit in Hangzhou on Monday. \"It was useful,\" Obama said.",
        );
        a.date = Some(time::macros::datetime!(2016-09-05 12:00 UTC));
        enrich(&mut a);
        assert_eq!(a.dateline.as_deref(), Some("Hangzhou, China"));
        assert_eq!(a.people, ["Barack Obama", "Vladimir Putin"]);
        assert_eq!(a.speakers, ["Barack Obama"]);
        assert_eq!(a.summits, ["G20 Hangzhou 2016"]);
        assert!(!a.topics.is_empty());
    }

    #[test]
    fn enrich_keeps_source_values_and_drops_bare_surnames() {
        let mut a = article(
            "",
            "Former President Ronald Reagan spoke. Reagan said little.",
        );
        a.people = vec!["Reagan".into(), "Nancy Reagan".into(), "Gorbachev".into()];
        a.topics = vec!["History".into()];
        a.dateline = Some("SANTA BARBARA, California".into());
        enrich(&mut a);
        assert_eq!(a.people, ["Nancy Reagan", "Gorbachev", "Ronald Reagan"]);
        assert_eq!(a.topics[0], "History");
        assert_eq!(a.dateline.as_deref(), Some("Santa Barbara, California"));
        assert_eq!(a.speakers, ["Ronald Reagan"]);
    }

    #[test]
    fn enrich_handles_empty_and_odd_articles() {
        let bodies = [
            "",
            " ",
            "\n\n\n",
            "é",
            "\"",
            "Mr.",
            "—— ——",
            "G20",
            "日本語のテキスト。",
        ];
        for b in bodies {
            let mut a = article(b, b);
            enrich(&mut a);
            assert!(a.people.is_empty(), "{b:?}: {:?}", a.people);
        }
    }

    #[test]
    fn enrich_never_panics_on_random_text() {
        // Pieces chosen to hit the edges: quotes, dashes, accents, initials, CJK, numbers.
        const PIECES: &[&str] = &[
            "Mr.",
            "Obama",
            "said",
            "\"",
            "“",
            "”",
            "''",
            "—",
            "-",
            " - ",
            "(Reuters)",
            "BEIRUT",
            ",",
            ".",
            "\n",
            "\n\n",
            "G-20",
            "summit",
            "in",
            "Hangzhou",
            "é",
            "Ü.S.",
            "J.",
            "'s",
            "al-",
            "Assad",
            "van",
            "der",
            "2016",
            "Feb",
            "26",
            "日本",
            "\u{301}",
            "NATO",
            "met",
            "he",
            "according",
            "to",
            "COP26",
            "Group",
            "of",
            "Seven",
            " ",
            "Ça",
            "ß",
            "I",
            "A.",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..(next() % 60) {
                let seed = next();
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
                if seed % 3 == 0 {
                    text.push(' ');
                }
            }
            let (title, body) = text.split_at(text.char_indices().nth(5).map_or(0, |(i, _)| i));
            let mut a = article(title, body);
            enrich(&mut a);
            let _ = summits::canonical(&text);
            let _ = dateline::normalize_place(&text);
        }
    }

    #[test]
    fn bare_surnames_give_way_to_full_names() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["Reagan", "Ronald Reagan"], &["Ronald Reagan"]),
            (&["Xi", "Xi Jinping"], &["Xi Jinping"]),
            (&["Obama", "Putin"], &["Obama", "Putin"]),
            (
                &["Barack Obama", "Michelle Obama", "Obama"],
                &["Barack Obama", "Michelle Obama"],
            ),
            (&[], &[]),
        ];
        for (input, want) in cases {
            let mut v: Vec<String> = input.iter().map(|s| s.to_string()).collect();
            drop_bare_surnames(&mut v);
            assert_eq!(&v, want);
        }
    }
}
