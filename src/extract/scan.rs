//! Character-level scanning for the tokenizer: where a word, number or punctuation mark ends,
//! and the capitalisation shape of a word. Plain ASCII words get their lexicon hash and shape
//! in the same pass. Every index returned is a char boundary of the text.

use super::lexicon::{FNV_OFFSET, FNV_PRIME};
use super::tokens::{Kind, Shape};

#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some(char::from(b));
    }
    text.get(i..).and_then(|s| s.chars().next())
}

/// Hash and shape of a word made only of ASCII letters, worked out while scanning it, so the
/// common case never walks the word twice.
#[derive(Clone, Copy)]
pub(crate) struct Plain {
    pub hash: u64,
    pub shape: Shape,
}

pub(crate) fn scan_word(text: &str, start: usize) -> (usize, Option<Plain>) {
    let bytes = text.as_bytes();
    let mut j = start;
    let (mut hash, mut upper, mut lower) = (FNV_OFFSET, 0u32, 0u32);
    while let Some(&b) = bytes.get(j) {
        if b.is_ascii_uppercase() {
            upper += 1;
        } else if b.is_ascii_lowercase() {
            lower += 1;
        } else {
            break;
        }
        hash = (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
        j += 1;
    }
    let plain_end = j;
    let end = scan_word_rest(text, start, j, upper + lower);
    if end != plain_end || j == start {
        return (end, None);
    }
    let shape = match bytes[start] {
        b'a'..=b'z' => Shape::Lower,
        _ if upper + lower == 1 => Shape::Initial,
        _ if lower == 0 => Shape::Upper,
        _ => Shape::Title,
    };
    (end, Some(Plain { hash, shape }))
}

/// Continues a word past its plain ASCII start: digits, accents, joined parts.
fn scan_word_rest(text: &str, start: usize, from: usize, letters: u32) -> usize {
    let bytes = text.as_bytes();
    let mut j = from;
    let mut seg_letters = letters;
    loop {
        // Most words are plain ASCII: skip them a byte at a time.
        while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
            seg_letters += 1;
            j += 1;
        }
        let Some(d) = char_at(text, j) else { break };
        if d.is_alphanumeric() || is_mark(d) {
            seg_letters += 1;
            j += d.len_utf8();
            continue;
        }
        if matches!(d, '-' | '\'' | '’' | '.' | '&' | '\u{2011}') {
            let k = j + d.len_utf8();
            let next = char_at(text, k);
            let ok = match (d, next) {
                (_, None) => false,
                ('.', Some(e)) => seg_letters == 1 && e.is_alphabetic(),
                ('&', Some(e)) => {
                    e.is_uppercase()
                        && text
                            .get(start..j)
                            .is_some_and(|w| w.chars().all(char::is_uppercase))
                }
                (_, Some(e)) => e.is_alphanumeric(),
            };
            if ok {
                if d == '.' {
                    seg_letters = 0;
                } else {
                    seg_letters = 2;
                }
                j = k;
                continue;
            }
        }
        break;
    }
    j
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

pub(crate) fn scan_number(text: &str, start: usize) -> usize {
    let mut j = start;
    while let Some(d) = char_at(text, j) {
        if d.is_alphanumeric() {
            j += d.len_utf8();
            continue;
        }
        if matches!(d, '.' | ',' | ':' | '/' | '-') {
            let next = char_at(text, j + 1);
            let ok = match d {
                '-' => next.is_some_and(char::is_alphanumeric),
                _ => next.is_some_and(|e| e.is_ascii_digit()),
            };
            if ok {
                j += 1;
                continue;
            }
        }
        break;
    }
    j
}

pub(crate) fn scan_punct(text: &str, start: usize, c: char) -> (usize, Kind, char) {
    let rest = text.get(start..).unwrap_or("");
    if rest.starts_with("--") {
        return (start + 2, Kind::Punct, '—');
    }
    if rest.starts_with("...") {
        return (start + 3, Kind::Punct, '…');
    }
    // Two apostrophes or backticks stand for a double quote in some archives: ''Yes,'' he said.
    if rest.starts_with("''") || rest.starts_with("``") {
        let ch = if c == '`' { '“' } else { '"' };
        return (start + 2, Kind::Quote, ch);
    }
    let end = start + c.len_utf8();
    match c {
        '"' | '“' | '”' | '«' | '»' | '„' => (end, Kind::Quote, c),
        '—' | '–' | '―' => (end, Kind::Punct, '—'),
        '’' | '‘' | '`' => (end, Kind::Punct, '\''),
        _ => (end, Kind::Punct, c),
    }
}

pub(crate) fn shape_of(word: &str) -> Shape {
    let Some(first) = word.chars().next() else {
        return Shape::Other;
    };
    let (mut upper, mut lower) = (0, 0);
    if word.is_ascii() {
        for b in word.bytes() {
            match b {
                b'0'..=b'9' => return Shape::Other,
                b'A'..=b'Z' => upper += 1,
                b'a'..=b'z' => lower += 1,
                _ => {}
            }
        }
    } else {
        for c in word.chars() {
            if c.is_ascii_digit() {
                return Shape::Other;
            } else if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    if first.is_lowercase() {
        // "al-Assad", "el-Sissi", "d'Estaing", "bin-Laden": a joiner within the first bytes.
        let head = word
            .as_bytes()
            .iter()
            .take(4)
            .position(|&b| b == b'-' || b == b'\'' || b == 0xE2);
        let joined = head.and_then(|p| {
            let after = word.get(p..)?.chars().nth(1)?;
            Some(after.is_uppercase())
        });
        return if joined == Some(true) {
            Shape::Particle
        } else {
            Shape::Lower
        };
    }
    if !first.is_uppercase() {
        return Shape::Other;
    }
    if upper + lower == 1 || (lower == 0 && word.contains('.')) {
        Shape::Initial
    } else if lower == 0 {
        Shape::Upper
    } else {
        Shape::Title
    }
}
