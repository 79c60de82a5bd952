//! Single-thread throughput of each step of newsdex's indexing path, on the ×1 corpus held in
//! memory: parsing, extraction, analysis (our text analyzer beside tantivy's `en_stem`), and
//! the per-article work the writer-feeding thread does (document building and content hash).
//! It names the step that costs most, which the end-to-end timings cannot.

use std::time::Instant;

use anyhow::Result;
use serde::{Deserialize, Serialize};
use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, TokenizerManager};

use crate::article::Article;
use crate::corpus;
use crate::indexer::{content_hash, to_document};
use crate::{analysis, extract, schema};

/// One step: how long it took on one thread, and its rate over the article text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Step {
    pub name: String,
    pub ms: f64,
    /// Megabytes (10^6) of title + body text per second.
    pub mb_per_s: f64,
    /// Tokens produced, for the analyzers.
    pub tokens: Option<u64>,
}

fn step(name: &str, text_bytes: u64, started: Instant, tokens: Option<u64>) -> Step {
    let secs = started.elapsed().as_secs_f64();
    // Below a tenth of a millisecond the step did nothing measurable (a no-op extractor).
    let mb_per_s = if secs < 1e-4 {
        0.0
    } else {
        text_bytes as f64 / 1e6 / secs
    };
    Step {
        name: name.to_string(),
        ms: (secs * 1e6).round() / 1000.0,
        mb_per_s: (mb_per_s * 100.0).round() / 100.0,
        tokens,
    }
}

fn count_tokens(analyzer: &mut TextAnalyzer, articles: &[Article]) -> u64 {
    let mut n = 0u64;
    for a in articles {
        for text in [&a.title, &a.body] {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                n += 1;
            }
        }
    }
    n
}

/// Runs every step over the files in `dir`, one thread.
pub fn measure(dir: &std::path::Path) -> Result<Vec<Step>> {
    let (files, _) = corpus::walk(&[dir.to_path_buf()]);
    let t = Instant::now();
    let mut articles = Vec::new();
    for file in &files {
        if let Ok(parsed) = corpus::load(file, u64::MAX) {
            articles.extend(parsed.articles);
        }
    }
    let bytes: u64 = articles
        .iter()
        .map(|a| (a.title.len() + a.body.len()) as u64)
        .sum();
    let mut steps = vec![step("read + parse", bytes, t, None)];

    let t = Instant::now();
    for a in &mut articles {
        extract::enrich(a);
    }
    steps.push(step("extract (enrich)", bytes, t, None));

    let manager = TokenizerManager::default();
    analysis::register(&manager);
    let analyzers = [
        ("analyze: newsdex text analyzer", analysis::NEWS),
        ("analyze: tantivy en_stem", "en_stem"),
    ];
    for (name, id) in analyzers {
        if let Some(mut analyzer) = manager.get(id) {
            let t = Instant::now();
            let n = count_tokens(&mut analyzer, &articles);
            steps.push(step(name, bytes, t, Some(n)));
        }
    }

    // The tokenizers alone, without filters: what compounds cost over a plain split.
    let bare: [(&str, TextAnalyzer); 2] = [
        (
            "tokenize only: NewsTokenizer",
            TextAnalyzer::from(analysis::NewsTokenizer::default()),
        ),
        (
            "tokenize only: SimpleTokenizer",
            TextAnalyzer::from(SimpleTokenizer::default()),
        ),
    ];
    for (name, mut analyzer) in bare {
        let t = Instant::now();
        let n = count_tokens(&mut analyzer, &articles);
        steps.push(step(name, bytes, t, Some(n)));
    }

    let fields = schema::Fields::new(&schema::build_schema())?;
    let t = Instant::now();
    let mut sink = 0u64;
    for a in &articles {
        sink ^= content_hash(a);
    }
    steps.push(step("content hash (writer thread)", bytes, t, None));
    let t = Instant::now();
    for a in &articles {
        let doc = to_document(a, &fields, 0, sink);
        std::hint::black_box(doc);
    }
    steps.push(step("to_document (writer thread)", bytes, t, None));
    Ok(steps)
}
