//! Article -> tantivy document. The only place that decides how an article is laid out in the
//! index; [`crate::search::stored`] reads it back.

use tantivy::schema::Facet;
use tantivy::{DateTime, TantivyDocument};

use crate::article::Article;
use crate::schema::{self, Fields};

/// Hash of everything an article stores, stable across runs and Rust versions (xxh3). Each
/// value goes in with its length, so moving text between fields changes the hash.
pub fn content_hash(a: &Article) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut put = |s: &str| {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "\u{0}".to_string());
    put(&a.id);
    put(&opt(&a.source_id));
    put(&a.path);
    put(a.format.map_or("", |f| f.as_str()));
    put(&a.title);
    put(&a.body);
    put(&a
        .date
        .map(|d| d.unix_timestamp_nanos().to_string())
        .unwrap_or_default());
    put(&opt(&a.dateline));
    put(&opt(&a.source));
    put(&opt(&a.url));
    for list in [
        &a.authors,
        &a.people,
        &a.speakers,
        &a.summits,
        &a.topics,
        &a.places,
        &a.orgs,
    ] {
        put(&list.len().to_string());
        for v in list {
            put(v);
        }
    }
    h.digest()
}

/// Signature of a file's size and modification time.
pub fn file_sig(size: u64, mtime_ns: i128) -> u64 {
    let mut buf = [0u8; 24];
    buf[..8].copy_from_slice(&size.to_le_bytes());
    buf[8..].copy_from_slice(&mtime_ns.to_le_bytes());
    xxhash_rust::xxh3::xxh3_64(&buf)
}

fn facet(kind: &str, value: &str) -> Option<Facet> {
    let value = value.replace('\0', "");
    let value = value.trim();
    (!value.is_empty()).then(|| Facet::from_path([kind, value]))
}

pub fn to_document(a: &Article, f: &Fields, file_sig: u64, hash: u64) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &a.id);
    if let Some(v) = &a.source_id {
        doc.add_text(f.source_id, v);
    }
    doc.add_text(f.path, &a.path);
    if let Some(fmt) = a.format {
        doc.add_text(f.format, fmt.as_str());
    }
    doc.add_text(f.title, &a.title);
    doc.add_text(f.body, &a.body);
    if let Some(d) = a.date {
        doc.add_date(f.date, DateTime::from_utc(d));
    }
    if let Some(v) = &a.dateline {
        doc.add_text(f.dateline, v);
        if let Some(fc) = facet(schema::DATELINE, v) {
            doc.add_facet(f.facets, fc);
        }
    }
    if let Some(v) = &a.source {
        doc.add_text(f.source, v);
    }
    if let Some(v) = &a.url {
        doc.add_text(f.url, v);
    }
    let lists = [
        (f.authors, &a.authors, None),
        (f.people, &a.people, Some(schema::PEOPLE)),
        (f.speakers, &a.speakers, Some(schema::SPEAKERS)),
        (f.summits, &a.summits, Some(schema::SUMMITS)),
        (f.topics, &a.topics, Some(schema::TOPICS)),
        (f.places, &a.places, None),
        (f.orgs, &a.orgs, None),
    ];
    for (field, values, kind) in lists {
        for v in values {
            doc.add_text(field, v);
            if let Some(fc) = kind.and_then(|k| facet(k, v)) {
                doc.add_facet(f.facets, fc);
            }
        }
    }
    doc.add_u64(f.file_sig, file_sig);
    doc.add_u64(f.content_hash, hash);
    doc.add_u64(f.simhash, super::simhash::fingerprint(&a.title, &a.body));
    // Only when the id can be rebuilt from it (the search reads the stored id otherwise).
    if a.id_is_path_and_record() {
        doc.add_u64(f.record, a.record as u64);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Value;

    #[test]
    fn document_carries_every_field_and_facets() {
        let schema = schema::build_schema();
        let f = Fields::new(&schema).expect("fields");
        let a = Article {
            id: "x.txt#0".into(),
            path: "x.txt".into(),
            title: "T".into(),
            body: "B".into(),
            dateline: Some("Beirut, Lebanon".into()),
            people: vec!["Barack Obama".into()],
            summits: vec!["G20 Hangzhou 2016".into()],
            ..Default::default()
        };
        let doc = to_document(&a, &f, 7, content_hash(&a));
        assert_eq!(
            doc.get_first(f.id).and_then(|v| v.as_str()),
            Some("x.txt#0")
        );
        let facets: Vec<String> = doc
            .get_all(f.facets)
            .filter_map(|v| v.as_facet().map(|s| s.to_string()))
            .collect();
        assert_eq!(facets.len(), 3, "{facets:?}");
    }

    #[test]
    fn hashes_are_stable_and_sensitive() {
        let a = Article {
            title: "a".into(),
            ..Default::default()
        };
        let mut b = a.clone();
        assert_eq!(content_hash(&a), content_hash(&b));
        b.body = "changed".into();
        assert_ne!(content_hash(&a), content_hash(&b));
        assert_ne!(file_sig(1, 2), file_sig(1, 3));
    }
}
