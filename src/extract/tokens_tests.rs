//! Table-driven tests for the tokenizer and scanner.

use super::*;
use crate::extract::scan::shape_of;

fn words(text: &str) -> Vec<&str> {
    tokenize(text).iter().map(|t| t.text(text)).collect()
}

#[test]
fn splits_words_abbreviations_and_possessives() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        ("   \n\n ", &[]),
        ("Obama's talks", &["Obama", "'s", "talks"]),
        ("Obama’s", &["Obama", "’s"]),
        ("the U.S. president", &["the", "U.S.", "president"]),
        ("Sen. John F. Kennedy", &["Sen.", "John", "F.", "Kennedy"]),
        (
            "a cease-fire in al-Bab",
            &["a", "cease-fire", "in", "al-Bab"],
        ),
        ("Barack Obama.ALEXEI", &["Barack", "Obama", ".", "ALEXEI"]),
        ("G-20 and G20", &["G-20", "and", "G20"]),
        ("AT&T rose 3.5 pct", &["AT&T", "rose", "3.5", "pct"]),
        ("LONDON 1996-08-30", &["LONDON", "1996-08-30"]),
        ("blunt ... businesslike", &["blunt", "...", "businesslike"]),
        ("wait -- now", &["wait", "--", "now"]),
        ("François Hollande", &["François", "Hollande"]),
        ("O'Brien said", &["O'Brien", "said"]),
        ("Москва и Київ", &["Москва", "и", "Київ"]),
        ("北京 2016", &["北京", "2016"]),
        ("end.", &["end", "."]),
        ("'s", &["'", "s"]),
    ];
    for (text, want) in cases {
        assert_eq!(&words(text), want, "{text:?}");
    }
}

#[test]
fn classifies_shapes() {
    let cases = [
        ("Obama", Shape::Title),
        ("OBAMA", Shape::Upper),
        ("J.", Shape::Initial),
        ("U.S.", Shape::Initial),
        ("al-Assad", Shape::Particle),
        ("d'Estaing", Shape::Particle),
        ("cease-fire", Shape::Lower),
        ("G20", Shape::Other),
        ("McDonald", Shape::Title),
        ("Émile", Shape::Title),
        ("", Shape::Other),
    ];
    for (w, s) in cases {
        assert_eq!(shape_of(w), s, "{w}");
    }
}

#[test]
fn tracks_sentences_and_quotes() {
    let text = "\"We are close,\" he said. Then Obama left.\n\nShe said “no” today";
    let toks = tokenize(text);
    let find = |w: &str| toks.iter().find(|t| t.text(text) == w).copied();
    let Some(we) = find("We") else {
        panic!("no We")
    };
    let Some(he) = find("he") else {
        panic!("no he")
    };
    let Some(then) = find("Then") else {
        panic!("no Then")
    };
    let Some(no) = find("no") else {
        panic!("no no")
    };
    let Some(today) = find("today") else {
        panic!("no today")
    };
    assert!(we.in_quote && !he.in_quote && no.in_quote && !today.in_quote);
    assert!(we.sent_start && !he.sent_start && then.sent_start);
    assert_eq!(we.sent, he.sent);
    assert!(then.sent > he.sent);
    assert!(today.para > then.para);
}

#[test]
fn abbreviation_before_capital_stopword_ends_sentence() {
    let text = "He works for Acme Inc. The firm grew.";
    let toks = tokenize(text);
    let the = toks.iter().find(|t| t.text(text) == "The");
    assert!(the.is_some_and(|t| t.sent_start));
}

#[test]
fn headline_lines_are_marked() {
    let text =
        "Obama, Putin Discuss Syria Cease-fire at G-20\n\nObama met Putin in China on Monday.";
    let toks = tokenize(text);
    assert!(toks[0].headline);
    let body: Vec<_> = toks.iter().filter(|t| t.para == 1).collect();
    assert!(body.iter().all(|t| !t.headline));
    let caps = tokenize("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .");
    assert!(caps.iter().all(|t| t.headline));
    let names = tokenize("Peter Blackburn");
    assert!(names.iter().all(|t| !t.headline));
}

#[test]
fn never_panics_on_odd_input() {
    let inputs = [
        "\u{0}\u{1}",
        "é.",
        "É.\u{301}",
        "—",
        "\"",
        "“",
        "'s'",
        "A.",
        "..",
        "-",
        "a-",
        "€5",
        "x\u{301}y",
        "İstanbul",
        "ǅemal",
        "1,",
        "1.",
        "2-",
        "e.é",
        "Ü.S.",
        "\r\n\r\n",
    ];
    for s in inputs {
        let toks = tokenize(s);
        for t in toks {
            assert!(
                s.is_char_boundary(t.start) && s.is_char_boundary(t.end),
                "{s:?}"
            );
        }
    }
}

#[test]
fn party_tags_are_not_names() {
    for (text, tag) in [
        ("Bob Corker, R-Tenn., said", "R-Tenn"),
        ("Chuck Schumer, D-N.Y., said", "D-N.Y."),
        ("Bernie Sanders, I-Vt., said", "I-Vt."),
    ] {
        let toks = tokenize(text);
        let t = toks
            .iter()
            .find(|t| t.text(text).starts_with(&tag[..3]))
            .expect("tag token");
        assert!(t.has(flag::NON_PERSON), "{text}: {:?}", t.text(text));
    }
    // Hyphenated words that are not party tags keep their flags.
    for word in ["Al-Assad", "Jean-Pierre", "Re-Election"] {
        let toks = tokenize(word);
        assert!(!toks[0].has(flag::NON_PERSON), "{word}");
    }
}
