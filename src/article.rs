//! The one document model every stage passes along: parsers build an [`Article`], extractors
//! fill in its metadata, the indexer turns it into a tantivy document, and search turns stored
//! documents back into one.
//!
//! This module owns no I/O and knows nothing of tantivy.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The input format an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Json,
    Jsonl,
    Sgml,
    /// RSS or Atom.
    Feed,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sgml => "sgml",
            Format::Feed => "feed",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One news article.
///
/// `id` is stable across runs: the file path plus the record number inside the file
/// (`corpus/a.jsonl#3`). Parsers set `record` and `path`; the corpus walker derives `id`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    /// The id the source itself gives (a JSON `id` key, a Reuters NEWID), when it gives one.
    pub source_id: Option<String>,
    pub path: String,
    /// 0-based record number inside its file.
    pub record: usize,
    pub format: Option<Format>,
    pub title: String,
    pub body: String,
    /// Publication date/time, always UTC.
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub date: Option<OffsetDateTime>,
    /// Place as written at the head of the story, normalised: "Beirut, Lebanon".
    pub dateline: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    /// Canonical full names of people mentioned (given by the source and/or extracted).
    pub people: Vec<String>,
    /// People the article quotes or reports as saying something.
    pub speakers: Vec<String>,
    /// Canonical summit names, with host city and year when known: "G20 Hangzhou 2016".
    pub summits: Vec<String>,
    /// Source tags, desk categories and key phrases.
    pub topics: Vec<String>,
    pub places: Vec<String>,
    pub orgs: Vec<String>,
}

impl Article {
    /// The id an article gets from its file path and record number.
    pub fn make_id(path: &str, record: usize) -> String {
        format!("{path}#{record}")
    }

    /// Whether `id` is [`Article::make_id`] of its path and record (true for every article
    /// the corpus walker reads), so that the index can give it back from those two.
    pub fn id_is_path_and_record(&self) -> bool {
        self.id
            .strip_prefix(self.path.as_str())
            .and_then(|rest| rest.strip_prefix('#'))
            .is_some_and(|n| n == self.record.to_string())
    }
}

/// Adds `value` to `list` unless an equal entry (ignoring ASCII case) is already there.
pub fn push_unique(list: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    if !list.iter().any(|v| v.eq_ignore_ascii_case(value)) {
        list.push(value.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_unique_ignores_case_and_blanks() {
        let mut v = vec!["Barack Obama".to_string()];
        push_unique(&mut v, "barack obama");
        push_unique(&mut v, "  ");
        push_unique(&mut v, "Vladimir Putin");
        assert_eq!(v, vec!["Barack Obama", "Vladimir Putin"]);
    }

    #[test]
    fn id_is_path_and_record_only_when_make_id_gives_it() {
        let mut a = Article {
            path: "c/a.jsonl".into(),
            record: 3,
            id: Article::make_id("c/a.jsonl", 3),
            ..Article::default()
        };
        assert!(a.id_is_path_and_record());
        for other in [
            "c/a.jsonl#03",
            "c/a.jsonl#+3",
            "c/a.jsonl#4",
            "c/a.jsonl3",
            "a2",
            "",
        ] {
            a.id = other.into();
            assert!(!a.id_is_path_and_record(), "{other}");
        }
    }

    #[test]
    fn make_id_joins_path_and_record() {
        assert_eq!(Article::make_id("corpus/a.jsonl", 3), "corpus/a.jsonl#3");
    }
}
