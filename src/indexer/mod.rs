//! Turning a corpus into an index: walk, parse and extract in parallel, add documents on one
//! thread, commit at intervals, and account for what was added, updated, removed, unchanged
//! and skipped.
//!
//! Incremental by default: a file whose size and mtime match what the index holds is not read.
//! A file's articles are deleted and added between two commits, never across one, so a crash
//! (Ctrl-C, kill -9) leaves the index at its last commit with every file either fully old or
//! fully new, and the next run completes the work.
//!
//! This module prints nothing: it reports through [`Progress`].

mod document;
pub mod simhash;
mod state;

pub use document::{content_hash, file_sig, to_document};

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::{IndexWriter, TantivyError, Term};

use crate::corpus::{self, Parsed, Skipped, SourceFile};
use crate::error::{Error, Result};
use crate::extract;
use crate::schema;

#[derive(Debug, Clone)]
pub struct IndexConfig {
    pub roots: Vec<PathBuf>,
    pub index_dir: PathBuf,
    pub full: bool,
    /// Total memory budget of the tantivy writer, in bytes.
    pub memory_bytes: usize,
    /// Worker threads for parsing and extraction (0: one per core); the writer gets one thread
    /// per four workers.
    pub threads: usize,
    pub max_file_bytes: u64,
    pub commit_interval: Duration,
    /// Set from outside (Ctrl-C) to stop early: work done so far is committed.
    pub stop: Arc<AtomicBool>,
}

/// Wall time spent in each stage. Parse and extract are summed over worker threads.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StageTimes {
    pub read_parse_ms: u64,
    pub extract_ms: u64,
    pub index_ms: u64,
    pub commit_ms: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexSummary {
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    pub unchanged: u64,
    pub skipped: Vec<Skipped>,
    pub files_read: u64,
    pub bytes_read: u64,
    pub elapsed_ms: u64,
    pub stages: StageTimes,
    /// True when the run was stopped early; the next run completes it.
    pub interrupted: bool,
}

/// Where the indexer reports as it goes. The binary draws progress bars from it.
pub trait Progress: Sync {
    fn begin(&self, _files: u64, _bytes: u64) {}
    fn file_done(&self, _bytes: u64, _articles: u64) {}
    fn skipped(&self, _skipped: &Skipped) {}
}

/// A [`Progress`] that reports nothing.
pub struct Silent;
impl Progress for Silent {}

#[derive(Default)]
struct Timers {
    parse_ns: AtomicU64,
    extract_ns: AtomicU64,
}

fn elapsed_ns(t: Instant) -> u64 {
    u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

/// One file, ready for the writer: each article's id, content hash and document.
struct Loaded {
    docs: Vec<(String, u64, tantivy::TantivyDocument)>,
    warnings: Vec<Skipped>,
}

/// Reads, parses and enriches one file, and builds its documents. Runs on worker threads, so
/// the single thread that feeds the writer only adds documents.
fn load_file(
    file: &SourceFile,
    max_bytes: u64,
    fields: &schema::Fields,
    timers: &Timers,
) -> Result<Loaded, String> {
    let t = Instant::now();
    let Parsed {
        mut articles,
        warnings,
    } = corpus::load(file, max_bytes)?;
    timers.parse_ns.fetch_add(elapsed_ns(t), Ordering::Relaxed);
    let t = Instant::now();
    for article in &mut articles {
        extract::enrich(article);
    }
    timers
        .extract_ns
        .fetch_add(elapsed_ns(t), Ordering::Relaxed);
    let sig = file_sig(file.size, file.mtime_ns);
    let docs = articles
        .into_iter()
        .map(|a| {
            let hash = content_hash(&a);
            let doc = to_document(&a, fields, sig, hash);
            (a.id, hash, doc)
        })
        .collect();
    Ok(Loaded { docs, warnings })
}

/// True when `path` lies under one of the roots walked in this run: only those files can be
/// "deleted"; articles from other folders indexed earlier are left alone.
fn under_roots(path: &str, roots: &[String]) -> bool {
    roots.iter().any(|r| {
        r.is_empty()
            || path == r
            || path
                .strip_prefix(r.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

fn root_display(root: &std::path::Path) -> String {
    let s = root.to_string_lossy().replace('\\', "/");
    let s = s.trim_end_matches('/');
    let s = s.strip_prefix("./").unwrap_or(s);
    if s == "." {
        String::new()
    } else {
        s.to_string()
    }
}

fn open_writer(index: &tantivy::Index, cfg: &IndexConfig) -> Result<IndexWriter> {
    let workers = if cfg.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        cfg.threads
    };
    // Parsing and extraction take about three quarters of the CPU and tantivy's indexing the
    // rest, so the writer gets one thread per four workers: more would only compete with the
    // workers for the cores, and split the memory budget into smaller segments to merge.
    let threads = workers.div_ceil(4);
    // tantivy refuses less than 15 MB per thread.
    let memory = cfg.memory_bytes.max(threads * 16_000_000);
    index
        .writer_with_num_threads(threads, memory)
        .map_err(|e| match e {
            TantivyError::LockFailure(..) => Error::Index {
                path: cfg.index_dir.clone(),
                message: schema::WRITER_BUSY.into(),
            },
            other => other.into(),
        })
}

struct StopOnDrop<'a>(&'a AtomicBool);
impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Runs one index pass. See the module docs.
pub fn run(cfg: &IndexConfig, progress: &dyn Progress) -> Result<IndexSummary> {
    let started = Instant::now();
    let (index, fields) = if cfg.full {
        schema::open_for_rebuild(&cfg.index_dir)?
    } else {
        schema::open_or_create_index(&cfg.index_dir)?
    };
    let reader = schema::open_reader(&cfg.index_dir, &index)?;
    let mut writer = open_writer(&index, cfg)?;
    let searcher = reader.searcher();
    let mut summary = IndexSummary::default();

    let known = state::load(&searcher)?;
    if cfg.full {
        writer.delete_all_documents()?;
        summary.removed = known.values().map(|s| s.articles).sum();
    }
    let known = if cfg.full { HashMap::new() } else { known };

    let (files, mut walk_skipped) = corpus::walk(&cfg.roots);
    // What the walk could not read (a root that is missing or not mounted, a folder without
    // permission) is not gone: its articles stay, and the summary says so.
    let unreadable: Vec<String> = walk_skipped
        .iter()
        .map(|s| root_display(std::path::Path::new(&s.path)))
        .collect();
    for (s, at) in walk_skipped.iter_mut().zip(&unreadable) {
        let kept: u64 = known
            .iter()
            .filter(|(p, _)| under_roots(p, std::slice::from_ref(at)))
            .map(|(_, st)| st.articles)
            .sum();
        if kept > 0 && !at.is_empty() {
            let s_ = if kept == 1 { "" } else { "s" };
            s.reason = format!("{}; its {kept} indexed article{s_} are kept", s.reason);
        }
        progress.skipped(s);
    }
    summary.skipped.extend(walk_skipped);

    let mut seen: HashSet<String> = HashSet::with_capacity(files.len());
    let mut todo: Vec<SourceFile> = Vec::new();
    for file in files {
        if !seen.insert(file.display.clone()) {
            continue;
        }
        match known.get(&file.display) {
            Some(st) if st.sig == file_sig(file.size, file.mtime_ns) => {
                summary.unchanged += st.articles;
            }
            _ => todo.push(file),
        }
    }
    let roots: Vec<String> = cfg.roots.iter().map(|r| root_display(r)).collect();
    let gone: Vec<(&String, u64)> = known
        .iter()
        .filter(|(p, _)| {
            !seen.contains(*p)
                && under_roots(p, &roots)
                && !unreadable
                    .iter()
                    .any(|u| !u.is_empty() && under_roots(p, std::slice::from_ref(u)))
        })
        .map(|(p, st)| (p, st.articles))
        .collect();

    progress.begin(todo.len() as u64, todo.iter().map(|f| f.size).sum());
    let timers = Timers::default();
    let mut index_ns = 0u64;
    let mut commit_ns = 0u64;
    let mut last_commit = Instant::now();

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads)
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start worker threads: {e}")))?;
    // Bounded, so a fast parser cannot run ahead of the writer and fill memory.
    let (tx, rx) = crossbeam_channel::bounded(pool.current_num_threads() * 2);
    let max_bytes = cfg.max_file_bytes;
    let abandoned = AtomicBool::new(false);

    std::thread::scope(|scope| -> Result<()> {
        let timers = &timers;
        let todo = &todo;
        let fields = &fields;
        let stop = &cfg.stop;
        let abandoned = &abandoned;
        scope.spawn(move || {
            pool.install(|| {
                todo.par_iter().for_each_with(tx, |tx, file| {
                    if stop.load(Ordering::Relaxed) || abandoned.load(Ordering::Relaxed) {
                        return;
                    }
                    let result = load_file(file, max_bytes, fields, timers);
                    // The receiver only goes away when the writer failed; stop quietly then.
                    let _ = tx.send((file, result));
                });
            });
        });
        // Whatever ends this loop early (an error, Ctrl-C) tells the workers to stop reading.
        let _stop_workers = StopOnDrop(abandoned);
        for (file, result) in rx {
            if cfg.stop.load(Ordering::Relaxed) {
                summary.interrupted = true;
                break;
            }
            let parsed = match result {
                Ok(p) => p,
                Err(reason) => {
                    // A file that was good before and is bad now keeps its old articles.
                    let s = Skipped {
                        path: file.display.clone(),
                        reason,
                    };
                    progress.skipped(&s);
                    summary.skipped.push(s);
                    progress.file_done(file.size, 0);
                    continue;
                }
            };
            for w in &parsed.warnings {
                progress.skipped(w);
            }
            summary.skipped.extend(parsed.warnings);
            summary.files_read += 1;
            summary.bytes_read += file.size;
            let t = Instant::now();
            let old = if known.contains_key(&file.display) {
                let old = state::articles_of(&searcher, fields, &file.display)?;
                writer.delete_term(Term::from_field_text(fields.path, &file.display));
                old
            } else {
                HashMap::new()
            };
            let mut new_ids = HashSet::with_capacity(parsed.docs.len());
            let n = parsed.docs.len() as u64;
            for (id, hash, doc) in parsed.docs {
                match old.get(&id) {
                    None => summary.added += 1,
                    Some(&h) if h == hash => summary.unchanged += 1,
                    Some(_) => summary.updated += 1,
                }
                new_ids.insert(id);
                writer.add_document(doc)?;
            }
            summary.removed += old.keys().filter(|id| !new_ids.contains(*id)).count() as u64;
            index_ns += elapsed_ns(t);
            progress.file_done(file.size, n);
            if last_commit.elapsed() >= cfg.commit_interval {
                let t = Instant::now();
                writer.commit()?;
                commit_ns += elapsed_ns(t);
                last_commit = Instant::now();
            }
        }
        Ok(())
    })?;

    for (path, articles) in gone {
        writer.delete_term(Term::from_field_text(fields.path, path));
        summary.removed += articles;
    }
    let t = Instant::now();
    writer.commit()?;
    writer.wait_merging_threads()?;
    commit_ns += elapsed_ns(t);

    summary.stages = StageTimes {
        read_parse_ms: timers.parse_ns.load(Ordering::Relaxed) / 1_000_000,
        extract_ms: timers.extract_ns.load(Ordering::Relaxed) / 1_000_000,
        index_ms: index_ns / 1_000_000,
        commit_ms: commit_ns / 1_000_000,
    };
    summary.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_limit_what_counts_as_deleted() {
        let roots = vec!["corpus".to_string()];
        assert!(under_roots("corpus/a.txt", &roots));
        assert!(!under_roots("corpus2/a.txt", &roots));
        assert!(!under_roots("other/a.txt", &roots));
        assert!(under_roots("anything", &[String::new()]));
    }

    #[test]
    fn root_display_matches_walk_paths() {
        assert_eq!(root_display(std::path::Path::new("./corpus/")), "corpus");
        assert_eq!(root_display(std::path::Path::new(".")), "");
    }
}
