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
                docs.push(Doc {
                    text: std::mem::take(&mut text),
                    gold: std::mem::take(&mut gold),
                });
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
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    eprintln!(
        "CoNLL-2003 {split}: {} docs, document-level PER P={p:.3} R={r:.3} F1={f1:.3} ({:?})",
        docs.len(),
        started.elapsed()
    );
    assert!(f1 > 0.5, "PER F1 {f1:.3} is below 0.5");
}

#[test]
fn conll_dateline_accuracy() {
    let split = std::env::var("NEWSDEX_EVAL_SPLIT").unwrap_or_else(|_| "valid".to_string());
    let path = format!("{CONLL_DIR}/{split}.txt");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    if split == "test" {
        return;
    }
    let (mut n, mut ok) = (0, 0);
    for doc in parse_conll(&data) {
        let lines: Vec<&str> = doc.text.lines().collect();
        let Some(at) = lines.iter().take(3).position(|l| {
            let last = l.rsplit(' ').next().unwrap_or("").as_bytes();
            last.len() == 10 && last[4] == b'-' && last[7] == b'-' && l.contains(' ')
        }) else {
            continue;
        };
        let line = lines[at];
        let gold = line.rsplit_once(' ').map_or("", |(p, _)| p).replace(" ,", ",");
        n += 1;
        let got = super::dateline::extract(&lines[at..].join("\n"));
        let norm = |s: &str| super::dateline::normalize_place(s).to_lowercase();
        if got.as_ref().is_some_and(|d| norm(&d.place) == norm(&gold)) {
            ok += 1;
        } else if std::env::var_os("NEWSDEX_EVAL_DUMP").is_some() {
            eprintln!("dateline miss: {line:?} -> {got:?}");
        }
    }
    let acc = ok as f64 / n.max(1) as f64;
    eprintln!("CoNLL-2003 {split}: dateline place accuracy {acc:.3} ({ok}/{n})");
    assert!(n == 0 || acc > 0.8, "dateline accuracy {acc:.3}");
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

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seed/obama-putin-g20-hangzhou.txt"
);

#[test]
fn seed_article_people_speakers_and_summit() {
    let Ok(raw) = std::fs::read_to_string(SEED) else {
        eprintln!("skipping: {SEED} not found");
        return;
    };
    // Line 1 is a browser banner, the next non-empty line the title, the rest the body.
    let mut lines = raw.lines().filter(|l| !l.trim().is_empty());
    lines.next();
    let title = lines.next().unwrap_or_default().to_string();
    let body = raw
        .split_once(title.as_str())
        .map_or("", |(_, b)| b)
        .to_string();
    let mut a = crate::article::Article {
        title,
        body,
        ..Default::default()
    };
    a.date = Some(time::macros::datetime!(2016-09-05 12:00 UTC));
    super::enrich(&mut a);
    eprintln!(
        "people: {:?}\nspeakers: {:?}\nsummits: {:?}\ntopics: {:?}",
        a.people, a.speakers, a.summits, a.topics
    );
    for want in [
        "Barack Obama",
        "Vladimir Putin",
        "John Kerry",
        "Sergei Lavrov",
        "Dmitry Peskov",
        "Francois Hollande",
        "Angela Merkel",
    ] {
        assert!(
            a.people.iter().any(|p| p == want),
            "missing person {want}: {:?}",
            a.people
        );
    }
    assert_eq!(a.speakers, ["Barack Obama", "Dmitry Peskov"]);
    assert_eq!(a.summits, ["G20 Hangzhou 2016"]);
}

const REUTERS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/reuters21578");

/// Reuters-21578 bodies, for timing.
fn reuters_bodies() -> Vec<String> {
    use std::io::Read;
    let mut bodies = Vec::new();
    for n in 0..22 {
        let path = format!("{REUTERS_DIR}/reut2-{n:03}.sgm.gz");
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
fn cpu_now() -> std::time::Duration {
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
/// `cargo test --release --lib extract::eval_tests::enrich_throughput -- --ignored --nocapture`.
#[test]
#[ignore]
fn enrich_throughput() {
    let bodies = reuters_bodies();
    if bodies.is_empty() {
        eprintln!("skipping: no Reuters-21578 files under {REUTERS_DIR}");
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

#[test]
#[ignore]
fn tokenize_only() {
    let text = std::fs::read_to_string(format!("{CONLL_DIR}/train.txt")).unwrap_or_default();
    let words: String = text
        .lines()
        .map(|l| l.split(' ').next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ");
    let started = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..10 {
        n += super::tokens::tokenize(&words).len();
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "tokenize: {n} tokens, {:.1} MB/s, {:.1} ns/token",
        words.len() as f64 * 10.0 / 1e6 / secs,
        secs * 1e9 / n as f64
    );
}

#[test]
#[ignore]
fn lexicon_lookup_speed() {
    let lx = &*super::lexicon::LEXICON;
    let words: Vec<u64> = [
        "the", "Obama", "said", "xyzzy", "qwerty", "Berlin", "market", "zzz",
    ]
    .iter()
    .map(|w| super::lexicon::word_hash(w))
    .collect();
    let started = std::time::Instant::now();
    let mut hits = 0u64;
    for i in 0..10_000_000u64 {
        let h = words[(i % 8) as usize] ^ (i << 20);
        hits += u64::from(lx.get(h).flags);
    }
    eprintln!("10M lookups in {:?} ({hits})", started.elapsed());
}
