//! A user's own gold file (`--gold FILE.jsonl`): one article per line, as `text` (or `path`,
//! relative to the gold file, read by the corpus parser) with optional `title` and `date`,
//! and the expected `people`, `speakers`, `summits`, `dateline` and `topics`. Only the fields
//! a line gives are scored. Each article goes through [`crate::extract::enrich`], exactly as
//! at indexing time.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::extract_conll::same_place;
use super::extract_metrics::{Counts, Row, fold_name, name_set};
use super::extract_reuters::summit_body;
use crate::article::Article;
use crate::corpus::{self, SourceFile};

/// One line of a gold file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldArticle {
    pub text: Option<String>,
    pub path: Option<String>,
    #[serde(default)]
    pub title: String,
    /// RFC 3339 or YYYY-MM-DD; gives summits their year.
    pub date: Option<String>,
    pub people: Option<Vec<String>>,
    pub speakers: Option<Vec<String>>,
    pub summits: Option<Vec<String>>,
    pub dateline: Option<String>,
    pub topics: Option<Vec<String>>,
}

/// Reads the gold file; a bad line is an error naming the line.
pub fn read(path: &Path) -> Result<Vec<GoldArticle>> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldArticle = serde_json::from_str(line)
            .with_context(|| format!("{}: line {}", path.display(), i + 1))?;
        if g.text.is_none() && g.path.is_none() {
            bail!(
                "{}: line {}: needs \"text\" or \"path\"",
                path.display(),
                i + 1
            );
        }
        out.push(g);
    }
    Ok(out)
}

/// The article a gold line describes, with its metadata extracted.
fn article(g: &GoldArticle, base: &Path) -> Result<Article> {
    let mut a = match (&g.text, &g.path) {
        (Some(text), _) => Article {
            title: g.title.clone(),
            body: text.clone(),
            ..Article::default()
        },
        (None, Some(p)) => {
            let path = base.join(p);
            let meta =
                std::fs::metadata(&path).with_context(|| format!("reading {}", path.display()))?;
            let file = SourceFile {
                display: path.display().to_string(),
                path: path.clone(),
                size: meta.len(),
                mtime_ns: 0,
            };
            let parsed = corpus::load(&file, 256 << 20)
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("reading {}", path.display()))?;
            let Some(mut a) = parsed.articles.into_iter().next() else {
                bail!("{}: no article in it", path.display());
            };
            // Score what the extractors find, not what the source already says.
            a.people.clear();
            a.speakers.clear();
            a.summits.clear();
            a.topics.clear();
            a.dateline = None;
            a
        }
        (None, None) => bail!("needs \"text\" or \"path\""),
    };
    if let Some(d) = &g.date {
        a.date = corpus::parse_date(d);
    }
    crate::extract::enrich(&mut a);
    Ok(a)
}

fn folded(v: &[String]) -> BTreeSet<String> {
    v.iter()
        .map(|s| fold_name(s))
        .filter(|s| !s.is_empty())
        .collect()
}

fn bodies(v: &[String]) -> BTreeSet<String> {
    v.iter().map(|s| summit_body(s)).collect()
}

/// Scores every line and returns one row per field the file gives.
pub fn evaluate(gold: &[GoldArticle], base: &Path, dataset: &str) -> Result<Vec<Row>> {
    let mut people = (Counts::default(), 0);
    let mut speakers = (Counts::default(), 0);
    let mut summits = (Counts::default(), 0);
    let mut topics = (Counts::default(), 0);
    let (mut dl_ok, mut dl_n) = (0, 0);
    for (i, g) in gold.iter().enumerate() {
        let a = article(g, base).with_context(|| format!("gold article {}", i + 1))?;
        let score = |slot: &mut (Counts, usize), got: BTreeSet<String>, want: BTreeSet<String>| {
            slot.0.add(Counts::of_sets(&got, &want));
            slot.1 += 1;
        };
        if let Some(want) = &g.people {
            let got = name_set(a.people.iter().map(String::as_str));
            score(&mut people, got, name_set(want.iter().map(String::as_str)));
        }
        if let Some(want) = &g.speakers {
            let got = name_set(a.speakers.iter().map(String::as_str));
            score(
                &mut speakers,
                got,
                name_set(want.iter().map(String::as_str)),
            );
        }
        if let Some(want) = &g.summits {
            score(&mut summits, bodies(&a.summits), bodies(want));
        }
        if let Some(want) = &g.topics {
            score(&mut topics, folded(&a.topics), folded(want));
        }
        if let Some(want) = &g.dateline {
            dl_n += 1;
            dl_ok += usize::from(a.dateline.as_deref().is_some_and(|d| same_place(d, want)));
        }
    }
    let mut rows = Vec::new();
    for (field, (c, n)) in [
        ("people", people),
        ("speakers", speakers),
        ("summits", summits),
        ("topics", topics),
    ] {
        if n > 0 {
            rows.push(Row::prf(dataset, field, "document", c, n));
        }
    }
    if dl_n > 0 {
        rows.push(Row::accuracy(dataset, "dateline", "place", dl_ok, dl_n));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_rejects_bad_ones() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ok = dir.path().join("g.jsonl");
        let line = r#"{"text": "LONDON (Reuters) - Hi.", "dateline": "London", "people": []}"#;
        std::fs::write(&ok, format!("{line}\n\n")).unwrap_or_else(|e| panic!("{e}"));
        let g = read(&ok).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(g.len(), 1);
        let rows = evaluate(&g, dir.path(), "gold").unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].accuracy, Some(1.0));

        let bad = dir.path().join("bad.jsonl");
        std::fs::write(&bad, "{\"people\": []}\n").unwrap_or_else(|e| panic!("{e}"));
        let err = format!(
            "{:#}",
            read(&bad).err().map_or(String::new(), |e| format!("{e:#}"))
        );
        assert!(err.contains("line 1"), "{err}");
    }
}
