//! The timed query set: reading `bench/queries.txt` (see the file's header for its format) and
//! timing every query in-process against newsdex and the baseline, interleaved, after a
//! warm-up, as p50/p95/p99 for plain queries and for queries with filters or facets.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use serde::{Deserialize, Serialize};
use tantivy::{IndexReader, ReloadPolicy, TantivyDocument};
use time::Date;

use super::baseline::Baseline;
use super::stats::{Latency, ratio};
use crate::schema;
use crate::search::{Filters, NewsIndex, SearchRequest};

/// The query set checked in at `bench/queries.txt`.
pub const DEFAULT_QUERIES: &str = include_str!("../../bench/queries.txt");

#[derive(Debug, Clone, Default)]
pub struct BenchQuery {
    pub line: usize,
    pub text: String,
    pub filters: Filters,
    pub facets: bool,
}

impl BenchQuery {
    pub fn filtered(&self) -> bool {
        self.facets || !self.filters.is_empty()
    }

    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            query: self.text.clone(),
            filters: self.filters.clone(),
            limit: 10,
            facets: self.facets,
            ..SearchRequest::default()
        }
    }

    /// The line as written, for the report.
    pub fn label(&self) -> String {
        let mut s = self.text.clone();
        let f = &self.filters;
        for (name, values) in f.by_name() {
            for v in values {
                s.push_str(&format!(" --{name} {v}"));
            }
        }
        for (name, d) in [("since", f.since), ("until", f.until)] {
            if let Some(d) = d {
                s.push_str(&format!(" --{name} {d}"));
            }
        }
        if self.facets {
            s.push_str(" --facets");
        }
        s
    }
}

fn day(value: &str) -> Result<Date, String> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(value, &fmt).map_err(|_| format!("expected YYYY-MM-DD, got {value:?}"))
}

fn parse_line(line: &str) -> Result<BenchQuery, String> {
    let mut parts = line.split(';');
    let text = parts.next().unwrap_or("").trim().to_string();
    if text.is_empty() {
        return Err("no query text (the baseline needs some)".into());
    }
    let mut q = BenchQuery {
        text,
        ..BenchQuery::default()
    };
    for part in parts {
        let part = part.trim();
        let (flag, value) = part.split_once(' ').unwrap_or((part, ""));
        let value = value.trim().to_string();
        let f = &mut q.filters;
        match (flag, value.is_empty()) {
            ("--facets", true) => q.facets = true,
            ("--person", false) => f.person.push(value),
            ("--speaker", false) => f.speaker.push(value),
            ("--summit", false) => f.summit.push(value),
            ("--topic", false) => f.topic.push(value),
            ("--dateline", false) => f.dateline.push(value),
            ("--source", false) => f.source.push(value),
            ("--since", false) => f.since = Some(day(&value)?),
            ("--until", false) => f.until = Some(day(&value)?),
            _ => return Err(format!("cannot read {part:?}")),
        }
    }
    Ok(q)
}

/// Reads a query list; an unreadable line is an error naming its line number.
pub fn parse_list(text: &str) -> Result<Vec<BenchQuery>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut q = parse_line(line).map_err(|e| anyhow!("query list line {}: {e}", i + 1))?;
        q.line = i + 1;
        out.push(q);
    }
    if out.is_empty() {
        bail!("the query list is empty");
    }
    Ok(out)
}

/// Latencies of one group of queries on both systems.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GroupTimes {
    pub queries: usize,
    /// `NewsIndex::search`, limit 10: query building, top 10, facets, stored docs, snippets.
    pub newsdex: Latency,
    /// The same query with no snippets and no facets: rank (count, top 10), load stored docs.
    pub newsdex_core: Latency,
    /// QueryParser over title and body, top 10, load stored docs.
    pub baseline: Latency,
    /// The baseline counting every match too, as newsdex does.
    pub baseline_counted: Latency,
    /// newsdex over the baseline: the target.
    pub p50_ratio: f64,
    /// newsdex without snippets and facets over the baseline.
    pub core_p50_ratio: f64,
    /// newsdex without snippets and facets over the counting baseline: what is left when
    /// both do the same work.
    pub core_counted_p50_ratio: f64,
}

/// One query's medians, so the slow ones stand out.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct PerQuery {
    pub query: String,
    pub filtered: bool,
    pub newsdex_hits: usize,
    pub baseline_hits: usize,
    pub newsdex_p50_ms: f64,
    pub baseline_p50_ms: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct QueryTimes {
    pub warmup_rounds: usize,
    pub rounds: usize,
    pub plain: GroupTimes,
    pub filtered: GroupTimes,
    pub per_query: Vec<PerQuery>,
}

/// newsdex's index opened twice: through [`NewsIndex`] as users search it, and as a bare
/// tantivy reader for the no-snippet figure.
pub struct NewsSide {
    pub news: NewsIndex,
    reader: IndexReader,
}

impl NewsSide {
    pub fn open(dir: &Path) -> Result<NewsSide> {
        let news = NewsIndex::open(dir).with_context(|| format!("opening {}", dir.display()))?;
        let (index, _) = schema::open_index(dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(NewsSide { news, reader })
    }

    /// Full search as `newsdex search` runs it; returns the total hit count.
    pub fn search(&self, q: &BenchQuery) -> Result<usize> {
        Ok(self.news.search(&q.request())?.total_hits)
    }

    /// Ranking as `newsdex search` ranks (query building, any feedback pass, count, top 10)
    /// and loading the 10 stored documents; no snippets, no facets.
    fn core(&self, q: &BenchQuery) -> Result<usize> {
        let mut req = q.request();
        req.facets = false;
        let ranking = self.news.rank(&req)?;
        let searcher = self.reader.searcher();
        for (_, addr) in &ranking.docs {
            let _doc: TantivyDocument = searcher.doc(*addr)?;
        }
        Ok(ranking.total_hits)
    }
}

fn timed<T>(f: impl FnOnce() -> Result<T>) -> Result<Duration> {
    let t = Instant::now();
    f()?;
    Ok(t.elapsed())
}

/// Times every query `rounds` times in four ways (newsdex as users search, newsdex without
/// snippets and facets, the baseline, the baseline counting all hits) after `warmup` untimed
/// rounds.
pub fn time_all(
    news: &NewsSide,
    baseline: &Baseline,
    queries: &[BenchQuery],
    warmup: usize,
    rounds: usize,
) -> Result<QueryTimes> {
    const FULL: usize = 0;
    const CORE: usize = 1;
    const BASE: usize = 2;
    const COUNTED: usize = 3;
    let run = |variant: usize, q: &BenchQuery| -> Result<usize> {
        match variant {
            FULL => news
                .search(q)
                .with_context(|| format!("query {:?}", q.label())),
            CORE => news.core(q),
            BASE => baseline.search(&q.text),
            _ => baseline.search_counted(&q.text),
        }
    };
    for _ in 0..warmup {
        for variant in [FULL, CORE, BASE, COUNTED] {
            for q in queries {
                run(variant, q)?;
            }
        }
    }
    // One variant runs over the whole list before the next starts, so no variant finds the
    // stored documents of a query already decompressed in tantivy's block cache by another;
    // the order of the variants rotates from round to round.
    let n = queries.len();
    let mut times: [Vec<Vec<Duration>>; 4] = std::array::from_fn(|_| vec![Vec::new(); n]);
    for round in 0..rounds.max(1) {
        for k in 0..4 {
            let variant = (round + k) % 4;
            for (i, q) in queries.iter().enumerate() {
                times[variant][i].push(timed(|| run(variant, q))?);
            }
        }
    }
    let [full, core, base, counted] = &times;
    let group = |filtered: bool| -> GroupTimes {
        let pick = |v: &[Vec<Duration>]| -> Vec<Duration> {
            (0..n)
                .filter(|&i| queries[i].filtered() == filtered)
                .flat_map(|i| v[i].iter().copied())
                .collect()
        };
        let newsdex = Latency::of(&pick(full));
        let newsdex_core = Latency::of(&pick(core));
        let baseline = Latency::of(&pick(base));
        let baseline_counted = Latency::of(&pick(counted));
        GroupTimes {
            queries: queries.iter().filter(|q| q.filtered() == filtered).count(),
            p50_ratio: ratio(newsdex.p50_ms, baseline.p50_ms),
            core_p50_ratio: ratio(newsdex_core.p50_ms, baseline.p50_ms),
            core_counted_p50_ratio: ratio(newsdex_core.p50_ms, baseline_counted.p50_ms),
            newsdex,
            newsdex_core,
            baseline,
            baseline_counted,
        }
    };
    let mut per_query = Vec::with_capacity(n);
    for (i, q) in queries.iter().enumerate() {
        per_query.push(PerQuery {
            query: q.label(),
            filtered: q.filtered(),
            newsdex_hits: news.search(q)?,
            baseline_hits: baseline.count(&q.text)?,
            newsdex_p50_ms: Latency::of(&full[i]).p50_ms,
            baseline_p50_ms: Latency::of(&base[i]).p50_ms,
        });
    }
    Ok(QueryTimes {
        warmup_rounds: warmup,
        rounds,
        plain: group(false),
        filtered: group(true),
        per_query,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_list_reads_and_is_big_enough() {
        let list = parse_list(DEFAULT_QUERIES).unwrap();
        assert!(list.len() >= 50, "{}", list.len());
        assert!(list.iter().filter(|q| q.filtered()).count() >= 10);
        assert!(list.iter().filter(|q| !q.filtered()).count() >= 30);
    }

    #[test]
    fn lines_with_filters_and_facets() {
        let list = parse_list(
            "# comment\n\noil prices\ngrain ; --topic wheat ; --dateline new york ; --facets\n\
             takeover ; --since 1987-03-01 ; --until 1987-03-31\n",
        )
        .unwrap();
        assert_eq!(list.len(), 3);
        assert!(!list[0].filtered());
        assert_eq!(list[0].line, 3);
        assert_eq!(list[1].text, "grain");
        assert_eq!(list[1].filters.topic, ["wheat"]);
        assert_eq!(list[1].filters.dateline, ["new york"]);
        assert!(list[1].facets && list[1].filtered());
        assert_eq!(
            list[1].label(),
            "grain --topic wheat --dateline new york --facets"
        );
        assert_eq!(list[2].filters.since.map(|d| d.month() as u8), Some(3));
        assert!(list[2].filtered());
    }

    #[test]
    fn bad_lines_name_their_line() {
        for bad in [
            "oil ; --colour red",
            " ; --topic crude",
            "oil ; --since March",
            "oil ; --facets x",
        ] {
            let err = parse_list(&format!("ok\n{bad}\n")).unwrap_err().to_string();
            assert!(err.contains("line 2"), "{bad}: {err}");
        }
        assert!(parse_list("# only a comment\n").is_err());
    }
}
