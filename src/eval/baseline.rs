//! Plain BM25, as a peer gets it out of the box: tantivy's `QueryParser` with OR between the
//! words, over title and body as separate fields (one BM25 sum per field, no boosts), on the
//! same index and analyzers as newsdex. Every relevance run prints it beside our ranking.

use tantivy::DocAddress;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;

use crate::error::{Error, Result};
use crate::search::NewsIndex;

/// Characters the query parser would read as syntax; escaped so topic text stays words.
const SYNTAX: &[char] = &[
    '+', '-', '^', '`', ':', '{', '}', '"', '\'', '[', ']', '(', ')', '!', '\\', '*', '~',
];

/// Topic text as literal words for the query parser: lower-cased (so AND/OR/NOT are words)
/// with its syntax characters escaped.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.to_lowercase().chars() {
        if SYNTAX.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The top `depth` documents for `text` under plain BM25.
pub fn search(index: &NewsIndex, text: &str, depth: usize) -> Result<Vec<(f32, DocAddress)>> {
    let f = index.fields();
    let parser = QueryParser::for_index(index.index(), vec![f.title, f.body]);
    let text = literal(text);
    let query = match parser.parse_query(&text) {
        Ok(q) => q,
        Err(_) => parser.parse_query_lenient(&text).0,
    };
    let searcher = index.searcher();
    let top = TopDocs::with_limit(depth.max(1)).order_by_score();
    searcher.search(&query, &top).map_err(Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_text_becomes_literal_words() {
        assert_eq!(
            literal("VIET NAM'S WAR OR PEACE"),
            "viet nam\\'s war or peace"
        );
        assert_eq!(literal("\"HOT LINE\" (X)"), "\\\"hot line\\\" \\(x\\)");
        assert_eq!(literal("NON-COMMUNIST"), "non\\-communist");
    }
}
