//! The settings of one `newsdex bench` run: the command line checked once (scale, memory,
//! data folder, query list, work folder, threads), and where each corpus and index lives in the
//! work folder. Runs nothing.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::child;
use super::queries::{self, BenchQuery};
use super::scale;
use crate::cli::{BenchArgs, BenchSystem};

/// Validated settings of one run.
pub(super) struct Settings {
    pub exe: PathBuf,
    pub data: PathBuf,
    pub work: PathBuf,
    pub scale: usize,
    pub threads: usize,
    pub memory_mb: usize,
    pub rounds: usize,
    pub runs: usize,
    pub repeat: usize,
    pub scaling: Option<usize>,
    pub queries: Vec<BenchQuery>,
}

/// Removes the temporary work folder when the run ends, however it ends.
pub(super) struct TempWork(Option<PathBuf>);

impl Drop for TempWork {
    fn drop(&mut self) {
        if let Some(dir) = &self.0 {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

pub(super) fn settings(args: &BenchArgs) -> Result<(Settings, TempWork)> {
    if args.scale == 0 {
        bail!("--scale must be at least 1");
    }
    if args.memory_mb < 16 {
        bail!("--memory-mb must be at least 16");
    }
    if args.scaling == Some(0) {
        bail!("--scaling must be at least 1");
    }
    if !args.data.is_dir() {
        bail!(
            "{} is not a folder; point --data at the Reuters-21578 .sgm.gz files",
            args.data.display()
        );
    }
    let list = match &args.queries {
        Some(path) => {
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?
        }
        None => queries::DEFAULT_QUERIES.to_string(),
    };
    let queries = queries::parse_list(&list)?;
    let (work, temp) = match &args.work {
        Some(dir) => (dir.clone(), TempWork(None)),
        None => {
            let dir = std::env::temp_dir().join(format!("newsdex-bench-{}", std::process::id()));
            (dir.clone(), TempWork(Some(dir)))
        }
    };
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let threads = match args.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let s = Settings {
        exe: std::env::current_exe().context("finding the newsdex executable")?,
        data: args.data.clone(),
        work,
        scale: args.scale,
        threads,
        memory_mb: args.memory_mb,
        rounds: args.rounds.max(1),
        runs: args.runs.max(1),
        repeat: args.repeat.max(1),
        scaling: args.scaling,
        queries,
    };
    Ok((s, temp))
}

impl Settings {
    pub(super) fn corpus(&self) -> PathBuf {
        self.work.join("corpus")
    }

    /// The folder holding the ×`scale` corpus: copy 00 alone for ×1, all copies otherwise.
    pub(super) fn corpus_for(&self, scale: usize) -> PathBuf {
        if scale == 1 {
            scale::copy_dir(&self.corpus(), 0)
        } else {
            self.corpus()
        }
    }

    pub(super) fn index_dir(&self, system: &str, scale: usize) -> PathBuf {
        self.work.join("index").join(format!("{system}-x{scale}"))
    }

    pub(super) fn scales(&self) -> Vec<usize> {
        if self.scale == 1 {
            vec![1]
        } else {
            vec![1, self.scale]
        }
    }

    pub(super) fn index(
        &self,
        system: BenchSystem,
        corpus: &Path,
        out: &Path,
        threads: usize,
    ) -> Result<child::IndexRun> {
        child::spawn(
            &self.exe,
            system,
            corpus,
            out,
            threads,
            self.memory_mb,
            false,
        )
    }
}
