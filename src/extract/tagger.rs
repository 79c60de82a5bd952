//! A statistical name tagger: an averaged perceptron over the extractor's own tokens, tagging
//! BIO spans of people (PER), organisations (ORG), places (LOC) and other names (MISC), decoded
//! greedily left to right. `people` uses its PER spans beside the rules; the other kinds are
//! there so the model learns to tell a person from a company or a town.
//!
//! Only capitalised words (and name particles such as "van", "bin") are scored; every other
//! token is `O` without a lookup, which keeps the cost per article low. Features are hashed
//! into a fixed table of `2^BITS` rows, one `i8` weight per tag, so tagging allocates nothing
//! per token: the word, its shape, prefixes and suffixes, the neighbouring words and shapes,
//! the previous two tags, sentence and headline position, and the lexicon's lists (given
//! names, titles, roles, org words, countries, cities, nationalities...).
//!
//! The shipped model (`model/person-tagger.bin`) is trained on CoNLL-2003 `train.txt` by
//! `newsdex train-tagger` (see [`train`]); it is compiled in and unpacked once, on first use.
//! The file: `NDXTAG1\0`, bits (u8), tag count (u8), row count (u32 LE), then for each
//! non-zero row its index delta (LEB128) and one `i8` per tag; everything after the magic is
//! zlib-compressed.

use std::io::{Read, Write};
use std::sync::LazyLock;

use super::lexicon::{HashMap64, flag};
use super::tokens::{Kind, Shape, Token};
use features::{Context, MAX_FEATS, features};

/// The tags, in weight-column order.
pub(crate) const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
const NT: usize = TAGS.len();
pub(crate) const O: u8 = 0;
pub(crate) const B_PER: u8 = 1;
pub(crate) const I_PER: u8 = 2;

/// The name kinds a training example can mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Per,
    Org,
    Loc,
    Misc,
}

impl Label {
    /// "PER", "ORG", "LOC", "MISC" (CoNLL's names).
    pub fn parse(s: &str) -> Option<Label> {
        match s {
            "PER" => Some(Label::Per),
            "ORG" => Some(Label::Org),
            "LOC" => Some(Label::Loc),
            "MISC" => Some(Label::Misc),
            _ => None,
        }
    }
    fn begin(self) -> u8 {
        1 + 2 * self as u8
    }
}

/// Hash table size: `2^BITS` rows of `NT` weights.
const BITS: u32 = 20;
const MAGIC: &[u8; 8] = b"NDXTAG1\0";

static MODEL_BYTES: &[u8] = include_bytes!("model/person-tagger.bin");

/// The shipped model, unpacked on first use; `None` if the file is unreadable (then people
/// are found by the rules alone).
pub(crate) static MODEL: LazyLock<Option<Model>> =
    LazyLock::new(|| Model::from_bytes(MODEL_BYTES).ok());

/// Quantised weights, row-major: `weights[row * NT + tag]`.
pub(crate) struct Model {
    bits: u32,
    weights: Vec<i8>,
}

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ModelError {
    #[error("not a newsdex tagger model")]
    Magic,
    #[error("model file is truncated or corrupt")]
    Corrupt,
    #[error("model: {0}")]
    Io(#[from] std::io::Error),
}

impl Model {
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(ModelError::Magic)?;
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(rest).read_to_end(&mut raw)?;
        let (&bits, raw) = raw.split_first().ok_or(ModelError::Corrupt)?;
        let (&nt, raw) = raw.split_first().ok_or(ModelError::Corrupt)?;
        if !(8..=24).contains(&bits) || usize::from(nt) != NT || raw.len() < 4 {
            return Err(ModelError::Corrupt);
        }
        let rows = u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as usize;
        let size = 1usize << bits;
        let mut weights = vec![0i8; size * NT];
        let mut at = 4;
        let mut row = 0usize;
        for k in 0..rows {
            let mut delta = 0usize;
            let mut shift = 0;
            loop {
                let &b = raw.get(at).ok_or(ModelError::Corrupt)?;
                at += 1;
                delta |= usize::from(b & 0x7f) << shift;
                shift += 7;
                if b < 0x80 || shift > 28 {
                    break;
                }
            }
            row = if k == 0 { delta } else { row + delta };
            let cells = raw.get(at..at + NT).ok_or(ModelError::Corrupt)?;
            let dst = weights
                .get_mut(row * NT..row * NT + NT)
                .ok_or(ModelError::Corrupt)?;
            for (d, &c) in dst.iter_mut().zip(cells) {
                *d = c as i8;
            }
            at += NT;
        }
        Ok(Model {
            bits: u32::from(bits),
            weights,
        })
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>, ModelError> {
        let mut raw = vec![self.bits as u8, NT as u8, 0, 0, 0, 0];
        let mut rows = 0u32;
        let mut last = 0usize;
        for (row, cells) in self.weights.chunks_exact(NT).enumerate() {
            if cells.iter().all(|&c| c == 0) {
                continue;
            }
            let mut delta = row - last;
            last = row;
            loop {
                let b = (delta & 0x7f) as u8;
                delta >>= 7;
                if delta == 0 {
                    raw.push(b);
                    break;
                }
                raw.push(b | 0x80);
            }
            raw.extend(cells.iter().map(|&c| c as u8));
            rows += 1;
        }
        raw[2..6].copy_from_slice(&rows.to_le_bytes());
        let mut out = MAGIC.to_vec();
        let mut z = flate2::write::ZlibEncoder::new(&mut out, flate2::Compression::best());
        z.write_all(&raw)?;
        z.finish()?;
        Ok(out)
    }

    /// One tag per token (an index into [`TAGS`]).
    pub fn tag(&self, text: &str, toks: &[Token]) -> Vec<u8> {
        let mut tags = vec![O; toks.len()];
        let mut feats = [0u64; MAX_FEATS];
        let mut memory = Memory::default();
        let mut cx = Context::new(text, toks);
        for i in 0..toks.len() {
            if !scored(&toks[i]) {
                continue;
            }
            let n = features(&mut cx, i, &tags, &memory, &mut feats);
            let scores = self.scores(&feats[..n]);
            tags[i] = legal_best(&scores, prev_tag(&tags, toks, i));
            memory.note(&toks[i], tags[i]);
        }
        tags
    }

    fn scores(&self, feats: &[u64]) -> [i32; NT] {
        // Sixteen lanes read at once (the compiler makes them one vector add): the first `NT`
        // are the row, the rest spill into the next row and are dropped. At most `MAX_FEATS`
        // weights of at most 128 in size each fit an `i16` exactly.
        const LANES: usize = 16;
        const _: () = assert!(MAX_FEATS * 128 <= i16::MAX as usize && NT <= LANES);
        let mut wide = [0i16; LANES];
        let mut s = [0i32; NT];
        let shift = 64 - self.bits;
        for &f in feats {
            let row = (f >> shift) as usize * NT;
            let cells: Option<&[i8; LANES]> = self
                .weights
                .get(row..row + LANES)
                .and_then(|c| c.try_into().ok());
            if let Some(cells) = cells {
                for (acc, &w) in wide.iter_mut().zip(cells) {
                    *acc = acc.wrapping_add(i16::from(w));
                }
            } else if let Some(cells) = self.weights.get(row..row + NT) {
                for (acc, &w) in s.iter_mut().zip(cells) {
                    *acc += i32::from(w);
                }
            }
        }
        for (acc, &w) in s.iter_mut().zip(&wide) {
            *acc += i32::from(w);
        }
        s
    }
}

/// Token ranges `[start, end)` of the PER spans in `tags`.
pub(crate) fn person_spans(tags: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if tags[i] == B_PER || tags[i] == I_PER {
            let start = i;
            i += 1;
            while i < tags.len() && tags[i] == I_PER {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

/// The shipped model's tags for `toks`; `None` when no model is available.
pub(crate) fn tag(text: &str, toks: &[Token]) -> Option<Vec<u8>> {
    MODEL.as_ref().map(|m| m.tag(text, toks))
}

/// Whether a tag marks a name that is not a person's (ORG, LOC, MISC).
pub(crate) fn other_name(tag: u8) -> bool {
    tag > I_PER
}

/// Tokens the model looks at: capitalised words and lower-case name particles.
fn scored(t: &Token) -> bool {
    t.kind == Kind::Word
        && (matches!(
            t.shape,
            Shape::Title | Shape::Upper | Shape::Initial | Shape::Particle
        ) || (t.shape == Shape::Lower && t.has(flag::PARTICLE)))
}

/// The tag of the previous token, `O` across a sentence start.
fn prev_tag(tags: &[u8], toks: &[Token], i: usize) -> u8 {
    if i == 0 || toks[i].sent_start {
        O
    } else {
        tags[i - 1]
    }
}

/// An I- tag.
fn inside(tag: u8) -> bool {
    tag > 0 && tag.is_multiple_of(2)
}

/// The best tag that may follow `prev`: an I- tag only continues its own kind.
fn legal_best<T: PartialOrd + Copy>(scores: &[T; NT], prev: u8) -> u8 {
    let mut best: Option<(u8, T)> = None;
    for (k, &s) in scores.iter().enumerate() {
        let k = k as u8;
        if inside(k) && prev != k && prev != k - 1 {
            continue;
        }
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((k, s));
        }
    }
    best.map_or(O, |(k, _)| k)
}

/// What the tagger said about each capitalised word earlier in the same text: "Baker" alone
/// in a later sentence is likely what "James Baker" was.
#[derive(Default)]
struct Memory {
    seen: HashMap64<u8>,
}

impl Memory {
    /// The kind (1 PER, 2 ORG, 3 LOC, 4 MISC, 0 none) last given to this word, 9 if unseen.
    fn kind_of(&self, w: u64) -> u64 {
        self.seen.get(&w).map_or(9, |&k| u64::from(k))
    }
    fn note(&mut self, t: &Token, tag: u8) {
        let kind = tag.div_ceil(2);
        let e = self.seen.entry(t.hash).or_insert(kind);
        // A name kind sticks: a later sentence-initial "Baker" tagged O does not undo it.
        if kind != 0 {
            *e = kind;
        }
    }
}

#[path = "tagger_features.rs"]
mod features;
#[path = "tagger_train.rs"]
mod train;
#[cfg(test)]
use train::gold_tags;
pub(crate) use train::{Example, TrainConfig, train};

#[cfg(test)]
#[path = "tagger_tests.rs"]
mod tests;
