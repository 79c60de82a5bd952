//! Small measuring helpers for the benchmark: percentiles of latency samples, sizes of folders
//! on disk, the peak resident set of this process, and the machine's description.
//!
//! Pure functions of their inputs, apart from the few that read /proc or the disk.

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The nearest-rank percentile `p` (0–100) of `samples`, or 0 when there are none.
/// Sorts `samples` in place.
pub fn percentile(samples: &mut [f64], p: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    samples.sort_by(f64::total_cmp);
    let rank = (p / 100.0 * samples.len() as f64).ceil() as usize;
    samples[rank.clamp(1, samples.len()) - 1]
}

/// p50, p95 and p99 of a set of latencies, in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct Latency {
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub samples: usize,
}

impl Latency {
    pub fn of(samples: &[Duration]) -> Latency {
        let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        Latency {
            p50_ms: percentile(&mut ms, 50.0),
            p95_ms: percentile(&mut ms, 95.0),
            p99_ms: percentile(&mut ms, 99.0),
            samples: ms.len(),
        }
    }
}

/// `a / b`, or 0 when `b` is 0, rounded to 3 decimals for the report.
pub fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        (a / b * 1000.0).round() / 1000.0
    }
}

/// Total size in bytes of the files under `dir`.
pub fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// The peak resident set size of this process (VmHWM), in bytes; 0 where /proc is missing.
pub fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| parse_vm_hwm(&s))
        .unwrap_or(0)
}

/// The `VmHWM:  1234 kB` line of /proc/self/status, in bytes.
pub fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// User plus system CPU time of this process, all threads (dead ones too), in seconds; 0
/// where /proc is missing. Less disturbed than wall time by other work on a shared machine.
pub fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| parse_cpu_ticks(&s))
        .map_or(0.0, |ticks| ticks as f64 / CLOCK_TICKS_PER_S)
}

/// The kernel's USER_HZ, 100 on every mainstream Linux build.
const CLOCK_TICKS_PER_S: f64 = 100.0;

/// utime + stime (fields 14 and 15) of a /proc/PID/stat line, in clock ticks. The command
/// name (field 2) may hold spaces, so fields are counted after its closing parenthesis.
pub fn parse_cpu_ticks(stat: &str) -> Option<u64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name, field 3 (state) is index 0, so field N is index N - 3.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// What the numbers were measured on.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Machine {
    pub cores: usize,
    pub cpu: String,
    pub memory_gb: f64,
}

pub fn machine() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or_else(
            || std::env::consts::ARCH.to_string(),
            |s| s.trim().to_string(),
        );
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kb: f64 = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    Machine {
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        cpu,
        memory_gb: (mem_kb / 1024.0 / 1024.0 * 10.0).round() / 10.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut v: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        assert_eq!(percentile(&mut v, 50.0), 50.0);
        assert_eq!(percentile(&mut v, 95.0), 95.0);
        assert_eq!(percentile(&mut v, 99.0), 99.0);
        assert_eq!(percentile(&mut v, 100.0), 100.0);
        assert_eq!(percentile(&mut v, 0.0), 1.0);
        assert_eq!(percentile(&mut [], 50.0), 0.0);
        assert_eq!(percentile(&mut [7.0], 99.0), 7.0);
        assert_eq!(percentile(&mut [3.0, 1.0, 2.0], 50.0), 2.0);
    }

    #[test]
    fn latency_from_durations() {
        let d: Vec<Duration> = (1..=10).map(Duration::from_millis).collect();
        let l = Latency::of(&d);
        assert_eq!(l.samples, 10);
        assert!((l.p50_ms - 5.0).abs() < 1e-9);
        assert!((l.p99_ms - 10.0).abs() < 1e-9);
    }

    #[test]
    fn vm_hwm_is_read_in_bytes() {
        let status = "Name:\tnewsdex\nVmPeak:\t  9000 kB\nVmHWM:\t    1234 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(1234 * 1024));
        assert_eq!(parse_vm_hwm("Name: x\n"), None);
    }

    #[test]
    fn cpu_ticks_from_a_stat_line() {
        let stat = "4242 (newsdex bench) S 1 2 3 4 5 6 7 8 9 10 250 30 0 0 20 0 5 0 100";
        assert_eq!(parse_cpu_ticks(stat), Some(280));
        assert_eq!(parse_cpu_ticks("garbage"), None);
        assert!(cpu_seconds() >= 0.0);
    }

    #[test]
    fn ratios_guard_division_by_zero() {
        assert_eq!(ratio(1.0, 0.0), 0.0);
        assert_eq!(ratio(1.0, 3.0), 0.333);
    }
}
