//! Summit names as people write them: "Group of Seven", "group of twenty-four", "g-20",
//! "COP 26", "Davos". [`canonical`] turns what a user types as a summit filter into the
//! canonical body name that `summits::extract` emits; [`group_number`] reads the number of a
//! "Group of ..." name.

/// Canonicalises what a user types as a summit filter: "g-20", "Group of 20", "group of
/// twenty", "G20" -> "G20"; "g 7"/"Group of Seven"/"G-7" -> "G7"; returns None if not a known
/// summit name (callers then use the text as typed). Words after the name are kept:
/// "g-20 Hangzhou" -> "G20 Hangzhou".
pub fn canonical(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    for n in (1..=words.len()).rev() {
        if let Some(body) = canonical_body(&words[..n].join(" ")) {
            let rest = &words[n..];
            return Some(if rest.is_empty() {
                body
            } else {
                format!("{body} {}", rest.join(" "))
            });
        }
    }
    None
}

fn canonical_body(s: &str) -> Option<String> {
    if let Some(pair) = bilateral_name(s) {
        return Some(pair);
    }
    let squashed: String = s
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '+')
        .flat_map(char::to_lowercase)
        .collect();
    let key = squashed.strip_suffix("summit").unwrap_or(&squashed);
    let key = key
        .strip_prefix("the")
        .filter(|k| k.len() > 2)
        .unwrap_or(key);
    if let Some(rest) = key.strip_prefix("groupof") {
        return group_number(rest)
            .or_else(|| group_number(&spell_hyphen(rest)))
            .map(|n| format!("G{n}"));
    }
    if let Some(n) = key.strip_prefix('g')
        && matches!(n, "20" | "7" | "8" | "5" | "6" | "24" | "77" | "15" | "10")
    {
        return Some(format!("G{n}"));
    }
    if let Some(n) = key.strip_prefix("cop")
        && (n.is_empty()
            || (n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()) && !n.starts_with('0')))
    {
        return Some(format!("COP{n}"));
    }
    let body = match key {
        "nato" | "northatlantictreatyorganization" | "northatlantictreatyorganisation" => "NATO",
        "eu" | "europeanunion" | "europeancouncil" => "EU",
        "apec" | "asiapacificeconomiccooperation" => "APEC",
        "asean" | "associationofsoutheastasiannations" => "ASEAN",
        "brics" => "BRICS",
        "sco" | "shanghaicooperationorganization" | "shanghaicooperationorganisation" => "SCO",
        "opec" | "opec+" | "opecplus" => "OPEC",
        "climate" | "unclimate" | "climatechange" => "COP",
        "wef" | "worldeconomicforum" | "davos" => "WEF",
        "unga" | "ungeneralassembly" | "unitednationsgeneralassembly" | "generalassembly" => "UNGA",
        "commonwealth" | "chogm" => "Commonwealth",
        "africanunion" => "African Union",
        "arableague" => "Arab League",
        "ec" | "eec" | "europeancommunity" | "europeancommunities" => "EU",
        "oau" | "organisationofafricanunity" | "organizationofafricanunity" => "OAU",
        "gatt" | "generalagreementontariffsandtrade" | "uruguayround" => "GATT",
        "imf" | "internationalmonetaryfund" | "imfinterimcommittee" => "IMF",
        "ecowas" | "economiccommunityofwestafricanstates" => "ECOWAS",
        "mercosur" => "Mercosur",
        "gcc" | "gulfcooperationcouncil" => "GCC",
        "caricom" => "CARICOM",
        "sadc" | "southernafricandevelopmentcommunity" => "SADC",
        "celac" => "CELAC",
        "quad" => "Quad",
        "pif" | "pacificislandsforum" => "Pacific Islands Forum",
        "summitoftheamericas" | "americas" => "Summit of the Americas",
        "oas" | "organizationofamericanstates" | "organisationofamericanstates" => "OAS",
        _ => return None,
    };
    Some(body.to_string())
}

/// "US-Soviet", "u.s./soviet summit", "Soviet-US" -> "US-Soviet".
fn bilateral_name(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s
        .strip_suffix(" summit")
        .or_else(|| s.strip_suffix(" Summit"))
        .unwrap_or(s);
    let (a, b) = s.split_once(['-', '/'])?;
    super::summits::bilateral(a.trim(), b.trim())
}

/// "twentyfour" -> "twenty-four", so squashed input matches the group-number words.
fn spell_hyphen(s: &str) -> String {
    for tens in ["twenty", "seventy"] {
        if let Some(rest) = s.strip_prefix(tens).filter(|r| !r.is_empty()) {
            return format!("{tens}-{rest}");
        }
    }
    s.to_string()
}

/// The number in "Group of Seven" / "Group of 20".
pub(crate) fn group_number(w: &str) -> Option<u32> {
    let n = match w.to_lowercase().as_str() {
        "five" | "5" => 5,
        "six" | "6" => 6,
        "seven" | "7" => 7,
        "eight" | "8" => 8,
        "ten" | "10" => 10,
        "fifteen" | "15" => 15,
        "twenty" | "20" => 20,
        "twenty-four" | "24" => 24,
        "seventy-seven" | "77" => 77,
        _ => return None,
    };
    Some(n)
}
