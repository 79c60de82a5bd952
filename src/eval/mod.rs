//! Quality measurement: extraction against gold sets ([`extract`]) and ranking against
//! relevance judgments ([`relevance`], with TREC files and measures in [`trec`], SMART
//! collections in [`smart`] and the plain-BM25 baseline in [`baseline`]).

pub mod baseline;
pub mod extract;
pub mod extract_bbc;
pub mod extract_conll;
pub mod extract_gold;
pub mod extract_kpcrowd;
pub mod extract_metrics;
pub mod extract_polnear;
pub mod extract_polnear_gold;
mod extract_polnear_words;
pub mod extract_reuters;
pub mod relevance;
pub mod smart;
pub mod trec;
