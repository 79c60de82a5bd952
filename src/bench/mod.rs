//! `newsdex bench`: indexing and search speed against raw tantivy, in one run (issue 4).
//!
//! The run, in order: check the settings ([`settings`]); write the ×N corpus ([`scale`]);
//! time each indexing step alone on one thread ([`micro`]); for ×1 and ×N, index with newsdex
//! and with the baseline, each in its own child process ([`child`], [`baseline`]); time the
//! query list in-process on both ([`queries`]) and the whole `newsdex search` process
//! ([`external`]); re-index the unchanged ×N incrementally; time ripgrep over the corpus as
//! loose files when `rg` is installed; optionally index at 1, 2, 4, … threads. Then print the
//! table and the JSON record ([`report`]) and check the targets ([`targets`]).
//!
//! Progress goes to stderr; stdout carries only the table and the JSON record. Nothing here
//! changes how newsdex indexes or searches.

mod baseline;
pub mod child;
mod external;
mod micro;
#[cfg(test)]
mod probe;
mod queries;
mod report;
mod scale;
mod settings;
mod stats;
mod targets;

use std::io::{self, Write};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::cli::{BenchArgs, BenchSystem};
use baseline::Baseline;
use external::ProcessTimes;
use queries::{BenchQuery, NewsSide};
use report::{Figures, Incremental, Report, RgScale, Ripgrep, ScaleReport, ScalingPoint};
use scale::CorpusInfo;
use settings::{Settings, settings};

pub use report::Report as BenchReport;

/// The query timed as a whole process and against ripgrep: two common words, all must match.
pub const PROBE_QUERY: &str = "oil prices";

fn say(msg: &str) {
    eprintln!("bench: {msg}");
}

/// Median of `runs` in-process searches for `q`, and its hit count.
fn probe(news: &NewsSide, q: &BenchQuery, runs: usize) -> Result<(ProcessTimes, usize)> {
    let hits = news.search(q)?;
    let mut samples: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        news.search(q)?;
        samples.push(t.elapsed());
    }
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    let median_ms = stats::percentile(&mut ms, 50.0);
    Ok((
        ProcessTimes {
            median_ms,
            min_ms: ms.first().copied().unwrap_or(0.0),
            max_ms: ms.last().copied().unwrap_or(0.0),
            runs,
        },
        hits,
    ))
}

fn probe_query() -> BenchQuery {
    BenchQuery {
        text: PROBE_QUERY.to_string(),
        ..BenchQuery::default()
    }
}

fn keep_fastest(best: &mut Option<child::IndexRun>, run: child::IndexRun) {
    if best.as_ref().is_none_or(|b| run.wall_ms < b.wall_ms) {
        *best = Some(run);
    }
}

/// Indexes the ×`scale` corpus with both systems and times the queries on both indexes.
fn measure_scale(
    s: &Settings,
    scale: usize,
    x1: CorpusInfo,
) -> Result<(ScaleReport, usize, child::IndexRun)> {
    let corpus = s.corpus_for(scale);
    let info = x1.times(scale);
    let news_dir = s.index_dir("newsdex", scale);
    let base_dir = s.index_dir("baseline", scale);
    let mut news_run: Option<child::IndexRun> = None;
    let mut base_run: Option<child::IndexRun> = None;
    for round in 1..=s.repeat {
        let of = if s.repeat > 1 {
            format!(", run {round} of {}", s.repeat)
        } else {
            String::new()
        };
        say(&format!(
            "×{scale}: indexing with newsdex ({} threads{of})",
            s.threads
        ));
        let n = s.index(BenchSystem::Newsdex, &corpus, &news_dir, s.threads)?;
        say(&format!("×{scale}: indexing with the baseline{of}"));
        let b = s.index(BenchSystem::Baseline, &corpus, &base_dir, s.threads)?;
        keep_fastest(&mut news_run, n);
        keep_fastest(&mut base_run, b);
    }
    let (Some(news_run), Some(base_run)) = (news_run, base_run) else {
        bail!("no indexing run finished");
    };
    if news_run.articles != info.articles || base_run.articles != info.articles {
        say(&format!(
            "warning: ×{scale} has {} articles; newsdex indexed {}, the baseline {}",
            info.articles, news_run.articles, base_run.articles
        ));
    }
    let newsdex = Figures::of(&news_run, &info);
    let baseline = Figures::of(&base_run, &info);

    say(&format!("×{scale}: timing {} queries", s.queries.len()));
    let news = NewsSide::open(&news_dir)?;
    let base = Baseline::open(&base_dir)?;
    let queries = queries::time_all(&news, &base, &s.queries, 2, s.rounds)?;
    let (probe_in_process, hits) = probe(&news, &probe_query(), s.runs)?;
    say(&format!(
        "×{scale}: timing `newsdex search` as a whole process"
    ));
    let whole_process = external::newsdex_search(&s.exe, &news_dir, PROBE_QUERY, s.runs)?;
    let report = ScaleReport {
        scale,
        corpus: info,
        ratio: newsdex.over(&baseline),
        newsdex,
        baseline,
        stages: news_run.stages,
        baseline_stages: base_run.stages,
        queries,
        probe_in_process,
        whole_process,
    };
    Ok((report, hits, news_run))
}

fn ripgrep(s: &Settings, scales: &[ScaleReport], hits: &[usize]) -> Result<Ripgrep> {
    let Some(rg) = external::find_rg() else {
        return Ok(Ripgrep {
            status: "rg not found, skipped".into(),
            per_scale: Vec::new(),
        });
    };
    let loose = s.work.join("loose");
    say(&format!(
        "writing the ×{} corpus as one .txt file per article",
        s.scale
    ));
    scale::write_loose(&s.corpus(), &loose, s.scale)?;
    let mut per_scale = Vec::new();
    for (rep, &newsdex_hits) in scales.iter().zip(hits) {
        let dir = if rep.scale == 1 {
            scale::copy_dir(&loose, 0)
        } else {
            loose.clone()
        };
        say(&format!("×{}: timing ripgrep", rep.scale));
        let times = external::rg_times(&rg, &dir, PROBE_QUERY, 3)?;
        per_scale.push(RgScale {
            scale: rep.scale,
            ratio_in_process: stats::ratio(times.rg.median_ms, rep.probe_in_process.median_ms),
            ratio_whole_process: stats::ratio(times.rg.median_ms, rep.whole_process.median_ms),
            times,
            newsdex_hits,
        });
    }
    Ok(Ripgrep {
        status: format!("measured with {}", rg.display()),
        per_scale,
    })
}

/// Indexing throughput of both systems on the largest corpus at 1, 2, 4, … `max` threads.
fn scaling(s: &Settings, max: usize, info: CorpusInfo) -> Result<Vec<ScalingPoint>> {
    let mut counts: Vec<usize> = std::iter::successors(Some(1usize), |t| t.checked_mul(2))
        .take_while(|&t| t <= max)
        .collect();
    if counts.last() != Some(&max) {
        counts.push(max);
    }
    let corpus = s.corpus_for(s.scale);
    let mut out: Vec<ScalingPoint> = Vec::new();
    for t in counts {
        say(&format!("scaling: {t} threads"));
        let n = s.index(
            BenchSystem::Newsdex,
            &corpus,
            &s.index_dir("scaling-newsdex", s.scale),
            t,
        )?;
        let b = s.index(
            BenchSystem::Baseline,
            &corpus,
            &s.index_dir("scaling-baseline", s.scale),
            t,
        )?;
        let (nf, bf) = (Figures::of(&n, &info), Figures::of(&b, &info));
        let first = out.first().map_or((nf.mb_per_s, bf.mb_per_s), |p| {
            (p.newsdex_mb_per_s, p.baseline_mb_per_s)
        });
        out.push(ScalingPoint {
            threads: t,
            newsdex_mb_per_s: nf.mb_per_s,
            newsdex_speedup: stats::ratio(nf.mb_per_s, first.0),
            newsdex_peak_rss_mb: nf.peak_rss_mb,
            baseline_mb_per_s: bf.mb_per_s,
            baseline_speedup: stats::ratio(bf.mb_per_s, first.1),
        });
    }
    for system in ["scaling-newsdex", "scaling-baseline"] {
        let _ = std::fs::remove_dir_all(s.index_dir(system, s.scale));
    }
    Ok(out)
}

/// Runs the whole benchmark; see the module docs.
pub fn run(args: &BenchArgs) -> Result<i32> {
    let (s, _temp) = settings(args)?;
    say(&format!(
        "writing the ×{} corpus under {}",
        s.scale,
        s.work.display()
    ));
    scale::write_scaled(&s.data, &s.corpus(), s.scale)?;
    let x1 = scale::measure(&scale::copy_dir(&s.corpus(), 0))?;
    say("×1: single-thread throughput of each indexing step");
    let micro = micro::measure(&scale::copy_dir(&s.corpus(), 0))?;

    let mut scales = Vec::new();
    let mut hits = Vec::new();
    let mut last_full = None;
    for scale in s.scales() {
        let (rep, h, run) = measure_scale(&s, scale, x1)?;
        scales.push(rep);
        hits.push(h);
        last_full = Some(run);
    }

    let incremental = match last_full {
        Some(full) => {
            say(&format!(
                "×{}: incremental re-index of the unchanged corpus",
                s.scale
            ));
            let inc = child::spawn(
                &s.exe,
                BenchSystem::Newsdex,
                &s.corpus_for(s.scale),
                &s.index_dir("newsdex", s.scale),
                s.threads,
                s.memory_mb,
                true,
            )?;
            Some(Incremental {
                scale: s.scale,
                wall_s: inc.wall_ms / 1000.0,
                full_wall_s: full.wall_ms / 1000.0,
                pct_of_full: (stats::ratio(inc.wall_ms, full.wall_ms) * 1000.0).round() / 10.0,
                articles_unchanged: inc.articles,
            })
        }
        None => None,
    };
    let ripgrep = ripgrep(&s, &scales, &hits)?;
    let scaling = match s.scaling {
        Some(max) => scaling(&s, max, x1.times(s.scale))?,
        None => Vec::new(),
    };
    let mut report = Report {
        machine: stats::machine(),
        threads: s.threads,
        memory_mb: s.memory_mb,
        probe_query: PROBE_QUERY.to_string(),
        micro,
        scales,
        incremental,
        ripgrep,
        scaling,
        targets: Vec::new(),
    };
    report.targets = targets::check(&report);

    let mut out = io::stdout().lock();
    if !args.json {
        report::print_table(&mut out, &report)?;
        writeln!(out)?;
    }
    writeln!(out, "{}", serde_json::to_string(&report)?)?;
    out.flush()?;
    Ok(crate::app::EXIT_FOUND)
}
