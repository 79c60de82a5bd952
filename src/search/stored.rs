//! Stored tantivy document -> [`Article`]: the reverse of `indexer::to_document`.

use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

use crate::article::{Article, Format};
use crate::schema::Fields;

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
