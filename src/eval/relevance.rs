//! `newsdex eval relevance`: runs every topic through newsdex's own ranking (the code path
//! `newsdex search` uses, with "any word" matching, since topics are written as sentences)
//! and through plain BM25 ([`super::baseline`]) on the same index, and scores both against
//! the qrels with trec_eval's measures ([`super::trec`]).
//!
//! Topics are read as sentences: an upper-case AND, OR or NOT in a topic is a word, not an
//! operator. With `--smart FILE` the collection is indexed into an
//! index in memory first (through the indexer's document builder, like any article), and the
//! number after `*TEXT` is the docid.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use tantivy::{DocAddress, Index, TantivyDocument};

use super::trec::{self, Evaluation, Measures, Qrels, Retrieved, Topic};
use super::{baseline, smart};
use crate::cli::EvalRelevanceArgs;
use crate::indexer;
use crate::schema::{self, Fields};
use crate::search::rank::Params;
use crate::search::{MatchMode, NewsIndex, SearchRequest};

/// How deep each run goes (trec_eval's usual 1000).
pub const DEPTH: usize = 1000;

/// Which stored value is the qrels' docid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocidField {
    Id,
    SourceId,
}

/// Both systems' runs and scores.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub ours: Evaluation,
    pub baseline: Evaluation,
    pub runs: HashMap<String, Vec<Retrieved>>,
    pub baseline_runs: HashMap<String, Vec<Retrieved>>,
    pub topics: usize,
    pub articles: u64,
}

/// Indexes a SMART collection into an index in memory.
pub fn smart_index(path: &Path) -> Result<NewsIndex> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut articles = smart::parse(&name, &text)?;
    for a in &mut articles {
        crate::extract::enrich(a);
    }
    let index = Index::create_in_ram(schema::build_schema());
    crate::analysis::register(index.tokenizers());
    let fields = Fields::new(&index.schema())?;
    // One thread and one segment: the same statistics, so the same figures, on every run.
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 64_000_000)?;
    for a in &articles {
        writer.add_document(indexer::to_document(
            a,
            &fields,
            0,
            indexer::content_hash(a),
        ))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(NewsIndex::from_index(index)?)
}

struct Docids<'a> {
    index: &'a NewsIndex,
    field: DocidField,
    cache: HashMap<DocAddress, String>,
}

impl Docids<'_> {
    fn run(&mut self, docs: Vec<(f32, DocAddress)>) -> Result<Vec<Retrieved>> {
        let mut out = Vec::with_capacity(docs.len());
        for (score, addr) in docs {
            let docid = match self.cache.get(&addr) {
                Some(d) => d.clone(),
                None => {
                    let a = self.index.article_at(addr)?;
                    let d = match self.field {
                        DocidField::Id => a.id,
                        DocidField::SourceId => a.source_id.unwrap_or(a.id),
                    };
                    self.cache.insert(addr, d.clone());
                    d
                }
            };
            out.push(Retrieved { docid, score });
        }
        trec::trec_order(&mut out);
        Ok(out)
    }
}

/// Topic text as words: an upper-case AND, OR or NOT in a sentence is a word, not an
/// operator.
pub fn as_words(text: &str) -> String {
    text.split_whitespace()
        .map(|w| match w {
            "AND" | "OR" | "NOT" | "&&" | "||" => w.to_lowercase(),
            _ => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The request newsdex runs for a topic.
pub fn topic_request(topic: &Topic, depth: usize) -> SearchRequest {
    SearchRequest {
        query: as_words(&topic.query),
        limit: depth,
        mode: MatchMode::Any,
        ..Default::default()
    }
}

/// Runs and scores every topic on both systems.
pub fn evaluate(
    index: &NewsIndex,
    topics: &[Topic],
    qrels: &Qrels,
    field: DocidField,
) -> Result<Report> {
    let mut docids = Docids {
        index,
        field,
        cache: HashMap::new(),
    };
    let mut report = Report {
        topics: topics.len(),
        articles: index.num_articles(),
        ..Default::default()
    };
    for t in topics {
        let ours = match index.rank(&topic_request(t, DEPTH)) {
            Ok(r) => r.docs,
            Err(e) => {
                eprintln!("warning: topic {}: {e}", t.id);
                Vec::new()
            }
        };
        report.runs.insert(t.id.clone(), docids.run(ours)?);
        let base = baseline::search(index, &t.query, DEPTH)?;
        report.baseline_runs.insert(t.id.clone(), docids.run(base)?);
    }
    report.ours = trec::evaluate(&report.runs, qrels);
    report.baseline = trec::evaluate(&report.baseline_runs, qrels);
    Ok(report)
}

#[derive(Serialize)]
struct QueryRow<'a> {
    qid: &'a str,
    #[serde(flatten)]
    ours: Measures,
    baseline: Measures,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    #[serde(flatten)]
    ours: Measures,
    baseline: Measures,
    topics: usize,
    judged: usize,
    articles: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_query: Option<Vec<QueryRow<'a>>>,
}

fn rows(r: &Report) -> Vec<QueryRow<'_>> {
    r.ours
        .per_query
        .iter()
        .zip(&r.baseline.per_query)
        .map(|((qid, ours), (_, baseline))| QueryRow {
            qid,
            ours: *ours,
            baseline: *baseline,
        })
        .collect()
}

fn line(out: &mut impl Write, name: &str, m: &Measures) -> io::Result<()> {
    writeln!(
        out,
        "{name:<12} {:>7.4} {:>7.4} {:>8.4} {:>7.4}",
        m.map, m.p_10, m.ndcg_10, m.recall_100
    )
}

/// Prints the report as a table (with `per_query`, a row per query too).
pub fn print_text(out: &mut impl Write, r: &Report, per_query: bool) -> io::Result<()> {
    writeln!(
        out,
        "{} topics, {} judged, {} articles",
        r.topics,
        r.ours.per_query.len(),
        r.articles
    )?;
    if per_query {
        writeln!(
            out,
            "{:<12} {:>7} {:>7} {:>8} {:>7}   (plain BM25: MAP, nDCG@10)",
            "query", "MAP", "P@10", "nDCG@10", "R@100"
        )?;
        for row in rows(r) {
            writeln!(
                out,
                "{:<12} {:>7.4} {:>7.4} {:>8.4} {:>7.4}   ({:.4}, {:.4})",
                row.qid,
                row.ours.map,
                row.ours.p_10,
                row.ours.ndcg_10,
                row.ours.recall_100,
                row.baseline.map,
                row.baseline.ndcg_10
            )?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{:<12} {:>7} {:>7} {:>8} {:>7}",
        "system", "MAP", "P@10", "nDCG@10", "R@100"
    )?;
    line(out, "newsdex", &r.ours.mean)?;
    line(out, "plain BM25", &r.baseline.mean)
}

pub fn print_json(out: &mut impl Write, r: &Report, per_query: bool) -> io::Result<()> {
    let v = JsonReport {
        ours: r.ours.mean,
        baseline: r.baseline.mean,
        topics: r.topics,
        judged: r.ours.per_query.len(),
        articles: r.articles,
        per_query: per_query.then(|| rows(r)),
    };
    serde_json::to_writer(&mut *out, &v)?;
    writeln!(out)
}

fn write_run_file(
    path: &Path,
    topics: &[Topic],
    runs: &HashMap<String, Vec<Retrieved>>,
) -> Result<()> {
    let file =
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = BufWriter::new(file);
    for t in topics {
        if let Some(run) = runs.get(&t.id) {
            trec::write_run(&mut out, &t.id, run, "newsdex")?;
        }
    }
    out.flush()
        .with_context(|| format!("writing {}", path.display()))
}

pub fn run(args: &EvalRelevanceArgs, index_dir: &Path) -> Result<i32> {
    let topics = trec::load_topics(&args.topics)?;
    let qrels = trec::load_qrels(&args.qrels)?;
    let field = match args.docid_field.as_str() {
        "id" => DocidField::Id,
        "source_id" => DocidField::SourceId,
        other => bail!("--docid-field {other:?}: expected `id` or `source_id`"),
    };
    let params = match &args.rank {
        Some(spec) => Params::default()
            .with(spec)
            .map_err(|e| anyhow::anyhow!("--rank: {e}"))?,
        None => Params::default(),
    };
    let (mut index, field) = match &args.smart {
        Some(path) => (
            smart_index(path).with_context(|| format!("indexing {}", path.display()))?,
            DocidField::SourceId,
        ),
        None => (
            NewsIndex::open(index_dir)
                .with_context(|| format!("opening {}", index_dir.display()))?,
            field,
        ),
    };
    if topics.is_empty() {
        bail!("{}: no topics", args.topics.display());
    }
    index.set_rank_params(params);
    let report = evaluate(&index, &topics, &qrels, field)?;
    if let Some(path) = &args.run {
        write_run_file(path, &topics, &report.runs)?;
    }
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        print_json(&mut out, &report, args.per_query)?;
    } else {
        print_text(&mut out, &report, args.per_query)?;
    }
    out.flush()?;
    Ok(crate::app::EXIT_FOUND)
}
