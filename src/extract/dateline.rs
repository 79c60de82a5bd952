//! Datelines: the place (and sometimes date) a wire story opens with, such as
//! `BEIRUT, Lebanon (Reuters) -`, `BEIRUT (AP) —`, `MOSCOW, Feb 26 -` (Reuters-21578) or a
//! CoNLL-2003 line `LONDON 1996-08-30`.
//!
//! Only the head of the body is read: the first line, or one of the first three lines when
//! the lines before it are short (bylines, agency names). A dateline needs a marker, a date
//! or a dash, and without an agency marker the city must be written in capitals, so ordinary
//! first sentences ("Obama said - ...") are never taken for one.

use regex::Regex;
use std::sync::LazyLock;

/// The place a story was filed from, as written at the head of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// Normalised: "Beirut, Lebanon".
    pub place: String,
    /// As written, e.g. "Feb 26" or "1996-08-22".
    pub date: Option<String>,
}

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
const CAPS_WORD: &str = r"\p{Lu}[\p{Lu}\p{M}'’./\-]*";
const MIXED_WORD: &str = r"\p{Lu}[\p{L}\p{M}'’./\-]*";
const SMALL: &str =
    r"(?:de|da|do|dos|del|della|di|du|des|al|el|la|le|of|the|am|an|der|on|upon|sur|en)";
const DASH: &str = r"(?:\s*[—–]|\s+--|\s+-\s)";
const AGENCIES: &str = "Reuters|Thomson Reuters|AP|The Associated Press|Associated Press|AFP|UPI|\
    Bloomberg|dpa|DPA|CNN|IANS|PTI|ANI|Xinhua|BBC|AAP|Kyodo|Yonhap|RIA|Interfax|TASS|Tass|CP|\
    Dow Jones|UNI|SPA|WAM|KUNA|Anadolu|EFE|ANSA|Sputnik|IRNA|NHK|CBS|ABC|NBC|MarketWatch|\
    Business Wire|PR Newswire|PRNewswire|GLOBE NEWSWIRE|AP Photo|Agencies|AJ|Al Jazeera";

struct Patterns {
    marker: Regex,
    dated: Regex,
    dashed: Regex,
    iso: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let region = format!(r"{MIXED_WORD}(?: (?:{MIXED_WORD}|{SMALL})){{0,3}}");
    // " , " too: CoNLL-2003 text has spaces around every token.
    let caps_place = format!(r"{CAPS_WORD}(?: {CAPS_WORD}){{0,4}}(?: ?, {region})?");
    let mixed_place = format!(r"{MIXED_WORD}(?: (?:{MIXED_WORD}|{SMALL})){{0,4}}(?: ?, {region})?");
    let date = format!(r"{MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}");
    let build = |p: String| Regex::new(&p).expect("dateline pattern"); // ok: constant pattern
    Patterns {
        marker: build(format!(
            r"^(?P<place>{mixed_place})(?:,? (?P<date>{date}))?\s*\((?:{AGENCIES})\)"
        )),
        dated: build(format!(
            r"^(?P<place>{caps_place}),? (?P<date>{date}){DASH}"
        )),
        dashed: build(format!(r"^(?P<place>{caps_place}){DASH}")),
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
        let head = head_chars(line, 200);
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

fn try_line(p: &Patterns, head: &str, first: bool) -> Option<Dateline> {
    let found = p.marker.captures(head).map(|c| (c, true));
    let found = found.or_else(|| p.iso.captures(head).map(|c| (c, false)));
    let found = found.or_else(|| {
        if !first {
            return None;
        }
        p.dated
            .captures(head)
            .or_else(|| p.dashed.captures(head))
            .map(|c| (c, false))
    });
    let (caps, marked) = found?;
    let place = caps.name("place")?.as_str().trim_end_matches([',', ' ']);
    if !plausible_place(place, marked) {
        return None;
    }
    Some(Dateline {
        place: normalize_place(place),
        date: caps.name("date").map(|d| d.as_str().to_string()),
    })
}

fn head_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

fn plausible_place(place: &str, marked: bool) -> bool {
    let city = place.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = city.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let upper = city.chars().filter(|c| c.is_uppercase()).count();
    if upper < 2 && !marked {
        return false;
    }
    if words.len() == 1 && LABELS.contains(&words[0]) {
        return false;
    }
    // With an agency marker a mixed-case city is fine, but not a sentence: "Obama Said (AP)".
    !(marked && words.len() > 3 && city.chars().filter(|c| c.is_lowercase()).count() > 20)
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
mod tests {
    use super::*;

    fn dl(place: &str, date: Option<&str>) -> Option<Dateline> {
        Some(Dateline {
            place: place.to_string(),
            date: date.map(str::to_string),
        })
    }

    #[test]
    fn recognises_wire_datelines() {
        let cases = [
            (
                "BEIRUT, Lebanon (Reuters) - Syrian forces pushed on.",
                dl("Beirut, Lebanon", None),
            ),
            ("LONDON (Reuters) - Shares fell.", dl("London", None)),
            ("BEIRUT (AP) — Gunmen opened fire.", dl("Beirut", None)),
            ("Beirut, Lebanon (AFP) - text", dl("Beirut, Lebanon", None)),
            ("WASHINGTON — The Senate voted.", dl("Washington", None)),
            (
                "KABUL, Afghanistan – A bomb exploded.",
                dl("Kabul, Afghanistan", None),
            ),
            ("NEW YORK -- Stocks rose.", dl("New York", None)),
            ("PARIS - Strikes spread.", dl("Paris", None)),
            (
                "MOSCOW, Feb 26 - The Soviet Union said",
                dl("Moscow", Some("Feb 26")),
            ),
            (
                "PORTLAND, Ore., Feb 26 - Red Lion Inns said",
                dl("Portland, Ore.", Some("Feb 26")),
            ),
            (
                "ROCHESTER, N.Y., March 3 - Champion said",
                dl("Rochester, N.Y.", Some("March 3")),
            ),
            ("LONDON 1996-08-30", dl("London", Some("1996-08-30"))),
            (
                "AKRON , Ohio 1996-08-23",
                dl("Akron, Ohio", Some("1996-08-23")),
            ),
            (
                "AL-RAM , West Bank 1996-08-30",
                dl("Al-Ram, West Bank", Some("1996-08-30")),
            ),
            (
                "RIO DE JANEIRO 1996-08-22\nBrazil said",
                dl("Rio de Janeiro", Some("1996-08-22")),
            ),
            (
                "Peter Blackburn\nBRUSSELS 1996-08-22\nThe Commission said",
                dl("Brussels", Some("1996-08-22")),
            ),
            (
                "LONDON, Sept 5 (Reuters) - Oil rose",
                dl("London", Some("Sept 5")),
            ),
            (
                "WASHINGTON/LONDON (Reuters) - x",
                dl("Washington/London", None),
            ),
            ("  \n  ST. LOUIS (AP) — x", dl("St. Louis", None)),
            ("N'DJAMENA, Chad (Reuters) - x", dl("N'Djamena, Chad", None)),
        ];
        for (body, want) in cases {
            assert_eq!(extract(body), want, "{body:?}");
        }
    }

    #[test]
    fn ignores_ordinary_openings() {
        let cases = [
            "",
            "   ",
            "The talks came hours after the U.S. and Russia failed to strike a deal.",
            "Obama said - and he meant it - that talks would go on.",
            "Officials said — without giving details — that it failed.",
            "UPDATE 2-Oil prices rise",
            "EXCLUSIVE - Something happened",
            "Shr 34 cts vs 1.19 dlrs",
            "A — B",
            "When the G-20 met in Hangzhou - China hosted.",
            "Émilie est partie — vite.",
            "A long first paragraph that goes on and on well past eighty characters without any dateline at all.\nLONDON 1996-08-30",
        ];
        for body in cases {
            assert_eq!(extract(body), None, "{body:?}");
        }
    }

    #[test]
    fn normalises_places() {
        let cases = [
            ("BEIRUT, Lebanon", "Beirut, Lebanon"),
            ("NEW YORK", "New York"),
            ("WASHINGTON", "Washington"),
            ("RIO DE JANEIRO", "Rio de Janeiro"),
            ("U.S.", "U.S."),
            ("LONDON, UK", "London, UK"),
            ("AL-ARISH, Egypt", "Al-Arish, Egypt"),
            ("RAS AL-KHAIMAH", "Ras al-Khaimah"),
            ("FRANKFURT AM MAIN", "Frankfurt am Main"),
            ("ST. LOUIS", "St. Louis"),
            ("MCALLEN, Texas", "McAllen, Texas"),
            ("SÃO PAULO", "São Paulo"),
            ("Beirut", "Beirut"),
            ("LA PAZ", "La Paz"),
            ("", ""),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize_place(raw), want, "{raw:?}");
        }
    }
}
