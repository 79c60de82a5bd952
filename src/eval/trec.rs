//! TREC files and trec_eval's measures: topics (`id<TAB>query`), qrels (`qid 0 docid grade`),
//! run files, and MAP, P@10, nDCG@10 (`ndcg_cut_10`) and R@100 (`recall_100`) computed as
//! trec_eval 9 computes them.
//!
//! Definitions, per query, with `R` the judged documents of grade ≥ 1:
//! - AP = Σ over relevant documents retrieved at rank r of (relevant in the top r) / r, over |R|;
//! - P@10 = relevant in the top 10, over 10 (even when fewer were retrieved);
//! - nDCG@10 = Σ_{i≤10} grade(d_i) / log2(i + 1), over the same sum for the ideal ordering of
//!   all judged grades;
//! - R@100 = relevant in the top 100, over |R|.
//!
//! A run is ordered as trec_eval orders it (score descending, then docid descending), so the
//! figures printed here equal trec_eval's on the run file written here. Means are taken over
//! every query with at least one relevant judgment; a query with no results counts as 0
//! (trec_eval `-c`). This module does no ranking.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};

/// One query: its id and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: String,
    pub query: String,
}

/// Relevance grades by query id, then docid.
pub type Qrels = BTreeMap<String, HashMap<String, i32>>;

/// One retrieved document.
#[derive(Debug, Clone, PartialEq)]
pub struct Retrieved {
    pub docid: String,
    pub score: f32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Measures {
    pub map: f64,
    pub p_10: f64,
    pub ndcg_10: f64,
    pub recall_100: f64,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn bad(path: &Path, line: usize, reason: &str) -> Error {
    Error::BadFile {
        path: path.to_path_buf(),
        reason: format!("line {line}: {reason}"),
    }
}

/// Parses topics: `id<TAB>query` per line; blank lines and `#` comments are skipped.
pub fn parse_topics(path: &Path, text: &str) -> Result<Vec<Topic>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (id, query) = line
            .split_once('\t')
            .ok_or_else(|| bad(path, i + 1, "expected `id<TAB>query`"))?;
        out.push(Topic {
            id: id.trim().to_string(),
            query: query.trim().to_string(),
        });
    }
    Ok(out)
}

/// Parses TREC qrels: `qid iteration docid grade` per line.
pub fn parse_qrels(path: &Path, text: &str) -> Result<Qrels> {
    let mut out = Qrels::new();
    for (i, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            continue;
        }
        let [qid, _, docid, grade] = cols[..] else {
            return Err(bad(path, i + 1, "expected `qid 0 docid grade`"));
        };
        let grade: i32 = grade.parse().map_err(|_| {
            bad(
                path,
                i + 1,
                &format!("grade {grade:?} is not a whole number"),
            )
        })?;
        out.entry(qid.to_string())
            .or_default()
            .insert(docid.to_string(), grade);
    }
    Ok(out)
}

pub fn load_topics(path: &Path) -> Result<Vec<Topic>> {
    parse_topics(path, &read(path)?)
}

pub fn load_qrels(path: &Path) -> Result<Qrels> {
    parse_qrels(path, &read(path)?)
}

/// Orders a run as trec_eval does: score descending, then docid descending.
pub fn trec_order(run: &mut [Retrieved]) {
    run.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.docid.cmp(&a.docid))
    });
}

/// The measures of one query's run (already in trec order) against its judgments.
pub fn measure(run: &[Retrieved], judged: &HashMap<String, i32>) -> Measures {
    let num_rel = judged.values().filter(|&&g| g > 0).count();
    if num_rel == 0 {
        return Measures::default();
    }
    let grade = |d: &Retrieved| judged.get(&d.docid).copied().unwrap_or(0).max(0);
    let mut found = 0usize;
    let mut ap = 0.0;
    let mut dcg = 0.0;
    let (mut in_10, mut in_100) = (0usize, 0usize);
    for (i, d) in run.iter().enumerate() {
        let g = grade(d);
        if i < 10 {
            dcg += f64::from(g) / ((i + 2) as f64).log2();
        }
        if g > 0 {
            found += 1;
            ap += found as f64 / (i + 1) as f64;
            if i < 10 {
                in_10 += 1;
            }
            if i < 100 {
                in_100 += 1;
            }
        }
    }
    let mut ideal: Vec<i32> = judged.values().copied().filter(|&g| g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, &g)| f64::from(g) / ((i + 2) as f64).log2())
        .sum();
    Measures {
        map: ap / num_rel as f64,
        p_10: in_10 as f64 / 10.0,
        ndcg_10: if idcg > 0.0 { dcg / idcg } else { 0.0 },
        recall_100: in_100 as f64 / num_rel as f64,
    }
}

/// Per-query measures and their mean over the judged queries.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub per_query: Vec<(String, Measures)>,
    pub mean: Measures,
}

/// Evaluates runs keyed by query id against the qrels. Queries with no relevant judgment are
/// left out; judged queries missing from `runs` count as 0.
pub fn evaluate(runs: &HashMap<String, Vec<Retrieved>>, qrels: &Qrels) -> Evaluation {
    let mut per_query = Vec::new();
    let empty = Vec::new();
    for (qid, judged) in qrels {
        if !judged.values().any(|&g| g > 0) {
            continue;
        }
        let run = runs.get(qid).unwrap_or(&empty);
        per_query.push((qid.clone(), measure(run, judged)));
    }
    per_query.sort_by(|a, b| natural(&a.0).cmp(&natural(&b.0)));
    let n = per_query.len().max(1) as f64;
    let sum = |f: fn(&Measures) -> f64| per_query.iter().map(|(_, m)| f(m)).sum::<f64>() / n;
    let mean = Measures {
        map: sum(|m| m.map),
        p_10: sum(|m| m.p_10),
        ndcg_10: sum(|m| m.ndcg_10),
        recall_100: sum(|m| m.recall_100),
    };
    Evaluation { per_query, mean }
}

/// Sort key that puts "2" before "10".
fn natural(id: &str) -> (u64, &str) {
    (id.parse().unwrap_or(u64::MAX), id)
}

/// Writes one query's run in TREC format: `qid Q0 docid rank score tag`.
pub fn write_run(
    out: &mut impl Write,
    qid: &str,
    run: &[Retrieved],
    tag: &str,
) -> std::io::Result<()> {
    for (i, d) in run.iter().enumerate() {
        writeln!(out, "{qid} Q0 {} {} {:.6} {tag}", d.docid, i + 1, d.score)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(ids: &[&str]) -> Vec<Retrieved> {
        ids.iter()
            .enumerate()
            .map(|(i, d)| Retrieved {
                docid: d.to_string(),
                score: 100.0 - i as f32,
            })
            .collect()
    }

    fn judged(list: &[(&str, i32)]) -> HashMap<String, i32> {
        list.iter().map(|(d, g)| (d.to_string(), *g)).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Relevant documents a (grade 2), b and c (grade 1); c is never retrieved.
    /// Run: a x b y. AP = (1/1 + 2/3) / 3 = 5/9. P@10 = 2/10. R@100 = 2/3.
    /// DCG = 2/log2(2) + 1/log2(4) = 2.5; IDCG = 2 + 1/log2(3) + 1/log2(4) = 3.1309297536;
    /// nDCG@10 = 0.7984851.
    #[test]
    fn measures_match_a_hand_computed_example() {
        let m = measure(
            &run(&["a", "x", "b", "y"]),
            &judged(&[("a", 2), ("b", 1), ("c", 1), ("z", 0)]),
        );
        assert!(close(m.map, 5.0 / 9.0), "{m:?}");
        assert!(close(m.p_10, 0.2), "{m:?}");
        assert!(close(m.recall_100, 2.0 / 3.0), "{m:?}");
        let idcg = 2.0 + 1.0 / 3f64.log2() + 0.5;
        assert!(close(m.ndcg_10, 2.5 / idcg), "{m:?}");
        assert!((m.ndcg_10 - 0.798_485_1).abs() < 1e-6);
    }

    #[test]
    fn cutoffs_only_count_the_top() {
        let mut ids: Vec<String> = (0..150).map(|i| format!("n{i}")).collect();
        ids[10] = "r1".into(); // rank 11: outside P@10 and nDCG@10
        ids[120] = "r2".into(); // rank 121: outside R@100, still in AP
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let m = measure(&run(&refs), &judged(&[("r1", 1), ("r2", 1)]));
        assert!(close(m.p_10, 0.0));
        assert!(close(m.ndcg_10, 0.0));
        assert!(close(m.recall_100, 0.5));
        assert!(close(m.map, (1.0 / 11.0 + 2.0 / 121.0) / 2.0));
    }

    #[test]
    fn ties_are_ordered_like_trec_eval() {
        let mut r = vec![
            Retrieved {
                docid: "a".into(),
                score: 1.0,
            },
            Retrieved {
                docid: "c".into(),
                score: 2.0,
            },
            Retrieved {
                docid: "b".into(),
                score: 1.0,
            },
        ];
        trec_order(&mut r);
        let ids: Vec<&str> = r.iter().map(|d| d.docid.as_str()).collect();
        assert_eq!(ids, ["c", "b", "a"]);
    }

    #[test]
    fn mean_counts_missing_runs_as_zero_and_skips_unjudged() {
        let qrels = parse_qrels(Path::new("q"), "1 0 a 1\n2 0 b 1\n3 0 c 0\n").expect("qrels");
        let runs = HashMap::from([("1".to_string(), run(&["a"]))]);
        let e = evaluate(&runs, &qrels);
        assert_eq!(e.per_query.len(), 2);
        assert!(close(e.mean.map, 0.5));
    }

    #[test]
    fn bad_lines_name_the_line() {
        let e = parse_qrels(Path::new("q.trec"), "1 0 a 1\n1 0 b\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        let e = parse_topics(Path::new("t.tsv"), "1\tok\nno tab\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        let t = parse_topics(Path::new("t.tsv"), "# c\n\n7\t  a query \n").expect("topics");
        assert_eq!(
            t,
            vec![Topic {
                id: "7".into(),
                query: "a query".into()
            }]
        );
    }

    #[test]
    fn run_file_lines() {
        let mut out = Vec::new();
        write_run(&mut out, "3", &run(&["a", "b"]), "newsdex").expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert_eq!(
            text,
            "3 Q0 a 1 100.000000 newsdex\n3 Q0 b 2 99.000000 newsdex\n"
        );
    }
}
