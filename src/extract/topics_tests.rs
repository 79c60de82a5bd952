//! Table-driven tests for topics and key phrases.

use super::*;

fn phrases(title: &str, body: &str) -> Vec<String> {
    let text = format!("{title}\n\n{body}");
    let toks = tokenize(&text);
    let people = people::from_tokens(&text, &toks);
    key_phrases(&text, &toks, title.len(), &name_mask(&toks, &people))
}

const TALKS: &str = "Leaders Discuss Syria Cease-fire and Cyber Warfare";
const TALKS_BODY: &str = "The two presidents met for talks on a Syria cease-fire on Monday, and the \
    host urged a return to the Minsk agreement.\n\nOfficials said the Syria cease-fire was fragile. \
    Both sides warned that cyber warfare could escalate, and experts said cyber warfare was already \
    common.\n\nThe Minsk agreement remains unfulfilled, and a Syria ceasefire is still out of reach, \
    diplomats said. The Minsk agreement was signed in 2015.";

#[test]
fn prefers_specific_recurring_phrases() {
    let got = phrases(TALKS, TALKS_BODY);
    for want in ["Syria cease-fire", "cyber warfare", "Minsk agreement"] {
        assert!(got.iter().any(|g| g == want), "missing {want:?} in {got:?}");
    }
    assert!(got.len() >= 3 && got.len() <= MAX_PHRASES, "{got:?}");
    // No chosen phrase contains another.
    for a in &got {
        for b in &got {
            assert!(
                a == b || !a.to_lowercase().contains(&b.to_lowercase()),
                "{a:?} contains {b:?}"
            );
        }
    }
}

#[test]
fn never_picks_stopwords_or_common_news_words() {
    let got = phrases(TALKS, TALKS_BODY);
    for bad in ["said", "the", "Monday", "officials", "two"] {
        assert!(
            !got.iter().any(|g| g.eq_ignore_ascii_case(bad)),
            "{bad:?} in {got:?}"
        );
    }
}

#[test]
fn keeps_given_tags_first_and_adds_categories() {
    let given = vec!["World".to_string(), "world".to_string()];
    let body = "Troops fired missiles and artillery as rebels broke the cease-fire. Airstrikes \
                killed fighters and the offensive continued despite the truce. The cease-fire \
                collapsed as troops advanced and missiles hit the city.";
    let got = extract("Cease-fire collapses as missiles fly", body, &given);
    assert_eq!(got[0], "World");
    assert_eq!(
        got.iter()
            .filter(|g| g.eq_ignore_ascii_case("world"))
            .count(),
        1
    );
    assert!(got.contains(&"conflict".to_string()), "{got:?}");
}

#[test]
fn handles_empty_and_odd_input() {
    let cases = [
        ("", ""),
        ("", "   "),
        ("Ünïcödé", "ß ß ß ß"),
        ("a", "the of and"),
        ("—", "“”"),
    ];
    for (t, b) in cases {
        let got = extract(t, b, &[]);
        assert!(got.len() <= MAX_PHRASES + 2, "{got:?}");
    }
}

#[test]
fn leaves_out_people_and_titles() {
    let body = "President Barack Obama met Vladimir Putin. Barack Obama and Vladimir Putin discussed \
                the Syria cease-fire. The Syria cease-fire held as Barack Obama left.";
    let got = phrases("", body);
    assert!(got.iter().any(|g| g == "Syria cease-fire"), "{got:?}");
    assert!(
        !got.iter()
            .any(|g| g.contains("Obama") || g.contains("Putin") || g.contains("President")),
        "{got:?}"
    );
}

#[test]
fn proper_nouns_keep_case() {
    let body = "The Minsk agreement was discussed. Critics say the Minsk agreement failed. \
                Later the Minsk agreement was revived by Germany and France.";
    let got = phrases("", body);
    assert!(got.iter().any(|g| g == "Minsk agreement"), "{got:?}");
}

#[test]
fn plurals_count_with_their_singular() {
    let body = "New tariffs hit steel. The tariff on steel rose. Tariffs anger allies, and a \
                tariff war looms over tariffs.";
    let got = phrases("", body);
    let tariff = got
        .iter()
        .filter(|g| g.to_lowercase().starts_with("tariff"))
        .count();
    assert!((1..=2).contains(&tariff), "{got:?}");
    assert!(
        !(got.iter().any(|g| g == "tariff") && got.iter().any(|g| g == "tariffs")),
        "{got:?}"
    );
}

#[test]
fn word_tables_load_and_rank_common_words_low() {
    let weight = |w: &str| WEIGHTS.get(&word_hash(w)).copied().unwrap_or(UNLISTED);
    assert!(weight("the").idf < 0.2, "{}", weight("the").idf);
    assert!(weight("percent").idf < weight("ceasefire").idf);
    assert!(weight("zzyzx").idf == RARE_IDF && weight("zzyzx").kpn == KPN_PRIOR);
    for w in ["the", "said", "film", "percent"] {
        let kpn = weight(w).kpn;
        assert!(kpn > 0.0 && kpn < 1.0, "{w}: {kpn}");
    }
    assert!(weight("the").kpn < weight("film").kpn);
}

#[test]
fn top_n_asks_for_more_than_the_index_keeps() {
    let ten = key_phrases_top(TALKS, TALKS_BODY, 10);
    let index = phrases(TALKS, TALKS_BODY);
    assert!(
        ten.len() <= 10 && ten.len() >= index.len(),
        "{ten:?} {index:?}"
    );
    assert!(key_phrases_top(TALKS, TALKS_BODY, 2).len() <= 2);
    assert!(key_phrases_top("", "", 10).is_empty());
}
