//! Reader for test collections in the classic SMART layout used by TIME, ADI or MED: each
//! document starts with a `*TEXT <number> [MM/DD/YY] [PAGE <n>]` line and runs to the next
//! `*TEXT` or the closing `*STOP`. The number after `*TEXT`, without leading zeros, becomes the
//! article's `source_id`, which is the docid the qrels use.
//!
//! Pure: text in, articles out. Headers with odd spacing (`*TEXT 557   12/27/63   PAGE 021`,
//! `*TEXT 431 08/30 63 PAGE 026`) are read; a header without a number is an error naming its
//! line.

use std::sync::LazyLock;

use regex::Regex;
use time::{Date, Month, OffsetDateTime, Time};

use crate::article::Article;
use crate::error::{Error, Result};

static DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})/(\d{1,2})[/ ](\d{2}|\d{4})\b").ok());

/// The date in a header (`01/04/63` is 4 January 1963), when it has a valid one.
fn header_date(rest: &str) -> Option<OffsetDateTime> {
    let c = DATE.as_ref()?.captures(rest)?;
    let month: u8 = c[1].parse().ok()?;
    let day: u8 = c[2].parse().ok()?;
    let year: i32 = c[3].parse().ok()?;
    let year = if year < 100 { 1900 + year } else { year };
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    Some(OffsetDateTime::new_utc(date, Time::MIDNIGHT))
}

struct Record {
    number: String,
    rest: String,
    lines: Vec<String>,
}

fn finish(path: &str, records: Vec<Record>) -> Vec<Article> {
    records
        .into_iter()
        .enumerate()
        .map(|(i, r)| Article {
            id: Article::make_id(path, i),
            source_id: Some(r.number),
            path: path.to_string(),
            record: i,
            date: header_date(&r.rest),
            body: r.lines.join(" "),
            ..Default::default()
        })
        .collect()
}

/// Parses a SMART collection. `path` is how the file is named in article ids.
pub fn parse(path: &str, text: &str) -> Result<Vec<Article>> {
    let mut records: Vec<Record> = Vec::new();
    let mut open = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(header) = trimmed.strip_prefix("*TEXT") {
            let mut words = header.split_whitespace();
            let number = words
                .next()
                .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
                .ok_or_else(|| Error::BadFile {
                    path: path.into(),
                    reason: format!("line {}: `*TEXT` without a document number", i + 1),
                })?;
            let number = number.trim_start_matches('0');
            records.push(Record {
                number: if number.is_empty() {
                    "0".into()
                } else {
                    number.into()
                },
                rest: words.collect::<Vec<_>>().join(" "),
                lines: Vec::new(),
            });
            open = true;
        } else if trimmed.starts_with("*STOP") {
            open = false;
        } else if open
            && !trimmed.is_empty()
            && let Some(r) = records.last_mut()
        {
            r.lines.push(trimmed.to_string());
        }
    }
    if records.is_empty() {
        return Err(Error::BadFile {
            path: path.into(),
            reason: "no `*TEXT` records: not a SMART collection".into(),
        });
    }
    Ok(finish(path, records))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "*TEXT 017 01/04/63 PAGE 020\n\nTHE ALLIES AFTER NASSAU\n\nTHE U.S . FIRST\n\n\
        *TEXT 557        12/27/63         PAGE 021\n\nLAST ONE .\n\n*TEXT 431 08/30 63 PAGE 026\nX\n*STOP\n\nmail footer\n";

    #[test]
    fn records_numbers_dates_and_text() {
        let a = parse("TIME.ALL", SAMPLE).expect("parses");
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].source_id.as_deref(), Some("17"));
        assert_eq!(a[0].id, "TIME.ALL#0");
        assert_eq!(a[0].body, "THE ALLIES AFTER NASSAU THE U.S . FIRST");
        let d = a[0].date.expect("date");
        assert_eq!((d.year(), d.month() as u8, d.day()), (1963, 1, 4));
        assert_eq!(a[1].source_id.as_deref(), Some("557"));
        assert_eq!(a[1].date.map(|d| d.day()), Some(27));
        assert_eq!(a[2].date.map(|d| d.day()), Some(30));
        assert_eq!(a[2].body, "X", "text after *STOP is not part of a record");
    }

    #[test]
    fn not_smart_is_an_error() {
        assert!(parse("x", "just text\n").is_err());
        let e = parse("x", "*TEXT\nbody\n").unwrap_err().to_string();
        assert!(e.contains("line 1"), "{e}");
    }
}
