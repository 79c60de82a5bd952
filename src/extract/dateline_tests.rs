use super::*;

fn dl(place: &str, date: Option<&str>) -> Option<Dateline> {
    Some(Dateline {
        place: place.to_string(),
        date: date.map(str::to_string),
        agency: None,
        credit: None,
    })
}

/// The place and date read, the agency left out (tested on its own).
fn extract(body: &str) -> Option<Dateline> {
    super::extract(body).map(|d| Dateline {
        agency: None,
        credit: None,
        ..d
    })
}

#[test]
fn agency_credits_are_read_known_or_not() {
    for (body, place, agency) in [
        (
            "BEIRUT, Lebanon (Reuters) - Syrian forces pushed on.",
            "Beirut, Lebanon",
            "Reuters",
        ),
        (
            "BRUSSELS, March 21 (Reuters) - Ministers met.",
            "Brussels",
            "Reuters",
        ),
        (
            "KYIV, Ukraine (AP) — Sirens sounded.",
            "Kyiv, Ukraine",
            "AP",
        ),
        (
            "WASHINGTON (The Associated Press) — Votes.",
            "Washington",
            "Associated Press",
        ),
        (
            "ANKARA, Nov 22 (Anadolu Agency) - Talks began.",
            "Ankara",
            "Anadolu Agency",
        ),
        (
            "KUALA LUMPUR (Bernama) -- Rates held.",
            "Kuala Lumpur",
            "Bernama",
        ),
        ("LONDON (PA Media) - Rail strikes.", "London", "PA Media"),
        (
            "NAIROBI (Thomson Reuters Foundation) - Farmers.",
            "Nairobi",
            "Thomson Reuters Foundation",
        ),
    ] {
        let d = super::extract(body).unwrap_or_else(|| panic!("{body}"));
        assert_eq!(d.place, place, "{body}");
        assert_eq!(d.agency.as_deref(), Some(agency), "{body}");
    }
    // A parenthesis without a dash after it is no credit.
    assert_eq!(
        extract("Ankara (Turkey) said on Monday it would act."),
        None
    );
    assert_eq!(
        super::extract("LONDON - Shares fell.").unwrap().agency,
        None
    );
}

#[test]
fn colon_datelines() {
    assert_eq!(
        extract("NEW DELHI: The government said."),
        dl("New Delhi", None)
    );
    assert_eq!(
        extract("ASTANA, Kazakhstan: Leaders met."),
        dl("Astana, Kazakhstan", None)
    );
    assert_eq!(extract("ISLAMABAD: Talks began."), dl("Islamabad", None));
    for body in [
        "UPDATE: Talks began.",
        "WATCH: The video.",
        "EXCLUSIVE: Deal",
        "NOTE: x",
    ] {
        assert_eq!(extract(body), None, "{body}");
    }
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
        // Mixed case with a dash: only a known city or country, before a capitalised sentence.
        (
            "Port-au-Prince, Haiti — Gangs blocked the road.",
            dl("Port-au-Prince, Haiti", None),
        ),
        ("Washington — The Senate voted.", dl("Washington", None)),
        (
            "Kyiv, Ukraine – \"We will rebuild,\" the mayor said.",
            dl("Kyiv, Ukraine", None),
        ),
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
        "Paris — the city of light — glowed.",
        "Paris Hilton — The heiress spoke.",
        "Jordan Peterson, Author — He spoke.",
        "Officials — Speaking privately — said it failed.",
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

#[test]
fn reads_datelines_in_any_case_with_a_date() {
    let cases = [
        (
            "Toronto, March 30 - Noranda said",
            dl("Toronto", Some("March 30")),
        ),
        (
            "Vancouver, British Columbia, March 17 - x",
            dl("Vancouver, British Columbia", Some("March 17")),
        ),
        (
            "BALDWIN Park, Calif, March 30 - x",
            dl("Baldwin Park, Calif", Some("March 30")),
        ),
        (
            "L'Ange-Gardien, Que., Oct 19 - x",
            dl("L'Ange-Gardien, Que.", Some("Oct 19")),
        ),
        // Typed all in lower case: shown in title case.
        ("sioux city, april 7 - x", dl("Sioux City", Some("april 7"))),
        ("st louis, april 7 - x", dl("St Louis", Some("april 7"))),
        // A known city with a word typed in lower case.
        (
            "Mexico city, april 1 - x",
            dl("Mexico City", Some("april 1")),
        ),
        // Weather lines carry a second dash.
        (
            "Sioux Falls, April 7 - Clear/calm/43 degrees - x",
            dl("Sioux Falls", Some("April 7")),
        ),
    ];
    for (body, want) in cases {
        assert_eq!(extract(body), want, "{body:?}");
    }
}

#[test]
fn reads_months_as_desks_typed_them() {
    let cases = [
        ("NEW YORK, MARCH 20 - x", dl("New York", Some("MARCH 20"))),
        ("NEW YORK, FEb 26 - x", dl("New York", Some("FEb 26"))),
        ("DALLAS, APril 3 - x", dl("Dallas", Some("APril 3"))),
        (
            "ROSEMONT, Ill., Macrh 31 - x",
            dl("Rosemont, Ill.", Some("Macrh 31")),
        ),
        ("RENO, Nev., Mach 4 - x", dl("Reno, Nev.", Some("Mach 4"))),
        ("NEW YORK, Juen 19 - x", dl("New York", Some("Juen 19"))),
        (
            "MAITLAND, Fla., Jne 19 - x",
            dl("Maitland, Fla.", Some("Jne 19")),
        ),
        (
            "TAFT, Calif., Apri l7 - x",
            dl("Taft, Calif.", Some("Apri l7")),
        ),
        ("BELGRADE, March 2O - x", dl("Belgrade", Some("March 2O"))),
        ("BUENOS AIRES, ABR 9 - x", dl("Buenos Aires", Some("ABR 9"))),
        (
            "EVANDALE, Ohio, April, 13 - x",
            dl("Evandale, Ohio", Some("April, 13")),
        ),
        ("AMSTERDAM, 2 March - x", dl("Amsterdam", Some("2 March"))),
        (
            "LONDON, Sept. 5, 1987 - x",
            dl("London", Some("Sept. 5, 1987")),
        ),
        // "CHICAGO, April -": a month without a day.
        ("CHICAGO, April - x", dl("Chicago", Some("April"))),
    ];
    for (body, want) in cases {
        assert_eq!(extract(body), want, "{body:?}");
    }
}

#[test]
fn reads_odd_punctuation_around_the_date() {
    let cases = [
        // No space before the dash, a comma or "Reuter" after the day.
        ("MONTREAL, Feb 26- x", dl("Montreal", Some("Feb 26"))),
        (
            "WASHINGTON, June 19, - x",
            dl("Washington", Some("June 19")),
        ),
        ("ROME, March 13, Reuter - x", dl("Rome", Some("March 13"))),
        // No comma, or no space after it, or a space before it.
        ("PARIS,March 16 - x", dl("Paris", Some("March 16"))),
        (
            "MINNEAPOLIS, MINN.,March 13 - x",
            dl("Minneapolis, Minn.", Some("March 13")),
        ),
        ("ATLANTA , March 3 - x", dl("Atlanta", Some("March 3"))),
        (
            "OKLAHOMA CITY, Okla. March 11, Reuter - x",
            dl("Oklahoma City, Okla.", Some("March 11")),
        ),
        // A stray dash before the date, a trailing comma before the dash.
        (
            "KANSAS CITY, Mo. - March 13 - x",
            dl("Kansas City, Mo.", Some("March 13")),
        ),
        (
            "ROCKVILLE, Md, - March 6 - x",
            dl("Rockville, Md", Some("March 6")),
        ),
        ("SAN JOSE, Calif., - x", dl("San Jose, Calif.", None)),
        // Two regions; stars before the city.
        (
            "GEORGETOWN, Grand Cayman, British West Indies, March 25 - x",
            dl(
                "Georgetown, Grand Cayman, British West Indies",
                Some("March 25"),
            ),
        ),
        (
            "****SAO PAULO, March 26 - x",
            dl("Sao Paulo", Some("March 26")),
        ),
        (
            "WINSTON-SALEM, N.C., Sept 3 - x",
            dl("Winston-Salem, N.C.", Some("Sept 3")),
        ),
    ];
    for (body, want) in cases {
        assert_eq!(extract(body), want, "{body:?}");
    }
}

#[test]
fn dated_forms_do_not_take_sentences_or_table_headings() {
    let cases = [
        "Shares rose, March 3 - analysts said.",
        "On Tuesday, March 3 - the day of the vote - Congress met.",
        "As of April 7 - stocks",
        "The company, March 3 - its results",
        "London - the capital - voted.",
        "ZURICH GOLD OPENING - APRIL 7 pool 420.50-423.50",
        "U.S. DIVIDEND MEETINGS - MARCH 3\n\nMickelberry Corp",
        "MADRID EXCHANGES FIXINGS - ABR 7 071402 US 127.528",
        "Smith, Jane 3 - x",
        "It rose, the 3 - x",
    ];
    for body in cases {
        assert_eq!(extract(body), None, "{body:?}");
    }
}

#[test]
fn months_allow_one_slip_of_the_keys() {
    for w in [
        "March", "MARCH", "Macrh", "Mach", "Narch", "Apri", "Juen", "Jne", "Sept", "abr", "Marc",
        "Junee", "Marchg",
    ] {
        assert!(month_like(w), "{w}");
    }
    for w in [
        "Jane", "Mark", "Monday", "Mar8", "Augusta", "the", "Main", "Am", "Mayor", "Marcia",
    ] {
        assert!(!month_like(w), "{w}");
    }
}
