//! An ignored test that times the bench query list in-process against an index built
//! earlier (`newsdex bench` always builds its own), and writes every query's results for
//! diffing one version's output against another's. For work on search speed:
//!
//! ```text
//! NEWSDEX_PROBE_INDEX=/path/to/newsdex-x20 [NEWSDEX_PROBE_BASELINE=/path/to/baseline-x20] \
//! [NEWSDEX_PROBE_ROUNDS=5] [NEWSDEX_PROBE_DUMP=/tmp/results.jsonl] \
//!   cargo test --release --lib bench::probe -- --ignored --nocapture
//! ```
//!
//! `NEWSDEX_PROBE_RANK=fb_docs=0` ranks with some constants replaced (`--rank`).
//! `NEWSDEX_PROBE_ONLY=text` keeps the queries whose line contains `text` (`--facets`).
//! With `NEWSDEX_PROBE_ROUNDS=0` it runs the list `NEWSDEX_PROBE_PASSES` times (default 1),
//! untimed (for callgrind: two passes less one is the cost of a pass in a process that has
//! searched before).

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::baseline::Baseline;
use super::queries::{BenchQuery, DEFAULT_QUERIES, parse_list};
use super::stats::{Latency, ratio};
use crate::search::{NewsIndex, SearchResults};

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).map(PathBuf::from)
}

/// One query's results as a JSON line: counts, facets, and each hit's id, score (bits, so
/// that any change shows), snippet and highlights.
fn dump_line(q: &BenchQuery, r: &SearchResults) -> String {
    let hits: Vec<serde_json::Value> = r
        .hits
        .iter()
        .map(|h| {
            serde_json::json!({
                "rank": h.rank,
                "id": h.article.id,
                "score": h.score,
                "bits": h.score.to_bits(),
                "snippet": h.snippet.text,
                "highlights": h.snippet.highlights,
                "title_highlights": h.title_highlights,
                "similar": h.similar,
            })
        })
        .collect();
    serde_json::json!({
        "query": q.label(),
        "total_hits": r.total_hits,
        "relaxed": r.relaxed,
        "facets": r.facets,
        "hits": hits,
    })
    .to_string()
}

fn p50(samples: &[Duration]) -> f64 {
    Latency::of(samples).p50_ms
}

#[test]
#[ignore = "needs an index: NEWSDEX_PROBE_INDEX"]
fn probe_queries() {
    let Some(dir) = env_path("NEWSDEX_PROBE_INDEX") else {
        eprintln!("NEWSDEX_PROBE_INDEX not set: nothing to do");
        return;
    };
    let rounds: usize = std::env::var("NEWSDEX_PROBE_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let mut queries = parse_list(DEFAULT_QUERIES).expect("query list");
    if let Ok(only) = std::env::var("NEWSDEX_PROBE_ONLY") {
        queries.retain(|q| q.label().contains(&only));
    }
    let mut news = NewsIndex::open(&dir).expect("index");
    if let Ok(spec) = std::env::var("NEWSDEX_PROBE_RANK") {
        let params = crate::search::rank::Params::default().with(&spec);
        news.set_rank_params(params.expect("NEWSDEX_PROBE_RANK"));
    }
    let baseline = env_path("NEWSDEX_PROBE_BASELINE").map(|d| Baseline::open(&d).expect("base"));
    if let Some(out) = env_path("NEWSDEX_PROBE_DUMP") {
        let mut f = std::fs::File::create(out).expect("dump file");
        for q in &queries {
            let r = news.search(&q.request()).expect("search");
            writeln!(f, "{}", dump_line(q, &r)).expect("write");
        }
    }
    if rounds == 0 {
        let passes: usize = std::env::var("NEWSDEX_PROBE_PASSES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        for _ in 0..passes {
            for q in &queries {
                news.search(&q.request()).expect("search");
            }
        }
        return;
    }
    let time = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        t.elapsed()
    };
    let n = queries.len();
    let mut ours = vec![Vec::new(); n];
    let mut base = vec![Vec::new(); n];
    for round in 0..=rounds {
        for (i, q) in queries.iter().enumerate() {
            let d = time(&mut || {
                news.search(&q.request()).expect("search");
            });
            let b = baseline.as_ref().map(|b| {
                time(&mut || {
                    b.search(&q.text).expect("baseline");
                })
            });
            // Round 0 warms up.
            if round > 0 {
                ours[i].push(d);
                base[i].extend(b);
            }
        }
    }
    for filtered in [false, true] {
        let pick = |v: &[Vec<Duration>]| -> Vec<Duration> {
            (0..n)
                .filter(|&i| queries[i].filtered() == filtered)
                .flat_map(|i| v[i].iter().copied())
                .collect()
        };
        let (o, b) = (p50(&pick(&ours)), p50(&pick(&base)));
        println!(
            "{}: newsdex p50 {o:.3} ms, baseline p50 {b:.3} ms, ratio {}",
            if filtered { "filtered" } else { "plain" },
            ratio(o, b)
        );
    }
    for (i, q) in queries.iter().enumerate() {
        println!("{:9.3} ms  {}", p50(&ours[i]), q.label());
    }
}
