//! The baseline the benchmark compares newsdex against: raw tantivy with one schema of `title`
//! and `body` text fields (tantivy's `en_stem` analyzer, positions, stored), fed by the same
//! walk and parsers as newsdex, in parallel, but with no extraction, no compounds and no
//! metadata; searched with tantivy's own QueryParser over title and body, AND by default.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use rayon::prelude::*;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::corpus;

const TITLE: &str = "title";
const BODY: &str = "body";
/// Same cap on one file as `newsdex index` uses by default.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

fn schema() -> Schema {
    let text = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut b = Schema::builder();
    b.add_text_field(TITLE, text.clone());
    b.add_text_field(BODY, text);
    b.build()
}

fn fields(index: &Index) -> Result<(Field, Field)> {
    let s = index.schema();
    Ok((s.get_field(TITLE)?, s.get_field(BODY)?))
}

/// What a baseline build indexed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Built {
    pub files: u64,
    pub articles: u64,
    pub text_bytes: u64,
    /// Read and parse, summed over worker threads.
    pub read_parse_ms: u64,
    /// Adding documents, on the writer-feeding thread (includes waiting for tantivy).
    pub index_ms: u64,
    pub commit_ms: u64,
}

/// Builds a fresh baseline index of `corpus` in `out`, with `threads` parser threads and as
/// many writer threads as newsdex gives itself (at most 8), sharing `memory_bytes`.
pub fn build(corpus: &Path, out: &Path, threads: usize, memory_bytes: usize) -> Result<Built> {
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("clearing {}", out.display()))?;
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let index = Index::create_in_dir(out, schema())?;
    let (title, body) = fields(&index)?;
    let writer_threads = threads.clamp(1, 8);
    let mut writer = index.writer_with_num_threads(
        writer_threads,
        memory_bytes.max(writer_threads * 16_000_000),
    )?;

    let (files, _) = corpus::walk(&[corpus.to_path_buf()]);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| anyhow!("cannot start worker threads: {e}"))?;
    let (tx, rx) = crossbeam_channel::bounded::<Vec<TantivyDocument>>(threads.max(1) * 2);
    let mut built = Built::default();
    let parse_ns = AtomicU64::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| -> Result<()> {
        let files = &files;
        let parse_ns = &parse_ns;
        scope.spawn(move || {
            pool.install(|| {
                files.par_iter().for_each_with(tx, |tx, file| {
                    // Unreadable files are skipped, as newsdex skips them.
                    let t = Instant::now();
                    let Ok(parsed) = corpus::load(file, MAX_FILE_BYTES) else {
                        return;
                    };
                    let ns = u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX);
                    parse_ns.fetch_add(ns, Ordering::Relaxed);
                    let docs = parsed
                        .articles
                        .iter()
                        .map(|a| {
                            let mut doc = TantivyDocument::default();
                            doc.add_text(title, &a.title);
                            doc.add_text(body, &a.body);
                            doc
                        })
                        .collect();
                    let _ = tx.send(docs);
                });
            });
        });
        for docs in rx {
            built.files += 1;
            for doc in docs {
                built.text_bytes += doc_text_bytes(&doc);
                built.articles += 1;
                writer.add_document(doc)?;
            }
        }
        Ok(())
    })?;
    built.index_ms = started.elapsed().as_millis() as u64;
    let t = Instant::now();
    writer.commit()?;
    writer.wait_merging_threads()?;
    built.commit_ms = t.elapsed().as_millis() as u64;
    built.read_parse_ms = parse_ns.load(Ordering::Relaxed) / 1_000_000;
    Ok(built)
}

fn doc_text_bytes(doc: &TantivyDocument) -> u64 {
    use tantivy::schema::Value;
    doc.field_values()
        .filter_map(|(_, v)| v.as_str().map(|s| s.len() as u64))
        .sum()
}

/// A baseline index opened for searching.
pub struct Baseline {
    reader: IndexReader,
    parser: QueryParser,
}

impl Baseline {
    pub fn open(dir: &Path) -> Result<Baseline> {
        let index = Index::open_in_dir(dir)
            .with_context(|| format!("opening baseline {}", dir.display()))?;
        let (title, body) = fields(&index)?;
        let mut parser = QueryParser::for_index(&index, vec![title, body]);
        parser.set_conjunction_by_default();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Baseline { reader, parser })
    }

    /// Parses `query`, takes the top 10 by BM25 and loads their stored documents. Returns how
    /// many it loaded.
    pub fn search(&self, query: &str) -> Result<usize> {
        let q = self
            .parser
            .parse_query(query)
            .map_err(|e| anyhow!("baseline cannot parse {query:?}: {e}"))?;
        let searcher = self.reader.searcher();
        let top = searcher.search(&q, &TopDocs::with_limit(10).order_by_score())?;
        for (_, addr) in &top {
            let _doc: TantivyDocument = searcher.doc(*addr)?;
        }
        Ok(top.len())
    }

    /// As [`Baseline::search`], and also counts every match as newsdex does (which rules out
    /// skipping non-competitive documents).
    pub fn search_counted(&self, query: &str) -> Result<usize> {
        let q = self
            .parser
            .parse_query(query)
            .map_err(|e| anyhow!("baseline cannot parse {query:?}: {e}"))?;
        let searcher = self.reader.searcher();
        let collector = (
            tantivy::collector::Count,
            TopDocs::with_limit(10).order_by_score(),
        );
        let (n, top) = searcher.search(&q, &collector)?;
        for (_, addr) in &top {
            let _doc: TantivyDocument = searcher.doc(*addr)?;
        }
        Ok(n)
    }

    /// How many documents match `query` (not timed; for the report).
    pub fn count(&self, query: &str) -> Result<usize> {
        let q = self
            .parser
            .parse_query(query)
            .map_err(|e| anyhow!("baseline cannot parse {query:?}: {e}"))?;
        Ok(self
            .reader
            .searcher()
            .search(&q, &tantivy::collector::Count)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_searches_a_tiny_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(
            corpus.join("a.txt"),
            "Oil prices rise\n\nCrude oil prices rose sharply on Monday in London trading.\n",
        )
        .unwrap();
        std::fs::write(
            corpus.join("b.txt"),
            "Coffee quota talks\n\nCoffee producers met in London to discuss export quotas.\n",
        )
        .unwrap();
        let out = dir.path().join("index");
        let built = build(&corpus, &out, 1, 20_000_000).unwrap();
        assert_eq!((built.files, built.articles), (2, 2));
        assert!(built.text_bytes > 50);
        let b = Baseline::open(&out).unwrap();
        assert_eq!(b.count("oil prices").unwrap(), 1);
        assert_eq!(b.count("london").unwrap(), 2);
        assert_eq!(b.count("oil coffee").unwrap(), 0, "AND by default");
        assert_eq!(b.count("\"export quota\"").unwrap(), 1, "en_stem stems");
        assert_eq!(b.search("london").unwrap(), 2);
        assert_eq!(b.search_counted("london").unwrap(), 2);
    }
}
