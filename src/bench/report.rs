//! The benchmark's record (serialised as the JSON record) and its plain-text table: absolute
//! figures for newsdex and the baseline with their ratio beside them, then the targets of
//! issue 4 with the measured value and whether it was met.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::child::{IndexRun, Stages};
use super::external::{ProcessTimes, RgTimes};
use super::micro::Step;
use super::queries::{GroupTimes, QueryTimes};
use super::scale::CorpusInfo;
use super::stats::{Machine, ratio};

const MB: f64 = 1e6;

/// Indexing figures of one system on one corpus.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct Figures {
    pub wall_s: f64,
    /// CPU seconds of the indexing process, all threads: steadier than wall time on a busy
    /// machine.
    pub cpu_s: f64,
    pub articles_per_s: f64,
    /// Megabytes (10^6) of article text (title + body) per second.
    pub mb_per_s: f64,
    pub peak_rss_mb: f64,
    pub index_mb: f64,
    /// Index bytes over article text bytes.
    pub index_per_text: f64,
}

fn round(x: f64, places: i32) -> f64 {
    let p = 10f64.powi(places);
    (x * p).round() / p
}

impl Figures {
    pub fn of(run: &IndexRun, corpus: &CorpusInfo) -> Figures {
        let secs = (run.wall_ms / 1000.0).max(1e-9);
        Figures {
            wall_s: round(secs, 3),
            cpu_s: round(run.cpu_s, 2),
            articles_per_s: round(corpus.articles as f64 / secs, 0),
            mb_per_s: round(corpus.text_bytes as f64 / MB / secs, 2),
            peak_rss_mb: round(run.peak_rss_bytes as f64 / MB, 1),
            index_mb: round(run.index_bytes as f64 / MB, 1),
            index_per_text: ratio(run.index_bytes as f64, corpus.text_bytes as f64),
        }
    }

    /// Each figure of `self` over the same figure of `other`.
    pub fn over(&self, other: &Figures) -> Figures {
        Figures {
            wall_s: ratio(self.wall_s, other.wall_s),
            cpu_s: ratio(self.cpu_s, other.cpu_s),
            articles_per_s: ratio(self.articles_per_s, other.articles_per_s),
            mb_per_s: ratio(self.mb_per_s, other.mb_per_s),
            peak_rss_mb: ratio(self.peak_rss_mb, other.peak_rss_mb),
            index_mb: ratio(self.index_mb, other.index_mb),
            index_per_text: ratio(self.index_per_text, other.index_per_text),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ScaleReport {
    pub scale: usize,
    pub corpus: CorpusInfo,
    pub newsdex: Figures,
    pub baseline: Figures,
    /// newsdex / baseline, figure by figure.
    pub ratio: Figures,
    pub stages: Option<Stages>,
    pub baseline_stages: Option<Stages>,
    pub queries: QueryTimes,
    /// The probe query (`probe_query` in the report) through `NewsIndex::search`.
    pub probe_in_process: ProcessTimes,
    /// `newsdex search <probe query>` as a whole process.
    pub whole_process: ProcessTimes,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Incremental {
    pub scale: usize,
    pub wall_s: f64,
    pub full_wall_s: f64,
    pub pct_of_full: f64,
    pub articles_unchanged: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RgScale {
    pub scale: usize,
    #[serde(flatten)]
    pub times: RgTimes,
    pub newsdex_hits: usize,
    /// rg median over newsdex's in-process median.
    pub ratio_in_process: f64,
    /// rg median over the whole `newsdex search` process median.
    pub ratio_whole_process: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Ripgrep {
    /// "measured", or why not.
    pub status: String,
    pub per_scale: Vec<RgScale>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ScalingPoint {
    pub threads: usize,
    pub newsdex_mb_per_s: f64,
    pub newsdex_speedup: f64,
    pub newsdex_peak_rss_mb: f64,
    pub baseline_mb_per_s: f64,
    pub baseline_speedup: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Target {
    pub name: String,
    pub measured: f64,
    pub target: String,
    pub met: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Report {
    pub machine: Machine,
    pub threads: usize,
    pub memory_mb: usize,
    pub probe_query: String,
    /// Single-thread throughput of each indexing step on ×1.
    pub micro: Vec<Step>,
    pub scales: Vec<ScaleReport>,
    pub incremental: Option<Incremental>,
    pub ripgrep: Ripgrep,
    pub scaling: Vec<ScalingPoint>,
    pub targets: Vec<Target>,
}

fn row(out: &mut impl Write, label: &str, a: String, b: String, r: f64) -> io::Result<()> {
    writeln!(out, "  {label:<24} {a:>12} {b:>12} {r:>9.2}")
}

fn indexing(out: &mut impl Write, s: &ScaleReport) -> io::Result<()> {
    let (n, b, r) = (&s.newsdex, &s.baseline, &s.ratio);
    writeln!(
        out,
        "\nindexing ×{}{:>26} {:>12} {:>9}",
        s.scale, "newsdex", "baseline", "ratio"
    )?;
    row(
        out,
        "wall time (s)",
        format!("{:.2}", n.wall_s),
        format!("{:.2}", b.wall_s),
        r.wall_s,
    )?;
    row(
        out,
        "CPU time (s)",
        format!("{:.1}", n.cpu_s),
        format!("{:.1}", b.cpu_s),
        r.cpu_s,
    )?;
    row(
        out,
        "articles/s",
        format!("{:.0}", n.articles_per_s),
        format!("{:.0}", b.articles_per_s),
        r.articles_per_s,
    )?;
    row(
        out,
        "MB/s of text",
        format!("{:.2}", n.mb_per_s),
        format!("{:.2}", b.mb_per_s),
        r.mb_per_s,
    )?;
    row(
        out,
        "peak RSS (MB)",
        format!("{:.0}", n.peak_rss_mb),
        format!("{:.0}", b.peak_rss_mb),
        r.peak_rss_mb,
    )?;
    row(
        out,
        "index size (MB)",
        format!("{:.1}", n.index_mb),
        format!("{:.1}", b.index_mb),
        r.index_mb,
    )?;
    row(
        out,
        "index size / text",
        format!("{:.3}", n.index_per_text),
        format!("{:.3}", b.index_per_text),
        r.index_per_text,
    )?;
    for (name, st) in [("newsdex", &s.stages), ("baseline", &s.baseline_stages)] {
        if let Some(st) = st {
            writeln!(
                out,
                "  {name} stages: read+parse {:.1} s, extract {:.1} s (summed over threads); index {:.1} s, commit+merge {:.1} s",
                st.read_parse_ms as f64 / 1000.0,
                st.extract_ms as f64 / 1000.0,
                st.index_ms as f64 / 1000.0,
                st.commit_ms as f64 / 1000.0
            )?;
        }
    }
    Ok(())
}

fn latency_rows(out: &mut impl Write, name: &str, g: &GroupTimes) -> io::Result<()> {
    let (n, c, b, bc) = (
        &g.newsdex,
        &g.newsdex_core,
        &g.baseline,
        &g.baseline_counted,
    );
    let rows = [
        ("p50", n.p50_ms, c.p50_ms, b.p50_ms, bc.p50_ms),
        ("p95", n.p95_ms, c.p95_ms, b.p95_ms, bc.p95_ms),
        ("p99", n.p99_ms, c.p99_ms, b.p99_ms, bc.p99_ms),
    ];
    for (p, full, core, base, counted) in rows {
        writeln!(
            out,
            "  {:<18} {full:>8.3} {core:>8.3} {base:>8.3} {counted:>8.3} {:>7.2} {:>7.2} {:>7.2}",
            format!("{name} {p} (ms)"),
            ratio(full, base),
            ratio(core, base),
            ratio(core, counted)
        )?;
    }
    Ok(())
}

fn queries(out: &mut impl Write, s: &ScaleReport, probe: &str) -> io::Result<()> {
    let q = &s.queries;
    writeln!(
        out,
        "\nqueries ×{} ({} plain, {} filtered/faceted; {} rounds after {} warm-up)",
        s.scale, q.plain.queries, q.filtered.queries, q.rounds, q.warmup_rounds
    )?;
    writeln!(
        out,
        "  {:<18} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7} {:>7}",
        "", "newsdex", "core", "baseline", "base+n", "N/B", "C/B", "C/B+n"
    )?;
    latency_rows(out, "plain", &q.plain)?;
    latency_rows(out, "filtered", &q.filtered)?;
    writeln!(
        out,
        "  (core: newsdex without snippets and facets; base+n: the baseline also counting all hits)"
    )?;
    let mut slow: Vec<_> = q.per_query.iter().collect();
    slow.sort_by(|a, b| b.newsdex_p50_ms.total_cmp(&a.newsdex_p50_ms));
    writeln!(
        out,
        "  slowest for newsdex (p50 ms, newsdex vs baseline, hits):"
    )?;
    for p in slow.iter().take(5) {
        writeln!(
            out,
            "    {:<44} {:>7.2} {:>7.2} {:>8}",
            p.query, p.newsdex_p50_ms, p.baseline_p50_ms, p.newsdex_hits
        )?;
    }
    writeln!(
        out,
        "  `newsdex search \"{probe}\"`: {:.1} ms whole process (median of {}), {:.2} ms in-process",
        s.whole_process.median_ms, s.whole_process.runs, s.probe_in_process.median_ms
    )
}

/// The human-readable table.
pub fn print_table(out: &mut impl Write, r: &Report) -> io::Result<()> {
    let m = &r.machine;
    writeln!(
        out,
        "newsdex bench: {} threads, {} MB writer budget; {} cores ({}), {} GB RAM",
        r.threads, r.memory_mb, m.cores, m.cpu, m.memory_gb
    )?;
    for s in &r.scales {
        let c = &s.corpus;
        writeln!(
            out,
            "\ncorpus ×{}: {} articles in {} files, {:.1} MB of text ({:.1} MB of SGML)",
            s.scale,
            c.articles,
            c.files,
            c.text_bytes as f64 / MB,
            c.file_bytes as f64 / MB
        )?;
        indexing(out, s)?;
        queries(out, s, &r.probe_query)?;
    }
    if !r.micro.is_empty() {
        writeln!(out, "\nsingle-thread steps on ×1 (MB/s of title+body text)")?;
        for st in &r.micro {
            let tokens = st
                .tokens
                .map(|n| format!(", {n} tokens"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {:<34} {:>9.1} ms {:>9.2} MB/s{tokens}",
                st.name, st.ms, st.mb_per_s
            )?;
        }
    }
    if let Some(i) = &r.incremental {
        writeln!(
            out,
            "\nincremental re-index of the unchanged ×{}: {:.2} s = {:.1}% of the full build ({:.2} s)",
            i.scale, i.wall_s, i.pct_of_full, i.full_wall_s
        )?;
    }
    writeln!(
        out,
        "\nripgrep, all words of \"{}\": {}",
        r.probe_query, r.ripgrep.status
    )?;
    for g in &r.ripgrep.per_scale {
        writeln!(
            out,
            "  ×{}: rg {:.0} ms over {} files ({} match) vs newsdex ({} hits): ×{:.0} in-process, ×{:.1} whole process",
            g.scale,
            g.times.rg.median_ms,
            g.times.files_scanned,
            g.times.files_matched,
            g.newsdex_hits,
            g.ratio_in_process,
            g.ratio_whole_process
        )?;
    }
    if !r.scaling.is_empty() {
        writeln!(
            out,
            "\nscaling ×{} (MB/s of text, speedup over 1 thread)",
            r.scales.last().map_or(1, |s| s.scale)
        )?;
        writeln!(
            out,
            "  {:>7} {:>12} {:>8} {:>12} {:>8}",
            "threads", "newsdex", "speedup", "baseline", "speedup"
        )?;
        for p in &r.scaling {
            writeln!(
                out,
                "  {:>7} {:>12.2} {:>8.2} {:>12.2} {:>8.2}",
                p.threads,
                p.newsdex_mb_per_s,
                p.newsdex_speedup,
                p.baseline_mb_per_s,
                p.baseline_speedup
            )?;
        }
    }
    writeln!(out, "\ntargets (issue 4)")?;
    for t in &r.targets {
        let mark = if t.met { "met" } else { "MISSED" };
        writeln!(
            out,
            "  {:<44} {:>10.3}  target {:<10} {mark}",
            t.name, t.measured, t.target
        )?;
    }
    Ok(())
}
