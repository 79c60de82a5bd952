//! Quality measurement: extraction against gold sets ([`extract`]) and ranking against
//! relevance judgments ([`relevance`]).

pub mod extract;
pub mod relevance;
