//! The text analyzer's per-word memo: [`MemoFilter`] gives exactly what
//! [`super::news_word_chain`] gives, but runs the chain once per distinct word.

use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

use super::news_word_chain;

/// A token filter that gives exactly what [`news_word_chain`] gives, but remembers each
/// distinct word's result: news text repeats a small vocabulary, and the stemmer alone was
/// ~13 % of indexing CPU. Every analyzer clone (one per field per indexing thread) starts with
/// an empty memo, which grows with use up to [`MEMO_SLOTS`] slots (3 MB), so memory stays
/// bounded.
#[derive(Clone, Copy)]
pub(super) struct MemoFilter;

/// Most slots a memo grows to. Slots go in pairs (a two-way cache): a new word takes the
/// front of its pair and pushes the older one out of the back, so the commonest words stay
/// and a full memo never has to be cleared.
const MEMO_SLOTS: usize = 1 << 16;
/// Slots a memo starts with, on its first word (a query analyzer never needs more).
const MEMO_FIRST_SLOTS: usize = 1 << 12;
/// Longest word, in bytes, the memo keeps: its key and result live inside the slot, with no
/// pointer to follow or string to allocate. Longer words (rare) run the chain every time.
const INLINE: usize = 23;
/// The length byte of a result the chain dropped (a stop word).
const DROPPED: u8 = u8::MAX;

/// A word (`key`) and its analysed form (`out`), each padded with zeros and ending in its
/// length; a key of length 0 is an empty slot.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: [u8; INLINE + 1],
    out: [u8; INLINE + 1],
}

fn inline(bytes: &[u8]) -> Option<[u8; INLINE + 1]> {
    let len = u8::try_from(bytes.len())
        .ok()
        .filter(|&n| n > 0 && n as usize <= INLINE)?;
    let mut a = [0u8; INLINE + 1];
    a[..bytes.len()].copy_from_slice(bytes);
    a[INLINE] = len;
    Some(a)
}

/// The slot index's source: a mix of the key's three words (its high bits are used).
fn slot_hash(key: &[u8; INLINE + 1]) -> u64 {
    key.chunks_exact(8).fold(0x2545_f491_4f6c_dd1d, |h, c| {
        let v = u64::from_le_bytes(c.try_into().unwrap_or_default());
        (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(31)
    })
}

pub(super) struct Memo {
    slots: Vec<Slot>,
    /// Words looked up and not found since the memo last grew.
    misses: usize,
    chain: TextAnalyzer,
}

impl Memo {
    fn new() -> Memo {
        Memo {
            slots: Vec::new(),
            misses: 0,
            chain: news_word_chain(),
        }
    }

    fn index(&self, key: &[u8; INLINE + 1]) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (slot_hash(key) >> (64 - bits)) as usize & !1
    }

    /// Replaces a raw token's text with its analysed form; false when the chain drops it.
    fn apply(&mut self, text: &mut String) -> bool {
        let Some(key) = inline(text.as_bytes()) else {
            return self.analyse(text);
        };
        if self.slots.is_empty() {
            self.slots = vec![Slot::default(); MEMO_FIRST_SLOTS];
        }
        let i = self.index(&key);
        for slot in &self.slots[i..i + 2] {
            if slot.key != key {
                continue;
            }
            let len = slot.out[INLINE];
            if len == DROPPED {
                return false;
            }
            let (len, out) = (usize::from(len), &slot.out[..usize::from(len)]);
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
            // The newer word first; the older moves to the second way.
            self.slots[i + 1] = self.slots[i];
            self.slots[i] = Slot { key, out };
        }
        self.misses += 1;
        if self.misses > self.slots.len() / 4 && self.slots.len() < MEMO_SLOTS {
            self.grow();
        }
        kept
    }

    /// Twice the slots, keeping what the memo holds.
    fn grow(&mut self) {
        let slots = vec![Slot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, slots);
        // The second ways first, so that each pair keeps its newer word in front.
        for pass in [1, 0] {
            for slot in old
                .iter()
                .skip(pass)
                .step_by(2)
                .filter(|s| s.key[INLINE] != 0)
            {
                let i = self.index(&slot.key);
                self.slots[i + 1] = self.slots[i];
                self.slots[i] = *slot;
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
        for i in 0..(4 * MEMO_SLOTS) {
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
        assert_eq!(memo.slots.len(), MEMO_SLOTS);
    }
}
