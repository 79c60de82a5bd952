//! Measurements that run other processes: the whole `newsdex search` command (process start,
//! index open, query, snippets, output) and ripgrep's brute-force scan of the corpus as loose
//! files. Each is timed from spawn to exit, median of several runs after a warm-up.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::stats::percentile;

/// Median and spread of whole-process runs.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ProcessTimes {
    pub median_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    pub runs: usize,
}

impl ProcessTimes {
    fn of(samples: &[Duration]) -> ProcessTimes {
        let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        ProcessTimes {
            median_ms: percentile(&mut ms, 50.0),
            min_ms: ms.first().copied().unwrap_or(0.0),
            max_ms: ms.last().copied().unwrap_or(0.0),
            runs: ms.len(),
        }
    }
}

/// Runs `cmd` to completion with its output discarded; exit codes in `ok` count as success.
fn run_quiet(cmd: &mut Command, ok: &[i32]) -> Result<Duration> {
    let t = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("running {cmd:?}"))?;
    let took = t.elapsed();
    match status.code() {
        Some(c) if ok.contains(&c) => Ok(took),
        _ => bail!("{cmd:?} failed: {status}"),
    }
}

/// `newsdex --index DIR search QUERY` with output to /dev/null, `runs` times after two
/// warm-up runs.
pub fn newsdex_search(exe: &Path, index: &Path, query: &str, runs: usize) -> Result<ProcessTimes> {
    let mut cmd = Command::new(exe);
    cmd.arg("--index")
        .arg(index)
        .arg("search")
        .arg("--")
        .arg(query);
    // 1 means nothing matched, which is still a complete search.
    for _ in 0..2 {
        run_quiet(&mut cmd, &[0, 1])?;
    }
    let samples = (0..runs.max(1))
        .map(|_| run_quiet(&mut cmd, &[0, 1]))
        .collect::<Result<Vec<_>>>()?;
    Ok(ProcessTimes::of(&samples))
}

/// `rg` on the PATH, if there is one.
pub fn find_rg() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("rg"))
        .find(|p| p.is_file())
}

/// One brute-force search: ripgrep lists the files holding the first word, then the files
/// among those holding each next word (`rg -l a | xargs rg -l b`), case-insensitive, whole
/// words. Returns the time for all passes and the number of files that hold every word.
fn rg_all_words(rg: &Path, dir: &Path, words: &[&str]) -> Result<(Duration, usize)> {
    let t = Instant::now();
    let mut files: Option<Vec<String>> = None;
    for word in words {
        let mut found = Vec::new();
        let batches: Vec<Vec<String>> = match &files {
            None => vec![vec![dir.to_string_lossy().to_string()]],
            Some(f) => f.chunks(2000).map(<[String]>::to_vec).collect(),
        };
        for batch in batches {
            let out = Command::new(rg)
                .args(["-l", "-i", "-w", "-F", "--no-messages", "--", word])
                .args(&batch)
                .output()
                .with_context(|| format!("running {}", rg.display()))?;
            // rg exits 1 when nothing matched.
            if !matches!(out.status.code(), Some(0 | 1)) {
                bail!("{} failed: {}", rg.display(), out.status);
            }
            found.extend(
                String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .map(str::to_string),
            );
        }
        files = Some(found);
    }
    Ok((t.elapsed(), files.map_or(0, |f| f.len())))
}

/// ripgrep's time for `query`'s words over `dir`: median of `runs` after one warm-up.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RgTimes {
    pub files_scanned: u64,
    pub files_matched: usize,
    pub rg: ProcessTimes,
}

pub fn rg_times(rg: &Path, dir: &Path, query: &str, runs: usize) -> Result<RgTimes> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let (_, files_matched) = rg_all_words(rg, dir, &words)?;
    let mut samples = Vec::new();
    for _ in 0..runs.max(1) {
        samples.push(rg_all_words(rg, dir, &words)?.0);
    }
    let files_scanned = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .count() as u64;
    Ok(RgTimes {
        files_scanned,
        files_matched,
        rg: ProcessTimes::of(&samples),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_times_take_the_median() {
        let d: Vec<Duration> = [5, 1, 3, 2, 4]
            .into_iter()
            .map(Duration::from_millis)
            .collect();
        let t = ProcessTimes::of(&d);
        assert_eq!(t.runs, 5);
        assert!((t.median_ms - 3.0).abs() < 1e-9);
        assert!((t.min_ms - 1.0).abs() < 1e-9 && (t.max_ms - 5.0).abs() < 1e-9);
    }

    #[test]
    fn rg_finds_files_with_every_word() {
        let Some(rg) = find_rg() else { return };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Oil prices rose.").unwrap();
        std::fs::write(dir.path().join("b.txt"), "OIL output, higher PRICES").unwrap();
        std::fs::write(dir.path().join("c.txt"), "oil only; pricesx").unwrap();
        let (_, n) = rg_all_words(&rg, dir.path(), &["oil", "prices"]).unwrap();
        assert_eq!(n, 2);
    }
}
