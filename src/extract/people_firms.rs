//! Firms in the text, so that their names are not taken for people: "Ryan Homes Inc",
//! "Peat, Marwick, Mitchell and Co", and the words of a firm's name elsewhere ("MAGMA" in a
//! story about "Magma Copper Co"). Part of `people`.

use super::super::lexicon::{flag, word_hash};
use super::super::tokens::{Kind, Token};
use std::sync::LazyLock;

/// Words that end a company's name.
pub(super) static CORPORATE: LazyLock<Vec<u64>> = LazyLock::new(|| {
    [
        "inc",
        "inc.",
        "corp",
        "corp.",
        "corporation",
        "co",
        "co.",
        "ltd",
        "ltd.",
        "llc",
        "plc",
        "ag",
        "gmbh",
        "n.v.",
        "s.a.",
        "s.p.a.",
        "spa",
        "bhd",
        "pty",
        "llp",
        "lp",
        "l.p.",
        "kgaa",
        "oyj",
        "asa",
        "bv",
        "b.v.",
        "nv",
    ]
    .map(word_hash)
    .to_vec()
});

/// Words of trade that end a firm's name and never a person's ("Stuart Pharmaceuticals",
/// "Daiwa Securities", "Wilson Brothers", "Piedmont Aviation"). Words that are also surnames
/// ("Park", "Lane", "Post", "Banks") are not here.
pub(super) static FIRM_ENDINGS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    [
        "group",
        "securities",
        "partners",
        "holdings",
        "investments",
        "airlines",
        "airways",
        "motors",
        "industries",
        "industri",
        "systems",
        "technologies",
        "communications",
        "telecommunications",
        "electronics",
        "chemicals",
        "pharmaceuticals",
        "pharmaceutical",
        "resources",
        "minerals",
        "metals",
        "insurance",
        "realty",
        "properties",
        "enterprises",
        "products",
        "brands",
        "foods",
        "stores",
        "software",
        "networks",
        "studios",
        "brothers",
        "bros",
        "laboratories",
        "labs",
        "associates",
        "ventures",
        "logistics",
        "bancorp",
        "bancshares",
        "savings",
        "aviation",
        "consolidated",
        "interiors",
    ]
    .map(word_hash)
    .to_vec()
});

/// A firm's name in the text.
pub(super) struct Firm {
    /// Word hashes of the name before its company ending.
    pub words: Vec<u64>,
    /// Byte span, the ending included.
    pub span: (usize, usize),
}

/// The words of each firm's name the text writes with a company ending ("Magma Copper Co"
/// -> "Magma Copper", "W.R. Grace and Co" -> "W.R. Grace and") or a word of trade ("Daiwa
/// Securities" -> "Daiwa"), as word hashes.
pub(super) fn firm_names(toks: &[Token]) -> Vec<Firm> {
    let opens = |t: &Token| t.sent_start && t.is_cap() && !t.has(flag::STOPWORD);
    // "W.R. Grace and Co", "Procter & Gamble Co".
    let and = word_hash("and");
    let joins = |t: &Token| t.hash == and || t.is_punct('&');
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.has(flag::ORG_WORD) || !t.is_cap() {
            continue;
        }
        // A word of trade ends the name: "Telecommunications Minister" is a title.
        let ending = CORPORATE.contains(&t.hash)
            || FIRM_ENDINGS.contains(&t.hash) && toks.get(i + 1).is_none_or(|n| !n.is_cap());
        if !ending {
            continue;
        }
        let start = (i.saturating_sub(5)..i)
            .rev()
            .take_while(|&k| {
                let t = &toks[k];
                (t.is_cap() || t.kind == Kind::Number || joins(t)) && !t.sent_start
            })
            .last();
        // The sentence's first word, when capitalised, may open the name too.
        let start = match start {
            Some(k) if k > 0 && opens(&toks[k - 1]) => Some(k - 1),
            None if i > 0 && opens(&toks[i - 1]) => Some(i - 1),
            other => other,
        };
        if let Some(start) = start {
            out.push(Firm {
                words: toks[start..i].iter().map(|t| t.hash).collect(),
                span: (toks[start].start, t.end),
            });
        }
    }
    out
}

/// Whether the name of `words` words ending before `e` is one of a firm's names listed
/// before "and Co" ("Peat, Marwick, Mitchell and Co", "Alan B. Slifka and Co"). A full name
/// must be right before "and Co": "Thomas McKiernan, McKiernan and Co chairman" is a person.
pub(super) fn in_firm_name(toks: &[Token], mut e: usize, words: usize) -> bool {
    let and = word_hash("and");
    for step in 0..4 {
        let next = toks.get(e);
        let comma = next.is_some_and(|t| t.is_punct(','));
        if comma && words > 1 && step == 0 {
            return false;
        }
        if comma || next.is_some_and(|t| t.is_punct('&') || t.hash == and) {
            e += 1;
            if toks.get(e).is_some_and(|t| CORPORATE.contains(&t.hash)) {
                return true;
            }
            if !toks.get(e).is_some_and(Token::is_cap) {
                return false;
            }
            e += 1;
        } else {
            return false;
        }
    }
    false
}
