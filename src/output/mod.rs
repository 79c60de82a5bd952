//! Printers. They take results and an `impl Write`; they never run queries.

pub mod json;
pub mod text;
