//! PolNeAR (`polnear/test`): speakers against brat attribution Source spans. Test split only;
//! the extractors are tuned on `dev`.
//!
//! The gold has no coreference, so which Source spans are *named people* is decided from the
//! text alone (never from our extractor):
//! - a run of capitalised words in the span, not possessive, of two or more words
//!   ("Hillary Clinton"), or one word after a title ("Sen. Kaine", "Mr. Trump"), or one word
//!   that the article elsewhere writes as the last word of a two-word capitalised run
//!   ("Trump" when "Donald Trump" occurs);
//! - and no organisation word in the run ("Washington Post", "Clinton Foundation").
//!
//! Its key is the run's last word, lower-cased. Pronoun sources ("he said") are not resolved
//! and not counted. Recall: gold keys that are the last word of one of our speakers.
//! Precision: our speakers whose last word is a word of some Source span of the article
//! (any span: named, described or pronoun-free).

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::extract_metrics::{Counts, Row, fold_name, surname};
use crate::extract::{people, speakers};

pub const DATASET: &str = "polnear-test";

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "senator",
    "gov",
    "governor",
    "rep",
    "president",
    "secretary",
    "speaker",
    "mayor",
    "judge",
    "gen",
    "general",
    "candidate",
    "nominee",
    "chairman",
    "director",
];
const ORG_WORDS: &[&str] = &[
    "post",
    "times",
    "news",
    "campaign",
    "committee",
    "party",
    "department",
    "administration",
    "foundation",
    "institute",
    "university",
    "association",
    "council",
    "court",
    "congress",
    "senate",
    "house",
    "network",
    "journal",
    "press",
    "agency",
    "bureau",
    "office",
    "service",
    "group",
    "inc",
    "corp",
    "company",
    "center",
    "union",
    "commission",
    "republicans",
    "democrats",
    "police",
    "magazine",
    "poll",
    "daily",
    "fbi",
    "cnn",
    "msnbc",
    "fox",
    "state",
    "county",
    "city",
    "board",
    "team",
    "staff",
    "media",
    "org",
    "pac",
    "gop",
    "dnc",
    "rnc",
    "america",
    "american",
    "americans",
    "reuters",
    "politico",
    "breitbart",
    "twitter",
];

/// The text of every `Source` span in a brat `.ann` file.
pub fn sources(ann: &str) -> Vec<String> {
    ann.lines()
        .filter(|l| l.starts_with('T'))
        .filter_map(|l| {
            let mut cols = l.splitn(3, '\t');
            let (_, kind, text) = (cols.next()?, cols.next()?, cols.next()?);
            (kind.split_whitespace().next() == Some("Source")).then(|| text.to_string())
        })
        .collect()
}

fn clean(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
}

fn capitalised(w: &str) -> bool {
    clean(w).chars().next().is_some_and(char::is_uppercase)
}

fn possessive(w: &str) -> bool {
    let w = clean(w);
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'')
}

/// Runs of capitalised words in `text`: each run as its words, cleaned.
fn runs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for w in text.split_whitespace() {
        if capitalised(w) {
            if let Some(run) = out.last_mut() {
                run.push(w);
            }
            if possessive(w) || w.ends_with([',', '.', ';', ':']) && !w.ends_with("r.") {
                out.push(Vec::new());
            }
        } else if out.last().is_some_and(|r| !r.is_empty()) {
            out.push(Vec::new());
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// Surnames the article writes after a given name: last words of two-word capitalised runs.
pub fn known_surnames(text: &str) -> BTreeSet<String> {
    runs(text)
        .iter()
        .filter(|r| r.len() >= 2)
        .filter_map(|r| r.last().map(|w| fold_name(w)))
        .collect()
}

/// The person a Source span names, as a lower-case surname key (see the module docs).
pub fn named_person(span: &str, surnames: &BTreeSet<String>) -> Option<String> {
    runs(span).iter().rev().find_map(|run| {
        let last = *run.last()?;
        if possessive(last) {
            return None;
        }
        let words: Vec<String> = run.iter().map(|w| fold_name(w)).collect();
        if words.iter().any(|w| ORG_WORDS.contains(&w.as_str())) {
            return None;
        }
        let names: Vec<&String> = words
            .iter()
            .filter(|w| !TITLES.contains(&w.as_str()))
            .collect();
        let key = (*names.last()?).clone();
        let titled = names.len() < words.len();
        let ok = names.len() >= 2 || titled || surnames.contains(&key);
        ok.then_some(key)
    })
}

/// Speaker precision and recall over `dir/test` (one annotator per article: the first
/// `.ann` file in name order).
pub fn evaluate(dir: &Path) -> Result<Vec<Row>> {
    evaluate_split(dir, "test")
}

/// The same over another split: `dev` is the one to tune on.
pub fn evaluate_split(dir: &Path, split: &str) -> Result<Vec<Row>> {
    let text_dir = dir.join(split).join("text");
    let ann_dir = dir.join(split).join("attributions");
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("reading {}", ann_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut texts: Vec<String> = std::fs::read_dir(&text_dir)
        .with_context(|| format!("reading {}", text_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".txt").map(str::to_string))
        .collect();
    texts.sort();
    let per_doc: Vec<(Counts, Counts)> = texts
        .par_iter()
        .filter_map(|stem| {
            let prefix = format!("{stem}_");
            let ann = anns.iter().find(|a| a.starts_with(&prefix))?;
            let text = std::fs::read_to_string(text_dir.join(format!("{stem}.txt"))).ok()?;
            let ann = std::fs::read_to_string(ann_dir.join(ann)).ok()?;
            Some(score(&text, &sources(&ann)))
        })
        .collect();
    let (mut p, mut r) = (Counts::default(), Counts::default());
    for (dp, dr) in &per_doc {
        p.add(*dp);
        r.add(*dr);
    }
    let (pv, rv) = (p.precision(), r.recall());
    let dataset = if split == "test" {
        DATASET.to_string()
    } else {
        format!("polnear-{split}")
    };
    let mut row = Row::prf(&dataset, "speakers", "document", p, per_doc.len());
    row.recall = Some(rv);
    row.f1 = Some(if pv + rv > 0.0 {
        2.0 * pv * rv / (pv + rv)
    } else {
        0.0
    });
    Ok(vec![row])
}

/// One article: (precision counts, recall counts).
pub fn score(text: &str, spans: &[String]) -> (Counts, Counts) {
    let surnames = known_surnames(text);
    let gold: BTreeSet<String> = spans
        .iter()
        .filter_map(|s| named_person(s, &surnames))
        .collect();
    let span_words: BTreeSet<String> = spans
        .iter()
        .flat_map(|s| s.split_whitespace().map(fold_name).collect::<Vec<_>>())
        .collect();
    let found = people::extract(text);
    let ours: BTreeSet<String> = speakers::extract(text, &found)
        .iter()
        .filter_map(|s| surname(s))
        .collect();
    let right = ours.iter().filter(|s| span_words.contains(*s)).count();
    let hit = gold.iter().filter(|g| ours.contains(*g)).count();
    (
        Counts {
            tp: right,
            fp: ours.len() - right,
            fn_: 0,
        },
        Counts {
            tp: hit,
            fp: 0,
            fn_: gold.len() - hit,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANN: &str = "T1\tSource 0 15\tWashington Post\n\
        E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
        T2\tCue 16 21\twrote\n\
        T5\tSource 30 40;50 60\tSen. Tim Kaine\n\
        T6\tSource 70 72\the\n\
        T7\tSource 80 85\tTrump\n";

    #[test]
    fn reads_source_spans() {
        assert_eq!(
            sources(ANN),
            ["Washington Post", "Sen. Tim Kaine", "he", "Trump"]
        );
    }

    #[test]
    fn decides_which_sources_name_people() {
        let surnames =
            known_surnames("Donald Trump spoke. Then Trump's aide, Kellyanne Conway, left.");
        assert!(surnames.contains("trump") && surnames.contains("conway"));
        let cases = [
            ("Washington Post", None),
            ("Sen. Tim Kaine", Some("kaine")),
            ("Mr. Pence", Some("pence")),
            ("he", None),
            ("Trump", Some("trump")),
            ("Obama", None),
            ("Trump's campaign manager Kellyanne Conway", Some("conway")),
            ("the Clinton Foundation", None),
        ];
        for (span, want) in cases {
            assert_eq!(named_person(span, &surnames).as_deref(), want, "{span}");
        }
    }

    /// The tuning harness: PolNeAR dev, scored exactly as the report scores test. Prints the
    /// figures; skips when the data is absent.
    #[test]
    fn dev_split_for_tuning() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear");
        if !dir.join("dev").is_dir() {
            eprintln!("skipping: {} not found", dir.join("dev").display());
            return;
        }
        let rows = evaluate_split(&dir, "dev").expect("PolNeAR dev reads");
        for r in &rows {
            eprintln!("{r:?}");
        }
        assert!(rows.iter().all(|r| r.dataset == "polnear-dev" && r.n > 0));
    }
}
