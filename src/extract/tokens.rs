//! One pass over article text that every extractor shares: word, number, punctuation and quote
//! tokens with byte spans, the lexicon flags of each word, sentence and paragraph numbers,
//! whether a token sits inside a quotation, and whether its line is written in headline case.
//!
//! Abbreviations keep their periods ("U.S.", "Sen.", "J."), possessive "'s" becomes its own
//! token ("Obama's" -> "Obama", "'s"), and hyphenated words stay whole ("cease-fire",
//! "al-Assad"). Spans always fall on char boundaries. This module knows nothing of people,
//! speakers or topics.

use super::lexicon::{Entry, LEXICON, flag, word_hash};
use super::scan::{Plain, char_at, scan_number, scan_punct, scan_word, shape_of};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Number,
    Punct,
    Quote,
    /// A possessive "'s" split off the word before it.
    Possessive,
}

/// The capitalisation of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Lower,
    /// First letter upper case, some later letter lower case: "Obama", "McDonald".
    Title,
    /// Two or more letters, all upper case: "OBAMA", "NATO".
    Upper,
    /// One letter, or dotted single letters: "J.", "A", "U.S.", "J.R.".
    Initial,
    /// A lower-case Arabic article or elision joined to a capital: "al-Assad", "d'Estaing".
    Particle,
    /// Digits inside ("G20"), symbols, numbers.
    Other,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub shape: Shape,
    /// Folded hash of the token text (see `lexicon::word_hash`).
    pub hash: u64,
    pub lex: Entry,
    /// Punctuation and quotes: the character, normalised (dashes to '—', quotes to '“'/'”').
    pub ch: char,
    pub sent: u32,
    pub para: u32,
    pub sent_start: bool,
    pub line_start: bool,
    pub in_quote: bool,
    pub headline: bool,
    /// A word with a hyphen in it: "cease-fire", "G-20".
    pub hyphenated: bool,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
    /// A word that starts with a capital (or a particle joined to one).
    pub fn is_cap(&self) -> bool {
        self.kind == Kind::Word
            && matches!(
                self.shape,
                Shape::Title | Shape::Upper | Shape::Initial | Shape::Particle
            )
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }
    pub fn has(&self, f: u32) -> bool {
        self.lex.has(f)
    }
}

/// A party-and-state tag after a politician's name: "R-Tenn", "D-N.Y", "I-Vt" (the
/// period after it, if any, is its own token). Never a person.
fn party_tag(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() <= 8
        && matches!(b, [b'R' | b'D' | b'I', b'-', c, ..] if c.is_ascii_uppercase())
        && b[2..].iter().all(|c| c.is_ascii_alphabetic() || *c == b'.')
}

/// A line shorter than this that ends without punctuation ends its sentence (headings,
/// bylines, CoNLL-style one-sentence lines); longer lines are taken as wrapped prose.
const SHORT_LINE: usize = 48;

pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut st = State {
        pending_sent: true,
        line_start: true,
        ..State::default()
    };
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() {
            i = st.whitespace(text, i, &out);
            continue;
        }
        if c.is_alphabetic() {
            let (end, plain) = scan_word(text, i);
            i = st.push_word(text, i, end.max(i + c.len_utf8()), plain, &mut out);
            continue;
        }
        let (end, kind, ch) = if c.is_numeric() {
            (scan_number(text, i), Kind::Number, c)
        } else {
            scan_punct(text, i, c)
        };
        let end = end.max(i + c.len_utf8());
        st.push(text, i, end, kind, ch, None, &mut out);
        i = end;
    }
    mark_headlines(&mut out);
    out
}

#[derive(Default)]
struct State {
    sent: u32,
    para: u32,
    pending_sent: bool,
    line_start: bool,
    line_begin: usize,
    in_quote: bool,
    after_abbrev: bool,
}

impl State {
    fn whitespace(&mut self, text: &str, mut i: usize, out: &[Token]) -> usize {
        let line_len = i.saturating_sub(self.line_begin);
        let mut newlines = 0;
        while let Some(d) = char_at(text, i) {
            if d == ' ' {
                i += 1;
                continue;
            }
            if !d.is_whitespace() {
                break;
            }
            if d == '\n' {
                newlines += 1;
                self.line_begin = i + 1;
            }
            i += d.len_utf8();
        }
        if newlines >= 2 {
            self.para += 1;
            self.pending_sent = true;
            self.in_quote = false;
        }
        if newlines >= 1 {
            self.line_start = true;
            let ends_open = out
                .last()
                .is_some_and(|t| t.is_punct(',') || t.is_punct('&'));
            if line_len < SHORT_LINE && !ends_open {
                self.pending_sent = true;
            }
        }
        i
    }

    /// Pushes a word (and a split-off possessive); returns where the next token starts.
    fn push_word(
        &mut self,
        text: &str,
        start: usize,
        mut end: usize,
        plain: Option<Plain>,
        out: &mut Vec<Token>,
    ) -> usize {
        let lx = &*LEXICON;
        let word = text.get(start..end).unwrap_or("");
        if let Some(p) = plain
            && text.as_bytes().get(end) != Some(&b'.')
        {
            self.push(text, start, end, Kind::Word, ' ', Some(p), out);
            return end;
        }
        // Possessive: "Obama's" -> "Obama" + "'s".
        let mut possessive = None;
        if let Some(stem) = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))
            && stem.chars().last().is_some_and(char::is_alphanumeric)
        {
            possessive = Some(start + stem.len());
        }
        if let Some(p) = possessive {
            self.push(text, start, p, Kind::Word, ' ', None, out);
            self.push(text, p, end, Kind::Possessive, '\'', None, out);
            return end;
        }
        // A trailing period belongs to initials and known abbreviations.
        if text.as_bytes().get(end) == Some(&b'.') && text.as_bytes().get(end + 1) != Some(&b'.') {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let dotted = word.contains('.');
            let initial = letters == 1 && word.chars().next().is_some_and(char::is_uppercase);
            if dotted || initial || lx.word(word).has(flag::ABBREV) {
                end += 1;
                self.push(text, start, end, Kind::Word, ' ', None, out);
                self.after_abbrev = true;
                return end;
            }
        }
        self.push(text, start, end, Kind::Word, ' ', None, out);
        end
    }

    // Inlined into each caller, where `kind` and `plain` are known: a fifth fewer
    // instructions for the whole tokenizer.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn push(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        kind: Kind,
        ch: char,
        plain: Option<Plain>,
        out: &mut Vec<Token>,
    ) {
        let word = text.get(start..end).unwrap_or("");
        let is_word = kind == Kind::Word;
        let hash = match plain {
            Some(p) => p.hash,
            None if is_word => word_hash(word),
            None => 0,
        };
        let mut lex = if is_word {
            LEXICON.get(hash)
        } else {
            Entry::default()
        };
        // "Director-General", "ex-President": a hyphenated word ending in a title is one.
        // "Hong Kong-based": an adjective, so never part of a name.
        let hyphenated = plain.is_none() && is_word && word.as_bytes().contains(&b'-');
        if hyphenated && lex.flags == 0 {
            let last = LEXICON.get(word_hash(word.rsplit('-').next().unwrap_or("")));
            if last.has(flag::TITLE | flag::ROLE) {
                lex.flags |= flag::TITLE;
            } else if last.has(flag::ADJ_ENDING) {
                lex.flags |= flag::ORG_WORD;
            } else if party_tag(word) {
                lex.flags |= flag::NON_PERSON;
            }
        }
        let shape = match plain {
            Some(p) => p.shape,
            None if is_word => shape_of(word),
            None => Shape::Other,
        };
        let mut ch = ch;
        if kind == Kind::Word
            && self.after_abbrev
            && shape == Shape::Title
            && lex.has(flag::STOPWORD | flag::PRONOUN)
        {
            self.pending_sent = true;
        }
        if kind == Kind::Quote {
            // Straight quotes toggle; curly and guillemet quotes say which side they are.
            let opens = match ch {
                '"' => !self.in_quote,
                '”' | '»' => false,
                _ => true,
            };
            ch = if opens { '“' } else { '”' };
        }
        if kind == Kind::Quote && ch == '“' {
            self.in_quote = true;
        }
        let sent_start = self.pending_sent && matches!(kind, Kind::Word | Kind::Number);
        if sent_start {
            self.sent += 1;
            self.pending_sent = false;
        }
        out.push(Token {
            start,
            end,
            kind,
            shape,
            hash,
            lex,
            ch,
            sent: self.sent,
            para: self.para,
            sent_start,
            line_start: self.line_start,
            in_quote: self.in_quote,
            headline: false,
            hyphenated,
        });
        self.line_start = false;
        if kind != Kind::Quote {
            self.after_abbrev = self.after_abbrev
                && kind == Kind::Word
                && end > start
                && text.as_bytes()[end - 1] == b'.';
        }
        if kind == Kind::Quote && ch == '”' {
            self.in_quote = false;
        }
        if kind == Kind::Punct && matches!(ch, '.' | '!' | '?') {
            self.pending_sent = true;
        }
    }
}

/// Marks the tokens of lines written in headline case ("Obama, Putin Discuss Syria Cease-fire",
/// "SOCCER - JAPAN GET LUCKY WIN"): there a capital says nothing about names.
fn mark_headlines(toks: &mut [Token]) {
    let mut begin = 0;
    while begin < toks.len() {
        let mut end = begin + 1;
        while end < toks.len() && !toks[end].line_start {
            end += 1;
        }
        // Only a title: the first line, or a line standing alone as a paragraph, and short.
        // Lists of names in a table ("72 Tim Herron , Greg Norman") are not headlines.
        let alone = (begin == 0 || toks[begin - 1].para != toks[begin].para)
            && (end == toks.len() || toks[end].para != toks[end - 1].para);
        if !alone || end - begin > 40 {
            begin = end;
            continue;
        }
        let (mut content, mut lower, mut upper, mut capped_small) = (0, 0, 0, 0);
        for (k, t) in toks[begin..end].iter().enumerate() {
            if t.kind != Kind::Word || t.shape == Shape::Other {
                continue;
            }
            if t.has(flag::STOPWORD) {
                // "Goes After Donald Trump As The New...": only headlines capitalise these.
                capped_small += usize::from(k > 0 && t.shape == Shape::Title);
                continue;
            }
            content += 1;
            lower += usize::from(t.shape == Shape::Lower);
            upper += usize::from(t.shape == Shape::Upper);
        }
        // A sentence made of names ("Angela Merkel met Francois Hollande.") ends with a period;
        // a headline in title case does not, or capitalises its small words. All-capital
        // lines are headlines either way.
        let ends_sentence = toks[end - 1].is_punct('.');
        let title_case = lower * 10 < content && (!ends_sentence || capped_small > 0);
        if content >= 3 && (title_case || upper * 10 >= content * 9) {
            for t in &mut toks[begin..end] {
                t.headline = true;
            }
        }
        begin = end;
    }
}

#[cfg(test)]
#[path = "tokens_tests.rs"]
mod tests;
