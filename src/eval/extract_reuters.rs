//! Reuters-21578 (`reuters21578/*.sgm.gz`): datelines, people recall against the PEOPLE tags,
//! and summits against our hand-labelled dev set (`tests/gold/summits-reuters.jsonl`).
//!
//! Articles come from the corpus parser ([`crate::corpus::load`]), which already turns the
//! DATELINE element into the gold place and PEOPLE codes into names; the raw DATELINE text
//! (`    MOSCOW, Feb 26 - `), which the parser does not keep, is read from the same file, so
//! the extractor sees the story as a wire feed writes it: dateline, then body.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{Context, Result};
use rayon::prelude::*;
use regex::Regex;
use serde::Deserialize;

use super::extract_conll::same_place;
use super::extract_metrics::{Counts, Row, fold_name, has_word, surname};
use crate::article::Article;
use crate::corpus::{self, SourceFile};
use crate::extract::{dateline, people, summits};

pub const DATASET: &str = "reuters21578";
const MAX_BYTES: u64 = 64 << 20;

/// One Reuters story with the raw DATELINE text.
pub struct Story {
    pub article: Article,
    pub raw_dateline: Option<String>,
}

/// Loads every `*.sgm.gz` / `*.sgm` under `dir`; a file that fails is reported and skipped.
pub fn load(dir: &Path) -> Vec<Story> {
    let (files, _) = corpus::walk(&[dir.to_path_buf()]);
    let files: Vec<SourceFile> = files
        .into_iter()
        .filter(|f| f.display.ends_with(".sgm.gz") || f.display.ends_with(".sgm"))
        .collect();
    let mut per_file: Vec<(String, Vec<Story>)> = files
        .par_iter()
        .filter_map(|f| match load_file(f) {
            Ok(stories) => Some((f.display.clone(), stories)),
            Err(e) => {
                eprintln!("newsdex: {}: {e:#}", f.display);
                None
            }
        })
        .collect();
    per_file.sort_by(|a, b| a.0.cmp(&b.0));
    per_file.into_iter().flat_map(|(_, s)| s).collect()
}

fn load_file(f: &SourceFile) -> Result<Vec<Story>> {
    let parsed = corpus::load(f, MAX_BYTES).map_err(anyhow::Error::msg)?;
    let raw = read_raw(&f.path).with_context(|| format!("reading {}", f.path.display()))?;
    let mut datelines = raw_datelines(&raw);
    Ok(parsed
        .articles
        .into_iter()
        .map(|article| {
            let raw_dateline = article
                .source_id
                .as_ref()
                .and_then(|id| datelines.remove(id));
            Story {
                article,
                raw_dateline,
            }
        })
        .collect())
}

fn read_raw(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path)?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        out
    } else {
        bytes
    };
    // Latin-1: one byte in the collection is not UTF-8.
    Ok(bytes.iter().map(|&b| b as char).collect())
}

/// NEWID -> raw DATELINE text, whitespace collapsed: "SALVADOR, Feb 26 -".
pub fn raw_datelines(sgml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for rec in sgml.split("<REUTERS ").skip(1) {
        let id = rec
            .split_once("NEWID=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(id, _)| id);
        let dl = rec
            .split_once("<DATELINE>")
            .and_then(|(_, r)| r.split_once("</DATELINE>"))
            .map(|(d, _)| d.split_whitespace().collect::<Vec<_>>().join(" "));
        if let (Some(id), Some(dl)) = (id, dl) {
            out.insert(
                id.to_string(),
                dl.replace("&amp;", "&").replace("&lt;", "<"),
            );
        }
    }
    out
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    // ok: constant pattern. Any case: desks typed "MARCH 20" and "april 7" too.
    Regex::new(r"(?i)\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b")
        .expect("date pattern")
});

/// The date as the raw dateline writes it ("Feb 26"), when it has one in month-day order.
pub fn gold_date(raw: &str) -> Option<&str> {
    DATE.find(raw).map(|m| m.as_str())
}

/// The place to score against: the parser's reading of the DATELINE (`Article::dateline`),
/// which drops the scraps of hand-typed dates and stray punctuation
/// ([`crate::corpus::dateline_place`]); applied again here so the gold never depends on it.
/// `None` when the DATELINE holds no place ("MAR8 -- --", "us 7.8015 -"): such stories are not
/// scored, and [`evaluate_datelines`] reports how many.
pub fn gold_place(parsed: &str) -> Option<String> {
    crate::corpus::dateline_place(parsed)
}

/// Dateline place and date accuracy over stories with a DATELINE that names a place (see
/// [`gold_place`]); dates are compared ignoring case.
pub fn evaluate_datelines(stories: &[Story]) -> Vec<Row> {
    let dump = std::env::var_os("NEWSDEX_EVAL_DUMP").is_some();
    let with_dateline: Vec<(&str, &Article)> = stories
        .iter()
        .filter_map(|s| Some((s.raw_dateline.as_deref()?, &s.article)))
        .filter(|(raw, _)| raw.chars().any(char::is_alphanumeric))
        .collect();
    let scored: Vec<(bool, Option<bool>)> = with_dateline
        .par_iter()
        .filter_map(|&(raw, article)| {
            let Some(gold) = article.dateline.as_deref().and_then(gold_place) else {
                if dump {
                    eprintln!("reuters dateline: no place, not scored: {raw:?}");
                }
                return None;
            };
            let input = format!("{raw} {}", article.body);
            let got = dateline::extract(&input);
            let place = got.as_ref().is_some_and(|d| same_place(&d.place, &gold));
            if !place && dump {
                eprintln!("reuters dateline: gold {gold:?} got {got:?}: {raw:?}");
            }
            let date = gold_date(raw).map(|want| {
                let got_date = got.as_ref().and_then(|d| d.date.as_deref()).unwrap_or("");
                let ok = got_date
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .eq(want.split_whitespace().map(str::to_lowercase));
                if !ok && place && dump {
                    eprintln!("reuters dateline date: want {want:?} got {got_date:?}: {raw:?}");
                }
                ok
            });
            Some((place, date))
        })
        .collect();
    let placeless = with_dateline.len() - scored.len();
    if placeless > 0 {
        eprintln!(
            "reuters21578: {placeless} DATELINEs name no place (e.g. \"MAR8 -- --\"): not scored"
        );
    }
    let place_ok = scored.iter().filter(|s| s.0).count();
    let dated: Vec<bool> = scored.iter().filter_map(|s| s.1).collect();
    vec![
        Row::accuracy(DATASET, "dateline", "place", place_ok, scored.len()),
        Row::accuracy(
            DATASET,
            "dateline",
            "date",
            dated.iter().filter(|&&d| d).count(),
            dated.len(),
        ),
    ]
}

/// Recall of PEOPLE-tagged names whose surname occurs in the text (title + body), by surname:
/// a gold name is found when an extracted person's name has its surname as a word.
pub fn evaluate_people(stories: &[Story]) -> Vec<Row> {
    let per_doc: Vec<Counts> = stories
        .par_iter()
        .filter(|s| !s.article.people.is_empty())
        .filter_map(|s| {
            let a = &s.article;
            let text = format!("{}\n\n{}", a.title, a.body);
            let gold: BTreeSet<String> = a
                .people
                .iter()
                .filter_map(|p| surname(p))
                .filter(|w| has_word(&text, w))
                .collect();
            if gold.is_empty() {
                return None;
            }
            let found: BTreeSet<String> = people::extract(&text)
                .iter()
                .flat_map(|p| {
                    let name = fold_name(&p.name);
                    name.split(' ').map(str::to_string).collect::<Vec<_>>()
                })
                .collect();
            let hit = gold.iter().filter(|g| found.contains(*g)).count();
            Some(Counts {
                tp: hit,
                fp: 0,
                fn_: gold.len() - hit,
            })
        })
        .collect();
    let mut c = Counts::default();
    per_doc.iter().for_each(|d| c.add(*d));
    vec![Row::recall_only(
        DATASET,
        "people",
        "name",
        c,
        per_doc.len(),
    )]
}

/// One hand-labelled article of the summit dev set.
#[derive(Debug, Deserialize)]
pub struct SummitLabel {
    pub newid: String,
    /// Canonical bodies: "G7", "OPEC", "EC"… (empty: the article names no summit).
    pub summits: Vec<String>,
    /// Which labelling round: absent for the first 71 (the tuning set), "heldout" for the
    /// articles labelled later, before the extractor was run on them.
    #[serde(default)]
    pub set: Option<String>,
}

/// The hand labels, compiled in so the command works from any folder.
pub const SUMMIT_LABELS: &str = include_str!("../../tests/gold/summits-reuters.jsonl");

/// Parses JSON Lines labels; `name` is for error messages.
pub fn parse_summit_labels(data: &str, name: &str) -> Result<Vec<SummitLabel>> {
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).with_context(|| format!("{name}:{}", i + 1)))
        .collect()
}

/// The canonical body of a summit name: "G20 Hangzhou 2016" -> "G20"; unknown names as written.
pub fn summit_body(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=words.len())
        .find_map(|n| summits::canonical(&words[..n].join(" ")))
        .unwrap_or_else(|| name.trim().to_string())
}

/// Per-article summit sets (canonical bodies) against the labels.
pub fn evaluate_summits(stories: &[Story], labels: &[SummitLabel]) -> Vec<Row> {
    let by_id: HashMap<&str, &Article> = stories
        .iter()
        .filter_map(|s| Some((s.article.source_id.as_deref()?, &s.article)))
        .collect();
    let mut c = Counts::default();
    let mut n = 0;
    let mut by_set: BTreeMap<&str, (Counts, usize)> = BTreeMap::new();
    for l in labels {
        let Some(a) = by_id.get(l.newid.as_str()) else {
            eprintln!("newsdex: summit label for NEWID {} has no article", l.newid);
            continue;
        };
        n += 1;
        let text = format!("{}\n\n{}", a.title, a.body);
        let year = a.date.map(|d| d.year());
        let got: BTreeSet<String> = summits::extract(&text, year)
            .iter()
            .map(|s| summit_body(s))
            .collect();
        let gold: BTreeSet<String> = l.summits.iter().map(|s| summit_body(s)).collect();
        if got != gold && std::env::var_os("NEWSDEX_EVAL_DUMP").is_some() {
            eprintln!("reuters summits {}: gold {gold:?} got {got:?}", l.newid);
        }
        c.add(Counts::of_sets(&got, &gold));
        let set = by_set.entry(l.set.as_deref().unwrap_or("dev")).or_default();
        set.0.add(Counts::of_sets(&got, &gold));
        set.1 += 1;
    }
    if by_set.len() > 1 {
        for (name, (sc, sn)) in &by_set {
            eprintln!(
                "reuters summits {name}: P {:.3} R {:.3} (n {sn})",
                sc.precision(),
                sc.recall()
            );
        }
    }
    vec![Row::prf(DATASET, "summits", "document", c, n)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_raw_datelines_by_newid() {
        let sgml = "<REUTERS TOPICS=\"YES\" NEWID=\"7\">\n<TEXT><TITLE>T</TITLE>\
            <DATELINE>    NEW\nYORK, Feb 26 - </DATELINE><BODY>b</BODY></TEXT></REUTERS>\n\
            <REUTERS NEWID=\"8\"><TEXT TYPE=\"BRIEF\"><TITLE>x</TITLE></TEXT></REUTERS>";
        let d = raw_datelines(sgml);
        assert_eq!(d.get("7").map(String::as_str), Some("NEW YORK, Feb 26 -"));
        assert!(!d.contains_key("8"));
        assert_eq!(gold_date("NEW YORK, Feb 26 -"), Some("Feb 26"));
        assert_eq!(gold_date("AMSTERDAM, 2 March -"), None);
    }

    #[test]
    fn gold_places_lose_the_scraps_of_hand_typed_dates() {
        let cases = [
            ("Moscow", Some("Moscow")),
            ("New York, APri 7", Some("New York")),
            ("Taft, Calif., Apri l7", Some("Taft, Calif.")),
            ("Amsterdam, 2 March", Some("Amsterdam")),
            ("Evandale, Ohio, April, 13", Some("Evandale, Ohio")),
            (
                "Reggio Calabria, Italy, April l",
                Some("Reggio Calabria, Italy"),
            ),
            ("Kansas City, Mo. -", Some("Kansas City, Mo.")),
            ("Hauppauge, N.Y, .", Some("Hauppauge, N.Y")),
            ("Martinsville, Va.", Some("Martinsville, Va.")),
            ("May Pen, Jamaica", Some("May Pen, Jamaica")),
            ("Mar8", None),
            ("Mar", None),
            ("us 7.8015", None),
            ("0 London", None),
        ];
        for (parsed, want) in cases {
            assert_eq!(gold_place(parsed).as_deref(), want, "{parsed:?}");
        }
        assert_eq!(gold_date("NEW YORK, MARCH 20 -"), Some("MARCH 20"));
    }

    #[test]
    fn summit_bodies_drop_city_and_year() {
        assert_eq!(summit_body("G20 Hangzhou 2016"), "G20");
        assert_eq!(summit_body("Group of Seven"), "G7");
        assert_eq!(summit_body("OPEC"), "OPEC");
    }
}
