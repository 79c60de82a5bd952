//! Stored tantivy document -> [`Article`]: the reverse of `indexer::to_document`.

use std::collections::HashMap;

use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::article::{Article, Format};
use crate::error::Result;
use crate::schema::{self, Fields};

fn first(doc: &TantivyDocument, f: Field) -> Option<String> {
    doc.get_first(f)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn all(doc: &TantivyDocument, f: Field) -> Vec<String> {
    doc.get_all(f)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn format(s: &str) -> Option<Format> {
    Some(match s {
        "text" => Format::Text,
        "html" => Format::Html,
        "json" => Format::Json,
        "jsonl" => Format::Jsonl,
        "sgml" => Format::Sgml,
        "feed" => Format::Feed,
        _ => return None,
    })
}

pub fn to_article(doc: &TantivyDocument, f: &Fields) -> Article {
    let id = first(doc, f.id).unwrap_or_default();
    let record = id
        .rsplit_once('#')
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(0);
    Article {
        source_id: first(doc, f.source_id),
        path: first(doc, f.path).unwrap_or_default(),
        record,
        format: first(doc, f.format).as_deref().and_then(format),
        title: first(doc, f.title).unwrap_or_default(),
        body: first(doc, f.body).unwrap_or_default(),
        date: doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .map(|d| d.into_utc()),
        dateline: first(doc, f.dateline),
        source: first(doc, f.source),
        url: first(doc, f.url),
        authors: all(doc, f.authors),
        people: all(doc, f.people),
        speakers: all(doc, f.speakers),
        summits: all(doc, f.summits),
        topics: all(doc, f.topics),
        places: all(doc, f.places),
        orgs: all(doc, f.orgs),
        id,
    }
}

/// Article ids (`path#record`, as [`Article::make_id`]) read from the path and record fast
/// columns, opened once per segment: no stored document is read (a page names up to 30
/// copies, each in a store block of its own). From the stored id where a column has no value
/// or cannot be read.
pub struct Ids<'a> {
    searcher: &'a Searcher,
    id: Field,
    columns: HashMap<u32, Option<(StrColumn, Column<u64>)>>,
}

impl<'a> Ids<'a> {
    pub fn new(searcher: &'a Searcher, fields: &Fields) -> Self {
        Ids {
            searcher,
            id: fields.id,
            columns: HashMap::new(),
        }
    }

    pub fn of(&mut self, addr: DocAddress) -> Result<String> {
        if !self.columns.contains_key(&addr.segment_ord) {
            let fast = self.searcher.segment_reader(addr.segment_ord).fast_fields();
            let paths = fast.str(schema::PATH).ok().flatten();
            let columns = paths.zip(fast.u64(schema::RECORD).ok());
            self.columns.insert(addr.segment_ord, columns);
        }
        if let Some(Some((paths, records))) = self.columns.get(&addr.segment_ord)
            && let Some(record) = records.first(addr.doc_id)
            && let Some(ord) = paths.term_ords(addr.doc_id).next()
        {
            let mut path = String::new();
            if paths.ord_to_str(ord, &mut path).unwrap_or(false) {
                return Ok(Article::make_id(&path, record as usize));
            }
        }
        let doc: TantivyDocument = self.searcher.doc(addr)?;
        Ok(first(&doc, self.id).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indexer::{content_hash, to_document};
    use crate::schema::build_schema;

    #[test]
    fn round_trips_through_a_document() {
        let f = Fields::new(&build_schema()).expect("fields");
        let a = Article {
            id: "c/a.jsonl#2".into(),
            source_id: Some("42".into()),
            path: "c/a.jsonl".into(),
            record: 2,
            format: Some(Format::Jsonl),
            title: "Title".into(),
            body: "Body".into(),
            date: Some(time::macros::datetime!(2016-09-05 10:00 UTC)),
            dateline: Some("Hangzhou, China".into()),
            source: Some("Reuters".into()),
            url: Some("https://example.com/a".into()),
            authors: vec!["Jane Roe".into()],
            people: vec!["Barack Obama".into(), "Vladimir Putin".into()],
            speakers: vec!["Barack Obama".into()],
            summits: vec!["G20 Hangzhou 2016".into()],
            topics: vec!["diplomacy".into()],
            places: vec!["China".into()],
            orgs: vec!["Kremlin".into()],
        };
        let doc = to_document(&a, &f, 1, content_hash(&a));
        assert_eq!(to_article(&doc, &f), a);
    }
}
