//! The library's error type. Variants carry the path (and line, where there is one) so a
//! message tells the user where to look. The binary adds context with `anyhow`.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file that cannot be read as an article source (binary, empty, corrupt, too large).
    #[error("{path}: {reason}")]
    BadFile { path: PathBuf, reason: String },
    #[error("index at {path}: {message}")]
    Index { path: PathBuf, message: String },
    /// An I/O error with no path to name (reading the index's own columns).
    #[error(transparent)]
    IoRaw(#[from] std::io::Error),
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("bad query: {0}")]
    Query(String),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
