//! Reuters' raw field values as article values: DATELINE text to a place in title case, PEOPLE
//! codes to names, AUTHOR lines to authors. `sgml` finds the fields; this makes them readable.

use std::sync::LazyLock;

use regex::Regex;

use crate::article::push_unique;

use super::date_tokens::month_from;
use super::markup::{collapse_whitespace, decode_entities};

/// "    SAN FRANCISCO, March 3 - " -> "San Francisco"; "ARNHEM, The Netherlands, March 31 -"
/// -> "Arnhem, The Netherlands".
pub(super) fn dateline(raw: &str) -> Option<String> {
    let text = collapse_whitespace(&decode_entities(raw));
    let text = text
        .trim_start_matches(['*', ' '])
        .trim_end_matches(['-', ' ', '\u{2013}', '\u{2014}']);
    // The place ends where the date starts, with or without a comma before it ("LONDON March
    // 3"), and a few DATELINEs run on into the story ("RIO DE JANEIRO, Feb 26 - Brazil's").
    let mut parts: Vec<String> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let words: Vec<&str> = part.split(' ').collect();
        match (0..words.len()).find(|&i| starts_with_month_day(&words[i..])) {
            Some(date_at) => {
                if date_at > 0 {
                    parts.push(words[..date_at].join(" "));
                }
                break;
            }
            None => parts.push(part.to_string()),
        }
    }
    let place = parts
        .iter()
        .map(|p| title_case(p))
        .collect::<Vec<_>>()
        .join(", ");
    dateline_place(&place)
}

/// A parsed DATELINE place without the scraps of hand-typed dates the 1987 desks left:
/// - a comma part that holds a digit ends the place: "New York, APri 7" -> "New York",
///   "Amsterdam, 2 March" -> "Amsterdam" (no place name holds a digit);
/// - so does a part that is a month name, alone or before a day typed with a letter:
///   "Evandale, Ohio, April, 13", "Reggio Calabria, Italy, April l";
/// - dashes and other non-letters at either end of a part go, and parts without letters:
///   "Kansas City, Mo. -" -> "Kansas City, Mo.", "Hauppauge, N.Y, ." -> "Hauppauge, N.Y".
///
/// `None` when nothing is left: the DATELINE holds no place ("MAR8 -- --", "us 7.8015 -",
/// table rows the 1987 tagging took for a dateline).
pub fn dateline_place(parsed: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for part in parsed.split(',') {
        let part = part
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(|c: char| c.is_whitespace() || c == '-' || c == ',');
        let words: Vec<&str> = part.split_whitespace().collect();
        let month = |w: &str| MONTH_WORD.is_match(w);
        let dated = match words[..] {
            [w] => month(w),
            [w, day] => month(w) && day.len() <= 2 && day.starts_with(['l', 'I', 'O']),
            _ => false,
        };
        if part.chars().any(|c| c.is_ascii_digit()) || dated {
            break;
        }
        if part.chars().any(char::is_alphabetic) {
            parts.push(part.to_string());
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

static MONTH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    // ok: constant pattern
    Regex::new(r"(?i)^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$")
        .expect("month pattern")
});

/// ["March", "3"], ["Sept.", "30", "-", …]: a month name then a day number.
fn starts_with_month_day(words: &[&str]) -> bool {
    match words {
        [month, day, ..] => {
            month_from(month.trim_end_matches('.')).is_some()
                && day.bytes().next().is_some_and(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

/// Title-cases words written in capitals, leaving mixed-case words ("Mass.", "The") alone.
fn title_case(s: &str) -> String {
    const SMALL: [&str; 10] = [
        "of", "de", "del", "da", "do", "du", "la", "the", "and", "am",
    ];
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.chars().any(char::is_lowercase) {
            out.push_str(word);
            continue;
        }
        let lower = word.to_lowercase();
        if i > 0 && SMALL.contains(&lower.as_str()) {
            out.push_str(&lower);
            continue;
        }
        out.push_str(&capitalise_runs(&lower));
    }
    out
}

/// Capitalises each run of letters: "winston-salem" -> "Winston-Salem", "n.y." -> "N.Y.",
/// "o'hare" -> "O'Hare".
fn capitalise_runs(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut at_start = true;
    let mut chars = lower.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        // A lone letter after an apostrophe is a suffix: "andrew's" -> "Andrew's".
        let suffix = matches!(prev, '\'' | '’') && !chars.peek().is_some_and(|n| n.is_alphabetic());
        prev = c;
        if c.is_alphabetic() {
            if at_start && !suffix {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            at_start = false;
        } else {
            out.push(c);
            at_start = true;
        }
    }
    out
}

/// Reuters PEOPLE entries are lowercase and hyphenated: "james-baker" -> "James Baker".
pub(super) fn person_name(code: &str) -> String {
    capitalise_runs(&code.to_lowercase().replace('-', " "))
}

/// "    By Cal Mankowski, Reuters" -> ["Cal Mankowski"].
pub(super) fn authors(raw: &str, out: &mut Vec<String>) {
    let text = collapse_whitespace(raw);
    let text = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .or_else(|| text.strip_prefix("BY "))
        .unwrap_or(&text);
    let names = text.split(',').next().unwrap_or(text);
    for name in names.split(" and ") {
        if !name.trim().eq_ignore_ascii_case("reuters") {
            push_unique(out, name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_are_places_in_title_case() {
        let cases = [
            ("    MOSCOW, Feb 26 - ", Some("Moscow")),
            ("    SAN FRANCISCO, March 3 - ", Some("San Francisco")),
            (
                "    ROTTERDAM, Netherlands, April 1 - ",
                Some("Rotterdam, Netherlands"),
            ),
            (
                "    ARNHEM, The Netherlands, March 31 - ",
                Some("Arnhem, The Netherlands"),
            ),
            ("    WORCESTER, Mass., April 7 - ", Some("Worcester, Mass.")),
            (
                "    SOUTHFIELD, MICH., March 13 - ",
                Some("Southfield, Mich."),
            ),
            ("    ROCHESTER, N.Y., March 27 - ", Some("Rochester, N.Y.")),
            (
                "    WINSTON-SALEM, N.C., Sept 3 - ",
                Some("Winston-Salem, N.C."),
            ),
            ("    RIO DE JANEIRO, March 3 - ", Some("Rio de Janeiro")),
            ("    LONDON March 3 - ", Some("London")),
            ("    Toronto, Feb 26 - ", Some("Toronto")),
            ("   ", None),
            ("Feb 26 -", None),
            (
                "    RIO DE JANEIRO, Feb 26 - Brazil's \"Cruzado\" anti",
                Some("Rio de Janeiro"),
            ),
            ("    ****SANTO DOMINGO, March 3 - ", Some("Santo Domingo")),
            (
                "    OKLAHOMA CITY, Okla. March 11, Reuter - ",
                Some("Oklahoma City, Okla."),
            ),
            (
                "    ST ANDREW'S, New Brunswick, March 3 - ",
                Some("St Andrew's, New Brunswick"),
            ),
            ("    O'HARE AIRPORT, March 3 - ", Some("O'Hare Airport")),
            // Hand-typed dates leave no scraps; a DATELINE without a place gives none.
            ("    NEW YORK, APri 7 - ", Some("New York")),
            (
                "    KANSAS CITY, Mo. - March 13 - ",
                Some("Kansas City, Mo."),
            ),
            ("    MAR8 -- -- ", None),
            ("    us 7.8015 - ", None),
            (
                "    MAR DEL PLATA, Argentina, March 3 - ",
                Some("Mar del Plata, Argentina"),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(dateline(input).as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn people_and_authors() {
        assert_eq!(person_name("james-baker"), "James Baker");
        assert_eq!(person_name("de-larosiere"), "De Larosiere");
        let mut a = Vec::new();
        authors("    by Janie Gabbett and Bob Doe, Reuters", &mut a);
        assert_eq!(a, ["Janie Gabbett", "Bob Doe"]);
    }
}
