//! 500N-KPCrowd (`500n_kpcrowd/{train,test}`): key phrases against the crowd's gold, F1@10,
//! beside a TF-IDF baseline computed in the same run. Test is the reported split; train is
//! where key phrases are tuned, scored the same way so the gap shows.
//!
//! - **Reader**: `<split>/<id>.txt` is the title on line 1, then the body (CRLF); `<id>.key`
//!   holds the gold phrases, one a line.
//! - **Normalising** (both sides): lower case, a possessive `'s` dropped, every character that
//!   is not a letter, digit or space dropped ("cease-fire" -> "ceasefire", "U.S." -> "us", as the
//!   crowd's keys are written), accents folded, then each word stemmed with the Snowball English
//!   (Porter2) stemmer the index uses. Gold phrases are deduplicated after normalising.
//! - **F1@10**: the first 10 phrases a method returns, deduplicated after normalising. A
//!   phrase is a hit when it equals a gold phrase. Per document P = hits / phrases returned
//!   (1.0 when none), R = hits / gold phrases, F1 their harmonic mean (0 when both are 0). P,
//!   R and F1 are then **macro-averaged** over documents, as keyphrase papers do; F1 is the
//!   mean of the per-document F1s, so it is not the harmonic mean of the averaged P and R.
//! - **TF-IDF baseline**: candidates are runs of 1-3 words inside a stretch of text without
//!   punctuation, not starting or ending with a stop word, every word holding a letter.
//!   Score = tf (occurrences of the normalised candidate in title + body) × idf, where idf =
//!   ln((N + 1) / (df + 1)) + 1 with df counted over the N train documents (leaving the
//!   scored document out when it is itself a train document). Top 10 by score, ties to the
//!   earlier phrase.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer,
};

use super::extract_metrics::{MacroPrf, Row};
use crate::extract::topics;

/// How many phrases each method returns per document.
pub const TOP_K: usize = 10;
const FIELD: &str = "topics";
const LEVEL: &str = "keyphrase@10";

/// One article with its gold key phrases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub id: String,
    pub title: String,
    pub body: String,
    pub gold: Vec<String>,
}

/// Reads every `<id>.txt` with its `<id>.key` in `dir`, in file name order. A `.txt` without a
/// `.key` is skipped with a note; an unreadable file is an error.
pub fn read_split(dir: &Path) -> Result<Vec<Doc>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::with_capacity(paths.len());
    for path in paths {
        let key = path.with_extension("key");
        if !key.exists() {
            eprintln!("{}: no .key file, skipped", path.display());
            continue;
        }
        let text = read_lossy(&path)?;
        let gold = read_lossy(&key)?;
        let id = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        docs.push(parse_doc(id, &text, &gold));
    }
    Ok(docs)
}

fn read_lossy(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One document from its `.txt` and `.key` text: line 1 the title, the rest the body.
pub fn parse_doc(id: String, text: &str, key: &str) -> Doc {
    let text = text.trim_start_matches('\u{feff}');
    let (title, body) = text.split_once('\n').unwrap_or((text, ""));
    let body: Vec<&str> = body.lines().map(str::trim_end).collect();
    Doc {
        id,
        title: title.trim().to_string(),
        body: body.join("\n").trim().to_string(),
        gold: key
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    }
}

/// Normalises phrases for comparison (see the module doc).
pub struct Normaliser {
    stem: TextAnalyzer,
}

impl Default for Normaliser {
    fn default() -> Self {
        Normaliser {
            stem: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

impl Normaliser {
    /// The comparison key of a phrase; empty when nothing of it is left.
    pub fn key(&mut self, phrase: &str) -> String {
        let mut out = String::new();
        for word in phrase.split_whitespace() {
            let lower = word.to_lowercase();
            let trimmed = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
            let trimmed = trimmed
                .strip_suffix("'s")
                .or_else(|| trimmed.strip_suffix("’s"))
                .unwrap_or(trimmed);
            let bare: String = trimmed.chars().filter(|c| c.is_alphanumeric()).collect();
            if bare.is_empty() {
                continue;
            }
            let mut stream = self.stem.token_stream(&bare);
            let Some(tok) = stream.next() else { continue };
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&tok.text);
        }
        out
    }

    /// The distinct keys of phrases, in order, empty ones left out.
    pub fn keys<'a>(&mut self, phrases: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut seen = HashSet::new();
        phrases
            .into_iter()
            .map(|p| self.key(p))
            .filter(|k| !k.is_empty() && seen.insert(k.clone()))
            .collect()
    }
}

/// Precision, recall and F1 of one document: the first `TOP_K` distinct predicted keys
/// against the gold keys.
pub fn score_doc(predicted: &[String], gold: &HashSet<String>) -> (f64, f64, f64) {
    let mut seen = HashSet::new();
    let top: Vec<&String> = predicted
        .iter()
        .filter(|k| seen.insert(k.as_str()))
        .take(TOP_K)
        .collect();
    let hits = top.iter().filter(|k| gold.contains(k.as_str())).count();
    let p = if top.is_empty() {
        1.0
    } else {
        hits as f64 / top.len() as f64
    };
    let r = if gold.is_empty() {
        1.0
    } else {
        hits as f64 / gold.len() as f64
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// English stop words for the baseline's candidates (a common short list).
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

fn is_stop(word: &str) -> bool {
    STOP_WORDS.contains(&word.to_lowercase().as_str())
}

/// The baseline's candidate phrases of a text, as written, in order of occurrence (repeats
/// kept: they are the term frequency).
pub fn candidates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for stretch in stretches(text) {
        for a in 0..stretch.len() {
            for n in 1..=3.min(stretch.len() - a) {
                let words = &stretch[a..a + n];
                let (first, last) = (words[0], words[n - 1]);
                if is_stop(first) || is_stop(last) {
                    continue;
                }
                out.push(words.join(" "));
            }
        }
    }
    out
}

/// Runs of words between punctuation; a word is letters, digits and inner `-`, `'`, `’` or
/// `.` ("U.S.", "cease-fire", "Obama's"), and a word without a letter (a number) breaks a run.
fn stretches(text: &str) -> Vec<Vec<&str>> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || (start.is_some() && inner_char(c)) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            end_word(&text[s..i], &mut run, &mut out);
        }
        // Punctuation and line breaks end a run; spaces do not.
        if (!c.is_whitespace() || c == '\n') && !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
    }
    if let Some(s) = start {
        end_word(&text[s..], &mut run, &mut out);
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

fn inner_char(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.')
}

/// Adds a word to the run, or ends the run at a number; a sentence-ending period ("said.",
/// not "U.S.") ends it after the word.
fn end_word<'a>(raw: &'a str, run: &mut Vec<&'a str>, out: &mut Vec<Vec<&'a str>>) {
    let w = raw.trim_end_matches(inner_char);
    if w.chars().any(char::is_alphabetic) {
        run.push(w);
    } else if !run.is_empty() {
        out.push(std::mem::take(run));
    }
    if raw.ends_with('.') && !w.contains('.') && !run.is_empty() {
        out.push(std::mem::take(run));
    }
}

/// Document frequencies of normalised candidates over a set of documents.
pub struct DocFreq {
    pub docs: usize,
    pub df: HashMap<String, u32>,
}

impl DocFreq {
    pub fn of(docs: &[Doc], norm: &mut Normaliser) -> DocFreq {
        let mut df = HashMap::new();
        for d in docs {
            for k in doc_keys(d, norm).into_keys() {
                *df.entry(k).or_insert(0) += 1;
            }
        }
        DocFreq {
            docs: docs.len(),
            df,
        }
    }

    /// idf = ln((N + 1) / (df + 1)) + 1; `own` leaves the scored document out of N and df.
    fn idf(&self, key: &str, own: bool) -> f64 {
        let own = u32::from(own);
        let df = self.df.get(key).copied().unwrap_or(0).saturating_sub(own);
        let n = self.docs.saturating_sub(own as usize);
        ((n as f64 + 1.0) / (f64::from(df) + 1.0)).ln() + 1.0
    }
}

/// The normalised candidates of a document with their counts and first positions.
fn doc_keys(d: &Doc, norm: &mut Normaliser) -> HashMap<String, (u32, usize)> {
    let mut keys: HashMap<String, (u32, usize)> = HashMap::new();
    let text = format!("{}\n{}", d.title, d.body);
    for (i, c) in candidates(&text).iter().enumerate() {
        let k = norm.key(c);
        if k.is_empty() {
            continue;
        }
        keys.entry(k).or_insert((0, i)).0 += 1;
    }
    keys
}

/// The baseline's top `TOP_K` keys for a document. `own`: the document is one of those `df`
/// was counted over.
pub fn tfidf_top(d: &Doc, df: &DocFreq, own: bool, norm: &mut Normaliser) -> Vec<String> {
    let mut scored: Vec<(f64, usize, String)> = doc_keys(d, norm)
        .into_iter()
        .map(|(k, (tf, first))| (f64::from(tf) * df.idf(&k, own), first, k))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(TOP_K).map(|(_, _, k)| k).collect()
}

/// Our extractor's top `TOP_K` key phrases for a document, normalised.
pub fn ours_top(d: &Doc, norm: &mut Normaliser) -> Vec<String> {
    let phrases = topics::key_phrases_top(&d.title, &d.body, TOP_K);
    norm.keys(phrases.iter().map(String::as_str))
}

/// Scores one method over documents.
fn score(
    docs: &[Doc],
    norm: &mut Normaliser,
    mut predict: impl FnMut(&Doc, &mut Normaliser) -> Vec<String>,
) -> MacroPrf {
    let mut m = MacroPrf::default();
    let dump = std::env::var_os("NEWSDEX_EVAL_DUMP").is_some();
    for d in docs {
        let gold: HashSet<String> = norm
            .keys(d.gold.iter().map(String::as_str))
            .into_iter()
            .collect();
        let predicted = predict(d, norm);
        if dump {
            let marked: Vec<String> = predicted
                .iter()
                .map(|k| format!("{}{k}", if gold.contains(k) { "+" } else { "-" }))
                .collect();
            let f = score_doc(&predicted, &gold).2;
            eprintln!("{} {f:.4}: {}", d.id, marked.join(" | "));
        }
        m.add(score_doc(&predicted, &gold));
    }
    m
}

/// Rows for one split: ours, and the TF-IDF baseline; `own` when `df` counts these documents.
pub fn evaluate_split(
    docs: &[Doc],
    df: &DocFreq,
    own: bool,
    name: &str,
    norm: &mut Normaliser,
) -> (Row, Row) {
    let ours = score(docs, norm, ours_top);
    let base = score(docs, norm, |d, n| tfidf_top(d, df, own, n));
    (
        ours.row(name, FIELD, LEVEL),
        base.row(&format!("{name}-tfidf"), FIELD, LEVEL),
    )
}

/// The whole evaluation: test (ours, baseline), then train (ours, baseline) for tuning. Prints
/// the ratio ours / TF-IDF of F1@10 for each split on stderr.
pub fn evaluate(dir: &Path) -> Result<Vec<Row>> {
    let train = read_split(&dir.join("train"))?;
    let test = read_split(&dir.join("test"))?;
    let mut norm = Normaliser::default();
    let df = DocFreq::of(&train, &mut norm);
    let mut rows = Vec::new();
    for (docs, own, name) in [
        (&test, false, "500n-kpcrowd-test"),
        (&train, true, "500n-kpcrowd-train"),
    ] {
        if docs.is_empty() {
            continue;
        }
        let (ours, base) = evaluate_split(docs, &df, own, name, &mut norm);
        let (a, b) = (ours.f1.unwrap_or(0.0), base.f1.unwrap_or(0.0));
        if b > 0.0 {
            eprintln!("{name}: key phrases F1@10 ours / TF-IDF = {:.2}", a / b);
        }
        rows.push(ours);
        rows.push(base);
    }
    Ok(rows)
}

#[cfg(test)]
#[path = "extract_kpcrowd_tests.rs"]
mod tests;
