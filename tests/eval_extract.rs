//! `newsdex eval extract`: a tiny `--gold` file scored by the real binary (with `--data`
//! pointing at an empty folder, so no shared gold set runs), bad gold files, and the shared
//! gold sets when present.

mod common;

use common::TestEnv;
use serde_json::Value;

const GOLD: &str = r#"{"text": "BEIRUT, Lebanon (Reuters) - Prime Minister Saad Hariri met President Michel Aoun on Monday. \"We agreed,\" Hariri said.", "dateline": "Beirut, Lebanon", "people": ["Saad Hariri", "Michel Aoun"], "speakers": ["Saad Hariri"]}
{"path": "story.txt", "dateline": "Moscow", "summits": []}
"#;

const STORY: &str = "MOSCOW (Reuters) - The weather was cold.\n";

fn row<'a>(rows: &'a [Value], field: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["field"] == field)
        .unwrap_or_else(|| panic!("no {field} row in {rows:?}"))
}

#[test]
fn gold_file_is_scored_row_by_field() {
    let env = TestEnv::new();
    env.write("g/gold.jsonl", GOLD)
        .write("g/story.txt", STORY)
        .write("empty/.keep", "");
    let r = env.run(&[
        "eval",
        "extract",
        "--data",
        "empty",
        "--gold",
        "g/gold.jsonl",
        "--json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = r.json_lines();
    for r in &rows {
        assert_eq!(r["dataset"], "gold.jsonl");
        for key in ["field", "level", "precision", "recall", "f1", "n"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
    }
    let dl = row(&rows, "dateline");
    assert_eq!(dl["n"], 2);
    assert_eq!(dl["accuracy"], dl["f1"]);
    let people = row(&rows, "people");
    assert_eq!(people["n"], 1);
    assert!(
        people["recall"]
            .as_f64()
            .is_some_and(|x| (0.0..=1.0).contains(&x))
    );
    assert_eq!(row(&rows, "summits")["n"], 1);

    let table = env.run(&[
        "eval",
        "extract",
        "--data",
        "empty",
        "--gold",
        "g/gold.jsonl",
    ]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(table.stdout.starts_with("dataset"), "{}", table.stdout);
    assert!(table.stdout.contains("acc"), "{}", table.stdout);
}

#[test]
fn bad_gold_files_are_errors_naming_the_line() {
    let env = TestEnv::new();
    env.write("bad.jsonl", "{\"text\": \"x\"}\nnot json\n")
        .write("empty/.keep", "");
    let r = env.run(&["eval", "extract", "--data", "empty", "--gold", "bad.jsonl"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("line 2"), "{}", r.stderr);
    let none = env.run(&["eval", "extract", "--data", "empty"]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("no gold data"), "{}", none.stderr);
}

#[test]
fn shared_gold_sets_give_every_row() {
    let Some(data) = common::shared_data("conll2003") else {
        return;
    };
    let env = TestEnv::new();
    let dir = data
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let r = env.run(&["eval", "extract", "--data", &dir, "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = r.json_lines();
    assert!(
        rows.iter()
            .any(|r| r["dataset"] == "conll2003-test" && r["level"] == "mention")
    );
    for r in &rows {
        assert!(r["n"].as_u64().is_some_and(|n| n > 0), "{r}");
    }
}
