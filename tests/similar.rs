//! `newsdex similar` and near-duplicate collapsing, on the real binary.

mod common;

use common::TestEnv;

const COPY_A: &str = "corpus/text/wire-copy-a.txt";
const COPY_B: &str = "corpus/json/wire-feed.json";

/// A test dir holding the sample corpus's two wire copies of one story (plus the other
/// articles of those files and one unrelated file), indexed.
fn wire_copies() -> TestEnv {
    let env = TestEnv::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for rel in [
        COPY_A,
        COPY_B,
        "corpus/text/tokyo-boj-ends-negative-rates.txt",
    ] {
        env.write(
            rel,
            std::fs::read(root.join(rel)).expect("sample corpus file"),
        );
    }
    env.index(&["corpus"]);
    env
}

fn ids(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["id"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn wire_copies_collapse_into_one_hit() {
    let env = wire_copies();
    let r = env.search(&["sudan", "cease", "fire"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits = r.hits();
    assert_eq!(hits.len(), 1, "{:?}", ids(&hits));
    assert_eq!(hits[0]["similar_count"], 1);
    let folded = hits[0]["similar_ids"][0].as_str().unwrap_or("");
    let both = [ids(&hits)[0].clone(), folded.to_string()];
    assert!(both.iter().any(|i| i.starts_with(COPY_A)), "{both:?}");
    assert!(both.iter().any(|i| i.starts_with(COPY_B)), "{both:?}");
    // The folded copy's id (read from the index's columns) is the id it has as a hit.
    let unfolded = ids(&env
        .search(&["sudan", "cease", "fire", "--no-collapse"])
        .hits());
    assert!(
        unfolded.contains(&folded.to_string()),
        "{folded} {unfolded:?}"
    );

    let text = env.run(&["search", "sudan", "cease", "fire"]);
    assert!(text.stdout.contains("+1 similar: "), "{}", text.stdout);
}

#[test]
fn no_collapse_lists_every_copy() {
    let env = wire_copies();
    let hits = env
        .search(&["sudan", "cease", "fire", "--no-collapse"])
        .hits();
    assert_eq!(hits.len(), 2, "{:?}", ids(&hits));
    assert!(hits.iter().all(|h| h["similar_count"] == 0));
}

#[test]
fn collapsing_still_fills_the_page() {
    let env = wire_copies();
    // Two stories match "Monday" (three articles); a limit of 2 shows both stories.
    let hits = env.search(&["monday", "--any", "-n", "2"]).hits();
    assert_eq!(hits.len(), 2, "{:?}", ids(&hits));
    assert_ne!(hits[0]["title"], hits[1]["title"]);
}

#[test]
fn similar_returns_the_other_copy_first() {
    let env = wire_copies();
    let id = format!("{COPY_A}#0");
    let r = env.run(&["similar", &id, "--json", "--no-collapse"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits = r.hits();
    let got = ids(&hits);
    assert!(got[0].starts_with(COPY_B), "{got:?}");
    assert!(
        !got.contains(&id),
        "the article itself is left out: {got:?}"
    );

    let text = env.run(&["similar", &id]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.contains("1. Sudan"), "{}", text.stdout);
}

#[test]
fn similar_unknown_id_exits_1() {
    let env = wire_copies();
    let r = env.run(&["similar", "no/such.txt#0"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no article with id"), "{}", r.stderr);
}

#[test]
fn dups_lists_the_pair() {
    let env = wire_copies();
    let r = env.run(&["dups", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines = r.json_lines();
    let pairs: Vec<_> = lines.iter().filter(|l| l["type"] == "pair").collect();
    assert_eq!(pairs.len(), 1, "{lines:?}");
    let summary = lines.last().expect("summary");
    assert_eq!(summary["pairs"], 1);
}

#[test]
fn many_copies_are_counted_and_the_terminal_names_three() {
    let env = TestEnv::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let story = std::fs::read(root.join("corpus/text/tokyo-boj-ends-negative-rates.txt"))
        .expect("sample corpus file");
    // Five files with the same story: one hit, four copies.
    for i in 0..5 {
        env.write(&format!("wire/copy-{i}.txt"), &story);
    }
    env.index(&["wire"]);
    let hits = env.search(&["negative", "rates"]).hits();
    assert_eq!(hits.len(), 1, "{:?}", ids(&hits));
    assert_eq!(hits[0]["similar_count"], 4);
    let named = hits[0]["similar_ids"].as_array().map_or(0, |a| a.len());
    assert_eq!(named, 4, "JSON names every copy");

    let text = env.run(&["search", "negative", "rates"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    let line = text
        .stdout
        .lines()
        .find(|l| l.contains("similar: "))
        .unwrap_or_default();
    assert!(line.contains("+4 similar: "), "{}", text.stdout);
    assert_eq!(line.matches("wire/copy-").count(), 3, "{line}");
    assert!(line.ends_with(", …"), "{line}");
}
