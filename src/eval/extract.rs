//! `newsdex eval extract`: measures the extractors ([`crate::extract`]) on every gold set it
//! finds under `--data` (CoNLL-2003 test, Reuters-21578, PolNeAR test, BBC News categories,
//! 500N-KPCrowd test and train, and the summit labels in `tests/gold/`) and on a user's
//! `--gold` file, and prints one table, or JSON Lines with one [`Row`] per figure.
//!
//! The readers and scorers live beside this file: [`super::extract_conll`],
//! [`super::extract_reuters`], [`super::extract_polnear`], [`super::extract_bbc`],
//! [`super::extract_kpcrowd`], [`super::extract_gold`], with the measures in
//! [`super::extract_metrics`]. This module only finds the data, runs them and prints. A gold
//! set that is absent is skipped with a note on stderr; one that fails to read is reported and
//! the others still run.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Result, bail};

pub use super::extract_metrics::Row;
use super::{
    extract_bbc, extract_conll, extract_gold, extract_kpcrowd, extract_polnear, extract_reuters,
};
use crate::cli::EvalExtractArgs;

/// What to evaluate, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub data: PathBuf,
    pub gold: Option<PathBuf>,
    pub json: bool,
}

impl Config {
    pub fn from_args(args: &EvalExtractArgs) -> Config {
        Config {
            data: args.data.clone(),
            gold: args.gold.clone(),
            json: args.json,
        }
    }
}

pub fn run(args: &EvalExtractArgs) -> Result<i32> {
    let config = Config::from_args(args);
    let rows = evaluate(&config)?;
    if rows.is_empty() {
        bail!(
            "no gold data: {} holds none of conll2003/, reuters21578/, polnear/, bbc/, 500n_kpcrowd/, and no --gold file was given",
            config.data.display()
        );
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let written = if config.json {
        write_json(&mut out, &rows)
    } else {
        write_table(&mut out, &rows)
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        other => other.map(|()| 0).map_err(Into::into),
    }
}

/// Runs every gold set present; the `--gold` file's errors are fatal (the user asked for it),
/// a shared gold set's are reported and skipped.
pub fn evaluate(config: &Config) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    if let Some(path) = &config.gold {
        let gold = extract_gold::read(path)?;
        let base = path.parent().unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map_or_else(|| "gold".to_string(), |n| n.to_string_lossy().into_owned());
        rows.extend(extract_gold::evaluate(&gold, base, &name)?);
    }
    let data = &config.data;
    rows.extend(timed("CoNLL-2003", || {
        let path = data.join("conll2003/test.txt");
        let Some(text) = read_if_present(&path)? else {
            return Ok(Vec::new());
        };
        Ok(extract_conll::evaluate(&extract_conll::parse(&text)))
    }));
    rows.extend(timed("Reuters-21578", || {
        let dir = data.join("reuters21578");
        if !present(&dir) {
            return Ok(Vec::new());
        }
        let stories = extract_reuters::load(&dir);
        let labels = extract_reuters::parse_summit_labels(
            extract_reuters::SUMMIT_LABELS,
            "tests/gold/summits-reuters.jsonl",
        )?;
        let mut r = extract_reuters::evaluate_datelines(&stories);
        r.extend(extract_reuters::evaluate_people(&stories));
        if !labels.is_empty() {
            r.extend(extract_reuters::evaluate_summits(&stories, &labels));
        }
        Ok(r)
    }));
    rows.extend(timed("PolNeAR", || {
        let dir = data.join("polnear");
        if !present(&dir) {
            return Ok(Vec::new());
        }
        extract_polnear::evaluate(&dir)
    }));
    rows.extend(timed("BBC", || {
        let path = data.join("bbc/bbc-fulltext.tar.gz");
        if !present(&path) {
            return Ok(Vec::new());
        }
        Ok(extract_bbc::evaluate(&extract_bbc::load(&path)?))
    }));
    rows.extend(timed("500N-KPCrowd", || {
        let dir = data.join("500n_kpcrowd");
        if !present(&dir) {
            return Ok(Vec::new());
        }
        extract_kpcrowd::evaluate(&dir)
    }));
    Ok(rows)
}

/// Runs one gold set, reporting its time (or its failure, then giving no rows) on stderr.
fn timed(name: &str, f: impl FnOnce() -> Result<Vec<Row>>) -> Vec<Row> {
    let started = Instant::now();
    match f() {
        Ok(rows) => {
            if !rows.is_empty() {
                eprintln!("{name}: {:.1}s", started.elapsed().as_secs_f64());
            }
            rows
        }
        Err(e) => {
            eprintln!("newsdex: {name}: {e:#}");
            Vec::new()
        }
    }
}

fn present(path: &Path) -> bool {
    if path.exists() {
        true
    } else {
        eprintln!("{} not found: skipped", path.display());
        false
    }
}

fn read_if_present(path: &Path) -> Result<Option<String>> {
    if !present(path) {
        return Ok(None);
    }
    let bytes = std::fs::read(path)?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

fn fmt(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |x| format!("{x:.3}"))
}

/// The table: dataset, field, level, P, R, F1 (or accuracy, marked `acc`), n.
pub fn write_table(out: &mut impl Write, rows: &[Row]) -> io::Result<()> {
    writeln!(
        out,
        "{:<24} {:<9} {:<12} {:>6} {:>6} {:>10} {:>6}",
        "dataset", "field", "level", "P", "R", "F1/acc", "n"
    )?;
    for r in rows {
        let last = match r.accuracy {
            Some(a) => format!("{a:.3} acc"),
            None => fmt(r.f1),
        };
        writeln!(
            out,
            "{:<24} {:<9} {:<12} {:>6} {:>6} {:>10} {:>6}",
            r.dataset,
            r.field,
            r.level,
            fmt(r.precision),
            fmt(r.recall),
            last,
            r.n
        )?;
    }
    Ok(())
}

/// JSON Lines, one row per figure.
pub fn write_json(out: &mut impl Write, rows: &[Row]) -> io::Result<()> {
    for r in rows {
        serde_json::to_writer(&mut *out, r)?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::extract_metrics::Counts;

    fn rows() -> Vec<Row> {
        let c = Counts {
            tp: 2,
            fp: 1,
            fn_: 2,
        };
        vec![
            Row::prf("d", "people", "document", c, 3),
            Row::accuracy("d", "dateline", "place", 3, 4),
            Row::recall_only("d", "people", "name", c, 5),
        ]
    }

    #[test]
    fn json_rows_read_back() {
        let mut buf = Vec::new();
        write_json(&mut buf, &rows()).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&buf);
        let back: Vec<Row> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        assert_eq!(back, rows());
        assert!(!text.lines().next().unwrap_or("").contains("accuracy"));
    }

    #[test]
    fn table_marks_accuracy_and_missing_values() {
        let mut buf = Vec::new();
        write_table(&mut buf, &rows()).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&buf);
        assert!(text.contains("0.750 acc"), "{text}");
        assert!(
            text.lines().nth(3).is_some_and(|l| l.contains(" - ")),
            "{text}"
        );
    }
}
