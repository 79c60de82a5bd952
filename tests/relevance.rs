//! `newsdex eval relevance`: a hand-made SMART collection with topics and qrels, scored by the
//! real binary; an existing index scored by `source_id`; the TIME collection when present.

mod common;

use common::TestEnv;
use serde_json::Value;

const SMART: &str = "*TEXT 001 01/04/63 PAGE 001

OIL PRICES ROSE AS OPEC CUT OUTPUT .

*TEXT 002 01/04/63 PAGE 002

THE CENTRAL BANK RAISED INTEREST RATES AGAIN .

*TEXT 003 01/11/63 PAGE 003

OPEC MINISTERS MEET IN VIENNA ON OIL OUTPUT QUOTAS WHILE DELEGATES FROM MANY

OTHER COUNTRIES WATCH THE TALKS AND WAIT FOR A DECISION .

*TEXT 004 01/11/63 PAGE 004

FOOTBALL RESULTS FROM THE WEEKEND .

*STOP
";

/// Topic 1 has two relevant documents, 1 and 4; 4 shares no word with it. Topic 2 has one.
/// Topic 3 has no judgments and is not scored.
const TOPICS: &str = "1\tOPEC OIL OUTPUT .\n2\tINTEREST RATES\n3\tFOOTBALL\n";
const QRELS: &str = "1 0 1 1\n1 0 4 1\n1 0 3 0\n2 0 2 1\n";

fn env() -> TestEnv {
    let env = TestEnv::new();
    env.write("c/TIME.ALL", SMART)
        .write("c/topics.tsv", TOPICS)
        .write("c/qrels.trec", QRELS);
    env
}

fn close(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 1e-6)
}

#[test]
fn smart_collection_scores_match_hand_computed_values() {
    let env = env();
    let r = env.run(&[
        "eval",
        "relevance",
        "--smart",
        "c/TIME.ALL",
        "--topics",
        "c/topics.tsv",
        "--qrels",
        "c/qrels.trec",
        "--json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    // Topic 1: document 1 (shorter than 3) first, 4 never found: AP 1/2, nDCG 1/(1 + 1/log2 3).
    // Topic 2: document 2 first: every measure 1 except P@10 = 0.1.
    let ndcg_1 = 1.0 / (1.0 + 1.0 / 3f64.log2());
    for (system, m) in [("newsdex", &v), ("baseline", &v["baseline"])] {
        assert!(close(&m["map"], 0.75), "{system}: {v}");
        assert!(close(&m["p_10"], 0.1), "{system}: {v}");
        assert!(close(&m["ndcg_10"], (ndcg_1 + 1.0) / 2.0), "{system}: {v}");
        assert!(close(&m["recall_100"], 0.75), "{system}: {v}");
    }
    assert_eq!(v["judged"], 2);
    assert_eq!(v["topics"], 3);
    assert_eq!(v["articles"], 4);
}

#[test]
fn run_file_and_per_query_table() {
    let env = env();
    let r = env.run(&[
        "eval",
        "relevance",
        "--smart",
        "c/TIME.ALL",
        "--topics",
        "c/topics.tsv",
        "--qrels",
        "c/qrels.trec",
        "--run",
        "run.txt",
        "--per-query",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let run = std::fs::read_to_string(env.path("run.txt")).expect("run file");
    let lines: Vec<Vec<&str>> = run.lines().map(|l| l.split(' ').collect()).collect();
    assert_eq!(lines[0][..4], ["1", "Q0", "1", "1"], "{run}");
    assert_eq!(lines[1][..4], ["1", "Q0", "3", "2"], "{run}");
    assert!(
        lines.iter().any(|l| l[..4] == ["2", "Q0", "2", "1"]),
        "{run}"
    );
    assert!(
        lines.iter().all(|l| l.len() == 6 && l[5] == "newsdex"),
        "{run}"
    );
    assert!(r.stdout.contains("newsdex"), "{}", r.stdout);
    assert!(r.stdout.contains("plain BM25"), "{}", r.stdout);
    assert!(
        r.stdout.lines().any(|l| l.starts_with("2 ")),
        "{}",
        r.stdout
    );
}

#[test]
fn an_existing_index_is_scored_by_the_field_named() {
    let env = TestEnv::new();
    env.write(
        "news/wire.jsonl",
        concat!(
            r#"{"id": "w1", "title": "OPEC cuts output", "body": "OPEC oil ministers agreed to cut output."}"#,
            "\n",
            r#"{"id": "w2", "title": "Rates rise", "body": "The central bank raised interest rates."}"#,
            "\n"
        ),
    )
    .write("t.tsv", "a\topec output\nb\tinterest rates\n")
    .write("q.trec", "a 0 w1 1\nb 0 w2 2\n");
    env.index(&["news"]);
    let r = env.run(&[
        "eval",
        "relevance",
        "--topics",
        "t.tsv",
        "--qrels",
        "q.trec",
        "--docid-field",
        "source_id",
        "--json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert!(close(&v["map"], 1.0) && close(&v["ndcg_10"], 1.0), "{v}");
}

#[test]
fn bad_arguments_are_errors_that_say_why() {
    let env = env();
    let base = [
        "eval",
        "relevance",
        "--smart",
        "c/TIME.ALL",
        "--topics",
        "c/topics.tsv",
        "--qrels",
    ];
    let bad_field = env.run(&[&base[..], &["c/qrels.trec", "--docid-field", "title"]].concat());
    assert_eq!(bad_field.code, 2);
    assert!(
        bad_field.stderr.contains("--docid-field"),
        "{}",
        bad_field.stderr
    );
    let bad_rank = env.run(&[&base[..], &["c/qrels.trec", "--rank", "k9=1"]].concat());
    assert_eq!(bad_rank.code, 2);
    assert!(
        bad_rank.stderr.contains("unknown ranking constant"),
        "{}",
        bad_rank.stderr
    );
    env.write("c/bad.trec", "1 0 1\n");
    let bad_qrels = env.run(&[&base[..], &["c/bad.trec"]].concat());
    assert_eq!(bad_qrels.code, 2);
    assert!(bad_qrels.stderr.contains("line 1"), "{}", bad_qrels.stderr);
    assert!(!bad_qrels.stderr.contains("panicked"));
}

#[test]
fn time_collection_beats_plain_bm25() {
    let Some(dir) = common::shared_data("time") else {
        return;
    };
    let env = TestEnv::new();
    let arg = |f: &str| dir.join(f).display().to_string();
    let (all, topics, qrels) = (arg("TIME.ALL"), arg("topics.tsv"), arg("qrels.trec"));
    let r = env.run(&[
        "eval",
        "relevance",
        "--smart",
        &all,
        "--topics",
        &topics,
        "--qrels",
        &qrels,
        "--json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["judged"], 83);
    for key in ["map", "ndcg_10", "p_10"] {
        let ours = v[key].as_f64().expect("number");
        let base = v["baseline"][key].as_f64().expect("number");
        assert!(ours > base, "{key}: {ours} vs plain BM25 {base}");
    }
}
