//! Ways of writing the same name in news: abbreviations and what they stand for (`U.N.` =
//! "United Nations", `IMF` = "International Monetary Fund", `G20` = "Group of 20"), and places
//! and their adjectives (`Italy` = `Italian`, `data/demonyms.txt`). A query word in one form
//! also counts the other forms, in matching and in ranking.
//!
//! Only abbreviations that are unambiguous in news text are listed. The pronoun "us" is never
//! read as `U.S.`: the form must be written with dots or in capitals.

use std::sync::{LazyLock, OnceLock};

use crate::analysis::{self, QueryWord};
use crate::search::concept::{Spelling, phrase_spellings};

/// Each set lists the ways of writing one name.
const SETS: &[&[&str]] = &[
    &["U.S.", "United States"],
    &["U.N.", "United Nations"],
    &["U.K.", "United Kingdom"],
    &["USSR", "Soviet Union"],
    &["UAE", "United Arab Emirates"],
    &["EU", "European Union"],
    &["EC", "European Community"],
    &["EEC", "European Economic Community"],
    &["ECB", "European Central Bank"],
    &["IMF", "International Monetary Fund"],
    &["WTO", "World Trade Organization"],
    &["GATT", "General Agreement on Tariffs and Trade"],
    &[
        "OPEC",
        "Organization of Petroleum Exporting Countries",
        "Organization of the Petroleum Exporting Countries",
    ],
    &[
        "OECD",
        "Organisation for Economic Cooperation and Development",
    ],
    &["NATO", "North Atlantic Treaty Organization"],
    &["ASEAN", "Association of Southeast Asian Nations"],
    &["APEC", "Asia-Pacific Economic Cooperation"],
    &["G20", "Group of 20", "Group of Twenty"],
    &["G7", "Group of Seven"],
    &["G8", "Group of Eight"],
    &["IAEA", "International Atomic Energy Agency"],
    &["PLO", "Palestine Liberation Organization"],
    &["CIA", "Central Intelligence Agency"],
    &["FBI", "Federal Bureau of Investigation"],
    &["GDP", "gross domestic product"],
    &["GNP", "gross national product"],
    &["COVID-19", "COVID", "coronavirus"],
    &["WHO", "World Health Organization"],
    &["UNHCR", "United Nations High Commissioner for Refugees"],
    &["UNICEF", "United Nations Children's Fund"],
    &[
        "UNSC",
        "U.N. Security Council",
        "United Nations Security Council",
    ],
    &["ICJ", "International Court of Justice"],
    &["ECHR", "European Court of Human Rights"],
    &["IOC", "International Olympic Committee"],
    &["IEA", "International Energy Agency"],
    &["FAO", "Food and Agriculture Organization"],
    &["WFP", "World Food Programme", "World Food Program"],
    &[
        "OSCE",
        "Organization for Security and Co-operation in Europe",
        "Organisation for Security and Co-operation in Europe",
    ],
    &[
        "SCO",
        "Shanghai Cooperation Organisation",
        "Shanghai Cooperation Organization",
    ],
    &["ECOWAS", "Economic Community of West African States"],
    &["NAFTA", "North American Free Trade Agreement"],
    &["IDF", "Israel Defense Forces", "Israel Defence Forces"],
    &["NHS", "National Health Service"],
    &["FDA", "Food and Drug Administration"],
    &[
        "CDC",
        "Centers for Disease Control and Prevention",
        "Centers for Disease Control",
    ],
    &["EPA", "Environmental Protection Agency"],
    &["SEC", "Securities and Exchange Commission"],
    &["DOJ", "Justice Department", "Department of Justice"],
    &["BOJ", "Bank of Japan"],
    &["PBOC", "People's Bank of China"],
    &["AI", "artificial intelligence"],
];

/// One way of writing a name, analysed: the indexed form of each word (None for a stop word).
#[derive(Debug)]
struct Form {
    words: Vec<Option<String>>,
    spellings: Vec<Spelling>,
}

const DEMONYMS: &str = include_str!("data/demonyms.txt");

/// `Place: Adjective, …` lines.
fn demonym_sets() -> impl Iterator<Item = Vec<&'static str>> {
    DEMONYMS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .map(|(place, adjectives)| {
            std::iter::once(place.trim())
                .chain(adjectives.split(',').map(str::trim))
                .filter(|w| !w.is_empty())
                .collect()
        })
}

fn form(text: &str) -> Form {
    let words = analysis::analyze_query(text, analysis::NEWS);
    Form {
        words: words.iter().map(|w| w.joined.clone()).collect(),
        spellings: phrase_spellings(&words, 0),
    }
}

/// Every set as written.
static RAW: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    SETS.iter()
        .map(|set| set.to_vec())
        .chain(demonym_sets())
        .collect()
});

/// Each set analysed when a query first needs it: analysing all of them (about 300 names)
/// cost a short `newsdex search` process a tenth of its work.
static FORMS: LazyLock<Vec<OnceLock<Vec<Form>>>> =
    LazyLock::new(|| RAW.iter().map(|_| OnceLock::new()).collect());

fn forms(set: usize) -> &'static [Form] {
    FORMS[set].get_or_init(|| RAW[set].iter().map(|t| form(t)).collect())
}

/// The first character of a form's first indexed word, read off the form as written: its
/// first letter or digit, lower-cased (the analyzer lower-cases and stems word endings only;
/// a test checks every listed form). None when that is not plain ASCII (folding could change
/// it), and such a set is always analysed.
fn key(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .filter(char::is_ascii)
        .map(|c| c.to_ascii_lowercase())
}

/// The sets, in order, that have a form whose first indexed word may start with one of
/// `firsts`: the only ones that can match such words.
fn sets_starting_with(firsts: &[char]) -> impl Iterator<Item = usize> + '_ {
    RAW.iter()
        .enumerate()
        .filter(|(_, set)| {
            set.iter()
                .any(|t| key(t).is_none_or(|k| firsts.contains(&k)))
        })
        .map(|(i, _)| i)
}

/// "us" typed in lower case is the pronoun, not the country; "who" and "sec" are words too.
fn pronoun(typed: &str) -> bool {
    matches!(typed, "us" | "who" | "sec")
}

/// The other spellings of one typed word that has them ("U.N." → "united nations", "Italian"
/// → "itali").
pub fn of_word(w: &QueryWord) -> Vec<Spelling> {
    let Some(term) = &w.joined else {
        return Vec::new();
    };
    if pronoun(&w.text) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let first: Vec<char> = term.chars().take(1).collect();
    for set in sets_starting_with(&first).map(forms) {
        let is_this = |f: &Form| f.words.len() == 1 && f.words[0].as_ref() == Some(term);
        if set.iter().any(is_this) {
            for f in set.iter().filter(|f| !is_this(f)) {
                out.extend(f.spellings.iter().cloned());
            }
        }
    }
    out
}

/// Runs of typed words that spell out a name: `(start, length, other spellings)` for each,
/// given the indexed form of each typed word (None for a stop word or a non-word).
pub fn of_runs(words: &[Option<String>]) -> Vec<(usize, usize, Vec<Spelling>)> {
    let mut out = Vec::new();
    let firsts: Vec<char> = words
        .iter()
        .flatten()
        .filter_map(|w| w.chars().next())
        .collect();
    for set in sets_starting_with(&firsts).map(forms) {
        for form in set.iter().filter(|f| f.words.len() > 1) {
            let n = form.words.len();
            for start in 0..words.len().saturating_sub(n - 1) {
                if words[start..start + n] != form.words[..] {
                    continue;
                }
                let others = set
                    .iter()
                    .filter(|f| !std::ptr::eq(*f, form))
                    .flat_map(|f| f.spellings.iter().cloned())
                    .collect();
                out.push((start, n, others));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> QueryWord {
        analysis::analyze_query(text, analysis::NEWS).remove(0)
    }

    fn terms(s: &Spelling) -> Vec<(u32, &str)> {
        s.terms.iter().map(|(o, t)| (*o, t.as_str())).collect()
    }

    #[test]
    fn abbreviations_spell_out() {
        let s = of_word(&word("U.N."));
        assert_eq!(
            s.iter().map(terms).collect::<Vec<_>>(),
            vec![vec![(0, "unit"), (1, "nation")]]
        );
        let g20 = of_word(&word("G-20"));
        assert_eq!(
            terms(&g20[0]),
            vec![(0, "group"), (2, "20")],
            "stop word keeps its gap"
        );
        assert!(of_word(&word("us")).is_empty(), "the pronoun");
        assert!(of_word(&word("who")).is_empty(), "the pronoun");
        assert_eq!(
            terms(&of_word(&word("WHO"))[0]),
            vec![(0, "world"), (1, "health"), (2, "organiz")]
        );
        let covid = of_word(&word("Covid-19"));
        assert!(covid.contains(&Spelling::term("covid")), "{covid:?}");
        assert_eq!(of_word(&word("US")).len(), 1);
        assert!(of_word(&word("summit")).is_empty());
    }

    #[test]
    fn every_form_starts_as_written() {
        // What lets a query analyse only the sets that can match its words.
        for set in RAW.iter() {
            for text in set {
                let words = analysis::analyze_query(text, analysis::NEWS);
                let first = words.first().and_then(|w| w.joined.as_ref());
                assert_eq!(
                    first.and_then(|j| j.chars().next()),
                    key(text),
                    "{text:?} analyses to {first:?}"
                );
            }
        }
    }

    #[test]
    fn places_and_adjectives() {
        assert_eq!(of_word(&word("Italian")), vec![Spelling::term("itali")]);
        assert_eq!(of_word(&word("Britain")), vec![Spelling::term("british")]);
        let typed: Vec<Option<String>> = ["south", "african"]
            .iter()
            .map(|w| word(w).joined)
            .collect();
        let runs = of_runs(&typed);
        assert_eq!(runs.len(), 1);
        assert_eq!(terms(&runs[0].2[0]), vec![(0, "south"), (1, "africa")]);
        for set in demonym_sets() {
            assert!(set.len() >= 2, "{set:?}");
        }
    }

    #[test]
    fn names_spelled_out_find_their_abbreviation() {
        let typed: Vec<Option<String>> = ["talks", "at", "the", "united", "nations"]
            .iter()
            .map(|w| word(w).joined)
            .collect();
        let runs = of_runs(&typed);
        assert_eq!(runs.len(), 1);
        assert_eq!((runs[0].0, runs[0].1), (3, 2));
        assert_eq!(runs[0].2, vec![Spelling::term("un")]);
        let g: Vec<Option<String>> = ["group", "of", "twenty"]
            .iter()
            .map(|w| word(w).joined)
            .collect();
        let runs = of_runs(&g);
        assert!(runs[0].2.contains(&Spelling::term("g20")), "{runs:?}");
    }
}
