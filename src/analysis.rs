//! Tokenizers and token filters, registered under named constants.
//!
//! The one idea here is the *compound*: words joined by a hyphen or an apostrophe ("cease-fire",
//! "G-20", "O'Brien") or a dotted acronym ("U.S."). At index time the [`NewsTokenizer`] emits the
//! parts at consecutive positions *and* the joined form at the first part's position, with offsets
//! covering the whole compound. Queries are analysed by [`analyze_query`], which keeps both views
//! so the query builder can match `ceasefire`, `cease-fire` and `cease fire` alike.
//!
//! This module does not build queries and does not know the schema.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer,
    StopWordFilter, TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
};

mod memo;
use memo::MemoFilter;

/// Article text: compounds, lower-casing, accent folding, English stop words and stemming.
pub const NEWS: &str = "newsdex_text";
/// Names and labels (people, places, summits, sources): compounds, lower-casing, accent
/// folding; no stemming, so "Rice" never matches "rices".
pub const NAME: &str = "newsdex_name";

const MAX_TOKEN_LEN: usize = 40;

/// One compound found in text: its byte span and the byte spans of its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compound {
    pub start: usize,
    pub end: usize,
    pub parts: Vec<(usize, usize)>,
    /// True for a dotted acronym such as "U.S.", whose parts are single letters and say nothing
    /// on their own, so only the joined form is indexed.
    pub acronym: bool,
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '\u{2019}' | '.')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Each byte's class: [`ALNUM`], [`OTHER`] (ASCII that is not a letter or digit) or [`WIDE`]
/// (a byte of a multi-byte character, which has to be decoded).
const BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c >= 0x80 {
            t[b] = WIDE;
        } else if c.is_ascii_alphanumeric() {
            t[b] = ALNUM;
        }
        b += 1;
    }
    t
};
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const WIDE: u8 = 2;

/// The byte offset of the first character from `from` on that is alphanumeric (`want`) or
/// not; ASCII is classed through a table, the rest decoded. `from` must be a char boundary.
fn find_alnum(text: &str, from: usize, want: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let wanted = if want { ALNUM } else { OTHER };
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        let class = BYTE_CLASS[usize::from(b)];
        if class == wanted {
            return Some(i);
        }
        if class == WIDE {
            let c = text.get(i..)?.chars().next()?;
            if c.is_alphanumeric() == want {
                return Some(i);
            }
            i += c.len_utf8();
        } else {
            i += 1;
        }
    }
    None
}

/// Scans the next run of words joined by single joiner characters, starting at byte `from`.
/// Fills `parts` with the words' byte spans and `joiners` with the characters between them, and
/// returns the byte offset just past the run, or None when no word is left.
fn scan_run(
    text: &str,
    from: usize,
    parts: &mut Vec<(usize, usize)>,
    joiners: &mut Vec<char>,
) -> Option<usize> {
    parts.clear();
    joiners.clear();
    let mut i = find_alnum(text, from, true)?;
    loop {
        let end = find_alnum(text, i, false).unwrap_or(text.len());
        parts.push((i, end));
        let mut rest = text[end..].chars();
        match (rest.next(), rest.next()) {
            (Some(j), Some(n)) if is_joiner(j) && n.is_alphanumeric() => {
                joiners.push(j);
                i = end + j.len_utf8();
            }
            _ => return Some(end),
        }
    }
}

/// Splits text into compounds. A compound is a run of alphanumeric words separated by single
/// joiner characters. A '.' joins only single letters ("U.S.", "U.N."), so sentence ends and
/// decimals are not glued together; a possessive "'s" is dropped ("Obama's" is "Obama").
pub fn compounds(text: &str) -> Vec<Compound> {
    let mut out = Vec::new();
    let (mut parts, mut joiners) = (Vec::new(), Vec::new());
    let mut cursor = 0;
    while let Some(end) = scan_run(text, cursor, &mut parts, &mut joiners) {
        finish_compound(text, &parts, &joiners, &mut out);
        cursor = end;
    }
    out
}

fn single_letter(text: &str, (s, e): (usize, usize)) -> bool {
    let mut chars = text[s..e].chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// Turns one scanned run into compounds, splitting it where a '.' joins anything but single
/// letters ("end.Next" is two words, "U.S." is one acronym).
fn finish_compound(
    text: &str,
    parts: &[(usize, usize)],
    joiners: &[char],
    out: &mut Vec<Compound>,
) {
    let mut group: Vec<(usize, usize)> = vec![parts[0]];
    let mut dotted = false;
    for (k, &joiner) in joiners.iter().enumerate() {
        let next = parts[k + 1];
        let glue = if joiner == '.' {
            let prev = parts[k];
            let ok = single_letter(text, prev) && single_letter(text, next);
            dotted |= ok;
            ok
        } else {
            true
        };
        if glue {
            group.push(next);
        } else {
            push_group(text, std::mem::take(&mut group), dotted, out);
            dotted = false;
            group.push(next);
        }
    }
    push_group(text, group, dotted, out);
}

fn push_group(text: &str, mut parts: Vec<(usize, usize)>, dotted: bool, out: &mut Vec<Compound>) {
    if parts.len() > 1 {
        let (ls, le) = parts[parts.len() - 1];
        let before = text[..ls].chars().next_back();
        if before.is_some_and(is_apostrophe) && text[ls..le].eq_ignore_ascii_case("s") {
            parts.pop();
        }
    }
    let Some(&(start, _)) = parts.first() else {
        return;
    };
    let end = parts.last().map_or(start, |p| p.1);
    out.push(Compound {
        start,
        end,
        acronym: dotted && parts.iter().all(|&p| single_letter(text, p)),
        parts,
    });
}

/// The joined form of a compound: its parts glued together ("cease-fire" -> "ceasefire").
pub fn joined(text: &str, c: &Compound) -> String {
    c.parts.iter().map(|&(s, e)| &text[s..e]).collect()
}

/// Index-time tokenizer: parts at consecutive positions plus the joined form at the first
/// part's position. Acronyms yield the joined form only. Plain words (the vast majority) are
/// streamed straight into the one token with no allocation; only compounds queue tokens.
#[derive(Clone, Default)]
pub struct NewsTokenizer {
    token: Token,
    parts: Vec<(usize, usize)>,
    joiners: Vec<char>,
    pending: std::collections::VecDeque<Token>,
}

pub struct NewsTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    position: usize,
    parts: &'a mut Vec<(usize, usize)>,
    joiners: &'a mut Vec<char>,
    pending: &'a mut std::collections::VecDeque<Token>,
    current: &'a mut Token,
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        self.pending.clear();
        NewsTokenStream {
            text,
            cursor: 0,
            position: 0,
            parts: &mut self.parts,
            joiners: &mut self.joiners,
            pending: &mut self.pending,
            current: &mut self.token,
        }
    }
}

fn token(s: usize, e: usize, position: usize, text: String) -> Token {
    Token {
        offset_from: s,
        offset_to: e,
        position,
        text,
        position_length: 1,
    }
}

impl NewsTokenStream<'_> {
    /// Queues the tokens of a run that holds joiners.
    fn queue_compounds(&mut self) {
        let mut found = Vec::new();
        finish_compound(self.text, self.parts, self.joiners, &mut found);
        for c in found {
            let pos = self.position;
            self.pending
                .push_back(token(c.start, c.end, pos, joined(self.text, &c)));
            if c.parts.len() == 1 || c.acronym {
                self.position += 1;
                continue;
            }
            for &(s, e) in &c.parts {
                self.pending
                    .push_back(token(s, e, self.position, self.text[s..e].to_string()));
                self.position += 1;
            }
        }
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(t) = self.pending.pop_front() {
                *self.current = t;
                return true;
            }
            let Some(end) = scan_run(self.text, self.cursor, self.parts, self.joiners) else {
                return false;
            };
            self.cursor = end;
            if self.joiners.is_empty() {
                let (s, e) = self.parts[0];
                let t = &mut *self.current;
                t.text.clear();
                t.text.push_str(&self.text[s..e]);
                t.offset_from = s;
                t.offset_to = e;
                t.position = self.position;
                t.position_length = 1;
                self.position += 1;
                return true;
            }
            self.queue_compounds();
        }
    }

    fn token(&self) -> &Token {
        self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        self.current
    }
}

fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(NewsTokenizer::default())
        .filter(MemoFilter)
        .build()
}

/// The word-by-word part of the text analyzer: long-token removal, lower-casing, accent
/// folding, stop words and the English stemmer. [`MemoFilter`] runs it once per distinct word.
fn news_word_chain() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
        .filter(Stemmer::new(Language::English))
        .build()
}

fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(NewsTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers our analyzers. Custom tokenizers are not saved in the index, so this runs on
/// every open.
pub fn register(manager: &TokenizerManager) {
    manager.register(NEWS, news_analyzer());
    manager.register(NAME, name_analyzer());
}

/// Normalises single words the way an analyzer does, without splitting them further.
pub struct TermNormalizer {
    stem: bool,
    analyzer: TextAnalyzer,
}

impl TermNormalizer {
    pub fn for_analyzer(name: &str) -> Self {
        let stem = name == NEWS;
        let builder = TextAnalyzer::builder(RawTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter);
        let analyzer = if stem {
            builder.filter(Stemmer::new(Language::English)).build()
        } else {
            builder.build()
        };
        TermNormalizer { stem, analyzer }
    }

    /// The indexed form of one word, or None for a stop word (text analyzer only) or a word
    /// too long to be indexed.
    pub fn normalize(&mut self, word: &str) -> Option<String> {
        if self.stem && is_stop_word(word) {
            return None;
        }
        let mut stream = self.analyzer.token_stream(word);
        stream.next().map(|t| t.text.clone())
    }
}

/// English stop words (Lucene's classic list). One list serves the index analyzer and query
/// analysis, so both drop exactly the same words.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// One compound of a query, analysed: the indexed form of each part (None where a part is a
/// stop word, which keeps its position gap) and of the joined word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    pub parts: Vec<Option<String>>,
    pub joined: Option<String>,
    /// The text as written, for messages.
    pub text: String,
}

impl QueryWord {
    pub fn is_compound(&self) -> bool {
        self.parts.len() > 1
    }
}

/// Analyses query text with the named analyzer ([`NEWS`] or [`NAME`]).
pub fn analyze_query(text: &str, analyzer: &str) -> Vec<QueryWord> {
    // Building an analyzer (stop-word set, stemmer) costs more than analysing a query, and
    // planning one search analyses many words: one normalizer per kind per thread.
    thread_local! {
        static NORMALIZERS: std::cell::RefCell<[Option<TermNormalizer>; 2]> =
            const { std::cell::RefCell::new([None, None]) };
    }
    NORMALIZERS.with(|cell| {
        let mut cache = cell.borrow_mut();
        let norm = cache[usize::from(analyzer == NEWS)]
            .get_or_insert_with(|| TermNormalizer::for_analyzer(analyzer));
        analyze_with(text, norm)
    })
}

fn analyze_with(text: &str, norm: &mut TermNormalizer) -> Vec<QueryWord> {
    compounds(text)
        .into_iter()
        .map(|c| {
            let joined_text = joined(text, &c);
            let parts = if c.acronym {
                vec![norm.normalize(&joined_text)]
            } else {
                c.parts
                    .iter()
                    .map(|&(s, e)| norm.normalize(&text[s..e]))
                    .collect()
            };
            QueryWord {
                joined: norm.normalize(&joined_text),
                parts,
                text: text[c.start..c.end].to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The analyzer before [`MemoFilter`]: the same filters, run on every token.
    fn unmemoized_news() -> TextAnalyzer {
        TextAnalyzer::builder(NewsTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(StopWordFilter::remove(
                STOP_WORDS.iter().map(|w| w.to_string()),
            ))
            .filter(Stemmer::new(Language::English))
            .build()
    }

    fn all_tokens(a: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        while let Some(t) = s.next() {
            out.push(t.clone());
        }
        out
    }

    #[test]
    fn find_alnum_agrees_with_char_classes() {
        let text = "a1 — Ünï,cödé…x 東京-2 😀 ß.½ end";
        for (from, _) in text.char_indices() {
            for want in [true, false] {
                let plain = text[from..]
                    .char_indices()
                    .find(|(_, c)| c.is_alphanumeric() == want)
                    .map(|(i, _)| from + i);
                assert_eq!(find_alnum(text, from, want), plain, "{from} {want}");
            }
        }
    }

    #[test]
    fn memo_filter_gives_exactly_what_the_plain_chain_gives() {
        let mut text = String::new();
        for dir in ["corpus/text", "corpus/html", "corpus/json", "corpus/sgml"] {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(t) = std::fs::read_to_string(entry.path()) {
                    text.push_str(&t);
                }
            }
        }
        assert!(text.len() > 10_000, "the sample corpus is beside the crate");
        text.push_str(" Ünïcödé İstanbul ÆTHER straße THE The the a An x-ray U.S. ");
        text.push_str(&"supercalifragilisticexpialidocious".repeat(3));
        // Around the memo's 15-byte limit, in bytes, with multi-byte letters at the edge.
        text.push_str(
            " nationalization internationally internationalism Internationalists \
             responsibilities Responsibilityé straßenbahnlinie Straßenbahnlini ",
        );
        let mut plain = unmemoized_news();
        let mut memo = news_analyzer();
        // Twice through the same analyzer: the second pass reads every word from the memo.
        for _ in 0..2 {
            assert_eq!(all_tokens(&mut memo, &text), all_tokens(&mut plain, &text));
        }
    }

    fn tokens(analyzer: &str, text: &str) -> Vec<(String, usize)> {
        let manager = TokenizerManager::default();
        register(&manager);
        let mut a = manager.get(analyzer).expect("registered");
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        while let Some(t) = s.next() {
            out.push((t.text.clone(), t.position));
        }
        out
    }

    fn words(list: &[(&str, usize)]) -> Vec<(String, usize)> {
        list.iter().map(|(w, p)| (w.to_string(), *p)).collect()
    }

    #[test]
    fn hyphenated_compound_yields_parts_and_joined() {
        assert_eq!(
            tokens(NEWS, "Syria cease-fire talks"),
            words(&[
                ("syria", 0),
                ("ceasefir", 1),
                ("ceas", 1),
                ("fire", 2),
                ("talk", 3)
            ])
        );
    }

    #[test]
    fn g20_spellings_share_a_token() {
        assert!(tokens(NAME, "G-20").contains(&("g20".into(), 0)));
        assert_eq!(tokens(NAME, "G20"), words(&[("g20", 0)]));
    }

    #[test]
    fn acronyms_join_and_possessives_drop() {
        assert_eq!(
            tokens(NAME, "U.S. envoy"),
            words(&[("us", 0), ("envoy", 1)])
        );
        assert_eq!(
            tokens(NAME, "Obama's plan"),
            words(&[("obama", 0), ("plan", 1)])
        );
        assert_eq!(tokens(NAME, "Putin’s"), words(&[("putin", 0)]));
    }

    #[test]
    fn accents_fold() {
        assert_eq!(tokens(NAME, "François"), words(&[("francois", 0)]));
        assert_eq!(tokens(NEWS, "Erdoğan"), tokens(NEWS, "Erdogan"));
    }

    #[test]
    fn sentence_dots_and_decimals_do_not_join() {
        assert_eq!(
            tokens(NAME, "end.Next 3.5"),
            words(&[("end", 0), ("next", 1), ("3", 2), ("5", 3)])
        );
    }

    #[test]
    fn stop_words_keep_position_gaps() {
        assert_eq!(
            tokens(NEWS, "state of the art"),
            words(&[("state", 0), ("art", 3)])
        );
    }

    #[test]
    fn apostrophe_names_are_compounds() {
        let t = tokens(NAME, "O'Brien");
        assert!(t.contains(&("obrien".into(), 0)));
        assert!(t.contains(&("brien".into(), 1)));
    }

    #[test]
    fn query_words_keep_both_views() {
        let q = analyze_query("Cease-fire in U.S.", NEWS);
        assert_eq!(q.len(), 3);
        assert_eq!(q[0].joined.as_deref(), Some("ceasefir"));
        assert_eq!(q[0].parts, vec![Some("ceas".into()), Some("fire".into())]);
        assert_eq!(q[1].joined, None);
        assert_eq!(q[2].parts, vec![Some("us".into())]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "", "-", "'s", "a-", "-a", "..", "ü-ß", "x'", "’", "A.B.C.D.", "😀-x",
        ] {
            let _ = compounds(text);
            let _ = tokens(NEWS, text);
            let _ = analyze_query(text, NAME);
        }
    }
}
