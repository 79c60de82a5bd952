//! Datelines: the place (and sometimes date) a wire story opens with, such as
//! `BEIRUT, Lebanon (Reuters) -`, `BEIRUT (AP) —`, `MOSCOW, Feb 26 -` (Reuters-21578) or a
//! CoNLL-2003 line `LONDON 1996-08-30`.
//!
//! Only the head of the body is read: the first line, or one of the first three lines when
//! the lines before it are short (bylines, agency names). A dateline needs a marker, a date
//! or a dash. Without an agency marker or a date the city must be written in capitals, so
//! ordinary first sentences ("Obama said - ...") are never taken for one, unless the lexicon
//! knows the city or the country and a capitalised sentence follows the dash
//! ("Port-au-Prince, Haiti — Gangs ..."). With a date
//! ("Toronto, March 30 -") any case is read, as wire desks typed it: months in capitals or
//! misspelt ("MARCH 20", "Macrh 31"), a comma or "Reuter" after the day, no space before the
//! dash, a stray dash before the date.

use regex::Regex;
use std::sync::LazyLock;

use super::lexicon::{LEXICON, flag, text_phrase_hash};

/// The place a story was filed from, as written at the head of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// Normalised: "Beirut, Lebanon".
    pub place: String,
    /// As written, e.g. "Feb 26" or "1996-08-22".
    pub date: Option<String>,
    /// The agency credited in parentheses ("Reuters" from "(Reuters)"), named as
    /// [`agency_name`] writes it.
    pub agency: Option<String>,
    /// The credit as written inside the parentheses ("Thomson Reuters", "Anadolu Agency").
    pub credit: Option<String>,
}

const MONTH: &str = r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
const CAPS_WORD: &str = r"\p{Lu}[\p{Lu}\p{M}'’./\-]*";
const MIXED_WORD: &str = r"\p{Lu}[\p{L}\p{M}'’./\-]*";
const SMALL: &str =
    r"(?:de|da|do|dos|del|della|di|du|des|al|el|la|le|of|the|am|an|der|on|upon|sur|en)";
const DASH: &str = r"(?:\s*[—–]|\s+--|\s+-\s)";
/// After a date the dash may follow the day directly ("April 2-").
const DATE_DASH: &str = r"(?:\s*[—–]|\s*--?(?:\s|$))";
const AGENCIES: &str = "Reuters|Thomson Reuters|AP|The Associated Press|Associated Press|AFP|UPI|\
    Bloomberg|dpa|DPA|CNN|IANS|PTI|ANI|Xinhua|BBC|AAP|Kyodo|Yonhap|RIA|Interfax|TASS|Tass|CP|\
    Dow Jones|UNI|SPA|WAM|KUNA|Anadolu|EFE|ANSA|Sputnik|IRNA|NHK|CBS|ABC|NBC|MarketWatch|\
    Business Wire|PR Newswire|PRNewswire|GLOBE NEWSWIRE|AP Photo|Agencies|AJ|Al Jazeera";

struct Patterns {
    marker: Regex,
    /// "ANKARA, Nov 22 (Anadolu Agency) -": a credit no list knows, then a dash.
    credit: Regex,
    /// "NEW DELHI: The government ..." (South Asian papers): capitals and a colon.
    colon: Regex,
    dated: Regex,
    dashed: Regex,
    mixed_dashed: Regex,
    iso: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let region = format!(r"{MIXED_WORD}(?: (?:{MIXED_WORD}|{SMALL})){{0,3}}");
    // " , " too: CoNLL-2003 text has spaces around every token.
    let caps_place = format!(r"{CAPS_WORD}(?: {CAPS_WORD}){{0,4}}(?: ?, {region})?");
    let mixed_place = format!(r"{MIXED_WORD}(?: (?:{MIXED_WORD}|{SMALL})){{0,4}}(?: ?, {region})?");
    // One lazy run, cut by the date after it; its shape is checked in `dated_place_ok`
    // (spelt out word by word, the pattern was twice as slow).
    let any_place = r"\p{L}[\p{L}\p{M}'’./\-, ]*?";
    let date = format!(r"{MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}");
    // A month-like word (checked by `month_like`), then a day as typed: "2O", "l7", "119";
    // or day first: "2 March".
    let loose_date = r"(?:(?P<month>\p{L}{3,9})\.?,? (?:\d[\dO]{0,2}|l\d?)\b|\d{1,2} (?P<dmonth>\p{L}{3,9})\b)(?:, \d{4})?";
    let build = |p: String| Regex::new(&p).expect("dateline pattern"); // ok: constant pattern
    Patterns {
        marker: build(format!(
            r"^(?P<place>{mixed_place})(?:,? (?P<date>{date}))?\s*\((?P<agency>{AGENCIES})\)"
        )),
        credit: build(format!(
            r"^(?P<place>{mixed_place})(?:,? (?P<date>{date}))?\s*\((?P<agency>\p{{Lu}}[\p{{L}}.&]*(?: (?:[\p{{Lu}}&][\p{{L}}.&]*|of|de|for)){{0,4}})\)\s*(?:[—–:]|--?\s)"
        )),
        colon: build(format!(r#"^(?P<place>{caps_place}):\s+[\p{{Lu}}\d"“‘']"#)),
        dated: build(format!(
            r"^(?P<place>{any_place})(?P<sep> ?, ?| )(?:- )?(?P<date>{loose_date})(?:,? Reuters?)?,?{DATE_DASH}"
        )),
        dashed: build(format!(r"^(?P<place>{caps_place}),?{DASH}")),
        mixed_dashed: build(format!(
            r#"^(?P<place>{mixed_place}),?{DASH}\s*[\p{{Lu}}"“‘']"#
        )),
        iso: build(format!(
            r"^(?P<place>{caps_place}),? (?P<date>\d{{4}}-\d{{2}}-\d{{2}})\b"
        )),
    }
});

/// All-capital lead-ins that are story labels, not places.
const LABELS: &[&str] = &[
    "UPDATE",
    "BREAKING",
    "CORRECTED",
    "CORRECTION",
    "EXCLUSIVE",
    "ANALYSIS",
    "FACTBOX",
    "REFILE",
    "WRAPUP",
    "INTERVIEW",
    "RPT",
    "URGENT",
    "FLASH",
    "ADVISORY",
    "EDITORS",
    "COLUMN",
    "OPINION",
    "PREVIEW",
    "REVIEW",
    "NOTE",
    "WATCH",
    "LIVE",
    "VIDEO",
    "PHOTOS",
    "TIMELINE",
    "BRIEF",
    "BRIEFS",
    "NEWS",
    "SPORTS",
    "SOCCER",
    "CRICKET",
    "TENNIS",
    "GOLF",
    "RUGBY",
    "BASEBALL",
    "BASKETBALL",
    "CYCLING",
    "ATHLETICS",
    "BOXING",
    "MOTOR",
    "NFL",
    "NBA",
];

/// Looks at the head of the body (first line, first ~200 chars) for a dateline.
pub fn extract(body: &str) -> Option<Dateline> {
    let p = &*PATTERNS;
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    for (n, line) in lines.by_ref().take(3).enumerate() {
        // "****LONDON, March 5 -": Reuters flags some items with stars.
        let head = head_chars(line.trim_start_matches('*').trim_start(), 200);
        if let Some(d) = try_line(p, head, n == 0) {
            return Some(d);
        }
        // Only look past short lines (bylines, agency names), never past a paragraph.
        if head.chars().count() > 80 {
            break;
        }
    }
    None
}

/// How a candidate was recognised: the evidence decides how much case matters.
#[derive(Clone, Copy, PartialEq)]
enum Evidence {
    /// "(Reuters)": any capitalised place.
    Marker,
    /// "Toronto, March 30 -": a date and a dash; any case, checked by `dated_place_ok`.
    Dated,
    /// A dash or an ISO date only: the city in capitals.
    Plain,
    /// "Port-au-Prince, Haiti — Gangs…": a dash, and a city or country the lexicon knows, in
    /// any case, before a capitalised sentence.
    Known,
}

fn try_line(p: &Patterns, head: &str, first: bool) -> Option<Dateline> {
    let found = p
        .marker
        .captures(head)
        .or_else(|| {
            p.credit
                .captures(head)
                .filter(|c| c.name("agency").is_some_and(|a| credit_like(a.as_str())))
        })
        .map(|c| (c, Evidence::Marker))
        .or_else(|| p.iso.captures(head).map(|c| (c, Evidence::Plain)))
        .or_else(|| {
            let c = p.colon.captures(head).filter(|_| first)?;
            let place = c.name("place").map_or("", |m| m.as_str());
            // "UPDATE:", "WATCH:" and other labels are no places; one capitalised word
            // must be a city or country the lexicon knows.
            let one_word = !place.contains([' ', ',']);
            (!one_word || known_place(&title_city(place))).then_some((c, Evidence::Plain))
        });
    let found = found.or_else(|| {
        if !first {
            return None;
        }
        let dated = p.dated.captures(head).filter(|c| {
            let month = c
                .name("month")
                .or(c.name("dmonth"))
                .map_or("", |m| m.as_str());
            let comma = c.name("sep").is_some_and(|s| s.as_str().contains(','));
            let place = c.name("place").map_or("", |m| m.as_str());
            month_like(month) && dated_place_ok(place, comma)
        });
        dated
            .map(|c| (c, Evidence::Dated))
            .or_else(|| {
                let c = p.dashed.captures(head)?;
                let rest = head.get(c.get(0)?.end()..).unwrap_or("");
                let place = c.name("place").map_or("", |m| m.as_str());
                (place.contains(',') || !starts_with_date(rest)).then_some((c, Evidence::Plain))
            })
            .or_else(|| {
                let c = p.mixed_dashed.captures(head)?;
                let place = c.name("place").map_or("", |m| m.as_str());
                known_place(place).then_some((c, Evidence::Known))
            })
    });
    let (caps, evidence) = found?;
    let mut place = caps.name("place")?.as_str().trim_end_matches([',', ' ']);
    let mut date = caps.name("date").map(|d| d.as_str());
    // "CHICAGO, April -": a month without a day is the date, not a region.
    if let Some((city, last)) = place.rsplit_once(',')
        && date.is_none()
        && strict_month(last.trim().trim_end_matches('.'))
    {
        place = city.trim_end();
        date = Some(last.trim());
    }
    if !plausible_place(place, evidence) {
        return None;
    }
    Some(Dateline {
        place: normalize_place(&title_city(place)),
        date: date.map(str::to_string),
        agency: caps.name("agency").map(|a| agency_name(a.as_str())),
        credit: caps.name("agency").map(|a| a.as_str().to_string()),
    })
}

/// A credit no list knows looks like a name: mixed case ("Anadolu Agency", "Bernama"), or
/// one short acronym ("WAFA"); not a table heading's "(YEN PER KILO)" or "(REVISED)".
fn credit_like(credit: &str) -> bool {
    credit.chars().any(char::is_lowercase) || (!credit.contains(' ') && credit.len() <= 5)
}

/// An agency as sources are usually named: "Thomson Reuters" and "Reuters" as "Reuters",
/// "The Associated Press" as "Associated Press", "AP Photo" as "AP"; others as written.
pub fn agency_name(credit: &str) -> String {
    let credit = credit.trim();
    match credit {
        "Thomson Reuters" | "Reuter" => "Reuters".to_string(),
        "The Associated Press" => "Associated Press".to_string(),
        "AP Photo" => "AP".to_string(),
        _ => credit.to_string(),
    }
}

/// "sioux city, april 7", "Mexico city, april 1": a city typed with lower-case words is put
/// in capitals, for [`normalize_place`] to title-case ("Sioux City", "Mexico City").
fn title_city(place: &str) -> std::borrow::Cow<'_, str> {
    let (city, rest) = place.split_once(',').unwrap_or((place, ""));
    let lower_word = city
        .split_whitespace()
        .any(|w| w.starts_with(char::is_lowercase) && !SMALL_WORDS.contains(&w));
    if !lower_word {
        return place.into();
    }
    let sep = if rest.is_empty() && !place.contains(',') {
        ""
    } else {
        ","
    };
    format!("{}{sep}{rest}", city.to_uppercase()).into()
}

/// "APRIL 7 ...", "- ABR 7": a date right after the dash makes "ZURICH GOLD OPENING - APRIL 7"
/// a table's heading, not a dateline (a dateline writes its date before the dash).
fn starts_with_date(rest: &str) -> bool {
    let mut words = rest.trim_start_matches([' ', '-']).split_whitespace();
    let month = words.next().unwrap_or("").trim_end_matches(['.', ',']);
    let day = words.next().unwrap_or("");
    month_like(month) && day.starts_with(|c: char| c.is_ascii_digit())
}

/// Words that open sentences, not place names: "On Tuesday, March 3 - ...".
const SENTENCE_OPENERS: &[&str] = &[
    "A", "An", "As", "At", "By", "For", "From", "In", "Last", "Next", "On", "Since", "So", "The",
    "This", "Through", "To", "Until", "When", "While", "With",
];

/// A dated candidate's place: a capitalised name ("Toronto", "Vancouver, British Columbia"), a
/// name typed all in lower case ("sioux city"), or a city in capitals ("NEW YORK" — the only
/// form that may omit the comma before the date: "LONDON March 3 -"). Never a phrase that
/// mixes capitalised and lower-case words ("Shares rose, March 3 -") or starts a sentence.
fn dated_place_ok(place: &str, comma: bool) -> bool {
    // A city of up to five words, then up to two regions of up to four.
    let parts: Vec<&str> = place.split(',').map(str::trim).collect();
    let shape = |max: usize, p: &str| (1..=max).contains(&p.split_whitespace().count());
    if parts.len() > 3
        || !shape(5, parts[0])
        || !parts[1..].iter().all(|p| shape(4, p))
        || place.contains("  ")
    {
        return false;
    }
    let city = place.split(',').next().unwrap_or("").trim();
    let caps_city = !city.chars().any(char::is_lowercase);
    if !comma && !caps_city {
        return false;
    }
    if caps_city {
        return true;
    }
    let words: Vec<&str> = place.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if words.first().is_some_and(|w| SENTENCE_OPENERS.contains(w)) {
        return false;
    }
    let lower = |w: &&str| w.chars().next().is_some_and(char::is_lowercase);
    let small = |w: &&str| SMALL_WORDS.contains(w);
    words.iter().all(|w| !lower(w) || small(w))
        || words.iter().all(lower)
        || LEXICON.get(text_phrase_hash(city)).has(flag::PLACE)
}

const MONTH_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month names as wire desks type them: any case, English or Spanish/French/German
/// abbreviations, and one slip of the keys in a full English name ("Macrh", "Mach", "Narch").
fn month_like(word: &str) -> bool {
    let w = word.to_lowercase();
    strict_month(&w)
        || MONTH_NAMES
            .iter()
            .any(|n| w.len() >= 3 && key_slip(w.as_bytes(), n.as_bytes()))
}

/// A month name or abbreviation as spelt, in any case.
fn strict_month(word: &str) -> bool {
    const SHORT: &[&str] = &[
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec", // Spanish, French, German forms
        "ene",
        "abr",
        "ago",
        "dic",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "janv",
        "janvier",
        "fevr",
        "février",
        "mars",
        "avr",
        "avril",
        "mai",
        "juin",
        "juil",
        "juillet",
        "août",
        "octobre",
        "novembre",
        "décembre",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "okt",
        "dez",
        "dezember",
        "oktober",
    ];
    let w = word.to_lowercase();
    SHORT.contains(&w.as_str()) || MONTH_NAMES.contains(&w.as_str())
}

/// True when `typed` is `name` with one slip of the keys: a letter dropped ("Mach"), two
/// neighbours swapped ("Macrh"), a letter hit by its neighbour on the keyboard ("Narch"), or
/// one struck twice or with its neighbour ("Junee", "Marchg"). Not any one edit: "Jane" and
/// "Augusta" are not months.
fn key_slip(typed: &[u8], name: &[u8]) -> bool {
    if typed.len() == name.len() + 1 {
        let i = (0..name.len())
            .find(|&i| typed[i] != name[i])
            .unwrap_or(name.len());
        let near = |j: usize| {
            typed
                .get(j)
                .is_some_and(|&c| c == typed[i] || neighbour_keys(c, typed[i]))
        };
        return typed[i + 1..] == name[i..] && ((i > 0 && near(i - 1)) || near(i + 1));
    }
    if typed.len() + 1 == name.len() {
        let i = (0..typed.len())
            .find(|&i| typed[i] != name[i])
            .unwrap_or(typed.len());
        return typed[i..] == name[i + 1..];
    }
    if typed.len() != name.len() {
        return false;
    }
    let diff: Vec<usize> = (0..name.len()).filter(|&i| typed[i] != name[i]).collect();
    match diff[..] {
        [i] => neighbour_keys(typed[i], name[i]),
        [i, j] => j == i + 1 && typed[i] == name[j] && typed[j] == name[i],
        _ => false,
    }
}

/// Keys side by side on a QWERTY keyboard.
fn neighbour_keys(a: u8, b: u8) -> bool {
    ["qwertyuiop", "asdfghjkl", "zxcvbnm"].iter().any(|row| {
        row.as_bytes()
            .windows(2)
            .any(|w| (w[0] == a && w[1] == b) || (w[0] == b && w[1] == a))
    })
}

fn head_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// A place the lexicon knows: the city ("Washington") or, after a comma, a country
/// ("Port-au-Prince, Haiti"); at most two regions.
fn known_place(place: &str) -> bool {
    let parts: Vec<&str> = place.split(',').map(str::trim).collect();
    let known = |p: &str, f: u32| LEXICON.get(text_phrase_hash(p)).has(f);
    parts.len() <= 3
        && (known(parts[0], flag::CITY) || parts[1..].iter().any(|p| known(p, flag::COUNTRY)))
}

fn plausible_place(place: &str, evidence: Evidence) -> bool {
    let city = place.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = city.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let upper = city.chars().filter(|c| c.is_uppercase()).count();
    if upper < 2 && evidence == Evidence::Plain {
        return false;
    }
    if words.len() == 1 && LABELS.contains(&words[0].to_uppercase().as_str()) {
        return false;
    }
    // With an agency marker a mixed-case city is fine, but not a sentence: "Obama Said (AP)".
    let sentence = words.len() > 3 && city.chars().filter(|c| c.is_lowercase()).count() > 20;
    !(evidence == Evidence::Marker && sentence)
}

/// Words kept in lower case inside a place name ("Rio de Janeiro").
const SMALL_WORDS: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "les", "el",
    "of", "the", "y", "van", "von", "der", "den", "upon", "on", "am", "im", "sur", "en", "au",
    "aux", "and",
];
/// All-capital forms kept as they are.
const KEEP_CAPS: &[&str] = &["UK", "US", "USA", "UAE", "EU", "UN", "DC", "DRC", "PNG"];

/// "BEIRUT, Lebanon" -> "Beirut, Lebanon"; "NEW YORK" -> "New York"; "WASHINGTON" ->
/// "Washington"; keeps "U.S." / "UK" style abbreviations; title-cases all-caps words but keeps
/// small words like "de", "al-" sensibly ("RIO DE JANEIRO" -> "Rio de Janeiro").
pub fn normalize_place(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (pi, part) in raw
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        if pi > 0 {
            out.push_str(", ");
        }
        for (wi, word) in part.split_whitespace().enumerate() {
            if wi > 0 {
                out.push(' ');
            }
            out.push_str(&normalize_word(word, wi == 0, pi > 0));
        }
    }
    out
}

fn normalize_word(word: &str, first: bool, region: bool) -> String {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if word.chars().any(char::is_lowercase) || letters == 0 {
        return word.to_string();
    }
    if KEEP_CAPS.contains(&word) || (region && letters <= 3 && !word.contains('.')) {
        return word.to_string();
    }
    // Dotted initials ("U.S.", "N.Y.", "D.C.") stay; "ST." becomes "St.".
    if word.contains('.') && word.split('.').all(|s| s.chars().count() <= 1) {
        return word.to_string();
    }
    let lower = word.to_lowercase();
    if !first && SMALL_WORDS.contains(&lower.as_str()) {
        return lower;
    }
    let mut out = String::with_capacity(word.len());
    for (i, piece) in word.split('-').enumerate() {
        if i > 0 {
            out.push('-');
        }
        let low = piece.to_lowercase();
        let article = matches!(
            low.as_str(),
            "al" | "el" | "ad" | "an" | "ar" | "as" | "ash" | "at"
        );
        if i == 0 && article && word.contains('-') && !first {
            out.push_str(&low);
        } else {
            out.push_str(&title_case(piece));
        }
    }
    out
}

fn title_case(piece: &str) -> String {
    let mut out = String::with_capacity(piece.len());
    let mut upper_next = true;
    for c in piece.chars() {
        if upper_next {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        // Capital after an apostrophe ("N'Djamena") and after "Mc" ("McAllen").
        upper_next = matches!(c, '\'' | '’' | '.' | '/') || (out == "Mc");
    }
    out
}

#[cfg(test)]
#[path = "dateline_tests.rs"]
mod tests;
