//! The text analyzer's per-word memo: [`MemoFilter`] gives exactly what
//! [`super::news_word_chain`] gives, but runs the chain once per distinct word.

use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

use super::news_word_chain;

/// A token filter that gives exactly what [`news_word_chain`] gives, but remembers each
/// distinct word's result: news text repeats a small vocabulary, and the stemmer alone was
/// ~13 % of indexing CPU. Every analyzer clone (one per field per indexing thread) starts with
/// an empty memo, which grows with use up to [`MEMO_PAIRS`] pairs of words (2 MB), so memory
/// stays bounded.
#[derive(Clone, Copy)]
pub(super) struct MemoFilter;

/// Most word pairs a memo grows to (two words per pair: 64 K words, 2 MB).
const MEMO_PAIRS: usize = 1 << 15;
/// Pairs a memo starts with, on its first word (a query analyzer never needs more).
const MEMO_FIRST_PAIRS: usize = 1 << 11;
/// Longest word, in bytes, the memo keeps: its key and result live inside the pair, with no
/// pointer to follow or string to allocate. Longer words (0.4 % of news words) run the chain
/// every time.
const INLINE: usize = 15;
/// The length byte of a result the chain dropped (a stop word).
const DROPPED: u8 = u8::MAX;

/// A word or its analysed form, padded with zeros and ending in its length; a key of length 0
/// is an empty way.
type Inline = [u8; INLINE + 1];

/// Two words (a two-way cache) and their analysed forms in one 64-byte cache line, so that a
/// look-up reads one line. A new word takes the front way and pushes the older one to the
/// back, so the commonest words stay and a full memo never has to be cleared.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Pair {
    keys: [Inline; 2],
    outs: [Inline; 2],
}

fn inline(bytes: &[u8]) -> Option<Inline> {
    let len = u8::try_from(bytes.len())
        .ok()
        .filter(|&n| n > 0 && n as usize <= INLINE)?;
    let mut a = [0u8; INLINE + 1];
    a[..bytes.len()].copy_from_slice(bytes);
    a[INLINE] = len;
    Some(a)
}

/// The pair index's source: a mix of the key's two words (its high bits are used).
fn pair_hash(key: &Inline) -> u64 {
    key.chunks_exact(8).fold(0x2545_f491_4f6c_dd1d, |h, c| {
        let v = u64::from_le_bytes(c.try_into().unwrap_or_default());
        (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(31)
    })
}

pub(super) struct Memo {
    pairs: Vec<Pair>,
    /// Words looked up and not found since the memo last grew.
    misses: usize,
    chain: TextAnalyzer,
}

impl Memo {
    fn new() -> Memo {
        Memo {
            pairs: Vec::new(),
            misses: 0,
            chain: news_word_chain(),
        }
    }

    fn index(&self, key: &Inline) -> usize {
        let bits = self.pairs.len().trailing_zeros();
        (pair_hash(key) >> (64 - bits)) as usize
    }

    /// Puts `key` and `out` in the front way of their pair, moving the front word back.
    fn insert(&mut self, key: Inline, out: Inline) {
        let i = self.index(&key);
        let p = &mut self.pairs[i];
        p.keys[1] = p.keys[0];
        p.outs[1] = p.outs[0];
        p.keys[0] = key;
        p.outs[0] = out;
    }

    /// Replaces a raw token's text with its analysed form; false when the chain drops it.
    fn apply(&mut self, text: &mut String) -> bool {
        let Some(key) = inline(text.as_bytes()) else {
            return self.analyse(text);
        };
        if self.pairs.is_empty() {
            self.pairs = vec![Pair::default(); MEMO_FIRST_PAIRS];
        }
        let pair = &self.pairs[self.index(&key)];
        for way in 0..2 {
            if pair.keys[way] != key {
                continue;
            }
            let out = &pair.outs[way];
            let len = out[INLINE];
            if len == DROPPED {
                return false;
            }
            let (len, out) = (usize::from(len), &out[..usize::from(len)]);
            // Most results are the word itself or a prefix of it (a lower-case word, stemmed):
            // cut, with no copy or UTF-8 check.
            if text.as_bytes().starts_with(out) && text.is_char_boundary(len) {
                text.truncate(len);
                return true;
            }
            if let Ok(out) = std::str::from_utf8(out) {
                text.clear();
                text.push_str(out);
                return true;
            }
        }
        let kept = self.analyse(text);
        let out = if kept {
            inline(text.as_bytes())
        } else {
            let mut a = [0u8; INLINE + 1];
            a[INLINE] = DROPPED;
            Some(a)
        };
        if let Some(out) = out {
            self.insert(key, out);
        }
        self.misses += 1;
        if self.misses > self.pairs.len() / 2 && self.pairs.len() < MEMO_PAIRS {
            self.grow();
        }
        kept
    }

    /// Twice the pairs, keeping what the memo holds.
    fn grow(&mut self) {
        let pairs = vec![Pair::default(); self.pairs.len() * 2];
        let old = std::mem::replace(&mut self.pairs, pairs);
        // The back ways first, so that each pair keeps its newer word in front.
        for way in [1, 0] {
            for p in old.iter().filter(|p| p.keys[way][INLINE] != 0) {
                self.insert(p.keys[way], p.outs[way]);
            }
        }
        self.misses = 0;
    }

    /// The chain's result for one word, written over it; false when the chain drops it.
    fn analyse(&mut self, text: &mut String) -> bool {
        let mut stream = self.chain.token_stream(text);
        if !stream.advance() {
            return false;
        }
        let out = std::mem::take(&mut stream.token_mut().text);
        drop(stream);
        *text = out;
        true
    }
}

#[derive(Clone)]
pub(super) struct MemoTokenizer<T> {
    inner: T,
    memo: MemoCell,
}

/// The memo of one analyzer; a clone starts empty rather than copying the words.
pub(super) struct MemoCell(Memo);

impl Clone for MemoCell {
    fn clone(&self) -> Self {
        MemoCell(Memo::new())
    }
}

impl TokenFilter for MemoFilter {
    type Tokenizer<T: Tokenizer> = MemoTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> MemoTokenizer<T> {
        MemoTokenizer {
            inner,
            memo: MemoCell(Memo::new()),
        }
    }
}

impl<T: Tokenizer> Tokenizer for MemoTokenizer<T> {
    type TokenStream<'a> = MemoStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStream {
            inner: self.inner.token_stream(text),
            memo: &mut self.memo.0,
        }
    }
}

pub(super) struct MemoStream<'a, S> {
    inner: S,
    memo: &'a mut Memo,
}

impl<S: TokenStream> TokenStream for MemoStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.inner.advance() {
            let token = self.inner.token_mut();
            if self.memo.apply(&mut token.text) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_is_bounded_and_stays_right_after_clearing() {
        let mut memo = Memo::new();
        let mut apply = |w: &str| {
            let mut text = w.to_string();
            memo.apply(&mut text).then_some(text)
        };
        for i in 0..(8 * MEMO_PAIRS) {
            let w = format!("running{i}");
            assert_eq!(apply(&w), Some(w.clone()));
            if i % 1000 == 0 {
                assert_eq!(apply("Running"), Some("run".to_string()));
                assert_eq!(apply("The"), None);
            }
        }
        assert_eq!(apply("Running"), Some("run".to_string()));
        assert_eq!(apply("Running"), Some("run".to_string()));
        assert_eq!(apply("The"), None);
        let long = "Internationalisationsbestrebungen";
        assert_eq!(apply(long), apply(long));
        assert_eq!(memo.pairs.len(), MEMO_PAIRS);
    }
}
