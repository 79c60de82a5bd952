//! `newsdex search`: "did you mean" for words no article has, and `--fuzzy`.

mod common;

use common::TestEnv;

fn sample() -> TestEnv {
    let env = TestEnv::new().with_sample();
    env.index(&["news"]);
    env
}

#[test]
fn a_misspelt_name_gets_a_suggestion() {
    let env = sample();
    let r = env.search(&["Obamma"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("did you mean: Obama"), "{}", r.stderr);
    let right = env.search(&["Obama"]);
    assert!(!right.stderr.contains("did you mean"), "{}", right.stderr);
}

#[test]
fn fuzzy_finds_and_highlights_the_word_meant() {
    let env = sample();
    let r = env.search(&["--fuzzy", "Obamma"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits = r.hits();
    assert_eq!(hits.len(), 1, "{}", r.stdout);
    let snippet = &hits[0]["snippet"];
    let text = snippet["text"].as_str().expect("text");
    let marked: Vec<&str> = snippet["highlights"]
        .as_array()
        .expect("highlights")
        .iter()
        .filter_map(|h| Some(&text[h[0].as_u64()? as usize..h[1].as_u64()? as usize]))
        .collect();
    assert!(marked.contains(&"Obama"), "{marked:?}");
}

#[test]
fn no_article_with_every_word_shows_those_with_most() {
    let env = sample();
    let r = env.search(&["Putin", "Hiroshima"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("no article has all of the words"),
        "{}",
        r.stderr
    );
    assert_eq!(r.hits().len(), 3, "{}", r.stdout);
    let any = env.search(&["--any", "Putin", "Hiroshima"]);
    assert!(!any.stderr.contains("no article has all"), "{}", any.stderr);
    assert_eq!(any.hits().len(), 3);
}
