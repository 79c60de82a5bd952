//! The word lists the extractors share, parsed once into one hash table.
//!
//! Every list in `names/` becomes a set of flags on the folded (lower-cased, accent-stripped)
//! hash of each entry, so one lookup per token answers "is this a given name, a title, a
//! month, a stop word...". Multi-word entries ("White House", "Prime Minister") are stored
//! under the combined hash of their words (see [`phrase_hash`]), and their first word gets
//! [`flag::PHRASE_START`] so callers only try phrase lookups where one can match.
//!
//! This module owns no extraction logic and does no I/O: the lists are compiled in.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Bit flags stored per entry.
pub(crate) mod flag {
    pub const GIVEN: u32 = 1;
    pub const FAMILY_FIRST: u32 = 1 << 1;
    pub const TITLE: u32 = 1 << 2;
    pub const MODIFIER: u32 = 1 << 3;
    pub const ROLE: u32 = 1 << 4;
    pub const NATIONALITY: u32 = 1 << 5;
    pub const COUNTRY: u32 = 1 << 6;
    pub const CITY: u32 = 1 << 7;
    pub const ORG_WORD: u32 = 1 << 8;
    pub const NON_PERSON: u32 = 1 << 9;
    pub const STOPWORD: u32 = 1 << 10;
    pub const BACKGROUND: u32 = 1 << 11;
    pub const MONTH: u32 = 1 << 12;
    pub const WEEKDAY: u32 = 1 << 13;
    pub const PARTICLE: u32 = 1 << 14;
    /// Verbs that report speech: "said", "told", "warned".
    pub const SPEECH: u32 = 1 << 15;
    /// Speech verbs that also come before their subject: `"…," said Obama`.
    pub const INVERTS: u32 = 1 << 16;
    pub const PRONOUN: u32 = 1 << 17;
    /// Adverbs and auxiliaries that may stand between a subject and its speech verb.
    pub const SKIP: u32 = 1 << 18;
    /// Name suffixes: "Jr.", "III".
    pub const SUFFIX: u32 = 1 << 19;
    /// Words that take a trailing period as part of the word: "Mr.", "Inc.", "Feb.".
    pub const ABBREV: u32 = 1 << 20;
    pub const PHRASE_START: u32 = 1 << 21;
    /// Last part of an adjectival compound: "-based", "-listed".
    pub const ADJ_ENDING: u32 = 1 << 22;
    /// Evidence for some desk category with a weight other than 1 (see `Lexicon::category_weight`).
    pub const CAT_WEIGHTED: u32 = 1 << 23;
    /// A surname news gives bare: "Putin said".
    pub const PUBLIC_FIGURE: u32 = 1 << 24;

    /// Anything that marks a word as a place.
    pub const PLACE: u32 = COUNTRY | CITY;
    /// Anything that rules a word out as part of a person's name.
    pub const NOT_NAME: u32 = ORG_WORD | NON_PERSON | MONTH | WEEKDAY | NATIONALITY;
}

/// What the lexicon knows about one word or phrase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    pub flags: u32,
    /// Bit `i` set: evidence for desk category `CATEGORIES[i]`.
    pub cats: u16,
}

impl Entry {
    pub fn has(self, f: u32) -> bool {
        self.flags & f != 0
    }
}

/// Keys are already 64-bit hashes, so the map only remixes them.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // splitmix64's finaliser: FNV leaves the low bits (the bucket index) poorly mixed.
        let z = (n ^ (n >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        self.0 = z ^ (z >> 31);
    }
}

pub(crate) type HashMap64<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Lower-cases and strips the accents of common Latin letters, so "François" and "FRANCOIS"
/// fold to the same key. Curly apostrophes become straight ones.
pub(crate) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'æ' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ĝ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => 'i',
        'ł' | 'ľ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'œ' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' | 'ß' => 's',
        'ţ' | 'ț' | 'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        '\u{2019}' | '\u{2018}' | '`' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        other => other,
    }
}

pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub(crate) const FNV_PRIME: u64 = 0x100_0000_01b3;

/// Hash of the folded form of one word.
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    if word.is_ascii() {
        // Same result as the char loop below: an ASCII char folds to its lower-case byte.
        for b in word.bytes() {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
        }
        return h;
    }
    for c in word.chars() {
        h = (h ^ u64::from(u32::from(fold_char(c)))).wrapping_mul(FNV_PRIME);
    }
    h
}

/// Extends a phrase hash by one more word hash. Order matters: "a b" differs from "b a".
pub(crate) fn phrase_hash(acc: u64, next: u64) -> u64 {
    (acc.rotate_left(23) ^ next).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Hash of a phrase written with spaces between its words.
pub(crate) fn text_phrase_hash(phrase: &str) -> u64 {
    let mut words = phrase.split_whitespace();
    let first = words.next().map(word_hash).unwrap_or(0);
    words.fold(first, |acc, w| phrase_hash(acc, word_hash(w)))
}

/// Every list, by folded hash of word or phrase.
pub(crate) struct Lexicon {
    map: HashMap64<Entry>,
    /// Desk categories, in the order of `names/categories.txt` (bit `i` of `Entry::cats`).
    pub categories: Vec<String>,
    /// Category evidence weights other than 1, by `weight_key(hash, category)`.
    category_weights: HashMap64<f32>,
}

fn weight_key(hash: u64, category: usize) -> u64 {
    phrase_hash(hash, category as u64 + 1)
}

impl Lexicon {
    pub fn get(&self, hash: u64) -> Entry {
        self.map.get(&hash).copied().unwrap_or_default()
    }

    /// How much one occurrence of the word or phrase `hash` counts for category `category`
    /// (index into `categories`); only worth asking when its entry has `CAT_WEIGHTED`.
    pub fn category_weight(&self, hash: u64, category: usize) -> f32 {
        self.category_weights
            .get(&weight_key(hash, category))
            .copied()
            .unwrap_or(1.0)
    }

    pub fn word(&self, word: &str) -> Entry {
        self.get(word_hash(word))
    }

    fn add(&mut self, phrase: &str, flags: u32, cats: u16) {
        let mut words = phrase.split_whitespace();
        let Some(first) = words.next() else { return };
        let first_hash = word_hash(first);
        let mut hash = first_hash;
        let mut multi = false;
        for w in words {
            hash = phrase_hash(hash, word_hash(w));
            multi = true;
        }
        let e = self.map.entry(hash).or_default();
        e.flags |= flags;
        e.cats |= cats;
        if multi {
            self.map.entry(first_hash).or_default().flags |= flag::PHRASE_START;
        }
    }
}

/// Entries of a whitespace-separated list; `#` lines are comments.
fn words(text: &str) -> impl Iterator<Item = &str> {
    lines_raw(text).flat_map(str::split_whitespace)
}

/// Entries of a one-per-line list; `#` lines are comments.
fn lines_raw(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

const MONTHS_WORDS: &str = "january february march april may june july august september october \
    november december jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. \
    sept sept. oct oct. nov nov. dec dec.";
const WEEKDAYS_WORDS: &str = "monday tuesday wednesday thursday friday saturday sunday";
const PARTICLES_WORDS: &str = "van von der den de del della degli di da das dos du la le les bin \
    ibn bint al el ben ter ten zu y e af av op";
const SPEECH_WORDS: &str = "said says say told tells added adds noted warned warns argued argues \
    explained explains insisted insists announced announces declared declares wrote writes \
    asked asks replied replies acknowledged acknowledges described describes tweeted \
    claimed stressed stresses urged suggested admitted admits conceded concedes recalled \
    recalls predicted complained confirmed confirms denied denies commented responded \
    remarked observed emphasized emphasised emphasizes emphasises cautioned contended \
    maintained vowed promised pledged reiterated concluded countered quipped testified \
    saying telling adding stated told boasted bragged joked charged accused criticized \
    criticised blasted slammed mocked praised lamented asserted alleged demanded disputed \
    hinted indicated objected proclaimed questioned repeated retorted revealed shouted \
    speculated testified thundered wondered answered apologized apologised assured cautioned \
    confessed disclosed echoed estimated implored informed conceded tweets notes argues \
    insists explains predicts suggests warned recounted reported responds replied";
const INVERTS_WORDS: &str = "said says added adds asked asks wrote writes continued noted explained \
    replied warned insisted stated declared acknowledged concluded recalled tweeted countered \
    quipped responded remarked argued joked recalled recounted conceded cautioned";
const SKIP_WORDS: &str = "also later then has had have was is were would will could might may \
    previously earlier reportedly allegedly recently again once publicly privately repeatedly \
    quickly flatly bluntly simply further never always just already even separately \
    subsequently frequently often has however immediately angrily calmly firmly herself \
    himself yesterday today now still long too forcefully strongly sharply openly loudly \
    quietly softly tersely curtly emphatically candidly frankly bitterly proudly sarcastically \
    confidently cautiously tearfully defiantly jokingly initially originally formally \
    officially specifically explicitly directly falsely wrongly mistakenly pointedly \
    adamantly vehemently passionately sternly dryly wryly coolly unequivocally categorically \
    strenuously vigorously furiously indignantly cheerfully solemnly gravely finally \
    eventually swiftly promptly twice";
const SUFFIXES_WORDS: &str = "jr jr. sr sr. i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi";
/// Endings that make a hyphenated word an adjective, never a name: "Hong Kong-based".
const ADJ_ENDINGS_WORDS: &str = "based listed born led owned run made backed controlled style era \
    bound like type speaking dominated funded linked registered headquartered";
const ABBREVS_WORDS: &str = "mr mrs ms mme dr st ste sen rep gov gen lt col capt sgt maj adm prof \
    rev jr sr inc corp co ltd bros fr det supt cmdr cdr brig cpl pvt msgr mt ft ave no vs smt \
    jan feb mar apr jun jul aug sep sept oct nov dec ala ariz ark calif colo conn del fla ga \
    ill ind kan ky la mass md mich minn miss mo mont neb nev okla ore pa penn tenn tex va vt \
    wash wis wyo";

/// The shared lexicon, parsed on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

fn build() -> Lexicon {
    use flag::*;
    let mut lx = Lexicon {
        map: HashMap64::default(),
        categories: Vec::new(),
        category_weights: HashMap64::default(),
    };
    let word_lists: [(&str, u32); 12] = [
        (include_str!("names/given_names.txt"), GIVEN),
        (include_str!("names/public_figures.txt"), PUBLIC_FIGURE),
        (include_str!("names/family_first.txt"), FAMILY_FIRST),
        (include_str!("names/stopwords.txt"), STOPWORD),
        (include_str!("names/background.txt"), BACKGROUND),
        (MONTHS_WORDS, MONTH),
        (WEEKDAYS_WORDS, WEEKDAY),
        (PARTICLES_WORDS, PARTICLE),
        (SPEECH_WORDS, SPEECH),
        (INVERTS_WORDS, INVERTS | SPEECH),
        (SKIP_WORDS, SKIP),
        (SUFFIXES_WORDS, SUFFIX),
    ];
    for (text, f) in word_lists {
        for w in words(text) {
            lx.add(w, f, 0);
        }
    }
    for w in words(include_str!("names/speech_verbs.txt")) {
        lx.add(w, SPEECH, 0);
    }
    for w in words(ADJ_ENDINGS_WORDS) {
        lx.add(w, ADJ_ENDING, 0);
    }
    for w in words(ABBREVS_WORDS) {
        lx.add(w, ABBREV, 0);
    }
    for w in ["he", "she"] {
        lx.add(w, PRONOUN, 0);
    }
    let line_lists: [(&str, u32); 8] = [
        (include_str!("names/titles.txt"), TITLE),
        (include_str!("names/modifiers.txt"), MODIFIER),
        (include_str!("names/roles.txt"), ROLE),
        (include_str!("names/nationalities.txt"), NATIONALITY),
        (include_str!("names/countries.txt"), COUNTRY),
        (include_str!("names/cities.txt"), CITY),
        (include_str!("names/org_words.txt"), ORG_WORD),
        (include_str!("names/non_persons.txt"), NON_PERSON),
    ];
    for (text, f) in line_lists {
        for line in lines_raw(text) {
            lx.add(line, f, 0);
        }
    }
    load_categories(&mut lx, include_str!("names/categories.txt"));
    lx
}

/// Reads `category: term, term=2, ...` lines. A category may take several lines (its terms
/// add up); `=w` after a term gives its weight (default 1). At most 16 categories.
fn load_categories(lx: &mut Lexicon, text: &str) {
    for line in lines_raw(text) {
        let Some((name, terms)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim();
        let i = match lx.categories.iter().position(|c| c == name) {
            Some(i) => i,
            None if lx.categories.len() < 16 => {
                lx.categories.push(name.to_string());
                lx.categories.len() - 1
            }
            None => continue,
        };
        for term in terms.split(',') {
            let (term, weight) = match term.rsplit_once('=') {
                Some((t, w)) => (t.trim(), w.trim().parse::<f32>().unwrap_or(1.0)),
                None => (term.trim(), 1.0),
            };
            if term.is_empty() {
                continue;
            }
            #[allow(clippy::float_cmp)]
            let weighted = weight != 1.0;
            lx.add(term, if weighted { flag::CAT_WEIGHTED } else { 0 }, 1 << i);
            if weighted {
                lx.category_weights
                    .insert(weight_key(text_phrase_hash(term), i), weight);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        let cases = [
            ("François", "FRANCOIS"),
            ("Erdoğan", "erdogan"),
            ("Gerhard", "GERHARD"),
            ("O’Brien", "o'brien"),
            ("", ""),
        ];
        for (a, b) in cases {
            assert_eq!(word_hash(a), word_hash(b), "{a} vs {b}");
        }
        assert_ne!(word_hash("obama"), word_hash("obamas"));
    }

    #[test]
    fn lists_set_the_expected_flags() {
        use flag::*;
        let lx = &*LEXICON;
        let cases: [(&str, u32); 16] = [
            ("Barack", GIVEN),
            ("Angela", GIVEN),
            ("Vladimir", GIVEN),
            ("Xi", FAMILY_FIRST),
            ("President", TITLE),
            ("Sen.", TITLE),
            ("spokesman", ROLE),
            ("French", NATIONALITY),
            ("Germany", COUNTRY),
            ("Hangzhou", CITY),
            ("Inc", ORG_WORD),
            ("Kremlin", NON_PERSON),
            ("the", STOPWORD),
            ("Feb", MONTH),
            ("said", SPEECH | INVERTS),
            ("al", PARTICLE),
        ];
        for (w, f) in cases {
            if f == 0 {
                continue;
            }
            assert!(lx.word(w).has(f), "{w} should have flag {f:#x}");
        }
    }

    #[test]
    fn phrases_are_found_by_combined_hash() {
        let lx = &*LEXICON;
        let cases = [
            ("White House", flag::NON_PERSON),
            ("prime minister", flag::NON_PERSON),
            ("New Zealand", flag::COUNTRY),
            ("Buenos Aires", flag::CITY),
        ];
        for (p, f) in cases {
            assert!(lx.get(text_phrase_hash(p)).has(f), "{p}");
            let first = p.split_whitespace().next().unwrap_or_default();
            assert!(lx.word(first).has(flag::PHRASE_START), "{p}");
        }
    }

    #[test]
    fn category_lines_merge_and_carry_weights() {
        let mut lx = Lexicon {
            map: HashMap64::default(),
            categories: Vec::new(),
            category_weights: HashMap64::default(),
        };
        load_categories(
            &mut lx,
            "# comment\nsport: goal, striker=2\nmusic: album=0.5, rock star\nsport: referee, =3, bad=x\n",
        );
        assert_eq!(lx.categories, ["sport", "music"]);
        for w in ["goal", "striker", "referee", "bad"] {
            assert_eq!(lx.word(w).cats, 1, "{w}");
        }
        assert!(lx.word("striker").has(flag::CAT_WEIGHTED));
        assert!(!lx.word("goal").has(flag::CAT_WEIGHTED));
        assert_eq!(lx.category_weight(word_hash("striker"), 0), 2.0);
        assert_eq!(lx.category_weight(word_hash("album"), 1), 0.5);
        assert_eq!(lx.category_weight(word_hash("goal"), 0), 1.0);
        assert_eq!(lx.get(text_phrase_hash("rock star")).cats, 2);
        assert!(lx.word("rock").has(flag::PHRASE_START));
    }

    #[test]
    fn categories_are_loaded_in_file_order() {
        let lx = &*LEXICON;
        assert!(lx.categories.len() >= 10 && lx.categories.len() <= 16);
        let conflict = lx.categories.iter().position(|c| c == "conflict");
        let Some(i) = conflict else {
            panic!("no conflict category")
        };
        assert_ne!(lx.word("missile").cats & (1 << i), 0);
        assert_ne!(lx.get(text_phrase_hash("cease-fire")).cats & (1 << i), 0);
    }
}
