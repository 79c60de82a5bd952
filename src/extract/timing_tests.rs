//! Dev-only timings of the extractors on Reuters-21578 bodies (from `../shared/data`),
//! measured in CPU time of the thread so they hold up on a busy machine. Ignored by default:
//! `cargo test --release --lib extract::timing_tests -- --ignored --nocapture`.

/// The Reuters-21578 folder: under `$NEWSDEX_DATA`, else `../shared/data` beside the crate.
pub(super) fn reuters_dir() -> String {
    std::env::var("NEWSDEX_DATA").map_or_else(
        |_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/reuters21578").to_string(),
        |d| format!("{d}/reuters21578"),
    )
}

/// Reuters-21578 bodies, for timing (empty when the data is absent).
pub(super) fn reuters_bodies() -> Vec<String> {
    use std::io::Read;
    let dir = reuters_dir();
    let mut bodies = Vec::new();
    for n in 0..22 {
        let path = format!("{dir}/reut2-{n:03}.sgm.gz");
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        let mut raw = Vec::new();
        if flate2::read::GzDecoder::new(file)
            .read_to_end(&mut raw)
            .is_err()
        {
            continue;
        }
        let sgml = String::from_utf8_lossy(&raw);
        for part in sgml.split("<BODY>").skip(1) {
            let body = part.split("</BODY>").next().unwrap_or("");
            bodies.push(body.replace("&lt;", "<").replace("&amp;", "&"));
        }
    }
    let limit = std::env::var("NEWSDEX_BENCH_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok());
    bodies.truncate(limit.unwrap_or(usize::MAX));
    bodies
}

/// CPU time of this thread (Linux), so timings hold up on a busy machine; wall time elsewhere.
pub(super) fn cpu_now() -> std::time::Duration {
    let ns = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok());
    match ns {
        Some(ns) => std::time::Duration::from_nanos(ns),
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default(),
    }
}

/// Throughput of `enrich` on Reuters-21578 bodies, best of five passes. Run with
/// `cargo test --release --lib extract::timing_tests::enrich_throughput -- --ignored --nocapture`.
#[test]
#[ignore]
fn enrich_throughput() {
    let bodies = reuters_bodies();
    if bodies.is_empty() {
        eprintln!("skipping: no Reuters-21578 files under {}", reuters_dir());
        return;
    }
    let bytes: usize = bodies.iter().map(String::len).sum();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let started = cpu_now();
        for body in &bodies {
            let mut a = crate::article::Article {
                body: body.clone(),
                ..Default::default()
            };
            super::enrich(&mut a);
        }
        best = best.min((cpu_now() - started).as_secs_f64());
    }
    eprintln!(
        "enrich: {} articles, {:.1} MB, best pass {best:.3}s CPU = {:.1} MB/s",
        bodies.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / best
    );
}

/// Time per extraction stage on the same bodies, best of three passes per stage.
#[test]
#[ignore]
fn stage_timings() {
    use std::time::Duration;
    let bodies = reuters_bodies();
    let toks: Vec<_> = bodies.iter().map(|b| super::tokens::tokenize(b)).collect();
    let people: Vec<_> = bodies
        .iter()
        .zip(&toks)
        .map(|(b, t)| super::people::from_tokens(b, t))
        .collect();
    let time = |f: &dyn Fn(usize)| {
        (0..3)
            .map(|_| {
                let s = cpu_now();
                (0..bodies.len()).for_each(f);
                cpu_now() - s
            })
            .min()
            .unwrap_or(Duration::ZERO)
    };
    let stages: [(&str, &dyn Fn(usize)); 6] = [
        ("tokenize", &|i| drop(super::tokens::tokenize(&bodies[i]))),
        ("people", &|i| {
            drop(super::people::from_tokens(&bodies[i], &toks[i]))
        }),
        ("speakers", &|i| {
            drop(super::speakers::from_tokens(&toks[i], &people[i]))
        }),
        ("summits", &|i| {
            drop(super::summits::extract(&bodies[i], Some(1987)))
        }),
        ("topics", &|i| {
            drop(super::topics::from_tokens(
                &bodies[i],
                &toks[i],
                0,
                &[],
                &people[i],
            ))
        }),
        ("dateline", &|i| drop(super::dateline::extract(&bodies[i]))),
    ];
    let extra: [(&str, &dyn Fn(usize)); 2] = [
        ("cats", &|i| {
            drop(super::categories::from_tokens(&toks[i], 0))
        }),
        ("phrases", &|i| {
            drop(super::topics::key_phrases(&bodies[i], &toks[i], 0, &[]))
        }),
    ];
    for (name, f) in extra {
        eprintln!("{name:>9}: {:?}", time(f));
    }
    for (name, f) in stages {
        eprintln!("{name:>9}: {:?}", time(f));
    }
}

/// `enrich` over the articles of the first `$NEWSDEX_SAMPLE_FILES` (default 4) Reuters files,
/// parsed the way indexing parses them (or every file under `$NEWSDEX_SAMPLE_DIR`); with `$NEWSDEX_DUMP` set, writes every article's
/// extracted metadata there as JSON lines, so two builds can be compared byte for byte. Also
/// the fixed workload for callgrind: `valgrind --tool=callgrind <test binary>
/// extract::timing_tests::enrich_sample --ignored` (the cost is `extract::enrich` inclusive).
#[test]
#[ignore]
fn enrich_sample() {
    use std::io::Write;
    let files: usize = std::env::var("NEWSDEX_SAMPLE_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let dir = reuters_dir();
    let roots: Vec<_> = match std::env::var("NEWSDEX_SAMPLE_DIR") {
        Ok(other) => vec![std::path::PathBuf::from(other)],
        Err(_) => (0..files)
            .map(|n| std::path::PathBuf::from(format!("{dir}/reut2-{n:03}.sgm.gz")))
            .collect(),
    };
    let (found, _) = crate::corpus::walk(&roots);
    let mut articles = Vec::new();
    for file in &found {
        if let Ok(parsed) = crate::corpus::load(file, u64::MAX) {
            articles.extend(parsed.articles);
        }
    }
    let started = cpu_now();
    for a in &mut articles {
        super::enrich(a);
    }
    let secs = (cpu_now() - started).as_secs_f64();
    let bytes: usize = articles.iter().map(|a| a.title.len() + a.body.len()).sum();
    eprintln!(
        "enrich_sample: {} articles, {:.2} MB, {secs:.3}s CPU",
        articles.len(),
        bytes as f64 / 1e6
    );
    if let Ok(path) = std::env::var("NEWSDEX_DUMP") {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("dump file"));
        for a in &articles {
            let row = serde_json::json!({
                "id": a.id, "dateline": a.dateline, "people": a.people,
                "speakers": a.speakers, "summits": a.summits, "topics": a.topics,
            });
            writeln!(out, "{row}").expect("dump write");
        }
    }
}
