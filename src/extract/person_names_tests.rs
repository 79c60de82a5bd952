//! Table-driven tests for finding and judging name runs.

use super::super::tokens::tokenize;
use super::*;

/// The names each run of `text` yields, as text ("=" prefix for cued singles).
fn names(text: &str) -> Vec<String> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    for (_, v) in classify_all(&toks, &runs(&toks)) {
        match v {
            Verdict::Full { start, end } => {
                out.push(text[toks[start].start..toks[end - 1].end].to_string())
            }
            Verdict::Cued { at } => out.push(format!("={}", toks[at].text(text))),
            Verdict::Unknown => {}
        }
    }
    out
}

#[test]
fn full_names_from_runs() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        ("President Barack Obama held talks.", &["Barack Obama"]),
        ("U.S. President Barack Obama spoke.", &["Barack Obama"]),
        (
            "French President Francois Hollande and Chancellor Angela Merkel of Germany met.",
            &["Francois Hollande", "Angela Merkel"],
        ),
        (
            "Secretary of State John Kerry and Russian Foreign Minister Sergei Lavrov met.",
            &["John Kerry", "Sergei Lavrov"],
        ),
        (
            "Kremlin spokesman Dmitry Peskov said it went well.",
            &["Dmitry Peskov"],
        ),
        (
            "He met Xi Jinping and Kim Jong Un.",
            &["Xi Jinping", "Kim Jong Un"],
        ),
        (
            "Syrian President Bashar al-Assad spoke.",
            &["Bashar al-Assad"],
        ),
        (
            "Ursula von der Leyen and Osama bin Laden.",
            &["Ursula von der Leyen", "Osama bin Laden"],
        ),
        (
            "Prime Minister Theresa May spoke on Monday.",
            &["Theresa May"],
        ),
        (
            "George W. Bush and J. Smith.",
            &["George W. Bush", "J. Smith"],
        ),
        ("Jean-Claude Juncker said so.", &["Jean-Claude Juncker"]),
        (
            "Recep Tayyip Erdoğan and François Hollande met.",
            &["Recep Tayyip Erdoğan", "François Hollande"],
        ),
        (
            "President Obama and Mr. Smith agreed.",
            &["=Obama", "=Smith"],
        ),
        ("Nadim Ladki said the bank would act.", &["Nadim Ladki"]),
        ("The plan, said Hamid Karzai, works.", &["Hamid Karzai"]),
        (
            "Manchester United striker Eric Cantona scored.",
            &["Eric Cantona"],
        ),
        (
            "70 Willie Blair\nTony Gwynn 68",
            &["Willie Blair", "Tony Gwynn"],
        ),
        ("Economist Alonso Cervera said so.", &["Alonso Cervera"]),
        (
            "The Director-General Mutawakel Taha spoke.",
            &["Mutawakel Taha"],
        ),
        (
            "72 Tim Herron , Greg Norman , Anders Forsbrand",
            &["Tim Herron", "Greg Norman", "Anders Forsbrand"],
        ),
        ("Mark Waugh Hits Century As Australia Win", &["Mark Waugh"]),
        (
            "Hillary Clinton Goes After Donald Trump As The New Mitt Romney.",
            &["Hillary Clinton", "Donald Trump", "Mitt Romney"],
        ),
        ("Jordan Wins Title As Leaders Meet", &[]),
        (
            "Queen Elizabeth I and King Henry VIII and Pope John Paul II met.",
            &["Elizabeth I", "Henry VIII", "John Paul II"],
        ),
        ("The Hong Kong-based firm grew.", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(&names(text), want, "{text:?}");
    }
}

#[test]
fn rejects_places_orgs_and_headlines() {
    let cases: &[&str] = &[
        "New York and Wall Street and the White House.",
        "Goldman Sachs said profits rose.",
        "Morgan Stanley said profits rose.",
        "The United Nations said.",
        "Prime Minister said nothing.",
        "On Monday the Kremlin said.",
        "He flew to Hong Kong in March.",
        "OBAMA MEETS PUTIN IN CHINA",
        "Obama, Putin Discuss Syria Cease-fire at G-20 in Hangzhou",
        "General Motors said sales rose.",
        "The Security Council met in New York.",
        "Deutsche Bank AG said.",
        "Jordan Valley and Sydney Harbour.",
        "The European Commission said on Thursday.",
        "Reuters reported.",
    ];
    for text in cases {
        assert_eq!(names(text), Vec::<String>::new(), "{text:?}");
    }
}
