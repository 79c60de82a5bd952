//! newsdex: a full-text search engine for news, built on tantivy.
//!
//! Data flows one way:
//! corpus dir → [`corpus`] (walk, detect, decode, parse) → [`article::Article`] →
//! [`extract`] (dateline, people, speakers, summits, topics) → [`indexer`] → index/;
//! query + filters → [`search`] → hits → snippets → [`output`] printers.

pub mod analysis;
pub mod app;
pub mod article;
pub mod bench;
pub mod cli;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod extract;
pub mod indexer;
pub mod output;
pub mod schema;
pub mod search;

pub use article::{Article, Format};
pub use error::{Error, Result};
