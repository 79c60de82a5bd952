//! Dev-only checks against data outside the repo: document-level PER F1 on CoNLL-2003 valid
//! (tuning split only; never the test split) and the seed article. Each test skips with a
//! message when its data is absent.
//!
//! `NEWSDEX_EVAL_SPLIT=train` scores train instead; `NEWSDEX_EVAL_DUMP=1` prints the misses
//! and false alarms per document.

use super::people;
use std::collections::BTreeSet;

const CONLL_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/conll2003");

/// One CoNLL document rebuilt as text (a line per sentence) with its gold PER names.
struct Doc {
    text: String,
    gold: BTreeSet<String>,
}

fn parse_conll(data: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut gold = BTreeSet::new();
    let mut line = String::new();
    let mut entity: Option<String> = None;
    let flush_entity = |entity: &mut Option<String>, gold: &mut BTreeSet<String>| {
        if let Some(e) = entity.take() {
            gold.insert(e.to_lowercase());
        }
    };
    for row in data.lines() {
        if row.starts_with("-DOCSTART-") {
            flush_entity(&mut entity, &mut gold);
            if !text.is_empty() || !line.is_empty() {
                text.push_str(&line);
                docs.push(Doc { text: std::mem::take(&mut text), gold: std::mem::take(&mut gold) });
                line.clear();
            }
            continue;
        }
        let cols: Vec<&str> = row.split(' ').collect();
        if cols.len() < 4 {
            flush_entity(&mut entity, &mut gold);
            if !line.is_empty() {
                text.push_str(&line);
                text.push('\n');
                line.clear();
            }
            continue;
        }
        let (word, tag) = (cols[0], cols[3]);
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        match tag {
            "B-PER" => {
                flush_entity(&mut entity, &mut gold);
                entity = Some(word.to_string());
            }
            "I-PER" => {
                if let Some(e) = entity.as_mut() {
                    e.push(' ');
                    e.push_str(word);
                }
            }
            _ => flush_entity(&mut entity, &mut gold),
        }
    }
    flush_entity(&mut entity, &mut gold);
    text.push_str(&line);
    if !text.trim().is_empty() {
        docs.push(Doc { text, gold });
    }
    docs
}

fn predicted(text: &str) -> BTreeSet<String> {
    people::extract(text)
        .iter()
        .flat_map(|p| p.mentions.iter().map(|&(s, e)| text[s..e].to_lowercase()))
        .collect()
}

#[test]
fn conll_document_level_person_f1() {
    let split = std::env::var("NEWSDEX_EVAL_SPLIT").unwrap_or_else(|_| "valid".to_string());
    if split == "test" {
        eprintln!("skipping: the CoNLL test split is for final measurement only");
        return;
    }
    let path = format!("{CONLL_DIR}/{split}.txt");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let dump = std::env::var_os("NEWSDEX_EVAL_DUMP").is_some();
    let docs = parse_conll(&data);
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let started = std::time::Instant::now();
    for (i, doc) in docs.iter().enumerate() {
        let pred = predicted(&doc.text);
        let hit = pred.intersection(&doc.gold).count();
        tp += hit;
        fp += pred.len() - hit;
        fneg += doc.gold.len() - hit;
        if dump {
            let extra: Vec<_> = pred.difference(&doc.gold).collect();
            let missed: Vec<_> = doc.gold.difference(&pred).collect();
            if !extra.is_empty() || !missed.is_empty() {
                eprintln!("doc {i}: FP {extra:?}\n        FN {missed:?}");
            }
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fneg).max(1) as f64;
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    eprintln!(
        "CoNLL-2003 {split}: {} docs, document-level PER P={p:.3} R={r:.3} F1={f1:.3} ({:?})",
        docs.len(),
        started.elapsed()
    );
    assert!(f1 > 0.5, "PER F1 {f1:.3} is below 0.5");
}

#[test]
fn conll_parser_rebuilds_documents() {
    let sample = "-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n\
                  BRUSSELS NNP B-NP B-LOC\n1996-08-22 CD I-NP O\n\n-DOCSTART- -X- -X- O\n\nHi UH O O\n";
    let docs = parse_conll(sample);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].text, "Peter Blackburn\nBRUSSELS 1996-08-22\n");
    assert_eq!(docs[0].gold.iter().collect::<Vec<_>>(), ["peter blackburn"]);
}
