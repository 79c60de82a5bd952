//! The targets of issue 4, checked against a finished report. Ratios come from the largest
//! corpus of the run, measured in the same run as the baseline.

use super::report::{Report, Target};

fn target(name: &str, measured: f64, goal: &str, met: bool) -> Target {
    Target {
        name: name.to_string(),
        measured,
        target: goal.to_string(),
        met,
    }
}

/// Every target the report has the figures for.
pub fn check(r: &Report) -> Vec<Target> {
    let mut out = Vec::new();
    let Some(s) = r.scales.last() else {
        return out;
    };
    let x = format!("×{}", s.scale);
    out.push(target(
        &format!("indexing MB/s, newsdex/baseline {x}"),
        s.ratio.mb_per_s,
        "≥ 0.7",
        s.ratio.mb_per_s >= 0.7,
    ));
    let rss_cap = r.memory_mb as f64 + 300.0;
    out.push(target(
        &format!("newsdex peak RSS MB {x}"),
        s.newsdex.peak_rss_mb,
        &format!("≤ {rss_cap:.0}"),
        s.newsdex.peak_rss_mb <= rss_cap,
    ));
    out.push(target(
        &format!("index size, newsdex/baseline {x}"),
        s.ratio.index_mb,
        "≤ 1.3",
        s.ratio.index_mb <= 1.3,
    ));
    let q = &s.queries;
    out.push(target(
        &format!("plain query p50, newsdex/baseline {x}"),
        q.plain.p50_ratio,
        "≤ 1.3",
        q.plain.p50_ratio <= 1.3,
    ));
    out.push(target(
        &format!("filter/facet p50, newsdex/baseline {x}"),
        q.filtered.p50_ratio,
        "≤ 2",
        q.filtered.p50_ratio <= 2.0,
    ));
    out.push(target(
        &format!("`newsdex search` whole process ms {x}"),
        s.whole_process.median_ms,
        "≤ 15",
        s.whole_process.median_ms <= 15.0,
    ));
    if let Some(g) = r.ripgrep.per_scale.iter().find(|g| g.scale == s.scale) {
        out.push(target(
            &format!("rg / newsdex whole process {x}"),
            g.ratio_whole_process,
            "≥ 30",
            g.ratio_whole_process >= 30.0,
        ));
    }
    if let Some(i) = &r.incremental {
        out.push(target(
            &format!("incremental re-index, % of full ×{}", i.scale),
            i.pct_of_full,
            "≤ 5",
            i.pct_of_full <= 5.0,
        ));
    }
    if let Some(p) = r.scaling.iter().find(|p| p.threads == 16) {
        out.push(target(
            "newsdex speedup at 16 threads over 1",
            p.newsdex_speedup,
            "≥ 8",
            p.newsdex_speedup >= 8.0,
        ));
    }
    out
}
