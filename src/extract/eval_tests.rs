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
        let gold = line
            .rsplit_once(' ')
            .map_or("", |(p, _)| p)
            .replace(" ,", ",");
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

const POLNEAR_DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/polnear/dev");

/// The lower-cased last word of a Source span that names a person: two or more capitalised
/// words, or a title and one, or a surname the article writes after a given name elsewhere.
fn named_source(span: &str, surnames: &BTreeSet<String>) -> Option<String> {
    const TITLES: &[&str] = &[
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "gov",
        "rep",
        "president",
        "secretary",
    ];
    const ORGS: &[&str] = &[
        "post",
        "times",
        "news",
        "campaign",
        "party",
        "foundation",
        "poll",
    ];
    let clean = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let caps: Vec<String> = span
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(clean)
        .collect();
    if caps
        .iter()
        .any(|w| ORGS.contains(&w.as_str()) || w.ends_with("'s") || w.ends_with("’s"))
    {
        return None;
    }
    let names: Vec<&String> = caps
        .iter()
        .filter(|w| !TITLES.contains(&w.as_str()))
        .collect();
    let key = (*names.last()?).clone();
    (names.len() >= 2 || names.len() < caps.len() || surnames.contains(&key)).then_some(key)
}

/// Speaker recall and precision on PolNeAR dev (the tuning split), by surname.
#[test]
fn polnear_dev_speakers() {
    let Ok(entries) = std::fs::read_dir(format!("{POLNEAR_DEV}/text")) else {
        eprintln!("skipping: {POLNEAR_DEV} not found");
        return;
    };
    let dump = std::env::var_os("NEWSDEX_EVAL_DUMP").is_some();
    let mut stems: Vec<String> = entries
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .into_string()
                .ok()?
                .strip_suffix(".txt")
                .map(str::to_string)
        })
        .collect();
    stems.sort();
    let (mut hit, mut gold_n, mut right, mut ours_n) = (0, 0, 0, 0);
    for stem in stems {
        let Ok(text) = std::fs::read_to_string(format!("{POLNEAR_DEV}/text/{stem}.txt")) else {
            continue;
        };
        let mut anns: Vec<String> = std::fs::read_dir(format!("{POLNEAR_DEV}/attributions"))
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with(&format!("{stem}_")))
            .collect();
        anns.sort();
        let Some(ann) = anns
            .first()
            .and_then(|a| std::fs::read_to_string(format!("{POLNEAR_DEV}/attributions/{a}")).ok())
        else {
            continue;
        };
        let spans: Vec<&str> = ann
            .lines()
            .filter_map(|l| {
                let mut cols = l.splitn(3, '\t');
                let (_, kind, span) = (cols.next()?, cols.next()?, cols.next()?);
                kind.starts_with("Source ").then_some(span)
            })
            .collect();
        let people = people::extract(&text);
        let surnames: BTreeSet<String> = people
            .iter()
            .filter_map(|p| p.name.split_whitespace().last().map(str::to_lowercase))
            .collect();
        let gold: BTreeSet<String> = spans
            .iter()
            .filter_map(|s| named_source(s, &surnames))
            .collect();
        let words: BTreeSet<String> = spans
            .iter()
            .flat_map(|s| {
                s.split_whitespace().map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
            })
            .collect();
        let ours: BTreeSet<String> = super::speakers::extract(&text, &people)
            .iter()
            .filter_map(|s| s.split_whitespace().last().map(str::to_lowercase))
            .collect();
        let h = gold.iter().filter(|g| ours.contains(*g)).count();
        let r = ours.iter().filter(|o| words.contains(*o)).count();
        if dump {
            let missed: Vec<_> = gold.difference(&ours).collect();
            let wrong: Vec<_> = ours.iter().filter(|o| !words.contains(*o)).collect();
            if !missed.is_empty() || !wrong.is_empty() {
                eprintln!("{stem}: missed {missed:?} wrong {wrong:?}");
            }
        }
        hit += h;
        gold_n += gold.len();
        right += r;
        ours_n += ours.len();
    }
    let recall = hit as f64 / gold_n.max(1) as f64;
    let precision = right as f64 / ours_n.max(1) as f64;
    eprintln!(
        "PolNeAR dev speakers: P={precision:.3} R={recall:.3} ({right}/{ours_n}, {hit}/{gold_n})"
    );
}
