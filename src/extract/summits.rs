//! Summits: meetings of the G20, G7, NATO, the EU, APEC, OPEC, the U.N. climate COPs, Davos
//! and others, named canonically with host city and year when known ("G20 Hangzhou 2016").
//!
//! One compiled regex finds mentions of the bodies. A mention of a body that meets by nature
//! (G20, G7, APEC, BRICS, ASEAN, COP, WEF...) counts on its own; NATO, the EU, OPEC and the like
//! count only with a meeting word in the same sentence ("NATO said" is not a summit). The host
//! city is a capitalised place right after "in"/"at" or right before the name; the year is
//! written next to the name, known from `names/summits.txt`, or the article's year when the
//! sentence talks about a meeting. Also [`canonical`] for what users type as a filter.

use super::lexicon::{LEXICON, flag};
use super::summit_hosts::{KNOWN, clean_city, known_cop, known_year, same_place};
pub use super::summit_names::canonical;
use super::summit_names::group_number;
use regex::Regex;
use std::sync::LazyLock;

struct Patterns {
    trigger: Regex,
    cue: Regex,
    after_city: Regex,
    before_city: Regex,
    year_before: Regex,
    year_after: Regex,
    g7_context: Regex,
    word_before: Regex,
    imf_meeting: Regex,
    ec_meeting: Regex,
    gatt_cue: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let b = r"(?-u:\b)";
    let build = |p: &str| Regex::new(p).expect("summit pattern"); // ok: constant pattern
    Patterns {
        trigger: build(&format!(
            r"{b}(?:G-? ?(?P<gn>20|7|8|5|6|24|77|15|10){b}|(?:[Gg]roup of|GROUP OF) (?P<gw>(?i:five|six|seven|eight|ten|fifteen|twenty-four|twenty|seventy-seven)|5|6|7|8|10|15|20|24|77){b}|(?P<acr>NATO|Nato|APEC|Apec|ASEAN|Asean|BRICS|Brics|SCO|OPEC\+?|Opec\+?|UNGA|CHOGM|EU|OAU|GATT|IMF|ECOWAS|Ecowas|Mercosur|MERCOSUR|GCC|CARICOM|Caricom|SADC|CELAC|Celac|Quad|QUAD|OAS){b}|(?P<bia>U\.S\.|US|Soviet|Japan|Japanese|Sino|China|Chinese|Russia|Russian)[-/](?P<bib>U\.S\.|US|Soviet|Japan|Japanese|China|Chinese|Russia|Russian) (?:[Ss]ummit|SUMMIT){b}|(?:COP|Cop) ?-?(?P<copn>[1-9][0-9]?){b}|(?P<cop>COP){b}|(?P<long>Summit of the Americas|Economic Community of West African States|Gulf Cooperation Council|Pacific Islands Forum|Southern African Development Community|Organi[sz]ation of American States|European Council|European Union|Asia-Pacific Economic Cooperation|Association of South ?[Ee]ast Asian Nations|Shanghai Cooperation Organi[sz]ation|World Economic Forum|Davos|(?:U\.N\.|UN|United Nations) General Assembly|Commonwealth Heads of Government|Commonwealth|African Union|Arab League|Arab summit|Organi[sz]ation of African Unity|General Agreement on Tariffs and Trade|Uruguay [Rr]ound|International Monetary Fund|North Atlantic Treaty Organi[sz]ation|Organi[sz]ation of (?:the )?Petroleum Exporting Countries){b}|(?P<climate>(?:U\.N\.|UN|United Nations) climate (?:change )?(?:summit|conference|talks)|climate (?:change )?summit){b}|(?P<econ>economic [Ss]ummit|summit){b}|(?P<hostmeet>meeting){b})"
        )),
        cue: build(
            r"(?i)(?-u:\b)(?:summits?|meetings?|meet|met|talks|conference|ministers|leaders|gathering|session|ministerial|heads of (?:state|government))(?-u:\b)",
        ),
        after_city: build(
            r"^(?:['’]s)?\)?(?: \(\p{Lu}[\p{L}.]*\))?(?:[\s,]+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|next|last|this|upcoming|recent|extraordinary|emergency|special|summit|summits|meeting|meetings|conference|talks|leaders|session|ministers|ministerial|finance|foreign|heads|of|state|and|government|economic|climate|change|forum|gathering|annual|the|a|an|at|'s|’s|met|meet|meets|will|gathered|convened|opened|began|ended|held|was|is|being|to|be|also)(?-u:\b)|leaders['’]|nations['’])){0,6}[\s,]+(?:in|at|hosted by|held in) (?:the (?:\w+ )?(?:city|resort|town) of )?(?P<city>\p{Lu}(?:\p{L}|-|['’]\p{Lu})+(?: (?:de |el-|al-|am )?\p{Lu}(?:\p{L}|-|['’]\p{Lu})+){0,2})",
        ),
        before_city: build(
            r"(?:^|[^\p{L}.'’])(?:(?P<c1>\p{Lu}\p{Ll}+) )?(?P<city>\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?) $",
        ),
        year_before: build(r"(?P<year>(?:19|20)\d\d)(?: \p{Lu}[\p{L}\-]+)? $"),
        year_after: build(
            r"^(?: (?:summit|meeting|conference|talks|leaders'?|leaders’)){0,2}(?: (?:will|would|is|was|to) be)?(?: held)?(?: (?:in|at) \p{Lu}[\p{L}\-]+(?:,? \p{Lu}[\p{L}\-]+)?)?,? (?:in|of) (?:(?:January|February|March|April|May|June|July|August|September|October|November|December) )?(?P<year>(?:19|20)\d\d)(?-u:\b)",
        ),
        word_before: build(r"(?P<w>\p{Lu}\p{Ll}+) $"),
        // The IMF meets as its Interim and Development Committees and at its annual meetings;
        // "talks with the IMF" are a country's negotiation, not a meeting of the Fund.
        imf_meeting: build(
            r"(?:Interim|Development) Committee|(?:IMF|International Monetary Fund)(?:['’]s)?(?:/World Bank| and (?:the )?World Bank)?(?: [a-z-]+){0,2} (?:meetings?|session)(?-u:\b)|meetings? of the (?:\(?IMF|International Monetary Fund)",
        ),
        // EC ministers or leaders act together only in a Council or summit: "EC farm
        // ministers", "European Community (EC) industry ministers", "leaders of the EC".
        ec_meeting: build(
            r"(?-u:\b)(?:(?:EC|EEC|European Community)(?: \(EC\))?(?: (?:[a-z]+|and)){0,3} (?:(?i:ministers|leaders|heads of (?:state|government)|summit|council of ministers))|(?i:ministers|leaders|heads of government) of the (?:EC|EEC|European Community))(?-u:\b)",
        ),
        gatt_cue: build(r"(?i)(?-u:\b)(?:round|negotiations|negotiating)(?-u:\b)"),
        g7_context: build(
            r"(?i)(?-u:\b)(?:seven|industriali[sz]ed (?:nations|countries|democracies)|major industrial)(?-u:\b)",
        ),
    }
});

#[derive(Debug, Default)]
struct Found {
    name: String,
    cities: Vec<String>,
    years: Vec<i32>,
    meeting: bool,
}

/// Canonical summit names found in text, with host city and year when the text gives them.
pub fn extract(text: &str, date_year: Option<i32>) -> Vec<String> {
    let p = &*PATTERNS;
    let mut found: Vec<Found> = Vec::new();
    for caps in p.trigger.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let sentence = sentence_around(text, m.start(), m.end());
        let meeting = has_cue(sentence);
        let Some((name, needs_cue)) = body_of(&caps) else {
            continue;
        };
        // These names are themselves meetings: a session, a conference of the parties.
        let meeting = meeting || matches!(name.as_str(), "UNGA" | "COP");
        if needs_cue && !meeting && !(name == "GATT" && p.gatt_cue.is_match(sentence)) {
            continue;
        }
        if name == "IMF" && !p.imf_meeting.is_match(sentence) {
            continue;
        }
        if caps.name("cop").is_some() && !sentence.to_lowercase().contains("climate") {
            continue;
        }
        if caps.name("gw").is_some() && m.as_str().starts_with('g') && counts_things(text, m.end())
        {
            continue;
        }
        let mut name = name;
        let mut city = None;
        let after = text.get(m.end()..sentence_end(text, m.end())).unwrap_or("");
        let before_start = floor_boundary(text, m.start().saturating_sub(40));
        let before = text.get(before_start..m.start()).unwrap_or("");
        if caps.name("econ").is_some() || caps.name("hostmeet").is_some() {
            match g7_by_host(text, m.start(), before, after, date_year, &caps) {
                Some(c) => {
                    name = "G7".to_string();
                    city = c;
                }
                None => continue,
            }
        }
        let sentence_start = sentence.as_ptr() as usize - text.as_ptr() as usize;
        if city.is_none() {
            city = p
                .after_city
                .captures(after)
                .and_then(|c| clean_city(c.name("city")?.as_str()));
        }
        if city.is_none() {
            city = p.before_city.captures(before).and_then(|c| {
                let m = c.name("city")?;
                let mut span = (m.start(), m.end());
                if let Some(c1) = c.name("c1") {
                    let two = before.get(c1.start()..m.end()).unwrap_or("");
                    if LEXICON
                        .get(super::lexicon::text_phrase_hash(two))
                        .has(flag::CITY)
                    {
                        span.0 = c1.start();
                    }
                }
                let name = before.get(span.0..span.1)?;
                // Sentence-initial capitals ("Die G20", "Russia G20") are too weak alone.
                let lead = text
                    .get(sentence_start..before_start + span.0)
                    .unwrap_or("");
                let initial = lead.trim_matches(|c: char| !c.is_alphanumeric()).is_empty();
                let known = LEXICON
                    .get(super::lexicon::text_phrase_hash(name))
                    .has(flag::CITY);
                if initial && !known {
                    None
                } else {
                    clean_city(name)
                }
            });
        }
        let mut year = p
            .year_before
            .captures(before)
            .or_else(|| p.year_after.captures(after))
            .and_then(|c| c.name("year")?.as_str().parse::<i32>().ok());
        if let Some(n) = caps.name("copn").map(|c| c.as_str())
            && let Some(k) = known_cop(n)
        {
            city = city.or_else(|| Some(k.city.clone()));
            year = year.or(Some(k.year));
        }
        if name == "WEF" {
            city = Some("Davos".to_string());
        }
        let entry = match found.iter_mut().position(|f| f.name == name) {
            Some(i) => &mut found[i],
            None => {
                found.push(Found {
                    name: name.clone(),
                    ..Found::default()
                });
                let last = found.len() - 1;
                &mut found[last]
            }
        };
        entry.meeting |= meeting;
        entry.cities.extend(city);
        entry.years.extend(year);
    }
    if let Some(m) = p.ec_meeting.find(text)
        && !found.iter().any(|f| f.name == "EU")
    {
        let after = text.get(m.end()..sentence_end(text, m.end())).unwrap_or("");
        let city = p
            .after_city
            .captures(after)
            .and_then(|c| clean_city(c.name("city")?.as_str()));
        found.push(Found {
            name: "EU".to_string(),
            cities: city.into_iter().collect(),
            years: Vec::new(),
            meeting: true,
        });
    }
    merge_generic_cop(&mut found);
    found.into_iter().map(|f| render(f, date_year)).collect()
}

/// A meeting word in the sentence; a "news conference" or "press conference" is none.
fn has_cue(sentence: &str) -> bool {
    PATTERNS.cue.find_iter(sentence).any(|m| {
        let before = sentence.get(..m.start()).unwrap_or("").to_ascii_lowercase();
        !(m.as_str().eq_ignore_ascii_case("conference")
            && (before.ends_with("news ") || before.ends_with("press ")))
    })
}

/// A summit or meeting named for a past G7 host ("the Venice summit", "the Venice meeting",
/// "next week's economic summit in Venice"): the G7 when the host's summit year is the
/// article's year, or when the text speaks of the Seven / industrialised nations. Returns the
/// host city (None inside Some when none is named: "the economic summit of the seven").
fn g7_by_host(
    text: &str,
    start: usize,
    before: &str,
    after: &str,
    date_year: Option<i32>,
    caps: &regex::Captures<'_>,
) -> Option<Option<String>> {
    let p = &*PATTERNS;
    let word = p
        .word_before
        .captures(before)
        .and_then(|c| c.name("w"))
        .map(|w| w.as_str().to_string());
    let is_host = |c: &str| {
        KNOWN
            .iter()
            .any(|k| k.body == "G7" && same_place(&k.city, c))
    };
    let host_year = |c: &str| {
        KNOWN
            .iter()
            .any(|k| k.body == "G7" && same_place(&k.city, c) && Some(k.year) == date_year)
    };
    let wide = window(text, start, 300);
    let context = p.g7_context.is_match(wide);
    if caps.name("hostmeet").is_some() {
        // "the Venice meeting": only the host of that year's summit, and not "the Venice
        // meeting of the shareholders" unless the text speaks of the Seven.
        let w = word.filter(|w| host_year(w))?;
        let of_whom = after.trim_start().starts_with("of ");
        return (!of_whom || context).then_some(Some(w));
    }
    let economic = caps
        .name("econ")
        .is_some_and(|e| e.as_str().starts_with("economic"));
    if let Some(w) = word.as_deref().filter(|w| is_host(w)) {
        return (context || host_year(w)).then(|| Some(w.to_string()));
    }
    // "summit in Venice": the word before "summit" must not name another body ("OAU summit").
    let prev = before.split_whitespace().last().unwrap_or("");
    if prev.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let city = p
        .after_city
        .captures(after)
        .and_then(|c| clean_city(c.name("city")?.as_str()))
        .filter(|c| is_host(c));
    match city {
        Some(c) if context || host_year(&c) => Some(Some(c)),
        None if economic && context => Some(None),
        _ => None,
    }
}

/// "U.S./Soviet summit", "Soviet-U.S. summit" -> "US-Soviet"; "Sino-Japanese" -> "China-Japan".
/// The U.S. is written first, the others in alphabetical order.
pub(crate) fn bilateral(a: &str, b: &str) -> Option<String> {
    let short = |w: &str| -> Option<&'static str> {
        Some(
            match w.to_lowercase().trim_matches('.').replace('.', "").as_str() {
                "us" | "usa" | "american" => "US",
                "soviet" | "ussr" => "Soviet",
                "japan" | "japanese" => "Japan",
                "china" | "chinese" | "sino" => "China",
                "russia" | "russian" => "Russia",
                _ => return None,
            },
        )
    };
    let (a, b) = (short(a)?, short(b)?);
    if a == b {
        return None;
    }
    let (x, y) = if b == "US" || (a != "US" && b < a) {
        (b, a)
    } else {
        (a, b)
    };
    Some(format!("{x}-{y}"))
}

/// "a group of five buildings", "a smaller group of five producers": a lower-case "group of N"
/// before a plural noun counts things, unless the noun is one the Group of N is made of
/// ("group of seven countries", "group of five finance ministers" is read on "finance").
fn counts_things(text: &str, end: usize) -> bool {
    const BODY_WORDS: &[&str] = &[
        "nations",
        "countries",
        "states",
        "governments",
        "economies",
        "powers",
        "democracies",
        "ministers",
        "members",
        "leaders",
        "heads",
    ];
    let next = text
        .get(end..)
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("");
    let word = next.trim_end_matches(|c: char| !c.is_alphabetic());
    word.len() > 3
        && word.ends_with('s')
        && word.chars().all(|c| c.is_ascii_lowercase())
        && !BODY_WORDS.contains(&word)
}

/// "the U.N. climate summit" joins a numbered COP the article also names.
fn merge_generic_cop(found: &mut Vec<Found>) {
    let numbered = found
        .iter()
        .position(|f| f.name.starts_with("COP") && f.name.len() > 3);
    let generic = found.iter().position(|f| f.name == "COP");
    if let (Some(n), Some(g)) = (numbered, generic) {
        let g = found.remove(g);
        let n = if n > 0 && found.get(n).is_none_or(|f| !f.name.starts_with("COP")) {
            n - 1
        } else {
            n
        };
        if let Some(target) = found.get_mut(n) {
            target.cities.extend(g.cities);
            target.years.extend(g.years);
            target.meeting |= g.meeting;
        }
    }
}

fn render(f: Found, date_year: Option<i32>) -> String {
    let city = most_common(&f.cities);
    let mut year = most_common(&f.years);
    if year.is_none()
        && let Some(c) = &city
    {
        year = known_year(&f.name, c, date_year);
    }
    if year.is_none() && f.meeting {
        year = date_year;
    }
    let mut out = f.name;
    if let Some(c) = city {
        out.push(' ');
        out.push_str(&c);
    }
    if let Some(y) = year {
        out.push_str(&format!(" {y}"));
    }
    out
}

fn most_common<T: PartialEq + Clone>(items: &[T]) -> Option<T> {
    let mut best: Option<(&T, usize)> = None;
    for it in items {
        let n = items.iter().filter(|x| *x == it).count();
        if best.is_none_or(|(_, bn)| n > bn) {
            best = Some((it, n));
        }
    }
    best.map(|(t, _)| t.clone())
}

/// The canonical body a trigger names, and whether it needs a meeting word nearby.
fn body_of(caps: &regex::Captures<'_>) -> Option<(String, bool)> {
    if let Some(n) = caps.name("gn") {
        return Some((format!("G{}", n.as_str()), false));
    }
    if let Some(w) = caps.name("gw") {
        return Some((format!("G{}", group_number(w.as_str())?), false));
    }
    if let Some(n) = caps.name("copn") {
        return Some((format!("COP{}", n.as_str()), false));
    }
    if caps.name("cop").is_some() || caps.name("climate").is_some() {
        return Some(("COP".to_string(), caps.name("cop").is_some()));
    }
    if caps.name("econ").is_some() || caps.name("hostmeet").is_some() {
        return Some(("G7".to_string(), false));
    }
    if let (Some(a), Some(b)) = (caps.name("bia"), caps.name("bib")) {
        return bilateral(a.as_str(), b.as_str()).map(|n| (n, false));
    }
    let word = caps.name("acr").or_else(|| caps.name("long"))?.as_str();
    let upper = word.to_uppercase();
    let (name, cue) = match upper.trim_end_matches('+') {
        "NATO" | "NORTH ATLANTIC TREATY ORGANIZATION" | "NORTH ATLANTIC TREATY ORGANISATION" => {
            ("NATO", true)
        }
        "APEC" | "ASIA-PACIFIC ECONOMIC COOPERATION" => ("APEC", false),
        "ASEAN" => ("ASEAN", false),
        "BRICS" => ("BRICS", false),
        "SCO" => ("SCO", true),
        "OPEC" => ("OPEC", true),
        "UNGA" => ("UNGA", false),
        "CHOGM" | "COMMONWEALTH HEADS OF GOVERNMENT" => ("Commonwealth", false),
        "COMMONWEALTH" => ("Commonwealth", true),
        "EU" | "EUROPEAN UNION" => ("EU", true),
        "EUROPEAN COUNCIL" => ("EU", false),
        "WORLD ECONOMIC FORUM" | "DAVOS" => ("WEF", false),
        "AFRICAN UNION" => ("African Union", true),
        "ARAB LEAGUE" => ("Arab League", true),
        "ARAB SUMMIT" => ("Arab League", false),
        "OAU" | "ORGANIZATION OF AFRICAN UNITY" | "ORGANISATION OF AFRICAN UNITY" => ("OAU", true),
        "GATT" | "GENERAL AGREEMENT ON TARIFFS AND TRADE" => ("GATT", true),
        "URUGUAY ROUND" => ("GATT", false),
        "IMF" | "INTERNATIONAL MONETARY FUND" => ("IMF", false),
        "ECOWAS" | "ECONOMIC COMMUNITY OF WEST AFRICAN STATES" => ("ECOWAS", true),
        "MERCOSUR" => ("Mercosur", true),
        "GCC" | "GULF COOPERATION COUNCIL" => ("GCC", true),
        "CARICOM" => ("CARICOM", true),
        "SADC" | "SOUTHERN AFRICAN DEVELOPMENT COMMUNITY" => ("SADC", true),
        "CELAC" => ("CELAC", true),
        "QUAD" => ("Quad", true),
        "PACIFIC ISLANDS FORUM" => ("Pacific Islands Forum", true),
        "SUMMIT OF THE AMERICAS" => ("Summit of the Americas", false),
        "OAS" | "ORGANIZATION OF AMERICAN STATES" | "ORGANISATION OF AMERICAN STATES" => {
            ("OAS", true)
        }
        u if u.starts_with("ASSOCIATION OF SOUTH") => ("ASEAN", false),
        u if u.starts_with("SHANGHAI COOPERATION") => ("SCO", false),
        u if u.ends_with("GENERAL ASSEMBLY") => ("UNGA", false),
        u if u.starts_with("ORGANI") => ("OPEC", true),
        _ => return None,
    };
    Some((name.to_string(), cue))
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn window(text: &str, at: usize, radius: usize) -> &str {
    let s = floor_boundary(text, at.saturating_sub(radius));
    let e = floor_boundary(text, at + radius);
    text.get(s..e).unwrap_or("")
}

/// A sentence ends at ". X" after a lower-case letter, at "!"/"?", or at a blank line.
fn is_sentence_break(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'!' | b'?' => true,
        b'.' => {
            i > 0
                && bytes[i - 1].is_ascii_lowercase()
                && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
        }
        b'\n' => bytes.get(i + 1) == Some(&b'\n'),
        _ => false,
    }
}

fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let limit = floor_boundary(text, from + 400);
    (from..limit)
        .find(|&i| is_sentence_break(bytes, i))
        .unwrap_or(limit)
}

fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let bytes = text.as_bytes();
    let low = floor_boundary(text, start.saturating_sub(400));
    let s = (low..start)
        .rev()
        .find(|&i| is_sentence_break(bytes, i))
        .map_or(low, |i| i + 1);
    text.get(s..sentence_end(text, end)).unwrap_or("")
}

#[cfg(test)]
#[path = "summits_tests.rs"]
mod tests;
