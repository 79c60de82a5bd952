//! PolNeAR (`polnear/test`): speakers against brat attribution Source spans. Test split only;
//! the extractors are tuned on `dev`. Which Source spans name people, and what a pronoun
//! Source stands for, is read by [`super::extract_polnear_gold`] (its docs give the rules).
//!
//! Recall: gold keys (named and resolved) that are the last word of one of our speakers.
//! Precision: our speakers whose last word is a word of some Source span of the article
//! (any span: named, described or pronoun) or a resolved pronoun's key.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::extract_metrics::{Counts, Row, fold_name, surname};
pub use super::extract_polnear_gold::{Source, gold_keys, known_surnames, named_people, sources};
use crate::extract::{people, speakers};

pub const DATASET: &str = "polnear-test";

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
            let got = score(&text, &sources(&ann));
            if std::env::var_os("NEWSDEX_EVAL_DUMP").is_some() {
                dump(stem, &text, &sources(&ann));
            }
            Some(got)
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
pub fn score(text: &str, spans: &[Source]) -> (Counts, Counts) {
    let (gold, right_words) = truth(text, spans);
    let found = people::extract(text);
    let ours: BTreeSet<String> = speakers::extract(text, &found)
        .iter()
        .filter_map(|s| surname(s))
        .collect();
    let right = ours.iter().filter(|s| right_words.contains(*s)).count();
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

/// (gold keys for recall, words a right speaker's surname may be: every word of every Source
/// span, and the gold keys).
fn truth(text: &str, spans: &[Source]) -> (BTreeSet<String>, BTreeSet<String>) {
    let gold = gold_keys(text, spans);
    let mut words: BTreeSet<String> = spans
        .iter()
        .flat_map(|s| s.text.split_whitespace().map(fold_name).collect::<Vec<_>>())
        .collect();
    words.extend(gold.iter().cloned());
    (gold, words)
}

/// `NEWSDEX_EVAL_DUMP=1`: one article's misses and false speakers on stderr.
fn dump(stem: &str, text: &str, spans: &[Source]) {
    let (gold, right_words) = truth(text, spans);
    if std::env::var("NEWSDEX_EVAL_DUMP").is_ok_and(|v| v == "2") {
        let surnames = known_surnames(text);
        for s in spans {
            eprintln!(
                "polnear span {stem}: {:?} -> {:?}",
                s.text,
                named_people(&s.text, &surnames)
            );
        }
    }
    let found = people::extract(text);
    let said = speakers::extract(text, &found);
    let ours: BTreeSet<String> = said.iter().filter_map(|s| surname(s)).collect();
    for g in gold.iter() {
        let known = found
            .iter()
            .any(|p| surname(&p.name).as_deref() == Some(g.as_str()));
        let tag = if ours.contains(g) { "hit" } else { "miss" };
        eprintln!("polnear {tag} {stem}: {g} (person found: {known})");
    }
    for s in said
        .iter()
        .filter(|s| surname(s).is_some_and(|k| !right_words.contains(&k)))
    {
        eprintln!("polnear false {stem}: {s}");
    }
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
        let got: Vec<(usize, String)> = sources(ANN)
            .into_iter()
            .map(|s| (s.start, s.text))
            .collect();
        let want = [
            (0, "Washington Post"),
            (30, "Sen. Tim Kaine"),
            (70, "he"),
            (80, "Trump"),
        ];
        assert_eq!(got.len(), want.len());
        for ((gs, gt), (ws, wt)) in got.iter().zip(want) {
            assert_eq!((*gs, gt.as_str()), (ws, wt));
        }
    }

    #[test]
    fn decides_which_sources_name_people() {
        let surnames = known_surnames(
            "Donald Trump spoke. Then Trump's aide, Kellyanne Conway, left. The Hill wrote.",
        );
        assert!(surnames.contains("trump") && surnames.contains("conway"));
        assert!(!surnames.contains("hill"));
        let cases: &[(&str, &[&str])] = &[
            ("Washington Post", &[]),
            ("Sen. Tim Kaine", &["kaine"]),
            ("Mr. Pence", &["pence"]),
            ("he", &[]),
            ("Trump", &["trump"]),
            ("TRUMP", &["trump"]),
            ("Trump's", &["trump"]),
            ("Obama", &[]),
            ("Trump's campaign manager Kellyanne Conway", &["conway"]),
            ("Trump's campaign", &[]),
            ("the Clinton Foundation", &[]),
            ("The Clinton campaign", &[]),
            ("The New Yorker", &[]),
            ("The Democratic presidential nominee", &[]),
            ("panel Chairman Rep. Jason Chaffetz (R-Utah)", &["chaffetz"]),
            (
                "senator Bob Corker, R-Tenn., and Lindsey Graham, R-S.C.,",
                &["corker", "graham"],
            ),
            ("Mr. Grassley and Mr. Leahy", &["grassley", "leahy"]),
            ("lawyers for both Donald and Ivana Trump", &[]),
            (
                "Victor Cha, a Korea scholar at the Center for Strategic and International Studies",
                &["cha"],
            ),
            ("Trump's running mate, Indiana Gov. Mike Pence,", &["pence"]),
            ("Vice President Joseph R. Biden Jr.", &["biden"]),
            ("White House Press Secretary Josh Earnest", &["earnest"]),
            ("North Korea", &[]),
            (
                "the Rev. Peter Wherry, of Mayfield Memorial Missionary Baptist Church",
                &["wherry"],
            ),
        ];
        for (span, want) in cases {
            assert_eq!(named_people(span, &surnames), *want, "{span}");
        }
    }

    #[test]
    fn resolves_pronoun_sources_to_named_people() {
        let text = "Hillary Clinton met Mr. Kaine. Later Donald Trump spoke and she said no.";
        let at = |w: &str| text[..text.find(w).unwrap_or(0)].chars().count();
        let spans = [
            Source {
                start: at("Hillary"),
                text: "Hillary Clinton".into(),
            },
            Source {
                start: at("Donald"),
                text: "Donald Trump".into(),
            },
            Source {
                start: at("she"),
                text: "she".into(),
            },
        ];
        let gold = gold_keys(text, &spans);
        assert_eq!(gold.into_iter().collect::<Vec<_>>(), ["clinton", "trump"]);
        // "he": the nearest earlier man the text names.
        let spans = [Source {
            start: at("she"),
            text: "He".into(),
        }];
        assert_eq!(
            gold_keys(text, &spans).into_iter().collect::<Vec<_>>(),
            ["trump"]
        );
        // "she" where no woman is named earlier and gender is unknown for nobody: no key.
        let text2 = "Mr. Kaine left. She said no.";
        let spans = [Source {
            start: 16,
            text: "She".into(),
        }];
        assert!(gold_keys(text2, &spans).is_empty());
    }

    /// The tuning harness: PolNeAR dev, scored exactly as the report scores test. Prints the
    /// figures; skips when the data is absent.
    #[test]
    fn dev_split_for_tuning() {
        let data = std::env::var_os("NEWSDEX_DATA")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
        let dir = data.join("polnear");
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
