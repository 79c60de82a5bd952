//! One pass over article text that every extractor shares: word, number, punctuation and quote
//! tokens with byte spans, the lexicon flags of each word, sentence and paragraph numbers,
//! whether a token sits inside a quotation, and whether its line is written in headline case.
//!
//! Abbreviations keep their periods ("U.S.", "Sen.", "J."), possessive "'s" becomes its own
//! token ("Obama's" -> "Obama", "'s"), and hyphenated words stay whole ("cease-fire",
//! "al-Assad"). Spans always fall on char boundaries. This module knows nothing of people,
//! speakers or topics.

use super::lexicon::{Entry, FNV_OFFSET, FNV_PRIME, LEXICON, flag, word_hash};

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

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some(char::from(b));
    }
    text.get(i..).and_then(|s| s.chars().next())
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

    #[allow(clippy::too_many_arguments)]
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

/// Hash and shape of a word made only of ASCII letters, worked out while scanning it, so the
/// common case never walks the word twice.
#[derive(Clone, Copy)]
struct Plain {
    hash: u64,
    shape: Shape,
}

fn scan_word(text: &str, start: usize) -> (usize, Option<Plain>) {
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

fn scan_number(text: &str, start: usize) -> usize {
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

fn scan_punct(text: &str, start: usize, c: char) -> (usize, Kind, char) {
    let rest = text.get(start..).unwrap_or("");
    if rest.starts_with("--") {
        return (start + 2, Kind::Punct, '—');
    }
    if rest.starts_with("...") {
        return (start + 3, Kind::Punct, '…');
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

/// Marks the tokens of lines written in headline case ("Obama, Putin Discuss Syria Cease-fire",
/// "SOCCER - JAPAN GET LUCKY WIN"): there a capital says nothing about names.
fn mark_headlines(toks: &mut [Token]) {
    let mut begin = 0;
    while begin < toks.len() {
        let mut end = begin + 1;
        while end < toks.len() && !toks[end].line_start {
            end += 1;
        }
        let (mut content, mut lower, mut upper) = (0, 0, 0);
        for t in &toks[begin..end] {
            if t.kind == Kind::Word && !t.has(flag::STOPWORD) && t.shape != Shape::Other {
                content += 1;
                lower += usize::from(t.shape == Shape::Lower);
                upper += usize::from(t.shape == Shape::Upper);
            }
        }
        // A sentence made of names ("Angela Merkel met Francois Hollande.") ends with a period;
        // a headline in title case does not. All-capital lines are headlines either way.
        let ends_sentence = toks[end - 1].is_punct('.');
        let title_case = lower * 10 < content && !ends_sentence;
        // Only a title: the first line, or a line standing alone as a paragraph. Lists of
        // names in a table ("72 Tim Herron , Greg Norman") are not headlines.
        let alone = (begin == 0 || toks[begin - 1].para != toks[begin].para)
            && (end == toks.len() || toks[end].para != toks[end - 1].para);
        if content >= 3 && alone && (title_case || upper * 10 >= content * 9) && end - begin <= 40 {
            for t in &mut toks[begin..end] {
                t.headline = true;
            }
        }
        begin = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_words_abbreviations_and_possessives() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("   \n\n ", &[]),
            ("Obama's talks", &["Obama", "'s", "talks"]),
            ("Obama’s", &["Obama", "’s"]),
            ("the U.S. president", &["the", "U.S.", "president"]),
            ("Sen. John F. Kennedy", &["Sen.", "John", "F.", "Kennedy"]),
            (
                "a cease-fire in al-Bab",
                &["a", "cease-fire", "in", "al-Bab"],
            ),
            ("Barack Obama.ALEXEI", &["Barack", "Obama", ".", "ALEXEI"]),
            ("G-20 and G20", &["G-20", "and", "G20"]),
            ("AT&T rose 3.5 pct", &["AT&T", "rose", "3.5", "pct"]),
            ("LONDON 1996-08-30", &["LONDON", "1996-08-30"]),
            ("blunt ... businesslike", &["blunt", "...", "businesslike"]),
            ("wait -- now", &["wait", "--", "now"]),
            ("François Hollande", &["François", "Hollande"]),
            ("O'Brien said", &["O'Brien", "said"]),
            ("Москва и Київ", &["Москва", "и", "Київ"]),
            ("北京 2016", &["北京", "2016"]),
            ("end.", &["end", "."]),
            ("'s", &["'", "s"]),
        ];
        for (text, want) in cases {
            assert_eq!(&words(text), want, "{text:?}");
        }
    }

    #[test]
    fn classifies_shapes() {
        let cases = [
            ("Obama", Shape::Title),
            ("OBAMA", Shape::Upper),
            ("J.", Shape::Initial),
            ("U.S.", Shape::Initial),
            ("al-Assad", Shape::Particle),
            ("d'Estaing", Shape::Particle),
            ("cease-fire", Shape::Lower),
            ("G20", Shape::Other),
            ("McDonald", Shape::Title),
            ("Émile", Shape::Title),
            ("", Shape::Other),
        ];
        for (w, s) in cases {
            assert_eq!(shape_of(w), s, "{w}");
        }
    }

    #[test]
    fn tracks_sentences_and_quotes() {
        let text = "\"We are close,\" he said. Then Obama left.\n\nShe said “no” today";
        let toks = tokenize(text);
        let find = |w: &str| toks.iter().find(|t| t.text(text) == w).copied();
        let Some(we) = find("We") else {
            panic!("no We")
        };
        let Some(he) = find("he") else {
            panic!("no he")
        };
        let Some(then) = find("Then") else {
            panic!("no Then")
        };
        let Some(no) = find("no") else {
            panic!("no no")
        };
        let Some(today) = find("today") else {
            panic!("no today")
        };
        assert!(we.in_quote && !he.in_quote && no.in_quote && !today.in_quote);
        assert!(we.sent_start && !he.sent_start && then.sent_start);
        assert_eq!(we.sent, he.sent);
        assert!(then.sent > he.sent);
        assert!(today.para > then.para);
    }

    #[test]
    fn abbreviation_before_capital_stopword_ends_sentence() {
        let text = "He works for Acme Inc. The firm grew.";
        let toks = tokenize(text);
        let the = toks.iter().find(|t| t.text(text) == "The");
        assert!(the.is_some_and(|t| t.sent_start));
    }

    #[test]
    fn headline_lines_are_marked() {
        let text =
            "Obama, Putin Discuss Syria Cease-fire at G-20\n\nObama met Putin in China on Monday.";
        let toks = tokenize(text);
        assert!(toks[0].headline);
        let body: Vec<_> = toks.iter().filter(|t| t.para == 1).collect();
        assert!(body.iter().all(|t| !t.headline));
        let caps = tokenize("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .");
        assert!(caps.iter().all(|t| t.headline));
        let names = tokenize("Peter Blackburn");
        assert!(names.iter().all(|t| !t.headline));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "\u{0}\u{1}",
            "é.",
            "É.\u{301}",
            "—",
            "\"",
            "“",
            "'s'",
            "A.",
            "..",
            "-",
            "a-",
            "€5",
            "x\u{301}y",
            "İstanbul",
            "ǅemal",
            "1,",
            "1.",
            "2-",
            "e.é",
            "Ü.S.",
            "\r\n\r\n",
        ];
        for s in inputs {
            let toks = tokenize(s);
            for t in toks {
                assert!(
                    s.is_char_boundary(t.start) && s.is_char_boundary(t.end),
                    "{s:?}"
                );
            }
        }
    }
}
