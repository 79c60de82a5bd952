//! JSON Lines output: one object per line with a `type` key (`hit`, `facets`, `summary`,
//! `article`, `stats`), for scripts and other tools.

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::search::{FacetCounts, Hit, Snippet, Stats, rfc3339};

/// The shape of a hit line; also the shape of an exported article (plus `body`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ArticleRecord {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rank: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub score: Option<f32>,
    pub id: String,
    pub source_id: Option<String>,
    pub path: String,
    pub format: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub dateline: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub people: Vec<String>,
    pub speakers: Vec<String>,
    pub summits: Vec<String>,
    pub topics: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub snippet: Option<Snippet>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub body: Option<String>,
    /// Hits only: how many near-duplicates were folded into this hit, and their ids.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub similar_count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub similar_ids: Option<Vec<String>>,
}

impl ArticleRecord {
    pub fn new(kind: &str, a: &Article) -> Self {
        ArticleRecord {
            kind: kind.to_string(),
            rank: None,
            score: None,
            id: a.id.clone(),
            source_id: a.source_id.clone(),
            path: a.path.clone(),
            format: a.format.map(|f| f.to_string()),
            title: a.title.clone(),
            date: a.date.map(rfc3339),
            dateline: a.dateline.clone(),
            source: a.source.clone(),
            url: a.url.clone(),
            authors: a.authors.clone(),
            people: a.people.clone(),
            speakers: a.speakers.clone(),
            summits: a.summits.clone(),
            topics: a.topics.clone(),
            places: a.places.clone(),
            orgs: a.orgs.clone(),
            snippet: None,
            body: None,
            similar_count: None,
            similar_ids: None,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct FacetsRecord {
    #[serde(rename = "type")]
    pub kind: String,
    pub people: Vec<FacetValue>,
    pub speakers: Vec<FacetValue>,
    pub summits: Vec<FacetValue>,
    pub topics: Vec<FacetValue>,
    pub datelines: Vec<FacetValue>,
}

impl FacetsRecord {
    pub fn new(kind: &str, f: &FacetCounts) -> Self {
        let conv = |v: &Vec<(String, u64)>| {
            v.iter()
                .map(|(value, count)| FacetValue {
                    value: value.clone(),
                    count: *count,
                })
                .collect()
        };
        FacetsRecord {
            kind: kind.to_string(),
            people: conv(&f.people),
            speakers: conv(&f.speakers),
            summits: conv(&f.summits),
            topics: conv(&f.topics),
            datelines: conv(&f.datelines),
        }
    }
}

fn line<T: Serialize>(out: &mut impl Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

pub fn hit(out: &mut impl Write, h: &Hit) -> std::io::Result<()> {
    let mut r = ArticleRecord::new("hit", &h.article);
    r.rank = Some(h.rank);
    r.score = Some(h.score);
    r.snippet = Some(h.snippet.clone());
    r.similar_count = Some(h.similar_count);
    r.similar_ids = Some(h.similar.clone());
    line(out, &r)
}

/// One near-duplicate pair of `newsdex dups`.
pub fn pair(out: &mut impl Write, a: &Article, b: &Article, distance: u32) -> std::io::Result<()> {
    let side = |x: &Article| serde_json::json!({"id": x.id, "title": x.title});
    line(
        out,
        &serde_json::json!({"type": "pair", "distance": distance, "a": side(a), "b": side(b)}),
    )
}

/// The last line of `newsdex dups`: pairs found, how many had identical fingerprints, and how
/// many articles take part in a pair.
pub fn dups_summary(
    out: &mut impl Write,
    pairs: &[(Article, Article, u32)],
    articles: u64,
    threshold: u32,
) -> std::io::Result<()> {
    let s = crate::search::dedup::PairStats::of(pairs);
    line(
        out,
        &serde_json::json!({
            "type": "summary",
            "pairs": pairs.len(),
            "identical": s.identical,
            "articles_in_pairs": s.articles_in_pairs,
            "articles": articles,
            "threshold": threshold,
        }),
    )
}

pub fn facets(out: &mut impl Write, f: &FacetCounts) -> std::io::Result<()> {
    line(out, &FacetsRecord::new("facets", f))
}

/// The last line of a search: how many articles matched, how many stories were shown, whether
/// the query was relaxed to "any word", and a spelling suggestion when there is one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    pub total_hits: usize,
    pub shown: usize,
    pub relaxed: bool,
    pub did_you_mean: Option<String>,
}

pub fn summary(out: &mut impl Write, s: &Summary) -> std::io::Result<()> {
    let mut v = serde_json::to_value(s).unwrap_or(serde_json::Value::Null);
    if let Some(obj) = v.as_object_mut() {
        obj.insert("type".into(), "summary".into());
    }
    line(out, &v)
}

/// A whole article, with its body: `show --json` and `export`.
pub fn article(out: &mut impl Write, a: &Article) -> std::io::Result<()> {
    let mut r = ArticleRecord::new("article", a);
    r.body = Some(a.body.clone());
    line(out, &r)
}

pub fn stats(out: &mut impl Write, s: &Stats) -> std::io::Result<()> {
    let mut v =
        serde_json::to_value(FacetsRecord::new("stats", &s.top)).unwrap_or(serde_json::Value::Null);
    if let Some(obj) = v.as_object_mut() {
        obj.insert("articles".into(), s.articles.into());
        obj.insert("first_date".into(), s.first_date.clone().into());
        obj.insert("last_date".into(), s.last_date.clone().into());
    }
    line(out, &v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hit_line_deserializes_back() {
        let h = Hit {
            rank: 1,
            score: 2.5,
            article: Article {
                id: "a#0".into(),
                title: "T".into(),
                date: Some(time::macros::datetime!(2016-09-05 0:00 UTC)),
                speakers: vec!["Barack Obama".into()],
                ..Default::default()
            },
            snippet: Snippet {
                text: "a cease-fire".into(),
                highlights: vec![[2, 12]],
            },
            title_highlights: vec![],
            similar: vec!["b#1".into()],
            similar_count: 1,
        };
        let mut buf = Vec::new();
        hit(&mut buf, &h).expect("write");
        let back: ArticleRecord = serde_json::from_slice(&buf).expect("json");
        assert_eq!(back.kind, "hit");
        assert_eq!(back.rank, Some(1));
        assert_eq!(back.date.as_deref(), Some("2016-09-05T00:00:00Z"));
        assert_eq!(back.speakers, vec!["Barack Obama"]);
        assert_eq!(back.snippet.expect("snippet").highlights, vec![[2, 12]]);
        assert_eq!(back.body, None);
        assert_eq!(back.similar_count, Some(1));
        assert_eq!(back.similar_ids, Some(vec!["b#1".to_string()]));
    }
}
