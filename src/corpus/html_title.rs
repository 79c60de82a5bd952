//! An HTML page's headline: telling the story's title from the site's name ("Headline |
//! Site", a logo in an `<h1>`), and pages that are no story at all (bot checks, errors).
//! Part of [`super::html`], split out for size.

use scraper::ElementRef;

/// Titles of the pages a scraper gets instead of the story: bot checks, errors, log-ins.
const ERROR_TITLES: &[(&str, &str)] = &[
    ("just a moment", "a bot-check page"),
    ("attention required", "a bot-check page"),
    ("are you a robot", "a bot-check page"),
    ("access denied", "an access-denied page"),
    ("403 forbidden", "an access-denied page"),
    ("page not found", "a page-not-found page"),
    ("404 not found", "a page-not-found page"),
    ("404 error", "a page-not-found page"),
    ("error 404", "a page-not-found page"),
    ("500 internal server error", "a server-error page"),
    ("502 bad gateway", "a server-error page"),
    ("503 service unavailable", "a server-error page"),
    ("sign in", "a sign-in page"),
    ("log in", "a sign-in page"),
];

/// What a short page whose title says it is an error, bot-check or sign-in page is.
pub(super) fn error_page(page_title: &str, title: &str, body: &str) -> Option<&'static str> {
    if body.len() > 1_500 {
        return None;
    }
    let starts = |t: &str, p: &str| {
        t.len() >= p.len() && t.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    ERROR_TITLES
        .iter()
        .find(|(p, _)| [page_title, title].iter().any(|t| starts(t.trim(), p)))
        .map(|(_, what)| *what)
}

/// An element marked as the site's logo or brand.
pub(super) fn logo(el: ElementRef) -> bool {
    el.value().classes().chain(el.value().id()).any(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("logo") || c.contains("brand") || c.contains("masthead") || c == "site-title"
    })
}

/// Splits "Headline | Site" (or " - ", " — ", " – ") into the headline and the site name, when
/// the tail looks like a name: short, no sentence punctuation, and after a dash every word
/// capitalised ("Biden - Trump debate: what we learned" and "COVID-19 - latest updates" are
/// headlines). Of "Headline | Section | Site", the headline is the first part.
pub(super) fn split_site(title: &str) -> (String, Option<String>) {
    for sep in [" | ", " — ", " – ", " - ", " :: ", " · "] {
        let Some(at) = title.rfind(sep) else {
            continue;
        };
        let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
        let dash = matches!(sep, " — " | " – " | " - ");
        if head.is_empty() || !site_like(tail, dash) {
            break;
        }
        // "Headline | World | Site": the section between goes too.
        let head = match head.split_once(sep) {
            Some((first, rest)) if sep == " | " && site_like(rest.trim(), false) => first.trim(),
            _ => head,
        };
        return (head.to_string(), Some(tail.to_string()));
    }
    (title.to_string(), None)
}

/// Whether a title's tail reads as a site name; `capitalised` asks every word to start with
/// a capital or a digit (small words aside), as after a dash headlines often have a tail too.
fn site_like(tail: &str, capitalised: bool) -> bool {
    let words: Vec<&str> = tail.split_whitespace().collect();
    if tail.is_empty() || tail.len() > 50 || words.len() > 5 {
        return false;
    }
    if tail.contains([':', '?', '!', ',', ';']) {
        return false;
    }
    !capitalised
        || words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(*w, "of" | "the" | "and" | "&" | "on" | "de" | "la" | "le")
        })
}

/// og:title sometimes repeats the site name; drop it only when it is the site's (as
/// og:site_name or the page title's tail names it).
pub(super) fn strip_site(title: &str, sites: &[String]) -> String {
    match split_site(title) {
        (head, Some(tail)) if sites.iter().any(|s| tail.eq_ignore_ascii_case(s)) => head,
        _ => title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes() {
        for (title, head, site) in [
            ("Headline | Site", "Headline", Some("Site")),
            ("A - B - Site Name", "A - B", Some("Site Name")),
            ("Headline — The Guardian", "Headline", Some("The Guardian")),
            ("No suffix here", "No suffix here", None),
            (
                "Headline | World | The Ledger",
                "Headline",
                Some("The Ledger"),
            ),
            ("Headline - BBC News", "Headline", Some("BBC News")),
            (
                "Biden - Trump debate: what we learned",
                "Biden - Trump debate: what we learned",
                None,
            ),
            (
                "COVID-19 - latest updates",
                "COVID-19 - latest updates",
                None,
            ),
            ("| Site", "| Site", None),
            (
                "Headline | this tail is far too long to be a site name at all",
                "Headline | this tail is far too long to be a site name at all",
                None,
            ),
        ] {
            assert_eq!(
                split_site(title),
                (head.to_string(), site.map(str::to_string)),
                "{title}"
            );
        }
        let sites = ["example".to_string()];
        assert_eq!(strip_site("Head | Example", &sites), "Head");
        assert_eq!(strip_site("Head - Example", &sites), "Head");
        assert_eq!(strip_site("Head | Other", &sites), "Head | Other");
    }
}
