//! Desk categories (politics, conflict, diplomacy, economy, ... sport, entertainment) from
//! keyword evidence: each category in `names/categories.txt` lists words and short phrases;
//! an article gets the one or two categories with clear evidence, or none.
//!
//! Each keyword has a weight (default 1; 2 for words that name a desk on their own, 0.5 for
//! words other desks share). Title words count double, one keyword counts at most three
//! times, and a category needs two different keywords, so a single repeated word ("oil" in
//! every line) cannot decide it alone. The winner must clear an absolute and a per-word floor;
//! the runner-up is kept when close. Crime and law gives first place to the desk of whoever is
//! in court when that desk is close behind, and technology gives it to cyber.

use super::lexicon::{Entry, LEXICON, flag, phrase_hash};
use super::tokens::{Kind, Token, tokenize};

/// A category needs at least this much weighted evidence...
const MIN_SCORE: f32 = 3.0;
/// ...and this share of the article's words.
const MIN_DENSITY: f32 = 0.01;
/// The runner-up is kept when it has this share of the winner's evidence.
const SECOND_SHARE: f32 = 0.6;
/// Desks that give up first place to a more specific one with at least `YIELD_SHARE` of their
/// evidence: crime and law to the desk of whoever is in court (a company, a film star, a
/// minister: a fraud trial of executives is a business story), technology to cyber. `None`
/// means any desk.
const YIELDS: &[(&str, Option<&str>)] = &[("crime and law", None), ("technology", Some("cyber"))];
const YIELD_SHARE: f32 = 0.5;

/// Desk categories of an article, best first, read as `enrich` reads it at index time (title,
/// a blank line, then the body).
pub fn extract(title: &str, body: &str) -> Vec<String> {
    if title.is_empty() {
        return from_tokens(&tokenize(body), 0);
    }
    let text = format!("{title}\n\n{body}");
    from_tokens(&tokenize(&text), title.len())
}

/// Every desk category, in the order of `names/categories.txt`.
pub fn names() -> &'static [String] {
    &LEXICON.categories
}

/// Desk categories for the tokens of an article; tokens starting before `title_end` are title.
pub(crate) fn from_tokens(toks: &[Token], title_end: usize) -> Vec<String> {
    let lx = &*LEXICON;
    let n = lx.categories.len().min(16);
    let mut score = [0f32; 16];
    // How many different keywords back each category: one word alone never decides.
    let mut terms = [0u8; 16];
    // Keyword hits per article are few: a short list beats a hash map.
    let mut seen: Vec<(u64, u8)> = Vec::new();
    let mut words = 0usize;
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Kind::Word {
            continue;
        }
        words += 1;
        let weight = if t.start < title_end { 2.0 } else { 1.0 };
        // The word itself and the two- and three-word phrases it starts.
        let mut hits = [
            (t.hash, t.lex),
            (0, Entry::default()),
            (0, Entry::default()),
        ];
        if t.has(flag::PHRASE_START) {
            let mut h = t.hash;
            for (k, next) in toks.iter().skip(i + 1).take(2).enumerate() {
                if next.kind != Kind::Word {
                    break;
                }
                h = phrase_hash(h, next.hash);
                hits[k + 1] = (h, lx.get(h));
            }
        }
        for (h, entry) in hits {
            let cats = entry.cats;
            if cats == 0 {
                continue;
            }
            let count = match seen.iter_mut().find(|(k, _)| *k == h) {
                Some((_, c)) => c,
                None => {
                    seen.push((h, 0));
                    let last = seen.len() - 1;
                    &mut seen[last].1
                }
            };
            *count = count.saturating_add(1);

            if *count > 3 {
                continue;
            }
            let first = *count == 1;
            for (c, s) in score.iter_mut().enumerate().take(n) {
                if cats & (1 << c) != 0 {
                    terms[c] = terms[c].saturating_add(u8::from(first));
                    *s += if entry.has(flag::CAT_WEIGHTED) {
                        weight * lx.category_weight(h, c)
                    } else {
                        weight
                    };
                }
            }
        }
    }
    let floor = MIN_SCORE.max(MIN_DENSITY * words as f32);
    let mut ranked: Vec<(usize, f32)> = score[..n]
        .iter()
        .zip(&terms)
        .map(|(&s, &k)| if k >= 2 { s } else { 0.0 })
        .enumerate()
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    yield_first_place(&mut ranked, floor);
    let mut out = Vec::new();
    if let Some(&(best, top)) = ranked.first()
        && top >= floor
    {
        out.push(lx.categories[best].clone());
        if let Some(&(second, s)) = ranked.get(1)
            && s >= floor
            && s >= SECOND_SHARE * top
        {
            out.push(lx.categories[second].clone());
        }
    }
    out
}

/// Moves a more specific desk ahead of a winner that yields to it (see `YIELDS`).
fn yield_first_place(ranked: &mut [(usize, f32)], floor: f32) {
    let names = &LEXICON.categories;
    let Some(&(best, top)) = ranked.first() else {
        return;
    };
    let Some(&(_, to)) = YIELDS.iter().find(|(from, _)| names[best] == *from) else {
        return;
    };
    let taker = ranked.iter().skip(1).position(|&(c, s)| {
        s >= floor && s >= YIELD_SHARE * top && to.is_none_or(|name| names[c] == name)
    });
    if let Some(i) = taker {
        ranked[..=i + 1].rotate_right(1);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn cats(text: &str) -> Vec<String> {
        from_tokens(&tokenize(text), 0)
    }

    #[test]
    fn picks_categories_with_clear_evidence() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("The weather was nice and the dog slept all afternoon.", &[]),
            (
                "Troops fired missiles and artillery as rebels broke the cease-fire. Airstrikes killed \
                 fighters and the offensive continued despite the truce.",
                &["conflict"],
            ),
            (
                "The striker scored two goals as the team won the match. The coach praised the \
                 players after the league game and the fans cheered the victory.",
                &["sport"],
            ),
            (
                "Hackers used malware and ransomware in a cyberattack. The hack exposed a data \
                 breach, and cybersecurity experts blamed phishing.",
                &["cyber"],
            ),
            (
                "OPEC agreed to cut crude output. Oil prices rose as the barrel price of Brent \
                 gained, and refineries bought more crude from the pipeline.",
                &["energy"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&cats(text), want, "{text:?}");
        }
    }

    #[test]
    fn the_desk_of_whoever_is_in_court_comes_first() {
        // A fraud trial of executives: crime-and-law words, but a business story.
        let text = "Former chief executive goes on trial for fraud. Prosecutors told the jury the \
                    company's chief executive hid losses from shareholders and investors, \
                    inflating profits and revenues before the takeover. The firm's shares \
                    collapsed and its creditors filed for bankruptcy.";
        assert_eq!(cats(text).first().map(String::as_str), Some("business"));
        // A murder trial with no other desk stays crime and law.
        let text = "A man was convicted of murder and sentenced to life in prison. The jury \
                    heard that police arrested him after the shooting; prosecutors said the \
                    victim was killed at home.";
        assert_eq!(
            cats(text).first().map(String::as_str),
            Some("crime and law")
        );
    }

    #[test]
    fn cyber_leads_technology_when_close() {
        let text = "Hackers used ransomware to break into computer networks. The malware \
                    encrypted software on company servers and the internet service went down.";
        let got = cats(text);
        assert_eq!(got.first().map(String::as_str), Some("cyber"), "{got:?}");
    }

    #[test]
    fn weights_tell_shared_words_from_desk_words() {
        // "win", "title", "final" are weak alone (0.5 each); "actress" and "oscar" are strong.
        assert_eq!(
            cats("They hope to win the title in the final."),
            Vec::<String>::new()
        );
        let text =
            "The actress won an Oscar for her film, a comedy the director shot in Hollywood.";
        assert_eq!(
            cats(text).first().map(String::as_str),
            Some("entertainment")
        );
    }

    #[test]
    fn one_repeated_word_is_not_enough() {
        let text = "oil oil oil oil oil oil oil oil oil oil oil oil and nothing else here";
        assert_eq!(cats(text), Vec::<String>::new());
    }

    #[test]
    fn two_categories_when_both_are_strong() {
        let text = "At the summit, diplomats held talks on sanctions and a peace treaty while troops \
                    and tanks massed, missiles were fired and the war went on. Negotiations and \
                    diplomacy failed as airstrikes and shelling killed soldiers.";
        let got = cats(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.contains(&"conflict".to_string()) && got.contains(&"diplomacy".to_string()));
    }
}
