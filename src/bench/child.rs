//! One indexing run in its own process, so that each system's peak resident set (VmHWM, read
//! from /proc/self/status at the end) is its own. The parent starts `newsdex bench-child …`
//! with [`spawn`]; the child runs [`run`] and prints one [`IndexRun`] as JSON on stdout.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::baseline;
use super::stats::{cpu_seconds, dir_size, peak_rss_bytes};
use crate::cli::{BenchChildArgs, BenchSystem};
use crate::indexer::{self, IndexConfig, Silent};

/// Time per stage. Read+parse and extract are summed over worker threads; index (building and
/// adding documents, waiting for tantivy when its queue is full) and commit (commit and merges)
/// are wall time on the writer-feeding thread.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct Stages {
    pub read_parse_ms: u64,
    pub extract_ms: u64,
    pub index_ms: u64,
    pub commit_ms: u64,
}

/// What one indexing run measured.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct IndexRun {
    pub system: String,
    pub threads: usize,
    pub incremental: bool,
    pub wall_ms: f64,
    /// CPU time of the whole child process, all threads.
    pub cpu_s: f64,
    pub files: u64,
    pub articles: u64,
    pub peak_rss_bytes: u64,
    pub index_bytes: u64,
    pub stages: Option<Stages>,
}

/// The child's side: index, measure, print JSON.
pub fn run(args: &BenchChildArgs) -> Result<i32> {
    let threads = args.threads.max(1);
    let memory_bytes = args.memory_mb.max(16).saturating_mul(1_000_000);
    let started = Instant::now();
    let mut out = IndexRun {
        threads,
        incremental: args.incremental,
        ..IndexRun::default()
    };
    match args.system {
        BenchSystem::Newsdex => {
            if !args.incremental && args.out.exists() {
                std::fs::remove_dir_all(&args.out)
                    .with_context(|| format!("clearing {}", args.out.display()))?;
            }
            let cfg = IndexConfig {
                roots: vec![args.corpus.clone()],
                index_dir: args.out.clone(),
                full: !args.incremental,
                memory_bytes,
                threads,
                max_file_bytes: 256 * 1024 * 1024,
                commit_interval: Duration::from_secs(30),
                stop: Arc::new(AtomicBool::new(false)),
            };
            let s = indexer::run(&cfg, &Silent)
                .with_context(|| format!("indexing {}", args.corpus.display()))?;
            out.system = "newsdex".into();
            out.files = s.files_read;
            out.articles = s.added + s.updated + s.unchanged;
            out.stages = Some(Stages {
                read_parse_ms: s.stages.read_parse_ms,
                extract_ms: s.stages.extract_ms,
                index_ms: s.stages.index_ms,
                commit_ms: s.stages.commit_ms,
            });
        }
        BenchSystem::Baseline => {
            if args.incremental {
                bail!("the baseline has no incremental mode");
            }
            let b = baseline::build(&args.corpus, &args.out, threads, memory_bytes)?;
            out.system = "baseline".into();
            out.files = b.files;
            out.articles = b.articles;
            out.stages = Some(Stages {
                read_parse_ms: b.read_parse_ms,
                extract_ms: 0,
                index_ms: b.index_ms,
                commit_ms: b.commit_ms,
            });
        }
    }
    out.wall_ms = started.elapsed().as_secs_f64() * 1000.0;
    out.cpu_s = cpu_seconds();
    out.peak_rss_bytes = peak_rss_bytes();
    out.index_bytes = dir_size(&args.out);
    println!("{}", serde_json::to_string(&out)?);
    Ok(0)
}

/// The parent's side: runs one child and reads its report.
pub fn spawn(
    exe: &Path,
    system: BenchSystem,
    corpus: &Path,
    out: &Path,
    threads: usize,
    memory_mb: usize,
    incremental: bool,
) -> Result<IndexRun> {
    let mut cmd = Command::new(exe);
    cmd.arg("bench-child")
        .arg("--system")
        .arg(match system {
            BenchSystem::Newsdex => "newsdex",
            BenchSystem::Baseline => "baseline",
        })
        .arg("--corpus")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .arg("--threads")
        .arg(threads.to_string())
        .arg("--memory-mb")
        .arg(memory_mb.to_string());
    if incremental {
        cmd.arg("--incremental");
    }
    let output = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("starting {}", exe.display()))?;
    if !output.status.success() {
        bail!("{cmd:?} failed: {}", output.status);
    }
    serde_json::from_slice(&output.stdout).with_context(|| format!("reading the report of {cmd:?}"))
}
