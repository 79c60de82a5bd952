//! Field names in one place, the schema built from them, and the [`Fields`] handle every
//! other module uses to reach a field.
//!
//! Metadata lives twice: once in a text field with the name analyzer (so `--person putin`
//! finds "Vladimir Putin") and once as a facet (`/people/Vladimir Putin`) for counting.

use tantivy::schema::{
    FAST, FacetOptions, Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
};

use std::path::Path;

use tantivy::Index;

use crate::analysis;
use crate::error::{Error, Result};

pub const ID: &str = "id";
pub const SOURCE_ID: &str = "source_id";
pub const PATH: &str = "path";
pub const FORMAT: &str = "format";
pub const TITLE: &str = "title";
pub const BODY: &str = "body";
pub const DATE: &str = "date";
pub const DATELINE: &str = "dateline";
pub const SOURCE: &str = "source";
pub const URL: &str = "url";
pub const AUTHORS: &str = "authors";
pub const PEOPLE: &str = "people";
pub const SPEAKERS: &str = "speakers";
pub const SUMMITS: &str = "summits";
pub const TOPICS: &str = "topics";
pub const PLACES: &str = "places";
pub const ORGS: &str = "orgs";
pub const FACETS: &str = "facets";
/// Size and mtime of the file an article came from: lets an incremental run skip unchanged
/// files without a side file that could disagree with the index after a crash.
pub const FILE_SIG: &str = "file_sig";
/// Hash of everything stored for the article: tells "updated" from "unchanged".
pub const CONTENT_HASH: &str = "content_hash";
/// SimHash of the article's text (`indexer::simhash`): near-duplicates are collapsed on it.
pub const SIMHASH: &str = "simhash";
/// The article's record number in its file, as a fast column: with the path's column it gives
/// the id (`path#record`) without reading the stored document.
pub const RECORD: &str = "record";

/// The metadata kinds that get a facet and a `--facets` count, in display order.
pub const FACET_KINDS: &[&str] = &[PEOPLE, SPEAKERS, SUMMITS, TOPICS, DATELINE];

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub source_id: Field,
    pub path: Field,
    pub format: Field,
    pub title: Field,
    pub body: Field,
    pub date: Field,
    pub dateline: Field,
    pub source: Field,
    pub url: Field,
    pub authors: Field,
    pub people: Field,
    pub speakers: Field,
    pub summits: Field,
    pub topics: Field,
    pub places: Field,
    pub orgs: Field,
    pub facets: Field,
    pub file_sig: Field,
    pub content_hash: Field,
    pub simhash: Field,
    pub record: Field,
}

/// A stored text field with positions. `norms`: keep the per-article length BM25 needs; only
/// the fields the ranking scores (title, body, dateline) do, the rest are only ever matched
/// (filters, `--facets`), and a length byte per article per field is 0.43 MB on ×20 Reuters.
fn text(analyzer: &str, norms: bool) -> TextOptions {
    TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions)
            .set_fieldnorms(norms),
    )
}

/// A stored, untokenized key (ids, path, format): looked up whole, never scored.
fn key() -> TextOptions {
    TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field(ID, key());
    b.add_text_field(SOURCE_ID, key());
    b.add_text_field(PATH, key() | FAST);
    b.add_text_field(FORMAT, key());
    b.add_text_field(TITLE, text(analysis::NEWS, true));
    b.add_text_field(BODY, text(analysis::NEWS, true));
    // Not indexed: `--since`/`--until` are range queries, which tantivy answers from the fast
    // column (an indexed date was a term per distinct timestamp: 7.4 MB on ×20 Reuters).
    b.add_date_field(DATE, STORED | FAST);
    b.add_text_field(DATELINE, text(analysis::NAME, true));
    b.add_text_field(SOURCE, text(analysis::NAME, false));
    b.add_text_field(URL, STORED);
    b.add_text_field(AUTHORS, text(analysis::NAME, false));
    b.add_text_field(PEOPLE, text(analysis::NAME, false));
    b.add_text_field(SPEAKERS, text(analysis::NAME, false));
    b.add_text_field(SUMMITS, text(analysis::NAME, false));
    b.add_text_field(TOPICS, text(analysis::NEWS, false));
    b.add_text_field(PLACES, text(analysis::NAME, false));
    b.add_text_field(ORGS, text(analysis::NAME, false));
    b.add_facet_field(FACETS, FacetOptions::default());
    b.add_u64_field(FILE_SIG, FAST);
    b.add_u64_field(CONTENT_HASH, STORED);
    b.add_u64_field(SIMHASH, FAST);
    b.add_u64_field(RECORD, FAST);
    b.build()
}

impl Fields {
    pub fn new(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f(ID)?,
            source_id: f(SOURCE_ID)?,
            path: f(PATH)?,
            format: f(FORMAT)?,
            title: f(TITLE)?,
            body: f(BODY)?,
            date: f(DATE)?,
            dateline: f(DATELINE)?,
            source: f(SOURCE)?,
            url: f(URL)?,
            authors: f(AUTHORS)?,
            people: f(PEOPLE)?,
            speakers: f(SPEAKERS)?,
            summits: f(SUMMITS)?,
            topics: f(TOPICS)?,
            places: f(PLACES)?,
            orgs: f(ORGS)?,
            facets: f(FACETS)?,
            file_sig: f(FILE_SIG)?,
            content_hash: f(CONTENT_HASH)?,
            simhash: f(SIMHASH)?,
            record: f(RECORD)?,
        })
    }

    /// The text field behind a metadata name used in queries and filters.
    pub fn by_filter_name(&self, name: &str) -> Option<Field> {
        Some(match name {
            "title" => self.title,
            "body" | "text" => self.body,
            "person" | "people" => self.people,
            "speaker" | "speakers" => self.speakers,
            "summit" | "summits" => self.summits,
            "topic" | "topics" => self.topics,
            "dateline" => self.dateline,
            "source" => self.source,
            "place" | "places" => self.places,
            "org" | "orgs" => self.orgs,
            "author" | "authors" => self.authors,
            _ => return None,
        })
    }
}

/// Opens an existing index and registers our analyzers (they are not saved in the index).
pub fn open_index(dir: &Path) -> Result<(Index, Fields)> {
    if !dir.join("meta.json").exists() {
        return Err(Error::Index {
            path: dir.to_path_buf(),
            message: "no index here (run `newsdex index` first)".into(),
        });
    }
    let index = Index::open_in_dir(dir).map_err(|e| Error::Index {
        path: dir.to_path_buf(),
        message: format!("{CORRUPT} ({e})"),
    })?;
    finish_open(dir, index)
}

/// Opens the index in `dir`, creating the folder and an empty index when there is none.
pub fn open_or_create_index(dir: &Path) -> Result<(Index, Fields)> {
    if dir.join("meta.json").exists() {
        return open_index(dir);
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let index = Index::create_in_dir(dir, build_schema()).map_err(|e| Error::Index {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })?;
    finish_open(dir, index)
}

/// What a second `newsdex index` on the same index is told.
pub const WRITER_BUSY: &str = "another `newsdex index` is writing to it; wait for it to finish";

/// The index in `dir` for a full rebuild (`newsdex index --full`): as
/// [`open_or_create_index`], except that an index another version of newsdex built (another
/// schema, which tantivy cannot change in place) is replaced by an empty one. Its files are
/// removed while its writer lock is held, so an index that a run is still writing is refused
/// as it would be otherwise; only tantivy's own files go (those it lists as managed, its meta
/// files, and segment files), never anything else in the folder.
pub fn open_for_rebuild(dir: &Path) -> Result<(Index, Fields)> {
    if !dir.join("meta.json").exists() {
        return open_or_create_index(dir);
    }
    let index_error = |message: String| Error::Index {
        path: dir.to_path_buf(),
        message,
    };
    // An index of this version whose files all open is cleared by the caller; one of
    // another version, or one that cannot be read, is replaced file by file.
    if let Ok(old) = Index::open_in_dir(dir)
        && old.schema() == build_schema()
        && open_reader(dir, &old).is_ok()
    {
        return finish_open(dir, old);
    }
    let directory =
        tantivy::directory::MmapDirectory::open(dir).map_err(|e| index_error(e.to_string()))?;
    let lock = tantivy::Directory::acquire_lock(&directory, &tantivy::directory::INDEX_WRITER_LOCK)
        .map_err(|_| index_error(WRITER_BUSY.into()))?;
    for name in index_files(dir) {
        let path = dir.join(&name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::Io { path, source }),
        }
    }
    drop(lock);
    open_or_create_index(dir)
}

/// tantivy's files in an index folder: those `.managed.json` lists, the meta files, and every
/// file named like a segment's (32 hex digits, then an extension).
fn index_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read(dir.join(".managed.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let is_segment_file = |name: &str| {
        name.split_once('.').is_some_and(|(stem, _)| {
            stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit())
        })
    };
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_segment_file(&name) {
                names.push(name);
            }
        }
    }
    // Names from the list must be plain file names in this folder.
    names.retain(|n| !n.is_empty() && !n.contains(['/', '\\']) && n != "." && n != "..");
    // meta.json first: a run stopped half way leaves no index rather than a broken one (the
    // next run creates one, and tantivy collects the files left over from the list), and
    // the list last.
    names.retain(|n| n != "meta.json" && n != ".managed.json");
    names.insert(0, "meta.json".into());
    names.push(".managed.json".into());
    names
}

/// What a user is told when an index's files cannot be read.
const CORRUPT: &str = "its files are damaged; rebuild it with `newsdex index --full`";

/// Opens a reader on `index`. tantivy asserts rather than fails on some damaged files (a
/// truncated segment file ends in no footer), so a panic while opening is caught and told
/// as a damaged index, like an error is.
pub fn open_reader(dir: &Path, index: &Index) -> Result<tantivy::IndexReader> {
    let open = || {
        index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
    };
    let damaged = |detail: String| Error::Index {
        path: dir.to_path_buf(),
        message: format!("{CORRUPT} ({detail})"),
    };
    // The default hook would print the panic as if newsdex had crashed: silence it for this
    // call only (nothing else runs yet when an index is opened).
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(open));
    std::panic::set_hook(hook);
    match opened {
        Ok(Ok(reader)) => Ok(reader),
        Ok(Err(e)) => Err(damaged(e.to_string())),
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unreadable segment".into());
            Err(damaged(detail))
        }
    }
}

fn finish_open(dir: &Path, index: Index) -> Result<(Index, Fields)> {
    analysis::register(index.tokenizers());
    if index.schema() != build_schema() {
        return Err(Error::Index {
            path: dir.to_path_buf(),
            message:
                "it was built by another version of newsdex; rebuild it with `newsdex index --full`"
                    .into(),
        });
    }
    let fields = Fields::new(&index.schema())?;
    Ok((index, fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_exists() {
        let schema = build_schema();
        let fields = Fields::new(&schema).expect("all fields");
        assert_eq!(fields.by_filter_name("person"), Some(fields.people));
        assert_eq!(fields.by_filter_name("nope"), None);
        for kind in FACET_KINDS {
            assert!(schema.get_field(kind).is_ok());
        }
    }
}
