//! Walking a corpus and turning files into [`Article`]s: recursive walk, gzip, format detection
//! by extension and content, text decoding (UTF-8, else Windows-1252), and one parser per format.
//!
//! The data flows one way through the submodules: [`walk`] finds files, `read` gets their bytes
//! (gunzipping, capping the size), `detect` names the format and decodes the text, and one parser
//! per format (`text`, `html`, `json`, `sgml`) turns text into articles. `load` strings the last
//! three together. Parsers are pure functions of text; only `walk` and `read` touch the disk.
//!
//! This module never touches the index and runs no extraction.

use std::path::PathBuf;

use crate::article::Article;

mod boilerplate;
pub mod date;
mod date_tokens;
mod detect;
mod feed;
mod html;
mod html_body;
mod html_title;
mod json;
mod json_fields;
mod load;
mod markup;
mod read;
mod sgml;
mod sgml_fields;
mod text;
mod walk;

pub use date::parse_date;
pub use detect::{decode_text, detect_format};
pub use load::load;
pub use sgml_fields::dateline_place;
pub use walk::{root_spelling, walk};

/// A file found by [`walk`], not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as shown to users and used in article ids (forward slashes).
    pub display: String,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: i128,
}

/// A file (or part of one) that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// The articles one file gave, plus problems with parts of it (a bad JSONL line) that did not
/// stop the rest of the file from being indexed.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    pub warnings: Vec<Skipped>,
}

/// A part of a file a parser had to leave out. Parsers do not know the file's path, so they
/// report the line (when there is one) and `load` turns this into a [`Skipped`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// 1-based line number, when the problem sits on one line.
    pub line: Option<usize>,
    pub reason: String,
}
