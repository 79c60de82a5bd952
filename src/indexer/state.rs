//! What the index already holds, read from the index itself: for every file path, the
//! signature it was indexed with and how many articles it gave. Because this lives in the
//! index, it can never disagree with it after a crash.

use std::collections::HashMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::schema::{self, Fields};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileState {
    pub sig: u64,
    pub articles: u64,
}

/// Reads path -> state for every live document.
pub fn load(searcher: &Searcher) -> Result<HashMap<String, FileState>> {
    let mut out: HashMap<String, FileState> = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str(schema::PATH)? else {
            continue;
        };
        let sigs = fast.u64(schema::FILE_SIG)?;
        // Resolve each distinct path ordinal once: a file's articles share it.
        let mut per_ord: HashMap<u64, (u64, u64)> = HashMap::new();
        for doc in segment.doc_ids_alive() {
            let Some(ord) = paths.term_ords(doc).next() else {
                continue;
            };
            let sig = sigs.first(doc).unwrap_or(0);
            let e = per_ord.entry(ord).or_insert((sig, 0));
            e.1 += 1;
        }
        let mut path = String::new();
        for (ord, (sig, count)) in per_ord {
            if paths.ord_to_str(ord, &mut path)? {
                let e = out
                    .entry(path.clone())
                    .or_insert(FileState { sig, articles: 0 });
                e.sig = sig;
                e.articles += count;
            }
        }
    }
    Ok(out)
}

/// The (id, content hash) of every live article of one file.
pub fn articles_of(searcher: &Searcher, f: &Fields, path: &str) -> Result<HashMap<String, u64>> {
    let query = TermQuery::new(
        Term::from_field_text(f.path, path),
        IndexRecordOption::Basic,
    );
    let docs = searcher.search(&query, &DocSetCollector)?;
    let mut out = HashMap::with_capacity(docs.len());
    for addr in docs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let id = doc.get_first(f.id).and_then(|v| v.as_str()).unwrap_or("");
        let hash = doc
            .get_first(f.content_hash)
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        out.insert(id.to_string(), hash);
    }
    Ok(out)
}
