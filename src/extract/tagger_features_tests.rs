//! The features as first written (a token's shape and affixes worked out afresh for every
//! template that uses them), kept as the definition the fast [`features`] must match hash for
//! hash: the shipped model was trained on these values.

use super::super::super::lexicon::{Entry, LEXICON, flag, fold_char, phrase_hash};
use super::super::super::tokens::{Kind, Token, tokenize};
use super::super::{MODEL, Memory, prev_tag, scored};
use super::*;

/// Mixes a template number and a value into a feature hash (splitmix64's finaliser).
#[inline]
fn feat(template: u64, value: u64) -> u64 {
    let z = value ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A word's identity for features: its folded hash, or its kind and character.
fn key(t: &Token) -> u64 {
    match t.kind {
        Kind::Word => t.hash,
        Kind::Number => 1,
        _ => 2 + u64::from(u32::from(t.ch)) * 7 + t.kind as u64,
    }
}

/// Word shape with runs of a class cut to two: "Obama" -> "Xxx", "U.S." -> "X.X.", "G7" -> "Xd".
fn shape_hash(text: &str, t: &Token) -> u64 {
    if t.kind != Kind::Word {
        return key(t);
    }
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let (mut last, mut run) = (0u8, 0);
    for c in t.text(text).chars().take(24) {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else {
            (c as u32 & 0x7f) as u8
        };
        if class == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
            last = class;
        }
        h = (h ^ u64::from(class)).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// Folded hash of the first `n` chars, and of the last `n`.
fn affixes(text: &str, t: &Token, n: usize) -> (u64, u64) {
    let w = t.text(text);
    let fold = |it: &mut dyn Iterator<Item = char>| {
        let mut h = 0xcbf2_9ce4_8422_2325u64 ^ n as u64;
        for c in it.take(n) {
            h = (h ^ u64::from(u32::from(fold_char(c)))).wrapping_mul(0x100_0000_01b3);
        }
        h
    };
    (fold(&mut w.chars()), fold(&mut w.chars().rev()))
}

/// Lexicon flags the features use, one template each.
const FLAGS_PLAIN: [u32; 18] = [
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

/// Lexicon flags packed into a small number, for one feature per neighbour.
fn flag_set(t: &Token) -> u64 {
    flag_bits(t.lex)
}

fn flag_bits(e: Entry) -> u64 {
    FLAGS_PLAIN
        .iter()
        .enumerate()
        .filter(|(_, f)| e.has(**f))
        .fold(0u64, |acc, (k, _)| acc | (1 << k))
}

/// Fills `out` with the feature hashes of token `i`; returns how many.
pub(super) fn features_plain(
    text: &str,
    toks: &[Token],
    i: usize,
    tags: &[u8],
    memory: &Memory,
    out: &mut [u64; MAX_FEATS],
) -> usize {
    let t = &toks[i];
    let same_sent = |j: usize| toks[j].sent == t.sent;
    let at = |d: isize| -> Option<&Token> {
        let j = i.checked_add_signed(d)?;
        toks.get(j).filter(|_| same_sent(j))
    };
    const NONE: u64 = 0x5EED;
    let w = |d: isize| at(d).map_or(NONE, key);
    let sh = |d: isize| at(d).map_or(NONE, |u| shape_hash(text, u));
    let p1 = u64::from(prev_tag(tags, toks, i));
    let p2 = if i >= 1 && !t.sent_start {
        u64::from(prev_tag(tags, toks, i - 1))
    } else {
        0
    };
    let (pre3, suf3) = affixes(text, t, 3);
    let (pre2, suf2) = affixes(text, t, 2);
    let (_, suf4) = affixes(text, t, 4);
    let s0 = shape_hash(text, t);
    let w0 = key(t);
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
    push(8, w(-1));
    push(9, w(1));
    push(10, w(-2));
    push(11, w(2));
    push(12, sh(-1));
    push(13, sh(1));
    push(14, sh(-1).wrapping_mul(31) ^ s0);
    push(15, s0.wrapping_mul(31) ^ sh(1));
    push(16, p1);
    push(17, p1 * 16 + p2);
    push(18, p1.wrapping_mul(0x1234_5678_9abc) ^ w0);
    push(19, pos * 64 + t.shape as u64);
    push(20, pos.wrapping_mul(0x77) ^ s0);
    push(21, flag_set(t));
    push(22, at(-1).map_or(NONE, flag_set));
    push(23, at(1).map_or(NONE, flag_set));
    push(24, w(-1).wrapping_mul(0x3141_5926) ^ w0);
    push(25, w0.wrapping_mul(0x2718_2818) ^ w(1));
    push(26, at(-2).map_or(NONE, flag_set));
    push(27, at(2).map_or(NONE, flag_set));
    push(28, p1 * 4096 + flag_set(t) % 4096);
    for (k, f) in FLAGS_PLAIN.iter().enumerate() {
        if t.has(*f) {
            push(40 + k as u64, p1);
        }
    }
    push(60, u64::from(t.lex.cats != 0));
    {
        let lx = &*LEXICON;
        if t.has(flag::PHRASE_START)
            && let Some(n1) = at(1)
        {
            push(64, flag_bits(lx.get(phrase_hash(w0, n1.hash))));
        }
        if let Some(b1) = at(-1).filter(|b| b.has(flag::PHRASE_START)) {
            push(65, flag_bits(lx.get(phrase_hash(b1.hash, w0))));
        }
    }
    {
        let seen = memory.kind_of(w0);
        push(61, seen);
        push(62, seen * 64 + t.shape as u64);
        push(63, seen * 16 + p1);
    }
    n
}

/// Texts that reach every branch: accents, initials, particles, quotes, headlines, numbers,
/// long words, CJK, phrase starts ("White House"), and a second mention for the memory.
const TEXTS: &[&str] = &[
    "President Barack Obama met Russian President Vladimir Putin at the G-20 summit in \
     Hangzhou. \"It was useful,\" Obama said. Obama's aides said al-Assad and d'Estaing \
     agreed.",
    "FRANÇOIS HOLLANDE MEETS ANGELA MERKEL IN BERLIN\n\nÉmile Zola, J.R. Ewing and \
     Xi Jinping spoke to the White House on Monday, January 5, 2016. Señor Núñez-Ölçer \
     said Übermensch-Größenwahnsinnigkeitsverhältnisse 1,234.5 G7 U.S.-Japan.",
    "Former Treasury Secretary James Baker, van der Berg and bin Laden. Baker said so. \
     Mr. Smith-Jones, Dr. O'Neill and 日本語のテキスト Tanaka-san met Ms. López.",
    "",
    "A",
    "Obama",
];

/// Token-by-token comparison of the two definitions on `text`, tagging as the model does.
fn same_features(text: &str) {
    let Some(model) = &*MODEL else {
        panic!("the shipped model does not load")
    };
    let toks = tokenize(text);
    let tags = model.tag(text, &toks);
    let mut memory = Memory::default();
    let mut cx = Context::new(text, &toks);
    let (mut a, mut b) = ([0u64; MAX_FEATS], [0u64; MAX_FEATS]);
    for i in 0..toks.len() {
        // Every token, scored or not, with the model's tags before it as history.
        let na = features(&mut cx, i, &tags, &memory, &mut a);
        let nb = features_plain(text, &toks, i, &tags, &memory, &mut b);
        assert_eq!(
            a[..na],
            b[..nb],
            "token {i} {:?} of {text:?}",
            toks[i].text(text)
        );
        if scored(&toks[i]) {
            memory.note(&toks[i], tags[i]);
        }
    }
}

#[test]
fn fast_features_match_the_plain_definition() {
    for text in TEXTS {
        same_features(text);
    }
    for b in 0..=255u8 {
        for pos in 0..4 {
            let e = Entry {
                flags: u32::from(b) << (8 * pos),
                cats: 0,
            };
            assert_eq!(flag_bits(e), flag_bits_plain(e.flags));
        }
    }
    for f in [
        0,
        u32::MAX,
        flag::GIVEN | flag::PRONOUN | flag::CAT_WEIGHTED,
    ] {
        let e = Entry { flags: f, cats: 0 };
        assert_eq!(flag_bits(e), flag_bits_plain(f));
    }
}

/// The same on Reuters-21578 bodies (dev only, needs the data):
/// `cargo test --release --lib tagger::features::tests::reuters -- --ignored`.
#[test]
#[ignore]
fn reuters() {
    for body in crate::extract::timing_tests::reuters_bodies()
        .iter()
        .take(3000)
    {
        same_features(body);
    }
}
