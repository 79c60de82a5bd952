//! Quality measurement: extraction against gold sets ([`extract`]) and ranking against
//! relevance judgments ([`relevance`], with TREC files and measures in [`trec`], SMART
//! collections in [`smart`] and the plain-BM25 baseline in [`baseline`]).

pub mod baseline;
pub mod extract;
pub mod relevance;
pub mod smart;
pub mod trec;
