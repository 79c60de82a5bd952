//! Text analyzers kept from one search to the next.
//!
//! Search analyses stored text: the feedback documents (every word of ten articles) and the
//! hits' titles and snippets. The text analyzer remembers each distinct word's analysed form
//! (its memo, see [`crate::analysis`]), but a fresh clone starts with an empty memo, so a search
//! that took a new analyzer each time stemmed every word of those articles again: a third of
//! a query's instructions. A pooled analyzer keeps its memo, which gives exactly the tokens
//! the plain chain gives (the memo only skips repeated work).

use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

use tantivy::tokenizer::TextAnalyzer;

/// Analyzers kept at most (one per concurrent search; more are made and dropped as needed).
const MAX_KEPT: usize = 8;

#[derive(Default)]
pub struct AnalyzerPool {
    idle: Mutex<Vec<TextAnalyzer>>,
}

impl AnalyzerPool {
    /// An idle analyzer, or `fresh()` when none is; it goes back to the pool when dropped.
    pub fn take<E>(
        &self,
        fresh: impl FnOnce() -> Result<TextAnalyzer, E>,
    ) -> Result<Pooled<'_>, E> {
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        let analyzer = match idle {
            Some(a) => a,
            None => fresh()?,
        };
        Ok(Pooled {
            pool: self,
            analyzer: Some(analyzer),
        })
    }
}

/// An analyzer on loan from an [`AnalyzerPool`].
pub struct Pooled<'a> {
    pool: &'a AnalyzerPool,
    analyzer: Option<TextAnalyzer>,
}

impl Deref for Pooled<'_> {
    type Target = TextAnalyzer;

    fn deref(&self) -> &TextAnalyzer {
        self.analyzer.as_ref().expect("present until dropped")
    }
}

impl DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut TextAnalyzer {
        self.analyzer.as_mut().expect("present until dropped")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let (Some(a), Ok(mut idle)) = (self.analyzer.take(), self.pool.idle.lock())
            && idle.len() < MAX_KEPT
        {
            idle.push(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(a: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        while let Some(t) = s.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn a_reused_analyzer_gives_what_a_fresh_one_gives() {
        let manager = TokenizerManager::default();
        crate::analysis::register(&manager);
        let fresh = || {
            manager
                .get(crate::analysis::NEWS)
                .ok_or("no analyzer".to_string())
        };
        let pool = AnalyzerPool::default();
        let texts = [
            "Oil prices rose as OPEC cut output; the cease-fire held.",
            "U.S. oil prices: Exxon's heating-oil price cut, traders said.",
            "Oil prices rose as OPEC cut output; the cease-fire held.",
        ];
        for text in texts {
            let want = tokens(&mut fresh().expect("fresh"), text);
            let mut pooled = pool.take(fresh).expect("pooled");
            assert_eq!(tokens(&mut pooled, text), want, "{text}");
        }
        assert_eq!(
            pool.idle.lock().expect("lock").len(),
            1,
            "one analyzer reused"
        );
    }
}
