//! Near-duplicate fingerprints: a 64-bit SimHash over word shingles of an article's text.
//!
//! Two copies of one wire story (another outlet's headline, a rewritten dateline, a changed
//! sentence) share most of their shingles, so most of their fingerprint bits agree; unrelated
//! articles agree on about half. [`distance`] counts the bits that differ. This module is pure:
//! the indexer stores the fingerprint in a fast field, and `search::dedup` compares them.
//!
//! A fingerprint match is only a candidate: 64 bits are a noisy estimate of how much two texts
//! share, so callers confirm it with [`resemblance`], the exact share of shingles in common.
//!
//! What goes in: the body, lowercased, split on anything not alphanumeric, as overlapping
//! [`SHINGLE`]-word shingles, each hashed with xxh3 and weighted equally. The title is left out
//! because copies of one story are often retitled; it is used only when the body is too short.

/// Words per shingle.
pub const SHINGLE: usize = 3;

/// Fewer words than this carry too little to tell copies from articles that merely share a
/// stock phrase ("Shr 10 cts vs 12 cts"); such articles get no fingerprint.
pub const MIN_WORDS: usize = 8;

/// The fingerprint meaning "none": never collapsed with anything.
pub const NONE: u64 = 0;

/// For each byte: the lower-cased byte of an ASCII letter or digit, 0 for other ASCII, and
/// [`MULTI`] for a byte of a multi-byte character.
const WORD_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            MULTI
        } else if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    t
};
const MULTI: u8 = 0xff;

/// Whether the character at byte `i` of `text` (not ASCII) is alphanumeric, and its length.
fn wide_char(text: &str, i: usize) -> (bool, usize) {
    let c = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
    (c.is_alphanumeric(), c.len_utf8().max(1))
}

/// The lower-cased words of `text` (split on anything not alphanumeric) appended to `buf`,
/// each followed by one space, with each word's byte span in `spans`. Shingles are then plain
/// slices of `buf`. ASCII is lower-cased byte by byte as it is copied; a word with other
/// characters is lower-cased as a whole by `str::to_lowercase` (which treats a final sigma
/// specially).
fn push_words(text: &str, buf: &mut Vec<u8>, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match WORD_BYTE[usize::from(bytes[i])] {
            0 => {
                i += 1;
                continue;
            }
            MULTI => {
                let (alnum, len) = wide_char(text, i);
                if !alnum {
                    i += len;
                    continue;
                }
            }
            _ => {}
        }
        let (from, at) = (i, buf.len());
        let mut ascii = true;
        while let Some(&b) = bytes.get(i) {
            match WORD_BYTE[usize::from(b)] {
                0 => break,
                MULTI => {
                    let (alnum, len) = wide_char(text, i);
                    if !alnum {
                        break;
                    }
                    ascii = false;
                    i += len;
                }
                lower => {
                    buf.push(lower);
                    i += 1;
                }
            }
        }
        if !ascii {
            buf.truncate(at);
            buf.extend_from_slice(text[from..i].to_lowercase().as_bytes());
        }
        spans.push((at, buf.len()));
        buf.push(b' ');
    }
}

/// The hashed shingles of an article: from its body, or from title and body together when the
/// body alone is too short. Empty when even that has fewer than [`MIN_WORDS`] words.
pub fn shingles(title: &str, body: &str) -> Vec<u64> {
    let mut text = Vec::with_capacity(body.len() + title.len() + 16);
    let mut spans = Vec::new();
    push_words(body, &mut text, &mut spans);
    if spans.len() < MIN_WORDS {
        text.clear();
        spans.clear();
        push_words(title, &mut text, &mut spans);
        push_words(body, &mut text, &mut spans);
    }
    if spans.len() < MIN_WORDS {
        return Vec::new();
    }
    spans
        .windows(SHINGLE)
        .map(|w| xxhash_rust::xxh3::xxh3_64(&text[w[0].0..w[SHINGLE - 1].1]))
        .collect()
}

/// Share of distinct shingles two articles have in common (Jaccard resemblance, 0 to 1): the
/// exact check behind a fingerprint match. 0 when either has no shingles.
pub fn resemblance(a: &[u64], b: &[u64]) -> f64 {
    let a: std::collections::HashSet<u64> = a.iter().copied().collect();
    let b: std::collections::HashSet<u64> = b.iter().copied().collect();
    let union = a.union(&b).count();
    if a.is_empty() || b.is_empty() || union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// For each byte value, its eight bits moved to the low bit of eight bytes (bit k -> byte k).
const SPREAD: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut v = 0;
    while v < 256 {
        let mut k = 0;
        while k < 8 {
            if v >> k & 1 == 1 {
                t[v] |= 1 << (8 * k);
            }
            k += 1;
        }
        v += 1;
    }
    t
};

/// The SimHash of an article's [`shingles`]; [`NONE`] when it has none.
pub fn fingerprint(title: &str, body: &str) -> u64 {
    let hashes = shingles(title, body);
    if hashes.is_empty() {
        return NONE;
    }
    // Each bit's fingerprint value is its majority vote over the shingles: set when more
    // than half of them have it. The ones are counted eight bit positions to a u64 (one byte
    // per position, `SPREAD` placing a byte's bits in the low bit of eight bytes), emptied into
    // `ones` before a byte can overflow.
    let mut ones = [0u32; 64];
    for chunk in hashes.chunks(255) {
        let mut packed = [0u64; 8];
        for h in chunk {
            for (byte, p) in packed.iter_mut().enumerate() {
                *p += SPREAD[(h >> (8 * byte) & 0xff) as usize];
            }
        }
        for (byte, p) in packed.iter().enumerate() {
            for k in 0..8 {
                ones[8 * byte + k] += (p >> (8 * k) & 0xff) as u32;
            }
        }
    }
    let n = hashes.len() as u32;
    let fp = ones
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > n - **c)
        .fold(0u64, |acc, (bit, _)| acc | 1 << bit);
    // A real fingerprint of 0 is astronomically rare; keep 0 for "none".
    if fp == NONE { 1 } else { fp }
}

/// Bits that differ between two fingerprints: 0 for identical text, about 32 for unrelated.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Sudan's army and the paramilitary Rapid Support Forces have signed a \
        seven-day cease fire that is due to take effect on Monday evening, Saudi Arabia and the \
        United States said on Saturday, after two weeks of talks in the Red Sea city of Jeddah. \
        The agreement is the first truce signed by both sides since fighting erupted in \
        Khartoum in mid-April, and unlike earlier declared pauses it includes a monitoring \
        mechanism backed by the two mediators, according to a joint statement. The cease fire \
        will start 48 hours after signing, at 9:45 p.m. Khartoum time on Monday, and may be \
        extended if both parties agree. It is meant to allow the delivery of humanitarian aid, \
        the restoration of essential services and the withdrawal of forces from hospitals.";

    const OTHER: &str = "The Bank of Japan ended eight years of negative interest rates on \
        Tuesday, making its first rate increase in 17 years, as a long-awaited rise in wages \
        gave policymakers confidence that inflation would stay near its two percent target. \
        The yen weakened after the decision, which markets had largely expected, and the \
        central bank said it would keep buying government bonds at about the same pace.";

    /// The definitions, written plainly: what the fast code must reproduce bit for bit.
    fn plain_fingerprint(title: &str, body: &str) -> u64 {
        let words = |t: &str| -> Vec<String> {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let mut ws = words(body);
        if ws.len() < MIN_WORDS {
            ws = words(title).into_iter().chain(ws).collect();
        }
        if ws.len() < MIN_WORDS {
            return NONE;
        }
        let mut votes = [0i32; 64];
        for sh in ws.windows(SHINGLE) {
            let h = xxhash_rust::xxh3::xxh3_64(sh.join(" ").as_bytes());
            for (bit, v) in votes.iter_mut().enumerate() {
                *v += if h >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        let fp = (0..64)
            .filter(|&b| votes[b] > 0)
            .fold(0u64, |a, b| a | 1 << b);
        if fp == NONE { 1 } else { fp }
    }

    #[test]
    fn fast_fingerprint_equals_the_plain_definition() {
        let long = STORY.repeat(12); // over 255 shingles: the packed counters are emptied
        let cases = [
            ("", STORY),
            ("Title words here", "Too short body"),
            ("", OTHER),
            ("", long.as_str()),
            (
                "",
                "ÉCOLE Straße ÆON İstanbul ΣΟΦΟΣ words words words words words words",
            ),
            (
                "",
                "naïve CAFÉ x—y “Quoted” 3.5% déjà-vu ΟΔΥΣΣΕΥΣ 東京 ok… end½ a\u{301}b é",
            ),
        ];
        for (t, b) in cases {
            assert_eq!(fingerprint(t, b), plain_fingerprint(t, b), "{b}");
        }
    }

    #[test]
    fn identical_text_has_distance_zero() {
        assert_eq!(
            distance(fingerprint("a", STORY), fingerprint("b", STORY)),
            0
        );
        // Case and punctuation do not matter.
        let shouted = STORY.to_uppercase().replace(',', " ");
        assert_eq!(
            distance(fingerprint("", STORY), fingerprint("", &shouted)),
            0
        );
    }

    #[test]
    fn small_edit_has_small_distance() {
        let edited = STORY
            .replace("meant", "intended")
            .replace("on Saturday", "late on Saturday");
        let d = distance(fingerprint("", STORY), fingerprint("", &edited));
        // Within the bits search allows before it checks the shingles themselves.
        assert!(d <= 14, "distance {d}");
        assert!(d > 0);
    }

    #[test]
    fn unrelated_text_has_large_distance() {
        let d = distance(fingerprint("", STORY), fingerprint("", OTHER));
        assert!(d >= 16, "distance {d}");
    }

    #[test]
    fn resemblance_is_jaccard_of_shingles() {
        let a = shingles("", STORY);
        assert_eq!(resemblance(&a, &a), 1.0);
        let edited = shingles("", &STORY.replace("meant", "intended"));
        let r = resemblance(&a, &edited);
        assert!(r > 0.8 && r < 1.0, "{r}");
        assert!(resemblance(&a, &shingles("", OTHER)) < 0.05);
        assert_eq!(resemblance(&a, &[]), 0.0);
    }

    #[test]
    fn short_text_has_no_fingerprint() {
        assert_eq!(fingerprint("Shr 10 cts", "vs 12 cts"), NONE);
        // A short body borrows the title's words.
        assert_ne!(
            fingerprint(
                "OPEC ministers meet in Vienna on output",
                "Talks go on today."
            ),
            NONE
        );
    }
}
