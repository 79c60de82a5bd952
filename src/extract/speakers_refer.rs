//! Who a reference names: "he"/"she" (the nearest person of fitting gender) and "the
//! senator" (the person last named with that title or role). Part of `speakers`.

use super::super::lexicon::{flag, word_hash};
use super::super::tokens::{Kind, Shape, Token};
use super::{Mentions, WORDS};
use std::sync::LazyLock;

/// Folded hashes of (male, female) given names, from `names/given_names.txt` (the English
/// sections and the women's names of other cultures), sorted.
static GENDERED: LazyLock<(Vec<u64>, Vec<u64>)> = LazyLock::new(|| {
    let (mut male, mut female) = (Vec::new(), Vec::new());
    let mut section = "";
    for line in include_str!("names/given_names.txt").lines() {
        if let Some(title) = line.strip_prefix('#') {
            section = title.trim();
            continue;
        }
        let set = match section {
            "English, male" => &mut male,
            "English, female" => &mut female,
            s if s.starts_with("Female") => &mut female,
            _ => continue,
        };
        set.extend(line.split_whitespace().map(word_hash));
    }
    // The male section ends with a few well-known women's names.
    female.extend(
        [
            "hillary",
            "kellyanne",
            "melania",
            "ivanka",
            "huma",
            "kamala",
        ]
        .map(word_hash),
    );
    // Sorted, so that a look-up is a binary search rather than a walk of the list.
    female.sort_unstable();
    male.retain(|h| female.binary_search(h).is_err());
    male.sort_unstable();
    (male, female)
});

pub(super) fn gender_of(name: &str) -> Option<bool> {
    let first = word_hash(name.split_whitespace().next()?);
    let (male, female) = &*GENDERED;
    if female.binary_search(&first).is_ok() {
        Some(true)
    } else if male.binary_search(&first).is_ok() {
        Some(false)
    } else {
        None
    }
}

/// Titles written short before a name, and the word a later "the ..." uses for them.
static TITLE_WORDS: LazyLock<Vec<(u64, u64)>> = LazyLock::new(|| {
    [
        ("sen.", "senator"),
        ("sen", "senator"),
        ("gov.", "governor"),
        ("gov", "governor"),
        ("rep.", "congressman"),
        ("rep.", "congresswoman"),
        ("rep.", "representative"),
        ("rep.", "lawmaker"),
        ("sen.", "lawmaker"),
        ("gen.", "general"),
        ("adm.", "admiral"),
        ("col.", "colonel"),
        ("lt.", "lieutenant"),
        ("prof.", "professor"),
        ("dr.", "doctor"),
    ]
    .map(|(a, b)| (word_hash(a), word_hash(b)))
    .to_vec()
});

/// Words that make a title another one: "Vice President", "Deputy Prime Minister".
static QUALIFIERS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    [
        "vice",
        "deputy",
        "former",
        "assistant",
        "acting",
        "under",
        "ex",
        "lieutenant",
        "lt.",
    ]
    .map(word_hash)
    .to_vec()
});

/// "the senator", "the minister", "the spokeswoman" at `role` (a lower-case title or role
/// after "the"): the last person named before it with that title or role right before or
/// after the name ("Sen. Elizabeth Warren", "Kerry, the secretary of state,").
pub(super) fn nominal(toks: &[Token], m: &Mentions, role: usize) -> Option<usize> {
    let w = &*WORDS;
    let t = &toks[role];
    if t.kind != Kind::Word || t.shape != Shape::Lower || !t.has(flag::TITLE | flag::ROLE) {
        return None;
    }
    // "the senator's aide said": the role word must end the noun phrase.
    if toks
        .get(role + 1)
        .is_some_and(|n| n.kind == Kind::Possessive)
    {
        return None;
    }
    // "Vice President Joseph Biden" is not "the president".
    let qualified = |k: usize| k > 0 && QUALIFIERS.contains(&toks[k - 1].hash);
    let fits = |k: usize| {
        let h = toks[k].hash;
        toks[k].kind == Kind::Word
            && (h == t.hash || TITLE_WORDS.iter().any(|&(a, b)| a == h && b == t.hash))
            && !qualified(k)
    };
    m.order.iter().rev().find_map(|&(end, p)| {
        if end >= role {
            return None;
        }
        let start = (0..=end).rev().find(|&k| m.starts[k] == Some(p))?;
        let sent = toks[start].sent;
        // Not in a headline, where every word is capitalised ("OFFICIAL SAYS REAGAN ...").
        let near = |k: &usize| {
            let t = &toks[*k];
            t.sent == sent && t.kind == Kind::Word && !t.headline && !t.has(flag::SPEECH)
        };
        // Right before the name, among the words of its title ("Foreign Minister Sergei
        // Lavrov"), or in an apposition after it ("Kerry, the secretary of state, said"),
        // not a phrase that ends the sentence ("with Lawson, a Treasury spokesman said").
        let titled = |k: &usize| {
            let t = &toks[*k];
            t.is_cap() || t.has(flag::TITLE | flag::ROLE | flag::MODIFIER | flag::NATIONALITY)
        };
        let before = (start.saturating_sub(3)..start)
            .rev()
            .take_while(|k| near(k) && titled(k));
        let apposed = toks.get(end + 1).is_some_and(|c| c.is_punct(','));
        let closes = |k: usize| {
            toks.get(k + 1).is_some_and(|n| {
                n.kind == Kind::Punct
                    || [w.of, w.for_, w.to].contains(&n.hash) && n.shape == Shape::Lower
            })
        };
        let after = (end + 2..(end + 5).min(role))
            .filter(|_| apposed)
            .take_while(near)
            .filter(|&k| closes(k));
        before.chain(after).any(fits).then_some(p)
    })
}

/// Who "he"/"she" at `at` refers to.
pub(super) fn resolve(
    toks: &[Token],
    m: &Mentions,
    said: &[(usize, usize)],
    at: usize,
) -> Option<usize> {
    let here = &toks[at];
    let near = |k: usize| toks[k].sent + 2 >= here.sent && toks[k].para + 1 >= here.para;
    // "she" is never a man the given name shows, "he" never a woman.
    let she = here.hash == WORDS.she;
    let fits = |p: usize| m.female.get(p).copied().flatten().is_none_or(|f| f == she);
    let named = m
        .order
        .iter()
        .rev()
        .find(|&&(k, p)| k < at && !toks[k].in_quote && fits(p));
    if let Some(&(k, p)) = named
        && toks[k].sent == here.sent
    {
        return Some(p);
    }
    let speaker = said
        .iter()
        .rev()
        .find(|&&(k, p)| k < at && near(k) && fits(p));
    if let Some(&(_, p)) = speaker {
        return Some(p);
    }
    // For "she", the nearest person whose gender is unknown gives way to a near woman by
    // her given name: "Foreign Minister Annalena Baerbock met Radoslaw Sikorski. ... she
    // said". Not for "he": only English men's names are listed, and most people of unknown
    // gender in the news are men ("Obama met Vladimir Putin. ... he said" is Putin's).
    let known = |p: usize| m.female.get(p).copied().flatten() == Some(true);
    if she
        && let Some(&(_, p)) = named
        && !known(p)
        && let Some(&(_, q)) = m
            .order
            .iter()
            .rev()
            .find(|&&(k, q)| k < at && near(k) && !toks[k].in_quote && known(q))
    {
        return Some(q);
    }
    named.filter(|&&(k, _)| near(k)).map(|&(_, p)| p)
}
