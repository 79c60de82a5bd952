//! BBC News (`bbc/bbc-fulltext.tar.gz`, Greene & Cunningham 2006): desk categories against the
//! BBC's five sections (business, entertainment, politics, sport, tech).
//!
//! The archive is read as it is, never unpacked: each `bbc/<section>/NNN.txt` is one story,
//! line 1 its title and the rest its body (decoded lossily: one file is Latin-1). The story
//! goes through [`categories::extract`], the code `enrich` runs at index time, and it is right
//! when its first (primary) desk maps to its folder by [`section_of`]; no category is wrong.
//!
//! The split is fixed by file number: odd numbers are the tuning half (`bbc-tune`), even
//! numbers the reported half (`bbc-report`). Both are printed so the gap shows; only the tuning
//! half may guide changes, and `NEWSDEX_EVAL_DUMP=1` prints its confusion matrix and misses.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, Path};

use anyhow::{Context, Result};
use flate2::read::GzDecoder;
use rayon::prelude::*;

use super::extract_metrics::Row;
use crate::extract::categories;

pub const REPORT: &str = "bbc-report";
pub const TUNE: &str = "bbc-tune";

/// The BBC's sections, as its folders name them.
pub const SECTIONS: [&str; 5] = ["business", "entertainment", "politics", "sport", "tech"];

/// Our desks, and the BBC section each one files under. Desks not listed (health,
/// environment, crime and law) have no BBC section: a story filed first under one of them is
/// counted wrong. Conflict and diplomacy go with politics, the only BBC section that covers
/// public affairs (its politics folder is UK politics, foreign affairs and security included).
pub const MAPPING: &[(&str, &str)] = &[
    ("politics", "politics"),
    ("diplomacy", "politics"),
    ("conflict", "politics"),
    ("economy", "business"),
    ("business", "business"),
    ("markets", "business"),
    ("energy", "business"),
    ("technology", "tech"),
    ("cyber", "tech"),
    ("science", "tech"),
    ("sport", "sport"),
    ("entertainment", "entertainment"),
];

/// The BBC section a desk category files under, if any.
pub fn section_of(category: &str) -> Option<&'static str> {
    MAPPING
        .iter()
        .find(|(desk, _)| *desk == category)
        .map(|&(_, section)| section)
}

/// One story of the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// The folder: the BBC's section.
    pub section: String,
    /// The file number (`042.txt` -> 42).
    pub number: u32,
    pub title: String,
    pub body: String,
}

impl Story {
    /// Even file numbers are the reported half, odd ones the tuning half.
    pub fn in_report_half(&self) -> bool {
        self.number.is_multiple_of(2)
    }
}

/// Reads every story of the archive at `path` (gzip-compressed tar), in archive order.
pub fn load(path: &Path) -> Result<Vec<Story>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    read(GzDecoder::new(file)).with_context(|| format!("reading {}", path.display()))
}

/// Reads the stories of an uncompressed tar stream: entries named `<top>/<section>/NNN.txt`.
/// Other entries (README.TXT, folders) are passed over.
pub fn read(reader: impl Read) -> Result<Vec<Story>> {
    let mut archive = tar::Archive::new(reader);
    let mut out = Vec::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let Some((section, number)) = story_name(&entry.path()?) else {
            continue;
        };
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .with_context(|| format!("reading {section}/{number:03}.txt"))?;
        out.push(parse_story(section, number, &bytes));
    }
    Ok(out)
}

/// `bbc/sport/042.txt` -> ("sport", 42); anything else -> None.
fn story_name(path: &Path) -> Option<(String, u32)> {
    let parts: Vec<&str> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => p.to_str(),
            _ => None,
        })
        .collect();
    let [_, section, file] = parts.as_slice() else {
        return None;
    };
    let number = file.strip_suffix(".txt")?.parse().ok()?;
    Some((section.to_string(), number))
}

/// Line 1 is the title, the rest (after blank lines) the body. Bytes that are not UTF-8
/// become U+FFFD.
pub fn parse_story(section: String, number: u32, bytes: &[u8]) -> Story {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
    Story {
        section,
        number,
        title: title.trim().to_string(),
        body: body.trim().to_string(),
    }
}

/// Our primary desk for a story, and whether it files under the story's section.
pub fn judge(story: &Story) -> (Option<String>, bool) {
    let primary = categories::extract(&story.title, &story.body)
        .into_iter()
        .next();
    let right = primary
        .as_deref()
        .and_then(section_of)
        .is_some_and(|s| s == story.section);
    (primary, right)
}

/// Counts per half: section -> primary desk ("none" when there is none) -> stories.
pub type Confusion = BTreeMap<String, BTreeMap<String, usize>>;

/// Scores both halves: the `bbc-report` row, then the `bbc-tune` row. With
/// `NEWSDEX_EVAL_DUMP=1`, the tuning half's confusion matrix and misses go to stderr.
pub fn evaluate(stories: &[Story]) -> Vec<Row> {
    let judged: Vec<(Option<String>, bool)> = stories.par_iter().map(judge).collect();
    let mut rows = Vec::new();
    for (dataset, report) in [(REPORT, true), (TUNE, false)] {
        let half: Vec<(&Story, &(Option<String>, bool))> = stories
            .iter()
            .zip(&judged)
            .filter(|(s, _)| s.in_report_half() == report)
            .collect();
        if half.is_empty() {
            continue;
        }
        let right = half.iter().filter(|(_, (_, ok))| *ok).count();
        rows.push(Row::accuracy(
            dataset,
            "topics",
            "category",
            right,
            half.len(),
        ));
        if !report && std::env::var_os("NEWSDEX_EVAL_DUMP").is_some() {
            let mut confusion = Confusion::new();
            for (s, (primary, ok)) in &half {
                let desk = primary.as_deref().unwrap_or("none");
                *confusion
                    .entry(s.section.clone())
                    .or_default()
                    .entry(desk.to_string())
                    .or_default() += 1;
                if !ok {
                    eprintln!(
                        "bbc miss {}/{:03}: {desk}: {}",
                        s.section, s.number, s.title
                    );
                }
            }
            eprint!("{}", confusion_table(&confusion));
        }
    }
    rows
}

/// The confusion matrix as text: one line per BBC section, one column per desk seen.
pub fn confusion_table(confusion: &Confusion) -> String {
    let mut desks: Vec<&str> = categories::names().iter().map(String::as_str).collect();
    desks.push("none");
    desks.retain(|d| confusion.values().any(|row| row.contains_key(*d)));
    let mut out = format!("{:<14}", "bbc \\ ours");
    for d in &desks {
        out.push_str(&format!(" {:>6.6}", d));
    }
    out.push('\n');
    for (section, row) in confusion {
        out.push_str(&format!("{section:<14}"));
        for d in &desks {
            out.push_str(&format!(" {:>6}", row.get(*d).copied().unwrap_or(0)));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gzip-free tar holding `files` (path, bytes).
    fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (path, bytes) in files {
            let mut header = tar::Header::new_gnu();
            header.set_size(bytes.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder
                .append_data(&mut header, path, *bytes)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        builder.into_inner().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn reads_stories_titles_and_sections_from_the_tar() {
        let data = tar_of(&[
            ("bbc/README.TXT", b"about the data"),
            (
                "bbc/sport/001.txt",
                b"Owen scores twice\n\nMichael Owen scored.\n\nReal won.\n",
            ),
            // One bare Latin-1 pound sign, as in sport/199.txt.
            ("bbc/business/042.txt", b"Shares rise\n\nUp \xa35m.\n"),
            ("bbc/tech/notes.txt", b"not a story"),
            ("bbc/tech/7.txt", b"One line only"),
        ]);
        let stories = read(data.as_slice()).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(stories.len(), 3, "{stories:?}");
        assert_eq!(
            stories[0],
            Story {
                section: "sport".into(),
                number: 1,
                title: "Owen scores twice".into(),
                body: "Michael Owen scored.\n\nReal won.".into(),
            }
        );
        assert_eq!(
            (stories[1].section.as_str(), stories[1].number),
            ("business", 42)
        );
        assert_eq!(stories[1].body, "Up \u{fffd}5m.");
        assert_eq!(
            (stories[2].title.as_str(), stories[2].body.as_str()),
            ("One line only", "")
        );
        assert!(!stories[0].in_report_half() && stories[1].in_report_half());
    }

    #[test]
    fn a_broken_archive_is_an_error() {
        let mut data = tar_of(&[("bbc/sport/001.txt", b"Title\n\nBody text here.\n")]);
        data.truncate(700);
        assert!(read(data.as_slice()).is_err());
        assert!(load(Path::new("/nonexistent/bbc.tar.gz")).is_err());
    }

    #[test]
    fn desks_map_to_bbc_sections() {
        let cases = [
            ("politics", Some("politics")),
            ("diplomacy", Some("politics")),
            ("economy", Some("business")),
            ("markets", Some("business")),
            ("technology", Some("tech")),
            ("cyber", Some("tech")),
            ("sport", Some("sport")),
            ("entertainment", Some("entertainment")),
            ("health", None),
            ("crime and law", None),
            ("", None),
        ];
        for (desk, want) in cases {
            assert_eq!(section_of(desk), want, "{desk}");
        }
        // Every mapped desk is one we have, and every section is reachable.
        for (desk, section) in MAPPING {
            assert!(categories::names().iter().any(|n| n == desk), "{desk}");
            assert!(SECTIONS.contains(section), "{section}");
        }
        for s in SECTIONS {
            assert!(MAPPING.iter().any(|(_, m)| *m == s), "{s}");
        }
    }

    #[test]
    fn scores_each_half_on_the_primary_desk() {
        let story = |section: &str, number, title: &str, body: &str| Story {
            section: section.into(),
            number,
            title: title.into(),
            body: body.into(),
        };
        const MATCH: &str = "The striker scored two goals as the team won the match. The coach \
            praised the players after the league game and the fans cheered the victory.";
        let stories = [
            story("sport", 2, "Cup win", MATCH),
            story("business", 4, "Cup win", MATCH),
            story("sport", 3, "Cup win", MATCH),
            story("tech", 5, "", "Nothing to see."),
        ];
        let rows = evaluate(&stories);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].dataset.as_str(), rows[0].n), (REPORT, 2));
        assert_eq!(rows[0].accuracy, Some(0.5));
        assert_eq!((rows[1].dataset.as_str(), rows[1].n), (TUNE, 2));
        assert_eq!(rows[1].accuracy, Some(0.5));
        assert_eq!(judge(&stories[3]), (None, false));
        let mut confusion = Confusion::new();
        confusion
            .entry("sport".into())
            .or_default()
            .insert("sport".into(), 3);
        confusion
            .entry("tech".into())
            .or_default()
            .insert("none".into(), 1);
        let table = confusion_table(&confusion);
        assert!(
            table
                .lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("sport") && l.contains(" 3")),
            "{table}"
        );
        assert!(
            table.lines().next().is_some_and(|l| l.contains("none")),
            "{table}"
        );
    }

    /// The tuning harness: the tuning half (odd file numbers) only, with its confusion matrix.
    /// `NEWSDEX_DATA` names the data folder (default `../shared/data`); skips when absent.
    #[test]
    fn tune_half_for_tuning() {
        let data = std::env::var_os("NEWSDEX_DATA").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
            std::path::PathBuf::from,
        );
        let path = data.join("bbc/bbc-fulltext.tar.gz");
        if !path.exists() {
            eprintln!("skipping: {} not found", path.display());
            return;
        }
        let stories = load(&path).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(stories.len(), 2225);
        let tune: Vec<Story> = stories
            .into_iter()
            .filter(|s| !s.in_report_half())
            .collect();
        let mut confusion = Confusion::new();
        let mut right = 0;
        for s in &tune {
            let (primary, ok) = judge(s);
            right += usize::from(ok);
            *confusion
                .entry(s.section.clone())
                .or_default()
                .entry(primary.unwrap_or_else(|| "none".into()))
                .or_default() += 1;
        }
        let acc = right as f64 / tune.len() as f64;
        eprintln!(
            "bbc-tune: {right}/{} = {acc:.3}\n{}",
            tune.len(),
            confusion_table(&confusion)
        );
        assert!(acc > 0.5, "tuning-half accuracy {acc:.3}");
    }
}
