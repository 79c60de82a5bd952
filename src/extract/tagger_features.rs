//! The tagger's features: hashed templates over a token, its neighbours, the previous tags
//! and the lexicon. The hashes are what the shipped model was trained on, so they must never
//! change; what may change is how cheaply they are worked out. A [`Context`] holds one text's
//! per-token values that several tokens ask for (a word's shape is wanted by itself and by
//! both neighbours), worked out once, on first use.

use std::sync::LazyLock;

use super::super::lexicon::{Entry, FNV_OFFSET, FNV_PRIME, LEXICON, flag, fold_char, phrase_hash};
use super::super::tokens::{Kind, Token};
use super::{Memory, prev_tag};

pub(super) const MAX_FEATS: usize = 48;

/// Mixes a template number and a value into a feature hash (splitmix64's finaliser).
#[inline]
fn feat(template: u64, value: u64) -> u64 {
    let z = value ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A word's identity for features: its folded hash, or its kind and character.
#[inline]
fn key(t: &Token) -> u64 {
    match t.kind {
        Kind::Word => t.hash,
        Kind::Number => 1,
        _ => 2 + u64::from(u32::from(t.ch)) * 7 + t.kind as u64,
    }
}

/// Word shape with runs of a class cut to two: "Obama" -> "Xxx", "U.S." -> "X.X.", "G7" -> "Xd".
/// Hashed over the first 24 chars, FNV-1a over the class bytes.
fn shape_hash(text: &str, t: &Token) -> u64 {
    if t.kind != Kind::Word {
        return key(t);
    }
    let w = t.text(text);
    let mut h = FNV_OFFSET;
    let (mut last, mut run) = (0u8, 0u32);
    let mut step = |class: u8| {
        if class == last {
            run += 1;
            if run >= 2 {
                return;
            }
        } else {
            run = 0;
            last = class;
        }
        h = (h ^ u64::from(class)).wrapping_mul(FNV_PRIME);
    };
    if w.is_ascii() {
        // For ASCII, `char::is_uppercase` / `is_lowercase` / `is_numeric` are the ASCII tests.
        for &b in w.as_bytes().iter().take(24) {
            step(match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                _ => b & 0x7f,
            });
        }
    } else {
        for c in w.chars().take(24) {
            step(if c.is_uppercase() {
                b'X'
            } else if c.is_lowercase() {
                b'x'
            } else if c.is_numeric() {
                b'd'
            } else {
                (c as u32 & 0x7f) as u8
            });
        }
    }
    h
}

/// Hash of the folded chars `cs` cut to `n`, seeded with `n`: one affix feature value.
#[inline]
fn affix(cs: &[u32], n: usize) -> u64 {
    let mut h = FNV_OFFSET ^ n as u64;
    for &c in cs.iter().take(n) {
        h = (h ^ u64::from(c)).wrapping_mul(FNV_PRIME);
    }
    h
}

/// The affix values of a word: (prefix 3, suffix 3, prefix 2, suffix 2, suffix 4), each the
/// folded hash of the first or last `n` chars (last ones read from the end).
fn affixes(text: &str, t: &Token) -> [u64; 5] {
    let w = t.text(text);
    let (mut front, mut nf) = ([0u32; 3], 0);
    let (mut back, mut nb) = ([0u32; 4], 0);
    if w.is_ascii() {
        let b = w.as_bytes();
        for &c in b.iter().take(3) {
            front[nf] = u32::from(c.to_ascii_lowercase());
            nf += 1;
        }
        for &c in b.iter().rev().take(4) {
            back[nb] = u32::from(c.to_ascii_lowercase());
            nb += 1;
        }
    } else {
        for c in w.chars().take(3) {
            front[nf] = u32::from(fold_char(c));
            nf += 1;
        }
        for c in w.chars().rev().take(4) {
            back[nb] = u32::from(fold_char(c));
            nb += 1;
        }
    }
    let (front, back) = (&front[..nf], &back[..nb]);
    [
        affix(front, 3),
        affix(back, 3),
        affix(front, 2),
        affix(back, 2),
        affix(back, 4),
    ]
}

/// Lexicon flags the features use, one template each.
pub(super) const FLAGS: [u32; 18] = [
    flag::GIVEN,
    flag::FAMILY_FIRST,
    flag::TITLE,
    flag::MODIFIER,
    flag::ROLE,
    flag::NATIONALITY,
    flag::COUNTRY,
    flag::CITY,
    flag::ORG_WORD,
    flag::NON_PERSON,
    flag::STOPWORD,
    flag::BACKGROUND,
    flag::MONTH,
    flag::WEEKDAY,
    flag::PARTICLE,
    flag::SPEECH,
    flag::SUFFIX,
    flag::PRONOUN,
];

/// Bit `k` set when the entry has `FLAGS[k]`: the plain definition.
fn flag_bits_plain(flags: u32) -> u64 {
    FLAGS
        .iter()
        .enumerate()
        .filter(|(_, f)| flags & **f != 0)
        .fold(0u64, |acc, (k, _)| acc | (1 << k))
}

/// [`flag_bits_plain`] of each byte of the flags on its own, by byte position: as a flag
/// test is "any bit in common", the bits of a word are the union of its bytes' bits.
static FLAG_BYTES: LazyLock<[[u64; 256]; 4]> = LazyLock::new(|| {
    let mut t = [[0u64; 256]; 4];
    for (pos, row) in t.iter_mut().enumerate() {
        for (b, cell) in row.iter_mut().enumerate() {
            *cell = flag_bits_plain((b as u32) << (8 * pos));
        }
    }
    t
});

/// Lexicon flags packed into a small number, for one feature per neighbour.
#[inline]
fn flag_bits(e: Entry) -> u64 {
    let t = &*FLAG_BYTES;
    let [a, b, c, d] = e.flags.to_le_bytes();
    t[0][usize::from(a)] | t[1][usize::from(b)] | t[2][usize::from(c)] | t[3][usize::from(d)]
}

/// One text's tokens, with the per-token values several features share worked out once.
pub(crate) struct Context<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// Shape hashes, filled on first use (`shaped` says which are).
    shapes: Vec<u64>,
    shaped: Vec<bool>,
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, toks: &'a [Token]) -> Context<'a> {
        Context {
            text,
            toks,
            shapes: vec![0; toks.len()],
            shaped: vec![false; toks.len()],
        }
    }

    fn shape(&mut self, j: usize) -> u64 {
        if !self.shaped[j] {
            self.shapes[j] = shape_hash(self.text, &self.toks[j]);
            self.shaped[j] = true;
        }
        self.shapes[j]
    }

    /// Token `i + d` when it is in the same sentence as token `i`.
    #[inline]
    fn at(&self, i: usize, d: isize) -> Option<usize> {
        let j = i.checked_add_signed(d)?;
        let u = self.toks.get(j)?;
        (u.sent == self.toks[i].sent).then_some(j)
    }
}

/// Fills `out` with the feature hashes of token `i`; returns how many.
pub(super) fn features(
    cx: &mut Context,
    i: usize,
    tags: &[u8],
    memory: &Memory,
    out: &mut [u64; MAX_FEATS],
) -> usize {
    const NONE: u64 = 0x5EED;
    let toks = cx.toks;
    let t = &toks[i];
    let [m2, m1, p1i, p2i] = [-2, -1, 1, 2].map(|d| cx.at(i, d));
    let w = |j: Option<usize>| j.map_or(NONE, |j| key(&toks[j]));
    let fl = |j: Option<usize>| j.map_or(NONE, |j| flag_bits(toks[j].lex));
    let sh_m1 = m1.map_or(NONE, |j| cx.shape(j));
    let sh_p1 = p1i.map_or(NONE, |j| cx.shape(j));
    let s0 = cx.shape(i);
    let p1 = u64::from(prev_tag(tags, toks, i));
    let p2 = if i >= 1 && !t.sent_start {
        u64::from(prev_tag(tags, toks, i - 1))
    } else {
        0
    };
    let [pre3, suf3, pre2, suf2, suf4] = affixes(cx.text, t);
    let w0 = key(t);
    let (w_m1, w_p1) = (w(m1), w(p1i));
    let flags0 = flag_bits(t.lex);
    let pos = u64::from(t.sent_start) | u64::from(t.headline) << 1 | u64::from(t.in_quote) << 2;
    let mut n = 0;
    let mut push = |template: u64, value: u64| {
        if n < MAX_FEATS {
            out[n] = feat(template, value);
            n += 1;
        }
    };
    push(0, 0);
    push(1, w0);
    push(2, s0);
    push(3, pre3);
    push(4, suf3);
    push(5, suf2);
    push(6, suf4);
    push(7, pre2);
    push(8, w_m1);
    push(9, w_p1);
    push(10, w(m2));
    push(11, w(p2i));
    push(12, sh_m1);
    push(13, sh_p1);
    push(14, sh_m1.wrapping_mul(31) ^ s0);
    push(15, s0.wrapping_mul(31) ^ sh_p1);
    push(16, p1);
    push(17, p1 * 16 + p2);
    push(18, p1.wrapping_mul(0x1234_5678_9abc) ^ w0);
    push(19, pos * 64 + t.shape as u64);
    push(20, pos.wrapping_mul(0x77) ^ s0);
    push(21, flags0);
    push(22, fl(m1));
    push(23, fl(p1i));
    push(24, w_m1.wrapping_mul(0x3141_5926) ^ w0);
    push(25, w0.wrapping_mul(0x2718_2818) ^ w_p1);
    push(26, fl(m2));
    push(27, fl(p2i));
    push(28, p1 * 4096 + flags0 % 4096);
    // One template per flag the word has, in `FLAGS` order: the set bits of `flags0`.
    let mut bits = flags0;
    while bits != 0 {
        let k = u64::from(bits.trailing_zeros());
        push(40 + k, p1);
        bits &= bits - 1;
    }
    push(60, u64::from(t.lex.cats != 0));
    if t.has(flag::PHRASE_START)
        && let Some(n1) = p1i
    {
        push(64, flag_bits(LEXICON.get(phrase_hash(w0, toks[n1].hash))));
    }
    if let Some(b1) = m1.map(|j| &toks[j]).filter(|b| b.has(flag::PHRASE_START)) {
        push(65, flag_bits(LEXICON.get(phrase_hash(b1.hash, w0))));
    }
    let seen = memory.kind_of(w0);
    push(61, seen);
    push(62, seen * 64 + t.shape as u64);
    push(63, seen * 16 + p1);
    n
}

#[cfg(test)]
#[path = "tagger_features_tests.rs"]
mod tests;
