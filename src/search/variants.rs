//! British and American spellings of one word: a query for `defense` also finds "defence",
//! `organisation` finds "organization", `labor` finds "labour", `center` finds "centre".
//! Wire copy and papers on either side of the Atlantic write the same story both ways, and
//! the stemmer keeps the two apart ("organiz" and "organis").
//!
//! [`alternatives`] writes a typed word the other way by the regular patterns (-our/-or,
//! -ise/-ize with their derived forms, -yse/-yze, -tre/-ter, -elled/-eled, oe/ae/e) and a
//! short list of single words (defence, programme, grey…). The query builder keeps an
//! alternative only when the index holds it, so a pattern that makes no word ("tour" →
//! "tor" is listed as an exception anyway) costs one term look-up and changes nothing.

/// Word pairs no pattern covers, British first.
const PAIRS: &[(&str, &str)] = &[
    ("defence", "defense"),
    ("defences", "defenses"),
    ("offence", "offense"),
    ("offences", "offenses"),
    ("licence", "license"),
    ("licences", "licenses"),
    ("pretence", "pretense"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("grey", "gray"),
    ("aluminium", "aluminum"),
    ("sceptic", "skeptic"),
    ("sceptics", "skeptics"),
    ("sceptical", "skeptical"),
    ("scepticism", "skepticism"),
    ("catalogue", "catalog"),
    ("judgement", "judgment"),
    ("judgements", "judgments"),
    ("ageing", "aging"),
    ("jewellery", "jewelry"),
    ("manoeuvre", "maneuver"),
    ("manoeuvres", "maneuvers"),
    ("plough", "plow"),
    ("mould", "mold"),
    ("enrol", "enroll"),
    ("fulfil", "fulfill"),
    ("cheque", "check"),
    ("cheques", "checks"),
    ("pyjamas", "pajamas"),
    ("kerb", "curb"),
];

/// Stems of the words British spells -re and American -er ("cent" + re / er).
const RE_STEMS: &[&str] = &[
    "cent", "theat", "met", "lit", "fib", "calib", "sab", "somb", "spect", "lust", "meag",
];

/// Word starts British writes with a diphthong, and the American start.
const DIPHTHONGS: &[(&str, &str)] = &[
    ("paed", "ped"),
    ("orthopaed", "orthoped"),
    ("haem", "hem"),
    ("anaem", "anem"),
    ("anaesth", "anesth"),
    ("leukaem", "leukem"),
    ("oesoph", "esoph"),
    ("oestr", "estr"),
    ("foet", "fet"),
    ("gynaec", "gynec"),
    ("encyclopaed", "encycloped"),
    ("diarrhoea", "diarrhea"),
];

/// Words that end like a British or American pattern but have no other spelling.
const NOT_VARIANTS: &[&str] = &[
    "tour",
    "tours",
    "flour",
    "scour",
    "detour",
    "contour",
    "velour",
    "amour",
    "four",
    "hour",
    "hours",
    "your",
    "pour",
    "sour",
    "our",
    "ours",
    "yours",
    "devour",
    "troubadour",
    "paramour",
    "rise",
    "wise",
    "noise",
    "raise",
    "praise",
    "cruise",
    "bruise",
    "poise",
    "arise",
    "advise",
    "advertise",
    "comprise",
    "compromise",
    "despise",
    "devise",
    "disguise",
    "enterprise",
    "excise",
    "exercise",
    "expertise",
    "franchise",
    "improvise",
    "merchandise",
    "premise",
    "revise",
    "supervise",
    "surprise",
    "televise",
    "promise",
    "precise",
    "concise",
    "otherwise",
    "likewise",
    "chastise",
    "incise",
    "circumcise",
    "demise",
    "treatise",
    "size",
    "prize",
    "seize",
    "capsize",
    "baize",
    "maize",
    "citizen",
];

/// The other spellings of `word` (lower case), British for American and back.
pub fn alternatives(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |w: String| {
        if w != word && !out.contains(&w) {
            out.push(w);
        }
    };
    for &(gb, us) in PAIRS {
        if word == gb {
            add(us.to_string());
        } else if word == us {
            add(gb.to_string());
        }
    }
    if word.len() < 5 || !word.is_ascii() || NOT_VARIANTS.contains(&word) {
        return out;
    }
    let stem_of = |suffixes: &[&'static str]| -> Option<(&str, &'static str)> {
        suffixes
            .iter()
            .find_map(|s| word.strip_suffix(s).map(|stem| (stem, *s)))
    };
    // -ise/-ize and their forms: organise, organised, organisation, realising, criticisms.
    const IZE: &[&str] = &[
        "izations", "ization", "izers", "izer", "izing", "ized", "izes", "ize",
    ];
    const ISE: &[&str] = &[
        "isations", "isation", "isers", "iser", "ising", "ised", "ises", "ise",
    ];
    if let Some((stem, s)) = stem_of(IZE).filter(|(stem, _)| stem.len() >= 3) {
        add(format!("{stem}{}", s.replacen('z', "s", 1)));
    } else if let Some((stem, s)) = stem_of(ISE).filter(|(stem, _)| stem.len() >= 3) {
        add(format!("{stem}{}", s.replacen('s', "z", 1)));
    }
    // -yse/-yze: analyse, paralysed, catalysing.
    if let Some((stem, s)) = stem_of(&["yses", "ysed", "ysing", "yse"]) {
        add(format!("{stem}{}", s.replacen('s', "z", 1)));
    } else if let Some((stem, s)) = stem_of(&["yzes", "yzed", "yzing", "yze"]) {
        add(format!("{stem}{}", s.replacen('z', "s", 1)));
    }
    // -our/-or after a consonant: labour, favourite, honourable, neighbourhood, behaviours.
    const OUR_ENDINGS: &[&str] = &[
        "", "s", "ed", "ing", "ite", "ites", "able", "ably", "er", "ers", "ful", "less", "hood",
        "hoods", "ism", "ist", "ists",
    ];
    for ending in OUR_ENDINGS {
        if let Some(stem) = word.strip_suffix(&format!("our{ending}"))
            && stem.len() >= 2
            && stem.ends_with(|c: char| !"aeiou".contains(c))
        {
            add(format!("{stem}or{ending}"));
        }
        if let Some(stem) = word.strip_suffix(&format!("or{ending}"))
            && stem.len() >= 3
            && stem.ends_with(|c: char| !"aeiou".contains(c))
        {
            add(format!("{stem}our{ending}"));
        }
    }
    // -tre/-ter: centre, theatres, kilometre, fibre, centred, centring.
    for stem in RE_STEMS {
        let gb = [
            ("re", "er"),
            ("res", "ers"),
            ("red", "ered"),
            ("ring", "ering"),
        ];
        for (g, u) in gb {
            if let Some(prefix) = word.strip_suffix(&format!("{stem}{g}")) {
                add(format!("{prefix}{stem}{u}"));
            } else if let Some(prefix) = word.strip_suffix(&format!("{stem}{u}")) {
                add(format!("{prefix}{stem}{g}"));
            }
        }
    }
    // -elled/-eled: travelled, cancelling, labelled, modeller.
    for (gb, us) in [
        ("elled", "eled"),
        ("elling", "eling"),
        ("eller", "eler"),
        ("ellers", "elers"),
        ("alled", "aled"),
        ("alling", "aling"),
    ] {
        if let Some(stem) = word.strip_suffix(gb) {
            add(format!("{stem}{us}"));
        } else if let Some(stem) = word.strip_suffix(us) {
            add(format!("{stem}{gb}"));
        }
    }
    // Greek and Latin diphthongs: paediatric, haemorrhage, oesophagus, foetus, anaemia.
    for (gb, us) in DIPHTHONGS {
        if let Some(rest) = word.strip_prefix(gb) {
            add(format!("{us}{rest}"));
        } else if let Some(rest) = word.strip_prefix(us) {
            add(format!("{gb}{rest}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_and_american_spellings_both_ways() {
        for (a, b) in [
            ("defence", "defense"),
            ("organisation", "organization"),
            ("organised", "organized"),
            ("criticising", "criticizing"),
            ("analyse", "analyze"),
            ("paralysed", "paralyzed"),
            ("labour", "labor"),
            ("favourite", "favorite"),
            ("neighbourhood", "neighborhood"),
            ("honourable", "honorable"),
            ("centre", "center"),
            ("theatres", "theaters"),
            ("travelled", "traveled"),
            ("cancelling", "canceling"),
            ("programme", "program"),
            ("paediatric", "pediatric"),
            ("manoeuvre", "maneuver"),
            ("kilometres", "kilometers"),
            ("centred", "centered"),
            ("haemorrhage", "hemorrhage"),
            ("foetus", "fetus"),
        ] {
            assert!(
                alternatives(a).contains(&b.to_string()),
                "{a} -> {b}: {:?}",
                alternatives(a)
            );
            assert!(
                alternatives(b).contains(&a.to_string()),
                "{b} -> {a}: {:?}",
                alternatives(b)
            );
        }
    }

    #[test]
    fn words_with_one_spelling_have_no_pattern_alternative() {
        for w in [
            "tour", "four", "rise", "exercise", "surprise", "size", "prize", "oil", "citizen",
            "michael", "israel", "water", "letter", "peter",
        ] {
            assert!(alternatives(w).is_empty(), "{w}: {:?}", alternatives(w));
        }
    }
}
