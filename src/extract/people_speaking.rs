//! People who say something, named only by a word or two the tagger and the rules did not
//! take for a name: "VOLCKER SAYS …", "Putin said on Tuesday …", "Fisheries official Tavita
//! Leota said …". Part of [`super`] (people), split out for size.

use std::sync::LazyLock;

use super::super::lexicon::{flag, word_hash};
use super::super::tokens::{Kind, Shape, Token};

/// Flags of words that are no part of such a name: places, titles, roles, function words…
const KNOWN_WORDS: u32 = flag::NOT_NAME
    | flag::PLACE
    | flag::STOPWORD
    | flag::TITLE
    | flag::ROLE
    | flag::BACKGROUND
    | flag::PRONOUN
    | flag::MODIFIER
    | flag::SUFFIX
    | flag::PHRASE_START;

/// Verbs of headline attribution: "VOLCKER SAYS...", "Sumita sees...".
const HEADLINE_VERBS: [&str; 12] = [
    "says",
    "sees",
    "urges",
    "warns",
    "expects",
    "opposes",
    "predicts",
    "forecasts",
    "welcomes",
    "reiterates",
    "renews",
    "denies",
];

/// A lone surname reporting speech: "VOLCKER SAYS FED...", "Poehl says...", "TREASURY'S BAKER
/// SEES...": one capitalised word no list knows, not after another capitalised word (a title
/// aside), right before "says", "sees", "urges"...
pub(super) fn lone_speaker(text: &str, toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    if !matches!(t.shape, Shape::Title | Shape::Upper) || t.kind != Kind::Word {
        return false;
    }
    let known = KNOWN_WORDS;
    // "TREASURY'S BAKER SEES": after a possessive, a common word may be a surname.
    let owned = i > 0 && toks[i - 1].kind == Kind::Possessive;
    let known = if owned {
        known & !flag::BACKGROUND
    } else {
        known
    };
    if t.has(known) || t.lex.cats != 0 || t.hyphenated {
        return false;
    }
    if i > 0 && !t.sent_start && toks[i - 1].is_cap() && !toks[i - 1].has(flag::TITLE) {
        return false;
    }
    let Some(next) = toks.get(i + 1) else {
        return false;
    };
    if next.kind != Kind::Word || next.sent_start {
        return false;
    }
    if HEADLINE_VERB_HASHES.contains(&next.hash) {
        return true;
    }
    PAST_VERB_HASHES.contains(&next.hash) && lone_name_in_body(text, toks, i)
}

/// A story about a company: it says "the company" or "the firm".
pub(super) fn company_story(text: &str) -> bool {
    ["he company", "he firm"].iter().any(|w| text.contains(w))
}

/// Two or three capitalised words that no list knows (a particle may join them: "Liesbeth
/// van Dam"), after a lower-case role and right before "said", "told", "says"…: "Fisheries
/// official Tavita Leota said", "Swiss mediator Bénédicte Ströhli said". Not in capitals (a
/// headline or an acronym), not a name of places, firms, titles or months.
pub(super) fn unknown_name_speaking(toks: &[Token], start: usize, end: usize) -> bool {
    let known = KNOWN_WORDS;
    let words: Vec<&Token> = toks[start..end]
        .iter()
        .filter(|t| !t.has(flag::PARTICLE))
        .collect();
    if !(2..=3).contains(&words.len()) || toks[start].has(flag::PARTICLE) {
        return false;
    }
    let plain = words.iter().all(|t| {
        t.kind == Kind::Word
            && t.shape == Shape::Title
            && !t.has(known)
            && t.lex.cats == 0
            && !t.hyphenated
            && !t.headline
    });
    // A person in a story is introduced by a role ("Fisheries official", "Swiss mediator");
    // firms and papers saying things ("McDonnell Douglas said", "Asahi Shimbun said") are not.
    let introduced = start > 0
        && toks[start - 1].kind == Kind::Word
        && toks[start - 1].shape == Shape::Lower
        && toks[start - 1].has(flag::ROLE);
    let Some(next) = toks.get(end) else {
        return false;
    };
    plain
        && introduced
        && next.kind == Kind::Word
        && !next.sent_start
        && (HEADLINE_VERB_HASHES.contains(&next.hash) || PAST_VERB_HASHES.contains(&next.hash))
}

/// "Putin said ...", "Scholz told reporters" in body text, where no full name precedes: a
/// capitalised word (not in capitals, which in a body is an acronym or a company), not a
/// plural ("Dealers said", "Congressmen told"), and never written elsewhere in the story
/// as the first word of a longer name ("Unocal Corp ... Unocal said"), in a story that is
/// not about a company.
fn lone_name_in_body(text: &str, toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    let word = &text[t.start..t.end];
    let figure = t.has(flag::PUBLIC_FIGURE);
    if t.shape != Shape::Title
        || (!figure && (word.ends_with('s') || word.ends_with("men")))
        || word.contains(['\'', '\u{2019}'])
    {
        return false;
    }
    // A business story's lone name before "said" is far more often its company ("Emcore
    // said it completed ..."), and people there are named in full first.
    if company_story(text) {
        return false;
    }
    let part_of_longer = toks.iter().enumerate().any(|(j, o)| {
        j != i && o.hash == t.hash && toks.get(j + 1).is_some_and(|n| !n.sent_start && n.is_cap())
    });
    // Organisations say things too ("Pfizer said", "Oxfam said"): the word must be a public
    // figure news names bare, or the sentence must go on about "he" or "she", not "it".
    !part_of_longer && (figure || spoken_of_as_person(toks, i + 2))
}

/// Whether the sentence from `from` refers to its subject as a person ("he", "she", "his",
/// "her") before it says "it" or "its".
fn spoken_of_as_person(toks: &[Token], from: usize) -> bool {
    for t in toks.iter().skip(from).take(30) {
        if t.sent_start {
            break;
        }
        if t.kind != Kind::Word {
            continue;
        }
        if PERSON_PRONOUNS.contains(&t.hash) {
            return true;
        }
        if THING_PRONOUNS.contains(&t.hash) {
            return false;
        }
    }
    false
}

static PERSON_PRONOUNS: LazyLock<[u64; 5]> =
    LazyLock::new(|| ["he", "she", "his", "her", "him"].map(word_hash));
static THING_PRONOUNS: LazyLock<[u64; 2]> = LazyLock::new(|| ["it", "its"].map(word_hash));

static PAST_VERB_HASHES: LazyLock<[u64; 2]> = LazyLock::new(|| ["said", "told"].map(word_hash));

/// The folded hashes of [`HEADLINE_VERBS`].
pub(super) static HEADLINE_VERB_HASHES: LazyLock<[u64; HEADLINE_VERBS.len()]> =
    LazyLock::new(|| HEADLINE_VERBS.map(word_hash));
